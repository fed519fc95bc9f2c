/* shared.c - one free allowance billed across several prices (shared.h). */
#include "shared.h"

CfAllowance
cf_allowance (const PcPrice *ladder, double total, guint account_month)
{
  return (CfAllowance) { MIN (total, pc_price_free_quantity (ladder, account_month)), total };
}

void
cf_charge_shared (PcStepResult *result, const char *item, const char *unit, const PcPrice *price, double quantity,
                  double fraction, const CfAllowance *allowance, const PcStepContext *ctx)
{
  double usd = 0.0;
  /* All of the month's traffic inside the allowance: nothing to pay. */
  if (allowance->used < allowance->total) {
    double share = allowance->used * fraction;
    double band = MIN (quantity, pc_price_free_quantity (price, ctx->account_month));
    usd = pc_price_cost (price, quantity, ctx->account_month) + (band - share) * pc_price_unit_usd (price);
  }
  /* Never below zero: share <= band when the ladder carries the allowance,
   * share <= quantity when it does not; only rounding can cross it. */
  pc_result_line (result, item, quantity, unit, MAX (usd, 0.0), price);
}
