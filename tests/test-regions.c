/* test-regions.c - the seed roadmap in every shipped Region (issue 20).
 *
 * Before the second feed pass a planner outside the seed's three Regions
 * could not run the seed roadmap: some component's price was missing from
 * the Region's catalog and the model refused to build.  Here every phase of
 * data/roadmaps/seed.xml must price in each of the twelve Regions, and
 * scenarios/baseline.xml, moved to a Region, must simulate with all four
 * phases reached.  Singapore is left out of both: it is the seed's DR Region,
 * and the roadmap's dr-replication rightly refuses to replicate a Region to
 * itself (a primary there needs a roadmap with another DR Region).  One month
 * is worked by hand: the MVP's API task and database in US East (Ohio), from
 * its catalog's feed prices. */
#include "testlib.h"

#include <glib/gstdio.h>

/* The shipped Regions but the seed's DR Region, ap-southeast-1. */
static const char *const regions[] = {
  "ap-northeast-1", "ap-south-1", "ap-southeast-2", "ca-central-1", "eu-central-1", "eu-west-1",
  "eu-west-2", "sa-east-1", "us-east-1", "us-east-2", "us-west-2",
};

static char *
source_path (const char *a, const char *b)
{
  return g_test_build_filename (G_TEST_DIST, "..", a, b, NULL);
}

/* Every phase's components are created in the Region (the model builds). */
static void
test_roadmap_prices (gconstpointer data)
{
  const char *region = data;
  g_autofree char *roadmap = source_path ("data", "roadmaps/seed.xml");
  g_autoptr (GError) error = NULL;
  g_autoptr (PcModel) model = pc_model_new_for_roadmap (roadmap, region, pc_test_host (), &error);
  g_assert_no_error (error);
  g_assert_cmpuint (model->n_phases, ==, 4);
}

/* scenarios/baseline.xml with the world in @region and the roadmap named by
 * its absolute path, written to @dir. */
static char *
baseline_in (const char *region, const char *dir)
{
  g_autofree char *path = source_path ("scenarios", "baseline.xml");
  g_autofree char *roadmap = source_path ("data", "roadmaps/seed.xml");
  g_autofree char *text = NULL;
  g_assert_true (g_file_get_contents (path, &text, NULL, NULL));
  g_autofree char *world = g_strdup_printf ("region=\"%s\"", region);
  g_autofree char *href = g_strdup_printf ("href=\"%s\"", roadmap);
  g_autoptr (GString) moved = g_string_new (text);
  g_assert_cmpuint (g_string_replace (moved, "region=\"ap-southeast-2\"", world, 1), ==, 1);
  g_assert_cmpuint (g_string_replace (moved, "href=\"../data/roadmaps/seed.xml\"", href, 1), ==, 1);
  char *out = g_build_filename (dir, "baseline.xml", NULL);
  g_assert_true (g_file_set_contents (out, moved->str, -1, NULL));
  return out;
}

static PcReport *
simulate_in (const char *region, PcModel **model_out)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = g_dir_make_tmp ("pc-regions-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *scenario = baseline_in (region, dir);
  PcModel *model = pc_model_new (scenario, NULL, pc_test_host (), &error);
  g_assert_no_error (error);
  PcSimulateOptions options = { .runs = 20, .threads = 2 };
  PcReport *report = pc_simulate (model, &options, &error);
  g_assert_no_error (error);
  pc_test_remove_tree (dir);
  *model_out = model;
  return report;
}

static void
test_baseline_runs (gconstpointer data)
{
  const char *region = data;
  g_autoptr (PcModel) model = NULL;
  g_autoptr (PcReport) report = simulate_in (region, &model);
  for (guint p = 0; p < model->n_phases; p++) {
    g_assert_cmpfloat (report->phases[p].reached_probability, ==, 1.0);
    g_assert_true (isfinite (report->phases[p].monthly_cost.p50));
    g_assert_cmpfloat (report->phases[p].monthly_cost.p50, >, 0.0);
  }
}

static guint
slot_of (const PcModel *model, const char *name)
{
  for (guint i = 0; i < model->slots->len; i++)
    if (g_str_equal (model->slots->pdata[i], name))
      return i;
  g_error ("no component %s", name);
}

/* US East (Ohio), v1.0, feed prices of aws-us-east-2.xml:
 *   api: the seed's 0.25 vCPU, 0.5 GB task with a public IPv4 address,
 *        730 h x (0.25 x 0.04048 + 0.5 x 0.004445 + 0.005) = 7.3876 + 1.622425 + 3.65 = 12.660025
 *   database: db.t4g.micro 730 h x 0.016 + 20 GB gp3 x 0.115 = 11.68 + 2.30 = 13.98 */
static void
test_ohio_mvp_month (void)
{
  g_test_summary ("Ohio's MVP month: the API task $12.660025 and the database $13.98, as worked by hand");
  g_autoptr (PcModel) model = NULL;
  g_autoptr (PcReport) report = simulate_in ("us-east-2", &model);
  const PcPhaseReport *mvp = &report->phases[0];
  pc_assert_usd (mvp->slot_mean_usd[slot_of (model, "api")], 730 * (0.25 * 0.04048 + 0.5 * 0.004445 + 0.005));
  pc_assert_usd (mvp->slot_mean_usd[slot_of (model, "database")], 730 * 0.016 + 20 * 0.115);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (regions); i++) {
    g_autofree char *prices = g_strdup_printf ("/regions/%s/seed-roadmap-prices", regions[i]);
    g_test_add_data_func (prices, regions[i], test_roadmap_prices);
    g_autofree char *runs = g_strdup_printf ("/regions/%s/baseline-runs", regions[i]);
    g_test_add_data_func (runs, regions[i], test_baseline_runs);
  }
  g_test_add_func ("/regions/us-east-2/mvp-month", test_ohio_mvp_month);
  return g_test_run ();
}
