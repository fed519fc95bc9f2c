/* Shards and merge: the runs of one simulation split K mod N over separate
 * exports (in this process, as GNU parallel jobs of the phasecast program,
 * and as a Slurm array job when a cluster is there) and merged back give the report of one process running every
 * run, byte for byte, and a merged database whose report tables and
 * summaries equal that process's; parts that are not one simulation are
 * refused, each with its reason. */
#include "testdb.h"

#include "pc-sqlite.h"

/* A shard export of @model: runs K mod N of @runs, into @path. */
static void
export_shard (const PcModel *model, const char *path, guint runs, guint64 seed, guint shard, guint n_shards)
{
  g_autoptr (GError) error = NULL;
  PcSimulateOptions options = { .runs = runs, .seed = seed, .seed_set = TRUE, .threads = 2, .shard = shard,
                                .n_shards = n_shards };
  PcSqliteOptions sqlite = { PC_EXPORT_RUNS, FALSE };
  g_autoptr (PcSqliteExport) exporter = pc_sqlite_export_new (path, model, &options, &sqlite, &error);
  g_assert_no_error (error);
  PcRunSink *sinks[] = { pc_sqlite_export_sink (exporter) };
  options.sinks = sinks;
  options.n_sinks = 1;
  g_autoptr (PcReport) report = pc_simulate (model, &options, &error);
  g_assert_no_error (error);
}

/* Rows of @table (ordered by @order) in export 1 of @a and of @b are
 * equal in every column but export_id. */
static void
assert_same_rows (sqlite3 *a, sqlite3 *b, const char *table, const char *order)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s ORDER BY %s", table, order);
  sqlite3_stmt *sa = NULL, *sb = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (a, sql, -1, &sa, NULL), ==, SQLITE_OK);
  g_assert_cmpint (sqlite3_prepare_v2 (b, sql, -1, &sb, NULL), ==, SQLITE_OK);
  guint rows = 0;
  int rc;
  while ((rc = sqlite3_step (sa)) == SQLITE_ROW) {
    g_assert_cmpint (sqlite3_step (sb), ==, SQLITE_ROW);
    for (int c = 1; c < sqlite3_column_count (sa); c++) {
      g_assert_cmpint (sqlite3_column_type (sa, c), ==, sqlite3_column_type (sb, c));
      g_assert_cmpmem (sqlite3_column_blob (sa, c), sqlite3_column_bytes (sa, c), sqlite3_column_blob (sb, c),
                       sqlite3_column_bytes (sb, c));
    }
    rows++;
  }
  g_assert_cmpint (rc, ==, SQLITE_DONE);
  g_assert_cmpint (sqlite3_step (sb), ==, SQLITE_DONE);
  g_assert_cmpuint (rows, >, 0);
  g_test_message ("%s: %u equal rows", table, rows);
  sqlite3_finalize (sa);
  sqlite3_finalize (sb);
}

static void
test_merge_in_process (void)
{
  g_test_summary ("The baseline, 61 runs in 3 shards exported apart and merged: JSON (with months) and table equal"
                  " one process's byte for byte; the merged database's report tables, month counts and sketches"
                  " equal that process's export; its per-run rows are every run's once");
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  g_autoptr (PcModel) model = pc_test_model ("baseline.xml");
  g_autofree char *one = pc_world_path (world, "one.db");
  gint64 id;
  g_autoptr (PcReport) single = pc_export (model, one, 61, 3, PC_EXPORT_RUNS, FALSE, &id);
  g_auto (GStrv) parts = g_new0 (char *, 4);
  for (guint k = 0; k < 3; k++)
    parts[k] = g_strdup_printf ("%s/p%u.db", world->dir, k);
  for (guint k = 0; k < 3; k++)
    export_shard (model, parts[k], 61, 3, k, 3);
  g_autofree char *all = pc_world_path (world, "all.db");
  PcMergeOptions options = { all, NULL, FALSE };
  g_autoptr (PcModel) merged_model = NULL;
  g_autoptr (GError) error = NULL;
  g_autoptr (PcReport) merged = pc_sqlite_merge ((const char *const *) parts, pc_test_host (), &options, &merged_model,
                                                 &error);
  g_assert_no_error (error);
  for (PcFormat format = PC_FORMAT_TABLE; format <= PC_FORMAT_JSON; format++) {
    g_autofree char *a = pc_report_render (single, format, TRUE, PC_TABLE_MONTHS);
    g_autofree char *b = pc_report_render (merged, format, TRUE, PC_TABLE_MONTHS);
    g_assert_cmpstr (a, ==, b);
  }
  sqlite3 *a = pc_db_open (one), *b = pc_db_open (all);
  assert_same_rows (a, b, "phase", "phase_index");
  assert_same_rows (a, b, "indicator", "indicator_index");
  assert_same_rows (a, b, "component", "phase_index, component_index");
  assert_same_rows (a, b, "month", "month");
  assert_same_rows (a, b, "month_line", "line");
  assert_same_rows (a, b, "month_count", "summary, idx, month");
  assert_same_rows (a, b, "summary_sketch", "summary, idx");
  assert_same_rows (a, b, "run_phase", "run_index, phase");
  assert_same_rows (a, b, "run_indicator", "run_index, phase, id");
  g_assert_cmpint (pc_db_int (b, "SELECT count(DISTINCT run_index) FROM run"), ==, 61);
  g_assert_cmpint (pc_db_int (b, "SELECT runs FROM export"), ==, 61);
  sqlite3_close (a), sqlite3_close (b);
}

/* Merging @parts must fail with @why in the message. */
static void
assert_merge_refused (PcWorld *world, const char *const *parts, const char *scenario, const char *why)
{
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *all = pc_world_path (world, "refused.db");
  PcMergeOptions options = { all, scenario, FALSE };
  g_autoptr (PcModel) model = NULL;
  g_autoptr (PcReport) report = pc_sqlite_merge (parts, host, &options, &model, &error);
  g_assert_null (report);
  g_assert_null (model);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, why));
  g_assert_false (g_file_test (all, G_FILE_TEST_EXISTS));
}

static void
test_merge_refusals (void)
{
  g_test_summary ("Refused: a missing shard, a shard given twice, parts of another seed, a part drawn with"
                  " another generator, and a scenario whose file changed since the parts were simulated (SHA-256)");
  g_autoptr (PcWorld) world = pc_world_new (12, 1, NULL);
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (PcModel) model = pc_world_model (world, host);
  g_autofree char *p0 = pc_world_path (world, "p0.db"), *p1 = pc_world_path (world, "p1.db");
  g_autofree char *other = pc_world_path (world, "other-seed.db");
  g_autofree char *older = pc_world_path (world, "other-generator.db");
  export_shard (model, p0, 12, 1, 0, 2);
  export_shard (model, p1, 12, 1, 1, 2);
  export_shard (model, other, 12, 2, 1, 2);
  export_shard (model, older, 12, 1, 1, 2);
  sqlite3 *db = pc_db_open (older);   /* as a build drawing from GSL's mt19937 wrote it */
  g_assert_cmpint (sqlite3_exec (db, "UPDATE export SET rng = 'mt19937'", NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
  const char *missing[] = { p0, NULL }, *twice[] = { p0, p0, NULL }, *seeds[] = { p0, other, NULL };
  const char *generators[] = { p0, older, NULL }, *good[] = { p0, p1, NULL };
  assert_merge_refused (world, missing, NULL, "shard 1 of 2 is missing");
  assert_merge_refused (world, twice, NULL, "shard 0 of 2 is also in");
  assert_merge_refused (world, seeds, NULL, "has seed 2");
  assert_merge_refused (world, generators, NULL, "has generator mt19937, but");
  g_autofree char *changed = pc_world_path (world, "changed.xml");
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (world->scenario, &text, NULL, NULL));
  g_autofree char *edited = g_strconcat (text, "<!-- edited -->\n", NULL);
  g_assert_true (g_file_set_contents (changed, edited, -1, NULL));
  assert_merge_refused (world, good, changed, "SHA-256");
}

/* Seeds that a double or a signed 64-bit integer cannot hold as they are:
 * shards of seed 2^64 - 1 merge into one process's report, byte for byte;
 * parts of seeds 2^63 and 2^64 - 1, or 2^53 and 2^53 + 1, are refused,
 * each seed named with every digit. */
static void
test_merge_big_seeds (void)
{
  g_test_summary ("Shards of seed 2^64 - 1 merge into the report (table and JSON) of one process with that seed;"
                  " parts of seeds 2^63 and 2^64 - 1, and of 2^53 and 2^53 + 1, are refused naming both seeds");
  g_autoptr (PcWorld) world = pc_world_new (12, 1, NULL);
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (PcModel) model = pc_world_model (world, host);
  g_autofree char *p0 = pc_world_path (world, "p0.db"), *p1 = pc_world_path (world, "p1.db");
  export_shard (model, p0, 12, G_MAXUINT64, 0, 2);
  export_shard (model, p1, 12, G_MAXUINT64, 1, 2);
  g_autofree char *all = pc_world_path (world, "all.db");
  const char *parts[] = { p0, p1, NULL };
  PcMergeOptions options = { all, NULL, FALSE };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) merged_model = NULL;
  g_autoptr (PcReport) merged = pc_sqlite_merge (parts, host, &options, &merged_model, &error);
  g_assert_no_error (error);
  PcSimulateOptions single_options = { .runs = 12, .seed = G_MAXUINT64, .seed_set = TRUE, .threads = 1 };
  g_autoptr (PcReport) single = pc_simulate (model, &single_options, &error);
  g_assert_no_error (error);
  for (PcFormat format = PC_FORMAT_TABLE; format <= PC_FORMAT_JSON; format++) {
    g_autofree char *a = pc_report_render (single, format, TRUE, PC_TABLE_MONTHS);
    g_autofree char *b = pc_report_render (merged, format, TRUE, PC_TABLE_MONTHS);
    g_assert_cmpstr (b, ==, a);
  }
  const struct { guint64 a, b; const char *why; } pairs[] = {
    { G_MAXUINT64, G_GUINT64_CONSTANT (1) << 63, "has seed 9223372036854775808, but " },
    { (G_GUINT64_CONSTANT (1) << 53) + 1, G_GUINT64_CONSTANT (1) << 53, "has seed 9007199254740992, but " },
  };
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++) {
    g_autofree char *a = g_strdup_printf ("%s/a%u.db", world->dir, i), *b = g_strdup_printf ("%s/b%u.db", world->dir, i);
    export_shard (model, a, 12, pairs[i].a, 0, 2);
    export_shard (model, b, 12, pairs[i].b, 1, 2);
    const char *mixed[] = { a, b, NULL };
    assert_merge_refused (world, mixed, NULL, pairs[i].why);
  }
}

/* ---- GNU parallel, as docs/shards.md runs it ---- */

static char *
find_program (const char *name)
{
  char *path = g_find_program_in_path (name);
  if (path == NULL)
    g_error ("%s is not installed (Debian: apt-get install %s); .ci/run installs it", name, name);
  return path;
}

/* Merges part-0.db .. part-3.db of @world with the phasecast program and
 * compares the table and the JSON with one process running all @runs. */
static void
assert_merge_is_single (PcWorld *world, const char *scenario, const char *runs, const char *seed)
{
  g_autofree char *all = pc_world_path (world, "all.db");
  g_auto (GStrv) parts = g_new0 (char *, 5);
  for (guint k = 0; k < 4; k++)
    parts[k] = g_strdup_printf ("%s/part-%u.db", world->dir, k);
  for (guint f = 0; f < 2; f++) {
    const char *format = f ? "json" : "table";
    const char *merge[] = { "merge", parts[0], parts[1], parts[2], parts[3], "-o", all, "--format", format, "--months", NULL };
    const char *single[] = { "run", scenario, "--runs", runs, "--seed", seed, "--format", format, "--months", NULL };
    g_autofree char *merged = NULL, *one = NULL;
    g_assert_cmpint (pc_run_phasecast (merge, &merged, NULL), ==, 0);
    g_assert_cmpint (pc_run_phasecast (single, &one, NULL), ==, 0);
    g_assert_cmpstr (merged, ==, one);
  }
}

static void
spawn_and_wait (const char *const *argv, const char *const *envp)
{
  g_autoptr (GError) error = NULL;
  int status = 0;
  g_spawn_sync (NULL, (char **) argv, (char **) envp, G_SPAWN_STDOUT_TO_DEV_NULL, NULL, NULL, NULL, NULL, &status,
                &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, &error));
}

static void
test_gnu_parallel (void)
{
  g_test_summary ("phasecast run --shard {}/4 as 4 GNU parallel jobs, then phasecast merge: the table and the JSON"
                  " (with months) are byte for byte those of one phasecast run of all 80 runs");
  g_autofree char *parallel = find_program ("parallel");
  g_autofree char *scenario = pc_test_scenario ("baseline.xml");
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  g_autofree char *part = pc_world_path (world, "part-{}.db");
  const char *jobs[] = { parallel, "--will-cite", "--halt", "now,fail=1", "--jobs", "4", g_getenv ("PHASECAST_EXE"),
                         "run", scenario, "--runs", "80", "--seed", "9", "--threads", "1", "--shard", "{}/4",
                         "--sqlite", part, ":::", "0", "1", "2", "3", NULL };
  spawn_and_wait (jobs, NULL);
  assert_merge_is_single (world, scenario, "80", "9");
}

static void
test_slurm (void)
{
  g_test_summary ("tools/shards/slurm-array.sbatch as a 4-task Slurm array job (sbatch --array=0-3), then phasecast"
                  " merge: byte for byte one process's table and JSON.  Needs a cluster: PHASECAST_SLURM_CONF");
  const char *conf = g_getenv ("PHASECAST_SLURM_CONF");
  if (conf == NULL) {
    g_test_skip ("no Slurm cluster: set PHASECAST_SLURM_CONF (.ci/run starts one with tests/slurm/one-node.sh)");
    return;
  }
  g_autofree char *sbatch = find_program ("sbatch");
  g_autofree char *scenario = pc_test_scenario ("baseline.xml");
  g_autofree char *script = g_test_build_filename (G_TEST_DIST, "..", "tools", "shards", "slurm-array.sbatch", NULL);
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  g_autofree char *log = pc_world_path (world, "slurm-%a.log");
  g_auto (GStrv) env = g_get_environ ();
  const char *const vars[][2] = { { "SLURM_CONF", conf }, { "SCENARIO", scenario }, { "RUNS", "80" }, { "SEED", "9" },
                                  { "PARTS", world->dir }, { "PHASECAST", g_getenv ("PHASECAST_EXE") } };
  for (guint i = 0; i < G_N_ELEMENTS (vars); i++)
    env = g_environ_setenv (env, vars[i][0], vars[i][1], TRUE);
  const char *job[] = { sbatch, "--wait", "--array=0-3", "--output", log, script, NULL };
  spawn_and_wait (job, (const char *const *) env);
  assert_merge_is_single (world, scenario, "80", "9");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/shards/merge/in-process", test_merge_in_process);
  g_test_add_func ("/shards/merge/refusals", test_merge_refusals);
  g_test_add_func ("/shards/merge/big-seeds", test_merge_big_seeds);
  g_test_add_func ("/shards/gnu-parallel", test_gnu_parallel);
  g_test_add_func ("/shards/slurm", test_slurm);
  return g_test_run ();
}
