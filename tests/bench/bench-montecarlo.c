/* Benchmark: 10,000 futures of the baseline scenario (36 months, 27-odd
 * components a month) on 1 thread and on every processor.  Prints the
 * times; asserts only that both give the same report byte for byte (speed
 * is shown, never asserted).  Run with `meson test -C build --benchmark -v`. */
#include "testlib.h"

static char *
simulate_timed (const PcModel *model, guint runs, guint threads, double *seconds)
{
  g_autoptr (GError) error = NULL;
  PcSimulateOptions options = { .runs = runs, .threads = threads };
  gint64 start = g_get_monotonic_time ();
  g_autoptr (PcReport) report = pc_simulate (model, &options, &error);
  *seconds = (g_get_monotonic_time () - start) / 1e6;
  g_assert_no_error (error);
  return pc_report_render (report, PC_FORMAT_JSON, TRUE, PC_TABLE_MONTHS);
}

static void
bench_baseline (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "scenarios", "baseline.xml", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (PcModel) model = pc_model_new (path, NULL, host, &error);
  g_assert_no_error (error);
  guint runs = 10000, cpus = g_get_num_processors ();
  double one = 0, all = 0;
  g_autofree char *a = simulate_timed (model, runs, 1, &one);
  g_autofree char *b = simulate_timed (model, runs, cpus, &all);
  g_test_message ("baseline, %u runs x %u months: %.3f s on 1 thread (%.1f us/run), %.3f s on %u threads",
                  runs, model->scenario->horizon_months, one, one * 1e6 / runs, all, cpus);
  g_assert_cmpstr (a, ==, b);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/bench/montecarlo/baseline-10000", bench_baseline);
  return g_test_run ();
}
