/* Benchmark: does memory stay flat in the number of runs, and how fast
 * does the SQLite export write?  Run with `meson test -C build --benchmark
 * -v bench-scale`; figures are printed, never asserted.
 *
 * Peak RSS: `phasecast run` of the baseline as a child process, 10,000 and
 * 1,000,000 runs (PHASECAST_BENCH_MAX_RUNS lowers the larger count for a
 * quick look), at its own 36 months and at 120 months (the same scenario
 * with a longer horizon), read from the child's rusage (ru_maxrss), with
 * the ratio of the two run counts.  Then the same for an export with
 * --sqlite --detail runs at 10,000 and 100,000 runs.
 *
 * Rows per second: a --detail months export of the baseline on one thread,
 * timed inside the export (wall and the thread's CPU time; the simulation
 * itself is not counted), and a --detail runs export. */
#include "testdb.h"

#include <glib/gstdio.h>

/* The baseline with @months months, in @dir (its roadmap by absolute path). */
static char *
baseline_with_horizon (const char *dir, guint months)
{
  g_autofree char *source = pc_test_scenario ("baseline.xml");
  g_autofree char *roadmap = g_test_build_filename (G_TEST_DIST, "..", "data", "roadmaps", "seed.xml", NULL);
  g_autofree char *text = NULL, *absolute = g_canonicalize_filename (roadmap, NULL);
  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  g_autofree char *horizon = g_strdup_printf ("horizon-months=\"%u\"", months);
  g_autofree char *href = g_strdup_printf ("href=\"%s\"", absolute);
  g_auto (GStrv) a = g_strsplit (text, "horizon-months=\"36\"", 2);
  g_autofree char *b = g_strjoinv (horizon, a);
  g_auto (GStrv) c = g_strsplit (b, "href=\"../data/roadmaps/seed.xml\"", 2);
  g_autofree char *scenario = g_strjoinv (href, c);
  g_assert_nonnull (strstr (scenario, horizon));
  char *path = g_strdup_printf ("%s/baseline-%u.xml", dir, months);
  g_assert_true (g_file_set_contents (path, scenario, -1, NULL));
  return path;
}

static guint
max_runs (void)
{
  const char *text = g_getenv ("PHASECAST_BENCH_MAX_RUNS");
  return text ? (guint) g_ascii_strtoull (text, NULL, 10) : 1000000;
}

static void
bench_memory (void)
{
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  const guint horizons[] = { 36, 120 };
  const guint runs[] = { 10000, max_runs () };
  for (guint h = 0; h < G_N_ELEMENTS (horizons); h++) {
    g_autofree char *scenario = baseline_with_horizon (world->dir, horizons[h]);
    double rss[2];
    for (guint r = 0; r < 2; r++) {
      g_autofree char *n = g_strdup_printf ("%u", runs[r]);
      const char *args[] = { "run", scenario, "--runs", n, "--format", "json", "--months", NULL };
      double seconds;
      rss[r] = pc_phasecast_peak_rss (args, &seconds);
      g_test_message ("phasecast run, baseline, %u months, %u runs: peak RSS %.1f MiB (%.0f s)", horizons[h], runs[r],
                      rss[r], seconds);
    }
    g_test_message ("  %u months: peak RSS at %u runs / at %u runs = %.3f", horizons[h], runs[1], runs[0],
                    rss[1] / rss[0]);
  }
}

static void
bench_export_memory (void)
{
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  g_autofree char *scenario = pc_test_scenario ("baseline.xml");
  const char *runs[] = { "10000", "100000" };
  double rss[2];
  for (guint r = 0; r < 2; r++) {
    g_autofree char *path = g_strdup_printf ("%s/runs-%s.db", world->dir, runs[r]);
    const char *args[] = { "run", scenario, "--runs", runs[r], "--sqlite", path, "--detail", "runs", NULL };
    double seconds;
    rss[r] = pc_phasecast_peak_rss (args, &seconds);
    g_test_message ("phasecast run --sqlite --detail runs, baseline, %s runs: peak RSS %.1f MiB (%.0f s)", runs[r],
                    rss[r], seconds);
  }
  g_test_message ("  ratio %.3f", rss[1] / rss[0]);
}

static void
export_rate (const PcModel *model, const char *path, guint runs, PcExportDetail detail)
{
  g_autoptr (GError) error = NULL;
  PcSimulateOptions options = { .runs = runs, .threads = 1 };
  PcSqliteOptions sqlite = { detail, FALSE };
  g_autoptr (PcSqliteExport) exporter = pc_sqlite_export_new (path, model, &options, &sqlite, &error);
  g_assert_no_error (error);
  PcRunSink *sinks[] = { pc_sqlite_export_sink (exporter) };
  options.sinks = sinks;
  options.n_sinks = 1;
  g_autoptr (PcReport) report = pc_simulate (model, &options, &error);
  g_assert_no_error (error);
  guint64 rows;
  double seconds, cpu;
  pc_sqlite_export_stats (exporter, &rows, &seconds, &cpu);
  GStatBuf st;
  g_assert_cmpint (g_stat (path, &st), ==, 0);
  g_test_message ("export --detail %s, baseline, %u runs: %" G_GUINT64_FORMAT " rows in %.3f s (%.3f s CPU):"
                  " %.0f rows/s (%.0f rows per CPU second); %.1f MB, %.0f bytes a row",
                  pc_export_detail_name (detail), runs, rows, seconds, cpu, rows / seconds, rows / cpu,
                  st.st_size / 1e6, (double) st.st_size / rows);
}

static void
bench_export_rate (void)
{
  g_autofree char *scenario = pc_test_scenario ("baseline.xml");
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) model = pc_model_new (scenario, NULL, host, &error);
  g_assert_no_error (error);
  g_autofree char *months = pc_world_path (world, "months.db"), *runs = pc_world_path (world, "runs.db");
  export_rate (model, months, 500, PC_EXPORT_MONTHS);
  export_rate (model, runs, 20000, PC_EXPORT_RUNS);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bench/export/rows-per-second", bench_export_rate);
  g_test_add_func ("/bench/export/peak-rss", bench_export_memory);
  g_test_add_func ("/bench/run/peak-rss", bench_memory);
  return g_test_run ();
}
