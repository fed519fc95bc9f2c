/* public-ipv4 - public IPv4 addresses of the VPC, in use and idle.
 *
 * Since February 2024 AWS charges every public IPv4 address by the hour,
 * whether attached (vpc.public_ipv4.hour) or allocated and idle
 * (vpc.public_ipv4_idle.hour, an unattached Elastic IP).  An
 * internet-facing ALB holds one address per subnet (2 in two AZs), a NAT
 * gateway one, a public RDS instance one.  Addresses that another
 * component already charges (the ecs-fargate plugin bills one per task
 * with public_ip) must not be counted again here.  Addresses are held all
 * month: addresses x 730 h.
 *
 * Worked month (Sydney): 2 in-use addresses (an ALB in two AZs) and 1 idle
 * Elastic IP: 1,460 IP-h x $0.005 = $7.30 and 730 x $0.005 = $3.65;
 * $10.95 in all.
 */
#include <pc-plugin.h>

enum { P_ADDRESSES, P_IDLE, P_COUNT };
static const PcParamSpec params[] = {
  [P_ADDRESSES] = PC_INT ("addresses", "1", "addresses", 0, 100000, "public IPv4 addresses attached to a resource (ALB: one per AZ, NAT gateway: one)"),
  [P_IDLE] = PC_INT ("idle_addresses", "0", "addresses", 0, 100000, "allocated Elastic IPs not attached"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_ADDRESSES, M_IP_HOURS, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_ADDRESSES] = { "addresses", "addresses", "public IPv4 addresses held, in use and idle" },
  [M_IP_HOURS] = { "ip_hours", "IP-hours", "address-hours billed this month" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  double addresses, idle;
  const PcPrice *in_use, *idle_hour;
} PublicIpv4;

static gpointer
ipv4_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree PublicIpv4 *p = g_new0 (PublicIpv4, 1);
  p->addresses = (double) pc_config_int (config, P_ADDRESSES);
  p->idle = (double) pc_config_int (config, P_IDLE);
  if (!(p->in_use = pc_catalog_price (catalog, "vpc.public_ipv4.hour", error)) ||
      !(p->idle_hour = pc_catalog_price (catalog, "vpc.public_ipv4_idle.hour", error)))
    return NULL;
  return g_steal_pointer (&p);
}

static gboolean
ipv4_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const PublicIpv4 *p = state;
  pc_result_charge (result, "in-use public IPv4", p->in_use, p->addresses * ctx->hours, ctx);
  if (p->idle > 0)
    pc_result_charge (result, "idle public IPv4", p->idle_hour, p->idle * ctx->hours, ctx);
  pc_result_metric (result, M_ADDRESSES, p->addresses + p->idle);
  pc_result_metric (result, M_IP_HOURS, (p->addresses + p->idle) * ctx->hours);
  (void) demand;
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "public-ipv4",
                  .version = "1.0",
                  .summary = "Public IPv4 addresses: in-use and idle address-hours",
                  .stage = PC_STAGE_INGRESS,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = ipv4_create,
                  .step = ipv4_step,
                  .destroy = g_free)
