/* The independent audit's findings (issue 14, point 4), one test each; each
 * failed before its fix.
 *
 * Expected costs are quantities times the catalog's published unit prices
 * (pc_test_unit_price, whose figures the catalog tests check), written out
 * as arithmetic.  Components are observed in run 0 pinned to one phase
 * (pc_run_pin_phase), so a month's figures do not depend on when a run
 * would have moved. */
#include "testlib.h"
#include "pc-private.h"   /* PcStepResult, to keep a copy of one */

/* One component's step in one month of a run. */
typedef struct {
  const PcModel *model;
  guint month;
  const char *component;
  gboolean seen;
  double usd;
  PcStepResult *result;       /* a copy of its result */
  PcDemand demand;            /* the demand it was handed */
} Probe;

static void
observe (gpointer data, const PcRun *run, guint month)
{
  Probe *probe = data;
  const PcPhasePlan *plan = &probe->model->phases[pc_run_phase (run)];
  if (month != probe->month)
    return;
  for (guint c = 0; c < plan->n_components; c++)
    if (g_str_equal (plan->components[c].decl->name, probe->component)) {
      probe->seen = TRUE;
      probe->usd = pc_step_result_usd (pc_run_component_result (run, c));
      memcpy (probe->result, pc_run_component_result (run, c), sizeof *probe->result);
      probe->demand = *pc_run_component_demand (run, c);
    }
}

static guint
phase_index (const PcModel *model, const char *id)
{
  for (guint p = 0; p < model->n_phases; p++)
    if (g_str_equal (model->phases[p].decl->id, id))
      return p;
  g_error ("no phase %s", id);
  return 0;
}

/* Runs run 0 of @model pinned to phase @phase_id and observes @component in
 * @month.  The caller frees probe->result. */
static Probe
probe_pinned (const PcModel *model, const char *phase_id, const char *component, guint month)
{
  g_autoptr (GError) error = NULL;
  Probe probe = { .model = model, .month = month, .component = component, .result = pc_step_result_new () };
  g_autoptr (PcRun) run = pc_run_new (model, model->scenario->seed, 0, PC_DETAIL_NONE, &error);
  g_assert_no_error (error);
  pc_run_pin_phase (run, phase_index (model, phase_id));
  pc_run_set_observer (run, observe, &probe);
  g_assert_true (pc_run_step (run, model->scenario->horizon_months, &error));
  g_assert_no_error (error);
  return probe;
}

static PcModel *
baseline (void)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "scenarios", "baseline.xml", NULL);
  PcModel *model = pc_model_new (path, NULL, pc_test_host (), &error);
  g_assert_no_error (error);
  return model;
}

static const PcComponentDecl *
component_decl (const PcModel *model, guint phase, const char *name)
{
  for (guint c = 0; c < model->phases[phase].n_components; c++)
    if (g_str_equal (model->phases[phase].components[c].decl->name, name))
      return model->phases[phase].components[c].decl;
  g_error ("no component %s", name);
  return NULL;
}

static double
metric (const Probe *probe, const char *plugin, const char *name)
{
  return pc_test_metric (plugin, probe->result, name);
}

static void
test_no_users_before_launch (void)
{
  g_test_summary ("'50+ quotes created' cannot fire before launch: the baseline launches at month 2 with 3 customers"
                  " x 5 users + 5 free users = 20 users x 5 quotes = 100 quotes, so it fires at month 2, not month 1");
  g_autoptr (PcModel) model = baseline ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PcRun) run = pc_run_new (model, model->scenario->seed, 0, PC_DETAIL_NONE, &error);
  g_assert_true (pc_run_step (run, model->scenario->horizon_months, &error));
  g_autoptr (PcRunResult) result = pc_run_finish (g_steal_pointer (&run));
  for (guint m = 0; m < 2; m++) {
    g_assert_cmpfloat (result->months[m].state[PC_STATE_ACTIVE_USERS], ==, 0);
    g_assert_cmpfloat (result->months[m].state[PC_STATE_QUOTES_TOTAL], ==, 0);
  }
  g_assert_cmpfloat_with_epsilon (result->months[2].state[PC_STATE_ACTIVE_USERS], 3 * 5 + 5, 1e-9);
  g_assert_cmpfloat_with_epsilon (result->months[2].state[PC_STATE_QUOTES_TOTAL], (3 * 5 + 5) * 5, 1e-9);
  g_assert_cmpint (result->indicator_fired[pc_test_indicator (model, "50-quotes")], ==, 2);
}

static void
test_vpc_endpoints_in_mvp (void)
{
  g_test_summary ("v1.0 runs the seed's 'VPC endpoints for AWS services' (4 interface endpoints in its one AZ) and the"
                  " report sets them against the NAT gateway that replaces them in v1.5");
  g_autoptr (PcModel) model = baseline ();
  Probe probe = probe_pinned (model, "v1.0", "endpoints", 12);
  g_assert_true (probe.seen);
  double processed = metric (&probe, "vpc-endpoints", "processed_gb");
  g_assert_cmpfloat_with_epsilon (processed, 5 + probe.demand.log_gb, 1e-12);   /* 5 GB of API calls + the logs */
  pc_assert_usd (probe.usd, 4 * 1 * 730 * pc_test_unit_price ("ap-southeast-2", "vpc_endpoint.interface.az_hour") +
                              processed * pc_test_unit_price ("ap-southeast-2", "vpc_endpoint.interface.gb"));
  pc_step_result_free (probe.result);
  Probe production = probe_pinned (model, "v1.5", "endpoints", 12);
  g_assert_false (production.seen);   /* the NAT gateway replaces them */
  pc_step_result_free (production.result);

  g_autoptr (GError) error = NULL;
  PcSimulateOptions options = { .runs = 4, .threads = 1 };
  g_autoptr (PcReport) report = pc_simulate (model, &options, &error);
  g_assert_no_error (error);
  int phase;
  double nat = pc_report_replaced_cost (report, component_decl (model, 0, "endpoints"), &phase);
  guint nat_slot = 0;
  while (!g_str_equal (model->slots->pdata[nat_slot], "nat"))
    nat_slot++;
  g_assert_cmpint (phase, ==, 1);
  g_assert_cmpfloat (nat, ==, report->phases[1].slot_mean_usd[nat_slot]);
}

static void
test_s3_versioning_in_production (void)
{
  g_test_summary ("v1.5 keeps noncurrent versions of its PDFs ('S3 versioning + lifecycle policies'): 10 % of the"
                  " stored GB by default; v1.0 keeps none");
  g_autoptr (PcModel) model = baseline ();
  Probe mvp = probe_pinned (model, "v1.0", "storage", 20);
  Probe production = probe_pinned (model, "v1.5", "storage", 20);
  g_assert_cmpfloat (metric (&mvp, "s3", "noncurrent_gb"), ==, 0);
  g_assert_cmpfloat (production.demand.stored_gb, >, 0);
  g_assert_cmpfloat_with_epsilon (metric (&production, "s3", "noncurrent_gb"), 0.1 * production.demand.stored_gb, 1e-12);
  pc_step_result_free (mvp.result);
  pc_step_result_free (production.result);
}

static void
test_dr_standby_as_described (void)
{
  g_test_summary ("v3.0's passive standby in Singapore is the stack at its smallest: an ALB to fail over to (no"
                  " traffic: hours and its 2 public IPv4 addresses), a NAT gateway for the private task, a versioned"
                  " bucket for the replicas, a one-instance Aurora secondary");
  g_autoptr (PcModel) model = baseline ();
  const char *sg = "ap-southeast-1";
  double ipv4 = pc_test_unit_price (sg, "vpc.public_ipv4.hour");
  Probe alb = probe_pinned (model, "v3.0", "dr-alb", 24);
  pc_assert_usd (alb.usd, 730 * pc_test_unit_price (sg, "alb.hour") + 2 * 730 * ipv4);
  Probe nat = probe_pinned (model, "v3.0", "dr-nat", 24);
  pc_assert_usd (nat.usd, 730 * pc_test_unit_price (sg, "nat.hour") + 5 * pc_test_unit_price (sg, "nat.gb") + 730 * ipv4);
  Probe storage = probe_pinned (model, "v3.0", "dr-storage", 24);
  g_assert_cmpfloat (storage.demand.stored_gb, >, 0);
  g_assert_cmpfloat_with_epsilon (metric (&storage, "s3", "noncurrent_gb"), 0.1 * storage.demand.stored_gb, 1e-12);
  Probe database = probe_pinned (model, "v3.0", "dr-database", 24);
  g_assert_true (database.seen);
  g_assert_cmpfloat (database.demand.requests, ==, 0);   /* passive: data, no traffic */
  pc_assert_usd (pc_test_line_usd (database.result, "instance-hours (writer + readers)"),
                 730 * pc_test_unit_price (sg, "aurora.postgres.db_t4g_medium.hour"));
  pc_step_result_free (alb.result), pc_step_result_free (nat.result);
  pc_step_result_free (storage.result), pc_step_result_free (database.result);
}

static void
test_proxy_bills_the_cluster (void)
{
  g_test_summary ("RDS Proxy bills the vCPUs of the instances it is associated with (minimum 2): v2.0's"
                  " db.t4g.medium primary, 2 x 730 x $0.018; v3.0's Aurora writer and reader, 4 x 730 x $0.018");
  g_autoptr (PcModel) model = baseline ();
  double rate = pc_test_unit_price ("ap-southeast-2", "rds.proxy.vcpu_hour");
  Probe scale = probe_pinned (model, "v2.0", "proxy", 12);
  Probe enterprise = probe_pinned (model, "v3.0", "proxy", 12);
  pc_assert_usd (scale.usd, 2 * 730 * rate);        /* 26.28 */
  pc_assert_usd (enterprise.usd, 4 * 730 * rate);   /* 52.56 */
  pc_step_result_free (scale.result), pc_step_result_free (enterprise.result);
}

/* Position of the first non-standby component of @plugin in @plan, -1 if none. */
static int
position (const PcPhasePlan *plan, const char *plugin)
{
  for (guint c = 0; c < plan->n_components; c++)
    if (!plan->components[c].standby && g_str_equal (plan->components[c].info->name, plugin))
      return (int) c;
  return -1;
}

static void
test_pipeline_feeds_what (void)
{
  g_test_summary ("In every phase of the seed, each component steps after those that change what it reads");
  /* What feeds what (each plugin's header says what it reads and changes): */
  static const struct { const char *first, *then, *why; } order[] = {
    { "cloudfront", "lambda-edge", "the CDN's cache answers requests before the edge functions see them" },
    { "lambda-edge", "waf", "edge functions run at CloudFront, in front of a regional ACL's blocks" },
    { "cloudfront", "waf", "a regional ACL sees what CloudFront passes to the load balancer" },
    { "alb", "waf", "the ALB receives, and bills, the requests its ACL blocks" },
    { "waf", "ecs-fargate", "blocked requests never reach the tasks" },
    { "waf", "data-transfer", "blocked requests send no responses" },
    { "cloudfront", "data-transfer", "CloudFront serves the static bytes" },
    { "ecs-fargate", "rds-proxy", "the tasks open the connections the proxy pools" },
    { "rds-proxy", "rds-postgres", "the database sees the proxy's pool, not the clients" },
    { "rds-proxy", "aurora-postgres", "the database sees the proxy's pool, not the clients" },
    { "elasticache", "rds-postgres", "the cache absorbs reads before the database" },
    { "elasticache", "aurora-postgres", "the cache absorbs reads before the database" },
    { "ecs-fargate", "rds-postgres", "the tasks set the connections and the latency the database adds to" },
  };
  g_autoptr (PcModel) model = baseline ();
  for (guint p = 0; p < model->n_phases; p++)
    for (guint i = 0; i < G_N_ELEMENTS (order); i++) {
      int first = position (&model->phases[p], order[i].first), then = position (&model->phases[p], order[i].then);
      if (first < 0 || then < 0)
        continue;
      g_test_message ("%s: %s before %s: %s", model->phases[p].decl->id, order[i].first, order[i].then, order[i].why);
      g_assert_cmpint (first, <, then);
    }
}

/* pc_assert_usd of 0 against an expected $0.003 (what a test of a plugin
 * that charged nothing would see): must fail. */
static void
usd_zero_against_small (void)
{
  pc_assert_usd (0.0, 0.003);
}

static void
test_usd_tolerance (void)
{
  g_test_summary ("pc_assert_usd is relative (1e-9) with a tiny absolute floor: a zero charge fails against $0.003"
                  " (it passed within the old +/- $0.005), and $1,000,000 differs by at most $0.001");
  if (g_test_subprocess ()) {
    usd_zero_against_small ();
    return;
  }
  g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
  g_test_trap_assert_failed ();
  pc_assert_usd (1e6 + 0.0009, 1e6);
  pc_assert_usd (0.003, 0.003);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/audit/growth/no-users-before-launch", test_no_users_before_launch);
  g_test_add_func ("/audit/seed/vpc-endpoints-in-mvp", test_vpc_endpoints_in_mvp);
  g_test_add_func ("/audit/seed/s3-versioning-in-production", test_s3_versioning_in_production);
  g_test_add_func ("/audit/seed/dr-standby-as-described", test_dr_standby_as_described);
  g_test_add_func ("/audit/seed/proxy-bills-the-aurora-cluster", test_proxy_bills_the_cluster);
  g_test_add_func ("/audit/pipeline/feeds-what", test_pipeline_feeds_what);
  g_test_add_func ("/audit/testlib/usd-tolerance", test_usd_tolerance);
  return g_test_run ();
}
