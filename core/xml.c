/* xml.c - the one place phasecast reads XML.
 *
 * Every input (scenario, roadmap, catalog) goes through pc_xml_load():
 *   1. the bytes must be valid UTF-8;
 *   2. libxml2 parses with XML_PARSE_NONET and never XML_PARSE_NOENT,
 *      DTDLOAD or HUGE, so nothing is fetched and built-in limits hold;
 *   3. any DOCTYPE is refused before a node's text is read (our libxml2 has
 *      no XML_PARSE_NO_XXE, and reading text may expand entities);
 *   4. the document is validated against its RelaxNG schema; a refusal is
 *      explained from the schema (schema-explain.c) as "file:line:
 *      <element attr="value">: why; allowed: ...".
 * The attribute helpers below report "file:line: <elem attr="v">: why".
 */
#include "pc-private.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>
#include <libxml/xmlerror.h>

G_DEFINE_QUARK (pc-input-error-quark, pc_input_error)
G_DEFINE_QUARK (pc-run-error-quark, pc_run_error)
G_DEFINE_QUARK (pc-export-error-quark, pc_export_error)

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlRelaxNGParserCtxt, xmlRelaxNGFreeParserCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlRelaxNG, xmlRelaxNGFree)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlRelaxNGValidCtxt, xmlRelaxNGFreeValidCtxt)

/* Collects the first structured error libxml2 reports. */
typedef struct {
  char *message;
  int line;
} PcXmlFirstError;

static void
collect_first_error (void *data, xmlErrorPtr err)
{
  PcXmlFirstError *first = data;
  if (first->message != NULL || err == NULL)
    return;
  first->message = g_strchomp (g_strdup (err->message ? err->message : "unknown error"));
  first->line = err->line;
}

static char *
schema_path (const char *schema_name, GError **error)
{
  g_autofree char *dir = pc_find_data_subdir ("schema");
  if (dir == NULL) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_IO,
                 "cannot find the schema directory; set PHASECAST_DATA_DIR");
    return NULL;
  }
  return g_build_filename (dir, schema_name, NULL);
}

/* What the validator said: its first message, and the first error that
 * names a node (libxml2's first often has neither node nor line). */
typedef struct {
  char *message;
  int line;
  const xmlNode *node;
  int code;
} PcSchemaError;

static void
collect_schema_error (void *data, xmlErrorPtr err)
{
  PcSchemaError *first = data;
  if (err == NULL)
    return;
  if (first->message == NULL)
    first->message = g_strchomp (g_strdup (err->message ? err->message : "does not match the schema"));
  if (first->node == NULL && err->node != NULL) {
    g_free (first->message);
    first->message = g_strchomp (g_strdup (err->message ? err->message : "does not match the schema"));
    first->node = err->node;
    first->line = (int) xmlGetLineNo (err->node);
    first->code = err->code;
  }
}

/* The refusal: explained from the schema when possible (schema-explain.c),
 * else the validator's own words at the node it named. */
static void
schema_refusal (xmlDoc *doc, const char *path, const char *rng, const char *schema_name, PcSchemaError *first,
                GError **error)
{
  gboolean out_of_place = first->code == XML_RELAXNG_ERR_ELEMWRONG || first->code == XML_RELAXNG_ERR_ELEMNAME;
  gboolean ended_early = first->code == XML_RELAXNG_ERR_NOELEM;   /* "Expecting an element X, got nothing" */
  long line = 0;
  g_autofree char *explained = pc_schema_explain (doc, rng, out_of_place ? first->node : NULL,
                                                  ended_early ? first->node : NULL, &line);
  if (explained != NULL)
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_SCHEMA, "%s:%ld: %s", path, line, explained);
  else if (first->node != NULL && first->node->type == XML_ELEMENT_NODE)
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_SCHEMA, "%s:%d: <%s>: %s (schema %s)", path, first->line,
                 first->node->name, first->message, schema_name);
  else
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_SCHEMA, "%s:%d: %s (schema %s)", path, MAX (first->line, 1),
                 first->message ? first->message : "does not match the schema", schema_name);
}

static gboolean
validate (xmlDoc *doc, const char *path, const char *schema_name, GError **error)
{
  g_autofree char *rng = schema_path (schema_name, error);
  if (rng == NULL)
    return FALSE;
  PcXmlFirstError first = { NULL, 0 };
  g_autoptr (xmlRelaxNGParserCtxt) pctx = xmlRelaxNGNewParserCtxt (rng);
  xmlRelaxNGSetParserStructuredErrors (pctx, collect_first_error, &first);
  g_autoptr (xmlRelaxNG) schema = xmlRelaxNGParse (pctx);
  if (schema == NULL) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_IO, "%s: cannot load schema: %s", rng,
                 first.message ? first.message : "unknown error");
    g_free (first.message);
    return FALSE;
  }
  g_autoptr (xmlRelaxNGValidCtxt) vctx = xmlRelaxNGNewValidCtxt (schema);
  PcSchemaError refusal = { NULL, 0, NULL, 0 };
  xmlRelaxNGSetValidStructuredErrors (vctx, collect_schema_error, &refusal);
  gboolean valid = xmlRelaxNGValidateDoc (vctx, doc) == 0;
  if (!valid)
    schema_refusal (doc, path, rng, schema_name, &refusal, error);
  g_free (refusal.message);
  return valid;
}

static xmlDoc *
parse_bytes (const char *bytes, gsize length, const char *path, GError **error)
{
  if (!g_utf8_validate (bytes, (gssize) length, NULL)) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_PARSE, "%s:1: the file is not valid UTF-8", path);
    return NULL;
  }
  if (length > G_MAXINT) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_PARSE, "%s:1: the file is too large", path);
    return NULL;
  }
  PcXmlFirstError first = { NULL, 0 };
  xmlParserCtxt *ctxt = xmlNewParserCtxt ();
  xmlSetStructuredErrorFunc (&first, collect_first_error);
  xmlDoc *doc = xmlCtxtReadMemory (ctxt, bytes, (int) length, path, "UTF-8",
                                   XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  xmlSetStructuredErrorFunc (NULL, NULL);
  if (doc == NULL) {
    const xmlError *err = xmlCtxtGetLastError (ctxt);
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_PARSE, "%s:%d: not well-formed XML: %s", path,
                 err ? err->line : first.line,
                 g_strchomp ((char *) (err && err->message ? err->message : "unknown error")));
  }
  g_free (first.message);
  xmlFreeParserCtxt (ctxt);
  return doc;
}

/* Reads and parses @path; refuses a DOCTYPE before any text is read. */
static xmlDoc *
read_safely (const char *path, GError **error)
{
  g_autofree char *bytes = NULL;
  gsize length = 0;
  g_autoptr (GError) io_error = NULL;
  if (!g_file_get_contents (path, &bytes, &length, &io_error)) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_IO, "%s: %s", path, io_error->message);
    return NULL;
  }
  g_autoptr (xmlDoc) doc = parse_bytes (bytes, length, path, error);
  if (doc == NULL)
    return NULL;
  if (doc->intSubset != NULL || doc->extSubset != NULL) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNSAFE,
                 "%s:1: a DOCTYPE is not allowed (entities could read other files)", path);
    return NULL;
  }
  return g_steal_pointer (&doc);
}

/**
 * pc_xml_load:
 * Reads, parses and validates @path against data/schema/@schema_name.
 * Returns: (transfer full): the document, or NULL with @error naming file:line.
 */
xmlDoc *
pc_xml_load (const char *path, const char *schema_name, GError **error)
{
  g_autoptr (xmlDoc) doc = read_safely (path, error);
  if (doc == NULL)
    return NULL;
  if (!validate (doc, path, schema_name, error))
    return NULL;
  return g_steal_pointer (&doc);
}

/* Parses a whole string as a finite double, locale-independently. */
gboolean
pc_parse_double (const char *text, double *out)
{
  if (text == NULL || *text == '\0' || g_ascii_isspace (*text))
    return FALSE;
  char *end = NULL;
  errno = 0;
  double value = g_ascii_strtod (text, &end);
  if (errno == ERANGE || end == text || *end != '\0' || !isfinite (value))
    return FALSE;
  *out = value;
  return TRUE;
}

/* Whether @text begins with a calendar day written YYYY-MM-DD in ASCII
 * digits; the day goes to @out (nullable). */
gboolean
pc_parse_date_prefix (const char *text, GDate *out)
{
  for (int i = 0; i < 10; i++)
    if (i == 4 || i == 7 ? text[i] != '-' : !g_ascii_isdigit (text[i]))
      return FALSE;
  GDateDay day = (GDateDay) g_ascii_strtoull (text + 8, NULL, 10);
  GDateMonth month = (GDateMonth) g_ascii_strtoull (text + 5, NULL, 10);
  GDateYear year = (GDateYear) g_ascii_strtoull (text, NULL, 10);
  if (!g_date_valid_dmy (day, month, year))
    return FALSE;
  if (out != NULL)
    g_date_set_dmy (out, day, month, year);
  return TRUE;
}

gboolean
pc_xml_is (const xmlNode *node, const char *name)
{
  return node->type == XML_ELEMENT_NODE && g_strcmp0 ((const char *) node->name, name) == 0;
}

/* Returns: (transfer full) (nullable): the attribute's text. */
char *
pc_xml_attr (const xmlNode *node, const char *name)
{
  xmlChar *value = xmlGetProp (node, (const xmlChar *) name);
  if (value == NULL)
    return NULL;
  char *copy = g_strdup ((const char *) value);
  xmlFree (value);
  return copy;
}

/* Returns: (transfer full): the element's text content, whitespace-trimmed. */
char *
pc_xml_text (const xmlNode *node)
{
  xmlChar *value = xmlNodeGetContent (node);
  char *copy = g_strstrip (g_strdup (value ? (const char *) value : ""));
  xmlFree (value);
  return copy;
}

/* Reads a numeric attribute; @fallback when absent.  FALSE with an error
 * naming file, line, element and attribute when malformed. */
gboolean
pc_xml_double (const xmlNode *node, const char *path, const char *name, double fallback,
               double *out, GError **error)
{
  g_autofree char *text = pc_xml_attr (node, name);
  if (text == NULL) {
    *out = fallback;
    return TRUE;
  }
  if (pc_parse_double (g_strstrip (text), out))   /* the schema's numbers allow surrounding spaces */
    return TRUE;
  g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
               "%s:%ld: <%s %s=\"%s\">: not a number; allowed: a finite decimal number such as 12.5 or 1e6", path,
               xmlGetLineNo (node), node->name, name, text);
  return FALSE;
}

/* Reads a whole-number attribute exactly (never through a double, so
 * 18446744073709551615 stays itself); @fallback when absent.  FALSE with
 * an error naming the range when malformed or out of [@min, @max]. */
gboolean
pc_xml_whole (const xmlNode *node, const char *path, const char *name, guint64 fallback, guint64 min, guint64 max,
              guint64 *out, GError **error)
{
  g_autofree char *text = pc_xml_attr (node, name);
  g_autoptr (GError) why = NULL;
  *out = fallback;
  if (text == NULL || g_ascii_string_to_unsigned (g_strstrip (text), 10, min, max, out, &why))
    return TRUE;
  pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path,
                "<%s %s=\"%s\">: %s; allowed: a whole number from %" G_GUINT64_FORMAT " to %" G_GUINT64_FORMAT,
                node->name, name, text,
                g_error_matches (why, G_NUMBER_PARSER_ERROR, G_NUMBER_PARSER_ERROR_OUT_OF_BOUNDS) ? "out of range"
                                                                                                 : "not a whole number",
                min, max);
  return FALSE;
}

void
pc_xml_error (GError **error, gint code, const xmlNode *node, const char *path, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PC_INPUT_ERROR, code, "%s:%ld: %s", path, node ? xmlGetLineNo (node) : 0L, message);
}

static gboolean
unknown_number_attr (const xmlNode *node, const char *path, const PcNumberAttr *table, guint n,
                     const char *const *others, const char *name, GError **error)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; others && others[i]; i++)
    g_ptr_array_add (names, (gpointer) others[i]);
  for (guint i = 0; i < n; i++)
    g_ptr_array_add (names, (gpointer) table[i].attr);
  g_ptr_array_add (names, NULL);
  g_autofree char *value = pc_xml_attr (node, name);
  g_autofree char *allowed = pc_allowed_names (name, (const char *const *) names->pdata);
  pc_xml_error (error, PC_INPUT_ERROR_SCHEMA, node, path, "<%s %s=\"%s\">: unknown attribute; %s", node->name, name,
                value ? value : "", allowed);
  return FALSE;
}

/* Reads every attribute of @table from @node into @target, applying
 * defaults and bounds, and refuses attributes neither in @table nor in
 * @others; the error names file:line, attribute and range. */
gboolean
pc_xml_read_numbers (const xmlNode *node, const char *path, const PcNumberAttr *table, guint n,
                     const char *const *others, gpointer target, GError **error)
{
  for (const xmlAttr *attr = node->properties; attr; attr = attr->next) {
    gboolean known = others && g_strv_contains (others, (const char *) attr->name);
    for (guint i = 0; i < n && !known; i++)
      known = g_str_equal ((const char *) attr->name, table[i].attr);
    if (!known)
      return unknown_number_attr (node, path, table, n, others, (const char *) attr->name, error);
  }
  for (guint i = 0; i < n; i++) {
    double *field = (double *) ((char *) target + table[i].offset);
    if (!pc_xml_double (node, path, table[i].attr, table[i].fallback, field, error))
      return FALSE;
    if (*field < table[i].min || *field > table[i].max) {
      g_autofree char *text = pc_xml_attr (node, table[i].attr);
      pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path, "<%s %s=\"%s\">: out of range; allowed: a number from %g to %g",
                    node->name, table[i].attr, text ? text : "", table[i].min, table[i].max);
      return FALSE;
    }
  }
  return TRUE;
}

/* Returns: (transfer full): the root element's name of a safely parsed,
 * unvalidated @path (to tell a scenario from a roadmap or a catalog). */
char *
pc_xml_root_name (const char *path, GError **error)
{
  g_autoptr (xmlDoc) doc = read_safely (path, error);
  if (doc == NULL)
    return NULL;
  xmlNode *root = xmlDocGetRootElement (doc);
  return g_strdup (root ? (const char *) root->name : "");
}
