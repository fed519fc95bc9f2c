/* page.c - index.html of `phasecast report`: the findings (each chart's
 * title), the charts, and the tables behind them (phases, indicators,
 * runway (page-runway.c), components against the roadmap's claims,
 * warnings), then the inputs (page-inputs.c: the scenario's assumptions
 * and where every price comes from).
 *
 * One file with no script and nothing fetched: the charts are embedded as
 * SVG data (and linked as the PNG and SVG files beside the page, for
 * slides), the style sheet is inline, and a Content-Security-Policy forbids
 * any other source.  The layout is one column that narrows to a phone's
 * width (tables scroll sideways inside their box) and prints on A4.
 */
#include "page-private.h"

#include <math.h>

static const char style[] =
  "*{box-sizing:border-box}"
  "body{margin:0 auto;max-width:72rem;padding:1rem;font:16px/1.45 system-ui,-apple-system,'Segoe UI',"
  "'DejaVu Sans',sans-serif;color:#111;background:#fff}"
  "h1{font-size:1.6rem;margin:.2rem 0}h2{font-size:1.25rem;margin:2rem 0 .5rem;border-bottom:2px solid #0072B2}"
  "h3{font-size:1.05rem;margin:1.2rem 0 .3rem}"
  "nav{font-size:.9rem;margin:.5rem 0 1rem}nav a{margin-right:.8rem;white-space:nowrap}"
  ".lede{color:#333}.findings li{margin:.3rem 0}"
  "figure{margin:1rem 0 2rem}figure img{width:100%;height:auto;border:1px solid #ddd}"
  "figcaption{font-size:.9rem;color:#333}"
  ".scroll{overflow-x:auto;-webkit-overflow-scrolling:touch}"
  "table{border-collapse:collapse;font-size:.88rem;margin:.3rem 0 1rem;min-width:100%}"
  "th,td{padding:.25rem .5rem;border-bottom:1px solid #ddd;text-align:left;vertical-align:top}"
  "th{background:#f3f3f3}td.n,th.n{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}td.k{white-space:nowrap}"
  ".over{color:#b34700;font-weight:600}.within{color:#00795a}.note{font-size:.9rem;color:#333}"
  ".warn{color:#b34700}code{font-size:.9em}.sources{font-size:.85rem;overflow-wrap:anywhere}"
  "@media (max-width:40rem){body{padding:.6rem;font-size:15px}h1{font-size:1.3rem}}"
  "@media print{@page{size:A4;margin:12mm}body{max-width:none;padding:0;font-size:10pt}nav{display:none}"
  "figure,tr{break-inside:avoid}h2,h3{break-after:avoid}.scroll{overflow:visible}table{font-size:8pt}"
  "a{color:inherit;text-decoration:none}}";

void
pc_page_text (GString *out, const char *text)
{
  g_autofree char *escaped = g_markup_escape_text (text ? text : "", -1);
  g_string_append (out, escaped);
}

/* Appends @format's result, escaped. */
void
pc_page_printf (GString *out, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *text = g_strdup_vprintf (format, args);
  va_end (args);
  pc_page_text (out, text);
}

/* "2026-09 (2026-09 to 2026-11)", "2026-09", or "never". */
static char *
months_text (const PcReport *report, PcPercentiles p)
{
  if (!p.valid)
    return g_strdup ("never");
  const PcScenario *s = report->model->scenario;
  g_autofree char *mid = pc_scenario_date (s, (guint) lround (p.p50));
  if (lround (p.p10) == lround (p.p90))
    return g_steal_pointer (&mid);
  g_autofree char *low = pc_scenario_date (s, (guint) lround (p.p10));
  g_autofree char *high = pc_scenario_date (s, (guint) lround (p.p90));
  return g_strdup_printf ("%s (%s to %s)", mid, low, high);
}

static char *
money_range (const PcChartCurrency *currency, double low, double high, int decimals)
{
  if (isnan (low))
    return g_strdup ("");
  g_autofree char *a = pc_chart_amount (currency, low, decimals);
  if (low == high)
    return g_strdup_printf ("~%s", a);
  g_autofree char *b = pc_plot_money (high * currency->per_usd, decimals);
  return g_strdup_printf ("%s to %s", a, b);
}

void
pc_page_cell (GString *out, const char *class_name, const char *text)
{
  g_string_append_printf (out, "<td%s%s%s>", class_name ? " class=\"" : "", class_name ? class_name : "",
                          class_name ? "\"" : "");
  pc_page_text (out, text);
  g_string_append (out, "</td>");
}

void
pc_page_header_row (GString *out, const char *const *names)
{
  g_string_append (out, "<thead><tr>");
  for (guint i = 0; names[i]; i++)
    g_string_append_printf (out, "<th%s>%s</th>", names[i][0] == '>' ? " class=\"n\"" : "",
                            names[i] + (names[i][0] == '>'));
  g_string_append (out, "</tr></thead>\n<tbody>\n");
}

/* "6-12 months post-launch (2026-07 to 2027-01)" */
static char *
window_text (const PcReport *report, guint p)
{
  const PcPhaseDecl *decl = report->model->phases[p].decl;
  if (decl->window_after == PC_WINDOW_NONE)
    return g_strdup ("");
  if (decl->window_after == PC_WINDOW_DECIDED)
    return g_strdup (decl->window_text);
  double anchor = decl->window_after == PC_WINDOW_LAUNCH ? report->model->scenario->growth.launch_month : 0;
  g_autofree char *from = pc_scenario_date (report->model->scenario, (guint) floor (anchor + decl->window_from_months));
  g_autofree char *to = pc_scenario_date (report->model->scenario, (guint) floor (anchor + decl->window_to_months));
  return g_strdup_printf ("%s (%s to %s)", decl->window_text, from, to);
}

static void
phase_row (GString *out, const PcReport *r, const PcChartCurrency *currency, guint p)
{
  const PcPhaseDecl *decl = r->model->phases[p].decl;
  const PcPhaseReport *pr = &r->phases[p];
  g_autofree char *reached = pc_chart_percent (pr->reached_probability);
  g_autofree char *decided = p > 0 ? months_text (r, pr->decided_month) : g_strdup ("at the start");
  g_autofree char *entered = months_text (r, pr->entered_month);
  g_autofree char *window = window_text (r, p);
  g_autofree char *cost = pr->monthly_cost.valid ? pc_chart_amount (currency, pr->monthly_cost.p50, 2) : g_strdup ("");
  g_autofree char *band = pr->monthly_cost.valid ? money_range (currency, pr->monthly_cost.p10, pr->monthly_cost.p90, 2)
                                                 : g_strdup ("");
  g_autofree char *estimate = money_range (currency, decl->estimate_min, decl->estimate_max, 0);
  g_autofree char *downtime = p > 0 && pr->downtime_minutes.valid ? g_strdup_printf ("%.0f min", pr->downtime_minutes.p50)
                                                                  : g_strdup ("");
  g_string_append (out, "<tr>");
  g_autofree char *name = pc_chart_phase_label (r, p);
  const char *cells[] = { name, reached, decided, entered, window, cost, band, estimate, downtime };
  for (guint i = 0; i < G_N_ELEMENTS (cells); i++)
    pc_page_cell (out, i == 1 || (i >= 5 && i <= 8) ? "n" : NULL, cells[i]);
  g_string_append (out, "</tr>\n");
}

static void
phases_table (GString *out, const PcReport *r, const PcChartCurrency *currency)
{
  static const char *const names[] = { "phase", ">reached", "decided", "entered", "the roadmap's window",
                                       ">cost per month (P50)", ">P10 to P90", ">roadmap estimate", ">downtime",
                                       NULL };
  g_string_append (out, "<section id=\"phases\"><h2>Phases</h2>\n<p class=\"note\">");
  pc_page_printf (out, "Months are P50 with P10 to P90 over the %u futures that reach the phase; cost is each "
                  "future's mean monthly cost in the phase, P50 and P10 to P90 over futures.", r->runs);
  g_string_append (out, "</p>\n<div class=\"scroll\"><table>\n");
  pc_page_header_row (out, names);
  for (guint p = 0; p < r->model->n_phases; p++)
    phase_row (out, r, currency, p);
  g_string_append (out, "</tbody></table></div></section>\n");
}

static void
indicators_table (GString *out, const PcReport *r)
{
  static const char *const names[] = { "phase", "indicator", "what it checks", ">met in", "first met", NULL };
  if (r->model->n_indicators == 0)
    return;
  g_string_append (out, "<section id=\"indicators\"><h2>Trigger indicators</h2>\n<p class=\"note\">");
  pc_page_text (out, "The share of futures in which each indicator holds, and the month it first holds: P50 with "
                "P10 to P90 over those futures. \"required\": the move waits for it whatever the policy.");
  g_string_append (out, "</p>\n<div class=\"scroll\"><table>\n");
  pc_page_header_row (out, names);
  for (guint i = 0; i < r->model->n_indicators; i++) {
    const PcIndicator *ind = &r->model->indicators[i];
    g_autofree char *id = g_strdup_printf ("%s%s", ind->decl->id, ind->decl->required ? " (required)" : "");
    g_autofree char *share = pc_chart_percent (r->indicators[i].fired_probability);
    g_autofree char *month = months_text (r, r->indicators[i].fired_month);
    g_string_append (out, "<tr>");
    pc_page_cell (out, NULL, r->model->phases[ind->phase].decl->id);
    pc_page_cell (out, NULL, id);
    pc_page_cell (out, NULL, ind->decl->description);
    pc_page_cell (out, "n", share);
    pc_page_cell (out, NULL, month);
    g_string_append (out, "</tr>\n");
  }
  g_string_append (out, "</tbody></table></div></section>\n");
}

/* Length of the amount at @text ("1,234.50"): digits, thousands commas
 * and decimals; 0 when @text does not start with a digit. */
static gsize
amount_length (const char *text)
{
  gsize n = 0;
  while (g_ascii_isdigit (text[n]) || (n > 0 && (text[n] == ',' || text[n] == '.') && g_ascii_isdigit (text[n + 1])))
    n++;
  return n;
}

/* @warning with every "$178.20" in the page's currency: the core writes
 * its warnings in the catalogs' USD, which a page in AUD must not pass off
 * as its own dollars.  Converted like every other amount on the page
 * ("AUD 275.21"); on a page in USD, labelled ("USD 178.20"). */
static char *
warning_text (const char *warning, const PcChartCurrency *currency)
{
  GString *out = g_string_new (NULL);
  for (const char *c = warning; *c;) {
    gsize n = *c == '$' ? amount_length (c + 1) : 0;
    if (n == 0) {
      g_string_append_c (out, *c++);
      continue;
    }
    g_autoptr (GString) number = g_string_new (NULL);   /* without its commas */
    for (gsize k = 1; k <= n; k++)
      if (c[k] != ',')
        g_string_append_c (number, c[k]);
    const char *point = strchr (number->str, '.');
    int decimals = point ? (int) strlen (point + 1) : 0;
    double amount = g_ascii_strtod (number->str, NULL);
    g_autofree char *converted = pc_chart_amount (currency, amount, decimals);
    g_string_append (out, converted);
    c += 1 + n;
  }
  return g_string_free (out, FALSE);
}

static void
warnings_list (GString *out, const PcReport *r, const PcChartCurrency *currency)
{
  if (r->warnings->len == 0)
    return;
  g_string_append (out, "<section id=\"warnings\"><h2>Warnings</h2>\n");
  if (!g_str_equal (currency->code, "USD"))
    g_string_append_printf (out, "<p class=\"note\">Amounts converted from the catalogs' USD to %s at the rate "
                            "given at the top of the page.</p>\n", currency->code);
  g_string_append (out, "<ul class=\"warn\">\n");
  for (guint w = 0; w < r->warnings->len; w++) {
    g_autofree char *text = warning_text (r->warnings->pdata[w], currency);
    g_string_append (out, "<li>");
    pc_page_text (out, text);
    g_string_append (out, "</li>\n");
  }
  g_string_append (out, "</ul></section>\n");
}

static void
figure (GString *out, const PcChartInfo *chart, const char *folder)
{
  g_autofree char *name = g_strdup_printf ("%s.svg", chart->stem);
  g_autofree char *path = g_build_filename (folder, name, NULL);
  g_autofree char *svg = NULL;
  gsize length = 0;
  g_string_append_printf (out, "<figure id=\"%s\">\n<h2>", chart->stem);
  pc_page_text (out, chart->heading);
  g_string_append (out, "</h2>\n");
  if (g_file_get_contents (path, &svg, &length, NULL)) {
    g_autofree char *data = g_base64_encode ((const guchar *) svg, length);
    g_string_append_printf (out, "<img src=\"data:image/svg+xml;base64,%s\" alt=\"", data);
    pc_page_text (out, chart->title);
    g_string_append (out, "\">\n");
  }
  g_string_append (out, "<figcaption><strong>");
  pc_page_text (out, chart->title);
  g_string_append (out, ".</strong> ");
  pc_page_text (out, chart->caption);
  g_string_append_printf (out, " For slides: <a href=\"%s.png\">%s.png</a>, <a href=\"%s.svg\">%s.svg</a>."
                          "</figcaption>\n</figure>\n", chart->stem, chart->stem, chart->stem, chart->stem);
}

static void
header (GString *out, const PcReport *r, const PcReportOptions *options, const PcChartInfo *charts, guint n)
{
  const PcScenario *s = r->model->scenario;
  g_autofree char *start = pc_scenario_date (s, 0);
  g_string_append (out, "<header><h1>");
  pc_page_printf (out, "When the infrastructure must change: %s", s->name);
  g_string_append (out, "</h1>\n<p class=\"lede\">");
  pc_page_printf (out, "Scenario %s under roadmap %s, region %s, %u months from %s; %u futures (Monte Carlo runs), "
                  "seed %" G_GUINT64_FORMAT ". Money in %s%s%s.", s->name, r->model->roadmap->name, s->region,
                  s->horizon_months, start, r->runs, r->seed, options->currency.code,
                  options->currency_note ? ": " : "", options->currency_note ? options->currency_note : "");
  /* Links are separated by spaces so that the menu wraps on a phone. */
  g_string_append (out, "</p>\n<nav><a href=\"#findings\">In short</a> <a href=\"#phases\">Phases</a>");
  for (guint i = 0; i < n; i++) {
    g_string_append_printf (out, " <a href=\"#%s\">", charts[i].stem);
    pc_page_text (out, charts[i].heading);
    g_string_append (out, "</a>");
  }
  g_string_append (out, " <a href=\"#indicators\">Indicators</a>");
  if (r->model->n_runway > 0)
    g_string_append (out, " <a href=\"#runway\">Runway table</a>");
  g_string_append (out, " <a href=\"#components\">Components</a> <a href=\"#assumptions\">Assumptions</a> "
                   "<a href=\"#prices\">Prices</a></nav></header>\n");
}

static void
findings (GString *out, const PcChartInfo *charts, guint n)
{
  g_string_append (out, "<section id=\"findings\"><h2>In short</h2>\n<ul class=\"findings\">\n");
  for (guint i = 0; i < n; i++) {
    g_string_append_printf (out, "<li><a href=\"#%s\">", charts[i].stem);
    pc_page_text (out, charts[i].heading);
    g_string_append (out, "</a>: ");
    pc_page_text (out, charts[i].title);
    g_string_append (out, ".</li>\n");
  }
  g_string_append (out, "</ul></section>\n");
}

char *
pc_report_page (const PcReport *report, const PcReportOptions *options, const PcChartInfo *charts, guint n_charts,
                const char *folder)
{
  GString *out = g_string_new ("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                               "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                               "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
                               "img-src data:; style-src 'unsafe-inline'\">\n<title>");
  pc_page_printf (out, "phasecast report: %s", report->model->scenario->name);
  g_string_append_printf (out, "</title>\n<style>%s</style>\n</head>\n<body>\n", style);
  header (out, report, options, charts, n_charts);
  findings (out, charts, n_charts);
  phases_table (out, report, &options->currency);
  for (guint i = 0; i < n_charts; i++)
    figure (out, &charts[i], folder);
  indicators_table (out, report);
  pc_page_runway (out, report);
  pc_page_components (out, report, &options->currency);
  warnings_list (out, report, &options->currency);
  pc_page_assumptions (out, report);
  pc_page_prices (out, report);
  g_string_append (out, "<footer class=\"note\"><p>Made by <code>phasecast report</code>. Percentiles are over "
                   "futures; component figures follow the median future (the run whose total cost over the "
                   "horizon is the median).</p></footer>\n</body>\n</html>\n");
  return g_string_free (out, FALSE);
}
