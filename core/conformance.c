/* conformance.c - the checks of `phasecast plugins check`, run in-process.
 *
 * After the host's own checks (pc_plugin_open: descriptor, tables, price
 * fragment), the plugin is created for every settings variant (defaults,
 * then each parameter at its minimum and maximum, each choice, each boolean
 * value, one at a time) in every region it claims, and stepped over three
 * months of demand: zero, typical (a small business: a million dynamic
 * requests) and extreme (a thousand times that).  Each outcome is filed
 * under a check and reported once, with the first failure and its case:
 *   settings       create() succeeds with the defaults (in at least one
 *                  region) and refuses anything only with a reason
 *   prices         every price key it reads exists in each region it claims:
 *                  strictly when it ships a fragment with regional prices
 *                  (it claims those regions); priced from the shipped
 *                  catalogs, strictly with the defaults, while a key the
 *                  catalogs lack for another setting is listed as a gap
 *                  (that setting is refused there, naming the key)
 *   step           step() succeeds and leaves the demand valid
 *   lines          cost lines are finite and non-negative, at most
 *                  PC_MAX_LINES, and add up to the total
 *   metrics        metrics are finite and within its own table
 *   monotone       cost does not fall as demand rises (unless the plugin
 *                  says why in cost_may_fall)
 *   deterministic  the same input gives the same output, from the same
 *                  instance stepped again and from a second instance
 *   destroy        create() then destroy() leaves no memory behind: bytes
 *                  in use before and after 64 cycles, from glibc's
 *                  mallinfo2() or, under AddressSanitizer, its allocator
 * Nothing here survives a plugin that crashes or hangs: the caller runs
 * this in a child process (tools/plugin-check.c) and uses progress() to
 * say what was running.
 */
#include "pc-private.h"

#include <stdio.h>
#if defined(__SANITIZE_ADDRESS__)
/* From the AddressSanitizer runtime (sanitizer/allocator_interface.h, which
 * Debian's gcc does not install). */
size_t __sanitizer_get_current_allocated_bytes (void);
#elif defined(__GLIBC__)
#include <malloc.h>
#endif

typedef enum { LEVEL_ZERO, LEVEL_TYPICAL, LEVEL_EXTREME, N_LEVELS } PcLevel;
static const char *const level_names[N_LEVELS] = { "zero", "typical", "extreme" };
static const double level_scale[N_LEVELS] = { 0.0, 1.0, 1000.0 };

/* A typical month's volumes (scaled by the level); intensities (per
 * request, shares) are the same at every level but zero. */
static const struct { const char *key; double typical; } volumes[] = {
  { "requests", 1e6 }, { "static_requests", 2e6 }, { "egress_gb", 20 }, { "static_egress_gb", 50 },
  { "stored_gb", 100 }, { "temp_gb_written", 5 }, { "object_puts", 1e5 }, { "object_gets", 1e6 },
  { "emails", 5e3 }, { "monthly_active_users", 1e3 }, { "log_gb", 10 }, { "errors", 1e3 },
  { "db_storage_gb", 20 }, { "db_connections_peak", 20 },
};
static const struct { const char *key; double value; } intensities[] = {
  { "peak_factor", 2 }, { "cpu_ms_per_request", 50 }, { "db_queries_per_request", 5 },
  { "db_read_share", 0.8 }, { "db_cpu_ms_per_query", 2 },
};
#define NAMED_TYPICAL 1e6           /* every named demand the plugin reads */
#define DESTROY_CYCLES 64

typedef struct {
  guint cases, failed;
  char *first;                /* the first failure, with its case */
} PcTally;

typedef enum { T_SETTINGS, T_PRICES, T_STEP, T_LINES, T_METRICS, T_MONOTONE, T_DETERMINISTIC, N_TALLIES } PcTallyKind;
static const char *const tally_names[N_TALLIES] = {
  "settings", "prices", "step", "lines", "metrics", "monotone", "deterministic",
};

typedef struct {
  char *label;                /* "defaults" or "name=value" */
  char *assignment;           /* NULL for the defaults */
} PcCheckVariant;

typedef struct {
  const PcConformance *out;
  PcHost *host;
  PcPlugin *plugin;
  const PcPluginInfo *info;
  GPtrArray *variants;        /* PcCheckVariant* */
  GPtrArray *keys_read;       /* char*: every price key looked up */
  GPtrArray *gaps;            /* char*: "KEY in REGION (SETTING)" the shipped catalogs lack */
  gboolean strict_prices;     /* it claims its fragment's regions: every key must be there */
  PcTally tallies[N_TALLIES];
  guint refused;              /* settings create() refused with a reason */
  guint defaults_created;     /* regions where the defaults created an instance */
  char *defaults_region;      /* the first of them */
  gboolean failed;
} PcChecker;

const char *
pc_check_status_name (PcCheckStatus status)
{
  static const char *const names[] = { "PASS", "FAIL", "SKIP" };
  return names[status];
}

static void report (PcChecker *ck, const char *check, PcCheckStatus status, const char *format, ...) G_GNUC_PRINTF (4, 5);

static void
report (PcChecker *ck, const char *check, PcCheckStatus status, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *reason = g_strdup_vprintf (format, args);
  va_end (args);
  ck->failed |= status == PC_CHECK_FAIL;
  ck->out->result (ck->out->data, check, status, reason);
}

static void progress (PcChecker *ck, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
progress (PcChecker *ck, const char *format, ...)
{
  if (ck->out->progress == NULL)
    return;
  va_list args;
  va_start (args, format);
  g_autofree char *doing = g_strdup_vprintf (format, args);
  va_end (args);
  ck->out->progress (ck->out->data, doing);
}

static void tally_fail (PcTally *tally, const char *format, ...) G_GNUC_PRINTF (2, 3);

static void
tally_fail (PcTally *tally, const char *format, ...)
{
  tally->failed++;
  if (tally->first != NULL)
    return;
  va_list args;
  va_start (args, format);
  tally->first = g_strdup_vprintf (format, args);
  va_end (args);
}

/* ---- settings variants ---- */

static void
variant_free (PcCheckVariant *variant)
{
  g_free (variant->label);
  g_free (variant->assignment);
  g_free (variant);
}

static void
add_variant (GPtrArray *variants, const PcParamSpec *spec, const char *value)
{
  if (spec != NULL && g_strcmp0 (value, spec->default_value) == 0)
    return;
  PcCheckVariant *variant = g_new0 (PcCheckVariant, 1);
  variant->assignment = spec ? g_strdup_printf ("%s=%s", spec->name, value) : NULL;
  variant->label = g_strdup (spec ? variant->assignment : "defaults");
  g_ptr_array_add (variants, variant);
}

/* Defaults, then one parameter at a time at each end of its range or at
 * each of its values. */
static GPtrArray *
settings_variants (const PcPluginInfo *info)
{
  GPtrArray *variants = g_ptr_array_new_with_free_func ((GDestroyNotify) variant_free);
  add_variant (variants, NULL, NULL);
  for (guint p = 0; p < info->n_params; p++) {
    const PcParamSpec *spec = &info->params[p];
    char low[G_ASCII_DTOSTR_BUF_SIZE], high[G_ASCII_DTOSTR_BUF_SIZE];
    switch (spec->type) {
    case PC_PARAM_DOUBLE:
    case PC_PARAM_INT:
      add_variant (variants, spec, g_ascii_dtostr (low, sizeof low, spec->min));
      add_variant (variants, spec, g_ascii_dtostr (high, sizeof high, spec->max));
      break;
    case PC_PARAM_BOOL:
      add_variant (variants, spec, "true");
      add_variant (variants, spec, "false");
      break;
    case PC_PARAM_ENUM:
      for (guint c = 0; c < spec->n_choices; c++)
        add_variant (variants, spec, spec->choices[c]);
      break;
    }
  }
  return variants;
}

static PcConfig *
variant_config (PcChecker *ck, const PcCheckVariant *variant)
{
  PcConfig *config = pc_config_new (ck->info, ck->info->name);
  if (variant->assignment != NULL) {
    gboolean ok = pc_config_set_assignment (config, variant->assignment, NULL);
    g_assert (ok);   /* bounds and choices come from the checked table */
  }
  return config;
}

/* ---- one month ---- */

static void
fill_demand (PcUsage *usage, PcLevel level)
{
  double scale = level_scale[level];
  for (guint i = 0; i < G_N_ELEMENTS (volumes); i++) {
    char text[G_ASCII_DTOSTR_BUF_SIZE];   /* '.' in any locale, as pc_usage_set reads it */
    gboolean known = FALSE;
    pc_usage_set (usage, volumes[i].key, g_ascii_dtostr (text, sizeof text, volumes[i].typical * scale), &known, NULL);
  }
  for (guint i = 0; i < G_N_ELEMENTS (intensities) && level != LEVEL_ZERO; i++) {
    char text[G_ASCII_DTOSTR_BUF_SIZE];
    gboolean known = FALSE;
    pc_usage_set (usage, intensities[i].key, g_ascii_dtostr (text, sizeof text, intensities[i].value), &known, NULL);
  }
  PcDemand *d = pc_usage_demand (usage);
  gboolean any = level != LEVEL_ZERO;
  d->memory_mb_per_request = any ? 10 : 0;
  d->db_replica_share = any ? 0.2 : 0;
  d->db_rows_per_query = any ? 10 : 0;
  d->db_working_set_gb = 0.2 * d->db_storage_gb;
  gboolean known = FALSE;
  pc_usage_set (usage, "account_month", "24", &known, NULL);
}

/* What one step left: its result and the demand's numbers. */
typedef struct {
  PcStepResult result;
  double demand[G_STRUCT_OFFSET (PcDemand, n_levels) / sizeof (double)];
} PcOutcome;

/* Steps @instance once over a fresh month at @level with fresh per-run
 * memory; files any broken contract under its check.  FALSE if it failed. */
static gboolean
step_once (PcChecker *ck, gconstpointer instance, const PcConfig *config, PcLevel level, const char *where,
           PcOutcome *out)
{
  g_autoptr (PcUsage) usage = pc_usage_new ();
  fill_demand (usage, level);
  gboolean placed = pc_usage_place_named (usage, config, NULL);
  g_assert (placed);   /* no names were given, so none is unread */
  PcDemand *d = pc_usage_demand (usage);
  for (guint i = 0; i < d->n_named; i++)
    d->named[i] = NAMED_TYPICAL * level_scale[level];
  g_autofree guint8 *scratch = g_malloc0 (MAX (ck->info->run_state_size, 1));
  g_autoptr (GError) error = NULL;
  progress (ck, "step (%s, demand %s)", where, level_names[level]);
  gboolean ok = pc_usage_step (usage, ck->plugin, instance, scratch, &out->result, &error);
  memcpy (out->demand, d, sizeof out->demand);
  const PcStepResult *r = &out->result;
  PcTallyKind kind = r->bad_metric >= 0 ? T_METRICS : r->overflow || !(r->usd >= 0) ? T_LINES : T_STEP;
  if (!ok)
    tally_fail (&ck->tallies[kind], "%s (%s, demand %s)", error->message, where, level_names[level]);
  return ok;
}

/* Lines are finite, non-negative and add up to the total. */
static void
check_lines (PcChecker *ck, const PcOutcome *out, PcLevel level, const char *where)
{
  const PcStepResult *r = &out->result;
  double sum = 0;
  ck->tallies[T_LINES].cases++;
  for (guint i = 0; i < r->n_lines; i++) {
    const PcLine *line = &r->lines[i];
    if (!(line->usd >= 0 && isfinite (line->usd)) || !(line->quantity >= 0 && isfinite (line->quantity))) {
      tally_fail (&ck->tallies[T_LINES], "line \"%s\" has quantity %g and cost %g (%s, demand %s)", line->item,
                  line->quantity, line->usd, where, level_names[level]);
      return;
    }
    sum += line->usd;
  }
  if (fabs (sum - r->usd) > 1e-9 * MAX (fabs (r->usd), 1.0))
    tally_fail (&ck->tallies[T_LINES], "lines add up to %.10g but the total is %.10g (%s, demand %s)", sum, r->usd,
                where, level_names[level]);
}

static gboolean
same_outcome (const PcOutcome *a, const PcOutcome *b)
{
  const PcStepResult *x = &a->result, *y = &b->result;
  if (x->n_lines != y->n_lines || memcmp (x->head.metrics, y->head.metrics, sizeof (double) * x->head.n_metrics) != 0 ||
      memcmp (&x->usd, &y->usd, sizeof x->usd) != 0 || memcmp (a->demand, b->demand, sizeof a->demand) != 0)
    return FALSE;
  for (guint i = 0; i < x->n_lines; i++)
    if (g_strcmp0 (x->lines[i].item, y->lines[i].item) != 0 || g_strcmp0 (x->lines[i].unit, y->lines[i].unit) != 0 ||
        memcmp (&x->lines[i].quantity, &y->lines[i].quantity, sizeof (double)) != 0 ||
        memcmp (&x->lines[i].usd, &y->lines[i].usd, sizeof (double)) != 0)
      return FALSE;
  return TRUE;
}

static void
check_monotone (PcChecker *ck, const PcOutcome outcomes[N_LEVELS], const char *where)
{
  ck->tallies[T_MONOTONE].cases++;
  for (guint level = 1; level < N_LEVELS; level++) {
    double before = outcomes[level - 1].result.usd, after = outcomes[level].result.usd;
    if (after < before - 1e-9 * MAX (before, 1.0)) {
      tally_fail (&ck->tallies[T_MONOTONE], "cost falls from $%.2f (demand %s) to $%.2f (demand %s) (%s)", before,
                  level_names[level - 1], after, level_names[level], where);
      return;
    }
  }
}

/* ---- one settings variant in one region ---- */

/* Steps @instance over every level, once more at "typical", and a second
 * instance at "typical"; files lines, monotone and deterministic. */
static void
check_behaviour (PcChecker *ck, gpointer instance, const PcConfig *config, const PcCatalog *catalog, const char *where)
{
  PcOutcome *outcomes = g_new0 (PcOutcome, N_LEVELS + 2);
  gboolean ok = TRUE;
  for (guint level = 0; level < N_LEVELS; level++) {
    ck->tallies[T_STEP].cases++;
    ok = ok && step_once (ck, instance, config, level, where, &outcomes[level]);
    if (ok)
      check_lines (ck, &outcomes[level], level, where);
  }
  if (ok && ck->info->cost_may_fall == NULL)
    check_monotone (ck, outcomes, where);
  ck->tallies[T_DETERMINISTIC].cases++;
  ok = ok && step_once (ck, instance, config, LEVEL_TYPICAL, where, &outcomes[N_LEVELS]);
  if (ok && !same_outcome (&outcomes[LEVEL_TYPICAL], &outcomes[N_LEVELS]))
    tally_fail (&ck->tallies[T_DETERMINISTIC], "the same instance stepped twice over the same month gave different "
                "results (%s, demand typical)", where);
  progress (ck, "create (%s)", where);
  gpointer second = ok ? pc_plugin_create (ck->plugin, config, catalog, NULL) : NULL;
  if (ok && second == NULL)
    tally_fail (&ck->tallies[T_DETERMINISTIC], "a second create() with the same settings failed (%s)", where);
  if (second != NULL && step_once (ck, second, config, LEVEL_TYPICAL, where, &outcomes[N_LEVELS + 1]) &&
      !same_outcome (&outcomes[LEVEL_TYPICAL], &outcomes[N_LEVELS + 1]))
    tally_fail (&ck->tallies[T_DETERMINISTIC], "a second instance with the same settings gave different results "
                "(%s, demand typical)", where);
  if (second != NULL) {
    progress (ck, "destroy (%s)", where);
    ck->info->destroy (second);
  }
  g_free (outcomes);
}

static void
remember_keys (PcChecker *ck, const PcCatalog *catalog)
{
  for (guint i = 0; i < catalog->read_keys->len; i++)
    if (!g_ptr_array_find_with_equal_func (ck->keys_read, catalog->read_keys->pdata[i], g_str_equal, NULL))
      g_ptr_array_add (ck->keys_read, g_strdup (catalog->read_keys->pdata[i]));
}

/* Files a failed create(): a missing price, a refusal with a reason, or
 * (with the defaults) a failure. */
static void
file_refusal (PcChecker *ck, const PcCheckVariant *variant, const PcCatalog *catalog, const GError *error, const char *where)
{
  const char *missing = catalog->missed_keys->len ? catalog->missed_keys->pdata[0] : NULL;
  if (missing != NULL && (ck->strict_prices || variant->assignment == NULL))
    tally_fail (&ck->tallies[T_PRICES], "no price %s in %s (%s)", missing, catalog->region, where);
  else if (missing != NULL)
    g_ptr_array_add (ck->gaps, g_strdup_printf ("%s in %s (%s)", missing, catalog->region, variant->label));
  else if (error->code == PC_PLUGIN_ERROR_MISUSE)
    tally_fail (&ck->tallies[T_SETTINGS], "%s (%s)", error->message, where);
  else
    ck->refused++;
}

static void
check_variant (PcChecker *ck, const PcCheckVariant *variant, PcCatalog *catalog)
{
  g_autoptr (PcConfig) config = variant_config (ck, variant);
  g_autofree char *where = g_strdup_printf ("settings %s, %s", variant->label, catalog->region);
  g_autoptr (GError) error = NULL;
  g_ptr_array_set_size (catalog->missed_keys, 0);
  g_ptr_array_set_size (catalog->read_keys, 0);
  progress (ck, "create (%s)", where);
  gpointer instance = pc_plugin_create (ck->plugin, config, catalog, &error);
  ck->tallies[T_SETTINGS].cases++;
  ck->tallies[T_PRICES].cases++;
  remember_keys (ck, catalog);
  if (instance == NULL) {
    file_refusal (ck, variant, catalog, error, where);
    return;
  }
  if (variant->assignment == NULL && ck->defaults_created++ == 0)
    ck->defaults_region = g_strdup (catalog->region);
  check_behaviour (ck, instance, config, catalog, where);
  progress (ck, "destroy (%s)", where);
  ck->info->destroy (instance);
}

/* ---- the checks in order ---- */

static gboolean
check_load (PcChecker *ck, const char *path)
{
  g_autoptr (GError) error = NULL;
  progress (ck, "open %s", path);
  ck->plugin = pc_plugin_open (path, &error);
  if (ck->plugin == NULL) {
    report (ck, "load", PC_CHECK_FAIL, "%s", error->message);
    return FALSE;
  }
  ck->info = pc_plugin_info (ck->plugin);
  report (ck, "load", PC_CHECK_PASS, "plugin %s %s: ABI %u, API %u, stage %s, parameters %u, metrics %u, per-run "
          "memory %" G_GSIZE_FORMAT " bytes", ck->info->name, ck->info->version, ck->info->abi, ck->info->api_min,
          pc_stage_name (ck->info->stage), ck->info->n_params, ck->info->n_metrics, ck->info->run_state_size);
  const char *fragment = pc_plugin_fragment (ck->plugin);
  if (fragment == NULL) {
    report (ck, "fragment", PC_CHECK_SKIP, "no %s.prices.xml beside the module: its prices come from the shipped "
            "catalogs", ck->info->name);
    return TRUE;
  }
  g_autofree char *regions = g_strjoinv (", ", (char **) pc_plugin_fragment_regions (ck->plugin));
  report (ck, "fragment", PC_CHECK_PASS, "%s: valid, prices for %s", fragment, regions);
  return TRUE;
}

static void
check_regions (PcChecker *ck, const char *const *regions)
{
  for (guint r = 0; regions[r]; r++) {
    g_autoptr (GError) error = NULL;
    g_autoptr (PcCatalog) catalog = pc_host_catalog (ck->host, regions[r], ck->plugin, &error);
    if (catalog == NULL) {
      tally_fail (&ck->tallies[T_PRICES], "%s", error->message);
      continue;
    }
    pc_catalog_track_lookups (catalog);
    for (guint v = 0; v < ck->variants->len; v++)
      check_variant (ck, ck->variants->pdata[v], catalog);
  }
}

static char *
list_keys (const GPtrArray *keys)
{
  GString *text = g_string_new (NULL);
  for (guint i = 0; i < keys->len && i < 4; i++)
    g_string_append_printf (text, "%s%s", i ? ", " : "", (const char *) keys->pdata[i]);
  if (keys->len > 4)
    g_string_append_printf (text, " and %u more", keys->len - 4);
  return g_string_free (text, FALSE);
}

static char *
prices_reason (PcChecker *ck, const char *keys, const char *regions)
{
  if (ck->keys_read->len == 0)
    return g_strdup_printf ("reads no price (checked in %s)", regions);
  if (ck->gaps->len == 0)
    return g_strdup_printf ("reads %u key%s (%s), all present in %s", ck->keys_read->len,
                            ck->keys_read->len == 1 ? "" : "s", keys, regions);
  g_autofree char *gaps = list_keys (ck->gaps);
  return g_strdup_printf ("reads %u keys (%s), present in %s with the defaults; the shipped catalogs lack %u for "
                          "other settings, which are refused there naming the key (data/pricing/README.md, Gaps): %s",
                          ck->keys_read->len, keys, regions, ck->gaps->len, gaps);
}

/* What each check proved when nothing failed. */
static char *
passed_reason (PcChecker *ck, PcTallyKind kind, const char *regions)
{
  const PcTally *t = &ck->tallies[kind];
  g_autofree char *keys = list_keys (ck->keys_read);
  switch (kind) {
  case T_SETTINGS:
    return g_strdup_printf ("%u creates (settings x regions); %u refused with a reason", t->cases, ck->refused);
  case T_PRICES:
    return prices_reason (ck, keys, regions);
  case T_STEP:
    return g_strdup_printf ("%u months stepped (zero, typical and extreme demand); demand left valid", t->cases);
  case T_LINES:
    return g_strdup_printf ("%u months: lines finite, non-negative, at most %d, adding up to the total", t->cases,
                            PC_MAX_LINES);
  case T_METRICS:
    return g_strdup_printf ("%u metrics finite and within the table in every month", ck->info->n_metrics);
  case T_MONOTONE:
    return g_strdup_printf ("%u cases: cost never falls as demand rises", t->cases);
  case T_DETERMINISTIC:
    return g_strdup_printf ("%u cases: the same month gives the same lines, metrics and demand", t->cases);
  case N_TALLIES:
    break;
  }
  return NULL;
}

static void
report_tallies (PcChecker *ck, const char *const *regions)
{
  g_autofree char *region_list = g_strjoinv (", ", (char **) regions);
  if (ck->defaults_created == 0 && ck->tallies[T_SETTINGS].failed == 0 && ck->tallies[T_PRICES].failed == 0)
    tally_fail (&ck->tallies[T_SETTINGS], "create() refuses the defaults in every region checked (%s)", region_list);
  for (guint k = 0; k < N_TALLIES; k++) {
    PcTally *t = &ck->tallies[k];
    if (k == T_MONOTONE && ck->info->cost_may_fall != NULL) {
      report (ck, tally_names[k], PC_CHECK_SKIP, "the plugin says its cost may fall: %s", ck->info->cost_may_fall);
    } else if (t->failed > 0) {
      g_autofree char *more = t->failed > 1 ? g_strdup_printf (" (and %u more)", t->failed - 1) : g_strdup ("");
      report (ck, tally_names[k], PC_CHECK_FAIL, "%s%s", t->first, more);
    } else if (t->cases == 0 && k != T_METRICS) {
      report (ck, tally_names[k], PC_CHECK_SKIP, "not reached: %s", ck->tallies[T_STEP].cases
              ? "no step succeeded" : "no settings could be created");
    } else {
      g_autofree char *reason = passed_reason (ck, k, region_list);
      report (ck, tally_names[k], PC_CHECK_PASS, "%s", reason);
    }
  }
}

/* ---- destroy: memory in use before and after create/destroy cycles ---- */

/* Bytes the allocator has handed out and not taken back; 0 when unknown. */
static gsize
allocated_bytes (void)
{
#if defined(__SANITIZE_ADDRESS__)
#define ALLOCATOR_STATISTICS "AddressSanitizer's allocator statistics"
  return __sanitizer_get_current_allocated_bytes ();
#elif defined(__GLIBC__) && __GLIBC_PREREQ (2, 33)
#define ALLOCATOR_STATISTICS "glibc's mallinfo2"
  struct mallinfo2 info = mallinfo2 ();
  return info.uordblks + info.hblkhd;
#else
#define ALLOCATOR_STATISTICS "none"
  return 0;
#endif
}

static void
create_destroy (PcChecker *ck, const PcConfig *config, const PcCatalog *catalog, guint cycles)
{
  for (guint i = 0; i < cycles; i++) {
    gpointer instance = pc_plugin_create (ck->plugin, config, catalog, NULL);
    if (instance != NULL)
      ck->info->destroy (instance);
  }
}

static void
check_destroy (PcChecker *ck)
{
  if (ck->defaults_region == NULL || allocated_bytes () == 0) {
    report (ck, "destroy", PC_CHECK_SKIP, "%s", ck->defaults_region == NULL ? "create() never succeeded with the defaults"
            : "the allocator keeps no statistics here (under valgrind, its leak check covers destroy)");
    return;
  }
  g_autoptr (PcConfig) config = pc_config_new (ck->info, ck->info->name);
  g_autoptr (PcCatalog) catalog = pc_host_catalog (ck->host, ck->defaults_region, ck->plugin, NULL);
  progress (ck, "create and destroy %d times (settings defaults, %s)", DESTROY_CYCLES, ck->defaults_region);
  create_destroy (ck, config, catalog, 8);   /* first-use allocations (GLib's, the plugin's) settle */
  gsize before = allocated_bytes ();
  create_destroy (ck, config, catalog, DESTROY_CYCLES);
  gsize after = allocated_bytes ();
  if (after >= before + DESTROY_CYCLES)
    report (ck, "destroy", PC_CHECK_FAIL, "%" G_GSIZE_FORMAT " bytes were not freed by %d create/destroy cycles "
            "(about %" G_GSIZE_FORMAT " a cycle): destroy() must free what create() made", after - before,
            DESTROY_CYCLES, (after - before) / DESTROY_CYCLES);
  else
    report (ck, "destroy", PC_CHECK_PASS, "%d create/destroy cycles left no memory in use (%s)", DESTROY_CYCLES,
            ALLOCATOR_STATISTICS);
}

static void
checker_clear (PcChecker *ck)
{
  for (guint k = 0; k < N_TALLIES; k++)
    g_free (ck->tallies[k].first);
  if (ck->variants)
    g_ptr_array_unref (ck->variants);
  if (ck->keys_read)
    g_ptr_array_unref (ck->keys_read);
  if (ck->gaps)
    g_ptr_array_unref (ck->gaps);
  g_free (ck->defaults_region);
  pc_plugin_free (ck->plugin);
}

/* Whether the plugin's fragment has regional prices (it then claims those
 * regions, and every key it reads must be priced there). */
static gboolean
claims_own_regions (const PcPlugin *plugin)
{
  const char *const *regions = pc_plugin_fragment_regions (plugin);
  for (guint i = 0; regions && regions[i]; i++)
    if (!g_str_equal (regions[i], "global"))
      return TRUE;
  return FALSE;
}

gboolean
pc_conformance_run (PcHost *host, const char *path, const PcConformance *conformance)
{
  PcChecker ck = { .out = conformance, .host = host };
  if (check_load (&ck, path)) {
    g_auto (GStrv) claimed = pc_plugin_regions (ck.plugin);
    const char *const *regions = conformance->regions ? conformance->regions : (const char *const *) claimed;
    ck.variants = settings_variants (ck.info);
    ck.keys_read = g_ptr_array_new_with_free_func (g_free);
    ck.gaps = g_ptr_array_new_with_free_func (g_free);
    ck.strict_prices = claims_own_regions (ck.plugin);
    check_regions (&ck, regions);
    report_tallies (&ck, regions);
    check_destroy (&ck);
  }
  gboolean passed = !ck.failed;
  checker_clear (&ck);
  return passed;
}
