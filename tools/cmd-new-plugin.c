/* cmd-new-plugin.c - `phasecast new-plugin NAME [DIR]`: a small out-of-tree
 * meson project for a new plugin, from the templates installed under
 * share/phasecast/data/templates/plugin (data/templates/plugin in the
 * sources).  Each FILE.in becomes FILE with @NAME@ (the plugin's name),
 * @SYMBOL@ (a C identifier), @KEY@ (its price-key prefix) and @VERSION@
 * (this phasecast's) filled in, and PLUGIN in a file name replaced by NAME.
 * The project is written into a temporary folder beside DIR and renamed
 * into place, so a failure leaves nothing half-written. */
#include "cli.h"

#include <errno.h>
#include <glib/gstdio.h>

#define MAX_NAME 40

/* Lowercase letters, digits and dashes, starting with a letter: a file
 * name, a C identifier and a price key once dashes become underscores. */
static gboolean
valid_name (const char *name)
{
  if (!g_ascii_islower (name[0]) || strlen (name) > MAX_NAME)
    return FALSE;
  for (const char *c = name; *c; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
      return FALSE;
  return name[strlen (name) - 1] != '-';
}

static char *
fill (const char *text, const char *name)
{
  g_autofree char *symbol = g_strdelimit (g_strdup (name), "-", '_');
  GString *out = g_string_new (text);
  g_string_replace (out, "@NAME@", name, 0);
  g_string_replace (out, "@SYMBOL@", symbol, 0);
  g_string_replace (out, "@KEY@", symbol, 0);
  g_string_replace (out, "@VERSION@", PC_VERSION, 0);
  return g_string_free (out, FALSE);
}

static gboolean write_tree (const char *from, const char *to, const char *name, GError **error);

/* One template entry: a folder is copied recursively; FILE.in is filled. */
static gboolean
write_entry (const char *from, const char *to, const char *entry, const char *name, GError **error)
{
  g_autofree char *source = g_build_filename (from, entry, NULL);
  g_autoptr (GString) target_name = g_string_new (entry);
  g_string_replace (target_name, "PLUGIN", name, 0);
  if (g_str_has_suffix (target_name->str, ".in"))
    g_string_truncate (target_name, target_name->len - 3);
  g_autofree char *target = g_build_filename (to, target_name->str, NULL);
  if (g_file_test (source, G_FILE_TEST_IS_DIR)) {
    if (g_mkdir (target, 0755) != 0) {
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", target, g_strerror (errno));
      return FALSE;
    }
    return write_tree (source, target, name, error);
  }
  g_autofree char *text = NULL;
  if (!g_str_has_suffix (entry, ".in") || !g_file_get_contents (source, &text, NULL, error))
    return error == NULL || *error == NULL;   /* not a template: skipped */
  g_autofree char *filled = fill (text, name);
  return g_file_set_contents (target, filled, -1, error);
}

static gboolean
write_tree (const char *from, const char *to, const char *name, GError **error)
{
  g_autoptr (GDir) dir = g_dir_open (from, 0, error);
  if (dir == NULL)
    return FALSE;
  for (const char *entry; (entry = g_dir_read_name (dir)) != NULL;)
    if (!write_entry (from, to, entry, name, error))
      return FALSE;
  return TRUE;
}

/* Removes a folder this command made, after a failure. */
static void
remove_tree (const char *path)
{
  g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
  for (const char *entry; dir && (entry = g_dir_read_name (dir)) != NULL;) {
    g_autofree char *child = g_build_filename (path, entry, NULL);
    if (g_file_test (child, G_FILE_TEST_IS_DIR))
      remove_tree (child);
    else
      g_unlink (child);
  }
  g_rmdir (path);
}

/* DIR must not exist, or be an empty folder (which is then replaced). */
static gboolean
target_free (const char *dir, GError **error)
{
  if (!g_file_test (dir, G_FILE_TEST_EXISTS))
    return TRUE;
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  if (handle != NULL && g_dir_read_name (handle) == NULL)
    return g_rmdir (dir) == 0 || (g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", dir,
                                               g_strerror (errno)), FALSE);
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST, "%s already exists and is not an empty folder; choose another DIR",
               dir);
  return FALSE;
}

/* A NAME a loadable plugin already has would be shadowed by it, or shadow
 * it, wherever both are found: the first match on the search path wins. */
static gboolean
name_free (const char *name, GError **error)
{
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) pc_cli_plugin_dirs);
  g_autofree char *taken = pc_host_find (host, name, NULL);
  if (taken == NULL)
    return TRUE;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_EXIST, "a plugin named %s already exists (%s); choose another NAME",
               name, taken);
  return FALSE;
}

static gboolean
create_project (const char *name, const char *dir, GError **error)
{
  g_autofree char *templates = pc_find_data_subdir ("templates/plugin");
  if (templates == NULL) {
    g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOENT,
                 "cannot find the plugin templates (templates/plugin in the data folder); set PHASECAST_DATA_DIR");
    return FALSE;
  }
  if (!target_free (dir, error))
    return FALSE;
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *scratch = g_build_filename (parent, ".new-plugin-XXXXXX", NULL);
  if (g_mkdtemp (scratch) == NULL) {
    g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", parent, g_strerror (errno));
    return FALSE;
  }
  if (!write_tree (templates, scratch, name, error) || g_rename (scratch, dir) != 0) {
    if (error && *error == NULL)
      g_set_error (error, G_FILE_ERROR, g_file_error_from_errno (errno), "%s: %s", dir, g_strerror (errno));
    remove_tree (scratch);
    return FALSE;
  }
  return TRUE;
}

int
pc_cmd_new_plugin (int argc, char **argv)
{
  const GOptionEntry entries[] = { G_OPTION_ENTRY_NULL };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("NAME [DIR]",
    "Write a new plugin project into DIR (default: ./NAME): the plugin, its price fragment, a test using the "
    "installed test helper, an example scenario and roadmap, and a README.  It builds with the installed SDK alone.",
    entries);
  GError *error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_usage_fail (context, error);
  if (argc < 2 || argc > 3)
    return pc_cli_usage_error (context, "new-plugin takes a NAME and, optionally, a DIR");
  if (!valid_name (argv[1]))
    return pc_cli_usage_error (context, "NAME is up to 40 lowercase letters, digits and dashes, starting with a letter "
                               "and not ending with a dash (it becomes the module's file name)");
  const char *dir = argc == 3 ? argv[2] : argv[1];
  if (!name_free (argv[1], &error) || !create_project (argv[1], dir, &error))
    return pc_cli_fail (error);
  g_print ("%s: a new plugin project for %s (see its README.md)\nnext:\n  cd %s\n"
           "  meson setup build --prefix=$(pkg-config --variable=prefix phasecast-plugin)\n  meson test -C build\n"
           "  phasecast plugins check build/%s.%s\n  phasecast price %s --plugin-dir build --region us-east-1\n",
           dir, argv[1], dir, argv[1], G_MODULE_SUFFIX, argv[1]);
  return 0;
}
