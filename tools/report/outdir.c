/* outdir.c - a folder of results appears whole or not at all.
 *
 * Everything is written into a new hidden folder beside the target (same
 * file system, so renaming is cheap and atomic), then renamed into place.
 * A target that exists must be empty, unless the caller forces it: the old
 * folder is then renamed aside first and removed only once the new one is
 * in place.  If anything fails, the new folder is removed and the target
 * is left as it was.  Removal never follows symbolic links.
 */
#include "pc-report-dir.h"

#include <errno.h>
#include <gio/gio.h>
#include <glib/gstdio.h>

/* Removes @path and, for a real folder, everything in it. */
static void
remove_tree (const char *path)
{
  GStatBuf info;
  if (g_lstat (path, &info) != 0)
    return;
  if (S_ISDIR (info.st_mode)) {
    g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
    const char *name;
    while (dir && (name = g_dir_read_name (dir)) != NULL) {
      g_autofree char *child = g_build_filename (path, name, NULL);
      remove_tree (child);
    }
    g_rmdir (path);
  } else {
    g_unlink (path);
  }
}

/* TRUE when @dir does not exist or is an empty folder, or may be replaced. */
static gboolean
target_usable (const char *dir, gboolean force, gboolean *exists, GError **error)
{
  GStatBuf info;
  *exists = g_stat (dir, &info) == 0;
  if (!*exists)
    return TRUE;
  if (!S_ISDIR (info.st_mode)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_DIRECTORY, "%s: exists and is not a folder", dir);
    return FALSE;
  }
  g_autoptr (GDir) listing = g_dir_open (dir, 0, error);
  if (listing == NULL)
    return FALSE;
  if (g_dir_read_name (listing) != NULL && !force) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS,
                 "%s: exists and is not empty; allowed: a new or empty folder, or --force to replace it", dir);
    return FALSE;
  }
  return TRUE;
}

static gboolean
rename_or_fail (const char *from, const char *to, GError **error)
{
  if (g_rename (from, to) == 0)
    return TRUE;
  int saved = errno;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: cannot be renamed to %s: %s", from, to,
               g_strerror (saved));
  return FALSE;
}

/* Moves @folder into @dir's place; an existing @dir goes aside first. */
static gboolean
swap_into_place (const char *folder, const char *dir, gboolean exists, const char *aside_template, GError **error)
{
  if (!exists)
    return rename_or_fail (folder, dir, error);
  g_autofree char *aside = g_strdup (aside_template);
  if (g_mkdtemp (aside) == NULL) {
    int saved = errno;
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: %s", aside_template, g_strerror (saved));
    return FALSE;
  }
  if (!rename_or_fail (dir, aside, error)) {   /* a folder replaces an empty one */
    g_rmdir (aside);
    return FALSE;
  }
  if (!rename_or_fail (folder, dir, error)) {
    g_rename (aside, dir);
    return FALSE;
  }
  remove_tree (aside);
  return TRUE;
}

gboolean
pc_outdir_replace (const char *dir, gboolean force, PcOutdirFill fill, gpointer data, GError **error)
{
  gboolean exists;
  if (!target_usable (dir, force, &exists, error))
    return FALSE;
  g_autofree char *parent = g_path_get_dirname (dir);
  g_autofree char *base = g_path_get_basename (dir);
  g_autofree char *template = g_strdup_printf ("%s/.%s.new-XXXXXX", parent, base);
  g_autofree char *aside = g_strdup_printf ("%s/.%s.old-XXXXXX", parent, base);
  if (g_mkdtemp_full (template, 0755) == NULL) {
    int saved = errno;
    g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved), "%s: cannot create a folder there: %s", parent,
                 g_strerror (saved));
    return FALSE;
  }
  if (!fill (template, data, error) || !swap_into_place (template, dir, exists, aside, error)) {
    remove_tree (template);
    return FALSE;
  }
  return TRUE;
}
