/* lifecycle.h - where an object of a given age is: the class it was
 * written in, the bucket's lifecycle rules (transition to an IA class,
 * transition to a Glacier class, expiration), and Intelligent-Tiering's own
 * access tiers.
 *
 * Ages are whole months (demand stored_gb_by_age[k] is the GB written k
 * months ago).  A month is PC_DAYS_PER_MONTH = 30.4167 days, so a rule
 * acting after d days applies to the ages k with k x 30.4167 >= d, i.e.
 * from age K(d) = ceil(d / 30.4167): 90 days -> 3 months, 30 -> 1.  The
 * cohort of age exactly K(d) is the one the rule acts on this month
 * (transition requests, early deletes).  How long an object stayed in a
 * class is taken from the rules' days, not from the months: an object
 * moved to Glacier Instant Retrieval at day 90 and deleted at day 120 held
 * it 30 days, wherever the month boundaries fall. */
#pragma once

#include "classes.h"

/* Intelligent-Tiering access tiers: Frequent; Infrequent after 30 days
 * without access; Archive Instant after 90; the opt-in Archive Access
 * (90 to 730 days) and Deep Archive Access (180 to 730 days) tiers
 * (User Guide, "How S3 Intelligent-Tiering works"). */
typedef enum {
  S3_IT_FREQUENT, S3_IT_INFREQUENT, S3_IT_ARCHIVE_INSTANT, S3_IT_ARCHIVE, S3_IT_DEEP_ARCHIVE, S3_IT_TIER_COUNT
} S3ItTier;

/* Where objects of one age are. */
typedef struct {
  S3Class storage_class;
  S3ItTier tier;                  /* meaningful for S3_INTELLIGENT_TIERING only */
  gboolean expired;               /* deleted by the expiration rule */
} S3Place;

/* A lifecycle event this month: the rule acting on the cohort of @age. */
typedef enum { S3_EVENT_TO_IA, S3_EVENT_TO_GLACIER, S3_EVENT_EXPIRE, S3_EVENT_COUNT } S3Event;

typedef struct {
  S3Class written, ia_class, glacier_class;
  double days[S3_EVENT_COUNT];    /* days after creation each rule acts; 0 = no such rule */
  guint age[S3_EVENT_COUNT];      /* K(days); 0 = never */
  guint it_age[S3_IT_TIER_COUNT]; /* first age of each IT tier; 0 = never (S3_IT_FREQUENT: 0 as well) */
} S3Lifecycle;

/* The first age (months) a rule acting after @days reaches. */
guint s3_age_after_days (double days);

/* Fills @l->age and @l->it_age from the days, checks the rules against
 * AWS's constraints (IA transitions after at least 30 days, 30 days in an
 * IA class before the next transition, transitions the waterfall allows,
 * expiration after the transitions), and fails with a message naming the
 * parameter.  @it_archive_days / @it_deep_archive_days: 0 = not opted in;
 * @monitored: Intelligent-Tiering moves the objects (they are 128 KB or
 * more). */
gboolean s3_lifecycle_prepare (S3Lifecycle *l, double it_archive_days, double it_deep_archive_days,
                               gboolean monitored, GError **error);

/* Where objects of @age months are, before or after this month's events. */
S3Place s3_place_at (const S3Lifecycle *l, guint age);

/* The first age after @age at which s3_place_at() may differ (G_MAXUINT:
 * never); every age in between has @age's place. */
guint s3_next_change (const S3Lifecycle *l, guint age);

/* Ages [first, end) that share one place; end is G_MAXUINT for the last,
 * open-ended span. */
typedef struct {
  guint first, end;
  S3Place place;
} S3Span;

/* At most one span from age 0 and one from each rule's and IT tier's age. */
#define S3_MAX_SPANS (1 + S3_EVENT_COUNT + S3_IT_TIER_COUNT - 1)

/* Fills @spans with the places of every age, in age order; returns how
 * many (the first starts at age 0, the last never ends). */
guint s3_lifecycle_spans (const S3Lifecycle *l, S3Span spans[S3_MAX_SPANS]);

/* The class a rule takes objects out of, and the day they entered it. */
S3Class s3_event_source (const S3Lifecycle *l, S3Event event, double *entered_day);
