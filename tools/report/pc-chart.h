/* pc-chart.h - the charts of `phasecast report`, each written as DIR/STEM.svg
 * and DIR/STEM.png (1600 x 900 pixels or taller) with PLplot, each with a
 * title computed from the data that says what it shows in words.
 *
 * Charts 1, 2, 3 and 5 read a PcReport.  Charts 4 (capacity runway) and 6
 * (sensitivity tornado) read the small arrays below, so whatever computes
 * runway or sensitivity only has to fill them. */
#pragma once

#include "phasecast.h"

G_BEGIN_DECLS

/* Money as the charts show it: the catalogs' USD times a rate. */
typedef struct {
  const char *code;           /* "USD", "AUD" */
  double per_usd;             /* units of @code for one US dollar (1 for USD) */
} PcChartCurrency;

/* What a chart says, for the page around it. */
typedef struct {
  char *stem;                 /* file name without extension, e.g. "cost-over-time" */
  char *heading;              /* short name, e.g. "Cost over time" */
  char *title;                /* the finding, computed from the data */
  char *caption;              /* how to read it (what each mark is) */
} PcChartInfo;

void pc_chart_info_clear (PcChartInfo *info);

/* Chart 4 input: one capacity metric against its threshold on one phase's
 * configuration, if the business kept growing on it. */
typedef struct {
  const char *phase;          /* the configuration, e.g. "v1.5" */
  const char *metric;         /* what happens, as a clause: "Database working set no longer fits its cache" */
  const char *threshold;      /* the condition: "metric > 1" */
  PcPercentiles month;        /* month it is crossed, over the runs that cross it (months from the start) */
  double crossed_share;       /* share of all runs that cross it within the horizon, 0 to 1 */
} PcChartRunway;

/* Chart 6 input: one output moved by inputs taken one at a time to their
 * low and high values. */
typedef struct {
  const char *input;          /* "growth rate 0.25 to 0.41" */
  double low, high;           /* the output with the input at its low / high value */
} PcTornadoBar;

typedef struct {
  const char *output;         /* "v2.0 entered" or "v3.0 monthly cost" */
  gboolean money;             /* USD (shown in the currency); else a month from the start */
  double base;                /* the output with every input at its scenario value */
  const PcTornadoBar *bars;
  guint n_bars;
} PcTornado;

/* Each draws its chart into @dir and fills @info; FALSE with @error. */
gboolean pc_chart_cost (const PcReport *report, const PcChartCurrency *currency, const char *dir, PcChartInfo *info,
                        GError **error);
gboolean pc_chart_growth (const PcReport *report, const char *dir, PcChartInfo *info, GError **error);
gboolean pc_chart_timeline (const PcReport *report, const char *dir, PcChartInfo *info, GError **error);
gboolean pc_chart_money (const PcReport *report, const PcChartCurrency *currency, const char *dir, PcChartInfo *info,
                         GError **error);
/* @report gives the calendar (start month, horizon). */
gboolean pc_chart_runway (const PcReport *report, const PcChartRunway *items, guint n_items, const char *dir,
                          PcChartInfo *info, GError **error);
gboolean pc_chart_tornado (const PcReport *report, const PcTornado *tornado, const PcChartCurrency *currency,
                           const char *dir, PcChartInfo *info, GError **error);

G_END_DECLS
