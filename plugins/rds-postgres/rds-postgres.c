/* rds-postgres - RDS for PostgreSQL on any instance class the catalogs
 * price: CPU, credits (T classes only), connections, latency, storage (gp2,
 * gp3, io1, io2 with provisioned IOPS and throughput), backups, read
 * replicas.
 *
 * Instance facts (not prices) are the table of plugins/common/db-classes.h:
 * the 173 classes the shipped catalogs price (t3, t4g, m5, m5d, m6g, m6gd,
 * m6i, m6id, m6idn, m6in, m7g, r5, r5b, r5d, r6g, r6gd, r6i, r6id, r6idn,
 * r6in, r7g, x2g), with vCPU and memory from AWS's "Hardware specifications
 * for DB instance classes" and, for T classes, the EC2 burstable baseline
 * (db.t4g.micro 10 %, small and medium 20 %, large 30 %, xlarge and 2xlarge
 * 40 % of each vCPU; db.t3 the same).  A class a Region's catalog does not
 * price is refused there, naming the missing key.  RDS runs T classes in
 * Unlimited mode.  The PostgreSQL default max_connections is
 * LEAST({DBInstanceClassMemory/9531392}, 5000)
 * (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Limits.html); we take
 * DBInstanceClassMemory as the nominal memory, so 1 GiB -> 112, 4 GiB -> 450,
 * 8 GiB -> 901, 16 GiB -> 1802, 512 GiB and more -> 5000 (the real figure is
 * a little lower: the OS keeps some memory).
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
 * hit), and iops_utilisation sets it against storage_iops, the IOPS the
 * storage gives (gp2: 3 per GiB, at least 100; gp3: its baseline, 3,000
 * below 400 GiB and 12,000 from there, or the IOPS provisioned above it;
 * io1/io2: the IOPS provisioned; storage.h).
 * connections_utilisation is the peak client connections (from the tasks,
 * or the proxy's pool) over max_connections; storage_utilisation the data
 * over allocated_gb.
 *
 * CPU credits (Unlimited mode), T classes only.  Each month an instance earns its baseline,
 * baseline x vCPU x 730 vCPU-hours; the vCPU-hours it uses (each level
 * capped at its vCPU count) are paid from that and from the balance it
 * carried over (per run, at most 24 hours of earnings, starting empty: T4g
 * has no launch credits); what is left unpaid is surplus credits, billed at
 * rds.cpu_credit.<t3|t4g>_vcpu_hour.  The month is netted as a whole.
 * Replicas are the same class and are billed the same way (one line for all
 * instances).  credit_balance_share is the primary's balance at month end
 * over the most it can hold.  A class without credits (every class but
 * db.t3 and db.t4g) resolves no credit price, charges no credit line,
 * reports 0 surplus, burstable 0 and a balance share of 1 (nothing to run
 * short of).  The catalogs price T4g credits in Sydney, us-east-1 and
 * Singapore and T3 credits nowhere (no feed copy has the item), so db.t3.*
 * and T4g outside those three Regions are refused naming the key.
 *
 * Storage and backups.  Provisioned storage is max(allocated_gb,
 * ceil(db_storage_gb)) at rds.storage.<type>.<single|multi>_az_gb_month.
 * What each type gives and allows is in storage.h: gp3 includes 3,000 IOPS
 * and 125 MiB/s below 400 GiB and 12,000 and 500 from there, and bills the
 * iops and throughput_mibps provisioned above that at
 * rds.storage.gp3.iops_<az>_month and ..throughput_<az>_mbps_month; io1 and
 * io2 bill every provisioned IOPS at rds.storage.<type>.iops_<az>_month
 * (the feeds name no io2 IOPS item, so io2 is refused naming that key: a
 * gap).  Settings RDS does not allow are refused with the rule.
 * Automated backups with a retention of R days keep a full snapshot plus the
 * daily changes, modelled as db_storage_gb x (1 + change_rate x R); backup
 * storage up to 100 % of the provisioned storage is free, the rest is billed
 * at rds.backup.gb_month (the free amount is counted on the primary's
 * storage only).  R = 0 disables automated backups.
 *
 * Read replicas: each is a Single-AZ instance of the same class
 * (rds.postgres.<class>.single_az_hour) with its own copy of the storage,
 * and of its provisioned IOPS and throughput, at the Single-AZ rates.
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
 *
 * Worked month (a larger class): db.m7g.large Multi-AZ with 500 GB gp3 and
 * 15,000 IOPS, no data yet.  Sydney: 730 h x $0.468 = $341.64, 500 GB x
 * $0.276 = $138.00, (15,000 - 12,000) IOPS x $0.048 = $144.00: $623.64, and
 * no credit line.  us-east-1: 730 x $0.337 = $246.01 + 500 x $0.23 = $115.00
 * + 3,000 x $0.04 = $120.00: $481.01.
 */
#include <math.h>
#include <pc-plugin.h>

#include "db-classes.h"
#include "db-instance.h"
#include "storage.h"

enum { P_CLASS, P_MULTI_AZ, P_STORAGE, P_ALLOCATED, P_IOPS, P_THROUGHPUT, P_RETENTION, P_CHANGE, P_REPLICAS,
       P_REPLICA_SHARE, P_RESERVED, P_UPFRONT, P_COUNT };
#define CLASS_NAME(name, vcpu, memory, baseline) name,
static const char *const instance_class_names[] = { DB_CLASSES (CLASS_NAME) };
static const char *const storage_type_names[] = { [RDS_GP2] = "gp2", [RDS_GP3] = "gp3", [RDS_IO1] = "io1", [RDS_IO2] = "io2" };
PC_CHECK_TABLE (storage_type_names, RDS_STORAGE_COUNT);
enum { RESERVED_NONE, RESERVED_1YR_NO_UPFRONT, RESERVED_1YR_PARTIAL_UPFRONT, RESERVED_3YR_PARTIAL_UPFRONT, RESERVED_COUNT };
static const char *const reserved_names[] = { [RESERVED_NONE] = "none", [RESERVED_1YR_NO_UPFRONT] = "1yr_no_upfront", [RESERVED_1YR_PARTIAL_UPFRONT] = "1yr_partial_upfront", [RESERVED_3YR_PARTIAL_UPFRONT] = "3yr_partial_upfront" };
PC_CHECK_TABLE (reserved_names, RESERVED_COUNT);
enum { UPFRONT_AMORTISED, UPFRONT_WHEN_PAID, UPFRONT_COUNT };
static const char *const upfront_names[] = { [UPFRONT_AMORTISED] = "amortised", [UPFRONT_WHEN_PAID] = "when_paid" };
PC_CHECK_TABLE (upfront_names, UPFRONT_COUNT);
static const PcParamSpec params[] = {
  [P_CLASS] = PC_CHOICE ("instance_class", "db.t4g.micro", instance_class_names, "DB instance class (T classes burst on CPU credits, Unlimited mode)"),
  [P_MULTI_AZ] = PC_BOOL ("multi_az", "false", "Multi-AZ deployment with one standby"),
  [P_STORAGE] = PC_CHOICE ("storage_type", "gp3", storage_type_names, "General Purpose (gp2, gp3) or Provisioned IOPS (io1, io2) SSD"),
  [P_ALLOCATED] = PC_DOUBLE ("allocated_gb", "20", "GB", 20, 65536, "provisioned storage (grows to fit the data)"),
  [P_IOPS] = PC_INT ("iops", "0", "IOPS", 0, 256000, "provisioned IOPS: io1/io2 (required), gp3 from 400 GiB (above the 12,000 included); 0: none"),
  [P_THROUGHPUT] = PC_INT ("throughput_mibps", "0", "MiB/s", 0, 4000, "provisioned gp3 throughput from 400 GiB (above the 500 MiB/s included); 0: none"),
  [P_RETENTION] = PC_INT ("backup_retention_days", "7", "days", 0, 35, "automated backup retention (0 disables)"),
  [P_CHANGE] = PC_DOUBLE ("change_rate", "0.05", "ratio", 0, 1, "share of the database changed per day (sizes the incremental backups)"),
  [P_REPLICAS] = PC_INT ("read_replicas", "0", "instances", 0, 5, "Single-AZ read replicas of the same class"),
  [P_REPLICA_SHARE] = PC_DOUBLE ("replica_read_share", "1.0", "ratio", 0, 1, "share of reads routed to the replicas when there are any (split evenly)"),
  [P_RESERVED] = PC_CHOICE ("reserved", "none", reserved_names, "reserved-instance term of the primary and the replicas (none: on-demand)"),
  [P_UPFRONT] = PC_CHOICE ("upfront", "amortised", upfront_names, "a Partial Upfront fee spread over the term, or paid whole in the first month"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_CPU, M_CPU_PEAK, M_SURPLUS, M_STORAGE, M_BACKUP, M_BACKUP_BILLED, M_MAX_CONN, M_CONN, M_RESPONSE, M_PRIMARY_QPS, M_REPLICA_CPU, M_REPLICA_CPU_PEAK,
       M_MEMORY, M_HIT, M_READ_IOPS, M_IOPS, M_STORAGE_USE, M_CREDIT_BALANCE, M_BURSTABLE, M_STORAGE_IOPS, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_CPU] = { "cpu_utilisation", "ratio", "primary's mean CPU utilisation over the day" },
  [M_CPU_PEAK] = { "cpu_utilisation_peak", "ratio", "primary's CPU utilisation at the peak second of the busiest hour" },
  [M_SURPLUS] = { "credit_surplus_vcpu_hours", "vCPU-hours", "vCPU-hours above the baseline this month, all instances (0 for a class without credits)" },
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
  [M_IOPS] = { "iops_utilisation", "ratio", "peak read IOPS / the IOPS the storage gives (storage_iops)" },
  [M_STORAGE_USE] = { "storage_utilisation", "ratio", "database size / allocated_gb (above 1 storage grew)" },
  [M_CREDIT_BALANCE] = { "credit_balance_share", "ratio", "burstable classes: CPU credit balance at month end / the most it can hold (0: spending surplus); 1 for a class without credits (it cannot run short)" },
  [M_BURSTABLE] = { "burstable", "boolean", "1 when the class runs on CPU credits (T classes), 0 otherwise" },
  [M_STORAGE_IOPS] = { "storage_iops", "IOPS", "IOPS the primary's storage gives (gp2 3/GiB, gp3 baseline or provisioned, io1/io2 provisioned)" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

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
  const DbClass *cls;
  char class_key[48];    /* catalog segment of the class: "db_t4g_micro" */
  const ReservedTerm *term;
  gboolean multi_az;
  double allocated_gb, change_rate, replica_share, max_connections;
  double fee_month;      /* amortised upfront fees of all instances, USD a month */
  gboolean fee_when_paid;
  gint64 retention_days, replicas;
  RdsVolume volume, replica_volume;   /* the primary's storage; each replica's (Single-AZ) */
  const PcPrice *instance_hour, *replica_hour, *backup, *credit, *fee;   /* credit: burstable classes only */
} Rds;

/* The price of key "rds.postgres.<class>.<item>". */
static const PcPrice *
class_price (const Rds *r, const PcCatalog *catalog, const char *item, GError **error)
{
  char key[128];
  g_snprintf (key, sizeof key, "rds.postgres.%s.%s", r->class_key, item);
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
    return (*hour = class_price (r, catalog, item, error)) != NULL;
  }
  g_snprintf (item, sizeof item, "%s_reserved_%s_hour", az, r->term->key);
  if (!(*hour = class_price (r, catalog, item, error)))
    return FALSE;
  if (!r->term->upfront_fee)
    return TRUE;
  g_snprintf (item, sizeof item, "%s_reserved_%s_fee", az, r->term->key);
  if (!(*fee = class_price (r, catalog, item, error)))
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

/* The primary's and the replicas' storage, checked against AWS's rules. */
static gboolean
resolve_storage (Rds *r, const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  RdsStorageType type = pc_config_choice (config, P_STORAGE);
  double iops = (double) pc_config_int (config, P_IOPS), throughput = (double) pc_config_int (config, P_THROUGHPUT);
  if (!rds_volume_check (type, r->allocated_gb, iops, throughput, error) ||
      !rds_volume_init (&r->volume, type, iops, throughput, r->multi_az ? "multi_az" : "single_az", catalog, error))
    return FALSE;
  return r->replicas == 0 || rds_volume_init (&r->replica_volume, type, iops, throughput, "single_az", catalog, error);
}

static gpointer
rds_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Rds *r = g_new0 (Rds, 1);
  r->cls = db_class_find (instance_class_names[pc_config_choice (config, P_CLASS)]);
  db_class_key (r->cls, r->class_key, sizeof r->class_key);
  r->multi_az = pc_config_bool (config, P_MULTI_AZ);
  r->allocated_gb = pc_config_double (config, P_ALLOCATED);
  r->retention_days = pc_config_int (config, P_RETENTION);
  r->change_rate = pc_config_double (config, P_CHANGE);
  r->replicas = pc_config_int (config, P_REPLICAS);
  r->replica_share = r->replicas > 0 ? pc_config_double (config, P_REPLICA_SHARE) : 0.0;
  r->term = &terms[pc_config_choice (config, P_RESERVED)];
  r->fee_when_paid = pc_config_choice (config, P_UPFRONT) == UPFRONT_WHEN_PAID;
  r->max_connections = db_max_connections (r->cls->memory_gib);
  if (!resolve_instances (r, catalog, error) || !resolve_storage (r, config, catalog, error) ||
      !(r->backup = pc_catalog_price (catalog, "rds.backup.gb_month", error)))
    return NULL;
  char credit_key[64];
  db_class_credit_key (r->cls, credit_key, sizeof credit_key);
  if (db_class_burstable (r->cls) && !(r->credit = pc_catalog_price (catalog, credit_key, error)))
    return NULL;
  return g_steal_pointer (&r);
}

/* What one run remembers from month to month (ctx->scratch). */
typedef struct {
  DbCredits credits[2];   /* [0] the primary, [1] each replica (they share one load) */
  gboolean fee_paid;      /* upfront=when_paid: the reservation's fee was charged */
} RdsRun;

/* Provisioned IOPS and throughput above what a volume includes, when the
 * settings provision any: @instances volumes of @volume at @storage_gb. */
static void
charge_provisioned (const RdsVolume *volume, double instances, double storage_gb, const char *iops_item,
                    const char *throughput_item, const PcStepContext *ctx, PcStepResult *result)
{
  if (volume->iops_month)
    pc_result_charge (result, iops_item, volume->iops_month, instances * rds_volume_billed_iops (volume, storage_gb),
                      ctx);
  if (volume->throughput_month)
    pc_result_charge (result, throughput_item, volume->throughput_month,
                      instances * rds_volume_billed_throughput (volume, storage_gb), ctx);
}

/* The upfront fee of a Partial Upfront reservation: spread, or paid once. */
static void
charge_fee (const Rds *r, const PcStepContext *ctx, PcStepResult *result)
{
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
}

static void
charge (const Rds *r, const PcDemand *demand, const PcStepContext *ctx, PcStepResult *result, double storage_gb,
        double surplus)
{
  double backup_gb = r->retention_days > 0 ? demand->db_storage_gb * (1.0 + r->change_rate * (double) r->retention_days) : 0;
  double billed_backup = MAX (0.0, backup_gb - storage_gb);
  double replicas = (double) r->replicas;
  pc_result_charge (result, r->multi_az ? "Multi-AZ instance-hours" : "instance-hours", r->instance_hour, ctx->hours, ctx);
  pc_result_charge (result, "storage GB-months", r->volume.gb_month, storage_gb, ctx);
  charge_provisioned (&r->volume, 1.0, storage_gb, "provisioned IOPS-months", "provisioned throughput MiB/s-months",
                      ctx, result);
  pc_result_charge (result, "backup storage above the free allocation", r->backup, billed_backup, ctx);
  if (r->credit)
    pc_result_charge (result, "surplus CPU credits (Unlimited)", r->credit, surplus, ctx);
  if (r->replicas > 0) {
    pc_result_charge (result, "read replica instance-hours", r->replica_hour, ctx->hours * replicas, ctx);
    pc_result_charge (result, "read replica storage GB-months", r->replica_volume.gb_month, storage_gb * replicas, ctx);
    charge_provisioned (&r->replica_volume, replicas, storage_gb, "read replica provisioned IOPS-months",
                        "read replica provisioned throughput MiB/s-months", ctx, result);
  }
  charge_fee (r, ctx, result);
  pc_result_metric (result, M_BACKUP, backup_gb);
  pc_result_metric (result, M_BACKUP_BILLED, billed_backup);
}

/* The primary's and the replicas' loads: the replicas take the routed share
 * of the queries a replica may serve (and of their CPU time). */
static void
split_load (const Rds *r, const PcDemand *demand, DbLoad *primary, DbLoad *replica)
{
  double queries, cpu;
  DbLevels levels = db_levels (demand);
  db_cluster_reader_shares (demand, r->replica_share, &queries, &cpu);
  *primary = db_instance_load (demand, &levels, 1.0 - queries, 1.0 - cpu, r->cls->vcpu);
  *replica = (DbLoad) { 0, 0, 0, 0, 0 };
  if (r->replicas > 0)
    *replica = db_instance_load (demand, &levels, queries / (double) r->replicas, cpu / (double) r->replicas,
                                 r->cls->vcpu);
}

static void
report_memory (const Rds *r, const PcDemand *demand, const DbLoad *primary, double storage_gb, PcStepResult *result)
{
  double hit = db_cache_hit_ratio (demand, r->cls->memory_gib);
  double primary_reads = db_primary_read_share (demand, demand->db_replica_share * r->replica_share);
  double iops = db_read_iops_peak (demand, primary, primary_reads, hit);
  double storage_iops = rds_volume_iops (&r->volume, storage_gb);
  pc_result_metric (result, M_MEMORY, demand->db_working_set_gb / db_cache_gb (r->cls->memory_gib));
  pc_result_metric (result, M_HIT, hit);
  pc_result_metric (result, M_READ_IOPS, iops);
  pc_result_metric (result, M_IOPS, iops / storage_iops);
  pc_result_metric (result, M_STORAGE_IOPS, storage_iops);
  pc_result_metric (result, M_STORAGE_USE, demand->db_storage_gb / r->allocated_gb);
}

/* Surplus credits of the primary and the replicas (0 without credits), and
 * the primary's balance over its cap (1 without credits). */
static double
spend_credits (const Rds *r, const PcStepContext *ctx, const DbLoad *primary, const DbLoad *replica,
               double *balance_share)
{
  RdsRun *run = ctx->scratch;
  DbCredits *credits = run ? run->credits : NULL;
  double vcpu = r->cls->vcpu, baseline = r->cls->baseline, cap = db_credits_cap (vcpu, baseline);
  double surplus = db_credits_spend (credits, primary, vcpu, baseline);
  if (r->replicas > 0)
    surplus += (double) r->replicas * db_credits_spend (credits ? &credits[1] : NULL, replica, vcpu, baseline);
  *balance_share = credits && cap > 0 ? credits->balance / cap : 1.0;
  return surplus;
}

static gboolean
rds_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Rds *r = state;
  DbLoad primary, replica;
  double balance_share;
  split_load (r, demand, &primary, &replica);
  double surplus = spend_credits (r, ctx, &primary, &replica, &balance_share);
  double to_replicas = r->replicas > 0 ? demand->db_replica_share * r->replica_share : 0.0;
  double response = db_request_response_s (demand, &primary, &replica, to_replicas, r->cls->vcpu);
  demand->response_time_s += response;
  double storage_gb = MAX (r->allocated_gb, ceil (demand->db_storage_gb - 1e-9));
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
  pc_result_metric (result, M_CREDIT_BALANCE, balance_share);
  pc_result_metric (result, M_BURSTABLE, db_class_burstable (r->cls) ? 1.0 : 0.0);
  report_memory (r, demand, &primary, storage_gb, result);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "rds-postgres",
                  .version = "1.1",
                  .summary = "RDS for PostgreSQL, every class: CPU and credits, M/M/c latency, connections, gp2/gp3/io1/io2 storage, backups, replicas",
                  .stage = PC_STAGE_DATABASE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = rds_create,
                  .step = rds_step,
                  .destroy = g_free,
                  .run_state_size = sizeof (RdsRun))
