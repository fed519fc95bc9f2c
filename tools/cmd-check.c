/* cmd-check.c - `phasecast check`: the budget gate.  Each reached phase's
 * highest monthly cost (P50 or P90 over the runs that enter it) against the
 * phase's own budget; exit 0 when every one is within, 3 when one is over,
 * so a pipeline can stop on a plan that no longer fits what was approved. */
#include "cli.h"

static void
print_breach (const PcReport *r, const PcBudgetCheck *c)
{
  const PcScenario *s = r->model->scenario;
  g_autofree char *from = c->month >= 0 ? pc_scenario_date (s, (guint) c->month) : g_strdup ("-");
  g_print ("OVER    $%.2f against $%.2f: $%.2f over; %.0f%% of runs go over, first in %s (P50)", c->cost_usd,
           c->budget_usd, c->over_usd, 100 * c->over_probability, from);
  if (c->top_slots[0] < 0) {
    g_print ("\n");
    return;
  }
  g_autofree char *month = pc_scenario_date (s, (guint) c->detail_month);
  g_print ("; the median run's costliest month, %s:", month);
  for (guint k = 0; k < G_N_ELEMENTS (c->top_slots) && c->top_slots[k] >= 0; k++)
    g_print ("%s %s $%.2f", k ? "," : "", (char *) r->model->slots->pdata[c->top_slots[k]], c->top_usd[k]);
  g_print ("\n");
}

/* Prints every phase's verdict; returns how many are over budget. */
static guint
print_checks (const PcReport *r, guint percentile)
{
  g_autoptr (GArray) checks = pc_report_check_budgets (r, percentile);
  guint over = 0, k = 0;
  g_print ("phasecast check: scenario %s, %u runs, seed %" G_GUINT64_FORMAT ": each phase's highest monthly cost, "
           "P%u over the runs that enter it, against its own budget (USD)\n", r->model->scenario->name, r->runs,
           r->seed, percentile);
  for (guint p = 0; p < r->model->n_phases; p++) {
    const PcPhaseDecl *d = r->model->phases[p].decl;
    const PcBudgetCheck *c = k < checks->len ? &g_array_index (checks, PcBudgetCheck, k) : NULL;
    g_print ("  %-6s %-14.14s ", d->id, d->name);
    if (c == NULL || c->phase != p) {
      g_print ("%s\n", r->phases[p].reached_probability > 0 ? "no budget" : "never reached");
      continue;
    }
    k++;
    if (c->over_usd > 0) {
      print_breach (r, c);
      over++;
    } else {
      g_print ("within  $%.2f against $%.2f: $%.2f to spare\n", c->cost_usd, c->budget_usd, -c->over_usd);
    }
  }
  if (checks->len == 0)
    g_printerr ("phasecast: no reached phase has a budget: give the roadmap budget-usd or use --budget PHASE=USD\n");
  g_print ("%u phase%s over budget\n", over, over == 1 ? "" : "s");
  return over;
}

int
pc_cmd_check (int argc, char **argv)
{
  g_auto (PcCliSimulation) sim = { 0 };
  g_auto (PcCliMoney) money = { 0 };
  int percentile = 50;
  const GOptionEntry entries[] = {
    { "percentile", 'p', 0, G_OPTION_ARG_INT, &percentile, "50 (default) or 90: the percentile of each phase's "
      "highest monthly cost that must stay within its budget", "50|90" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("SCENARIO", "Check every reached phase against its own "
                                                           "budget: exit 0 when all are within, 3 when one is over.", entries);
  pc_cli_add_simulation_options (context, &sim);
  pc_cli_add_money_options (context, &money, FALSE);   /* check compares US dollars */
  GError *error = NULL;
  PcSimulateOptions options = { 0 };
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_usage_fail (context, error);
  if (argc != 2)
    return pc_cli_usage_error (context, "check takes one SCENARIO file");
  if (percentile != 50 && percentile != 90)
    return pc_cli_usage_error (context, "--percentile is 50 or 90");
  if (!pc_cli_simulation_options (&sim, &options))
    return pc_cli_usage_error (context, sim.problem);
  if (!pc_cli_memory_enough (PC_CLI_NEED_SIMULATION, options.threads))
    return 1;
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) pc_cli_plugin_dirs);
  g_autoptr (PcModel) model = pc_model_new (argv[1], NULL, host, &error);
  if (model == NULL)
    return pc_cli_fail (error);
  if (!pc_cli_money_model (&money, model, &error))
    return pc_cli_option_fail (error);
  g_autoptr (PcReport) report = pc_cli_simulate (model, &options, &error);
  if (report == NULL)
    return pc_cli_fail (error);
  return print_checks (report, (guint) percentile) > 0 ? 3 : 0;
}
