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
  /* Budgets (budget.c) and why phases moved when they did (why.c): */
  double *budget_usd;                /* [n_phases] the budgets over_budget counts against, NAN if none */
  PcSketch **phase_peak_cost;        /* [n_phases] a run's highest monthly USD in the phase */
  PcMonthCounts **phase_over_budget; /* [n_phases] a run's first month in the phase over its budget */
  PcMonthCounts **phase_waited;      /* [n_phases] runs whose move waited for the previous phase: the decision
                                      * month, or n_months when the previous phase was never entered */
  PcMonthCounts **indicator_held_back; /* [n_indicators] the month it held its phase back until; n_months: to the end */
  /* Money by period (periods.c): */
  GArray *periods;                   /* PcPeriod */
  PcSketch **period_cost, **period_revenue;            /* [n_periods] USD */
  PcSketch **period_per_customer, **period_per_user;   /* [n_periods] USD per customer- or user-month */
  PcSketch **period_share;                             /* [n_periods] cost / revenue */
};

/* P10, P50, P90 of a summary; not valid when it is empty. */
PcPercentiles pc_sketch_percentiles (const PcSketch *sketch);
PcPercentiles pc_month_counts_percentiles (const PcMonthCounts *counts);

typedef void (*PcCountsVisitor) (gpointer data, const char *name, guint index, PcMonthCounts *counts);
typedef void (*PcSketchVisitor) (gpointer data, const char *name, guint index, PcSketch *sketch);
/* Visits every summary in a fixed order with a stable (name, index). */
void pc_aggregate_visit (PcAggregate *aggregate, PcCountsVisitor on_counts, PcSketchVisitor on_sketch,
                         gpointer data);

G_END_DECLS
