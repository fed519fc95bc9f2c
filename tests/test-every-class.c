/* test-every-class.c - every instance class and node type each Region's
 * catalog prices is one `phasecast price` can pick, and a month of it costs
 * 730 hours at the hourly rate the catalog file holds (read here from the
 * file itself, as AWS's feed gave it), in all twelve Regions:
 *   rds.postgres.<class>.single_az_hour and .multi_az_hour (rds-postgres,
 *   multi_az false and true), aurora.postgres.<class>.hour (aurora-postgres,
 *   one instance), elasticache.redis.<node>.hour (elasticache, one node).
 * Catalog keys write a class's dots as underscores (db.r6g.large is
 * db_r6g_large). */
#include "testlib.h"

#include <libxml/parser.h>

typedef struct {
  const char *pattern;   /* key, with (\w+) the class */
  const char *plugin, *setting, *extra, *line;
} ClassKind;

static const ClassKind kinds[] = {
  { "^rds\\.postgres\\.(db_[a-z0-9_]+)\\.single_az_hour$", "rds-postgres", "instance_class", "multi_az=false",
    "instance-hours" },
  { "^rds\\.postgres\\.(db_[a-z0-9_]+)\\.multi_az_hour$", "rds-postgres", "instance_class", "multi_az=true",
    "Multi-AZ instance-hours" },
  { "^aurora\\.postgres\\.(db_[a-z0-9_]+)\\.hour$", "aurora-postgres", "instance_class", "instances=1",
    "instance-hours (writer + readers)" },
  { "^elasticache\\.redis\\.(cache_[a-z0-9_]+)\\.hour$", "elasticache", "node_type", "nodes=1", "node-hours" },
};

/* Checks one catalog price against its month; TRUE when @key is a class's. */
static gboolean
check_price (const char *region, const char *key, double usd, GRegex *const *patterns)
{
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++) {
    g_autoptr (GMatchInfo) match = NULL;
    if (!g_regex_match (patterns[k], key, 0, &match))
      continue;
    g_autofree char *underscored = g_match_info_fetch (match, 1);
    g_autofree char *name = g_strdelimit (g_strdup (underscored), "_", '.');
    g_autofree char *setting = g_strdup_printf ("%s=%s", kinds[k].setting, name);
    const char *sets[] = { setting, kinds[k].extra, NULL };
    g_autoptr (PcStepResult) r = pc_test_price (kinds[k].plugin, region, sets);
    double month = pc_test_line_usd (r, kinds[k].line);
    if (fabs (month - 730 * usd) > 1e-9 * MAX (1.0, 730 * usd))
      g_error ("%s %s %s: %.6f a month, expected 730 x %g", region, kinds[k].plugin, name, month, usd);
    return TRUE;
  }
  return FALSE;
}

/* Every class price of @file; returns how many. */
static guint
check_catalog (const char *file, const char *region, GRegex *const *patterns)
{
  xmlDoc *doc = xmlReadFile (file, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  guint checked = 0;
  for (xmlNode *node = xmlDocGetRootElement (doc)->children; node; node = node->next) {
    xmlChar *key = xmlGetProp (node, (const xmlChar *) "key"), *usd = xmlGetProp (node, (const xmlChar *) "usd");
    if (key && usd && check_price (region, (const char *) key, g_ascii_strtod ((const char *) usd, NULL), patterns))
      checked++;
    xmlFree (key), xmlFree (usd);
  }
  xmlFreeDoc (doc);
  return checked;
}

typedef struct {
  GRegex *patterns[G_N_ELEMENTS (kinds)];
  guint prices;
} Census;

static void
check_file (const char *file, const char *region, gpointer data)
{
  Census *census = data;
  guint n = check_catalog (file, region, census->patterns);
  g_assert_cmpuint (n, >, 100);
  census->prices += n;
}

static void
test_every_class (void)
{
  g_test_summary ("In each of the twelve Regions, every RDS PostgreSQL (Single- and Multi-AZ), Aurora PostgreSQL and"
                  " ElastiCache class its catalog prices is accepted, and a month is 730 x the file's hourly rate");
  Census census = { { NULL }, 0 };
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    census.patterns[k] = g_regex_new (kinds[k].pattern, 0, 0, NULL);
  guint files = pc_test_each_catalog (check_file, &census);
  for (guint k = 0; k < G_N_ELEMENTS (kinds); k++)
    g_regex_unref (census.patterns[k]);
  g_test_message ("%u class prices in %u catalogs", census.prices, files);
  g_assert_cmpuint (files, ==, 12);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/classes/every-class-every-region", test_every_class);
  return g_test_run ();
}
