/* ses - Amazon SES: transactional email out (and optionally in), the
 * sandbox's daily quota.
 *
 * Capacity.  A new SES account is in the sandbox: at most 200 messages per
 * 24 hours (and only to verified addresses) until AWS grants production
 * access.  The seed's MVP runs SES in the sandbox, so the quota is the limit
 * to watch: the average day sends emails / 30.4167 messages, and
 *     sandbox_quota_utilisation = emails per day / 200
 * (above 1 every day runs out of quota: the sends beyond 200 a day are
 * rejected, reported as emails_rejected and not billed).  Out of the sandbox
 * the quota metric is 0.
 *
 * Cost (catalog keys): a-la-carte pricing, the default, charges
 * ses.email.recipient per recipient (one per email here); the SES plans of
 * July 2026 charge ses.<plan>.month plus ses.<plan>.email (tiered) instead
 * (us-east-1 only in the catalog: elsewhere create() fails on the missing
 * key).  Attachments are ses.attachment.gb (emails x attachments_mb / 1024),
 * a dedicated IP ses.dedicated_ip.month, inbound mail ses.inbound.email plus
 * ses.inbound.chunk per started 256 KB.
 *
 * Worked month (Sydney, the seed's sandbox): 3,000 emails with 0.1 MB of
 * attachments each: 3,000 x $0.0001 = $0.30, 3,000 x 0.1 / 1024 = 0.293 GB x
 * $0.12 = $0.035; $0.335 in all.  3,000 / 30.4167 = 98.6 emails a day =
 * 49 % of the sandbox quota.
 */
#include <math.h>
#include <pc-plugin.h>

#define SANDBOX_MESSAGES_PER_DAY 200.0
#define MB_PER_GB 1024.0
#define INBOUND_CHUNK_KB 256.0

enum { P_PRICING, P_ATTACH_MB, P_SANDBOX, P_DEDICATED_IP, P_INBOUND, P_INBOUND_KB, P_COUNT };
enum { PRICING_A_LA_CARTE, PRICING_ESSENTIALS, PRICING_PRO, PRICING_ENTERPRISE, PRICING_COUNT };
static const char *const pricing_names[] = { [PRICING_A_LA_CARTE] = "a_la_carte", [PRICING_ESSENTIALS] = "essentials", [PRICING_PRO] = "pro", [PRICING_ENTERPRISE] = "enterprise" };
PC_CHECK_TABLE (pricing_names, PRICING_COUNT);
static const PcParamSpec params[] = {
  [P_PRICING] = PC_CHOICE ("pricing", "a_la_carte", pricing_names, "a-la-carte per recipient, or one of the SES plans (us-east-1 prices only)"),
  [P_ATTACH_MB] = PC_DOUBLE ("attachments_mb_per_email", "0", "MB", 0, 40, "mean attachment size per email"),
  [P_SANDBOX] = PC_BOOL ("sandbox", "true", "account still in the SES sandbox (200 messages per 24 hours; the seed's MVP)"),
  [P_DEDICATED_IP] = PC_BOOL ("dedicated_ip", "false", "lease one standard dedicated IP"),
  [P_INBOUND] = PC_DOUBLE ("inbound_emails", "0", "emails/month", 0, 1e12, "emails received by SES"),
  [P_INBOUND_KB] = PC_DOUBLE ("inbound_kb_per_email", "0", "KB", 0, 40960, "mean size of a received email"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_EMAILS, M_SENT, M_REJECTED, M_SANDBOX_UTIL, M_ATTACH_GB, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_EMAILS] = { "emails", "emails", "emails the application asked to send" },
  [M_SENT] = { "emails_sent", "emails", "emails accepted and billed" },
  [M_REJECTED] = { "emails_rejected", "emails", "emails refused over the sandbox's daily quota" },
  [M_SANDBOX_UTIL] = { "sandbox_quota_utilisation", "ratio", "emails per day / 200 while in the sandbox (0 out of it)" },
  [M_ATTACH_GB] = { "attachments_gb", "GB", "attachment data sent" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

/* Plan keys, in the order of pricing's choices (a-la-carte has none). */
static const struct { const char *month, *email; } plans[] = {
  { NULL, NULL },
  { "ses.essentials.month", "ses.essentials.email" },
  { "ses.pro.month", "ses.pro.email" },
  { "ses.enterprise.month", "ses.enterprise.email" },
};

typedef struct {
  double attach_mb, inbound, inbound_chunks;
  gboolean sandbox, dedicated_ip;
  const PcPrice *email, *plan_month, *attachment, *dedicated, *inbound_email, *inbound_chunk;
} Ses;

static gboolean
resolve_prices (Ses *s, const PcCatalog *catalog, guint plan, GError **error)
{
  if (plan == 0 ? !(s->email = pc_catalog_price (catalog, "ses.email.recipient", error))
                : (!(s->plan_month = pc_catalog_price (catalog, plans[plan].month, error)) ||
                   !(s->email = pc_catalog_price (catalog, plans[plan].email, error))))
    return FALSE;
  return (s->attachment = pc_catalog_price (catalog, "ses.attachment.gb", error)) &&
         (s->dedicated = pc_catalog_price (catalog, "ses.dedicated_ip.month", error)) &&
         (s->inbound_email = pc_catalog_price (catalog, "ses.inbound.email", error)) &&
         (s->inbound_chunk = pc_catalog_price (catalog, "ses.inbound.chunk", error));
}

static gpointer
ses_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Ses *s = g_new0 (Ses, 1);
  s->attach_mb = pc_config_double (config, P_ATTACH_MB);
  s->sandbox = pc_config_bool (config, P_SANDBOX);
  s->dedicated_ip = pc_config_bool (config, P_DEDICATED_IP);
  s->inbound = pc_config_double (config, P_INBOUND);
  /* Every received email is at least one chunk. */
  s->inbound_chunks = s->inbound * MAX (1.0, ceil (pc_config_double (config, P_INBOUND_KB) / INBOUND_CHUNK_KB));
  if (!resolve_prices (s, catalog, pc_config_choice (config, P_PRICING), error))
    return NULL;
  return g_steal_pointer (&s);
}

static void
charge (const Ses *s, const PcStepContext *ctx, double sent, PcStepResult *result)
{
  if (s->plan_month)
    pc_result_charge (result, "SES plan", s->plan_month, 1, ctx);
  pc_result_charge (result, "emails sent", s->email, sent, ctx);
  if (s->attach_mb > 0)
    pc_result_charge (result, "attachments", s->attachment, sent * s->attach_mb / MB_PER_GB, ctx);
  if (s->dedicated_ip)
    pc_result_charge (result, "dedicated IP", s->dedicated, 1, ctx);
  if (s->inbound > 0) {
    pc_result_charge (result, "emails received", s->inbound_email, s->inbound, ctx);
    pc_result_charge (result, "inbound 256 KB chunks", s->inbound_chunk, s->inbound_chunks, ctx);
  }
}

static gboolean
ses_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Ses *s = state;
  double days = ctx->hours / 24.0, sent = demand->emails, utilisation = 0.0;
  if (s->sandbox) {
    utilisation = demand->emails / days / SANDBOX_MESSAGES_PER_DAY;
    sent = MIN (demand->emails, SANDBOX_MESSAGES_PER_DAY * days);
  }
  charge (s, ctx, sent, result);
  pc_result_metric (result, M_EMAILS, demand->emails);
  pc_result_metric (result, M_SENT, sent);
  pc_result_metric (result, M_REJECTED, demand->emails - sent);
  pc_result_metric (result, M_SANDBOX_UTIL, utilisation);
  pc_result_metric (result, M_ATTACH_GB, sent * s->attach_mb / MB_PER_GB);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "ses",
                  .version = "1.0",
                  .summary = "SES: outbound and inbound email, attachments, dedicated IP, sandbox quota",
                  .stage = PC_STAGE_THIRD_PARTY,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = ses_create,
                  .step = ses_step,
                  .destroy = g_free)
