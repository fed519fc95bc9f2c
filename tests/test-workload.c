/* The workload (core/workload.c, load-shape.c, load.c) against hand-worked
 * values: business hours, day strata and their draws, the month's request
 * mix, named quantities, the database's working set, format 1's <load>,
 * and every refusal with file:line.  Normal quantiles are computed here
 * with erfc from libm, independently of the GSL functions the code uses. */
#include "testlib.h"
#include "pc-run-private.h"

#include <glib/gstdio.h>

#define DAYS (730.0 / 24.0)
#define WEEKDAYS (DAYS * 5 / 7)
#define WEEKEND (DAYS * 2 / 7)

static double
phi (double x)
{
  return 0.5 * erfc (-x / sqrt (2.0));
}

/* The scenario around @workload, loaded (or NULL with @error); its roadmap
 * is tests/data/good/roadmap.xml (one fixed-cost component). */
static char *
scenario_text (const char *workload)
{
  g_autofree char *roadmap = pc_test_data ("good/roadmap.xml");
  return g_strdup_printf (
    "<scenario format=\"1\" name=\"w\">\n"
    "  <world start=\"2026-01\" horizon-months=\"12\" region=\"ap-southeast-2\"/>\n"
    "  <roadmap href=\"%s\"/>\n"
    "  <growth model=\"actuals\" users-per-customer=\"10\"><actual month=\"0\" customers=\"1\"/></growth>\n"
    "%s\n"
    "</scenario>\n", roadmap, workload);
}

static PcScenario *
load_workload (const char *workload, GError **error)
{
  g_autofree char *text = scenario_text (workload);
  g_autofree char *dir = g_dir_make_tmp (NULL, NULL);
  g_autofree char *path = g_build_filename (dir, "w.xml", NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  PcScenario *s = pc_scenario_load (path, error);
  g_unlink (path), g_rmdir (dir);
  return s;
}

static PcScenario *
load_ok (const char *workload)
{
  g_autoptr (GError) error = NULL;
  PcScenario *s = load_workload (workload, &error);
  g_assert_no_error (error);
  return s;
}

static double
level_hours (const PcLoadShape *shape)
{
  double hours = 0;
  for (guint k = 0; k < shape->n_levels; k++)
    hours += shape->hours[k];
  return hours;
}

/* The share of a month's expected volume the levels carry (1 when conserved). */
static double
level_volume (const PcLoadShape *shape)
{
  double share = 0;
  for (guint k = 0; k < shape->n_levels; k++)
    share += shape->unit_rps[k] * shape->hours[k] * 3600;
  return share;
}

static void
test_business_hours (void)
{
  g_test_summary ("08:00-18:00 holding 85 %: each business hour 0.085 of a day, each other hour 0.15 / 14; with no"
                  " day variation the month is 2 levels, 304.17 h at 0.85 of the volume and 425.83 h at 0.15");
  g_autoptr (PcScenario) s = load_ok ("<workload><hours open=\"8\" close=\"18\" business-share=\"0.85\"/>"
                                      "<class name=\"a\" per=\"user-day\" rate=\"1\"/></workload>");
  const PcWorkload *w = s->workload;
  g_assert_cmpfloat_with_epsilon (w->profile[8], 0.085, 1e-15);
  g_assert_cmpfloat_with_epsilon (w->profile[17], 0.085, 1e-15);
  g_assert_cmpfloat_with_epsilon (w->profile[7], 0.15 / 14, 1e-15);
  g_assert_cmpfloat_with_epsilon (w->profile[18], 0.15 / 14, 1e-15);
  g_assert_cmpuint (w->shape.n_levels, ==, 2);
  g_assert_cmpfloat_with_epsilon (w->shape.day_equivalents, DAYS, 1e-12);
  g_assert_cmpfloat_with_epsilon (w->shape.hours[0], 10 * DAYS, 1e-9);
  g_assert_cmpfloat_with_epsilon (w->shape.unit_rps[0] * w->shape.hours[0] * 3600, 0.85, 1e-12);
  g_assert_cmpfloat_with_epsilon (w->shape.hours[1], 14 * DAYS, 1e-9);
}

static void
test_day_strata (void)
{
  g_test_summary ("Weekends at 0.1, two month-end days at 1.5, daily cv 0.2: 19.726 ordinary weekdays in bands"
                  " [0, .5), [.5, .85), [.85, 1 - 1/19.726) and the busiest day; D = 19.726 + 2 x 1.5 + 8.690 x 0.1;"
                  " 730 hours and the whole volume in at most 48 levels");
  g_autoptr (PcScenario) s = load_ok ("<workload><days weekend-weight=\"0.1\" month-end-days=\"2\""
                                      " month-end-factor=\"1.5\" daily-cv=\"0.2\"/>"
                                      "<class name=\"a\" per=\"user-day\" rate=\"1\"/></workload>");
  const PcLoadShape *shape = &s->workload->shape;
  double ordinary = WEEKDAYS - 2, sigma = sqrt (log (1 + 0.2 * 0.2)), top = 1 - 1 / ordinary;
  g_assert_cmpuint (shape->n_strata, ==, 6);
  g_assert_cmpfloat_with_epsilon (shape->sigma, sigma, 1e-15);
  g_assert_cmpfloat_with_epsilon (shape->day_equivalents, ordinary + 2 * 1.5 + WEEKEND * 0.1, 1e-12);
  g_assert_cmpfloat_with_epsilon (shape->strata[0].days, ordinary * 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (shape->strata[0].factor, phi (-sigma) / 0.5, 1e-9);   /* (Phi(0-s) - 0) / .5 */
  g_assert_cmpfloat_with_epsilon (shape->strata[1].days, ordinary * 0.35, 1e-12);
  g_assert_cmpfloat_with_epsilon (shape->strata[2].days, ordinary * (top - 0.85), 1e-12);
  g_assert_cmpint (shape->strata[3].kind, ==, PC_STRATUM_BUSIEST);
  g_assert_cmpfloat (shape->strata[3].days, ==, 1);
  g_assert_cmpfloat (shape->strata[3].busiest_of, ==, ordinary);
  g_assert_cmpint (shape->strata[4].kind, ==, PC_STRATUM_DRAWN);
  g_assert_cmpfloat_with_epsilon (shape->strata[5].days, WEEKEND, 1e-12);
  /* The bands' factors average 1 over all the ordinary days: E[e^(sZ - s^2/2)] = 1. */
  double mean = 0;
  for (guint i = 0; i < 4; i++)
    mean += shape->strata[i].days * shape->strata[i].factor / ordinary;
  g_assert_cmpfloat_with_epsilon (mean, 1.0, 1e-9);
  g_assert_cmpuint (shape->n_levels, <=, 48);
  g_assert_cmpfloat_with_epsilon (level_hours (shape), 730, 1e-9);
  g_assert_cmpfloat_with_epsilon (level_volume (shape), 1, 1e-12);
}

/* E[e^(s Z - s^2/2)] for Z the largest of n standard normals, by the
 * trapezoid rule over its density n phi(z) Phi(z)^(n-1). */
static double
busiest_mean (double sigma, double n)
{
  double sum = 0, step = 1e-3;
  for (double z = -8; z < 8; z += step)
    sum += n * exp (-z * z / 2) / sqrt (2 * G_PI) * pow (phi (z), n - 1) * exp (sigma * z - sigma * sigma / 2) * step;
  return sum;
}

static void
test_busiest_day_draws (void)
{
  g_test_summary ("Each month draws the busiest of 19.7 ordinary weekdays: over 20,000 months its factor averages"
                  " E[e^(s Z(n) - s^2/2)] of the largest of n normals (within 0.5 %); the fixed bands never move");
  g_autoptr (PcScenario) s = load_ok ("<workload><days weekend-weight=\"0.1\" month-end-days=\"2\""
                                      " month-end-factor=\"1.5\" daily-cv=\"0.2\"/>"
                                      "<class name=\"a\" per=\"user-day\" rate=\"10\"/></workload>");
  const PcWorkload *w = s->workload;
  g_autoptr (gsl_rng) rng = gsl_rng_alloc (PC_RUN_RNG);
  double pdf[1] = { 0 }, db[1] = { 0 }, named[1];
  PcLoadHistory history = { pdf, db, 1, 0 };
  PcBusinessState state = { 0 };
  state.active_users = 100;
  PcDemand d = { 0 };
  d.named = named;
  double volume = 10 * 100 * w->shape.day_equivalents, busiest = 0;
  guint top = 0, band = 0, months = 20000;
  while (w->shape.stratum[top] != 3)
    top++;
  for (guint m = 0; m < months; m++) {
    pc_load_fill (w, &state, rng, 0, &history, &d);
    busiest += d.level_rps[top] / (volume * w->shape.unit_rps[top]) * w->shape.strata[3].factor / months;
    g_assert_cmpfloat_with_epsilon (d.level_rps[band], volume * w->shape.unit_rps[band], 1e-12);
  }
  g_assert_cmpfloat_with_epsilon (busiest, busiest_mean (w->shape.sigma, WEEKDAYS - 2),
                                  0.005 * busiest_mean (w->shape.sigma, WEEKDAYS - 2));
}

#define TWO_CLASSES \
  "<workload db-base-gb=\"1\" db-mb-per-quote=\"1024\" working-set-months=\"2.5\" working-set-base-share=\"0.5\"" \
  "          task-base-memory-mb=\"100\">" \
  "  <class name=\"api\" per=\"user-day\" rate=\"100\" cpu-ms=\"10\" cpu-cv=\"1\" memory-mb=\"2\" db-queries=\"2\"" \
  "         db-cpu-ms=\"1\" db-rows=\"5\" db-write-share=\"0.2\" response-kb=\"8\">" \
  "    <quantity name=\"messages\" per-request=\"0.5\"/>" \
  "  </class>" \
  "  <class name=\"pdf\" per=\"quote\" rate=\"1\" cpu-ms=\"1000\" cpu-cv=\"0.5\" memory-mb=\"200\" db-queries=\"10\"" \
  "         db-cpu-ms=\"5\" db-rows=\"100\" replica-share=\"1\">" \
  "    <quantity name=\"renders\" per-request=\"1\"/><quantity name=\"messages\" per-request=\"2\"/>" \
  "  </class>" \
  "</workload>"

static void
test_request_mix (void)
{
  g_test_summary ("10 users x 100 API calls a day (10 ms, cv 1) and 50 PDFs (1 s, cv 0.5): means weighted by"
                  " requests, queries and CPU time; the mixture's cv^2; named quantities summed over classes");
  g_autoptr (PcScenario) s = load_ok (TWO_CLASSES);
  const PcWorkload *w = s->workload;
  g_autoptr (gsl_rng) rng = gsl_rng_alloc (PC_RUN_RNG);
  double pdf[1] = { 0 }, db[1] = { 0 }, named[2];
  PcLoadHistory history = { pdf, db, 1, 0 };
  PcBusinessState state = { 0 };
  state.active_users = 10, state.quotes_month = 50;
  PcDemand d = { 0 };
  d.named = named, d.n_named = 2;
  pc_load_fill (w, &state, rng, 0, &history, &d);
  double api = 100 * 10 * DAYS, pdfs = 50, all = api + pdfs;
  double cpu = (api * 10 + pdfs * 1000) / all;
  double second_moment = (api * 100 * 2 + pdfs * 1e6 * 1.25) / all;
  double queries = api * 2 + pdfs * 10;
  g_assert_cmpfloat_with_epsilon (d.requests, all, 1e-6);
  g_assert_cmpfloat_with_epsilon (d.cpu_ms_per_request, cpu, 1e-12);
  g_assert_cmpfloat_with_epsilon (d.cpu_cv2, second_moment / (cpu * cpu) - 1, 1e-9);
  g_assert_cmpfloat_with_epsilon (d.memory_mb_per_request, (api * 10 * 2 + pdfs * 1000 * 200) / (api * 10 + pdfs * 1000),
                                  1e-12);
  g_assert_cmpfloat (d.compute_base_memory_mb, ==, 100);
  g_assert_cmpfloat_with_epsilon (d.db_queries_per_request, queries / all, 1e-12);
  g_assert_cmpfloat_with_epsilon (d.db_cpu_ms_per_query, (api * 2 * 1 + pdfs * 10 * 5) / queries, 1e-12);
  g_assert_cmpfloat_with_epsilon (d.db_rows_per_query, (api * 2 * 5 + pdfs * 10 * 100) / queries, 1e-12);
  g_assert_cmpfloat_with_epsilon (d.db_read_share, (api * 2 * 0.8 + pdfs * 10) / queries, 1e-12);
  g_assert_cmpfloat_with_epsilon (d.db_replica_share, pdfs * 10 / queries, 1e-12);
  g_assert_cmpfloat_with_epsilon (d.db_replica_cpu_share, pdfs * 10 * 5 / (api * 2 + pdfs * 50), 1e-12);
  g_assert_cmpfloat_with_epsilon (d.egress_gb, api * 8 / 1048576, 1e-12);
  g_assert_cmpuint (w->quantity_names->len, ==, 2);
  g_assert_cmpstr (w->quantity_names->pdata[0], ==, "messages");
  g_assert_cmpfloat_with_epsilon (named[0], api * 0.5 + pdfs * 2, 1e-9);
  g_assert_cmpfloat_with_epsilon (named[1], pdfs, 1e-12);
}

static void
test_working_set (void)
{
  g_test_summary ("1 GB per quote, 6 months of 1..6 quotes: the database holds 1 + 21 GB; its working set is half"
                  " the base (0.5) + the last 2.5 months' rows, 6 + 5 + half of 4 = 13.5 GB");
  g_autoptr (PcScenario) s = load_ok (TWO_CLASSES);
  g_autoptr (gsl_rng) rng = gsl_rng_alloc (PC_RUN_RNG);
  double pdf[6] = { 0 }, db[6] = { 0 }, named[2];
  PcLoadHistory history = { pdf, db, 6, 0 };
  PcBusinessState state = { 0 };
  PcDemand d = { 0 };
  d.named = named, d.n_named = 2;
  for (guint m = 0; m < 6; m++) {
    state.quotes_month = m + 1;
    state.quotes_total += m + 1;
    pc_load_fill (s->workload, &state, rng, m, &history, &d);
  }
  g_assert_cmpfloat_with_epsilon (d.db_storage_gb, 1 + 21, 1e-12);
  g_assert_cmpfloat_with_epsilon (d.db_working_set_gb, 0.5 + 6 + 5 + 0.5 * 4, 1e-12);
}

typedef struct {
  guint month;
  double named[2];
} NamedProbe;

static void
observe_named (gpointer data, const PcRun *run, guint month)
{
  NamedProbe *probe = data;
  if (month == probe->month)
    memcpy (probe->named, pc_run_demand (run)->named, sizeof probe->named);
}

static void
test_named_quantities_in_a_run (void)
{
  g_test_summary ("The model resolves the workload's named quantities in order of declaration and a run fills them"
                  " each month: 1 customer x 10 users x 100 calls a day x 0.5 messages + 50 quotes x 1 render x 2 messages;"
                  " 50 renders");
  g_autofree char *text = scenario_text (TWO_CLASSES);
  g_autofree char *dir = g_dir_make_tmp (NULL, NULL);
  g_autofree char *path = g_build_filename (dir, "w.xml", NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
  g_autoptr (GError) error = NULL;
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (PcModel) model = pc_model_new (path, NULL, host, &error);
  g_assert_no_error (error);
  g_unlink (path), g_rmdir (dir);
  g_assert_cmpuint (model->demand_names->len, ==, 2);
  g_assert_cmpstr (model->demand_names->pdata[0], ==, "messages");
  g_assert_cmpstr (model->demand_names->pdata[1], ==, "renders");
  NamedProbe probe = { 3, { -1, -1 } };
  g_autoptr (PcRun) run = pc_run_new (model, 1, 0, PC_DETAIL_NONE, &error);
  pc_run_set_observer (run, observe_named, &probe);
  g_assert_true (pc_run_step (run, 12, &error));
  g_assert_cmpfloat_with_epsilon (probe.named[0], 1 * 10 * 100 * DAYS * 0.5 + 10 * 5 * 2, 1e-9);   /* 5 quotes a user (the default) */
  g_assert_cmpfloat_with_epsilon (probe.named[1], 10 * 5, 1e-12);
}

static void
test_format_one_load (void)
{
  g_test_summary ("Format 1's <load>: 100 users x 150 requests a day + 10 quotes x 40, spread by the 24-hour profile"
                  " over every day of the month; PDFs remembered by age");
  g_autoptr (PcScenario) s = load_ok ("<load requests-per-user-day=\"150\" requests-per-quote=\"40\""
                                      " pdf-mb-per-quote=\"1024\" response-kb=\"1024\" emails-per-quote=\"2\""
                                      " emails-per-user-month=\"1\"><profile>1 1 1 1 1 1 1 1 1 1 1 1"
                                      " 2 2 2 2 2 2 2 2 2 2 2 2</profile></load>");
  g_autoptr (gsl_rng) rng = gsl_rng_alloc (PC_RUN_RNG);
  double pdf[3] = { 0 }, db[3] = { 0 };
  PcLoadHistory history = { pdf, db, 3, 0 };
  PcBusinessState state = { 0 };
  state.active_users = 100;
  PcDemand d = { 0 };
  const double quotes[] = { 10, 20, 30 };
  for (guint m = 0; m < 3; m++) {
    state.quotes_month = quotes[m];
    pc_load_fill (s->workload, &state, rng, m, &history, &d);
  }
  double requests = 100 * 150 * DAYS + 30 * 40;   /* 456,250 + 1,200 */
  g_assert_cmpfloat_with_epsilon (d.requests, requests, 1e-6);
  g_assert_cmpuint (d.n_levels, ==, 2);            /* two distinct hourly rates */
  g_assert_cmpfloat_with_epsilon (d.level_hours[0], 12 * DAYS, 1e-9);
  g_assert_cmpfloat_with_epsilon (d.level_rps[0], requests / DAYS * 2 / 36 / 3600, 1e-12);
  g_assert_cmpfloat_with_epsilon (d.level_rps[1], requests / DAYS / 36 / 3600, 1e-12);
  g_assert_cmpfloat_with_epsilon (d.egress_gb, requests / 1024, 1e-9);   /* 1 MiB each */
  g_assert_cmpuint (d.n_ages, ==, 3);
  g_assert_cmpfloat (d.stored_gb_by_age[0], ==, 30);
  g_assert_cmpfloat (d.stored_gb_by_age[2], ==, 10);
  g_assert_cmpfloat (d.stored_gb, ==, 60);
  g_assert_cmpfloat (d.emails, ==, 30 * 2 + 100 * 1);
}

static void
test_refusals (void)
{
  g_test_summary ("Bad workloads are refused with file:line, the element, the value and what is allowed");
  static const struct { const char *workload, *message; } bad[] = {
    { "<workload><class name=\"a\" per=\"user-week\" rate=\"1\"/></workload>",
      "<class name=\"a\" per=\"user-week\">: unknown rate basis; allowed: user-day, customer-day, quote, user-month" },
    { "<workload><class name=\"a\" per=\"quote\"/><class name=\"a\" per=\"quote\"/></workload>",
      "<class name=\"a\">: duplicate name" },
    { "<workload><class name=\"a\" per=\"quote\" db-write-share=\"0.5\" replica-share=\"0.8\"/></workload>",
      "replica-share=\"0.8\">: a replica serves reads only; allowed: 0 to 1 - db-write-share (0.5)" },
    { "<workload><hours open=\"18\" close=\"8\"/><class name=\"a\" per=\"quote\"/></workload>",
      "<hours open=\"18\" close=\"8\">: close must come after open" },
    { "<workload><days daily-cv=\"3\"/><class name=\"a\" per=\"quote\"/></workload>",
      "<days daily-cv=\"3\">: out of range; allowed: a number from 0 to 2" },
    { "<workload><class name=\"a\" per=\"quote\" cpu=\"3\"/></workload>", "<class cpu=\"3\">: unknown attribute; allowed: " },
    { "<workload><class name=\"a\" per=\"quote\"><quantity name=\"m\" per-request=\"-1\"/></class></workload>",
      "<quantity name=\"m\" per-request=\"-1\">: must not be negative" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (PcScenario) s = load_workload (bad[i].workload, &error);
    g_assert_null (s);
    g_assert_nonnull (error);
    g_test_message ("%s", error->message);
    g_assert_nonnull (strstr (error->message, "w.xml:5: "));
    g_assert_nonnull (strstr (error->message, bad[i].message));
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/workload/shape/business-hours", test_business_hours);
  g_test_add_func ("/workload/shape/day-strata", test_day_strata);
  g_test_add_func ("/workload/month/busiest-day-draws", test_busiest_day_draws);
  g_test_add_func ("/workload/month/request-mix", test_request_mix);
  g_test_add_func ("/workload/month/working-set", test_working_set);
  g_test_add_func ("/workload/month/named-quantities-in-a-run", test_named_quantities_in_a_run);
  g_test_add_func ("/workload/format-1-load", test_format_one_load);
  g_test_add_func ("/workload/refusals", test_refusals);
  return g_test_run ();
}
