/* chart-tornado.c - chart 6, sensitivity (a tornado).
 *
 * One output (a phase's entry month or its monthly cost) with every input
 * at its scenario value is the vertical line; each row is one input moved
 * alone to its low value (sky blue bar) and to its high value (orange
 * bar), so the bar's length is how far that input moves the output.  Rows
 * are sorted by the larger of the two distances, largest on top.
 */
#include "chart-private.h"

#define PLOT_LEFT 0.3
#define PLOT_RIGHT 0.95
#define PLOT_BOTTOM 0.12
#define PLOT_TOP 0.8

typedef struct {
  const PcReport *report;
  const PcTornado *tornado;
  const PcChartCurrency *currency;
  guint *order;               /* bars, largest swing first */
  double xmin, xmax, step;
  const char *title, *subtitle;
} TornadoChart;

static double
swing (const PcTornado *t, guint k)
{
  return MAX (fabs (t->bars[k].low - t->base), fabs (t->bars[k].high - t->base));
}

static int
by_swing (gconstpointer a, gconstpointer b, gpointer data)
{
  double sa = swing (data, *(const guint *) a), sb = swing (data, *(const guint *) b);
  return sa < sb ? 1 : sa > sb ? -1 : (int) *(const guint *) a - (int) *(const guint *) b;
}

/* An output value as drawn: money in the currency, or months unchanged. */
static double
shown (const TornadoChart *chart, double value)
{
  return chart->tornado->money ? value * chart->currency->per_usd : value;
}

static void
scale_axis (TornadoChart *chart)
{
  const PcTornado *t = chart->tornado;
  double low = shown (chart, t->base), high = low;
  for (guint k = 0; k < t->n_bars; k++) {
    low = MIN (low, MIN (shown (chart, t->bars[k].low), shown (chart, t->bars[k].high)));
    high = MAX (high, MAX (shown (chart, t->bars[k].low), shown (chart, t->bars[k].high)));
  }
  double pad = MAX ((high - low) * 0.08, t->money ? 1.0 : 0.5);
  chart->step = t->money ? pc_chart_step (high - low + 2 * pad, 6) : MAX (1.0, round (pc_chart_step (high - low + 2 * pad, 6)));
  chart->xmin = chart->step * floor ((low - pad) / chart->step);
  chart->xmax = chart->step * ceil ((high + pad) / chart->step);
}

static void
draw_bar (const TornadoChart *chart, guint row)
{
  const PcTornado *t = chart->tornado;
  const PcTornadoBar *bar = &t->bars[chart->order[row]];
  double y = t->n_bars - row - 0.5, base = shown (chart, t->base);
  pc_plot_panel (PLOT_LEFT, PLOT_RIGHT, PLOT_BOTTOM, PLOT_TOP, chart->xmin, chart->xmax, 0, t->n_bars);
  pc_plot_colour (PC_COLOUR_SKY, 1);
  pc_plot_rect (base, y - 0.32, shown (chart, bar->low), y + 0.32);
  pc_plot_colour (PC_COLOUR_ORANGE, 1);
  pc_plot_rect (base, y - 0.32, shown (chart, bar->high), y + 0.32);
  pc_plot_panel (0.01, PLOT_LEFT - 0.01, PLOT_BOTTOM, PLOT_TOP, 0, 1, 0, t->n_bars);
  pc_plot_colour (PC_COLOUR_INK, 1);
  pc_plot_text_size (pc_plot_fit (bar->input, PLOT_LEFT - 0.02, 0.7));
  pc_plot_ptex (1, y, 1, bar->input);
}

static void
draw_axes (const TornadoChart *chart)
{
  const PcTornado *t = chart->tornado;
  const PcScenario *s = chart->report->model->scenario;
  pc_plot_panel (PLOT_LEFT, PLOT_RIGHT, PLOT_BOTTOM, PLOT_TOP, chart->xmin, chart->xmax, 0, t->n_bars);
  pc_plot_colour (PC_COLOUR_INK, 1);
  plwidth (2);
  pc_plot_line (shown (chart, t->base), 0, shown (chart, t->base), t->n_bars);
  plwidth (1);
  if (t->money)
    pc_plot_axes_money_x (chart->step);
  else
    pc_plot_axes_months (s, (guint) chart->step, "bc", 0);
  g_autofree char *unit = t->money ? g_strdup_printf ("%s (%s per month)", t->output, chart->currency->code)
                                   : g_strdup_printf ("%s (month)", t->output);
  pc_plot_text_size (0.8);
  pc_plot_mtex ("b", 3.2, 0.5, 0.5, unit);
}

static void
draw (gconstpointer data)
{
  const TornadoChart *chart = data;
  pc_plot_title (chart->title, chart->subtitle);
  for (guint row = 0; row < chart->tornado->n_bars; row++)
    draw_bar (chart, row);
  draw_axes (chart);
}

static char *
value_text (const TornadoChart *chart, double value)
{
  if (chart->tornado->money)
    return pc_chart_amount (chart->currency, value, 0);
  return pc_plot_date (chart->report->model->scenario, value);
}

static char *
tornado_title (const TornadoChart *chart)
{
  const PcTornadoBar *top = &chart->tornado->bars[chart->order[0]];
  g_autofree char *low = value_text (chart, MIN (top->low, top->high));
  g_autofree char *high = value_text (chart, MAX (top->low, top->high));
  g_autofree char *base = value_text (chart, chart->tornado->base);
  return g_strdup_printf ("%s moves %s most: from %s to %s (%s with every input as the scenario has it)", top->input,
                          chart->tornado->output, low, high, base);
}

gboolean
pc_chart_tornado (const PcReport *report, const PcTornado *tornado, const PcChartCurrency *currency, const char *dir,
                  PcChartInfo *info, GError **error)
{
  g_autofree guint *order = g_new (guint, tornado->n_bars);
  for (guint k = 0; k < tornado->n_bars; k++)
    order[k] = k;
  g_qsort_with_data (order, (gint) tornado->n_bars, sizeof (guint), by_swing, (gpointer) tornado);
  TornadoChart chart = { report, tornado, currency, order, 0, 0, 1, NULL, NULL };
  scale_axis (&chart);
  char *caption = g_strdup_printf (
    "The vertical line: %s with every input as the scenario has it. Each row moves one input alone: sky blue to its "
    "low value, orange to its high value; rows are sorted by how far they move it, largest on top.", tornado->output);
  pc_chart_info_set (info, "sensitivity", "Sensitivity", tornado_title (&chart), caption);
  g_autofree char *subtitle = g_strdup_printf ("What moves %s: each input alone at its low (sky blue) and high "
                                               "(orange) value", tornado->output);
  chart.title = info->title, chart.subtitle = subtitle;
  return pc_plot_write (dir, info->stem, PC_CHART_WIDTH, PC_CHART_HEIGHT, draw, &chart, error);
}
