/* Tests of the public-ipv4 plugin against hand-worked months.
 * Published prices (aws-prices-core.md, AWS VPC feed 2025-05-21): in-use public IPv4 $0.005 per IP-hour,
 * idle $0.005 per IP-hour, in Sydney, us-east-1 and Singapore.  A month is 730 h. */
#include "testlib.h"

#include <math.h>

static void
test_default_sydney (void)
{
  g_test_summary ("One in-use address for 730 h");
  const char *sets[] = { NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("public-ipv4", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "in-use public IPv4"), 730 * 0.005);     /* 3.65 */
  pc_assert_usd (pc_step_result_usd (r), 3.65);
  g_assert_false (pc_test_has_line (r, "idle public IPv4"));
}

static void
test_alb_and_idle_us_east_1 (void)
{
  g_test_summary ("An ALB in two AZs (2 addresses) and one idle Elastic IP");
  const char *sets[] = { "addresses=2", "idle_addresses=1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("public-ipv4", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "in-use public IPv4"), 2 * 730 * 0.005);  /* 7.30 */
  pc_assert_usd (pc_test_line_usd (r, "idle public IPv4"), 730 * 0.005);        /* 3.65 */
  pc_assert_usd (pc_step_result_usd (r), 10.95);
  g_assert_cmpfloat (pc_test_metric ("public-ipv4", r, "ip_hours"), ==, 3 * 730);
  g_autoptr (PcStepResult) syd = pc_test_price ("public-ipv4", "ap-southeast-2", sets);
  pc_assert_usd (pc_step_result_usd (syd), 3 * 730 * 0.005);
}

static void
test_none (void)
{
  const char *sets[] = { "addresses=0", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("public-ipv4", "ap-southeast-1", sets);
  g_assert_cmpfloat (pc_step_result_usd (r), ==, 0.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/public-ipv4/ap-southeast-2/one-address", test_default_sydney);
  g_test_add_func ("/plugin/public-ipv4/us-east-1/alb-and-idle", test_alb_and_idle_us_east_1);
  g_test_add_func ("/plugin/public-ipv4/ap-southeast-1/none", test_none);
  return g_test_run ();
}
