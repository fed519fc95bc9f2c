/* bucket.h - one month of an S3 bucket: where its GB are, what the
 * lifecycle rules did, what was read, and the line items that follow.
 * s3.c builds the S3Bucket from the parameters and the catalog once; the
 * month functions only read it (no allocation, no look-ups). */
#pragma once

#include "classes.h"
#include "lifecycle.h"

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
} S3Bucket;

typedef struct {
  double gb[S3_CLASS_COUNT];                      /* GB per class, versions included (IT: all tiers) */
  double it_gb[S3_IT_TIER_COUNT];
  double moved_gb[S3_EVENT_COUNT];                /* the cohort each rule acts on this month */
  double reads[S3_CLASS_COUNT];                   /* objects read per class (IT: all tiers) */
  double it_archive_reads;                        /* of which from IT Archive Access / Deep Archive Access */
  double temp_gb;
} S3Month;

/* The month's GB by class, lifecycle cohorts and reads. */
void s3_month_fill (const S3Bucket *b, const PcDemand *demand, S3Month *m);

/* Storage, transitions, early deletes, requests and retrievals. */
void s3_month_charge (const S3Bucket *b, const S3Month *m, const PcDemand *demand, const PcStepContext *ctx,
                      PcStepResult *result);

/* Objects in @gb of data. */
double s3_objects (const S3Bucket *b, double gb);
/* GB billed for @gb in class @c (128 KB minimum object size). */
double s3_billable_gb (const S3Bucket *b, S3Class c, double gb);
/* GB-months of minimum storage duration billed this month for objects leaving a class early. */
double s3_early_delete_gb_months (const S3Bucket *b, const S3Month *m, S3Event event, S3Class *from);
/* GB of archive overhead (32 KB + 8 KB an archived object). */
double s3_archive_overhead_gb (const S3Bucket *b, const S3Month *m);
/* GB read with a retrieval or restore fee. */
double s3_retrieval_gb (const S3Bucket *b, const S3Month *m);
