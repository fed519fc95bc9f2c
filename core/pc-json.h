/* pc-json.h - writing JSON that every parser accepts (json-text.c).
 * Every JSON output of phasecast (reports, prices, plugin listings,
 * exporters) goes through pc_json_to_text, never json_generator_to_data. */
#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Returns: (transfer full): @root as JSON text (pretty-printed with 2-space
 * indents when @pretty), valid for any finite numbers and any strings. */
char *pc_json_to_text (JsonNode *root, gboolean pretty);
/* Returns: (transfer full): json-glib generator output with its known
 * defects repaired (see json-text.c); exposed for tests. */
char *pc_json_repair (const char *text);

G_END_DECLS
