/* plot.c - PLplot, set up once for every chart.
 *
 * Each output file is its own PLplot stream: the device (svgcairo or
 * pngcairo, from Debian's plplot-driver-cairo), the page size in pixels,
 * the palette, then the chart's drawing function, then plend().  Drawing
 * twice from the same function keeps the SVG and the PNG identical in
 * content.
 *
 * PLplot keeps global state and is not thread-safe: charts are drawn one at
 * a time, on one thread.  Its recoverable errors (plabort) are collected
 * and turned into a GError; its fatal ones call exit(), so everything that
 * could make them happen (an unknown device, an unwritable file) is checked
 * before plinit().
 */
#include "pc-plot.h"

#include <gio/gio.h>
#include <glib/gstdio.h>
#include <math.h>

/* Okabe & Ito (2008), "Color Universal Design": the eight colours as RGB. */
static const guint8 palette[PC_COLOUR_COUNT][3] = {
  [PC_COLOUR_PAPER] = { 255, 255, 255 },   [PC_COLOUR_INK] = { 0, 0, 0 },
  [PC_COLOUR_ORANGE] = { 230, 159, 0 },    [PC_COLOUR_SKY] = { 86, 180, 233 },
  [PC_COLOUR_GREEN] = { 0, 158, 115 },     [PC_COLOUR_YELLOW] = { 240, 228, 66 },
  [PC_COLOUR_BLUE] = { 0, 114, 178 },      [PC_COLOUR_VERMILLION] = { 213, 94, 0 },
  [PC_COLOUR_PURPLE] = { 204, 121, 167 },  [PC_COLOUR_GREY] = { 153, 153, 153 },
  [PC_COLOUR_LIGHT] = { 235, 235, 235 },   [PC_COLOUR_DARK] = { 85, 85, 85 },
};

static const PcColour series[PC_SERIES_COLOURS] = {
  PC_COLOUR_BLUE, PC_COLOUR_ORANGE, PC_COLOUR_GREEN, PC_COLOUR_SKY, PC_COLOUR_PURPLE, PC_COLOUR_YELLOW,
};

static const struct { const char *device, *extension; } outputs[] = {
  { "svgcairo", "svg" },
  { "pngcairo", "png" },
};

/* plabort() messages of the stream being drawn. */
static GString *plplot_messages;

PcColour
pc_plot_series_colour (guint index)
{
  return series[index % PC_SERIES_COLOURS];
}

void
pc_plot_colour (PcColour colour, double alpha)
{
  plscol0a (colour, palette[colour][0], palette[colour][1], palette[colour][2], alpha);
  plcol0 (colour);
}

static void
on_plplot_abort (PLCHAR_VECTOR message)
{
  g_string_append_printf (plplot_messages, "%s%s", plplot_messages->len ? "; " : "", message);
}

static gboolean
device_available (const char *device)
{
  enum { MAX_DEVICES = 128 };
  const char *menus[MAX_DEVICES], *names[MAX_DEVICES];
  const char **menu_list = menus, **name_list = names;
  int n = MAX_DEVICES;
  plgDevs (&menu_list, &name_list, &n);
  for (int i = 0; i < n; i++)
    if (g_strcmp0 (name_list[i], device) == 0)
      return TRUE;
  return FALSE;
}

static void
set_palette (void)
{
  PLINT red[PC_COLOUR_COUNT], green[PC_COLOUR_COUNT], blue[PC_COLOUR_COUNT];
  for (guint i = 0; i < PC_COLOUR_COUNT; i++)
    red[i] = palette[i][0], green[i] = palette[i][1], blue[i] = palette[i][2];
  plscmap0n (PC_COLOUR_COUNT);
  plscmap0 (red, green, blue, PC_COLOUR_COUNT);
}

static gboolean
draw_one (const char *device, const char *path, guint width, guint height, PcPlotDraw draw, gconstpointer data,
          GError **error)
{
  if (!device_available (device)) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                 "PLplot has no \"%s\" device (install Debian's plplot-driver-cairo)", device);
    return FALSE;
  }
  g_string_truncate (plplot_messages, 0);
  plsabort (on_plplot_abort);
  plsdev (device);
  plsfnam (path);
  plspage (0, 0, (PLINT) width, (PLINT) height, 0, 0);
  set_palette ();
  plinit ();
  pladv (0);
  draw (data);
  plend ();
  plsabort (NULL);
  if (plplot_messages->len > 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: PLplot: %s", path, plplot_messages->str);
    return FALSE;
  }
  GStatBuf info;
  if (g_stat (path, &info) != 0 || info.st_size == 0) {
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "%s: PLplot wrote nothing", path);
    return FALSE;
  }
  return TRUE;
}

gboolean
pc_plot_write (const char *dir, const char *stem, guint width, guint height, PcPlotDraw draw, gconstpointer data,
               GError **error)
{
  if (plplot_messages == NULL)
    plplot_messages = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (outputs); i++) {
    g_autofree char *name = g_strdup_printf ("%s.%s", stem, outputs[i].extension);
    g_autofree char *path = g_build_filename (dir, name, NULL);
    /* PLplot exits the process when it cannot open its file: make sure it can. */
    if (!g_file_set_contents (path, "", 0, error))
      return FALSE;
    if (!draw_one (outputs[i].device, path, width, height, draw, data, error))
      return FALSE;
  }
  return TRUE;
}

void
pc_plot_text_size (double scale)
{
  plschr (0, scale);
}

/* The average advance of a character of DejaVu Sans at size 1.0, as a
 * fraction of a 1600-pixel page (measured on the charts: about 17 pixels, rounded up). */
#define CHARACTER_WIDTH 0.0118

double
pc_plot_fit (const char *text, double width, double preferred)
{
  double needed = g_utf8_strlen (text, -1) * CHARACTER_WIDTH * preferred;
  return needed > width ? preferred * width / needed : preferred;
}

/* PLplot reads '#' as the start of an escape sequence; "##" is a '#'. */
static char *
escaped (const char *text)
{
  GString *out = g_string_new (NULL);
  for (const char *c = text; *c; c++) {
    if (*c == '#')
      g_string_append_c (out, '#');
    g_string_append_c (out, *c);
  }
  return g_string_free (out, FALSE);
}

void
pc_plot_mtex (const char *side, double displacement, double position, double justification, const char *text)
{
  g_autofree char *safe = escaped (text);
  plmtex (side, displacement, position, justification, safe);
}

void
pc_plot_ptex (double x, double y, double justification, const char *text)
{
  g_autofree char *safe = escaped (text);
  plptex (x, y, 1, 0, justification, safe);
}

/* Titles longer than this many characters are broken after a "; ". */
#define TITLE_LINE 84

/* The last @separator in @title that leaves at most TITLE_LINE characters
 * before it, or NULL. */
static const char *
last_break (const char *title, const char *separator)
{
  const char *cut = NULL;
  for (const char *at = strstr (title, separator); at; at = strstr (at + 1, separator))
    if (g_utf8_strlen (title, at - title) < TITLE_LINE)
      cut = at;
  return cut;
}

/* Splits @title into at most two lines, after a "; " if one fits, else
 * before a " (" or at a space; @second is NULL when it fits on one line. */
static char *
title_first_line (const char *title, const char **second)
{
  *second = NULL;
  if (g_utf8_strlen (title, -1) <= TITLE_LINE)
    return g_strdup (title);
  const char *cut = last_break (title, "; ");
  gsize keep = 1;   /* the ';' stays on the first line */
  if (cut == NULL && (cut = last_break (title, " (")) == NULL)
    cut = last_break (title, " ");
  if (cut == NULL)
    return g_strdup (title);
  if (*cut != ';')
    keep = 0;
  *second = cut + (*cut == ';' ? 2 : 1);
  return g_strndup (title, (gsize) (cut - title) + keep);
}

void
pc_plot_title (const char *title, const char *subtitle)
{
  const char *second;
  g_autofree char *first = title_first_line (title, &second);
  pc_plot_panel (0, 1, 0, 1, 0, 1, 0, 1);
  pc_plot_colour (PC_COLOUR_INK, 1);
  pc_plot_text_size (1);
  pc_plot_ptex (0.02, 0.955, 0, first);
  if (second)
    pc_plot_ptex (0.02, 0.915, 0, second);
  if (subtitle) {
    pc_plot_colour (PC_COLOUR_DARK, 1);
    pc_plot_text_size (0.75);
    pc_plot_ptex (0.02, second ? 0.875 : 0.905, 0, subtitle);
  }
  pc_plot_colour (PC_COLOUR_INK, 1);
  pc_plot_text_size (1);
}

void
pc_plot_panel (double left, double right, double bottom, double top, double xmin, double xmax, double ymin,
               double ymax)
{
  plvpor (left, right, bottom, top);
  plwind (xmin, xmax, ymin, ymax);
}

void
pc_plot_rect (double x0, double y0, double x1, double y1)
{
  PLFLT x[4] = { x0, x1, x1, x0 }, y[4] = { y0, y0, y1, y1 };
  plfill (4, x, y);
}

void
pc_plot_line (double x0, double y0, double x1, double y1)
{
  pljoin (x0, y0, x1, y1);
}

char *
pc_plot_date (const PcScenario *scenario, double month)
{
  return pc_scenario_date (scenario, (guint) MAX (0.0, floor (month + 1e-9)));
}

char *
pc_plot_money (double value, int decimals)
{
  static const char *const formats[] = { "%.0f", "%.1f", "%.2f" };
  char number[64];
  g_ascii_formatd (number, sizeof number, formats[CLAMP (decimals, 0, 2)], fabs (value));
  const char *point = strchr (number, '.');
  gsize whole = point ? (gsize) (point - number) : strlen (number);
  gboolean negative = value < 0 && strspn (number, "0.") < strlen (number);   /* never "-0" */
  GString *out = g_string_new (negative ? "-" : "");
  for (gsize i = 0; i < whole; i++) {
    if (i > 0 && (whole - i) % 3 == 0)
      g_string_append_c (out, ',');
    g_string_append_c (out, number[i]);
  }
  g_string_append (out, number + whole);
  return g_string_free (out, FALSE);
}

/* Decimals a tick value needs: 0 for 250, 1 for 2.5, 2 for 0.25. */
static int
decimals_needed (double value)
{
  for (int decimals = 0; decimals < 2; decimals++) {
    double scaled = value * pow (10, decimals);
    if (fabs (scaled - round (scaled)) < 1e-6)
      return decimals;
  }
  return 2;
}

/* PLplot's custom tick labels: dates along x when a scenario is given,
 * grouped numbers otherwise. */
static void
label_tick (PLINT axis, PLFLT value, char *label, PLINT length, PLPointer data)
{
  const PcScenario *scenario = data;
  g_autofree char *text = NULL;
  if (axis == PL_X_AXIS && scenario != NULL)
    text = value < -0.5 || value > scenario->horizon_months ? g_strdup ("") : pc_plot_date (scenario, value);
  else
    text = pc_plot_money (value, decimals_needed (value));
  g_strlcpy (label, text, (gsize) length);
}

void
pc_plot_axes_months (const PcScenario *scenario, guint label_every, const char *y_options, double y_step)
{
  pc_plot_colour (PC_COLOUR_INK, 1);
  pc_plot_text_size (0.75);
  plslabelfunc (label_tick, (PLPointer) scenario);
  plbox ("bcnsto", label_every, (PLINT) MIN (label_every, 6u), y_options, y_step, 0);
  plslabelfunc (NULL, NULL);
  pc_plot_text_size (1);
}

void
pc_plot_axes_money_x (double x_step)
{
  pc_plot_colour (PC_COLOUR_INK, 1);
  pc_plot_text_size (0.75);
  plslabelfunc (label_tick, NULL);
  plbox ("bcnsto", x_step, 0, "bc", 0, 0);
  plslabelfunc (NULL, NULL);
  pc_plot_text_size (1);
}
