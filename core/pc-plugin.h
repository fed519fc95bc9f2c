/* pc-plugin.h - the one header a phasecast plugin author needs.
 *
 * Installed as <phasecast/pc-plugin.h>; build with
 * `pkg-config --cflags --libs phasecast-plugin`.  It compiles as C11 and as
 * C++ (PC_PLUGIN_DEFINE needs C++20 there, for designated initializers
 * given in declaration order).  The guide is plugins/README.md.
 *
 * A plugin is a shared module that exports exactly one symbol,
 * pc_plugin_get_info(), returning a constant PcPluginInfo (write it with
 * PC_PLUGIN_DEFINE).  The host reads `abi` before anything else, refuses a
 * module whose number differs, then checks every field and refuses, naming
 * the file, a descriptor that is incomplete (plugins/README.md lists the
 * checks and the versioning policy).  Its prices travel with it: a catalog
 * fragment NAME.prices.xml beside the module is found and checked when the
 * plugin is opened, and pc_catalog_price() sees its prices.
 *
 * Life of a plugin.  When a model is built, the host calls create() once
 * for every component that uses the plugin in every phase: the plugin reads
 * its parameters and resolves its prices and named demands there, and
 * returns an instance that never changes afterwards.  Every month of every
 * run, on any thread, the host calls step() with that instance (read-only),
 * the run's context, the demand that reaches the component and a result to
 * fill.  Anything a plugin must remember from month to month lives in the
 * per-run memory the host hands it (run_state_size, ctx->scratch), never in
 * the instance.  destroy() frees what create() made.
 *
 * Each month the host steps the components in pipeline order (PcStage).  A
 * plugin reads the demand that reaches it, may change it for the stages
 * downstream (a CDN absorbs origin requests, a cache absorbs database
 * reads), reports its metrics by index into its own metric table and charges
 * line items through prices it resolved in create().  step() must not
 * allocate, block or look anything up by name.
 */
#pragma once

#include <glib.h>
#include <gmodule.h>
#include <math.h>

G_BEGIN_DECLS

/* Versions (plugins/README.md, "Versioning").  ABI: rises when the layout
 * of anything a plugin and the host share changes (a field, an enum value,
 * a table entry's size, a callback's signature); a plugin built for another
 * ABI is refused, and installed plugins live in lib/phasecast/plugins-ABI.
 * API: rises when something is added without breaking the ABI (a function,
 * a macro, a field appended to a host-owned struct); PC_PLUGIN_DEFINE
 * records the API of the header a plugin was built with as its api_min,
 * and an older host refuses it. */
#define PC_PLUGIN_ABI 2
#define PC_PLUGIN_API 3

/* AWS bills a month as 730 hours (8760 / 12); so does its calculator. */
#define PC_HOURS_PER_MONTH 730.0
#define PC_DAYS_PER_MONTH (PC_HOURS_PER_MONTH / 24.0)

/* Limits the host enforces (a plugin beyond them is refused or its step fails). */
#define PC_MAX_LINES 32        /* line items one step may add */
#define PC_MAX_METRICS 32      /* entries of a plugin's metric table */
#define PC_MAX_PARAMS 64       /* entries of a plugin's parameter table */
#define PC_MAX_LEVELS 64       /* load levels of a month (PcDemand) */
#define PC_MAX_RUN_STATE 65536 /* bytes of per-run memory (run_state_size) */

/* Pipeline order: each month the host steps a phase's components stage by
 * stage, and a stage sees the demand every earlier stage has left.  The
 * stage also orders components in reports. */
typedef enum {
  PC_STAGE_EDGE,           /* CDN, WAF at the edge, edge functions */
  PC_STAGE_INGRESS,        /* load balancers, API gateways, NAT */
  PC_STAGE_COMPUTE,        /* tasks, functions, nodes */
  PC_STAGE_CACHE,          /* caches in front of the database */
  PC_STAGE_PROXY,          /* connection poolers in front of the database */
  PC_STAGE_DATABASE,       /* database instances and clusters */
  PC_STAGE_STORAGE,        /* object storage, backups */
  PC_STAGE_NETWORK,        /* NAT gateways, VPC endpoints, data transfer: the traffic earlier stages shaped */
  PC_STAGE_OBSERVABILITY,  /* logs, metrics, alarms, tracing */
  PC_STAGE_THIRD_PARTY,    /* SaaS and anything that only reads the demand */
  PC_STAGE_COUNT           /* not a stage: the number of stages */
} PcStage;

/* The type of a parameter, which decides its accessor (pc_config_*). */
typedef enum {
  PC_PARAM_DOUBLE,         /* a number in [min, max]; pc_config_double */
  PC_PARAM_INT,            /* a whole number in [min, max]; pc_config_int */
  PC_PARAM_BOOL,           /* true|false (also yes|no, 1|0); pc_config_bool */
  PC_PARAM_ENUM,           /* one of `choices`; pc_config_choice returns its index */
} PcParamType;

/* One configurable parameter.  The host parses defaults, roadmap values and
 * --set values with one checked parser and enforces min <= value <= max;
 * `phasecast plugins show NAME` lists the table.  Write entries with the
 * PC_DOUBLE/PC_INT/PC_BOOL/PC_CHOICE macros below. */
typedef struct {
  const char *name;               /* as written in a roadmap's <set name=...>: "vcpu" */
  PcParamType type;               /* which accessor reads it */
  const char *default_value;      /* text, as it would appear in a roadmap; must parse */
  const char *unit;               /* "vCPU", "GB", "tasks"; "" when unitless */
  double min, max;                /* numeric bounds, inclusive (ignored for BOOL and ENUM) */
  const char *const *choices;     /* ENUM: the names, indexed by the author's enum */
  guint n_choices;                /* ENUM: entries of choices */
  const char *doc;                /* one line for `plugins show` */
} PcParamSpec;

/* Table entries, meant for designated initializers so an author's enum and
 * the table cannot disagree (C; in C++ list the entries in enum order):
 *   enum { P_VCPU, P_ARCH, P_COUNT };
 *   enum { ARCH_X86, ARCH_ARM, ARCH_COUNT };
 *   static const char *const arch_names[] = { [ARCH_X86] = "x86", [ARCH_ARM] = "arm" };
 *   PC_CHECK_TABLE (arch_names, ARCH_COUNT);
 *   static const PcParamSpec params[] = {
 *     [P_VCPU] = PC_DOUBLE ("vcpu", "0.25", "vCPU", 0.25, 16, "vCPU per task"),
 *     [P_ARCH] = PC_CHOICE ("architecture", "x86", arch_names, "CPU architecture"),
 *   };
 *   PC_CHECK_TABLE (params, P_COUNT);
 */
#define PC_DOUBLE(name, def, unit, min, max, doc) { name, PC_PARAM_DOUBLE, def, unit, min, max, NULL, 0, doc }
#define PC_INT(name, def, unit, min, max, doc) { name, PC_PARAM_INT, def, unit, min, max, NULL, 0, doc }
#define PC_BOOL(name, def, doc) { name, PC_PARAM_BOOL, def, "", 0, 1, NULL, 0, doc }
#define PC_CHOICE(name, def, names, doc) { name, PC_PARAM_ENUM, def, "", 0, 0, names, G_N_ELEMENTS (names), doc }
/* A compile-time check that @table has exactly @count entries. */
#define PC_CHECK_TABLE(table, count) G_STATIC_ASSERT (G_N_ELEMENTS (table) == (count))

/* One metric a plugin reports each month (pc_result_metric).  A roadmap's
 * trigger indicator names it as "component.metric" (<indicator
 * metric="database.cpu_utilisation" op="gt" threshold="0.7"/>), and the
 * report follows its value month by month. */
typedef struct {
  const char *name;               /* "cpu_utilisation": [a-z0-9_], unique in the table */
  const char *unit;               /* "ratio", "s", "tasks" */
  const char *doc;                /* one line for `plugins show` */
} PcMetricSpec;

/* The demand reaching a component this month: host-owned; a plugin may
 * change the fields a downstream stage reads.  Every number is finite and
 * non-negative, before and after each step (the host checks).
 *
 * Time.  The month's hours are given as load levels: level k lasts
 * level_hours[k] hours of the month (the n_levels levels add up to
 * ctx->hours) during which origin (dynamic) requests arrive at level_rps[k]
 * per second on average.  The levels come from the scenario's workload:
 * hours of the day, weekdays and weekends, busy and quiet days.  Within an
 * hour the busiest second is peak_factor times the hour's mean.  Levels
 * past n_levels are unused: the host neither fills, reads nor checks them. */
typedef struct {
  double level_hours[PC_MAX_LEVELS];  /* hours of the month at level k */
  double level_rps[PC_MAX_LEVELS];    /* mean dynamic requests per second at level k */
  double peak_factor;             /* busiest second over the hour's mean (>= 1) */
  /* Requests and what they cost, as means over the month's request mix. */
  double requests;                /* dynamic requests this month */
  double static_requests;         /* static asset requests viewers make (a CDN serves them and leaves the count) */
  double cpu_ms_per_request;      /* compute CPU time per dynamic request, at 1 vCPU */
  double cpu_cv2;                 /* squared coefficient of variation of that time (1: exponential) */
  double memory_mb_per_request;   /* compute memory a request holds while in flight (time-weighted mean) */
  double compute_base_memory_mb;  /* memory an application task holds at rest, before any request */
  double db_queries_per_request;  /* database queries per dynamic request */
  double db_read_share;           /* share of database queries that are reads */
  double db_replica_share;        /* share of database queries a read replica may serve (reports) */
  double db_replica_cpu_share;    /* share of database CPU time those queries take */
  double db_cpu_ms_per_query;     /* database CPU time per query, at 1 vCPU */
  double db_rows_per_query;       /* rows (pages, at worst) a query reads or writes */
  /* Data. */
  double db_storage_gb;           /* database data size */
  double db_working_set_gb;       /* the part of it queries touch in a month */
  double egress_gb;               /* dynamic responses to the internet */
  double static_egress_gb;        /* static assets to the internet */
  double stored_gb;               /* object storage at month end, all ages */
  double temp_gb_written;         /* temporary files written this month */
  double object_puts;             /* object writes this month */
  double object_gets;             /* object reads this month */
  /* People and side effects. */
  double emails;                  /* transactional emails this month */
  double monthly_active_users;    /* users who signed in this month */
  double log_gb;                  /* application logs this month */
  double errors;                  /* application error events this month */
  /* Accumulated by the stages. */
  double db_connections_peak;     /* client connections to the database at the peak */
  double response_time_s;         /* busiest-level latency added by the stages so far */
  /* Counts and pointers a plugin never changes. */
  guint n_levels;                 /* levels in use, at most PC_MAX_LEVELS */
  const double *stored_gb_by_age; /* [n_ages]: GB written k months ago */
  guint n_ages;                   /* entries of stored_gb_by_age */
  double *named;                  /* [n_named]: the workload's named quantities, by the index
                                   * pc_config_demand gave; a plugin may change the values
                                   * for downstream stages like any other quantity */
  guint n_named;                  /* entries of named */
} PcDemand;

/* Business state this month (read-only for plugins; ctx->state). */
typedef struct {
  double paying_customers;        /* customers paying at month end */
  double active_users;            /* users active this month, paying or not */
  double quotes_month;            /* quotes created this month */
  double quotes_total;            /* quotes created since month 0 */
  double annual_revenue_usd;      /* trailing twelve months */
  double business_units;          /* business units using the product */
  double regions;                 /* regions the business serves */
} PcBusinessState;

typedef struct _PcCatalog PcCatalog;       /* unit prices of one region */
typedef struct _PcPrice PcPrice;           /* one priced item, maybe tiered */
typedef struct _PcConfig PcConfig;         /* a component's parsed parameters */
typedef struct _PcStepResult PcStepResult; /* where step() reports */

/* What step() knows about the month besides the demand (host-owned). */
typedef struct {
  guint month;                    /* months since the scenario start */
  guint account_month;            /* months since the AWS account opened (12-month free tiers) */
  double hours;                   /* PC_HOURS_PER_MONTH */
  const PcBusinessState *state;   /* the business this month */
  gpointer rng;                   /* gsl_rng * of this run (NULL when priced by hand); never
                                   * seed or free it; draws change the run's later months */
  gpointer scratch;               /* run_state_size bytes of this run's own memory for this
                                   * component: zeroed when the run starts and whenever the
                                   * component's plugin or settings change at a phase move */
} PcStepContext;

/* The plugin's descriptor: constant, returned by pc_plugin_get_info(). */
typedef struct {
  guint32 abi;                    /* PC_PLUGIN_ABI; always first */
  guint32 api_min;                /* lowest host API this plugin needs (PC_PLUGIN_DEFINE: the header's) */
  guint32 size;                   /* sizeof (PcPluginInfo) at build time */
  const char *name;               /* must equal the module's file name: "sqs" for sqs.so */
  const char *version;            /* the plugin's own version, shown by `plugins list` */
  const char *summary;            /* one line for `plugins list` */
  PcStage stage;                  /* where in the month's pipeline it steps */
  const PcParamSpec *params;      /* its parameter table (PC_PARAMS); NULL when n_params is 0 */
  guint n_params;                 /* entries of params, at most PC_MAX_PARAMS */
  const PcMetricSpec *metrics;    /* its metric table (PC_METRICS); NULL when n_metrics is 0 */
  guint n_metrics;                /* entries of metrics, at most PC_MAX_METRICS */
  /* Reads parameters (pc_config_*), resolves prices (pc_catalog_price) and
   * named demands (pc_config_demand); returns the instance, or NULL with
   * @error set.  Called once per component and phase, when the model is
   * built (so in `phasecast validate` too), never in the month loop. */
  gpointer (*create) (const PcConfig *config, const PcCatalog *catalog, GError **error);
  /* Advances one month: reads @demand, may change it for later stages,
   * reports metrics and charges lines into @result.  Runs on any thread,
   * concurrently with other runs: @instance is read-only, per-run memory is
   * ctx->scratch.  Must not allocate, block or look anything up by name.
   * Returns FALSE with @error set on failure (the run stops, naming it). */
  gboolean (*step) (gconstpointer instance, const PcStepContext *ctx, PcDemand *demand,
                    PcStepResult *result, GError **error);
  /* Frees everything create() made (g_free for a single g_new block). */
  void (*destroy) (gpointer instance);
  gsize run_state_size;           /* bytes of ctx->scratch, at most PC_MAX_RUN_STATE; 0: none */
  const char *cost_may_fall;      /* why cost can fall as demand rises (a cache...), or NULL:
                                   * `plugins check` then skips its "cost never falls" check */
  gpointer reserved[6];           /* zero; room for fields appended within this ABI */
} PcPluginInfo;

/* The entry point every plugin defines (declared here so the compiler
 * checks each definition). */
G_MODULE_EXPORT const PcPluginInfo *pc_plugin_get_info (void);

/* Defines pc_plugin_get_info() from designated initializers (C, or C++20
 * with the fields in declaration order):
 *   PC_PLUGIN_DEFINE (.name = "sqs", .version = "1.0", .summary = "Amazon SQS queues",
 *                     .stage = PC_STAGE_THIRD_PARTY, PC_PARAMS (params), PC_METRICS (metrics),
 *                     .create = sqs_create, .step = sqs_step, .destroy = g_free)
 * A plugin without parameters or metrics leaves PC_PARAMS / PC_METRICS out. */
#define PC_PLUGIN_DEFINE(...)                                                                 \
  G_MODULE_EXPORT const PcPluginInfo *pc_plugin_get_info (void)                               \
  {                                                                                           \
    PC_BEGIN_IGNORE_MISSING_FIELDS                                                            \
    static const PcPluginInfo info = { .abi = PC_PLUGIN_ABI, .api_min = PC_PLUGIN_API,        \
                                       .size = sizeof (PcPluginInfo), __VA_ARGS__ };          \
    PC_END_IGNORE_MISSING_FIELDS                                                              \
    return &info;                                                                             \
  }
/* Fields left out of PC_PLUGIN_DEFINE are zero, as intended; g++ warns
 * about them (C compilers do not, for designated initializers). */
#if defined(__cplusplus) && defined(__GNUC__)
#define PC_BEGIN_IGNORE_MISSING_FIELDS \
  _Pragma ("GCC diagnostic push") _Pragma ("GCC diagnostic ignored \"-Wmissing-field-initializers\"")
#define PC_END_IGNORE_MISSING_FIELDS _Pragma ("GCC diagnostic pop")
#else
#define PC_BEGIN_IGNORE_MISSING_FIELDS
#define PC_END_IGNORE_MISSING_FIELDS
#endif
/* The params / n_params and metrics / n_metrics pairs from a static table. */
#define PC_PARAMS(table) .params = (table), .n_params = G_N_ELEMENTS (table)
#define PC_METRICS(table) .metrics = (table), .n_metrics = G_N_ELEMENTS (table)

/* ---- Host API for plugins (libphasecast) ---- */

/* PC_API marks every function libphasecast exports: the library is built
 * with hidden visibility, so what phasecast.h and this header do not declare
 * with PC_API is not part of the ABI and cannot be linked against.  Only
 * this header's functions are stable: phasecast.h (not installed) is the
 * bundled program's API and may change in any release (plugins/README.md,
 * "Versioning"). */
#ifndef PC_API
#if defined(PC_COMPILATION)
#define PC_API G_MODULE_EXPORT extern
#else
#define PC_API extern
#endif
#endif

/* The error domain of the host and of plugins: create() and step() set
 * their GErrors in it (PC_PLUGIN_ERROR_CONFIG for a setting they refuse,
 * PC_PLUGIN_ERROR_FAILED otherwise). */
#define PC_PLUGIN_ERROR (pc_plugin_error_quark ())
PC_API GQuark pc_plugin_error_quark (void);
typedef enum {
  PC_PLUGIN_ERROR_OPEN,           /* the module cannot be found or opened */
  PC_PLUGIN_ERROR_NO_ENTRY,       /* it exports no pc_plugin_get_info */
  PC_PLUGIN_ERROR_ABI,            /* built for another PC_PLUGIN_ABI */
  PC_PLUGIN_ERROR_API,            /* needs a newer host API */
  PC_PLUGIN_ERROR_INVALID_INFO,   /* the descriptor is incomplete or malformed */
  PC_PLUGIN_ERROR_NAME,           /* its name differs from its file name */
  PC_PLUGIN_ERROR_DUPLICATE,      /* two plugins of one name */
  PC_PLUGIN_ERROR_CONFIG,         /* a component's settings or prices are unusable */
  PC_PLUGIN_ERROR_FAILED,         /* anything else a plugin reports */
  PC_PLUGIN_ERROR_MISUSE,         /* the plugin broke this contract (a bad index, a NaN...) */
} PcPluginError;

/* Parameters, by index into the plugin's own table.  An index out of range
 * or a type that differs from the table's makes create() fail with a
 * message naming the plugin (the accessor then returns 0). */
PC_API double pc_config_double (const PcConfig *config, guint index);
PC_API gint64 pc_config_int (const PcConfig *config, guint index);
PC_API gboolean pc_config_bool (const PcConfig *config, guint index);
/* ENUM: the index of the value within the parameter's choices. */
PC_API guint pc_config_choice (const PcConfig *config, guint index);
/* The component's name in the roadmap ("database"), for messages. */
PC_API const char *pc_config_component (const PcConfig *config);
/* Resolves a named demand quantity of the scenario's workload (SQS
 * messages, Lambda invocations...) to the index step() reads as
 * demand->named[index].  FALSE with @error naming the quantities there are
 * when the workload declares no such name.  Priced by hand (`phasecast
 * price`, plugins check, pc-plugin-test.h) every name resolves, and
 * `--set NAME=VALUE` sets it. */
PC_API gboolean pc_config_demand (const PcConfig *config, const char *name, guint *index, GError **error);

/* Prices.  The catalog a plugin gets holds the shipped prices of the
 * component's region, then the plugin's own fragment, then --catalog files.
 * Look prices up in create(); the returned pointer lives as long as the
 * instance.  On a missing key: NULL and PC_PLUGIN_ERROR_CONFIG naming the
 * key and the catalog's region. */
PC_API const PcPrice *pc_catalog_price (const PcCatalog *catalog, const char *key, GError **error);
/* The catalog's region ("ap-southeast-2"). */
PC_API const char *pc_catalog_region (const PcCatalog *catalog);
/* The first non-free unit price (USD per unit). */
PC_API double pc_price_unit_usd (const PcPrice *price);
/* Cost of `quantity` units this month: walks the volume tiers and skips
 * free tiers that have expired by `account_month`. */
PC_API double pc_price_cost (const PcPrice *price, double quantity, guint account_month);
/* The quantity the free tiers at the start of @price cover this month (an
 * always-free allowance, or a 12-month one while the account is young); 0
 * when there are none.  API 2. */
PC_API double pc_price_free_quantity (const PcPrice *price, guint account_month);

/* Results.  Item and unit strings are static strings owned by the plugin.
 * A metric index outside the plugin's table, or a value that is not finite,
 * fails the step with a message naming plugin and metric; so do a negative
 * or non-finite cost or quantity and more than PC_MAX_LINES lines. */
/* Sets metric @metric_index (into the plugin's metric table) to @value. */
PC_API void pc_result_metric (PcStepResult *result, guint metric_index, double value);
/* Every PcStepResult starts with this head, so that pc_result_metric()
 * stores inline and calls the function above only for a misuse (a month
 * reports several metrics per component).  Read it through
 * pc_result_metric(); the rest of the result is the host's.  API 3.
 * Build plugins without -ffast-math (-ffinite-math-only): it lets the
 * compiler drop the isfinite() check below, so a NaN metric would be
 * stored instead of failing the step. */
typedef struct {
  guint n_metrics;                  /* entries of the stepping plugin's metric table */
  guint32 reserved;                 /* the host's */
  double metrics[PC_MAX_METRICS];   /* this month's metrics, by index */
} PcStepResultHead;

static inline void
pc_result_metric_inline (PcStepResult *result, guint metric_index, double value)
{
  PcStepResultHead *head = (PcStepResultHead *) result;
  if (G_LIKELY (metric_index < head->n_metrics && isfinite (value)))
    head->metrics[metric_index] = value;
  else
    (pc_result_metric) (result, metric_index, value);   /* records the misuse */
}
#ifndef PC_COMPILATION
#define pc_result_metric(result, metric_index, value) pc_result_metric_inline ((result), (metric_index), (value))
#endif
/* Adds a line item for `quantity` of `price` and returns its USD. */
PC_API double pc_result_charge (PcStepResult *result, const char *item, const PcPrice *price,
                                double quantity, const PcStepContext *ctx);
/* Adds a line item with a cost computed by the plugin (e.g. an amortised
 * fee); @price (nullable) is the price it derives from, for provenance. */
PC_API void pc_result_line (PcStepResult *result, const char *item, double quantity,
                            const char *unit, double usd, const PcPrice *price);

/* Queueing (M/M/c).  Erlang C: probability an arrival waits, for c servers
 * and offered load a = lambda / mu (Erlangs).  1.0 when a >= c. */
PC_API double pc_erlang_c (guint servers, double offered_load);
/* A saturated queue grows without bound; clients give up at 60 s (the
 * default idle timeout of an AWS load balancer), so that is what we report. */
#define PC_SATURATED_RESPONSE_S 60.0
/* Mean response time (wait + service) in seconds for arrival rate lambda
 * and per-server service rate mu; PC_SATURATED_RESPONSE_S when lambda >= c mu. */
PC_API double pc_mmc_response_time (guint servers, double lambda, double mu);

G_END_DECLS
