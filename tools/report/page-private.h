/* page-private.h - the parts of index.html (page.c, page-components.c,
 * page-inputs.c). */
#pragma once

#include "chart-private.h"
#include "pc-report-dir.h"

G_BEGIN_DECLS

/* Appends @text (or a formatted text) escaped for HTML. */
void pc_page_text (GString *out, const char *text);
void pc_page_printf (GString *out, const char *format, ...) G_GNUC_PRINTF (2, 3);
/* A table cell (class @class_name, nullable) holding @text, escaped. */
void pc_page_cell (GString *out, const char *class_name, const char *text);
/* A table's header row and the start of its body; a name starting with
 * '>' is a number column (right-aligned), the '>' not shown. */
void pc_page_header_row (GString *out, const char *const *names);

/* Each phase's components against the roadmap's claims (the median future). */
void pc_page_components (GString *out, const PcReport *report, const PcChartCurrency *currency);
/* Every capacity threshold on every phase's configuration: the month it is
 * first crossed, as `phasecast run`'s runway table gives it. */
void pc_page_runway (GString *out, const PcReport *report);
/* The scenario file's settings, element by element. */
void pc_page_assumptions (GString *out, const PcReport *report);
/* Every price behind a cost line of the median future: key, region, unit,
 * unit price, source, date, and whether it was derived. */
void pc_page_prices (GString *out, const PcReport *report);

G_END_DECLS
