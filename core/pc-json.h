/* pc-json.h - JSON: report rows as json-glib objects, for commands that
 * build their own JSON around them (compare), and the one way phasecast
 * writes JSON text (json-text.c): every JSON output goes through
 * pc_json_to_text, never json-glib's generator alone.  Field names are
 * those of fields.c, as in `run --format json`. */
#pragma once

/* Part of phasecast.h, which includes it after the types it uses. */
typedef struct _JsonObject JsonObject;   /* json-glib's */
typedef struct _JsonNode JsonNode;       /* json-glib's */

G_BEGIN_DECLS

/* Phase @phase of @report: the fields of a `run --format json` phase
 * (without its components and indicators).  (transfer full). */
PC_API JsonObject *pc_json_phase_row (const PcReport *report, guint phase);

/* Returns: (transfer full): @root as JSON text, pretty-printed when
 * @pretty, valid for any finite numbers and any strings. */
PC_API char *pc_json_to_text (JsonNode *root, gboolean pretty);

/* Returns: (transfer full): a node for @value that pc_json_to_text writes
 * as a number with every digit, also above G_MAXINT64, where json-glib's
 * own integers stop (a seed is 0 to 2^64 - 1).  Such a node is only for
 * pc_json_to_text: json-glib's generator alone writes it as a string. */
PC_API JsonNode *pc_json_uint64_node (guint64 value);

G_END_DECLS
