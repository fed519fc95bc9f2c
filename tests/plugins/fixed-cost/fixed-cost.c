/* fixed-cost - a synthetic plugin for testing the engine without prices.
 * Charges exactly $1.00 per 1,000 dynamic requests plus `base_usd`, and
 * reports the requests it saw and a metric the test sets directly
 * (`level`), so triggers can be driven to known months. */
#include <pc-plugin.h>

enum { P_BASE, P_LEVEL, P_LEVEL_FROM_MONTH, P_LATENCY, P_COUNT };
static const PcParamSpec params[] = {
  [P_BASE] = PC_DOUBLE ("base_usd", "0", "USD", 0, 1e9, "fixed monthly charge"),
  [P_LEVEL] = PC_DOUBLE ("level", "0", "ratio", 0, 1e9, "value of the level metric once it starts"),
  [P_LEVEL_FROM_MONTH] = PC_INT ("level_from_month", "0", "month", 0, 1000, "month the level metric starts"),
  [P_LATENCY] = PC_DOUBLE ("latency_s", "0", "s", 0, 100, "added to the response time"),
};
PC_CHECK_TABLE (params, P_COUNT);
enum { M_REQUESTS, M_LEVEL, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_REQUESTS] = { "requests", "requests", "dynamic requests seen" },
  [M_LEVEL] = { "level", "ratio", "the configured level from its month on" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct { double base, level, latency; gint64 from; } Fixed;

static gpointer
fixed_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  Fixed *f = g_new0 (Fixed, 1);
  f->base = pc_config_double (config, P_BASE);
  f->level = pc_config_double (config, P_LEVEL);
  f->from = pc_config_int (config, P_LEVEL_FROM_MONTH);
  f->latency = pc_config_double (config, P_LATENCY);
  (void) catalog, (void) error;
  return f;
}

static gboolean
fixed_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Fixed *f = state;
  pc_result_line (result, "requests", demand->requests / 1000.0, "1000 requests", demand->requests / 1000.0, NULL);
  if (f->base > 0)
    pc_result_line (result, "base", 1, "month", f->base, NULL);
  pc_result_metric (result, M_REQUESTS, demand->requests);
  pc_result_metric (result, M_LEVEL, (gint64) ctx->month >= f->from ? f->level : 0.0);
  demand->response_time_s += f->latency;
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "fixed-cost",
                  .version = "1.0",
                  .summary = "Test plugin: $1 per 1,000 requests plus a base charge",
                  .stage = PC_STAGE_COMPUTE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = fixed_create,
                  .step = fixed_step,
                  .destroy = g_free)
