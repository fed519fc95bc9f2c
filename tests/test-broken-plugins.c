/* Plugins that break the contract while they run (tests/plugins/broken):
 * each is refused for its own reason, naming the component, the plugin and
 * the month, in a simulation on any thread count and in `phasecast price`;
 * none crashes the host or reaches a report (issue 15, items 1 and 8).
 * Also: a bad demand the scenario itself makes is blamed on the scenario,
 * not on the first plugin that meets it. */
#include "testlib.h"

#include <glib/gstdio.h>

typedef struct {
  const char *plugin;
  gboolean at_create;         /* refused when the model is built (validate) */
  int month;                  /* the first month it breaks */
  const char *why;            /* what the message must say */
} BrokenCase;

static const BrokenCase cases[] = {
  { "broken-step-false", FALSE, 0, "plugin broken-step-false: step() failed without saying why" },
  { "broken-nan-metric", FALSE, 0, "plugin broken-nan-metric reported metric \"m\" as NaN" },
  { "broken-inf-metric", FALSE, 0, "plugin broken-inf-metric reported metric \"m\" as infinite" },
  { "broken-metric-index", FALSE, 0, "plugin broken-metric-index reported metric index 7, but it declares 1 metrics" },
  { "broken-nan-demand", FALSE, 0, "left demand requests at NaN" },
  { "broken-late-nan-demand", FALSE, 5, "left demand requests at NaN" },
  { "broken-negative-demand", FALSE, 0, "left demand egress_gb at a negative value" },
  { "broken-inf-demand", FALSE, 0, "left demand level_rps at infinity" },
  { "broken-levels", FALSE, 0, "left demand n_levels at 1000 (at most 64)" },
  { "broken-negative-cost", FALSE, 0, "added line \"refund\" with a quantity or cost that is negative or not finite" },
  { "broken-nan-cost", FALSE, 0, "plugin broken-nan-cost charged a cost that is not a number" },
  { "broken-inf-cost", FALSE, 0, "plugin broken-inf-cost charged a cost that is infinite" },
  { "broken-negative-quantity", FALSE, 0, "added line \"fee\" with a quantity or cost that is negative or not finite" },
  { "broken-too-many-lines", FALSE, 0, "plugin broken-too-many-lines added more than 32 line items" },
  { "broken-create-null", TRUE, 0, "plugin broken-create-null: create() failed without saying why" },
  { "broken-create-index", TRUE, 0, "read parameter index 5, but its table has 1 parameters" },
  { "broken-create-type", TRUE, 0, "read parameter \"size\" as int, but its table declares it double" },
};

#define SCENARIO \
  "<scenario format=\"1\" name=\"broken\">\n" \
  "  <world start=\"2026-01\" horizon-months=\"12\" region=\"ap-southeast-2\"/>\n" \
  "  <roadmap href=\"roadmap.xml\"/>\n" \
  "  <montecarlo runs=\"8\" seed=\"3\"/>\n" \
  "  <growth model=\"actuals\" users-per-customer=\"10\" quotes-per-user-month=\"1\">\n" \
  "    <actual month=\"0\" customers=\"1\"/><actual month=\"10\" customers=\"10\"/>\n" \
  "  </growth>\n" \
  "</scenario>\n"

#define ROADMAP \
  "<roadmap format=\"1\" name=\"broken\">\n" \
  "  <phase id=\"only\" name=\"Only\">\n" \
  "    <component name=\"svc\" plugin=\"fixed-cost\"/>\n" \
  "    <component name=\"edge\" plugin=\"%s\"/>\n" \
  "  </phase>\n" \
  "</roadmap>\n"

static PcHost *
broken_host (void)
{
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "plugins", "broken", NULL);
  const char *dirs[] = { dir, NULL };
  return pc_host_new (dirs);
}

/* Builds the model of SCENARIO with @plugin as the edge component. */
static PcModel *
broken_model (PcHost *host, const char *plugin, GError **error)
{
  g_autofree char *dir = g_dir_make_tmp ("phasecast-broken-XXXXXX", NULL);
  g_autofree char *scenario = g_build_filename (dir, "scenario.xml", NULL);
  g_autofree char *roadmap = g_build_filename (dir, "roadmap.xml", NULL);
  g_autofree char *roadmap_text = g_strdup_printf (ROADMAP, plugin);
  g_assert_true (g_file_set_contents (scenario, SCENARIO, -1, NULL));
  g_assert_true (g_file_set_contents (roadmap, roadmap_text, -1, NULL));
  PcModel *model = pc_model_new (scenario, NULL, host, error);
  g_unlink (scenario), g_unlink (roadmap), g_rmdir (dir);
  return model;
}

static char *
simulate_error (const PcModel *model, guint threads)
{
  g_autoptr (GError) error = NULL;
  PcSimulateOptions options = { .threads = threads };
  g_autoptr (PcReport) report = pc_simulate (model, &options, &error);
  g_assert_null (report);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_MISUSE);
  return g_strdup (error->message);
}

static void
test_run (gconstpointer data)
{
  const BrokenCase *c = data;
  g_autoptr (PcHost) host = broken_host ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) model = broken_model (host, c->plugin, &error);
  if (c->at_create) {
    g_assert_null (model);
    g_test_message ("%s", error->message);
    g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_MISUSE);
    g_assert_nonnull (strstr (error->message, "roadmap.xml:4: <component name=\"edge\"> in phase only: "));
    g_assert_nonnull (strstr (error->message, c->why));
    return;
  }
  g_assert_no_error (error);
  g_autofree char *one = simulate_error (model, 1);
  g_autofree char *two = simulate_error (model, 2);
  g_test_message ("%s", one);
  g_autofree char *where = g_strdup_printf ("run 0: component \"edge\" (plugin %s), month %d: ", c->plugin, c->month);
  g_assert_true (g_str_has_prefix (one, where));
  g_assert_nonnull (strstr (one, c->why));
  g_assert_null (strstr (one, "fixed-cost"));   /* the plugin after it is not blamed */
  g_assert_cmpstr (one, ==, two);               /* the same error on any thread count */
}

/* `phasecast price` steps the plugin once, at month 0, with the same checks. */
static void
test_price (gconstpointer data)
{
  const BrokenCase *c = data;
  g_autoptr (PcHost) host = broken_host ();
  g_autoptr (GError) error = NULL;
  const PcPlugin *plugin = pc_host_get (host, c->plugin, &error);
  g_assert_no_error (error);
  g_autofree char *pricing = pc_find_data_subdir ("pricing");
  g_autoptr (PcCatalog) catalog = pc_catalog_load_region (pricing, "ap-southeast-2", &error);
  g_assert_no_error (error);
  g_autoptr (PcConfig) config = pc_config_new (pc_plugin_info (plugin), "edge");
  g_autoptr (PcUsage) usage = pc_usage_new ();
  g_autoptr (PcStepResult) result = pc_step_result_new ();
  gboolean ok = pc_price_month (plugin, config, catalog, usage, result, &error);
  if (c->month > 0) {
    g_assert_no_error (error);   /* it only breaks later */
    g_assert_true (ok);
    return;
  }
  g_assert_false (ok);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_MISUSE);
  g_assert_nonnull (strstr (error->message, c->why));
}

/* A business whose numbers are not finite (which the loader's bounds no
 * longer let through: the model is changed after loading) is the
 * scenario's fault, whichever plugin meets it first. */
static void
test_workload_blamed (void)
{
  g_autoptr (PcHost) host = broken_host ();
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) model = broken_model (host, "fixed-cost", &error);
  g_assert_no_error (error);
  model->scenario->growth.users_per_customer = INFINITY;
  PcSimulateOptions options = { .threads = 1 };
  g_autoptr (PcReport) report = pc_simulate (model, &options, &error);
  g_assert_null (report);
  g_test_message ("%s", error->message);
  g_assert_true (g_str_has_prefix (error->message, "run 0: month 0: the scenario's growth and load (before any "
                                                   "component) left demand "));
  g_assert_null (strstr (error->message, "plugin"));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *run = g_strdup_printf ("/broken/run/%s", cases[i].plugin);
    g_autofree char *price = g_strdup_printf ("/broken/price/%s", cases[i].plugin);
    g_test_add_data_func (run, &cases[i], test_run);
    if (!cases[i].at_create)
      g_test_add_data_func (price, &cases[i], test_price);
  }
  g_test_add_func ("/broken/workload-blamed", test_workload_blamed);
  return g_test_run ();
}
