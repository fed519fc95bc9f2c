/* `phasecast report`: the folder of charts and its page.
 *
 * 1. The baseline as the planner gets it (`phasecast report`, 20 futures):
 *    all six charts are real PNGs of at least 1200 x 700 pixels that are
 *    not blank and SVGs that parse; the page embeds and links every chart,
 *    holds every phase, gives every runway threshold on every configuration
 *    as `phasecast run` does, and labels its warnings' money.
 * 2. A synthetic world whose figures are worked out by hand (the fixed-cost
 *    plugin: month m costs $1 per 1,000 requests = 30.4167 m USD, plus
 *    $100 in phase b): each chart's title states them, in USD and in a
 *    converted currency; so do the page's warnings.
 * 3. Charts 4 and 6 from plain arrays (runway, tornado).
 * 4. The folder appears whole or not at all; a non-empty folder is kept
 *    unless forced; output is byte-identical on 1 and 2 threads; the
 *    command's errors and exit codes.
 */
#include "testlib.h"

#include "report-check.h"

#include <gio/gio.h>
#include <glib/gstdio.h>

static const PcReportOptions usd = { .currency = { "USD", 1.0 } };

/* The world of tests/test-run.c: customers(m) = m up to 10, 10 users each,
 * 100 requests per user per day, so month m costs 30.4167 m USD on the
 * fixed-cost plugin; phase b adds $100 from the month it is entered. */
#define WORLD_SCENARIO \
  "<scenario format=\"1\" name=\"hand\">\n" \
  "  <world start=\"2026-01\" horizon-months=\"12\" region=\"ap-southeast-2\"/>\n" \
  "  <roadmap href=\"roadmap.xml\"/>\n" \
  "  <montecarlo runs=\"1\" seed=\"7\"/>\n" \
  "  <growth model=\"actuals\" launch-month=\"1\" users-per-customer=\"10\" free-users=\"0\" " \
  "quotes-per-user-month=\"1\" arpa-usd-month=\"100\">\n" \
  "    <actual month=\"0\" customers=\"0\"/><actual month=\"10\" customers=\"10\"/>\n" \
  "  </growth>\n" \
  "  <load requests-per-user-day=\"100\" requests-per-quote=\"0\"/>\n" \
  "  <events><event type=\"business_unit\" month=\"0.5\">A &lt;b&gt; tag in an event</event></events>\n" \
  "</scenario>\n"

/* Phase b: entered when customers >= 5 (month 5) after 10 days' lead time,
 * so from month 6; its estimate $200-300 and a claim of $150-250 for svc. */
#define WORLD_ROADMAP \
  "<roadmap format=\"1\" name=\"hand\">\n" \
  "  <phase id=\"a\" name=\"A\"><component name=\"svc\" plugin=\"fixed-cost\"/></phase>\n" \
  "  <phase id=\"b\" name=\"B\" inherits=\"a\" lead-time-days=\"10\" estimate-min-usd=\"200\" estimate-max-usd=\"300\">\n" \
  "    <timeline after=\"launch\" from-months=\"3\" to-months=\"6\">3-6 months after launch</timeline>\n" \
  "    <move><indicator id=\"five\" state=\"paying_customers\" op=\"ge\" value=\"5\">five customers</indicator></move>\n" \
  "    <component name=\"svc\" estimate-min-usd=\"150\" estimate-max-usd=\"250\"><set name=\"base_usd\">100</set></component>\n" \
  "  </phase>\n" \
  "</roadmap>\n"

typedef struct {
  char *folder;               /* holds scenario.xml and roadmap.xml */
  PcHost *host;
  PcModel *model;
  PcReport *report;
} World;

static void
world_setup (World *w, gconstpointer data)
{
  (void) data;
  g_autoptr (GError) error = NULL;
  w->folder = g_dir_make_tmp ("phasecast-world-XXXXXX", &error);
  g_assert_no_error (error);
  g_autofree char *scenario = g_build_filename (w->folder, "scenario.xml", NULL);
  g_autofree char *roadmap = g_build_filename (w->folder, "roadmap.xml", NULL);
  g_assert_true (g_file_set_contents (scenario, WORLD_SCENARIO, -1, NULL));
  g_assert_true (g_file_set_contents (roadmap, WORLD_ROADMAP, -1, NULL));
  w->host = pc_host_new (NULL);
  w->model = pc_model_new (scenario, NULL, w->host, &error);
  g_assert_no_error (error);
  PcSimulateOptions options = { .threads = 1 };
  w->report = pc_simulate (w->model, &options, &error);
  g_assert_no_error (error);
}

static void
world_teardown (World *w, gconstpointer data)
{
  (void) data;
  pc_report_free (w->report);
  pc_model_free (w->model);
  pc_host_free (w->host);
  pc_check_remove_tree (w->folder);
  g_free (w->folder);
}

static void
assert_picture (const char *dir, const char *stem)
{
  g_autofree char *png_name = g_strdup_printf ("%s.png", stem), *svg_name = g_strdup_printf ("%s.svg", stem);
  g_autofree char *png = g_build_filename (dir, png_name, NULL), *svg = g_build_filename (dir, svg_name, NULL);
  int width, height;
  double variance;
  g_test_message ("%s", png);
  g_assert_true (pc_check_png (png, &width, &height, &variance));
  g_assert_cmpint (width, >=, 1200);
  g_assert_cmpint (height, >=, 700);
  /* A blank image has variance 0; a chart's ink on white paper has
   * thousands (luminance 0-255). */
  g_assert_cmpfloat (variance, >, 100);
  g_assert_true (pc_check_svg (svg));
}

/* The SVG embedded in the page is the file beside it, byte for byte. */
static void
assert_embedded (const char *page, const char *dir, const char *stem)
{
  g_autofree char *name = g_strdup_printf ("%s.svg", stem), *path = g_build_filename (dir, name, NULL);
  g_autofree char *svg = NULL;
  gsize length;
  g_assert_true (g_file_get_contents (path, &svg, &length, NULL));
  g_autofree char *data = g_base64_encode ((const guchar *) svg, length);
  g_autofree char *image = g_strdup_printf ("<img src=\"data:image/svg+xml;base64,%s\"", data);
  g_assert_nonnull (strstr (page, image));
  g_autofree char *png_link = g_strdup_printf ("href=\"%s.png\"", stem), *svg_link = g_strdup_printf ("href=\"%s.svg\"", stem);
  g_assert_nonnull (strstr (page, png_link));
  g_assert_nonnull (strstr (page, svg_link));
}

/* The text of each cell of the first table row of @page whose first cell
 * (an id, class "k") is @first_cell; entities as written. */
static GStrv
row_cells (const char *page, const char *first_cell)
{
  g_autofree char *start = g_strdup_printf ("<tr><td class=\"k\">%s</td>", first_cell);
  const char *row = strstr (page, start);
  g_assert_nonnull (row);
  const char *end = strstr (row, "</tr>");
  GPtrArray *cells = g_ptr_array_new ();
  for (const char *td = strstr (row, "<td"); td && td < end; td = strstr (td + 1, "<td")) {
    const char *text = strchr (td, '>') + 1;
    g_ptr_array_add (cells, g_strndup (text, (gsize) (strstr (text, "</td>") - text)));
  }
  g_ptr_array_add (cells, NULL);
  return (GStrv) g_ptr_array_free (cells, FALSE);
}

/* "YYYY-MM" of month @index from the start @year-@month. */
static char *
month_date (int year, int month, int index)
{
  int months = year * 12 + month - 1 + index;
  return g_strdup_printf ("%04d-%02d", months / 12, months % 12 + 1);
}

/* One cell of `phasecast run`'s runway table ("2027-11 (20-31)", "beyond
 * (0%)", "n/a") as the page writes it ("2027-11 (2027-07 to 2028-06)",
 * "beyond (0 %)", "n/a"): the same figures, months as dates. */
static char *
page_runway_cell (const char *cli, int year, int month)
{
  int share, low, high;
  char median[8];
  if (sscanf (cli, "beyond (%d%%)", &share) == 1)
    return g_strdup_printf ("beyond (%d %%)", share);
  if (sscanf (cli, "%7s (%d-%d)", median, &low, &high) == 3) {
    g_autofree char *from = month_date (year, month, low), *to = month_date (year, month, high);
    return g_strdup_printf ("%s (%s to %s)", median, from, to);
  }
  if (sscanf (cli, "%7s (%d-)", median, &low) == 2) {
    g_autofree char *from = month_date (year, month, low);
    return g_strdup_printf ("%s (%s to beyond)", median, from);
  }
  return g_strdup (cli);   /* "n/a", or a date from a single run */
}

/* Every row of `phasecast run`'s runway table (fixed columns: the id in
 * 24, then 20 per phase) is on the page, cell for cell: the thresholds no
 * future crosses, which chart 4 leaves out, included.  Returns the rows. */
static guint
assert_runway_table (const char *page, const char *scenario, guint runs)
{
  g_autofree char *count = g_strdup_printf ("%u", runs), *out = NULL;
  const char *args[] = { "run", scenario, "--runs", count, NULL };
  g_assert_cmpint (pc_test_cli (args, &out, NULL), ==, 0);
  int year, month;
  g_assert_cmpint (sscanf (strstr (out, " from "), " from %d-%d", &year, &month), ==, 2);
  /* After the split: "", the title, the note, the header, then a row each. */
  g_auto (GStrv) lines = g_strsplit (strstr (out, "\nRunway: "), "\n", -1);
  g_assert_true (g_str_has_prefix (lines[3], "  threshold "));
  g_auto (GStrv) header = g_strsplit_set (g_strstrip (lines[3]), " ", -1);
  g_autoptr (GPtrArray) ids = g_ptr_array_new ();   /* "threshold", then one phase id a column */
  for (guint k = 1; header[k]; k++)
    if (*header[k] != '\0')
      g_ptr_array_add (ids, header[k]);
  guint phases = ids->len, rows = 0;
  g_assert_cmpuint (phases, ==, 4);
  for (guint i = 4; lines[i] && g_str_has_prefix (lines[i], "  "); i++, rows++) {
    g_autofree char *id = g_strstrip (g_strndup (lines[i] + 2, 24));
    g_auto (GStrv) cells = row_cells (strstr (page, "<section id=\"runway\">"), id);
    for (guint p = 0; p < phases; p++) {
      g_autofree char *cli = g_strstrip (g_strndup (lines[i] + 27 + 21 * p, 20));
      g_autofree char *expected = page_runway_cell (cli, year, month);
      g_test_message ("%s, %s: run says %s, the page %s", id, (char *) ids->pdata[p], cli, cells[2 + p]);
      g_assert_cmpstr (cells[2 + p], ==, expected);
    }
    g_assert_cmpuint (g_strv_length (cells), ==, 2 + phases + 1);   /* id, condition, phases, meaning */
  }
  return rows;
}

/* The warnings' money is in the page's currency: no bare "$178.20". */
static void
assert_warnings_labelled (const char *page)
{
  const char *section = strstr (page, "<section id=\"warnings\">");
  g_assert_nonnull (section);   /* the baseline's v1.5 is over its budget */
  g_autofree char *warnings = g_strndup (section, (gsize) (strstr (section, "</section>") - section));
  for (const char *c = strchr (warnings, '$'); c; c = strchr (c + 1, '$'))
    g_assert_false (g_ascii_isdigit (c[1]));
  g_assert_nonnull (strstr (warnings, "above its budget of USD 150.00"));
}

static void
test_baseline (void)
{
  g_test_summary ("The baseline's report as `phasecast report` writes it: six charts as real, non-blank PNGs of at "
                  "least 1200 x 700 and SVGs that parse; the page embeds and links each, holds every phase, every "
                  "runway threshold on every configuration as `phasecast run` gives it, and labels its warnings");
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "..", "scenarios", "baseline.xml", NULL);
  g_autofree char *dir = pc_check_cli_report (20);
  g_autofree char *index = g_build_filename (dir, "index.html", NULL), *page = NULL;
  g_assert_true (g_file_get_contents (index, &page, NULL, NULL));
  for (guint i = 0; i < G_N_ELEMENTS (pc_check_baseline_charts); i++) {
    assert_picture (dir, pc_check_baseline_charts[i]);
    assert_embedded (page, dir, pc_check_baseline_charts[i]);
  }
  /* The seed's four phases, by id and name, as the phase table shows them. */
  const char *phases[] = { "v1.0 MVP", "v1.5 Production", "v2.0 Scale", "v3.0 Enterprise" };
  for (guint p = 0; p < G_N_ELEMENTS (phases); p++) {
    g_autofree char *row = g_strdup_printf ("<tr><td>%s</td>", phases[p]);
    g_assert_nonnull (strstr (page, row));
  }
  /* The seed's three capacity indicators of moves and six limits. */
  g_assert_cmpuint (assert_runway_table (page, scenario, 20), ==, 9);
  g_assert_nonnull (strstr (page, "Capacity runway</a>: The first limit: on v"));
  assert_warnings_labelled (page);
  g_assert_nonnull (strstr (page, "Content-Security-Policy"));
  /* Nothing is fetched: no source, link or style points off the page's folder
   * (price sources are quoted as text, addresses included). */
  const char *remote[] = { "src=\"http", "href=\"http", "src=\"//", "href=\"//", "url(" };
  for (guint i = 0; i < G_N_ELEMENTS (remote); i++)
    g_assert_null (strstr (page, remote[i]));
  g_autofree char *parent = g_path_get_dirname (dir);
  pc_check_remove_tree (parent);
}

static void
test_titles_usd (World *w, gconstpointer data)
{
  (void) data;
  g_test_summary ("Titles state hand-worked figures: costs, totals, the month b is entered, the phase over its "
                  "estimate and the component that drives it");
  g_autofree char *parent = g_dir_make_tmp ("phasecast-titles-XXXXXX", NULL);
  PcChartInfo info = { 0 };
  g_autoptr (GError) error = NULL;
  /* Month 0: no customers, $0.  Month 11 (2026-12): 10 customers in phase b,
   * 10 x 30.4167 + 100 = 404.17.  All 12 months: 30.4167 x (0+1+...+10+10)
   * = 30.4167 x 65 = 1,977.08, plus 6 x $100 in b = 2,577.08. */
  g_assert_true (pc_chart_cost (w->report, &usd.currency, parent, &info, &error));
  g_assert_cmpstr (info.title, ==, "Monthly cost goes from USD 0 to USD 404 by 2026-12 in the median future; "
                   "USD 2,577 over 12 months (P50 over futures)");
  /* customers >= 5 at month 5, 10 days' lead: b entered in month 6 = 2026-07,
   * in the one run there is. */
  g_assert_true (pc_chart_timeline (w->report, parent, &info, &error));
  g_assert_cmpstr (info.title, ==, "b is entered in 2026-07 (100 % of futures)");
  /* b, months 6-11: 30.4167 x (6+7+8+9+10+10) / 6 + 100 = 253.47 + 100 =
   * 353.47 a month, 53.47 above $300; svc's claim (a total, $150-250) is
   * the same figure, 103.47 above $250. */
  g_assert_true (pc_chart_money (w->report, &usd.currency, parent, &info, &error));
  g_assert_cmpstr (info.title, ==, "b costs USD 353 a month, USD 53 above the roadmap's 200-300; the svc is "
                   "USD 103 above its claim");
  pc_assert_usd (w->report->phases[1].slot_claim_modelled[0], 30.416666666 * 50 / 6 + 100);
  g_assert_no_error (error);
  pc_chart_info_clear (&info);
  pc_check_remove_tree (parent);
}

static void
test_titles_currency (World *w, gconstpointer data)
{
  (void) data;
  g_test_summary ("At 1.5 AUD per USD every amount in a title is 1.5 times the USD figure");
  g_autofree char *parent = g_dir_make_tmp ("phasecast-aud-XXXXXX", NULL);
  PcChartCurrency aud = { "AUD", 1.5 };
  PcChartInfo info = { 0 };
  g_autoptr (GError) error = NULL;
  /* 404.17 x 1.5 = 606.25; 2,577.08 x 1.5 = 3,865.63. */
  g_assert_true (pc_chart_cost (w->report, &aud, parent, &info, &error));
  g_assert_cmpstr (info.title, ==, "Monthly cost goes from AUD 0 to AUD 606 by 2026-12 in the median future; "
                   "AUD 3,866 over 12 months (P50 over futures)");
  /* 353.47 x 1.5 = 530.21; 53.47 x 1.5 = 80.21; 200-300 x 1.5 = 300-450;
   * 103.47 x 1.5 = 155.21. */
  g_assert_true (pc_chart_money (w->report, &aud, parent, &info, &error));
  g_assert_cmpstr (info.title, ==, "b costs AUD 530 a month, AUD 80 above the roadmap's 300-450; the svc is "
                   "AUD 155 above its claim");
  pc_chart_info_clear (&info);
  pc_check_remove_tree (parent);
}

static void
test_warnings_currency (World *w, gconstpointer data)
{
  (void) data;
  g_test_summary ("The core writes warnings in USD (\"$1,234.50\"): the page labels that money USD, or converts it "
                  "like every other amount on a page in another currency");
  g_ptr_array_add (w->report->warnings, g_strdup ("phase b: costs $1,234.50 a month, $4 above its budget; a $ alone"));
  g_autofree char *in_usd = pc_report_page (w->report, &usd, NULL, 0, w->folder);
  g_assert_nonnull (strstr (in_usd, "phase b: costs USD 1,234.50 a month, USD 4 above its budget; a $ alone"));
  /* 1,234.50 x 1.5 = 1,851.75; 4 x 1.5 = 6. */
  PcReportOptions aud = { .currency = { "AUD", 1.5 }, .currency_note = "1.5 AUD per USD, for the test" };
  g_autofree char *in_aud = pc_report_page (w->report, &aud, NULL, 0, w->folder);
  g_assert_nonnull (strstr (in_aud, "phase b: costs AUD 1,851.75 a month, AUD 6 above its budget; a $ alone"));
  g_assert_nonnull (strstr (in_aud, "Amounts converted from the catalogs' USD to AUD"));
}

static void
test_shares (World *w, gconstpointer data)
{
  (void) data;
  g_test_summary ("The report's month-by-month shares: the one run decides b in month 5 and enters it in month 6");
  const PcPhaseReport *b = &w->report->phases[1];
  for (guint m = 0; m < 12; m++) {
    g_assert_cmpfloat (b->decided_share[m], ==, m == 5 ? 1.0 : 0.0);
    g_assert_cmpfloat (b->entered_share[m], ==, m == 6 ? 1.0 : 0.0);
  }
  const PcPhaseDecl *decl = w->model->phases[1].decl;
  g_assert_cmpint (decl->window_after, ==, PC_WINDOW_LAUNCH);
  g_assert_cmpfloat (decl->window_from_months, ==, 3);
  g_assert_cmpfloat (decl->window_to_months, ==, 6);
  g_assert_cmpstr (decl->window_text, ==, "3-6 months after launch");
}

static const PcChartRunway runway[] = {
  /* Crossed in a few futures, but not by the median: beyond the horizon. */
  { "v1.0", "Database reads exceed the storage's IOPS", "metric > 1", { 3, NAN, NAN, TRUE }, 0.2 },
  { "v1.5", "Database CPU above 60 % at the peak hour", "metric > 0.6", { 7, 8, 10, TRUE }, 0.9 },
  { "v1.5", "A task runs out of memory", "metric > 1", { 5, 6, 6, TRUE }, 1.0 },
  { "v2.0", "Database connections above 90 % of max_connections", "metric > 0.9", { NAN, NAN, NAN, FALSE }, 0 },
};

static const PcChartRunway acronym[] = {
  { "v1.0", "IOPS exceed the storage's baseline", "metric > 1", { 2, 3, 4, TRUE }, 0.6 },
};

static const PcTornadoBar bars[] = {
  { "users per customer 4 to 6", 8, 7 },
  { "growth rate 0.25 to 0.41", 11, 4 },
  { "requests per user 100 to 200", 7, 7 },
};

static void
test_runway_tornado (World *w, gconstpointer data)
{
  (void) data;
  g_test_summary ("Charts 4 and 6 from plain arrays: titles name the first limit and the input that moves the "
                  "output most; the page draws them when given");
  g_autofree char *parent = g_dir_make_tmp ("phasecast-arrays-XXXXXX", NULL);
  PcChartInfo info = { 0 };
  g_autoptr (GError) error = NULL;
  /* Smallest median month among items the median future crosses: task
   * memory, month 6 = 2026-07 (the IOPS item's P50 lies beyond the horizon).
   * The metric's words follow a comma, so "A task" reads "a task". */
  g_assert_true (pc_chart_runway (w->report, runway, G_N_ELEMENTS (runway), parent, &info, &error));
  g_assert_cmpstr (info.title, ==, "The first limit: on v1.5's configuration, a task runs out of memory (metric > 1) "
                   "in 2026-07 (median of the futures that reach it)");
  assert_picture (parent, info.stem);
  /* An acronym keeps its capitals; month 3 is 2026-04. */
  g_assert_true (pc_chart_runway (w->report, acronym, G_N_ELEMENTS (acronym), parent, &info, &error));
  g_assert_cmpstr (info.title, ==, "The first limit: on v1.0's configuration, IOPS exceed the storage's baseline "
                   "(metric > 1) in 2026-04 (median of the futures that reach it)");
  /* Swings from base month 7: users 1, growth rate max(4, 3) = 4, requests 0.
   * Months 4 and 11 are 2026-05 and 2026-12; 7 is 2026-08. */
  PcTornado months = { "v2.0 entered", FALSE, 7, bars, G_N_ELEMENTS (bars) };
  g_assert_true (pc_chart_tornado (w->report, &months, &usd.currency, parent, &info, &error));
  g_assert_cmpstr (info.title, ==, "growth rate 0.25 to 0.41 moves v2.0 entered most: from 2026-05 to 2026-12 "
                   "(2026-08 with every input as the scenario has it)");
  assert_picture (parent, info.stem);
  /* The same bars as USD at 1.5 AUD: 4 x 1.5 = 6, 11 x 1.5 = 16.5 and 7 x 1.5 = 10.5,
   * which print as 16 and 10 (printf rounds a tie to even). */
  PcTornado money = { "v3.0 monthly cost", TRUE, 7, bars, G_N_ELEMENTS (bars) };
  PcChartCurrency aud = { "AUD", 1.5 };
  g_assert_true (pc_chart_tornado (w->report, &money, &aud, parent, &info, &error));
  g_assert_cmpstr (info.title, ==, "growth rate 0.25 to 0.41 moves v3.0 monthly cost most: from AUD 6 to AUD 16 "
                   "(AUD 10 with every input as the scenario has it)");
  pc_chart_info_clear (&info);
  PcReportOptions all = { .currency = usd.currency, .runway = runway, .n_runway = G_N_ELEMENTS (runway),
                          .tornado = &months };
  g_autofree char *dir = g_build_filename (parent, "all", NULL);
  guint written = 0;
  g_assert_true (pc_report_write_dir (w->report, &all, dir, &written, &error));
  g_assert_cmpuint (written, ==, 6);
  g_autofree char *index = g_build_filename (dir, "index.html", NULL), *page = NULL;
  g_assert_true (g_file_get_contents (index, &page, NULL, NULL));
  g_assert_nonnull (strstr (page, "href=\"capacity-runway.png\""));
  g_assert_nonnull (strstr (page, "href=\"sensitivity.svg\""));
  /* The scenario's own words reach the page escaped. */
  g_assert_nonnull (strstr (page, "A &lt;b&gt; tag in an event"));
  g_assert_null (strstr (page, "<b> tag"));
  pc_check_remove_tree (parent);
}

static int
by_name (gconstpointer a, gconstpointer b)
{
  return strcmp (*(char *const *) a, *(char *const *) b);
}

/* Lists @dir's file names, sorted, joined by spaces. */
static char *
listing (const char *dir)
{
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  g_autoptr (GPtrArray) names = g_ptr_array_new_with_free_func (g_free);
  const char *name;
  while (handle && (name = g_dir_read_name (handle)) != NULL)
    g_ptr_array_add (names, g_strdup (name));
  g_ptr_array_sort (names, by_name);
  g_ptr_array_add (names, NULL);
  return g_strjoinv (" ", (char **) names->pdata);
}

static gboolean
fill_then_fail (const char *folder, gpointer data, GError **error)
{
  g_autofree char *path = g_build_filename (folder, "half.html", NULL);
  g_assert_true (g_file_set_contents (path, "<p>half", -1, NULL));
  (void) data;
  g_set_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC, "disk full (simulated)");
  return FALSE;
}

static void
test_folder (World *w, gconstpointer data)
{
  (void) data;
  g_test_summary ("A folder that is not empty is kept unless forced; a failure leaves the target as it was and "
                  "no half-written folder beside it");
  g_autofree char *parent = g_dir_make_tmp ("phasecast-folder-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (parent, "out", NULL);
  g_autofree char *mine = g_build_filename (dir, "mine.txt", NULL);
  g_assert_cmpint (g_mkdir (dir, 0755), ==, 0);
  g_assert_true (g_file_set_contents (mine, "keep me", -1, NULL));
  g_autoptr (GError) error = NULL;
  g_assert_false (pc_report_write_dir (w->report, &usd, dir, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_EXISTS);
  g_assert_nonnull (strstr (error->message, "exists and is not empty; allowed: a new or empty folder, or --force"));
  g_clear_error (&error);
  g_assert_true (g_file_test (mine, G_FILE_TEST_EXISTS));
  /* A failing fill: nothing changes, nothing is left beside it. */
  g_assert_false (pc_outdir_replace (dir, TRUE, fill_then_fail, NULL, &error));
  g_assert_error (error, G_FILE_ERROR, G_FILE_ERROR_NOSPC);
  g_clear_error (&error);
  g_autofree char *after_failure = listing (parent), *inside = listing (dir);
  g_assert_cmpstr (after_failure, ==, "out");
  g_assert_cmpstr (inside, ==, "mine.txt");
  /* Forced: replaced whole. */
  PcReportOptions forced = usd;
  forced.force = TRUE;
  g_assert_true (pc_report_write_dir (w->report, &forced, dir, NULL, &error));
  g_assert_no_error (error);
  g_autofree char *replaced = listing (dir), *beside = listing (parent);
  g_assert_cmpstr (replaced, ==, "cost-over-time.png cost-over-time.svg growth.png growth.svg index.html timeline.png "
                   "timeline.svg where-the-money-goes.png where-the-money-goes.svg");
  g_assert_cmpstr (beside, ==, "out");
  pc_check_remove_tree (parent);
}

static void
assert_same_files (const char *a, const char *b)
{
  g_autofree char *names = listing (a);
  g_auto (GStrv) files = g_strsplit (names, " ", -1);
  for (guint i = 0; files[i]; i++) {
    g_autofree char *pa = g_build_filename (a, files[i], NULL), *pb = g_build_filename (b, files[i], NULL);
    g_autofree char *ca = NULL, *cb = NULL;
    gsize la, lb;
    g_assert_true (g_file_get_contents (pa, &ca, &la, NULL));
    g_assert_true (g_file_get_contents (pb, &cb, &lb, NULL));
    g_test_message ("%s: %" G_GSIZE_FORMAT " bytes", files[i], la);
    g_assert_cmpmem (ca, la, cb, lb);
  }
}

/* Runs `phasecast report ARGS`; returns the exit status, and stderr in @err. */
static int
run_cli (const char *const *args, char **err)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (gpointer) "report");
  for (guint i = 0; args[i]; i++)
    g_ptr_array_add (argv, (gpointer) args[i]);
  g_ptr_array_add (argv, NULL);
  return pc_test_cli ((const char *const *) argv->pdata, NULL, err);
}

/* Two processes, as a planner runs it twice: cairo numbers the elements of
 * an SVG with a counter that lives as long as the process, so only a fresh
 * process draws the same bytes. */
static void
test_deterministic (void)
{
  g_test_summary ("`phasecast report` on 1 and on 2 threads writes byte-identical folders");
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "..", "scenarios", "baseline.xml", NULL);
  g_autofree char *parent = g_dir_make_tmp ("phasecast-threads-XXXXXX", NULL);
  g_autofree char *one = g_build_filename (parent, "one", NULL), *two = g_build_filename (parent, "two", NULL);
  const char *first[] = { scenario, "-o", one, "--runs", "12", "--threads", "1", NULL };
  const char *second[] = { scenario, "-o", two, "--runs", "12", "--threads", "2", NULL };
  g_autofree char *err_one = NULL, *err_two = NULL;
  g_assert_cmpint (run_cli (first, &err_one), ==, 0);
  g_assert_cmpint (run_cli (second, &err_two), ==, 0);
  assert_same_files (one, two);
  pc_check_remove_tree (parent);
}

static void
test_cli (void)
{
  g_test_summary ("phasecast report: usage errors exit 2, a refused folder exits 1 with one line, a report exits 0");
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "..", "scenarios", "baseline.xml", NULL);
  g_autofree char *parent = g_dir_make_tmp ("phasecast-cli-XXXXXX", NULL);
  g_autofree char *dir = g_build_filename (parent, "out", NULL);
  const struct { const char *args[12]; int status; const char *says; } cases[] = {
    { { scenario, NULL }, 2, "report takes one SCENARIO file and -o DIR" },
    { { scenario, "-o", dir, "--currency", "EUR", NULL }, 2, "give one with --fx RATE" },
    { { scenario, "-o", dir, "--fx", "1.5", NULL }, 2, "--fx converts from USD" },
    { { scenario, "-o", dir, "--currency", "aud", "--fx", "1.5", NULL }, 2, "three-letter ISO 4217 code" },
    { { scenario, "-o", dir, "--currency", "AUD", "--fx", "-1", NULL }, 2, "above 0" },
    { { scenario, "-o", dir, "--runs", "5", "--currency", "AUD", "--fx", "1.5", NULL }, 0, NULL },
    { { scenario, "-o", dir, "--runs", "5", NULL }, 1, "exists and is not empty" },
    { { scenario, "-o", dir, "--runs", "5", "--force", "--currency", "AUD", NULL }, 0, NULL },   /* the dated rate */
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *err = NULL;
    int status = run_cli (cases[i].args, &err);
    g_test_message ("case %u: exit %d: %s", i, status, err);
    g_assert_cmpint (status, ==, cases[i].status);
    if (cases[i].says)
      g_assert_nonnull (strstr (err, cases[i].says));
    if (cases[i].status == 1)   /* one line, naming the folder */
      g_assert_cmpint (strchr (err, '\n') - err, ==, (int) strlen (err) - 1);
  }
  pc_check_remove_tree (parent);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/baseline/charts-and-page", test_baseline);
  g_test_add ("/report/titles/usd", World, NULL, world_setup, test_titles_usd, world_teardown);
  g_test_add ("/report/titles/currency", World, NULL, world_setup, test_titles_currency, world_teardown);
  g_test_add ("/report/page/warnings-currency", World, NULL, world_setup, test_warnings_currency, world_teardown);
  g_test_add ("/report/data/shares-and-window", World, NULL, world_setup, test_shares, world_teardown);
  g_test_add ("/report/charts/runway-and-tornado", World, NULL, world_setup, test_runway_tornado, world_teardown);
  g_test_add ("/report/folder/refuse-force-failure", World, NULL, world_setup, test_folder, world_teardown);
  g_test_add_func ("/report/deterministic/threads-1-vs-2", test_deterministic);
  g_test_add_func ("/report/cli/exit-codes", test_cli);
  return g_test_run ();
}
