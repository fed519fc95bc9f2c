/* waf - AWS WAF web ACL: the ACL, its rules, requests inspected, Bot Control.
 *
 * Cost: one web ACL (waf.web_acl.month) + rules x waf.rule.month (each rule
 * and each managed rule group counts once: the seed's OWASP protection is
 * typically the Core rule set, Known bad inputs, SQL database, Amazon IP
 * reputation and one rate-based rule = 5) + requests inspected x
 * waf.request.  A regional ACL on the ALB inspects the dynamic requests
 * (demand->requests); an ACL attached to CloudFront also inspects the
 * static asset requests (demand->static_requests).
 * Bot Control adds its subscription (waf.bot_control.month) and its
 * per-request price for the share of requests it inspects (scope-down
 * statements lower it): the common level includes 10M requests a month, the
 * targeted level 1M (waf.bot_control_targeted.request instead).
 *
 * Effect on demand: blocked_share of the dynamic requests is blocked, so
 * requests, level_rps and egress_gb downstream fall by that share.
 *
 * Stage.  INGRESS, after the EDGE stage: a regional ACL sees what CloudFront
 * and Lambda@Edge pass to the load balancer, and an ACL on CloudFront counts
 * the static requests CloudFront served (it leaves static_requests as the
 * viewers' count).  Within INGRESS components step in the order the roadmap
 * first declares them; the seed declares the ALB first, so the ALB counts
 * blocked requests too (it receives them and answers 403).  Requests a
 * CloudFront cache answers are not counted for a CloudFront-scope ACL.
 *
 * Worked month (Sydney, regional, 5 rules, flat 10 rps = 26.28M requests):
 * $5.00 + 5 x $1.00 + 26.28M x $0.60 per million = $15.77; $25.77 in all,
 * against the seed's "~$6/month + rule charges".
 */
#include <pc-plugin.h>

enum { P_SCOPE, P_RULES, P_BOT_CONTROL, P_BOT_LEVEL, P_BOT_SHARE, P_BLOCKED, P_COUNT };
enum { SCOPE_REGIONAL, SCOPE_CLOUDFRONT, SCOPE_COUNT };
static const char *const scope_names[] = { [SCOPE_REGIONAL] = "regional", [SCOPE_CLOUDFRONT] = "cloudfront" };
PC_CHECK_TABLE (scope_names, SCOPE_COUNT);
enum { BOT_CONTROL_LEVEL_COMMON, BOT_CONTROL_LEVEL_TARGETED, BOT_CONTROL_LEVEL_COUNT };
static const char *const bot_control_level_names[] = { [BOT_CONTROL_LEVEL_COMMON] = "common", [BOT_CONTROL_LEVEL_TARGETED] = "targeted" };
PC_CHECK_TABLE (bot_control_level_names, BOT_CONTROL_LEVEL_COUNT);
static const PcParamSpec params[] = {
  [P_SCOPE] = PC_CHOICE ("scope", "regional", scope_names, "where the web ACL is attached: the ALB (regional) or the CloudFront distribution"),
  [P_RULES] = PC_INT ("rules", "5", "rules", 0, 1000, "rules and managed rule groups in the web ACL"),
  [P_BOT_CONTROL] = PC_BOOL ("bot_control", "false", "Bot Control managed rule group"),
  [P_BOT_LEVEL] = PC_CHOICE ("bot_control_level", "common", bot_control_level_names, "Bot Control inspection level"),
  [P_BOT_SHARE] = PC_DOUBLE ("bot_control_share", "1", "ratio", 0, 1, "share of inspected requests that reach Bot Control (scope-down statements)"),
  [P_BLOCKED] = PC_DOUBLE ("blocked_share", "0", "ratio", 0, 1, "share of dynamic requests the ACL blocks"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_INSPECTED, M_BLOCKED, M_BOT_INSPECTED, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_INSPECTED] = { "requests_inspected", "requests", "requests inspected by the web ACL this month" },
  [M_BLOCKED] = { "requests_blocked", "requests", "dynamic requests blocked this month" },
  [M_BOT_INSPECTED] = { "bot_control_requests", "requests", "requests inspected by Bot Control this month" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  gboolean cloudfront, bot_control;
  gint64 rules;
  double bot_share, blocked_share;
  const PcPrice *acl, *rule, *request, *bot_month, *bot_request;
} Waf;

static gpointer
waf_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Waf *waf = g_new0 (Waf, 1);
  waf->cloudfront = pc_config_choice (config, P_SCOPE) == 1;
  waf->rules = pc_config_int (config, P_RULES);
  waf->bot_control = pc_config_bool (config, P_BOT_CONTROL);
  waf->bot_share = pc_config_double (config, P_BOT_SHARE);
  waf->blocked_share = pc_config_double (config, P_BLOCKED);
  gboolean targeted = pc_config_choice (config, P_BOT_LEVEL) == 1;
  if (!(waf->acl = pc_catalog_price (catalog, "waf.web_acl.month", error)) ||
      !(waf->rule = pc_catalog_price (catalog, "waf.rule.month", error)) ||
      !(waf->request = pc_catalog_price (catalog, "waf.request", error)))
    return NULL;
  if (waf->bot_control &&
      (!(waf->bot_month = pc_catalog_price (catalog, "waf.bot_control.month", error)) ||
       !(waf->bot_request = pc_catalog_price (catalog, targeted ? "waf.bot_control_targeted.request"
                                                                : "waf.bot_control.request", error))))
    return NULL;
  return g_steal_pointer (&waf);
}

/* Removes the blocked share of dynamic traffic from what reaches the origin. */
static double
block (const Waf *waf, PcDemand *demand)
{
  double keep = 1.0 - waf->blocked_share, blocked = demand->requests * waf->blocked_share;
  demand->requests *= keep;
  demand->egress_gb *= keep;
  for (guint k = 0; k < demand->n_levels; k++)
    demand->level_rps[k] *= keep;
  return blocked;
}

static gboolean
waf_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Waf *waf = state;
  double inspected = demand->requests + (waf->cloudfront ? demand->static_requests : 0.0);
  double bot_inspected = waf->bot_control ? inspected * waf->bot_share : 0.0;
  pc_result_charge (result, "web ACL", waf->acl, 1.0, ctx);
  pc_result_charge (result, "rules", waf->rule, (double) waf->rules, ctx);
  pc_result_charge (result, "requests inspected", waf->request, inspected, ctx);
  if (waf->bot_control) {
    pc_result_charge (result, "Bot Control subscription", waf->bot_month, 1.0, ctx);
    pc_result_charge (result, "Bot Control requests", waf->bot_request, bot_inspected, ctx);
  }
  double blocked = block (waf, demand);
  pc_result_metric (result, M_INSPECTED, inspected);
  pc_result_metric (result, M_BLOCKED, blocked);
  pc_result_metric (result, M_BOT_INSPECTED, bot_inspected);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "waf",
                  .version = "1.0",
                  .summary = "AWS WAF: web ACL, rules, requests inspected, Bot Control, blocked traffic",
                  .stage = PC_STAGE_INGRESS,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = waf_create,
                  .step = waf_step,
                  .destroy = g_free)
