/* pc-crossover.h - one scenario under several roadmaps ("roads"), run over
 * the same futures, and where the cheapest road changes (crossover.c). */
#pragma once

/* Part of phasecast.h, which includes it after the types it uses. */
#include "pc-sketch.h"

G_BEGIN_DECLS

/* A signed quantity as two sketches (negative values by magnitude). */
typedef struct {
  PcSketch *positive, *negative;
} PcSignedSketch;

typedef struct {
  guint n_roads, n_months, n_phases, runs;
  guint64 seed;
  PcModel **models;             /* [n_roads], not owned; road 0's phases name the phase rows */
  PcSketch **month_cost;        /* [road * n_months + m] USD */
  PcSignedSketch *month_diff;   /* [road * n_months + m] this road's cost minus road 0's */
  guint64 *month_cheapest;      /* [road * n_months + m] runs in which the road was cheapest (ties: lowest index) */
  int *phase_of;                /* [road * n_phases + p] the road's phase with road 0's phase id p, or -1 */
  PcSketch **phase_cost;        /* [road * n_phases + p] a run's mean monthly USD in the phase */
  guint64 *phase_cheapest;      /* [road * n_phases + p] runs where every road entered p and this was cheapest */
  guint64 *phase_runs;          /* [p] runs in which every road entered p */
  guint n_pairs;
  PcMonthCounts **pair_cross;   /* [pair] first month the pair's order flips; n_months: never */
  PcSketch **response;          /* [road * n_months + m] response time at the peak, s */
  PcSketch **cold_share;        /* [road * n_months + m] share of cold invocations (NULL row: no such metric) */
  double *cold_latency_s;       /* [road] what a cold request waits, the most seen; NAN without cold starts */
  double trigger_s;             /* the roadmaps' response-time trigger, NAN if none */
  guint64 *runs_over_trigger;   /* [road] runs with a month above the trigger */
} PcCrossover;

/* The pair index of roads a < b. */
PC_API guint pc_crossover_pair (const PcCrossover *crossover, guint a, guint b);
/* Runs @runs futures (0: the first model's) with @seed of every model, run
 * i of every road with the same random stream, and summarises them.  The
 * models must share one scenario file.  Memory does not grow with @runs. */
PC_API PcCrossover *pc_crossover_run (PcModel **models, guint n_roads, guint runs, guint64 seed, GError **error);
PC_API void pc_crossover_free (PcCrossover *crossover);
/* GSL-interpolated quantile of the signed values, within the sketches'
 * relative width (exact at zero). */
PC_API double pc_signed_quantile (const PcSignedSketch *sketch, double fraction);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcCrossover, pc_crossover_free)

G_END_DECLS
