/* cmd-report.c - `phasecast report`: simulate a scenario and write a folder
 * with index.html and every chart as SVG and PNG (tools/report/). */
#include "cli.h"

#include "pc-report-dir.h"

#include <math.h>

/* The dated rate of data/fx/rates.xml for @code (currency.c), and the
 * page's note on it; NULL note and a @problem when there is none. */
static double
dated_rate (const char *code, char **note, const char **problem)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PcCurrency) dated = pc_currency_new (code, &error);
  if (dated == NULL) {
    *problem = "no dated exchange rate for that currency is kept in data/fx/rates.xml; give one with --fx RATE "
               "(units per USD)";
    return 0;
  }
  *note = g_strdup_printf ("converted from the catalogs' USD at 1 USD = %.4f %s (%s; %s, %s)", dated->per_usd, code,
                           dated->derived, dated->source, dated->date);
  return dated->per_usd;
}

/* The currency money is shown in.  The catalogs are in USD; another
 * currency is converted at its dated, published rate (data/fx/rates.xml),
 * or at the rate given with --fx; the page says which. */
static gboolean
resolve_currency (const char *code, double fx, PcReportOptions *options, char **note, const char **problem)
{
  *problem = NULL;
  if (code == NULL || g_str_equal (code, "USD")) {
    options->currency = (PcChartCurrency) { "USD", 1.0 };
    if (fx != 0)
      *problem = "--fx converts from USD: give it with --currency CODE (not USD)";
    return *problem == NULL;
  }
  gboolean letters = strlen (code) == 3 && g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]) &&
                     g_ascii_isupper (code[2]);
  if (!letters)
    *problem = "--currency is a three-letter ISO 4217 code such as AUD";
  else if (fx == 0) {
    double rate = dated_rate (code, note, problem);
    options->currency = (PcChartCurrency) { code, rate };
    options->currency_note = *note;
    return *problem == NULL;
  } else if (!(fx > 0) || !isfinite (fx))
    *problem = "--fx is the number of units of the currency per US dollar, above 0";
  if (*problem)
    return FALSE;
  options->currency = (PcChartCurrency) { code, fx };
  char rate[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (rate, sizeof rate, "%.6g", fx);
  *note = g_strdup_printf ("converted from the catalogs' USD at 1 USD = %s %s, as given with --fx", rate, code);
  options->currency_note = *note;
  return TRUE;
}

int
pc_cmd_report (int argc, char **argv)
{
  g_auto (PcCliSimulation) sim = { 0 };
  double fx = 0;
  gboolean force = FALSE;
  g_autofree char *output = NULL, *currency = NULL, *note = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the report into folder DIR (required)", "DIR" },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, "Show money in CODE (default USD) at its dated rate in "
      "data/fx/rates.xml, or at --fx", "CODE" },
    { "fx", 0, 0, G_OPTION_ARG_DOUBLE, &fx, "Exchange rate: units of --currency per US dollar", "RATE" },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, "Replace DIR even if it is not empty", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = pc_cli_context_new (
    "SCENARIO -o DIR", "Simulate a scenario and write DIR/index.html with its charts (each as SVG and PNG).", entries);
  pc_cli_add_simulation_options (context, &sim);
  GError *error = NULL;
  PcReportOptions options = { .force = force };
  const char *problem;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_usage_fail (context, error);
  if (argc != 2 || output == NULL || *output == '\0')
    return pc_cli_usage_error (context, "report takes one SCENARIO file and -o DIR");
  PcSimulateOptions simulate = { 0 };
  if (!pc_cli_simulation_options (&sim, &simulate))
    return pc_cli_usage_error (context, sim.problem);
  if (!resolve_currency (currency, fx, &options, &note, &problem))
    return pc_cli_usage_error (context, problem);
  options.force = force;
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) pc_cli_plugin_dirs);
  g_autoptr (PcModel) model = pc_model_new (argv[1], NULL, host, &error);
  if (model == NULL)
    return pc_cli_fail (error);
  g_autoptr (PcReport) report = pc_simulate (model, &simulate, &error);
  guint charts = 0;
  if (report == NULL || !pc_report_write_dir (report, &options, output, &charts, &error))
    return pc_cli_fail (error);
  g_print ("%s/index.html: %u charts, each as .svg and .png beside it\n", output, charts);
  return 0;
}
