/* chart-growth.c - chart 2, the growth fan chart.
 *
 * Three panels side by side: paying customers, active users and quotes per
 * month, each as a fan over all futures (P10-P90 shaded, P50 as a line).
 * Every business trigger of the roadmap that compares one of these three
 * ("100+ active users") is drawn as a dashed line at its threshold, with
 * the months it is first met over the futures that meet it: a thick
 * segment from P10 to P90 and a dot at P50, labelled with the date.
 */
#include "chart-private.h"

typedef struct {
  PcStateField field;
  const char *heading;        /* panel title, also the y axis' unit */
  PcColour colour;
} Panel;

static const Panel panels[] = {
  { PC_STATE_PAYING_CUSTOMERS, "paying customers", PC_COLOUR_BLUE },
  { PC_STATE_ACTIVE_USERS, "active users", PC_COLOUR_ORANGE },
  { PC_STATE_QUOTES_MONTH, "quotes per month", PC_COLOUR_GREEN },
};

typedef struct {
  const PcReport *report;
  const char *title, *subtitle;
} GrowthChart;

static PcPercentiles
band_of (const PcReport *report, guint m, PcStateField field)
{
  const PcMonthBand *band = &report->months[m];
  return field == PC_STATE_PAYING_CUSTOMERS ? band->paying_customers
         : field == PC_STATE_ACTIVE_USERS   ? band->active_users
                                            : band->quotes;
}

/* TRUE for a state indicator comparing @field (a threshold to draw). */
static gboolean
is_threshold (const PcReport *report, guint i, PcStateField field)
{
  const PcIndicator *ind = &report->model->indicators[i];
  return ind->decl->kind == PC_IND_STATE && ind->state_field == (int) field;
}

static double
panel_top (const PcReport *report, PcStateField field)
{
  double top = 1;
  for (guint m = 0; m < report->model->scenario->horizon_months; m++)
    if (band_of (report, m, field).valid)
      top = MAX (top, band_of (report, m, field).p90);
  for (guint i = 0; i < report->model->n_indicators; i++)
    if (is_threshold (report, i, field))
      top = MAX (top, report->model->indicators[i].decl->threshold);
  return top * 1.12;
}

static void
draw_fan (const PcReport *report, const Panel *panel)
{
  guint n = report->model->scenario->horizon_months;
  g_autofree PLFLT *x = g_new (PLFLT, 2 * n), *y = g_new (PLFLT, 2 * n), *mid = g_new (PLFLT, n);
  guint k = 0;
  for (guint m = 0; m < n; m++, k++) {
    PcPercentiles band = band_of (report, m, panel->field);
    x[k] = m, y[k] = band.valid ? band.p90 : 0, mid[m] = band.valid ? band.p50 : 0;
  }
  for (guint m = n; m-- > 0; k++) {
    PcPercentiles band = band_of (report, m, panel->field);
    x[k] = m, y[k] = band.valid ? band.p10 : 0;
  }
  pc_plot_colour (panel->colour, 0.3);
  plfill ((PLINT) k, x, y);
  pc_plot_colour (panel->colour, 1);
  plwidth (3);
  plline ((PLINT) n, x, mid);
  plwidth (1);
}

static void
draw_threshold (const PcReport *report, guint i, double ymax)
{
  const PcIndicator *ind = &report->model->indicators[i];
  const PcIndicatorReport *ir = &report->indicators[i];
  double level = ind->decl->threshold, xmax = report->model->scenario->horizon_months - 1;
  pc_plot_colour (PC_COLOUR_INK, 1);
  pllsty (2);
  pc_plot_line (0, level, xmax, level);
  pllsty (1);
  pc_plot_text_size (0.6);
  static const char *const ops[] = { [PC_OP_GT] = ">", [PC_OP_GE] = "≥", [PC_OP_LT] = "<", [PC_OP_LE] = "≤" };
  g_autofree char *value = pc_plot_money (level, 0);
  g_autofree char *label = g_strdup_printf ("%s trigger: %s %s", report->model->phases[ind->phase].decl->id,
                                            ops[ind->decl->op], value);
  pc_plot_ptex (xmax, level + ymax * 0.025, 1, label);   /* right: the fan is far above by then */
  if (!ir->fired_month.valid)
    return;
  pc_plot_colour (PC_COLOUR_VERMILLION, 1);
  plwidth (6);
  pc_plot_line (ir->fired_month.p10, level, ir->fired_month.p90, level);
  plwidth (1);
  PLFLT x = ir->fired_month.p50, y = level;
  plssym (0, 1.6);
  plpoin (1, &x, &y, 17);
  g_autofree char *date = pc_plot_date (report->model->scenario, ir->fired_month.p50);
  pc_plot_ptex (x + 0.6, level - ymax * 0.045, 0, date);
}

static void
draw_panel (const PcReport *report, const Panel *panel, double left, double right)
{
  double ymax = panel_top (report, panel->field), step = pc_chart_step (ymax, 5);
  ymax = pc_chart_ceil (ymax, step);
  pc_plot_panel (left, right, 0.12, 0.8, -0.5, report->model->scenario->horizon_months - 0.5, 0, ymax);
  draw_fan (report, panel);
  for (guint i = 0; i < report->model->n_indicators; i++)
    if (is_threshold (report, i, panel->field))
      draw_threshold (report, i, ymax);
  pc_plot_axes_months (report->model->scenario, 12, "bcnstvo", step);
  pc_plot_text_size (0.85);
  pc_plot_colour (panel->colour, 1);
  pc_plot_mtex ("t", 1.0, 0.0, 0, panel->heading);
  pc_plot_colour (PC_COLOUR_INK, 1);
}

static void
draw (gconstpointer data)
{
  const GrowthChart *chart = data;
  pc_plot_title (chart->title, chart->subtitle);
  double width = 0.93 / G_N_ELEMENTS (panels);
  for (guint k = 0; k < G_N_ELEMENTS (panels); k++)
    draw_panel (chart->report, &panels[k], 0.065 + k * width, 0.065 + (k + 1) * width - 0.06);
}

/* "Active users reach 755 (P10-P90 700-790) by 2028-10; the targets of
 * 100 and 500 are met in 2026-07 and 2027-03 (median)" */
static char *
growth_title (const PcReport *report)
{
  const PcScenario *s = report->model->scenario;
  guint last = s->horizon_months - 1;
  PcPercentiles users = report->months[last].active_users;
  g_autofree char *end = pc_scenario_date (s, last);
  GString *title = g_string_new (NULL);
  g_string_append_printf (title, "Active users reach %.0f by %s (P10-P90: %.0f-%.0f)", users.p50, end, users.p10, users.p90);
  const char *joiner = "; they pass ";
  for (guint i = 0; i < report->model->n_indicators; i++) {
    const PcIndicatorReport *ir = &report->indicators[i];
    if (!is_threshold (report, i, PC_STATE_ACTIVE_USERS) || !ir->fired_month.valid)
      continue;
    g_autofree char *date = pc_plot_date (s, ir->fired_month.p50);
    g_string_append_printf (title, "%s%.0f in %s", joiner, report->model->indicators[i].decl->threshold, date);
    joiner = ", ";
  }
  return g_string_free (title, FALSE);
}

gboolean
pc_chart_growth (const PcReport *report, const char *dir, PcChartInfo *info, GError **error)
{
  char *caption = g_strdup_printf (
    "Each panel: shaded, P10 to P90 over %u futures; line, the median (P50). Dashed lines: the roadmap's business "
    "triggers on that quantity; on each, the months it is first met (thick red: P10 to P90 over the futures that meet "
    "it; dot and date: the median).", report->runs);
  pc_chart_info_set (info, "growth", "Growth", growth_title (report), caption);
  g_autofree char *subtitle = g_strdup_printf ("P10-P90 over %u futures (shaded) and median (line); dashed: the "
                                               "roadmap's triggers, red: the months they are first met", report->runs);
  GrowthChart chart = { report, info->title, subtitle };
  return pc_plot_write (dir, info->stem, PC_CHART_WIDTH, PC_CHART_HEIGHT, draw, &chart, error);
}
