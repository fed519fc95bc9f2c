/* pc-workload.h - the scenario's workload: what the business asks of the
 * infrastructure (request classes, business hours, busy and quiet days,
 * data), and the month's load levels precomputed from it.
 *
 * workload.c reads <workload> (or format 1's single-class <load>),
 * load-shape.c turns hours and days into at most PC_MAX_WORKLOAD_LEVELS
 * load levels once, when the scenario is loaded, and load.c fills each
 * month's PcDemand from the business state with a few random draws and no
 * allocation.  docs/scenario.md documents every attribute.
 */
#pragma once

#include "pc-plugin.h"

G_BEGIN_DECLS

/* What a request class's rate is counted per. */
typedef enum {
  PC_PER_USER_DAY,            /* per active user per ordinary weekday */
  PC_PER_CUSTOMER_DAY,        /* per paying customer per ordinary weekday */
  PC_PER_QUOTE,               /* per quote created */
  PC_PER_USER_MONTH,          /* per active user per month */
  PC_PER_COUNT
} PcRatePer;

/* A named demand quantity a class produces, per request (pc_config_demand). */
typedef struct {
  guint name;                 /* index into PcWorkload.quantity_names */
  double per_request;
} PcClassQuantity;

typedef struct {
  char *name;
  PcRatePer per;
  double rate;                /* requests per unit of `per` */
  double cpu_ms, cpu_cv;      /* task CPU per request at 1 vCPU, and its coefficient of variation */
  double memory_mb;           /* task memory a request holds while in flight */
  double db_queries;          /* per request */
  double db_cpu_ms;           /* database CPU per query at 1 vCPU */
  double db_rows;             /* rows a query reads or writes */
  double db_write_share;      /* share of its queries that write */
  double replica_share;       /* share of its queries a read replica may serve */
  double response_kb;         /* bytes out per request */
  double static_requests, static_kb;   /* static assets a request pulls, and their size */
  GArray *quantities;         /* PcClassQuantity */
  int line;
} PcRequestClass;

/* Request classes a workload may declare. */
#define PC_MAX_CLASSES 32

/* Day strata: the month's days grouped by how busy they are. */
#define PC_MAX_DAY_STRATA 6
/* Load levels of a month the workload produces (<= PC_MAX_LEVELS). */
#define PC_MAX_WORKLOAD_LEVELS 48

typedef enum {
  PC_STRATUM_FIXED,           /* a group of days at their expected factor */
  PC_STRATUM_BUSIEST,         /* the month's busiest ordinary weekday, drawn each month */
  PC_STRATUM_DRAWN,           /* days sharing one draw each month (the month end) */
} PcStratumKind;

typedef struct {
  PcStratumKind kind;
  double days;                /* days of the month it stands for */
  double day_weight;          /* 1 for an ordinary weekday, the month-end factor, the weekend weight */
  double factor;              /* expected noise factor of its days (1 on average over all days) */
  double busiest_of;          /* PC_STRATUM_BUSIEST: the busiest of this many days */
} PcDayStratum;

/* The month's hours as load levels, computed once (load-shape.c).  At the
 * expected day factors, level k lasts hours[k] hours at unit_rps[k]
 * requests per second for each request of the month's volume; a drawn
 * stratum scales its levels by its draw over its expected factor. */
typedef struct {
  guint n_levels;
  double hours[PC_MAX_WORKLOAD_LEVELS];
  double unit_rps[PC_MAX_WORKLOAD_LEVELS];
  guint8 stratum[PC_MAX_WORKLOAD_LEVELS];
  guint n_strata;
  PcDayStratum strata[PC_MAX_DAY_STRATA];
  double sigma;               /* log-normal sigma of a day's noise factor */
  double day_equivalents;     /* ordinary-weekday equivalents in a month: per-day rates x this = monthly */
} PcLoadShape;

typedef struct {
  /* business hours, the customers' local time */
  double open_hour, close_hour, business_share;
  double profile[24];         /* share of an ordinary weekday's requests in each hour (sums to 1) */
  gboolean profile_given;     /* <profile> rather than open/close/business-share */
  /* days */
  double weekend_weight, month_end_days, month_end_factor, daily_cv;
  double peak_factor;         /* busiest second of an hour over the hour's mean */
  /* data and side effects */
  double db_base_gb, db_mb_per_quote, working_set_months, working_set_base_share;
  double pdf_mb_per_quote, object_puts_per_quote, object_gets_per_quote, temp_mb_per_quote;
  double emails_per_quote, emails_per_user_month, log_kb_per_request, errors_per_1000_requests;
  double task_base_memory_mb; /* memory an application task holds at rest */
  GPtrArray *classes;         /* PcRequestClass* */
  GPtrArray *quantity_names;  /* char*: the named demand quantities, in order of first declaration */
  PcLoadShape shape;
} PcWorkload;

PC_API void pc_workload_free (PcWorkload *workload);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcWorkload, pc_workload_free)

/* Computes @workload->shape from its hours and days. */
PC_API void pc_load_shape_build (PcWorkload *workload);

G_END_DECLS
