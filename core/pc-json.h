/* pc-json.h - report rows as json-glib objects, for commands that build
 * their own JSON around them (compare).  Field names are those of
 * fields.c, as in `run --format json`. */
#pragma once

/* Part of phasecast.h, which includes it after the types it uses. */
typedef struct _JsonObject JsonObject;   /* json-glib's */

G_BEGIN_DECLS

/* Phase @phase of @report: the fields of a `run --format json` phase
 * (without its components and indicators).  (transfer full). */
PC_API JsonObject *pc_json_phase_row (const PcReport *report, guint phase);

G_END_DECLS
