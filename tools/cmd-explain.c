/* cmd-explain.c - `phasecast explain`: every line of one month's cost in
 * the median run (the run `run --months` shows), with quantity, unit,
 * the catalog's unit price, the price's key, source and date (derived
 * prices marked), and what produced the quantity: the component's metrics
 * (its capacity decision) and the demand that reached it. */
#include "cli.h"

#include <json-glib/json-glib.h>

/* The catalog's unit price, and whether the line's USD is simply quantity
 * times it (not when free or volume tiers applied). */
static double
unit_price (const PcPrice *price, double quantity, double usd, gboolean *tiered)
{
  double unit = pc_price_unit_usd (price);
  *tiered = fabs (unit * quantity - usd) > 1e-9 * MAX (1.0, fabs (usd));
  return unit;
}

/* Each source a price cites, once per catalog ("REGION ID" -> the source's
 * text; a source id names a different file in each Region's catalog): the
 * legend under the prices, and "sources" in JSON. */
static gint
compare_keys (gconstpointer a, gconstpointer b, gpointer data)
{
  (void) data;
  return strcmp (a, b);
}

static GTree *
sources_new (void)
{
  return g_tree_new_full (compare_keys, NULL, g_free, NULL);
}

static void
note_source (GTree *sources, const char *region, const PcPrice *price)
{
  char *key = g_strdup_printf ("%s %s", region, pc_price_source_id (price));
  if (g_tree_lookup (sources, key))
    g_free (key);
  else
    g_tree_insert (sources, key, (gpointer) pc_price_source (price));
}

static gboolean
print_source (gpointer key, gpointer text, gpointer data)
{
  (void) data;
  g_print ("  %s: %s\n", (const char *) key, (const char *) text);
  return FALSE;
}

/* The component's lines; each price it used is noted once per region. */
static void
table_lines (const PcExplainedComponent *e, GString *notes, GTree *sources)
{
  const char *region = pc_catalog_region (e->component->catalog);
  for (guint i = 0; i < pc_step_result_n_lines (e->result); i++) {
    const char *item, *unit;
    double quantity, usd;
    const PcPrice *price;
    pc_step_result_line (e->result, i, &item, &quantity, &unit, &usd, &price);
    if (price == NULL) {
      g_print ("    %-42s %14.4f %-18s %14s %10.4f  computed by the plugin\n", item, quantity, unit, "-", usd);
      continue;
    }
    gboolean tiered, derived = pc_price_derived (price) != NULL;
    double unit_usd = unit_price (price, quantity, usd, &tiered);
    g_print ("    %-42s %14.4f %-18s %14.8f %10.4f  %s%s%s\n", item, quantity, unit, unit_usd, usd, pc_price_key (price),
             derived ? " *" : "", tiered ? " (tiers)" : "");
    note_source (sources, region, price);
    g_autofree char *name = g_strdup_printf (" %s %s: ", region, pc_price_key (price));
    if (!strstr (notes->str, name))
      g_string_append_printf (notes, " %s%s%s, %s%s%s\n", derived ? "*" : " ", name, pc_price_source_id (price),
                              pc_price_date (price), derived ? "; derived: " : "", derived ? pc_price_derived (price) : "");
  }
}

static void
table_metrics (const PcExplainedComponent *e)
{
  const PcPluginInfo *info = e->component->info;
  if (info->n_metrics == 0)
    return;
  g_print ("    capacity:");
  for (guint m = 0; m < info->n_metrics; m++)
    g_print ("%s %s %.4g %s", m ? "," : "", info->metrics[m].name, pc_step_result_metric (e->result, m),
             info->metrics[m].unit);
  g_print ("\n");
}

/* The demand fields the stage before changed (a CDN takes the static
 * requests, a compute stage adds its response time); --format json has the
 * whole demand that reached each component. */
static void
table_demand (const PcExplainedComponent *e, const PcDemand *input)
{
  guint n;
  const PcDemandField *fields = pc_demand_fields (&n);
  gboolean any = FALSE;
  for (guint f = 0; f < n; f++) {
    double value = G_STRUCT_MEMBER (double, &e->demand, fields[f].offset);
    if (value == G_STRUCT_MEMBER (double, input, fields[f].offset))
      continue;
    g_print ("%s %s %.6g", any ? "," : "    demand as the stage before left it:", fields[f].name, value);
    any = TRUE;
  }
  if (any)
    g_print ("\n");
}

static void
table_header (const PcExplanation *x, const PcReport *report)
{
  const PcScenario *s = x->model->scenario;
  g_autofree char *date = pc_scenario_date (s, x->month);
  const PcPhaseDecl *phase = x->model->phases[x->phase].decl;
  g_print ("phasecast explain: scenario %s, %s (month %u), phase %s %s: the median run (run %u of %u, seed %" G_GUINT64_FORMAT
           "), as `run --months` shows it\n", s->name, date, x->month, phase->id, phase->name, x->run_index, report->runs,
           report->seed);
  g_print ("business: %.2f paying customers, %.2f active users, %.2f quotes this month\n", x->state.paying_customers,
           x->state.active_users, x->state.quotes_month);
  const PcDemand *d = &((const PcExplainedComponent *) x->components->pdata[0])->demand;
  g_print ("demand entering the pipeline: %.0f requests (busiest level %.4g/s), %.4g GB database, %.4g GB stored, "
           "%.4g GB out\n\n", d->requests, pc_demand_peak_rps (d), d->db_storage_gb, d->stored_gb, d->egress_gb);
  g_print ("    %-42s %14s %-18s %14s %10s  %s\n", "line", "quantity", "unit", "unit price USD", "USD", "price key");
}

static void
explain_table (const PcExplanation *x, const PcReport *report, const char *only)
{
  g_autoptr (GString) notes = g_string_new (NULL);
  g_autoptr (GTree) sources = sources_new ();
  double shown = 0;
  table_header (x, report);
  for (guint c = 0; c < x->components->len; c++) {
    const PcExplainedComponent *e = x->components->pdata[c];
    if (only && !g_str_equal (only, e->component->decl->name))
      continue;
    g_print ("  %s (%s, %s): $%.4f\n", e->component->decl->name, e->component->info->name,
             pc_catalog_region (e->component->catalog), pc_step_result_usd (e->result));
    table_lines (e, notes, sources);
    table_metrics (e);
    if (c > 0)
      table_demand (e, &((const PcExplainedComponent *) x->components->pdata[c - 1])->demand);
    shown += pc_step_result_usd (e->result);
  }
  if (only)
    g_print ("\n  %s: $%.2f of the month's $%.2f\n", only, shown, x->cost_usd);
  else
    g_print ("\n  total: $%.2f, the month's cost in `run --months`\n", x->cost_usd);
  g_print ("\nprices (region key: source, date; * derived, not read; (tiers): free or volume tiers applied, so USD "
           "is not quantity x unit price):\n%s", notes->str);
  g_print ("\nsources:\n");
  g_tree_foreach (sources, print_source, NULL);
}

static void
json_line (JsonBuilder *b, const PcStepResult *result, guint i, const char *region, GTree *sources)
{
  const char *item, *unit;
  double quantity, usd;
  const PcPrice *price;
  pc_step_result_line (result, i, &item, &quantity, &unit, &usd, &price);
  json_builder_begin_object (b);
  pc_cli_json_string (b, "item", item);
  pc_cli_json_number (b, "quantity", quantity);
  pc_cli_json_string (b, "unit", unit);
  pc_cli_json_number (b, "usd", usd);
  json_builder_set_member_name (b, "unit_price_usd");
  if (price)
    json_builder_add_double_value (b, pc_price_unit_usd (price));
  else
    json_builder_add_null_value (b);
  gboolean tiered = FALSE;
  if (price) {
    unit_price (price, quantity, usd, &tiered);
    note_source (sources, region, price);
  }
  json_builder_set_member_name (b, "tiered");   /* free or volume tiers: usd is not quantity x unit price */
  json_builder_add_boolean_value (b, tiered);
  pc_cli_json_string (b, "price_key", price ? pc_price_key (price) : NULL);
  pc_cli_json_string (b, "price_source_id", price ? pc_price_source_id (price) : NULL);   /* text: "sources" */
  pc_cli_json_string (b, "price_date", price ? pc_price_date (price) : NULL);
  pc_cli_json_string (b, "derived", price ? pc_price_derived (price) : NULL);
  json_builder_end_object (b);
}

static gboolean
json_source (gpointer key, gpointer text, gpointer builder)
{
  g_auto (GStrv) region_id = g_strsplit (key, " ", 2);
  json_builder_begin_object (builder);
  pc_cli_json_string (builder, "region", region_id[0]);
  pc_cli_json_string (builder, "id", region_id[1]);
  pc_cli_json_string (builder, "text", text);
  json_builder_end_object (builder);
  return FALSE;
}

static void
json_inputs (JsonBuilder *b, const PcExplainedComponent *e, const PcModel *model)
{
  const PcPluginInfo *info = e->component->info;
  json_builder_set_member_name (b, "metrics");
  json_builder_begin_object (b);
  for (guint m = 0; m < info->n_metrics; m++)
    pc_cli_json_number (b, info->metrics[m].name, pc_step_result_metric (e->result, m));
  json_builder_end_object (b);
  guint n;
  const PcDemandField *fields = pc_demand_fields (&n);
  json_builder_set_member_name (b, "demand");
  json_builder_begin_object (b);
  for (guint f = 0; f < n; f++)
    pc_cli_json_number (b, fields[f].name, G_STRUCT_MEMBER (double, &e->demand, fields[f].offset));
  pc_cli_json_number (b, "peak_rps", pc_demand_peak_rps (&e->demand));
  for (guint k = 0; k < model->demand_names->len; k++)
    pc_cli_json_number (b, model->demand_names->pdata[k], e->named[k]);
  json_builder_end_object (b);
}

static void
json_component (JsonBuilder *b, const PcExplainedComponent *e, const PcModel *model, GTree *sources)
{
  json_builder_begin_object (b);
  pc_cli_json_string (b, "name", e->component->decl->name);
  pc_cli_json_string (b, "plugin", e->component->info->name);
  pc_cli_json_string (b, "region", pc_catalog_region (e->component->catalog));
  pc_cli_json_number (b, "cost_usd", pc_step_result_usd (e->result));
  json_builder_set_member_name (b, "lines");
  json_builder_begin_array (b);
  for (guint i = 0; i < pc_step_result_n_lines (e->result); i++)
    json_line (b, e->result, i, pc_catalog_region (e->component->catalog), sources);
  json_builder_end_array (b);
  json_inputs (b, e, model);
  json_builder_end_object (b);
}

static void
explain_json (const PcExplanation *x, const PcReport *report, const char *only)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  g_autofree char *date = pc_scenario_date (x->model->scenario, x->month);
  json_builder_begin_object (b);
  pc_cli_json_string (b, "scenario", x->model->scenario->name);
  pc_cli_json_string (b, "date", date);
  pc_cli_json_int (b, "month", x->month);
  pc_cli_json_string (b, "phase", x->model->phases[x->phase].decl->id);
  pc_cli_json_int (b, "run_index", x->run_index);
  pc_cli_json_int (b, "runs", report->runs);
  json_builder_set_member_name (b, "seed");
  json_builder_add_value (b, pc_json_uint64_node (report->seed));
  pc_cli_json_number (b, "paying_customers", x->state.paying_customers);
  pc_cli_json_number (b, "active_users", x->state.active_users);
  pc_cli_json_number (b, "quotes", x->state.quotes_month);
  pc_cli_json_number (b, "cost_usd", x->cost_usd);
  g_autoptr (GTree) sources = sources_new ();
  json_builder_set_member_name (b, "components");
  json_builder_begin_array (b);
  for (guint c = 0; c < x->components->len; c++) {
    const PcExplainedComponent *e = x->components->pdata[c];
    if (only == NULL || g_str_equal (only, e->component->decl->name))
      json_component (b, e, x->model, sources);
  }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  g_tree_foreach (sources, json_source, b);
  json_builder_end_array (b);
  json_builder_end_object (b);
  pc_cli_json_print (b);
}

/* FALSE with @error listing the phase's components when @name is not one. */
static gboolean
check_component (const PcExplanation *x, const char *name, GError **error)
{
  g_autoptr (GString) names = g_string_new (NULL);
  for (guint c = 0; c < x->components->len; c++) {
    const char *each = ((const PcExplainedComponent *) x->components->pdata[c])->component->decl->name;
    if (name == NULL || g_str_equal (name, each))
      return TRUE;
    g_string_append_printf (names, "%s%s", c ? ", " : "", each);
  }
  g_autofree char *date = pc_scenario_date (x->model->scenario, x->month);
  g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF, "--component %s: phase %s has no such component in %s "
               "(components: %s)", name, x->model->phases[x->phase].decl->id, date, names->str);
  return FALSE;
}

int
pc_cmd_explain (int argc, char **argv)
{
  g_auto (PcCliSimulation) sim = { 0 };
  g_autofree char *month_text = NULL, *component = NULL, *format_text = NULL, *free_text = NULL;
  g_auto (GStrv) catalogs = NULL;
  const GOptionEntry entries[] = {
    { "month", 'm', 0, G_OPTION_ARG_STRING, &month_text, "The month to explain (required)", "YYYY-MM" },
    { "component", 'c', 0, G_OPTION_ARG_STRING, &component, "Only this component", "NAME" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, "table or json", "FORMAT" },
    PC_CLI_FREE_TIER_ENTRY (free_text),
    PC_CLI_CATALOG_ENTRY (catalogs),
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("SCENARIO", "Every line of one month's cost in the median "
                                                           "run, with its price and what produced its quantity.", entries);
  pc_cli_add_simulation_options (context, &sim);
  GError *error = NULL;
  PcFormat format;
  PcSimulateOptions options = { 0 };
  guint month = 0;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_usage_fail (context, error);
  if (argc != 2 || month_text == NULL)
    return pc_cli_usage_error (context, "explain takes one SCENARIO file and --month YYYY-MM");
  if (!pc_cli_parse_format (format_text, &format, FALSE))
    return pc_cli_usage_error (context, "--format is table or json");
  if (!pc_cli_simulation_options (&sim, &options))
    return pc_cli_usage_error (context, sim.problem);
  if (!pc_cli_memory_enough (PC_CLI_NEED_SIMULATION, options.threads))
    return 1;
  PcFreeTier free_tier;
  if (free_text && !pc_free_tier_parse (free_text, &free_tier))
    return pc_cli_usage_error (context, PC_CLI_FREE_TIER_PROBLEM);
  /* The same prices and free tiers as the `run` it explains. */
  g_autoptr (PcHost) host = pc_cli_host_new (catalogs, &error);
  g_autoptr (PcModel) model = host ? pc_model_new (argv[1], NULL, host, &error) : NULL;
  if (model == NULL)
    return pc_cli_fail (error);
  pc_cli_note_model_prices (model);
  if (free_text)
    pc_model_set_free_tier (model, free_tier);
  if (!pc_scenario_parse_month (model->scenario, month_text, &month, &error))
    return pc_cli_option_fail (error);
  g_autoptr (PcReport) report = pc_cli_simulate (model, &options, &error);
  g_autoptr (PcExplanation) x = report ? pc_explain_month (model, report->seed, report->median_run->run_index, month,
                                                           &error) : NULL;
  if (x == NULL)
    return pc_cli_fail (error);
  if (!check_component (x, component, &error))
    return pc_cli_option_fail (error);
  if (format == PC_FORMAT_JSON)
    explain_json (x, report, component);
  else
    explain_table (x, report, component);
  return 0;
}
