/* catalog-audit.c - where every price came from, how old it is, and which
 * (plugin, region) pairs cannot be priced.
 *
 * An audit walks catalogs, not runs.  For each price it keeps the key, the
 * first paid rate and unit, the source (one entry per source, so a reader
 * sees each source's text once and prices refer to it by id), the date the
 * source states, whether the price was derived rather than read, and its
 * age in days when the date can be read.  For gaps it creates every plugin
 * in every region, once with its defaults and once for each choice of each
 * enum parameter, and records the price keys create() could not find: the
 * keys a planner would meet as "no price" at `run`.
 */
#include "pc-private.h"

#include "pc-catalog-audit.h"

static void
source_free (PcAuditSource *s)
{
  g_free (s->id);
  g_free (s->file);
  g_free (s->text);
  g_free (s);
}

static void
price_free (PcAuditPrice *p)
{
  g_free (p->region);
  g_free (p->key);
  g_free (p->source);
  g_free (p->unit);
  g_free (p->date);
  g_free (p->derived);
  g_free (p);
}

static void
gap_free (PcAuditGap *g)
{
  g_free (g->plugin);
  g_free (g->region);
  g_free (g->setting);
  g_free (g->key);
  g_free (g);
}

PcAudit *
pc_audit_new (void)
{
  PcAudit *audit = g_new0 (PcAudit, 1);
  audit->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  audit->prices = g_ptr_array_new_with_free_func ((GDestroyNotify) price_free);
  audit->gaps = g_ptr_array_new_with_free_func ((GDestroyNotify) gap_free);
  audit->source_index = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  audit->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  return audit;
}

void
pc_audit_free (PcAudit *audit)
{
  if (audit == NULL)
    return;
  g_ptr_array_unref (audit->sources);
  g_ptr_array_unref (audit->prices);
  g_ptr_array_unref (audit->gaps);
  g_hash_table_unref (audit->source_index);
  g_hash_table_unref (audit->seen);
  g_free (audit);
}

/* Days from the first YYYY-MM-DD in @date to @today, or -1 when @date has none. */
static int
age_days (const char *date, GDate *today)
{
  GDate then;
  g_date_clear (&then, 1);
  for (const char *c = date; c && *c; c++)
    if (pc_parse_date_prefix (c, &then))
      return g_date_days_between (&then, today);
  return -1;
}

/* The audit's id of the source of @price ("S1", or "S1@aws-us-east-1.xml"
 * when two files use the same id for different texts). */
static const char *
source_id (PcAudit *audit, const PcPrice *price)
{
  g_autofree char *lookup = g_strdup_printf ("%s\x1f%s", price->source_id, price->source_text);
  const char *known = g_hash_table_lookup (audit->source_index, lookup);
  if (known != NULL)
    return known;
  PcAuditSource *s = g_new0 (PcAuditSource, 1);
  gboolean clash = FALSE;
  for (guint i = 0; i < audit->sources->len; i++)
    clash |= g_str_equal (((PcAuditSource *) audit->sources->pdata[i])->id, price->source_id);
  s->file = g_path_get_basename (price->file);
  s->id = clash ? g_strdup_printf ("%s@%s", price->source_id, s->file) : g_strdup (price->source_id);
  s->text = g_strdup (price->source_text);
  g_ptr_array_add (audit->sources, s);
  g_hash_table_insert (audit->source_index, g_steal_pointer (&lookup), s->id);
  return s->id;
}

static gint
compare_keys (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

void
pc_audit_add_catalog (PcAudit *audit, const PcCatalog *catalog, GDate *today)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  g_hash_table_iter_init (&iter, catalog->prices);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_keys);
  for (guint i = 0; i < keys->len; i++) {
    const PcPrice *price = g_hash_table_lookup (catalog->prices, keys->pdata[i]);
    g_autofree char *file = g_path_get_basename (price->file);
    gboolean global = g_str_equal (file, "saas.xml");
    g_autofree char *seen = g_strdup_printf ("%s\x1f%s", price->file, price->key);
    if (global && !g_hash_table_add (audit->seen, g_steal_pointer (&seen)))
      continue;   /* a global price is listed once, not once per region that merges it */
    PcAuditPrice *p = g_new0 (PcAuditPrice, 1);
    p->region = g_strdup (global ? "global" : catalog->region);
    p->key = g_strdup (price->key);
    p->unit = g_strdup (price->unit);
    p->usd = pc_price_unit_usd (price);
    p->source = g_strdup (source_id (audit, price));
    p->date = g_strdup (price->date);
    p->derived = g_strdup (price->derived);
    p->feed = price->sku != NULL;
    p->age_days = age_days (price->date, today);
    g_ptr_array_add (audit->prices, p);
  }
}

static void
add_gap (PcAudit *audit, const PcPluginInfo *info, const PcCatalog *catalog, const char *setting, const char *key)
{
  for (guint i = 0; i < audit->gaps->len; i++) {
    const PcAuditGap *g = audit->gaps->pdata[i];
    if (g_str_equal (g->plugin, info->name) && g_str_equal (g->region, catalog->region) && g_str_equal (g->key, key))
      return;   /* one line per missing key, with the first setting that needs it */
  }
  PcAuditGap *gap = g_new0 (PcAuditGap, 1);
  gap->plugin = g_strdup (info->name);
  gap->region = g_strdup (catalog->region);
  gap->setting = g_strdup (setting);
  gap->key = g_strdup (key);
  g_ptr_array_add (audit->gaps, gap);
}

/* Creates @plugin in @catalog with @config; records the keys it missed. */
static void
try_create (PcAudit *audit, const PcPluginInfo *info, PcCatalog *catalog, const PcConfig *config, const char *setting)
{
  g_autoptr (GError) error = NULL;
  pc_catalog_record_misses (catalog, TRUE);
  gpointer instance = info->create (config, catalog, &error);
  if (instance != NULL)
    info->destroy (instance);
  g_autoptr (GPtrArray) misses = pc_catalog_record_misses (catalog, FALSE);
  for (guint i = 0; misses && i < misses->len; i++)
    add_gap (audit, info, catalog, setting, misses->pdata[i]);
}

void
pc_audit_add_plugin (PcAudit *audit, const PcPluginInfo *info, PcCatalog *catalog)
{
  g_autoptr (PcConfig) defaults = pc_config_new (info, info->name);
  try_create (audit, info, catalog, defaults, "defaults");
  for (guint p = 0; p < info->n_params; p++) {
    const PcParamSpec *spec = &info->params[p];
    for (guint c = 0; spec->type == PC_PARAM_ENUM && c < spec->n_choices; c++) {
      g_autoptr (PcConfig) config = pc_config_new (info, info->name);
      g_autofree char *setting = g_strdup_printf ("%s=%s", spec->name, spec->choices[c]);
      if (pc_config_set (config, spec->name, spec->choices[c], NULL))
        try_create (audit, info, catalog, config, setting);
    }
  }
}
