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

/* AWS's NAT gateway pricing example (https://aws.amazon.com/vpc/pricing/), as transcribed in
 * api-evangelist/amazon-vpc plans/amazon-vpc-plans-pricing.yml (docs corpus, generated 2026-09-20,
 * "every price_text was found verbatim in the fetched page text"):
 *   "NAT Gateway (US East Ohio example) price_text: $0.045 per hour ... unit: NAT Gateway-hour
 *    overage: Data Processing charge will result in a charge of $0.045 per GB"
 * i.e. the page's example: the gateway is charged $0.045 an hour and the 1 GB that went through it
 * "will result in a charge of $0.045".  The rest of the example (the data-transfer step) is not in
 * the stored copy.  The example's Region is US East (Ohio); its unit prices equal our us-east-1
 * catalog's nat.hour and nat.gb ($0.045 each). */
static void
test_aws_pricing_example (void)
{
  g_test_summary ("AWS's NAT example: $0.045 per gateway-hour, 1 GB processed -> $0.045");
  const char *sets[] = { "outbound_gb=1", "logs_via_nat=false", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("nat-gateway", "us-east-1", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_line_usd (r, "NAT gateway-hours") / 730, 0.045, 1e-12);
  pc_assert_usd (pc_test_line_usd (r, "GB processed"), 0.045);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("nat-gateway", r, "processed_gb"), 1, 1e-12);
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
  g_test_add_func ("/plugin/nat-gateway/us-east-1/aws-pricing-example", test_aws_pricing_example);
  return g_test_run ();
}
