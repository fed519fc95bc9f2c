/* Tests of the cloudfront plugin against hand-worked months.
 *
 * Published prices: AWS's CloudFront price feed (pricing-page JSON, published 2025-07-01; items "Regional DT
 * from <geography> to Internet <tier>", "Request HTTP(S) Methods from <geography>", "Regional DT to Origin
 * from <geography>"), the same in every Region.  Data out, $ per GB, by tier (first 10 TB, next 40 TB, next
 * 100 TB, next 350 TB, next 524 TB, next 4 PB, over 5 PB):
 *   United States/Mexico/Canada  0.085 0.080 0.060 0.040 0.030 0.025 0.020
 *   Europe/Israel                0.085 0.080 0.060 0.040 0.030 0.025 0.020
 *   South Africa/Middle East     0.110 0.105 0.090 0.080 0.060 0.050 0.040
 *   South America                0.110 0.105 0.090 0.080 0.060 0.050 0.040
 *   Japan                        0.114 0.089 0.086 0.084 0.080 0.070 0.060
 *   Australia/New Zealand        0.114 0.098 0.094 0.092 0.090 0.085 0.080
 *   Asia Pacific (HK, SG, ...)   0.120 0.100 0.095 0.090 0.080 0.070 0.060
 *   India                        0.109 0.085 0.082 0.080 0.078 0.075 0.072
 * Requests, $ per 10,000, HTTPS / HTTP: US 0.0100/0.0075, Europe 0.0120/0.0090, Africa/Middle East
 * 0.0120/0.0090, South America 0.0220/0.0160, Japan 0.0120/0.0090, Australia 0.0125/0.0090, Asia Pacific
 * 0.0120/0.0090, India 0.0120/0.0090.  To origin, $ per GB: US 0.020, Europe 0.020, Australia 0.080,
 * India 0.160.  CloudFront Functions $0.10 per million; invalidation paths $0.005 each.
 * Always free (CloudFront pricing page): 1 TB (1,024 GB) out, 10,000,000 HTTP and HTTPS requests,
 * 2,000,000 Functions invocations, 1,000 invalidation paths a month, one allowance per account. */
#include "testlib.h"

#include <math.h>

#define TB 1024.0

/* One month of the plugin with @sets; copies the demand as the plugin left
 * it for the stages downstream into @after. */
static PcStepResult *
price_and_demand (const char *region, const char *const *sets, PcDemand *after)
{
  g_autoptr (PcUsage) usage = pc_usage_new ();
  PcStepResult *result = pc_test_step (usage, "cloudfront", region, sets);
  *after = *pc_usage_demand (usage);
  return result;
}

static void
test_worked_month_sydney (void)
{
  g_test_summary ("The seed's viewers (Australia/NZ, the default): 2,048 GB and 30M static requests, 1,500 invalidations");
  const char *sets[] = { "static_egress_gb=2048", "static_requests=30000000", "invalidation_paths=1500", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cloudfront", "ap-southeast-2", sets);
  pc_assert_usd_exact (pc_test_line_usd (r, "data out to viewers (Australia/NZ)"), (2048 - 1024) * 0.114); /* 116.736 */
  pc_assert_usd_exact (pc_test_line_usd (r, "HTTPS requests (Australia/NZ)"), (30e6 - 10e6) * 0.0125 / 10000);
  pc_assert_usd_exact (pc_test_line_usd (r, "invalidation paths"), (1500 - 1000) * 0.005);       /* 2.50 */
  pc_assert_usd_exact (pc_step_result_usd (r), 116.736 + 25.0 + 2.5);
  g_assert_false (pc_test_has_line (r, "HTTP requests (Australia/NZ)"));   /* every request is HTTPS by default */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("cloudfront", r, "origin_requests"), 30e6 * 0.1, 1e-3);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("cloudfront", r, "gb_served"), 2048, 1e-9);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("cloudfront", r, "cache_hit_ratio"), 0.9, 1e-12);
}

static void
test_worked_month_north_america (void)
{
  g_test_summary ("The same month served from the US/Mexico/Canada edges, priced from the us-east-1 catalog");
  const char *sets[] = { "static_egress_gb=2048", "static_requests=30000000", "invalidation_paths=1500",
                         "to_origin_gb=10", "share_australia=0", "share_north_america=1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cloudfront", "us-east-1", sets);
  pc_assert_usd_exact (pc_test_line_usd (r, "data out to viewers (US/Mexico/Canada)"), (2048 - 1024) * 0.085);
  pc_assert_usd_exact (pc_test_line_usd (r, "HTTPS requests (US/Mexico/Canada)"), (30e6 - 10e6) * 0.010 / 10000);
  pc_assert_usd_exact (pc_test_line_usd (r, "invalidation paths"), 500 * 0.005);
  pc_assert_usd_exact (pc_test_line_usd (r, "data out to origin (US/Mexico/Canada)"), 10 * 0.020);
  pc_assert_usd_exact (pc_step_result_usd (r), 87.04 + 20 + 2.5 + 0.2);
}

/* Six PB in one month walks every tier: 1 TB free, then 9 TB, 40 TB, 100 TB, 350 TB, 524 TB, 4 PB at the
 * listed rates and the last 1 PB (6 PB - 5 PB) at the over-5-PB rate. */
static double
six_petabytes (const double rate[7])
{
  const double width[7] = { 10 * TB - 1 * TB, 40 * TB, 100 * TB, 350 * TB, 524 * TB, 4096 * TB, 6144 * TB - 5120 * TB };
  double usd = 0;
  for (int i = 0; i < 7; i++)
    usd += width[i] * rate[i];
  return usd;
}

static void
test_full_ladder_every_geography (void)
{
  g_test_summary ("6 PB a month from each geography walks all seven tiers; the same in Sydney's and us-east-1's catalog");
  static const struct { const char *id, *item; double rate[7]; } geographies[] = {
    { "north_america", "data out to viewers (US/Mexico/Canada)", { 0.085, 0.080, 0.060, 0.040, 0.030, 0.025, 0.020 } },
    { "europe", "data out to viewers (Europe/Israel)", { 0.085, 0.080, 0.060, 0.040, 0.030, 0.025, 0.020 } },
    { "africa_middle_east", "data out to viewers (Africa/Middle East)", { 0.110, 0.105, 0.090, 0.080, 0.060, 0.050, 0.040 } },
    { "south_america", "data out to viewers (South America)", { 0.110, 0.105, 0.090, 0.080, 0.060, 0.050, 0.040 } },
    { "japan", "data out to viewers (Japan)", { 0.114, 0.089, 0.086, 0.084, 0.080, 0.070, 0.060 } },
    { "australia", "data out to viewers (Australia/NZ)", { 0.114, 0.098, 0.094, 0.092, 0.090, 0.085, 0.080 } },
    { "asia_pacific", "data out to viewers (Asia Pacific)", { 0.120, 0.100, 0.095, 0.090, 0.080, 0.070, 0.060 } },
    { "india", "data out to viewers (India)", { 0.109, 0.085, 0.082, 0.080, 0.078, 0.075, 0.072 } },
  };
  for (guint g = 0; g < G_N_ELEMENTS (geographies); g++) {
    g_autofree char *share = g_strdup_printf ("share_%s=1", geographies[g].id);
    const char *sets[] = { "static_egress_gb=6291456", share, g_str_equal (geographies[g].id, "australia") ? NULL
                                                                                                  : "share_australia=0", NULL };
    for (const char *const *region = (const char *const[]) { "ap-southeast-2", "us-east-1", NULL }; *region; region++) {
      g_autoptr (PcStepResult) r = pc_test_price ("cloudfront", *region, sets);
      pc_assert_usd_exact (pc_test_line_usd (r, geographies[g].item), six_petabytes (geographies[g].rate));
    }
  }
  /* Australia by hand: 9,216 x 0.114 + 40,960 x 0.098 + 102,400 x 0.094 + 358,400 x 0.092 + 536,576 x 0.090
   * + 4,194,304 x 0.085 + 1,048,576 x 0.080 = 536,356.864 */
  pc_assert_usd_exact (six_petabytes (geographies[5].rate), 536356.864);
}

static void
test_free_tier_boundaries (void)
{
  g_test_summary ("1,024 GB, 10M requests, 2M Functions and 1,000 paths are free; one more of each is billed");
  const char *free_sets[] = { "static_egress_gb=1024", "static_requests=2000000", "functions_per_request=1",
                              "invalidation_paths=1000", NULL };
  g_autoptr (PcStepResult) f = pc_test_price ("cloudfront", "ap-southeast-2", free_sets);
  g_assert_cmpfloat (pc_step_result_usd (f), ==, 0.0);

  const char *over[] = { "static_egress_gb=1124", "static_requests=10100000", "invalidation_paths=1100",
                         "functions_per_request=1", NULL };
  g_autoptr (PcStepResult) o = pc_test_price ("cloudfront", "ap-southeast-2", over);
  pc_assert_usd_exact (pc_test_line_usd (o, "data out to viewers (Australia/NZ)"), 100 * 0.114);       /* 11.40 */
  pc_assert_usd_exact (pc_test_line_usd (o, "HTTPS requests (Australia/NZ)"), 100000 * 0.0125 / 10000); /* 0.125 */
  pc_assert_usd_exact (pc_test_line_usd (o, "invalidation paths"), 100 * 0.005);                        /* 0.50 */
  pc_assert_usd_exact (pc_test_line_usd (o, "CloudFront Functions invocations"), (10.1e6 - 2e6) * 0.10 / 1e6);
}

static void
test_ten_terabyte_boundary (void)
{
  g_test_summary ("Above 10 TB the next-40-TB rate applies: Australia $0.098, Asia Pacific $0.100");
  const char *syd[] = { "static_egress_gb=11240", NULL };
  g_autoptr (PcStepResult) a = pc_test_price ("cloudfront", "ap-southeast-2", syd);
  pc_assert_usd_exact (pc_test_line_usd (a, "data out to viewers (Australia/NZ)"), (10240 - 1024) * 0.114 + 1000 * 0.098);
  const char *asia[] = { "static_egress_gb=11240", "share_australia=0", "share_asia_pacific=1", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("cloudfront", "ap-southeast-1", asia);
  pc_assert_usd_exact (pc_test_line_usd (s, "data out to viewers (Asia Pacific)"), (10240 - 1024) * 0.120 + 1000 * 0.100);
}

static void
test_http_and_https (void)
{
  g_test_summary ("HTTP requests are billed at the HTTP rate; the free 10M cover both, in proportion");
  /* 30M requests, 40 % HTTP, India: the 10M free are a third of each kind. */
  const char *sets[] = { "static_requests=30000000", "https_share=0.6", "share_australia=0", "share_india=1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cloudfront", "ap-south-1", sets);
  pc_assert_usd_exact (pc_test_line_usd (r, "HTTPS requests (India)"), (18e6 - 18e6 / 3) * 0.0120 / 10000);  /* 14.40 */
  pc_assert_usd_exact (pc_test_line_usd (r, "HTTP requests (India)"), (12e6 - 12e6 / 3) * 0.0090 / 10000);   /* 7.20 */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("cloudfront", r, "https_requests"), 18e6, 1e-6);
  /* All HTTP in South America: 25M requests, 15M billed at $0.0160 per 10,000. */
  const char *http[] = { "static_requests=25000000", "https_share=0", "share_australia=0", "share_south_america=1", NULL };
  g_autoptr (PcStepResult) h = pc_test_price ("cloudfront", "sa-east-1", http);
  g_assert_false (pc_test_has_line (h, "HTTPS requests (South America)"));
  pc_assert_usd_exact (pc_step_result_usd (h), 15e6 * 0.0160 / 10000);                                   /* 24.00 */
}

static void
test_shared_allowance (void)
{
  g_test_summary ("One 1 TB and one 10M allowance for the account, shared by the geographies in proportion");
  /* 2,048 GB and 30M requests, half Australia/NZ, half Europe: each serves 1,024 GB and gets 512 free. */
  const char *sets[] = { "static_egress_gb=2048", "static_requests=30000000", "share_australia=0.5", "share_europe=0.5",
                         NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cloudfront", "eu-west-1", sets);
  pc_assert_usd_exact (pc_test_line_usd (r, "data out to viewers (Australia/NZ)"), 512 * 0.114);  /* 58.368 */
  pc_assert_usd_exact (pc_test_line_usd (r, "data out to viewers (Europe/Israel)"), 512 * 0.085); /* 43.52 */
  pc_assert_usd_exact (pc_test_line_usd (r, "HTTPS requests (Australia/NZ)"), 10e6 * 0.0125 / 10000);
  pc_assert_usd_exact (pc_test_line_usd (r, "HTTPS requests (Europe/Israel)"), 10e6 * 0.0120 / 10000);
  /* Under the allowance in total, nothing is billed in either geography. */
  const char *small[] = { "static_egress_gb=1000", "static_requests=9000000", "share_australia=0.25",
                          "share_japan=0.75", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("cloudfront", "ap-northeast-1", small);
  g_assert_cmpfloat (pc_step_result_usd (s), ==, 0.0);
  /* Three quarters Japan, a quarter Australia, 4,096 GB: 768 + 256 GB free. */
  const char *big[] = { "static_egress_gb=4096", "share_australia=0.25", "share_japan=0.75", NULL };
  g_autoptr (PcStepResult) b = pc_test_price ("cloudfront", "ap-northeast-1", big);
  pc_assert_usd_exact (pc_step_result_usd (b), (3072 - 768) * 0.114 + (1024 - 256) * 0.114);
}

static void
test_origin_fetches_free (void)
{
  g_test_summary ("Origin-to-CloudFront fetches are free: the misses are counted, not charged; uploads are");
  const char *sets[] = { "static_egress_gb=1000", "static_requests=5000000", "cache_hit_ratio=0.5", "to_origin_gb=3",
                         "share_australia=0", "share_india=1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cloudfront", "ap-south-1", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("cloudfront", r, "origin_gb"), 500, 1e-9);
  pc_assert_usd_exact (pc_step_result_usd (r), 3 * 0.160);   /* only the uploads, at India's to-origin rate */
}

static void
test_bad_shares (void)
{
  g_test_summary ("Viewer shares that do not add up to 1 are refused, naming the geographies");
  const char *sets[] = { "share_australia=0.5", "share_europe=0.4", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) r = pc_test_price_error ("cloudfront", "ap-southeast-2", sets, &error);
  g_assert_null (r);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "add up to 0.9"));
  g_assert_nonnull (strstr (error->message, "asia_pacific"));
}

static void
test_static_absorbed (void)
{
  g_test_summary ("Frontend only (the seed's MVP): static bytes stop here (the viewers' request count stays, for a WAF"
                  " on CloudFront), dynamic traffic passes untouched");
  const char *sets[] = { "static_egress_gb=50", "static_requests=2000000", "requests=3000000", "egress_gb=30", NULL };
  PcDemand after;
  g_autoptr (PcStepResult) r = price_and_demand ("ap-southeast-2", sets, &after);
  g_assert_cmpfloat (after.static_requests, ==, 2e6);
  g_assert_cmpfloat (after.static_egress_gb, ==, 0.0);
  g_assert_cmpfloat (after.requests, ==, 3e6);
  g_assert_cmpfloat (after.egress_gb, ==, 30.0);
  g_assert_cmpfloat (pc_step_result_usd (r), ==, 0.0); /* 50 GB and 2M requests sit in the free tier */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("cloudfront", r, "requests_served"), 2e6, 1e-6);
}

static void
test_dynamic_through_cdn (void)
{
  g_test_summary ("API through CloudFront: 15M requests, 1,100 GB billed; 20 % of the API cached");
  const char *sets[] = { "static_egress_gb=1000", "static_requests=10000000", "requests=5000000", "egress_gb=100",
                         "dynamic_through_cdn=true", "dynamic_cache_share=0.2", NULL };
  PcDemand after;
  g_autoptr (PcStepResult) r = price_and_demand ("ap-southeast-2", sets, &after);
  pc_assert_usd_exact (pc_test_line_usd (r, "data out to viewers (Australia/NZ)"), (1100 - 1024) * 0.114); /* 8.664 */
  pc_assert_usd_exact (pc_test_line_usd (r, "HTTPS requests (Australia/NZ)"), 5e6 * 0.0125 / 10000);      /* 6.25 */
  /* The origin keeps 80 % of the API requests and sends nothing to the internet itself. */
  g_assert_cmpfloat_with_epsilon (after.requests, 4e6, 1e-6);
  g_assert_cmpfloat_with_epsilon (after.level_rps[0], 4e6 / (730 * 3600.0), 1e-12);   /* one level: the whole month */
  g_assert_cmpfloat (after.egress_gb, ==, 0.0);
  /* Misses: 10 % of the static 10M plus 80 % of the dynamic 5M. */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("cloudfront", r, "origin_requests"), 1e6 + 4e6, 1e-3);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("cloudfront", r, "cache_hit_ratio"), 10e6 / 15e6, 1e-12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/cloudfront/australia/worked-month", test_worked_month_sydney);
  g_test_add_func ("/plugin/cloudfront/north-america/worked-month", test_worked_month_north_america);
  g_test_add_func ("/plugin/cloudfront/every-geography/full-ladder", test_full_ladder_every_geography);
  g_test_add_func ("/plugin/cloudfront/free-tier", test_free_tier_boundaries);
  g_test_add_func ("/plugin/cloudfront/ten-terabytes", test_ten_terabyte_boundary);
  g_test_add_func ("/plugin/cloudfront/http-and-https", test_http_and_https);
  g_test_add_func ("/plugin/cloudfront/shared-allowance", test_shared_allowance);
  g_test_add_func ("/plugin/cloudfront/origin-fetches-free", test_origin_fetches_free);
  g_test_add_func ("/plugin/cloudfront/bad-shares", test_bad_shares);
  g_test_add_func ("/plugin/cloudfront/capacity/static-absorbed", test_static_absorbed);
  g_test_add_func ("/plugin/cloudfront/capacity/dynamic-through-cdn", test_dynamic_through_cdn);
  return g_test_run ();
}
