/* cmd-savings.c - `phasecast savings SCENARIO [--roadmap R]`: what each of
 * the roadmap's and the scenario's policies (<policy>: reserved instances,
 * Spot shares, S3 lifecycle, log retention, a Sentry plan...) saves against
 * the same runs without it, next to the saving its file claims for it, and
 * which policies could not be priced because AWS publishes no rate for
 * them.  --roadmap replaces the scenario's roadmap, not its policies. */
#include "cli.h"
#include "pc-policy.h"
#include "pc-savings.h"

#include <json-glib/json-glib.h>

static PcPercentiles
signed_percentiles (const PcSignedSketch *s)
{
  PcPercentiles p = { pc_signed_quantile (s, 0.1), pc_signed_quantile (s, 0.5), pc_signed_quantile (s, 0.9),
                      s->positive->n + s->negative->n > 0 };
  return p;
}

/* How the measured P50 percentage stands against the claimed range. */
static const char *
verdict (const PcOptimizationDecl *d, const PcPercentiles *percent)
{
  if (isnan (d->claim_min_percent) || !percent->valid)
    return "";
  if (percent->p50 < d->claim_min_percent)
    return "below the claim";
  if (percent->p50 > d->claim_max_percent)
    return "above the claim";
  return "within the claim";
}

/* Which file a policy is in, as the report names it. */
static const char *
source (const PcOptimizationDecl *d)
{
  return d->in_scenario ? "scenario" : "roadmap";
}

static void
print_policy (const PcSavings *sv, guint j)
{
  const PcOptimizationDecl *d = sv->model->policies[j].decl;
  g_print ("\n%s (component %s, the %s's)%s%s\n", d->id, d->component, source (d), d->description ? ": " : "",
           d->description ? d->description : "");
  if (d->unpublished) {
    g_print ("  not priced: no published rate found (%s)\n", d->unpublished);
    return;
  }
  const PcMonthCounts *started = sv->started[j];
  guint64 never = started->counts[sv->n_months];
  g_autoptr (PcMonthCounts) on = pc_month_counts_new (sv->n_months);
  for (guint m = 0; m < sv->n_months; m++)
    pc_month_counts_add (on, m, started->counts[m]);
  if (on->total == 0) {
    g_print ("  never started in %u runs\n", sv->runs);
    return;
  }
  g_autofree char *start = pc_scenario_date (sv->model->scenario, (guint) lround (pc_month_counts_quantile (on, 0.5)));
  PcPercentiles total = signed_percentiles (&sv->horizon_usd[j]), monthly = signed_percentiles (&sv->monthly_usd[j]);
  PcPercentiles percent = signed_percentiles (&sv->percent[j]);
  g_print ("  started in %.1f%% of runs, P50 %s\n", 100.0 * (double) on->total / (double) (on->total + never), start);
  g_print ("  saving over the horizon      USD %10.2f (P10 %.2f, P90 %.2f)\n", total.p50, total.p10, total.p90);
  g_print ("  saving per month it was on   USD %10.2f (P10 %.2f, P90 %.2f)\n", monthly.p50, monthly.p10, monthly.p90);
  if (percent.valid)
    g_print ("  on the component's own cost  %10.1f %% (P10 %.1f %%, P90 %.1f %%)\n", percent.p50, percent.p10, percent.p90);
  if (!isnan (d->claim_min_percent))
    g_print ("  the %s claims %g-%g %%: %s\n", source (d), d->claim_min_percent, d->claim_max_percent,
             verdict (d, &percent));
  if (!isnan (d->claim_min_usd))
    g_print ("  the %s claims USD %g-%g a month: measured %s\n", source (d), d->claim_min_usd, d->claim_max_usd,
             monthly.p50 < d->claim_min_usd ? "below the claim" : monthly.p50 > d->claim_max_usd ? "above the claim"
                                                                                              : "within the claim");
}

static void
json_policy (JsonBuilder *b, const PcSavings *sv, guint j)
{
  const PcOptimizationDecl *d = sv->model->policies[j].decl;
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "id");
  json_builder_add_string_value (b, d->id);
  json_builder_set_member_name (b, "component");
  json_builder_add_string_value (b, d->component);
  json_builder_set_member_name (b, "source");
  json_builder_add_string_value (b, source (d));
  json_builder_set_member_name (b, "unpublished");
  if (d->unpublished)
    json_builder_add_string_value (b, d->unpublished);
  else
    json_builder_add_null_value (b);
  const PcMonthCounts *started = sv->started[j];
  pc_cli_json_number (b, "started_share", started->total ? 1.0 - (double) started->counts[sv->n_months] / (double) started->total : 0);
  pc_cli_json_percentiles (b, "saving_horizon_usd", signed_percentiles (&sv->horizon_usd[j]));
  pc_cli_json_percentiles (b, "saving_monthly_usd", signed_percentiles (&sv->monthly_usd[j]));
  pc_cli_json_percentiles (b, "saving_percent", signed_percentiles (&sv->percent[j]));
  pc_cli_json_number (b, "claim_min_percent", d->claim_min_percent);
  pc_cli_json_number (b, "claim_max_percent", d->claim_max_percent);
  pc_cli_json_number (b, "claim_min_usd", d->claim_min_usd);
  pc_cli_json_number (b, "claim_max_usd", d->claim_max_usd);
  json_builder_end_object (b);
}

static char *
render_json (const PcSavings *sv)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "scenario");
  json_builder_add_string_value (b, sv->model->scenario->name);
  json_builder_set_member_name (b, "roadmap");
  json_builder_add_string_value (b, sv->model->roadmap->name);
  pc_cli_json_number (b, "runs", sv->runs);
  json_builder_set_member_name (b, "seed");
  json_builder_add_value (b, pc_json_uint64_node (sv->seed));
  json_builder_set_member_name (b, "policies");
  json_builder_begin_array (b);
  for (guint j = 0; j < sv->n_policies; j++)
    json_policy (b, sv, j);
  json_builder_end_array (b);
  json_builder_end_object (b);
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = pc_json_to_text (root, TRUE);
  return g_strconcat (text, "\n", NULL);
}

int
pc_cmd_savings (int argc, char **argv)
{
  g_autofree char *roadmap = NULL, *format_text = NULL;
  g_autofree char *runs = NULL, *seed = NULL, *message = NULL;
  const GOptionEntry entries[] = {
    { "roadmap", 'r', 0, G_OPTION_ARG_FILENAME, &roadmap,
      "Roadmap to run instead of the scenario's; its policies are priced, then the scenario's", "FILE" },
    { "runs", 'n', 0, G_OPTION_ARG_STRING, &runs, "Monte Carlo runs, 1 to 1000000 (default: the scenario's)", "N" },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed, "Random seed, 0 to 2^64-1 (default: the scenario's)", "SEED" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &format_text, "table (default) or json", "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("SCENARIO",
      "What each <policy> of the roadmap and of the scenario saves against the same runs without it, and against "
      "its claim.", entries);
  GError *error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error)) {
    int status = pc_cli_usage_error (context, error->message);
    g_error_free (error);
    return status;
  }
  PcFormat format;
  PcSimulateOptions counts = { 0 };
  if (argc != 2 || !pc_cli_parse_format (format_text, &format, FALSE))
    return pc_cli_usage_error (context, "savings takes one scenario; --format is table or json");
  if (!pc_cli_parse_run_options (runs, seed, NULL, &counts, &message))
    return pc_cli_usage_error (context, message);
  if (!pc_cli_memory_enough (PC_CLI_NEED_SIMULATION, 1))
    return 1;
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) pc_cli_plugin_dirs);
  g_autoptr (PcModel) model = pc_model_new (argv[1], roadmap, host, &error);
  if (model == NULL)
    return pc_cli_fail (error);
  g_autoptr (PcSavings) sv = pc_savings_run (model, counts.runs, counts.seed_set ? counts.seed : model->scenario->seed,
                                             &error);
  if (sv == NULL)
    return pc_cli_fail (error);
  if (format == PC_FORMAT_JSON) {
    pc_cli_print_text (render_json (sv));
    return 0;
  }
  g_print ("phasecast savings: scenario %s, roadmap %s, %u runs, seed %" G_GUINT64_FORMAT
           "; each policy alone against the same runs with none\n", model->scenario->name, model->roadmap->name,
           sv->runs, sv->seed);
  if (sv->n_policies == 0)
    g_print ("\nNeither the roadmap nor the scenario has a <policy>.\n");
  for (guint j = 0; j < sv->n_policies; j++)
    print_policy (sv, j);
  return 0;
}
