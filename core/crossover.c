/* crossover.c - one scenario under several roadmaps, over the same futures.
 *
 * Why: a planner's question is not "what does each road cost" but "at what
 * scale does the other road become cheaper, and when would we have to
 * decide" (issue 19).  Run i of every road uses the random stream of
 * (seed, i), so the roads see the same customers, events and traffic until
 * their own choices differ; each run is compared road against road, month by
 * month and phase by phase, before it is dropped.  Everything kept is a
 * constant-size summary (sketches, month counts), so memory does not grow
 * with the number of runs.
 *
 * Per month: each road's cost (percentiles over runs), its paired difference
 * from road 0, and the share of runs in which it is the cheapest.  Per pair
 * of roads: the first month the order of the two flips (the crossover),
 * counted over runs.  Latency: each road's response time at the peak, the
 * share of cold starts where a component reports one (metric
 * cold_start_share, e.g. lambda) and what a cold request waits
 * (cold_request_latency_s), against the roadmaps' response-time trigger.
 */
#include "pc-private.h"
#include "pc-crossover.h"

#define COST_WIDTH 1e-4        /* sketches of money: within 0.01 % */
#define LEVEL_WIDTH 1e-3       /* sketches of latencies and shares */

/* What one road's run leaves for the comparison. */
typedef struct {
  int *cold_component, *cold_metric, *latency_metric;   /* [n_phases] of the road's model, -1: none */
  double *cold_share;         /* [n_months] this run's, NAN where no component reports it */
  double cold_latency;
  PcRunResult *result;
} RoadRun;

guint
pc_crossover_pair (const PcCrossover *x, guint a, guint b)
{
  /* Pairs (0,1), (0,2), ..., (1,2), ... in order. */
  return a * x->n_roads - a * (a + 1) / 2 + (b - a - 1);
}

static int
metric_of (const PcPluginInfo *info, const char *name)
{
  for (guint m = 0; m < info->n_metrics; m++)
    if (g_str_equal (info->metrics[m].name, name))
      return (int) m;
  return -1;
}

/* Resolves, once, which component of each phase reports cold starts. */
static void
road_run_init (RoadRun *rr, const PcModel *model)
{
  rr->cold_component = g_new (int, model->n_phases);
  rr->cold_metric = g_new (int, model->n_phases);
  rr->latency_metric = g_new (int, model->n_phases);
  rr->cold_share = g_new (double, model->scenario->horizon_months);
  for (guint p = 0; p < model->n_phases; p++) {
    rr->cold_component[p] = rr->cold_metric[p] = rr->latency_metric[p] = -1;
    for (guint c = 0; c < model->phases[p].n_components; c++) {
      const PcComponent *comp = &model->phases[p].components[c];
      int share = metric_of (comp->info, "cold_start_share");
      if (share >= 0 && !comp->standby) {
        rr->cold_component[p] = (int) c;
        rr->cold_metric[p] = share;
        rr->latency_metric[p] = metric_of (comp->info, "cold_request_latency_s");
      }
    }
  }
}

static void
road_run_clear (RoadRun *rr)
{
  g_free (rr->cold_component);
  g_free (rr->cold_metric);
  g_free (rr->latency_metric);
  g_free (rr->cold_share);
  pc_run_result_free (rr->result);
}

static void
observe_cold_starts (gpointer data, const PcRun *run, guint month)
{
  RoadRun *rr = data;
  guint phase = pc_run_phase (run);
  int c = rr->cold_component[phase];
  rr->cold_share[month] = NAN;
  if (c < 0)
    return;
  const PcStepResult *r = pc_run_component_result (run, (guint) c);
  rr->cold_share[month] = pc_step_result_metric (r, (guint) rr->cold_metric[phase]);
  if (rr->latency_metric[phase] >= 0)
    rr->cold_latency = MAX (rr->cold_latency, pc_step_result_metric (r, (guint) rr->latency_metric[phase]));
}

static gboolean
simulate_road (const PcModel *model, guint64 seed, guint run_index, RoadRun *rr, GError **error)
{
  g_autoptr (PcRun) run = pc_run_new (model, seed, run_index, PC_DETAIL_NONE, error);
  if (run == NULL)
    return FALSE;
  pc_run_set_observer (run, observe_cold_starts, rr);
  if (!pc_run_step (run, model->scenario->horizon_months, error))
    return FALSE;
  pc_run_result_free (rr->result);
  rr->result = pc_run_finish (g_steal_pointer (&run));
  return TRUE;
}

static PcSketch **
sketches_new (gsize n, double width)
{
  PcSketch **sketches = g_new (PcSketch *, n);
  for (gsize i = 0; i < n; i++)
    sketches[i] = pc_sketch_new (width, FALSE);
  return sketches;
}

static void
sketches_free (PcSketch **sketches, gsize n)
{
  for (gsize i = 0; sketches && i < n; i++)
    pc_sketch_free (sketches[i]);
  g_free (sketches);
}

/* Matches road 0's phase ids in every road. */
static void
match_phases (PcCrossover *x)
{
  x->phase_of = g_new (int, (gsize) x->n_roads * x->n_phases);
  for (guint r = 0; r < x->n_roads; r++)
    for (guint p = 0; p < x->n_phases; p++) {
      const char *id = x->models[0]->phases[p].decl->id;
      x->phase_of[r * x->n_phases + p] = -1;
      for (guint q = 0; q < x->models[r]->n_phases; q++)
        if (g_str_equal (x->models[r]->phases[q].decl->id, id))
          x->phase_of[r * x->n_phases + p] = (int) q;
    }
}

/* The first response-time trigger any road declares. */
static double
find_trigger (PcModel **models, guint n_roads)
{
  for (guint r = 0; r < n_roads; r++)
    for (guint i = 0; i < models[r]->n_indicators; i++)
      if (models[r]->indicators[i].state_field == PC_STATE_RESPONSE_TIME)
        return models[r]->indicators[i].decl->threshold;
  return NAN;
}

static PcCrossover *
crossover_new (PcModel **models, guint n_roads, guint runs, guint64 seed)
{
  PcCrossover *x = g_new0 (PcCrossover, 1);
  x->n_roads = n_roads;
  x->models = g_memdup2 (models, sizeof (PcModel *) * n_roads);
  x->n_months = models[0]->scenario->horizon_months;
  x->n_phases = models[0]->n_phases;
  x->runs = runs;
  x->seed = seed;
  gsize cells = (gsize) n_roads * x->n_months;
  x->month_cost = sketches_new (cells, COST_WIDTH);
  x->month_diff = g_new (PcSignedSketch, cells);
  for (gsize i = 0; i < cells; i++)
    x->month_diff[i] = (PcSignedSketch) { pc_sketch_new (COST_WIDTH, FALSE), pc_sketch_new (COST_WIDTH, FALSE) };
  x->month_cheapest = g_new0 (guint64, cells);
  x->response = sketches_new (cells, LEVEL_WIDTH);
  x->cold_share = sketches_new (cells, LEVEL_WIDTH);
  x->phase_cost = sketches_new ((gsize) n_roads * x->n_phases, COST_WIDTH);
  x->phase_cheapest = g_new0 (guint64, (gsize) n_roads * x->n_phases);
  x->phase_runs = g_new0 (guint64, x->n_phases);
  x->n_pairs = n_roads * (n_roads - 1) / 2;
  x->pair_cross = g_new (PcMonthCounts *, x->n_pairs);
  for (guint i = 0; i < x->n_pairs; i++)
    x->pair_cross[i] = pc_month_counts_new (x->n_months + 1);
  x->cold_latency_s = g_new (double, n_roads);
  for (guint r = 0; r < n_roads; r++)
    x->cold_latency_s[r] = NAN;
  x->runs_over_trigger = g_new0 (guint64, n_roads);
  x->trigger_s = find_trigger (models, n_roads);
  match_phases (x);
  return x;
}

void
pc_crossover_free (PcCrossover *x)
{
  if (x == NULL)
    return;
  gsize cells = (gsize) x->n_roads * x->n_months;
  sketches_free (x->month_cost, cells);
  for (gsize i = 0; x->month_diff && i < cells; i++) {
    pc_sketch_free (x->month_diff[i].positive);
    pc_sketch_free (x->month_diff[i].negative);
  }
  g_free (x->month_diff);
  g_free (x->month_cheapest);
  sketches_free (x->response, cells);
  sketches_free (x->cold_share, cells);
  sketches_free (x->phase_cost, (gsize) x->n_roads * x->n_phases);
  g_free (x->phase_cheapest);
  g_free (x->phase_runs);
  for (guint i = 0; x->pair_cross && i < x->n_pairs; i++)
    pc_month_counts_free (x->pair_cross[i]);
  g_free (x->pair_cross);
  g_free (x->cold_latency_s);
  g_free (x->runs_over_trigger);
  g_free (x->phase_of);
  g_free (x->models);
  g_free (x);
}

static double
month_cost (const RoadRun *rr, guint m)
{
  return rr->result->months[m].state[PC_STATE_MONTHLY_COST];
}

static guint
cheapest_road (const double *costs, guint n_roads)
{
  guint best = 0;
  for (guint r = 1; r < n_roads; r++)
    if (costs[r] < costs[best])
      best = r;
  return best;
}

/* Road r's month m of this run into the summaries. */
static void
add_month (PcCrossover *x, const RoadRun *roads, guint r, guint m, guint run_index)
{
  gsize cell = (gsize) r * x->n_months + m;
  const RoadRun *rr = &roads[r];
  double cost = month_cost (rr, m), diff = cost - month_cost (&roads[0], m);
  double response = rr->result->months[m].state[PC_STATE_RESPONSE_TIME];
  pc_sketch_add (x->month_cost[cell], cost, run_index);
  pc_sketch_add (diff < 0 ? x->month_diff[cell].negative : x->month_diff[cell].positive, fabs (diff), run_index);
  pc_sketch_add (x->response[cell], response, run_index);
  if (!isnan (rr->cold_share[m]))
    pc_sketch_add (x->cold_share[cell], rr->cold_share[m], run_index);
}

static void
add_months (PcCrossover *x, const RoadRun *roads, guint run_index)
{
  for (guint r = 0; r < x->n_roads; r++) {
    gboolean over = FALSE;
    for (guint m = 0; m < x->n_months; m++) {
      add_month (x, roads, r, m, run_index);
      over |= !isnan (x->trigger_s) && roads[r].result->months[m].state[PC_STATE_RESPONSE_TIME] > x->trigger_s;
    }
    x->runs_over_trigger[r] += over;
    if (!isnan (roads[r].cold_latency) && roads[r].cold_latency > 0)
      x->cold_latency_s[r] = isnan (x->cold_latency_s[r]) ? roads[r].cold_latency
                                                          : MAX (x->cold_latency_s[r], roads[r].cold_latency);
  }
}

/* Which road is cheapest, month by month and phase by phase. */
static void
add_cheapest (PcCrossover *x, const RoadRun *roads, double *costs)
{
  for (guint m = 0; m < x->n_months; m++) {
    for (guint r = 0; r < x->n_roads; r++)
      costs[r] = month_cost (&roads[r], m);
    x->month_cheapest[(gsize) cheapest_road (costs, x->n_roads) * x->n_months + m]++;
  }
  for (guint p = 0; p < x->n_phases; p++) {
    gboolean all = TRUE;
    for (guint r = 0; r < x->n_roads; r++) {
      int q = x->phase_of[r * x->n_phases + p];
      costs[r] = q >= 0 ? pc_run_phase_cost (roads[r].result, (guint) q) : NAN;
      if (isnan (costs[r]))
        all = FALSE;
      else
        pc_sketch_add (x->phase_cost[r * x->n_phases + p], costs[r], roads[r].result->run_index);
    }
    if (all) {
      x->phase_runs[p]++;
      x->phase_cheapest[cheapest_road (costs, x->n_roads) * x->n_phases + p]++;
    }
  }
}

/* The first month whose sign of (b - a) is opposite to the first non-zero
 * sign; n_months when the order never flips. */
static guint
first_flip (const PcCrossover *x, const RoadRun *a, const RoadRun *b)
{
  int reference = 0;
  for (guint m = 0; m < x->n_months; m++) {
    double diff = month_cost (b, m) - month_cost (a, m);
    double tie = 1e-9 * MAX (1.0, fabs (month_cost (a, m)));
    int sign = diff > tie ? 1 : diff < -tie ? -1 : 0;
    if (reference == 0)
      reference = sign;
    else if (sign == -reference)
      return m;
  }
  return x->n_months;
}

static void
add_run (PcCrossover *x, const RoadRun *roads, double *costs, guint run_index)
{
  add_months (x, roads, run_index);
  add_cheapest (x, roads, costs);
  for (guint a = 0; a < x->n_roads; a++)
    for (guint b = a + 1; b < x->n_roads; b++)
      pc_month_counts_add (x->pair_cross[pc_crossover_pair (x, a, b)], first_flip (x, &roads[a], &roads[b]), 1);
}

static gboolean
same_scenario (PcModel **models, guint n_roads, GError **error)
{
  for (guint r = 1; r < n_roads; r++)
    if (g_strcmp0 (models[r]->scenario->path, models[0]->scenario->path) != 0) {
      g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                   "roads must share one scenario (%s and %s); allowed: one scenario under several roadmaps",
                   models[0]->scenario->path, models[r]->scenario->path);
      return FALSE;
    }
  return TRUE;
}

/**
 * pc_crossover_run:
 * Returns: (transfer full): the comparison, or NULL with @error set when a
 * run fails (the message names road, component and month).
 */
PcCrossover *
pc_crossover_run (PcModel **models, guint n_roads, guint runs, guint64 seed, GError **error)
{
  g_return_val_if_fail (n_roads >= 2, NULL);
  if (!same_scenario (models, n_roads, error))
    return NULL;
  runs = runs ? runs : models[0]->scenario->runs;
  g_autoptr (PcCrossover) x = crossover_new (models, n_roads, runs, seed);
  RoadRun *roads = g_new0 (RoadRun, n_roads);
  g_autofree double *costs = g_new (double, n_roads);
  for (guint r = 0; r < n_roads; r++)
    road_run_init (&roads[r], models[r]);
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < runs; i++) {
    for (guint r = 0; ok && r < n_roads; r++) {
      roads[r].cold_latency = NAN;
      ok = simulate_road (models[r], seed, i, &roads[r], error);
      if (!ok)
        g_prefix_error (error, "roadmap %s, run %u: ", models[r]->roadmap->path, i);
    }
    if (ok)
      add_run (x, roads, costs, i);
  }
  for (guint r = 0; r < n_roads; r++)
    road_run_clear (&roads[r]);
  g_free (roads);
  return ok ? g_steal_pointer (&x) : NULL;
}

static double
sketch_at_rank (const PcSketch *sketch, guint64 rank)
{
  return sketch->n <= 1 ? pc_sketch_quantile (sketch, 0.0) : pc_sketch_quantile (sketch, (double) rank / (double) (sketch->n - 1));
}

/* The @index-th smallest of the signed values (0-based). */
static double
signed_order_statistic (const PcSignedSketch *s, guint64 index)
{
  guint64 negatives = s->negative->n;
  if (index < negatives)
    return -sketch_at_rank (s->negative, negatives - 1 - index);
  return sketch_at_rank (s->positive, index - negatives);
}

double
pc_signed_quantile (const PcSignedSketch *s, double fraction)
{
  guint64 n = s->negative->n + s->positive->n;
  if (n == 0)
    return NAN;
  double rank = fraction * (double) (n - 1);
  guint64 low = (guint64) floor (rank), high = MIN (low + 1, n - 1);
  double a = signed_order_statistic (s, low), b = signed_order_statistic (s, high);
  return a + (rank - (double) low) * (b - a);
}
