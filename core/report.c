/* report.c - many runs through a thread pool, streamed in order into the
 * aggregate and the exporters, and the one report every output renders.
 *
 * Runs are simulated in blocks of consecutive indices.  While the pool's
 * threads simulate block k + 1, this thread hands block k's results, in
 * run-index order, to the aggregate and to every sink, frees them, and
 * joins the pool; so at most two blocks of runs are alive at once, whatever
 * the number of runs, and every sink sees the same sequence for any thread
 * count.  A thread takes a block's runs PC_RUN_GROUP at a time and steps
 * them together (run.c, pc_run_step_group), which keeps each plugin's
 * code in cache across the group; each run's result is the same as alone.
 * Each thread reuses runs' memory of its own (PcWorkspaces), which stays in
 * its core's cache.
 * Run i always uses the stream seeded from (seed, i).  With shards,
 * only the indices that are shard mod n_shards run; their streams are the
 * same as in one process.
 *
 * The first PC_RUNWAY_RUNS runs are also simulated once per phase, pinned,
 * by the thread that runs them (runway.c), before they are handed over.
 *
 * The report is computed from the aggregate alone (aggregate.c says what it
 * keeps and how exact each figure is) plus the median run, simulated again
 * with every cost line.  A run that fails stops the simulation with the
 * error of the lowest failing index; no sink's finish() is then called.
 */
#include "pc-private.h"

#include "pc-aggregate.h"
#include "pc-run-private.h"

#include <gsl/gsl_errno.h>
#include <signal.h>

/* Runs per block: enough to keep every thread busy between hand-overs,
 * few enough that two blocks of detailed runs stay small. */
#define BLOCK_PER_THREAD 32

/* A crash handler's stack in a worker thread (ensure_alt_stack). */
#define ALT_STACK_BYTES ((gsize) 64 << 10)

/* One thread's runs' memory not in use: the thread takes one for each run
 * and gives it back, so memory is allocated once per thread, not once per
 * run; and a run's memory stays in the cache of the core that uses it
 * rather than move between cores at every run. */
typedef struct {
  GMutex lock;                /* the consumer gives results back from its thread */
  GPtrArray *idle;            /* PcRun* */
  GPtrArray *spent;           /* PcRunResult* aggregated, their memory for the next runs */
} PcWorkspaces;

/* A workspace for each thread: the calling thread's is the first; a pool
 * thread takes one of the others for the length of a job. */
typedef struct {
  GMutex lock;                /* guards free */
  PcWorkspaces *all;          /* [n] */
  guint n;
  GPtrArray *free;            /* PcWorkspaces* of all[1..] no job holds */
} PcWorkspaceSet;

typedef struct _PcBlock PcBlock;

struct _PcBlock {
  const PcModel *model;
  guint64 seed;
  PcDetail detail;
  PcWorkspaceSet *workspaces;
  GMutex lock;                /* guards what follows */
  GCond done;
  guint claimed;              /* slots taken by a thread so far */
  guint running;              /* slots taken and not finished */
  PcRunResult **results;      /* [block] */
  PcWorkspaces **homes;       /* [block]: of the thread that ran each slot, which gets its memory back */
  guint first_index, n;       /* this block: run indices first, first + stride, ... */
  guint stride;
  GError *error;              /* of the lowest failing index */
  guint error_index;
  gboolean no_runway;         /* PcSimulateOptions.no_runway */
  PcStats *stats;             /* PcSimulateOptions.stats: each thread's runs and CPU time, or NULL */
};

static gboolean
simulate_checked (const PcModel *model, guint64 seed, guint index, PcDetail detail, gboolean each_stage,
                  PcRunResult **out, GError **error)
{
  g_autoptr (PcRun) run = pc_run_new (model, seed, index, detail, error);
  if (run == NULL)
    return FALSE;
  if (each_stage)
    pc_run_check_each_stage (run);
  if (!pc_run_step (run, model->scenario->horizon_months, error))
    return FALSE;
  *out = pc_run_finish (g_steal_pointer (&run));
  return TRUE;
}

/* The last of @stack, taken off it; NULL when it is empty. */
static gpointer
pop (GPtrArray *stack)
{
  return stack->len ? g_ptr_array_steal_index_fast (stack, stack->len - 1) : NULL;
}

/* A run of @workspaces (or a new one) set at the start of run @index;
 * NULL with @error when it cannot be. */
static PcRun *
take_run (PcWorkspaces *workspaces, const PcModel *model, guint64 seed, guint index, PcDetail detail,
          GError **error)
{
  g_mutex_lock (&workspaces->lock);
  PcRun *run = pop (workspaces->idle);
  PcRunResult *spent = run ? pop (workspaces->spent) : NULL;
  g_mutex_unlock (&workspaces->lock);
  if (run == NULL)
    return pc_run_new (model, seed, index, detail, error);
  if (spent)
    pc_run_reuse_result (run, spent);
  if (!pc_run_restart (run, seed, index, detail, error)) {
    pc_run_free (run);
    return NULL;
  }
  return run;
}

/* Gives @run back to @workspaces for a later run. */
static void
put_run (PcWorkspaces *workspaces, PcRun *run)
{
  g_mutex_lock (&workspaces->lock);
  g_ptr_array_add (workspaces->idle, run);
  g_mutex_unlock (&workspaces->lock);
}

/* Simulates run @index in memory taken from @workspaces. */
static gboolean
simulate_reusing (PcWorkspaces *workspaces, const PcModel *model, guint64 seed, guint index, PcDetail detail,
                  PcRunResult **out, GError **error)
{
  PcRun *run = take_run (workspaces, model, seed, index, detail, error);
  if (run == NULL)
    return FALSE;
  gboolean ok = pc_run_step (run, model->scenario->horizon_months, error);
  if (ok)
    *out = pc_run_take_result (run);
  put_run (workspaces, run);
  return ok;
}

/* Simulates run @index (in memory from @workspaces when not NULL); when it
 * fails, simulates it again checking every stage, so the error names the
 * component at fault (runs are deterministic, so the second pass meets the
 * same values). */
static gboolean
simulate_one (const PcModel *model, guint64 seed, guint index, PcDetail detail, PcWorkspaces *workspaces,
              PcRunResult **out, GError **error)
{
  g_autoptr (GError) first = NULL;
  if (workspaces ? simulate_reusing (workspaces, model, seed, index, detail, out, &first)
                 : simulate_checked (model, seed, index, detail, FALSE, out, &first))
    return TRUE;
  g_autoptr (GError) precise = NULL;
  PcRunResult *unexpected = NULL;
  if (simulate_checked (model, seed, index, detail, TRUE, &unexpected, &precise) || precise == NULL) {
    pc_run_result_free (unexpected);
    g_propagate_error (error, g_steal_pointer (&first));
  } else {
    g_propagate_error (error, g_steal_pointer (&precise));
  }
  return FALSE;
}

static void
alt_stack_free (gpointer memory)
{
  stack_t off = { .ss_flags = SS_DISABLE };
  sigaltstack (&off, NULL);
  g_free (memory);
}

static GPrivate alt_stack = G_PRIVATE_INIT (alt_stack_free);

/* Gives this worker thread an alternate signal stack, once, unless it has
 * one: a program's handler for a crash can then run even when the
 * thread's own stack has overflowed (phasecast's command line reports a
 * crash that follows a failed allocation as out of memory: GLib, failing
 * to format its "failed to allocate" message, recurses until the stack
 * overflows).  Without such a handler it changes nothing. */
static void
ensure_alt_stack (void)
{
  stack_t current;
  if (g_private_get (&alt_stack) != NULL || sigaltstack (NULL, &current) != 0 || !(current.ss_flags & SS_DISABLE))
    return;
  stack_t alt = { .ss_sp = g_try_malloc (ALT_STACK_BYTES), .ss_size = ALT_STACK_BYTES, .ss_flags = 0 };
  if (alt.ss_sp && sigaltstack (&alt, NULL) == 0)
    g_private_set (&alt_stack, alt.ss_sp);
  else
    g_free (alt.ss_sp);
}

/* Files @result of slot @slot of @block, run in @own, and @error (taken)
 * when it failed. */
static void
file_slot (PcBlock *block, guint slot, PcWorkspaces *own, PcRunResult *result, GError *error)
{
  guint index = block->first_index + slot * block->stride;
  g_mutex_lock (&block->lock);
  block->results[slot] = result;
  block->homes[slot] = own;
  if (error != NULL && (block->error == NULL || index < block->error_index)) {
    g_clear_error (&block->error);
    block->error = g_steal_pointer (&error);
    block->error_index = index;
  }
  if (--block->running == 0)
    g_cond_signal (&block->done);
  g_mutex_unlock (&block->lock);
  g_clear_error (&error);
}

/* Adds the runway to @result of run @index unless the block has none. */
static gboolean
attach_runway (PcBlock *block, guint index, PcRunResult *result, GError **error)
{
  return block->no_runway || pc_runway_attach (block->model, block->seed, index, result, error);
}

/* Simulates slot @slot of @block in @own and files its result. */
static void
run_slot (PcBlock *block, PcWorkspaces *own, guint slot)
{
  guint index = block->first_index + slot * block->stride;
  GError *error = NULL;
  PcRunResult *result = NULL;
  if (simulate_one (block->model, block->seed, index, block->detail, own, &result, &error))
    attach_runway (block, index, result, &error);
  file_slot (block, slot, own, result, error);
}

/* Simulates @n slots of @block together (pc_run_step_group) into
 * @results; FALSE, with nothing in @results, when any run failed. */
static gboolean
simulate_group (PcBlock *block, PcWorkspaces *own, const guint *slots, guint n, PcRunResult **results)
{
  PcRun *runs[PC_RUN_GROUP];
  guint started = 0;
  g_autoptr (GError) error = NULL;   /* the caller learns which failed by stepping each alone */
  for (; started < n; started++) {
    guint index = block->first_index + slots[started] * block->stride;
    if ((runs[started] = take_run (own, block->model, block->seed, index, block->detail, &error)) == NULL)
      break;
  }
  gboolean ok = started == n && pc_run_step_group (runs, n, &error);
  for (guint k = 0; k < started; k++) {
    if (ok)
      results[k] = pc_run_take_result (runs[k]);
    put_run (own, runs[k]);
  }
  return ok;
}

/* Simulates @n slots of @block, together when they can be, and files
 * their results.  When one fails, each is simulated again alone, so that
 * the error is that of the lowest failing index, naming its component. */
static void
run_slots (PcBlock *block, PcWorkspaces *own, const guint *slots, guint n)
{
  PcRunResult *results[PC_RUN_GROUP];
  if (n == 1 || !simulate_group (block, own, slots, n, results)) {
    for (guint k = 0; k < n; k++)
      run_slot (block, own, slots[k]);
    return;
  }
  for (guint k = 0; k < n; k++) {
    GError *error = NULL;
    attach_runway (block, block->first_index + slots[k] * block->stride, results[k], &error);
    file_slot (block, slots[k], own, results[k], error);
  }
}

/* The next slot of @block no thread has taken, or G_MAXUINT when there is
 * none.  Slots are taken in order and none after a failure, so every slot
 * below a failing one still runs and the lowest failing index is kept. */
static guint
claim (PcBlock *block)
{
  g_mutex_lock (&block->lock);
  guint slot = G_MAXUINT;
  if (block->claimed < block->n && block->error == NULL) {
    slot = block->claimed++;
    block->running++;
  }
  g_mutex_unlock (&block->lock);
  return slot;
}

/* Claims up to PC_RUN_GROUP of the slots of @block no thread has taken
 * yet, runs them in @own and files their results; how many it ran. */
static guint
run_group (PcBlock *block, PcWorkspaces *own)
{
  guint slots[PC_RUN_GROUP], n = 0;
  while (n < PC_RUN_GROUP && (slots[n] = claim (block)) != G_MAXUINT)
    n++;
  if (n > 0)
    run_slots (block, own, slots, n);
  return n;
}

/* Runs the slots of @block no thread has taken yet, PC_RUN_GROUP at a
 * time, in @own; how many it ran. */
static guint
drain (PcBlock *block, PcWorkspaces *own)
{
  guint runs = 0, n;
  do
    runs += n = run_group (block, own);
  while (n == PC_RUN_GROUP);
  return runs;
}

/* A job on a pool thread: helping with whatever block @data holds now (a
 * job still queued when its block is reused drains the next one, which is
 * as good: every field it reads is read under the block's lock). */
static void
worker_job (gpointer data, gpointer user_data)
{
  PcBlock *block = data;
  (void) user_data;
  ensure_alt_stack ();
  PcWorkspaceSet *set = block->workspaces;
  g_mutex_lock (&set->lock);
  PcWorkspaces *own = pop (set->free);   /* never NULL: there are as many as the pool's threads */
  g_mutex_unlock (&set->lock);
  double cpu = block->stats ? pc_thread_cpu_seconds () : 0.0;
  guint runs = drain (block, own);
  if (block->stats)
    pc_stats_add_thread (block->stats, runs, pc_thread_cpu_seconds () - cpu);
  g_mutex_lock (&set->lock);
  g_ptr_array_add (set->free, own);
  g_mutex_unlock (&set->lock);
}

/* Opens the block's slots and asks each of the pool's threads to help
 * with them (the calling thread takes its share in block_wait()).  The
 * pool starts a thread when a job finds none idle; when it cannot (too
 * little memory for a thread's stack, or too many threads), the
 * simulation fails rather than go on with fewer threads than asked. */
static gboolean
block_start (PcBlock *block, GThreadPool *pool, guint first_index, guint n, guint threads, GError **error)
{
  g_mutex_lock (&block->lock);
  block->first_index = first_index;
  block->n = n;
  block->claimed = block->running = 0;
  memset (block->results, 0, sizeof (PcRunResult *) * n);
  g_mutex_unlock (&block->lock);
  for (guint i = 0; pool && i + 1 < threads; i++) {
    g_autoptr (GError) thread_error = NULL;
    if (!g_thread_pool_push (pool, block, &thread_error)) {
      g_set_error (error, PC_RUN_ERROR, PC_RUN_ERROR_FAILED, "cannot start thread %u of %u (%s): too little "
                   "memory or too many threads; try fewer threads", g_thread_pool_get_num_threads (pool) + 2, threads,
                   thread_error->message);
      return FALSE;
    }
  }
  return TRUE;
}

/* Takes this thread's share of the block's runs, then waits for the
 * pool's: once drain() returns, no thread can take another slot of the
 * block (all are taken, or one failed).  While the pool's last runs of
 * @block finish, this thread runs slots of @next, the block already open
 * after it, a group at a time, rather than sit idle for up to a group's
 * runs at every block's end (the others go on with @next meanwhile). */
static void
block_wait (PcBlock *block, PcBlock *next)
{
  PcWorkspaces *own = &block->workspaces->all[0];
  double cpu = block->stats ? pc_thread_cpu_seconds () : 0.0;
  guint runs = drain (block, own);
  g_mutex_lock (&block->lock);
  while (block->running > 0) {
    g_mutex_unlock (&block->lock);
    guint n = run_group (next, own);
    runs += n;
    g_mutex_lock (&block->lock);
    if (n == 0 && block->running > 0)
      g_cond_wait (&block->done, &block->lock);
  }
  g_mutex_unlock (&block->lock);
  if (block->stats)
    pc_stats_add_thread (block->stats, runs, pc_thread_cpu_seconds () - cpu);
}

/* Leaves the block's untaken slots untaken: for a simulation that stops. */
static void
block_cancel (PcBlock *block)
{
  g_mutex_lock (&block->lock);
  block->claimed = block->n;
  g_mutex_unlock (&block->lock);
}

typedef struct {
  const PcSimulateOptions *options;
  PcAggregate *aggregate;
  guint done, total;
} PcConsumer;

/* Keeps @result's memory for a later run of the thread that ran it (a
 * thread never holds more results, spent or not, than the most of its runs
 * the two blocks held at once). */
static void
give_back (PcWorkspaces *workspaces, PcRunResult *result)
{
  if (result == NULL)   /* a run that failed */
    return;
  g_mutex_lock (&workspaces->lock);
  g_ptr_array_add (workspaces->spent, result);
  g_mutex_unlock (&workspaces->lock);
}

/* Hands the block's runs in order to the aggregate and the sinks, then
 * gives their memory back. */
static gboolean
block_consume (PcBlock *block, PcConsumer *consumer, GError **error)
{
  gboolean ok = block->error == NULL;
  if (!ok)
    g_propagate_prefixed_error (error, g_steal_pointer (&block->error), "run %u: ", block->error_index);
  for (guint i = 0; i < block->n; i++) {
    for (guint k = 0; ok && k < consumer->options->n_sinks; k++) {
      PcRunSink *sink = consumer->options->sinks[k];
      ok = sink->run == NULL || sink->run (sink, block->results[i], error);
    }
    if (ok)
      pc_aggregate_add (consumer->aggregate, block->results[i]);
    give_back (block->homes[i], g_steal_pointer (&block->results[i]));
  }
  consumer->done += block->n;
  if (ok && consumer->options->progress)
    consumer->options->progress (consumer->options->progress_data, consumer->done, consumer->total);
  return ok;
}

static PcDetail
sinks_detail (const PcSimulateOptions *options)
{
  PcDetail detail = PC_DETAIL_NONE;
  for (guint k = 0; k < options->n_sinks; k++)
    detail = MAX (detail, options->sinks[k]->detail);
  return detail;
}

/* Sets @set up with a workspace for each of @threads threads. */
static void
workspaces_init (PcWorkspaceSet *set, guint threads)
{
  g_mutex_init (&set->lock);
  set->n = MAX (1u, threads);
  set->all = g_new0 (PcWorkspaces, set->n);
  set->free = g_ptr_array_new ();
  for (guint t = 0; t < set->n; t++) {
    PcWorkspaces *own = &set->all[t];
    g_mutex_init (&own->lock);
    own->idle = g_ptr_array_new_with_free_func ((GDestroyNotify) pc_run_free);
    own->spent = g_ptr_array_new_with_free_func ((GDestroyNotify) pc_run_result_free);
    if (t > 0)
      g_ptr_array_add (set->free, own);
  }
}

static void
workspaces_clear (PcWorkspaceSet *set)
{
  for (guint t = 0; t < set->n; t++) {
    g_ptr_array_unref (set->all[t].idle);
    g_ptr_array_unref (set->all[t].spent);
    g_mutex_clear (&set->all[t].lock);
  }
  g_free (set->all);
  g_ptr_array_unref (set->free);
  g_mutex_clear (&set->lock);
}

static void
block_init (PcBlock *block, const PcModel *model, const PcSimulateOptions *options, guint64 seed,
            PcWorkspaceSet *workspaces, guint per_block, guint stride)
{
  *block = (PcBlock) { model, seed, sinks_detail (options), workspaces, { 0 }, { 0 }, 0, 0,
                       g_new0 (PcRunResult *, per_block), g_new0 (PcWorkspaces *, per_block), 0, 0, stride, NULL, 0,
                       options->no_runway, options->stats };
  g_mutex_init (&block->lock);
  g_cond_init (&block->done);
}

static void
block_clear (PcBlock *block)
{
  for (guint i = 0; i < block->n; i++)
    pc_run_result_free (block->results[i]);
  g_clear_error (&block->error);
  g_free (block->results);
  g_free (block->homes);
  g_mutex_clear (&block->lock);
  g_cond_clear (&block->done);
}

/* Simulates the runs of @options on @threads threads, this one and a pool
 * of the others, double-buffered: while this thread consumes block k, the
 * pool runs block k + 1; this thread then opens block k + 2 in k's place
 * and joins the pool on block k + 1.  So @threads threads are busy at
 * every moment, never more (this thread's summaries stay in its core's
 * cache), and no thread waits for a block's last runs while the next
 * block has runs to take (block_wait). */
static gboolean
run_blocks (const PcModel *model, const PcSimulateOptions *options, guint64 seed, guint threads,
            PcConsumer *consumer, GError **error)
{
  guint stride = options->n_shards > 1 ? options->n_shards : 1;
  guint first = options->n_shards > 1 ? options->shard : 0;
  guint per_block = MAX (1u, threads) * BLOCK_PER_THREAD;
  if (options->stats)
    pc_stats_add_thread (options->stats, 0, 0.0);   /* this thread is thread 0 */
  PcBlock blocks[2];
  PcWorkspaceSet workspaces;
  workspaces_init (&workspaces, threads);
  for (guint b = 0; b < 2; b++)
    block_init (&blocks[b], model, options, seed, &workspaces, per_block, stride);
  GThreadPool *pool = threads > 1 ? g_thread_pool_new (worker_job, NULL, (int) threads - 1, FALSE, error) : NULL;
  guint next = 0, current = 0;
  gboolean ok = threads <= 1 || pool;
  for (guint b = 0; ok && b < 2 && next < consumer->total; b++, next += per_block)
    ok = block_start (&blocks[b], pool, first + next * stride, MIN (per_block, consumer->total - next), threads, error);
  while (ok && consumer->done < consumer->total) {
    block_wait (&blocks[current], &blocks[!current]);
    ok = block_consume (&blocks[current], consumer, error);
    if (ok && next < consumer->total) {
      ok = block_start (&blocks[current], pool, first + next * stride, MIN (per_block, consumer->total - next), threads,
                        error);
      next += per_block;
    }
    current = !current;
  }
  /* On failure, no thread takes another run, queued jobs are dropped and
   * the runs under way are waited for. */
  for (guint b = 0; !ok && b < 2; b++)
    block_cancel (&blocks[b]);
  if (pool)
    g_thread_pool_free (pool, !ok, TRUE);
  for (guint b = 0; b < 2; b++)
    block_clear (&blocks[b]);
  workspaces_clear (&workspaces);
  return ok;
}

/* Each month's share of all @runs in @counts. */
static double *
month_shares (const PcMonthCounts *counts, guint runs)
{
  double *shares = g_new (double, counts->n_values);
  for (guint m = 0; m < counts->n_values; m++)
    shares[m] = runs ? (double) counts->counts[m] / runs : 0.0;
  return shares;
}

static void
report_phases (PcReport *report, const PcAggregate *a)
{
  for (guint p = 0; p < a->n_phases; p++) {
    PcPhaseReport *out = &report->phases[p];
    out->reached_probability = a->runs ? (double) a->phase_entered[p]->total / a->runs : 0.0;
    out->entered_month = pc_month_counts_percentiles (a->phase_entered[p]);
    out->decided_month = pc_month_counts_percentiles (a->phase_decided[p]);
    out->monthly_cost = pc_sketch_percentiles (a->phase_cost[p]);
    out->downtime_minutes = pc_sketch_percentiles (a->phase_downtime[p]);
    out->decided_share = month_shares (a->phase_decided[p], a->runs);
    out->entered_share = month_shares (a->phase_entered[p], a->runs);
    out->median_entered_month = report->median_run->phase_entered[p];
    out->median_cost_usd = pc_run_phase_cost (report->median_run, p);
  }
}

static void
report_indicators (PcReport *report, const PcAggregate *a)
{
  for (guint i = 0; i < a->n_indicators; i++) {
    PcIndicatorReport *out = &report->indicators[i];
    out->fired_probability = a->runs ? (double) a->indicator_fired[i]->total / a->runs : 0.0;
    out->fired_month = pc_month_counts_percentiles (a->indicator_fired[i]);
    guint64 decided = a->phase_decided[report->model->indicators[i].phase]->total;
    out->held_at_decision_probability = decided ? (double) a->indicator_held[i]->total / (double) decided : NAN;
    out->value = g_new (PcPercentiles, a->n_months);
    for (guint m = 0; m < a->n_months; m++)
      out->value[m] = pc_sketch_percentiles (a->indicator_value[(gsize) i * a->n_months + m]);
  }
}

static void
report_months (PcReport *report, const PcAggregate *a)
{
  for (guint m = 0; m < a->n_months; m++) {
    PcMonthBand *band = &report->months[m];
    band->cost_usd = pc_sketch_percentiles (a->month_cost[m]);
    band->paying_customers = pc_sketch_percentiles (a->month_customers[m]);
    band->active_users = pc_sketch_percentiles (a->month_users[m]);
    band->quotes = pc_sketch_percentiles (a->month_quotes[m]);
  }
  report->total_cost = pc_sketch_percentiles (a->run_total);
}

void
pc_report_free (PcReport *report)
{
  if (report == NULL)
    return;
  for (guint p = 0; p < report->model->n_phases; p++) {
    g_free (report->phases[p].slot_mean_usd);
    g_free (report->phases[p].slot_min_usd);
    g_free (report->phases[p].slot_max_usd);
    g_free (report->phases[p].slot_claim_difference);
    g_free (report->phases[p].slot_claim_modelled);
    g_free (report->phases[p].decided_share);
    g_free (report->phases[p].entered_share);
  }
  for (guint i = 0; i < report->model->n_indicators; i++)
    g_free (report->indicators[i].value);
  g_free (report->phases);
  g_free (report->indicators);
  g_free (report->months);
  g_free (report->runway);
  pc_run_result_free (report->median_run);
  g_ptr_array_unref (report->warnings);
  if (report->periods)
    g_array_unref (report->periods);
  g_free (report->period_money);
  pc_currency_free (report->currency);
  g_free (report);
}

/**
 * pc_report_new:
 * The report of @aggregate: percentiles from it, and the tables of its
 * median run, simulated again in detail with @seed.
 * Returns: (transfer full): the report, or NULL with @error set.
 */
PcReport *
pc_report_new (const PcModel *model, PcAggregate *aggregate, guint64 seed, GError **error)
{
  g_autoptr (PcReport) report = g_new0 (PcReport, 1);
  report->model = model;
  report->runs = aggregate->runs;
  report->seed = seed;
  report->phases = g_new0 (PcPhaseReport, model->n_phases);
  report->indicators = g_new0 (PcIndicatorReport, model->n_indicators);
  report->months = g_new0 (PcMonthBand, model->scenario->horizon_months);
  report->warnings = g_ptr_array_new_with_free_func (g_free);
  report->currency = pc_currency_new ("USD", NULL);   /* reads no file */
  if (aggregate->runs == 0) {
    g_set_error (error, PC_RUN_ERROR, PC_RUN_ERROR_FAILED, "no runs to report on");
    return NULL;
  }
  if (!simulate_one (model, seed, pc_aggregate_median_run (aggregate), PC_DETAIL_MONTHS, NULL, &report->median_run,
                     error))
    return NULL;
  report_phases (report, aggregate);
  report_indicators (report, aggregate);
  report_months (report, aggregate);
  pc_report_runway (report, aggregate);
  pc_report_slot_costs (report);
  pc_report_compare_claims (report);
  pc_report_budgets (report, aggregate);
  pc_report_why (report, aggregate);
  pc_report_periods (report, aggregate);
  return g_steal_pointer (&report);
}

/* Puts the report in the currency asked for, then hands it to every
 * sink's finish(): an exporter must write the money figures the caller
 * prints, and nothing after finish() can change what it wrote. */
static gboolean
finish_sinks (const PcSimulateOptions *options, PcReport *report, PcAggregate *aggregate, GError **error)
{
  if (options->currency)
    pc_report_set_currency (report, pc_currency_copy (options->currency));
  for (guint k = 0; k < options->n_sinks; k++) {
    PcRunSink *sink = options->sinks[k];
    if (sink->finish && !sink->finish (sink, report, aggregate, error))
      return FALSE;
  }
  return TRUE;
}

/* Runs this process simulates: every run, or its shard's share. */
static guint
runs_in_shard (guint runs, const PcSimulateOptions *options)
{
  if (options->n_shards <= 1)
    return runs;
  return runs / options->n_shards + (options->shard < runs % options->n_shards);
}

/**
 * pc_simulate:
 * Runs the model's scenario @options->runs times (its own count when 0),
 * or this shard's share of them, streaming each run to the sinks.
 * Returns: (transfer full): the report, or NULL with @error from the
 * lowest-numbered failing run.  The model must outlive the report.
 */
PcReport *
pc_simulate (const PcModel *model, const PcSimulateOptions *options, GError **error)
{
  gsl_set_error_handler_off ();   /* GSL would abort(); we check results instead */
  guint runs = options->runs ? options->runs : MAX (1u, model->scenario->runs);
  guint64 seed = options->seed_set ? options->seed : model->scenario->seed;
  guint threads = options->threads ? options->threads : MIN (g_get_num_processors (), PC_MAX_THREADS);
  if (runs > PC_MAX_RUNS || threads > PC_MAX_THREADS) {
    g_set_error (error, PC_RUN_ERROR, PC_RUN_ERROR_FAILED, "%u runs on %u threads: at most %d runs and %d threads",
                 runs, threads, PC_MAX_RUNS, PC_MAX_THREADS);
    return NULL;
  }
  if (options->n_shards > 1 && options->shard >= options->n_shards) {
    g_set_error (error, PC_RUN_ERROR, PC_RUN_ERROR_FAILED, "shard %u of %u does not exist", options->shard,
                 options->n_shards);
    return NULL;
  }
  g_autoptr (PcAggregate) aggregate = pc_aggregate_new (model);
  PcConsumer consumer = { options, aggregate, 0, runs_in_shard (runs, options) };
  if (consumer.total == 0) {
    g_set_error (error, PC_RUN_ERROR, PC_RUN_ERROR_FAILED, "shard %u of %u has no runs (only %u runs)",
                 options->shard, options->n_shards, runs);
    return NULL;
  }
  g_autoptr (PcReport) report = NULL;
  if (!run_blocks (model, options, seed, threads, &consumer, error) ||
      !(report = pc_report_new (model, aggregate, seed, error)) || !finish_sinks (options, report, aggregate, error)) {
    pc_error_tidy_at (error);   /* a plugin's message may quote anything */
    return NULL;
  }
  return g_steal_pointer (&report);
}
