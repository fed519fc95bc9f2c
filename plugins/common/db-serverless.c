/* db-serverless.c - see db-serverless.h. */
#include "db-serverless.h"

#include <math.h>

/* The ACUs that carry @vcpu, in 0.5 ACU steps, within [min_acu, max_acu]. */
static double
acus_for (double vcpu, double min_acu, double max_acu)
{
  double steps = ceil (vcpu / DB_ACU_VCPU / DB_ACU_STEP - 1e-9);
  return CLAMP (MAX (steps, 0.0) * DB_ACU_STEP, min_acu, max_acu);
}

/* vCPUs the instance's queries take at level @k (mean over the level). */
static double
level_vcpu (const PcDemand *demand, guint k, double cpu_share)
{
  return demand->level_rps[k] * demand->db_queries_per_request * demand->db_cpu_ms_per_query * cpu_share / 1000.0;
}

void
db_serverless_acus (const PcDemand *demand, double cpu_share, double min_acu, double max_acu,
                    double acu[PC_MAX_LEVELS])
{
  for (guint k = 0; k < PC_MAX_LEVELS; k++)
    acu[k] = k < demand->n_levels ? acus_for (level_vcpu (demand, k, cpu_share), min_acu, max_acu) : 0.0;
}

double
db_serverless_acu_hours (const PcDemand *demand, const double acu[PC_MAX_LEVELS])
{
  double hours = 0;
  for (guint k = 0; k < demand->n_levels; k++)
    hours += demand->level_hours[k] * acu[k];
  return hours;
}

/* The index of the busiest level (the first of the highest rate). */
static guint
busiest_level (const PcDemand *demand)
{
  guint busiest = 0;
  for (guint k = 1; k < demand->n_levels; k++)
    if (demand->level_rps[k] > demand->level_rps[busiest])
      busiest = k;
  return busiest;
}

double
db_serverless_peak_need (const PcDemand *demand, double cpu_share, double min_acu)
{
  if (demand->n_levels == 0)
    return min_acu;
  double vcpu = level_vcpu (demand, busiest_level (demand), cpu_share) * demand->peak_factor;
  return acus_for (vcpu, min_acu, G_MAXDOUBLE);
}

double
db_serverless_busiest (const PcDemand *demand, const double acu[PC_MAX_LEVELS])
{
  return demand->n_levels > 0 ? acu[busiest_level (demand)] : 0.0;
}
