/* pc-price-cost.h - the cost of a quantity of one price, inline, so that
 * pc_result_charge() (result.c) and pc_price_cost() (catalog.c) share one
 * tier walk and the month loop's charges make no call for it.
 *
 * Tiers are cumulative: tier i covers quantities in (upto[i-1], upto[i]].
 * A free tier costs nothing; a 12-month one only while the account is
 * younger than twelve months (it is then charged at the next paid rate),
 * and none when the model's free tiers are off (price->free_off).
 * Most prices are one paid rate (flat_usd, set by pc_price_settle): they
 * take the first branch, which gives the same double as the walk
 * (0.0 + (q - 0.0) * usd == q * usd). */
#pragma once

#include "pc-private.h"

/* The rate of tier @i; a free tier that does not apply is charged at the
 * first paid rate after it. */
static inline double
pc_tier_rate (const PcPrice *price, guint i, guint account_month)
{
  const PcTier *tier = &price->tiers[i];
  if (G_LIKELY (tier->free == PC_FREE_NONE))
    return tier->usd;
  if (!price->free_off && (tier->free == PC_FREE_ALWAYS || account_month < 12))
    return 0.0;
  for (guint j = i + 1; j < price->n_tiers; j++)
    if (price->tiers[j].free == PC_FREE_NONE)
      return price->tiers[j].usd;
  return 0.0;
}

/* The cost of @quantity units of a price of one paid rate (flat_usd >= 0). */
static inline double
pc_price_flat_cost (const PcPrice *price, double quantity)
{
  return quantity > 0.0 ? quantity * price->flat_usd : 0.0;
}

/* The cost of @quantity more units when the account has used @already this
 * month: cost(@already + @quantity) - cost(@already), tier by tier. */
static inline double
pc_price_cost_after_inline (const PcPrice *price, double already, double quantity, guint account_month)
{
  if (G_LIKELY (price->flat_usd >= 0.0))
    return pc_price_flat_cost (price, quantity);
  double usd = 0.0, lower = 0.0, end = already + quantity;
  for (guint i = 0; i < price->n_tiers && end > lower; i++) {
    double from = MAX (lower, already), upper = MIN (end, price->tiers[i].upto);
    if (upper > from)
      usd += (upper - from) * pc_tier_rate (price, i, account_month);
    lower = price->tiers[i].upto;
  }
  return usd;
}

static inline double
pc_price_cost_inline (const PcPrice *price, double quantity, guint account_month)
{
  return pc_price_cost_after_inline (price, 0.0, quantity, account_month);
}
