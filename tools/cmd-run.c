/* cmd-run.c - `phasecast run`: simulate a scenario, print or export the report. */
#include "cli.h"

static gboolean
parse_table (const char *text, PcFormat format, PcCsvTable *table)
{
  static const char *const names[] = { "months", "phases", "indicators", "components", "runway", "money", "series" };
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
  g_auto (PcCliSimulation) sim = { 0 };
  g_auto (PcCliMoney) money = { 0 };
  g_autofree char *format_text = NULL, *table_text = NULL;
  gboolean months = FALSE;
  g_auto (GStrv) catalogs = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, "table, json or csv", "FORMAT" },
    { "months", 'm', 0, G_OPTION_ARG_NONE, &months, "Add the month-by-month table (median run)", NULL },
    { "table", 0, 0, G_OPTION_ARG_STRING, &table_text,
      "CSV table: months (default), phases, indicators, components, runway, money or series", "TABLE" },
    PC_CLI_CATALOG_ENTRY (catalogs),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("SCENARIO", "Simulate a scenario under its roadmap.", entries);
  pc_cli_add_simulation_options (context, &sim);
  pc_cli_add_money_options (context, &money);
  GError *error = NULL;
  PcFormat format;
  PcCsvTable table;
  PcSimulateOptions options = { 0 };
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_usage_fail (context, error);
  if (argc != 2)
    return pc_cli_usage_error (context, "run takes one SCENARIO file");
  if (!pc_cli_parse_format (format_text, &format, TRUE))
    return pc_cli_usage_error (context, "--format is table, json or csv");
  if (!pc_cli_simulation_options (&sim, &options))
    return pc_cli_usage_error (context, sim.problem);
  if (!parse_table (table_text, format, &table))
    return pc_cli_usage_error (context, "--table is months, phases, indicators, components, runway, money or series, "
                               "with --format csv");
  g_autoptr (PcHost) host = pc_cli_host_new (catalogs, &error);
  g_autoptr (PcModel) model = host ? pc_model_new (argv[1], NULL, host, &error) : NULL;
  if (model == NULL)
    return pc_cli_fail (error);
  g_autoptr (GPtrArray) overrides = pc_model_price_overrides (model);
  pc_cli_note_overrides (overrides);
  PcCurrency *currency = NULL;
  if (!pc_cli_money_model (&money, model, &error) || !(currency = pc_cli_money_currency (&money, &error)))
    return pc_cli_option_fail (error);
  g_autoptr (PcReport) report = pc_cli_simulate (model, &options, &error);
  if (report == NULL) {
    pc_currency_free (currency);
    return pc_cli_fail (error);
  }
  pc_report_set_currency (report, currency);
  pc_cli_print_text (pc_report_render (report, format, months, table));
  return 0;
}
