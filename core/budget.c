/* budget.c - each phase against its own approved budget.
 *
 * A budget is a phase's approved monthly spend (<phase budget-usd="150">,
 * or --budget v1.5=150).  A phase is compared with its own budget only:
 * the $150 approved for v1.5 says nothing about v2.0.  Since cost grows
 * with the business inside a phase, the figure compared is each run's
 * highest monthly cost in the phase; over runs, its P50 (or P90, for a
 * stricter gate).  The aggregate also counts, per phase, each run's first
 * month over budget, so a breach can say when it starts.  `phasecast check`
 * turns breaches into an exit status; `run` shows them as warnings.
 */
#include "pc-private.h"

#include "pc-aggregate.h"

static char *
phase_ids (const PcModel *model)
{
  GString *ids = g_string_new (NULL);
  for (guint p = 0; p < model->n_phases; p++)
    g_string_append_printf (ids, "%s%s", p ? ", " : "", model->phases[p].decl->id);
  return g_string_free (ids, FALSE);
}

gboolean
pc_model_set_budget (PcModel *model, const char *phase_id, double usd, GError **error)
{
  for (guint p = 0; p < model->n_phases; p++)
    if (g_str_equal (model->phases[p].decl->id, phase_id)) {
      model->phases[p].budget_usd = usd;
      return TRUE;
    }
  g_autofree char *ids = phase_ids (model);
  g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF, "--budget %s=%g: roadmap %s has no phase \"%s\" (phases: %s)",
               phase_id, usd, model->roadmap->name, phase_id, ids);
  return FALSE;
}

gboolean
pc_model_set_budget_text (PcModel *model, const char *assignment, GError **error)
{
  const char *equals = strchr (assignment, '=');
  double usd = 0;
  if (equals == NULL || equals == assignment || !pc_parse_double (equals + 1, &usd) || usd < 0) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                 "--budget \"%s\": expected PHASE=USD, a phase id and a monthly amount of US dollars (0 or more)",
                 assignment);
    return FALSE;
  }
  g_autofree char *phase = g_strndup (assignment, (gsize) (equals - assignment));
  return pc_model_set_budget (model, phase, usd, error);
}

void
pc_run_phase_peak (const PcRunResult *run, guint phase, double budget_usd, double *peak_usd, int *first_over)
{
  *peak_usd = NAN;
  *first_over = -1;
  for (guint m = 0; m < run->n_months; m++) {
    if (run->months[m].phase != phase)
      continue;
    double cost = run->months[m].state[PC_STATE_MONTHLY_COST];
    if (isnan (*peak_usd) || cost > *peak_usd)
      *peak_usd = cost;
    if (*first_over < 0 && cost > budget_usd)
      *first_over = (int) m;
  }
}

/* The month of the median run whose components a breach shows: its first
 * month over budget in the phase, else its most expensive month there. */
static int
detail_month (const PcRunResult *run, guint phase, double budget_usd)
{
  double peak;
  int over, best = -1;
  pc_run_phase_peak (run, phase, budget_usd, &peak, &over);
  if (over >= 0 || isnan (peak))
    return over;
  for (guint m = 0; m < run->n_months && best < 0; m++)
    if (run->months[m].phase == phase && run->months[m].state[PC_STATE_MONTHLY_COST] == peak)
      best = (int) m;
  return best;
}

/* The three largest components of the median run in month @m. */
static void
top_components (const PcReport *r, guint phase, PcBudgetCheck *check)
{
  for (guint k = 0; k < G_N_ELEMENTS (check->top_slots); k++)
    check->top_slots[k] = -1, check->top_usd[k] = 0;
  if (check->detail_month < 0)
    return;
  const PcRunResult *run = r->median_run;
  for (guint slot = 0; slot < run->n_slots; slot++) {
    if (pc_model_component (r->model, phase, slot) == NULL)
      continue;
    double usd = run->slot_usd[(gsize) check->detail_month * run->n_slots + slot];
    for (guint k = 0; k < G_N_ELEMENTS (check->top_slots); k++) {
      if (check->top_slots[k] >= 0 && usd <= check->top_usd[k])
        continue;
      memmove (&check->top_slots[k + 1], &check->top_slots[k], sizeof (int) * (G_N_ELEMENTS (check->top_slots) - k - 1));
      memmove (&check->top_usd[k + 1], &check->top_usd[k], sizeof (double) * (G_N_ELEMENTS (check->top_usd) - k - 1));
      check->top_slots[k] = (int) slot, check->top_usd[k] = usd;
      break;
    }
  }
}

GArray *
pc_report_check_budgets (const PcReport *r, guint percentile)
{
  GArray *checks = g_array_new (FALSE, TRUE, sizeof (PcBudgetCheck));
  for (guint p = 0; p < r->model->n_phases; p++) {
    const PcPhaseReport *pr = &r->phases[p];
    if (isnan (pr->budget_usd) || !pr->peak_cost.valid)
      continue;
    PcBudgetCheck check = { .phase = p, .budget_usd = pr->budget_usd };
    check.cost_usd = percentile >= 90 ? pr->peak_cost.p90 : pr->peak_cost.p50;
    check.over_usd = check.cost_usd - pr->budget_usd;
    check.over_probability = pr->over_budget_probability;
    check.month = pr->over_budget_month.valid ? (int) lround (pr->over_budget_month.p50) : -1;
    check.detail_month = detail_month (r->median_run, p, pr->budget_usd);
    top_components (r, p, &check);
    g_array_append_val (checks, check);
  }
  return checks;
}

void
pc_report_budgets (PcReport *r, const PcAggregate *a)
{
  for (guint p = 0; p < a->n_phases; p++) {
    PcPhaseReport *pr = &r->phases[p];
    guint64 entered = a->phase_entered[p]->total;
    pr->budget_usd = a->budget_usd[p];
    pr->peak_cost = pc_sketch_percentiles (a->phase_peak_cost[p]);
    pr->over_budget_probability = entered ? (double) a->phase_over_budget[p]->total / (double) entered : 0.0;
    pr->over_budget_month = pc_month_counts_percentiles (a->phase_over_budget[p]);
  }
  g_autoptr (GArray) checks = pc_report_check_budgets (r, 50);
  for (guint k = 0; k < checks->len; k++) {
    const PcBudgetCheck *c = &g_array_index (checks, PcBudgetCheck, k);
    if (!(c->over_usd > 0))
      continue;
    g_autofree char *date = c->month >= 0 ? pc_scenario_date (r->model->scenario, (guint) c->month) : g_strdup ("-");
    char cost[64], over[64], budget[64];   /* '.' in any locale */
    g_ascii_formatd (cost, sizeof cost, "%.2f", c->cost_usd);
    g_ascii_formatd (over, sizeof over, "%.2f", c->over_usd);
    g_ascii_formatd (budget, sizeof budget, "%.2f", c->budget_usd);
    g_ptr_array_add (r->warnings,
                     g_strdup_printf ("phase %s: its highest month costs $%s (P50 over runs), $%s above its budget of "
                                      "$%s; first over budget %s",
                                      r->model->phases[c->phase].decl->id, cost, over, budget, date));
  }
}
