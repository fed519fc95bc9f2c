/* phasecast.c - the command line: run, price, plugins, validate, compare.
 *
 * Each subcommand parses its own GOption context (so `--help` works on
 * each) and returns an exit status: 0 on success, 1 when the input or the
 * simulation fails (one line on stderr), 2 on a usage error.
 */
#include "phasecast.h"
#include "pc-private.h"

#include <json-glib/json-glib.h>
#include <locale.h>
#include <stdio.h>

typedef int (*PcCommandFunc) (int argc, char **argv);

static char **plugin_dirs;

static const GOptionEntry common_entries[] = {
  { "plugin-dir", 'P', 0, G_OPTION_ARG_FILENAME_ARRAY, &plugin_dirs, "Also look for plugins in DIR (first)", "DIR" },
  G_OPTION_ENTRY_NULL
};

static int
fail (GError *error)
{
  g_printerr ("phasecast: %s\n", error->message);
  g_error_free (error);
  return 1;
}

static int
usage_error (GOptionContext *context, const char *message)
{
  g_printerr ("phasecast: %s\n\n", message);
  g_autofree char *help = g_option_context_get_help (context, TRUE, NULL);
  g_printerr ("%s", help);
  return 2;
}

static GOptionContext *
context_new (const char *parameters, const char *summary, const GOptionEntry *entries)
{
  GOptionContext *context = g_option_context_new (parameters);
  g_option_context_set_summary (context, summary);
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_add_main_entries (context, common_entries, NULL);
  return context;
}

static gboolean
parse_format (const char *text, PcFormat *format, gboolean allow_csv)
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

static void
print_text (char *text)
{
  fputs (text, stdout);
  g_free (text);
}

/* ---- run ---- */

static int
cmd_run (int argc, char **argv)
{
  int runs = 0, threads = 0;
  gint64 seed = -1;
  g_autofree char *format_text = NULL;
  gboolean months = FALSE;
  const GOptionEntry entries[] = {
    { "runs", 'n', 0, G_OPTION_ARG_INT, &runs, "Monte Carlo runs (default: the scenario's)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_INT64, &seed, "Random seed (default: the scenario's)", "SEED" },
    { "threads", 't', 0, G_OPTION_ARG_INT, &threads, "Worker threads (default: one per processor)", "N" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, "table, json or csv", "FORMAT" },
    { "months", 'm', 0, G_OPTION_ARG_NONE, &months, "Add the month-by-month table (median run)", NULL },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = context_new ("SCENARIO", "Simulate a scenario under its roadmap.", entries);
  GError *error = NULL;
  PcFormat format;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 2)
    return usage_error (context, "run takes one SCENARIO file");
  if (!parse_format (format_text, &format, TRUE) || runs < 0 || threads < 0 || seed < -1)
    return usage_error (context, "--format is table, json or csv; --runs, --threads and --seed are not negative");
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) plugin_dirs);
  g_autoptr (PcModel) model = pc_model_new (argv[1], NULL, host, &error);
  if (model == NULL)
    return fail (error);
  PcSimulateOptions options = { (guint) runs, seed >= 0 ? (guint64) seed : 0, seed >= 0, (guint) threads };
  g_autoptr (PcReport) report = pc_simulate (model, &options, &error);
  if (report == NULL)
    return fail (error);
  print_text (pc_report_render (report, format, months));
  return 0;
}

/* ---- price ---- */

static gboolean
apply_sets (PcConfig *config, PcUsage *usage, char **sets, GError **error)
{
  for (guint i = 0; sets && sets[i]; i++) {
    const char *equals = strchr (sets[i], '=');
    if (equals == NULL || equals == sets[i]) {
      g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG, "--set \"%s\": expected key=value", sets[i]);
      return FALSE;
    }
    g_autofree char *name = g_strndup (sets[i], (gsize) (equals - sets[i]));
    /* A plugin parameter wins over a usage key of the same name. */
    if (pc_config_has (config, name)) {
      if (!pc_config_set (config, name, equals + 1, error)) {
        g_prefix_error (error, "--set %s: ", sets[i]);
        return FALSE;
      }
      continue;
    }
    gboolean known = FALSE;
    if (pc_usage_set (usage, name, equals + 1, &known, error))
      continue;
    if (!known) {
      g_autofree char *keys = pc_usage_keys ();
      g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                   "--set %s: not a parameter of %s (see `phasecast plugins show %s`) nor a usage key (%s)", sets[i],
                   pc_config_plugin_name (config), pc_config_plugin_name (config), keys);
    }
    return FALSE;
  }
  return TRUE;
}

static void
price_table (const char *component, const char *region, const PcStepResult *result)
{
  g_print ("%s in %s, one 730-hour month\n\n%-40s %16s %-14s %10s\n", component, region, "item", "quantity", "unit", "USD");
  g_autoptr (GString) notes = g_string_new (NULL);
  for (guint i = 0; i < pc_step_result_n_lines (result); i++) {
    const char *item, *unit;
    double quantity, usd;
    const PcPrice *price;
    pc_step_result_line (result, i, &item, &quantity, &unit, &usd, &price);
    gboolean derived = price && pc_price_derived (price);
    g_print ("%-40s %16.3f %-14s %10.4f%s\n", item, quantity, unit, usd, derived ? " *" : "");
    if (price)
      g_string_append_printf (notes, "  %s%s: %s (source %s, %s)\n", derived ? "* derived " : "", pc_price_key (price),
                              pc_price_derived (price) ? pc_price_derived (price) : "as published",
                              pc_price_source_id (price), pc_price_date (price));
  }
  g_print ("%-40s %16s %-14s %10.2f\n\nprices:\n%s", "total", "", "", pc_step_result_usd (result), notes->str);
}

static void
price_json (const char *component, const char *region, const PcStepResult *result)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "component");
  json_builder_add_string_value (b, component);
  json_builder_set_member_name (b, "region");
  json_builder_add_string_value (b, region);
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < pc_step_result_n_lines (result); i++) {
    const char *item, *unit;
    double quantity, usd;
    const PcPrice *price;
    pc_step_result_line (result, i, &item, &quantity, &unit, &usd, &price);
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "item");
    json_builder_add_string_value (b, item);
    json_builder_set_member_name (b, "quantity");
    json_builder_add_double_value (b, quantity);
    json_builder_set_member_name (b, "unit");
    json_builder_add_string_value (b, unit);
    json_builder_set_member_name (b, "usd");
    json_builder_add_double_value (b, usd);
    if (price) {
      json_builder_set_member_name (b, "price_key");
      json_builder_add_string_value (b, pc_price_key (price));
      json_builder_set_member_name (b, "source");
      json_builder_add_string_value (b, pc_price_source (price));
      json_builder_set_member_name (b, "derived");
      if (pc_price_derived (price))
        json_builder_add_string_value (b, pc_price_derived (price));
      else
        json_builder_add_null_value (b);
    }
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "total_usd");
  json_builder_add_double_value (b, pc_step_result_usd (result));
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
}

static int
cmd_price (int argc, char **argv)
{
  g_autofree char *region = NULL, *format_text = NULL;
  g_auto (GStrv) sets = NULL;
  const GOptionEntry entries[] = {
    { "region", 'r', 0, G_OPTION_ARG_STRING, &region, "AWS region (default ap-southeast-2)", "REGION" },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &sets, "A parameter or usage value (repeatable)", "KEY=VALUE" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, "table or json", "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = context_new ("COMPONENT", "One component's monthly cost for given settings and usage.", entries);
  g_autofree char *keys = pc_usage_keys ();
  g_autofree char *description = g_strdup_printf ("KEY is one of the plugin's parameters (phasecast plugins show COMPONENT) or a usage key:\n  %s", keys);
  g_option_context_set_description (context, description);
  GError *error = NULL;
  PcFormat format;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 2 || !parse_format (format_text, &format, FALSE))
    return usage_error (context, "price takes one COMPONENT and --format table or json");
  if (region == NULL)
    region = g_strdup ("ap-southeast-2");
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) plugin_dirs);
  const PcPlugin *plugin = pc_host_get (host, argv[1], &error);
  if (plugin == NULL)
    return fail (error);
  g_autofree char *pricing = pc_find_data_subdir ("pricing");
  g_autoptr (PcCatalog) catalog = pricing ? pc_catalog_load_region (pricing, region, &error) : NULL;
  if (catalog == NULL)
    return fail (error ? error : g_error_new (PC_INPUT_ERROR, PC_INPUT_ERROR_IO, "no pricing directory; set PHASECAST_DATA_DIR"));
  g_autoptr (PcConfig) config = pc_config_new (pc_plugin_info (plugin), argv[1]);
  g_autoptr (PcUsage) usage = pc_usage_new ();
  g_autoptr (PcStepResult) result = pc_step_result_new ();
  if (!apply_sets (config, usage, sets, &error) || !pc_price_month (plugin, config, catalog, usage, result, &error))
    return fail (error);
  if (format == PC_FORMAT_JSON)
    price_json (argv[1], region, result);
  else
    price_table (argv[1], region, result);
  return 0;
}

/* ---- plugins ---- */

static const char *const stage_names[PC_STAGE_COUNT] = {
  "edge", "ingress", "compute", "cache", "database", "storage", "observability", "third-party",
};
static const char *const type_names[] = { "double", "int", "bool", "enum" };

static void
show_plugin_table (const PcPlugin *plugin)
{
  const PcPluginInfo *info = pc_plugin_info (plugin);
  g_print ("%s %s (%s stage)\n  %s\n  file: %s\n\nparameters:\n", info->name, info->version,
           stage_names[info->stage], info->summary, pc_plugin_path (plugin));
  for (guint i = 0; i < info->n_params; i++) {
    const PcParamSpec *p = &info->params[i];
    g_autofree char *range = p->type == PC_PARAM_ENUM ? g_strdup (p->choices)
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
  json_builder_add_string_value (b, stage_names[info->stage]);
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
      g_print ("%-22s %-6s %-14s %s\n", info->name, info->version, stage_names[info->stage], info->summary);
  }
  json_builder_end_array (b);
  if (format == PC_FORMAT_JSON) {
    g_autoptr (JsonNode) root = json_builder_get_root (b);
    g_autofree char *text = json_to_string (root, TRUE);
    g_print ("%s\n", text);
  }
  for (guint i = 0; i < failures->len; i++)
    g_printerr ("phasecast: refused %s\n", (char *) failures->pdata[i]);
  return failures->len ? 1 : 0;
}

static int
cmd_plugins (int argc, char **argv)
{
  g_autofree char *format_text = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, "table or json", "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = context_new ("[list | show NAME | check FILE]",
                                                    "What plugins are installed, their parameters, whether a module is a valid plugin.", entries);
  GError *error = NULL;
  PcFormat format;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  const char *action = argc > 1 ? argv[1] : "list";
  if (!parse_format (format_text, &format, FALSE))
    return usage_error (context, "--format is table or json");
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) plugin_dirs);
  if (g_str_equal (action, "list") && argc <= 2)
    return plugins_list (host, format);
  if (argc != 3 || (!g_str_equal (action, "show") && !g_str_equal (action, "check")))
    return usage_error (context, "expected list, show NAME or check FILE");
  g_autoptr (PcPlugin) checked = g_str_equal (action, "check") ? pc_plugin_open (argv[2], &error) : NULL;
  const PcPlugin *plugin = checked ? checked : error ? NULL : pc_host_get (host, argv[2], &error);
  if (plugin == NULL)
    return fail (error);
  if (format == PC_FORMAT_JSON) {
    g_autoptr (JsonBuilder) b = json_builder_new ();
    add_plugin_json (b, plugin);
    g_autoptr (JsonNode) root = json_builder_get_root (b);
    g_autofree char *text = json_to_string (root, TRUE);
    g_print ("%s\n", text);
  } else if (checked) {
    g_print ("%s: valid phasecast plugin %s %s (ABI %u)\n", argv[2], pc_plugin_info (plugin)->name,
             pc_plugin_info (plugin)->version, pc_plugin_info (plugin)->abi);
  } else {
    show_plugin_table (plugin);
  }
  return 0;
}

/* ---- validate ---- */

static gboolean
validate_file (PcHost *host, const char *path, GError **error)
{
  g_autofree char *root = pc_xml_root_name (path, error);
  if (root == NULL)
    return FALSE;
  if (g_str_equal (root, "scenario")) {
    g_autoptr (PcModel) model = pc_model_new (path, NULL, host, error);
    return model != NULL;
  }
  if (g_str_equal (root, "roadmap")) {
    g_autoptr (PcModel) model = pc_model_new_for_roadmap (path, "ap-southeast-2", host, error);
    return model != NULL;
  }
  if (g_str_equal (root, "catalog")) {
    g_autoptr (PcCatalog) catalog = pc_catalog_new ();
    return pc_catalog_add_file (catalog, path, error);
  }
  g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_SCHEMA,
               "%s:1: <%s> is not a phasecast file (expected <scenario>, <roadmap> or <catalog>)", path, root);
  return FALSE;
}

static int
cmd_validate (int argc, char **argv)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr (GOptionContext) context = context_new ("FILE...",
                                                    "Check scenarios, roadmaps and price catalogs against their schema and for meaning.", entries);
  GError *error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc < 2)
    return usage_error (context, "validate takes at least one FILE");
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) plugin_dirs);
  int status = 0;
  for (int i = 1; i < argc; i++) {
    if (validate_file (host, argv[i], &error))
      g_print ("%s: valid\n", argv[i]);
    else
      status = fail (g_steal_pointer (&error));
  }
  return status;
}

/* ---- compare ---- */

static PcReport *
simulate_file (PcHost *host, const char *scenario, const char *roadmap, PcModel **model, GError **error)
{
  *model = pc_model_new (scenario, roadmap, host, error);
  if (*model == NULL)
    return NULL;
  PcSimulateOptions options = { 0 };
  return pc_simulate (*model, &options, error);
}

static void
compare_phase_row (const PcReport *a, const PcReport *b, guint p)
{
  const PcPhaseReport *pa = p < a->model->n_phases ? &a->phases[p] : NULL;
  const PcPhaseReport *pb = p < b->model->n_phases ? &b->phases[p] : NULL;
  const char *id = pa ? a->model->phases[p].decl->id : b->model->phases[p].decl->id;
  g_print ("%-8s", id);
  const PcPhaseReport *both[] = { pa, pb };
  const PcReport *reports[] = { a, b };
  for (guint i = 0; i < 2; i++) {
    if (both[i] == NULL || !both[i]->entered_month.valid) {
      g_print ("  %-10s %12s", "never", "-");
      continue;
    }
    g_autofree char *date = pc_scenario_date (reports[i]->model->scenario, (guint) lround (both[i]->entered_month.p50));
    g_print ("  %-10s %12.2f", date, both[i]->monthly_cost.p50);
  }
  g_print ("\n");
}

static int
cmd_compare (int argc, char **argv)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr (GOptionContext) context = context_new ("A B",
                                                    "Two scenarios side by side, or scenario A under its roadmap and under roadmap B.", entries);
  GError *error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return usage_error (context, error->message);
  if (argc != 3)
    return usage_error (context, "compare takes two files");
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) plugin_dirs);
  g_autofree char *root_b = pc_xml_root_name (argv[2], &error);
  if (root_b == NULL)
    return fail (error);
  gboolean b_is_roadmap = g_str_equal (root_b, "roadmap");
  g_autoptr (PcModel) model_a = NULL, model_b = NULL;
  g_autoptr (PcReport) a = simulate_file (host, argv[1], NULL, &model_a, &error);
  g_autoptr (PcReport) b = a ? simulate_file (host, b_is_roadmap ? argv[1] : argv[2], b_is_roadmap ? argv[2] : NULL,
                                              &model_b, &error) : NULL;
  if (b == NULL)
    return fail (error);
  g_print ("%-8s  %-23s  %-23s\n%-8s  %-10s %12s  %-10s %12s\n", "", argv[1], argv[2], "phase", "entered",
           "USD/month", "entered", "USD/month");
  for (guint p = 0; p < MAX (model_a->n_phases, model_b->n_phases); p++)
    compare_phase_row (a, b, p);
  return 0;
}

/* ---- main ---- */

static const struct { const char *name; PcCommandFunc func; const char *summary; } commands[] = {
  { "run", cmd_run, "simulate a scenario: phase timeline and costs" },
  { "price", cmd_price, "one component's monthly cost for given settings and usage" },
  { "plugins", cmd_plugins, "list plugins, show one, or check a module" },
  { "validate", cmd_validate, "check scenario, roadmap and catalog files" },
  { "compare", cmd_compare, "two scenarios (or a scenario under two roadmaps) side by side" },
  { "catalog", pc_cmd_catalog, "price catalogs from AWS's price feeds: import, diff" },
};

static int
main_usage (FILE *out)
{
  fprintf (out, "Usage: phasecast COMMAND [OPTIONS...]\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-10s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\n`phasecast COMMAND --help` describes each.\n");
  return out == stdout ? 0 : 2;
}

int
main (int argc, char **argv)
{
  setlocale (LC_ALL, "");
  if (argc < 2)
    return main_usage (stderr);
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    return main_usage (stdout);
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name)) {
      g_set_prgname (g_strdup_printf ("phasecast %s", commands[i].name));
      int status = commands[i].func (argc - 1, argv + 1);
      g_strfreev (plugin_dirs);
      return status;
    }
  g_printerr ("phasecast: unknown command \"%s\"\n", argv[1]);
  return main_usage (stderr);
}
