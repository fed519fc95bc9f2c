/* db-serverless.h - the capacity of an Aurora Serverless v2 instance, load
 * level by load level, shared by aurora-postgres (which bills it) and
 * rds-proxy (which bills per ACU of its Serverless v2 target).
 *
 * What an ACU is.  AWS: "Each ACU is a combination of approximately 2
 * gibibytes (GiB) of memory, corresponding CPU, and networking"; capacity
 * runs from a minimum to a maximum the cluster sets, in 0.5 ACU steps, from
 * 0 (pause, on recent engine versions) or 0.5 up to 256 (Aurora User Guide,
 * "Requirements and limitations for Aurora Serverless v2" and "How Aurora
 * Serverless v2 works", docs.aws.amazon.com/AmazonRDS/latest/AuroraUserGuide/
 * aurora-serverless-v2.requirements.html).  The CPU that corresponds to 2 GiB
 * is the memory-optimised classes' ratio, 8 GiB per vCPU (db.r6g.large: 2
 * vCPU, 16 GiB = 8 ACU), so an ACU carries 0.25 vCPU; AWS's own sizing
 * guide for Serverless v2 states the same, "1 vCPU at sustained full CPU ~
 * 4 ACU" for r6g/r7g (aws/agent-toolkit-for-aws, skills/.../amazon-aurora-
 * mysql/references/serverless-advisory-formulas-and-examples.md).
 *
 * The model.  Serverless v2 scales continuously with the load (CPU, memory,
 * connections; re-evaluated every second).  At load level k an instance
 * serving the share c of the database's CPU time needs
 *     vcpu_k = rps_k x db_queries_per_request x db_cpu_ms_per_query x c / 1000
 *     acu_k  = clamp(ceil_0.5(vcpu_k / 0.25), min_acu, max_acu)
 * and is billed acu_k ACUs for the level's hours: ACU-hours = sum_k hours_k
 * x acu_k.  Its peak (the busiest level x peak_factor) sizes latency: above
 * max_acu the instance saturates.  CPU drives the capacity here; memory
 * follows it (the buffer cache is half of acu x 2 GiB, db-instance.h), so a
 * working set larger than that shows as cache misses, not as more ACUs. */
#pragma once

#include <pc-plugin.h>

/* Memory (GiB) and vCPU of one ACU, and the step capacity moves in. */
#define DB_ACU_GIB 2.0
#define DB_ACU_VCPU 0.25
#define DB_ACU_STEP 0.5
/* The range AWS allows for min_acu and max_acu. */
#define DB_ACU_MAX 256.0

/* The ACUs of one instance at each load level of @demand (levels past
 * n_levels are 0), serving @cpu_share of the database's CPU time. */
void db_serverless_acus (const PcDemand *demand, double cpu_share, double min_acu, double max_acu,
                         double acu[PC_MAX_LEVELS]);
/* ACU-hours of @acu over the month's levels. */
double db_serverless_acu_hours (const PcDemand *demand, const double acu[PC_MAX_LEVELS]);
/* The ACUs the instance would need at the busiest level's peak second
 * (not clamped to max_acu; at least min_acu). */
double db_serverless_peak_need (const PcDemand *demand, double cpu_share, double min_acu);
/* The ACUs at the busiest level (the capacity whose memory caches reads). */
double db_serverless_busiest (const PcDemand *demand, const double acu[PC_MAX_LEVELS]);
