/* render-table.c - the report for people: the phase timeline, each phase's
 * cost by component against the roadmap's claims, the trigger indicators,
 * warnings and (with --months) the median run month by month.  Says on
 * every table whether its figures are percentiles over runs or the median
 * run's. */
#include "pc-private.h"


static void
append_month (GString *out, const PcScenario *s, PcPercentiles p, guint runs)
{
  if (!p.valid) {
    g_string_append_printf (out, "%-22s", "never");
    return;
  }
  g_autofree char *date = pc_scenario_date (s, (guint) lround (p.p50));
  if (runs == 1)
    g_string_append_printf (out, "%-22s", date);
  else {
    g_autofree char *cell = g_strdup_printf ("%s (%.0f-%.0f)", date, p.p10, p.p90);
    g_string_append_printf (out, "%-22s", cell);
  }
}

static void
table_phases (GString *out, const PcReport *r)
{
  const PcScenario *s = r->model->scenario;
  g_string_append_printf (out, "%-6s %-22s %-8s %-22s %-22s %-26s %-9s %-18s %s\n", "phase", "name", "reached",
                          "decided", "entered", "cost/month P50 (P10-P90)", "downtime", "median run", "roadmap estimate");
  for (guint p = 0; p < r->model->n_phases; p++) {
    const PcPhaseDecl *d = r->model->phases[p].decl;
    const PcPhaseReport *pr = &r->phases[p];
    g_string_append_printf (out, "%-6s %-22.22s %6.1f%%  ", d->id, d->name, 100 * pr->reached_probability);
    append_month (out, s, pr->decided_month, r->runs);
    g_string_append_c (out, ' ');
    append_month (out, s, pr->entered_month, r->runs);
    g_string_append_c (out, ' ');
    g_autofree char *cost = pr->monthly_cost.valid
      ? g_strdup_printf ("$%.2f ($%.2f-$%.2f)", pr->monthly_cost.p50, pr->monthly_cost.p10, pr->monthly_cost.p90)
      : g_strdup ("-");
    g_string_append_printf (out, "%-26s ", cost);
    g_autofree char *downtime = pr->downtime_minutes.valid && p > 0 ? g_strdup_printf ("%.0f min", pr->downtime_minutes.p50)
                                                                      : g_strdup ("-");
    g_string_append_printf (out, "%-9s ", downtime);
    g_autofree char *date = pr->median_entered_month >= 0 ? pc_scenario_date (s, (guint) pr->median_entered_month) : NULL;
    g_autofree char *median = date ? g_strdup_printf ("%s $%.2f", date, pr->median_cost_usd) : g_strdup ("never");
    g_string_append_printf (out, "%-18s ", median);
    if (isnan (d->estimate_min))
      g_string_append (out, "-\n");
    else if (d->estimate_min == d->estimate_max)
      g_string_append_printf (out, "~$%.0f\n", d->estimate_min);
    else
      g_string_append_printf (out, "$%.0f-$%.0f\n", d->estimate_min, d->estimate_max);
  }
}

/* "$25", or "+$20" / "-$40" for a change over the previous phase. */
static char *
money_claim (double usd, gboolean added)
{
  const char *sign = !added ? "" : usd < 0 ? "-" : "+";
  return g_strdup_printf ("%s$%.*f", sign, usd == floor (usd) ? 0 : 2, fabs (usd));
}

static char *
claim_text (const PcComponentDecl *decl)
{
  if (decl == NULL || isnan (decl->estimate_min))
    return g_strdup ("");
  g_autofree char *group = decl->estimate_group ? g_strdup_printf (" (all %s)", decl->estimate_group) : g_strdup ("");
  g_autofree char *low = money_claim (decl->estimate_min, decl->estimate_added);
  g_autofree char *high = money_claim (decl->estimate_max, decl->estimate_added);
  if (decl->estimate_min == decl->estimate_max)
    return g_strdup_printf ("%s%s", low, group);
  return g_strdup_printf ("%s to %s%s", low, high, group);
}

static void
table_component (GString *out, const PcReport *r, guint p, guint s, double *total)
{
  const PcPhaseReport *pr = &r->phases[p];
  const PcComponent *comp = pc_model_component (r->model, p, s);
  *total += pr->slot_mean_usd[s];
  g_autofree char *label = g_strdup_printf ("%s (%s)", (char *) r->model->slots->pdata[s], pc_plugin_info (comp->plugin)->name);
  g_autofree char *range = g_strdup_printf ("%.2f-%.2f", pr->slot_min_usd[s], pr->slot_max_usd[s]);
  g_autofree char *claim = claim_text (comp->decl);
  g_string_append_printf (out, "  %-34s %9.2f  %-17s %-16s", label, pr->slot_mean_usd[s], range, claim);
  if (isfinite (pr->slot_claim_difference[s]))
    g_string_append_printf (out, " %+9.2f", pr->slot_claim_difference[s]);
  g_string_append_c (out, '\n');
  int phase;
  double replaced = pc_report_replaced_cost (r, comp->decl, &phase);
  if (comp->decl->replaces && isfinite (replaced))
    g_string_append_printf (out, "    stands in for %s, which costs %.2f in %s: %s %.2f a month\n", comp->decl->replaces,
                            replaced, r->model->phases[phase].decl->id, replaced >= pr->slot_mean_usd[s] ? "saves" : "costs",
                            fabs (replaced - pr->slot_mean_usd[s]));
}

static void
table_phase_summary (GString *out, const PcReport *r, guint p, double total)
{
  const PcPhaseDecl *d = r->model->phases[p].decl;
  const PcPhaseReport *pr = &r->phases[p];
  g_string_append_printf (out, "  %-34s %9.2f", "total (median run)", total);
  if (!isnan (d->estimate_min)) {
    double ref = total < d->estimate_min ? d->estimate_min : total > d->estimate_max ? d->estimate_max : total;
    g_string_append_printf (out, "   roadmap estimate $%.0f-$%.0f: %+.2f (%+.0f%%)", d->estimate_min, d->estimate_max,
                            total - ref, ref > 0 ? 100 * (total - ref) / ref : 0.0);
  }
  g_string_append_c (out, '\n');
  if (!isnan (pr->seed_sum_min) && !isnan (d->estimate_min) &&
      (pr->seed_sum_min > d->estimate_max || pr->seed_sum_max < d->estimate_min))
    g_string_append_printf (out, "  note: the roadmap's own numbers disagree: the previous phase's estimate plus this "
                            "phase's component claims add to $%.0f-$%.0f, not $%.0f-$%.0f\n",
                            pr->seed_sum_min, pr->seed_sum_max, d->estimate_min, d->estimate_max);
  for (guint k = 0; k < G_N_ELEMENTS (pr->drivers) && pr->drivers[k] >= 0; k++)
    g_string_append_printf (out, "%s %s %+.2f", k == 0 ? "  drivers of the difference:" : ",",
                            (char *) r->model->slots->pdata[pr->drivers[k]], pr->slot_claim_difference[pr->drivers[k]]);
  if (pr->drivers[0] >= 0)
    g_string_append_c (out, '\n');
}

static void
table_phase_costs (GString *out, const PcReport *r, guint p)
{
  const PcPhaseDecl *d = r->model->phases[p].decl;
  const PcPhaseReport *pr = &r->phases[p];
  g_string_append_printf (out, "\n%s %s: USD/month by component (the median run's months in the phase: mean and range)\n"
                          "  %-34s %9s  %-17s %-16s %9s\n", d->id, d->name, "component", "mean", "range", "roadmap claim",
                          "vs claim");
  double total = 0;
  for (guint s = 0; s < r->model->slots->len; s++)
    if (isfinite (pr->slot_mean_usd[s]))
      table_component (out, r, p, s, &total);
  table_phase_summary (out, r, p, total);
}

static void
table_indicators (GString *out, const PcReport *r)
{
  if (r->model->n_indicators == 0)
    return;
  g_string_append (out, "\nTrigger indicators (share of runs in which it held; month first met, P50 (P10-P90) over those runs;"
                   " share of the runs deciding the move in which it held at the decision)\n");
  for (guint i = 0; i < r->model->n_indicators; i++) {
    const PcIndicator *ind = &r->model->indicators[i];
    const PcIndicatorReport *ir = &r->indicators[i];
    g_string_append_printf (out, "  %-6s %-26s %5.1f%%  ", r->model->phases[ind->phase].decl->id, ind->decl->id,
                            100 * ir->fired_probability);
    append_month (out, r->model->scenario, ir->fired_month, r->runs);
    if (isnan (ir->held_at_decision_probability))
      g_string_append_printf (out, " %-12s", "-");
    else
      g_string_append_printf (out, " %5.1f%% held", 100 * ir->held_at_decision_probability);
    g_string_append_printf (out, " %s\n", ind->decl->description);
  }
}

/* "2027-08 (22-26)", "beyond", or "n/a" for one runway cell. */
static char *
runway_cell (const PcReport *r, const PcRunwayReport *rr)
{
  if (!rr->applicable)
    return g_strdup ("n/a");
  if (isnan (rr->month.p50))
    return g_strdup_printf ("beyond (%.0f%%)", 100 * rr->crossed_probability);
  g_autofree char *date = pc_scenario_date (r->model->scenario, (guint) ceil (rr->month.p50));
  if (rr->runs == 1)
    return g_steal_pointer (&date);
  return isnan (rr->month.p90) ? g_strdup_printf ("%s (%.0f-)", date, rr->month.p10)
                               : g_strdup_printf ("%s (%.0f-%.0f)", date, rr->month.p10, rr->month.p90);
}

static void
table_runway (GString *out, const PcReport *r)
{
  const PcModel *model = r->model;
  if (model->n_runway == 0)
    return;
  g_string_append_printf (out, "\nRunway: the month each capacity threshold is first crossed if the business keeps growing on each"
                          " phase's configuration\n(P50 (P10-P90) over the first %u runs; \"beyond (x%%)\": not within the horizon"
                          " at P50, crossed in x%% of runs)\n  %-24s", MIN (r->runs, (guint) PC_RUNWAY_RUNS), "threshold");
  for (guint p = 0; p < model->n_phases; p++)
    g_string_append_printf (out, " %-20s", model->phases[p].decl->id);
  g_string_append_c (out, '\n');
  for (guint j = 0; j < model->n_runway; j++) {
    g_string_append_printf (out, "  %-24s", model->runway[j].indicator->decl->id);
    for (guint p = 0; p < model->n_phases; p++) {
      g_autofree char *cell = runway_cell (r, &r->runway[p * model->n_runway + j]);
      g_string_append_printf (out, " %-20s", cell);
    }
    g_string_append_printf (out, " %s\n", model->runway[j].indicator->decl->description);
  }
}

/* Why each move: load, or business events before its own capacity metrics needed it. */
static void
table_drivers (GString *out, const PcReport *r)
{
  for (guint p = 1; p < r->model->n_phases; p++) {
    const PcPhaseReport *pr = &r->phases[p];
    const char *id = r->model->phases[p].decl->id, *before = r->model->phases[p - 1].decl->id;
    if (!pr->decided_month.valid)
      continue;
    if (pr->capacity_item < 0) {
      gboolean any = FALSE;
      for (guint j = 0; j < r->model->n_runway; j++)
        any |= !r->model->runway[j].limit && r->model->runway[j].indicator->phase == p;
      if (any)
        g_string_append_printf (out, "%s: driven by business events; none of its capacity indicators holds on %s's "
                                "configuration within the horizon\n", id, before);
      else
        g_string_append_printf (out, "%s: driven by business events (its move has no capacity indicator)\n", id);
      continue;
    }
    g_autofree char *when = pc_scenario_date (r->model->scenario, (guint) pr->capacity_month);
    g_autofree char *decided = pc_scenario_date (r->model->scenario, (guint) lround (pr->decided_month.p50));
    g_string_append_printf (out, "%s: driven by %s; on %s's configuration %s holds from %s (P50), the move is decided in %s\n",
                            id, pr->load_driven ? "load" : "business events, before its capacity metrics need it", before,
                            r->model->runway[pr->capacity_item].indicator->decl->id, when, decided);
  }
}

char *
pc_render_table (const PcReport *r, gboolean months)
{
  const PcScenario *s = r->model->scenario;
  g_autofree char *start = pc_scenario_date (s, 0);
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "phasecast: scenario %s, roadmap %s, region %s, from %s for %u months, %u run%s, seed %" G_GUINT64_FORMAT "\n\n",
                          s->name, r->model->roadmap->name, s->region, start, s->horizon_months, r->runs,
                          r->runs == 1 ? "" : "s", r->seed);
  g_string_append_printf (out, "Percentiles are over the %u runs; tables by component and by month follow the median run "
                          "(run %u, whose total cost over the horizon is the median).\n\n", r->runs,
                          r->median_run->run_index);
  table_phases (out, r);
  pc_render_table_budgets (out, r);
  g_string_append_c (out, '\n');
  table_drivers (out, r);
  for (guint p = 0; p < r->model->n_phases; p++)
    if (r->phases[p].reached_probability > 0)
      table_phase_costs (out, r, p);
  table_indicators (out, r);
  table_runway (out, r);
  pc_render_table_why (out, r);
  pc_render_table_money (out, r);
  for (guint w = 0; w < r->warnings->len; w++)
    g_string_append_printf (out, "warning: %s\n", (char *) r->warnings->pdata[w]);
  g_autoptr (GPtrArray) overrides = pc_model_price_overrides (r->model);
  for (guint i = 0; i < overrides->len; i++) {
    g_autofree char *text = pc_price_override_text (overrides->pdata[i]);
    g_string_append_printf (out, "%s: %s\n", pc_price_override_label (overrides->pdata[i]), text);
  }
  if (months) {
    g_string_append_printf (out, "\nThe median run, month by month\n%-5s %-7s %-6s %10s %10s %8s %8s %10s\n", "month", "date", "phase",
                            "customers", "users", "quotes", "resp_s", "cost_usd");
    for (guint m = 0; m < r->median_run->n_months; m++) {
      const PcMonthRecord *rec = &r->median_run->months[m];
      g_autofree char *date = pc_scenario_date (s, m);
      g_string_append_printf (out, "%-5u %-7s %-6s %10.1f %10.1f %8.1f %8.3f %10.2f\n", m, date,
                              r->model->phases[rec->phase].decl->id, rec->state[PC_STATE_PAYING_CUSTOMERS],
                              rec->state[PC_STATE_ACTIVE_USERS], rec->state[PC_STATE_QUOTES_MONTH],
                              rec->state[PC_STATE_RESPONSE_TIME], rec->state[PC_STATE_MONTHLY_COST]);
    }
  }
  return g_string_free (out, FALSE);
}

