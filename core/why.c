/* why.c - why a phase moved when it did, or never did.
 *
 * Every run records, for each phase's move, which of its indicators held
 * it back (run.c): when the move is decided, the indicators that came to
 * hold that month, if the move could already have been decided the month
 * before; when it never is, the indicators not holding at the horizon's
 * end (the required ones, and all of them when too few held).  A move
 * decided the first month it could be waited for the previous phase only.
 * Over runs, the report gives each indicator's share of runs in which it
 * held its phase back, and with the value series it already keeps (the
 * value each indicator compared, month by month, P10/P50/P90), how far
 * from its threshold it stayed.
 */
#include "pc-private.h"

#include "pc-aggregate.h"

void
pc_report_why (PcReport *r, const PcAggregate *a)
{
  double runs = a->runs ? (double) a->runs : 1.0;
  for (guint p = 0; p < a->n_phases; p++)
    r->phases[p].waited_for_previous_probability = (double) a->phase_waited[p]->total / runs;
  for (guint i = 0; i < a->n_indicators; i++) {
    const PcMonthCounts *counts = a->indicator_held_back[i];
    r->indicators[i].held_back_probability = (double) counts->total / runs;
    r->indicators[i].held_to_end_probability = (double) counts->counts[a->n_months] / runs;
  }
}

static const char *const op_symbols[] = { [PC_OP_GT] = ">", [PC_OP_GE] = ">=", [PC_OP_LT] = "<", [PC_OP_LE] = "<=" };

char *
pc_indicator_condition_text (const PcIndicatorDecl *d)
{
  GString *text = g_string_new (NULL);
  switch (d->kind) {
  case PC_IND_STATE:
  case PC_IND_METRIC:
    g_string_append_printf (text, "%s %g", op_symbols[d->op], d->threshold);
    if (d->sustained_months > 1)
      g_string_append_printf (text, " for %u months running", d->sustained_months);
    break;
  case PC_IND_EVENT:
  case PC_IND_NO_EVENT:
    g_string_append (text, d->kind == PC_IND_EVENT ? "seen" : "not seen");
    if (d->compares_amount)
      g_string_append_printf (text, " with an amount %s $%g", op_symbols[d->op], d->threshold);
    if (d->window_days > 0)
      g_string_append_printf (text, " in the last %g days", d->window_days);
    else
      g_string_append (text, d->kind == PC_IND_EVENT ? " since the start" : " ever");
    break;
  }
  return g_string_free (text, FALSE);
}
