/* fixed-cost - a synthetic plugin for testing the engine without prices.
 * Charges exactly $1.00 per 1,000 dynamic requests plus `base_usd`, and
 * reports the requests it saw and a metric the test sets directly
 * (`level`), so triggers can be driven to known months. */
#include <pc-plugin.h>

enum { P_BASE, P_LEVEL, P_LEVEL_FROM_MONTH, P_LATENCY };
static const PcParamSpec params[] = {
  { "base_usd", PC_PARAM_DOUBLE, "0", "USD", 0, 1e9, NULL, "fixed monthly charge" },
  { "level", PC_PARAM_DOUBLE, "0", "ratio", 0, 1e9, NULL, "value of the level metric once it starts" },
  { "level_from_month", PC_PARAM_INT, "0", "month", 0, 1000, NULL, "month the level metric starts" },
  { "latency_s", PC_PARAM_DOUBLE, "0", "s", 0, 100, NULL, "added to the response time" },
};
enum { M_REQUESTS, M_LEVEL };
static const PcMetricSpec metrics[] = {
  { "requests", "requests", "dynamic requests seen" },
  { "level", "ratio", "the configured level from its month on" },
};

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
fixed_step (gpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
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

PC_PLUGIN_DEFINE ("fixed-cost", "1.0", "Test plugin: $1 per 1,000 requests plus a base charge",
                  PC_STAGE_COMPUTE, params, metrics, fixed_create, fixed_step, g_free)
