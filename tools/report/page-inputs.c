/* page-inputs.c - what index.html was computed from.
 *
 * Assumptions: the scenario file itself, element by element, as the
 * planner wrote it (read again through the same validating loader), so the
 * page shows every setting without knowing each one: an element's
 * attributes as a list, and repeated child elements (events, actuals) as a
 * table with one column per attribute.
 *
 * Prices: every catalog price behind a cost line of the median future,
 * once per region, with its unit, first non-free unit price, source, date
 * and, for a price the catalog derived rather than read, how.
 */
#include "page-private.h"

#include "pc-private.h"

static void
attribute_list (GString *out, const xmlNode *node)
{
  if (node->properties == NULL)
    return;
  g_string_append (out, "<p>");
  for (const xmlAttr *attr = node->properties; attr; attr = attr->next) {
    g_autofree char *value = pc_xml_attr (node, (const char *) attr->name);
    g_string_append (out, "<code>");
    pc_page_printf (out, "%s=\"%s\"", (const char *) attr->name, value);
    g_string_append (out, attr->next ? "</code>, " : "</code>");
  }
  g_string_append (out, "</p>\n");
}

/* The attribute names used by @node's children called @name, in order. */
static GPtrArray *
child_columns (const xmlNode *node, const char *name)
{
  GPtrArray *columns = g_ptr_array_new ();
  for (const xmlNode *child = node->children; child; child = child->next) {
    if (!pc_xml_is (child, name))
      continue;
    for (const xmlAttr *attr = child->properties; attr; attr = attr->next)
      if (!g_ptr_array_find_with_equal_func (columns, attr->name, g_str_equal, NULL))
        g_ptr_array_add (columns, (gpointer) attr->name);
  }
  return columns;
}

static void
child_row (GString *out, const xmlNode *child, const GPtrArray *columns)
{
  g_string_append (out, "<tr>");
  for (guint c = 0; c < columns->len; c++) {
    g_autofree char *value = pc_xml_attr (child, columns->pdata[c]);
    g_string_append (out, "<td>");
    pc_page_text (out, value);
    g_string_append (out, "</td>");
  }
  g_autofree char *text = pc_xml_text (child);
  g_string_append (out, "<td>");
  pc_page_text (out, text);
  g_string_append (out, "</td></tr>\n");
}

static void
child_table (GString *out, const xmlNode *node, const char *name)
{
  g_autoptr (GPtrArray) columns = child_columns (node, name);
  g_string_append (out, "<div class=\"scroll\"><table>\n<thead><tr>");
  for (guint c = 0; c < columns->len; c++) {
    g_string_append (out, "<th>");
    pc_page_text (out, columns->pdata[c]);
    g_string_append (out, "</th>");
  }
  g_string_append (out, "<th>text</th></tr></thead>\n<tbody>\n");
  for (const xmlNode *child = node->children; child; child = child->next)
    if (pc_xml_is (child, name))
      child_row (out, child, columns);
  g_string_append (out, "</tbody></table></div>\n");
}

/* One top-level element of the scenario: attributes, text, children. */
static void
element (GString *out, const xmlNode *node)
{
  g_string_append (out, "<h3>");
  pc_page_text (out, (const char *) node->name);
  g_string_append (out, "</h3>\n");
  attribute_list (out, node);
  g_autoptr (GHashTable) done = g_hash_table_new (g_str_hash, g_str_equal);
  gboolean has_children = FALSE;
  for (const xmlNode *child = node->children; child; child = child->next) {
    if (child->type != XML_ELEMENT_NODE)
      continue;
    has_children = TRUE;
    if (g_hash_table_add (done, (gpointer) child->name))
      child_table (out, node, (const char *) child->name);
  }
  g_autofree char *text = has_children ? NULL : pc_xml_text (node);
  if (text && *text) {
    g_string_append (out, "<p>");
    pc_page_text (out, text);
    g_string_append (out, "</p>\n");
  }
}

void
pc_page_assumptions (GString *out, const PcReport *report)
{
  const PcScenario *s = report->model->scenario;
  g_autofree char *base = g_path_get_basename (s->path);
  g_string_append (out, "<section id=\"assumptions\"><h2>Assumptions</h2>\n<p class=\"note\">");
  pc_page_printf (out, "The scenario file %s as written (anything it leaves out takes the default in "
                  "data/schema/scenario.rng); the roadmap is %s.", base, report->model->roadmap->name);
  g_string_append (out, "</p>\n");
  g_autoptr (GError) error = NULL;
  g_autoptr (xmlDoc) doc = pc_xml_load (s->path, "scenario.rng", &error);
  if (doc == NULL) {
    g_string_append (out, "<p class=\"warn\">");
    pc_page_printf (out, "The scenario file could not be read again: %s", error->message);
    g_string_append (out, "</p>\n");
  }
  for (const xmlNode *node = doc ? xmlDocGetRootElement (doc)->children : NULL; node; node = node->next)
    if (node->type == XML_ELEMENT_NODE)
      element (out, node);
  g_string_append (out, "</section>\n");
}

typedef struct {
  const PcPrice *price;
  const char *region;
  GPtrArray *users;           /* component names (not owned) */
} PriceUse;

static void
price_use_free (PriceUse *use)
{
  g_ptr_array_unref (use->users);
  g_free (use);
}

static int
by_region_and_key (gconstpointer a, gconstpointer b)
{
  const PriceUse *x = *(PriceUse *const *) a, *y = *(PriceUse *const *) b;
  int order = g_strcmp0 (x->region, y->region);
  return order ? order : g_strcmp0 (pc_price_key (x->price), pc_price_key (y->price));
}

/* One entry per price the median future's cost lines used, sorted. */
static GPtrArray *
prices_used (const PcReport *report)
{
  GPtrArray *uses = g_ptr_array_new_with_free_func ((GDestroyNotify) price_use_free);
  g_autoptr (GHashTable) seen = g_hash_table_new (g_direct_hash, g_direct_equal);
  const PcRunResult *run = report->median_run;
  for (guint i = 0; run->lines && i < run->lines->len; i++) {
    const PcLineRecord *line = &g_array_index (run->lines, PcLineRecord, i);
    const PcComponent *comp = pc_model_component (report->model, run->months[line->month].phase, line->slot);
    if (line->price == NULL || comp == NULL)
      continue;
    PriceUse *use = g_hash_table_lookup (seen, line->price);
    if (use == NULL) {
      use = g_new0 (PriceUse, 1);
      *use = (PriceUse) { line->price, pc_catalog_region (comp->catalog), g_ptr_array_new () };
      g_hash_table_insert (seen, (gpointer) line->price, use);
      g_ptr_array_add (uses, use);
    }
    if (!g_ptr_array_find_with_equal_func (use->users, comp->decl->name, g_str_equal, NULL))
      g_ptr_array_add (use->users, comp->decl->name);
  }
  g_ptr_array_sort (uses, by_region_and_key);
  return uses;
}

/* "0.00000022" rather than "2.2e-07": seven significant digits, no exponent,
 * no trailing zeros, the same in any locale. */
static char *
plain_number (double value)
{
  int decimals = value > 0 ? CLAMP (6 - (int) floor (log10 (value)), 0, 15) : 0;
  char format[16], text[64];
  g_snprintf (format, sizeof format, "%%.%df", decimals);
  g_ascii_formatd (text, sizeof text, format, value);
  if (strchr (text, '.')) {
    gsize end = strlen (text);
    while (text[end - 1] == '0')
      text[--end] = '\0';
    if (text[end - 1] == '.')
      text[end - 1] = '\0';
  }
  return g_strdup (text);
}

/* The number of @price's source in @sources (1-based), added if new:
 * many prices share one long source, so the table cites it by number. */
static guint
source_number (GPtrArray *sources, const PcPrice *price)
{
  const char *text = pc_price_source (price) ? pc_price_source (price) : "";
  guint index;
  if (!g_ptr_array_find_with_equal_func (sources, text, g_str_equal, &index)) {
    index = sources->len;
    g_ptr_array_add (sources, (gpointer) text);
  }
  return index + 1;
}

static void
price_row (GString *out, const PriceUse *use, GPtrArray *sources)
{
  const PcPrice *price = use->price;
  GString *joined = g_string_new (NULL);
  for (guint i = 0; i < use->users->len; i++)
    g_string_append_printf (joined, "%s%s", i ? ", " : "", (const char *) use->users->pdata[i]);
  g_autofree char *users = g_string_free (joined, FALSE);
  g_autofree char *unit_usd = plain_number (pc_price_unit_usd (price));
  g_autofree char *source = g_strdup_printf ("[%u]", source_number (sources, price));
  const char *cells[] = { pc_price_key (price), use->region, users, pc_price_unit (price), unit_usd,
                          source, pc_price_date (price), pc_price_derived (price) };
  g_string_append (out, "<tr>");
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++) {
    g_string_append (out, i == 4 ? "<td class=\"n\">" : i == 1 || i == 6 ? "<td class=\"k\">" : "<td>");
    pc_page_text (out, cells[i]);
    g_string_append (out, "</td>");
  }
  g_string_append (out, "</tr>\n");
}

void
pc_page_prices (GString *out, const PcReport *report)
{
  g_autoptr (GPtrArray) uses = prices_used (report);
  g_string_append (out, "<section id=\"prices\"><h2>Where every price comes from</h2>\n<p class=\"note\">");
  pc_page_printf (out, "The %u catalog prices behind the median future's cost lines, in USD as the catalogs state "
                  "them (data/pricing/), each with its date and its source (numbered, listed below the table). "
                  "A price with a \"derived\" entry was computed from others, as it says.", uses->len);
  g_string_append (out, "</p>\n<div class=\"scroll\"><table>\n<thead><tr><th>key</th><th>region</th><th>used by</th>"
                   "<th>unit</th><th class=\"n\">USD per unit</th><th>source</th><th>date</th><th>derived</th></tr>"
                   "</thead>\n<tbody>\n");
  g_autoptr (GPtrArray) sources = g_ptr_array_new ();
  for (guint i = 0; i < uses->len; i++)
    price_row (out, uses->pdata[i], sources);
  g_string_append (out, "</tbody></table></div>\n<h3>Sources</h3>\n<ol class=\"sources\">\n");
  for (guint i = 0; i < sources->len; i++) {
    g_string_append (out, "<li>");
    pc_page_text (out, sources->pdata[i]);
    g_string_append (out, "</li>\n");
  }
  g_string_append (out, "</ol></section>\n");
}
