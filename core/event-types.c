/* event-types.c - the business events phasecast knows, declared once.
 *
 * A scenario schedules events (<event type="...">) and a roadmap's
 * indicators watch for them (event="..." / no-event="...").  Both sides
 * name the same types, so a type either side misspells would make a phase
 * silently unreachable: every type is checked against this table when the
 * model is built, and a refusal lists the table.  The types are the
 * business events the seed roadmap's decision points name; a new kind of
 * event is one line here.
 */
#include "pc-private.h"

static const char *const event_types[] = {
  "budget_approved",          /* a monthly infrastructure budget is approved (amount-usd=) */
  "business_unit",            /* another team or business unit adopts the product */
  "compliance_requirement",   /* a customer or prospect requires SOC 2, ISO 27001... */
  "critical_bug",             /* a critical bug reaches production */
  "enterprise_deal",          /* a large customer signs several teams at once */
  "enterprise_requirement",   /* an enterprise customer states its requirements (SSO, audit) */
  "expansion",                /* customers appear outside the first region */
  "reporting_request",        /* customers ask for reports or analytics */
  "uptime_sla_discussed",     /* customers ask about uptime guarantees */
  NULL,
};

const char *const *
pc_event_type_names (void)
{
  return event_types;
}

gboolean
pc_event_type_check (const char *type, const char *path, int line, const char *element, const char *attr,
                     GError **error)
{
  const char *const *names = pc_event_type_names ();
  if (type != NULL && g_strv_contains (names, type))
    return TRUE;
  g_autofree char *allowed = pc_allowed_names (type, names);
  g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF, "%s:%d: <%s %s=\"%s\">: unknown event type; %s", path,
               line, element, attr, type ? type : "", allowed);
  return FALSE;
}
