/* shared.h - one free allowance billed across several prices.
 *
 * CloudFront's always-free 1 TB of data out and 10,000,000 requests are one
 * allowance per account, but every viewer geography has its own price (and
 * HTTP and HTTPS their own rates).  Each geography's ladder starts with the
 * allowance as a free band inside its first paid tier (free to 1 TB, then
 * the first rate to 10 TB), so a month served from one geography is priced
 * by its ladder alone.  With several, the allowance actually used,
 * min(total, allowance), is shared in proportion to each price's quantity,
 * and each price pays at its first rate for the part of its own free band
 * that went to the others:
 *     usd = cost(ladder, q) + (min(q, band) - share) x first rate
 * where band is the ladder's own free quantity (0 for HTTP, whose ladder
 * has none) and share = used x fraction, fraction being the price's part
 * of the traffic.  With one price (fraction 1), share = min(q, band) and
 * this is the ladder's cost exactly. */
#pragma once

#include <pc-plugin.h>

typedef struct {
  double used;      /* the part of the allowance this month's traffic uses */
  double total;     /* the traffic it is shared over */
} CfAllowance;

/* The allowance @ladder carries, shared over @total this month. */
CfAllowance cf_allowance (const PcPrice *ladder, double total, guint account_month);

/* Adds the line for @quantity of @price, which is @fraction of the traffic
 * @allowance is shared over. */
void cf_charge_shared (PcStepResult *result, const char *item, const char *unit, const PcPrice *price,
                       double quantity, double fraction, const CfAllowance *allowance, const PcStepContext *ctx);
