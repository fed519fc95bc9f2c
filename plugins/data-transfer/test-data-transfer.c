/* Tests of the data-transfer plugin against hand-worked months.
 * Published prices (aws-prices-core.md, EC2 data transfer feed 2025-05-05):
 *   internet out: 100 GB free, then to 10 TB: Sydney $0.114, us-east-1 $0.09, Singapore $0.12;
 *                 next 40 TB: Sydney $0.098, us-east-1 $0.085
 *   inter-AZ $0.01/GB each direction (Sydney, us-east-1; no Singapore price)
 *   inter-Region: Sydney -> Singapore $0.098, us-east-1 -> Singapore $0.02, Singapore -> Sydney $0.09 */
#include "testlib.h"

#include <math.h>

static void
test_worked_month_sydney (void)
{
  g_test_summary ("150 GB out, 20 GB across AZs, 30 GB to Singapore");
  const char *sets[] = { "egress_gb=150", "static_egress_gb=500", "inter_az_gb=20", "replication_gb=30", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("data-transfer", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "internet egress"), (150 - 100) * 0.114);       /* 5.70, static via CDN */
  pc_assert_usd (pc_test_line_usd (r, "inter-AZ (both directions)"), 2 * 20 * 0.01);  /* 0.40 */
  pc_assert_usd (pc_test_line_usd (r, "inter-Region replication"), 30 * 0.098);       /* 2.94 */
  pc_assert_usd (pc_step_result_usd (r), 9.04);
}

static void
test_free_allowance_and_tier_edge (void)
{
  g_test_summary ("100 GB is free; 10,340 GB crosses the 10 TB edge");
  const char *free_[] = { "egress_gb=60", "other_egress_gb=40", NULL };
  g_autoptr (PcStepResult) f = pc_test_price ("data-transfer", "us-east-1", free_);
  pc_assert_usd (pc_step_result_usd (f), 0.0);
  const char *edge[] = { "egress_gb=10340", NULL };
  g_autoptr (PcStepResult) e = pc_test_price ("data-transfer", "us-east-1", edge);
  pc_assert_usd (pc_test_line_usd (e, "internet egress"), (10240 - 100) * 0.09 + 100 * 0.085);  /* 921.10 */
  const char *syd[] = { "egress_gb=10340", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("data-transfer", "ap-southeast-2", syd);
  pc_assert_usd (pc_test_line_usd (s, "internet egress"), (10240 - 100) * 0.114 + 100 * 0.098); /* 1165.76 */
}

static void
test_static_without_cdn_us_east_1 (void)
{
  g_test_summary ("Without a CDN the static assets leave from the origin too");
  const char *sets[] = { "egress_gb=50", "static_egress_gb=250", "include_static=true", "replication_gb=100", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("data-transfer", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "internet egress"), (300 - 100) * 0.09);   /* 18.00 */
  pc_assert_usd (pc_test_line_usd (r, "inter-Region replication"), 100 * 0.02); /* 2.00 */
}

static void
test_singapore_gaps (void)
{
  g_test_summary ("Singapore: egress and replication to Sydney are priced, inter-AZ is a catalog gap");
  const char *sets[] = { "egress_gb=200", "replication_gb=10", "dest_region=ap-southeast-2", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("data-transfer", "ap-southeast-1", sets);
  pc_assert_usd (pc_step_result_usd (r), 100 * 0.12 + 10 * 0.09);   /* 12.90 */
  const char *az[] = { "inter_az_gb=1", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) g = pc_test_price_error ("data-transfer", "ap-southeast-1", az, &error);
  g_assert_null (g);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "data_transfer.inter_az.gb"));
}

static void
test_no_transfer_to_own_region (void)
{
  const char *sets[] = { "replication_gb=10", "dest_region=ap-southeast-2", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) r = pc_test_price_error ("data-transfer", "ap-southeast-2", sets, &error);
  g_assert_null (r);
  g_assert_nonnull (strstr (error->message, "data_transfer.inter_region.to_ap_southeast_2.gb"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/data-transfer/ap-southeast-2/worked-month", test_worked_month_sydney);
  g_test_add_func ("/plugin/data-transfer/free-allowance-and-tier-edge", test_free_allowance_and_tier_edge);
  g_test_add_func ("/plugin/data-transfer/us-east-1/static-without-cdn", test_static_without_cdn_us_east_1);
  g_test_add_func ("/plugin/data-transfer/ap-southeast-1/gaps", test_singapore_gaps);
  g_test_add_func ("/plugin/data-transfer/ap-southeast-2/no-transfer-to-itself", test_no_transfer_to_own_region);
  return g_test_run ();
}
