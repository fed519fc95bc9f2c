/* sqlite-summary.c - an aggregate's summaries in the database, exactly, so
 * that the shards of one simulation, exported separately, merge into the
 * aggregate one process would have built (and so into the same report).
 *
 * Month counts (exact) are rows an analyst can read: month_count holds,
 * per summary ("phase.decided", "phase.entered", "indicator.fired") and
 * index (phase or indicator), the number of runs with each month.
 * Sketches (sketch.c) are stored as they are kept: one summary_sketch row
 * with the exact count, zeros, minimum and maximum, and the bins from
 * first_bin on as little-endian blobs of 32-bit integers (counts; lowest
 * run index).  Doubles are stored as SQLite REALs, which keep all
 * 64 bits, so nothing is rounded on the way.
 */
#include "pc-sqlite.h"

typedef struct {
  sqlite3_stmt *counts, *sketch;
  const char *path;
  gint64 export_id;
  GError *error;
} PcSummaryWriter;

static void
bind_key (sqlite3_stmt *stmt, gint64 export_id, const char *name, guint index)
{
  sqlite3_bind_int64 (stmt, 1, export_id);
  sqlite3_bind_text (stmt, 2, name, -1, SQLITE_STATIC);
  sqlite3_bind_int64 (stmt, 3, index);
}

static void
write_counts (gpointer data, const char *name, guint index, PcMonthCounts *counts)
{
  PcSummaryWriter *w = data;
  for (guint month = 0; w->error == NULL && month < counts->n_values; month++) {
    if (counts->counts[month] == 0)
      continue;
    bind_key (w->counts, w->export_id, name, index);
    sqlite3_bind_int64 (w->counts, 4, month);
    sqlite3_bind_int64 (w->counts, 5, (gint64) counts->counts[month]);
    pc_sqlite_step_done (w->counts, w->path, &w->error);
  }
}

/* The sketch's bins as little-endian 32-bit blobs. */
static void
bind_bins (sqlite3_stmt *stmt, const PcSketch *s)
{
  guint n = s->n_bins;
  guint32 *counts = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    counts[i] = GUINT32_TO_LE ((guint32) pc_sketch_count (s, i));
  sqlite3_bind_blob (stmt, 11, counts, (int) (n * sizeof (guint32)), g_free);
  if (!s->track_runs) {
    sqlite3_bind_null (stmt, 12);
    return;
  }
  guint32 *runs = g_new (guint32, MAX (n, 1));
  for (guint i = 0; i < n; i++)
    runs[i] = GUINT32_TO_LE (s->first_run[i]);
  sqlite3_bind_blob (stmt, 12, runs, (int) (n * sizeof (guint32)), g_free);
}

static void
write_sketch (gpointer data, const char *name, guint index, PcSketch *s)
{
  PcSummaryWriter *w = data;
  if (w->error != NULL)
    return;
  sqlite3_stmt *stmt = w->sketch;
  bind_key (stmt, w->export_id, name, index);
  sqlite3_bind_double (stmt, 4, s->relative_width);
  sqlite3_bind_int64 (stmt, 5, (gint64) s->n);
  sqlite3_bind_int64 (stmt, 6, (gint64) s->zeros);
  if (s->n > 0)
    sqlite3_bind_double (stmt, 7, s->min), sqlite3_bind_double (stmt, 8, s->max);
  else
    sqlite3_bind_null (stmt, 7), sqlite3_bind_null (stmt, 8);
  if (s->zero_first_run != G_MAXUINT)
    sqlite3_bind_int64 (stmt, 9, s->zero_first_run);
  else
    sqlite3_bind_null (stmt, 9);
  sqlite3_bind_int64 (stmt, 10, s->first);
  bind_bins (stmt, s);
  pc_sqlite_step_done (stmt, w->path, &w->error);
  sqlite3_clear_bindings (stmt);
}

gboolean
pc_sqlite_write_summaries (sqlite3 *db, const char *path, gint64 export_id, PcAggregate *aggregate, GError **error)
{
  g_autoptr (sqlite3_stmt) counts =
    pc_sqlite_prepare (db, path, "INSERT INTO month_count (export_id, summary, idx, month, runs) VALUES (?, ?, ?, ?, ?)",
                       error);
  g_autoptr (sqlite3_stmt) sketch =
    counts ? pc_sqlite_prepare (db, path, "INSERT INTO summary_sketch (export_id, summary, idx, relative_width, n, "
                                "zeros, min, max, zero_first_run, first_bin, counts, first_runs) "
                                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", error)
           : NULL;
  if (sketch == NULL)
    return FALSE;
  PcSummaryWriter w = { counts, sketch, path, export_id, NULL };
  pc_aggregate_visit (aggregate, write_counts, write_sketch, &w);
  if (w.error != NULL) {
    g_propagate_error (error, w.error);
    return FALSE;
  }
  return TRUE;
}

/* ---- reading back ---- */

typedef struct {
  GHashTable *counts, *sketches;   /* "name/index" -> the aggregate's summary */
} PcSummaryIndex;

static void
index_counts (gpointer data, const char *name, guint index, PcMonthCounts *counts)
{
  g_hash_table_insert (((PcSummaryIndex *) data)->counts, g_strdup_printf ("%s/%u", name, index), counts);
}

static void
index_sketch (gpointer data, const char *name, guint index, PcSketch *sketch)
{
  g_hash_table_insert (((PcSummaryIndex *) data)->sketches, g_strdup_printf ("%s/%u", name, index), sketch);
}

static gpointer
lookup (GHashTable *table, sqlite3_stmt *stmt)
{
  g_autofree char *key = g_strdup_printf ("%s/%" G_GINT64_FORMAT, (const char *) sqlite3_column_text (stmt, 0),
                                          (gint64) sqlite3_column_int64 (stmt, 1));
  return g_hash_table_lookup (table, key);
}

static gboolean
corrupt (GError **error, const char *path, sqlite3_stmt *stmt, const char *table, const char *why)
{
  g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_FAILED, "%s: %s row (summary \"%s\", idx %" G_GINT64_FORMAT
               "): %s; the file was not written by this phasecast for this scenario", path, table,
               (const char *) sqlite3_column_text (stmt, 0), (gint64) sqlite3_column_int64 (stmt, 1), why);
  return FALSE;
}

static gboolean
read_counts (sqlite3 *db, const char *path, gint64 export_id, GHashTable *index, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    pc_sqlite_prepare (db, path, "SELECT summary, idx, month, runs FROM month_count WHERE export_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, export_id);
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW) {
    PcMonthCounts *counts = lookup (index, stmt);
    gint64 month = sqlite3_column_int64 (stmt, 2), runs = sqlite3_column_int64 (stmt, 3);
    if (counts == NULL || month < 0 || month >= counts->n_values || runs <= 0)
      return corrupt (error, path, stmt, "month_count", "no such summary, or a month or count out of range");
    pc_month_counts_add (counts, (guint) month, (guint64) runs);
  }
  if (rc == SQLITE_DONE)
    return TRUE;
  pc_sqlite_set_error (error, db, path, "cannot read month_count");
  return FALSE;
}

/* The stored sketch of the current row, or NULL when it does not hold
 * together (blob sizes, counts adding up to n). */
static PcSketch *
sketch_from_row (sqlite3_stmt *stmt)
{
  int bytes = sqlite3_column_bytes (stmt, 9), run_bytes = sqlite3_column_bytes (stmt, 10);
  gboolean track = sqlite3_column_type (stmt, 10) != SQLITE_NULL;
  gsize n_bins = (gsize) bytes / sizeof (guint32);
  if (bytes % sizeof (guint32) != 0 || (track && run_bytes != bytes))
    return NULL;
  g_autoptr (PcSketch) s = pc_sketch_new (sqlite3_column_double (stmt, 2), track);
  s->n = (guint64) sqlite3_column_int64 (stmt, 3);
  s->zeros = (guint64) sqlite3_column_int64 (stmt, 4);
  s->min = sqlite3_column_type (stmt, 5) == SQLITE_NULL ? INFINITY : sqlite3_column_double (stmt, 5);
  s->max = sqlite3_column_type (stmt, 6) == SQLITE_NULL ? -INFINITY : sqlite3_column_double (stmt, 6);
  s->zero_first_run = sqlite3_column_type (stmt, 7) == SQLITE_NULL ? G_MAXUINT : (guint) sqlite3_column_int64 (stmt, 7);
  int first = (int) sqlite3_column_int64 (stmt, 8);
  const guint8 *counts = sqlite3_column_blob (stmt, 9), *runs = sqlite3_column_blob (stmt, 10);
  guint64 total = s->zeros;
  for (gsize i = 0; i < n_bins; i++) {
    guint32 count, run = G_MAXUINT32;
    memcpy (&count, counts + i * sizeof count, sizeof count);
    if (track)
      memcpy (&run, runs + i * sizeof run, sizeof run);
    count = GUINT32_FROM_LE (count);
    if (count > 0)
      pc_sketch_add_bin (s, first + (int) i, count, GUINT32_FROM_LE (run));
    total += count;
  }
  return total == s->n ? g_steal_pointer (&s) : NULL;
}

static gboolean
read_sketches (sqlite3 *db, const char *path, gint64 export_id, GHashTable *index, GError **error)
{
  g_autoptr (sqlite3_stmt) stmt =
    pc_sqlite_prepare (db, path, "SELECT summary, idx, relative_width, n, zeros, min, max, zero_first_run, first_bin, "
                       "counts, first_runs FROM summary_sketch WHERE export_id = ?", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_int64 (stmt, 1, export_id);
  guint found = 0;
  int rc;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW) {
    PcSketch *into = lookup (index, stmt);
    if (into == NULL || sqlite3_column_double (stmt, 2) != into->relative_width)
      return corrupt (error, path, stmt, "summary_sketch", "no such summary, or another bin width");
    g_autoptr (PcSketch) stored = sketch_from_row (stmt);
    if (stored == NULL || stored->track_runs != into->track_runs)
      return corrupt (error, path, stmt, "summary_sketch", "its bins do not add up to its count");
    pc_sketch_merge (into, stored);
    found++;
  }
  if (rc != SQLITE_DONE) {
    pc_sqlite_set_error (error, db, path, "cannot read summary_sketch");
    return FALSE;
  }
  if (found != g_hash_table_size (index)) {
    g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_FAILED, "%s: export %" G_GINT64_FORMAT " holds %u of the %u "
                 "summaries this scenario has", path, export_id, found, g_hash_table_size (index));
    return FALSE;
  }
  return TRUE;
}

gboolean
pc_sqlite_read_summaries (sqlite3 *db, const char *path, gint64 export_id, guint runs, PcAggregate *aggregate,
                          GError **error)
{
  PcSummaryIndex index = { g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL),
                           g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL) };
  pc_aggregate_visit (aggregate, index_counts, index_sketch, &index);
  gboolean ok = read_counts (db, path, export_id, index.counts, error) &&
                read_sketches (db, path, export_id, index.sketches, error);
  if (ok)
    aggregate->runs += runs;
  g_hash_table_unref (index.counts);
  g_hash_table_unref (index.sketches);
  return ok;
}
