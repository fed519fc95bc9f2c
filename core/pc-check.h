/* pc-check.h - how inputs are refused: names suggested for misspellings
 * (suggest.c), the declared event types (event-types.c), region names
 * checked before they become a path (regions.c) and schema refusals explained
 * (schema-explain.c).  Internal; included by pc-private.h. */
#pragma once

#include <glib.h>
#include <libxml/tree.h>

G_BEGIN_DECLS

/* ---- errors.c ---- */
/* pc_error_tidy (phasecast.h) on the error @error holds, if any.  Every
 * public loader calls it on the error it returns. */
void pc_error_tidy_at (GError **error);

/* ---- suggest.c ---- */
guint pc_edit_distance (const char *a, const char *b);
/* The nearest of @names (NULL-terminated) to @word, or NULL if none is close. */
const char *pc_suggest (const char *word, const char *const *names);
/* Returns: (transfer full): "allowed: a, b, c" plus " (did you mean b?)". */
char *pc_allowed_names (const char *word, const char *const *names);

/* ---- event-types.c ---- */
/* Returns: (transfer none): the event types a scenario may schedule and a
 * roadmap may watch, NULL-terminated. */
const char *const *pc_event_type_names (void);
/* TRUE when @type is declared; otherwise FALSE with @error
 * "@path:@line: <@element @attr="@type">: unknown event type; allowed: ...". */
gboolean pc_event_type_check (const char *type, const char *path, int line, const char *element, const char *attr,
                              GError **error);

/* ---- regions.c ---- */
/* TRUE when @region looks like a region name (lower-case letters, digits,
 * '-'); else FALSE with @error listing the shipped regions.  Checked
 * before the name becomes part of a path. */
gboolean pc_region_check_name (const char *region, GError **error);

/* ---- schema-explain.c ---- */
/* Returns: (transfer full) (nullable): why @doc does not match the RelaxNG
 * schema at @rng_path, as "<element attr="value">: why; allowed: ...", for
 * the first element at fault, whose line goes to @line.  @misplaced is an
 * element the validator found out of place, @incomplete one whose content
 * ended before all it must hold, if any.  NULL when nothing could be
 * explained. */
char *pc_schema_explain (xmlDoc *doc, const char *rng_path, const xmlNode *misplaced, const xmlNode *incomplete,
                         long *line);

G_END_DECLS
