/* Tests of the route53 plugin against hand-worked months.
 * Published prices (Route 53 feed 2025-08-28, global, the same in all three Regions):
 *   hosted zone: first 25 $0.50, then $0.10; standard queries $0.40 per million to 1B, then $0.20;
 *   latency $0.60/M, geo $0.70/M; health checks of AWS endpoints: 50 free, then $0.50;
 *   non-AWS $0.75; optional feature $1.00 (AWS) / $2.00 (non-AWS).
 *   Route 53 is global: the Regions added in 2026-12 carry the same prices (the feed's location
 *   Any and its location-less block). */
#include "testlib.h"

#include <math.h>

#define FLAT_10_RPS (10.0 * 730 * 3600)   /* 26,280,000 requests */

static void
test_failover_sydney (void)
{
  g_test_summary ("Failover at 10 rps: $0.50 zone + 262,800 queries x $0.40/M; the health check is free");
  const char *sets[] = { "rps=10", "failover=true", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("route53", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "hosted zones"), 0.50);
  pc_assert_usd (pc_test_line_usd (r, "DNS queries"), FLAT_10_RPS * 0.01 * 0.40 / 1e6);  /* 0.1051 */
  pc_assert_usd (pc_test_line_usd (r, "health checks"), 0.0);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("route53", r, "queries"), 262800, 1e-6);
  g_assert_cmpfloat (pc_test_metric ("route53", r, "health_checks"), ==, 1);
}

static void
test_tier_edges_us_east_1 (void)
{
  g_test_summary ("26 zones, 1.1B queries, 52 AWS health checks: each crosses its tier edge");
  const char *sets[] = { "requests=110000000000", "hosted_zones=26", "health_checks=52", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("route53", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "hosted zones"), 25 * 0.50 + 1 * 0.10);         /* 12.60 */
  pc_assert_usd (pc_test_line_usd (r, "DNS queries"), 1e9 * 0.40 / 1e6 + 1e8 * 0.20 / 1e6);  /* 420.00 */
  pc_assert_usd (pc_test_line_usd (r, "health checks"), 2 * 0.50);                    /* 1.00 */
}

static void
test_latency_alias_non_aws_singapore (void)
{
  g_test_summary ("Latency routing, half the queries on free aliases, 2 non-AWS checks with HTTPS");
  const char *sets[] = { "rps=10", "routing=latency", "alias_share=0.5", "health_checks=2",
                         "health_check_target=non_aws", "health_check_features=1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("route53", "ap-southeast-1", sets);
  pc_assert_usd (pc_test_line_quantity (r, "DNS queries"), FLAT_10_RPS * 0.01 * 0.5);       /* 131,400 */
  pc_assert_usd (pc_test_line_usd (r, "DNS queries"), 131400 * 0.60 / 1e6);
  pc_assert_usd (pc_test_line_usd (r, "health checks"), 2 * 0.75);
  pc_assert_usd (pc_test_line_usd (r, "health check features"), 2 * 2.00);
  const char *geo[] = { "requests=1000000000", "routing=geo", NULL };
  g_autoptr (PcStepResult) g = pc_test_price ("route53", "ap-southeast-2", geo);
  pc_assert_usd (pc_test_line_usd (g, "DNS queries"), 1e7 * 0.70 / 1e6);                  /* 7.00 */
}

static void
test_tier_edges_oregon (void)
{
  g_test_summary ("Oregon: 26 zones, 1.1B queries, 52 AWS health checks, as in us-east-1");
  const char *sets[] = { "requests=110000000000", "hosted_zones=26", "health_checks=52", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("route53", "us-west-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "hosted zones"), 25 * 0.50 + 1 * 0.10);         /* 12.60 */
  pc_assert_usd (pc_test_line_usd (r, "DNS queries"), 1e9 * 0.40 / 1e6 + 1e8 * 0.20 / 1e6);  /* 420.00 */
  pc_assert_usd (pc_test_line_usd (r, "health checks"), 2 * 0.50);                    /* 1.00 */
  pc_assert_usd (pc_step_result_usd (r), 12.60 + 420.00 + 1.00);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/route53/ap-southeast-2/failover", test_failover_sydney);
  g_test_add_func ("/plugin/route53/us-east-1/tier-edges", test_tier_edges_us_east_1);
  g_test_add_func ("/plugin/route53/ap-southeast-1/latency-alias-non-aws", test_latency_alias_non_aws_singapore);
  g_test_add_func ("/plugin/route53/us-west-2/tier-edges", test_tier_edges_oregon);
  return g_test_run ();
}
