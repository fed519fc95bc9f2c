/* cmd-sensitivity.c - `phasecast sensitivity`: each uncertain input moved
 * alone between its low and high, with common random numbers; per phase,
 * the inputs sorted by how far they move its entered month, then its
 * monthly cost (a tornado). */
#include "cli.h"

#include <json-glib/json-glib.h>

/* "2026-04", or "never" when the median run never enters the phase. */
static char *
month_text (const PcModel *model, double month)
{
  if (month >= model->scenario->horizon_months)
    return g_strdup ("never");
  return pc_scenario_date (model->scenario, (guint) lround (month));
}

static char *
cost_text (double usd)
{
  return isnan (usd) ? g_strdup ("-") : g_strdup_printf ("%.2f", usd);
}

static void
table_inputs (const PcSensitivity *s)
{
  g_print ("%-36s %12s %12s %12s  %s\n", "input", "base", "low", "high", "range");
  for (guint i = 0; i < s->inputs->len; i++) {
    const PcSensitivityInput *in = s->inputs->pdata[i];
    g_print ("%-36s %12.6g %12.6g %12.6g  %s\n", in->name, in->base, in->low, in->high, in->range_source);
  }
}

static void
table_phase (const PcSensitivity *s, guint p)
{
  const PcModel *model = s->model;
  g_autofree guint *order = pc_sensitivity_order (s, p);
  g_autofree char *base = month_text (model, s->base_entered[p]);
  g_autofree char *base_cost = cost_text (s->base_cost[p]);
  g_autoptr (GString) none = g_string_new (NULL);
  g_print ("\n%s %s: entered %s, $%s/month\n  %-36s %-8s %-8s %7s  %10s %10s %10s\n", model->phases[p].decl->id,
           model->phases[p].decl->name, base, base_cost, "input (low -> high)", "entered", "", "months", "$/month", "",
           "change");
  for (guint k = 0; k < s->inputs->len; k++) {
    const PcSensitivityInput *in = s->inputs->pdata[order[k]];
    double months = in->entered_high[p] - in->entered_low[p], usd = in->cost_high[p] - in->cost_low[p];
    if (months == 0 && (isnan (usd) || fabs (usd) < 0.005)) {   /* under half a cent: none shown */
      g_string_append_printf (none, "%s%s", none->len ? ", " : "", in->name);
      continue;
    }
    g_autofree char *low = month_text (model, in->entered_low[p]), *high = month_text (model, in->entered_high[p]);
    g_autofree char *cost_low = cost_text (in->cost_low[p]), *cost_high = cost_text (in->cost_high[p]);
    g_autofree char *change = isnan (usd) ? g_strdup ("-") : g_strdup_printf ("%+.2f", usd);
    g_print ("  %-36s %-8s %-8s %+7.1f  %10s %10s %10s\n", in->name, low, high, months, cost_low, cost_high, change);
  }
  if (none->len)
    g_print ("  no effect (entered month unchanged, cost within half a cent): %s\n", none->str);
}

static void
sensitivity_table (const PcSensitivity *s)
{
  g_print ("phasecast sensitivity: scenario %s, %u runs per setting, seed %" G_GUINT64_FORMAT " (common random numbers)\n"
           "Each input is moved alone from low to high.  entered: the median month over all runs (a run that never "
           "enters counts as never);\n$/month: the P50 monthly cost over the runs that enter.  Inputs are sorted by "
           "how far they move the entered month, then the cost.\n\n", s->model->scenario->name, s->runs, s->seed);
  table_inputs (s);
  for (guint p = 1; p < s->model->n_phases; p++)
    table_phase (s, p);
}

/* A setting's effect on phase @p: its median entered month (null: never) and P50 cost. */
static void
json_setting (JsonBuilder *b, const PcSensitivity *s, const char *name, double entered, double cost)
{
  gboolean never = entered >= s->model->scenario->horizon_months;
  json_builder_set_member_name (b, name);
  json_builder_begin_object (b);
  pc_cli_json_number (b, "entered_month", never ? NAN : entered);
  pc_cli_json_number (b, "monthly_cost_usd", cost);
  json_builder_end_object (b);
}

static void
json_phase (JsonBuilder *b, const PcSensitivity *s, guint p)
{
  g_autofree guint *order = pc_sensitivity_order (s, p);
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, s->model->phases[p].decl->id);
  json_setting (b, s, "base", s->base_entered[p], s->base_cost[p]);
  json_builder_set_member_name (b, "effects");
  json_builder_begin_array (b);
  for (guint k = 0; k < s->inputs->len; k++) {
    const PcSensitivityInput *in = s->inputs->pdata[order[k]];
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "input");
    json_builder_add_string_value (b, in->name);
    json_setting (b, s, "low", in->entered_low[p], in->cost_low[p]);
    json_setting (b, s, "high", in->entered_high[p], in->cost_high[p]);
    pc_cli_json_number (b, "entered_months_change", in->entered_high[p] - in->entered_low[p]);
    pc_cli_json_number (b, "monthly_cost_change_usd", in->cost_high[p] - in->cost_low[p]);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
sensitivity_json (const PcSensitivity *s)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "scenario");
  json_builder_add_string_value (b, s->model->scenario->name);
  json_builder_set_member_name (b, "runs");
  json_builder_add_int_value (b, s->runs);
  json_builder_set_member_name (b, "seed");
  json_builder_add_value (b, pc_json_uint64_node (s->seed));
  json_builder_set_member_name (b, "inputs");
  json_builder_begin_array (b);
  for (guint i = 0; i < s->inputs->len; i++) {
    const PcSensitivityInput *in = s->inputs->pdata[i];
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "name");
    json_builder_add_string_value (b, in->name);
    pc_cli_json_number (b, "base", in->base);
    pc_cli_json_number (b, "low", in->low);
    pc_cli_json_number (b, "high", in->high);
    json_builder_set_member_name (b, "range_source");
    json_builder_add_string_value (b, in->range_source);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "phases");
  json_builder_begin_array (b);
  for (guint p = 1; p < s->model->n_phases; p++)
    json_phase (b, s, p);
  json_builder_end_array (b);
  json_builder_end_object (b);
  pc_cli_json_print (b);
}

int
pc_cmd_sensitivity (int argc, char **argv)
{
  g_auto (PcCliSimulation) sim = { 0 };
  g_auto (GStrv) vary = NULL;
  g_autofree char *format_text = NULL;
  const GOptionEntry entries[] = {
    { "vary", 'v', 0, G_OPTION_ARG_STRING_ARRAY, &vary, "An input's range, replacing the default (repeatable)",
      "NAME=LOW:HIGH" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, "table or json", "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("SCENARIO", "Which input moves each phase's timing and "
                                                           "cost most: each moved alone, with common random numbers.",
                                                           entries);
  pc_cli_add_simulation_options (context, &sim);
  GError *error = NULL;
  PcFormat format;
  PcSimulateOptions simulate = { 0 };
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_usage_fail (context, error);
  if (argc != 2)
    return pc_cli_usage_error (context, "sensitivity takes one SCENARIO file");
  if (!pc_cli_parse_format (format_text, &format, FALSE))
    return pc_cli_usage_error (context, "--format is table or json");
  if (!pc_cli_simulation_options (&sim, &simulate))
    return pc_cli_usage_error (context, sim.problem);
  if (!pc_cli_memory_enough (PC_CLI_NEED_SIMULATION, simulate.threads))
    return 1;
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) pc_cli_plugin_dirs);
  PcSensitivityOptions options = { .runs = simulate.runs, .seed = simulate.seed, .seed_set = simulate.seed_set,
                                   .threads = simulate.threads, .vary = vary };
  PcCliProgress progress;
  pc_cli_progress_start (&progress, &options.progress, &options.progress_data);
  g_autoptr (PcSensitivity) s = pc_sensitivity_run (argv[1], host, &options, &error);
  pc_cli_progress_end (&progress);
  if (s == NULL)   /* a bad --vary is a usage error; a bad scenario (its <vary> too) a bad input */
    return g_str_has_prefix (error->message, "--vary") ? pc_cli_option_fail (error) : pc_cli_fail (error);
  if (format == PC_FORMAT_JSON)
    sensitivity_json (s);
  else
    sensitivity_table (s);
  return 0;
}
