/* The three analyst queries of docs/sqlite.md, run as written on two
 * exports of the baseline and checked against answers computed here from
 * other tables or from the reports themselves. */
#include "testdb.h"

typedef struct {
  PcWorld *world;
  PcHost *host;
  PcModel *model;
  PcReport *before, *after;   /* exports 1 (seed 1) and 2 (seed 2) */
  sqlite3 *db;
  GPtrArray *queries;         /* the ```sql blocks of docs/sqlite.md */
} Fixture;

static GPtrArray *
doc_queries (void)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "docs", "sqlite.md", NULL);
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  GPtrArray *queries = g_ptr_array_new_with_free_func (g_free);
  const char *at = text;
  while ((at = strstr (at, "```sql\n")) != NULL) {
    at += strlen ("```sql\n");
    const char *end = strstr (at, "```");
    g_assert_nonnull (end);
    g_ptr_array_add (queries, g_strndup (at, (gsize) (end - at)));
    at = end + 3;
  }
  return queries;
}

static void
fixture_set_up (Fixture *f, gconstpointer data)
{
  (void) data;
  g_autofree char *scenario = pc_test_scenario ("baseline.xml");
  g_autoptr (GError) error = NULL;
  f->world = pc_world_new (1, 1, NULL);
  f->host = pc_host_new (NULL);
  f->model = pc_model_new (scenario, NULL, f->host, &error);
  g_assert_no_error (error);
  g_autofree char *path = pc_world_path (f->world, "x.db");
  gint64 id;
  f->before = pc_export (f->model, path, 60, 1, PC_EXPORT_RUNS, FALSE, &id);
  f->after = pc_export (f->model, path, 60, 2, PC_EXPORT_RUNS, FALSE, &id);
  f->db = pc_db_open (path);
  f->queries = doc_queries ();
  g_assert_cmpuint (f->queries->len, ==, 3);
}

static void
fixture_tear_down (Fixture *f, gconstpointer data)
{
  (void) data;
  sqlite3_close (f->db);
  g_ptr_array_unref (f->queries);
  pc_report_free (f->before);
  pc_report_free (f->after);
  pc_model_free (f->model);
  pc_host_free (f->host);
  pc_world_free (f->world);
}

static sqlite3_stmt *
prepare (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s\n%s", sql, sqlite3_errmsg (db));
  return stmt;
}

/* The first month by which @id has fired in at least 54 of export 2's 60
 * runs (90 %), from its per-run rows; -1 if it never does. */
static gint64
month_of_54th_run (sqlite3 *db, const char *phase, const char *id)
{
  g_autofree char *sql = g_strdup_printf ("SELECT fired_month FROM run_indicator WHERE export_id = 2 AND phase = '%s'"
                                          " AND id = '%s' AND fired_month IS NOT NULL ORDER BY fired_month", phase, id);
  sqlite3_stmt *stmt = prepare (db, sql);
  gint64 month = -1;
  for (guint n = 1; sqlite3_step (stmt) == SQLITE_ROW; n++)
    if (n == 54)
      month = sqlite3_column_int64 (stmt, 0);
  sqlite3_finalize (stmt);
  return month;
}

static void
test_trigger_90 (Fixture *f, gconstpointer data)
{
  (void) data;
  g_test_summary ("Query 1 (month each trigger fires in 90 % of futures): for each of the 17 indicators, the 54th"
                  " smallest first month over export 2's 60 runs in run_indicator, or NULL when fewer than 54 fired;"
                  " the view's fired_month_in_90_percent agrees");
  sqlite3_stmt *stmt = prepare (f->db, f->queries->pdata[0]);
  guint rows = 0, dated = 0;
  for (; sqlite3_step (stmt) == SQLITE_ROW; rows++) {
    const char *phase = (const char *) sqlite3_column_text (stmt, 0), *id = (const char *) sqlite3_column_text (stmt, 1);
    gint64 want = month_of_54th_run (f->db, phase, id);
    gint64 got = sqlite3_column_type (stmt, 3) == SQLITE_NULL ? -1 : sqlite3_column_int64 (stmt, 3);
    g_test_message ("%s %s: %" G_GINT64_FORMAT, phase, id, got);
    g_assert_cmpint (got, ==, want);
    gint64 view = pc_db_int (f->db, "SELECT coalesce (fired_month_in_90_percent, -1) FROM trigger_percentiles"
                             " WHERE export_id = 2 AND phase = '%s' AND id = '%s'", phase, id);
    g_assert_cmpint (view, ==, want);
    dated += want >= 0;
  }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (rows, ==, 17);
  g_assert_cmpuint (dated, >, 0);
  g_assert_cmpuint (dated, <, 17);   /* the baseline has indicators that never fire: both cases are checked */
}

static void
test_quarters (Fixture *f, gconstpointer data)
{
  (void) data;
  g_test_summary ("Query 2 (cost by component per quarter): 36 months from 2025-11 fall in 13 quarters (2025-Q4,"
                  " four in each of 2026-2028); all rows add up to the median run's total cost (relative 1e-9)");
  sqlite3_stmt *stmt = prepare (f->db, f->queries->pdata[1]);
  double total = 0;
  g_autoptr (GHashTable) quarters = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  while (sqlite3_step (stmt) == SQLITE_ROW) {
    g_hash_table_add (quarters, g_strdup ((const char *) sqlite3_column_text (stmt, 0)));
    total += sqlite3_column_double (stmt, 2);
  }
  sqlite3_finalize (stmt);
  g_assert_cmpuint (g_hash_table_size (quarters), ==, 13);
  g_assert_true (g_hash_table_contains (quarters, "2025-Q4"));
  g_assert_true (g_hash_table_contains (quarters, "2028-Q4"));
  double want = pc_run_total_cost (f->after->median_run);
  g_assert_cmpfloat_with_epsilon (total, want, want * 1e-9);
}

static void
test_phase_moves_most (Fixture *f, gconstpointer data)
{
  (void) data;
  g_test_summary ("Query 3 (phase whose cost moves most between two exports): the phase with the largest"
                  " |P50 monthly cost (seed 2) - P50 (seed 1)| of the two reports, and that change");
  guint most = 0;
  double change = 0;
  for (guint p = 0; p < f->model->n_phases; p++) {
    double d = f->after->phases[p].monthly_cost.p50 - f->before->phases[p].monthly_cost.p50;
    if (fabs (d) > fabs (change))
      most = p, change = d;
  }
  sqlite3_stmt *stmt = prepare (f->db, f->queries->pdata[2]);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_ROW);
  g_assert_cmpstr ((const char *) sqlite3_column_text (stmt, 0), ==, f->model->phases[most].decl->id);
  g_assert_cmpfloat (sqlite3_column_double (stmt, 4), ==, change);
  g_assert_cmpfloat (change, !=, 0);
  g_assert_cmpint (sqlite3_step (stmt), ==, SQLITE_DONE);
  sqlite3_finalize (stmt);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add ("/sqlite/docs/trigger-90-percent", Fixture, NULL, fixture_set_up, test_trigger_90, fixture_tear_down);
  g_test_add ("/sqlite/docs/cost-by-quarter", Fixture, NULL, fixture_set_up, test_quarters, fixture_tear_down);
  g_test_add ("/sqlite/docs/phase-moves-most", Fixture, NULL, fixture_set_up, test_phase_moves_most, fixture_tear_down);
  return g_test_run ();
}
