/* pc-sqlite.h - what the SQLite files of libphasecast share: opening a
 * database the safe way (sqlite-schema.c) and storing an aggregate's
 * summaries (sqlite-summary.c).  Private. */
#pragma once

#include "pc-private.h"

#include "pc-aggregate.h"

#include <sqlite3.h>

G_BEGIN_DECLS

G_DEFINE_AUTOPTR_CLEANUP_FUNC (sqlite3_stmt, sqlite3_finalize)

/* ---- sqlite-schema.c ---- */
/* NULL-terminated: the tables whose rows belong to an export. */
extern const char *const pc_sqlite_export_tables[];
/* Opens @path to add an export: refuses (changing nothing) a file that is
 * not a phasecast database or whose schema is newer, then switches it to
 * WAL, begins an IMMEDIATE transaction (waiting for other writers) and
 * migrates an older schema inside it.  Returns: (transfer full): the
 * connection with the transaction open, or NULL with @error set. */
sqlite3 *pc_sqlite_open_writer (const char *path, GError **error);
/* Opens @path read-only; its schema must be this version. */
sqlite3 *pc_sqlite_open_reader (const char *path, GError **error);
/* Applies the migrations from version @from to @to (inside the caller's
 * transaction) and stamps the file as version @to. */
gboolean pc_sqlite_migrate (sqlite3 *db, const char *path, int from, int to, GError **error);
/* Sets @error to "@path: @doing: <SQLite's message>". */
void pc_sqlite_set_error (GError **error, sqlite3 *db, const char *path, const char *doing);
gboolean pc_sqlite_exec (sqlite3 *db, const char *path, const char *sql, GError **error);
sqlite3_stmt *pc_sqlite_prepare (sqlite3 *db, const char *path, const char *sql, GError **error);
/* Steps @stmt to SQLITE_DONE and resets it. */
gboolean pc_sqlite_step_done (sqlite3_stmt *stmt, const char *path, GError **error);

/* ---- sqlite-schema.c: 64-bit whole numbers (seeds) ---- */
/* SQLite's INTEGER is signed: a seed (0 to 2^64 - 1) is stored as the
 * signed integer of the same 64 bits, so one above G_MAXINT64 is negative
 * (2^64 - 1 is -1) and printf('%u', seed) gives it back in SQL. */
gint64 pc_sqlite_int64_of (guint64 value);
guint64 pc_sqlite_uint64_of (gint64 stored);

/* ---- export-sqlite.c ---- */
/* The connection of an export (its transaction open until finished). */
sqlite3 *pc_sqlite_export_db (PcSqliteExport *exporter);

/* ---- sqlite-summary.c ---- */
/* Stores every summary of @aggregate under @export_id (month_count,
 * summary_sketch), exactly: reading them back gives the same aggregate. */
gboolean pc_sqlite_write_summaries (sqlite3 *db, const char *path, gint64 export_id, PcAggregate *aggregate,
                                    GError **error);
/* Adds the summaries stored under @export_id into @aggregate (of the same
 * model), which then holds @runs more runs. */
gboolean pc_sqlite_read_summaries (sqlite3 *db, const char *path, gint64 export_id, guint runs,
                                   PcAggregate *aggregate, GError **error);

G_END_DECLS
