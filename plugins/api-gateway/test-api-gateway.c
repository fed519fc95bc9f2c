/* Tests of the api-gateway plugin against hand-worked months.
 * Published prices (aws-prices-edge.md section 7, AWS price feed 2025-10-20), per request:
 *   REST   us-east-1 3.50 / 2.80 / 2.38 / 1.51 per million (333M / next 667M / next 19B / over 20B)
 *          Sydney    3.50 / 3.50 / 2.98 / 1.89 (first two bands share one rate code: lower confidence)
 *          Singapore 4.25 / 3.53 / 3.00 / 1.91
 *   HTTP   us-east-1 1.00 / 0.90, Sydney 1.29 / 1.18, Singapore 1.25 / 1.13 per million (300M / over)
 *   cache  0.5 GB: 0.020 $/h (us-east-1, Sydney), 0.028 (Singapore);
 *          1.6 GB: 0.038 $/h (us-east-1, Sydney), 0.054 (Singapore).
 *   Regions added in 2026-12 (same feed, apigateway 2025-10-20):
 *   REST   Frankfurt 3.70 / 3.19 / 2.71 / 1.72; Sao Paulo 4.25 / 4.25 / 3.61 / 2.29 per million
 *   HTTP   Frankfurt 1.20 / 1.08; Sao Paulo 1.59 / 1.43 per million
 *   cache  0.5 GB: 0.020 $/h Frankfurt, 0.028 Sao Paulo. */
#include "testlib.h"

#include <math.h>

static void
test_seed_sydney (void)
{
  g_test_summary ("The seed's '~$3.50/month + request charges': 1M REST requests in Sydney, then a 0.5 GB cache");
  const char *plain[] = { "requests=1000000", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("api-gateway", "ap-southeast-2", plain);
  pc_assert_usd (pc_test_line_usd (r, "REST API requests"), 1e6 * 3.50 / 1e6);        /* 3.50 */
  g_assert_false (pc_test_has_line (r, "cache 0.5 GB"));
  pc_assert_usd (pc_step_result_usd (r), 3.50);

  const char *cached[] = { "requests=1000000", "cache_size=0.5", NULL };
  g_autoptr (PcStepResult) c = pc_test_price ("api-gateway", "ap-southeast-2", cached);
  pc_assert_usd (pc_test_line_usd (c, "cache 0.5 GB"), 730 * 0.020);                  /* 14.60 */
  pc_assert_usd (pc_test_line_quantity (c, "cache 0.5 GB"), 730.0);
  pc_assert_usd (pc_step_result_usd (c), 3.50 + 14.60);
}

static void
test_rest_tiers_us_east_1 (void)
{
  g_test_summary ("400M REST requests cross the 333M band: 333M at $3.50/M + 67M at $2.80/M");
  const char *sets[] = { "requests=400000000", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("api-gateway", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "REST API requests"), 333 * 3.50 + 67 * 2.80);  /* 1165.50 + 187.60 */
}

static void
test_rest_tiers_singapore (void)
{
  const char *sets[] = { "requests=400000000", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("api-gateway", "ap-southeast-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "REST API requests"), 333 * 4.25 + 67 * 3.53);  /* 1415.25 + 236.51 */
}

static void
test_rest_sydney_low_confidence_bands (void)
{
  g_test_summary ("Sydney's feed gives the first two REST bands one rate ($3.50/M, lower confidence); "
                  "the third band ($2.98/M) starts at 1B");
  const char *sets[] = { "requests=1200000000", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("api-gateway", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "REST API requests"), 1000 * 3.50 + 200 * 2.98); /* 3500 + 596 */
}

static void
test_http_api (void)
{
  g_test_summary ("500M HTTP API requests: 300M at the first rate, 200M at the second, in two Regions");
  const char *sets[] = { "requests=500000000", "api_type=http", NULL };
  g_autoptr (PcStepResult) u = pc_test_price ("api-gateway", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (u, "HTTP API requests"), 300 * 1.00 + 200 * 0.90);  /* 480 */
  g_assert_false (pc_test_has_line (u, "REST API requests"));
  g_autoptr (PcStepResult) s = pc_test_price ("api-gateway", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (s, "HTTP API requests"), 300 * 1.29 + 200 * 1.18);  /* 387 + 236 */
}

static void
test_share (void)
{
  g_test_summary ("share=0.25 of 8M requests go through the API: 2M x $3.50/M in us-east-1");
  const char *sets[] = { "requests=8000000", "share=0.25", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("api-gateway", "us-east-1", sets);
  pc_assert_usd (pc_test_line_quantity (r, "REST API requests"), 2e6);
  pc_assert_usd (pc_step_result_usd (r), 2 * 3.50);
}

static void
test_cache_sizes (void)
{
  g_test_summary ("Cache hours are 730 x the hourly rate, per size and Region");
  const char *small[] = { "cache_size=0.5", NULL };
  g_autoptr (PcStepResult) su = pc_test_price ("api-gateway", "us-east-1", small);
  pc_assert_usd (pc_test_line_usd (su, "cache 0.5 GB"), 730 * 0.020);                 /* 14.60 */
  g_autoptr (PcStepResult) ss = pc_test_price ("api-gateway", "ap-southeast-1", small);
  pc_assert_usd (pc_test_line_usd (ss, "cache 0.5 GB"), 730 * 0.028);                 /* 20.44 */
  const char *large[] = { "cache_size=1.6", NULL };
  g_autoptr (PcStepResult) lu = pc_test_price ("api-gateway", "us-east-1", large);
  pc_assert_usd (pc_test_line_usd (lu, "cache 1.6 GB"), 730 * 0.038);                 /* 27.74 */
  g_autoptr (PcStepResult) ls = pc_test_price ("api-gateway", "ap-southeast-1", large);
  pc_assert_usd (pc_test_line_usd (ls, "cache 1.6 GB"), 730 * 0.054);                 /* 39.42 */
}

static void
test_cache_hits (void)
{
  g_test_summary ("Half of 1M requests through the API, 40 % of those hit the cache: 200k hits, 300k misses");
  const char *sets[] = { "requests=1000000", "share=0.5", "cache_size=0.5", "cache_hit_ratio=0.4", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("api-gateway", "ap-southeast-2", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("api-gateway", r, "cache_hits"), 200000, 1e-6);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("api-gateway", r, "backend_requests"), 300000, 1e-6);
  /* Cache hits are still billed API requests. */
  pc_assert_usd (pc_test_line_usd (r, "REST API requests"), 0.5 * 3.50);
}

static void
test_throttling (void)
{
  g_test_summary ("8,000 rps x peak_factor 1.5 = 12,000 rps against the 10,000 rps account limit: 1/6 throttled");
  const char *over[] = { "rps=8000", "peak_factor=1.5", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("api-gateway", "ap-southeast-2", over);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("api-gateway", r, "peak_rps"), 12000, 1e-6);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("api-gateway", r, "throttled_share"), 2000.0 / 12000, 1e-12);

  g_test_message ("half the traffic through the API: 6,000 rps peak, under the default limit");
  const char *half[] = { "rps=8000", "peak_factor=1.5", "share=0.5", NULL };
  g_autoptr (PcStepResult) h = pc_test_price ("api-gateway", "ap-southeast-2", half);
  g_assert_cmpfloat (pc_test_metric ("api-gateway", h, "throttled_share"), ==, 0.0);

  g_test_message ("a stage limit of 5,000 rps: (6,000 - 5,000) / 6,000");
  const char *stage[] = { "rps=8000", "peak_factor=1.5", "share=0.5", "rate_limit_rps=5000", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("api-gateway", "us-east-1", stage);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("api-gateway", s, "throttled_share"), 1000.0 / 6000, 1e-12);
}

static void
test_bad_settings (void)
{
  g_test_summary ("HTTP APIs have no cache; a hit ratio needs a cache");
  const char *http_cache[] = { "api_type=http", "cache_size=0.5", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) r = pc_test_price_error ("api-gateway", "ap-southeast-2", http_cache, &error);
  g_assert_null (r);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "cache_size"));

  const char *no_cache[] = { "cache_hit_ratio=0.3", NULL };
  g_autoptr (GError) error2 = NULL;
  g_autoptr (PcStepResult) r2 = pc_test_price_error ("api-gateway", "ap-southeast-2", no_cache, &error2);
  g_assert_null (r2);
  g_assert_error (error2, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error2->message, "cache_hit_ratio"));
}

/* Two of the Regions beyond the seed's three. */
static void
test_frankfurt (void)
{
  g_test_summary ("Frankfurt: 400M REST requests cross the 333M band; 500M HTTP API requests cross 300M");
  const char *rest[] = { "requests=400000000", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("api-gateway", "eu-central-1", rest);
  pc_assert_usd (pc_test_line_usd (r, "REST API requests"), 333 * 3.70 + 67 * 3.19);   /* 1232.10 + 213.73 */
  const char *http[] = { "requests=500000000", "api_type=http", NULL };
  g_autoptr (PcStepResult) h = pc_test_price ("api-gateway", "eu-central-1", http);
  pc_assert_usd (pc_test_line_usd (h, "HTTP API requests"), 300 * 1.20 + 200 * 1.08);   /* 360 + 216 */
}

static void
test_sao_paulo (void)
{
  g_test_summary ("Sao Paulo: the seed's 1M REST requests with a 0.5 GB cache");
  const char *sets[] = { "requests=1000000", "cache_size=0.5", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("api-gateway", "sa-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "REST API requests"), 1 * 4.25);                 /* 4.25 */
  pc_assert_usd (pc_test_line_usd (r, "cache 0.5 GB"), 730 * 0.028);                   /* 20.44 */
  pc_assert_usd (pc_step_result_usd (r), 4.25 + 20.44);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/api-gateway/ap-southeast-2/seed-1m-rest-and-cache", test_seed_sydney);
  g_test_add_func ("/plugin/api-gateway/us-east-1/rest-tier-333m", test_rest_tiers_us_east_1);
  g_test_add_func ("/plugin/api-gateway/ap-southeast-1/rest-tier-333m", test_rest_tiers_singapore);
  g_test_add_func ("/plugin/api-gateway/ap-southeast-2/rest-first-1b-one-rate-low-confidence",
                   test_rest_sydney_low_confidence_bands);
  g_test_add_func ("/plugin/api-gateway/http-tier-300m", test_http_api);
  g_test_add_func ("/plugin/api-gateway/us-east-1/share", test_share);
  g_test_add_func ("/plugin/api-gateway/cache-sizes", test_cache_sizes);
  g_test_add_func ("/plugin/api-gateway/cache-hits", test_cache_hits);
  g_test_add_func ("/plugin/api-gateway/capacity/throttled-share", test_throttling);
  g_test_add_func ("/plugin/api-gateway/bad-settings", test_bad_settings);
  g_test_add_func ("/plugin/api-gateway/eu-central-1/rest-and-http-bands", test_frankfurt);
  g_test_add_func ("/plugin/api-gateway/sa-east-1/seed-1m-rest-and-cache", test_sao_paulo);
  return g_test_run ();
}
