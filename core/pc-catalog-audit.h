/* pc-catalog-audit.h - provenance, age and gaps of the price catalogs
 * (catalog-audit.c), for `phasecast catalog audit`. */
#pragma once

/* Part of phasecast.h, which includes it after the types it uses. */

G_BEGIN_DECLS

typedef struct {
  char *id;                   /* unique within the audit */
  char *file;                 /* catalog file that declares it */
  char *text;                 /* what it is, with its date */
} PcAuditSource;

typedef struct {
  char *region, *key;
  char *unit;
  double usd;                 /* first paid rate */
  char *source;               /* PcAuditSource.id */
  char *date;                 /* as the source states it */
  char *derived;              /* how, or NULL when read */
  gboolean feed;              /* imported from an AWS feed (has a SKU) */
  int age_days;               /* -1 when the date has no YYYY-MM-DD */
} PcAuditPrice;

typedef struct {
  char *plugin, *region;
  char *setting;              /* "defaults" or "param=choice" */
  char *key;                  /* the price create() could not find */
} PcAuditGap;

typedef struct {
  GPtrArray *sources;         /* PcAuditSource* */
  GPtrArray *prices;          /* PcAuditPrice*, by region then key */
  GPtrArray *gaps;            /* PcAuditGap* */
  GHashTable *source_index;   /* "id\x1ftext" -> PcAuditSource.id */
  GHashTable *seen;           /* global prices already listed */
} PcAudit;

PC_API PcAudit *pc_audit_new (void);
PC_API void pc_audit_free (PcAudit *audit);
/* Adds every price of @catalog; ages are counted to @today. */
PC_API void pc_audit_add_catalog (PcAudit *audit, const PcCatalog *catalog, GDate *today);
/* Creates @info's plugin in @catalog with its defaults and each enum choice,
 * recording the keys it could not find. */
PC_API void pc_audit_add_plugin (PcAudit *audit, const PcPluginInfo *info, PcCatalog *catalog);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcAudit, pc_audit_free)

G_END_DECLS
