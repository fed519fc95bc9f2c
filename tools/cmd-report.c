/* cmd-report.c - `phasecast report`: simulate a scenario and write a folder
 * with index.html and every chart as SVG and PNG (tools/report/). */
#include "cli.h"

#include "pc-report-dir.h"

#include <math.h>

/* The currency money is shown in.  The catalogs are in USD; any other
 * currency needs an exchange rate.  No dated rate is kept in data/ yet, so
 * one must be given with --fx, and the page says so. */
static gboolean
resolve_currency (const char *code, double fx, PcReportOptions *options, char **note, const char **problem)
{
  *problem = NULL;
  if (code == NULL || g_str_equal (code, "USD")) {
    options->currency = (PcCurrency) { "USD", 1.0 };
    if (fx != 0)
      *problem = "--fx converts from USD: give it with --currency CODE (not USD)";
    return *problem == NULL;
  }
  gboolean letters = strlen (code) == 3 && g_ascii_isupper (code[0]) && g_ascii_isupper (code[1]) &&
                     g_ascii_isupper (code[2]);
  if (!letters)
    *problem = "--currency is a three-letter ISO 4217 code such as AUD";
  else if (fx == 0)
    *problem = "no dated exchange rate for that currency is kept in data/; give one with --fx RATE (units per USD)";
  else if (!(fx > 0) || !isfinite (fx))
    *problem = "--fx is the number of units of the currency per US dollar, above 0";
  if (*problem)
    return FALSE;
  options->currency = (PcCurrency) { code, fx };
  char rate[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (rate, sizeof rate, "%.6g", fx);
  *note = g_strdup_printf ("converted from the catalogs' USD at 1 USD = %s %s, as given with --fx", rate, code);
  options->currency_note = *note;
  return TRUE;
}

int
pc_cmd_report (int argc, char **argv)
{
  g_autofree char *runs = NULL, *seed = NULL, *threads = NULL, *message = NULL;
  double fx = 0;
  gboolean force = FALSE;
  g_autofree char *output = NULL, *currency = NULL, *note = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the report into folder DIR (required)", "DIR" },
    { "runs", 'n', 0, G_OPTION_ARG_STRING, &runs, "Monte Carlo runs, 1 to 1000000 (default: the scenario's)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed, "Random seed, 0 to 2^64-1 (default: the scenario's)", "SEED" },
    { "threads", 't', 0, G_OPTION_ARG_STRING, &threads, "Worker threads (default: one per processor)", "N" },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, "Show money in CODE (default USD; needs --fx)", "CODE" },
    { "fx", 0, 0, G_OPTION_ARG_DOUBLE, &fx, "Exchange rate: units of --currency per US dollar", "RATE" },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, "Replace DIR even if it is not empty", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = pc_cli_context_new (
    "SCENARIO -o DIR", "Simulate a scenario and write DIR/index.html with its charts (each as SVG and PNG).", entries);
  GError *error = NULL;
  PcReportOptions options = { .force = force };
  const char *problem;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_parse_failed (context, error);
  if (argc != 2 || output == NULL || *output == '\0')
    return pc_cli_usage_error (context, "report takes one SCENARIO file and -o DIR");
  PcSimulateOptions simulate = { 0 };
  if (!pc_cli_parse_run_options (runs, seed, threads, &simulate, &message))
    return pc_cli_usage_error (context, message);
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
