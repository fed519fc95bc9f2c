/* lambda - AWS Lambda as the API's compute: invocations, GB-seconds, free
 * tier, provisioned concurrency, cold starts and the latency they add.
 *
 * Why: the seed rejected "Lambda + DynamoDB" for the MVP although its
 * "pay-per-use pricing (potentially cheaper at low scale)"; this plugin lets
 * the serverless road (data/roadmaps/serverless.xml) be priced against the
 * Fargate road month by month.
 *
 * Capacity.  Every dynamic request is one invocation.  Lambda gives a
 * function CPU in proportion to its memory, one vCPU at 1,769 MB (AWS Lambda
 * developer guide, "Configuring function memory"), so a request that needs
 * cpu_ms of one vCPU runs cpu_ms x max(1, 1769 / memory_mb) ms, plus the
 * wait_ms it spends waiting on the database and other services; AWS bills
 * it rounded up to the millisecond.  At load level k (hours_k at rps_k) the
 * concurrency is c_k = rps_k x duration (Little's law); in-flight requests
 * of a Poisson stream are Poisson(c_k) (M/G/infinity).
 *
 * Cold starts.  An execution environment is kept for keep_warm_min minutes
 * after its last request (AWS does not publish the time; the default is an
 * assumption).  An arrival is cold when no environment was used within that
 * time: probability exp(-lambda_k T) for the arrivals that reach on-demand
 * environments.  With provisioned concurrency P those are the arrivals that
 * find P or more requests in flight, P(N >= P), at rate lambda_k P(N >= P).
 * A cold request waits init_ms more (the seed: 400-800 ms); since
 * 2025-08-01 AWS bills the INIT phase as duration (bill_init).
 *
 * Cost (catalog prices only): requests and on-demand GB-seconds through the
 * lambda.free_tier.* keys (the always-free 1M requests and 400,000
 * GB-seconds a month, then the Region's first-tier rate) or, with
 * free_tier=false, lambda.<arch>.request / gb_second_first_tier; the
 * duration tiers' bounds are not in the catalog (AWS's page: 6 billion
 * GB-seconds a month), so only the first tier is charged.  Provisioned
 * concurrency: P x GB x seconds of the month at lambda[.arm].provisioned.gb_second
 * and the invocations it serves (E[min(N, P)] / c of them) at
 * lambda[.arm].provisioned_duration.gb_second.  Ephemeral storage above 512 MB at
 * lambda.ephemeral.gb_second.
 *
 * Worked month (Sydney, x86, 1,024 MB, 10 M requests of 40 ms CPU + 10 ms
 * wait, even over the month): duration 40 x 1769 / 1024 + 10 = 79.1 ms,
 * billed 80 ms; rate 10e6 / 2,628,000 s = 3.805/s, so exp(-3.805 x 600) = 0
 * cold.  Requests (10e6 - 1e6) x $0.0000002 = $1.80; GB-seconds 10e6 x 0.08
 * x 1 = 800,000, less 400,000 free, x $0.0000166667 = $6.67; $8.47 in all.
 */
#include <math.h>
#include <pc-plugin.h>

enum { P_MEMORY, P_ARCH, P_WAIT, P_INIT, P_BILL_INIT, P_KEEP_WARM, P_PROVISIONED, P_EPHEMERAL, P_FREE_TIER, P_COUNT };
enum { ARCHITECTURE_X86, ARCHITECTURE_ARM, ARCHITECTURE_COUNT };
static const char *const architecture_names[] = { [ARCHITECTURE_X86] = "x86", [ARCHITECTURE_ARM] = "arm" };
PC_CHECK_TABLE (architecture_names, ARCHITECTURE_COUNT);
static const PcParamSpec params[] = {
  [P_MEMORY] = PC_DOUBLE ("memory_mb", "1024", "MB", 128, 10240, "function memory (CPU is proportional: 1 vCPU at 1,769 MB)"),
  [P_ARCH] = PC_CHOICE ("architecture", "x86", architecture_names, "x86_64 or arm64 (Graviton)"),
  [P_WAIT] = PC_DOUBLE ("wait_ms_per_request", "0", "ms", 0, 900000, "time a request waits on other services (billed)"),
  [P_INIT] = PC_DOUBLE ("init_ms", "600", "ms", 0, 10000, "cold-start initialisation (the seed: 400-800 ms)"),
  [P_BILL_INIT] = PC_BOOL ("bill_init", "true", "INIT phase billed as duration (AWS, from 2025-08-01)"),
  [P_KEEP_WARM] = PC_DOUBLE ("keep_warm_min", "10", "min", 0.1, 600, "idle time before an environment is reclaimed (assumption)"),
  [P_PROVISIONED] = PC_INT ("provisioned_concurrency", "0", "environments", 0, 1000, "environments kept initialised all month"),
  [P_EPHEMERAL] = PC_DOUBLE ("ephemeral_mb", "512", "MB", 512, 10240, "/tmp storage (512 MB included)"),
  [P_FREE_TIER] = PC_BOOL ("free_tier", "true", "the account's always-free allowance goes to this function"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_INVOCATIONS, M_DURATION, M_GB_SECONDS, M_CONCURRENCY, M_COLD_STARTS, M_COLD_SHARE, M_COLD_LATENCY,
       M_RESPONSE, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_INVOCATIONS] = { "invocations", "invocations", "invocations this month" },
  [M_DURATION] = { "duration_ms", "ms", "billed duration of one warm invocation" },
  [M_GB_SECONDS] = { "gb_seconds", "GB-s", "on-demand GB-seconds this month (with INIT when billed)" },
  [M_CONCURRENCY] = { "concurrency_peak", "environments", "requests in flight at the peak second" },
  [M_COLD_STARTS] = { "cold_starts", "invocations", "cold-start invocations this month" },
  [M_COLD_SHARE] = { "cold_start_share", "ratio", "share of invocations that were cold" },
  [M_COLD_LATENCY] = { "cold_request_latency_s", "s", "what a cold request waits: init + duration" },
  [M_RESPONSE] = { "response_time_s", "s", "mean response at the busiest level, cold starts included" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

/* One vCPU's worth of memory (AWS Lambda developer guide). */
#define LAMBDA_MB_PER_VCPU 1769.0

typedef struct {
  double memory_gb, wait_ms, init_s, keep_warm_s, ephemeral_gb, cpu_scale;
  gint64 provisioned;
  gboolean bill_init;
  const PcPrice *request, *gb_second, *provisioned_gb_second, *provisioned_duration, *ephemeral;
} Lambda;

static gboolean
resolve_prices (Lambda *l, gboolean arm, gboolean free_tier, const PcCatalog *catalog, GError **error)
{
  const char *request = free_tier ? "lambda.free_tier.request" : arm ? "lambda.arm.request" : "lambda.x86.request";
  const char *duration = free_tier ? (arm ? "lambda.free_tier.arm_gb_second" : "lambda.free_tier.x86_gb_second")
                                   : (arm ? "lambda.arm.gb_second_first_tier" : "lambda.x86.gb_second_first_tier");
  if (!(l->request = pc_catalog_price (catalog, request, error)) ||
      !(l->gb_second = pc_catalog_price (catalog, duration, error)) ||
      !(l->ephemeral = pc_catalog_price (catalog, "lambda.ephemeral.gb_second", error)))
    return FALSE;
  if (l->provisioned == 0)
    return TRUE;
  return (l->provisioned_gb_second = pc_catalog_price (catalog, arm ? "lambda.arm.provisioned.gb_second"
                                                                    : "lambda.provisioned.gb_second", error)) &&
         (l->provisioned_duration = pc_catalog_price (catalog, arm ? "lambda.arm.provisioned_duration.gb_second"
                                                                   : "lambda.provisioned_duration.gb_second", error));
}

static gpointer
lambda_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Lambda *l = g_new0 (Lambda, 1);
  double memory_mb = pc_config_double (config, P_MEMORY);
  l->memory_gb = memory_mb / 1024.0;
  l->cpu_scale = MAX (1.0, LAMBDA_MB_PER_VCPU / memory_mb);
  l->wait_ms = pc_config_double (config, P_WAIT);
  l->init_s = pc_config_double (config, P_INIT) / 1000.0;
  l->bill_init = pc_config_bool (config, P_BILL_INIT);
  l->keep_warm_s = pc_config_double (config, P_KEEP_WARM) * 60.0;
  l->provisioned = pc_config_int (config, P_PROVISIONED);
  l->ephemeral_gb = (pc_config_double (config, P_EPHEMERAL) - 512.0) / 1024.0;
  if (!resolve_prices (l, pc_config_choice (config, P_ARCH) == ARCHITECTURE_ARM, pc_config_bool (config, P_FREE_TIER),
                       catalog, error))
    return NULL;
  return g_steal_pointer (&l);
}

/* For N ~ Poisson(mean): P(N >= k) and E[min(N, k)] = sum_{i<k} P(N > i). */
static void
poisson_above (double mean, gint64 k, double *at_least_k, double *expected_min)
{
  double pmf = exp (-mean), cdf = 0;
  *expected_min = 0;
  for (gint64 i = 0; i < k; i++) {
    cdf += pmf;
    *expected_min += MAX (0.0, 1.0 - cdf);
    pmf *= mean / (double) (i + 1);
  }
  *at_least_k = k == 0 ? 1.0 : MAX (0.0, 1.0 - cdf);
}

/* What one month adds up to over the load levels. */
typedef struct {
  double invocations, on_provisioned, cold, peak_rps, peak_cold_share;
} LambdaMonth;

static LambdaMonth
lambda_month (const Lambda *l, const PcDemand *demand, double duration_s)
{
  LambdaMonth m = { 0, 0, 0, -1, 0 };
  for (guint k = 0; k < demand->n_levels; k++) {
    double rate = demand->level_rps[k], arrivals = rate * demand->level_hours[k] * 3600.0;
    double overflow = 1.0, busy_provisioned = 0.0;
    if (l->provisioned > 0)
      poisson_above (rate * duration_s, l->provisioned, &overflow, &busy_provisioned);
    double cold_share = overflow * exp (-rate * overflow * l->keep_warm_s);
    m.invocations += arrivals;
    m.on_provisioned += rate > 0 ? arrivals * busy_provisioned / (rate * duration_s) : 0;
    m.cold += arrivals * cold_share;
    if (rate > m.peak_rps) {
      m.peak_rps = rate;
      m.peak_cold_share = cold_share;
    }
  }
  /* The load levels spread the month's requests; price mode may give them
   * without levels, so the month's count wins where they disagree. */
  if (demand->requests > 0 && m.invocations > 0) {
    double scale = demand->requests / m.invocations;
    m.invocations *= scale, m.on_provisioned *= scale, m.cold *= scale;
  }
  m.on_provisioned = MIN (m.on_provisioned, m.invocations);
  return m;
}

static void
charge (const Lambda *l, const PcStepContext *ctx, PcStepResult *result, const LambdaMonth *m, double billed_s)
{
  double on_demand_s = (m->invocations - m->on_provisioned) * billed_s + (l->bill_init ? m->cold * l->init_s : 0);
  pc_result_charge (result, "requests", l->request, m->invocations, ctx);
  pc_result_charge (result, "duration GB-seconds", l->gb_second, on_demand_s * l->memory_gb, ctx);
  if (l->provisioned > 0) {
    pc_result_charge (result, "provisioned concurrency GB-seconds", l->provisioned_gb_second,
                      (double) l->provisioned * l->memory_gb * ctx->hours * 3600.0, ctx);
    pc_result_charge (result, "duration on provisioned concurrency GB-seconds", l->provisioned_duration,
                      m->on_provisioned * billed_s * l->memory_gb, ctx);
  }
  if (l->ephemeral_gb > 0)
    pc_result_charge (result, "ephemeral storage above 512 MB", l->ephemeral,
                      (m->invocations * billed_s + m->cold * l->init_s) * l->ephemeral_gb, ctx);
}

static gboolean
lambda_step (gconstpointer instance, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Lambda *l = instance;
  double duration_ms = demand->cpu_ms_per_request * l->cpu_scale + l->wait_ms;
  double billed_s = ceil (duration_ms - 1e-9) / 1000.0;
  LambdaMonth m = lambda_month (l, demand, duration_ms / 1000.0);
  charge (l, ctx, result, &m, billed_s);
  double response = duration_ms / 1000.0 + m.peak_cold_share * l->init_s;
  double peak_concurrency = MAX (m.peak_rps, 0.0) * demand->peak_factor * duration_ms / 1000.0;
  demand->response_time_s += response;
  demand->db_connections_peak = ceil (peak_concurrency);   /* one connection per busy environment */
  pc_result_metric (result, M_INVOCATIONS, m.invocations);
  pc_result_metric (result, M_DURATION, billed_s * 1000.0);
  pc_result_metric (result, M_GB_SECONDS,
                    ((m.invocations - m.on_provisioned) * billed_s + (l->bill_init ? m.cold * l->init_s : 0)) * l->memory_gb);
  pc_result_metric (result, M_CONCURRENCY, peak_concurrency);
  pc_result_metric (result, M_COLD_STARTS, m.cold);
  pc_result_metric (result, M_COLD_SHARE, m.invocations > 0 ? m.cold / m.invocations : 0);
  pc_result_metric (result, M_COLD_LATENCY, l->init_s + duration_ms / 1000.0);
  pc_result_metric (result, M_RESPONSE, response);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "lambda",
                  .version = "1.0",
                  .summary = "AWS Lambda: invocations, GB-seconds, free tier, provisioned concurrency, cold starts",
                  .stage = PC_STAGE_COMPUTE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = lambda_create,
                  .step = lambda_step,
                  .destroy = g_free)
