/* plugin-check.c - `phasecast plugins check FILE|NAME`: the conformance
 * checks of core/conformance.c, run in a child process with a timeout.
 *
 * A plugin is foreign code: it may dereference NULL or loop forever.  As
 * GStreamer's registry scanner does, the parent never opens the module: it
 * runs this same program as `plugins check --child PATH`, which opens it and
 * writes one line per event on stdout ("doing WHAT" before each call into
 * the plugin, "result STATUS CHECK: REASON", "done" at the end).  The
 * parent prints each result as it comes; if the child dies, or does not
 * finish within the timeout (then it is killed), the parent prints a failed
 * check naming the plugin, what happened and what it was doing.
 */
#include "cli.h"

#include <gio/gio.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/resource.h>

/* ---- child: run the checks, report line by line ---- */

static void
child_result (gpointer data, const char *check, PcCheckStatus status, const char *reason)
{
  (void) data;
  printf ("result %s %s: %s\n", pc_check_status_name (status), check, reason);
  fflush (stdout);
}

static void
child_progress (gpointer data, const char *doing)
{
  (void) data;
  printf ("doing %s\n", doing);
  fflush (stdout);
}

static int
check_in_child (PcHost *host, const char *path, char **regions)
{
  PcConformance conformance = { child_result, child_progress, NULL, (const char *const *) regions };
  pc_conformance_run (host, path, &conformance);
  printf ("done\n");
  fflush (stdout);
  return 0;
}

/* ---- parent: spawn, relay, time out, blame ---- */

typedef struct {
  GMainLoop *loop;
  GDataInputStream *lines;
  GCancellable *cancel;
  gboolean reading;           /* a read is pending */
  char *doing;                /* what the child last said it was doing */
  gboolean done, timed_out;
  guint passed, failed, skipped;
} PcCheckRun;

static void
print_result (PcCheckRun *run, const char *status, const char *rest)
{
  g_print ("%s %s\n", status, rest);
  run->passed += g_str_equal (status, "PASS");
  run->failed += g_str_equal (status, "FAIL");
  run->skipped += g_str_equal (status, "SKIP");
}

static void
handle_line (PcCheckRun *run, const char *line)
{
  if (g_str_has_prefix (line, "doing ")) {
    g_free (run->doing);
    run->doing = g_strdup (line + strlen ("doing "));
  } else if (g_str_has_prefix (line, "result ") && strlen (line) > strlen ("result PASS ")) {
    g_autofree char *status = g_strndup (line + strlen ("result "), 4);
    print_result (run, status, line + strlen ("result PASS "));
  } else if (g_str_equal (line, "done")) {
    run->done = TRUE;
  }
}

static void
on_line (GObject *source, GAsyncResult *result, gpointer data)
{
  PcCheckRun *run = data;
  g_autofree char *line = g_data_input_stream_read_line_finish_utf8 (G_DATA_INPUT_STREAM (source), result, NULL, NULL);
  if (line == NULL) {         /* end of output (the child ended), or cancelled */
    run->reading = FALSE;
    g_main_loop_quit (run->loop);
    return;
  }
  handle_line (run, line);
  g_data_input_stream_read_line_async (run->lines, G_PRIORITY_DEFAULT, run->cancel, on_line, run);
}

static gboolean
on_timeout (gpointer data)
{
  PcCheckRun *run = data;
  run->timed_out = TRUE;
  g_main_loop_quit (run->loop);
  return G_SOURCE_REMOVE;
}

/* No core files from a plugin that crashes on purpose or by accident. */
static void
no_core_dumps (gpointer data)
{
  (void) data;
  struct rlimit none = { 0, 0 };
  setrlimit (RLIMIT_CORE, &none);
}

static GSubprocess *
spawn_child (const char *path, char **regions, GError **error)
{
  g_autofree char *self = g_file_read_link ("/proc/self/exe", error);
  if (self == NULL)
    return NULL;
  g_autoptr (GSubprocessLauncher) launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  g_subprocess_launcher_set_child_setup (launcher, no_core_dumps, NULL, NULL);
  g_subprocess_launcher_setenv (launcher, "G_SLICE", "always-malloc", TRUE);   /* exact byte counts */
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  const char *fixed[] = { self, "plugins", "check", "--child", path };
  for (guint i = 0; i < G_N_ELEMENTS (fixed); i++)
    g_ptr_array_add (argv, (gpointer) fixed[i]);
  for (guint i = 0; regions && regions[i]; i++) {
    g_ptr_array_add (argv, (gpointer) "--region");
    g_ptr_array_add (argv, regions[i]);
  }
  g_ptr_array_add (argv, NULL);
  return g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, error);
}

/* The failed check for a child that did not finish. */
static void
blame (PcCheckRun *run, GSubprocess *child, const char *name, guint timeout_s)
{
  g_autofree char *what = NULL;
  const char *doing = run->doing ? run->doing : "starting";
  if (run->timed_out)
    what = g_strdup_printf ("hang: plugin %s did not return within %u s while running %s; it was killed", name,
                            timeout_s, doing);
  else if (g_subprocess_get_if_signaled (child))
    what = g_strdup_printf ("crash: plugin %s crashed with signal %d (%s) while running %s", name,
                            g_subprocess_get_term_sig (child), g_strsignal (g_subprocess_get_term_sig (child)), doing);
  else
    what = g_strdup_printf ("crash: plugin %s stopped the check with exit status %d while running %s (see the "
                            "messages above)", name, g_subprocess_get_exit_status (child), doing);
  print_result (run, "FAIL", what);
}

static int
check_in_parent (const char *path, char **regions, guint timeout_s)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (GSubprocess) child = spawn_child (path, regions, &error);
  if (child == NULL)
    return pc_cli_fail (g_steal_pointer (&error));
  g_autofree char *base = g_path_get_basename (path);
  char *dot = strchr (base, '.');
  if (dot != NULL)
    *dot = '\0';
  g_print ("checking %s\n", path);
  PcCheckRun run = { .loop = g_main_loop_new (NULL, FALSE), .cancel = g_cancellable_new (), .reading = TRUE,
                     .lines = g_data_input_stream_new (g_subprocess_get_stdout_pipe (child)) };
  g_data_input_stream_read_line_async (run.lines, G_PRIORITY_DEFAULT, run.cancel, on_line, &run);
  guint timer = g_timeout_add_seconds (timeout_s, on_timeout, &run);
  g_main_loop_run (run.loop);
  if (run.timed_out) {
    g_subprocess_force_exit (child);
    g_cancellable_cancel (run.cancel);
  } else {
    g_source_remove (timer);
  }
  while (run.reading)         /* let the pending read finish before run goes away */
    g_main_context_iteration (NULL, TRUE);
  g_subprocess_wait (child, NULL, NULL);
  if (!run.done)
    blame (&run, child, base, timeout_s);
  g_print ("%s: %u passed, %u failed, %u skipped\n", base, run.passed, run.failed, run.skipped);
  g_main_loop_unref (run.loop);
  g_object_unref (run.lines);
  g_object_unref (run.cancel);
  g_free (run.doing);
  return run.failed > 0 ? 1 : 0;
}

/* An argument that names an existing file is that file; one that looks
 * like a path (a slash, the module suffix) but names none is an error;
 * anything else is a plugin NAME, found the way every command finds
 * plugins (without opening it here). */
static char *
module_path (PcHost *host, const char *file_or_name, GError **error)
{
  gboolean looks_like_file = strchr (file_or_name, G_DIR_SEPARATOR) != NULL ||
                             g_str_has_suffix (file_or_name, "." G_MODULE_SUFFIX);
  if (g_file_test (file_or_name, G_FILE_TEST_IS_REGULAR))
    /* dlopen() searches the library path for a bare file name ("sqs.so"),
     * never the current folder: "./sqs.so" is the file that was named. */
    return strchr (file_or_name, G_DIR_SEPARATOR) ? g_strdup (file_or_name)
                                                  : g_build_filename (".", file_or_name, NULL);
  if (looks_like_file) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_OPEN, "%s: no such file", file_or_name);
    return NULL;
  }
  return pc_host_find (host, file_or_name, error);
}

int
pc_cli_plugins_check (PcHost *host, const char *file_or_name, char **regions, guint timeout_s, gboolean child)
{
  if (child)
    return check_in_child (host, file_or_name, regions);
  g_autoptr (GError) error = NULL;
  g_autofree char *path = module_path (host, file_or_name, &error);
  if (path == NULL)
    return pc_cli_fail (g_steal_pointer (&error));
  return check_in_parent (path, regions, timeout_s);
}
