/* Tests of the quicksight plugin against hand-worked months.
 * Published prices (aws-prices-edge.md section 8, AWS price feed 2025-10-09; global, the same in
 * every Region): Enterprise Author $24/user-month, Enterprise Reader $3, Standard author $12
 * month-to-month or $9/month on an annual commitment; SPICE $0.38/GB-month (Enterprise),
 * $0.25 (Standard), 10 GB included per author.  The Regions added in 2026-12 have the same
 * prices in the quicksight feed (authors in its location Any; readers and SPICE per Region). */
#include "testlib.h"

#include <math.h>

static void
test_seed_24_is_enterprise_not_standard (void)
{
  g_test_summary ("The seed says '~$24/month (Standard edition)': $24 is one Enterprise author; "
                  "one Standard author is $12 monthly or $9 annual");
  const char *standard[] = { NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("quicksight", "ap-southeast-2", standard);
  pc_assert_usd (pc_test_line_usd (s, "Standard authors (monthly)"), 12.0);
  pc_assert_usd (pc_step_result_usd (s), 12.0);

  const char *annual[] = { "billing=annual", NULL };
  g_autoptr (PcStepResult) a = pc_test_price ("quicksight", "ap-southeast-2", annual);
  pc_assert_usd (pc_test_line_usd (a, "Standard authors (annual)"), 9.0);

  const char *enterprise[] = { "edition=enterprise", NULL };
  g_autoptr (PcStepResult) e = pc_test_price ("quicksight", "ap-southeast-2", enterprise);
  pc_assert_usd (pc_test_line_usd (e, "Enterprise authors"), 24.0);
  pc_assert_usd (pc_step_result_usd (e), 24.0);
}

static void
test_enterprise_team (void)
{
  g_test_summary ("Enterprise, 2 authors + 10 readers + 50 GB SPICE (20 GB included): 48 + 30 + 30 x 0.38");
  const char *sets[] = { "edition=enterprise", "authors=2", "readers=10", "spice_gb=50", NULL };
  const char *regions[] = { "us-east-1", "ap-southeast-1" };
  for (guint i = 0; i < G_N_ELEMENTS (regions); i++) {
    g_autoptr (PcStepResult) r = pc_test_price ("quicksight", regions[i], sets);
    pc_assert_usd (pc_test_line_usd (r, "Enterprise authors"), 2 * 24.0);
    pc_assert_usd (pc_test_line_usd (r, "Enterprise readers"), 10 * 3.0);
    pc_assert_usd (pc_test_line_quantity (r, "SPICE above included"), 30.0);
    pc_assert_usd (pc_test_line_usd (r, "SPICE above included"), 30 * 0.38);        /* 11.40 */
    pc_assert_usd (pc_step_result_usd (r), 48 + 30 + 11.40);                        /* 89.40 */
    g_assert_cmpfloat (pc_test_metric ("quicksight", r, "users"), ==, 12);
  }
}

static void
test_spice_allowance (void)
{
  g_test_summary ("SPICE within the 10 GB/author allowance is free; above it Standard pays $0.25/GB-month");
  const char *within[] = { "authors=3", "spice_gb=30", NULL };
  g_autoptr (PcStepResult) w = pc_test_price ("quicksight", "us-east-1", within);
  g_assert_false (pc_test_has_line (w, "SPICE above included"));
  g_assert_cmpfloat (pc_test_metric ("quicksight", w, "spice_billed_gb"), ==, 0);
  pc_assert_usd (pc_step_result_usd (w), 3 * 12.0);

  const char *above[] = { "authors=3", "spice_gb=130", "billing=annual", NULL };
  g_autoptr (PcStepResult) a = pc_test_price ("quicksight", "ap-southeast-2", above);
  pc_assert_usd (pc_test_line_usd (a, "SPICE above included"), 100 * 0.25);          /* 25.00 */
  pc_assert_usd (pc_step_result_usd (a), 3 * 9.0 + 25.0);
  g_assert_cmpfloat (pc_test_metric ("quicksight", a, "spice_included_gb"), ==, 30);
}

static void
test_bad_settings (void)
{
  g_test_summary ("Standard has no readers; annual Enterprise authors are not in the catalog");
  const char *readers[] = { "readers=5", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) r = pc_test_price_error ("quicksight", "ap-southeast-2", readers, &error);
  g_assert_null (r);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "readers"));

  const char *annual[] = { "edition=enterprise", "billing=annual", NULL };
  g_autoptr (GError) error2 = NULL;
  g_autoptr (PcStepResult) r2 = pc_test_price_error ("quicksight", "us-east-1", annual, &error2);
  g_assert_null (r2);
  g_assert_error (error2, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error2->message, "billing"));
}

static void
test_mumbai_and_ohio (void)
{
  g_test_summary ("Mumbai and Ohio: the Enterprise team of 2 authors, 10 readers, 50 GB SPICE; a Standard author");
  const char *sets[] = { "edition=enterprise", "authors=2", "readers=10", "spice_gb=50", NULL };
  const char *regions[] = { "ap-south-1", "us-east-2" };
  for (guint i = 0; i < G_N_ELEMENTS (regions); i++) {
    g_autoptr (PcStepResult) r = pc_test_price ("quicksight", regions[i], sets);
    pc_assert_usd (pc_step_result_usd (r), 2 * 24.0 + 10 * 3.0 + (50 - 20) * 0.38);  /* 89.40 */
    const char *standard[] = { NULL };
    g_autoptr (PcStepResult) s = pc_test_price ("quicksight", regions[i], standard);
    pc_assert_usd (pc_step_result_usd (s), 12.0);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/quicksight/ap-southeast-2/seed-24-is-enterprise-not-standard",
                   test_seed_24_is_enterprise_not_standard);
  g_test_add_func ("/plugin/quicksight/enterprise-team-two-regions", test_enterprise_team);
  g_test_add_func ("/plugin/quicksight/spice-allowance", test_spice_allowance);
  g_test_add_func ("/plugin/quicksight/bad-settings", test_bad_settings);
  g_test_add_func ("/plugin/quicksight/ap-south-1/enterprise-team", test_mumbai_and_ohio);
  return g_test_run ();
}
