/* A corpus of broken plugins, one per refusal the host must make.  Each
 * module is this file compiled with one -DBAD_... flag (tests/meson.build);
 * the module's file name is its case name. */
#include <pc-plugin.h>

#if defined(BAD_PARAM_DEFAULT)
G_GNUC_UNUSED static const PcParamSpec params[] = {
  PC_DOUBLE ("size", "lots", "GB", 0, 10, "a size whose default does not parse"),
};
#elif defined(BAD_DUPLICATE_PARAM)
G_GNUC_UNUSED static const PcParamSpec params[] = {
  PC_DOUBLE ("size", "1", "GB", 0, 10, "a size"),
  PC_DOUBLE ("size", "2", "GB", 0, 10, "the same name again"),
};
#else
G_GNUC_UNUSED static const PcParamSpec params[] = {
  PC_DOUBLE ("size", "1", "GB", 0, 10, "a size"),
};
#endif
G_GNUC_UNUSED static const PcMetricSpec metrics[] = { { "m", "ratio", "a metric" } };

G_GNUC_UNUSED static gpointer bad_create (const PcConfig *c, const PcCatalog *k, GError **e) { (void) c, (void) k, (void) e; return g_new0 (int, 1); }
G_GNUC_UNUSED static gboolean bad_step (gconstpointer s, const PcStepContext *c, PcDemand *d, PcStepResult *r, GError **e)
{ (void) s, (void) c, (void) d, (void) r, (void) e; return TRUE; }

#ifndef BAD_NO_SYMBOL
G_MODULE_EXPORT const PcPluginInfo *
pc_plugin_get_info (void)
{
#if defined(BAD_NULL_INFO)
  return NULL;
#else
  static PcPluginInfo info = {
    .abi = PC_PLUGIN_ABI, .api_min = PC_PLUGIN_API, .size = sizeof (PcPluginInfo), .name = BAD_NAME, .version = "1.0",
    .summary = "a broken plugin", .stage = PC_STAGE_COMPUTE, PC_PARAMS (params), PC_METRICS (metrics),
    .create = bad_create, .step = bad_step, .destroy = g_free };
#if defined(BAD_ABI)
  info.abi = PC_PLUGIN_ABI + 1;
#elif defined(BAD_API)
  info.api_min = PC_PLUGIN_API + 1;
#elif defined(BAD_EMPTY_SUMMARY)
  info.summary = "";
#elif defined(BAD_NULL_STEP)
  info.step = NULL;
#elif defined(BAD_STAGE)
  info.stage = (PcStage) 99;
#endif
  return &info;
#endif
}
#else
G_MODULE_EXPORT int pc_plugin_something_else (void);
G_MODULE_EXPORT int pc_plugin_something_else (void) { return 0; }
#endif
