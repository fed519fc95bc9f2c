/* Tests of the waf plugin against hand-worked months.
 * Published prices (WAF feed 2025-10-03, the same in all three Regions):
 *   web ACL $5.00/month, rule $1.00/month, requests $0.60 per million,
 *   Bot Control $10.00/month, common requests 10M included then $1.00 per million,
 *   targeted requests 1M included then $10.00 per million. */
#include "testlib.h"

#include <math.h>

#define FLAT_10_RPS (10.0 * 730 * 3600)   /* 26,280,000 requests */

static void
test_regional_sydney (void)
{
  g_test_summary ("Regional ACL on the ALB, 5 rules, 10 rps: $5 + $5 + 26.28M x $0.60/M");
  const char *sets[] = { "rps=10", "static_requests=50000000", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("waf", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "web ACL"), 5.00);
  pc_assert_usd (pc_test_line_usd (r, "rules"), 5 * 1.00);
  pc_assert_usd (pc_test_line_usd (r, "requests inspected"), FLAT_10_RPS * 0.60 / 1e6);  /* 15.768 */
  pc_assert_usd (pc_step_result_usd (r), 25.768);
  g_assert_false (pc_test_has_line (r, "Bot Control subscription"));
}

static void
test_cloudfront_scope_us_east_1 (void)
{
  g_test_summary ("On CloudFront the static requests are inspected too");
  const char *sets[] = { "rps=10", "static_requests=50000000", "scope=cloudfront", "rules=3", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("waf", "us-east-1", sets);
  pc_assert_usd (pc_test_line_quantity (r, "requests inspected"), FLAT_10_RPS + 50e6);
  pc_assert_usd (pc_step_result_usd (r), 5 + 3 + (FLAT_10_RPS + 50e6) * 0.60 / 1e6);   /* 53.768 */
}

static void
test_bot_control_tiers (void)
{
  g_test_summary ("Bot Control common: 26.28M - 10M included = 16.28M x $1/M; targeted: 25.28M x $10/M");
  const char *common[] = { "rps=10", "bot_control=true", NULL };
  g_autoptr (PcStepResult) c = pc_test_price ("waf", "ap-southeast-1", common);
  pc_assert_usd (pc_test_line_usd (c, "Bot Control subscription"), 10.00);
  pc_assert_usd (pc_test_line_usd (c, "Bot Control requests"), (FLAT_10_RPS - 10e6) * 1.00 / 1e6);  /* 16.28 */
  const char *targeted[] = { "rps=10", "bot_control=true", "bot_control_level=targeted", NULL };
  g_autoptr (PcStepResult) t = pc_test_price ("waf", "ap-southeast-2", targeted);
  pc_assert_usd (pc_test_line_usd (t, "Bot Control requests"), (FLAT_10_RPS - 1e6) * 10.00 / 1e6);  /* 252.80 */
  const char *inside[] = { "requests=9000000", "bot_control=true", NULL };
  g_autoptr (PcStepResult) i = pc_test_price ("waf", "us-east-1", inside);
  pc_assert_usd (pc_test_line_usd (i, "Bot Control requests"), 0.0);
}

static void
test_blocked_share (void)
{
  g_test_summary ("Blocking 20 % of requests: inspected all, 80 % reach the origin");
  const char *sets[] = { "rps=10", "blocked_share=0.2", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("waf", "ap-southeast-2", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("waf", r, "requests_inspected"), FLAT_10_RPS, 1e-3);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("waf", r, "requests_blocked"), 0.2 * FLAT_10_RPS, 1e-3);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/waf/ap-southeast-2/regional", test_regional_sydney);
  g_test_add_func ("/plugin/waf/us-east-1/cloudfront-scope", test_cloudfront_scope_us_east_1);
  g_test_add_func ("/plugin/waf/bot-control-tiers", test_bot_control_tiers);
  g_test_add_func ("/plugin/waf/ap-southeast-2/blocked-share", test_blocked_share);
  return g_test_run ();
}
