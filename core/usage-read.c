/* usage-read.c - whether a plugin reads the usage keys it was given.
 *
 * `phasecast price nat-gateway --set egress_gb=100000` would otherwise
 * print a month that silently ignores egress_gb: NAT gateway charges for
 * the traffic it processes, not for egress.  The host cannot see which
 * PcDemand fields a step() reads, so it finds out by experiment: the month
 * is priced again with the key at another plausible value (its probe,
 * usage.c), and when no line, no metric and no change the plugin makes to
 * the demand moves, the key made no difference.  A key can make none only
 * because another is zero (database CPU time per query, with no queries),
 * so the experiment is also made in a busy month, every usage key at its
 * probe: a key that moves nothing in either month is not read by the
 * plugin with these parameters.  Each experiment is one create() and
 * step(): a few dozen steps of one plugin, once per command.
 */
#include "pc-private.h"

/* The demand's numbers, from level_hours up to (not including) n_levels. */
#define DEMAND_NUMBERS ((G_STRUCT_OFFSET (PcDemand, n_levels) - G_STRUCT_OFFSET (PcDemand, level_hours)) / sizeof (double))

typedef struct {
  PcStepResult result;
  double change[DEMAND_NUMBERS];  /* what the step did to each demand number */
} PcOutcome;

static gboolean
price_outcome (const PcPlugin *plugin, const PcConfig *config, const PcCatalog *catalog, const PcUsage *usage,
               PcOutcome *out, GError **error)
{
  g_autoptr (PcUsage) copy = pc_usage_copy (usage);
  PcDemand before = *pc_usage_demand (copy);
  if (!pc_price_month (plugin, config, catalog, copy, &out->result, error))
    return FALSE;
  const double *was = before.level_hours, *now = pc_usage_demand (copy)->level_hours;
  for (gsize i = 0; i < DEMAND_NUMBERS; i++)
    out->change[i] = now[i] - was[i];
  return TRUE;
}

static gboolean
same_outcome (const PcOutcome *a, const PcOutcome *b)
{
  const PcStepResult *x = &a->result, *y = &b->result;
  if (x->n_lines != y->n_lines || x->usd != y->usd || x->head.n_metrics != y->head.n_metrics ||
      memcmp (a->change, b->change, sizeof a->change) != 0)
    return FALSE;
  for (guint i = 0; i < x->n_lines; i++)
    if (g_strcmp0 (x->lines[i].item, y->lines[i].item) != 0 || x->lines[i].quantity != y->lines[i].quantity ||
        x->lines[i].usd != y->lines[i].usd)
      return FALSE;
  for (guint m = 0; m < x->head.n_metrics; m++)
    if (x->head.metrics[m] != y->head.metrics[m])
      return FALSE;
  return TRUE;
}

/* Whether moving usage key @name away from its value in @usage changes
 * @base (a price that fails at the probe counts as reading it). */
static gboolean
key_read (const PcPlugin *plugin, const PcConfig *config, const PcCatalog *catalog, const PcUsage *usage,
          const PcOutcome *base, const char *name)
{
  g_autoptr (PcUsage) probe = pc_usage_copy (usage);
  pc_usage_probe (probe, name);
  g_autofree PcOutcome *moved = g_new0 (PcOutcome, 1);
  return !price_outcome (plugin, config, catalog, probe, moved, NULL) || !same_outcome (base, moved);
}

/* A month in which every usage key is at its probe value, so that no key is
 * without effect only because another is zero. */
static PcUsage *
busy_usage (void)
{
  PcUsage *usage = pc_usage_new ();
  const char *const *names = pc_usage_key_names ();
  for (guint i = 0; names[i]; i++)
    pc_usage_probe (usage, names[i]);
  return usage;
}

typedef struct {
  const PcPlugin *plugin;
  const PcConfig *config;
  const PcCatalog *catalog;
  const PcUsage *usage, *busy;
  PcOutcome *base, *busy_base;   /* NULL when the busy month fails to price */
} PcReadCheck;

static gboolean
read_in_either (const PcReadCheck *c, const char *name)
{
  return key_read (c->plugin, c->config, c->catalog, c->usage, c->base, name) ||
         (c->busy_base && key_read (c->plugin, c->config, c->catalog, c->busy, c->busy_base, name));
}

/* Returns: (transfer full): "a, b" - the usage keys the plugin reads. */
static char *
keys_read (const PcReadCheck *c)
{
  const char *const *names = pc_usage_key_names ();
  GString *out = g_string_new (NULL);
  for (guint i = 0; names[i]; i++)
    if (read_in_either (c, names[i]))
      g_string_append_printf (out, "%s%s", out->len ? ", " : "", names[i]);
  if (out->len == 0)
    g_string_append (out, "none");
  return g_string_free (out, FALSE);
}

gboolean
pc_usage_check_read (const PcPlugin *plugin, const PcConfig *config, const PcCatalog *catalog, const PcUsage *usage,
                     GError **error)
{
  const GPtrArray *given = pc_usage_given (usage);
  if (given->len == 0)
    return TRUE;
  g_autoptr (PcUsage) busy = busy_usage ();
  g_autofree PcOutcome *base = g_new0 (PcOutcome, 1), *busy_base = g_new0 (PcOutcome, 1);
  if (!price_outcome (plugin, config, catalog, usage, base, error))
    return FALSE;
  PcReadCheck check = { plugin, config, catalog, usage, busy, base,
                        price_outcome (plugin, config, catalog, busy, busy_base, NULL) ? busy_base : NULL };
  for (guint i = 0; i < given->len; i++) {
    const char *name = given->pdata[i];
    if (read_in_either (&check, name))
      continue;
    g_autofree char *read = keys_read (&check);
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "usage %s: %s does not read it with these parameters (the month is the same at any value); "
                 "allowed: the usage keys it reads: %s", name, pc_plugin_info (plugin)->name, read);
    return FALSE;
  }
  return TRUE;
}
