/* report.c - many runs through a thread pool, aggregated into a PcReport.
 *
 * Run i always uses the stream seeded from (seed, i) and writes its result
 * into slot i, so the report is the same for any thread count or finishing
 * order.  Percentiles (P10/P50/P90) are GSL's linear-interpolation
 * quantiles of the sorted samples:
 *   entered/decided month: over the runs that entered the phase;
 *   monthly cost: over every (run, month) spent in the phase, so a single
 *     run reports the range of its months in the phase;
 *   fired month: over the runs in which the indicator fired.
 * The "median run" (by total cost over the horizon, ties to the lower
 * index) is simulated again with per-component detail for the tables.
 */
#include "pc-private.h"

#include <gsl/gsl_errno.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

typedef struct {
  const PcModel *model;
  guint64 seed;
  PcRunResult **results;
  GMutex lock;
  GError *error;              /* of the lowest failing run index */
  guint error_index;
} PcBatch;

static gboolean
simulate_one (const PcModel *model, guint64 seed, guint index, gboolean detail, PcRunResult **out,
              GError **error)
{
  g_autoptr (PcRun) run = pc_run_new (model, seed, index, detail, error);
  if (run == NULL || !pc_run_step (run, model->scenario->horizon_months, error))
    return FALSE;
  *out = pc_run_finish (g_steal_pointer (&run));
  return TRUE;
}

static void
run_job (gpointer data, gpointer user_data)
{
  PcBatch *batch = user_data;
  guint index = GPOINTER_TO_UINT (data) - 1;
  GError *error = NULL;
  if (simulate_one (batch->model, batch->seed, index, FALSE, &batch->results[index], &error))
    return;
  g_mutex_lock (&batch->lock);
  if (batch->error == NULL || index < batch->error_index) {
    g_clear_error (&batch->error);
    batch->error = g_steal_pointer (&error);
    batch->error_index = index;
  }
  g_mutex_unlock (&batch->lock);
  g_clear_error (&error);
}

static gboolean
run_all (PcBatch *batch, guint runs, guint threads, GError **error)
{
  if (threads <= 1 || runs == 1) {
    for (guint i = 0; i < runs && batch->error == NULL; i++)
      run_job (GUINT_TO_POINTER (i + 1), batch);
  } else {
    GThreadPool *pool = g_thread_pool_new (run_job, batch, (int) threads, TRUE, error);
    if (pool == NULL)
      return FALSE;
    for (guint i = 0; i < runs; i++)
      g_thread_pool_push (pool, GUINT_TO_POINTER (i + 1), NULL);
    g_thread_pool_free (pool, FALSE, TRUE);
  }
  if (batch->error != NULL) {
    g_propagate_prefixed_error (error, g_steal_pointer (&batch->error), "run %u: ", batch->error_index);
    return FALSE;
  }
  return TRUE;
}

static PcPercentiles
percentiles (double *values, gsize n)
{
  PcPercentiles p = { NAN, NAN, NAN, n > 0 };
  if (n == 0)
    return p;
  gsl_sort (values, 1, n);
  p.p10 = gsl_stats_quantile_from_sorted_data (values, 1, n, 0.10);
  p.p50 = gsl_stats_quantile_from_sorted_data (values, 1, n, 0.50);
  p.p90 = gsl_stats_quantile_from_sorted_data (values, 1, n, 0.90);
  return p;
}

static void
aggregate_phase (PcReport *report, PcRunResult **results, guint p)
{
  guint runs = report->runs, n_months = report->model->scenario->horizon_months;
  g_autofree double *entered = g_new (double, runs), *decided = g_new (double, runs);
  g_autofree double *downtime = g_new (double, runs), *cost = g_new (double, (gsize) runs * n_months);
  gsize n_entered = 0, n_cost = 0;
  for (guint r = 0; r < runs; r++) {
    if (results[r]->phase_entered[p] < 0)
      continue;
    entered[n_entered] = results[r]->phase_entered[p];
    decided[n_entered] = results[r]->phase_decided[p];
    downtime[n_entered++] = results[r]->downtime_minutes[p];
    for (guint m = 0; m < n_months; m++)
      if (results[r]->months[m].phase == p)
        cost[n_cost++] = results[r]->months[m].state[PC_STATE_MONTHLY_COST];
  }
  PcPhaseReport *out = &report->phases[p];
  out->reached_probability = (double) n_entered / runs;
  out->entered_month = percentiles (entered, n_entered);
  out->decided_month = p > 0 ? percentiles (decided, n_entered) : (PcPercentiles) { NAN, NAN, NAN, FALSE };
  out->downtime_minutes = percentiles (downtime, n_entered);
  out->monthly_cost = percentiles (cost, n_cost);
}

static void
aggregate_indicator (PcReport *report, PcRunResult **results, guint i)
{
  g_autofree double *fired = g_new (double, report->runs);
  gsize n = 0;
  for (guint r = 0; r < report->runs; r++)
    if (results[r]->indicator_fired[i] >= 0)
      fired[n++] = results[r]->indicator_fired[i];
  report->indicators[i].fired_probability = (double) n / report->runs;
  report->indicators[i].fired_month = percentiles (fired, n);
}

typedef struct { double total; guint index; } PcRunTotal;

static gint
compare_totals (gconstpointer a, gconstpointer b)
{
  const PcRunTotal *ta = a, *tb = b;
  if (ta->total != tb->total)
    return ta->total < tb->total ? -1 : 1;
  return ta->index < tb->index ? -1 : ta->index > tb->index;
}

static guint
median_run_index (PcRunResult **results, guint runs)
{
  g_autofree PcRunTotal *totals = g_new (PcRunTotal, runs);
  for (guint r = 0; r < runs; r++) {
    totals[r] = (PcRunTotal) { 0, r };
    for (guint m = 0; m < results[r]->n_months; m++)
      totals[r].total += results[r]->months[m].state[PC_STATE_MONTHLY_COST];
  }
  qsort (totals, runs, sizeof *totals, compare_totals);
  return totals[(runs - 1) / 2].index;
}

/* Mean, min and max monthly cost of each slot over the median run's months
 * in each phase (NAN where the phase has no such component). */
static void
slot_costs (PcReport *report)
{
  const PcRunResult *run = report->median_run;
  for (guint p = 0; p < report->model->n_phases; p++) {
    PcPhaseReport *out = &report->phases[p];
    out->slot_mean_usd = g_new (double, run->n_slots);
    out->slot_min_usd = g_new (double, run->n_slots);
    out->slot_max_usd = g_new (double, run->n_slots);
    for (guint s = 0; s < run->n_slots; s++) {
      double sum = 0, low = INFINITY, high = -INFINITY;
      guint n = 0;
      for (guint m = 0; m < run->n_months; m++) {
        if (run->months[m].phase != p)
          continue;
        double usd = run->slot_usd[(gsize) m * run->n_slots + s];
        sum += usd, n++, low = MIN (low, usd), high = MAX (high, usd);
      }
      gboolean present = pc_model_component (report->model, p, s) != NULL;
      out->slot_mean_usd[s] = present && n ? sum / n : NAN;
      out->slot_min_usd[s] = present && n ? low : NAN;
      out->slot_max_usd[s] = present && n ? high : NAN;
    }
  }
}

static const PcComponentDecl *
component_in (const PcModel *model, guint phase, guint slot)
{
  const PcComponent *comp = pc_model_component (model, phase, slot);
  return comp ? comp->decl : NULL;
}

/* How far @value lies outside [@low, @high]; 0 inside. */
static double
outside (double value, double low, double high)
{
  return value < low ? value - low : value > high ? value - high : 0.0;
}

/* The roadmap's claim for @slot in @phase as a (min, max) change to the
 * phase total: an "added" claim as is; a total claim less the previous
 * phase's total claim for the same component. */
static gboolean
claim_change (const PcModel *model, guint phase, guint slot, double *low, double *high)
{
  const PcComponentDecl *decl = component_in (model, phase, slot);
  if (decl == NULL || isnan (decl->estimate_min))
    return FALSE;
  *low = decl->estimate_min, *high = decl->estimate_max;
  const PcComponentDecl *before = phase > 0 ? component_in (model, phase - 1, slot) : NULL;
  if (!decl->estimate_added && before && !isnan (before->estimate_min) && !before->estimate_added)
    *low -= before->estimate_min, *high -= before->estimate_max;
  return TRUE;
}

/* The mean monthly cost in phase @p of @slot, or of its claim's whole group. */
static double
claimed_cost (const PcReport *report, guint p, guint slot, const char *group)
{
  if (group == NULL)
    return report->phases[p].slot_mean_usd[slot];
  double sum = 0;
  for (guint c = 0; c < report->model->phases[p].n_components; c++) {
    const PcComponent *comp = &report->model->phases[p].components[c];
    if (g_strcmp0 (comp->decl->estimate_group, group) == 0)
      sum += report->phases[p].slot_mean_usd[comp->slot];
  }
  return sum;
}

static void
compare_slot (PcReport *report, guint p, guint s, double *sum_min, double *sum_max)
{
  PcPhaseReport *out = &report->phases[p];
  const PcComponentDecl *decl = component_in (report->model, p, s);
  double low, high;
  out->slot_claim_difference[s] = NAN;
  if (!claim_change (report->model, p, s, &low, &high))
    return;
  *sum_min += low, *sum_max += high;
  double modelled = claimed_cost (report, p, s, decl->estimate_group);
  if (decl->estimate_added && p > 0 && component_in (report->model, p - 1, s) != NULL)
    modelled -= claimed_cost (report, p - 1, s, decl->estimate_group);
  out->slot_claim_difference[s] = outside (modelled, decl->estimate_min, decl->estimate_max);
}

static void
rank_drivers (PcPhaseReport *out, guint n_slots)
{
  for (guint d = 0; d < G_N_ELEMENTS (out->drivers); d++) {
    out->drivers[d] = -1;
    for (guint s = 0; s < n_slots; s++) {
      double size = fabs (out->slot_claim_difference[s]);
      gboolean taken = FALSE;
      for (guint e = 0; e < d; e++)
        taken |= out->drivers[e] == (int) s;
      if (!taken && size >= 0.005 && (out->drivers[d] < 0 || size > fabs (out->slot_claim_difference[out->drivers[d]])))
        out->drivers[d] = (int) s;
    }
  }
}

/* Sets each phase's per-component differences from the roadmap's claims,
 * the total its claims imply, and the components driving the difference. */
static void
compare_with_claims (PcReport *report)
{
  const PcModel *model = report->model;
  for (guint p = 0; p < model->n_phases; p++) {
    PcPhaseReport *out = &report->phases[p];
    const PcPhaseDecl *before = p > 0 ? model->phases[p - 1].decl : NULL;
    double sum_min = before ? before->estimate_min : 0.0, sum_max = before ? before->estimate_max : 0.0;
    gboolean any = FALSE;
    out->slot_claim_difference = g_new (double, model->slots->len);
    for (guint s = 0; s < model->slots->len; s++) {
      compare_slot (report, p, s, &sum_min, &sum_max);
      any |= !isnan (out->slot_claim_difference[s]);
    }
    out->seed_sum_min = any ? sum_min : NAN;
    out->seed_sum_max = any ? sum_max : NAN;
    rank_drivers (out, model->slots->len);
  }
}

static PcReport *
report_new (const PcModel *model, guint runs, guint64 seed)
{
  PcReport *report = g_new0 (PcReport, 1);
  report->model = model;
  report->runs = runs;
  report->seed = seed;
  report->phases = g_new0 (PcPhaseReport, model->n_phases);
  report->indicators = g_new0 (PcIndicatorReport, model->n_indicators);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  return report;
}

void
pc_report_free (PcReport *report)
{
  if (report == NULL)
    return;
  for (guint p = 0; p < report->model->n_phases; p++) {
    g_free (report->phases[p].slot_mean_usd);
    g_free (report->phases[p].slot_min_usd);
    g_free (report->phases[p].slot_max_usd);
    g_free (report->phases[p].slot_claim_difference);
  }
  g_free (report->phases);
  g_free (report->indicators);
  pc_run_result_free (report->median_run);
  g_ptr_array_unref (report->warnings);
  g_free (report);
}

static void
free_results (PcRunResult **results, guint runs)
{
  for (guint r = 0; r < runs; r++)
    pc_run_result_free (results[r]);
  g_free (results);
}

/**
 * pc_simulate:
 * Runs the model's scenario @options->runs times (its own count when 0).
 * Returns: (transfer full): the report, or NULL with @error from the
 * lowest-numbered failing run.  The model must outlive the report.
 */
PcReport *
pc_simulate (const PcModel *model, const PcSimulateOptions *options, GError **error)
{
  gsl_set_error_handler_off ();   /* GSL would abort(); we check results instead */
  guint runs = options->runs ? options->runs : MAX (1u, model->scenario->runs);
  guint64 seed = options->seed_set ? options->seed : model->scenario->seed;
  guint threads = options->threads ? options->threads : g_get_num_processors ();
  g_autoptr (PcReport) report = report_new (model, runs, seed);
  PcBatch batch = { model, seed, g_new0 (PcRunResult *, runs), { 0 }, NULL, 0 };
  g_mutex_init (&batch.lock);
  gboolean ok = run_all (&batch, runs, threads, error);
  g_mutex_clear (&batch.lock);
  if (ok) {
    for (guint p = 0; p < model->n_phases; p++)
      aggregate_phase (report, batch.results, p);
    for (guint i = 0; i < model->n_indicators; i++)
      aggregate_indicator (report, batch.results, i);
    ok = simulate_one (model, seed, median_run_index (batch.results, runs), TRUE, &report->median_run, error);
  }
  free_results (batch.results, runs);
  if (!ok)
    return NULL;
  slot_costs (report);
  compare_with_claims (report);
  for (guint w = 0; w < report->median_run->warnings->len; w++)
    g_ptr_array_add (report->warnings, g_strdup (report->median_run->warnings->pdata[w]));
  return g_steal_pointer (&report);
}
