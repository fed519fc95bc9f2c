/* render-planning.c - the table sections a planner reads after the
 * timeline: each phase against its own budget, why each phase moved when
 * it did (or never did), and money by period in the report's currency.
 * Every figure comes from the report; nothing is recomputed here. */
#include "pc-private.h"

static char *
date_or_dash (const PcScenario *s, PcPercentiles month)
{
  return month.valid ? pc_scenario_date (s, (guint) lround (month.p50)) : g_strdup ("-");
}

void
pc_render_table_budgets (GString *out, const PcReport *r)
{
  gboolean header = FALSE;
  for (guint p = 0; p < r->model->n_phases; p++) {
    const PcPhaseReport *pr = &r->phases[p];
    if (isnan (pr->budget_usd) || !pr->peak_cost.valid)
      continue;
    if (!header)
      g_string_append_printf (out, "\nBudgets: each phase against its own, by its highest monthly cost (P50, P10-P90 over "
                              "the runs that enter it)\n  %-6s %11s  %-30s %-14s %s\n", "phase", "budget",
                              "highest month", "over budget", "first over (P50)");
    header = TRUE;
    g_autofree char *peak = g_strdup_printf ("$%.2f ($%.2f-$%.2f)", pr->peak_cost.p50, pr->peak_cost.p10, pr->peak_cost.p90);
    g_autofree char *share = g_strdup_printf ("%.0f%% of runs", 100 * pr->over_budget_probability);
    g_autofree char *first = date_or_dash (r->model->scenario, pr->over_budget_month);
    g_autofree char *budget = g_strdup_printf ("$%.2f", pr->budget_usd);
    g_string_append_printf (out, "  %-6s %11s  %-30s %-14s %s\n", r->model->phases[p].decl->id, budget, peak, share, first);
  }
}

/* A share in whole percent, except that a few runs are not "0%" or "100%". */
static char *
share_text (double share)
{
  if (share > 0 && share < 0.01)
    return g_strdup ("<1%");
  if (share > 0.99 && share < 1)
    return g_strdup (">99%");
  return g_strdup_printf ("%.0f%%", 100 * share);
}

/* "id 62%, id 40%" for the indicators of @phase that held it back; @to_end
 * picks those that held it back to the horizon's end. */
static void
append_holders (GString *out, const PcReport *r, guint phase, gboolean to_end)
{
  gboolean first = TRUE;
  for (guint i = 0; i < r->model->n_indicators; i++) {
    const PcIndicatorReport *ir = &r->indicators[i];
    double share = to_end ? ir->held_to_end_probability : ir->held_back_probability - ir->held_to_end_probability;
    if (r->model->indicators[i].phase != phase || share <= 0)
      continue;
    g_autofree char *percent = share_text (share);
    g_string_append_printf (out, "%s%s %s", first ? "" : ", ", r->model->indicators[i].decl->id, percent);
    first = FALSE;
  }
  if (first)
    g_string_append (out, "none");
}

/* The P50 value that came closest to the threshold, and its month. */
static guint
closest_month (const PcReport *r, guint i)
{
  const PcIndicatorDecl *d = r->model->indicators[i].decl;
  gboolean upward = d->op == PC_OP_GT || d->op == PC_OP_GE;
  guint best = 0;
  for (guint m = 0; m < r->model->scenario->horizon_months; m++) {
    const PcPercentiles *v = &r->indicators[i].value[m], *b = &r->indicators[i].value[best];
    if (v->valid && (!b->valid || (upward ? v->p50 > b->p50 : v->p50 < b->p50)))
      best = m;
  }
  return best;
}

/* Indicators of @phase that held in fewer than half the runs: how close they came. */
static void
append_far (GString *out, const PcReport *r, guint phase)
{
  for (guint i = 0; i < r->model->n_indicators; i++) {
    const PcIndicatorDecl *d = r->model->indicators[i].decl;
    const PcIndicatorReport *ir = &r->indicators[i];
    if (r->model->indicators[i].phase != phase || ir->fired_probability >= 0.5)
      continue;
    g_autofree char *condition = pc_indicator_condition_text (d);
    if (d->kind == PC_IND_EVENT || d->kind == PC_IND_NO_EVENT) {
      g_string_append_printf (out, "         %s: held in %.0f%% of runs (needs %s)\n", d->id, 100 * ir->fired_probability,
                              condition);
      continue;
    }
    guint m = closest_month (r, i);
    g_autofree char *date = pc_scenario_date (r->model->scenario, m);
    if (!ir->value[m].valid)
      g_string_append_printf (out, "         %s: never measured (needs %s)\n", d->id, condition);
    else
      g_string_append_printf (out, "         %s: held in %.0f%% of runs; closest P50 %.4g in %s (needs %s)\n", d->id,
                              100 * ir->fired_probability, ir->value[m].p50, date, condition);
  }
}

void
pc_render_table_why (GString *out, const PcReport *r)
{
  if (r->model->n_indicators == 0)
    return;
  g_string_append (out, "\nWhy each move came when it did (share of all runs in which an indicator was the last to hold "
                        "before the move was decided, or still did not hold at the end)\n");
  for (guint p = 1; p < r->model->n_phases; p++) {
    const PcPhaseReport *pr = &r->phases[p];
    g_string_append_printf (out, "  %-6s last to hold: ", r->model->phases[p].decl->id);
    append_holders (out, r, p, FALSE);
    g_string_append_printf (out, "; waited for %s: %.0f%%\n", r->model->phases[p - 1].decl->id,
                            100 * pr->waited_for_previous_probability);
    if (pr->reached_probability < 1) {
      g_autofree char *unreached = share_text (1 - pr->reached_probability);
      g_string_append_printf (out, "         not reached in %s of runs; held back to the end by: ", unreached);
      append_holders (out, r, p, TRUE);
      g_string_append_c (out, '\n');
    }
    append_far (out, r, p);
  }
}

static void
money_header (GString *out, const PcCurrency *c)
{
  g_string_append_printf (out, "\nMoney in %s", c->code);
  if (c->overridden)
    g_string_append_printf (out, " at %.4f per USD (given with --fx, not the published rate of %s)", c->per_usd, c->date);
  else if (c->date) {
    g_autofree char *publisher = g_strndup (c->source, strcspn (c->source, ":"));   /* its name, before the details */
    g_string_append_printf (out, " at %.4f per USD (%s; %s, %s)", c->per_usd, c->derived, publisher, c->date);
  }
  if (c->gst_rate > 0)
    g_string_append_printf (out, ", GST %.0f%% added to costs", 100 * c->gst_rate);
  g_string_append (out, ": P50 (P10-P90) over runs\n");
}

static char *
triple (PcPercentiles p, double factor, int decimals, const char *suffix)
{
  if (!p.valid)
    return g_strdup ("-");
  return g_strdup_printf ("%.*f%s (%.*f-%.*f%s)", decimals, p.p50 * factor, suffix, decimals, p.p10 * factor, decimals,
                          p.p90 * factor, suffix);
}

void
pc_render_table_money (GString *out, const PcReport *r)
{
  double cost = pc_currency_cost (r->currency, 1.0), amount = pc_currency_amount (r->currency, 1.0);
  money_header (out, r->currency);
  g_string_append_printf (out, "  %-17s %6s  %-24s %-28s %-20s %-20s %s\n", "period", "months", "cost", "revenue",
                          "per customer-month", "per user-month", "cost / revenue");
  for (guint k = 0; k < r->periods->len; k++) {
    const PcPeriod *period = &g_array_index (r->periods, PcPeriod, k);
    const PcPeriodMoney *money = &r->period_money[k];
    g_autofree char *label = pc_period_label (period, r->model->scenario);
    g_autofree char *c = triple (money->cost_usd, cost, 0, "");
    g_autofree char *rev = triple (money->revenue_usd, amount, 0, "");
    g_autofree char *per_customer = triple (money->cost_per_customer_month, cost, 2, "");
    g_autofree char *per_user = triple (money->cost_per_user_month, cost, 2, "");
    g_autofree char *share = triple (money->cost_share_of_revenue, 100 * cost / amount, 2, "%");
    g_string_append_printf (out, "  %-17s %6u  %-24s %-28s %-20s %-20s %s\n", label, period->n_months, c, rev,
                            per_customer, per_user, share);
  }
}
