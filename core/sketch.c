/* sketch.c - percentiles over any number of runs in constant memory.
 *
 * Two summaries, both exact to merge (counts add, so shards and threads
 * give the same answer in any order):
 *
 * PcMonthCounts: how many runs had each integer month (or day, or any small
 * non-negative integer).  Percentiles from it are exact: they equal GSL's
 * gsl_stats_quantile_from_sorted_data over the sorted values, i.e. for a
 * fraction f with n values the position is f (n - 1), interpolated
 * linearly between its two neighbours.
 *
 * PcSketch: non-negative real values (USD, users, ratios) in log-spaced
 * bins, bin b holding [g^b, g^(b+1)) with g = 1 + relative_width.  Zero
 * has its own count.  Only the bins between the lowest and highest value
 * seen are kept, as 16-bit counts with a 16-bit carry array made for the
 * first bin to pass 65,535 (in arrays with room for half as many again,
 * to widen cheaply), so memory follows the spread of the values,
 * not their number: at most ln (max / PC_SKETCH_ZERO) / relative_width
 * bins, reached only by values that come close to zero (a downtime drawn
 * from 0-5 minutes).  To read a percentile, the k-th smallest value is placed inside
 * its bin by rank (geometric interpolation), clamped to the exact minimum
 * and maximum, and then interpolated as above; the result is within one bin
 * width (relative_width) of the exact percentile.  A sketch may also keep,
 * per bin, the lowest run index that fell in it, so the report can name a
 * run whose value lies at a given percentile (the "median run").
 */
#include "pc-private.h"

#include "pc-sketch.h"

/* ---- PcMonthCounts ---- */

PcMonthCounts *
pc_month_counts_new (guint n_values)
{
  PcMonthCounts *counts = g_new0 (PcMonthCounts, 1);
  counts->n_values = n_values;
  counts->counts = g_new0 (guint64, n_values);
  return counts;
}

void
pc_month_counts_free (PcMonthCounts *counts)
{
  if (counts == NULL)
    return;
  g_free (counts->counts);
  g_free (counts);
}

void
pc_month_counts_add (PcMonthCounts *counts, guint value, guint64 times)
{
  g_return_if_fail (value < counts->n_values);
  counts->counts[value] += times;
  counts->total += times;
}

void
pc_month_counts_merge (PcMonthCounts *into, const PcMonthCounts *from)
{
  g_return_if_fail (into->n_values == from->n_values);
  for (guint v = 0; v < from->n_values; v++)
    into->counts[v] += from->counts[v];
  into->total += from->total;
}

/* The @rank-th smallest value (0-based). */
static double
counts_value_at (const PcMonthCounts *counts, guint64 rank)
{
  guint64 below = 0;
  for (guint v = 0; v < counts->n_values; v++) {
    below += counts->counts[v];
    if (rank < below)
      return v;
  }
  return counts->n_values - 1;
}

double
pc_month_counts_quantile (const PcMonthCounts *counts, double fraction)
{
  if (counts->total == 0)
    return NAN;
  double position = fraction * (double) (counts->total - 1);
  guint64 low = (guint64) floor (position);
  double lower = counts_value_at (counts, low);
  if (low + 1 >= counts->total)
    return lower;
  return lower + (position - (double) low) * (counts_value_at (counts, low + 1) - lower);
}

/* ---- the bin of a value, fast ----
 * bin(v) = floor(log(v) / log_ratio), exactly as libm's log() gives it, at
 * a fraction of its cost: v = 2^e m with m in [1, 2) (the double's bits);
 * m = c (1 + u) where c is the middle of m's cell among 2^LOG_CELL_BITS
 * equal cells of [1, 2) and |u| < 2^-(LOG_CELL_BITS + 1); then
 *   log(v) ~= e ln 2 + log(c) + u - u^2/2 + u^3/3 - u^4/4,
 * whose error (u^5/5 < 2e-13 plus a few roundings) is under 1e-12, i.e.
 * under 1e-8 of a bin even for the narrowest sketch (1e-4).  When the
 * approximate position lies within LOG_GUARD of a bin edge, where the two
 * could disagree, the bin is computed with log() itself; otherwise its
 * floor is the same number.  So bins, and every figure read from them, are
 * those of the plain formula, bit for bit. */
#define LOG_CELL_BITS 7
#define LOG_CELLS (1 << LOG_CELL_BITS)
#define LOG_GUARD 1e-6

static double cell_log[LOG_CELLS], cell_inverse[LOG_CELLS];

static void
log_cells_init (void)
{
  static gsize done;
  if (!g_once_init_enter (&done))
    return;
  for (guint i = 0; i < LOG_CELLS; i++) {
    double middle = 1.0 + (i + 0.5) / LOG_CELLS;
    cell_log[i] = log (middle);
    cell_inverse[i] = 1.0 / middle;
  }
  g_once_init_leave (&done, 1);
}

static int
exact_bin (const PcSketch *sketch, double value)
{
  return (int) floor (log (value) / sketch->log_ratio);
}

/* @value: a positive normal double (the sketch counts smaller ones as zero). */
static inline int
fast_bin (const PcSketch *sketch, double value)
{
  if (value == 1.0)
    return 0;       /* log(1) is exactly 0 (events that held count as 1): a bin edge, so never guessed */
  guint64 bits;
  memcpy (&bits, &value, sizeof bits);
  int exponent = (int) (bits >> 52) - 1023;
  guint cell = (guint) (bits >> (52 - LOG_CELL_BITS)) & (LOG_CELLS - 1);
  guint64 mantissa_bits = (bits & G_GUINT64_CONSTANT (0x000FFFFFFFFFFFFF)) | G_GUINT64_CONSTANT (0x3FF0000000000000);
  double mantissa;
  memcpy (&mantissa, &mantissa_bits, sizeof mantissa);
  double u = mantissa * cell_inverse[cell] - 1.0;
  double log_value = exponent * G_LN2 + cell_log[cell] + u * (1.0 - u * (0.5 - u * (1.0 / 3.0 - u * 0.25)));
  double position = log_value / sketch->log_ratio;
  double below = (double) (gint64) position;
  below -= below > position;                      /* floor, for negative positions too */
  double within = position - below;
  if (G_UNLIKELY (within < LOG_GUARD || within > 1.0 - LOG_GUARD))
    return exact_bin (sketch, value);
  return (int) below;
}

int
pc_sketch_bin (const PcSketch *sketch, double value)
{
  if (!(value >= G_MINDOUBLE && value <= G_MAXDOUBLE))
    return exact_bin (sketch, value);
  return fast_bin (sketch, value);
}

/* ---- PcSketch ---- */

PcSketch *
pc_sketch_new (double relative_width, gboolean track_runs)
{
  PcSketch *sketch = g_new0 (PcSketch, 1);
  log_cells_init ();
  sketch->log_ratio = log1p (relative_width);
  sketch->relative_width = relative_width;
  sketch->track_runs = track_runs;
  sketch->zero_first_run = G_MAXUINT;
  sketch->min = INFINITY;
  sketch->max = -INFINITY;
  return sketch;
}

void
pc_sketch_free (PcSketch *sketch)
{
  if (sketch == NULL)
    return;
  g_free (sketch->store);
  g_free (sketch->store_carries);
  g_free (sketch->store_runs);
  g_free (sketch);
}

/* A copy of @old (@old_bins, may be NULL) in @n_bins zeroed ones from @offset. */
static guint16 *
moved_counts (const guint16 *old, guint old_bins, guint n_bins, guint offset)
{
  guint16 *counts = g_new0 (guint16, n_bins);
  if (old_bins > 0)
    memcpy (counts + offset, old, old_bins * sizeof *counts);
  return counts;
}

/* Moves the store to bins [@low, @high], keeping what it held. */
static void
restore (PcSketch *s, int low, int high)
{
  guint n_bins = (guint) (high - low) + 1, offset = s->store_bins ? (guint) (s->store_first - low) : 0;
  guint16 *counts = moved_counts (s->store, s->store_bins, n_bins, offset);
  g_free (s->store);
  s->store = counts;
  if (s->store_carries) {
    guint16 *carries = moved_counts (s->store_carries, s->store_bins, n_bins, offset);
    g_free (s->store_carries);
    s->store_carries = carries;
  }
  if (s->track_runs) {
    guint32 *runs = g_new (guint32, n_bins);
    memset (runs, 0xff, n_bins * sizeof *runs);   /* G_MAXUINT32: no run yet */
    if (s->store_bins > 0)
      memcpy (runs + offset, s->store_runs, s->store_bins * sizeof *runs);
    g_free (s->store_runs);
    s->store_runs = runs;
  }
  s->store_first = low;
  s->store_bins = n_bins;
}

/* Widens the span to cover [@low, @high].  The span itself is exactly
 * the bins from the lowest to the highest value's; the store behind it
 * grows by half its size (at least 64 bins) in the direction it must,
 * so the many small widenings of a simulation (a new extreme in one of
 * hundreds of sketches) copy the bins a few times, not at every one.
 * Bins of the store outside the span were never written: zero, and no
 * run. */
static void
cover_span (PcSketch *s, int low, int high)
{
  if (s->n_bins > 0) {
    low = MIN (low, s->first);
    high = MAX (high, s->first + (int) s->n_bins - 1);
    if (low == s->first && high == s->first + (int) s->n_bins - 1)
      return;
  }
  int store_high = s->store_first + (int) s->store_bins - 1;
  if (s->store_bins == 0) {
    restore (s, low, high);   /* the first bins: the span exactly */
  } else if (low < s->store_first || high > store_high) {
    int room = (int) MAX (s->store_bins / 2, 64u);
    restore (s, low < s->store_first ? low - room : s->store_first, high > store_high ? high + room : store_high);
  }
  s->first = low;
  s->n_bins = (guint) (high - low) + 1;
  s->counts = s->store + (low - s->store_first);
  s->carries = s->store_carries ? s->store_carries + (low - s->store_first) : NULL;
  s->first_run = s->track_runs ? s->store_runs + (low - s->store_first) : NULL;
}

static void
note_run (guint *slot, guint run_index)
{
  *slot = MIN (*slot, run_index);
}

void
pc_sketch_add_bin (PcSketch *s, int bin, guint64 times, guint first_run)
{
  cover_span (s, bin, bin);
  guint i = (guint) (bin - s->first);
  guint64 count = pc_sketch_count (s, i);
  g_return_if_fail (times <= G_MAXUINT32 - count);
  count += times;
  if (count > G_MAXUINT16 && s->carries == NULL) {
    s->store_carries = g_new0 (guint16, s->store_bins);
    s->carries = s->store_carries + (s->first - s->store_first);
  }
  s->counts[i] = (guint16) count;              /* the low 16 bits */
  if (s->carries)
    s->carries[i] = (guint16) (count >> 16);
  if (s->first_run)
    note_run (&s->first_run[i], first_run);
}

static inline void
sketch_add (PcSketch *s, double value, guint run_index)
{
  g_return_if_fail (value >= 0 && value <= G_MAXDOUBLE);   /* finite and not negative */
  s->n++;
  s->min = MIN (s->min, value);
  s->max = MAX (s->max, value);
  if (value < PC_SKETCH_ZERO) {
    s->zeros++;
    note_run (&s->zero_first_run, run_index);
    return;
  }
  int bin = fast_bin (s, value);
  guint i = (guint) (bin - s->first);             /* wraps for bins below the span */
  if (G_LIKELY (s->n_bins > 0 && bin >= s->first && i < s->n_bins && s->counts[i] < G_MAXUINT16)) {
    s->counts[i]++;                                /* inside the span, no carry: nothing to grow */
    if (s->first_run)
      note_run (&s->first_run[i], run_index);
    return;
  }
  pc_sketch_add_bin (s, bin, 1, run_index);
}

void
pc_sketch_add (PcSketch *s, double value, guint run_index)
{
  sketch_add (s, value, run_index);
}

/* The loop in here rather than around a call: the report adds a run's
 * month-by-month series (hundreds of values) to as many sketches. */
void
pc_sketch_add_series (PcSketch *const *sketches, const double *values, gsize stride, guint n, guint run_index)
{
  for (guint k = 0; k < n; k++) {
    double value = values[k * stride];
    if (!isnan (value))
      sketch_add (sketches[k], MAX (value, 0.0), run_index);
  }
}

void
pc_sketch_merge (PcSketch *into, const PcSketch *from)
{
  into->n += from->n;
  into->zeros += from->zeros;
  into->min = MIN (into->min, from->min);
  into->max = MAX (into->max, from->max);
  into->zero_first_run = MIN (into->zero_first_run, from->zero_first_run);
  if (from->n_bins > 0)
    cover_span (into, from->first, from->first + (int) from->n_bins - 1);
  for (guint i = 0; i < from->n_bins; i++) {
    guint64 count = pc_sketch_count (from, i);
    if (count > 0)
      pc_sketch_add_bin (into, from->first + (int) i, count, from->first_run ? from->first_run[i] : G_MAXUINT);
  }
}

/* Finds the bin holding the @rank-th smallest non-zero value (0-based among
 * them): its index into counts and the rank of its first value. */
static guint
bin_of_rank (const PcSketch *s, guint64 rank, guint64 *bin_start)
{
  guint64 below = 0;
  for (guint i = 0; i < s->n_bins; i++) {
    guint64 count = pc_sketch_count (s, i);
    if (rank < below + count) {
      *bin_start = below;
      return i;
    }
    below += count;
  }
  *bin_start = below;
  return s->n_bins - 1;
}

/* The @rank-th smallest value (0-based), placed within its bin by rank. */
static double
sketch_value_at (const PcSketch *s, guint64 rank)
{
  if (rank < s->zeros)
    return s->min < PC_SKETCH_ZERO ? s->min : 0.0;
  guint64 start;
  guint i = bin_of_rank (s, rank - s->zeros, &start);
  guint64 count = pc_sketch_count (s, i);
  double within = ((double) (rank - s->zeros - start) + 0.5) / (double) count;
  double value = exp ((s->first + (int) i + within) * s->log_ratio);
  return CLAMP (value, s->min, s->max);
}

double
pc_sketch_quantile (const PcSketch *s, double fraction)
{
  if (s->n == 0)
    return NAN;
  double position = fraction * (double) (s->n - 1);
  guint64 low = (guint64) floor (position);
  double lower = sketch_value_at (s, low);
  if (low + 1 >= s->n)
    return lower;
  return lower + (position - (double) low) * (sketch_value_at (s, low + 1) - lower);
}

guint
pc_sketch_run_at (const PcSketch *s, guint64 rank)
{
  g_return_val_if_fail (s->first_run != NULL && rank < s->n, G_MAXUINT);
  if (rank < s->zeros)
    return s->zero_first_run;
  guint64 start;
  return s->first_run[bin_of_rank (s, rank - s->zeros, &start)];
}
