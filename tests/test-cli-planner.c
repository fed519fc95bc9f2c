/* The planner's commands as a user runs them (the phasecast executable,
 * PHASECAST_EXE): the budget gate's exit status on a world whose costs are
 * worked out by hand, usage errors exit 2 in one line, the progress line
 * only on a terminal, --version, and JSON that parses.
 *
 * The world (as tests/test-planner.c): phase a costs 20 + k min (m, 10)
 * a month, k = 730/24, so its highest month is 20 + 10 k = $324.17. */
#include "testlib.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

#define SCENARIO \
  "<scenario format=\"1\" name=\"gate\">\n" \
  "  <world start=\"2026-05\" horizon-months=\"14\" region=\"ap-southeast-2\"/>\n" \
  "  <roadmap href=\"roadmap.xml\"/>\n" \
  "  <montecarlo runs=\"3\" seed=\"3\"/>\n" \
  "  <growth model=\"actuals\" users-per-customer=\"10\" free-users=\"0\" quotes-per-user-month=\"1\" arpa-usd-month=\"100\">" \
  "<actual month=\"0\" customers=\"0\"/><actual month=\"10\" customers=\"10\"/></growth>\n" \
  "  <load requests-per-user-day=\"100\" requests-per-quote=\"0\"/>\n" \
  "</scenario>\n"
#define ROADMAP \
  "<roadmap format=\"1\" name=\"t\">\n" \
  "  <phase id=\"a\" name=\"A\" budget-usd=\"300\"><component name=\"svc\" plugin=\"fixed-cost\">" \
  "<set name=\"base_usd\">20</set></component></phase>\n" \
  "</roadmap>\n"

typedef struct {
  int status;
  char *out, *err;
} Result;

static void
result_clear (Result *r)
{
  g_free (r->out);
  g_free (r->err);
}
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Result, result_clear)

/* Runs phasecast with @args (NULL-terminated), stdout and stderr captured. */
static Result
phasecast (const char *first, ...)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_ptr_array_add (argv, (char *) g_getenv ("PHASECAST_EXE"));
  va_list args;
  va_start (args, first);
  for (const char *arg = first; arg; arg = va_arg (args, const char *))
    g_ptr_array_add (argv, (char *) arg);
  va_end (args);
  g_ptr_array_add (argv, NULL);
  Result r = { 0 };
  g_autoptr (GError) error = NULL;
  int wait_status = 0;
  g_spawn_sync (NULL, (char **) argv->pdata, NULL, G_SPAWN_DEFAULT, NULL, NULL, &r.out, &r.err, &wait_status, &error);
  g_assert_no_error (error);
  r.status = WIFEXITED (wait_status) ? WEXITSTATUS (wait_status) : -1;
  return r;
}

static char *world_dir;

static char *
world_scenario (void)
{
  if (world_dir == NULL) {
    world_dir = g_dir_make_tmp (NULL, NULL);
    g_autofree char *roadmap = g_build_filename (world_dir, "roadmap.xml", NULL);
    g_autofree char *scenario = g_build_filename (world_dir, "scenario.xml", NULL);
    g_assert_true (g_file_set_contents (roadmap, ROADMAP, -1, NULL));
    g_assert_true (g_file_set_contents (scenario, SCENARIO, -1, NULL));
  }
  return g_build_filename (world_dir, "scenario.xml", NULL);
}

static void
test_gate (void)
{
  g_test_summary ("Phase a's highest month, $324.17, against its roadmap budget of $300: exit 3, $24.17 over from "
                  "2027-03 (month 10; month 9 is 20 + 9 k = $293.75); with --budget a=330: exit 0, $5.83 to spare");
  g_autofree char *scenario = world_scenario ();
  g_auto (Result) over = phasecast ("check", scenario, NULL);
  g_assert_cmpint (over.status, ==, 3);
  g_assert_nonnull (strstr (over.out, "OVER    $324.17 against $300.00: $24.17 over; 100% of runs go over, first in "
                                      "2027-03 (P50)"));
  g_assert_nonnull (strstr (over.out, "the median run's costliest month, 2027-03: svc $324.17"));
  g_assert_nonnull (strstr (over.out, "1 phase over budget"));
  g_auto (Result) within = phasecast ("check", scenario, "--budget", "a=330", "--percentile", "90", NULL);
  g_assert_cmpint (within.status, ==, 0);
  g_assert_nonnull (strstr (within.out, "within  $324.17 against $330.00: $5.83 to spare"));
  g_auto (Result) run = phasecast ("run", scenario, NULL);
  g_assert_cmpint (run.status, ==, 0);
  g_assert_nonnull (strstr (run.out, "warning: phase a: its highest month costs $324.17"));
}

static void
test_usage_errors (void)
{
  g_test_summary ("A bad option value exits 2 with one line naming it (and what is allowed); a missing file exits 1");
  g_autofree char *scenario = world_scenario ();
  const char *cases[][5] = {
    { "check", "--budget", "z=1", "roadmap t has no phase \"z\" (phases: a)", NULL },
    { "check", "--budget", "a", "--budget \"a\": expected PHASE=USD", NULL },
    { "check", "--percentile", "70", "--percentile is 50 or 90", NULL },
    { "check", "--currency", "AUD", "Unknown option --currency", NULL },   /* check compares US dollars */
    { "run", "--currency", "EUR", "no published exchange rate for it", NULL },
    { "run", "--fx", "1.5", "--fx 1.5: give --currency too", NULL },
    { "explain", "--month", "2030-01", "expected YYYY-MM from 2026-05 to 2027-06", NULL },
    { "sensitivity", "--vary", "nothing=1:2", "no input \"nothing\" (inputs: growth.users-per-customer", NULL },
  };
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_test_message ("%s %s %s", cases[i][0], cases[i][1], cases[i][2]);
    g_auto (Result) r = phasecast (cases[i][0], scenario, cases[i][1], cases[i][2], NULL);
    g_assert_cmpint (r.status, ==, 2);
    g_assert_nonnull (strstr (r.err, cases[i][3]));
    g_assert_cmpstr (r.out, ==, "");
  }
  g_auto (Result) component = phasecast ("explain", scenario, "--month", "2026-06", "--component", "db", NULL);
  g_assert_cmpint (component.status, ==, 2);
  g_assert_nonnull (strstr (component.err, "--component db: phase a has no such component in 2026-06 (components: svc)"));
  g_auto (Result) missing = phasecast ("check", "no-such-file.xml", NULL);
  g_assert_cmpint (missing.status, ==, 1);
}

/* Runs `phasecast run` with stderr on a new pseudo-terminal; returns what it wrote there. */
static char *
stderr_on_terminal (const char *scenario)
{
  int master = posix_openpt (O_RDWR | O_NOCTTY);
  g_assert_cmpint (master, >=, 0);
  g_assert_cmpint (grantpt (master), ==, 0);
  g_assert_cmpint (unlockpt (master), ==, 0);
  int slave = open (ptsname (master), O_RDWR | O_NOCTTY);
  g_assert_cmpint (slave, >=, 0);
  pid_t pid = fork ();
  if (pid == 0) {
    int null = open ("/dev/null", O_WRONLY);
    dup2 (null, STDOUT_FILENO), dup2 (slave, STDERR_FILENO);
    execl (g_getenv ("PHASECAST_EXE"), "phasecast", "run", scenario, "--runs", "2000", "--threads", "1", (char *) NULL);
    _exit (127);
  }
  close (slave);
  GString *text = g_string_new (NULL);
  char buffer[4096];
  ssize_t n;
  while ((n = read (master, buffer, sizeof buffer)) > 0)   /* EIO once the child has exited */
    g_string_append_len (text, buffer, n);
  int status = 0;
  waitpid (pid, &status, 0);
  close (master);
  g_assert_true (WIFEXITED (status) && WEXITSTATUS (status) == 0);
  return g_string_free (text, FALSE);
}

static void
test_progress (void)
{
  g_test_summary ("The progress line goes to stderr only when it is a terminal (here with no delay, "
                  "PHASECAST_PROGRESS_DELAY=0); on a pipe, stderr stays empty");
  g_autofree char *scenario = world_scenario ();
  g_setenv ("PHASECAST_PROGRESS_DELAY", "0", TRUE);
  g_auto (Result) piped = phasecast ("run", scenario, "--runs", "2000", NULL);
  g_assert_cmpint (piped.status, ==, 0);
  g_assert_cmpstr (piped.err, ==, "");
  g_autofree char *terminal = stderr_on_terminal (scenario);
  g_assert_nonnull (strstr (terminal, "/2000 runs, "));
  g_assert_nonnull (strstr (terminal, " runs/s, about "));
  g_unsetenv ("PHASECAST_PROGRESS_DELAY");
}

static JsonNode *
parse_json (const char *text)
{
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  json_parser_load_from_data (parser, text, -1, &error);
  g_assert_no_error (error);
  return json_node_copy (json_parser_get_root (parser));
}

static void
test_version_and_json (void)
{
  g_test_summary ("--version names the version; compare, explain and sensitivity write JSON that parses; a "
                  "scenario compared with itself differs by nothing");
  g_autofree char *scenario = world_scenario ();
  g_auto (Result) version = phasecast ("--version", NULL);
  g_assert_cmpint (version.status, ==, 0);
  g_assert_true (g_str_has_prefix (version.out, "phasecast 0."));
  g_auto (Result) compare = phasecast ("compare", scenario, scenario, "--format", "json", "--runs", "2", NULL);
  g_assert_cmpint (compare.status, ==, 0);
  g_autoptr (JsonNode) root = parse_json (compare.out);
  JsonObject *phase = json_array_get_object_element (json_object_get_array_member (json_node_get_object (root), "phases"), 0);
  JsonObject *difference = json_object_get_object_member (phase, "difference");
  g_assert_cmpfloat (json_object_get_double_member (difference, "entered_months"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (difference, "monthly_cost_usd"), ==, 0);
  g_assert_cmpfloat (json_object_get_double_member (difference, "reached_probability"), ==, 0);
  g_auto (Result) explain = phasecast ("explain", scenario, "--month", "2026-06", "--format", "json", NULL);
  g_assert_cmpint (explain.status, ==, 0);
  g_autoptr (JsonNode) month = parse_json (explain.out);
  /* 2026-06 is month 1: one customer, 20 + k */
  g_assert_cmpfloat_with_epsilon (json_object_get_double_member (json_node_get_object (month), "cost_usd"),
                                  20 + 730.0 / 24, 1e-9);
  g_auto (Result) tornado = phasecast ("sensitivity", scenario, "--format", "json", "--runs", "1", NULL);
  g_assert_cmpint (tornado.status, ==, 0);
  g_autoptr (JsonNode) sensitivity = parse_json (tornado.out);
  g_assert_true (JSON_NODE_HOLDS_OBJECT (sensitivity));
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/cli/check/exit-status", test_gate);
  g_test_add_func ("/cli/usage-errors", test_usage_errors);
  g_test_add_func ("/cli/progress/terminal-only", test_progress);
  g_test_add_func ("/cli/version-and-json", test_version_and_json);
  int status = g_test_run ();
  if (world_dir) {
    g_autofree char *roadmap = g_build_filename (world_dir, "roadmap.xml", NULL);
    g_autofree char *scenario = g_build_filename (world_dir, "scenario.xml", NULL);
    g_remove (roadmap), g_remove (scenario), g_rmdir (world_dir);
    g_free (world_dir);
  }
  return status;
}
