/* Tests of the rds-postgres plugin against hand-worked months.
 * Published prices (aws-prices-core.md; data/pricing/aws-*.xml):
 *   Sydney     db.t4g.micro $0.025 / Multi-AZ $0.051, small $0.051 / $0.102, medium $0.102 / $0.203;
 *              gp2 = gp3 $0.138/GB-month Single-AZ, $0.276 Multi-AZ; backup $0.095/GB-month;
 *              T4g CPU credits $0.11715/vCPU-hour (derived, see the catalog)
 *   us-east-1  db.t4g.micro $0.016 / $0.032, small $0.032 / $0.065, medium $0.065 / $0.129;
 *              gp2 = gp3 $0.115 Single-AZ, $0.23 Multi-AZ; backup $0.095; credits $0.075/vCPU-hour
 *   Singapore  db.t4g.micro $0.025, gp3 $0.138 (same as Sydney). */
#include "testlib.h"

#include <math.h>

static void
test_mvp_sydney (void)
{
  g_test_summary ("The seed's MVP database: db.t4g.micro Single-AZ, 20 GB gp3, for 730 h in Sydney");
  const char *sets[] = { NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "instance-hours"), 730 * 0.025);        /* 18.25 */
  pc_assert_usd (pc_test_line_usd (r, "storage GB-months"), 20 * 0.138);      /* 2.76 */
  pc_assert_usd (pc_test_line_usd (r, "backup storage above the free allocation"), 0.0);
  pc_assert_usd (pc_test_line_usd (r, "surplus CPU credits (Unlimited)"), 0.0);
  g_assert_false (pc_test_has_line (r, "read replica instance-hours"));
  pc_assert_usd (pc_step_result_usd (r), 21.01);
}

static void
test_mvp_us_east_1_and_singapore (void)
{
  const char *sets[] = { NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "instance-hours"), 730 * 0.016);        /* 11.68 */
  pc_assert_usd (pc_test_line_usd (r, "storage GB-months"), 20 * 0.115);      /* 2.30 */
  pc_assert_usd (pc_step_result_usd (r), 13.98);
  g_autoptr (PcStepResult) s = pc_test_price ("rds-postgres", "ap-southeast-1", sets);
  pc_assert_usd (pc_step_result_usd (s), 730 * 0.025 + 20 * 0.138);           /* 21.01 */
}

static void
test_multi_az_gp2 (void)
{
  g_test_summary ("Multi-AZ db.t4g.small with 50 GB gp2: Multi-AZ instance and storage rates");
  const char *sets[] = { "instance_class=db.t4g.small", "multi_az=true", "storage_type=gp2", "allocated_gb=50", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "Multi-AZ instance-hours"), 730 * 0.102);  /* 74.46 */
  pc_assert_usd (pc_test_line_usd (r, "storage GB-months"), 50 * 0.276);         /* 13.80 */
  g_autoptr (PcStepResult) u = pc_test_price ("rds-postgres", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (u, "Multi-AZ instance-hours"), 730 * 0.065);  /* 47.45 */
  pc_assert_usd (pc_test_line_usd (u, "storage GB-months"), 50 * 0.23);          /* 11.50 */
  const char *medium[] = { "instance_class=db.t4g.medium", "multi_az=true", NULL };
  g_autoptr (PcStepResult) m = pc_test_price ("rds-postgres", "us-east-1", medium);
  pc_assert_usd (pc_step_result_usd (m), 730 * 0.129 + 20 * 0.23);              /* 94.17 + 4.60 */
}

static void
test_storage_grows_with_data (void)
{
  g_test_summary ("30.2 GB of data needs 31 GB provisioned, above the 20 GB allocation");
  const char *sets[] = { "db_storage_gb=30.2", "backup_retention_days=0", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", r, "storage_gb"), ==, 31);
  pc_assert_usd (pc_test_line_usd (r, "storage GB-months"), 31 * 0.138);       /* 4.278 */
}

static void
test_backup_beyond_free (void)
{
  g_test_summary ("20 GB of data kept 7 days at 5 %/day: 20 x 1.35 = 27 GB of backup, 7 GB above the free 20 GB");
  const char *week[] = { "db_storage_gb=20", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", week);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "backup_gb"), 27, 1e-9);
  pc_assert_usd (pc_test_line_quantity (r, "backup storage above the free allocation"), 7.0);
  pc_assert_usd (pc_test_line_usd (r, "backup storage above the free allocation"), 7 * 0.095);  /* 0.665 */

  /* 35 days: 20 x (1 + 0.05 x 35) = 55 GB, 35 above 20, in us-east-1 at the same $0.095. */
  const char *month[] = { "db_storage_gb=20", "backup_retention_days=35", NULL };
  g_autoptr (PcStepResult) u = pc_test_price ("rds-postgres", "us-east-1", month);
  pc_assert_usd (pc_test_line_usd (u, "backup storage above the free allocation"), 35 * 0.095);  /* 3.325 */

  /* A large allocation covers the backups: 27 GB < 100 GB free. */
  const char *roomy[] = { "db_storage_gb=20", "allocated_gb=100", NULL };
  g_autoptr (PcStepResult) f = pc_test_price ("rds-postgres", "ap-southeast-2", roomy);
  pc_assert_usd (pc_test_line_usd (f, "backup storage above the free allocation"), 0.0);

  /* Retention 0 disables automated backups. */
  const char *none[] = { "db_storage_gb=20", "backup_retention_days=0", NULL };
  g_autoptr (PcStepResult) n = pc_test_price ("rds-postgres", "ap-southeast-2", none);
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", n, "backup_gb"), ==, 0);
}

static void
test_cpu_utilisation (void)
{
  g_test_summary ("10 rps x 5 queries x 2 ms = 0.1 vCPU of 2 vCPU = 5 %; peak factor 2 gives 10 %");
  const char *sets[] = { "rps=10", "db_queries_per_request=5", "db_cpu_ms_per_query=2", "peak_factor=2", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "cpu_utilisation"), 0.05, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "cpu_utilisation_peak"), 0.10, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "primary_queries_per_s_peak"), 100, 1e-9);
  /* 0.1 vCPU is below the micro's 0.2 vCPU baseline: no surplus. */
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", r, "credit_surplus_vcpu_hours"), ==, 0);
}

static void
test_surplus_credits (void)
{
  g_test_summary ("0.4 vCPU on a db.t4g.micro (baseline 10 % x 2 = 0.2 vCPU): 0.2 x 730 = 146 surplus vCPU-h");
  const char *sets[] = { "rps=20", "db_queries_per_request=5", "db_cpu_ms_per_query=4", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "credit_surplus_vcpu_hours"), 146, 1e-9);
  pc_assert_usd (pc_test_line_usd (r, "surplus CPU credits (Unlimited)"), 146 * 0.11715);   /* 17.1039 */
  g_autoptr (PcStepResult) u = pc_test_price ("rds-postgres", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (u, "surplus CPU credits (Unlimited)"), 146 * 0.075);     /* 10.95 */

  /* db.t4g.small's baseline is 20 % x 2 = 0.4 vCPU: exactly covered. */
  const char *small[] = { "rps=20", "db_queries_per_request=5", "db_cpu_ms_per_query=4",
                          "instance_class=db.t4g.small", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("rds-postgres", "us-east-1", small);
  pc_assert_usd (pc_test_line_usd (s, "surplus CPU credits (Unlimited)"), 0.0);
}

/* M/M/2 closed form (independent of core/queueing.c): C = 2 rho^2 / (1 + rho),
 * W = C / (2 mu - lambda) + 1 / mu. */
static double
mm2_response (double lambda, double mu)
{
  double rho = lambda / (2 * mu);
  return 2 * rho * rho / (1 + rho) / (2 * mu - lambda) + 1 / mu;
}

static void
test_latency_erlang_c (void)
{
  g_test_summary ("M/M/2 per query: 500 q/s at mu = 500 (rho 0.5): C = 1/3, W = 1/1500 + 1/500 s; x 5 queries");
  const char *sets[] = { "rps=100", "db_queries_per_request=5", "db_cpu_ms_per_query=2", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  double w = (1.0 / 3.0) / (1000 - 500) + 1.0 / 500;  /* 0.0026667 s */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "response_time_s"), 5 * w, 1e-12);
  /* 1 vCPU used, 0.2 baseline: 0.8 x 730 = 584 surplus vCPU-hours. */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "credit_surplus_vcpu_hours"), 584, 1e-9);

  const char *light[] = { "rps=10", "db_queries_per_request=5", "db_cpu_ms_per_query=2", NULL };
  g_autoptr (PcStepResult) l = pc_test_price ("rds-postgres", "ap-southeast-2", light);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", l, "response_time_s"), 5 * mm2_response (50, 500),
                                  1e-12);  /* 5 x 0.0020050 s */
}

static void
test_saturated (void)
{
  g_test_summary ("50 q/s x 50 ms = 2.5 vCPU on 2 vCPU: saturated, utilisation 1.25, latency capped at 60 s");
  const char *sets[] = { "rps=10", "db_queries_per_request=5", "db_cpu_ms_per_query=50", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "cpu_utilisation_peak"), 1.25, 1e-12);
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", r, "response_time_s"), ==, PC_SATURATED_RESPONSE_S);
  /* Credits count at most the 2 vCPU the instance has: (2 - 0.2) x 730 = 1314. */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "credit_surplus_vcpu_hours"), 1314, 1e-9);
}

static void
test_read_replicas (void)
{
  g_test_summary ("Two replicas take 80 % reads: primary 20 % of 0.1 vCPU = 1 %, each replica 40 % = 2 %");
  const char *sets[] = { "rps=10", "db_queries_per_request=5", "db_cpu_ms_per_query=2", "db_read_share=0.8",
                         "read_replicas=2", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "cpu_utilisation"), 0.01, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "replica_cpu_utilisation"), 0.02, 1e-12);
  pc_assert_usd (pc_test_line_usd (r, "read replica instance-hours"), 2 * 730 * 0.025);      /* 36.50 */
  pc_assert_usd (pc_test_line_usd (r, "read replica storage GB-months"), 2 * 20 * 0.138);    /* 5.52 */
  /* Latency: 20 % of queries at the primary (10 q/s), 80 % at a replica (20 q/s each). */
  double want = 5 * (0.2 * mm2_response (10, 500) + 0.8 * mm2_response (20, 500));
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "response_time_s"), want, 1e-12);

  /* Half the reads routed: the primary keeps 1 - 0.8 x 0.5 = 60 % = 3 %. */
  const char *half[] = { "rps=10", "db_queries_per_request=5", "db_cpu_ms_per_query=2", "db_read_share=0.8",
                         "read_replicas=1", "replica_read_share=0.5", NULL };
  g_autoptr (PcStepResult) h = pc_test_price ("rds-postgres", "ap-southeast-2", half);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", h, "cpu_utilisation"), 0.03, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", h, "replica_cpu_utilisation"), 0.02, 1e-12);

  /* A Multi-AZ primary's replica is still billed at the Single-AZ rates (us-east-1). */
  const char *multi[] = { "multi_az=true", "read_replicas=1", NULL };
  g_autoptr (PcStepResult) m = pc_test_price ("rds-postgres", "us-east-1", multi);
  pc_assert_usd (pc_test_line_usd (m, "Multi-AZ instance-hours"), 730 * 0.032);           /* 23.36 */
  pc_assert_usd (pc_test_line_usd (m, "storage GB-months"), 20 * 0.23);                   /* 4.60 */
  pc_assert_usd (pc_test_line_usd (m, "read replica instance-hours"), 730 * 0.016);       /* 11.68 */
  pc_assert_usd (pc_test_line_usd (m, "read replica storage GB-months"), 20 * 0.115);     /* 2.30 */
}

static void
test_connections (void)
{
  g_test_summary ("max_connections = memory / 9531392: micro 1 GiB -> 112, medium 4 GiB -> 450");
  const char *micro[] = { "db_connections_peak=56", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", micro);
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", r, "max_connections"), ==, 112);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "connections_utilisation"), 0.5, 1e-12);
  const char *medium[] = { "db_connections_peak=225", "instance_class=db.t4g.medium", NULL };
  g_autoptr (PcStepResult) m = pc_test_price ("rds-postgres", "ap-southeast-2", medium);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", m, "connections_utilisation"), 0.5, 1e-12);
}

static void
test_adds_latency_to_demand (void)
{
  g_test_summary ("The database's latency is added to the demand's response_time_s");
  g_autoptr (GError) error = NULL;
  g_autoptr (PcHost) host = pc_host_new (NULL);
  const PcPlugin *plugin = pc_host_get (host, "rds-postgres", &error);
  g_assert_no_error (error);
  g_autoptr (PcConfig) config = pc_config_new (pc_plugin_info (plugin), "db");
  g_autofree char *dir = pc_find_data_subdir ("pricing");
  g_autoptr (PcCatalog) catalog = pc_catalog_load_region (dir, "ap-southeast-2", &error);
  g_assert_no_error (error);
  g_autoptr (PcUsage) usage = pc_usage_new ();
  const char *sets[][2] = { { "rps", "100" }, { "db_queries_per_request", "5" }, { "db_cpu_ms_per_query", "2" } };
  for (guint i = 0; i < G_N_ELEMENTS (sets); i++) {
    gboolean known;
    g_assert_true (pc_usage_set (usage, sets[i][0], sets[i][1], &known, &error));
  }
  pc_usage_demand (usage)->response_time_s = 0.1;
  g_autoptr (PcStepResult) result = pc_step_result_new ();
  g_assert_true (pc_price_month (plugin, config, catalog, usage, result, &error));
  double w = (1.0 / 3.0) / (1000 - 500) + 1.0 / 500;
  g_assert_cmpfloat_with_epsilon (pc_usage_demand (usage)->response_time_s, 0.1 + 5 * w, 1e-12);
}

static void
test_bad_setting (void)
{
  const char *sets[] = { "allocated_gb=10", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) r = pc_test_price_error ("rds-postgres", "ap-southeast-2", sets, &error);
  g_assert_null (r);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "allocated_gb"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/rds-postgres/ap-southeast-2/mvp-730h", test_mvp_sydney);
  g_test_add_func ("/plugin/rds-postgres/us-east-1/mvp-730h", test_mvp_us_east_1_and_singapore);
  g_test_add_func ("/plugin/rds-postgres/multi-az-gp2", test_multi_az_gp2);
  g_test_add_func ("/plugin/rds-postgres/storage-grows", test_storage_grows_with_data);
  g_test_add_func ("/plugin/rds-postgres/backup-beyond-free", test_backup_beyond_free);
  g_test_add_func ("/plugin/rds-postgres/capacity/cpu-utilisation", test_cpu_utilisation);
  g_test_add_func ("/plugin/rds-postgres/capacity/surplus-credits", test_surplus_credits);
  g_test_add_func ("/plugin/rds-postgres/capacity/erlang-c-latency", test_latency_erlang_c);
  g_test_add_func ("/plugin/rds-postgres/capacity/saturated", test_saturated);
  g_test_add_func ("/plugin/rds-postgres/capacity/read-replicas", test_read_replicas);
  g_test_add_func ("/plugin/rds-postgres/capacity/connections", test_connections);
  g_test_add_func ("/plugin/rds-postgres/capacity/adds-latency", test_adds_latency_to_demand);
  g_test_add_func ("/plugin/rds-postgres/bad-setting", test_bad_setting);
  return g_test_run ();
}
