/* cmd-price.c - `phasecast price`: one component's month for given settings and usage. */
#include "cli.h"
#include <json-glib/json-glib.h>


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

/* Each source used by @result once, in order of first use: id -> text. */
static GPtrArray *
sources_used (const PcStepResult *result)
{
  GPtrArray *used = g_ptr_array_new ();
  for (guint i = 0; i < pc_step_result_n_lines (result); i++) {
    const char *item, *unit;
    double quantity, usd;
    const PcPrice *price;
    pc_step_result_line (result, i, &item, &quantity, &unit, &usd, &price);
    if (price != NULL && !g_ptr_array_find (used, price, NULL)) {
      gboolean seen = FALSE;
      for (guint k = 0; k < used->len; k++)
        seen |= g_str_equal (pc_price_source_id (used->pdata[k]), pc_price_source_id (price));
      if (!seen)
        g_ptr_array_add (used, (gpointer) price);
    }
  }
  return used;
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
      g_string_append_printf (notes, "  %s%s: %s [%s, %s]\n", derived ? "* derived " : "", pc_price_key (price),
                              pc_price_derived (price) ? pc_price_derived (price) : "as published",
                              pc_price_source_id (price), pc_price_date (price));
  }
  g_print ("%-40s %16s %-14s %10.2f\n\nprices:\n%s", "total", "", "", pc_step_result_usd (result), notes->str);
  g_autoptr (GPtrArray) sources = sources_used (result);
  if (sources->len)
    g_print ("\nsources:\n");
  for (guint k = 0; k < sources->len; k++)
    g_print ("  [%s] %s\n", pc_price_source_id (sources->pdata[k]), pc_price_source (sources->pdata[k]));
}

static void
member_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
member_double (JsonBuilder *b, const char *name, double value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_double_value (b, value);
}

static void
json_line (JsonBuilder *b, const PcStepResult *result, guint i)
{
  const char *item, *unit;
  double quantity, usd;
  const PcPrice *price;
  pc_step_result_line (result, i, &item, &quantity, &unit, &usd, &price);
  json_builder_begin_object (b);
  member_string (b, "item", item);
  member_double (b, "quantity", quantity);
  member_string (b, "unit", unit);
  member_double (b, "usd", usd);
  if (price) {
    member_string (b, "price_key", pc_price_key (price));
    member_double (b, "unit_usd", pc_price_unit_usd (price));
    member_string (b, "source", pc_price_source_id (price));
    member_string (b, "date", pc_price_date (price));
    member_string (b, "derived", pc_price_derived (price));
  }
  json_builder_end_object (b);
}

static void
price_json (const char *component, const char *region, const PcStepResult *result)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  member_string (b, "component", component);
  member_string (b, "region", region);
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < pc_step_result_n_lines (result); i++)
    json_line (b, result, i);
  json_builder_end_array (b);
  member_double (b, "total_usd", pc_step_result_usd (result));
  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  g_autoptr (GPtrArray) sources = sources_used (result);
  for (guint k = 0; k < sources->len; k++) {
    json_builder_begin_object (b);
    member_string (b, "id", pc_price_source_id (sources->pdata[k]));
    member_string (b, "text", pc_price_source (sources->pdata[k]));
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = json_to_string (root, TRUE);
  g_print ("%s\n", text);
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
  g_autoptr (PcConfig) config = pc_config_new (pc_plugin_info (plugin), argv[1]);
  g_autoptr (PcUsage) usage = pc_usage_new ();
  g_autoptr (PcStepResult) result = pc_step_result_new ();
  if (!apply_sets (config, usage, sets, &error) || !pc_price_month (plugin, config, catalog, usage, result, &error))
    return pc_cli_fail (error);
  if (format == PC_FORMAT_JSON)
    price_json (argv[1], region, result);
  else
    price_table (argv[1], region, result);
  return 0;
}
