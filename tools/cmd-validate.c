/* cmd-validate.c - `phasecast validate`: schema and meaning checks of input files. */
#include "cli.h"

static gboolean
validate_file (PcHost *host, const char *path, GError **error)
{
  g_autofree char *root = pc_xml_root_name (path, error);
  if (root == NULL)
    return FALSE;
  if (g_str_equal (root, "catalog") || g_str_equal (root, "catalogs")) {
    g_auto (GStrv) regions = pc_catalog_check_file (path, error);
    return regions != NULL;
  }
  if (!g_str_equal (root, "scenario") && !g_str_equal (root, "roadmap")) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_SCHEMA,
                 "%s:1: <%s> is not a phasecast file (expected <scenario>, <roadmap>, <catalog> or <catalogs>)", path,
                 root);
    return FALSE;
  }
  g_autoptr (PcModel) model = g_str_equal (root, "scenario") ? pc_model_new (path, NULL, host, error)
                              : pc_model_new_for_roadmap (path, "ap-southeast-2", host, error);
  if (model == NULL)
    return FALSE;
  g_autoptr (GPtrArray) overrides = pc_model_price_overrides (model);
  pc_cli_note_overrides (overrides);
  return TRUE;
}

int
pc_cmd_validate (int argc, char **argv)
{
  g_auto (GStrv) catalogs = NULL;
  const GOptionEntry entries[] = { PC_CLI_CATALOG_ENTRY (catalogs), G_OPTION_ENTRY_NULL };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("FILE...",
                                                    "Check scenarios, roadmaps and price catalogs against their schema and for meaning.", entries);
  GError *error = NULL;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return pc_cli_usage_error (context, error->message);
  if (argc < 2)
    return pc_cli_usage_error (context, "validate takes at least one FILE");
  g_autoptr (PcHost) host = pc_cli_host_new (catalogs, &error);
  if (host == NULL)
    return pc_cli_fail (error);
  int status = 0;
  for (int i = 1; i < argc; i++) {
    if (validate_file (host, argv[i], &error))
      g_print ("%s: valid\n", argv[i]);
    else
      status = pc_cli_fail (g_steal_pointer (&error));
  }
  return status;
}
