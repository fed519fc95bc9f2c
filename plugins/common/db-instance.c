/* db-instance.c - see db-instance.h. */
#include "db-instance.h"

#include <math.h>

DbLoad
db_instance_load (const PcDemand *demand, double share, double vcpus)
{
  DbLoad load = { 0, 0, 0, 0, 0 };
  double peak_rps = -1;
  for (guint k = 0; k < demand->n_levels; k++) {
    double qps = demand->level_rps[k] * demand->db_queries_per_request * share;
    double vcpu = qps * demand->db_cpu_ms_per_query / 1000.0;
    load.hours += demand->level_hours[k];
    load.busy_vcpu_hours += vcpu * demand->level_hours[k];
    load.credit_vcpu_hours += MIN (vcpu, vcpus) * demand->level_hours[k];
    if (demand->level_rps[k] > peak_rps) {
      peak_rps = demand->level_rps[k];
      load.peak_vcpu = vcpu * demand->peak_factor;
      load.peak_qps = qps * demand->peak_factor;
    }
  }
  return load;
}

double
db_query_response_s (const PcDemand *demand, const DbLoad *load, double vcpus)
{
  if (demand->db_cpu_ms_per_query <= 0 || load->peak_qps <= 0)
    return demand->db_cpu_ms_per_query / 1000.0;
  return pc_mmc_response_time ((guint) vcpus, load->peak_qps, 1000.0 / demand->db_cpu_ms_per_query);
}

double
db_surplus_vcpu_hours (const DbLoad *load, double vcpus, double baseline)
{
  return MAX (0.0, load->credit_vcpu_hours - baseline * vcpus * load->hours);
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
