/* Tests of the nat-gateway plugin against hand-worked months.
 * Published prices (aws-prices-core.md; data/pricing/aws-*.xml):
 *   NAT hour: Sydney $0.059, us-east-1 $0.045, Singapore $0.059
 *   NAT GB processed: Sydney $0.059, us-east-1 $0.045, Singapore $0.059
 *   public IPv4 $0.005/h everywhere. */
#include "testlib.h"

#include <math.h>

static void
test_one_gateway_sydney (void)
{
  g_test_summary ("One gateway, 5 GB outbound + 10 GB logs: $43.07 + $0.885 + $3.65 (the seed said ~$32)");
  const char *sets[] = { "log_gb=10", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("nat-gateway", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "NAT gateway-hours"), 730 * 0.059);            /* 43.07 */
  pc_assert_usd (pc_test_line_usd (r, "GB processed"), (5 + 10) * 0.059);            /* 0.885 */
  pc_assert_usd (pc_test_line_usd (r, "public IPv4 (one per gateway)"), 730 * 0.005); /* 3.65 */
  pc_assert_usd (pc_step_result_usd (r), 47.605);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("nat-gateway", r, "processed_gb"), 15, 1e-9);
}

static void
test_seed_figure_us_east_1 (void)
{
  g_test_summary ("The seed's ~$32 is the us-east-1 hourly rate: 730 x $0.045 = $32.85");
  const char *sets[] = { "outbound_gb=0", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("nat-gateway", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "NAT gateway-hours"), 32.85);
  pc_assert_usd (pc_test_line_usd (r, "GB processed"), 0.0);
  pc_assert_usd (pc_step_result_usd (r), 32.85 + 3.65);
}

static void
test_ha_singapore (void)
{
  g_test_summary ("Two gateways (one per AZ), logs through a VPC endpoint instead of the NAT");
  const char *sets[] = { "gateways=2", "outbound_gb=40", "logs_via_nat=false", "log_gb=10", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("nat-gateway", "ap-southeast-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "NAT gateway-hours"), 2 * 730 * 0.059);        /* 86.14 */
  pc_assert_usd (pc_test_line_usd (r, "GB processed"), 40 * 0.059);                   /* 2.36 */
  pc_assert_usd (pc_test_line_usd (r, "public IPv4 (one per gateway)"), 2 * 730 * 0.005);
  pc_assert_usd (pc_step_result_usd (r), 86.14 + 2.36 + 7.30);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/nat-gateway/ap-southeast-2/one-gateway", test_one_gateway_sydney);
  g_test_add_func ("/plugin/nat-gateway/us-east-1/seed-figure", test_seed_figure_us_east_1);
  g_test_add_func ("/plugin/nat-gateway/ap-southeast-1/two-gateways", test_ha_singapore);
  return g_test_run ();
}
