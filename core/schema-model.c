/* schema-model.c - a RelaxNG schema read as data: for an element name,
 * which attributes its definitions allow (named or any name), which are
 * required, and which child elements may appear in it.  Used only to
 * explain a document the validator refused (schema-explain.c); the
 * validation itself is libxml2's. */
#include "pc-schema.h"

#include <libxml/parser.h>
#include <libxml/relaxng.h>

#define RNG_NS "http://relaxng.org/ns/structure/1.0"
#define MAX_DEPTH 32

gboolean
pc_schema_is (const xmlNode *node, const char *name)
{
  return node->type == XML_ELEMENT_NODE && node->ns && g_strcmp0 ((const char *) node->ns->href, RNG_NS) == 0 &&
         g_str_equal ((const char *) node->name, name);
}

static void
attr_spec_free (PcAttrSpec *spec)
{
  g_free (spec->name);
  if (spec->except)
    g_ptr_array_unref (spec->except);
  g_free (spec);
}

void
pc_schema_clear (PcSchema *schema)
{
  g_clear_pointer (&schema->defines, g_hash_table_unref);
  g_clear_pointer (&schema->elements, g_hash_table_unref);
  g_clear_pointer (&schema->compiled, g_hash_table_unref);
  g_clear_pointer (&schema->rng, xmlFreeDoc);
}

static void
schema_index (PcSchema *schema, xmlNode *node)
{
  for (; node; node = node->next) {
    g_autofree char *name = pc_xml_attr (node, "name");
    if (pc_schema_is (node, "define") && name)
      g_hash_table_insert (schema->defines, g_strdup (name), node);
    if (pc_schema_is (node, "element") && name) {
      GPtrArray *list = g_hash_table_lookup (schema->elements, name);
      if (list == NULL)
        g_hash_table_insert (schema->elements, g_strdup (name), list = g_ptr_array_new ());
      g_ptr_array_add (list, node);
    }
    if (node->type == XML_ELEMENT_NODE)
      schema_index (schema, node->children);
  }
}

gboolean
pc_schema_load (PcSchema *schema, const char *rng_path)
{
  schema->rng = xmlReadFile (rng_path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  if (schema->rng == NULL)
    return FALSE;
  schema->defines = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  schema->elements = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) g_ptr_array_unref);
  schema->compiled = g_hash_table_new_full (NULL, NULL, NULL, (GDestroyNotify) xmlRelaxNGFree);
  schema_index (schema, xmlDocGetRootElement (schema->rng));
  return TRUE;
}

const xmlNode *
pc_schema_define (const PcSchema *schema, const xmlNode *ref)
{
  g_autofree char *name = pc_xml_attr (ref, "name");
  return name ? g_hash_table_lookup (schema->defines, name) : NULL;
}

/* An <attribute>'s name, or NULL with the names its <anyName> excepts. */
static PcAttrSpec *
attr_spec_new (const xmlNode *attribute, gboolean required)
{
  PcAttrSpec *spec = g_new0 (PcAttrSpec, 1);
  spec->pattern = attribute;
  spec->required = required;
  spec->name = pc_xml_attr (attribute, "name");
  spec->except = g_ptr_array_new_with_free_func (g_free);
  for (const xmlNode *any = attribute->children; any && !spec->name; any = any->next)
    for (const xmlNode *except = pc_schema_is (any, "anyName") ? any->children : NULL; except; except = except->next)
      for (const xmlNode *n = pc_schema_is (except, "except") ? except->children : NULL; n; n = n->next)
        if (pc_schema_is (n, "name"))
          g_ptr_array_add (spec->except, pc_xml_text (n));
  return spec;
}

static void
choice_spec_free (PcChoiceSpec *choice)
{
  g_ptr_array_unref (choice->attrs);
  g_ptr_array_unref (choice->elements);
  g_free (choice);
}

/* The first child of @node that is a pattern (not text or a comment). */
static const xmlNode *
first_pattern (const xmlNode *node)
{
  for (const xmlNode *child = node ? node->children : NULL; child; child = child->next)
    if (child->type == XML_ELEMENT_NODE)
      return child;
  return NULL;
}

/* The attribute or element @pattern must start with, or NULL when it may
 * be empty or starts with something else (a choice, text). */
static char *
first_name (const PcSchema *schema, const xmlNode *pattern, gboolean *attribute, guint depth)
{
  if (pattern == NULL || depth >= MAX_DEPTH)
    return NULL;
  if (pc_schema_is (pattern, "attribute") || pc_schema_is (pattern, "element")) {
    *attribute = pc_schema_is (pattern, "attribute");
    return pc_xml_attr (pattern, "name");
  }
  if (pc_schema_is (pattern, "ref"))
    return first_name (schema, first_pattern (pc_schema_define (schema, pattern)), attribute, depth + 1);
  if (pc_schema_is (pattern, "oneOrMore") || pc_schema_is (pattern, "group"))
    return first_name (schema, first_pattern (pattern), attribute, depth + 1);
  return NULL;
}

/* Adds required <choice> @choice to @spec when each of its alternatives
 * starts with a named attribute or element (then one of those must be
 * there); a choice with an alternative that may be empty asks nothing. */
static void
add_choice (const PcSchema *schema, const xmlNode *choice, PcElementSpec *spec, guint depth)
{
  PcChoiceSpec *out = g_new0 (PcChoiceSpec, 1);
  out->attrs = g_ptr_array_new_with_free_func (g_free);
  out->elements = g_ptr_array_new_with_free_func (g_free);
  for (const xmlNode *alt = choice->children; alt; alt = alt->next) {
    if (alt->type != XML_ELEMENT_NODE)
      continue;
    gboolean attribute = FALSE;
    char *name = first_name (schema, alt, &attribute, depth + 1);
    if (name == NULL) {
      choice_spec_free (out);
      return;
    }
    g_ptr_array_add (attribute ? out->attrs : out->elements, name);
  }
  g_ptr_array_add (spec->choices, out);
}

static void
add_child_name (PcElementSpec *spec, const xmlNode *element, gboolean required)
{
  g_autofree char *name = pc_xml_attr (element, "name");
  if (name && required && !g_ptr_array_find_with_equal_func (spec->required, name, g_str_equal, NULL))
    g_ptr_array_add (spec->required, g_strdup (name));
  if (name && !g_ptr_array_find_with_equal_func (spec->children, name, g_str_equal, NULL))
    g_ptr_array_add (spec->children, g_steal_pointer (&name));
}

/* Collects the attributes and child elements a pattern allows, without
 * entering child elements; @required is FALSE under optional, choice and
 * zeroOrMore. */
static void
collect (const PcSchema *schema, const xmlNode *node, gboolean required, PcElementSpec *spec, guint depth)
{
  for (; node && depth < MAX_DEPTH; node = node->next) {
    if (pc_schema_is (node, "attribute"))
      g_ptr_array_add (spec->attrs, attr_spec_new (node, required));
    else if (pc_schema_is (node, "element"))
      add_child_name (spec, node, required);
    else if (pc_schema_is (node, "ref"))
      collect (schema, pc_schema_define (schema, node) ? pc_schema_define (schema, node)->children : NULL, required, spec, depth + 1);
    else if (pc_schema_is (node, "choice")) {
      if (required)
        add_choice (schema, node, spec, depth);
      collect (schema, node->children, FALSE, spec, depth + 1);
    } else if (pc_schema_is (node, "optional") || pc_schema_is (node, "zeroOrMore"))
      collect (schema, node->children, FALSE, spec, depth + 1);
    else if (pc_schema_is (node, "oneOrMore") || pc_schema_is (node, "group") || pc_schema_is (node, "interleave"))
      collect (schema, node->children, required, spec, depth + 1);
  }
}

void
pc_element_spec_clear (PcElementSpec *spec)
{
  g_clear_pointer (&spec->attrs, g_ptr_array_unref);
  g_clear_pointer (&spec->children, g_ptr_array_unref);
  g_clear_pointer (&spec->required, g_ptr_array_unref);
  g_clear_pointer (&spec->choices, g_ptr_array_unref);
}

gboolean
pc_schema_element (const PcSchema *schema, const char *name, PcElementSpec *spec)
{
  spec->attrs = g_ptr_array_new_with_free_func ((GDestroyNotify) attr_spec_free);
  spec->children = g_ptr_array_new_with_free_func (g_free);
  spec->required = g_ptr_array_new_with_free_func (g_free);
  spec->choices = g_ptr_array_new_with_free_func ((GDestroyNotify) choice_spec_free);
  GPtrArray *definitions = g_hash_table_lookup (schema->elements, name);
  for (guint i = 0; definitions && i < definitions->len; i++)
    collect (schema, ((const xmlNode *) definitions->pdata[i])->children, TRUE, spec, 0);
  return definitions != NULL;
}


const PcAttrSpec *
pc_element_spec_attr (const PcElementSpec *spec, const char *name)
{
  const PcAttrSpec *wildcard = NULL;
  for (guint i = 0; i < spec->attrs->len; i++) {
    const PcAttrSpec *attr = spec->attrs->pdata[i];
    if (attr->name && g_str_equal (attr->name, name))
      return attr;
    if (attr->name == NULL && !g_ptr_array_find_with_equal_func (attr->except, name, g_str_equal, NULL))
      wildcard = attr;
  }
  return wildcard;
}
