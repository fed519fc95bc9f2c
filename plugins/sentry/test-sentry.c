/* Tests of the sentry plugin against hand-worked months.
 * Published prices (aws-prices-edge.md section 9; sentry.io/pricing and docs.sentry.io/pricing, 2026-08/09):
 *   Developer $0; Team $26/month billed annually, $29 monthly; Business $80 / $89.
 *   Team included per month: 50k errors, 5M spans, 50 replays, 1 GB attachments, 1 cron and 1 uptime monitor.
 *   Errors beyond 50k, PAYG: $0.0003625 to 100k, $0.0002188 to 500k, $0.0001875 to 10M, ...
 *                      reserved: $0.00029, $0.000175, $0.00015, ...
 *   Spans beyond 5M, PAYG: $2.00 per million; replays beyond 50, PAYG: $0.00375; cron monitor $0.78;
 *   Seer $40 per active contributor (separate bill).  Sentry prices are global: any Region's catalog has them.
 *   Business (getsentry/sentry-docs docs/pricing/index.mdx @ 0002f347, 'Business PAYG'): errors beyond 50k
 *   $0.0011125 to 100k, $0.000625 to 500k, $0.000375 to 10M, ...; spans beyond 5M $4.00 per million. */
#include "testlib.h"

#include <math.h>

static void
test_team_annual_payg (void)
{
  g_test_summary ("Team annual, 120,000 errors, $50 PAYG budget: all accepted, two overage bands");
  const char *sets[] = { "plan=team", "errors=120000", "payg_budget_usd=50", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("sentry", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "plan"), 26.0);
  pc_assert_usd (pc_test_line_usd (r, "errors"), 50000 * 0.0003625 + 20000 * 0.0002188);  /* 22.501 */
  pc_assert_usd (pc_step_result_usd (r), 48.501);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("sentry", r, "errors_overage"), 70000, 1e-3);
  g_assert_cmpfloat (pc_test_metric ("sentry", r, "errors_dropped"), ==, 0);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("sentry", r, "payg_budget_utilisation"), 22.501 / 50, 1e-9);
}

static void
test_payg_budget_caps (void)
{
  g_test_summary ("With a $10 budget only 10 / 0.0003625 = 27,586 errors above the 50k are accepted");
  const char *sets[] = { "plan=team", "errors=120000", "payg_budget_usd=10", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("sentry", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "errors"), 10.0);
  pc_assert_usd (pc_step_result_usd (r), 36.0);
  double accepted_over = 10 / 0.0003625;                                                    /* 27,586.2 */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("sentry", r, "errors_dropped"), 70000 - accepted_over, 1e-3);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("sentry", r, "errors_overage"), accepted_over, 1e-3);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("sentry", r, "payg_budget_utilisation"), 1.0, 1e-9);
  /* No budget (the default): nothing above the included 50k is billed or kept. */
  const char *none[] = { "plan=team", "errors=120000", NULL };
  g_autoptr (PcStepResult) n = pc_test_price ("sentry", "us-east-1", none);
  pc_assert_usd (pc_step_result_usd (n), 26.0);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("sentry", n, "errors_dropped"), 70000, 1e-3);
}

static void
test_error_band_boundaries (void)
{
  g_test_summary ("50,000 errors are included; 100,000 end the first band; the 100,001st is at $0.0002188");
  const char *at_50k[] = { "plan=team", "errors=50000", "payg_budget_usd=1000", NULL };
  g_autoptr (PcStepResult) a = pc_test_price ("sentry", "ap-southeast-2", at_50k);
  g_assert_cmpfloat (pc_test_line_usd (a, "errors"), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("sentry", a, "errors_overage"), 0, 1e-3);
  const char *at_100k[] = { "plan=team", "errors=100001", "payg_budget_usd=1000", NULL };
  g_autoptr (PcStepResult) b = pc_test_price ("sentry", "ap-southeast-2", at_100k);
  g_assert_cmpfloat_with_epsilon (pc_test_line_usd (b, "errors"), 50000 * 0.0003625 + 0.0002188, 1e-9);
}

static void
test_team_monthly_reserved (void)
{
  g_test_summary ("Team monthly with 600,000 errors bought as reserved volume: reserved rates, no cap");
  const char *sets[] = { "plan=team", "billing=monthly", "reserved=true", "errors=600000", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("sentry", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "plan"), 29.0);
  pc_assert_usd (pc_test_line_usd (r, "errors"), 50000 * 0.00029 + 400000 * 0.000175 + 100000 * 0.00015); /* 99.50 */
  pc_assert_usd (pc_step_result_usd (r), 128.5);
  g_assert_cmpfloat (pc_test_metric ("sentry", r, "errors_dropped"), ==, 0);
}

static void
test_shared_budget_order (void)
{
  g_test_summary ("A $12 budget shared in order: errors $3.625, spans get $8.375, replays nothing");
  const char *sets[] = { "plan=team", "payg_budget_usd=12", "errors=60000", "requests=10000000", "spans_per_request=1",
                         "replays=1050", "seer_contributors=2", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("sentry", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "errors"), 10000 * 0.0003625);                       /* 3.625 */
  pc_assert_usd (pc_test_line_usd (r, "spans"), 12 - 3.625);                                /* 8.375 */
  double spans_accepted = 5e6 + 8.375 / 0.0000020;                                          /* 9,187,500 */
  g_assert_cmpfloat_with_epsilon (pc_test_line_quantity (r, "spans"), spans_accepted, 1e-3);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("sentry", r, "spans_dropped"), 10e6 - spans_accepted, 1e-3);
  /* Replays: the 50 included are kept, the other 1,000 find no budget left. */
  g_assert_cmpfloat (pc_test_line_usd (r, "replays"), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("sentry", r, "other_dropped"), 1000, 1e-3);
  /* Seer is billed apart from the budget. */
  pc_assert_usd (pc_test_line_usd (r, "Seer"), 2 * 40.0);
  pc_assert_usd (pc_step_result_usd (r), 26.0 + 12.0 + 80.0);
  pc_assert_usd (pc_test_metric ("sentry", r, "overage_usd"), 12.0);
}

static void
test_developer_seer (void)
{
  g_test_summary ("Seer on the Developer plan is billed too (it crashed: the Seer price was resolved for paid plans only)");
  const char *sets[] = { "seer_contributors=3", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("sentry", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "Seer"), 3 * 40.0);
  pc_assert_usd (pc_step_result_usd (r), 3 * 40.0);   /* the Developer plan itself is free */
}

static void
test_developer_quota (void)
{
  g_test_summary ("Developer (default, free): 8,000 errors, 5,000 kept, 3,000 dropped, nothing billed");
  const char *sets[] = { "errors=8000", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("sentry", "ap-southeast-2", sets);
  g_assert_cmpfloat (pc_step_result_usd (r), ==, 0.0);
  g_assert_cmpfloat (pc_test_metric ("sentry", r, "errors_dropped"), ==, 3000);
  g_assert_cmpfloat (pc_test_metric ("sentry", r, "errors"), ==, 8000);
}

/* Business, from sentry.business.errors and .spans (SDOCS 'Business PAYG'):
 * 120,000 errors, 1,000,000 requests x 10 spans, a $100 PAYG budget. */
static void
test_business_payg (void)
{
  g_test_summary ("Business annual: 70,000 errors and 5M spans above the included volumes, within a $100 budget");
  const char *sets[] = { "plan=business", "errors=120000", "requests=1000000", "spans_per_request=10",
                         "payg_budget_usd=100", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("sentry", "eu-central-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "plan"), 80.0);
  /* 50,000 x 0.0011125 = 55.625, then 20,000 x 0.000625 = 12.5 */
  pc_assert_usd (pc_test_line_usd (r, "errors"), 50000 * 0.0011125 + 20000 * 0.000625);   /* 68.125 */
  /* 10M spans, 5M included: 5,000,000 x 0.000004 = 20 */
  pc_assert_usd (pc_test_line_usd (r, "spans"), 5000000 * 0.000004);                      /* 20.00 */
  pc_assert_usd (pc_step_result_usd (r), 80 + 68.125 + 20);                                /* 168.125 */
  g_assert_cmpfloat (pc_test_metric ("sentry", r, "errors_dropped"), ==, 0);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("sentry", r, "payg_budget_utilisation"), 88.125 / 100, 1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/sentry/ap-southeast-2/team-annual-payg", test_team_annual_payg);
  g_test_add_func ("/plugin/sentry/us-east-1/payg-budget-cap", test_payg_budget_caps);
  g_test_add_func ("/plugin/sentry/ap-southeast-2/error-bands", test_error_band_boundaries);
  g_test_add_func ("/plugin/sentry/us-east-1/team-monthly-reserved", test_team_monthly_reserved);
  g_test_add_func ("/plugin/sentry/ap-southeast-2/shared-budget", test_shared_budget_order);
  g_test_add_func ("/plugin/sentry/ap-southeast-2/developer-quota", test_developer_quota);
  g_test_add_func ("/plugin/sentry/ap-southeast-2/developer-seer", test_developer_seer);
  g_test_add_func ("/plugin/sentry/eu-central-1/business-payg", test_business_payg);
  return g_test_run ();
}
