/* test-stats.c - `phasecast run --stats` and the component-month count
 * behind it (core/stats.c).
 *
 * Component-months are worked out by hand: the seed roadmap's phases step
 * 10 (v1.0), 15 (v1.5: six added, the VPC endpoints removed), 18 (v2.0:
 * three added) and 28 (v3.0: ten added) components (data/roadmaps/seed.xml),
 * so a run's count is the sum of each phase's components times its months.
 * The runway simulates each of the first 200 runs again once per phase,
 * pinned to it for all 36 months: 36 x (10 + 15 + 18 + 28) = 2,556 more
 * component-months for each of them.  tests/bench/v3-only.xml steps the 28
 * of v3.0 for 60 months in every run, and has no runway (no capacity
 * thresholds). */
#include "testlib.h"

#include <string.h>

static const guint seed_components[] = { 10, 15, 18, 28 };

static PcModel *
load_scenario (PcHost *host, const char *first, ...)
{
  va_list args;
  va_start (args, first);
  g_autofree char *tail = g_build_filename_valist (first, &args);
  va_end (args);
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", tail, NULL);
  g_autoptr (GError) error = NULL;
  PcModel *model = pc_model_new (path, NULL, host, &error);
  g_assert_no_error (error);
  return model;
}

/* A run's component-months from the months its phases were entered. */
static guint64
by_hand (const PcRunResult *run)
{
  guint64 sum = 0;
  for (guint p = 0; p < run->n_phases; p++) {
    if (run->phase_entered[p] < 0)
      continue;
    int until = (int) run->n_months;
    for (guint q = p + 1; q < run->n_phases; q++)
      if (run->phase_entered[q] >= 0) {
        until = run->phase_entered[q];
        break;
      }
    sum += (guint64) seed_components[p] * (guint64) (until - run->phase_entered[p]);
  }
  return sum;
}

/* The threads that took part, the caller and at least one of the pool's
 * when @threads > 1 (with few runs, one pool thread may take every job),
 * and their runs are all the runs: every run was simulated by exactly one
 * of them. */
static void
assert_thread_shares (const PcStats *stats, guint threads, guint runs)
{
  guint n = pc_stats_n_threads (stats);
  g_assert_cmpuint (n, >=, MIN (threads, 2));
  g_assert_cmpuint (n, <=, threads);
  guint sum = 0;
  for (guint t = 0; t < n; t++) {
    sum += pc_stats_thread_runs (stats, t);
    g_assert_cmpfloat (pc_stats_thread_cpu_seconds (stats, t), >=, 0.0);
    if (pc_stats_thread_runs (stats, t) > 0)
      g_assert_cmpfloat (pc_stats_thread_cpu_seconds (stats, t), >, 0.0);
  }
  g_assert_cmpuint (sum, ==, runs);
}

/* The component-months the stats sink counts in 20 runs of @model on
 * @threads threads. */
static guint64
counted (const PcModel *model, gboolean no_runway, guint threads)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStats) stats = pc_stats_start (model);
  PcRunSink *sinks[] = { pc_stats_sink (stats) };
  PcSimulateOptions options = { .runs = 20, .threads = threads, .sinks = sinks, .n_sinks = 1, .no_runway = no_runway,
                                .stats = stats };
  g_autoptr (PcReport) report = pc_simulate (model, &options, &error);
  g_assert_no_error (error);
  pc_stats_stop (stats);
  g_assert_cmpfloat (pc_stats_wall_seconds (stats), >=, 0.0);
  g_assert_cmpfloat (pc_stats_cpu_seconds (stats), >=, 0.0);
  assert_thread_shares (stats, threads, 20);
  return pc_stats_component_months (stats);
}

static void
test_component_months (void)
{
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (PcModel) model = load_scenario (host, "scenarios", "baseline.xml", NULL);
  g_assert_cmpuint (model->n_phases, ==, G_N_ELEMENTS (seed_components));
  for (guint p = 0; p < model->n_phases; p++)
    g_assert_cmpuint (model->phases[p].n_components, ==, seed_components[p]);
  g_assert_cmpuint (model->n_runway, >, 0);
  g_autoptr (GError) error = NULL;
  guint64 total = 0;
  for (guint i = 0; i < 20; i++) {
    g_autoptr (PcRun) run = pc_run_new (model, model->scenario->seed, i, PC_DETAIL_NONE, &error);
    g_assert_true (pc_run_step (run, model->scenario->horizon_months, &error));
    g_autoptr (PcRunResult) result = pc_run_finish (g_steal_pointer (&run));
    g_assert_cmpuint (pc_run_component_months (model, result), ==, by_hand (result));
    total += by_hand (result);
  }
  for (guint threads = 1; threads <= 3; threads++) {
    g_assert_cmpuint (counted (model, TRUE, threads), ==, total);
    g_assert_cmpuint (counted (model, FALSE, threads), ==, total + 20 * 2556);   /* runs 0-19 each carry a runway */
  }
  g_assert_cmpuint (pc_stats_peak_rss_kib (), >, 0);
}

/* Runs `phasecast run ARGS...` with @locale as LC_ALL; returns its exit
 * status, stdout and stderr. */
static int
run_cli (const char *locale, const char *const *args, char **out, char **err)
{
  g_autoptr (GStrvBuilder) argv = g_strv_builder_new ();
  g_strv_builder_add_many (argv, g_getenv ("PHASECAST_EXE"), "run", NULL);
  g_strv_builder_addv (argv, (const char **) args);
  g_auto (GStrv) command = g_strv_builder_end (argv);
  g_auto (GStrv) env = g_environ_setenv (g_get_environ (), "LC_ALL", locale, TRUE);
  int status = 0;
  g_autoptr (GError) error = NULL;
  g_spawn_sync (NULL, command, env, G_SPAWN_DEFAULT, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  return WIFEXITED (status) ? WEXITSTATUS (status) : -1;
}

/* The figures --stats adds for @threads threads: none for one, else each
 * thread's CPU time per run and its runs. */
static const char *
thread_part (guint threads)
{
  if (threads == 1)
    return "";
  return "; CPU per run on each thread: [0-9]+\\.[0-9] us \\(([0-9]+) runs\\), [0-9]+\\.[0-9] us \\(([0-9]+) runs\\)";
}

/* The two threads' runs in @err's stats line add up to @runs. */
static void
assert_thread_runs (GMatchInfo *match, guint runs)
{
  g_autofree char *first = g_match_info_fetch (match, 1), *second = g_match_info_fetch (match, 2);
  g_assert_cmpuint (g_ascii_strtoull (first, NULL, 10) + g_ascii_strtoull (second, NULL, 10), ==, runs);
}

static void
test_cli_stats (gconstpointer data)
{
  guint threads = GPOINTER_TO_UINT (data);
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "bench", "v3-only.xml", NULL);
  g_autofree char *thread_count = g_strdup_printf ("%u", threads);
  const char *with[] = { scenario, "--runs", "10", "--format", "json", "--stats", "--threads", thread_count, NULL };
  const char *without[] = { scenario, "--runs", "10", "--format", "json", NULL };
  const char *locales[] = { "C", "de_DE.UTF-8" };
  g_autofree char *plain_out = NULL, *plain_err = NULL;
  g_assert_cmpint (run_cli ("C", without, &plain_out, &plain_err), ==, 0);
  g_assert_cmpstr (plain_err, ==, "");
  for (guint l = 0; l < G_N_ELEMENTS (locales); l++) {
    g_autofree char *out = NULL, *err = NULL;
    g_assert_cmpint (run_cli (locales[l], with, &out, &err), ==, 0);
    g_assert_cmpstr (out, ==, plain_out);   /* --stats changes nothing on stdout */
    /* 10 runs x 60 months x the 28 components of v3.0 = 16,800 */
    g_assert_true (g_str_has_prefix (err, "phasecast: stats: 16800 component-months in "));
    g_autofree char *pattern = g_strconcat ("^phasecast: stats: 16800 component-months in [0-9]+\\.[0-9]{3} s wall, "
                                            "[0-9]+\\.[0-9]{3} s CPU \\([0-9]+\\.[0-9] ns wall, [0-9]+\\.[0-9] ns CPU "
                                            "per component-month\\); peak RSS [0-9]+\\.[0-9] MiB",
                                            thread_part (threads), "\n$", NULL);
    g_autoptr (GRegex) line = g_regex_new (pattern, 0, 0, NULL);
    g_autoptr (GMatchInfo) match = NULL;
    if (!g_regex_match (line, err, 0, &match))
      g_error ("under LC_ALL=%s, --stats on %u threads printed: %s", locales[l], threads, err);
    if (threads > 1)
      assert_thread_runs (match, 10);
  }
}

static void
test_cli_stats_failure (void)
{
  g_autofree char *missing = g_test_build_filename (G_TEST_DIST, "data", "no-such-scenario.xml", NULL);
  const char *args[] = { missing, "--stats", NULL };
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint (run_cli ("C", args, &out, &err), ==, 1);
  g_assert_cmpstr (out, ==, "");
  g_assert_null (strstr (err, "stats:"));   /* no figures for a simulation that never ran */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/stats/component-months", test_component_months);
  g_test_add_data_func ("/stats/cli/1-thread", GUINT_TO_POINTER (1), test_cli_stats);
  g_test_add_data_func ("/stats/cli/2-threads", GUINT_TO_POINTER (2), test_cli_stats);
  g_test_add_func ("/stats/cli-failure", test_cli_stats_failure);
  return g_test_run ();
}
