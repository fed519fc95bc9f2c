/* paths.c - where data files live: $PHASECAST_DATA_DIR, then the install
 * prefix.  Nothing points into the build or source tree, so an installed
 * phasecast reads only installed data; the test environment, `meson devenv`
 * and the uninstalled wrapper (build/phasecast) set PHASECAST_DATA_DIR to
 * the source tree instead. */
#include "pc-private.h"

#include "pc-config.h"

/* Returns: (transfer full) (nullable): the first existing @subdir. */
char *
pc_find_data_subdir (const char *subdir)
{
  const char *candidates[] = { g_getenv ("PHASECAST_DATA_DIR"), PC_INSTALL_DATADIR };
  for (guint i = 0; i < G_N_ELEMENTS (candidates); i++) {
    if (candidates[i] == NULL || *candidates[i] == '\0')
      continue;
    char *path = g_build_filename (candidates[i], subdir, NULL);
    if (g_file_test (path, G_FILE_TEST_IS_DIR))
      return path;
    g_free (path);
  }
  return NULL;
}
