/* What a planner asks of a report, on the synthetic fixed-cost plugin with
 * numbers worked out by hand: trailing twelve-month revenue, revenue
 * thresholds in the roadmap's currency, each phase against its own budget,
 * which indicator held a move back, and money by calendar and financial
 * year in USD, in AUD at the published rate, and with GST.
 *
 * The world: from 2026-05 for 14 months (2026-05 .. 2027-06), customers
 * follow the actuals c(m) = min (m, 10); 10 users each, 100 requests per
 * user per day, so month m has 10 c x 100 x 730/24 = 30,416.67 c requests
 * and fixed-cost charges $1 per 1,000 plus its base of $20:
 *   cost(m) = 20 + k c(m),  k = 730/24 = 30.41667;
 * each account pays $100 a month: revenue(m) = 100 c(m). */
#include "testlib.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

#define K (730.0 / 24.0)

#define SCENARIO \
  "<scenario format=\"1\" name=\"money\">\n" \
  "  <world start=\"2026-05\" horizon-months=\"14\" region=\"ap-southeast-2\"/>\n" \
  "  <roadmap href=\"roadmap.xml\"/>\n" \
  "  <montecarlo runs=\"1\" seed=\"3\"/>\n" \
  "  <growth model=\"actuals\" users-per-customer=\"10\" free-users=\"0\" quotes-per-user-month=\"1\"" \
  " arpa-usd-month=\"100\">\n" \
  "    <actual month=\"0\" customers=\"0\"/><actual month=\"10\" customers=\"10\"/>\n" \
  "  </growth>\n" \
  "  <load requests-per-user-day=\"100\" requests-per-quote=\"0\"/>\n" \
  "</scenario>\n"

/* One phase a with the base charge, and phase b moved into by @move. */
#define ROADMAP(attrs, move) \
  "<roadmap format=\"1\" name=\"t\"" attrs ">\n" \
  "  <phase id=\"a\" name=\"A\"><component name=\"svc\" plugin=\"fixed-cost\">" \
  "<set name=\"base_usd\">20</set></component></phase>\n" \
  "  <phase id=\"b\" name=\"B\" inherits=\"a\" lead-time-days=\"10\">" move "</phase>\n" \
  "</roadmap>\n"

#define NEVER_MOVES "<move><indicator id=\"never\" metric=\"svc.level\" op=\"gt\" value=\"1\">x</indicator></move>"

static PcHost *
host (void)
{
  static PcHost *shared;
  if (shared == NULL)
    shared = pc_host_new (NULL);
  return shared;
}

static PcReport *
simulate (const PcModel *model)
{
  g_autoptr (GError) error = NULL;
  PcSimulateOptions options = { .threads = 1 };
  PcReport *report = pc_simulate (model, &options, &error);
  g_assert_no_error (error);
  return report;
}

static guint
indicator (const PcModel *model, const char *id)
{
  for (guint i = 0; i < model->n_indicators; i++)
    if (g_str_equal (model->indicators[i].decl->id, id))
      return i;
  g_error ("no indicator %s", id);
  return 0;
}

/* ---- revenue ---- */

static void
test_trailing_revenue (void)
{
  g_test_summary ("Annual revenue is the sum of the last twelve months: month 5 has 100 x (0+1+..+5) = $1,500 "
                  "(a run rate would say 12 x 500 = $6,000); month 13 has 100 x (2+..+10 + 10+10+10) = $8,400");
  g_autoptr (PcModel) model = pc_test_model_from_text (SCENARIO, ROADMAP ("", NEVER_MOVES), host ());
  g_autoptr (PcReport) r = simulate (model);
  pc_assert_usd (r->median_run->months[5].state[PC_STATE_ANNUAL_REVENUE], 100.0 * (0 + 1 + 2 + 3 + 4 + 5));
  pc_assert_usd (r->median_run->months[13].state[PC_STATE_ANNUAL_REVENUE], 100.0 * (54 + 30));
  pc_assert_usd (r->median_run->months[13].state[PC_STATE_REVENUE_MONTH], 100.0 * 10);
}

static void
test_revenue_currency (void)
{
  g_test_summary ("A roadmap in AUD compares trailing revenue at 1 / 0.6475 AUD per USD (RBA, 2025-10-17): "
                  "A$5,000 is passed at month 8 (US$3,600 = A$5,559.85; month 7: US$2,800 = A$4,324.32), "
                  "two months before US$5,000 would be (month 10: US$5,500)");
  const char *move = "<move><indicator id=\"rev\" state=\"annual_revenue_usd\" op=\"gt\" value=\"5000\">x</indicator></move>";
  g_autofree char *aud = g_strdup_printf (ROADMAP (" currency=\"AUD\"", "%s"), move);
  g_autofree char *usd = g_strdup_printf (ROADMAP ("", "%s"), move);
  g_autoptr (PcModel) model_aud = pc_test_model_from_text (SCENARIO, aud, host ());
  g_autoptr (PcModel) model_usd = pc_test_model_from_text (SCENARIO, usd, host ());
  g_autoptr (PcReport) in_aud = simulate (model_aud);
  g_autoptr (PcReport) in_usd = simulate (model_usd);
  g_assert_cmpint (in_aud->median_run->indicator_fired[0], ==, 8);
  g_assert_cmpint (in_usd->median_run->indicator_fired[0], ==, 10);
  /* the value compared is revenue in AUD */
  g_assert_cmpfloat_with_epsilon (in_aud->median_run->indicator_value[8], 3600 / 0.6475, 1e-9 * 3600 / 0.6475);
  /* --fx 2 moves it: US$2,800 x 2 = A$5,600 > 5,000 at month 7 */
  g_autoptr (GError) error = NULL;
  g_assert_true (pc_model_set_exchange_rate (model_aud, 2.0, &error));
  g_autoptr (PcReport) at_two = simulate (model_aud);
  g_assert_cmpint (at_two->median_run->indicator_fired[0], ==, 7);
}

/* ---- budgets ---- */

static void
test_budget_own_phase (void)
{
  g_test_summary ("Phase a's highest month is 20 + 10 k = $324.17 (months 10-13): a $300 budget is $24.17 over "
                  "from month 10 (20 + 9 k = $293.75 in month 9), svc the largest; $330 leaves $5.83; phase b, "
                  "never reached, is not checked whatever its budget");
  g_autoptr (PcModel) model = pc_test_model_from_text (SCENARIO, ROADMAP ("", NEVER_MOVES), host ());
  g_autoptr (GError) error = NULL;
  g_assert_true (pc_model_set_budget_text (model, "a=300", &error));
  g_assert_true (pc_model_set_budget_text (model, "b=1", &error));
  g_autoptr (PcReport) over = simulate (model);
  g_autoptr (GArray) checks = pc_report_check_budgets (over, 50);
  g_assert_cmpuint (checks->len, ==, 1);
  const PcBudgetCheck *c = &g_array_index (checks, PcBudgetCheck, 0);
  g_assert_cmpuint (c->phase, ==, 0);
  pc_assert_usd (c->cost_usd, 20 + 10 * K);
  pc_assert_usd (c->over_usd, 20 + 10 * K - 300);
  g_assert_cmpint (c->month, ==, 10);
  g_assert_cmpint (c->detail_month, ==, 10);
  g_assert_cmpstr (model->slots->pdata[c->top_slots[0]], ==, "svc");
  pc_assert_usd (c->top_usd[0], 20 + 10 * K);
  g_assert_cmpfloat (over->phases[0].over_budget_probability, ==, 1.0);
  g_assert_true (pc_model_set_budget (model, "a", 330, &error));
  g_autoptr (PcReport) within = simulate (model);
  g_autoptr (GArray) checks_within = pc_report_check_budgets (within, 90);
  pc_assert_usd (g_array_index (checks_within, PcBudgetCheck, 0).over_usd, 20 + 10 * K - 330);
  g_assert_cmpuint (within->warnings->len, ==, 0);
  g_assert_false (pc_model_set_budget_text (model, "c=5", &error));
  g_assert_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF);
  g_assert_nonnull (strstr (error->message, "phases: a, b"));
  g_clear_error (&error);
  g_assert_false (pc_model_set_budget_text (model, "a=-1", &error));
  g_assert_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE);
}

/* ---- why ---- */

static void
test_held_back (void)
{
  g_test_summary ("b needs five customers (month 5) and 80 users (c >= 8: month 8): decided at 8, held back by "
                  "eighty-users alone; with the never-holding level instead, b is never reached and 'never' holds it "
                  "back to the end, 'five' does not");
  const char *late = "<move><indicator id=\"five\" state=\"paying_customers\" op=\"ge\" value=\"5\">x</indicator>"
                     "<indicator id=\"eighty-users\" state=\"active_users\" op=\"ge\" value=\"80\">x</indicator></move>";
  const char *never = "<move><indicator id=\"five\" state=\"paying_customers\" op=\"ge\" value=\"5\">x</indicator>"
                      "<indicator id=\"never\" metric=\"svc.level\" op=\"gt\" value=\"1\">x</indicator></move>";
  g_autofree char *late_text = g_strdup_printf (ROADMAP ("", "%s"), late);
  g_autofree char *never_text = g_strdup_printf (ROADMAP ("", "%s"), never);
  g_autoptr (PcModel) late_model = pc_test_model_from_text (SCENARIO, late_text, host ());
  g_autoptr (PcModel) never_model = pc_test_model_from_text (SCENARIO, never_text, host ());
  g_autoptr (PcReport) a = simulate (late_model);
  g_autoptr (PcReport) b = simulate (never_model);
  g_assert_cmpint (a->median_run->phase_decided[1], ==, 8);
  g_assert_cmpfloat (a->indicators[indicator (late_model, "eighty-users")].held_back_probability, ==, 1.0);
  g_assert_cmpfloat (a->indicators[indicator (late_model, "five")].held_back_probability, ==, 0.0);
  g_assert_cmpfloat (a->indicators[indicator (late_model, "eighty-users")].held_to_end_probability, ==, 0.0);
  g_assert_cmpfloat (b->phases[1].reached_probability, ==, 0.0);
  g_assert_cmpfloat (b->indicators[indicator (never_model, "never")].held_to_end_probability, ==, 1.0);
  g_assert_cmpfloat (b->indicators[indicator (never_model, "five")].held_back_probability, ==, 0.0);
  g_autofree char *table = pc_report_render (b, PC_FORMAT_TABLE, FALSE, PC_TABLE_MONTHS);
  g_assert_nonnull (strstr (table, "held back to the end by: never 100%"));
  g_assert_nonnull (strstr (table, "never: held in 0% of runs; closest P50 0 in 2026-05 (needs > 1)"));
}

static void
test_waited_for_previous (void)
{
  g_test_summary ("When b's indicator holds from month 0, b is decided in month 0, the first month it can be: "
                  "it waited for phase a only, and no indicator held it back");
  const char *now = "<move><indicator id=\"now\" state=\"regions\" op=\"ge\" value=\"1\">x</indicator></move>";
  g_autofree char *text = g_strdup_printf (ROADMAP ("", "%s"), now);
  g_autoptr (PcModel) model = pc_test_model_from_text (SCENARIO, text, host ());
  g_autoptr (PcReport) r = simulate (model);
  g_assert_cmpint (r->median_run->phase_decided[1], ==, 0);
  g_assert_cmpfloat (r->phases[1].waited_for_previous_probability, ==, 1.0);
  g_assert_cmpfloat (r->indicators[0].held_back_probability, ==, 0.0);
}

/* ---- money ---- */

/* The period of @kind labelled @label. */
static const PcPeriodMoney *
period (const PcReport *r, const char *label, guint *n_months)
{
  for (guint k = 0; k < r->periods->len; k++) {
    const PcPeriod *p = &g_array_index (r->periods, PcPeriod, k);
    g_autofree char *text = pc_period_label (p, r->model->scenario);
    if (g_str_equal (text, label)) {
      *n_months = p->n_months;
      return &r->period_money[k];
    }
  }
  g_error ("no period %s", label);
  return NULL;
}

static void
test_periods (void)
{
  g_test_summary ("Costs 20 + k c(m) over 2026-05..2027-06: horizon 280 + 85 k; calendar 2026 (May-Dec) 160 + 28 k, "
                  "2027 (Jan-Jun) 120 + 57 k; FY2025-26 (May-Jun) 40 + k, FY2026-27 (Jul-Jun, whole) 240 + 84 k; "
                  "85 customer-months, 850 user-months, revenue $8,500");
  g_autoptr (PcModel) model = pc_test_model_from_text (SCENARIO, ROADMAP ("", NEVER_MOVES), host ());
  g_autoptr (PcReport) r = simulate (model);
  const struct { const char *label; guint months; double cost; } expected[] = {
    { "2026-05..2027-06", 14, 280 + 85 * K }, { "2026", 8, 160 + 28 * K }, { "2027", 6, 120 + 57 * K },
    { "FY2025-26", 2, 40 + K }, { "FY2026-27", 12, 240 + 84 * K },
  };
  g_assert_cmpuint (r->periods->len, ==, G_N_ELEMENTS (expected));
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++) {
    guint months = 0;
    const PcPeriodMoney *money = period (r, expected[i].label, &months);
    g_test_message ("%s", expected[i].label);
    g_assert_cmpuint (months, ==, expected[i].months);
    pc_assert_usd (money->cost_usd.p50, expected[i].cost);
  }
  guint months;
  const PcPeriodMoney *all = period (r, "2026-05..2027-06", &months);
  pc_assert_usd (all->revenue_usd.p50, 8500.0);
  pc_assert_usd (all->cost_per_customer_month.p50, (280 + 85 * K) / 85);
  pc_assert_usd (all->cost_per_user_month.p50, (280 + 85 * K) / 850);
  g_assert_cmpfloat_with_epsilon (all->cost_share_of_revenue.p50, (280 + 85 * K) / 8500, 1e-12);
  /* FY2025-26 has one customer-month (month 1) and $100 of revenue */
  const PcPeriodMoney *first = period (r, "FY2025-26", &months);
  pc_assert_usd (first->cost_per_customer_month.p50, 40 + K);
}

static void
test_totals_equal_months (void)
{
  g_test_summary ("The horizon's total (and the report's total cost) equals the sum of the median run's months");
  g_autoptr (PcModel) model = pc_test_model_from_text (SCENARIO, ROADMAP ("", NEVER_MOVES), host ());
  g_autoptr (PcReport) r = simulate (model);
  double sum = 0;
  for (guint m = 0; m < r->median_run->n_months; m++)
    sum += r->median_run->months[m].state[PC_STATE_MONTHLY_COST];
  pc_assert_usd (r->period_money[0].cost_usd.p50, sum);
  pc_assert_usd (r->total_cost.p50, sum);
}

/* The horizon's cost in the JSON money object. */
static double
json_horizon_cost (const PcReport *r)
{
  g_autofree char *text = pc_report_render (r, PC_FORMAT_JSON, FALSE, PC_TABLE_MONTHS);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (parser, text, -1, NULL));
  JsonObject *money = json_object_get_object_member (json_node_get_object (json_parser_get_root (parser)), "money");
  JsonObject *horizon = json_array_get_object_element (json_object_get_array_member (money, "periods"), 0);
  return json_object_get_double_member (json_object_get_object_member (horizon, "cost"), "p50");
}

static void
test_currency_and_gst (void)
{
  g_test_summary ("In AUD every cost is USD x 1 / 0.6475 (the RBA's US dollars per Australian dollar, 2025-10-17), "
                  "in every format; GST adds exactly 10 % to costs, not to revenue; --fx replaces the rate");
  g_autoptr (PcModel) model = pc_test_model_from_text (SCENARIO, ROADMAP ("", NEVER_MOVES), host ());
  g_autoptr (PcReport) r = simulate (model);
  g_autoptr (GError) error = NULL;
  double usd = 280 + 85 * K;
  pc_assert_usd (json_horizon_cost (r), usd);
  PcCurrency *aud = pc_currency_new ("AUD", &error);
  g_assert_no_error (error);
  g_assert_cmpfloat_with_epsilon (aud->per_usd, 1 / 0.6475, 1e-12);
  g_assert_cmpstr (aud->date, ==, "2025-10-17");
  g_assert_nonnull (aud->derived);
  pc_report_set_currency (r, aud);
  pc_assert_usd (json_horizon_cost (r), usd / 0.6475);
  g_assert_true (pc_currency_add_gst (aud, &error));
  pc_assert_usd (json_horizon_cost (r), usd / 0.6475 * 1.10);
  pc_assert_usd (pc_currency_amount (aud, 8500), 8500 / 0.6475);
  g_assert_true (pc_currency_override (aud, 1.5, &error));
  pc_assert_usd (json_horizon_cost (r), usd * 1.5 * 1.10);
  g_autofree char *table = pc_report_render (r, PC_FORMAT_TABLE, FALSE, PC_TABLE_MONTHS);
  g_assert_nonnull (strstr (table, "Money in AUD at 1.5000 per USD (given with --fx"));
  g_assert_null (pc_currency_new ("EUR", &error));
  g_assert_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF);
  g_assert_nonnull (strstr (error->message, "allowed: USD, AUD"));
}

static void
test_csv_money (void)
{
  g_test_summary ("The money table in CSV has the same columns as the JSON keys, one row per period");
  g_autoptr (PcModel) model = pc_test_model_from_text (SCENARIO, ROADMAP ("", NEVER_MOVES), host ());
  g_autoptr (PcReport) r = simulate (model);
  g_autofree char *csv = pc_report_render (r, PC_FORMAT_CSV, FALSE, PC_TABLE_MONEY);
  g_auto (GStrv) lines = g_strsplit (csv, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "kind,label,start,end,months,whole,currency,cost_p10,cost_p50,cost_p90,"));
  g_assert_true (g_str_has_prefix (lines[1], "horizon,2026-05..2027-06,2026-05,2027-06,14,1,USD,"));
  g_assert_cmpuint (g_strv_length (lines), ==, 1 + 5 + 1);   /* header, five periods, the empty tail */
}

/* ---- explain ---- */

static const PcExplainedComponent *
explained (const PcExplanation *x, const char *name)
{
  for (guint c = 0; c < x->components->len; c++)
    if (g_str_equal (((const PcExplainedComponent *) x->components->pdata[c])->component->decl->name, name))
      return x->components->pdata[c];
  g_error ("no component %s", name);
  return NULL;
}

/* The USD of line @item, checking its quantity is @quantity and it is
 * priced by @key. */
static double
line (const PcExplainedComponent *e, const char *item, double quantity, const char *key)
{
  for (guint i = 0; i < pc_step_result_n_lines (e->result); i++) {
    const char *name, *unit;
    double q, usd;
    const PcPrice *price;
    pc_step_result_line (e->result, i, &name, &q, &unit, &usd, &price);
    if (!g_str_equal (name, item))
      continue;
    g_assert_cmpfloat_with_epsilon (q, quantity, 1e-9 * quantity);
    g_assert_cmpstr (pc_price_key (price), ==, key);
    return usd;
  }
  g_error ("no line %s", item);
  return 0;
}

static void
test_explain_baseline (void)
{
  g_test_summary ("Baseline 2026-01 (month 2, v1.0) in its median run: every line is its quantity priced by the "
                  "catalog, the lines add up to the month's cost; by hand: one 0.25 vCPU / 0.5 GB task for 730 h "
                  "(182.5 vCPU-h, 365 GB-h, 730 IPv4-h), a db.t4g.micro for 730 h with 20 GB, and 300 emails "
                  "(3 customers at launch x 5 users + 5 free = 20 users; 100 quotes x 2 + 20 x 5)");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "scenarios", "baseline.xml", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) model = pc_model_new (path, NULL, host (), &error);
  g_assert_no_error (error);
  g_autoptr (PcReport) r = simulate (model);
  g_autoptr (PcExplanation) x = pc_explain_month (model, r->seed, r->median_run->run_index, 2, &error);
  g_assert_no_error (error);
  const char *region = "ap-southeast-2";
  guint account_month = 2 + model->scenario->account_age_months;
  double sum = 0;
  for (guint c = 0; c < x->components->len; c++) {
    const PcExplainedComponent *e = x->components->pdata[c];
    for (guint i = 0; i < pc_step_result_n_lines (e->result); i++) {
      const char *item, *unit;
      double quantity, usd;
      const PcPrice *price;
      pc_step_result_line (e->result, i, &item, &quantity, &unit, &usd, &price);
      g_test_message ("%s: %s", e->component->decl->name, item);
      g_assert_nonnull (price);
      pc_assert_usd (usd, pc_price_cost (price, quantity, account_month));
      sum += usd;
    }
  }
  pc_assert_usd (sum, x->cost_usd);
  pc_assert_usd (x->cost_usd, r->median_run->months[2].state[PC_STATE_MONTHLY_COST]);
  g_assert_cmpfloat (x->state.active_users, ==, 3 * 5 + 5);
  const PcExplainedComponent *api = explained (x, "api"), *db = explained (x, "database"), *ses = explained (x, "email");
  pc_assert_usd (line (api, "vCPU-hours", 0.25 * 730, "fargate.x86.vcpu_hour"),
                 0.25 * 730 * pc_test_unit_price (region, "fargate.x86.vcpu_hour"));
  pc_assert_usd (line (api, "memory GB-hours", 0.5 * 730, "fargate.x86.gb_hour"),
                 0.5 * 730 * pc_test_unit_price (region, "fargate.x86.gb_hour"));
  pc_assert_usd (line (api, "public IPv4 (one per task)", 730, "vpc.public_ipv4.hour"),
                 730 * pc_test_unit_price (region, "vpc.public_ipv4.hour"));
  pc_assert_usd (line (db, "instance-hours", 730, "rds.postgres.db_t4g_micro.single_az_hour"),
                 730 * pc_test_unit_price (region, "rds.postgres.db_t4g_micro.single_az_hour"));
  pc_assert_usd (line (db, "storage GB-months", 20, "rds.storage.gp3.single_az_gb_month"),
                 20 * pc_test_unit_price (region, "rds.storage.gp3.single_az_gb_month"));
  pc_assert_usd (line (ses, "emails sent", 100 * 2 + 20 * 5, "ses.email.recipient"),
                 300 * pc_test_unit_price (region, "ses.email.recipient"));
  pc_assert_usd (pc_step_result_metric (api->result, 0), 1.0);   /* tasks_avg: the one task the MVP runs */
  g_assert_cmpstr (api->component->info->metrics[0].name, ==, "tasks_avg");
}

/* ---- sensitivity ---- */

/* b needs 50 users and the "budget_approved" event (the go-ahead) (at month 8); the scenario states a
 * range for users per customer. */
#define SENSITIVITY_SCENARIO(growth) \
  "<scenario format=\"1\" name=\"tornado\">\n" \
  "  <world start=\"2026-05\" horizon-months=\"14\" region=\"ap-southeast-2\"/>\n" \
  "  <roadmap href=\"roadmap.xml\"/>\n" \
  "  <montecarlo runs=\"1\" seed=\"3\"/>\n" \
  "  " growth "\n" \
  "  <load requests-per-user-day=\"100\" requests-per-quote=\"0\"/>\n" \
  "  <events><event type=\"budget_approved\" month=\"8\"/></events>\n" \
  "  <sensitivity><vary input=\"growth.users-per-customer\" low=\"6\" high=\"14\"/></sensitivity>\n" \
  "</scenario>\n"
#define ACTUALS \
  "<growth model=\"actuals\" users-per-customer=\"10\" free-users=\"0\" quotes-per-user-month=\"1\"" \
  " arpa-usd-month=\"100\"><actual month=\"0\" customers=\"0\"/><actual month=\"10\" customers=\"10\"/></growth>"
#define POISSON \
  "<growth model=\"logistic\" launch-month=\"1\" initial=\"1\" capacity=\"20\" rate=\"0.6\" rate-sd=\"0.3\"" \
  " poisson=\"true\" users-per-customer=\"10\" quotes-per-user-month=\"1\"/>"
#define GO_MOVE \
  "<move><indicator id=\"fifty\" state=\"active_users\" op=\"ge\" value=\"50\">x</indicator>" \
  "<indicator id=\"go\" event=\"budget_approved\">x</indicator></move>"

static PcSensitivity *
sensitivity (const char *scenario, guint runs, char **vary)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp (NULL, &error);
  g_autofree char *path = g_build_filename (dir, "scenario.xml", NULL);
  g_autofree char *roadmap = g_build_filename (dir, "roadmap.xml", NULL);
  g_assert_true (g_file_set_contents (path, scenario, -1, NULL));
  g_assert_true (g_file_set_contents (roadmap, ROADMAP ("", GO_MOVE), -1, NULL));
  PcSensitivityOptions options = { .runs = runs, .threads = 1, .vary = vary };
  PcSensitivity *s = pc_sensitivity_run (path, host (), &options, &error);
  g_remove (path), g_remove (roadmap), g_rmdir (dir);
  g_assert_no_error (error);
  return s;
}

static const PcSensitivityInput *
input_at (const PcSensitivity *s, const guint *order, guint rank)
{
  return s->inputs->pdata[order[rank]];
}

static void
test_tornado (void)
{
  g_test_summary ("b is entered the month after both 50 users and the budget_approved event (month 8) hold: month 9.  The event "
                  "moved 25 % (6 / 10) moves it to 7 / 11: 4 months, the most; users per customer 6 / 14 (the "
                  "scenario's stated range) need c >= 9 (month 9) / 4: entered 10 / 9; requests per user 75 / 125 "
                  "move only b's cost, mean 20 + 9.8 k x 0.75 / 1.25 over months 9-13: 9.8 k / 2 = $149.04 apart; "
                  "quotes, CPU per request and catalog prices do not touch the fixed-cost plugin");
  g_autoptr (PcSensitivity) s = sensitivity (SENSITIVITY_SCENARIO (ACTUALS), 1, NULL);
  g_autofree guint *order = pc_sensitivity_order (s, 1);
  g_assert_cmpfloat (s->base_entered[1], ==, 9);
  g_assert_cmpstr (input_at (s, order, 0)->name, ==, "event.budget_approved");
  g_assert_cmpfloat (input_at (s, order, 0)->entered_low[1], ==, 7);
  g_assert_cmpfloat (input_at (s, order, 0)->entered_high[1], ==, 11);
  g_assert_cmpstr (input_at (s, order, 1)->name, ==, "growth.users-per-customer");
  g_assert_true (g_str_has_suffix (input_at (s, order, 1)->range_source,
                                   "scenario.xml:8: <vary input=\"growth.users-per-customer\">"));
  g_assert_cmpfloat (input_at (s, order, 1)->entered_low[1], ==, 10);
  g_assert_cmpfloat (input_at (s, order, 1)->entered_high[1], ==, 9);
  g_assert_cmpstr (input_at (s, order, 2)->name, ==, "workload.requests.rate");
  pc_assert_usd (input_at (s, order, 2)->cost_high[1] - input_at (s, order, 2)->cost_low[1], 9.8 * K / 2);
  for (guint rank = 3; rank < s->inputs->len; rank++) {
    const PcSensitivityInput *in = input_at (s, order, rank);
    g_test_message ("%s", in->name);
    g_assert_cmpfloat (in->entered_low[1], ==, in->entered_high[1]);
    g_assert_cmpfloat (in->cost_low[1], ==, in->cost_high[1]);
  }
}

static void
test_common_random_numbers (void)
{
  g_test_summary ("With Poisson growth and a random rate, an input the model ignores (CPU per request, to the "
                  "fixed-cost plugin) gives exactly the base's figures at both ends: every setting draws the same "
                  "streams; --vary replaces a range");
  char *vary[] = { (char *) "event.budget_approved=7:9", NULL };
  g_autoptr (PcSensitivity) s = sensitivity (SENSITIVITY_SCENARIO (POISSON), 40, vary);
  for (guint i = 0; i < s->inputs->len; i++) {
    const PcSensitivityInput *in = s->inputs->pdata[i];
    if (g_str_equal (in->name, "event.budget_approved"))
      g_assert_cmpstr (in->range_source, ==, "--vary event.budget_approved=7:9");
    if (!g_str_equal (in->name, "workload.requests.cpu-ms"))
      continue;
    for (guint p = 0; p < 2; p++) {
      g_assert_cmpfloat (in->entered_low[p], ==, s->base_entered[p]);
      g_assert_cmpfloat (in->entered_high[p], ==, s->base_entered[p]);
      g_assert_cmpfloat (in->cost_low[p], ==, s->base_cost[p]);
      g_assert_cmpfloat (in->cost_high[p], ==, s->base_cost[p]);
    }
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/planner/revenue/trailing-twelve-months", test_trailing_revenue);
  g_test_add_func ("/planner/revenue/roadmap-currency", test_revenue_currency);
  g_test_add_func ("/planner/budget/own-phase", test_budget_own_phase);
  g_test_add_func ("/planner/why/held-back", test_held_back);
  g_test_add_func ("/planner/why/waited-for-previous", test_waited_for_previous);
  g_test_add_func ("/planner/money/periods", test_periods);
  g_test_add_func ("/planner/money/totals-equal-months", test_totals_equal_months);
  g_test_add_func ("/planner/money/currency-and-gst", test_currency_and_gst);
  g_test_add_func ("/planner/money/csv", test_csv_money);
  g_test_add_func ("/planner/explain/baseline-month", test_explain_baseline);
  g_test_add_func ("/planner/sensitivity/tornado", test_tornado);
  g_test_add_func ("/planner/sensitivity/common-random-numbers", test_common_random_numbers);
  return g_test_run ();
}
