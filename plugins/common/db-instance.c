/* db-instance.c - see db-instance.h. */
#include "db-instance.h"

#include <math.h>

/* effective_cache_size = DBInstanceClassMemory / 16384 pages of 8 KiB. */
#define CACHE_SHARE_OF_MEMORY (8192.0 / 16384.0)
/* A burstable instance's balance holds at most 24 hours of earnings. */
#define CREDIT_CAP_HOURS 24.0

/* Sum over the levels of each level's vCPU capped at @vcpus, x its hours. */
static double
capped_vcpu_hours (const PcDemand *demand, double cpu_ms, double vcpus)
{
  double vcpu_hours = 0;
  for (guint k = 0; k < demand->n_levels; k++)
    vcpu_hours += MIN (demand->level_rps[k] * cpu_ms / 1000.0, vcpus) * demand->level_hours[k];
  return vcpu_hours;
}

DbLevels
db_levels (const PcDemand *demand)
{
  double hours = 0, request_hours = 0, peak_rps = 0;
  for (guint k = 0; k < demand->n_levels; k++) {
    request_hours += demand->level_rps[k] * demand->level_hours[k], hours += demand->level_hours[k];
    peak_rps = MAX (peak_rps, demand->level_rps[k]);
  }
  return (DbLevels) { hours, request_hours, peak_rps };
}

/* The levels' vCPU is rps_k x cpu_ms / 1000, so the month's vCPU-hours are
 * that of the request-hours, and the cap matters only when the busiest
 * level exceeds it: the level-by-level sums up to rounding (db-instance.h). */
DbLoad
db_instance_load (const PcDemand *demand, const DbLevels *levels, double query_share, double cpu_share, double vcpus)
{
  DbLoad load = { levels->hours, 0, 0, 0, 0 };
  if (demand->n_levels == 0)
    return load;
  double queries = demand->db_queries_per_request, rps = levels->peak_rps;
  double cpu_ms = queries * demand->db_cpu_ms_per_query * cpu_share;   /* per request, on this instance */
  double peak_vcpu = rps * cpu_ms / 1000.0;
  load.busy_vcpu_hours = levels->request_hours * cpu_ms / 1000.0;
  load.credit_vcpu_hours = peak_vcpu <= vcpus ? load.busy_vcpu_hours : capped_vcpu_hours (demand, cpu_ms, vcpus);
  load.peak_vcpu = peak_vcpu * demand->peak_factor;
  load.peak_qps = rps * queries * query_share * demand->peak_factor;
  return load;
}

double
db_query_response_s (const PcDemand *demand, const DbLoad *load, double vcpus)
{
  if (load->peak_qps <= 0)
    return demand->db_cpu_ms_per_query / 1000.0;
  double service_s = load->peak_vcpu / load->peak_qps;   /* this instance's mean CPU seconds per query */
  if (service_s <= 0)
    return 0.0;
  return pc_mmc_response_time ((guint) vcpus, load->peak_qps, 1.0 / service_s);
}

double
db_request_response_s (const PcDemand *demand, const DbLoad *primary, const DbLoad *replica, double to_replicas,
                       double vcpus)
{
  double per_query = (1.0 - to_replicas) * db_query_response_s (demand, primary, vcpus);
  if (to_replicas > 0)
    per_query += to_replicas * db_query_response_s (demand, replica, vcpus);
  return MIN (PC_SATURATED_RESPONSE_S, demand->db_queries_per_request * per_query);
}

double
db_primary_read_share (const PcDemand *demand, double to_replicas)
{
  return to_replicas < 1.0 ? MAX (0.0, demand->db_read_share - to_replicas) / (1.0 - to_replicas) : 0.0;
}

double
db_mean_utilisation (const DbLoad *load, double vcpus)
{
  return load->hours > 0 ? load->busy_vcpu_hours / load->hours / vcpus : 0.0;
}

double
db_max_connections (double memory_gib)
{
  return MIN (floor (memory_gib * 1073741824.0 / 9531392.0), 5000.0);
}

double
db_credits_cap (double vcpus, double baseline)
{
  return baseline > 0 && baseline < 1.0 ? CREDIT_CAP_HOURS * baseline * vcpus : 0.0;
}

double
db_credits_spend (DbCredits *credits, const DbLoad *load, double vcpus, double baseline)
{
  if (baseline <= 0 || baseline >= 1.0)   /* no credits: nothing to earn, spend or bill */
    return 0.0;
  double balance = credits ? credits->balance : 0.0;
  double net = balance + baseline * vcpus * load->hours - load->credit_vcpu_hours;
  if (credits)
    credits->balance = CLAMP (net, 0.0, db_credits_cap (vcpus, baseline));
  return MAX (0.0, -net);
}

double
db_cache_gb (double memory_gib)
{
  return memory_gib * CACHE_SHARE_OF_MEMORY;
}

double
db_cache_hit_ratio (const PcDemand *demand, double memory_gib)
{
  double cache = db_cache_gb (memory_gib);
  return demand->db_working_set_gb > cache ? cache / demand->db_working_set_gb : 1.0;
}

double
db_read_iops_peak (const PcDemand *demand, const DbLoad *load, double read_share, double hit_ratio)
{
  return load->peak_qps * read_share * demand->db_rows_per_query * (1.0 - hit_ratio);
}

void
db_cluster_reader_shares (const PcDemand *demand, double reader_share, double *queries, double *cpu)
{
  *queries = demand->db_replica_share * reader_share;
  *cpu = demand->db_replica_cpu_share * reader_share;
}
