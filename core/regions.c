/* regions.c - which regions can be priced: those with a catalog file
 * aws-REGION.xml in the pricing folder.
 *
 * A region name comes from a scenario, a roadmap or --region and becomes
 * part of a file name, so it is checked before that: it must look like a
 * region (lower-case letters, digits and '-') and have a catalog; the
 * refusal lists the regions there are.
 */
#include "pc-private.h"

#define CATALOG_PREFIX "aws-"
#define CATALOG_SUFFIX ".xml"

static int
compare_names (const void *a, const void *b)
{
  return g_strcmp0 (*(char *const *) a, *(char *const *) b);
}

GStrv
pc_regions_list (const char *pricing_dir)
{
  g_autoptr (GStrvBuilder) builder = g_strv_builder_new ();
  g_autoptr (GDir) dir = pricing_dir ? g_dir_open (pricing_dir, 0, NULL) : NULL;
  gsize affixes = strlen (CATALOG_PREFIX CATALOG_SUFFIX);
  for (const char *name; dir && (name = g_dir_read_name (dir)) != NULL;) {
    gsize length = strlen (name);
    if (length > affixes && g_str_has_prefix (name, CATALOG_PREFIX) && g_str_has_suffix (name, CATALOG_SUFFIX)) {
      g_autofree char *region = g_strndup (name + strlen (CATALOG_PREFIX), length - affixes);
      g_strv_builder_add (builder, region);
    }
  }
  GStrv regions = g_strv_builder_end (builder);
  qsort (regions, g_strv_length (regions), sizeof (char *), compare_names);
  return regions;
}

static gboolean
looks_like_region (const char *region)
{
  if (region == NULL || *region == '\0' || strlen (region) > 64)
    return FALSE;
  for (const char *c = region; *c; c++)
    if (!g_ascii_islower (*c) && !g_ascii_isdigit (*c) && *c != '-')
      return FALSE;
  return TRUE;
}

gboolean
pc_region_check (const char *pricing_dir, const char *region, GError **error)
{
  g_auto (GStrv) regions = pc_regions_list (pricing_dir);
  if (looks_like_region (region) && g_strv_contains ((const char *const *) regions, region))
    return TRUE;
  g_autofree char *allowed = pc_allowed_names (region, (const char *const *) regions);
  g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF, "region \"%s\": no price catalog for it in %s; %s",
               region ? region : "", pricing_dir, allowed);
  return FALSE;
}
