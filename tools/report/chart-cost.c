/* chart-cost.c - chart 1, cost over time.
 *
 * Bars: the median future's monthly cost, stacked by component (the six
 * components that cost most over the horizon, the rest as "other"), so the
 * bars add up to the month's cost in `phasecast run --months`.  Behind
 * them, the phase the median future is in; over them, the P10-P90 band of
 * the monthly total over all futures (where timing differs, the band is
 * wide) and each phase's roadmap estimate as a dashed bracket over the
 * months of that phase.
 */
#include "chart-private.h"

#define SERIES 6

typedef struct {
  const PcReport *report;
  const PcChartCurrency *currency;
  int slots[SERIES];          /* components drawn on their own, by slot; -1 unused */
  guint n_series;
  double ymax, ystep;
  const char *title, *subtitle;
} CostChart;

static double
slot_total (const PcRunResult *run, guint slot)
{
  double sum = 0;
  for (guint m = 0; m < run->n_months; m++)
    sum += run->slot_usd[(gsize) m * run->n_slots + slot];
  return sum;
}

/* The SERIES components that cost most over the horizon, largest first. */
static void
pick_series (CostChart *chart)
{
  const PcRunResult *run = chart->report->median_run;
  g_autofree double *totals = g_new (double, run->n_slots);
  for (guint s = 0; s < run->n_slots; s++)
    totals[s] = slot_total (run, s);
  chart->n_series = 0;
  for (guint k = 0; k < SERIES; k++) {
    int best = -1;
    for (guint s = 0; s < run->n_slots; s++)
      if (totals[s] > 0 && (best < 0 || totals[s] > totals[best]))
        best = (int) s;
    if (best < 0)
      break;
    chart->slots[chart->n_series++] = best;
    totals[best] = -1;
  }
}

/* Month @m of the median run: the drawn components, then "other". */
static void
month_values (const CostChart *chart, guint m, double values[SERIES + 1])
{
  const PcRunResult *run = chart->report->median_run;
  double other = run->months[m].state[PC_STATE_MONTHLY_COST];
  for (guint i = 0; i < chart->n_series; i++) {
    values[i] = run->slot_usd[(gsize) m * run->n_slots + (guint) chart->slots[i]];
    other -= values[i];
  }
  values[chart->n_series] = MAX (other, 0.0);
}

static void
scale_axis (CostChart *chart)
{
  const PcReport *r = chart->report;
  double top = 0;
  for (guint m = 0; m < r->median_run->n_months; m++) {
    top = MAX (top, r->median_run->months[m].state[PC_STATE_MONTHLY_COST]);
    if (r->months[m].cost_usd.valid)
      top = MAX (top, r->months[m].cost_usd.p90);
  }
  for (guint p = 0; p < r->model->n_phases; p++)
    if (!isnan (r->model->phases[p].decl->estimate_max))
      top = MAX (top, r->model->phases[p].decl->estimate_max);
  top *= chart->currency->per_usd * 1.12;   /* room for the phase names */
  chart->ystep = pc_chart_step (top, 6);
  chart->ymax = pc_chart_ceil (top, chart->ystep);
}

static void
draw_phase_bands (const CostChart *chart)
{
  const PcReport *r = chart->report;
  for (guint p = 0; p < r->model->n_phases; p++) {
    guint first, last;
    if (!pc_chart_phase_span (r, p, &first, &last))
      continue;
    pc_plot_colour (PC_COLOUR_LIGHT, p % 2 ? 0.9 : 0.35);
    pc_plot_rect (first - 0.5, 0, last + 0.5, chart->ymax);
    pc_plot_colour (PC_COLOUR_INK, 1);
    pc_plot_text_size (0.65);
    g_autofree char *label = pc_chart_phase_label (r, p);
    /* Short phases alternate between two lines so their names do not collide. */
    pc_plot_ptex (first - 0.3, chart->ymax * (p % 2 ? 0.925 : 0.965), 0, label);
  }
}

static void
draw_bars (const CostChart *chart)
{
  double rate = chart->currency->per_usd;
  for (guint m = 0; m < chart->report->median_run->n_months; m++) {
    double values[SERIES + 1], base = 0;
    month_values (chart, m, values);
    for (guint i = 0; i <= chart->n_series; i++) {
      pc_plot_colour (i < chart->n_series ? pc_plot_series_colour (i) : PC_COLOUR_GREY, 1);
      pc_plot_rect (m - 0.38, base, m + 0.38, base + values[i] * rate);
      base += values[i] * rate;
    }
  }
}

/* The P10-P90 band of the total over runs, as one translucent step shape. */
static void
draw_band (const CostChart *chart)
{
  const PcReport *r = chart->report;
  double rate = chart->currency->per_usd, thick = chart->ymax * 0.004;
  for (guint m = 0; m < r->median_run->n_months; m++) {
    PcPercentiles band = r->months[m].cost_usd;
    if (!band.valid)
      continue;
    pc_plot_colour (PC_COLOUR_INK, 0.25);
    pc_plot_rect (m - 0.5, band.p10 * rate - thick, m + 0.5, band.p90 * rate + thick);
  }
}

static void
draw_estimates (const CostChart *chart)
{
  const PcReport *r = chart->report;
  double rate = chart->currency->per_usd;
  for (guint p = 0; p < r->model->n_phases; p++) {
    const PcPhaseDecl *decl = r->model->phases[p].decl;
    guint first, last;
    if (isnan (decl->estimate_min) || !pc_chart_phase_span (r, p, &first, &last))
      continue;
    double low = decl->estimate_min * rate, high = decl->estimate_max * rate;
    double x0 = first - 0.45, x1 = last + 0.45;
    pc_plot_colour (PC_COLOUR_VERMILLION, 1);
    plwidth (3);
    pllsty (3);
    pc_plot_line (x0, low, x1, low);
    pc_plot_line (x0, high, x1, high);
    pllsty (1);
    pc_plot_line (x0, low, x0, high);
    pc_plot_line (x1, low, x1, high);
    plwidth (1);
    g_autofree char *from = pc_plot_money (decl->estimate_min * rate, 0);
    g_autofree char *to = pc_plot_money (decl->estimate_max * rate, 0);
    g_autofree char *label = low == high ? g_strdup_printf ("roadmap ~%s", from)
                                         : g_strdup_printf ("roadmap %s-%s", from, to);
    pc_plot_text_size (0.65);
    pc_plot_ptex (first - 0.3, high + chart->ymax * 0.018, 0, label);
  }
}

static void
legend_entry (double x, double y, double height, PcColour colour, double alpha, const char *text)
{
  pc_plot_colour (colour, alpha);
  pc_plot_rect (x, y - height * 0.35, x + 0.06, y + height * 0.35);
  pc_plot_colour (PC_COLOUR_INK, 1);
  pc_plot_ptex (x + 0.09, y, 0, text);
}

static void
draw_legend (const CostChart *chart)
{
  const PcReport *r = chart->report;
  pc_plot_panel (0.815, 0.99, 0.12, 0.82, 0, 1, 0, 1);
  pc_plot_text_size (0.7);
  double y = 0.97, gap = 0.055;
  for (guint i = 0; i < chart->n_series; i++, y -= gap)
    legend_entry (0, y, gap, pc_plot_series_colour (i), 1, r->model->slots->pdata[chart->slots[i]]);
  legend_entry (0, y, gap, PC_COLOUR_GREY, 1, "other components");
  y -= 1.6 * gap;
  legend_entry (0, y, gap, PC_COLOUR_INK, 0.25, "total, P10-P90");
  y -= gap;
  pc_plot_colour (PC_COLOUR_VERMILLION, 1);
  plwidth (3);
  pllsty (3);
  pc_plot_line (0, y, 0.06, y);
  pllsty (1);
  plwidth (1);
  pc_plot_colour (PC_COLOUR_INK, 1);
  pc_plot_ptex (0.09, y, 0, "roadmap's estimate");
}

static void
draw (gconstpointer data)
{
  const CostChart *chart = data;
  const PcReport *r = chart->report;
  guint n = r->median_run->n_months;
  pc_plot_title (chart->title, chart->subtitle);
  pc_plot_panel (0.07, 0.8, 0.12, 0.82, -0.5, n - 0.5, 0, chart->ymax);
  draw_phase_bands (chart);
  draw_bars (chart);
  draw_band (chart);
  draw_estimates (chart);
  pc_plot_axes_months (r->model->scenario, 6, "bcnstvo", chart->ystep);
  pc_plot_text_size (0.8);
  g_autofree char *unit = g_strdup_printf ("%s per month", chart->currency->code);
  pc_plot_mtex ("l", 5.2, 0.5, 0.5, unit);
  pc_plot_mtex ("b", 3.2, 0.5, 0.5, "month");
  draw_legend (chart);
}

/* "Monthly cost goes from USD 73 to USD 599 by 2028-10 in the median
 * future; USD 15,282 over 36 months (P50 over futures)".  The total is the
 * median of every future's total, not the median future's own (a few
 * dollars apart), so the title says which. */
static char *
cost_title (const CostChart *chart)
{
  const PcReport *r = chart->report;
  const PcRunResult *run = r->median_run;
  g_autofree char *first = pc_chart_amount (chart->currency, run->months[0].state[PC_STATE_MONTHLY_COST], 0);
  g_autofree char *last = pc_chart_amount (chart->currency, run->months[run->n_months - 1].state[PC_STATE_MONTHLY_COST], 0);
  g_autofree char *end = pc_scenario_date (r->model->scenario, run->n_months - 1);
  g_autofree char *total = pc_chart_amount (chart->currency, r->total_cost.p50, 0);
  return g_strdup_printf ("Monthly cost goes from %s to %s by %s in the median future; %s over %u months (P50 over "
                          "futures)", first, last, end, total, run->n_months);
}

gboolean
pc_chart_cost (const PcReport *report, const PcChartCurrency *currency, const char *dir, PcChartInfo *info,
               GError **error)
{
  CostChart chart = { .report = report, .currency = currency };
  pick_series (&chart);
  scale_axis (&chart);
  char *title = cost_title (&chart);
  char *caption = g_strdup_printf (
    "Bars: the median future's cost each month, stacked by component (the %u costing most over the horizon, the "
    "rest as \"other\"); shaded columns: the phase it is in. Grey band: the monthly total from P10 to P90 over %u "
    "futures (wide where futures change phase in different months). Dashed red brackets: each phase's roadmap "
    "estimate, over the months of that phase. %s per month.",
    chart.n_series, report->runs, currency->code);
  pc_chart_info_set (info, "cost-over-time", "Cost over time", title, caption);
  g_autofree char *subtitle = g_strdup_printf ("%s per month: the median future by component, the spread of the total "
                                               "over %u futures, and the roadmap's estimates", currency->code,
                                               report->runs);
  chart.title = info->title;
  chart.subtitle = subtitle;
  return pc_plot_write (dir, info->stem, PC_CHART_WIDTH, PC_CHART_HEIGHT, draw, &chart, error);
}
