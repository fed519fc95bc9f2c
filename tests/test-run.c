/* The month loop on the synthetic fixed-cost plugin: costs, every kind of
 * trigger indicator at the month worked out by hand, the edges of
 * "sustained" and "frequently", policies, lead time, budget warnings and
 * determinism across thread counts.
 *
 * The world (tests/data/good/scenario.xml shape): customers follow the
 * actuals 0 at month 0 to 10 at month 10, i.e. customers(m) = m; 10 users
 * each, 100 requests per user per day, so month m has
 * m x 10 x 100 x 730/24 = 30,416.67 m requests and fixed-cost charges
 * $1 per 1,000: $30.4167 m. */
#include "testlib.h"

#include <glib/gstdio.h>
#include <sys/resource.h>
#include <unistd.h>

#define SCENARIO_TEMPLATE \
  "<scenario format=\"1\" name=\"t\">\n" \
  "  <world start=\"2026-01\" horizon-months=\"12\" region=\"ap-southeast-2\"/>\n" \
  "  <roadmap href=\"roadmap.xml\"/>\n" \
  "  <montecarlo runs=\"%u\" seed=\"7\"/>\n" \
  "  <growth model=\"%s\" users-per-customer=\"10\" free-users=\"0\" quotes-per-user-month=\"1\" arpa-usd-month=\"100\"%s>\n" \
  "    <actual month=\"0\" customers=\"0\"/><actual month=\"10\" customers=\"10\"/>\n" \
  "  </growth>\n" \
  "  <load requests-per-user-day=\"100\" requests-per-quote=\"0\"/>\n" \
  "  <events>%s</events>\n" \
  "</scenario>\n"

#define ROADMAP_TEMPLATE \
  "<roadmap format=\"1\" name=\"t\">\n" \
  "  <phase id=\"a\" name=\"A\"><component name=\"svc\" plugin=\"fixed-cost\">%s</component></phase>\n" \
  "  <phase id=\"b\" name=\"B\" inherits=\"a\" lead-time-days=\"%s\">\n" \
  "    <move %s>%s</move>\n" \
  "    <component name=\"svc\"><set name=\"base_usd\">100</set></component>\n" \
  "  </phase>\n" \
  "</roadmap>\n"

typedef struct {
  guint runs;
  const char *growth, *growth_extra, *events, *svc_sets, *lead_days, *policy, *indicators;
} World;

static PcModel *
model_for (const World *w, PcHost *host)
{
  g_autofree char *scenario = g_strdup_printf (SCENARIO_TEMPLATE, w->runs ? w->runs : 1,
                                               w->growth ? w->growth : "actuals", w->growth_extra ? w->growth_extra : "",
                                               w->events ? w->events : "");
  g_autofree char *roadmap = g_strdup_printf (ROADMAP_TEMPLATE, w->svc_sets ? w->svc_sets : "",
                                              w->lead_days ? w->lead_days : "10", w->policy ? w->policy : "",
                                              w->indicators);
  return pc_test_model_from_text (scenario, roadmap, host);
}

static PcReport *
simulate (const PcModel *model, guint threads)
{
  g_autoptr (GError) error = NULL;
  PcSimulateOptions options = { .threads = threads };
  PcReport *report = pc_simulate (model, &options, &error);
  g_assert_no_error (error);
  return report;
}

static void
test_costs (void)
{
  g_test_summary ("Month m costs $1 per 1,000 requests = 30.4167 m USD (phase a has no base charge)");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  World w = { .indicators = "<indicator id=\"never\" state=\"paying_customers\" op=\"ge\" value=\"1000\">x</indicator>" };
  g_autoptr (PcModel) model = model_for (&w, host);
  g_autoptr (PcReport) r = simulate (model, 1);
  const PcRunResult *run = r->median_run;
  pc_assert_usd (run->months[3].state[PC_STATE_MONTHLY_COST], 3 * 10 * 100 * 730.0 / 24 / 1000);   /* 91.25 */
  pc_assert_usd (run->months[7].state[PC_STATE_MONTHLY_COST], 7 * 10 * 100 * 730.0 / 24 / 1000);   /* 212.92 */
  g_assert_cmpfloat (run->months[5].state[PC_STATE_PAYING_CUSTOMERS], ==, 5);
  g_assert_cmpint (run->phase_entered[1], ==, -1);
  g_assert_cmpfloat (r->phases[1].reached_probability, ==, 0);
  /* A phase's cost in a run is the mean of its months in the phase: months 0..11 of phase a
     cost 30.4167 x {0,1,...,9,10,10}, whose mean is 30.4167 x 65 / 12 = 164.76; one run, so
     that is also the P50 over runs and the median run's own figure.  The P50 comes from a
     sketch accurate to 0.01 % (report.c), so allow a cent. */
  g_assert_cmpfloat_with_epsilon (r->phases[0].monthly_cost.p50, 65.0 / 12 * 30.416666666, 0.01);
  pc_assert_usd (r->phases[0].median_cost_usd, 65.0 / 12 * 30.416666666);
}

static void
test_state_trigger_and_lead (void)
{
  g_test_summary ("customers >= 5 first holds at month 5; a 10-day lead time enters phase b at month 6,"
                  " which then adds its $100 base charge");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  World w = { .indicators = "<indicator id=\"five\" state=\"paying_customers\" op=\"ge\" value=\"5\">x</indicator>" };
  g_autoptr (PcModel) model = model_for (&w, host);
  g_autoptr (PcReport) r = simulate (model, 1);
  g_assert_cmpint (r->median_run->indicator_fired[0], ==, 5);
  g_assert_cmpint (r->median_run->phase_decided[1], ==, 5);
  g_assert_cmpint (r->median_run->phase_entered[1], ==, 6);
  pc_assert_usd (r->median_run->months[6].state[PC_STATE_MONTHLY_COST], 6 * 30.416666666 + 100);
  g_assert_cmpuint (r->median_run->months[5].phase, ==, 0);
  g_assert_cmpuint (r->median_run->months[6].phase, ==, 1);
}

static void
test_lead_time_rounding (void)
{
  g_test_summary ("Lead times round up to whole months: 31 days (> 30.42) takes two months");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  World w = { .lead_days = "31",
              .indicators = "<indicator id=\"five\" state=\"paying_customers\" op=\"ge\" value=\"5\">x</indicator>" };
  g_autoptr (PcModel) model = model_for (&w, host);
  g_autoptr (PcReport) r = simulate (model, 1);
  g_assert_cmpint (r->median_run->phase_entered[1], ==, 7);
}

static int
fired_month (const char *indicator, const char *svc_sets, const char *events)
{
  g_autoptr (PcHost) host = pc_host_new (NULL);
  World w = { .indicators = indicator, .svc_sets = svc_sets, .events = events };
  g_autoptr (PcModel) model = model_for (&w, host);
  g_autoptr (PcReport) r = simulate (model, 1);
  return r->median_run->indicator_fired[0];
}

static void
test_sustained_edges (void)
{
  g_test_summary ("level 0.7 from month 4: gt 0.6 sustained 3 months fires at month 6; sustained 1 at month 4;"
                  " gt 0.7 (equal, not above) never; ge 0.7 at month 4; sustained 9 would need month 12 (never)");
  const char *level = "<set name=\"level\">0.7</set><set name=\"level_from_month\">4</set>";
  g_assert_cmpint (fired_month ("<indicator id=\"l\" metric=\"svc.level\" op=\"gt\" value=\"0.6\" sustained-months=\"3\">x</indicator>", level, NULL), ==, 6);
  g_assert_cmpint (fired_month ("<indicator id=\"l\" metric=\"svc.level\" op=\"gt\" value=\"0.6\">x</indicator>", level, NULL), ==, 4);
  g_assert_cmpint (fired_month ("<indicator id=\"l\" metric=\"svc.level\" op=\"gt\" value=\"0.7\">x</indicator>", level, NULL), ==, -1);
  g_assert_cmpint (fired_month ("<indicator id=\"l\" metric=\"svc.level\" op=\"ge\" value=\"0.7\">x</indicator>", level, NULL), ==, 4);
  g_assert_cmpint (fired_month ("<indicator id=\"l\" metric=\"svc.level\" op=\"gt\" value=\"0.6\" sustained-months=\"8\">x</indicator>", level, NULL), ==, 11);
  g_assert_cmpint (fired_month ("<indicator id=\"l\" metric=\"svc.level\" op=\"gt\" value=\"0.6\" sustained-months=\"9\">x</indicator>", level, NULL), ==, -1);
}

static void
test_event_windows (void)
{
  g_test_summary ("14 days = 0.4603 months.  A bug at 3.55 is inside month 3's window (3.5397, 4.0]; at 3.53"
                  " it is outside.  With customers >= 3 (month 3) the move is decided at month 4 or 3");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  const char *both = "<indicator id=\"c\" state=\"paying_customers\" op=\"ge\" value=\"3\">x</indicator>"
                     "<indicator id=\"nb\" no-event=\"critical_bug\" window-days=\"14\">x</indicator>";
  World inside = { .indicators = both, .events = "<event type=\"critical_bug\" month=\"3.55\"/>" };
  g_autoptr (PcModel) m1 = model_for (&inside, host);
  g_autoptr (PcReport) r1 = simulate (m1, 1);
  g_assert_cmpint (r1->median_run->phase_decided[1], ==, 4);
  World outside = { .indicators = both, .events = "<event type=\"critical_bug\" month=\"3.53\"/>" };
  g_autoptr (PcModel) m2 = model_for (&outside, host);
  g_autoptr (PcReport) r2 = simulate (m2, 1);
  g_assert_cmpint (r2->median_run->phase_decided[1], ==, 3);
  /* "seen" events: a budget at 2.5 is seen from month 2; within 10 days only while 2.5 >= m+1 - 0.3288 */
  g_assert_cmpint (fired_month ("<indicator id=\"b\" event=\"budget_approved\">x</indicator>", NULL,
                                "<event type=\"budget_approved\" month=\"2.5\"/>"), ==, 2);
  g_assert_cmpint (fired_month ("<indicator id=\"b\" event=\"budget_approved\" window-days=\"10\">x</indicator>", NULL,
                                "<event type=\"budget_approved\" month=\"2.5\"/>"), ==, -1);
  g_assert_cmpint (fired_month ("<indicator id=\"b\" event=\"budget_approved\" window-days=\"16\">x</indicator>", NULL,
                                "<event type=\"budget_approved\" month=\"2.5\"/>"), ==, 2);
}

static void
test_policies (void)
{
  g_test_summary ("any: the first of customers>=4 (m4) and customers>=8 (m8); at-least 2 of 3 with one never:"
                  " month 8; a required indicator that never holds blocks the move");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  const char *three = "<indicator id=\"a\" state=\"paying_customers\" op=\"ge\" value=\"4\">x</indicator>"
                      "<indicator id=\"b\" state=\"paying_customers\" op=\"ge\" value=\"8\">x</indicator>"
                      "<indicator id=\"c\" state=\"paying_customers\" op=\"ge\" value=\"99\">x</indicator>";
  World any = { .policy = "policy=\"any\"", .indicators = three };
  g_autoptr (PcModel) m1 = model_for (&any, host);
  g_autoptr (PcReport) r1 = simulate (m1, 1);
  g_assert_cmpint (r1->median_run->phase_decided[1], ==, 4);
  World two = { .policy = "policy=\"at-least\" k=\"2\"", .indicators = three };
  g_autoptr (PcModel) m2 = model_for (&two, host);
  g_autoptr (PcReport) r2 = simulate (m2, 1);
  g_assert_cmpint (r2->median_run->phase_decided[1], ==, 8);
  World required = { .policy = "policy=\"any\"",
                     .indicators = "<indicator id=\"a\" state=\"paying_customers\" op=\"ge\" value=\"4\">x</indicator>"
                                   "<indicator id=\"c\" state=\"paying_customers\" op=\"ge\" value=\"99\" required=\"true\">x</indicator>" };
  g_autoptr (PcModel) m3 = model_for (&required, host);
  g_autoptr (PcReport) r3 = simulate (m3, 1);
  g_assert_cmpint (r3->median_run->phase_decided[1], ==, -1);
}

#define FREQUENT_SCENARIO \
  "<scenario format=\"1\" name=\"f\">" \
  "<world start=\"2026-01\" horizon-months=\"3\" region=\"ap-southeast-2\"/><roadmap href=\"roadmap.xml\"/>" \
  "<growth model=\"actuals\" users-per-customer=\"1\" free-users=\"0\" quotes-per-user-month=\"0\">" \
  "<actual month=\"0\" customers=\"100\"/></growth>" \
  "<load requests-per-user-day=\"2592\" requests-per-quote=\"0\" cpu-ms-per-request=\"100\" peak-factor=\"1\">" \
  "<profile>3 3 3 3 3 3 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1 1</profile></load></scenario>"
#define FREQUENT_ROADMAP \
  "<roadmap format=\"1\" name=\"f\"><phase id=\"a\" name=\"A\">" \
  "<component name=\"api\" plugin=\"ecs-fargate\"><set name=\"autoscaling\">true</set>" \
  "<set name=\"min_tasks\">1</set><set name=\"max_tasks\">2</set><set name=\"target_cpu\">1</set>" \
  "<set name=\"public_ip\">false</set></component></phase>" \
  "<phase id=\"b\" name=\"B\" inherits=\"a\"><move policy=\"any\">" \
  "<indicator id=\"gt\" metric=\"api.share_hours_at_max\" op=\"gt\" value=\"0.25\">x</indicator>" \
  "<indicator id=\"ge\" metric=\"api.share_hours_at_max\" op=\"ge\" value=\"0.25\">x</indicator>" \
  "<indicator id=\"gt20\" metric=\"api.share_hours_at_max\" op=\"gt\" value=\"0.2\">x</indicator>" \
  "</move></phase></roadmap>"

static void
test_frequently_edge (void)
{
  g_test_summary ("100 users x 2,592 requests a day with six hours at weight 3 of 36: 6 rps in those hours and"
                  " 2 rps in the rest.  0.25-vCPU tasks of 100 ms at a 100 % target need ceil(0.4 rps) tasks:"
                  " 3 (> max 2, at max) for 6 hours, 1 otherwise, so the share of hours at max is exactly 6/24 = 0.25:"
                  " 'gt 0.25' never holds, 'ge 0.25' and 'gt 0.2' hold from month 0");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (PcModel) model = pc_test_model_from_text (FREQUENT_SCENARIO, FREQUENT_ROADMAP, host);
  g_autoptr (PcReport) r = simulate (model, 1);
  g_assert_cmpint (r->median_run->indicator_fired[0], ==, -1);
  g_assert_cmpint (r->median_run->indicator_fired[1], ==, 0);
  g_assert_cmpint (r->median_run->indicator_fired[2], ==, 0);
}

static void
test_budget_warning (void)
{
  g_test_summary ("Phase b's own budget of $300: its months 6-11 cost 30.4167 min (m, 10) + 100; the highest, "
                  "months 10 and 11, $404.17, is $104.17 over, first over in month 7 ($312.92); phase a has no "
                  "budget and no warning, whatever amount the world approved");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  World w = { .events = "<event type=\"budget_approved\" month=\"1\" amount-usd=\"50\"/>",
              .indicators = "<indicator id=\"five\" state=\"paying_customers\" op=\"ge\" value=\"5\">x</indicator>" };
  g_autoptr (PcModel) model = model_for (&w, host);
  g_autoptr (GError) error = NULL;
  g_assert_true (pc_model_set_budget (model, "b", 300, &error));
  g_autoptr (PcReport) r = simulate (model, 1);
  g_assert_cmpuint (r->warnings->len, ==, 1);
  g_assert_nonnull (strstr (r->warnings->pdata[0], "phase b:"));
  g_assert_nonnull (strstr (r->warnings->pdata[0], "$404.17"));
  g_assert_nonnull (strstr (r->warnings->pdata[0], "$104.17 above its budget of $300.00"));
  g_assert_nonnull (strstr (r->warnings->pdata[0], "first over budget 2026-08"));
}

static void
test_determinism (void)
{
  g_test_summary ("Stochastic growth and hazard events: 64 runs give byte-identical JSON on 1 and 4 threads");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  World w = { .runs = 64, .growth = "logistic",
              .growth_extra = " launch-month=\"1\" initial=\"1\" capacity=\"40\" rate=\"0.5\" rate-sd=\"0.3\" poisson=\"true\" churn=\"0.02\"",
              .events = "<event type=\"critical_bug\" rate-per-month=\"1\" from=\"0\" until=\"12\"/>",
              .indicators = "<indicator id=\"five\" state=\"paying_customers\" op=\"ge\" value=\"5\">x</indicator>"
                            "<indicator id=\"nb\" no-event=\"critical_bug\" window-days=\"14\">x</indicator>" };
  g_autoptr (PcModel) model = model_for (&w, host);
  g_autoptr (PcReport) one = simulate (model, 1);
  g_autoptr (PcReport) four = simulate (model, 4);
  g_autofree char *a = pc_report_render (one, PC_FORMAT_JSON, TRUE, PC_TABLE_MONTHS);
  g_autofree char *b = pc_report_render (four, PC_FORMAT_JSON, TRUE, PC_TABLE_MONTHS);
  g_assert_cmpstr (a, ==, b);
  /* and the runs really differ from each other: P10 < P90 of the entry month */
  g_assert_cmpfloat (one->phases[1].entered_month.p10, <, one->phases[1].entered_month.p90);
}

/* The first failing run of @model's first @runs, by its error: "run N: ...". */
static guint
first_failure (const PcModel *model, guint runs, guint threads, char **message)
{
  g_autoptr (GError) error = NULL;
  PcSimulateOptions options = { .runs = runs, .threads = threads };
  g_autoptr (PcReport) report = pc_simulate (model, &options, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_assert_true (g_str_has_prefix (error->message, "run "));
  if (message)
    *message = g_strdup (error->message);
  return (guint) g_ascii_strtoull (error->message + strlen ("run "), NULL, 10);
}

/* Runs that fail in a share of runs, several blocks in: the error is the
 * lowest failing index's on any thread count (a thread that finishes its
 * share of a block early takes runs of the next one, so a later run may
 * fail first in time). */
static void
test_lowest_failure (void)
{
  g_test_summary ("A plugin fails at month 5 in 0.9 % of 600 runs: 1 to 4 threads report the same error, that of"
                  " run N, where the first N runs succeed and the first N + 1 fail");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autofree char *scenario = g_strdup_printf (SCENARIO_TEMPLATE, 600, "actuals", "", "");
  g_autoptr (PcModel) model = pc_test_model_from_text (scenario,
    "<roadmap format=\"1\" name=\"t\"><phase id=\"a\" name=\"A\">"
    "<component name=\"svc\" plugin=\"fixed-cost\"/>"
    "<component name=\"flaky\" plugin=\"fail-at\"><set name=\"month\">5</set><set name=\"share\">0.009</set></component>"
    "</phase></roadmap>\n", host);
  g_autofree char *expected = NULL;
  guint lowest = first_failure (model, 0, 1, &expected);
  g_test_message ("%s", expected);
  g_assert_true (g_str_has_suffix (expected, "failing on purpose at month 5"));
  /* Past the first blocks (32 runs per thread each): seed 7 makes runs 534
   * and 598 fail, in consecutive blocks on 2 threads, in one on 4. */
  g_assert_cmpuint (lowest, >=, 64);
  for (guint threads = 2; threads <= 4; threads++) {
    g_autofree char *message = NULL;
    first_failure (model, 0, threads, &message);
    g_assert_cmpstr (message, ==, expected);
  }
  g_autoptr (GError) error = NULL;
  PcSimulateOptions before = { .runs = lowest, .threads = 2 };
  g_autoptr (PcReport) report = pc_simulate (model, &before, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (first_failure (model, lowest + 1, 2, NULL), ==, lowest);
}

/* A worker thread that cannot start (its 8 MB stack does not fit under an
 * address-space limit just above what the process uses) fails the
 * simulation with one message; its jobs, queued with no thread to run
 * them, used to be waited for forever. */
static void
test_thread_cannot_start (void)
{
  g_test_summary ("Under an address-space limit 4 MB above the process's size, 4 threads cannot start: pc_simulate"
                  " fails saying so (bounded: the child is killed after 30 s)");
#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer reserves terabytes of address space; an address-space limit cannot apply");
  return;
#endif
  const char *preload = g_getenv ("LD_PRELOAD");
  if (preload && strstr (preload, "vgpreload")) {
    g_test_skip ("valgrind's own memory lives in the address space an address-space limit would cut");
    return;
  }
  if (!g_test_subprocess ()) {
    g_test_trap_subprocess (NULL, 30 * G_USEC_PER_SEC, G_TEST_SUBPROCESS_DEFAULT);
    g_test_trap_assert_passed ();
    return;
  }
  g_autoptr (PcHost) host = pc_host_new (NULL);
  World w = { .runs = 64, .indicators = "<indicator id=\"five\" state=\"paying_customers\" op=\"ge\" value=\"5\">x</indicator>" };
  g_autoptr (PcModel) model = model_for (&w, host);
  g_autofree char *statm = NULL;
  g_assert_true (g_file_get_contents ("/proc/self/statm", &statm, NULL, NULL));
  guint64 pages = g_ascii_strtoull (statm, NULL, 10);
  rlim_t size = (rlim_t) (pages * (guint64) sysconf (_SC_PAGESIZE) + 4 * 1024 * 1024);
  struct rlimit limit = { size, size };
  g_assert_cmpint (setrlimit (RLIMIT_AS, &limit), ==, 0);
  g_autoptr (GError) error = NULL;
  PcSimulateOptions options = { .threads = 4 };
  g_autoptr (PcReport) report = pc_simulate (model, &options, &error);
  g_assert_null (report);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "cannot start thread 2 of 4 ("));
  g_assert_nonnull (strstr (error->message, "): too little memory or too many threads; try fewer threads"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/run/cost/per-request", test_costs);
  g_test_add_func ("/run/trigger/state-and-lead-time", test_state_trigger_and_lead);
  g_test_add_func ("/run/trigger/lead-time-rounding", test_lead_time_rounding);
  g_test_add_func ("/run/trigger/sustained-edges", test_sustained_edges);
  g_test_add_func ("/run/trigger/event-windows", test_event_windows);
  g_test_add_func ("/run/policy/any-at-least-required", test_policies);
  g_test_add_func ("/run/trigger/frequently-edge", test_frequently_edge);
  g_test_add_func ("/run/budget/warning", test_budget_warning);
  g_test_add_func ("/run/determinism/threads-1-vs-4", test_determinism);
  g_test_add_func ("/run/threads/cannot-start", test_thread_cannot_start);
  g_test_add_func ("/run/threads/lowest-failure", test_lowest_failure);
  return g_test_run ();
}
