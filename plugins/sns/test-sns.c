/* Tests of the sns plugin against hand-worked months.
 * Published prices (SNS feed 2025-08-28, the same in all three Regions):
 *   publishes: 1M free, then $0.50 per million; email: 1,000 free, then $2.00 per 100,000;
 *   HTTP/S: 100,000 free, then $0.60 per million.
 *   Regions added in 2026-12: the same in the sns feed (Canada (Central) and the others); the
 *   email and HTTP/S free bands are the feed's own, the 1M free publishes AWS's Free Tier's. */
#include "testlib.h"

#include <math.h>

static void
test_defaults_free (void)
{
  g_test_summary ("100 alarm publishes to 3 people: 300 emails, all inside the free tiers");
  const char *sets[] = { NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("sns", "ap-southeast-2", sets);
  pc_assert_usd (pc_step_result_usd (r), 0.0);
  g_assert_cmpfloat (pc_test_metric ("sns", r, "email_notifications"), ==, 300);
}

static void
test_email_tier_edge (void)
{
  g_test_summary ("1,000 emails are free; 100,000 publishes to 2 subscribers pay for 199,000");
  const char *edge[] = { "publishes=200", "email_subscribers=5", NULL };
  g_autoptr (PcStepResult) e = pc_test_price ("sns", "us-east-1", edge);
  pc_assert_usd (pc_test_line_usd (e, "email notifications"), 0.0);           /* exactly 1,000 */
  const char *noisy[] = { "publishes=100000", "email_subscribers=2", NULL };
  g_autoptr (PcStepResult) n = pc_test_price ("sns", "ap-southeast-2", noisy);
  pc_assert_usd (pc_test_line_usd (n, "email notifications"), (200000 - 1000) * 2.00 / 100000);  /* 3.98 */
}

static void
test_publishes_and_http_singapore (void)
{
  g_test_summary ("3M publishes to one webhook: 2M billable publishes, 2.9M billable deliveries");
  const char *sets[] = { "publishes=3000000", "email_subscribers=0", "http_subscribers=1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("sns", "ap-southeast-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "publishes"), (3e6 - 1e6) * 0.50 / 1e6);            /* 1.00 */
  pc_assert_usd (pc_test_line_usd (r, "HTTP/S notifications"), (3e6 - 1e5) * 0.60 / 1e6); /* 1.74 */
  pc_assert_usd (pc_step_result_usd (r), 2.74);
}

static void
test_canada (void)
{
  g_test_summary ("Canada (Central): 3M publishes to one webhook and 2 email subscribers");
  const char *sets[] = { "publishes=3000000", "email_subscribers=2", "http_subscribers=1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("sns", "ca-central-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "publishes"), (3e6 - 1e6) * 0.50 / 1e6);              /* 1.00 */
  pc_assert_usd (pc_test_line_usd (r, "HTTP/S notifications"), (3e6 - 1e5) * 0.60 / 1e6);   /* 1.74 */
  pc_assert_usd (pc_test_line_usd (r, "email notifications"), (6e6 - 1000) * 2.00 / 100000); /* 119.98 */
  pc_assert_usd (pc_step_result_usd (r), 1.00 + 1.74 + 119.98);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/sns/ap-southeast-2/defaults-free", test_defaults_free);
  g_test_add_func ("/plugin/sns/email-tier-edge", test_email_tier_edge);
  g_test_add_func ("/plugin/sns/ap-southeast-1/publishes-and-http", test_publishes_and_http_singapore);
  g_test_add_func ("/plugin/sns/ca-central-1/publishes-http-email", test_canada);
  return g_test_run ();
}
