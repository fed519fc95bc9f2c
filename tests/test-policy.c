/* Tests of roadmap and scenario policies (core/policy.c, core/savings.c)
 * on tests/data/policy: a db.t4g.micro Single-AZ in Sydney with no load.
 * Published prices (catalog, AWS feed rds-postgresql-reservedinstance
 * 2025-04-04): on demand $0.025/h; 1 year Partial Upfront $0.0095/h and a
 * $83 fee.  A month is 730 h. */
#include "testlib.h"
#include "pc-policy.h"
#include "pc-savings.h"
#include "pc-xml.h"

#include <json-glib/json-glib.h>
#include <libxml/parser.h>

#define ON_DEMAND_MONTH (730 * 0.025)     /* 18.25 */
#define RESERVED_MONTH (730 * 0.0095)     /* 6.935 */
#define FEE 83.0

/* @scenario under tests/data, with @roadmap there instead of its own
 * unless NULL. */
static PcModel *
scenario_model (PcHost *host, const char *scenario, const char *roadmap, GError **error)
{
  g_autofree char *path = pc_test_data (scenario);
  g_autofree char *road = roadmap ? pc_test_data (roadmap) : NULL;
  return pc_model_new (path, road, host, error);
}

static PcModel *
policy_model (PcHost *host, const char *roadmap, GError **error)
{
  return scenario_model (host, "policy/scenario.xml", roadmap, error);
}

static PcRunResult *
run_with (const PcModel *model, guint64 policies)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PcRun) run = pc_run_new (model, model->scenario->seed, 0, PC_DETAIL_MONTHS, &error);
  g_assert_no_error (error);
  pc_run_set_policies (run, policies);
  g_assert_true (pc_run_step (run, model->scenario->horizon_months, &error));
  g_assert_no_error (error);
  return pc_run_finish (g_steal_pointer (&run));
}

/* USD of the line @item in @month, or -1 when there is none. */
static double
line_usd (const PcRunResult *r, guint month, const char *item)
{
  for (guint i = 0; i < r->lines->len; i++) {
    const PcLineRecord *line = &g_array_index (r->lines, PcLineRecord, i);
    if (line->month == month && g_str_equal (line->item, item))
      return line->usd;
  }
  return -1;
}

/* The reservation bought in month 3 for 12 months, as run @r shows it. */
static void
assert_reserved_from_month_3 (const PcRunResult *r)
{
  for (guint m = 0; m < 20; m++) {
    gboolean reserved = m >= 3 && m <= 14;
    pc_assert_usd (line_usd (r, m, "instance-hours"), reserved ? RESERVED_MONTH : ON_DEMAND_MONTH);
    pc_assert_usd (line_usd (r, m, "reserved-instance upfront fee (paid)"), m == 3 ? FEE : -1);
    g_assert_cmpfloat (line_usd (r, m, "reserved-instance upfront fee (amortised)"), ==, -1);
  }
}

static void
test_upfront_and_end (void)
{
  g_test_summary ("Reserved from month 3 for 12 months: the $83 fee in month 3 only, $0.0095/h in months 3-14, on demand again from month 15");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) model = policy_model (host, "policy/reserved.xml", &error);
  g_assert_no_error (error);
  g_autoptr (PcRunResult) r = run_with (model, 1 << 0);
  assert_reserved_from_month_3 (r);
  g_autoptr (PcRunResult) none = run_with (model, 0);
  for (guint m = 0; m < 20; m++)
    pc_assert_usd (line_usd (none, m, "instance-hours"), ON_DEMAND_MONTH);
}

static void
test_stable_and_renewed (void)
{
  g_test_summary ("After 4 months of stable cost (months 0-3) the reservation starts in month 4 and is bought again in month 16");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) model = policy_model (host, "policy/reserved.xml", &error);
  g_assert_no_error (error);
  g_autoptr (PcRunResult) r = run_with (model, 1 << 1);
  for (guint m = 0; m < 20; m++) {
    pc_assert_usd (line_usd (r, m, "instance-hours"), m >= 4 ? RESERVED_MONTH : ON_DEMAND_MONTH);
    pc_assert_usd (line_usd (r, m, "reserved-instance upfront fee (paid)"), m == 4 || m == 16 ? FEE : -1);
  }
}

/* The first term's saving: 12 x 730 x (0.025 - 0.0095) - 83 = $52.78. */
#define FIRST_TERM (12 * (ON_DEMAND_MONTH - RESERVED_MONTH) - FEE)

/* Policy @j of @sv is the reservation bought in month 3 for 12 months. */
static void
assert_month_3_savings (const PcSavings *sv, guint j)
{
  pc_assert_usd (pc_signed_quantile (&sv->horizon_usd[j], 0.5), FIRST_TERM);
  /* $52.78 over the 12 months it was on: $4.398333 a month. */
  pc_assert_usd (pc_signed_quantile (&sv->monthly_usd[j], 0.5), FIRST_TERM / 12);
  /* The component also pays 20 GB of gp3 at $0.138 in every month: 20.93 %. */
  double percent = 100 * FIRST_TERM / (12 * (ON_DEMAND_MONTH + 20 * 0.138));
  g_assert_cmpfloat_with_epsilon (pc_signed_quantile (&sv->percent[j], 0.5), percent, percent * 2e-4);
  g_assert_cmpuint (sv->started[j]->counts[3], ==, 3);   /* month 3 in all 3 runs */
}

static void
test_savings (void)
{
  g_test_summary ("Saving against the same runs without the policy: 12 x 730 x (0.025 - 0.0095) - 83 = $52.78; the renewed one loses on its cut-short second term");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) model = policy_model (host, "policy/reserved.xml", &error);
  g_assert_no_error (error);
  g_autoptr (PcSavings) sv = pc_savings_run (model, 0, model->scenario->seed, &error);
  g_assert_no_error (error);
  assert_month_3_savings (sv, 0);
  /* Months 16-19 of a second term: 4 x 11.315 - 83 = -37.74. */
  pc_assert_usd (pc_signed_quantile (&sv->horizon_usd[1], 0.5), FIRST_TERM + 4 * (ON_DEMAND_MONTH - RESERVED_MONTH) - FEE);
  g_assert_cmpuint (sv->started[2]->total, ==, 0);       /* unpublished: never simulated */
}

static void
test_bad_policies (void)
{
  g_test_summary ("A policy on an unknown component or with a parameter its plugin lacks is refused with file:line");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  const char *files[] = { "policy/bad-component.xml", "policy/bad-parameter.xml" };
  for (guint i = 0; i < G_N_ELEMENTS (files); i++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (PcModel) model = policy_model (host, files[i], &error);
    g_assert_null (model);
    g_assert_nonnull (error);
    g_assert_nonnull (strstr (error->message, ":7: <policy id="));
    g_assert_nonnull (strstr (error->message, "allowed:"));
  }
}

static void
test_scenario_policy (void)
{
  g_test_summary ("The month-3 reservation in the scenario instead of the roadmap: fee in month 3, $52.78 saved, as in the "
                  "roadmap; under --roadmap reserved.xml it comes after the roadmap's three");
  g_autoptr (PcHost) host = pc_host_new (NULL);
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) own = scenario_model (host, "policy/scenario-reserved.xml", NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (own->n_policies, ==, 1);
  g_assert_true (own->policies[0].decl->in_scenario);
  g_autoptr (PcRunResult) r = run_with (own, 1 << 0);
  assert_reserved_from_month_3 (r);
  g_autoptr (PcSavings) sv = pc_savings_run (own, 0, own->scenario->seed, &error);
  g_assert_no_error (error);
  assert_month_3_savings (sv, 0);

  g_autoptr (PcModel) both = scenario_model (host, "policy/scenario-reserved.xml", "policy/reserved.xml", &error);
  g_assert_no_error (error);
  g_assert_cmpuint (both->n_policies, ==, 4);
  g_assert_cmpstr (both->policies[0].decl->id, ==, "ri-month-3");
  g_assert_cmpstr (both->policies[3].decl->id, ==, "scenario-ri-month-3");
  g_assert_false (both->policies[0].decl->in_scenario);
  g_autoptr (PcSavings) all = pc_savings_run (both, 0, both->scenario->seed, &error);
  g_assert_no_error (error);
  assert_month_3_savings (all, 0);
  assert_month_3_savings (all, 3);
}

/* A model that must be refused, with every one of @words in the message. */
static void
assert_refused (const char *scenario, const char *roadmap, const char *const *words)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) model = scenario_model (pc_test_host (), scenario, roadmap, &error);
  g_assert_null (model);
  g_assert_nonnull (error);
  g_test_message ("%s", error->message);
  for (guint i = 0; words[i]; i++)
    g_assert_nonnull (strstr (error->message, words[i]));
}

static void
test_duplicate_ids (void)
{
  g_test_summary ("A policy id twice, in the scenario and its roadmap or twice in one file, is refused naming both "
                  "file:line");
  assert_refused ("policy/scenario-duplicate.xml", NULL, (const char *[]) {
    "policy/scenario-duplicate.xml:11: <policy id=\"ri-month-3\">: duplicate id, first at ",
    "policy/reserved.xml:12;", "allowed:", NULL });
  assert_refused ("policy/scenario-twice.xml", NULL, (const char *[]) {
    "policy/scenario-twice.xml:12: <policy id=\"ri\">: duplicate id, first at ", "policy/scenario-twice.xml:9;",
    NULL });
  assert_refused ("policy/scenario.xml", "policy/twice.xml", (const char *[]) {
    "policy/twice.xml:10: <policy id=\"ri\">: duplicate id, first at ", "policy/twice.xml:7;", NULL });
}

static void
test_scenario_unknown_component (void)
{
  g_test_summary ("A scenario policy on a component its roadmap lacks is refused at the scenario's line, naming the "
                  "roadmap");
  assert_refused ("policy/scenario-bad-component.xml", NULL, (const char *[]) {
    "policy/scenario-bad-component.xml:9: <policy id=\"ri\" component=\"db\">: no phase has that component",
    "allowed:", "the roadmap is ", "policy/no-policy.xml", NULL });
}

/* `phasecast savings --format json`'s policies[]. */
static JsonArray *
cli_savings (JsonParser *parser, const char *const *args)
{
  g_autofree char *out = NULL, *err = NULL;
  g_assert_cmpint (pc_test_cli (args, &out, &err), ==, 0);
  g_assert_true (json_parser_load_from_data (parser, out, -1, NULL));
  return json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)), "policies");
}

static void
assert_cli_policy (JsonArray *policies, guint j, const char *id, const char *source)
{
  JsonObject *p = json_array_get_object_element (policies, j);
  g_assert_cmpstr (json_object_get_string_member (p, "id"), ==, id);
  g_assert_cmpstr (json_object_get_string_member (p, "source"), ==, source);
  JsonObject *horizon = json_object_get_object_member (p, "saving_horizon_usd");
  pc_assert_usd (json_object_get_double_member (horizon, "p50"), FIRST_TERM);
}

static void
test_scenario_cli (void)
{
  g_test_summary ("phasecast savings reports a scenario's policy with its own roadmap and under --roadmap; validate "
                  "accepts it");
  g_autofree char *scenario = pc_test_data ("policy/scenario-reserved.xml");
  g_autofree char *roadmap = pc_test_data ("policy/reserved.xml");
  g_autoptr (JsonParser) own = json_parser_new (), both = json_parser_new ();
  JsonArray *policies = cli_savings (own, (const char *[]) { "savings", scenario, "--format", "json", NULL });
  g_assert_cmpuint (json_array_get_length (policies), ==, 1);
  assert_cli_policy (policies, 0, "scenario-ri-month-3", "scenario");
  policies = cli_savings (both,
                          (const char *[]) { "savings", scenario, "--roadmap", roadmap, "--format", "json", NULL });
  g_assert_cmpuint (json_array_get_length (policies), ==, 4);
  assert_cli_policy (policies, 0, "ri-month-3", "roadmap");
  assert_cli_policy (policies, 3, "scenario-ri-month-3", "scenario");
  g_autofree char *err = NULL;
  g_assert_cmpint (pc_test_cli ((const char *[]) { "validate", scenario, NULL }, NULL, &err), ==, 0);
  g_assert_nonnull (strstr (err, "0 indicators and 1 policies resolved"));
}

/* The <define name="@name"> child of @doc's grammar, as text. */
static char *
define_text (xmlDoc *doc, const char *name)
{
  for (xmlNode *node = xmlDocGetRootElement (doc)->children; node; node = node->next) {
    g_autofree char *attr = pc_xml_is (node, "define") ? pc_xml_attr (node, "name") : NULL;
    if (g_strcmp0 (attr, name) != 0)
      continue;
    xmlBuffer *buffer = xmlBufferCreate ();
    xmlNodeDump (buffer, doc, node, 0, 0);
    char *text = g_strdup ((const char *) xmlBufferContent (buffer));
    xmlBufferFree (buffer);
    return text;
  }
  return NULL;
}

static void
test_schema_copy (void)
{
  g_test_summary ("scenario.rng's <policy> definition (and the two it refers to) is roadmap.rng's, unchanged");
  g_autofree char *roadmap_path = g_build_filename (g_getenv ("PHASECAST_DATA_DIR"), "schema", "roadmap.rng", NULL);
  g_autofree char *scenario_path = g_build_filename (g_getenv ("PHASECAST_DATA_DIR"), "schema", "scenario.rng", NULL);
  g_autoptr (xmlDoc) roadmap = xmlReadFile (roadmap_path, NULL, XML_PARSE_NONET);
  g_autoptr (xmlDoc) scenario = xmlReadFile (scenario_path, NULL, XML_PARSE_NONET);
  g_assert_nonnull (roadmap);
  g_assert_nonnull (scenario);
  const char *names[] = { "policy", "name", "usd" };
  for (guint i = 0; i < G_N_ELEMENTS (names); i++) {
    g_autofree char *in_roadmap = define_text (roadmap, names[i]), *in_scenario = define_text (scenario, names[i]);
    g_assert_nonnull (in_roadmap);
    g_assert_cmpstr (in_scenario, ==, in_roadmap);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/policy/reserved/upfront-and-end-month", test_upfront_and_end);
  g_test_add_func ("/policy/reserved/stable-cost-and-renewal", test_stable_and_renewed);
  g_test_add_func ("/policy/savings", test_savings);
  g_test_add_func ("/policy/bad", test_bad_policies);
  g_test_add_func ("/policy/scenario/cli", test_scenario_cli);
  g_test_add_func ("/policy/scenario/duplicate-id", test_duplicate_ids);
  g_test_add_func ("/policy/scenario/same-savings", test_scenario_policy);
  g_test_add_func ("/policy/scenario/schema-copy", test_schema_copy);
  g_test_add_func ("/policy/scenario/unknown-component", test_scenario_unknown_component);
  return g_test_run ();
}
