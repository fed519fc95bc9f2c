/* pc-plot.h - what every chart of `phasecast report` shares: one PLplot
 * stream per output file (the same drawing code writes the SVG and the
 * PNG), a palette colour-blind readers can tell apart, text that PLplot
 * will not reinterpret, and axes of months (YYYY-MM) and money (plot.c). */
#pragma once

#include "phasecast.h"

#include <plplot.h>

G_BEGIN_DECLS

/* Okabe and Ito's eight colours (distinguishable under the common
 * colour-vision deficiencies) and three greys, as PLplot colour-map-0
 * indices. */
typedef enum {
  PC_COLOUR_PAPER,            /* white background */
  PC_COLOUR_INK,              /* black */
  PC_COLOUR_ORANGE,
  PC_COLOUR_SKY,
  PC_COLOUR_GREEN,
  PC_COLOUR_YELLOW,
  PC_COLOUR_BLUE,
  PC_COLOUR_VERMILLION,
  PC_COLOUR_PURPLE,
  PC_COLOUR_GREY,             /* "everything else" */
  PC_COLOUR_LIGHT,            /* bands, grid */
  PC_COLOUR_DARK,             /* secondary text */
  PC_COLOUR_COUNT
} PcColour;

/* Series colours in a fixed order (blue, orange, green, ...), cycling.
 * Vermillion is kept out of them: it marks the roadmap's own figures and
 * the months triggers are met, on every chart. */
#define PC_SERIES_COLOURS 6
PcColour pc_plot_series_colour (guint index);
void pc_plot_colour (PcColour colour, double alpha);

/* Draws with @draw into DIR/STEM.svg and DIR/STEM.png, @width x @height
 * pixels (the SVG's view box has the same size).  @draw runs once per file
 * and must only draw.  FALSE with @error when PLplot has no cairo driver or
 * reports a problem, or a file was not written. */
typedef void (*PcPlotDraw) (gconstpointer data);
gboolean pc_plot_write (const char *dir, const char *stem, guint width, guint height, PcPlotDraw draw,
                        gconstpointer data, GError **error);

/* Character height relative to the default (1.0 = body text). */
void pc_plot_text_size (double scale);
/* @preferred, or smaller so that @text fits in @width (a fraction of the
 * page's width), judged from the average width of a character. */
double pc_plot_fit (const char *text, double width, double preferred);
/* plmtex/plptex with PLplot's escape character taken literally. */
void pc_plot_mtex (const char *side, double displacement, double position, double justification, const char *text);
void pc_plot_ptex (double x, double y, double justification, const char *text);
/* The chart's title (and a smaller, grey second line), over the page. */
void pc_plot_title (const char *title, const char *subtitle);

/* The current viewport (normalised page coordinates) and its world window. */
void pc_plot_panel (double left, double right, double bottom, double top, double xmin, double xmax,
                    double ymin, double ymax);
void pc_plot_rect (double x0, double y0, double x1, double y1);
void pc_plot_line (double x0, double y0, double x1, double y1);

/* Axes drawn by PLplot (plbox): months of @scenario along x, labelled
 * YYYY-MM every @label_every months; money along y with thousands
 * separators ("1,250"); @y_options as plbox's ("bcnstv", ...). */
void pc_plot_axes_months (const PcScenario *scenario, guint label_every, const char *y_options, double y_step);
/* Money along x and nothing along y (bar charts). */
void pc_plot_axes_money_x (double x_step);

/* "2026-09" of month @month (may be fractional: rounded down). */
char *pc_plot_date (const PcScenario *scenario, double month);
/* "1,250" or "12.5": money for axes and labels, grouped by thousands. */
char *pc_plot_money (double value, int decimals);

G_END_DECLS
