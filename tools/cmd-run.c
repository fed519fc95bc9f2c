/* cmd-run.c - `phasecast run`: simulate a scenario, print or export the report. */
#include "cli.h"

static gboolean
parse_table (const char *text, PcFormat format, PcCsvTable *table)
{
  static const char *const names[] = { "months", "phases", "indicators", "components" };
  *table = PC_TABLE_MONTHS;
  if (text == NULL)
    return TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (names); i++)
    if (g_str_equal (text, names[i])) {
      *table = (PcCsvTable) i;
      return format == PC_FORMAT_CSV;
    }
  return FALSE;
}

int
pc_cmd_run (int argc, char **argv)
{
  int runs = 0, threads = 0;
  gint64 seed = -1;
  g_autofree char *format_text = NULL, *table_text = NULL;
  gboolean months = FALSE, with_stats = FALSE;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Monte Carlo runs (default: the scenario's)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed (default: the scenario's)", "SEED" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &threads, "Worker threads (default: one per processor)", "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, "table, json or csv", "FORMAT" },
    { "months", 'm', 0, G_OPTION_ARG_NONE, &months, "Add the month-by-month table (median run)", NULL },
    { "table", 0, 0, G_OPTION_ARG_STRING, &table_text, "CSV table: months (default), phases, indicators or components", "TABLE" },
    { "stats", 0, 0, G_OPTION_ARG_NONE, &with_stats, "Print on stderr the component-months simulated, wall and CPU time, ns per component-month and peak RSS", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("SCENARIO", "Simulate a scenario under its roadmap.", entries);
  GError *error = NULL;
  PcFormat format;
  PcCsvTable table;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_usage_error (context, error->message);
  if (argc != 2)
    return pc_cli_usage_error (context, "run takes one SCENARIO file");
  if (!pc_cli_parse_format (format_text, &format, TRUE) || runs < 0 || threads < 0 || seed < -1)
    return pc_cli_usage_error (context, "--format is table, json or csv; --runs, --threads and --seed are not negative");
  if (!parse_table (table_text, format, &table))
    return pc_cli_usage_error (context, "--table is months, phases, indicators or components, with --format csv");
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) pc_cli_plugin_dirs);
  g_autoptr (PcModel) model = pc_model_new (argv[1], NULL, host, &error);
  if (model == NULL)
    return pc_cli_fail (error);
  g_autoptr (PcStats) stats = with_stats ? pc_stats_start (model) : NULL;
  PcRunSink *sinks[] = { stats ? pc_stats_sink (stats) : NULL };
  PcSimulateOptions options = { .runs = (guint) runs, .seed = seed >= 0 ? (guint64) seed : 0, .seed_set = seed >= 0,
                                .threads = (guint) threads, .sinks = sinks, .n_sinks = stats ? 1 : 0 };
  g_autoptr (PcReport) report = pc_simulate (model, &options, &error);
  if (report == NULL)
    return pc_cli_fail (error);
  if (stats) {
    pc_stats_stop (stats);
    g_autofree char *line = pc_stats_describe (stats);
    g_printerr ("phasecast: stats: %s\n", line);
  }
  pc_cli_print_text (pc_report_render (report, format, months, table));
  return 0;
}
