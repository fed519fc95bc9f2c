/* chart-runway.c - chart 4, capacity runway.
 *
 * One row per capacity metric on one phase's configuration (PcChartRunway):
 * the month it would cross its threshold if the business kept growing on
 * that configuration, as a bar from P10 to P90 over the futures that cross
 * it and a dot at the median; an arrow to the right edge when no future
 * crosses it within the horizon.  Rows of one phase share a colour.
 */
#include "chart-private.h"

#define PLOT_LEFT 0.34
#define PLOT_RIGHT 0.86
#define PLOT_BOTTOM 0.12
#define PLOT_TOP 0.8

typedef struct {
  const PcReport *report;
  const PcChartRunway *items;
  guint n_items;
  const char *title, *subtitle;
} RunwayChart;

static gboolean
same_phase (const RunwayChart *chart, guint a, guint b)
{
  return g_strcmp0 (chart->items[a].phase, chart->items[b].phase) == 0;
}

/* Rows of one phase share a colour: the phases' order of first appearance. */
static PcColour
phase_colour (const RunwayChart *chart, guint index)
{
  guint first = 0, distinct = 0;
  while (!same_phase (chart, first, index))
    first++;
  for (guint k = 0; k < first; k++) {
    gboolean seen = FALSE;
    for (guint j = 0; j < k; j++)
      seen |= same_phase (chart, j, k);
    distinct += !seen;
  }
  return pc_plot_series_colour (distinct);
}

static void
draw_item (const RunwayChart *chart, guint k, double months)
{
  const PcChartRunway *item = &chart->items[k];
  double y = chart->n_items - k - 0.5;
  pc_plot_panel (PLOT_LEFT, PLOT_RIGHT, PLOT_BOTTOM, PLOT_TOP, -0.5, months - 0.5, 0, chart->n_items);
  pc_plot_colour (PC_COLOUR_LIGHT, 1);
  pc_plot_line (-0.5, y, months - 0.5, y);
  if (item->crossed_share <= 0 || !item->month.valid) {
    pc_plot_colour (PC_COLOUR_GREY, 1);
    plwidth (3);
    pc_plot_line (months - 6, y, months - 0.7, y);
    pc_plot_line (months - 1.3, y + 0.18, months - 0.7, y);
    pc_plot_line (months - 1.3, y - 0.18, months - 0.7, y);
    plwidth (1);
  } else {
    pc_plot_colour (phase_colour (chart, k), 1);
    plwidth (8);
    pc_plot_line (item->month.p10 - 0.15, y, item->month.p90 + 0.15, y);
    plwidth (1);
    PLFLT x = item->month.p50, dot = y;
    pc_plot_colour (PC_COLOUR_INK, 1);
    plssym (0, 1.4);
    plpoin (1, &x, &dot, 17);
  }
  g_autofree char *left = g_strdup_printf ("%s: %s at %s", item->phase, item->metric, item->threshold);
  g_autofree char *right = item->crossed_share <= 0 ? g_strdup ("beyond the horizon")
                                                    : g_strdup_printf ("in %.0f %% of futures", 100 * item->crossed_share);
  pc_plot_text_size (pc_plot_fit (left, PLOT_LEFT - 0.02, 0.6));
  pc_plot_colour (PC_COLOUR_INK, 1);
  pc_plot_panel (0.005, PLOT_LEFT - 0.01, PLOT_BOTTOM, PLOT_TOP, 0, 1, 0, chart->n_items);
  pc_plot_ptex (1, y, 1, left);
  pc_plot_text_size (0.6);
  pc_plot_panel (PLOT_RIGHT + 0.01, 0.995, PLOT_BOTTOM, PLOT_TOP, 0, 1, 0, chart->n_items);
  pc_plot_ptex (0, y, 0, right);
}

static void
draw (gconstpointer data)
{
  const RunwayChart *chart = data;
  const PcScenario *s = chart->report->model->scenario;
  pc_plot_title (chart->title, chart->subtitle);
  for (guint k = 0; k < chart->n_items; k++)
    draw_item (chart, k, s->horizon_months);
  pc_plot_panel (PLOT_LEFT, PLOT_RIGHT, PLOT_BOTTOM, PLOT_TOP, -0.5, s->horizon_months - 0.5, 0, chart->n_items);
  pc_plot_axes_months (s, 6, "bc", 0);
  pc_plot_text_size (0.8);
  pc_plot_mtex ("b", 3.2, 0.5, 0.5, "month the threshold is crossed");
}

/* The item crossed first (smallest median month), or NULL. */
static const PcChartRunway *
first_crossed (const PcChartRunway *items, guint n)
{
  const PcChartRunway *first = NULL;
  for (guint k = 0; k < n; k++)
    if (items[k].crossed_share > 0 && items[k].month.valid && (first == NULL || items[k].month.p50 < first->month.p50))
      first = &items[k];
  return first;
}

static char *
runway_title (const PcReport *report, const PcChartRunway *items, guint n)
{
  const PcChartRunway *first = first_crossed (items, n);
  if (first == NULL)
    return g_strdup ("No capacity limit is reached within the horizon on any phase's configuration");
  g_autofree char *date = pc_plot_date (report->model->scenario, first->month.p50);
  return g_strdup_printf ("The first limit: %s's %s reaches %s in %s (median of the futures that reach it)",
                          first->phase, first->metric, first->threshold, date);
}

gboolean
pc_chart_runway (const PcReport *report, const PcChartRunway *items, guint n_items, const char *dir,
                 PcChartInfo *info, GError **error)
{
  char *caption = g_strdup (
    "Each row: one capacity metric on one phase's configuration, if the business kept growing on it. Bar: P10 to P90 "
    "of the month it crosses its threshold, over the futures that cross it; dot: the median; arrow: no future crosses "
    "it within the horizon. The right column is the share of futures that cross it.");
  pc_chart_info_set (info, "capacity-runway", "Capacity runway", runway_title (report, items, n_items), caption);
  RunwayChart chart = { report, items, n_items, info->title,
                        "When each capacity metric would cross its threshold on each phase's configuration" };
  return pc_plot_write (dir, info->stem, PC_CHART_WIDTH, PC_CHART_HEIGHT, draw, &chart, error);
}
