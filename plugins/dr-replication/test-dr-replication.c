/* Tests of the dr-replication plugin against hand-worked months.
 * Published prices (aws-prices-core.md, S1 processed/datatransfer.json 2025-05-05), inter-Region
 * transfer charged at the source Region, per GB:
 *   Sydney -> Singapore 0.098;  Singapore -> Sydney 0.09;  us-east-1 -> Sydney 0.02, -> Singapore 0.02.
 *   Nothing -> us-east-1 is in the references (key not defined). */
#include "testlib.h"

#include <math.h>

static void
test_sydney_to_singapore (void)
{
  g_test_summary ("The seed's DR: 20 GB DB at change_rate 0.5 (10 GB) + 5 GB new objects, Sydney -> Singapore");
  const char *sets[] = { "db_storage_gb=20", "stored_gb=5", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("dr-replication", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "database changes to DR Region"), 10 * 0.098);     /* 0.98 */
  pc_assert_usd (pc_test_line_usd (r, "S3 objects replicated to DR Region"), 5 * 0.098); /* 0.49 */
  pc_assert_usd (pc_step_result_usd (r), 15 * 0.098);                                    /* 1.47 */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("dr-replication", r, "replicated_gb"), 15, 1e-9);
}

static void
test_us_east_1_sources (void)
{
  g_test_summary ("From us-east-1 both Asia Pacific destinations cost $0.02/GB");
  const char *to_sgp[] = { "db_storage_gb=100", "stored_gb=50", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("dr-replication", "us-east-1", to_sgp);
  pc_assert_usd (pc_test_line_usd (s, "database changes to DR Region"), 50 * 0.02);      /* 1.00 */
  pc_assert_usd (pc_test_line_usd (s, "S3 objects replicated to DR Region"), 50 * 0.02); /* 1.00 */
  const char *to_syd[] = { "db_storage_gb=100", "stored_gb=50", "dest_region=ap_southeast_2", NULL };
  g_autoptr (PcStepResult) y = pc_test_price ("dr-replication", "us-east-1", to_syd);
  pc_assert_usd (pc_step_result_usd (y), 100 * 0.02);
}

static void
test_singapore_to_sydney (void)
{
  const char *sets[] = { "db_storage_gb=40", "stored_gb=10", "dest_region=ap_southeast_2", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("dr-replication", "ap-southeast-1", sets);
  pc_assert_usd (pc_step_result_usd (r), (20 + 10) * 0.09);                              /* 2.70 */
}

static void
test_volumes (void)
{
  g_test_summary ("A fixed DB change volume overrides the derived one; only this month's objects are replicated");
  const char *sets[] = { "db_storage_gb=20", "db_change_gb_per_month=40", "stored_gb=5", "stored_gb_age_3=100",
                         "s3_share=0.5", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("dr-replication", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_quantity (r, "database changes to DR Region"), 40.0);
  pc_assert_usd (pc_test_line_quantity (r, "S3 objects replicated to DR Region"), 2.5);
  pc_assert_usd (pc_step_result_usd (r), 42.5 * 0.098);                                  /* 4.165 */

  const char *no_s3[] = { "db_storage_gb=20", "stored_gb=5", "s3_replication=false", "change_rate=2", NULL };
  g_autoptr (PcStepResult) n = pc_test_price ("dr-replication", "ap-southeast-2", no_s3);
  g_assert_false (pc_test_has_line (n, "S3 objects replicated to DR Region"));
  pc_assert_usd (pc_step_result_usd (n), 40 * 0.098);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("dr-replication", n, "s3_replicated_gb"), 0, 1e-12);
}

static void
test_bad_destinations (void)
{
  g_test_summary ("The home Region cannot be the DR Region; Sydney -> us-east-1 has no published price");
  const char *own[] = { "dest_region=ap_southeast_2", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) r = pc_test_price_error ("dr-replication", "ap-southeast-2", own, &error);
  g_assert_null (r);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "dest_region"));

  const char *gap[] = { "dest_region=us_east_1", NULL };
  g_autoptr (GError) error2 = NULL;
  g_autoptr (PcStepResult) r2 = pc_test_price_error ("dr-replication", "ap-southeast-2", gap, &error2);
  g_assert_null (r2);
  g_assert_error (error2, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error2->message, "data_transfer.inter_region.to_us_east_1.gb"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/dr-replication/ap-southeast-2/to-singapore", test_sydney_to_singapore);
  g_test_add_func ("/plugin/dr-replication/us-east-1/to-asia-pacific", test_us_east_1_sources);
  g_test_add_func ("/plugin/dr-replication/ap-southeast-1/to-sydney", test_singapore_to_sydney);
  g_test_add_func ("/plugin/dr-replication/ap-southeast-2/volumes", test_volumes);
  g_test_add_func ("/plugin/dr-replication/bad-destinations", test_bad_destinations);
  return g_test_run ();
}
