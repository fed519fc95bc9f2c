/* scenario.c - the world: when, where, how the business grows and which
 * business events happen; the workload (what the business asks of the
 * infrastructure) is workload.c's; its <policy>s are read as a roadmap's
 * (policy.c).  Format: data/schema/scenario.rng.
 * Every numeric parameter is described once in the tables below
 * (attribute, default, bounds); docs/scenario.md documents the meaning.
 */
#include "pc-policy.h"

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

static const char *const growth_others[] = { "model", "poisson", "shrinking", NULL };

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
  g_free (scenario->roadmap_href);
  if (scenario->growth.actuals)
    g_array_unref (scenario->growth.actuals);
  g_ptr_array_unref (scenario->events);
  if (scenario->policies)
    g_ptr_array_unref (scenario->policies);
  pc_workload_free (scenario->workload);
  g_free (scenario);
}

static gboolean
read_world (PcScenario *s, const xmlNode *node, GError **error)
{
  g_autofree char *start = pc_xml_attr (node, "start");
  if (sscanf (start, "%4d-%2d", &s->start_year, &s->start_month) != 2 || s->start_month < 1 ||
      s->start_month > 12) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, s->path,
                  "<world start=\"%s\">: not a month; allowed: YYYY-MM with the month from 01 to 12", start);
    return FALSE;
  }
  guint64 horizon = 0, age = 0;
  if (!pc_xml_whole (node, s->path, "horizon-months", 36, 1, PC_MAX_HORIZON_MONTHS, &horizon, error) ||
      !pc_xml_whole (node, s->path, "account-age-months", 0, 0, PC_MAX_ACCOUNT_AGE_MONTHS, &age, error))
    return FALSE;
  s->horizon_months = (guint) horizon;
  s->account_age_months = (guint) age;
  g_autofree char *free_tier = pc_xml_attr (node, "free-tier");
  if (free_tier && !pc_free_tier_parse (free_tier, &s->free_tier)) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, s->path,
                  "<world free-tier=\"%s\">: not allowed; allowed: account, used, none", free_tier);
    return FALSE;
  }
  s->world_line = (int) xmlGetLineNo (node);
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

/* A curve must stay a number of customers from 0 to its market size: a
 * logistic or Bass curve divides by its initial customers or bass-p, and a
 * market is only allowed to shrink (a negative rate, or more initial
 * customers than the market holds) when the scenario says shrinking="true". */
static gboolean
check_growth (PcScenario *s, const xmlNode *node, const char *model, GError **error)
{
  const PcGrowthParams *g = &s->growth;
  g_autofree char *shrinking_text = pc_xml_attr (node, "shrinking");
  gboolean shrinking = shrinking_text && g_str_equal (shrinking_text, "true");
  gboolean shrinks = (g->rate < 0 && g->model != PC_GROWTH_BASS) || g->initial > g->capacity;
  const char *attr = "rate", *why = NULL;
  double value = g->rate;
  if (g->capacity <= 0)
    attr = "capacity", value = g->capacity, why = "the market's size must be above 0; allowed: above 0, up to 1e9";
  else if (g->model == PC_GROWTH_LOGISTIC && g->initial <= 0)
    attr = "initial", value = g->initial, why = "a logistic curve starts from at least one customer; allowed: above 0";
  else if (g->model == PC_GROWTH_BASS && g->bass_p <= 0)
    attr = "bass-p", value = g->bass_p, why = "without innovators a Bass curve never starts; allowed: above 0, up to 1";
  else if (shrinks && !shrinking && g->initial > g->capacity)
    attr = "initial", value = g->initial, why = "the curve shrinks the market (initial above capacity) without saying "
                                                "so; allowed: initial up to capacity, or shrinking=\"true\"";
  else if (shrinks && !shrinking)
    why = "the curve shrinks the market (a negative rate, or initial above capacity) without saying so; allowed: a "
          "rate from 0 with initial up to capacity, or shrinking=\"true\"";
  else if (shrinking && !shrinks)
    why = "shrinking=\"true\" but the curve does not shrink; allowed: shrinking=\"true\" with a negative rate or "
          "initial above capacity";
  if (why == NULL)
    return TRUE;
  pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, s->path, "<growth model=\"%s\" %s=\"%g\">: %s", model, attr, value,
                why);
  return FALSE;
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
  if (s->growth.model != PC_GROWTH_ACTUALS && !check_growth (s, node, model, error))
    return FALSE;
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
  double starts = isnan (event->month) ? event->from : event->month;
  if (starts >= s->horizon_months) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, s->path,
                  "<event type=\"%s\" %s=\"%g\">: after the horizon, so it never happens; allowed: a month from 0 to "
                  "below %u (horizon-months)", event->type, isnan (event->month) ? "from" : "month", starts,
                  s->horizon_months);
    return FALSE;
  }
  return TRUE;
}

/* Reads every <event>; a run's event queue holds them all, so their number
 * (a hazard's counted as its expected occurrences) is bounded. */
static gboolean
read_events (PcScenario *s, const xmlNode *node, GError **error)
{
  double expected = 0;
  for (const xmlNode *child = node->children; child; child = child->next) {
    if (!pc_xml_is (child, "event"))
      continue;
    if (s->events->len == PC_MAX_EVENT_DECLS) {
      pc_xml_error (error, PC_INPUT_ERROR_VALUE, child, s->path, "<event>: too many; allowed: at most %d events",
                    PC_MAX_EVENT_DECLS);
      return FALSE;
    }
    if (!read_event (s, child, error))
      return FALSE;
    const PcEventDecl *event = s->events->pdata[s->events->len - 1];
    expected += isnan (event->month) ? event->rate_per_month * (MIN (event->until, s->horizon_months) - event->from) : 1;
    if (expected > PC_MAX_EVENTS_PER_RUN) {
      pc_xml_error (error, PC_INPUT_ERROR_VALUE, child, s->path,
                    "<event type=\"%s\">: the events up to here happen about %.0f times a run; allowed: at most %d",
                    event->type, expected, PC_MAX_EVENTS_PER_RUN);
      return FALSE;
    }
  }
  return TRUE;
}

/* A scenario's policy applies to its roadmap's components (policy.c
 * resolves it once the roadmap is known). */
static gboolean
read_policy (PcScenario *s, const xmlNode *node, GError **error)
{
  if (!pc_policy_read_into (s->policies, node, s->path, error))
    return FALSE;
  ((PcOptimizationDecl *) s->policies->pdata[s->policies->len - 1])->in_scenario = TRUE;
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
      g_autofree char *dir = g_path_get_dirname (s->path);
      s->roadmap_href = pc_xml_attr (node, "href");
      s->roadmap_line = (int) xmlGetLineNo (node);
      s->roadmap_path = g_path_is_absolute (s->roadmap_href) ? g_strdup (s->roadmap_href)
                                                             : g_build_filename (dir, s->roadmap_href, NULL);
    } else if (pc_xml_is (node, "montecarlo")) {
      guint64 runs = 1;
      ok = pc_xml_whole (node, s->path, "runs", 1, 1, PC_MAX_RUNS, &runs, error) &&
           pc_xml_whole (node, s->path, "seed", 1, 0, G_MAXUINT64, &s->seed, error);
      s->runs = (guint) runs;
    } else if (pc_xml_is (node, "growth"))
      ok = read_growth (s, node, error);
    else if (pc_xml_is (node, "load"))
      load = node;
    else if (pc_xml_is (node, "workload"))
      workload = node;
    else if (pc_xml_is (node, "events"))
      ok = read_events (s, node, error);
    else if (pc_xml_is (node, "policy"))
      ok = read_policy (s, node, error);
    if (!ok)
      return FALSE;
  }
  s->workload = pc_workload_read (workload, load, s->path, error);
  return s->workload != NULL;
}

static PcScenario *
scenario_load (const char *path, GError **error)
{
  g_autoptr (xmlDoc) doc = pc_xml_load (path, "scenario.rng", error);
  if (doc == NULL)
    return NULL;
  g_autoptr (PcScenario) s = g_new0 (PcScenario, 1);
  s->path = g_strdup (path);
  s->events = g_ptr_array_new_with_free_func ((GDestroyNotify) event_free);
  s->policies = g_ptr_array_new_with_free_func ((GDestroyNotify) pc_policy_decl_free);
  xmlNode *root = xmlDocGetRootElement (doc);
  s->name = pc_xml_attr (root, "name");
  if (!read_children (s, root, error))
    return NULL;
  return g_steal_pointer (&s);
}

static const char *const free_tier_names[] = {
  [PC_FREE_TIER_ACCOUNT] = "account", [PC_FREE_TIER_USED] = "used", [PC_FREE_TIER_NONE] = "none",
};

const char *
pc_free_tier_name (PcFreeTier mode)
{
  return free_tier_names[mode];
}

gboolean
pc_free_tier_parse (const char *text, PcFreeTier *mode)
{
  for (guint i = 0; i < G_N_ELEMENTS (free_tier_names); i++)
    if (g_strcmp0 (text, free_tier_names[i]) == 0) {
      *mode = (PcFreeTier) i;
      return TRUE;
    }
  return FALSE;
}

char *
pc_scenario_date (const PcScenario *scenario, guint month)
{
  guint index = (guint) (scenario->start_month - 1) + month;
  return g_strdup_printf ("%04d-%02u", scenario->start_year + (int) (index / 12), index % 12 + 1);
}

/**
 * pc_scenario_load:
 * Loads @path; a refusal is one line (pc_error_tidy).
 * Returns: (transfer full): the scenario, or NULL with @error naming file:line.
 */
PcScenario *
pc_scenario_load (const char *path, GError **error)
{
  PcScenario *scenario = scenario_load (path, error);
  if (scenario == NULL)
    pc_error_tidy_at (error);
  return scenario;
}
