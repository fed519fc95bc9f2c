/* Capacity that moves the timeline, and cause and effect in the engine.
 *
 * 1. tests/data/heavy-reporting.xml: with heavy reporting dashboards,
 *    database CPU and tasks at their maximum fire before the seed's business
 *    targets, and v2.0 is decided when those targets arrive because of them:
 *    without the dashboards, or with v2.0's three capacity thresholds out of
 *    reach, the same world never decides v2.0; database CPU and tasks at max
 *    alone suffice.  Every month is worked out by hand in the scenario's
 *    comment and below.
 * 2. A changed assumption moves the timeline the right way and for the right
 *    reason: the indicator the assumption feeds moves, the others do not.
 * 3. Runway: each phase's configuration, pinned, crosses the thresholds in
 *    the months worked out by hand; v2.0's configuration relieves v1.5's.
 */
#include "testlib.h"

#include <glib/gstdio.h>

/* Writes @text with each @edits pair (text, replacement) applied to @path. */
static void
write_edited (const char *path, const char *text, const char *const *edits)
{
  g_autoptr (GString) edited = g_string_new (text);
  for (guint i = 0; edits && edits[i]; i += 2)
    g_assert_cmpuint (g_string_replace (edited, edits[i], edits[i + 1], 0), >=, 1);
  g_assert_true (g_file_set_contents (path, edited->str, -1, NULL));
}

/* Loads the scenario at @path (under the tests folder) with each
 * @edits pair (text, replacement) applied, from a temporary copy whose
 * roadmap is the seed's with each @roadmap_edits pair applied. */
static PcModel *
load_edited_roadmap (const char *path, const char *const *edits, const char *const *roadmap_edits)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp (NULL, &error);
  g_assert_no_error (error);
  g_autofree char *roadmaps = pc_find_data_subdir ("roadmaps");
  g_autofree char *seed = g_build_filename (roadmaps, "seed.xml", NULL);
  g_autofree char *seed_text = NULL, *text = NULL;
  g_assert_true (g_file_get_contents (seed, &seed_text, NULL, NULL));
  g_autofree char *roadmap = g_build_filename (dir, "roadmap.xml", NULL);
  write_edited (roadmap, seed_text, roadmap_edits);

  g_autofree char *file = g_test_build_filename (G_TEST_DIST, path, NULL);
  g_assert_true (g_file_get_contents (file, &text, NULL, NULL));
  g_autoptr (GString) linked = g_string_new (text);
  g_autofree char *href = g_strdup_printf ("href=\"%s\"", roadmap);
  g_assert_cmpuint (g_string_replace (linked, "href=\"../../data/roadmaps/seed.xml\"", href, 0) +
                    g_string_replace (linked, "href=\"../data/roadmaps/seed.xml\"", href, 0), ==, 1);
  g_autofree char *copy = g_build_filename (dir, "scenario.xml", NULL);
  write_edited (copy, linked->str, edits);
  PcModel *model = pc_model_new (copy, NULL, pc_test_host (), &error);
  g_assert_no_error (error);
  g_unlink (copy), g_unlink (roadmap), g_rmdir (dir);
  return model;
}

static PcModel *
load_edited (const char *path, const char *const *edits)
{
  return load_edited_roadmap (path, edits, NULL);
}

static const char *const heavy = "data/heavy-reporting.xml";
static const char *const baseline = "../scenarios/baseline.xml";

static PcReport *
simulate (const PcModel *model, guint runs)
{
  g_autoptr (GError) error = NULL;
  PcSimulateOptions options = { .runs = runs, .threads = 2 };
  PcReport *report = pc_simulate (model, &options, &error);
  g_assert_no_error (error);
  return report;
}

/* The month @id first held in @report's median run (-1 never). */
static int
fired (const PcReport *report, const char *id)
{
  return report->median_run->indicator_fired[pc_test_indicator (report->model, id)];
}

static void
test_heavy_reporting_decides_v20 (void)
{
  g_test_summary ("Heavy reporting: database CPU (from month 17) and tasks at max (from 14) fire before 100 users"
                  " and 500 quotes (month 20); v2.0 is decided at 20 because they held; without the dashboards the"
                  " same world never decides v2.0");
  g_autoptr (PcModel) model = load_edited (heavy, NULL);
  g_autoptr (PcReport) r = simulate (model, 1);
  /* v1.5: 5 customers at month 5 (50 quotes at 2, the SLA talk and budget at 1): decided 5, entered 6. */
  g_assert_cmpint (r->median_run->phase_decided[1], ==, 5);
  g_assert_cmpint (r->median_run->phase_entered[1], ==, 6);
  /* Database: 0.04002 m of 2 vCPU over 0.6 from m = 15 (0.6003; 14 gives 0.5602), held 15-17. */
  g_assert_cmpint (fired (r, "db-cpu-sustained"), ==, 17);
  /* Tasks: 0.26806 m tasks' worth of CPU needs 6 at 70 % once above 3.5: m = 14 (3.753; 13 gives 3.485). */
  g_assert_cmpint (fired (r, "tasks-at-max"), ==, 14);
  g_assert_cmpint (fired (r, "100-active-users"), ==, 20);
  g_assert_cmpint (fired (r, "500-quotes-month"), ==, 20);
  g_assert_cmpint (fired (r, "reporting-requests"), ==, -1);
  g_assert_cmpint (r->median_run->phase_decided[2], ==, 20);
  g_assert_cmpint (r->median_run->phase_entered[2], ==, 21);
  const char *because[] = { "db-cpu-sustained", "tasks-at-max" };
  for (guint i = 0; i < G_N_ELEMENTS (because); i++)
    g_assert_cmpfloat (r->indicators[pc_test_indicator (model, because[i])].held_at_decision_probability, ==, 1.0);
  g_assert_true (r->phases[2].load_driven);

  const char *no_dashboards[] = { "rate=\"4800\"", "rate=\"0\"", NULL };
  g_autoptr (PcModel) light = load_edited (heavy, no_dashboards);
  g_autoptr (PcReport) l = simulate (light, 1);
  g_assert_cmpint (fired (l, "100-active-users"), ==, 20);
  g_assert_cmpint (fired (l, "db-cpu-sustained"), ==, -1);
  g_assert_cmpint (fired (l, "tasks-at-max"), ==, -1);
  g_assert_cmpint (l->median_run->phase_decided[2], ==, -1);
}

/* v2.0's three capacity thresholds in seed.xml, each put out of reach. */
#define NO_DB_CPU "metric=\"database.cpu_utilisation_peak\" op=\"gt\" value=\"0.6\"", \
                  "metric=\"database.cpu_utilisation_peak\" op=\"gt\" value=\"1000\""
#define NO_TASKS_AT_MAX "metric=\"api.share_hours_at_max\" op=\"gt\" value=\"0.1\"", \
                        "metric=\"api.share_hours_at_max\" op=\"gt\" value=\"1000\""
#define NO_SLOW_RESPONSES "state=\"response_time_s\" op=\"gt\" value=\"2\"", \
                          "state=\"response_time_s\" op=\"gt\" value=\"1000\""

/* The month v2.0 is decided in heavy reporting's one run with @roadmap_edits. */
static int
heavy_v20_decided (const char *const *roadmap_edits)
{
  g_autoptr (PcModel) model = load_edited_roadmap (heavy, NULL, roadmap_edits);
  g_autoptr (PcReport) r = simulate (model, 1);
  return r->median_run->phase_decided[2];
}

static void
test_heavy_reporting_counterfactual (void)
{
  g_test_summary ("Heavy reporting: v2.0 is decided at 20 because capacity indicators held. Database CPU and tasks"
                  " at max suffice without slow responses (which the 2-second dashboard refreshes trip from the"
                  " first customer); with none of the three capacity indicators reachable v2.0 is never decided");
  const char *no_slow[] = { NO_SLOW_RESPONSES, NULL };
  const char *slow_only[] = { NO_DB_CPU, NO_TASKS_AT_MAX, NULL };
  const char *none[] = { NO_DB_CPU, NO_TASKS_AT_MAX, NO_SLOW_RESPONSES, NULL };
  g_assert_cmpint (heavy_v20_decided (NULL), ==, 20);
  g_assert_cmpint (heavy_v20_decided (no_slow), ==, 20);
  g_assert_cmpint (heavy_v20_decided (slow_only), ==, 20);
  g_assert_cmpint (heavy_v20_decided (none), ==, -1);
}

static void
test_database_cost_moves_database_indicator (void)
{
  g_test_summary ("A dashboard query of 600 ms instead of 480: database CPU 0.05002 m, over 0.6 from m = 12, fires"
                  " at 14 instead of 17; tasks at max stays at 14; v2.0 stays at 20 (its business targets are"
                  " required)");
  const char *costlier[] = { "db-cpu-ms=\"480\"", "db-cpu-ms=\"600\"", NULL };
  g_autoptr (PcModel) model = load_edited (heavy, costlier);
  g_autoptr (PcReport) r = simulate (model, 1);
  g_assert_cmpint (fired (r, "db-cpu-sustained"), ==, 14);
  g_assert_cmpint (fired (r, "tasks-at-max"), ==, 14);
  g_assert_cmpint (r->median_run->phase_decided[2], ==, 20);
}

static void
test_business_event_moves_v30 (void)
{
  g_test_summary ("Baseline run 0: a second team at month 30 instead of 15 moves 'business-units' to 30 and v3.0's"
                  " decision to 30 (the indicator is required); nothing else moves");
  const char *later[] = { "month=\"15\" add-business-units", "month=\"30\" add-business-units", NULL };
  g_autoptr (PcModel) as_is = load_edited (baseline, NULL);
  g_autoptr (PcModel) moved = load_edited (baseline, later);
  g_autoptr (PcReport) a = simulate (as_is, 1);
  g_autoptr (PcReport) b = simulate (moved, 1);
  g_assert_cmpint (fired (a, "business-units"), ==, 15);
  g_assert_cmpint (fired (b, "business-units"), ==, 30);
  g_assert_cmpint (a->median_run->phase_decided[3], <, 30);
  g_assert_cmpint (b->median_run->phase_decided[3], ==, 30);
  g_assert_cmpint (fired (a, "500-active-users"), ==, fired (b, "500-active-users"));
  g_assert_cmpint (a->median_run->phase_decided[2], ==, b->median_run->phase_decided[2]);
}

static void
test_growth_rate_moves_v20 (void)
{
  g_test_summary ("Baseline run 0: a faster market (rate 0.45 instead of 0.33 a month) brings 100 active users, and"
                  " v2.0 with them, earlier; the v1.5 decision (5th customer) no later");
  const char *faster[] = { "rate=\"0.33\"", "rate=\"0.45\"", NULL };
  g_autoptr (PcModel) as_is = load_edited (baseline, NULL);
  g_autoptr (PcModel) fast = load_edited (baseline, faster);
  g_autoptr (PcReport) a = simulate (as_is, 1);
  g_autoptr (PcReport) b = simulate (fast, 1);
  g_assert_cmpint (fired (b, "100-active-users"), <, fired (a, "100-active-users"));
  g_assert_cmpint (b->median_run->phase_decided[2], <, a->median_run->phase_decided[2]);
  g_assert_cmpint (b->median_run->phase_decided[1], <=, a->median_run->phase_decided[1]);
}

static const PcRunwayReport *
runway (const PcReport *r, guint phase, const char *id)
{
  for (guint j = 0; j < r->model->n_runway; j++)
    if (g_str_equal (r->model->runway[j].indicator->decl->id, id))
      return &r->runway[phase * r->model->n_runway + j];
  g_error ("no runway item %s", id);
  return NULL;
}

static void
test_runway_by_configuration (void)
{
  g_test_summary ("Heavy reporting, each phase pinned: v1.5's database crosses 60 % sustained at 17 and its tasks"
                  " reach 6 at 14; v1.0 never autoscales; on v2.0 the replica takes the dashboards' queries and"
                  " 0.5-vCPU tasks need 6 only from m = 27, beyond the 24-month horizon");
  g_autoptr (PcModel) model = load_edited (heavy, NULL);
  g_autoptr (PcReport) r = simulate (model, 1);
  g_assert_cmpfloat (runway (r, 1, "db-cpu-sustained")->month.p50, ==, 17);
  g_assert_cmpfloat (runway (r, 0, "db-cpu-sustained")->month.p50, ==, 17);   /* the same 2 vCPU */
  g_assert_cmpfloat (runway (r, 1, "tasks-at-max")->month.p50, ==, 14);
  g_assert_true (isnan (runway (r, 0, "tasks-at-max")->month.p50));
  g_assert_cmpfloat (runway (r, 0, "tasks-at-max")->crossed_probability, ==, 0);
  g_assert_true (isnan (runway (r, 2, "db-cpu-sustained")->month.p50));
  g_assert_true (isnan (runway (r, 2, "tasks-at-max")->month.p50));
  g_assert_false (runway (r, 3, "db-iops")->applicable);   /* Aurora has no provisioned IOPS */
  /* v2.0's own capacity indicators on v1.5: slow responses first (see the scenario), no later than the decision. */
  g_assert_cmpint (r->phases[2].capacity_month, <=, 14);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/capacity/heavy-reporting/decides-v2.0", test_heavy_reporting_decides_v20);
  g_test_add_func ("/capacity/heavy-reporting/counterfactual", test_heavy_reporting_counterfactual);
  g_test_add_func ("/capacity/cause/database-cost-moves-database-cpu", test_database_cost_moves_database_indicator);
  g_test_add_func ("/capacity/cause/second-team-moves-v3.0", test_business_event_moves_v30);
  g_test_add_func ("/capacity/cause/growth-rate-moves-v2.0", test_growth_rate_moves_v20);
  g_test_add_func ("/capacity/runway/by-configuration", test_runway_by_configuration);
  return g_test_run ();
}
