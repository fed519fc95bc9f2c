/* Tests of the alb plugin against hand-worked months.
 * Published prices (aws-prices-core.md section 2, ELB feed 2025-05-20):
 *   ALB-hour: Sydney and Singapore $0.0252, us-east-1 $0.0225; LCU-hour $0.008 in all three
 *   public IPv4 $0.005/h in all three.
 * LCU definition (AWS ELB pricing page): 25 new connections/s, 3,000 active
 * connections, 1 GB/hour processed, 1,000 rule evaluations/s, first 10 rules free. */
#include "testlib.h"

#include <math.h>

static void
test_worked_month_sydney (void)
{
  g_test_summary ("Header's month: flat 10 rps, 100 GB responses, 2 KB requests -> processed bytes dominate");
  const char *sets[] = { "rps=10", "egress_gb=100", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("alb", "ap-southeast-2", sets);
  double lcu = 100.0 / 730 + 10 * 3600 * 2000 / 1e9;                  /* 0.136986 + 0.072 GB/h = 0.208986 */
  pc_assert_usd (pc_test_line_usd (r, "ALB-hours"), 730 * 0.0252);         /* 18.396 */
  pc_assert_usd (pc_test_line_usd (r, "LCU-hours"), 730 * lcu * 0.008);     /* 1.2205 */
  pc_assert_usd (pc_test_line_usd (r, "public IPv4 (one per AZ)"), 2 * 730 * 0.005); /* 7.30 */
  pc_assert_usd (pc_step_result_usd (r), 26.9165);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("alb", r, "lcu_avg"), lcu, 1e-9);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("alb", r, "lcu_peak"), lcu, 1e-9);
  g_assert_cmpfloat (pc_test_metric ("alb", r, "peak_dimension"), ==, 2);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("alb", r, "new_connections_peak"), 1.0, 1e-9);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("alb", r, "active_connections_peak"), 60.0, 1e-9);
}

static void
test_worked_month_us_east_1 (void)
{
  const char *sets[] = { "rps=10", "egress_gb=100", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("alb", "us-east-1", sets);
  double lcu = 100.0 / 730 + 0.072;
  pc_assert_usd (pc_step_result_usd (r), 730 * 0.0225 + 730 * lcu * 0.008 + 2 * 730 * 0.005); /* 24.9455 */
}

static void
test_aws_pricing_example (void)
{
  g_test_summary ("AWS's ALB pricing-page example: 1 new conn/s held 2 min, 5 rps, 300 KB/s, 60 rules -> 1.08 LCU");
  /* 300 KB/s x 3,600 s = 1.08 GB/h; over 730 h that is 788.4 GB of responses. */
  const char *sets[] = { "rps=5", "requests_per_connection=5", "connection_duration_s=120", "rules=60",
                         "request_kb=0", "egress_gb=788.4", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("alb", "us-east-1", sets);
  /* new 1/25 = 0.04, active 120/3000 = 0.04, bytes 1.08, rules 5 x 50 = 250/1000 = 0.25 */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("alb", r, "lcu_peak"), 1.08, 1e-9);
  g_assert_cmpfloat (pc_test_metric ("alb", r, "peak_dimension"), ==, 2);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("alb", r, "rule_evaluations_peak"), 250, 1e-9);
  pc_assert_usd (pc_test_line_usd (r, "LCU-hours"), 1.08 * 0.008 * 730);   /* $0.00864/h -> 6.3072 */
}

static void
test_new_connections_dominate (void)
{
  g_test_summary ("100 rps without keep-alive: 100 new conn/s = 4 LCU beats 6,000 active (2) and 2,000 rule evals (2)");
  const char *sets[] = { "rps=100", "requests_per_connection=1", "rules=30", "request_kb=0", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("alb", "ap-southeast-1", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("alb", r, "lcu_avg"), 4.0, 1e-9);
  g_assert_cmpfloat (pc_test_metric ("alb", r, "peak_dimension"), ==, 0);
  pc_assert_usd (pc_test_line_usd (r, "LCU-hours"), 4 * 730 * 0.008);      /* 23.36 */
  pc_assert_usd (pc_test_line_usd (r, "ALB-hours"), 730 * 0.0252);
}

static void
test_rules_dominate_internal (void)
{
  g_test_summary ("60 rules x 100 rps: (60 - 10) x 100 = 5,000 evaluations/s = 5 LCU; internal ALB has no IPv4");
  const char *sets[] = { "rps=100", "requests_per_connection=100", "rules=60", "request_kb=0",
                         "internet_facing=false", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("alb", "ap-southeast-2", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("alb", r, "lcu_peak"), 5.0, 1e-9);
  g_assert_cmpfloat (pc_test_metric ("alb", r, "peak_dimension"), ==, 3);
  pc_assert_usd (pc_test_line_usd (r, "LCU-hours"), 5 * 730 * 0.008);      /* 29.20 */
  g_assert_false (pc_test_has_line (r, "public IPv4 (one per AZ)"));
  pc_assert_usd (pc_step_result_usd (r), 730 * 0.0252 + 29.20);
}

static void
test_idle_and_three_azs (void)
{
  g_test_summary ("No traffic: only the hours and 3 addresses are billed");
  const char *sets[] = { "azs=3", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("alb", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "LCU-hours"), 0.0);
  pc_assert_usd (pc_step_result_usd (r), 730 * 0.0225 + 3 * 730 * 0.005);  /* 16.425 + 10.95 */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/alb/ap-southeast-2/worked-month", test_worked_month_sydney);
  g_test_add_func ("/plugin/alb/us-east-1/worked-month", test_worked_month_us_east_1);
  g_test_add_func ("/plugin/alb/us-east-1/aws-pricing-example", test_aws_pricing_example);
  g_test_add_func ("/plugin/alb/ap-southeast-1/capacity/new-connections-dominate", test_new_connections_dominate);
  g_test_add_func ("/plugin/alb/ap-southeast-2/capacity/rules-dominate-internal", test_rules_dominate_internal);
  g_test_add_func ("/plugin/alb/us-east-1/idle-three-azs", test_idle_and_three_azs);
  return g_test_run ();
}
