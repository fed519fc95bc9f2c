/* savings.c - each policy's saving against the same run without it.
 *
 * Why: the seed claims a saving for each optimization ("1-year: 30-40 %",
 * "up to 70 %", "~40 % on storage", "$5-10/month"); a policy's saving is
 * only meaningful against the same future without it.  Run i is simulated
 * once with every policy off and once with each policy alone, all on the
 * random stream of (seed, i), and the difference is summarised: over the
 * horizon, per month the policy was on, and as a share of the component's
 * own cost in those months (what the seed's percentages speak of).
 * Constant memory: signed sketches and month counts.
 */
#include "pc-private.h"
#include "pc-savings.h"
#include "pc-policy.h"

#define WIDTH 1e-4

/* One run's month-by-month costs, as an observer sees them. */
typedef struct {
  const PcModel *model;
  int policy;                 /* whose component and activity to watch */
  double *total, *slot;       /* [n_months] */
  gboolean *active;           /* [n_months] */
} Watch;

/* The watched policy's component cost and activity this month. */
static void
observe (gpointer data, const PcRun *run, guint month)
{
  Watch *w = data;
  int c = w->model->policies[w->policy].component_by_phase[pc_run_phase (run)];
  w->slot[month] = c >= 0 ? pc_step_result_usd (pc_run_component_result (run, (guint) c)) : 0;
  w->active[month] = pc_run_policy_active (run, (guint) w->policy);
}

static gboolean
simulate (const PcModel *model, guint64 seed, guint run_index, guint64 mask, Watch *w, GError **error)
{
  g_autoptr (PcRun) run = pc_run_new (model, seed, run_index, PC_DETAIL_NONE, error);
  if (run == NULL)
    return FALSE;
  pc_run_set_policies (run, mask);
  pc_run_set_observer (run, observe, w);
  if (!pc_run_step (run, model->scenario->horizon_months, error))
    return FALSE;
  g_autoptr (PcRunResult) result = pc_run_finish (g_steal_pointer (&run));
  for (guint m = 0; m < result->n_months; m++)
    w->total[m] = result->months[m].state[PC_STATE_MONTHLY_COST];
  return TRUE;
}

static void
watch_init (Watch *w, const PcModel *model, int policy)
{
  guint n = model->scenario->horizon_months;
  *w = (Watch) { model, policy, g_new0 (double, n), g_new0 (double, n), g_new0 (gboolean, n) };
}

static void
watch_clear (Watch *w)
{
  g_free (w->total);
  g_free (w->slot);
  g_free (w->active);
}

static void
add_signed (PcSignedSketch *s, double value, guint run_index)
{
  pc_sketch_add (value < 0 ? s->negative : s->positive, fabs (value), run_index);
}

/* Policy j's run against the run without policies. */
static void
add_policy_run (PcSavings *sv, guint j, const Watch *none, const Watch *with, guint run_index)
{
  double horizon = 0, on_saving = 0, on_cost = 0;
  guint on_months = 0, first = sv->n_months;
  for (guint m = 0; m < sv->n_months; m++) {
    horizon += none->total[m] - with->total[m];
    if (!with->active[m])
      continue;
    first = MIN (first, m);
    on_months++;
    on_saving += none->slot[m] - with->slot[m];
    on_cost += none->slot[m];
  }
  add_signed (&sv->horizon_usd[j], horizon, run_index);
  pc_month_counts_add (sv->started[j], first, 1);
  if (on_months > 0)
    add_signed (&sv->monthly_usd[j], on_saving / on_months, run_index);
  if (on_cost > 0)
    add_signed (&sv->percent[j], 100.0 * on_saving / on_cost, run_index);
}

static PcSavings *
savings_new (const PcModel *model, guint runs, guint64 seed)
{
  PcSavings *sv = g_new0 (PcSavings, 1);
  sv->model = model;
  sv->runs = runs;
  sv->seed = seed;
  sv->n_months = model->scenario->horizon_months;
  sv->n_policies = model->n_policies;
  PcSignedSketch **all[] = { &sv->horizon_usd, &sv->monthly_usd, &sv->percent };
  for (guint k = 0; k < G_N_ELEMENTS (all); k++) {
    *all[k] = g_new (PcSignedSketch, MAX (sv->n_policies, 1));
    for (guint j = 0; j < sv->n_policies; j++)
      (*all[k])[j] = (PcSignedSketch) { pc_sketch_new (WIDTH, FALSE), pc_sketch_new (WIDTH, FALSE) };
  }
  sv->started = g_new (PcMonthCounts *, MAX (sv->n_policies, 1));
  for (guint j = 0; j < sv->n_policies; j++)
    sv->started[j] = pc_month_counts_new (sv->n_months + 1);
  return sv;
}

void
pc_savings_free (PcSavings *sv)
{
  if (sv == NULL)
    return;
  PcSignedSketch *all[] = { sv->horizon_usd, sv->monthly_usd, sv->percent };
  for (guint k = 0; k < G_N_ELEMENTS (all); k++) {
    for (guint j = 0; j < sv->n_policies; j++) {
      pc_sketch_free (all[k][j].positive);
      pc_sketch_free (all[k][j].negative);
    }
    g_free (all[k]);
  }
  for (guint j = 0; j < sv->n_policies; j++)
    pc_month_counts_free (sv->started[j]);
  g_free (sv->started);
  g_free (sv);
}

/**
 * pc_savings_run:
 * Returns: (transfer full): the savings, or NULL with @error set.
 */
PcSavings *
pc_savings_run (const PcModel *model, guint runs, guint64 seed, GError **error)
{
  runs = runs ? runs : model->scenario->runs;
  g_autoptr (PcSavings) sv = savings_new (model, runs, seed);
  Watch none, with;
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < runs; i++)
    for (guint j = 0; ok && j < model->n_policies; j++) {
      if (model->policies[j].decl->unpublished)
        continue;
      watch_init (&none, model, (int) j);
      watch_init (&with, model, (int) j);
      ok = simulate (model, seed, i, 0, &none, error) && simulate (model, seed, i, G_GUINT64_CONSTANT (1) << j, &with, error);
      if (ok)
        add_policy_run (sv, j, &none, &with, i);
      watch_clear (&none);
      watch_clear (&with);
    }
  return ok ? g_steal_pointer (&sv) : NULL;
}
