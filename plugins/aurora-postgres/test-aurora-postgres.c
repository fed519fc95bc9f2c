/* Tests of the aurora-postgres plugin against hand-worked months.
 * Published prices (aws-prices-core.md; data/pricing/aws-*.xml):
 *   Sydney     db.t4g.medium $0.113 (I/O-Optimized $0.147), db.r6g.large $0.313 ($0.407);
 *              storage $0.11/GB-month (I/O-Optimized $0.248); I/O $0.00000022 (0.22 per million);
 *              backup $0.023/GB-month
 *   us-east-1  db.t4g.medium $0.073 ($0.095), db.r6g.large $0.26 ($0.338); storage $0.10 ($0.225);
 *              I/O $0.0000002; backup $0.021
 *   Singapore  db.t4g.medium I/O-Optimized $0.148. */
#include "testlib.h"

#include <math.h>

static void
test_worked_month_sydney (void)
{
  g_test_summary ("Writer + reader db.t4g.medium Standard, 20 GB, 10 rps x 5 queries x 0.5 I/O, in Sydney");
  const char *sets[] = { "rps=10", "db_queries_per_request=5", "db_storage_gb=20", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("aurora-postgres", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "instance-hours (writer + readers)"), 2 * 730 * 0.113);  /* 164.98 */
  pc_assert_usd (pc_test_line_usd (r, "cluster storage GB-months"), 20 * 0.11);                /* 2.20 */
  /* 10 rps x 730 h x 3600 s = 26,280,000 requests x 5 x 0.5 = 65,700,000 I/O. */
  pc_assert_usd (pc_test_line_quantity (r, "I/O requests"), 65700000.0);
  pc_assert_usd (pc_test_line_usd (r, "I/O requests"), 65700000 * 0.00000022);                 /* 14.454 */
  /* Backups 20 x (1 + 0.05 x 7) = 27 GB, 7 above the free 20. */
  pc_assert_usd (pc_test_line_usd (r, "backup storage above the free allocation"), 7 * 0.023);  /* 0.161 */
  pc_assert_usd (pc_step_result_usd (r), 181.795);
}

static void
test_worked_month_us_east_1 (void)
{
  const char *sets[] = { "rps=10", "db_queries_per_request=5", "db_storage_gb=20", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("aurora-postgres", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "instance-hours (writer + readers)"), 2 * 730 * 0.073);  /* 106.58 */
  pc_assert_usd (pc_test_line_usd (r, "cluster storage GB-months"), 20 * 0.10);                /* 2.00 */
  pc_assert_usd (pc_test_line_usd (r, "I/O requests"), 65700000 * 0.0000002);                  /* 13.14 */
  pc_assert_usd (pc_test_line_usd (r, "backup storage above the free allocation"), 7 * 0.021);  /* 0.147 */
  pc_assert_usd (pc_step_result_usd (r), 121.867);
}

static void
test_io_optimized (void)
{
  g_test_summary ("I/O-Optimized r6g.large: higher instance and storage rates, no I/O line");
  const char *sets[] = { "instance_class=db.r6g.large", "storage_mode=io_optimized", "instances=1", "rps=10",
                         "db_queries_per_request=5", "db_storage_gb=20", "backup_retention_days=1",
                         "change_rate=0", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("aurora-postgres", "ap-southeast-2", sets);
  g_assert_false (pc_test_has_line (r, "I/O requests"));
  pc_assert_usd (pc_step_result_usd (r), 730 * 0.407 + 20 * 0.248);   /* 297.11 + 4.96 */
  g_autoptr (PcStepResult) u = pc_test_price ("aurora-postgres", "us-east-1", sets);
  pc_assert_usd (pc_step_result_usd (u), 730 * 0.338 + 20 * 0.225);   /* 246.74 + 4.50 */
  const char *medium[] = { "storage_mode=io_optimized", "instances=1", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("aurora-postgres", "ap-southeast-1", medium);
  pc_assert_usd (pc_step_result_usd (s), 730 * 0.148);                /* 108.04 */
}

static double
mm2_response (double lambda, double mu)
{
  double rho = lambda / (2 * mu);
  return 2 * rho * rho / (1 + rho) / (2 * mu - lambda) + 1 / mu;
}

static void
test_writer_and_reader (void)
{
  g_test_summary ("One reader takes the 80 % of queries a replica may serve, of 0.1 vCPU: writer 1 %, reader 4 %;"
                  " latency weighted M/M/2");
  const char *sets[] = { "rps=10", "db_queries_per_request=5", "db_cpu_ms_per_query=2", "db_read_share=0.8",
                         "db_replica_share=0.8", "db_replica_cpu_share=0.8", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("aurora-postgres", "ap-southeast-2", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("aurora-postgres", r, "cpu_utilisation"), 0.01, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("aurora-postgres", r, "replica_cpu_utilisation"), 0.04, 1e-12);
  double want = 5 * (0.2 * mm2_response (10, 500) + 0.8 * mm2_response (40, 500));
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("aurora-postgres", r, "response_time_s"), want, 1e-12);

  /* A single instance takes everything: 5 % and M/M/2 at 50 q/s. */
  const char *alone[] = { "rps=10", "db_queries_per_request=5", "db_cpu_ms_per_query=2", "db_read_share=0.8",
                          "instances=1", "peak_factor=2", NULL };
  g_autoptr (PcStepResult) a = pc_test_price ("aurora-postgres", "ap-southeast-2", alone);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("aurora-postgres", a, "cpu_utilisation"), 0.05, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("aurora-postgres", a, "cpu_utilisation_peak"), 0.10, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("aurora-postgres", a, "response_time_s"),
                                  5 * mm2_response (100, 500), 1e-12);
}

static void
test_surplus_reported (void)
{
  g_test_summary ("1 vCPU on one db.t4g.medium (baseline 0.4 vCPU): 0.6 x 730 = 438 vCPU-h; none on r6g");
  const char *sets[] = { "rps=50", "db_queries_per_request=5", "db_cpu_ms_per_query=4", "instances=1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("aurora-postgres", "us-east-1", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("aurora-postgres", r, "credit_surplus_vcpu_hours"), 438, 1e-9);
  const char *r6g[] = { "rps=50", "db_queries_per_request=5", "db_cpu_ms_per_query=4", "instances=1",
                        "instance_class=db.r6g.large", NULL };
  g_autoptr (PcStepResult) g = pc_test_price ("aurora-postgres", "us-east-1", r6g);
  g_assert_cmpfloat (pc_test_metric ("aurora-postgres", g, "credit_surplus_vcpu_hours"), ==, 0);
}

static void
test_connections (void)
{
  g_test_summary ("db.r6g.large 16 GiB / 9531392 = 1802 connections; 901 clients use half");
  const char *sets[] = { "instance_class=db.r6g.large", "db_connections_peak=901", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("aurora-postgres", "ap-southeast-2", sets);
  g_assert_cmpfloat (pc_test_metric ("aurora-postgres", r, "max_connections"), ==, 1802);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("aurora-postgres", r, "connections_utilisation"), 0.5, 1e-12);
}

static void
test_bad_setting (void)
{
  const char *sets[] = { "instances=0", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) r = pc_test_price_error ("aurora-postgres", "ap-southeast-2", sets, &error);
  g_assert_null (r);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "instances"));
}

static void
test_misses_are_billed_io (void)
{
  g_test_summary ("A 4 GB working set on db.t4g.medium (2 GiB cache): half of the page reads miss; each row a read"
                  " misses is a billed I/O on top of io_per_query: 26.28M requests x 5 x (0.5 + 0.8 x 10 x 0.5)");
  const char *sets[] = { "rps=10", "db_queries_per_request=5", "db_read_share=0.8", "db_rows_per_query=10",
                         "db_working_set_gb=4", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("aurora-postgres", "ap-southeast-2", sets);
  double io = 10 * 730 * 3600.0 * 5 * (0.5 + 0.8 * 10 * 0.5);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("aurora-postgres", r, "buffer_cache_hit_ratio"), 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("aurora-postgres", r, "memory_utilisation"), 2.0, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("aurora-postgres", r, "io_requests"), io, 1e-3);
  pc_assert_usd (pc_test_line_usd (r, "I/O requests"), io * pc_test_unit_price ("ap-southeast-2", "aurora.io.request"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/aurora-postgres/ap-southeast-2/worked-month", test_worked_month_sydney);
  g_test_add_func ("/plugin/aurora-postgres/us-east-1/worked-month", test_worked_month_us_east_1);
  g_test_add_func ("/plugin/aurora-postgres/io-optimized", test_io_optimized);
  g_test_add_func ("/plugin/aurora-postgres/capacity/writer-and-reader", test_writer_and_reader);
  g_test_add_func ("/plugin/aurora-postgres/capacity/surplus-reported", test_surplus_reported);
  g_test_add_func ("/plugin/aurora-postgres/capacity/connections", test_connections);
  g_test_add_func ("/plugin/aurora-postgres/bad-setting", test_bad_setting);
  g_test_add_func ("/plugin/aurora-postgres/capacity/misses-are-billed-io", test_misses_are_billed_io);
  return g_test_run ();
}
