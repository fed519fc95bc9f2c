/* sqlite-schema.c - the phasecast database: its layout, its version, and
 * opening one without ever damaging somebody else's file.
 *
 * A phasecast database says what it is in its header: PRAGMA
 * application_id is PC_SQLITE_APPLICATION_ID and PRAGMA user_version the
 * layout's version.  The layout is built by migrations, each taking
 * version k to k + 1, so a new file and an old one reach the current
 * layout by the same steps; docs/sqlite.md describes every version.
 *
 * A file is identified by reading alone before anything is written: a
 * file that is not SQLite, an SQLite database phasecast did not write, or
 * one of a newer version is refused and left byte for byte as it was.
 * Only then does the writer switch the file to WAL (readers never block
 * the writer; a new file gets 64 KiB pages, which halve the system time
 * of bulk appends against SQLite's default 4 KiB; the page cache is held
 * to 4 MiB, enough for the right edge of every table an export appends
 * to, so memory stays flat however many rows go out), take the write lock with BEGIN IMMEDIATE (a second writer
 * waits up to BUSY_TIMEOUT_MS), identify the file again under the lock
 * (another process may have created it meanwhile) and migrate it in the
 * same transaction as the export, so a failed export leaves no trace.
 */
#include "pc-sqlite.h"

/* How long a writer waits for another process's export to commit. */
#define BUSY_TIMEOUT_MS (10 * 60 * 1000)

/* SQL for month number @m of export @e as "YYYY-MM" (rounded as the table
 * rounds a percentile month). */
#define MONTH_DATE(e, m) \
  "CASE WHEN " m " IS NOT NULL THEN strftime('%Y-%m', " e ".start || '-01', printf('%+d months', " \
  "CAST(round(" m ") AS INTEGER))) END"

/* Version 1: the report's tables, the median run's months, per-run rows.
 * The report's tables are keyed (WITHOUT ROWID, clustered on the key).
 * The run_* tables, which can hold millions of rows, are plain rowid
 * tables without an index: an export appends them in run order, about
 * twice as fast as into a composite key (add an index on export_id to
 * query a file of many large exports). */
static const char MIGRATION_1[] =
  "CREATE TABLE export ("
  "  id INTEGER PRIMARY KEY,"
  "  created_at TEXT NOT NULL,"
  "  phasecast_version TEXT NOT NULL,"
  "  scenario_path TEXT NOT NULL, scenario_sha256 TEXT NOT NULL,"
  "  roadmap_path TEXT NOT NULL, roadmap_sha256 TEXT NOT NULL,"
  "  detail TEXT NOT NULL CHECK (detail IN ('summary', 'runs', 'months')),"
  "  name TEXT NOT NULL, region TEXT, start TEXT, horizon_months INTEGER, runs INTEGER, seed INTEGER NOT NULL,"
  "  roadmap TEXT NOT NULL, rng TEXT, median_run_run_index INTEGER,"
  "  total_cost_usd_p10 REAL, total_cost_usd_p50 REAL, total_cost_usd_p90 REAL);"
  "CREATE TABLE export_input ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE,"
  "  role TEXT NOT NULL, path TEXT NOT NULL, sha256 TEXT NOT NULL,"
  "  PRIMARY KEY (export_id, path)) WITHOUT ROWID;"
  "CREATE TABLE phase ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE, phase_index INTEGER NOT NULL,"
  "  id TEXT NOT NULL, name TEXT, reached_probability REAL,"
  "  decided_month_p10 REAL, decided_month_p50 REAL, decided_month_p90 REAL,"
  "  entered_month_p10 REAL, entered_month_p50 REAL, entered_month_p90 REAL,"
  "  monthly_cost_usd_p10 REAL, monthly_cost_usd_p50 REAL, monthly_cost_usd_p90 REAL,"
  "  downtime_minutes_p10 REAL, downtime_minutes_p50 REAL, downtime_minutes_p90 REAL,"
  "  estimate_usd_min REAL, estimate_usd_max REAL,"
  "  median_run_entered_month INTEGER, median_run_entered_date TEXT, median_run_monthly_cost_usd REAL,"
  "  roadmap_claims_sum_usd_min REAL, roadmap_claims_sum_usd_max REAL, driven_by TEXT,"
  "  capacity_needed_indicator TEXT, capacity_needed_month INTEGER, capacity_needed_date TEXT,"
  "  PRIMARY KEY (export_id, phase_index)) WITHOUT ROWID;"
  "CREATE TABLE indicator ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE, indicator_index INTEGER NOT NULL,"
  "  phase TEXT NOT NULL, id TEXT NOT NULL, description TEXT, fired_probability REAL,"
  "  fired_month_p10 REAL, fired_month_p50 REAL, fired_month_p90 REAL, held_at_decision_probability REAL,"
  "  PRIMARY KEY (export_id, indicator_index)) WITHOUT ROWID;"
  "CREATE TABLE runway ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE,"
  "  phase_index INTEGER NOT NULL, runway_index INTEGER NOT NULL,"
  "  phase TEXT NOT NULL, id TEXT NOT NULL, kind TEXT, subject TEXT, op TEXT, value REAL, sustained_months INTEGER,"
  "  description TEXT, runs INTEGER, crossed_probability REAL, month_p10 REAL, month_p50 REAL, month_p90 REAL,"
  "  date_p10 TEXT, date_p50 TEXT, date_p90 TEXT,"
  "  PRIMARY KEY (export_id, phase_index, runway_index)) WITHOUT ROWID;"
  "CREATE TABLE component ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE,"
  "  phase_index INTEGER NOT NULL, component_index INTEGER NOT NULL,"
  "  phase TEXT NOT NULL, name TEXT NOT NULL, plugin TEXT, region TEXT, mean_usd REAL, min_usd REAL, max_usd REAL,"
  "  roadmap_claim_usd_min REAL, roadmap_claim_usd_max REAL, roadmap_claim_usd_kind TEXT,"
  "  roadmap_claim_usd_group TEXT, difference_usd REAL, replaces_component TEXT, replaces_usd REAL,"
  "  replaces_phase TEXT,"
  "  PRIMARY KEY (export_id, phase_index, component_index)) WITHOUT ROWID;"
  "CREATE TABLE month ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE, month INTEGER NOT NULL,"
  "  date TEXT, phase TEXT, paying_customers REAL, active_users REAL, quotes REAL, quotes_total REAL,"
  "  annual_revenue_usd REAL, business_units REAL, regions REAL, response_time_s REAL, cost_usd REAL,"
  "  over_runs_cost_usd_p10 REAL, over_runs_cost_usd_p50 REAL, over_runs_cost_usd_p90 REAL,"
  "  over_runs_paying_customers_p10 REAL, over_runs_paying_customers_p50 REAL, over_runs_paying_customers_p90 REAL,"
  "  over_runs_active_users_p10 REAL, over_runs_active_users_p50 REAL, over_runs_active_users_p90 REAL,"
  "  over_runs_quotes_p10 REAL, over_runs_quotes_p50 REAL, over_runs_quotes_p90 REAL,"
  "  PRIMARY KEY (export_id, month)) WITHOUT ROWID;"
  "CREATE TABLE month_component ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE,"
  "  run_index INTEGER NOT NULL, month INTEGER NOT NULL, component TEXT NOT NULL, cost_usd REAL,"
  "  PRIMARY KEY (export_id, month, component)) WITHOUT ROWID;"
  "CREATE TABLE month_line ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE,"
  "  run_index INTEGER NOT NULL, month INTEGER NOT NULL, line INTEGER NOT NULL, component TEXT NOT NULL,"
  "  item TEXT, quantity REAL, unit TEXT, cost_usd REAL, price_key TEXT,"
  "  PRIMARY KEY (export_id, line)) WITHOUT ROWID;"
  "CREATE TABLE run ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE, run_index INTEGER NOT NULL,"
  "  total_cost_usd REAL"
  ");"
  "CREATE TABLE run_phase ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE, run_index INTEGER NOT NULL,"
  "  phase TEXT NOT NULL, decided_month INTEGER, entered_month INTEGER, monthly_cost_usd REAL,"
  "  downtime_minutes REAL"
  ");"
  "CREATE TABLE run_indicator ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE, run_index INTEGER NOT NULL,"
  "  phase TEXT NOT NULL, id TEXT NOT NULL, fired_month INTEGER"
  ");"
  "CREATE TABLE run_month ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE, run_index INTEGER NOT NULL,"
  "  month INTEGER NOT NULL, date TEXT, phase TEXT, paying_customers REAL, active_users REAL, quotes REAL,"
  "  quotes_total REAL, annual_revenue_usd REAL, business_units REAL, regions REAL, response_time_s REAL,"
  "  cost_usd REAL"
  ");"
  "CREATE TABLE run_month_component ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE, run_index INTEGER NOT NULL,"
  "  month INTEGER NOT NULL, component TEXT NOT NULL, cost_usd REAL"
  ");"
  "CREATE TABLE run_month_line ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE, run_index INTEGER NOT NULL,"
  "  month INTEGER NOT NULL, line INTEGER NOT NULL, component TEXT NOT NULL,"
  "  item TEXT, quantity REAL, unit TEXT, cost_usd REAL, price_key TEXT"
  ");"
  "CREATE VIEW phase_summary AS"
  "  SELECT e.id AS export_id, e.name AS scenario, e.roadmap, e.seed, e.runs, p.phase_index, p.id AS phase, p.name,"
  "    p.reached_probability, " MONTH_DATE ("e", "p.entered_month_p50") " AS entered_date_p50,"
  "    p.entered_month_p10, p.entered_month_p50, p.entered_month_p90,"
  "    p.monthly_cost_usd_p10, p.monthly_cost_usd_p50, p.monthly_cost_usd_p90,"
  "    p.median_run_monthly_cost_usd, p.estimate_usd_min, p.estimate_usd_max"
  "  FROM phase p JOIN export e ON e.id = p.export_id;"
  "CREATE VIEW trigger_percentiles AS"
  "  SELECT e.id AS export_id, e.name AS scenario, i.indicator_index, i.phase, i.id, i.description,"
  "    i.fired_probability, i.fired_month_p10, i.fired_month_p50, i.fired_month_p90,"
  "    " MONTH_DATE ("e", "i.fired_month_p50") " AS fired_date_p50"
  "  FROM indicator i JOIN export e ON e.id = i.export_id;"
  "CREATE VIEW monthly_cost_by_component AS"
  "  SELECT c.export_id, c.run_index, c.month, m.date, m.phase, c.component, c.cost_usd"
  "  FROM month_component c JOIN month m ON m.export_id = c.export_id AND m.month = c.month;"
  "CREATE VIEW cost_vs_roadmap AS"
  "  SELECT p.export_id, p.phase_index, p.id AS phase, p.name, p.median_run_monthly_cost_usd AS modelled_usd,"
  "    p.monthly_cost_usd_p50, p.estimate_usd_min, p.estimate_usd_max,"
  "    CASE WHEN p.estimate_usd_min IS NULL OR p.median_run_monthly_cost_usd IS NULL THEN NULL"
  "      WHEN p.median_run_monthly_cost_usd < p.estimate_usd_min THEN p.median_run_monthly_cost_usd - p.estimate_usd_min"
  "      WHEN p.median_run_monthly_cost_usd > p.estimate_usd_max THEN p.median_run_monthly_cost_usd - p.estimate_usd_max"
  "      ELSE 0 END AS difference_usd,"
  "    p.roadmap_claims_sum_usd_min, p.roadmap_claims_sum_usd_max"
  "  FROM phase p;";

/* Version 2: shards, and the aggregate's summaries so that shards merge
 * exactly; trigger_percentiles gains the month by which an indicator has
 * fired in 90 % of the runs (from the exact month counts). */
static const char MIGRATION_2[] =
  "ALTER TABLE export ADD COLUMN shard INTEGER;"
  "ALTER TABLE export ADD COLUMN n_shards INTEGER;"
  "ALTER TABLE export ADD COLUMN simulation_runs INTEGER;"
  "UPDATE export SET simulation_runs = runs;"
  "CREATE TABLE month_count ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE,"
  "  summary TEXT NOT NULL, idx INTEGER NOT NULL, month INTEGER NOT NULL, runs INTEGER NOT NULL,"
  "  PRIMARY KEY (export_id, summary, idx, month)) WITHOUT ROWID;"
  "CREATE TABLE summary_sketch ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE,"
  "  summary TEXT NOT NULL, idx INTEGER NOT NULL, relative_width REAL NOT NULL, n INTEGER NOT NULL,"
  "  zeros INTEGER NOT NULL, min REAL, max REAL, zero_first_run INTEGER, first_bin INTEGER,"
  "  counts BLOB, first_runs BLOB,"
  "  PRIMARY KEY (export_id, summary, idx)) WITHOUT ROWID;"
  "DROP VIEW trigger_percentiles;"
  "CREATE VIEW trigger_percentiles AS"
  "  SELECT e.id AS export_id, e.name AS scenario, i.indicator_index, i.phase, i.id, i.description,"
  "    i.fired_probability, i.fired_month_p10, i.fired_month_p50, i.fired_month_p90,"
  "    " MONTH_DATE ("e", "i.fired_month_p50") " AS fired_date_p50,"
  "    (SELECT min (c.month) FROM"
  "       (SELECT month, sum (runs) OVER (ORDER BY month) AS fired_by_then FROM month_count"
  "        WHERE export_id = i.export_id AND summary = 'indicator.fired' AND idx = i.indicator_index) c"
  "     WHERE c.fired_by_then * 10 >= e.runs * 9) AS fired_month_in_90_percent"
  "  FROM indicator i JOIN export e ON e.id = i.export_id;";

/* Version 3: the planner's figures.  Phases gain their budget and how far
 * their costliest month goes over it; indicators what they compare and how
 * they held their phase back; months the revenue; and three tables: the
 * currency money is shown in (money.*), money by period (money.periods[])
 * and every indicator's value month by month (phases[].indicators[].series[]). */
static const char MIGRATION_3[] =
  "ALTER TABLE phase ADD COLUMN budget_usd REAL;"
  "ALTER TABLE phase ADD COLUMN peak_monthly_cost_usd_p10 REAL;"
  "ALTER TABLE phase ADD COLUMN peak_monthly_cost_usd_p50 REAL;"
  "ALTER TABLE phase ADD COLUMN peak_monthly_cost_usd_p90 REAL;"
  "ALTER TABLE phase ADD COLUMN over_budget_probability REAL;"
  "ALTER TABLE phase ADD COLUMN over_budget_month_p10 REAL;"
  "ALTER TABLE phase ADD COLUMN over_budget_month_p50 REAL;"
  "ALTER TABLE phase ADD COLUMN over_budget_month_p90 REAL;"
  "ALTER TABLE phase ADD COLUMN waited_for_previous_probability REAL;"
  "ALTER TABLE indicator ADD COLUMN kind TEXT;"
  "ALTER TABLE indicator ADD COLUMN subject TEXT;"
  "ALTER TABLE indicator ADD COLUMN condition TEXT;"
  "ALTER TABLE indicator ADD COLUMN op TEXT;"
  "ALTER TABLE indicator ADD COLUMN threshold REAL;"
  "ALTER TABLE indicator ADD COLUMN sustained_months INTEGER;"
  "ALTER TABLE indicator ADD COLUMN required INTEGER;"
  "ALTER TABLE indicator ADD COLUMN held_back_probability REAL;"
  "ALTER TABLE indicator ADD COLUMN held_to_end_probability REAL;"
  "ALTER TABLE indicator ADD COLUMN value_at_end_p10 REAL;"
  "ALTER TABLE indicator ADD COLUMN value_at_end_p50 REAL;"
  "ALTER TABLE indicator ADD COLUMN value_at_end_p90 REAL;"
  "ALTER TABLE month ADD COLUMN revenue_usd REAL;"
  "ALTER TABLE run_month ADD COLUMN revenue_usd REAL;"
  "CREATE TABLE currency ("
  "  export_id INTEGER PRIMARY KEY REFERENCES export (id) ON DELETE CASCADE,"
  "  currency TEXT NOT NULL, exchange_rate_per_usd REAL, exchange_rate_date TEXT, exchange_rate_source TEXT,"
  "  exchange_rate_derived TEXT, exchange_rate_overridden INTEGER, gst_rate REAL, gst_source TEXT);"
  "CREATE TABLE money ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE, period_index INTEGER NOT NULL,"
  "  kind TEXT NOT NULL, label TEXT NOT NULL, start TEXT, end TEXT, months INTEGER, whole INTEGER, currency TEXT,"
  "  cost_p10 REAL, cost_p50 REAL, cost_p90 REAL, revenue_p10 REAL, revenue_p50 REAL, revenue_p90 REAL,"
  "  cost_per_customer_month_p10 REAL, cost_per_customer_month_p50 REAL, cost_per_customer_month_p90 REAL,"
  "  cost_per_user_month_p10 REAL, cost_per_user_month_p50 REAL, cost_per_user_month_p90 REAL,"
  "  cost_share_of_revenue_p10 REAL, cost_share_of_revenue_p50 REAL, cost_share_of_revenue_p90 REAL,"
  "  PRIMARY KEY (export_id, period_index)) WITHOUT ROWID;"
  "CREATE TABLE indicator_month ("
  "  export_id INTEGER NOT NULL REFERENCES export (id) ON DELETE CASCADE, indicator_index INTEGER NOT NULL,"
  "  phase TEXT NOT NULL, indicator TEXT NOT NULL, month INTEGER NOT NULL, date TEXT,"
  "  value_p10 REAL, value_p50 REAL, value_p90 REAL,"
  "  PRIMARY KEY (export_id, indicator_index, month)) WITHOUT ROWID;";

/* Every table with an export_id, children of export: their foreign keys
 * are declared (ON DELETE CASCADE, for analysts who enable
 * foreign_keys), but the writer leaves enforcement off, which saves a
 * lookup per row, and deletes from each itself (--replace). */
const char *const pc_sqlite_export_tables[] = {
  "export_input", "phase", "indicator", "runway", "component", "month", "month_component", "month_line", "run", "run_phase",
  "run_indicator", "run_month", "run_month_component", "run_month_line", "month_count", "summary_sketch",
  "currency", "money", "indicator_month", NULL
};

/* migrations[k] takes a database from version k to k + 1. */
static const char *const migrations[] = { MIGRATION_1, MIGRATION_2, MIGRATION_3 };
G_STATIC_ASSERT (G_N_ELEMENTS (migrations) == PC_SQLITE_SCHEMA_VERSION);

void
pc_sqlite_set_error (GError **error, sqlite3 *db, const char *path, const char *doing)
{
  g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_SQLITE, "%s: %s: %s", path, doing,
               db ? sqlite3_errmsg (db) : "out of memory");
}

gboolean
pc_sqlite_exec (sqlite3 *db, const char *path, const char *sql, GError **error)
{
  if (sqlite3_exec (db, sql, NULL, NULL, NULL) == SQLITE_OK)
    return TRUE;
  pc_sqlite_set_error (error, db, path, "cannot write");
  return FALSE;
}

sqlite3_stmt *
pc_sqlite_prepare (sqlite3 *db, const char *path, const char *sql, GError **error)
{
  sqlite3_stmt *stmt = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) == SQLITE_OK)
    return stmt;
  pc_sqlite_set_error (error, db, path, "cannot read or write");
  return NULL;
}

gboolean
pc_sqlite_step_done (sqlite3_stmt *stmt, const char *path, GError **error)
{
  int rc = sqlite3_step (stmt);
  sqlite3_reset (stmt);
  if (rc == SQLITE_DONE)
    return TRUE;
  pc_sqlite_set_error (error, sqlite3_db_handle (stmt), path, "cannot write");
  return FALSE;
}

/* Two's complement, written out: converting an unsigned value above
 * G_MAXINT64 to gint64 is implementation-defined in C. */
gint64
pc_sqlite_int64_of (guint64 value)
{
  return value <= G_MAXINT64 ? (gint64) value : -(gint64) (G_MAXUINT64 - value) - 1;
}

guint64
pc_sqlite_uint64_of (gint64 stored)
{
  return (guint64) stored;   /* modulo 2^64: well defined */
}

/* The single integer a query such as "PRAGMA user_version" returns. */
static gboolean
query_int (sqlite3 *db, const char *path, const char *sql, gint64 *out, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt = NULL;
  if (sqlite3_prepare_v2 (db, sql, -1, &stmt, NULL) != SQLITE_OK || sqlite3_step (stmt) != SQLITE_ROW) {
    g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_FAILED, "%s: not a database phasecast can read (%s); "
                 "left untouched", path, sqlite3_errmsg (db));
    return FALSE;
  }
  *out = sqlite3_column_int64 (stmt, 0);
  return TRUE;
}

/* Reads what @path is, writing nothing: its schema version (0 for an empty
 * database), or FALSE with @error for a file phasecast must not touch. */
static gboolean
identify (sqlite3 *db, const char *path, int *version, GError **error)
{
  gint64 application_id, user_version, objects;
  if (!query_int (db, path, "PRAGMA application_id", &application_id, error) ||
      !query_int (db, path, "PRAGMA user_version", &user_version, error) ||
      !query_int (db, path, "SELECT count(*) FROM sqlite_schema", &objects, error))
    return FALSE;
  if (application_id == 0 && user_version == 0 && objects == 0) {
    *version = 0;
    return TRUE;
  }
  if (application_id != PC_SQLITE_APPLICATION_ID) {
    g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_FAILED,
                 "%s: an SQLite database that phasecast did not write (application_id %" G_GINT64_FORMAT ", %"
                 G_GINT64_FORMAT " tables, views and indexes); left untouched", path, application_id, objects);
    return FALSE;
  }
  if (user_version > PC_SQLITE_SCHEMA_VERSION || user_version < 1) {
    g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_FAILED,
                 "%s: schema version %" G_GINT64_FORMAT " is not one this phasecast knows (1 to %d); left untouched%s",
                 path, user_version, PC_SQLITE_SCHEMA_VERSION,
                 user_version > PC_SQLITE_SCHEMA_VERSION ? ": it was written by a newer phasecast" : "");
    return FALSE;
  }
  *version = (int) user_version;
  return TRUE;
}

gboolean
pc_sqlite_migrate (sqlite3 *db, const char *path, int from, int to, GError **error)
{
  if (from == to)
    return TRUE;
  for (int v = from; v < to; v++)
    if (!pc_sqlite_exec (db, path, migrations[v], error)) {
      g_prefix_error (error, "migrating schema version %d to %d: ", v, v + 1);
      return FALSE;
    }
  g_autofree char *stamp = g_strdup_printf ("PRAGMA application_id = %d; PRAGMA user_version = %d;",
                                            PC_SQLITE_APPLICATION_ID, to);
  return pc_sqlite_exec (db, path, stamp, error);
}

/* SQLite's memory statistics take a global mutex on every allocation and
 * nothing here reads them.  Only possible before SQLite initialises (in a
 * program that already uses SQLite this changes nothing). */
static void
configure_once (void)
{
  static gsize done = 0;
  if (g_once_init_enter (&done)) {
    sqlite3_config (SQLITE_CONFIG_MEMSTATUS, 0);
    g_once_init_leave (&done, 1);
  }
}

static sqlite3 *
open_file (const char *path, int flags, GError **error)
{
  sqlite3 *db = NULL;
  configure_once ();
  if (sqlite3_open_v2 (path, &db, flags, NULL) != SQLITE_OK) {
    pc_sqlite_set_error (error, db, path, "cannot open");
    sqlite3_close (db);
    return NULL;
  }
  sqlite3_busy_timeout (db, BUSY_TIMEOUT_MS);
  return db;
}

/* Puts the file in WAL mode (it stays so).  Changing the journal mode
 * needs the file to itself for an instant; when two processes try at once
 * SQLite answers "locked" at once instead of waiting (waiting could
 * deadlock), so this tries again until BUSY_TIMEOUT_MS. */
static gboolean
use_wal (sqlite3 *db, const char *path, GError **error)
{
  gint64 deadline = g_get_monotonic_time () + (gint64) BUSY_TIMEOUT_MS * 1000;
  int rc;
  while ((rc = sqlite3_exec (db, "PRAGMA journal_mode = WAL", NULL, NULL, NULL)) != SQLITE_OK) {
    if ((rc & 0xff) != SQLITE_BUSY || g_get_monotonic_time () > deadline) {
      pc_sqlite_set_error (error, db, path, "cannot switch to WAL");
      return FALSE;
    }
    g_usleep (G_USEC_PER_SEC / 100);
  }
  return TRUE;
}

sqlite3 *
pc_sqlite_open_writer (const char *path, GError **error)
{
  int version = 0;
  sqlite3 *db = open_file (path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX, error);
  if (db == NULL)
    return NULL;
  gboolean ok = identify (db, path, &version, error) &&
                pc_sqlite_exec (db, path, "PRAGMA page_size = 65536; PRAGMA synchronous = NORMAL;"
                                "PRAGMA cache_size = -4096;", error) &&
                use_wal (db, path, error) && pc_sqlite_exec (db, path, "BEGIN IMMEDIATE", error);
  if (ok && !(identify (db, path, &version, error) &&
              pc_sqlite_migrate (db, path, version, PC_SQLITE_SCHEMA_VERSION, error))) {
    sqlite3_exec (db, "ROLLBACK", NULL, NULL, NULL);
    ok = FALSE;
  }
  if (!ok)
    g_clear_pointer (&db, sqlite3_close);
  return db;
}

sqlite3 *
pc_sqlite_open_reader (const char *path, GError **error)
{
  int version = 0;
  if (!g_file_test (path, G_FILE_TEST_IS_REGULAR)) {
    g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_IO, "%s: no such file", path);
    return NULL;
  }
  sqlite3 *db = open_file (path, SQLITE_OPEN_READONLY, error);
  if (db == NULL || !identify (db, path, &version, error)) {
    g_clear_pointer (&db, sqlite3_close);
    return NULL;
  }
  if (version != PC_SQLITE_SCHEMA_VERSION) {
    g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_FAILED, "%s: schema version %d, not %d: %s", path, version,
                 PC_SQLITE_SCHEMA_VERSION, version == 0 ? "no export in it" : "export it again with this phasecast");
    g_clear_pointer (&db, sqlite3_close);
  }
  return db;
}
