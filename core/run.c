/* run.c - one run: the month loop of DESIGN.md.
 *
 * For each month m (the loop is the clock):
 *   1. deliver the events due before m + 1 (business events change the
 *      state or are remembered by the indicators that count them, an
 *      amount compared where the indicator asks; a finished migration moves
 *      the run to the next phase);
 *   2. grow the business state (growth.c);
 *   3. turn it into demand (load.c);
 *   4. step every component of the current phase in pipeline order; each
 *      may change the demand for those after it; standby components see the
 *      demand with its traffic removed;
 *   5. record the month, evaluate every indicator, and when the policy of
 *      the next phase is met, decide the move and schedule its end, noting
 *      which indicators held it back (why.c); at the horizon's end, note
 *      those holding back a move never decided.
 * The model owns the plugin instances (made once, read-only here); a run
 * owns everything it changes: its random streams, event queue, business
 * state, demand, and one block of per-run plugin memory (scratch).  So
 * runs can go through a thread pool.
 *
 * Two streams.  The world's (growth, events, the workload's busy days) is
 * seeded from (seed, run index) and drawn the same way whatever the phase;
 * the plan's (migration downtime, plugins) from another mix of the two.  A
 * run pinned to one phase (pc_run_pin_phase, for runway) therefore sees
 * exactly the business of the run that moves.
 *
 * Nothing in steps 1-5 allocates or looks a name up, including at a phase
 * move: buffers are sized when the run is made, and pc_run_restart() reuses
 * them for the next run.
 */
#include "pc-run-private.h"
#include "pc-policy.h"

#include <gsl/gsl_randist.h>

/* What stepping a component reads, copied from the model and the plugin's
 * descriptor into one compact table per phase and run, the run's own
 * pointers resolved: a month then reads a few cache lines rather than one
 * or two of every plugin's descriptor. */
typedef struct {
  gboolean (*step) (gconstpointer instance, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result,
                    GError **error);
  gconstpointer instance;
  gpointer scratch;           /* the component's per-run memory in the run's, or NULL */
  PcDemand *demand;           /* the run's demand, or its standby demand */
  guint n_metrics;
} PcStepEntry;

struct _PcRun {
  const PcModel *model;
  PcDetail detail;
  gboolean check_each_stage;  /* check the demand after every component, not once a month */
  gsl_rng *rng;               /* the world's stream */
  gsl_rng *plan_rng;          /* the plan's stream: downtime, plugins */
  gboolean pinned;            /* never moves; evaluates the limits */
  PcEventQueue queue;
  PcGrowthState growth;
  PcBusinessState state;
  PcDemand demand, standby_demand;
  gboolean *has_standby;      /* per phase: a component (or a policy's alternative) is a standby */
  double *named, *standby_named;  /* the demands' named quantities */
  PcLoadHistory history;      /* GB written per month (see load.c) */
  guint month;
  guint phase;
  guint8 *scratch;            /* per-run plugin memory, model->scratch_size bytes */
  double *pool_used;          /* [n_pools] this month's use of each free-tier allowance */
  PcStepResult *results;      /* one per component of the phase, reused every month */
  PcStepEntry **entries;      /* per phase, per component: what stepping it reads (see step_entry) */
  double *seen;               /* per indicator (events): last time a counting event was seen, -INF if never */
  guint *held;                /* per indicator: consecutive months held */
  gboolean *met;              /* per indicator: met this month */
  gboolean *was_met;          /* per indicator: met the month before */
  guint *limit_held;          /* per limit: consecutive months held (pinned runs) */
  gboolean move_pending;
  PcPolicyRun policies;       /* which optimizations are on (pc-policy.h) */
  PcMonthObserver observer;
  gpointer observer_data;
  PcDemand *demand_in;        /* with an observer: the demand each component saw */
  PcRunResult *result;
  PcRunResult *spare;         /* a finished result whose memory the next restart reuses, or NULL */
};

guint32
pc_run_seed (guint64 scenario_seed, guint run_index)
{
  /* splitmix64 over (seed, index), folded to the 32 bits taus2 seeds from;
   * 0 would alias another seed (GSL's taus2 takes 0 as 1). */
  guint64 z = scenario_seed + 0x9E3779B97F4A7C15ull * ((guint64) run_index + 1);
  z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
  z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
  z ^= z >> 31;
  guint32 folded = (guint32) (z ^ (z >> 32));
  return folded ? folded : 0x6A09E667u;
}

/* Sets @r as a new run @run_index has it: nothing decided, entered or
 * fired, no runway.  Its months and indicator values are not cleared:
 * every month writes its own before they are read (a new result's start
 * zeroed and NAN, and a reused one only serves runs stepped to the
 * horizon). */
static void
result_init (PcRunResult *r, guint run_index)
{
  r->run_index = run_index;
  if (r->slot_usd)
    memset (r->slot_usd, 0, sizeof (double) * ((gsize) r->n_months * r->n_slots + 1));
  if (r->lines)
    g_array_set_size (r->lines, 0);
  for (guint p = 0; p < r->n_phases; p++) {
    r->phase_decided[p] = r->phase_entered[p] = r->phase_decidable[p] = -1;
    r->downtime_minutes[p] = 0;
  }
  for (guint i = 0; i < r->n_indicators; i++)
    r->indicator_fired[i] = r->indicator_held_back[i] = r->indicator_held_at_decision[i] = -1;
  for (guint i = 0; i < r->n_limits; i++)
    r->limit_fired[i] = -1;
  g_clear_pointer (&r->runway_month, g_free);
}

/* The arrays whose size comes from the inputs (months x indicators, months
 * x components) are allocated with g_try_malloc, so a model too large for
 * this machine is an error, not an abort. */
static PcRunResult *
result_new (const PcModel *model, guint run_index, PcDetail detail, GError **error)
{
  g_autoptr (PcRunResult) r = g_new0 (PcRunResult, 1);
  r->n_months = model->scenario->horizon_months;
  r->n_slots = model->slots->len;
  r->n_phases = model->n_phases;
  r->n_indicators = model->n_indicators;
  r->n_limits = MAX (model->n_limits, 1);
  gsize cells = (gsize) r->n_months * MAX (r->n_indicators, r->n_slots);
  r->months = g_try_new0 (PcMonthRecord, r->n_months);
  r->indicator_value = g_try_new (double, (gsize) r->n_months * r->n_indicators + 1);
  if (detail == PC_DETAIL_MONTHS)
    r->slot_usd = g_try_new (double, (gsize) r->n_months * r->n_slots + 1);
  if (r->months == NULL || r->indicator_value == NULL || (detail == PC_DETAIL_MONTHS && r->slot_usd == NULL)) {
    g_set_error (error, PC_RUN_ERROR, PC_RUN_ERROR_FAILED, "out of memory: a run of %u months with %u indicators and "
                 "%u components needs about %" G_GSIZE_FORMAT " MB", r->n_months, r->n_indicators, r->n_slots,
                 cells * 2 * sizeof (double) / 1000000 + 1);
    return NULL;
  }
  if (detail == PC_DETAIL_MONTHS)
    r->lines = g_array_sized_new (FALSE, FALSE, sizeof (PcLineRecord), r->n_months * r->n_slots * 4);
  r->phase_decided = g_new (int, r->n_phases);
  r->phase_entered = g_new (int, r->n_phases);
  r->downtime_minutes = g_new (double, r->n_phases);
  r->phase_decidable = g_new (int, r->n_phases);
  r->indicator_fired = g_new (int, r->n_indicators);
  r->indicator_held_back = g_new (int, r->n_indicators);
  r->indicator_held_at_decision = g_new (int, r->n_indicators);
  r->limit_fired = g_new (int, r->n_limits);
  for (gsize i = 0; i < (gsize) r->n_months * r->n_indicators; i++)
    r->indicator_value[i] = NAN;
  result_init (r, run_index);
  return g_steal_pointer (&r);
}

/* The run's result for run @run_index: the spare one handed back with
 * pc_run_reuse_result when it has the arrays @detail needs, else a new one. */
static PcRunResult *
result_for_run (PcRun *run, guint run_index, PcDetail detail, GError **error)
{
  PcRunResult *spare = g_steal_pointer (&run->spare);
  if (spare && (spare->slot_usd != NULL) == (detail == PC_DETAIL_MONTHS)) {
    result_init (spare, run_index);
    return spare;
  }
  pc_run_result_free (spare);
  return result_new (run->model, run_index, detail, error);
}

void
pc_run_result_free (PcRunResult *r)
{
  if (r == NULL)
    return;
  g_free (r->months);
  g_free (r->indicator_value);
  g_free (r->slot_usd);
  if (r->lines)
    g_array_unref (r->lines);
  g_free (r->phase_decided);
  g_free (r->phase_entered);
  g_free (r->downtime_minutes);
  g_free (r->phase_decidable);
  g_free (r->indicator_fired);
  g_free (r->indicator_held_back);
  g_free (r->indicator_held_at_decision);
  g_free (r->limit_fired);
  g_free (r->runway_month);
  g_free (r);
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

static void
init_demand (PcDemand *demand, double *named, guint n_named)
{
  memset (demand, 0, sizeof *demand);
  demand->named = named;
  demand->n_named = n_named;
}

/* Per phase, whether any component it may step is a standby, so phases
 * without one skip the standby demand. */
static gboolean *
phases_with_standby (const PcModel *model)
{
  gboolean *has = g_new0 (gboolean, model->n_phases);
  for (guint p = 0; p < model->n_phases; p++) {
    for (guint c = 0; c < model->phases[p].n_components; c++)
      has[p] |= model->phases[p].components[c].standby;
    for (guint i = 0; i < model->n_policies; i++)
      has[p] |= model->policies[i].by_phase[p].instance != NULL && model->policies[i].by_phase[p].standby;
  }
  return has;
}

static PcStepEntry
step_entry (PcRun *run, const PcComponent *comp)
{
  return (PcStepEntry) { comp->info->step, comp->instance,
                         comp->info->run_state_size > 0 ? run->scratch + comp->scratch_offset : NULL,
                         comp->standby ? &run->standby_demand : &run->demand, comp->info->n_metrics };
}

/* After the run's scratch memory is allocated. */
static PcStepEntry **
step_entries (PcRun *run)
{
  const PcModel *model = run->model;
  PcStepEntry **entries = g_new (PcStepEntry *, model->n_phases);
  for (guint p = 0; p < model->n_phases; p++) {
    entries[p] = g_new (PcStepEntry, MAX (model->phases[p].n_components, 1));
    for (guint c = 0; c < model->phases[p].n_components; c++)
      entries[p][c] = step_entry (run, &model->phases[p].components[c]);
  }
  return entries;
}

/* What the step results take from the run rather than from each step:
 * whether to store their lines (only a detailed run or an observer reads
 * them) and the month's free-tier use. */
static void
results_own (PcRun *run)
{
  gboolean keep = run->detail == PC_DETAIL_MONTHS || run->observer != NULL;
  guint n = max_components (run->model);
  for (guint c = 0; c < n; c++) {
    run->results[c].keep_lines = keep;
    run->results[c].pool_used = run->pool_used;
  }
}

/* Sets @run at the start of run @run_index: its random streams seeded from
 * (@seed, @run_index), its events, a zeroed business state and per-run
 * memory, and a new result.  Only the result is allocated (and the
 * policies' few arrays), so a run's memory serves run after run. */
static gboolean
run_start (PcRun *run, guint64 seed, guint run_index, PcDetail detail, GError **error)
{
  const PcModel *model = run->model;
  const PcScenario *s = model->scenario;
  guint n_named = model->demand_names->len, n_indicators = MAX (model->n_indicators, 1);
  pc_run_result_free (g_steal_pointer (&run->result));
  if (!(run->result = result_for_run (run, run_index, detail, error)))
    return FALSE;
  run->detail = detail;
  run->check_each_stage = run->pinned = run->move_pending = FALSE;
  run->month = run->phase = 0;
  run->observer = NULL;
  results_own (run);
  gsl_rng_set (run->rng, pc_run_seed (seed, run_index));
  gsl_rng_set (run->plan_rng, pc_run_seed (seed ^ PC_PLAN_STREAM, run_index));
  memset (run->scratch, 0, MAX (model->scratch_size, 1));
  memset (run->named, 0, sizeof (double) * MAX (n_named, 1));
  memset (run->standby_named, 0, sizeof (double) * MAX (n_named, 1));
  init_demand (&run->demand, run->named, n_named);
  init_demand (&run->standby_demand, run->standby_named, n_named);
  memset (run->history.pdf_gb, 0, sizeof (double) * MAX (s->horizon_months, 1));
  memset (run->history.db_gb, 0, sizeof (double) * MAX (s->horizon_months, 1));
  for (guint i = 0; i < n_indicators; i++)
    run->seen[i] = -INFINITY;
  memset (run->held, 0, sizeof (guint) * n_indicators);
  memset (run->met, 0, sizeof (gboolean) * n_indicators);
  memset (run->was_met, 0, sizeof (gboolean) * n_indicators);
  memset (run->limit_held, 0, sizeof (guint) * MAX (model->n_limits, 1));
  pc_policy_run_clear (&run->policies);
  pc_policy_run_init (&run->policies, model);
  run->result->phase_entered[0] = 0;
  if (model->n_phases > 1)
    run->result->phase_decidable[1] = 0;
  memset (&run->state, 0, sizeof run->state);
  run->state.business_units = 1;
  run->state.regions = 1;
  g_array_set_size (run->queue.heap, 0);
  run->queue.next_seq = 0;
  pc_growth_start (&run->growth, &s->growth, run->rng);
  schedule_events (run);
  return TRUE;
}

/**
 * pc_run_new:
 * Prepares run @run_index of @model: its random streams seeded from
 * (@seed, @run_index), its events, and its per-run memory.
 * Returns: (transfer full): the run, or NULL with @error set.
 */
PcRun *
pc_run_new (const PcModel *model, guint64 seed, guint run_index, PcDetail detail, GError **error)
{
  g_autoptr (PcRun) run = g_new0 (PcRun, 1);
  guint n_named = model->demand_names->len, n_indicators = MAX (model->n_indicators, 1);
  guint horizon = MAX (model->scenario->horizon_months, 1);
  run->model = model;
  run->rng = gsl_rng_alloc (PC_RUN_RNG);
  run->plan_rng = gsl_rng_alloc (PC_RUN_RNG);
  if (run->rng == NULL || run->plan_rng == NULL) {
    g_set_error (error, PC_RUN_ERROR, PC_RUN_ERROR_FAILED, "out of memory: no room for a run's random number generators");
    return NULL;
  }
  run->results = g_new (PcStepResult, max_components (model));   /* each reset before its step */
  run->scratch = g_malloc (MAX (model->scratch_size, 1));
  run->pool_used = g_new0 (double, MAX (model->n_pools, 1));
  run->named = g_new (double, MAX (n_named, 1));
  run->standby_named = g_new (double, MAX (n_named, 1));
  run->history = (PcLoadHistory) { g_new (double, horizon), g_new (double, horizon), model->scenario->horizon_months,
                                   0 };
  run->seen = g_new (double, n_indicators);
  run->held = g_new (guint, n_indicators);
  run->met = g_new (gboolean, n_indicators);
  run->was_met = g_new (gboolean, n_indicators);
  run->limit_held = g_new (guint, MAX (model->n_limits, 1));
  run->has_standby = phases_with_standby (model);
  run->entries = step_entries (run);
  pc_queue_init (&run->queue, 64);
  if (!run_start (run, seed, run_index, detail, error))
    return NULL;
  return g_steal_pointer (&run);
}

gboolean
pc_run_restart (PcRun *run, guint64 seed, guint run_index, PcDetail detail, GError **error)
{
  return run_start (run, seed, run_index, detail, error);
}

PcRunResult *
pc_run_take_result (PcRun *run)
{
  return g_steal_pointer (&run->result);
}

/* Gives @run a finished result of the same model whose memory its next
 * restart may use for the new result (one allocation fewer per run); that
 * run must then be stepped to the horizon before its result is read. */
void
pc_run_reuse_result (PcRun *run, PcRunResult *spent)
{
  pc_run_result_free (run->spare);
  run->spare = spent;
}

void
pc_run_free (PcRun *run)
{
  if (run == NULL)
    return;
  g_free (run->results);
  g_free (run->scratch);
  g_free (run->pool_used);
  g_free (run->named);
  g_free (run->standby_named);
  g_free (run->history.pdf_gb);
  g_free (run->history.db_gb);
  g_free (run->seen);
  g_free (run->held);
  g_free (run->met);
  g_free (run->was_met);
  g_free (run->limit_held);
  g_free (run->has_standby);
  for (guint p = 0; run->entries && p < run->model->n_phases; p++)
    g_free (run->entries[p]);
  g_free (run->entries);
  g_free (run->demand_in);
  pc_run_result_free (run->spare);
  pc_policy_run_clear (&run->policies);
  pc_queue_clear (&run->queue);
  if (run->rng)
    gsl_rng_free (run->rng);
  if (run->plan_rng)
    gsl_rng_free (run->plan_rng);
  pc_run_result_free (run->result);
  g_free (run);
}

void
pc_run_pin_phase (PcRun *run, guint phase)
{
  g_return_if_fail (run->month == 0 && phase < run->model->n_phases);
  run->pinned = TRUE;
  run->phase = phase;
  run->result->phase_entered[0] = -1;
  run->result->phase_entered[phase] = 0;
}

void
pc_run_check_each_stage (PcRun *run)
{
  run->check_each_stage = TRUE;
}

void
pc_run_set_observer (PcRun *run, PcMonthObserver observer, gpointer data)
{
  run->observer = observer;
  run->observer_data = data;
  if (run->demand_in == NULL)
    run->demand_in = g_new0 (PcDemand, max_components (run->model));
  results_own (run);
}

guint pc_run_phase (const PcRun *run) { return run->phase; }
void pc_run_set_policies (PcRun *run, guint64 enabled) { run->policies.enabled = enabled; }

gboolean
pc_run_policy_active (const PcRun *run, guint policy)
{
  return policy < run->model->n_policies && run->policies.since[policy] >= 0;
}
const PcDemand *pc_run_demand (const PcRun *run) { return &run->demand; }
const PcBusinessState *pc_run_state (const PcRun *run) { return &run->state; }

const PcStepResult *
pc_run_component_result (const PcRun *run, guint component)
{
  g_return_val_if_fail (component < run->model->phases[run->phase].n_components, NULL);
  return &run->results[component];
}

const PcDemand *
pc_run_component_demand (const PcRun *run, guint component)
{
  g_return_val_if_fail (run->demand_in != NULL && component < run->model->phases[run->phase].n_components, NULL);
  return &run->demand_in[component];
}

static gboolean compare (PcCompare op, double value, double threshold);

/* Remembers the event for every indicator that counts it: one of its type,
 * with an amount that passes the indicator's comparison when it has one
 * (an event without an amount never passes). */
static void
apply_business_event (PcRun *run, const PcEvent *event)
{
  const PcEventDecl *e = run->model->scenario->events->pdata[event->decl];
  int type = (int) run->model->event_decl_type[event->decl];
  for (guint i = 0; i < run->model->n_indicators; i++) {
    const PcIndicator *ind = &run->model->indicators[i];
    if (ind->event_type == type &&
        (!ind->decl->compares_amount || compare (ind->decl->op, e->amount_usd, ind->decl->threshold)))
      run->seen[i] = event->time;
  }
  run->growth.extra_customers += e->add_customers;
  run->growth.extra_users += e->add_users;
  run->state.business_units += e->add_business_units;
  run->state.regions += e->add_regions;
}

/* Moves the run into @phase: per-run memory of components whose plugin or
 * settings changed starts again from zero; nothing is allocated. */
static void
enter_phase (PcRun *run, guint phase)
{
  const PcPhasePlan *plan = &run->model->phases[phase];
  double low = plan->decl->downtime_min_minutes, high = plan->decl->downtime_max_minutes;
  run->result->phase_entered[phase] = (int) run->month;
  run->result->downtime_minutes[phase] = low + (high - low) * gsl_rng_uniform (run->plan_rng);
  run->move_pending = FALSE;
  run->phase = phase;
  if (phase + 1 < run->model->n_phases)
    run->result->phase_decidable[phase + 1] = (int) run->month;
  for (guint c = 0; c < plan->n_components; c++)
    if (plan->components[c].reset_scratch)
      memset (run->scratch + plan->components[c].scratch_offset, 0, plan->components[c].info->run_state_size);
}

static void
deliver_events (PcRun *run)
{
  PcEvent event;
  while (pc_queue_pop_before (&run->queue, run->month + 1.0, &event)) {
    if (event.kind == PC_EVENT_BUSINESS)
      apply_business_event (run, &event);
    else
      enter_phase (run, event.decl);
  }
}

/* Standby components keep data (storage, DB size) but serve no traffic. */
static void
make_standby_demand (PcRun *run)
{
  PcDemand *d = &run->standby_demand;
  const PcDemand *live = &run->demand;
  /* The levels in use and what follows them; the rest is read by no one. */
  memcpy (d->level_hours, live->level_hours, sizeof (double) * live->n_levels);
  memset (d->level_rps, 0, sizeof (double) * live->n_levels);
  memcpy (&d->peak_factor, &live->peak_factor, sizeof *d - G_STRUCT_OFFSET (PcDemand, peak_factor));
  d->named = run->standby_named;
  memcpy (run->standby_named, run->named, sizeof (double) * d->n_named);
  d->requests = d->static_requests = d->egress_gb = d->static_egress_gb = 0;
  d->object_gets = d->emails = d->monthly_active_users = d->errors = 0;
  d->log_gb = d->temp_gb_written = 0;   /* no traffic to log; temporary files are not replicated */
  d->db_connections_peak = d->response_time_s = 0;
}

static void
record_lines (PcRun *run, const PcComponent *comp, const PcStepResult *r)
{
  run->result->slot_usd[(gsize) run->month * run->result->n_slots + comp->slot] += r->usd;
  for (guint i = 0; i < r->n_lines; i++) {
    const PcLine *line = &r->lines[i];
    PcLineRecord record = { run->month, comp->slot, line->item, line->unit, line->quantity, line->usd, line->price };
    g_array_append_val (run->result->lines, record);
  }
}

/* Names the component in the error of a step that failed (@failure, or a
 * step that failed without one).  Out of the loop's way. */
G_GNUC_NO_INLINE static gboolean
step_failed (const PcRun *run, const PcComponent *comp, GError *failure, GError **error)
{
  if (failure == NULL)
    g_set_error (&failure, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_MISUSE, "plugin %s: step() failed without saying why",
                 comp->info->name);
  g_propagate_prefixed_error (error, failure, "component \"%s\" (plugin %s), month %u: ", comp->decl->name,
                              comp->info->name, run->month);
  return FALSE;
}

/* What pc_step_result_check() passes, read in place: it runs only when
 * something is wrong, to say what. */
static inline gboolean
result_clean (const PcStepResult *r)
{
  /* Every line's cost was checked finite and >= 0 as it was added, so
   * their sum is >= 0 and only its overflow to infinity is left. */
  return !r->misused && r->usd <= G_MAXDOUBLE;
}

/* After a step that failed, set an error it then ignored, or broke the
 * result's contract: FALSE with @error naming the component, or TRUE when
 * all it did was leave an error behind.  Out of the loop's way. */
G_GNUC_NO_INLINE static gboolean
step_settle (const PcRun *run, const PcComponent *comp, const PcStepResult *r, gboolean ok, GError *failure,
             GError **error)
{
  if (!ok)
    return step_failed (run, comp, failure, error);
  g_clear_error (&failure);   /* set by a plugin that then succeeded: ignored */
  if (!result_clean (r) && !pc_step_result_check (r, comp->info, &failure))
    return step_failed (run, comp, failure, error);
  return TRUE;
}

/* Steps component @c with @ctx, the month's context (its scratch set
 * here); FALSE with @error if the step went wrong. */
static inline gboolean
step_one (PcRun *run, const PcComponent *comp, const PcStepEntry *entry, guint c, PcStepContext *ctx,
          GError **error)
{
  PcStepResult *r = &run->results[c];
  ctx->scratch = entry->scratch;
  pc_step_result_reset (r, entry->n_metrics);
  GError *failure = NULL;
  gboolean ok = entry->step (entry->instance, ctx, entry->demand, r, &failure);
  return G_LIKELY (ok && failure == NULL && result_clean (r)) || step_settle (run, comp, r, ok, failure, error);
}

/* step_one with what only observers, policies and checked re-runs need. */
static gboolean
step_component (PcRun *run, const PcComponent *comp, const PcStepEntry *entry, guint c, PcStepContext *ctx,
                GError **error)
{
  if (run->demand_in != NULL)
    run->demand_in[c] = *entry->demand;
  if (!step_one (run, comp, entry, c, ctx, error))
    return FALSE;
  g_autoptr (GError) failure = NULL;
  if (G_UNLIKELY (run->check_each_stage) &&
      !pc_demand_check (entry->demand, &failure))
    return step_failed (run, comp, g_steal_pointer (&failure), error);
  return TRUE;
}

/* The demand is checked once a month, after the last stage: cheap, and a
 * bad value cannot have reached the report.  To say which component left
 * it, the run is simulated again with every stage checked (report.c). */
static gboolean
check_month_demand (PcRun *run, GError **error)
{
  g_autoptr (GError) failure = NULL;
  if (pc_demand_check (&run->demand, &failure) &&
      (!run->has_standby[run->phase] || pc_demand_check (&run->standby_demand, &failure)))
    return TRUE;
  g_propagate_prefixed_error (error, g_steal_pointer (&failure), "month %u: a component ", run->month);
  return FALSE;
}

/* In the checked re-run: the demand the scenario's growth and load made,
 * before any component, so that a bad number is not blamed on the first
 * plugin that meets it. */
static gboolean
check_workload (PcRun *run, GError **error)
{
  g_autoptr (GError) failure = NULL;
  if (pc_demand_check (&run->demand, &failure))
    return TRUE;
  g_propagate_prefixed_error (error, g_steal_pointer (&failure),
                              "month %u: the scenario's growth and load (before any component) ", run->month);
  return FALSE;
}

/* The month's components when no policy, observer, per-stage check or
 * detailed run needs more than their cost: the loop below without its
 * questions, adding the same costs in the same order. */
static gboolean
step_plain (PcRun *run, const PcPhasePlan *plan, const PcStepEntry *entries, PcStepContext *ctx, double *cost,
            GError **error)
{
  for (guint c = 0; c < plan->n_components; c++) {
    if (!step_one (run, &plan->components[c], &entries[c], c, ctx, error))
      return FALSE;
    *cost += run->results[c].usd;
  }
  return TRUE;
}

static gboolean
step_watched (PcRun *run, const PcPhasePlan *plan, const PcStepEntry *entries, PcStepContext *ctx, double *cost,
              GError **error)
{
  gboolean policies = run->model->n_policies > 0;
  for (guint c = 0; c < plan->n_components; c++) {
    const PcComponent *comp = &plan->components[c];
    const PcStepEntry *entry = &entries[c];
    PcStepEntry alternative;
    comp = policies ? pc_policy_run_component (&run->policies, run->model, run->phase, comp) : comp;
    if (comp != &plan->components[c]) {
      alternative = step_entry (run, comp);   /* a policy's settings are on: its instance */
      entry = &alternative;
    }
    if (!step_component (run, comp, entry, c, ctx, error))
      return FALSE;
    *cost += run->results[c].usd;
    if (policies)
      pc_policy_run_record (&run->policies, run->model, comp->slot, run->results[c].usd);
    if (run->detail == PC_DETAIL_MONTHS)
      record_lines (run, comp, &run->results[c]);
  }
  return TRUE;
}

/* Whether the month's components need more than their cost: what a
 * policy, a per-stage check or a detailed run reads of each step. */
static gboolean
components_watched (const PcRun *run)
{
  return run->model->n_policies > 0 || run->demand_in != NULL || run->check_each_stage ||
         run->detail == PC_DETAIL_MONTHS;
}

/* What the month's components need before the first steps: the standby
 * demand, the allowances used so far at zero, and their context. */
static PcStepContext
components_begin (PcRun *run)
{
  if (run->has_standby[run->phase])
    make_standby_demand (run);
  memset (run->pool_used, 0, sizeof (double) * run->model->n_pools);   /* allowances are monthly */
  return (PcStepContext) { run->month, run->month + run->model->scenario->account_age_months,
                           PC_HOURS_PER_MONTH, &run->state, run->plan_rng, NULL };
}

static gboolean
step_components (PcRun *run, double *cost, GError **error)
{
  const PcPhasePlan *plan = &run->model->phases[run->phase];
  PcStepContext ctx = components_begin (run);
  const PcStepEntry *entries = run->entries[run->phase];
  gboolean policies = run->model->n_policies > 0;
  if (run->check_each_stage && !check_workload (run, error))
    return FALSE;
  if (policies)
    pc_policy_run_begin_month (&run->policies, run->model, run->month, run->phase, run->scratch);
  *cost = 0;
  if (!(components_watched (run) ? step_watched : step_plain) (run, plan, entries, &ctx, cost, error))
    return FALSE;
  if (policies)
    pc_policy_run_end_month (&run->policies, run->model);
  return check_month_demand (run, error);
}

static gboolean
compare (PcCompare op, double value, double threshold)
{
  if (isnan (value))
    return FALSE;
  switch (op) {
  case PC_OP_GT: return value > threshold;
  case PC_OP_GE: return value >= threshold;
  case PC_OP_LT: return value < threshold;
  case PC_OP_LE: return value <= threshold;
  }
  return FALSE;
}

/* The value indicator @ind compares this month (1 or 0 for events, of
 * which the last that counts was @seen), NAN when the current phase has no
 * component reporting its metric.  Events are evaluated at the end of the
 * month. */
static inline double
indicator_value (const PcRun *run, const PcIndicator *ind, double seen, const double *state)
{
  const PcIndicatorDecl *d = ind->decl;
  switch (d->kind) {
  case PC_IND_STATE:
    return state[ind->state_field] * ind->scale;
  case PC_IND_METRIC: {
    int c = ind->component_by_phase[run->phase];
    return c >= 0 ? run->results[c].head.metrics[ind->metric_by_phase[run->phase]] : NAN;
  }
  case PC_IND_EVENT:
    return d->window_days > 0 ? seen >= run->month + 1.0 - d->window_days / PC_DAYS_PER_MONTH : seen > -INFINITY;
  case PC_IND_NO_EVENT:
    return seen < run->month + 1.0 - (d->window_days > 0 ? d->window_days / PC_DAYS_PER_MONTH : INFINITY);
  }
  return NAN;
}

static gboolean
indicator_holds (const PcIndicator *ind, double value)
{
  if (ind->decl->kind == PC_IND_EVENT || ind->decl->kind == PC_IND_NO_EVENT)
    return value != 0.0;
  return compare (ind->decl->op, value, ind->decl->threshold);
}

static void
evaluate_indicators (PcRun *run, const double *state)
{
  double *values = run->result->indicator_value + (gsize) run->month * run->model->n_indicators;
  gboolean *was = run->was_met;   /* last month's becomes was_met; every met[i] is set below */
  run->was_met = run->met;
  run->met = was;
  for (guint i = 0; i < run->model->n_indicators; i++) {
    const PcIndicator *ind = &run->model->indicators[i];
    values[i] = indicator_value (run, ind, run->seen[i], state);
    run->held[i] = indicator_holds (ind, values[i]) ? run->held[i] + 1 : 0;
    run->met[i] = run->held[i] >= ind->decl->sustained_months;
    if (run->met[i] && run->result->indicator_fired[i] < 0)
      run->result->indicator_fired[i] = (int) run->month;
  }
}

/* A pinned run's limits: the first month each has held long enough. */
static void
evaluate_limits (PcRun *run, const double *state)
{
  for (guint i = 0; i < run->model->n_limits; i++) {
    const PcIndicator *limit = &run->model->limits[i];
    double value = indicator_value (run, limit, -INFINITY, state);   /* limits are capacity thresholds, never events */
    run->limit_held[i] = indicator_holds (limit, value) ? run->limit_held[i] + 1 : 0;
    if (run->limit_held[i] >= limit->decl->sustained_months && run->result->limit_fired[i] < 0)
      run->result->limit_fired[i] = (int) run->month;
  }
}

/* Whether @met of a phase's @n indicators holding are enough for its move
 * policy (required indicators aside). */
static gboolean
enough_met (const PcPhaseDecl *decl, guint n, guint met)
{
  switch (decl->policy) {
  case PC_POLICY_ALL: return n > 0 && met == n;
  case PC_POLICY_ANY: return met > 0;
  case PC_POLICY_AT_LEAST: return met >= decl->at_least;
  }
  return FALSE;
}

/* Whether the roadmap's policy for moving into @phase is met this month. */
static gboolean
policy_met (const PcRun *run, guint phase)
{
  const PcPhasePlan *plan = &run->model->phases[phase];
  guint n = plan->n_indicators, met = 0;
  for (guint i = plan->first_indicator; i < plan->first_indicator + n; i++) {
    met += run->met[i];
    if (run->model->indicators[i].decl->required && !run->met[i])
      return FALSE;
  }
  return enough_met (plan->decl, n, met);
}

/* The indicators that held @phase's move back until this month, when it
 * is decided: those that came to hold this month, if the move could
 * already have been decided last month.  A move decided the first month it
 * could be was held back by the previous phase alone. */
static void
record_releasers (PcRun *run, guint phase)
{
  const PcPhasePlan *plan = &run->model->phases[phase];
  if ((int) run->month <= run->result->phase_decidable[phase])
    return;
  for (guint i = plan->first_indicator; i < plan->first_indicator + plan->n_indicators; i++)
    if (run->met[i] && !run->was_met[i])
      run->result->indicator_held_back[i] = (int) run->month;
}

/* At the horizon's end, when the next phase's move could have been decided
 * but was not: the indicators not holding held it back (the required ones,
 * and every other one when too few held for the policy). */
static void
record_blockers (PcRun *run)
{
  guint next = run->phase + 1;
  if (run->move_pending || next >= run->model->n_phases)
    return;
  const PcPhasePlan *plan = &run->model->phases[next];
  guint n = plan->n_indicators, first = plan->first_indicator, met = 0;
  for (guint i = first; i < first + n; i++)
    met += run->met[i];
  gboolean too_few = !enough_met (plan->decl, n, met);   /* with no indicators, nothing to blame */
  for (guint i = first; i < first + n; i++)
    if (!run->met[i] && (too_few || run->model->indicators[i].decl->required))
      run->result->indicator_held_back[i] = (int) run->result->n_months;
}

static void
decide_move (PcRun *run)
{
  guint next = run->phase + 1;
  if (run->pinned || run->move_pending || next >= run->model->n_phases || !policy_met (run, next))
    return;
  const PcPhaseDecl *decl = run->model->phases[next].decl;
  double lead = MAX (1.0, ceil (decl->lead_time_days / PC_DAYS_PER_MONTH - 1e-9));
  record_releasers (run, next);
  run->result->phase_decided[next] = (int) run->month;
  const PcPhasePlan *plan = &run->model->phases[next];
  for (guint i = plan->first_indicator; i < plan->first_indicator + plan->n_indicators; i++)
    if (run->met[i])
      run->result->indicator_held_at_decision[i] = (int) run->month;
  run->move_pending = TRUE;
  PcEvent event = { run->month + lead, 0, PC_EVENT_MIGRATION_DONE, next };
  pc_queue_push (&run->queue, event);
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
  rec->state[PC_STATE_REVENUE_MONTH] = run->growth.revenue_month;
}

/* The month up to its components: events, growth and the workload. */
static void
month_begin (PcRun *run)
{
  const PcScenario *s = run->model->scenario;
  deliver_events (run);
  pc_growth_step (&run->growth, &s->growth, run->rng, run->month, &run->state);
  pc_load_fill (s->workload, &run->state, run->rng, run->month, &run->history, &run->demand);
}

/* The month after its components, which cost @cost: its record, the
 * indicators and the decision they lead to. */
static void
month_end (PcRun *run, double cost)
{
  record_month (run, cost);
  evaluate_indicators (run, run->result->months[run->month].state);
  if (run->pinned)
    evaluate_limits (run, run->result->months[run->month].state);
  decide_move (run);
  if (run->observer)
    run->observer (run->observer_data, run, run->month);
  run->month++;
  if (pc_run_finished (run) && !run->pinned)
    record_blockers (run);
}

static gboolean
step_month (PcRun *run, GError **error)
{
  month_begin (run);
  double cost = 0;
  if (!step_components (run, &cost, error))
    return FALSE;
  month_end (run, cost);
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

/* The month's components of @runs[@at[0..n-1]], all in the same phase
 * and watched by nothing, component by component across the runs; each
 * run's cost in @cost[@at[k]].  The same steps, in the same order within
 * each run, as step_plain() and step_components(). */
static gboolean
step_components_together (PcRun *const *runs, const guint *at, guint n, double *cost, GError **error)
{
  const PcPhasePlan *plan = &runs[at[0]]->model->phases[runs[at[0]]->phase];
  PcStepContext ctx[PC_RUN_GROUP];
  for (guint k = 0; k < n; k++) {
    ctx[k] = components_begin (runs[at[k]]);
    cost[at[k]] = 0;
  }
  for (guint c = 0; c < plan->n_components; c++)
    for (guint k = 0; k < n; k++) {
      PcRun *run = runs[at[k]];
      if (!step_one (run, &plan->components[c], &run->entries[run->phase][c], c, &ctx[k], error))
        return FALSE;
      cost[at[k]] += run->results[c].usd;
    }
  for (guint k = 0; k < n; k++)
    if (!check_month_demand (runs[at[k]], error))
      return FALSE;
  return TRUE;
}

/* One month of @runs, all watched by nothing: the runs in each phase
 * stepped together. */
static gboolean
group_month (PcRun *const *runs, guint n, GError **error)
{
  G_STATIC_ASSERT (PC_RUN_GROUP <= 32);   /* one bit of done per run */
  double cost[PC_RUN_GROUP];
  guint at[PC_RUN_GROUP];
  guint32 done = 0;
  for (guint k = 0; k < n; k++)
    month_begin (runs[k]);
  for (guint k = 0; k < n; k++) {
    guint n_same = 0;
    if (done & (1u << k))
      continue;
    for (guint j = k; j < n; j++)
      if (!(done & (1u << j)) && runs[j]->phase == runs[k]->phase) {
        at[n_same++] = j;
        done |= 1u << j;
      }
    if (!step_components_together (runs, at, n_same, cost, error))
      return FALSE;
  }
  for (guint k = 0; k < n; k++)
    month_end (runs[k], cost[k]);
  return TRUE;
}

gboolean
pc_run_step_group (PcRun *const *runs, guint n, GError **error)
{
  g_return_val_if_fail (n <= PC_RUN_GROUP, FALSE);
  gboolean together = n > 1;
  for (guint k = 0; k < n; k++)
    together = together && runs[k]->model == runs[0]->model && runs[k]->month == 0 && runs[k]->observer == NULL &&
               !components_watched (runs[k]);
  for (guint k = 0; !together && k < n; k++)
    if (!pc_run_step (runs[k], runs[k]->model->scenario->horizon_months, error))
      return FALSE;
  while (together && !pc_run_finished (runs[0]))
    if (!group_month (runs, n, error))
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
