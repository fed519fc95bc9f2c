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
 * Stage ordering.  The proxy is a PROXY-stage component: it steps after the
 * compute and cache stages that open connections and before the DATABASE
 * stage, so the database counts the connections the proxy left it.
 *
 * Cost.  AWS: "RDS Proxy is priced based on the capacity of underlying
 * instances.  For provisioned instances on Amazon Aurora, Amazon RDS for
 * PostgreSQL, ... RDS Proxy is priced per vCPU per hour", with a minimum
 * charge of 2 vCPUs (aws.amazon.com/rds/proxy/pricing); AWS's price list
 * words the rate "per hour per vCPU of the RDS PostgreSQL instances
 * associated with an RDS Proxy".  A proxy's target is one RDS DB instance or
 * one Aurora DB cluster (RDS API reference, DBProxyTarget: "an RDS DB
 * instance or Aurora DB cluster that the proxy can connect to"), and a
 * cluster target associates every instance of the cluster: the writer
 * (READ_WRITE) and the readers (READ_ONLY, served through a read-only proxy
 * endpoint).  So the proxy bills
 *     max(target_instances x target_vcpus, 2) x 730 h x rds.proxy.vcpu_hour:
 * an RDS instance is one target instance whatever its Multi-AZ standby (the
 * standby is not a separate instance of the target, and an RDS read replica
 * is a separate instance the proxy does not front); an Aurora cluster of a
 * writer and a reader is two.  (Aurora Serverless v2 targets bill per ACU
 * instead; not modelled here.)
 *
 * Worked month (Sydney): a db.t4g.* target of 2 vCPU: 2 x 730 = 1,460
 * vCPU-hours x $0.018 = $26.28; the seed's v3.0 Aurora cluster of two
 * db.t4g.medium (2 vCPU each): 4 x 730 = 2,920 vCPU-hours x $0.018 = $52.56.
 */
#include <pc-plugin.h>

enum { P_TARGET_VCPUS, P_POOL, P_TARGET_INSTANCES, P_COUNT };
static const PcParamSpec params[] = {
  [P_TARGET_VCPUS] = PC_INT ("target_vcpus", "2", "vCPU", 1, 192, "vCPUs of each instance of the target (at least 2 are billed in all)"),
  [P_POOL] = PC_INT ("pool_size", "100", "connections", 1, 5000, "most connections the proxy opens to the database (MaxConnectionsPercent x max_connections)"),
  [P_TARGET_INSTANCES] = PC_INT ("target_instances", "1", "instances", 1, 16, "instances of the target: 1 for an RDS instance, writer + readers for an Aurora cluster"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_BILLED_VCPUS, M_POOLED, M_DB_CONNECTIONS, M_SAVED, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_BILLED_VCPUS] = { "billed_vcpus", "vCPU", "vCPUs of the target's instances billed (minimum 2)" },
  [M_POOLED] = { "connections_pooled", "connections", "peak client connections the proxy accepts and pools" },
  [M_DB_CONNECTIONS] = { "db_connections", "connections", "peak connections the proxy opens to the database" },
  [M_SAVED] = { "connections_saved", "connections", "client connections the database does not see" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

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
  gint64 vcpus = pc_config_int (config, P_TARGET_VCPUS) * pc_config_int (config, P_TARGET_INSTANCES);
  p->billed_vcpus = (double) MAX (vcpus, MIN_BILLED_VCPUS);
  p->pool_size = (double) pc_config_int (config, P_POOL);
  if (!(p->vcpu_hour = pc_catalog_price (catalog, "rds.proxy.vcpu_hour", error)))
    return NULL;
  return g_steal_pointer (&p);
}

static gboolean
proxy_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Proxy *p = state;
  double clients = demand->db_connections_peak;
  double to_database = MIN (clients, p->pool_size);
  demand->db_connections_peak = to_database;
  pc_result_charge (result, "proxy vCPU-hours (target instances)", p->vcpu_hour, p->billed_vcpus * ctx->hours, ctx);
  pc_result_metric (result, M_BILLED_VCPUS, p->billed_vcpus);
  pc_result_metric (result, M_POOLED, clients);
  pc_result_metric (result, M_DB_CONNECTIONS, to_database);
  pc_result_metric (result, M_SAVED, clients - to_database);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "rds-proxy",
                  .version = "1.0",
                  .summary = "RDS Proxy: per-vCPU cost of the target, pools client connections",
                  .stage = PC_STAGE_PROXY,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = proxy_create,
                  .step = proxy_step,
                  .destroy = g_free)
