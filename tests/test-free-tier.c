/* Free tiers per account: an allowance is one pool per account per month,
 * shared by every component that draws on it in pipeline order, and its
 * volume tiers are the account's too; --free-tier none (or used) charges
 * every free band at the first paid rate after it (list prices).
 *
 * The price: Sydney's data_transfer.internet_out.gb (data/pricing/
 * aws-ap-southeast-2.xml): the first 100 GB a month free (AWS's allowance
 * across all services), then $0.114/GB to 10 TB (10,240 GB), then $0.098. */
#include "testlib.h"

#include "pc-private.h"

#include <libxml/parser.h>

static PcCatalog *
sydney (void)
{
  g_autoptr (GError) error = NULL;
  PcCatalog *catalog = pc_host_catalog (pc_test_host (), "ap-southeast-2", NULL, &error);
  g_assert_no_error (error);
  return catalog;
}

static const PcPrice *
egress (PcCatalog *catalog)
{
  g_autoptr (GError) error = NULL;
  const PcPrice *price = pc_catalog_price (catalog, "data_transfer.internet_out.gb", &error);
  g_assert_no_error (error);
  return price;
}

/* Charges @gb of egress into a result drawing on @pool (one allowance). */
static double
charge (const PcPrice *price, double *pool, double gb)
{
  g_autoptr (PcStepResult) r = pc_step_result_new ();
  pc_step_result_reset (r, 0);
  r->pool_used = pool;
  PcStepContext ctx = { 0, 24, PC_HOURS_PER_MONTH, NULL, NULL, NULL };
  return pc_result_charge (r, "egress", price, gb, &ctx);
}

static void
test_pool_shared (void)
{
  g_test_summary ("Two components send 80 GB each in one month: the first uses 80 of the 100 free GB, the second"
                  " gets the last 20 free and pays 60 x $0.114 = $6.84; priced alone, each would be free");
  g_autoptr (PcCatalog) catalog = sydney ();
  const PcPrice *price = egress (catalog);
  g_assert_cmpint (price->pool, ==, -1);   /* the model numbers pools; give it one here */
  ((PcPrice *) price)->pool = 0;
  double pool[1] = { 0 };
  pc_assert_usd (charge (price, pool, 80), 0.0);
  pc_assert_usd (charge (price, pool, 80), 60 * 0.114);
  g_assert_cmpfloat (pool[0], ==, 160);
  pc_assert_usd (pc_price_cost (price, 80, 24), 0.0);
}

static void
test_pool_volume_tiers (void)
{
  g_test_summary ("The account has used 10,000 GB this month; 500 GB more cross the 10 TB band: (10,240 - 10,000)"
                  " x $0.114 + (10,500 - 10,240) x $0.098 = $27.36 + $25.48 = $52.84");
  g_autoptr (PcCatalog) catalog = sydney ();
  const PcPrice *price = egress (catalog);
  ((PcPrice *) price)->pool = 0;
  double pool[1] = { 10000 };
  pc_assert_usd (charge (price, pool, 500), 240 * 0.114 + 260 * 0.098);
  pc_assert_usd (pc_price_cost_after (price, 0, 10500, 24), (10240 - 100) * 0.114 + 260 * 0.098);
}

static void
test_list_prices (void)
{
  g_test_summary ("Without free tiers, 80 GB cost 80 x $0.114 = $9.12 and a million Lambda requests 1,000,000 x"
                  " $0.0000002 = $0.20, whose first million is otherwise free");
  g_autoptr (PcCatalog) catalog = sydney ();
  g_autoptr (GError) error = NULL;
  const PcPrice *requests = pc_catalog_price (catalog, "lambda.free_tier.request", &error);   /* 1M always free */
  g_assert_no_error (error);
  pc_catalog_use_free_tiers (catalog, FALSE);
  double pool[1] = { 0 };
  pc_assert_usd (charge (egress (catalog), NULL, 80), 80 * 0.114);
  pc_assert_usd (pc_price_cost (requests, 1e6, 24), 1e6 * 0.0000002);
  pc_assert_usd (pc_price_free_quantity (egress (catalog), 24), 0.0);
  pc_catalog_use_free_tiers (catalog, TRUE);
  pc_assert_usd (charge (egress (catalog), pool, 80), 0.0);
  pc_assert_usd (pc_price_cost (requests, 1e6, 24), 0.0);
}

static void
test_cli (void)
{
  g_test_summary ("phasecast price data-transfer --set egress_gb=80: $0.00 by default, $9.12 with --free-tier none"
                  " and with --free-tier used; another mode is a usage error");
  const char *account[] = { "price", "data-transfer", "--set", "egress_gb=80", "--format", "json", NULL };
  const char *none[] = { "price", "data-transfer", "--set", "egress_gb=80", "--free-tier", "none", NULL };
  const char *used[] = { "price", "data-transfer", "--set", "egress_gb=80", "--free-tier", "used", NULL };
  const char *bad[] = { "price", "data-transfer", "--free-tier", "some", NULL };
  g_autofree char *a = NULL, *n = NULL, *u = NULL, *b = NULL, *err = NULL;
  g_assert_cmpint (pc_test_cli (account, &a, NULL), ==, 0);
  g_assert_nonnull (strstr (a, "\"total_usd\" : 0"));
  g_assert_cmpint (pc_test_cli (none, &n, NULL), ==, 0);
  g_assert_nonnull (strstr (n, "9.1200"));
  g_assert_cmpint (pc_test_cli (used, &u, NULL), ==, 0);
  g_assert_nonnull (strstr (u, "9.1200"));
  g_assert_cmpint (pc_test_cli (bad, &b, &err), ==, 2);
  g_assert_nonnull (strstr (err, "--free-tier is account, used or none"));
}

static void
test_run_modes (void)
{
  g_test_summary ("The baseline's MVP draws on free tiers (CloudFront, Cognito, CloudWatch Logs, SES...): with"
                  " free-tier none every month costs at least as much and v1.0 strictly more");
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "..", "scenarios", "baseline.xml", NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) model = pc_model_new (path, NULL, pc_test_host (), &error);
  g_assert_no_error (error);
  PcSimulateOptions options = { .runs = 20, .threads = 1 };
  g_autoptr (PcReport) with = pc_simulate (model, &options, &error);
  g_assert_no_error (error);
  pc_model_set_free_tier (model, PC_FREE_TIER_NONE);
  g_autoptr (PcReport) without = pc_simulate (model, &options, &error);
  g_assert_no_error (error);
  g_assert_cmpfloat (without->phases[0].median_cost_usd, >, with->phases[0].median_cost_usd + 0.01);
  for (guint m = 0; m < with->median_run->n_months; m++)
    g_assert_cmpfloat (without->months[m].cost_usd.p50, >=, with->months[m].cost_usd.p50 - 1e-9);
}

/* A price's tiers as its catalog file writes them. */
typedef struct { double upto, usd; gboolean free; } FileTier;

static double
attr_double (const xmlNode *node, const char *name, double otherwise)
{
  xmlChar *text = xmlGetProp (node, (const xmlChar *) name);
  double value = text ? g_ascii_strtod ((const char *) text, NULL) : otherwise;
  xmlFree (text);
  return value;
}

/* Band @i's list rate: a free band at the first paid rate after it. */
static double
list_rate (const FileTier *tiers, guint n, guint i)
{
  for (guint j = i; j < n; j++)
    if (!tiers[j].free)
      return tiers[j].usd;
  return 0;
}

/* The list price of the first free band's whole allowance, walked from the
 * file's tiers. */
static double
list_price_of_allowance (const FileTier *tiers, guint n, double *allowance)
{
  guint first_free = 0;
  while (!tiers[first_free].free)
    first_free++;
  *allowance = tiers[first_free].upto;
  double cost = 0, below = 0;
  for (guint i = 0; i <= first_free; i++) {
    cost += (tiers[i].upto - below) * list_rate (tiers, n, i);
    below = tiers[i].upto;
  }
  return cost;
}

/* Checks every price of @file with a free band: free with the allowances,
 * the list price without; returns how many it checked. */
static guint
check_catalog_file (const char *file, const char *region)
{
  g_autoptr (PcCatalog) catalog = NULL;
  g_autoptr (GError) error = NULL;
  catalog = pc_host_catalog (pc_test_host (), region, NULL, &error);
  g_assert_no_error (error);
  xmlDoc *doc = xmlReadFile (file, NULL, XML_PARSE_NONET);
  g_assert_nonnull (doc);
  guint checked = 0;
  for (xmlNode *node = xmlDocGetRootElement (doc)->children; node; node = node->next) {
    FileTier tiers[16];
    guint n = 0;
    gboolean any_free = FALSE;
    for (xmlNode *t = node->children; t && n < G_N_ELEMENTS (tiers); t = t->next) {
      if (t->type != XML_ELEMENT_NODE)
        continue;
      xmlChar *free = xmlGetProp (t, (const xmlChar *) "free");
      tiers[n++] = (FileTier) { attr_double (t, "upto", G_MAXDOUBLE), attr_double (t, "usd", 0), free != NULL };
      any_free |= free != NULL;
      xmlFree (free);
    }
    if (!any_free)
      continue;
    xmlChar *key = xmlGetProp (node, (const xmlChar *) "key");
    const PcPrice *price = pc_catalog_price (catalog, (const char *) key, &error);
    g_assert_no_error (error);
    double allowance, list = list_price_of_allowance (tiers, n, &allowance);
    pc_catalog_use_free_tiers (catalog, FALSE);
    double none = pc_price_cost (price, allowance, 24);
    pc_catalog_use_free_tiers (catalog, TRUE);
    if (fabs (none - list) > 1e-9 * MAX (1.0, list))
      g_error ("%s %s: %g at list price, expected %g", region, key, none, list);
    g_assert_cmpfloat (list, >, 0);   /* every allowance is worth something at list price */
    xmlFree (key);
    checked++;
  }
  xmlFreeDoc (doc);
  return checked;
}

static void
count_checked (const char *file, const char *region, gpointer data)
{
  *(guint *) data += check_catalog_file (file, region);
}

static void
test_none_charges_every_allowance (void)
{
  g_test_summary ("In every Region's catalog, each price with a free band costs, without free tiers, its whole "
                  "allowance at the first paid rate after it, walked from the file's own tiers, and more than 0");
  guint prices = 0, files = pc_test_each_catalog (count_checked, &prices);
  g_test_message ("%u prices with a free band in %u catalogs", prices, files);
  g_assert_cmpuint (files, ==, 12);
  g_assert_cmpuint (prices, >=, 12 * 30);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/free-tier/pool/shared", test_pool_shared);
  g_test_add_func ("/free-tier/pool/volume-tiers", test_pool_volume_tiers);
  g_test_add_func ("/free-tier/list-prices", test_list_prices);
  g_test_add_func ("/free-tier/none-charges-every-allowance", test_none_charges_every_allowance);
  g_test_add_func ("/free-tier/cli", test_cli);
  g_test_add_func ("/free-tier/run-modes", test_run_modes);
  return g_test_run ();
}
