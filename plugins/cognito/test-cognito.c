/* Tests of the cognito plugin against hand-worked months.
 * Published prices (aws-prices-edge.md section 5; AWS Cognito pricing page examples 2026-09-20, feed 2025-11-03):
 *   Essentials $0.015/MAU above the free 10,000 MAU (us-east-1; Sydney and Singapore equal, marked derived);
 *   Plus $0.020/MAU, no free tier;
 *   Lite: 10,000 free, then $0.0055 to 50,000, $0.0046 to 950,000, $0.00325 to 9,950,000, $0.0025 above.
 *   Regions added in 2026-12 read the same cognito feed (2025-11-03): Tokyo and Canada (Central) have
 *   Essentials $0.015, Plus $0.020 and the same Lite bands; the 10,000 free MAU are the pricing
 *   page's (per account). */
#include "testlib.h"

#include <math.h>

static void
test_essentials_sydney (void)
{
  g_test_summary ("25,000 MAU on Essentials: 15,000 billed at $0.015");
  const char *sets[] = { "monthly_active_users=25000", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cognito", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "monthly active users"), 15000 * 0.015);   /* 225.00 */
  pc_assert_usd (pc_step_result_usd (r), 225.0);
  g_assert_cmpfloat (pc_test_metric ("cognito", r, "mau"), ==, 25000);
}

static void
test_free_tier_boundary (void)
{
  g_test_summary ("10,000 MAU are free in both Regions; the 10,001st costs $0.015");
  const char *at[] = { "monthly_active_users=10000", NULL };
  const char *over[] = { "monthly_active_users=10001", NULL };
  const char *regions[] = { "ap-southeast-2", "us-east-1" };
  for (guint i = 0; i < G_N_ELEMENTS (regions); i++) {
    g_autoptr (PcStepResult) a = pc_test_price ("cognito", regions[i], at);
    g_assert_cmpfloat (pc_step_result_usd (a), ==, 0.0);
    g_autoptr (PcStepResult) o = pc_test_price ("cognito", regions[i], over);
    g_assert_cmpfloat_with_epsilon (pc_step_result_usd (o), 0.015, 1e-12);
  }
}

static void
test_plus_us_east_1 (void)
{
  g_test_summary ("Plus has no free tier: 5,000 MAU x $0.020");
  const char *sets[] = { "monthly_active_users=5000", "tier=plus", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cognito", "us-east-1", sets);
  pc_assert_usd (pc_step_result_usd (r), 5000 * 0.020);                         /* 100.00 */
}

static void
test_lite_bands (void)
{
  g_test_summary ("Lite at 60,000 MAU: 10,000 free, 40,000 x $0.0055, 10,000 x $0.0046");
  const char *sets[] = { "monthly_active_users=60000", "tier=lite", NULL };
  g_autoptr (PcStepResult) syd = pc_test_price ("cognito", "ap-southeast-2", sets);
  pc_assert_usd (pc_step_result_usd (syd), 40000 * 0.0055 + 10000 * 0.0046);    /* 266.00 */
  g_autoptr (PcStepResult) use1 = pc_test_price ("cognito", "us-east-1", sets);
  pc_assert_usd (pc_step_result_usd (use1), 266.0);
}

/* Two of the Regions beyond the seed's three. */
static void
test_tokyo_essentials_and_plus (void)
{
  g_test_summary ("Tokyo: 25,000 MAU on Essentials (15,000 billed at $0.015); 5,000 on Plus at $0.020");
  const char *essentials[] = { "monthly_active_users=25000", NULL };
  g_autoptr (PcStepResult) e = pc_test_price ("cognito", "ap-northeast-1", essentials);
  pc_assert_usd (pc_step_result_usd (e), (25000 - 10000) * 0.015);              /* 225.00 */
  const char *plus[] = { "monthly_active_users=5000", "tier=plus", NULL };
  g_autoptr (PcStepResult) p = pc_test_price ("cognito", "ap-northeast-1", plus);
  pc_assert_usd (pc_step_result_usd (p), 5000 * 0.020);                         /* 100.00 */
}

static void
test_canada_lite_bands (void)
{
  g_test_summary ("Canada (Central), Lite at 1,000,000 MAU: 10,000 free, then three bands");
  const char *sets[] = { "monthly_active_users=1000000", "tier=lite", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cognito", "ca-central-1", sets);
  /* 40,000 x 0.0055 + 900,000 x 0.0046 + 50,000 x 0.00325 = 220 + 4,140 + 162.50 */
  pc_assert_usd (pc_step_result_usd (r), 40000 * 0.0055 + 900000 * 0.0046 + 50000 * 0.00325);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/cognito/ap-southeast-2/essentials", test_essentials_sydney);
  g_test_add_func ("/plugin/cognito/free-tier-boundary", test_free_tier_boundary);
  g_test_add_func ("/plugin/cognito/us-east-1/plus", test_plus_us_east_1);
  g_test_add_func ("/plugin/cognito/lite-bands", test_lite_bands);
  g_test_add_func ("/plugin/cognito/ap-northeast-1/essentials-and-plus", test_tokyo_essentials_and_plus);
  g_test_add_func ("/plugin/cognito/ca-central-1/lite-bands", test_canada_lite_bands);
  return g_test_run ();
}
