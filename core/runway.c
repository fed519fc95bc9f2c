/* runway.c - how long each phase's configuration lasts.
 *
 * For every capacity threshold the roadmap names (a move's metric or
 * response-time indicator, or a <limit>) and every phase's configuration:
 * the month the threshold would first be crossed if the business kept
 * growing on that configuration.  Run i (for i < PC_RUNWAY_RUNS) is
 * simulated again once per phase, pinned to it from month 0 and never
 * moving; its world stream is the same as the run that moves (run.c), so
 * the business is the same and only the configuration differs.  The first
 * month each threshold holds (for its sustained-months) is kept per run, and
 * the aggregate counts them exactly (mergeable across shards), the horizon
 * standing for "beyond".
 *
 * A phase p > 0 is "needed by load" when, on phase p-1's configuration, one
 * of p's own capacity indicators holds (P50 over runs) no later than the
 * month p's move is decided (P50): the phase's upgrade answers load.
 * Otherwise the report flags it: business events decided the move before
 * its own capacity metrics needed it.
 */
#include "pc-private.h"

#include "pc-aggregate.h"

/* The item's first month on @pinned's phase, -1 never, or not applicable. */
static int
item_month (const PcRunwayItem *item, guint phase, const PcRunResult *pinned)
{
  const PcIndicator *ind = item->indicator;
  if (ind->decl->kind == PC_IND_METRIC && ind->component_by_phase[phase] < 0)
    return PC_RUNWAY_NOT_APPLICABLE;
  return item->limit ? pinned->limit_fired[item->index] : pinned->indicator_fired[item->index];
}

gboolean
pc_runway_attach (const PcModel *model, guint64 seed, guint index, PcRunResult *result, GError **error)
{
  if (index >= PC_RUNWAY_RUNS || model->n_runway == 0)
    return TRUE;
  result->runway_month = g_new (int, (gsize) model->n_phases * model->n_runway);
  for (guint p = 0; p < model->n_phases; p++) {
    g_autoptr (PcRun) run = pc_run_new (model, seed, index, PC_DETAIL_NONE, error);
    if (run == NULL)
      return FALSE;
    pc_run_pin_phase (run, p);
    if (!pc_run_step (run, model->scenario->horizon_months, error)) {
      g_prefix_error (error, "runway of phase %s: ", model->phases[p].decl->id);
      return FALSE;
    }
    g_autoptr (PcRunResult) pinned = pc_run_finish (g_steal_pointer (&run));
    for (guint j = 0; j < model->n_runway; j++)
      result->runway_month[p * model->n_runway + j] = item_month (&model->runway[j], p, pinned);
  }
  return TRUE;
}

/* A month quantile, NAN when it lies beyond the horizon. */
static double
within_horizon (double month, guint horizon)
{
  return month > horizon - 1 ? NAN : month;
}

static PcRunwayReport
runway_report (const PcMonthCounts *counts, guint horizon)
{
  PcRunwayReport r = { counts->total > 0, (guint) counts->total, 0, { NAN, NAN, NAN, FALSE } };
  if (counts->total == 0)
    return r;
  r.crossed_probability = (double) (counts->total - counts->counts[horizon]) / (double) counts->total;
  r.month = (PcPercentiles) { within_horizon (pc_month_counts_quantile (counts, 0.10), horizon),
                              within_horizon (pc_month_counts_quantile (counts, 0.50), horizon),
                              within_horizon (pc_month_counts_quantile (counts, 0.90), horizon), TRUE };
  return r;
}

/* Sets phase @p's load flag: the earliest P50 month, on phase p-1's
 * configuration, at which one of p's capacity indicators holds. */
static void
flag_phase (PcReport *report, guint p)
{
  const PcModel *model = report->model;
  PcPhaseReport *out = &report->phases[p];
  out->capacity_month = out->capacity_item = -1;
  out->load_driven = FALSE;
  for (guint j = 0; p > 0 && j < model->n_runway; j++) {
    const PcRunwayReport *r = &report->runway[(p - 1) * model->n_runway + j];
    if (model->runway[j].limit || model->runway[j].indicator->phase != p || !r->applicable || isnan (r->month.p50))
      continue;
    if (out->capacity_month < 0 || r->month.p50 < out->capacity_month) {
      out->capacity_month = (int) ceil (r->month.p50);
      out->capacity_item = (int) j;
    }
  }
  out->load_driven = out->capacity_month >= 0 && out->decided_month.valid &&
                     out->capacity_month <= out->decided_month.p50;
}

void
pc_report_runway (PcReport *report, const PcAggregate *aggregate)
{
  const PcModel *model = report->model;
  guint horizon = model->scenario->horizon_months;
  report->runway = g_new0 (PcRunwayReport, (gsize) model->n_phases * MAX (model->n_runway, 1));
  for (guint i = 0; i < model->n_phases * model->n_runway; i++)
    report->runway[i] = runway_report (aggregate->runway[i], horizon);
  for (guint p = 0; p < model->n_phases; p++)
    flag_phase (report, p);
}
