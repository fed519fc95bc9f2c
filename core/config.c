/* config.c - a component's parameters, typed and range-checked.
 *
 * Every value a plugin sees has passed through pc_config_set(): defaults
 * from the plugin's own table, then the roadmap's <set> elements or the
 * command line's --set k=v.  Plugins read values by index into their table,
 * so the month loop never looks a name up.
 */
#include "pc-private.h"

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
  case PC_PARAM_ENUM: {
    g_auto (GStrv) choices = g_strsplit (spec->choices ? spec->choices : "", "|", -1);
    for (guint i = 0; choices[i]; i++)
      if (g_str_equal (choices[i], text)) {
        value->choice = i;
        return TRUE;
      }
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "parameter \"%s\": \"%s\" is not one of %s", spec->name, text, spec->choices);
    return FALSE;
  }
  case PC_PARAM_INT:
  case PC_PARAM_DOUBLE:
    if (!pc_parse_double (text, &value->number))
      goto bad;
    if (spec->type == PC_PARAM_INT && value->number != floor (value->number))
      goto bad;
    if (value->number < spec->min || value->number > spec->max) {
      g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                   "parameter \"%s\": %s is outside [%g, %g] %s", spec->name, text, spec->min,
                   spec->max, spec->unit);
      return FALSE;
    }
    return TRUE;
  }
bad:
  g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG, "parameter \"%s\": \"%s\" is not a valid %s",
               spec->name, text,
               spec->type == PC_PARAM_BOOL ? "boolean (true/false)"
               : spec->type == PC_PARAM_INT ? "whole number" : "number");
  return FALSE;
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
  g_free (config);
}

gboolean
pc_config_set (PcConfig *config, const char *name, const char *value, GError **error)
{
  for (guint i = 0; i < config->info->n_params; i++)
    if (g_str_equal (config->info->params[i].name, name))
      return parse_value (&config->info->params[i], value, &config->values[i], error);
  g_autoptr (GString) known = g_string_new (NULL);
  for (guint i = 0; i < config->info->n_params; i++)
    g_string_append_printf (known, "%s%s", i ? ", " : "", config->info->params[i].name);
  g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
               "plugin %s has no parameter \"%s\" (it has: %s)", config->info->name, name, known->str);
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

double
pc_config_double (const PcConfig *config, guint index)
{
  g_return_val_if_fail (index < config->info->n_params, 0.0);
  return config->values[index].number;
}

gint64
pc_config_int (const PcConfig *config, guint index)
{
  g_return_val_if_fail (index < config->info->n_params, 0);
  return (gint64) config->values[index].number;
}

gboolean
pc_config_bool (const PcConfig *config, guint index)
{
  g_return_val_if_fail (index < config->info->n_params, FALSE);
  return config->values[index].number != 0.0;
}

guint
pc_config_choice (const PcConfig *config, guint index)
{
  g_return_val_if_fail (index < config->info->n_params, 0);
  return config->values[index].choice;
}

const char *
pc_config_component (const PcConfig *config)
{
  return config->component;
}
