/* Tests of the s3 plugin against hand-worked months.
 *
 * Published prices (AWS's S3 price feeds: "s3", published 2025-10-22, and "s3glacierdeeparchive", 2025-04-08),
 * $ per GB-month unless stated:                       Sydney            us-east-1
 *   Standard, first 50 TB / next 450 TB              0.025/0.024       0.023/0.022
 *   Intelligent-Tiering Frequent                     0.025             0.023
 *   Intelligent-Tiering Infrequent                   0.0138            0.0125
 *   Intelligent-Tiering Archive Instant              0.005             0.004
 *   Intelligent-Tiering Archive / Deep Archive       0.0045/0.002      0.0036/0.00099
 *   IT monitoring, per 1,000 objects                 0.0025            0.0025
 *   Standard-IA / One Zone-IA                        0.0138/0.011      0.0125/0.01
 *   Glacier Instant / Flexible / Deep Archive        0.005/0.0045/0.002   0.004/0.0036/0.00099
 *   Deep Archive early delete                        0.002             0.00099
 *   PUT per 1,000: Standard 0.0055 / 0.005; IT 0.0055 / 0.005; Standard-IA and One Zone-IA 0.01 / 0.01;
 *     Glacier Instant 0.02 / 0.02; Glacier Flexible 0.036 / 0.03; Deep Archive 0.06 / 0.05
 *   GET per 1,000: Standard, IT, Flexible, Deep Archive 0.00044 / 0.0004; Standard-IA and One Zone-IA 0.001 / 0.001;
 *     Glacier Instant 0.01 / 0.01
 *   retrieval per GB: Standard-IA and One Zone-IA 0.01 / 0.01; Glacier Instant 0.03 / 0.03
 *   restores, Glacier Flexible: per 1,000 requests expedited 12 / 10, standard 0.06 / 0.05, bulk 0 / 0;
 *     per GB expedited 0.036 / 0.03, standard 0.012 / 0.01, bulk 0 / 0
 *   restores, Deep Archive: per 1,000 requests standard 0.12 / 0.10, bulk 0.03 / 0.025; per GB standard 0.024 / 0.02,
 *     bulk 0.005 / 0.0025
 *   lifecycle transitions per 1,000: to Standard-IA or One Zone-IA 0.01 / 0.01; to Glacier Instant 0.02 / 0.02;
 *     to Flexible 0.036 / 0.03; to Deep Archive 0.06 / 0.05
 * Published rules (Amazon S3 User Guide): minimum storage durations Standard-IA and One Zone-IA 30 days, Glacier
 * Instant and Flexible Retrieval 90, Deep Archive 180, charged at the storage rate for the days not served;
 * minimum billable object size 128 KB in Standard-IA, One Zone-IA and Glacier Instant Retrieval; 8 KB (Standard
 * rate) + 32 KB (class rate) per object archived in Flexible Retrieval or Deep Archive.
 * A month is 730 h = 30.4167 days; 1 GB = 1024 MB = 1,048,576 KB. */
#include "testlib.h"

#include <math.h>

#include "pc-private.h"   /* pc_step_result_reset: the long-run test steps the plugin as a run does */

#define DAYS_PER_MONTH (730.0 / 24.0)
#define KB_PER_GB 1048576.0
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
  pc_assert_usd_exact (pc_test_line_usd (r, "Standard storage"), standard_gb * 0.025);         /* 0.7673 */
  pc_assert_usd_exact (pc_test_line_usd (r, "Glacier Instant Retrieval storage"), 30 * 0.005); /* 0.15 */
  pc_assert_usd_exact (pc_test_line_usd (r, "transitions to Glacier Instant Retrieval"), moved_objects * 0.02 / 1000);
  pc_assert_usd_exact (pc_test_line_usd (r, "PUT requests"), 1000 * 0.0055 / 1000);
  pc_assert_usd_exact (pc_test_line_usd (r, "GET requests (Standard)"), 10000 * 0.00044 / 1000);
  pc_assert_usd_exact (pc_step_result_usd (r), standard_gb * 0.025 + 30 * 0.005 + moved_objects * 0.02 / 1000 +
                                               1000 * 0.0055 / 1000 + 10000 * 0.00044 / 1000);   /* 1.6098 */
  g_assert_false (pc_test_has_line (r, "early delete (Glacier Instant Retrieval)"));   /* kept past 90 days */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", r, "glacier_gb"), 30, 1e-9);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", r, "transitions"), moved_objects, 1e-6);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", r, "storage_gb"), 60 + 3 * 7 / DAYS_PER_MONTH, 1e-9);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", r, "objects"), (60 + 3 * 7 / DAYS_PER_MONTH) * 1024 / 0.3,
                                  1e-6);
}

static void
test_worked_month_us_east_1_flexible (void)
{
  g_test_summary ("The same bucket in us-east-1 archiving to Glacier Flexible Retrieval: 40 KB an archived object");
  const char *sets[] = { SIX_MONTHS_OF_10_GB, "temp_gb_written=3", "object_puts=1000", "object_gets=10000",
                         "glacier_after_days=90", "glacier_class=glacier_flexible", "temp_retention_days=7", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("s3", "us-east-1", sets);
  double archived = 30 * 1024 / 0.3;                                                   /* 102,400 objects */
  double metadata_gb = archived * 8 / KB_PER_GB, index_gb = archived * 32 / KB_PER_GB; /* 0.78125, 3.125 */
  pc_assert_usd_exact (pc_test_line_usd (r, "Standard storage"), (30 + 3 * 7 / DAYS_PER_MONTH + metadata_gb) * 0.023);
  pc_assert_usd_exact (pc_test_line_usd (r, "Glacier Flexible Retrieval storage"), (30 + index_gb) * 0.0036); /* 0.11925 */
  pc_assert_usd_exact (pc_test_line_usd (r, "transitions to Glacier Flexible Retrieval"), 10 * 1024 / 0.3 * 0.03 / 1000);
  pc_assert_usd_exact (pc_test_line_usd (r, "PUT requests"), 1000 * 0.005 / 1000);
  pc_assert_usd_exact (pc_test_line_usd (r, "GET requests (Standard)"), 10000 * 0.0004 / 1000);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", r, "archive_overhead_gb"), metadata_gb + index_gb, 1e-12);
}

static void
test_lifecycle_boundary (void)
{
  g_test_summary ("90 days reaches age 3 (91.25 days) but not age 2; 92 days first reaches age 4");
  const char *at_90[] = { "stored_gb_age_2=100", "stored_gb_age_3=100", "glacier_after_days=90", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("s3", "ap-southeast-2", at_90);
  pc_assert_usd_exact (pc_test_line_usd (r, "Standard storage"), 100 * 0.025);
  pc_assert_usd_exact (pc_test_line_usd (r, "Glacier Instant Retrieval storage"), 100 * 0.005);
  const char *at_92[] = { "stored_gb_age_2=100", "stored_gb_age_3=100", "glacier_after_days=92", NULL };
  g_autoptr (PcStepResult) late = pc_test_price ("s3", "ap-southeast-2", at_92);
  pc_assert_usd_exact (pc_test_line_usd (late, "Standard storage"), 200 * 0.025);
  g_assert_cmpfloat (pc_test_line_usd (late, "Glacier Instant Retrieval storage"), ==, 0.0);
  /* Nothing is four months old: no transition this month. */
  g_assert_cmpfloat (pc_test_metric ("s3", late, "transitions"), ==, 0);
  /* Without a rule there is no Glacier line at all. */
  const char *none[] = { "stored_gb_age_5=100", NULL };
  g_autoptr (PcStepResult) n = pc_test_price ("s3", "ap-southeast-2", none);
  g_assert_false (pc_test_has_line (n, "transitions to Glacier Instant Retrieval"));
  pc_assert_usd_exact (pc_step_result_usd (n), 100 * 0.025);
}

/* Each class written directly, 100 GB of 1 MB objects, 1,000 PUTs and 2,000 GETs of this month's objects. */
typedef struct {
  const char *mode;
  const char *storage_item;
  double storage, put, get, retrieval_gb, restore;     /* $ per GB-month, request, request, GB, request */
} Written;

static void
check_written (const char *region, const Written *w, double standard_rate)
{
  const char *sets[] = { "stored_gb=100", "avg_object_mb=1", "object_puts=1000", "object_gets=2000", w->mode, NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("s3", region, sets);
  double objects = 100 * 1024, read_gb = 2000 / 1024.0;     /* 102,400 objects; 2,000 x 1 MB read */
  gboolean archival = w->restore > 0 || strstr (w->mode, "flexible") != NULL;
  double class_gb = 100 + (archival ? objects * 32 / KB_PER_GB : 0);        /* + 3.125 GB of index */
  pc_assert_usd_exact (pc_test_line_usd (r, w->storage_item), class_gb * w->storage);
  pc_assert_usd_exact (pc_test_line_usd (r, "Standard storage"), (archival ? objects * 8 / KB_PER_GB : 0) * standard_rate);
  pc_assert_usd_exact (pc_test_line_usd (r, "PUT requests"), 1000 * w->put);
  double usd = class_gb * w->storage + (archival ? objects * 8 / KB_PER_GB * standard_rate : 0) + 1000 * w->put +
               2000 * w->get + read_gb * w->retrieval_gb + 2000 * w->restore;
  pc_assert_usd_exact (pc_step_result_usd (r), usd);
}

static void
test_every_class_written (void)
{
  g_test_summary ("Standard-IA, One Zone-IA, Glacier Instant, Flexible (standard restores) and Deep Archive, in "
                  "Sydney and us-east-1: storage, PUTs, GETs, retrievals");
  static const Written sydney[] = {
    { "storage_mode=standard_ia", "Standard-IA storage", 0.0138, 0.00001, 0.000001, 0.01, 0 },
    { "storage_mode=one_zone_ia", "One Zone-IA storage", 0.011, 0.00001, 0.000001, 0.01, 0 },
    { "storage_mode=glacier_instant", "Glacier Instant Retrieval storage", 0.005, 0.00002, 0.00001, 0.03, 0 },
    { "storage_mode=glacier_flexible", "Glacier Flexible Retrieval storage", 0.0045, 0.000036, 0.00000044, 0.012, 0.00006 },
    { "storage_mode=glacier_deep_archive", "Glacier Deep Archive storage", 0.002, 0.00006, 0.00000044, 0.024, 0.00012 },
  };
  static const Written virginia[] = {
    { "storage_mode=standard_ia", "Standard-IA storage", 0.0125, 0.00001, 0.000001, 0.01, 0 },
    { "storage_mode=one_zone_ia", "One Zone-IA storage", 0.01, 0.00001, 0.000001, 0.01, 0 },
    { "storage_mode=glacier_instant", "Glacier Instant Retrieval storage", 0.004, 0.00002, 0.00001, 0.03, 0 },
    { "storage_mode=glacier_flexible", "Glacier Flexible Retrieval storage", 0.0036, 0.00003, 0.0000004, 0.01, 0.00005 },
    { "storage_mode=glacier_deep_archive", "Glacier Deep Archive storage", 0.00099, 0.00005, 0.0000004, 0.02, 0.0001 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (sydney); i++) {
    check_written ("ap-southeast-2", &sydney[i], 0.025);
    check_written ("us-east-1", &virginia[i], 0.023);
  }
  /* Standard-IA in us-east-1 by hand: 1.25 + 0.01 + 0.002 + 1.953125 x 0.01 = 1.28153125 */
  pc_assert_usd_exact (100 * 0.0125 + 1000 * 0.00001 + 2000 * 0.000001 + 2000 / 1024.0 * 0.01, 1.28153125);
}

static void
test_published_restore_example (void)
{
  g_test_summary ("AWS's own example: 15,000,000 objects, 100 TB (102,400 GB) restored from Glacier Flexible "
                  "Retrieval in us-east-1: standard $1,774, expedited $153,072, bulk free");
  /* repost.aws Knowledge Center "s3-manage-data-retrieval": standard 15,000,000 / 1,000 x $0.05 = $750 for the
   * requests and 102,400 x $0.01 = $1,024 per GB; expedited $10 per 1,000 requests and $0.03 per GB. */
  const char *standard[] = { "stored_gb=102400", "object_gets=15000000", "avg_object_mb=6.990506666666667",
                             "storage_mode=glacier_flexible", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("s3", "us-east-1", standard);
  pc_assert_usd_exact (pc_test_line_usd (s, "Glacier Flexible Retrieval restore requests"), 15000000 / 1000 * 0.05);
  pc_assert_usd_exact (pc_test_line_usd (s, "Glacier Flexible Retrieval restores (per GB)"), 102400 * 0.01);
  const char *expedited[] = { "stored_gb=102400", "object_gets=15000000", "avg_object_mb=6.990506666666667",
                              "storage_mode=glacier_flexible", "restore_speed=expedited", NULL };
  g_autoptr (PcStepResult) e = pc_test_price ("s3", "us-east-1", expedited);
  pc_assert_usd_exact (pc_test_line_usd (e, "Glacier Flexible Retrieval restore requests") +
                       pc_test_line_usd (e, "Glacier Flexible Retrieval restores (per GB)"),
                       15000000 / 1000 * 10.0 + 102400 * 0.03);                            /* 153,072 */
  const char *bulk[] = { "stored_gb=102400", "object_gets=15000000", "avg_object_mb=6.990506666666667",
                         "storage_mode=glacier_flexible", "restore_speed=bulk", NULL };
  g_autoptr (PcStepResult) b = pc_test_price ("s3", "us-east-1", bulk);
  g_assert_cmpfloat (pc_test_line_usd (b, "Glacier Flexible Retrieval restore requests"), ==, 0.0);
  g_assert_cmpfloat (pc_test_line_usd (b, "Glacier Flexible Retrieval restores (per GB)"), ==, 0.0);
}

static void
test_deep_archive_restores (void)
{
  g_test_summary ("Deep Archive: standard and bulk restores in both Regions; no expedited restore exists");
  const char *bulk[] = { "stored_gb=100", "avg_object_mb=1", "object_gets=4000", "storage_mode=glacier_deep_archive",
                         "restore_speed=bulk", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("s3", "ap-southeast-2", bulk);
  pc_assert_usd_exact (pc_test_line_usd (s, "Glacier Deep Archive restore requests"), 4000 * 0.00003);
  pc_assert_usd_exact (pc_test_line_usd (s, "Glacier Deep Archive restores (per GB)"), 4000 / 1024.0 * 0.005);
  g_autoptr (PcStepResult) v = pc_test_price ("s3", "us-east-1", bulk);
  pc_assert_usd_exact (pc_test_line_usd (v, "Glacier Deep Archive restore requests"), 4000 * 0.000025);
  pc_assert_usd_exact (pc_test_line_usd (v, "Glacier Deep Archive restores (per GB)"), 4000 / 1024.0 * 0.0025);
  const char *expedited[] = { "storage_mode=glacier_deep_archive", "restore_speed=expedited", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) x = pc_test_price_error ("s3", "us-east-1", expedited, &error);
  g_assert_null (x);
  g_assert_nonnull (strstr (error->message, "restore_speed=\"expedited\""));
}

static void
test_published_small_object_overhead (void)
{
  g_test_summary ("AWS Pricing Calculator's example: 100 GB of 10 KB objects in Deep Archive, us-east-1: "
                  "320 GB of index at $0.00099, 80 GB of metadata at $0.023, $2.2558 a month");
  /* 100 GB / 10 KB = 10,485,760 objects; x 32 KB = 320 GB; x 8 KB = 80 GB. */
  const char *sets[] = { "stored_gb=100", "avg_object_mb=0.009765625", "storage_mode=glacier_deep_archive", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("s3", "us-east-1", sets);
  pc_assert_usd_exact (pc_test_line_usd (r, "Glacier Deep Archive storage"), (100 + 320) * 0.00099);  /* 0.4158 */
  pc_assert_usd_exact (pc_test_line_usd (r, "Standard storage"), 80 * 0.023);                         /* 1.84 */
  pc_assert_usd_exact (pc_step_result_usd (r), 0.099 + 0.3168 + 1.84);
  g_autoptr (PcStepResult) s = pc_test_price ("s3", "ap-southeast-2", sets);
  pc_assert_usd_exact (pc_step_result_usd (s), (100 + 320) * 0.002 + 80 * 0.025);                    /* 2.84 */
}

static void
test_minimum_billable_size (void)
{
  g_test_summary ("Objects of 50 KB in Standard-IA, One Zone-IA and Glacier Instant Retrieval are billed as 128 KB");
  /* 100 GB of 0.05 MB (51.2 KB) objects: 2,048,000 objects x 128 KB = 250 GB billed. */
  const double billed = 100 * 128 / 51.2;
  static const struct { const char *mode, *item; double sydney, virginia; } cases[] = {
    { "storage_mode=standard_ia", "Standard-IA storage", 0.0138, 0.0125 },
    { "storage_mode=one_zone_ia", "One Zone-IA storage", 0.011, 0.01 },
    { "storage_mode=glacier_instant", "Glacier Instant Retrieval storage", 0.005, 0.004 },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    const char *sets[] = { "stored_gb=100", "avg_object_mb=0.05", cases[i].mode, NULL };
    g_autoptr (PcStepResult) s = pc_test_price ("s3", "ap-southeast-2", sets);
    pc_assert_usd_exact (pc_test_line_usd (s, cases[i].item), billed * cases[i].sydney);
    g_autoptr (PcStepResult) v = pc_test_price ("s3", "us-east-1", sets);
    pc_assert_usd_exact (pc_test_line_usd (v, cases[i].item), billed * cases[i].virginia);
  }
  /* At 128 KB and above nothing changes. */
  const char *big[] = { "stored_gb=100", "avg_object_mb=0.125", "storage_mode=standard_ia", NULL };
  g_autoptr (PcStepResult) b = pc_test_price ("s3", "us-east-1", big);
  pc_assert_usd_exact (pc_test_line_usd (b, "Standard-IA storage"), 100 * 0.0125);
}

static void
test_early_delete (void)
{
  g_test_summary ("Early deletes: Glacier Instant kept 30 of 90 days, Standard-IA deleted after 7 of 30, Deep "
                  "Archive kept 90 of 180");
  /* Glacier Instant after 90 days, deleted at 120 (age 4): the 10 GB leaving held it 30 days; 60 days billed. */
  const char *gir[] = { "stored_gb_age_3=10", "stored_gb_age_4=10", "glacier_after_days=90", "expire_after_days=120",
                        NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("s3", "ap-southeast-2", gir);
  pc_assert_usd_exact (pc_test_line_usd (s, "early delete (Glacier Instant Retrieval)"), 10 * 60 / DAYS_PER_MONTH * 0.005);
  pc_assert_usd_exact (pc_test_line_usd (s, "Glacier Instant Retrieval storage"), 10 * 0.005);   /* age 4 is gone */
  g_autoptr (PcStepResult) v = pc_test_price ("s3", "us-east-1", gir);
  pc_assert_usd_exact (pc_test_line_usd (v, "early delete (Glacier Instant Retrieval)"), 10 * 60 / DAYS_PER_MONTH * 0.004);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", v, "early_delete_gb_months"), 10 * 60 / DAYS_PER_MONTH, 1e-9);
  /* Written to Standard-IA, deleted after 7 days (age 1): 23 days of the 30 billed. */
  const char *ia[] = { "stored_gb_age_0=100", "stored_gb_age_1=100", "storage_mode=standard_ia", "expire_after_days=7",
                       NULL };
  g_autoptr (PcStepResult) i = pc_test_price ("s3", "us-east-1", ia);
  pc_assert_usd_exact (pc_test_line_usd (i, "early delete (Standard-IA)"), 100 * 23 / DAYS_PER_MONTH * 0.0125);
  pc_assert_usd_exact (pc_test_line_usd (i, "Standard-IA storage"), 100 * 0.0125);
  /* Deep Archive after 30 days, deleted at 120 (age 4): 90 of the 180 days billed at the early-delete price. */
  const char *gda[] = { "stored_gb_age_4=10", "glacier_after_days=30", "glacier_class=glacier_deep_archive",
                        "expire_after_days=120", "avg_object_mb=1", NULL };
  g_autoptr (PcStepResult) d = pc_test_price ("s3", "ap-southeast-2", gda);
  pc_assert_usd_exact (pc_test_line_usd (d, "early delete (Glacier Deep Archive)"), 10 * 90 / DAYS_PER_MONTH * 0.002);
  g_autoptr (PcStepResult) dv = pc_test_price ("s3", "us-east-1", gda);
  pc_assert_usd_exact (pc_test_line_usd (dv, "early delete (Glacier Deep Archive)"), 10 * 90 / DAYS_PER_MONTH * 0.00099);
  /* Kept past the minimum: no early-delete line. */
  const char *kept[] = { "stored_gb_age_7=10", "glacier_after_days=30", "glacier_class=glacier_deep_archive",
                         "expire_after_days=210", NULL };
  g_autoptr (PcStepResult) k = pc_test_price ("s3", "us-east-1", kept);
  g_assert_false (pc_test_has_line (k, "early delete (Glacier Deep Archive)"));
}

static void
test_ia_then_glacier (void)
{
  g_test_summary ("Standard, Standard-IA after 30 days, Glacier Flexible after 90: transitions into both, Sydney");
  const char *sets[] = { SIX_MONTHS_OF_10_GB, "ia_after_days=30", "glacier_after_days=90",
                         "glacier_class=glacier_flexible", "avg_object_mb=1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("s3", "ap-southeast-2", sets);
  double cohort = 10 * 1024;                                          /* objects of one month */
  pc_assert_usd_exact (pc_test_line_usd (r, "Standard-IA storage"), 20 * 0.0138);            /* ages 1-2 */
  pc_assert_usd_exact (pc_test_line_usd (r, "transitions to Standard-IA"), cohort * 0.00001);
  pc_assert_usd_exact (pc_test_line_usd (r, "transitions to Glacier Flexible Retrieval"), cohort * 0.000036);
  pc_assert_usd_exact (pc_test_line_usd (r, "Glacier Flexible Retrieval storage"), (30 + 3 * cohort * 32 / KB_PER_GB) * 0.0045);
  pc_assert_usd_exact (pc_test_line_usd (r, "Standard storage"), (10 + 3 * cohort * 8 / KB_PER_GB) * 0.025);
  /* Standard-IA held 60 days at the move to Glacier: past its 30-day minimum. */
  g_assert_false (pc_test_has_line (r, "early delete (Standard-IA)"));
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", r, "ia_gb"), 20, 1e-9);
}

static void
test_reads_of_older_objects (void)
{
  g_test_summary ("Half the GETs read older objects: Standard, then Glacier Flexible restores at standard speed");
  /* 50 GB older than this month: ages 1-2 in Standard (20 GB), 3-5 in Glacier Flexible (30 GB); 500 old reads
   * split 200 / 300. */
  const char *sets[] = { SIX_MONTHS_OF_10_GB, "object_gets=1000", "old_read_share=0.5", "glacier_after_days=90",
                         "glacier_class=glacier_flexible", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("s3", "ap-southeast-2", sets);
  pc_assert_usd_exact (pc_test_line_usd (r, "GET requests (Standard)"), (500 + 200) * 0.00000044);
  pc_assert_usd_exact (pc_test_line_usd (r, "GET requests (Glacier Flexible Retrieval)"), 300 * 0.00000044);
  pc_assert_usd_exact (pc_test_line_usd (r, "Glacier Flexible Retrieval restore requests"), 300 * 0.00006);
  pc_assert_usd_exact (pc_test_line_usd (r, "Glacier Flexible Retrieval restores (per GB)"), 300 * 0.3 / 1024 * 0.012);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", r, "retrieval_gb"), 300 * 0.3 / 1024, 1e-12);
  /* The same reads in us-east-1 from Glacier Instant Retrieval: per-GB retrieval, no restore. */
  const char *gir[] = { SIX_MONTHS_OF_10_GB, "object_gets=1000", "old_read_share=0.5", "glacier_after_days=90", NULL };
  g_autoptr (PcStepResult) v = pc_test_price ("s3", "us-east-1", gir);
  pc_assert_usd_exact (pc_test_line_usd (v, "GET requests (Glacier Instant Retrieval)"), 300 * 0.00001);
  pc_assert_usd_exact (pc_test_line_usd (v, "Glacier Instant Retrieval retrievals"), 300 * 0.3 / 1024 * 0.03);
}

static void
test_intelligent_tiering (void)
{
  g_test_summary ("IT by age: month 0 Frequent, 1-2 Infrequent (30 days), 3+ Archive Instant (90 days)");
  const char *sets[] = { SIX_MONTHS_OF_10_GB, "storage_mode=intelligent_tiering", NULL };
  g_autoptr (PcStepResult) use1 = pc_test_price ("s3", "us-east-1", sets);
  double objects = 60 * 1024 / 0.3;                                                                /* 204,800 */
  pc_assert_usd_exact (pc_test_line_usd (use1, "Intelligent-Tiering Frequent Access"), 10 * 0.023);
  pc_assert_usd_exact (pc_test_line_usd (use1, "Intelligent-Tiering Infrequent Access"), 20 * 0.0125);
  pc_assert_usd_exact (pc_test_line_usd (use1, "Intelligent-Tiering Archive Instant Access"), 30 * 0.004);
  pc_assert_usd_exact (pc_test_line_usd (use1, "Intelligent-Tiering monitoring"), objects * 0.0025 / 1000); /* 0.512 */
  pc_assert_usd_exact (pc_step_result_usd (use1), 0.23 + 0.25 + 0.12 + 0.512);
  g_autoptr (PcStepResult) syd = pc_test_price ("s3", "ap-southeast-2", sets);
  pc_assert_usd_exact (pc_step_result_usd (syd), 10 * 0.025 + 20 * 0.0138 + 30 * 0.005 + objects * 0.0025 / 1000);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", syd, "it_infrequent_gb"), 20, 1e-9);
}

static void
test_intelligent_tiering_archive_tiers (void)
{
  g_test_summary ("IT with the opt-in tiers: Archive Access after 180 days, Deep Archive Access after 365");
  /* 14 months of 10 GB: Frequent age 0, Infrequent 1-2, Archive Instant 3-5, Archive Access 6-11 (K(180) = 6),
   * Deep Archive Access 12-13 (K(365) = 12). */
  const char *sets[] = { SIX_MONTHS_OF_10_GB, "stored_gb_age_6=10", "stored_gb_age_7=10", "stored_gb_age_8=10",
                         "stored_gb_age_9=10", "stored_gb_age_10=10", "stored_gb_age_11=10", "stored_gb_age_12=10",
                         "stored_gb_age_13=10", "storage_mode=intelligent_tiering", "it_archive_after_days=180",
                         "it_deep_archive_after_days=365", NULL };
  double monitoring = 140 * 1024 / 0.3 * 0.0025 / 1000;
  g_autoptr (PcStepResult) v = pc_test_price ("s3", "us-east-1", sets);
  pc_assert_usd_exact (pc_test_line_usd (v, "Intelligent-Tiering Archive Access"), 60 * 0.0036);
  pc_assert_usd_exact (pc_test_line_usd (v, "Intelligent-Tiering Deep Archive Access"), 20 * 0.00099);
  pc_assert_usd_exact (pc_step_result_usd (v), 10 * 0.023 + 20 * 0.0125 + 30 * 0.004 + 60 * 0.0036 + 20 * 0.00099 +
                                               monitoring);
  g_autoptr (PcStepResult) s = pc_test_price ("s3", "ap-southeast-2", sets);
  pc_assert_usd_exact (pc_step_result_usd (s), 10 * 0.025 + 20 * 0.0138 + 30 * 0.005 + 60 * 0.0045 + 20 * 0.002 +
                                               monitoring);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", s, "it_archive_gb"), 80, 1e-9);
}

static void
test_intelligent_tiering_then_deep_archive (void)
{
  g_test_summary ("IT plus a rule to Deep Archive after 180 days (age 6+), Sydney");
  const char *sets[] = { SIX_MONTHS_OF_10_GB, "stored_gb_age_6=10", "stored_gb_age_7=10",
                         "storage_mode=intelligent_tiering", "glacier_after_days=180",
                         "glacier_class=glacier_deep_archive", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("s3", "ap-southeast-2", sets);
  double archived = 20 * 1024 / 0.3;
  pc_assert_usd_exact (pc_test_line_usd (r, "Intelligent-Tiering Archive Instant Access"), 30 * 0.005);
  pc_assert_usd_exact (pc_test_line_usd (r, "Glacier Deep Archive storage"), (20 + archived * 32 / KB_PER_GB) * 0.002);
  pc_assert_usd_exact (pc_test_line_usd (r, "transitions to Glacier Deep Archive"), 10 * 1024 / 0.3 * 0.06 / 1000);
  /* Objects in Deep Archive are no longer monitored. */
  pc_assert_usd_exact (pc_test_line_usd (r, "Intelligent-Tiering monitoring"), 60 * 1024 / 0.3 * 0.0025 / 1000);
}

static void
test_small_objects (void)
{
  g_test_summary ("Objects below 128 KB: not monitored by IT, and by default not moved by S3 Lifecycle");
  const char *it[] = { SIX_MONTHS_OF_10_GB, "storage_mode=intelligent_tiering", "avg_object_mb=0.1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("s3", "us-east-1", it);
  g_assert_false (pc_test_has_line (r, "Intelligent-Tiering monitoring"));
  pc_assert_usd_exact (pc_step_result_usd (r), 60 * 0.023);
  /* The seed's rule on 100 KB objects moves nothing (all_storage_classes_128K, AWS's default). */
  const char *rule[] = { SIX_MONTHS_OF_10_GB, "glacier_after_days=90", "avg_object_mb=0.1", NULL };
  g_autoptr (PcStepResult) k = pc_test_price ("s3", "us-east-1", rule);
  pc_assert_usd_exact (pc_step_result_usd (k), 60 * 0.023);
  /* varies_by_storage_class lets them go to Glacier Flexible Retrieval. */
  const char *flexible[] = { SIX_MONTHS_OF_10_GB, "glacier_after_days=90", "avg_object_mb=0.1",
                             "glacier_class=glacier_flexible", "transition_default_minimum_object_size=varies_by_storage_class",
                             NULL };
  g_autoptr (PcStepResult) f = pc_test_price ("s3", "us-east-1", flexible);
  pc_assert_usd_exact (pc_test_line_usd (f, "transitions to Glacier Flexible Retrieval"), 10 * 1024 / 0.1 * 0.00003);
}

static void
test_lifecycle_refusals (void)
{
  g_test_summary ("Rules AWS refuses are refused, naming the parameter and what is allowed");
  static const struct { const char *sets[4]; const char *says; } cases[] = {
    { { "ia_after_days=10", NULL }, "ia_after_days=\"10\"" },
    { { "ia_after_days=30", "ia_class=one_zone_ia", "glacier_after_days=90" }, "glacier_class=\"glacier_instant\"" },
    { { "ia_after_days=30", "glacier_after_days=40", "glacier_class=glacier_flexible" }, "allowed: 60 and more" },
    { { "glacier_after_days=90", "expire_after_days=90", NULL }, "expire_after_days=\"90\"" },
    { { "it_archive_after_days=180", NULL }, "storage_mode=\"intelligent_tiering\" only" },
    { { "storage_mode=glacier_deep_archive", "glacier_after_days=30", "glacier_class=glacier_flexible" },
      "allowed: none" },
    { { "storage_mode=intelligent_tiering", "it_archive_after_days=60", NULL }, "allowed: 0 (off) or 90 to 730" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (PcStepResult) r = pc_test_price_error ("s3", "ap-southeast-2", cases[i].sets, &error);
    g_assert_null (r);
    g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
    if (strstr (error->message, cases[i].says) == NULL)
      g_error ("case %u: \"%s\" does not say %s", i, error->message, cases[i].says);
  }
}

static void
test_versioning_and_temp_default (void)
{
  g_test_summary ("Versioning adds 10 % noncurrent GB; temp files without a rule stay 30 days");
  const char *sets[] = { "stored_gb=100", "temp_gb_written=10", "versioning=true", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("s3", "ap-southeast-2", sets);
  pc_assert_usd_exact (pc_test_line_usd (r, "Standard storage"), (110 + 10 * 30 / DAYS_PER_MONTH) * 0.025);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", r, "noncurrent_gb"), 10, 1e-9);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("s3", r, "temp_gb"), 10 * 30 / DAYS_PER_MONTH, 1e-9);
}

static void
test_standard_volume_tier (void)
{
  g_test_summary ("S3 Standard above 50 TB: 51,200 GB at the first rate, the rest at the next-450-TB rate");
  const char *sets[] = { "stored_gb=52200", NULL };
  g_autoptr (PcStepResult) syd = pc_test_price ("s3", "ap-southeast-2", sets);
  pc_assert_usd_exact (pc_test_line_usd (syd, "Standard storage"), 51200 * 0.025 + 1000 * 0.024);  /* 1304.00 */
  g_autoptr (PcStepResult) use1 = pc_test_price ("s3", "us-east-1", sets);
  pc_assert_usd_exact (pc_test_line_usd (use1, "Standard storage"), 51200 * 0.023 + 1000 * 0.022); /* 1199.60 */
}

#define LONG_RUN 120   /* months */

/* GB written in month j of a long run, stored as the host stores them: month j at [LONG_RUN - 1 - j], so
 * month m's stored_gb_by_age is history + LONG_RUN - 1 - m (it slides back one entry a month).  Nothing before
 * launch, then growth with a wobble and a spike, over six orders of magnitude. */
static void
fill_history (double history[LONG_RUN])
{
  for (guint j = 0; j < LONG_RUN; j++)
    history[LONG_RUN - 1 - j] = j < 3 ? 0.0 : 1e-3 * j * j * (1.0 + 0.5 * sin (j)) + (j == 40 ? 5000.0 : 0.0);
}

/* Steps @instance through month @month of the long run with @scratch as its per-run memory. */
static void
step_long_run (const PcPluginInfo *info, gconstpointer instance, gpointer scratch, const double *history,
               guint month, PcStepResult *r)
{
  PcDemand demand = { 0 };
  demand.stored_gb_by_age = history + (LONG_RUN - 1 - month);
  demand.n_ages = month + 1;
  for (guint age = 0; age <= month; age++)
    demand.stored_gb += demand.stored_gb_by_age[age];
  demand.temp_gb_written = 0.1 * demand.stored_gb_by_age[0];
  demand.object_puts = 3000 * demand.stored_gb_by_age[0];
  demand.object_gets = 9000 * demand.stored_gb_by_age[0];
  PcBusinessState business = { 0 };
  PcStepContext ctx = { month, 24, PC_HOURS_PER_MONTH, &business, NULL, scratch };
  g_autoptr (GError) error = NULL;
  pc_step_result_reset (r, info->n_metrics);
  g_assert_true (info->step (instance, &ctx, &demand, r, &error));
  g_assert_no_error (error);
}

#define assert_close(a, b) g_assert_cmpfloat (fabs ((a) - (b)), <=, 1e-12 * MAX (fabs (a), fabs (b)))

/* The same lines and metrics, to a relative 1e-12. */
static void
assert_same_month (const PcPluginInfo *info, const PcStepResult *kept, const PcStepResult *fresh)
{
  for (guint m = 0; m < info->n_metrics; m++)
    assert_close (pc_step_result_metric (kept, m), pc_step_result_metric (fresh, m));
  g_assert_cmpuint (pc_step_result_n_lines (kept), ==, pc_step_result_n_lines (fresh));
  for (guint i = 0; i < pc_step_result_n_lines (kept); i++) {
    const char *item, *fresh_item, *unit;
    double quantity, fresh_quantity, usd, fresh_usd;
    const PcPrice *price;
    pc_step_result_line (kept, i, &item, &quantity, &unit, &usd, &price);
    pc_step_result_line (fresh, i, &fresh_item, &fresh_quantity, &unit, &fresh_usd, &price);
    g_assert_cmpstr (item, ==, fresh_item);
    assert_close (quantity, fresh_quantity);
    assert_close (usd, fresh_usd);
  }
}

/* Months [from, to) of the long run with @scratch kept from month to month (the running total of the last
 * lifecycle span), each against the same month with fresh memory (every age summed). */
static void
check_long_run (const char *const *sets, gpointer scratch, guint from, guint to)
{
  g_autoptr (GError) error = NULL;
  const PcPlugin *plugin = pc_host_get (pc_test_host (), "s3", &error);
  g_assert_no_error (error);
  const PcPluginInfo *info = pc_plugin_info (plugin);
  g_autoptr (PcConfig) config = pc_config_new (info, "storage");
  for (guint i = 0; sets[i] != NULL; i++)
    g_assert_true (pc_config_set_assignment (config, sets[i], &error));
  g_autoptr (PcCatalog) catalog = pc_host_catalog (pc_test_host (), "ap-southeast-2", plugin, &error);
  g_assert_no_error (error);
  gpointer instance = info->create (config, catalog, &error);
  g_assert_no_error (error);
  double history[LONG_RUN];
  fill_history (history);
  g_autoptr (PcStepResult) kept = pc_step_result_new ();
  g_autoptr (PcStepResult) fresh = pc_step_result_new ();
  for (guint month = from; month < to; month++) {
    g_autofree guint8 *zeroed = g_malloc0 (info->run_state_size);
    step_long_run (info, instance, scratch, history, month, kept);
    step_long_run (info, instance, zeroed, history, month, fresh);
    assert_same_month (info, kept, fresh);
  }
  info->destroy (instance);
}

static void
test_running_total (void)
{
  g_test_summary ("Over 120 months, the running total of the last lifecycle span gives every line and metric "
                  "of a month summed afresh, to 1e-12: from the run's start, for a component created mid-run, "
                  "and after a month it missed");
  static const char *const configs[][8] = {
    { "storage_mode=intelligent_tiering", "glacier_after_days=90", "temp_retention_days=7", NULL },  /* the seed's v2.0 */
    { "versioning=true", "old_read_share=0.2", NULL },
    { "ia_after_days=30", "glacier_after_days=90", "glacier_class=glacier_flexible", "old_read_share=0.3",
      "avg_object_mb=1", NULL },
    { "storage_mode=intelligent_tiering", "it_archive_after_days=180", "it_deep_archive_after_days=365",
      "old_read_share=0.5", "restore_speed=expedited", NULL },
    { "storage_mode=glacier_deep_archive", "old_read_share=0.1", "avg_object_mb=0.01", NULL },
    { "glacier_after_days=30", "glacier_class=glacier_deep_archive", "expire_after_days=120", "avg_object_mb=1",
      "old_read_share=0.4", NULL },
  };
  g_autoptr (GError) error = NULL;
  const PcPlugin *plugin = pc_host_get (pc_test_host (), "s3", &error);
  g_assert_no_error (error);
  const PcPluginInfo *info = pc_plugin_info (plugin);
  g_assert_cmpuint (info->run_state_size, >, 0);
  for (guint c = 0; c < G_N_ELEMENTS (configs); c++) {
    g_autofree guint8 *scratch = g_malloc0 (info->run_state_size);
    check_long_run (configs[c], scratch, 0, LONG_RUN);
    /* A component created at month 60 (a phase change): the host zeroes its memory, whoever used it before. */
    memset (scratch, 0, info->run_state_size);
    check_long_run (configs[(c + 1) % G_N_ELEMENTS (configs)], scratch, 60, LONG_RUN);
    /* A component not stepped for ten months keeps stale memory: it must sum afresh, not carry on. */
    g_autofree guint8 *gap = g_malloc0 (info->run_state_size);
    check_long_run (configs[c], gap, 0, 30);
    check_long_run (configs[c], gap, 40, LONG_RUN);
  }
}

static void
test_running_total_by_hand (void)
{
  g_test_summary ("Versioned Standard bucket over 120 months: storage_gb is 1.1 x every GB written so far plus the "
                  "temporary files, month by month, to 1e-12");
  g_autoptr (GError) error = NULL;
  const PcPlugin *plugin = pc_host_get (pc_test_host (), "s3", &error);
  g_assert_no_error (error);
  const PcPluginInfo *info = pc_plugin_info (plugin);
  g_autoptr (PcConfig) config = pc_config_new (info, "storage");
  g_assert_true (pc_config_set_assignment (config, "versioning=true", &error));
  g_autoptr (PcCatalog) catalog = pc_host_catalog (pc_test_host (), "ap-southeast-2", plugin, &error);
  g_assert_no_error (error);
  gpointer instance = info->create (config, catalog, &error);
  g_assert_no_error (error);
  double history[LONG_RUN], written = 0;
  fill_history (history);
  g_autofree guint8 *scratch = g_malloc0 (info->run_state_size);
  g_autoptr (PcStepResult) r = pc_step_result_new ();
  for (guint month = 0; month < LONG_RUN; month++) {
    step_long_run (info, instance, scratch, history, month, r);
    double new_gb = history[LONG_RUN - 1 - month];
    written += new_gb;
    assert_close (pc_test_metric ("s3", r, "storage_gb"), 1.1 * written + 0.1 * new_gb * 30 / DAYS_PER_MONTH);
  }
  info->destroy (instance);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/s3/ap-southeast-2/worked-month", test_worked_month_sydney);
  g_test_add_func ("/plugin/s3/us-east-1/glacier-flexible", test_worked_month_us_east_1_flexible);
  g_test_add_func ("/plugin/s3/ap-southeast-2/lifecycle-boundary", test_lifecycle_boundary);
  g_test_add_func ("/plugin/s3/every-class-written", test_every_class_written);
  g_test_add_func ("/plugin/s3/us-east-1/published-restore-example", test_published_restore_example);
  g_test_add_func ("/plugin/s3/deep-archive-restores", test_deep_archive_restores);
  g_test_add_func ("/plugin/s3/published-small-object-overhead", test_published_small_object_overhead);
  g_test_add_func ("/plugin/s3/minimum-billable-size", test_minimum_billable_size);
  g_test_add_func ("/plugin/s3/early-delete", test_early_delete);
  g_test_add_func ("/plugin/s3/ap-southeast-2/ia-then-glacier", test_ia_then_glacier);
  g_test_add_func ("/plugin/s3/reads-of-older-objects", test_reads_of_older_objects);
  g_test_add_func ("/plugin/s3/intelligent-tiering", test_intelligent_tiering);
  g_test_add_func ("/plugin/s3/intelligent-tiering-archive-tiers", test_intelligent_tiering_archive_tiers);
  g_test_add_func ("/plugin/s3/ap-southeast-2/intelligent-tiering-deep-archive", test_intelligent_tiering_then_deep_archive);
  g_test_add_func ("/plugin/s3/small-objects", test_small_objects);
  g_test_add_func ("/plugin/s3/lifecycle-refusals", test_lifecycle_refusals);
  g_test_add_func ("/plugin/s3/ap-southeast-2/versioning-temp", test_versioning_and_temp_default);
  g_test_add_func ("/plugin/s3/volume-tier", test_standard_volume_tier);
  g_test_add_func ("/plugin/s3/running-total", test_running_total);
  g_test_add_func ("/plugin/s3/running-total-by-hand", test_running_total_by_hand);
  return g_test_run ();
}
