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

/* A threshold's description without its parenthesis ("Database working
 * set no longer fits its cache"), for a chart's row; its id when none. */
static char *
short_label (const PcIndicatorDecl *decl)
{
  if (decl->description == NULL || *decl->description == '\0')
    return g_strdup (decl->id);
  const char *paren = strstr (decl->description, " (");
  return paren ? g_strndup (decl->description, (gsize) (paren - decl->description)) : g_strdup (decl->description);
}

/* A threshold's condition for a chart's row and title: "metric > 1" for a
 * component's metric (the description names it in words), the state's own
 * name for a state ("response_time_s > 2"). */
static char *
threshold_text (const PcIndicatorDecl *decl)
{
  g_autofree char *condition = pc_indicator_condition_text (decl);
  return g_strdup_printf ("%s %s", decl->kind == PC_IND_METRIC ? "metric" : decl->subject, condition);
}

/* Chart 4's bars: each capacity threshold crossed within the horizon in
 * some run on a phase's configuration (the others would be a wall of
 * "beyond the horizon"; the page's runway table lists every one).  When
 * none is crossed anywhere, every applicable one, so the chart says so.
 * Strings live in @keep. */
static GArray *
runway_items (const PcReport *report, GPtrArray *keep)
{
  const PcModel *model = report->model;
  GArray *items = g_array_new (FALSE, TRUE, sizeof (PcChartRunway));
  for (int pass = 0; pass < 2 && items->len == 0; pass++)
    for (guint p = 0; p < model->n_phases; p++)
      for (guint j = 0; j < model->n_runway; j++) {
        const PcRunwayReport *rr = &report->runway[p * model->n_runway + j];
        if (!rr->applicable || (pass == 0 && !(rr->crossed_probability > 0)))
          continue;
        const PcIndicatorDecl *decl = model->runway[j].indicator->decl;
        char *threshold = threshold_text (decl);
        char *label = short_label (decl);
        g_ptr_array_add (keep, threshold), g_ptr_array_add (keep, label);
        PcChartRunway item = { model->phases[p].decl->id, label, threshold, rr->month, rr->crossed_probability };
        g_array_append_val (items, item);
      }
  return items;
}

/* Most bars chart 6 draws: the inputs that move the phase most. */
#define TORNADO_BARS 12

/* Chart 6: the inputs moving the last phase's entered month most (the
 * planner's tornado, `phasecast sensitivity`), leaving out those that do
 * not move it (`phasecast sensitivity` lists every input).  Strings live
 * in @keep. */
static gboolean
tornado (const char *scenario, PcHost *host, const PcSimulateOptions *simulate, PcTornado *out, GArray *bars,
         GPtrArray *keep, PcSensitivity **sensitivity, GError **error)
{
  PcSensitivityOptions options = { .runs = simulate->runs, .seed = simulate->seed, .seed_set = simulate->seed_set,
                                   .threads = simulate->threads };
  *sensitivity = pc_sensitivity_run (scenario, host, &options, error);
  if (*sensitivity == NULL)
    return FALSE;
  const PcSensitivity *s = *sensitivity;
  guint phase = s->model->n_phases - 1;
  g_autofree guint *order = pc_sensitivity_order (s, phase);
  for (guint k = 0; k < s->inputs->len && bars->len < TORNADO_BARS; k++) {
    const PcSensitivityInput *in = s->inputs->pdata[order[k]];
    double base = s->base_entered[phase];
    if (in->entered_low[phase] == base && in->entered_high[phase] == base)
      continue;
    char *label = g_strdup_printf ("%s %.4g to %.4g", in->name, in->low, in->high);
    g_ptr_array_add (keep, label);
    PcTornadoBar bar = { label, in->entered_low[phase], in->entered_high[phase] };
    g_array_append_val (bars, bar);
  }
  char *output = g_strdup_printf ("%s entered", s->model->phases[phase].decl->id);
  g_ptr_array_add (keep, output);
  *out = (PcTornado) { output, FALSE, s->base_entered[phase], (const PcTornadoBar *) bars->data, bars->len };
  return TRUE;
}

int
pc_cmd_report (int argc, char **argv)
{
  g_auto (PcCliSimulation) sim = { 0 };
  double fx = 0;
  gboolean force = FALSE, no_sensitivity = FALSE;
  g_autofree char *output = NULL, *currency = NULL, *note = NULL;
  const GOptionEntry entries[] = {
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write the report into folder DIR (required)", "DIR" },
    { "currency", 0, 0, G_OPTION_ARG_STRING, &currency, "Show money in CODE (default USD) at its dated rate in "
      "data/fx/rates.xml, or at --fx", "CODE" },
    { "fx", 0, 0, G_OPTION_ARG_DOUBLE, &fx, "Exchange rate: units of --currency per US dollar", "RATE" },
    { "force", 'f', 0, G_OPTION_ARG_NONE, &force, "Replace DIR even if it is not empty", NULL },
    { "no-sensitivity", 0, 0, G_OPTION_ARG_NONE, &no_sensitivity,
      "Leave out the sensitivity tornado (it simulates the scenario once per input and setting)", NULL },
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
  if (!pc_cli_memory_enough (PC_CLI_NEED_REPORT, simulate.threads))
    return 1;
  options.force = force;
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) pc_cli_plugin_dirs);
  g_autoptr (PcModel) model = pc_model_new (argv[1], NULL, host, &error);
  if (model == NULL)
    return pc_cli_fail (error);
  g_autoptr (PcReport) report = pc_cli_simulate (model, &simulate, &error);
  if (report == NULL)
    return pc_cli_fail (error);
  g_autoptr (GPtrArray) keep = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GArray) runway = runway_items (report, keep);
  g_autoptr (GArray) bars = g_array_new (FALSE, TRUE, sizeof (PcTornadoBar));
  g_autoptr (PcSensitivity) sensitivity = NULL;
  PcTornado chart6;
  options.runway = (const PcChartRunway *) runway->data;
  options.n_runway = runway->len;
  if (!no_sensitivity) {
    if (!tornado (argv[1], host, &simulate, &chart6, bars, keep, &sensitivity, &error))
      return pc_cli_fail (error);
    options.tornado = &chart6;
  }
  guint charts = 0;
  if (!pc_report_write_dir (report, &options, output, &charts, &error))
    return pc_cli_fail (error);
  g_print ("%s/index.html: %u charts, each as .svg and .png beside it\n", output, charts);
  return 0;
}
