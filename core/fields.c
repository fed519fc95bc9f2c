/* fields.c - the rows of a report, as named fields, for every format.
 *
 * JSON, CSV and SQLite do not each decide what a phase row holds: they all
 * walk these functions, so a field has the same name and the same value in
 * every format.  A field's name is its JSON key; flat formats (CSV columns,
 * SQLite columns) join a nested path with '_' (JSON entered_month.p50 is
 * CSV and SQLite entered_month_p50).  What each field means is documented
 * in docs/output.md.
 *
 * Basis: fields ending in a percentile (p10/p50/p90) are over runs; fields
 * under median_run, and every month, component and line row, come from the
 * median run.  Money rows (periods) are in the report's currency, named in
 * each row; every other money field is USD and says so in its name.  The
 * pc_run_*_fields functions give one run's own rows (the
 * SQLite export's run tables) with the same names: a run's
 * monthly_cost_usd is one of the values monthly_cost_usd.p50 is the median
 * of.
 */
#include "pc-private.h"

#include "pc-run-private.h"

static void
emit (PcFieldFunc func, gpointer data, PcField field)
{
  func (data, &field);
}

static void
text (PcFieldFunc f, gpointer d, const char *name, const char *value)
{
  emit (f, d, (PcField) { name, PC_FIELD_TEXT, value, NAN, { NAN, NAN, NAN, FALSE }, 0 });
}

static void
number (PcFieldFunc f, gpointer d, const char *name, double value)
{
  emit (f, d, (PcField) { name, PC_FIELD_NUMBER, NULL, value, { NAN, NAN, NAN, FALSE }, 0 });
}

/* An integer, or null when negative (a month that never came). */
static void
integer (PcFieldFunc f, gpointer d, const char *name, double value)
{
  emit (f, d, (PcField) { name, PC_FIELD_INTEGER, NULL, value, { NAN, NAN, NAN, FALSE }, 0 });
}

/* A whole number of 64 bits, every digit kept (a seed). */
static void
uint64 (PcFieldFunc f, gpointer d, const char *name, guint64 value)
{
  emit (f, d, (PcField) { name, PC_FIELD_UINT64, NULL, NAN, { NAN, NAN, NAN, FALSE }, value });
}

static void
percentiles (PcFieldFunc f, gpointer d, const char *name, PcPercentiles value)
{
  emit (f, d, (PcField) { name, PC_FIELD_PERCENTILES, NULL, NAN, value, 0 });
}

/* "YYYY-MM" of @month in a static buffer of the caller, or NULL. */
static const char *
date_of (const PcModel *model, int month, char buffer[16])
{
  if (month < 0)
    return NULL;
  guint index = (guint) (model->scenario->start_month - 1) + (guint) month;
  g_snprintf (buffer, 16, "%04d-%02u", model->scenario->start_year + (int) (index / 12), index % 12 + 1);
  return buffer;
}

void
pc_report_phase_fields (const PcReport *r, guint p, PcFieldFunc f, gpointer d)
{
  const PcPhaseDecl *decl = r->model->phases[p].decl;
  const PcPhaseReport *pr = &r->phases[p];
  char date[16];
  text (f, d, "id", decl->id);
  text (f, d, "name", decl->name);
  number (f, d, "reached_probability", pr->reached_probability);
  percentiles (f, d, "decided_month", pr->decided_month);
  percentiles (f, d, "entered_month", pr->entered_month);
  percentiles (f, d, "monthly_cost_usd", pr->monthly_cost);
  percentiles (f, d, "downtime_minutes", pr->downtime_minutes);
  number (f, d, "estimate_usd.min", decl->estimate_min);
  number (f, d, "estimate_usd.max", decl->estimate_max);
  integer (f, d, "median_run.entered_month", pr->median_entered_month);
  text (f, d, "median_run.entered_date", date_of (r->model, pr->median_entered_month, date));
  number (f, d, "median_run.monthly_cost_usd", pr->median_cost_usd);
  number (f, d, "roadmap_claims_sum_usd.min", pr->seed_sum_min);
  number (f, d, "roadmap_claims_sum_usd.max", pr->seed_sum_max);
  number (f, d, "budget_usd", pr->budget_usd);
  percentiles (f, d, "peak_monthly_cost_usd", pr->peak_cost);
  number (f, d, "over_budget_probability", isnan (pr->budget_usd) ? NAN : pr->over_budget_probability);
  percentiles (f, d, "over_budget_month", pr->over_budget_month);
  number (f, d, "waited_for_previous_probability", p > 0 ? pr->waited_for_previous_probability : NAN);
  gboolean judged = p > 0 && pr->decided_month.valid;
  text (f, d, "driven_by", !judged ? NULL : pr->load_driven ? "load" : "business events");
  const PcRunwayItem *item = pr->capacity_item >= 0 ? &r->model->runway[pr->capacity_item] : NULL;
  text (f, d, "capacity_needed.indicator", item ? item->indicator->decl->id : NULL);
  integer (f, d, "capacity_needed.month", pr->capacity_month);
  text (f, d, "capacity_needed.date", date_of (r->model, pr->capacity_month, date));
}

void
pc_report_indicator_fields (const PcReport *r, guint i, PcFieldFunc f, gpointer d)
{
  const PcIndicator *ind = &r->model->indicators[i];
  text (f, d, "phase", r->model->phases[ind->phase].decl->id);
  text (f, d, "id", ind->decl->id);
  text (f, d, "description", ind->decl->description);
  number (f, d, "fired_probability", r->indicators[i].fired_probability);
  percentiles (f, d, "fired_month", r->indicators[i].fired_month);
  number (f, d, "held_at_decision_probability", r->indicators[i].held_at_decision_probability);
  pc_report_indicator_condition_fields (r, i, f, d);
}

static const char *const op_names[] = { "gt", "ge", "lt", "le" };

/* "YYYY-MM", "beyond" the horizon, or NULL where nothing was measured. */
static const char *
runway_date (const PcReport *r, const PcRunwayReport *rr, double month, char buffer[16])
{
  if (!rr->applicable)
    return NULL;
  return isnan (month) ? "beyond" : date_of (r->model, (int) ceil (month), buffer);
}

void
pc_report_runway_fields (const PcReport *r, guint p, guint item, PcFieldFunc f, gpointer d)
{
  const PcRunwayItem *it = &r->model->runway[item];
  const PcIndicatorDecl *decl = it->indicator->decl;
  const PcRunwayReport *rr = &r->runway[p * r->model->n_runway + item];
  char date[16];
  text (f, d, "phase", r->model->phases[p].decl->id);
  text (f, d, "id", decl->id);
  text (f, d, "kind", it->limit ? "limit" : "indicator");
  text (f, d, "subject", decl->subject);
  text (f, d, "op", op_names[decl->op]);
  number (f, d, "value", decl->threshold);
  integer (f, d, "sustained_months", decl->sustained_months);
  text (f, d, "description", decl->description);
  integer (f, d, "runs", rr->applicable ? (double) rr->runs : -1.0);
  number (f, d, "crossed_probability", rr->applicable ? rr->crossed_probability : NAN);
  percentiles (f, d, "month", rr->month);
  text (f, d, "date.p10", runway_date (r, rr, rr->month.p10, date));
  text (f, d, "date.p50", runway_date (r, rr, rr->month.p50, date));
  text (f, d, "date.p90", runway_date (r, rr, rr->month.p90, date));
}

/* One component of phase @p (index @c in pipeline order), median run. */
void
pc_report_component_fields (const PcReport *r, guint p, guint c, PcFieldFunc f, gpointer d)
{
  const PcComponent *comp = &r->model->phases[p].components[c];
  const PcPhaseReport *pr = &r->phases[p];
  const PcComponentDecl *decl = comp->decl;
  gboolean claim = !isnan (decl->estimate_min);
  text (f, d, "phase", r->model->phases[p].decl->id);
  text (f, d, "name", decl->name);
  text (f, d, "plugin", comp->info->name);
  text (f, d, "region", pc_catalog_region (comp->catalog));
  number (f, d, "mean_usd", pr->slot_mean_usd[comp->slot]);
  number (f, d, "min_usd", pr->slot_min_usd[comp->slot]);
  number (f, d, "max_usd", pr->slot_max_usd[comp->slot]);
  number (f, d, "roadmap_claim_usd.min", claim ? decl->estimate_min : NAN);
  number (f, d, "roadmap_claim_usd.max", claim ? decl->estimate_max : NAN);
  text (f, d, "roadmap_claim_usd.kind", !claim ? NULL : decl->estimate_added ? "added" : "total");
  text (f, d, "roadmap_claim_usd.group", claim ? decl->estimate_group : NULL);
  number (f, d, "difference_usd", pr->slot_claim_difference[comp->slot]);
  int replaced_phase;
  double replaced = pc_report_replaced_cost (r, decl, &replaced_phase);
  text (f, d, "replaces.component", decl->replaces);
  number (f, d, "replaces.usd", replaced);
  text (f, d, "replaces.phase", replaced_phase >= 0 ? r->model->phases[replaced_phase].decl->id : NULL);
}

/* The business state and cost of month @m of @run: the same names in the
 * report's month rows (the median run) and in every run's month rows. */
static void
month_state_fields (const PcModel *model, const PcRunResult *run, guint m, PcFieldFunc f, gpointer d)
{
  const PcMonthRecord *rec = &run->months[m];
  char date[16];
  integer (f, d, "month", m);
  text (f, d, "date", date_of (model, (int) m, date));
  text (f, d, "phase", model->phases[rec->phase].decl->id);
  number (f, d, "paying_customers", rec->state[PC_STATE_PAYING_CUSTOMERS]);
  number (f, d, "active_users", rec->state[PC_STATE_ACTIVE_USERS]);
  number (f, d, "quotes", rec->state[PC_STATE_QUOTES_MONTH]);
  number (f, d, "quotes_total", rec->state[PC_STATE_QUOTES_TOTAL]);
  number (f, d, "annual_revenue_usd", rec->state[PC_STATE_ANNUAL_REVENUE]);
  number (f, d, "revenue_usd", rec->state[PC_STATE_REVENUE_MONTH]);
  number (f, d, "business_units", rec->state[PC_STATE_BUSINESS_UNITS]);
  number (f, d, "regions", rec->state[PC_STATE_REGIONS]);
  number (f, d, "response_time_s", rec->state[PC_STATE_RESPONSE_TIME]);
  number (f, d, "cost_usd", rec->state[PC_STATE_MONTHLY_COST]);
}

/* Month @m of the median run, with the band over runs. */
void
pc_report_month_fields (const PcReport *r, guint m, PcFieldFunc f, gpointer d)
{
  const PcMonthRecord *rec = &r->median_run->months[m];
  const PcMonthBand *band = &r->months[m];
  month_state_fields (r->model, r->median_run, m, f, d);
  for (guint slot = 0; slot < r->median_run->n_slots; slot++) {
    gboolean present = pc_model_component (r->model, rec->phase, slot) != NULL;
    g_autofree char *name = g_strconcat ("components.", (const char *) r->model->slots->pdata[slot], NULL);
    number (f, d, name, present ? r->median_run->slot_usd[(gsize) m * r->median_run->n_slots + slot] : NAN);
  }
  percentiles (f, d, "over_runs.cost_usd", band->cost_usd);
  percentiles (f, d, "over_runs.paying_customers", band->paying_customers);
  percentiles (f, d, "over_runs.active_users", band->active_users);
  percentiles (f, d, "over_runs.quotes", band->quotes);
}

/* Line @k of the median run's cost lines (by month, then pipeline order). */
void
pc_report_line_fields (const PcReport *r, guint k, PcFieldFunc f, gpointer d)
{
  pc_run_line_fields (r->model, r->median_run, k, f, d);
}

/* The scenario header of every export. */
void
pc_report_scenario_fields (const PcReport *r, PcFieldFunc f, gpointer d)
{
  const PcScenario *s = r->model->scenario;
  char date[16];
  text (f, d, "name", s->name);
  text (f, d, "region", s->region);
  text (f, d, "start", date_of (r->model, 0, date));
  integer (f, d, "horizon_months", s->horizon_months);
  integer (f, d, "runs", r->runs);
  uint64 (f, d, "seed", r->seed);   /* 0 to 2^64 - 1: a double would round it above 2^53 */
  text (f, d, "roadmap", r->model->roadmap->name);
  text (f, d, "rng", PC_RUN_RNG->name);
  integer (f, d, "median_run.run_index", r->median_run->run_index);
  percentiles (f, d, "total_cost_usd", r->total_cost);
}

/* ---- one run's rows (exporters): the values the percentiles are over ---- */

/* Run @run as a whole: its total cost over the horizon (what picks the
 * median run). */
void
pc_run_fields (const PcModel *model, const PcRunResult *run, PcFieldFunc f, gpointer d)
{
  (void) model;
  integer (f, d, "run_index", run->run_index);
  number (f, d, "total_cost_usd", pc_run_total_cost (run));
}

/* Run @run in phase @p: the figures the phase row's percentiles are over. */
void
pc_run_phase_fields (const PcModel *model, const PcRunResult *run, guint p, PcFieldFunc f, gpointer d)
{
  gboolean entered = run->phase_entered[p] >= 0;
  integer (f, d, "run_index", run->run_index);
  text (f, d, "phase", model->phases[p].decl->id);
  integer (f, d, "decided_month", run->phase_decided[p]);
  integer (f, d, "entered_month", run->phase_entered[p]);
  number (f, d, "monthly_cost_usd", pc_run_phase_cost (run, p));
  number (f, d, "downtime_minutes", entered ? run->downtime_minutes[p] : NAN);
}

/* Indicator @i in run @run: the month it first held. */
void
pc_run_indicator_fields (const PcModel *model, const PcRunResult *run, guint i, PcFieldFunc f, gpointer d)
{
  integer (f, d, "run_index", run->run_index);
  text (f, d, "phase", model->phases[model->indicators[i].phase].decl->id);
  text (f, d, "id", model->indicators[i].decl->id);
  integer (f, d, "fired_month", run->indicator_fired[i]);
}

/* Month @m of run @run: its business state and total cost. */
void
pc_run_month_fields (const PcModel *model, const PcRunResult *run, guint m, PcFieldFunc f, gpointer d)
{
  integer (f, d, "run_index", run->run_index);
  month_state_fields (model, run, m, f, d);
}

/* Component @slot in month @m of a run simulated with PC_DETAIL_MONTHS. */
void
pc_run_month_component_fields (const PcModel *model, const PcRunResult *run, guint m, guint slot, PcFieldFunc f,
                               gpointer d)
{
  integer (f, d, "run_index", run->run_index);
  integer (f, d, "month", m);
  text (f, d, "component", model->slots->pdata[slot]);
  number (f, d, "cost_usd", run->slot_usd[(gsize) m * run->n_slots + slot]);
}

/* Cost line @k of a run simulated with PC_DETAIL_MONTHS; @k counts from
 * the run's first line, so lines of one month are consecutive. */
void
pc_run_line_fields (const PcModel *model, const PcRunResult *run, guint k, PcFieldFunc f, gpointer d)
{
  const PcLineRecord *line = &g_array_index (run->lines, PcLineRecord, k);
  integer (f, d, "run_index", run->run_index);
  integer (f, d, "month", line->month);
  integer (f, d, "line", k);
  text (f, d, "component", model->slots->pdata[line->slot]);
  text (f, d, "item", line->item);
  number (f, d, "quantity", line->quantity);
  text (f, d, "unit", line->unit);
  number (f, d, "cost_usd", line->usd);
  text (f, d, "price_key", line->price ? pc_price_key (line->price) : NULL);
}

/* ---- planning rows (pc-planning.h) ---- */

static const char *const indicator_kinds[] = {
  [PC_IND_STATE] = "state", [PC_IND_METRIC] = "metric", [PC_IND_EVENT] = "event", [PC_IND_NO_EVENT] = "no-event",
};

/* What the indicator compares (its threshold is in the roadmap's terms:
 * revenue in the roadmap's currency), and how it held its phase back. */
void
pc_report_indicator_condition_fields (const PcReport *r, guint i, PcFieldFunc f, gpointer d)
{
  const PcIndicatorDecl *decl = r->model->indicators[i].decl;
  const PcIndicatorReport *ir = &r->indicators[i];
  gboolean compared = decl->kind == PC_IND_STATE || decl->kind == PC_IND_METRIC || decl->compares_amount;
  g_autofree char *condition = pc_indicator_condition_text (decl);
  text (f, d, "kind", indicator_kinds[decl->kind]);
  text (f, d, "subject", decl->subject);
  text (f, d, "condition", condition);
  text (f, d, "op", compared ? op_names[decl->op] : NULL);
  number (f, d, "threshold", compared ? decl->threshold : NAN);
  integer (f, d, "sustained_months", decl->sustained_months);
  integer (f, d, "required", decl->required);
  number (f, d, "held_back_probability", ir->held_back_probability);
  number (f, d, "held_to_end_probability", ir->held_to_end_probability);
  percentiles (f, d, "value_at_end", ir->value[r->model->scenario->horizon_months - 1]);
}

/* Indicator @i in month @m: the value it compared, over runs.  Nested
 * under its indicator in JSON; flat formats put the indicator's key first
 * (pc_report_indicator_key_fields). */
void
pc_report_indicator_key_fields (const PcReport *r, guint i, PcFieldFunc f, gpointer d)
{
  const PcIndicator *ind = &r->model->indicators[i];
  text (f, d, "phase", r->model->phases[ind->phase].decl->id);
  text (f, d, "indicator", ind->decl->id);
}

void
pc_report_indicator_month_fields (const PcReport *r, guint i, guint m, PcFieldFunc f, gpointer d)
{
  char date[16];
  integer (f, d, "month", m);
  text (f, d, "date", date_of (r->model, (int) m, date));
  percentiles (f, d, "value", r->indicators[i].value[m]);
}

/* The currency every money row is in. */
void
pc_report_money_fields (const PcReport *r, PcFieldFunc f, gpointer d)
{
  const PcCurrency *c = r->currency;
  text (f, d, "currency", c->code);
  number (f, d, "exchange_rate.per_usd", c->per_usd);
  text (f, d, "exchange_rate.date", c->date);
  text (f, d, "exchange_rate.source", c->source);
  text (f, d, "exchange_rate.derived", c->derived);
  integer (f, d, "exchange_rate.overridden", c->overridden);
  number (f, d, "gst.rate", c->gst_rate);
  text (f, d, "gst.source", c->gst_source);
}

static PcPercentiles
scaled (PcPercentiles p, double factor)
{
  p.p10 *= factor, p.p50 *= factor, p.p90 *= factor;
  return p;
}

/* One period's money, over runs, in the report's currency (costs with GST
 * when it was added; revenue as the scenario states it). */
void
pc_report_period_fields (const PcReport *r, guint k, PcFieldFunc f, gpointer d)
{
  const PcPeriod *period = &g_array_index (r->periods, PcPeriod, k);
  const PcPeriodMoney *money = &r->period_money[k];
  double cost = pc_currency_cost (r->currency, 1.0), amount = pc_currency_amount (r->currency, 1.0);
  g_autofree char *label = pc_period_label (period, r->model->scenario);
  char start[16], end[16];
  text (f, d, "kind", pc_period_kind_name (period->kind));
  text (f, d, "label", label);
  text (f, d, "start", date_of (r->model, (int) period->first_month, start));
  text (f, d, "end", date_of (r->model, (int) (period->first_month + period->n_months - 1), end));
  integer (f, d, "months", period->n_months);
  integer (f, d, "whole", period->whole);
  text (f, d, "currency", r->currency->code);
  percentiles (f, d, "cost", scaled (money->cost_usd, cost));
  percentiles (f, d, "revenue", scaled (money->revenue_usd, amount));
  percentiles (f, d, "cost_per_customer_month", scaled (money->cost_per_customer_month, cost));
  percentiles (f, d, "cost_per_user_month", scaled (money->cost_per_user_month, cost));
  percentiles (f, d, "cost_share_of_revenue", scaled (money->cost_share_of_revenue, cost / amount));
}
