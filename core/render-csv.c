/* render-csv.c - the report as CSV (RFC 4180), one table at a time:
 * months (the median run, with the band over runs), phases, indicators,
 * components (the median run's cost by component in each phase), runway
 * (each capacity threshold on each phase's configuration), money (over
 * runs, by period), series (each indicator's value by month) and lines
 * (the median run's cost lines, month by month).  Columns
 * are the JSON field names with '_' for nesting (fields.c), so every CSV
 * column has the same name as its JSON key path and its SQLite column. */
#include "pc-private.h"

typedef struct {
  GString *out;
  gboolean header;            /* writing the header row */
  gboolean first;             /* no field yet on this row */
} PcCsv;

static void
cell (PcCsv *csv, const char *text)
{
  if (!csv->first)
    g_string_append_c (csv->out, ',');
  csv->first = FALSE;
  if (text == NULL)
    return;
  if (strpbrk (text, ",\"\r\n") == NULL) {
    g_string_append (csv->out, text);
    return;
  }
  g_string_append_c (csv->out, '"');
  for (const char *c = text; *c; c++) {
    if (*c == '"')
      g_string_append_c (csv->out, '"');
    g_string_append_c (csv->out, *c);
  }
  g_string_append_c (csv->out, '"');
}

static void
number_cell (PcCsv *csv, double value, gboolean integer)
{
  char buffer[G_ASCII_DTOSTR_BUF_SIZE];
  if (integer ? value < 0 : !isfinite (value))
    cell (csv, NULL);
  else if (integer)
    cell (csv, (g_snprintf (buffer, sizeof buffer, "%" G_GINT64_FORMAT, (gint64) value), buffer));
  else
    cell (csv, g_ascii_formatd (buffer, sizeof buffer, "%.10g", value));
}

static void
header_cell (PcCsv *csv, const char *name, const char *suffix)
{
  g_autofree char *flat = g_strconcat (name, suffix, NULL);
  g_strdelimit (flat, ".", '_');
  cell (csv, flat);
}

static void
csv_field (gpointer data, const PcField *field)
{
  PcCsv *csv = data;
  gboolean triple = field->type == PC_FIELD_PERCENTILES;
  if (csv->header) {
    header_cell (csv, field->name, triple ? "_p10" : "");
    if (triple)
      header_cell (csv, field->name, "_p50"), header_cell (csv, field->name, "_p90");
    return;
  }
  char digits[24];
  if (field->type == PC_FIELD_TEXT)
    cell (csv, field->text);
  else if (field->type == PC_FIELD_UINT64)
    cell (csv, (g_snprintf (digits, sizeof digits, "%" G_GUINT64_FORMAT, field->uint64), digits));
  else if (!triple)
    number_cell (csv, field->number, field->type == PC_FIELD_INTEGER);
  else {
    const PcPercentiles *p = &field->percentiles;
    number_cell (csv, p->valid ? p->p10 : NAN, FALSE);
    number_cell (csv, p->valid ? p->p50 : NAN, FALSE);
    number_cell (csv, p->valid ? p->p90 : NAN, FALSE);
  }
}

typedef void (*PcRowFunc) (const PcReport *report, guint index, PcFieldFunc func, gpointer data);

static void
row (PcCsv *csv, const PcReport *r, PcRowFunc func, guint index, gboolean header)
{
  csv->header = header;
  csv->first = TRUE;
  func (r, index, csv_field, csv);
  g_string_append (csv->out, "\r\n");
}

static void
component_row (const PcReport *r, guint index, PcFieldFunc func, gpointer data)
{
  guint p = index >> 16, c = index & 0xffff;   /* phase and component packed by the caller */
  pc_report_component_fields (r, p, c, func, data);
}

static void
runway_row (const PcReport *r, guint index, PcFieldFunc func, gpointer data)
{
  pc_report_runway_fields (r, index / r->model->n_runway, index % r->model->n_runway, func, data);
}

static void
rows (PcCsv *csv, const PcReport *r, PcRowFunc func, guint n)
{
  for (guint i = 0; i < n; i++) {
    if (i == 0)
      row (csv, r, func, 0, TRUE);
    row (csv, r, func, i, FALSE);
  }
}

static void
period_row (const PcReport *r, guint index, PcFieldFunc func, gpointer data)
{
  pc_report_period_fields (r, index, func, data);
}

static void
series_row (const PcReport *r, guint index, PcFieldFunc func, gpointer data)
{
  guint n_months = r->model->scenario->horizon_months;   /* indicator and month packed by the caller */
  pc_report_indicator_key_fields (r, index / n_months, func, data);
  pc_report_indicator_month_fields (r, index / n_months, index % n_months, func, data);
}

static void
component_rows (PcCsv *csv, const PcReport *r)
{
  gboolean header = TRUE;
  for (guint p = 0; p < r->model->n_phases; p++) {
    if (r->phases[p].reached_probability <= 0)
      continue;
    for (guint c = 0; c < r->model->phases[p].n_components; c++) {
      if (header)
        row (csv, r, component_row, (p << 16) | c, TRUE), header = FALSE;
      row (csv, r, component_row, (p << 16) | c, FALSE);
    }
  }
}

char *
pc_render_csv (const PcReport *r, PcCsvTable table)
{
  PcCsv csv = { g_string_new (NULL), FALSE, TRUE };
  switch (table) {
  case PC_TABLE_MONTHS: rows (&csv, r, pc_report_month_fields, r->median_run->n_months); break;
  case PC_TABLE_PHASES: rows (&csv, r, pc_report_phase_fields, r->model->n_phases); break;
  case PC_TABLE_INDICATORS: rows (&csv, r, pc_report_indicator_fields, r->model->n_indicators); break;
  case PC_TABLE_COMPONENTS: component_rows (&csv, r); break;
  case PC_TABLE_RUNWAY: rows (&csv, r, runway_row, r->model->n_phases * r->model->n_runway); break;
  case PC_TABLE_MONEY: rows (&csv, r, period_row, r->periods->len); break;
  case PC_TABLE_SERIES: rows (&csv, r, series_row, r->model->n_indicators * r->model->scenario->horizon_months); break;
  case PC_TABLE_LINES: rows (&csv, r, pc_report_line_fields, r->median_run->lines->len); break;
  case PC_TABLE_COUNT: g_assert_not_reached ();
  }
  return g_string_free (csv.out, FALSE);
}
