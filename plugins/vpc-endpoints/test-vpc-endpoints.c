/* Tests of the vpc-endpoints plugin against hand-worked months.
 * Published prices (aws-prices-core.md, VPC feed 2025-05-21):
 *   interface endpoint per AZ-hour: Sydney and Singapore $0.013, us-east-1 $0.01
 *   GB processed: $0.01 to 1 PB, $0.006 for the next 4 PB, $0.004 beyond (all three)
 *   NAT gateway hour for comparison: Sydney $0.059. */
#include "testlib.h"

#include <math.h>

static void
test_four_endpoints_sydney (void)
{
  g_test_summary ("4 endpoints x 2 AZs cost more than the NAT gateway they replace");
  const char *sets[] = { "log_gb=10", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("vpc-endpoints", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "interface endpoint-AZ-hours"), 4 * 2 * 730 * 0.013);  /* 75.92 */
  pc_assert_usd (pc_test_line_usd (r, "GB processed"), (5 + 10) * 0.01);                    /* 0.15 */
  pc_assert_usd (pc_step_result_usd (r), 76.07);
  g_assert_cmpfloat (pc_step_result_usd (r), >, 730 * 0.059 + 730 * 0.005);  /* one NAT + IPv4: 46.72 */
}

static void
test_us_east_1 (void)
{
  const char *sets[] = { "interface_endpoints=3", "azs=3", "processed_gb=20", "logs_via_endpoint=false",
                         "log_gb=10", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("vpc-endpoints", "us-east-1", sets);
  pc_assert_usd (pc_step_result_usd (r), 3 * 3 * 730 * 0.01 + 20 * 0.01);  /* 65.70 + 0.20 */
}

static void
test_petabyte_tier_edge (void)
{
  g_test_summary ("1 PB + 100 GB processed: 1,048,576 GB x $0.01 + 100 GB x $0.006");
  const char *sets[] = { "interface_endpoints=1", "azs=1", "processed_gb=1048676", "logs_via_endpoint=false", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("vpc-endpoints", "ap-southeast-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "GB processed"), 1048576 * 0.01 + 100 * 0.006);  /* 10486.36 */
  pc_assert_usd (pc_test_line_usd (r, "interface endpoint-AZ-hours"), 730 * 0.013);
}

static void
test_none (void)
{
  const char *sets[] = { "interface_endpoints=0", "log_gb=10", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("vpc-endpoints", "ap-southeast-2", sets);
  pc_assert_usd (pc_step_result_usd (r), 0.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/vpc-endpoints/ap-southeast-2/four-endpoints", test_four_endpoints_sydney);
  g_test_add_func ("/plugin/vpc-endpoints/us-east-1/three-azs", test_us_east_1);
  g_test_add_func ("/plugin/vpc-endpoints/ap-southeast-1/petabyte-tier-edge", test_petabyte_tier_edge);
  g_test_add_func ("/plugin/vpc-endpoints/ap-southeast-2/none", test_none);
  return g_test_run ();
}
