/* pc-private.h - libphasecast internals shared between core files.
 * Never installed; the CLI and tests include it through phasecast.h. */
#pragma once

/* Every function a public header declares carries PC_API and is exported;
 * what this header declares is hidden (the library is built with
 * -fvisibility=hidden and -DPC_COMPILATION; see pc-plugin.h). */
#include "phasecast.h"
#include "pc-check.h"

#include <errno.h>
#include <math.h>
#include <string.h>
#include <libxml/tree.h>

/* ---- xml.c (pc_xml_load and friends are public: pc-xml.h) ---- */
gboolean pc_xml_double (const xmlNode *node, const char *path, const char *name, double fallback,
                        double *out, GError **error);
gboolean pc_xml_whole (const xmlNode *node, const char *path, const char *name, guint64 fallback, guint64 min,
                       guint64 max, guint64 *out, GError **error);
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
  double flat_usd;          /* a price of one paid tier: its rate (the month loop's fast path); else -1 */
  const char *file;         /* the catalog file it was read from (owned by the catalog) */
  int line;
  int pool;                 /* the account's allowance it draws on (model.c), -1 when it has no free tier */
  gboolean free_off;        /* free tiers charged at the paid rate (--free-tier none|used; model.c) */
  char *sku;                /* the feed's SKU and rate code, NULL unless imported from a feed */
  char *rate_code;
  gint read;                /* set (atomically) when a plugin looks it up: an addition no one reads is reported */
};

/* Sets @price's flat_usd from its tiers; after every change to them. */
static inline void
pc_price_settle (PcPrice *price)
{
  gboolean flat = price->n_tiers == 1 && price->tiers[0].free == PC_FREE_NONE;
  price->flat_usd = flat ? price->tiers[0].usd : -1.0;
}

void pc_catalog_scale (PcCatalog *catalog, double factor);

struct _PcCatalog {
  char *region;
  char *name;
  GPtrArray *files;         /* char *, the files merged in, layer by layer */
  GHashTable *prices;       /* key -> PcPrice* (owned) */
  GHashTable *sources;      /* "file\x1fid" -> text */
  GPtrArray *replaced;      /* PcPrice* (owned) a later layer replaced */
  GArray *overrides;        /* PcPriceOverride, in the order they happened */
  char *missing_hint;       /* appended to "no price" errors, or NULL */
  GPtrArray *read_keys;     /* conformance checks only: keys looked up (char*), or NULL */
  GPtrArray *missed_keys;   /* ... and keys missing, or NULL */
};

/* Records every key pc_catalog_price() is asked for from now on, and the
 * ones it lacks (conformance checks: single-threaded, private catalogs). */
void pc_catalog_track_lookups (PcCatalog *catalog);
/* Starts (@record) or stops recording the keys pc_catalog_price() does not
 * find; stopping returns them (transfer full, nullable). */
GPtrArray *pc_catalog_record_misses (PcCatalog *catalog, gboolean record);

/* Adds the distinct regions of @path's catalogs to @regions (char*). */
gboolean pc_catalog_list_regions (const char *path, GPtrArray *regions, GError **error);

/* What a layer may do to the prices of the layers before it. */
typedef enum {
  PC_LAYER_BASE,            /* the shipped catalogs: a key an earlier layer has is a duplicate */
  PC_LAYER_FRAGMENT,        /* a plugin's fragment: replaces, and each replacement is recorded */
  PC_LAYER_EXTRA,           /* a --catalog file: replaces, and each replacement and addition is recorded */
} PcLayerKind;

/* Merges @n_paths files as one layer over what @catalog holds: a key twice
 * within the layer is an error; a key of an earlier layer is replaced or
 * refused as @kind says. */
gboolean pc_catalog_add_layer (PcCatalog *catalog, const char *const *paths, guint n_paths, PcLayerKind kind,
                               GError **error);

/* ---- host.c ---- */
/* The --catalog files (char*) and the regions of each (GStrv). */
const GPtrArray *pc_host_catalog_files (const PcHost *host);
const GPtrArray *pc_host_catalog_regions (const PcHost *host);
/* The regions of the plugin's fragment ("global" included), or NULL. */
const char *const *pc_plugin_fragment_regions (const PcPlugin *plugin);

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

/* ---- workload.c ---- */
PcWorkload *pc_workload_read (const xmlNode *workload, const xmlNode *legacy, const char *path, GError **error);
const char *pc_rate_per_name (PcRatePer per);
/* ---- usage.c ---- */
/* create() with the host's checks; (transfer full) or NULL with @error. */
gpointer pc_plugin_create (const PcPlugin *plugin, const PcConfig *config, const PcCatalog *catalog, GError **error);
/* Lays out @usage's named demands in the order @config's plugin resolved
 * them; FALSE naming one it does not read. */
gboolean pc_usage_place_named (PcUsage *usage, const PcConfig *config, GError **error);
/* One checked step of @instance over @usage with @scratch as its memory. */
gboolean pc_usage_step (PcUsage *usage, const PcPlugin *plugin, gconstpointer instance, gpointer scratch,
                        PcStepResult *result, GError **error);

/* ---- render-*.c ---- */
char *pc_render_json (const PcReport *report, gboolean months);
char *pc_render_csv (const PcReport *report, PcCsvTable table);
char *pc_render_table (const PcReport *report, gboolean months);
/* ---- runway.c ---- */
/* Simulates run @index once per phase, pinned, and records in @result the
 * month each runway item is first crossed (runs below PC_RUNWAY_RUNS). */
gboolean pc_runway_attach (const PcModel *model, guint64 seed, guint index, PcRunResult *result, GError **error);
/* Fills report->runway and each phase's load flag from @aggregate. */
void pc_report_runway (PcReport *report, const PcAggregate *aggregate);
/* ---- claims.c ---- */
void pc_report_slot_costs (PcReport *report);
void pc_report_compare_claims (PcReport *report);
/* The median run's mean monthly cost of the component @decl replaces, in
 * the first phase that runs it (@phase), or NAN (and -1) when none does. */
double pc_report_replaced_cost (const PcReport *report, const PcComponentDecl *decl, int *phase);

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
  PcStepResultHead head;    /* n_metrics and metrics, which pc_result_metric() writes inline (pc-plugin.h) */
  /* The four cleared to 0 at every reset sit together: a couple of wide stores. */
  guint n_lines;
  gboolean overflow;        /* more lines than fit: reported as an error */
  gboolean bad_line;        /* a line's quantity or cost is negative or not finite */
  gboolean misused;         /* any of the three misuses: the one flag the month loop reads */
  int bad_metric;           /* first metric index out of range or not finite, -1 if none */
  double bad_value;
  gboolean keep_lines;      /* store the lines (TRUE when new); a run that shows no line
                             * clears it, and lines are then only counted and checked */
  const char *bad_item;     /* the first bad line's item */
  double usd;
  double *pool_used;        /* the run's use this month of each free-tier allowance, or NULL (priced alone) */
  PcLine lines[PC_MAX_LINES];
};

/* Cost of @quantity units of @price when the account has already used
 * @already units of it this month: the tiers (free ones and volume ones)
 * are the account's, so this is cost(@already + @quantity) - cost(@already). */
double pc_price_cost_after (const PcPrice *price, double already, double quantity, guint account_month);

/* Clears @result for a plugin reporting @n_metrics metrics (keep_lines and
 * pool_used are the owner's, set once, and stay).  Inline and
 * with a fixed-size clear of the first PC_FEW_METRICS slots (a few vector
 * stores, no call): it runs once per component-month, and most plugins
 * have fewer metrics than that. */
#define PC_FEW_METRICS 16
G_STATIC_ASSERT (PC_FEW_METRICS <= PC_MAX_METRICS);
static inline void
pc_step_result_reset (PcStepResult *result, guint n_metrics)
{
  result->n_lines = 0;
  result->overflow = result->bad_line = result->misused = FALSE;
  result->head.n_metrics = n_metrics;
  result->bad_metric = -1;
  result->usd = 0.0;
  /* Unrolled by hand: compilers turn a fixed memset into `rep stos`. */
#pragma GCC unroll 8
  for (guint i = 0; i < PC_FEW_METRICS; i += 2)
    result->head.metrics[i] = result->head.metrics[i + 1] = 0.0;
  if (G_UNLIKELY (n_metrics > PC_FEW_METRICS))
    memset (result->head.metrics + PC_FEW_METRICS, 0, sizeof (double) * (n_metrics - PC_FEW_METRICS));
}
/* FALSE with @error naming the plugin when its step broke the result's
 * contract (too many lines, a bad metric, a cost that is not finite and
 * non-negative). */
gboolean pc_step_result_check (const PcStepResult *result, const PcPluginInfo *info, GError **error);
/* FALSE with @error naming the first field of @demand that is negative or
 * not finite. */
gboolean pc_demand_check (const PcDemand *demand, GError **error);


gboolean pc_parse_double (const char *text, double *out);
gboolean pc_parse_date_prefix (const char *text, GDate *out);

/* ---- stats.c ---- */
/* This thread's CPU time so far, in seconds. */
double pc_thread_cpu_seconds (void);
/* Adds @runs and @cpu_seconds to this thread's share in @stats (a thread
 * first seen is numbered next; the caller of pc_simulate() registers first,
 * with 0 runs, to be thread 0).  Thread-safe. */
void pc_stats_add_thread (PcStats *stats, guint runs, double cpu_seconds);

/* ---- json-text.c ---- */
/* Returns: (transfer full): json-glib generator output with its known
 * defects repaired (see json-text.c). */
char *pc_json_repair (const char *text);

/* ---- usage.c, usage-read.c ---- */
PcUsage *pc_usage_copy (const PcUsage *usage);
/* Sets usage key @name to another plausible value than it has. */
void pc_usage_probe (PcUsage *usage, const char *name);
/* Every usage key (stored_gb standing for stored_gb_age_N), NULL-terminated. */
const char *const *pc_usage_key_names (void);
/* The usage keys set on @usage with pc_usage_set, in order (char*). */
const GPtrArray *pc_usage_given (const PcUsage *usage);


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
