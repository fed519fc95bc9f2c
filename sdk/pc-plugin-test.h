/* pc-plugin-test.h - test a phasecast plugin: demand in, cost lines out.
 *
 * Installed with the SDK (pkg-config phasecast-plugin-test).  Prices one
 * 730-hour month of a plugin the way `phasecast price` does: the plugin is
 * found on $PHASECAST_PLUGIN_PATH (a test points it at its build directory)
 * and then among the installed plugins, and sees the installed catalogs of
 * the region plus its own NAME.prices.xml.  Settings are "key=value"
 * strings: the plugin's parameters, usage keys (`phasecast price --help`
 * lists them: requests, rps, egress_gb, stored_gb, ...) and named demands
 * it reads.
 *
 *   const char *sets[] = { "requests=1000000", "message_kb=100", NULL };
 *   g_autoptr (GError) error = NULL;
 *   g_autoptr (PcMonth) month = pc_month_price ("sqs", "us-east-1", sets, &error);
 *   g_assert_no_error (error);
 *   pc_assert_cost (pc_month_line_usd (month, "requests"), 5000000 * 0.40 / 1e6);
 */
#pragma once

#include <pc-plugin.h>

G_BEGIN_DECLS

typedef struct _PcMonth PcMonth;

/* Prices one month of plugin @plugin in @region with @sets (NULL-terminated,
 * nullable).  Returns: (transfer full): the month, or NULL with @error (an
 * unknown plugin, a refused setting, a missing price, a broken contract). */
PC_API PcMonth *pc_month_price (const char *plugin, const char *region, const char *const *sets, GError **error);
PC_API void pc_month_free (PcMonth *month);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcMonth, pc_month_free)

/* The month's cost in USD: the sum of its lines. */
PC_API double pc_month_total (const PcMonth *month);
PC_API guint pc_month_n_lines (const PcMonth *month);
/* Line @index: its item (the return value), quantity, unit, USD and price
 * key; out arguments are nullable; *price_key is NULL for a computed line. */
PC_API const char *pc_month_line (const PcMonth *month, guint index, double *quantity, const char **unit, double *usd,
                                  const char **price_key);
/* The USD and the quantity of the line named @item; NAN when there is none. */
PC_API double pc_month_line_usd (const PcMonth *month, const char *item);
PC_API double pc_month_line_quantity (const PcMonth *month, const char *item);
/* The metric named @name (from the plugin's table); NAN when it has none. */
PC_API double pc_month_metric (const PcMonth *month, const char *name);
/* The unit price of @key (USD per unit, the first paid tier) in the
 * catalog @plugin sees in @region; NAN with @error when there is none. */
PC_API double pc_month_unit_price (const char *plugin, const char *region, const char *key, GError **error);

/* Money equal to a relative 1e-9, with a 1e-9 USD floor for zero. */
#define pc_assert_cost(got, want) \
  g_assert_cmpfloat_with_epsilon ((got), (want), MAX (1e-9, 1e-9 * ((want) < 0 ? -(want) : (want))))

G_END_DECLS
