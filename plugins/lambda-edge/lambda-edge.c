/* lambda-edge - Lambda@Edge functions on the CloudFront distribution in
 * front of the dynamic content: invocations, duration, concurrency, latency.
 *
 * Load.  A share function_share of the month's dynamic requests (demand
 * requests) triggers the function.  Duration is billed in 1 ms steps, so a
 * run of duration_ms costs ceil(duration_ms) ms at memory_mb:
 *     GB-seconds = invocations x ceil(duration_ms) / 1000 x memory_mb / 1024.
 * Capacity: concurrent executions at the peak second are
 *     peak rps x peak_factor x function_share x duration_ms / 1000
 * (Little's law), set against the account's Lambda concurrency quota
 * (concurrency_limit, 1,000 by default in every Region).  A viewer or
 * origin function runs in the request path, so the mean time it adds,
 * function_share x duration_ms / 1000, is added to demand response_time_s.
 *
 * Cost (catalog keys, priced by the Region where the function runs):
 * lambda_edge.request per invocation and lambda_edge.gb_second.  There is no
 * free tier for Lambda@Edge.
 *
 * Worked month (Sydney): 10M requests, every one through a 5 ms, 128 MB
 * function: 10M x $0.0000006 = $6.00; 10M x 0.005 s x 0.125 GB = 6,250
 * GB-s x $0.00005001 = $0.31; $6.31 in all.
 */
#include <math.h>
#include <pc-plugin.h>

#define MB_PER_GB 1024.0

enum { P_SHARE, P_DURATION, P_MEMORY, P_CONCURRENCY, P_COUNT };
static const PcParamSpec params[] = {
  [P_SHARE] = PC_DOUBLE ("function_share", "1.0", "ratio", 0, 1, "share of dynamic requests that run the function"),
  [P_DURATION] = PC_DOUBLE ("duration_ms", "5", "ms", 0, 30000, "mean run time (billed in 1 ms steps)"),
  [P_MEMORY] = PC_INT ("memory_mb", "128", "MB", 128, 10240, "function memory (viewer triggers: 128 MB)"),
  [P_CONCURRENCY] = PC_INT ("concurrency_limit", "1000", "executions", 1, 1000000, "account's concurrent-execution quota in the Region"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_INVOCATIONS, M_GB_SECONDS, M_CONCURRENCY, M_CONCURRENCY_UTIL, M_LATENCY, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_INVOCATIONS] = { "invocations", "invocations", "function invocations this month" },
  [M_GB_SECONDS] = { "gb_seconds", "GB-s", "billed compute (1 ms steps)" },
  [M_CONCURRENCY] = { "concurrency_peak", "executions", "concurrent executions at the peak second" },
  [M_CONCURRENCY_UTIL] = { "concurrency_utilisation", "ratio", "peak concurrency / concurrency_limit" },
  [M_LATENCY] = { "added_latency_s", "s", "mean time the function adds to a request" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  double share, billed_seconds, duration_seconds, memory_gb, concurrency_limit;
  const PcPrice *request, *gb_second;
} LambdaEdge;

static gpointer
lambda_edge_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree LambdaEdge *l = g_new0 (LambdaEdge, 1);
  double duration_ms = pc_config_double (config, P_DURATION);
  l->share = pc_config_double (config, P_SHARE);
  l->duration_seconds = duration_ms / 1000.0;
  l->billed_seconds = ceil (duration_ms - 1e-9) / 1000.0;
  l->memory_gb = (double) pc_config_int (config, P_MEMORY) / MB_PER_GB;
  l->concurrency_limit = (double) pc_config_int (config, P_CONCURRENCY);
  if (!(l->request = pc_catalog_price (catalog, "lambda_edge.request", error)) ||
      !(l->gb_second = pc_catalog_price (catalog, "lambda_edge.gb_second", error)))
    return NULL;
  return g_steal_pointer (&l);
}

static double
peak_rps (const PcDemand *demand)
{
  double peak = 0.0;
  for (guint k = 0; k < demand->n_levels; k++)
    peak = MAX (peak, demand->level_rps[k]);
  return peak * demand->peak_factor;
}

static gboolean
lambda_edge_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const LambdaEdge *l = state;
  double invocations = demand->requests * l->share;
  double gb_seconds = invocations * l->billed_seconds * l->memory_gb;
  double concurrency = peak_rps (demand) * l->share * l->duration_seconds;
  double latency = l->share * l->duration_seconds;
  demand->response_time_s += latency;
  pc_result_charge (result, "requests", l->request, invocations, ctx);
  pc_result_charge (result, "duration GB-seconds", l->gb_second, gb_seconds, ctx);
  pc_result_metric (result, M_INVOCATIONS, invocations);
  pc_result_metric (result, M_GB_SECONDS, gb_seconds);
  pc_result_metric (result, M_CONCURRENCY, concurrency);
  pc_result_metric (result, M_CONCURRENCY_UTIL, concurrency / l->concurrency_limit);
  pc_result_metric (result, M_LATENCY, latency);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "lambda-edge",
                  .version = "1.0",
                  .summary = "Lambda@Edge: invocations, GB-seconds, peak concurrency, added latency",
                  .stage = PC_STAGE_EDGE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = lambda_edge_create,
                  .step = lambda_edge_step,
                  .destroy = g_free)
