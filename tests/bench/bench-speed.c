/* bench-speed.c - issue 18's speed figures, printed by one run of
 * `meson test -C build --benchmark -v`, after a line naming the build
 * (meson's buildtype and b_pgo: tools/build-pgo.sh makes the trained one):
 *   1. the fused reference loop (fused.c) and phasecast on one thread, on
 *      the baseline (10,000 runs x 36 months): ns per component-month each
 *      and their ratio (target <= 2);
 *   2. instructions per component-month by callgrind, when valgrind is
 *      installed (target <= 800): two runs of `phasecast run` with
 *      different run counts (400 and 1,000), so what does not grow with the
 *      runs (reading the inputs, the runway's runs, the report) cancels out;
 *   3. 10,000 runs x 60 months of the seed's v3.0 component set
 *      (v3-only.xml) on 1 and 2 threads, and the speed-up (targets
 *      <= 0.6 s on 2 threads, >= 1.8x); beside it the fused loop's own
 *      speed-up on the same runs, what this machine's two cores give a
 *      loop that shares nothing.
 * Each time is the median of 5 trials, interleaved so that other load on
 * the machine falls on both sides alike; CPU time (user + system, all
 * threads) is printed beside wall time.  Nothing about time is asserted:
 * what is asserted is that every trial renders the same report byte for
 * byte, on any thread count, and that v3-only.xml is the seed's v3.0. */
#include "testlib.h"

#include "fused.h"

#include <glib/gstdio.h>
#include <string.h>

#define TRIALS 5
#define BASELINE_RUNS 10000
#define V3_RUNS 10000

#define MAX_THREADS 2

typedef struct {
  double wall[TRIALS], cpu[TRIALS];
  double run_us[TRIALS][MAX_THREADS];   /* CPU time per run on each thread (pc_stats_thread_*) */
  guint64 component_months;
} Timings;

static int
compare_doubles (gconstpointer a, gconstpointer b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x > y) - (x < y);
}

static double
median (const double values[TRIALS])
{
  double sorted[TRIALS];
  memcpy (sorted, values, sizeof sorted);
  qsort (sorted, TRIALS, sizeof (double), compare_doubles);
  return sorted[TRIALS / 2];
}

static PcModel *
load_model (const char *first, ...) G_GNUC_NULL_TERMINATED;

/* The model of the scenario at the path @first... below the source tree
 * (G_TEST_SRCDIR/.., which meson sets). */
static PcModel *
load_model (const char *first, ...)
{
  static PcHost *host;
  if (host == NULL)
    host = pc_host_new (NULL);   /* kept for the whole benchmark, as plugins must outlive models */
  va_list args;
  va_start (args, first);
  g_autofree char *tail = g_build_filename_valist (first, &args);
  va_end (args);
  g_autofree char *path = g_build_filename (g_getenv ("G_TEST_SRCDIR"), "..", tail, NULL);
  g_autoptr (GError) error = NULL;
  PcModel *model = pc_model_new (path, NULL, host, &error);
  g_assert_no_error (error);
  return model;
}

/* One timed simulation; returns its report as JSON with months. */
static char *
simulate (const PcModel *model, guint runs, guint threads, Timings *timings, guint trial)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStats) stats = pc_stats_start (model);
  PcRunSink *sinks[] = { pc_stats_sink (stats) };
  PcSimulateOptions options = { .runs = runs, .threads = threads, .sinks = sinks, .n_sinks = 1, .stats = stats };
  g_autoptr (PcReport) report = pc_simulate (model, &options, &error);
  pc_stats_stop (stats);
  g_assert_no_error (error);
  timings->wall[trial] = pc_stats_wall_seconds (stats);
  timings->cpu[trial] = pc_stats_cpu_seconds (stats);
  g_assert_cmpuint (threads, <=, MAX_THREADS);
  g_assert_cmpuint (pc_stats_n_threads (stats), ==, threads);
  for (guint t = 0; t < threads; t++)
    timings->run_us[trial][t] = pc_stats_thread_cpu_seconds (stats, t) * 1e6 / MAX (pc_stats_thread_runs (stats, t), 1);
  timings->component_months = pc_stats_component_months (stats);
  return pc_report_render (report, PC_FORMAT_JSON, TRUE, PC_TABLE_MONTHS);
}

typedef struct {
  const FusedModel *fused;
  guint runs;
  gint *next;                   /* the next run to take, shared by the threads */
  guint64 component_months;
  double checksum;
} FusedShare;

/* The loop's count is kept on this thread's stack while it runs: the
 * shares sit side by side, and a count both threads add to every month
 * would bounce its cache line between the cores. */
static gpointer
fused_share_run (gpointer data)
{
  FusedShare *share = data;
  guint64 component_months = 0;
  share->checksum = fused_simulate_shared (share->fused, share->next, share->runs, &component_months);
  share->component_months = component_months;
  return NULL;
}

#define LOOP_MAX_THREADS MAX_THREADS

/* One timed pass of the fused loop over @runs runs on @threads threads
 * (the calling one and @threads - 1 more). */
static void
simulate_fused (const PcModel *model, const FusedModel *fused, guint runs, guint threads, Timings *timings,
                guint trial)
{
  g_assert_cmpuint (threads, >=, 1);
  g_assert_cmpuint (threads, <=, LOOP_MAX_THREADS);
  gint next = 0;
  FusedShare shares[LOOP_MAX_THREADS];
  GThread *workers[LOOP_MAX_THREADS];
  g_autoptr (PcStats) stats = pc_stats_start (model);
  for (guint t = 0; t < threads; t++) {
    shares[t] = (FusedShare) { .fused = fused, .runs = runs, .next = &next };
    if (t > 0)
      workers[t] = g_thread_new ("fused", fused_share_run, &shares[t]);
  }
  fused_share_run (&shares[0]);
  timings->component_months = shares[0].component_months;
  for (guint t = 1; t < threads; t++) {
    g_thread_join (workers[t]);
    timings->component_months += shares[t].component_months;
  }
  pc_stats_stop (stats);
  volatile double checksum = shares[0].checksum;
  (void) checksum;
  timings->wall[trial] = pc_stats_wall_seconds (stats);
  timings->cpu[trial] = pc_stats_cpu_seconds (stats);
}

static double
ns_per (const double seconds[TRIALS], guint64 component_months)
{
  return median (seconds) * 1e9 / (double) MAX (component_months, 1);
}

/* Each trial's ratio against the loop timed just before it: on a noisy
 * host their spread shows how far the ratio of the medians can be trusted. */
static void
trial_ratios (const Timings *phasecast, const Timings *loop, double *low, double *high)
{
  *low = INFINITY;
  *high = -INFINITY;
  for (guint trial = 0; trial < TRIALS; trial++) {
    double ratio = (phasecast->wall[trial] / (double) phasecast->component_months) /
                   (loop->wall[trial] / (double) loop->component_months);
    *low = MIN (*low, ratio);
    *high = MAX (*high, ratio);
  }
}

static void
bench_fused_ratio (void)
{
  g_autoptr (PcModel) model = load_model ("scenarios", "baseline.xml", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (FusedModel) fused = fused_model_new (model, &error);
  g_assert_no_error (error);
  Timings loop = { 0 }, phasecast = { 0 };
  g_autofree char *first = NULL;
  for (guint trial = 0; trial < TRIALS; trial++) {
    simulate_fused (model, fused, BASELINE_RUNS, 1, &loop, trial);
    g_autofree char *json = simulate (model, BASELINE_RUNS, 1, &phasecast, trial);
    if (first == NULL)
      first = g_steal_pointer (&json);
    else
      g_assert_cmpstr (json, ==, first);
  }
  g_test_message ("baseline, %u runs x %u months, 1 thread, medians of %d:", BASELINE_RUNS,
                  model->scenario->horizon_months, TRIALS);
  g_test_message ("  fused loop: %" G_GUINT64_FORMAT " component-months (%u load levels, %.2f lines each), "
                  "%.1f ns wall, %.1f ns CPU per component-month", loop.component_months, fused_n_levels (fused),
                  fused_lines_per_component_month (fused), ns_per (loop.wall, loop.component_months),
                  ns_per (loop.cpu, loop.component_months));
  g_test_message ("  phasecast:  %" G_GUINT64_FORMAT " component-months (with the runway's runs: the first %d runs "
                  "again on every phase), %.3f s wall, %.1f ns wall, %.1f ns CPU "
                  "per component-month", phasecast.component_months, PC_RUNWAY_RUNS, median (phasecast.wall),
                  ns_per (phasecast.wall, phasecast.component_months), ns_per (phasecast.cpu, phasecast.component_months));
  g_test_message ("  ratio phasecast / fused loop: %.2f wall, %.2f CPU (target <= 2)",
                  ns_per (phasecast.wall, phasecast.component_months) / ns_per (loop.wall, loop.component_months),
                  ns_per (phasecast.cpu, phasecast.component_months) / ns_per (loop.cpu, loop.component_months));
  double low, high;
  trial_ratios (&phasecast, &loop, &low, &high);
  g_test_message ("  ratio in each trial, against the loop timed just before it: %.2f to %.2f (wall)", low, high);
}

/* Runs @argv under callgrind, counting the instructions inside @function;
 * returns valgrind's and the program's stderr (transfer full). */
static char *
callgrind (const char *valgrind, const char *function, const char *const *argv, guint64 *instructions)
{
  g_autofree char *dir = g_dir_make_tmp ("bench-speed-XXXXXX", NULL);
  g_autofree char *out = g_build_filename (dir, "callgrind.out", NULL);
  g_autofree char *out_option = g_strconcat ("--callgrind-out-file=", out, NULL);
  g_autofree char *toggle_option = g_strconcat ("--toggle-collect=", function, NULL);
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_strv_builder_add_many (builder, valgrind, "--tool=callgrind", out_option, toggle_option, NULL);
  g_strv_builder_addv (builder, (const char **) argv);
  g_auto (GStrv) command = g_strv_builder_end (builder);
  char *err = NULL;
  int status = 0;
  g_autoptr (GError) error = NULL;
  g_spawn_sync (NULL, command, NULL, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, &err, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  const char *collected = strstr (err, "Collected : ");
  g_assert_nonnull (collected);
  *instructions = g_ascii_strtoull (collected + strlen ("Collected : "), NULL, 10);
  g_remove (out);
  g_rmdir (dir);
  return err;
}

/* Instructions of `phasecast run` inside pc_simulate(), and the
 * component-months its --stats line gives. */
static void
count_phasecast (const char *valgrind, const char *scenario, guint runs, guint64 *instructions,
                 guint64 *component_months)
{
  g_autofree char *runs_arg = g_strdup_printf ("%u", runs);
  const char *argv[] = { g_getenv ("PHASECAST_EXE"), "run", scenario, "--runs", runs_arg, "--threads", "1",
                         "--stats", "--format", "json", NULL };
  g_autofree char *err = callgrind (valgrind, "pc_simulate", argv, instructions);
  const char *stats = strstr (err, "stats: ");
  g_assert_nonnull (stats);
  *component_months = g_ascii_strtoull (stats + strlen ("stats: "), NULL, 10);
}

/* Instructions of this program's fused loop (--fused-runs, see main()). */
static void
count_fused (const char *valgrind, const char *self, guint runs, guint64 *instructions, guint64 *component_months)
{
  g_autofree char *runs_arg = g_strdup_printf ("%u", runs);
  const char *argv[] = { self, "--fused-runs", runs_arg, NULL };
  g_autofree char *err = callgrind (valgrind, "fused_simulate", argv, instructions);
  const char *line = strstr (err, "fused: ");
  g_assert_nonnull (line);
  *component_months = g_ascii_strtoull (line + strlen ("fused: "), NULL, 10);
}

typedef void (*CountFunc) (const char *valgrind, const char *subject, guint runs, guint64 *instructions,
                           guint64 *component_months);

/* Instructions per component-month: the difference of two counts over the
 * difference of their component-months, so fixed costs cancel.  Both counts
 * are above PC_RUNWAY_RUNS: the first PC_RUNWAY_RUNS runs are also simulated
 * once per phase for the runway (report.c), a fixed cost that cancels only
 * when both run counts include all of it. */
static double
per_component_month (CountFunc count, const char *valgrind, const char *subject, const char *name)
{
  guint64 instructions[2], component_months[2];
  const guint runs[2] = { 2 * PC_RUNWAY_RUNS, 5 * PC_RUNWAY_RUNS };
  for (guint i = 0; i < 2; i++)
    count (valgrind, subject, runs[i], &instructions[i], &component_months[i]);
  g_assert_cmpuint (component_months[1], >, component_months[0]);
  g_assert_cmpuint (instructions[1], >, instructions[0]);
  g_test_message ("  %s: %" G_GUINT64_FORMAT " instructions for %u runs (%" G_GUINT64_FORMAT " component-months), %"
                  G_GUINT64_FORMAT " for %u runs (%" G_GUINT64_FORMAT ")", name, instructions[0], runs[0],
                  component_months[0], instructions[1], runs[1], component_months[1]);
  return (double) (instructions[1] - instructions[0]) / (double) (component_months[1] - component_months[0]);
}

static const char *self_path;

static void
bench_instructions (void)
{
  g_autofree char *valgrind = g_find_program_in_path ("valgrind");
  if (valgrind == NULL) {
    g_test_skip ("valgrind is not installed: no instruction count (apt-get install valgrind)");
    return;
  }
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "..", "scenarios", "baseline.xml", NULL);
  g_test_message ("baseline under callgrind, 1 thread:");
  double phasecast = per_component_month (count_phasecast, valgrind, scenario, "phasecast (in pc_simulate)");
  double fused = per_component_month (count_fused, valgrind, self_path, "fused loop (in fused_simulate)");
  g_test_message ("  instructions per component-month: phasecast %.0f (target <= 800), fused loop %.0f", phasecast,
                  fused);
}

/* A component's settings after inheritance, name -> value (later wins). */
static GHashTable *
settings_of (const PcComponentDecl *decl)
{
  GHashTable *settings = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < decl->settings->len; i++) {
    const PcSetting *setting = decl->settings->pdata[i];
    g_hash_table_insert (settings, setting->name, setting->value);
  }
  return settings;
}

static void
assert_same_settings (const PcComponentDecl *a, const PcComponentDecl *b)
{
  g_autoptr (GHashTable) left = settings_of (a);
  g_autoptr (GHashTable) right = settings_of (b);
  g_assert_cmpuint (g_hash_table_size (left), ==, g_hash_table_size (right));
  GHashTableIter iter;
  gpointer name, value;
  g_hash_table_iter_init (&iter, left);
  while (g_hash_table_iter_next (&iter, &name, &value))
    g_assert_cmpstr (value, ==, g_hash_table_lookup (right, name));
}

/* v3-only.xml's one phase holds exactly the seed's v3.0 components. */
static void
assert_seed_v3 (const PcModel *v3)
{
  g_autoptr (PcModel) seed = load_model ("scenarios", "baseline.xml", NULL);
  const PcPhasePlan *want = &seed->phases[seed->n_phases - 1], *got = &v3->phases[0];
  g_assert_cmpstr (want->decl->id, ==, "v3.0");
  g_assert_cmpuint (v3->n_phases, ==, 1);
  g_assert_cmpuint (got->n_components, ==, want->n_components);
  for (guint c = 0; c < want->n_components; c++) {
    const PcComponentDecl *a = want->components[c].decl, *b = got->components[c].decl;
    g_assert_cmpstr (a->name, ==, b->name);
    g_assert_cmpstr (a->plugin, ==, b->plugin);
    g_assert_cmpstr (a->region, ==, b->region);
    g_assert_cmpint (a->standby, ==, b->standby);
    assert_same_settings (a, b);
  }
}

/* Each thread's CPU time per run, trial by trial: both threads take runs
 * from one queue, so a gap between them is the cores' speed (the host) or
 * what the threads share, not the runs (docs/speed.md, "Figures"). */
static void
print_thread_speeds (const Timings *one, const Timings *two)
{
  g_autoptr (GString) trials = g_string_new (NULL);
  double lowest = G_MAXDOUBLE, highest = 0;
  for (guint trial = 0; trial < TRIALS; trial++) {
    double a = two->run_us[trial][0], b = two->run_us[trial][1];
    g_string_append_printf (trials, "%s%.0f | %.0f and %.0f", trial ? "; " : "", one->run_us[trial][0], a, b);
    lowest = MIN (lowest, MAX (a, b) / MIN (a, b));
    highest = MAX (highest, MAX (a, b) / MIN (a, b));
  }
  g_test_message ("  CPU us per run, each trial, 1 thread | each of 2 threads: %s", trials->str);
  g_test_message ("  the slower of the 2 threads over the faster, per run: %.2f to %.2f", lowest, highest);
}

static void
bench_v3_threads (void)
{
  g_autoptr (PcModel) model = load_model ("tests", "bench", "v3-only.xml", NULL);
  assert_seed_v3 (model);
  g_autoptr (GError) error = NULL;
  g_autoptr (FusedModel) fused = fused_model_new (model, &error);
  g_assert_no_error (error);
  Timings one = { 0 }, two = { 0 }, loop_one = { 0 }, loop_two = { 0 };
  g_autofree char *first = NULL;
  for (guint trial = 0; trial < TRIALS; trial++) {
    g_autofree char *a = simulate (model, V3_RUNS, 1, &one, trial);
    g_autofree char *b = simulate (model, V3_RUNS, 2, &two, trial);
    simulate_fused (model, fused, V3_RUNS, 1, &loop_one, trial);
    simulate_fused (model, fused, V3_RUNS, 2, &loop_two, trial);
    g_assert_cmpstr (a, ==, b);
    if (first == NULL)
      first = g_steal_pointer (&a);
    else
      g_assert_cmpstr (a, ==, first);
  }
  g_assert_cmpuint (loop_one.component_months, ==, loop_two.component_months);
  g_test_message ("v3.0 component set (%u components), %u runs x %u months = %" G_GUINT64_FORMAT
                  " component-months, medians of %d; reports byte-identical on 1 and 2 threads:",
                  model->phases[0].n_components, V3_RUNS, model->scenario->horizon_months, one.component_months, TRIALS);
  g_test_message ("  1 thread:  %.3f s wall, %.3f s CPU (%.1f ns wall per component-month)", median (one.wall),
                  median (one.cpu), ns_per (one.wall, one.component_months));
  g_test_message ("  2 threads: %.3f s wall, %.3f s CPU (target <= 0.6 s wall)", median (two.wall), median (two.cpu));
  double speed_up = median (one.wall) / median (two.wall);
  double loop_speed_up = median (loop_one.wall) / median (loop_two.wall);
  g_test_message ("  speed-up: %.2fx (target >= 1.8x)", speed_up);
  g_test_message ("  the fused loop on the same runs and threads, timed in the same trials: %.3f s on 1 thread, "
                  "%.3f s on 2, speed-up %.2fx; phasecast's is %.2f of it", median (loop_one.wall),
                  median (loop_two.wall), loop_speed_up, speed_up / loop_speed_up);
  g_test_message ("  CPU time on 2 threads over 1 thread (1.00 if two cores did the work of one in half the "
                  "time): phasecast %.2f, fused loop %.2f", median (two.cpu) / median (one.cpu),
                  median (loop_two.cpu) / median (loop_one.cpu));
  print_thread_speeds (&one, &two);
}

/* `bench-speed --fused-runs N`: only the fused loop over N runs of the
 * baseline, for callgrind; prints "fused: COMPONENT-MONTHS" on stderr. */
static int
fused_only (guint runs)
{
  g_autoptr (PcModel) model = load_model ("scenarios", "baseline.xml", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (FusedModel) fused = fused_model_new (model, &error);
  g_assert_no_error (error);
  guint64 component_months = 0;
  volatile double checksum = fused_simulate (fused, runs, &component_months);
  (void) checksum;
  g_printerr ("fused: %" G_GUINT64_FORMAT "\n", component_months);
  return 0;
}

/* The CPU's name as Linux gives it ("model name" in /proc/cpuinfo), or
 * "unknown": the same code's ratio to the loop differs between hosts
 * (docs/speed.md, "Figures"), so every printout says which one it is. */
static char *
cpu_model (void)
{
  g_autofree char *info = NULL;
  if (!g_file_get_contents ("/proc/cpuinfo", &info, NULL, NULL))
    return g_strdup ("unknown");
  g_auto (GStrv) lines = g_strsplit (info, "\n", -1);
  for (char **line = lines; *line; line++) {
    const char *colon = strchr (*line, ':');
    if (g_str_has_prefix (*line, "model name") && colon)
      return g_strstrip (g_strdup (colon + 1));
  }
  return g_strdup ("unknown");
}

int
main (int argc, char **argv)
{
  self_path = argv[0];
  if (argc == 3 && g_str_equal (argv[1], "--fused-runs"))
    return fused_only ((guint) g_ascii_strtoull (argv[2], NULL, 10));
  g_test_init (&argc, &argv, NULL);
  g_autofree char *cpu = cpu_model ();
  g_test_message ("build: %s (phasecast and the fused loop alike); CPU: %s, %u threads available", BENCH_BUILD, cpu,
                  g_get_num_processors ());
  g_test_add_func ("/bench/speed/fused-loop-ratio", bench_fused_ratio);
  g_test_add_func ("/bench/speed/instructions", bench_instructions);
  g_test_add_func ("/bench/speed/v3-threads", bench_v3_threads);
  return g_test_run ();
}
