/* A corpus for `phasecast plugins check`: a well-behaved plugin (good) and
 * copies of it with one defect each, switched on by -DCHECK_... (see
 * meson.build beside this file); each must fail its own check, and good
 * must pass them all.  The module's file name is its case name.
 *
 * The good plugin charges $0.001 per dynamic request (a made-up rate, no
 * catalog price) and reports the requests it saw. */
#include <pc-plugin.h>

#include <math.h>

enum { P_SCALE, P_COUNT };
G_GNUC_UNUSED static const PcParamSpec params[] = {
  [P_SCALE] = PC_DOUBLE ("scale", "1", "", 0, 10, "multiplies the charge"),
};
PC_CHECK_TABLE (params, P_COUNT);
enum { M_REQUESTS, M_COUNT };
G_GNUC_UNUSED static const PcMetricSpec metrics[] = {
  [M_REQUESTS] = { "requests", "requests", "dynamic requests seen" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  double scale;
  const PcPrice *price;
} Check;

static gpointer
check_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Check *check = g_new0 (Check, 1);
#if defined(CHECK_NO_TABLES)
  check->scale = 1;           /* no parameter to read */
  (void) config;
#elif defined(CHECK_WRONG_ACCESSOR)
  check->scale = (double) pc_config_int (config, P_SCALE);   /* the table says double */
#elif defined(CHECK_BAD_INDEX)
  check->scale = pc_config_double (config, P_COUNT + 6);
#else
  check->scale = pc_config_double (config, P_SCALE);
#endif
#if defined(CHECK_CRASH_IN_CREATE)
  if (check->scale > 5)
    *(volatile int *) NULL = 1;
#elif defined(CHECK_REFUSES_DEFAULTS)
  g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG, "check: this plugin refuses every setting");
  return NULL;
#elif defined(CHECK_MISSING_PRICE)
  if (!(check->price = pc_catalog_price (catalog, "check.request", error)))
    return NULL;
#elif defined(CHECK_LEAK)
  g_strdup ("forgotten");   /* made in create(), never freed by destroy() */
#endif
  (void) catalog, (void) error;
  return g_steal_pointer (&check);
}

#if defined(CHECK_RANDOM)
static double drift;          /* state outside the instance: a second step differs */
#endif

static gboolean
check_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Check *check = state;
  double usd = demand->requests * 0.001 * check->scale;
  (void) ctx, (void) error;
#if defined(CHECK_CRASH)
  if (demand->requests > 0)
    return *(volatile int *) NULL == 1;
#elif defined(CHECK_HANG)
  for (volatile guint64 spin = 0; demand->requests > 0; spin++)
    ;
#elif defined(CHECK_NEGATIVE_LINE)
  usd = -usd;
#elif defined(CHECK_TOO_MANY_LINES)
  for (guint i = 0; i < PC_MAX_LINES; i++)
    pc_result_line (result, "extra", 0, "item", 0, NULL);
#elif defined(CHECK_NAN_METRIC)
  pc_result_metric (result, M_REQUESTS, demand->requests > 0 ? NAN : 0);
  return TRUE;
#elif defined(CHECK_BAD_METRIC_INDEX)
  pc_result_metric (result, M_COUNT + 3, 1.0);
#elif defined(CHECK_FALLS) || defined(CHECK_FALLS_DECLARED)
  usd = 100.0 / (1.0 + demand->requests);   /* a volume discount gone wrong */
#elif defined(CHECK_RANDOM)
  usd += drift;
  drift += 0.01;
#elif defined(CHECK_SILENT_FAILURE)
  if (demand->requests > 0)
    return FALSE;             /* and no GError */
#elif defined(CHECK_BAD_DEMAND)
  demand->egress_gb = -1;
#elif defined(CHECK_MISSING_PRICE)
  usd = pc_result_charge (result, "requests", check->price, demand->requests, ctx);
  pc_result_metric (result, M_REQUESTS, demand->requests);
  return TRUE;
#endif
  pc_result_line (result, "requests", demand->requests, "requests", usd, NULL);
#if !defined(CHECK_NO_TABLES)
  pc_result_metric (result, M_REQUESTS, demand->requests);
#endif
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = CHECK_NAME,
                  .version = "1.0",
                  .summary = "plugins check corpus",
                  .stage = PC_STAGE_THIRD_PARTY,
#if !defined(CHECK_NO_TABLES)     /* a plugin without tables leaves them out */
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
#endif
                  .create = check_create,
                  .step = check_step,
                  .destroy = g_free,
#if defined(CHECK_FALLS_DECLARED)
                  .cost_may_fall = "a test: its charge shrinks as requests grow"
#endif
                  )
