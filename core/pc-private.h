/* pc-private.h - libphasecast internals shared between core files.
 * Never installed; the CLI and tests include it through phasecast.h. */
#pragma once

/* Every function a public header declares is exported; the rest is hidden
 * (the library is built with -fvisibility=hidden). */
#include <gmodule.h>
#ifndef PC_API
#define PC_API G_MODULE_EXPORT extern
#endif

#include "phasecast.h"

#include <errno.h>
#include <math.h>
#include <libxml/tree.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (xmlDoc, xmlFreeDoc)

/* ---- xml.c ---- */
xmlDoc *pc_xml_load (const char *path, const char *schema_name, GError **error);
gboolean pc_xml_is (const xmlNode *node, const char *name);
char *pc_xml_attr (const xmlNode *node, const char *name);
char *pc_xml_text (const xmlNode *node);
gboolean pc_xml_double (const xmlNode *node, const char *path, const char *name, double fallback,
                        double *out, GError **error);
void pc_xml_error (GError **error, gint code, const xmlNode *node, const char *path,
                   const char *format, ...) G_GNUC_PRINTF (5, 6);

/* ---- catalog.c ---- */
typedef enum { PC_FREE_NONE, PC_FREE_ALWAYS, PC_FREE_12_MONTH } PcFreeKind;

typedef struct {
  double upto;        /* cumulative upper bound; INFINITY for the last tier */
  double usd;         /* per unit */
  PcFreeKind free;
} PcTier;

struct _PcPrice {
  char *key;
  char *unit;
  char *source_id;
  const char *source_text;  /* owned by the catalog's sources table */
  char *date;
  char *derived;            /* NULL unless computed rather than read */
  char *note;
  PcTier *tiers;
  guint n_tiers;
  char *file;               /* base name of the catalog file that holds it */
  char *sku;                /* the feed's SKU and rate code, NULL unless imported from a feed */
  char *rate_code;
};

struct _PcCatalog {
  char *region;
  char *name;
  GPtrArray *files;         /* char *, the files merged in */
  GHashTable *prices;       /* key -> PcPrice* (owned) */
  GHashTable *sources;      /* "file\x1fid" -> text */
  GPtrArray *misses;        /* keys asked for and not found, while an audit records them */
};

/* Starts (@record) or stops recording the keys pc_catalog_price() does not
 * find; stopping returns them (transfer full, nullable). */
GPtrArray *pc_catalog_record_misses (PcCatalog *catalog, gboolean record);

/* ---- config.c ---- */
typedef struct {
  double number;            /* DOUBLE, INT, BOOL (0/1) */
  guint choice;             /* ENUM */
} PcValue;

struct _PcConfig {
  const PcPluginInfo *info;
  char *component;
  PcValue *values;          /* [info->n_params] */
  const GPtrArray *demand_names;  /* char*: the workload's named demands (not owned), or NULL */
  GPtrArray *demands_read;  /* char*: names the plugin resolved (price mode: grows on demand) */
  char *misuse;             /* first accessor misuse in create(), reported by the host */
};

/* ---- render-*.c ---- */
char *pc_render_json (const PcReport *report, gboolean months);
char *pc_render_csv (const PcReport *report, PcCsvTable table);
char *pc_render_table (const PcReport *report, gboolean months);
/* ---- claims.c ---- */
void pc_report_slot_costs (PcReport *report);
void pc_report_compare_claims (PcReport *report);

/* Same plugin, same parameter values. */
gboolean pc_config_equal (const PcConfig *a, const PcConfig *b);

/* ---- result lines (run.c) ---- */

typedef struct {
  const char *item;
  double quantity;
  const char *unit;
  double usd;
  const PcPrice *price;
} PcLine;

/* What every step touches comes first, the lines (read only by detailed
 * runs and observers) last, so a step's result spans few cache lines. */
struct _PcStepResult {
  guint n_lines;
  guint n_metrics;          /* the plugin's own metric count */
  gboolean overflow;        /* more lines than fit: reported as an error */
  int bad_metric;           /* first metric index out of range or not finite, -1 if none */
  double bad_value;
  gboolean bad_line;        /* a line's quantity or cost is negative or not finite */
  gboolean keep_lines;      /* store the lines (TRUE after a reset); a run that shows no line
                             * clears it, and lines are then only counted and checked */
  const char *bad_item;     /* the first bad line's item */
  double usd;
  double metrics[PC_MAX_METRICS];
  PcLine lines[PC_MAX_LINES];
};

/* Clears @result for a plugin reporting @n_metrics metrics. */
void pc_step_result_reset (PcStepResult *result, guint n_metrics);
/* FALSE with @error naming the plugin when its step broke the result's
 * contract (too many lines, a bad metric, a cost that is not finite and
 * non-negative). */
gboolean pc_step_result_check (const PcStepResult *result, const PcPluginInfo *info, GError **error);
/* FALSE with @error naming the first field of @demand that is negative or
 * not finite. */
gboolean pc_demand_check (const PcDemand *demand, GError **error);


gboolean pc_parse_double (const char *text, double *out);

/* A numeric attribute described as data: the scenario's growth and load
 * parameters are tables of these, so parsing, defaults, bounds and the
 * documentation come from one place. */
typedef struct {
  const char *attr;
  gsize offset;               /* of the double within its struct */
  double fallback, min, max;
} PcNumberAttr;

/* @others: NULL-terminated names of the element's non-numeric attributes. */
gboolean pc_xml_read_numbers (const xmlNode *node, const char *path, const PcNumberAttr *table,
                              guint n, const char *const *others, gpointer target, GError **error);
