/* feed-import.c - catalog XML from AWS's own price feeds (`phasecast catalog import`).
 *
 * Three readers turn a feed into "rows", one per price dimension:
 *   - bulk Price List offer files, JSON (products + terms.OnDemand/Reserved
 *     with priceDimensions) and CSV (5 preamble lines, a header, one row per
 *     dimension);
 *   - pricing-page feeds (b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/...:
 *     manifest + regions.<location>.<item name> with rateCode and price,
 *     and for reserved items the upfront fee and the on-demand price).
 * A row is kept only when some entry of the feed map accepts it, so what a
 * feed leaves in memory after its parse is the few rows the catalog needs.
 * Rows are then grouped by the key their entry expands to; a group becomes
 * one price (one rate, or a tier ladder from beginRange/endRange or from
 * the map's <tier> list).  Which product becomes which key is data (the
 * map), never code: this file knows only the feed formats.
 *
 * Attribute names are compared "normalised" (lower case, letters and
 * digits only) so that the map can say instanceType, "Instance Type" or
 * instancetype for the JSON, CSV and pricing-page spellings alike.
 *
 * Always-free allowances: several feeds list the paid rate only (CloudWatch
 * Logs, KMS requests, SNS publishes, ...), so an entry may state the
 * allowance itself, <free upto="N" source="ID"/>, citing one of the map's
 * own <source> elements (AWS's pricing page).  The price then opens with a
 * free tier of N units, is marked derived (two sources), and the cited
 * <source> is written into the catalog beside the feed's.
 */
#include "pc-private.h"
#include "feed-import.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <libxml/xmlwriter.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

static void format_number (char *buffer, gsize size, double value);

/* ---------------------------------------------------------------- map -- */

typedef struct {
  char *attr;               /* normalised */
  char *pattern;
  GPatternSpec *spec;
} FiMatch;

typedef struct {
  double upto;              /* INFINITY for the open last tier */
  GPtrArray *matches;       /* FiMatch* */
} FiTierSpec;

typedef struct {
  char *key, *unit, *feed, *note, *location;
  double per;
  gboolean free_first;
  double free_upto;         /* <free upto>: the allowance the map states, 0 = none */
  char *free_source;        /* its <source id> in the map */
  GPtrArray *matches;       /* FiMatch*, the term's conditions included */
  GPtrArray *tiers;         /* FiTierSpec*, empty unless the map lists tiers */
  long line;
} FiEntry;

typedef struct {
  char *code, *location, *name;
} FiRegion;

/* A <source> of the map: where a fact the feeds lack (an allowance) is
 * published. */
typedef struct {
  char *id, *date, *url, *text;
} FiSource;

struct _PcFeedMap {
  char *path;
  GPtrArray *regions;       /* FiRegion* */
  GPtrArray *sources;       /* FiSource* */
  GPtrArray *entries;       /* FiEntry* */
};

/* Lower case, letters and digits only: "Instance Type" = instanceType. */
static char *
norm_name (const char *name)
{
  GString *out = g_string_new (NULL);
  for (const char *p = name; *p; p++)
    if (g_ascii_isalnum (*p))
      g_string_append_c (out, g_ascii_tolower (*p));
  return g_string_free (out, FALSE);
}

static void
match_free (FiMatch *match)
{
  g_free (match->attr);
  g_free (match->pattern);
  g_pattern_spec_free (match->spec);
  g_free (match);
}

static FiMatch *
match_new (const char *attr, const char *pattern)
{
  FiMatch *match = g_new0 (FiMatch, 1);
  match->attr = norm_name (attr);
  match->pattern = g_strdup (pattern);
  match->spec = g_pattern_spec_new (pattern);
  return match;
}

static void
tier_spec_free (FiTierSpec *tier)
{
  g_ptr_array_unref (tier->matches);
  g_free (tier);
}

static void
entry_free (FiEntry *entry)
{
  g_free (entry->key);
  g_free (entry->unit);
  g_free (entry->feed);
  g_free (entry->note);
  g_free (entry->location);
  g_free (entry->free_source);
  g_ptr_array_unref (entry->matches);
  g_ptr_array_unref (entry->tiers);
  g_free (entry);
}

static void
region_free (FiRegion *region)
{
  g_free (region->code);
  g_free (region->location);
  g_free (region->name);
  g_free (region);
}

static void
source_free (FiSource *source)
{
  g_free (source->id);
  g_free (source->date);
  g_free (source->url);
  g_free (source->text);
  g_free (source);
}

void
pc_feed_map_free (PcFeedMap *map)
{
  if (map == NULL)
    return;
  g_free (map->path);
  g_ptr_array_unref (map->regions);
  g_ptr_array_unref (map->sources);
  g_ptr_array_unref (map->entries);
  g_free (map);
}

static void
add_match_node (GPtrArray *matches, const xmlNode *node)
{
  g_autofree char *attr = pc_xml_attr (node, "attr");
  g_autofree char *value = pc_xml_attr (node, "value");
  g_ptr_array_add (matches, match_new (attr, value));
}

/* <term>: its attributes are conditions on the row's term like any other
 * match.  Without <term>, an entry reads on-demand prices. */
static void
add_term_matches (GPtrArray *matches, const xmlNode *term)
{
  static const char *const pairs[][2] = {
    { "type", "termtype" }, { "lease", "leasecontractlength" },
    { "purchase", "purchaseoption" }, { "class", "offeringclass" }, { "part", "part" },
  };
  for (guint i = 0; i < G_N_ELEMENTS (pairs); i++) {
    g_autofree char *value = term ? pc_xml_attr (term, pairs[i][0]) : NULL;
    if (value == NULL && (i == 0 || i == 4))
      value = g_strdup (i == 0 ? "OnDemand" : "recurring");
    if (value != NULL)
      g_ptr_array_add (matches, match_new (pairs[i][1], value));
  }
}

static FiTierSpec *
read_tier_spec (const xmlNode *node, const char *path, GError **error)
{
  FiTierSpec *tier = g_new0 (FiTierSpec, 1);
  tier->matches = g_ptr_array_new_with_free_func ((GDestroyNotify) match_free);
  if (!pc_xml_double (node, path, "upto", INFINITY, &tier->upto, error)) {
    tier_spec_free (tier);
    return NULL;
  }
  for (const xmlNode *child = node->children; child; child = child->next)
    if (pc_xml_is (child, "match"))
      add_match_node (tier->matches, child);
  return tier;
}

static gboolean
check_tier_specs (const FiEntry *entry, const char *path, GError **error)
{
  for (guint i = 0; i < entry->tiers->len; i++) {
    const FiTierSpec *tier = g_ptr_array_index (entry->tiers, i);
    double previous = i ? ((const FiTierSpec *) g_ptr_array_index (entry->tiers, i - 1))->upto : 0.0;
    gboolean last = i + 1 == entry->tiers->len;
    if (!(tier->upto > previous) || isinf (previous) || (last && !isinf (tier->upto))) {
      g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                   "%s:%ld: <entry key=\"%s\">: tier bounds must rise and only the last tier is open (no upto)",
                   path, entry->line, entry->key);
      return FALSE;
    }
  }
  return TRUE;
}

static FiEntry *
read_entry (const xmlNode *node, const char *path, GError **error)
{
  FiEntry *entry = g_new0 (FiEntry, 1);
  entry->key = pc_xml_attr (node, "key");
  entry->unit = pc_xml_attr (node, "unit");
  entry->feed = pc_xml_attr (node, "feed");
  entry->note = pc_xml_attr (node, "note");
  entry->location = pc_xml_attr (node, "location");
  entry->line = xmlGetLineNo (node);
  g_autofree char *free_first = pc_xml_attr (node, "free-first");
  entry->free_first = free_first != NULL;
  entry->matches = g_ptr_array_new_with_free_func ((GDestroyNotify) match_free);
  entry->tiers = g_ptr_array_new_with_free_func ((GDestroyNotify) tier_spec_free);
  const xmlNode *term = NULL;
  gboolean ok = pc_xml_double (node, path, "per", 1.0, &entry->per, error);
  for (const xmlNode *child = node->children; child && ok; child = child->next) {
    if (pc_xml_is (child, "match"))
      add_match_node (entry->matches, child);
    else if (pc_xml_is (child, "term"))
      term = child;
    else if (pc_xml_is (child, "free")) {
      entry->free_source = pc_xml_attr (child, "source");
      ok = pc_xml_double (child, path, "upto", 0.0, &entry->free_upto, error);
    } else if (pc_xml_is (child, "tier")) {
      FiTierSpec *tier = read_tier_spec (child, path, error);
      ok = tier != NULL;
      if (ok)
        g_ptr_array_add (entry->tiers, tier);
    }
  }
  add_term_matches (entry->matches, term);
  if (ok && check_tier_specs (entry, path, error))
    return entry;
  entry_free (entry);
  return NULL;
}

static const FiSource *
map_source (const PcFeedMap *map, const char *id)
{
  for (guint i = 0; i < map->sources->len; i++)
    if (g_strcmp0 (((const FiSource *) g_ptr_array_index (map->sources, i))->id, id) == 0)
      return g_ptr_array_index (map->sources, i);
  return NULL;
}

/* Source ids "feed-..." belong to the feeds the import reads. */
static gboolean
add_map_source (PcFeedMap *map, const xmlNode *node, GError **error)
{
  g_autofree char *id = pc_xml_attr (node, "id");
  if (g_str_has_prefix (id, "feed-") || map_source (map, id) != NULL) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                 "%s:%ld: <source id=\"%s\">: %s", map->path, xmlGetLineNo (node), id,
                 map_source (map, id) ? "the id is used twice" : "ids feed-... are the feeds' own");
    return FALSE;
  }
  FiSource *source = g_new0 (FiSource, 1);
  source->id = g_steal_pointer (&id);
  source->date = pc_xml_attr (node, "date");
  source->url = pc_xml_attr (node, "url");
  source->text = pc_xml_text (node);
  g_ptr_array_add (map->sources, source);
  return TRUE;
}

/* An entry's <free source> must be one of the map's <source> ids. */
static gboolean
check_free_source (const PcFeedMap *map, const FiEntry *entry, GError **error)
{
  if (entry->free_source == NULL || map_source (map, entry->free_source) != NULL)
    return TRUE;
  g_autoptr (GString) allowed = g_string_new (NULL);
  for (guint i = 0; i < map->sources->len; i++)
    g_string_append_printf (allowed, "%s%s", i ? ", " : "",
                            ((const FiSource *) g_ptr_array_index (map->sources, i))->id);
  g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF,
               "%s:%ld: <free source=\"%s\">: no such <source id> in the map; allowed: %s", map->path,
               entry->line, entry->free_source, allowed->len ? allowed->str : "(none)");
  return FALSE;
}

static PcFeedMap *
map_load (const char *path, GError **error)
{
  g_autoptr (xmlDoc) doc = pc_xml_load (path, "feed-map.rng", error);
  if (doc == NULL)
    return NULL;
  g_autoptr (PcFeedMap) map = g_new0 (PcFeedMap, 1);
  map->path = g_strdup (path);
  map->regions = g_ptr_array_new_with_free_func ((GDestroyNotify) region_free);
  map->sources = g_ptr_array_new_with_free_func ((GDestroyNotify) source_free);
  map->entries = g_ptr_array_new_with_free_func ((GDestroyNotify) entry_free);
  for (const xmlNode *node = xmlDocGetRootElement (doc)->children; node; node = node->next) {
    if (pc_xml_is (node, "source")) {
      if (!add_map_source (map, node, error))
        return NULL;
    } else if (pc_xml_is (node, "region")) {
      FiRegion *region = g_new0 (FiRegion, 1);
      region->code = pc_xml_attr (node, "code");
      region->location = pc_xml_attr (node, "location");
      region->name = pc_xml_attr (node, "name");
      g_ptr_array_add (map->regions, region);
    } else if (pc_xml_is (node, "entry")) {
      FiEntry *entry = read_entry (node, path, error);
      if (entry == NULL)
        return NULL;
      g_ptr_array_add (map->entries, entry);
    }
  }
  for (guint i = 0; i < map->entries->len; i++)
    if (!check_free_source (map, g_ptr_array_index (map->entries, i), error))
      return NULL;
  return g_steal_pointer (&map);
}

/**
 * pc_feed_map_load:
 * Reads @path (schema feed-map.rng).
 * Returns: (transfer full): the map, or NULL with @error naming file:line.
 */
PcFeedMap *
pc_feed_map_load (const char *path, GError **error)
{
  PcFeedMap *map = map_load (path, error);
  if (map == NULL)
    pc_error_tidy_at (error);   /* one line, whatever the file quoted */
  return map;
}

/* --------------------------------------------------------------- rows -- */

/* One price dimension of a feed.  @attrs is shared by the dimensions of one
 * product, @term by those of one term (reference-counted tables). */
typedef struct {
  GHashTable *attrs;        /* normalised name -> value */
  GHashTable *term;         /* termtype, part, leasecontractlength, ... */
  char *sku, *rate_code, *unit;
  double usd, begin, end;   /* end: INFINITY when open */
  char *where;              /* for messages: "line 12", "products.SKU" */
} FiRow;

static void
row_free (FiRow *row)
{
  g_hash_table_unref (row->attrs);
  g_hash_table_unref (row->term);
  g_free (row->sku);
  g_free (row->rate_code);
  g_free (row->unit);
  g_free (row->where);
  g_free (row);
}

static GHashTable *
attr_table_new (void)
{
  return g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
}

static void
attr_set (GHashTable *table, const char *name, const char *value)
{
  g_hash_table_replace (table, norm_name (name), g_strdup (value));
}

/* Whether @text (nullable) can go into a catalog: UTF-8 with no character
 * XML 1.0 forbids (control characters but tab, line feed and carriage
 * return; U+FFFE and U+FFFF). */
static gboolean
xml_text_ok (const char *text)
{
  if (text == NULL)
    return TRUE;
  if (!g_utf8_validate (text, -1, NULL))
    return FALSE;
  for (const char *p = text; *p; p = g_utf8_next_char (p)) {
    gunichar c = g_utf8_get_char (p);
    if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0xFFFE || c == 0xFFFF)
      return FALSE;
  }
  return TRUE;
}

/* Whether @name (nullable) can be a segment of the feed's URL, as AWS's
 * offer codes, versions and service ids are: letters, digits, . _ -. */
static gboolean
url_segment_ok (const char *name)
{
  if (name == NULL)
    return TRUE;
  for (const char *p = name; *p; p++)
    if (!g_ascii_isalnum (*p) && !strchr ("._-", *p))
      return FALSE;
  return *name != '\0';
}

static gboolean
table_text_ok (GHashTable *table)
{
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, table);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (!xml_text_ok (value))
      return FALSE;
  return TRUE;
}

/* Whether every value of @row could be written into a catalog. */
static gboolean
row_text_ok (const FiRow *row)
{
  return xml_text_ok (row->sku) && xml_text_ok (row->rate_code) && xml_text_ok (row->unit) &&
         table_text_ok (row->attrs) && table_text_ok (row->term);
}

static const char *
row_value (const FiRow *row, const char *attr)
{
  const char *value = g_hash_table_lookup (row->term, attr);
  return value ? value : g_hash_table_lookup (row->attrs, attr);
}

static gboolean
matches_all (const GPtrArray *matches, const FiRow *row)
{
  for (guint i = 0; i < matches->len; i++) {
    const FiMatch *match = g_ptr_array_index (matches, i);
    const char *value = row_value (row, match->attr);
    if (value == NULL || !g_pattern_spec_match_string (match->spec, value))
      return FALSE;
  }
  return TRUE;
}

static gboolean
same (const char *a, const char *b)
{
  return a != NULL && b != NULL && g_str_equal (a, b);
}

/* Bulk files name the region by code or location, transfer products by
 * their origin; pricing-page rows carry the location block they came from. */
static gboolean
row_in_region (const FiRow *row, const FiRegion *region)
{
  return same (row_value (row, "regioncode"), region->code) ||
         same (row_value (row, "location"), region->location) ||
         same (row_value (row, "fromregioncode"), region->code) ||
         same (row_value (row, "fromlocation"), region->location);
}

/* Whether @entry takes @row, and into which of its map tiers (0 when the
 * entry lists none). */
static gboolean
entry_accepts (const FiEntry *entry, const FiRegion *region, const FiRow *row, guint *tier)
{
  gboolean placed = entry->location ? same (row_value (row, "location"), entry->location)
                                    : row_in_region (row, region);
  if (!placed || !matches_all (entry->matches, row))
    return FALSE;
  *tier = 0;
  if (entry->tiers->len == 0)
    return TRUE;
  for (guint i = 0; i < entry->tiers->len; i++) {
    const FiTierSpec *spec = g_ptr_array_index (entry->tiers, i);
    if (matches_all (spec->matches, row)) {
      *tier = i;
      return TRUE;
    }
  }
  return FALSE;
}

/* ------------------------------------------------------------ imports -- */

typedef struct {
  char *path, *origin;
  char *format;             /* "bulk JSON", "bulk CSV", "pricing-page JSON" */
  char *offer;              /* offerCode, or the page feed's manifest source */
  char *service;            /* page feeds: manifest serviceId */
  char *version;
  char *published;          /* as the feed states it */
  char *url;
  char *id;                 /* its <source id> */
} FiFeed;

typedef struct {
  double upto, usd;
  gboolean free;
  char *rate_code;
} FiTier;

typedef struct {
  char *key, *unit, *note, *source_id, *date, *sku;
  char *derived;            /* set when the map adds an allowance */
  const char *allowance_source;  /* that allowance's <source id> (the map owns it) */
  GArray *tiers;            /* FiTier */
} FiPrice;

struct _PcFeedImport {
  const PcFeedMap *map;
  const FiRegion *region;
  GPtrArray *feeds;         /* FiFeed* */
  GHashTable *prices;       /* key -> FiPrice* */
  xmlDoc *kept_doc;
  GPtrArray *kept_prices;   /* xmlNode* of kept_doc */
  GPtrArray *kept_sources;
};

static void
feed_free (FiFeed *feed)
{
  g_free (feed->path);
  g_free (feed->origin);
  g_free (feed->format);
  g_free (feed->offer);
  g_free (feed->service);
  g_free (feed->version);
  g_free (feed->published);
  g_free (feed->url);
  g_free (feed->id);
  g_free (feed);
}

static void
tier_clear (FiTier *tier)
{
  g_free (tier->rate_code);
}

static void
price_free (FiPrice *price)
{
  g_free (price->key);
  g_free (price->unit);
  g_free (price->note);
  g_free (price->source_id);
  g_free (price->date);
  g_free (price->sku);
  g_free (price->derived);
  g_array_unref (price->tiers);
  g_free (price);
}

PcFeedImport *
pc_feed_import_new (const PcFeedMap *map, const char *region, GError **error)
{
  const FiRegion *found = NULL;
  for (guint i = 0; i < map->regions->len && found == NULL; i++)
    if (g_str_equal (((const FiRegion *) g_ptr_array_index (map->regions, i))->code, region))
      found = g_ptr_array_index (map->regions, i);
  if (found == NULL) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF,
                 "%s: no <region code=\"%s\"> (the map must name the feed location of each region)",
                 map->path, region);
    return NULL;
  }
  PcFeedImport *import = g_new0 (PcFeedImport, 1);
  import->map = map;
  import->region = found;
  import->feeds = g_ptr_array_new_with_free_func ((GDestroyNotify) feed_free);
  import->prices = g_hash_table_new_full (g_str_hash, g_str_equal, NULL, (GDestroyNotify) price_free);
  import->kept_prices = g_ptr_array_new ();
  import->kept_sources = g_ptr_array_new ();
  return import;
}

void
pc_feed_import_free (PcFeedImport *import)
{
  if (import == NULL)
    return;
  g_ptr_array_unref (import->feeds);
  g_hash_table_unref (import->prices);
  g_ptr_array_unref (import->kept_prices);
  g_ptr_array_unref (import->kept_sources);
  if (import->kept_doc)
    xmlFreeDoc (import->kept_doc);
  g_free (import);
}

guint
pc_feed_import_n_prices (const PcFeedImport *import)
{
  return g_hash_table_size (import->prices);
}

/* What a reader needs: where rows go and which entries may take them. */
typedef struct {
  PcFeedImport *import;
  FiFeed *feed;
  GPtrArray *entries;       /* const FiEntry*, those reading this feed */
  GPtrArray *rows;          /* FiRow*, the kept ones */
  gboolean saw_region;      /* some product of the feed is in the region */
} FiRead;

/* Takes @row; keeps it only if an entry of this feed accepts it. */
static void
offer_row (FiRead *read, FiRow *row)
{
  if (row_in_region (row, read->import->region))
    read->saw_region = TRUE;
  for (guint i = 0; i < read->entries->len; i++) {
    guint tier;
    if (entry_accepts (g_ptr_array_index (read->entries, i), read->import->region, row, &tier)) {
      g_ptr_array_add (read->rows, row);
      return;
    }
  }
  row_free (row);
}

static GHashTable *
term_table (const char *type, const char *part)
{
  GHashTable *term = attr_table_new ();
  attr_set (term, "termtype", type);
  attr_set (term, "part", part);
  return term;
}

static gboolean
parse_usd (const char *text, const char *path, const char *where, double *out, GError **error)
{
  if (text != NULL && pc_parse_double (text, out) && *out >= 0.0)
    return TRUE;
  g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
               "%s: %s: expected a price (a number not below 0), found \"%s\"", path, where,
               text ? text : "(none)");
  return FALSE;
}

/* beginRange/endRange: "0", "10240", "Inf". */
static gboolean
parse_range (const char *text, double fallback, const char *path, const char *where, double *out,
             GError **error)
{
  if (text == NULL || *text == '\0') {
    *out = fallback;
    return TRUE;
  }
  if (g_ascii_strcasecmp (text, "Inf") == 0) {
    *out = INFINITY;
    return TRUE;
  }
  if (pc_parse_double (text, out) && *out >= 0.0)
    return TRUE;
  g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
               "%s: %s: expected a range bound (a number or \"Inf\"), found \"%s\"", path, where, text);
  return FALSE;
}

/* ------------------------------------------------- bulk offer (JSON) -- */

static const char *
member_string (JsonObject *object, const char *name)
{
  JsonNode *node = json_object_get_member (object, name);
  return node && JSON_NODE_HOLDS_VALUE (node) && json_node_get_value_type (node) == G_TYPE_STRING
           ? json_node_get_string (node) : NULL;
}

static JsonObject *
member_object (JsonObject *object, const char *name)
{
  JsonNode *node = object ? json_object_get_member (object, name) : NULL;
  return node && JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
}

static gboolean
expect_object (JsonObject *object, const char *path, const char *where, GError **error)
{
  if (object != NULL)
    return TRUE;
  g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_PARSE, "%s: %s: expected a JSON object", path, where);
  return FALSE;
}

/* products.<sku> -> its attributes, productfamily and sku included. */
static gboolean
read_bulk_products (JsonObject *products, const char *path, GHashTable *by_sku, GError **error)
{
  JsonObjectIter iter;
  const char *sku;
  JsonNode *node;
  json_object_iter_init (&iter, products);
  while (json_object_iter_next (&iter, &sku, &node)) {
    JsonObject *product = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    JsonObject *attributes = member_object (product, "attributes");
    g_autofree char *where = g_strdup_printf ("products.%s.attributes", sku);
    if (!expect_object (attributes, path, where, error))
      return FALSE;
    GHashTable *attrs = attr_table_new ();
    JsonObjectIter a;
    const char *name;
    JsonNode *value;
    json_object_iter_init (&a, attributes);
    while (json_object_iter_next (&a, &name, &value))
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        attr_set (attrs, name, json_node_get_string (value));
    const char *family = member_string (product, "productFamily");
    if (family)
      attr_set (attrs, "productFamily", family);
    attr_set (attrs, "sku", sku);
    g_hash_table_insert (by_sku, g_strdup (sku), attrs);
  }
  return TRUE;
}

/* One priceDimension of one term of one product. */
static gboolean
read_bulk_dimension (FiRead *read, GHashTable *attrs, GHashTable *term, const char *sku,
                     JsonObject *dimension, const char *where, GError **error)
{
  const char *path = read->feed->path;
  JsonObject *price = member_object (dimension, "pricePerUnit");
  if (!expect_object (price, path, where, error))
    return FALSE;
  FiRow *row = g_new0 (FiRow, 1);
  row->attrs = g_hash_table_ref (attrs);
  row->sku = g_strdup (sku);
  row->rate_code = g_strdup (member_string (dimension, "rateCode"));
  row->unit = g_strdup (member_string (dimension, "unit"));
  row->where = g_strdup (where);
  /* The one-time fee of a reservation is the dimension billed by Quantity. */
  gboolean upfront = g_strcmp0 (row->unit, "Quantity") == 0;
  row->term = g_hash_table_ref (term);
  if (upfront) {
    g_hash_table_unref (row->term);
    row->term = attr_table_new ();
    GHashTableIter it;
    gpointer k, v;
    g_hash_table_iter_init (&it, term);
    while (g_hash_table_iter_next (&it, &k, &v))
      g_hash_table_insert (row->term, g_strdup (k), g_strdup (v));
    attr_set (row->term, "part", "upfront");
  }
  if (!parse_usd (member_string (price, "USD"), path, where, &row->usd, error) ||
      !parse_range (member_string (dimension, "beginRange"), 0.0, path, where, &row->begin, error) ||
      !parse_range (member_string (dimension, "endRange"), INFINITY, path, where, &row->end, error)) {
    row_free (row);
    return FALSE;
  }
  offer_row (read, row);
  return TRUE;
}

/* terms.<type>.<sku>.<offerTermCode>: the term's attributes and dimensions. */
static gboolean
read_bulk_offer (FiRead *read, GHashTable *attrs, const char *type, const char *sku,
                 const char *code, JsonObject *offer, GError **error)
{
  g_autofree char *where = g_strdup_printf ("terms.%s.%s.%s", type, sku, code);
  JsonObject *dimensions = member_object (offer, "priceDimensions");
  if (!expect_object (dimensions, read->feed->path, where, error))
    return FALSE;
  g_autoptr (GHashTable) term = term_table (type, "recurring");
  JsonObject *term_attrs = member_object (offer, "termAttributes");
  if (term_attrs) {
    JsonObjectIter a;
    const char *name;
    JsonNode *value;
    json_object_iter_init (&a, term_attrs);
    while (json_object_iter_next (&a, &name, &value))
      if (JSON_NODE_HOLDS_VALUE (value) && json_node_get_value_type (value) == G_TYPE_STRING)
        attr_set (term, name, json_node_get_string (value));
  }
  JsonObjectIter iter;
  const char *rate;
  JsonNode *node;
  json_object_iter_init (&iter, dimensions);
  while (json_object_iter_next (&iter, &rate, &node)) {
    g_autofree char *dwhere = g_strdup_printf ("%s.priceDimensions.%s", where, rate);
    JsonObject *dimension = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
    if (!expect_object (dimension, read->feed->path, dwhere, error) ||
        !read_bulk_dimension (read, attrs, term, sku, dimension, dwhere, error))
      return FALSE;
  }
  return TRUE;
}

static gboolean
read_bulk_terms (FiRead *read, JsonObject *terms, GHashTable *by_sku, GError **error)
{
  static const char *const types[] = { "OnDemand", "Reserved" };
  for (guint t = 0; t < G_N_ELEMENTS (types); t++) {
    JsonObject *of_type = member_object (terms, types[t]);
    JsonObjectIter iter;
    const char *sku;
    JsonNode *node;
    if (of_type == NULL)
      continue;
    json_object_iter_init (&iter, of_type);
    while (json_object_iter_next (&iter, &sku, &node)) {
      GHashTable *attrs = g_hash_table_lookup (by_sku, sku);
      if (attrs == NULL || !JSON_NODE_HOLDS_OBJECT (node))
        continue;             /* a term for a product the file does not list */
      JsonObjectIter offers;
      const char *code;
      JsonNode *offer;
      json_object_iter_init (&offers, json_node_get_object (node));
      while (json_object_iter_next (&offers, &code, &offer))
        if (JSON_NODE_HOLDS_OBJECT (offer) &&
            !read_bulk_offer (read, attrs, types[t], sku, code, json_node_get_object (offer), error))
          return FALSE;
    }
  }
  return TRUE;
}

static gboolean
read_bulk_json (FiRead *read, JsonObject *root, GError **error)
{
  FiFeed *feed = read->feed;
  feed->format = g_strdup ("bulk JSON");
  feed->offer = g_strdup (member_string (root, "offerCode"));
  feed->version = g_strdup (member_string (root, "version"));
  feed->published = g_strdup (member_string (root, "publicationDate"));
  JsonObject *products = member_object (root, "products");
  JsonObject *terms = member_object (root, "terms");
  if (feed->offer == NULL || feed->published == NULL || products == NULL || terms == NULL) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_PARSE,
                 "%s: not a Price List offer file: expected offerCode, publicationDate, products and terms",
                 feed->path);
    return FALSE;
  }
  feed->url = g_strdup_printf ("https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/%s/%s/%s/index.json",
                               feed->offer, feed->version ? feed->version : "current",
                               read->import->region->code);
  g_autoptr (GHashTable) by_sku = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                         (GDestroyNotify) g_hash_table_unref);
  return read_bulk_products (products, feed->path, by_sku, error) &&
         read_bulk_terms (read, terms, by_sku, error);
}

/* ------------------------------------------- pricing-page feed (JSON) -- */

static gboolean
is_price_member (const char *name)
{
  return g_str_equal (name, "rateCode") || g_str_equal (name, "price") ||
         g_str_equal (name, "RegionlessRateCode") || g_str_has_prefix (name, "OnDemand:") ||
         g_str_has_prefix (name, "riupfront:");
}

static char *
sku_of_rate (const char *rate_code)
{
  const char *dot = rate_code ? strchr (rate_code, '.') : NULL;
  return dot ? g_strndup (rate_code, (gsize) (dot - rate_code)) : g_strdup (rate_code);
}

/* One row from an item: @prefix "" for the item's own price, "OnDemand:" or
 * "riupfront:" for the paired prices of a reserved item. */
static gboolean
read_page_price (FiRead *read, GHashTable *attrs, JsonObject *item, const char *prefix,
                 const char *type, const char *part, const char *where, GError **error)
{
  g_autofree char *price_name = g_strconcat (prefix, *prefix ? "PricePerUnit" : "price", NULL);
  g_autofree char *rate_name = g_strconcat (prefix, *prefix ? "RateCode" : "rateCode", NULL);
  const char *text = member_string (item, price_name);
  if (text == NULL && *prefix)
    return TRUE;
  FiRow *row = g_new0 (FiRow, 1);
  row->attrs = g_hash_table_ref (attrs);
  row->term = term_table (type, part);
  row->rate_code = g_strdup (member_string (item, rate_name));
  row->sku = sku_of_rate (row->rate_code);
  row->where = g_strdup (where);
  row->end = INFINITY;
  if (!parse_usd (text, read->feed->path, where, &row->usd, error)) {
    row_free (row);
    return FALSE;
  }
  offer_row (read, row);
  return TRUE;
}

static gboolean
read_page_item (FiRead *read, const char *location, const char *name, JsonObject *item, GError **error)
{
  g_autofree char *where = g_strdup_printf ("regions.\"%s\".\"%s\"", location, name);
  g_autoptr (GHashTable) attrs = attr_table_new ();
  JsonObjectIter iter;
  const char *member;
  JsonNode *value;
  json_object_iter_init (&iter, item);
  while (json_object_iter_next (&iter, &member, &value))
    if (!is_price_member (member) && JSON_NODE_HOLDS_VALUE (value) &&
        json_node_get_value_type (value) == G_TYPE_STRING)
      attr_set (attrs, member, json_node_get_string (value));
  attr_set (attrs, "name", name);
  attr_set (attrs, "location", location);
  gboolean reserved = g_hash_table_contains (attrs, "leasecontractlength");
  return read_page_price (read, attrs, item, "", reserved ? "Reserved" : "OnDemand", "recurring", where, error) &&
         read_page_price (read, attrs, item, "riupfront:", "Reserved", "upfront", where, error) &&
         read_page_price (read, attrs, item, "OnDemand:", "OnDemand", "recurring", where, error);
}

static gboolean
read_page_location (FiRead *read, const char *location, JsonNode *node, GError **error)
{
  g_autofree char *where = g_strdup_printf ("regions.\"%s\"", location);
  JsonObject *items = JSON_NODE_HOLDS_OBJECT (node) ? json_node_get_object (node) : NULL;
  if (!expect_object (items, read->feed->path, where, error))
    return FALSE;
  JsonObjectIter iter;
  const char *name;
  JsonNode *item;
  json_object_iter_init (&iter, items);
  while (json_object_iter_next (&iter, &name, &item)) {
    g_autofree char *iwhere = g_strdup_printf ("%s.\"%s\"", where, name);
    JsonObject *object = JSON_NODE_HOLDS_OBJECT (item) ? json_node_get_object (item) : NULL;
    if (!expect_object (object, read->feed->path, iwhere, error) ||
        !read_page_item (read, location, name, object, error))
      return FALSE;
  }
  return TRUE;
}

/* Only the region's block and the blocks entries name by location= are read. */
static gboolean
wanted_location (const FiRead *read, const char *location)
{
  if (g_str_equal (location, read->import->region->location))
    return TRUE;
  for (guint i = 0; i < read->entries->len; i++)
    if (same (((const FiEntry *) g_ptr_array_index (read->entries, i))->location, location))
      return TRUE;
  return FALSE;
}

static gboolean
read_page_json (FiRead *read, JsonObject *root, GError **error)
{
  FiFeed *feed = read->feed;
  JsonObject *manifest = member_object (root, "manifest");
  JsonObject *regions = member_object (root, "regions");
  feed->format = g_strdup ("pricing-page JSON");
  feed->offer = g_strdup (manifest ? member_string (manifest, "source") : NULL);
  feed->service = g_strdup (manifest ? member_string (manifest, "serviceId") : NULL);
  feed->published = g_strdup (manifest ? member_string (manifest, "hawkFilePublicationDate") : NULL);
  feed->version = g_strdup (manifest ? member_string (manifest, "esIndex") : NULL);
  if (feed->offer == NULL || feed->service == NULL || feed->published == NULL || regions == NULL) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_PARSE,
                 "%s: not a pricing-page feed: expected manifest.source, manifest.serviceId, "
                 "manifest.hawkFilePublicationDate and regions", feed->path);
    return FALSE;
  }
  feed->url = g_strdup_printf ("https://b0.p.awsstatic.com/pricing/2.0/meteredUnitMaps/%s/USD/current/%s.json",
                               feed->service, feed->offer);
  JsonObjectIter iter;
  const char *location;
  JsonNode *node;
  json_object_iter_init (&iter, regions);
  while (json_object_iter_next (&iter, &location, &node)) {
    if (!wanted_location (read, location))
      continue;
    if (!read_page_location (read, location, node, error))
      return FALSE;
  }
  return TRUE;
}

/* Peeks the offer code so only the entries reading this feed are tried;
 * then dispatches on the shape of the file. */
static gboolean
read_json (FiRead *read, GError **error)
{
  g_autoptr (JsonParser) parser = json_parser_new_immutable ();
  g_autoptr (GError) parse_error = NULL;
  if (!json_parser_load_from_mapped_file (parser, read->feed->path, &parse_error)) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_PARSE, "%s: not valid JSON: %s", read->feed->path,
                 parse_error->message);
    return FALSE;
  }
  JsonNode *root = json_parser_get_root (parser);
  JsonObject *object = root && JSON_NODE_HOLDS_OBJECT (root) ? json_node_get_object (root) : NULL;
  if (!expect_object (object, read->feed->path, "the document", error))
    return FALSE;
  JsonObject *manifest = member_object (object, "manifest");
  const char *offer = manifest ? member_string (manifest, "source") : member_string (object, "offerCode");
  for (guint i = 0; offer && i < read->import->map->entries->len; i++) {
    const FiEntry *entry = g_ptr_array_index (read->import->map->entries, i);
    if (g_str_equal (entry->feed, offer))
      g_ptr_array_add (read->entries, (gpointer) entry);
  }
  return manifest ? read_page_json (read, object, error) : read_bulk_json (read, object, error);
}

/* -------------------------------------------------- bulk offer (CSV) -- */

/* Adds @field to @fields; FALSE when it is not UTF-8 (a NUL byte counts as
 * not: it would cut the field short unseen). */
static gboolean
end_field (GPtrArray *fields, GString *field)
{
  gboolean valid = g_utf8_validate_len (field->str, field->len, NULL);
  g_ptr_array_add (fields, g_string_free (field, FALSE));
  return valid;
}

/* Reads one CSV record (RFC 4180: quoted fields may hold commas, doubled
 * quotes and line breaks).  Returns: (transfer full): the fields, or NULL at
 * the end of the file; @line counts lines read. */
static GPtrArray *
csv_record (FILE *file, guint *line, const char *path, GError **error)
{
  GPtrArray *fields = g_ptr_array_new_with_free_func (g_free);
  GString *field = g_string_new (NULL);
  gboolean quoted = FALSE, any = FALSE, valid = TRUE;
  guint start = *line + 1;
  int c;
  while ((c = getc (file)) != EOF) {
    any = TRUE;
    if (quoted) {
      if (c == '"') {
        int next = getc (file);
        if (next == '"')
          g_string_append_c (field, '"');
        else {
          quoted = FALSE;
          if (next != EOF)
            ungetc (next, file);
        }
      } else {
        if (c == '\n')
          (*line)++;
        g_string_append_c (field, (char) c);
      }
    } else if (c == '"' && field->len == 0) {
      quoted = TRUE;
    } else if (c == ',') {
      valid &= end_field (fields, field);
      field = g_string_new (NULL);
    } else if (c == '\n') {
      (*line)++;
      break;
    } else if (c != '\r') {
      g_string_append_c (field, (char) c);
    }
  }
  if (quoted) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_PARSE,
                 "%s:%u: a quoted field is not closed before the end of the file", path, start);
    g_string_free (field, TRUE);
    g_ptr_array_unref (fields);
    return NULL;
  }
  if (!any) {
    g_string_free (field, TRUE);
    g_ptr_array_unref (fields);
    return NULL;
  }
  if (!end_field (fields, field) || !valid) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_PARSE, "%s:%u: the record is not valid UTF-8", path, start);
    g_ptr_array_unref (fields);
    return NULL;
  }
  return fields;
}

/* The columns a CSV reader needs by name; the rest are product attributes. */
typedef struct {
  int sku, rate, term, begin, end, unit, usd, currency;
} FiCsvColumns;

static gboolean
csv_columns (GPtrArray *header, FiCsvColumns *cols, const char *path, guint line, GError **error)
{
  static const char *const names[] = { "SKU", "RateCode", "TermType", "StartingRange",
                                       "EndingRange", "Unit", "PricePerUnit", "Currency" };
  int *slots[] = { &cols->sku, &cols->rate, &cols->term, &cols->begin, &cols->end, &cols->unit,
                   &cols->usd, &cols->currency };
  for (guint n = 0; n < G_N_ELEMENTS (names); n++) {
    *slots[n] = -1;
    for (guint i = 0; i < header->len; i++)
      if (g_str_equal (g_ptr_array_index (header, i), names[n]))
        *slots[n] = (int) i;
    if (*slots[n] < 0) {
      g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_PARSE,
                   "%s:%u: the header has no column \"%s\"", path, line, names[n]);
      return FALSE;
    }
  }
  return TRUE;
}

static gboolean
is_term_column (const char *name)
{
  static const char *const term_columns[] = { "TermType", "LeaseContractLength", "PurchaseOption",
                                              "OfferingClass", NULL };
  return g_strv_contains (term_columns, name);
}

static gboolean
is_price_column (const char *name)
{
  static const char *const price_columns[] = { "SKU", "OfferTermCode", "RateCode", "PriceDescription",
                                               "EffectiveDate", "StartingRange", "EndingRange", "Unit",
                                               "PricePerUnit", "Currency", "RelatedTo", NULL };
  return g_strv_contains (price_columns, name);
}

static gboolean
csv_row (FiRead *read, GPtrArray *header, const FiCsvColumns *cols, GPtrArray *fields, guint line,
         GError **error)
{
  const char *path = read->feed->path;
  if (fields->len != header->len) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_PARSE,
                 "%s:%u: expected %u fields as in the header, found %u", path, line, header->len, fields->len);
    return FALSE;
  }
#define FIELD(i) ((const char *) g_ptr_array_index (fields, (guint) (i)))
  if (!g_str_equal (FIELD (cols->currency), "USD"))
    return TRUE;
  const char *type = FIELD (cols->term);
  gboolean upfront = g_str_equal (FIELD (cols->unit), "Quantity");
  FiRow *row = g_new0 (FiRow, 1);
  row->attrs = attr_table_new ();
  row->term = term_table (type, upfront ? "upfront" : "recurring");
  for (guint i = 0; i < header->len; i++) {
    const char *name = g_ptr_array_index (header, i);
    if (is_term_column (name) && *FIELD (i))
      attr_set (row->term, name, FIELD (i));
    else if (!is_price_column (name) && *FIELD (i))
      attr_set (row->attrs, name, FIELD (i));
  }
  row->sku = g_strdup (FIELD (cols->sku));
  attr_set (row->attrs, "sku", row->sku);
  row->rate_code = g_strdup (FIELD (cols->rate));
  row->unit = g_strdup (FIELD (cols->unit));
  row->where = g_strdup_printf ("line %u", line);
  if (!parse_usd (FIELD (cols->usd), path, row->where, &row->usd, error) ||
      !parse_range (FIELD (cols->begin), 0.0, path, row->where, &row->begin, error) ||
      !parse_range (FIELD (cols->end), INFINITY, path, row->where, &row->end, error)) {
    row_free (row);
    return FALSE;
  }
#undef FIELD
  offer_row (read, row);
  return TRUE;
}

/* The preamble field @name into @slot; a feed that names one twice is
 * refused rather than read by its last line. */
static gboolean
preamble_field (char **slot, const char *name, const char *value, const char *path, guint line, GError **error)
{
  if (*slot != NULL) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_PARSE, "%s:%u: the preamble gives \"%s\" a second time",
                 path, line, name);
    return FALSE;
  }
  *slot = g_strdup (value);
  return TRUE;
}

/* The preamble: "FormatVersion", "Disclaimer", "Publication Date",
 * "Version", "OfferCode" (name, value) lines, then the header row. */
static GPtrArray *
csv_preamble (FiRead *read, FILE *file, guint *line, GError **error)
{
  FiFeed *feed = read->feed;
  GPtrArray *record;
  while ((record = csv_record (file, line, feed->path, error)) != NULL) {
    const char *first = g_ptr_array_index (record, 0);
    if (g_str_equal (first, "SKU"))
      return record;
    const char *value = record->len >= 2 ? g_ptr_array_index (record, 1) : NULL;
    char **slot = g_str_equal (first, "Publication Date") ? &feed->published
                  : g_str_equal (first, "Version")        ? &feed->version
                  : g_str_equal (first, "OfferCode")      ? &feed->offer
                                                          : NULL;
    gboolean ok = slot == NULL || preamble_field (slot, first, value, feed->path, *line, error);
    g_ptr_array_unref (record);
    if (!ok)
      return NULL;
  }
  if (error == NULL || *error == NULL)
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_PARSE,
                 "%s:%u: expected the header row starting with \"SKU\" after the preamble", feed->path, *line);
  return NULL;
}

static gboolean
read_csv (FiRead *read, GError **error)
{
  FiFeed *feed = read->feed;
  FILE *file = g_fopen (feed->path, "rb");
  if (file == NULL) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_IO, "%s: %s", feed->path, g_strerror (errno));
    return FALSE;
  }
  guint line = 0;
  g_autoptr (GPtrArray) header = csv_preamble (read, file, &line, error);
  FiCsvColumns cols;
  gboolean ok = header != NULL && csv_columns (header, &cols, feed->path, line, error);
  if (ok && (feed->offer == NULL || feed->published == NULL)) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_PARSE,
                 "%s:%u: the preamble names no \"OfferCode\" or \"Publication Date\"", feed->path, line);
    ok = FALSE;
  }
  feed->format = g_strdup ("bulk CSV");
  for (guint i = 0; ok && i < read->import->map->entries->len; i++) {
    const FiEntry *entry = g_ptr_array_index (read->import->map->entries, i);
    if (g_str_equal (entry->feed, feed->offer))
      g_ptr_array_add (read->entries, (gpointer) entry);
  }
  if (ok)
    feed->url = g_strdup_printf ("https://pricing.us-east-1.amazonaws.com/offers/v1.0/aws/%s/%s/%s/index.csv",
                                 feed->offer, feed->version ? feed->version : "current",
                                 read->import->region->code);
  GPtrArray *fields;
  while (ok) {
    guint start = line + 1;
    fields = csv_record (file, &line, feed->path, error);
    if (fields == NULL) {
      ok = error == NULL || *error == NULL;
      break;
    }
    ok = csv_row (read, header, &cols, fields, start, error);
    g_ptr_array_unref (fields);
  }
  fclose (file);
  return ok;
}

/* ------------------------------------------------------- resolution -- */

/* "db.t4g.micro" -> "db_t4g_micro": keys are [a-z0-9_] between dots. */
static char *
key_segment (const char *value)
{
  char *out = g_ascii_strdown (value, -1);
  for (char *p = out; *p; p++)
    if (!g_ascii_isalnum (*p))
      *p = '_';
  return out;
}

/* [a-z0-9_]+ segments joined by dots, at least two (the catalog schema's rule). */
static gboolean
key_is_valid (const char *key)
{
  gboolean dot = FALSE, empty = TRUE;
  for (const char *p = key; *p; p++) {
    if (*p == '.') {
      if (empty)
        return FALSE;
      dot = TRUE;
      empty = TRUE;
    } else if (g_ascii_islower (*p) || g_ascii_isdigit (*p) || *p == '_') {
      empty = FALSE;
    } else {
      return FALSE;
    }
  }
  return dot && !empty;
}

/* Fills {attribute} placeholders of @pattern from @row.
 * Returns: (transfer full): the text, or NULL with @error. */
static char *
expand (const char *pattern, const FiRow *row, gboolean as_key, const char *what, GError **error)
{
  GString *out = g_string_new (NULL);
  for (const char *p = pattern; *p; p++) {
    const char *close = *p == '{' ? strchr (p, '}') : NULL;
    if (close == NULL) {
      g_string_append_c (out, *p);
      continue;
    }
    g_autofree char *raw = g_strndup (p + 1, (gsize) (close - p - 1));
    g_autofree char *name = norm_name (raw);
    const char *value = row_value (row, name);
    if (value == NULL) {
      g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                   "%s: the feed row (%s) has no attribute \"%s\" for the placeholder in \"%s\"",
                   what, row->where, raw, pattern);
      g_string_free (out, TRUE);
      return NULL;
    }
    g_autofree char *segment = as_key ? key_segment (value) : g_strdup (value);
    g_string_append (out, segment);
    p = close;
  }
  return g_string_free (out, FALSE);
}

typedef struct {
  const FiRow *row;
  guint tier;               /* map tier index, 0 without map tiers */
} FiHit;

typedef struct {
  const FiEntry *entry;
  GArray *hits;             /* FiHit */
} FiGroup;

static void
group_free (FiGroup *group)
{
  g_array_unref (group->hits);
  g_free (group);
}

static gboolean
add_hit (GHashTable *groups, const FiEntry *entry, const FiRow *row, guint tier, const char *map_path,
         GError **error)
{
  g_autofree char *where = g_strdup_printf ("%s:%ld", map_path, entry->line);
  char *key = expand (entry->key, row, TRUE, where, error);
  if (key == NULL)
    return FALSE;
  if (!key_is_valid (key)) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                 "%s: the key \"%s\" made from the feed row (%s) is not [a-z0-9_] between dots",
                 where, key, row->where);
    g_free (key);
    return FALSE;
  }
  FiGroup *group = g_hash_table_lookup (groups, key);
  if (group == NULL) {
    group = g_new0 (FiGroup, 1);
    group->entry = entry;
    group->hits = g_array_new (FALSE, FALSE, sizeof (FiHit));
    g_hash_table_insert (groups, g_strdup (key), group);
  } else if (group->entry != entry) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                 "%s: the key \"%s\" is also made by the entry on line %ld", where, key, group->entry->line);
    g_free (key);
    return FALSE;
  }
  FiHit hit = { row, tier };
  g_array_append_val (group->hits, hit);
  g_free (key);
  return TRUE;
}

static gint
hit_order (gconstpointer a, gconstpointer b)
{
  const FiHit *x = a, *y = b;
  if (x->tier != y->tier)
    return x->tier < y->tier ? -1 : 1;
  if (x->row->begin != y->row->begin)
    return x->row->begin < y->row->begin ? -1 : 1;
  return g_strcmp0 (x->row->rate_code, y->row->rate_code);
}

/* Several rows for one tier: the same price twice (a product listed under
 * two names, or the on-demand price carried by each reserved feed) is
 * fine; two different prices mean the map does not say which one. */
static gboolean
check_duplicate (const FiHit *a, const FiHit *b, const char *key, const char *path, GError **error)
{
  if (a->row->usd == b->row->usd)
    return TRUE;
  char usd_a[G_ASCII_DTOSTR_BUF_SIZE + 32], usd_b[G_ASCII_DTOSTR_BUF_SIZE + 32];
  format_number (usd_a, sizeof usd_a, a->row->usd);
  format_number (usd_b, sizeof usd_b, b->row->usd);
  g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
               "%s: key \"%s\" is ambiguous: %s (SKU %s, %s USD) and %s (SKU %s, %s USD) both match; "
               "add a <match> to the map entry", path, key, a->row->where, a->row->sku, usd_a,
               b->row->where, b->row->sku, usd_b);
  return FALSE;
}

static gboolean
same_tier (const FiHit *a, const FiHit *b, gboolean map_tiers)
{
  return map_tiers ? a->tier == b->tier : a->row->begin == b->row->begin;
}

/* Sorted, duplicate-free hits: one per tier. */
static gboolean
distinct_hits (GArray *hits, gboolean map_tiers, const char *key, const char *path, GError **error)
{
  g_array_sort (hits, hit_order);
  for (guint i = 1; i < hits->len;) {
    const FiHit *a = &g_array_index (hits, FiHit, i - 1), *b = &g_array_index (hits, FiHit, i);
    if (!same_tier (a, b, map_tiers)) {
      i++;
      continue;
    }
    if (!check_duplicate (a, b, key, path, error))
      return FALSE;
    g_array_remove_index (hits, i);
  }
  return TRUE;
}

/* The tiers of a bulk product: each range starts where the last ended. */
static gboolean
range_tiers (const FiGroup *group, const char *key, const char *path, GArray *tiers, GError **error)
{
  double expected = 0.0;
  for (guint i = 0; i < group->hits->len; i++) {
    const FiRow *row = g_array_index (group->hits, FiHit, i).row;
    gboolean last = i + 1 == group->hits->len;
    if (row->begin != expected || (last && !isinf (row->end)) || (!last && isinf (row->end))) {
      g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                   "%s: key \"%s\": the price ranges of SKU %s do not run from 0 to Inf without a gap (%s)",
                   path, key, row->sku, row->where);
      return FALSE;
    }
    FiTier tier = { row->end, row->usd, FALSE, g_strdup (row->rate_code) };
    g_array_append_val (tiers, tier);
    expected = row->end;
  }
  return TRUE;
}

static gboolean
map_tiers (const FiGroup *group, const char *key, const char *path, GArray *tiers, GError **error)
{
  const FiEntry *entry = group->entry;
  if (group->hits->len != entry->tiers->len) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                 "%s: key \"%s\": the feed gives %u of the %u tiers the map entry (line %ld) lists",
                 path, key, group->hits->len, entry->tiers->len, entry->line);
    return FALSE;
  }
  for (guint i = 0; i < group->hits->len; i++) {
    const FiRow *row = g_array_index (group->hits, FiHit, i).row;
    const FiTierSpec *spec = g_ptr_array_index (entry->tiers, i);
    FiTier tier = { spec->upto, row->usd, FALSE, g_strdup (row->rate_code) };
    g_array_append_val (tiers, tier);
  }
  return TRUE;
}

/* Unit conversion (per=N: the feed prices N catalog units) and the free
 * first tier. */
static void
finish_tiers (const FiEntry *entry, GArray *tiers)
{
  for (guint i = 0; i < tiers->len; i++) {
    FiTier *tier = &g_array_index (tiers, FiTier, i);
    tier->usd /= entry->per;
    tier->upto *= entry->per;
  }
  FiTier *first = &g_array_index (tiers, FiTier, 0);
  if (entry->free_first && tiers->len > 1 && first->usd == 0.0)
    first->free = TRUE;
}

/* The map's <free upto>: a free tier that ends inside the feed's first paid
 * tier, which keeps its upper bound (the feed's bands count from zero, as
 * AWS bills them). */
static gboolean
open_with_allowance (const FiEntry *entry, const char *key, const char *path, GArray *tiers,
                     GError **error)
{
  const FiTier *first = &g_array_index (tiers, FiTier, 0);
  if (first->usd == 0.0 || !(first->upto > entry->free_upto)) {
    char upto[G_ASCII_DTOSTR_BUF_SIZE + 32];
    format_number (upto, sizeof upto, entry->free_upto);
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                 "%s: key \"%s\": <free upto=\"%s\"> (map line %ld) must end inside a first tier "
                 "that the feed prices", path, key, upto, entry->line);
    return FALSE;
  }
  FiTier allowance = { entry->free_upto, 0.0, TRUE, NULL };
  g_array_prepend_val (tiers, allowance);
  return TRUE;
}

static char *
allowance_note (const FiEntry *entry)
{
  char upto[G_ASCII_DTOSTR_BUF_SIZE + 32];
  format_number (upto, sizeof upto, entry->free_upto);
  return g_strdup_printf ("the first tier (up to %s %s a month, free) is the always-free allowance that "
                          "source %s states, which the feed does not size; the other tiers are the feed's",
                          upto, entry->unit, entry->free_source);
}

static char *
common_sku (const GArray *hits)
{
  const char *sku = g_array_index (hits, FiHit, 0).row->sku;
  for (guint i = 1; i < hits->len; i++)
    if (g_strcmp0 (sku, g_array_index (hits, FiHit, i).row->sku) != 0)
      return NULL;
  return g_strdup (sku);
}

static FiPrice *
group_price (const FiGroup *group, const char *key, const FiFeed *feed, const char *note,
             GError **error)
{
  const FiEntry *entry = group->entry;
  gboolean by_map = entry->tiers->len > 0;
  if (!distinct_hits (group->hits, by_map, key, feed->path, error))
    return NULL;
  g_autoptr (GArray) tiers = g_array_new (FALSE, TRUE, sizeof (FiTier));
  g_array_set_clear_func (tiers, (GDestroyNotify) tier_clear);
  if (!(by_map ? map_tiers (group, key, feed->path, tiers, error)
               : range_tiers (group, key, feed->path, tiers, error)))
    return NULL;
  finish_tiers (entry, tiers);
  if (entry->free_source && !open_with_allowance (entry, key, feed->path, tiers, error))
    return NULL;
  FiPrice *price = g_new0 (FiPrice, 1);
  price->key = g_strdup (key);
  price->unit = g_strdup (entry->unit);
  price->note = g_strdup (note);
  price->source_id = g_strdup (feed->id);
  price->date = g_strndup (feed->published, 10);
  price->sku = common_sku (group->hits);
  price->tiers = g_steal_pointer (&tiers);
  if (entry->free_source) {
    price->derived = allowance_note (entry);
    price->allowance_source = entry->free_source;
  }
  return price;
}

static gboolean
prices_equal (const FiPrice *a, const FiPrice *b)
{
  if (a->tiers->len != b->tiers->len || g_strcmp0 (a->unit, b->unit) != 0)
    return FALSE;
  for (guint i = 0; i < a->tiers->len; i++) {
    const FiTier *x = &g_array_index (a->tiers, FiTier, i), *y = &g_array_index (b->tiers, FiTier, i);
    if (x->usd != y->usd || x->upto != y->upto)
      return FALSE;
  }
  return TRUE;
}

/* A key given by two feeds must have the same price in both. */
/* The bounds data/schema/catalog.rng puts on a tier (unit-usd, upto), so
 * that a feed's absurd price is refused with the feed, not when the written
 * catalog is checked. */
#define CATALOG_MAX_USD 1e6
#define CATALOG_MAX_UPTO 1e15

static gboolean
check_bounds (const FiPrice *price, const FiFeed *feed, GError **error)
{
  for (guint i = 0; i < price->tiers->len; i++) {
    const FiTier *tier = &g_array_index (price->tiers, FiTier, i);
    if (!(tier->usd <= CATALOG_MAX_USD) || !(isinf (tier->upto) || tier->upto <= CATALOG_MAX_UPTO)) {
      char usd[G_ASCII_DTOSTR_BUF_SIZE], upto[G_ASCII_DTOSTR_BUF_SIZE];
      g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                   "%s: key \"%s\": tier %u (%s USD a unit, up to %s units) is beyond a catalog's bounds: "
                   "at most 1000000 USD a unit, tiers up to 1e15 units", feed->path, price->key, i + 1,
                   g_ascii_dtostr (usd, sizeof usd, tier->usd),
                   isinf (tier->upto) ? "any number of" : g_ascii_dtostr (upto, sizeof upto, tier->upto));
      return FALSE;
    }
  }
  return TRUE;
}

static gboolean
store_price (PcFeedImport *import, FiPrice *price, const FiFeed *feed, GError **error)
{
  if (!check_bounds (price, feed, error)) {
    price_free (price);
    return FALSE;
  }
  FiPrice *old = g_hash_table_lookup (import->prices, price->key);
  if (old == NULL) {
    g_hash_table_insert (import->prices, price->key, price);
    return TRUE;
  }
  gboolean equal = prices_equal (old, price);
  if (!equal)
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                 "%s: key \"%s\" has another price in an earlier feed (source %s)", feed->path, price->key,
                 old->source_id);
  price_free (price);
  return equal;
}

static gboolean
resolve (FiRead *read, GError **error)
{
  const char *map_path = read->import->map->path;
  g_autoptr (GHashTable) groups = g_hash_table_new_full (g_str_hash, g_str_equal, g_free,
                                                        (GDestroyNotify) group_free);
  for (guint r = 0; r < read->rows->len; r++) {
    const FiRow *row = g_ptr_array_index (read->rows, r);
    if (!row_text_ok (row)) {
      g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_PARSE,
                   "%s: the row (%s) holds text a catalog cannot: not UTF-8, or a control character",
                   read->feed->path, row->where);
      return FALSE;
    }
    for (guint e = 0; e < read->entries->len; e++) {
      const FiEntry *entry = g_ptr_array_index (read->entries, e);
      guint tier;
      if (entry_accepts (entry, read->import->region, row, &tier) &&
          !add_hit (groups, entry, row, tier, map_path, error)) {
        g_prefix_error (error, "%s: ", read->feed->path);   /* the message names the map's line */
        return FALSE;
      }
    }
  }
  GHashTableIter iter;
  gpointer key, value;
  g_hash_table_iter_init (&iter, groups);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    FiGroup *group = value;
    const FiRow *first = g_array_index (group->hits, FiHit, 0).row;
    g_autofree char *note = group->entry->note ? expand (group->entry->note, first, FALSE, map_path, error) : NULL;
    if (group->entry->note && note == NULL) {
      g_prefix_error (error, "%s: ", read->feed->path);
      return FALSE;
    }
    FiPrice *price = group_price (group, key, read->feed, note, error);
    if (price == NULL || !store_price (read->import, price, read->feed, error))
      return FALSE;
  }
  return TRUE;
}

/* Source ids: "feed-<offer>", numbered when one offer comes in several
 * files (reserved feeds are split by term). */
static char *
feed_source_id (const PcFeedImport *import, const char *offer)
{
  g_autofree char *base = key_segment (offer);
  for (char *p = base; *p; p++)
    if (*p == '_')
      *p = '-';
  char *id = g_strdup_printf ("feed-%s", base);
  for (guint n = 2;; n++) {
    gboolean taken = FALSE;
    for (guint i = 0; i < import->feeds->len && !taken; i++)
      taken = g_strcmp0 (((const FiFeed *) g_ptr_array_index (import->feeds, i))->id, id) == 0;
    if (!taken)
      return id;
    g_free (id);
    id = g_strdup_printf ("feed-%s-%u", base, n);
  }
}

static gboolean
read_feed (FiRead *read, GError **error)
{
  FILE *probe = g_fopen (read->feed->path, "rb");
  if (probe == NULL) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_IO, "%s: %s", read->feed->path, g_strerror (errno));
    return FALSE;
  }
  int c;
  while ((c = getc (probe)) != EOF && g_ascii_isspace (c))
    ;
  fclose (probe);
  return c == '{' ? read_json (read, error) : read_csv (read, error);
}

/**
 * pc_feed_import_add_feed:
 * Reads the feed @path, keeps the rows the map selects for the import's
 * region and turns them into prices.  Fails when the feed is malformed,
 * when no map entry reads it, when it has nothing for the region, or when
 * a key would get two different prices.
 */
gboolean
pc_feed_import_add_feed (PcFeedImport *import, const char *path, const char *origin, GError **error)
{
  FiFeed *feed = g_new0 (FiFeed, 1);
  feed->path = g_strdup (path);
  feed->origin = g_strdup (origin);
  g_autoptr (GPtrArray) entries = g_ptr_array_new ();
  g_autoptr (GPtrArray) rows = g_ptr_array_new_with_free_func ((GDestroyNotify) row_free);
  FiRead read = { import, feed, entries, rows, FALSE };
  gboolean ok = read_feed (&read, error);
  if (ok && entries->len == 0) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF,
                 "%s: no entry of %s reads the feed \"%s\"", path, import->map->path, feed->offer);
    ok = FALSE;
  }
  if (ok && !read.saw_region && rows->len == 0) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF,
                 "%s: the feed has no prices for region %s (location \"%s\")", path,
                 import->region->code, import->region->location);
    ok = FALSE;
  }
  if (ok && !(xml_text_ok (feed->offer) && xml_text_ok (feed->version) && xml_text_ok (feed->published) &&
              xml_text_ok (origin))) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_PARSE,
                 "%s: its offer code, version, publication date or origin holds text a catalog cannot: "
                 "not UTF-8, or a control character", path);
    ok = FALSE;
  }
  /* A catalog's dates are its first ten bytes, which must not cut a character. */
  if (ok && !pc_parse_date_prefix (feed->published, NULL)) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                 "%s: publication date \"%s\" does not begin with a date, YYYY-MM-DD", path, feed->published);
    ok = FALSE;
  }
  /* What the <source> URL is made of: the page feeds' service id and
   * source, the bulk feeds' offer code and version. */
  const char *names[] = { feed->offer, feed->service ? feed->service : feed->version };
  for (guint i = 0; ok && i < G_N_ELEMENTS (names); i++)
    if (!url_segment_ok (names[i])) {
      g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                   "%s: \"%s\" (its offer code, version or service id, part of its URL) is not letters, "
                   "digits, '.', '_' and '-'", path, names[i]);
      ok = FALSE;
    }
  if (ok && rows->len == 0) {
    /* Nothing to import: a renamed attribute or a changed term, most likely. */
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF,
                 "%s: the feed has products in region %s, but none matches an entry of %s that reads \"%s\"",
                 path, import->region->code, import->map->path, feed->offer);
    ok = FALSE;
  }
  if (ok)
    feed->id = feed_source_id (import, feed->offer);
  if (ok && !resolve (&read, error))
    ok = FALSE;
  if (!ok) {
    feed_free (feed);
    pc_error_tidy_at (error);   /* a feed's strings and fields may hold newlines */
    return FALSE;
  }
  g_ptr_array_add (import->feeds, feed);
  return TRUE;
}

/* ------------------------------------------------------------- keep -- */

/* A kept <source> may not reuse the id of a feed or of a map <source>. */
static gboolean
source_id_taken (const PcFeedImport *import, const char *id)
{
  for (guint i = 0; i < import->feeds->len; i++)
    if (g_str_equal (((const FiFeed *) g_ptr_array_index (import->feeds, i))->id, id))
      return TRUE;
  return map_source (import->map, id) != NULL;
}

static gboolean
keep (PcFeedImport *import, const char *path, GError **error)
{
  if (import->kept_doc != NULL) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_FAILED, "%s: only one catalog can be kept", path);
    return FALSE;
  }
  g_autoptr (xmlDoc) doc = pc_xml_load (path, "catalog.rng", error);
  if (doc == NULL)
    return FALSE;
  g_autoptr (GHashTable) cited = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  xmlNode *root = xmlDocGetRootElement (doc);
  for (xmlNode *node = root->children; node; node = node->next) {
    g_autofree char *key = pc_xml_is (node, "price") ? pc_xml_attr (node, "key") : NULL;
    if (key == NULL || g_hash_table_contains (import->prices, key))
      continue;
    g_ptr_array_add (import->kept_prices, node);
    g_hash_table_add (cited, pc_xml_attr (node, "source"));
  }
  for (xmlNode *node = root->children; node; node = node->next) {
    g_autofree char *id = pc_xml_is (node, "source") ? pc_xml_attr (node, "id") : NULL;
    if (id == NULL || !g_hash_table_contains (cited, id))
      continue;
    if (source_id_taken (import, id)) {
      g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                   "%s:%ld: <source id=\"%s\"> clashes with the source id of a feed or of the map", path,
                   xmlGetLineNo (node), id);
      return FALSE;
    }
    g_ptr_array_add (import->kept_sources, node);
  }
  import->kept_doc = g_steal_pointer (&doc);
  return TRUE;
}

gboolean
pc_feed_import_keep (PcFeedImport *import, const char *path, GError **error)
{
  gboolean kept = keep (import, path, error);
  if (!kept)
    pc_error_tidy_at (error);
  return kept;
}

/* ----------------------------------------------------------- writing -- */

/* Prices have up to 10 decimals in the feeds and a few more after a unit
 * conversion: fixed notation with trailing zeros cut, unless that would
 * not read back as the same number. */
static void
format_number (char *buffer, gsize size, double value)
{
  g_ascii_formatd (buffer, (int) size, "%.12f", value);
  if (strchr (buffer, '.')) {
    char *end = buffer + strlen (buffer) - 1;
    while (*end == '0')
      *end-- = '\0';
    if (*end == '.')
      *end = '\0';
  }
  double back = g_ascii_strtod (buffer, NULL);
  if (fabs (back - value) > fabs (value) * 1e-9)
    g_ascii_dtostr (buffer, (int) size, value);
}

static int
write_number (xmlTextWriter *writer, const char *name, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + 32];
  format_number (buffer, sizeof buffer, value);
  return xmlTextWriterWriteAttribute (writer, BAD_CAST name, BAD_CAST buffer);
}

static int
write_optional (xmlTextWriter *writer, const char *name, const char *value)
{
  return value ? xmlTextWriterWriteAttribute (writer, BAD_CAST name, BAD_CAST value) : 0;
}

static gboolean
write_feed_source (xmlTextWriter *writer, const FiFeed *feed)
{
  g_autofree char *date = g_strndup (feed->published, 10);
  g_autofree char *text = g_strdup_printf ("%s%s%s feed \"%s\" (%s), publication date %s%s%s",
                                           feed->origin ? feed->origin : "", feed->origin ? ": " : "",
                                           "AWS", feed->offer, feed->format, feed->published,
                                           feed->version ? ", version " : "", feed->version ? feed->version : "");
  return xmlTextWriterStartElement (writer, BAD_CAST "source") >= 0 &&
         xmlTextWriterWriteAttribute (writer, BAD_CAST "id", BAD_CAST feed->id) >= 0 &&
         xmlTextWriterWriteAttribute (writer, BAD_CAST "date", BAD_CAST date) >= 0 &&
         write_optional (writer, "feed", feed->offer) >= 0 && write_optional (writer, "url", feed->url) >= 0 &&
         xmlTextWriterWriteString (writer, BAD_CAST text) >= 0 && xmlTextWriterEndElement (writer) >= 0;
}

static gboolean
write_tier (xmlTextWriter *writer, const FiTier *tier, gboolean with_rate)
{
  return xmlTextWriterStartElement (writer, BAD_CAST "tier") >= 0 &&
         (isinf (tier->upto) || write_number (writer, "upto", tier->upto) >= 0) &&
         write_number (writer, "usd", tier->usd) >= 0 &&
         (!tier->free || xmlTextWriterWriteAttribute (writer, BAD_CAST "free", BAD_CAST "always") >= 0) &&
         (!with_rate || write_optional (writer, "rate-code", tier->rate_code) >= 0) &&
         xmlTextWriterEndElement (writer) >= 0;
}

static gboolean
write_feed_price (xmlTextWriter *writer, const FiPrice *price)
{
  gboolean single = price->tiers->len == 1;
  const FiTier *first = &g_array_index (price->tiers, FiTier, 0);
  gboolean ok = xmlTextWriterStartElement (writer, BAD_CAST "price") >= 0 &&
                xmlTextWriterWriteAttribute (writer, BAD_CAST "key", BAD_CAST price->key) >= 0 &&
                xmlTextWriterWriteAttribute (writer, BAD_CAST "unit", BAD_CAST price->unit) >= 0 &&
                (!single || write_number (writer, "usd", first->usd) >= 0) &&
                xmlTextWriterWriteAttribute (writer, BAD_CAST "source", BAD_CAST price->source_id) >= 0 &&
                xmlTextWriterWriteAttribute (writer, BAD_CAST "date", BAD_CAST price->date) >= 0 &&
                write_optional (writer, "derived", price->derived) >= 0 &&
                write_optional (writer, "sku", price->sku) >= 0 &&
                (!single || write_optional (writer, "rate-code", first->rate_code) >= 0) &&
                write_optional (writer, "note", price->note) >= 0;
  for (guint i = 0; ok && !single && i < price->tiers->len; i++)
    ok = write_tier (writer, &g_array_index (price->tiers, FiTier, i), TRUE);
  return ok && xmlTextWriterEndElement (writer) >= 0;
}

static gboolean
cites_source (const PcFeedImport *import, const char *id)
{
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, import->prices);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    if (g_strcmp0 (((const FiPrice *) value)->allowance_source, id) == 0)
      return TRUE;
  return FALSE;
}

/* The map's <source> elements that some written price cites. */
static gboolean
write_map_sources (const PcFeedImport *import, xmlTextWriter *writer)
{
  gboolean ok = TRUE;
  for (guint i = 0; ok && i < import->map->sources->len; i++) {
    const FiSource *source = g_ptr_array_index (import->map->sources, i);
    if (!cites_source (import, source->id))
      continue;
    ok = xmlTextWriterStartElement (writer, BAD_CAST "source") >= 0 &&
         xmlTextWriterWriteAttribute (writer, BAD_CAST "id", BAD_CAST source->id) >= 0 &&
         xmlTextWriterWriteAttribute (writer, BAD_CAST "date", BAD_CAST source->date) >= 0 &&
         write_optional (writer, "url", source->url) >= 0 &&
         xmlTextWriterWriteString (writer, BAD_CAST source->text) >= 0 && xmlTextWriterEndElement (writer) >= 0;
  }
  return ok;
}

/* A kept element, as it was: its attributes, element children and text. */
static gboolean
write_copy (xmlTextWriter *writer, const xmlNode *node)
{
  gboolean ok = xmlTextWriterStartElement (writer, node->name) >= 0;
  for (const xmlAttr *attr = node->properties; attr && ok; attr = attr->next) {
    g_autofree char *value = pc_xml_attr (node, (const char *) attr->name);
    ok = xmlTextWriterWriteAttribute (writer, attr->name, BAD_CAST value) >= 0;
  }
  gboolean has_elements = FALSE;
  for (const xmlNode *child = node->children; child && ok; child = child->next)
    if (child->type == XML_ELEMENT_NODE) {
      has_elements = TRUE;
      ok = write_copy (writer, child);
    }
  if (ok && !has_elements) {
    g_autofree char *text = pc_xml_text (node);
    if (*text)
      ok = xmlTextWriterWriteString (writer, BAD_CAST text) >= 0;
  }
  return ok && xmlTextWriterEndElement (writer) >= 0;
}

/* Feed prices and kept prices, by key. */
typedef struct {
  const char *key;
  const FiPrice *price;
  const xmlNode *kept;
} FiOut;

static gint
out_order (gconstpointer a, gconstpointer b)
{
  return strcmp (((const FiOut *) a)->key, ((const FiOut *) b)->key);
}

static GArray *
sorted_output (const PcFeedImport *import)
{
  GArray *out = g_array_new (FALSE, FALSE, sizeof (FiOut));
  GHashTableIter iter;
  gpointer key, value;
  g_hash_table_iter_init (&iter, import->prices);
  while (g_hash_table_iter_next (&iter, &key, &value)) {
    FiOut item = { key, value, NULL };
    g_array_append_val (out, item);
  }
  for (guint i = 0; i < import->kept_prices->len; i++) {
    const xmlNode *node = g_ptr_array_index (import->kept_prices, i);
    const xmlChar *key_attr = xmlHasProp (node, BAD_CAST "key")->children->content;
    FiOut item = { (const char *) key_attr, NULL, node };
    g_array_append_val (out, item);
  }
  g_array_sort (out, out_order);
  return out;
}

static gboolean
write_catalog (const PcFeedImport *import, xmlTextWriter *writer, const char *gathered)
{
  gboolean ok = xmlTextWriterSetIndent (writer, 1) >= 0 &&
                xmlTextWriterSetIndentString (writer, BAD_CAST "  ") >= 0 &&
                xmlTextWriterStartDocument (writer, NULL, "UTF-8", NULL) >= 0 &&
                xmlTextWriterWriteComment (writer, BAD_CAST " phasecast price catalog, format 1, written by "
                                           "`phasecast catalog import` from AWS price feeds; prices from other "
                                           "sources were kept from the previous catalog. See "
                                           "data/pricing/README.md. ") >= 0 &&
                xmlTextWriterStartElement (writer, BAD_CAST "catalog") >= 0 &&
                xmlTextWriterWriteAttribute (writer, BAD_CAST "format", BAD_CAST "1") >= 0 &&
                xmlTextWriterWriteAttribute (writer, BAD_CAST "region", BAD_CAST import->region->code) >= 0 &&
                xmlTextWriterWriteAttribute (writer, BAD_CAST "name", BAD_CAST import->region->name) >= 0 &&
                xmlTextWriterWriteAttribute (writer, BAD_CAST "currency", BAD_CAST "USD") >= 0 &&
                xmlTextWriterWriteAttribute (writer, BAD_CAST "gathered", BAD_CAST gathered) >= 0;
  for (guint i = 0; ok && i < import->feeds->len; i++)
    ok = write_feed_source (writer, g_ptr_array_index (import->feeds, i));
  ok = ok && write_map_sources (import, writer);
  for (guint i = 0; ok && i < import->kept_sources->len; i++)
    ok = write_copy (writer, g_ptr_array_index (import->kept_sources, i));
  g_autoptr (GArray) out = sorted_output (import);
  for (guint i = 0; ok && i < out->len; i++) {
    const FiOut *item = &g_array_index (out, FiOut, i);
    ok = item->price ? write_feed_price (writer, item->price) : write_copy (writer, item->kept);
  }
  return ok && xmlTextWriterEndDocument (writer) >= 0;
}

/* Writes @import to the new file @tmp and loads it back as a catalog. */
static gboolean
write_and_check (const PcFeedImport *import, const char *tmp, const char *gathered, GError **error)
{
  xmlTextWriter *writer = xmlNewTextWriterFilename (tmp, 0);
  gboolean ok = writer != NULL && write_catalog (import, writer, gathered);
  if (writer)
    xmlFreeTextWriter (writer);
  if (!ok) {
    g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_IO, "%s: cannot write the catalog", tmp);
    return FALSE;
  }
  g_autoptr (PcCatalog) check = pc_catalog_new ();
  if (!pc_catalog_add_file (check, tmp, error)) {
    g_prefix_error (error, "the written catalog does not load: ");
    return FALSE;
  }
  return TRUE;
}

static gboolean
check_date (const char *gathered, GError **error)
{
  gboolean ok = gathered && strlen (gathered) == 10 && pc_parse_date_prefix (gathered, NULL);
  if (!ok)
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE, "gathered date \"%s\": expected YYYY-MM-DD",
                 gathered ? gathered : "");
  return ok;
}

/* Puts @tmp at @path: without @force link(2), which refuses an existing
 * name atomically; with it rename(2), which replaces it atomically. */
static gboolean
install_file (const char *tmp, const char *path, gboolean force, GError **error)
{
  int status = force ? g_rename (tmp, path) : link (tmp, path);
  int saved = errno;
  if (status == 0 && !force)
    g_unlink (tmp);
  if (status == 0)
    return TRUE;
  if (saved == EEXIST)
    g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_EXISTS, "%s exists; use --force to replace it", path);
  else
    g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_IO, "%s: %s", path, g_strerror (saved));
  return FALSE;
}

static gboolean
print_file (const char *tmp, GError **error)
{
  g_autofree char *text = NULL;
  if (!g_file_get_contents (tmp, &text, NULL, error))
    return FALSE;
  fputs (text, stdout);
  return fflush (stdout) == 0;
}

gboolean
pc_feed_import_write (PcFeedImport *import, const char *path, gboolean force, const char *gathered,
                      GError **error)
{
  if (!check_date (gathered, error))
    return FALSE;
  if (path && !force && g_file_test (path, G_FILE_TEST_EXISTS)) {
    g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_EXISTS, "%s exists; use --force to replace it", path);
    return FALSE;
  }
  g_autofree char *tmp = path ? g_strdup_printf ("%s.XXXXXX", path)
                              : g_build_filename (g_get_tmp_dir (), "phasecast-catalog-XXXXXX", NULL);
  int fd = g_mkstemp (tmp);
  if (fd < 0) {
    g_set_error (error, PC_EXPORT_ERROR, PC_EXPORT_ERROR_IO, "%s: %s", tmp, g_strerror (errno));
    return FALSE;
  }
  /* mkstemp() makes the file private; a catalog is data like any other file. */
  mode_t mask = umask (0);
  umask (mask);
  fchmod (fd, 0666 & ~mask);
  close (fd);
  gboolean ok = write_and_check (import, tmp, gathered, error) &&
                (path ? install_file (tmp, path, force, error) : print_file (tmp, error));
  if (!ok || path == NULL)
    g_unlink (tmp);
  return ok;
}

/* -------------------------------------------------------------- diff -- */

static void
append_number (GString *out, double value)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE + 32];
  format_number (buffer, sizeof buffer, value);
  g_string_append (out, buffer);
}

/* "0.025", or a ladder "0 to 100 (free), 0.114 to 10240, 0.092". */
static char *
describe (const PcPrice *price)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < price->n_tiers; i++) {
    const PcTier *tier = &price->tiers[i];
    if (i)
      g_string_append (out, ", ");
    append_number (out, tier->usd);
    if (!isinf (tier->upto)) {
      g_string_append (out, " to ");
      append_number (out, tier->upto);
    }
    if (tier->free != PC_FREE_NONE)
      g_string_append (out, tier->free == PC_FREE_ALWAYS ? " (free)" : " (12-month free)");
  }
  return g_string_free (out, FALSE);
}

static gboolean
same_price (const PcPrice *a, const PcPrice *b)
{
  if (g_strcmp0 (a->unit, b->unit) != 0 || a->n_tiers != b->n_tiers)
    return FALSE;
  for (guint i = 0; i < a->n_tiers; i++)
    if (a->tiers[i].usd != b->tiers[i].usd || a->tiers[i].upto != b->tiers[i].upto ||
        a->tiers[i].free != b->tiers[i].free)
      return FALSE;
  return TRUE;
}

static void
diff_changed (GString *out, const char *key, const PcPrice *old_price, const PcPrice *new_price)
{
  g_autofree char *before = describe (old_price);
  g_autofree char *after = describe (new_price);
  g_string_append_printf (out, "changed %s: %s → %s", key, before, after);
  double a = pc_price_unit_usd (old_price), b = pc_price_unit_usd (new_price);
  if (a > 0.0) {
    char pct[G_ASCII_DTOSTR_BUF_SIZE];
    g_ascii_formatd (pct, sizeof pct, "%+.1f", (b - a) / a * 100.0);
    g_string_append_printf (out, " (%s %%)", pct);
  }
  if (g_strcmp0 (old_price->unit, new_price->unit) != 0)
    g_string_append_printf (out, " [unit %s → %s]", old_price->unit, new_price->unit);
  g_string_append_c (out, '\n');
}

static gint
compare_keys (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

char *
pc_catalog_diff (const PcCatalog *old_catalog, const PcCatalog *new_catalog)
{
  g_autoptr (GPtrArray) keys = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer key;
  g_hash_table_iter_init (&iter, old_catalog->prices);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    g_ptr_array_add (keys, key);
  g_hash_table_iter_init (&iter, new_catalog->prices);
  while (g_hash_table_iter_next (&iter, &key, NULL))
    if (!g_hash_table_contains (old_catalog->prices, key))
      g_ptr_array_add (keys, key);
  g_ptr_array_sort (keys, compare_keys);
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < keys->len; i++) {
    const char *k = g_ptr_array_index (keys, i);
    const PcPrice *a = g_hash_table_lookup (old_catalog->prices, k);
    const PcPrice *b = g_hash_table_lookup (new_catalog->prices, k);
    g_autofree char *text = b ? describe (b) : NULL;
    if (a == NULL)
      g_string_append_printf (out, "added %s: %s %s\n", k, text, b->unit);
    else if (b == NULL)
      g_string_append_printf (out, "removed %s\n", k);
    else if (!same_price (a, b))
      diff_changed (out, k, a, b);
  }
  return g_string_free (out, FALSE);
}
