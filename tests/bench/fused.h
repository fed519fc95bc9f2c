/* fused.h - the reference the benchmark holds phasecast against: the same
 * kind of work as a phasecast run, written as one fused C loop with no
 * plugins, checks or percentile summaries (fused.c says what it does). */
#pragma once

#include "phasecast.h"

G_BEGIN_DECLS

typedef struct _FusedModel FusedModel;

/* Reads from @model everything the loop needs: its phases' component
 * counts, the prices each component charges and how many lines, the
 * month's load levels, growth, events and trigger indicators.  Fails when
 * the model is not the kind the loop knows (logistic growth). */
FusedModel *fused_model_new (const PcModel *model, GError **error);
void fused_model_free (FusedModel *fused);
/* Simulates @runs runs on this thread; adds their component-months to
 * @component_months.  Returns a checksum (the mean total cost), so the
 * compiler cannot drop the work. */
double fused_simulate (const FusedModel *fused, guint runs, guint64 *component_months);
/* The same, on several threads: each takes the next of @runs runs from
 * *@next (atomically) until none is left, as phasecast's threads do, so a
 * core the host slows down takes fewer of them.  Returns this thread's
 * share of the checksum. */
double fused_simulate_shared (const FusedModel *fused, gint *next, guint runs, guint64 *component_months);
/* Load levels a month has, and price lines a component-month charges on
 * average (what the loop took from the model). */
guint fused_n_levels (const FusedModel *fused);
double fused_lines_per_component_month (const FusedModel *fused);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (FusedModel, fused_model_free)

G_END_DECLS
