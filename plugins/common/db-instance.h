/* db-instance.h - the capacity model of one database instance, shared by
 * the in-tree database plugins (rds-postgres, aurora-postgres).  Not part
 * of the plugin ABI: it is compiled into each module that uses it.
 *
 * An instance serving a share s of the queries has, at each load level k
 * of the month (hours_k hours at rps_k),
 *     qps_k  = rps_k x db_queries_per_request x s
 *     vcpu_k = qps_k x db_cpu_ms_per_query / 1000
 * Its peak is the busiest level times peak_factor.  A query's response time
 * is M/M/c with c = vCPUs and mu = 1000 / db_cpu_ms_per_query.  Burstable
 * classes earn baseline x vCPU x hours vCPU-hours a month; what they use
 * above that (each level capped at the vCPU count) is surplus. */
#pragma once

#include <pc-plugin.h>

typedef struct {
  double hours;             /* hours of the month */
  double busy_vcpu_hours;   /* vCPU-hours used over the month */
  double credit_vcpu_hours; /* the same, each level capped at the vCPU count */
  double peak_vcpu;         /* busiest level x peak_factor */
  double peak_qps;
} DbLoad;

DbLoad db_instance_load (const PcDemand *demand, double share, double vcpus);
/* Mean response time of one query at the peak, in seconds. */
double db_query_response_s (const PcDemand *demand, const DbLoad *load, double vcpus);
/* vCPU-hours above the baseline this month (0 when baseline >= 1). */
double db_surplus_vcpu_hours (const DbLoad *load, double vcpus, double baseline);
/* Mean CPU utilisation over the month. */
double db_mean_utilisation (const DbLoad *load, double vcpus);
/* PostgreSQL's default max_connections, LEAST(DBInstanceClassMemory/9531392,
 * 5000), taking the class's nominal memory (AWS RDS/Aurora user guides). */
double db_max_connections (double memory_gib);
