/* report-dir.c - the whole report folder: the charts in the page's order
 * (cost, growth, timeline, runway when given, where the money goes,
 * sensitivity when given), then index.html, written all at once. */
#include "pc-report-dir.h"

#include <gio/gio.h>

enum { MAX_CHARTS = 6 };

typedef struct {
  const PcReport *report;
  const PcReportOptions *options;
  PcChartInfo charts[MAX_CHARTS];
  guint n_charts;
} PcReportJob;

static gboolean
draw_charts (PcReportJob *job, const char *folder, GError **error)
{
  const PcReport *r = job->report;
  const PcReportOptions *o = job->options;
  PcChartInfo *c = job->charts;
  if (!pc_chart_cost (r, &o->currency, folder, &c[job->n_charts++], error) ||
      !pc_chart_growth (r, folder, &c[job->n_charts++], error) ||
      !pc_chart_timeline (r, folder, &c[job->n_charts++], error))
    return FALSE;
  if (o->runway && o->n_runway > 0 && !pc_chart_runway (r, o->runway, o->n_runway, folder, &c[job->n_charts++], error))
    return FALSE;
  if (!pc_chart_money (r, &o->currency, folder, &c[job->n_charts++], error))
    return FALSE;
  if (o->tornado && o->tornado->n_bars > 0 && !pc_chart_tornado (r, o->tornado, &o->currency, folder,
                                                                 &c[job->n_charts++], error))
    return FALSE;
  return TRUE;
}

static gboolean
fill_folder (const char *folder, gpointer data, GError **error)
{
  PcReportJob *job = data;
  if (!draw_charts (job, folder, error))
    return FALSE;
  g_autofree char *page = pc_report_page (job->report, job->options, job->charts, job->n_charts, folder);
  g_autofree char *path = g_build_filename (folder, "index.html", NULL);
  return g_file_set_contents (path, page, -1, error);
}

gboolean
pc_report_write_dir (const PcReport *report, const PcReportOptions *options, const char *dir, guint *written,
                     GError **error)
{
  PcReportJob job = { .report = report, .options = options };
  gboolean ok = pc_outdir_replace (dir, options->force, fill_folder, &job, error);
  if (written)
    *written = ok ? job.n_charts : 0;
  for (guint i = 0; i < job.n_charts; i++)
    pc_chart_info_clear (&job.charts[i]);
  return ok;
}
