/* Tests of the data-transfer plugin against hand-worked months.
 *
 * Published prices (AWS's pricing-page data-transfer feed as pivoted in iann0036/aws-price-watcher
 * processed/datatransfer.json, 2025-05-05), $ per GB:
 *   internet out, after the 100 GB/month free, first 10 TB / next 40 TB / next 100 TB / over 150 TB:
 *     Sydney 0.114/0.098/0.094/0.092; us-east-1 and the other US, Canada and European Regions
 *     0.09/0.085/0.07/0.05; Singapore 0.12/0.085/0.082/0.08; Tokyo 0.114/0.089/0.086/0.084;
 *     Mumbai 0.1093/0.085/0.082/0.08; Sao Paulo 0.15/0.138/0.126/0.114
 *   inter-Region, charged at the source, the same to every destination: from Sydney 0.098, Singapore 0.09,
 *     Tokyo 0.09, Mumbai 0.086, Sao Paulo 0.138, every US, Canada and European Region 0.02, except
 *     us-east-1 <-> us-east-2 0.01
 * Inter-AZ: $0.01/GB in each direction (AWS's EC2 pricing page, every Region; billed so in Singapore, 2025-05). */
#include "testlib.h"

#include <math.h>

static const char *const regions[] = {
  "us-east-1", "us-east-2", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-central-1",
  "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-south-1",
};

/* The published inter-Region rate from @source to @dest (see the header). */
static double
inter_region_rate (const char *source, const char *dest)
{
  static const struct { const char *region; double rate; } from[] = {
    { "ap-southeast-2", 0.098 }, { "ap-southeast-1", 0.09 }, { "ap-northeast-1", 0.09 },
    { "ap-south-1", 0.086 }, { "sa-east-1", 0.138 },
  };
  if ((g_str_equal (source, "us-east-1") && g_str_equal (dest, "us-east-2")) ||
      (g_str_equal (source, "us-east-2") && g_str_equal (dest, "us-east-1")))
    return 0.01;
  for (guint i = 0; i < G_N_ELEMENTS (from); i++)
    if (g_str_equal (source, from[i].region))
      return from[i].rate;
  return 0.02;
}

static void
test_worked_month_sydney (void)
{
  g_test_summary ("150 GB out, 20 GB across AZs, 30 GB to Singapore");
  const char *sets[] = { "egress_gb=150", "static_egress_gb=500", "inter_az_gb=20", "replication_gb=30", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("data-transfer", "ap-southeast-2", sets);
  pc_assert_usd_exact (pc_test_line_usd (r, "internet egress"), (150 - 100) * 0.114);       /* 5.70, static via CDN */
  pc_assert_usd_exact (pc_test_line_usd (r, "inter-AZ (both directions)"), 2 * 20 * 0.01);  /* 0.40 */
  pc_assert_usd_exact (pc_test_line_usd (r, "inter-Region replication"), 30 * 0.098);       /* 2.94 */
  pc_assert_usd_exact (pc_step_result_usd (r), 5.70 + 0.40 + 2.94);
}

static void
test_free_allowance_and_tier_edge (void)
{
  g_test_summary ("100 GB is free; 10,340 GB crosses the 10 TB edge");
  const char *free_[] = { "egress_gb=60", "other_egress_gb=40", NULL };
  g_autoptr (PcStepResult) f = pc_test_price ("data-transfer", "us-east-1", free_);
  g_assert_cmpfloat (pc_step_result_usd (f), ==, 0.0);
  const char *edge[] = { "egress_gb=10340", NULL };
  g_autoptr (PcStepResult) e = pc_test_price ("data-transfer", "us-east-1", edge);
  pc_assert_usd_exact (pc_test_line_usd (e, "internet egress"), (10240 - 100) * 0.09 + 100 * 0.085);  /* 921.10 */
  g_autoptr (PcStepResult) s = pc_test_price ("data-transfer", "ap-southeast-2", edge);
  pc_assert_usd_exact (pc_test_line_usd (s, "internet egress"), (10240 - 100) * 0.114 + 100 * 0.098); /* 1165.76 */
}

static void
test_internet_out_new_regions (void)
{
  g_test_summary ("Internet egress in the Regions made from feeds alone: 200 TB walks all four bands");
  /* 204,800 GB: 10,140 GB at the first rate (after 100 free), 40,960, 102,400, then 51,200 over 150 TB. */
  const char *sets[] = { "egress_gb=204800", NULL };
  static const struct { const char *region; double rate[4]; } cases[] = {
    { "eu-central-1", { 0.09, 0.085, 0.07, 0.05 } },
    { "ap-northeast-1", { 0.114, 0.089, 0.086, 0.084 } },
    { "ap-south-1", { 0.1093, 0.085, 0.082, 0.08 } },
    { "sa-east-1", { 0.15, 0.138, 0.126, 0.114 } },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (PcStepResult) r = pc_test_price ("data-transfer", cases[i].region, sets);
    const double *rate = cases[i].rate;
    pc_assert_usd_exact (pc_test_line_usd (r, "internet egress"),
                         10140 * rate[0] + 40960 * rate[1] + 102400 * rate[2] + 51200 * rate[3]);
  }
  /* Sao Paulo by hand: 1,521 + 5,652.48 + 12,902.40 + 5,836.80 = 25,912.68 */
  pc_assert_usd_exact (10140 * 0.15 + 40960 * 0.138 + 102400 * 0.126 + 51200 * 0.114, 25912.68);
}

static void
test_every_region_pair (void)
{
  g_test_summary ("Replication between every pair of the twelve Regions, charged at the source's rate");
  for (guint s = 0; s < G_N_ELEMENTS (regions); s++) {
    g_autofree char *dir = pc_find_data_subdir ("pricing");
    g_autoptr (GError) error = NULL;
    g_autoptr (PcCatalog) catalog = pc_catalog_load_region (dir, regions[s], &error);
    g_assert_no_error (error);
    for (guint d = 0; d < G_N_ELEMENTS (regions); d++) {
      g_autofree char *key = g_strdup_printf ("data_transfer.inter_region.to_%s.gb", regions[d]);
      g_strdelimit (key, "-", '_');
      const PcPrice *price = pc_catalog_price (catalog, key, NULL);
      if (s == d) {
        g_assert_null (price);   /* no transfer from a Region to itself */
        continue;
      }
      g_assert_nonnull (price);
      pc_assert_usd_exact (pc_price_cost (price, 100, 12), 100 * inter_region_rate (regions[s], regions[d]));
    }
  }
}

static void
test_replication_worked_months (void)
{
  g_test_summary ("The plugin's replication line for pairs outside the seed's: Frankfurt -> Oregon, Ohio -> Virginia");
  const char *oregon[] = { "replication_gb=500", "dest_region=us-west-2", NULL };
  g_autoptr (PcStepResult) f = pc_test_price ("data-transfer", "eu-central-1", oregon);
  pc_assert_usd_exact (pc_test_line_usd (f, "inter-Region replication"), 500 * 0.02);   /* 10.00 */
  const char *virginia[] = { "replication_gb=500", "dest_region=us-east-1", NULL };
  g_autoptr (PcStepResult) o = pc_test_price ("data-transfer", "us-east-2", virginia);
  pc_assert_usd_exact (pc_test_line_usd (o, "inter-Region replication"), 500 * 0.01);   /* 5.00 */
  const char *sydney[] = { "replication_gb=500", "dest_region=us-east-1", NULL };
  g_autoptr (PcStepResult) y = pc_test_price ("data-transfer", "ap-southeast-2", sydney);
  pc_assert_usd_exact (pc_test_line_usd (y, "inter-Region replication"), 500 * 0.098); /* 49.00 */
}

static void
test_inter_az_every_region (void)
{
  g_test_summary ("Inter-AZ is priced in all twelve Regions, Singapore included: 1 GB each way costs $0.02");
  const char *sets[] = { "inter_az_gb=1", NULL };
  for (guint i = 0; i < G_N_ELEMENTS (regions); i++) {
    g_autoptr (PcStepResult) r = pc_test_price ("data-transfer", regions[i], sets);
    pc_assert_usd_exact (pc_test_line_usd (r, "inter-AZ (both directions)"), 2 * 1 * 0.01);
  }
}

static void
test_singapore_month (void)
{
  g_test_summary ("Singapore: 150 GB out, 20 GB across AZs, 30 GB to Tokyo");
  const char *sets[] = { "egress_gb=150", "inter_az_gb=20", "replication_gb=30", "dest_region=ap-northeast-1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("data-transfer", "ap-southeast-1", sets);
  pc_assert_usd_exact (pc_step_result_usd (r), (150 - 100) * 0.12 + 2 * 20 * 0.01 + 30 * 0.09);   /* 9.10 */
}

static void
test_static_without_cdn_us_east_1 (void)
{
  g_test_summary ("Without a CDN the static assets leave from the origin too");
  const char *sets[] = { "egress_gb=50", "static_egress_gb=250", "include_static=true", "replication_gb=100", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("data-transfer", "us-east-1", sets);
  pc_assert_usd_exact (pc_test_line_usd (r, "internet egress"), (300 - 100) * 0.09);   /* 18.00 */
  pc_assert_usd_exact (pc_test_line_usd (r, "inter-Region replication"), 100 * 0.02); /* 2.00 */
}

static void
test_no_transfer_to_own_region (void)
{
  g_test_summary ("Replication to the component's own Region fails, naming the missing key");
  const char *sets[] = { "replication_gb=10", "dest_region=ap-southeast-2", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) r = pc_test_price_error ("data-transfer", "ap-southeast-2", sets, &error);
  g_assert_null (r);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "data_transfer.inter_region.to_ap_southeast_2.gb"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/data-transfer/ap-southeast-2/worked-month", test_worked_month_sydney);
  g_test_add_func ("/plugin/data-transfer/free-allowance-and-tier-edge", test_free_allowance_and_tier_edge);
  g_test_add_func ("/plugin/data-transfer/internet-out/feed-regions", test_internet_out_new_regions);
  g_test_add_func ("/plugin/data-transfer/inter-region/every-pair", test_every_region_pair);
  g_test_add_func ("/plugin/data-transfer/inter-region/worked-months", test_replication_worked_months);
  g_test_add_func ("/plugin/data-transfer/inter-az/every-region", test_inter_az_every_region);
  g_test_add_func ("/plugin/data-transfer/ap-southeast-1/worked-month", test_singapore_month);
  g_test_add_func ("/plugin/data-transfer/us-east-1/static-without-cdn", test_static_without_cdn_us_east_1);
  g_test_add_func ("/plugin/data-transfer/ap-southeast-2/no-transfer-to-itself", test_no_transfer_to_own_region);
  return g_test_run ();
}
