/* Tests of `phasecast compare SCENARIO --roadmap A --roadmap B`
 * (core/crossover.c) on tests/data/crossover: a scenario whose crossover
 * month is worked by hand.
 *
 * Month m has R_m = c_m x 10 users x 100 requests x 730/24 days requests,
 * c_m = m customers (m <= 10; 10 after).  Road A costs 100 + R_m / 1000,
 * road B 2 R_m / 1000, so B - A = 30.41667 m - 100: B is cheaper in months
 * 0-3 (m < 100 / 30.41667 = 3.29) and dearer from month 4 on, in every run
 * (the growth has no randomness). */
#include "testlib.h"
#include "pc-crossover.h"

#include <json-glib/json-glib.h>
#include <sys/wait.h>

#define PER_CUSTOMER (10 * 100 * (730.0 / 24.0) / 1000.0)   /* USD of 1,000-request units a customer brings: 30.41667 */

static PcCrossover *
crossover_of_test_roads (PcHost *host, PcModel **models)
{
  g_autofree char *scenario = pc_test_data ("crossover/scenario.xml");
  g_autofree char *road_a = pc_test_data ("crossover/road-a.xml");
  g_autofree char *road_b = pc_test_data ("crossover/road-b.xml");
  g_autoptr (GError) error = NULL;
  models[0] = pc_model_new (scenario, road_a, host, &error);
  g_assert_no_error (error);
  models[1] = pc_model_new (scenario, road_b, host, &error);
  g_assert_no_error (error);
  PcCrossover *x = pc_crossover_run (models, 2, 0, models[0]->scenario->seed, &error);
  g_assert_no_error (error);
  return x;
}

static void
test_crossover_month (void)
{
  g_test_summary ("B (pay per use) is cheaper until month 3; the order flips in month 4 in every run");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  PcModel *models[2] = { NULL, NULL };
  g_autoptr (PcCrossover) x = crossover_of_test_roads (host, models);
  g_assert_cmpuint (x->runs, ==, 20);
  const PcMonthCounts *flips = x->pair_cross[pc_crossover_pair (x, 0, 1)];
  g_assert_cmpuint (flips->counts[4], ==, 20);   /* every run flips at month 4 ... */
  g_assert_cmpuint (flips->total, ==, 20);        /* ... and at no other month */
  /* Month 3: A = 100 + 3 x 30.41667 = 191.25, B = 182.50: B cheapest in all runs. */
  g_assert_cmpuint (x->month_cheapest[1 * x->n_months + 3], ==, 20);
  g_assert_cmpuint (x->month_cheapest[0 * x->n_months + 4], ==, 20);
  g_assert_cmpfloat_with_epsilon (pc_sketch_quantile (x->month_cost[0 * x->n_months + 3], 0.5), 100 + 3 * PER_CUSTOMER,
                                  (100 + 3 * PER_CUSTOMER) * 1e-4);
  /* The paired difference B - A at month 2 is 2 x 30.41667 - 100 = -39.17. */
  double diff = pc_signed_quantile (&x->month_diff[1 * x->n_months + 2], 0.5);
  g_assert_cmpfloat_with_epsilon (diff, 2 * PER_CUSTOMER - 100, 39.17 * 1e-4);
  pc_model_free (models[0]);
  pc_model_free (models[1]);
}

static void
test_phase_and_latency (void)
{
  g_test_summary ("Over the 12 months A averages 100 + 30.41667 x 65/12 and B twice the requests: A cheaper; B's 3 s breaks the 2 s trigger");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  PcModel *models[2] = { NULL, NULL };
  g_autoptr (PcCrossover) x = crossover_of_test_roads (host, models);
  /* Customers 0, 1, ..., 10, 10: 65 customer-months in 12 months. */
  double a = 100 + PER_CUSTOMER * 65 / 12, b = 2 * PER_CUSTOMER * 65 / 12;
  g_assert_cmpfloat_with_epsilon (pc_sketch_quantile (x->phase_cost[0 * x->n_phases + 0], 0.5), a, a * 1e-4);
  g_assert_cmpfloat_with_epsilon (pc_sketch_quantile (x->phase_cost[1 * x->n_phases + 0], 0.5), b, b * 1e-4);
  g_assert_cmpuint (x->phase_cheapest[0 * x->n_phases + 0], ==, 20);
  g_assert_cmpfloat (x->trigger_s, ==, 2.0);
  g_assert_cmpuint (x->runs_over_trigger[0], ==, 0);
  g_assert_cmpuint (x->runs_over_trigger[1], ==, 20);
  pc_model_free (models[0]);
  pc_model_free (models[1]);
}

static void
test_signed_quantile (void)
{
  g_test_summary ("Signed quantiles: -3, -1, 2, 4 -> median (-1 + 2) / 2, P10 at rank 0.3 between -3 and -1");
  PcSignedSketch s = { pc_sketch_new (1e-6, FALSE), pc_sketch_new (1e-6, FALSE) };
  pc_sketch_add (s.negative, 3, 0);
  pc_sketch_add (s.negative, 1, 1);
  pc_sketch_add (s.positive, 2, 2);
  pc_sketch_add (s.positive, 4, 3);
  g_assert_cmpfloat_with_epsilon (pc_signed_quantile (&s, 0.5), 0.5, 1e-5);
  g_assert_cmpfloat_with_epsilon (pc_signed_quantile (&s, 0.1), -3 + 0.3 * 2, 1e-5);
  g_assert_cmpfloat_with_epsilon (pc_signed_quantile (&s, 1.0), 4, 1e-5);
  pc_sketch_free (s.positive);
  pc_sketch_free (s.negative);
}

static void
test_cli (void)
{
  g_test_summary ("The command: JSON names the flip month; fewer than two roadmaps is a usage error (exit 2)");
  g_autofree char *scenario = pc_test_data ("crossover/scenario.xml");
  g_autofree char *road_a = pc_test_data ("crossover/road-a.xml");
  g_autofree char *road_b = pc_test_data ("crossover/road-b.xml");
  const char *exe = g_getenv ("PHASECAST_EXE");
  const char *argv[] = { exe, "compare", scenario, "--roadmap", road_a, "--roadmap", road_b, "--format", "json", NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status = 0;
  g_autoptr (GError) error = NULL;
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  JsonObject *cross = json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "crossovers"), 0);
  g_assert_cmpfloat (json_object_get_double_member (json_object_get_object_member (cross, "month"), "p50"), ==, 4);
  g_assert_cmpfloat (json_object_get_double_member (cross, "flipped_share"), ==, 1);
  const char *one[] = { exe, "compare", scenario, "--roadmap", road_a, NULL };
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_spawn_sync (NULL, (char **) one, NULL, G_SPAWN_DEFAULT, NULL, NULL, &out, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_cmpint (WEXITSTATUS (status), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/crossover/month-worked-by-hand", test_crossover_month);
  g_test_add_func ("/crossover/phase-and-latency", test_phase_and_latency);
  g_test_add_func ("/crossover/signed-quantile", test_signed_quantile);
  g_test_add_func ("/crossover/cli", test_cli);
  return g_test_run ();
}
