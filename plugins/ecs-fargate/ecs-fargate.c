/* ecs-fargate - ECS service on AWS Fargate: tasks, autoscaling, latency,
 * memory, cost.
 *
 * Capacity.  A request needs cpu_ms_per_request of one vCPU, so a task of v
 * vCPU serves mu = 1000 v / cpu_ms requests per second.  For every load level
 * k of the month (demand->level_*: hours_k hours at rps_k) the offered load
 * is a_k = rps_k / mu tasks' worth of CPU.  Requests hold memory while in
 * flight: memory_mb_per_request each (the time-weighted mean over the
 * request classes), on top of the compute_base_memory_mb every task holds
 * at rest.  Without autoscaling the service runs min_tasks tasks; with it,
 * ECS target tracking keeps CPU near target_cpu and, with a second policy,
 * memory near target_memory (the seed's "CPU/memory-based scaling"):
 *     cpu_k    = ceil(a_k / target_cpu)
 *     memory_k = ceil(a_k x memory_mb_per_request / (M x target_memory - base))
 *     tasks_k  = clamp(max(cpu_k, memory_k), min_tasks, max_tasks)
 * (M = the task's memory in MB; a task that cannot hold its base memory
 * within target_memory needs max_tasks).  task-hours are the sum of tasks_k
 * x hours_k, and the hours of a level are "at max" when its unclamped need
 * reaches max_tasks.  Every step of that need rises with the rate, so no
 * level needs more than the busiest (the highest rate): when
 * the busiest runs min_tasks and is not at max (always, without
 * autoscaling), so does every level, and task-hours are min_tasks x the
 * month's hours; only otherwise are the levels walked.  The busy
 * vCPU-hours, sum of a_k x vCPU x hours_k, are (sum of rps_k x hours_k) /
 * mu x vCPU.  Both equal the level-by-level sums up to rounding.
 *
 * Latency.  The busiest level's response time is M/G/c by the Allen-Cunneen
 * approximation: the M/M/c wait (c = tasks, lambda = its rps x
 * peak_factor, mu as above; core/queueing.c) times (1 + cv2) / 2, cv2 being
 * the squared coefficient of variation of CPU per request (a mix of 25 ms
 * API calls and 1.5 s PDF renders queues far worse than its mean says),
 * plus the service time 1 / mu.  It is added to the request's end-to-end
 * latency.  A saturated service reports 60 s.
 *
 * Memory.  At the busiest level each task holds its base memory plus its
 * share of the requests in flight, lambda x W / tasks (Little's law, W the
 * response time above): memory_utilisation_peak is that over the task's
 * memory; above 1 the task would be killed for lack of memory.
 *
 * Cost (prices from the catalog, never from here): task-hours x (vCPU x
 * fargate.<arch>.vcpu_hour + GB x fargate.<arch>.gb_hour), the spot_share of
 * it at the fargate.spot_x86 rates, ephemeral storage above the free 20 GB,
 * and one in-use public IPv4 address per task when tasks sit in public
 * subnets (vpc.public_ipv4.hour).
 *
 * Worked month (Sydney, the seed's MVP): 1 task of 0.25 vCPU / 0.5 GB for
 * 730 h: 182.5 vCPU-h x $0.04856 = $8.86, 365 GB-h x $0.00532 = $1.94, and
 * 730 IPv4-h x $0.005 = $3.65; $14.45 in all.
 */
#include <math.h>
#include <pc-plugin.h>

enum { P_VCPU, P_MEMORY, P_ARCH, P_MIN, P_MAX, P_AUTOSCALE, P_TARGET, P_SPOT, P_PUBLIC_IP, P_EPHEMERAL, P_POOL, P_TARGET_MEMORY, P_COUNT };
enum { ARCHITECTURE_X86, ARCHITECTURE_ARM, ARCHITECTURE_COUNT };
static const char *const architecture_names[] = { [ARCHITECTURE_X86] = "x86", [ARCHITECTURE_ARM] = "arm" };
PC_CHECK_TABLE (architecture_names, ARCHITECTURE_COUNT);
static const PcParamSpec params[] = {
  [P_VCPU] = PC_DOUBLE ("vcpu", "0.25", "vCPU", 0.25, 16, "vCPU per task (Fargate sizes 0.25-16)"),
  [P_MEMORY] = PC_DOUBLE ("memory_gb", "0.5", "GB", 0.5, 120, "memory per task"),
  [P_ARCH] = PC_CHOICE ("architecture", "x86", architecture_names, "CPU architecture (arm is Graviton)"),
  [P_MIN] = PC_INT ("min_tasks", "1", "tasks", 0, 1000, "desired count, or the autoscaling minimum"),
  [P_MAX] = PC_INT ("max_tasks", "1", "tasks", 1, 1000, "autoscaling maximum"),
  [P_AUTOSCALE] = PC_BOOL ("autoscaling", "false", "target-tracking on CPU between min and max"),
  [P_TARGET] = PC_DOUBLE ("target_cpu", "0.7", "ratio", 0.05, 1, "autoscaling target CPU utilisation"),
  [P_SPOT] = PC_DOUBLE ("spot_share", "0", "ratio", 0, 1, "share of task-hours run on Fargate Spot"),
  [P_PUBLIC_IP] = PC_BOOL ("public_ip", "true", "tasks in public subnets, one public IPv4 each"),
  [P_EPHEMERAL] = PC_DOUBLE ("ephemeral_gb", "20", "GB", 20, 200, "ephemeral storage per task (20 GB free)"),
  [P_POOL] = PC_INT ("db_pool_per_task", "10", "connections", 0, 1000, "database connections each task holds"),
  [P_TARGET_MEMORY] = PC_DOUBLE ("target_memory", "0.8", "ratio", 0.05, 1, "autoscaling target memory utilisation (a second target-tracking policy)"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_TASKS_AVG, M_TASKS_PEAK, M_TASK_HOURS, M_CPU, M_CPU_PEAK, M_AT_MAX, M_RESPONSE, M_PEAK_RPS, M_MEMORY_PEAK, M_IN_FLIGHT, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_TASKS_AVG] = { "tasks_avg", "tasks", "mean running tasks over the day" },
  [M_TASKS_PEAK] = { "tasks_peak", "tasks", "tasks at the busiest hour" },
  [M_TASK_HOURS] = { "task_hours", "task-hours", "task-hours this month" },
  [M_CPU] = { "cpu_utilisation", "ratio", "mean CPU utilisation over the day" },
  [M_CPU_PEAK] = { "cpu_utilisation_peak", "ratio", "CPU utilisation at the busiest hour" },
  [M_AT_MAX] = { "share_hours_at_max", "ratio", "share of hours the service needs max_tasks or more" },
  [M_RESPONSE] = { "response_time_s", "s", "mean response time at the peak hour (M/M/c)" },
  [M_PEAK_RPS] = { "peak_rps", "requests/s", "peak-second request rate" },
  [M_MEMORY_PEAK] = { "memory_utilisation_peak", "ratio", "task memory in use at the busiest level / the task's memory (above 1: out of memory)" },
  [M_IN_FLIGHT] = { "requests_in_flight_peak", "requests", "requests in flight per task at the busiest level" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

/* The task sizes AWS sells: for each vCPU, memory from first_gb to last_gb
 * in steps of step_gb (Amazon ECS Developer Guide, "Troubleshoot Amazon ECS
 * task definition invalid CPU or memory errors", table of valid Fargate CPU
 * and memory combinations). */
static const struct { double vcpu, first_gb, last_gb, step_gb; } sizes[] = {
  { 0.25, 0.5, 0.5, 1 }, { 0.25, 1, 2, 1 }, { 0.5, 1, 4, 1 }, { 1, 2, 8, 1 },
  { 2, 4, 16, 1 }, { 4, 8, 30, 1 }, { 8, 16, 60, 4 }, { 16, 32, 120, 8 },
};

/* Appends "0.5 GB, 1-2 GB in 1 GB steps" (the memory sold with @vcpu) to @out. */
static gboolean
describe_memory (double vcpu, GString *out)
{
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++) {
    if (sizes[i].vcpu != vcpu)
      continue;
    const char *sep = out->len ? ", " : "";
    if (sizes[i].first_gb == sizes[i].last_gb)
      g_string_append_printf (out, "%s%g GB", sep, sizes[i].first_gb);
    else
      g_string_append_printf (out, "%s%g-%g GB in %g GB steps", sep, sizes[i].first_gb, sizes[i].last_gb,
                              sizes[i].step_gb);
  }
  return out->len > 0;
}

static gboolean
size_sold (double vcpu, double memory_gb, GError **error)
{
  for (guint i = 0; i < G_N_ELEMENTS (sizes); i++) {
    double steps = (memory_gb - sizes[i].first_gb) / sizes[i].step_gb;
    if (sizes[i].vcpu == vcpu && memory_gb >= sizes[i].first_gb && memory_gb <= sizes[i].last_gb && steps == floor (steps))
      return TRUE;
  }
  g_autoptr (GString) memory = g_string_new (NULL);
  if (describe_memory (vcpu, memory))
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "vcpu=%g with memory_gb=%g is not a Fargate size; allowed with %g vCPU: %s", vcpu, memory_gb, vcpu,
                 memory->str);
  else
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "vcpu=%g is not a Fargate size; allowed: 0.25, 0.5, 1, 2, 4, 8 or 16 vCPU", vcpu);
  return FALSE;
}

/* The settings AWS would refuse: a size it does not sell, or a minimum
 * task count above the maximum. */
static gboolean
settings_valid (double vcpu, double memory_gb, gint64 min_tasks, gint64 max_tasks, GError **error)
{
  if (!size_sold (vcpu, memory_gb, error))
    return FALSE;
  if (min_tasks > max_tasks) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "min_tasks=%" G_GINT64_FORMAT " is above max_tasks=%" G_GINT64_FORMAT
                 "; allowed: min_tasks up to max_tasks", min_tasks, max_tasks);
    return FALSE;
  }
  return TRUE;
}

typedef struct {
  double vcpu, memory_gb, target_cpu, target_memory, spot_share, ephemeral_gb;
  gint64 min_tasks, max_tasks, pool;
  gboolean autoscaling, public_ip;
  const PcPrice *vcpu_hour, *gb_hour, *spot_vcpu_hour, *spot_gb_hour, *ephemeral, *ipv4;
} Fargate;

static gpointer
fargate_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Fargate *f = g_new0 (Fargate, 1);
  gboolean arm = pc_config_choice (config, P_ARCH) == 1;
  f->vcpu = pc_config_double (config, P_VCPU);
  f->memory_gb = pc_config_double (config, P_MEMORY);
  f->min_tasks = pc_config_int (config, P_MIN);
  f->max_tasks = pc_config_int (config, P_MAX);
  f->autoscaling = pc_config_bool (config, P_AUTOSCALE);
  f->target_cpu = pc_config_double (config, P_TARGET);
  f->target_memory = pc_config_double (config, P_TARGET_MEMORY);
  f->spot_share = pc_config_double (config, P_SPOT);
  f->public_ip = pc_config_bool (config, P_PUBLIC_IP);
  f->ephemeral_gb = pc_config_double (config, P_EPHEMERAL);
  f->pool = pc_config_int (config, P_POOL);
  if (!settings_valid (f->vcpu, f->memory_gb, f->min_tasks, f->max_tasks, error))
    return NULL;
  if (!(f->vcpu_hour = pc_catalog_price (catalog, arm ? "fargate.arm.vcpu_hour" : "fargate.x86.vcpu_hour", error)) ||
      !(f->gb_hour = pc_catalog_price (catalog, arm ? "fargate.arm.gb_hour" : "fargate.x86.gb_hour", error)) ||
      !(f->ephemeral = pc_catalog_price (catalog, "fargate.ephemeral.gb_hour", error)) ||
      !(f->ipv4 = pc_catalog_price (catalog, "vpc.public_ipv4.hour", error)))
    return NULL;
  if (f->spot_share > 0 &&
      (!(f->spot_vcpu_hour = pc_catalog_price (catalog, "fargate.spot_x86.vcpu_hour", error)) ||
       !(f->spot_gb_hour = pc_catalog_price (catalog, "fargate.spot_x86.gb_hour", error))))
    return NULL;
  return g_steal_pointer (&f);
}

/* Tasks for an offered load of @load tasks' worth of CPU (see top);
 * @headroom_mb is the memory a task has for requests in flight. */
static double
tasks_for (const Fargate *f, const PcDemand *demand, double headroom_mb, double load, gboolean *at_max)
{
  *at_max = FALSE;
  if (!f->autoscaling)
    return (double) f->min_tasks;
  double need = ceil (load / f->target_cpu - 1e-9);
  double memory_mb = load * demand->memory_mb_per_request;
  if (memory_mb > 0)
    need = MAX (need, headroom_mb > 0 ? ceil (memory_mb / headroom_mb - 1e-9) : (double) f->max_tasks);
  *at_max = need >= (double) f->max_tasks;
  return CLAMP (need, (double) f->min_tasks, (double) f->max_tasks);
}

/* M/G/c response time by Allen-Cunneen (see top); 60 s when saturated. */
static double
response_time (guint tasks, double lambda, double mu, double cv2)
{
  if (lambda <= 0)
    return 0.0;
  double mmc = pc_mmc_response_time (tasks, lambda, mu);
  if (mmc >= PC_SATURATED_RESPONSE_S)
    return PC_SATURATED_RESPONSE_S;
  return MIN (PC_SATURATED_RESPONSE_S, (mmc - 1.0 / mu) * (1.0 + cv2) / 2.0 + 1.0 / mu);
}

static void
charge (const Fargate *f, const PcStepContext *ctx, PcStepResult *result, double task_hours)
{
  double on_demand = task_hours * (1.0 - f->spot_share), spot = task_hours * f->spot_share;
  pc_result_charge (result, "vCPU-hours", f->vcpu_hour, on_demand * f->vcpu, ctx);
  pc_result_charge (result, "memory GB-hours", f->gb_hour, on_demand * f->memory_gb, ctx);
  if (spot > 0) {
    pc_result_charge (result, "Spot vCPU-hours", f->spot_vcpu_hour, spot * f->vcpu, ctx);
    pc_result_charge (result, "Spot memory GB-hours", f->spot_gb_hour, spot * f->memory_gb, ctx);
  }
  if (f->ephemeral_gb > 20)
    pc_result_charge (result, "ephemeral storage above 20 GB", f->ephemeral, task_hours * (f->ephemeral_gb - 20), ctx);
  if (f->public_ip)
    pc_result_charge (result, "public IPv4 (one per task)", f->ipv4, task_hours, ctx);
}

/* The month over the load levels: task-hours, busy vCPU-hours, hours at
 * the maximum and the busiest level's tasks. */
typedef struct {
  double task_hours, busy_vcpu_hours, hours_at_max, hours, peak_rps, peak_tasks, peak_util;
} FargateMonth;

/* Task-hours and hours at max when the levels need different task counts. */
static void
walk_levels (const Fargate *f, const PcDemand *demand, double mu, double headroom_mb, FargateMonth *m)
{
  m->task_hours = m->hours_at_max = 0;
  for (guint k = 0; k < demand->n_levels; k++) {
    gboolean at_max;
    double tasks = tasks_for (f, demand, headroom_mb, demand->level_rps[k] / mu, &at_max);
    m->task_hours += tasks * demand->level_hours[k];
    m->hours_at_max += at_max ? demand->level_hours[k] : 0.0;
  }
}

static FargateMonth
month_of (const Fargate *f, const PcDemand *demand, double mu)
{
  FargateMonth m = { 0, 0, 0, 0, -1, 0, 0 };
  double request_hours = 0, peak_rps = 0;
  for (guint k = 0; k < demand->n_levels; k++) {
    request_hours += demand->level_rps[k] * demand->level_hours[k], m.hours += demand->level_hours[k];
    peak_rps = MAX (peak_rps, demand->level_rps[k]);
  }
  if (demand->n_levels == 0)
    return m;
  double headroom_mb = f->memory_gb * 1024.0 * f->target_memory - demand->compute_base_memory_mb;
  double load = peak_rps / mu;
  gboolean at_max;
  m.peak_rps = peak_rps;
  m.peak_tasks = tasks_for (f, demand, headroom_mb, load, &at_max);
  m.peak_util = m.peak_tasks > 0 ? load / m.peak_tasks : 0;
  m.busy_vcpu_hours = request_hours / mu * f->vcpu;
  if (m.peak_tasks == (double) f->min_tasks && !at_max)   /* every level at min_tasks (see top) */
    m.task_hours = m.peak_tasks * m.hours;
  else
    walk_levels (f, demand, mu, headroom_mb, &m);
  return m;
}

static gboolean
fargate_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Fargate *f = state;
  double mu = demand->cpu_ms_per_request > 0 ? 1000.0 * f->vcpu / demand->cpu_ms_per_request : G_MAXDOUBLE;
  FargateMonth m = month_of (f, demand, mu);
  double lambda = MAX (m.peak_rps, 0.0) * demand->peak_factor;
  double response = response_time ((guint) m.peak_tasks, lambda, mu, demand->cpu_cv2);
  double in_flight = m.peak_tasks > 0 ? lambda * response / m.peak_tasks : 0.0;
  double memory_mb = demand->compute_base_memory_mb + in_flight * demand->memory_mb_per_request;
  demand->response_time_s += response;
  demand->db_connections_peak = m.peak_tasks * (double) f->pool;
  charge (f, ctx, result, m.task_hours);
  pc_result_metric (result, M_TASKS_AVG, m.hours > 0 ? m.task_hours / m.hours : 0);
  pc_result_metric (result, M_TASKS_PEAK, m.peak_tasks);
  pc_result_metric (result, M_TASK_HOURS, m.task_hours);
  pc_result_metric (result, M_CPU, m.task_hours > 0 ? m.busy_vcpu_hours / (m.task_hours * f->vcpu) : 0);
  pc_result_metric (result, M_CPU_PEAK, m.peak_util);
  /* Rounded to 1e-9 so that a share that is an exact fraction of the month
   * (6 hours of every 24) compares as that fraction despite the sum's rounding. */
  pc_result_metric (result, M_AT_MAX, m.hours > 0 ? nearbyint (m.hours_at_max / m.hours * 1e9) / 1e9 : 0);
  pc_result_metric (result, M_RESPONSE, response);
  pc_result_metric (result, M_PEAK_RPS, lambda);
  pc_result_metric (result, M_MEMORY_PEAK, memory_mb / (f->memory_gb * 1024.0));
  pc_result_metric (result, M_IN_FLIGHT, in_flight);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "ecs-fargate",
                  .version = "1.0",
                  .summary = "ECS on Fargate: tasks from demand, autoscaling, Spot, M/M/c latency",
                  .stage = PC_STAGE_COMPUTE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = fargate_create,
                  .step = fargate_step,
                  .destroy = g_free)
