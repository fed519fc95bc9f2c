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
 * seen are stored (with some empty room below, so that growing is cheap),
 * so memory follows the spread of the values, not their number.  To read
 * a percentile, the k-th smallest value is placed inside its bin by rank
 * (geometric interpolation), clamped to the exact minimum and maximum, and
 * then interpolated as above; the result is within one bin width
 * (relative_width) of the exact percentile.  A sketch may also keep, per
 * bin, the lowest run index that fell in it, so the report can name a run
 * whose value lies at a given percentile (the "median run").
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
  double mantissa, u;
  memcpy (&mantissa, &mantissa_bits, sizeof mantissa);
  u = mantissa * cell_inverse[cell] - 1.0;
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
  sketch->counts = g_array_new (FALSE, TRUE, sizeof (guint64));
  sketch->first_run = track_runs ? g_array_new (FALSE, FALSE, sizeof (guint)) : NULL;
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
  g_array_unref (sketch->counts);
  if (sketch->first_run)
    g_array_unref (sketch->first_run);
  g_free (sketch);
}

/* Grows the stored span so that bin @bin is inside it. */
static void
cover_bin (PcSketch *s, int bin)
{
  guint unset = G_MAXUINT;
  if (s->counts->len == 0) {
    s->first = bin;
    g_array_set_size (s->counts, 1);
    if (s->first_run)
      g_array_append_val (s->first_run, unset);
    return;
  }
  if (bin < s->first) {
    /* Half the span again as room below, so a sketch whose values keep
     * setting new lows moves its counts O(log) times, not once a bin. */
    guint grow = (guint) (s->first - bin) + s->counts->len / 2;
    g_autofree guint64 *zeros = g_new0 (guint64, grow);
    g_array_prepend_vals (s->counts, zeros, grow);
    if (s->first_run) {
      g_autofree guint *unsets = g_new (guint, grow);
      for (guint i = 0; i < grow; i++)
        unsets[i] = unset;
      g_array_prepend_vals (s->first_run, unsets, grow);
    }
    s->first -= (int) grow;
  }
  guint needed = (guint) (bin - s->first) + 1;
  while (s->first_run && s->first_run->len < needed)
    g_array_append_val (s->first_run, unset);
  if (s->counts->len < needed)
    g_array_set_size (s->counts, needed);
}

static void
note_run (guint *slot, guint run_index)
{
  *slot = MIN (*slot, run_index);
}

void
pc_sketch_add_bin (PcSketch *s, int bin, guint64 times, guint first_run)
{
  cover_bin (s, bin);
  g_array_index (s->counts, guint64, bin - s->first) += times;
  if (s->first_run)
    note_run (&g_array_index (s->first_run, guint, bin - s->first), first_run);
}

void
pc_sketch_add (PcSketch *s, double value, guint run_index)
{
  g_return_if_fail (value >= 0 && isfinite (value));
  s->n++;
  s->min = MIN (s->min, value);
  s->max = MAX (s->max, value);
  if (value < PC_SKETCH_ZERO) {
    s->zeros++;
    note_run (&s->zero_first_run, run_index);
    return;
  }
  int bin = fast_bin (s, value);
  guint offset = (guint) (bin - s->first);       /* wraps for bins below the span */
  if (G_LIKELY (s->counts->len > 0 && bin >= s->first && offset < s->counts->len)) {
    ((guint64 *) (gpointer) s->counts->data)[offset]++;   /* inside the span: nothing to grow */
    if (s->first_run)
      note_run (&((guint *) (gpointer) s->first_run->data)[offset], run_index);
    return;
  }
  pc_sketch_add_bin (s, bin, 1, run_index);
}

void
pc_sketch_merge (PcSketch *into, const PcSketch *from)
{
  into->n += from->n;
  into->zeros += from->zeros;
  into->min = MIN (into->min, from->min);
  into->max = MAX (into->max, from->max);
  into->zero_first_run = MIN (into->zero_first_run, from->zero_first_run);
  for (guint i = 0; i < from->counts->len; i++) {
    guint64 count = g_array_index (from->counts, guint64, i);
    if (count > 0)
      pc_sketch_add_bin (into, from->first + (int) i, count,
                         from->first_run ? g_array_index (from->first_run, guint, i) : G_MAXUINT);
  }
}

/* Finds the bin holding the @rank-th smallest non-zero value (0-based among
 * them): its index into counts and the rank of its first value. */
static guint
bin_of_rank (const PcSketch *s, guint64 rank, guint64 *bin_start)
{
  guint64 below = 0;
  for (guint i = 0; i < s->counts->len; i++) {
    guint64 count = g_array_index (s->counts, guint64, i);
    if (rank < below + count) {
      *bin_start = below;
      return i;
    }
    below += count;
  }
  *bin_start = below;
  return s->counts->len - 1;
}

/* The @rank-th smallest value (0-based), placed within its bin by rank. */
static double
sketch_value_at (const PcSketch *s, guint64 rank)
{
  if (rank < s->zeros)
    return s->min < PC_SKETCH_ZERO ? s->min : 0.0;
  guint64 start;
  guint i = bin_of_rank (s, rank - s->zeros, &start);
  guint64 count = g_array_index (s->counts, guint64, i);
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
  return g_array_index (s->first_run, guint, bin_of_rank (s, rank - s->zeros, &start));
}
