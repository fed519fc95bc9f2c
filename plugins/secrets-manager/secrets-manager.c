/* secrets-manager - AWS Secrets Manager: secrets stored, API calls, rotation.
 *
 * Cost: secrets x secretsmanager.secret.month + API calls x
 * secretsmanager.api.request.  API calls this month:
 *   secrets x task_starts            ECS reads every secret a task definition
 *                                    references when a task starts
 *                                    (deployments, scaling, replacements);
 *   + app_calls                      calls the application makes at run time
 *                                    (with client-side caching, few);
 *   + rotation: secrets x (30.4167 / rotation_days) x calls_per_rotation
 *                                    a rotation runs the four steps
 *                                    (create, set, test, finish) of a rotation
 *                                    Lambda, each calling the API (Get/Put
 *                                    SecretValue, DescribeSecret,
 *                                    UpdateSecretVersionStage).
 * The rotation Lambda's few invocations a month are far inside Lambda's
 * free tier and are not priced.  Secrets encrypted with the AWS-managed key
 * (aws/secretsmanager) pay no KMS charge.  The 30-day free trial of a new
 * secret is not modelled.
 *
 * The catalog has no Secrets Manager price for Sydney (a gap, see
 * data/pricing/README.md): in ap-southeast-2 create() fails naming the
 * missing key until a source is found.
 *
 * Worked month (us-east-1): 3 secrets x $0.40 = $1.20; API calls 3 x 60
 * task starts + rotation 3 x (30.4167 / 30) x 8 = 180 + 24.33 = 204.33 calls
 * x $0.05 per 10,000 = $0.001; $1.20 in all (the seed's "~$1/month").
 */
#include <pc-plugin.h>

#define DAYS_PER_MONTH (365.0 / 12.0)

enum { P_SECRETS, P_TASK_STARTS, P_APP_CALLS, P_ROTATION, P_ROTATION_DAYS, P_CALLS_PER_ROTATION, P_COUNT };
static const PcParamSpec params[] = {
  [P_SECRETS] = PC_INT ("secrets", "3", "secrets", 0, 100000, "secrets stored (e.g. DB credentials, API keys)"),
  [P_TASK_STARTS] = PC_DOUBLE ("task_starts", "60", "starts", 0, 1e9, "ECS task starts a month; each reads every secret once"),
  [P_APP_CALLS] = PC_DOUBLE ("app_calls", "0", "calls", 0, 1e12, "API calls a month made by the application itself"),
  [P_ROTATION] = PC_BOOL ("rotation", "true", "automatic rotation (a rotation Lambda)"),
  [P_ROTATION_DAYS] = PC_INT ("rotation_days", "30", "days", 1, 365, "rotation interval"),
  [P_CALLS_PER_ROTATION] = PC_INT ("calls_per_rotation", "8", "calls", 0, 1000, "API calls one rotation makes (assumed)"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_API_CALLS, M_ROTATIONS, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_API_CALLS] = { "api_calls", "calls", "Secrets Manager API calls this month" },
  [M_ROTATIONS] = { "rotations", "rotations", "secret rotations this month" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  double secrets, task_starts, app_calls, rotation_days, calls_per_rotation;
  gboolean rotation;
  const PcPrice *secret, *api;
} Secrets;

static gpointer
secrets_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Secrets *s = g_new0 (Secrets, 1);
  s->secrets = (double) pc_config_int (config, P_SECRETS);
  s->task_starts = pc_config_double (config, P_TASK_STARTS);
  s->app_calls = pc_config_double (config, P_APP_CALLS);
  s->rotation = pc_config_bool (config, P_ROTATION);
  s->rotation_days = (double) pc_config_int (config, P_ROTATION_DAYS);
  s->calls_per_rotation = (double) pc_config_int (config, P_CALLS_PER_ROTATION);
  if (!(s->secret = pc_catalog_price (catalog, "secretsmanager.secret.month", error)) ||
      !(s->api = pc_catalog_price (catalog, "secretsmanager.api.request", error)))
    return NULL;
  return g_steal_pointer (&s);
}

static gboolean
secrets_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Secrets *s = state;
  double rotations = s->rotation ? s->secrets * DAYS_PER_MONTH / s->rotation_days : 0.0;
  double calls = s->secrets * s->task_starts + s->app_calls + rotations * s->calls_per_rotation;
  pc_result_charge (result, "secrets", s->secret, s->secrets, ctx);
  pc_result_charge (result, "API calls", s->api, calls, ctx);
  pc_result_metric (result, M_API_CALLS, calls);
  pc_result_metric (result, M_ROTATIONS, rotations);
  (void) demand;
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "secrets-manager",
                  .version = "1.0",
                  .summary = "Secrets Manager: secrets, API calls at task start and rotation",
                  .stage = PC_STAGE_THIRD_PARTY,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = secrets_create,
                  .step = secrets_step,
                  .destroy = g_free)
