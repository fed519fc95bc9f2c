/* cmd-compare.c - `phasecast compare`: two scenarios, or one under two roadmaps. */
#include "cli.h"

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

int
pc_cmd_compare (int argc, char **argv)
{
  if (pc_cli_wants_roads (argc, argv))
    return pc_cmd_compare_roads (argc, argv);
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("A B",
                                                    "Two scenarios side by side, or scenario A under its roadmap and under roadmap B.", entries);
  GError *error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_parse_failed (context, error);
  if (argc != 3)
    return pc_cli_usage_error (context, "compare takes two files");
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) pc_cli_plugin_dirs);
  g_autofree char *root_b = pc_xml_root_name (argv[2], &error);
  if (root_b == NULL)
    return pc_cli_fail (error);
  gboolean b_is_roadmap = g_str_equal (root_b, "roadmap");
  g_autoptr (PcModel) model_a = NULL, model_b = NULL;
  g_autoptr (PcReport) a = simulate_file (host, argv[1], NULL, &model_a, &error);
  g_autoptr (PcReport) b = a ? simulate_file (host, b_is_roadmap ? argv[1] : argv[2], b_is_roadmap ? argv[2] : NULL,
                                              &model_b, &error) : NULL;
  if (b == NULL)
    return pc_cli_fail (error);
  g_print ("%-8s  %-23s  %-23s\n%-8s  %-10s %12s  %-10s %12s\n", "", argv[1], argv[2], "phase", "entered",
           "USD/month", "entered", "USD/month");
  for (guint p = 0; p < MAX (model_a->n_phases, model_b->n_phases); p++)
    compare_phase_row (a, b, p);
  return 0;
}
