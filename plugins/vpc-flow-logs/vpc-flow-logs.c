/* vpc-flow-logs - VPC Flow Logs: log volume from the traffic, delivery, storage.
 *
 * Volume.  A flow-log record (default format, ~14 fields) is about 100-150
 * bytes (bytes_per_record, default 125) and describes one flow (5-tuple,
 * one direction) per network interface per aggregation interval.  Flows
 * follow connections, not requests: a client connection carries
 * requests_per_connection requests and leaves about records_per_connection
 * records (default 4: client<->ALB in both directions on the ALB's
 * interface, and the ALB->task flow seen on the task's interface; the ALB
 * reuses its back-end connections).  So
 *   flow_log_gb = requests / requests_per_connection x records_per_connection
 *                 x bytes_per_record / 1e9 + background_gb
 * where background_gb covers the traffic that is not user requests: NAT
 * and endpoint flows, pooled database connections re-logged every
 * interval, health checks and internet scanners knocking on public IPs.
 *
 * Cost: delivery at the vended-logs rate of the destination
 * (cloudwatch.vended_logs.gb to CloudWatch Logs, cloudwatch.vended_logs_s3.gb
 * to S3; both tiered, no free tier) and storage of retention_days of logs,
 *   stored_gb = flow_log_gb x retention_days / 30.4167,
 * at cloudwatch.logs.storage_gb_month or s3.standard.gb_month.
 *
 * Worked month (Sydney, to CloudWatch Logs, flat 10 rps = 26.28M requests):
 * 2.628M connections x 4 x 125 B = 1.314 GB + 0.5 GB background = 1.814 GB
 * x $0.67 = $1.215; stored 1.814 x 30 / 30.4167 = 1.789 GB x $0.033 = $0.059;
 * $1.27 in all (the seed budgets ~$5/month, i.e. ~7 GB of flow logs).
 */
#include <pc-plugin.h>

#define DAYS_PER_MONTH (365.0 / 12.0)

enum { P_DESTINATION, P_REQ_PER_CONN, P_RECORDS_PER_CONN, P_BYTES_PER_RECORD, P_BACKGROUND_GB, P_RETENTION, P_COUNT };
enum { DESTINATION_CLOUDWATCH, DESTINATION_S3, DESTINATION_COUNT };
static const char *const destination_names[] = { [DESTINATION_CLOUDWATCH] = "cloudwatch", [DESTINATION_S3] = "s3" };
PC_CHECK_TABLE (destination_names, DESTINATION_COUNT);
static const PcParamSpec params[] = {
  [P_DESTINATION] = PC_CHOICE ("destination", "cloudwatch", destination_names, "where the flow logs are delivered"),
  [P_REQ_PER_CONN] = PC_DOUBLE ("requests_per_connection", "10", "requests", 1, 1e6, "HTTP requests per client connection (keep-alive)"),
  [P_RECORDS_PER_CONN] = PC_DOUBLE ("records_per_connection", "4", "records", 0, 100, "flow-log records one client connection leaves across the interfaces"),
  [P_BYTES_PER_RECORD] = PC_DOUBLE ("bytes_per_record", "125", "bytes", 50, 1000, "size of one flow-log record"),
  [P_BACKGROUND_GB] = PC_DOUBLE ("background_gb", "0.5", "GB", 0, 1e9, "flow-log GB a month from traffic other than user requests"),
  [P_RETENTION] = PC_INT ("retention_days", "30", "days", 1, 3653, "how long the flow logs are kept"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_FLOW_LOG_GB, M_RECORDS, M_STORED_GB, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_FLOW_LOG_GB] = { "flow_log_gb", "GB", "flow-log GB delivered this month" },
  [M_RECORDS] = { "records", "records", "flow-log records from user connections this month" },
  [M_STORED_GB] = { "stored_gb", "GB", "flow-log GB held in storage" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  double requests_per_connection, records_per_connection, bytes_per_record, background_gb, retention_days;
  const PcPrice *delivery, *storage;
} FlowLogs;

static gpointer
flow_logs_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree FlowLogs *f = g_new0 (FlowLogs, 1);
  gboolean s3 = pc_config_choice (config, P_DESTINATION) == 1;
  f->requests_per_connection = pc_config_double (config, P_REQ_PER_CONN);
  f->records_per_connection = pc_config_double (config, P_RECORDS_PER_CONN);
  f->bytes_per_record = pc_config_double (config, P_BYTES_PER_RECORD);
  f->background_gb = pc_config_double (config, P_BACKGROUND_GB);
  f->retention_days = (double) pc_config_int (config, P_RETENTION);
  if (!(f->delivery = pc_catalog_price (catalog, s3 ? "cloudwatch.vended_logs_s3.gb" : "cloudwatch.vended_logs.gb",
                                        error)) ||
      !(f->storage = pc_catalog_price (catalog, s3 ? "s3.standard.gb_month" : "cloudwatch.logs.storage_gb_month",
                                       error)))
    return NULL;
  return g_steal_pointer (&f);
}

static gboolean
flow_logs_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const FlowLogs *f = state;
  double records = demand->requests / f->requests_per_connection * f->records_per_connection;
  double gb = records * f->bytes_per_record / 1e9 + f->background_gb;
  double stored = gb * f->retention_days / DAYS_PER_MONTH;
  pc_result_charge (result, "flow log delivery", f->delivery, gb, ctx);
  pc_result_charge (result, "flow log storage", f->storage, stored, ctx);
  pc_result_metric (result, M_FLOW_LOG_GB, gb);
  pc_result_metric (result, M_RECORDS, records);
  pc_result_metric (result, M_STORED_GB, stored);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "vpc-flow-logs",
                  .version = "1.0",
                  .summary = "VPC Flow Logs: records from connections, vended-log delivery, storage",
                  .stage = PC_STAGE_OBSERVABILITY,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = flow_logs_create,
                  .step = flow_logs_step,
                  .destroy = g_free)
