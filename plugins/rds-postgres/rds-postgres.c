/* rds-postgres - RDS for PostgreSQL on a burstable db.t4g instance: CPU,
 * credits, connections, latency, storage, backups, read replicas.
 *
 * Instance facts (not prices), from the AWS documentation: "DB instance
 * classes" / "Hardware specifications for DB instance classes"
 * (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/Concepts.DBInstanceClass.Summary.html)
 * and the EC2 burstable baseline table (docs.aws.amazon.com/AWSEC2/latest/
 * UserGuide/burstable-credits-baseline-concepts.html):
 *     db.t4g.micro   2 vCPU  1 GiB  baseline 10 % per vCPU
 *     db.t4g.small   2 vCPU  2 GiB  baseline 20 % per vCPU
 *     db.t4g.medium  2 vCPU  4 GiB  baseline 20 % per vCPU
 * RDS runs T4g classes in Unlimited mode.  The PostgreSQL default
 * max_connections is LEAST({DBInstanceClassMemory/9531392}, 5000)
 * (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html); we take
 * DBInstanceClassMemory as the nominal memory, so 1 GiB -> 112, 2 GiB -> 225,
 * 4 GiB -> 450 (the real figure is a little lower: the OS keeps some memory).
 *
 * Capacity.  Each hour h the application sends q_h = rps_h x
 * db_queries_per_request queries, a share r = db_read_share of them reads.
 * With n read replicas, the share s = replica_read_share of the reads goes
 * to the replicas (evenly), the rest and all writes to the primary:
 *     primary vCPU demand  d_h = q_h (1 - r s) x db_cpu_ms_per_query / 1000
 *     each replica         e_h = q_h r s / n   x db_cpu_ms_per_query / 1000
 * cpu_utilisation is the day's mean of d_h / vCPU, cpu_utilisation_peak the
 * busiest hour's d_h x peak_factor / vCPU (above 1 means saturated).
 * Latency: a query is served by an M/M/c queue with c = vCPU, mu = 1000 /
 * db_cpu_ms_per_query, lambda = the peak hour's query rate x peak_factor on
 * that instance; a request waits db_queries_per_request x the mean of the
 * primary's and the replicas' response times weighted by the share of
 * queries each serves.  That is added to demand->response_time_s.
 *
 * CPU credits (Unlimited mode).  Over the month an instance earns its
 * baseline, baseline x vCPU x 730 vCPU-hours; the vCPU-hours it uses above
 * that (each hour capped at its vCPU count) are surplus credits, billed at
 * rds.cpu_credit.t4g_vcpu_hour.  Replicas are the same class and are billed
 * the same way (one line for all instances).
 *
 * Storage and backups.  Provisioned storage is max(allocated_gb,
 * ceil(db_storage_gb)) at rds.storage.<gp2|gp3>.<single|multi>_az_gb_month.
 * Automated backups with a retention of R days keep a full snapshot plus the
 * daily changes, modelled as db_storage_gb x (1 + change_rate x R); backup
 * storage up to 100 % of the provisioned storage is free, the rest is billed
 * at rds.backup.gb_month (the free amount is counted on the primary's
 * storage only).  R = 0 disables automated backups.
 *
 * Read replicas: each is a Single-AZ instance of the same class
 * (rds.postgres.<class>.single_az_hour) with its own copy of the storage at
 * the Single-AZ rate.
 *
 * Worked month (Sydney, the seed's MVP): db.t4g.micro Single-AZ 730 h x
 * $0.025 = $18.25, 20 GB gp3 x $0.138 = $2.76; no load, so no surplus
 * credits, and no database data, so no backup beyond the free 20 GB:
 * $21.01 in all.
 */
#include <math.h>
#include <pc-plugin.h>

enum { P_CLASS, P_MULTI_AZ, P_STORAGE, P_ALLOCATED, P_RETENTION, P_CHANGE, P_REPLICAS, P_REPLICA_SHARE };
static const PcParamSpec params[] = {
  { "instance_class", PC_PARAM_ENUM, "db.t4g.micro", "", 0, 0, "db.t4g.micro|db.t4g.small|db.t4g.medium",
    "DB instance class (burstable Graviton, Unlimited mode)" },
  { "multi_az", PC_PARAM_BOOL, "false", "", 0, 1, NULL, "Multi-AZ deployment with one standby" },
  { "storage_type", PC_PARAM_ENUM, "gp3", "", 0, 0, "gp2|gp3", "General Purpose SSD generation" },
  { "allocated_gb", PC_PARAM_DOUBLE, "20", "GB", 20, 65536, NULL, "provisioned storage (grows to fit the data)" },
  { "backup_retention_days", PC_PARAM_INT, "7", "days", 0, 35, NULL, "automated backup retention (0 disables)" },
  { "change_rate", PC_PARAM_DOUBLE, "0.05", "ratio", 0, 1, NULL,
    "share of the database changed per day (sizes the incremental backups)" },
  { "read_replicas", PC_PARAM_INT, "0", "instances", 0, 5, NULL, "Single-AZ read replicas of the same class" },
  { "replica_read_share", PC_PARAM_DOUBLE, "1.0", "ratio", 0, 1, NULL,
    "share of reads routed to the replicas when there are any (split evenly)" },
};

enum { M_CPU, M_CPU_PEAK, M_SURPLUS, M_STORAGE, M_BACKUP, M_BACKUP_BILLED, M_MAX_CONN, M_CONN, M_RESPONSE,
       M_PRIMARY_QPS, M_REPLICA_CPU, M_REPLICA_CPU_PEAK };
static const PcMetricSpec metrics[] = {
  { "cpu_utilisation", "ratio", "primary's mean CPU utilisation over the day" },
  { "cpu_utilisation_peak", "ratio", "primary's CPU utilisation at the peak second of the busiest hour" },
  { "credit_surplus_vcpu_hours", "vCPU-hours", "vCPU-hours above the baseline this month, all instances" },
  { "storage_gb", "GB", "provisioned storage of the primary" },
  { "backup_gb", "GB", "automated backup storage (snapshot + retained changes)" },
  { "backup_billed_gb", "GB", "backup storage above the free 100 % of provisioned storage" },
  { "max_connections", "connections", "PostgreSQL default max_connections of the class" },
  { "connections_utilisation", "ratio", "peak client connections / max_connections" },
  { "response_time_s", "s", "database time per request at the peak hour (M/M/c per query)" },
  { "primary_queries_per_s_peak", "queries/s", "peak-second query rate on the primary" },
  { "replica_cpu_utilisation", "ratio", "each replica's mean CPU utilisation over the day" },
  { "replica_cpu_utilisation_peak", "ratio", "each replica's CPU utilisation at the peak second" },
};

typedef struct {
  const char *key;       /* catalog segment */
  double vcpu, memory_gib, baseline;
} InstanceClass;

static const InstanceClass classes[] = {
  { "db_t4g_micro", 2, 1, 0.10 },
  { "db_t4g_small", 2, 2, 0.20 },
  { "db_t4g_medium", 2, 4, 0.20 },
};

typedef struct {
  const InstanceClass *cls;
  gboolean multi_az;
  double allocated_gb, change_rate, replica_share, max_connections;
  gint64 retention_days, replicas;
  const PcPrice *instance_hour, *replica_hour, *storage_gb, *replica_storage_gb, *backup, *credit;
} Rds;

/* One instance's day: vCPU demand per hour and its peak-second load. */
typedef struct {
  double busy_vcpu_day, credit_vcpu_day, peak_vcpu, peak_qps;
} InstanceLoad;

/* The price of key "rds.<a>.<b>.<c>" (AWS names with dots spelled with _). */
static const PcPrice *
price (const PcCatalog *catalog, const char *a, const char *b, const char *c, GError **error)
{
  char key[128];
  g_snprintf (key, sizeof key, "rds.%s.%s.%s", a, b, c);
  return pc_catalog_price (catalog, key, error);
}

static gpointer
rds_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Rds *r = g_new0 (Rds, 1);
  const char *storage = pc_config_choice (config, P_STORAGE) == 0 ? "gp2" : "gp3";
  r->cls = &classes[pc_config_choice (config, P_CLASS)];
  r->multi_az = pc_config_bool (config, P_MULTI_AZ);
  r->allocated_gb = pc_config_double (config, P_ALLOCATED);
  r->retention_days = pc_config_int (config, P_RETENTION);
  r->change_rate = pc_config_double (config, P_CHANGE);
  r->replicas = pc_config_int (config, P_REPLICAS);
  r->replica_share = r->replicas > 0 ? pc_config_double (config, P_REPLICA_SHARE) : 0.0;
  r->max_connections = MIN (floor (r->cls->memory_gib * 1073741824.0 / 9531392.0), 5000.0);
  if (!(r->instance_hour = price (catalog, "postgres", r->cls->key, r->multi_az ? "multi_az_hour" : "single_az_hour",
                                  error)) ||
      !(r->storage_gb = price (catalog, "storage", storage, r->multi_az ? "multi_az_gb_month" : "single_az_gb_month",
                               error)) ||
      !(r->backup = pc_catalog_price (catalog, "rds.backup.gb_month", error)) ||
      !(r->credit = pc_catalog_price (catalog, "rds.cpu_credit.t4g_vcpu_hour", error)))
    return NULL;
  if (r->replicas > 0 &&
      (!(r->replica_hour = price (catalog, "postgres", r->cls->key, "single_az_hour", error)) ||
       !(r->replica_storage_gb = price (catalog, "storage", storage, "single_az_gb_month", error))))
    return NULL;
  return g_steal_pointer (&r);
}

/* Load of one instance that serves @share of all queries. */
static InstanceLoad
instance_load (const Rds *r, const PcDemand *demand, double share)
{
  InstanceLoad load = { 0, 0, 0, 0 };
  double peak_rps = -1;
  for (guint h = 0; h < 24; h++) {
    double qps = demand->rps_by_hour[h] * demand->db_queries_per_request * share;
    double vcpu = qps * demand->db_cpu_ms_per_query / 1000.0;
    load.busy_vcpu_day += vcpu;
    load.credit_vcpu_day += MIN (vcpu, r->cls->vcpu);
    if (demand->rps_by_hour[h] > peak_rps) {
      peak_rps = demand->rps_by_hour[h];
      load.peak_vcpu = vcpu * demand->peak_factor;
      load.peak_qps = qps * demand->peak_factor;
    }
  }
  return load;
}

static double
query_response_s (const Rds *r, const PcDemand *demand, const InstanceLoad *load)
{
  if (demand->db_cpu_ms_per_query <= 0 || load->peak_qps <= 0)
    return demand->db_cpu_ms_per_query / 1000.0;
  return pc_mmc_response_time ((guint) r->cls->vcpu, load->peak_qps, 1000.0 / demand->db_cpu_ms_per_query);
}

static double
surplus_vcpu_hours (const Rds *r, const InstanceLoad *load, double hours)
{
  double used = load->credit_vcpu_day * hours / 24.0;
  return MAX (0.0, used - r->cls->baseline * r->cls->vcpu * hours);
}

static void
charge (const Rds *r, const PcDemand *demand, const PcStepContext *ctx, PcStepResult *result, double storage_gb,
        double surplus)
{
  double backup_gb = r->retention_days > 0 ? demand->db_storage_gb * (1.0 + r->change_rate * (double) r->retention_days) : 0;
  double billed_backup = MAX (0.0, backup_gb - storage_gb);
  pc_result_charge (result, r->multi_az ? "Multi-AZ instance-hours" : "instance-hours", r->instance_hour, ctx->hours, ctx);
  pc_result_charge (result, "storage GB-months", r->storage_gb, storage_gb, ctx);
  pc_result_charge (result, "backup storage above the free allocation", r->backup, billed_backup, ctx);
  pc_result_charge (result, "surplus CPU credits (Unlimited)", r->credit, surplus, ctx);
  if (r->replicas > 0) {
    pc_result_charge (result, "read replica instance-hours", r->replica_hour, ctx->hours * (double) r->replicas, ctx);
    pc_result_charge (result, "read replica storage GB-months", r->replica_storage_gb, storage_gb * (double) r->replicas,
                      ctx);
  }
  pc_result_metric (result, M_BACKUP, backup_gb);
  pc_result_metric (result, M_BACKUP_BILLED, billed_backup);
}

static gboolean
rds_step (gpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Rds *r = state;
  double replica_query_share = demand->db_read_share * r->replica_share;
  InstanceLoad primary = instance_load (r, demand, 1.0 - replica_query_share);
  InstanceLoad replica = { 0, 0, 0, 0 };
  double replica_response = 0, surplus = surplus_vcpu_hours (r, &primary, ctx->hours);
  if (r->replicas > 0) {
    replica = instance_load (r, demand, replica_query_share / (double) r->replicas);
    replica_response = query_response_s (r, demand, &replica);
    surplus += (double) r->replicas * surplus_vcpu_hours (r, &replica, ctx->hours);
  }
  double per_query = (1.0 - replica_query_share) * query_response_s (r, demand, &primary) +
                     replica_query_share * replica_response;
  double response = MIN (PC_SATURATED_RESPONSE_S, demand->db_queries_per_request * per_query);
  demand->response_time_s += response;
  double storage_gb = MAX (r->allocated_gb, ceil (demand->db_storage_gb - 1e-9));
  charge (r, demand, ctx, result, storage_gb, surplus);
  pc_result_metric (result, M_CPU, primary.busy_vcpu_day / 24.0 / r->cls->vcpu);
  pc_result_metric (result, M_CPU_PEAK, primary.peak_vcpu / r->cls->vcpu);
  pc_result_metric (result, M_SURPLUS, surplus);
  pc_result_metric (result, M_STORAGE, storage_gb);
  pc_result_metric (result, M_MAX_CONN, r->max_connections);
  pc_result_metric (result, M_CONN, demand->db_connections_peak / r->max_connections);
  pc_result_metric (result, M_RESPONSE, response);
  pc_result_metric (result, M_PRIMARY_QPS, primary.peak_qps);
  pc_result_metric (result, M_REPLICA_CPU, replica.busy_vcpu_day / 24.0 / r->cls->vcpu);
  pc_result_metric (result, M_REPLICA_CPU_PEAK, replica.peak_vcpu / r->cls->vcpu);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE ("rds-postgres", "1.0",
                  "RDS for PostgreSQL on db.t4g: CPU and credits, M/M/c latency, connections, storage, backups, replicas",
                  PC_STAGE_DATABASE, params, metrics, rds_create, rds_step, g_free)
