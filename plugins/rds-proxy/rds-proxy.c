/* rds-proxy - RDS Proxy in front of an RDS instance: connection pooling, cost.
 *
 * What it does.  Clients (tasks, functions) connect to the proxy, which
 * multiplexes them over a pool of at most pool_size connections to the
 * database (RDS Proxy's MaxConnectionsPercent of the target's
 * max_connections).  So the database sees
 *     db_connections_peak' = min(db_connections_peak, pool_size)
 * and the plugin reports the client connections it pooled and how many the
 * database was spared.
 *
 * Stage ordering.  The proxy is a DATABASE-stage component like the
 * database itself; components of the same stage step in roadmap order.  In a
 * roadmap, declare the proxy BEFORE the database it fronts, or the database
 * will have measured its connections before the proxy pooled them.
 *
 * Cost: for a provisioned target, RDS Proxy bills every vCPU of the target
 * instance per hour, with a minimum of 2 vCPUs
 * (aws.amazon.com/rds/proxy/pricing): max(target_vcpus, 2) x 730 h x
 * rds.proxy.vcpu_hour.  (Aurora Serverless v2 targets bill per ACU instead;
 * not modelled here.)
 *
 * Worked month (Sydney, a db.t4g.* target of 2 vCPU): 2 x 730 = 1,460
 * vCPU-hours x $0.018 = $26.28.
 */
#include <pc-plugin.h>

enum { P_TARGET_VCPUS, P_POOL };
static const PcParamSpec params[] = {
  { "target_vcpus", PC_PARAM_INT, "2", "vCPU", 1, 192, NULL, "vCPUs of the target DB instance (at least 2 are billed)" },
  { "pool_size", PC_PARAM_INT, "100", "connections", 1, 5000, NULL,
    "most connections the proxy opens to the database (MaxConnectionsPercent x max_connections)" },
};

enum { M_BILLED_VCPUS, M_POOLED, M_DB_CONNECTIONS, M_SAVED };
static const PcMetricSpec metrics[] = {
  { "billed_vcpus", "vCPU", "target vCPUs billed (minimum 2)" },
  { "connections_pooled", "connections", "peak client connections the proxy accepts and pools" },
  { "db_connections", "connections", "peak connections the proxy opens to the database" },
  { "connections_saved", "connections", "client connections the database does not see" },
};

/* RDS Proxy's billing floor for provisioned targets. */
#define MIN_BILLED_VCPUS 2

typedef struct {
  double billed_vcpus, pool_size;
  const PcPrice *vcpu_hour;
} Proxy;

static gpointer
proxy_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Proxy *p = g_new0 (Proxy, 1);
  p->billed_vcpus = (double) MAX (pc_config_int (config, P_TARGET_VCPUS), MIN_BILLED_VCPUS);
  p->pool_size = (double) pc_config_int (config, P_POOL);
  if (!(p->vcpu_hour = pc_catalog_price (catalog, "rds.proxy.vcpu_hour", error)))
    return NULL;
  return g_steal_pointer (&p);
}

static gboolean
proxy_step (gpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Proxy *p = state;
  double clients = demand->db_connections_peak;
  double to_database = MIN (clients, p->pool_size);
  demand->db_connections_peak = to_database;
  pc_result_charge (result, "proxy vCPU-hours (target instance)", p->vcpu_hour, p->billed_vcpus * ctx->hours, ctx);
  pc_result_metric (result, M_BILLED_VCPUS, p->billed_vcpus);
  pc_result_metric (result, M_POOLED, clients);
  pc_result_metric (result, M_DB_CONNECTIONS, to_database);
  pc_result_metric (result, M_SAVED, clients - to_database);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE ("rds-proxy", "1.0", "RDS Proxy: per-vCPU cost of the target, pools client connections",
                  PC_STAGE_DATABASE, params, metrics, proxy_create, proxy_step, g_free)
