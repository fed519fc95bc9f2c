/* chart-private.h - helpers the chart files share (chart.c). */
#pragma once

#include "pc-chart.h"
#include "pc-plot.h"

#include <math.h>

G_BEGIN_DECLS

/* Every chart is a 16:9 picture, big enough for a slide. */
#define PC_CHART_WIDTH 1600
#define PC_CHART_HEIGHT 900

/* "USD 1,234" (@decimals 0 to 2) of @usd in @currency. */
char *pc_chart_amount (const PcChartCurrency *currency, double usd, int decimals);
/* A tick step of 1, 2, 2.5 or 5 times a power of ten giving about @ticks
 * ticks up to @span. */
double pc_chart_step (double span, guint ticks);
/* @value rounded up to a multiple of @step. */
double pc_chart_ceil (double value, double step);
/* "84 %" of a share between 0 and 1. */
char *pc_chart_percent (double share);
/* The months [first, last] the median run spends in @phase; FALSE if none. */
gboolean pc_chart_phase_span (const PcReport *report, guint phase, guint *first, guint *last);
/* "v2.0 Scale" */
char *pc_chart_phase_label (const PcReport *report, guint phase);
/* Fills @info's strings (takes ownership of @title and @caption). */
void pc_chart_info_set (PcChartInfo *info, const char *stem, const char *heading, char *title, char *caption);

G_END_DECLS
