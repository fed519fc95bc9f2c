/* eks - Amazon EKS: the control plane and the API's pods, on a managed
 * node group of EC2 instances (with their EBS root volumes) or on Fargate.
 *
 * Why: the seed puts Kubernetes aside ("minimum cost ~$150/month (control
 * plane + nodes)", "may consider for v3.0+"); this plugin prices that road
 * (data/roadmaps/eks.xml) from the same demand the ECS plugin sees.
 *
 * Pods.  As ecs-fargate: a pod of pod_vcpu serves mu = 1000 pod_vcpu /
 * cpu_ms requests/s; at load level k the demand is d_k = rps_k cpu_ms / 1000
 * vCPU and the Horizontal Pod Autoscaler keeps
 *     pods_k = clamp(ceil(d_k / (pod_vcpu target_cpu)), min_pods, max_pods)
 * (min_pods when autoscaling is off); response time is M/M/c at the busiest
 * level.
 *
 * Nodes (compute=ec2).  A node's allocatable capacity is its vCPU and
 * memory less what the EKS AMI reserves for the kubelet (amazon-eks-ami
 * bootstrap: CPU 6 % of the first core, 1 % of the second, 0.5 % of cores 3-4,
 * 0.25 % above; memory 255 MiB + 11 MiB per pod the node may hold, plus the
 * 100 MiB eviction threshold) and the per-node DaemonSets' requests
 * (daemonset_vcpu / daemonset_memory_gb: aws-node and kube-proxy).  It holds
 *     per_node = min(floor(cpu_free / pod_vcpu), floor(memory_free / pod_memory),
 *                    max_pods(type) - 2)
 * application pods (max_pods from the VPC CNI's ENI limits; the 2 are the
 * DaemonSet pods), and the cluster autoscaler keeps
 *     nodes_k = clamp(ceil((pods_k + coredns) / per_node), min_nodes, max_nodes)
 * counting each CoreDNS replica as one pod.  Burstable types (t3, t4g) are
 * taken at their full vCPU: the CPU credits a busy node would buy are not
 * charged (a stated limitation).
 *
 * Pods on Fargate (compute=fargate).  EKS adds 256 MB to each pod's memory
 * and rounds it up to a Fargate size (vCPU 0.25/0.5/1/2/4/8/16 with their
 * memory ranges); CoreDNS runs as Fargate pods too (0.25 vCPU, 0.5 GB).
 *
 * Cost (catalog prices only): control plane eks.cluster.hour (or
 * eks.cluster_extended_support.hour); node-hours at ec2.<type>.linux_hour;
 * each node's root volume (node_volume_gb of gp3, EKS's default 20) at
 * ebs.gp3.gb_month for the node's share of the month; or Fargate pod-hours at
 * fargate.<arch>.{vcpu,gb}_hour.
 *
 * Worked month (Sydney, the smallest EKS the seed has in mind: two
 * t3.medium nodes, two 0.25 vCPU pods): control plane 730 h x $0.10 =
 * $73.00; nodes 2 x 730 h x $0.0528 = $77.09; root volumes 2 x 20 GB x
 * $0.096 = $3.84; $153.93 in all.
 */
#include <math.h>
#include <pc-plugin.h>

enum { P_COMPUTE, P_NODE_TYPE, P_MIN_NODES, P_MAX_NODES, P_VOLUME, P_POD_VCPU, P_POD_MEMORY, P_MIN_PODS, P_MAX_PODS,
       P_AUTOSCALE, P_TARGET, P_DS_VCPU, P_DS_MEMORY, P_COREDNS, P_FARGATE_ARCH, P_EXTENDED, P_POOL, P_COUNT };
enum { COMPUTE_EC2, COMPUTE_FARGATE, COMPUTE_COUNT };
static const char *const compute_names[] = { [COMPUTE_EC2] = "ec2", [COMPUTE_FARGATE] = "fargate" };
PC_CHECK_TABLE (compute_names, COMPUTE_COUNT);

/* Instance facts (AWS EC2 instance-type pages; max pods from the VPC CNI's
 * eni-max-pods list).  Prices are never here: ec2.<key>.linux_hour. */
typedef struct { const char *name, *key; double vcpu, memory_gib; int max_pods; } NodeType;
static const NodeType node_types[] = {
  { "t3.medium", "t3_medium", 2, 4, 17 },   { "t3.large", "t3_large", 2, 8, 35 },
  { "t4g.medium", "t4g_medium", 2, 4, 17 }, { "t4g.large", "t4g_large", 2, 8, 35 },
  { "m7g.large", "m7g_large", 2, 8, 29 },   { "m7i.large", "m7i_large", 2, 8, 29 },
  { "m6i.large", "m6i_large", 2, 8, 29 },   { "c7g.large", "c7g_large", 2, 4, 29 },
  { "c7i.large", "c7i_large", 2, 4, 29 },   { "r7g.large", "r7g_large", 2, 16, 29 },
  { "m7g.xlarge", "m7g_xlarge", 4, 16, 58 }, { "m7i.xlarge", "m7i_xlarge", 4, 16, 58 },
};
static const char *const node_type_names[] = {
  "t3.medium", "t3.large", "t4g.medium", "t4g.large", "m7g.large", "m7i.large",
  "m6i.large", "c7g.large", "c7i.large", "r7g.large", "m7g.xlarge", "m7i.xlarge",
};
PC_CHECK_TABLE (node_type_names, G_N_ELEMENTS (node_types));
enum { ARCHITECTURE_X86, ARCHITECTURE_ARM, ARCHITECTURE_COUNT };
static const char *const architecture_names[] = { [ARCHITECTURE_X86] = "x86", [ARCHITECTURE_ARM] = "arm" };
PC_CHECK_TABLE (architecture_names, ARCHITECTURE_COUNT);

static const PcParamSpec params[] = {
  [P_COMPUTE] = PC_CHOICE ("compute", "ec2", compute_names, "pods on a managed node group (ec2) or on Fargate"),
  [P_NODE_TYPE] = PC_CHOICE ("node_type", "t3.medium", node_type_names, "EC2 instance type of the node group"),
  [P_MIN_NODES] = PC_INT ("min_nodes", "2", "nodes", 1, 1000, "node group minimum (2: one per Availability Zone)"),
  [P_MAX_NODES] = PC_INT ("max_nodes", "10", "nodes", 1, 1000, "node group maximum"),
  [P_VOLUME] = PC_DOUBLE ("node_volume_gb", "20", "GB", 1, 16384, "gp3 root volume per node (EKS default 20 GB)"),
  [P_POD_VCPU] = PC_DOUBLE ("pod_vcpu", "0.25", "vCPU", 0.05, 16, "CPU request of one API pod"),
  [P_POD_MEMORY] = PC_DOUBLE ("pod_memory_gb", "0.5", "GB", 0.05, 120, "memory request of one API pod"),
  [P_MIN_PODS] = PC_INT ("min_pods", "2", "pods", 1, 1000, "replicas, or the autoscaling minimum"),
  [P_MAX_PODS] = PC_INT ("max_pods", "6", "pods", 1, 1000, "autoscaling maximum"),
  [P_AUTOSCALE] = PC_BOOL ("autoscaling", "true", "Horizontal Pod Autoscaler on CPU"),
  [P_TARGET] = PC_DOUBLE ("target_cpu", "0.7", "ratio", 0.05, 1, "autoscaling target CPU utilisation"),
  [P_DS_VCPU] = PC_DOUBLE ("daemonset_vcpu", "0.125", "vCPU", 0, 4, "per-node DaemonSet CPU requests (aws-node 25m + kube-proxy 100m)"),
  [P_DS_MEMORY] = PC_DOUBLE ("daemonset_memory_gb", "0", "GB", 0, 16, "per-node DaemonSet memory requests"),
  [P_COREDNS] = PC_INT ("coredns_replicas", "2", "pods", 0, 20, "CoreDNS replicas (EKS add-on default 2)"),
  [P_FARGATE_ARCH] = PC_CHOICE ("fargate_architecture", "x86", architecture_names, "Fargate pods' architecture"),
  [P_EXTENDED] = PC_BOOL ("extended_support", "false", "cluster on a Kubernetes version in extended support"),
  [P_POOL] = PC_INT ("db_pool_per_pod", "10", "connections", 0, 1000, "database connections each pod holds"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_PODS_PEAK, M_PODS_AVG, M_NODES_PEAK, M_NODES_AVG, M_PER_NODE, M_CPU, M_AT_MAX, M_RESPONSE, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_PODS_PEAK] = { "pods_peak", "pods", "API pods at the busiest level" },
  [M_PODS_AVG] = { "pods_avg", "pods", "mean API pods over the month" },
  [M_NODES_PEAK] = { "nodes_peak", "nodes", "nodes at the busiest level (0 on Fargate)" },
  [M_NODES_AVG] = { "nodes_avg", "nodes", "mean nodes over the month (0 on Fargate)" },
  [M_PER_NODE] = { "pods_per_node", "pods", "API pods one node holds (0 on Fargate)" },
  [M_CPU] = { "cpu_utilisation", "ratio", "API pods' mean CPU use over their requests" },
  [M_AT_MAX] = { "share_hours_at_max", "ratio", "share of hours the API needs max_pods or more" },
  [M_RESPONSE] = { "response_time_s", "s", "mean response time at the peak hour (M/M/c)" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  gboolean fargate, autoscaling;
  double pod_vcpu, pod_memory, target, volume_gb, per_node, fargate_vcpu, fargate_gb;
  gint64 min_pods, max_pods, min_nodes, max_nodes, coredns, pool;
  const PcPrice *cluster, *node_hour, *volume, *vcpu_hour, *gb_hour;
} Eks;

/* CPU the EKS AMI reserves for the kubelet on a node of @vcpu. */
static double
kube_reserved_vcpu (double vcpu)
{
  return 0.06 + (vcpu >= 2 ? 0.01 : 0) + 0.005 * CLAMP (vcpu - 2, 0, 2) + 0.0025 * MAX (vcpu - 4, 0);
}

/* Application pods one node holds; 0 when not even one fits. */
static double
pods_per_node (const NodeType *t, double pod_vcpu, double pod_memory, double ds_vcpu, double ds_memory)
{
  double memory_reserved = (255.0 + 11.0 * t->max_pods + 100.0) / 1024.0;
  double cpu_free = t->vcpu - kube_reserved_vcpu (t->vcpu) - ds_vcpu;
  double memory_free = t->memory_gib - memory_reserved - ds_memory;
  double by_cpu = floor (cpu_free / pod_vcpu + 1e-9), by_memory = floor (memory_free / pod_memory + 1e-9);
  return MAX (0.0, MIN (MIN (by_cpu, by_memory), (double) (t->max_pods - 2)));
}

/* The Fargate size a pod of @vcpu / @memory_gb runs on (EKS adds 256 MB). */
static gboolean
fargate_size (double vcpu, double memory_gb, double *size_vcpu, double *size_gb)
{
  static const struct { double vcpu, min_gb, max_gb, step_gb; } sizes[] = {
    { 0.25, 0.5, 2, 0.5 }, { 0.5, 1, 4, 1 }, { 1, 2, 8, 1 }, { 2, 4, 16, 1 }, { 4, 8, 30, 1 }, { 8, 16, 60, 4 }, { 16, 32, 120, 8 },
  };
  double need = memory_gb + 0.25;
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++)
    if (sizes[i].vcpu >= vcpu - 1e-9 && sizes[i].max_gb >= need - 1e-9) {
      double gb = MAX (sizes[i].min_gb, ceil (need / sizes[i].step_gb - 1e-9) * sizes[i].step_gb);
      *size_vcpu = sizes[i].vcpu;
      *size_gb = sizes[i].vcpu == 0.25 && gb > 1 ? 2 : gb;   /* 0.25 vCPU comes in 0.5, 1 and 2 GB */
      return TRUE;
    }
  return FALSE;
}

static gboolean
resolve_compute (Eks *e, const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  if (e->fargate) {
    gboolean arm = pc_config_choice (config, P_FARGATE_ARCH) == ARCHITECTURE_ARM;
    if (!fargate_size (e->pod_vcpu, e->pod_memory, &e->fargate_vcpu, &e->fargate_gb)) {
      g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG, "pod_vcpu=%g pod_memory_gb=%g: no Fargate size holds "
                   "the pod and EKS's 256 MB; allowed: up to 16 vCPU and 119.75 GB", e->pod_vcpu, e->pod_memory);
      return FALSE;
    }
    return (e->vcpu_hour = pc_catalog_price (catalog, arm ? "fargate.arm.vcpu_hour" : "fargate.x86.vcpu_hour", error)) &&
           (e->gb_hour = pc_catalog_price (catalog, arm ? "fargate.arm.gb_hour" : "fargate.x86.gb_hour", error));
  }
  const NodeType *t = &node_types[pc_config_choice (config, P_NODE_TYPE)];
  e->per_node = pods_per_node (t, e->pod_vcpu, e->pod_memory, pc_config_double (config, P_DS_VCPU),
                               pc_config_double (config, P_DS_MEMORY));
  if (e->per_node < 1) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG, "node_type=%s: a pod of %g vCPU / %g GB does not fit "
                 "beside the kubelet's reservation and the DaemonSets; allowed: a larger node_type or smaller pods",
                 t->name, e->pod_vcpu, e->pod_memory);
    return FALSE;
  }
  char key[64];
  g_snprintf (key, sizeof key, "ec2.%s.linux_hour", t->key);
  return (e->node_hour = pc_catalog_price (catalog, key, error)) &&
         (e->volume = pc_catalog_price (catalog, "ebs.gp3.gb_month", error));
}

static gpointer
eks_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Eks *e = g_new0 (Eks, 1);
  e->fargate = pc_config_choice (config, P_COMPUTE) == COMPUTE_FARGATE;
  e->autoscaling = pc_config_bool (config, P_AUTOSCALE);
  e->pod_vcpu = pc_config_double (config, P_POD_VCPU);
  e->pod_memory = pc_config_double (config, P_POD_MEMORY);
  e->target = pc_config_double (config, P_TARGET);
  e->volume_gb = pc_config_double (config, P_VOLUME);
  e->min_pods = pc_config_int (config, P_MIN_PODS);
  e->max_pods = MAX (pc_config_int (config, P_MAX_PODS), e->min_pods);
  e->min_nodes = pc_config_int (config, P_MIN_NODES);
  e->max_nodes = MAX (pc_config_int (config, P_MAX_NODES), e->min_nodes);
  e->coredns = pc_config_int (config, P_COREDNS);
  e->pool = pc_config_int (config, P_POOL);
  const char *cluster = pc_config_bool (config, P_EXTENDED) ? "eks.cluster_extended_support.hour" : "eks.cluster.hour";
  if (!(e->cluster = pc_catalog_price (catalog, cluster, error)) || !resolve_compute (e, config, catalog, error))
    return NULL;
  return g_steal_pointer (&e);
}

static double
pods_for (const Eks *e, double demand_vcpu, gboolean *at_max)
{
  *at_max = FALSE;
  if (!e->autoscaling)
    return (double) e->min_pods;
  double need = ceil (demand_vcpu / (e->pod_vcpu * e->target) - 1e-9);
  *at_max = need >= (double) e->max_pods;
  return CLAMP (need, (double) e->min_pods, (double) e->max_pods);
}

static double
nodes_for (const Eks *e, double pods)
{
  return CLAMP (ceil ((pods + (double) e->coredns) / e->per_node - 1e-9), (double) e->min_nodes, (double) e->max_nodes);
}

/* The month over the load levels. */
typedef struct {
  double pod_hours, node_hours, busy_vcpu_hours, hours_at_max, hours, peak_rps, peak_pods, peak_nodes;
} EksMonth;

static EksMonth
eks_month (const Eks *e, const PcDemand *demand)
{
  EksMonth m = { 0, 0, 0, 0, 0, -1, 0, 0 };
  for (guint k = 0; k < demand->n_levels; k++) {
    double demand_vcpu = demand->level_rps[k] * demand->cpu_ms_per_request / 1000.0, hours = demand->level_hours[k];
    gboolean at_max;
    double pods = pods_for (e, demand_vcpu, &at_max), nodes = e->fargate ? 0 : nodes_for (e, pods);
    m.hours += hours;
    m.pod_hours += pods * hours;
    m.node_hours += nodes * hours;
    m.busy_vcpu_hours += demand_vcpu * hours;
    m.hours_at_max += at_max ? hours : 0;
    if (demand->level_rps[k] > m.peak_rps)
      m.peak_rps = demand->level_rps[k], m.peak_pods = pods, m.peak_nodes = nodes;
  }
  return m;
}

static void
charge (const Eks *e, const PcStepContext *ctx, PcStepResult *result, const EksMonth *m)
{
  pc_result_charge (result, "control plane", e->cluster, ctx->hours, ctx);
  if (e->fargate) {
    pc_result_charge (result, "Fargate pod vCPU-hours", e->vcpu_hour,
                      m->pod_hours * e->fargate_vcpu + (double) e->coredns * ctx->hours * 0.25, ctx);
    pc_result_charge (result, "Fargate pod memory GB-hours", e->gb_hour,
                      m->pod_hours * e->fargate_gb + (double) e->coredns * ctx->hours * 0.5, ctx);
    return;
  }
  pc_result_charge (result, "node instance-hours", e->node_hour, m->node_hours, ctx);
  pc_result_charge (result, "node root volumes (gp3)", e->volume, m->node_hours / ctx->hours * e->volume_gb, ctx);
}

static gboolean
eks_step (gconstpointer instance, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Eks *e = instance;
  EksMonth m = eks_month (e, demand);
  double mu = demand->cpu_ms_per_request > 0 ? 1000.0 * e->pod_vcpu / demand->cpu_ms_per_request : G_MAXDOUBLE;
  double lambda = MAX (m.peak_rps, 0.0) * demand->peak_factor;
  double response = lambda > 0 ? pc_mmc_response_time ((guint) m.peak_pods, lambda, mu) : 0.0;
  demand->response_time_s += response;
  demand->db_connections_peak = m.peak_pods * (double) e->pool;
  charge (e, ctx, result, &m);
  pc_result_metric (result, M_PODS_PEAK, m.peak_pods);
  pc_result_metric (result, M_PODS_AVG, m.hours > 0 ? m.pod_hours / m.hours : 0);
  pc_result_metric (result, M_NODES_PEAK, m.peak_nodes);
  pc_result_metric (result, M_NODES_AVG, m.hours > 0 ? m.node_hours / m.hours : 0);
  pc_result_metric (result, M_PER_NODE, e->per_node);
  pc_result_metric (result, M_CPU, m.pod_hours > 0 ? m.busy_vcpu_hours / (m.pod_hours * e->pod_vcpu) : 0);
  pc_result_metric (result, M_AT_MAX, m.hours > 0 ? nearbyint (m.hours_at_max / m.hours * 1e9) / 1e9 : 0);
  pc_result_metric (result, M_RESPONSE, response);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "eks",
                  .version = "1.0",
                  .summary = "Amazon EKS: control plane, pods on EC2 nodes (with EBS) or on Fargate",
                  .stage = PC_STAGE_COMPUTE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = eks_create,
                  .step = eks_step,
                  .destroy = g_free)
