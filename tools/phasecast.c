/* phasecast.c - the command line's entry point: picks the subcommand.
 *
 * The locale is the user's for messages, but numbers are always written
 * with a '.' (LC_NUMERIC stays "C"), so output does not depend on it. */
#include "cli.h"

#include <stdio.h>
#include <sys/resource.h>
#include <unistd.h>

static const struct { const char *name; PcCommandFunc func; const char *summary; } commands[] = {
  { "run", pc_cmd_run, "simulate a scenario: phase timeline and costs" },
  { "price", pc_cmd_price, "one component's monthly cost for given settings and usage" },
  { "plugins", pc_cmd_plugins, "list plugins, show one, or check one (conformance, in a child process)" },
  { "validate", pc_cmd_validate, "check scenario, roadmap and catalog files" },
  { "compare", pc_cmd_compare, "two scenarios (or a scenario under two roadmaps) side by side" },
  { "report", pc_cmd_report, "charts (SVG, PNG) and a self-contained HTML page in a folder" },
  { "catalog", pc_cmd_catalog, "price catalogs: import from AWS feeds, diff two, audit sources, ages and gaps" },
  { "savings", pc_cmd_savings, "what each roadmap or scenario policy (RI, Spot, lifecycle...) saves, against its claim" },
  { "new-plugin", pc_cmd_new_plugin, "write a new plugin project (builds with the installed SDK alone)" },
  { "explain", pc_cmd_explain, "every line of one month's cost, with its price and what produced it" },
  { "sensitivity", pc_cmd_sensitivity, "which input moves each phase's timing and cost most (tornado)" },
  { "check", pc_cmd_check, "the budget gate: exit 3 when a phase costs more than its budget" },
  { "merge", pc_cmd_merge, "join the SQLite exports of a simulation's shards into its report" },
};

/* GLib before 2.76 hands small blocks out of its slice allocator, which
 * aborts with its own message when an allocation fails, instead of failing
 * in g_malloc (which reaches pc_cli_install_fatal_handler's one line); it
 * reads G_SLICE once, before main runs.  Allocations fail before the
 * machine is out of memory only under an address-space or data limit
 * (ulimit -v / -d); then the command runs itself again with the slices
 * taken from malloc.  A G_SLICE the user set is kept. */
static void
slices_from_malloc (char **argv)
{
  struct rlimit as, data;
  if (glib_check_version (2, 76, 0) == NULL || g_getenv ("G_SLICE") != NULL)
    return;
  if (getrlimit (RLIMIT_AS, &as) == 0 && as.rlim_cur == RLIM_INFINITY && getrlimit (RLIMIT_DATA, &data) == 0 &&
      data.rlim_cur == RLIM_INFINITY)
    return;
  g_setenv ("G_SLICE", "always-malloc", TRUE);
  execv ("/proc/self/exe", argv);   /* if that fails, carry on as we are */
}

static int
main_usage (FILE *out)
{
  fprintf (out, "Usage: phasecast COMMAND [OPTIONS...]\n\nCommands:\n");
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    fprintf (out, "  %-12s %s\n", commands[i].name, commands[i].summary);
  fprintf (out, "\n`phasecast COMMAND --help` describes each; `phasecast --version` prints the version.\n");
  return out == stdout ? 0 : 2;
}

int
main (int argc, char **argv)
{
  slices_from_malloc (argv);
  pc_cli_memory_setup ();
  setlocale (LC_ALL, "");
  setlocale (LC_NUMERIC, "C");
  pc_cli_install_fatal_handler ();
  if (argc < 2)
    return main_usage (stderr);
  if (g_str_equal (argv[1], "--help") || g_str_equal (argv[1], "-h") || g_str_equal (argv[1], "help"))
    return main_usage (stdout);
  if (g_str_equal (argv[1], "--version")) {
    printf ("phasecast %s (plugin ABI %d, host API %d)\n", PC_VERSION, PC_PLUGIN_ABI, PC_PLUGIN_API);
    return 0;
  }
  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    if (g_str_equal (argv[1], commands[i].name)) {
      g_autofree char *prgname = g_strdup_printf ("phasecast %s", commands[i].name);
      g_set_prgname (prgname);   /* GLib keeps its own copy */
      int status = commands[i].func (argc - 1, argv + 1);
      g_strfreev (pc_cli_plugin_dirs);
      return status;
    }
  g_printerr ("phasecast: unknown command \"%s\"\n", argv[1]);
  return main_usage (stderr);
}
