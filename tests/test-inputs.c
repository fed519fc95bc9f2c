/* Every bad input is refused with the right error, naming file and line;
 * every shipped scenario, roadmap and catalog validates. */
#include "testlib.h"
#include "feed-import.h"

typedef struct {
  const char *file;
  gboolean catalog;
  GQuark (*domain) (void);
  gint code;
  const char *where;    /* "file:line" (or just the file) the message must contain */
} BadInput;

static const BadInput cases[] = {
  { "truncated.xml", FALSE, pc_input_error_quark, PC_INPUT_ERROR_PARSE, "truncated.xml:" },
  { "doctype.xml", FALSE, pc_input_error_quark, PC_INPUT_ERROR_UNSAFE, "doctype.xml:1" },
  { "laughs.xml", FALSE, pc_input_error_quark, PC_INPUT_ERROR_UNSAFE, "laughs.xml:1" },
  { "not-utf8.xml", FALSE, pc_input_error_quark, PC_INPUT_ERROR_PARSE, "not-utf8.xml:1" },
  { "missing-world.xml", FALSE, pc_input_error_quark, PC_INPUT_ERROR_SCHEMA, "missing-world.xml:" },
  { "horizon-text.xml", FALSE, pc_input_error_quark, PC_INPUT_ERROR_SCHEMA, "horizon-text.xml:3" },
  { "event-typo.xml", FALSE, pc_input_error_quark, PC_INPUT_ERROR_SCHEMA, "event-typo.xml:2: <event amount_usd=\"5\">: unknown attribute; allowed: type, month, rate-per-month, from, until, amount-usd, add-customers, add-users, add-business-units, add-regions (did you mean amount-usd?)" },
  { "event-no-time.xml", FALSE, pc_input_error_quark, PC_INPUT_ERROR_VALUE, "event-no-time.xml:12" },
  { "unknown-plugin.xml", FALSE, pc_plugin_error_quark, PC_PLUGIN_ERROR_OPEN, "unknown-plugin-roadmap.xml:4" },
  { "bad-setting.xml", FALSE, pc_plugin_error_quark, PC_PLUGIN_ERROR_CONFIG, "bad-setting-roadmap.xml:5" },
  { "unknown-metric.xml", FALSE, pc_input_error_quark, PC_INPUT_ERROR_UNKNOWN_REF, "unknown-metric-roadmap.xml:9" },
  { "unknown-state.xml", FALSE, pc_input_error_quark, PC_INPUT_ERROR_UNKNOWN_REF, "unknown-state-roadmap.xml:9" },
  { "comment-lines.xml", FALSE, pc_input_error_quark, PC_INPUT_ERROR_PARSE,
    "comment-lines.xml:3: not well-formed XML: Double hyphen within comment: <!-- A comment whose text runs\\n     over two lines" },
  { "attribute-newline.xml", FALSE, pc_input_error_quark, PC_INPUT_ERROR_SCHEMA,
    "attribute-newline.xml:3: <event type=\"budget\\napproved\">: not allowed; allowed: a name matching [a-z0-9_]+" },
  { "timeline-reversed.xml", FALSE, pc_input_error_quark, PC_INPUT_ERROR_VALUE, "timeline-reversed-roadmap.xml:8: <timeline to-months=\"6\">: below from-months (12)" },
  { "unknown-limit.xml", FALSE, pc_input_error_quark, PC_INPUT_ERROR_UNKNOWN_REF,
    "unknown-limit-roadmap.xml:8: <limit id=\"hot\" metric=\"svc.temperature\">: no phase has a component \"svc\""
    " reporting metric \"temperature\"" },
  { "load-and-workload.xml", FALSE, pc_input_error_quark, PC_INPUT_ERROR_SCHEMA, "load-and-workload.xml:9" },
  { "catalog-duplicate.xml", TRUE, pc_input_error_quark, PC_INPUT_ERROR_VALUE, "catalog-duplicate.xml:5" },
  { "catalog-tiers.xml", TRUE, pc_input_error_quark, PC_INPUT_ERROR_VALUE, "catalog-tiers.xml:6" },
  { "catalog-source.xml", TRUE, pc_input_error_quark, PC_INPUT_ERROR_UNKNOWN_REF, "catalog-source.xml:4" },
  { "catalog-negative.xml", TRUE, pc_input_error_quark, PC_INPUT_ERROR_SCHEMA, "catalog-negative.xml:4" },
};

static void
test_bad (gconstpointer data)
{
  const BadInput *c = data;
  g_autofree char *name = g_build_filename ("bad", c->file, NULL);
  g_autofree char *path = pc_test_data (name);
  g_autoptr (GError) error = NULL;
  if (c->catalog) {
    g_autoptr (PcCatalog) catalog = pc_catalog_new ();
    g_assert_false (pc_catalog_add_file (catalog, path, &error));
  } else {
    g_autoptr (PcHost) host = pc_host_new (NULL);
    g_autoptr (PcModel) model = pc_model_new (path, NULL, host, &error);
    g_assert_null (model);
  }
  g_test_message ("%s", error ? error->message : "(no error)");
  g_assert_error (error, c->domain (), c->code);
  g_assert_nonnull (strstr (error->message, c->where));
  g_assert_null (strchr (error->message, '\n'));   /* one line, whatever the input quoted */
}

static void
check_file (const char *path)
{
  g_autoptr (GError) error = NULL;
  g_autoptr (PcHost) host = pc_host_new (NULL);
  if (g_str_has_suffix (path, "feed-map.xml")) {
    g_autoptr (PcFeedMap) map = pc_feed_map_load (path, &error);   /* the import's map, not a catalog */
    g_assert_nonnull (map);
  } else if (g_str_has_suffix (path, ".xml") && strstr (path, "pricing")) {
    g_autoptr (PcCatalog) catalog = pc_catalog_new ();
    g_assert_true (pc_catalog_add_file (catalog, path, &error));
  } else if (strstr (path, "roadmaps")) {
    g_autoptr (PcModel) model = pc_model_new_for_roadmap (path, "ap-southeast-2", host, &error);
    g_assert_no_error (error);
  } else {
    g_autoptr (PcModel) model = pc_model_new (path, NULL, host, &error);
    g_assert_no_error (error);
  }
  g_assert_no_error (error);
}

static void
test_shipped (gconstpointer data)
{
  const char *subdir = data;
  g_autofree char *dir = g_test_build_filename (G_TEST_DIST, "..", subdir, NULL);
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  g_assert_nonnull (handle);
  guint checked = 0;
  for (const char *entry; (entry = g_dir_read_name (handle)) != NULL;) {
    if (!g_str_has_suffix (entry, ".xml"))
      continue;
    g_autofree char *path = g_build_filename (dir, entry, NULL);
    g_test_message ("checking %s", path);
    check_file (path);
    checked++;
  }
  g_assert_cmpuint (checked, >, 0);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++) {
    g_autofree char *name = g_strdup_printf ("/input/bad/%s", cases[i].file);
    g_test_add_data_func (name, &cases[i], test_bad);
  }
  g_test_add_data_func ("/input/shipped/pricing", "data/pricing", test_shipped);
  g_test_add_data_func ("/input/shipped/roadmaps", "data/roadmaps", test_shipped);
  g_test_add_data_func ("/input/shipped/scenarios", "scenarios", test_shipped);
  return g_test_run ();
}
