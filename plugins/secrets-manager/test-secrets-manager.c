/* Tests of the secrets-manager plugin against hand-worked months.
 * Published prices: us-east-1 (AE-SM, 2026-09-20) and Singapore (SGP, 2026-08-12):
 *   $0.40 per secret-month, $0.05 per 10,000 API calls.
 * Sydney has no published figure; the catalog derives it as equal to the
 * other two (marked derived), which the Sydney test checks. */
#include "testlib.h"

#include <math.h>

static void
test_seed_us_east_1 (void)
{
  g_test_summary ("3 secrets, 60 task starts, monthly rotation: $1.20 + 204.33 calls x $0.000005");
  const char *sets[] = { NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("secrets-manager", "us-east-1", sets);
  double calls = 3 * 60 + 3 * (365.0 / 12 / 30) * 8;                  /* 204.333 */
  pc_assert_usd (pc_test_line_usd (r, "secrets"), 3 * 0.40);
  pc_assert_usd (pc_test_line_quantity (r, "API calls"), calls);
  pc_assert_usd (pc_test_line_usd (r, "API calls"), calls * 0.05 / 10000);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("secrets-manager", r, "api_calls"), calls, 1e-9);
}

static void
test_heavy_calls_singapore (void)
{
  g_test_summary ("An application reading a secret per request: 10M calls = $50 a month");
  const char *sets[] = { "secrets=5", "app_calls=10000000", "task_starts=0", "rotation=false", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("secrets-manager", "ap-southeast-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "secrets"), 5 * 0.40);
  pc_assert_usd (pc_test_line_usd (r, "API calls"), 10e6 * 0.05 / 10000);   /* 50.00 */
  pc_assert_usd (pc_step_result_usd (r), 52.00);
}

static void
test_sydney_derived (void)
{
  g_test_summary ("Sydney's price is AWS's secretsmanager feed of 2025-03-27 ($0.40, $0.000005/call = $0.05/10,000), "
                  "which replaced the derived entry: no longer marked derived");
  const char *sets[] = { "secrets=2", "app_calls=20000", "task_starts=0", "rotation=false", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("secrets-manager", "ap-southeast-2", sets);
  pc_assert_usd (pc_step_result_usd (r), 2 * 0.40 + 20000 * 0.05 / 10000);   /* 0.90 */
  for (guint i = 0; i < pc_step_result_n_lines (r); i++) {
    const char *item, *unit;
    double quantity, usd;
    const PcPrice *price;
    pc_step_result_line (r, i, &item, &quantity, &unit, &usd, &price);
    g_assert_null (pc_price_derived (price));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/secrets-manager/us-east-1/seed", test_seed_us_east_1);
  g_test_add_func ("/plugin/secrets-manager/ap-southeast-1/heavy-calls", test_heavy_calls_singapore);
  g_test_add_func ("/plugin/secrets-manager/ap-southeast-2/derived", test_sydney_derived);
  return g_test_run ();
}
