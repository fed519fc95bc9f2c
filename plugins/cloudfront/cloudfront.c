/* cloudfront - CloudFront distribution in front of the static frontend (and
 * optionally the dynamic API): data out, requests, invalidations.
 *
 * What it serves.  Every static asset request (demand static_requests,
 * static_egress_gb) is answered at the edge; a share cache_hit_ratio of
 * them from the edge cache, the rest (the misses) fetched from the origin.
 * Fetches from an AWS origin (S3, ALB) are free, so downstream stages see
 * no static bytes: static_egress_gb becomes 0.  static_requests stays, as
 * the count of what viewers asked for (a WAF on CloudFront inspects them).
 * The seed's MVP puts CloudFront in front of the frontend only; with
 * dynamic_through_cdn the dynamic requests pass through it as well, are
 * billed as CloudFront requests and data out, a share dynamic_cache_share
 * of them is answered from the cache (cacheable GETs), and the origin sees
 *     requests' = requests x (1 - dynamic_cache_share)
 * (the hourly rates scale alike) and no internet egress of its own
 * (egress_gb' = 0: the responses leave through CloudFront).
 *
 * Cost (catalog keys, the viewers' edge geography, see data/pricing/README):
 * cloudfront.out.gb on the GB served (tiered; the first 1,024 GB/month are
 * always free), cloudfront.https.request on every request served (the
 * first 10,000,000 free; every request is assumed HTTPS), and
 * cloudfront.invalidation.path (first 1,000 paths free).  Request bodies sent
 * from the edge to the origin (uploads) are cloudfront.to_origin.gb.
 *
 * Worked month (Sydney viewers, Australia/NZ edges): 2,048 GB and 30M
 * static requests.  Data out: 1,024 GB free + 1,024 GB x $0.114 = $116.74;
 * requests: (30M - 10M) x $0.00000125 = $25.00; 1,500 invalidation paths:
 * 500 x $0.005 = $2.50; $144.24 in all.  Origin fetches at a 0.9 hit ratio:
 * 3M.
 */
#include <pc-plugin.h>

enum { P_HIT_RATIO, P_DYNAMIC, P_DYNAMIC_CACHE, P_INVALIDATIONS, P_TO_ORIGIN, P_COUNT };
static const PcParamSpec params[] = {
  [P_HIT_RATIO] = PC_DOUBLE ("cache_hit_ratio", "0.9", "ratio", 0, 1, "share of static requests answered from the edge cache (the rest are origin fetches)"),
  [P_DYNAMIC] = PC_BOOL ("dynamic_through_cdn", "false", "dynamic (API) requests also pass through CloudFront (the seed's MVP: frontend only)"),
  [P_DYNAMIC_CACHE] = PC_DOUBLE ("dynamic_cache_share", "0", "ratio", 0, 1, "share of dynamic requests answered from the cache (only with dynamic_through_cdn)"),
  [P_INVALIDATIONS] = PC_DOUBLE ("invalidation_paths", "0", "paths/month", 0, 1e9, "invalidation paths requested per month (first 1,000 free)"),
  [P_TO_ORIGIN] = PC_DOUBLE ("to_origin_gb", "0", "GB/month", 0, 1e9, "request bodies (uploads) sent from the edge to the origin"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_REQUESTS, M_GB, M_HIT_RATIO, M_ORIGIN_REQUESTS, M_ORIGIN_GB, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_REQUESTS] = { "requests_served", "requests", "requests answered by CloudFront this month" },
  [M_GB] = { "gb_served", "GB", "data out from the edges to viewers this month" },
  [M_HIT_RATIO] = { "cache_hit_ratio", "ratio", "share of all requests served answered from the edge cache" },
  [M_ORIGIN_REQUESTS] = { "origin_requests", "requests", "cache misses fetched from (or forwarded to) the origin" },
  [M_ORIGIN_GB] = { "origin_gb", "GB", "data fetched from the origin for the misses (free from AWS origins)" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  double hit_ratio, dynamic_cache_share, invalidation_paths, to_origin_gb;
  gboolean dynamic;
  const PcPrice *out_gb, *https_request, *invalidation, *to_origin;
} CloudFront;

static gpointer
cloudfront_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree CloudFront *c = g_new0 (CloudFront, 1);
  c->hit_ratio = pc_config_double (config, P_HIT_RATIO);
  c->dynamic = pc_config_bool (config, P_DYNAMIC);
  c->dynamic_cache_share = c->dynamic ? pc_config_double (config, P_DYNAMIC_CACHE) : 0.0;
  c->invalidation_paths = pc_config_double (config, P_INVALIDATIONS);
  c->to_origin_gb = pc_config_double (config, P_TO_ORIGIN);
  if (!(c->out_gb = pc_catalog_price (catalog, "cloudfront.out.gb", error)) ||
      !(c->https_request = pc_catalog_price (catalog, "cloudfront.https.request", error)) ||
      !(c->invalidation = pc_catalog_price (catalog, "cloudfront.invalidation.path", error)) ||
      !(c->to_origin = pc_catalog_price (catalog, "cloudfront.to_origin.gb", error)))
    return NULL;
  return g_steal_pointer (&c);
}

/* The origin keeps the dynamic requests the cache did not answer; its
 * responses now leave through CloudFront, not straight to the internet. */
static void
pass_dynamic_to_origin (const CloudFront *c, PcDemand *demand)
{
  double keep = 1.0 - c->dynamic_cache_share;
  demand->requests *= keep;
  for (guint k = 0; k < demand->n_levels; k++)
    demand->level_rps[k] *= keep;
  demand->egress_gb = 0.0;
}

static gboolean
cloudfront_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const CloudFront *c = state;
  double requests = demand->static_requests, gb = demand->static_egress_gb;
  double hits = demand->static_requests * c->hit_ratio;
  double origin_gb = demand->static_egress_gb * (1.0 - c->hit_ratio);
  if (c->dynamic) {
    requests += demand->requests;
    gb += demand->egress_gb;
    hits += demand->requests * c->dynamic_cache_share;
    origin_gb += demand->egress_gb * (1.0 - c->dynamic_cache_share);
    pass_dynamic_to_origin (c, demand);
  }
  demand->static_egress_gb = 0.0;

  pc_result_charge (result, "data out to viewers", c->out_gb, gb, ctx);
  pc_result_charge (result, "HTTPS requests", c->https_request, requests, ctx);
  if (c->invalidation_paths > 0)
    pc_result_charge (result, "invalidation paths", c->invalidation, c->invalidation_paths, ctx);
  if (c->to_origin_gb > 0)
    pc_result_charge (result, "data out to origin", c->to_origin, c->to_origin_gb, ctx);

  pc_result_metric (result, M_REQUESTS, requests);
  pc_result_metric (result, M_GB, gb);
  pc_result_metric (result, M_HIT_RATIO, requests > 0 ? hits / requests : 0.0);
  pc_result_metric (result, M_ORIGIN_REQUESTS, requests - hits);
  pc_result_metric (result, M_ORIGIN_GB, origin_gb);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "cloudfront",
                  .version = "1.0",
                  .summary = "CloudFront: static assets (optionally the API) at the edge, data out, requests",
                  .stage = PC_STAGE_EDGE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = cloudfront_create,
                  .step = cloudfront_step,
                  .destroy = g_free)
