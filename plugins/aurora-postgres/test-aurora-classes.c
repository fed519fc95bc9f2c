/* aurora-postgres: every class family, Aurora Standard and I/O-Optimized,
 * and Aurora Serverless v2, against hand-worked months from the prices AWS
 * publishes (data/pricing/aws-*.xml; feeds 'rds-aurora-ondemand' and
 * 'rds-aurora-storage' of 2025-05-23):
 *                      Sydney      us-east-1   eu-west-1
 *   storage GB-month   0.11        0.10        0.11       (I/O-Optimized 0.248, 0.225, 0.248)
 *   I/O request        0.00000022  0.0000002
 *   ACU-hour           0.20        0.12        0.14       (I/O-Optimized 0.26, 0.16, 0.19)
 * With no data and no requests a provisioned month is instances x 730 x the
 * instance-hour. */
#include "testlib.h"

typedef struct {
  const char *family;
  const char *instance_class;
  const char *region_a;
  double standard_a, optimized_a;   /* instance-hour: Aurora Standard, I/O-Optimized */
  const char *region_b;
  double standard_b, optimized_b;
} AuroraClass;

static const AuroraClass classes[] = {
  { "t3", "db.t3.medium", "ap-southeast-2", 0.125, 0.163, "us-east-1", 0.082, 0.107 },
  { "t4g", "db.t4g.large", "ap-southeast-2", 0.227, 0.295, "us-east-1", 0.146, 0.19 },
  { "r5", "db.r5.large", "ap-southeast-2", 0.35, 0.455, "us-east-1", 0.29, 0.377 },
  { "r6g", "db.r6g.large", "ap-southeast-2", 0.313, 0.407, "us-east-1", 0.26, 0.338 },
  { "r6gd", "db.r6gd.xlarge", "ap-southeast-2", 0.751, 0.976, "us-east-1", 0.624, 0.811 },
  { "r6i", "db.r6i.large", "ap-southeast-2", 0.35, 0.455, "us-east-1", 0.29, 0.377 },
  { "r6id", "db.r6id.24xlarge", "ap-southeast-2", 20.16, 26.208, "us-east-1", 16.704, 21.715 },
  { "r7g", "db.r7g.large", "ap-southeast-2", 0.333, 0.433, "us-east-1", 0.276, 0.359 },
  { "x2g", "db.x2g.large", "us-east-1", 0.377, 0.49, "eu-west-1", 0.444, 0.577 },
};

static void
check_class (const char *instance_class, const char *region, double standard, double optimized)
{
  g_autofree char *set = g_strdup_printf ("instance_class=%s", instance_class);
  const char *std[] = { set, NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("aurora-postgres", region, std);
  pc_assert_usd_exact (pc_test_line_usd (s, "instance-hours (writer + readers)"), 2 * 730 * standard);
  pc_assert_usd_exact (pc_step_result_usd (s), 2 * 730 * standard);
  const char *opt[] = { set, "storage_mode=io_optimized", NULL };
  g_autoptr (PcStepResult) o = pc_test_price ("aurora-postgres", region, opt);
  pc_assert_usd_exact (pc_step_result_usd (o), 2 * 730 * optimized);
  g_assert_false (pc_test_has_line (o, "I/O requests"));
}

static void
test_family (gconstpointer data)
{
  const AuroraClass *c = data;
  g_test_summary ("Writer + reader of the family's class for 730 h, Standard and I/O-Optimized, in two Regions");
  check_class (c->instance_class, c->region_a, c->standard_a, c->optimized_a);
  check_class (c->instance_class, c->region_b, c->standard_b, c->optimized_b);
}

static void
test_io_optimized_month (void)
{
  g_test_summary ("db.r7g.large writer alone, 100 GB, 10 rps x 5 queries x 0.5 I/O: Standard pays the I/O,"
                  " I/O-Optimized pays more per hour and GB and nothing for I/O");
  const char *std[] = { "instance_class=db.r7g.large", "instances=1", "db_storage_gb=100", "rps=10",
                        "db_queries_per_request=5", "backup_retention_days=1", "change_rate=0", NULL };
  /* 10 x 730 x 3600 = 26,280,000 requests x 5 x 0.5 = 65,700,000 I/O. */
  g_autoptr (PcStepResult) s = pc_test_price ("aurora-postgres", "ap-southeast-2", std);
  pc_assert_usd_exact (pc_step_result_usd (s), 730 * 0.333 + 100 * 0.11 + 65700000 * 0.00000022);
  g_autoptr (PcStepResult) u = pc_test_price ("aurora-postgres", "us-east-1", std);
  pc_assert_usd_exact (pc_step_result_usd (u), 730 * 0.276 + 100 * 0.10 + 65700000 * 0.0000002);
  const char *opt[] = { "instance_class=db.r7g.large", "instances=1", "db_storage_gb=100", "rps=10",
                        "db_queries_per_request=5", "backup_retention_days=1", "change_rate=0",
                        "storage_mode=io_optimized", NULL };
  g_autoptr (PcStepResult) so = pc_test_price ("aurora-postgres", "ap-southeast-2", opt);
  pc_assert_usd_exact (pc_step_result_usd (so), 730 * 0.433 + 100 * 0.248);
  g_autoptr (PcStepResult) uo = pc_test_price ("aurora-postgres", "us-east-1", opt);
  pc_assert_usd_exact (pc_step_result_usd (uo), 730 * 0.359 + 100 * 0.225);
}

static void
test_not_burstable (void)
{
  g_test_summary ("A db.r7g.large writer at 100 % of 2 vCPU reports no credit surplus; a db.t4g.large at 1 vCPU"
                  " reports 0.4 x 730 = 292 vCPU-h (30 % baseline), not charged");
  const char *r7g[] = { "instance_class=db.r7g.large", "instances=1", "rps=100", "db_queries_per_request=5",
                        "db_cpu_ms_per_query=4", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("aurora-postgres", "us-east-1", r7g);
  g_assert_cmpfloat (pc_test_metric ("aurora-postgres", r, "credit_surplus_vcpu_hours"), ==, 0);
  const char *t4g[] = { "instance_class=db.t4g.large", "instances=1", "rps=50", "db_queries_per_request=5",
                        "db_cpu_ms_per_query=4", NULL };
  g_autoptr (PcStepResult) t = pc_test_price ("aurora-postgres", "us-east-1", t4g);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("aurora-postgres", t, "credit_surplus_vcpu_hours"), 292, 1e-9);
  /* 50 x 730 x 3600 = 131,400,000 requests x 5 queries x 0.5 I/O. */
  pc_assert_usd_exact (pc_step_result_usd (t), 730 * 0.146 + 131400000.0 * 5 * 0.5 * 0.0000002);
}

/* A month of two load levels: 600 h at @quiet rps and 130 h at @busy rps,
 * 5 queries a request of 2 ms of CPU each, no peak above the hour's mean. */
static PcUsage *
two_levels (double quiet, double busy)
{
  PcUsage *usage = pc_usage_new ();
  gboolean known;
  g_assert_true (pc_usage_set (usage, "db_queries_per_request", "5", &known, NULL));
  g_assert_true (pc_usage_set (usage, "db_cpu_ms_per_query", "2", &known, NULL));
  PcDemand *d = pc_usage_demand (usage);
  d->n_levels = 2;
  d->level_hours[0] = 600;
  d->level_rps[0] = quiet;
  d->level_hours[1] = 130;
  d->level_rps[1] = busy;
  d->requests = (600 * quiet + 130 * busy) * 3600;
  return usage;
}

/* The Serverless v2 ACU-hours line of aurora-postgres over two_levels (). */
static double
serverless_usd (const char *region, double quiet, double busy, const char *const *sets)
{
  g_autoptr (PcUsage) usage = two_levels (quiet, busy);
  g_autoptr (PcStepResult) r = pc_test_step (usage, "aurora-postgres", region, sets);
  return pc_test_line_usd (r, "Serverless v2 ACU-hours (writer + readers)");
}

static void
test_serverless_writer (void)
{
  g_test_summary ("Serverless v2 writer: 20 rps x 5 x 2 ms = 0.2 vCPU = 0.8 ACU -> 1 ACU for 600 h, 1 vCPU = 4 ACU"
                  " for 130 h: 1,120 ACU-hours");
  const char *std[] = { "instance_class=db.serverless", "instances=1", "io_per_query=0", NULL };
  const char *opt[] = { "instance_class=db.serverless", "instances=1", "io_per_query=0", "storage_mode=io_optimized",
                        NULL };
  pc_assert_usd_exact (serverless_usd ("ap-southeast-2", 20, 100, std), (600 * 1 + 130 * 4) * 0.20);   /* 224 */
  pc_assert_usd_exact (serverless_usd ("ap-southeast-2", 20, 100, opt), (600 * 1 + 130 * 4) * 0.26);   /* 291.2 */
  pc_assert_usd_exact (serverless_usd ("us-east-1", 20, 100, std), (600 * 1 + 130 * 4) * 0.12);        /* 134.4 */
  pc_assert_usd_exact (serverless_usd ("us-east-1", 20, 100, opt), (600 * 1 + 130 * 4) * 0.16);        /* 179.2 */
}

static void
test_serverless_reader (void)
{
  g_test_summary ("Writer + reader, reports (20 % of queries and CPU) on the reader: writer 0.16 -> 1 ACU and 0.8"
                  " vCPU = 3.2 -> 3.5 ACU; reader 0.04 -> 0.5 (the minimum) and 0.2 vCPU = 0.8 -> 1 ACU");
  g_autoptr (PcUsage) usage = two_levels (20, 100);
  gboolean known;
  g_assert_true (pc_usage_set (usage, "db_replica_share", "0.2", &known, NULL));
  g_assert_true (pc_usage_set (usage, "db_replica_cpu_share", "0.2", &known, NULL));
  const char *sets[] = { "instance_class=db.serverless", "instances=2", "io_per_query=0", NULL };
  g_autoptr (PcStepResult) r = pc_test_step (usage, "aurora-postgres", "ap-southeast-2", sets);
  double acu_hours = 600 * 1.0 + 130 * 3.5 + 600 * 0.5 + 130 * 1.0;   /* 1,485 */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("aurora-postgres", r, "acu_hours"), acu_hours, 1e-9);
  pc_assert_usd_exact (pc_step_result_usd (r), acu_hours * 0.20);     /* 297 */
}

static void
test_serverless_limits (void)
{
  g_test_summary ("max_acu 2 caps the busy level (needing 4): 600 x 1 + 130 x 2 = 860 ACU-h, acu_max_share 2;"
                  " min_acu 0 bills nothing in an idle level; min above max is refused");
  g_autoptr (PcUsage) usage = two_levels (20, 100);
  const char *capped[] = { "instance_class=db.serverless", "instances=1", "io_per_query=0", "max_acu=2", NULL };
  g_autoptr (PcStepResult) r = pc_test_step (usage, "aurora-postgres", "us-east-1", capped);
  pc_assert_usd_exact (pc_step_result_usd (r), (600 * 1 + 130 * 2) * 0.12);
  g_assert_cmpfloat (pc_test_metric ("aurora-postgres", r, "acu_peak"), ==, 2);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("aurora-postgres", r, "acu_max_share"), 4.0 / 2, 1e-12);
  const char *pause[] = { "instance_class=db.serverless", "instances=1", "io_per_query=0", "min_acu=0", NULL };
  pc_assert_usd_exact (serverless_usd ("ap-southeast-2", 0, 100, pause), 130 * 4 * 0.20);
  g_autoptr (GError) error = NULL;
  const char *wrong[] = { "instance_class=db.serverless", "min_acu=8", "max_acu=4", NULL };
  g_assert_null (pc_test_price_error ("aurora-postgres", "us-east-1", wrong, &error));
  g_assert_nonnull (strstr (error->message, "min_acu 8 is above max_acu 4"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (classes); i++) {
    g_autofree char *path = g_strdup_printf ("/plugin/aurora-postgres/class/%s", classes[i].family);
    g_test_add_data_func (path, &classes[i], test_family);
  }
  g_test_add_func ("/plugin/aurora-postgres/io-optimized/month", test_io_optimized_month);
  g_test_add_func ("/plugin/aurora-postgres/class/not-burstable", test_not_burstable);
  g_test_add_func ("/plugin/aurora-postgres/serverless/writer", test_serverless_writer);
  g_test_add_func ("/plugin/aurora-postgres/serverless/reader", test_serverless_reader);
  g_test_add_func ("/plugin/aurora-postgres/serverless/limits", test_serverless_limits);
  return g_test_run ();
}
