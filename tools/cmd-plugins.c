/* cmd-plugins.c - `phasecast plugins`: list, show or check plugins. */
#include "cli.h"
#include <json-glib/json-glib.h>

static const char *const type_names[] = { "double", "int", "bool", "enum" };

static void
show_plugin_table (const PcPlugin *plugin)
{
  const PcPluginInfo *info = pc_plugin_info (plugin);
  g_print ("%s %s (%s stage)\n  %s\n  file: %s\n\nparameters:\n", info->name, info->version,
           pc_stage_name (info->stage), info->summary, pc_plugin_path (plugin));
  for (guint i = 0; i < info->n_params; i++) {
    const PcParamSpec *p = &info->params[i];
    g_autofree char *range = p->type == PC_PARAM_ENUM ? pc_param_choices_text (p)
                             : p->type == PC_PARAM_BOOL ? g_strdup ("true|false")
                             : g_strdup_printf ("%g..%g", p->min, p->max);
    g_print ("  %-22s %-6s default %-8s %-12s %-14s %s\n", p->name, type_names[p->type], p->default_value,
             *p->unit ? p->unit : "-", range, p->doc);
  }
  g_print ("\nmetrics:\n");
  for (guint i = 0; i < info->n_metrics; i++)
    g_print ("  %-26s %-12s %s\n", info->metrics[i].name, info->metrics[i].unit, info->metrics[i].doc);
}

static void
add_plugin_json (JsonBuilder *b, const PcPlugin *plugin)
{
  const PcPluginInfo *info = pc_plugin_info (plugin);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "name");
  json_builder_add_string_value (b, info->name);
  json_builder_set_member_name (b, "version");
  json_builder_add_string_value (b, info->version);
  json_builder_set_member_name (b, "stage");
  json_builder_add_string_value (b, pc_stage_name (info->stage));
  json_builder_set_member_name (b, "summary");
  json_builder_add_string_value (b, info->summary);
  json_builder_set_member_name (b, "parameters");
  json_builder_begin_array (b);
  for (guint i = 0; i < info->n_params; i++) {
    const PcParamSpec *p = &info->params[i];
    json_builder_begin_object (b);
    const char *fields[][2] = { { "name", p->name }, { "type", type_names[p->type] }, { "default", p->default_value },
                                { "unit", p->unit }, { "doc", p->doc } };
    for (guint f = 0; f < G_N_ELEMENTS (fields); f++) {
      json_builder_set_member_name (b, fields[f][0]);
      json_builder_add_string_value (b, fields[f][1]);
    }
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "metrics");
  json_builder_begin_array (b);
  for (guint i = 0; i < info->n_metrics; i++)
    json_builder_add_string_value (b, info->metrics[i].name);
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static int
plugins_list (PcHost *host, PcFormat format)
{
  g_autoptr (GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) plugins = pc_host_load_all (host, failures);
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_array (b);
  for (guint i = 0; i < plugins->len; i++) {
    const PcPluginInfo *info = pc_plugin_info (plugins->pdata[i]);
    if (format == PC_FORMAT_JSON)
      add_plugin_json (b, plugins->pdata[i]);
    else
      g_print ("%-22s %-6s %-14s %s\n", info->name, info->version, pc_stage_name (info->stage), info->summary);
  }
  json_builder_end_array (b);
  if (format == PC_FORMAT_JSON) {
    pc_cli_json_print (b);
  }
  for (guint i = 0; i < failures->len; i++)
    g_printerr ("phasecast: refused %s\n", (char *) failures->pdata[i]);
  return failures->len ? 1 : 0;
}

static int
plugins_show (PcHost *host, const char *name, PcFormat format)
{
  GError *error = NULL;
  const PcPlugin *plugin = pc_host_get (host, name, &error);
  if (plugin == NULL)
    return pc_cli_fail (error);
  if (format == PC_FORMAT_TABLE) {
    show_plugin_table (plugin);
    return 0;
  }
  g_autoptr (JsonBuilder) b = json_builder_new ();
  add_plugin_json (b, plugin);
  pc_cli_json_print (b);
  return 0;
}

int
pc_cmd_plugins (int argc, char **argv)
{
  g_autofree char *format_text = NULL;
  g_auto (GStrv) regions = NULL;
  gboolean child = FALSE;
  int timeout_s = 60;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, "table or json (list, show)", "FORMAT" },
    { "region", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &regions, "check: only this region (repeatable; default: those "
      "the plugin claims)", "REGION" },
    { "timeout", 0, 0, G_OPTION_ARG_INT, &timeout_s, "check: seconds the plugin may take in all (default 60)", "S" },
    { "child", 0, G_OPTION_FLAG_HIDDEN, G_OPTION_ARG_NONE, &child, "check: run the checks in this process", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("[list | show NAME | check FILE|NAME]",
                                                    "What plugins are installed, their parameters; whether a module "
                                                    "is a valid, well-behaved plugin (check: one line per check, in a "
                                                    "child process with a timeout; exit 1 on any failure).", entries);
  GError *error = NULL;
  PcFormat format;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_usage_fail (context, error);
  const char *action = argc > 1 ? argv[1] : "list";
  if (!pc_cli_parse_format (format_text, &format, FALSE))
    return pc_cli_usage_error (context, "--format is table or json");
  if (timeout_s <= 0)
    return pc_cli_usage_error (context, "--timeout is a number of seconds above 0");
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) pc_cli_plugin_dirs);
  if (g_str_equal (action, "list") && argc <= 2)
    return plugins_list (host, format);
  if (argc != 3 || (!g_str_equal (action, "show") && !g_str_equal (action, "check")))
    return pc_cli_usage_error (context, "expected list, show NAME or check FILE|NAME");
  if (g_str_equal (action, "check"))
    return format == PC_FORMAT_JSON ? pc_cli_usage_error (context, "check prints one line per check; --format is for "
                                                          "list and show")
                                    : pc_cli_plugins_check (host, argv[2], regions, (guint) timeout_s, child);
  return plugins_show (host, argv[2], format);
}
