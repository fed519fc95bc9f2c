/* result.c - what a plugin hands back from step(), and the host's checks of it.
 *
 * Plugins report through pc_result_metric / pc_result_charge /
 * pc_result_line into a host-owned PcStepResult.  Nothing a plugin writes is
 * trusted: a metric index outside its own table, a metric or cost that is
 * not finite, more line items than fit, or a demand field left negative or
 * not finite each fail the step with a message naming the plugin, so a bad
 * plugin can never turn into a wrong report.  Checks record the first
 * misuse and stay cheap enough for the month loop (no allocation).
 */
#include "pc-private.h"

#include "pc-price-cost.h"

void
pc_result_metric (PcStepResult *result, guint metric_index, double value)
{
  if (metric_index < result->head.n_metrics && isfinite (value)) {
    result->head.metrics[metric_index] = value;
    return;
  }
  if (result->bad_metric < 0) {
    result->bad_metric = (int) MIN (metric_index, (guint) G_MAXINT);
    result->misused = TRUE;
    result->bad_value = value;
  }
}

/* The screen of maybe_bad() below for two numbers: finite and >= 0 have
 * bits below 0x7FF0000000000000, so the larger of the two bit patterns
 * decides; -0.0 fails it and bad_pair() lets it through. */
static inline gboolean
maybe_bad_pair (double a, double b)
{
  guint64 bits_a, bits_b;
  memcpy (&bits_a, &a, sizeof bits_a);
  memcpy (&bits_b, &b, sizeof bits_b);
  return MAX (bits_a, bits_b) >= G_GUINT64_CONSTANT (0x7FF0000000000000);
}

static gboolean
bad_pair (double a, double b)
{
  return !(a >= 0.0 && a <= G_MAXDOUBLE) || !(b >= 0.0 && b <= G_MAXDOUBLE);
}

/* Adds a line; a quantity or cost that is negative or not finite is noted
 * here, so the check after the step need not walk the lines. */
static inline void
add_line (PcStepResult *result, const char *item, double quantity, const char *unit, double usd,
          const PcPrice *price)
{
  result->usd += usd;
  if (G_UNLIKELY (result->n_lines == PC_MAX_LINES)) {
    result->overflow = result->misused = TRUE;
    return;
  }
  if (G_UNLIKELY (maybe_bad_pair (quantity, usd)) && bad_pair (quantity, usd) && !result->bad_line) {
    result->bad_line = result->misused = TRUE;
    result->bad_item = item;
  }
  if (result->keep_lines)
    result->lines[result->n_lines] = (PcLine) { item, quantity, unit, usd, price };
  result->n_lines++;
}

void
pc_result_line (PcStepResult *result, const char *item, double quantity, const char *unit, double usd,
                const PcPrice *price)
{
  add_line (result, item, quantity, unit, usd, price);
}

/* pc_result_charge() for every price but one rate with no allowance: a
 * tier walk, maybe against the account's allowance.  Out of line and
 * reached by a tail call, so that the common case keeps no registers. */
G_GNUC_NO_INLINE static double
charge_tiered (PcStepResult *result, const char *item, const PcPrice *price, double quantity,
               const PcStepContext *ctx)
{
  double usd;
  if (price->pool >= 0 && result->pool_used != NULL) {
    /* The allowance is the account's: what earlier components used this
     * month comes off it, and their volume counts towards the tiers. */
    double *used = &result->pool_used[price->pool];
    usd = pc_price_cost_after_inline (price, *used, quantity, ctx->account_month);
    *used += quantity;
  } else {
    usd = pc_price_cost_inline (price, quantity, ctx->account_month);
  }
  add_line (result, item, quantity, price->unit, usd, price);
  return usd;
}

double
pc_result_charge (PcStepResult *result, const char *item, const PcPrice *price, double quantity,
                  const PcStepContext *ctx)
{
  if (G_UNLIKELY (price->flat_usd < 0.0 || price->pool >= 0))
    return charge_tiered (result, item, price, quantity, ctx);
  double usd = pc_price_flat_cost (price, quantity);
  add_line (result, item, quantity, price->unit, usd, price);
  return usd;
}

static gboolean
misuse (GError **error, const PcPluginInfo *info, const char *format, ...) G_GNUC_PRINTF (3, 4);

static gboolean
misuse (GError **error, const PcPluginInfo *info, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *why = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_MISUSE, "plugin %s %s", info->name, why);
  return FALSE;
}

static gboolean
check_metric (const PcStepResult *r, const PcPluginInfo *info, GError **error)
{
  if (r->bad_metric < 0)
    return TRUE;
  if ((guint) r->bad_metric >= info->n_metrics)
    return misuse (error, info, "reported metric index %d, but it declares %u metrics", r->bad_metric,
                   info->n_metrics);
  return misuse (error, info, "reported metric \"%s\" as %s, which is not a finite number",
                 info->metrics[r->bad_metric].name, isnan (r->bad_value) ? "NaN" : "infinite");
}

gboolean
pc_step_result_check (const PcStepResult *r, const PcPluginInfo *info, GError **error)
{
  if (r->overflow)
    return misuse (error, info, "added more than %d line items", PC_MAX_LINES);
  if (!check_metric (r, info, error))
    return FALSE;
  if (!(r->usd >= 0.0 && r->usd <= G_MAXDOUBLE))
    return misuse (error, info, "charged a cost that is %s",
                   isnan (r->usd) ? "not a number" : r->usd < 0 ? "negative" : "infinite");
  if (r->bad_line)
    return misuse (error, info, "added line \"%s\" with a quantity or cost that is negative or not finite",
                   r->bad_item ? r->bad_item : "(null)");
  return TRUE;
}

/* The demand's numbers: the first n_levels of level_hours and level_rps
 * (the host reads no others), then the scalars, which run from peak_factor
 * to response_time_s without a gap, so one loop checks them all. */
#define SCALARS_FIRST G_STRUCT_OFFSET (PcDemand, peak_factor)
#define SCALAR_COUNT 27
G_STATIC_ASSERT (G_STRUCT_OFFSET (PcDemand, response_time_s) == SCALARS_FIRST + (SCALAR_COUNT - 1) * sizeof (double));

static gboolean
bad_number (double value)
{
  return !(value >= 0.0 && value <= G_MAXDOUBLE);   /* also true for NaN */
}

/* The name of scalar @index of the block, for messages. */
static const char *
scalar_name (gsize index)
{
  static const char *const scalars[] = {
    "peak_factor", "requests", "static_requests", "cpu_ms_per_request", "cpu_cv2", "memory_mb_per_request",
    "compute_base_memory_mb", "db_queries_per_request", "db_read_share", "db_replica_share", "db_replica_cpu_share",
    "db_cpu_ms_per_query", "db_rows_per_query",
    "db_storage_gb", "db_working_set_gb", "egress_gb", "static_egress_gb", "stored_gb", "temp_gb_written",
    "object_puts", "object_gets", "emails", "monthly_active_users", "log_gb", "errors", "db_connections_peak",
    "response_time_s",
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (scalars) == SCALAR_COUNT);
  return scalars[index];
}

static gboolean
bad_field (GError **error, const char *name, double value)
{
  g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_MISUSE, "left demand %s at %s (allowed: finite and >= 0)",
               name, isnan (value) ? "NaN" : isinf (value) ? "infinity" : "a negative value");
  return FALSE;
}

/* The fast screen: a double is finite and >= 0 when its bits, read as an
 * unsigned integer, are below 0x7FF0000000000000 (sign clear, exponent not
 * all ones).  Adding 2^52 carries an all-ones exponent into the sign bit, so
 * OR-ing every value and every value + 2^52 leaves the sign bit set exactly
 * when some value may be bad.  Four accumulators let the compiler do four
 * values in two vector instructions, with no branch.  -0.0 fails the
 * screen but is fine: the slow path decides. */
static gboolean
maybe_bad (const double *numbers, gsize n)
{
  const guint64 carry = G_GUINT64_CONSTANT (1) << 52;
  guint64 worst[4] = { 0, 0, 0, 0 }, bits;
  gsize i = 0;
  for (; i + 4 <= n; i += 4)
    for (gsize j = 0; j < 4; j++) {
      memcpy (&bits, &numbers[i + j], sizeof bits);
      worst[j] |= bits | (bits + carry);
    }
  for (; i < n; i++) {
    memcpy (&bits, &numbers[i], sizeof bits);
    worst[0] |= bits | (bits + carry);
  }
  return ((worst[0] | worst[1] | worst[2] | worst[3]) >> 63) != 0;
}

/* The first bad number of @numbers, or -1. */
static gssize
first_bad (const double *numbers, gsize n)
{
  for (gsize i = 0; i < n; i++)
    if (bad_number (numbers[i]))
      return (gssize) i;
  return -1;
}

/* Names the first bad number of @d (the fast screen said there may be one). */
static gboolean
name_bad (const PcDemand *d, const double *scalars, GError **error)
{
  gssize i;
  if ((i = first_bad (d->level_hours, d->n_levels)) >= 0)
    return bad_field (error, "level_hours", d->level_hours[i]);
  if ((i = first_bad (d->level_rps, d->n_levels)) >= 0)
    return bad_field (error, "level_rps", d->level_rps[i]);
  if ((i = first_bad (scalars, SCALAR_COUNT)) >= 0)
    return bad_field (error, scalar_name ((gsize) i), scalars[i]);
  if ((i = first_bad (d->named, d->n_named)) >= 0)
    return bad_field (error, "named quantity", d->named[i]);
  return TRUE;   /* -0.0, which the screen cannot tell from a negative number */
}

gboolean
pc_demand_check (const PcDemand *d, GError **error)
{
  const double *scalars = (const double *) ((const char *) d + SCALARS_FIRST);
  if (G_UNLIKELY (d->n_levels > PC_MAX_LEVELS)) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_MISUSE, "left demand n_levels at %u (at most %d)",
                 d->n_levels, PC_MAX_LEVELS);
    return FALSE;
  }
  if (G_LIKELY (!maybe_bad (d->level_hours, d->n_levels) && !maybe_bad (d->level_rps, d->n_levels) &&
                !maybe_bad (scalars, SCALAR_COUNT) && !maybe_bad (d->named, d->n_named)))
    return TRUE;
  return name_bad (d, scalars, error);
}
