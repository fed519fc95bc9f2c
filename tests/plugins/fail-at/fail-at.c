/* fail-at - a test plugin whose step() fails at a given month, in every
 * run or in a given share of runs (drawn from the run's own stream, so
 * which runs fail is the same on every thread count).  Charges $1 a month
 * until then, so the runs that do not fail have costs to export. */
#include <pc-plugin.h>

#include <gsl/gsl_rng.h>

enum { P_MONTH, P_SHARE, P_COUNT };
static const PcParamSpec params[] = {
  [P_MONTH] = PC_INT ("month", "1000", "month", 0, 1000, "the month whose step fails (1000: none, so a plain price succeeds)"),
  [P_SHARE] = PC_DOUBLE ("share", "1", "ratio", 0, 1, "the share of runs that fail there"),
};
PC_CHECK_TABLE (params, P_COUNT);

typedef struct { guint month; double share; } FailAt;

static gpointer
fail_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  FailAt *f = g_new0 (FailAt, 1);
  f->month = (guint) pc_config_int (config, P_MONTH);
  f->share = pc_config_double (config, P_SHARE);
  (void) catalog, (void) error;
  return f;
}

static gboolean
fail_step (gconstpointer instance, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const FailAt *f = instance;
  (void) demand;
  if (ctx->month == f->month && (f->share >= 1 || gsl_rng_uniform (ctx->rng) < f->share)) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_FAILED, "failing on purpose at month %u", f->month);
    return FALSE;
  }
  pc_result_line (result, "fee", 1, "month", 1.0, NULL);
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "fail-at",
                  .version = "1.0",
                  .summary = "Test plugin: fails at a given month in a share of runs",
                  .stage = PC_STAGE_THIRD_PARTY,
                  PC_PARAMS (params),
                  .create = fail_create,
                  .step = fail_step,
                  .destroy = g_free)
