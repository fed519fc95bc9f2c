/* cmd-run.c - `phasecast run`: simulate a scenario, print the report, and
 * with --sqlite stream it into a database (export-sqlite.c); --shard K/N
 * runs one shard of the simulation for `phasecast merge`. */
#include "cli.h"

typedef struct {
  PcCliSimulation sim;        /* --runs, --seed, --threads */
  char *format, *table, *sqlite, *detail, *shard, *free_tier;
  gboolean months, replace, stats;
  char **catalogs;
} PcRunArgs;

static void
run_args_clear (PcRunArgs *args)
{
  g_free (args->format), g_free (args->table), g_free (args->sqlite), g_free (args->detail), g_free (args->shard);
  g_free (args->free_tier);
  g_strfreev (args->catalogs);
  pc_cli_simulation_clear (&args->sim);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PcRunArgs, run_args_clear)

/* "K/N" with 0 <= K < N. */
static gboolean
parse_shard (const char *text, PcSimulateOptions *options)
{
  if (text == NULL)
    return TRUE;
  g_auto (GStrv) parts = g_strsplit (text, "/", -1);
  guint64 shard, n_shards;
  if (g_strv_length (parts) != 2 || !g_ascii_string_to_unsigned (parts[0], 10, 0, G_MAXUINT - 1, &shard, NULL) ||
      !g_ascii_string_to_unsigned (parts[1], 10, 1, G_MAXUINT, &n_shards, NULL) || shard >= n_shards)
    return FALSE;
  options->shard = (guint) shard;
  options->n_shards = (guint) n_shards;
  return TRUE;
}

/* Checks the options beyond what GOption does; a usage message or NULL. */
static const char *
check_args (PcRunArgs *args, PcFormat *format, PcCsvTable *table, PcSqliteOptions *sqlite,
            PcSimulateOptions *options)
{
  if (!pc_cli_parse_format (args->format, format, TRUE))
    return "--format is table, json or csv";
  if (!pc_cli_simulation_options (&args->sim, options))
    return args->sim.problem;
  if (!pc_cli_parse_table (args->table, *format, table))
    return "--table is " PC_CLI_TABLE_NAMES ", with --format csv";
  if (args->detail && !pc_export_detail_parse (args->detail, &sqlite->detail))
    return "--detail is summary, runs or months";
  if ((args->detail || args->replace) && args->sqlite == NULL)
    return "--detail and --replace go with --sqlite FILE";
  if (!parse_shard (args->shard, options))
    return "--shard is K/N: shard K (0 to N-1) of N";
  sqlite->replace = args->replace;
  return NULL;
}

static void
print_export_note (const char *path, PcSqliteExport *exporter, PcExportDetail detail)
{
  guint64 rows;
  double seconds, cpu_seconds;
  pc_sqlite_export_stats (exporter, &rows, &seconds, &cpu_seconds);
  g_printerr ("phasecast: %s: export %" G_GINT64_FORMAT " (detail %s), %" G_GUINT64_FORMAT " rows\n", path,
              pc_sqlite_export_id (exporter), pc_export_detail_name (detail), rows);
}

/* The report is in @currency before the exporter finishes, so the SQLite
 * file holds the money figures this prints (docs/sqlite.md). */
static int
run_model (const PcModel *model, PcRunArgs *args, PcSimulateOptions *options, const PcSqliteOptions *sqlite,
           const PcCurrency *currency, PcFormat format, PcCsvTable table)
{
  GError *error = NULL;
  g_autoptr (PcSqliteExport) exporter = NULL;
  g_autoptr (PcStats) stats = NULL;
  PcRunSink *sinks[2];
  guint n_sinks = 0;
  if (args->sqlite) {
    if (!(exporter = pc_sqlite_export_new (args->sqlite, model, options, sqlite, &error)))
      return pc_cli_fail (error);
    sinks[n_sinks++] = pc_sqlite_export_sink (exporter);
  }
  if (args->stats)
    sinks[n_sinks++] = pc_stats_sink (stats = pc_stats_start (model));
  options->stats = stats;
  options->sinks = sinks;
  options->n_sinks = n_sinks;
  options->currency = currency;
  g_autoptr (PcReport) report = pc_cli_simulate (model, options, &error);
  if (report == NULL)
    return pc_cli_fail (error);   /* the export, not finished, rolls back */
  if (exporter)
    print_export_note (args->sqlite, exporter, sqlite->detail);
  if (stats) {
    pc_stats_stop (stats);
    g_autofree char *line = pc_stats_describe (stats);
    g_printerr ("phasecast: stats: %s\n", line);
  }
  pc_cli_print_text (pc_report_render (report, format, args->months, table));
  return 0;
}

int
pc_cmd_run (int argc, char **argv)
{
  g_auto (PcRunArgs) args = { 0 };
  g_auto (PcCliMoney) money = { 0 };
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &args.format, "table, json or csv", "FORMAT" },
    { "months", 'm', 0, G_OPTION_ARG_NONE, &args.months, "Add the month-by-month table (median run)", NULL },
    { "table", 0, 0, G_OPTION_ARG_STRING, &args.table, PC_CLI_TABLE_HELP, "TABLE" },
    { "sqlite", 0, 0, G_OPTION_ARG_FILENAME, &args.sqlite, "Also add the results to SQLite database FILE", "FILE" },
    { "detail", 0, 0, G_OPTION_ARG_STRING, &args.detail, "What --sqlite stores: summary (default), runs or months", "LEVEL" },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &args.replace, "Replace earlier exports of the same scenario, roadmap and seed", NULL },
    { "shard", 0, 0, G_OPTION_ARG_STRING, &args.shard, "Run only the runs whose index is K mod N (phasecast merge joins them)", "K/N" },
    { "stats", 0, 0, G_OPTION_ARG_NONE, &args.stats, "Print on stderr the component-months simulated, wall and CPU time, ns per component-month, peak RSS and each thread's CPU time per run", NULL },
    PC_CLI_FREE_TIER_ENTRY (args.free_tier),
    PC_CLI_CATALOG_ENTRY (args.catalogs),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("SCENARIO", "Simulate a scenario under its roadmap.", entries);
  pc_cli_add_simulation_options (context, &args.sim);
  pc_cli_add_money_options (context, &money, TRUE);
  GError *error = NULL;
  PcFormat format;
  PcCsvTable table;
  PcSqliteOptions sqlite = { PC_EXPORT_SUMMARY, FALSE };
  PcSimulateOptions options = { 0 };
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_usage_fail (context, error);
  if (argc != 2)
    return pc_cli_usage_error (context, "run takes one SCENARIO file");
  const char *problem = check_args (&args, &format, &table, &sqlite, &options);
  if (problem)
    return pc_cli_usage_error (context, problem);
  if (!pc_cli_memory_enough (PC_CLI_NEED_SIMULATION, options.threads))
    return 1;
  g_autoptr (PcHost) host = pc_cli_host_new (args.catalogs, &error);
  g_autoptr (PcModel) model = host ? pc_model_new (argv[1], NULL, host, &error) : NULL;
  if (model == NULL)
    return pc_cli_fail (error);
  pc_cli_note_model_prices (model);
  PcFreeTier free_tier;
  if (args.free_tier && !pc_free_tier_parse (args.free_tier, &free_tier))
    return pc_cli_usage_error (context, PC_CLI_FREE_TIER_PROBLEM);
  if (args.free_tier)
    pc_model_set_free_tier (model, free_tier);
  g_autoptr (PcCurrency) currency = NULL;
  if (!pc_cli_money_model (&money, model, &error) || !(currency = pc_cli_money_currency (&money, &error)))
    return pc_cli_option_fail (error);
  return run_model (model, &args, &options, &sqlite, currency, format, table);
}
