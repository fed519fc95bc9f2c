/* host.c - finding, loading and checking plugins.
 *
 * The contract (pc-plugin.h): a module exports pc_plugin_get_info(), which
 * returns a constant descriptor whose first field is the ABI number.  The
 * host trusts nothing before it has checked, in this order: the module
 * opens (symbols bound now, locally); the entry point exists and is not
 * NULL; it returns a descriptor; abi matches; api_min is not newer than ours;
 * size covers the ABI-2 layout; name, version and summary are non-empty and
 * the name equals the file name; the stage is known; every parameter is
 * well-formed (enum choices named once each) with a default that parses;
 * metrics are named; tables and per-run memory are within the published
 * limits; create, step and destroy are set; a price fragment beside the
 * module (NAME.prices.xml) is valid.  Each refusal is a PC_PLUGIN_ERROR
 * naming the file and, where it helps, what to do.
 *
 * Search order for a plugin by name: the --plugin-dir directories, then
 * each directory of $PHASECAST_PLUGIN_PATH, then the install directory.  The
 * first match wins.  In each directory a plugin is DIR/NAME.so or
 * DIR/NAME/NAME.so (the build tree's layout).  The build tree is never
 * searched unless the environment names it (meson test, `meson devenv`,
 * build/phasecast), so an installed phasecast runs installed plugins only.
 */
#include "pc-private.h"

#include "pc-config.h"

/* The install folder is named after the ABI (meson.build's pc_plugin_abi). */
G_STATIC_ASSERT (PC_PLUGINDIR_ABI == PC_PLUGIN_ABI);

G_DEFINE_QUARK (pc-plugin-error-quark, pc_plugin_error)

struct _PcPlugin {
  char *path;
  GModule *module;
  const PcPluginInfo *info;
  char *fragment;             /* NAME.prices.xml beside the module, or NULL */
  GStrv fragment_regions;     /* its regions ("global" included), or NULL */
};

struct _PcHost {
  GPtrArray *dirs;            /* char* */
  GHashTable *loaded;         /* name -> PcPlugin* */
  GPtrArray *catalog_files;   /* char*: --catalog files, in order */
  GPtrArray *catalog_regions; /* GStrv: the regions of each */
};

typedef const PcPluginInfo *(*PcGetInfoFunc) (void);

static gboolean
refuse (GError **error, gint code, const char *path, const char *format, ...) G_GNUC_PRINTF (4, 5);

static gboolean
refuse (GError **error, gint code, const char *path, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *why = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PC_PLUGIN_ERROR, code, "%s: %s", path, why);
  return FALSE;
}

static gboolean
nonempty (const char *text)
{
  return text != NULL && *text != '\0';
}

static gboolean
check_version (const PcPluginInfo *info, const char *path, GError **error)
{
  if (info->abi != PC_PLUGIN_ABI)
    return refuse (error, PC_PLUGIN_ERROR_ABI, path,
                   "built for plugin ABI %u, this phasecast provides ABI %u; rebuild it with "
                   "`pkg-config --cflags --libs phasecast-plugin`", info->abi, PC_PLUGIN_ABI);
  if (info->api_min > PC_PLUGIN_API)
    return refuse (error, PC_PLUGIN_ERROR_API, path,
                   "needs plugin API %u, this phasecast provides API %u; upgrade phasecast",
                   info->api_min, PC_PLUGIN_API);
  if (info->size < offsetof (PcPluginInfo, reserved))
    return refuse (error, PC_PLUGIN_ERROR_INVALID_INFO, path,
                   "descriptor size %u is smaller than the ABI %u layout", info->size, PC_PLUGIN_ABI);
  return TRUE;
}

static gboolean
check_identity (const PcPluginInfo *info, const char *path, GError **error)
{
  if (!nonempty (info->name) || !nonempty (info->version) || !nonempty (info->summary))
    return refuse (error, PC_PLUGIN_ERROR_INVALID_INFO, path,
                   "the descriptor's name, version and summary must all be set");
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strrchr (base, '.');
  if (dot != NULL)
    *dot = '\0';
  if (!g_str_equal (base, info->name))
    return refuse (error, PC_PLUGIN_ERROR_NAME, path,
                   "the plugin calls itself \"%s\" but its file is named \"%s\"", info->name, base);
  if ((guint) info->stage >= PC_STAGE_COUNT)
    return refuse (error, PC_PLUGIN_ERROR_INVALID_INFO, path, "unknown pipeline stage %d", info->stage);
  if (info->create == NULL || info->step == NULL || info->destroy == NULL)
    return refuse (error, PC_PLUGIN_ERROR_INVALID_INFO, path, "create, step and destroy must all be set");
  return TRUE;
}

static gboolean
check_choices (const PcParamSpec *spec, const char *path, GError **error)
{
  if (spec->type != PC_PARAM_ENUM)
    return TRUE;
  if (spec->n_choices == 0 || spec->choices == NULL)
    return refuse (error, PC_PLUGIN_ERROR_INVALID_INFO, path, "parameter \"%s\" is an enum with no choices",
                   spec->name);
  for (guint i = 0; i < spec->n_choices; i++) {
    if (!nonempty (spec->choices[i]))
      return refuse (error, PC_PLUGIN_ERROR_INVALID_INFO, path,
                     "parameter \"%s\": choice %u has no name (a gap in the designated initializers?)",
                     spec->name, i);
    for (guint j = 0; j < i; j++)
      if (g_str_equal (spec->choices[i], spec->choices[j]))
        return refuse (error, PC_PLUGIN_ERROR_INVALID_INFO, path, "parameter \"%s\": choice \"%s\" is listed twice",
                       spec->name, spec->choices[i]);
  }
  return TRUE;
}

static gboolean
check_param (const PcPluginInfo *info, guint i, const char *path, GError **error)
{
  const PcParamSpec *spec = &info->params[i];
  g_autoptr (GError) bad = NULL;
  if (!nonempty (spec->name) || spec->unit == NULL || !nonempty (spec->doc))
    return refuse (error, PC_PLUGIN_ERROR_INVALID_INFO, path,
                   "parameter %u needs a name, a unit (\"\" if none) and a doc line", i);
  for (guint j = 0; j < i; j++)
    if (g_str_equal (spec->name, info->params[j].name))
      return refuse (error, PC_PLUGIN_ERROR_INVALID_INFO, path, "parameter \"%s\" is declared twice", spec->name);
  if ((guint) spec->type > PC_PARAM_ENUM)
    return refuse (error, PC_PLUGIN_ERROR_INVALID_INFO, path, "parameter \"%s\" has an unknown type", spec->name);
  if (!check_choices (spec, path, error))
    return FALSE;
  if (!pc_param_check_default (spec, &bad))
    return refuse (error, PC_PLUGIN_ERROR_INVALID_INFO, path, "bad default: %s", bad->message);
  return TRUE;
}

static gboolean
check_tables (const PcPluginInfo *info, const char *path, GError **error)
{
  if (info->n_params > PC_MAX_PARAMS || (info->n_params > 0 && info->params == NULL))
    return refuse (error, PC_PLUGIN_ERROR_INVALID_INFO, path, "n_params is %u: at most %d, and a table for them",
                   info->n_params, PC_MAX_PARAMS);
  for (guint i = 0; i < info->n_params; i++)
    if (!check_param (info, i, path, error))
      return FALSE;
  if (info->n_metrics > PC_MAX_METRICS || (info->n_metrics > 0 && info->metrics == NULL))
    return refuse (error, PC_PLUGIN_ERROR_INVALID_INFO, path, "n_metrics is %u: at most %d, and a table for them",
                   info->n_metrics, PC_MAX_METRICS);
  for (guint i = 0; i < info->n_metrics; i++)
    if (!nonempty (info->metrics[i].name) || info->metrics[i].unit == NULL)
      return refuse (error, PC_PLUGIN_ERROR_INVALID_INFO, path, "metric %u needs a name and a unit", i);
  if (info->run_state_size > PC_MAX_RUN_STATE)   /* a run's memory stays small whatever a plugin says */
    return refuse (error, PC_PLUGIN_ERROR_INVALID_INFO, path, "run_state_size %" G_GSIZE_FORMAT " is above %d bytes",
                   info->run_state_size, PC_MAX_RUN_STATE);
  return TRUE;
}

static const PcPluginInfo *
read_descriptor (GModule *module, const char *path, GError **error)
{
  gpointer symbol = NULL;
  if (!g_module_symbol (module, "pc_plugin_get_info", &symbol) || symbol == NULL) {
    refuse (error, PC_PLUGIN_ERROR_NO_ENTRY, path, "not a phasecast plugin (no pc_plugin_get_info symbol)");
    return NULL;
  }
  const PcPluginInfo *info = ((PcGetInfoFunc) symbol) ();
  if (info == NULL)
    refuse (error, PC_PLUGIN_ERROR_INVALID_INFO, path, "pc_plugin_get_info() returned NULL");
  return info;
}

/* Finds and checks the plugin's price fragment, NAME.prices.xml beside its
 * module; a broken fragment refuses the plugin, naming the fragment's line. */
static gboolean
open_fragment (PcPlugin *plugin, GError **error)
{
  g_autofree char *dir = g_path_get_dirname (plugin->path);
  g_autofree char *file = g_strconcat (plugin->info->name, ".prices.xml", NULL);
  g_autofree char *path = g_build_filename (dir, file, NULL);
  if (!g_file_test (path, G_FILE_TEST_EXISTS))
    return TRUE;
  g_autoptr (GError) bad = NULL;
  plugin->fragment_regions = pc_catalog_check_file (path, &bad);
  if (plugin->fragment_regions == NULL)
    return refuse (error, PC_PLUGIN_ERROR_CONFIG, plugin->path, "its price fragment is invalid: %s", bad->message);
  plugin->fragment = g_steal_pointer (&path);
  return TRUE;
}

/**
 * pc_plugin_open:
 * Opens and checks one module.
 * Returns: (transfer full): the plugin, or NULL with @error naming @path.
 */
PcPlugin *
pc_plugin_open (const char *path, GError **error)
{
  g_autoptr (GError) open_error = NULL;
  GModule *module = g_module_open_full (path, G_MODULE_BIND_LOCAL, &open_error);
  if (module == NULL) {
    refuse (error, PC_PLUGIN_ERROR_OPEN, path, "cannot open: %s", open_error->message);
    return NULL;
  }
  const PcPluginInfo *info = read_descriptor (module, path, error);
  if (info == NULL || !check_version (info, path, error) || !check_identity (info, path, error) ||
      !check_tables (info, path, error)) {
    g_module_close (module);
    return NULL;
  }
  g_autoptr (PcPlugin) plugin = g_new0 (PcPlugin, 1);
  plugin->path = g_strdup (path);
  plugin->module = module;
  plugin->info = info;
  if (!open_fragment (plugin, error))
    return NULL;
  return g_steal_pointer (&plugin);
}

void
pc_plugin_free (PcPlugin *plugin)
{
  if (plugin == NULL)
    return;
  g_module_close (plugin->module);
  g_free (plugin->path);
  g_free (plugin->fragment);
  g_strfreev (plugin->fragment_regions);
  g_free (plugin);
}

const PcPluginInfo *pc_plugin_info (const PcPlugin *plugin) { return plugin->info; }
const char *pc_plugin_path (const PcPlugin *plugin) { return plugin->path; }
const char *pc_plugin_fragment (const PcPlugin *plugin) { return plugin->fragment; }
const char *const *pc_plugin_fragment_regions (const PcPlugin *plugin)
{
  return (const char *const *) plugin->fragment_regions;
}

static void
add_dir (PcHost *host, const char *dir)
{
  if (nonempty (dir))
    g_ptr_array_add (host->dirs, g_strdup (dir));
}

PcHost *
pc_host_new (const char *const *dirs)
{
  PcHost *host = g_new0 (PcHost, 1);
  host->dirs = g_ptr_array_new_with_free_func (g_free);
  host->loaded = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pc_plugin_free);
  host->catalog_files = g_ptr_array_new_with_free_func (g_free);
  host->catalog_regions = g_ptr_array_new_with_free_func ((GDestroyNotify) g_strfreev);
  for (guint i = 0; dirs && dirs[i]; i++)
    add_dir (host, dirs[i]);
  const char *env = g_getenv ("PHASECAST_PLUGIN_PATH");
  g_auto (GStrv) env_dirs = g_strsplit (env ? env : "", G_SEARCHPATH_SEPARATOR_S, -1);
  for (guint i = 0; env_dirs[i]; i++)
    add_dir (host, env_dirs[i]);
  add_dir (host, PC_INSTALL_PLUGINDIR);
  return host;
}

void
pc_host_free (PcHost *host)
{
  if (host == NULL)
    return;
  g_hash_table_unref (host->loaded);
  g_ptr_array_unref (host->dirs);
  g_ptr_array_unref (host->catalog_files);
  g_ptr_array_unref (host->catalog_regions);
  g_free (host);
}

gboolean
pc_host_add_catalog (PcHost *host, const char *path, GError **error)
{
  GStrv regions = pc_catalog_check_file (path, error);
  if (regions == NULL)
    return FALSE;
  g_ptr_array_add (host->catalog_files, g_strdup (path));
  g_ptr_array_add (host->catalog_regions, regions);
  return TRUE;
}

const GPtrArray *pc_host_catalog_files (const PcHost *host) { return host->catalog_files; }
const GPtrArray *pc_host_catalog_regions (const PcHost *host) { return host->catalog_regions; }

static char *
module_file_name (const char *name)
{
  return g_strdup_printf ("%s.%s", name, G_MODULE_SUFFIX);
}

char *
pc_host_find (PcHost *host, const char *name, GError **error)
{
  g_autofree char *file = module_file_name (name);
  for (guint i = 0; i < host->dirs->len * 2; i++) {
    const char *dir = host->dirs->pdata[i / 2];
    char *path = i % 2 ? g_build_filename (dir, name, file, NULL) : g_build_filename (dir, file, NULL);
    if (g_file_test (path, G_FILE_TEST_IS_REGULAR))
      return path;
    g_free (path);
  }
  g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_OPEN,
               "no plugin named \"%s\" (looked for %s in --plugin-dir, $PHASECAST_PLUGIN_PATH and %s; "
               "from a build tree, run build/phasecast or `meson devenv`)", name, file, PC_INSTALL_PLUGINDIR);
  return NULL;
}

const PcPlugin *
pc_host_get (PcHost *host, const char *name, GError **error)
{
  PcPlugin *plugin = g_hash_table_lookup (host->loaded, name);
  if (plugin != NULL)
    return plugin;
  g_autofree char *path = pc_host_find (host, name, error);
  plugin = path ? pc_plugin_open (path, error) : NULL;
  if (plugin != NULL)
    g_hash_table_insert (host->loaded, g_strdup (name), plugin);
  return plugin;
}

static const char *const stage_names[] = {
  [PC_STAGE_EDGE] = "edge", [PC_STAGE_INGRESS] = "ingress", [PC_STAGE_COMPUTE] = "compute",
  [PC_STAGE_CACHE] = "cache", [PC_STAGE_PROXY] = "proxy", [PC_STAGE_DATABASE] = "database",
  [PC_STAGE_STORAGE] = "storage", [PC_STAGE_NETWORK] = "network", [PC_STAGE_OBSERVABILITY] = "observability",
  [PC_STAGE_THIRD_PARTY] = "third-party",
};
G_STATIC_ASSERT (G_N_ELEMENTS (stage_names) == PC_STAGE_COUNT);

const char *
pc_stage_name (PcStage stage)
{
  return (guint) stage < PC_STAGE_COUNT ? stage_names[stage] : "unknown";
}

static gint
compare_by_name (gconstpointer a, gconstpointer b)
{
  const PcPlugin *pa = *(const PcPlugin *const *) a, *pb = *(const PcPlugin *const *) b;
  return g_strcmp0 (pa->info->name, pb->info->name);
}

static void
load_dir (PcHost *host, const char *dir, GPtrArray *failures)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *entry;
  g_autofree char *suffix = g_strconcat (".", G_MODULE_SUFFIX, NULL);
  while (handle && (entry = g_dir_read_name (handle)) != NULL) {
    g_autofree char *nested = g_build_filename (dir, entry, NULL);
    gboolean is_dir = g_file_test (nested, G_FILE_TEST_IS_DIR);
    if (!is_dir && !g_str_has_suffix (entry, suffix))
      continue;
    g_autofree char *name = is_dir ? g_strdup (entry) : g_strndup (entry, strlen (entry) - strlen (suffix));
    g_autofree char *inner = g_strconcat (name, suffix, NULL);
    g_autofree char *inner_path = g_build_filename (nested, inner, NULL);
    if (is_dir && !g_file_test (inner_path, G_FILE_TEST_IS_REGULAR))
      continue;
    if (g_hash_table_contains (host->loaded, name))
      continue;   /* an earlier directory wins */
    g_autoptr (GError) error = NULL;
    if (pc_host_get (host, name, &error) == NULL && failures != NULL)
      g_ptr_array_add (failures, g_strdup (error->message));
  }
}

GPtrArray *
pc_host_load_all (PcHost *host, GPtrArray *failures)
{
  for (guint i = 0; i < host->dirs->len; i++)
    load_dir (host, host->dirs->pdata[i], failures);
  GPtrArray *plugins = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, host->loaded);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    g_ptr_array_add (plugins, value);
  g_ptr_array_sort (plugins, compare_by_name);
  return plugins;
}
