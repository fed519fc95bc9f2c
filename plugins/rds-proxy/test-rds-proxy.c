/* Tests of the rds-proxy plugin against hand-worked months.
 * Published prices (aws-prices-core.md; data/pricing/aws-*.xml): RDS Proxy per vCPU-hour of the
 * target: Sydney $0.018, us-east-1 $0.015, Singapore $0.018; minimum 2 vCPUs.  Per ACU-hour of an
 * Aurora Serverless v2 target (feed rds-proxy, 2025-05-23): Sydney $0.025, us-east-1 $0.015; minimum 8 ACUs. */
#include "testlib.h"

#include <math.h>

static void
test_two_vcpu_sydney (void)
{
  g_test_summary ("A 2-vCPU target for 730 h in Sydney: 1,460 vCPU-h x $0.018");
  const char *sets[] = { NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-proxy", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_quantity (r, "proxy vCPU-hours (target instances)"), 1460.0);
  pc_assert_usd (pc_test_line_usd (r, "proxy vCPU-hours (target instances)"), 2 * 730 * 0.018);  /* 26.28 */
  pc_assert_usd (pc_step_result_usd (r), 26.28);
}

static void
test_us_east_1_and_larger_target (void)
{
  const char *sets[] = { NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-proxy", "us-east-1", sets);
  pc_assert_usd (pc_step_result_usd (r), 2 * 730 * 0.015);                                      /* 21.90 */
  const char *eight[] = { "target_vcpus=8", NULL };
  g_autoptr (PcStepResult) e = pc_test_price ("rds-proxy", "ap-southeast-1", eight);
  pc_assert_usd (pc_step_result_usd (e), 8 * 730 * 0.018);                                     /* 105.12 */
}

static void
test_minimum_two_vcpus (void)
{
  g_test_summary ("A 1-vCPU target is billed as 2 vCPUs");
  const char *sets[] = { "target_vcpus=1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-proxy", "us-east-1", sets);
  g_assert_cmpfloat (pc_test_metric ("rds-proxy", r, "billed_vcpus"), ==, 2);
  pc_assert_usd (pc_step_result_usd (r), 2 * 730 * 0.015);
}

static void
test_aurora_cluster (void)
{
  g_test_summary ("An Aurora cluster of a writer and a reader, 2 vCPU each: every instance's vCPUs, 4 x 730 h");
  const char *sets[] = { "target_instances=2", "target_vcpus=2", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-proxy", "ap-southeast-2", sets);
  g_assert_cmpfloat (pc_test_metric ("rds-proxy", r, "billed_vcpus"), ==, 4);
  pc_assert_usd (pc_test_line_quantity (r, "proxy vCPU-hours (target instances)"), 4 * 730.0);
  pc_assert_usd (pc_step_result_usd (r), 4 * 730 * 0.018);                                     /* 52.56 */
}

static void
test_pool_metrics (void)
{
  g_test_summary ("400 client connections through a pool of 50: the database sees 50, 350 are spared");
  const char *sets[] = { "db_connections_peak=400", "pool_size=50", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-proxy", "ap-southeast-2", sets);
  g_assert_cmpfloat (pc_test_metric ("rds-proxy", r, "connections_pooled"), ==, 400);
  g_assert_cmpfloat (pc_test_metric ("rds-proxy", r, "db_connections"), ==, 50);
  g_assert_cmpfloat (pc_test_metric ("rds-proxy", r, "connections_saved"), ==, 350);
  const char *few[] = { "db_connections_peak=30", "pool_size=50", NULL };
  g_autoptr (PcStepResult) f = pc_test_price ("rds-proxy", "ap-southeast-2", few);
  g_assert_cmpfloat (pc_test_metric ("rds-proxy", f, "db_connections"), ==, 30);
}

static void
test_database_sees_the_pool (void)
{
  g_test_summary ("Proxy then database: 400 clients pooled to 56 = half of db.t4g.micro's 112 max_connections");
  g_autoptr (PcUsage) usage = pc_usage_new ();
  const char *proxy_params[] = { "db_connections_peak=400", "pool_size=56", NULL };
  const char *db_params[] = { NULL };
  g_autoptr (PcStepResult) p = pc_test_step (usage, "rds-proxy", "ap-southeast-2", proxy_params);
  g_assert_cmpfloat (pc_usage_demand (usage)->db_connections_peak, ==, 56);
  g_autoptr (PcStepResult) d = pc_test_step (usage, "rds-postgres", "ap-southeast-2", db_params);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", d, "connections_utilisation"), 0.5, 1e-12);
}

/* A month of two load levels: 600 h at @quiet rps and 130 h at @busy rps,
 * 5 queries a request of 2 ms of CPU each, no peak above the hour's mean. */
static PcUsage *
two_levels (double quiet, double busy)
{
  PcUsage *usage = pc_usage_new ();
  gboolean known;
  g_assert_true (pc_usage_set (usage, "db_queries_per_request", "5", &known, NULL));
  g_assert_true (pc_usage_set (usage, "db_cpu_ms_per_query", "2", &known, NULL));
  PcDemand *d = pc_usage_demand (usage);
  d->n_levels = 2;
  d->level_hours[0] = 600;
  d->level_rps[0] = quiet;
  d->level_hours[1] = 130;
  d->level_rps[1] = busy;
  d->requests = (600 * quiet + 130 * busy) * 3600;
  return usage;
}

static void
test_proxy_serverless (void)
{
  g_test_summary ("RDS Proxy on a Serverless v2 target: the cluster's ACUs each hour, at least 8: quiet 1 ACU"
                  " -> 8, busy 3 vCPU = 12 ACU: 600 x 8 + 130 x 12 = 6,360 ACU-h");
  const char *sets[] = { "target=serverless_v2", NULL };
  g_autoptr (PcUsage) syd = two_levels (20, 300);
  g_autoptr (PcStepResult) s = pc_test_step (syd, "rds-proxy", "ap-southeast-2", sets);
  pc_assert_usd_exact (pc_step_result_usd (s), (600 * 8 + 130 * 12) * 0.025);   /* 159 */
  g_autoptr (PcUsage) use1 = two_levels (20, 300);
  g_autoptr (PcStepResult) u = pc_test_step (use1, "rds-proxy", "us-east-1", sets);
  pc_assert_usd_exact (pc_step_result_usd (u), (600 * 8 + 130 * 12) * 0.015);   /* 95.4 */
  g_assert_cmpfloat (pc_test_metric ("rds-proxy", u, "billed_vcpus"), ==, 0);
  /* Writer + reader, reports 20 %: busy writer 2.4 vCPU = 9.6 -> 10 ACU, reader 0.6 = 2.4 -> 2.5. */
  g_autoptr (PcUsage) pair = two_levels (20, 300);
  gboolean known;
  g_assert_true (pc_usage_set (pair, "db_replica_share", "0.2", &known, NULL));
  g_assert_true (pc_usage_set (pair, "db_replica_cpu_share", "0.2", &known, NULL));
  const char *cluster[] = { "target=serverless_v2", "target_instances=2", NULL };
  g_autoptr (PcStepResult) c = pc_test_step (pair, "rds-proxy", "us-east-1", cluster);
  pc_assert_usd_exact (pc_step_result_usd (c), (600 * 8 + 130 * (10 + 2.5)) * 0.015);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/rds-proxy/ap-southeast-2/two-vcpu-730h", test_two_vcpu_sydney);
  g_test_add_func ("/plugin/rds-proxy/us-east-1/two-and-eight-vcpu", test_us_east_1_and_larger_target);
  g_test_add_func ("/plugin/rds-proxy/minimum-two-vcpus", test_minimum_two_vcpus);
  g_test_add_func ("/plugin/rds-proxy/ap-southeast-2/aurora-cluster", test_aurora_cluster);
  g_test_add_func ("/plugin/rds-proxy/capacity/pool", test_pool_metrics);
  g_test_add_func ("/plugin/rds-proxy/capacity/database-sees-the-pool", test_database_sees_the_pool);
  g_test_add_func ("/plugin/rds-proxy/serverless-v2/acu-hours", test_proxy_serverless);
  return g_test_run ();
}
