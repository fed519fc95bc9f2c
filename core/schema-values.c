/* schema-values.c - one attribute's value against its schema pattern.
 *
 * Checking: the attribute's pattern (with the schema's defines, for the
 * <ref>s in it) becomes a one-element schema, <v a="..."/>, which libxml2
 * compiles once per pattern and validates the value with, so a value is
 * refused here exactly when the real validator refuses it.
 * Describing: the same pattern read as data: a list of values, or a
 * datatype with its range ("a whole number from 1 to 600").
 */
#include "pc-schema.h"

#include <libxml/relaxng.h>

#define RNG_NS "http://relaxng.org/ns/structure/1.0"

static void
ignore_error (void *data, xmlErrorPtr error)
{
  (void) data, (void) error;
}

static gboolean
is_name_class (const xmlNode *node)
{
  return pc_schema_is (node, "name") || pc_schema_is (node, "anyName") || pc_schema_is (node, "nsName");
}

/* Adds to @defines the <define>s the <ref>s under @node name, and theirs
 * in turn, so the one-attribute schema compiles only what it uses. */
static void
add_referenced_defines (const PcSchema *schema, const xmlNode *node, GPtrArray *defines, guint depth)
{
  for (; node && depth < 16; node = node->next) {
    const xmlNode *define = pc_schema_is (node, "ref") ? pc_schema_define (schema, node) : NULL;
    if (define != NULL && !g_ptr_array_find (defines, define, NULL)) {
      g_ptr_array_add (defines, (gpointer) define);
      add_referenced_defines (schema, define->children, defines, depth + 1);
    }
    if (node->type == XML_ELEMENT_NODE)
      add_referenced_defines (schema, node->children, defines, depth + 1);
  }
}

/* <grammar><start><element name="v"><attribute name="a">PATTERN</attribute>
 * </element></start>DEFINES</grammar>, in the schema's datatype library,
 * with only the defines PATTERN refers to. */
static xmlDoc *
one_attribute_grammar (const PcSchema *schema, const PcAttrSpec *spec)
{
  xmlDoc *doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNode *grammar = xmlNewDocNode (doc, NULL, (const xmlChar *) "grammar", NULL);
  xmlDocSetRootElement (doc, grammar);
  xmlNs *ns = xmlNewNs (grammar, (const xmlChar *) RNG_NS, NULL);
  xmlSetNs (grammar, ns);
  xmlNode *root = xmlDocGetRootElement (schema->rng);
  g_autofree char *library = pc_xml_attr (root, "datatypeLibrary");
  if (library)
    xmlSetProp (grammar, (const xmlChar *) "datatypeLibrary", (const xmlChar *) library);
  xmlNode *start = xmlNewChild (grammar, ns, (const xmlChar *) "start", NULL);
  xmlNode *element = xmlNewChild (start, ns, (const xmlChar *) "element", NULL);
  xmlSetProp (element, (const xmlChar *) "name", (const xmlChar *) "v");
  xmlNode *attribute = xmlNewChild (element, ns, (const xmlChar *) "attribute", NULL);
  xmlSetProp (attribute, (const xmlChar *) "name", (const xmlChar *) "a");
  gboolean content = FALSE;
  for (const xmlNode *child = spec->pattern->children; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE && !is_name_class (child)) {
      xmlAddChild (attribute, xmlDocCopyNode ((xmlNode *) child, doc, 1));
      content = TRUE;
    }
  if (!content)
    xmlNewChild (attribute, ns, (const xmlChar *) "text", NULL);
  g_autoptr (GPtrArray) defines = g_ptr_array_new ();
  add_referenced_defines (schema, spec->pattern->children, defines, 0);
  for (guint i = 0; i < defines->len; i++)
    xmlAddChild (grammar, xmlDocCopyNode (defines->pdata[i], doc, 1));
  return doc;
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlRelaxNGParserCtxt, xmlRelaxNGFreeParserCtxt)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlRelaxNGValidCtxt, xmlRelaxNGFreeValidCtxt)

/* The compiled one-attribute schema of @spec, cached in @schema per pattern. */
static xmlRelaxNG *
compiled (const PcSchema *schema, const PcAttrSpec *spec)
{
  xmlRelaxNG *rng = g_hash_table_lookup (schema->compiled, spec->pattern);
  if (rng != NULL || g_hash_table_contains (schema->compiled, spec->pattern))
    return rng;
  g_autoptr (xmlDoc) grammar = one_attribute_grammar (schema, spec);
  g_autoptr (xmlRelaxNGParserCtxt) parser = xmlRelaxNGNewDocParserCtxt (grammar);
  xmlRelaxNGSetParserStructuredErrors (parser, ignore_error, NULL);
  rng = xmlRelaxNGParse (parser);
  g_hash_table_insert (schema->compiled, (gpointer) spec->pattern, rng);
  return rng;
}

gboolean
pc_schema_value_ok (const PcSchema *schema, const PcAttrSpec *spec, const char *value)
{
  xmlRelaxNG *rng = compiled (schema, spec);
  if (rng == NULL)
    return TRUE;   /* a pattern we cannot check alone: leave it to the caller's fallback */
  g_autoptr (xmlDoc) doc = xmlNewDoc ((const xmlChar *) "1.0");
  xmlNode *root = xmlNewDocNode (doc, NULL, (const xmlChar *) "v", NULL);
  xmlDocSetRootElement (doc, root);
  xmlSetProp (root, (const xmlChar *) "a", (const xmlChar *) value);
  g_autoptr (xmlRelaxNGValidCtxt) validator = xmlRelaxNGNewValidCtxt (rng);
  xmlRelaxNGSetValidStructuredErrors (validator, ignore_error, NULL);
  return xmlRelaxNGValidateDoc (validator, doc) == 0;
}

/* What a datatype is called in a message, and its implied lower bound. */
static const char *
type_text (const char *type, const char **lower)
{
  static const struct { const char *type, *text, *lower; } types[] = {
    { "double", "a number", NULL }, { "decimal", "a number", NULL }, { "float", "a number", NULL },
    { "integer", "a whole number", NULL }, { "positiveInteger", "a whole number", "1" },
    { "nonNegativeInteger", "a whole number", "0" }, { "boolean", "true or false", NULL },
    { "date", "a date YYYY-MM-DD", NULL }, { "anyURI", "a file name or URI", NULL },
    { "token", "a name", NULL }, { "string", "text", NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (types); i++)
    if (g_strcmp0 (type, types[i].type) == 0) {
      *lower = types[i].lower;
      return types[i].text;
    }
  *lower = NULL;
  return "text";
}

/* "a whole number from 1 to 600", "a number above 0", "a name matching [a-z]+". */
static void
describe_data (const xmlNode *data, GString *out)
{
  g_autofree char *type = pc_xml_attr (data, "type");
  const char *implied = NULL;
  out = g_string_append (out, type_text (type, &implied));
  g_autofree char *low = g_strdup (implied), *high = NULL, *pattern = NULL;
  gboolean low_open = FALSE, high_open = FALSE;
  for (const xmlNode *param = data->children; param; param = param->next) {
    g_autofree char *name = pc_schema_is (param, "param") ? pc_xml_attr (param, "name") : NULL;
    char **target = g_strcmp0 (name, "pattern") == 0 ? &pattern
                    : g_str_has_prefix (name ? name : "", "min") ? &low
                    : g_str_has_prefix (name ? name : "", "max") ? &high : NULL;
    if (target == NULL)
      continue;
    g_free (*target);
    *target = pc_xml_text (param);
    if (g_strcmp0 (name, "minExclusive") == 0)
      low_open = TRUE;
    if (g_strcmp0 (name, "maxExclusive") == 0)
      high_open = TRUE;
  }
  if (low)
    g_string_append_printf (out, " %s %s", low_open ? "above" : "from", low);
  if (high)
    g_string_append_printf (out, " %s %s", high_open ? "below" : low ? "to" : "up to", high);
  if (pattern)
    g_string_append_printf (out, " matching %s", pattern);
}

/* Walks a pattern: values go to @values, anything else is described in @out. */
static void
describe_pattern (const PcSchema *schema, const xmlNode *node, GPtrArray *values, GString *out, guint depth)
{
  for (; node && depth < 16; node = node->next) {
    GString *part = g_string_new (NULL);
    if (pc_schema_is (node, "value"))
      g_ptr_array_add (values, pc_xml_text (node));
    else if (pc_schema_is (node, "data"))
      describe_data (node, part);
    else if (pc_schema_is (node, "text"))
      g_string_append (part, "any text");
    else if (pc_schema_is (node, "choice"))
      describe_pattern (schema, node->children, values, out, depth + 1);
    else if (pc_schema_is (node, "ref") && pc_schema_define (schema, node))
      describe_pattern (schema, pc_schema_define (schema, node)->children, values, out, depth + 1);
    if (part->len)
      g_string_append_printf (out, "%s%s", out->len ? " or " : "", part->str);
    g_string_free (part, TRUE);
  }
}

char *
pc_schema_describe (const PcSchema *schema, const PcAttrSpec *spec, const char *value)
{
  g_autoptr (GPtrArray) values = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GString) out = g_string_new (NULL);
  describe_pattern (schema, spec->pattern->children, values, out, 0);
  if (values->len > 0) {
    g_ptr_array_add (values, NULL);
    g_autofree char *listed = pc_allowed_names (value, (const char *const *) values->pdata);
    g_ptr_array_remove_index (values, values->len - 1);
    return out->len ? g_strdup_printf ("%s or %s", listed, out->str) : g_steal_pointer (&listed);
  }
  return g_strdup_printf ("allowed: %s", out->len ? out->str : "any text");
}
