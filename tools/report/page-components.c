/* page-components.c - index.html's component tables: for every phase the
 * median future reaches, each component's monthly cost over its months in
 * the phase (mean and range), the roadmap's claim for it and how far the
 * modelled figure lies outside that claim; then the phase total against
 * the roadmap's estimate, a note where the roadmap's own numbers disagree,
 * and the components that drive the difference (claims.c computes them). */
#include "page-private.h"

/* "+USD 15 to +20 (group dr)" */
static char *
claim_text (const PcComponentDecl *decl, const PcChartCurrency *currency)
{
  if (isnan (decl->estimate_min))
    return g_strdup ("");
  const char *sign_low = !decl->estimate_added ? "" : decl->estimate_min < 0 ? "-" : "+";
  const char *sign_high = !decl->estimate_added ? "" : decl->estimate_max < 0 ? "-" : "+";
  g_autofree char *low = pc_chart_amount (currency, fabs (decl->estimate_min), 2);
  g_autofree char *high = pc_plot_money (fabs (decl->estimate_max) * currency->per_usd, 2);
  g_autofree char *group = decl->estimate_group ? g_strdup_printf (" (all of group %s)", decl->estimate_group)
                                                : g_strdup ("");
  if (decl->estimate_min == decl->estimate_max)
    return g_strdup_printf ("%s%s%s", sign_low, low, group);
  return g_strdup_printf ("%s%s to %s%s%s", sign_low, low, sign_high, high, group);
}

static void
component_row (GString *out, const PcReport *r, const PcChartCurrency *currency, guint p, guint s)
{
  const PcPhaseReport *pr = &r->phases[p];
  const PcComponent *comp = pc_model_component (r->model, p, s);
  g_autofree char *mean = pc_chart_amount (currency, pr->slot_mean_usd[s], 2);
  g_autofree char *low = pc_plot_money (pr->slot_min_usd[s] * currency->per_usd, 2);
  g_autofree char *high = pc_plot_money (pr->slot_max_usd[s] * currency->per_usd, 2);
  g_autofree char *range = g_strdup_printf ("%s to %s", low, high);
  g_autofree char *claim = claim_text (comp->decl, currency);
  double difference = pr->slot_claim_difference[s] * currency->per_usd;
  g_autofree char *amount = pc_plot_money (difference, 2);
  g_autofree char *versus = isnan (difference) ? g_strdup ("")
                            : fabs (difference) < 0.005 ? g_strdup ("within")
                                                        : g_strdup_printf ("%s%s", difference > 0 ? "+" : "", amount);
  g_string_append (out, "<tr><td>");
  pc_page_text (out, comp->decl->name);
  g_string_append (out, "</td><td>");
  pc_page_printf (out, "%s, %s", comp->info->name, pc_catalog_region (comp->catalog));
  g_string_append_printf (out, "</td><td class=\"n\">%s</td><td class=\"n\">%s</td><td>", mean, range);
  pc_page_text (out, claim);
  g_string_append_printf (out, "</td><td class=\"n %s\">%s</td></tr>\n",
                          isnan (difference) ? "" : fabs (difference) < 0.005 ? "within" : "over", versus);
}

static void
phase_summary (GString *out, const PcReport *r, const PcChartCurrency *currency, guint p, double total)
{
  const PcPhaseDecl *decl = r->model->phases[p].decl;
  const PcPhaseReport *pr = &r->phases[p];
  g_autofree char *sum = pc_chart_amount (currency, total, 2);
  g_string_append_printf (out, "<tr><th>total</th><th></th><th class=\"n\">%s</th><th></th><th>", sum);
  if (!isnan (decl->estimate_min)) {
    g_autofree char *low = pc_chart_amount (currency, decl->estimate_min, 0);
    g_autofree char *high = pc_plot_money (decl->estimate_max * currency->per_usd, 0);
    if (decl->estimate_min == decl->estimate_max)
      pc_page_printf (out, "roadmap estimate ~%s", low);
    else
      pc_page_printf (out, "roadmap estimate %s to %s", low, high);
  }
  g_string_append (out, "</th><th></th></tr>\n</tbody></table></div>\n");
  if (!isnan (pr->seed_sum_min) && !isnan (decl->estimate_min) &&
      (pr->seed_sum_min > decl->estimate_max || pr->seed_sum_max < decl->estimate_min)) {
    g_autofree char *low = pc_chart_amount (currency, pr->seed_sum_min, 0);
    g_autofree char *high = pc_plot_money (pr->seed_sum_max * currency->per_usd, 0);
    g_string_append (out, "<p class=\"note\">");
    pc_page_printf (out, "The roadmap's own numbers disagree: the previous phase's estimate plus this phase's "
                    "component claims add up to %s to %s.", low, high);
    g_string_append (out, "</p>\n");
  }
  for (guint k = 0; k < G_N_ELEMENTS (pr->drivers) && pr->drivers[k] >= 0; k++) {
    g_autofree char *amount = pc_plot_money (pr->slot_claim_difference[pr->drivers[k]] * currency->per_usd, 2);
    g_string_append (out, k == 0 ? "<p class=\"note\">Drivers of the difference: " : ", ");
    pc_page_printf (out, "%s %s%s", (char *) r->model->slots->pdata[pr->drivers[k]],
                    pr->slot_claim_difference[pr->drivers[k]] > 0 ? "+" : "", amount);
  }
  if (pr->drivers[0] >= 0)
    g_string_append (out, ".</p>\n");
}

static void
phase_table (GString *out, const PcReport *r, const PcChartCurrency *currency, guint p)
{
  const PcPhaseReport *pr = &r->phases[p];
  g_autofree char *name = pc_chart_phase_label (r, p);
  g_string_append (out, "<h3>");
  pc_page_text (out, name);
  g_string_append_printf (out, "</h3>\n<div class=\"scroll\"><table>\n<thead><tr><th>component</th><th>plugin, "
                          "region</th><th class=\"n\">mean %s/month</th><th class=\"n\">range</th><th>roadmap's "
                          "claim</th><th class=\"n\">outside the claim</th></tr></thead>\n<tbody>\n", currency->code);
  double total = 0;
  for (guint s = 0; s < r->model->slots->len; s++)
    if (isfinite (pr->slot_mean_usd[s])) {
      component_row (out, r, currency, p, s);
      total += pr->slot_mean_usd[s];
    }
  phase_summary (out, r, currency, p, total);
}

void
pc_page_components (GString *out, const PcReport *report, const PcChartCurrency *currency)
{
  g_string_append (out, "<section id=\"components\"><h2>Components against the roadmap's claims</h2>\n"
                   "<p class=\"note\">");
  pc_page_printf (out, "The median future (run %u): each component's cost per month over its months in the phase. "
                  "A claim marked + or - is an increase over the previous phase and is compared with the modelled "
                  "increase; a group's claim is compared with the sum of the group.", report->median_run->run_index);
  g_string_append (out, "</p>\n");
  for (guint p = 0; p < report->model->n_phases; p++)
    if (report->phases[p].median_entered_month >= 0)
      phase_table (out, report, currency, p);
  g_string_append (out, "</section>\n");
}
