/* Tests of the ses plugin against hand-worked months.
 * Published prices (aws-prices-edge.md section 4, AWS SES feed 2025-11-03; plans AE-SES 2026-08-13):
 *   outbound, a-la-carte: $0.10 per 1,000 recipients; attachments $0.12/GB; dedicated IP $24.95/month;
 *   inbound $0.10 per 1,000 emails + $0.09 per 1,000 chunks of 256 KB; the same in all three Regions.
 *   Plan Essentials (us-east-1): $0/month + $0.00016/email to 10M, $0.00014 to 100M, $0.00011 above.
 *   Sandbox: 200 messages per 24 hours.  A month is 730 h = 30.4167 days. */
#include "testlib.h"

#include <math.h>

#define DAYS_PER_MONTH (730.0 / 24.0)

static void
test_sandbox_sydney (void)
{
  g_test_summary ("The seed's MVP: 3,000 emails with 0.1 MB attachments, inside the sandbox quota");
  const char *sets[] = { "emails=3000", "attachments_mb_per_email=0.1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("ses", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "emails sent"), 3000 * 0.10 / 1000);              /* 0.30 */
  pc_assert_usd (pc_test_line_usd (r, "attachments"), 3000 * 0.1 / 1024 * 0.12);        /* 0.0352 */
  pc_assert_usd (pc_step_result_usd (r), 3000 * 0.10 / 1000 + 3000 * 0.1 / 1024 * 0.12);     /* 0.3352 */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("ses", r, "sandbox_quota_utilisation"),
                                  3000 / DAYS_PER_MONTH / 200, 1e-12);                   /* 0.493 */
  g_assert_cmpfloat (pc_test_metric ("ses", r, "emails_rejected"), ==, 0);
}

static void
test_sandbox_quota_exceeded (void)
{
  g_test_summary ("10,000 emails a month is 329 a day: only 200 a day leave the sandbox, the rest are refused");
  const char *sets[] = { "emails=10000", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("ses", "us-east-1", sets);
  double sent = 200 * DAYS_PER_MONTH;                                                    /* 6,083.3 */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("ses", r, "sandbox_quota_utilisation"),
                                  10000 / DAYS_PER_MONTH / 200, 1e-12);                  /* 1.644 */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("ses", r, "emails_rejected"), 10000 - sent, 1e-6);
  pc_assert_usd (pc_test_line_usd (r, "emails sent"), sent * 0.10 / 1000);               /* 0.608 */
  /* Production access lifts the quota: all 10,000 are sent. */
  const char *production[] = { "emails=10000", "sandbox=false", NULL };
  g_autoptr (PcStepResult) p = pc_test_price ("ses", "ap-southeast-2", production);
  pc_assert_usd (pc_test_line_usd (p, "emails sent"), 10000 * 0.10 / 1000);               /* 1.00 */
  g_assert_cmpfloat (pc_test_metric ("ses", p, "sandbox_quota_utilisation"), ==, 0);
}

static void
test_dedicated_ip_and_inbound (void)
{
  g_test_summary ("Production in Sydney: 1M emails, a dedicated IP, 20,000 received emails of 300 KB (2 chunks)");
  const char *sets[] = { "emails=1000000", "sandbox=false", "dedicated_ip=true", "inbound_emails=20000",
                         "inbound_kb_per_email=300", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("ses", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "emails sent"), 1e6 * 0.10 / 1000);                 /* 100.00 */
  pc_assert_usd (pc_test_line_usd (r, "dedicated IP"), 24.95);
  pc_assert_usd (pc_test_line_usd (r, "emails received"), 20000 * 0.10 / 1000);           /* 2.00 */
  pc_assert_usd (pc_test_line_usd (r, "inbound 256 KB chunks"), 40000 * 0.09 / 1000);     /* 3.60 */
  pc_assert_usd (pc_step_result_usd (r), 130.55);
}

static void
test_essentials_plan (void)
{
  g_test_summary ("Plan Essentials in us-east-1 across its 10M band; the plan has no Sydney price");
  const char *sets[] = { "emails=20000000", "sandbox=false", "pricing=essentials", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("ses", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "emails sent"), 10e6 * 0.00016 + 10e6 * 0.00014);    /* 3,000.00 */
  pc_assert_usd (pc_test_line_usd (r, "SES plan"), 0.0);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) syd = pc_test_price_error ("ses", "ap-southeast-2", sets, &error);
  g_assert_null (syd);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "ses.essentials"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/ses/ap-southeast-2/sandbox-mvp", test_sandbox_sydney);
  g_test_add_func ("/plugin/ses/us-east-1/sandbox-quota", test_sandbox_quota_exceeded);
  g_test_add_func ("/plugin/ses/ap-southeast-2/dedicated-ip-inbound", test_dedicated_ip_and_inbound);
  g_test_add_func ("/plugin/ses/us-east-1/essentials-plan", test_essentials_plan);
  return g_test_run ();
}
