/* pc-sketch.h - mergeable percentile summaries (sketch.c). */
#pragma once

#include <glib.h>

#ifndef PC_API
#define PC_API extern
#endif

G_BEGIN_DECLS

/* Exact counts of small non-negative integers (months from the start). */
typedef struct {
  guint n_values;
  guint64 *counts;            /* [n_values] */
  guint64 total;
} PcMonthCounts;

PC_API PcMonthCounts *pc_month_counts_new (guint n_values);
PC_API void pc_month_counts_free (PcMonthCounts *counts);
PC_API void pc_month_counts_add (PcMonthCounts *counts, guint value, guint64 times);
PC_API void pc_month_counts_merge (PcMonthCounts *into, const PcMonthCounts *from);
/* GSL's interpolated quantile of the counted values; NAN when empty. */
PC_API double pc_month_counts_quantile (const PcMonthCounts *counts, double fraction);

/* Values below this count as zero. */
#define PC_SKETCH_ZERO 1e-9

/* Non-negative reals in log-spaced bins of a given relative width.  The
 * bins stored are exactly those from the lowest to the highest value's.
 * A sketch holds at most one value per run and a simulation at most
 * G_MAXUINT runs, so a bin's count fits 32 bits; it is kept as 16 low bits
 * (counts) and, once some bin of the sketch has passed 65,535, the high
 * ones (carries): half the memory, so more of a simulation's hundreds of
 * sketches stay in cache.  Read a count with pc_sketch_count(). */
typedef struct {
  double relative_width, log_ratio;
  guint64 n, zeros;
  double min, max;            /* exact */
  int first;                  /* bin of counts[0] */
  guint n_bins;               /* bins first .. first + n_bins - 1 */
  guint16 *counts;            /* [n_bins]: each bin's count modulo 65,536, inside store */
  guint16 *carries;           /* [n_bins]: each bin's count / 65,536, or NULL while every count is below */
  guint32 *first_run;         /* [n_bins]: lowest run index in the bin (G_MAXUINT32: none), or NULL */
  gboolean track_runs;
  guint zero_first_run;
  /* The arrays counts and first_run point into: bins store_first ..
   * store_first + store_bins - 1, the span and some room on either side
   * (sketch.c, cover_span). */
  guint16 *store, *store_carries;
  guint32 *store_runs;
  int store_first;
  guint store_bins;
} PcSketch;

PC_API PcSketch *pc_sketch_new (double relative_width, gboolean track_runs);
PC_API void pc_sketch_free (PcSketch *sketch);
PC_API void pc_sketch_add (PcSketch *sketch, double value, guint run_index);
/* Adds values[k * @stride] (at least 0; NAN: nothing) to @sketches[k], for
 * k from 0 to @n - 1. */
PC_API void pc_sketch_add_series (PcSketch *const *sketches, const double *values, gsize stride, guint n,
                                  guint run_index);
PC_API void pc_sketch_merge (PcSketch *into, const PcSketch *from);
/* How many values bin first + @i holds (@i < n_bins). */
static inline guint64
pc_sketch_count (const PcSketch *sketch, guint i)
{
  return sketch->counts[i] + (sketch->carries ? (guint64) sketch->carries[i] << 16 : 0);
}
/* Within relative_width of GSL's interpolated quantile; NAN when empty. */
PC_API double pc_sketch_quantile (const PcSketch *sketch, double fraction);
/* The lowest run index whose value lies in the bin of the @rank-th
 * smallest value (track_runs only). */
PC_API guint pc_sketch_run_at (const PcSketch *sketch, guint64 rank);
/* For (de)serialisers: the bin of a positive value, and adding a whole bin. */
PC_API int pc_sketch_bin (const PcSketch *sketch, double value);
PC_API void pc_sketch_add_bin (PcSketch *sketch, int bin, guint64 times, guint first_run);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcSketch, pc_sketch_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcMonthCounts, pc_month_counts_free)

G_END_DECLS
