/* cli.c - what every subcommand shares: option contexts with the common
 * options, one-line failures (exit 1) and usage errors (exit 2), and the
 * last line of defence: a fatal GLib error (an allocation GLib could not
 * make) becomes one line and exit 1 instead of an abort. */
#include "cli.h"

#include <stdio.h>
#include <unistd.h>

char **pc_cli_plugin_dirs;

static const GOptionEntry common_entries[] = {
  { "plugin-dir", 'P', 0, G_OPTION_ARG_FILENAME_ARRAY, &pc_cli_plugin_dirs, "Also look for plugins in DIR (first)", "DIR" },
  G_OPTION_ENTRY_NULL
};

/* GLib reports an allocation it cannot make with g_error(), which aborts.
 * Input sizes are bounded (pc-limits.h) and large input-sized buffers are
 * allocated with g_try_malloc, so this is what is left: say so in one line
 * and exit 1 without flushing a half-written result. */
static GLogWriterOutput
fatal_writer (GLogLevelFlags level, const GLogField *fields, gsize n_fields, gpointer data)
{
  if (!(level & (G_LOG_LEVEL_ERROR | G_LOG_FLAG_FATAL)))
    return g_log_writer_default (level, fields, n_fields, data);
  const char *message = "unknown error";
  for (gsize i = 0; i < n_fields; i++)
    if (g_str_equal (fields[i].key, "MESSAGE") && fields[i].length < 0)
      message = fields[i].value;
  const char *allocate = strstr (message, "failed to allocate");
  if (allocate != NULL)
    pc_cli_out_of_memory (allocate);
  fprintf (stderr, "phasecast: cannot continue: %s\n", message);
  _exit (1);
}

void
pc_cli_install_fatal_handler (void)
{
  g_log_set_writer_func (fatal_writer, NULL, NULL);
  /* Logging keeps per-thread depth counters that it allocates on first use;
   * use them now, so that reporting an allocation failure needs none. */
  g_debug ("fatal errors are reported in one line");
  g_log_structured (G_LOG_DOMAIN, G_LOG_LEVEL_DEBUG, "MESSAGE", "fatal errors are reported in one line");
}

int
pc_cli_fail (GError *error)
{
  pc_error_tidy (error);
  gboolean memory = strstr (error->message, "out of memory") || strstr (error->message, "too little memory");
  g_printerr ("phasecast: %s%s\n", error->message, memory ? pc_cli_memory_hint () : "");
  g_error_free (error);
  return 1;
}

int
pc_cli_usage_fail (GOptionContext *context, GError *error)
{
  int status = pc_cli_usage_error (context, error->message);
  g_error_free (error);
  return status;
}

/* An option's value the inputs refuse (no such phase, no such currency) is
 * a usage error, said in one line; anything else (a broken data file) is a
 * failed input. */
int
pc_cli_option_fail (GError *error)
{
  if (!g_error_matches (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE) &&
      !g_error_matches (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF))
    return pc_cli_fail (error);
  g_printerr ("phasecast: %s (see `%s --help`)\n", error->message, g_get_prgname ());
  g_error_free (error);
  return 2;
}

int
pc_cli_usage_error (GOptionContext *context, const char *message)
{
  g_printerr ("phasecast: %s\n\n", message);
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
  g_printerr ("%s", help);
  return 2;
}

GOptionContext *
pc_cli_context_new (const char *parameters, const char *summary, const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, common_entries, NULL);
  return context;
}

PcHost *
pc_cli_host_new (char **catalogs, GError **error)
{
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) pc_cli_plugin_dirs);
  for (guint i = 0; catalogs && catalogs[i]; i++)
    if (!pc_host_add_catalog (host, catalogs[i], error)) {
      g_prefix_error (error, "--catalog: ");
      return NULL;
    }
  return g_steal_pointer (&host);
}

void
pc_cli_note_overrides (const GPtrArray *overrides)
{
  for (guint i = 0; i < overrides->len; i++) {
    g_autofree char *text = pc_price_override_text (overrides->pdata[i]);
    g_printerr ("phasecast: note: %s\n", text);
  }
}

void
pc_cli_note_unread (const GPtrArray *unread)
{
  for (guint i = 0; i < unread->len; i++) {
    const PcPriceOverride *change = unread->pdata[i];
    g_printerr ("phasecast: note: %s: price %s from %s:%d is read by no component\n", change->region,
                pc_price_key (change->now), pc_price_file (change->now), pc_price_line (change->now));
  }
}

void
pc_cli_note_model_prices (const PcModel *model)
{
  g_autoptr (GPtrArray) overrides = pc_model_price_overrides (model);
  g_autoptr (GPtrArray) unread = pc_model_unread_additions (model);
  pc_cli_note_overrides (overrides);
  pc_cli_note_unread (unread);
}

gboolean
pc_cli_parse_format (const char *text, PcFormat *format, gboolean allow_csv)
{
  if (text == NULL || g_str_equal (text, "table"))
    *format = PC_FORMAT_TABLE;
  else if (g_str_equal (text, "json"))
    *format = PC_FORMAT_JSON;
  else if (allow_csv && g_str_equal (text, "csv"))
    *format = PC_FORMAT_CSV;
  else
    return FALSE;
  return TRUE;
}

gboolean
pc_cli_parse_table (const char *text, PcFormat format, PcCsvTable *table)
{
  static const char *const names[] = { [PC_TABLE_MONTHS] = "months", [PC_TABLE_PHASES] = "phases",
                                       [PC_TABLE_INDICATORS] = "indicators", [PC_TABLE_COMPONENTS] = "components",
                                       [PC_TABLE_RUNWAY] = "runway", [PC_TABLE_MONEY] = "money",
                                       [PC_TABLE_SERIES] = "series", [PC_TABLE_LINES] = "lines" };
  G_STATIC_ASSERT (G_N_ELEMENTS (names) == PC_TABLE_COUNT);
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

gboolean
pc_cli_parse_whole (const char *option, const char *text, guint64 min, guint64 max, guint64 *out, char **message)
{
  if (g_ascii_string_to_unsigned (text, 10, min, max, out, NULL))
    return TRUE;
  *message = g_strdup_printf ("--%s \"%s\": not allowed; allowed: a whole number from %" G_GUINT64_FORMAT
                              " to %" G_GUINT64_FORMAT, option, text, min, max);
  return FALSE;
}

/* --runs, --seed and --threads: given means given, so "--runs 0" or
 * "--seed -1" is refused rather than read as "the scenario's". */
gboolean
pc_cli_parse_run_options (const char *runs, const char *seed, const char *threads, PcSimulateOptions *options,
                          char **message)
{
  guint64 value = 0;
  if (runs && !pc_cli_parse_whole ("runs", runs, 1, PC_MAX_RUNS, &value, message))
    return FALSE;
  options->runs = (guint) value;
  if (seed && !pc_cli_parse_whole ("seed", seed, 0, G_MAXUINT64, &options->seed, message))
    return FALSE;
  options->seed_set = seed != NULL;
  value = 0;
  if (threads && !pc_cli_parse_whole ("threads", threads, 1, PC_MAX_THREADS, &value, message))
    return FALSE;
  options->threads = (guint) value;
  return TRUE;
}

void
pc_cli_print_text (char *text)
{
  fputs (text, stdout);
  g_free (text);
}


/* ---- --runs, --seed, --threads ---- */

void
pc_cli_add_simulation_options (GOptionContext *context, PcCliSimulation *sim)
{
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_STRING, &sim->runs, "Monte Carlo runs, 1 to 1000000 (default: the scenario's)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &sim->seed, "Random seed, 0 to 2^64-1 (default: the scenario's)", "SEED" },
    { "threads", 't', 0, G_OPTION_ARG_STRING, &sim->threads, "Threads, the main one included (default: one per processor)", "N" },
    G_OPTION_ENTRY_NULL
  };
  g_option_context_add_main_entries (context, entries, NULL);
}

gboolean
pc_cli_simulation_options (PcCliSimulation *sim, PcSimulateOptions *options)
{
  g_clear_pointer (&sim->problem, g_free);
  return pc_cli_parse_run_options (sim->runs, sim->seed, sim->threads, options, &sim->problem);
}

void
pc_cli_simulation_clear (PcCliSimulation *sim)
{
  g_clear_pointer (&sim->runs, g_free);
  g_clear_pointer (&sim->threads, g_free);
  g_clear_pointer (&sim->seed, g_free);
  g_clear_pointer (&sim->problem, g_free);
}

/* ---- --budget, --currency, --fx, --gst ---- */

void
pc_cli_add_money_options (GOptionContext *context, PcCliMoney *money, gboolean currency)
{
  money->fx = NAN;   /* not given */
  const GOptionEntry budget[] = {
    { "budget", 'b', 0, G_OPTION_ARG_STRING_ARRAY, &money->budgets,
      "A phase's monthly budget in USD, replacing the roadmap's (repeatable)", "PHASE=USD" },
    G_OPTION_ENTRY_NULL
  };
  g_option_context_add_main_entries (context, budget, NULL);
  if (!currency)
    return;
  const GOptionEntry entries[] = {
    { "currency", 0, 0, G_OPTION_ARG_STRING, &money->currency,
      "Money figures in USD (default) or AUD, at the dated rate in data/fx/rates.xml", "CODE" },
    { "fx", 0, 0, G_OPTION_ARG_DOUBLE, &money->fx, "Units of that currency per US dollar, instead of the dated rate",
      "RATE" },
    { "gst", 0, 0, G_OPTION_ARG_NONE, &money->gst, "Add Australia's 10% GST to costs", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_option_context_add_main_entries (context, entries, NULL);
}

void
pc_cli_money_clear (PcCliMoney *money)
{
  g_strfreev (money->budgets);
  g_free (money->currency);
}

/* Budgets and --fx go into the model before it runs (--fx also sets the
 * rate of a roadmap whose revenue thresholds are in that currency). */
gboolean
pc_cli_money_model (const PcCliMoney *money, PcModel *model, GError **error)
{
  for (guint i = 0; money->budgets && money->budgets[i]; i++)
    if (!pc_model_set_budget_text (model, money->budgets[i], error))
      return FALSE;
  if (isnan (money->fx))
    return TRUE;
  const char *code = money->currency ? money->currency : model->revenue_currency->code;
  if (g_str_equal (code, "USD")) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                 "--fx %g: give --currency too (the rate is units of that currency per US dollar)", money->fx);
    return FALSE;
  }
  if (g_str_equal (code, model->revenue_currency->code))
    return pc_model_set_exchange_rate (model, money->fx, error);
  return TRUE;
}

/* The currency of the report's money figures: --currency, at --fx, with --gst. */
PcCurrency *
pc_cli_money_currency (const PcCliMoney *money, GError **error)
{
  g_autoptr (PcCurrency) currency = pc_currency_new (money->currency ? money->currency : "USD", error);
  if (currency == NULL || (!isnan (money->fx) && !pc_currency_override (currency, money->fx, error)) ||
      (money->gst && !pc_currency_add_gst (currency, error)))
    return NULL;
  return g_steal_pointer (&currency);
}

/* ---- progress on stderr ---- */

/* Shown only on a terminal, once a simulation has taken longer than this
 * (PHASECAST_PROGRESS_DELAY seconds overrides it, e.g. 0 to always show). */
#define PROGRESS_DELAY_S 1.0

static void
progress_update (gpointer data, guint done, guint total)
{
  PcCliProgress *progress = data;
  double elapsed = g_timer_elapsed (progress->timer, NULL);
  if (elapsed < progress->delay || done == 0)
    return;
  double rate = done / MAX (elapsed, 1e-9);
  fprintf (stderr, "\rphasecast: %u/%u runs, %.0f runs/s, about %.0f s left\033[K", done, total, rate,
           ceil ((total - done) / rate));
  fflush (stderr);
  progress->shown = TRUE;
}

void
pc_cli_progress_start (PcCliProgress *progress, PcProgressFunc *func, gpointer *data)
{
  const char *delay = g_getenv ("PHASECAST_PROGRESS_DELAY");
  progress->shown = FALSE;
  progress->delay = delay ? g_ascii_strtod (delay, NULL) : PROGRESS_DELAY_S;
  progress->timer = g_timer_new ();
  *func = isatty (STDERR_FILENO) ? progress_update : NULL;
  *data = progress;
}

void
pc_cli_progress_end (PcCliProgress *progress)
{
  if (progress->shown)
    fputs ("\r\033[K", stderr);
  g_clear_pointer (&progress->timer, g_timer_destroy);
}

PcReport *
pc_cli_simulate (const PcModel *model, PcSimulateOptions *options, GError **error)
{
  PcCliProgress progress;
  pc_cli_progress_start (&progress, &options->progress, &options->progress_data);
  PcReport *report = pc_simulate (model, options, error);
  pc_cli_progress_end (&progress);
  return report;
}
