/* fused.c - a fused C loop doing the same kind of work as phasecast, the
 * yardstick of issue 18 ("per component-month within 2x of a fused loop").
 *
 * Everything that sizes the work is read from the model it is compared
 * with, so the two cannot drift apart (the capacity engineer may change the
 * load levels or the components; the loop follows):
 *   - phases, the number of components in each, their move policies, lead
 *     times and trigger indicators (state, metric and event comparisons,
 *     "sustained" counts, required indicators);
 *   - the month's load levels (hours and share of the month's requests) and
 *     the requests an active user brings, from the demand a run of the
 *     model hands its first component;
 *   - for every component of every phase, the lines it charges and the
 *     catalog prices behind them (tiers, always-free and 12-month free
 *     tiers), from one run of the model that reaches every phase;
 *   - logistic growth with the scenario's per-run noisy rate (log-normal,
 *     as growth.c) drawn from the same generator and stream seeding
 *     (PC_RUN_RNG, pc_run_seed), and the
 *     scenario's events (scheduled, and hazards as Poisson arrivals).
 * Per run and month the loop grows the business, turns it into requests,
 * and for each component runs an autoscaling computation over every load
 * level (tasks needed, clamped, hours at the maximum, utilisation), charges
 * its lines through the tier walk, then evaluates every indicator and the
 * next phase's policy.  It keeps only sums (no percentiles, no checks, no
 * plugins, no per-run allocation): the limit phasecast is measured against.
 */
#include "fused.h"

#include "pc-private.h"
#include "pc-run-private.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>

#define MAX_TIERS 8
#define MAX_EVENTS 256          /* occurrences of events in one run */
#define MAX_PRICES 1024
#define MAX_ITEMS 64            /* components of a phase, indicators, event types */
#define TARGET_UTILISATION 0.7

typedef struct {
  double upto[MAX_TIERS];
  double rate[2][MAX_TIERS];    /* USD per unit: [0] account younger than 12 months, [1] older */
  guint n_tiers;
} FusedPrice;

typedef struct {
  guint n_lines;
  int price[PC_MAX_LINES];      /* index into prices, -1 for a line priced by the plugin */
  double per_request[PC_MAX_LINES];  /* quantity per (request + 1) in the sampled month */
  double unit_usd[PC_MAX_LINES];     /* lines without a price: USD per unit */
  double vcpu, min_tasks, max_tasks;
  double tasks_per_rps;         /* tasks one request per second needs at the target utilisation */
} FusedComponent;

typedef struct {
  FusedComponent *components;
  guint n_components;
  PcPolicy policy;
  guint at_least;
  guint lead_months;
} FusedPhase;

typedef struct {
  const PcIndicatorDecl *decl;
  guint phase;
  int state_field, event_type;
  const int *component_by_phase;
} FusedIndicator;

struct _FusedModel {
  const PcModel *model;
  guint n_months, n_phases, n_indicators, n_event_types, n_levels;
  guint account_age;
  double level_hours[PC_MAX_LEVELS], level_share[PC_MAX_LEVELS];
  double requests_per_user, cpu_s_per_request;
  PcGrowthParams growth;
  FusedPhase *phases;
  FusedIndicator *indicators;
  FusedPrice *prices;
  guint n_prices;
  GHashTable *price_index;      /* const PcPrice* -> index + 1 */
  double lines_per_component_month;
};

/* ---- reading the model ---- */

/* The rate of tier @i, as catalog.c charges it: free tiers cost nothing; a
 * 12-month one, once the account is older, costs the next paid rate. */
static double
tier_rate (const PcPrice *price, guint i, gboolean old_account)
{
  const PcTier *tier = &price->tiers[i];
  if (tier->free == PC_FREE_NONE)
    return tier->usd;
  if (tier->free == PC_FREE_ALWAYS || !old_account)
    return 0.0;
  for (guint j = i + 1; j < price->n_tiers; j++)
    if (price->tiers[j].free == PC_FREE_NONE)
      return price->tiers[j].usd;
  return 0.0;
}

/* The index of @price in the loop's own flat table (added on first use). */
static int
price_index (FusedModel *f, const PcPrice *price)
{
  if (price == NULL)
    return -1;
  guint index = GPOINTER_TO_UINT (g_hash_table_lookup (f->price_index, price));
  if (index > 0)
    return (int) index - 1;
  g_assert_cmpuint (price->n_tiers, <=, MAX_TIERS);
  g_assert_cmpuint (f->n_prices, <, MAX_PRICES);
  FusedPrice *p = &f->prices[f->n_prices];
  p->n_tiers = price->n_tiers;
  for (guint i = 0; i < price->n_tiers; i++) {
    p->upto[i] = price->tiers[i].upto;
    p->rate[0][i] = tier_rate (price, i, FALSE);
    p->rate[1][i] = tier_rate (price, i, TRUE);
  }
  g_hash_table_insert (f->price_index, (gpointer) price, GUINT_TO_POINTER (++f->n_prices));
  return (int) f->n_prices - 1;
}

/* What the sample run saw in one month: the lines of every component of
 * its phase (the last month in a phase wins) and the month's load. */
static void
observe_month (gpointer data, const PcRun *run, guint month)
{
  FusedModel *f = data;
  guint phase = pc_run_phase (run);
  const PcDemand *load = pc_run_component_demand (run, 0);
  const PcBusinessState *state = pc_run_state (run);
  (void) month;
  for (guint c = 0; c < f->phases[phase].n_components; c++) {
    const PcStepResult *result = pc_run_component_result (run, c);
    FusedComponent *fc = &f->phases[phase].components[c];
    fc->n_lines = pc_step_result_n_lines (result);
    for (guint i = 0; i < fc->n_lines; i++) {
      const char *item, *unit;
      double quantity, usd;
      const PcPrice *price;
      pc_step_result_line (result, i, &item, &quantity, &unit, &usd, &price);
      fc->price[i] = price_index (f, price);
      fc->per_request[i] = quantity / (load->requests + 1.0);
      fc->unit_usd[i] = quantity > 0 ? usd / quantity : 0.0;
    }
  }
  if (load->requests > 0 && state->active_users > 0) {
    f->n_levels = load->n_levels;
    for (guint k = 0; k < load->n_levels; k++) {
      f->level_hours[k] = load->level_hours[k];
      f->level_share[k] = load->level_rps[k] / load->requests;
    }
    f->requests_per_user = load->requests / state->active_users;
    f->cpu_s_per_request = load->cpu_ms_per_request / 1000.0;
  }
}

/* Runs the model once, from run index 0 up, until a run enters every
 * phase, recording what its components charge. */
static gboolean
sample_model (FusedModel *f, GError **error)
{
  for (guint index = 0; index < 1000; index++) {
    g_autoptr (PcRun) run = pc_run_new (f->model, f->model->scenario->seed, index, PC_DETAIL_NONE, error);
    if (run == NULL)
      return FALSE;
    pc_run_set_observer (run, observe_month, f);
    if (!pc_run_step (run, f->n_months, error))
      return FALSE;
    g_autoptr (PcRunResult) result = pc_run_finish (g_steal_pointer (&run));
    if (result->phase_entered[f->n_phases - 1] >= 0)
      return TRUE;
  }
  g_set_error (error, PC_RUN_ERROR, PC_RUN_ERROR_FAILED, "no run of the first 1000 enters every phase");
  return FALSE;
}

static void
read_phases (FusedModel *f)
{
  const PcModel *model = f->model;
  f->phases = g_new0 (FusedPhase, f->n_phases);
  for (guint p = 0; p < f->n_phases; p++) {
    const PcPhaseDecl *decl = model->phases[p].decl;
    FusedPhase *fp = &f->phases[p];
    fp->n_components = model->phases[p].n_components;
    fp->components = g_new0 (FusedComponent, fp->n_components);
    fp->policy = decl->policy;
    fp->at_least = decl->at_least;
    fp->lead_months = (guint) MAX (1.0, ceil (decl->lead_time_days / PC_DAYS_PER_MONTH - 1e-9));
    for (guint c = 0; c < fp->n_components; c++) {
      /* Task sizes and bounds vary by component, as services do. */
      fp->components[c].vcpu = 0.25 * (1 + c % 4);
      fp->components[c].min_tasks = 1 + c % 2;
      fp->components[c].max_tasks = 2 + c % 6;
    }
  }
  f->indicators = g_new0 (FusedIndicator, f->n_indicators);
  for (guint i = 0; i < f->n_indicators; i++) {
    const PcIndicator *ind = &model->indicators[i];
    f->indicators[i] = (FusedIndicator) { ind->decl, ind->phase, ind->state_field, ind->event_type,
                                          ind->component_by_phase };
  }
}

/* Once the load is known: each component's tasks per request per second,
 * and the mean number of lines a component charges. */
static void
finish_components (FusedModel *f)
{
  guint lines = 0, components = 0;
  for (guint p = 0; p < f->n_phases; p++)
    for (guint c = 0; c < f->phases[p].n_components; c++) {
      FusedComponent *fc = &f->phases[p].components[c];
      fc->tasks_per_rps = f->cpu_s_per_request / (fc->vcpu * TARGET_UTILISATION);
      lines += fc->n_lines, components++;
    }
  f->lines_per_component_month = components ? (double) lines / components : 0.0;
}

FusedModel *
fused_model_new (const PcModel *model, GError **error)
{
  if (model->scenario->growth.model != PC_GROWTH_LOGISTIC) {
    g_set_error (error, PC_RUN_ERROR, PC_RUN_ERROR_FAILED, "the fused loop knows logistic growth only");
    return NULL;
  }
  guint most = model->n_indicators;
  for (guint p = 0; p < model->n_phases; p++)
    most = MAX (most, model->phases[p].n_components);
  if (most > MAX_ITEMS || model->event_types->len > MAX_ITEMS) {
    g_set_error (error, PC_RUN_ERROR, PC_RUN_ERROR_FAILED, "the fused loop holds at most %d components, indicators "
                 "and event types", MAX_ITEMS);
    return NULL;
  }
  g_autoptr (FusedModel) f = g_new0 (FusedModel, 1);
  f->model = model;
  f->n_months = model->scenario->horizon_months;
  f->n_phases = model->n_phases;
  f->n_indicators = model->n_indicators;
  f->n_event_types = model->event_types->len;
  f->account_age = model->scenario->account_age_months;
  f->growth = model->scenario->growth;
  f->prices = g_new0 (FusedPrice, MAX_PRICES);
  f->price_index = g_hash_table_new (NULL, NULL);
  read_phases (f);
  if (!sample_model (f, error))
    return NULL;
  finish_components (f);
  return g_steal_pointer (&f);
}

void
fused_model_free (FusedModel *f)
{
  if (f == NULL)
    return;
  for (guint p = 0; f->phases && p < f->n_phases; p++)
    g_free (f->phases[p].components);
  g_free (f->phases);
  g_free (f->indicators);
  g_free (f->prices);
  g_hash_table_unref (f->price_index);
  g_free (f);
}

guint fused_n_levels (const FusedModel *f) { return f->n_levels; }
double fused_lines_per_component_month (const FusedModel *f) { return f->lines_per_component_month; }

/* ---- the loop ---- */

typedef struct {
  double time;
  guint decl;
} FusedEvent;

typedef struct {
  double state[PC_STATE_COUNT];
  double metric[MAX_ITEMS];     /* per component: utilisation */
  double event_last[MAX_ITEMS]; /* per event type */
  guint held[MAX_ITEMS];
  gboolean met[MAX_ITEMS];
  FusedEvent events[MAX_EVENTS];
  guint n_events;
  guint phase;
  int enter_month;              /* of the next phase, -1 when no move is pending */
} FusedRun;

static double
tier_cost (const FusedPrice *p, double quantity, guint old)
{
  double usd = 0.0, lower = 0.0;
  for (guint i = 0; i < p->n_tiers && quantity > lower; i++) {
    double upper = MIN (quantity, p->upto[i]);
    usd += (upper - lower) * p->rate[old][i];
    lower = p->upto[i];
  }
  return usd;
}

/* ceil() for the task counts: a truncation and a compare (counts stay far
 * below 2^53). */
static inline double
round_up (double x)
{
  double whole = (double) (gint64) x;
  return whole < x ? whole + 1.0 : whole;
}

/* Autoscaling over the month's levels, then the component's lines. */
static double
component_month (const FusedModel *f, const FusedComponent *fc, double requests, guint old, double *utilisation)
{
  double task_hours = 0, hours_at_max = 0, request_hours = 0;
  for (guint k = 0; k < f->n_levels; k++) {
    double rps = requests * f->level_share[k];
    double tasks = round_up (rps * fc->tasks_per_rps);
    hours_at_max += f->level_hours[k] * (tasks >= fc->max_tasks);
    tasks = MIN (MAX (tasks, fc->min_tasks), fc->max_tasks);
    task_hours += tasks * f->level_hours[k];
    request_hours += rps * f->level_hours[k];
  }
  double busy_vcpu_hours = request_hours * f->cpu_s_per_request;
  *utilisation = busy_vcpu_hours / (task_hours * fc->vcpu) + hours_at_max * 1e-12;
  double usd = 0.0;
  for (guint i = 0; i < fc->n_lines; i++) {
    double quantity = fc->per_request[i] * (requests + 1.0);
    usd += fc->price[i] >= 0 ? tier_cost (&f->prices[fc->price[i]], quantity, old) : quantity * fc->unit_usd[i];
  }
  return usd;
}

static void
schedule_events (const FusedModel *f, FusedRun *r, gsl_rng *rng)
{
  const GPtrArray *events = f->model->scenario->events;
  r->n_events = 0;
  for (guint i = 0; i < events->len; i++) {
    const PcEventDecl *e = events->pdata[i];
    if (!isnan (e->month)) {
      if (r->n_events < MAX_EVENTS)
        r->events[r->n_events++] = (FusedEvent) { e->month, i };
      continue;
    }
    for (double t = e->from + gsl_ran_exponential (rng, 1.0 / e->rate_per_month); t < e->until;
         t += gsl_ran_exponential (rng, 1.0 / e->rate_per_month))
      if (r->n_events < MAX_EVENTS)
        r->events[r->n_events++] = (FusedEvent) { t, i };
  }
}

static void
deliver_events (const FusedModel *f, FusedRun *r, guint month)
{
  for (guint i = 0; i < r->n_events; i++) {
    if (r->events[i].time < month || r->events[i].time >= month + 1.0)
      continue;
    const PcEventDecl *e = f->model->scenario->events->pdata[r->events[i].decl];
    r->event_last[f->model->event_decl_type[r->events[i].decl]] = r->events[i].time;
    r->state[PC_STATE_BUSINESS_UNITS] += e->add_business_units;
    r->state[PC_STATE_REGIONS] += e->add_regions;
  }
}

static void
grow (const FusedModel *f, FusedRun *r, double rate, guint month)
{
  const PcGrowthParams *g = &f->growth;
  double t = month - g->launch_month;
  double customers = t < 0 ? 0.0 : g->capacity / (1.0 + (g->capacity - g->initial) / g->initial * exp (-rate * t));
  r->state[PC_STATE_PAYING_CUSTOMERS] = customers;
  r->state[PC_STATE_ACTIVE_USERS] = customers * g->users_per_customer + g->free_users;
  r->state[PC_STATE_QUOTES_MONTH] = r->state[PC_STATE_ACTIVE_USERS] * g->quotes_per_user_month;
  r->state[PC_STATE_QUOTES_TOTAL] += r->state[PC_STATE_QUOTES_MONTH];
  r->state[PC_STATE_ANNUAL_REVENUE] = customers * g->arpa_usd_month * 12.0;
}

static double
indicator_value (const FusedRun *r, const FusedIndicator *ind, guint month)
{
  double now = month + 1.0, window = ind->decl->window_days / PC_DAYS_PER_MONTH;
  switch (ind->decl->kind) {
  case PC_IND_STATE:
    return r->state[ind->state_field];
  case PC_IND_METRIC:
    return ind->component_by_phase[r->phase] >= 0 ? r->metric[ind->component_by_phase[r->phase]] : NAN;
  case PC_IND_EVENT:
    return window > 0 ? r->event_last[ind->event_type] >= now - window : r->event_last[ind->event_type] > -INFINITY;
  case PC_IND_NO_EVENT:
    return r->event_last[ind->event_type] < now - (window > 0 ? window : INFINITY);
  }
  return NAN;
}

static gboolean
holds (const PcIndicatorDecl *d, double value)
{
  if (isnan (value))
    return FALSE;
  if (d->kind == PC_IND_EVENT || d->kind == PC_IND_NO_EVENT)
    return value != 0.0;
  switch (d->op) {
  case PC_OP_GT: return value > d->threshold;
  case PC_OP_GE: return value >= d->threshold;
  case PC_OP_LT: return value < d->threshold;
  case PC_OP_LE: return value <= d->threshold;
  }
  return FALSE;
}

/* Every indicator, then the next phase's policy; a move enters after its
 * lead time. */
static void
triggers (const FusedModel *f, FusedRun *r, guint month)
{
  guint next = r->phase + 1, n = 0, met = 0;
  gboolean required_missing = FALSE;
  for (guint i = 0; i < f->n_indicators; i++) {
    const FusedIndicator *ind = &f->indicators[i];
    r->held[i] = holds (ind->decl, indicator_value (r, ind, month)) ? r->held[i] + 1 : 0;
    r->met[i] = r->held[i] >= ind->decl->sustained_months;
    if (ind->phase == next) {
      n++, met += r->met[i];
      required_missing |= ind->decl->required && !r->met[i];
    }
  }
  if (next >= f->n_phases || r->enter_month >= 0 || required_missing)
    return;
  const FusedPhase *fp = &f->phases[next];
  gboolean go = fp->policy == PC_POLICY_ALL ? n > 0 && met == n : fp->policy == PC_POLICY_ANY ? met > 0 : met >= fp->at_least;
  if (go)
    r->enter_month = (int) (month + fp->lead_months);
}

static double
simulate_run (const FusedModel *f, FusedRun *r, gsl_rng *rng, guint index, guint64 *component_months)
{
  gsl_rng_set (rng, pc_run_seed (f->model->scenario->seed, index));
  const PcGrowthParams *g = &f->growth;
  double rate = g->rate_sd > 0 ? g->rate * exp (gsl_ran_gaussian (rng, g->rate_sd) - g->rate_sd * g->rate_sd / 2) : g->rate;
  memset (r->state, 0, sizeof r->state);
  memset (r->held, 0, sizeof r->held);
  r->state[PC_STATE_BUSINESS_UNITS] = r->state[PC_STATE_REGIONS] = 1;
  for (guint e = 0; e < f->n_event_types; e++)
    r->event_last[e] = -INFINITY;
  r->phase = 0;
  r->enter_month = -1;
  schedule_events (f, r, rng);
  double total = 0;
  for (guint m = 0; m < f->n_months; m++) {
    if (r->enter_month >= 0 && (int) m >= r->enter_month)
      r->phase++, r->enter_month = -1;
    deliver_events (f, r, m);
    grow (f, r, rate, m);
    double requests = r->state[PC_STATE_ACTIVE_USERS] * f->requests_per_user, cost = 0;
    const FusedPhase *fp = &f->phases[r->phase];
    guint old = m + f->account_age >= 12;
    for (guint c = 0; c < fp->n_components; c++)
      cost += component_month (f, &fp->components[c], requests, old, &r->metric[c]);
    r->state[PC_STATE_MONTHLY_COST] = cost;
    r->state[PC_STATE_RESPONSE_TIME] = f->cpu_s_per_request / MAX (1e-3, 1.0 - MIN (r->metric[0], 0.999));
    *component_months += fp->n_components;
    triggers (f, r, m);
    total += cost;
  }
  return total;
}

double
fused_simulate_shared (const FusedModel *f, gint *next, guint runs, guint64 *component_months)
{
  gsl_rng *rng = gsl_rng_alloc (PC_RUN_RNG);
  g_autofree FusedRun *r = g_new0 (FusedRun, 1);
  double sum = 0;
  for (guint i; (i = (guint) g_atomic_int_add (next, 1)) < runs;)
    sum += simulate_run (f, r, rng, i, component_months);
  gsl_rng_free (rng);
  return runs ? sum / runs : 0.0;
}

double
fused_simulate (const FusedModel *f, guint runs, guint64 *component_months)
{
  gint next = 0;
  return fused_simulate_shared (f, &next, runs, component_months);
}
