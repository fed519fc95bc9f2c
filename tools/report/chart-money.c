/* chart-money.c - chart 5, where the money goes, against the roadmap.
 *
 * Left: each phase's monthly cost in the median future (the mean over its
 * months in the phase) beside the roadmap's estimate for the phase.  Right:
 * every component the roadmap puts a figure on, beside that figure: the
 * same comparison as the component table (claims.c), so an "added" claim
 * ("+$15-20") is compared with the modelled increase over the previous
 * phase and a group claim with the group's sum.  A claim's range is drawn
 * solid to its low end and lighter to its high end, in the colour every
 * chart gives the roadmap's figures; the column on the right is the
 * modelled figure's distance outside the claim.
 */
#include "chart-private.h"

#define BAR 0.32

typedef struct {
  const PcReport *report;
  const PcChartCurrency *currency;
  const char *title, *subtitle;
} MoneyChart;

typedef struct {
  guint phase;
  int slot;                   /* -1: the phase's header row */
} ClaimRow;

static gboolean
has_claim (const PcReport *report, guint p, guint s)
{
  return report->phases[p].reached_probability > 0 && !isnan (report->phases[p].slot_claim_modelled[s]);
}

/* Rows of the right panel: a header per phase with claims, then its claims. */
static GArray *
claim_rows (const PcReport *report)
{
  GArray *rows = g_array_new (FALSE, FALSE, sizeof (ClaimRow));
  for (guint p = 0; p < report->model->n_phases; p++) {
    gboolean header = FALSE;
    for (guint s = 0; s < report->model->slots->len; s++) {
      if (!has_claim (report, p, s))
        continue;
      if (!header)
        g_array_append_val (rows, ((ClaimRow) { p, -1 }));
      header = TRUE;
      g_array_append_val (rows, ((ClaimRow) { p, (int) s }));
    }
  }
  return rows;
}

/* Modelled (blue) above, the roadmap's range (vermillion) below, around @y. */
static void
draw_pair (double y, double modelled, double low, double high)
{
  pc_plot_colour (PC_COLOUR_BLUE, 1);
  pc_plot_rect (0, y + 0.02, modelled, y + BAR);
  if (isnan (low))
    return;
  pc_plot_colour (PC_COLOUR_VERMILLION, 1);
  pc_plot_rect (0, y - BAR, low, y - 0.02);
  if (high != low) {
    pc_plot_colour (PC_COLOUR_VERMILLION, 0.35);
    pc_plot_rect (low, y - BAR, high, y - 0.02);
  }
}

static void
value_label (double x, double y, double offset, const PcChartCurrency *currency, double usd)
{
  g_autofree char *text = pc_plot_money (usd * currency->per_usd, 0);
  pc_plot_colour (PC_COLOUR_INK, 1);
  pc_plot_text_size (0.55);
  pc_plot_ptex (x + (x < 0 ? -offset : offset), y, x < 0 ? 1 : 0, text);
}

static void
draw_totals (const MoneyChart *chart)
{
  const PcReport *r = chart->report;
  double rate = chart->currency->per_usd, top = 0;
  guint n = r->model->n_phases;
  for (guint p = 0; p < n; p++)
    top = MAX (top, MAX (r->phases[p].median_cost_usd, r->model->phases[p].decl->estimate_max) * rate);
  double step = pc_chart_step (top * 1.15, 4), xmax = pc_chart_ceil (top * 1.15, step);
  for (guint p = 0; p < n; p++) {
    pc_plot_panel (0.115, 0.37, 0.12, 0.8, 0, xmax, 0, n);
    const PcPhaseDecl *decl = r->model->phases[p].decl;
    double y = n - p - 0.5, cost = r->phases[p].median_cost_usd;
    if (isnan (cost))
      continue;
    draw_pair (y, cost * rate, decl->estimate_min * rate, decl->estimate_max * rate);
    value_label (cost * rate, y + 0.1, xmax * 0.01, chart->currency, cost);
    pc_plot_panel (0.005, 0.11, 0.12, 0.8, 0, 1, 0, n);
    g_autofree char *label = pc_chart_phase_label (r, p);
    pc_plot_text_size (pc_plot_fit (label, 0.1, 0.6));
    pc_plot_ptex (1, y, 1, label);
  }
  pc_plot_panel (0.115, 0.37, 0.12, 0.8, 0, xmax, 0, n);
  pc_plot_axes_money_x (step);
  pc_plot_text_size (0.75);
  pc_plot_mtex ("t", 1.0, 0, 0, "Each phase, per month");
  g_autofree char *unit = g_strdup_printf ("%s per month", chart->currency->code);
  pc_plot_mtex ("b", 3.0, 0.5, 0.5, unit);
}

static char *
claim_label (const PcReport *report, const ClaimRow *row)
{
  if (row->slot < 0)
    return pc_chart_phase_label (report, row->phase);
  const PcComponentDecl *decl = pc_model_component (report->model, row->phase, (guint) row->slot)->decl;
  const char *name = decl->estimate_group ? decl->estimate_group : decl->name;
  return g_strdup_printf ("%s%s%s", decl->estimate_group ? "group " : "", name,
                          decl->estimate_added ? " (increase)" : "");
}

static void
claim_range (const PcReport *report, const ClaimRow *row, double rate, double *low, double *high, double *modelled)
{
  const PcComponentDecl *decl = pc_model_component (report->model, row->phase, (guint) row->slot)->decl;
  *low = decl->estimate_min * rate, *high = decl->estimate_max * rate;
  *modelled = report->phases[row->phase].slot_claim_modelled[row->slot] * rate;
}

static void
claims_extent (const MoneyChart *chart, const GArray *rows, double *xmin, double *xmax, double *step)
{
  double low = 0, high = 0;
  for (guint k = 0; k < rows->len; k++) {
    const ClaimRow *row = &g_array_index (rows, ClaimRow, k);
    double a, b, m;
    if (row->slot < 0)
      continue;
    claim_range (chart->report, row, chart->currency->per_usd, &a, &b, &m);
    low = MIN (low, MIN (a, m)), high = MAX (high, MAX (b, m));
  }
  *step = pc_chart_step ((high - low) * 1.1, 6);
  *xmin = low < 0 ? -pc_chart_ceil (-low * 1.1, *step) : 0;
  *xmax = pc_chart_ceil (high * 1.1, *step);
}

static void
draw_claim_row (const MoneyChart *chart, const ClaimRow *row, double y, double xmin, double xmax, guint n)
{
  const PcReport *r = chart->report;
  g_autofree char *label = claim_label (r, row);
  pc_plot_panel (0.4, 0.545, 0.12, 0.8, 0, 1, 0, n);
  pc_plot_colour (PC_COLOUR_INK, 1);
  pc_plot_text_size (pc_plot_fit (label, 0.14, row->slot < 0 ? 0.7 : 0.6));
  pc_plot_ptex (1, y - 0.1, 1, label);
  if (row->slot < 0)
    return;
  double low, high, modelled;
  claim_range (r, row, chart->currency->per_usd, &low, &high, &modelled);
  pc_plot_panel (0.55, 0.88, 0.12, 0.8, xmin, xmax, 0, n);
  draw_pair (y, modelled, low, high);
  value_label (modelled, y + 0.05, (xmax - xmin) * 0.006, chart->currency, modelled / chart->currency->per_usd);
  double outside = r->phases[row->phase].slot_claim_difference[row->slot] * chart->currency->per_usd;
  g_autofree char *amount = pc_plot_money (outside, 0);
  g_autofree char *text = fabs (outside) < 0.5 ? g_strdup ("within") : g_strdup_printf ("%s%s", outside > 0 ? "+" : "", amount);
  pc_plot_panel (0.885, 0.995, 0.12, 0.8, 0, 1, 0, n);
  pc_plot_colour (fabs (outside) < 0.5 ? PC_COLOUR_GREEN : PC_COLOUR_INK, 1);
  pc_plot_text_size (0.6);
  pc_plot_ptex (0.05, y - 0.15, 0, text);
}

static void
draw_claims (const MoneyChart *chart)
{
  g_autoptr (GArray) rows = claim_rows (chart->report);
  guint n = MAX (rows->len, 1u);
  double xmin, xmax, step;
  claims_extent (chart, rows, &xmin, &xmax, &step);
  for (guint k = 0; k < rows->len; k++)
    draw_claim_row (chart, &g_array_index (rows, ClaimRow, k), n - k - 0.5, xmin, xmax, n);
  pc_plot_panel (0.55, 0.88, 0.12, 0.8, xmin, xmax, 0, n);
  pc_plot_colour (PC_COLOUR_DARK, 1);
  pc_plot_line (0, 0, 0, n);
  pc_plot_axes_money_x (step);
  pc_plot_text_size (0.75);
  pc_plot_mtex ("t", 1.0, 0, 0, "Components the roadmap puts a figure on");
  pc_plot_panel (0.885, 0.995, 0.12, 0.8, 0, 1, 0, n);
  pc_plot_text_size (0.65);
  pc_plot_mtex ("t", 1.0, 0.05, 0, "beyond it");
  pc_plot_panel (0.55, 0.88, 0.12, 0.8, xmin, xmax, 0, n);
  pc_plot_text_size (0.75);
  g_autofree char *unit = g_strdup_printf ("%s per month", chart->currency->code);
  pc_plot_mtex ("b", 3.0, 0.5, 0.5, unit);
}

static void
draw (gconstpointer data)
{
  const MoneyChart *chart = data;
  pc_plot_title (chart->title, chart->subtitle);
  draw_totals (chart);
  draw_claims (chart);
}

/* How far the median future's cost of @phase lies outside its estimate
 * (USD, signed); 0 inside or without one. */
static double
beyond_estimate (const PcReport *r, guint phase)
{
  const PcPhaseDecl *decl = r->model->phases[phase].decl;
  double cost = r->phases[phase].median_cost_usd;
  if (isnan (cost) || isnan (decl->estimate_min))
    return 0;
  return cost > decl->estimate_max ? cost - decl->estimate_max : cost < decl->estimate_min ? cost - decl->estimate_min : 0;
}

/* The phase furthest (in money) outside its estimate, and what drives it:
 * "v2.0 costs USD 419 a month, USD 69 above the roadmap's 250-350; ..." */
static char *
money_title (const PcReport *r, const PcChartCurrency *currency)
{
  int worst = -1;
  for (guint p = 0; p < r->model->n_phases; p++)
    if (fabs (beyond_estimate (r, p)) >= 0.5 && (worst < 0 || fabs (beyond_estimate (r, p)) > fabs (beyond_estimate (r, (guint) worst))))
      worst = (int) p;
  if (worst < 0)
    return g_strdup ("Every phase costs what the roadmap estimates");
  const PcPhaseDecl *decl = r->model->phases[worst].decl;
  const PcPhaseReport *pr = &r->phases[worst];
  double beyond = beyond_estimate (r, (guint) worst);
  g_autofree char *cost = pc_chart_amount (currency, pr->median_cost_usd, 0);
  g_autofree char *amount = pc_chart_amount (currency, fabs (beyond), 0);
  g_autofree char *low = pc_plot_money (decl->estimate_min * currency->per_usd, 0);
  g_autofree char *high = pc_plot_money (decl->estimate_max * currency->per_usd, 0);
  g_autofree char *estimate = decl->estimate_min == decl->estimate_max ? g_strdup_printf ("~%s", low)
                                                                       : g_strdup_printf ("%s-%s", low, high);
  GString *title = g_string_new (NULL);
  g_string_append_printf (title, "%s costs %s a month, %s %s the roadmap's %s", decl->id, cost, amount,
                          beyond > 0 ? "above" : "below", estimate);
  if (pr->drivers[0] >= 0) {
    double difference = pr->slot_claim_difference[pr->drivers[0]];
    g_autofree char *driver = pc_chart_amount (currency, fabs (difference), 0);
    g_string_append_printf (title, "; the %s is %s %s its claim", (char *) r->model->slots->pdata[pr->drivers[0]],
                            driver, difference > 0 ? "above" : "below");
  }
  return g_string_free (title, FALSE);
}

gboolean
pc_chart_money (const PcReport *report, const PcChartCurrency *currency, const char *dir, PcChartInfo *info,
                GError **error)
{
  char *caption = g_strdup_printf (
    "Blue: the median future's cost (%s per month, the mean over its months in the phase); red: the roadmap's "
    "figure, solid to its low end and lighter to its high end. Left, whole phases against their estimates; right, "
    "each component the roadmap gives a figure for: an \"increase\" is compared with the modelled increase over the "
    "previous phase, a group with the sum of its components. The last column is how far the modelled figure lies "
    "beyond the roadmap's range.", currency->code);
  pc_chart_info_set (info, "where-the-money-goes", "Where the money goes", money_title (report, currency), caption);
  g_autofree char *subtitle = g_strdup_printf ("%s per month. Blue: modelled (median future); red: the roadmap's "
                                               "figure (lighter: up to its high end)", currency->code);
  MoneyChart chart = { report, currency, info->title, subtitle };
  return pc_plot_write (dir, info->stem, PC_CHART_WIDTH, PC_CHART_HEIGHT, draw, &chart, error);
}
