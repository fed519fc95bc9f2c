/* Core pieces checked against hand-worked values: the event heap, growth
 * curves, Erlang C, catalog tiers and free tiers, the run seed and the
 * runs' random streams. */
#include "testlib.h"
#include "pc-run-private.h"

#include <gsl/gsl_statistics_double.h>

static void
test_queue_order (void)
{
  g_test_summary ("Events come out by time, ties in insertion order");
  PcEventQueue q;
  pc_queue_init (&q, 4);
  const double times[] = { 3.5, 1.0, 2.0, 1.0, 0.5, 7.0 };
  for (guint i = 0; i < G_N_ELEMENTS (times); i++)
    pc_queue_push (&q, (PcEvent) { times[i], 0, PC_EVENT_BUSINESS, i });
  const guint expected[] = { 4, 1, 3, 2 };   /* 0.5, 1.0 (first), 1.0 (second), 2.0 */
  PcEvent e;
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++) {
    g_assert_true (pc_queue_pop_before (&q, 3.0, &e));
    g_assert_cmpuint (e.decl, ==, expected[i]);
  }
  g_assert_false (pc_queue_pop_before (&q, 3.0, &e));   /* 3.5 is not due before 3.0 */
  g_assert_true (pc_queue_pop_before (&q, 10.0, &e));
  g_assert_cmpfloat (e.time, ==, 3.5);
  pc_queue_clear (&q);
}

static void
test_growth_curves (void)
{
  PcGrowthParams g = { 0 };
  g.model = PC_GROWTH_LOGISTIC;
  g.launch_month = 2, g.initial = 3, g.capacity = 150;
  /* K / (1 + (K - N0)/N0 e^{-r t}) at t = 10 - 2 = 8, r = 0.33:
     150 / (1 + 49 e^{-2.64}) = 150 / (1 + 49 x 0.071361) = 150 / 4.49668 = 33.358 */
  g_assert_cmpfloat_with_epsilon (pc_growth_expected (&g, 0.33, 10), 33.358, 1e-2);
  g_assert_cmpfloat (pc_growth_expected (&g, 0.33, 1.5), ==, 0.0);   /* before launch */
  g_assert_cmpfloat_with_epsilon (pc_growth_expected (&g, 0.33, 2), 3.0, 1e-12);
  g.model = PC_GROWTH_EXPONENTIAL, g.capacity = 0;
  g_assert_cmpfloat_with_epsilon (pc_growth_expected (&g, log (2.0), 5), 3 * 8.0, 1e-9); /* doubling monthly, 3 months */
  g.model = PC_GROWTH_BASS, g.initial = 0, g.capacity = 1000, g.bass_p = 0.03, g.bass_q = 0.38;
  /* F(t) = (1 - e^{-0.41 t}) / (1 + 12.667 e^{-0.41 t}); t = 10: e^{-4.1} = 0.016573 ->
     0.983427 / 1.209924 = 0.812801 */
  g_assert_cmpfloat_with_epsilon (pc_growth_expected (&g, 0, 12), 812.801, 1e-2);
}

static void
test_erlang_c (void)
{
  g_test_summary ("Erlang C(2 servers, 1 Erlang) = 1/3; W = C/(c mu - lambda) + 1/mu");
  g_assert_cmpfloat_with_epsilon (pc_erlang_c (2, 1.0), 1.0 / 3.0, 1e-12);
  /* C(1, a) = a (M/M/1): */
  g_assert_cmpfloat_with_epsilon (pc_erlang_c (1, 0.6), 0.6, 1e-12);
  /* C(3, 2): B(3,2) = (8/6) / (1 + 2 + 2 + 8/6) = 0.210526; C = B / (1 - (2/3)(1 - B)) = 0.444444 */
  g_assert_cmpfloat_with_epsilon (pc_erlang_c (3, 2.0), 4.0 / 9.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_mmc_response_time (2, 1.0, 1.0), 1.0 / 3.0 + 1.0, 1e-12);
  g_assert_cmpfloat (pc_mmc_response_time (2, 2.0, 1.0), ==, PC_SATURATED_RESPONSE_S);
  g_assert_cmpfloat (pc_erlang_c (4, 5.0), ==, 1.0);
}

static void
test_catalog_tiers (void)
{
  g_test_summary ("CloudFront, Australia/NZ viewers: 1,024 GB always free, then $0.114/GB to 10 TB, then $0.098");
  g_autofree char *dir = pc_find_data_subdir ("pricing");
  g_autoptr (GError) error = NULL;
  g_autoptr (PcCatalog) catalog = pc_catalog_load_region (dir, "ap-southeast-2", &error);
  g_assert_no_error (error);
  const PcPrice *out = pc_catalog_price (catalog, "cloudfront.out.australia.gb", &error);
  g_assert_no_error (error);
  pc_assert_usd (pc_price_cost (out, 1000, 12), 0.0);
  pc_assert_usd (pc_price_cost (out, 2024, 12), 1000 * 0.114);
  pc_assert_usd (pc_price_cost (out, 11240, 12), (10240 - 1024) * 0.114 + 1000 * 0.098);
  g_assert_null (pc_catalog_price (catalog, "no.such.price", &error));
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "ap-southeast-2"));
}

static void
test_free_tiers (void)
{
  g_test_summary ("A 12-month free tier is free while the account is under 12 months old, then charged at the"
                  " next paid rate; an always-free tier stays free");
  g_autofree char *path = pc_test_data ("good/catalog-free-tiers.xml");
  g_autoptr (GError) error = NULL;
  g_autoptr (PcCatalog) catalog = pc_catalog_new ();
  g_assert_true (pc_catalog_add_file (catalog, path, &error));
  const PcPrice *twelve = pc_catalog_price (catalog, "test.twelve_month", &error);
  const PcPrice *always = pc_catalog_price (catalog, "test.always", &error);
  g_assert_no_error (error);
  pc_assert_usd (pc_price_cost (twelve, 10, 11), (10 - 5) * 1.0);
  pc_assert_usd (pc_price_cost (twelve, 10, 12), 10 * 1.0);
  pc_assert_usd (pc_price_cost (twelve, 150, 12), 100 * 1.0 + 50 * 0.5);
  pc_assert_usd (pc_price_cost (always, 10, 40), (10 - 5) * 2.0);
  g_assert_cmpfloat (pc_price_unit_usd (always), ==, 2.0);
  /* The allowance a plugin can share out: 5 units, the 12-month one only while the account is young. */
  g_assert_cmpfloat (pc_price_free_quantity (always, 40), ==, 5.0);
  g_assert_cmpfloat (pc_price_free_quantity (twelve, 11), ==, 5.0);
  g_assert_cmpfloat (pc_price_free_quantity (twelve, 12), ==, 0.0);
  g_assert_cmpstr (pc_price_derived (always), ==, "for the test");
  g_assert_null (pc_price_derived (twelve));
}

static void
test_catalog_published (void)
{
  g_test_summary ("Spot checks of the catalogs against aws-prices-core.md (AWS price feeds)");
  g_assert_cmpfloat (pc_test_unit_price ("ap-southeast-2", "fargate.x86.vcpu_hour"), ==, 0.04856);
  g_assert_cmpfloat (pc_test_unit_price ("us-east-1", "fargate.x86.vcpu_hour"), ==, 0.04048);
  g_assert_cmpfloat (pc_test_unit_price ("ap-southeast-1", "fargate.x86.vcpu_hour"), ==, 0.05056);
  g_assert_cmpfloat (pc_test_unit_price ("ap-southeast-2", "rds.postgres.db_t4g_micro.single_az_hour"), ==, 0.025);
  g_assert_cmpfloat (pc_test_unit_price ("ap-southeast-2", "nat.hour"), ==, 0.059);
  g_assert_cmpfloat (pc_test_unit_price ("us-east-1", "alb.hour"), ==, 0.0225);
  g_assert_cmpfloat (pc_test_unit_price ("ap-southeast-2", "vpc.public_ipv4.hour"), ==, 0.005);
}

static void
test_run_seed (void)
{
  g_test_summary ("Run seeds depend on (seed, index) only, are never 0 and differ across runs");
  g_assert_cmpuint (pc_run_seed (42, 0), ==, pc_run_seed (42, 0));
  g_assert_cmpuint (pc_run_seed (42, 0), !=, pc_run_seed (42, 1));
  g_assert_cmpuint (pc_run_seed (42, 0), !=, pc_run_seed (43, 0));
  for (guint i = 0; i < 1000; i++)
    g_assert_cmpuint (pc_run_seed (0, i), !=, 0);
}

/* The first uniform draw of each run's world stream (@plan: its plan
 * stream) for runs 0 .. @n - 1 of @seed. */
static double *
first_draws (guint64 seed, gboolean plan, guint n)
{
  g_autoptr (gsl_rng) rng = gsl_rng_alloc (PC_RUN_RNG);
  double *u = g_new (double, n);
  for (guint i = 0; i < n; i++) {
    gsl_rng_set (rng, pc_run_seed (plan ? seed ^ PC_PLAN_STREAM : seed, i));
    u[i] = gsl_rng_uniform (rng);
  }
  return u;
}

/* Runs' streams must look independent: run i's first draw says nothing of
 * run i + 1's, nor of its own plan stream's.  For N independent uniforms,
 * the mean has standard deviation sqrt(1/12/N), a correlation about
 * 1/sqrt(N), and the chi-square of 100 equal bins has mean 99 and
 * standard deviation sqrt(2 * 99) = 14.1; each bound below is 5 of those
 * deviations, so the test fails only on a real dependence (the draws are
 * fixed by the seeds, so it never fails by chance either).  It has the
 * power to: seeded with i + 1 instead of pc_run_seed's hash, taus2's first
 * draws correlate at 0.045 from run to run, above the bound of 0.035. */
static void
test_run_streams (void)
{
  g_test_summary ("First draws of the runs' world and plan streams (taus2, seeded per run index) are uniform"
                  " and uncorrelated from run to run and between the two streams");
  const guint n = 20000;
  g_autofree double *world = first_draws (20251105, FALSE, n), *plan = first_draws (20251105, TRUE, n);
  double mean_bound = 5 * sqrt (1.0 / 12 / n), correlation_bound = 5 / sqrt (n);
  g_assert_cmpfloat (fabs (gsl_stats_mean (world, 1, n) - 0.5), <, mean_bound);
  g_assert_cmpfloat (fabs (gsl_stats_mean (plan, 1, n) - 0.5), <, mean_bound);
  g_assert_cmpfloat (fabs (gsl_stats_correlation (world, 1, world + 1, 1, n - 1)), <, correlation_bound);
  g_assert_cmpfloat (fabs (gsl_stats_correlation (plan, 1, plan + 1, 1, n - 1)), <, correlation_bound);
  g_assert_cmpfloat (fabs (gsl_stats_correlation (world, 1, plan, 1, n)), <, correlation_bound);
  guint bins[100] = { 0 };
  for (guint i = 0; i < n; i++)
    bins[(guint) (world[i] * 100)]++;
  double chi2 = 0, expected = n / 100.0;
  for (guint b = 0; b < 100; b++)
    chi2 += (bins[b] - expected) * (bins[b] - expected) / expected;
  g_test_message ("chi-square %.1f (99 degrees of freedom)", chi2);
  g_assert_cmpfloat (chi2, <, 99 + 5 * sqrt (2 * 99));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/engine/events/order", test_queue_order);
  g_test_add_func ("/engine/growth/curves", test_growth_curves);
  g_test_add_func ("/engine/queueing/erlang-c", test_erlang_c);
  g_test_add_func ("/catalog/tiers/cloudfront-sydney", test_catalog_tiers);
  g_test_add_func ("/catalog/published-prices", test_catalog_published);
  g_test_add_func ("/catalog/free-tiers", test_free_tiers);
  g_test_add_func ("/engine/seed", test_run_seed);
  g_test_add_func ("/engine/streams", test_run_streams);
  return g_test_run ();
}
