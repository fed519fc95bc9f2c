/* pc-json.h - writing JSON that every parser accepts (json-text.c).
 * Every JSON output of phasecast (reports, prices, plugin listings,
 * exporters) goes through pc_json_to_text, never json_generator_to_data. */
#pragma once

#include <json-glib/json-glib.h>

#include "phasecast.h"

G_BEGIN_DECLS

/* pc_json_to_text (phasecast.h) writes @root as JSON text valid for any
 * finite numbers and any strings, by way of: */
/* Returns: (transfer full): json-glib generator output with its known
 * defects repaired (see json-text.c). */
char *pc_json_repair (const char *text);

G_END_DECLS
