/* sns - Amazon SNS topic for alarm notifications to the team.
 *
 * The seed's v1.5 sends CloudWatch alarm state changes to the team through
 * SNS.  Each alarm transition is one publish; the topic then delivers one
 * notification per subscriber: email_subscribers email deliveries and
 * http_subscribers HTTP/S deliveries (a chat webhook) per publish.
 * Deliveries to SQS and Lambda are free and not counted.
 *
 * Cost: publishes x sns.publish.request (first 1M free), email deliveries x
 * sns.email.notification (first 1,000 free), HTTP/S deliveries x
 * sns.http.notification (first 100,000 free).  At the seed's scale
 * everything sits inside the free tiers; a noisy alarm firing every few
 * minutes to a team of five crosses the email allowance.
 *
 * Worked month (any of the three Regions): 300 publishes to 5 email
 * subscribers = 1,500 emails: (1,500 - 1,000 free) x $2.00 per 100,000 =
 * $0.01; publishes are free.  $0.01 in all.
 */
#include <pc-plugin.h>

enum { P_PUBLISHES, P_EMAIL, P_HTTP, P_COUNT };
static const PcParamSpec params[] = {
  [P_PUBLISHES] = PC_DOUBLE ("publishes", "100", "publishes", 0, 1e12, "messages published a month (alarm state changes, app notifications)"),
  [P_EMAIL] = PC_INT ("email_subscribers", "3", "subscribers", 0, 100000, "email subscriptions on the topic"),
  [P_HTTP] = PC_INT ("http_subscribers", "0", "subscribers", 0, 100000, "HTTP/S subscriptions on the topic (chat webhooks)"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_PUBLISHES, M_EMAILS, M_HTTP, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_PUBLISHES] = { "publishes", "publishes", "messages published this month" },
  [M_EMAILS] = { "email_notifications", "notifications", "email deliveries this month" },
  [M_HTTP] = { "http_notifications", "notifications", "HTTP/S deliveries this month" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  double publishes, email_subscribers, http_subscribers;
  const PcPrice *publish, *email, *http;
} Sns;

static gpointer
sns_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Sns *sns = g_new0 (Sns, 1);
  sns->publishes = pc_config_double (config, P_PUBLISHES);
  sns->email_subscribers = (double) pc_config_int (config, P_EMAIL);
  sns->http_subscribers = (double) pc_config_int (config, P_HTTP);
  if (!(sns->publish = pc_catalog_price (catalog, "sns.publish.request", error)) ||
      !(sns->email = pc_catalog_price (catalog, "sns.email.notification", error)) ||
      !(sns->http = pc_catalog_price (catalog, "sns.http.notification", error)))
    return NULL;
  return g_steal_pointer (&sns);
}

static gboolean
sns_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Sns *sns = state;
  double emails = sns->publishes * sns->email_subscribers, http = sns->publishes * sns->http_subscribers;
  pc_result_charge (result, "publishes", sns->publish, sns->publishes, ctx);
  pc_result_charge (result, "email notifications", sns->email, emails, ctx);
  if (sns->http_subscribers > 0)
    pc_result_charge (result, "HTTP/S notifications", sns->http, http, ctx);
  pc_result_metric (result, M_PUBLISHES, sns->publishes);
  pc_result_metric (result, M_EMAILS, emails);
  pc_result_metric (result, M_HTTP, http);
  (void) demand;
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "sns",
                  .version = "1.0",
                  .summary = "Amazon SNS: alarm publishes, email and HTTP/S notifications",
                  .stage = PC_STAGE_THIRD_PARTY,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = sns_create,
                  .step = sns_step,
                  .destroy = g_free)
