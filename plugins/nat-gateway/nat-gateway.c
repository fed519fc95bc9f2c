/* nat-gateway - NAT gateways for tasks in private subnets: hours, GB processed, IPv4.
 *
 * The seed's v1.5 moves the tasks into private subnets and adds a NAT
 * gateway at "~$32/month + data transfer" (the us-east-1 rate: 730 h x
 * $0.045 = $32.85).  In Sydney nat.hour is $0.059, so one gateway is
 * 730 x $0.059 = $43.07, plus its public IPv4 address ($3.65) and $0.059 per
 * GB it processes; one gateway per AZ for high availability doubles the
 * fixed part.
 *
 * What crosses the NAT.  Only traffic the tasks START goes through it:
 * responses to users flow back through the ALB, not the NAT.  The plugin
 * counts
 *   outbound_gb               third-party API calls (Sentry, payment,
 *                             email APIs), container image pulls and any
 *                             other outbound traffic, a parameter;
 *   + demand->log_gb          when logs_via_nat: the awslogs driver ships
 *                             every log byte to CloudWatch Logs through the
 *                             NAT unless a logs interface endpoint exists.
 * S3 traffic is not counted: the plugin assumes the free S3 gateway
 * endpoint, which every private-subnet VPC should have.
 * (GB processed is billed in either direction; the data leaving to the
 * internet is also billed as internet egress, which is the data-transfer
 * plugin's line, not this one's.)
 *
 * Capacity: one gateway scales to 100 Gbps and 55,000 simultaneous
 * connections per destination, far beyond the seed's needs; the plugin
 * reports the GB processed.
 *
 * Worked month (Sydney, one gateway): 730 h x $0.059 = $43.07; 5 GB outbound
 * + 10 GB of logs = 15 GB x $0.059 = $0.885; IPv4 730 h x $0.005 = $3.65;
 * $47.61 in all (vs the seed's ~$32).
 */
#include <pc-plugin.h>

enum { P_GATEWAYS, P_OUTBOUND_GB, P_LOGS_VIA_NAT, P_COUNT };
static const PcParamSpec params[] = {
  [P_GATEWAYS] = PC_INT ("gateways", "1", "gateways", 1, 6, "NAT gateways (1; one per AZ for high availability)"),
  [P_OUTBOUND_GB] = PC_DOUBLE ("outbound_gb", "5", "GB", 0, 1e9, "GB a month the tasks send and receive on their own outbound calls (third-party APIs, image pulls)"),
  [P_LOGS_VIA_NAT] = PC_BOOL ("logs_via_nat", "true", "log shipping to CloudWatch Logs crosses the NAT (no logs VPC endpoint)"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_PROCESSED_GB, M_GATEWAYS, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_PROCESSED_GB] = { "processed_gb", "GB", "GB processed by the NAT gateways this month" },
  [M_GATEWAYS] = { "gateways", "gateways", "NAT gateways running" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  gint64 gateways;
  double outbound_gb;
  gboolean logs_via_nat;
  const PcPrice *hour, *gb, *ipv4;
} Nat;

static gpointer
nat_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Nat *nat = g_new0 (Nat, 1);
  nat->gateways = pc_config_int (config, P_GATEWAYS);
  nat->outbound_gb = pc_config_double (config, P_OUTBOUND_GB);
  nat->logs_via_nat = pc_config_bool (config, P_LOGS_VIA_NAT);
  if (!(nat->hour = pc_catalog_price (catalog, "nat.hour", error)) ||
      !(nat->gb = pc_catalog_price (catalog, "nat.gb", error)) ||
      !(nat->ipv4 = pc_catalog_price (catalog, "vpc.public_ipv4.hour", error)))
    return NULL;
  return g_steal_pointer (&nat);
}

static gboolean
nat_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Nat *nat = state;
  double gateway_hours = (double) nat->gateways * ctx->hours;
  double processed = nat->outbound_gb + (nat->logs_via_nat ? demand->log_gb : 0.0);
  pc_result_charge (result, "NAT gateway-hours", nat->hour, gateway_hours, ctx);
  pc_result_charge (result, "GB processed", nat->gb, processed, ctx);
  pc_result_charge (result, "public IPv4 (one per gateway)", nat->ipv4, gateway_hours, ctx);
  pc_result_metric (result, M_PROCESSED_GB, processed);
  pc_result_metric (result, M_GATEWAYS, (double) nat->gateways);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "nat-gateway",
                  .version = "1.0",
                  .summary = "NAT gateway: hours, GB processed (outbound calls, log shipping), public IPv4",
                  .stage = PC_STAGE_NETWORK,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = nat_create,
                  .step = nat_step,
                  .destroy = g_free)
