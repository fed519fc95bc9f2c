/* bucket.c - one month of an S3 bucket (bucket.h): GB by class, the
 * lifecycle's cohorts, reads, and the line items they cost. */
#include "bucket.h"

#define MB_PER_GB 1024.0
#define KB_PER_GB (1024.0 * 1024.0)
#define ARCHIVE_INDEX_KB 32.0          /* per archived object, at the archival class's rate */
#define ARCHIVE_METADATA_KB 8.0        /* per archived object, at the Standard rate */

double
s3_objects (const S3Bucket *b, double gb)
{
  return gb * MB_PER_GB / b->object_mb;
}

double
s3_billable_gb (const S3Bucket *b, S3Class c, double gb)
{
  double min_mb = s3_classes[c].min_object_kb / 1024.0;
  return b->object_mb < min_mb ? gb * min_mb / b->object_mb : gb;
}

static double
gb_at (const S3Bucket *b, const PcDemand *demand, guint age)
{
  gboolean by_age = demand->stored_gb_by_age != NULL && demand->n_ages > 0;
  return (by_age ? demand->stored_gb_by_age[age] : demand->stored_gb) * b->version_scale;
}

static guint
n_ages (const PcDemand *demand)
{
  return demand->stored_gb_by_age != NULL && demand->n_ages > 0 ? demand->n_ages : 1;
}

/* This month's lifecycle events act on the cohort of exactly their age. */
static void
add_moved (const S3Bucket *b, guint age, double gb, S3Month *m)
{
  for (guint e = 0; e < S3_EVENT_COUNT; e++)
    if (b->life.age[e] > 0 && age == b->life.age[e])
      m->moved_gb[e] += gb;
}

/* The lifecycle changes an object's place at a few ages only, so the ages
 * are walked in runs of one place, [age, end), in age order: every sum
 * gets its terms in the order a walk age by age would add them. */
static guint
run_end (const S3Bucket *b, guint age, guint n)
{
  return MIN (n, s3_next_change (&b->life, age));
}

/* GB by class (and IT tier), this month's moved cohorts; returns the GB
 * older than this month's, the objects old reads spread over. */
static double
fill_gb (const S3Bucket *b, const PcDemand *demand, guint n, S3Month *m)
{
  double old_gb = 0.0;
  for (guint age = 0; age < n;) {
    S3Place place = s3_place_at (&b->life, age);
    guint end = run_end (b, age, n);
    add_moved (b, age, gb_at (b, demand, age), m);
    for (; age < end; age++) {
      if (place.expired)
        continue;
      double gb = gb_at (b, demand, age);
      m->gb[place.storage_class] += gb;
      if (place.storage_class == S3_INTELLIGENT_TIERING)
        m->it_gb[place.tier] += gb;
      if (age > 0)
        old_gb += gb;
    }
  }
  return old_gb;
}

static void
add_reads (S3Place place, double objects, S3Month *m)
{
  if (place.expired)
    return;
  m->reads[place.storage_class] += objects;
  if (place.storage_class == S3_INTELLIGENT_TIERING && place.tier >= S3_IT_ARCHIVE)
    m->it_archive_reads += objects;
}

void
s3_month_fill (const S3Bucket *b, const PcDemand *demand, S3Month *m)
{
  *m = (S3Month) { 0 };
  m->temp_gb = demand->temp_gb_written * b->temp_months;
  guint n = n_ages (demand);
  double old_gb = fill_gb (b, demand, n, m);
  /* Reads of older objects spread over the older ages by their GB. */
  double old_reads = old_gb > 0 ? demand->object_gets * b->old_read_share : 0.0;
  add_reads (s3_place_at (&b->life, 0), demand->object_gets - old_reads, m);
  for (guint age = 1; age < n && old_reads > 0;) {
    S3Place place = s3_place_at (&b->life, age);
    for (guint end = run_end (b, age, n); age < end; age++)
      add_reads (place, old_reads * gb_at (b, demand, age) / old_gb, m);
  }
}

double
s3_archive_overhead_gb (const S3Bucket *b, const S3Month *m)
{
  double objects = 0.0;
  for (guint c = 0; c < S3_CLASS_COUNT; c++)
    if (s3_classes[c].archival)
      objects += s3_objects (b, m->gb[c]);
  return objects * (ARCHIVE_INDEX_KB + ARCHIVE_METADATA_KB) / KB_PER_GB;
}

static void
charge_intelligent_tiering (const S3Bucket *b, const S3Month *m, const PcStepContext *ctx, PcStepResult *result)
{
  static const char *const items[S3_IT_TIER_COUNT] = {
    "Intelligent-Tiering Frequent Access", "Intelligent-Tiering Infrequent Access",
    "Intelligent-Tiering Archive Instant Access", "Intelligent-Tiering Archive Access",
    "Intelligent-Tiering Deep Archive Access",
  };
  for (guint t = 0; t < S3_IT_TIER_COUNT; t++)
    if (b->it_in_use[t])
      pc_result_charge (result, items[t], b->it_tier[t], m->it_gb[t], ctx);
  if (b->monitored)
    pc_result_charge (result, "Intelligent-Tiering monitoring", b->it_monitoring,
                      s3_objects (b, m->gb[S3_INTELLIGENT_TIERING]), ctx);
}

/* Storage: Standard (with temp files and archived objects' 8 KB), the
 * other classes at their billable size (128 KB minimum, 32 KB index). */
static void
charge_storage (const S3Bucket *b, const S3Month *m, const PcStepContext *ctx, PcStepResult *result)
{
  double metadata_gb = 0.0;
  for (guint c = 0; c < S3_CLASS_COUNT; c++)
    if (s3_classes[c].archival)
      metadata_gb += s3_objects (b, m->gb[c]) * ARCHIVE_METADATA_KB / KB_PER_GB;
  pc_result_charge (result, s3_classes[S3_STANDARD].storage_item, b->prices[S3_STANDARD].storage,
                    m->gb[S3_STANDARD] + m->temp_gb + metadata_gb, ctx);
  if (b->in_use[S3_INTELLIGENT_TIERING])
    charge_intelligent_tiering (b, m, ctx, result);
  for (guint c = S3_STANDARD_IA; c < S3_CLASS_COUNT; c++) {
    if (!b->in_use[c])
      continue;
    double gb = s3_billable_gb (b, c, m->gb[c]);
    if (s3_classes[c].archival)
      gb += s3_objects (b, m->gb[c]) * ARCHIVE_INDEX_KB / KB_PER_GB;
    pc_result_charge (result, s3_classes[c].storage_item, b->prices[c].storage, gb, ctx);
  }
}

/* Whether rule @event takes objects out of a class (@from) before its
 * minimum storage duration; @short_days: by how many days. */
static gboolean
leaves_early (const S3Bucket *b, S3Event event, S3Class *from, double *short_days)
{
  double entered;
  *from = s3_event_source (&b->life, event, &entered);
  *short_days = s3_classes[*from].min_days - (b->life.days[event] - entered);
  return b->life.days[event] > 0 && *short_days > 0;
}

double
s3_early_delete_gb_months (const S3Bucket *b, const S3Month *m, S3Event event, S3Class *from)
{
  double short_days;
  if (!leaves_early (b, event, from, &short_days))
    return 0.0;
  return s3_billable_gb (b, *from, m->moved_gb[event]) * short_days / PC_DAYS_PER_MONTH;
}

/* Transition requests into the rules' classes, and early deletes of what
 * left a class before its minimum duration. */
static void
charge_lifecycle (const S3Bucket *b, const S3Month *m, const PcStepContext *ctx, PcStepResult *result)
{
  const S3Class into[] = { [S3_EVENT_TO_IA] = b->life.ia_class, [S3_EVENT_TO_GLACIER] = b->life.glacier_class };
  for (guint e = S3_EVENT_TO_IA; e <= S3_EVENT_TO_GLACIER; e++)
    if (b->life.days[e] > 0)
      pc_result_charge (result, s3_classes[into[e]].transition_item, b->prices[into[e]].transition,
                        s3_objects (b, m->moved_gb[e]), ctx);
  for (guint e = 0; e < S3_EVENT_COUNT; e++) {
    S3Class from;
    double short_days;
    if (leaves_early (b, e, &from, &short_days))
      pc_result_charge (result, s3_classes[from].early_delete_item, b->prices[from].early_delete,
                        s3_early_delete_gb_months (b, m, e, &from), ctx);
  }
}

/* Whether GETs (and retrievals) can reach class @c. */
static gboolean
read_from (const S3Bucket *b, S3Class c)
{
  const S3Lifecycle *l = &b->life;
  gboolean older = (l->days[S3_EVENT_TO_IA] > 0 && c == l->ia_class) ||
                   (l->days[S3_EVENT_TO_GLACIER] > 0 && c == l->glacier_class) || c == l->written;
  return c == l->written || (b->reads_old && older);
}

double
s3_retrieval_gb (const S3Bucket *b, const S3Month *m)
{
  double objects = b->it_expedited ? m->it_archive_reads : 0.0;
  for (guint c = 0; c < S3_CLASS_COUNT; c++)
    if (read_from (b, c) && b->prices[c].retrieval != NULL)
      objects += m->reads[c];
  return objects * b->object_mb / MB_PER_GB;
}

static void
charge_reads (const S3Bucket *b, const S3Month *m, const PcStepContext *ctx, PcStepResult *result)
{
  for (guint c = 0; c < S3_CLASS_COUNT; c++) {
    if (!read_from (b, c))
      continue;
    const S3ClassPrices *p = &b->prices[c];
    pc_result_charge (result, s3_classes[c].get_item, p->get, m->reads[c], ctx);
    if (p->restore != NULL)
      pc_result_charge (result, s3_classes[c].restore_item, p->restore, m->reads[c], ctx);
    if (p->retrieval != NULL)
      pc_result_charge (result, s3_classes[c].retrieval_item, p->retrieval, m->reads[c] * b->object_mb / MB_PER_GB, ctx);
  }
  if (b->it_expedited) {
    pc_result_charge (result, "Intelligent-Tiering expedited restore requests", b->it_expedited_request,
                      m->it_archive_reads, ctx);
    pc_result_charge (result, "Intelligent-Tiering expedited restores (per GB)", b->it_expedited_gb,
                      m->it_archive_reads * b->object_mb / MB_PER_GB, ctx);
  }
}

void
s3_month_charge (const S3Bucket *b, const S3Month *m, const PcDemand *demand, const PcStepContext *ctx,
                 PcStepResult *result)
{
  charge_storage (b, m, ctx, result);
  charge_lifecycle (b, m, ctx, result);
  pc_result_charge (result, "PUT requests", b->prices[b->life.written].put, demand->object_puts, ctx);
  charge_reads (b, m, ctx, result);
}
