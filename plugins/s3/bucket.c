/* bucket.c - one month of an S3 bucket (bucket.h): GB by class, the
 * lifecycle's cohorts, reads, and the line items they cost.
 *
 * Where the GB are.  The lifecycle changes an object's place at a few ages
 * only, so the ages fall into spans of one place (s3_lifecycle_spans),
 * fixed when the bucket is created.  Age 0 is in the first span's place.
 * A span that ends (before the next rule's or tier's age) holds at most a
 * few ages and is summed from the demand each month, in age order.  The
 * last span is open-ended: it holds every age from its first on, as many
 * as months have passed, so the run keeps its GB (S3Totals, the per-run
 * memory): each month the one cohort that crossed into it is added and
 * none leaves, so a month costs the ages before the last rule's age, not
 * every age.  The running total is the sum of the same terms a walk age by
 * age adds, oldest first instead of youngest first; all are >= 0, so it
 * differs from the walk's by rounding only (a few units in the last place)
 * and is never negative.  When it cannot be carried on (the run's first
 * month, a component created mid-run whose memory the host zeroed, a month
 * the component was not stepped, a month priced alone) it is summed afresh.
 * Reads of older objects spread over the spans by their GB, as they did
 * over the ages.
 *
 * What the settings decide (the classes in use, read and archived, the
 * rules in use, the early deletes) is listed once in s3_bucket_prepare, so
 * a month walks only what the bucket uses. */
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

/* Whether GETs (and retrievals) can reach class @c. */
static gboolean
read_from (const S3Bucket *b, S3Class c)
{
  const S3Lifecycle *l = &b->life;
  gboolean older = (l->days[S3_EVENT_TO_IA] > 0 && c == l->ia_class) ||
                   (l->days[S3_EVENT_TO_GLACIER] > 0 && c == l->glacier_class) || c == l->written;
  return c == l->written || (b->reads_old && older);
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

static void
add_class (S3Classes *list, S3Class c, gboolean add)
{
  if (add)
    list->c[list->n++] = c;
}

void
s3_bucket_prepare (S3Bucket *b)
{
  b->n_spans = s3_lifecycle_spans (&b->life, b->spans);
  const S3Span *last = &b->spans[b->n_spans - 1];
  b->tail_from = MAX (last->first, 1);
  b->keeps_tail = !last->place.expired;
  for (guint c = 0; c < S3_CLASS_COUNT; c++) {
    if (!b->in_use[c])
      continue;   /* holds nothing, is never read */
    add_class (&b->used, c, TRUE);
    add_class (&b->own_size, c, c >= S3_STANDARD_IA);
    add_class (&b->archival, c, s3_classes[c].archival);
    add_class (&b->read, c, read_from (b, c));
    add_class (&b->retrieved, c, read_from (b, c) && b->prices[c].retrieval != NULL);
  }
  b->n_rules = b->n_early = 0;
  for (guint e = 0; e < S3_EVENT_COUNT; e++) {
    if (b->life.age[e] > 0)
      b->rules[b->n_rules++] = e;
    if (leaves_early (b, e, &b->early_from[e], &b->early_days[e]))
      b->early[b->n_early++] = e;
  }
}

/* The GB written by age and how many ages; a demand without ages is one
 * cohort of stored_gb. */
static guint
history (const PcDemand *demand, const double **ages)
{
  gboolean by_age = demand->stored_gb_by_age != NULL && demand->n_ages > 0;
  *ages = by_age ? demand->stored_gb_by_age : &demand->stored_gb;
  return by_age ? demand->n_ages : 1;
}

/* GB of ages [from, end), versions included, added in age order. */
static double
sum_ages (const S3Bucket *b, const double *ages, guint from, guint end)
{
  double gb = 0.0;
  for (guint age = from; age < end; age++)
    gb += ages[age] * b->version_scale;
  return gb;
}

/* The running total of the last span, brought to @month.  The run's
 * history slides: last month's age k is this month's age k + 1
 * (stored_gb_by_age moves back one entry, one more age), so the total gains
 * the one cohort that crossed into tail_from and loses none.  Any other
 * month (the run's first, the first after a phase change zeroed the
 * scratch, a month skipped, a month priced alone) sums it afresh. */
static double
tail_gb (const S3Bucket *b, S3Totals *t, guint month, const double *ages, guint n)
{
  gboolean next = t->kept && month == t->month + 1 && n == t->n_ages + 1 && ages + 1 == t->ages;
  double gb = next ? t->tail_gb : sum_ages (b, ages, b->tail_from, n);
  if (next && b->tail_from < n)
    gb += ages[b->tail_from] * b->version_scale;
  *t = (S3Totals) { ages, month, n, TRUE, gb };
  return gb;
}

/* Adds @gb of objects in @place. */
static void
add_gb (S3Place place, double gb, S3Month *m)
{
  m->gb[place.storage_class] += gb;
  if (place.storage_class == S3_INTELLIGENT_TIERING)
    m->it_gb[place.tier] += gb;
}

/* GB by class (and IT tier): age 0 in the first span's place, then each
 * span's older ages, into @old_gb (the last span's is the running total
 * @tail).  Returns the GB older than this month, the objects old reads
 * spread over. */
static double
fill_gb (const S3Bucket *b, const double *ages, guint n, double tail, S3Month *m, double old_gb[S3_MAX_SPANS])
{
  double all_old = 0.0;
  add_gb (b->spans[0].place, ages[0] * b->version_scale, m);
  for (guint s = 0; s < b->n_spans && b->spans[s].first < n; s++) {
    const S3Span *span = &b->spans[s];
    old_gb[s] = 0.0;
    if (span->place.expired)
      continue;
    old_gb[s] = span->end == G_MAXUINT ? tail : sum_ages (b, ages, MAX (span->first, 1), MIN (span->end, n));
    add_gb (span->place, old_gb[s], m);
    all_old += old_gb[s];
  }
  return all_old;
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

/* This month's reads in age 0's place; old reads spread over the older
 * ages by their GB (@old_gb by span, @all_old in all). */
static void
fill_reads (const S3Bucket *b, const PcDemand *demand, guint n, const double *old_gb, double all_old, S3Month *m)
{
  double old_reads = all_old > 0 ? demand->object_gets * b->old_read_share : 0.0;
  add_reads (b->spans[0].place, demand->object_gets - old_reads, m);
  for (guint s = 0; old_reads > 0 && s < b->n_spans && b->spans[s].first < n; s++)
    add_reads (b->spans[s].place, old_reads * old_gb[s] / all_old, m);
}

/* Early deletes, retrievals and archive overhead from the month's GB,
 * cohorts and reads. */
static void
fill_fees (const S3Bucket *b, S3Month *m)
{
  for (guint i = 0; i < b->n_early; i++) {
    S3Event e = b->early[i];
    m->early_gb_months[e] = s3_billable_gb (b, b->early_from[e], m->moved_gb[e]) * b->early_days[e] / PC_DAYS_PER_MONTH;
  }
  double read = b->it_expedited ? m->it_archive_reads : 0.0, archived = 0.0;
  for (guint i = 0; i < b->retrieved.n; i++)
    read += m->reads[b->retrieved.c[i]];
  for (guint i = 0; i < b->archival.n; i++)
    archived += s3_objects (b, m->gb[b->archival.c[i]]);
  m->retrieval_gb = read * b->object_mb / MB_PER_GB;
  m->archive_overhead_gb = archived * (ARCHIVE_INDEX_KB + ARCHIVE_METADATA_KB) / KB_PER_GB;
}

void
s3_month_fill (const S3Bucket *b, S3Totals *totals, guint month, const PcDemand *demand, S3Month *m)
{
  *m = (S3Month) { 0 };
  m->temp_gb = demand->temp_gb_written * b->temp_months;
  const double *ages;
  guint n = history (demand, &ages);
  double tail = b->keeps_tail ? tail_gb (b, totals, month, ages, n) : 0.0;
  double old_gb[S3_MAX_SPANS];
  double all_old = fill_gb (b, ages, n, tail, m, old_gb);
  /* This month's lifecycle rules act on the cohort of exactly their age. */
  for (guint i = 0; i < b->n_rules; i++)
    if (b->life.age[b->rules[i]] < n)
      m->moved_gb[b->rules[i]] = ages[b->life.age[b->rules[i]]] * b->version_scale;
  fill_reads (b, demand, n, old_gb, all_old, m);
  fill_fees (b, m);
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
  for (guint i = 0; i < b->archival.n; i++)
    metadata_gb += s3_objects (b, m->gb[b->archival.c[i]]) * ARCHIVE_METADATA_KB / KB_PER_GB;
  pc_result_charge (result, s3_classes[S3_STANDARD].storage_item, b->prices[S3_STANDARD].storage,
                    m->gb[S3_STANDARD] + m->temp_gb + metadata_gb, ctx);
  if (b->in_use[S3_INTELLIGENT_TIERING])
    charge_intelligent_tiering (b, m, ctx, result);
  for (guint i = 0; i < b->own_size.n; i++) {
    S3Class c = b->own_size.c[i];
    double gb = s3_billable_gb (b, c, m->gb[c]);
    if (s3_classes[c].archival)
      gb += s3_objects (b, m->gb[c]) * ARCHIVE_INDEX_KB / KB_PER_GB;
    pc_result_charge (result, s3_classes[c].storage_item, b->prices[c].storage, gb, ctx);
  }
}

/* Transition requests into the rules' classes, and early deletes of what
 * left a class before its minimum duration. */
static void
charge_lifecycle (const S3Bucket *b, const S3Month *m, const PcStepContext *ctx, PcStepResult *result)
{
  for (guint i = 0; i < b->n_rules && b->rules[i] != S3_EVENT_EXPIRE; i++) {   /* the transitions */
    S3Event e = b->rules[i];
    S3Class into = e == S3_EVENT_TO_IA ? b->life.ia_class : b->life.glacier_class;
    pc_result_charge (result, s3_classes[into].transition_item, b->prices[into].transition,
                      s3_objects (b, m->moved_gb[e]), ctx);
  }
  for (guint i = 0; i < b->n_early; i++) {
    S3Class from = b->early_from[b->early[i]];
    pc_result_charge (result, s3_classes[from].early_delete_item, b->prices[from].early_delete,
                      m->early_gb_months[b->early[i]], ctx);
  }
}

static void
charge_reads (const S3Bucket *b, const S3Month *m, const PcStepContext *ctx, PcStepResult *result)
{
  for (guint i = 0; i < b->read.n; i++) {
    S3Class c = b->read.c[i];
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
