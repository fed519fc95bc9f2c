/* load-shape.c - the month's hours as load levels, computed once per
 * scenario from its business hours and days.
 *
 * Days.  A month of 30.42 days has 21.73 weekdays and 8.69 weekend days.
 * The last month-end-days weekdays carry month-end-factor; weekend days
 * weekend-weight; every other ("ordinary") weekday 1.  Each day also has a
 * noise factor exp(sigma Z - sigma^2 / 2), Z standard normal, sigma^2 =
 * ln(1 + daily-cv^2), so a day is daily-cv busier or quieter than its
 * weight on average and the factors average 1.  The ordinary weekdays are
 * represented by strata of that distribution: the probability bands
 * [0, 0.5), [0.5, 0.85) and [0.85, 1 - 1/n) of n ordinary days, each at
 * the mean factor of its band,
 *     E[e^(sigma Z - sigma^2/2) | a < Z < b] = (Phi(b - sigma) - Phi(a - sigma)) / (Phi(b) - Phi(a)),
 * and the month's busiest day, whose Z is drawn each month as the largest
 * of n normals (load.c).  The month-end days share one drawn Z a month;
 * weekend days, never the busiest, stay at their weight.  So "frequently
 * at the maximum" is judged over busy and quiet days and "sustained" sees
 * the busiest day change from month to month, for two draws a month.
 *
 * Hours.  Every day has the same 24-hour shape (the customers' local
 * business hours).  Its hours are sorted from busiest to quietest; equal
 * hours share a block (losslessly), and while there are more blocks than
 * the level budget allows, the two neighbours whose merge spans the
 * smallest range of rates merge.  The busiest hours therefore keep blocks
 * of their own and the peak is exact.
 *
 * Levels are (stratum, hour block) pairs: at most 6 strata x 8 blocks = 48,
 * or a single stratum's 24 hours.  Level k's share of the month's requests
 * at the expected factors is
 *     days_s x weight_s x factor_s x (profile weight of its hours) / D,
 * D = sum over strata of days x weight x factor (weekday equivalents), and
 * unit_rps[k] = share / (hours_k x 3600).
 */
#include "pc-private.h"

#include <gsl/gsl_cdf.h>

/* The noise strata of the ordinary weekdays: upper probability edges. */
static const double band_edges[] = { 0.5, 0.85 };

static double
normal_cdf (double z)   /* Phi(z), with Phi(-inf) = 0 and Phi(inf) = 1 */
{
  return isinf (z) ? (z > 0 ? 1.0 : 0.0) : gsl_cdf_ugaussian_P (z);
}

/* Mean of exp(sigma Z - sigma^2/2) over Z in the probability band [low, high). */
static double
band_factor (double sigma, double low, double high)
{
  if (sigma == 0)
    return 1.0;
  double a = low <= 0 ? -INFINITY : gsl_cdf_ugaussian_Pinv (low);
  double b = high >= 1 ? INFINITY : gsl_cdf_ugaussian_Pinv (high);
  return (normal_cdf (b - sigma) - normal_cdf (a - sigma)) / (high - low);
}

static void
add_stratum (PcLoadShape *shape, PcStratumKind kind, double days, double weight, double factor, double busiest_of)
{
  g_assert (shape->n_strata < PC_MAX_DAY_STRATA);
  shape->strata[shape->n_strata++] = (PcDayStratum) { kind, days, weight, factor, busiest_of };
}

/* The ordinary weekdays: one stratum without noise, else the bands and the
 * busiest day. */
static void
add_ordinary_days (PcLoadShape *shape, double days)
{
  if (shape->sigma == 0 || days < 2) {
    add_stratum (shape, PC_STRATUM_FIXED, days, 1.0, 1.0, 0);
    return;
  }
  double top = 1.0 - 1.0 / days, low = 0;
  for (guint i = 0; i < G_N_ELEMENTS (band_edges) && band_edges[i] < top; i++) {
    add_stratum (shape, PC_STRATUM_FIXED, days * (band_edges[i] - low), 1.0,
                 band_factor (shape->sigma, low, band_edges[i]), 0);
    low = band_edges[i];
  }
  add_stratum (shape, PC_STRATUM_FIXED, days * (top - low), 1.0, band_factor (shape->sigma, low, top), 0);
  add_stratum (shape, PC_STRATUM_BUSIEST, 1.0, 1.0, band_factor (shape->sigma, top, 1.0), days);
}

static void
build_strata (const PcWorkload *w, PcLoadShape *shape)
{
  double weekdays = PC_DAYS_PER_MONTH * 5.0 / 7.0, weekend = PC_DAYS_PER_MONTH * 2.0 / 7.0;
  double month_end = MIN (w->month_end_days, weekdays), ordinary = weekdays - month_end;
  shape->sigma = sqrt (log1p (w->daily_cv * w->daily_cv));
  if (w->weekend_weight == 1.0)   /* weekends like weekdays: one group */
    ordinary += weekend, weekend = 0;
  add_ordinary_days (shape, ordinary);
  if (month_end > 0)
    add_stratum (shape, shape->sigma > 0 ? PC_STRATUM_DRAWN : PC_STRATUM_FIXED, month_end, w->month_end_factor, 1.0, 0);
  if (weekend > 0)
    add_stratum (shape, PC_STRATUM_FIXED, weekend, w->weekend_weight, 1.0, 0);
  shape->day_equivalents = 0;
  for (guint s = 0; s < shape->n_strata; s++)
    shape->day_equivalents += shape->strata[s].days * shape->strata[s].day_weight * shape->strata[s].factor;
}

typedef struct {
  double hours, weight;       /* hours in the block and their share of a day's requests */
  double high, low;           /* busiest and quietest hour's share */
} HourBlock;

static int
descending (const void *a, const void *b)
{
  double x = *(const double *) a, y = *(const double *) b;
  return (x < y) - (x > y);
}

static void
merge_blocks (HourBlock *blocks, guint *n, guint i)
{
  blocks[i].hours += blocks[i + 1].hours;
  blocks[i].weight += blocks[i + 1].weight;
  blocks[i].low = blocks[i + 1].low;
  memmove (&blocks[i + 1], &blocks[i + 2], sizeof (HourBlock) * (*n - i - 2));
  (*n)--;
}

/* The day's hours in at most @most blocks of similar rate (see top). */
static guint
build_hour_blocks (const double profile[24], guint most, HourBlock blocks[24])
{
  double sorted[24];
  memcpy (sorted, profile, sizeof sorted);
  qsort (sorted, 24, sizeof (double), descending);
  guint n = 24;
  for (guint h = 0; h < 24; h++)
    blocks[h] = (HourBlock) { 1.0, sorted[h], sorted[h], sorted[h] };
  for (guint i = 0; i + 1 < n;)
    if (blocks[i].low - blocks[i + 1].high <= 1e-12 * sorted[0])
      merge_blocks (blocks, &n, i);
    else
      i++;
  while (n > most) {
    guint best = 0;
    for (guint i = 1; i + 1 < n; i++)
      if (blocks[i].high - blocks[i + 1].low < blocks[best].high - blocks[best + 1].low)
        best = i;
    merge_blocks (blocks, &n, best);
  }
  return n;
}

void
pc_load_shape_build (PcWorkload *w)
{
  PcLoadShape *shape = &w->shape;
  memset (shape, 0, sizeof *shape);
  build_strata (w, shape);
  HourBlock blocks[24];
  guint n_blocks = build_hour_blocks (w->profile, MIN (24u, PC_MAX_WORKLOAD_LEVELS / shape->n_strata), blocks);
  for (guint s = 0; s < shape->n_strata; s++) {
    const PcDayStratum *st = &shape->strata[s];
    for (guint b = 0; b < n_blocks; b++) {
      guint k = shape->n_levels++;
      double share = st->days * st->day_weight * st->factor * blocks[b].weight / shape->day_equivalents;
      shape->hours[k] = st->days * blocks[b].hours;
      shape->unit_rps[k] = share / (shape->hours[k] * 3600.0);
      shape->stratum[k] = (guint8) s;
    }
  }
}
