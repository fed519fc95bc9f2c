/* The plugin host refuses every broken module of tests/plugins/bad, each
 * with its own error code and a message naming the file. */
#include "testlib.h"

typedef struct { const char *file; gint code; const char *words; } BadCase;

static const BadCase cases[] = {
  { "no-symbol", PC_PLUGIN_ERROR_NO_ENTRY, "no pc_plugin_get_info" },
  { "null-info", PC_PLUGIN_ERROR_INVALID_INFO, "returned NULL" },
  { "abi-mismatch", PC_PLUGIN_ERROR_ABI, "rebuild it" },
  { "api-too-new", PC_PLUGIN_ERROR_API, "upgrade phasecast" },
  { "empty-summary", PC_PLUGIN_ERROR_INVALID_INFO, "summary" },
  { "null-step", PC_PLUGIN_ERROR_INVALID_INFO, "step" },
  { "bad-stage", PC_PLUGIN_ERROR_INVALID_INFO, "stage" },
  { "bad-param-default", PC_PLUGIN_ERROR_INVALID_INFO, "lots" },
  { "duplicate-param", PC_PLUGIN_ERROR_INVALID_INFO, "twice" },
  { "wrong-name", PC_PLUGIN_ERROR_NAME, "somebody-else" },
};

static void
test_refused (gconstpointer data)
{
  const BadCase *c = data;
  g_autofree char *file = g_strdup_printf ("%s.%s", c->file, G_MODULE_SUFFIX);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "plugins", "bad", file, NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcPlugin) plugin = pc_plugin_open (path, &error);
  g_assert_null (plugin);
  g_assert_error (error, PC_PLUGIN_ERROR, c->code);
  g_assert_nonnull (strstr (error->message, path));
  g_assert_nonnull (strstr (error->message, c->words));
}

static void
test_not_a_module (void)
{
  g_autofree char *path = pc_test_data ("not-a-plugin.so");
  g_autoptr (GError) error = NULL;
  g_autoptr (PcPlugin) plugin = pc_plugin_open (path, &error);
  g_assert_null (plugin);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_OPEN);
}

static void
test_search_path (void)
{
  g_test_summary ("A plugin is found in a --plugin-dir directory, and an unknown name is an error naming it");
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "plugins", "fixed-cost", NULL);
  const char *dirs[] = { dir, NULL };
  g_autoptr (PcHost) host = pc_host_new (dirs);
  g_autoptr (GError) error = NULL;
  const PcPlugin *plugin = pc_host_get (host, "fixed-cost", &error);
  g_assert_no_error (error);
  g_assert_cmpstr (pc_plugin_info (plugin)->name, ==, "fixed-cost");
  g_assert_null (pc_host_get (host, "no-such-plugin", &error));
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_OPEN);
  g_assert_nonnull (strstr (error->message, "no-such-plugin"));
}

static void
test_config_checks (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "plugins", "fixed-cost", NULL);
  const char *dirs[] = { dir, NULL };
  g_autoptr (PcHost) host = pc_host_new (dirs);
  const PcPlugin *plugin = pc_host_get (host, "fixed-cost", NULL);
  g_autoptr (PcConfig) config = pc_config_new (pc_plugin_info (plugin), "svc");
  g_autoptr (GError) error = NULL;
  g_assert_true (pc_config_set_assignment (config, "base_usd=12.5", &error));
  g_assert_cmpfloat (pc_config_double (config, 0), ==, 12.5);
  g_assert_false (pc_config_set (config, "base_usd", "-1", &error));
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_false (pc_config_set (config, "level_from_month", "2.5", &error));
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_clear_error (&error);
  g_assert_false (pc_config_set (config, "colour", "red", &error));
  g_assert_nonnull (strstr (error->message, "base_usd"));   /* lists what exists */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *name = g_strdup_printf ("/plugin/load/%s", cases[i].file);
    g_test_add_data_func (name, &cases[i], test_refused);
  }
  g_test_add_func ("/plugin/load/not-a-module", test_not_a_module);
  g_test_add_func ("/plugin/load/search-path", test_search_path);
  g_test_add_func ("/plugin/config/checks", test_config_checks);
  return g_test_run ();
}
