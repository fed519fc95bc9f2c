/* Tests of the dr-replication plugin against hand-worked months.
 * Published prices (AWS's pricing-page data-transfer feed as pivoted in iann0036/aws-price-watcher
 * processed/datatransfer.json, 2025-05-05), inter-Region transfer charged at the source Region, per GB:
 *   from Sydney 0.098 to any Region; Singapore 0.09; us-east-1 0.02 (0.01 to us-east-2); eu-central-1 0.02;
 *   Sao Paulo 0.138. */
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
  const char *to_syd[] = { "db_storage_gb=100", "stored_gb=50", "dest_region=ap-southeast-2", NULL };
  g_autoptr (PcStepResult) y = pc_test_price ("dr-replication", "us-east-1", to_syd);
  pc_assert_usd (pc_step_result_usd (y), 100 * 0.02);
}

static void
test_singapore_to_sydney (void)
{
  const char *sets[] = { "db_storage_gb=40", "stored_gb=10", "dest_region=ap-southeast-2", NULL };
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
test_bad_destination (void)
{
  g_test_summary ("The home Region cannot be the DR Region");
  const char *own[] = { "dest_region=ap-southeast-2", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) r = pc_test_price_error ("dr-replication", "ap-southeast-2", own, &error);
  g_assert_null (r);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "dest_region=\"ap-southeast-2\""));
}

static void
test_other_regions (void)
{
  g_test_summary ("DR pairs beyond the seed's: Sydney -> us-east-1, Frankfurt -> Oregon, Sao Paulo -> Virginia");
  const char *to_virginia[] = { "db_storage_gb=20", "stored_gb=5", "dest_region=us-east-1", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("dr-replication", "ap-southeast-2", to_virginia);
  pc_assert_usd_exact (pc_step_result_usd (s), 15 * 0.098);                              /* 1.47 */
  const char *to_oregon[] = { "db_storage_gb=20", "stored_gb=5", "dest_region=us-west-2", NULL };
  g_autoptr (PcStepResult) f = pc_test_price ("dr-replication", "eu-central-1", to_oregon);
  pc_assert_usd_exact (pc_step_result_usd (f), 15 * 0.02);                               /* 0.30 */
  g_autoptr (PcStepResult) p = pc_test_price ("dr-replication", "sa-east-1", to_virginia);
  pc_assert_usd_exact (pc_step_result_usd (p), 15 * 0.138);                              /* 2.07 */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/dr-replication/ap-southeast-2/to-singapore", test_sydney_to_singapore);
  g_test_add_func ("/plugin/dr-replication/us-east-1/to-asia-pacific", test_us_east_1_sources);
  g_test_add_func ("/plugin/dr-replication/ap-southeast-1/to-sydney", test_singapore_to_sydney);
  g_test_add_func ("/plugin/dr-replication/ap-southeast-2/volumes", test_volumes);
  g_test_add_func ("/plugin/dr-replication/bad-destination", test_bad_destination);
  g_test_add_func ("/plugin/dr-replication/other-regions", test_other_regions);
  return g_test_run ();
}
