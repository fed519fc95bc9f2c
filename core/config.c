/* config.c - a component's parameters, typed and range-checked.
 *
 * Every value a plugin sees has passed through pc_config_set(): defaults
 * from the plugin's own table, then the roadmap's <set> elements or the
 * command line's --set k=v.  Plugins read values by index into their table,
 * so the month loop never looks a name up.
 */
#include "pc-private.h"

static gboolean
parse_choice (const PcParamSpec *spec, const char *text, PcValue *value, GError **error)
{
  for (guint i = 0; i < spec->n_choices; i++)
    if (g_strcmp0 (spec->choices[i], text) == 0) {
      value->choice = i;
      return TRUE;
    }
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; i < spec->n_choices; i++)
    g_ptr_array_add (names, (gpointer) spec->choices[i]);
  g_ptr_array_add (names, NULL);
  g_autofree char *allowed = pc_allowed_names (text, (const char *const *) names->pdata);
  g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG, "parameter \"%s\": \"%s\" is not allowed; %s",
               spec->name, text, allowed);
  return FALSE;
}

static gboolean
parse_value (const PcParamSpec *spec, const char *text, PcValue *value, GError **error)
{
  switch (spec->type) {
  case PC_PARAM_BOOL:
    if (g_str_equal (text, "true") || g_str_equal (text, "yes") || g_str_equal (text, "1"))
      value->number = 1.0;
    else if (g_str_equal (text, "false") || g_str_equal (text, "no") || g_str_equal (text, "0"))
      value->number = 0.0;
    else
      goto bad;
    return TRUE;
  case PC_PARAM_ENUM:
    return parse_choice (spec, text, value, error);
  case PC_PARAM_INT:
  case PC_PARAM_DOUBLE:
    if (!pc_parse_double (text, &value->number))
      goto bad;
    if (spec->type == PC_PARAM_INT && value->number != floor (value->number))
      goto bad;
    if (value->number < spec->min || value->number > spec->max) {
      g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                   "parameter \"%s\": %s is out of range; allowed: %g to %g %s", spec->name, text, spec->min,
                   spec->max, spec->unit);
      return FALSE;
    }
    return TRUE;
  }
bad:
  if (spec->type == PC_PARAM_BOOL)
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "parameter \"%s\": \"%s\" is not allowed; allowed: true, false, yes, no, 1 or 0", spec->name, text);
  else
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "parameter \"%s\": \"%s\" is not a %s; allowed: %g to %g %s", spec->name, text,
                 spec->type == PC_PARAM_INT ? "whole number" : "number", spec->min, spec->max, spec->unit);
  return FALSE;
}

char *
pc_param_choices_text (const PcParamSpec *spec)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < spec->n_choices; i++)
    g_string_append_printf (out, "%s%s", i ? "|" : "", spec->choices[i] ? spec->choices[i] : "(null)");
  return g_string_free (out, FALSE);
}

gboolean
pc_param_check_default (const PcParamSpec *spec, GError **error)
{
  PcValue value = { 0 };
  return parse_value (spec, spec->default_value ? spec->default_value : "", &value, error);
}

/* Returns: (transfer full): a config holding every default.  The plugin
 * descriptor has been checked by the host, so defaults parse. */
PcConfig *
pc_config_new (const PcPluginInfo *info, const char *component)
{
  PcConfig *config = g_new0 (PcConfig, 1);
  config->info = info;
  config->component = g_strdup (component);
  config->values = g_new0 (PcValue, info->n_params);
  for (guint i = 0; i < info->n_params; i++) {
    gboolean ok = parse_value (&info->params[i], info->params[i].default_value, &config->values[i], NULL);
    g_assert (ok);
  }
  return config;
}

void
pc_config_free (PcConfig *config)
{
  if (config == NULL)
    return;
  g_free (config->component);
  g_free (config->values);
  g_free (config->misuse);
  if (config->demands_read)
    g_ptr_array_unref (config->demands_read);
  g_free (config);
}

gboolean
pc_config_set (PcConfig *config, const char *name, const char *value, GError **error)
{
  for (guint i = 0; i < config->info->n_params; i++)
    if (g_str_equal (config->info->params[i].name, name))
      return parse_value (&config->info->params[i], value, &config->values[i], error);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; i < config->info->n_params; i++)
    g_ptr_array_add (names, (gpointer) config->info->params[i].name);
  g_ptr_array_add (names, NULL);
  g_autofree char *allowed = pc_allowed_names (name, (const char *const *) names->pdata);
  g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG, "plugin %s has no parameter \"%s\"; %s",
               config->info->name, name, allowed);
  return FALSE;
}

gboolean
pc_config_has (const PcConfig *config, const char *name)
{
  for (guint i = 0; i < config->info->n_params; i++)
    if (g_str_equal (config->info->params[i].name, name))
      return TRUE;
  return FALSE;
}

const char *
pc_config_plugin_name (const PcConfig *config)
{
  return config->info->name;
}

gboolean
pc_config_set_assignment (PcConfig *config, const char *assignment, GError **error)
{
  const char *equals = strchr (assignment, '=');
  if (equals == NULL || equals == assignment) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "\"%s\": expected key=value", assignment);
    return FALSE;
  }
  g_autofree char *name = g_strndup (assignment, (gsize) (equals - assignment));
  return pc_config_set (config, name, equals + 1, error);
}

/* Records the first misuse of an accessor; create() then fails with it.
 * The config is the host's, so writing through the const is ours to do. */
static gboolean
accessor_ok (const PcConfig *config, guint index, PcParamType type)
{
  const PcPluginInfo *info = config->info;
  if (index < info->n_params && info->params[index].type == type)
    return TRUE;
  static const char *const type_names[] = { "double", "int", "bool", "enum" };
  PcConfig *mutable = (PcConfig *) config;
  if (mutable->misuse == NULL)
    mutable->misuse = index < info->n_params
      ? g_strdup_printf ("plugin %s read parameter \"%s\" as %s, but its table declares it %s", info->name,
                         info->params[index].name, type_names[type], type_names[info->params[index].type])
      : g_strdup_printf ("plugin %s read parameter index %u, but its table has %u parameters", info->name, index,
                         info->n_params);
  return FALSE;
}

double
pc_config_double (const PcConfig *config, guint index)
{
  return accessor_ok (config, index, PC_PARAM_DOUBLE) ? config->values[index].number : 0.0;
}

gint64
pc_config_int (const PcConfig *config, guint index)
{
  return accessor_ok (config, index, PC_PARAM_INT) ? (gint64) config->values[index].number : 0;
}

gboolean
pc_config_bool (const PcConfig *config, guint index)
{
  return accessor_ok (config, index, PC_PARAM_BOOL) && config->values[index].number != 0.0;
}

guint
pc_config_choice (const PcConfig *config, guint index)
{
  return accessor_ok (config, index, PC_PARAM_ENUM) ? config->values[index].choice : 0;
}

gboolean
pc_config_misused (const PcConfig *config, GError **error)
{
  if (config->misuse == NULL)
    return FALSE;
  g_set_error_literal (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_MISUSE, config->misuse);
  return TRUE;
}

void
pc_config_set_demand_names (PcConfig *config, const GPtrArray *names)
{
  config->demand_names = names;
}

/* In price mode (no workload: demand_names is NULL) every name resolves, to
 * the order in which the plugin asked for it; `phasecast price --set NAME=V`
 * then fills it. */
gboolean
pc_config_demand (const PcConfig *config, const char *name, guint *index, GError **error)
{
  PcConfig *mutable = (PcConfig *) config;
  if (mutable->demands_read == NULL)
    mutable->demands_read = g_ptr_array_new_with_free_func (g_free);
  const GPtrArray *names = config->demand_names ? config->demand_names : config->demands_read;
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (names->pdata[i], name)) {
      *index = i;
      if (config->demand_names)
        g_ptr_array_add (mutable->demands_read, g_strdup (name));
      return TRUE;
    }
  if (config->demand_names == NULL) {
    g_ptr_array_add (mutable->demands_read, g_strdup (name));
    *index = mutable->demands_read->len - 1;
    return TRUE;
  }
  g_autoptr (GString) known = g_string_new (NULL);
  for (guint i = 0; i < names->len; i++)
    g_string_append_printf (known, "%s%s", i ? ", " : "", (const char *) names->pdata[i]);
  g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
               "plugin %s reads the demand \"%s\", which the scenario's workload does not declare (it declares: %s)",
               config->info->name, name, names->len ? known->str : "none");
  return FALSE;
}

const GPtrArray *
pc_config_demands_read (const PcConfig *config)
{
  return config->demands_read;
}

const char *
pc_config_component (const PcConfig *config)
{
  return config->component;
}

gboolean
pc_config_equal (const PcConfig *a, const PcConfig *b)
{
  if (a->info != b->info)
    return FALSE;
  for (guint i = 0; i < a->info->n_params; i++)
    if (a->values[i].number != b->values[i].number || a->values[i].choice != b->values[i].choice)
      return FALSE;
  return TRUE;
}
