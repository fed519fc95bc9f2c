/* export-sqlite.c - a simulation into SQLite, streamed: `phasecast run
 * --sqlite FILE`.
 *
 * One export is one transaction.  It opens when the export is created
 * (sqlite-schema.c: refuse, lock, migrate), receives every run in
 * run-index order as pc_simulate() streams them (--detail runs: a row per
 * run, per run and phase, per run and indicator; --detail months: also
 * every run's months, by component and by line item), then the report's
 * tables, the median run's months and the aggregate's summaries, and only
 * then commits.  Freeing an export that was not finished rolls it back, so
 * a failed run leaves the file as it was.
 *
 * Rows are named fields (fields.c): each table's INSERT is built once from
 * the field names of its first row (JSON path, '.' -> '_', percentiles as
 * _p10/_p50/_p90), so an SQLite column has its JSON key's name, and a field
 * the schema lacks fails loudly instead of being dropped.  Statements are
 * prepared once and reused for every row.
 */
#include "pc-sqlite.h"

#include "pc-config.h"

#include <time.h>

/* Where a row's fields come from; row functions pick what they need. */
typedef struct {
  const PcModel *model;
  const PcReport *report;
  const PcRunResult *run;
  guint index, slot;
} PcRowSource;

typedef void (*PcRowFunc) (const PcRowSource *source, PcFieldFunc func, gpointer data);

/* Bytes of a row's texts kept for SQLite (longer rows: SQLite copies). */
#define ARENA_SIZE 4096

typedef enum {
  T_RUN, T_RUN_PHASE, T_RUN_INDICATOR, T_RUN_MONTH, T_RUN_MONTH_COMPONENT, T_RUN_MONTH_LINE,
  T_PHASE, T_INDICATOR, T_RUNWAY, T_COMPONENT, T_MONTH, T_MONTH_COMPONENT, T_MONTH_LINE, T_CURRENCY, T_MONEY,
  T_INDICATOR_MONTH, T_COUNT
} PcTableId;

/* Each table: its columns before the fields (after export_id), and a
 * prefix of field names it does not store (they have their own table). */
static const struct {
  const char *name, *keys, *skip;
  guint n_keys;
} tables[T_COUNT] = {
  [T_RUN] = { "run", NULL, NULL, 0 },
  [T_RUN_PHASE] = { "run_phase", NULL, NULL, 0 },
  [T_RUN_INDICATOR] = { "run_indicator", NULL, NULL, 0 },
  [T_RUN_MONTH] = { "run_month", NULL, NULL, 0 },
  [T_RUN_MONTH_COMPONENT] = { "run_month_component", NULL, NULL, 0 },
  [T_RUN_MONTH_LINE] = { "run_month_line", NULL, NULL, 0 },
  [T_PHASE] = { "phase", "phase_index", NULL, 1 },
  [T_INDICATOR] = { "indicator", "indicator_index", NULL, 1 },
  [T_RUNWAY] = { "runway", "phase_index, runway_index", NULL, 2 },
  [T_COMPONENT] = { "component", "phase_index, component_index", NULL, 2 },
  [T_MONTH] = { "month", NULL, "components.", 0 },
  [T_MONTH_COMPONENT] = { "month_component", NULL, NULL, 0 },
  [T_MONTH_LINE] = { "month_line", NULL, NULL, 0 },
  [T_CURRENCY] = { "currency", NULL, NULL, 0 },
  [T_MONEY] = { "money", "period_index", NULL, 1 },
  [T_INDICATOR_MONTH] = { "indicator_month", "indicator_index", NULL, 1 },
};

struct _PcSqliteExport {
  PcRunSink sink;             /* first: pc_simulate() hands it back */
  sqlite3 *db;
  char *path;
  const PcModel *model;
  PcSqliteOptions options;
  gint64 export_id;
  gboolean committed;
  sqlite3_stmt *stmts[T_COUNT];
  char arena[ARENA_SIZE];     /* texts of the row being written */
  guint64 rows;
  gint64 writing_us;          /* wall time in the export's own calls */
  double writing_cpu;         /* and the CPU time of the thread making them */
};

/* Wall and CPU time around the export's own work. */
typedef struct { gint64 wall_us; double cpu; } PcClock;

static double
thread_cpu_seconds (void)
{
  struct timespec now;
  clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now);
  return now.tv_sec + now.tv_nsec / 1e9;
}

static PcClock
clock_start (void)
{
  return (PcClock) { g_get_monotonic_time (), thread_cpu_seconds () };
}

static void
clock_stop (PcSqliteExport *x, PcClock start)
{
  x->writing_us += g_get_monotonic_time () - start.wall_us;
  x->writing_cpu += thread_cpu_seconds () - start.cpu;
}

/* ---- fields to columns ---- */

/* Binds a row's fields in order; or, with @columns set, lists their
 * column names instead. */
typedef struct {
  sqlite3_stmt *stmt;
  int param;
  const char *skip;
  GString *columns;
  guint n_columns;
  char *arena;                /* a row's texts, copied (a field's text only lives */
  gsize arena_used;           /* during its callback); SQLite then need not copy */
} PcBinder;

/* Binds @text, kept in the binder's arena until the row is stepped. */
static void
bind_text (PcBinder *b, const char *text)
{
  gsize length = strlen (text);
  if (b->arena == NULL || b->arena_used + length + 1 > ARENA_SIZE) {
    sqlite3_bind_text (b->stmt, b->param++, text, (int) length, SQLITE_TRANSIENT);
    return;
  }
  char *copy = memcpy (b->arena + b->arena_used, text, length + 1);
  b->arena_used += length + 1;
  sqlite3_bind_text (b->stmt, b->param++, copy, (int) length, SQLITE_STATIC);
}

static void
add_column (PcBinder *b, const char *name, const char *suffix)
{
  gsize start = b->columns->len;
  g_string_append_printf (b->columns, ", %s%s", name, suffix);
  g_strdelimit (b->columns->str + start, ".", '_');
  b->n_columns++;
}

static void
bind_number (PcBinder *b, double value)
{
  if (isfinite (value))
    sqlite3_bind_double (b->stmt, b->param++, value);
  else
    sqlite3_bind_null (b->stmt, b->param++);
}

static void
binder_field (gpointer data, const PcField *field)
{
  PcBinder *b = data;
  if (b->skip && g_str_has_prefix (field->name, b->skip))
    return;
  gboolean triple = field->type == PC_FIELD_PERCENTILES;
  if (b->columns) {
    add_column (b, field->name, triple ? "_p10" : "");
    if (triple)
      add_column (b, field->name, "_p50"), add_column (b, field->name, "_p90");
    return;
  }
  const PcPercentiles *p = &field->percentiles;
  switch (field->type) {
  case PC_FIELD_TEXT:
    if (field->text)
      bind_text (b, field->text);
    else
      sqlite3_bind_null (b->stmt, b->param++);
    break;
  case PC_FIELD_INTEGER:
    if (field->number >= 0)
      sqlite3_bind_int64 (b->stmt, b->param++, (gint64) field->number);
    else
      sqlite3_bind_null (b->stmt, b->param++);
    break;
  case PC_FIELD_NUMBER:
    bind_number (b, field->number);
    break;
  case PC_FIELD_PERCENTILES:
    bind_number (b, p->valid ? p->p10 : NAN);
    bind_number (b, p->valid ? p->p50 : NAN);
    bind_number (b, p->valid ? p->p90 : NAN);
    break;
  case PC_FIELD_UINT64:
    sqlite3_bind_int64 (b->stmt, b->param++, pc_sqlite_int64_of (field->uint64));
    break;
  }
}

/* "INSERT INTO table (export_id, keys..., fields...) VALUES (?, ...)". */
static sqlite3_stmt *
table_prepare (PcSqliteExport *x, PcTableId table, PcRowFunc row, const PcRowSource *source, GError **error)
{
  g_autoptr (GString) columns = g_string_new ("export_id");
  PcBinder names = { NULL, 0, tables[table].skip, columns, 1 + tables[table].n_keys, NULL, 0 };
  if (tables[table].keys)
    g_string_append_printf (columns, ", %s", tables[table].keys);
  row (source, binder_field, &names);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_string_append_printf (sql, "INSERT INTO %s (%s) VALUES (?", tables[table].name, columns->str);
  for (guint i = 1; i < names.n_columns; i++)
    g_string_append (sql, ", ?");
  g_string_append_c (sql, ')');
  return pc_sqlite_prepare (x->db, x->path, sql->str, error);
}

/* Adds one row of @table: export id, @keys, then @row's fields. */
static gboolean
table_insert (PcSqliteExport *x, PcTableId table, const gint64 *keys, PcRowFunc row, const PcRowSource *source,
              GError **error)
{
  if (x->stmts[table] == NULL && !(x->stmts[table] = table_prepare (x, table, row, source, error)))
    return FALSE;
  PcBinder b = { x->stmts[table], 1, tables[table].skip, NULL, 0, x->arena, 0 };
  sqlite3_bind_int64 (b.stmt, b.param++, x->export_id);
  for (guint k = 0; k < tables[table].n_keys; k++)
    sqlite3_bind_int64 (b.stmt, b.param++, keys[k]);
  row (source, binder_field, &b);
  x->rows++;
  return pc_sqlite_step_done (b.stmt, x->path, error);
}

/* ---- rows ---- */

static void run_row (const PcRowSource *s, PcFieldFunc f, gpointer d) { pc_run_fields (s->model, s->run, f, d); }
static void run_phase_row (const PcRowSource *s, PcFieldFunc f, gpointer d) { pc_run_phase_fields (s->model, s->run, s->index, f, d); }
static void run_indicator_row (const PcRowSource *s, PcFieldFunc f, gpointer d) { pc_run_indicator_fields (s->model, s->run, s->index, f, d); }
static void run_month_row (const PcRowSource *s, PcFieldFunc f, gpointer d) { pc_run_month_fields (s->model, s->run, s->index, f, d); }
static void run_line_row (const PcRowSource *s, PcFieldFunc f, gpointer d) { pc_run_line_fields (s->model, s->run, s->index, f, d); }
static void run_month_component_row (const PcRowSource *s, PcFieldFunc f, gpointer d)
{
  pc_run_month_component_fields (s->model, s->run, s->index, s->slot, f, d);
}
static void phase_row (const PcRowSource *s, PcFieldFunc f, gpointer d) { pc_report_phase_fields (s->report, s->index, f, d); }
static void indicator_row (const PcRowSource *s, PcFieldFunc f, gpointer d) { pc_report_indicator_fields (s->report, s->index, f, d); }
static void component_row (const PcRowSource *s, PcFieldFunc f, gpointer d) { pc_report_component_fields (s->report, s->index, s->slot, f, d); }
static void runway_row (const PcRowSource *s, PcFieldFunc f, gpointer d) { pc_report_runway_fields (s->report, s->index, s->slot, f, d); }
static void month_row (const PcRowSource *s, PcFieldFunc f, gpointer d) { pc_report_month_fields (s->report, s->index, f, d); }
static void scenario_row (const PcRowSource *s, PcFieldFunc f, gpointer d) { pc_report_scenario_fields (s->report, f, d); }
static void currency_row (const PcRowSource *s, PcFieldFunc f, gpointer d) { pc_report_money_fields (s->report, f, d); }
static void money_row (const PcRowSource *s, PcFieldFunc f, gpointer d) { pc_report_period_fields (s->report, s->index, f, d); }
static void indicator_month_row (const PcRowSource *s, PcFieldFunc f, gpointer d)
{
  pc_report_indicator_key_fields (s->report, s->index, f, d);
  pc_report_indicator_month_fields (s->report, s->index, s->slot, f, d);
}

/* The planner's rows: the currency, money by period, and each indicator's
 * value month by month. */
static gboolean
write_planning (PcSqliteExport *x, const PcReport *report, GError **error)
{
  PcRowSource s = { x->model, report, report->median_run, 0, 0 };
  if (!table_insert (x, T_CURRENCY, NULL, currency_row, &s, error))
    return FALSE;
  for (s.index = 0; s.index < report->periods->len; s.index++) {
    gint64 key = s.index;
    if (!table_insert (x, T_MONEY, &key, money_row, &s, error))
      return FALSE;
  }
  for (s.index = 0; s.index < x->model->n_indicators; s.index++)
    for (s.slot = 0; s.slot < report->median_run->n_months; s.slot++) {
      gint64 key = s.index;
      if (!table_insert (x, T_INDICATOR_MONTH, &key, indicator_month_row, &s, error))
        return FALSE;
    }
  return TRUE;
}

/* Month by month, a detailed run's cost by component and by line item:
 * into the run_month_* tables (@median FALSE) or month_* (the median run). */
static gboolean
write_month_costs (PcSqliteExport *x, const PcRunResult *run, gboolean median, GError **error)
{
  PcRowSource s = { x->model, NULL, run, 0, 0 };
  PcTableId components = median ? T_MONTH_COMPONENT : T_RUN_MONTH_COMPONENT;
  for (s.index = 0; s.index < run->n_months; s.index++) {
    const PcPhasePlan *plan = &x->model->phases[run->months[s.index].phase];
    if (!median && !table_insert (x, T_RUN_MONTH, NULL, run_month_row, &s, error))
      return FALSE;
    for (guint c = 0; c < plan->n_components; c++) {
      s.slot = plan->components[c].slot;
      if (!table_insert (x, components, NULL, run_month_component_row, &s, error))
        return FALSE;
    }
  }
  for (s.index = 0; s.index < run->lines->len; s.index++)
    if (!table_insert (x, median ? T_MONTH_LINE : T_RUN_MONTH_LINE, NULL, run_line_row, &s, error))
      return FALSE;
  return TRUE;
}

static gboolean
write_run (PcSqliteExport *x, const PcRunResult *run, GError **error)
{
  PcRowSource s = { x->model, NULL, run, 0, 0 };
  if (!table_insert (x, T_RUN, NULL, run_row, &s, error))
    return FALSE;
  for (s.index = 0; s.index < run->n_phases; s.index++)
    if (!table_insert (x, T_RUN_PHASE, NULL, run_phase_row, &s, error))
      return FALSE;
  for (s.index = 0; s.index < run->n_indicators; s.index++)
    if (!table_insert (x, T_RUN_INDICATOR, NULL, run_indicator_row, &s, error))
      return FALSE;
  return x->options.detail < PC_EXPORT_MONTHS || write_month_costs (x, run, FALSE, error);
}

static gboolean
sink_run (PcRunSink *sink, const PcRunResult *run, GError **error)
{
  PcSqliteExport *x = (PcSqliteExport *) sink;
  PcClock start = clock_start ();
  gboolean ok = write_run (x, run, error);
  clock_stop (x, start);
  return ok;
}

/* Phase @phase's row, its runway items, and its components if some run
 * reached it. */
static gboolean
write_phase (PcSqliteExport *x, const PcReport *report, guint phase, GError **error)
{
  PcRowSource s = { x->model, report, report->median_run, phase, 0 };
  gint64 keys[2] = { phase, 0 };
  if (!table_insert (x, T_PHASE, keys, phase_row, &s, error))
    return FALSE;
  for (s.slot = 0; s.slot < x->model->n_runway; s.slot++) {
    keys[1] = s.slot;
    if (!table_insert (x, T_RUNWAY, keys, runway_row, &s, error))
      return FALSE;
  }
  guint n_components = report->phases[phase].reached_probability > 0 ? x->model->phases[phase].n_components : 0;
  for (s.slot = 0; s.slot < n_components; s.slot++) {
    keys[1] = s.slot;
    if (!table_insert (x, T_COMPONENT, keys, component_row, &s, error))
      return FALSE;
  }
  return TRUE;
}

/* The report's rows: phases (with runway and components), indicators, and
 * the median run's months. */
static gboolean
write_report (PcSqliteExport *x, const PcReport *report, GError **error)
{
  PcRowSource s = { x->model, report, report->median_run, 0, 0 };
  for (guint p = 0; p < x->model->n_phases; p++)
    if (!write_phase (x, report, p, error))
      return FALSE;
  for (s.index = 0; s.index < x->model->n_indicators; s.index++) {
    gint64 key = s.index;
    if (!table_insert (x, T_INDICATOR, &key, indicator_row, &s, error))
      return FALSE;
  }
  for (s.index = 0; s.index < report->median_run->n_months; s.index++)
    if (!table_insert (x, T_MONTH, NULL, month_row, &s, error))
      return FALSE;
  return write_month_costs (x, report->median_run, TRUE, error) && write_planning (x, report, error);
}

/* Fills the export row's scenario fields, known once every run is in. */
static gboolean
update_export (PcSqliteExport *x, const PcReport *report, GError **error)
{
  PcRowSource s = { x->model, report, NULL, 0, 0 };
  g_autoptr (GString) columns = g_string_new (NULL);
  PcBinder names = { NULL, 0, NULL, columns, 0, NULL, 0 };
  scenario_row (&s, binder_field, &names);
  g_auto (GStrv) list = g_strsplit (columns->str + 2, ", ", -1);
  g_autofree char *assignments = g_strjoinv (" = ?, ", list);
  g_autofree char *sql = g_strdup_printf ("UPDATE export SET %s = ? WHERE id = ?", assignments);
  g_autoptr (sqlite3_stmt) stmt = pc_sqlite_prepare (x->db, x->path, sql, error);
  if (stmt == NULL)
    return FALSE;
  PcBinder b = { stmt, 1, NULL, NULL, 0, NULL, 0 };
  scenario_row (&s, binder_field, &b);
  sqlite3_bind_int64 (stmt, b.param, x->export_id);
  return pc_sqlite_step_done (stmt, x->path, error);
}

static gboolean
sink_finish (PcRunSink *sink, const PcReport *report, PcAggregate *aggregate, GError **error)
{
  PcSqliteExport *x = (PcSqliteExport *) sink;
  PcClock start = clock_start ();
  gboolean ok = write_report (x, report, error) && update_export (x, report, error) &&
                pc_sqlite_write_summaries (x->db, x->path, x->export_id, aggregate, error) &&
                pc_sqlite_exec (x->db, x->path, "COMMIT", error);
  x->committed = ok;
  /* Copy the WAL into the database now (as far as readers allow), so the
   * export's time includes it; a failure here loses nothing. */
  if (ok)
    sqlite3_wal_checkpoint_v2 (x->db, NULL, SQLITE_CHECKPOINT_PASSIVE, NULL, NULL);
  clock_stop (x, start);
  return ok;
}

/* ---- the export row ---- */

static char *
now_utc (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%dT%H:%M:%SZ");
}

static gboolean
insert_inputs (PcSqliteExport *x, const GPtrArray *files, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    pc_sqlite_prepare (x->db, x->path, "INSERT INTO export_input (export_id, role, path, sha256) VALUES (?, ?, ?, ?)",
                       error);
  for (guint i = 0; stmt && i < files->len; i++) {
    const PcInputFile *file = files->pdata[i];
    sqlite3_bind_int64 (stmt, 1, x->export_id);
    sqlite3_bind_text (stmt, 2, file->role, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 3, file->path, -1, SQLITE_STATIC);
    sqlite3_bind_text (stmt, 4, file->sha256, -1, SQLITE_STATIC);
    if (!pc_sqlite_step_done (stmt, x->path, error))
      return FALSE;
  }
  return stmt != NULL;
}

/* What identifies an export for --replace, bound as ?1 to ?5 of both the
 * DELETE and the INSERT of the export row. */
static void
bind_identity (sqlite3_stmt *stmt, const PcModel *model, guint64 seed, const PcSimulateOptions *simulate)
{
  sqlite3_bind_text (stmt, 1, model->scenario->name, -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 2, model->roadmap->name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, pc_sqlite_int64_of (seed));
  if (simulate->n_shards > 1)
    sqlite3_bind_int64 (stmt, 4, simulate->shard), sqlite3_bind_int64 (stmt, 5, simulate->n_shards);
  else
    sqlite3_bind_null (stmt, 4), sqlite3_bind_null (stmt, 5);
}

/* With --replace: deletes the exports of the same scenario, roadmap, seed
 * and shard, and their rows in every table. */
static gboolean
delete_replaced (PcSqliteExport *x, guint64 seed, const PcSimulateOptions *simulate, GError **error)
{
  static const char same[] = "SELECT id FROM export WHERE name = ?1 AND roadmap = ?2 AND seed = ?3 AND shard IS ?4 "
                             "AND n_shards IS ?5";
  for (guint t = 0; pc_sqlite_export_tables[t] != NULL; t++) {
    g_autofree char *sql = g_strdup_printf ("DELETE FROM %s WHERE export_id IN (%s)", pc_sqlite_export_tables[t], same);
    g_autoptr (sqlite3_stmt) stmt = pc_sqlite_prepare (x->db, x->path, sql, error);
    if (stmt == NULL)
      return FALSE;
    bind_identity (stmt, x->model, seed, simulate);
    if (!pc_sqlite_step_done (stmt, x->path, error))
      return FALSE;
  }
  g_autofree char *sql = g_strdup_printf ("DELETE FROM export WHERE id IN (%s)", same);
  g_autoptr (sqlite3_stmt) stmt = pc_sqlite_prepare (x->db, x->path, sql, error);
  if (stmt == NULL)
    return FALSE;
  bind_identity (stmt, x->model, seed, simulate);
  return pc_sqlite_step_done (stmt, x->path, error);
}

static gboolean
insert_export (PcSqliteExport *x, const GPtrArray *inputs, const PcSimulateOptions *simulate, GError **error)
{
  const PcScenario *scenario = x->model->scenario;
  guint64 seed = simulate->seed_set ? simulate->seed : scenario->seed;
  guint runs = simulate->runs ? simulate->runs : MAX (1u, scenario->runs);
  const PcInputFile *scenario_file = inputs->pdata[0], *roadmap_file = inputs->pdata[1];
  g_autofree char *created = now_utc ();
  if (x->options.replace && !delete_replaced (x, seed, simulate, error))
    return FALSE;
  g_autoptr (sqlite3_stmt) stmt =
    pc_sqlite_prepare (x->db, x->path, "INSERT INTO export (name, roadmap, seed, shard, n_shards, created_at, "
                       "phasecast_version, scenario_path, scenario_sha256, roadmap_path, roadmap_sha256, detail, "
                       "region, horizon_months, simulation_runs) "
                       "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)", error);
  if (stmt == NULL)
    return FALSE;
  bind_identity (stmt, x->model, seed, simulate);
  const char *texts[] = { created, PC_LIBRARY_VERSION, scenario_file->path, scenario_file->sha256, roadmap_file->path,
                          roadmap_file->sha256, pc_export_detail_name (x->options.detail), scenario->region };
  for (guint i = 0; i < G_N_ELEMENTS (texts); i++)
    sqlite3_bind_text (stmt, 6 + (int) i, texts[i], -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 14, scenario->horizon_months);
  sqlite3_bind_int64 (stmt, 15, runs);
  if (!pc_sqlite_step_done (stmt, x->path, error))
    return FALSE;
  x->export_id = sqlite3_last_insert_rowid (x->db);
  return insert_inputs (x, inputs, error);
}

/* ---- life cycle ---- */

static const char *const detail_names[] = { [PC_EXPORT_SUMMARY] = "summary", [PC_EXPORT_RUNS] = "runs",
                                            [PC_EXPORT_MONTHS] = "months" };

const char *
pc_export_detail_name (PcExportDetail detail)
{
  return detail_names[detail];
}

gboolean
pc_export_detail_parse (const char *text, PcExportDetail *detail)
{
  for (guint i = 0; i < G_N_ELEMENTS (detail_names); i++)
    if (g_strcmp0 (text, detail_names[i]) == 0) {
      *detail = (PcExportDetail) i;
      return TRUE;
    }
  return FALSE;
}

PcSqliteExport *
pc_sqlite_export_new (const char *path, const PcModel *model, const PcSimulateOptions *simulate,
                      const PcSqliteOptions *options, GError **error)
{
  g_autoptr (GPtrArray) inputs = pc_model_input_files (model, error);
  if (inputs == NULL)
    return NULL;
  g_autoptr (PcSqliteExport) x = g_new0 (PcSqliteExport, 1);
  x->sink.detail = options->detail == PC_EXPORT_MONTHS ? PC_DETAIL_MONTHS : PC_DETAIL_NONE;
  x->sink.run = options->detail >= PC_EXPORT_RUNS ? sink_run : NULL;
  x->sink.finish = sink_finish;
  x->path = g_strdup (path);
  x->model = model;
  x->options = *options;
  PcClock start = clock_start ();
  x->db = pc_sqlite_open_writer (path, error);
  if (x->db == NULL || !insert_export (x, inputs, simulate, error))
    return NULL;
  clock_stop (x, start);
  return g_steal_pointer (&x);
}

PcRunSink *
pc_sqlite_export_sink (PcSqliteExport *x)
{
  return &x->sink;
}

gint64
pc_sqlite_export_id (const PcSqliteExport *x)
{
  return x->export_id;
}

sqlite3 *
pc_sqlite_export_db (PcSqliteExport *x)
{
  return x->db;
}

void
pc_sqlite_export_stats (const PcSqliteExport *x, guint64 *rows, double *seconds, double *cpu_seconds)
{
  *rows = x->rows;
  *seconds = x->writing_us / 1e6;
  *cpu_seconds = x->writing_cpu;
}

/* Rolls back unless the export was committed. */
void
pc_sqlite_export_free (PcSqliteExport *x)
{
  if (x == NULL)
    return;
  for (guint t = 0; t < T_COUNT; t++)
    sqlite3_finalize (x->stmts[t]);
  if (x->db && !x->committed)
    sqlite3_exec (x->db, "ROLLBACK", NULL, NULL, NULL);
  sqlite3_close (x->db);
  g_free (x->path);
  g_free (x);
}
