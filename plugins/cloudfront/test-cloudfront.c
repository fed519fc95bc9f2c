/* Tests of the cloudfront plugin against hand-worked months.
 * Published prices (aws-prices-edge.md section 1, AWS CloudFront feed 2025-07-01 and the pricing page),
 * by the viewers' edge geography:
 *   data out, first 10 TB / next 40 TB: Australia+NZ $0.114 / $0.098; US $0.085 / $0.080; Asia Pacific $0.120
 *   HTTPS requests: Australia+NZ $0.0125 per 10,000; US $0.010 per 10,000
 *   invalidation paths $0.005 each; to origin: Australia+NZ $0.080/GB, US $0.020/GB
 *   always free: 1 TB (1,024 GB) out, 10,000,000 requests, 1,000 invalidation paths a month. */
#include "testlib.h"

#include <math.h>

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
  g_test_summary ("2,048 GB and 30M static requests, 1,500 invalidations, Australia/NZ edges");
  const char *sets[] = { "static_egress_gb=2048", "static_requests=30000000", "invalidation_paths=1500", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cloudfront", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "data out to viewers"), (2048 - 1024) * 0.114);      /* 116.736 */
  pc_assert_usd (pc_test_line_usd (r, "HTTPS requests"), (30e6 - 10e6) * 0.0125 / 10000);  /* 25.00 */
  pc_assert_usd (pc_test_line_usd (r, "invalidation paths"), (1500 - 1000) * 0.005);       /* 2.50 */
  pc_assert_usd (pc_step_result_usd (r), 144.236);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("cloudfront", r, "origin_requests"), 30e6 * 0.1, 1e-3);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("cloudfront", r, "gb_served"), 2048, 1e-9);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("cloudfront", r, "cache_hit_ratio"), 0.9, 1e-12);
}

static void
test_worked_month_us_east_1 (void)
{
  g_test_summary ("The same month served from the US/Mexico/Canada edges");
  const char *sets[] = { "static_egress_gb=2048", "static_requests=30000000", "invalidation_paths=1500",
                         "to_origin_gb=10", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cloudfront", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "data out to viewers"), (2048 - 1024) * 0.085);      /* 87.04 */
  pc_assert_usd (pc_test_line_usd (r, "HTTPS requests"), (30e6 - 10e6) * 0.010 / 10000);   /* 20.00 */
  pc_assert_usd (pc_test_line_usd (r, "invalidation paths"), 500 * 0.005);
  pc_assert_usd (pc_test_line_usd (r, "data out to origin"), 10 * 0.020);
  pc_assert_usd (pc_step_result_usd (r), 87.04 + 20 + 2.5 + 0.2);
}

static void
test_free_tier_boundaries (void)
{
  g_test_summary ("1,024 GB, 10M requests and 1,000 paths are free; one more of each is billed");
  const char *free_sets[] = { "static_egress_gb=1024", "static_requests=10000000", "invalidation_paths=1000", NULL };
  g_autoptr (PcStepResult) f = pc_test_price ("cloudfront", "ap-southeast-2", free_sets);
  g_assert_cmpfloat (pc_step_result_usd (f), ==, 0.0);

  const char *over[] = { "static_egress_gb=1124", "static_requests=10100000", "invalidation_paths=1100", NULL };
  g_autoptr (PcStepResult) o = pc_test_price ("cloudfront", "ap-southeast-2", over);
  pc_assert_usd (pc_test_line_usd (o, "data out to viewers"), 100 * 0.114);               /* 11.40 */
  pc_assert_usd (pc_test_line_usd (o, "HTTPS requests"), 100000 * 0.0125 / 10000);        /* 0.125 */
  pc_assert_usd (pc_test_line_usd (o, "invalidation paths"), 100 * 0.005);                /* 0.50 */
}

static void
test_ten_terabyte_boundary (void)
{
  g_test_summary ("Above 10 TB the next-40-TB rate applies: Sydney $0.098, Singapore's Asia edges $0.100");
  const char *sets[] = { "static_egress_gb=11240", NULL };
  g_autoptr (PcStepResult) syd = pc_test_price ("cloudfront", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (syd, "data out to viewers"), (10240 - 1024) * 0.114 + 1000 * 0.098); /* 1148.624 */
  g_autoptr (PcStepResult) sgp = pc_test_price ("cloudfront", "ap-southeast-1", sets);
  pc_assert_usd (pc_test_line_usd (sgp, "data out to viewers"), (10240 - 1024) * 0.120 + 1000 * 0.100); /* 1205.92 */
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
  pc_assert_usd (pc_test_line_usd (r, "data out to viewers"), (1100 - 1024) * 0.114);       /* 8.664 */
  pc_assert_usd (pc_test_line_usd (r, "HTTPS requests"), 5e6 * 0.0125 / 10000);            /* 6.25 */
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
  g_test_add_func ("/plugin/cloudfront/ap-southeast-2/worked-month", test_worked_month_sydney);
  g_test_add_func ("/plugin/cloudfront/us-east-1/worked-month", test_worked_month_us_east_1);
  g_test_add_func ("/plugin/cloudfront/ap-southeast-2/free-tier", test_free_tier_boundaries);
  g_test_add_func ("/plugin/cloudfront/ap-southeast-1/ten-terabytes", test_ten_terabyte_boundary);
  g_test_add_func ("/plugin/cloudfront/capacity/static-absorbed", test_static_absorbed);
  g_test_add_func ("/plugin/cloudfront/capacity/dynamic-through-cdn", test_dynamic_through_cdn);
  return g_test_run ();
}
