/* api-gateway - Amazon API Gateway in front of the service: requests, cache, throttling.
 *
 * What is modelled.  A share of the month's dynamic requests passes through
 * the API (share = 1 puts every request behind it).  The seed wants a REST
 * API ("API key management", usage plans exist only on REST APIs), billed
 * per request at apigateway.rest.request; an HTTP API is the cheaper
 * apigateway.http.request.  Both keys are volume-tiered per month (REST
 * 333M / 1B / 20B, HTTP 300M), which pc_result_charge walks.  The 1M-request
 * 12-month free tier is not in the catalog (unconfirmed for accounts on the
 * credit-based Free Tier) and so is not applied.  Responses leaving AWS are
 * billed at EC2 data-transfer rates; that is the data-transfer component's
 * line, not this one's.
 *
 * Sydney's REST price is LOWER CONFIDENCE: AWS's price feed gives Sydney's
 * first (up to 333M) and second (next 667M) bands the same rate code at
 * $3.50/M, where us-east-1 and Singapore have two different rates; the
 * reference did not cross-check it (aws-prices-edge.md section 7).
 *
 * Cache.  A REST stage can run a dedicated cache, billed per hour whether
 * used or not: apigateway.rest_cache_0_5gb.hour or _1_6gb.hour, x 730 h.
 * Cache hits are answered by API Gateway without calling the integration,
 * so cache_hit_ratio of the API's requests no longer reach the backend:
 * downstream stages see fewer requests and a lower rate every hour.
 *
 * Capacity.  API Gateway throttles all APIs of an account in a Region with a
 * token bucket: 10,000 requests/s steady rate by default (plus a 5,000
 * request burst bucket, which only absorbs spikes shorter than a second or
 * two and is ignored here).  At the busiest hour the peak-second rate is
 *     peak_rps = max_h rps_h x share x peak_factor
 * and the share of it above rate_limit_rps is answered 429 Too Many Requests:
 *     throttled_share = max(0, peak_rps - rate_limit_rps) / peak_rps.
 * It is reported as a metric (a trigger can act on it); the month's volume
 * is left unchanged because a peak second is not a month.
 *
 * Worked month (Sydney, the seed's "~$3.50/month + request charges"): a REST
 * API with 1,000,000 requests = 1,000,000 x $0.0000035 = $3.50; add the
 * 0.5 GB cache and it is 730 h x $0.020 = $14.60 more, $18.10 in all.
 */
#include <pc-plugin.h>

enum { P_API_TYPE, P_SHARE, P_CACHE, P_HIT_RATIO, P_RATE_LIMIT, P_COUNT };
enum { API_TYPE_REST, API_TYPE_HTTP, API_TYPE_COUNT };
static const char *const api_type_names[] = { [API_TYPE_REST] = "rest", [API_TYPE_HTTP] = "http" };
PC_CHECK_TABLE (api_type_names, API_TYPE_COUNT);
enum { CACHE_SIZE_NONE, CACHE_SIZE_0_5, CACHE_SIZE_1_6, CACHE_SIZE_COUNT };
static const char *const cache_size_names[] = { [CACHE_SIZE_NONE] = "none", [CACHE_SIZE_0_5] = "0.5", [CACHE_SIZE_1_6] = "1.6" };
PC_CHECK_TABLE (cache_size_names, CACHE_SIZE_COUNT);
static const PcParamSpec params[] = {
  [P_API_TYPE] = PC_CHOICE ("api_type", "rest", api_type_names, "REST API (API keys, usage plans, cache) or the cheaper HTTP API"),
  [P_SHARE] = PC_DOUBLE ("share", "1.0", "ratio", 0, 1, "share of the dynamic requests that pass through the API"),
  [P_CACHE] = PC_CHOICE ("cache_size", "none", cache_size_names, "REST API cache size (billed per hour)"),
  [P_HIT_RATIO] = PC_DOUBLE ("cache_hit_ratio", "0", "ratio", 0, 1, "share of API requests answered from the cache (needs a cache)"),
  [P_RATE_LIMIT] = PC_DOUBLE ("rate_limit_rps", "10000", "requests/s", 1, 1e9, "throttling rate limit (AWS account default 10,000 per Region)"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_REQUESTS, M_BACKEND, M_CACHE_HITS, M_PEAK_RPS, M_THROTTLED, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_REQUESTS] = { "api_requests", "requests", "requests through the API this month" },
  [M_BACKEND] = { "backend_requests", "requests", "API requests passed to the integration (cache misses)" },
  [M_CACHE_HITS] = { "cache_hits", "requests", "API requests answered from the cache" },
  [M_PEAK_RPS] = { "peak_rps", "requests/s", "peak-second request rate through the API at the busiest hour" },
  [M_THROTTLED] = { "throttled_share", "ratio", "share of the peak-second rate above rate_limit_rps (answered 429)" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  double share, hit_ratio, rate_limit;
  const char *request_item, *cache_item;
  const PcPrice *request, *cache;
} ApiGateway;

static gboolean
check_cache (guint api_type, guint cache, double hit_ratio, GError **error)
{
  if (cache != CACHE_SIZE_NONE && api_type != API_TYPE_REST) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "cache_size: only REST APIs have a cache; set api_type=rest or cache_size=none");
    return FALSE;
  }
  if (hit_ratio > 0 && cache == CACHE_SIZE_NONE) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "cache_hit_ratio: %g needs a cache; set cache_size", hit_ratio);
    return FALSE;
  }
  return TRUE;
}

static gpointer
api_gateway_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree ApiGateway *a = g_new0 (ApiGateway, 1);
  guint api_type = pc_config_choice (config, P_API_TYPE), cache = pc_config_choice (config, P_CACHE);
  a->share = pc_config_double (config, P_SHARE);
  a->hit_ratio = pc_config_double (config, P_HIT_RATIO);
  a->rate_limit = pc_config_double (config, P_RATE_LIMIT);
  if (!check_cache (api_type, cache, a->hit_ratio, error))
    return NULL;
  gboolean rest = api_type == API_TYPE_REST;
  a->request_item = rest ? "REST API requests" : "HTTP API requests";
  if (!(a->request = pc_catalog_price (catalog, rest ? "apigateway.rest.request" : "apigateway.http.request", error)))
    return NULL;
  if (cache != CACHE_SIZE_NONE) {
    gboolean small = cache == CACHE_SIZE_0_5;
    a->cache_item = small ? "cache 0.5 GB" : "cache 1.6 GB";
    if (!(a->cache = pc_catalog_price (catalog, small ? "apigateway.rest_cache_0_5gb.hour"
                                                      : "apigateway.rest_cache_1_6gb.hour", error)))
      return NULL;
  }
  return g_steal_pointer (&a);
}

static double
peak_hour_rps (const PcDemand *demand)
{
  double peak = 0;
  for (guint k = 0; k < demand->n_levels; k++)
    peak = MAX (peak, demand->level_rps[k]);
  return peak;
}

/* Cache hits never reach the integration: take them out of what the
 * downstream stages see, hour by hour and for the month. */
static void
absorb_cache_hits (const ApiGateway *a, PcDemand *demand, double hits)
{
  double kept = 1.0 - a->share * a->hit_ratio;
  for (guint k = 0; k < demand->n_levels; k++)
    demand->level_rps[k] *= kept;
  demand->requests = MAX (0.0, demand->requests - hits);
}

static gboolean
api_gateway_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const ApiGateway *a = state;
  double requests = demand->requests * a->share;
  double hits = a->cache ? requests * a->hit_ratio : 0.0;
  double peak = peak_hour_rps (demand) * a->share * demand->peak_factor;
  double throttled = peak > a->rate_limit ? (peak - a->rate_limit) / peak : 0.0;
  pc_result_charge (result, a->request_item, a->request, requests, ctx);
  if (a->cache)
    pc_result_charge (result, a->cache_item, a->cache, ctx->hours, ctx);
  if (hits > 0)
    absorb_cache_hits (a, demand, hits);
  pc_result_metric (result, M_REQUESTS, requests);
  pc_result_metric (result, M_BACKEND, requests - hits);
  pc_result_metric (result, M_CACHE_HITS, hits);
  pc_result_metric (result, M_PEAK_RPS, peak);
  pc_result_metric (result, M_THROTTLED, throttled);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "api-gateway",
                  .version = "1.0",
                  .summary = "API Gateway REST/HTTP API: tiered requests, REST cache, account throttling",
                  .stage = PC_STAGE_INGRESS,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = api_gateway_create,
                  .step = api_gateway_step,
                  .destroy = g_free)
