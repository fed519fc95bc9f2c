/* Tests of the rds-postgres plugin against hand-worked months.
 * Published prices (aws-prices-core.md; data/pricing/aws-*.xml):
 *   Sydney     db.t4g.micro $0.025 / Multi-AZ $0.051, small $0.051 / $0.102, medium $0.102 / $0.203;
 *              gp2 = gp3 $0.138/GB-month Single-AZ, $0.276 Multi-AZ; backup $0.095/GB-month;
 *              T4g CPU credits $0.075/vCPU-hour (derived: AWS states one price for every Region)
 *   us-east-1  db.t4g.micro $0.016 / $0.032, small $0.032 / $0.065, medium $0.065 / $0.129;
 *              gp2 = gp3 $0.115 Single-AZ, $0.23 Multi-AZ; backup $0.095; credits $0.075/vCPU-hour
 *   Singapore  db.t4g.micro $0.025, gp3 $0.138 (same as Sydney).
 *   Sao Paulo  db.t4g.micro $0.034 (feed rds-postgresql-reservedinstance, 2025-04-04, the
 *              on-demand price it pairs), gp3 $0.219 Single-AZ (feed rds-storage, 2025-05-23),
 *              credits $0.075 (derived as for Sydney).
 * Reserved instances (catalog source RDSRI, AWS feed 'rds-postgresql-reservedinstance' 2025-04-04),
 * hourly + one-time fee:
 *   Sydney     micro Single-AZ  1yr No Upfront $0.0201; 1yr Partial $0.0095 + $83;  3yr Partial $0.0074 + $194
 *              micro Multi-AZ   1yr No Upfront $0.0401; 1yr Partial $0.0191 + $167; 3yr Partial $0.0147 + $387
 *   us-east-1  micro Single-AZ  1yr No Upfront $0.0116; 1yr Partial $0.0056 + $49;  3yr Partial $0.0039 + $102
 *              micro Multi-AZ   1yr No Upfront $0.0233; 1yr Partial $0.0111 + $98;  3yr Partial $0.0078 + $204
 *              small Single-AZ  (same as micro Multi-AZ) $0.0233; $0.0111 + $98;    $0.0078 + $204
 *              small Multi-AZ   1yr No Upfront $0.0465; 1yr Partial $0.0223 + $195; 3yr Partial $0.0155 + $407
 *              medium Single-AZ (same as small Multi-AZ)                            3yr Partial $0.0155 + $407 */
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

/* A Region added beyond the seed's three: the MVP database bursting. */
static void
test_sao_paulo_with_credits (void)
{
  g_test_summary ("Sao Paulo: db.t4g.micro 730 h, 20 GB gp3, 0.4 vCPU (146 surplus vCPU-h)");
  const char *sets[] = { "rps=20", "db_queries_per_request=5", "db_cpu_ms_per_query=4", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "sa-east-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "instance-hours"), 730 * 0.034);                  /* 24.82 */
  pc_assert_usd (pc_test_line_usd (r, "storage GB-months"), 20 * 0.219);                /* 4.38 */
  pc_assert_usd (pc_test_line_usd (r, "surplus CPU credits (Unlimited)"), 146 * 0.075); /* 10.95 */
  pc_assert_usd (pc_step_result_usd (r), 730 * 0.034 + 20 * 0.219 + 146 * 0.075);           /* 40.15 */
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
  pc_assert_usd (pc_test_line_usd (r, "surplus CPU credits (Unlimited)"), 146 * 0.075);  /* 10.95 */
  g_autoptr (PcStepResult) u = pc_test_price ("rds-postgres", "us-east-1", sets);
  pc_assert_usd (pc_test_line_usd (u, "surplus CPU credits (Unlimited)"), 146 * 0.075);  /* 10.95 */

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
  g_test_summary ("Two replicas take the 80 % of queries (and of query CPU) a replica may serve: primary 20 % of 0.1 vCPU"
                  " = 1 %, each replica 40 % = 2 %");
  const char *sets[] = { "rps=10", "db_queries_per_request=5", "db_cpu_ms_per_query=2", "db_read_share=0.8",
                         "db_replica_share=0.8", "db_replica_cpu_share=0.8", "read_replicas=2", NULL };
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
                         "db_replica_share=0.8", "db_replica_cpu_share=0.8", "read_replicas=1", "replica_read_share=0.5", NULL };
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

static void
test_reserved_1yr_no_upfront (void)
{
  g_test_summary ("1 yr No Upfront: instance-hours at the reserved hourly rate, no fee line, storage unchanged");
  const char *sets[] = { "reserved=1yr_no_upfront", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "instance-hours"), 730 * 0.0201);          /* 14.673 */
  pc_assert_usd (pc_test_line_usd (r, "storage GB-months"), 20 * 0.138);         /* 2.76 */
  g_assert_false (pc_test_has_line (r, "reserved-instance upfront fee (amortised)"));
  pc_assert_usd (pc_step_result_usd (r), 14.673 + 2.76);

  /* us-east-1, Multi-AZ: the Multi-AZ reserved rate; CPU credits stay on-demand
   * (0.4 vCPU on a micro: 146 surplus vCPU-h x $0.075, as without a reservation). */
  const char *multi[] = { "reserved=1yr_no_upfront", "multi_az=true", "rps=20", "db_queries_per_request=5",
                          "db_cpu_ms_per_query=4", NULL };
  g_autoptr (PcStepResult) u = pc_test_price ("rds-postgres", "us-east-1", multi);
  pc_assert_usd (pc_test_line_usd (u, "Multi-AZ instance-hours"), 730 * 0.0233);  /* 17.009 */
  pc_assert_usd (pc_test_line_usd (u, "storage GB-months"), 20 * 0.23);           /* 4.60 */
  pc_assert_usd (pc_test_line_usd (u, "surplus CPU credits (Unlimited)"), 146 * 0.075);  /* 10.95 */
  g_assert_false (pc_test_has_line (u, "reserved-instance upfront fee (amortised)"));
}

static void
test_reserved_1yr_partial_upfront (void)
{
  g_test_summary ("1 yr Partial Upfront with replicas: every instance reserved, fees / 12 on one line");
  /* Sydney micro Single-AZ + 2 replicas: 3 reservations of $0.0095/h + $83. */
  const char *sets[] = { "reserved=1yr_partial_upfront", "read_replicas=2", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "instance-hours"), 730 * 0.0095);                  /* 6.935 */
  pc_assert_usd (pc_test_line_usd (r, "read replica instance-hours"), 2 * 730 * 0.0095);  /* 13.87 */
  pc_assert_usd (pc_test_line_usd (r, "reserved-instance upfront fee (amortised)"), 3 * 83.0 / 12);  /* 20.75 */
  g_assert_cmpfloat (pc_test_line_quantity (r, "reserved-instance upfront fee (amortised)"), ==, 3);
  pc_assert_usd (pc_test_line_usd (r, "read replica storage GB-months"), 2 * 20 * 0.138);  /* 5.52 */

  /* us-east-1 small Multi-AZ + 1 replica: the primary's Multi-AZ offer ($0.0223 + $195)
   * and the replica's Single-AZ offer ($0.0111 + $98). */
  const char *multi[] = { "reserved=1yr_partial_upfront", "instance_class=db.t4g.small", "multi_az=true",
                          "read_replicas=1", NULL };
  g_autoptr (PcStepResult) u = pc_test_price ("rds-postgres", "us-east-1", multi);
  pc_assert_usd (pc_test_line_usd (u, "Multi-AZ instance-hours"), 730 * 0.0223);         /* 16.279 */
  pc_assert_usd (pc_test_line_usd (u, "read replica instance-hours"), 730 * 0.0111);     /* 8.103 */
  pc_assert_usd (pc_test_line_usd (u, "reserved-instance upfront fee (amortised)"), (195.0 + 98.0) / 12);  /* 24.4167 */
  pc_assert_usd (pc_step_result_usd (u), 16.279 + 8.103 + 293.0 / 12 + 20 * 0.23 + 20 * 0.115);
}

static void
test_reserved_3yr_partial_upfront (void)
{
  g_test_summary ("3 yr Partial Upfront: the MVP in Sydney is $13.55 instead of $21.01; fee / 36");
  const char *sets[] = { "reserved=3yr_partial_upfront", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "instance-hours"), 730 * 0.0074);                         /* 5.402 */
  pc_assert_usd (pc_test_line_usd (r, "reserved-instance upfront fee (amortised)"), 194.0 / 36);  /* 5.3889 */
  pc_assert_usd (pc_step_result_usd (r), 730 * 0.0074 + 194.0 / 36 + 20 * 0.138);               /* 13.55 */
  g_autoptr (PcStepResult) s = pc_test_price ("rds-postgres", "ap-southeast-1", sets);
  pc_assert_usd (pc_step_result_usd (s), 730 * 0.0074 + 194.0 / 36 + 20 * 0.138);  /* Singapore's offer and gp3 rate are Sydney's */

  /* us-east-1 medium Single-AZ: $0.0155/h + $407. */
  const char *medium[] = { "reserved=3yr_partial_upfront", "instance_class=db.t4g.medium", NULL };
  g_autoptr (PcStepResult) u = pc_test_price ("rds-postgres", "us-east-1", medium);
  pc_assert_usd (pc_test_line_usd (u, "instance-hours"), 730 * 0.0155);                          /* 11.315 */
  pc_assert_usd (pc_test_line_usd (u, "reserved-instance upfront fee (amortised)"), 407.0 / 36);  /* 11.3056 */
}

/* Instance cost of a month (instance-hours + amortised fee) for @reserved. */
static double
instance_month (const char *region, const char *reserved)
{
  g_autofree char *set = g_strdup_printf ("reserved=%s", reserved);
  const char *sets[] = { set, NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", region, sets);
  double fee = pc_test_has_line (r, "reserved-instance upfront fee (amortised)")
                 ? pc_test_line_usd (r, "reserved-instance upfront fee (amortised)") : 0;
  return pc_test_line_usd (r, "instance-hours") + fee;
}

static void
test_reserved_saving (void)
{
  g_test_summary ("Effective RI saving, db.t4g.micro Single-AZ Sydney: 19.6 %, 24.1 %, 40.9 % (seed: 30-40 %, 50-60 %)");
  double on_demand = instance_month ("ap-southeast-2", "none");
  /* By hand from the published prices, on-demand $0.025/h:
   *   1 yr No Upfront       0.0201 / 0.025                               = 0.804    -> 0.1960
   *   1 yr Partial Upfront  (0.0095 + 83 / 8760) / 0.025 = 0.018975 / 0.025 = 0.7590  -> 0.2410
   *   3 yr Partial Upfront  (0.0074 + 194 / 26280) / 0.025 = 0.014782 / 0.025 = 0.5913 -> 0.4087 */
  g_assert_cmpfloat_with_epsilon (1 - instance_month ("ap-southeast-2", "1yr_no_upfront") / on_demand, 0.1960, 1e-4);
  g_assert_cmpfloat_with_epsilon (1 - instance_month ("ap-southeast-2", "1yr_partial_upfront") / on_demand, 0.2410,
                                  1e-4);
  g_assert_cmpfloat_with_epsilon (1 - instance_month ("ap-southeast-2", "3yr_partial_upfront") / on_demand, 0.4087,
                                  1e-4);
}

static void
test_reserved_no_3yr_no_upfront (void)
{
  g_test_summary ("AWS offers no 3-year No Upfront term for these classes: the choice does not exist");
  const char *sets[] = { "reserved=3yr_no_upfront", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) r = pc_test_price_error ("rds-postgres", "ap-southeast-2", sets, &error);
  g_assert_null (r);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "reserved"));
}

static void
test_memory_and_reads (void)
{
  g_test_summary ("A 2 GB working set on db.t4g.micro (1 GiB, half of it cache): memory 4x its cache, a quarter of"
                  " page reads hit; 10 rps x 5 queries x 80 % reads x 10 rows x 3/4 missing = 300 read IOPS,"
                  " a tenth of gp3's 3,000 and 3x gp2's 100 at 20 GB");
  const char *sets[] = { "rps=10", "db_queries_per_request=5", "db_read_share=0.8", "db_rows_per_query=10",
                         "db_working_set_gb=2", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "memory_utilisation"), 2 / 0.5, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "buffer_cache_hit_ratio"), 0.5 / 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "read_iops_peak"), 10 * 5 * 0.8 * 10 * 0.75, 1e-9);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "iops_utilisation"), 300.0 / 3000, 1e-12);
  const char *gp2[] = { "rps=10", "db_queries_per_request=5", "db_read_share=0.8", "db_rows_per_query=10",
                        "db_working_set_gb=2", "storage_type=gp2", NULL };
  g_autoptr (PcStepResult) g = pc_test_price ("rds-postgres", "ap-southeast-2", gp2);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", g, "iops_utilisation"), 300.0 / 100, 1e-12);
  /* db.t4g.medium (4 GiB): a 2 GB working set fits its 2 GiB cache; nothing misses. */
  const char *medium[] = { "rps=10", "db_queries_per_request=5", "db_read_share=0.8", "db_rows_per_query=10",
                           "db_working_set_gb=2", "instance_class=db.t4g.medium", NULL };
  g_autoptr (PcStepResult) m = pc_test_price ("rds-postgres", "ap-southeast-2", medium);
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", m, "buffer_cache_hit_ratio"), ==, 1);
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", m, "read_iops_peak"), ==, 0);
}

static void
test_storage_utilisation (void)
{
  g_test_summary ("30 GB of data on 20 GB allocated: storage grows to 30 GB and its utilisation is 1.5");
  const char *sets[] = { "db_storage_gb=30", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "storage_utilisation"), 30.0 / 20, 1e-12);
  g_assert_cmpfloat (pc_test_metric ("rds-postgres", r, "storage_gb"), ==, 30);
}

static void
test_replica_takes_report_cpu (void)
{
  g_test_summary ("Reports are 20 % of the queries but 80 % of the CPU (0.1 vCPU in all): one replica takes 0.08"
                  " vCPU (4 %), the primary 0.02 (1 %)");
  const char *sets[] = { "rps=10", "db_queries_per_request=5", "db_cpu_ms_per_query=2", "db_read_share=0.8",
                         "db_replica_share=0.2", "db_replica_cpu_share=0.8", "read_replicas=1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("rds-postgres", "ap-southeast-2", sets);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "cpu_utilisation"), 0.1 * 0.2 / 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("rds-postgres", r, "replica_cpu_utilisation"), 0.1 * 0.8 / 2, 1e-12);
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
  g_test_add_func ("/plugin/rds-postgres/sa-east-1/credits", test_sao_paulo_with_credits);
  g_test_add_func ("/plugin/rds-postgres/capacity/erlang-c-latency", test_latency_erlang_c);
  g_test_add_func ("/plugin/rds-postgres/capacity/saturated", test_saturated);
  g_test_add_func ("/plugin/rds-postgres/capacity/read-replicas", test_read_replicas);
  g_test_add_func ("/plugin/rds-postgres/capacity/connections", test_connections);
  g_test_add_func ("/plugin/rds-postgres/capacity/adds-latency", test_adds_latency_to_demand);
  g_test_add_func ("/plugin/rds-postgres/bad-setting", test_bad_setting);
  g_test_add_func ("/plugin/rds-postgres/reserved/1yr-no-upfront", test_reserved_1yr_no_upfront);
  g_test_add_func ("/plugin/rds-postgres/reserved/1yr-partial-upfront", test_reserved_1yr_partial_upfront);
  g_test_add_func ("/plugin/rds-postgres/reserved/3yr-partial-upfront", test_reserved_3yr_partial_upfront);
  g_test_add_func ("/plugin/rds-postgres/ap-southeast-2/reserved/effective-saving", test_reserved_saving);
  g_test_add_func ("/plugin/rds-postgres/reserved/no-3yr-no-upfront", test_reserved_no_3yr_no_upfront);
  g_test_add_func ("/plugin/rds-postgres/capacity/memory-and-reads", test_memory_and_reads);
  g_test_add_func ("/plugin/rds-postgres/capacity/storage-utilisation", test_storage_utilisation);
  g_test_add_func ("/plugin/rds-postgres/capacity/replica-takes-report-cpu", test_replica_takes_report_cpu);
  return g_test_run ();
}
