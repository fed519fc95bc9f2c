/* bucket.h - one month of an S3 bucket: where its GB are, what the
 * lifecycle rules did, what was read, and the line items that follow.
 * s3.c builds the S3Bucket from the parameters and the catalog once
 * (s3_bucket_prepare derives what every month reuses); the month functions
 * only read it (no allocation, no look-ups) and keep one running total in
 * the run's S3Totals. */
#pragma once

#include "classes.h"
#include "lifecycle.h"

/* Some of the classes, in class order. */
typedef struct {
  S3Class c[S3_CLASS_COUNT];
  guint n;
} S3Classes;

typedef struct {
  S3Lifecycle life;
  gboolean in_use[S3_CLASS_COUNT];                /* classes objects can be in (Standard always: temp files) */
  gboolean it_in_use[S3_IT_TIER_COUNT];
  gboolean monitored;                             /* Intelligent-Tiering monitors the objects (128 KB or more) */
  gboolean reads_old;                             /* old_read_share > 0 */
  gboolean it_expedited;                          /* restores from IT archive tiers are expedited (charged) */
  double temp_months, version_scale, object_mb, old_read_share;
  S3ClassPrices prices[S3_CLASS_COUNT];           /* resolved for the classes in use */
  const PcPrice *it_tier[S3_IT_TIER_COUNT], *it_monitoring, *it_expedited_request, *it_expedited_gb;
  /* Derived by s3_bucket_prepare. */
  S3Classes used;                                 /* the classes in use (the others hold nothing) */
  S3Classes own_size;                             /* of those, billed at their own size and rate (not Standard, IT) */
  S3Classes archival;                             /* of those, archival (40 KB an object) */
  S3Classes read;                                 /* of those, the ones GETs reach */
  S3Classes retrieved;                            /* of those, the ones read with a retrieval or restore fee */
  S3Span spans[S3_MAX_SPANS];                     /* the place of every age, in age order */
  guint n_spans;
  guint tail_from;                                /* first age of S3Totals.tail_gb: the last span's, at least 1 */
  gboolean keeps_tail;                            /* the last span is stored (not expired) */
  S3Event rules[S3_EVENT_COUNT];                  /* the lifecycle rules in use (age > 0), in event order */
  guint n_rules;
  S3Event early[S3_EVENT_COUNT];                  /* of those, the ones that take objects out of a class early */
  guint n_early;
  S3Class early_from[S3_EVENT_COUNT];             /* by rule: the class it takes objects out of */
  double early_days[S3_EVENT_COUNT];              /* by rule: days of that class's minimum not served */
} S3Bucket;

/* What a run remembers from month to month (ctx->scratch, zeroed by the
 * host): the GB of the ages in the open-ended last span, and the month
 * they were summed for. */
typedef struct {
  const double *ages;                             /* that month's stored_gb_by_age */
  guint month, n_ages;
  gboolean kept;                                  /* FALSE: nothing summed yet (zeroed scratch) */
  double tail_gb;                                 /* GB of ages >= tail_from, versions included */
} S3Totals;

typedef struct {
  double gb[S3_CLASS_COUNT];                      /* GB per class, versions included (IT: all tiers) */
  double it_gb[S3_IT_TIER_COUNT];
  double moved_gb[S3_EVENT_COUNT];                /* the cohort each rule acts on this month */
  double reads[S3_CLASS_COUNT];                   /* objects read per class (IT: all tiers) */
  double it_archive_reads;                        /* of which from IT Archive Access / Deep Archive Access */
  double temp_gb;
  double early_gb_months[S3_EVENT_COUNT];         /* minimum storage duration billed for what each rule took early */
  double retrieval_gb;                            /* GB read with a retrieval or restore fee */
  double archive_overhead_gb;                     /* 32 KB + 8 KB an archived object */
} S3Month;

/* Derives the spans and the lists of classes and rules in use from the
 * lifecycle and prices (after both are set). */
void s3_bucket_prepare (S3Bucket *b);

/* The month's GB by class, lifecycle cohorts, reads and fees; @totals is
 * the run's memory, @month the run's month (ctx). */
void s3_month_fill (const S3Bucket *b, S3Totals *totals, guint month, const PcDemand *demand, S3Month *m);

/* Storage, transitions, early deletes, requests and retrievals. */
void s3_month_charge (const S3Bucket *b, const S3Month *m, const PcDemand *demand, const PcStepContext *ctx,
                      PcStepResult *result);

/* Objects in @gb of data. */
double s3_objects (const S3Bucket *b, double gb);
/* GB billed for @gb in class @c (128 KB minimum object size). */
double s3_billable_gb (const S3Bucket *b, S3Class c, double gb);
