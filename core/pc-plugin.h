/* pc-plugin.h - the one header a phasecast plugin author needs.
 *
 * A plugin is a shared module that exports exactly one symbol,
 * pc_plugin_get_info(), returning a constant PcPluginInfo.  The host reads
 * `abi` before anything else and refuses a module whose number differs; it
 * then checks every field (see core/host.c) and refuses, naming the file, a
 * descriptor that is incomplete.
 *
 * ABI rules (written down so they are kept):
 *   - PC_PLUGIN_ABI changes only when an existing field or signature changes.
 *   - PC_PLUGIN_API rises whenever something is appended; a plugin states the
 *     lowest API it needs in `api_min`.
 *   - Plugins never allocate host structures (PcDemand, PcStepContext, ...)
 *     and never index arrays of them, so fields can be appended safely.
 *
 * Each month the host calls step() once per component, in pipeline order
 * (PcStage).  The plugin reads the demand that reaches it, may change it for
 * the stages downstream (a CDN absorbs origin requests, a cache absorbs DB
 * reads), reports its metrics by index into its own metric table and charges
 * line items through prices it resolved once in create().
 */
#pragma once

#include <glib.h>
#include <gmodule.h>

G_BEGIN_DECLS

#define PC_PLUGIN_ABI 1
#define PC_PLUGIN_API 1

/* AWS bills a month as 730 hours (8760 / 12); so does its calculator. */
#define PC_HOURS_PER_MONTH 730.0
#define PC_DAYS_PER_MONTH (PC_HOURS_PER_MONTH / 24.0)

typedef enum {
  PC_STAGE_EDGE,
  PC_STAGE_INGRESS,
  PC_STAGE_COMPUTE,
  PC_STAGE_CACHE,
  PC_STAGE_DATABASE,
  PC_STAGE_STORAGE,
  PC_STAGE_OBSERVABILITY,
  PC_STAGE_THIRD_PARTY,
  PC_STAGE_COUNT
} PcStage;

typedef enum {
  PC_PARAM_DOUBLE,
  PC_PARAM_INT,
  PC_PARAM_BOOL,
  PC_PARAM_ENUM,   /* one of the '|'-separated `choices` */
} PcParamType;

/* One configurable parameter.  The host parses defaults and roadmap values
 * with the same checked parser and enforces min <= value <= max. */
typedef struct {
  const char *name;          /* "vcpu" */
  PcParamType type;
  const char *default_value; /* text, as it would appear in a roadmap */
  const char *unit;          /* "vCPU", "GB", "tasks"; "" when unitless */
  double min, max;           /* numeric bounds (ignored for ENUM) */
  const char *choices;       /* ENUM only: "gp2|gp3" */
  const char *doc;           /* one line */
} PcParamSpec;

/* One metric a plugin reports each month; triggers name it. */
typedef struct {
  const char *name;          /* "cpu_utilisation" */
  const char *unit;          /* "ratio", "s", "tasks" */
  const char *doc;
} PcMetricSpec;

/* Demand reaching a component this month (host-owned; plugins may modify
 * the fields a downstream stage reads).  Rates are for an average day. */
typedef struct {
  double rps_by_hour[24];     /* origin (dynamic) requests per second, hour 0..23 */
  double peak_factor;         /* peak-second rps / hourly mean rps */
  double requests;            /* dynamic requests this month */
  double static_requests;     /* static asset requests (served by a CDN) */
  double cpu_ms_per_request;  /* compute CPU time per dynamic request, at 1 vCPU */
  double db_queries_per_request;
  double db_read_share;       /* share of DB queries that are reads */
  double db_cpu_ms_per_query; /* DB CPU time per query, at 1 vCPU */
  double db_storage_gb;       /* provisioned database data size */
  double egress_gb;           /* dynamic responses to the internet */
  double static_egress_gb;    /* static assets to the internet */
  double stored_gb;           /* object storage at month end, all ages */
  const double *stored_gb_by_age; /* [n_ages]: GB written k months ago */
  guint n_ages;
  double temp_gb_written;     /* temporary files written this month */
  double object_puts;         /* object writes this month */
  double object_gets;         /* object reads this month */
  double emails;              /* transactional emails this month */
  double monthly_active_users;
  double log_gb;              /* application logs this month */
  double errors;              /* application error events this month */
  double db_connections_peak; /* client connections at the peak hour */
  double response_time_s;     /* peak-hour latency accumulated by the stages */
  double reserved[16];
} PcDemand;

/* Business state at this month (read-only for plugins). */
typedef struct {
  double paying_customers;
  double active_users;
  double quotes_month;
  double quotes_total;
  double annual_revenue_usd;
  double business_units;
  double regions;
  double reserved[8];
} PcBusinessState;

typedef struct _PcCatalog PcCatalog;       /* unit prices of one region */
typedef struct _PcPrice PcPrice;           /* one priced item, maybe tiered */
typedef struct _PcConfig PcConfig;         /* a component's parsed parameters */
typedef struct _PcStepResult PcStepResult; /* where step() reports */

typedef struct {
  guint month;                   /* months since the scenario start */
  guint account_month;           /* months since the AWS account opened */
  double hours;                  /* PC_HOURS_PER_MONTH */
  const PcBusinessState *state;
  gpointer rng;                  /* gsl_rng * of this run; never seed or free it */
  gpointer reserved[8];
} PcStepContext;

typedef struct {
  guint32 abi;                   /* PC_PLUGIN_ABI; always first */
  guint32 api_min;               /* lowest host API this plugin needs */
  guint32 size;                  /* sizeof (PcPluginInfo) at build time */
  const char *name;              /* must equal the module's file name */
  const char *version;
  const char *summary;
  PcStage stage;
  const PcParamSpec *params;
  guint n_params;
  const PcMetricSpec *metrics;
  guint n_metrics;
  /* Resolve prices and read parameters once; return the instance state. */
  gpointer (*create) (const PcConfig *config, const PcCatalog *catalog, GError **error);
  /* Advance one month.  Must not allocate; returns FALSE with error set on failure. */
  gboolean (*step) (gpointer state, const PcStepContext *ctx, PcDemand *demand,
                    PcStepResult *result, GError **error);
  void (*destroy) (gpointer state);
  gpointer reserved[8];
} PcPluginInfo;

/* The entry point every plugin defines (declared here so the compiler
 * checks each definition). */
G_MODULE_EXPORT const PcPluginInfo *pc_plugin_get_info (void);

/* Fills the descriptor; use once per plugin. */
#define PC_PLUGIN_DEFINE(name_, version_, summary_, stage_, params_, metrics_, create_, step_, destroy_) \
  G_MODULE_EXPORT const PcPluginInfo *pc_plugin_get_info (void)                                     \
  {                                                                                                 \
    static const PcPluginInfo info = {                                                              \
      PC_PLUGIN_ABI, PC_PLUGIN_API, sizeof (PcPluginInfo), name_, version_, summary_, stage_,        \
      params_, G_N_ELEMENTS (params_), metrics_, G_N_ELEMENTS (metrics_),                           \
      create_, step_, destroy_, { NULL } };                                                         \
    return &info;                                                                                   \
  }

/* ---- Host API for plugins (libphasecast) ---- */

#define PC_PLUGIN_ERROR (pc_plugin_error_quark ())
GQuark pc_plugin_error_quark (void);
typedef enum {
  PC_PLUGIN_ERROR_OPEN,
  PC_PLUGIN_ERROR_NO_ENTRY,
  PC_PLUGIN_ERROR_ABI,
  PC_PLUGIN_ERROR_API,
  PC_PLUGIN_ERROR_INVALID_INFO,
  PC_PLUGIN_ERROR_NAME,
  PC_PLUGIN_ERROR_DUPLICATE,
  PC_PLUGIN_ERROR_CONFIG,        /* a component's settings are unusable */
  PC_PLUGIN_ERROR_FAILED,
} PcPluginError;

/* Parameters, by index into the plugin's own table. */
double pc_config_double (const PcConfig *config, guint index);
gint64 pc_config_int (const PcConfig *config, guint index);
gboolean pc_config_bool (const PcConfig *config, guint index);
/* ENUM: the index of the value within `choices`. */
guint pc_config_choice (const PcConfig *config, guint index);
const char *pc_config_component (const PcConfig *config); /* instance name */

/* Prices.  Look them up in create(); the returned pointer lives as long as
 * the catalog.  On a missing key: NULL and PC_PLUGIN_ERROR_CONFIG naming the
 * key and the catalog's region. */
const PcPrice *pc_catalog_price (const PcCatalog *catalog, const char *key, GError **error);
const char *pc_catalog_region (const PcCatalog *catalog);
/* The first non-free unit price (USD per unit). */
double pc_price_unit_usd (const PcPrice *price);
/* Cost of `quantity` units this month: walks the volume tiers and skips
 * free tiers that have expired by `account_month`. */
double pc_price_cost (const PcPrice *price, double quantity, guint account_month);

/* Results.  Items are static strings owned by the plugin. */
void pc_result_metric (PcStepResult *result, guint metric_index, double value);
/* Adds a line item for `quantity` of `price` and returns its USD. */
double pc_result_charge (PcStepResult *result, const char *item, const PcPrice *price,
                         double quantity, const PcStepContext *ctx);
/* Adds a line item with a cost computed by the plugin (e.g. a discount). */
void pc_result_line (PcStepResult *result, const char *item, double quantity,
                     const char *unit, double usd, const PcPrice *price);

/* Queueing (M/M/c).  Erlang C: probability an arrival waits, for c servers
 * and offered load a = lambda / mu (Erlangs).  1.0 when a >= c. */
double pc_erlang_c (guint servers, double offered_load);
/* A saturated queue grows without bound; clients give up at 60 s (the
 * default idle timeout of an AWS load balancer), so that is what we report. */
#define PC_SATURATED_RESPONSE_S 60.0
/* Mean response time (wait + service) in seconds for arrival rate lambda
 * and per-server service rate mu; PC_SATURATED_RESPONSE_S when lambda >= c mu. */
double pc_mmc_response_time (guint servers, double lambda, double mu);

G_END_DECLS
