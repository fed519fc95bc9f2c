/* The SQLite export (export-sqlite.c) read back with SQLite: row counts
 * worked out from the world's shape, costs that add up (line items to
 * components to months) and equal hand-worked figures, every figure equal
 * to the JSON report's under the same name, CSV columns named as SQLite
 * columns, appending, --replace, rollback of a failing simulation,
 * refusal of files that are not ours (left byte for byte), and the
 * migration of a version-1 and of a version-2 file. */
#include "testdb.h"

#include "pc-sqlite.h"

#include <json-glib/json-glib.h>

/* Money: a relative 1e-9, or 1e-9 USD near zero. */
#define assert_money(got, want) \
  g_assert_cmpfloat_with_epsilon ((got), (want), MAX (1e-9, fabs ((double) (want)) * 1e-9))

/* $1 per 1,000 requests of 10 users x 100 requests a day over 730 / 24
 * days, per customer: 10 x 100 x 730 / 24 / 1000 USD. */
#define USD_PER_CUSTOMER (10 * 100 * 730.0 / 24 / 1000)

static void
test_row_counts (void)
{
  g_test_summary ("The world, 3 runs, --detail months: every table has the rows its shape implies");
  g_autoptr (PcWorld) world = pc_world_new (3, 1, NULL);
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (PcModel) model = pc_world_model (world, host);
  g_autofree char *path = pc_world_path (world, "x.db");
  gint64 id;
  g_autoptr (PcReport) report = pc_export (model, path, 3, 1, PC_EXPORT_MONTHS, FALSE, &id);
  sqlite3 *db = pc_db_open (path);
  const struct { const char *table; gint64 rows; } expected[] = {
    { "export_input", 4 },          /* scenario, roadmap, aws-ap-southeast-2.xml, saas.xml */
    { "phase", 2 }, { "indicator", 1 },
    { "component", 2 },             /* svc in phase a and in phase b, both reached */
    { "month", 12 }, { "month_component", 12 },
    { "month_line", 12 + 6 },       /* a requests line every month, a base line in months 6-11 */
    { "run", 3 }, { "run_phase", 3 * 2 }, { "run_indicator", 3 * 1 }, { "run_month", 3 * 12 },
    { "run_month_component", 3 * 12 }, { "run_month_line", 3 * 18 },
    /* all runs alike: b decided at 5; a entered at 0, b at 6; the indicator
       first holds at 5, holds when b is decided, at 5, and is the last of
       b's indicators to hold, at 5 (a is never decided: no row; b never
       waited for a; no budget, so nothing over it; no runway items) */
    { "month_count", 1 + 2 + 1 + 1 + 1 },
    /* downtime, cost and costliest month of 2 phases, the indicator's value
       in 12 months, 4 bands x 12 months, the run totals, and 5 money
       figures for each of the 4 periods (the horizon 2026-01..2026-12, the
       calendar year 2026, FY2025-26 and FY2026-27) */
    { "summary_sketch", 3 * 2 + 12 + 4 * 12 + 1 + 5 * 4 },
    { "currency", 1 }, { "money", 4 },
    { "indicator_month", 1 * 12 },      /* the indicator's value, month by month */
  };
  g_assert_cmpint (pc_db_int (db, "SELECT count(*) FROM export"), ==, 1);
  for (guint i = 0; i < G_N_ELEMENTS (expected); i++) {
    g_test_message ("%s", expected[i].table);
    g_assert_cmpint (pc_db_rows (db, expected[i].table, id), ==, expected[i].rows);
  }
  g_assert_cmpint (pc_db_int (db, "SELECT count(*) FROM month_count WHERE summary = 'indicator.fired'"), ==, 0 + 1);
  g_assert_cmpint (pc_db_int (db, "SELECT runs FROM month_count WHERE summary = 'phase.entered' AND idx = 1 "
                              "AND month = 6"), ==, 3);
  sqlite3_close (db);
}

/* Asserts each row of @sql: column 0 equals column 1 as money; returns the
 * number of rows. */
static guint
assert_pairs (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  guint n = 0;
  while (sqlite3_step (stmt) == SQLITE_ROW) {
    assert_money (sqlite3_column_double (stmt, 0), sqlite3_column_double (stmt, 1));
    n++;
  }
  sqlite3_finalize (stmt);
  return n;
}

/* Line items add up to component costs, and those to the month's total,
 * for the median run's tables and for every run's. */
static void
assert_sums (sqlite3 *db, gint64 id, guint months_of_runs)
{
  g_autofree char *median_lines = g_strdup_printf (
    "SELECT sum (l.cost_usd), c.cost_usd FROM month_line l JOIN month_component c ON c.export_id = l.export_id "
    "AND c.month = l.month AND c.component = l.component WHERE l.export_id = %" G_GINT64_FORMAT
    " GROUP BY l.month, l.component", id);
  g_autofree char *median_components = g_strdup_printf (
    "SELECT sum (c.cost_usd), m.cost_usd FROM month_component c JOIN month m ON m.export_id = c.export_id "
    "AND m.month = c.month WHERE c.export_id = %" G_GINT64_FORMAT " GROUP BY c.month", id);
  g_autofree char *run_lines = g_strdup_printf (
    "SELECT sum (l.cost_usd), min (c.cost_usd) FROM run_month_line l JOIN run_month_component c "
    "ON c.export_id = l.export_id AND c.run_index = l.run_index AND c.month = l.month AND c.component = l.component "
    "WHERE l.export_id = %" G_GINT64_FORMAT " GROUP BY l.run_index, l.month, l.component", id);
  g_autofree char *run_components = g_strdup_printf (
    "SELECT sum (c.cost_usd), min (m.cost_usd) FROM run_month_component c JOIN run_month m "
    "ON m.export_id = c.export_id AND m.run_index = c.run_index AND m.month = c.month "
    "WHERE c.export_id = %" G_GINT64_FORMAT " GROUP BY c.run_index, c.month", id);
  g_assert_cmpuint (assert_pairs (db, median_lines), >, 0);
  g_assert_cmpuint (assert_pairs (db, median_components), ==, 36);
  g_assert_cmpuint (assert_pairs (db, run_lines), >, 0);
  g_assert_cmpuint (assert_pairs (db, run_components), ==, months_of_runs);
}

static void
test_sums_world (void)
{
  g_test_summary ("The world: month 7 costs 7 x 30.4167 (requests) + 100 (base) = 312.9167 USD in every table;"
                  " line items add to the component and to the month");
  g_autoptr (PcWorld) world = pc_world_new (2, 1, NULL);
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (PcModel) model = pc_world_model (world, host);
  g_autofree char *path = pc_world_path (world, "x.db");
  gint64 id;
  g_autoptr (PcReport) report = pc_export (model, path, 2, 1, PC_EXPORT_MONTHS, FALSE, &id);
  sqlite3 *db = pc_db_open (path);
  double month7 = 7 * USD_PER_CUSTOMER + 100;
  assert_money (pc_db_double (db, "SELECT cost_usd FROM month WHERE month = 7"), month7);
  assert_money (pc_db_double (db, "SELECT cost_usd FROM month_component WHERE month = 7"), month7);
  assert_money (pc_db_double (db, "SELECT sum (cost_usd) FROM month_line WHERE month = 7"), month7);
  assert_money (pc_db_double (db, "SELECT cost_usd FROM month_line WHERE month = 7 AND item = 'base'"), 100);
  assert_money (pc_db_double (db, "SELECT quantity FROM month_line WHERE month = 7 AND item = 'requests'"),
                7 * USD_PER_CUSTOMER);
  assert_money (pc_db_double (db, "SELECT cost_usd FROM run_month WHERE run_index = 1 AND month = 7"), month7);
  assert_money (pc_db_double (db, "SELECT sum (cost_usd) FROM run_month_line WHERE run_index = 1 AND month = 7"),
                month7);
  /* Phase b's months 6..11 in every run have 6, 7, 8, 9, 10, 10 customers: mean 50 / 6. */
  assert_money (pc_db_double (db, "SELECT monthly_cost_usd FROM run_phase WHERE run_index = 1 AND phase = 'b'"),
                (6 + 7 + 8 + 9 + 10 + 10) / 6.0 * USD_PER_CUSTOMER + 100);
  g_assert_cmpint (pc_db_int (db, "SELECT entered_month FROM run_phase WHERE run_index = 0 AND phase = 'b'"), ==, 6);
  g_assert_cmpint (pc_db_int (db, "SELECT fired_month FROM run_indicator WHERE run_index = 1"), ==, 5);
  sqlite3_close (db);
}

static void
test_sums_baseline (void)
{
  g_test_summary ("The baseline, 4 runs, --detail months: for the median run and every run, each component's line"
                  " items add to its cost and the components to the month's total (relative 1e-9)");
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  g_autoptr (PcModel) model = pc_test_model ("baseline.xml");
  g_autofree char *path = pc_world_path (world, "x.db");
  gint64 id;
  g_autoptr (PcReport) report = pc_export (model, path, 4, 1, PC_EXPORT_MONTHS, FALSE, &id);
  sqlite3 *db = pc_db_open (path);
  assert_sums (db, id, 4 * 36);
  sqlite3_close (db);
}

/* ---- the same figures under the same names as JSON ---- */

/* The current row of @stmt against JSON @object: every scalar member
 * (nested objects joined with '_') equals the column of that name; a null
 * object stands for columns under its prefix, all NULL.  Marks the
 * columns it saw in @seen. */
static void
assert_row_is_json (sqlite3_stmt *stmt, JsonObject *object, const char *prefix, gboolean *seen)
{
  g_autoptr (GList) members = json_object_get_members (object);
  for (GList *m = members; m; m = m->next) {
    JsonNode *node = json_object_get_member (object, m->data);
    g_autofree char *name = g_strconcat (prefix, m->data, NULL);
    if (JSON_NODE_HOLDS_ARRAY (node) || g_str_equal (name, "components_usd") || g_str_equal (name, "components"))
      continue;   /* other tables */
    if (JSON_NODE_HOLDS_OBJECT (node)) {
      g_autofree char *nested = g_strconcat (name, "_", NULL);
      assert_row_is_json (stmt, json_node_get_object (node), nested, seen);
      continue;
    }
    gboolean found = FALSE;
    for (int c = 0; c < sqlite3_column_count (stmt); c++) {
      const char *column = sqlite3_column_name (stmt, c);
      gboolean exact = g_str_equal (column, name);
      if (!exact && !(JSON_NODE_HOLDS_NULL (node) && g_str_has_prefix (column, name) && column[strlen (name)] == '_'))
        continue;
      found = seen[c] = TRUE;
      g_test_message ("column %s", column);
      if (JSON_NODE_HOLDS_NULL (node))
        g_assert_cmpint (sqlite3_column_type (stmt, c), ==, SQLITE_NULL);
      else if (json_node_get_value_type (node) == G_TYPE_STRING)
        g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, c), ==, json_node_get_string (node));
      else if (json_node_get_value_type (node) == G_TYPE_INT64)
        g_assert_cmpint (sqlite3_column_int64 (stmt, c), ==, json_node_get_int (node));
      else
        g_assert_cmpfloat (sqlite3_column_double (stmt, c), ==, json_node_get_double (node));
    }
    if (!found)
      g_error ("JSON member %s has no SQLite column", name);
  }
}

/* Compares the rows of @sql, in order, with the objects of @array; every
 * column but the @n_keys leading ones must have been a JSON member. */
static void
assert_rows_are_json (sqlite3 *db, const char *sql, JsonArray *array, int n_keys)
{
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  guint row = 0;
  for (; sqlite3_step (stmt) == SQLITE_ROW; row++) {
    g_autofree gboolean *seen = g_new0 (gboolean, sqlite3_column_count (stmt));
    g_assert_cmpuint (row, <, json_array_get_length (array));
    assert_row_is_json (stmt, json_array_get_object_element (array, row), "", seen);
    for (int c = n_keys; c < sqlite3_column_count (stmt); c++)
      if (!seen[c])
        g_error ("%s: column %s is not in the JSON report", sql, sqlite3_column_name (stmt, c));
  }
  g_assert_cmpuint (row, ==, json_array_get_length (array));
  sqlite3_finalize (stmt);
}

/* The elements of every phase's array @member, in phase order. */
static JsonArray *
phase_lists (JsonArray *phases, const char *member)
{
  JsonArray *all = json_array_new ();
  for (guint p = 0; p < json_array_get_length (phases); p++) {
    JsonArray *list = json_object_get_array_member (json_array_get_object_element (phases, p), member);
    for (guint i = 0; i < json_array_get_length (list); i++)
      json_array_add_element (all, json_array_dup_element (list, i));
  }
  return all;
}



static void
test_same_as_json (void)
{
  g_test_summary ("The baseline, 20 runs: the export row, every phase, indicator, runway, component and month row hold"
                  " the JSON report's values under its key paths ('.' -> '_'), and no column is missing from JSON");
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  g_autoptr (PcModel) model = pc_test_model ("baseline.xml");
  g_autofree char *path = pc_world_path (world, "x.db");
  gint64 id;
  g_autoptr (PcReport) report = pc_export (model, path, 20, 5, PC_EXPORT_SUMMARY, FALSE, &id);
  g_autofree char *text = pc_report_render (report, PC_FORMAT_JSON, TRUE, PC_TABLE_MONTHS);
  g_autoptr (GError) error = NULL;
  g_autoptr (JsonNode) root = json_from_string (text, &error);
  g_assert_no_error (error);
  JsonObject *json = json_node_get_object (root);
  JsonArray *phases = json_object_get_array_member (json, "phases");
  g_autoptr (JsonArray) scenario_rows = json_array_new ();
  json_array_add_object_element (scenario_rows, json_object_ref (json_object_get_object_member (json, "scenario")));
  g_autoptr (JsonArray) indicators = phase_lists (phases, "indicators");
  g_autoptr (JsonArray) components = phase_lists (phases, "components");
  g_autoptr (JsonArray) runway = phase_lists (phases, "runway");
  sqlite3 *db = pc_db_open (path);
  assert_rows_are_json (db, "SELECT name, region, start, horizon_months, runs, seed, roadmap, rng, median_run_run_index,"
                        " total_cost_usd_p10, total_cost_usd_p50, total_cost_usd_p90 FROM export", scenario_rows, 0);
  assert_rows_are_json (db, "SELECT * FROM phase ORDER BY phase_index", phases, 2);
  assert_rows_are_json (db, "SELECT * FROM indicator ORDER BY indicator_index", indicators, 2);
  assert_rows_are_json (db, "SELECT * FROM component ORDER BY phase_index, component_index", components, 3);
  assert_rows_are_json (db, "SELECT * FROM runway ORDER BY phase_index, runway_index", runway, 3);
  assert_rows_are_json (db, "SELECT * FROM month ORDER BY month", json_object_get_array_member (json, "months"), 1);
  sqlite3_close (db);
}

/* The header of CSV table @table, as a list of names. */
static char **
csv_header (const PcReport *report, PcCsvTable table)
{
  g_autofree char *csv = pc_report_render (report, PC_FORMAT_CSV, FALSE, table);
  char *end = strstr (csv, "\r\n");
  g_assert_nonnull (end);   /* the table has rows */
  *end = '\0';
  return g_strsplit (csv, ",", -1);
}

/* The SQLite table's columns after its @n_keys key columns are exactly
 * the CSV's @names (but those starting with @skip), as a set: columns a
 * later schema version added come last in SQLite (ALTER TABLE appends). */
static void
assert_columns_are (sqlite3 *db, const char *table, int n_keys, char **names, const char *skip)
{
  g_autofree char *sql = g_strdup_printf ("SELECT * FROM %s", table);
  sqlite3_stmt *stmt = NULL;
  g_assert_cmpint (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL), ==, SQLITE_OK);
  g_autoptr (GHashTable) columns = g_hash_table_new (g_str_hash, g_str_equal);
  for (int c = n_keys; c < sqlite3_column_count (stmt); c++)
    g_hash_table_add (columns, (gpointer) sqlite3_column_name (stmt, c));
  guint k = 0;
  for (guint i = 0; names[i]; i++) {
    if (skip && g_str_has_prefix (names[i], skip))
      continue;
    g_test_message ("column %s", names[i]);
    g_assert_true (g_hash_table_contains (columns, names[i]));
    k++;
  }
  g_assert_cmpuint (k, ==, g_hash_table_size (columns));
  sqlite3_finalize (stmt);
}

static void
test_same_as_csv (void)
{
  g_test_summary ("The baseline: each CSV table's columns are its SQLite table's, by name (months'"
                  " components_NAME columns are month_component rows)");
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  g_autoptr (PcModel) model = pc_test_model ("baseline.xml");
  g_autofree char *path = pc_world_path (world, "x.db");
  gint64 id;
  g_autoptr (PcReport) report = pc_export (model, path, 3, 1, PC_EXPORT_SUMMARY, FALSE, &id);
  sqlite3 *db = pc_db_open (path);
  g_auto (GStrv) phases = csv_header (report, PC_TABLE_PHASES);
  g_auto (GStrv) indicators = csv_header (report, PC_TABLE_INDICATORS);
  g_auto (GStrv) components = csv_header (report, PC_TABLE_COMPONENTS);
  g_auto (GStrv) months = csv_header (report, PC_TABLE_MONTHS);
  g_auto (GStrv) lines = csv_header (report, PC_TABLE_LINES);
  g_auto (GStrv) runway = csv_header (report, PC_TABLE_RUNWAY);
  assert_columns_are (db, "phase", 2, phases, NULL);
  assert_columns_are (db, "indicator", 2, indicators, NULL);
  assert_columns_are (db, "component", 3, components, NULL);
  assert_columns_are (db, "runway", 3, runway, NULL);
  assert_columns_are (db, "month", 1, months, "components_");
  assert_columns_are (db, "month_line", 1, lines, NULL);
  assert_columns_are (db, "run_month_line", 1, lines, NULL);
  sqlite3_close (db);
}

/* ---- never lose an analyst's data ---- */

static void
test_append (void)
{
  g_test_summary ("A second export goes in under export id 2; the first one's rows stay as they were");
  g_autoptr (PcWorld) world = pc_world_new (2, 1, NULL);
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (PcModel) model = pc_world_model (world, host);
  g_autofree char *path = pc_world_path (world, "x.db");
  gint64 first, second;
  g_autoptr (PcReport) a = pc_export (model, path, 2, 1, PC_EXPORT_RUNS, FALSE, &first);
  sqlite3 *db = pc_db_open (path);
  gint64 rows = pc_db_all_rows (db);
  g_autoptr (PcReport) b = pc_export (model, path, 2, 1, PC_EXPORT_RUNS, FALSE, &second);
  g_assert_cmpint (first, ==, 1);
  g_assert_cmpint (second, ==, 2);
  g_assert_cmpint (pc_db_all_rows (db), ==, 2 * rows);
  g_assert_cmpint (pc_db_rows (db, "run_phase", 1), ==, 2 * 2);
  g_assert_cmpint (pc_db_rows (db, "run_phase", 2), ==, 2 * 2);
  sqlite3_close (db);
}

static void
test_replace (void)
{
  g_test_summary ("Exports 1 (seed 1), 2 (seed 2), then seed 1 again with --replace: export 1 and every row of it"
                  " are gone, export 2 is untouched, the new one is 3");
  g_autoptr (PcWorld) world = pc_world_new (2, 1, NULL);
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (PcModel) model = pc_world_model (world, host);
  g_autofree char *path = pc_world_path (world, "x.db");
  gint64 one, two, three;
  g_autoptr (PcReport) a = pc_export (model, path, 2, 1, PC_EXPORT_MONTHS, FALSE, &one);
  g_autoptr (PcReport) b = pc_export (model, path, 2, 2, PC_EXPORT_MONTHS, FALSE, &two);
  sqlite3 *db = pc_db_open (path);
  gint64 rows = pc_db_all_rows (db);   /* two exports of the same size */
  g_autoptr (PcReport) c = pc_export (model, path, 2, 1, PC_EXPORT_MONTHS, TRUE, &three);
  g_assert_cmpint (three, ==, 3);
  g_assert_cmpint (pc_db_int (db, "SELECT count(*) FROM export WHERE id = 1"), ==, 0);
  g_autofree char *seeds = pc_db_text (db, "SELECT group_concat (id || ':' || seed) FROM (SELECT * FROM export ORDER BY id)");
  g_assert_cmpstr (seeds, ==, "2:2,3:1");
  for (guint t = 0; pc_sqlite_export_tables[t]; t++) {
    g_test_message ("%s", pc_sqlite_export_tables[t]);
    g_assert_cmpint (pc_db_rows (db, pc_sqlite_export_tables[t], 1), ==, 0);
    g_assert_cmpint (pc_db_rows (db, pc_sqlite_export_tables[t], 2), ==, pc_db_rows (db, pc_sqlite_export_tables[t], 3));
  }
  g_assert_cmpint (pc_db_all_rows (db), ==, rows);
  sqlite3_close (db);
}

/* Seeds above 2^53 and 2^63, which a double or SQLite's signed INTEGER
 * cannot hold as they are.  docs/sqlite.md's rule: export.seed holds the
 * seed's 64 bits as a signed integer, and printf('%u', seed) is the seed. */
static const struct { guint64 seed; const char *digits; gint64 stored; } big_seeds[] = {
  { (G_GUINT64_CONSTANT (1) << 53) + 1, "9007199254740993", G_GINT64_CONSTANT (9007199254740993) },
  { G_GUINT64_CONSTANT (1) << 63, "9223372036854775808", G_MININT64 },
  { G_MAXUINT64, "18446744073709551615", -1 },
};

static void
test_seed_exact (void)
{
  g_test_summary ("Exports with seeds 2^53 + 1, 2^63 and 2^64 - 1: export.seed is an integer holding the seed's 64"
                  " bits (2^64 - 1 is -1), printf('%u', seed) is the seed's digits, phase_summary agrees, and --replace"
                  " with 2^64 - 1 replaces only that seed's export");
  g_autoptr (PcWorld) world = pc_world_new (2, 1, NULL);
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (PcModel) model = pc_world_model (world, host);
  g_autofree char *path = pc_world_path (world, "x.db");
  sqlite3 *db = NULL;
  for (guint i = 0; i < G_N_ELEMENTS (big_seeds); i++) {
    gint64 id;
    g_autoptr (PcReport) report = pc_export (model, path, 2, big_seeds[i].seed, PC_EXPORT_SUMMARY, FALSE, &id);
    db = db ? db : pc_db_open (path);
    g_autofree char *type = pc_db_text (db, "SELECT typeof (seed) FROM export WHERE id = %" G_GINT64_FORMAT, id);
    g_autofree char *digits = pc_db_text (db, "SELECT printf ('%%u', seed) FROM export WHERE id = %" G_GINT64_FORMAT, id);
    g_autofree char *view = pc_db_text (db, "SELECT DISTINCT printf ('%%u', seed) FROM phase_summary WHERE export_id = %"
                                        G_GINT64_FORMAT, id);
    g_assert_cmpstr (type, ==, "integer");
    g_assert_cmpint (pc_db_int (db, "SELECT seed FROM export WHERE id = %" G_GINT64_FORMAT, id), ==, big_seeds[i].stored);
    g_assert_cmpstr (digits, ==, big_seeds[i].digits);
    g_assert_cmpstr (view, ==, big_seeds[i].digits);
  }
  gint64 id;
  g_autoptr (PcReport) again = pc_export (model, path, 2, G_MAXUINT64, PC_EXPORT_SUMMARY, TRUE, &id);
  g_autofree char *left = pc_db_text (db, "SELECT group_concat (id || ':' || printf ('%%u', seed)) FROM "
                                      "(SELECT * FROM export ORDER BY id)");
  /* Export 3 is deleted first, so the new one takes the next rowid after 2. */
  g_assert_cmpstr (left, ==, "1:9007199254740993,2:9223372036854775808,3:18446744073709551615");
  sqlite3_close (db);
}

/* A sink that fails when it sees run @fail_at (after the SQLite sink,
 * which comes first, has written it). */
typedef struct {
  PcRunSink sink;
  guint fail_at;
} PcFailingSink;

static gboolean
fail_run (PcRunSink *sink, const PcRunResult *run, GError **error)
{
  if (run->run_index < ((PcFailingSink *) sink)->fail_at)
    return TRUE;
  g_set_error (error, PC_RUN_ERROR, PC_RUN_ERROR_FAILED, "a sink fails on purpose at run %u", run->run_index);
  return FALSE;
}

/* Exports @model into @path with @extra as a second sink; the simulation
 * must fail with @message, the file keep its rows, and the export must
 * have written *@written rows before it was rolled back. */
static void
export_fails (const PcModel *model, const char *path, PcRunSink *extra, const char *message, guint64 *written)
{
  sqlite3 *db = pc_db_open (path);
  gint64 rows = pc_db_all_rows (db);
  g_autoptr (GError) error = NULL;
  PcSimulateOptions options = { .threads = 1 };
  PcSqliteOptions sqlite = { PC_EXPORT_MONTHS, FALSE };
  PcSqliteExport *exporter = pc_sqlite_export_new (path, model, &options, &sqlite, &error);
  g_assert_no_error (error);
  PcRunSink *sinks[] = { pc_sqlite_export_sink (exporter), extra };
  options.sinks = sinks;
  options.n_sinks = extra ? 2 : 1;
  g_assert_null (pc_simulate (model, &options, &error));
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, message));
  double seconds, cpu;
  pc_sqlite_export_stats (exporter, written, &seconds, &cpu);
  pc_sqlite_export_free (exporter);
  g_assert_cmpint (pc_db_all_rows (db), ==, rows);
  g_autofree char *check = pc_db_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  g_assert_cmpint (pc_db_int (db, "SELECT count(*) FROM export"), ==, 1);
  sqlite3_close (db);
}

static void
test_rollback (void)
{
  g_test_summary ("A file with one export.  A plugin that fails at month 3 in 1 % of 400 runs stops the"
                  " simulation with its error; a sink that fails at run 40 stops it after the export wrote the rows"
                  " of runs 0-40 (12 months x 3.5 rows each and more).  Either way the file keeps exactly its rows");
  g_autoptr (PcWorld) world = pc_world_new (400, 1,
    "<component name=\"flaky\" plugin=\"fail-at\"><set name=\"month\">3</set><set name=\"share\">0.01</set></component>");
  g_autoptr (PcWorld) calm = pc_world_new (200, 1, NULL);
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (PcModel) calm_model = pc_world_model (calm, host);
  g_autoptr (PcModel) flaky_model = pc_world_model (world, host);
  g_autofree char *path = pc_world_path (world, "x.db");
  gint64 id;
  g_autoptr (PcReport) before = pc_export (calm_model, path, 2, 1, PC_EXPORT_MONTHS, FALSE, &id);
  guint64 written = 0;
  export_fails (flaky_model, path, NULL, "failing on purpose at month 3", &written);
  g_test_message ("the plugin's failure came after %" G_GUINT64_FORMAT " rows", written);
  PcFailingSink failing = { { PC_DETAIL_NONE, fail_run, NULL }, 40 };
  export_fails (calm_model, path, &failing.sink, "a sink fails on purpose at run 40", &written);
  g_assert_cmpuint (written, >=, 41 * 12 * 3);   /* run, phase, month, component and line rows of runs 0-40 */
}

/* Tries to export into @path, which must be refused with a message
 * containing @why and be left byte for byte as it was. */
static void
assert_refused (const char *path, const char *why)
{
  g_autofree char *before = NULL, *after = NULL;
  gsize before_length = 0, after_length = 0;
  g_assert_true (g_file_get_contents (path, &before, &before_length, NULL));
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (PcModel) model = pc_world_model (world, host);
  g_autoptr (GError) error = NULL;
  PcSimulateOptions options = { 0 };
  PcSqliteOptions sqlite = { PC_EXPORT_SUMMARY, FALSE };
  g_autoptr (PcSqliteExport) exporter = pc_sqlite_export_new (path, model, &options, &sqlite, &error);
  g_assert_null (exporter);
  g_assert_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_FAILED);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, path));
  g_assert_nonnull (strstr (error->message, why));
  g_assert_nonnull (strstr (error->message, "left untouched"));
  g_assert_true (g_file_get_contents (path, &after, &after_length, NULL));
  g_assert_cmpmem (before, before_length, after, after_length);
}

static void
make_database (const char *path, const char *sql)
{
  sqlite3 *db = pc_db_open_new (path);
  g_assert_cmpint (sqlite3_exec (db, sql, NULL, NULL, NULL), ==, SQLITE_OK);
  sqlite3_close (db);
}

static void
test_refuse (void)
{
  g_test_summary ("A text file, somebody else's SQLite database and a phasecast database of a newer schema are"
                  " refused, each named with the reason, and left byte for byte as they were");
  g_autoptr (PcWorld) world = pc_world_new (1, 1, NULL);
  g_autofree char *text = pc_world_path (world, "notes.db");
  g_autofree char *foreign = pc_world_path (world, "foreign.db");
  g_autofree char *newer = pc_world_path (world, "newer.db");
  g_assert_true (g_file_set_contents (text, "These are not the tables you are looking for.\n", -1, NULL));
  make_database (foreign, "CREATE TABLE notes (x); INSERT INTO notes VALUES (42);");
  g_autofree char *stamp = g_strdup_printf ("CREATE TABLE export (id); PRAGMA application_id = %d;"
                                            "PRAGMA user_version = %d;", PC_SQLITE_APPLICATION_ID,
                                            PC_SQLITE_SCHEMA_VERSION + 1);
  make_database (newer, stamp);
  assert_refused (text, "not a database");
  assert_refused (foreign, "did not write");
  assert_refused (newer, "newer phasecast");
}

/* A new file at @path at schema @version, holding @rows. */
static sqlite3 *
old_file (const char *path, int version, const char *rows)
{
  sqlite3 *db = pc_db_open_new (path);
  g_autoptr (GError) error = NULL;
  g_assert_true (pc_sqlite_migrate (db, path, 0, version, &error));
  g_assert_no_error (error);
  g_assert_cmpint (sqlite3_exec (db, rows, NULL, NULL, NULL), ==, SQLITE_OK);
  g_assert_cmpint (pc_db_int (db, "PRAGMA user_version"), ==, version);
  return db;
}

/* The world's export into the old file: it becomes export 2, and the file
 * the current version. */
static void
export_migrating (PcWorld *world, const char *path, sqlite3 *db)
{
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (PcModel) model = pc_world_model (world, host);
  gint64 id;
  g_autoptr (PcReport) report = pc_export (model, path, 2, 1, PC_EXPORT_SUMMARY, FALSE, &id);
  g_assert_cmpint (id, ==, 2);
  g_assert_cmpint (pc_db_int (db, "PRAGMA user_version"), ==, PC_SQLITE_SCHEMA_VERSION);
}

static void
test_migrate_v1 (void)
{
  g_test_summary ("A version-1 file with one export is migrated in the next export's transaction: its export"
                  " stays (simulation_runs = runs, no shard), the new one is added, the views read both");
  g_autoptr (PcWorld) world = pc_world_new (2, 1, NULL);
  g_autofree char *path = pc_world_path (world, "old.db");
  sqlite3 *db = old_file (path, 1, "INSERT INTO export (id, created_at, phasecast_version, scenario_path, "
                                 "scenario_sha256, roadmap_path, roadmap_sha256, detail, name, seed, roadmap, runs, "
                                 "start) VALUES (1, '2025-01-01T00:00:00Z', '0.0.1', 's.xml', 'x', 'r.xml', 'y', "
                                 "'summary', 'old', 9, 'r', 7, '2025-01');"
                                 "INSERT INTO indicator (export_id, indicator_index, phase, id, description, fired_probability,"
                                 " fired_month_p10, fired_month_p50, fired_month_p90)"
                                 " VALUES (1, 0, 'b', 'five', 'five customers', 1, 3, 4, 5);");
  export_migrating (world, path, db);
  g_assert_cmpint (pc_db_int (db, "SELECT simulation_runs FROM export WHERE id = 1"), ==, 7);
  g_assert_cmpint (pc_db_int (db, "SELECT shard IS NULL AND n_shards IS NULL FROM export WHERE id = 1"), ==, 1);
  g_assert_cmpint (pc_db_int (db, "SELECT count(*) FROM trigger_percentiles"), ==, 2);
  g_autofree char *old_date = pc_db_text (db, "SELECT fired_date_p50 FROM trigger_percentiles WHERE export_id = 1");
  g_assert_cmpstr (old_date, ==, "2025-05");   /* month 4 from 2025-01 */
  /* the new export: customers >= 5 first holds at month 5 in both runs */
  g_assert_cmpint (pc_db_int (db, "SELECT fired_month_in_90_percent FROM trigger_percentiles WHERE export_id = 2"), ==, 5);
  sqlite3_close (db);
}

static void
test_migrate_v2 (void)
{
  g_test_summary ("A version-2 file with one export (a shard, its month counts) is migrated to version 3 in the"
                  " next export's transaction: its rows stay as they were and read NULL in the columns version 3"
                  " added, its trigger_percentiles still finds the month by which 90 % fired, and the new export"
                  " fills the new columns and tables (currency, 4 money periods, 12 indicator months)");
  g_autoptr (PcWorld) world = pc_world_new (2, 1, NULL);
  g_autofree char *path = pc_world_path (world, "v2.db");
  sqlite3 *db = old_file (path, 2, "INSERT INTO export (id, created_at, phasecast_version, scenario_path, "
                                 "scenario_sha256, roadmap_path, roadmap_sha256, detail, name, seed, roadmap, runs, "
                                 "start, shard, n_shards, simulation_runs) VALUES (1, '2025-06-01T00:00:00Z', '0.0.2',"
                                 " 's.xml', 'x', 'r.xml', 'y', 'summary', 'old', 9, 'r', 7, '2025-01', 1, 2, 14);"
                                 "INSERT INTO phase (export_id, phase_index, id, name, entered_month_p50)"
                                 " VALUES (1, 1, 'b', 'B', 6);"
                                 "INSERT INTO indicator (export_id, indicator_index, phase, id, description, fired_probability,"
                                 " fired_month_p10, fired_month_p50, fired_month_p90)"
                                 " VALUES (1, 0, 'b', 'five', 'five customers', 1, 3, 3, 4);"
                                 "INSERT INTO month (export_id, month, cost_usd) VALUES (1, 0, 12.5);"
                                 /* 5 of the 7 runs fired at month 3, the other 2 at month 4 */
                                 "INSERT INTO month_count (export_id, summary, idx, month, runs)"
                                 " VALUES (1, 'indicator.fired', 0, 3, 5), (1, 'indicator.fired', 0, 4, 2);");
  export_migrating (world, path, db);
  g_assert_cmpint (pc_db_int (db, "PRAGMA application_id"), ==, PC_SQLITE_APPLICATION_ID);
  /* the old export, as it was */
  g_assert_cmpint (pc_db_int (db, "SELECT shard * 100 + n_shards * 10 + simulation_runs FROM export WHERE id = 1"),
                   ==, 1 * 100 + 2 * 10 + 14);
  g_assert_cmpfloat (pc_db_double (db, "SELECT entered_month_p50 FROM phase WHERE export_id = 1"), ==, 6);
  g_assert_cmpfloat (pc_db_double (db, "SELECT cost_usd FROM month WHERE export_id = 1"), ==, 12.5);
  /* version 3's columns are there, NULL for it; its new tables hold nothing of it */
  g_assert_cmpint (pc_db_int (db, "SELECT budget_usd IS NULL AND peak_monthly_cost_usd_p50 IS NULL AND"
                              " waited_for_previous_probability IS NULL FROM phase WHERE export_id = 1"), ==, 1);
  g_assert_cmpint (pc_db_int (db, "SELECT kind IS NULL AND threshold IS NULL AND value_at_end_p50 IS NULL"
                              " FROM indicator WHERE export_id = 1"), ==, 1);
  g_assert_cmpint (pc_db_int (db, "SELECT revenue_usd IS NULL FROM month WHERE export_id = 1"), ==, 1);
  g_assert_cmpint (pc_db_rows (db, "currency", 1) + pc_db_rows (db, "money", 1) + pc_db_rows (db, "indicator_month", 1),
                   ==, 0);
  /* 90 % of 7 runs is 6.3: 5 have fired by month 3, all 7 by month 4 */
  g_assert_cmpint (pc_db_int (db, "SELECT fired_month_in_90_percent FROM trigger_percentiles WHERE export_id = 1"), ==, 4);
  /* the new export fills them: the world has no budget, one indicator ("customers >= 5", held from month 5)
     and 12 months from 2026-01 (the horizon, calendar 2026, FY2025-26 and FY2026-27) */
  g_autofree char *code = pc_db_text (db, "SELECT currency FROM currency WHERE export_id = 2");
  g_assert_cmpstr (code, ==, "USD");
  g_assert_cmpint (pc_db_rows (db, "money", 2), ==, 4);
  g_assert_cmpint (pc_db_rows (db, "indicator_month", 2), ==, 12);
  g_assert_cmpfloat (pc_db_double (db, "SELECT threshold FROM indicator WHERE export_id = 2"), ==, 5);
  g_assert_cmpint (pc_db_int (db, "SELECT fired_month_in_90_percent FROM trigger_percentiles WHERE export_id = 2"), ==, 5);
  g_autofree char *check = pc_db_text (db, "PRAGMA integrity_check");
  g_assert_cmpstr (check, ==, "ok");
  sqlite3_close (db);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sqlite/rows/counts", test_row_counts);
  g_test_add_func ("/sqlite/sums/world", test_sums_world);
  g_test_add_func ("/sqlite/sums/baseline", test_sums_baseline);
  g_test_add_func ("/sqlite/names/json", test_same_as_json);
  g_test_add_func ("/sqlite/names/csv", test_same_as_csv);
  g_test_add_func ("/sqlite/append", test_append);
  g_test_add_func ("/sqlite/replace", test_replace);
  g_test_add_func ("/sqlite/rollback", test_rollback);
  g_test_add_func ("/sqlite/seed/exact", test_seed_exact);
  g_test_add_func ("/sqlite/refuse", test_refuse);
  g_test_add_func ("/sqlite/migrate/v1", test_migrate_v1);
  g_test_add_func ("/sqlite/migrate/v2", test_migrate_v2);
  return g_test_run ();
}
