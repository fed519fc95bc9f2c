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
pc_step_result_reset (PcStepResult *result, guint n_metrics)
{
  result->n_lines = 0;
  result->n_metrics = n_metrics;
  result->overflow = FALSE;
  result->bad_metric = -1;
  result->bad_line = FALSE;
  result->keep_lines = TRUE;
  result->usd = 0.0;
  memset (result->metrics, 0, sizeof (double) * n_metrics);
}

void
pc_result_metric (PcStepResult *result, guint metric_index, double value)
{
  if (metric_index < result->n_metrics && isfinite (value)) {
    result->metrics[metric_index] = value;
    return;
  }
  if (result->bad_metric < 0) {
    result->bad_metric = (int) MIN (metric_index, (guint) G_MAXINT);
    result->bad_value = value;
  }
}

/* Adds a line; a quantity or cost that is negative or not finite is noted
 * here, so the check after the step need not walk the lines. */
static inline void
add_line (PcStepResult *result, const char *item, double quantity, const char *unit, double usd,
          const PcPrice *price)
{
  result->usd += usd;
  if (G_UNLIKELY (result->n_lines == PC_MAX_LINES)) {
    result->overflow = TRUE;
    return;
  }
  gboolean bad = !(quantity >= 0.0 && quantity <= G_MAXDOUBLE) || !(usd >= 0.0 && usd <= G_MAXDOUBLE);
  if (G_UNLIKELY (bad) && !result->bad_line) {
    result->bad_line = TRUE;
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

double
pc_result_charge (PcStepResult *result, const char *item, const PcPrice *price, double quantity,
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

/* The demand's numbers run from level_hours[0] to response_time_s without
 * a gap, so one loop checks them all. */
#define DEMAND_FIRST G_STRUCT_OFFSET (PcDemand, level_hours)
#define DEMAND_END (G_STRUCT_OFFSET (PcDemand, response_time_s) + sizeof (double))
#define DEMAND_COUNT ((DEMAND_END - DEMAND_FIRST) / sizeof (double))
G_STATIC_ASSERT (DEMAND_COUNT == 2 * PC_MAX_LEVELS + 27);

static gboolean
bad_number (double value)
{
  return !(value >= 0.0 && value <= G_MAXDOUBLE);   /* also true for NaN */
}

/* The name of the demand number at @index of the block, for messages. */
static const char *
demand_field_name (gsize index)
{
  static const char *const scalars[] = {
    "peak_factor", "requests", "static_requests", "cpu_ms_per_request", "cpu_cv2", "memory_mb_per_request",
    "compute_base_memory_mb", "db_queries_per_request", "db_read_share", "db_replica_share", "db_replica_cpu_share",
    "db_cpu_ms_per_query", "db_rows_per_query",
    "db_storage_gb", "db_working_set_gb", "egress_gb", "static_egress_gb", "stored_gb", "temp_gb_written",
    "object_puts", "object_gets", "emails", "monthly_active_users", "log_gb", "errors", "db_connections_peak",
    "response_time_s",
  };
  G_STATIC_ASSERT (G_N_ELEMENTS (scalars) == 27);
  if (index < PC_MAX_LEVELS)
    return "level_hours";
  if (index < 2 * PC_MAX_LEVELS)
    return "level_rps";
  return scalars[index - 2 * PC_MAX_LEVELS];
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

gboolean
pc_demand_check (const PcDemand *d, GError **error)
{
  const double *numbers = (const double *) ((const char *) d + DEMAND_FIRST);
  if (G_LIKELY (d->n_levels <= PC_MAX_LEVELS && !maybe_bad (numbers, DEMAND_COUNT) &&
                !maybe_bad (d->named, d->n_named)))
    return TRUE;
  gboolean bad = d->n_levels > PC_MAX_LEVELS;
  for (gsize i = 0; i < DEMAND_COUNT; i++)
    bad |= bad_number (numbers[i]);
  for (guint n = 0; n < d->n_named; n++)
    bad |= bad_number (d->named[n]);
  if (!bad)
    return TRUE;
  if (d->n_levels > PC_MAX_LEVELS) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_MISUSE, "left demand n_levels at %u (at most %d)",
                 d->n_levels, PC_MAX_LEVELS);
    return FALSE;
  }
  for (gsize i = 0; i < DEMAND_COUNT; i++)
    if (bad_number (numbers[i]))
      return bad_field (error, demand_field_name (i), numbers[i]);
  for (guint n = 0; n < d->n_named; n++)
    if (bad_number (d->named[n]))
      return bad_field (error, "named quantity", d->named[n]);
  return TRUE;
}
