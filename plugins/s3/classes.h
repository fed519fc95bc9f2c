/* classes.h - the S3 storage classes: what AWS publishes about each (minimum
 * storage duration, minimum billable object size, archival, the lifecycle
 * transitions it allows), its catalog keys and the labels of its lines.
 *
 * The durations, sizes and transitions are published facts, not prices:
 *   - minimum storage duration: Standard-IA and One Zone-IA 30 days,
 *     Glacier Instant Retrieval and Glacier Flexible Retrieval 90 days,
 *     Glacier Deep Archive 180 days; Standard and Intelligent-Tiering none.
 *     An object deleted, overwritten or transitioned earlier is charged for
 *     the rest of the minimum (Amazon S3 User Guide, "Understanding and
 *     managing Amazon S3 storage classes" and "Long-term data storage using
 *     S3 Glacier storage classes"), at the class's storage rate (Deep
 *     Archive has its own early-delete price in AWS's feed, equal to it).
 *   - minimum billable object size: 128 KB in Standard-IA, One Zone-IA and
 *     Glacier Instant Retrieval (same pages).
 *   - archival classes (Glacier Flexible Retrieval, Deep Archive): objects
 *     are restored before they are read, and each archived object adds
 *     8 KB billed at the S3 Standard rate (name and metadata) and 32 KB
 *     billed at the class's rate (index) (User Guide, "Understanding
 *     archival storage in S3 Glacier Flexible Retrieval and S3 Glacier Deep
 *     Archive").
 *   - lifecycle transitions allowed (User Guide, "Transitioning objects
 *     using Amazon S3 Lifecycle"): Standard to any class; Standard-IA to
 *     Intelligent-Tiering, One Zone-IA and the Glacier classes;
 *     Intelligent-Tiering to One Zone-IA and the Glacier classes; One
 *     Zone-IA to Glacier Flexible Retrieval and Deep Archive; Glacier
 *     Instant Retrieval to Flexible Retrieval and Deep Archive; Flexible
 *     Retrieval to Deep Archive. */
#pragma once

#include <pc-plugin.h>

typedef enum {
  S3_STANDARD, S3_INTELLIGENT_TIERING, S3_STANDARD_IA, S3_ONE_ZONE_IA, S3_GLACIER_INSTANT, S3_GLACIER_FLEXIBLE,
  S3_GLACIER_DEEP_ARCHIVE, S3_CLASS_COUNT
} S3Class;

/* Restore (retrieval) speeds of the archival classes. */
typedef enum { S3_RESTORE_STANDARD, S3_RESTORE_BULK, S3_RESTORE_EXPEDITED, S3_RESTORE_COUNT } S3RestoreSpeed;

/* Bit masks of classes. */
#define S3_TO(c) (1u << (c))
#define S3_GLACIERS (S3_TO (S3_GLACIER_INSTANT) | S3_TO (S3_GLACIER_FLEXIBLE) | S3_TO (S3_GLACIER_DEEP_ARCHIVE))

typedef struct {
  const char *id;                 /* "standard_ia": parameter value and key segment */
  const char *storage_item, *get_item, *retrieval_item, *restore_item, *transition_item, *early_delete_item;
  double min_days;                /* minimum storage duration; 0 when none */
  double min_object_kb;           /* minimum billable object size; 0 when none */
  gboolean archival;              /* restored before it is read; 40 KB overhead per object */
  guint transitions_to;           /* bit (1 << class) for each class a lifecycle rule may move it to */
} S3ClassInfo;

extern const S3ClassInfo s3_classes[S3_CLASS_COUNT];
extern const char *const s3_restore_speed_names[S3_RESTORE_COUNT];  /* "standard", "bulk", "expedited" */

/* The prices of one class a bucket uses. */
typedef struct {
  const PcPrice *storage, *put, *get;
  const PcPrice *retrieval;       /* per GB read (IA classes), or restored (archival); NULL when free */
  const PcPrice *restore;         /* per restore request (archival classes), else NULL */
  const PcPrice *transition;      /* lifecycle transition into the class, when a rule moves objects in */
  const PcPrice *early_delete;    /* per GB-month of minimum duration not served */
} S3ClassPrices;

/* Resolves the prices of @c: retrievals and restores at @speed when @read
 * (objects are read from it), the transition into it when
 * @transition_into.  Fails naming the missing key, or when @speed does not
 * exist for the class (Deep Archive has no expedited restore). */
gboolean s3_class_prices (const PcCatalog *catalog, S3Class c, S3RestoreSpeed speed, gboolean read,
                          gboolean transition_into, S3ClassPrices *prices, GError **error);
