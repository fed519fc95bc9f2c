/* cognito - Cognito user pool: monthly active users on a feature plan.
 *
 * What is billed.  A user who signs in, signs up, refreshes a token or
 * changes a password in a month is a monthly active user (MAU); the host's
 * demand monthly_active_users is that count.  Each feature plan has its own
 * MAU price, cognito.<tier>.mau: Essentials (the default for new user pools)
 * and Lite carry the 10,000-MAU always-free tier (per account), Lite has
 * volume bands, Plus has no free tier.  Cognito is billed by its users, not
 * by traffic, so it sits with the third-party services and changes no
 * demand.
 *
 * Worked month (Sydney, Essentials): 25,000 MAU = 10,000 free + 15,000 x
 * $0.015 = $225.00.  The seed's MVP (a few hundred users) costs nothing.
 */
#include <pc-plugin.h>

enum { P_TIER, P_COUNT };
enum { TIER_ESSENTIALS, TIER_PLUS, TIER_LITE, TIER_COUNT };
static const char *const tier_names[] = { [TIER_ESSENTIALS] = "essentials", [TIER_PLUS] = "plus", [TIER_LITE] = "lite" };
PC_CHECK_TABLE (tier_names, TIER_COUNT);
static const PcParamSpec params[] = {
  [P_TIER] = PC_CHOICE ("tier", "essentials", tier_names, "user pool feature plan"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_MAU, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_MAU] = { "mau", "users", "monthly active users billed" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

/* Catalog keys, in the order of tier's choices. */
static const char *const tier_keys[] = { "cognito.essentials.mau", "cognito.plus.mau", "cognito.lite.mau" };

typedef struct {
  const PcPrice *mau;
} Cognito;

static gpointer
cognito_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Cognito *c = g_new0 (Cognito, 1);
  if (!(c->mau = pc_catalog_price (catalog, tier_keys[pc_config_choice (config, P_TIER)], error)))
    return NULL;
  return g_steal_pointer (&c);
}

static gboolean
cognito_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Cognito *c = state;
  pc_result_charge (result, "monthly active users", c->mau, demand->monthly_active_users, ctx);
  pc_result_metric (result, M_MAU, demand->monthly_active_users);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "cognito",
                  .version = "1.0",
                  .summary = "Cognito user pool: MAU on the Essentials, Plus or Lite plan",
                  .stage = PC_STAGE_THIRD_PARTY,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = cognito_create,
                  .step = cognito_step,
                  .destroy = g_free)
