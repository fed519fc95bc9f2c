/* Tests of the ecs-fargate plugin against hand-worked months.
 * Published prices (aws-prices-core.md, AWS Fargate feed 2025-03-13):
 *   Sydney    x86 $0.04856/vCPU-h, $0.00532/GB-h;  us-east-1 $0.04048, $0.004445
 *   public IPv4 $0.005/h in both.
 *   Frankfurt (added 2026-12) x86 $0.04656/vCPU-h, $0.00511/GB-h (feed ecs 2025-10-27); its Spot rates
 *   are derived: on-demand x (1 - 0.687), the us-east-1 Spot discount (catalog source FARGATE-SPOT-RATIO). */
#include "testlib.h"

#include <math.h>

static void
test_mvp_sydney (void)
{
  g_test_summary ("The seed's MVP task (0.25 vCPU, 0.5 GB, public IP) for 730 h in Sydney");
  const char *sets[] = { NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("ecs-fargate", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "vCPU-hours"), 0.25 * 730 * 0.04856);         /* 8.8622 */
  pc_assert_usd (pc_test_line_usd (r, "memory GB-hours"), 0.5 * 730 * 0.00532);     /* 1.9418 */
  pc_assert_usd (pc_test_line_usd (r, "public IPv4 (one per task)"), 730 * 0.005);  /* 3.65 */
  pc_assert_usd (pc_step_result_usd (r), 14.454);
}

static void
test_mvp_us_east_1 (void)
{
  const char *sets[] = { NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("ecs-fargate", "us-east-1", sets);
  pc_assert_usd (pc_step_result_usd (r), 0.25 * 730 * 0.04048 + 0.5 * 730 * 0.004445 + 730 * 0.005); /* 12.6600 */
}

static void
test_autoscaling_needs (void)
{
  g_test_summary ("30 rps x 100 ms = 3 vCPU; 0.5-vCPU tasks at 70 % target need ceil(3/0.35) = 9 tasks");
  const char *capped[] = { "rps=30", "cpu_ms_per_request=100", "vcpu=0.5", "memory_gb=1", "autoscaling=true",
                           "min_tasks=2", "max_tasks=6", "public_ip=false", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("ecs-fargate", "ap-southeast-2", capped);
  g_assert_cmpfloat (pc_test_metric ("ecs-fargate", r, "tasks_peak"), ==, 6);
  g_assert_cmpfloat (pc_test_metric ("ecs-fargate", r, "share_hours_at_max"), ==, 1.0);
  pc_assert_usd (pc_test_line_quantity (r, "vCPU-hours"), 6 * 730 * 0.5);
  /* Saturated: 6 tasks serve 6 x 5 = 30 rps, the peak is 30 x 1.0 -> queue unstable. */
  g_assert_cmpfloat (pc_test_metric ("ecs-fargate", r, "response_time_s"), ==, PC_SATURATED_RESPONSE_S);

  const char *roomy[] = { "rps=30", "cpu_ms_per_request=100", "vcpu=0.5", "memory_gb=1", "autoscaling=true",
                          "min_tasks=2", "max_tasks=10", "public_ip=false", NULL };
  g_autoptr (PcStepResult) r2 = pc_test_price ("ecs-fargate", "ap-southeast-2", roomy);
  g_assert_cmpfloat (pc_test_metric ("ecs-fargate", r2, "tasks_peak"), ==, 9);
  g_assert_cmpfloat (pc_test_metric ("ecs-fargate", r2, "share_hours_at_max"), ==, 0.0);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("ecs-fargate", r2, "cpu_utilisation"), 3.0 / 4.5, 1e-12);
}

static void
test_spot_and_arm (void)
{
  g_test_summary ("Half the task-hours on Spot at Sydney's Spot rates; ARM uses the Graviton rates");
  const char *spot[] = { "spot_share=0.5", "public_ip=false", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("ecs-fargate", "ap-southeast-2", spot);
  pc_assert_usd (pc_test_line_usd (r, "Spot vCPU-hours"), 0.5 * 730 * 0.25 * 0.014568);
  pc_assert_usd (pc_test_line_usd (r, "vCPU-hours"), 0.5 * 730 * 0.25 * 0.04856);
  const char *arm[] = { "architecture=arm", "public_ip=false", NULL };
  g_autoptr (PcStepResult) a = pc_test_price ("ecs-fargate", "us-east-1", arm);
  pc_assert_usd (pc_step_result_usd (a), 0.25 * 730 * 0.03238 + 0.5 * 730 * 0.00356);
}

static void
test_spot_frankfurt (void)
{
  g_test_summary ("Frankfurt, half the task-hours on Spot at the derived Spot rates");
  const char *spot[] = { "spot_share=0.5", "public_ip=false", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("ecs-fargate", "eu-central-1", spot);
  double task_hours = 0.5 * 730;                                            /* 365 on each */
  pc_assert_usd (pc_test_line_usd (r, "vCPU-hours"), task_hours * 0.25 * 0.04656);             /* 4.2486 */
  pc_assert_usd (pc_test_line_usd (r, "memory GB-hours"), task_hours * 0.5 * 0.00511);         /* 0.932575 */
  pc_assert_usd (pc_test_line_usd (r, "Spot vCPU-hours"), task_hours * 0.25 * 0.04656 * 0.313); /* 1.3298118 */
  pc_assert_usd (pc_test_line_usd (r, "Spot memory GB-hours"), task_hours * 0.5 * 0.00511 * 0.313);
}

static void
test_bad_setting (void)
{
  const char *sets[] = { "vcpu=0.1", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) r = pc_test_price_error ("ecs-fargate", "ap-southeast-2", sets, &error);
  g_assert_null (r);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "vcpu"));
}

static void
test_memory_and_variability (void)
{
  g_test_summary ("One 0.25-vCPU task, 100 ms a request, 1 rps: M/M/1 W = 1 / (2.5 - 1) s; in flight W x 1 request"
                  " of 50 MB on a 200 MB base, of 512 MB.  With cv^2 = 3 the wait doubles (Allen-Cunneen)");
  const char *sets[] = { "rps=1", "cpu_ms_per_request=100", "memory_mb_per_request=50", "compute_base_memory_mb=200",
                         NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("ecs-fargate", "ap-southeast-2", sets);
  double w = 1 / (2.5 - 1);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("ecs-fargate", r, "response_time_s"), w, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("ecs-fargate", r, "requests_in_flight_peak"), w, 1e-12);
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("ecs-fargate", r, "memory_utilisation_peak"), (200 + w * 50) / 512,
                                  1e-12);
  const char *spread[] = { "rps=1", "cpu_ms_per_request=100", "cpu_cv2=3", NULL };
  g_autoptr (PcStepResult) s = pc_test_price ("ecs-fargate", "ap-southeast-2", spread);
  double wait = 0.4 / (2.5 - 1);   /* M/M/1: rho / (mu - lambda) */
  g_assert_cmpfloat_with_epsilon (pc_test_metric ("ecs-fargate", s, "response_time_s"), wait * (1 + 3) / 2 + 0.4, 1e-12);
}

static void
test_memory_scaling (void)
{
  g_test_summary ("Autoscaling on memory too: 0.4 tasks' worth of CPU needs 1 task at 70 % CPU, but its 0.4 x 600 MB"
                  " in flight need ceil(240 / (512 x 0.8 - 200)) = 2 tasks");
  const char *sets[] = { "rps=1", "cpu_ms_per_request=100", "memory_mb_per_request=600", "compute_base_memory_mb=200",
                         "autoscaling=true", "min_tasks=1", "max_tasks=10", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("ecs-fargate", "ap-southeast-2", sets);
  g_assert_cmpfloat (pc_test_metric ("ecs-fargate", r, "tasks_peak"), ==, 2);
  const char *light[] = { "rps=1", "cpu_ms_per_request=100", "memory_mb_per_request=100", "compute_base_memory_mb=200",
                          "autoscaling=true", "min_tasks=1", "max_tasks=10", NULL };
  g_autoptr (PcStepResult) l = pc_test_price ("ecs-fargate", "ap-southeast-2", light);
  g_assert_cmpfloat (pc_test_metric ("ecs-fargate", l, "tasks_peak"), ==, 1);   /* 40 MB fit in 209.6 */
}

/* The sizes AWS sells (the ECS Developer Guide's table of valid Fargate CPU
 * and memory): each vCPU's smallest and largest memory, and a step, are
 * accepted; memory between the steps, outside the range, or a vCPU count
 * AWS does not offer is refused; so is a minimum above the maximum. */
static void
test_sizes_sold (void)
{
  const char *sold[][2] = { { "0.25", "0.5" }, { "0.25", "2" }, { "0.5", "1" }, { "0.5", "4" }, { "1", "2" },
                            { "1", "8" }, { "2", "4" }, { "2", "16" }, { "4", "8" }, { "4", "30" }, { "8", "16" },
                            { "8", "60" }, { "16", "32" }, { "16", "120" } };
  const char *not_sold[][2] = { { "0.25", "1.5" }, { "0.25", "30" }, { "4", "0.5" }, { "8", "18" },
                                { "16", "36" }, { "2", "3" }, { "3", "8" } };
  for (guint i = 0; i < G_N_ELEMENTS (sold); i++) {
    g_autofree char *vcpu = g_strdup_printf ("vcpu=%s", sold[i][0]), *memory = g_strdup_printf ("memory_gb=%s", sold[i][1]);
    const char *sets[] = { vcpu, memory, NULL };
    g_autoptr (PcStepResult) r = pc_test_price ("ecs-fargate", "ap-southeast-2", sets);
    g_assert_nonnull (r);
  }
  for (guint i = 0; i < G_N_ELEMENTS (not_sold); i++) {
    g_autofree char *vcpu = g_strdup_printf ("vcpu=%s", not_sold[i][0]);
    g_autofree char *memory = g_strdup_printf ("memory_gb=%s", not_sold[i][1]);
    const char *sets[] = { vcpu, memory, NULL };
    g_autoptr (GError) error = NULL;
    g_autoptr (PcStepResult) r = pc_test_price_error ("ecs-fargate", "ap-southeast-2", sets, &error);
    g_assert_null (r);
    g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
    g_assert_nonnull (strstr (error->message, "is not a Fargate size; allowed"));
  }
  const char *tasks[] = { "min_tasks=5", "max_tasks=1", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) r = pc_test_price_error ("ecs-fargate", "ap-southeast-2", tasks, &error);
  g_assert_null (r);
  g_assert_nonnull (strstr (error->message, "min_tasks=5 is above max_tasks=1"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/ecs-fargate/ap-southeast-2/mvp-730h", test_mvp_sydney);
  g_test_add_func ("/plugin/ecs-fargate/us-east-1/mvp-730h", test_mvp_us_east_1);
  g_test_add_func ("/plugin/ecs-fargate/capacity/tasks-needed", test_autoscaling_needs);
  g_test_add_func ("/plugin/ecs-fargate/spot-and-arm", test_spot_and_arm);
  g_test_add_func ("/plugin/ecs-fargate/eu-central-1/spot", test_spot_frankfurt);
  g_test_add_func ("/plugin/ecs-fargate/bad-setting", test_bad_setting);
  g_test_add_func ("/plugin/ecs-fargate/capacity/memory-and-variability", test_memory_and_variability);
  g_test_add_func ("/plugin/ecs-fargate/capacity/memory-scaling", test_memory_scaling);
  g_test_add_func ("/plugin/ecs-fargate/sizes-sold", test_sizes_sold);
  return g_test_run ();
}
