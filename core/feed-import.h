/* feed-import.h - turning AWS's own price feeds into catalog XML.
 *
 * Private to libphasecast and the CLI (`phasecast catalog`), like
 * pc-private.h.  A feed map (data/pricing/feed-map.xml, schema
 * feed-map.rng) says which feed product becomes which catalog key; an
 * import reads feeds for one region through that map and writes a catalog
 * file (format 1) that pc_catalog_add_file() loads.
 */
#pragma once

/* Part of phasecast.h, which includes it after the types it uses. */

G_BEGIN_DECLS

typedef struct _PcFeedMap PcFeedMap;
typedef struct _PcFeedImport PcFeedImport;

/* Reads and validates a feed map (no network, no DOCTYPE). */
PC_API PcFeedMap *pc_feed_map_load (const char *path, GError **error);
PC_API void pc_feed_map_free (PcFeedMap *map);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcFeedMap, pc_feed_map_free)

/* An import for @region, which the map's <region> list must name. */
PC_API PcFeedImport *pc_feed_import_new (const PcFeedMap *map, const char *region, GError **error);
PC_API void pc_feed_import_free (PcFeedImport *import);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcFeedImport, pc_feed_import_free)

/* Reads one feed: a bulk Price List offer file (JSON or CSV) or a
 * pricing-page feed (meteredUnitMaps JSON).  @origin (nullable) says where
 * the copy came from (repository, path, commit); it becomes the text of the
 * feed's <source>. */
PC_API gboolean pc_feed_import_add_feed (PcFeedImport *import, const char *path, const char *origin,
                                  GError **error);

/* Keeps every price of the catalog @path whose key no feed produced, with
 * the <source> elements it cites (hand-sourced or derived prices). */
PC_API gboolean pc_feed_import_keep (PcFeedImport *import, const char *path, GError **error);

/* Number of prices the feeds produced (kept ones not counted). */
PC_API guint pc_feed_import_n_prices (const PcFeedImport *import);

/* Writes the catalog to @path through a temporary file in the same folder
 * and checks it against catalog.rng before it takes the name; refuses an
 * existing @path unless @force.  @path NULL: to standard output.
 * @gathered: YYYY-MM-DD. */
PC_API gboolean pc_feed_import_write (PcFeedImport *import, const char *path, gboolean force,
                               const char *gathered, GError **error);

/* The difference between two catalogs, one line per key: "added",
 * "changed" (old -> new and by how much) and "removed", sorted by key.
 * Returns: (transfer full): the text, "" when equal. */
PC_API char *pc_catalog_diff (const PcCatalog *old_catalog, const PcCatalog *new_catalog);

G_END_DECLS
