/* usage.c - demand given by hand, for `phasecast price` and for tests.
 *
 * Each usage key names a PcDemand field (monthly quantities unless the unit
 * says otherwise).  "requests" also spreads the month's requests evenly
 * over the 24 hours; "rps" sets a flat rate and the month's requests from
 * it.  "stored_gb_age_N" puts GB written N months ago (for lifecycle rules).
 *
 * Named demands.  A key that is neither a parameter nor a usage key is
 * kept by name; once the plugin's create() has resolved the names it reads
 * (pc_config_demand, which resolves any name here since there is no
 * workload), each kept key must be one of them, or pricing fails naming
 * what the plugin does read.  Values are kept by name, not index, so a
 * chain of plugins (tests) each sees the quantities in its own order.
 */
#include "pc-private.h"

/* Each key's bounds keep a hand-given month sane (no cost can overflow);
 * probe is another plausible value, used to find out whether a plugin
 * reads the key at all (usage-read.c). */
typedef struct {
  const char *name;
  gssize offset;              /* of its PcDemand field; -1 for the keys set by code below */
  const char *unit;
  double min, max, probe;
} PcUsageKey;

#define USAGE(name, field, unit, min, max, probe) { name, G_STRUCT_OFFSET (PcDemand, field), unit, min, max, probe }
static const PcUsageKey usage_keys[] = {
  { "rps", -1, "requests/s", 0, 1e8, 400 },
  { "account_month", -1, "months", 0, 1200, 24 },
  { "stored_gb", -1, "GB", 0, 1e12, 1e6 },
  USAGE ("requests", requests, "requests/month", 0, 1e15, 1e9),
  USAGE ("peak_factor", peak_factor, "ratio", 1, 100, 3),
  USAGE ("static_requests", static_requests, "requests/month", 0, 1e15, 1e9),
  USAGE ("cpu_ms_per_request", cpu_ms_per_request, "ms", 0, 1e6, 250),
  USAGE ("cpu_cv2", cpu_cv2, "ratio", 0, 100, 4),
  USAGE ("memory_mb_per_request", memory_mb_per_request, "MB", 0, 1e6, 50),
  USAGE ("compute_base_memory_mb", compute_base_memory_mb, "MB", 0, 1e6, 1500),
  USAGE ("db_queries_per_request", db_queries_per_request, "queries", 0, 1e4, 20),
  USAGE ("db_read_share", db_read_share, "ratio", 0, 1, 0.5),
  USAGE ("db_replica_share", db_replica_share, "ratio", 0, 1, 0.5),
  USAGE ("db_replica_cpu_share", db_replica_cpu_share, "ratio", 0, 1, 0.5),
  USAGE ("db_cpu_ms_per_query", db_cpu_ms_per_query, "ms", 0, 1e6, 10),
  USAGE ("db_rows_per_query", db_rows_per_query, "rows", 0, 1e9, 1000),
  USAGE ("db_storage_gb", db_storage_gb, "GB", 0, 1e9, 5000),
  USAGE ("db_working_set_gb", db_working_set_gb, "GB", 0, 1e9, 500),
  USAGE ("egress_gb", egress_gb, "GB/month", 0, 1e12, 1e6),
  USAGE ("static_egress_gb", static_egress_gb, "GB/month", 0, 1e12, 1e6),
  USAGE ("temp_gb_written", temp_gb_written, "GB/month", 0, 1e12, 1e6),
  USAGE ("object_puts", object_puts, "requests/month", 0, 1e15, 1e9),
  USAGE ("object_gets", object_gets, "requests/month", 0, 1e15, 1e9),
  USAGE ("emails", emails, "emails/month", 0, 1e12, 1e7),
  USAGE ("monthly_active_users", monthly_active_users, "MAU", 0, 1e12, 1e7),
  USAGE ("log_gb", log_gb, "GB/month", 0, 1e12, 1e5),
  USAGE ("errors", errors, "events/month", 0, 1e15, 1e7),
  USAGE ("db_connections_peak", db_connections_peak, "connections", 0, 1e7, 5000),
};

#define MAX_AGES 600

struct _PcUsage {
  PcDemand demand;
  double stored_by_age[MAX_AGES];
  guint account_month;
  GPtrArray *named_keys;      /* char*: named demands given by hand */
  GArray *named_values;       /* double, parallel to named_keys */
  GArray *named;              /* double: demand.named in the stepped plugin's order */
  GPtrArray *given;           /* char*: the usage keys set, for pc_usage_check_read */
};

/* One load level covering the whole month at the mean rate. */
static void
spread_requests (PcDemand *d)
{
  d->n_levels = 1;
  d->level_hours[0] = PC_HOURS_PER_MONTH;
  d->level_rps[0] = d->requests / (PC_HOURS_PER_MONTH * 3600.0);
}

PcUsage *
pc_usage_new (void)
{
  PcUsage *usage = g_new0 (PcUsage, 1);
  usage->demand.peak_factor = 1.0;
  usage->demand.cpu_cv2 = 1.0;
  spread_requests (&usage->demand);
  usage->demand.stored_gb_by_age = usage->stored_by_age;
  usage->demand.n_ages = 1;
  usage->named_keys = g_ptr_array_new_with_free_func (g_free);
  usage->named_values = g_array_new (FALSE, TRUE, sizeof (double));
  usage->named = g_array_new (FALSE, TRUE, sizeof (double));
  usage->given = g_ptr_array_new_with_free_func (g_free);
  return usage;
}

void
pc_usage_free (PcUsage *usage)
{
  if (usage == NULL)
    return;
  g_ptr_array_unref (usage->named_keys);
  g_array_unref (usage->named_values);
  g_array_unref (usage->named);
  g_ptr_array_unref (usage->given);
  g_free (usage);
}

static gboolean
set_stored (PcUsage *usage, const char *name, double value)
{
  guint64 age = 0;
  if (g_str_equal (name, "stored_gb"))
    age = 0;
  else if (!g_str_has_prefix (name, "stored_gb_age_") ||
           !g_ascii_string_to_unsigned (name + strlen ("stored_gb_age_"), 10, 0, MAX_AGES - 1, &age, NULL))
    return FALSE;
  usage->stored_by_age[age] = value;
  usage->demand.n_ages = MAX (usage->demand.n_ages, (guint) age + 1);
  usage->demand.stored_gb = 0;
  for (guint a = 0; a < usage->demand.n_ages; a++)
    usage->demand.stored_gb += usage->stored_by_age[a];
  return TRUE;
}

/* The key @name is an instance of (stored_gb_age_N is stored_gb's), or NULL. */
static const PcUsageKey *
usage_key (const char *name)
{
  if (g_str_has_prefix (name, "stored_gb_age_"))
    name = "stored_gb";
  for (guint i = 0; i < G_N_ELEMENTS (usage_keys); i++)
    if (g_str_equal (usage_keys[i].name, name))
      return &usage_keys[i];
  return NULL;
}

static gboolean
refuse_value (const PcUsageKey *key, const char *name, const char *text, GError **error)
{
  double value;
  gboolean whole = g_str_equal (key->name, "account_month");
  g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG, "usage %s=\"%s\": %s; allowed: %s from %g to %g %s", name,
               text, pc_parse_double (text, &value) ? "out of range" : "not a number",
               whole ? "a whole number" : "a number", key->min, key->max, key->unit);
  return FALSE;
}

/* Sets usage key @key (@name) to @text, within its bounds. */
static gboolean
set_value (PcUsage *usage, const PcUsageKey *key, const char *name, const char *text, GError **error)
{
  double value;
  if (!pc_parse_double (text, &value) || value < key->min || value > key->max ||
      (g_str_equal (key->name, "account_month") && value != floor (value)))
    return refuse_value (key, name, text, error);
  if (g_str_equal (name, "account_month"))
    usage->account_month = (guint) value;
  else if (g_str_equal (name, "rps")) {
    usage->demand.requests = value * PC_HOURS_PER_MONTH * 3600.0;
    spread_requests (&usage->demand);
  } else if (key->offset >= 0) {
    *(double *) ((char *) &usage->demand + key->offset) = value;
    if (g_str_equal (name, "requests"))
      spread_requests (&usage->demand);
  } else if (!set_stored (usage, name, value)) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "usage %s: no such age; allowed: stored_gb_age_N with N from 0 to %d months", name, MAX_AGES - 1);
    return FALSE;
  }
  return TRUE;
}

/* Sets usage @name.  When @name is not a usage key, @known is FALSE and
 * nothing is set (no error); a bad value for a usage key is an error. */
gboolean
pc_usage_set (PcUsage *usage, const char *name, const char *text, gboolean *known, GError **error)
{
  const PcUsageKey *key = usage_key (name);
  *known = key != NULL;
  if (key == NULL || !set_value (usage, key, name, text, error))
    return FALSE;
  if (!g_ptr_array_find_with_equal_func (usage->given, name, g_str_equal, NULL))
    g_ptr_array_add (usage->given, g_strdup (name));
  return TRUE;
}

/* The current value of usage key @name (a key usage_key() knows). */
static double
usage_value (const PcUsage *usage, const char *name)
{
  const PcUsageKey *key = usage_key (name);
  guint64 age = 0;
  if (key->offset >= 0)
    return *(const double *) ((const char *) &usage->demand + key->offset);
  if (g_str_equal (name, "rps"))
    return usage->demand.requests / (PC_HOURS_PER_MONTH * 3600.0);
  if (g_str_equal (name, "account_month"))
    return usage->account_month;
  if (g_str_has_prefix (name, "stored_gb_age_") &&
      !g_ascii_string_to_unsigned (name + strlen ("stored_gb_age_"), 10, 0, MAX_AGES - 1, &age, NULL))
    return 0;
  return usage->stored_by_age[age];
}

void
pc_usage_probe (PcUsage *usage, const char *name)
{
  const PcUsageKey *key = usage_key (name);
  if (key == NULL)
    return;
  double value = usage_value (usage, name) != key->probe ? key->probe : key->min;
  char text[G_ASCII_DTOSTR_BUF_SIZE];
  set_value (usage, key, name, g_ascii_dtostr (text, sizeof text, value), NULL);
}

static GPtrArray *
copy_names (const GPtrArray *names)
{
  GPtrArray *copy = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < names->len; i++)
    g_ptr_array_add (copy, g_strdup (names->pdata[i]));
  return copy;
}

static GArray *
copy_doubles (const GArray *values)
{
  GArray *copy = g_array_new (FALSE, TRUE, sizeof (double));
  g_array_append_vals (copy, values->data, values->len);
  return copy;
}

PcUsage *
pc_usage_copy (const PcUsage *usage)
{
  PcUsage *copy = g_memdup2 (usage, sizeof *usage);
  copy->demand.stored_gb_by_age = copy->stored_by_age;
  copy->named_keys = copy_names (usage->named_keys);
  copy->named_values = copy_doubles (usage->named_values);
  copy->named = copy_doubles (usage->named);
  copy->demand.named = (double *) (gpointer) copy->named->data;
  copy->given = copy_names (usage->given);
  return copy;
}

const char *const *
pc_usage_key_names (void)
{
  static const char *names[G_N_ELEMENTS (usage_keys) + 1];
  static gsize ready = 0;
  if (g_once_init_enter (&ready)) {
    for (guint i = 0; i < G_N_ELEMENTS (usage_keys); i++)
      names[i] = usage_keys[i].name;
    g_once_init_leave (&ready, 1);
  }
  return names;
}

const GPtrArray *
pc_usage_given (const PcUsage *usage)
{
  return usage->given;
}

static void
store_named (PcUsage *usage, const char *name, double value)
{
  guint index;
  if (g_ptr_array_find_with_equal_func (usage->named_keys, name, g_str_equal, &index)) {
    g_array_index (usage->named_values, double, index) = value;
    return;
  }
  g_ptr_array_add (usage->named_keys, g_strdup (name));
  g_array_append_val (usage->named_values, value);
}

/* Keeps @name = @text as a named demand, checked once the plugin has said
 * which names it reads. */
static gboolean
set_named (PcUsage *usage, const char *name, const char *text, GError **error)
{
  double value;
  if (!pc_parse_double (text, &value) || value < 0) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG, "\"%s\" is not a non-negative number", text);
    return FALSE;
  }
  store_named (usage, name, value);
  return TRUE;
}

/**
 * pc_usage_apply:
 * Applies "key=value" settings as `phasecast price --set` does: a parameter
 * of the plugin first, then a usage key, else a named demand (checked
 * against the names the plugin reads when it is priced).  The error names
 * the setting.
 */
gboolean
pc_usage_apply (PcUsage *usage, PcConfig *config, const char *const *sets, GError **error)
{
  for (guint i = 0; sets && sets[i]; i++) {
    const char *equals = strchr (sets[i], '=');
    gboolean known = FALSE;
    if (equals == NULL || equals == sets[i]) {
      g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG, "\"%s\": expected key=value", sets[i]);
      return FALSE;
    }
    g_autofree char *name = g_strndup (sets[i], (gsize) (equals - sets[i]));
    gboolean ok = pc_config_has (config, name) ? pc_config_set (config, name, equals + 1, error)
                  : pc_usage_set (usage, name, equals + 1, &known, error) || (!known && set_named (usage, name, equals + 1, error));
    if (!ok) {
      g_prefix_error (error, "\"%s\": ", sets[i]);
      return FALSE;
    }
  }
  return TRUE;
}

/* Lays the named demands out in the order @config's plugin resolved them;
 * FALSE naming the first one given that the plugin does not read. */
gboolean
pc_usage_place_named (PcUsage *usage, const PcConfig *config, GError **error)
{
  const GPtrArray *read = pc_config_demands_read (config);
  guint n_read = read ? read->len : 0;
  for (guint k = 0; k < usage->named_keys->len; k++) {
    const char *name = usage->named_keys->pdata[k];
    if (read && g_ptr_array_find_with_equal_func ((GPtrArray *) read, name, g_str_equal, NULL))
      continue;
    g_autoptr (GString) names = g_string_new (NULL);
    for (guint i = 0; i < n_read; i++)
      g_string_append_printf (names, "%s%s", i ? ", " : "", (const char *) read->pdata[i]);
    g_autofree char *keys = pc_usage_keys ();
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "\"%s\" is not a parameter of %s (see `phasecast plugins show %s`), a usage key (%s) "
                 "or a named demand it reads (%s)", name, config->info->name, config->info->name, keys,
                 n_read ? names->str : "it reads none");
    return FALSE;
  }
  g_array_set_size (usage->named, n_read);
  for (guint i = 0; i < n_read; i++) {
    guint k;
    gboolean given = g_ptr_array_find_with_equal_func (usage->named_keys, read->pdata[i], g_str_equal, &k);
    g_array_index (usage->named, double, i) = given ? g_array_index (usage->named_values, double, k) : 0.0;
  }
  usage->demand.named = (double *) (gpointer) usage->named->data;
  usage->demand.n_named = n_read;
  return TRUE;
}

/* Keeps what the step left in the named demands, for the next plugin. */
static void
keep_named (PcUsage *usage, const PcConfig *config)
{
  const GPtrArray *read = pc_config_demands_read (config);
  for (guint i = 0; read && i < read->len; i++)
    store_named (usage, read->pdata[i], g_array_index (usage->named, double, i));
}

char *
pc_usage_keys (void)
{
  GString *out = g_string_new (NULL);
  for (guint i = 0; i < G_N_ELEMENTS (usage_keys); i++)
    g_string_append_printf (out, "%s%s%s", i ? ", " : "", usage_keys[i].name, i == 2 ? ", stored_gb_age_N" : "");
  return g_string_free (out, FALSE);
}

PcDemand *pc_usage_demand (PcUsage *usage) { return &usage->demand; }


/**
 * pc_plugin_create:
 * Calls the plugin's create() with the host's checks: a NULL instance must
 * come with an error, and a misused accessor fails it.
 * Returns: (transfer full): the instance (free it with info->destroy), or
 * NULL with @error naming the plugin.
 */
gpointer
pc_plugin_create (const PcPlugin *plugin, const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  const PcPluginInfo *info = pc_plugin_info (plugin);
  g_autoptr (GError) failure = NULL;
  gpointer instance = info->create (config, catalog, &failure);
  if (instance != NULL && !pc_config_misused (config, &failure))
    return instance;
  if (instance != NULL)
    info->destroy (instance);
  else if (failure == NULL)
    g_set_error (&failure, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_MISUSE, "plugin %s: create() failed without saying why",
                 info->name);
  g_propagate_error (error, g_steal_pointer (&failure));
  return NULL;
}

/**
 * pc_usage_step:
 * Steps @instance once over @usage (a 730-hour month from month 0 of an
 * account @usage's account_month old), with the checks a run makes.
 * @scratch: run_state_size bytes of per-run memory.  The named demands
 * the plugin reads must have been laid out (pc_price_month does).
 */
gboolean
pc_usage_step (PcUsage *usage, const PcPlugin *plugin, gconstpointer instance, gpointer scratch,
               PcStepResult *result, GError **error)
{
  const PcPluginInfo *info = pc_plugin_info (plugin);
  PcBusinessState business = { 0 };
  business.active_users = usage->demand.monthly_active_users;
  PcStepContext ctx = { 0, usage->account_month, PC_HOURS_PER_MONTH, &business, NULL, scratch };
  pc_step_result_reset (result, info->n_metrics);
  result->keep_lines = TRUE;
  g_autoptr (GError) failure = NULL;
  gboolean ok = info->step (instance, &ctx, &usage->demand, result, &failure);
  if (!ok && failure == NULL)
    g_set_error (&failure, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_MISUSE, "plugin %s: step() failed without saying why",
                 info->name);
  ok = ok && pc_step_result_check (result, info, &failure) && pc_demand_check (&usage->demand, &failure);
  if (!ok)
    g_propagate_error (error, g_steal_pointer (&failure));
  return ok;
}

/**
 * pc_price_month:
 * Creates one instance of @plugin with @config and @catalog, gives it the
 * named demands of @usage, steps it once over @usage (a 730-hour month)
 * with the checks a run makes, and destroys it.  @result receives lines
 * and metrics; @usage keeps the demand the plugin leaves.
 */
gboolean
pc_price_month (const PcPlugin *plugin, const PcConfig *config, const PcCatalog *catalog, PcUsage *usage,
                PcStepResult *result, GError **error)
{
  const PcPluginInfo *info = pc_plugin_info (plugin);
  gpointer instance = pc_plugin_create (plugin, config, catalog, error);
  if (instance == NULL) {
    g_prefix_error (error, "%s: ", info->name);
    pc_error_tidy_at (error);   /* a plugin's message may quote anything */
    return FALSE;
  }
  g_autofree guint8 *scratch = g_malloc0 (MAX (info->run_state_size, 1));
  gboolean ok = pc_usage_place_named (usage, config, error) && pc_usage_step (usage, plugin, instance, scratch, result, error);
  if (ok)
    keep_named (usage, config);
  else
    pc_error_tidy_at (error);
  info->destroy (instance);
  return ok;
}

PcStepResult *
pc_step_result_new (void)
{
  PcStepResult *result = g_new0 (PcStepResult, 1);
  result->keep_lines = TRUE;
  return result;
}

void pc_step_result_free (PcStepResult *result) { g_free (result); }
guint pc_step_result_n_lines (const PcStepResult *result) { return result->n_lines; }
double pc_step_result_usd (const PcStepResult *result) { return result->usd; }

double
pc_step_result_metric (const PcStepResult *result, guint index)
{
  g_return_val_if_fail (index < result->head.n_metrics, NAN);
  return result->head.metrics[index];
}

void
pc_step_result_line (const PcStepResult *result, guint i, const char **item, double *quantity, const char **unit,
                     double *usd, const PcPrice **price)
{
  g_return_if_fail (i < result->n_lines);
  const PcLine *line = &result->lines[i];
  *item = line->item;
  *quantity = line->quantity;
  *unit = line->unit;
  *usd = line->usd;
  *price = line->price;
}
