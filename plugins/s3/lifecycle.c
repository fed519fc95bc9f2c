/* lifecycle.c - the age of an object to its storage class (lifecycle.h). */
#include <math.h>

#include "lifecycle.h"

#define IA_MIN_TRANSITION_DAYS 30.0   /* to Standard-IA or One Zone-IA: at least 30 days after creation */
#define IA_MIN_STAY_DAYS 30.0         /* in Standard-IA or One Zone-IA before the next transition */
#define IT_INFREQUENT_DAYS 30.0
#define IT_ARCHIVE_INSTANT_DAYS 90.0

guint
s3_age_after_days (double days)
{
  return days > 0 ? (guint) ceil (days / PC_DAYS_PER_MONTH - 1e-9) : 0;
}

static gboolean
refuse (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError **error, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *why = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG, why);
  return FALSE;
}

static S3ItTier it_tier_at (const S3Lifecycle *l, guint age);

#define TO S3_TO
#define GLACIERS S3_GLACIERS

/* Intelligent-Tiering objects may move on from the tier they are in
 * (User Guide, "Transitioning objects using Amazon S3 Lifecycle"). */
static const guint it_tier_transitions[S3_IT_TIER_COUNT] = {
  [S3_IT_FREQUENT] = TO (S3_ONE_ZONE_IA) | GLACIERS, [S3_IT_INFREQUENT] = TO (S3_ONE_ZONE_IA) | GLACIERS,
  [S3_IT_ARCHIVE_INSTANT] = GLACIERS, [S3_IT_ARCHIVE] = TO (S3_GLACIER_FLEXIBLE) | TO (S3_GLACIER_DEEP_ARCHIVE),
  [S3_IT_DEEP_ARCHIVE] = TO (S3_GLACIER_DEEP_ARCHIVE),
};
static const char *const it_tier_names[S3_IT_TIER_COUNT] = {
  "Frequent Access", "Infrequent Access", "Archive Instant Access", "Archive Access", "Deep Archive Access",
};

/* Whether a rule acting at @age may move objects from @from to @to. */
static gboolean
allowed (const S3Lifecycle *l, S3Class from, guint age, S3Class to, const char *parameter, GError **error)
{
  guint targets = s3_classes[from].transitions_to;
  if (from == S3_INTELLIGENT_TIERING)
    targets = it_tier_transitions[it_tier_at (l, age)];
  if (targets & TO (to))
    return TRUE;
  char names[256] = "";
  for (guint c = 0; c < S3_CLASS_COUNT; c++)
    if (targets & TO (c)) {
      if (names[0])
        g_strlcat (names, ", ", sizeof names);
      g_strlcat (names, s3_classes[c].id, sizeof names);
    }
  if (!names[0])
    g_strlcpy (names, "none", sizeof names);
  g_autofree char *where = from == S3_INTELLIGENT_TIERING
                             ? g_strdup_printf ("%s (%s tier)", s3_classes[from].id, it_tier_names[it_tier_at (l, age)])
                             : g_strdup (s3_classes[from].id);
  return refuse (error, "%s=\"%s\": S3 Lifecycle cannot move objects from %s to it; allowed: %s", parameter,
                 s3_classes[to].id, where, names);
}

static gboolean
check_transitions (const S3Lifecycle *l, GError **error)
{
  const double *days = l->days;
  if (days[S3_EVENT_TO_IA] > 0 &&
      (!allowed (l, l->written, l->age[S3_EVENT_TO_IA], l->ia_class, "ia_class", error) ||
       (days[S3_EVENT_TO_IA] < IA_MIN_TRANSITION_DAYS &&
        !refuse (error, "ia_after_days=\"%g\": objects move to %s at least 30 days after creation; allowed: 0 "
                 "(no rule) or 30 and more", days[S3_EVENT_TO_IA], s3_classes[l->ia_class].id))))
    return FALSE;
  if (days[S3_EVENT_TO_GLACIER] > 0) {
    double entered;
    S3Class from = s3_event_source (l, S3_EVENT_TO_GLACIER, &entered);
    if (!allowed (l, from, l->age[S3_EVENT_TO_GLACIER], l->glacier_class, "glacier_class", error))
      return FALSE;
    if (from != l->written && days[S3_EVENT_TO_GLACIER] < entered + IA_MIN_STAY_DAYS)
      return refuse (error, "glacier_after_days=\"%g\": objects stay 30 days in %s before the next transition; "
                     "allowed: %g and more", days[S3_EVENT_TO_GLACIER], s3_classes[from].id, entered + IA_MIN_STAY_DAYS);
  }
  return TRUE;
}

static gboolean
check_expiration (const S3Lifecycle *l, GError **error)
{
  double last = MAX (l->days[S3_EVENT_TO_IA], l->days[S3_EVENT_TO_GLACIER]);
  if (l->days[S3_EVENT_EXPIRE] > 0 && l->days[S3_EVENT_EXPIRE] <= last)
    return refuse (error, "expire_after_days=\"%g\": objects must expire after their last transition (day %g); "
                   "allowed: 0 (never) or more than %g", l->days[S3_EVENT_EXPIRE], last, last);
  return TRUE;
}

static gboolean
prepare_it_tiers (S3Lifecycle *l, double archive_days, double deep_days, gboolean monitored, GError **error)
{
  if (archive_days > 0 && archive_days < 90)
    return refuse (error, "it_archive_after_days=\"%g\": the Archive Access tier takes objects after 90 to 730 days; "
                   "allowed: 0 (off) or 90 to 730", archive_days);
  if (deep_days > 0 && (deep_days < 180 || deep_days <= archive_days))
    return refuse (error, "it_deep_archive_after_days=\"%g\": the Deep Archive Access tier takes objects after 180 to "
                   "730 days, later than Archive Access; allowed: 0 (off) or %g to 730", deep_days, MAX (180, archive_days + 1));
  memset (l->it_age, 0, sizeof l->it_age);
  if (!monitored)
    return TRUE;
  l->it_age[S3_IT_INFREQUENT] = s3_age_after_days (IT_INFREQUENT_DAYS);
  l->it_age[S3_IT_ARCHIVE_INSTANT] = s3_age_after_days (IT_ARCHIVE_INSTANT_DAYS);
  l->it_age[S3_IT_ARCHIVE] = s3_age_after_days (archive_days);
  l->it_age[S3_IT_DEEP_ARCHIVE] = s3_age_after_days (deep_days);
  return TRUE;
}

gboolean
s3_lifecycle_prepare (S3Lifecycle *l, double it_archive_days, double it_deep_archive_days, gboolean monitored,
                      GError **error)
{
  for (guint e = 0; e < S3_EVENT_COUNT; e++)
    l->age[e] = s3_age_after_days (l->days[e]);
  return prepare_it_tiers (l, it_archive_days, it_deep_archive_days, monitored, error) &&
         check_transitions (l, error) && check_expiration (l, error);
}

static S3ItTier
it_tier_at (const S3Lifecycle *l, guint age)
{
  for (int t = S3_IT_DEEP_ARCHIVE; t > S3_IT_FREQUENT; t--)
    if (l->it_age[t] > 0 && age >= l->it_age[t])
      return (S3ItTier) t;
  return S3_IT_FREQUENT;
}

S3Place
s3_place_at (const S3Lifecycle *l, guint age)
{
  const guint *at = l->age;
  S3Place place = { l->written, S3_IT_FREQUENT, at[S3_EVENT_EXPIRE] > 0 && age >= at[S3_EVENT_EXPIRE] };
  if (at[S3_EVENT_TO_GLACIER] > 0 && age >= at[S3_EVENT_TO_GLACIER])
    place.storage_class = l->glacier_class;
  else if (at[S3_EVENT_TO_IA] > 0 && age >= at[S3_EVENT_TO_IA])
    place.storage_class = l->ia_class;
  else if (l->written == S3_INTELLIGENT_TIERING)
    place.tier = it_tier_at (l, age);
  return place;
}

guint
s3_next_change (const S3Lifecycle *l, guint age)
{
  guint next = G_MAXUINT;
  for (guint e = 0; e < S3_EVENT_COUNT; e++)
    if (l->age[e] > age)
      next = MIN (next, l->age[e]);
  for (guint t = 0; t < S3_IT_TIER_COUNT; t++)
    if (l->it_age[t] > age)
      next = MIN (next, l->it_age[t]);
  return next;
}

guint
s3_lifecycle_spans (const S3Lifecycle *l, S3Span spans[S3_MAX_SPANS])
{
  guint n = 0;
  for (guint age = 0; age != G_MAXUINT; age = spans[n++].end)
    spans[n] = (S3Span) { age, s3_next_change (l, age), s3_place_at (l, age) };
  return n;
}

S3Class
s3_event_source (const S3Lifecycle *l, S3Event event, double *entered_day)
{
  *entered_day = 0.0;
  S3Class from = l->written;
  if (event > S3_EVENT_TO_IA && l->days[S3_EVENT_TO_IA] > 0) {
    from = l->ia_class;
    *entered_day = l->days[S3_EVENT_TO_IA];
  }
  if (event > S3_EVENT_TO_GLACIER && l->days[S3_EVENT_TO_GLACIER] > 0) {
    from = l->glacier_class;
    *entered_day = l->days[S3_EVENT_TO_GLACIER];
  }
  return from;
}
