/* currency.c - money in the currency a planner asks for.
 *
 * Every cost phasecast computes is in US dollars, because AWS prices are.
 * A report can show its money figures in another currency at a dated,
 * published exchange rate (data/fx/rates.xml, never invented) and with
 * Australia's GST added; a roadmap may state its revenue thresholds in
 * another currency, and revenue is converted at the same rate before it is
 * compared.  The rate file keeps only what was published (the RBA quotes
 * US dollars per Australian dollar), so the rate used here, its inverse, is
 * marked derived; a rate the user gives (--fx) is marked as overridden.
 */
#include "pc-private.h"

#define RATES_FILE "rates.xml"

void
pc_currency_free (PcCurrency *c)
{
  if (c == NULL)
    return;
  g_free (c->code);
  g_free (c->date);
  g_free (c->source);
  g_free (c->derived);
  g_free (c->gst_source);
  g_free (c);
}

PcCurrency *
pc_currency_copy (const PcCurrency *c)
{
  PcCurrency *copy = g_new (PcCurrency, 1);
  *copy = *c;
  copy->code = g_strdup (c->code);
  copy->date = g_strdup (c->date);
  copy->source = g_strdup (c->source);
  copy->derived = g_strdup (c->derived);
  copy->gst_source = g_strdup (c->gst_source);
  return copy;
}

static char *
rates_path (GError **error)
{
  g_autofree char *dir = pc_find_data_subdir ("fx");
  if (dir == NULL) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_IO, "cannot find the fx directory; set PHASECAST_DATA_DIR");
    return NULL;
  }
  return g_build_filename (dir, RATES_FILE, NULL);
}

/* The text of <source id="@id">, or NULL with @error naming @node's line. */
static char *
source_text (const xmlNode *root, const xmlNode *node, const char *path, GError **error)
{
  g_autofree char *id = pc_xml_attr (node, "source");
  for (const xmlNode *s = root->children; s; s = s->next) {
    if (!pc_xml_is (s, "source"))
      continue;
    g_autofree char *sid = pc_xml_attr (s, "id");
    if (g_str_equal (sid, id))
      return pc_xml_text (s);
  }
  pc_xml_error (error, PC_INPUT_ERROR_UNKNOWN_REF, node, path, "<%s source=\"%s\">: no <source id=\"%s\"> in the file",
                node->name, id, id);
  return NULL;
}

/* The first element @name of the rates file whose @attr is @value. */
static const xmlNode *
find_entry (const xmlNode *root, const char *name, const char *attr, const char *value)
{
  for (const xmlNode *node = root->children; node; node = node->next) {
    if (!pc_xml_is (node, name))
      continue;
    g_autofree char *text = pc_xml_attr (node, attr);
    if (g_str_equal (text, value))
      return node;
  }
  return NULL;
}

/* "USD, AUD": the currencies the rates file can convert to. */
static char *
known_currencies (const xmlNode *root)
{
  GString *codes = g_string_new ("USD");
  for (const xmlNode *node = root->children; node; node = node->next)
    if (pc_xml_is (node, "rate")) {
      g_autofree char *code = pc_xml_attr (node, "currency");
      g_string_append_printf (codes, ", %s", code);
    }
  return g_string_free (codes, FALSE);
}

static gboolean
read_rate (PcCurrency *c, const xmlNode *root, const char *path, GError **error)
{
  const xmlNode *node = find_entry (root, "rate", "currency", c->code);
  if (node == NULL) {
    g_autofree char *known = known_currencies (root);
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF, "currency %s: no published exchange rate for it in %s (allowed: %s)",
                 c->code, path, known);
    return FALSE;
  }
  double usd_per_unit = 0;
  if (!pc_xml_double (node, path, "usd-per-unit", 0, &usd_per_unit, error))
    return FALSE;
  c->source = source_text (root, node, path, error);
  if (c->source == NULL)
    return FALSE;
  c->per_usd = 1.0 / usd_per_unit;
  c->date = pc_xml_attr (node, "date");
  char published[G_ASCII_DTOSTR_BUF_SIZE];
  g_ascii_formatd (published, sizeof published, "%.10g", usd_per_unit);
  c->derived = g_strdup_printf ("1 / %s: the published rate is US dollars per %s", published, c->code);
  return TRUE;
}

/**
 * pc_currency_new:
 * @code: "USD", or a currency with a published rate in data/fx/rates.xml.
 * Returns: (transfer full): the currency at its dated rate, or NULL with
 * @error naming the file and what is allowed.
 */
PcCurrency *
pc_currency_new (const char *code, GError **error)
{
  g_autoptr (PcCurrency) c = g_new0 (PcCurrency, 1);
  c->code = g_strdup (code);
  c->per_usd = 1.0;
  if (g_str_equal (code, "USD"))
    return g_steal_pointer (&c);
  g_autofree char *path = rates_path (error);
  if (path == NULL)
    return NULL;
  g_autoptr (xmlDoc) doc = pc_xml_load (path, "fx.rng", error);
  if (doc == NULL || !read_rate (c, xmlDocGetRootElement (doc), path, error))
    return NULL;
  return g_steal_pointer (&c);
}

/* Replaces the dated rate with one the user gave (--fx). */
gboolean
pc_currency_override (PcCurrency *c, double per_usd, GError **error)
{
  if (g_str_equal (c->code, "USD") || !isfinite (per_usd) || per_usd <= 0) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                 "--fx %g: expected a positive number of %s per US dollar, with a currency other than USD", per_usd,
                 c->code);
    return FALSE;
  }
  c->per_usd = per_usd;
  c->overridden = TRUE;
  return TRUE;
}

/* Adds Australia's GST (data/fx/rates.xml, <tax id="gst">) to costs. */
gboolean
pc_currency_add_gst (PcCurrency *c, GError **error)
{
  g_autofree char *path = rates_path (error);
  if (path == NULL)
    return FALSE;
  g_autoptr (xmlDoc) doc = pc_xml_load (path, "fx.rng", error);
  if (doc == NULL)
    return FALSE;
  const xmlNode *root = xmlDocGetRootElement (doc);
  const xmlNode *node = find_entry (root, "tax", "id", "gst");
  if (node == NULL) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF, "%s: no <tax id=\"gst\">", path);
    return FALSE;
  }
  g_free (c->gst_source);
  c->gst_source = source_text (root, node, path, error);
  return c->gst_source != NULL && pc_xml_double (node, path, "rate", 0, &c->gst_rate, error);
}

double
pc_currency_cost (const PcCurrency *c, double usd)
{
  return usd * c->per_usd * (1.0 + c->gst_rate);
}

double
pc_currency_amount (const PcCurrency *c, double usd)
{
  return usd * c->per_usd;
}

/* Revenue indicators of a roadmap stated in another currency compare
 * revenue converted at the model's rate. */
static void
scale_revenue_indicators (PcModel *model)
{
  for (guint i = 0; i < model->n_indicators; i++) {
    PcIndicator *ind = &model->indicators[i];
    if (ind->decl->kind == PC_IND_STATE &&
        (ind->state_field == PC_STATE_ANNUAL_REVENUE || ind->state_field == PC_STATE_REVENUE_MONTH))
      ind->scale = model->revenue_currency->per_usd;
  }
}

gboolean
pc_model_resolve_currency (PcModel *model, GError **error)
{
  model->revenue_currency = pc_currency_new (model->roadmap->currency, error);
  if (model->revenue_currency == NULL) {
    g_prefix_error (error, "%s: <roadmap currency=\"%s\">: ", model->roadmap->path, model->roadmap->currency);
    return FALSE;
  }
  scale_revenue_indicators (model);
  return TRUE;
}

/* --fx: a roadmap in US dollars needs no rate, so nothing changes. */
gboolean
pc_model_set_exchange_rate (PcModel *model, double per_usd, GError **error)
{
  if (g_str_equal (model->revenue_currency->code, "USD"))
    return TRUE;
  if (!pc_currency_override (model->revenue_currency, per_usd, error))
    return FALSE;
  scale_revenue_indicators (model);
  return TRUE;
}

void
pc_report_set_currency (PcReport *report, PcCurrency *currency)
{
  pc_currency_free (report->currency);
  report->currency = currency;
}
