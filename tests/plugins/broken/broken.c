/* A corpus of plugins that load fine but break the contract when they run,
 * one defect each (issue 15, items 1 and 8).  Each module is this file
 * compiled with one -DBROKEN_... flag (meson.build beside it); the host
 * must refuse every one, naming the component, the plugin, the month and
 * what it did, and must never crash, print NaN or a wrong number.  They
 * sit at the edge stage so that a bad demand would otherwise reach every
 * later stage. */
#include <math.h>
#include <pc-plugin.h>

static const PcParamSpec params[] = {
  PC_DOUBLE ("size", "1", "GB", 0, 10, "a size"),
};
static const PcMetricSpec metrics[] = { { "m", "ratio", "a metric" } };

static gpointer
broken_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  (void) catalog, (void) error;
#if defined(BROKEN_CREATE_NULL)
  (void) config;
  return NULL;                                   /* fails without saying why */
#elif defined(BROKEN_CREATE_INDEX)
  (void) pc_config_double (config, 5);           /* a parameter index outside its table */
#elif defined(BROKEN_CREATE_TYPE)
  (void) pc_config_int (config, 0);              /* "size" is a double */
#else
  (void) config;
#endif
  return g_new0 (int, 1);
}

/* The first month the defect shows (the late cases break only from month 5,
 * so the once-a-month check and the checked re-run must agree on it). */
#if defined(BROKEN_LATE_NAN_DEMAND)
#define FIRST_BAD_MONTH 5
#else
#define FIRST_BAD_MONTH 0
#endif

static gboolean
broken_step (gconstpointer instance, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  (void) instance, (void) error;
  pc_result_metric (result, 0, 0.5);
  pc_result_line (result, "fee", 1, "month", 1.0, NULL);
#if FIRST_BAD_MONTH > 0
  if (ctx->month < FIRST_BAD_MONTH)
    return TRUE;
#else
  (void) ctx;
#endif
#if defined(BROKEN_STEP_FALSE)
  return FALSE;                                  /* fails without setting its GError */
#elif defined(BROKEN_NAN_METRIC)
  pc_result_metric (result, 0, NAN);
#elif defined(BROKEN_INF_METRIC)
  pc_result_metric (result, 0, INFINITY);
#elif defined(BROKEN_METRIC_INDEX)
  pc_result_metric (result, 7, 1.0);             /* it declares one metric */
#elif defined(BROKEN_NAN_DEMAND) || defined(BROKEN_LATE_NAN_DEMAND)
  demand->requests = NAN;
#elif defined(BROKEN_NEGATIVE_DEMAND)
  demand->egress_gb = -5;
#elif defined(BROKEN_INF_DEMAND)
  demand->level_rps[0] = INFINITY;
#elif defined(BROKEN_LEVELS)
  demand->n_levels = 1000;
#elif defined(BROKEN_NEGATIVE_COST)
  pc_result_line (result, "refund", 1, "month", -0.5, NULL);   /* the month's total stays positive */
#elif defined(BROKEN_NAN_COST)
  pc_result_line (result, "fee", 1, "month", NAN, NULL);
#elif defined(BROKEN_INF_COST)
  pc_result_line (result, "fee", 1, "month", INFINITY, NULL);
#elif defined(BROKEN_NEGATIVE_QUANTITY)
  pc_result_line (result, "fee", -1, "month", 0.0, NULL);
#elif defined(BROKEN_TOO_MANY_LINES)
  for (guint i = 0; i < PC_MAX_LINES + 8; i++)
    pc_result_line (result, "fee", 1, "month", 0.0, NULL);
#endif
  (void) demand;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = BROKEN_NAME,
                  .version = "1.0",
                  .summary = "Test plugin that breaks the plugin contract",
                  .stage = PC_STAGE_EDGE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = broken_create,
                  .step = broken_step,
                  .destroy = g_free)
