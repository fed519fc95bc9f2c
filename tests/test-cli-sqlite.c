/* The command line of the export: `phasecast run --sqlite` twice into one
 * file, an export in AUD with GST next to one in USD, two processes
 * exporting to one file at once, a failing run (exit 1, one line, nothing
 * written), usage errors (exit 2) and refusals (exit 1, file untouched), as
 * a user meets them; and the component table's means within their own
 * ranges in the table, JSON, CSV and SQLite. */
#include "testdb.h"

#include <json-glib/json-glib.h>
#include <libxml/parser.h>
#include <libxml/xpath.h>
#include <sys/wait.h>

static const char *const views[] = { "phase_summary", "trigger_percentiles", "monthly_cost_by_component",
                                     "cost_vs_roadmap" };

static void
test_twice (void)
{
  g_test_summary ("phasecast run scenarios/baseline.xml --runs 50 --seed 1 --sqlite x.db, twice: two exports in"
                  " one file, each seen by all four views; the printed report is the one without --sqlite");
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  g_autofree char *scenario = pc_test_scenario ("baseline.xml");
  g_autofree char *path = pc_world_path (world, "x.db");
  const char *with[] = { "run", scenario, "--runs", "50", "--seed", "1", "--sqlite", path, NULL };
  const char *without[] = { "run", scenario, "--runs", "50", "--seed", "1", NULL };
  g_autofree char *plain = NULL, *first = NULL, *second = NULL, *note = NULL;
  g_assert_cmpint (pc_run_phasecast (without, &plain, NULL), ==, 0);
  g_assert_cmpint (pc_run_phasecast (with, &first, &note), ==, 0);
  g_autofree char *second_note = NULL;
  g_assert_cmpint (pc_run_phasecast (with, &second, &second_note), ==, 0);
  g_assert_nonnull (strstr (second_note, "export 2"));
  g_assert_cmpstr (first, ==, plain);
  g_assert_cmpstr (second, ==, plain);
  g_assert_nonnull (strstr (note, "export 1"));
  sqlite3 *db = pc_db_open (path);
  g_assert_cmpint (pc_db_int (db, "SELECT count(*) FROM export"), ==, 2);
  g_assert_cmpint (pc_db_int (db, "SELECT count(*) FROM sqlite_schema WHERE type = 'view'"), >=, 3);
  for (guint v = 0; v < G_N_ELEMENTS (views); v++)
    g_assert_cmpint (pc_db_int (db, "SELECT count(DISTINCT export_id) FROM %s", views[v]), ==, 2);
  /* what the table prints as v1.5's P50 cost, the view holds */
  g_assert_cmpint (pc_db_int (db, "SELECT count(*) FROM phase_summary WHERE phase = 'v1.5' AND runs = 50"), ==, 2);
  sqlite3_close (db);
}

/* A number in data/fx/rates.xml, read here with XPath rather than through
 * currency.c, so the test does not trust the code it checks. */
static double
rates_number (const char *xpath)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "data", "fx", "rates.xml", NULL);
  xmlDoc *doc = xmlReadFile (path, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  xmlXPathContext *context = xmlXPathNewContext (doc);
  xmlXPathObject *result = xmlXPathEvalExpression (BAD_CAST xpath, context);
  g_assert_nonnull (result);
  double value = result->floatval;
  xmlXPathFreeObject (result);
  xmlXPathFreeContext (context);
  xmlFreeDoc (doc);
  g_assert_true (isfinite (value) && value > 0);
  return value;
}

/* Asserts that every row of column @column of export 2's money table is
 * export 1's times @factor (relative 1e-9; NULL where export 1 has NULL);
 * returns the rows compared. */
static guint
assert_money_scaled (sqlite3 *db, const char *column, double factor)
{
  g_autofree char *sql = g_strdup_printf ("SELECT a.%s, b.%s FROM money a JOIN money b ON b.period_index = a.period_index"
                                          " WHERE a.export_id = 1 AND b.export_id = 2", column, column);
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  guint rows = 0;
  for (; sqlite3_step (stmt) == SQLITE_ROW; rows++) {
    g_test_message ("%s, row %u", column, rows);
    g_assert_cmpint (sqlite3_column_type (stmt, 1), ==, sqlite3_column_type (stmt, 0));
    if (sqlite3_column_type (stmt, 0) == SQLITE_NULL)
      continue;
    double want = sqlite3_column_double (stmt, 0) * factor;
    g_assert_cmpfloat_with_epsilon (sqlite3_column_double (stmt, 1), want, MAX (1e-9, fabs (want) * 1e-9));
  }
  sqlite3_finalize (stmt);
  return rows;
}

static void
test_currency (void)
{
  g_test_summary ("The baseline, 20 runs, exported in USD and then with --currency AUD --gst into one file: the"
                  " AUD export's currency row is AUD at 1 / usd-per-unit of data/fx/rates.xml with its GST rate,"
                  " as JSON says; each of its 9 money rows (the horizon, calendar years 2025-2028, FY2025-26 to"
                  " FY2028-29) is the USD export's with costs x rate x (1 + GST), revenue x rate and the cost"
                  " share x (1 + GST); the _usd columns stay USD; the printed report is the one without --sqlite");
  double rate = 1 / rates_number ("number(/exchange-rates/rate[@currency='AUD']/@usd-per-unit)");
  double gst = rates_number ("number(/exchange-rates/tax[@id='gst']/@rate)");
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  g_autofree char *scenario = pc_test_scenario ("baseline.xml");
  g_autofree char *path = pc_world_path (world, "money.db");
  const char *usd[] = { "run", scenario, "--runs", "20", "--seed", "1", "--sqlite", path, NULL };
  const char *aud[] = { "run", scenario, "--runs", "20", "--seed", "1", "--currency", "AUD", "--gst",
                        "--format", "json", "--sqlite", path, NULL };
  const char *printed[] = { "run", scenario, "--runs", "20", "--seed", "1", "--currency", "AUD", "--gst",
                            "--format", "json", NULL };
  g_autofree char *json = NULL, *plain = NULL;
  g_assert_cmpint (pc_run_phasecast (usd, NULL, NULL), ==, 0);
  g_assert_cmpint (pc_run_phasecast (aud, &json, NULL), ==, 0);
  g_assert_cmpint (pc_run_phasecast (printed, &plain, NULL), ==, 0);
  g_assert_cmpstr (json, ==, plain);
  g_assert_nonnull (strstr (json, "\"currency\" : \"AUD\""));
  sqlite3 *db = pc_db_open (path);
  g_autofree char *code = pc_db_text (db, "SELECT currency FROM currency WHERE export_id = 2");
  g_autofree char *period_code = pc_db_text (db, "SELECT group_concat (DISTINCT currency) FROM money WHERE export_id = 2");
  g_assert_cmpstr (code, ==, "AUD");
  g_assert_cmpstr (period_code, ==, "AUD");
  g_assert_cmpfloat_with_epsilon (pc_db_double (db, "SELECT exchange_rate_per_usd FROM currency WHERE export_id = 2"),
                                  rate, rate * 1e-12);
  g_assert_cmpfloat (pc_db_double (db, "SELECT gst_rate FROM currency WHERE export_id = 2"), ==, gst);
  g_assert_cmpfloat (pc_db_double (db, "SELECT gst_rate FROM currency WHERE export_id = 1"), ==, 0);
  const char *const percentiles[] = { "_p10", "_p50", "_p90" };
  for (guint k = 0; k < G_N_ELEMENTS (percentiles); k++) {
    g_autofree char *cost = g_strconcat ("cost", percentiles[k], NULL);
    g_autofree char *revenue = g_strconcat ("revenue", percentiles[k], NULL);
    g_autofree char *per_customer = g_strconcat ("cost_per_customer_month", percentiles[k], NULL);
    g_autofree char *per_user = g_strconcat ("cost_per_user_month", percentiles[k], NULL);
    g_autofree char *share = g_strconcat ("cost_share_of_revenue", percentiles[k], NULL);
    g_assert_cmpuint (assert_money_scaled (db, cost, rate * (1 + gst)), ==, 9);
    g_assert_cmpuint (assert_money_scaled (db, revenue, rate), ==, 9);
    g_assert_cmpuint (assert_money_scaled (db, per_customer, rate * (1 + gst)), ==, 9);
    g_assert_cmpuint (assert_money_scaled (db, per_user, rate * (1 + gst)), ==, 9);
    g_assert_cmpuint (assert_money_scaled (db, share, 1 + gst), ==, 9);
  }
  /* the horizon's cost is not zero, so the comparison above compared something */
  g_assert_cmpfloat (pc_db_double (db, "SELECT cost_p50 FROM money WHERE export_id = 1 AND kind = 'horizon'"), >, 0);
  g_assert_cmpint (pc_db_int (db, "SELECT count(*) FROM month a JOIN month b ON b.month = a.month WHERE a.export_id = 1"
                              " AND b.export_id = 2 AND a.cost_usd = b.cost_usd AND a.revenue_usd = b.revenue_usd"), ==, 36);
  sqlite3_close (db);
}

/* A component's mean over its months lies within their lowest and highest
 * (@where names the format and row); counts the rows checked in @n and
 * those whose months all cost the same in @flat. */
static void
assert_mean_in_range (double mean, double low, double high, const char *where, guint *n, guint *flat)
{
  g_test_message ("%s: %.17g in [%.17g, %.17g]", where, mean, low, high);
  g_assert_cmpfloat (low, <=, mean);
  g_assert_cmpfloat (mean, <=, high);
  (*n)++;
  *flat += low == high;
}

/* The table's component rows: "  NAME (PLUGIN)   MEAN  MIN-MAX ...". */
static guint
table_component_means (const char *table, guint *flat)
{
  g_autoptr (GRegex) row = g_regex_new ("^  \\S.*\\) +([0-9]+\\.[0-9]{2})  ([0-9]+\\.[0-9]{2})-([0-9]+\\.[0-9]{2}) ",
                                        G_REGEX_MULTILINE, 0, NULL);
  g_autoptr (GMatchInfo) match = NULL;
  guint n = 0;
  for (g_regex_match (row, table, 0, &match); g_match_info_matches (match); g_match_info_next (match, NULL)) {
    g_autofree char *line = g_match_info_fetch (match, 0);
    double v[3];
    for (int k = 0; k < 3; k++) {
      g_autofree char *number = g_match_info_fetch (match, k + 1);
      v[k] = g_ascii_strtod (number, NULL);
    }
    assert_mean_in_range (v[0], v[1], v[2], line, &n, flat);
  }
  return n;
}

static guint
json_component_means (const char *json, guint *flat)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = json_from_string (json, &error);
  g_assert_no_error (error);
  JsonArray *phases = json_object_get_array_member (json_node_get_object (root), "phases");
  guint n = 0;
  for (guint p = 0; p < json_array_get_length (phases); p++) {
    JsonArray *components = json_object_get_array_member (json_array_get_object_element (phases, p), "components");
    for (guint c = 0; c < json_array_get_length (components); c++) {
      JsonObject *o = json_array_get_object_element (components, c);
      if (json_object_get_null_member (o, "mean_usd"))
        continue;   /* the median run never entered the phase */
      assert_mean_in_range (json_object_get_double_member (o, "mean_usd"), json_object_get_double_member (o, "min_usd"),
                            json_object_get_double_member (o, "max_usd"), json_object_get_string_member (o, "name"), &n,
                            flat);
    }
  }
  return n;
}

/* --table components: mean_usd, min_usd and max_usd are its 5th to 7th columns. */
static guint
csv_component_means (const char *csv, guint *flat)
{
  g_auto (GStrv) lines = g_strsplit (csv, "\r\n", -1);
  g_assert_true (g_str_has_prefix (lines[0], "phase,name,plugin,region,mean_usd,min_usd,max_usd,"));
  guint n = 0;
  for (guint i = 1; lines[i] && *lines[i]; i++) {
    g_auto (GStrv) cells = g_strsplit (lines[i], ",", -1);
    if (*cells[4] == '\0')
      continue;
    assert_mean_in_range (g_ascii_strtod (cells[4], NULL), g_ascii_strtod (cells[5], NULL),
                          g_ascii_strtod (cells[6], NULL), lines[i], &n, flat);
  }
  return n;
}

static guint
sqlite_component_means (const char *path, guint *flat)
{
  sqlite3 *db = pc_db_open (path);
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (db, "SELECT phase || ' ' || name, mean_usd, min_usd, max_usd FROM component"
                                       " WHERE mean_usd IS NOT NULL", -1, &stmt, NULL), ==, SQLITE_OK);
  guint n = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW)
    assert_mean_in_range (sqlite3_column_double (stmt, 1), sqlite3_column_double (stmt, 2),
                          sqlite3_column_double (stmt, 3), (const char *) sqlite3_column_text (stmt, 0), &n, flat);
  sqlite3_finalize (stmt);
  sqlite3_close (db);
  return n;
}

static void
test_component_means (void)
{
  g_test_summary ("The baseline, 20 runs: in the table, JSON, CSV (--table components) and SQLite, every component's"
                  " mean monthly cost lies within its lowest and highest month, also where all its months cost"
                  " the same (dr-nat's 47.015 a month, whose sum over the months divided by their number came out"
                  " 47.01499999999999 and was printed 47.01 beside a range 47.02-47.02)");
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  g_autofree char *scenario = pc_test_scenario ("baseline.xml");
  g_autofree char *path = pc_world_path (world, "components.db");
  const char *table[] = { "run", scenario, "--runs", "20", "--seed", "1", "--sqlite", path, NULL };
  const char *json[] = { "run", scenario, "--runs", "20", "--seed", "1", "--format", "json", NULL };
  const char *csv[] = { "run", scenario, "--runs", "20", "--seed", "1", "--format", "csv", "--table", "components", NULL };
  g_autofree char *table_out = NULL, *json_out = NULL, *csv_out = NULL;
  g_assert_cmpint (pc_run_phasecast (table, &table_out, NULL), ==, 0);
  g_assert_cmpint (pc_run_phasecast (json, &json_out, NULL), ==, 0);
  g_assert_cmpint (pc_run_phasecast (csv, &csv_out, NULL), ==, 0);
  guint flat[4] = { 0 };
  guint n[4] = { table_component_means (table_out, &flat[0]), json_component_means (json_out, &flat[1]),
                 csv_component_means (csv_out, &flat[2]), sqlite_component_means (path, &flat[3]) };
  g_assert_nonnull (strstr (table_out, "dr-nat (nat-gateway)"));
  for (guint f = 0; f < G_N_ELEMENTS (n); f++) {
    g_test_message ("format %u: %u components, %u with every month alike", f, n[f], flat[f]);
    g_assert_cmpuint (n[f], ==, n[0]);
    g_assert_cmpuint (n[f], >, 20);   /* the four phases run well over 20 components between them */
    g_assert_cmpuint (flat[f], >, 0);
  }
}

/* Starts an export of @runs runs with @seed into @path; its stderr goes to
 * @path.SEED.err. */
static GPid
spawn_export (const char *scenario, const char *path, guint runs, const char *seed)
{
  g_autofree char *command = g_strdup_printf ("exec \"$0\" run \"$1\" --runs %u --seed %s --threads 1 --sqlite \"$2\""
                                              " --detail runs > /dev/null 2> \"$2.%s.err\"", runs, seed, seed);
  const char *argv[] = { "/bin/sh", "-c", command, g_getenv ("PHASECAST_EXE"), scenario, path, NULL };
  g_autoptr (GError) error = NULL;
  GPid pid = 0;
  g_spawn_async (NULL, (char **) argv, NULL, G_SPAWN_DO_NOT_REAP_CHILD, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  return pid;
}

/* Waits for @pid, which must exit 0; else shows its stderr. */
static void
assert_exits_0 (GPid pid, const char *path, const char *seed)
{
  int status = 0;
  g_assert_cmpint (waitpid (pid, &status, 0), ==, pid);
  g_spawn_close_pid (pid);
  g_autofree char *log = g_strdup_printf ("%s.%s.err", path, seed), *text = NULL;
  g_file_get_contents (log, &text, NULL, NULL);
  g_test_message ("seed %s: %s", seed, text ? text : "");
  g_assert_true (WIFEXITED (status));
  g_assert_cmpint (WEXITSTATUS (status), ==, 0);
}

static void
test_concurrent (void)
{
  g_test_summary ("Two processes export 400 runs each to one new file at the same time: both exit 0, both"
                  " exports are there with all their runs, PRAGMA integrity_check is ok.  Then four short exports"
                  " started at once on another new file (they race to create it and switch it to WAL): four exports");
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  g_autofree char *scenario = pc_test_scenario ("baseline.xml");
  g_autofree char *path = pc_world_path (world, "shared.db"), *race = pc_world_path (world, "race.db");
  GPid a = spawn_export (scenario, path, 400, "1"), b = spawn_export (scenario, path, 400, "2");
  assert_exits_0 (a, path, "1");
  assert_exits_0 (b, path, "2");
  sqlite3 *db = pc_db_open (path);
  g_autofree char *check = pc_db_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (pc_db_int (db, "SELECT count(*) FROM export"), ==, 2);
  g_assert_cmpint (pc_db_int (db, "SELECT count(DISTINCT seed) FROM export"), ==, 2);
  g_assert_cmpint (pc_db_int (db, "SELECT count(*) FROM run"), ==, 2 * 400);
  sqlite3_close (db);
  const char *seeds[] = { "1", "2", "3", "4" };
  GPid pids[G_N_ELEMENTS (seeds)];
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    pids[i] = spawn_export (scenario, race, 2, seeds[i]);
  for (guint i = 0; i < G_N_ELEMENTS (seeds); i++)
    assert_exits_0 (pids[i], race, seeds[i]);
  db = pc_db_open (race);
  g_assert_cmpint (pc_db_int (db, "SELECT count(*) FROM export"), ==, 4);
  sqlite3_close (db);
}

/* The one line of stderr (asserts there is exactly one). */
static void
assert_one_line (const char *err, const char *what)
{
  g_test_message ("stderr: %s", err);
  g_assert_true (g_str_has_prefix (err, "phasecast: "));
  g_assert_nonnull (strstr (err, what));
  g_assert_cmpint (strchr (err, '\n') - err, ==, (long) strlen (err) - 1);
}

static void
test_failing_run (void)
{
  g_test_summary ("A plugin that fails at month 3 of every run: exit 1, one line naming the component and the"
                  " month, and the file keeps its one earlier export and nothing else");
  g_autoptr (PcWorld) world = pc_world_new (20, 1,
    "<component name=\"flaky\" plugin=\"fail-at\"><set name=\"month\">3</set></component>");
  g_autoptr (PcWorld) calm = pc_world_new (5, 1, NULL);
  g_autofree char *path = pc_world_path (world, "x.db");
  const char *good[] = { "run", calm->scenario, "--sqlite", path, "--detail", "months", NULL };
  const char *bad[] = { "run", world->scenario, "--sqlite", path, "--detail", "months", NULL };
  g_autofree char *good_note = NULL;
  g_assert_cmpint (pc_run_phasecast (good, NULL, &good_note), ==, 0);
  sqlite3 *db = pc_db_open (path);
  gint64 rows = pc_db_all_rows (db);
  g_autofree char *err = NULL;
  g_assert_cmpint (pc_run_phasecast (bad, NULL, &err), ==, 1);
  assert_one_line (err, "component \"flaky\" (plugin fail-at), month 3: failing on purpose at month 3");
  g_assert_cmpint (pc_db_all_rows (db), ==, rows);
  g_assert_cmpint (pc_db_int (db, "SELECT count(*) FROM export"), ==, 1);
  sqlite3_close (db);
}

static void
test_usage (void)
{
  g_test_summary ("Usage errors exit 2: --detail lots, --replace without --sqlite, --shard 4/4, --shard x,"
                  " --table lines without CSV, merge without -o or without parts");
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  const char *s = world->scenario;
  const char *const cases[][8] = {
    { "run", s, "--sqlite", "x.db", "--detail", "lots", NULL },
    { "run", s, "--replace", NULL },
    { "run", s, "--shard", "4/4", NULL },
    { "run", s, "--shard", "x", NULL },
    { "run", s, "--table", "lines", NULL },
    { "merge", "a.db", NULL },
    { "merge", "-o", "all.db", NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *err = NULL;
    g_assert_cmpint (pc_run_phasecast (cases[i], NULL, &err), ==, 2);
    g_assert_true (g_str_has_prefix (err, "phasecast: "));
  }
}

static void
test_refusals (void)
{
  g_test_summary ("A file that is not SQLite: run --sqlite exits 1 with one line and leaves it as it was;"
                  " merge of a part that does not exist exits 1 with one line");
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  g_autofree char *path = pc_world_path (world, "notes.txt");
  const char *notes = "dear diary\n";
  g_assert_true (g_file_set_contents (path, notes, -1, NULL));
  const char *run[] = { "run", world->scenario, "--sqlite", path, NULL };
  g_autofree char *err = NULL, *after = NULL, *merge_err = NULL;
  g_assert_cmpint (pc_run_phasecast (run, NULL, &err), ==, 1);
  assert_one_line (err, "left untouched");
  g_assert_true (g_file_get_contents (path, &after, NULL, NULL));
  g_assert_cmpstr (after, ==, notes);
  g_autofree char *missing = pc_world_path (world, "missing.db"), *all = pc_world_path (world, "all.db");
  const char *merge[] = { "merge", missing, "-o", all, NULL };
  g_assert_cmpint (pc_run_phasecast (merge, NULL, &merge_err), ==, 1);
  assert_one_line (merge_err, "no such file");
}

static void
test_csv_lines (void)
{
  g_test_summary ("--format csv --table lines: the median run's cost lines.  In the world, months 0-5 have one"
                  " line each (lines 0-5), month 6 two (6, 7), so month 7's are lines 8 and 9: 7 x 30,416.67"
                  " requests = 212.9166667 thousand at $1, and the $100 base");
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  const char *argv[] = { "run", world->scenario, "--format", "csv", "--table", "lines", NULL };
  g_autofree char *out = NULL;
  g_assert_cmpint (pc_run_phasecast (argv, &out, NULL), ==, 0);
  g_assert_true (g_str_has_prefix (out, "run_index,month,line,component,item,quantity,unit,cost_usd,price_key\r\n"));
  g_assert_nonnull (strstr (out, "\r\n0,7,8,svc,requests,212.9166667,1000 requests,212.9166667,\r\n"));
  g_assert_nonnull (strstr (out, "\r\n0,7,9,svc,base,1,month,100,\r\n"));
}

static void
test_merge_with_catalog (void)
{
  g_test_summary ("Shards run with --catalog (a price override): merge without it is refused (the catalogs' SHA-256"
                  " differ), merge with it prints one process's report with --catalog, byte for byte");
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  g_autofree char *scenario = pc_test_scenario ("baseline.xml");
  g_autofree char *extra = g_test_build_filename (G_TEST_DIST, "data", "prices", "override.xml", NULL);
  g_autofree char *p0 = pc_world_path (world, "p0.db"), *p1 = pc_world_path (world, "p1.db");
  g_autofree char *all = pc_world_path (world, "all.db");
  const char *parts[] = { p0, p1 };
  for (guint k = 0; k < 2; k++) {
    g_autofree char *shard = g_strdup_printf ("%u/2", k);
    const char *run[] = { "run", scenario, "--runs", "12", "--seed", "3", "--catalog", extra, "--shard", shard,
                          "--sqlite", parts[k], NULL };
    g_assert_cmpint (pc_run_phasecast (run, NULL, NULL), ==, 0);
  }
  const char *without[] = { "merge", p0, p1, "-o", all, NULL };
  g_autofree char *err = NULL, *merged = NULL, *one = NULL;
  g_assert_cmpint (pc_run_phasecast (without, NULL, &err), ==, 1);
  assert_one_line (err, "SHA-256");
  const char *with[] = { "merge", p0, p1, "-o", all, "--catalog", extra, "--format", "json", NULL };
  const char *single[] = { "run", scenario, "--runs", "12", "--seed", "3", "--catalog", extra, "--format", "json", NULL };
  g_assert_cmpint (pc_run_phasecast (with, &merged, NULL), ==, 0);
  g_assert_cmpint (pc_run_phasecast (single, &one, NULL), ==, 0);
  g_assert_cmpstr (merged, ==, one);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/sqlite/twice", test_twice);
  g_test_add_func ("/cli/sqlite/currency", test_currency);
  g_test_add_func ("/cli/components/mean-in-range", test_component_means);
  g_test_add_func ("/cli/sqlite/concurrent", test_concurrent);
  g_test_add_func ("/cli/sqlite/failing-run", test_failing_run);
  g_test_add_func ("/cli/usage", test_usage);
  g_test_add_func ("/cli/refusals", test_refusals);
  g_test_add_func ("/cli/csv/lines", test_csv_lines);
  g_test_add_func ("/cli/merge/catalog", test_merge_with_catalog);
  return g_test_run ();
}
