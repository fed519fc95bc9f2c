/* test-hotpath.c - the month loop's fast paths give what the plain code
 * they replace gives, bit for bit:
 *   - the demand screen (result.c) flags every number that is negative or
 *     not finite, in every position, and nothing else;
 *   - a sketch's bin from the double's bits and a small table (sketch.c)
 *     equals floor(log(v) / log(1 + width)), the documented definition,
 *     also next to bin edges;
 *   - a charge (pc_result_charge) costs what pc_price_cost says, and what
 *     the tier walk written out here says, with free and 12-month tiers;
 *   - a bad line is reported by the check after the step, naming the first;
 *   - a run's memory restarted for another run index (report.c's
 *     workspaces), and a spent result's memory reused, give the result a
 *     fresh run gives. */
#include "testlib.h"

#include "pc-private.h"
#include "pc-run-private.h"
#include "pc-sketch.h"

#include <float.h>

/* ---- demand screen ---- */

#define N_LEVELS 24
#define SCALARS 27   /* peak_factor .. response_time_s */

/* The demand's numbers as result.c reads them: the first N_LEVELS hours,
 * the first N_LEVELS rates, the scalars, the named quantities. */
static double *
demand_number (PcDemand *demand, guint index)
{
  if (index < N_LEVELS)
    return &demand->level_hours[index];
  if (index < 2 * N_LEVELS)
    return &demand->level_rps[index - N_LEVELS];
  if (index < 2 * N_LEVELS + SCALARS)
    return &demand->peak_factor + (index - 2 * N_LEVELS);
  return &demand->named[index - 2 * N_LEVELS - SCALARS];
}

static const char *
number_kind (guint index)
{
  return index < N_LEVELS ? "level_hours" : index < 2 * N_LEVELS ? "level_rps"
         : index < 2 * N_LEVELS + SCALARS ? "demand" : "named quantity";
}

static void
test_demand_screen (void)
{
  double named[3] = { 0, 1, 2 };
  PcDemand demand = { .n_levels = N_LEVELS, .named = named, .n_named = 3 };
  const double good[] = { 0.0, -0.0, DBL_MAX, DBL_MIN, 4.9e-324, 1.0, 1e300 };
  const double bad[] = { NAN, -NAN, INFINITY, -INFINITY, -1.0, -DBL_MIN, -4.9e-324, -DBL_MAX };
  g_assert_true (&demand.response_time_s == demand_number (&demand, 2 * N_LEVELS + SCALARS - 1));
  for (guint i = 0; i < 2 * N_LEVELS + SCALARS + 3; i++) {
    double *slot = demand_number (&demand, i), saved = *slot;
    for (guint g = 0; g < G_N_ELEMENTS (good); g++) {
      *slot = good[g];
      g_assert_true (pc_demand_check (&demand, NULL));
    }
    for (guint b = 0; b < G_N_ELEMENTS (bad); b++) {
      g_autoptr (GError) error = NULL;
      *slot = bad[b];
      g_assert_false (pc_demand_check (&demand, &error));
      g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_MISUSE);
      g_assert_nonnull (strstr (error->message, number_kind (i)));
    }
    *slot = saved;
  }
  /* Levels past n_levels are read by no one, host or stage. */
  demand.level_hours[N_LEVELS] = demand.level_rps[PC_MAX_LEVELS - 1] = NAN;
  g_assert_true (pc_demand_check (&demand, NULL));
  demand.n_levels = N_LEVELS + 1;
  g_assert_false (pc_demand_check (&demand, NULL));
  demand.n_levels = PC_MAX_LEVELS + 1;
  g_assert_false (pc_demand_check (&demand, NULL));
}

/* ---- sketch bins ---- */

static int
plain_bin (double width, double value)
{
  return (int) floor (log (value) / log1p (width));
}

static void
assert_bin (const PcSketch *sketch, double width, double value)
{
  int want = plain_bin (width, value), got = pc_sketch_bin (sketch, value);
  if (got != want)
    g_error ("bin of %.17g (width %g): %d, the plain formula gives %d", value, width, got, want);
}

static void
test_sketch_bins (void)
{
  const double widths[] = { 1e-4, 1e-3, 0.01 };
  g_autoptr (GRand) rand = g_rand_new_with_seed (20251105);
  for (guint w = 0; w < G_N_ELEMENTS (widths); w++) {
    g_autoptr (PcSketch) sketch = pc_sketch_new (widths[w], FALSE);
    double log_ratio = log1p (widths[w]);
    /* Log-uniform over the span money and counts take, 1e-9 to 1e12. */
    for (guint i = 0; i < 200000; i++)
      assert_bin (sketch, widths[w], exp (g_rand_double_range (rand, log (1e-9), log (1e12))));
    /* Bin edges g^b and their neighbours, where a guess could fall either side. */
    for (int b = (int) (log (1e-9) / log_ratio); b < (int) (log (1e12) / log_ratio); b += 97) {
      double edge = exp (b * log_ratio), below = edge, above = edge;
      assert_bin (sketch, widths[w], edge);
      for (guint k = 0; k < 4; k++) {
        below = nextafter (below, 0.0), above = nextafter (above, INFINITY);
        assert_bin (sketch, widths[w], below);
        assert_bin (sketch, widths[w], above);
      }
    }
    /* Whole numbers (users, tasks, events that held) and powers of two. */
    for (double v = 1.0; v <= 100000.0; v += 1.0)
      assert_bin (sketch, widths[w], v);
    for (int e = -29; e <= 40; e++)
      assert_bin (sketch, widths[w], ldexp (1.0, e));
  }
}

/* ---- charges ---- */

/* The tier walk of data/pricing/README.md written out: tier i covers
 * (upto[i-1], upto[i]]; a 12-month free tier costs the next paid rate once
 * the account is 12 months old. */
static double
walk_by_hand (const PcPrice *price, double quantity, guint account_month)
{
  double usd = 0.0, lower = 0.0;
  for (guint i = 0; i < price->n_tiers && quantity > lower; i++) {
    const PcTier *tier = &price->tiers[i];
    double rate = tier->usd;
    if (tier->free == PC_FREE_ALWAYS || (tier->free == PC_FREE_12_MONTH && account_month < 12))
      rate = 0.0;
    else if (tier->free == PC_FREE_12_MONTH)
      for (guint j = i + 1; j < price->n_tiers; j++)
        if (price->tiers[j].free == PC_FREE_NONE) {
          rate = price->tiers[j].usd;
          break;
        }
    usd += (MIN (quantity, tier->upto) - lower) * rate;
    lower = tier->upto;
  }
  return usd;
}

static void
assert_charges (const PcPrice *price)
{
  const double quantities[] = { 0.0, 1e-9, 0.5, 1.0, 4.999, 5.0, 5.001, 99.5, 100.0, 100.25, 730.0, 12345.678, 1e9 };
  g_autoptr (PcStepResult) result = pc_step_result_new ();
  for (guint month = 0; month < 24; month += 11)
    for (guint q = 0; q < G_N_ELEMENTS (quantities); q++) {
      PcStepContext ctx = { .month = month, .account_month = month, .hours = PC_HOURS_PER_MONTH };
      pc_step_result_reset (result, 0);
      double want = walk_by_hand (price, quantities[q], month);
      double charged = pc_result_charge (result, "item", price, quantities[q], &ctx);
      g_assert_true (charged == want);                                  /* bit for bit */
      g_assert_true (pc_price_cost (price, quantities[q], month) == want);
      g_assert_true (pc_step_result_usd (result) == want);
    }
}

static void
test_charges (void)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PcCatalog) catalog = pc_catalog_new ();
  g_autofree char *path = pc_test_data ("good/catalog-free-tiers.xml");
  gboolean added = pc_catalog_add_file (catalog, path, &error);
  g_assert_no_error (error);
  g_assert_true (added);
  const PcPrice *twelve_month = pc_catalog_price (catalog, "test.twelve_month", &error);
  g_assert_no_error (error);
  assert_charges (twelve_month);
  const PcPrice *always = pc_catalog_price (catalog, "test.always", &error);
  g_assert_no_error (error);
  assert_charges (always);
  g_autofree char *dir = pc_find_data_subdir ("pricing");
  g_autoptr (PcCatalog) sydney = pc_catalog_load_region (dir, "ap-southeast-2", &error);
  g_assert_no_error (error);
  const PcPrice *alb_hour = pc_catalog_price (sydney, "alb.hour", &error);   /* one paid rate: the fast path */
  g_assert_no_error (error);
  g_assert_cmpuint (alb_hour->n_tiers, ==, 1);
  assert_charges (alb_hour);
  const PcPrice *cdn_out = pc_catalog_price (sydney, "cloudfront.out.australia.gb", &error);
  g_assert_no_error (error);
  assert_charges (cdn_out);   /* volume tiers, always-free first */
}

/* ---- line checks ---- */

static void
test_line_checks (void)
{
  const PcPluginInfo info = { .name = "probe", .n_metrics = 0 };
  g_autoptr (PcStepResult) result = pc_step_result_new ();
  g_autoptr (GError) error = NULL;
  pc_step_result_reset (result, 0);
  pc_result_line (result, "fine", 1.0, "unit", 2.0, NULL);
  g_assert_true (pc_step_result_check (result, &info, NULL));
  /* A bad quantity: the check names the first such line. */
  const double bad_quantities[] = { NAN, -1.0, INFINITY, -DBL_MIN };
  for (guint i = 0; i < G_N_ELEMENTS (bad_quantities); i++) {
    pc_step_result_reset (result, 0);
    pc_result_line (result, "fine", 1.0, "unit", 2.0, NULL);
    pc_result_line (result, "first bad", bad_quantities[i], "unit", 1.0, NULL);
    pc_result_line (result, "second bad", -5.0, "unit", 1.0, NULL);
    g_assert_false (pc_step_result_check (result, &info, &error));
    g_assert_nonnull (strstr (error->message, "\"first bad\""));
    g_clear_error (&error);
  }
  /* A bad cost: the step's total is bad too, and that is what is reported. */
  const double bad_costs[] = { NAN, INFINITY, -INFINITY };
  for (guint i = 0; i < G_N_ELEMENTS (bad_costs); i++) {
    pc_step_result_reset (result, 0);
    pc_result_line (result, "bad cost", 1.0, "unit", bad_costs[i], NULL);
    g_assert_false (pc_step_result_check (result, &info, &error));
    g_assert_nonnull (strstr (error->message, "charged a cost that is"));
    g_clear_error (&error);
  }
  pc_step_result_reset (result, 0);
  for (guint i = 0; i <= PC_MAX_LINES; i++)
    pc_result_line (result, "many", 1.0, "unit", 1.0, NULL);
  g_assert_false (pc_step_result_check (result, &info, &error));
  g_assert_nonnull (strstr (error->message, "more than"));
  g_assert_cmpfloat (pc_step_result_usd (result), ==, PC_MAX_LINES + 1.0);   /* every line's cost counts */
}

/* ---- runs restarted in the same memory ---- */

static void
assert_same_run (const PcRunResult *a, const PcRunResult *b)
{
  g_assert_cmpuint (a->run_index, ==, b->run_index);
  g_assert_cmpmem (a->months, sizeof (PcMonthRecord) * a->n_months, b->months, sizeof (PcMonthRecord) * b->n_months);
  g_assert_cmpmem (a->indicator_value, sizeof (double) * a->n_months * a->n_indicators, b->indicator_value,
                   sizeof (double) * b->n_months * b->n_indicators);
  g_assert_cmpmem (a->phase_entered, sizeof (int) * a->n_phases, b->phase_entered, sizeof (int) * b->n_phases);
  g_assert_cmpmem (a->phase_decided, sizeof (int) * a->n_phases, b->phase_decided, sizeof (int) * b->n_phases);
  g_assert_cmpmem (a->downtime_minutes, sizeof (double) * a->n_phases, b->downtime_minutes,
                   sizeof (double) * b->n_phases);
  g_assert_cmpmem (a->indicator_fired, sizeof (int) * a->n_indicators, b->indicator_fired,
                   sizeof (int) * b->n_indicators);
  g_assert_cmpmem (a->phase_decidable, sizeof (int) * a->n_phases, b->phase_decidable, sizeof (int) * b->n_phases);
  g_assert_cmpmem (a->indicator_held_back, sizeof (int) * a->n_indicators, b->indicator_held_back,
                   sizeof (int) * b->n_indicators);
  g_assert_cmpmem (a->indicator_held_at_decision, sizeof (int) * a->n_indicators, b->indicator_held_at_decision,
                   sizeof (int) * b->n_indicators);
  g_assert_cmpmem (a->limit_fired, sizeof (int) * a->n_limits, b->limit_fired, sizeof (int) * b->n_limits);
  g_assert_true ((a->runway_month == NULL) == (b->runway_month == NULL));
}

/* scenarios/baseline.xml, loaded with @host's plugins. */
static PcModel *
baseline_model (PcHost *host)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "scenarios", "baseline.xml", NULL);
  g_autoptr (GError) error = NULL;
  PcModel *model = pc_model_new (path, NULL, host, &error);
  g_assert_no_error (error);
  return model;
}

static void
test_run_restart (void)
{
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (PcModel) model = baseline_model (host);
  g_autoptr (GError) error = NULL;
  guint64 seed = model->scenario->seed, horizon = model->scenario->horizon_months;
  g_autoptr (PcRun) reused = pc_run_new (model, seed, 0, PC_DETAIL_NONE, &error);
  for (guint index = 0; index < 40; index++) {
    g_autoptr (PcRun) fresh = pc_run_new (model, seed, index, PC_DETAIL_NONE, &error);
    g_assert_true (pc_run_step (fresh, horizon, &error));
    g_autoptr (PcRunResult) want = pc_run_finish (g_steal_pointer (&fresh));
    g_assert_true (pc_run_restart (reused, seed, index, PC_DETAIL_NONE, NULL));
    if (index % 3 == 1)   /* a run abandoned part-way leaves nothing behind either */
      g_assert_true (pc_run_step (reused, horizon / 2, &error));
    g_assert_true (pc_run_restart (reused, seed, index, PC_DETAIL_NONE, NULL));
    g_assert_true (pc_run_step (reused, horizon, &error));
    g_autoptr (PcRunResult) got = pc_run_take_result (reused);
    assert_same_run (want, got);
    if (index % 2 == 0)   /* its memory serves the next run's result, as in report.c */
      pc_run_reuse_result (reused, g_steal_pointer (&got));
  }
}

/* ---- runs stepped together ---- */

/* Whether some month has runs of @results[0..n-1] in different phases. */
static gboolean
phases_differ (PcRunResult *const *results, guint n)
{
  for (guint m = 0; m < results[0]->n_months; m++)
    for (guint k = 1; k < n; k++)
      if (results[k]->months[m].phase != results[0]->months[m].phase)
        return TRUE;
  return FALSE;
}

static void
test_run_group (void)
{
  g_test_summary ("Baseline runs 0-60 stepped in groups of 1 to PC_RUN_GROUP runs (pc_run_step_group, as report.c"
                  " steps them) give the same results as each run stepped alone; in some group the runs are in"
                  " different phases at some month, so the runs of each phase step together; a group with a"
                  " detailed run steps each alone, with the same results");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (PcModel) model = baseline_model (host);
  g_autoptr (GError) error = NULL;
  guint64 seed = model->scenario->seed, horizon = model->scenario->horizon_months;
  static const guint sizes[] = { PC_RUN_GROUP, 3, PC_RUN_GROUP, 1, 2, PC_RUN_GROUP, 5, PC_RUN_GROUP, 7, PC_RUN_GROUP, 3 };
  gboolean some_differ = FALSE;
  guint index = 0;
  for (guint g = 0; g < G_N_ELEMENTS (sizes); index += sizes[g], g++) {
    PcRun *runs[PC_RUN_GROUP];
    PcRunResult *got[PC_RUN_GROUP] = { NULL };
    for (guint k = 0; k < sizes[g]; k++) {
      PcDetail detail = g == G_N_ELEMENTS (sizes) - 1 && k == 1 ? PC_DETAIL_MONTHS : PC_DETAIL_NONE;
      runs[k] = pc_run_new (model, seed, index + k, detail, &error);
      g_assert_no_error (error);
    }
    g_assert_true (pc_run_step_group (runs, sizes[g], &error));
    g_assert_no_error (error);
    for (guint k = 0; k < sizes[g]; k++) {
      got[k] = pc_run_finish (runs[k]);
      g_autoptr (PcRun) alone = pc_run_new (model, seed, index + k, PC_DETAIL_NONE, &error);
      g_assert_true (pc_run_step (alone, horizon, &error));
      g_autoptr (PcRunResult) want = pc_run_finish (g_steal_pointer (&alone));
      assert_same_run (want, got[k]);
    }
    some_differ |= phases_differ (got, sizes[g]);
    for (guint k = 0; k < sizes[g]; k++)
      pc_run_result_free (got[k]);
  }
  g_assert_true (some_differ);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/hotpath/demand-screen", test_demand_screen);
  g_test_add_func ("/hotpath/sketch-bins", test_sketch_bins);
  g_test_add_func ("/hotpath/charges", test_charges);
  g_test_add_func ("/hotpath/line-checks", test_line_checks);
  g_test_add_func ("/hotpath/run-restart", test_run_restart);
  g_test_add_func ("/hotpath/run-group", test_run_group);
  return g_test_run ();
}
