/* run.c - one run: the month loop of DESIGN.md.
 *
 * For each month m (the loop is the clock):
 *   1. deliver the events due before m + 1 (business events change the
 *      state or are remembered for triggers; a finished migration swaps the
 *      phase's components);
 *   2. grow the business state (growth.c);
 *   3. turn it into demand (load.c);
 *   4. step every component of the current phase in pipeline order; each
 *      may change the demand for those after it; standby components see the
 *      demand with its traffic removed;
 *   5. record the month, evaluate every indicator, and when the policy of
 *      the next phase is met, decide the move and schedule its end.
 * A run owns everything it touches (random stream, queue, plugin states),
 * so runs can go through a thread pool; the model is shared, read-only.
 * Nothing in steps 1-5 allocates: buffers are sized when the run starts.
 */
#include "pc-run-private.h"

#include <gsl/gsl_randist.h>

struct _PcRun {
  const PcModel *model;
  gboolean detail;
  gsl_rng *rng;
  PcEventQueue queue;
  PcGrowthState growth;
  PcBusinessState state;
  PcDemand demand, standby_demand;
  double *written;            /* GB written per month, newest last (see load.c) */
  guint month;
  guint phase;
  gpointer *instances;        /* plugin states of the current phase */
  PcStepResult *results;      /* one per component, reused every month */
  guint max_components;
  double *event_last;         /* per event type: last time seen, -INF if never */
  guint *held;                /* per indicator: consecutive months held */
  gboolean *met;              /* per indicator: met this month */
  gboolean move_pending;
  double budget_usd;          /* last approved budget, NAN if none */
  int budget_check_month;     /* month whose cost to compare, -1 if none */
  PcRunResult *result;
};

guint32
pc_run_seed (guint64 scenario_seed, guint run_index)
{
  /* splitmix64 over (seed, index); 0 would alias GSL's default seed. */
  guint64 z = scenario_seed + 0x9E3779B97F4A7C15ull * ((guint64) run_index + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  guint32 folded = (guint32) (z ^ (z >> 32));
  return folded ? folded : 0x6A09E667u;
}

void
pc_step_result_reset (PcStepResult *result)
{
  result->n_lines = 0;
  result->overflow = FALSE;
  result->usd = 0.0;
  memset (result->metrics, 0, sizeof result->metrics);
}

static PcRunResult *
result_new (const PcModel *model, guint run_index, gboolean detail)
{
  PcRunResult *r = g_new0 (PcRunResult, 1);
  r->run_index = run_index;
  r->n_months = model->scenario->horizon_months;
  r->n_slots = model->slots->len;
  r->n_phases = model->n_phases;
  r->n_indicators = model->n_indicators;
  r->months = g_new0 (PcMonthRecord, r->n_months);
  r->slot_usd = detail ? g_new0 (double, (gsize) r->n_months * r->n_slots) : NULL;
  r->phase_decided = g_new (int, r->n_phases);
  r->phase_entered = g_new (int, r->n_phases);
  r->downtime_minutes = g_new0 (double, r->n_phases);
  r->indicator_fired = g_new (int, r->n_indicators);
  for (guint p = 0; p < r->n_phases; p++)
    r->phase_decided[p] = r->phase_entered[p] = -1;
  for (guint i = 0; i < r->n_indicators; i++)
    r->indicator_fired[i] = -1;
  r->warnings = g_ptr_array_new_with_free_func (g_free);
  return r;
}

void
pc_run_result_free (PcRunResult *r)
{
  if (r == NULL)
    return;
  g_free (r->months);
  g_free (r->slot_usd);
  g_free (r->phase_decided);
  g_free (r->phase_entered);
  g_free (r->downtime_minutes);
  g_free (r->indicator_fired);
  g_ptr_array_unref (r->warnings);
  g_free (r);
}

static void
destroy_instances (PcRun *run)
{
  const PcPhasePlan *plan = &run->model->phases[run->phase];
  for (guint c = 0; c < plan->n_components; c++)
    if (run->instances[c] != NULL)
      pc_plugin_info (plan->components[c].plugin)->destroy (run->instances[c]);
  memset (run->instances, 0, sizeof (gpointer) * run->max_components);
}

static gboolean
create_instances (PcRun *run, guint phase, GError **error)
{
  destroy_instances (run);
  run->phase = phase;
  const PcPhasePlan *plan = &run->model->phases[phase];
  for (guint c = 0; c < plan->n_components; c++) {
    const PcComponent *comp = &plan->components[c];
    run->instances[c] = pc_plugin_info (comp->plugin)->create (comp->config, comp->catalog, error);
    if (run->instances[c] == NULL) {
      g_prefix_error (error, "component \"%s\" (plugin %s) in phase %s: ",
                      pc_config_component (comp->config), pc_plugin_info (comp->plugin)->name, plan->decl->id);
      return FALSE;
    }
  }
  return TRUE;
}

/* Schedules every scenario event: fixed ones at their time, hazards as a
 * Poisson process drawn from this run's stream. */
static void
schedule_events (PcRun *run)
{
  const PcScenario *s = run->model->scenario;
  for (guint i = 0; i < s->events->len; i++) {
    const PcEventDecl *e = s->events->pdata[i];
    PcEvent event = { 0, 0, PC_EVENT_BUSINESS, i };
    if (!isnan (e->month)) {
      event.time = e->month;
      pc_queue_push (&run->queue, event);
      continue;
    }
    for (double t = e->from + gsl_ran_exponential (run->rng, 1.0 / e->rate_per_month); t < e->until;
         t += gsl_ran_exponential (run->rng, 1.0 / e->rate_per_month)) {
      event.time = t;
      pc_queue_push (&run->queue, event);
    }
  }
}

static guint
max_components (const PcModel *model)
{
  guint most = 1;
  for (guint p = 0; p < model->n_phases; p++)
    most = MAX (most, model->phases[p].n_components);
  return most;
}

/**
 * pc_run_new:
 * Prepares run @run_index of @model: its random stream seeded from
 * (@seed, @run_index), its events, and the first phase's components.
 * Returns: (transfer full): the run, or NULL with @error set.
 */
PcRun *
pc_run_new (const PcModel *model, guint64 seed, guint run_index, gboolean detail, GError **error)
{
  g_autoptr (PcRun) run = g_new0 (PcRun, 1);
  const PcScenario *s = model->scenario;
  run->model = model;
  run->detail = detail;
  run->rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (run->rng, pc_run_seed (seed, run_index));
  run->max_components = max_components (model);
  run->instances = g_new0 (gpointer, run->max_components);
  run->results = g_new0 (PcStepResult, run->max_components);
  run->written = g_new0 (double, s->horizon_months);
  run->event_last = g_new (double, model->event_types->len);
  for (guint i = 0; i < model->event_types->len; i++)
    run->event_last[i] = -INFINITY;
  run->held = g_new0 (guint, model->n_indicators);
  run->met = g_new0 (gboolean, model->n_indicators);
  run->budget_usd = NAN;
  run->budget_check_month = -1;
  run->result = result_new (model, run_index, detail);
  run->result->phase_entered[0] = 0;
  run->state.business_units = 1;
  run->state.regions = 1;
  pc_queue_init (&run->queue, 64);
  pc_growth_start (&run->growth, &s->growth, run->rng);
  schedule_events (run);
  if (!create_instances (run, 0, error))
    return NULL;
  return g_steal_pointer (&run);
}

void
pc_run_free (PcRun *run)
{
  if (run == NULL)
    return;
  if (run->instances)
    destroy_instances (run);
  g_free (run->instances);
  g_free (run->results);
  g_free (run->written);
  g_free (run->event_last);
  g_free (run->held);
  g_free (run->met);
  pc_queue_clear (&run->queue);
  if (run->rng)
    gsl_rng_free (run->rng);
  pc_run_result_free (run->result);
  g_free (run);
}

static void
apply_business_event (PcRun *run, const PcEvent *event)
{
  const PcEventDecl *e = run->model->scenario->events->pdata[event->decl];
  run->event_last[run->model->event_decl_type[event->decl]] = event->time;
  run->growth.extra_customers += e->add_customers;
  run->growth.extra_users += e->add_users;
  run->state.business_units += e->add_business_units;
  run->state.regions += e->add_regions;
  if (!isnan (e->amount_usd))
    run->budget_usd = e->amount_usd;
}

static gboolean
enter_phase (PcRun *run, guint phase, GError **error)
{
  const PcPhaseDecl *decl = run->model->phases[phase].decl;
  double low = decl->downtime_min_minutes, high = decl->downtime_max_minutes;
  run->result->phase_entered[phase] = (int) run->month;
  run->result->downtime_minutes[phase] = low + (high - low) * gsl_rng_uniform (run->rng);
  run->move_pending = FALSE;
  run->budget_check_month = isnan (run->budget_usd) ? -1 : (int) run->month;
  return create_instances (run, phase, error);
}

static gboolean
deliver_events (PcRun *run, GError **error)
{
  PcEvent event;
  while (pc_queue_pop_before (&run->queue, run->month + 1.0, &event)) {
    if (event.kind == PC_EVENT_BUSINESS)
      apply_business_event (run, &event);
    else if (!enter_phase (run, event.decl, error))
      return FALSE;
  }
  return TRUE;
}

/* Standby components keep data (storage, DB size) but serve no traffic. */
static void
make_standby_demand (PcRun *run)
{
  PcDemand *d = &run->standby_demand;
  *d = run->demand;
  memset (d->rps_by_hour, 0, sizeof d->rps_by_hour);
  d->requests = d->static_requests = d->egress_gb = d->static_egress_gb = 0;
  d->object_gets = d->emails = d->monthly_active_users = d->errors = 0;
  d->db_connections_peak = d->response_time_s = 0;
}

static gboolean
check_step (const PcStepResult *r, const char *component, guint month, GError **error)
{
  if (r->overflow) {
    g_set_error (error, PC_RUN_ERROR, PC_RUN_ERROR_STEP, "component \"%s\", month %u: more than %d line items",
                 component, month, PC_MAX_LINES);
    return FALSE;
  }
  if (!isfinite (r->usd) || r->usd < 0) {
    g_set_error (error, PC_RUN_ERROR, PC_RUN_ERROR_NUMERIC, "component \"%s\", month %u: cost is %g USD",
                 component, month, r->usd);
    return FALSE;
  }
  return TRUE;
}

static gboolean
step_components (PcRun *run, double *cost, GError **error)
{
  const PcPhasePlan *plan = &run->model->phases[run->phase];
  PcStepContext ctx = { run->month, run->month + run->model->scenario->account_age_months,
                        PC_HOURS_PER_MONTH, &run->state, run->rng, { NULL } };
  make_standby_demand (run);
  *cost = 0;
  for (guint c = 0; c < plan->n_components; c++) {
    const PcComponent *comp = &plan->components[c];
    const PcPluginInfo *info = pc_plugin_info (comp->plugin);
    PcStepResult *r = &run->results[c];
    pc_step_result_reset (r);
    PcDemand *demand = comp->standby ? &run->standby_demand : &run->demand;
    if (!info->step (run->instances[c], &ctx, demand, r, error)) {
      g_prefix_error (error, "component \"%s\" (plugin %s), month %u: ", pc_config_component (comp->config),
                      info->name, run->month);
      return FALSE;
    }
    if (!check_step (r, pc_config_component (comp->config), run->month, error))
      return FALSE;
    *cost += r->usd;
    if (run->detail)
      run->result->slot_usd[(gsize) run->month * run->result->n_slots + comp->slot] += r->usd;
  }
  return TRUE;
}

static gboolean
compare (PcCompare op, double value, double threshold)
{
  switch (op) {
  case PC_OP_GT: return value > threshold;
  case PC_OP_GE: return value >= threshold;
  case PC_OP_LT: return value < threshold;
  case PC_OP_LE: return value <= threshold;
  }
  return FALSE;
}

/* Whether indicator @i's condition holds this month (before "sustained"). */
static gboolean
indicator_holds (const PcRun *run, const PcIndicator *ind, const double *state)
{
  const PcIndicatorDecl *d = ind->decl;
  double now = run->month + 1.0;   /* evaluated at the end of the month */
  double window = d->window_days / PC_DAYS_PER_MONTH;
  switch (d->kind) {
  case PC_IND_STATE:
    return compare (d->op, state[ind->state_field], d->threshold);
  case PC_IND_METRIC: {
    int c = ind->component_by_phase[run->phase];
    return c >= 0 && compare (d->op, run->results[c].metrics[ind->metric_by_phase[run->phase]], d->threshold);
  }
  case PC_IND_EVENT:
    return d->window_days > 0 ? run->event_last[ind->event_type] >= now - window
                              : run->event_last[ind->event_type] > -INFINITY;
  case PC_IND_NO_EVENT:
    return run->event_last[ind->event_type] < now - (d->window_days > 0 ? window : INFINITY);
  }
  return FALSE;
}

static void
evaluate_indicators (PcRun *run, const double *state)
{
  for (guint i = 0; i < run->model->n_indicators; i++) {
    const PcIndicator *ind = &run->model->indicators[i];
    run->held[i] = indicator_holds (run, ind, state) ? run->held[i] + 1 : 0;
    run->met[i] = run->held[i] >= ind->decl->sustained_months;
    if (run->met[i] && run->result->indicator_fired[i] < 0)
      run->result->indicator_fired[i] = (int) run->month;
  }
}

/* Whether the roadmap's policy for moving into @phase is met this month. */
static gboolean
policy_met (const PcRun *run, guint phase)
{
  const PcPhaseDecl *decl = run->model->phases[phase].decl;
  guint n = 0, met = 0;
  for (guint i = 0; i < run->model->n_indicators; i++) {
    if (run->model->indicators[i].phase != phase)
      continue;
    n++;
    met += run->met[i];
    if (run->model->indicators[i].decl->required && !run->met[i])
      return FALSE;
  }
  switch (decl->policy) {
  case PC_POLICY_ALL: return n > 0 && met == n;
  case PC_POLICY_ANY: return met > 0;
  case PC_POLICY_AT_LEAST: return met >= decl->at_least;
  }
  return FALSE;
}

static void
decide_move (PcRun *run)
{
  guint next = run->phase + 1;
  if (run->move_pending || next >= run->model->n_phases || !policy_met (run, next))
    return;
  const PcPhaseDecl *decl = run->model->phases[next].decl;
  double lead = MAX (1.0, ceil (decl->lead_time_days / PC_DAYS_PER_MONTH - 1e-9));
  run->result->phase_decided[next] = (int) run->month;
  run->move_pending = TRUE;
  PcEvent event = { run->month + lead, 0, PC_EVENT_MIGRATION_DONE, next };
  pc_queue_push (&run->queue, event);
}

static void
check_budget (PcRun *run, double cost)
{
  if (run->budget_check_month != (int) run->month)
    return;
  run->budget_check_month = -1;
  if (cost > run->budget_usd)
    g_ptr_array_add (run->result->warnings,
                     g_strdup_printf ("month %u: phase %s costs $%.2f/month, above the approved budget of $%.2f",
                                      run->month, run->model->phases[run->phase].decl->id, cost, run->budget_usd));
}

static void
record_month (PcRun *run, double cost)
{
  PcMonthRecord *rec = &run->result->months[run->month];
  const PcBusinessState *s = &run->state;
  rec->phase = (guint8) run->phase;
  rec->state[PC_STATE_PAYING_CUSTOMERS] = s->paying_customers;
  rec->state[PC_STATE_ACTIVE_USERS] = s->active_users;
  rec->state[PC_STATE_QUOTES_MONTH] = s->quotes_month;
  rec->state[PC_STATE_QUOTES_TOTAL] = s->quotes_total;
  rec->state[PC_STATE_ANNUAL_REVENUE] = s->annual_revenue_usd;
  rec->state[PC_STATE_BUSINESS_UNITS] = s->business_units;
  rec->state[PC_STATE_REGIONS] = s->regions;
  rec->state[PC_STATE_RESPONSE_TIME] = run->demand.response_time_s;
  rec->state[PC_STATE_MONTHLY_COST] = cost;
}

static gboolean
step_month (PcRun *run, GError **error)
{
  const PcScenario *s = run->model->scenario;
  if (!deliver_events (run, error))
    return FALSE;
  pc_growth_step (&run->growth, &s->growth, run->rng, run->month, &run->state);
  pc_load_fill (&s->load, &run->state, run->month, s->horizon_months, run->written, &run->demand);
  double cost = 0;
  if (!step_components (run, &cost, error))
    return FALSE;
  record_month (run, cost);
  check_budget (run, cost);
  evaluate_indicators (run, run->result->months[run->month].state);
  decide_move (run);
  run->month++;
  return TRUE;
}

gboolean
pc_run_step (PcRun *run, guint months, GError **error)
{
  for (guint i = 0; i < months && !pc_run_finished (run); i++)
    if (!step_month (run, error))
      return FALSE;
  return TRUE;
}

gboolean
pc_run_finished (const PcRun *run)
{
  return run->month >= run->model->scenario->horizon_months;
}

PcRunResult *
pc_run_finish (PcRun *run)
{
  PcRunResult *result = g_steal_pointer (&run->result);
  pc_run_free (run);
  return result;
}

/* ---- the plugin-facing result API ---- */

void
pc_result_metric (PcStepResult *result, guint metric_index, double value)
{
  g_return_if_fail (metric_index < PC_MAX_METRICS);
  result->metrics[metric_index] = value;
}

void
pc_result_line (PcStepResult *result, const char *item, double quantity, const char *unit, double usd,
                const PcPrice *price)
{
  result->usd += usd;
  if (result->n_lines == PC_MAX_LINES) {
    result->overflow = TRUE;
    return;
  }
  result->lines[result->n_lines++] = (PcLine) { item, quantity, unit, usd, price };
}

double
pc_result_charge (PcStepResult *result, const char *item, const PcPrice *price, double quantity,
                  const PcStepContext *ctx)
{
  double usd = pc_price_cost (price, quantity, ctx->account_month);
  pc_result_line (result, item, quantity, price->unit, usd, price);
  return usd;
}
