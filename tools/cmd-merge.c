/* cmd-merge.c - `phasecast merge`: the SQLite exports of a simulation's
 * shards (`run --shard K/N --sqlite part-K.db`) joined into one export and
 * the report one process running every run prints (merge.c). */
#include "cli.h"

typedef struct {
  char *output, *scenario, *format, *table;
  gboolean months, replace;
  char **catalogs;
} PcMergeArgs;

static void
merge_args_clear (PcMergeArgs *args)
{
  g_free (args->output), g_free (args->scenario), g_free (args->format), g_free (args->table);
  g_strfreev (args->catalogs);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PcMergeArgs, merge_args_clear)

int
pc_cmd_merge (int argc, char **argv)
{
  g_auto (PcMergeArgs) args = { 0 };
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &args.output, "Add the merged export to SQLite database FILE", "FILE" },
    { "scenario", 0, 0, G_OPTION_ARG_FILENAME, &args.scenario, "Read the scenario here, not where the parts recorded it", "FILE" },
    { "replace", 0, 0, G_OPTION_ARG_NONE, &args.replace, "Replace earlier exports of the same scenario, roadmap and seed", NULL },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &args.format, "table, json or csv", "FORMAT" },
    { "months", 'm', 0, G_OPTION_ARG_NONE, &args.months, "Add the month-by-month table (median run)", NULL },
    { "table", 0, 0, G_OPTION_ARG_STRING, &args.table, PC_CLI_TABLE_HELP, "TABLE" },
    PC_CLI_CATALOG_ENTRY (args.catalogs),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context =
    pc_cli_context_new ("PART.db... -o ALL.db", "Merge the shards of one simulation into its report.", entries);
  GError *error = NULL;
  PcFormat format;
  PcCsvTable table;
  if (!g_option_context_parse (context, &argc, &argv, &error)) {
    int status = pc_cli_usage_error (context, error->message);
    g_error_free (error);
    return status;
  }
  if (argc < 2 || args.output == NULL)
    return pc_cli_usage_error (context, "merge takes the PART.db files of every shard and -o FILE");
  if (!pc_cli_parse_format (args.format, &format, TRUE) || !pc_cli_parse_table (args.table, format, &table))
    return pc_cli_usage_error (context, "--format is table, json or csv; --table goes with --format csv");
  if (!pc_cli_memory_enough (PC_CLI_NEED_SIMULATION, 1))
    return 1;
  g_autoptr (PcHost) host = pc_cli_host_new (args.catalogs, &error);   /* the shards' --catalog files too */
  if (host == NULL)
    return pc_cli_fail (error);
  PcMergeOptions options = { args.output, args.scenario, args.replace };
  g_autoptr (PcModel) model = NULL;
  g_autoptr (PcReport) report = pc_sqlite_merge ((const char *const *) argv + 1, host, &options, &model, &error);
  if (report == NULL)
    return pc_cli_fail (error);
  pc_cli_print_text (pc_report_render (report, format, args.months, table));
  return 0;
}
