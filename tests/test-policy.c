/* Tests of roadmap policies (core/policy.c, core/savings.c) on
 * tests/data/policy: a db.t4g.micro Single-AZ in Sydney with no load.
 * Published prices (catalog, AWS feed rds-postgresql-reservedinstance
 * 2025-04-04): on demand $0.025/h; 1 year Partial Upfront $0.0095/h and a
 * $83 fee.  A month is 730 h. */
#include "testlib.h"
#include "pc-savings.h"

#define ON_DEMAND_MONTH (730 * 0.025)     /* 18.25 */
#define RESERVED_MONTH (730 * 0.0095)     /* 6.935 */
#define FEE 83.0

static PcModel *
policy_model (PcHost *host, const char *roadmap, GError **error)
{
  g_autofree char *scenario = pc_test_data ("policy/scenario.xml");
  g_autofree char *road = pc_test_data (roadmap);
  return pc_model_new (scenario, road, host, error);
}

static PcRunResult *
run_with (const PcModel *model, guint64 policies)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PcRun) run = pc_run_new (model, model->scenario->seed, 0, PC_DETAIL_MONTHS, &error);
  g_assert_no_error (error);
  pc_run_set_policies (run, policies);
  g_assert_true (pc_run_step (run, model->scenario->horizon_months, &error));
  g_assert_no_error (error);
  return pc_run_finish (g_steal_pointer (&run));
}

/* USD of the line @item in @month, or -1 when there is none. */
static double
line_usd (const PcRunResult *r, guint month, const char *item)
{
  for (guint i = 0; i < r->lines->len; i++) {
    const PcLineRecord *line = &g_array_index (r->lines, PcLineRecord, i);
    if (line->month == month && g_str_equal (line->item, item))
      return line->usd;
  }
  return -1;
}

static void
test_upfront_and_end (void)
{
  g_test_summary ("Reserved from month 3 for 12 months: the $83 fee in month 3 only, $0.0095/h in months 3-14, on demand again from month 15");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) model = policy_model (host, "policy/reserved.xml", &error);
  g_assert_no_error (error);
  g_autoptr (PcRunResult) r = run_with (model, 1 << 0);
  for (guint m = 0; m < 20; m++) {
    gboolean reserved = m >= 3 && m <= 14;
    pc_assert_usd (line_usd (r, m, "instance-hours"), reserved ? RESERVED_MONTH : ON_DEMAND_MONTH);
    pc_assert_usd (line_usd (r, m, "reserved-instance upfront fee (paid)"), m == 3 ? FEE : -1);
    g_assert_cmpfloat (line_usd (r, m, "reserved-instance upfront fee (amortised)"), ==, -1);
  }
  g_autoptr (PcRunResult) none = run_with (model, 0);
  for (guint m = 0; m < 20; m++)
    pc_assert_usd (line_usd (none, m, "instance-hours"), ON_DEMAND_MONTH);
}

static void
test_stable_and_renewed (void)
{
  g_test_summary ("After 4 months of stable cost (months 0-3) the reservation starts in month 4 and is bought again in month 16");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) model = policy_model (host, "policy/reserved.xml", &error);
  g_assert_no_error (error);
  g_autoptr (PcRunResult) r = run_with (model, 1 << 1);
  for (guint m = 0; m < 20; m++) {
    pc_assert_usd (line_usd (r, m, "instance-hours"), m >= 4 ? RESERVED_MONTH : ON_DEMAND_MONTH);
    pc_assert_usd (line_usd (r, m, "reserved-instance upfront fee (paid)"), m == 4 || m == 16 ? FEE : -1);
  }
}

static void
test_savings (void)
{
  g_test_summary ("Saving against the same runs without the policy: 12 x 730 x (0.025 - 0.0095) - 83 = $52.78; the renewed one loses on its cut-short second term");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) model = policy_model (host, "policy/reserved.xml", &error);
  g_assert_no_error (error);
  g_autoptr (PcSavings) sv = pc_savings_run (model, 0, model->scenario->seed, &error);
  g_assert_no_error (error);
  double first_term = 12 * (ON_DEMAND_MONTH - RESERVED_MONTH) - FEE;           /* 52.78 */
  pc_assert_usd (pc_signed_quantile (&sv->horizon_usd[0], 0.5), first_term);
  /* Months 16-19 of a second term: 4 x 11.315 - 83 = -37.74. */
  pc_assert_usd (pc_signed_quantile (&sv->horizon_usd[1], 0.5), first_term + 4 * (ON_DEMAND_MONTH - RESERVED_MONTH) - FEE);
  /* The component also pays 20 GB of gp3 at $0.138 in every month. */
  double percent = 100 * first_term / (12 * (ON_DEMAND_MONTH + 20 * 0.138));
  g_assert_cmpfloat_with_epsilon (pc_signed_quantile (&sv->percent[0], 0.5), percent, percent * 2e-4);
  g_assert_cmpuint (sv->started[0]->counts[3], ==, 3);   /* month 3 in all 3 runs */
  g_assert_cmpuint (sv->started[2]->total, ==, 0);       /* unpublished: never simulated */
}

static void
test_bad_policies (void)
{
  g_test_summary ("A policy on an unknown component or with a parameter its plugin lacks is refused with file:line");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  const char *files[] = { "policy/bad-component.xml", "policy/bad-parameter.xml" };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (PcModel) model = policy_model (host, files[i], &error);
    g_assert_null (model);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, ":7: <policy id="));
    g_assert_nonnull (strstr (error->message, "allowed:"));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/policy/reserved/upfront-and-end-month", test_upfront_and_end);
  g_test_add_func ("/policy/reserved/stable-cost-and-renewal", test_stable_and_renewed);
  g_test_add_func ("/policy/savings", test_savings);
  g_test_add_func ("/policy/bad", test_bad_policies);
  return g_test_run ();
}
