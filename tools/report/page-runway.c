/* page-runway.c - index.html's runway table: every capacity threshold the
 * roadmap names (a move's capacity indicator or a <limit>) on every phase's
 * configuration, with the month it is first crossed if the business kept
 * growing on it.  The same figures as `phasecast run`'s runway table
 * (core/render-table.c), months written as dates.  Chart 4 leaves out the
 * thresholds no future crosses; this table is where a planner finds them. */
#include "page-private.h"

#include "pc-planning.h"

/* "2026-08 (2026-07 to 2026-09)", "beyond (12 %)" or "n/a".  The median is
 * rounded up and P10 and P90 to the nearest month, as `phasecast run`
 * prints them; a P90 beyond the horizon is NAN. */
static char *
runway_cell (const PcReport *r, const PcRunwayReport *rr)
{
  if (!rr->applicable)
    return g_strdup ("n/a");
  if (isnan (rr->month.p50)) {
    g_autofree char *share = pc_chart_percent (rr->crossed_probability);
    return g_strdup_printf ("beyond (%s)", share);
  }
  const PcScenario *s = r->model->scenario;
  g_autofree char *median = pc_scenario_date (s, (guint) ceil (rr->month.p50));
  if (rr->runs == 1)
    return g_steal_pointer (&median);
  g_autofree char *low = pc_scenario_date (s, (guint) rint (rr->month.p10));
  g_autofree char *high = isnan (rr->month.p90) ? g_strdup ("beyond") : pc_scenario_date (s, (guint) rint (rr->month.p90));
  return g_strdup_printf ("%s (%s to %s)", median, low, high);
}

static void
runway_row (GString *out, const PcReport *r, guint item)
{
  const PcModel *model = r->model;
  const PcIndicatorDecl *decl = model->runway[item].indicator->decl;
  g_autofree char *condition = pc_indicator_condition_text (decl);
  g_autofree char *threshold = g_strdup_printf ("%s %s", decl->subject, condition);
  g_string_append (out, "<tr>");
  pc_page_cell (out, "k", decl->id);
  pc_page_cell (out, NULL, threshold);
  for (guint p = 0; p < model->n_phases; p++) {
    const PcRunwayReport *rr = &r->runway[p * model->n_runway + item];
    g_autofree char *text = runway_cell (r, rr);
    /* A month within the horizon is what the planner must act on; the
     * short "beyond (0 %)" and "n/a" are kept on one line. */
    pc_page_cell (out, rr->applicable && !isnan (rr->month.p50) ? "over" : "k", text);
  }
  pc_page_cell (out, NULL, decl->description);
  g_string_append (out, "</tr>\n");
}

static void
runway_header (GString *out, const PcModel *model)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  g_ptr_array_add (names, (gpointer) "threshold");
  g_ptr_array_add (names, (gpointer) "condition");
  for (guint p = 0; p < model->n_phases; p++)
    g_ptr_array_add (names, model->phases[p].decl->id);
  g_ptr_array_add (names, (gpointer) "what it means");
  g_ptr_array_add (names, NULL);
  pc_page_header_row (out, (const char *const *) names->pdata);
}

void
pc_page_runway (GString *out, const PcReport *r)
{
  const PcModel *model = r->model;
  if (model->n_runway == 0)
    return;
  g_string_append (out, "<section id=\"runway\"><h2>Runway table</h2>\n<p class=\"note\">");
  pc_page_printf (out, "The month each capacity threshold is first crossed if the business kept growing on each "
                  "phase's configuration (one column per configuration): P50 with P10 to P90 over the first %u "
                  "futures, each simulated again on every configuration. \"beyond (x %%)\": not crossed within the "
                  "horizon at P50, crossed in x %% of those futures; \"n/a\": that configuration has no such metric. "
                  "The capacity runway chart draws only the thresholds some future crosses; this table lists "
                  "every one.", MIN (r->runs, (guint) PC_RUNWAY_RUNS));
  g_string_append (out, "</p>\n<div class=\"scroll\"><table>\n");
  runway_header (out, model);
  for (guint j = 0; j < model->n_runway; j++)
    runway_row (out, r, j);
  g_string_append (out, "</tbody></table></div></section>\n");
}
