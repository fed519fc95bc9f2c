/* sentry - Sentry (SaaS) error monitoring: the plan, event volumes beyond
 * what the plan includes, and the pay-as-you-go (PAYG) budget that caps them.
 *
 * Volumes.  Errors are demand errors; spans are spans_per_request x demand
 * requests; the other volumes (replays, attachments, logs, application
 * metrics, monitors, profiling hours, Seer contributors) are parameters.
 * Each Team volume key holds the included volume as a $0 band and the
 * overage bands above it (saas.xml).
 *
 * Capacity: what Sentry accepts.  Overage is billed from the PAYG budget,
 * which is a hard cap: once the month's PAYG spend reaches payg_budget_usd,
 * further events are dropped, not billed (docs.sentry.io/pricing).  The
 * budget is shared by the volumes in the order of the line items (errors
 * first).  For a volume whose full overage does not fit, the accepted
 * quantity q solves cost(q) = budget left (bisection on the tiered price), and
 * the rest is reported as dropped.  With reserved = true the overage is
 * prepaid reserved volume instead, at the _reserved rates where the catalog
 * has them (errors, spans, replays), and is not capped.  The Developer plan
 * (free) has no PAYG: it accepts developer_errors errors a month and drops
 * the rest; its other volumes are not modelled.  Seer is a separate bill
 * and never drawn from the PAYG budget.
 *
 * Cost (catalog keys, saas.xml): sentry.<plan>[_monthly].month, then
 * sentry.team.errors, .spans, .replays (or their _reserved keys),
 * .attachments_gb, .cron_monitor_month, .uptime_monitor_month,
 * sentry.logs_gb, sentry.app_metrics_gb, sentry.continuous_profiling.hour,
 * sentry.ui_profiling.hour, sentry.seer.contributor_month.  The Business plan
 * reads sentry.business.errors and sentry.business.spans (its own PAYG
 * bands; no reserved Business keys, so reserved = true keeps PAYG there) and
 * the Team keys for the other volumes, which Sentry prices the same.
 *
 * Worked month (Team, annual billing, the seed's $26): 120,000 errors with a
 * $50 PAYG budget: 50,000 included, 50,000 x $0.0003625 = $18.125 and
 * 20,000 x $0.0002188 = $4.376 overage; $48.50 in all.  With a $10 budget
 * only 10 / 0.0003625 = 27,586 errors above the included 50,000 are
 * accepted; 42,414 are dropped; $36.00 in all.
 */
#include <pc-plugin.h>

/* Bisection steps: 100 halvings resolve any quantity below 1e30 to well
 * under one event. */
#define BISECTION_STEPS 100
#define QUANTITY_SEARCH_MAX 1e15

enum { P_PLAN, P_BILLING, P_RESERVED, P_BUDGET, P_DEV_ERRORS, P_SPANS_PER_REQUEST, P_REPLAYS, P_ATTACH_GB, P_LOGS_GB, P_METRICS_GB, P_CRONS, P_UPTIMES, P_CONT_PROFILING, P_UI_PROFILING, P_SEER, P_COUNT };
enum { PLAN_DEVELOPER, PLAN_TEAM, PLAN_BUSINESS, PLAN_COUNT };
static const char *const plan_names[] = { [PLAN_DEVELOPER] = "developer", [PLAN_TEAM] = "team", [PLAN_BUSINESS] = "business" };
PC_CHECK_TABLE (plan_names, PLAN_COUNT);
enum { BILLING_ANNUAL, BILLING_MONTHLY, BILLING_COUNT };
static const char *const billing_names[] = { [BILLING_ANNUAL] = "annual", [BILLING_MONTHLY] = "monthly" };
PC_CHECK_TABLE (billing_names, BILLING_COUNT);
static const PcParamSpec params[] = {
  [P_PLAN] = PC_CHOICE ("plan", "developer", plan_names, "Sentry plan (the seed's MVP: basic; Team from Phase 2)"),
  [P_BILLING] = PC_CHOICE ("billing", "annual", billing_names, "plan billed annually or month to month"),
  [P_RESERVED] = PC_BOOL ("reserved", "false", "overage bought as prepaid reserved volume (reserved rates, no cap) instead of PAYG"),
  [P_BUDGET] = PC_DOUBLE ("payg_budget_usd", "0", "USD/month", 0, 1e9, "pay-as-you-go budget: overage beyond it is dropped (0 = no PAYG)"),
  [P_DEV_ERRORS] = PC_DOUBLE ("developer_errors", "5000", "errors/month", 0, 1e9, "errors the Developer plan accepts a month (the rest are dropped)"),
  [P_SPANS_PER_REQUEST] = PC_DOUBLE ("spans_per_request", "0", "spans", 0, 1e6, "tracing spans sent per dynamic request"),
  [P_REPLAYS] = PC_DOUBLE ("replays", "0", "replays/month", 0, 1e12, "session replays"),
  [P_ATTACH_GB] = PC_DOUBLE ("attachments_gb", "0", "GB/month", 0, 1e9, "event attachments"),
  [P_LOGS_GB] = PC_DOUBLE ("logs_gb", "0", "GB/month", 0, 1e9, "logs sent to Sentry"),
  [P_METRICS_GB] = PC_DOUBLE ("app_metrics_gb", "0", "GB/month", 0, 1e9, "application metrics sent to Sentry"),
  [P_CRONS] = PC_DOUBLE ("cron_monitors", "0", "monitors", 0, 1e6, "cron monitors"),
  [P_UPTIMES] = PC_DOUBLE ("uptime_monitors", "0", "monitors", 0, 1e6, "uptime monitors"),
  [P_CONT_PROFILING] = PC_DOUBLE ("continuous_profiling_hours", "0", "hours/month", 0, 1e9, "continuous (backend) profiling hours (PAYG only)"),
  [P_UI_PROFILING] = PC_DOUBLE ("ui_profiling_hours", "0", "hours/month", 0, 1e9, "UI profiling hours (PAYG only)"),
  [P_SEER] = PC_DOUBLE ("seer_contributors", "0", "contributors", 0, 1e6, "active contributors on Seer"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_ERRORS, M_ERRORS_OVERAGE, M_ERRORS_DROPPED, M_SPANS, M_SPANS_DROPPED, M_DROPPED_OTHER, M_PAYG, M_BUDGET_UTIL, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_ERRORS] = { "errors", "events", "error events sent this month" },
  [M_ERRORS_OVERAGE] = { "errors_overage", "events", "accepted errors beyond the plan's included volume" },
  [M_ERRORS_DROPPED] = { "errors_dropped", "events", "errors dropped (Developer quota or PAYG budget spent)" },
  [M_SPANS] = { "spans", "spans", "spans sent this month" },
  [M_SPANS_DROPPED] = { "spans_dropped", "spans", "spans dropped with the PAYG budget spent" },
  [M_DROPPED_OTHER] = { "other_dropped", "units", "replays, GB, monitors or hours beyond the PAYG budget" },
  [M_PAYG] = { "overage_usd", "USD", "spend beyond the plan fee (PAYG or reserved volume)" },
  [M_BUDGET_UTIL] = { "payg_budget_utilisation", "ratio", "PAYG spend / PAYG budget (0 without a budget)" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

/* Metered volumes, in the order they draw on the PAYG budget. */
enum { V_ERRORS, V_SPANS, V_REPLAYS, V_ATTACHMENTS, V_LOGS, V_METRICS, V_CRONS, V_UPTIMES, V_CONT_PROFILING,
       V_UI_PROFILING, N_VOLUMES };
static const struct { const char *item, *team_key, *reserved_key, *business_key; guint param; } volumes[] = {
  { "errors", "sentry.team.errors", "sentry.team.errors_reserved", "sentry.business.errors", 0 },
  { "spans", "sentry.team.spans", "sentry.team.spans_reserved", "sentry.business.spans", 0 },
  { "replays", "sentry.team.replays", "sentry.team.replays_reserved", NULL, P_REPLAYS },
  { "attachments", "sentry.team.attachments_gb", NULL, NULL, P_ATTACH_GB },
  { "logs", "sentry.logs_gb", NULL, NULL, P_LOGS_GB },
  { "application metrics", "sentry.app_metrics_gb", NULL, NULL, P_METRICS_GB },
  { "cron monitors", "sentry.team.cron_monitor_month", NULL, NULL, P_CRONS },
  { "uptime monitors", "sentry.team.uptime_monitor_month", NULL, NULL, P_UPTIMES },
  { "continuous profiling", "sentry.continuous_profiling.hour", NULL, NULL, P_CONT_PROFILING },
  { "UI profiling", "sentry.ui_profiling.hour", NULL, NULL, P_UI_PROFILING },
};

/* Plan fee keys by plan and billing. */
static const char *const plan_keys[3][2] = {
  { "sentry.developer.month", "sentry.developer.month" },
  { "sentry.team.month", "sentry.team_monthly.month" },
  { "sentry.business.month", "sentry.business_monthly.month" },
};

typedef struct {
  gboolean developer;
  double budget, developer_errors, spans_per_request, seer_contributors, errors_included;
  double quantity[N_VOLUMES];         /* parameters; errors and spans come from demand */
  guint others[N_VOLUMES], n_others;  /* the volumes past spans the settings send (quantity > 0), in order */
  gboolean prepaid[N_VOLUMES];        /* reserved volume: not capped by the PAYG budget */
  const PcPrice *plan, *volume[N_VOLUMES], *seer;
} Sentry;

/* Largest quantity in [0, max] whose cost stays within @usd. */
static double
quantity_for_cost (const PcPrice *price, double max, double usd, guint account_month)
{
  double low = 0.0, high = max;
  for (guint i = 0; i < BISECTION_STEPS; i++) {
    double mid = 0.5 * (low + high);
    if (pc_price_cost (price, mid, account_month) <= usd)
      low = mid;
    else
      high = mid;
  }
  return low;
}

static gboolean
resolve_volumes (Sentry *s, const PcCatalog *catalog, gboolean business, gboolean reserved, GError **error)
{
  for (guint v = 0; v < N_VOLUMES; v++) {
    const char *key = business && volumes[v].business_key ? volumes[v].business_key : volumes[v].team_key;
    s->prepaid[v] = reserved && volumes[v].reserved_key != NULL && !business;
    if (s->prepaid[v])
      key = volumes[v].reserved_key;
    if (!(s->volume[v] = pc_catalog_price (catalog, key, error)))
      return FALSE;
  }
  /* The included volume is the $0 band at the bottom of the errors price. */
  s->errors_included = quantity_for_cost (s->volume[V_ERRORS], QUANTITY_SEARCH_MAX, 0.0, 0);
  return TRUE;
}

static gpointer
sentry_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Sentry *s = g_new0 (Sentry, 1);
  guint plan = pc_config_choice (config, P_PLAN);
  s->developer = plan == 0;
  s->budget = pc_config_double (config, P_BUDGET);
  s->developer_errors = pc_config_double (config, P_DEV_ERRORS);
  s->spans_per_request = pc_config_double (config, P_SPANS_PER_REQUEST);
  s->seer_contributors = pc_config_double (config, P_SEER);
  for (guint v = V_REPLAYS; v < N_VOLUMES; v++)
    if ((s->quantity[v] = pc_config_double (config, volumes[v].param)) > 0)
      s->others[s->n_others++] = v;
  /* Seer is billed on any plan, so its price is resolved on any plan. */
  if (!(s->plan = pc_catalog_price (catalog, plan_keys[plan][pc_config_choice (config, P_BILLING)], error)) ||
      !(s->seer = pc_catalog_price (catalog, "sentry.seer.contributor_month", error)))
    return NULL;
  if (!s->developer && !resolve_volumes (s, catalog, plan == 2, pc_config_bool (config, P_RESERVED), error))
    return NULL;
  return g_steal_pointer (&s);
}

/* Charges volume @v within the PAYG budget left; adds its USD to @spent and
 * returns what was dropped. */
static double
charge_volume (const Sentry *s, guint v, double quantity, double *budget_left, double *spent,
               const PcStepContext *ctx, PcStepResult *result)
{
  double accepted = quantity;
  /* Nothing sent costs nothing, within any budget: no need to price it twice. */
  if (!s->prepaid[v] && quantity > 0 && pc_price_cost (s->volume[v], quantity, ctx->account_month) > *budget_left)
    accepted = quantity_for_cost (s->volume[v], quantity, *budget_left, ctx->account_month);
  double usd = pc_result_charge (result, volumes[v].item, s->volume[v], accepted, ctx);
  *spent += usd;
  if (!s->prepaid[v])
    *budget_left = MAX (0.0, *budget_left - usd);
  return quantity - accepted;
}

/* Errors and spans every month, then the other volumes the settings send. */
static void
step_paid_plan (const Sentry *s, const PcStepContext *ctx, const PcDemand *demand, PcStepResult *result)
{
  double budget_left = s->budget, spent = 0, other = 0;
  double errors = demand->errors, spans = demand->requests * s->spans_per_request;
  double errors_dropped = charge_volume (s, V_ERRORS, errors, &budget_left, &spent, ctx, result);
  double spans_dropped = charge_volume (s, V_SPANS, spans, &budget_left, &spent, ctx, result);
  for (guint i = 0; i < s->n_others; i++)
    other += charge_volume (s, s->others[i], s->quantity[s->others[i]], &budget_left, &spent, ctx, result);
  pc_result_metric (result, M_ERRORS_OVERAGE, MAX (0.0, errors - errors_dropped - s->errors_included));
  pc_result_metric (result, M_ERRORS_DROPPED, errors_dropped);
  pc_result_metric (result, M_SPANS, spans);
  pc_result_metric (result, M_SPANS_DROPPED, spans_dropped);
  pc_result_metric (result, M_DROPPED_OTHER, other);
  pc_result_metric (result, M_PAYG, spent);
  pc_result_metric (result, M_BUDGET_UTIL, s->budget > 0 ? (s->budget - budget_left) / s->budget : 0.0);
}

static gboolean
sentry_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Sentry *s = state;
  pc_result_charge (result, "plan", s->plan, 1, ctx);
  pc_result_metric (result, M_ERRORS, demand->errors);
  if (s->developer) {
    pc_result_metric (result, M_ERRORS_DROPPED, MAX (0.0, demand->errors - s->developer_errors));
    pc_result_metric (result, M_SPANS, demand->requests * s->spans_per_request);
  } else
    step_paid_plan (s, ctx, demand, result);
  if (s->seer_contributors > 0)
    pc_result_charge (result, "Seer", s->seer, s->seer_contributors, ctx);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "sentry",
                  .version = "1.0",
                  .summary = "Sentry: plan fee, event volumes beyond the plan, PAYG budget cap",
                  .stage = PC_STAGE_THIRD_PARTY,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = sentry_create,
                  .step = sentry_step,
                  .destroy = g_free)
