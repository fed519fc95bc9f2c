/* Tests of the lambda-edge plugin against hand-worked months.
 * Published prices (aws-prices-edge.md section 1, AWS CloudFront feed 2025-07-01, by the Region where the
 * function runs): $0.60 per million requests and $0.00005001 per GB-second in Sydney, us-east-1 and Singapore.
 * Duration is billed in 1 ms steps; no free tier.  A month is 730 h. */
#include "testlib.h"

#include <math.h>

static void
test_worked_month_sydney (void)
{
  g_test_summary ("10M requests through a 5 ms, 128 MB function");
  const char *sets[] = { "requests=10000000", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("lambda-edge", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "requests"), 10e6 * 0.60 / 1e6);                          /* 6.00 */
  pc_assert_usd (pc_test_line_usd (r, "duration GB-seconds"), 10e6 * 0.005 * 0.125 * 0.00005001); /* 0.3126 */
  pc_assert_usd (pc_step_result_usd (r), 10e6 * 0.60 / 1e6 + 10e6 * 0.005 * 0.125 * 0.00005001);  /* 6.3126 */
  g_assert_cmpfloat (pc_test_metric ("lambda-edge", r, "invocations"), ==, 10e6);
}

static void
test_share_and_rounding_us_east_1 (void)
{
  g_test_summary ("Half of 4M requests, 12.3 ms billed as 13 ms, 512 MB");
  const char *sets[] = { "requests=4000000", "function_share=0.5", "duration_ms=12.3", "memory_mb=512", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("lambda-edge", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "requests"), 2e6 * 0.60 / 1e6);                            /* 1.20 */
  g_assert_cmpfloat_with_epsilon (pc_test_line_quantity (r, "duration GB-seconds"), 2e6 * 0.013 * 0.5, 1e-6);
  pc_assert_usd (pc_test_line_usd (r, "duration GB-seconds"), 13000 * 0.00005001);              /* 0.6501 */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("lambda-edge", r, "added_latency_s"), 0.5 * 0.0123, 1e-12);
}

static void
test_concurrency (void)
{
  g_test_summary ("Little's law: 400 rps x peak factor 3 x 1 s = 1,200 concurrent, over the 1,000 quota");
  const char *sets[] = { "rps=400", "peak_factor=3", "duration_ms=1000", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("lambda-edge", "ap-southeast-1", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("lambda-edge", r, "concurrency_peak"), 1200, 1e-6);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("lambda-edge", r, "concurrency_utilisation"), 1.2, 1e-9);
  /* 400 rps for 730 h = 1,051.2M invocations x 1 s x 0.125 GB. */
  pc_assert_usd (pc_step_result_usd (r), 1051.2e6 * 0.60 / 1e6 + 1051.2e6 * 0.125 * 0.00005001);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/lambda-edge/ap-southeast-2/worked-month", test_worked_month_sydney);
  g_test_add_func ("/plugin/lambda-edge/us-east-1/share-and-rounding", test_share_and_rounding_us_east_1);
  g_test_add_func ("/plugin/lambda-edge/ap-southeast-1/concurrency", test_concurrency);
  return g_test_run ();
}
