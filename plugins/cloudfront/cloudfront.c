/* cloudfront - CloudFront distribution in front of the static frontend (and
 * optionally the dynamic API): data out by viewer geography, HTTP and HTTPS
 * requests, CloudFront Functions, invalidations, uploads to the origin.
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
 * Where the viewers are.  CloudFront bills by the edge that serves the
 * viewer, in eight geographies (geographies.h); share_<geography> says
 * which part of the traffic each serves (default: all in Australia and New
 * Zealand, the seed's business).  The prices are the same in every
 * Region's catalog.  Volume tiers are measured separately for each
 * geography (CloudFront FAQ): cloudfront.out.<geography>.gb walks its own
 * ladder (1 TB free, then to 10 TB, 50 TB, 150 TB, 500 TB, 1 PB, 5 PB,
 * over) over that geography's GB.
 *
 * One allowance, many prices.  The always-free 1 TB of data out and
 * 10,000,000 requests (HTTP and HTTPS together) are one allowance per
 * account across geographies; every geography's ladder carries it so that
 * a one-geography month is exact, and this plugin applies it once
 * (shared.c): each geography takes the part of the allowance in proportion
 * to its traffic (AWS does not say how it splits the allowance), and pays
 * at its first rate for the part of its own ladder's free band another
 * geography used.  With one geography this is exactly the catalog's ladder.
 *
 * Cost (catalog keys): cloudfront.out.<g>.gb, cloudfront.https.<g>.request
 * on https_share of the requests and cloudfront.http.<g>.request on the
 * rest, cloudfront.function.invocation on functions_per_request per request
 * (first 2,000,000 a month free), cloudfront.invalidation.path (first 1,000
 * paths free) and cloudfront.to_origin.<g>.gb on uploads (to_origin_gb).
 *
 * Worked month (Australia/NZ viewers, the default): 2,048 GB and 30M static
 * requests.  Data out: 1,024 GB free + 1,024 GB x $0.114 = $116.74;
 * requests: (30M - 10M) x $0.00000125 = $25.00; 1,500 invalidation paths:
 * 500 x $0.005 = $2.50; $144.24 in all.  Origin fetches at a 0.9 hit ratio:
 * 3M.  Split the same month 50/50 between Australia/NZ and Europe: each
 * geography serves 1,024 GB and takes 512 GB of the free TB: 512 x $0.114 +
 * 512 x $0.085 = $101.89 of data out.
 */
#include <math.h>
#include <stdlib.h>
#include <pc-plugin.h>

#include "geographies.h"
#include "shared.h"

enum {
  P_HIT_RATIO, P_DYNAMIC, P_DYNAMIC_CACHE, P_INVALIDATIONS, P_TO_ORIGIN, P_HTTPS_SHARE, P_FUNCTIONS,
  P_SHARE_FIRST, P_COUNT = P_SHARE_FIRST + CF_GEOGRAPHY_COUNT
};
#define SHARE_PARAM(g, def) \
  [P_SHARE_FIRST + CF_##g] = PC_DOUBLE ("share_" CF_ID_##g, def, "ratio", 0, 1, "share of the traffic served from the " CF_NAME_##g " edges")
static const PcParamSpec params[] = {
  [P_HIT_RATIO] = PC_DOUBLE ("cache_hit_ratio", "0.9", "ratio", 0, 1, "share of static requests answered from the edge cache (the rest are origin fetches)"),
  [P_DYNAMIC] = PC_BOOL ("dynamic_through_cdn", "false", "dynamic (API) requests also pass through CloudFront (the seed's MVP: frontend only)"),
  [P_DYNAMIC_CACHE] = PC_DOUBLE ("dynamic_cache_share", "0", "ratio", 0, 1, "share of dynamic requests answered from the cache (only with dynamic_through_cdn)"),
  [P_INVALIDATIONS] = PC_DOUBLE ("invalidation_paths", "0", "paths/month", 0, 1e9, "invalidation paths requested per month (first 1,000 free)"),
  [P_TO_ORIGIN] = PC_DOUBLE ("to_origin_gb", "0", "GB/month", 0, 1e9, "request bodies (uploads) sent from the edge to the origin"),
  [P_HTTPS_SHARE] = PC_DOUBLE ("https_share", "1", "ratio", 0, 1, "share of requests over HTTPS (the rest are HTTP, billed at the lower HTTP rate)"),
  [P_FUNCTIONS] = PC_DOUBLE ("functions_per_request", "0", "invocations", 0, 2, "CloudFront Functions run per request (viewer request and/or viewer response: 0 to 2)"),
  SHARE_PARAM (NORTH_AMERICA, "0"), SHARE_PARAM (EUROPE, "0"), SHARE_PARAM (AFRICA_MIDDLE_EAST, "0"),
  SHARE_PARAM (SOUTH_AMERICA, "0"), SHARE_PARAM (JAPAN, "0"), SHARE_PARAM (AUSTRALIA, "1"),
  SHARE_PARAM (ASIA_PACIFIC, "0"), SHARE_PARAM (INDIA, "0"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_REQUESTS, M_GB, M_HIT_RATIO, M_ORIGIN_REQUESTS, M_ORIGIN_GB, M_HTTPS, M_FUNCTIONS, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_REQUESTS] = { "requests_served", "requests", "requests answered by CloudFront this month" },
  [M_GB] = { "gb_served", "GB", "data out from the edges to viewers this month" },
  [M_HIT_RATIO] = { "cache_hit_ratio", "ratio", "share of all requests served answered from the edge cache" },
  [M_ORIGIN_REQUESTS] = { "origin_requests", "requests", "cache misses fetched from (or forwarded to) the origin" },
  [M_ORIGIN_GB] = { "origin_gb", "GB", "data fetched from the origin for the misses (free from AWS origins)" },
  [M_HTTPS] = { "https_requests", "requests", "requests served over HTTPS" },
  [M_FUNCTIONS] = { "function_invocations", "invocations", "CloudFront Functions invocations" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

/* The prices of one geography that serves part of the traffic. */
typedef struct {
  const CfGeography *geography;
  double share;
  const PcPrice *out_gb, *https_request, *http_request, *to_origin;
} Served;

typedef struct {
  double hit_ratio, dynamic_cache_share, invalidation_paths, to_origin_gb, https_share, functions_per_request;
  gboolean dynamic;
  Served served[CF_GEOGRAPHY_COUNT];   /* the geographies with a share, largest share first */
  guint n_served;
  const PcPrice *function, *invalidation;
} CloudFront;

static gboolean
resolve_geography (const PcCatalog *catalog, Served *s, GError **error)
{
  g_autofree char *out = g_strdup_printf ("cloudfront.out.%s.gb", s->geography->id);
  g_autofree char *https = g_strdup_printf ("cloudfront.https.%s.request", s->geography->id);
  g_autofree char *http = g_strdup_printf ("cloudfront.http.%s.request", s->geography->id);
  g_autofree char *origin = g_strdup_printf ("cloudfront.to_origin.%s.gb", s->geography->id);
  return (s->out_gb = pc_catalog_price (catalog, out, error)) &&
         (s->https_request = pc_catalog_price (catalog, https, error)) &&
         (s->http_request = pc_catalog_price (catalog, http, error)) &&
         (s->to_origin = pc_catalog_price (catalog, origin, error));
}

static gint
by_share (gconstpointer a, gconstpointer b)
{
  const Served *x = a, *y = b;
  if (x->share != y->share)
    return x->share > y->share ? -1 : 1;
  return x->geography < y->geography ? -1 : 1;
}

/* The geographies with a share, largest first; the shares must add up to 1. */
static gboolean
read_shares (const PcConfig *config, CloudFront *c, GError **error)
{
  double sum = 0.0;
  for (guint g = 0; g < CF_GEOGRAPHY_COUNT; g++) {
    double share = pc_config_double (config, P_SHARE_FIRST + g);
    sum += share;
    if (share > 0)
      c->served[c->n_served++] = (Served) { &cf_geographies[g], share, NULL, NULL, NULL, NULL };
  }
  if (fabs (sum - 1.0) > 1e-9) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "the viewer shares (share_<geography>) add up to %.6g; they must add up to 1; geographies: %s",
                 sum, cf_geography_list ());
    return FALSE;
  }
  qsort (c->served, c->n_served, sizeof c->served[0], by_share);
  return TRUE;
}

/* Line items a month may need: data out, HTTPS, HTTP and uploads per
 * geography, Functions and invalidations. */
static gboolean
check_lines (const CloudFront *c, GError **error)
{
  guint per_geography = 1 + (c->https_share > 0) + (c->https_share < 1) + (c->to_origin_gb > 0);
  guint lines = c->n_served * per_geography + (c->functions_per_request > 0) + (c->invalidation_paths > 0);
  if (lines <= PC_MAX_LINES)
    return TRUE;
  g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
               "%u geographies with HTTP and HTTPS requests and uploads need %u line items; a component reports at "
               "most %d: serve fewer geographies, or set https_share to 0 or 1, or to_origin_gb to 0",
               c->n_served, lines, PC_MAX_LINES);
  return FALSE;
}

static gpointer
cloudfront_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree CloudFront *c = g_new0 (CloudFront, 1);
  c->hit_ratio = pc_config_double (config, P_HIT_RATIO);
  c->dynamic = pc_config_bool (config, P_DYNAMIC);
  c->dynamic_cache_share = c->dynamic ? pc_config_double (config, P_DYNAMIC_CACHE) : 0.0;
  c->invalidation_paths = pc_config_double (config, P_INVALIDATIONS);
  c->to_origin_gb = pc_config_double (config, P_TO_ORIGIN);
  c->https_share = pc_config_double (config, P_HTTPS_SHARE);
  c->functions_per_request = pc_config_double (config, P_FUNCTIONS);
  if (!read_shares (config, c, error) || !check_lines (c, error))
    return NULL;
  for (guint i = 0; i < c->n_served; i++)
    if (!resolve_geography (catalog, &c->served[i], error))
      return NULL;
  if (!(c->function = pc_catalog_price (catalog, "cloudfront.function.invocation", error)) ||
      !(c->invalidation = pc_catalog_price (catalog, "cloudfront.invalidation.path", error)))
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

/* Data out and requests of every geography, the allowances applied once. */
static void
charge_geographies (const CloudFront *c, const PcStepContext *ctx, double gb, double requests, PcStepResult *result)
{
  CfAllowance out = cf_allowance (c->served[0].out_gb, gb, ctx->account_month);
  CfAllowance req = cf_allowance (c->served[0].https_request, requests, ctx->account_month);
  for (guint i = 0; i < c->n_served; i++) {
    const Served *s = &c->served[i];
    double https = s->share * c->https_share, http = s->share * (1.0 - c->https_share);
    cf_charge_shared (result, s->geography->out_item, "GB", s->out_gb, gb * s->share, s->share, &out, ctx);
    if (c->https_share > 0)
      cf_charge_shared (result, s->geography->https_item, "request", s->https_request, requests * https, https, &req,
                        ctx);
    if (c->https_share < 1)
      cf_charge_shared (result, s->geography->http_item, "request", s->http_request, requests * http, http, &req, ctx);
    if (c->to_origin_gb > 0)
      pc_result_charge (result, s->geography->origin_item, s->to_origin, c->to_origin_gb * s->share, ctx);
  }
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

  charge_geographies (c, ctx, gb, requests, result);
  double invocations = requests * c->functions_per_request;
  if (c->functions_per_request > 0)
    pc_result_charge (result, "CloudFront Functions invocations", c->function, invocations, ctx);
  if (c->invalidation_paths > 0)
    pc_result_charge (result, "invalidation paths", c->invalidation, c->invalidation_paths, ctx);

  pc_result_metric (result, M_REQUESTS, requests);
  pc_result_metric (result, M_GB, gb);
  pc_result_metric (result, M_HIT_RATIO, requests > 0 ? hits / requests : 0.0);
  pc_result_metric (result, M_ORIGIN_REQUESTS, requests - hits);
  pc_result_metric (result, M_ORIGIN_GB, origin_gb);
  pc_result_metric (result, M_HTTPS, requests * c->https_share);
  pc_result_metric (result, M_FUNCTIONS, invocations);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "cloudfront",
                  .version = "2.0",
                  .summary = "CloudFront: static assets (optionally the API) at the edge, by viewer geography",
                  .stage = PC_STAGE_EDGE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = cloudfront_create,
                  .step = cloudfront_step,
                  .destroy = g_free)
