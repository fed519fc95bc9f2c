/* aggregate.c - what the report keeps of every run, in constant memory.
 *
 * Each finished run is folded into summaries that do not grow with the
 * number of runs and merge exactly (sketch.c), so a run's months can be
 * dropped as soon as it has been seen, and shards of one simulation can be
 * joined into the report one process would have printed:
 *   per phase: the month it was decided and entered (exact counts), its
 *     downtime, and the run's mean monthly cost over its months in the
 *     phase (sketches);
 *   per indicator: the month it first held (exact), the months its phase's
 *     move was decided while it held (exact), and month by month the value
 *     it compared (sketches: the "why" series);
 *   per phase and runway item (capacity thresholds), over the runs that
 *     carry a runway: the first month the threshold was crossed with the
 *     phase pinned from month 0, the horizon standing for "beyond" (exact);
 *   per month: total cost, paying customers, active users, quotes (bands);
 *   per run: its total cost over the horizon, with the lowest run index of
 *     each bin, so the report can re-run the median run in detail;
 *   per phase, for budgets: the run's highest monthly cost in the phase and
 *     its first month over the phase's budget; and whether its move waited
 *     for the previous phase; per indicator: the month it held its phase
 *     back until (why.c);
 *   per period (horizon, calendar and financial years): cost, revenue,
 *     cost per customer- and user-month, cost as a share of revenue.
 */
#include "pc-private.h"

#include "pc-aggregate.h"

/* Relative bin widths: money to 0.01 %, bands and series to 0.1 %. */
#define COST_WIDTH 1e-4
#define BAND_WIDTH 1e-3

static PcSketch **
sketches_new (guint n, double width)
{
  PcSketch **sketches = g_new (PcSketch *, n);
  for (guint i = 0; i < n; i++)
    sketches[i] = pc_sketch_new (width, FALSE);
  return sketches;
}

static void
sketches_free (PcSketch **sketches, guint n)
{
  for (guint i = 0; sketches && i < n; i++)
    pc_sketch_free (sketches[i]);
  g_free (sketches);
}

static PcMonthCounts **
counts_new (guint n, guint n_values)
{
  PcMonthCounts **counts = g_new (PcMonthCounts *, n);
  for (guint i = 0; i < n; i++)
    counts[i] = pc_month_counts_new (n_values);
  return counts;
}

static void
counts_free (PcMonthCounts **counts, guint n)
{
  for (guint i = 0; counts && i < n; i++)
    pc_month_counts_free (counts[i]);
  g_free (counts);
}

PcAggregate *
pc_aggregate_new (const PcModel *model)
{
  PcAggregate *a = g_new0 (PcAggregate, 1);
  a->n_phases = model->n_phases;
  a->n_indicators = model->n_indicators;
  a->n_months = model->scenario->horizon_months;
  a->n_runway = model->n_runway;
  a->phase_decided = counts_new (a->n_phases, a->n_months);
  a->phase_entered = counts_new (a->n_phases, a->n_months);
  a->phase_downtime = sketches_new (a->n_phases, COST_WIDTH);
  a->phase_cost = sketches_new (a->n_phases, COST_WIDTH);
  a->indicator_fired = counts_new (a->n_indicators, a->n_months);
  a->indicator_held = counts_new (a->n_indicators, a->n_months);
  a->runway = counts_new (a->n_phases * a->n_runway, a->n_months + 1);
  a->indicator_value = sketches_new (a->n_indicators * a->n_months, BAND_WIDTH);
  a->month_cost = sketches_new (a->n_months, BAND_WIDTH);
  a->month_customers = sketches_new (a->n_months, BAND_WIDTH);
  a->month_users = sketches_new (a->n_months, BAND_WIDTH);
  a->month_quotes = sketches_new (a->n_months, BAND_WIDTH);
  a->run_total = pc_sketch_new (COST_WIDTH, TRUE);
  a->budget_usd = g_new (double, a->n_phases);
  for (guint p = 0; p < a->n_phases; p++)
    a->budget_usd[p] = model->phases[p].budget_usd;
  a->phase_peak_cost = sketches_new (a->n_phases, COST_WIDTH);
  a->phase_over_budget = counts_new (a->n_phases, a->n_months);
  a->phase_waited = counts_new (a->n_phases, a->n_months + 1);
  a->indicator_held_back = counts_new (a->n_indicators, a->n_months + 1);
  a->periods = pc_periods_new (model->scenario);
  guint n = a->periods->len;
  a->period_cost = sketches_new (n, COST_WIDTH);
  a->period_revenue = sketches_new (n, COST_WIDTH);
  a->period_per_customer = sketches_new (n, COST_WIDTH);
  a->period_per_user = sketches_new (n, COST_WIDTH);
  a->period_share = sketches_new (n, COST_WIDTH);
  return a;
}

void
pc_aggregate_free (PcAggregate *a)
{
  if (a == NULL)
    return;
  counts_free (a->phase_decided, a->n_phases);
  counts_free (a->phase_entered, a->n_phases);
  sketches_free (a->phase_downtime, a->n_phases);
  sketches_free (a->phase_cost, a->n_phases);
  counts_free (a->indicator_fired, a->n_indicators);
  counts_free (a->indicator_held, a->n_indicators);
  counts_free (a->runway, a->n_phases * a->n_runway);
  sketches_free (a->indicator_value, a->n_indicators * a->n_months);
  sketches_free (a->month_cost, a->n_months);
  sketches_free (a->month_customers, a->n_months);
  sketches_free (a->month_users, a->n_months);
  sketches_free (a->month_quotes, a->n_months);
  pc_sketch_free (a->run_total);
  g_free (a->budget_usd);
  sketches_free (a->phase_peak_cost, a->n_phases);
  counts_free (a->phase_over_budget, a->n_phases);
  counts_free (a->phase_waited, a->n_phases);
  counts_free (a->indicator_held_back, a->n_indicators);
  guint n = a->periods ? a->periods->len : 0;
  sketches_free (a->period_cost, n);
  sketches_free (a->period_revenue, n);
  sketches_free (a->period_per_customer, n);
  sketches_free (a->period_per_user, n);
  sketches_free (a->period_share, n);
  if (a->periods)
    g_array_unref (a->periods);
  g_free (a);
}

PcPercentiles
pc_sketch_percentiles (const PcSketch *sketch)
{
  if (sketch->n == 0)
    return (PcPercentiles) { NAN, NAN, NAN, FALSE };
  return (PcPercentiles) { pc_sketch_quantile (sketch, 0.10), pc_sketch_quantile (sketch, 0.50),
                           pc_sketch_quantile (sketch, 0.90), TRUE };
}

PcPercentiles
pc_month_counts_percentiles (const PcMonthCounts *counts)
{
  if (counts->total == 0)
    return (PcPercentiles) { NAN, NAN, NAN, FALSE };
  return (PcPercentiles) { pc_month_counts_quantile (counts, 0.10), pc_month_counts_quantile (counts, 0.50),
                           pc_month_counts_quantile (counts, 0.90), TRUE };
}

/* The run's mean monthly cost over its months in @phase (NAN if none). */
double
pc_run_phase_cost (const PcRunResult *run, guint phase)
{
  double sum = 0;
  guint n = 0;
  for (guint m = 0; m < run->n_months; m++)
    if (run->months[m].phase == phase)
      sum += run->months[m].state[PC_STATE_MONTHLY_COST], n++;
  return n ? sum / n : NAN;
}

double
pc_run_total_cost (const PcRunResult *run)
{
  double sum = 0;
  for (guint m = 0; m < run->n_months; m++)
    sum += run->months[m].state[PC_STATE_MONTHLY_COST];
  return sum;
}

static void
add_phases (PcAggregate *a, const PcRunResult *run)
{
  for (guint p = 0; p < a->n_phases; p++) {
    if (run->phase_entered[p] < 0)
      continue;
    pc_month_counts_add (a->phase_entered[p], (guint) run->phase_entered[p], 1);
    if (run->phase_decided[p] >= 0)
      pc_month_counts_add (a->phase_decided[p], (guint) run->phase_decided[p], 1);
    pc_sketch_add (a->phase_downtime[p], run->downtime_minutes[p], run->run_index);
    double cost = pc_run_phase_cost (run, p);
    if (!isnan (cost))
      pc_sketch_add (a->phase_cost[p], cost, run->run_index);
  }
}

static void
add_indicators (PcAggregate *a, const PcRunResult *run)
{
  for (guint i = 0; i < a->n_indicators; i++) {
    if (run->indicator_fired[i] >= 0)
      pc_month_counts_add (a->indicator_fired[i], (guint) run->indicator_fired[i], 1);
    if (run->indicator_held_at_decision[i] >= 0)
      pc_month_counts_add (a->indicator_held[i], (guint) run->indicator_held_at_decision[i], 1);
    pc_sketch_add_series (a->indicator_value + (gsize) i * a->n_months, run->indicator_value + i, a->n_indicators,
                          a->n_months, run->run_index);
  }
}

static void
add_months (PcAggregate *a, const PcRunResult *run)
{
  for (guint m = 0; m < a->n_months; m++) {
    const double *state = run->months[m].state;
    pc_sketch_add (a->month_cost[m], state[PC_STATE_MONTHLY_COST], run->run_index);
    pc_sketch_add (a->month_customers[m], MAX (state[PC_STATE_PAYING_CUSTOMERS], 0.0), run->run_index);
    pc_sketch_add (a->month_users[m], MAX (state[PC_STATE_ACTIVE_USERS], 0.0), run->run_index);
    pc_sketch_add (a->month_quotes[m], MAX (state[PC_STATE_QUOTES_MONTH], 0.0), run->run_index);
  }
}

/* Budgets, and whether each phase's move waited for the previous phase. */
static void
add_budgets (PcAggregate *a, const PcRunResult *run)
{
  for (guint p = 0; p < a->n_phases; p++) {
    double peak;
    int over;
    pc_run_phase_peak (run, p, a->budget_usd[p], &peak, &over);
    if (!isnan (peak))
      pc_sketch_add (a->phase_peak_cost[p], peak, run->run_index);
    if (over >= 0)
      pc_month_counts_add (a->phase_over_budget[p], (guint) over, 1);
    if (p > 0 && run->phase_decidable[p] < 0)
      pc_month_counts_add (a->phase_waited[p], a->n_months, 1);
    else if (p > 0 && run->phase_decided[p] >= 0 && run->phase_decided[p] == run->phase_decidable[p])
      pc_month_counts_add (a->phase_waited[p], (guint) run->phase_decided[p], 1);
  }
  for (guint i = 0; i < a->n_indicators; i++)
    if (run->indicator_held_back[i] >= 0)
      pc_month_counts_add (a->indicator_held_back[i], (guint) run->indicator_held_back[i], 1);
}

/* Ratios are kept only where they are defined (no customers, users or
 * revenue in a period: no value from this run). */
static void
add_periods (PcAggregate *a, const PcRunResult *run)
{
  for (guint k = 0; k < a->periods->len; k++) {
    PcPeriodSums sums;
    pc_run_period_sums (run, &g_array_index (a->periods, PcPeriod, k), &sums);
    pc_sketch_add (a->period_cost[k], sums.cost_usd, run->run_index);
    pc_sketch_add (a->period_revenue[k], sums.revenue_usd, run->run_index);
    if (sums.customer_months > 0)
      pc_sketch_add (a->period_per_customer[k], sums.cost_usd / sums.customer_months, run->run_index);
    if (sums.user_months > 0)
      pc_sketch_add (a->period_per_user[k], sums.cost_usd / sums.user_months, run->run_index);
    if (sums.revenue_usd > 0)
      pc_sketch_add (a->period_share[k], sums.cost_usd / sums.revenue_usd, run->run_index);
  }
}

static void
add_runway (PcAggregate *a, const PcRunResult *run)
{
  for (guint i = 0; run->runway_month && i < a->n_phases * a->n_runway; i++) {
    int month = run->runway_month[i];
    if (month != PC_RUNWAY_NOT_APPLICABLE)
      pc_month_counts_add (a->runway[i], month < 0 ? a->n_months : (guint) month, 1);
  }
}

void
pc_aggregate_add (PcAggregate *a, const PcRunResult *run)
{
  a->runs++;
  add_phases (a, run);
  add_indicators (a, run);
  add_runway (a, run);
  add_months (a, run);
  pc_sketch_add (a->run_total, pc_run_total_cost (run), run->run_index);
  add_budgets (a, run);
  add_periods (a, run);
}

void
pc_aggregate_visit (PcAggregate *a, PcCountsVisitor on_counts, PcSketchVisitor on_sketch, gpointer data)
{
  for (guint p = 0; p < a->n_phases; p++) {
    on_counts (data, "phase.decided", p, a->phase_decided[p]);
    on_counts (data, "phase.entered", p, a->phase_entered[p]);
    on_sketch (data, "phase.downtime", p, a->phase_downtime[p]);
    on_sketch (data, "phase.cost", p, a->phase_cost[p]);
  }
  for (guint i = 0; i < a->n_indicators; i++) {
    on_counts (data, "indicator.fired", i, a->indicator_fired[i]);
    on_counts (data, "indicator.held_at_decision", i, a->indicator_held[i]);
    for (guint m = 0; m < a->n_months; m++)
      on_sketch (data, "indicator.value", i * a->n_months + m, a->indicator_value[(gsize) i * a->n_months + m]);
  }
  PcSketch **bands[] = { a->month_cost, a->month_customers, a->month_users, a->month_quotes };
  const char *band_names[] = { "month.cost", "month.customers", "month.users", "month.quotes" };
  for (guint b = 0; b < G_N_ELEMENTS (bands); b++)
    for (guint m = 0; m < a->n_months; m++)
      on_sketch (data, band_names[b], m, bands[b][m]);
  on_sketch (data, "run.total", 0, a->run_total);
  for (guint p = 0; p < a->n_phases; p++) {
    on_sketch (data, "phase.peak_cost", p, a->phase_peak_cost[p]);
    on_counts (data, "phase.over_budget", p, a->phase_over_budget[p]);
    on_counts (data, "phase.waited", p, a->phase_waited[p]);
  }
  for (guint i = 0; i < a->n_indicators; i++)
    on_counts (data, "indicator.held_back", i, a->indicator_held_back[i]);
  PcSketch **money[] = { a->period_cost, a->period_revenue, a->period_per_customer, a->period_per_user, a->period_share };
  const char *money_names[] = { "period.cost", "period.revenue", "period.per_customer", "period.per_user",
                                "period.share" };
  for (guint b = 0; b < G_N_ELEMENTS (money); b++)
    for (guint k = 0; k < a->periods->len; k++)
      on_sketch (data, money_names[b], k, money[b][k]);
  for (guint i = 0; i < a->n_phases * a->n_runway; i++)
    on_counts (data, "runway", i, a->runway[i]);
}

typedef struct {
  PcAggregate *into;
  GPtrArray *counts, *sketches;   /* of @into, in visiting order */
} PcMergeState;

static void
collect_counts (gpointer data, const char *name, guint index, PcMonthCounts *counts)
{
  (void) name, (void) index;
  g_ptr_array_add (((PcMergeState *) data)->counts, counts);
}

static void
collect_sketch (gpointer data, const char *name, guint index, PcSketch *sketch)
{
  (void) name, (void) index;
  g_ptr_array_add (((PcMergeState *) data)->sketches, sketch);
}

/* Adds every summary of @from into @into (same model shape). */
void
pc_aggregate_merge (PcAggregate *into, PcAggregate *from)
{
  g_return_if_fail (into->n_phases == from->n_phases && into->n_indicators == from->n_indicators &&
                    into->n_months == from->n_months && into->n_runway == from->n_runway);
  PcMergeState a = { into, g_ptr_array_new (), g_ptr_array_new () };
  PcMergeState b = { from, g_ptr_array_new (), g_ptr_array_new () };
  pc_aggregate_visit (into, collect_counts, collect_sketch, &a);
  pc_aggregate_visit (from, collect_counts, collect_sketch, &b);
  for (guint i = 0; i < a.counts->len; i++)
    pc_month_counts_merge (a.counts->pdata[i], b.counts->pdata[i]);
  for (guint i = 0; i < a.sketches->len; i++)
    pc_sketch_merge (a.sketches->pdata[i], b.sketches->pdata[i]);
  into->runs += from->runs;
  g_ptr_array_unref (a.counts), g_ptr_array_unref (a.sketches);
  g_ptr_array_unref (b.counts), g_ptr_array_unref (b.sketches);
}

/* The run the detailed tables follow: the lowest-index run whose total cost
 * lies in the bin of the (lower) median total. */
guint
pc_aggregate_median_run (const PcAggregate *a)
{
  g_return_val_if_fail (a->run_total->n > 0, 0);
  return pc_sketch_run_at (a->run_total, (a->run_total->n - 1) / 2);
}
