/* cmd-price.c - `phasecast price`: one component's month for given settings and usage. */
#include "cli.h"
#include <json-glib/json-glib.h>

/* The catalog's overrides, as const PcPriceOverride*. */
static GPtrArray *
catalog_overrides (const PcCatalog *catalog)
{
  GPtrArray *overrides = g_ptr_array_new ();
  for (guint i = 0; i < pc_catalog_n_overrides (catalog); i++)
    g_ptr_array_add (overrides, (gpointer) pc_catalog_override (catalog, i));
  return overrides;
}

/* The additions among @overrides the plugin did not read. */
static GPtrArray *
unread_additions (const GPtrArray *overrides)
{
  GPtrArray *unread = g_ptr_array_new ();
  for (guint i = 0; i < overrides->len; i++) {
    const PcPriceOverride *change = overrides->pdata[i];
    if (change->was == NULL && !pc_price_was_read (change->now))
      g_ptr_array_add (unread, (gpointer) change);
  }
  return unread;
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
price_table (const char *component, const char *region, const PcStepResult *result, const GPtrArray *overrides)
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
      g_string_append_printf (notes, "  %s%s: %s [%s, %s; %s:%d]\n", derived ? "* derived " : "",
                              pc_price_key (price), pc_price_derived (price) ? pc_price_derived (price) : "as published",
                              pc_price_source_id (price), pc_price_date (price), pc_price_file (price),
                              pc_price_line (price));
  }
  g_print ("%-40s %16s %-14s %10.2f\n\nprices:\n%s", "total", "", "", pc_step_result_usd (result), notes->str);
  g_autoptr (GPtrArray) sources = sources_used (result);
  if (sources->len)
    g_print ("\nsources:\n");
  for (guint k = 0; k < sources->len; k++)
    g_print ("  [%s] %s\n", pc_price_source_id (sources->pdata[k]), pc_price_source (sources->pdata[k]));
  for (guint i = 0; i < overrides->len; i++) {
    g_autofree char *text = pc_price_override_text (overrides->pdata[i]);
    g_print ("%s: %s\n", pc_price_override_label (overrides->pdata[i]), text);
  }
}

/* Where a line's price comes from: key, unit price, source id (the
 * top-level "sources" table has its text), date, file and line, derivation. */
static void
add_price_json (JsonBuilder *b, const PcPrice *price)
{
  json_builder_set_member_name (b, "price_key");
  json_builder_add_string_value (b, pc_price_key (price));
  json_builder_set_member_name (b, "unit_usd");
  json_builder_add_double_value (b, pc_price_unit_usd (price));
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, pc_price_source_id (price));
  json_builder_set_member_name (b, "date");
  json_builder_add_string_value (b, pc_price_date (price));
  json_builder_set_member_name (b, "price_file");
  json_builder_add_string_value (b, pc_price_file (price));
  json_builder_set_member_name (b, "price_line");
  json_builder_add_int_value (b, pc_price_line (price));
  json_builder_set_member_name (b, "derived");
  if (pc_price_derived (price))
    json_builder_add_string_value (b, pc_price_derived (price));
  else
    json_builder_add_null_value (b);
}

static void
add_line_json (JsonBuilder *b, const PcStepResult *result, guint i)
{
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
  if (price)
    add_price_json (b, price);
  json_builder_end_object (b);
}

static void
price_json (const char *component, const char *region, const PcStepResult *result, const GPtrArray *overrides)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "component");
  json_builder_add_string_value (b, component);
  json_builder_set_member_name (b, "region");
  json_builder_add_string_value (b, region);
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < pc_step_result_n_lines (result); i++)
    add_line_json (b, result, i);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "total_usd");
  json_builder_add_double_value (b, pc_step_result_usd (result));
  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  g_autoptr (GPtrArray) sources = sources_used (result);
  for (guint k = 0; k < sources->len; k++) {
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "id");
    json_builder_add_string_value (b, pc_price_source_id (sources->pdata[k]));
    json_builder_set_member_name (b, "text");
    json_builder_add_string_value (b, pc_price_source (sources->pdata[k]));
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "price_overrides");
  pc_price_overrides_to_json (b, overrides);
  json_builder_end_object (b);
  pc_cli_json_print (b);
}

/* Prices one month of @component and prints it; returns the exit status. */
static int
price_component (const char *component, const char *region, char **sets, char **catalogs, PcFreeTier free_tier,
                 PcFormat format)
{
  GError *error = NULL;
  g_autoptr (PcHost) host = pc_cli_host_new (catalogs, &error);
  const PcPlugin *plugin = host ? pc_host_get (host, component, &error) : NULL;
  g_autoptr (PcCatalog) catalog = plugin ? pc_host_catalog (host, region, plugin, &error) : NULL;
  if (catalog == NULL)
    return pc_cli_fail (error);
  pc_catalog_use_free_tiers (catalog, free_tier == PC_FREE_TIER_ACCOUNT);
  g_autoptr (PcConfig) config = pc_config_new (pc_plugin_info (plugin), component);
  g_autoptr (PcUsage) usage = pc_usage_new ();
  g_autoptr (PcStepResult) result = pc_step_result_new ();
  if (!pc_usage_apply (usage, config, (const char *const *) sets, &error)) {
    g_prefix_error (&error, "--set ");
    return pc_cli_fail (error);
  }
  if (!pc_usage_check_read (plugin, config, catalog, usage, &error) ||
      !pc_price_month (plugin, config, catalog, usage, result, &error))
    return pc_cli_fail (error);
  g_autoptr (GPtrArray) overrides = catalog_overrides (catalog);
  g_autoptr (GPtrArray) unread = unread_additions (overrides);
  pc_cli_note_overrides (overrides);
  pc_cli_note_unread (unread);
  if (format == PC_FORMAT_JSON)
    price_json (component, region, result, overrides);
  else
    price_table (component, region, result, overrides);
  return 0;
}

int
pc_cmd_price (int argc, char **argv)
{
  g_autofree char *region = NULL, *format_text = NULL, *free_text = NULL;
  g_auto (GStrv) sets = NULL, catalogs = NULL;
  const GOptionEntry entries[] = {
    { "region", 'r', 0, G_OPTION_ARG_STRING, &region, "AWS region (default ap-southeast-2)", "REGION" },
    { "set", 's', 0, G_OPTION_ARG_STRING_ARRAY, &sets, "A parameter, usage key or named demand (repeatable)", "KEY=VALUE" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, "table or json", "FORMAT" },
    PC_CLI_FREE_TIER_ENTRY (free_text),
    PC_CLI_CATALOG_ENTRY (catalogs),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("COMPONENT", "One component's monthly cost for given settings and usage.", entries);
  g_autofree char *keys = pc_usage_keys ();
  g_autofree char *description = g_strdup_printf ("KEY is one of the plugin's parameters (phasecast plugins show COMPONENT), a usage key:\n  %s\nor a named demand the plugin reads (its create() resolves it with pc_config_demand).", keys);
  g_option_context_set_description (context, description);
  GError *error = NULL;
  PcFormat format;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_usage_fail (context, error);
  PcFreeTier free_tier = PC_FREE_TIER_ACCOUNT;
  if (argc != 2 || !pc_cli_parse_format (format_text, &format, FALSE))
    return pc_cli_usage_error (context, "price takes one COMPONENT and --format table or json");
  if (free_text && !pc_free_tier_parse (free_text, &free_tier))
    return pc_cli_usage_error (context, PC_CLI_FREE_TIER_PROBLEM);
  return price_component (argv[1], region ? region : "ap-southeast-2", sets, catalogs, free_tier, format);
}
