/* chart.c - what the chart files share besides drawing: money in the
 * report's currency, axis steps, shares, the median run's phase spans and
 * the description each chart hands to the page. */
#include "chart-private.h"

void
pc_chart_info_clear (PcChartInfo *info)
{
  g_clear_pointer (&info->stem, g_free);
  g_clear_pointer (&info->heading, g_free);
  g_clear_pointer (&info->title, g_free);
  g_clear_pointer (&info->caption, g_free);
}

void
pc_chart_info_set (PcChartInfo *info, const char *stem, const char *heading, char *title, char *caption)
{
  pc_chart_info_clear (info);
  info->stem = g_strdup (stem);
  info->heading = g_strdup (heading);
  info->title = title;
  info->caption = caption;
}

char *
pc_chart_amount (const PcChartCurrency *currency, double usd, int decimals)
{
  g_autofree char *number = pc_plot_money (usd * currency->per_usd, decimals);
  return g_strdup_printf ("%s %s", currency->code, number);
}

double
pc_chart_step (double span, guint ticks)
{
  static const double multiples[] = { 1, 2, 2.5, 5, 10 };
  if (!(span > 0) || !isfinite (span))
    return 1;
  double raw = span / MAX (ticks, 1u);
  double power = pow (10, floor (log10 (raw)));
  for (guint i = 0; i < G_N_ELEMENTS (multiples); i++)
    if (multiples[i] * power >= raw)
      return multiples[i] * power;
  return 10 * power;
}

double
pc_chart_ceil (double value, double step)
{
  return step * ceil (value / step - 1e-9);
}

char *
pc_chart_percent (double share)
{
  return g_strdup_printf ("%.0f %%", 100 * share);
}

gboolean
pc_chart_phase_span (const PcReport *report, guint phase, guint *first, guint *last)
{
  const PcRunResult *run = report->median_run;
  gboolean found = FALSE;
  for (guint m = 0; m < run->n_months; m++) {
    if (run->months[m].phase != phase)
      continue;
    if (!found)
      *first = m;
    *last = m;
    found = TRUE;
  }
  return found;
}

char *
pc_chart_phase_label (const PcReport *report, guint phase)
{
  const PcPhaseDecl *decl = report->model->phases[phase].decl;
  return g_strdup_printf ("%s %s", decl->id, decl->name);
}
