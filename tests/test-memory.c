/* Memory does not grow with the number of runs: `phasecast run` keeps
 * constant-size summaries and streams runs to its exporters, so 20 times
 * the runs must not need more than 1.3 times the memory, with and without
 * an SQLite export of every run's months.  (Keeping the runs would add
 * about 38,000 x 12 months x 90 bytes = 41 MB to a process of about 10.) */
#include "testdb.h"

static void
assert_flat (PcWorld *world, const char *const *extra)
{
  double rss[2], seconds;
  const char *runs[] = { "2000", "40000" };
  for (guint r = 0; r < 2; r++) {
    g_autofree char *db = g_strdup_printf ("%s/runs-%s.db", world->dir, runs[r]);
    g_autoptr (GPtrArray) args = g_ptr_array_new ();
    const char *base[] = { "run", world->scenario, "--runs", runs[r], "--threads", "2" };
    for (guint i = 0; i < G_N_ELEMENTS (base); i++)
      g_ptr_array_add (args, (gpointer) base[i]);
    for (guint i = 0; extra && extra[i]; i++)
      g_ptr_array_add (args, g_str_equal (extra[i], "DB") ? db : (gpointer) extra[i]);
    g_ptr_array_add (args, NULL);
    rss[r] = pc_phasecast_peak_rss ((const char *const *) args->pdata, &seconds);
    g_test_message ("%s runs: peak RSS %.1f MiB", runs[r], rss[r]);
  }
  g_assert_cmpfloat (rss[1], <=, 1.3 * rss[0]);
}

static void
test_flat (void)
{
  g_test_summary ("phasecast run of the world: peak RSS at 40,000 runs within 1.3 x that at 2,000; the same with"
                  " --sqlite --detail months (every run's months written, none kept)");
#if defined(__SANITIZE_ADDRESS__)
  g_test_skip ("AddressSanitizer keeps freed memory in quarantine: RSS measures it, not phasecast");
  return;
#endif
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  assert_flat (world, NULL);
  const char *export[] = { "--sqlite", "DB", "--detail", "months", NULL };
  assert_flat (world, export);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/memory/flat-in-runs", test_flat);
  return g_test_run ();
}
