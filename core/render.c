/* render.c - one PcReport, three renderings: a table for people, JSON (the
 * contract in DESIGN.md) and CSV for programs.  Every renderer reads the
 * same report; none recomputes a number.
 */
#include "pc-private.h"

#include <json-glib/json-glib.h>

static void
add_percentiles (JsonBuilder *b, const char *name, PcPercentiles p)
{
  json_builder_set_member_name (b, name);
  if (!p.valid) {
    json_builder_add_null_value (b);
    return;
  }
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "p10");
  json_builder_add_double_value (b, p.p10);
  json_builder_set_member_name (b, "p50");
  json_builder_add_double_value (b, p.p50);
  json_builder_set_member_name (b, "p90");
  json_builder_add_double_value (b, p.p90);
  json_builder_end_object (b);
}

static void
member_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_string_value (b, value);
}

static void
member_double (JsonBuilder *b, const char *name, double value)
{
  json_builder_set_member_name (b, name);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

static void
json_scenario (JsonBuilder *b, const PcReport *r)
{
  const PcScenario *s = r->model->scenario;
  g_autofree char *start = pc_scenario_date (s, 0);
  json_builder_set_member_name (b, "scenario");
  json_builder_begin_object (b);
  member_string (b, "name", s->name);
  member_string (b, "region", s->region);
  member_string (b, "start", start);
  json_builder_set_member_name (b, "horizon_months");
  json_builder_add_int_value (b, s->horizon_months);
  json_builder_set_member_name (b, "runs");
  json_builder_add_int_value (b, r->runs);
  json_builder_set_member_name (b, "seed");
  json_builder_add_int_value (b, (gint64) r->seed);
  member_string (b, "roadmap", r->model->roadmap->name);
  member_string (b, "rng", "mt19937");
  json_builder_end_object (b);
}

static void
json_indicators (JsonBuilder *b, const PcReport *r, guint phase)
{
  json_builder_set_member_name (b, "indicators");
  json_builder_begin_array (b);
  for (guint i = 0; i < r->model->n_indicators; i++) {
    const PcIndicator *ind = &r->model->indicators[i];
    if (ind->phase != phase)
      continue;
    json_builder_begin_object (b);
    member_string (b, "id", ind->decl->id);
    member_string (b, "description", ind->decl->description);
    member_double (b, "fired_probability", r->indicators[i].fired_probability);
    add_percentiles (b, "fired_month", r->indicators[i].fired_month);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
}

static void
json_components (JsonBuilder *b, const PcReport *r, guint p)
{
  json_builder_set_member_name (b, "components_usd");
  json_builder_begin_object (b);
  for (guint s = 0; s < r->model->slots->len; s++)
    if (isfinite (r->phases[p].slot_mean_usd[s]))
      member_double (b, r->model->slots->pdata[s], r->phases[p].slot_mean_usd[s]);
  json_builder_end_object (b);
}

/* "components": the cost table of the phase, with the roadmap's claims. */
static void
json_component_table (JsonBuilder *b, const PcReport *r, guint p)
{
  const PcPhaseReport *pr = &r->phases[p];
  json_builder_set_member_name (b, "components");
  json_builder_begin_array (b);
  for (guint c = 0; c < r->model->phases[p].n_components; c++) {
    const PcComponent *comp = &r->model->phases[p].components[c];
    json_builder_begin_object (b);
    member_string (b, "name", comp->decl->name);
    member_string (b, "plugin", pc_plugin_info (comp->plugin)->name);
    member_double (b, "mean_usd", pr->slot_mean_usd[comp->slot]);
    member_double (b, "min_usd", pr->slot_min_usd[comp->slot]);
    member_double (b, "max_usd", pr->slot_max_usd[comp->slot]);
    json_builder_set_member_name (b, "roadmap_claim_usd");
    if (isnan (comp->decl->estimate_min)) {
      json_builder_add_null_value (b);
    } else {
      json_builder_begin_object (b);
      member_double (b, "min", comp->decl->estimate_min);
      member_double (b, "max", comp->decl->estimate_max);
      member_string (b, "kind", comp->decl->estimate_added ? "added" : "total");
      json_builder_end_object (b);
    }
    member_double (b, "difference_usd", pr->slot_claim_difference[comp->slot]);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "drivers");
  json_builder_begin_array (b);
  for (guint k = 0; k < G_N_ELEMENTS (pr->drivers) && pr->drivers[k] >= 0; k++)
    json_builder_add_string_value (b, r->model->slots->pdata[pr->drivers[k]]);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "roadmap_claims_sum_usd");
  if (isnan (pr->seed_sum_min)) {
    json_builder_add_null_value (b);
  } else {
    json_builder_begin_object (b);
    member_double (b, "min", pr->seed_sum_min);
    member_double (b, "max", pr->seed_sum_max);
    json_builder_end_object (b);
  }
}

static void
json_phase (JsonBuilder *b, const PcReport *r, guint p)
{
  const PcPhaseDecl *decl = r->model->phases[p].decl;
  const PcPhaseReport *pr = &r->phases[p];
  json_builder_begin_object (b);
  member_string (b, "id", decl->id);
  member_string (b, "name", decl->name);
  member_double (b, "reached_probability", pr->reached_probability);
  add_percentiles (b, "decided_month", pr->decided_month);
  add_percentiles (b, "entered_month", pr->entered_month);
  add_percentiles (b, "monthly_cost_usd", pr->monthly_cost);
  add_percentiles (b, "downtime_minutes", pr->downtime_minutes);
  json_builder_set_member_name (b, "estimate_usd");
  if (isnan (decl->estimate_min)) {
    json_builder_add_null_value (b);
  } else {
    json_builder_begin_object (b);
    member_double (b, "min", decl->estimate_min);
    member_double (b, "max", decl->estimate_max);
    json_builder_end_object (b);
  }
  json_components (b, r, p);
  json_component_table (b, r, p);
  json_indicators (b, r, p);
  json_builder_end_object (b);
}

static void
json_months (JsonBuilder *b, const PcReport *r)
{
  const PcRunResult *run = r->median_run;
  json_builder_set_member_name (b, "months");
  json_builder_begin_array (b);
  for (guint m = 0; m < run->n_months; m++) {
    const PcMonthRecord *rec = &run->months[m];
    g_autofree char *date = pc_scenario_date (r->model->scenario, m);
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "month");
    json_builder_add_int_value (b, m);
    member_string (b, "date", date);
    member_string (b, "phase", r->model->phases[rec->phase].decl->id);
    for (guint f = 0; f < PC_STATE_COUNT; f++)
      if (f != PC_STATE_MONTHLY_COST)
        member_double (b, pc_state_field_name (f), rec->state[f]);
    member_double (b, "quotes", rec->state[PC_STATE_QUOTES_MONTH]);
    member_double (b, "cost_usd", rec->state[PC_STATE_MONTHLY_COST]);
    json_builder_set_member_name (b, "components");
    json_builder_begin_object (b);
    for (guint s = 0; s < run->n_slots; s++)
      if (run->slot_usd[(gsize) m * run->n_slots + s] > 0)
        member_double (b, r->model->slots->pdata[s], run->slot_usd[(gsize) m * run->n_slots + s]);
    json_builder_end_object (b);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
}

static char *
render_json (const PcReport *r, gboolean months)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_scenario (b, r);
  json_builder_set_member_name (b, "phases");
  json_builder_begin_array (b);
  for (guint p = 0; p < r->model->n_phases; p++)
    json_phase (b, r, p);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "warnings");
  json_builder_begin_array (b);
  for (guint w = 0; w < r->warnings->len; w++)
    json_builder_add_string_value (b, r->warnings->pdata[w]);
  json_builder_end_array (b);
  if (months)
    json_months (b, r);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autoptr (JsonGenerator) gen = json_generator_new ();
  json_generator_set_pretty (gen, TRUE);
  json_generator_set_root (gen, root);
  char *text = json_generator_to_data (gen, NULL);
  char *with_newline = g_strconcat (text, "\n", NULL);
  g_free (text);
  return with_newline;
}

/* ---- table ---- */

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
  g_string_append_printf (out, "%-6s %-22s %-8s %-22s %-22s %-26s %-9s %s\n", "phase", "name", "reached",
                          "decided", "entered", "cost/month P50 (P10-P90)", "downtime", "roadmap estimate");
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
}

static void
table_phase_summary (GString *out, const PcReport *r, guint p, double total)
{
  const PcPhaseDecl *d = r->model->phases[p].decl;
  const PcPhaseReport *pr = &r->phases[p];
  g_string_append_printf (out, "  %-34s %9.2f", "total", total);
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
  g_string_append_printf (out, "\n%s %s: USD/month by component (median run, mean and range over its months in the phase)\n"
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
  g_string_append (out, "\nTrigger indicators (month first met)\n");
  for (guint i = 0; i < r->model->n_indicators; i++) {
    const PcIndicator *ind = &r->model->indicators[i];
    const PcIndicatorReport *ir = &r->indicators[i];
    g_string_append_printf (out, "  %-6s %-26s %5.1f%%  ", r->model->phases[ind->phase].decl->id, ind->decl->id,
                            100 * ir->fired_probability);
    append_month (out, r->model->scenario, ir->fired_month, r->runs);
    g_string_append_printf (out, " %s\n", ind->decl->description);
  }
}

static char *
render_table (const PcReport *r, gboolean months)
{
  const PcScenario *s = r->model->scenario;
  g_autofree char *start = pc_scenario_date (s, 0);
  GString *out = g_string_new (NULL);
  g_string_append_printf (out, "phasecast: scenario %s, roadmap %s, region %s, from %s for %u months, %u run%s, seed %" G_GUINT64_FORMAT "\n\n",
                          s->name, r->model->roadmap->name, s->region, start, s->horizon_months, r->runs,
                          r->runs == 1 ? "" : "s", r->seed);
  table_phases (out, r);
  for (guint p = 0; p < r->model->n_phases; p++)
    if (r->phases[p].reached_probability > 0)
      table_phase_costs (out, r, p);
  table_indicators (out, r);
  for (guint w = 0; w < r->warnings->len; w++)
    g_string_append_printf (out, "warning: %s\n", (char *) r->warnings->pdata[w]);
  if (months) {
    g_string_append_printf (out, "\n%-5s %-7s %-6s %10s %10s %8s %8s %10s\n", "month", "date", "phase",
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

/* ---- CSV: one row per month of the median run ---- */

static char *
render_csv (const PcReport *r)
{
  const PcRunResult *run = r->median_run;
  GString *out = g_string_new ("month,date,phase");
  for (guint f = 0; f < PC_STATE_COUNT; f++)
    g_string_append_printf (out, ",%s", pc_state_field_name (f));
  for (guint s = 0; s < run->n_slots; s++)
    g_string_append_printf (out, ",%s_usd", (char *) r->model->slots->pdata[s]);
  g_string_append_c (out, '\n');
  for (guint m = 0; m < run->n_months; m++) {
    g_autofree char *date = pc_scenario_date (r->model->scenario, m);
    g_string_append_printf (out, "%u,%s,%s", m, date, r->model->phases[run->months[m].phase].decl->id);
    for (guint f = 0; f < PC_STATE_COUNT; f++)
      g_string_append_printf (out, ",%.6g", run->months[m].state[f]);
    for (guint s = 0; s < run->n_slots; s++)
      g_string_append_printf (out, ",%.4f", run->slot_usd[(gsize) m * run->n_slots + s]);
    g_string_append_c (out, '\n');
  }
  return g_string_free (out, FALSE);
}

char *
pc_report_render (const PcReport *report, PcFormat format, gboolean months)
{
  switch (format) {
  case PC_FORMAT_JSON: return render_json (report, months);
  case PC_FORMAT_CSV: return render_csv (report);
  case PC_FORMAT_TABLE: break;
  }
  return render_table (report, months);
}
