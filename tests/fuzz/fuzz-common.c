/* fuzz-common.c - the input file and the refusal oracle of the fuzz
 * targets.  The loaders read files, so each input is written to one file
 * per process (in $TMPDIR) and loaded from there. */
#include "fuzz-common.h"

#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

const char *
pc_fuzz_input (const uint8_t *data, size_t size)
{
  static char *path;
  if (path == NULL)
    path = g_strdup_printf ("%s/phasecast-fuzz-%d.xml", g_get_tmp_dir (), (int) getpid ());
  FILE *file = fopen (path, "wb");
  if (file == NULL || fwrite (data, 1, size, file) != size || fclose (file) != 0)
    abort ();
  return path;
}

void
pc_fuzz_check_refusal (const char *path, gboolean loaded, const GError *error)
{
  if (loaded)
    return;
  if (error == NULL || error->message == NULL || !g_str_has_prefix (error->message, path) ||
      strchr (error->message, '\n') != NULL) {
    fprintf (stderr, "refusal without a one-line message naming the file: %s\n",
             error && error->message ? error->message : "(no error)");
    abort ();
  }
}
