/* `phasecast new-plugin NAME [DIR]`: the project it writes (every template
 * filled in, the fragment valid), what it refuses (a bad NAME, a DIR in
 * use, missing templates) without writing anything; and the example
 * scenario of the generated plugin (built in tests/scaffold) runs with
 * prices from the plugin's fragment alone. */
#include "testlib.h"

#include <glib/gstdio.h>
#include <json-glib/json-glib.h>

static const char *const written[] = {
  "meson.build", "my-queue.c", "my-queue.prices.xml", "test-my-queue.c", "README.md", "example/roadmap.xml",
  "example/scenario.xml",
};

static void
assert_filled (const char *dir, const char *file)
{
  g_autofree char *path = g_build_filename (dir, file, NULL);
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  const char *placeholders[] = { "@NAME@", "@SYMBOL@", "@KEY@", "@VERSION@" };
  for (guint i = 0; i < G_N_ELEMENTS (placeholders); i++)
    g_assert_null (strstr (text, placeholders[i]));
}

static void
test_writes_project (void)
{
  g_test_summary ("new-plugin writes every file with the name filled in; its fragment validates");
  g_autofree char *tmp = g_dir_make_tmp ("new-plugin-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (tmp, "my-queue", NULL);
  g_autofree char *out = NULL;
  const char *args[] = { "new-plugin", "my-queue", dir, NULL };
  g_assert_cmpint (pc_test_cli (args, &out, NULL), ==, 0);
  for (guint i = 0; i < G_N_ELEMENTS (written); i++)
    assert_filled (dir, written[i]);
  g_autofree char *source = g_build_filename (dir, "my-queue.c", NULL), *text = NULL;
  g_assert_true (g_file_get_contents (source, &text, NULL, NULL));
  g_assert_nonnull (strstr (text, ".name = \"my-queue\""));
  g_assert_nonnull (strstr (text, "my_queue_create (const PcConfig *config"));
  g_autofree char *fragment = g_build_filename (dir, "my-queue.prices.xml", NULL);
  g_autoptr (GError) error = NULL;
  g_auto (GStrv) regions = pc_catalog_check_file (fragment, &error);
  g_assert_no_error (error);
  const char *expected[] = { "us-east-1", NULL };
  g_assert_true (g_strv_equal ((const char *const *) regions, expected));
  g_autoptr (PcCatalog) catalog = pc_catalog_new ();
  g_assert_true (pc_catalog_add_file (catalog, fragment, &error));
  /* The fragment's tiers: a free million, then $0.40, $0.30, $0.24 per million. */
  const PcPrice *price = pc_catalog_price (catalog, "my_queue.standard.request", &error);
  g_assert_no_error (error);
  pc_assert_usd (pc_price_cost (price, 3e6, 24), 2e6 * 0.40 / 1e6);
  pc_test_remove_tree (tmp);
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* The names of @dir's entries, sorted, joined by spaces. */
static char *
listing (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  for (const char *entry; handle && (entry = g_dir_read_name (handle)) != NULL;)
    g_ptr_array_add (names, g_strdup (entry));
  g_ptr_array_sort (names, compare_names);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static void
test_refuses (void)
{
  g_test_summary ("A bad NAME is a usage error; a DIR in use is refused in one line and left as it was");
  g_autofree char *tmp = g_dir_make_tmp ("new-plugin-XXXXXX", NULL);
  const char *bad_names[] = { "My_Queue", "-queue", "queue-", "9lives", "" };
  for (guint i = 0; i < G_N_ELEMENTS (bad_names); i++) {
    const char *args[] = { "new-plugin", bad_names[i], tmp, NULL };
    g_assert_cmpint (pc_test_cli (args, NULL, NULL), ==, 2);
  }
  g_autofree char *keep = g_build_filename (tmp, "notes.txt", NULL);
  g_assert_true (g_file_set_contents (keep, "mine", -1, NULL));
  g_autofree char *err = NULL;
  const char *args[] = { "new-plugin", "queue", tmp, NULL };
  g_assert_cmpint (pc_test_cli (args, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "already exists and is not an empty folder"));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);   /* one line */
  g_autofree char *after = listing (tmp);
  g_assert_cmpstr (after, ==, "notes.txt");   /* nothing added, no temporary folder left */
  pc_test_remove_tree (tmp);
}

/* new-plugin NAME with @extra arguments refuses NAME in one line naming
 * @where, and writes nothing. */
static void
assert_name_taken (const char *name, const char *where, const char *const *extra)
{
  g_autofree char *tmp = g_dir_make_tmp ("new-plugin-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (tmp, name, NULL), *err = NULL;
  g_autoptr (GPtrArray) args = g_ptr_array_new ();
  const char *fixed[] = { "new-plugin", name, dir };
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (args, (gpointer) fixed[i]);
  for (guint i = 0; extra[i]; i++)
    g_ptr_array_add (args, (gpointer) extra[i]);
  g_ptr_array_add (args, NULL);
  g_assert_cmpint (pc_test_cli ((const char *const *) args->pdata, NULL, &err), ==, 1);
  g_autofree char *expected = g_strdup_printf ("phasecast: a plugin named %s already exists (", name);
  g_assert_true (g_str_has_prefix (err, expected));
  g_autofree char *file = g_strdup_printf ("%s.%s); choose another NAME\n", where, G_MODULE_SUFFIX);
  g_assert_true (g_str_has_suffix (err, file));
  g_assert_true (strchr (err, '\n') == err + strlen (err) - 1);   /* one line */
  g_autofree char *after = listing (tmp);
  g_assert_cmpstr (after, ==, "");   /* nothing written */
  pc_test_remove_tree (tmp);
}

static void
test_name_taken (void)
{
  g_test_summary ("A NAME a loadable plugin already has (in-tree or installed, or in --plugin-dir) is refused, "
                  "naming where it was found");
  const char *none[] = { NULL };
  assert_name_taken ("ecs-fargate", "/plugins/ecs-fargate/ecs-fargate", none);
  g_autofree char *scaffold = g_test_build_filename (G_TEST_BUILT, "scaffold", NULL);
  const char *plugin_dir[] = { "--plugin-dir", scaffold, NULL };
  g_autofree char *where = g_build_filename (scaffold, "scaffold-demo", NULL);
  assert_name_taken ("scaffold-demo", where, plugin_dir);
}

static void
test_no_templates (void)
{
  g_test_summary ("Without templates new-plugin says where it looked and writes nothing");
  g_autofree char *tmp = g_dir_make_tmp ("new-plugin-XXXXXX", NULL);
  g_autofree char *data = g_strdup (g_getenv ("PHASECAST_DATA_DIR"));
  g_autofree char *dir = g_build_filename (tmp, "queue", NULL), *err = NULL;
  g_setenv ("PHASECAST_DATA_DIR", tmp, TRUE);
  const char *args[] = { "new-plugin", "queue", dir, NULL };
  int status = pc_test_cli (args, NULL, &err);
  g_setenv ("PHASECAST_DATA_DIR", data, TRUE);
  g_assert_cmpint (status, ==, 1);
  g_assert_nonnull (strstr (err, "cannot find the plugin templates"));
  g_assert_false (g_file_test (dir, G_FILE_TEST_EXISTS));
  pc_test_remove_tree (tmp);
}

/* Runs the example scenario in @dir with the plugins of @dir. */
static int
run_example (const char *dir, char **out, char **err)
{
  g_autofree char *scenario = g_build_filename (dir, "scenario.xml", NULL);
  const char *args[] = { "run", scenario, "--runs", "20", "--format", "json", "--plugin-dir", dir, NULL };
  return pc_test_cli (args, out, err);
}

/* A private copy of the generated plugin and its example (other tests use
 * the originals at the same time). */
static char *
copy_scaffold (void)
{
  g_autofree char *from = g_test_build_filename (G_TEST_BUILT, "scaffold", NULL);
  char *to = g_dir_make_tmp ("scaffold-XXXXXX", NULL);
  g_autofree char *module = g_strdup_printf ("scaffold-demo.%s", G_MODULE_SUFFIX);
  const char *files[] = { module, "scaffold-demo.prices.xml", "scenario.xml", "roadmap.xml" };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++) {
    g_autofree char *source = g_build_filename (from, files[i], NULL), *target = g_build_filename (to, files[i], NULL);
    g_autofree char *bytes = NULL;
    gsize length = 0;
    g_assert_true (g_file_get_contents (source, &bytes, &length, NULL));
    g_assert_true (g_file_set_contents (target, bytes, (gssize) length, NULL));
  }
  return to;
}

static void
test_example_runs (void)
{
  g_test_summary ("The generated example runs with the plugin's fragment as its only price, and fails without it");
  g_autofree char *dir = copy_scaffold ();
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint (run_example (dir, &out, &err), ==, 0);
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  JsonArray *phases = json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "phases");
  JsonObject *batched = json_array_get_object_element (phases, 1);
  g_assert_cmpstr (json_object_get_string_member (batched, "id"), ==, "batched");
  g_assert_cmpfloat (json_object_get_double_member (batched, "reached_probability"), >, 0.0);
  /* Without the fragment the only price the plugin reads is gone. */
  g_autofree char *fragment = g_build_filename (dir, "scaffold-demo.prices.xml", NULL);
  g_assert_cmpint (g_unlink (fragment), ==, 0);
  g_clear_pointer (&err, g_free);
  g_assert_cmpint (run_example (dir, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "has no price \"scaffold_demo.standard.request\""));
  pc_test_remove_tree (dir);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/new-plugin/writes-project", test_writes_project);
  g_test_add_func ("/new-plugin/refuses", test_refuses);
  g_test_add_func ("/new-plugin/name-taken", test_name_taken);
  g_test_add_func ("/new-plugin/no-templates", test_no_templates);
  g_test_add_func ("/new-plugin/example-runs", test_example_runs);
  return g_test_run ();
}
