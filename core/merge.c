/* merge.c - `phasecast merge`: the shards of one simulation, exported by
 * separate processes (`run --shard K/N --sqlite part-K.db`), joined into
 * the report one process running every run would have printed.
 *
 * Run i always draws from the stream of (seed, i), whichever process runs
 * it, and the aggregate's summaries merge exactly (sketch.c), so the
 * merged aggregate is the one-process aggregate and the report built from
 * it (percentiles, and the median run simulated again) is the same, byte
 * for byte.  What must hold for that is checked first: every part's latest
 * export has the same inputs (by SHA-256), phasecast version, generator,
 * seed, run count, shard count and detail, and the parts are each shard
 * exactly once.  The merged export also carries the parts' per-run rows.
 */
#include "pc-sqlite.h"

typedef struct {
  const char *path;
  sqlite3 *db;
  gint64 export_id, shard, n_shards, simulation_runs, runs;
  guint64 seed;               /* stored as the signed integer of its bits (pc_sqlite_int64_of) */
  char *version, *rng, *detail, *scenario_path;
  char *inputs;               /* sorted "role sha256" lines: what it was computed from */
} PcPart;

static void
part_clear (PcPart *part)
{
  sqlite3_close (part->db);
  g_free (part->version);
  g_free (part->rng);
  g_free (part->detail);
  g_free (part->scenario_path);
  g_free (part->inputs);
}

static char *
column_text (sqlite3_stmt *stmt, int column)
{
  return g_strdup ((const char *) sqlite3_column_text (stmt, column));
}

static int
compare_lines (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* @lines ("role sha256"), sorted and joined: equal for the same files
 * wherever they lie. */
static char *
inputs_signature (GPtrArray *lines)
{
  g_ptr_array_sort (lines, compare_lines);
  g_ptr_array_add (lines, NULL);
  return g_strjoinv ("\n", (char **) lines->pdata);
}

static gboolean
read_inputs (PcPart *part, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    pc_sqlite_prepare (part->db, part->path, "SELECT role, sha256 FROM export_input WHERE export_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, part->export_id);
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  while (sqlite3_step (stmt) == SQLITE_ROW)
    g_ptr_array_add (lines, g_strdup_printf ("%s %s", sqlite3_column_text (stmt, 0), sqlite3_column_text (stmt, 1)));
  part->inputs = inputs_signature (lines);
  return TRUE;
}

/* Opens @part->path and reads its latest export. */
static gboolean
part_open (PcPart *part, GError **error)
{
  part->db = pc_sqlite_open_reader (part->path, error);
  if (part->db == NULL)
    return FALSE;
  g_autoptr (sqlite3_stmt) stmt =
    pc_sqlite_prepare (part->db, part->path, "SELECT id, seed, shard, n_shards, simulation_runs, runs, "
                       "phasecast_version, detail, scenario_path, rng FROM export ORDER BY id DESC LIMIT 1", error);
  if (stmt == NULL)
    return FALSE;
  if (sqlite3_step (stmt) != SQLITE_ROW) {
    g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_FAILED, "%s: no export in it", part->path);
    return FALSE;
  }
  gboolean sharded = sqlite3_column_type (stmt, 3) != SQLITE_NULL;
  part->export_id = sqlite3_column_int64 (stmt, 0);
  part->seed = pc_sqlite_uint64_of (sqlite3_column_int64 (stmt, 1));
  part->shard = sharded ? sqlite3_column_int64 (stmt, 2) : 0;
  part->n_shards = sharded ? sqlite3_column_int64 (stmt, 3) : 1;
  part->simulation_runs = sqlite3_column_int64 (stmt, 4);
  part->runs = sqlite3_column_int64 (stmt, 5);
  part->version = column_text (stmt, 6);
  part->detail = column_text (stmt, 7);
  part->scenario_path = column_text (stmt, 8);
  part->rng = column_text (stmt, 9);
  return read_inputs (part, error);
}

static gboolean
differ (GError **error, const PcPart *part, const PcPart *first, const char *what, const char *mine, const char *theirs)
{
  g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_FAILED, "%s: export %" G_GINT64_FORMAT " has %s %s, but %s has "
               "%s: not shards of one simulation", part->path, part->export_id, what, mine, first->path, theirs);
  return FALSE;
}

/* @part against the first part: everything but the shard must agree. */
static gboolean
part_matches (const PcPart *part, const PcPart *first, GError **error)
{
  g_autofree char *a = NULL, *b = NULL;
  if (!g_str_equal (part->inputs, first->inputs))
    return differ (error, part, first, "inputs", "(by SHA-256)", "others");
  if (!g_str_equal (part->version, first->version))
    return differ (error, part, first, "phasecast version", part->version, first->version);
  if (g_strcmp0 (part->rng, first->rng) != 0)
    return differ (error, part, first, "generator", part->rng ? part->rng : "none", first->rng ? first->rng : "none");
  if (!g_str_equal (part->detail, first->detail))
    return differ (error, part, first, "detail", part->detail, first->detail);
  if (part->seed != first->seed)
    return differ (error, part, first, "seed", (a = g_strdup_printf ("%" G_GUINT64_FORMAT, part->seed)),
                   (b = g_strdup_printf ("%" G_GUINT64_FORMAT, first->seed)));
  if (part->simulation_runs != first->simulation_runs || part->n_shards != first->n_shards)
    return differ (error, part, first, "runs / shards",
                   (a = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, part->simulation_runs, part->n_shards)),
                   (b = g_strdup_printf ("%" G_GINT64_FORMAT "/%" G_GINT64_FORMAT, first->simulation_runs, first->n_shards)));
  return TRUE;
}

/* Every shard 0 .. N-1 exactly once. */
static gboolean
shards_cover (const PcPart *parts, guint n_parts, GError **error)
{
  gint64 n_shards = parts[0].n_shards;
  g_autofree const PcPart **seen = g_new0 (const PcPart *, n_shards);
  for (guint i = 0; i < n_parts; i++) {
    const PcPart *part = &parts[i];
    if (part->shard < 0 || part->shard >= n_shards || seen[part->shard]) {
      g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_FAILED, "%s: shard %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
                   " is also in %s", part->path, part->shard, n_shards, seen[part->shard] ? seen[part->shard]->path : "?");
      return FALSE;
    }
    seen[part->shard] = part;
  }
  for (gint64 k = 0; k < n_shards; k++)
    if (seen[k] == NULL) {
      g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_FAILED, "shard %" G_GINT64_FORMAT " of %" G_GINT64_FORMAT
                   " is missing: give every part (%" G_GINT64_FORMAT " files)", k, n_shards, n_shards);
      return FALSE;
    }
  return TRUE;
}

/* The model, from the recorded scenario path or @scenario, whose input
 * files must be the ones the parts were simulated from. */
static PcModel *
load_model (const PcPart *first, const char *scenario, PcHost *host, GError **error)
{
  g_autoptr (PcModel) model = pc_model_new (scenario ? scenario : first->scenario_path, NULL, host, error);
  if (model == NULL)
    return NULL;
  g_autoptr (GPtrArray) files = pc_model_input_files (model, error);
  if (files == NULL)
    return NULL;
  g_autoptr (GPtrArray) lines = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < files->len; i++) {
    const PcInputFile *file = files->pdata[i];
    g_ptr_array_add (lines, g_strdup_printf ("%s %s", file->role, file->sha256));
  }
  g_autofree char *signature = inputs_signature (lines);
  if (!g_str_equal (signature, first->inputs)) {
    g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_FAILED, "%s: this scenario, its roadmap or its price catalogs "
                 "are not the files %s was simulated from (their SHA-256 differ)", model->scenario->path, first->path);
    return NULL;
  }
  return g_steal_pointer (&model);
}

/* Copies the per-run rows of @table from @part into the merged export. */
static gboolean
copy_table (sqlite3 *to, const char *to_path, gint64 to_id, const PcPart *part, const char *table, GError **error)
{
  g_autofree char *select = g_strdup_printf ("SELECT * FROM %s WHERE export_id = ?", table);
  g_autoptr (sqlite3_stmt) from = pc_sqlite_prepare (part->db, part->path, select, error);
  if (from == NULL)
    return FALSE;
  sqlite3_bind_int64 (from, 1, part->export_id);
  int n = sqlite3_column_count (from);
  g_autoptr (GString) sql = g_string_new (NULL);
  g_string_append_printf (sql, "INSERT INTO %s (%s", table, sqlite3_column_name (from, 0));
  for (int c = 1; c < n; c++)
    g_string_append_printf (sql, ", %s", sqlite3_column_name (from, c));
  g_string_append (sql, ") VALUES (?");
  for (int c = 1; c < n; c++)
    g_string_append (sql, ", ?");
  g_string_append_c (sql, ')');
  g_autoptr (sqlite3_stmt) insert = pc_sqlite_prepare (to, to_path, sql->str, error);
  int rc = SQLITE_ROW;
  while (insert && (rc = sqlite3_step (from)) == SQLITE_ROW) {
    sqlite3_bind_int64 (insert, 1, to_id);
    for (int c = 1; c < n; c++)
      sqlite3_bind_value (insert, c + 1, sqlite3_column_value (from, c));
    if (!pc_sqlite_step_done (insert, to_path, error))
      return FALSE;
  }
  if (insert && rc != SQLITE_DONE)
    pc_sqlite_set_error (error, part->db, part->path, "cannot read");
  return insert != NULL && rc == SQLITE_DONE;
}

static gboolean
copy_runs (PcSqliteExport *exporter, const char *path, const PcPart *parts, guint n_parts, GError **error)
{
  static const char *const run_tables[] = { "run", "run_phase", "run_indicator", "run_month", "run_month_component",
                                            "run_month_line" };
  for (guint i = 0; i < n_parts; i++)
    for (guint t = 0; t < G_N_ELEMENTS (run_tables); t++)
      if (!copy_table (pc_sqlite_export_db (exporter), path, pc_sqlite_export_id (exporter), &parts[i], run_tables[t],
                       error))
        return FALSE;
  return TRUE;
}

/* The merged aggregate, its report, and the merged export written. */
static PcReport *
merge_into (const PcModel *model, PcPart *parts, guint n_parts, const PcMergeOptions *options, GError **error)
{
  g_autoptr (PcAggregate) aggregate = pc_aggregate_new (model);
  for (guint i = 0; i < n_parts; i++)
    if (!pc_sqlite_read_summaries (parts[i].db, parts[i].path, parts[i].export_id, (guint) parts[i].runs, aggregate,
                                   error))
      return NULL;
  if (aggregate->runs != parts[0].simulation_runs) {
    g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_FAILED, "the parts hold %u runs, not the %" G_GINT64_FORMAT
                 " simulated", aggregate->runs, parts[0].simulation_runs);
    return NULL;
  }
  g_autoptr (PcReport) report = pc_report_new (model, aggregate, parts[0].seed, error);
  PcSimulateOptions simulate = { .runs = aggregate->runs, .seed = parts[0].seed, .seed_set = TRUE };
  PcSqliteOptions sqlite = { PC_EXPORT_SUMMARY, options->replace };
  if (report == NULL || !pc_export_detail_parse (parts[0].detail, &sqlite.detail))
    return NULL;
  g_autoptr (PcSqliteExport) exporter = pc_sqlite_export_new (options->output, model, &simulate, &sqlite, error);
  if (exporter == NULL || !copy_runs (exporter, options->output, parts, n_parts, error))
    return NULL;
  PcRunSink *sink = pc_sqlite_export_sink (exporter);
  if (!sink->finish (sink, report, aggregate, error))
    return NULL;
  return g_steal_pointer (&report);
}

PcReport *
pc_sqlite_merge (const char *const *paths, PcHost *host, const PcMergeOptions *options, PcModel **model,
                 GError **error)
{
  guint n_parts = g_strv_length ((char **) paths);
  g_return_val_if_fail (n_parts > 0, NULL);
  PcPart *parts = g_new0 (PcPart, n_parts);
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < n_parts; i++) {
    parts[i].path = paths[i];
    ok = part_open (&parts[i], error) && part_matches (&parts[i], &parts[0], error);
  }
  PcReport *report = NULL;
  *model = NULL;
  if (ok && shards_cover (parts, n_parts, error) && (*model = load_model (&parts[0], options->scenario, host, error)))
    report = merge_into (*model, parts, n_parts, options, error);
  if (report == NULL)
    g_clear_pointer (model, pc_model_free);
  for (guint i = 0; i < n_parts; i++)
    part_clear (&parts[i]);
  g_free (parts);
  return report;
}
