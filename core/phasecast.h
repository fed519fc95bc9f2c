/* phasecast.h - the library an application (the CLI, the tests) uses.
 *
 * Inputs: a scenario (the world), a roadmap (the plan), price catalogs.
 * pc_model_new() reads and cross-checks them and resolves every name
 * (plugin, parameter, metric, event type) to an index, once.  A PcRun then
 * walks the horizon month by month with its own random stream; pc_simulate()
 * runs many of them on a thread pool and aggregates a PcReport, which every
 * output format renders.
 */
#pragma once

#include "pc-plugin.h"
#include "pc-error.h"

G_BEGIN_DECLS

/* ---- paths ---- */
/* Directories searched for data (schema/, pricing/, roadmaps/), in order:
 * $PHASECAST_DATA_DIR, the source tree it was built from, the install dir. */
char *pc_find_data_subdir (const char *subdir);

/* ---- catalog.c ---- */
PcCatalog *pc_catalog_new (void);
void pc_catalog_free (PcCatalog *catalog);
gboolean pc_catalog_add_file (PcCatalog *catalog, const char *path, GError **error);
PcCatalog *pc_catalog_load_region (const char *pricing_dir, const char *region, GError **error);
const char *pc_price_key (const PcPrice *price);
const char *pc_price_unit (const PcPrice *price);
const char *pc_price_derived (const PcPrice *price);
const char *pc_price_source (const PcPrice *price);
const char *pc_price_source_id (const PcPrice *price);
const char *pc_price_date (const PcPrice *price);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcCatalog, pc_catalog_free)

/* ---- config.c ---- */
PcConfig *pc_config_new (const PcPluginInfo *info, const char *component);
void pc_config_free (PcConfig *config);
/* Sets parameter @name from text; the error names parameter, value and why. */
gboolean pc_config_set (PcConfig *config, const char *name, const char *value, GError **error);
gboolean pc_param_check_default (const PcParamSpec *spec, GError **error);
gboolean pc_config_has (const PcConfig *config, const char *name);
/* The name of the plugin @config is for. */
const char *pc_config_plugin_name (const PcConfig *config);
/* Parses "key=value". */
gboolean pc_config_set_assignment (PcConfig *config, const char *assignment, GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcConfig, pc_config_free)

/* ---- host.c ---- */
typedef struct _PcPlugin PcPlugin;
typedef struct _PcHost PcHost;

PcPlugin *pc_plugin_open (const char *path, GError **error);
void pc_plugin_free (PcPlugin *plugin);
const PcPluginInfo *pc_plugin_info (const PcPlugin *plugin);
const char *pc_plugin_path (const PcPlugin *plugin);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcPlugin, pc_plugin_free)

/* @dirs: extra directories searched first (--plugin-dir), may be NULL. */
PcHost *pc_host_new (const char *const *dirs);
void pc_host_free (PcHost *host);
/* Finds and loads plugin @name. Returns: (transfer none). */
const PcPlugin *pc_host_get (PcHost *host, const char *name, GError **error);
/* Loads every plugin found; @failures collects one message per refused module.
 * Returns: (transfer container): PcPlugin*, sorted by name. */
GPtrArray *pc_host_load_all (PcHost *host, GPtrArray *failures);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcHost, pc_host_free)

/* ---- scenario.c ---- */
typedef enum { PC_GROWTH_LOGISTIC, PC_GROWTH_EXPONENTIAL, PC_GROWTH_BASS, PC_GROWTH_ACTUALS } PcGrowthModel;

typedef struct {
  PcGrowthModel model;
  double launch_month;        /* growth clock starts here (months from start) */
  double initial;             /* paying customers at launch */
  double capacity;            /* logistic ceiling / Bass market size */
  double rate;                /* logistic/exponential rate per month */
  double bass_p, bass_q;      /* Bass innovation and imitation coefficients */
  double rate_sd;             /* run-to-run spread of the rate (log-normal sigma) */
  gboolean poisson;           /* customers arrive as a Poisson process */
  double churn_monthly;       /* share of customers lost each month */
  double users_per_customer;
  double free_users;          /* active non-paying users (pilots, trials) */
  double quotes_per_user_month;
  double arpa_usd_month;      /* average revenue per account per month */
  GArray *actuals;            /* PcActual, for PC_GROWTH_ACTUALS */
} PcGrowthParams;

typedef struct { double month, customers; } PcActual;

typedef struct {
  double profile[24];         /* relative traffic by hour of day (normalised) */
  double requests_per_user_day;
  double requests_per_quote;
  double peak_factor;
  double static_per_request;
  double static_kb;
  double response_kb;
  double cpu_ms_per_request;
  double db_queries_per_request;
  double db_read_share;
  double db_cpu_ms_per_query;
  double db_base_gb;
  double db_mb_per_quote;
  double pdf_mb_per_quote;
  double object_gets_per_quote;
  double temp_mb_per_quote;
  double emails_per_quote;
  double emails_per_user_month;
  double log_kb_per_request;
  double errors_per_1000_requests;
} PcLoadParams;

typedef struct {
  char *type;                 /* free-form token; triggers refer to it */
  double month;               /* scheduled time (months from start, fractional), or NAN */
  double rate_per_month;      /* hazard rate, when month is NAN */
  double from, until;         /* hazard window (months) */
  double amount_usd;          /* e.g. an approved budget */
  double add_customers, add_users, add_business_units, add_regions;
  int line;
} PcEventDecl;

typedef struct {
  char *path;
  char *name;
  char *region;
  int start_year, start_month;   /* calendar month of month 0 */
  guint horizon_months;
  guint account_age_months;      /* AWS account age at month 0 (12-month free tiers) */
  char *roadmap_path;            /* resolved against the scenario's folder */
  guint runs;
  guint64 seed;
  PcGrowthParams growth;
  PcLoadParams load;
  GPtrArray *events;             /* PcEventDecl* */
} PcScenario;

PcScenario *pc_scenario_load (const char *path, GError **error);
void pc_scenario_free (PcScenario *scenario);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcScenario, pc_scenario_free)
/* "YYYY-MM" of month @month; (transfer full). */
char *pc_scenario_date (const PcScenario *scenario, guint month);

/* ---- roadmap.c ---- */
typedef struct { char *name, *value; int line; } PcSetting;

typedef struct {
  char *name;                 /* instance name, e.g. "database" */
  char *plugin;
  char *region;               /* NULL: the scenario's region */
  gboolean standby;           /* passive: sees storage but no traffic */
  double estimate_min, estimate_max;   /* the roadmap's own claim for it, USD/month; NAN if none */
  gboolean estimate_added;    /* the claim is an increase over the previous phase ("+$30") */
  char *estimate_group;       /* the claim covers every component of this group in the phase */
  GPtrArray *settings;        /* PcSetting* */
  int line;
} PcComponentDecl;

typedef enum { PC_IND_STATE, PC_IND_METRIC, PC_IND_EVENT, PC_IND_NO_EVENT } PcIndicatorKind;
typedef enum { PC_OP_GT, PC_OP_GE, PC_OP_LT, PC_OP_LE } PcCompare;

typedef struct {
  char *id;
  char *description;
  PcIndicatorKind kind;
  char *subject;              /* state name, "component.metric", or event type */
  PcCompare op;
  double threshold;
  guint sustained_months;     /* consecutive months the condition must hold (>= 1) */
  double window_days;         /* events: look back this far; 0 = since month 0 */
  gboolean required;          /* must hold whatever the policy */
  int line;
} PcIndicatorDecl;

typedef enum { PC_POLICY_ALL, PC_POLICY_ANY, PC_POLICY_AT_LEAST } PcPolicy;

typedef struct {
  char *id;
  char *name;
  double estimate_min, estimate_max;   /* USD/month, NAN if none */
  double lead_time_days;
  double downtime_min_minutes, downtime_max_minutes;
  PcPolicy policy;
  guint at_least;
  GPtrArray *components;      /* PcComponentDecl* */
  GPtrArray *indicators;      /* PcIndicatorDecl*: when to move INTO this phase */
  int line;
} PcPhaseDecl;

typedef struct {
  char *path;
  char *name;
  GPtrArray *phases;          /* PcPhaseDecl* */
} PcRoadmap;

PcRoadmap *pc_roadmap_load (const char *path, GError **error);
void pc_roadmap_free (PcRoadmap *roadmap);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcRoadmap, pc_roadmap_free)

/* ---- model.c: inputs resolved to indices ---- */
typedef enum {
  PC_STATE_PAYING_CUSTOMERS,
  PC_STATE_ACTIVE_USERS,
  PC_STATE_QUOTES_MONTH,
  PC_STATE_QUOTES_TOTAL,
  PC_STATE_ANNUAL_REVENUE,
  PC_STATE_BUSINESS_UNITS,
  PC_STATE_REGIONS,
  PC_STATE_RESPONSE_TIME,
  PC_STATE_MONTHLY_COST,
  PC_STATE_COUNT
} PcStateField;
const char *pc_state_field_name (PcStateField field);

typedef struct {
  const PcComponentDecl *decl;
  const PcPlugin *plugin;
  PcConfig *config;
  const PcCatalog *catalog;
  guint slot;                 /* index into PcModel.slots */
  gboolean standby;
} PcComponent;

typedef struct {
  const PcPhaseDecl *decl;
  PcComponent *components;    /* in pipeline order */
  guint n_components;
} PcPhasePlan;

typedef struct {
  const PcIndicatorDecl *decl;
  guint phase;                /* the phase this indicator leads into */
  int state_field;            /* PC_IND_STATE */
  int event_type;             /* PC_IND_EVENT / NO_EVENT */
  int *component_by_phase;    /* PC_IND_METRIC: component index within each phase, or -1 */
  int *metric_by_phase;       /* ... and metric index within its plugin */
} PcIndicator;

typedef struct {
  PcScenario *scenario;
  PcRoadmap *roadmap;
  PcHost *host;               /* not owned */
  GHashTable *catalogs;       /* region -> PcCatalog* */
  GPtrArray *slots;           /* component names across phases (char*) */
  PcPhasePlan *phases;
  guint n_phases;
  PcIndicator *indicators;
  guint n_indicators;
  GPtrArray *event_types;     /* char* */
  guint *event_decl_type;     /* scenario event index -> event type index */
} PcModel;

/* Reads the scenario, its roadmap and catalogs, loads the plugins named and
 * resolves every reference.  @roadmap_override replaces the scenario's. */
/* The component of @phase that fills @slot, or NULL. */
const PcComponent *pc_model_component (const PcModel *model, guint phase, guint slot);
PcModel *pc_model_new (const char *scenario_path, const char *roadmap_override, PcHost *host,
                       GError **error);
void pc_model_free (PcModel *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcModel, pc_model_free)

/* ---- run.c: one pass over the horizon ---- */
typedef struct {
  guint8 phase;
  double state[PC_STATE_COUNT];
} PcMonthRecord;

typedef struct {
  guint n_months, n_slots, n_phases, n_indicators;
  guint run_index;
  PcMonthRecord *months;      /* [n_months] */
  double *slot_usd;           /* [n_months * n_slots] or NULL without detail */
  int *phase_decided;         /* [n_phases] month, -1 if never */
  int *phase_entered;         /* [n_phases] month, -1 if never */
  double *downtime_minutes;   /* [n_phases] */
  int *indicator_fired;       /* [n_indicators] first month, -1 if never */
  GPtrArray *warnings;        /* char*: e.g. budget exceeded */
} PcRunResult;

typedef struct _PcRun PcRun;
PcRun *pc_run_new (const PcModel *model, guint64 seed, guint run_index, gboolean detail, GError **error);
void pc_run_free (PcRun *run);
/* Advances @months months (stops at the horizon).  FALSE with error on failure. */
gboolean pc_run_step (PcRun *run, guint months, GError **error);
gboolean pc_run_finished (const PcRun *run);
/* Returns: (transfer full): the result; the run is consumed. */
PcRunResult *pc_run_finish (PcRun *run);
void pc_run_result_free (PcRunResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcRun, pc_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcRunResult, pc_run_result_free)
/* Per-run seed: mixes the scenario seed and the run index (splitmix64). */
guint32 pc_run_seed (guint64 scenario_seed, guint run_index);

/* ---- report.c: aggregate over runs ---- */
typedef struct { double p10, p50, p90; gboolean valid; } PcPercentiles;

typedef struct {
  double reached_probability;
  PcPercentiles decided_month, entered_month, monthly_cost, downtime_minutes;
  double *slot_mean_usd;      /* [n_slots] median run, mean over months in phase; NAN if absent */
  double *slot_min_usd, *slot_max_usd;
  /* Against the roadmap's own numbers (NAN where it makes no claim): */
  double *slot_claim_difference;      /* [n_slots] modelled (or modelled increase) minus the claim's nearest bound */
  double seed_sum_min, seed_sum_max;  /* the previous estimate plus this phase's component claims */
  int drivers[3];             /* slots with the largest |difference|, -1 when fewer */
} PcPhaseReport;

typedef struct {
  double fired_probability;
  PcPercentiles fired_month;
} PcIndicatorReport;

typedef struct {
  const PcModel *model;
  guint runs;
  guint64 seed;
  PcPhaseReport *phases;
  PcIndicatorReport *indicators;
  PcRunResult *median_run;    /* with detail */
  GPtrArray *warnings;        /* char* */
} PcReport;

typedef struct {
  guint runs;                 /* 0: the scenario's */
  guint64 seed;
  gboolean seed_set;
  guint threads;              /* 0: number of processors */
} PcSimulateOptions;

PcReport *pc_simulate (const PcModel *model, const PcSimulateOptions *options, GError **error);
void pc_report_free (PcReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcReport, pc_report_free)

/* ---- usage.c: demand given by hand (phasecast price) ---- */
typedef struct _PcUsage PcUsage;
PcUsage *pc_usage_new (void);
void pc_usage_free (PcUsage *usage);
/* @known is FALSE when @name is not a usage key (then nothing is set). */
gboolean pc_usage_set (PcUsage *usage, const char *name, const char *value, gboolean *known, GError **error);
char *pc_usage_keys (void);
PcDemand *pc_usage_demand (PcUsage *usage);
gboolean pc_price_month (const PcPlugin *plugin, const PcConfig *config, const PcCatalog *catalog,
                         PcUsage *usage, PcStepResult *result, GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcUsage, pc_usage_free)

/* A step result for callers outside a run (stack-sized, no allocation). */
PcStepResult *pc_step_result_new (void);
void pc_step_result_free (PcStepResult *result);
guint pc_step_result_n_lines (const PcStepResult *result);
/* Line @i: its item, quantity, unit, USD and the price it used (nullable). */
void pc_step_result_line (const PcStepResult *result, guint i, const char **item, double *quantity,
                          const char **unit, double *usd, const PcPrice **price);
double pc_step_result_usd (const PcStepResult *result);
double pc_step_result_metric (const PcStepResult *result, guint index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcStepResult, pc_step_result_free)

/* ---- xml.c ---- */
char *pc_xml_root_name (const char *path, GError **error);

/* ---- model.c for a roadmap alone (validate): priced in @region ---- */
PcModel *pc_model_new_for_roadmap (const char *roadmap_path, const char *region, PcHost *host, GError **error);

/* ---- render.c ---- */
typedef enum { PC_FORMAT_TABLE, PC_FORMAT_JSON, PC_FORMAT_CSV } PcFormat;
/* Returns: (transfer full): the report as text. */
char *pc_report_render (const PcReport *report, PcFormat format, gboolean months);

G_END_DECLS
