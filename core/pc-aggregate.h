/* pc-aggregate.h - constant-memory, mergeable summaries of many runs
 * (aggregate.c). */
#pragma once

#include "phasecast.h"
#include "pc-sketch.h"

G_BEGIN_DECLS

struct _PcAggregate {
  guint runs;
  guint n_phases, n_indicators, n_months, n_runway;
  PcMonthCounts **phase_decided;     /* [n_phases] */
  PcMonthCounts **phase_entered;     /* [n_phases] */
  PcSketch **phase_downtime;         /* [n_phases] minutes */
  PcSketch **phase_cost;             /* [n_phases] a run's mean monthly USD over its months in the phase */
  PcMonthCounts **indicator_fired;   /* [n_indicators] */
  PcMonthCounts **indicator_held;    /* [n_indicators] decision months of its phase at which it held */
  PcMonthCounts **runway;            /* [n_phases * n_runway] first month crossed, n_months = beyond the horizon */
  PcSketch **indicator_value;        /* [n_indicators * n_months]: indicator-major */
  PcSketch **month_cost;             /* [n_months] USD */
  PcSketch **month_customers;
  PcSketch **month_users;
  PcSketch **month_quotes;
  PcSketch *run_total;               /* USD over the horizon, with run indices */
};

typedef void (*PcCountsVisitor) (gpointer data, const char *name, guint index, PcMonthCounts *counts);
typedef void (*PcSketchVisitor) (gpointer data, const char *name, guint index, PcSketch *sketch);
/* Visits every summary in a fixed order with a stable (name, index). */
void pc_aggregate_visit (PcAggregate *aggregate, PcCountsVisitor on_counts, PcSketchVisitor on_sketch,
                         gpointer data);

G_END_DECLS
