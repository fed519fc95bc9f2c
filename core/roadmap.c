/* roadmap.c - the plan: phases, their components and the indicators that
 * decide each move.  Format: data/schema/roadmap.rng.  Inheritance is
 * resolved here, so every phase holds its full component list; names are
 * resolved to plugins and indices later, in model.c.
 */
#include "pc-policy.h"

static void
setting_free (PcSetting *setting)
{
  g_free (setting->name);
  g_free (setting->value);
  g_free (setting);
}

static void
component_free (PcComponentDecl *c)
{
  g_free (c->name);
  g_free (c->plugin);
  g_free (c->region);
  g_free (c->estimate_group);
  g_free (c->replaces);
  g_ptr_array_unref (c->settings);
  g_free (c);
}

static void
indicator_free (PcIndicatorDecl *ind)
{
  g_free (ind->id);
  g_free (ind->description);
  g_free (ind->subject);
  g_free (ind);
}

static void
phase_free (PcPhaseDecl *phase)
{
  g_free (phase->id);
  g_free (phase->name);
  g_free (phase->window_text);
  g_ptr_array_unref (phase->components);
  g_ptr_array_unref (phase->indicators);
  g_free (phase);
}

void
pc_roadmap_free (PcRoadmap *roadmap)
{
  if (roadmap == NULL)
    return;
  g_free (roadmap->path);
  g_free (roadmap->name);
  g_free (roadmap->currency);
  g_ptr_array_unref (roadmap->phases);
  g_ptr_array_unref (roadmap->policies);
  if (roadmap->limits)
    g_ptr_array_unref (roadmap->limits);
  g_free (roadmap);
}

static PcComponentDecl *
component_copy (const PcComponentDecl *from)
{
  PcComponentDecl *c = g_new0 (PcComponentDecl, 1);
  c->name = g_strdup (from->name);
  c->plugin = g_strdup (from->plugin);
  c->region = g_strdup (from->region);
  c->standby = from->standby;
  c->line = from->line;
  c->estimate_min = c->estimate_max = NAN;   /* a claim belongs to the phase that makes it */
  c->estimate_group = g_strdup (from->estimate_group);
  c->replaces = g_strdup (from->replaces);
  c->settings = g_ptr_array_new_with_free_func ((GDestroyNotify) setting_free);
  for (guint i = 0; i < from->settings->len; i++) {
    const PcSetting *s = from->settings->pdata[i];
    PcSetting *copy = g_new0 (PcSetting, 1);
    *copy = (PcSetting) { g_strdup (s->name), g_strdup (s->value), s->line };
    g_ptr_array_add (c->settings, copy);
  }
  return c;
}

static PcComponentDecl *
find_component (const PcPhaseDecl *phase, const char *name, guint *index)
{
  for (guint i = 0; i < phase->components->len; i++) {
    PcComponentDecl *c = phase->components->pdata[i];
    if (g_str_equal (c->name, name)) {
      if (index)
        *index = i;
      return c;
    }
  }
  return NULL;
}

static const PcPhaseDecl *
find_phase (const PcRoadmap *roadmap, const char *id)
{
  for (guint i = 0; i < roadmap->phases->len; i++)
    if (g_str_equal (((PcPhaseDecl *) roadmap->phases->pdata[i])->id, id))
      return roadmap->phases->pdata[i];
  return NULL;
}

/* FALSE with an error when a range's maximum (attribute @max_attr) is below
 * its minimum (@min_attr). */
static gboolean
check_range (const xmlNode *node, const char *path, const char *min_attr, const char *max_attr, double min,
             double max, GError **error)
{
  if (!(max < min))
    return TRUE;
  pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path,
                "<%s %s=\"%g\" %s=\"%g\">: the maximum is below the minimum; allowed: %s at least %s", node->name,
                min_attr, min, max_attr, max, max_attr, min_attr);
  return FALSE;
}

static gboolean
read_claim (PcComponentDecl *c, const xmlNode *node, const char *path, GError **error)
{
  if (!pc_xml_double (node, path, "estimate-min-usd", NAN, &c->estimate_min, error) ||
      !pc_xml_double (node, path, "estimate-max-usd", c->estimate_min, &c->estimate_max, error))
    return FALSE;
  g_autofree char *kind = pc_xml_attr (node, "estimate-kind");
  c->estimate_added = kind && g_str_equal (kind, "added");
  g_autofree char *group = pc_xml_attr (node, "estimate-group");
  if (group) {
    g_free (c->estimate_group);
    c->estimate_group = g_steal_pointer (&group);
  }
  return check_range (node, path, "estimate-min-usd", "estimate-max-usd", c->estimate_min, c->estimate_max, error);
}

/* Appends the <set>s of one <component> element (after any inherited
 * ones, so they win); a name set twice in the one element is refused. */
static gboolean
read_settings (PcComponentDecl *c, const xmlNode *node, const char *path, GError **error)
{
  guint first_set = c->settings->len;
  for (const xmlNode *child = node->children; child; child = child->next) {
    if (!pc_xml_is (child, "set"))
      continue;
    PcSetting *s = g_new0 (PcSetting, 1);
    *s = (PcSetting) { pc_xml_attr (child, "name"), pc_xml_text (child), (int) xmlGetLineNo (child) };
    g_ptr_array_add (c->settings, s);
    for (guint i = first_set; i + 1 < c->settings->len; i++)
      if (g_str_equal (((PcSetting *) c->settings->pdata[i])->name, s->name)) {
        pc_xml_error (error, PC_INPUT_ERROR_VALUE, child, path,
                      "<set name=\"%s\">: set twice in <component name=\"%s\"> (first at line %d); allowed: one "
                      "<set> per name", s->name, c->name, ((PcSetting *) c->settings->pdata[i])->line);
        return FALSE;
      }
  }
  return TRUE;
}

/* Reads <component>: a new one, or changes to an inherited one of that name
 * (later <set>s win, and a new plugin= replaces the settings). */
static gboolean
read_component (PcPhaseDecl *phase, const xmlNode *node, const char *path, GError **error)
{
  g_autofree char *name = pc_xml_attr (node, "name");
  g_autofree char *plugin = pc_xml_attr (node, "plugin");
  PcComponentDecl *c = find_component (phase, name, NULL);
  if (c == NULL || (plugin && !g_str_equal (plugin, c->plugin))) {
    if (plugin == NULL) {
      pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path,
                    "<component name=\"%s\">: plugin= is needed (no inherited component of that name)", name);
      return FALSE;
    }
    guint index = 0;
    if (c != NULL && find_component (phase, name, &index))
      g_ptr_array_remove_index (phase->components, index);
    c = g_new0 (PcComponentDecl, 1);
    c->name = g_strdup (name);
    c->plugin = g_strdup (plugin);
    c->settings = g_ptr_array_new_with_free_func ((GDestroyNotify) setting_free);
    c->estimate_min = c->estimate_max = NAN;
    g_ptr_array_add (phase->components, c);
  }
  c->line = (int) xmlGetLineNo (node);
  if (!read_claim (c, node, path, error))
    return FALSE;
  g_autofree char *region = pc_xml_attr (node, "region");
  if (region) {
    g_free (c->region);
    c->region = g_steal_pointer (&region);
  }
  g_autofree char *replaces = pc_xml_attr (node, "replaces");
  if (replaces) {
    g_free (c->replaces);
    c->replaces = g_steal_pointer (&replaces);
  }
  g_autofree char *standby = pc_xml_attr (node, "standby");
  if (standby)
    c->standby = g_str_equal (standby, "true") || g_str_equal (standby, "1");
  return read_settings (c, node, path, error);
}

static const struct { const char *attr; PcIndicatorKind kind; } indicator_kinds[] = {
  { "state", PC_IND_STATE }, { "metric", PC_IND_METRIC },
  { "event", PC_IND_EVENT }, { "no-event", PC_IND_NO_EVENT },
};

/* Reads an <indicator> or a <limit> into @list (ids unique within it). */
static gboolean
read_indicator (GPtrArray *list, const xmlNode *node, const char *path, GError **error)
{
  PcIndicatorDecl *ind = g_new0 (PcIndicatorDecl, 1);
  g_ptr_array_add (list, ind);
  ind->limit = pc_xml_is (node, "limit");
  ind->id = pc_xml_attr (node, "id");
  ind->description = pc_xml_text (node);
  ind->line = (int) xmlGetLineNo (node);
  for (guint i = 0; i < G_N_ELEMENTS (indicator_kinds) && ind->subject == NULL; i++) {
    ind->subject = pc_xml_attr (node, indicator_kinds[i].attr);
    ind->kind = indicator_kinds[i].kind;
  }
  g_autofree char *op = pc_xml_attr (node, "op");
  static const char *const ops[] = { "gt", "ge", "lt", "le" };
  for (guint i = 0; op && i < G_N_ELEMENTS (ops); i++)
    if (g_str_equal (op, ops[i]))
      ind->op = (PcCompare) i;
  g_autofree char *required = pc_xml_attr (node, "required");
  ind->required = required && (g_str_equal (required, "true") || g_str_equal (required, "1"));
  double sustained = 1;
  if (!pc_xml_double (node, path, "value", 0, &ind->threshold, error) ||
      !pc_xml_double (node, path, "sustained-months", 1, &sustained, error) ||
      !pc_xml_double (node, path, "window-days", 0, &ind->window_days, error))
    return FALSE;
  ind->sustained_months = (guint) sustained;
  /* An event indicator with a value compares each event's amount with it
   * ("budget approved for $120 or more"); the schema allows op and value
   * on events only together. */
  g_autofree char *value = pc_xml_attr (node, "value");
  ind->compares_amount = value != NULL && (ind->kind == PC_IND_EVENT || ind->kind == PC_IND_NO_EVENT);
  for (guint i = 0; i + 1 < list->len; i++)
    if (g_str_equal (((PcIndicatorDecl *) list->pdata[i])->id, ind->id)) {
      pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path, "<%s id=\"%s\">: duplicate id", node->name, ind->id);
      return FALSE;
    }
  return TRUE;
}

static gboolean
read_move (PcPhaseDecl *phase, const xmlNode *node, const char *path, GError **error)
{
  g_autofree char *policy = pc_xml_attr (node, "policy");
  phase->policy = policy == NULL || g_str_equal (policy, "all") ? PC_POLICY_ALL
                  : g_str_equal (policy, "any") ? PC_POLICY_ANY : PC_POLICY_AT_LEAST;
  double k = 0;
  if (!pc_xml_double (node, path, "k", 0, &k, error))
    return FALSE;
  phase->at_least = (guint) k;
  for (const xmlNode *child = node->children; child; child = child->next)
    if (pc_xml_is (child, "indicator") && !read_indicator (phase->indicators, child, path, error))
      return FALSE;
  if (phase->policy == PC_POLICY_AT_LEAST && (k < 1 || k > phase->indicators->len)) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path,
                  "<move policy=\"at-least\">: k must be between 1 and the number of indicators (%u)",
                  phase->indicators->len);
    return FALSE;
  }
  return TRUE;
}

/* <timeline after="launch" from-months="6" to-months="12">: the schema
 * checked the anchor and that both numbers are there and not negative. */
static gboolean
read_timeline (PcPhaseDecl *phase, const xmlNode *node, const char *path, GError **error)
{
  static const char *const anchors[] = { [PC_WINDOW_START] = "start", [PC_WINDOW_LAUNCH] = "launch",
                                         [PC_WINDOW_DECIDED] = "decided" };
  g_autofree char *after = pc_xml_attr (node, "after");
  for (guint i = PC_WINDOW_START; i < G_N_ELEMENTS (anchors); i++)
    if (g_strcmp0 (after, anchors[i]) == 0)
      phase->window_after = (PcWindowAnchor) i;
  phase->window_text = pc_xml_text (node);
  if (!pc_xml_double (node, path, "from-months", 0, &phase->window_from_months, error) ||
      !pc_xml_double (node, path, "to-months", 0, &phase->window_to_months, error))
    return FALSE;
  if (phase->window_to_months < phase->window_from_months) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path,
                  "<timeline to-months=\"%g\">: below from-months (%g); allowed: to-months >= from-months",
                  phase->window_to_months, phase->window_from_months);
    return FALSE;
  }
  return TRUE;
}

static gboolean
read_phase_attrs (PcPhaseDecl *phase, const xmlNode *node, const char *path, GError **error)
{
  phase->id = pc_xml_attr (node, "id");
  phase->name = pc_xml_attr (node, "name");
  phase->line = (int) xmlGetLineNo (node);
  return pc_xml_double (node, path, "estimate-min-usd", NAN, &phase->estimate_min, error) &&
         pc_xml_double (node, path, "estimate-max-usd", phase->estimate_min, &phase->estimate_max, error) &&
         pc_xml_double (node, path, "lead-time-days", 0, &phase->lead_time_days, error) &&
         pc_xml_double (node, path, "downtime-min-minutes", 0, &phase->downtime_min_minutes, error) &&
         pc_xml_double (node, path, "downtime-max-minutes", phase->downtime_min_minutes,
                        &phase->downtime_max_minutes, error) &&
         pc_xml_double (node, path, "budget-usd", NAN, &phase->budget_usd, error) &&
         check_range (node, path, "estimate-min-usd", "estimate-max-usd", phase->estimate_min, phase->estimate_max,
                      error) &&
         check_range (node, path, "downtime-min-minutes", "downtime-max-minutes", phase->downtime_min_minutes,
                      phase->downtime_max_minutes, error);
}

static gboolean
inherit (PcPhaseDecl *phase, const PcRoadmap *roadmap, const xmlNode *node, const char *path, GError **error)
{
  g_autofree char *parent_id = pc_xml_attr (node, "inherits");
  if (parent_id == NULL)
    return TRUE;
  const PcPhaseDecl *parent = find_phase (roadmap, parent_id);
  if (parent == NULL) {
    pc_xml_error (error, PC_INPUT_ERROR_UNKNOWN_REF, node, path,
                  "<phase id=\"%s\" inherits=\"%s\">: no earlier phase has that id", phase->id, parent_id);
    return FALSE;
  }
  for (guint i = 0; i < parent->components->len; i++)
    g_ptr_array_add (phase->components, component_copy (parent->components->pdata[i]));
  return TRUE;
}

/* Two <component> elements of one name in one <phase> would silently merge;
 * changing an inherited component is one element. */
static gboolean
check_component_once (const xmlNode *node, const char *path, GError **error)
{
  g_autofree char *name = pc_xml_attr (node, "name");
  for (const xmlNode *before = node->prev; before; before = before->prev) {
    g_autofree char *other = pc_xml_is (before, "component") ? pc_xml_attr (before, "name") : NULL;
    if (g_strcmp0 (name, other) == 0) {
      pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path,
                    "<component name=\"%s\">: twice in this phase (first at line %ld); allowed: one <component> per "
                    "name in a phase", name, xmlGetLineNo (before));
      return FALSE;
    }
  }
  return TRUE;
}

static gboolean
read_phase_children (PcPhaseDecl *phase, const xmlNode *node, const char *path, GError **error)
{
  for (const xmlNode *child = node->children; child; child = child->next) {
    if (pc_xml_is (child, "component") &&
        (!check_component_once (child, path, error) || !read_component (phase, child, path, error)))
      return FALSE;
    if (pc_xml_is (child, "move") && !read_move (phase, child, path, error))
      return FALSE;
    if (pc_xml_is (child, "timeline") && !read_timeline (phase, child, path, error))
      return FALSE;
    if (pc_xml_is (child, "remove")) {
      g_autofree char *name = pc_xml_attr (child, "component");
      guint index = 0;
      if (!find_component (phase, name, &index)) {
        pc_xml_error (error, PC_INPUT_ERROR_UNKNOWN_REF, child, path,
                      "<remove component=\"%s\">: the phase has no such component", name);
        return FALSE;
      }
      g_ptr_array_remove_index (phase->components, index);
    }
  }
  return TRUE;
}

static gboolean
fill_phase (PcPhaseDecl *phase, const PcRoadmap *roadmap, const xmlNode *node, GError **error)
{
  if (!read_phase_attrs (phase, node, roadmap->path, error))
    return FALSE;
  if (find_phase (roadmap, phase->id) != NULL) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, roadmap->path, "<phase id=\"%s\">: duplicate id", phase->id);
    return FALSE;
  }
  return inherit (phase, roadmap, node, roadmap->path, error) &&
         read_phase_children (phase, node, roadmap->path, error);
}

static gboolean
read_phase (PcRoadmap *roadmap, const xmlNode *node, GError **error)
{
  PcPhaseDecl *phase = g_new0 (PcPhaseDecl, 1);
  phase->components = g_ptr_array_new_with_free_func ((GDestroyNotify) component_free);
  phase->indicators = g_ptr_array_new_with_free_func ((GDestroyNotify) indicator_free);
  if (!fill_phase (phase, roadmap, node, error)) {
    phase_free (phase);
    return FALSE;
  }
  g_ptr_array_add (roadmap->phases, phase);
  return TRUE;
}

static PcRoadmap *
roadmap_load (const char *path, GError **error)
{
  g_autoptr (xmlDoc) doc = pc_xml_load (path, "roadmap.rng", error);
  if (doc == NULL)
    return NULL;
  g_autoptr (PcRoadmap) roadmap = g_new0 (PcRoadmap, 1);
  roadmap->path = g_strdup (path);
  roadmap->phases = g_ptr_array_new_with_free_func ((GDestroyNotify) phase_free);
  roadmap->policies = g_ptr_array_new_with_free_func ((GDestroyNotify) pc_policy_decl_free);
  xmlNode *root = xmlDocGetRootElement (doc);
  roadmap->name = pc_xml_attr (root, "name");
  roadmap->currency = pc_xml_attr (root, "currency");
  if (roadmap->currency == NULL)
    roadmap->currency = g_strdup ("USD");
  roadmap->limits = g_ptr_array_new_with_free_func ((GDestroyNotify) indicator_free);
  for (xmlNode *node = root->children; node; node = node->next) {
    if ((pc_xml_is (node, "phase") && !read_phase (roadmap, node, error)) ||
        (pc_xml_is (node, "policy") && !pc_policy_read_into (roadmap->policies, node, roadmap->path, error)))
      return NULL;
    for (xmlNode *child = pc_xml_is (node, "limits") ? node->children : NULL; child; child = child->next)
      if (pc_xml_is (child, "limit") && !read_indicator (roadmap->limits, child, roadmap->path, error))
        return NULL;
  }
  return g_steal_pointer (&roadmap);
}

/**
 * pc_roadmap_load:
 * Loads @path; a refusal is one line (pc_error_tidy).
 * Returns: (transfer full): the roadmap, or NULL with @error naming file:line.
 */
PcRoadmap *
pc_roadmap_load (const char *path, GError **error)
{
  PcRoadmap *roadmap = roadmap_load (path, error);
  if (roadmap == NULL)
    pc_error_tidy_at (error);
  return roadmap;
}
