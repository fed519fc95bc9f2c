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

/* The child names @parent's definitions allow, NULL-terminated. */
static GPtrArray *
child_names (const PcSchema *schema, const xmlNode *parent)
{
  PcElementSpec spec = { 0 };
  GPtrArray *names = g_ptr_array_new_with_free_func (g_free);
  if (parent && parent->type == XML_ELEMENT_NODE && pc_schema_element (schema, (const char *) parent->name, &spec))
    for (guint i = 0; i < spec.children->len; i++)
      g_ptr_array_add (names, g_strdup (spec.children->pdata[i]));
  pc_element_spec_clear (&spec);
  g_ptr_array_add (names, NULL);
  return names;
}

static gboolean
has_child (const xmlNode *parent, const char *name)
{
  for (const xmlNode *child = parent->children; child; child = child->next)
    if (pc_xml_is (child, name))
      return TRUE;
  return FALSE;
}

/* "<a>", "<a> and <b>", "<a>, <b> and <c>". */
static char *
element_list (GPtrArray *names)
{
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (text, "%s<%s>", i == 0 ? "" : i + 1 == names->len ? " and " : ", ",
                            (const char *) names->pdata[i]);
  return g_string_free (text, FALSE);
}

/* "element <a> is missing" or "elements <a> and <b> are missing": every
 * element @spec requires that @parent lacks; NULL when it has them all. */
static char *
missing_elements (const xmlNode *parent, const PcElementSpec *spec)
{
  g_autoptr (GPtrArray) missing = g_ptr_array_new ();
  for (guint i = 0; i < spec->required->len; i++)
    if (!has_child (parent, spec->required->pdata[i]))
      g_ptr_array_add (missing, spec->required->pdata[i]);
  if (missing->len == 0)
    return NULL;
  g_autofree char *list = element_list (missing);
  return g_strdup_printf ("element%s %s %s missing", missing->len > 1 ? "s" : "", list, missing->len > 1 ? "are" : "is");
}

/* "an attribute usd= or an element <tier> is missing": the first choice
 * @spec requires of which @node has no alternative; NULL when none. */
static char *
missing_choice (const xmlNode *node, const PcElementSpec *spec)
{
  for (guint c = 0; c < spec->choices->len; c++) {
    const PcChoiceSpec *choice = spec->choices->pdata[c];
    g_autoptr (GPtrArray) alternatives = g_ptr_array_new_with_free_func (g_free);
    gboolean met = FALSE;
    for (guint i = 0; i < choice->attrs->len && !met; i++) {
      met = xmlHasProp (node, (const xmlChar *) choice->attrs->pdata[i]) != NULL;
      g_ptr_array_add (alternatives, g_strdup_printf ("an attribute %s=", (const char *) choice->attrs->pdata[i]));
    }
    for (guint i = 0; i < choice->elements->len && !met; i++) {
      met = has_child (node, choice->elements->pdata[i]);
      g_ptr_array_add (alternatives, g_strdup_printf ("an element <%s>", (const char *) choice->elements->pdata[i]));
    }
    if (!met) {
      g_ptr_array_add (alternatives, NULL);
      g_autofree char *list = g_strjoinv (" or ", (char **) alternatives->pdata);
      return g_strdup_printf ("%s is missing", list);
    }
  }
  return NULL;
}

/* "a, b, c": the children @spec allows, in schema order. */
static char *
children_listed (const PcElementSpec *spec)
{
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < spec->children->len; i++)
    g_string_append_printf (text, "%s%s", i ? ", " : "", (const char *) spec->children->pdata[i]);
  return g_string_free (text, FALSE);
}

/* "<parent>: WHAT; allowed in <parent>, in this order: ..." at @parent's line. */
static gboolean
found_missing (PcProblem *problem, const xmlNode *parent, const PcElementSpec *spec, const char *what)
{
  g_autofree char *listed = children_listed (spec);
  return found (problem, parent, g_strdup_printf ("<%s>: %s; allowed in <%s>, in this order: %s", parent->name, what,
                                                  parent->name, listed));
}

static gboolean
check_unknown_element (const PcSchema *schema, const xmlNode *node, PcProblem *problem)
{
  g_autoptr (GPtrArray) names = child_names (schema, node->parent);
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
  const xmlNode *parent = node ? node->parent : NULL;
  PcElementSpec spec = { 0 };
  if (node == NULL || node->type != XML_ELEMENT_NODE || parent == NULL || parent->type != XML_ELEMENT_NODE ||
      !pc_schema_element (schema, (const char *) parent->name, &spec)) {
    pc_element_spec_clear (&spec);
    return FALSE;
  }
  g_autofree char *missing = missing_elements (parent, &spec);
  g_autofree char *listed = children_listed (&spec);
  gboolean ok = missing ? found_missing (problem, parent, &spec, missing)
                        : found (problem, node, g_strdup_printf ("<%s>: not expected here (out of order, or once too "
                                                                 "often); allowed in <%s>, in this order: %s",
                                                                 node->name, parent->name, listed));
  pc_element_spec_clear (&spec);
  return ok;
}

/* An element whose content ended before all it must hold: libxml2 says
 * "Expecting an element X, got nothing", X often empty.  Names the
 * elements it lacks, else the choice it does not meet. */
static gboolean
incomplete (const PcSchema *schema, const xmlNode *node, PcProblem *problem)
{
  PcElementSpec spec = { 0 };
  if (node == NULL || node->type != XML_ELEMENT_NODE || !pc_schema_element (schema, (const char *) node->name, &spec)) {
    pc_element_spec_clear (&spec);
    return FALSE;
  }
  g_autofree char *what = missing_elements (node, &spec);
  if (what == NULL)
    what = missing_choice (node, &spec);
  gboolean ok = found_missing (problem, node, &spec, what ? what : "an element is missing at its end");
  pc_element_spec_clear (&spec);
  return ok;
}

char *
pc_schema_explain (xmlDoc *doc, const char *rng_path, const xmlNode *misplaced_node, const xmlNode *incomplete_node,
                   long *line)
{
  PcSchema schema = { 0 };
  PcProblem problem = { 0, NULL };
  if (pc_schema_load (&schema, rng_path)) {
    PcProblem blamed = { 0, NULL };
    gboolean own = walk (&schema, xmlDocGetRootElement (doc), &problem);
    if (!own && (misplaced (&schema, misplaced_node, &blamed) || incomplete (&schema, incomplete_node, &blamed))) {
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
