/* cmd-crossover.c - `phasecast compare SCENARIO --roadmap A --roadmap B ...`:
 * one scenario under any number of roadmaps ("roads"), run over the same
 * futures (core/crossover.c): month by month and phase by phase which road
 * is cheaper, the month the order of two roads flips (P10/P50/P90 over
 * runs), and the latency each road pays against the response-time trigger.
 * Table for people, JSON for programs (numbers as numbers, null for none). */
#include "cli.h"
#include "pc-crossover.h"

#include <json-glib/json-glib.h>

gboolean
pc_cli_wants_roads (int argc, char **argv)
{
  for (int i = 1; i < argc; i++)
    if (g_str_equal (argv[i], "--roadmap") || g_str_has_prefix (argv[i], "--roadmap="))
      return TRUE;
  return FALSE;
}

static char
road_letter (guint road)
{
  return (char) ('A' + road % 26);
}

static char *
date_of (const PcCrossover *x, double month)
{
  if (isnan (month))
    return g_strdup ("never");
  return pc_scenario_date (x->models[0]->scenario, (guint) lround (month));
}

/* Percentiles of the flip month over the runs in which it flipped. */
static PcPercentiles
flip_percentiles (const PcCrossover *x, guint pair, double *share)
{
  const PcMonthCounts *counts = x->pair_cross[pair];
  g_autoptr (PcMonthCounts) flipped = pc_month_counts_new (x->n_months);
  for (guint m = 0; m < x->n_months; m++)
    pc_month_counts_add (flipped, m, counts->counts[m]);
  *share = counts->total ? (double) flipped->total / (double) counts->total : 0;
  PcPercentiles p = { pc_month_counts_quantile (flipped, 0.1), pc_month_counts_quantile (flipped, 0.5),
                      pc_month_counts_quantile (flipped, 0.9), flipped->total > 0 };
  return p;
}

static PcPercentiles
sketch_percentiles (const PcSketch *s)
{
  PcPercentiles p = { pc_sketch_quantile (s, 0.1), pc_sketch_quantile (s, 0.5), pc_sketch_quantile (s, 0.9), s->n > 0 };
  return p;
}

static PcPercentiles
signed_percentiles (const PcSignedSketch *s)
{
  PcPercentiles p = { pc_signed_quantile (s, 0.1), pc_signed_quantile (s, 0.5), pc_signed_quantile (s, 0.9),
                      s->positive->n + s->negative->n > 0 };
  return p;
}

/* The road cheapest in most runs of row @cell of @counts, and that share. */
static guint
usual_cheapest (const guint64 *counts, guint n_roads, gsize stride, gsize cell, guint64 total, double *share)
{
  guint best = 0;
  for (guint r = 1; r < n_roads; r++)
    if (counts[r * stride + cell] > counts[best * stride + cell])
      best = r;
  *share = total ? (double) counts[best * stride + cell] / (double) total : 0;
  return best;
}

static void
print_months (const PcCrossover *x)
{
  g_print ("\nMonthly cost, USD: P50 over runs; difference from A paired run by run, P50 (P10 to P90); the road cheapest in most runs\n");
  g_print ("%-8s", "month");
  for (guint r = 0; r < x->n_roads; r++)
    g_print ("  %c P50     ", road_letter (r));
  for (guint r = 1; r < x->n_roads; r++) {
    char label[32];
    g_snprintf (label, sizeof label, "%c-A P50 (P10 to P90)", road_letter (r));
    g_print ("  %-34s", label);
  }
  g_print ("  cheapest\n");
  for (guint m = 0; m < x->n_months; m++) {
    g_autofree char *date = pc_scenario_date (x->models[0]->scenario, m);
    g_print ("%-8s", date);
    for (guint r = 0; r < x->n_roads; r++)
      g_print ("  %10.2f", pc_sketch_quantile (x->month_cost[r * x->n_months + m], 0.5));
    for (guint r = 1; r < x->n_roads; r++) {
      PcPercentiles d = signed_percentiles (&x->month_diff[r * x->n_months + m]);
      g_print ("  %9.2f (%9.2f to %9.2f)", d.p50, d.p10, d.p90);
    }
    double share;
    guint best = usual_cheapest (x->month_cheapest, x->n_roads, x->n_months, m, x->runs, &share);
    g_print ("  %c %5.1f%%\n", road_letter (best), 100 * share);
  }
}

static void
print_phases (const PcCrossover *x)
{
  g_print ("\nPer phase (road A's phases, matched by id): a run's mean monthly cost in the phase, P50 over runs; the road cheapest in most runs that entered it on every road\n");
  g_print ("%-8s", "phase");
  for (guint r = 0; r < x->n_roads; r++)
    g_print ("  %c P50     ", road_letter (r));
  g_print ("  cheapest\n");
  for (guint p = 0; p < x->n_phases; p++) {
    g_print ("%-8s", x->models[0]->phases[p].decl->id);
    for (guint r = 0; r < x->n_roads; r++) {
      const PcSketch *s = x->phase_cost[r * x->n_phases + p];
      if (s->n > 0)
        g_print ("  %10.2f", pc_sketch_quantile (s, 0.5));
      else
        g_print ("  %10s", "never");
    }
    double share;
    guint best = usual_cheapest (x->phase_cheapest, x->n_roads, x->n_phases, p, x->phase_runs[p], &share);
    if (x->phase_runs[p] > 0)
      g_print ("  %c %5.1f%%\n", road_letter (best), 100 * share);
    else
      g_print ("  -\n");
  }
}

static void
print_crossovers (const PcCrossover *x)
{
  g_print ("\nCrossover: the first month the order of two roads flips (over the runs in which it does)\n");
  for (guint a = 0; a < x->n_roads; a++)
    for (guint b = a + 1; b < x->n_roads; b++) {
      double share;
      PcPercentiles p = flip_percentiles (x, pc_crossover_pair (x, a, b), &share);
      g_autofree char *p10 = date_of (x, p.p10), *p50 = date_of (x, p.p50), *p90 = date_of (x, p.p90);
      if (p.valid)
        g_print ("  %c vs %c: flips in %5.1f%% of runs, P50 %s (P10 %s, P90 %s)\n", road_letter (a), road_letter (b),
                 100 * share, p50, p10, p90);
      else
        g_print ("  %c vs %c: the order never flips\n", road_letter (a), road_letter (b));
    }
}

/* The month whose P50 of @rows is highest, and that value. */
static double
worst_month (PcSketch **rows, guint n_months, double fraction, guint *month)
{
  double worst = NAN;
  for (guint m = 0; m < n_months; m++) {
    double v = rows[m]->n ? pc_sketch_quantile (rows[m], fraction) : NAN;
    if (!isnan (v) && (isnan (worst) || v > worst))
      worst = v, *month = m;
  }
  return worst;
}

static void
print_latency (const PcCrossover *x)
{
  if (isnan (x->trigger_s))
    g_print ("\nLatency (no roadmap has a response-time trigger)\n");
  else
    g_print ("\nLatency against the roadmaps' response-time trigger (response_time_s > %.2f s at the peak)\n", x->trigger_s);
  for (guint r = 0; r < x->n_roads; r++) {
    guint month = 0, cold_month = 0;
    double response = worst_month (x->response + r * x->n_months, x->n_months, 0.9, &month);
    double cold = worst_month (x->cold_share + r * x->n_months, x->n_months, 0.5, &cold_month);
    g_autofree char *date = pc_scenario_date (x->models[0]->scenario, month);
    g_autofree char *cold_date = pc_scenario_date (x->models[0]->scenario, cold_month);
    g_print ("  %c: response P90 at worst %.3f s (%s); runs over the trigger %.1f%%", road_letter (r), response, date,
             x->runs ? 100.0 * (double) x->runs_over_trigger[r] / x->runs : 0);
    if (!isnan (cold))
      g_print ("; cold starts P50 at worst %.2f%% of invocations (%s), a cold request waits %.3f s", 100 * cold,
               cold_date, x->cold_latency_s[r]);
    g_print ("\n");
  }
}

static void
print_table (const PcCrossover *x)
{
  const PcScenario *s = x->models[0]->scenario;
  g_autofree char *start = pc_scenario_date (s, 0);
  g_print ("phasecast compare: scenario %s, region %s, from %s for %u months, %u runs, seed %" G_GUINT64_FORMAT
           "; run i of every road uses the same random stream\n", s->name, s->region, start, x->n_months, x->runs,
           x->seed);
  for (guint r = 0; r < x->n_roads; r++)
    g_print ("  %c = %s (%s)\n", road_letter (r), x->models[r]->roadmap->name, x->models[r]->roadmap->path);
  print_months (x);
  print_phases (x);
  print_crossovers (x);
  print_latency (x);
}

/* ---- JSON ---- */

static void
json_month (JsonBuilder *b, const PcCrossover *x, guint m)
{
  g_autofree char *date = pc_scenario_date (x->models[0]->scenario, m);
  json_builder_begin_object (b);
  pc_cli_json_number (b, "month", m);
  pc_cli_json_string (b, "date", date);
  double share;
  guint best = usual_cheapest (x->month_cheapest, x->n_roads, x->n_months, m, x->runs, &share);
  pc_cli_json_string (b, "cheapest", x->models[best]->roadmap->name);
  pc_cli_json_number (b, "cheapest_share", share);
  json_builder_set_member_name (b, "roads");
  json_builder_begin_array (b);
  for (guint r = 0; r < x->n_roads; r++) {
    gsize cell = (gsize) r * x->n_months + m;
    json_builder_begin_object (b);
    pc_cli_json_string (b, "roadmap", x->models[r]->roadmap->name);
    pc_cli_json_percentiles (b, "cost_usd", sketch_percentiles (x->month_cost[cell]));
    pc_cli_json_percentiles (b, "difference_usd", signed_percentiles (&x->month_diff[cell]));
    pc_cli_json_number (b, "cheapest_share", x->runs ? (double) x->month_cheapest[cell] / x->runs : 0);
    pc_cli_json_percentiles (b, "response_time_s", sketch_percentiles (x->response[cell]));
    pc_cli_json_percentiles (b, "cold_start_share", sketch_percentiles (x->cold_share[cell]));
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
json_phase (JsonBuilder *b, const PcCrossover *x, guint p)
{
  json_builder_begin_object (b);
  pc_cli_json_string (b, "phase", x->models[0]->phases[p].decl->id);
  pc_cli_json_number (b, "runs_on_every_road", (double) x->phase_runs[p]);
  json_builder_set_member_name (b, "roads");
  json_builder_begin_array (b);
  for (guint r = 0; r < x->n_roads; r++) {
    json_builder_begin_object (b);
    pc_cli_json_string (b, "roadmap", x->models[r]->roadmap->name);
    pc_cli_json_percentiles (b, "monthly_cost_usd", sketch_percentiles (x->phase_cost[r * x->n_phases + p]));
    pc_cli_json_number (b, "cheapest_share",
                x->phase_runs[p] ? (double) x->phase_cheapest[r * x->n_phases + p] / (double) x->phase_runs[p] : NAN);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static void
json_crossovers (JsonBuilder *b, const PcCrossover *x)
{
  json_builder_set_member_name (b, "crossovers");
  json_builder_begin_array (b);
  for (guint a = 0; a < x->n_roads; a++)
    for (guint c = a + 1; c < x->n_roads; c++) {
      double share;
      PcPercentiles p = flip_percentiles (x, pc_crossover_pair (x, a, c), &share);
      json_builder_begin_object (b);
      pc_cli_json_string (b, "a", x->models[a]->roadmap->name);
      pc_cli_json_string (b, "b", x->models[c]->roadmap->name);
      pc_cli_json_number (b, "flipped_share", share);
      pc_cli_json_percentiles (b, "month", p);
      json_builder_end_object (b);
    }
  json_builder_end_array (b);
}

static void
json_latency (JsonBuilder *b, const PcCrossover *x)
{
  json_builder_set_member_name (b, "latency");
  json_builder_begin_object (b);
  pc_cli_json_number (b, "trigger_s", x->trigger_s);
  json_builder_set_member_name (b, "roads");
  json_builder_begin_array (b);
  for (guint r = 0; r < x->n_roads; r++) {
    json_builder_begin_object (b);
    pc_cli_json_string (b, "roadmap", x->models[r]->roadmap->name);
    pc_cli_json_number (b, "runs_over_trigger_share", x->runs ? (double) x->runs_over_trigger[r] / x->runs : 0);
    pc_cli_json_number (b, "cold_request_latency_s", x->cold_latency_s[r]);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
}

static char *
render_json (const PcCrossover *x)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  pc_cli_json_string (b, "scenario", x->models[0]->scenario->name);
  pc_cli_json_number (b, "runs", x->runs);
  json_builder_set_member_name (b, "seed");
  json_builder_add_value (b, pc_json_uint64_node (x->seed));
  json_builder_set_member_name (b, "roadmaps");
  json_builder_begin_array (b);
  for (guint r = 0; r < x->n_roads; r++)
    json_builder_add_string_value (b, x->models[r]->roadmap->name);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "months");
  json_builder_begin_array (b);
  for (guint m = 0; m < x->n_months; m++)
    json_month (b, x, m);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "phases");
  json_builder_begin_array (b);
  for (guint p = 0; p < x->n_phases; p++)
    json_phase (b, x, p);
  json_builder_end_array (b);
  json_crossovers (b, x);
  json_latency (b, x);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  char *text = pc_json_to_text (root, TRUE);
  char *with_newline = g_strconcat (text, "\n", NULL);
  g_free (text);
  return with_newline;
}

/* ---- the command ---- */

static void
free_models (PcModel **models, guint n)
{
  for (guint i = 0; i < n; i++)
    pc_model_free (models[i]);
  g_free (models);
}

int
pc_cmd_compare_roads (int argc, char **argv)
{
  g_auto (GStrv) roadmaps = NULL;
  g_autofree char *format_text = NULL;
  g_autofree char *runs = NULL, *seed = NULL, *message = NULL;
  const GOptionEntry entries[] = {
    { "roadmap", 'r', 0, G_OPTION_ARG_FILENAME_ARRAY, &roadmaps, "A roadmap to run the scenario under (two or more)", "FILE" },
    { "runs", 'n', 0, G_OPTION_ARG_STRING, &runs, "Monte Carlo runs, 1 to 1000000 (default: the scenario's)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed, "Random seed, 0 to 2^64-1 (default: the scenario's)", "SEED" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, "table (default) or json", "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("SCENARIO --roadmap A --roadmap B [--roadmap C ...]",
      "One scenario under several roadmaps over the same futures: which is cheaper month by month and phase by "
      "phase, the month their order flips, and the latency each pays.", entries);
  GError *error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error)) {
    int status = pc_cli_usage_error (context, error->message);
    g_error_free (error);
    return status;
  }
  PcFormat format;
  PcSimulateOptions counts = { 0 };
  if (argc != 2 || roadmaps == NULL || g_strv_length (roadmaps) < 2 ||
      !pc_cli_parse_format (format_text, &format, FALSE))
    return pc_cli_usage_error (context, "compare takes one scenario and two or more --roadmap; --format is table or "
                                        "json");
  if (!pc_cli_parse_run_options (runs, seed, NULL, &counts, &message))
    return pc_cli_usage_error (context, message);
  if (!pc_cli_memory_enough (PC_CLI_NEED_SIMULATION, 1))
    return 1;
  guint n = g_strv_length (roadmaps);
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) pc_cli_plugin_dirs);
  PcModel **models = g_new0 (PcModel *, n);
  for (guint r = 0; r < n && error == NULL; r++)
    models[r] = pc_model_new (argv[1], roadmaps[r], host, &error);
  g_autoptr (PcCrossover) x = NULL;
  if (error == NULL)
    x = pc_crossover_run (models, n, counts.runs, counts.seed_set ? counts.seed : models[0]->scenario->seed, &error);
  int status = 0;
  if (x == NULL)
    status = pc_cli_fail (error);
  else if (format == PC_FORMAT_JSON)
    pc_cli_print_text (render_json (x));
  else
    print_table (x);
  g_clear_pointer (&x, pc_crossover_free);
  free_models (models, n);
  return status;
}
