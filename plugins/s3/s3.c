/* s3 - S3 bucket of generated PDFs and temporary files: storage classes,
 * lifecycle by age, Intelligent-Tiering, versioning, requests.
 *
 * What is stored.  demand stored_gb_by_age[k] is the GB written k months ago
 * (k = 0 is this month).  A month is PC_DAYS_PER_MONTH = 30.4167 days, so a
 * rule acting after d days applies to the ages k with k x 30.4167 >= d, i.e.
 * from age K(d) = ceil(d / 30.4167) months on: 90 days -> 3 months, 30 -> 1.
 *   - storage_mode standard: every age is in S3 Standard.
 *   - storage_mode intelligent_tiering: objects are written as
 *     INTELLIGENT_TIERING; AWS moves an object to Infrequent Access after 30
 *     days without access and to Archive Instant Access after 90.  PDFs are
 *     read in the month they are made, so the age stands for the time since
 *     the last access: K(30) = 1 month -> Infrequent, K(90) = 3 -> Archive
 *     Instant.  Each monitored object pays the monitoring fee; objects below
 *     128 KB are not monitored and stay in Frequent Access (AWS docs).  Moves
 *     between these tiers are free.
 *   - glacier_after_days d > 0: a lifecycle rule moves ages >= K(d) to
 *     glacier_class (from either mode).  The age K(d) is the one that moves
 *     this month: its objects (GB x 1024 / avg_object_mb) are lifecycle
 *     transition requests.
 * Temporary files (temp_gb_written a month, a tmp/ prefix written as
 * Standard) live temp_retention_days (0: kept 30 days) before a lifecycle
 * expiration deletes them (expirations are free), so on average
 *     temp GB-months = temp_gb_written x retention / 30.4167.
 * Versioning keeps noncurrent versions: version_overhead x the stored GB,
 * ageing with (and in the class of) their objects.
 *
 * Cost (catalog keys): s3.standard.gb_month (tiered at 50 TB),
 * s3.intelligent_tiering.{frequent,infrequent,archive_instant}_gb_month and
 * .monitoring_object_month, s3.<glacier_class>.gb_month,
 * s3.lifecycle.to_<glacier_class>_request, s3.standard.put_request on
 * object_puts and s3.standard.get_request on object_gets (the same request
 * prices apply to Intelligent-Tiering).
 *
 * Worked month (Sydney, the seed's lifecycle: Glacier after 90 days, temp
 * files deleted after 7 days): 10 GB written in each of the last 6 months,
 * 3 GB of temp files, 0.3 MB objects, 1,000 PUTs, 10,000 GETs.
 *   Standard: ages 0-2 = 30 GB + 3 x 7 / 30.4167 = 0.6904 GB temp
 *             = 30.6904 GB x $0.025 = $0.7673
 *   Glacier Instant Retrieval: ages 3-5 = 30 GB x $0.005 = $0.15
 *   transitions: age 3 = 10 GB = 10 x 1024 / 0.3 = 34,133 objects x $0.00002 = $0.6827
 *   PUT 1,000 x $0.0000055 = $0.0055; GET 10,000 x $0.00000044 = $0.0044
 *   $1.6098 in all (small objects make the one-off transition cost as large
 *   as months of the storage it saves).
 */
#include <math.h>
#include <pc-plugin.h>

#define MB_PER_GB 1024.0
/* Intelligent-Tiering does not monitor (or move) objects below 128 KB. */
#define IT_MIN_OBJECT_MB (128.0 / 1024.0)
/* Without a rule, temporary files are cleaned up after 30 days. */
#define TEMP_DEFAULT_DAYS 30.0
#define IT_INFREQUENT_DAYS 30.0
#define IT_ARCHIVE_INSTANT_DAYS 90.0

enum { P_MODE, P_GLACIER_DAYS, P_GLACIER_CLASS, P_TEMP_DAYS, P_VERSIONING, P_VERSION_OVERHEAD, P_OBJECT_MB, P_COUNT };
enum { STORAGE_MODE_STANDARD, STORAGE_MODE_INTELLIGENT_TIERING, STORAGE_MODE_COUNT };
static const char *const storage_mode_names[] = { [STORAGE_MODE_STANDARD] = "standard", [STORAGE_MODE_INTELLIGENT_TIERING] = "intelligent_tiering" };
PC_CHECK_TABLE (storage_mode_names, STORAGE_MODE_COUNT);
enum { GLACIER_CLASS_GLACIER_INSTANT, GLACIER_CLASS_GLACIER_FLEXIBLE, GLACIER_CLASS_GLACIER_DEEP_ARCHIVE, GLACIER_CLASS_COUNT };
static const char *const glacier_class_names[] = { [GLACIER_CLASS_GLACIER_INSTANT] = "glacier_instant", [GLACIER_CLASS_GLACIER_FLEXIBLE] = "glacier_flexible", [GLACIER_CLASS_GLACIER_DEEP_ARCHIVE] = "glacier_deep_archive" };
PC_CHECK_TABLE (glacier_class_names, GLACIER_CLASS_COUNT);
static const PcParamSpec params[] = {
  [P_MODE] = PC_CHOICE ("storage_mode", "standard", storage_mode_names, "class objects are written in"),
  [P_GLACIER_DAYS] = PC_INT ("glacier_after_days", "0", "days", 0, 36500, "lifecycle: move objects older than this to glacier_class (0 = never; the seed: 90)"),
  [P_GLACIER_CLASS] = PC_CHOICE ("glacier_class", "glacier_instant", glacier_class_names, "archive class of the lifecycle rule"),
  [P_TEMP_DAYS] = PC_INT ("temp_retention_days", "0", "days", 0, 36500, "lifecycle: delete temporary files after this many days (0 = kept 30 days; the seed: 7)"),
  [P_VERSIONING] = PC_BOOL ("versioning", "false", "bucket versioning keeps noncurrent versions"),
  [P_VERSION_OVERHEAD] = PC_DOUBLE ("version_overhead", "0.1", "ratio", 0, 100, "noncurrent versions as a share of the stored GB (with versioning)"),
  [P_OBJECT_MB] = PC_DOUBLE ("avg_object_mb", "0.3", "MB", 0.001, 5e6, "mean object size (objects = GB / size)"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_STANDARD, M_IT_FREQUENT, M_IT_INFREQUENT, M_IT_ARCHIVE, M_GLACIER, M_TEMP, M_NONCURRENT, M_TOTAL, M_OBJECTS, M_TRANSITIONS, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_STANDARD] = { "standard_gb", "GB", "GB in S3 Standard (temporary files included)" },
  [M_IT_FREQUENT] = { "it_frequent_gb", "GB", "GB in Intelligent-Tiering Frequent Access" },
  [M_IT_INFREQUENT] = { "it_infrequent_gb", "GB", "GB in Intelligent-Tiering Infrequent Access" },
  [M_IT_ARCHIVE] = { "it_archive_instant_gb", "GB", "GB in Intelligent-Tiering Archive Instant Access" },
  [M_GLACIER] = { "glacier_gb", "GB", "GB moved to the lifecycle's Glacier class" },
  [M_TEMP] = { "temp_gb", "GB", "average GB of temporary files stored" },
  [M_NONCURRENT] = { "noncurrent_gb", "GB", "GB of noncurrent versions (included in the classes above)" },
  [M_TOTAL] = { "storage_gb", "GB", "GB stored, all classes" },
  [M_OBJECTS] = { "objects", "objects", "objects stored, all classes" },
  [M_TRANSITIONS] = { "transitions", "objects", "objects moved by the lifecycle rule this month" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

/* The archive classes, in the order of glacier_class's choices. */
static const struct { const char *storage_key, *transition_key, *item; } glacier_classes[] = {
  { "s3.glacier_instant.gb_month", "s3.lifecycle.to_glacier_instant_request", "Glacier Instant Retrieval storage" },
  { "s3.glacier_flexible.gb_month", "s3.lifecycle.to_glacier_flexible_request", "Glacier Flexible Retrieval storage" },
  { "s3.glacier_deep_archive.gb_month", "s3.lifecycle.to_glacier_deep_archive_request", "Glacier Deep Archive storage" },
};

typedef struct {
  gboolean intelligent, monitored;
  guint glacier_age, infrequent_age, archive_age;   /* first age in months; 0 = never */
  const char *glacier_item;
  double temp_months, version_scale, object_mb;
  const PcPrice *standard, *put, *get, *it_frequent, *it_infrequent, *it_archive, *it_monitoring, *glacier,
    *transition;
} S3;

/* The first age (months) a rule acting after @days reaches. */
static guint
age_after_days (double days)
{
  return (guint) ceil (days / PC_DAYS_PER_MONTH - 1e-9);
}

static gboolean
resolve_prices (S3 *s, const PcCatalog *catalog, guint glacier_class, GError **error)
{
  if (!(s->standard = pc_catalog_price (catalog, "s3.standard.gb_month", error)) ||
      !(s->put = pc_catalog_price (catalog, "s3.standard.put_request", error)) ||
      !(s->get = pc_catalog_price (catalog, "s3.standard.get_request", error)))
    return FALSE;
  if (s->intelligent &&
      (!(s->it_frequent = pc_catalog_price (catalog, "s3.intelligent_tiering.frequent_gb_month", error)) ||
       !(s->it_infrequent = pc_catalog_price (catalog, "s3.intelligent_tiering.infrequent_gb_month", error)) ||
       !(s->it_archive = pc_catalog_price (catalog, "s3.intelligent_tiering.archive_instant_gb_month", error)) ||
       !(s->it_monitoring = pc_catalog_price (catalog, "s3.intelligent_tiering.monitoring_object_month", error))))
    return FALSE;
  if (s->glacier_age > 0 &&
      (!(s->glacier = pc_catalog_price (catalog, glacier_classes[glacier_class].storage_key, error)) ||
       !(s->transition = pc_catalog_price (catalog, glacier_classes[glacier_class].transition_key, error))))
    return FALSE;
  return TRUE;
}

static gpointer
s3_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree S3 *s = g_new0 (S3, 1);
  guint glacier_class = pc_config_choice (config, P_GLACIER_CLASS);
  gint64 temp_days = pc_config_int (config, P_TEMP_DAYS);
  s->intelligent = pc_config_choice (config, P_MODE) == 1;
  s->object_mb = pc_config_double (config, P_OBJECT_MB);
  s->monitored = s->intelligent && s->object_mb >= IT_MIN_OBJECT_MB;
  s->infrequent_age = s->monitored ? age_after_days (IT_INFREQUENT_DAYS) : 0;
  s->archive_age = s->monitored ? age_after_days (IT_ARCHIVE_INSTANT_DAYS) : 0;
  s->glacier_age = age_after_days ((double) pc_config_int (config, P_GLACIER_DAYS));
  s->glacier_item = glacier_classes[glacier_class].item;
  s->temp_months = (temp_days > 0 ? (double) temp_days : TEMP_DEFAULT_DAYS) / PC_DAYS_PER_MONTH;
  s->version_scale = 1.0 + (pc_config_bool (config, P_VERSIONING) ? pc_config_double (config, P_VERSION_OVERHEAD) : 0);
  if (!resolve_prices (s, catalog, glacier_class, error))
    return NULL;
  return g_steal_pointer (&s);
}

/* GB per storage class this month (versions included, temp files not). */
typedef struct {
  double standard, frequent, infrequent, archive, glacier, moving;
} Classes;

static void
add_age (const S3 *s, guint age, double gb, Classes *c)
{
  if (s->glacier_age > 0 && age >= s->glacier_age) {
    c->glacier += gb;
    if (age == s->glacier_age)
      c->moving += gb;
  } else if (!s->intelligent)
    c->standard += gb;
  else if (s->archive_age > 0 && age >= s->archive_age)
    c->archive += gb;
  else if (s->infrequent_age > 0 && age >= s->infrequent_age)
    c->infrequent += gb;
  else
    c->frequent += gb;
}

static void
classify (const S3 *s, const PcDemand *demand, Classes *c)
{
  *c = (Classes) { 0 };
  if (demand->stored_gb_by_age == NULL || demand->n_ages == 0) {
    add_age (s, 0, demand->stored_gb * s->version_scale, c);
    return;
  }
  for (guint age = 0; age < demand->n_ages; age++)
    add_age (s, age, demand->stored_gb_by_age[age] * s->version_scale, c);
}

static double
objects_in (const S3 *s, double gb)
{
  return gb * MB_PER_GB / s->object_mb;
}

static void
charge (const S3 *s, const PcStepContext *ctx, const PcDemand *demand, const Classes *c, double temp_gb,
        PcStepResult *result)
{
  pc_result_charge (result, "Standard storage", s->standard, c->standard + temp_gb, ctx);
  if (s->intelligent) {
    pc_result_charge (result, "Intelligent-Tiering Frequent Access", s->it_frequent, c->frequent, ctx);
    pc_result_charge (result, "Intelligent-Tiering Infrequent Access", s->it_infrequent, c->infrequent, ctx);
    pc_result_charge (result, "Intelligent-Tiering Archive Instant Access", s->it_archive, c->archive, ctx);
    if (s->monitored)
      pc_result_charge (result, "Intelligent-Tiering monitoring", s->it_monitoring,
                        objects_in (s, c->frequent + c->infrequent + c->archive), ctx);
  }
  if (s->glacier_age > 0) {
    pc_result_charge (result, s->glacier_item, s->glacier, c->glacier, ctx);
    pc_result_charge (result, "lifecycle transitions", s->transition, objects_in (s, c->moving), ctx);
  }
  pc_result_charge (result, "PUT requests", s->put, demand->object_puts, ctx);
  pc_result_charge (result, "GET requests", s->get, demand->object_gets, ctx);
}

static gboolean
s3_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const S3 *s = state;
  Classes c;
  classify (s, demand, &c);
  double temp_gb = demand->temp_gb_written * s->temp_months;
  double current = c.standard + c.frequent + c.infrequent + c.archive + c.glacier;
  double total = current + temp_gb;
  charge (s, ctx, demand, &c, temp_gb, result);
  pc_result_metric (result, M_STANDARD, c.standard + temp_gb);
  pc_result_metric (result, M_IT_FREQUENT, c.frequent);
  pc_result_metric (result, M_IT_INFREQUENT, c.infrequent);
  pc_result_metric (result, M_IT_ARCHIVE, c.archive);
  pc_result_metric (result, M_GLACIER, c.glacier);
  pc_result_metric (result, M_TEMP, temp_gb);
  pc_result_metric (result, M_NONCURRENT, current - current / s->version_scale);
  pc_result_metric (result, M_TOTAL, total);
  pc_result_metric (result, M_OBJECTS, objects_in (s, total));
  pc_result_metric (result, M_TRANSITIONS, objects_in (s, c.moving));
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "s3",
                  .version = "1.0",
                  .summary = "S3: storage classes and lifecycle by object age, Intelligent-Tiering, requests",
                  .stage = PC_STAGE_STORAGE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = s3_create,
                  .step = s3_step,
                  .destroy = g_free)
