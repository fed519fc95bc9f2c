/* Tests of the cloudwatch plugin against hand-worked months.
 * Published prices (CloudWatch feed 2025-09-23, data/pricing/aws-*.xml):
 *   logs ingestion Standard: Sydney $0.67/GB, us-east-1 $0.50, Singapore $0.70 (5 GB/month free)
 *   logs ingestion Infrequent Access: Singapore $0.35/GB
 *   logs storage: Sydney $0.033/GB-month, us-east-1 and Singapore $0.03
 *   Logs Insights: Singapore $0.0070/GB scanned
 *   metrics: 10 free, then $0.30 to 10,000, $0.10 to 250,000, ...
 *   standard alarms: 10 free, then $0.10; high-resolution $0.30; composite $0.50
 *   dashboards: 3 free, then $3.00; metrics API: 1M free, then $0.01 per 1,000
 *   Regions added in 2026-12 (same feed): logs ingestion London $0.5985/GB, Sao Paulo $0.90;
 *   logs storage London $0.0315, Sao Paulo $0.0408; Sao Paulo standard alarms $0.135 and
 *   metrics API $0.014 per 1,000.  The free allowances are AWS's CloudWatch pricing page's. */
#include "testlib.h"

#include <math.h>

#define DAYS_PER_MONTH (365.0 / 12.0)

static void
test_production_sydney (void)
{
  g_test_summary ("The header's worked month: 10 GB logs, Container Insights for 1 service, 30-day retention");
  const char *sets[] = { "log_gb=10", "container_insights=true", "alarms=12", "dashboards=1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cloudwatch", "ap-southeast-2", sets);
  double ingested = 10 + 0.15;                        /* app logs + CI performance events */
  double stored = ingested * 30 / DAYS_PER_MONTH;     /* 10.011 GB */
  pc_assert_usd (pc_test_line_usd (r, "log ingestion"), (ingested - 5) * 0.67);   /* 3.4505 */
  pc_assert_usd (pc_test_line_usd (r, "log storage"), stored * 0.033);            /* 0.3304 */
  pc_assert_usd (pc_test_line_usd (r, "metrics"), (20 - 10) * 0.30);              /* 3.00 */
  pc_assert_usd (pc_test_line_usd (r, "alarms"), (12 - 10) * 0.10);               /* 0.20 */
  pc_assert_usd (pc_test_line_usd (r, "dashboards"), 0.0);
  pc_assert_usd (pc_step_result_usd (r), (ingested - 5) * 0.67 + stored * 0.033 + (20 - 10) * 0.30 + (12 - 10) * 0.10);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("cloudwatch", r, "log_gb"), 10.15, 1e-9);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("cloudwatch", r, "stored_gb"), stored, 1e-9);
  g_assert_cmpfloat (pc_test_metric ("cloudwatch", r, "metrics"), ==, 20);
}

static void
test_production_us_east_1 (void)
{
  const char *sets[] = { "log_gb=10", "container_insights=true", "alarms=12", "dashboards=4", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cloudwatch", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "log ingestion"), 5.15 * 0.50);                       /* 2.575 */
  pc_assert_usd (pc_test_line_usd (r, "log storage"), 10.15 * 30 / DAYS_PER_MONTH * 0.03);  /* 0.3003 */
  pc_assert_usd (pc_test_line_usd (r, "dashboards"), (4 - 3) * 3.00);
  pc_assert_usd (pc_step_result_usd (r), 2.575 + 10.15 * 30 / DAYS_PER_MONTH * 0.03 + 3.00 + 0.20 + 3.00);
}

static void
test_free_tiers_and_staging_retention (void)
{
  g_test_summary ("At every free allowance nothing but storage is billed; 7-day retention stores 7/30.4 of a month");
  const char *sets[] = { "log_gb=5", "retention_days=7", "custom_metrics=10", "alarms=10", "dashboards=3", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cloudwatch", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "log ingestion"), 0.0);
  pc_assert_usd (pc_test_line_usd (r, "metrics"), 0.0);
  pc_assert_usd (pc_test_line_usd (r, "alarms"), 0.0);
  pc_assert_usd (pc_test_line_usd (r, "dashboards"), 0.0);
  pc_assert_usd (pc_test_line_quantity (r, "log storage"), 5 * 7 / DAYS_PER_MONTH);  /* 1.1507 GB */
  pc_assert_usd (pc_step_result_usd (r), 5 * 7 / DAYS_PER_MONTH * 0.033);
  g_assert_false (pc_test_has_line (r, "Logs Insights GB scanned"));
}

static void
test_metric_tier_edge (void)
{
  g_test_summary ("10,010 metrics cross the 10,000 tier edge: 9,990 at $0.30 and 10 at $0.10");
  const char *sets[] = { "custom_metrics=10010", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cloudwatch", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "metrics"), 9990 * 0.30 + 10 * 0.10);  /* 2998.00 */
}

static void
test_never_expire (void)
{
  g_test_summary ("retention_days=0 keeps everything: after one month the store holds that month's logs");
  const char *sets[] = { "log_gb=20", "retention_days=0", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cloudwatch", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "log storage"), 20 * 0.033);
  const char *half[] = { "log_gb=20", "retention_days=0", "archive_ratio=0.5", NULL };
  g_autoptr (PcStepResult) h = pc_test_price ("cloudwatch", "ap-southeast-2", half);
  pc_assert_usd (pc_test_line_usd (h, "log storage"), 10 * 0.033);
}

static void
test_singapore_infrequent_access_and_extras (void)
{
  g_test_summary ("Infrequent Access class has no free tier; optional dimensions appear when used");
  const char *sets[] = { "log_gb=10", "log_class=infrequent_access", "insights_gb_scanned=100",
                         "metrics_api_requests=2000000", "high_resolution_alarms=2", "composite_alarms=1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cloudwatch", "ap-southeast-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "log ingestion (Infrequent Access)"), 10 * 0.35);
  pc_assert_usd (pc_test_line_usd (r, "log storage"), 10 * 30 / DAYS_PER_MONTH * 0.03);
  pc_assert_usd (pc_test_line_usd (r, "Logs Insights GB scanned"), 100 * 0.0070);
  pc_assert_usd (pc_test_line_usd (r, "metrics API requests"), 1000000 * 0.01 / 1000);  /* 10.00 */
  pc_assert_usd (pc_test_line_usd (r, "high-resolution alarms"), 2 * 0.30);
  pc_assert_usd (pc_test_line_usd (r, "composite alarms"), 0.50);
  const char *standard[] = { "log_gb=10", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("cloudwatch", "ap-southeast-1", standard);
  pc_assert_usd (pc_test_line_usd (s, "log ingestion"), (10 - 5) * 0.70);
}

static void
test_container_insights_scaling (void)
{
  g_test_summary ("3 services x 25 metrics + 5 custom = 80 metrics; 3 x 0.2 GB of performance events");
  const char *sets[] = { "container_insights=true", "ci_services=3", "ci_metrics_per_service=25",
                         "ci_log_gb_per_service=0.2", "custom_metrics=5", "log_gb=6", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cloudwatch", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "metrics"), (80 - 10) * 0.30);
  pc_assert_usd (pc_test_line_usd (r, "log ingestion"), (6 + 0.6 - 5) * 0.67);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("cloudwatch", r, "ci_log_gb"), 0.6, 1e-9);
}

/* The production month of the seed's roadmap in two Regions beyond its three. */
static void
test_production_london (void)
{
  g_test_summary ("London: 10 GB logs + Container Insights for 1 service, 12 alarms, 4 dashboards");
  const char *sets[] = { "log_gb=10", "container_insights=true", "alarms=12", "dashboards=4", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cloudwatch", "eu-west-2", sets);
  double stored = 10.15 * 30 / DAYS_PER_MONTH;                                     /* 10.011 GB */
  pc_assert_usd (pc_test_line_usd (r, "log ingestion"), (10.15 - 5) * 0.5985);    /* 3.082275 */
  pc_assert_usd (pc_test_line_usd (r, "log storage"), stored * 0.0315);           /* 0.3153 */
  pc_assert_usd (pc_test_line_usd (r, "metrics"), (20 - 10) * 0.30);              /* 3.00 */
  pc_assert_usd (pc_test_line_usd (r, "alarms"), (12 - 10) * 0.10);               /* 0.20 */
  pc_assert_usd (pc_test_line_usd (r, "dashboards"), (4 - 3) * 3.00);             /* 3.00 */
  pc_assert_usd (pc_step_result_usd (r), (10.15 - 5) * 0.5985 + stored * 0.0315 + 3.00 + 0.20 + 3.00);
}

static void
test_sao_paulo_alarms_and_api (void)
{
  g_test_summary ("Sao Paulo: 10 GB logs, 12 alarms, 2M metrics API requests");
  const char *sets[] = { "log_gb=10", "alarms=12", "metrics_api_requests=2000000", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("cloudwatch", "sa-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "log ingestion"), (10 - 5) * 0.90);          /* 4.50 */
  pc_assert_usd (pc_test_line_usd (r, "log storage"), 10 * 30 / DAYS_PER_MONTH * 0.0408);
  pc_assert_usd (pc_test_line_usd (r, "alarms"), (12 - 10) * 0.135);              /* 0.27 */
  pc_assert_usd (pc_test_line_usd (r, "metrics API requests"), 1000000 * 0.014 / 1000);  /* 14.00 */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/cloudwatch/ap-southeast-2/production", test_production_sydney);
  g_test_add_func ("/plugin/cloudwatch/us-east-1/production", test_production_us_east_1);
  g_test_add_func ("/plugin/cloudwatch/ap-southeast-2/free-tiers-7-day-retention", test_free_tiers_and_staging_retention);
  g_test_add_func ("/plugin/cloudwatch/us-east-1/metric-tier-edge", test_metric_tier_edge);
  g_test_add_func ("/plugin/cloudwatch/ap-southeast-2/never-expire", test_never_expire);
  g_test_add_func ("/plugin/cloudwatch/ap-southeast-1/infrequent-access-and-extras",
                   test_singapore_infrequent_access_and_extras);
  g_test_add_func ("/plugin/cloudwatch/ap-southeast-2/container-insights", test_container_insights_scaling);
  g_test_add_func ("/plugin/cloudwatch/eu-west-2/production", test_production_london);
  g_test_add_func ("/plugin/cloudwatch/sa-east-1/alarms-and-api", test_sao_paulo_alarms_and_api);
  return g_test_run ();
}
