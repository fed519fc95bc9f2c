// The plugin header from C++: it must compile as C++11 (declarations only)
// and, from C++20 on, PC_PLUGIN_DEFINE must build a descriptor the host
// accepts.  Built twice by tests/meson.build (cpp_std c++11 and c++20) when
// a C++ compiler is available; TAP through GLib's test framework.
#include <pc-plugin.h>

enum { P_SIZE, P_MODE, P_COUNT };
enum { MODE_FAST, MODE_CHEAP, MODE_COUNT };
static const char *const mode_names[] = { "fast", "cheap" };   // C++: entries in enum order
PC_CHECK_TABLE (mode_names, MODE_COUNT);
static const PcParamSpec params[] = {
  PC_DOUBLE ("size_gb", "1", "GB", 0, 1e6, "data size"),
  PC_CHOICE ("mode", "fast", mode_names, "how it runs"),
};
PC_CHECK_TABLE (params, P_COUNT);
static const PcMetricSpec metrics[] = { { "load", "ratio", "share of capacity used" } };

static gpointer
cxx_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  (void) config, (void) catalog, (void) error;
  return g_new0 (double, 1);
}

static gboolean
cxx_step (gconstpointer instance, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  (void) instance, (void) ctx, (void) demand, (void) error;
  pc_result_metric (result, 0, 0.5);
  return TRUE;
}

#if __cplusplus >= 202002L
PC_PLUGIN_DEFINE (.name = "cxx", .version = "1.0", .summary = "a plugin written in C++", .stage = PC_STAGE_COMPUTE,
                  PC_PARAMS (params), PC_METRICS (metrics), .create = cxx_create, .step = cxx_step, .destroy = g_free)
#else
// Before C++20 there are no designated initializers: the same descriptor by hand.
G_MODULE_EXPORT const PcPluginInfo *
pc_plugin_get_info (void)
{
  static PcPluginInfo info;
  info.abi = PC_PLUGIN_ABI, info.api_min = PC_PLUGIN_API, info.size = sizeof (PcPluginInfo);
  info.name = "cxx", info.version = "1.0", info.summary = "a plugin written in C++";
  info.stage = PC_STAGE_COMPUTE, info.params = params, info.n_params = P_COUNT;
  info.metrics = metrics, info.n_metrics = 1;
  info.create = cxx_create, info.step = cxx_step, info.destroy = g_free;
  return &info;
}
#endif

static void
test_descriptor (void)
{
  const PcPluginInfo *info = pc_plugin_get_info ();
  g_assert_cmpuint (info->abi, ==, PC_PLUGIN_ABI);
  g_assert_cmpuint (info->size, ==, sizeof (PcPluginInfo));
  g_assert_cmpstr (info->name, ==, "cxx");
  g_assert_cmpuint (info->n_params, ==, 2);
  g_assert_cmpuint (info->params[P_MODE].n_choices, ==, 2);
  g_assert_cmpstr (info->params[P_MODE].choices[MODE_CHEAP], ==, "cheap");
  g_assert_cmpuint (info->n_metrics, ==, 1);
  g_assert_null (info->cost_may_fall);
}

static void
test_links (void)
{
  // One erlang, one server: every arrival waits (C linkage from C++).
  g_assert_cmpfloat (pc_erlang_c (1, 1.0), ==, 1.0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/header/cxx/descriptor", test_descriptor);
  g_test_add_func ("/header/cxx/links", test_links);
  return g_test_run ();
}
