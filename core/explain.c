/* explain.c - one month of one run, line by line.
 *
 * A report's tables follow its median run.  To explain a month of it, the
 * run is simulated again (runs are deterministic: same seed, same index,
 * same months) with an observer that, in the month asked for, copies each
 * component's result (its cost lines with their prices, and its metrics:
 * tasks, LCUs, instance hours, utilisation) and the demand that reached it.
 * The lines therefore add up to exactly the month's cost that `run
 * --months` shows for the median run.
 */
#include "pc-private.h"

static void
explained_free (PcExplainedComponent *e)
{
  pc_step_result_free (e->result);
  g_free (e->named);
  g_free (e);
}

void
pc_explanation_free (PcExplanation *explanation)
{
  if (explanation == NULL)
    return;
  g_ptr_array_unref (explanation->components);
  g_free (explanation);
}

static PcExplainedComponent *
explain_component (const PcRun *run, const PcComponent *component, guint c, guint n_named)
{
  PcExplainedComponent *e = g_new0 (PcExplainedComponent, 1);
  e->component = component;
  e->result = pc_step_result_new ();
  *e->result = *pc_run_component_result (run, c);
  e->demand = *pc_run_component_demand (run, c);
  e->named = g_memdup2 (e->demand.named, sizeof (double) * MAX (n_named, 1));
  e->demand.named = NULL;             /* the run's buffers do not outlive it */
  e->demand.stored_gb_by_age = NULL;
  e->demand.n_ages = 0;
  return e;
}

/* The run's observer: copies every component's month when it is the one asked for. */
static void
capture (gpointer data, const PcRun *run, guint month)
{
  PcExplanation *explanation = data;
  if (month != explanation->month)
    return;
  const PcPhasePlan *plan = &explanation->model->phases[pc_run_phase (run)];
  explanation->phase = pc_run_phase (run);
  explanation->state = *pc_run_state (run);
  explanation->cost_usd = 0;
  for (guint c = 0; c < plan->n_components; c++) {
    PcExplainedComponent *e = explain_component (run, &plan->components[c], c, explanation->model->demand_names->len);
    explanation->cost_usd += e->result->usd;   /* as run.c adds the month's cost, in pipeline order */
    g_ptr_array_add (explanation->components, e);
  }
}

/**
 * pc_explain_month:
 * Returns: (transfer full): every component's result in @month of run
 * @run_index, or NULL with @error set.
 */
PcExplanation *
pc_explain_month (const PcModel *model, guint64 seed, guint run_index, guint month, GError **error)
{
  g_return_val_if_fail (month < model->scenario->horizon_months, NULL);
  g_autoptr (PcExplanation) explanation = g_new0 (PcExplanation, 1);
  explanation->model = model;
  explanation->run_index = run_index;
  explanation->month = month;
  explanation->components = g_ptr_array_new_with_free_func ((GDestroyNotify) explained_free);
  g_autoptr (PcRun) run = pc_run_new (model, seed, run_index, PC_DETAIL_NONE, error);
  if (run == NULL)
    return NULL;
  pc_run_set_observer (run, capture, explanation);
  if (!pc_run_step (run, month + 1, error))
    return NULL;
  return g_steal_pointer (&explanation);
}

gboolean
pc_scenario_parse_month (const PcScenario *s, const char *text, guint *month, GError **error)
{
  int year = 0, calendar_month = 0;
  char extra = 0;
  int index = -1;
  if (text && sscanf (text, "%4d-%2d%c", &year, &calendar_month, &extra) == 2 && calendar_month >= 1 &&
      calendar_month <= 12)
    index = (year - s->start_year) * 12 + (calendar_month - s->start_month);
  if (index < 0 || index >= (int) s->horizon_months) {
    g_autofree char *first = pc_scenario_date (s, 0);
    g_autofree char *last = pc_scenario_date (s, s->horizon_months - 1);
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE, "--month %s: expected YYYY-MM from %s to %s (the horizon of %s)",
                 text ? text : "", first, last, s->name);
    return FALSE;
  }
  *month = (guint) index;
  return TRUE;
}

#define DEMAND(field) { #field, G_STRUCT_OFFSET (PcDemand, field) }
static const PcDemandField demand_fields[] = {
  DEMAND (requests), DEMAND (static_requests), DEMAND (peak_factor), DEMAND (cpu_ms_per_request),
  DEMAND (cpu_cv2), DEMAND (memory_mb_per_request), DEMAND (db_queries_per_request), DEMAND (db_read_share),
  DEMAND (db_replica_share), DEMAND (db_cpu_ms_per_query), DEMAND (db_rows_per_query), DEMAND (db_storage_gb),
  DEMAND (db_working_set_gb), DEMAND (egress_gb), DEMAND (static_egress_gb), DEMAND (stored_gb),
  DEMAND (temp_gb_written), DEMAND (object_puts), DEMAND (object_gets), DEMAND (emails),
  DEMAND (monthly_active_users), DEMAND (log_gb), DEMAND (errors), DEMAND (db_connections_peak),
  DEMAND (response_time_s),
};

const PcDemandField *
pc_demand_fields (guint *n_fields)
{
  *n_fields = G_N_ELEMENTS (demand_fields);
  return demand_fields;
}

double
pc_demand_peak_rps (const PcDemand *demand)
{
  double peak = 0;
  for (guint k = 0; k < demand->n_levels && k < PC_MAX_LEVELS; k++)
    peak = MAX (peak, demand->level_rps[k]);
  return peak;
}
