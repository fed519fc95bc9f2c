/* memory.c - the command line under an address-space limit (ulimit -v).
 *
 * Allocations fail before the machine runs out of memory only under such
 * a limit (or with overcommit turned off), and then every failure must be
 * one line and exit 1, never a crash or a hang.  Three things see to it:
 *
 * 1. Lean threads.  glibc gives each thread its own malloc arena, which
 *    reserves 64 MiB of address space (128 MiB while it is being made),
 *    and each thread an 8 MiB stack: under a limit, reservations, not use,
 *    would spend it (a baseline run's address space peaks at 62 MiB on one
 *    thread and 268 MiB on two).  So under a limit malloc keeps one arena
 *    and threads get 1 MiB stacks (the shipped scenarios run with 64 KiB).
 * 2. The need, checked before any input is read: a command that simulates
 *    refuses a limit below what it needs for its threads, naming the
 *    limit, the need and the way out.
 * 3. Failures that come anyway (a larger scenario than the baseline) are
 *    one line: libxml2's allocator is wrapped, because libxml2 2.9 recurses
 *    in its own error path when an allocation fails; GLib's fatal error
 *    becomes one line (cli.c); and GLib formats that error with malloc, so
 *    when even that fails it recurses until the stack overflows.  That
 *    crash, a SIGSEGV while errno says an allocation has just failed, is
 *    caught on an alternate signal stack (worker threads get theirs in
 *    core/report.c) and reported as out of memory.  Any other crash keeps
 *    its default action.
 */
#include "cli.h"

#include <errno.h>
#include <libxml/xmlmemory.h>
#include <malloc.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

/* What a simulation needs, from the peak address space (VmPeak at exit)
 * of `phasecast run scenarios/baseline.xml --runs 200` under a limit, so
 * with lean threads (Debian 12, x86-64): 62.4 MiB on 1 and on 2 threads
 * (the peak is reading the catalog, with the libraries and 25 plugins
 * mapped), 63.0 MiB on 4 and 67.4 MiB on 8, about 1 MiB more per thread
 * beyond the first (its stack, guard page and alternate signal stack)
 * over 60 MiB while the runs go on.  `phasecast report` also maps cairo's
 * and fontconfig's fonts: 88.4 MiB on 1 thread, 89.9 MiB on 2.  The
 * figures keep 1.5 MiB or more to spare. */
#define NEED_SIMULATION_BYTES ((guint64) 64 << 20)
#define NEED_REPORT_BYTES ((guint64) 92 << 20)
#define NEED_PER_WORKER_BYTES ((guint64) 5 << 18)   /* 1.25 MiB */
#define WORKER_STACK_BYTES ((gsize) 1 << 20)
#define ALT_STACK_BYTES ((gsize) 64 << 10)

/* "; the address space is limited to N MiB (ulimit -v K): ...", or "". */
static char limit_hint[192];
/* AddressSanitizer reports a crash itself, on its own alternate stacks
 * (GCC says so with __SANITIZE_ADDRESS__, clang 14 with __has_feature). */
#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define UNDER_ASAN 1
#endif
#endif
#if !defined(__SANITIZE_ADDRESS__) && !defined(UNDER_ASAN)
#define CRASH_HANDLER 1
#endif

#ifdef CRASH_HANDLER
/* The whole line the crash handler writes, made in advance. */
static char crash_line[320];
static char main_alt_stack[ALT_STACK_BYTES];
#endif

/* The soft address-space limit in bytes, or 0 when there is none. */
static guint64
address_space_limit (void)
{
  struct rlimit as;
  if (getrlimit (RLIMIT_AS, &as) != 0 || as.rlim_cur == RLIM_INFINITY)
    return 0;
  return (guint64) as.rlim_cur;
}

/* "62.5": @bytes in MiB to one decimal, rounded up or down (a limit is
 * shown down and a need up, so a limit below a need never reads as equal). */
static char *
mib (guint64 bytes, gboolean up)
{
  guint64 tenths = (bytes * 10 + (up ? (1 << 20) - 1 : 0)) >> 20;
  return g_strdup_printf ("%" G_GUINT64_FORMAT ".%" G_GUINT64_FORMAT, tenths / 10, tenths % 10);
}

/* Writes @text on stderr as it can: this is the way out, whatever happens. */
static void
say (const char *text)
{
  if (write (STDERR_FILENO, text, strlen (text)) < 0)
    return;
}

void
pc_cli_out_of_memory (const char *what)
{
  char line[512];   /* on the stack: the heap is what failed */
  snprintf (line, sizeof line, "phasecast: out of memory (%s)%s\n", what, limit_hint);
  say (line);
  _exit (1);
}

const char *
pc_cli_memory_hint (void)
{
  return limit_hint;
}

/* ---- libxml2's allocations: the first failure is the one line ---- */

static void *
xml_malloc (size_t size)
{
  void *memory = malloc (size);
  if (memory == NULL && size > 0)
    pc_cli_out_of_memory ("reading XML");
  return memory;
}

static void *
xml_realloc (void *memory, size_t size)
{
  void *moved = realloc (memory, size);
  if (moved == NULL && size > 0)
    pc_cli_out_of_memory ("reading XML");
  return moved;
}

static char *
xml_strdup (const char *text)
{
  char *copy = strdup (text);
  if (copy == NULL)
    pc_cli_out_of_memory ("reading XML");
  return copy;
}

/* ---- the crash that follows a failed allocation ---- */

#ifdef CRASH_HANDLER
static void
crash_handler (int signal_number, siginfo_t *info, void *context)
{
  (void) info, (void) context;
  if (errno == ENOMEM) {
    say (crash_line);
    _exit (1);
  }
  /* Not ours to explain: SA_RESETHAND restored the default action, which
   * ends the process once this returns. */
  raise (signal_number);
}

static void
install_crash_handler (void)
{
  snprintf (crash_line, sizeof crash_line, "phasecast: out of memory (an allocation failed, and so did reporting "
            "it)%s\n", limit_hint);
  stack_t alt = { .ss_sp = main_alt_stack, .ss_size = sizeof main_alt_stack, .ss_flags = 0 };
  struct sigaction action = { .sa_sigaction = crash_handler, .sa_flags = SA_SIGINFO | SA_ONSTACK | SA_RESETHAND };
  sigemptyset (&action.sa_mask);
  if (sigaltstack (&alt, NULL) == 0)
    sigaction (SIGSEGV, &action, NULL);
}
#endif

/* ---- setup ---- */

static void
lean_threads (void)
{
  mallopt (M_ARENA_MAX, 1);
  pthread_attr_t attr;
  if (pthread_attr_init (&attr) != 0)
    return;
  if (pthread_attr_setstacksize (&attr, WORKER_STACK_BYTES) == 0)
    pthread_setattr_default_np (&attr);
  pthread_attr_destroy (&attr);
}

void
pc_cli_memory_setup (void)
{
  guint64 limit = address_space_limit ();
  if (limit != 0) {
    lean_threads ();
    g_autofree char *has = mib (limit, FALSE);
    snprintf (limit_hint, sizeof limit_hint, "; the address space is limited to %s MiB (ulimit -v %" G_GUINT64_FORMAT
              "): raise the limit, or use fewer --threads", has, limit >> 10);
  }
  xmlMemSetup (free, xml_malloc, xml_realloc, xml_strdup);
#ifdef CRASH_HANDLER
  install_crash_handler ();
#endif
}

/* ---- the need, before any input is read ---- */

static guint64
need_bytes (PcCliNeed what, guint threads)
{
  guint workers = threads > 1 ? threads - 1 : 0;   /* the main thread is the first */
  return (what == PC_CLI_NEED_REPORT ? NEED_REPORT_BYTES : NEED_SIMULATION_BYTES) + workers * NEED_PER_WORKER_BYTES;
}

gboolean
pc_cli_memory_enough (PcCliNeed what, guint threads)
{
  guint64 limit = address_space_limit ();
  if (threads == 0)
    threads = MIN (g_get_num_processors (), PC_MAX_THREADS);
  guint64 need = need_bytes (what, threads);
  if (limit == 0 || limit >= need)
    return TRUE;
  guint fits = threads - 1;
  while (fits > 0 && need_bytes (what, fits) > limit)
    fits--;
  g_autofree char *fewer = fits > 0 ? g_strdup_printf (", or use fewer threads (--threads %u)", fits) : g_strdup ("");
  g_autofree char *has = mib (limit, FALSE), *needs = mib (need, TRUE);
  g_printerr ("phasecast: the address space is limited to %s MiB (ulimit -v %" G_GUINT64_FORMAT "), below the %s MiB "
              "phasecast needs on %u thread%s; raise the limit (ulimit -v %" G_GUINT64_FORMAT " or more)%s\n", has,
              limit >> 10, needs, threads, threads == 1 ? "" : "s", (need + 1023) >> 10, fewer);
  return FALSE;
}
