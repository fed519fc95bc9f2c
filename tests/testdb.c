/* testdb.c - see testdb.h. */
#include "testdb.h"

#include "pc-sqlite.h"

#include <glib/gstdio.h>
#include <sys/resource.h>
#include <sys/wait.h>

#define WORLD_SCENARIO \
  "<scenario format=\"1\" name=\"world\">\n" \
  "  <world start=\"2026-01\" horizon-months=\"12\" region=\"ap-southeast-2\"/>\n" \
  "  <roadmap href=\"roadmap.xml\"/>\n" \
  "  <montecarlo runs=\"%u\" seed=\"%" G_GUINT64_FORMAT "\"/>\n" \
  "  <growth model=\"actuals\" users-per-customer=\"10\" free-users=\"0\" quotes-per-user-month=\"1\">\n" \
  "    <actual month=\"0\" customers=\"0\"/><actual month=\"10\" customers=\"10\"/>\n" \
  "  </growth>\n" \
  "  <load requests-per-user-day=\"100\" requests-per-quote=\"0\"/>\n" \
  "</scenario>\n"

#define WORLD_ROADMAP \
  "<roadmap format=\"1\" name=\"world-roadmap\">\n" \
  "  <phase id=\"a\" name=\"A\"><component name=\"svc\" plugin=\"fixed-cost\"/>%s</phase>\n" \
  "  <phase id=\"b\" name=\"B\" inherits=\"a\" lead-time-days=\"10\">\n" \
  "    <move><indicator id=\"five\" state=\"paying_customers\" op=\"ge\" value=\"5\">five customers</indicator></move>\n" \
  "    <component name=\"svc\"><set name=\"base_usd\">100</set></component>\n" \
  "  </phase>\n" \
  "</roadmap>\n"

PcWorld *
pc_world_new (guint runs, guint64 seed, const char *extra_components)
{
  g_autoptr (GError) error = NULL;
  PcWorld *world = g_new0 (PcWorld, 1);
  world->dir = g_dir_make_tmp ("phasecast-test-XXXXXX", &error);
  g_assert_no_error (error);
  world->scenario = g_build_filename (world->dir, "scenario.xml", NULL);
  world->roadmap = g_build_filename (world->dir, "roadmap.xml", NULL);
  g_autofree char *scenario = g_strdup_printf (WORLD_SCENARIO, runs, seed);
  g_autofree char *roadmap = g_strdup_printf (WORLD_ROADMAP, extra_components ? extra_components : "");
  g_assert_true (g_file_set_contents (world->scenario, scenario, -1, NULL));
  g_assert_true (g_file_set_contents (world->roadmap, roadmap, -1, NULL));
  return world;
}

/* Removes the folder and everything in it (databases, WAL files). */
void
pc_world_free (PcWorld *world)
{
  if (world == NULL)
    return;
  g_autoptr (GDir) dir = g_dir_open (world->dir, 0, NULL);
  const char *name;
  while (dir && (name = g_dir_read_name (dir)) != NULL) {
    g_autofree char *path = g_build_filename (world->dir, name, NULL);
    g_unlink (path);
  }
  g_rmdir (world->dir);
  g_free (world->dir), g_free (world->scenario), g_free (world->roadmap);
  g_free (world);
}

char *
pc_world_path (const PcWorld *world, const char *name)
{
  return g_build_filename (world->dir, name, NULL);
}

PcModel *
pc_world_model (const PcWorld *world, PcHost *host)
{
  g_autoptr (GError) error = NULL;
  PcModel *model = pc_model_new (world->scenario, NULL, host, &error);
  g_assert_no_error (error);
  return model;
}

char *
pc_test_scenario (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "..", "scenarios", name, NULL);
}

PcModel *
pc_test_model (const char *name)
{
  g_autofree char *scenario = pc_test_scenario (name);
  g_autoptr (GError) error = NULL;
  PcModel *model = pc_model_new (scenario, NULL, pc_test_host (), &error);
  g_assert_no_error (error);
  return model;
}

sqlite3 *
pc_db_open (const char *path)
{
  sqlite3 *db = NULL;
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE, NULL), ==, SQLITE_OK);
  return db;
}

sqlite3 *
pc_db_open_new (const char *path)
{
  sqlite3 *db = NULL;
  g_assert_false (g_file_test (path, G_FILE_TEST_EXISTS));
  g_assert_cmpint (sqlite3_open_v2 (path, &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL), ==, SQLITE_OK);
  return db;
}

/* The first row of @sql, stepped; the statement is the caller's. */
static sqlite3_stmt *
first_row (sqlite3 *db, const char *sql)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK)
    g_error ("%s: %s", sql, sqlite3_errmsg (db));
  if (sqlite3_step (stmt) != SQLITE_ROW)
    g_error ("%s: no row (%s)", sql, sqlite3_errmsg (db));
  return stmt;
}

gint64
pc_db_int (sqlite3 *db, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_autoptr (sqlite3_stmt) stmt = first_row (db, sql);
  return sqlite3_column_int64 (stmt, 0);
}

double
pc_db_double (sqlite3 *db, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_autoptr (sqlite3_stmt) stmt = first_row (db, sql);
  return sqlite3_column_type (stmt, 0) == SQLITE_NULL ? NAN : sqlite3_column_double (stmt, 0);
}

char *
pc_db_text (sqlite3 *db, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *sql = g_strdup_vprintf (format, args);
  va_end (args);
  g_autoptr (sqlite3_stmt) stmt = first_row (db, sql);
  return g_strdup ((const char *) sqlite3_column_text (stmt, 0));
}

gint64
pc_db_rows (sqlite3 *db, const char *table, gint64 export_id)
{
  return pc_db_int (db, "SELECT count(*) FROM %s WHERE export_id = %" G_GINT64_FORMAT, table, export_id);
}

gint64
pc_db_all_rows (sqlite3 *db)
{
  gint64 rows = pc_db_int (db, "SELECT count(*) FROM export");
  for (guint t = 0; pc_sqlite_export_tables[t]; t++)
    rows += pc_db_int (db, "SELECT count(*) FROM %s", pc_sqlite_export_tables[t]);
  return rows;
}

PcReport *
pc_export (const PcModel *model, const char *path, guint runs, guint64 seed, PcExportDetail detail,
           gboolean replace, gint64 *export_id)
{
  g_autoptr (GError) error = NULL;
  PcSimulateOptions options = { .runs = runs, .seed = seed, .seed_set = TRUE, .threads = 1 };
  PcSqliteOptions sqlite = { detail, replace };
  g_autoptr (PcSqliteExport) exporter = pc_sqlite_export_new (path, model, &options, &sqlite, &error);
  g_assert_no_error (error);
  PcRunSink *sinks[] = { pc_sqlite_export_sink (exporter) };
  options.sinks = sinks;
  options.n_sinks = 1;
  PcReport *report = pc_simulate (model, &options, &error);
  g_assert_no_error (error);
  *export_id = pc_sqlite_export_id (exporter);
  return report;
}

int
pc_run_phasecast (const char *const *argv, char **out, char **err)
{
  const char *program = g_getenv ("PHASECAST_EXE");
  g_assert_nonnull (program);
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  g_ptr_array_add (args, (gpointer) program);
  for (guint i = 0; argv[i]; i++)
    g_ptr_array_add (args, (gpointer) argv[i]);
  g_ptr_array_add (args, NULL);
  g_autoptr (GError) error = NULL;
  int status = 0;
  /* Output nobody asked for must not reach this test's TAP stream. */
  GSpawnFlags flags = (out ? 0 : G_SPAWN_STDOUT_TO_DEV_NULL) | (err ? 0 : G_SPAWN_STDERR_TO_DEV_NULL);
  g_spawn_sync (NULL, (char **) args->pdata, NULL, flags, NULL, NULL, out, err, &status, &error);
  g_assert_no_error (error);
  g_autoptr (GError) exit_error = NULL;
  if (g_spawn_check_wait_status (status, &exit_error))
    return 0;
  g_assert_true (g_error_matches (exit_error, G_SPAWN_EXIT_ERROR, exit_error->code));
  return exit_error->code;
}

double
pc_phasecast_peak_rss (const char *const *args, double *seconds)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) g_getenv ("PHASECAST_EXE"));
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_autoptr (GError) error = NULL;
  GPid pid;
  gint64 start = g_get_monotonic_time ();
  g_spawn_async (NULL, (char **) argv->pdata, NULL, G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                 G_SPAWN_STDERR_TO_DEV_NULL, NULL, NULL, &pid, &error);
  g_assert_no_error (error);
  int status = 0;
  struct rusage usage;
  g_assert_cmpint (wait4 (pid, &status, 0, &usage), ==, pid);
  *seconds = (g_get_monotonic_time () - start) / 1e6;
  g_spawn_close_pid (pid);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return usage.ru_maxrss / 1024.0;   /* Linux reports KiB */
}
