/* cli.c - what every subcommand shares: option contexts with the common
 * options, one-line failures (exit 1) and usage errors (exit 2). */
#include "cli.h"

#include <stdio.h>

char **pc_cli_plugin_dirs;

static const GOptionEntry common_entries[] = {
  { "plugin-dir", 'P', 0, G_OPTION_ARG_FILENAME_ARRAY, &pc_cli_plugin_dirs, "Also look for plugins in DIR (first)", "DIR" },
  G_OPTION_ENTRY_NULL
};

int
pc_cli_fail (GError *error)
{
  g_printerr ("phasecast: %s\n", error->message);
  g_error_free (error);
  return 1;
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
                                       [PC_TABLE_RUNWAY] = "runway", [PC_TABLE_LINES] = "lines" };
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

void
pc_cli_print_text (char *text)
{
  fputs (text, stdout);
  g_free (text);
}

