/* inputs.c - the files a model was built from, each with its SHA-256, so
 * an export says exactly what it was computed from and shards of one
 * simulation can be told from shards of two (merge.c). */
#include "pc-private.h"

static void
input_file_free (gpointer data)
{
  PcInputFile *file = data;
  g_free (file->role);
  g_free (file->path);
  g_free (file->sha256);
  g_free (file);
}

/* Adds @path unless it is listed already (a catalog shared by regions). */
static gboolean
add_file (GPtrArray *files, const char *role, const char *path, GError **error)
{
  g_autofree char *absolute = g_canonicalize_filename (path, NULL);
  for (guint i = 0; i < files->len; i++)
    if (g_str_equal (((PcInputFile *) files->pdata[i])->path, absolute))
      return TRUE;
  g_autofree char *contents = NULL;
  gsize length = 0;
  if (!g_file_get_contents (path, &contents, &length, error))
    return FALSE;
  PcInputFile *file = g_new0 (PcInputFile, 1);
  file->role = g_strdup (role);
  file->path = g_steal_pointer (&absolute);
  file->sha256 = g_compute_checksum_for_data (G_CHECKSUM_SHA256, (const guchar *) contents, length);
  g_ptr_array_add (files, file);
  return TRUE;
}

GPtrArray *
pc_model_input_files (const PcModel *model, GError **error)
{
  g_autoptr (GPtrArray) files = g_ptr_array_new_with_free_func (input_file_free);
  if (!add_file (files, "scenario", model->scenario->path, error) ||
      !add_file (files, "roadmap", model->roadmap->path, error))
    return NULL;
  g_autoptr (GList) regions = g_hash_table_get_keys (model->catalogs);
  regions = g_list_sort (regions, (GCompareFunc) strcmp);
  for (GList *r = regions; r; r = r->next) {
    const PcCatalog *catalog = g_hash_table_lookup (model->catalogs, r->data);
    for (guint i = 0; i < catalog->files->len; i++)
      if (!add_file (files, "catalog", catalog->files->pdata[i], error))
        return NULL;
  }
  return g_steal_pointer (&files);
}
