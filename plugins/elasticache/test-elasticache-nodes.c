/* elasticache: every node-type family and the three engines against
 * hand-worked months from the prices AWS publishes (data/pricing/aws-*.xml,
 * feed 'elasticache' of 2025-03-14, reserved nodes 'elasticache-
 * reservedinstance' of 2024-10-07), and node memory from the same feed.
 * One node for 730 h is 730 x the node-hour. */
#include "testlib.h"

typedef struct {
  const char *node_type;
  const char *region_a;
  double redis_a, valkey_a, memcached_a;   /* node-hour by engine */
  const char *region_b;
  double redis_b, valkey_b, memcached_b;
  double memory_gib;                       /* the feed's Memory */
} NodeMonth;

static const NodeMonth nodes[] = {
  { "cache.t2.micro", "ap-southeast-2", 0.022, 0.0176, 0.022, "us-east-1", 0.017, 0.0136, 0.017, 0.555 },
  { "cache.t3.micro", "ap-southeast-2", 0.025, 0.02, 0.025, "us-east-1", 0.017, 0.0136, 0.017, 0.5 },
  { "cache.t4g.medium", "ap-southeast-2", 0.095, 0.076, 0.095, "us-east-1", 0.065, 0.052, 0.065, 3.09 },
  { "cache.m4.large", "ap-southeast-2", 0.218, 0.1744, 0.218, "us-east-1", 0.156, 0.1248, 0.156, 6.42 },
  { "cache.m5.large", "ap-southeast-2", 0.194, 0.1552, 0.194, "us-east-1", 0.156, 0.1248, 0.156, 6.38 },
  { "cache.m6g.large", "ap-southeast-2", 0.185, 0.148, 0.185, "us-east-1", 0.149, 0.1192, 0.149, 6.38 },
  { "cache.m7g.large", "ap-southeast-2", 0.196, 0.1568, 0.196, "us-east-1", 0.158, 0.1264, 0.158, 6.38 },
  { "cache.r4.large", "ap-southeast-2", 0.273, 0.2184, 0.273, "us-east-1", 0.228, 0.1824, 0.228, 12.3 },
  { "cache.r5.large", "ap-southeast-2", 0.259, 0.2072, 0.259, "us-east-1", 0.216, 0.1728, 0.216, 13.07 },
  { "cache.r6g.large", "ap-southeast-2", 0.247, 0.1976, 0.247, "us-east-1", 0.206, 0.1648, 0.206, 13.07 },
  { "cache.r7g.large", "ap-southeast-2", 0.263, 0.2104, 0.263, "us-east-1", 0.219, 0.1752, 0.219, 13.07 },
  { "cache.c7gn.large", "us-east-1", 0.255, 0.204, 0.255, "eu-west-1", 0.288, 0.2304, 0.288, 3.09 },
};

static void
check_engine (const char *node_type, const char *engine, const char *region, double hour, double memory_gib)
{
  g_autofree char *node = g_strdup_printf ("node_type=%s", node_type);
  g_autofree char *set = g_strdup_printf ("engine=%s", engine);
  const char *sets[] = { node, set, NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("elasticache", region, sets);
  pc_assert_usd_exact (pc_step_result_usd (r), 730 * hour);
  g_assert_cmpfloat (pc_test_metric ("elasticache", r, "node_memory_gib"), ==, memory_gib);
}

static void
test_node_type (gconstpointer data)
{
  const NodeMonth *n = data;
  g_test_summary ("One node of the family for 730 h, Redis OSS, Valkey and Memcached, in two Regions");
  check_engine (n->node_type, "redis", n->region_a, n->redis_a, n->memory_gib);
  check_engine (n->node_type, "valkey", n->region_a, n->valkey_a, n->memory_gib);
  check_engine (n->node_type, "memcached", n->region_a, n->memcached_a, n->memory_gib);
  check_engine (n->node_type, "redis", n->region_b, n->redis_b, n->memory_gib);
  check_engine (n->node_type, "valkey", n->region_b, n->valkey_b, n->memory_gib);
  check_engine (n->node_type, "memcached", n->region_b, n->memcached_b, n->memory_gib);
}

static void
test_usable_memory (void)
{
  g_test_summary ("cache.r7g.large (13.07 GiB): Redis OSS keeps 25 % back, 3 nodes hold one copy: 9.8025 GiB;"
                  " Memcached keeps 100 MiB a node and 3 nodes share the keys: 3 x (13.07 - 100/1024)");
  const char *redis[] = { "node_type=cache.r7g.large", "nodes=3", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("elasticache", "us-east-1", redis);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("elasticache", r, "usable_memory_gib"), 13.07 * 0.75, 1e-12);
  pc_assert_usd_exact (pc_step_result_usd (r), 3 * 730 * 0.219);
  const char *memcached[] = { "node_type=cache.r7g.large", "nodes=3", "engine=memcached", "working_set_gib=20", NULL };
  g_autoptr (PcStepResult) m = pc_test_price ("elasticache", "us-east-1", memcached);
  double usable = 3 * (13.07 - 100.0 / 1024);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("elasticache", m, "usable_memory_gib"), usable, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("elasticache", m, "memory_utilisation"), 20 / usable, 1e-12);
}

static void
test_reserved_families (void)
{
  g_test_summary ("1 yr No Upfront reserved Redis OSS nodes of the m7g and t3 families in Sydney and us-east-1;"
                  " no reserved Memcached offer in the feed copied: refused naming the key");
  const char *m7g[] = { "node_type=cache.m7g.large", "reserved=1yr_no_upfront", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("elasticache", "ap-southeast-2", m7g);
  pc_assert_usd_exact (pc_step_result_usd (s), 730 * 0.133);
  g_autoptr (PcStepResult) u = pc_test_price ("elasticache", "us-east-1", m7g);
  pc_assert_usd_exact (pc_step_result_usd (u), 730 * 0.107);
  const char *t3[] = { "node_type=cache.t3.micro", "reserved=1yr_no_upfront", NULL };
  g_autoptr (PcStepResult) t = pc_test_price ("elasticache", "us-east-1", t3);
  pc_assert_usd_exact (pc_step_result_usd (t), 730 * 0.012);
  g_autoptr (GError) error = NULL;
  const char *memcached[] = { "node_type=cache.m7g.large", "engine=memcached", "reserved=1yr_no_upfront", NULL };
  g_assert_null (pc_test_price_error ("elasticache", "us-east-1", memcached, &error));
  g_assert_nonnull (strstr (error->message, "elasticache.memcached.cache_m7g_large.reserved_1yr_no_upfront_hour"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (nodes); i++) {
    g_autofree char *path = g_strdup_printf ("/plugin/elasticache/node/%s", nodes[i].node_type);
    g_test_add_data_func (path, &nodes[i], test_node_type);
  }
  g_test_add_func ("/plugin/elasticache/memory/usable", test_usable_memory);
  g_test_add_func ("/plugin/elasticache/reserved/families", test_reserved_families);
  return g_test_run ();
}
