/* Tests of the glue-athena plugin against hand-worked months.
 * Published prices (aws-prices-edge.md section 8; AWS price feed glue 2025-07-18, athena
 * 2025-06-27), identical in us-east-1, Sydney and Singapore:
 *   Glue ETL $0.44/DPU-hour, ETL Flex $0.29, crawler $0.44;
 *   Data Catalog $1.00 per 100,000 objects over the first million, $1.00 per million requests
 *   over the first million (per month);
 *   Athena $5.00 per TB scanned (10 MB minimum per query, rounded up to the MB; 1 TB = 1024^2 MB).
 *   Regions added in 2026-12 (same feeds): Sao Paulo Glue ETL and crawler $0.69/DPU-hour, Athena
 *   $9.00 per TB; Canada (Central) Athena $5.50 per TB, Glue $0.44.  The Data Catalog's free
 *   million objects and million requests are the Glue pricing page's. */
#include "testlib.h"

#include <math.h>

static void
check_defaults (const char *region)
{
  const char *sets[] = { NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("glue-athena", region, sets);
  pc_assert_usd (pc_test_line_usd (r, "ETL DPU-hours"), 30 * 2 * (10 / 60.0) * 0.44);   /* 10 DPU-h = 4.40 */
  pc_assert_usd (pc_test_line_usd (r, "crawler DPU-hours"), 30 * 1 * (10 / 60.0) * 0.44); /* 5 DPU-h = 2.20 */
  pc_assert_usd (pc_test_line_usd (r, "Data Catalog objects"), 0.0);                   /* 10,000 < 1M free */
  pc_assert_usd (pc_test_line_usd (r, "Data Catalog requests"), 0.0);                  /* 100,000 < 1M free */
  pc_assert_usd (pc_test_line_usd (r, "Athena TB scanned"), 3000 / 1024.0 * 5.00);     /* 14.6484 */
  pc_assert_usd (pc_step_result_usd (r), 4.40 + 2.20 + 14.6484375);                    /* 21.25 */
}

static void
test_defaults_sydney (void)
{
  g_test_summary ("Default month against the seed's '~$20/month (query-based)': $21.25 in Sydney");
  check_defaults ("ap-southeast-2");
}

static void
test_defaults_us_east_1 (void)
{
  check_defaults ("us-east-1");
}

static void
test_etl_minimum_and_flex (void)
{
  g_test_summary ("A 15-second ETL run is billed 1 minute; Flex runs at $0.29/DPU-hour");
  const char *short_run[] = { "etl_minutes=0.25", "crawler_runs_per_month=0", "athena_queries_per_month=0", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("glue-athena", "ap-southeast-1", short_run);
  pc_assert_usd (pc_test_line_quantity (r, "ETL DPU-hours"), 30 * 2 / 60.0);           /* 1 DPU-h */
  pc_assert_usd (pc_test_line_usd (r, "ETL DPU-hours"), 1 * 0.44);
  const char *flex[] = { "etl_flex=true", "etl_dpu=6", "etl_minutes=20", "etl_runs_per_month=10", NULL };
  g_autoptr (PcStepResult) f = pc_test_price ("glue-athena", "us-east-1", flex);
  g_assert_false (pc_test_has_line (f, "ETL DPU-hours"));
  pc_assert_usd (pc_test_line_usd (f, "ETL Flex DPU-hours"), 10 * 6 * (20 / 60.0) * 0.29); /* 20 DPU-h = 5.80 */
}

static void
test_crawler_minimum (void)
{
  g_test_summary ("A 3-minute crawl is billed 10 minutes; a 25-minute crawl is billed 25");
  const char *quick[] = { "crawler_minutes=3", "crawler_dpu=2", NULL };
  g_autoptr (PcStepResult) q = pc_test_price ("glue-athena", "ap-southeast-2", quick);
  pc_assert_usd (pc_test_line_usd (q, "crawler DPU-hours"), 30 * 2 * (10 / 60.0) * 0.44); /* 10 DPU-h = 4.40 */
  const char *slow[] = { "crawler_minutes=25", "crawler_runs_per_month=4", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("glue-athena", "us-east-1", slow);
  pc_assert_usd (pc_test_line_usd (s, "crawler DPU-hours"), 4 * 1 * (25 / 60.0) * 0.44); /* 0.7333 */
}

static void
test_catalog_free_tiers (void)
{
  g_test_summary ("1.5M catalog objects and 3M requests: 500,000 x $1/100k + 2M x $1/M");
  const char *sets[] = { "catalog_objects=1500000", "catalog_requests=3000000", NULL };
  const char *regions[] = { "ap-southeast-2", "ap-southeast-1" };
  for (guint i = 0; i < G_N_ELEMENTS (regions); i++) {
    g_autoptr (PcStepResult) r = pc_test_price ("glue-athena", regions[i], sets);
    pc_assert_usd (pc_test_line_usd (r, "Data Catalog objects"), 500000 / 100000.0 * 1.00); /* 5.00 */
    pc_assert_usd (pc_test_line_usd (r, "Data Catalog requests"), 2 * 1.00);                /* 2.00 */
  }
  const char *at_limit[] = { "catalog_objects=1000000", "catalog_requests=1000000", NULL };
  g_autoptr (PcStepResult) l = pc_test_price ("glue-athena", "us-east-1", at_limit);
  pc_assert_usd (pc_test_line_usd (l, "Data Catalog objects"), 0.0);
  pc_assert_usd (pc_test_line_usd (l, "Data Catalog requests"), 0.0);
}

static void
test_athena_minimum (void)
{
  g_test_summary ("100,000 queries scanning 1 MB each are billed 10 MB each: 1,000,000 MB = 0.9537 TB x $5");
  const char *tiny[] = { "athena_queries_per_month=100000", "athena_gb_per_query=0.0009765625", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("glue-athena", "ap-southeast-2", tiny);
  pc_assert_usd (pc_test_line_usd (r, "Athena TB scanned"), 100000 * 10 / (1024.0 * 1024.0) * 5.00); /* 4.77 */
  g_assert_cmpfloat (pc_test_metric ("glue-athena", r, "athena_billed_mb_per_query"), ==, 10);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("glue-athena", r, "athena_minimum_share"), 0.9, 1e-12);

  g_test_message ("10.5 MB per query rounds up to 11 MB");
  const char *round[] = { "athena_queries_per_month=1024", "athena_gb_per_query=0.01025390625", NULL };
  g_autoptr (PcStepResult) u = pc_test_price ("glue-athena", "us-east-1", round);
  g_assert_cmpfloat (pc_test_metric ("glue-athena", u, "athena_billed_mb_per_query"), ==, 11);
  pc_assert_usd (pc_test_line_usd (u, "Athena TB scanned"), 1024 * 11 / (1024.0 * 1024.0) * 5.00); /* 0.0537 */

  g_test_message ("large scans are not affected: 1,024 queries x 10 GB = 10 TB = $50");
  const char *big[] = { "athena_queries_per_month=1024", "athena_gb_per_query=10", NULL };
  g_autoptr (PcStepResult) b = pc_test_price ("glue-athena", "ap-southeast-1", big);
  pc_assert_usd (pc_test_line_usd (b, "Athena TB scanned"), 10 * 5.00);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("glue-athena", b, "athena_minimum_share"), 0.0, 1e-12);
}

/* The default month in two Regions beyond the seed's three, whose prices differ. */
static void
test_defaults_sao_paulo (void)
{
  g_test_summary ("Sao Paulo's default month: 10 ETL and 5 crawler DPU-hours at $0.69, 3,000 GB at $9/TB");
  const char *sets[] = { NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("glue-athena", "sa-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "ETL DPU-hours"), 30 * 2 * (10 / 60.0) * 0.69);   /* 10 DPU-h = 6.90 */
  pc_assert_usd (pc_test_line_usd (r, "crawler DPU-hours"), 30 * 1 * (10 / 60.0) * 0.69); /* 5 DPU-h = 3.45 */
  pc_assert_usd (pc_test_line_usd (r, "Athena TB scanned"), 3000 / 1024.0 * 9.00);     /* 26.3672 */
  pc_assert_usd (pc_step_result_usd (r), 6.90 + 3.45 + 3000 / 1024.0 * 9.00);
}

static void
test_canada_athena_and_catalog (void)
{
  g_test_summary ("Canada (Central): Athena at $5.50/TB; 1.5M catalog objects and 3M requests");
  const char *sets[] = { "catalog_objects=1500000", "catalog_requests=3000000", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("glue-athena", "ca-central-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "Athena TB scanned"), 3000 / 1024.0 * 5.50);     /* 16.1133 */
  pc_assert_usd (pc_test_line_usd (r, "Data Catalog objects"), 500000 * 0.00001);      /* 5.00 */
  pc_assert_usd (pc_test_line_usd (r, "Data Catalog requests"), 2000000 * 0.000001);   /* 2.00 */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/glue-athena/ap-southeast-2/defaults", test_defaults_sydney);
  g_test_add_func ("/plugin/glue-athena/us-east-1/defaults", test_defaults_us_east_1);
  g_test_add_func ("/plugin/glue-athena/etl-1-minute-minimum-and-flex", test_etl_minimum_and_flex);
  g_test_add_func ("/plugin/glue-athena/crawler-10-minute-minimum", test_crawler_minimum);
  g_test_add_func ("/plugin/glue-athena/catalog-free-tiers", test_catalog_free_tiers);
  g_test_add_func ("/plugin/glue-athena/capacity/athena-10mb-minimum", test_athena_minimum);
  g_test_add_func ("/plugin/glue-athena/sa-east-1/defaults", test_defaults_sao_paulo);
  g_test_add_func ("/plugin/glue-athena/ca-central-1/athena-and-catalog", test_canada_athena_and_catalog);
  return g_test_run ();
}
