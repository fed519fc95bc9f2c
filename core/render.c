/* render.c - one PcReport, three renderings: a table for people
 * (render-table.c), JSON and CSV for programs (render-json.c,
 * render-csv.c, both built from the same fields, fields.c).  No renderer
 * recomputes a number.  Whatever the process's locale, numbers are written
 * with a '.' decimal point: the renderers run under the C numeric locale of
 * this thread only (uselocale), so other threads are not disturbed. */
#include "pc-private.h"

#include <locale.h>

char *
pc_report_render (const PcReport *report, PcFormat format, gboolean months, PcCsvTable table)
{
  locale_t c_numeric = newlocale (LC_NUMERIC_MASK, "C", (locale_t) 0);
  locale_t previous = c_numeric ? uselocale (c_numeric) : (locale_t) 0;
  char *text = format == PC_FORMAT_JSON  ? pc_render_json (report, months)
               : format == PC_FORMAT_CSV ? pc_render_csv (report, table)
                                         : pc_render_table (report, months);
  if (c_numeric) {
    uselocale (previous);
    freelocale (c_numeric);
  }
  return text;
}
