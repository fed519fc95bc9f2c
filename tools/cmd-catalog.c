/* cmd-catalog.c - `phasecast catalog`: price catalogs from AWS's own feeds.
 *
 *   phasecast catalog import --map MAP --region R --feed FILE... [--origin TEXT...]
 *                            [--keep CURRENT.xml] [-o OUT.xml] [--force]
 *                            [--diff CURRENT.xml] [--gathered YYYY-MM-DD]
 *   phasecast catalog diff OLD.xml NEW.xml
 *
 * The work is in core/feed-import.c; this file parses arguments and prints.
 * Exit status: 0 done, 1 an input or output failed (one line on stderr),
 * 2 usage error.
 */
#include "cli.h"
#include "feed-import.h"

#include <glib/gstdio.h>
#include <stdio.h>
#include <unistd.h>

typedef struct {
  char *map, *region, *keep, *output, *diff, *gathered;
  char **feeds, **origins;
  gboolean force;
} ImportOptions;

static void
import_options_clear (ImportOptions *options)
{
  g_free (options->map);
  g_free (options->region);
  g_free (options->keep);
  g_free (options->output);
  g_free (options->diff);
  g_free (options->gathered);
  g_strfreev (options->feeds);
  g_strfreev (options->origins);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (ImportOptions, import_options_clear)

static char *
today (void)
{
  g_autoptr (GDateTime) now = g_date_time_new_now_utc ();
  return g_date_time_format (now, "%Y-%m-%d");
}

/* Reads @feeds (each with its origin, when given) into @import. */
static gboolean
add_feeds (PcFeedImport *import, const ImportOptions *options, GError **error)
{
  for (guint i = 0; options->feeds[i]; i++)
    if (!pc_feed_import_add_feed (import, options->feeds[i], options->origins ? options->origins[i] : NULL,
                                  error))
      return FALSE;
  return TRUE;
}

/* Prints the difference between @current and the catalog just written
 * (@written, or the import's temporary copy when it went to stdout). */
static gboolean
print_diff (const char *current, const char *written, FILE *out, GError **error)
{
  g_autoptr (PcCatalog) old_catalog = pc_catalog_new ();
  g_autoptr (PcCatalog) new_catalog = pc_catalog_new ();
  if (!pc_catalog_add_file (old_catalog, current, error) || !pc_catalog_add_file (new_catalog, written, error))
    return FALSE;
  g_autofree char *text = pc_catalog_diff (old_catalog, new_catalog);
  fputs (text, out);
  return TRUE;
}

static gboolean
run_import (const ImportOptions *options, GError **error)
{
  g_autoptr (PcFeedMap) map = pc_feed_map_load (options->map, error);
  if (map == NULL)
    return FALSE;
  g_autoptr (PcFeedImport) import = pc_feed_import_new (map, options->region, error);
  if (import == NULL || !add_feeds (import, options, error))
    return FALSE;
  if (options->keep && !pc_feed_import_keep (import, options->keep, error))
    return FALSE;
  g_autofree char *gathered = options->gathered ? g_strdup (options->gathered) : today ();
  if (options->output == NULL && options->diff != NULL) {
    /* The diff needs a file to load: write one beside nothing, print both. */
    g_autofree char *tmp = g_build_filename (g_get_tmp_dir (), "phasecast-import-XXXXXX.xml", NULL);
    int fd = g_mkstemp (tmp);
    if (fd < 0)
      return FALSE;
    close (fd);
    gboolean ok = pc_feed_import_write (import, tmp, TRUE, gathered, error) &&
                  print_diff (options->diff, tmp, stderr, error);
    g_unlink (tmp);
    return ok && pc_feed_import_write (import, NULL, FALSE, gathered, error);
  }
  if (!pc_feed_import_write (import, options->output, options->force, gathered, error))
    return FALSE;
  if (options->output)
    g_printerr ("phasecast: wrote %s (%u prices from %u feed file(s))\n", options->output,
                pc_feed_import_n_prices (import), g_strv_length (options->feeds));
  return options->diff == NULL || print_diff (options->diff, options->output, stdout, error);
}

static int
cmd_import (int argc, char **argv)
{
  g_auto (ImportOptions) options = { 0 };
  const GOptionEntry entries[] = {
    { "map", 'm', 0, G_OPTION_ARG_FILENAME, &options.map, "Feed map (e.g. data/pricing/feed-map.xml)", "MAP" },
    { "region", 'r', 0, G_OPTION_ARG_STRING, &options.region, "Region code, e.g. ap-southeast-2", "R" },
    { "feed", 'f', 0, G_OPTION_ARG_FILENAME_ARRAY, &options.feeds, "A feed file (JSON or CSV); repeat", "FILE" },
    { "origin", 0, 0, G_OPTION_ARG_STRING_ARRAY, &options.origins,
      "Where the n-th --feed copy came from (repository path @ commit); one per --feed", "TEXT" },
    { "keep", 'k', 0, G_OPTION_ARG_FILENAME, &options.keep,
      "Keep this catalog's prices for keys no feed gives (hand-sourced, derived)", "CURRENT.xml" },
    { "output", 'o', 0, G_OPTION_ARG_FILENAME, &options.output, "Write here (default: standard output)", "OUT.xml" },
    { "force", 0, 0, G_OPTION_ARG_NONE, &options.force, "Replace an existing output file", NULL },
    { "diff", 'd', 0, G_OPTION_ARG_FILENAME, &options.diff, "List added, changed and removed prices against this catalog", "CURRENT.xml" },
    { "gathered", 0, 0, G_OPTION_ARG_STRING, &options.gathered, "The catalog's gathered date (default: today, UTC)", "YYYY-MM-DD" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = g_option_context_new ("- catalog XML from AWS price feeds");
  g_option_context_set_summary (context,
    "Reads AWS Price List offer files (JSON or CSV) or pricing-page feeds for one region and\n"
    "writes catalog XML; which feed product becomes which key is given by the map.");
  g_option_context_add_main_entries (context, entries, NULL);
  GError *error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error)) {
    int status = pc_cli_usage_error (context, error->message);
    g_error_free (error);
    return status;
  }
  if (argc != 1)
    return pc_cli_usage_error (context, "catalog import takes no arguments besides its options");
  if (options.map == NULL || options.region == NULL || options.feeds == NULL)
    return pc_cli_usage_error (context, "--map, --region and at least one --feed are required");
  if (options.origins && g_strv_length (options.origins) != g_strv_length (options.feeds))
    return pc_cli_usage_error (context, "give --origin once for every --feed, or not at all");
  if (!run_import (&options, &error))
    return pc_cli_fail (error);
  return 0;
}

static int
cmd_diff (int argc, char **argv)
{
  g_autoptr (GOptionContext) context = g_option_context_new ("OLD.xml NEW.xml - compare two catalogs");
  GError *error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error)) {
    int status = pc_cli_usage_error (context, error->message);
    g_error_free (error);
    return status;
  }
  if (argc != 3)
    return pc_cli_usage_error (context, "catalog diff takes two catalog files");
  if (!print_diff (argv[1], argv[2], stdout, &error))
    return pc_cli_fail (error);
  return 0;
}

int
pc_cmd_catalog (int argc, char **argv)
{
  if (argc >= 2 && g_str_equal (argv[1], "import"))
    return cmd_import (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "diff"))
    return cmd_diff (argc - 1, argv + 1);
  if (argc >= 2 && g_str_equal (argv[1], "audit"))
    return pc_cmd_catalog_audit (argc - 1, argv + 1);
  FILE *out = argc >= 2 && (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h")) ? stdout : stderr;
  fprintf (out, "Usage: phasecast catalog import|diff|audit [OPTIONS...]\n\n"
                "  import   catalog XML from AWS price feeds (see `phasecast catalog import --help`)\n"
                "  diff     added, changed and removed prices between two catalogs\n"
                "  audit    every price's source, date and age; prices a plugin needs that a region lacks\n");
  return out == stdout ? 0 : 2;
}
