/* chart-runway.c - chart 4, capacity runway.
 *
 * One row per capacity metric on one phase's configuration (PcChartRunway):
 * the month it would cross its threshold if the business kept growing on
 * that configuration, as a bar from P10 to P90 over the futures that cross
 * it and a dot at the median; an arrow to the right edge when most futures
 * do not cross it within the horizon.  Rows of one phase share a colour.
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

/* Whether most futures that cross it do so within the horizon: its median
 * month is a number (beyond the horizon it is NAN, as in `phasecast run`'s
 * "beyond (x%)"). */
static gboolean
crossed_at_median (const PcChartRunway *item)
{
  return item->crossed_share > 0 && item->month.valid && !isnan (item->month.p50);
}

static void
draw_item (const RunwayChart *chart, guint k, double months)
{
  const PcChartRunway *item = &chart->items[k];
  double y = chart->n_items - k - 0.5;
  pc_plot_panel (PLOT_LEFT, PLOT_RIGHT, PLOT_BOTTOM, PLOT_TOP, -0.5, months - 0.5, 0, chart->n_items);
  pc_plot_colour (PC_COLOUR_LIGHT, 1);
  pc_plot_line (-0.5, y, months - 0.5, y);
  if (!crossed_at_median (item)) {
    pc_plot_colour (PC_COLOUR_GREY, 1);
    plwidth (3);
    pc_plot_line (months - 6, y, months - 0.7, y);
    pc_plot_line (months - 1.3, y + 0.18, months - 0.7, y);
    pc_plot_line (months - 1.3, y - 0.18, months - 0.7, y);
    plwidth (1);
  } else {
    pc_plot_colour (phase_colour (chart, k), 1);
    plwidth (8);
    /* A P90 beyond the horizon is NAN: the bar runs to the right edge. */
    double p90 = isnan (item->month.p90) ? months - 0.5 : item->month.p90 + 0.15;
    pc_plot_line (item->month.p10 - 0.15, y, p90, y);
    plwidth (1);
    PLFLT x = item->month.p50, dot = y;
    pc_plot_colour (PC_COLOUR_INK, 1);
    plssym (0, 1.4);
    plpoin (1, &x, &dot, 17);
  }
  g_autofree char *left = g_strdup_printf ("%s: %s (%s)", item->phase, item->metric, item->threshold);
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
    if (crossed_at_median (&items[k]) && (first == NULL || items[k].month.p50 < first->month.p50))
      first = &items[k];
  return first;
}

/* @text with its first letter in lower case, to follow a comma mid-sentence
 * ("A task runs out" -> "a task runs out"), unless its first word is an
 * acronym ("IOPS", "CPU"). */
static char *
mid_sentence (const char *text)
{
  char *out = g_strdup (text);
  gboolean acronym = FALSE;
  for (const char *c = text + 1; *c && *c != ' '; c++)
    acronym |= g_ascii_isupper (*c);
  if (!acronym)
    out[0] = g_ascii_tolower (out[0]);
  return out;
}

/* "The first limit: on v1.0's configuration, database working set no longer
 * fits its cache (metric > 1) in 2026-08 (...)": the phase first, so the
 * metric's own words (a clause, as the roadmap writes it) read as one. */
static char *
runway_title (const PcReport *report, const PcChartRunway *items, guint n)
{
  const PcChartRunway *first = first_crossed (items, n);
  if (first == NULL)
    return g_strdup ("No capacity limit is reached within the horizon on any phase's configuration");
  g_autofree char *date = pc_plot_date (report->model->scenario, first->month.p50);
  g_autofree char *metric = mid_sentence (first->metric);
  return g_strdup_printf ("The first limit: on %s's configuration, %s (%s) in %s (median of the futures that reach "
                          "it)", first->phase, metric, first->threshold, date);
}

gboolean
pc_chart_runway (const PcReport *report, const PcChartRunway *items, guint n_items, const char *dir,
                 PcChartInfo *info, GError **error)
{
  char *caption = g_strdup (
    "Each row: one capacity metric on one phase's configuration, if the business kept growing on it. Bar: P10 to P90 "
    "of the month it crosses its threshold, over the futures that cross it; dot: the median; arrow: most futures do "
    "not cross it within the horizon. The right column is the share of futures that cross it. Thresholds no "
    "future crosses are left out when others are crossed; the runway table lists every one.");
  pc_chart_info_set (info, "capacity-runway", "Capacity runway", runway_title (report, items, n_items), caption);
  RunwayChart chart = { report, items, n_items, info->title,
                        "When each capacity metric would cross its threshold on each phase's configuration" };
  return pc_plot_write (dir, info->stem, PC_CHART_WIDTH, PC_CHART_HEIGHT, draw, &chart, error);
}
