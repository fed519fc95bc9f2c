/* stats.c - what a simulation cost, so anyone can check the speed figures
 * of the README on their own machine (`phasecast run --stats`).
 *
 * Component-months are counted by a sink, which sees every run of the
 * simulation in order (report.c), whatever the thread count or shard; the
 * median run the report simulates again in detail is not counted.  Times
 * come from the monotonic clock and getrusage(), peak memory from
 * getrusage()'s ru_maxrss (KiB on Linux).  Each thread's CPU time is read
 * from its own clock when it starts and ends its share of a block of runs
 * (report.c): a few reads a block, none a run.
 */
#include "pc-private.h"

#include <sys/resource.h>
#include <time.h>

typedef struct {
  GThread *thread;
  guint runs;
  double cpu_seconds;
} PcThreadCost;

struct _PcStats {
  PcRunSink sink;             /* first: the sink's callbacks get the PcStats */
  const PcModel *model;
  guint64 component_months;
  gint64 wall_start_us, wall_end_us;
  double cpu_start_s, cpu_end_s;
  GMutex lock;                /* guards threads: added to by every simulating thread */
  GArray *threads;            /* PcThreadCost, in the order threads first reported */
};

static double
process_cpu_seconds (void)
{
  struct rusage usage;
  if (getrusage (RUSAGE_SELF, &usage) != 0)
    return 0.0;
  return (double) usage.ru_utime.tv_sec + usage.ru_utime.tv_usec / 1e6 +
         (double) usage.ru_stime.tv_sec + usage.ru_stime.tv_usec / 1e6;
}

guint64
pc_stats_peak_rss_kib (void)
{
  struct rusage usage;
  if (getrusage (RUSAGE_SELF, &usage) != 0 || usage.ru_maxrss < 0)
    return 0;
  return (guint64) usage.ru_maxrss;
}

guint64
pc_run_component_months (const PcModel *model, const PcRunResult *run)
{
  guint64 sum = 0;
  for (guint m = 0; m < run->n_months; m++)
    sum += model->phases[run->months[m].phase].n_components;
  return sum;
}

/* The runway's runs that came with @run (runway.c): one per phase, pinned
 * to it for every month of the horizon. */
static guint64
runway_component_months (const PcModel *model, const PcRunResult *run)
{
  if (run->runway_month == NULL)   /* no runway came with this run */
    return 0;
  guint64 sum = 0;
  for (guint p = 0; p < model->n_phases; p++)
    sum += (guint64) run->n_months * model->phases[p].n_components;
  return sum;
}

static gboolean
count_run (PcRunSink *sink, const PcRunResult *run, GError **error)
{
  PcStats *stats = (PcStats *) sink;
  stats->component_months += pc_run_component_months (stats->model, run) + runway_component_months (stats->model, run);
  (void) error;
  return TRUE;
}

PcStats *
pc_stats_start (const PcModel *model)
{
  PcStats *stats = g_new0 (PcStats, 1);
  stats->sink.detail = PC_DETAIL_NONE;
  stats->sink.run = count_run;
  stats->model = model;
  stats->wall_start_us = stats->wall_end_us = g_get_monotonic_time ();
  stats->cpu_start_s = stats->cpu_end_s = process_cpu_seconds ();
  g_mutex_init (&stats->lock);
  stats->threads = g_array_new (FALSE, FALSE, sizeof (PcThreadCost));
  return stats;
}

double
pc_thread_cpu_seconds (void)
{
  struct timespec now;
  if (clock_gettime (CLOCK_THREAD_CPUTIME_ID, &now) != 0)
    return 0.0;
  return (double) now.tv_sec + now.tv_nsec / 1e9;
}

void
pc_stats_add_thread (PcStats *stats, guint runs, double cpu_seconds)
{
  GThread *self = g_thread_self ();
  g_mutex_lock (&stats->lock);
  guint i = 0;
  while (i < stats->threads->len && g_array_index (stats->threads, PcThreadCost, i).thread != self)
    i++;
  if (i == stats->threads->len)
    g_array_append_val (stats->threads, ((PcThreadCost) { self, 0, 0.0 }));
  PcThreadCost *cost = &g_array_index (stats->threads, PcThreadCost, i);
  cost->runs += runs;
  cost->cpu_seconds += cpu_seconds;
  g_mutex_unlock (&stats->lock);
}

guint
pc_stats_n_threads (const PcStats *stats)
{
  return stats->threads->len;
}

guint
pc_stats_thread_runs (const PcStats *stats, guint thread)
{
  g_return_val_if_fail (thread < stats->threads->len, 0);
  return g_array_index (stats->threads, PcThreadCost, thread).runs;
}

double
pc_stats_thread_cpu_seconds (const PcStats *stats, guint thread)
{
  g_return_val_if_fail (thread < stats->threads->len, 0.0);
  return g_array_index (stats->threads, PcThreadCost, thread).cpu_seconds;
}

PcRunSink *pc_stats_sink (PcStats *stats) { return &stats->sink; }
guint64 pc_stats_component_months (const PcStats *stats) { return stats->component_months; }
double pc_stats_wall_seconds (const PcStats *stats) { return (stats->wall_end_us - stats->wall_start_us) / 1e6; }
double pc_stats_cpu_seconds (const PcStats *stats) { return stats->cpu_end_s - stats->cpu_start_s; }

void
pc_stats_free (PcStats *stats)
{
  g_mutex_clear (&stats->lock);
  g_array_unref (stats->threads);
  g_free (stats);
}

void
pc_stats_stop (PcStats *stats)
{
  stats->wall_end_us = g_get_monotonic_time ();
  stats->cpu_end_s = process_cpu_seconds ();
}

/* @value with @format ("%.3f"), '.' as the decimal point whatever the locale. */
static const char *
number (char buffer[G_ASCII_DTOSTR_BUF_SIZE], const char *format, double value)
{
  return g_ascii_formatd (buffer, G_ASCII_DTOSTR_BUF_SIZE, format, value);
}

/* "; CPU per run on each thread: 97.9 us (5479 runs), ..." when more than
 * one thread simulated, else nothing. */
static void
append_threads (GString *line, const PcStats *stats)
{
  if (stats->threads->len < 2)
    return;
  g_string_append (line, "; CPU per run on each thread:");
  for (guint t = 0; t < stats->threads->len; t++) {
    const PcThreadCost *cost = &g_array_index (stats->threads, PcThreadCost, t);
    char us[G_ASCII_DTOSTR_BUF_SIZE];
    g_string_append_printf (line, "%s %s us (%u runs)", t ? "," : "",
                            number (us, "%.1f", cost->cpu_seconds * 1e6 / MAX (cost->runs, 1)), cost->runs);
  }
}

char *
pc_stats_describe (const PcStats *stats)
{
  char wall[G_ASCII_DTOSTR_BUF_SIZE], cpu[G_ASCII_DTOSTR_BUF_SIZE];
  char wall_ns[G_ASCII_DTOSTR_BUF_SIZE], cpu_ns[G_ASCII_DTOSTR_BUF_SIZE], rss[G_ASCII_DTOSTR_BUF_SIZE];
  double n = (double) MAX (stats->component_months, 1);
  GString *line = g_string_new (NULL);
  g_string_printf (line, "%" G_GUINT64_FORMAT " component-months in %s s wall, %s s CPU "
                   "(%s ns wall, %s ns CPU per component-month); peak RSS %s MiB",
                   stats->component_months,
                   number (wall, "%.3f", pc_stats_wall_seconds (stats)),
                   number (cpu, "%.3f", pc_stats_cpu_seconds (stats)),
                   number (wall_ns, "%.1f", pc_stats_wall_seconds (stats) * 1e9 / n),
                   number (cpu_ns, "%.1f", pc_stats_cpu_seconds (stats) * 1e9 / n),
                   number (rss, "%.1f", pc_stats_peak_rss_kib () / 1024.0));
  append_threads (line, stats);
  return g_string_free (line, FALSE);
}
