/* regions.c - a region name is checked before it becomes part of a file
 * name (data/pricing/aws-REGION.xml): it comes from a scenario, a roadmap
 * or --region, and "../../somewhere" must not read another file.  Which
 * regions have prices is prices.c's to say (pc_shipped_regions). */
#include "pc-private.h"

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
pc_region_check_name (const char *region, GError **error)
{
  if (looks_like_region (region))
    return TRUE;
  g_auto (GStrv) shipped = pc_shipped_regions ();
  g_autofree char *known = g_strjoinv (", ", shipped);
  g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF,
               "region \"%s\": not a region name; allowed: lower-case letters, digits and '-' (the shipped catalogs "
               "cover: %s)", region ? region : "", *known ? known : "none");
  return FALSE;
}
