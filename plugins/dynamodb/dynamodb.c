/* dynamodb - Amazon DynamoDB as the application's database: request units
 * from the queries, on-demand or provisioned capacity, storage, backups.
 *
 * Why: the seed's rejected serverless road is "Lambda + DynamoDB"; this
 * plugin prices the database half of it from the same demand the RDS
 * plugins see (data/roadmaps/serverless.xml).
 *
 * Capacity.  A request makes db_queries_per_request queries, a share
 * db_read_share of them reads; a query touches db_rows_per_query items of
 * item_kb each (at least one).  DynamoDB meters a read of up to 4 KB as one
 * read request unit (strongly consistent) or half of one (eventually
 * consistent), a write of up to 1 KB as one write unit; a query's items are
 * metered together (DynamoDB pricing page, "Key terms"):
 *     RRU per read  = ceil(rows x item_kb / 4) x (0.5 eventual | 1 strong)
 *     WRU per write = ceil(rows x item_kb)
 * On demand, every unit is billed.  Provisioned, autoscaling keeps the
 * consumed share of capacity near target_utilisation (AWS's default 70 %):
 * at load level k (hours_k at rps_k) RCU_k = max(min_units,
 * ceil(reads/s_k x RRU / target)), likewise WCU_k, billed per unit-hour.
 * The peak second (peak_factor) may exceed that for a while (burst
 * capacity); its ratio to the provisioned units is reported.
 *
 * Cost (catalog prices only): on-demand units at dynamodb.on_demand[_ia].*;
 * provisioned unit-hours at dynamodb.free_tier.{rcu,wcu}_hour (25 RCU and 25
 * WCU always free, then dynamodb.provisioned.*; Standard class only: the
 * catalog has no Standard-IA provisioned price) or without the free tier
 * dynamodb.provisioned.*; table storage (the database size) at
 * dynamodb.free_tier.storage_gb_month (25 GB free) or dynamodb.storage[_ia]
 * .gb_month; point-in-time recovery at dynamodb.pitr.gb_month on the table
 * size; on-demand backups kept, each a full copy, at dynamodb.backup.gb_month.
 *
 * Worked month (Sydney, on demand, 1 M requests x 4 queries, 80 % reads,
 * 1 item of 1 KB, eventual reads, 30 GB): 3.2 M reads x 0.5 RRU x
 * $0.0000001425 = $0.228; 0.8 M writes x 1 WRU x $0.00000071 = $0.568;
 * (30 - 25) GB x $0.285 = $1.425; $2.221 in all.
 */
#include <math.h>
#include <pc-plugin.h>

enum { P_MODE, P_CLASS, P_ITEM_KB, P_CONSISTENCY, P_TARGET, P_MIN_UNITS, P_PITR, P_BACKUPS, P_LATENCY, P_FREE_TIER, P_COUNT };
enum { MODE_ON_DEMAND, MODE_PROVISIONED, MODE_COUNT };
static const char *const mode_names[] = { [MODE_ON_DEMAND] = "on_demand", [MODE_PROVISIONED] = "provisioned" };
PC_CHECK_TABLE (mode_names, MODE_COUNT);
enum { CLASS_STANDARD, CLASS_STANDARD_IA, CLASS_COUNT };
static const char *const class_names[] = { [CLASS_STANDARD] = "standard", [CLASS_STANDARD_IA] = "standard_ia" };
PC_CHECK_TABLE (class_names, CLASS_COUNT);
enum { CONSISTENCY_EVENTUAL, CONSISTENCY_STRONG, CONSISTENCY_COUNT };
static const char *const consistency_names[] = { [CONSISTENCY_EVENTUAL] = "eventual", [CONSISTENCY_STRONG] = "strong" };
PC_CHECK_TABLE (consistency_names, CONSISTENCY_COUNT);
static const PcParamSpec params[] = {
  [P_MODE] = PC_CHOICE ("capacity_mode", "on_demand", mode_names, "on-demand (per request) or provisioned (per unit-hour) capacity"),
  [P_CLASS] = PC_CHOICE ("table_class", "standard", class_names, "Standard or Standard-Infrequent Access table class"),
  [P_ITEM_KB] = PC_DOUBLE ("item_kb", "1", "KB", 0.001, 400, "size of one item"),
  [P_CONSISTENCY] = PC_CHOICE ("read_consistency", "eventual", consistency_names, "eventually or strongly consistent reads"),
  [P_TARGET] = PC_DOUBLE ("target_utilisation", "0.7", "ratio", 0.2, 0.9, "provisioned autoscaling target (AWS default 70 %)"),
  [P_MIN_UNITS] = PC_INT ("min_units", "1", "units", 1, 40000, "provisioned autoscaling minimum RCU and WCU"),
  [P_PITR] = PC_BOOL ("pitr", "false", "point-in-time recovery (continuous backups)"),
  [P_BACKUPS] = PC_INT ("backups_kept", "0", "backups", 0, 1000, "on-demand full backups kept"),
  [P_LATENCY] = PC_DOUBLE ("latency_ms_per_query", "0", "ms", 0, 1000, "service time a query adds to a request (assumption; AWS: single-digit ms)"),
  [P_FREE_TIER] = PC_BOOL ("free_tier", "true", "the Region's always-free 25 GB, 25 RCU and 25 WCU go to this table"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_READ_UNITS, M_WRITE_UNITS, M_RCU_PEAK, M_WCU_PEAK, M_READ_PEAK_RATIO, M_STORAGE, M_RESPONSE, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_READ_UNITS] = { "read_units", "RRU", "read request units consumed this month" },
  [M_WRITE_UNITS] = { "write_units", "WRU", "write request units consumed this month" },
  [M_RCU_PEAK] = { "rcu_provisioned_peak", "RCU", "provisioned read capacity at the busiest level (0 on demand)" },
  [M_WCU_PEAK] = { "wcu_provisioned_peak", "WCU", "provisioned write capacity at the busiest level (0 on demand)" },
  [M_READ_PEAK_RATIO] = { "read_peak_to_provisioned", "ratio", "peak-second reads over provisioned RCU (above 1: burst capacity)" },
  [M_STORAGE] = { "storage_gb", "GB", "table size" },
  [M_RESPONSE] = { "response_time_s", "s", "database time a request adds" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  gboolean provisioned;
  double item_kb, read_factor, target, latency_s;
  gint64 min_units, backups;
  gboolean pitr;
  const PcPrice *read, *write, *storage, *pitr_price, *backup;
} Dynamo;

static gboolean
resolve_capacity_prices (Dynamo *d, gboolean ia, gboolean free_tier, const PcCatalog *catalog, GError **error)
{
  if (!d->provisioned)
    return (d->read = pc_catalog_price (catalog, ia ? "dynamodb.on_demand_ia.read_request" : "dynamodb.on_demand.read_request", error)) &&
           (d->write = pc_catalog_price (catalog, ia ? "dynamodb.on_demand_ia.write_request" : "dynamodb.on_demand.write_request", error));
  if (ia) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "capacity_mode=provisioned with table_class=standard_ia: the catalog has no Standard-IA provisioned "
                 "price; allowed: table_class=standard, or capacity_mode=on_demand");
    return FALSE;
  }
  return (d->read = pc_catalog_price (catalog, free_tier ? "dynamodb.free_tier.rcu_hour" : "dynamodb.provisioned.rcu_hour", error)) &&
         (d->write = pc_catalog_price (catalog, free_tier ? "dynamodb.free_tier.wcu_hour" : "dynamodb.provisioned.wcu_hour", error));
}

static gpointer
dynamo_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Dynamo *d = g_new0 (Dynamo, 1);
  gboolean ia = pc_config_choice (config, P_CLASS) == CLASS_STANDARD_IA, free_tier = pc_config_bool (config, P_FREE_TIER);
  d->provisioned = pc_config_choice (config, P_MODE) == MODE_PROVISIONED;
  d->item_kb = pc_config_double (config, P_ITEM_KB);
  d->read_factor = pc_config_choice (config, P_CONSISTENCY) == CONSISTENCY_STRONG ? 1.0 : 0.5;
  d->target = pc_config_double (config, P_TARGET);
  d->min_units = pc_config_int (config, P_MIN_UNITS);
  d->pitr = pc_config_bool (config, P_PITR);
  d->backups = pc_config_int (config, P_BACKUPS);
  d->latency_s = pc_config_double (config, P_LATENCY) / 1000.0;
  const char *storage = ia ? "dynamodb.storage_ia.gb_month" : free_tier ? "dynamodb.free_tier.storage_gb_month" : "dynamodb.storage.gb_month";
  if (!resolve_capacity_prices (d, ia, free_tier, catalog, error) ||
      !(d->storage = pc_catalog_price (catalog, storage, error)) ||
      !(d->pitr_price = pc_catalog_price (catalog, "dynamodb.pitr.gb_month", error)) ||
      !(d->backup = pc_catalog_price (catalog, "dynamodb.backup.gb_month", error)))
    return NULL;
  return g_steal_pointer (&d);
}

/* Provisioned units that keep @rate (units/s) at the target utilisation. */
static double
units_for (const Dynamo *d, double rate)
{
  return MAX ((double) d->min_units, ceil (rate / d->target - 1e-9));
}

/* Charges provisioned capacity level by level; returns the busiest level's
 * RCU and WCU and the peak-second read ratio. */
static void
charge_provisioned (const Dynamo *d, const PcStepContext *ctx, const PcDemand *demand, double rru, double wru,
                    PcStepResult *result)
{
  double rcu_hours = 0, wcu_hours = 0, peak_rps = -1, rcu_peak = 0, wcu_peak = 0;
  double reads_per_request = demand->db_queries_per_request * demand->db_read_share;
  double writes_per_request = demand->db_queries_per_request * (1.0 - demand->db_read_share);
  for (guint k = 0; k < demand->n_levels; k++) {
    double rcu = units_for (d, demand->level_rps[k] * reads_per_request * rru);
    double wcu = units_for (d, demand->level_rps[k] * writes_per_request * wru);
    rcu_hours += rcu * demand->level_hours[k];
    wcu_hours += wcu * demand->level_hours[k];
    if (demand->level_rps[k] > peak_rps)
      peak_rps = demand->level_rps[k], rcu_peak = rcu, wcu_peak = wcu;
  }
  pc_result_charge (result, "provisioned read capacity", d->read, rcu_hours, ctx);
  pc_result_charge (result, "provisioned write capacity", d->write, wcu_hours, ctx);
  pc_result_metric (result, M_RCU_PEAK, rcu_peak);
  pc_result_metric (result, M_WCU_PEAK, wcu_peak);
  double peak_reads = MAX (peak_rps, 0.0) * demand->peak_factor * reads_per_request * rru;
  pc_result_metric (result, M_READ_PEAK_RATIO, rcu_peak > 0 ? peak_reads / rcu_peak : 0);
}

static gboolean
dynamo_step (gconstpointer instance, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Dynamo *d = instance;
  double kb = MAX (1.0, demand->db_rows_per_query) * d->item_kb;
  double rru = ceil (kb / 4.0 - 1e-9) * d->read_factor, wru = ceil (kb - 1e-9);
  double queries = demand->requests * demand->db_queries_per_request;
  double read_units = queries * demand->db_read_share * rru, write_units = queries * (1.0 - demand->db_read_share) * wru;
  if (d->provisioned)
    charge_provisioned (d, ctx, demand, rru, wru, result);
  else {
    pc_result_charge (result, "read request units", d->read, read_units, ctx);
    pc_result_charge (result, "write request units", d->write, write_units, ctx);
  }
  pc_result_charge (result, "table storage", d->storage, demand->db_storage_gb, ctx);
  if (d->pitr)
    pc_result_charge (result, "point-in-time recovery", d->pitr_price, demand->db_storage_gb, ctx);
  if (d->backups > 0)
    pc_result_charge (result, "on-demand backups", d->backup, (double) d->backups * demand->db_storage_gb, ctx);
  double response = demand->db_queries_per_request * d->latency_s;
  demand->response_time_s += response;
  pc_result_metric (result, M_READ_UNITS, read_units);
  pc_result_metric (result, M_WRITE_UNITS, write_units);
  pc_result_metric (result, M_STORAGE, demand->db_storage_gb);
  pc_result_metric (result, M_RESPONSE, response);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "dynamodb",
                  .version = "1.0",
                  .summary = "Amazon DynamoDB: request units from queries, on-demand or provisioned, storage, backups",
                  .stage = PC_STAGE_DATABASE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = dynamo_create,
                  .step = dynamo_step,
                  .destroy = g_free)
