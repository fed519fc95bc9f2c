/* claims.c - the median run's cost by component, against the roadmap's own
 * numbers.
 *
 * For every phase: the mean, minimum and maximum monthly cost of each
 * component over the median run's months in the phase; where the roadmap
 * claims a figure for a component ("~$25", or "+$15-20" over the previous
 * phase, or one figure for a group such as the DR region), how far the
 * modelled figure lies outside the claim; the total the roadmap's claims
 * imply (previous estimate plus this phase's claims), and the three
 * components that drive the difference most; and, for a component that
 * stands in for another (VPC endpoints for a NAT gateway), what the other
 * costs where it runs.
 */
#include "pc-private.h"

/* Mean, min and max monthly cost of each slot over the median run's months
 * in each phase (NAN where the phase has no such component). */
void
pc_report_slot_costs (PcReport *report)
{
  const PcRunResult *run = report->median_run;
  for (guint p = 0; p < report->model->n_phases; p++) {
    PcPhaseReport *out = &report->phases[p];
    out->slot_mean_usd = g_new (double, run->n_slots);
    out->slot_min_usd = g_new (double, run->n_slots);
    out->slot_max_usd = g_new (double, run->n_slots);
    for (guint s = 0; s < run->n_slots; s++) {
      double sum = 0, low = INFINITY, high = -INFINITY;
      guint n = 0;
      for (guint m = 0; m < run->n_months; m++) {
        if (run->months[m].phase != p)
          continue;
        double usd = run->slot_usd[(gsize) m * run->n_slots + s];
        sum += usd, n++, low = MIN (low, usd), high = MAX (high, usd);
      }
      gboolean present = pc_model_component (report->model, p, s) != NULL;
      /* Rounding in the sum can put the mean an ulp outside its own
       * values (months of 47.015 each average 47.01499999999999), and every
       * format would then show a mean below its minimum; a mean of values
       * lies between the lowest and the highest, so it is held there. */
      out->slot_mean_usd[s] = present && n ? CLAMP (sum / n, low, high) : NAN;
      out->slot_min_usd[s] = present && n ? low : NAN;
      out->slot_max_usd[s] = present && n ? high : NAN;
    }
  }
}

static const PcComponentDecl *
component_in (const PcModel *model, guint phase, guint slot)
{
  const PcComponent *comp = pc_model_component (model, phase, slot);
  return comp ? comp->decl : NULL;
}

/* How far @value lies outside [@low, @high]; 0 inside. */
static double
outside (double value, double low, double high)
{
  return value < low ? value - low : value > high ? value - high : 0.0;
}

/* The roadmap's claim for @slot in @phase as a (min, max) change to the
 * phase total: an "added" claim as is; a total claim less the previous
 * phase's total claim for the same component. */
static gboolean
claim_change (const PcModel *model, guint phase, guint slot, double *low, double *high)
{
  const PcComponentDecl *decl = component_in (model, phase, slot);
  if (decl == NULL || isnan (decl->estimate_min))
    return FALSE;
  *low = decl->estimate_min, *high = decl->estimate_max;
  const PcComponentDecl *before = phase > 0 ? component_in (model, phase - 1, slot) : NULL;
  if (!decl->estimate_added && before && !isnan (before->estimate_min) && !before->estimate_added)
    *low -= before->estimate_min, *high -= before->estimate_max;
  return TRUE;
}

/* The mean monthly cost in phase @p of @slot, or of its claim's whole group. */
static double
claimed_cost (const PcReport *report, guint p, guint slot, const char *group)
{
  if (group == NULL)
    return report->phases[p].slot_mean_usd[slot];
  double sum = 0;
  for (guint c = 0; c < report->model->phases[p].n_components; c++) {
    const PcComponent *comp = &report->model->phases[p].components[c];
    if (g_strcmp0 (comp->decl->estimate_group, group) == 0)
      sum += report->phases[p].slot_mean_usd[comp->slot];
  }
  return sum;
}

static void
compare_slot (PcReport *report, guint p, guint s, double *sum_min, double *sum_max)
{
  PcPhaseReport *out = &report->phases[p];
  const PcComponentDecl *decl = component_in (report->model, p, s);
  double low, high;
  out->slot_claim_difference[s] = out->slot_claim_modelled[s] = NAN;
  if (!claim_change (report->model, p, s, &low, &high))
    return;
  *sum_min += low, *sum_max += high;
  double modelled = claimed_cost (report, p, s, decl->estimate_group);
  if (decl->estimate_added && p > 0 && component_in (report->model, p - 1, s) != NULL)
    modelled -= claimed_cost (report, p - 1, s, decl->estimate_group);
  out->slot_claim_modelled[s] = modelled;
  out->slot_claim_difference[s] = outside (modelled, decl->estimate_min, decl->estimate_max);
}

static void
rank_drivers (PcPhaseReport *out, guint n_slots)
{
  for (guint d = 0; d < G_N_ELEMENTS (out->drivers); d++) {
    out->drivers[d] = -1;
    for (guint s = 0; s < n_slots; s++) {
      double size = fabs (out->slot_claim_difference[s]);
      gboolean taken = FALSE;
      for (guint e = 0; e < d; e++)
        taken |= out->drivers[e] == (int) s;
      if (!taken && size >= 0.005 && (out->drivers[d] < 0 || size > fabs (out->slot_claim_difference[out->drivers[d]])))
        out->drivers[d] = (int) s;
    }
  }
}

/* Sets each phase's per-component differences from the roadmap's claims,
 * the total its claims imply, and the components driving the difference. */
void
pc_report_compare_claims (PcReport *report)
{
  const PcModel *model = report->model;
  for (guint p = 0; p < model->n_phases; p++) {
    PcPhaseReport *out = &report->phases[p];
    const PcPhaseDecl *before = p > 0 ? model->phases[p - 1].decl : NULL;
    double sum_min = before ? before->estimate_min : 0.0, sum_max = before ? before->estimate_max : 0.0;
    gboolean any = FALSE;
    out->slot_claim_difference = g_new (double, model->slots->len);
    out->slot_claim_modelled = g_new (double, model->slots->len);
    for (guint s = 0; s < model->slots->len; s++) {
      compare_slot (report, p, s, &sum_min, &sum_max);
      any |= !isnan (out->slot_claim_difference[s]);
    }
    out->seed_sum_min = any ? sum_min : NAN;
    out->seed_sum_max = any ? sum_max : NAN;
    rank_drivers (out, model->slots->len);
  }
}


double
pc_report_replaced_cost (const PcReport *report, const PcComponentDecl *decl, int *phase)
{
  *phase = -1;
  for (guint slot = 0; decl->replaces && slot < report->model->slots->len; slot++) {
    if (!g_str_equal (report->model->slots->pdata[slot], decl->replaces))
      continue;
    for (guint p = 0; p < report->model->n_phases; p++)
      if (isfinite (report->phases[p].slot_mean_usd[slot])) {
        *phase = (int) p;
        return report->phases[p].slot_mean_usd[slot];
      }
  }
  return NAN;
}
