/* Tests of the rds-proxy plugin against hand-worked months.
 * Published prices (aws-prices-core.md; data/pricing/aws-*.xml): RDS Proxy per vCPU-hour of the
 * target: Sydney $0.018, us-east-1 $0.015, Singapore $0.018; minimum 2 vCPUs. */
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
  return g_test_run ();
}
