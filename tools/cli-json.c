/* cli-json.c - members of the JSON the commands build with json-glib:
 * one way to write a name with a string, a number, an integer or P10/P50/
 * P90, and null where there is no value (JSON has no NaN or infinity);
 * and the finished object on stdout. */
#include "cli.h"

#include <json-glib/json-glib.h>

void
pc_cli_json_string (JsonBuilder *b, const char *name, const char *value)
{
  json_builder_set_member_name (b, name);
  if (value)
    json_builder_add_string_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
pc_cli_json_number (JsonBuilder *b, const char *name, double value)
{
  json_builder_set_member_name (b, name);
  if (isfinite (value))
    json_builder_add_double_value (b, value);
  else
    json_builder_add_null_value (b);
}

void
pc_cli_json_int (JsonBuilder *b, const char *name, gint64 value)
{
  json_builder_set_member_name (b, name);
  json_builder_add_int_value (b, value);
}

void
pc_cli_json_percentiles (JsonBuilder *b, const char *name, PcPercentiles p)
{
  json_builder_set_member_name (b, name);
  if (!p.valid) {
    json_builder_add_null_value (b);
    return;
  }
  json_builder_begin_object (b);
  pc_cli_json_number (b, "p10", p.p10);
  pc_cli_json_number (b, "p50", p.p50);
  pc_cli_json_number (b, "p90", p.p90);
  json_builder_end_object (b);
}

void
pc_cli_json_print (JsonBuilder *b)
{
  g_autoptr (JsonNode) root = json_builder_get_root (b);
  g_autofree char *text = pc_json_to_text (root, TRUE);
  g_print ("%s\n", text);
}
