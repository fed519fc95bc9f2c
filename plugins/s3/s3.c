/* s3 - S3 bucket of generated PDFs and temporary files: every storage class,
 * lifecycle rules by age, Intelligent-Tiering's tiers, requests, retrievals
 * and restores, minimum storage durations and minimum billable sizes,
 * versioning.
 *
 * What is stored.  demand stored_gb_by_age[k] is the GB written k months ago
 * (k = 0 is this month); lifecycle.h says where each age is: the class the
 * objects are written in (storage_mode), then optionally a transition to
 * ia_class after ia_after_days, a transition to glacier_class after
 * glacier_after_days and an expiration after expire_after_days.  Objects
 * written as INTELLIGENT_TIERING move between its tiers by the time since
 * they were last read; PDFs are read in the month they are made, so the
 * age stands for that time.  Objects below 128 KB are not monitored and
 * stay in Frequent Access; by default S3 Lifecycle does not transition them
 * either (transition_default_minimum_object_size, User Guide "Transitioning
 * objects using Amazon S3 Lifecycle"; varies_by_storage_class lets them go
 * to Glacier Flexible Retrieval or Deep Archive).
 * Temporary files (temp_gb_written a month, a tmp/ prefix written as
 * Standard) live temp_retention_days (0: kept 30 days) before a lifecycle
 * expiration deletes them (expirations are free), so on average
 *     temp GB-months = temp_gb_written x retention / 30.4167.
 * Versioning keeps noncurrent versions: version_overhead x the stored GB,
 * ageing with (and in the class of) their objects.
 * Per-run memory (S3Totals): the GB of the ages past the last lifecycle
 * age, kept as a running total so a month does not walk every age
 * (bucket.c).
 *
 * What it costs (classes.h has the published rules and the keys):
 *   - storage per class at s3.<class>.gb_month; Standard-IA, One Zone-IA and
 *     Glacier Instant Retrieval bill each object as at least 128 KB; each
 *     object in Glacier Flexible Retrieval or Deep Archive adds 32 KB at the
 *     class's rate and 8 KB at the Standard rate;
 *   - Intelligent-Tiering tiers (s3.intelligent_tiering.*_gb_month) and the
 *     monitoring fee per monitored object;
 *   - a lifecycle transition request per object moved
 *     (s3.lifecycle.to_<class>_request);
 *   - early deletes: an object leaving a class (transition or expiration)
 *     before its minimum storage duration pays the rest of it, in the month
 *     it leaves: GB x (minimum - days held) / 30.4167 GB-months;
 *   - PUT requests (object_puts) at the written class's rate; GET requests
 *     (object_gets) at the rate of the class of the object read: a share
 *     old_read_share of them reads older objects, spread over the older ages
 *     by their GB, the rest this month's;
 *   - retrievals: reading from Standard-IA, One Zone-IA or Glacier Instant
 *     Retrieval pays per GB; reading from Glacier Flexible Retrieval or Deep
 *     Archive needs a restore at restore_speed (per request and per GB);
 *     Intelligent-Tiering's archive tiers restore free except expedited.
 * Not modelled: the temporary copy a restore keeps, S3 Select, replication
 * (dr-replication), data transfer out (data-transfer).
 *
 * Worked month (Sydney, the seed's v2.0 lifecycle without Intelligent-
 * Tiering: Glacier Instant Retrieval after 90 days, temp files deleted
 * after 7 days): 10 GB written in each of the last 6 months, 3 GB of temp
 * files, 0.3 MB objects, 1,000 PUTs, 10,000 GETs.
 *   Standard: ages 0-2 = 30 GB + 3 x 7 / 30.4167 = 0.6904 GB temp
 *             = 30.6904 GB x $0.025 = $0.7673
 *   Glacier Instant Retrieval: ages 3-5 = 30 GB x $0.005 = $0.15
 *   transitions: age 3 = 10 GB = 10 x 1024 / 0.3 = 34,133 objects x $0.00002 = $0.6827
 *   PUT 1,000 x $0.0000055 = $0.0055; GET 10,000 x $0.00000044 = $0.0044
 *   $1.6098 in all (small objects make the one-off transition cost as large
 *   as months of the storage it saves).  Deleting the archived PDFs after
 *   120 days would add an early delete each month: the 10 GB leaving at age
 *   4 held Glacier Instant Retrieval 30 of its 90 days: 10 x 60 / 30.4167 x
 *   $0.005 = $0.0986.
 */
#include <pc-plugin.h>

#include "bucket.h"

#define SMALL_OBJECT_MB (128.0 / 1024.0) /* not monitored by Intelligent-Tiering, not transitioned by default */
#define TEMP_DEFAULT_DAYS 30.0           /* without a rule, temporary files are cleaned up after 30 days */

enum {
  P_MODE, P_GLACIER_DAYS, P_GLACIER_CLASS, P_TEMP_DAYS, P_VERSIONING, P_VERSION_OVERHEAD, P_OBJECT_MB, P_IA_DAYS,
  P_IA_CLASS, P_EXPIRE_DAYS, P_IT_ARCHIVE_DAYS, P_IT_DEEP_DAYS, P_OLD_READS, P_RESTORE, P_SMALL, P_COUNT
};
static const char *const storage_mode_names[] = {
  [S3_STANDARD] = "standard", [S3_INTELLIGENT_TIERING] = "intelligent_tiering", [S3_STANDARD_IA] = "standard_ia",
  [S3_ONE_ZONE_IA] = "one_zone_ia", [S3_GLACIER_INSTANT] = "glacier_instant", [S3_GLACIER_FLEXIBLE] = "glacier_flexible",
  [S3_GLACIER_DEEP_ARCHIVE] = "glacier_deep_archive",
};
PC_CHECK_TABLE (storage_mode_names, S3_CLASS_COUNT);
/* Offsets from S3_STANDARD_IA and S3_GLACIER_INSTANT. */
static const char *const ia_class_names[] = { "standard_ia", "one_zone_ia" };
static const char *const glacier_class_names[] = { "glacier_instant", "glacier_flexible", "glacier_deep_archive" };
enum { SMALL_NEVER, SMALL_TO_ARCHIVES, SMALL_COUNT };
static const char *const small_names[] = {
  [SMALL_NEVER] = "all_storage_classes_128K", [SMALL_TO_ARCHIVES] = "varies_by_storage_class",
};
PC_CHECK_TABLE (small_names, SMALL_COUNT);
static const PcParamSpec params[] = {
  [P_MODE] = PC_CHOICE ("storage_mode", "standard", storage_mode_names, "class objects are written in"),
  [P_GLACIER_DAYS] = PC_INT ("glacier_after_days", "0", "days", 0, 36500, "lifecycle: move objects older than this to glacier_class (0 = never; the seed: 90)"),
  [P_GLACIER_CLASS] = PC_CHOICE ("glacier_class", "glacier_instant", glacier_class_names, "archive class of the lifecycle rule"),
  [P_TEMP_DAYS] = PC_INT ("temp_retention_days", "0", "days", 0, 36500, "lifecycle: delete temporary files after this many days (0 = kept 30 days; the seed: 7)"),
  [P_VERSIONING] = PC_BOOL ("versioning", "false", "bucket versioning keeps noncurrent versions"),
  [P_VERSION_OVERHEAD] = PC_DOUBLE ("version_overhead", "0.1", "ratio", 0, 100, "noncurrent versions as a share of the stored GB (with versioning)"),
  [P_OBJECT_MB] = PC_DOUBLE ("avg_object_mb", "0.3", "MB", 0.001, 5e6, "mean object size (objects = GB / size)"),
  [P_IA_DAYS] = PC_INT ("ia_after_days", "0", "days", 0, 36500, "lifecycle: move objects older than this to ia_class (0 = never; at least 30)"),
  [P_IA_CLASS] = PC_CHOICE ("ia_class", "standard_ia", ia_class_names, "infrequent-access class of the lifecycle rule"),
  [P_EXPIRE_DAYS] = PC_INT ("expire_after_days", "0", "days", 0, 36500, "lifecycle: delete objects older than this (0 = never)"),
  [P_IT_ARCHIVE_DAYS] = PC_INT ("it_archive_after_days", "0", "days", 0, 730, "Intelligent-Tiering: opt in to the Archive Access tier after this many days without access (0 = off; 90 to 730)"),
  [P_IT_DEEP_DAYS] = PC_INT ("it_deep_archive_after_days", "0", "days", 0, 730, "Intelligent-Tiering: opt in to the Deep Archive Access tier (0 = off; 180 to 730)"),
  [P_OLD_READS] = PC_DOUBLE ("old_read_share", "0", "ratio", 0, 1, "share of GET requests that read objects written before this month"),
  [P_RESTORE] = PC_CHOICE ("restore_speed", "standard", s3_restore_speed_names, "restore tier for reads from archived objects"),
  [P_SMALL] = PC_CHOICE ("transition_default_minimum_object_size", "all_storage_classes_128K", small_names, "S3 Lifecycle's rule for objects below 128 KB (AWS's setting of that name)"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum {
  M_STANDARD, M_IT_FREQUENT, M_IT_INFREQUENT, M_IT_ARCHIVE_INSTANT, M_GLACIER, M_TEMP, M_NONCURRENT, M_TOTAL, M_OBJECTS,
  M_TRANSITIONS, M_IA, M_IT_ARCHIVE, M_EARLY_DELETE, M_RETRIEVAL, M_OVERHEAD, M_COUNT
};
static const PcMetricSpec metrics[] = {
  [M_STANDARD] = { "standard_gb", "GB", "GB in S3 Standard (temporary files included)" },
  [M_IT_FREQUENT] = { "it_frequent_gb", "GB", "GB in Intelligent-Tiering Frequent Access" },
  [M_IT_INFREQUENT] = { "it_infrequent_gb", "GB", "GB in Intelligent-Tiering Infrequent Access" },
  [M_IT_ARCHIVE_INSTANT] = { "it_archive_instant_gb", "GB", "GB in Intelligent-Tiering Archive Instant Access" },
  [M_GLACIER] = { "glacier_gb", "GB", "GB in a Glacier class (Instant Retrieval, Flexible Retrieval, Deep Archive)" },
  [M_TEMP] = { "temp_gb", "GB", "average GB of temporary files stored" },
  [M_NONCURRENT] = { "noncurrent_gb", "GB", "GB of noncurrent versions (included in the classes above)" },
  [M_TOTAL] = { "storage_gb", "GB", "GB stored, all classes" },
  [M_OBJECTS] = { "objects", "objects", "objects stored, all classes" },
  [M_TRANSITIONS] = { "transitions", "objects", "objects moved by lifecycle rules this month" },
  [M_IA] = { "ia_gb", "GB", "GB in Standard-IA or One Zone-IA" },
  [M_IT_ARCHIVE] = { "it_archive_gb", "GB", "GB in Intelligent-Tiering Archive Access and Deep Archive Access" },
  [M_EARLY_DELETE] = { "early_delete_gb_months", "GB-months", "minimum storage duration billed for objects that left a class early" },
  [M_RETRIEVAL] = { "retrieval_gb", "GB", "GB read with a retrieval or restore fee" },
  [M_OVERHEAD] = { "archive_overhead_gb", "GB", "40 KB per object archived in Glacier Flexible Retrieval or Deep Archive" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

static const char *const it_keys[S3_IT_TIER_COUNT] = {
  "s3.intelligent_tiering.frequent_gb_month", "s3.intelligent_tiering.infrequent_gb_month",
  "s3.intelligent_tiering.archive_instant_gb_month", "s3.intelligent_tiering.archive_gb_month",
  "s3.intelligent_tiering.deep_archive_gb_month",
};

static gboolean
refuse (GError **error, const char *message)
{
  g_set_error_literal (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG, message);
  return FALSE;
}

/* By default S3 Lifecycle leaves objects below 128 KB where they are;
 * varies_by_storage_class lets them go to the archival classes. */
static void
keep_small_objects (S3Bucket *b, guint small_rule)
{
  S3Lifecycle *l = &b->life;
  if (b->object_mb >= SMALL_OBJECT_MB)
    return;
  l->days[S3_EVENT_TO_IA] = 0;
  l->age[S3_EVENT_TO_IA] = 0;
  if (small_rule == SMALL_TO_ARCHIVES && s3_classes[l->glacier_class].archival)
    return;
  l->days[S3_EVENT_TO_GLACIER] = 0;
  l->age[S3_EVENT_TO_GLACIER] = 0;
}

static gboolean
read_lifecycle (const PcConfig *config, S3Bucket *b, GError **error)
{
  S3Lifecycle *l = &b->life;
  l->written = pc_config_choice (config, P_MODE);
  l->ia_class = S3_STANDARD_IA + pc_config_choice (config, P_IA_CLASS);
  l->glacier_class = S3_GLACIER_INSTANT + pc_config_choice (config, P_GLACIER_CLASS);
  l->days[S3_EVENT_TO_IA] = (double) pc_config_int (config, P_IA_DAYS);
  l->days[S3_EVENT_TO_GLACIER] = (double) pc_config_int (config, P_GLACIER_DAYS);
  l->days[S3_EVENT_EXPIRE] = (double) pc_config_int (config, P_EXPIRE_DAYS);
  double it_archive = (double) pc_config_int (config, P_IT_ARCHIVE_DAYS);
  double it_deep = (double) pc_config_int (config, P_IT_DEEP_DAYS);
  if ((it_archive > 0 || it_deep > 0) && l->written != S3_INTELLIGENT_TIERING)
    return refuse (error, "it_archive_after_days and it_deep_archive_after_days are Intelligent-Tiering's tiers; "
                          "allowed with storage_mode=\"intelligent_tiering\" only");
  b->monitored = l->written == S3_INTELLIGENT_TIERING && b->object_mb >= SMALL_OBJECT_MB;
  if (!s3_lifecycle_prepare (l, it_archive, it_deep, b->monitored, error))
    return FALSE;
  keep_small_objects (b, pc_config_choice (config, P_SMALL));
  return TRUE;
}

static gboolean
resolve_intelligent_tiering (S3Bucket *b, const PcCatalog *catalog, GError **error)
{
  b->it_in_use[S3_IT_FREQUENT] = TRUE;
  for (guint t = S3_IT_INFREQUENT; t < S3_IT_TIER_COUNT; t++)
    b->it_in_use[t] = b->life.it_age[t] > 0;
  for (guint t = 0; t < S3_IT_TIER_COUNT; t++)
    if (b->it_in_use[t] && !(b->it_tier[t] = pc_catalog_price (catalog, it_keys[t], error)))
      return FALSE;
  if (b->monitored &&
      !(b->it_monitoring = pc_catalog_price (catalog, "s3.intelligent_tiering.monitoring_object_month", error)))
    return FALSE;
  return !b->it_expedited ||
         ((b->it_expedited_request = pc_catalog_price (catalog, "s3.intelligent_tiering.expedited_restore_request", error)) &&
          (b->it_expedited_gb = pc_catalog_price (catalog, "s3.intelligent_tiering.expedited_retrieval_gb", error)));
}

static gboolean
resolve_prices (S3Bucket *b, const PcCatalog *catalog, S3RestoreSpeed speed, GError **error)
{
  const S3Lifecycle *l = &b->life;
  gboolean to_ia = l->days[S3_EVENT_TO_IA] > 0, to_glacier = l->days[S3_EVENT_TO_GLACIER] > 0;
  b->in_use[S3_STANDARD] = b->in_use[l->written] = TRUE;
  b->in_use[l->ia_class] |= to_ia;
  b->in_use[l->glacier_class] |= to_glacier;
  b->it_expedited = speed == S3_RESTORE_EXPEDITED && b->reads_old &&
                    (l->it_age[S3_IT_ARCHIVE] > 0 || l->it_age[S3_IT_DEEP_ARCHIVE] > 0);
  for (guint c = 0; c < S3_CLASS_COUNT; c++) {
    gboolean into = (to_ia && c == l->ia_class) || (to_glacier && c == l->glacier_class);
    gboolean read = c == l->written || (b->reads_old && b->in_use[c] && c != S3_STANDARD);
    if (b->in_use[c] && !s3_class_prices (catalog, c, speed, read, into, &b->prices[c], error))
      return FALSE;
  }
  return l->written != S3_INTELLIGENT_TIERING || resolve_intelligent_tiering (b, catalog, error);
}

static gpointer
s3_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree S3Bucket *b = g_new0 (S3Bucket, 1);
  gint64 temp_days = pc_config_int (config, P_TEMP_DAYS);
  b->object_mb = pc_config_double (config, P_OBJECT_MB);
  b->old_read_share = pc_config_double (config, P_OLD_READS);
  b->reads_old = b->old_read_share > 0;
  b->temp_months = (temp_days > 0 ? (double) temp_days : TEMP_DEFAULT_DAYS) / PC_DAYS_PER_MONTH;
  b->version_scale = 1.0 + (pc_config_bool (config, P_VERSIONING) ? pc_config_double (config, P_VERSION_OVERHEAD) : 0);
  if (!read_lifecycle (config, b, error) || !resolve_prices (b, catalog, pc_config_choice (config, P_RESTORE), error))
    return NULL;
  s3_bucket_prepare (b);
  return g_steal_pointer (&b);
}

static void
report (const S3Bucket *b, const S3Month *m, PcStepResult *result)
{
  double current = 0.0, moved = 0.0, early = 0.0;
  for (guint i = 0; i < b->used.n; i++)   /* the other classes hold nothing */
    current += m->gb[b->used.c[i]];
  for (guint i = 0; i < b->n_rules && b->rules[i] != S3_EVENT_EXPIRE; i++)
    moved += m->moved_gb[b->rules[i]];   /* objects moved, not deleted (expiration is the last rule) */
  for (guint i = 0; i < b->n_early; i++)
    early += m->early_gb_months[b->early[i]];
  double total = current + m->temp_gb;
  pc_result_metric (result, M_STANDARD, m->gb[S3_STANDARD] + m->temp_gb);
  pc_result_metric (result, M_IT_FREQUENT, m->it_gb[S3_IT_FREQUENT]);
  pc_result_metric (result, M_IT_INFREQUENT, m->it_gb[S3_IT_INFREQUENT]);
  pc_result_metric (result, M_IT_ARCHIVE_INSTANT, m->it_gb[S3_IT_ARCHIVE_INSTANT]);
  pc_result_metric (result, M_IT_ARCHIVE, m->it_gb[S3_IT_ARCHIVE] + m->it_gb[S3_IT_DEEP_ARCHIVE]);
  pc_result_metric (result, M_IA, m->gb[S3_STANDARD_IA] + m->gb[S3_ONE_ZONE_IA]);
  pc_result_metric (result, M_GLACIER, m->gb[S3_GLACIER_INSTANT] + m->gb[S3_GLACIER_FLEXIBLE] + m->gb[S3_GLACIER_DEEP_ARCHIVE]);
  pc_result_metric (result, M_TEMP, m->temp_gb);
  pc_result_metric (result, M_NONCURRENT, current - current / b->version_scale);
  pc_result_metric (result, M_TOTAL, total);
  pc_result_metric (result, M_OBJECTS, s3_objects (b, total));
  pc_result_metric (result, M_TRANSITIONS, s3_objects (b, moved));
  pc_result_metric (result, M_EARLY_DELETE, early);
  pc_result_metric (result, M_RETRIEVAL, m->retrieval_gb);
  pc_result_metric (result, M_OVERHEAD, m->archive_overhead_gb);
}

static gboolean
s3_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const S3Bucket *b = state;
  S3Totals alone = { 0 };   /* no per-run memory: every month sums afresh */
  S3Month m;
  s3_month_fill (b, ctx->scratch != NULL ? ctx->scratch : &alone, ctx->month, demand, &m);
  s3_month_charge (b, &m, demand, ctx, result);
  report (b, &m, result);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "s3",
                  .version = "2.0",
                  .summary = "S3: every storage class, lifecycle by object age, retrievals, early deletes, requests",
                  .stage = PC_STAGE_STORAGE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = s3_create,
                  .step = s3_step,
                  .destroy = g_free,
                  .run_state_size = sizeof (S3Totals))
