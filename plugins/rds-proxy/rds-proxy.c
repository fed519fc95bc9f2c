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
 * writer and a reader is two.
 *
 * Aurora Serverless v2 targets (target=serverless_v2).  AWS's RDS Proxy
 * pricing page (aws.amazon.com/rds/proxy/pricing/) prices a Serverless v2
 * target per ACU-hour of the target's capacity, with a minimum charge of 8
 * ACUs; AWS's feed item is rds.proxy.acu_hour (feed rds-proxy, 2025-05-23),
 * and the catalog's note on it records the same minimum.  The proxy steps
 * before the database sees the month, on the
 * same demand, so it sizes the cluster as aurora-postgres does
 * (plugins/common/db-serverless.h, with target_min_acu, target_max_acu,
 * target_instances and target_read_share set as on the cluster) and bills,
 * at each load level k,
 *     hours_k x max(8, writer ACUs_k + readers x reader ACUs_k)
 * ACU-hours at rds.proxy.acu_hour.  (Scale to zero is not available to a
 * cluster behind RDS Proxy, AWS's Serverless v2 guide says, so
 * target_min_acu should be 0.5 or more.)
 *
 * Worked month (Sydney): a db.t4g.* target of 2 vCPU: 2 x 730 = 1,460
 * vCPU-hours x $0.018 = $26.28; the seed's v3.0 Aurora cluster of two
 * db.t4g.medium (2 vCPU each): 4 x 730 = 2,920 vCPU-hours x $0.018 = $52.56.
 * A Serverless v2 writer at 1 ACU for 600 h and 12 ACUs for 130 h: 600 x 8
 * + 130 x 12 = 6,360 ACU-hours x $0.025 = $159.00 (us-east-1 x $0.015 =
 * $95.40).
 */
#include <pc-plugin.h>

#include "db-instance.h"
#include "db-serverless.h"

enum { P_TARGET_VCPUS, P_POOL, P_TARGET_INSTANCES, P_TARGET, P_MIN_ACU, P_MAX_ACU, P_READ_SHARE, P_COUNT };
enum { TARGET_PROVISIONED, TARGET_SERVERLESS_V2, TARGET_COUNT };
static const char *const target_names[] = { [TARGET_PROVISIONED] = "provisioned", [TARGET_SERVERLESS_V2] = "serverless_v2" };
PC_CHECK_TABLE (target_names, TARGET_COUNT);
static const PcParamSpec params[] = {
  [P_TARGET_VCPUS] = PC_INT ("target_vcpus", "2", "vCPU", 1, 192, "provisioned: vCPUs of each instance of the target (at least 2 are billed in all)"),
  [P_POOL] = PC_INT ("pool_size", "100", "connections", 1, 5000, "most connections the proxy opens to the database (MaxConnectionsPercent x max_connections)"),
  [P_TARGET_INSTANCES] = PC_INT ("target_instances", "1", "instances", 1, 16, "instances of the target: 1 for an RDS instance, writer + readers for an Aurora cluster"),
  [P_TARGET] = PC_CHOICE ("target", "provisioned", target_names, "provisioned instances (billed per vCPU) or an Aurora Serverless v2 cluster (billed per ACU)"),
  [P_MIN_ACU] = PC_DOUBLE ("target_min_acu", "0.5", "ACU", 0, DB_ACU_MAX, "serverless_v2: the cluster's min_acu (as set on aurora-postgres)"),
  [P_MAX_ACU] = PC_DOUBLE ("target_max_acu", "16", "ACU", 1, DB_ACU_MAX, "serverless_v2: the cluster's max_acu (as set on aurora-postgres)"),
  [P_READ_SHARE] = PC_DOUBLE ("target_read_share", "1.0", "ratio", 0, 1, "serverless_v2: the cluster's replica_read_share (as set on aurora-postgres)"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_BILLED_VCPUS, M_POOLED, M_DB_CONNECTIONS, M_SAVED, M_BILLED_ACU_HOURS, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_BILLED_VCPUS] = { "billed_vcpus", "vCPU", "provisioned: vCPUs of the target's instances billed (minimum 2); 0 for a Serverless v2 target" },
  [M_POOLED] = { "connections_pooled", "connections", "peak client connections the proxy accepts and pools" },
  [M_DB_CONNECTIONS] = { "db_connections", "connections", "peak connections the proxy opens to the database" },
  [M_SAVED] = { "connections_saved", "connections", "client connections the database does not see" },
  [M_BILLED_ACU_HOURS] = { "billed_acu_hours", "ACU-hours", "serverless_v2: ACU-hours billed (the target's, at least 8 ACUs every hour); 0 otherwise" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

/* RDS Proxy's billing floors: 2 vCPUs for provisioned targets, 8 ACUs for
 * Aurora Serverless v2 targets. */
#define MIN_BILLED_VCPUS 2
#define MIN_BILLED_ACUS 8.0

typedef struct {
  gboolean serverless;
  double billed_vcpus, pool_size;
  double min_acu, max_acu, read_share, instances;   /* serverless_v2 */
  const PcPrice *vcpu_hour, *acu_hour;
} Proxy;

static gboolean
resolve_serverless (Proxy *p, const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  p->min_acu = pc_config_double (config, P_MIN_ACU);
  p->max_acu = pc_config_double (config, P_MAX_ACU);
  p->read_share = pc_config_double (config, P_READ_SHARE);
  if (p->min_acu > p->max_acu) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG, "target serverless_v2: target_min_acu %g is above "
                 "target_max_acu %g; allowed: 0 <= target_min_acu <= target_max_acu <= %g", p->min_acu, p->max_acu,
                 DB_ACU_MAX);
    return FALSE;
  }
  return (p->acu_hour = pc_catalog_price (catalog, "rds.proxy.acu_hour", error)) != NULL;
}

static gpointer
proxy_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Proxy *p = g_new0 (Proxy, 1);
  p->serverless = pc_config_choice (config, P_TARGET) == TARGET_SERVERLESS_V2;
  p->instances = (double) pc_config_int (config, P_TARGET_INSTANCES);
  p->pool_size = (double) pc_config_int (config, P_POOL);
  if (p->serverless)
    return resolve_serverless (p, config, catalog, error) ? g_steal_pointer (&p) : NULL;
  gint64 vcpus = pc_config_int (config, P_TARGET_VCPUS) * pc_config_int (config, P_TARGET_INSTANCES);
  p->billed_vcpus = (double) MAX (vcpus, MIN_BILLED_VCPUS);
  if (!(p->vcpu_hour = pc_catalog_price (catalog, "rds.proxy.vcpu_hour", error)))
    return NULL;
  return g_steal_pointer (&p);
}

/* ACU-hours billed for a Serverless v2 target: at each load level the ACUs
 * of the writer and the readers (the demand the database stage will see,
 * split as aurora-postgres splits it), at least 8. */
static double
billed_acu_hours (const Proxy *p, const PcDemand *demand)
{
  double writer[PC_MAX_LEVELS], reader[PC_MAX_LEVELS], queries = 0, reader_cpu = 0, readers = p->instances - 1;
  if (readers > 0)
    db_cluster_reader_shares (demand, p->read_share, &queries, &reader_cpu);
  db_serverless_acus (demand, 1.0 - reader_cpu, p->min_acu, p->max_acu, writer);
  db_serverless_acus (demand, readers > 0 ? reader_cpu / readers : 0.0, p->min_acu, p->max_acu, reader);
  double hours = 0;
  for (guint k = 0; k < demand->n_levels; k++)
    hours += demand->level_hours[k] * MAX (MIN_BILLED_ACUS, writer[k] + readers * reader[k]);
  return hours;
}

static gboolean
proxy_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Proxy *p = state;
  double clients = demand->db_connections_peak;
  double to_database = MIN (clients, p->pool_size);
  double acu_hours = p->serverless ? billed_acu_hours (p, demand) : 0.0;
  demand->db_connections_peak = to_database;
  if (p->serverless)
    pc_result_charge (result, "proxy ACU-hours (Serverless v2 target)", p->acu_hour, acu_hours, ctx);
  else
    pc_result_charge (result, "proxy vCPU-hours (target instances)", p->vcpu_hour, p->billed_vcpus * ctx->hours, ctx);
  pc_result_metric (result, M_BILLED_VCPUS, p->billed_vcpus);
  pc_result_metric (result, M_POOLED, clients);
  pc_result_metric (result, M_DB_CONNECTIONS, to_database);
  pc_result_metric (result, M_SAVED, clients - to_database);
  pc_result_metric (result, M_BILLED_ACU_HOURS, acu_hours);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "rds-proxy",
                  .version = "1.1",
                  .summary = "RDS Proxy: per-vCPU (provisioned) or per-ACU (Aurora Serverless v2) cost of the target, pools client connections",
                  .stage = PC_STAGE_PROXY,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = proxy_create,
                  .step = proxy_step,
                  .destroy = g_free)
