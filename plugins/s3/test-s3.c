/* Tests of the s3 plugin against hand-worked months.
 * Published prices (aws-prices-edge.md section 2, AWS S3 feed 2025-10-22 / scrape 2024-09-25), $ per GB-month
 * unless stated:                               Sydney     us-east-1
 *   Standard, first 50 TB / next 450 TB       0.025/0.024  0.023/0.022
 *   Intelligent-Tiering Frequent              0.025        0.023
 *   Intelligent-Tiering Infrequent            0.0138       0.0125
 *   Intelligent-Tiering Archive Instant       0.005        0.004
 *   IT monitoring, per 1,000 objects          0.0025       0.0025
 *   Glacier Instant / Flexible / Deep Archive 0.005/0.0045/0.002   0.004/0.0036/0.00099
 *   lifecycle to Glacier Instant / Flexible / Deep Archive, per 1,000: 0.02/0.036/0.06   0.02/0.03/0.05
 *   PUT per 1,000 0.0055 / 0.005;  GET per 1,000 0.00044 / 0.0004
 * A month is 730 h = 30.4167 days; 1 GB = 1024 MB. */
#include "testlib.h"

#include <math.h>

#define DAYS_PER_MONTH (730.0 / 24.0)
#define SIX_MONTHS_OF_10_GB "stored_gb_age_0=10", "stored_gb_age_1=10", "stored_gb_age_2=10", \
  "stored_gb_age_3=10", "stored_gb_age_4=10", "stored_gb_age_5=10"

static void
test_worked_month_sydney (void)
{
  g_test_summary ("The seed's lifecycle: Glacier after 90 days (ages 3+), temp files deleted after 7 days");
  const char *sets[] = { SIX_MONTHS_OF_10_GB, "temp_gb_written=3", "object_puts=1000", "object_gets=10000",
                         "glacier_after_days=90", "temp_retention_days=7", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("s3", "ap-southeast-2", sets);
  double standard_gb = 30 + 3 * 7 / DAYS_PER_MONTH;                                   /* 30.6904 */
  double moved_objects = 10 * 1024 / 0.3;                                               /* 34,133.3 */
  pc_assert_usd (pc_test_line_usd (r, "Standard storage"), standard_gb * 0.025);         /* 0.7673 */
  pc_assert_usd (pc_test_line_usd (r, "Glacier Instant Retrieval storage"), 30 * 0.005); /* 0.15 */
  pc_assert_usd (pc_test_line_usd (r, "lifecycle transitions"), moved_objects * 0.02 / 1000); /* 0.6827 */
  pc_assert_usd (pc_test_line_usd (r, "PUT requests"), 1000 * 0.0055 / 1000);
  pc_assert_usd (pc_test_line_usd (r, "GET requests"), 10000 * 0.00044 / 1000);
  pc_assert_usd (pc_step_result_usd (r), standard_gb * 0.025 + 30 * 0.005 + moved_objects * 0.02 / 1000 +
                                           1000 * 0.0055 / 1000 + 10000 * 0.00044 / 1000);   /* 1.6098 */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", r, "glacier_gb"), 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", r, "transitions"), moved_objects, 1e-6);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", r, "storage_gb"), 60 + 3 * 7 / DAYS_PER_MONTH, 1e-9);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", r, "objects"), (60 + 3 * 7 / DAYS_PER_MONTH) * 1024 / 0.3,
                                  1e-6);
}

static void
test_worked_month_us_east_1_flexible (void)
{
  g_test_summary ("The same bucket in us-east-1 archiving to Glacier Flexible Retrieval");
  const char *sets[] = { SIX_MONTHS_OF_10_GB, "temp_gb_written=3", "object_puts=1000", "object_gets=10000",
                         "glacier_after_days=90", "glacier_class=glacier_flexible", "temp_retention_days=7", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("s3", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "Standard storage"), (30 + 3 * 7 / DAYS_PER_MONTH) * 0.023); /* 0.7059 */
  pc_assert_usd (pc_test_line_usd (r, "Glacier Flexible Retrieval storage"), 30 * 0.0036);         /* 0.108 */
  pc_assert_usd (pc_test_line_usd (r, "lifecycle transitions"), 10 * 1024 / 0.3 * 0.03 / 1000);    /* 1.024 */
  pc_assert_usd (pc_test_line_usd (r, "PUT requests"), 1000 * 0.005 / 1000);
  pc_assert_usd (pc_test_line_usd (r, "GET requests"), 10000 * 0.0004 / 1000);
}

static void
test_lifecycle_boundary (void)
{
  g_test_summary ("90 days reaches age 3 (91.25 days) but not age 2; 92 days first reaches age 4");
  const char *at_90[] = { "stored_gb_age_2=100", "stored_gb_age_3=100", "glacier_after_days=90", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("s3", "ap-southeast-2", at_90);
  pc_assert_usd (pc_test_line_usd (r, "Standard storage"), 100 * 0.025);
  pc_assert_usd (pc_test_line_usd (r, "Glacier Instant Retrieval storage"), 100 * 0.005);
  const char *at_92[] = { "stored_gb_age_2=100", "stored_gb_age_3=100", "glacier_after_days=92", NULL };
  g_autoptr (PcStepResult) late = pc_test_price ("s3", "ap-southeast-2", at_92);
  pc_assert_usd (pc_test_line_usd (late, "Standard storage"), 200 * 0.025);
  pc_assert_usd (pc_test_line_usd (late, "Glacier Instant Retrieval storage"), 0.0);
  /* Nothing is four months old: no transition this month. */
  g_assert_cmpfloat (pc_test_metric ("s3", late, "transitions"), ==, 0);
  /* Without a rule there is no Glacier line at all. */
  const char *none[] = { "stored_gb_age_5=100", NULL };
  g_autoptr (PcStepResult) n = pc_test_price ("s3", "ap-southeast-2", none);
  g_assert_false (pc_test_has_line (n, "lifecycle transitions"));
  pc_assert_usd (pc_step_result_usd (n), 100 * 0.025);
}

static void
test_intelligent_tiering (void)
{
  g_test_summary ("IT by age: month 0 Frequent, 1-2 Infrequent (30 days), 3+ Archive Instant (90 days)");
  const char *sets[] = { SIX_MONTHS_OF_10_GB, "storage_mode=intelligent_tiering", NULL };
  g_autoptr (PcStepResult) use1 = pc_test_price ("s3", "us-east-1", sets);
  double objects = 60 * 1024 / 0.3;                                                                /* 204,800 */
  pc_assert_usd (pc_test_line_usd (use1, "Intelligent-Tiering Frequent Access"), 10 * 0.023);
  pc_assert_usd (pc_test_line_usd (use1, "Intelligent-Tiering Infrequent Access"), 20 * 0.0125);
  pc_assert_usd (pc_test_line_usd (use1, "Intelligent-Tiering Archive Instant Access"), 30 * 0.004);
  pc_assert_usd (pc_test_line_usd (use1, "Intelligent-Tiering monitoring"), objects * 0.0025 / 1000); /* 0.512 */
  pc_assert_usd (pc_step_result_usd (use1), 0.23 + 0.25 + 0.12 + 0.512);
  g_autoptr (PcStepResult) syd = pc_test_price ("s3", "ap-southeast-2", sets);
  pc_assert_usd (pc_step_result_usd (syd), 10 * 0.025 + 20 * 0.0138 + 30 * 0.005 + objects * 0.0025 / 1000);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", syd, "it_infrequent_gb"), 20, 1e-9);
}

static void
test_intelligent_tiering_then_deep_archive (void)
{
  g_test_summary ("IT plus a rule to Deep Archive after 180 days (age 6+), Sydney");
  const char *sets[] = { SIX_MONTHS_OF_10_GB, "stored_gb_age_6=10", "stored_gb_age_7=10",
                         "storage_mode=intelligent_tiering", "glacier_after_days=180",
                         "glacier_class=glacier_deep_archive", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("s3", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "Intelligent-Tiering Archive Instant Access"), 30 * 0.005);
  pc_assert_usd (pc_test_line_usd (r, "Glacier Deep Archive storage"), 20 * 0.002);
  pc_assert_usd (pc_test_line_usd (r, "lifecycle transitions"), 10 * 1024 / 0.3 * 0.06 / 1000);   /* 2.048 */
  /* Objects in Deep Archive are no longer monitored. */
  pc_assert_usd (pc_test_line_usd (r, "Intelligent-Tiering monitoring"), 60 * 1024 / 0.3 * 0.0025 / 1000);
}

static void
test_small_objects_not_monitored (void)
{
  g_test_summary ("Objects below 128 KB stay in IT Frequent Access and pay no monitoring fee");
  const char *sets[] = { SIX_MONTHS_OF_10_GB, "storage_mode=intelligent_tiering", "avg_object_mb=0.1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("s3", "us-east-1", sets);
  g_assert_false (pc_test_has_line (r, "Intelligent-Tiering monitoring"));
  pc_assert_usd (pc_step_result_usd (r), 60 * 0.023);
}

static void
test_versioning_and_temp_default (void)
{
  g_test_summary ("Versioning adds 10 % noncurrent GB; temp files without a rule stay 30 days");
  const char *sets[] = { "stored_gb=100", "temp_gb_written=10", "versioning=true", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("s3", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "Standard storage"), (110 + 10 * 30 / DAYS_PER_MONTH) * 0.025);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", r, "noncurrent_gb"), 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", r, "temp_gb"), 10 * 30 / DAYS_PER_MONTH, 1e-9);
}

static void
test_standard_volume_tier (void)
{
  g_test_summary ("S3 Standard above 50 TB: 51,200 GB at the first rate, the rest at the next-450-TB rate");
  const char *sets[] = { "stored_gb=52200", NULL };
  g_autoptr (PcStepResult) syd = pc_test_price ("s3", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (syd, "Standard storage"), 51200 * 0.025 + 1000 * 0.024);  /* 1304.00 */
  g_autoptr (PcStepResult) use1 = pc_test_price ("s3", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (use1, "Standard storage"), 51200 * 0.023 + 1000 * 0.022); /* 1199.60 */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/s3/ap-southeast-2/worked-month", test_worked_month_sydney);
  g_test_add_func ("/plugin/s3/us-east-1/glacier-flexible", test_worked_month_us_east_1_flexible);
  g_test_add_func ("/plugin/s3/ap-southeast-2/lifecycle-boundary", test_lifecycle_boundary);
  g_test_add_func ("/plugin/s3/intelligent-tiering", test_intelligent_tiering);
  g_test_add_func ("/plugin/s3/ap-southeast-2/intelligent-tiering-deep-archive", test_intelligent_tiering_then_deep_archive);
  g_test_add_func ("/plugin/s3/us-east-1/small-objects", test_small_objects_not_monitored);
  g_test_add_func ("/plugin/s3/ap-southeast-2/versioning-temp", test_versioning_and_temp_default);
  g_test_add_func ("/plugin/s3/volume-tier", test_standard_volume_tier);
  return g_test_run ();
}
