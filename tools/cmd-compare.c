/* cmd-compare.c - `phasecast compare`: two scenarios, or one under two
 * roadmaps, phase by phase (matched by id): how likely each is reached,
 * when it is entered and what it costs (P50 over runs), and B minus A.
 * Entered months are compared as calendar months, so scenarios starting at
 * different dates compare correctly. */
#include "cli.h"

#include <json-glib/json-glib.h>

typedef struct {
  const char *file;
  PcModel *model;
  PcReport *report;
} PcSide;

static void
side_clear (PcSide *side)
{
  pc_report_free (side->report);
  pc_model_free (side->model);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PcSide, side_clear)

static gboolean
simulate_side (PcSide *side, PcHost *host, const char *scenario, const char *roadmap, PcSimulateOptions options,
               GError **error)
{
  side->model = pc_model_new (scenario, roadmap, host, error);
  side->report = side->model ? pc_cli_simulate (side->model, &options, error) : NULL;
  return side->report != NULL;
}

static int
phase_index (const PcModel *model, const char *id)
{
  for (guint p = 0; p < model->n_phases; p++)
    if (g_str_equal (model->phases[p].decl->id, id))
      return (int) p;
  return -1;
}

/* The P50 entered month as a calendar month count (year x 12 + month), NAN if never. */
static double
entered_calendar (const PcSide *side, int p)
{
  if (p < 0 || !side->report->phases[p].entered_month.valid)
    return NAN;
  const PcScenario *s = side->model->scenario;
  return s->start_year * 12.0 + (s->start_month - 1) + side->report->phases[p].entered_month.p50;
}

static double
cost_p50 (const PcSide *side, int p)
{
  return p >= 0 && side->report->phases[p].monthly_cost.valid ? side->report->phases[p].monthly_cost.p50 : NAN;
}

static double
reached (const PcSide *side, int p)
{
  return p >= 0 ? side->report->phases[p].reached_probability : 0.0;
}

/* Every phase id of A, then those only B has. */
static GPtrArray *
phase_ids (const PcSide *a, const PcSide *b)
{
  GPtrArray *ids = g_ptr_array_new ();
  for (guint p = 0; p < a->model->n_phases; p++)
    g_ptr_array_add (ids, a->model->phases[p].decl->id);
  for (guint p = 0; p < b->model->n_phases; p++)
    if (phase_index (a->model, b->model->phases[p].decl->id) < 0)
      g_ptr_array_add (ids, b->model->phases[p].decl->id);
  return ids;
}

static void
table_side (const PcSide *side, int p)
{
  if (p < 0) {
    g_print ("  %-7s %-9s %9s", "-", "-", "-");
    return;
  }
  const PcPhaseReport *pr = &side->report->phases[p];
  g_autofree char *date = pr->entered_month.valid
                            ? pc_scenario_date (side->model->scenario, (guint) lround (pr->entered_month.p50))
                            : g_strdup ("never");
  g_autofree char *cost = isnan (cost_p50 (side, p)) ? g_strdup ("-") : g_strdup_printf ("%.2f", cost_p50 (side, p));
  g_print ("  %5.1f%%  %-9s %9s", 100 * pr->reached_probability, date, cost);
}

static void
compare_table (const PcSide *a, const PcSide *b)
{
  g_autoptr (GPtrArray) ids = phase_ids (a, b);
  g_print ("phasecast compare: P50 over runs; A = %s (%s, roadmap %s, %u runs), B = %s (%s, roadmap %s, %u runs)\n\n",
           a->file, a->model->scenario->name, a->model->roadmap->name, a->report->runs, b->file, b->model->scenario->name,
           b->model->roadmap->name, b->report->runs);
  g_print ("%-7s  %-28s  %-28s  %s\n%-7s  %6s  %-9s %9s  %6s  %-9s %9s  %8s %7s %9s\n", "", "A", "B", "B - A", "phase",
           "reached", "entered", "$/month", "reached", "entered", "$/month", "reached", "months", "$/month");
  for (guint i = 0; i < ids->len; i++) {
    int pa = phase_index (a->model, ids->pdata[i]), pb = phase_index (b->model, ids->pdata[i]);
    g_print ("%-7s", (char *) ids->pdata[i]);
    table_side (a, pa);
    table_side (b, pb);
    double months = entered_calendar (b, pb) - entered_calendar (a, pa), usd = cost_p50 (b, pb) - cost_p50 (a, pa);
    g_autofree char *m = isnan (months) ? g_strdup ("-") : g_strdup_printf ("%+.1f", months);
    g_autofree char *d = isnan (usd) ? g_strdup ("-") : g_strdup_printf ("%+.2f", usd);
    g_print ("  %+7.1f%% %7s %9s\n", 100 * (reached (b, pb) - reached (a, pa)), m, d);
  }
}

static JsonNode *
number_node (double value)
{
  JsonNode *node = json_node_alloc ();
  return isfinite (value) ? json_node_init_double (node, value) : json_node_init_null (node);
}

static JsonObject *
side_header (const PcSide *side)
{
  JsonObject *object = json_object_new ();
  json_object_set_string_member (object, "file", side->file);
  json_object_set_string_member (object, "scenario", side->model->scenario->name);
  json_object_set_string_member (object, "roadmap", side->model->roadmap->name);
  json_object_set_int_member (object, "runs", side->report->runs);
  json_object_set_member (object, "seed", pc_json_uint64_node (side->report->seed));
  return object;
}

static JsonObject *
phase_json (const PcSide *a, const PcSide *b, const char *id)
{
  int pa = phase_index (a->model, id), pb = phase_index (b->model, id);
  JsonObject *object = json_object_new (), *difference = json_object_new ();
  json_object_set_string_member (object, "id", id);
  if (pa >= 0)
    json_object_set_object_member (object, "a", pc_json_phase_row (a->report, (guint) pa));   /* takes it */
  else
    json_object_set_null_member (object, "a");
  if (pb >= 0)
    json_object_set_object_member (object, "b", pc_json_phase_row (b->report, (guint) pb));
  else
    json_object_set_null_member (object, "b");
  json_object_set_member (difference, "reached_probability", number_node (reached (b, pb) - reached (a, pa)));
  json_object_set_member (difference, "entered_months", number_node (entered_calendar (b, pb) - entered_calendar (a, pa)));
  json_object_set_member (difference, "monthly_cost_usd", number_node (cost_p50 (b, pb) - cost_p50 (a, pa)));
  json_object_set_object_member (object, "difference", difference);
  return object;
}

static void
compare_json (const PcSide *a, const PcSide *b)
{
  g_autoptr (GPtrArray) ids = phase_ids (a, b);
  JsonObject *root = json_object_new ();
  JsonArray *phases = json_array_new ();
  json_object_set_object_member (root, "a", side_header (a));
  json_object_set_object_member (root, "b", side_header (b));
  for (guint i = 0; i < ids->len; i++)
    json_array_add_object_element (phases, phase_json (a, b, ids->pdata[i]));
  json_object_set_array_member (root, "phases", phases);
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), root);
  json_object_unref (root);
  g_autofree char *text = pc_json_to_text (node, TRUE);
  g_print ("%s\n", text);
}

int
pc_cmd_compare (int argc, char **argv)
{
  if (pc_cli_wants_roads (argc, argv))
    return pc_cmd_compare_roads (argc, argv);
  g_auto (PcCliSimulation) sim = { 0 };
  g_autofree char *format_text = NULL;
  const GOptionEntry entries[] = {
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, "table or json", "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("A B",
                                                    "Two scenarios side by side, or scenario A under its roadmap and under roadmap B.", entries);
  pc_cli_add_simulation_options (context, &sim);
  GError *error = NULL;
  PcFormat format;
  PcSimulateOptions options = { 0 };
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_usage_fail (context, error);
  if (argc != 3)
    return pc_cli_usage_error (context, "compare takes two files");
  if (!pc_cli_parse_format (format_text, &format, FALSE))
    return pc_cli_usage_error (context, "--format is table or json");
  if (!pc_cli_simulation_options (&sim, &options))
    return pc_cli_usage_error (context, sim.problem);
  if (!pc_cli_memory_enough (PC_CLI_NEED_SIMULATION, options.threads))
    return 1;
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) pc_cli_plugin_dirs);
  g_autofree char *root_b = pc_xml_root_name (argv[2], &error);
  if (root_b == NULL)
    return pc_cli_fail (error);
  gboolean b_is_roadmap = g_str_equal (root_b, "roadmap");
  g_auto (PcSide) a = { argv[1], NULL, NULL }, b = { argv[2], NULL, NULL };
  if (!simulate_side (&a, host, argv[1], NULL, options, &error) ||
      !simulate_side (&b, host, b_is_roadmap ? argv[1] : argv[2], b_is_roadmap ? argv[2] : NULL, options, &error))
    return pc_cli_fail (error);
  if (format == PC_FORMAT_JSON)
    compare_json (&a, &b);
  else
    compare_table (&a, &b);
  return 0;
}
