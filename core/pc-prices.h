/* pc-prices.h - where a component's prices come from (prices.c): the
 * shipped catalogs, the price fragment a plugin installs beside its module
 * (NAME.prices.xml), and --catalog files, merged in that order; and every
 * price one of them replaced, so no override goes unreported. */
#pragma once

#include "pc-plugin.h"

G_BEGIN_DECLS

typedef struct _PcPlugin PcPlugin;
typedef struct _PcHost PcHost;
typedef struct _JsonBuilder JsonBuilder;  /* json-glib's */

/* A price a later catalog layer replaced, or a key a --catalog file added
 * that no earlier layer has (an addition: @was is NULL). */
typedef struct {
  const char *region;         /* the catalog's region */
  const PcPrice *was;         /* the replaced price, or NULL for an addition */
  const PcPrice *now;         /* the price in force */
} PcPriceOverride;

/* One line: "REGION: price KEY is $X from FILE:LINE, replacing $Y from
 * FILE:LINE", or for an addition "..., a key no earlier catalog has".
 * Returns: (transfer full). */
PC_API char *pc_price_override_text (const PcPriceOverride *change);
/* "price override" or "price added": how tables label @change. */
PC_API const char *pc_price_override_label (const PcPriceOverride *change);
/* Adds an array of overrides (const PcPriceOverride*) as the builder's next
 * value: [{region, key, usd, file, line, replaces: {usd, file, line} or
 * null for an addition}]. */
PC_API void pc_price_overrides_to_json (JsonBuilder *builder, const GPtrArray *overrides);

/* The file and line a price was read from. */
PC_API const char *pc_price_file (const PcPrice *price);
PC_API int pc_price_line (const PcPrice *price);
/* Whether a plugin has looked @price up (pc_catalog_price) since its
 * catalog was built: an addition nothing reads changes nothing. */
PC_API gboolean pc_price_was_read (const PcPrice *price);

/* Checks every region of a catalog file on its own (schema, sources, tiers,
 * no key twice per region).  Returns: (transfer full): its regions, in file
 * order, "global" included; NULL with @error naming file:line. */
PC_API GStrv pc_catalog_check_file (const char *path, GError **error);

/* The overrides that happened while @catalog was built, in order. */
PC_API guint pc_catalog_n_overrides (const PcCatalog *catalog);
PC_API const PcPriceOverride *pc_catalog_override (const PcCatalog *catalog, guint index);

/* The plugin's price fragment (NAME.prices.xml beside its module, checked
 * when the plugin was opened), or NULL. */
PC_API const char *pc_plugin_fragment (const PcPlugin *plugin);
/* The regions a plugin claims to price: those of its fragment's regional
 * catalogs, or, when it has none (no fragment, or only "global" prices),
 * the regions of the shipped catalogs.  Returns: (transfer full). */
PC_API GStrv pc_plugin_regions (const PcPlugin *plugin);
/* The regions of the shipped catalogs (aws-REGION.xml), sorted.
 * Returns: (transfer full): possibly empty. */
PC_API GStrv pc_shipped_regions (void);

/* Adds a --catalog file, checked now, as the last layer of every catalog the
 * host builds from here on.  FALSE with @error naming file:line. */
PC_API gboolean pc_host_add_catalog (PcHost *host, const char *path, GError **error);
/* Returns: (transfer full): the catalog of @region as @plugin (nullable)
 * sees it: shipped prices, then the plugin's fragment, then the --catalog
 * files.  NULL with @error when no layer has prices for @region. */
PC_API PcCatalog *pc_host_catalog (PcHost *host, const char *region, const PcPlugin *plugin, GError **error);

G_END_DECLS
