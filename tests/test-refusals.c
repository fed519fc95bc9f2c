/* Every wrong input of issue 15 is refused with file:line, the element,
 * attribute and value, why, and what is allowed (items 6, 7, 9, 10, 12, 13,
 * 14); the inputs it must still accept are accepted.
 *
 * Each case changes one thing in a small valid scenario, roadmap or catalog
 * (the templates below, so line numbers are fixed here) and states the
 * whole message expected after the folder's path.  A message that depends
 * on which catalogs are installed is checked by its stable parts. */
#include "testlib.h"

#include <glib/gstdio.h>
#include <unistd.h>

#include "pc-private.h"

#define SCENARIO \
  "<scenario format=\"1\" name=\"t\">\n" \
  "  <world start=\"2026-01\" horizon-months=\"12\" region=\"ap-southeast-2\"/>\n" \
  "  <roadmap href=\"roadmap.xml\"/>\n" \
  "  <montecarlo runs=\"4\" seed=\"7\"/>\n" \
  "  <growth model=\"logistic\" initial=\"2\" capacity=\"100\" rate=\"0.3\" users-per-customer=\"5\"/>\n" \
  "  <events>\n" \
  "    <event type=\"budget_approved\" month=\"3\" amount-usd=\"150\"/>\n" \
  "    <event type=\"critical_bug\" rate-per-month=\"0.5\" from=\"0\" until=\"12\"/>\n" \
  "  </events>\n" \
  "</scenario>\n"

/* The roadmap's phases and the catalog's sources and prices are named
 * apart, so that a case can drop them all. */
#define ROADMAP_PHASES \
  "  <phase id=\"a\" name=\"A\" estimate-min-usd=\"40\" estimate-max-usd=\"50\">\n" \
  "    <component name=\"api\" plugin=\"ecs-fargate\">\n" \
  "      <set name=\"vcpu\">0.25</set>\n" \
  "      <set name=\"memory_gb\">0.5</set>\n" \
  "    </component>\n" \
  "    <component name=\"db\" plugin=\"rds-postgres\"/>\n" \
  "  </phase>\n" \
  "  <phase id=\"b\" name=\"B\" inherits=\"a\" lead-time-days=\"10\" downtime-min-minutes=\"10\" downtime-max-minutes=\"20\">\n" \
  "    <move policy=\"any\">\n" \
  "      <indicator id=\"five\" state=\"paying_customers\" op=\"ge\" value=\"5\" sustained-months=\"2\">x</indicator>\n" \
  "      <indicator id=\"budget\" event=\"budget_approved\">y</indicator>\n" \
  "    </move>\n" \
  "    <component name=\"api\"><set name=\"min_tasks\">2</set><set name=\"max_tasks\">4</set></component>\n" \
  "  </phase>\n"
#define ROADMAP "<roadmap format=\"1\" name=\"t\">\n" ROADMAP_PHASES "</roadmap>\n"

#define CATALOG_SOURCES "  <source id=\"S1\" date=\"2025-11-01\">a source</source>\n"
#define CATALOG_PRICES \
  "  <price key=\"a.b\" unit=\"GB\" usd=\"0.5\" source=\"S1\" date=\"2025-11-01\"/>\n" \
  "  <price key=\"c.d\" unit=\"GB\" source=\"S1\" date=\"2025-11-01\"><tier upto=\"10\" usd=\"0\" free=\"always\"/>" \
  "<tier usd=\"0.1\"/></price>\n"
#define CATALOG \
  "<catalog format=\"1\" region=\"ap-southeast-2\" name=\"t\" currency=\"USD\" gathered=\"2025-11-01\">\n" \
  CATALOG_SOURCES CATALOG_PRICES "</catalog>\n"

typedef enum { IN_SCENARIO, IN_ROADMAP, IN_CATALOG } Where;

typedef struct {
  const char *name;
  Where where;
  const char *find, *replace;
  const char *message;        /* after "DIR/"; DIR stands for the folder; NULL: accepted */
  const char *contains;       /* when set, @message is a prefix and this must also appear */
} Case;

#define EVENT_TYPES "budget_approved, business_unit, compliance_requirement, critical_bug, enterprise_deal, " \
                    "enterprise_requirement, expansion, reporting_request, uptime_sla_discussed"
#define GROWTH_ATTRS "model, poisson, shrinking, launch-month, initial, capacity, rate, bass-p, bass-q, rate-sd, " \
                     "churn, users-per-customer, free-users, quotes-per-user-month, arpa-usd-month"
/* The start of the list of <scenario>'s children (others may follow). */
#define SCENARIO_CHILDREN "description, world, roadmap, montecarlo, growth, "

static const Case cases[] = {
  /* accepted */
  { "template", IN_SCENARIO, NULL, NULL, NULL, NULL },
  { "shrinking-said", IN_SCENARIO, "rate=\"0.3\"", "rate=\"-0.3\" shrinking=\"true\"", NULL, NULL },
  { "phase-without-components", IN_ROADMAP,
    "<component name=\"api\"><set name=\"min_tasks\">2</set><set name=\"max_tasks\">4</set></component>",
    "<remove component=\"api\"/><remove component=\"db\"/>", NULL, NULL },
  { "largest-seed", IN_SCENARIO, "seed=\"7\"", "seed=\"18446744073709551615\"", NULL, NULL },
  /* item 9: event types, declared in one place */
  { "event-type", IN_SCENARIO, "type=\"budget_approved\"", "type=\"budget_aproved\"",
    "scenario.xml:7: <event type=\"budget_aproved\">: unknown event type; allowed: " EVENT_TYPES
    " (did you mean budget_approved?)", NULL },
  { "indicator-event", IN_ROADMAP, "event=\"budget_approved\"", "event=\"budget-approved\"",
    "roadmap.xml:12: <indicator event=\"budget-approved\">: unknown event type; allowed: " EVENT_TYPES
    " (did you mean budget_approved?)", NULL },
  /* item 10: wrong accepts */
  { "estimate-order", IN_ROADMAP, "estimate-min-usd=\"40\" estimate-max-usd=\"50\"",
    "estimate-min-usd=\"450\" estimate-max-usd=\"45\"",
    "roadmap.xml:2: <phase estimate-min-usd=\"450\" estimate-max-usd=\"45\">: the maximum is below the minimum; "
    "allowed: estimate-max-usd at least estimate-min-usd", NULL },
  { "downtime-order", IN_ROADMAP, "downtime-max-minutes=\"20\"", "downtime-max-minutes=\"5\"",
    "roadmap.xml:9: <phase downtime-min-minutes=\"10\" downtime-max-minutes=\"5\">: the maximum is below the minimum; "
    "allowed: downtime-max-minutes at least downtime-min-minutes", NULL },
  { "tasks-order", IN_ROADMAP, "<set name=\"min_tasks\">2</set><set name=\"max_tasks\">4</set>",
    "<set name=\"min_tasks\">5</set><set name=\"max_tasks\">1</set>",
    "roadmap.xml:14: <component name=\"api\"> in phase b: min_tasks=5 is above max_tasks=1; allowed: min_tasks up "
    "to max_tasks", NULL },
  { "fargate-4-vcpu-0.5-gb", IN_ROADMAP, "<set name=\"vcpu\">0.25</set>", "<set name=\"vcpu\">4</set>",
    "roadmap.xml:3: <component name=\"api\"> in phase a: vcpu=4 with memory_gb=0.5 is not a Fargate size; allowed "
    "with 4 vCPU: 8-30 GB in 1 GB steps", NULL },
  { "fargate-0.25-vcpu-30-gb", IN_ROADMAP, "<set name=\"memory_gb\">0.5</set>", "<set name=\"memory_gb\">30</set>",
    "roadmap.xml:3: <component name=\"api\"> in phase a: vcpu=0.25 with memory_gb=30 is not a Fargate size; allowed "
    "with 0.25 vCPU: 0.5 GB, 1-2 GB in 1 GB steps", NULL },
  { "set-twice", IN_ROADMAP, "<set name=\"memory_gb\">0.5</set>", "<set name=\"memory_gb\">0.5</set><set name=\"vcpu\">1</set>",
    "roadmap.xml:5: <set name=\"vcpu\">: set twice in <component name=\"api\"> (first at line 4); allowed: one <set> "
    "per name", NULL },
  { "component-twice", IN_ROADMAP, "<component name=\"db\" plugin=\"rds-postgres\"/>",
    "<component name=\"db\" plugin=\"rds-postgres\"/><component name=\"db\" plugin=\"aurora-postgres\"/>",
    "roadmap.xml:7: <component name=\"db\">: twice in this phase (first at line 7); allowed: one <component> per "
    "name in a phase", NULL },
  { "event-after-horizon", IN_SCENARIO, "month=\"3\"", "month=\"14\"",
    "scenario.xml:7: <event type=\"budget_approved\" month=\"14\">: after the horizon, so it never happens; allowed: "
    "a month from 0 to below 12 (horizon-months)", NULL },
  { "hazard-after-horizon", IN_SCENARIO, "from=\"0\" until=\"12\"", "from=\"12\" until=\"20\"",
    "scenario.xml:8: <event type=\"critical_bug\" from=\"12\">: after the horizon, so it never happens; allowed: "
    "a month from 0 to below 12 (horizon-months)", NULL },
  { "market-shrinks", IN_SCENARIO, "rate=\"0.3\"", "rate=\"-0.3\"",
    "scenario.xml:5: <growth model=\"logistic\" rate=\"-0.3\">: the curve shrinks the market (a negative rate, or "
    "initial above capacity) without saying so; allowed: a rate from 0 with initial up to capacity, or "
    "shrinking=\"true\"", NULL },
  { "market-shrinks-from-above", IN_SCENARIO, "initial=\"2\"", "initial=\"200\"",
    "scenario.xml:5: <growth model=\"logistic\" initial=\"200\">: the curve shrinks the market (initial above "
    "capacity) without saying so; allowed: initial up to capacity, or shrinking=\"true\"", NULL },
  { "no-market", IN_SCENARIO, "capacity=\"100\"", "capacity=\"0\"",
    "scenario.xml:5: <growth model=\"logistic\" capacity=\"0\">: the market's size must be above 0; allowed: above "
    "0, up to 1e9", NULL },
  { "sustained-20-digits", IN_ROADMAP, "sustained-months=\"2\"", "sustained-months=\"12345678901234567890\"",
    "roadmap.xml:11: <indicator sustained-months=\"12345678901234567890\">: not allowed; allowed: a whole number "
    "from 1 to 600", NULL },
  { "account-age-20-digits", IN_SCENARIO, "horizon-months=\"12\"",
    "horizon-months=\"12\" account-age-months=\"12345678901234567890\"",
    "scenario.xml:2: <world account-age-months=\"12345678901234567890\">: not allowed; allowed: a whole number "
    "from 0 to 1200", NULL },
  { "seed-2^64", IN_SCENARIO, "seed=\"7\"", "seed=\"18446744073709551616\"",
    "scenario.xml:4: <montecarlo seed=\"18446744073709551616\">: not allowed; allowed: a whole number from 0 to "
    "18446744073709551615", NULL },
  /* item 13: schema refusals name line, element, attribute, value and what is allowed */
  { "growth-model", IN_SCENARIO, "model=\"logistic\"", "model=\"gompertz\"",
    "scenario.xml:5: <growth model=\"gompertz\">: not allowed; allowed: logistic, exponential, bass, actuals", NULL },
  { "growth-model-typo", IN_SCENARIO, "model=\"logistic\"", "model=\"logistc\"",
    "scenario.xml:5: <growth model=\"logistc\">: not allowed; allowed: logistic, exponential, bass, actuals (did "
    "you mean logistic?)", NULL },
  { "attribute-typo", IN_SCENARIO, "users-per-customer", "user-per-customer",
    "scenario.xml:5: <growth user-per-customer=\"5\">: unknown attribute; allowed: " GROWTH_ATTRS
    " (did you mean users-per-customer?)", NULL },
  { "element-typo", IN_SCENARIO, "<world ", "<worl ",
    "scenario.xml:2: <worl>: unknown element in <scenario>; allowed: " SCENARIO_CHILDREN, " (did you mean world?)" },
  { "not-a-number", IN_SCENARIO, "horizon-months=\"12\"", "horizon-months=\"twelve\"",
    "scenario.xml:2: <world horizon-months=\"twelve\">: not allowed; allowed: a whole number from 1 to 600", NULL },
  { "missing-attribute", IN_SCENARIO, " region=\"ap-southeast-2\"", "",
    "scenario.xml:2: <world>: attribute region= is missing; allowed: a name", NULL },
  { "missing-choice", IN_SCENARIO, "model=\"logistic\" ", "",
    "scenario.xml:5: <growth>: attribute model= is missing; allowed: logistic, exponential, bass, actuals", NULL },
  { "element-twice", IN_SCENARIO, "  <roadmap href=\"roadmap.xml\"/>\n",
    "  <roadmap href=\"roadmap.xml\"/>\n  <roadmap href=\"roadmap.xml\"/>\n",
    "scenario.xml:4: <roadmap>: not expected here (out of order, or once too often); allowed in <scenario>, in this "
    "order: " SCENARIO_CHILDREN, "events" },
  { "element-missing", IN_SCENARIO, "  <growth model=\"logistic\" initial=\"2\" capacity=\"100\" rate=\"0.3\" "
    "users-per-customer=\"5\"/>\n", "",
    "scenario.xml:1: <scenario>: element <growth> is missing; allowed in <scenario>, in this order: "
    SCENARIO_CHILDREN, "events" },
  /* a required element missing at the end of its parent: the parent's line, what is missing, what it may hold */
  { "last-element-missing", IN_SCENARIO, "  <growth model=\"logistic\" initial=\"2\" capacity=\"100\" rate=\"0.3\" "
    "users-per-customer=\"5\"/>\n  <events>\n    <event type=\"budget_approved\" month=\"3\" amount-usd=\"150\"/>\n"
    "    <event type=\"critical_bug\" rate-per-month=\"0.5\" from=\"0\" until=\"12\"/>\n  </events>\n", "",
    "scenario.xml:1: <scenario>: element <growth> is missing; allowed in <scenario>, in this order: description, "
    "world, roadmap, montecarlo, growth, workload, load, events, sensitivity, policy", NULL },
  { "sensitivity-empty", IN_SCENARIO, "  </events>\n", "  </events>\n  <sensitivity>\n  </sensitivity>\n",
    "scenario.xml:10: <sensitivity>: element <vary> is missing; allowed in <sensitivity>, in this order: vary", NULL },
  { "roadmap-empty", IN_ROADMAP, ROADMAP_PHASES, "",
    "roadmap.xml:1: <roadmap>: element <phase> is missing; allowed in <roadmap>, in this order: description, phase, "
    "policy, limits", NULL },
  { "catalog-empty", IN_CATALOG, CATALOG_SOURCES CATALOG_PRICES, "",
    "catalog.xml:1: <catalog>: elements <source> and <price> are missing; allowed in <catalog>, in this order: "
    "source, price", NULL },
  { "catalog-without-prices", IN_CATALOG, CATALOG_PRICES, "",
    "catalog.xml:1: <catalog>: element <price> is missing; allowed in <catalog>, in this order: source, price", NULL },
  { "price-without-usd-or-tiers", IN_CATALOG, "<tier upto=\"10\" usd=\"0\" free=\"always\"/><tier usd=\"0.1\"/>", "",
    "catalog.xml:4: <price>: an attribute usd= or an element <tier> is missing; allowed in <price>, in this order: "
    "tier", NULL },
  { "start-month-13", IN_SCENARIO, "start=\"2026-01\"", "start=\"2025-13\"",
    "scenario.xml:2: <world start=\"2025-13\">: not a month; allowed: YYYY-MM with the month from 01 to 12", NULL },
  { "operator-typo", IN_ROADMAP, "op=\"ge\"", "op=\"gte\"",
    "roadmap.xml:11: <indicator op=\"gte\">: not allowed; allowed: gt, ge, lt, le (did you mean gt?)", NULL },
  { "policy-typo", IN_ROADMAP, "policy=\"any\"", "policy=\"anny\"",
    "roadmap.xml:10: <move policy=\"anny\">: not allowed; allowed: all, any, at-least (did you mean any?)", NULL },
  { "parameter-typo", IN_ROADMAP, "<set name=\"vcpu\">", "<set name=\"vcpus\">",
    "roadmap.xml:4: <component name=\"api\">: plugin ecs-fargate has no parameter \"vcpus\"; allowed: vcpu, ",
    "(did you mean vcpu?)" },
  { "choice-typo", IN_ROADMAP, "<set name=\"memory_gb\">0.5</set>",
    "<set name=\"memory_gb\">0.5</set><set name=\"architecture\">armm</set>",
    "roadmap.xml:5: <component name=\"api\">: parameter \"architecture\": \"armm\" is not allowed; allowed: x86, arm "
    "(did you mean arm?)", NULL },
  { "state-typo", IN_ROADMAP, "state=\"paying_customers\"", "state=\"paying_customer\"",
    "roadmap.xml:11: <indicator id=\"five\" state=\"paying_customer\">: unknown state; allowed: paying_customers, "
    "active_users, ", " (did you mean paying_customers?)" },
  { "metric-typo", IN_ROADMAP, "state=\"paying_customers\"", "metric=\"db.cpu_utilisation_peek\"",
    "roadmap.xml:11: <indicator id=\"five\" metric=\"db.cpu_utilisation_peek\">: no phase has a component \"db\" "
    "reporting metric \"cpu_utilisation_peek\"; allowed: ", "(did you mean cpu_utilisation_peak?) (its metrics)" },
  { "plugin-typo", IN_ROADMAP, "plugin=\"rds-postgres\"", "plugin=\"rds-postgress\"",
    "roadmap.xml:7: <component name=\"db\">: no plugin named \"rds-postgress\" ", "(did you mean rds-postgres?)" },
  /* item 14: references */
  { "href-relative", IN_SCENARIO, "href=\"roadmap.xml\"", "href=\"roadmaps/roadmap.xml\"",
    "scenario.xml:3: <roadmap href=\"roadmaps/roadmap.xml\">: no such file DIR/roadmaps/roadmap.xml; a relative "
    "href is relative to the folder of DIR/scenario.xml (DIR)", NULL },
  { "region-unknown", IN_SCENARIO, "region=\"ap-southeast-2\"", "region=\"ap-southeast-9\"",
    "scenario.xml:2: <world region=\"ap-southeast-9\">: no prices for region \"ap-southeast-9\" (the shipped catalogs "
    "cover: ", ") (did you mean ap-southeast-1?)" },
  { "region-path", IN_SCENARIO, "region=\"ap-southeast-2\"", "region=\"../../etc\"",
    "scenario.xml:2: <world region=\"../../etc\">: region \"../../etc\": not a region name; allowed: lower-case "
    "letters, digits and '-' (the shipped catalogs cover: ", "ap-southeast-2" },
  { "component-region", IN_ROADMAP, "plugin=\"rds-postgres\"", "plugin=\"rds-postgres\" region=\"mars-1\"",
    "roadmap.xml:7: <component name=\"db\">: no prices for region \"mars-1\" (the shipped catalogs cover: ",
    "ap-southeast-2" },
  /* items 6 and 7: numbers with sane bounds */
  { "estimate-1e20", IN_ROADMAP, "estimate-min-usd=\"40\" estimate-max-usd=\"50\"",
    "estimate-min-usd=\"1e20\" estimate-max-usd=\"1e20\"",
    "roadmap.xml:2: <phase estimate-min-usd=\"1e20\">: not allowed; allowed: a number from 0 to 100000000", NULL },
  { "price-1e308", IN_CATALOG, "usd=\"0.5\"", "usd=\"1e308\"",
    "catalog.xml:3: <price usd=\"1e308\">: not allowed; allowed: a number from 0 to 1000000", NULL },
  { "price-inf", IN_CATALOG, "usd=\"0.5\"", "usd=\"INF\"",
    "catalog.xml:3: <price usd=\"INF\">: not allowed; allowed: a number from 0 to 1000000", NULL },
  { "tier-1e20", IN_CATALOG, "upto=\"10\"", "upto=\"1e20\"",
    "catalog.xml:4: <tier upto=\"1e20\">: not allowed; allowed: a number above 0 to 1e15", NULL },
};

/* @template with the first @find replaced by @replace (which must exist). */
static char *
mutate (const char *template, const char *find, const char *replace)
{
  if (find == NULL)
    return g_strdup (template);
  const char *at = strstr (template, find);
  g_assert_nonnull (at);
  return g_strdup_printf ("%.*s%s%s", (int) (at - template), template, replace, at + strlen (find));
}

static void
write_file (const char *dir, const char *name, const char *text)
{
  g_autofree char *path = g_build_filename (dir, name, NULL);
  g_assert_true (g_file_set_contents (path, text, -1, NULL));
}

/* Loads what the case changed: the scenario (with the roadmap beside it),
 * the roadmap alone (as `phasecast validate` does) or the catalog. */
static gboolean
load (const Case *c, const char *dir, PcHost *host, GError **error)
{
  g_autofree char *scenario = g_build_filename (dir, "scenario.xml", NULL);
  g_autofree char *roadmap = g_build_filename (dir, "roadmap.xml", NULL);
  g_autofree char *catalog_path = g_build_filename (dir, "catalog.xml", NULL);
  if (c->where == IN_CATALOG) {
    g_autoptr (PcCatalog) catalog = pc_catalog_new ();
    return pc_catalog_add_file (catalog, catalog_path, error);
  }
  g_autoptr (PcModel) model = c->where == IN_ROADMAP ? pc_model_new_for_roadmap (roadmap, "ap-southeast-2", host, error)
                                                     : pc_model_new (scenario, NULL, host, error);
  if (model != NULL && g_str_equal (c->name, "largest-seed"))
    g_assert_true (model->scenario->seed == G_MAXUINT64);   /* read exactly, not through a double */
  return model != NULL;
}

static void
test_case (gconstpointer data)
{
  const Case *c = data;
  g_autofree char *dir = g_dir_make_tmp ("phasecast-refusal-XXXXXX", NULL);
  g_autofree char *scenario = mutate (SCENARIO, c->where == IN_SCENARIO ? c->find : NULL, c->replace);
  g_autofree char *roadmap = mutate (ROADMAP, c->where == IN_ROADMAP ? c->find : NULL, c->replace);
  g_autofree char *catalog = mutate (CATALOG, c->where == IN_CATALOG ? c->find : NULL, c->replace);
  write_file (dir, "scenario.xml", scenario);
  write_file (dir, "roadmap.xml", roadmap);
  write_file (dir, "catalog.xml", catalog);
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (GError) error = NULL;
  gboolean loaded = load (c, dir, host, &error);
  const char *names[] = { "scenario.xml", "roadmap.xml", "catalog.xml" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    g_autofree char *path = g_build_filename (dir, names[i], NULL);
    g_unlink (path);
  }
  g_rmdir (dir);
  if (c->message == NULL) {
    g_assert_no_error (error);
    g_assert_true (loaded);
    return;
  }
  g_assert_false (loaded);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  g_auto (GStrv) parts = g_strsplit (c->message, "DIR", -1);
  g_autofree char *expected_tail = g_strjoinv (dir, parts);
  g_autofree char *expected = g_strdup_printf ("%s/%s", dir, expected_tail);
  if (c->contains == NULL) {
    g_assert_cmpstr (error->message, ==, expected);
  } else {
    g_assert_true (g_str_has_prefix (error->message, expected));
    g_assert_nonnull (strstr (error->message, c->contains));
  }
}

/* Item 12: a catalog without a price a component needs fails when the
 * model is built, so in `phasecast validate`, not first in `run`. */
static void
test_missing_price (void)
{
  g_autofree char *dir = g_dir_make_tmp ("phasecast-pricing-XXXXXX", NULL);
  g_autofree char *pricing = g_build_filename (dir, "pricing", NULL);
  g_autofree char *schema = g_build_filename (dir, "schema", NULL);
  g_autofree char *shipped_schema = g_test_build_filename (G_TEST_DIST, "..", "data", "schema", NULL);
  g_assert_cmpint (g_mkdir (pricing, 0700), ==, 0);
  g_assert_cmpint (symlink (shipped_schema, schema), ==, 0);
  write_file (pricing, "aws-ap-southeast-2.xml", CATALOG);
  write_file (dir, "roadmap.xml", ROADMAP);
  g_autofree char *roadmap = g_build_filename (dir, "roadmap.xml", NULL);
  g_autofree char *saved = g_strdup (g_getenv ("PHASECAST_DATA_DIR"));
  g_setenv ("PHASECAST_DATA_DIR", dir, TRUE);   /* its own pricing/, the shipped schema/ */
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) model = pc_model_new_for_roadmap (roadmap, "ap-southeast-2", host, &error);
  if (saved)
    g_setenv ("PHASECAST_DATA_DIR", saved, TRUE);
  else
    g_unsetenv ("PHASECAST_DATA_DIR");
  g_autofree char *catalog = g_build_filename (pricing, "aws-ap-southeast-2.xml", NULL);
  g_unlink (catalog), g_rmdir (pricing), g_unlink (schema), g_unlink (roadmap), g_rmdir (dir);
  g_assert_null (model);
  g_test_message ("%s", error->message);
  g_autofree char *expected = g_strdup_printf ("%s:3: <component name=\"api\"> in phase a: the price catalog for "
                                               "ap-southeast-2 has no price \"fargate.x86.vcpu_hour\"", roadmap);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
  g_assert_cmpstr (error->message, ==, expected);
}

/* A message quoting a huge or multi-line value stays one line of bounded
 * length, keeping its beginning (file:line) and its end (what is allowed). */
static void
test_tidy (void)
{
  g_autofree char *value = g_strnfill (100000, 'x');
  g_autoptr (GError) error = g_error_new (PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                                          "f.xml:2: <event type=\"%s\">: not allowed;\nallowed: a name", value);
  pc_error_tidy (error);
  g_assert_null (strchr (error->message, '\n'));
  g_assert_cmpuint (strlen (error->message), <, 4100);
  g_assert_true (g_str_has_prefix (error->message, "f.xml:2: <event type=\"xxx"));
  g_assert_true (g_str_has_suffix (error->message, "xxx\">: not allowed;\\nallowed: a name"));
  g_assert_nonnull (strstr (error->message, " bytes ...] "));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *name = g_strdup_printf ("/refusal/%s", cases[i].name);
    g_test_add_data_func (name, &cases[i], test_case);
  }
  g_test_add_func ("/refusal/missing-price", test_missing_price);
  g_test_add_func ("/refusal/tidy", test_tidy);
  return g_test_run ();
}
