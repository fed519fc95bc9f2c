/* The percentile summaries of sketch.c against GSL on the same values:
 * month counts exactly, sketches within their relative bin width; merging
 * shards in any order gives the very sketch one pass builds; a sketch
 * stores exactly the bins between its lowest and highest value. */
#include "testlib.h"

#include "pc-sketch.h"

#include <gsl/gsl_randist.h>
#include <gsl/gsl_rng.h>
#include <gsl/gsl_sort.h>
#include <gsl/gsl_statistics_double.h>

#define N 20000

/* N values: log-normal around 400 USD with 5 % exact zeros, or uniform on
 * [0, 5) (a downtime in minutes). */
static double *
values (gboolean uniform)
{
  gsl_rng *rng = gsl_rng_alloc (gsl_rng_mt19937);
  gsl_rng_set (rng, 42);
  double *v = g_new (double, N);
  for (guint i = 0; i < N; i++)
    v[i] = uniform ? 5 * gsl_rng_uniform (rng) : i % 20 == 0 ? 0 : gsl_ran_lognormal (rng, log (400), 0.5);
  gsl_rng_free (rng);
  return v;
}

static void
assert_quantiles (const PcSketch *sketch, const double *v)
{
  g_autofree double *sorted = g_memdup2 (v, N * sizeof *v);
  gsl_sort (sorted, 1, N);
  const double fractions[] = { 0.0, 0.01, 0.1, 0.25, 0.5, 0.9, 0.99, 1.0 };
  for (guint i = 0; i < G_N_ELEMENTS (fractions); i++) {
    double exact = gsl_stats_quantile_from_sorted_data (sorted, 1, N, fractions[i]);
    double got = pc_sketch_quantile (sketch, fractions[i]);
    g_test_message ("q%.2f: %.9g (GSL %.9g)", fractions[i], got, exact);
    g_assert_cmpfloat (fabs (got - exact), <=, sketch->relative_width * exact + PC_SKETCH_ZERO);
  }
}

static void
test_quantiles (void)
{
  g_test_summary ("20,000 log-normal costs with 5 % zeros, and 20,000 downtimes uniform on 0-5 min: every"
                  " quantile from 0 to 1 within 0.01 % of gsl_stats_quantile_from_sorted_data");
  for (int uniform = 0; uniform < 2; uniform++) {
    g_autofree double *v = values (uniform);
    g_autoptr (PcSketch) sketch = pc_sketch_new (1e-4, FALSE);
    for (guint i = 0; i < N; i++)
      pc_sketch_add (sketch, v[i], i);
    g_assert_cmpuint (sketch->n, ==, N);
    g_assert_cmpuint (sketch->zeros, ==, uniform ? 0 : N / 20);
    assert_quantiles (sketch, v);
  }
}

static void
assert_same_sketch (const PcSketch *a, const PcSketch *b)
{
  g_assert_cmpuint (a->n, ==, b->n);
  g_assert_cmpuint (a->zeros, ==, b->zeros);
  g_assert_cmpfloat (a->min, ==, b->min);
  g_assert_cmpfloat (a->max, ==, b->max);
  g_assert_cmpint (a->first, ==, b->first);
  g_assert_cmpuint (a->n_bins, ==, b->n_bins);
  for (guint i = 0; i < a->n_bins; i++)
    g_assert_cmpuint (pc_sketch_count (a, i), ==, pc_sketch_count (b, i));
  g_assert_cmpmem (a->first_run, a->n_bins * sizeof *a->first_run, b->first_run, b->n_bins * sizeof *b->first_run);
  g_assert_cmpuint (a->zero_first_run, ==, b->zero_first_run);
}

static void
test_merge (void)
{
  g_test_summary ("Values of run i go to shard i mod 3; the shards merged in the orders 0+1+2 and 2+1+0 equal the"
                  " sketch of all values added in run order: counts, exact min and max, lowest run per bin");
  g_autofree double *v = values (FALSE);
  g_autoptr (PcSketch) whole = pc_sketch_new (1e-4, TRUE);
  PcSketch *shards[3];
  for (guint k = 0; k < 3; k++)
    shards[k] = pc_sketch_new (1e-4, TRUE);
  for (guint i = 0; i < N; i++) {
    pc_sketch_add (whole, v[i], i);
    pc_sketch_add (shards[i % 3], v[i], i);
  }
  g_autoptr (PcSketch) forward = pc_sketch_new (1e-4, TRUE);
  g_autoptr (PcSketch) backward = pc_sketch_new (1e-4, TRUE);
  for (guint k = 0; k < 3; k++) {
    pc_sketch_merge (forward, shards[k]);
    pc_sketch_merge (backward, shards[2 - k]);
  }
  assert_same_sketch (forward, whole);
  assert_same_sketch (backward, whole);
  g_assert_cmpuint (pc_sketch_run_at (whole, (N - 1) / 2), ==, pc_sketch_run_at (forward, (N - 1) / 2));
  for (guint k = 0; k < 3; k++)
    pc_sketch_free (shards[k]);
}

static void
test_span (void)
{
  g_test_summary ("A sketch stores exactly the bins from its lowest positive value's to its highest's: uniform"
                  " 0-5 min downtimes at 0.01 % need ln (max / min) / ln (1.0001) + 1 bins, no more");
  g_autofree double *v = values (TRUE);
  g_autoptr (PcSketch) sketch = pc_sketch_new (1e-4, FALSE);
  for (guint i = 0; i < N; i++)
    pc_sketch_add (sketch, v[i], i);
  int low = (int) floor (log (sketch->min) / log1p (1e-4)), high = (int) floor (log (sketch->max) / log1p (1e-4));
  g_assert_cmpint (sketch->first, ==, low);
  g_assert_cmpuint (sketch->n_bins, ==, (guint) (high - low + 1));
}

/* The bin holding @value, as an index into @s's counts. */
static guint
bin_index (const PcSketch *s, double value)
{
  return (guint) (pc_sketch_bin (s, value) - s->first);
}

static void
test_carries (void)
{
  g_test_summary ("Counts past 65,535 (kept as 16 bits and a carry): 150,001 values of 10 between a 5 and a 20"
                  " added after them count 150,001, and the quantiles see them; two shards of 40,000 merge to"
                  " 80,000, the same sketch as one pass");
  g_autoptr (PcSketch) big = pc_sketch_new (1e-3, FALSE);
  for (guint i = 0; i < 150000; i++)
    pc_sketch_add (big, 10.0, i);
  g_assert_nonnull (big->carries);
  pc_sketch_add (big, 20.0, 150000);   /* widens the span: the carries move with the counts */
  pc_sketch_add (big, 5.0, 150001);
  pc_sketch_add (big, 10.0, 150002);
  g_assert_cmpuint (big->n, ==, 150003);
  g_assert_cmpuint (pc_sketch_count (big, bin_index (big, 10.0)), ==, 150001);
  g_assert_cmpuint (pc_sketch_count (big, bin_index (big, 5.0)), ==, 1);
  g_assert_cmpuint (pc_sketch_count (big, bin_index (big, 20.0)), ==, 1);
  g_assert_cmpfloat (fabs (pc_sketch_quantile (big, 0.5) / 10.0 - 1), <=, 1e-3);
  g_assert_cmpfloat (fabs (pc_sketch_quantile (big, 0.0) / 5.0 - 1), <=, 1e-3);
  g_assert_cmpfloat (fabs (pc_sketch_quantile (big, 1.0) / 20.0 - 1), <=, 1e-3);

  g_autoptr (PcSketch) whole = pc_sketch_new (1e-3, TRUE);
  PcSketch *shards[2] = { pc_sketch_new (1e-3, TRUE), pc_sketch_new (1e-3, TRUE) };
  for (guint i = 0; i < 80000; i++) {
    pc_sketch_add (whole, 10.0, i);
    pc_sketch_add (shards[i % 2], 10.0, i);
  }
  g_assert_null (shards[0]->carries);
  pc_sketch_merge (shards[0], shards[1]);
  g_assert_cmpuint (pc_sketch_count (shards[0], bin_index (shards[0], 10.0)), ==, 80000);
  assert_same_sketch (shards[0], whole);
  pc_sketch_free (shards[0]);
  pc_sketch_free (shards[1]);
}

static void
test_month_counts (void)
{
  g_test_summary ("Month counts: P10, P50, P90 of 1,001 months equal gsl_stats_quantile_from_sorted_data exactly,"
                  " and merging two halves changes nothing");
  g_autoptr (PcMonthCounts) all = pc_month_counts_new (36), a = pc_month_counts_new (36), b = pc_month_counts_new (36);
  double months[1001];
  for (guint i = 0; i < G_N_ELEMENTS (months); i++) {
    guint month = (i * 7919u) % 36;
    months[i] = month;
    pc_month_counts_add (all, month, 1);
    pc_month_counts_add (i % 2 ? a : b, month, 1);
  }
  pc_month_counts_merge (a, b);
  gsl_sort (months, 1, G_N_ELEMENTS (months));
  const double fractions[] = { 0.1, 0.5, 0.9 };
  for (guint i = 0; i < G_N_ELEMENTS (fractions); i++) {
    double exact = gsl_stats_quantile_from_sorted_data (months, 1, G_N_ELEMENTS (months), fractions[i]);
    g_assert_cmpfloat (pc_month_counts_quantile (all, fractions[i]), ==, exact);
    g_assert_cmpfloat (pc_month_counts_quantile (a, fractions[i]), ==, exact);
  }
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/sketch/quantiles", test_quantiles);
  g_test_add_func ("/sketch/merge", test_merge);
  g_test_add_func ("/sketch/span", test_span);
  g_test_add_func ("/sketch/carries", test_carries);
  g_test_add_func ("/sketch/month-counts", test_month_counts);
  return g_test_run ();
}
