/* vpc-endpoints - interface VPC endpoints (PrivateLink) for private subnets.
 *
 * Tasks in private subnets without a NAT gateway reach AWS APIs through
 * interface endpoints: a Fargate service needs at least ECR api, ECR dkr,
 * CloudWatch Logs and Secrets Manager (4; the image layers come from S3
 * through the S3 GATEWAY endpoint, which is free and not charged here).
 * Each interface endpoint is billed per AZ it has a network interface in.
 *
 * Cost: endpoints x azs x 730 h x vpc_endpoint.interface.az_hour, plus GB
 * processed x vpc_endpoint.interface.gb (tiered per Region: first 1 PB,
 * next 4 PB, then lower).  GB processed = processed_gb (image pulls, secret
 * reads, other API traffic) + demand->log_gb when logs_via_endpoint (the
 * awslogs driver ships every log byte through the logs endpoint).
 *
 * The seed's contradiction.  v1.0 lists "No NAT Gateway: VPC endpoints
 * ($32/month saved)", but the MVP's tasks sit in public subnets and need
 * neither; and where endpoints do replace a NAT they cost MORE: in Sydney 4
 * endpoints in 2 AZs are 4 x 2 x 730 x $0.013 = $75.92 a month, against one
 * NAT gateway's 730 x $0.059 = $43.07 (+ $3.65 for its IPv4 address).
 *
 * Worked month (Sydney, 4 endpoints, 2 AZs): $75.92 of endpoint-hours; 5 GB
 * + 10 GB of logs = 15 GB x $0.01 = $0.15; $76.07 in all.
 */
#include <pc-plugin.h>

enum { P_ENDPOINTS, P_AZS, P_PROCESSED_GB, P_LOGS, P_COUNT };
static const PcParamSpec params[] = {
  [P_ENDPOINTS] = PC_INT ("interface_endpoints", "4", "endpoints", 0, 1000, "interface endpoints (e.g. ECR api, ECR dkr, logs, secrets manager)"),
  [P_AZS] = PC_INT ("azs", "2", "AZs", 1, 6, "Availability Zones each endpoint is deployed in"),
  [P_PROCESSED_GB] = PC_DOUBLE ("processed_gb", "5", "GB", 0, 1e12, "GB a month through the endpoints besides logs (image pulls, API calls)"),
  [P_LOGS] = PC_BOOL ("logs_via_endpoint", "true", "application logs go through the logs endpoint"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_ENDPOINT_HOURS, M_PROCESSED_GB, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_ENDPOINT_HOURS] = { "endpoint_az_hours", "endpoint-AZ-hours", "interface endpoint-AZ-hours this month" },
  [M_PROCESSED_GB] = { "processed_gb", "GB", "GB processed by the interface endpoints this month" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  double endpoints, azs, processed_gb;
  gboolean logs_via_endpoint;
  const PcPrice *az_hour, *gb;
} Endpoints;

static gpointer
endpoints_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Endpoints *e = g_new0 (Endpoints, 1);
  e->endpoints = (double) pc_config_int (config, P_ENDPOINTS);
  e->azs = (double) pc_config_int (config, P_AZS);
  e->processed_gb = pc_config_double (config, P_PROCESSED_GB);
  e->logs_via_endpoint = pc_config_bool (config, P_LOGS);
  if (!(e->az_hour = pc_catalog_price (catalog, "vpc_endpoint.interface.az_hour", error)) ||
      !(e->gb = pc_catalog_price (catalog, "vpc_endpoint.interface.gb", error)))
    return NULL;
  return g_steal_pointer (&e);
}

static gboolean
endpoints_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Endpoints *e = state;
  double hours = e->endpoints * e->azs * ctx->hours;
  double processed = e->endpoints > 0 ? e->processed_gb + (e->logs_via_endpoint ? demand->log_gb : 0.0) : 0.0;
  pc_result_charge (result, "interface endpoint-AZ-hours", e->az_hour, hours, ctx);
  pc_result_charge (result, "GB processed", e->gb, processed, ctx);
  pc_result_metric (result, M_ENDPOINT_HOURS, hours);
  pc_result_metric (result, M_PROCESSED_GB, processed);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "vpc-endpoints",
                  .version = "1.0",
                  .summary = "Interface VPC endpoints: endpoint-AZ-hours and GB processed",
                  .stage = PC_STAGE_NETWORK,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = endpoints_create,
                  .step = endpoints_step,
                  .destroy = g_free)
