/* aurora-postgres - Aurora PostgreSQL, provisioned on any class the
 * catalogs price or Aurora Serverless v2: a writer and readers, CPU and
 * latency, cluster storage, I/O (Aurora Standard or I/O-Optimized), backups.
 *
 * Instance facts (not prices) are the table of plugins/common/db-classes.h
 * (from AWS's "Hardware specifications for DB instance classes for Aurora",
 * docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/Concepts.
 * DBInstanceClass.Summary.html, and the EC2 burstable baseline table); the
 * choices are the 50 classes the catalogs price as aurora.postgres.<class>
 * (db.t3.medium/large, db.t4g.medium/large, db.r5, r6g, r6gd, r6i, r6id,
 * r7g, x2g), and db.serverless.  Aurora PostgreSQL's default max_connections
 * is LEAST({DBInstanceClassMemory/9531392}, 5000) (docs.aws.amazon.com/
 * AmazonRDS/latest/AuroraUserGuide/AuroraPostgreSQL.Managing.html); with the
 * nominal memory: db.t4g.medium 450, db.r6g.large 1802; for Serverless v2
 * we take the memory of max_acu (2 GiB an ACU; AWS derives it from the
 * maximum capacity too).
 *
 * Aurora Serverless v2 (instance_class db.serverless): every instance
 * scales between min_acu and max_acu with its own load, level by level, and
 * is billed ACU-hours at aurora.serverless_v2[_io_optimized].acu_hour
 * (plugins/common/db-serverless.h: an ACU is about 2 GiB of memory with the
 * corresponding CPU, 0.25 vCPU; acu_k = clamp(ceil_0.5(vCPU_k / 0.25),
 * min_acu, max_acu)).  Its latency uses the whole vCPUs its peak capacity
 * has, its cache half the memory of the busiest level's ACUs; acu_peak and
 * acu_max_share (above 1: the writer needs more than max_acu) say whether
 * max_acu is enough.  Serverless instances have no CPU credits.
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
 * db_queries_per_request; added to demand->response_time_s.  For the T
 * classes (db.t3, db.t4g) the vCPU-hours above the baseline are reported as
 * credit_surplus_vcpu_hours but NOT charged: the catalog has no Aurora
 * CPU-credit price (rds.cpu_credit.* is RDS for PostgreSQL's); every other
 * class reports 0.
 *
 * Cost (prices from the catalog):
 *   instances x 730 h x aurora.<postgres|postgres_io_optimized>.<class>.hour,
 *       or Serverless v2 ACU-hours x aurora.<serverless_v2|
 *       serverless_v2_io_optimized>.acu_hour
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
 *
 * Worked month (I/O-Optimized): a db.r7g.large writer, 100 GB, one day of
 * backups with no change: Sydney 730 h x $0.433 = $316.09 + 100 GB x $0.248
 * = $24.80: $340.89 (Standard would be 730 x $0.333 + 100 x $0.11 plus the
 * I/O).  Worked month (Serverless v2, Sydney, a writer alone): 600 h at 20
 * rps and 130 h at 100 rps, 5 queries of 2 ms: 0.2 vCPU = 0.8 -> 1 ACU and
 * 1 vCPU = 4 ACU: 600 x 1 + 130 x 4 = 1,120 ACU-hours x $0.20 = $224.00
 * (I/O-Optimized x $0.26 = $291.20; us-east-1 $134.40 and $179.20).
 */
#include <math.h>
#include <pc-plugin.h>

#include "db-classes.h"
#include "db-instance.h"
#include "db-serverless.h"

enum { P_CLASS, P_MODE, P_INSTANCES, P_IO_PER_QUERY, P_RETENTION, P_CHANGE, P_READER_SHARE, P_MIN_ACU, P_MAX_ACU,
       P_COUNT };
/* Every Aurora PostgreSQL class a shipped catalog prices (facts in
 * db-classes.h), then Aurora Serverless v2, whose instances are created
 * with the class "db.serverless". */
#define SERVERLESS_CLASS "db.serverless"
static const char *const instance_class_names[] = {
  "db.t3.medium", "db.t3.large", "db.t4g.medium", "db.t4g.large",
  "db.r5.large", "db.r5.xlarge", "db.r5.2xlarge", "db.r5.4xlarge", "db.r5.8xlarge", "db.r5.12xlarge", "db.r5.16xlarge", "db.r5.24xlarge",
  "db.r6g.large", "db.r6g.xlarge", "db.r6g.2xlarge", "db.r6g.4xlarge", "db.r6g.8xlarge", "db.r6g.12xlarge", "db.r6g.16xlarge",
  "db.r6gd.xlarge", "db.r6gd.2xlarge", "db.r6gd.4xlarge", "db.r6gd.8xlarge", "db.r6gd.12xlarge", "db.r6gd.16xlarge",
  "db.r6i.large", "db.r6i.xlarge", "db.r6i.2xlarge", "db.r6i.4xlarge", "db.r6i.8xlarge", "db.r6i.12xlarge", "db.r6i.16xlarge", "db.r6i.24xlarge", "db.r6i.32xlarge",
  "db.r6id.24xlarge", "db.r6id.32xlarge",
  "db.r7g.large", "db.r7g.xlarge", "db.r7g.2xlarge", "db.r7g.4xlarge", "db.r7g.8xlarge", "db.r7g.12xlarge", "db.r7g.16xlarge",
  "db.x2g.large", "db.x2g.xlarge", "db.x2g.2xlarge", "db.x2g.4xlarge", "db.x2g.8xlarge", "db.x2g.12xlarge", "db.x2g.16xlarge",
  SERVERLESS_CLASS,
};
enum { STORAGE_MODE_STANDARD, STORAGE_MODE_IO_OPTIMIZED, STORAGE_MODE_COUNT };
static const char *const storage_mode_names[] = { [STORAGE_MODE_STANDARD] = "standard", [STORAGE_MODE_IO_OPTIMIZED] = "io_optimized" };
PC_CHECK_TABLE (storage_mode_names, STORAGE_MODE_COUNT);
static const PcParamSpec params[] = {
  [P_CLASS] = PC_CHOICE ("instance_class", "db.t4g.medium", instance_class_names, "DB instance class, or db.serverless for Aurora Serverless v2"),
  [P_MODE] = PC_CHOICE ("storage_mode", "standard", storage_mode_names, "Aurora Standard (I/O billed) or I/O-Optimized (I/O included)"),
  [P_INSTANCES] = PC_INT ("instances", "2", "instances", 1, 16, "writer + readers"),
  [P_IO_PER_QUERY] = PC_DOUBLE ("io_per_query", "0.5", "I/O", 0, 1000, "billed I/O operations per query (buffer-cache misses and writes)"),
  [P_RETENTION] = PC_INT ("backup_retention_days", "7", "days", 1, 35, "backup retention (Aurora keeps at least 1 day)"),
  [P_CHANGE] = PC_DOUBLE ("change_rate", "0.05", "ratio", 0, 1, "share of the database changed per day (sizes the retained backup)"),
  [P_READER_SHARE] = PC_DOUBLE ("replica_read_share", "1.0", "ratio", 0, 1, "share of reads routed to the readers when there are any (split evenly)"),
  [P_MIN_ACU] = PC_DOUBLE ("min_acu", "0.5", "ACU", 0, DB_ACU_MAX, "db.serverless: least capacity of each instance (0: pauses when idle)"),
  [P_MAX_ACU] = PC_DOUBLE ("max_acu", "16", "ACU", 1, DB_ACU_MAX, "db.serverless: most capacity of each instance"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_CPU, M_CPU_PEAK, M_READER_CPU, M_READER_CPU_PEAK, M_SURPLUS, M_STORAGE, M_IO, M_BACKUP, M_BACKUP_BILLED, M_MAX_CONN, M_CONN, M_RESPONSE, M_WRITER_QPS,
       M_MEMORY, M_HIT, M_READ_IOPS, M_ACU_HOURS, M_ACU_PEAK, M_ACU_MAX_SHARE, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_CPU] = { "cpu_utilisation", "ratio", "writer's mean CPU utilisation over the day (Serverless: of the capacity it has)" },
  [M_CPU_PEAK] = { "cpu_utilisation_peak", "ratio", "writer's CPU utilisation at the peak second of the busiest hour" },
  [M_READER_CPU] = { "replica_cpu_utilisation", "ratio", "each reader's mean CPU utilisation over the day" },
  [M_READER_CPU_PEAK] = { "replica_cpu_utilisation_peak", "ratio", "each reader's CPU utilisation at the peak second" },
  [M_SURPLUS] = { "credit_surplus_vcpu_hours", "vCPU-hours", "T classes: vCPU-hours above the baseline, all instances (not charged); 0 otherwise" },
  [M_STORAGE] = { "storage_gb", "GB", "cluster volume billed" },
  [M_IO] = { "io_requests", "requests", "I/O requests this month" },
  [M_BACKUP] = { "backup_gb", "GB", "backup storage (volume + retained changes)" },
  [M_BACKUP_BILLED] = { "backup_billed_gb", "GB", "backup storage above the free 100 % of the volume" },
  [M_MAX_CONN] = { "max_connections", "connections", "default max_connections of the class (Serverless: of max_acu)" },
  [M_CONN] = { "connections_utilisation", "ratio", "peak client connections / max_connections (writer)" },
  [M_RESPONSE] = { "response_time_s", "s", "database time per request at the peak hour (M/M/c per query)" },
  [M_WRITER_QPS] = { "writer_queries_per_s_peak", "queries/s", "peak-second query rate on the writer" },
  [M_MEMORY] = { "memory_utilisation", "ratio", "working set / the memory that caches it (half the instance's; above 1 it does not fit)" },
  [M_HIT] = { "buffer_cache_hit_ratio", "ratio", "share of page reads found in memory" },
  [M_READ_IOPS] = { "read_iops_peak", "IOPS", "writer's read I/O per second at the peak second (cache misses, billed as I/O)" },
  [M_ACU_HOURS] = { "acu_hours", "ACU-hours", "Serverless v2: ACU-hours billed, all instances (0 for provisioned classes)" },
  [M_ACU_PEAK] = { "acu_peak", "ACU", "Serverless v2: the writer's capacity at the peak second (at most max_acu)" },
  [M_ACU_MAX_SHARE] = { "acu_max_share", "ratio", "Serverless v2: ACUs the writer needs at the peak second / max_acu (above 1 it saturates)" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  const DbClass *cls;          /* NULL for Serverless v2 */
  gboolean io_optimized;
  double io_per_query, change_rate, reader_share, max_connections, min_acu, max_acu;
  gint64 instances, retention_days;
  const PcPrice *instance_hour, *acu_hour, *storage, *io, *backup;
} Aurora;

/* The capacity price: a provisioned class's instance-hour, or Serverless
 * v2's ACU-hour, for the cluster's storage mode. */
static gboolean
resolve_capacity (Aurora *a, const char *class_name, const PcConfig *config, const PcCatalog *catalog,
                  GError **error)
{
  char key[96], segment[48];
  if (a->cls) {
    db_class_key (a->cls, segment, sizeof segment);
    g_snprintf (key, sizeof key, "aurora.%s.%s.hour", a->io_optimized ? "postgres_io_optimized" : "postgres", segment);
    a->max_connections = db_max_connections (a->cls->memory_gib);
    return (a->instance_hour = pc_catalog_price (catalog, key, error)) != NULL;
  }
  a->min_acu = pc_config_double (config, P_MIN_ACU);
  a->max_acu = pc_config_double (config, P_MAX_ACU);
  if (a->min_acu > a->max_acu) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG, "instance_class %s: min_acu %g is above max_acu %g; "
                 "allowed: 0 <= min_acu <= max_acu <= %g", class_name, a->min_acu, a->max_acu, DB_ACU_MAX);
    return FALSE;
  }
  a->max_connections = db_max_connections (a->max_acu * DB_ACU_GIB);
  const char *acu_key = a->io_optimized ? "aurora.serverless_v2_io_optimized.acu_hour" : "aurora.serverless_v2.acu_hour";
  return (a->acu_hour = pc_catalog_price (catalog, acu_key, error)) != NULL;
}

static gpointer
aurora_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Aurora *a = g_new0 (Aurora, 1);
  const char *class_name = instance_class_names[pc_config_choice (config, P_CLASS)];
  a->cls = db_class_find (class_name);   /* NULL: db.serverless */
  a->io_optimized = pc_config_choice (config, P_MODE) == STORAGE_MODE_IO_OPTIMIZED;
  a->instances = pc_config_int (config, P_INSTANCES);
  a->io_per_query = pc_config_double (config, P_IO_PER_QUERY);
  a->retention_days = pc_config_int (config, P_RETENTION);
  a->change_rate = pc_config_double (config, P_CHANGE);
  a->reader_share = a->instances > 1 ? pc_config_double (config, P_READER_SHARE) : 0.0;
  if (!resolve_capacity (a, class_name, config, catalog, error) ||
      !(a->storage = pc_catalog_price (catalog, a->io_optimized ? "aurora.storage_io_optimized.gb_month"
                                                                : "aurora.storage.gb_month", error)) ||
      !(a->backup = pc_catalog_price (catalog, "aurora.backup.gb_month", error)))
    return NULL;
  if (!a->io_optimized && !(a->io = pc_catalog_price (catalog, "aurora.io.request", error)))
    return NULL;
  return g_steal_pointer (&a);
}

/* I/O this month: io_per_query for every query, plus one read I/O for each
 * row a read misses the buffer cache for. */
static double
io_requests (const Aurora *a, const PcDemand *demand, double hit)
{
  double queries = demand->requests * demand->db_queries_per_request;
  return queries * (a->io_per_query + demand->db_read_share * demand->db_rows_per_query * (1.0 - hit));
}

/* What the cluster's capacity is this month: per instance, its vCPUs (for
 * latency and utilisation) and memory; for Serverless v2 the ACU-hours. */
typedef struct {
  double writer_vcpu, reader_vcpu;   /* provisioned: the class's; Serverless: at the peak second */
  double memory_gib;                 /* the writer's, at the busiest level */
  double acu_hours, writer_acu_hours, acu_peak, acu_need;
} Capacity;

static void
charge (const Aurora *a, const PcDemand *demand, const PcStepContext *ctx, PcStepResult *result,
        const Capacity *capacity, double hit)
{
  double io = io_requests (a, demand, hit);
  double backup_gb = demand->db_storage_gb * (1.0 + a->change_rate * (double) a->retention_days);
  double billed_backup = MAX (0.0, backup_gb - demand->db_storage_gb);
  if (a->cls)
    pc_result_charge (result, "instance-hours (writer + readers)", a->instance_hour, ctx->hours * (double) a->instances,
                      ctx);
  else
    pc_result_charge (result, "Serverless v2 ACU-hours (writer + readers)", a->acu_hour, capacity->acu_hours, ctx);
  pc_result_charge (result, "cluster storage GB-months", a->storage, demand->db_storage_gb, ctx);
  if (!a->io_optimized)
    pc_result_charge (result, "I/O requests", a->io, io, ctx);
  pc_result_charge (result, "backup storage above the free allocation", a->backup, billed_backup, ctx);
  pc_result_metric (result, M_STORAGE, demand->db_storage_gb);
  pc_result_metric (result, M_IO, io);
  pc_result_metric (result, M_BACKUP, backup_gb);
  pc_result_metric (result, M_BACKUP_BILLED, billed_backup);
}

/* Serverless v2: each instance scales to its own load (db-serverless.h). */
static void
serverless_capacity (const Aurora *a, const PcDemand *demand, double reader_cpu, Capacity *capacity)
{
  double acu[PC_MAX_LEVELS], readers = (double) (a->instances - 1);
  db_serverless_acus (demand, 1.0 - reader_cpu, a->min_acu, a->max_acu, acu);
  capacity->writer_acu_hours = db_serverless_acu_hours (demand, acu);
  capacity->memory_gib = db_serverless_busiest (demand, acu) * DB_ACU_GIB;
  capacity->acu_need = db_serverless_peak_need (demand, 1.0 - reader_cpu, a->min_acu);
  capacity->acu_peak = MIN (capacity->acu_need, a->max_acu);
  capacity->writer_vcpu = MAX (1.0, ceil (capacity->acu_peak * DB_ACU_VCPU - 1e-9));
  capacity->acu_hours = capacity->writer_acu_hours;
  capacity->reader_vcpu = capacity->writer_vcpu;
  if (readers > 0) {
    double reader_share = reader_cpu / readers;
    db_serverless_acus (demand, reader_share, a->min_acu, a->max_acu, acu);
    capacity->acu_hours += readers * db_serverless_acu_hours (demand, acu);
    double reader_peak = MIN (db_serverless_peak_need (demand, reader_share, a->min_acu), a->max_acu);
    capacity->reader_vcpu = MAX (1.0, ceil (reader_peak * DB_ACU_VCPU - 1e-9));
  }
}

static void
cluster_capacity (const Aurora *a, const PcDemand *demand, double reader_cpu, Capacity *capacity)
{
  *capacity = (Capacity) { 0 };
  if (!a->cls) {
    serverless_capacity (a, demand, reader_cpu, capacity);
    return;
  }
  capacity->writer_vcpu = capacity->reader_vcpu = a->cls->vcpu;
  capacity->memory_gib = a->cls->memory_gib;
}

static void
report_memory (const PcDemand *demand, const DbLoad *writer, double to_readers, double memory_gib, double hit,
               PcStepResult *result)
{
  double writer_reads = db_primary_read_share (demand, to_readers);
  double cache = db_cache_gb (memory_gib);
  pc_result_metric (result, M_MEMORY, cache > 0 ? demand->db_working_set_gb / cache : 0.0);
  pc_result_metric (result, M_HIT, hit);
  pc_result_metric (result, M_READ_IOPS, db_read_iops_peak (demand, writer, writer_reads, hit));
}

/* Mean utilisation: of the class's vCPUs, or of the ACUs billed. */
static double
mean_utilisation (const DbLoad *load, double vcpu, double acu_hours)
{
  if (acu_hours <= 0)
    return vcpu > 0 ? db_mean_utilisation (load, vcpu) : 0.0;
  return load->busy_vcpu_hours / (acu_hours * DB_ACU_VCPU);
}

static void
report_cpu (const Aurora *a, const Capacity *c, const DbLoad *writer, const DbLoad *reader, PcStepResult *result)
{
  double readers = (double) (a->instances - 1);
  double reader_acu_hours = a->cls || readers <= 0 ? 0.0 : (c->acu_hours - c->writer_acu_hours) / readers;
  pc_result_metric (result, M_CPU, mean_utilisation (writer, c->writer_vcpu, a->cls ? 0.0 : c->writer_acu_hours));
  pc_result_metric (result, M_CPU_PEAK, writer->peak_vcpu / (a->cls ? c->writer_vcpu : MAX (c->acu_peak, DB_ACU_STEP) * DB_ACU_VCPU));
  pc_result_metric (result, M_READER_CPU, mean_utilisation (reader, c->reader_vcpu, reader_acu_hours));
  pc_result_metric (result, M_READER_CPU_PEAK, reader->peak_vcpu / c->reader_vcpu);
  pc_result_metric (result, M_ACU_HOURS, c->acu_hours);
  pc_result_metric (result, M_ACU_PEAK, c->acu_peak);
  pc_result_metric (result, M_ACU_MAX_SHARE, a->cls ? 0.0 : c->acu_need / a->max_acu);
}

static gboolean
aurora_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Aurora *a = state;
  DbCredits *credits = ctx->scratch;   /* [0] the writer, [1] each reader */
  double readers = (double) (a->instances - 1), to_readers = 0, reader_cpu = 0;
  if (readers > 0)
    db_cluster_reader_shares (demand, a->reader_share, &to_readers, &reader_cpu);
  Capacity capacity;
  cluster_capacity (a, demand, reader_cpu, &capacity);
  double baseline = a->cls ? a->cls->baseline : 0.0;
  DbLevels levels = db_levels (demand);
  DbLoad writer = db_instance_load (demand, &levels, 1.0 - to_readers, 1.0 - reader_cpu, capacity.writer_vcpu);
  DbLoad reader = { 0, 0, 0, 0, 0 };
  double surplus = db_credits_spend (credits, &writer, capacity.writer_vcpu, baseline);
  if (readers > 0) {
    reader = db_instance_load (demand, &levels, to_readers / readers, reader_cpu / readers, capacity.reader_vcpu);
    surplus += readers * db_credits_spend (credits ? &credits[1] : NULL, &reader, capacity.reader_vcpu, baseline);
  }
  double response = db_request_response_s (demand, &writer, &reader, to_readers, capacity.writer_vcpu);
  double hit = db_cache_hit_ratio (demand, capacity.memory_gib);
  demand->response_time_s += response;
  charge (a, demand, ctx, result, &capacity, hit);
  report_cpu (a, &capacity, &writer, &reader, result);
  pc_result_metric (result, M_SURPLUS, surplus);
  pc_result_metric (result, M_MAX_CONN, a->max_connections);
  pc_result_metric (result, M_CONN, demand->db_connections_peak / a->max_connections);
  pc_result_metric (result, M_RESPONSE, response);
  pc_result_metric (result, M_WRITER_QPS, writer.peak_qps);
  report_memory (demand, &writer, to_readers, capacity.memory_gib, hit, result);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "aurora-postgres",
                  .version = "1.1",
                  .summary = "Aurora PostgreSQL, every class and Serverless v2: writer + readers, M/M/c latency, cluster storage, I/O, backups",
                  .stage = PC_STAGE_DATABASE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = aurora_create,
                  .step = aurora_step,
                  .destroy = g_free,
                  .run_state_size = 2 * sizeof (DbCredits))
