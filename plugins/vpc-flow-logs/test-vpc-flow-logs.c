/* Tests of the vpc-flow-logs plugin against hand-worked months.
 * Published prices (CloudWatch feed 2025-09-23; S3 feed 2025-10-22):
 *   vended logs to CloudWatch Logs: Sydney $0.67/GB to 10 TB, then $0.335; us-east-1 $0.50, then $0.25
 *   vended logs to S3: Sydney $0.335/GB to 10 TB; us-east-1 $0.25
 *   CloudWatch Logs storage: Sydney $0.033/GB-month, us-east-1 $0.03
 *   S3 Standard: Sydney $0.025/GB-month, us-east-1 $0.023
 *   Frankfurt (added 2026-12): vended logs to CloudWatch Logs $0.63/GB, Logs storage $0.0324 */
#include "testlib.h"

#include <math.h>

#define DAYS_PER_MONTH (365.0 / 12.0)

static void
test_cloudwatch_sydney (void)
{
  g_test_summary ("10 rps: 2.628M connections x 4 records x 125 B + 0.5 GB = 1.814 GB to CloudWatch Logs");
  const char *sets[] = { "rps=10", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("vpc-flow-logs", "ap-southeast-2", sets);
  double gb = 26.28e6 / 10 * 4 * 125 / 1e9 + 0.5;   /* 1.814 */
  pc_assert_usd (pc_test_line_usd (r, "flow log delivery"), gb * 0.67);                      /* 1.2154 */
  pc_assert_usd (pc_test_line_usd (r, "flow log storage"), gb * 30 / DAYS_PER_MONTH * 0.033); /* 0.0590 */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("vpc-flow-logs", r, "flow_log_gb"), 1.814, 1e-9);
}

static void
test_s3_us_east_1 (void)
{
  g_test_summary ("To S3 in us-east-1, 90 days kept");
  const char *sets[] = { "rps=10", "destination=s3", "retention_days=90", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("vpc-flow-logs", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "flow log delivery"), 1.814 * 0.25);
  pc_assert_usd (pc_test_line_usd (r, "flow log storage"), 1.814 * 90 / DAYS_PER_MONTH * 0.023);
}

static void
test_tier_edge (void)
{
  g_test_summary ("11,264 GB to CloudWatch Logs crosses the 10 TB edge: 10,240 x $0.50 + 1,024 x $0.25");
  const char *sets[] = { "background_gb=11264", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("vpc-flow-logs", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "flow log delivery"), 10240 * 0.50 + 1024 * 0.25);   /* 5376 */
  const char *syd[] = { "background_gb=11264", "destination=s3", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("vpc-flow-logs", "ap-southeast-2", syd);
  pc_assert_usd (pc_test_line_usd (s, "flow log delivery"), 10240 * 0.335 + 1024 * 0.201);  /* 3636.22 */
}

static void
test_cloudwatch_frankfurt (void)
{
  g_test_summary ("Frankfurt, 10 rps to CloudWatch Logs: 1.814 GB delivered and stored");
  const char *sets[] = { "rps=10", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("vpc-flow-logs", "eu-central-1", sets);
  double gb = 26.28e6 / 10 * 4 * 125 / 1e9 + 0.5;   /* 1.814 */
  pc_assert_usd (pc_test_line_usd (r, "flow log delivery"), gb * 0.63);                        /* 1.1428 */
  pc_assert_usd (pc_test_line_usd (r, "flow log storage"), gb * 30 / DAYS_PER_MONTH * 0.0324);  /* 0.0580 */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/vpc-flow-logs/ap-southeast-2/cloudwatch", test_cloudwatch_sydney);
  g_test_add_func ("/plugin/vpc-flow-logs/us-east-1/s3", test_s3_us_east_1);
  g_test_add_func ("/plugin/vpc-flow-logs/tier-edge", test_tier_edge);
  g_test_add_func ("/plugin/vpc-flow-logs/eu-central-1/cloudwatch", test_cloudwatch_frankfurt);
  return g_test_run ();
}
