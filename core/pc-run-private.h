/* pc-run-private.h - the pieces one run is made of (events, growth, load). */
#pragma once

#include "pc-private.h"

#include <gsl/gsl_rng.h>

G_DEFINE_AUTOPTR_CLEANUP_FUNC (gsl_rng, gsl_rng_free)

/* The generator of a run's two streams (run.c), named in every report as
 * "rng".  GSL's taus2 (L'Ecuyer's maximally equidistributed combined
 * Tausworthe generator, period 2^88, simulation quality) is seeded in three
 * words.  A Mersenne Twister, seeded per run, first builds a 624-word state
 * and then regenerates all of it at the first draw: for the few hundred
 * draws a run makes, that cost 13-15 % of a baseline run (docs/speed.md). */
#define PC_RUN_RNG gsl_rng_taus2
/* Mixed into the scenario seed for the plan's stream, so that its seeds
 * differ from the world's: run i's streams are seeded from
 * pc_run_seed (seed, i) and pc_run_seed (seed ^ PC_PLAN_STREAM, i). */
#define PC_PLAN_STREAM 0x7F4A7C159E3779B9ull

/* ---- run.c: one run's memory serving many runs (report.c) ---- */
/* Sets @run at the start of run @run_index, as pc_run_new() would, reusing
 * its memory (a result not taken is freed); FALSE with @error when the new
 * result does not fit in memory. */
gboolean pc_run_restart (PcRun *run, guint64 seed, guint run_index, PcDetail detail, GError **error);
/* Returns: (transfer full): the result of the finished run, which may then
 * be restarted. */
PcRunResult *pc_run_take_result (PcRun *run);
/* Hands @spent (a result of the same model, no longer needed) to @run,
 * whose next restart reuses its memory; step that run to the horizon
 * before reading its result (months are not cleared). */
void pc_run_reuse_result (PcRun *run, PcRunResult *spent);
/* At most this many runs step together in pc_run_step_group(): the most
 * that made a baseline run faster on the hosts measured (docs/speed.md);
 * more runs' data then crowds the code out of the caches. */
#define PC_RUN_GROUP 8
/* Steps @n (<= PC_RUN_GROUP) runs, just started, to the horizon together:
 * month by month, and within a month component by component across the
 * runs in the same phase, so one plugin's code and data serve them all
 * while they are in cache.  Each run does exactly what pc_run_step() would
 * do; runs that something watches (policies, observers, checks, detailed
 * months) are stepped one by one.  FALSE with @error as soon as one fails:
 * the others are then unfinished, and the caller steps each alone to learn
 * which failed first. */
gboolean pc_run_step_group (PcRun *const *runs, guint n, GError **error);

/* ---- events.c ---- */
typedef enum {
  PC_EVENT_BUSINESS,          /* a scenario event: decl is its index */
  PC_EVENT_MIGRATION_DONE,    /* decl is the phase being entered */
} PcEventKind;

typedef struct {
  double time;                /* months from start */
  guint seq;                  /* insertion order, breaks ties */
  PcEventKind kind;
  guint decl;
} PcEvent;

typedef struct {
  GArray *heap;               /* PcEvent, min-heap on (time, seq) */
  guint next_seq;
} PcEventQueue;

void pc_queue_init (PcEventQueue *queue, guint reserve);
void pc_queue_clear (PcEventQueue *queue);
void pc_queue_push (PcEventQueue *queue, PcEvent event);
gboolean pc_queue_pop_before (PcEventQueue *queue, double time, PcEvent *out);

/* ---- growth.c ---- */
typedef struct {
  double rate;                /* this run's growth rate */
  double customers;           /* from the growth process */
  double expected_before;     /* E at the previous month */
  double extra_customers;     /* from events (enterprise deals) */
  double extra_users;
  double revenue_month;       /* this month's revenue, USD */
  double revenue_ring[12];    /* the last twelve months' revenue, by month mod 12 */
} PcGrowthState;

double pc_growth_expected (const PcGrowthParams *g, double rate, double month);
void pc_growth_start (PcGrowthState *gs, const PcGrowthParams *g, gsl_rng *rng);
void pc_growth_step (PcGrowthState *gs, const PcGrowthParams *g, gsl_rng *rng, guint month,
                     PcBusinessState *state);

/* ---- load.c ---- */
/* What a run remembers of the data it wrote: GB per month, indexed so that
 * [horizon - 1 - month] is this month and later indices are older months. */
typedef struct {
  double *pdf_gb;             /* PDFs (object storage) */
  double *db_gb;              /* database rows */
  guint horizon;
  double stored_gb;           /* the PDFs' GB so far: their running total */
} PcLoadHistory;

/* Months are filled in order from 0 (month 0 starts the history again). */
void pc_load_fill (const PcWorkload *workload, const PcBusinessState *state, gsl_rng *rng, guint month,
                   PcLoadHistory *history, PcDemand *demand);
