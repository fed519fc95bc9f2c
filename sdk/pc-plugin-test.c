/* pc-plugin-test.c - the installed test helper (pc-plugin-test.h): one
 * priced month of a plugin, through the same host, catalogs, settings and
 * checks as `phasecast price`. */
#include "pc-plugin-test.h"

#include "phasecast.h"

#include <math.h>

struct _PcMonth {
  const PcPluginInfo *info;
  PcStepResult *result;
};

/* One host for the process: plugins stay loaded, so the item and unit
 * strings a month points to (the plugin's own) stay valid. */
static PcHost *
shared_host (void)
{
  static gsize done;
  static PcHost *host;
  if (g_once_init_enter (&done)) {
    host = pc_host_new (NULL);
    g_once_init_leave (&done, 1);
  }
  return host;
}

PcMonth *
pc_month_price (const char *plugin_name, const char *region, const char *const *sets, GError **error)
{
  const PcPlugin *plugin = pc_host_get (shared_host (), plugin_name, error);
  g_autoptr (PcCatalog) catalog = plugin ? pc_host_catalog (shared_host (), region, plugin, error) : NULL;
  if (catalog == NULL)
    return NULL;
  g_autoptr (PcConfig) config = pc_config_new (pc_plugin_info (plugin), plugin_name);
  g_autoptr (PcUsage) usage = pc_usage_new ();
  g_autoptr (PcStepResult) result = pc_step_result_new ();
  if (!pc_usage_apply (usage, config, sets, error) || !pc_price_month (plugin, config, catalog, usage, result, error))
    return NULL;
  PcMonth *month = g_new0 (PcMonth, 1);
  month->info = pc_plugin_info (plugin);
  month->result = g_steal_pointer (&result);
  return month;
}

void
pc_month_free (PcMonth *month)
{
  if (month == NULL)
    return;
  pc_step_result_free (month->result);
  g_free (month);
}

double pc_month_total (const PcMonth *month) { return pc_step_result_usd (month->result); }
guint pc_month_n_lines (const PcMonth *month) { return pc_step_result_n_lines (month->result); }

const char *
pc_month_line (const PcMonth *month, guint index, double *quantity, const char **unit, double *usd,
               const char **price_key)
{
  const char *item = NULL, *line_unit = NULL;
  double line_quantity = 0, line_usd = 0;
  const PcPrice *price = NULL;
  g_return_val_if_fail (index < pc_step_result_n_lines (month->result), NULL);
  pc_step_result_line (month->result, index, &item, &line_quantity, &line_unit, &line_usd, &price);
  if (quantity)
    *quantity = line_quantity;
  if (unit)
    *unit = line_unit;
  if (usd)
    *usd = line_usd;
  if (price_key)
    *price_key = price ? pc_price_key (price) : NULL;
  return item;
}

/* Line @item's quantity or USD; NAN when there is no such line. */
static double
line_field (const PcMonth *month, const char *item, gboolean want_usd)
{
  for (guint i = 0; i < pc_month_n_lines (month); i++) {
    double quantity, usd;
    if (g_strcmp0 (pc_month_line (month, i, &quantity, NULL, &usd, NULL), item) == 0)
      return want_usd ? usd : quantity;
  }
  return NAN;
}

double pc_month_line_usd (const PcMonth *month, const char *item) { return line_field (month, item, TRUE); }
double pc_month_line_quantity (const PcMonth *month, const char *item) { return line_field (month, item, FALSE); }

double
pc_month_metric (const PcMonth *month, const char *name)
{
  for (guint m = 0; m < month->info->n_metrics; m++)
    if (g_str_equal (month->info->metrics[m].name, name))
      return pc_step_result_metric (month->result, m);
  return NAN;
}

double
pc_month_unit_price (const char *plugin_name, const char *region, const char *key, GError **error)
{
  const PcPlugin *plugin = pc_host_get (shared_host (), plugin_name, error);
  g_autoptr (PcCatalog) catalog = plugin ? pc_host_catalog (shared_host (), region, plugin, error) : NULL;
  const PcPrice *price = catalog ? pc_catalog_price (catalog, key, error) : NULL;
  return price ? pc_price_unit_usd (price) : NAN;
}
