/* scenario.c - the world: when, where, how the business grows and which
 * business events happen; the workload (what the business asks of the
 * infrastructure) is workload.c's.  Format: data/schema/scenario.rng.
 * Every numeric parameter is described once in the tables below
 * (attribute, default, bounds); docs/scenario.md documents the meaning.
 */
#include "pc-private.h"

#define GROWTH(attr, field, fallback, lo, hi) \
  { attr, G_STRUCT_OFFSET (PcGrowthParams, field), fallback, lo, hi }
static const PcNumberAttr growth_attrs[] = {
  GROWTH ("launch-month", launch_month, 0, 0, 1200),
  GROWTH ("initial", initial, 1, 0, 1e9),
  GROWTH ("capacity", capacity, 100, 0, 1e9),
  GROWTH ("rate", rate, 0.2, -5, 5),
  GROWTH ("bass-p", bass_p, 0.01, 0, 1),
  GROWTH ("bass-q", bass_q, 0.3, 0, 5),
  GROWTH ("rate-sd", rate_sd, 0, 0, 3),
  GROWTH ("churn", churn_monthly, 0, 0, 1),
  GROWTH ("users-per-customer", users_per_customer, 5, 0, 1e6),
  GROWTH ("free-users", free_users, 0, 0, 1e9),
  GROWTH ("quotes-per-user-month", quotes_per_user_month, 5, 0, 1e6),
  GROWTH ("arpa-usd-month", arpa_usd_month, 100, 0, 1e9),
};

static const char *const growth_others[] = { "model", "poisson", NULL };

#define EVENT(attr, field, fallback, lo, hi) \
  { attr, G_STRUCT_OFFSET (PcEventDecl, field), fallback, lo, hi }
static const PcNumberAttr event_attrs[] = {
  EVENT ("month", month, NAN, 0, 1200),
  EVENT ("rate-per-month", rate_per_month, 0, 0, 1000),
  EVENT ("from", from, 0, 0, 1200),
  EVENT ("until", until, NAN, 0, 1200),   /* NAN: the horizon */
  EVENT ("amount-usd", amount_usd, NAN, 0, 1e12),
  EVENT ("add-customers", add_customers, 0, -1e9, 1e9),
  EVENT ("add-users", add_users, 0, -1e9, 1e9),
  EVENT ("add-business-units", add_business_units, 0, -1e6, 1e6),
  EVENT ("add-regions", add_regions, 0, -1e6, 1e6),
};

static const char *const event_others[] = { "type", NULL };

static void
event_free (PcEventDecl *event)
{
  g_free (event->type);
  g_free (event);
}

void
pc_scenario_free (PcScenario *scenario)
{
  if (scenario == NULL)
    return;
  g_free (scenario->path);
  g_free (scenario->name);
  g_free (scenario->region);
  g_free (scenario->roadmap_path);
  if (scenario->growth.actuals)
    g_array_unref (scenario->growth.actuals);
  g_ptr_array_unref (scenario->events);
  pc_workload_free (scenario->workload);
  g_free (scenario);
}

static gboolean
read_world (PcScenario *s, const xmlNode *node, GError **error)
{
  g_autofree char *start = pc_xml_attr (node, "start");
  if (sscanf (start, "%4d-%2d", &s->start_year, &s->start_month) != 2 || s->start_month < 1 ||
      s->start_month > 12) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, s->path, "<world start=\"%s\">: expected YYYY-MM", start);
    return FALSE;
  }
  double horizon = 0, age = 0;
  if (!pc_xml_double (node, s->path, "horizon-months", 36, &horizon, error) ||
      !pc_xml_double (node, s->path, "account-age-months", 0, &age, error))
    return FALSE;
  s->horizon_months = (guint) horizon;
  s->account_age_months = (guint) age;
  s->region = pc_xml_attr (node, "region");
  return TRUE;
}

static gboolean
read_actuals (PcScenario *s, const xmlNode *node, GError **error)
{
  s->growth.actuals = g_array_new (FALSE, FALSE, sizeof (PcActual));
  for (const xmlNode *child = node->children; child; child = child->next) {
    if (!pc_xml_is (child, "actual"))
      continue;
    PcActual actual;
    if (!pc_xml_double (child, s->path, "month", 0, &actual.month, error) ||
        !pc_xml_double (child, s->path, "customers", 0, &actual.customers, error))
      return FALSE;
    guint n = s->growth.actuals->len;
    if (n > 0 && actual.month <= g_array_index (s->growth.actuals, PcActual, n - 1).month) {
      pc_xml_error (error, PC_INPUT_ERROR_VALUE, child, s->path, "<actual>: months must increase");
      return FALSE;
    }
    g_array_append_val (s->growth.actuals, actual);
  }
  if (s->growth.model == PC_GROWTH_ACTUALS && s->growth.actuals->len == 0) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, s->path,
                  "<growth model=\"actuals\">: at least one <actual> is needed");
    return FALSE;
  }
  return TRUE;
}

static gboolean
read_growth (PcScenario *s, const xmlNode *node, GError **error)
{
  static const char *const models[] = { "logistic", "exponential", "bass", "actuals" };
  g_autofree char *model = pc_xml_attr (node, "model");
  for (guint i = 0; i < G_N_ELEMENTS (models); i++)
    if (g_str_equal (model, models[i]))
      s->growth.model = (PcGrowthModel) i;
  g_autofree char *poisson = pc_xml_attr (node, "poisson");
  s->growth.poisson = poisson && g_str_equal (poisson, "true");
  if (!pc_xml_read_numbers (node, s->path, growth_attrs, G_N_ELEMENTS (growth_attrs), growth_others, &s->growth, error))
    return FALSE;
  if (s->growth.model == PC_GROWTH_LOGISTIC && s->growth.initial <= 0) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, s->path,
                  "<growth model=\"logistic\">: initial must be above 0");
    return FALSE;
  }
  return read_actuals (s, node, error);
}

static gboolean
read_event (PcScenario *s, const xmlNode *node, GError **error)
{
  PcEventDecl *event = g_new0 (PcEventDecl, 1);
  g_ptr_array_add (s->events, event);
  event->type = pc_xml_attr (node, "type");
  event->line = (int) xmlGetLineNo (node);
  if (!pc_xml_read_numbers (node, s->path, event_attrs, G_N_ELEMENTS (event_attrs), event_others, event, error))
    return FALSE;
  if (isnan (event->until))
    event->until = s->horizon_months;
  if (isnan (event->month) == (event->rate_per_month <= 0) || event->from > event->until) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, s->path,
                  "<event type=\"%s\">: give either month= or a positive rate-per-month= (with from <= until)",
                  event->type);
    return FALSE;
  }
  return TRUE;
}

static gboolean
read_children (PcScenario *s, const xmlNode *root, GError **error)
{
  const xmlNode *load = NULL, *workload = NULL;
  for (const xmlNode *node = root->children; node; node = node->next) {
    gboolean ok = TRUE;
    if (pc_xml_is (node, "world"))
      ok = read_world (s, node, error);
    else if (pc_xml_is (node, "roadmap")) {
      g_autofree char *href = pc_xml_attr (node, "href");
      g_autofree char *dir = g_path_get_dirname (s->path);
      s->roadmap_path = g_path_is_absolute (href) ? g_strdup (href) : g_build_filename (dir, href, NULL);
    } else if (pc_xml_is (node, "montecarlo")) {
      double runs = 1, seed = 1;
      ok = pc_xml_double (node, s->path, "runs", 1, &runs, error) &&
           pc_xml_double (node, s->path, "seed", 1, &seed, error);
      s->runs = (guint) runs;
      s->seed = (guint64) seed;
    } else if (pc_xml_is (node, "growth"))
      ok = read_growth (s, node, error);
    else if (pc_xml_is (node, "load"))
      load = node;
    else if (pc_xml_is (node, "workload"))
      workload = node;
    else if (pc_xml_is (node, "events"))
      for (const xmlNode *e = node->children; e && ok; e = e->next)
        if (pc_xml_is (e, "event"))
          ok = read_event (s, e, error);
    if (!ok)
      return FALSE;
  }
  s->workload = pc_workload_read (workload, load, s->path, error);
  return s->workload != NULL;
}

/**
 * pc_scenario_load:
 * Returns: (transfer full): the scenario, or NULL with @error naming file:line.
 */
PcScenario *
pc_scenario_load (const char *path, GError **error)
{
  g_autoptr (xmlDoc) doc = pc_xml_load (path, "scenario.rng", error);
  if (doc == NULL)
    return NULL;
  g_autoptr (PcScenario) s = g_new0 (PcScenario, 1);
  s->path = g_strdup (path);
  s->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  xmlNode *root = xmlDocGetRootElement (doc);
  s->name = pc_xml_attr (root, "name");
  if (!read_children (s, root, error))
    return NULL;
  return g_steal_pointer (&s);
}

char *
pc_scenario_date (const PcScenario *scenario, guint month)
{
  guint index = (guint) (scenario->start_month - 1) + month;
  return g_strdup_printf ("%04d-%02u", scenario->start_year + (int) (index / 12), index % 12 + 1);
}
