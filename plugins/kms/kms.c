/* kms - AWS KMS customer managed keys and their requests.
 *
 * Cost: keys x kms.key.month + requests x kms.request (first 20,000 a month
 * free; that allowance is one per account across all Regions, so a run
 * with several Regions must apply it once).  AWS-managed keys (aws/s3,
 * aws/rds, aws/secretsmanager) cost nothing a month and are not counted.
 *
 * Requests this month = service_requests (calls the services make on their own:
 * RDS and EBS ask for a data key when a volume attaches, Secrets Manager
 * decrypts once per GetSecretValue when a customer key protects the secret)
 * + s3_kms_share x (demand->object_puts + demand->object_gets): SSE-KMS
 * without S3 Bucket Keys calls KMS once per object PUT or GET; with Bucket
 * Keys (the default advice) almost never, so s3_kms_share defaults to 0.
 *
 * Worked month (Sydney): 1 key x $1.00; 5,000 requests inside the free
 * 20,000; $1.00 in all.
 */
#include <pc-plugin.h>

enum { P_KEYS, P_REQUESTS, P_S3_SHARE, P_COUNT };
static const PcParamSpec params[] = {
  [P_KEYS] = PC_INT ("keys", "1", "keys", 0, 100000, "customer managed keys"),
  [P_REQUESTS] = PC_DOUBLE ("service_requests", "5000", "requests", 0, 1e12, "KMS requests a month made by services (data keys, secret decrypts)"),
  [P_S3_SHARE] = PC_DOUBLE ("s3_kms_share", "0", "ratio", 0, 1, "share of S3 object PUTs and GETs that call KMS (SSE-KMS without Bucket Keys)"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_REQUESTS, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_REQUESTS] = { "requests", "requests", "KMS requests this month" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  double keys, requests, s3_share;
  const PcPrice *key, *request;
} Kms;

static gpointer
kms_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Kms *k = g_new0 (Kms, 1);
  k->keys = (double) pc_config_int (config, P_KEYS);
  k->requests = pc_config_double (config, P_REQUESTS);
  k->s3_share = pc_config_double (config, P_S3_SHARE);
  if (!(k->key = pc_catalog_price (catalog, "kms.key.month", error)) ||
      !(k->request = pc_catalog_price (catalog, "kms.request", error)))
    return NULL;
  return g_steal_pointer (&k);
}

static gboolean
kms_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Kms *k = state;
  double requests = k->requests + k->s3_share * (demand->object_puts + demand->object_gets);
  pc_result_charge (result, "customer managed keys", k->key, k->keys, ctx);
  pc_result_charge (result, "requests", k->request, requests, ctx);
  pc_result_metric (result, M_REQUESTS, requests);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "kms",
                  .version = "1.0",
                  .summary = "AWS KMS: customer managed keys and requests (S3 SSE-KMS optional)",
                  .stage = PC_STAGE_THIRD_PARTY,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = kms_create,
                  .step = kms_step,
                  .destroy = g_free)
