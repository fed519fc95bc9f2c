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
 * Capacity (plugins/common/db-instance.h).  At each load level k the
 * application sends q_k = rps_k x db_queries_per_request queries taking
 * q_k x db_cpu_ms_per_query of CPU.  A share r = db_replica_share of them
 * (reports) may be served by a replica; they take the share c =
 * db_replica_cpu_share of the CPU.  With n read replicas, the share s =
 * replica_read_share of those goes to the replicas (evenly), the rest and
 * everything else to the primary:
 *     primary vCPU demand  d_k = q_k x db_cpu_ms_per_query x (1 - c s) / 1000
 *     each replica         e_k = q_k x db_cpu_ms_per_query x c s / n / 1000
 * cpu_utilisation is the month's mean of d_k / vCPU, cpu_utilisation_peak the
 * busiest level's d_k x peak_factor / vCPU (above 1 means saturated).
 * Latency: a query is served by an M/M/c queue with c = vCPU, mu = 1 / the
 * instance's mean CPU seconds per query, lambda = the busiest level's query
 * rate on it x peak_factor; a request waits db_queries_per_request x the
 * mean of the primary's and the replicas' response times weighted by the
 * share of queries each serves.  That is added to demand->response_time_s.
 *
 * Memory, I/O, connections, storage.  memory_utilisation is the working set
 * over the cache (half the instance's memory), buffer_cache_hit_ratio
 * min(1, cache / working set); every row a read misses is one read I/O, so
 * read_iops_peak = the primary's peak reads/s x db_rows_per_query x (1 -
 * hit), and iops_utilisation sets it against the storage's baseline IOPS
 * (gp3: 3,000 below 400 GiB, 12,000 from there; gp2: 3 per GiB, at least
 * 100; AWS RDS User Guide, "Amazon RDS DB instance storage").
 * connections_utilisation is the peak client connections (from the tasks,
 * or the proxy's pool) over max_connections; storage_utilisation the data
 * over allocated_gb.
 *
 * CPU credits (Unlimited mode).  Each month an instance earns its baseline,
 * baseline x vCPU x 730 vCPU-hours; the vCPU-hours it uses (each level
 * capped at its vCPU count) are paid from that and from the balance it
 * carried over (per run, at most 24 hours of earnings, starting empty: T4g
 * has no launch credits); what is left unpaid is surplus credits, billed at
 * rds.cpu_credit.t4g_vcpu_hour.  The month is netted as a whole.  Replicas
 * are the same class and are billed the same way (one line for all
 * instances).  credit_balance_share is the primary's balance at month end
 * over the most it can hold.
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
 * Reserved instances (`reserved`).  The catalog carries AWS's reserved-
 * instance offers for these classes (source RDSRI, the AWS price feed
 * 'rds-postgresql-reservedinstance' of 2025-04-04): 1 year No Upfront,
 * 1 year Partial Upfront and 3 years Partial Upfront; there is no 3-year No
 * Upfront offer.  With a term chosen, every instance-hour (the primary's at
 * its Single- or Multi-AZ reserved rate, each read replica's at the
 * Single-AZ reserved rate: a replica is a Single-AZ instance of the class and
 * is reserved with the same term) is charged at
 * rds.postgres.<class>.<single|multi>_az_reserved_<term>_hour, and the
 * one-time fee of a Partial Upfront reservation (..._reserved_<term>_fee)
 * is spread evenly over the term, fee / 12 or fee / 36 a month, on the line
 * "reserved-instance upfront fee (amortised)" (one reservation per
 * instance).  A reservation is paid for every hour of its term whether the
 * instance runs or not; a month here is a whole month of a running
 * instance, so that changes nothing.  CPU credits and storage are not
 * covered by a reservation and stay at their on-demand prices.
 *
 * What a reservation saves.  The seed assumes "1-year: 30-40 % savings,
 * 3-year: 50-60 %".  The catalog's prices for db.t4g.micro Single-AZ in
 * Sydney (on-demand $0.025/h, 730 h = $18.25 a month) give:
 *     1 yr No Upfront       730 x $0.0201 = $14.673           -> -19.6 %
 *     1 yr Partial Upfront  730 x $0.0095 + $83 / 12
 *                           = $6.935 + $6.9167 = $13.8517     -> -24.1 %
 *     3 yr Partial Upfront  730 x $0.0074 + $194 / 36
 *                           = $5.402 + $5.3889 = $10.7909     -> -40.9 %
 * (e.g. 1 - 13.8517 / 18.25 = 0.2410), well below the seed's figures.  The
 * same class in us-east-1 saves more (27.5 %, 30.0 %, 51.4 %: $0.016/h
 * on-demand against $0.0116, $0.0056 + $49, $0.0039 + $102), so the seed's
 * ranges hold there for 1 yr Partial Upfront and 3 yr only.
 *
 * When the fee is paid (`upfront`).  "amortised" spreads it as above;
 * "when_paid" charges every instance's whole fee, on the line
 * "reserved-instance upfront fee (paid)", in the first month the component
 * runs with these settings (per-run memory, zeroed when the run starts, at a
 * phase move that changes the component, and when a policy starts the
 * reservation: core/policy.c), and nothing in later months.  A roadmap
 * policy with term-months ends the reservation at its term.
 *
 * Worked month (Sydney, the seed's MVP): db.t4g.micro Single-AZ 730 h x
 * $0.025 = $18.25, 20 GB gp3 x $0.138 = $2.76; no load, so no surplus
 * credits, and no database data, so no backup beyond the free 20 GB:
 * $21.01 in all.  Reserved for 3 years Partial Upfront the instance line is
 * 730 x $0.0074 = $5.40 and the fee line $194 / 36 = $5.39: $13.55 in all.
 */
#include <math.h>
#include <pc-plugin.h>

#include "db-instance.h"

enum { P_CLASS, P_MULTI_AZ, P_STORAGE, P_ALLOCATED, P_RETENTION, P_CHANGE, P_REPLICAS, P_REPLICA_SHARE, P_RESERVED, P_UPFRONT, P_COUNT };
enum { INSTANCE_CLASS_DB_T4G_MICRO, INSTANCE_CLASS_DB_T4G_SMALL, INSTANCE_CLASS_DB_T4G_MEDIUM, INSTANCE_CLASS_COUNT };
static const char *const instance_class_names[] = { [INSTANCE_CLASS_DB_T4G_MICRO] = "db.t4g.micro", [INSTANCE_CLASS_DB_T4G_SMALL] = "db.t4g.small", [INSTANCE_CLASS_DB_T4G_MEDIUM] = "db.t4g.medium" };
PC_CHECK_TABLE (instance_class_names, INSTANCE_CLASS_COUNT);
enum { STORAGE_TYPE_GP2, STORAGE_TYPE_GP3, STORAGE_TYPE_COUNT };
static const char *const storage_type_names[] = { [STORAGE_TYPE_GP2] = "gp2", [STORAGE_TYPE_GP3] = "gp3" };
PC_CHECK_TABLE (storage_type_names, STORAGE_TYPE_COUNT);
enum { RESERVED_NONE, RESERVED_1YR_NO_UPFRONT, RESERVED_1YR_PARTIAL_UPFRONT, RESERVED_3YR_PARTIAL_UPFRONT, RESERVED_COUNT };
static const char *const reserved_names[] = { [RESERVED_NONE] = "none", [RESERVED_1YR_NO_UPFRONT] = "1yr_no_upfront", [RESERVED_1YR_PARTIAL_UPFRONT] = "1yr_partial_upfront", [RESERVED_3YR_PARTIAL_UPFRONT] = "3yr_partial_upfront" };
PC_CHECK_TABLE (reserved_names, RESERVED_COUNT);
enum { UPFRONT_AMORTISED, UPFRONT_WHEN_PAID, UPFRONT_COUNT };
static const char *const upfront_names[] = { [UPFRONT_AMORTISED] = "amortised", [UPFRONT_WHEN_PAID] = "when_paid" };
PC_CHECK_TABLE (upfront_names, UPFRONT_COUNT);
static const PcParamSpec params[] = {
  [P_CLASS] = PC_CHOICE ("instance_class", "db.t4g.micro", instance_class_names, "DB instance class (burstable Graviton, Unlimited mode)"),
  [P_MULTI_AZ] = PC_BOOL ("multi_az", "false", "Multi-AZ deployment with one standby"),
  [P_STORAGE] = PC_CHOICE ("storage_type", "gp3", storage_type_names, "General Purpose SSD generation"),
  [P_ALLOCATED] = PC_DOUBLE ("allocated_gb", "20", "GB", 20, 65536, "provisioned storage (grows to fit the data)"),
  [P_RETENTION] = PC_INT ("backup_retention_days", "7", "days", 0, 35, "automated backup retention (0 disables)"),
  [P_CHANGE] = PC_DOUBLE ("change_rate", "0.05", "ratio", 0, 1, "share of the database changed per day (sizes the incremental backups)"),
  [P_REPLICAS] = PC_INT ("read_replicas", "0", "instances", 0, 5, "Single-AZ read replicas of the same class"),
  [P_REPLICA_SHARE] = PC_DOUBLE ("replica_read_share", "1.0", "ratio", 0, 1, "share of reads routed to the replicas when there are any (split evenly)"),
  [P_RESERVED] = PC_CHOICE ("reserved", "none", reserved_names, "reserved-instance term of the primary and the replicas (none: on-demand)"),
  [P_UPFRONT] = PC_CHOICE ("upfront", "amortised", upfront_names, "a Partial Upfront fee spread over the term, or paid whole in the first month"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_CPU, M_CPU_PEAK, M_SURPLUS, M_STORAGE, M_BACKUP, M_BACKUP_BILLED, M_MAX_CONN, M_CONN, M_RESPONSE, M_PRIMARY_QPS, M_REPLICA_CPU, M_REPLICA_CPU_PEAK,
       M_MEMORY, M_HIT, M_READ_IOPS, M_IOPS, M_STORAGE_USE, M_CREDIT_BALANCE, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_CPU] = { "cpu_utilisation", "ratio", "primary's mean CPU utilisation over the day" },
  [M_CPU_PEAK] = { "cpu_utilisation_peak", "ratio", "primary's CPU utilisation at the peak second of the busiest hour" },
  [M_SURPLUS] = { "credit_surplus_vcpu_hours", "vCPU-hours", "vCPU-hours above the baseline this month, all instances" },
  [M_STORAGE] = { "storage_gb", "GB", "provisioned storage of the primary" },
  [M_BACKUP] = { "backup_gb", "GB", "automated backup storage (snapshot + retained changes)" },
  [M_BACKUP_BILLED] = { "backup_billed_gb", "GB", "backup storage above the free 100 % of provisioned storage" },
  [M_MAX_CONN] = { "max_connections", "connections", "PostgreSQL default max_connections of the class" },
  [M_CONN] = { "connections_utilisation", "ratio", "peak client connections / max_connections" },
  [M_RESPONSE] = { "response_time_s", "s", "database time per request at the peak hour (M/M/c per query)" },
  [M_PRIMARY_QPS] = { "primary_queries_per_s_peak", "queries/s", "peak-second query rate on the primary" },
  [M_REPLICA_CPU] = { "replica_cpu_utilisation", "ratio", "each replica's mean CPU utilisation over the day" },
  [M_REPLICA_CPU_PEAK] = { "replica_cpu_utilisation_peak", "ratio", "each replica's CPU utilisation at the peak second" },
  [M_MEMORY] = { "memory_utilisation", "ratio", "working set / the memory that caches it (half the instance's; above 1 it does not fit)" },
  [M_HIT] = { "buffer_cache_hit_ratio", "ratio", "share of page reads found in memory" },
  [M_READ_IOPS] = { "read_iops_peak", "IOPS", "primary's read I/O per second at the peak second (cache misses)" },
  [M_IOPS] = { "iops_utilisation", "ratio", "peak read IOPS / the storage's baseline IOPS" },
  [M_STORAGE_USE] = { "storage_utilisation", "ratio", "database size / allocated_gb (above 1 storage grew)" },
  [M_CREDIT_BALANCE] = { "credit_balance_share", "ratio", "CPU credit balance at month end / the most it can hold (0: spending surplus)" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  const char *key;       /* catalog segment */
  double vcpu, memory_gib, baseline;
} InstanceClass;

static const InstanceClass classes[] = {
  { "db_t4g_micro", 2, 1, 0.10 },
  { "db_t4g_small", 2, 2, 0.20 },
  { "db_t4g_medium", 2, 4, 0.20 },
};

/* A reserved-instance offer, in the order of the `reserved` choices. */
typedef struct {
  const char *key;       /* catalog segment; NULL for on-demand */
  double term_months;
  gboolean upfront_fee;
  const char *fee_unit;  /* unit of the amortised fee line */
} ReservedTerm;

static const ReservedTerm terms[] = {
  { NULL, 0, FALSE, NULL },
  { "1yr_no_upfront", 12, FALSE, NULL },
  { "1yr_partial_upfront", 12, TRUE, "reservation/12" },
  { "3yr_partial_upfront", 36, TRUE, "reservation/36" },
};

typedef struct {
  const InstanceClass *cls;
  const ReservedTerm *term;
  gboolean multi_az;
  gboolean gp2;
  double allocated_gb, change_rate, replica_share, max_connections;
  double fee_month;      /* amortised upfront fees of all instances, USD a month */
  gboolean fee_when_paid;
  gint64 retention_days, replicas;
  const PcPrice *instance_hour, *replica_hour, *storage_gb, *replica_storage_gb, *backup, *credit, *fee;
} Rds;

/* The price of key "rds.<a>.<b>.<c>" (AWS names with dots spelled with _). */
static const PcPrice *
price (const PcCatalog *catalog, const char *a, const char *b, const char *c, GError **error)
{
  char key[128];
  g_snprintf (key, sizeof key, "rds.%s.%s.%s", a, b, c);
  return pc_catalog_price (catalog, key, error);
}

/* The hourly price of one instance in deployment @az ("single_az" or
 * "multi_az") under the chosen term; for a Partial Upfront term also its fee
 * (@fee, NULL otherwise) and that fee spread over the term's months. */
static gboolean
instance_prices (const Rds *r, const PcCatalog *catalog, const char *az, const PcPrice **hour, const PcPrice **fee,
                 double *fee_month, GError **error)
{
  char item[96];
  *fee = NULL;
  *fee_month = 0;
  if (!r->term->key) {
    g_snprintf (item, sizeof item, "%s_hour", az);
    return (*hour = price (catalog, "postgres", r->cls->key, item, error)) != NULL;
  }
  g_snprintf (item, sizeof item, "%s_reserved_%s_hour", az, r->term->key);
  if (!(*hour = price (catalog, "postgres", r->cls->key, item, error)))
    return FALSE;
  if (!r->term->upfront_fee)
    return TRUE;
  g_snprintf (item, sizeof item, "%s_reserved_%s_fee", az, r->term->key);
  if (!(*fee = price (catalog, "postgres", r->cls->key, item, error)))
    return FALSE;
  *fee_month = pc_price_unit_usd (*fee) / r->term->term_months;
  return TRUE;
}

/* Instance-hour prices of the primary and the replicas and their fees. */
static gboolean
resolve_instances (Rds *r, const PcCatalog *catalog, GError **error)
{
  const PcPrice *replica_fee;
  double replica_fee_month;
  if (!instance_prices (r, catalog, r->multi_az ? "multi_az" : "single_az", &r->instance_hour, &r->fee, &r->fee_month,
                        error))
    return FALSE;
  if (r->replicas == 0)
    return TRUE;
  if (!instance_prices (r, catalog, "single_az", &r->replica_hour, &replica_fee, &replica_fee_month, error))
    return FALSE;
  r->fee_month += (double) r->replicas * replica_fee_month;
  return TRUE;
}

static gpointer
rds_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Rds *r = g_new0 (Rds, 1);
  r->gp2 = pc_config_choice (config, P_STORAGE) == STORAGE_TYPE_GP2;
  const char *storage = storage_type_names[pc_config_choice (config, P_STORAGE)];
  r->cls = &classes[pc_config_choice (config, P_CLASS)];
  r->multi_az = pc_config_bool (config, P_MULTI_AZ);
  r->allocated_gb = pc_config_double (config, P_ALLOCATED);
  r->retention_days = pc_config_int (config, P_RETENTION);
  r->change_rate = pc_config_double (config, P_CHANGE);
  r->replicas = pc_config_int (config, P_REPLICAS);
  r->replica_share = r->replicas > 0 ? pc_config_double (config, P_REPLICA_SHARE) : 0.0;
  r->term = &terms[pc_config_choice (config, P_RESERVED)];
  r->fee_when_paid = pc_config_choice (config, P_UPFRONT) == UPFRONT_WHEN_PAID;
  r->max_connections = db_max_connections (r->cls->memory_gib);
  if (!resolve_instances (r, catalog, error) ||
      !(r->storage_gb = price (catalog, "storage", storage, r->multi_az ? "multi_az_gb_month" : "single_az_gb_month",
                               error)) ||
      !(r->backup = pc_catalog_price (catalog, "rds.backup.gb_month", error)) ||
      !(r->credit = pc_catalog_price (catalog, "rds.cpu_credit.t4g_vcpu_hour", error)))
    return NULL;
  if (r->replicas > 0 && !(r->replica_storage_gb = price (catalog, "storage", storage, "single_az_gb_month", error)))
    return NULL;
  return g_steal_pointer (&r);
}

/* What one run remembers from month to month (ctx->scratch). */
typedef struct {
  DbCredits credits[2];   /* [0] the primary, [1] each replica (they share one load) */
  gboolean fee_paid;      /* upfront=when_paid: the reservation's fee was charged */
} RdsRun;

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
  RdsRun *run = ctx->scratch;
  gboolean *fee_paid = run ? &run->fee_paid : NULL;
  if (r->fee && !r->fee_when_paid)
    pc_result_line (result, "reserved-instance upfront fee (amortised)", 1.0 + (double) r->replicas, r->term->fee_unit,
                    r->fee_month, r->fee);
  else if (r->fee && fee_paid && !*fee_paid) {
    pc_result_line (result, "reserved-instance upfront fee (paid)", 1.0 + (double) r->replicas, "reservations",
                    r->fee_month * r->term->term_months, r->fee);
    *fee_paid = TRUE;
  }
  pc_result_metric (result, M_BACKUP, backup_gb);
  pc_result_metric (result, M_BACKUP_BILLED, billed_backup);
}

/* The storage's baseline IOPS: gp3 3,000 below 400 GiB and 12,000 from
 * there (RDS stripes it over volumes); gp2 3 per GiB, at least 100, at most
 * 16,000 (bursts above the baseline are not counted). */
static double
baseline_iops (const Rds *r, double storage_gb)
{
  if (r->gp2)
    return CLAMP (3.0 * storage_gb, 100.0, 16000.0);
  return storage_gb < 400 ? 3000.0 : 12000.0;
}

/* The primary's and the replicas' loads: the replicas take the routed share
 * of the queries a replica may serve (and of their CPU time). */
static void
split_load (const Rds *r, const PcDemand *demand, DbLoad *primary, DbLoad *replica)
{
  double queries = demand->db_replica_share * r->replica_share, cpu = demand->db_replica_cpu_share * r->replica_share;
  *primary = db_instance_load (demand, 1.0 - queries, 1.0 - cpu, r->cls->vcpu);
  *replica = (DbLoad) { 0, 0, 0, 0, 0 };
  if (r->replicas > 0)
    *replica = db_instance_load (demand, queries / (double) r->replicas, cpu / (double) r->replicas, r->cls->vcpu);
}

static void
report_memory (const Rds *r, const PcDemand *demand, const DbLoad *primary, double storage_gb, PcStepResult *result)
{
  double hit = db_cache_hit_ratio (demand, r->cls->memory_gib);
  double primary_reads = db_primary_read_share (demand, demand->db_replica_share * r->replica_share);
  double iops = db_read_iops_peak (demand, primary, primary_reads, hit);
  pc_result_metric (result, M_MEMORY, demand->db_working_set_gb / db_cache_gb (r->cls->memory_gib));
  pc_result_metric (result, M_HIT, hit);
  pc_result_metric (result, M_READ_IOPS, iops);
  pc_result_metric (result, M_IOPS, iops / baseline_iops (r, storage_gb));
  pc_result_metric (result, M_STORAGE_USE, demand->db_storage_gb / r->allocated_gb);
}

static gboolean
rds_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Rds *r = state;
  RdsRun *run = ctx->scratch;
  DbCredits *credits = run ? run->credits : NULL;
  DbLoad primary, replica;
  split_load (r, demand, &primary, &replica);
  double surplus = db_credits_spend (credits, &primary, r->cls->vcpu, r->cls->baseline);
  if (r->replicas > 0)
    surplus += (double) r->replicas * db_credits_spend (credits ? &credits[1] : NULL, &replica, r->cls->vcpu,
                                                        r->cls->baseline);
  double to_replicas = r->replicas > 0 ? demand->db_replica_share * r->replica_share : 0.0;
  double response = db_request_response_s (demand, &primary, &replica, to_replicas, r->cls->vcpu);
  demand->response_time_s += response;
  double storage_gb = MAX (r->allocated_gb, ceil (demand->db_storage_gb - 1e-9));
  double cap = db_credits_cap (r->cls->vcpu, r->cls->baseline);
  charge (r, demand, ctx, result, storage_gb, surplus);
  pc_result_metric (result, M_CPU, db_mean_utilisation (&primary, r->cls->vcpu));
  pc_result_metric (result, M_CPU_PEAK, primary.peak_vcpu / r->cls->vcpu);
  pc_result_metric (result, M_SURPLUS, surplus);
  pc_result_metric (result, M_STORAGE, storage_gb);
  pc_result_metric (result, M_MAX_CONN, r->max_connections);
  pc_result_metric (result, M_CONN, demand->db_connections_peak / r->max_connections);
  pc_result_metric (result, M_RESPONSE, response);
  pc_result_metric (result, M_PRIMARY_QPS, primary.peak_qps);
  pc_result_metric (result, M_REPLICA_CPU, db_mean_utilisation (&replica, r->cls->vcpu));
  pc_result_metric (result, M_REPLICA_CPU_PEAK, replica.peak_vcpu / r->cls->vcpu);
  pc_result_metric (result, M_CREDIT_BALANCE, credits && cap > 0 ? credits->balance / cap : 1.0);
  report_memory (r, demand, &primary, storage_gb, result);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "rds-postgres",
                  .version = "1.0",
                  .summary = "RDS for PostgreSQL on db.t4g: CPU and credits, M/M/c latency, connections, storage, backups, replicas",
                  .stage = PC_STAGE_DATABASE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = rds_create,
                  .step = rds_step,
                  .destroy = g_free,
                  .run_state_size = sizeof (RdsRun))
