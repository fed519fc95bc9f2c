/* Tests of the eks plugin against hand-worked months.
 * Published prices (catalog: AWS eks feed 2025-10-28, ec2 on-demand feed
 * 2025-04-04, ebs feed 2024-07-18, ecs feed 2025-10-27):
 *   control plane $0.10/cluster-hour (both Regions)
 *   t3.medium     Sydney $0.0528/h, us-east-1 $0.0416/h
 *   gp3           Sydney $0.096/GB-month, us-east-1 $0.08
 *   Fargate x86   Sydney $0.04856/vCPU-h, $0.00532/GB-h
 * A t3.medium (2 vCPU, 4 GiB, 17 pods) keeps for pods 2 - (0.06 + 0.01) -
 * 0.125 = 1.805 vCPU and 4 - (255 + 11 x 17 + 100) / 1024 = 3.4707 GiB:
 * 7 pods of 0.25 vCPU by CPU, 6 of 0.5 GB by memory, so 6. */
#include "testlib.h"

static void
test_minimum_sydney (void)
{
  g_test_summary ("The smallest EKS: control plane + two t3.medium nodes with 20 GB gp3 each, in Sydney");
  const char *sets[] = { NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("eks", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "control plane"), 730 * 0.10);                       /* 73.00 */
  pc_assert_usd (pc_test_line_usd (r, "node instance-hours"), 2 * 730 * 0.0528);           /* 77.088 */
  pc_assert_usd (pc_test_line_usd (r, "node root volumes (gp3)"), 2 * 20 * 0.096);         /* 3.84 */
  pc_assert_usd (pc_step_result_usd (r), 153.928);
  g_assert_cmpfloat (pc_test_metric ("eks", r, "pods_per_node"), ==, 6);
}

static void
test_minimum_us_east_1 (void)
{
  const char *sets[] = { NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("eks", "us-east-1", sets);
  pc_assert_usd (pc_step_result_usd (r), 730 * 0.10 + 2 * 730 * 0.0416 + 2 * 20 * 0.08);   /* 136.936 */
}

static void
test_scaling_nodes (void)
{
  g_test_summary ("30 rps x 100 ms = 3 vCPU: ceil(3 / (0.25 x 0.7)) = 18 pods; (18 + 2 CoreDNS) / 6 -> 4 nodes");
  const char *sets[] = { "rps=30", "cpu_ms_per_request=100", "max_pods=40", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("eks", "ap-southeast-2", sets);
  g_assert_cmpfloat (pc_test_metric ("eks", r, "pods_peak"), ==, 18);
  g_assert_cmpfloat (pc_test_metric ("eks", r, "nodes_peak"), ==, 4);
  pc_assert_usd (pc_test_line_usd (r, "node instance-hours"), 4 * 730 * 0.0528);
  pc_assert_usd (pc_test_line_quantity (r, "node root volumes (gp3)"), 4 * 20.0);
}

static void
test_fargate_pods (void)
{
  g_test_summary ("Pods on Fargate: 0.25 vCPU / 0.5 GB + 256 MB -> 0.25 vCPU / 1 GB; CoreDNS 2 x 0.25 / 0.5");
  const char *sets[] = { "compute=fargate", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("eks", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_quantity (r, "Fargate pod vCPU-hours"), 2 * 730 * 0.25 + 2 * 730 * 0.25);
  pc_assert_usd (pc_test_line_quantity (r, "Fargate pod memory GB-hours"), 2 * 730 * 1.0 + 2 * 730 * 0.5);
  pc_assert_usd (pc_step_result_usd (r), 73 + 730 * 0.04856 + 2190 * 0.00532);             /* 120.10 */
}

static void
test_pod_too_big (void)
{
  const char *sets[] = { "pod_vcpu=2", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) r = pc_test_price_error ("eks", "ap-southeast-2", sets, &error);
  g_assert_null (r);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "allowed:"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/eks/ap-southeast-2/minimum", test_minimum_sydney);
  g_test_add_func ("/plugin/eks/us-east-1/minimum", test_minimum_us_east_1);
  g_test_add_func ("/plugin/eks/ap-southeast-2/scaling-nodes", test_scaling_nodes);
  g_test_add_func ("/plugin/eks/ap-southeast-2/fargate-pods", test_fargate_pods);
  g_test_add_func ("/plugin/eks/pod-too-big", test_pod_too_big);
  return g_test_run ();
}
