/* Tests of the lambda plugin against hand-worked months.
 * Published prices (catalog, AWS lambda feed 2025-10-30; free tier from the
 * AWS whitepaper "How AWS Pricing Works", 1M requests and 400,000 GB-s):
 *   requests $0.0000002 (both Regions, both architectures)
 *   x86 GB-s $0.0000166667, Arm GB-s $0.0000133334 (both Regions)
 *   provisioned concurrency GB-s: Sydney $0.000005236, us-east-1 $0.0000041667
 *   duration on provisioned concurrency GB-s: Sydney $0.0000122173 */
#include "testlib.h"

static void
test_worked_month_sydney (void)
{
  g_test_summary ("10M requests of 40 ms CPU + 10 ms wait at 1,024 MB: 79.1 ms billed as 80 ms");
  const char *sets[] = { "requests=10000000", "cpu_ms_per_request=40", "wait_ms_per_request=10", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("lambda", "ap-southeast-2", sets);
  g_assert_cmpfloat (pc_test_metric ("lambda", r, "duration_ms"), ==, 80);   /* ceil(40 x 1769/1024 + 10) */
  pc_assert_usd (pc_test_line_usd (r, "requests"), (10e6 - 1e6) * 0.0000002);                 /* 1.80 */
  pc_assert_usd (pc_test_line_usd (r, "duration GB-seconds"), (10e6 * 0.080 * 1.0 - 400000) * 0.0000166667); /* 6.67 */
  pc_assert_usd (pc_step_result_usd (r), 1.80 + 400000 * 0.0000166667);
  /* 3.805 requests/s against 600 s of keep-warm: no cold starts to speak of. */
  g_assert_cmpfloat (pc_test_metric ("lambda", r, "cold_start_share"), <, 1e-12);
}

static void
test_arm_us_east_1 (void)
{
  g_test_summary ("3M Arm requests of 20 ms CPU at 512 MB: 69.1 ms billed as 70 ms; inside and outside the free tier");
  const char *free_sets[] = { "requests=3000000", "cpu_ms_per_request=20", "memory_mb=512", "architecture=arm", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("lambda", "us-east-1", free_sets);
  /* 3e6 x 0.070 s x 0.5 GB = 105,000 GB-s, inside the 400,000 free. */
  pc_assert_usd (pc_test_line_quantity (r, "duration GB-seconds"), 3e6 * 0.070 * 0.5);
  pc_assert_usd (pc_step_result_usd (r), (3e6 - 1e6) * 0.0000002);                           /* 0.40 */
  const char *paid_sets[] = { "requests=3000000", "cpu_ms_per_request=20", "memory_mb=512", "architecture=arm",
                              "free_tier=false", NULL };
  g_autoptr (PcStepResult) p = pc_test_price ("lambda", "us-east-1", paid_sets);
  pc_assert_usd (pc_step_result_usd (p), 3e6 * 0.0000002 + 105000 * 0.0000133334);            /* 2.00 */
}

static void
test_cold_starts (void)
{
  g_test_summary ("One request every 10 minutes with a 10-minute keep-warm: a share exp(-1) is cold");
  double requests = 730 * 3600.0 / 600.0;   /* 4,380 */
  g_autofree char *req = g_strdup_printf ("requests=%.17g", requests);
  const char *sets[] = { req, "cpu_ms_per_request=40", "memory_mb=1769", "init_ms=600", "keep_warm_min=10", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("lambda", "ap-southeast-2", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("lambda", r, "cold_start_share"), exp (-1.0), 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("lambda", r, "cold_starts"), requests * exp (-1.0), 1e-9);
  /* A cold request waits the init and its own 40 ms (1,769 MB = one vCPU). */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("lambda", r, "cold_request_latency_s"), 0.640, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("lambda", r, "response_time_s"), 0.040 + exp (-1.0) * 0.600, 1e-12);
  /* INIT billed: 4,380 x 40 ms + cold x 600 ms, x 1769/1024 GB. */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("lambda", r, "gb_seconds"),
                                  (requests * 0.040 + requests * exp (-1.0) * 0.600) * 1769.0 / 1024.0, 1e-9);
}

static void
test_provisioned (void)
{
  g_test_summary ("One provisioned environment at concurrency 1 (10/s x 100 ms): it serves 1 - e^-1 of the requests");
  const char *sets[] = { "rps=10", "cpu_ms_per_request=100", "memory_mb=1769", "provisioned_concurrency=1",
                         "free_tier=false", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("lambda", "ap-southeast-2", sets);
  double gb = 1769.0 / 1024.0, requests = 10 * 730 * 3600.0, on_pc = requests * (1 - exp (-1.0));
  pc_assert_usd (pc_test_line_usd (r, "provisioned concurrency GB-seconds"), 1 * gb * 730 * 3600 * 0.000005236);
  pc_assert_usd (pc_test_line_usd (r, "duration on provisioned concurrency GB-seconds"), on_pc * 0.1 * gb * 0.0000122173);
  pc_assert_usd (pc_test_line_usd (r, "duration GB-seconds"), (requests - on_pc) * 0.1 * gb * 0.0000166667);
}

static void
test_arm_provisioned_us_east_1 (void)
{
  g_test_summary ("The same provisioned environment on Arm in us-east-1 (AWS's Arm rates: $0.0000033334 provisioned,"
                  " $0.0000077778 on it, $0.0000133334 on demand)");
  const char *sets[] = { "rps=10", "cpu_ms_per_request=100", "memory_mb=1769", "provisioned_concurrency=1",
                         "architecture=arm", "free_tier=false", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("lambda", "us-east-1", sets);
  double gb = 1769.0 / 1024.0, requests = 10 * 730 * 3600.0, on_pc = requests * (1 - exp (-1.0));
  pc_assert_usd (pc_test_line_usd (r, "provisioned concurrency GB-seconds"), 1 * gb * 730 * 3600 * 0.0000033334);
  pc_assert_usd (pc_test_line_usd (r, "duration on provisioned concurrency GB-seconds"), on_pc * 0.1 * gb * 0.0000077778);
  pc_assert_usd (pc_test_line_usd (r, "duration GB-seconds"), (requests - on_pc) * 0.1 * gb * 0.0000133334);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/lambda/ap-southeast-2/worked-month", test_worked_month_sydney);
  g_test_add_func ("/plugin/lambda/us-east-1/arm-free-tier", test_arm_us_east_1);
  g_test_add_func ("/plugin/lambda/cold-starts", test_cold_starts);
  g_test_add_func ("/plugin/lambda/ap-southeast-2/provisioned", test_provisioned);
  g_test_add_func ("/plugin/lambda/us-east-1/arm-provisioned", test_arm_provisioned_us_east_1);
  return g_test_run ();
}
