/* chart-timeline.c - chart 3, when each phase comes.
 *
 * One band per phase, then one row per indicator leading into it.  A
 * phase's band shows, month by month, the share of all futures that decide
 * the move in that month (light bars) and that enter the phase (dark
 * bars), from the exact counts the aggregate keeps, and the roadmap's own
 * stated window as an outlined box.  An indicator's row shows the months
 * it first holds: P10 to P90 over the futures in which it holds, and the
 * median as a dot; "never" when it holds in none.
 *
 * Time: month m of the report is drawn from x = m - 0.5 to m + 0.5, so a
 * moment t months after the start is x = t - 0.5.  A move decided in month
 * d is taken as decided at its end (t = d + 1), as the month loop does.
 */
#include "chart-private.h"

#define TIMELINE_HEIGHT 1000
#define PHASE_ROW 1.7
#define INDICATOR_ROW 1.0
#define PLOT_LEFT 0.215
#define PLOT_RIGHT 0.875
#define PLOT_BOTTOM 0.1
#define PLOT_TOP 0.84

typedef struct {
  const PcReport *report;
  const char *title, *subtitle;
  double height;              /* world units of all rows */
} TimelineChart;

static double
rows_height (const PcReport *report)
{
  return report->model->n_phases * PHASE_ROW + report->model->n_indicators * INDICATOR_ROW;
}

/* The roadmap's window for @phase as x coordinates; FALSE when it states none
 * or its anchor never happens. */
static gboolean
window_of (const PcReport *report, guint phase, double *x0, double *x1)
{
  const PcPhaseDecl *decl = report->model->phases[phase].decl;
  const PcPhaseReport *pr = &report->phases[phase];
  double anchor;
  switch (decl->window_after) {
  case PC_WINDOW_START: anchor = 0; break;
  case PC_WINDOW_LAUNCH: anchor = report->model->scenario->growth.launch_month; break;
  case PC_WINDOW_DECIDED:
    if (!pr->decided_month.valid)
      return FALSE;
    anchor = pr->decided_month.p50 + 1;
    break;
  case PC_WINDOW_NONE:
  default: return FALSE;
  }
  *x0 = anchor + decl->window_from_months - 0.5;
  *x1 = anchor + decl->window_to_months - 0.5;
  return TRUE;
}

static void
draw_phase_row (const PcReport *report, guint p, double bottom)
{
  const PcPhaseReport *pr = &report->phases[p];
  double x0, x1, top = bottom + PHASE_ROW, scale = PHASE_ROW * 0.72;
  pc_plot_colour (PC_COLOUR_LIGHT, 0.6);
  pc_plot_rect (-0.5, bottom + 0.05, report->model->scenario->horizon_months - 0.5, top - 0.05);
  if (window_of (report, p, &x0, &x1)) {
    pc_plot_colour (PC_COLOUR_ORANGE, 0.25);
    pc_plot_rect (x0, bottom + 0.1, MAX (x1, x0 + 0.08), top - 0.1);
    pc_plot_colour (PC_COLOUR_ORANGE, 1);
    plwidth (2.5);
    pc_plot_line (x0, bottom + 0.1, x0, top - 0.1);
    pc_plot_line (MAX (x1, x0 + 0.08), bottom + 0.1, MAX (x1, x0 + 0.08), top - 0.1);
    plwidth (1);
  }
  for (guint m = 0; m < report->model->scenario->horizon_months; m++) {
    pc_plot_colour (PC_COLOUR_SKY, 1);
    if (pr->decided_share[m] > 0)
      pc_plot_rect (m - 0.42, bottom + 0.12, m - 0.02, bottom + 0.12 + pr->decided_share[m] * scale);
    pc_plot_colour (PC_COLOUR_BLUE, 1);
    if (pr->entered_share[m] > 0)
      pc_plot_rect (m + 0.02, bottom + 0.12, m + 0.42, bottom + 0.12 + pr->entered_share[m] * scale);
  }
}

static void
draw_indicator_row (const PcReport *report, guint i, double bottom)
{
  const PcIndicatorReport *ir = &report->indicators[i];
  double middle = bottom + INDICATOR_ROW / 2;
  pc_plot_colour (PC_COLOUR_LIGHT, 1);
  pc_plot_line (-0.5, middle, report->model->scenario->horizon_months - 0.5, middle);
  if (!ir->fired_month.valid) {
    pc_plot_colour (PC_COLOUR_DARK, 1);
    pc_plot_text_size (0.6);
    pc_plot_ptex (0, middle - 0.1, 0, "never met in any future");
    return;
  }
  pc_plot_colour (PC_COLOUR_INK, 1);
  plwidth (7);
  pc_plot_line (ir->fired_month.p10 - 0.15, middle, ir->fired_month.p90 + 0.15, middle);
  plwidth (1);
  PLFLT x = ir->fired_month.p50, y = middle;
  pc_plot_colour (PC_COLOUR_VERMILLION, 1);
  plssym (0, 1.5);
  plpoin (1, &x, &y, 17);
}

/* Left column: what each row is; right column: how often. */
static void
draw_row_labels (const PcReport *report, guint p, double bottom, gboolean phase_row, guint indicator)
{
  double middle = bottom + (phase_row ? PHASE_ROW : INDICATOR_ROW) / 2;
  g_autofree char *left = NULL, *right = NULL;
  if (phase_row) {
    left = pc_chart_phase_label (report, p);
    right = report->phases[p].reached_probability > 0
              ? g_strdup_printf ("reached in %.0f %%", 100 * report->phases[p].reached_probability)
              : g_strdup ("never reached");
  } else {
    const PcIndicator *ind = &report->model->indicators[indicator];
    left = g_strdup_printf ("%s%s", ind->decl->id, ind->decl->required ? " (required)" : "");
    right = g_strdup_printf ("met in %.0f %%", 100 * report->indicators[indicator].fired_probability);
  }
  pc_plot_text_size (pc_plot_fit (left, PLOT_LEFT - 0.015, phase_row ? 0.75 : 0.58));
  pc_plot_colour (phase_row ? PC_COLOUR_INK : PC_COLOUR_DARK, 1);
  pc_plot_panel (0.005, PLOT_LEFT - 0.008, PLOT_BOTTOM, PLOT_TOP, 0, 1, 0, rows_height (report));
  pc_plot_ptex (1, middle - 0.1, 1, left);
  pc_plot_text_size (0.58);
  pc_plot_panel (PLOT_RIGHT + 0.008, 0.998, PLOT_BOTTOM, PLOT_TOP, 0, 1, 0, rows_height (report));
  pc_plot_ptex (0, middle - 0.1, 0, right);
}

static void
draw_rows (const TimelineChart *chart)
{
  const PcReport *r = chart->report;
  double top = chart->height, months = r->model->scenario->horizon_months;
  for (guint p = 0; p < r->model->n_phases; p++) {
    top -= PHASE_ROW;
    pc_plot_panel (PLOT_LEFT, PLOT_RIGHT, PLOT_BOTTOM, PLOT_TOP, -0.5, months - 0.5, 0, chart->height);
    draw_phase_row (r, p, top);
    draw_row_labels (r, p, top, TRUE, 0);
    for (guint i = 0; i < r->model->n_indicators; i++) {
      if (r->model->indicators[i].phase != p)
        continue;
      top -= INDICATOR_ROW;
      pc_plot_panel (PLOT_LEFT, PLOT_RIGHT, PLOT_BOTTOM, PLOT_TOP, -0.5, months - 0.5, 0, chart->height);
      draw_indicator_row (r, i, top);
      draw_row_labels (r, p, top, FALSE, i);
    }
  }
}

static void
legend_box (double x, PcColour colour, double alpha, const char *text)
{
  pc_plot_colour (colour, alpha);
  pc_plot_rect (x, 0.012, x + 0.012, 0.03);
  pc_plot_colour (PC_COLOUR_INK, 1);
  pc_plot_ptex (x + 0.016, 0.021, 0, text);
}

static void
draw_legend (void)
{
  pc_plot_panel (0, 1, 0, 1, 0, 1, 0, 1);
  pc_plot_text_size (0.6);
  legend_box (0.02, PC_COLOUR_SKY, 1, "deciding the move, share of futures");
  legend_box (0.29, PC_COLOUR_BLUE, 1, "entering the phase");
  legend_box (0.445, PC_COLOUR_ORANGE, 0.4, "the roadmap's window");
  PLFLT x = 0.62, y = 0.021;
  pc_plot_colour (PC_COLOUR_VERMILLION, 1);
  plssym (0, 1.3);
  plpoin (1, &x, &y, 17);
  pc_plot_colour (PC_COLOUR_INK, 1);
  pc_plot_ptex (x + 0.01, 0.021, 0, "trigger first met: median, bar P10-P90");
}

static void
draw (gconstpointer data)
{
  const TimelineChart *chart = data;
  const PcReport *r = chart->report;
  pc_plot_title (chart->title, chart->subtitle);
  draw_legend ();
  draw_rows (chart);
  pc_plot_panel (PLOT_LEFT, PLOT_RIGHT, PLOT_BOTTOM, PLOT_TOP, -0.5, r->model->scenario->horizon_months - 0.5, 0,
                 chart->height);
  pc_plot_axes_months (r->model->scenario, 6, "bc", 0);
}

/* The share of all runs entering @phase in months [@from, @to]. */
static double
share_between (const PcPhaseReport *pr, guint from, guint to)
{
  double share = 0;
  for (guint m = from; m <= to; m++)
    share += pr->entered_share[m];
  return share;
}

/* "v2.0 between 2026-09 and 2026-11 (84 %)"; @first says "is entered" and
 * "of futures" in full. */
static void
append_phase_window (GString *out, const PcReport *report, guint p, gboolean first_phrase)
{
  const PcPhaseReport *pr = &report->phases[p];
  const PcScenario *s = report->model->scenario;
  const char *id = report->model->phases[p].decl->id;
  if (!pr->entered_month.valid) {
    g_string_append_printf (out, "%s is never reached", id);
    return;
  }
  guint from = (guint) floor (pr->entered_month.p10), to = (guint) MIN (ceil (pr->entered_month.p90), s->horizon_months - 1.0);
  g_autofree char *first = pc_scenario_date (s, from), *last = pc_scenario_date (s, to);
  g_autofree char *share = pc_chart_percent (share_between (pr, from, to));
  const char *verb = first_phrase ? " is entered" : "", *of = first_phrase ? " of futures" : "";
  if (from == to)
    g_string_append_printf (out, "%s%s in %s (%s%s)", id, verb, first, share, of);
  else
    g_string_append_printf (out, "%s%s between %s and %s (%s%s)", id, verb, first, last, share, of);
}

static char *
timeline_title (const PcReport *report)
{
  GString *title = g_string_new (NULL);
  for (guint p = 1; p < report->model->n_phases; p++) {
    if (title->len)
      g_string_append (title, "; ");
    append_phase_window (title, report, p, title->len == 0);
  }
  if (title->len == 0)
    g_string_append_printf (title, "%s runs for the whole horizon", report->model->phases[0].decl->id);
  return g_string_free (title, FALSE);
}

gboolean
pc_chart_timeline (const PcReport *report, const char *dir, PcChartInfo *info, GError **error)
{
  char *caption = g_strdup_printf (
    "One band per phase: light bars, the share of the %u futures that decide the move in each month; dark bars, the "
    "share that enter the phase; orange box, the roadmap's own stated window (counted from the start, the launch "
    "month or the median decision, as the roadmap says). Below each phase, its trigger indicators: the bar spans "
    "P10 to P90 of the month each is first met, over the futures in which it is met; the dot is the median.",
    report->runs);
  pc_chart_info_set (info, "timeline", "Timeline", timeline_title (report), caption);
  TimelineChart chart = { report, info->title, "When each move is decided and each phase entered, against the "
                          "roadmap's windows; when each trigger is first met",
                          rows_height (report) };
  return pc_plot_write (dir, info->stem, PC_CHART_WIDTH, TIMELINE_HEIGHT, draw, &chart, error);
}
