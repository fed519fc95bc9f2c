/* schema-explain.c - a schema refusal that says what is wrong and what is
 * allowed.
 *
 * libxml2's RelaxNG validator says "Element growth failed to validate
 * attributes", often at line 0 and without the attribute.  When a document
 * fails, this walks it in document order and checks each element against
 * what the schema allows (schema-model.c): an element the schema does not
 * know, an attribute it does not allow, a required attribute that is
 * missing, a value the attribute's pattern refuses (schema-values.c).  The
 * first problem becomes "<element attr="value">: why; allowed: ...", with
 * the nearest allowed name when a name looks misspelt.  Only when no
 * element has a problem of its own is the refusal one of element order or
 * count, explained at the element the validator blamed (an element it
 * blames for order is often just after one whose attributes failed).
 */
#include "pc-schema.h"

typedef struct {
  long line;
  char *message;
} PcProblem;

static gboolean
found (PcProblem *problem, const xmlNode *node, char *message)
{
  problem->line = xmlGetLineNo (node);
  problem->message = message;
  return TRUE;
}

/* The child names @parent's definitions allow (or, with @required, those
 * it must have), NULL-terminated. */
static GPtrArray *
child_names (const PcSchema *schema, const xmlNode *parent, gboolean required)
{
  PcElementSpec spec = { 0 };
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  if (parent && parent->type == XML_ELEMENT_NODE && pc_schema_element (schema, (const char *) parent->name, &spec)) {
    GPtrArray *from = required ? spec.required : spec.children;
    for (guint i = 0; i < from->len; i++)
      g_ptr_array_add (names, g_strdup (from->pdata[i]));
  }
  pc_element_spec_clear (&spec);
  g_ptr_array_add (names, NULL);
  return names;
}

/* The first element @parent must have but has not, or NULL. */
static const char *
missing_child (const xmlNode *parent, GPtrArray *required)
{
  for (guint i = 0; required->pdata[i]; i++) {
    gboolean present = FALSE;
    for (const xmlNode *child = parent->children; child && !present; child = child->next)
      present = pc_xml_is (child, required->pdata[i]);
    if (!present)
      return required->pdata[i];
  }
  return NULL;
}

static gboolean
check_unknown_element (const PcSchema *schema, const xmlNode *node, PcProblem *problem)
{
  g_autoptr (GPtrArray) names = child_names (schema, node->parent, FALSE);
  g_autofree char *allowed = pc_allowed_names ((const char *) node->name, (const char *const *) names->pdata);
  gboolean nested = node->parent && node->parent->type == XML_ELEMENT_NODE;
  return found (problem, node, g_strdup_printf ("<%s>: unknown element%s%s%s; %s", node->name, nested ? " in <" : "",
                                                nested ? (const char *) node->parent->name : "", nested ? ">" : "",
                                                allowed));
}

/* Fills @names with the attribute names @spec allows, NULL-terminated. */
static void
attribute_names (const PcElementSpec *spec, GPtrArray *names)
{
  for (guint i = 0; i < spec->attrs->len; i++) {
    const PcAttrSpec *attr = spec->attrs->pdata[i];
    if (attr->name && !g_ptr_array_find_with_equal_func (names, attr->name, g_str_equal, NULL))
      g_ptr_array_add (names, attr->name);
  }
  g_ptr_array_add (names, NULL);
}

static gboolean
check_attributes (const PcSchema *schema, const xmlNode *node, const PcElementSpec *spec, PcProblem *problem)
{
  for (const xmlAttr *a = node->properties; a; a = a->next) {
    g_autofree char *value = pc_xml_attr (node, (const char *) a->name);
    const PcAttrSpec *attr = pc_element_spec_attr (spec, (const char *) a->name);
    if (attr == NULL) {
      g_autoptr (GPtrArray) names = g_ptr_array_new ();
      attribute_names (spec, names);
      g_autofree char *allowed = pc_allowed_names ((const char *) a->name, (const char *const *) names->pdata);
      return found (problem, node, g_strdup_printf ("<%s %s=\"%s\">: unknown attribute; %s", node->name, a->name,
                                                    value, allowed));
    }
    if (!pc_schema_value_ok (schema, attr, value)) {
      g_autofree char *allowed = pc_schema_describe (schema, attr, value);
      return found (problem, node, g_strdup_printf ("<%s %s=\"%s\">: not allowed; %s", node->name, a->name, value,
                                                    allowed));
    }
  }
  for (guint i = 0; i < spec->attrs->len; i++) {
    const PcAttrSpec *attr = spec->attrs->pdata[i];
    if (attr->required && attr->name && !xmlHasProp (node, (const xmlChar *) attr->name)) {
      g_autofree char *allowed = pc_schema_describe (schema, attr, NULL);
      return found (problem, node, g_strdup_printf ("<%s>: attribute %s= is missing; %s", node->name, attr->name,
                                                    allowed));
    }
  }
  return FALSE;
}

static gboolean
check_element (const PcSchema *schema, const xmlNode *node, PcProblem *problem)
{
  PcElementSpec spec = { 0 };
  gboolean known = pc_schema_element (schema, (const char *) node->name, &spec);
  gboolean bad = known ? check_attributes (schema, node, &spec, problem)
                       : check_unknown_element (schema, node, problem);
  pc_element_spec_clear (&spec);
  return bad;
}

/* The first element, in document order, with a problem of its own. */
static gboolean
walk (const PcSchema *schema, const xmlNode *node, PcProblem *problem)
{
  for (; node; node = node->next)
    if (node->type == XML_ELEMENT_NODE &&
        (check_element (schema, node, problem) || walk (schema, node->children, problem)))
      return TRUE;
  return FALSE;
}

/* An element of a known name in the wrong place: one its parent must have
 * is missing, or it is out of order or repeated. */
static gboolean
misplaced (const PcSchema *schema, const xmlNode *node, PcProblem *problem)
{
  if (node == NULL || node->type != XML_ELEMENT_NODE || node->parent == NULL ||
      node->parent->type != XML_ELEMENT_NODE)
    return FALSE;
  g_autoptr (GPtrArray) names = child_names (schema, node->parent, FALSE);
  g_autoptr (GPtrArray) required = child_names (schema, node->parent, TRUE);
  g_autofree char *listed = g_strjoinv (", ", (char **) names->pdata);
  const char *missing = missing_child (node->parent, required);
  if (missing != NULL)
    return found (problem, node->parent, g_strdup_printf ("<%s>: element <%s> is missing; allowed in <%s>, in this "
                                                          "order: %s", node->parent->name, missing,
                                                          node->parent->name, listed));
  return found (problem, node, g_strdup_printf ("<%s>: not expected here (out of order, or once too often); allowed "
                                                "in <%s>, in this order: %s", node->name, node->parent->name, listed));
}

char *
pc_schema_explain (xmlDoc *doc, const char *rng_path, const xmlNode *misplaced_node, long *line)
{
  PcSchema schema = { 0 };
  PcProblem problem = { 0, NULL };
  if (pc_schema_load (&schema, rng_path)) {
    PcProblem blamed = { 0, NULL };
    gboolean own = walk (&schema, xmlDocGetRootElement (doc), &problem);
    if (!own && misplaced (&schema, misplaced_node, &blamed)) {
      g_free (problem.message);
      problem = blamed;
    } else {
      g_free (blamed.message);
    }
  }
  pc_schema_clear (&schema);
  *line = problem.line;
  return problem.message;
}
