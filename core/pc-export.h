/* pc-export.h - runs and reports into SQLite, and shards merged back into
 * one report (export-sqlite.c, sqlite-schema.c, sqlite-summary.c,
 * inputs.c, merge.c), with the per-run rows they write (fields.c).
 * Included from phasecast.h; docs/sqlite.md describes the database. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* ---- fields.c: one run's own rows, named as the report's ---- */
PC_API void pc_run_fields (const PcModel *model, const PcRunResult *run, PcFieldFunc func, gpointer data);
PC_API void pc_run_phase_fields (const PcModel *model, const PcRunResult *run, guint phase, PcFieldFunc func,
                                 gpointer data);
PC_API void pc_run_indicator_fields (const PcModel *model, const PcRunResult *run, guint indicator, PcFieldFunc func,
                                     gpointer data);
PC_API void pc_run_month_fields (const PcModel *model, const PcRunResult *run, guint month, PcFieldFunc func,
                                 gpointer data);
/* PC_DETAIL_MONTHS runs only: */
PC_API void pc_run_month_component_fields (const PcModel *model, const PcRunResult *run, guint month, guint slot,
                                           PcFieldFunc func, gpointer data);
PC_API void pc_run_line_fields (const PcModel *model, const PcRunResult *run, guint line, PcFieldFunc func,
                                gpointer data);
/* The median run's cost line @line (index into report->median_run->lines). */
PC_API void pc_report_line_fields (const PcReport *report, guint line, PcFieldFunc func, gpointer data);

/* ---- inputs.c: the files a model was built from ---- */
typedef struct {
  char *role;                 /* "scenario", "roadmap" or "catalog" */
  char *path;                 /* absolute */
  char *sha256;               /* lower-case hex */
} PcInputFile;

/* Scenario, roadmap, then every catalog file read (once), by region name.
 * Returns: (transfer full) (element-type PcInputFile): or NULL with @error
 * when a file cannot be read again. */
PC_API GPtrArray *pc_model_input_files (const PcModel *model, GError **error);

/* ---- export-sqlite.c ---- */
/* The layout docs/sqlite.md describes; PRAGMA user_version of the file. */
#define PC_SQLITE_SCHEMA_VERSION 3
/* PRAGMA application_id of every phasecast database ("phca"). */
#define PC_SQLITE_APPLICATION_ID 0x70686361

typedef enum {
  PC_EXPORT_SUMMARY,          /* the report's tables and the median run's months */
  PC_EXPORT_RUNS,             /* also a row per run, per run and phase, per run and indicator */
  PC_EXPORT_MONTHS,           /* also every run's months, by component and by line item */
} PcExportDetail;

PC_API const char *pc_export_detail_name (PcExportDetail detail);
PC_API gboolean pc_export_detail_parse (const char *text, PcExportDetail *detail);

typedef struct {
  PcExportDetail detail;
  gboolean replace;           /* first delete the exports of the same scenario, roadmap, seed and shard */
} PcSqliteOptions;

typedef struct _PcSqliteExport PcSqliteExport;

/* Opens (or creates) @path and starts one export of @model simulated with
 * @simulate, inside a transaction that only pc_simulate() finishing
 * commits: freeing the export before that rolls every row back.  Refuses,
 * touching nothing, a file that is not a phasecast database or has a newer
 * schema; migrates an older one.
 * Returns: (transfer full): or NULL with @error set. */
PC_API PcSqliteExport *pc_sqlite_export_new (const char *path, const PcModel *model, const PcSimulateOptions *simulate,
                                             const PcSqliteOptions *options, GError **error);
/* The run sink to list in PcSimulateOptions.sinks (owned by @exporter). */
PC_API PcRunSink *pc_sqlite_export_sink (PcSqliteExport *exporter);
/* The export's id, once created. */
PC_API gint64 pc_sqlite_export_id (const PcSqliteExport *exporter);
/* Rows written so far, and the wall and CPU time spent writing them. */
PC_API void pc_sqlite_export_stats (const PcSqliteExport *exporter, guint64 *rows, double *seconds,
                                    double *cpu_seconds);
/* Closes the file; rolls the export back unless pc_simulate() finished it. */
PC_API void pc_sqlite_export_free (PcSqliteExport *exporter);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcSqliteExport, pc_sqlite_export_free)

/* ---- merge.c: shards back into one simulation ---- */
typedef struct {
  const char *output;         /* the merged database (a new export in it) */
  const char *scenario;       /* nullable: read instead of the path the parts recorded */
  gboolean replace;           /* as PcSqliteOptions.replace */
} PcMergeOptions;

/* Reads the latest export of every part, checks that together they are the
 * shards of one simulation (same inputs by SHA-256, seed, runs and shard
 * count; every shard once), merges their summaries, simulates the median
 * run again and writes the merged export to @options->output.
 * Returns: (transfer full): the report, whose model *@model the caller
 * frees after it; or NULL (and *@model NULL) with @error set. */
PC_API PcReport *pc_sqlite_merge (const char *const *parts, PcHost *host, const PcMergeOptions *options,
                                  PcModel **model, GError **error);

G_END_DECLS
