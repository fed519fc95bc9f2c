/* elasticache - ElastiCache (Redis OSS or Valkey) node-based cache in front
 * of the database: absorbs cacheable reads, cost per node-hour.
 *
 * Node facts (not prices), from the AWS documentation "Supported node types"
 * (docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.SupportedTypes.html):
 *     cache.t4g.micro  2 vCPU  0.5 GiB
 *     cache.t4g.small  2 vCPU  1.37 GiB
 * Redis OSS and Valkey reserve reserved-memory-percent = 25 % of a node's
 * memory by default (docs.aws.amazon.com/AmazonElastiCache/latest/dg/
 * redis-memory-management.html), so 75 % holds data.  `nodes` is a
 * replication group with cluster mode off: one primary and nodes - 1 replicas
 * holding the same data, so the data capacity is one node's.
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
 * Cost: nodes x 730 h x elasticache.<redis|valkey>.<node>.hour.
 *
 * Reserved nodes (`reserved`).  The catalog has AWS's reserved-node offers
 * for cache.t4g.micro and cache.t4g.small (source ECRI, the AWS price feed
 * 'elasticache-reservedinstance' of 2024-10-07): 1 year and 3 years, No
 * Upfront only, so there is no fee to amortise; every node-hour is charged
 * at elasticache.<engine>.<node>.reserved_<term>_hour instead.  The feed's
 * offers are Redis OSS (its paired on-demand price is the Redis OSS one); it
 * has none for Valkey, so engine=valkey with a reservation fails with the
 * catalog's missing-key error rather than borrowing the Redis OSS price.
 * Savings against on-demand: Sydney micro $0.016 and $0.012 against $0.024
 * (33.3 %, 50.0 %), small $0.033 and $0.025 against $0.048 (31.3 %,
 * 47.9 %); us-east-1 micro $0.011 and $0.008 against $0.016 (31.3 %, 50.0 %).
 *
 * Worked month (Sydney, one cache.t4g.micro Redis OSS node): 730 h x
 * $0.024 = $17.52; reserved 3 years No Upfront 730 h x $0.012 = $8.76.
 */
#include <pc-plugin.h>

enum { P_NODE, P_ENGINE, P_NODES, P_HIT, P_CACHED_SHARE, P_WORKING_SET, P_RESERVED, P_COUNT };
enum { NODE_TYPE_CACHE_T4G_MICRO, NODE_TYPE_CACHE_T4G_SMALL, NODE_TYPE_COUNT };
static const char *const node_type_names[] = { [NODE_TYPE_CACHE_T4G_MICRO] = "cache.t4g.micro", [NODE_TYPE_CACHE_T4G_SMALL] = "cache.t4g.small" };
PC_CHECK_TABLE (node_type_names, NODE_TYPE_COUNT);
enum { ENGINE_REDIS, ENGINE_VALKEY, ENGINE_COUNT };
static const char *const engine_names[] = { [ENGINE_REDIS] = "redis", [ENGINE_VALKEY] = "valkey" };
PC_CHECK_TABLE (engine_names, ENGINE_COUNT);
enum { RESERVED_NONE, RESERVED_1YR_NO_UPFRONT, RESERVED_3YR_NO_UPFRONT, RESERVED_COUNT };
static const char *const reserved_names[] = { [RESERVED_NONE] = "none", [RESERVED_1YR_NO_UPFRONT] = "1yr_no_upfront", [RESERVED_3YR_NO_UPFRONT] = "3yr_no_upfront" };
PC_CHECK_TABLE (reserved_names, RESERVED_COUNT);
static const PcParamSpec params[] = {
  [P_NODE] = PC_CHOICE ("node_type", "cache.t4g.micro", node_type_names, "cache node type"),
  [P_ENGINE] = PC_CHOICE ("engine", "redis", engine_names, "Redis OSS or Valkey (Valkey nodes cost less)"),
  [P_NODES] = PC_INT ("nodes", "1", "nodes", 1, 6, "nodes in the replication group (primary + replicas)"),
  [P_HIT] = PC_DOUBLE ("hit_ratio", "0.8", "ratio", 0, 1, "share of cacheable reads found in the cache"),
  [P_CACHED_SHARE] = PC_DOUBLE ("cached_read_share", "0.6", "ratio", 0, 1, "share of database reads that are cacheable"),
  [P_WORKING_SET] = PC_DOUBLE ("working_set_gib", "0", "GiB", 0, 1e6, "data the cacheable reads touch (0: assume it fits in memory)"),
  [P_RESERVED] = PC_CHOICE ("reserved", "none", reserved_names, "reserved-node term of every node (none: on-demand; Redis OSS only)"),
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
  [M_USABLE_MEMORY] = { "usable_memory_gib", "GiB", "memory for data (75 % of a node; replicas hold the same data)" },
  [M_MEMORY_UTILISATION] = { "memory_utilisation", "ratio", "working set / usable memory (0 when no working set is given)" },
  [M_QUERIES_LEFT] = { "db_queries_per_request", "queries", "queries per request still reaching the database" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  const char *key;
  double memory_gib;
} NodeType;

static const NodeType node_types[] = {
  { "cache_t4g_micro", 0.5 },
  { "cache_t4g_small", 1.37 },
};

/* Redis OSS / Valkey default reserved-memory-percent. */
#define RESERVED_MEMORY_SHARE 0.25

typedef struct {
  const NodeType *node;
  double nodes, hit_ratio, cached_read_share, working_set_gib;
  const PcPrice *node_hour;
} Cache;

static gpointer
cache_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Cache *c = g_new0 (Cache, 1);
  char key[96];
  c->node = &node_types[pc_config_choice (config, P_NODE)];
  c->nodes = (double) pc_config_int (config, P_NODES);
  c->hit_ratio = pc_config_double (config, P_HIT);
  c->cached_read_share = pc_config_double (config, P_CACHED_SHARE);
  c->working_set_gib = pc_config_double (config, P_WORKING_SET);
  const char *engine = pc_config_choice (config, P_ENGINE) == 0 ? "redis" : "valkey";
  const char *term = reserved_terms[pc_config_choice (config, P_RESERVED)];
  if (term)
    g_snprintf (key, sizeof key, "elasticache.%s.%s.reserved_%s_hour", engine, c->node->key, term);
  else
    g_snprintf (key, sizeof key, "elasticache.%s.%s.hour", engine, c->node->key);
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
  double usable_gib = c->node->memory_gib * (1.0 - RESERVED_MEMORY_SHARE);
  double hit = effective_hit_ratio (c, usable_gib);
  double cacheable_reads = MAX (0.0, demand->db_read_share - demand->db_replica_share);
  double absorbed_share = MIN (cacheable_reads * c->cached_read_share * hit, 1.0);
  double absorbed = demand->requests * demand->db_queries_per_request * absorbed_share;
  absorb (demand, absorbed_share);
  pc_result_charge (result, "node-hours", c->node_hour, c->nodes * ctx->hours, ctx);
  pc_result_metric (result, M_HIT, hit);
  pc_result_metric (result, M_ABSORBED, absorbed);
  pc_result_metric (result, M_ABSORBED_SHARE, absorbed_share);
  pc_result_metric (result, M_NODE_MEMORY, c->node->memory_gib);
  pc_result_metric (result, M_USABLE_MEMORY, usable_gib);
  pc_result_metric (result, M_MEMORY_UTILISATION, c->working_set_gib / usable_gib);
  pc_result_metric (result, M_QUERIES_LEFT, demand->db_queries_per_request);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "elasticache",
                  .version = "1.0",
                  .summary = "ElastiCache Redis OSS / Valkey nodes: absorbs cacheable DB reads",
                  .stage = PC_STAGE_CACHE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = cache_create,
                  .step = cache_step,
                  .destroy = g_free)
