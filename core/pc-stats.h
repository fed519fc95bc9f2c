/* pc-stats.h - what a simulation cost: component-months simulated, wall and
 * CPU time, peak memory (`phasecast run --stats`, tests/bench/). */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* Starts the clocks.  Add pc_stats_sink() to the simulation's sinks so the
 * component-months of every run are counted, then call pc_stats_stop(). */
PC_API PcStats *pc_stats_start (const PcModel *model);
/* A sink counting each run's component-months (owned by @stats). */
PC_API PcRunSink *pc_stats_sink (PcStats *stats);
PC_API void pc_stats_stop (PcStats *stats);
PC_API void pc_stats_free (PcStats *stats);
/* Components stepped, summed over the months of the runs the sink saw (a
 * month in a phase of n components counts n) and of the runway's runs
 * that came with them: each of the first PC_RUNWAY_RUNS runs is simulated
 * again once per phase, pinned to it for the whole horizon, when the
 * roadmap has capacity thresholds (runway.c). */
PC_API guint64 pc_stats_component_months (const PcStats *stats);
/* Between start and stop: elapsed time, and CPU time of the whole process
 * (user + system, every thread). */
PC_API double pc_stats_wall_seconds (const PcStats *stats);
PC_API double pc_stats_cpu_seconds (const PcStats *stats);
/* The process's peak resident set so far, in KiB (0 if unknown). */
PC_API guint64 pc_stats_peak_rss_kib (void);
/* The component-months of one run of @model. */
PC_API guint64 pc_run_component_months (const PcModel *model, const PcRunResult *run);
/* Each thread that took part, when @stats was the simulation's
 * PcSimulateOptions.stats: thread 0 is the one that called pc_simulate(),
 * the pool's are numbered as they first joined a block (at most the
 * threads asked for; a pool thread that found no run left counts with 0).
 * Its runs (each with the runway's runs that came with it) and the CPU time
 * it spent on them, so that cores of unequal speed show as unequal CPU
 * time per run. */
PC_API guint pc_stats_n_threads (const PcStats *stats);
PC_API guint pc_stats_thread_runs (const PcStats *stats, guint thread);
PC_API double pc_stats_thread_cpu_seconds (const PcStats *stats, guint thread);
/* One line for people, the same under any locale (transfer full). */
PC_API char *pc_stats_describe (const PcStats *stats);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcStats, pc_stats_free)

G_END_DECLS
