/* Prices that travel with a plugin, and --catalog files: a plugin's
 * fragment is found beside its module and checked when it is opened, gives
 * that plugin (and only it) its prices, and says which regions it covers;
 * a --catalog file adds or replaces prices and every replacement is
 * reported on stderr and in the output.  Named demands: `price --set NAME=V`
 * fills a demand the plugin reads; a key nothing takes is refused.
 *
 * The test prices are made up (tests/plugins/priced/priced.prices.xml,
 * tests/data/prices/override.xml); expectations are worked from them. */
#include "testlib.h"

#include <json-glib/json-glib.h>

static char *
priced_dir (void)
{
  return g_test_build_filename (G_TEST_BUILT, "plugins", "priced", NULL);
}

static char *
override_file (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "prices", "override.xml", NULL);
}

static char *
addition_file (void)
{
  return g_test_build_filename (G_TEST_DIST, "data", "prices", "addition.xml", NULL);
}

/* One priced month of plugin "priced" in @region with @sets, through @host. */
static double
priced_month (PcHost *host, const char *region, const char *const *sets, GError **error)
{
  const PcPlugin *plugin = pc_host_get (host, "priced", error);
  g_autoptr (PcCatalog) catalog = plugin ? pc_host_catalog (host, region, plugin, error) : NULL;
  if (catalog == NULL)
    return NAN;
  g_autoptr (PcConfig) config = pc_config_new (pc_plugin_info (plugin), "queue");
  g_autoptr (PcUsage) usage = pc_usage_new ();
  g_autoptr (PcStepResult) result = pc_step_result_new ();
  if (!pc_usage_apply (usage, config, sets, error) || !pc_price_month (plugin, config, catalog, usage, result, error))
    return NAN;
  return pc_step_result_usd (result);
}

static void
test_fragment_found (void)
{
  g_test_summary ("A plugin's NAME.prices.xml beside its module is found, checked, and prices it per region");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (GError) error = NULL;
  const PcPlugin *plugin = pc_host_get (host, "priced", &error);
  g_assert_no_error (error);
  g_assert_true (g_str_has_suffix (pc_plugin_fragment (plugin), "priced.prices.xml"));
  g_auto (GStrv) regions = pc_plugin_regions (plugin);
  const char *expected[] = { "us-east-1", "ap-southeast-2", NULL };
  g_assert_true (g_strv_equal ((const char *const *) regions, expected));
  const char *sets[] = { "requests=3000", NULL };
  /* us-east-1: the first 1,000 requests free, then $0.50 each: 2,000 x 0.5. */
  pc_assert_usd (priced_month (host, "us-east-1", sets, &error), 2000 * 0.5);
  g_assert_no_error (error);
  /* Sydney: $0.75 each, no free tier: 3,000 x 0.75. */
  pc_assert_usd (priced_month (host, "ap-southeast-2", sets, &error), 3000 * 0.75);
  g_assert_no_error (error);
}

static void
test_fragment_isolated (void)
{
  g_test_summary ("A fragment's prices are its plugin's alone; a region it does not price is named");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcCatalog) plain = pc_host_catalog (host, "us-east-1", NULL, &error);
  g_assert_no_error (error);
  g_assert_null (pc_catalog_price (plain, "priced.request", &error));
  g_clear_error (&error);
  const char *sets[] = { "requests=10", NULL };
  g_assert_true (isnan (priced_month (host, "ap-southeast-1", sets, &error)));
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "no price \"priced.request\""));
  g_assert_nonnull (strstr (error->message, "has prices for us-east-1, ap-southeast-2 only"));
}

static void
test_fragment_broken (void)
{
  g_test_summary ("A fragment that defines a key twice for one region refuses its plugin, naming file:line");
  g_autofree char *dir = priced_dir ();
  const char *dirs[] = { dir, NULL };
  g_autoptr (PcHost) host = pc_host_new (dirs);
  g_autoptr (GError) error = NULL;
  g_assert_null (pc_host_get (host, "badly-priced", &error));
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "price fragment is invalid"));
  g_assert_nonnull (strstr (error->message, "badly-priced.prices.xml:11: <price key=\"priced.request\">: duplicate key"));
}

static void
test_catalog_override (void)
{
  g_test_summary ("--catalog replaces a fragment's price and a shipped one, records both, and adds a region");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autofree char *extra = override_file ();
  g_autoptr (GError) error = NULL;
  g_assert_true (pc_host_add_catalog (host, extra, &error));
  const char *sets[] = { "requests=3000", NULL };
  /* The override's flat $0.25 replaces the whole tiered price: 3,000 x 0.25. */
  pc_assert_usd (priced_month (host, "us-east-1", sets, &error), 3000 * 0.25);
  /* test-9 exists only in the --catalog file: 3,000 x $3. */
  pc_assert_usd (priced_month (host, "test-9", sets, &error), 3000 * 3.0);
  g_assert_no_error (error);
  const PcPlugin *plugin = pc_host_get (host, "priced", &error);
  g_autoptr (PcCatalog) catalog = pc_host_catalog (host, "us-east-1", plugin, &error);
  g_assert_cmpuint (pc_catalog_n_overrides (catalog), ==, 1);
  g_autofree char *text = pc_price_override_text (pc_catalog_override (catalog, 0));
  g_assert_nonnull (strstr (text, "us-east-1: price priced.request is $0.25 from "));
  g_assert_nonnull (strstr (text, "override.xml:8, replacing $0.5 from "));
  g_assert_nonnull (strstr (text, "priced.prices.xml:6"));
  g_autoptr (PcCatalog) sydney = pc_host_catalog (host, "ap-southeast-2", NULL, &error);
  g_assert_cmpuint (pc_catalog_n_overrides (sydney), ==, 1);
  g_assert_cmpstr (pc_price_key (pc_catalog_override (sydney, 0)->was), ==, "sns.publish.request");
}

static void
test_catalog_addition (void)
{
  g_test_summary ("A key a --catalog file adds is recorded (was NULL) and said; one that no lookup asks for stays "
                  "unread; a fragment's own keys are not additions");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autofree char *extra = addition_file ();
  g_autoptr (GError) error = NULL;
  g_assert_true (pc_host_add_catalog (host, extra, &error));
  const PcPlugin *plugin = pc_host_get (host, "priced", &error);
  g_autoptr (PcCatalog) catalog = pc_host_catalog (host, "us-east-1", plugin, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (pc_catalog_n_overrides (catalog), ==, 1);   /* the fragment's priced.request is not one */
  const PcPriceOverride *added = pc_catalog_override (catalog, 0);
  g_assert_null (added->was);
  g_autofree char *text = pc_price_override_text (added);
  g_assert_true (g_str_has_prefix (text, "us-east-1: price priced.requests is $0.2 from "));
  g_assert_true (g_str_has_suffix (text, "addition.xml:9, a key no earlier catalog has"));
  g_assert_cmpstr (pc_price_override_label (added), ==, "price added");
  g_assert_nonnull (pc_catalog_price (catalog, "priced.request", &error));
  g_assert_false (pc_price_was_read (added->now));
  g_assert_nonnull (pc_catalog_price (catalog, "priced.requests", &error));
  g_assert_true (pc_price_was_read (added->now));
}

#define QUEUE_SCENARIO \
  "<scenario format=\"1\" name=\"queue\">\n" \
  "  <world start=\"2026-01\" horizon-months=\"2\" region=\"us-east-1\"/>\n" \
  "  <roadmap href=\"roadmap.xml\"/>\n" \
  "  <montecarlo runs=\"1\" seed=\"3\"/>\n" \
  "  <growth model=\"actuals\" users-per-customer=\"10\" free-users=\"0\" quotes-per-user-month=\"1\"" \
  " arpa-usd-month=\"100\">\n" \
  "    <actual month=\"0\" customers=\"1\"/>\n" \
  "  </growth>\n" \
  "  <load requests-per-user-day=\"100\" requests-per-quote=\"0\"/>\n" \
  "</scenario>\n"
#define QUEUE_ROADMAP \
  "<roadmap format=\"1\" name=\"queue\">\n" \
  "  <phase id=\"a\" name=\"A\"><component name=\"queue\" plugin=\"priced\"/></phase>\n" \
  "</roadmap>\n"

/* A model of the priced plugin in us-east-1 with the --catalog file @name
 * added to @host (which must outlive the model). */
static PcModel *
queue_model (PcHost *host, const char *name)
{
  g_autofree char *extra = g_test_build_filename (G_TEST_DIST, "data", "prices", name, NULL);
  g_assert_true (pc_host_add_catalog (host, extra, NULL));
  return pc_test_model_from_text (QUEUE_SCENARIO, QUEUE_ROADMAP, host);
}

static void
test_model_additions (void)
{
  g_test_summary ("A model lists a --catalog key no component reads as unread; a key the plugin's catalog replaces "
                  "and the region's catalog adds is one override, not an addition");
  g_autoptr (PcHost) typo_host = pc_host_new (NULL), deal_host = pc_host_new (NULL);
  g_autoptr (PcModel) typo = queue_model (typo_host, "addition.xml");
  g_autoptr (GPtrArray) changes = pc_model_price_overrides (typo);
  g_autoptr (GPtrArray) unread = pc_model_unread_additions (typo);
  g_assert_cmpuint (changes->len, ==, 1);
  g_assert_cmpuint (unread->len, ==, 1);
  g_assert_cmpstr (pc_price_key (((const PcPriceOverride *) unread->pdata[0])->now), ==, "priced.requests");
  g_autoptr (PcModel) deal = queue_model (deal_host, "override.xml");
  g_autoptr (GPtrArray) deal_changes = pc_model_price_overrides (deal);
  g_autoptr (GPtrArray) deal_unread = pc_model_unread_additions (deal);
  g_assert_cmpuint (deal_changes->len, ==, 1);
  g_assert_nonnull (((const PcPriceOverride *) deal_changes->pdata[0])->was);
  g_assert_cmpuint (deal_unread->len, ==, 0);
}

static void
test_unknown_region (void)
{
  g_test_summary ("A region no layer prices is refused, listing the shipped regions");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcCatalog) catalog = pc_host_catalog (host, "mars-1", NULL, &error);
  g_assert_null (catalog);
  g_assert_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF);
  g_assert_nonnull (strstr (error->message, "\"mars-1\" (the shipped catalogs cover: ap-northeast-1, ap-south-1, ap-southeast-1, ap-southeast-2, ca-central-1, eu-central-1, eu-west-1, eu-west-2, sa-east-1, us-east-1, us-east-2, us-west-2)"));
}

static void
test_named_demand_set (void)
{
  g_test_summary ("In price mode a named demand the plugin reads is set by --set; an unknown key is refused");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (GError) error = NULL;
  /* 4,000 messages x 3 requests each = 12,000 requests; Sydney $0.75 each. */
  const char *sets[] = { "source=messages", "requests_per_message=3", "messages=4000", NULL };
  pc_assert_usd (priced_month (host, "ap-southeast-2", sets, &error), 4000 * 3 * 0.75);
  g_assert_no_error (error);
  const char *typo[] = { "source=messages", "mesages=4000", NULL };
  g_assert_true (isnan (priced_month (host, "ap-southeast-2", typo, &error)));
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_nonnull (strstr (error->message, "\"mesages\" is not a parameter of priced"));
  g_assert_nonnull (strstr (error->message, "or a named demand it reads (messages)"));
  g_clear_error (&error);
  const char *unread[] = { "messages=4000", NULL };   /* source=requests reads no demand */
  g_assert_true (isnan (priced_month (host, "ap-southeast-2", unread, &error)));
  g_assert_nonnull (strstr (error->message, "(it reads none)"));
}

static void
test_named_demand_workload (void)
{
  g_test_summary ("With a workload, a plugin resolves its named demands to indices, or fails naming what exists");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  const PcPlugin *plugin = pc_host_get (host, "priced", NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_ptr_array_add (names, (gpointer) "bytes");
  g_ptr_array_add (names, (gpointer) "messages");
  g_autoptr (PcConfig) config = pc_config_new (pc_plugin_info (plugin), "queue");
  pc_config_set_demand_names (config, names);
  guint index = 99;
  g_assert_true (pc_config_demand (config, "messages", &index, NULL));
  g_assert_cmpuint (index, ==, 1);
  g_autoptr (GError) error = NULL;
  g_assert_false (pc_config_demand (config, "invocations", &index, &error));
  g_assert_nonnull (strstr (error->message, "does not declare (it declares: bytes, messages)"));
}

/* The object @text holds, parsed by @parser (which owns it). */
static JsonObject *
json_root (JsonParser *parser, const char *text)
{
  g_autoptr (GError) error = NULL;
  if (!json_parser_load_from_data (parser, text, -1, &error))
    g_error ("not JSON (%s): %s", error->message, text);
  return json_node_get_object (json_parser_get_root (parser));
}

static void
test_cli_reports_override (void)
{
  g_test_summary ("price and run with --catalog: a note per override on stderr, and the override in JSON");
  g_autofree char *extra = override_file (), *out = NULL, *err = NULL;
  const char *price[] = { "price", "sns", "--catalog", extra, "--set", "publishes=2000000", "--set", "email_subscribers=0",
                          "--format", "json", NULL };
  g_assert_cmpint (pc_test_cli (price, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "phasecast: note: ap-southeast-2: price sns.publish.request is $1e-06 from "));
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = json_root (parser, out);
  JsonArray *overrides = json_object_get_array_member (root, "price_overrides");
  g_assert_cmpuint (json_array_get_length (overrides), ==, 1);
  JsonObject *first = json_array_get_object_element (overrides, 0);
  g_assert_cmpstr (json_object_get_string_member (first, "key"), ==, "sns.publish.request");
  g_assert_cmpint (json_object_get_int_member (first, "line"), ==, 12);
  /* 2,000,000 publishes at the override's flat $0.000001 (it replaces the
   * shipped price's free tier too); no email deliveries. */
  pc_assert_usd (json_object_get_double_member (root, "total_usd"), 2000000 * 0.000001);
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "..", "scenarios", "baseline.xml", NULL);
  const char *run[] = { "run", scenario, "--runs", "2", "--catalog", extra, "--format", "json", NULL };
  g_assert_cmpint (pc_test_cli (run, &out, &err), ==, 0);
  g_assert_nonnull (strstr (err, "note: ap-southeast-2: price sns.publish.request"));
  g_autoptr (JsonParser) report = json_parser_new ();
  root = json_root (report, out);
  g_assert_cmpuint (json_array_get_length (json_object_get_array_member (root, "price_overrides")), ==, 1);
}

/* Whether @text holds @first and, somewhere after it, @then. */
static gboolean
holds_in_order (const char *text, const char *first, const char *then)
{
  const char *at = strstr (text, first);
  return at != NULL && strstr (at + strlen (first), then) != NULL;
}

static void
test_cli_reports_addition (void)
{
  g_test_summary ("price and run with a --catalog key no catalog has: a note that it was added, a note when no "
                  "component reads it, and the addition in the table and JSON");
  g_autofree char *extra = addition_file (), *out = NULL, *err = NULL;
  const char *price[] = { "price", "priced", "--region", "us-east-1", "--catalog", extra, "--set", "requests=3000",
                          NULL };
  g_assert_cmpint (pc_test_cli (price, &out, &err), ==, 0);
  g_assert_true (holds_in_order (err, "phasecast: note: us-east-1: price priced.requests is $0.2 from ",
                                 "addition.xml:9, a key no earlier catalog has\n"));
  g_assert_true (holds_in_order (err, "phasecast: note: us-east-1: price priced.requests from ",
                                 "addition.xml:9 is read by no component\n"));
  g_assert_nonnull (strstr (out, "\nprice added: us-east-1: price priced.requests is $0.2 from "));
  /* The typo changes nothing: the first 1,000 requests free, then 2,000 x $0.50 from the fragment. */
  g_assert_nonnull (strstr (out, "\ntotal  "));
  g_assert_nonnull (strstr (out, " 1000.00\n"));
  g_clear_pointer (&out, g_free);
  g_clear_pointer (&err, g_free);
  /* test-9 is priced by the --catalog file alone: an addition the plugin reads. */
  g_autofree char *deal = override_file ();
  const char *read[] = { "price", "priced", "--region", "test-9", "--catalog", deal, "--set", "requests=3000", NULL };
  g_assert_cmpint (pc_test_cli (read, NULL, &err), ==, 0);
  g_assert_nonnull (strstr (err, "note: test-9: price priced.request is $3 from "));
  g_assert_null (strstr (err, "read by no component"));
  g_clear_pointer (&err, g_free);
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "..", "scenarios", "baseline.xml", NULL);
  const char *run[] = { "run", scenario, "--runs", "2", "--catalog", extra, "--format", "json", NULL };
  g_assert_cmpint (pc_test_cli (run, &out, &err), ==, 0);
  g_assert_true (holds_in_order (err, "phasecast: note: ap-southeast-2: price fargate.vcpu_hour from ",
                                 "addition.xml:13 is read by no component\n"));
  g_autoptr (JsonParser) parser = json_parser_new ();
  JsonObject *root = json_root (parser, out);
  JsonArray *overrides = json_object_get_array_member (root, "price_overrides");
  g_assert_cmpuint (json_array_get_length (overrides), ==, 1);
  JsonObject *added = json_array_get_object_element (overrides, 0);
  g_assert_cmpstr (json_object_get_string_member (added, "key"), ==, "fargate.vcpu_hour");
  g_assert_true (json_object_get_null_member (added, "replaces"));
}

static void
test_cli_unknown_set (void)
{
  g_test_summary ("phasecast price refuses a --set key that no parameter, usage key or read demand takes");
  g_autofree char *err = NULL;
  const char *args[] = { "price", "sns", "--set", "publishez=10", NULL };
  g_assert_cmpint (pc_test_cli (args, NULL, &err), ==, 1);
  g_assert_nonnull (strstr (err, "\"publishez\" is not a parameter of sns"));
  g_assert_null (strchr (strchr (err, '\n') + 1, '\n'));   /* one line */
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/prices/fragment/found", test_fragment_found);
  g_test_add_func ("/prices/fragment/isolated", test_fragment_isolated);
  g_test_add_func ("/prices/fragment/broken", test_fragment_broken);
  g_test_add_func ("/prices/catalog/override", test_catalog_override);
  g_test_add_func ("/prices/catalog/addition", test_catalog_addition);
  g_test_add_func ("/prices/catalog/model-additions", test_model_additions);
  g_test_add_func ("/prices/catalog/unknown-region", test_unknown_region);
  g_test_add_func ("/prices/named-demand/price-mode", test_named_demand_set);
  g_test_add_func ("/prices/named-demand/workload", test_named_demand_workload);
  g_test_add_func ("/prices/cli/override-reported", test_cli_reports_override);
  g_test_add_func ("/prices/cli/addition-reported", test_cli_reports_addition);
  g_test_add_func ("/prices/cli/unknown-set", test_cli_unknown_set);
  return g_test_run ();
}
