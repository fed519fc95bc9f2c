/* classes.c - the S3 storage classes (classes.h). */
#include "classes.h"

#define TO S3_TO
#define GLACIERS S3_GLACIERS

const S3ClassInfo s3_classes[S3_CLASS_COUNT] = {
  [S3_STANDARD] = { "standard", "Standard storage", "GET requests (Standard)", NULL, NULL, NULL, NULL, 0, 0, FALSE,
                    TO (S3_INTELLIGENT_TIERING) | TO (S3_STANDARD_IA) | TO (S3_ONE_ZONE_IA) | GLACIERS },
  [S3_INTELLIGENT_TIERING] = { "intelligent_tiering", "Intelligent-Tiering storage", "GET requests (Intelligent-Tiering)",
                               NULL, NULL, "transitions to Intelligent-Tiering", NULL, 0, 0, FALSE,
                               TO (S3_ONE_ZONE_IA) | GLACIERS },
  [S3_STANDARD_IA] = { "standard_ia", "Standard-IA storage", "GET requests (Standard-IA)", "Standard-IA retrievals", NULL,
                       "transitions to Standard-IA", "early delete (Standard-IA)", 30, 128, FALSE,
                       TO (S3_INTELLIGENT_TIERING) | TO (S3_ONE_ZONE_IA) | GLACIERS },
  [S3_ONE_ZONE_IA] = { "one_zone_ia", "One Zone-IA storage", "GET requests (One Zone-IA)", "One Zone-IA retrievals", NULL,
                       "transitions to One Zone-IA", "early delete (One Zone-IA)", 30, 128, FALSE,
                       TO (S3_GLACIER_FLEXIBLE) | TO (S3_GLACIER_DEEP_ARCHIVE) },
  [S3_GLACIER_INSTANT] = { "glacier_instant", "Glacier Instant Retrieval storage",
                           "GET requests (Glacier Instant Retrieval)", "Glacier Instant Retrieval retrievals", NULL,
                           "transitions to Glacier Instant Retrieval",
                           "early delete (Glacier Instant Retrieval)", 90, 128, FALSE,
                           TO (S3_GLACIER_FLEXIBLE) | TO (S3_GLACIER_DEEP_ARCHIVE) },
  [S3_GLACIER_FLEXIBLE] = { "glacier_flexible", "Glacier Flexible Retrieval storage",
                            "GET requests (Glacier Flexible Retrieval)", "Glacier Flexible Retrieval restores (per GB)",
                            "Glacier Flexible Retrieval restore requests",
                            "transitions to Glacier Flexible Retrieval",
                            "early delete (Glacier Flexible Retrieval)", 90, 0, TRUE, TO (S3_GLACIER_DEEP_ARCHIVE) },
  [S3_GLACIER_DEEP_ARCHIVE] = { "glacier_deep_archive", "Glacier Deep Archive storage",
                                "GET requests (Glacier Deep Archive)", "Glacier Deep Archive restores (per GB)",
                                "Glacier Deep Archive restore requests", "transitions to Glacier Deep Archive",
                                "early delete (Glacier Deep Archive)", 180, 0, TRUE, 0 },
};

const char *const s3_restore_speed_names[S3_RESTORE_COUNT] = {
  [S3_RESTORE_STANDARD] = "standard", [S3_RESTORE_BULK] = "bulk", [S3_RESTORE_EXPEDITED] = "expedited",
};

static const PcPrice *
class_price (const PcCatalog *catalog, S3Class c, const char *item, GError **error)
{
  g_autofree char *key = g_strdup_printf ("s3.%s.%s", s3_classes[c].id, item);
  return pc_catalog_price (catalog, key, error);
}

/* Per-GB retrieval and per-request restore prices. */
static gboolean
retrieval_prices (const PcCatalog *catalog, S3Class c, S3RestoreSpeed speed, S3ClassPrices *p, GError **error)
{
  if (c == S3_STANDARD_IA || c == S3_ONE_ZONE_IA || c == S3_GLACIER_INSTANT)
    return (p->retrieval = class_price (catalog, c, "retrieval_gb", error)) != NULL;
  if (!s3_classes[c].archival)
    return TRUE;
  if (c == S3_GLACIER_DEEP_ARCHIVE && speed == S3_RESTORE_EXPEDITED) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "restore_speed=\"expedited\": Glacier Deep Archive has no expedited restores; allowed: standard, bulk");
    return FALSE;
  }
  g_autofree char *gb = g_strdup_printf ("%s_retrieval_gb", s3_restore_speed_names[speed]);
  g_autofree char *request = g_strdup_printf ("%s_restore_request", s3_restore_speed_names[speed]);
  return (p->retrieval = class_price (catalog, c, gb, error)) && (p->restore = class_price (catalog, c, request, error));
}

gboolean
s3_class_prices (const PcCatalog *catalog, S3Class c, S3RestoreSpeed speed, gboolean read, gboolean transition_into,
                 S3ClassPrices *p, GError **error)
{
  *p = (S3ClassPrices) { 0 };
  const char *storage = c == S3_INTELLIGENT_TIERING ? "frequent_gb_month" : "gb_month";
  if (!(p->storage = class_price (catalog, c, storage, error)) || !(p->put = class_price (catalog, c, "put_request", error)) ||
      !(p->get = class_price (catalog, c, "get_request", error)) ||
      (read && !retrieval_prices (catalog, c, speed, p, error)))
    return FALSE;
  /* Early deletes are charged at the storage rate; Deep Archive's feed has its own (equal) item. */
  p->early_delete = p->storage;
  if (c == S3_GLACIER_DEEP_ARCHIVE && !(p->early_delete = class_price (catalog, c, "early_delete_gb_month", error)))
    return FALSE;
  if (transition_into) {
    g_autofree char *key = g_strdup_printf ("s3.lifecycle.to_%s_request", s3_classes[c].id);
    if (!(p->transition = pc_catalog_price (catalog, key, error)))
      return FALSE;
  }
  return TRUE;
}
