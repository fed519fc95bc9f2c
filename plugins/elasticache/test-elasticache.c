/* Tests of the elasticache plugin against hand-worked months.
 * Published prices (aws-prices-core.md; data/pricing/aws-*.xml), per node-hour:
 *   Sydney     cache.t4g.micro Redis OSS $0.024, Valkey $0.0192; small $0.048, $0.0384
 *   us-east-1  cache.t4g.micro Redis OSS $0.016, Valkey $0.0128; small $0.032, $0.0256
 *   Singapore  same as Sydney.
 * Reserved nodes, No Upfront (catalog source ECRI, AWS feed 'elasticache-reservedinstance' 2024-10-07), Redis OSS:
 *   Sydney     micro 1yr $0.016, 3yr $0.012; small 1yr $0.033, 3yr $0.025
 *   us-east-1  micro 1yr $0.011, 3yr $0.008; small 1yr $0.022, 3yr $0.017 */
#include "testlib.h"

#include <math.h>

static void
test_one_node_sydney (void)
{
  g_test_summary ("One cache.t4g.micro Redis OSS node for 730 h in Sydney");
  const char *sets[] = { NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("elasticache", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "node-hours"), 730 * 0.024);   /* 17.52 */
  pc_assert_usd (pc_step_result_usd (r), 17.52);
  const char *valkey[] = { "engine=valkey", NULL };
  g_autoptr (PcStepResult) v = pc_test_price ("elasticache", "ap-southeast-2", valkey);
  pc_assert_usd (pc_step_result_usd (v), 730 * 0.0192);              /* 14.016 */
}

static void
test_us_east_1_and_singapore (void)
{
  const char *sets[] = { NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("elasticache", "us-east-1", sets);
  pc_assert_usd (pc_step_result_usd (r), 730 * 0.016);               /* 11.68 */
  const char *pair[] = { "node_type=cache.t4g.small", "engine=valkey", "nodes=2", NULL };
  g_autoptr (PcStepResult) p = pc_test_price ("elasticache", "us-east-1", pair);
  pc_assert_usd (pc_test_line_quantity (p, "node-hours"), 1460.0);
  pc_assert_usd (pc_step_result_usd (p), 2 * 730 * 0.0256);          /* 37.376 */
  const char *small[] = { "node_type=cache.t4g.small", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("elasticache", "ap-southeast-1", small);
  pc_assert_usd (pc_step_result_usd (s), 730 * 0.048);               /* 35.04 */
}

static void
test_absorbs_reads (void)
{
  g_test_summary ("80 % reads x 60 % cacheable x 80 % hits = 38.4 % of queries absorbed");
  const char *sets[] = { "rps=10", "db_queries_per_request=5", "db_read_share=0.8", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("elasticache", "ap-southeast-2", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("elasticache", r, "absorbed_share"), 0.384, 1e-12);
  /* 10 rps x 2,628,000 s = 26,280,000 requests x 5 queries x 0.384 = 50,457,600. */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("elasticache", r, "absorbed_queries"), 50457600, 1e-3);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("elasticache", r, "db_queries_per_request"), 3.08, 1e-12);
  g_assert_cmpfloat (pc_test_metric ("elasticache", r, "hit_ratio"), ==, 0.8);
}

static void
test_working_set_too_big (void)
{
  g_test_summary ("cache.t4g.micro holds 0.5 x 0.75 = 0.375 GiB; a 0.75 GiB working set halves the hit ratio");
  const char *sets[] = { "working_set_gib=0.75", "db_queries_per_request=5", "db_read_share=0.8", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("elasticache", "ap-southeast-2", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("elasticache", r, "usable_memory_gib"), 0.375, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("elasticache", r, "memory_utilisation"), 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("elasticache", r, "hit_ratio"), 0.4, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("elasticache", r, "absorbed_share"), 0.8 * 0.6 * 0.4, 1e-12);
  /* cache.t4g.small: 1.37 x 0.75 = 1.0275 GiB, the working set fits. */
  const char *small[] = { "working_set_gib=0.75", "node_type=cache.t4g.small", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("elasticache", "ap-southeast-2", small);
  g_assert_cmpfloat (pc_test_metric ("elasticache", s, "hit_ratio"), ==, 0.8);
}

static void
test_database_sees_fewer_queries (void)
{
  g_test_summary ("Cache then RDS: 10 rps x 3.08 queries x 2 ms = 0.0616 vCPU = 3.08 % of 2 vCPU (5 % without)");
  g_autoptr (PcUsage) usage = pc_usage_new ();
  const char *cache[] = { "rps=10", "db_queries_per_request=5", "db_read_share=0.8", "db_cpu_ms_per_query=2", NULL };
  const char *none[] = { NULL };
  g_autoptr (PcStepResult) c = pc_test_step (usage, "elasticache", "ap-southeast-2", cache);
  const PcDemand *demand = pc_usage_demand (usage);
  g_assert_cmpfloat_with_epsilon (demand->db_queries_per_request, 5 * (1 - 0.384), 1e-12);
  /* Reads left: 5 x 0.8 - 5 x 0.384 = 2.08 of 3.08 queries. */
  g_assert_cmpfloat_with_epsilon (demand->db_read_share, 2.08 / 3.08, 1e-12);
  g_autoptr (PcStepResult) d = pc_test_step (usage, "rds-postgres", "ap-southeast-2", none);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", d, "cpu_utilisation"), 0.0308, 1e-12);
}

static void
test_bad_setting (void)
{
  const char *sets[] = { "hit_ratio=1.5", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) r = pc_test_price_error ("elasticache", "ap-southeast-2", sets, &error);
  g_assert_null (r);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "hit_ratio"));
}

static void
test_reserved_1yr (void)
{
  g_test_summary ("1 yr No Upfront reserved nodes: node-hours at the reserved rate");
  const char *sets[] = { "reserved=1yr_no_upfront", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("elasticache", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "node-hours"), 730 * 0.016);              /* 11.68 */
  pc_assert_usd (pc_step_result_usd (r), 11.68);
  const char *small[] = { "reserved=1yr_no_upfront", "node_type=cache.t4g.small", "nodes=2", NULL };
  g_autoptr (PcStepResult) u = pc_test_price ("elasticache", "us-east-1", small);
  pc_assert_usd (pc_test_line_usd (u, "node-hours"), 2 * 730 * 0.022);          /* 32.12 */
}

static void
test_reserved_3yr (void)
{
  g_test_summary ("3 yr No Upfront reserved nodes halve a micro's cost (Sydney $0.012 vs $0.024)");
  const char *sets[] = { "reserved=3yr_no_upfront", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("elasticache", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "node-hours"), 730 * 0.012);              /* 8.76 */
  /* Saving by hand: 1 - 0.012 / 0.024 = 0.5. */
  g_assert_cmpfloat_with_epsilon (pc_step_result_usd (r) / (730 * 0.024), 0.5, 1e-9);
  const char *small[] = { "reserved=3yr_no_upfront", "node_type=cache.t4g.small", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("elasticache", "ap-southeast-2", small);
  pc_assert_usd (pc_step_result_usd (s), 730 * 0.025);                          /* 18.25 */
  g_autoptr (PcStepResult) u = pc_test_price ("elasticache", "us-east-1", sets);
  pc_assert_usd (pc_step_result_usd (u), 730 * 0.008);                          /* 5.84 */
}

static void
test_reserved_valkey_missing (void)
{
  g_test_summary ("The reserved-node feed has no Valkey offer: the catalog's missing-key error");
  const char *sets[] = { "reserved=1yr_no_upfront", "engine=valkey", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) r = pc_test_price_error ("elasticache", "us-east-1", sets, &error);
  g_assert_null (r);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "elasticache.valkey.cache_t4g_micro.reserved_1yr_no_upfront_hour"));
}

static void
test_reports_not_cached (void)
{
  g_test_summary ("Reports (20 % of queries, 80 % of 10 ms of database CPU a request) are not cached: of the other"
                  " 60 % reads, 0.6 x 0.8 are absorbed (28.8 % of queries) at their 0.5 ms each");
  g_autoptr (PcUsage) usage = pc_usage_new ();
  const char *sets[] = { "requests=1000000", "db_queries_per_request=5", "db_cpu_ms_per_query=2", "db_read_share=0.8",
                         "db_replica_share=0.2", "db_replica_cpu_share=0.8", NULL };
  g_autoptr (PcStepResult) r = pc_test_step (usage, "elasticache", "ap-southeast-2", sets);
  const PcDemand *d = pc_usage_demand (usage);
  double absorbed = (0.8 - 0.2) * 0.6 * 0.8, other_cpu = 2 * (1 - 0.8) / (1 - 0.2);
  double cpu_left = 5 * 2 - absorbed * 5 * other_cpu;   /* 10 - 0.72 ms a request */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("elasticache", r, "absorbed_share"), absorbed, 1e-12);
  g_assert_cmpfloat_with_epsilon (d->db_queries_per_request, 5 * (1 - absorbed), 1e-12);
  g_assert_cmpfloat_with_epsilon (d->db_cpu_ms_per_query * d->db_queries_per_request, cpu_left, 1e-12);
  g_assert_cmpfloat_with_epsilon (d->db_replica_share, 0.2 / (1 - absorbed), 1e-12);
  g_assert_cmpfloat_with_epsilon (d->db_replica_cpu_share, 0.8 * 10 / cpu_left, 1e-12);
  g_assert_cmpfloat_with_epsilon (d->db_read_share, (0.8 - absorbed) / (1 - absorbed), 1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/elasticache/ap-southeast-2/one-node-730h", test_one_node_sydney);
  g_test_add_func ("/plugin/elasticache/us-east-1/nodes-and-engines", test_us_east_1_and_singapore);
  g_test_add_func ("/plugin/elasticache/capacity/absorbs-reads", test_absorbs_reads);
  g_test_add_func ("/plugin/elasticache/capacity/working-set-too-big", test_working_set_too_big);
  g_test_add_func ("/plugin/elasticache/capacity/database-sees-fewer-queries", test_database_sees_fewer_queries);
  g_test_add_func ("/plugin/elasticache/bad-setting", test_bad_setting);
  g_test_add_func ("/plugin/elasticache/reserved/1yr-no-upfront", test_reserved_1yr);
  g_test_add_func ("/plugin/elasticache/reserved/3yr-no-upfront", test_reserved_3yr);
  g_test_add_func ("/plugin/elasticache/us-east-1/reserved/valkey-missing", test_reserved_valkey_missing);
  g_test_add_func ("/plugin/elasticache/capacity/reports-not-cached", test_reports_not_cached);
  return g_test_run ();
}
