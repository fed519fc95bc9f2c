/* catalog.c - unit prices of one region, merged from layers of catalog files.
 *
 * A catalog is built in layers, each a set of files read in order:
 *   1. the shipped prices: data/pricing/aws-<region>.xml and saas.xml;
 *   2. the price fragment of the plugin the catalog is for (NAME.prices.xml
 *      beside its module), when it has one;
 *   3. every --catalog file, in command-line order.
 * A file is one <catalog region="..."> or a <catalogs> around several; a
 * layer takes the catalogs of its region and those marked region="global".
 * A key defined twice within one layer is an error; a key a later layer
 * defines again replaces the earlier price, and the replacement is kept as
 * an override so that every output can say so (never silently).
 *
 * Each price keeps its file and line, source, date and, when it was
 * computed rather than read, how it was derived, so every printed line can
 * say where its number came from.  Prices are looked up by key once, when a
 * component is created; the month loop only follows the returned pointers.
 *
 * Tiers are cumulative: tier i covers quantities in (upto[i-1], upto[i]].
 * A free tier costs nothing; a 12-month one only while the account is
 * younger than twelve months (it is then charged at the next paid rate):
 * pc-price-cost.h walks them.
 */
#include "pc-private.h"

#include "pc-price-cost.h"

static void
price_free (PcPrice *price)
{
  g_free (price->key);
  g_free (price->unit);
  g_free (price->source_id);
  g_free (price->date);
  g_free (price->derived);
  g_free (price->note);
  g_free (price->tiers);
  g_free (price->sku);
  g_free (price->rate_code);
  g_free (price);
}

PcCatalog *
pc_catalog_new (void)
{
  PcCatalog *catalog = g_new0 (PcCatalog, 1);
  catalog->files = g_ptr_array_new_with_free_func (g_free);
  catalog->prices = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) price_free);
  catalog->sources = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  catalog->replaced = g_ptr_array_new_with_free_func ((GDestroyNotify) price_free);
  catalog->overrides = g_array_new (FALSE, FALSE, sizeof (PcPriceOverride));
  return catalog;
}

void
pc_catalog_free (PcCatalog *catalog)
{
  if (catalog == NULL)
    return;
  g_free (catalog->region);
  g_free (catalog->name);
  g_free (catalog->missing_hint);
  g_ptr_array_unref (catalog->files);
  g_hash_table_unref (catalog->prices);
  g_hash_table_unref (catalog->sources);
  g_ptr_array_unref (catalog->replaced);
  g_array_unref (catalog->overrides);
  if (catalog->read_keys)
    g_ptr_array_unref (catalog->read_keys);
  if (catalog->missed_keys)
    g_ptr_array_unref (catalog->missed_keys);
  g_free (catalog);
}

static gboolean
read_tier (const xmlNode *node, const char *path, PcTier *tier, GError **error)
{
  if (!pc_xml_double (node, path, "upto", INFINITY, &tier->upto, error) ||
      !pc_xml_double (node, path, "usd", 0.0, &tier->usd, error))
    return FALSE;
  g_autofree char *free_kind = pc_xml_attr (node, "free");
  tier->free = free_kind == NULL ? PC_FREE_NONE
               : g_str_equal (free_kind, "always") ? PC_FREE_ALWAYS : PC_FREE_12_MONTH;
  return TRUE;
}

/* Reads the tiers of <price>, or its single usd= rate as one open tier, and
 * checks the bounds rise and only the last one is open. */
static gboolean
read_tiers (const xmlNode *node, const char *path, PcPrice *price, GError **error)
{
  GArray *tiers = g_array_new (FALSE, TRUE, sizeof (PcTier));
  gboolean ok = TRUE;
  for (const xmlNode *child = node->children; child && ok; child = child->next) {
    if (!pc_xml_is (child, "tier"))
      continue;
    PcTier tier;
    ok = read_tier (child, path, &tier, error);
    double previous = tiers->len ? g_array_index (tiers, PcTier, tiers->len - 1).upto : 0.0;
    if (ok && (!(tier.upto > previous) || isinf (previous))) {
      pc_xml_error (error, PC_INPUT_ERROR_VALUE, child, path,
                    "<price key=\"%s\">: tier bounds must rise and only the last tier may be open",
                    price->key);
      ok = FALSE;
    }
    if (ok)
      g_array_append_val (tiers, tier);
  }
  if (ok && tiers->len == 0) {
    PcTier tier = { INFINITY, 0.0, PC_FREE_NONE };
    ok = pc_xml_double (node, path, "usd", 0.0, &tier.usd, error);
    g_array_append_val (tiers, tier);
  }
  if (ok && !isinf (g_array_index (tiers, PcTier, tiers->len - 1).upto)) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path,
                  "<price key=\"%s\">: the last tier must have no upto", price->key);
    ok = FALSE;
  }
  price->n_tiers = tiers->len;
  price->tiers = (PcTier *) g_array_free (tiers, !ok);
  if (ok)
    pc_price_settle (price);
  return ok;
}

static char *
source_key (const char *path, const char *id)
{
  return g_strdup_printf ("%s\x1f%s", path, id);
}

/* One layer being merged into a catalog. */
typedef struct {
  PcCatalog *catalog;
  const char *path;           /* the file being read (owned by catalog->files) */
  GHashTable *seen;           /* keys this layer has defined (not owned) */
  PcLayerKind kind;
} PcLayer;

/* Puts @price into the catalog; a price of an earlier layer with the same
 * key moves to catalog->replaced and the change is recorded.  A key a
 * --catalog file adds is recorded too: a typo in it would otherwise be a
 * price that silently changes nothing. */
static void
insert_price (PcLayer *layer, PcPrice *price)
{
  PcCatalog *catalog = layer->catalog;
  PcPrice *earlier = g_hash_table_lookup (catalog->prices, price->key);
  if (earlier != NULL) {
    g_hash_table_steal (catalog->prices, price->key);
    g_ptr_array_add (catalog->replaced, earlier);
  }
  if (earlier != NULL || layer->kind == PC_LAYER_EXTRA) {
    PcPriceOverride change = { catalog->region, earlier, price };
    g_array_append_val (catalog->overrides, change);
  }
  g_hash_table_insert (catalog->prices, price->key, price);
  g_hash_table_add (layer->seen, price->key);
}

static PcPrice *
read_price (const PcLayer *layer, const xmlNode *node)
{
  PcPrice *price = g_new0 (PcPrice, 1);
  price->key = pc_xml_attr (node, "key");
  price->unit = pc_xml_attr (node, "unit");
  price->source_id = pc_xml_attr (node, "source");
  price->date = pc_xml_attr (node, "date");
  price->derived = pc_xml_attr (node, "derived");
  price->note = pc_xml_attr (node, "note");
  price->file = layer->path;
  price->pool = -1;
  price->sku = pc_xml_attr (node, "sku");
  price->rate_code = pc_xml_attr (node, "rate-code");
  price->line = (int) xmlGetLineNo (node);
  g_autofree char *skey = source_key (layer->path, price->source_id);
  price->source_text = g_hash_table_lookup (layer->catalog->sources, skey);
  return price;
}

static gboolean
add_price (PcLayer *layer, const xmlNode *node, GError **error)
{
  PcPrice *price = read_price (layer, node);
  const char *path = layer->path;
  gboolean twice = g_hash_table_contains (layer->seen, price->key) ||
                   (layer->kind == PC_LAYER_BASE && g_hash_table_contains (layer->catalog->prices, price->key));
  if (price->source_text == NULL) {
    pc_xml_error (error, PC_INPUT_ERROR_UNKNOWN_REF, node, path,
                  "<price key=\"%s\">: source \"%s\" is not declared by a <source> in this file",
                  price->key, price->source_id);
  } else if (twice) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path, "<price key=\"%s\">: duplicate key", price->key);
  } else if (read_tiers (node, path, price, error)) {
    insert_price (layer, price);
    return TRUE;
  }
  price_free (price);
  return FALSE;
}

/* Merges the sources and prices of one <catalog> element. */
static gboolean
add_catalog_element (PcLayer *layer, const xmlNode *element, GError **error)
{
  for (const xmlNode *node = element->children; node; node = node->next) {
    if (pc_xml_is (node, "source")) {
      g_autofree char *id = pc_xml_attr (node, "id");
      g_autofree char *date = pc_xml_attr (node, "date");
      g_autofree char *text = pc_xml_text (node);
      g_hash_table_replace (layer->catalog->sources, source_key (layer->path, id),
                            g_strdup_printf ("%s (%s)", text, date));
    } else if (pc_xml_is (node, "price") && !add_price (layer, node, error)) {
      return FALSE;
    }
  }
  return TRUE;
}

/* The <catalog> elements of a parsed file: the root itself, or the
 * children of a <catalogs> root. */
static GPtrArray *
catalog_elements (xmlDoc *doc)
{
  GPtrArray *elements = g_ptr_array_new ();
  xmlNode *root = xmlDocGetRootElement (doc);
  if (pc_xml_is (root, "catalog"))
    g_ptr_array_add (elements, root);
  for (xmlNode *node = root->children; node && pc_xml_is (root, "catalogs"); node = node->next)
    if (pc_xml_is (node, "catalog"))
      g_ptr_array_add (elements, node);
  return elements;
}

/* Reads and validates @path and adds the distinct regions of its
 * <catalog> elements to @regions (char*), in file order. */
gboolean
pc_catalog_list_regions (const char *path, GPtrArray *regions, GError **error)
{
  g_autoptr (xmlDoc) doc = pc_xml_load (path, "catalog.rng", error);
  if (doc == NULL)
    return FALSE;
  g_autoptr (GPtrArray) elements = catalog_elements (doc);
  for (guint i = 0; i < elements->len; i++) {
    char *region = pc_xml_attr (elements->pdata[i], "region");
    if (g_ptr_array_find_with_equal_func (regions, region, g_str_equal, NULL))
      g_free (region);
    else
      g_ptr_array_add (regions, region);
  }
  return TRUE;
}

/* Merges the parts of @path that apply to the catalog's region (its own
 * region and "global"); a catalog without a region takes the first
 * regional one it reads. */
static gboolean
add_layer_file (PcLayer *layer, const char *path, GError **error)
{
  g_autoptr (xmlDoc) doc = pc_xml_load (path, "catalog.rng", error);
  if (doc == NULL)
    return FALSE;
  PcCatalog *catalog = layer->catalog;
  g_ptr_array_add (catalog->files, g_strdup (path));
  layer->path = catalog->files->pdata[catalog->files->len - 1];
  g_autoptr (GPtrArray) elements = catalog_elements (doc);
  for (guint i = 0; i < elements->len; i++) {
    const xmlNode *element = elements->pdata[i];
    g_autofree char *region = pc_xml_attr (element, "region");
    if (!g_str_equal (region, "global") && catalog->region == NULL) {
      catalog->region = g_strdup (region);
      catalog->name = pc_xml_attr (element, "name");
    }
    gboolean applies = g_str_equal (region, "global") || g_str_equal (region, catalog->region);
    if (applies && !add_catalog_element (layer, element, error))
      return FALSE;
  }
  return TRUE;
}

gboolean
pc_catalog_add_layer (PcCatalog *catalog, const char *const *paths, guint n_paths, PcLayerKind kind, GError **error)
{
  g_autoptr (GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  PcLayer layer = { catalog, NULL, seen, kind };
  for (guint i = 0; i < n_paths; i++)
    if (!add_layer_file (&layer, paths[i], error))
      return FALSE;
  return TRUE;
}

/* Merges one catalog file; a key the catalog already has is a duplicate.
 * On error the caller frees the whole catalog. */
gboolean
pc_catalog_add_file (PcCatalog *catalog, const char *path, GError **error)
{
  if (pc_catalog_add_layer (catalog, &path, 1, PC_LAYER_BASE, error))
    return TRUE;
  pc_error_tidy_at (error);   /* one line, whatever the file quoted */
  return FALSE;
}

/**
 * pc_catalog_load_region:
 * Loads pricing/aws-@region.xml and pricing/saas.xml from @pricing_dir.
 * Returns: (transfer full): the catalog, or NULL with @error set.
 */
PcCatalog *
pc_catalog_load_region (const char *pricing_dir, const char *region, GError **error)
{
  if (!pc_region_check_name (region, error))
    return NULL;
  g_autoptr (PcCatalog) catalog = pc_catalog_new ();
  g_autofree char *file = g_strdup_printf ("aws-%s.xml", region);
  g_autofree char *path = g_build_filename (pricing_dir, file, NULL);
  g_autofree char *saas = g_build_filename (pricing_dir, "saas.xml", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS)) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF,
                 "no price catalog for region \"%s\" (looked for %s)", region, path);
    return NULL;
  }
  const char *paths[] = { path, saas };
  if (!pc_catalog_add_layer (catalog, paths, g_file_test (saas, G_FILE_TEST_EXISTS) ? 2 : 1, PC_LAYER_BASE, error))
    return NULL;
  return g_steal_pointer (&catalog);
}

void
pc_catalog_track_lookups (PcCatalog *catalog)
{
  catalog->read_keys = g_ptr_array_new_with_free_func (g_free);
  catalog->missed_keys = g_ptr_array_new_with_free_func (g_free);
}

/* Adds @key to @keys unless it is there. */
static void
remember_key (GPtrArray *keys, const char *key)
{
  if (!g_ptr_array_find_with_equal_func (keys, key, g_str_equal, NULL))
    g_ptr_array_add (keys, g_strdup (key));
}

const PcPrice *
pc_catalog_price (const PcCatalog *catalog, const char *key, GError **error)
{
  PcPrice *price = g_hash_table_lookup (catalog->prices, key);
  if (price != NULL)
    g_atomic_int_set (&price->read, TRUE);
  if (G_UNLIKELY (catalog->read_keys != NULL)) {
    remember_key (catalog->read_keys, key);
    if (price == NULL)
      remember_key (catalog->missed_keys, key);
  }
  if (price == NULL)
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG, "the price catalog for %s has no price \"%s\"%s",
                 catalog->region ? catalog->region : "(no region)", key,
                 catalog->missing_hint ? catalog->missing_hint : "");
  return price;
}

GPtrArray *
pc_catalog_record_misses (PcCatalog *catalog, gboolean record)
{
  g_clear_pointer (&catalog->read_keys, g_ptr_array_unref);
  GPtrArray *missed = g_steal_pointer (&catalog->missed_keys);
  if (!record)
    return missed;
  if (missed != NULL)
    g_ptr_array_unref (missed);
  pc_catalog_track_lookups (catalog);
  return NULL;
}

const char *
pc_catalog_region (const PcCatalog *catalog)
{
  return catalog->region;
}

double
pc_price_unit_usd (const PcPrice *price)
{
  for (guint i = 0; i < price->n_tiers; i++)
    if (price->tiers[i].free == PC_FREE_NONE && price->tiers[i].usd > 0.0)
      return price->tiers[i].usd;
  return price->tiers[price->n_tiers - 1].usd;
}

void
pc_catalog_use_free_tiers (PcCatalog *catalog, gboolean use)
{
  GHashTableIter iter;
  gpointer price;
  g_hash_table_iter_init (&iter, catalog->prices);
  while (g_hash_table_iter_next (&iter, NULL, &price))
    ((PcPrice *) price)->free_off = !use;
}

double
pc_price_cost (const PcPrice *price, double quantity, guint account_month)
{
  return pc_price_cost_inline (price, quantity, account_month);
}

double
pc_price_cost_after (const PcPrice *price, double already, double quantity, guint account_month)
{
  return pc_price_cost_after_inline (price, already, quantity, account_month);
}

/* The free tiers that open the ladder this month: the quantity @price
 * charges nothing for, before its first paid tier (0 when it has none or
 * when its 12-month tier has ended).  A plugin that bills one allowance
 * across several prices (CloudFront's across viewer geographies) reads it
 * here, so the allowance is data, not code. */
double
pc_price_free_quantity (const PcPrice *price, guint account_month)
{
  double free_quantity = 0.0;
  for (guint i = 0; i < price->n_tiers; i++) {
    const PcTier *tier = &price->tiers[i];
    if (tier->free == PC_FREE_NONE || pc_tier_rate (price, i, account_month) > 0.0)
      break;
    free_quantity = tier->upto;
  }
  return free_quantity;
}

/* Multiplies every unit price by @factor (a what-if: sensitivity to price
 * changes); free tiers stay free. */
void
pc_catalog_scale (PcCatalog *catalog, double factor)
{
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, catalog->prices);
  while (g_hash_table_iter_next (&iter, NULL, &value)) {
    PcPrice *price = value;
    for (guint t = 0; t < price->n_tiers; t++)
      price->tiers[t].usd *= factor;
    pc_price_settle (price);
  }
}

/* Accessors for the CLI's price listing. */
const char *pc_price_key (const PcPrice *price) { return price->key; }
const char *pc_price_unit (const PcPrice *price) { return price->unit; }
const char *pc_price_derived (const PcPrice *price) { return price->derived; }
const char *pc_price_source (const PcPrice *price) { return price->source_text; }
const char *pc_price_source_id (const PcPrice *price) { return price->source_id; }
const char *pc_price_date (const PcPrice *price) { return price->date; }
const char *pc_price_file (const PcPrice *price) { return price->file; }
int pc_price_line (const PcPrice *price) { return price->line; }
gboolean pc_price_was_read (const PcPrice *price) { return g_atomic_int_get (&price->read); }
