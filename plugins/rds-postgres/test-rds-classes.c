/* rds-postgres: every instance class family and storage type against
 * hand-worked months from the prices AWS publishes (data/pricing/aws-*.xml,
 * feeds 'rds-postgresql-reservedinstance' of 2025-04-04 for instances and
 * 'rds-storage' of 2025-05-23 for storage; each price below is the feed's).
 * A month is 730 hours; the default is 20 GB of gp3 and no data, so the
 * month is 730 x the instance-hour + 20 x gp3's GB-month.
 *   gp3 Single-AZ GB-month: Sydney $0.138, us-east-1 $0.115, us-west-2 $0.115, eu-west-1 $0.127,
 *   Tokyo $0.138.  Storage, us-east-1 / Sydney, Single-AZ (Multi-AZ twice):
 *   gp3 IOPS-month above the baseline $0.02 / $0.024, gp3 MiB/s-month $0.08 / $0.096,
 *   io1 GB-month $0.125 / $0.138, io1 IOPS-month $0.10 / $0.11. */
#include "testlib.h"

typedef struct {
  const char *family;
  const char *instance_class;
  const char *region_a;
  double hour_a, gp3_a;        /* Single-AZ instance-hour, gp3 GB-month in region_a */
  const char *region_b;
  double hour_b, gp3_b;
} ClassMonth;

/* One class of every family the catalogs price (the .large size), in two
 * Regions; the families Sydney lacks are priced in us-east-1 and us-west-2
 * or Tokyo. */
static const ClassMonth months[] = {
  { "t4g", "db.t4g.large", "ap-southeast-2", 0.203, 0.138, "us-east-1", 0.129, 0.115 },
  { "m5", "db.m5.large", "ap-southeast-2", 0.247, 0.138, "us-east-1", 0.178, 0.115 },
  { "m5d", "db.m5d.large", "ap-southeast-2", 0.292, 0.138, "us-east-1", 0.21, 0.115 },
  { "m6g", "db.m6g.large", "ap-southeast-2", 0.221, 0.138, "us-east-1", 0.159, 0.115 },
  { "m6gd", "db.m6gd.large", "ap-southeast-2", 0.262, 0.138, "us-east-1", 0.187, 0.115 },
  { "m6i", "db.m6i.large", "ap-southeast-2", 0.247, 0.138, "us-east-1", 0.178, 0.115 },
  { "m6id", "db.m6id.large", "ap-southeast-2", 0.312, 0.138, "us-east-1", 0.224, 0.115 },
  { "m6idn", "db.m6idn.large", "us-east-1", 0.295, 0.115, "ap-northeast-1", 0.408, 0.138 },
  { "m6in", "db.m6in.large", "us-east-1", 0.258, 0.115, "ap-northeast-1", 0.357, 0.138 },
  { "m7g", "db.m7g.large", "ap-southeast-2", 0.234, 0.138, "us-east-1", 0.168, 0.115 },
  { "r5", "db.r5.large", "ap-southeast-2", 0.3, 0.138, "us-east-1", 0.25, 0.115 },
  { "r5b", "db.r5b.large", "us-east-1", 0.296, 0.115, "ap-northeast-1", 0.357, 0.138 },
  { "r5d", "db.r5d.large", "ap-southeast-2", 0.346, 0.138, "us-east-1", 0.286, 0.115 },
  { "r6g", "db.r6g.large", "ap-southeast-2", 0.27, 0.138, "us-east-1", 0.225, 0.115 },
  { "r6gd", "db.r6gd.large", "ap-southeast-2", 0.311, 0.138, "us-east-1", 0.257, 0.115 },
  { "r6i", "db.r6i.large", "ap-southeast-2", 0.3, 0.138, "us-east-1", 0.25, 0.115 },
  { "r6id", "db.r6id.large", "ap-southeast-2", 0.361, 0.138, "us-east-1", 0.298, 0.115 },
  { "r6idn", "db.r6idn.large", "us-east-1", 0.388, 0.115, "ap-northeast-1", 0.469, 0.138 },
  { "r6in", "db.r6in.large", "us-east-1", 0.346, 0.115, "ap-northeast-1", 0.418, 0.138 },
  { "r7g", "db.r7g.large", "ap-southeast-2", 0.287, 0.138, "us-east-1", 0.239, 0.115 },
  { "x2g", "db.x2g.large", "us-east-1", 0.326, 0.115, "eu-west-1", 0.391, 0.127 },
};

static void
check_month (const char *instance_class, const char *region, double hour, double gp3)
{
  g_autofree char *set = g_strdup_printf ("instance_class=%s", instance_class);
  const char *sets[] = { set, NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", region, sets);
  pc_assert_usd_exact (pc_test_line_usd (r, "instance-hours"), 730 * hour);
  pc_assert_usd_exact (pc_step_result_usd (r), 730 * hour + 20 * gp3);
}

static void
test_family (gconstpointer data)
{
  const ClassMonth *m = data;
  g_test_summary ("A Single-AZ month of the family's large class in two Regions: 730 h x the feed's hourly price"
                  " + 20 GB gp3");
  check_month (m->instance_class, m->region_a, m->hour_a, m->gp3_a);
  check_month (m->instance_class, m->region_b, m->hour_b, m->gp3_b);
}

static void
test_multi_az_reserved_m7g (void)
{
  g_test_summary ("db.m7g.large Multi-AZ on demand, and Single-AZ 1 yr Partial Upfront, in Sydney and us-east-1");
  const char *multi[] = { "instance_class=db.m7g.large", "multi_az=true", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("rds-postgres", "ap-southeast-2", multi);
  pc_assert_usd_exact (pc_test_line_usd (s, "Multi-AZ instance-hours"), 730 * 0.468);   /* 341.64 */
  pc_assert_usd_exact (pc_test_line_usd (s, "storage GB-months"), 20 * 0.276);
  g_autoptr (PcStepResult) u = pc_test_price ("rds-postgres", "us-east-1", multi);
  pc_assert_usd_exact (pc_test_line_usd (u, "Multi-AZ instance-hours"), 730 * 0.337);   /* 246.01 */
  const char *reserved[] = { "instance_class=db.m7g.large", "reserved=1yr_partial_upfront", NULL };
  g_autoptr (PcStepResult) rs = pc_test_price ("rds-postgres", "ap-southeast-2", reserved);
  pc_assert_usd_exact (pc_test_line_usd (rs, "instance-hours"), 730 * 0.0878);
  pc_assert_usd_exact (pc_test_line_usd (rs, "reserved-instance upfront fee (amortised)"), 769.0 / 12);
  g_autoptr (PcStepResult) ru = pc_test_price ("rds-postgres", "us-east-1", reserved);
  pc_assert_usd_exact (pc_step_result_usd (ru), 730 * 0.0632 + 554.0 / 12 + 20 * 0.115);
}

static void
test_not_burstable (void)
{
  g_test_summary ("db.m7g.large at 100 % of its 2 vCPU: no CPU credits billed or carried, so it needs no credit"
                  " price");
  /* 100 rps x 5 queries x 4 ms = 2 vCPU, all of the class's. */
  const char *busy[] = { "instance_class=db.m7g.large", "rps=100", "db_queries_per_request=5",
                         "db_cpu_ms_per_query=4", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", busy);
  g_assert_false (pc_test_has_line (r, "surplus CPU credits (Unlimited)"));
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", r, "credit_surplus_vcpu_hours"), ==, 0);
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", r, "burstable"), ==, 0);
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", r, "credit_balance_share"), ==, 1);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "cpu_utilisation"), 1.0, 1e-12);
  g_autoptr (PcStepResult) e = pc_test_price ("rds-postgres", "eu-west-1", busy);
  pc_assert_usd_exact (pc_step_result_usd (e), 730 * 0.186 + 20 * 0.127);            /* m7g.large in Ireland */
}

static void
test_burstable_large (void)
{
  g_test_summary ("db.t4g.large earns 30 % of 2 vCPU = 0.6 vCPU; 1 vCPU used leaves 0.4 x 730 = 292 vCPU-h of"
                  " surplus credits");
  const char *sets[] = { "instance_class=db.t4g.large", "rps=50", "db_queries_per_request=5", "db_cpu_ms_per_query=4",
                         NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", s, "credit_surplus_vcpu_hours"), 292, 1e-9);
  pc_assert_usd_exact (pc_test_line_usd (s, "surplus CPU credits (Unlimited)"), 292 * 0.075);   /* one price in every Region (derived for Sydney) */
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", s, "burstable"), ==, 1);
  g_autoptr (PcStepResult) u = pc_test_price ("rds-postgres", "us-east-1", sets);
  pc_assert_usd_exact (pc_test_line_usd (u, "surplus CPU credits (Unlimited)"), 292 * 0.075);
}

static void
test_t3_credits (void)
{
  g_test_summary ("db.t3.micro (2 vCPU) earns 10 % of each = 0.2 vCPU; 1 vCPU used leaves 0.8 x 730 = 584 vCPU-h of"
                  " surplus credits at AWS's stated $0.075 for every T3 size in every Region");
  const char *sets[] = { "instance_class=db.t3.micro", "rps=50", "db_queries_per_request=5", "db_cpu_ms_per_query=4",
                         NULL };
  const char *regions[] = { "eu-west-1", "us-east-1" };
  for (guint i = 0; i < G_N_ELEMENTS (regions); i++) {
    g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", regions[i], sets);
    g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "credit_surplus_vcpu_hours"), 584, 1e-9);
    pc_assert_usd_exact (pc_test_line_usd (r, "surplus CPU credits (Unlimited)"), 584 * 0.075);
  }
}

static void
test_max_connections (void)
{
  g_test_summary ("max_connections = LEAST(memory / 9531392, 5000): 8 GiB -> 901, 16 GiB -> 1802, 1 TiB -> 5000");
  const char *m7g[] = { "instance_class=db.m7g.large", NULL };
  g_autoptr (PcStepResult) m = pc_test_price ("rds-postgres", "us-east-1", m7g);
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", m, "max_connections"), ==, floor (8.0 * 1073741824 / 9531392));
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", m, "max_connections"), ==, 901);
  const char *r7g[] = { "instance_class=db.r7g.large", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "us-east-1", r7g);
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", r, "max_connections"), ==, 1802);
  const char *x2g[] = { "instance_class=db.x2g.16xlarge", NULL };
  g_autoptr (PcStepResult) x = pc_test_price ("rds-postgres", "us-east-1", x2g);
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", x, "max_connections"), ==, 5000);
}

static void
test_gp3_provisioned (void)
{
  g_test_summary ("500 GB gp3 with 15,000 IOPS and 600 MiB/s: 3,000 IOPS and 100 MiB/s above the 12,000 and 500"
                  " included from 400 GiB");
  const char *sets[] = { "allocated_gb=500", "iops=15000", "throughput_mibps=600", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  pc_assert_usd_exact (pc_test_line_usd (s, "storage GB-months"), 500 * 0.138);                    /* 69 */
  pc_assert_usd_exact (pc_test_line_usd (s, "provisioned IOPS-months"), (15000 - 12000) * 0.024);  /* 72 */
  pc_assert_usd_exact (pc_test_line_usd (s, "provisioned throughput MiB/s-months"), (600 - 500) * 0.096);  /* 9.6 */
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", s, "storage_iops"), ==, 15000);
  g_autoptr (PcStepResult) u = pc_test_price ("rds-postgres", "us-east-1", sets);
  pc_assert_usd_exact (pc_step_result_usd (u), 730 * 0.016 + 500 * 0.115 + 3000 * 0.02 + 100 * 0.08);
  const char *multi[] = { "allocated_gb=500", "iops=15000", "throughput_mibps=600", "multi_az=true", NULL };
  g_autoptr (PcStepResult) m = pc_test_price ("rds-postgres", "us-east-1", multi);
  pc_assert_usd_exact (pc_test_line_usd (m, "provisioned IOPS-months"), 3000 * 0.04);
  pc_assert_usd_exact (pc_test_line_usd (m, "provisioned throughput MiB/s-months"), 100 * 0.16);
}

static void
test_gp3_baseline_only (void)
{
  g_test_summary ("12,000 IOPS asked on 500 GB gp3 is the included baseline: nothing billed; below 400 GiB the"
                  " storage gives 3,000 and no IOPS line is written");
  const char *sets[] = { "allocated_gb=500", "iops=12000", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "us-east-1", sets);
  pc_assert_usd_exact (pc_test_line_usd (r, "provisioned IOPS-months"), 0.0);
  const char *none[] = { NULL };
  g_autoptr (PcStepResult) n = pc_test_price ("rds-postgres", "us-east-1", none);
  g_assert_false (pc_test_has_line (n, "provisioned IOPS-months"));
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", n, "storage_iops"), ==, 3000);
}

static void
test_io1 (void)
{
  g_test_summary ("200 GB io1 with 2,000 IOPS, and one read replica with its own copy: every IOPS billed");
  const char *sets[] = { "storage_type=io1", "allocated_gb=200", "iops=2000", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  pc_assert_usd_exact (pc_test_line_usd (s, "storage GB-months"), 200 * 0.138);          /* 27.6 */
  pc_assert_usd_exact (pc_test_line_usd (s, "provisioned IOPS-months"), 2000 * 0.11);    /* 220 */
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", s, "storage_iops"), ==, 2000);
  const char *replica[] = { "storage_type=io1", "allocated_gb=200", "iops=2000", "read_replicas=1", NULL };
  g_autoptr (PcStepResult) u = pc_test_price ("rds-postgres", "us-east-1", replica);
  pc_assert_usd_exact (pc_test_line_usd (u, "provisioned IOPS-months"), 2000 * 0.10);
  pc_assert_usd_exact (pc_test_line_usd (u, "read replica provisioned IOPS-months"), 2000 * 0.10);
  pc_assert_usd_exact (pc_step_result_usd (u), 2 * 730 * 0.016 + 2 * (200 * 0.125 + 2000 * 0.10));
}

/* @sets are refused in us-east-1 with a message holding @words. */
static void
assert_refused (const char *const *sets, const char *words)
{
  g_autoptr (GError) error = NULL;
  g_assert_null (pc_test_price_error ("rds-postgres", "us-east-1", sets, &error));
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_test_message ("%s", error->message);
  g_assert_nonnull (strstr (error->message, words));
}

static void
test_storage_refused (void)
{
  g_test_summary ("What RDS does not allow is refused saying why; io2's IOPS price is a gap of the feeds");
  const char *small_gp3[] = { "iops=5000", NULL };
  assert_refused (small_gp3, "gp3 below 400 GiB has a fixed 3000 IOPS and 125 MiB/s");
  const char *gp2[] = { "storage_type=gp2", "iops=1000", NULL };
  assert_refused (gp2, "gp2 takes no provisioned iops");
  const char *small_io1[] = { "storage_type=io1", "iops=1000", NULL };
  assert_refused (small_io1, "io1 needs allocated_gb 100 or more");
  const char *ratio[] = { "storage_type=io1", "allocated_gb=100", "iops=6000", NULL };   /* 50 per GiB at most */
  assert_refused (ratio, "needs iops between 1000 and 5000");
  const char *io2[] = { "storage_type=io2", "allocated_gb=100", "iops=6000", NULL };      /* allowed, unpriced */
  assert_refused (io2, "rds.storage.io2.iops_single_az_month");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (months); i++) {
    g_autofree char *path = g_strdup_printf ("/plugin/rds-postgres/class/%s", months[i].family);
    g_test_add_data_func (path, &months[i], test_family);
  }
  g_test_add_func ("/plugin/rds-postgres/class/m7g-multi-az-reserved", test_multi_az_reserved_m7g);
  g_test_add_func ("/plugin/rds-postgres/class/not-burstable", test_not_burstable);
  g_test_add_func ("/plugin/rds-postgres/class/t4g-large-credits", test_burstable_large);
  g_test_add_func ("/plugin/rds-postgres/class/t3-credits", test_t3_credits);
  g_test_add_func ("/plugin/rds-postgres/class/max-connections", test_max_connections);
  g_test_add_func ("/plugin/rds-postgres/storage/gp3-provisioned", test_gp3_provisioned);
  g_test_add_func ("/plugin/rds-postgres/storage/gp3-baseline", test_gp3_baseline_only);
  g_test_add_func ("/plugin/rds-postgres/storage/io1", test_io1);
  g_test_add_func ("/plugin/rds-postgres/storage/refused", test_storage_refused);
  return g_test_run ();
}
