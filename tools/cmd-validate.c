/* cmd-validate.c - `phasecast validate`: schema and meaning checks of input files.
 *
 * Each file gets one line on stderr: what was checked and found valid, or
 * why it was refused (file:line).  Nothing goes to stdout, so a script
 * cannot mistake a partial success for a pass; the exit status is 1 when
 * any file was refused. */
#include "cli.h"

static guint
count_components (const PcModel *model)
{
  guint n = 0;
  for (guint p = 0; p < model->n_phases; p++)
    n += model->phases[p].n_components;
  return n;
}

/* Returns: (transfer full): "ap-southeast-2, us-east-1": the regions a
 * model priced with (its catalogs are keyed by region, or by region and a
 * plugin with its own price fragment). */
static char *
model_regions (const PcModel *model)
{
  g_autoptr (GList) keys = g_list_sort (g_hash_table_get_keys (model->catalogs), (GCompareFunc) g_strcmp0);
  g_autoptr (GPtrArray) regions = g_ptr_array_new_with_free_func (g_free);
  for (GList *k = keys; k; k = k->next) {
    char *region = g_strndup (k->data, strcspn (k->data, "\x1f"));
    if (g_ptr_array_find_with_equal_func (regions, region, g_str_equal, NULL))
      g_free (region);
    else
      g_ptr_array_add (regions, region);
  }
  g_ptr_array_add (regions, NULL);
  return g_strjoinv (", ", (char **) regions->pdata);
}

/* Returns: (transfer full): what was checked of @model's roadmap. */
static char *
model_summary (const PcModel *model)
{
  g_autofree char *regions = model_regions (model);
  return g_strdup_printf ("%u phases (%u components in all, each created with its prices from %s), %u indicators"
                          " and %u policies resolved", model->n_phases, count_components (model), regions,
                          model->n_indicators, model->n_policies);
}

/* Returns: (transfer full): one line saying what was valid, or NULL with @error. */
static char *
validate_file (PcHost *host, const char *path, GError **error)
{
  g_autofree char *root = pc_xml_root_name (path, error);
  if (root == NULL)
    return NULL;
  if (g_str_equal (root, "catalog") || g_str_equal (root, "catalogs")) {
    g_auto (GStrv) regions = pc_catalog_check_file (path, error);
    g_autofree char *listed = regions ? g_strjoinv (", ", regions) : NULL;
    return regions ? g_strdup_printf ("valid catalog: prices for %s", *listed ? listed : "every region") : NULL;
  }
  if (!g_str_equal (root, "scenario") && !g_str_equal (root, "roadmap")) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_SCHEMA,
                 "%s:1: <%s> is not a phasecast file (expected <scenario>, <roadmap>, <catalog> or <catalogs>)", path,
                 root);
    return NULL;
  }
  gboolean scenario = g_str_equal (root, "scenario");
  g_autoptr (PcModel) model = scenario ? pc_model_new (path, NULL, host, error)
                                       : pc_model_new_for_roadmap (path, "ap-southeast-2", host, error);
  if (model == NULL)
    return NULL;
  pc_cli_note_model_prices (model);
  g_autofree char *summary = model_summary (model);
  if (!scenario)
    return g_strdup_printf ("valid roadmap: %s", summary);
  return g_strdup_printf ("valid scenario (%u events) under roadmap %s: %s", model->scenario->events->len,
                          model->roadmap->path, summary);
}

int
pc_cmd_validate (int argc, char **argv)
{
  g_auto (GStrv) catalogs = NULL;
  const GOptionEntry entries[] = { PC_CLI_CATALOG_ENTRY (catalogs), G_OPTION_ENTRY_NULL };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("FILE...",
                                                    "Check scenarios, roadmaps and price catalogs against their schema and for meaning;"
                                                    " one line per file on stderr.", entries);
  GError *error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_usage_fail (context, error);
  if (argc < 2)
    return pc_cli_usage_error (context, "validate takes at least one FILE");
  g_autoptr (PcHost) host = pc_cli_host_new (catalogs, &error);
  if (host == NULL)
    return pc_cli_fail (error);
  int status = 0;
  for (int i = 1; i < argc; i++) {
    g_autofree char *checked = validate_file (host, argv[i], &error);
    if (checked != NULL)
      g_printerr ("phasecast: %s: %s\n", argv[i], checked);
    else
      status = pc_cli_fail (g_steal_pointer (&error));
  }
  return status;
}
