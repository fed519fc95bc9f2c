/* aurora-postgres - Aurora PostgreSQL (provisioned): a writer and readers,
 * CPU and latency, cluster storage, I/O, backups.
 *
 * Instance facts (not prices), from the AWS documentation "Hardware
 * specifications for DB instance classes for Aurora"
 * (docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.DBInstanceClass.Summary.html)
 * and the burstable baseline table (docs.aws.amazon.com/AWSEC2/latest/
 * UserGuide/burstable-credits-baseline-concepts.html):
 *     db.t4g.medium  2 vCPU   4 GiB  burstable, baseline 20 % per vCPU (Unlimited mode)
 *     db.r6g.large   2 vCPU  16 GiB  not burstable
 * Aurora PostgreSQL's default max_connections is LEAST({DBInstanceClassMemory
 * /9531392}, 5000) (docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/
 * AuroraPostgreSQL.Managing.html); with the nominal memory: 450 and 1802.
 *
 * Capacity, as rds-postgres: each hour h the cluster receives q_h = rps_h x
 * db_queries_per_request queries, a share r = db_read_share reads.  With
 * n = instances - 1 readers, the share s = replica_read_share of reads goes to
 * the readers (evenly), the rest and all writes to the writer:
 *     writer vCPU demand  d_h = q_h (1 - r s) x db_cpu_ms_per_query / 1000
 *     each reader         e_h = q_h r s / n   x db_cpu_ms_per_query / 1000
 * cpu_utilisation is the writer's daily mean of d_h / vCPU,
 * cpu_utilisation_peak its busiest hour x peak_factor.  Latency per query
 * is M/M/c (c = vCPU, mu = 1000 / db_cpu_ms_per_query, lambda = peak-second
 * rate on the instance), weighted by the share each instance serves, times
 * db_queries_per_request; added to demand->response_time_s.  For
 * db.t4g.medium the vCPU-hours above the baseline are reported as
 * credit_surplus_vcpu_hours but NOT charged: the catalog has no Aurora
 * CPU-credit price (rds.cpu_credit.* is RDS for PostgreSQL's).
 *
 * Cost (prices from the catalog):
 *   instances x 730 h x aurora.<postgres|postgres_io_optimized>.<class>.hour
 *   db_storage_gb (Aurora bills the volume actually used) x
 *       aurora.<storage|storage_io_optimized>.gb_month
 *   Standard mode only: I/O requests = requests x db_queries_per_request x
 *       io_per_query, at aurora.io.request (I/O-Optimized includes I/O)
 *   backups: db_storage_gb x (1 + change_rate x retention) kept, of which
 *       100 % of the cluster volume is free; the rest at aurora.backup.gb_month.
 *
 * Worked month (Sydney, Aurora Standard, writer + 1 reader db.t4g.medium,
 * 20 GB, 10 rps x 5 queries x 0.5 I/O): 2 x 730 h x $0.113 = $164.98,
 * 20 GB x $0.11 = $2.20, 26,280,000 requests x 5 x 0.5 = 65,700,000 I/O x
 * $0.00000022 = $14.454, backups 20 x 1.35 = 27 GB, 7 GB above the free
 * 20 GB x $0.023 = $0.161: $181.80 in all.
 */
#include <math.h>
#include <pc-plugin.h>

#include "db-instance.h"

enum { P_CLASS, P_MODE, P_INSTANCES, P_IO_PER_QUERY, P_RETENTION, P_CHANGE, P_READER_SHARE, P_COUNT };
enum { INSTANCE_CLASS_DB_T4G_MEDIUM, INSTANCE_CLASS_DB_R6G_LARGE, INSTANCE_CLASS_COUNT };
static const char *const instance_class_names[] = { [INSTANCE_CLASS_DB_T4G_MEDIUM] = "db.t4g.medium", [INSTANCE_CLASS_DB_R6G_LARGE] = "db.r6g.large" };
PC_CHECK_TABLE (instance_class_names, INSTANCE_CLASS_COUNT);
enum { STORAGE_MODE_STANDARD, STORAGE_MODE_IO_OPTIMIZED, STORAGE_MODE_COUNT };
static const char *const storage_mode_names[] = { [STORAGE_MODE_STANDARD] = "standard", [STORAGE_MODE_IO_OPTIMIZED] = "io_optimized" };
PC_CHECK_TABLE (storage_mode_names, STORAGE_MODE_COUNT);
static const PcParamSpec params[] = {
  [P_CLASS] = PC_CHOICE ("instance_class", "db.t4g.medium", instance_class_names, "DB instance class"),
  [P_MODE] = PC_CHOICE ("storage_mode", "standard", storage_mode_names, "Aurora Standard (I/O billed) or I/O-Optimized (I/O included)"),
  [P_INSTANCES] = PC_INT ("instances", "2", "instances", 1, 16, "writer + readers"),
  [P_IO_PER_QUERY] = PC_DOUBLE ("io_per_query", "0.5", "I/O", 0, 1000, "billed I/O operations per query (buffer-cache misses and writes)"),
  [P_RETENTION] = PC_INT ("backup_retention_days", "7", "days", 1, 35, "backup retention (Aurora keeps at least 1 day)"),
  [P_CHANGE] = PC_DOUBLE ("change_rate", "0.05", "ratio", 0, 1, "share of the database changed per day (sizes the retained backup)"),
  [P_READER_SHARE] = PC_DOUBLE ("replica_read_share", "1.0", "ratio", 0, 1, "share of reads routed to the readers when there are any (split evenly)"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_CPU, M_CPU_PEAK, M_READER_CPU, M_READER_CPU_PEAK, M_SURPLUS, M_STORAGE, M_IO, M_BACKUP, M_BACKUP_BILLED, M_MAX_CONN, M_CONN, M_RESPONSE, M_WRITER_QPS,
       M_MEMORY, M_HIT, M_READ_IOPS, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_CPU] = { "cpu_utilisation", "ratio", "writer's mean CPU utilisation over the day" },
  [M_CPU_PEAK] = { "cpu_utilisation_peak", "ratio", "writer's CPU utilisation at the peak second of the busiest hour" },
  [M_READER_CPU] = { "replica_cpu_utilisation", "ratio", "each reader's mean CPU utilisation over the day" },
  [M_READER_CPU_PEAK] = { "replica_cpu_utilisation_peak", "ratio", "each reader's CPU utilisation at the peak second" },
  [M_SURPLUS] = { "credit_surplus_vcpu_hours", "vCPU-hours", "t4g vCPU-hours above the baseline, all instances (not charged)" },
  [M_STORAGE] = { "storage_gb", "GB", "cluster volume billed" },
  [M_IO] = { "io_requests", "requests", "I/O requests this month" },
  [M_BACKUP] = { "backup_gb", "GB", "backup storage (volume + retained changes)" },
  [M_BACKUP_BILLED] = { "backup_billed_gb", "GB", "backup storage above the free 100 % of the volume" },
  [M_MAX_CONN] = { "max_connections", "connections", "default max_connections of the class" },
  [M_CONN] = { "connections_utilisation", "ratio", "peak client connections / max_connections (writer)" },
  [M_RESPONSE] = { "response_time_s", "s", "database time per request at the peak hour (M/M/c per query)" },
  [M_WRITER_QPS] = { "writer_queries_per_s_peak", "queries/s", "peak-second query rate on the writer" },
  [M_MEMORY] = { "memory_utilisation", "ratio", "working set / the memory that caches it (half the instance's; above 1 it does not fit)" },
  [M_HIT] = { "buffer_cache_hit_ratio", "ratio", "share of page reads found in memory" },
  [M_READ_IOPS] = { "read_iops_peak", "IOPS", "writer's read I/O per second at the peak second (cache misses, billed as I/O)" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  const char *key;
  double vcpu, memory_gib, baseline;   /* baseline 1.0: not burstable */
} InstanceClass;

static const InstanceClass classes[] = {
  { "db_t4g_medium", 2, 4, 0.20 },
  { "db_r6g_large", 2, 16, 1.0 },
};

typedef struct {
  const InstanceClass *cls;
  gboolean io_optimized;
  double io_per_query, change_rate, reader_share, max_connections;
  gint64 instances, retention_days;
  const PcPrice *instance_hour, *storage, *io, *backup;
} Aurora;

static gpointer
aurora_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Aurora *a = g_new0 (Aurora, 1);
  char key[96];
  a->cls = &classes[pc_config_choice (config, P_CLASS)];
  a->io_optimized = pc_config_choice (config, P_MODE) == 1;
  a->instances = pc_config_int (config, P_INSTANCES);
  a->io_per_query = pc_config_double (config, P_IO_PER_QUERY);
  a->retention_days = pc_config_int (config, P_RETENTION);
  a->change_rate = pc_config_double (config, P_CHANGE);
  a->reader_share = a->instances > 1 ? pc_config_double (config, P_READER_SHARE) : 0.0;
  a->max_connections = db_max_connections (a->cls->memory_gib);
  g_snprintf (key, sizeof key, "aurora.%s.%s.hour", a->io_optimized ? "postgres_io_optimized" : "postgres", a->cls->key);
  if (!(a->instance_hour = pc_catalog_price (catalog, key, error)) ||
      !(a->storage = pc_catalog_price (catalog, a->io_optimized ? "aurora.storage_io_optimized.gb_month"
                                                                : "aurora.storage.gb_month", error)) ||
      !(a->backup = pc_catalog_price (catalog, "aurora.backup.gb_month", error)))
    return NULL;
  if (!a->io_optimized && !(a->io = pc_catalog_price (catalog, "aurora.io.request", error)))
    return NULL;
  return g_steal_pointer (&a);
}

/* The share of queries and of query CPU the readers take. */
static void
reader_shares (const Aurora *a, const PcDemand *demand, double *queries, double *cpu)
{
  *queries = demand->db_replica_share * a->reader_share;
  *cpu = demand->db_replica_cpu_share * a->reader_share;
}

/* I/O this month: io_per_query for every query, plus one read I/O for each
 * row a read misses the buffer cache for. */
static double
io_requests (const Aurora *a, const PcDemand *demand, double hit)
{
  double queries = demand->requests * demand->db_queries_per_request;
  return queries * (a->io_per_query + demand->db_read_share * demand->db_rows_per_query * (1.0 - hit));
}

static void
charge (const Aurora *a, const PcDemand *demand, const PcStepContext *ctx, PcStepResult *result, double hit)
{
  double io = io_requests (a, demand, hit);
  double backup_gb = demand->db_storage_gb * (1.0 + a->change_rate * (double) a->retention_days);
  double billed_backup = MAX (0.0, backup_gb - demand->db_storage_gb);
  pc_result_charge (result, "instance-hours (writer + readers)", a->instance_hour, ctx->hours * (double) a->instances,
                    ctx);
  pc_result_charge (result, "cluster storage GB-months", a->storage, demand->db_storage_gb, ctx);
  if (!a->io_optimized)
    pc_result_charge (result, "I/O requests", a->io, io, ctx);
  pc_result_charge (result, "backup storage above the free allocation", a->backup, billed_backup, ctx);
  pc_result_metric (result, M_STORAGE, demand->db_storage_gb);
  pc_result_metric (result, M_IO, io);
  pc_result_metric (result, M_BACKUP, backup_gb);
  pc_result_metric (result, M_BACKUP_BILLED, billed_backup);
}

static void
report_memory (const Aurora *a, const PcDemand *demand, const DbLoad *writer, double to_readers, double hit,
               PcStepResult *result)
{
  double writer_reads = db_primary_read_share (demand, to_readers);
  pc_result_metric (result, M_MEMORY, demand->db_working_set_gb / db_cache_gb (a->cls->memory_gib));
  pc_result_metric (result, M_HIT, hit);
  pc_result_metric (result, M_READ_IOPS, db_read_iops_peak (demand, writer, writer_reads, hit));
}

static gboolean
aurora_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Aurora *a = state;
  DbCredits *credits = ctx->scratch;   /* [0] the writer, [1] each reader */
  double readers = (double) (a->instances - 1), to_readers = 0, reader_cpu = 0;
  if (readers > 0)
    reader_shares (a, demand, &to_readers, &reader_cpu);
  DbLoad writer = db_instance_load (demand, 1.0 - to_readers, 1.0 - reader_cpu, a->cls->vcpu);
  DbLoad reader = { 0, 0, 0, 0, 0 };
  double surplus = db_credits_spend (credits, &writer, a->cls->vcpu, a->cls->baseline);
  if (readers > 0) {
    reader = db_instance_load (demand, to_readers / readers, reader_cpu / readers, a->cls->vcpu);
    surplus += readers * db_credits_spend (credits ? &credits[1] : NULL, &reader, a->cls->vcpu, a->cls->baseline);
  }
  double response = db_request_response_s (demand, &writer, &reader, to_readers, a->cls->vcpu);
  double hit = db_cache_hit_ratio (demand, a->cls->memory_gib);
  demand->response_time_s += response;
  charge (a, demand, ctx, result, hit);
  pc_result_metric (result, M_CPU, db_mean_utilisation (&writer, a->cls->vcpu));
  pc_result_metric (result, M_CPU_PEAK, writer.peak_vcpu / a->cls->vcpu);
  pc_result_metric (result, M_READER_CPU, db_mean_utilisation (&reader, a->cls->vcpu));
  pc_result_metric (result, M_READER_CPU_PEAK, reader.peak_vcpu / a->cls->vcpu);
  pc_result_metric (result, M_SURPLUS, surplus);
  pc_result_metric (result, M_MAX_CONN, a->max_connections);
  pc_result_metric (result, M_CONN, demand->db_connections_peak / a->max_connections);
  pc_result_metric (result, M_RESPONSE, response);
  pc_result_metric (result, M_WRITER_QPS, writer.peak_qps);
  report_memory (a, demand, &writer, to_readers, hit, result);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "aurora-postgres",
                  .version = "1.0",
                  .summary = "Aurora PostgreSQL: writer + readers, M/M/c latency, cluster storage, I/O, backups",
                  .stage = PC_STAGE_DATABASE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = aurora_create,
                  .step = aurora_step,
                  .destroy = g_free,
                  .run_state_size = 2 * sizeof (DbCredits))
