/* db-instance.h - the capacity model of one database instance, shared by
 * the in-tree database plugins (rds-postgres, aurora-postgres).  Not part
 * of the plugin ABI: it is compiled into each module that uses it.
 *
 * CPU.  An instance serving a share q of the queries, which take a share c
 * of the database's CPU time, has at each load level k of the month
 * (hours_k hours at rps_k)
 *     qps_k  = rps_k x db_queries_per_request x q
 *     vcpu_k = rps_k x db_queries_per_request x db_cpu_ms_per_query x c / 1000
 * (c = q when every query costs the same).  Its peak is the busiest level
 * times peak_factor.  A query's response time is M/M/c with c = vCPUs and
 * mu = 1000 / (its mean CPU ms).  Burstable classes earn baseline x vCPU
 * x hours vCPU-hours a month; what they use above that (each level capped
 * at the vCPU count) is drawn from the credit balance, then surplus.
 * Closed form: vcpu_k is proportional to rps_k, so the month's vCPU-hours
 * are (sum of rps_k x hours_k) x the per-request CPU, and no level exceeds
 * the busiest (the highest rate): the capped sum equals the
 * uncapped one unless the busiest level passes the vCPU count, and only
 * then are the levels walked.  Equal to the level-by-level sums up to
 * rounding.
 *
 * Memory.  PostgreSQL caches pages in shared_buffers and the OS page cache;
 * the default parameter groups of RDS and Aurora PostgreSQL set
 * effective_cache_size, the planner's estimate of that cache, to
 * {DBInstanceClassMemory/16384} 8 KiB pages, i.e. half the instance's
 * memory (and shared_buffers to {DBInstanceClassMemory/32768}, a quarter).
 * We take that half, of the nominal memory, as the cache.
 * With the working set W GB (db_working_set_gb) and that cache C GB,
 * queries touching it uniformly find a page in memory with probability
 *     hit = min(1, C / W),
 * and every row a query reads that misses is one 8 KiB read I/O (rows are
 * taken as scattered, one page each: the worst case).  Peak read IOPS =
 * peak reads per second x db_rows_per_query x (1 - hit). */
#pragma once

#include <pc-plugin.h>

typedef struct {
  double hours;             /* hours of the month */
  double busy_vcpu_hours;   /* vCPU-hours used over the month */
  double credit_vcpu_hours; /* the same, each level capped at the vCPU count */
  double peak_vcpu;         /* busiest level x peak_factor */
  double peak_qps;
} DbLoad;

/* The month's levels, summed once for all the instances of a step. */
typedef struct {
  double hours;           /* hours of the month */
  double request_hours;   /* sum of rps_k x hours_k */
  double peak_rps;        /* the busiest level's rate */
} DbLevels;
DbLevels db_levels (const PcDemand *demand);
/* The load of an instance serving @query_share of the queries, which take
 * @cpu_share of the database's CPU time. */
DbLoad db_instance_load (const PcDemand *demand, const DbLevels *levels, double query_share, double cpu_share,
                         double vcpus);
/* Mean response time of one query at the peak, in seconds (M/M/c over the
 * mean CPU of the queries this instance serves). */
double db_query_response_s (const PcDemand *demand, const DbLoad *load, double vcpus);
/* Database time per request at the peak: the primary's and the replicas'
 * M/M/c time per query weighted by the share of queries each serves
 * (@to_replicas), times db_queries_per_request; at most 60 s. */
double db_request_response_s (const PcDemand *demand, const DbLoad *primary, const DbLoad *replica, double to_replicas,
                              double vcpus);
/* The share of the primary's queries that read, when replicas take the
 * share @to_replicas of all queries (reads only). */
double db_primary_read_share (const PcDemand *demand, double to_replicas);
/* The share of all queries (@queries) and of their CPU time (@cpu) that
 * the readers of a cluster (or the read replicas of an instance) take when
 * @reader_share of the queries a replica may serve is routed to them. */
void db_cluster_reader_shares (const PcDemand *demand, double reader_share, double *queries, double *cpu);
/* Mean CPU utilisation over the month. */
double db_mean_utilisation (const DbLoad *load, double vcpus);
/* PostgreSQL's default max_connections, LEAST(DBInstanceClassMemory/9531392,
 * 5000), taking the class's nominal memory (AWS RDS/Aurora user guides). */
double db_max_connections (double memory_gib);

/* CPU credits.  @baseline is the share of each vCPU a burstable class earns
 * (db-classes.h); 0 (or 1) means a class without credits: it earns, spends
 * and leaves unpaid nothing, and its cap is 0.
 * The credit balance of a burstable instance, carried in the run's scratch
 * from month to month (vCPU-hours; starts at 0: T4g has no launch credits). */
typedef struct {
  double balance;
} DbCredits;
/* Earns this month's baseline credits, spends @load's use above it, and
 * returns the surplus vCPU-hours left unpaid by the balance (charged in
 * Unlimited mode).  The balance is capped at 24 hours of earnings (the EC2
 * burstable rule RDS follows).  @credits may be NULL (no memory: no carry). */
double db_credits_spend (DbCredits *credits, const DbLoad *load, double vcpus, double baseline);
/* The most a balance can hold: 24 hours of earnings, in vCPU-hours. */
double db_credits_cap (double vcpus, double baseline);

/* Memory: the cache (GB) of an instance of @memory_gib, the share of page
 * reads it serves, and the peak read IOPS of @load. */
double db_cache_gb (double memory_gib);
double db_cache_hit_ratio (const PcDemand *demand, double memory_gib);
double db_read_iops_peak (const PcDemand *demand, const DbLoad *load, double read_share, double hit_ratio);
