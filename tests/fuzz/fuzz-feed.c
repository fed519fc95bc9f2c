/* fuzz-feed.c - libFuzzer target: the AWS price-feed importer (bulk JSON,
 * bulk CSV and pricing-page JSON, told apart by the first character),
 * through the test feed map for Sydney.  A feed it refuses must say why in
 * one line naming the file; a feed it accepts must write a catalog that
 * loads (pc_feed_import_write checks the written file with the catalog
 * loader), so an import can never take in a price the loader would refuse. */
#include "fuzz-common.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

/* The map is read once: $PHASECAST_FUZZ_FEED_MAP (run.sh sets it to
 * tests/data/feeds/test-map.xml). */
static const PcFeedMap *
feed_map (void)
{
  static PcFeedMap *map;
  if (map == NULL) {
    const char *path = g_getenv ("PHASECAST_FUZZ_FEED_MAP");
    g_autoptr (GError) error = NULL;
    map = path ? pc_feed_map_load (path, &error) : NULL;
    if (map == NULL) {
      fprintf (stderr, "fuzz-feed: set PHASECAST_FUZZ_FEED_MAP to a feed map (%s)\n",
               error ? error->message : "unset");
      abort ();
    }
  }
  return map;
}

static void
write_accepted (PcFeedImport *import)
{
  static char *out;
  if (out == NULL)
    out = g_strdup_printf ("%s/phasecast-fuzz-feed-%d.xml", g_get_tmp_dir (), (int) getpid ());
  g_autoptr (GError) error = NULL;
  if (!pc_feed_import_write (import, out, TRUE, "2026-05-01", &error)) {
    fprintf (stderr, "an accepted feed wrote no catalog: %s\n", error->message);
    abort ();
  }
  g_unlink (out);
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  const char *path = pc_fuzz_input (data, size);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcFeedImport) import = pc_feed_import_new (feed_map (), "ap-southeast-2", &error);
  if (import == NULL)
    abort ();   /* the test map names Sydney */
  gboolean read = pc_feed_import_add_feed (import, path, "fuzz input", &error);
  pc_fuzz_check_refusal (path, read, error);
  if (read)
    write_accepted (import);
  return 0;
}
