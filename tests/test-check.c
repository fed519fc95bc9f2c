/* `phasecast plugins check`: every in-tree plugin passes every check; each
 * module of the broken corpus (tests/plugins/check/) fails its own check,
 * and only that one, with its reason; a crash and an endless loop are
 * survived (the checks run in a child process with a timeout) and named. */
#include "testlib.h"

typedef struct {
  const char *name;           /* module in tests/plugins/check */
  const char *check;          /* the check that must fail, or NULL: all pass */
  const char *words;          /* in its line */
} CheckCase;

static const CheckCase cases[] = {
  { "check-good", NULL, NULL },
  { "check-no-tables", NULL, "parameters 0, metrics 0" },   /* PC_PLUGIN_DEFINE without PC_PARAMS / PC_METRICS */
  { "check-falls-declared", NULL, "SKIP monotone: the plugin says its cost may fall: a test" },
  /* A crash is a signal; under AddressSanitizer, which catches it, exit status 1. */
  { "check-crash", "crash", "while running step (settings defaults, ap-northeast-1, demand typical)" },
  { "check-crash-in-create", "crash", "while running create (settings scale=10, ap-northeast-1)" },
  { "check-hang", "hang", "did not return within 2 s while running step (settings defaults" },
  { "check-negative-line", "lines", "charged a cost that is negative" },
  { "check-too-many-lines", "lines", "added more than 32 line items" },
  { "check-nan-metric", "metrics", "reported metric \"requests\" as NaN" },
  { "check-bad-metric-index", "metrics", "reported metric index 4, but it declares 1 metrics" },
  { "check-falls", "monotone", "cost falls from $100.00 (demand zero) to $0.00 (demand typical)" },
  { "check-random", "deterministic", "the same instance stepped twice over the same month gave different results" },
  { "check-silent-failure", "step", "step() failed without saying why" },
  { "check-bad-demand", "step", "left demand egress_gb at a negative value" },
  { "check-refuses-defaults", "settings", "create() refuses the defaults in every region checked" },
  { "check-wrong-accessor", "settings", "read parameter \"scale\" as int, but its table declares it double" },
  { "check-bad-index", "settings", "read parameter index 7, but its table has 1 parameters" },
  { "check-missing-price", "prices", "no price check.request in ap-southeast-2 (settings defaults" },
  { "check-leak", "destroy", "bytes were not freed by 64 create/destroy cycles" },
  { "check-bad-fragment", "load", "check-bad-fragment.prices.xml:5: <price key=\"check.request\">: source \"NOPE\"" },
};

/* The lines of @out that start with "FAIL ". */
static GPtrArray *
failed_lines (const char *out)
{
  GPtrArray *failed = g_ptr_array_new_with_free_func (g_free);
  g_auto (GStrv) lines = g_strsplit (out, "\n", -1);
  for (guint i = 0; lines[i]; i++)
    if (g_str_has_prefix (lines[i], "FAIL "))
      g_ptr_array_add (failed, g_strdup (lines[i]));
  return failed;
}

static void
test_corpus (gconstpointer data)
{
  const CheckCase *c = data;
  g_autofree char *file = g_strdup_printf ("%s.%s", c->name, G_MODULE_SUFFIX);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "plugins", "check", file, NULL);
  g_autofree char *out = NULL, *err = NULL;
  /* A short timeout only where a hang is the point: the others may be slow on a busy machine. */
  const char *timeout = g_strcmp0 (c->check, "hang") == 0 ? "2" : "120";
  const char *args[] = { "plugins", "check", path, "--timeout", timeout, NULL };
  int status = pc_test_cli (args, &out, &err);
  g_test_message ("%s", out);
  g_autoptr (GPtrArray) failed = failed_lines (out);
  if (c->check == NULL) {
    g_assert_cmpint (status, ==, 0);
    g_assert_cmpuint (failed->len, ==, 0);
    g_assert_true (c->words == NULL || strstr (out, c->words) != NULL);
    return;
  }
  g_assert_cmpint (status, ==, 1);
  g_assert_cmpuint (failed->len, ==, 1);   /* its own check, and only that one */
  g_autofree char *prefix = g_strdup_printf ("FAIL %s: ", c->check);
  const char *line = failed->pdata[0];
  g_assert_true (g_str_has_prefix (line, prefix));
  g_assert_nonnull (strstr (line, c->words));
}

static gint
compare_names (gconstpointer a, gconstpointer b)
{
  return g_strcmp0 (*(const char *const *) a, *(const char *const *) b);
}

/* Every in-tree plugin, in every Region it claims: without --region the
 * check covers all twelve shipped Regions, and each must price the
 * plugin's defaults (data/pricing/README.md, "Gaps per Region"). */
static void
test_in_tree (gconstpointer data)
{
  const char *name = data;
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "plugins", "check", name, NULL };
  int status = pc_test_cli (args, &out, &err);
  g_test_message ("%s%s", out, err);
  g_autoptr (GPtrArray) failed = failed_lines (out);
  g_assert_cmpuint (failed->len, ==, 0);
  g_assert_cmpint (status, ==, 0);
  g_assert_nonnull (strstr (out, "PASS load: plugin "));
  g_assert_nonnull (strstr (out, "PASS destroy: 64 create/destroy cycles left no memory in use"));
  if (strstr (out, "PASS prices: ") != NULL)
    g_assert_nonnull (strstr (out, "ap-northeast-1, ap-south-1, ap-southeast-1, ap-southeast-2, ca-central-1, "
                                   "eu-central-1, eu-west-1, eu-west-2, sa-east-1, us-east-1, us-east-2, us-west-2"));
}

static void
test_scaffold (void)
{
  g_test_summary ("The plugin new-plugin writes (tests/scaffold) passes every check, its fragment included");
  g_autofree char *file = g_strdup_printf ("scaffold-demo.%s", G_MODULE_SUFFIX);
  g_autofree char *path = g_test_build_filename (G_TEST_BUILT, "scaffold", file, NULL);
  g_autofree char *out = NULL;
  const char *args[] = { "plugins", "check", path, NULL };
  g_assert_cmpint (pc_test_cli (args, &out, NULL), ==, 0);
  g_test_message ("%s", out);
  g_assert_nonnull (strstr (out, "PASS fragment: "));
  g_assert_nonnull (strstr (out, "scaffold-demo.prices.xml: valid, prices for us-east-1"));
  g_assert_nonnull (strstr (out, "PASS prices: reads 1 key (scaffold_demo.standard.request), all present in us-east-1"));
  g_assert_nonnull (strstr (out, "scaffold-demo: 10 passed, 0 failed, 0 skipped"));
}

static void
test_bare_file_name (void)
{
  g_test_summary ("check FILE.so without a folder, run where the file is, checks that file (dlopen alone would "
                  "search the library path)");
  g_autofree char *dir = g_test_build_filename (G_TEST_BUILT, "scaffold", NULL);
  g_autofree char *file = g_strdup_printf ("scaffold-demo.%s", G_MODULE_SUFFIX);
  g_autofree char *out = NULL, *err = NULL;
  const char *args[] = { "plugins", "check", file, "--region", "us-east-1", NULL };
  int status = pc_test_cli_in (dir, args, &out, &err);
  g_test_message ("%s%s", out, err);
  g_assert_cmpint (status, ==, 0);
  g_autofree char *checking = g_strdup_printf ("checking ./%s\n", file);
  g_assert_true (g_str_has_prefix (out, checking));
  g_assert_nonnull (strstr (out, "PASS load: plugin scaffold-demo "));
  g_assert_nonnull (strstr (out, "scaffold-demo: 10 passed, 0 failed, 0 skipped"));
}

static void
test_usage (void)
{
  g_test_summary ("check takes a FILE or NAME; a missing file is one line and exit 1; --format json is a usage error");
  g_autofree char *err = NULL;
  const char *missing[] = { "plugins", "check", "/nonexistent/x.so", NULL };
  g_assert_cmpint (pc_test_cli (missing, NULL, &err), ==, 1);
  g_assert_cmpstr (err, ==, "phasecast: /nonexistent/x.so: no such file\n");
  const char *json[] = { "plugins", "check", "sns", "--format", "json", NULL };
  g_assert_cmpint (pc_test_cli (json, NULL, NULL), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *path = g_strdup_printf ("/plugins-check/corpus/%s", cases[i].name);
    g_test_add_data_func (path, &cases[i], test_corpus);
  }
  /* Every folder of plugins/ with a meson.build is an in-tree plugin. */
  g_autofree char *source = g_test_build_filename (G_TEST_DIST, "..", "plugins", NULL);
  g_autoptr (GDir) dir = g_dir_open (source, 0, NULL);
  g_assert_nonnull (dir);
  static GPtrArray *names;
  names = g_ptr_array_new_with_free_func (g_free);
  for (const char *entry; (entry = g_dir_read_name (dir)) != NULL;) {
    g_autofree char *build_file = g_build_filename (source, entry, "meson.build", NULL);
    if (g_file_test (build_file, G_FILE_TEST_EXISTS))
      g_ptr_array_add (names, g_strdup (entry));
  }
  g_ptr_array_sort (names, compare_names);
  for (guint i = 0; i < names->len; i++) {
    g_autofree char *path = g_strdup_printf ("/plugins-check/in-tree/%s", (char *) names->pdata[i]);
    g_test_add_data_func (path, names->pdata[i], test_in_tree);
  }
  g_test_add_func ("/plugins-check/scaffold", test_scaffold);
  g_test_add_func ("/plugins-check/bare-file-name", test_bare_file_name);
  g_test_add_func ("/plugins-check/usage", test_usage);
  int status = g_test_run ();
  g_ptr_array_unref (names);
  return status;
}
