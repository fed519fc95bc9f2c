/* catalog.c - unit prices, read from data/pricing/aws-<region>.xml and saas.xml.
 *
 * A catalog is the prices of one region with the global (SaaS) file merged
 * in.  Each price keeps its source, date and, when it was computed rather
 * than read, how it was derived, so every printed line can say where its
 * number came from.  Prices are looked up by key once, when a component is
 * created; the month loop only follows the returned pointers.
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
  g_free (price->file);
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
  return catalog;
}

void
pc_catalog_free (PcCatalog *catalog)
{
  if (catalog == NULL)
    return;
  g_free (catalog->region);
  g_free (catalog->name);
  g_ptr_array_unref (catalog->files);
  g_hash_table_unref (catalog->prices);
  g_hash_table_unref (catalog->sources);
  if (catalog->misses)
    g_ptr_array_unref (catalog->misses);
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
  return ok;
}

static char *
source_key (const char *path, const char *id)
{
  return g_strdup_printf ("%s\x1f%s", path, id);
}

static gboolean
add_price (PcCatalog *catalog, const xmlNode *node, const char *path, GError **error)
{
  PcPrice *price = g_new0 (PcPrice, 1);
  price->key = pc_xml_attr (node, "key");
  price->unit = pc_xml_attr (node, "unit");
  price->source_id = pc_xml_attr (node, "source");
  price->date = pc_xml_attr (node, "date");
  price->derived = pc_xml_attr (node, "derived");
  price->note = pc_xml_attr (node, "note");
  price->file = g_path_get_basename (path);
  price->sku = pc_xml_attr (node, "sku");
  price->rate_code = pc_xml_attr (node, "rate-code");
  g_autofree char *skey = source_key (path, price->source_id);
  price->source_text = g_hash_table_lookup (catalog->sources, skey);
  if (price->source_text == NULL) {
    pc_xml_error (error, PC_INPUT_ERROR_UNKNOWN_REF, node, path,
                  "<price key=\"%s\">: source \"%s\" is not declared by a <source> in this file",
                  price->key, price->source_id);
  } else if (g_hash_table_contains (catalog->prices, price->key)) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path, "<price key=\"%s\">: duplicate key",
                  price->key);
  } else if (read_tiers (node, path, price, error)) {
    g_hash_table_insert (catalog->prices, price->key, price);
    return TRUE;
  }
  price_free (price);
  return FALSE;
}

/* Merges one catalog file.  All or nothing is not needed here: on error the
 * caller frees the whole catalog. */
gboolean
pc_catalog_add_file (PcCatalog *catalog, const char *path, GError **error)
{
  g_autoptr (xmlDoc) doc = pc_xml_load (path, "catalog.rng", error);
  if (doc == NULL)
    return FALSE;
  xmlNode *root = xmlDocGetRootElement (doc);
  g_autofree char *region = pc_xml_attr (root, "region");
  if (!g_str_equal (region, "global") && catalog->region == NULL) {
    catalog->region = g_steal_pointer (&region);
    catalog->name = pc_xml_attr (root, "name");
  }
  for (xmlNode *node = root->children; node; node = node->next) {
    if (pc_xml_is (node, "source")) {
      g_autofree char *id = pc_xml_attr (node, "id");
      g_autofree char *date = pc_xml_attr (node, "date");
      g_autofree char *text = pc_xml_text (node);
      g_hash_table_replace (catalog->sources, source_key (path, id),
                            g_strdup_printf ("%s (%s)", text, date));
    } else if (pc_xml_is (node, "price") && !add_price (catalog, node, path, error)) {
      return FALSE;
    }
  }
  g_ptr_array_add (catalog->files, g_strdup (path));
  return TRUE;
}

/**
 * pc_catalog_load_region:
 * Loads pricing/aws-@region.xml and pricing/saas.xml from @pricing_dir.
 * Returns: (transfer full): the catalog, or NULL with @error set.
 */
PcCatalog *
pc_catalog_load_region (const char *pricing_dir, const char *region, GError **error)
{
  g_autoptr (PcCatalog) catalog = pc_catalog_new ();
  g_autofree char *file = g_strdup_printf ("aws-%s.xml", region);
  g_autofree char *path = g_build_filename (pricing_dir, file, NULL);
  g_autofree char *saas = g_build_filename (pricing_dir, "saas.xml", NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS)) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF,
                 "no price catalog for region \"%s\" (looked for %s)", region, path);
    return NULL;
  }
  if (!pc_catalog_add_file (catalog, path, error))
    return NULL;
  if (g_file_test (saas, G_FILE_TEST_EXISTS) && !pc_catalog_add_file (catalog, saas, error))
    return NULL;
  return g_steal_pointer (&catalog);
}

const PcPrice *
pc_catalog_price (const PcCatalog *catalog, const char *key, GError **error)
{
  const PcPrice *price = g_hash_table_lookup (catalog->prices, key);
  if (price == NULL && catalog->misses != NULL)
    g_ptr_array_add (catalog->misses, g_strdup (key));
  if (price == NULL)
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "the price catalog for %s has no price \"%s\"",
                 catalog->region ? catalog->region : "(no region)", key);
  return price;
}

GPtrArray *
pc_catalog_record_misses (PcCatalog *catalog, gboolean record)
{
  GPtrArray *misses = g_steal_pointer (&catalog->misses);
  if (!record)
    return misses;
  if (misses != NULL)
    g_ptr_array_unref (misses);
  catalog->misses = g_ptr_array_new_with_free_func (g_free);
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

double
pc_price_cost (const PcPrice *price, double quantity, guint account_month)
{
  return pc_price_cost_inline (price, quantity, account_month);
}

/* Accessors for the CLI's price listing. */
const char *pc_price_key (const PcPrice *price) { return price->key; }
const char *pc_price_unit (const PcPrice *price) { return price->unit; }
const char *pc_price_derived (const PcPrice *price) { return price->derived; }
const char *pc_price_source (const PcPrice *price) { return price->source_text; }
const char *pc_price_source_id (const PcPrice *price) { return price->source_id; }
const char *pc_price_date (const PcPrice *price) { return price->date; }
