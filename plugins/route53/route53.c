/* route53 - Route 53 DNS: hosted zones, queries, health checks, failover.
 *
 * Queries.  Browsers, operating systems and recursive resolvers cache an
 * answer for its TTL, so Route 53 sees a small fraction of the requests:
 *   queries = demand->requests x queries_per_request   (default 0.01, i.e.
 *   one lookup per ~100 API calls: a session's calls share one cached answer)
 * Queries to ALIAS records that point at AWS resources (an ALB, a
 * CloudFront distribution) are free; alias_share of the queries are such.
 * The static assets' hostname is normally a CloudFront alias, so static
 * requests are not counted.  The billable queries are priced by routing
 * policy: route53.query.standard (simple and failover; the catalog has no
 * failover SKU), .latency or .geo, each 1B-query tiered.
 *
 * Health checks.  health_checks of AWS endpoints (first 50 free) or of
 * non-AWS endpoints at their own price, plus optional features (HTTPS,
 * string matching, 10-s interval, latency) per check.  failover (the
 * seed's v3.0 DR to ap-southeast-1) adds one health check on the primary
 * endpoint and a secondary record, which costs nothing by itself.
 *
 * Worked month (Sydney, failover, flat 10 rps): 1 zone x $0.50; 26.28M
 * requests x 0.01 = 262,800 queries x $0.40 per million = $0.105; 1 health
 * check of an AWS endpoint is free; $0.61 in all.
 */
#include <pc-plugin.h>

enum { P_ZONES, P_QUERIES_PER_REQUEST, P_ALIAS_SHARE, P_ROUTING, P_HEALTH_CHECKS, P_CHECK_TARGET, P_FEATURES, P_FAILOVER, P_COUNT };
enum { ROUTING_SIMPLE, ROUTING_LATENCY, ROUTING_GEO, ROUTING_COUNT };
static const char *const routing_names[] = { [ROUTING_SIMPLE] = "simple", [ROUTING_LATENCY] = "latency", [ROUTING_GEO] = "geo" };
PC_CHECK_TABLE (routing_names, ROUTING_COUNT);
enum { HEALTH_CHECK_TARGET_AWS, HEALTH_CHECK_TARGET_NON_AWS, HEALTH_CHECK_TARGET_COUNT };
static const char *const health_check_target_names[] = { [HEALTH_CHECK_TARGET_AWS] = "aws", [HEALTH_CHECK_TARGET_NON_AWS] = "non_aws" };
PC_CHECK_TABLE (health_check_target_names, HEALTH_CHECK_TARGET_COUNT);
static const PcParamSpec params[] = {
  [P_ZONES] = PC_INT ("hosted_zones", "1", "zones", 0, 10000, "public hosted zones"),
  [P_QUERIES_PER_REQUEST] = PC_DOUBLE ("queries_per_request", "0.01", "queries", 0, 10, "DNS queries reaching Route 53 per dynamic request (after resolver caching)"),
  [P_ALIAS_SHARE] = PC_DOUBLE ("alias_share", "0", "ratio", 0, 1, "share of queries answered by alias records to AWS resources (free)"),
  [P_ROUTING] = PC_CHOICE ("routing", "simple", routing_names, "routing policy of the queried records"),
  [P_HEALTH_CHECKS] = PC_INT ("health_checks", "0", "checks", 0, 10000, "health checks besides failover's"),
  [P_CHECK_TARGET] = PC_CHOICE ("health_check_target", "aws", health_check_target_names, "whether checked endpoints run on AWS"),
  [P_FEATURES] = PC_INT ("health_check_features", "0", "features", 0, 4, "optional features per health check (HTTPS, string matching, fast interval, latency)"),
  [P_FAILOVER] = PC_BOOL ("failover", "false", "failover routing: one more health check + secondary record"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_QUERIES, M_BILLABLE_QUERIES, M_HEALTH_CHECKS, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_QUERIES] = { "queries", "queries", "DNS queries reaching Route 53 this month" },
  [M_BILLABLE_QUERIES] = { "billable_queries", "queries", "queries not answered by free alias records" },
  [M_HEALTH_CHECKS] = { "health_checks", "checks", "health checks configured" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  double zones, queries_per_request, alias_share, health_checks, features;
  const PcPrice *zone, *query, *health_check, *feature;
} Route53;

static gpointer
route53_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  static const char *const query_keys[] = { "route53.query.standard", "route53.query.latency", "route53.query.geo" };
  g_autofree Route53 *r = g_new0 (Route53, 1);
  gboolean non_aws = pc_config_choice (config, P_CHECK_TARGET) == 1;
  r->zones = (double) pc_config_int (config, P_ZONES);
  r->queries_per_request = pc_config_double (config, P_QUERIES_PER_REQUEST);
  r->alias_share = pc_config_double (config, P_ALIAS_SHARE);
  r->health_checks = (double) pc_config_int (config, P_HEALTH_CHECKS) + (pc_config_bool (config, P_FAILOVER) ? 1 : 0);
  r->features = (double) pc_config_int (config, P_FEATURES);
  if (!(r->zone = pc_catalog_price (catalog, "route53.hosted_zone.month", error)) ||
      !(r->query = pc_catalog_price (catalog, query_keys[pc_config_choice (config, P_ROUTING)], error)) ||
      !(r->health_check = pc_catalog_price (catalog, non_aws ? "route53.health_check.non_aws_month"
                                                             : "route53.health_check.aws_month", error)) ||
      !(r->feature = pc_catalog_price (catalog, non_aws ? "route53.health_check.optional_feature_non_aws_month"
                                                        : "route53.health_check.optional_feature_aws_month", error)))
    return NULL;
  return g_steal_pointer (&r);
}

static gboolean
route53_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Route53 *r = state;
  double queries = demand->requests * r->queries_per_request;
  double billable = queries * (1.0 - r->alias_share);
  pc_result_charge (result, "hosted zones", r->zone, r->zones, ctx);
  pc_result_charge (result, "DNS queries", r->query, billable, ctx);
  if (r->health_checks > 0) {
    pc_result_charge (result, "health checks", r->health_check, r->health_checks, ctx);
    if (r->features > 0)
      pc_result_charge (result, "health check features", r->feature, r->health_checks * r->features, ctx);
  }
  pc_result_metric (result, M_QUERIES, queries);
  pc_result_metric (result, M_BILLABLE_QUERIES, billable);
  pc_result_metric (result, M_HEALTH_CHECKS, r->health_checks);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "route53",
                  .version = "1.0",
                  .summary = "Route 53: hosted zones, cached DNS queries, health checks, failover",
                  .stage = PC_STAGE_EDGE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = route53_create,
                  .step = route53_step,
                  .destroy = g_free)
