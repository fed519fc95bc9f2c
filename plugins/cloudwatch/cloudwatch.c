/* cloudwatch - CloudWatch Logs, metrics, alarms, dashboards, Container Insights.
 *
 * Logs.  The application's logs (demand->log_gb) plus, with Container
 * Insights on, its performance log events are ingested in the chosen log
 * class (cloudwatch.logs.ingest_gb, whose first 5 GB a month are free, or
 * cloudwatch.logs.ingest_ia_gb).  A log group keeps each event for
 * retention_days, so in steady state it holds
 *     stored_gb = ingested_gb x retention_days / 30.4167   (days per month)
 * The seed's strategy is 7 days in staging and 30 in production.  With
 * retention_days = 0 (never expire) nothing is deleted: the plugin keeps the
 * running total of everything ingested since the first month it stepped and
 * bills that total at month end.  Storage is billed on archived (compressed)
 * bytes; archive_ratio scales ingested to archived GB and defaults to 1, an
 * upper bound.  The 5 GB free tier is shared by ingestion, storage and Logs
 * Insights; the catalog encodes it once, on ingestion, so storage and
 * Insights are billed from the first GB (a small overstatement).
 *
 * Metrics.  custom_metrics are metric-months at cloudwatch.metric.month
 * (10 free, then volume tiers).  ECS Container Insights in standard mode is
 * billed as custom metrics too; how many it creates per service is not
 * published as one number, so it is the parameter ci_metrics_per_service
 * (default 20: the ~13 metrics with the ClusterName/ServiceName dimensions -
 * CPU and memory used/reserved, network rx/tx, storage read/write, desired,
 * running and pending task counts, deployments, task sets - plus the same
 * figures per task-definition family and the cluster's share), and its
 * performance log events (one Task and one Container event per task per
 * minute, ~1.5 KB each, ~0.13 GB a month per task) are ci_log_gb_per_service.
 * Alarms (standard: 10 free), high-resolution and composite alarms,
 * dashboards (3 free), Logs Insights GB scanned and metrics API requests
 * (1M free) are counts given as parameters.
 *
 * Worked month (Sydney, production): 10 GB of application logs, Container
 * Insights on for 1 service, 30-day retention, 12 alarms, 1 dashboard.
 * Ingested 10 + 0.15 = 10.15 GB: (10.15 - 5 free) x $0.67 = $3.45; stored
 * 10.15 x 30 / 30.4167 = 10.011 GB x $0.033 = $0.33; 20 metrics: (20 - 10
 * free) x $0.30 = $3.00; 12 alarms: (12 - 10 free) x $0.10 = $0.20;
 * 1 dashboard is free.  $6.98 in all.
 */
#include <pc-plugin.h>

/* AWS's month of 365 / 12 days, which turns retention days into months. */
#define DAYS_PER_MONTH (365.0 / 12.0)

enum { P_RETENTION, P_LOG_CLASS, P_ARCHIVE_RATIO, P_CUSTOM_METRICS, P_ALARMS, P_HIGH_RES_ALARMS, P_COMPOSITE_ALARMS, P_DASHBOARDS, P_INSIGHTS_GB, P_API_REQUESTS, P_CONTAINER_INSIGHTS, P_CI_SERVICES, P_CI_METRICS, P_CI_LOG_GB, P_COUNT };
enum { LOG_CLASS_STANDARD, LOG_CLASS_INFREQUENT_ACCESS, LOG_CLASS_COUNT };
static const char *const log_class_names[] = { [LOG_CLASS_STANDARD] = "standard", [LOG_CLASS_INFREQUENT_ACCESS] = "infrequent_access" };
PC_CHECK_TABLE (log_class_names, LOG_CLASS_COUNT);
static const PcParamSpec params[] = {
  [P_RETENTION] = PC_INT ("retention_days", "30", "days", 0, 3653, "log retention (seed: 7 staging, 30 production); 0 = never expire, logs accumulate"),
  [P_LOG_CLASS] = PC_CHOICE ("log_class", "standard", log_class_names, "CloudWatch Logs log class"),
  [P_ARCHIVE_RATIO] = PC_DOUBLE ("archive_ratio", "1", "ratio", 0.01, 1, "archived (compressed) GB per ingested GB; 1 is an upper bound"),
  [P_CUSTOM_METRICS] = PC_INT ("custom_metrics", "0", "metrics", 0, 10000000, "custom metrics published by the application"),
  [P_ALARMS] = PC_INT ("alarms", "0", "alarms", 0, 100000, "standard-resolution metric alarms (10 free)"),
  [P_HIGH_RES_ALARMS] = PC_INT ("high_resolution_alarms", "0", "alarms", 0, 100000, "high-resolution (10 s) metric alarms"),
  [P_COMPOSITE_ALARMS] = PC_INT ("composite_alarms", "0", "alarms", 0, 100000, "composite alarms"),
  [P_DASHBOARDS] = PC_INT ("dashboards", "0", "dashboards", 0, 10000, "custom dashboards (3 free)"),
  [P_INSIGHTS_GB] = PC_DOUBLE ("insights_gb_scanned", "0", "GB", 0, 1e9, "Logs Insights GB scanned per month"),
  [P_API_REQUESTS] = PC_DOUBLE ("metrics_api_requests", "0", "requests", 0, 1e12, "metrics API requests per month (1M free)"),
  [P_CONTAINER_INSIGHTS] = PC_BOOL ("container_insights", "false", "ECS Container Insights, standard mode"),
  [P_CI_SERVICES] = PC_INT ("ci_services", "1", "services", 0, 10000, "ECS services watched by Container Insights"),
  [P_CI_METRICS] = PC_INT ("ci_metrics_per_service", "20", "metrics", 0, 1000, "custom metrics Container Insights creates per service (assumed, see header)"),
  [P_CI_LOG_GB] = PC_DOUBLE ("ci_log_gb_per_service", "0.15", "GB", 0, 1e6, "Container Insights performance log events per service per month (assumed, see header)"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_LOG_GB, M_STORED_GB, M_METRICS, M_ALARMS, M_CI_LOG_GB, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_LOG_GB] = { "log_gb", "GB", "log GB ingested this month (application + Container Insights)" },
  [M_STORED_GB] = { "stored_gb", "GB", "log GB held in storage this month" },
  [M_METRICS] = { "metrics", "metrics", "billed metric count (custom + Container Insights)" },
  [M_ALARMS] = { "alarms", "alarms", "alarms of all kinds" },
  [M_CI_LOG_GB] = { "ci_log_gb", "GB", "Container Insights performance log GB this month" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  gint64 retention_days, custom_metrics, alarms, high_res_alarms, composite_alarms, dashboards;
  double archive_ratio, insights_gb, api_requests, ci_metrics, ci_log_gb;
  double metric_count, alarm_count;   /* billed metrics and alarms of all kinds: settings only */
  gboolean infrequent_access;
  const PcPrice *ingest, *storage, *insights, *metric, *api, *alarm, *high_res_alarm, *composite_alarm, *dashboard;
} CloudWatch;

static void
read_params (CloudWatch *cw, const PcConfig *config)
{
  cw->retention_days = pc_config_int (config, P_RETENTION);
  cw->infrequent_access = pc_config_choice (config, P_LOG_CLASS) == 1;
  cw->archive_ratio = pc_config_double (config, P_ARCHIVE_RATIO);
  cw->custom_metrics = pc_config_int (config, P_CUSTOM_METRICS);
  cw->alarms = pc_config_int (config, P_ALARMS);
  cw->high_res_alarms = pc_config_int (config, P_HIGH_RES_ALARMS);
  cw->composite_alarms = pc_config_int (config, P_COMPOSITE_ALARMS);
  cw->dashboards = pc_config_int (config, P_DASHBOARDS);
  cw->insights_gb = pc_config_double (config, P_INSIGHTS_GB);
  cw->api_requests = pc_config_double (config, P_API_REQUESTS);
  if (pc_config_bool (config, P_CONTAINER_INSIGHTS)) {
    double services = (double) pc_config_int (config, P_CI_SERVICES);
    cw->ci_metrics = services * (double) pc_config_int (config, P_CI_METRICS);
    cw->ci_log_gb = services * pc_config_double (config, P_CI_LOG_GB);
  }
  cw->metric_count = (double) cw->custom_metrics + cw->ci_metrics;
  cw->alarm_count = (double) (cw->alarms + cw->high_res_alarms + cw->composite_alarms);
}

static gpointer
cloudwatch_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree CloudWatch *cw = g_new0 (CloudWatch, 1);
  read_params (cw, config);
  const char *ingest_key = cw->infrequent_access ? "cloudwatch.logs.ingest_ia_gb" : "cloudwatch.logs.ingest_gb";
  if (!(cw->ingest = pc_catalog_price (catalog, ingest_key, error)) ||
      !(cw->storage = pc_catalog_price (catalog, "cloudwatch.logs.storage_gb_month", error)) ||
      !(cw->insights = pc_catalog_price (catalog, "cloudwatch.logs.insights_gb", error)) ||
      !(cw->metric = pc_catalog_price (catalog, "cloudwatch.metric.month", error)) ||
      !(cw->api = pc_catalog_price (catalog, "cloudwatch.metrics_api.request", error)) ||
      !(cw->alarm = pc_catalog_price (catalog, "cloudwatch.alarm.standard_month", error)) ||
      !(cw->high_res_alarm = pc_catalog_price (catalog, "cloudwatch.alarm.high_resolution_month", error)) ||
      !(cw->composite_alarm = pc_catalog_price (catalog, "cloudwatch.alarm.composite_month", error)) ||
      !(cw->dashboard = pc_catalog_price (catalog, "cloudwatch.dashboard.month", error)))
    return NULL;
  return g_steal_pointer (&cw);
}

/* GB held in log storage this month, given this month's ingestion. */
static double
stored_gb (const CloudWatch *cw, double *accumulated_gb, double ingested_gb)
{
  if (cw->retention_days == 0) {
    *accumulated_gb += ingested_gb;
    return *accumulated_gb * cw->archive_ratio;
  }
  return ingested_gb * (double) cw->retention_days / DAYS_PER_MONTH * cw->archive_ratio;
}

static void
charge_optional (const CloudWatch *cw, const PcStepContext *ctx, PcStepResult *result)
{
  if (cw->insights_gb > 0)
    pc_result_charge (result, "Logs Insights GB scanned", cw->insights, cw->insights_gb, ctx);
  if (cw->api_requests > 0)
    pc_result_charge (result, "metrics API requests", cw->api, cw->api_requests, ctx);
  if (cw->high_res_alarms > 0)
    pc_result_charge (result, "high-resolution alarms", cw->high_res_alarm, (double) cw->high_res_alarms, ctx);
  if (cw->composite_alarms > 0)
    pc_result_charge (result, "composite alarms", cw->composite_alarm, (double) cw->composite_alarms, ctx);
}

static gboolean
cloudwatch_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const CloudWatch *cw = state;
  double *accumulated_gb = ctx->scratch;   /* logs kept forever so far, this run */
  double ingested = demand->log_gb + cw->ci_log_gb;
  double stored = stored_gb (cw, accumulated_gb, ingested);
  pc_result_charge (result, cw->infrequent_access ? "log ingestion (Infrequent Access)" : "log ingestion",
                    cw->ingest, ingested, ctx);
  pc_result_charge (result, "log storage", cw->storage, stored, ctx);
  pc_result_charge (result, "metrics", cw->metric, cw->metric_count, ctx);
  pc_result_charge (result, "alarms", cw->alarm, (double) cw->alarms, ctx);
  pc_result_charge (result, "dashboards", cw->dashboard, (double) cw->dashboards, ctx);
  charge_optional (cw, ctx, result);
  pc_result_metric (result, M_LOG_GB, ingested);
  pc_result_metric (result, M_STORED_GB, stored);
  pc_result_metric (result, M_METRICS, cw->metric_count);
  pc_result_metric (result, M_ALARMS, cw->alarm_count);
  pc_result_metric (result, M_CI_LOG_GB, cw->ci_log_gb);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "cloudwatch",
                  .version = "1.0",
                  .summary = "CloudWatch: log ingestion and retention, metrics, alarms, Container Insights",
                  .stage = PC_STAGE_OBSERVABILITY,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = cloudwatch_create,
                  .step = cloudwatch_step,
                  .destroy = g_free,
                  .run_state_size = sizeof (double))
