/* elasticache - ElastiCache (Redis OSS, Valkey or Memcached) node-based
 * cache in front of the database, any node type the catalogs price:
 * absorbs cacheable reads, cost per node-hour.
 *
 * Node facts (not prices) are the table of node-types.h: the 67 node types
 * the catalogs price (t2, t3, t4g, m4, m5, m6g, m7g, r4, r5, r6g, r7g, c7gn),
 * with the memory AWS publishes for each (e.g. cache.t4g.micro 0.5 GiB,
 * cache.m7g.large 6.38, cache.r7g.large 13.07).  Redis OSS and Valkey
 * reserve reserved-memory-percent = 25 % of a node's memory by default
 * (docs.aws.amazon.com/AmazonElastiCache/latest/dg/redis-memory-management.html),
 * so 75 % holds data; `nodes` is then a replication group with cluster mode
 * off: one primary and nodes - 1 replicas holding the same data, so the
 * data capacity is one node's.  Memcached keeps memcached_connections_overhead
 * = 100 MB of each node for connections (its default parameter group) and
 * spreads the keys over its nodes, so its capacity is nodes x (memory -
 * 100 MiB).
 *
 * What it absorbs.  Of the queries a request sends to the database, the
 * share db_read_share are reads; the share db_replica_share of all queries
 * are reporting reads (aggregates a replica may serve, not cached here).
 * Of the other reads, cached_read_share are cacheable and hit_ratio of
 * those are answered by the cache.  When a working_set_gib is given and it
 * does not fit in the usable memory, the hit ratio falls in proportion
 * (uniform access over the working set):
 *     h = hit_ratio x min(1, usable GiB / working_set_gib)
 *     a = (db_read_share - db_replica_share) x cached_read_share x h   (share of queries absorbed)
 * An absorbed query costs the database the mean CPU of the non-reporting
 * queries, c_o = cpu_per_query x (1 - replica CPU share) / (1 - db_replica_share),
 * so downstream (DATABASE stage, after CACHE) sees
 *     db_queries_per_request' = Q (1 - a)
 *     database CPU per request' = Q cpu_per_query - a Q c_o  (so db_cpu_ms_per_query' = that / Q')
 *     db_read_share' = (db_read_share - a) / (1 - a),  db_replica_share' = db_replica_share / (1 - a)
 *     db_replica_cpu_share' = its reporting CPU / the CPU left
 * the misses, the writes, the reports and the uncacheable reads.
 * absorbed_queries = requests x db_queries_per_request x a this month.
 *
 * Cost: nodes x 730 h x elasticache.<redis|valkey|memcached>.<node>.hour;
 * a node type a Region's catalog does not price (c7gn outside the Regions
 * that have it) is refused there, naming the key.
 *
 * Reserved nodes (`reserved`).  The catalog has AWS's reserved-node offers
 * for the standard families (m5, m6g, m7g, t3, t4g; the AWS price feed
 * 'elasticache-reservedinstance' of 2024-10-07): 1 year and 3 years, No
 * Upfront only, so there is no fee to amortise; every node-hour is charged
 * at elasticache.<engine>.<node>.reserved_<term>_hour instead.  The feed's
 * offers are Redis OSS (its paired on-demand price is the Redis OSS one); it
 * has none for Valkey or Memcached, so those engines with a reservation
 * fail with the catalog's missing-key error rather than borrowing the Redis
 * OSS price; so do the memory-optimised and network-optimised families,
 * whose reserved files were not imported (data/pricing/README.md).
 * Savings against on-demand: Sydney micro $0.016 and $0.012 against $0.024
 * (33.3 %, 50.0 %), small $0.033 and $0.025 against $0.048 (31.3 %,
 * 47.9 %); us-east-1 micro $0.011 and $0.008 against $0.016 (31.3 %, 50.0 %).
 *
 * Worked month (Sydney, one cache.t4g.micro Redis OSS node): 730 h x
 * $0.024 = $17.52; reserved 3 years No Upfront 730 h x $0.012 = $8.76.
 * Worked month (us-east-1, three cache.r7g.large): Redis OSS 3 x 730 x
 * $0.219 = $479.61 for 13.07 x 0.75 = 9.80 GiB of data; Memcached the same
 * price for 3 x (13.07 - 0.098) = 38.92 GiB; Valkey 3 x 730 x $0.1752 =
 * $383.69.
 */
#include <pc-plugin.h>

#include "node-types.h"

enum { P_NODE, P_ENGINE, P_NODES, P_HIT, P_CACHED_SHARE, P_WORKING_SET, P_RESERVED, P_COUNT };
#define NODE_NAME(name, memory) name,
static const char *const node_type_names[] = { CACHE_NODE_TYPES (NODE_NAME) };
#define NODE_MEMORY(name, memory) memory,
static const double node_memory[] = { CACHE_NODE_TYPES (NODE_MEMORY) };
PC_CHECK_TABLE (node_memory, G_N_ELEMENTS (node_type_names));
enum { ENGINE_REDIS, ENGINE_VALKEY, ENGINE_MEMCACHED, ENGINE_COUNT };
static const char *const engine_names[] = { [ENGINE_REDIS] = "redis", [ENGINE_VALKEY] = "valkey", [ENGINE_MEMCACHED] = "memcached" };
PC_CHECK_TABLE (engine_names, ENGINE_COUNT);
enum { RESERVED_NONE, RESERVED_1YR_NO_UPFRONT, RESERVED_3YR_NO_UPFRONT, RESERVED_COUNT };
static const char *const reserved_names[] = { [RESERVED_NONE] = "none", [RESERVED_1YR_NO_UPFRONT] = "1yr_no_upfront", [RESERVED_3YR_NO_UPFRONT] = "3yr_no_upfront" };
PC_CHECK_TABLE (reserved_names, RESERVED_COUNT);
static const PcParamSpec params[] = {
  [P_NODE] = PC_CHOICE ("node_type", "cache.t4g.micro", node_type_names, "cache node type"),
  [P_ENGINE] = PC_CHOICE ("engine", "redis", engine_names, "Redis OSS, Valkey (nodes cost less) or Memcached (nodes partition the data)"),
  [P_NODES] = PC_INT ("nodes", "1", "nodes", 1, 6, "Redis OSS / Valkey: nodes of the replication group (primary + replicas); Memcached: nodes sharing the data"),
  [P_HIT] = PC_DOUBLE ("hit_ratio", "0.8", "ratio", 0, 1, "share of cacheable reads found in the cache"),
  [P_CACHED_SHARE] = PC_DOUBLE ("cached_read_share", "0.6", "ratio", 0, 1, "share of database reads that are cacheable"),
  [P_WORKING_SET] = PC_DOUBLE ("working_set_gib", "0", "GiB", 0, 1e6, "data the cacheable reads touch (0: assume it fits in memory)"),
  [P_RESERVED] = PC_CHOICE ("reserved", "none", reserved_names, "reserved-node term of every node (none: on-demand; priced for Redis OSS nodes of the standard families)"),
};
PC_CHECK_TABLE (params, P_COUNT);

/* Catalog segment of each `reserved` choice; NULL for on-demand. */
static const char *const reserved_terms[] = { NULL, "1yr_no_upfront", "3yr_no_upfront" };

enum { M_HIT, M_ABSORBED, M_ABSORBED_SHARE, M_NODE_MEMORY, M_USABLE_MEMORY, M_MEMORY_UTILISATION, M_QUERIES_LEFT, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_HIT] = { "hit_ratio", "ratio", "effective hit ratio of cacheable reads (lowered when the working set does not fit)" },
  [M_ABSORBED] = { "absorbed_queries", "queries", "database queries answered by the cache this month" },
  [M_ABSORBED_SHARE] = { "absorbed_share", "ratio", "share of database queries absorbed" },
  [M_NODE_MEMORY] = { "node_memory_gib", "GiB", "memory of one node" },
  [M_USABLE_MEMORY] = { "usable_memory_gib", "GiB", "memory for data: Redis OSS / Valkey 75 % of one node (replicas hold the same data); Memcached every node less 100 MiB" },
  [M_MEMORY_UTILISATION] = { "memory_utilisation", "ratio", "working set / usable memory (0 when no working set is given)" },
  [M_QUERIES_LEFT] = { "db_queries_per_request", "queries", "queries per request still reaching the database" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

/* Redis OSS / Valkey default reserved-memory-percent. */
#define RESERVED_MEMORY_SHARE 0.25
/* Memcached's default memcached_connections_overhead, 100 MB, in GiB. */
#define MEMCACHED_OVERHEAD_GIB (100.0 / 1024.0)

typedef struct {
  double node_memory_gib, usable_gib;
  double nodes, hit_ratio, cached_read_share, working_set_gib;
  const PcPrice *node_hour;
} Cache;

/* Memory that holds data: a replication group holds one copy on every
 * node; Memcached spreads the keys over its nodes. */
static double
usable_memory (guint engine, double node_memory_gib, double nodes)
{
  if (engine == ENGINE_MEMCACHED)
    return nodes * MAX (0.0, node_memory_gib - MEMCACHED_OVERHEAD_GIB);
  return node_memory_gib * (1.0 - RESERVED_MEMORY_SHARE);
}

static gpointer
cache_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Cache *c = g_new0 (Cache, 1);
  char key[96], node[48];
  guint type = pc_config_choice (config, P_NODE), engine = pc_config_choice (config, P_ENGINE);
  c->node_memory_gib = node_memory[type];
  c->nodes = (double) pc_config_int (config, P_NODES);
  c->usable_gib = usable_memory (engine, c->node_memory_gib, c->nodes);
  c->hit_ratio = pc_config_double (config, P_HIT);
  c->cached_read_share = pc_config_double (config, P_CACHED_SHARE);
  c->working_set_gib = pc_config_double (config, P_WORKING_SET);
  g_strlcpy (node, node_type_names[type], sizeof node);
  g_strdelimit (node, ".", '_');
  const char *term = reserved_terms[pc_config_choice (config, P_RESERVED)];
  if (term)
    g_snprintf (key, sizeof key, "elasticache.%s.%s.reserved_%s_hour", engine_names[engine], node, term);
  else
    g_snprintf (key, sizeof key, "elasticache.%s.%s.hour", engine_names[engine], node);
  if (!(c->node_hour = pc_catalog_price (catalog, key, error)))
    return NULL;
  return g_steal_pointer (&c);
}
static double
effective_hit_ratio (const Cache *c, double usable_gib)
{
  if (c->working_set_gib <= usable_gib)
    return c->hit_ratio;
  return c->hit_ratio * usable_gib / c->working_set_gib;
}

/* Takes the absorbed share @absorbed of the queries out of @demand (see top). */
static void
absorb (PcDemand *demand, double absorbed)
{
  double keep = 1.0 - absorbed, replica = demand->db_replica_share;
  double cpu = demand->db_queries_per_request * demand->db_cpu_ms_per_query;   /* database CPU ms per request */
  double other_cpu = replica < 1.0 ? demand->db_cpu_ms_per_query * (1.0 - demand->db_replica_cpu_share) / (1.0 - replica)
                                   : 0.0;
  double cpu_left = MAX (0.0, cpu - absorbed * demand->db_queries_per_request * other_cpu);
  demand->db_queries_per_request *= keep;
  demand->db_cpu_ms_per_query = demand->db_queries_per_request > 0 ? cpu_left / demand->db_queries_per_request : 0.0;
  demand->db_read_share = keep > 0 ? (demand->db_read_share - absorbed) / keep : 0;
  demand->db_replica_share = keep > 0 ? MIN (1.0, replica / keep) : 0;
  demand->db_replica_cpu_share = cpu_left > 0 ? MIN (1.0, demand->db_replica_cpu_share * cpu / cpu_left) : 0;
}

static gboolean
cache_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Cache *c = state;
  double usable_gib = c->usable_gib;
  double hit = effective_hit_ratio (c, usable_gib);
  double cacheable_reads = MAX (0.0, demand->db_read_share - demand->db_replica_share);
  double absorbed_share = MIN (cacheable_reads * c->cached_read_share * hit, 1.0);
  double absorbed = demand->requests * demand->db_queries_per_request * absorbed_share;
  absorb (demand, absorbed_share);
  pc_result_charge (result, "node-hours", c->node_hour, c->nodes * ctx->hours, ctx);
  pc_result_metric (result, M_HIT, hit);
  pc_result_metric (result, M_ABSORBED, absorbed);
  pc_result_metric (result, M_ABSORBED_SHARE, absorbed_share);
  pc_result_metric (result, M_NODE_MEMORY, c->node_memory_gib);
  pc_result_metric (result, M_USABLE_MEMORY, usable_gib);
  pc_result_metric (result, M_MEMORY_UTILISATION, c->working_set_gib / usable_gib);
  pc_result_metric (result, M_QUERIES_LEFT, demand->db_queries_per_request);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "elasticache",
                  .version = "1.1",
                  .summary = "ElastiCache Redis OSS / Valkey / Memcached nodes, every node type: absorbs cacheable DB reads",
                  .stage = PC_STAGE_CACHE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = cache_create,
                  .step = cache_step,
                  .destroy = g_free)
