/* testdb.h - helpers for the SQLite, shard and command-line tests: small
 * worlds written to a temporary folder, queries that must succeed, and
 * the phasecast program run as a child process. */
#pragma once

#include "testlib.h"

#include <sqlite3.h>

/* A scenario and its roadmap in a temporary folder that the test removes
 * with pc_world_free(). */
typedef struct {
  char *dir, *scenario, *roadmap;
} PcWorld;

/* The fixed-cost world of test-run.c: 12 months from 2026-01, customers
 * m at month m (10 from month 10), 10 users each and 100 requests a user
 * a day, so month m costs 30.4167 m USD ($1 per 1,000 requests); phase b
 * (customers >= 5, decided at month 5, entered at month 6 after a 10-day
 * lead time) adds a $100 base line.  @extra_components is more
 * <component> XML for phase a; @runs and @seed go into <montecarlo>. */
PcWorld *pc_world_new (guint runs, guint64 seed, const char *extra_components);
void pc_world_free (PcWorld *world);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcWorld, pc_world_free)
/* A path under the world's folder (transfer full). */
char *pc_world_path (const PcWorld *world, const char *name);
PcModel *pc_world_model (const PcWorld *world, PcHost *host);

/* The source tree's scenarios/NAME (transfer full). */
char *pc_test_scenario (const char *name);
/* The shipped scenario @name (under scenarios/), loaded with the tests' shared host. */
PcModel *pc_test_model (const char *name);

/* Queries that must succeed: the first column of the first row. */
sqlite3 *pc_db_open (const char *path);
/* Creates @path (it must not exist). */
sqlite3 *pc_db_open_new (const char *path);
gint64 pc_db_int (sqlite3 *db, const char *sql_format, ...) G_GNUC_PRINTF (2, 3);
double pc_db_double (sqlite3 *db, const char *sql_format, ...) G_GNUC_PRINTF (2, 3);
/* (transfer full), NULL for SQL NULL. */
char *pc_db_text (sqlite3 *db, const char *sql_format, ...) G_GNUC_PRINTF (2, 3);
/* Rows of @table under @export_id. */
gint64 pc_db_rows (sqlite3 *db, const char *table, gint64 export_id);
/* Rows of every table that belongs to exports (pc_sqlite_export_tables). */
gint64 pc_db_all_rows (sqlite3 *db);

/* Exports @runs runs of @model into @path (1 thread) with @detail; returns
 * the report and sets *@export_id.  Asserts success. */
PcReport *pc_export (const PcModel *model, const char *path, guint runs, guint64 seed, PcExportDetail detail,
                     gboolean replace, gint64 *export_id);

/* Runs the phasecast program (built beside the tests: $PHASECAST_EXE) with
 * @argv (NULL-terminated, without the program), returns its exit status
 * and, if not NULL, its standard output and error (transfer full). */
int pc_run_phasecast (const char *const *argv, char **out, char **err);
/* Runs the phasecast program with @args to its end (exit 0 asserted);
 * returns its peak resident memory in MiB (ru_maxrss) and the wall time. */
double pc_phasecast_peak_rss (const char *const *args, double *seconds);
