/* pc-report-dir.h - `phasecast report`'s output: a folder holding
 * index.html and every chart as SVG and PNG, written all at once
 * (report-dir.c, page.c, outdir.c). */
#pragma once

#include "pc-chart.h"

G_BEGIN_DECLS

typedef struct {
  PcChartCurrency currency;
  const char *currency_note;  /* where the rate comes from ("1 USD = 1.53 AUD, given with --fx"); NULL for USD */
  /* Optional inputs: the page draws chart 4 and chart 6 only when given. */
  const PcChartRunway *runway;
  guint n_runway;
  const PcTornado *tornado;
  gboolean force;             /* replace a folder that is not empty */
} PcReportOptions;

/* Writes the report of @report into the folder @dir: every chart and
 * index.html.  Refuses a @dir that exists and is not empty unless
 * @options->force; writes into a new folder beside it and renames it into
 * place, so a failure leaves @dir as it was.  @written (nullable) gets the
 * number of charts drawn. */
gboolean pc_report_write_dir (const PcReport *report, const PcReportOptions *options, const char *dir,
                              guint *written, GError **error);

/* ---- page.c ---- */
/* index.html as text, embedding @charts (already drawn into @folder). */
char *pc_report_page (const PcReport *report, const PcReportOptions *options, const PcChartInfo *charts,
                      guint n_charts, const char *folder);

/* ---- outdir.c ---- */
typedef gboolean (*PcOutdirFill) (const char *folder, gpointer data, GError **error);
/* Calls @fill on a new folder beside @dir and, when it succeeds, puts that
 * folder in @dir's place (see pc_report_write_dir); else removes it. */
gboolean pc_outdir_replace (const char *dir, gboolean force, PcOutdirFill fill, gpointer data, GError **error);

G_END_DECLS
