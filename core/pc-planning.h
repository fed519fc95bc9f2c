/* pc-planning.h - what a planner asks of a simulation beyond the timeline:
 * money in another currency (currency.c), budgets per phase and the gate
 * (budget.c), cost over calendar and financial years (periods.c), why a
 * phase moved or did not (why.c), one month's cost explained line by line
 * (explain.c) and which input moves the answer most (sensitivity.c).
 * Included by phasecast.h. */
#pragma once

#include "phasecast.h"

G_BEGIN_DECLS

/* ---- currency.c ---- */
struct _PcCurrency {
  char *code;                 /* "USD", "AUD" */
  double per_usd;             /* units of this currency per US dollar */
  char *date;                 /* of the published rate; NULL for USD */
  char *source;               /* who published it */
  char *derived;              /* how per_usd follows from the published figure, or NULL */
  gboolean overridden;        /* per_usd was given by the user (--fx) */
  double gst_rate;            /* added to costs: 0, or Australia's 10 % with pc_currency_add_gst() */
  char *gst_source;
};

/* @code: "USD", or a currency with a published rate in data/fx/rates.xml. */
PC_API PcCurrency *pc_currency_new (const char *code, GError **error);
PC_API void pc_currency_free (PcCurrency *currency);
/* Returns: (transfer full): a copy of @currency. */
PC_API PcCurrency *pc_currency_copy (const PcCurrency *currency);
PC_API gboolean pc_currency_override (PcCurrency *currency, double per_usd, GError **error);
PC_API gboolean pc_currency_add_gst (PcCurrency *currency, GError **error);
/* A cost of @usd in @currency, GST included when added; an amount (revenue) without it. */
PC_API double pc_currency_cost (const PcCurrency *currency, double usd);
PC_API double pc_currency_amount (const PcCurrency *currency, double usd);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcCurrency, pc_currency_free)

/* Loads the roadmap's currency; revenue thresholds then compare revenue in it (model.c). */
PC_API gboolean pc_model_resolve_currency (PcModel *model, GError **error);
/* --fx: the rate revenue thresholds use, when the roadmap's currency is not USD. */
PC_API gboolean pc_model_set_exchange_rate (PcModel *model, double per_usd, GError **error);
/* The report's money figures in @currency (taken); USD until set. */
PC_API void pc_report_set_currency (PcReport *report, PcCurrency *currency);

/* ---- budget.c ---- */
/* Sets a phase's budget (USD/month) before simulating, replacing the roadmap's. */
PC_API gboolean pc_model_set_budget (PcModel *model, const char *phase_id, double usd, GError **error);
/* "PHASE=USD", as --budget takes it. */
PC_API gboolean pc_model_set_budget_text (PcModel *model, const char *assignment, GError **error);
/* A run's highest monthly cost in @phase (NAN if it never entered it) and
 * the first month in the phase costing more than @budget_usd (-1: none). */
PC_API void pc_run_phase_peak (const PcRunResult *run, guint phase, double budget_usd, double *peak_usd, int *first_over);

typedef struct {
  guint phase;
  double budget_usd;
  double cost_usd;            /* the percentile checked, over runs that entered the phase, of each run's
                               * highest monthly cost in it */
  double over_usd;            /* cost_usd - budget_usd: a breach when positive */
  double over_probability;    /* share of the runs entering the phase with a month over budget */
  int month;                  /* first month over budget, P50 over the runs that went over; -1 if none */
  int detail_month;           /* the median run's month the components are from; -1 if none */
  int top_slots[3];           /* its largest components that month, -1 past the end */
  double top_usd[3];
} PcBudgetCheck;

/* Every phase that has a budget and was entered in some run, checked at
 * @percentile (50 or 90).  Returns: (transfer full): PcBudgetCheck. */
PC_API GArray *pc_report_check_budgets (const PcReport *report, guint percentile);
/* Fills the phases' budget figures from @aggregate and adds a warning for
 * each phase over budget at P50 (report.c). */
PC_API void pc_report_budgets (PcReport *report, const PcAggregate *aggregate);

/* ---- periods.c: money over calendar and Australian financial years ---- */
/* The horizon, its calendar years, its financial years (July to June). */
PC_API GArray *pc_periods_new (const PcScenario *scenario);
/* "2025-11..2028-10", "2026", "FY2026-27"; (transfer full). */
PC_API char *pc_period_label (const PcPeriod *period, const PcScenario *scenario);
PC_API const char *pc_period_kind_name (PcPeriodKind kind);

/* A run's sums over one period. */
typedef struct {
  double cost_usd, revenue_usd, customer_months, user_months;
} PcPeriodSums;
PC_API void pc_run_period_sums (const PcRunResult *run, const PcPeriod *period, PcPeriodSums *sums);

PC_API void pc_report_periods (PcReport *report, const PcAggregate *aggregate);

/* ---- why.c ---- */
PC_API void pc_report_why (PcReport *report, const PcAggregate *aggregate);
/* "op value" of an indicator for people ("> 0.6 for 3 months", "seen in 90 days"); (transfer full). */
PC_API char *pc_indicator_condition_text (const PcIndicatorDecl *decl);

/* ---- explain.c: one month of one run, line by line ---- */
typedef struct {
  const PcComponent *component;
  PcStepResult *result;       /* its lines and metrics that month (owned) */
  PcDemand demand;            /* the demand that reached it (its array pointers cleared) */
  double *named;              /* [model->demand_names->len] the named demands that reached it */
} PcExplainedComponent;

typedef struct {
  const PcModel *model;
  guint run_index, month, phase;
  PcBusinessState state;
  double cost_usd;            /* the month's cost in that run */
  GPtrArray *components;      /* PcExplainedComponent*, pipeline order */
} PcExplanation;

/* Simulates run @run_index again and keeps every component's result in @month. */
PC_API PcExplanation *pc_explain_month (const PcModel *model, guint64 seed, guint run_index, guint month, GError **error);
PC_API void pc_explanation_free (PcExplanation *explanation);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcExplanation, pc_explanation_free)
/* "YYYY-MM" as a month of @scenario's horizon; the error names the horizon. */
PC_API gboolean pc_scenario_parse_month (const PcScenario *scenario, const char *text, guint *month, GError **error);

/* The numeric fields of PcDemand, for showing what reached a component. */
typedef struct { const char *name; gsize offset; } PcDemandField;
PC_API const PcDemandField *pc_demand_fields (guint *n_fields);
/* The busiest load level's requests per second. */
PC_API double pc_demand_peak_rps (const PcDemand *demand);

/* ---- model.c: variants of a scenario (sensitivity) ---- */
typedef void (*PcScenarioEdit) (PcScenario *scenario, gpointer data);
typedef struct {
  PcScenarioEdit edit;        /* nullable: changes the scenario once it is read */
  gpointer edit_data;
  double price_factor;        /* every price times this before a plugin reads it; 1: as published */
  const PcModel *catalogs_of; /* nullable: with price_factor 1, use this model's catalogs instead of reading them
                               * again (it must outlive the variant) */
} PcVariant;
/* As pc_model_new, for a what-if of the scenario (pc_model_new_variant). */
PC_API PcModel *pc_model_new_variant (const char *scenario_path, const PcVariant *variant, PcHost *host, GError **error);

/* ---- sensitivity.c ---- */
typedef struct {
  char *name;                 /* "growth.rate", "prices", "event.compliance_requirement" */
  double base, low, high;
  char *range_source;         /* where low and high came from */
  double *entered_low, *entered_high;   /* [n_phases] median entered month over all runs (never = the horizon) */
  double *cost_low, *cost_high;         /* [n_phases] P50 monthly cost over runs entering it; NAN if none */
} PcSensitivityInput;

typedef struct {
  PcModel *model;             /* the scenario as written */
  guint runs;
  guint64 seed;
  double *base_entered, *base_cost;     /* [n_phases] */
  GPtrArray *inputs;          /* PcSensitivityInput*, in the order they were varied */
} PcSensitivity;

typedef struct {
  guint runs;                 /* 0: the scenario's */
  guint64 seed;
  gboolean seed_set;
  guint threads;
  char **vary;                /* NULL-terminated "NAME=LOW:HIGH", nullable */
  PcProgressFunc progress;    /* nullable: runs done of all the settings' runs */
  gpointer progress_data;
} PcSensitivityOptions;

PC_API PcSensitivity *pc_sensitivity_run (const char *scenario_path, PcHost *host, const PcSensitivityOptions *options,
                                   GError **error);
PC_API void pc_sensitivity_free (PcSensitivity *sensitivity);
/* Input indices by their effect on @phase, largest first: the swing of the
 * entered month, then of the monthly cost.  (transfer full): [inputs->len]. */
PC_API guint *pc_sensitivity_order (const PcSensitivity *sensitivity, guint phase);
/* The names --vary accepts for @model's scenario; (transfer full). */
PC_API char *pc_sensitivity_names (const PcModel *model);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcSensitivity, pc_sensitivity_free)

/* ---- planning-fields.c: the new rows, as named fields (fields.c) ---- */
PC_API void pc_report_money_fields (const PcReport *report, PcFieldFunc func, gpointer data);
PC_API void pc_report_period_fields (const PcReport *report, guint period, PcFieldFunc func, gpointer data);
/* What an indicator compares and how it held its phase back (appended to
 * pc_report_indicator_fields). */
PC_API void pc_report_indicator_condition_fields (const PcReport *report, guint indicator, PcFieldFunc func, gpointer data);
/* The key of an indicator's rows in flat formats: phase, indicator. */
PC_API void pc_report_indicator_key_fields (const PcReport *report, guint indicator, PcFieldFunc func, gpointer data);
/* Indicator @indicator in month @month: the value it compared over runs. */
PC_API void pc_report_indicator_month_fields (const PcReport *report, guint indicator, guint month, PcFieldFunc func,
                                       gpointer data);

/* ---- render-planning.c: the table sections ---- */
PC_API void pc_render_table_budgets (GString *out, const PcReport *report);
PC_API void pc_render_table_why (GString *out, const PcReport *report);
PC_API void pc_render_table_money (GString *out, const PcReport *report);

G_END_DECLS
