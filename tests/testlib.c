/* testlib.c - see testlib.h. */
#include "testlib.h"

#include <glib/gstdio.h>
#include <math.h>
#include <glib/gstdio.h>
#include <sys/wait.h>

PcHost *
pc_test_host (void)
{
  static PcHost *host;
  if (host == NULL)
    host = pc_host_new (NULL);
  return host;
}

guint
pc_test_indicator (const PcModel *model, const char *id)
{
  for (guint i = 0; i < model->n_indicators; i++)
    if (g_str_equal (model->indicators[i].decl->id, id))
      return i;
  g_error ("no indicator \"%s\"", id);
  return 0;
}

/* The catalog of @region as @plugin (nullable) sees it, built once. */
static PcCatalog *
shared_catalog (const char *region, const PcPlugin *plugin)
{
  static GHashTable *catalogs;
  if (catalogs == NULL)
    catalogs = g_hash_table_new (g_str_hash, g_str_equal);
  g_autofree char *key = g_strdup_printf ("%s/%s", region, plugin ? pc_plugin_info (plugin)->name : "");
  PcCatalog *catalog = g_hash_table_lookup (catalogs, key);
  if (catalog == NULL) {
    g_autoptr (GError) error = NULL;
    catalog = pc_host_catalog (pc_test_host (), region, plugin, &error);
    g_assert_no_error (error);
    g_hash_table_insert (catalogs, g_steal_pointer (&key), catalog);
  }
  return catalog;
}

static PcStepResult *
step_over (PcUsage *usage, const char *plugin_name, const char *region, const char *const *sets, GError **error)
{
  const PcPlugin *plugin = pc_host_get (pc_test_host (), plugin_name, error);
  if (plugin == NULL)
    return NULL;
  g_autoptr (PcConfig) config = pc_config_new (pc_plugin_info (plugin), plugin_name);
  if (!pc_usage_apply (usage, config, sets, error))
    return NULL;
  g_autoptr (PcStepResult) result = pc_step_result_new ();
  if (!pc_price_month (plugin, config, shared_catalog (region, plugin), usage, result, error))
    return NULL;
  return g_steal_pointer (&result);
}

PcStepResult *
pc_test_price_error (const char *plugin_name, const char *region, const char *const *sets, GError **error)
{
  g_autoptr (PcUsage) usage = pc_usage_new ();
  return step_over (usage, plugin_name, region, sets, error);
}

PcStepResult *
pc_test_step (PcUsage *usage, const char *plugin, const char *region, const char *const *sets)
{
  g_autoptr (GError) error = NULL;
  PcStepResult *result = step_over (usage, plugin, region, sets, &error);
  g_assert_no_error (error);
  return result;
}

PcStepResult *
pc_test_price (const char *plugin, const char *region, const char *const *sets)
{
  g_autoptr (GError) error = NULL;
  PcStepResult *result = pc_test_price_error (plugin, region, sets, &error);
  g_assert_no_error (error);
  return result;
}

static gboolean
find_line (const PcStepResult *result, const char *name, double *quantity, double *usd)
{
  for (guint i = 0; i < pc_step_result_n_lines (result); i++) {
    const char *item, *unit;
    const PcPrice *price;
    pc_step_result_line (result, i, &item, quantity, &unit, usd, &price);
    if (g_str_equal (item, name))
      return TRUE;
  }
  return FALSE;
}

gboolean
pc_test_has_line (const PcStepResult *result, const char *item)
{
  double q, u;
  return find_line (result, item, &q, &u);
}

double
pc_test_line_usd (const PcStepResult *result, const char *item)
{
  double quantity = 0, usd = 0;
  if (!find_line (result, item, &quantity, &usd))
    g_error ("no line item \"%s\"", item);
  return usd;
}

double
pc_test_line_quantity (const PcStepResult *result, const char *item)
{
  double quantity = 0, usd = 0;
  if (!find_line (result, item, &quantity, &usd))
    g_error ("no line item \"%s\"", item);
  return quantity;
}

double
pc_test_metric (const char *plugin_name, const PcStepResult *result, const char *name)
{
  g_autoptr (GError) error = NULL;
  const PcPlugin *plugin = pc_host_get (pc_test_host (), plugin_name, &error);
  g_assert_no_error (error);
  const PcPluginInfo *info = pc_plugin_info (plugin);
  for (guint m = 0; m < info->n_metrics; m++)
    if (g_str_equal (info->metrics[m].name, name))
      return pc_step_result_metric (result, m);
  g_error ("plugin %s has no metric \"%s\"", plugin_name, name);
  return NAN;
}

double
pc_test_unit_price (const char *region, const char *key)
{
  g_autoptr (GError) error = NULL;
  const PcPrice *price = pc_catalog_price (shared_catalog (region, NULL), key, &error);
  g_assert_no_error (error);
  return pc_price_unit_usd (price);
}

char *
pc_test_data (const char *name)
{
  return g_test_build_filename (G_TEST_DIST, "data", name, NULL);
}

int
pc_test_cli (const char *const *args, char **out, char **err)
{
  return pc_test_cli_in (NULL, args, out, err);
}

int
pc_test_cli_in (const char *cwd, const char *const *args, char **out, char **err)
{
  const char *exe = g_getenv ("PHASECAST_EXE");
  g_assert_nonnull (exe);
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) exe);
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  g_autofree char *stdout_text = NULL, *stderr_text = NULL;
  g_autoptr (GError) error = NULL;
  int wait_status = 0;
  g_assert_true (g_spawn_sync (cwd, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &stdout_text,
                               &stderr_text, &wait_status, &error));
  g_assert_no_error (error);
  if (out)
    *out = g_steal_pointer (&stdout_text);
  if (err)
    *err = g_steal_pointer (&stderr_text);
  if (WIFSIGNALED (wait_status))
    return 128 + WTERMSIG (wait_status);
  return WEXITSTATUS (wait_status);
}

void
pc_test_remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  for (const char *entry; dir && (entry = g_dir_read_name (dir)) != NULL;) {
    g_autofree char *child = g_build_filename (path, entry, NULL);
    if (g_file_test (child, G_FILE_TEST_IS_DIR) && !g_file_test (child, G_FILE_TEST_IS_SYMLINK))
      pc_test_remove_tree (child);
    else
      g_unlink (child);
  }
  g_rmdir (path);
}

/* Writes @scenario and @roadmap (as roadmap.xml beside it) to a temporary
 * folder, builds the model, and removes the files. */
PcModel *
pc_test_model_from_text (const char *scenario, const char *roadmap, PcHost *host)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp (NULL, &error);
  g_assert_no_error (error);
  g_autofree char *spath = g_build_filename (dir, "scenario.xml", NULL);
  g_autofree char *rpath = g_build_filename (dir, "roadmap.xml", NULL);
  g_assert_true (g_file_set_contents (spath, scenario, -1, NULL));
  g_assert_true (g_file_set_contents (rpath, roadmap, -1, NULL));
  PcModel *model = pc_model_new (spath, NULL, host, &error);
  g_assert_no_error (error);
  g_remove (spath), g_remove (rpath), g_rmdir (dir);
  return model;
}

guint
pc_test_each_catalog (PcTestCatalogFunc check, gpointer data)
{
  g_autofree char *dir = pc_find_data_subdir ("pricing");
  g_autoptr (GDir) listing = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (listing);
  guint files = 0;
  for (const char *name; (name = g_dir_read_name (listing));) {
    if (!g_str_has_prefix (name, "aws-") || !g_str_has_suffix (name, ".xml"))
      continue;
    g_autofree char *region = g_strndup (name + 4, strlen (name) - 8);
    g_autofree char *file = g_build_filename (dir, name, NULL);
    check (file, region, data);
    files++;
  }
  return files;
}
