/* prices.c - which catalog files a component's prices come from.
 *
 * Three layers, merged by catalog.c in this order: the shipped catalogs of
 * the region (data/pricing/aws-REGION.xml and saas.xml), the plugin's own
 * price fragment (NAME.prices.xml beside its module), then every --catalog
 * file in command-line order.  A later layer adds prices or replaces one of
 * an earlier layer; each replacement is kept so the CLI can report it on
 * stderr and in its output.  A plugin with a fragment gets a catalog of its
 * own, so one plugin's fragment never changes another plugin's prices.
 */
#include "pc-private.h"

#include <json-glib/json-glib.h>
#include <stdlib.h>

GStrv
pc_catalog_check_file (const char *path, GError **error)
{
  g_autoptr (GPtrArray) regions = g_ptr_array_new_with_free_func (g_free);
  if (!pc_catalog_list_regions (path, regions, error))
    return NULL;
  /* Each region on its own, with the file's global prices, as a layer
   * for that region would merge them. */
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  for (guint i = 0; i < regions->len; i++) {
    g_autoptr (PcCatalog) one = pc_catalog_new ();
    one->region = g_strdup (regions->pdata[i]);
    if (!pc_catalog_add_layer (one, &path, 1, PC_LAYER_BASE, error))
      return NULL;
    g_strv_builder_add (builder, regions->pdata[i]);
  }
  return g_strv_builder_end (builder);
}

guint
pc_catalog_n_overrides (const PcCatalog *catalog)
{
  return catalog->overrides->len;
}

const PcPriceOverride *
pc_catalog_override (const PcCatalog *catalog, guint index)
{
  g_return_val_if_fail (index < catalog->overrides->len, NULL);
  return &g_array_index (catalog->overrides, PcPriceOverride, index);
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

GStrv
pc_shipped_regions (void)
{
  g_autoptr (GStrvBuilder) regions = g_strv_builder_new ();
  g_autofree char *dir = pc_find_data_subdir ("pricing");
  g_autoptr (GDir) handle = dir ? g_dir_open (dir, 0, NULL) : NULL;
  const char *entry;
  while (handle && (entry = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (entry, "aws-") && g_str_has_suffix (entry, ".xml")) {
      g_autofree char *region = g_strndup (entry + 4, strlen (entry) - 8);
      g_strv_builder_add (regions, region);
    }
  GStrv sorted = g_strv_builder_end (regions);
  qsort (sorted, g_strv_length (sorted), sizeof (char *), compare_strings);
  return sorted;
}

GStrv
pc_plugin_regions (const PcPlugin *plugin)
{
  const char *const *fragment = pc_plugin_fragment_regions (plugin);
  g_autoptr (GStrvBuilder) regions = g_strv_builder_new ();
  gboolean any = FALSE;
  for (guint i = 0; fragment && fragment[i]; i++)
    if (!g_str_equal (fragment[i], "global")) {
      g_strv_builder_add (regions, fragment[i]);
      any = TRUE;
    }
  return any ? g_strv_builder_end (regions) : pc_shipped_regions ();
}

/* Whether a layer other than the shipped one has prices for @region. */
static gboolean
covered_elsewhere (PcHost *host, const char *region, const PcPlugin *plugin)
{
  const char *const *fragment = plugin ? pc_plugin_fragment_regions (plugin) : NULL;
  if (fragment && g_strv_contains (fragment, region))
    return TRUE;
  const GPtrArray *extra = pc_host_catalog_regions (host);
  for (guint i = 0; i < extra->len; i++)
    if (g_strv_contains (extra->pdata[i], region))
      return TRUE;
  return FALSE;
}

/* The shipped layer; missing is fine when another layer prices @region. */
static gboolean
add_shipped (PcCatalog *catalog, PcHost *host, const char *region, const PcPlugin *plugin, GError **error)
{
  if (!pc_region_check_name (region, error))
    return FALSE;
  g_autofree char *dir = pc_find_data_subdir ("pricing");
  g_autofree char *file = g_strdup_printf ("aws-%s.xml", region);
  g_autofree char *path = dir ? g_build_filename (dir, file, NULL) : NULL;
  if (path != NULL && g_file_test (path, G_FILE_TEST_EXISTS)) {
    g_autofree char *saas = g_build_filename (dir, "saas.xml", NULL);
    const char *paths[] = { path, saas };
    return pc_catalog_add_layer (catalog, paths, g_file_test (saas, G_FILE_TEST_EXISTS) ? 2 : 1, PC_LAYER_BASE, error);
  }
  if (covered_elsewhere (host, region, plugin))
    return TRUE;
  g_auto (GStrv) shipped = pc_shipped_regions ();
  g_autofree char *known = g_strjoinv (", ", shipped);
  const char *nearest = pc_suggest (region, (const char *const *) shipped);
  g_autofree char *suggestion = nearest ? g_strdup_printf (" (did you mean %s?)", nearest) : g_strdup ("");
  g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF,
               "no prices for region \"%s\" (the shipped catalogs cover: %s%s)%s", region, *known ? known : "none",
               dir ? "" : "; the pricing directory was not found, set PHASECAST_DATA_DIR", suggestion);
  return FALSE;
}

/* Says, in "no price" errors, which regions the plugin's fragment covers. */
static void
set_missing_hint (PcCatalog *catalog, const PcPlugin *plugin)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  const char *const *regions = pc_plugin_fragment_regions (plugin);
  for (guint i = 0; regions[i]; i++)
    if (!g_str_equal (regions[i], "global"))
      g_strv_builder_add (builder, regions[i]);
  g_auto (GStrv) regional = g_strv_builder_end (builder);
  if (*regional == NULL || g_strv_contains ((const char *const *) regional, catalog->region))
    return;
  g_autofree char *list = g_strjoinv (", ", regional);
  catalog->missing_hint = g_strdup_printf ("; plugin %s's price fragment %s has prices for %s only",
                                           pc_plugin_info (plugin)->name, pc_plugin_fragment (plugin), list);
}

PcCatalog *
pc_host_catalog (PcHost *host, const char *region, const PcPlugin *plugin, GError **error)
{
  g_autoptr (PcCatalog) catalog = pc_catalog_new ();
  catalog->region = g_strdup (region);
  if (!add_shipped (catalog, host, region, plugin, error))
    return NULL;
  const char *fragment = plugin ? pc_plugin_fragment (plugin) : NULL;
  if (fragment != NULL) {
    if (!pc_catalog_add_layer (catalog, &fragment, 1, PC_LAYER_FRAGMENT, error))
      return NULL;
    set_missing_hint (catalog, plugin);
  }
  const GPtrArray *extra = pc_host_catalog_files (host);
  for (guint i = 0; i < extra->len; i++)
    if (!pc_catalog_add_layer (catalog, (const char *const *) &extra->pdata[i], 1, PC_LAYER_EXTRA, error))
      return NULL;
  return g_steal_pointer (&catalog);
}

char *
pc_price_override_text (const PcPriceOverride *change)
{
  char now[G_ASCII_DTOSTR_BUF_SIZE], was[G_ASCII_DTOSTR_BUF_SIZE];   /* '.' in any locale */
  g_ascii_formatd (now, sizeof now, "%.10g", pc_price_unit_usd (change->now));
  if (change->was == NULL)
    return g_strdup_printf ("%s: price %s is $%s from %s:%d, a key no earlier catalog has", change->region,
                            change->now->key, now, change->now->file, change->now->line);
  g_ascii_formatd (was, sizeof was, "%.10g", pc_price_unit_usd (change->was));
  return g_strdup_printf ("%s: price %s is $%s from %s:%d, replacing $%s from %s:%d", change->region, change->now->key,
                          now, change->now->file, change->now->line, was, change->was->file, change->was->line);
}

const char *
pc_price_override_label (const PcPriceOverride *change)
{
  return change->was ? "price override" : "price added";
}

static void
add_price_origin (JsonBuilder *b, const PcPrice *price)
{
  json_builder_set_member_name (b, "usd");
  json_builder_add_double_value (b, pc_price_unit_usd (price));
  json_builder_set_member_name (b, "file");
  json_builder_add_string_value (b, price->file);
  json_builder_set_member_name (b, "line");
  json_builder_add_int_value (b, price->line);
}

void
pc_price_overrides_to_json (JsonBuilder *b, const GPtrArray *overrides)
{
  json_builder_begin_array (b);
  for (guint i = 0; i < overrides->len; i++) {
    const PcPriceOverride *change = overrides->pdata[i];
    json_builder_begin_object (b);
    json_builder_set_member_name (b, "region");
    json_builder_add_string_value (b, change->region);
    json_builder_set_member_name (b, "key");
    json_builder_add_string_value (b, change->now->key);
    add_price_origin (b, change->now);
    json_builder_set_member_name (b, "replaces");
    if (change->was == NULL) {
      json_builder_add_null_value (b);
    } else {
      json_builder_begin_object (b);
      add_price_origin (b, change->was);
      json_builder_end_object (b);
    }
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
}
