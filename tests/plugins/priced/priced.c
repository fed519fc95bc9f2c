/* priced - a test plugin whose only price comes from its own fragment
 * (priced.prices.xml beside the module), and which can read a named demand.
 *
 * Charges `priced.request` for either the month's dynamic requests or, with
 * source=messages, the named demand "messages" times requests_per_message.
 * Built twice (tests/plugins/priced/meson.build): as "priced" with a good
 * fragment and as "badly-priced" with a fragment that defines a key twice. */
#include <pc-plugin.h>

enum { SOURCE_REQUESTS, SOURCE_MESSAGES, SOURCE_COUNT };
static const char *const source_names[] = { [SOURCE_REQUESTS] = "requests", [SOURCE_MESSAGES] = "messages" };
PC_CHECK_TABLE (source_names, SOURCE_COUNT);

enum { P_SOURCE, P_PER_MESSAGE, P_COUNT };
static const PcParamSpec params[] = {
  [P_SOURCE] = PC_CHOICE ("source", "requests", source_names, "what is charged: dynamic requests or the named demand"),
  [P_PER_MESSAGE] = PC_DOUBLE ("requests_per_message", "1", "requests", 0, 100, "billed requests per message"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_BILLED, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_BILLED] = { "billed_requests", "requests", "requests charged this month" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  const PcPrice *request;
  guint source, messages;
  double per_message;
} Priced;

static gpointer
priced_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Priced *priced = g_new0 (Priced, 1);
  priced->source = pc_config_choice (config, P_SOURCE);
  priced->per_message = pc_config_double (config, P_PER_MESSAGE);
  if (!(priced->request = pc_catalog_price (catalog, "priced.request", error)))
    return NULL;
  if (priced->source == SOURCE_MESSAGES && !pc_config_demand (config, "messages", &priced->messages, error))
    return NULL;
  return g_steal_pointer (&priced);
}

static gboolean
priced_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Priced *priced = state;
  double billed = priced->source == SOURCE_MESSAGES ? demand->named[priced->messages] * priced->per_message
                                                   : demand->requests;
  pc_result_charge (result, "requests", priced->request, billed, ctx);
  pc_result_metric (result, M_BILLED, billed);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = PRICED_NAME,
                  .version = "1.0",
                  .summary = "Test plugin priced from its own fragment",
                  .stage = PC_STAGE_THIRD_PARTY,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = priced_create,
                  .step = priced_step,
                  .destroy = g_free)
