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
#include "pc-workload.h"
#include "pc-prices.h"
#include "pc-conformance.h"
#include "pc-limits.h"

G_BEGIN_DECLS

/* ---- paths ---- */
/* Directories searched for data (schema/, pricing/, roadmaps/, templates/),
 * in order: $PHASECAST_DATA_DIR, then the install dir (never a build or
 * source tree: build/phasecast and `meson devenv` set the variable). */
PC_API char *pc_find_data_subdir (const char *subdir);

/* ---- catalog.c ---- */
PC_API PcCatalog *pc_catalog_new (void);
PC_API void pc_catalog_free (PcCatalog *catalog);
PC_API gboolean pc_catalog_add_file (PcCatalog *catalog, const char *path, GError **error);
PC_API PcCatalog *pc_catalog_load_region (const char *pricing_dir, const char *region, GError **error);
PC_API const char *pc_price_key (const PcPrice *price);
PC_API const char *pc_price_unit (const PcPrice *price);
PC_API const char *pc_price_derived (const PcPrice *price);
PC_API const char *pc_price_source (const PcPrice *price);
PC_API const char *pc_price_source_id (const PcPrice *price);
PC_API const char *pc_price_date (const PcPrice *price);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcCatalog, pc_catalog_free)

/* ---- config.c ---- */
PC_API PcConfig *pc_config_new (const PcPluginInfo *info, const char *component);
PC_API void pc_config_free (PcConfig *config);
/* "a|b|c": an enum parameter's choices; (transfer full). */
PC_API char *pc_param_choices_text (const PcParamSpec *spec);
/* TRUE, with @error set, when the plugin misused an accessor in create(). */
PC_API gboolean pc_config_misused (const PcConfig *config, GError **error);
/* The workload's named demands that pc_config_demand() resolves against;
 * NULL (price mode) resolves any name. */
PC_API void pc_config_set_demand_names (PcConfig *config, const GPtrArray *names);
/* Names the plugin resolved with pc_config_demand() (nullable). */
PC_API const GPtrArray *pc_config_demands_read (const PcConfig *config);
/* Sets parameter @name from text; the error names parameter, value and why. */
PC_API gboolean pc_config_set (PcConfig *config, const char *name, const char *value, GError **error);
PC_API gboolean pc_param_check_default (const PcParamSpec *spec, GError **error);
PC_API gboolean pc_config_has (const PcConfig *config, const char *name);
/* The name of the plugin @config is for. */
PC_API const char *pc_config_plugin_name (const PcConfig *config);
/* Parses "key=value". */
PC_API gboolean pc_config_set_assignment (PcConfig *config, const char *assignment, GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcConfig, pc_config_free)

/* ---- host.c ---- (PcPlugin and PcHost are declared in pc-prices.h) */

PC_API PcPlugin *pc_plugin_open (const char *path, GError **error);
PC_API void pc_plugin_free (PcPlugin *plugin);
PC_API const PcPluginInfo *pc_plugin_info (const PcPlugin *plugin);
PC_API const char *pc_plugin_path (const PcPlugin *plugin);
/* "compute", "database"...: the stage's name in listings. */
PC_API const char *pc_stage_name (PcStage stage);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcPlugin, pc_plugin_free)

/* @dirs: extra directories searched first (--plugin-dir), may be NULL. */
PC_API PcHost *pc_host_new (const char *const *dirs);
PC_API void pc_host_free (PcHost *host);
/* Finds and loads plugin @name. Returns: (transfer none). */
PC_API const PcPlugin *pc_host_get (PcHost *host, const char *name, GError **error);
/* The file plugin @name would be loaded from, without opening it.
 * Returns: (transfer full): the path, or NULL with @error as pc_host_get. */
PC_API char *pc_host_find (PcHost *host, const char *name, GError **error);
/* Loads every plugin found; @failures collects one message per refused module.
 * Returns: (transfer container): PcPlugin*, sorted by name. */
PC_API GPtrArray *pc_host_load_all (PcHost *host, GPtrArray *failures);
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
  char *type;                 /* free-form token; triggers refer to it */
  double month;               /* scheduled time (months from start, fractional), or NAN */
  double rate_per_month;      /* hazard rate, when month is NAN */
  double from, until;         /* hazard window (months) */
  double amount_usd;          /* e.g. an approved budget */
  double add_customers, add_users, add_business_units, add_regions;
  int line;
} PcEventDecl;

/* How AWS's free-tier allowances apply: one pool per account per month,
 * shared by every component that draws on it (account); already used by
 * the account's other workloads (used); or not at all, list prices as
 * list-price tools report them (none).  used and none price the same. */
typedef enum { PC_FREE_TIER_ACCOUNT, PC_FREE_TIER_USED, PC_FREE_TIER_NONE } PcFreeTier;
PC_API const char *pc_free_tier_name (PcFreeTier mode);
/* "account", "used" or "none"; FALSE for anything else. */
PC_API gboolean pc_free_tier_parse (const char *text, PcFreeTier *mode);

typedef struct {
  char *path;
  char *name;
  char *region;
  int start_year, start_month;   /* calendar month of month 0 */
  guint horizon_months;
  guint account_age_months;      /* AWS account age at month 0 (12-month free tiers) */
  PcFreeTier free_tier;          /* how free-tier allowances apply (<world free-tier=>) */
  char *roadmap_path;            /* resolved against the scenario's folder */
  char *roadmap_href;            /* as written, for messages */
  int world_line, roadmap_line;  /* of <world> and <roadmap>, for messages */
  guint runs;
  guint64 seed;
  PcGrowthParams growth;
  PcWorkload *workload;          /* request classes, hours, days, data (pc-workload.h) */
  GPtrArray *events;             /* PcEventDecl* */
  GPtrArray *policies;           /* PcOptimizationDecl*: its own <policy>s, applied after its roadmap's
                                  * (pc-policy.h); NULL in a roadmap-only model */
} PcScenario;

PC_API PcScenario *pc_scenario_load (const char *path, GError **error);
PC_API void pc_scenario_free (PcScenario *scenario);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcScenario, pc_scenario_free)
/* "YYYY-MM" of month @month; (transfer full). */
PC_API char *pc_scenario_date (const PcScenario *scenario, guint month);

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
  char *replaces;             /* the component (slot name) this one stands in for, e.g. a NAT gateway; NULL */
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
  gboolean compares_amount;   /* events: only those whose amount_usd satisfies op threshold count */
  gboolean required;          /* must hold whatever the policy */
  gboolean limit;             /* a <limit> (runway only), not a move's <indicator> */
  int line;
} PcIndicatorDecl;

typedef enum { PC_POLICY_ALL, PC_POLICY_ANY, PC_POLICY_AT_LEAST } PcPolicy;

/* What a roadmap's stated window for a phase counts from (<timeline after=>). */
typedef enum { PC_WINDOW_NONE, PC_WINDOW_START, PC_WINDOW_LAUNCH, PC_WINDOW_DECIDED } PcWindowAnchor;

typedef struct {
  char *id;
  char *name;
  double estimate_min, estimate_max;   /* USD/month, NAN if none */
  double lead_time_days;
  double downtime_min_minutes, downtime_max_minutes;
  double budget_usd;          /* approved monthly budget for this phase alone, NAN if none */
  PcPolicy policy;
  guint at_least;
  /* The roadmap's own window for entering the phase, in months after the
   * anchor ("6-12 months post-launch"); PC_WINDOW_NONE when it states none. */
  PcWindowAnchor window_after;
  double window_from_months, window_to_months;
  char *window_text;          /* the roadmap's words, or NULL */
  GPtrArray *components;      /* PcComponentDecl* */
  GPtrArray *indicators;      /* PcIndicatorDecl*: when to move INTO this phase */
  int line;
} PcPhaseDecl;

typedef struct _PcOptimizationDecl PcOptimizationDecl;   /* pc-policy.h */
typedef struct _PcOptimization PcOptimization;

typedef struct {
  char *path;
  char *name;
  char *currency;             /* of its revenue thresholds: "USD" (default) or "AUD" */
  GPtrArray *phases;          /* PcPhaseDecl* */
  GPtrArray *policies;        /* PcOptimizationDecl*: optimizations with a start (pc-policy.h) */
  GPtrArray *limits;          /* PcIndicatorDecl*: capacity limits watched for runway, not for moves */
} PcRoadmap;

PC_API PcRoadmap *pc_roadmap_load (const char *path, GError **error);
PC_API void pc_roadmap_free (PcRoadmap *roadmap);
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
  PC_STATE_REVENUE_MONTH,     /* this month's revenue, USD (annual_revenue_usd is its trailing 12 months) */
  PC_STATE_COUNT
} PcStateField;
PC_API const char *pc_state_field_name (PcStateField field);
/* Whether @indicator compares a capacity outcome (a plugin metric or the
 * response time) rather than a business state or an event. */
PC_API gboolean pc_indicator_is_capacity (const PcIndicatorDecl *indicator);

typedef struct {
  const PcComponentDecl *decl;
  const PcPlugin *plugin;
  const PcPluginInfo *info;   /* the plugin's descriptor */
  PcConfig *config;
  const PcCatalog *catalog;
  gpointer instance;          /* made by create() once; read-only while runs step it */
  guint slot;                 /* index into PcModel.slots */
  gsize scratch_offset;       /* of its per-run memory within a run's scratch block */
  gboolean reset_scratch;     /* entering this phase zeroes that memory (plugin or settings changed) */
  gboolean standby;
} PcComponent;

typedef struct {
  const PcPhaseDecl *decl;
  PcComponent *components;    /* in pipeline order */
  guint n_components;
  double budget_usd;          /* the roadmap's budget, or one set by pc_model_set_budget(); NAN if none */
  guint first_indicator;      /* its move's indicators: PcModel.indicators[first_indicator ..] */
  guint n_indicators;
} PcPhasePlan;

typedef struct {
  const PcIndicatorDecl *decl;
  guint phase;                /* the phase this indicator leads into */
  int state_field;            /* PC_IND_STATE */
  double scale;               /* PC_IND_STATE: the state value times this is compared (revenue in the
                               * roadmap's currency); 1 otherwise */
  int event_type;             /* PC_IND_EVENT / NO_EVENT */
  int *component_by_phase;    /* PC_IND_METRIC: component index within each phase, or -1 */
  int *metric_by_phase;       /* ... and metric index within its plugin */
} PcIndicator;

typedef struct _PcCurrency PcCurrency;   /* pc-planning.h */
/* A capacity threshold the report gives runway for: a move's metric (or
 * response-time) indicator, or a roadmap <limit>. */
typedef struct {
  const PcIndicator *indicator;
  gboolean limit;             /* index is into PcModel.limits, else into .indicators */
  guint index;
} PcRunwayItem;

typedef struct {
  PcScenario *scenario;
  PcRoadmap *roadmap;
  PcHost *host;               /* not owned */
  GHashTable *catalogs;       /* region (or "region\x1fplugin" for a plugin with a price fragment)
                               * -> PcCatalog*, each with its files in layer order */
  GPtrArray *slots;           /* component names across phases (char*) */
  PcPhasePlan *phases;
  guint n_phases;
  PcIndicator *indicators;
  guint n_indicators;
  PcIndicator *limits;        /* the roadmap's capacity limits, resolved as indicators of no phase */
  guint n_limits;
  PcRunwayItem *runway;       /* capacity indicators, then limits */
  guint n_runway;
  GPtrArray *event_types;     /* char* */
  guint *event_decl_type;     /* scenario event index -> event type index */
  GPtrArray *demand_names;    /* char*: the workload's named demand quantities */
  gsize scratch_size;         /* bytes of per-run plugin memory, all slots */
  guint n_pools;              /* free-tier allowances the model's prices draw on (one per price key) */
  PcFreeTier free_tier;       /* the scenario's, or pc_model_set_free_tier's */
  PcCurrency *revenue_currency;  /* the roadmap's, for its revenue thresholds (currency.c) */
  double price_factor;        /* every catalog price times this (1; sensitivity varies it) */
  PcOptimization *policies;   /* [n_policies] the roadmap's policies, then the scenario's, resolved (pc-policy.h) */
  guint n_policies;
} PcModel;

/* Reads the scenario, its roadmap and catalogs, loads the plugins named and
 * resolves every reference.  @roadmap_override replaces the scenario's. */
/* The component of @phase that fills @slot, or NULL. */
PC_API const PcComponent *pc_model_component (const PcModel *model, guint phase, guint slot);
PC_API PcModel *pc_model_new (const char *scenario_path, const char *roadmap_override, PcHost *host,
                              GError **error);
PC_API void pc_model_free (PcModel *model);
/* Whether @catalog's free tiers apply (FALSE: every free band is charged
 * at the first paid rate after it, list prices). */
PC_API void pc_catalog_use_free_tiers (PcCatalog *catalog, gboolean use);
/* Overrides the scenario's free-tier mode (--free-tier), before any run. */
PC_API void pc_model_set_free_tier (PcModel *model, PcFreeTier mode);
/* Every price a plugin fragment or --catalog file replaced in the model's
 * catalogs, and every key a --catalog file added (const PcPriceOverride*,
 * was NULL), sorted.  Returns: (transfer container). */
PC_API GPtrArray *pc_model_price_overrides (const PcModel *model);
/* The additions among them that no component of the model read (a typo in
 * a key has no effect otherwise).  Returns: (transfer container). */
PC_API GPtrArray *pc_model_unread_additions (const PcModel *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcModel, pc_model_free)

/* ---- run.c: one pass over the horizon ---- */
typedef struct {
  guint8 phase;
  double state[PC_STATE_COUNT];
} PcMonthRecord;

/* One cost line of one month of a detailed run. */
typedef struct {
  guint month, slot;
  const char *item, *unit;    /* owned by the plugin / catalog */
  double quantity, usd;
  const PcPrice *price;       /* nullable */
} PcLineRecord;

typedef enum {
  PC_DETAIL_NONE,             /* months, phases and indicators only */
  PC_DETAIL_MONTHS,           /* also cost by component and line item, month by month */
} PcDetail;

typedef struct {
  guint run_index;
  guint n_months, n_slots, n_phases, n_indicators;
  guint n_limits;             /* entries of limit_fired (at least 1) */
  PcMonthRecord *months;      /* [n_months] */
  double *indicator_value;    /* [n_months * n_indicators]: what each indicator compared (1/0 for
                               * events), NAN where its phase's configuration has no such metric */
  double *slot_usd;           /* PC_DETAIL_MONTHS: [n_months * n_slots], else NULL */
  GArray *lines;              /* PC_DETAIL_MONTHS: PcLineRecord, by month then pipeline order */
  int *phase_decided;         /* [n_phases] month, -1 if never */
  int *phase_entered;         /* [n_phases] month, -1 if never */
  double *downtime_minutes;   /* [n_phases] */
  int *phase_decidable;       /* [n_phases] first month its move could be decided (the previous phase
                               * had been entered), -1 if never */
  int *indicator_fired;       /* [n_indicators] first month, -1 if never */
  int *indicator_held_back;   /* [n_indicators] the month its phase was decided when this indicator was
                               * the last to hold; n_months when its phase was never decided although it
                               * could have been and this indicator was among those not holding at the
                               * end; -1 when it did not hold its phase back */
  int *indicator_held_at_decision; /* [n_indicators] the month its phase's move was decided if it held then, else -1 */
  int *limit_fired;           /* [n_limits] first month a limit held (pinned runs), -1 if never */
  int *runway_month;          /* [n_phases * n_runway] or NULL: first month each runway item held with that
                               * phase pinned from month 0; -1 never, PC_RUNWAY_NOT_APPLICABLE */
} PcRunResult;

/* The phase's configuration has no component reporting the item's metric. */
#define PC_RUNWAY_NOT_APPLICABLE (-2)

typedef struct _PcRun PcRun;
PC_API PcRun *pc_run_new (const PcModel *model, guint64 seed, guint run_index, PcDetail detail, GError **error);
PC_API void pc_run_free (PcRun *run);
/* Advances @months months (stops at the horizon).  FALSE with error on failure. */
PC_API gboolean pc_run_step (PcRun *run, guint months, GError **error);
PC_API gboolean pc_run_finished (const PcRun *run);
/* Returns: (transfer full): the result; the run is consumed. */
PC_API PcRunResult *pc_run_finish (PcRun *run);
PC_API void pc_run_result_free (PcRunResult *result);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcRun, pc_run_free)
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcRunResult, pc_run_result_free)
/* Per-run seed: mixes the scenario seed and the run index (splitmix64). */
PC_API guint32 pc_run_seed (guint64 scenario_seed, guint run_index);

/* Runs @run in @phase from month 0 and never moves (call before the first
 * step): the runway of that phase's configuration, on the same business
 * as the run that moves.  Limits are evaluated too. */
void pc_run_pin_phase (PcRun *run, guint phase);

/* Checks the demand after every component instead of once a month (slower;
 * names the component that left a bad value). */
PC_API void pc_run_check_each_stage (PcRun *run);

/* Policies (pc-policy.h): bit j of @enabled lets policy j start (default:
 * all); whether policy j is on in the month being run. */
void pc_run_set_policies (PcRun *run, guint64 enabled);
gboolean pc_run_policy_active (const PcRun *run, guint policy);

/* Called after every month of a run that has an observer, on the run's
 * thread, with the month just simulated (e.g. to explain one month). */
typedef void (*PcMonthObserver) (gpointer data, const PcRun *run, guint month);
PC_API void pc_run_set_observer (PcRun *run, PcMonthObserver observer, gpointer data);
/* What the observer may read: the phase being run, its components' results
 * and the demand as the last stage left it. */
PC_API guint pc_run_phase (const PcRun *run);
PC_API const PcStepResult *pc_run_component_result (const PcRun *run, guint component);
PC_API const PcDemand *pc_run_demand (const PcRun *run);
PC_API const PcDemand *pc_run_component_demand (const PcRun *run, guint component);
PC_API const PcBusinessState *pc_run_state (const PcRun *run);

/* ---- aggregate.c: what is kept of every run ---- */
typedef struct _PcAggregate PcAggregate;
PC_API PcAggregate *pc_aggregate_new (const PcModel *model);
PC_API void pc_aggregate_free (PcAggregate *aggregate);
PC_API void pc_aggregate_add (PcAggregate *aggregate, const PcRunResult *run);
/* Adds @from into @into; both of the same model.  Exact: the order in which
 * runs or shards are merged does not change any figure. */
PC_API void pc_aggregate_merge (PcAggregate *into, PcAggregate *from);
/* The run index the detailed tables follow (see aggregate.c). */
PC_API guint pc_aggregate_median_run (const PcAggregate *aggregate);
/* A run's mean monthly cost over its months in @phase (NAN if none), and
 * its total over the horizon. */
PC_API double pc_run_phase_cost (const PcRunResult *run, guint phase);
PC_API double pc_run_total_cost (const PcRunResult *run);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcAggregate, pc_aggregate_free)

/* ---- report.c: the one report every output renders ---- */
typedef struct { double p10, p50, p90; gboolean valid; } PcPercentiles;

/* Figures named "over runs" are percentiles over every run; figures of the
 * "median run" come from one run, re-simulated in detail (its components
 * add up to its total). */
typedef struct {
  double reached_probability;
  PcPercentiles decided_month, entered_month;   /* over runs that entered it */
  PcPercentiles monthly_cost;                   /* over runs: each run's mean monthly cost in the phase */
  PcPercentiles downtime_minutes;
  double *decided_share, *entered_share;        /* [n_months] share of all runs deciding / entering it in month m */
  /* The median run in this phase (NAN / -1 where it never entered it): */
  int median_entered_month;
  double median_cost_usd;                       /* mean monthly cost over its months in the phase */
  double *slot_mean_usd;      /* [n_slots] mean over those months; NAN if absent */
  double *slot_min_usd, *slot_max_usd;
  /* Against the roadmap's own numbers (NAN where it makes no claim): */
  double *slot_claim_difference;      /* [n_slots] modelled (or modelled increase) minus the claim's nearest bound */
  double *slot_claim_modelled;        /* [n_slots] the figure compared with the claim: the mean (of the group), or
                                       * its increase over the previous phase for an "added" claim */
  double seed_sum_min, seed_sum_max;  /* the previous estimate plus this phase's component claims */
  int drivers[3];             /* slots with the largest |difference|, -1 when fewer */
  /* Its budget (budget.c): */
  double budget_usd;                            /* NAN if none */
  PcPercentiles peak_cost;                      /* over runs that entered it: each run's highest monthly cost in it */
  double over_budget_probability;               /* share of the runs entering it that had a month over budget */
  PcPercentiles over_budget_month;              /* over runs that went over: their first month over */
  /* Why it moved when it did (why.c): */
  double waited_for_previous_probability;       /* share of runs in which its own indicators were ready before
                                                 * the previous phase was entered, or that never entered it */
  /* Whether load needs the move (runway.c): on the previous phase's
   * configuration, the earliest month (P50 over runs) one of this phase's
   * own capacity indicators holds, and which (-1: none within the horizon). */
  int capacity_month;
  int capacity_item;          /* index into PcModel.runway, or -1 */
  gboolean load_driven;       /* capacity_month comes no later than the decision (P50) */
} PcPhaseReport;

/* Runs per simulation that also get a runway (the lowest run indices):
 * each costs one extra run per phase. */
#define PC_RUNWAY_RUNS 200

typedef struct {
  gboolean applicable;        /* the phase's configuration reports the item's metric */
  guint runs;                 /* runs with a runway */
  double crossed_probability; /* share of them in which it was crossed within the horizon */
  PcPercentiles month;        /* the month it was first crossed; a percentile beyond the horizon is NAN */
} PcRunwayReport;

typedef struct {
  double fired_probability;
  PcPercentiles fired_month;  /* over runs in which it fired */
  double held_at_decision_probability; /* share of the runs deciding its phase's move in which it held then */
  PcPercentiles *value;       /* [n_months] the value it compared, over runs (for events: share holding) */
  double held_back_probability;    /* share of runs in which it held its phase back (why.c) */
  double held_to_end_probability;  /* ... to the horizon's end: the phase's move was never decided */
} PcIndicatorReport;

typedef struct {
  PcPercentiles cost_usd, paying_customers, active_users, quotes;
} PcMonthBand;

/* Calendar and Australian financial years (periods.c). */
typedef enum { PC_PERIOD_HORIZON, PC_PERIOD_CALENDAR_YEAR, PC_PERIOD_FINANCIAL_YEAR } PcPeriodKind;

typedef struct {
  PcPeriodKind kind;
  int year;                   /* the calendar year, or the one a financial year starts in (July) */
  guint first_month, n_months;   /* the months of the horizon it covers */
  gboolean whole;             /* all of the year lies within the horizon */
} PcPeriod;

/* Money over one period, over runs, in USD (fields and tables convert it
 * to the report's currency). */
typedef struct {
  PcPercentiles cost_usd, revenue_usd;
  PcPercentiles cost_per_customer_month;   /* cost / paying-customer-months */
  PcPercentiles cost_per_user_month;       /* cost / active-user-months */
  PcPercentiles cost_share_of_revenue;     /* cost / revenue */
} PcPeriodMoney;

typedef struct {
  const PcModel *model;
  guint runs;                 /* runs aggregated */
  guint64 seed;
  PcPhaseReport *phases;
  PcIndicatorReport *indicators;
  PcMonthBand *months;        /* [n_months] over runs */
  PcPercentiles total_cost;   /* over runs: cost over the whole horizon */
  PcRunwayReport *runway;     /* [n_phases * n_runway] */
  PcRunResult *median_run;    /* with PC_DETAIL_MONTHS */
  GPtrArray *warnings;        /* char* */
  GArray *periods;            /* PcPeriod: the horizon, calendar years, financial years */
  PcPeriodMoney *period_money;   /* [periods->len] */
  PcCurrency *currency;       /* of the money figures (PcSimulateOptions.currency, pc_report_set_currency); USD by default */
} PcReport;

typedef struct _PcStats PcStats;   /* what a simulation cost (pc-stats.h) */

/* A consumer of finished runs (an exporter).  run() sees every run in
 * run-index order, on the thread that called pc_simulate(), whatever the
 * thread count; nothing keeps a run after its sinks have seen it.
 * finish() sees the report and the aggregate once every run was seen. */
typedef struct _PcRunSink PcRunSink;
struct _PcRunSink {
  PcDetail detail;            /* what this sink needs of each run */
  gboolean (*run) (PcRunSink *sink, const PcRunResult *run, GError **error);
  gboolean (*finish) (PcRunSink *sink, const PcReport *report, PcAggregate *aggregate, GError **error);
};

/* Called on the simulating thread every so often (runs done of total). */
typedef void (*PcProgressFunc) (gpointer data, guint done, guint total);

typedef struct {
  guint runs;                 /* 0: the scenario's */
  guint64 seed;
  gboolean seed_set;
  guint threads;              /* threads that simulate, the calling one included; 0: number of processors */
  guint shard, n_shards;      /* with n_shards > 1: only runs whose index is shard mod n_shards */
  PcRunSink **sinks;          /* nullable */
  guint n_sinks;
  PcProgressFunc progress;    /* nullable */
  gpointer progress_data;
  gboolean no_runway;         /* skip the runway's pinned runs (what-ifs that do not report it) */
  const PcCurrency *currency; /* nullable (USD): the report's money figures, copied into it before any
                               * sink's finish(), so an exporter writes what the printed report shows */
  PcStats *stats;             /* nullable: each thread's runs and CPU time are added to it (pc-stats.h) */
} PcSimulateOptions;

PC_API PcReport *pc_simulate (const PcModel *model, const PcSimulateOptions *options, GError **error);
/* The report of an aggregate (e.g. merged shards): re-runs its median run
 * @median_run in detail.  @runs and @seed as simulated. */
PC_API PcReport *pc_report_new (const PcModel *model, PcAggregate *aggregate, guint64 seed, GError **error);
PC_API void pc_report_free (PcReport *report);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcReport, pc_report_free)

/* ---- usage.c: demand given by hand (phasecast price) ---- */
typedef struct _PcUsage PcUsage;
PC_API PcUsage *pc_usage_new (void);
PC_API void pc_usage_free (PcUsage *usage);
/* @known is FALSE when @name is not a usage key (then nothing is set). */
PC_API gboolean pc_usage_set (PcUsage *usage, const char *name, const char *value, gboolean *known, GError **error);
PC_API char *pc_usage_keys (void);
/* Applies "key=value" settings as `phasecast price --set` does: a plugin
 * parameter, else a usage key, else a named demand the plugin must read
 * (checked by pc_price_month).  The error names the setting. */
PC_API gboolean pc_usage_apply (PcUsage *usage, PcConfig *config, const char *const *sets, GError **error);
PC_API PcDemand *pc_usage_demand (PcUsage *usage);
/* FALSE with @error naming the first usage key set on @usage that @plugin
 * does not read with @config (the month is the same at any value), and the
 * keys it does read (usage-read.c). */
PC_API gboolean pc_usage_check_read (const PcPlugin *plugin, const PcConfig *config, const PcCatalog *catalog,
                                     const PcUsage *usage, GError **error);
PC_API gboolean pc_price_month (const PcPlugin *plugin, const PcConfig *config, const PcCatalog *catalog,
                                PcUsage *usage, PcStepResult *result, GError **error);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcUsage, pc_usage_free)

/* A step result for callers outside a run (stack-sized, no allocation). */
PC_API PcStepResult *pc_step_result_new (void);
PC_API void pc_step_result_free (PcStepResult *result);
PC_API guint pc_step_result_n_lines (const PcStepResult *result);
/* Line @i: its item, quantity, unit, USD and the price it used (nullable). */
PC_API void pc_step_result_line (const PcStepResult *result, guint i, const char **item, double *quantity,
                                 const char **unit, double *usd, const PcPrice **price);
PC_API double pc_step_result_usd (const PcStepResult *result);
PC_API double pc_step_result_metric (const PcStepResult *result, guint index);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcStepResult, pc_step_result_free)

/* ---- xml.c ---- */
PC_API char *pc_xml_root_name (const char *path, GError **error);

/* ---- model.c for a roadmap alone (validate): priced in @region ---- */
PC_API PcModel *pc_model_new_for_roadmap (const char *roadmap_path, const char *region, PcHost *host, GError **error);

/* ---- fields.c: a report's rows as named fields, for every format ---- */
typedef enum {
  PC_FIELD_TEXT,              /* text, NULL for null */
  PC_FIELD_NUMBER,            /* number; not finite for null */
  PC_FIELD_INTEGER,           /* whole number; negative for null */
  PC_FIELD_PERCENTILES,       /* p10, p50, p90; all null unless valid */
  PC_FIELD_UINT64,            /* whole number 0 to 2^64 - 1 (a seed), exact: in uint64, never null */
} PcFieldType;

typedef struct {
  const char *name;           /* JSON key path, '.'-separated; flat formats use '_' */
  PcFieldType type;
  const char *text;
  double number;
  PcPercentiles percentiles;
  guint64 uint64;             /* PC_FIELD_UINT64: a double is exact only up to 2^53 */
} PcField;

typedef void (*PcFieldFunc) (gpointer data, const PcField *field);
PC_API void pc_report_scenario_fields (const PcReport *report, PcFieldFunc func, gpointer data);
PC_API void pc_report_phase_fields (const PcReport *report, guint phase, PcFieldFunc func, gpointer data);
PC_API void pc_report_indicator_fields (const PcReport *report, guint indicator, PcFieldFunc func, gpointer data);
/* @component: index in the phase's pipeline order. */
PC_API void pc_report_component_fields (const PcReport *report, guint phase, guint component, PcFieldFunc func,
                                        gpointer data);
PC_API void pc_report_month_fields (const PcReport *report, guint month, PcFieldFunc func, gpointer data);
/* Runway item @item (index into PcModel.runway) on phase @phase's configuration. */
PC_API void pc_report_runway_fields (const PcReport *report, guint phase, guint item, PcFieldFunc func, gpointer data);

/* ---- render.c ---- */
typedef enum { PC_FORMAT_TABLE, PC_FORMAT_JSON, PC_FORMAT_CSV } PcFormat;
typedef enum {
  PC_TABLE_MONTHS, PC_TABLE_PHASES, PC_TABLE_INDICATORS, PC_TABLE_COMPONENTS, PC_TABLE_RUNWAY,
  PC_TABLE_MONEY,             /* periods: horizon, calendar and financial years */
  PC_TABLE_SERIES,            /* every indicator's value, month by month */
  PC_TABLE_LINES,             /* the median run's cost lines, month by month */
  PC_TABLE_COUNT
} PcCsvTable;
/* Returns: (transfer full): the report as text.  Numbers are written the
 * same under any locale.  @months adds the median run's months (table,
 * JSON); @table picks the CSV table. */
PC_API char *pc_report_render (const PcReport *report, PcFormat format, gboolean months, PcCsvTable table);

/* ---- errors.c ---- */
/* Makes @error's message one line of reasonable length (control characters
 * escaped, the middle of a huge one shortened). */
PC_API void pc_error_tidy (GError *error);

G_END_DECLS

/* Per-concept parts of the application API. */
#include "pc-xml.h"
#include "pc-sketch.h"
#include "pc-crossover.h"
#include "pc-savings.h"
#include "pc-catalog-audit.h"
#include "feed-import.h"
#include "pc-planning.h"
#include "pc-json.h"
#include "pc-export.h"
#include "pc-stats.h"   /* what a simulation cost (run --stats, benchmarks) */

