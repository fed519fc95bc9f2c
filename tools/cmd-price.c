/* cmd-price.c - `phasecast price`: one component's month for given settings and usage. */
#include "cli.h"
#include "pc-json.h"


/* Applies every --set; the usage keys among them go to @given. */
static gboolean
apply_sets (PcConfig *config, PcUsage *usage, char **sets, GPtrArray *given, GError **error)
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
    if (pc_usage_set (usage, name, equals + 1, &known, error)) {
      g_ptr_array_add (given, g_steal_pointer (&name));
      continue;
    }
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
  g_autofree char *text = pc_json_to_text (root, TRUE);
  g_print ("%s\n", text);
}

/* One month of @plugin with the --set values; refuses a usage key the
 * plugin does not read.  Returns: (transfer full): the result, or NULL. */
static PcStepResult *
price (const PcPlugin *plugin, const char *component, const PcCatalog *catalog, char **sets, GError **error)
{
  g_autoptr (PcConfig) config = pc_config_new (pc_plugin_info (plugin), component);
  g_autoptr (PcUsage) usage = pc_usage_new ();
  g_autoptr (PcStepResult) result = pc_step_result_new ();
  g_autoptr (GPtrArray) given = g_ptr_array_new_with_free_func (g_free);
  if (!apply_sets (config, usage, sets, given, error))
    return NULL;
  g_ptr_array_add (given, NULL);
  if (!pc_usage_check_read (plugin, config, catalog, usage, (const char *const *) given->pdata, error) ||
      !pc_price_month (plugin, config, catalog, usage, result, error))
    return NULL;
  return g_steal_pointer (&result);
}

int
pc_cmd_price (int argc, char **argv)
{
  g_autofree char *region = NULL, *format_text = NULL;
  g_auto (GStrv) sets = NULL;
  const GOptionEntry entries[] = {
    { "region", 'r', 0, G_OPTION_ARG_STRING, &region, "AWS region (default ap-southeast-2)", "REGION" },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &sets, "A parameter or usage value (repeatable)", "KEY=VALUE" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, "table or json", "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("COMPONENT", "One component's monthly cost for given settings and usage.", entries);
  g_autofree char *keys = pc_usage_keys ();
  g_autofree char *description = g_strdup_printf ("KEY is one of the plugin's parameters (phasecast plugins show COMPONENT) or a usage key:\n  %s", keys);
  g_option_context_set_description (context, description);
  GError *error = NULL;
  PcFormat format;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_usage_error (context, error->message);
  if (argc != 2 || !pc_cli_parse_format (format_text, &format, FALSE))
    return pc_cli_usage_error (context, "price takes one COMPONENT and --format table or json");
  if (region == NULL)
    region = g_strdup ("ap-southeast-2");
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) pc_cli_plugin_dirs);
  const PcPlugin *plugin = pc_host_get (host, argv[1], &error);
  if (plugin == NULL)
    return pc_cli_fail (error);
  g_autofree char *pricing = pc_find_data_subdir ("pricing");
  g_autoptr (PcCatalog) catalog = pricing ? pc_catalog_load_region (pricing, region, &error) : NULL;
  if (catalog == NULL)
    return pc_cli_fail (error ? error : g_error_new (PC_INPUT_ERROR, PC_INPUT_ERROR_IO, "no pricing directory; set PHASECAST_DATA_DIR"));
  g_autoptr (PcStepResult) result = price (plugin, argv[1], catalog, sets, &error);
  if (result == NULL)
    return pc_cli_fail (error);
  if (format == PC_FORMAT_JSON)
    price_json (argv[1], region, result);
  else
    price_table (argv[1], region, result);
  return 0;
}
