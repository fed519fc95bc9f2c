/* model.c - scenario + roadmap + catalogs + plugins, resolved to indices.
 *
 * Everything a run needs by name is looked up here, once: each component's
 * plugin and parameters, the catalog of its region, the slot that collects
 * its cost across phases, each indicator's state field, event type or
 * (component, metric) pair in every phase.  After pc_model_new() succeeds
 * the model is immutable and shared by all runs on all threads.
 */
#include "pc-policy.h"

#include <gsl/gsl_errno.h>

static const char *const state_names[PC_STATE_COUNT + 1] = {   /* NULL-terminated for g_strjoinv */
  "paying_customers", "active_users", "quotes_month", "quotes_total", "annual_revenue_usd",
  "business_units", "regions", "response_time_s", "monthly_cost_usd", "revenue_month_usd", NULL,
};

const char *
pc_state_field_name (PcStateField field)
{
  return state_names[field];
}

void
pc_model_free (PcModel *model)
{
  if (model == NULL)
    return;
  for (guint p = 0; p < model->n_phases; p++) {
    for (guint c = 0; c < model->phases[p].n_components; c++) {
      PcComponent *comp = &model->phases[p].components[c];
      if (comp->instance != NULL)
        comp->info->destroy (comp->instance);
      pc_config_free (comp->config);
    }
    g_free (model->phases[p].components);
  }
  pc_policies_free (model);
  for (guint i = 0; i < model->n_indicators; i++) {
    g_free (model->indicators[i].component_by_phase);
    g_free (model->indicators[i].metric_by_phase);
  }
  for (guint i = 0; i < model->n_limits; i++) {
    g_free (model->limits[i].component_by_phase);
    g_free (model->limits[i].metric_by_phase);
  }
  g_free (model->phases);
  g_free (model->indicators);
  g_free (model->limits);
  g_free (model->runway);
  g_free (model->event_decl_type);
  if (model->catalogs)
    g_hash_table_unref (model->catalogs);
  if (model->slots)
    g_ptr_array_unref (model->slots);
  if (model->event_types)
    g_ptr_array_unref (model->event_types);
  if (model->demand_names)
    g_ptr_array_unref (model->demand_names);
  pc_currency_free (model->revenue_currency);
  pc_roadmap_free (model->roadmap);
  pc_scenario_free (model->scenario);
  g_free (model);
}

static int
find_name (const GPtrArray *names, const char *name)
{
  for (guint i = 0; i < names->len; i++)
    if (g_str_equal (names->pdata[i], name))
      return (int) i;
  return -1;
}

static guint
intern (GPtrArray *names, const char *name)
{
  int index = find_name (names, name);
  if (index >= 0)
    return (guint) index;
  g_ptr_array_add (names, g_strdup (name));
  return names->len - 1;
}

/* The catalog of @region as @plugin (nullable) sees it, built once: a
 * plugin with a price fragment gets a catalog of its own (prices.c). */
static const PcCatalog *
catalog_for (PcModel *model, const char *region, const PcPlugin *plugin, GError **error)
{
  const char *owner = plugin && pc_plugin_fragment (plugin) ? pc_plugin_info (plugin)->name : NULL;
  g_autofree char *key = owner ? g_strdup_printf ("%s\x1f%s", region, owner) : g_strdup (region);
  PcCatalog *catalog = g_hash_table_lookup (model->catalogs, key);
  if (catalog != NULL)
    return catalog;
  catalog = pc_host_catalog (model->host, region, owner ? plugin : NULL, error);
  if (catalog == NULL)
    return NULL;
  if (model->price_factor != 1.0)
    pc_catalog_scale (catalog, model->price_factor);
  g_hash_table_insert (model->catalogs, g_steal_pointer (&key), catalog);
  return catalog;
}

/* Adds " (did you mean X?)" to the error of a plugin not found, when an
 * installed plugin's name is close (this loads every plugin: error path only). */
static void
suggest_plugin (PcHost *host, const char *name, GError *error)
{
  if (error == NULL || !g_error_matches (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_OPEN))
    return;
  g_autoptr (GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) plugins = pc_host_load_all (host, failures);
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint i = 0; i < plugins->len; i++)
    g_ptr_array_add (names, (gpointer) pc_plugin_info (plugins->pdata[i])->name);
  g_ptr_array_add (names, NULL);
  const char *nearest = pc_suggest (name, (const char *const *) names->pdata);
  if (nearest != NULL) {
    char *message = g_strdup_printf ("%s (did you mean %s?)", error->message, nearest);
    g_free (error->message);
    error->message = message;
  }
}

static gboolean
resolve_component (PcModel *model, const PcComponentDecl *decl, PcComponent *out, GError **error)
{
  const char *path = model->roadmap->path;
  const PcPlugin *plugin = pc_host_get (model->host, decl->plugin, error);
  if (plugin == NULL) {
    suggest_plugin (model->host, decl->plugin, error ? *error : NULL);
    g_prefix_error (error, "%s:%d: <component name=\"%s\">: ", path, decl->line, decl->name);
    return FALSE;
  }
  out->decl = decl;
  out->plugin = plugin;
  out->info = pc_plugin_info (plugin);
  out->config = pc_config_new (out->info, decl->name);
  pc_config_set_demand_names (out->config, model->demand_names);
  out->slot = intern (model->slots, decl->name);
  out->standby = decl->standby;
  for (guint i = 0; i < decl->settings->len; i++) {
    const PcSetting *s = decl->settings->pdata[i];
    if (!pc_config_set (out->config, s->name, s->value, error)) {
      g_prefix_error (error, "%s:%d: <component name=\"%s\">: ", path, s->line, decl->name);
      return FALSE;
    }
  }
  out->catalog = catalog_for (model, decl->region ? decl->region : model->scenario->region, plugin, error);
  if (out->catalog == NULL) {
    g_prefix_error (error, "%s:%d: <component name=\"%s\">: ", path, decl->line, decl->name);
    return FALSE;
  }
  return TRUE;
}

/* Makes the component's instance: the plugin reads its settings, resolves
 * its prices and demands here, once for every run. */
static gboolean
create_instance (PcModel *model, const PcPhaseDecl *phase, PcComponent *comp, GError **error)
{
  comp->instance = pc_plugin_create (comp->plugin, comp->config, comp->catalog, error);
  if (comp->instance != NULL)
    return TRUE;
  g_prefix_error (error, "%s:%d: <component name=\"%s\"> in phase %s: ", model->roadmap->path, comp->decl->line,
                  comp->decl->name, phase->id);
  return FALSE;
}

static gint
compare_stage (gconstpointer a, gconstpointer b)
{
  const PcComponent *ca = a, *cb = b;
  int sa = pc_plugin_info (ca->plugin)->stage, sb = pc_plugin_info (cb->plugin)->stage;
  return sa != sb ? sa - sb : (int) ca->slot - (int) cb->slot;
}

/* Whether @a and @b are the same plugin with the same settings, so per-run
 * memory carries over a phase move. */
static gboolean
same_component (const PcComponent *a, const PcComponent *b)
{
  return a != NULL && a->info == b->info && pc_config_equal (a->config, b->config);
}

/* Gives every slot one region of a run's scratch block, as large as the
 * largest run_state_size of the plugins that fill the slot. */
static void
layout_scratch (PcModel *model)
{
  g_autofree gsize *slot_size = g_new0 (gsize, model->slots->len);
  for (guint p = 0; p < model->n_phases; p++)
    for (guint c = 0; c < model->phases[p].n_components; c++) {
      const PcComponent *comp = &model->phases[p].components[c];
      slot_size[comp->slot] = MAX (slot_size[comp->slot], comp->info->run_state_size);
    }
  g_autofree gsize *slot_offset = g_new0 (gsize, model->slots->len);
  for (guint s = 0; s < model->slots->len; s++) {
    slot_offset[s] = model->scratch_size;
    model->scratch_size += (slot_size[s] + 15) & ~(gsize) 15;   /* keep each region 16-byte aligned */
  }
  for (guint p = 0; p < model->n_phases; p++)
    for (guint c = 0; c < model->phases[p].n_components; c++) {
      PcComponent *comp = &model->phases[p].components[c];
      comp->scratch_offset = slot_offset[comp->slot];
      comp->reset_scratch = p > 0 && !same_component (pc_model_component (model, p - 1, comp->slot), comp);
    }
}

static gboolean
resolve_phases (PcModel *model, GError **error)
{
  model->n_phases = model->roadmap->phases->len;
  model->phases = g_new0 (PcPhasePlan, model->n_phases);
  for (guint p = 0; p < model->n_phases; p++) {
    PcPhasePlan *plan = &model->phases[p];
    plan->decl = model->roadmap->phases->pdata[p];
    plan->budget_usd = plan->decl->budget_usd;
    plan->components = g_new0 (PcComponent, plan->decl->components->len);
    for (guint c = 0; c < plan->decl->components->len; c++, plan->n_components++)
      if (!resolve_component (model, plan->decl->components->pdata[c], &plan->components[c], error) ||
          !create_instance (model, plan->decl, &plan->components[c], error)) {
        plan->n_components++;  /* so pc_model_free frees what it has */
        return FALSE;
      }
    if (plan->n_components > 1)   /* a phase may have none (components is then NULL) */
      qsort (plan->components, plan->n_components, sizeof (PcComponent), compare_stage);
  }
  layout_scratch (model);
  return TRUE;
}

static int
metric_index (const PcPluginInfo *info, const char *metric)
{
  for (guint m = 0; m < info->n_metrics; m++)
    if (g_str_equal (info->metrics[m].name, metric))
      return (int) m;
  return -1;
}

/* Returns: (transfer full): "allowed: ..." - the metrics component @name
 * reports in any phase (or the component names, when none is @name). */
static char *
metrics_of (const PcModel *model, const char *name, const char *metric)
{
  g_autoptr (GPtrArray) names = g_ptr_array_new ();
  for (guint p = 0; p < model->n_phases; p++)
    for (guint c = 0; c < model->phases[p].n_components; c++) {
      const PcComponent *comp = &model->phases[p].components[c];
      for (guint m = 0; g_str_equal (model->slots->pdata[comp->slot], name) && m < comp->info->n_metrics; m++)
        if (!g_ptr_array_find_with_equal_func (names, comp->info->metrics[m].name, g_str_equal, NULL))
          g_ptr_array_add (names, (gpointer) comp->info->metrics[m].name);
    }
  gboolean component_known = names->len > 0;
  if (!component_known)
    for (guint s = 0; s < model->slots->len; s++)
      g_ptr_array_add (names, model->slots->pdata[s]);
  g_ptr_array_add (names, NULL);
  g_autofree char *allowed = pc_allowed_names (component_known ? metric : name, (const char *const *) names->pdata);
  return g_strdup_printf ("%s%s", allowed, component_known ? " (its metrics)" : " (the components)");
}

/* Fills component_by_phase/metric_by_phase; FALSE when no phase has it. */
static gboolean
resolve_metric (PcModel *model, PcIndicator *ind, GError **error)
{
  g_auto (GStrv) parts = g_strsplit (ind->decl->subject, ".", 2);
  gboolean found = FALSE;
  ind->component_by_phase = g_new (int, model->n_phases);
  ind->metric_by_phase = g_new (int, model->n_phases);
  for (guint p = 0; p < model->n_phases; p++) {
    ind->component_by_phase[p] = ind->metric_by_phase[p] = -1;
    for (guint c = 0; c < model->phases[p].n_components; c++) {
      const PcComponent *comp = &model->phases[p].components[c];
      int m = metric_index (pc_plugin_info (comp->plugin), parts[1]);
      if (g_str_equal (model->slots->pdata[comp->slot], parts[0]) && m >= 0) {
        ind->component_by_phase[p] = (int) c;
        ind->metric_by_phase[p] = m;
        found = TRUE;
      }
    }
  }
  if (!found) {
    g_autofree char *allowed = metrics_of (model, parts[0], parts[1]);
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF,
                 "%s:%d: <%s id=\"%s\" metric=\"%s\">: no phase has a component \"%s\" reporting metric "
                 "\"%s\"; %s", model->roadmap->path, ind->decl->line, ind->decl->limit ? "limit" : "indicator",
                 ind->decl->id, ind->decl->subject, parts[0], parts[1] ? parts[1] : "", allowed);
  }
  return found;
}

static gboolean
resolve_indicator (PcModel *model, PcIndicator *ind, GError **error)
{
  ind->state_field = ind->event_type = -1;
  ind->scale = 1.0;   /* revenue thresholds in another currency: pc_model_resolve_currency() */
  switch (ind->decl->kind) {
  case PC_IND_STATE:
    for (int f = 0; f < PC_STATE_COUNT; f++)
      if (g_str_equal (state_names[f], ind->decl->subject))
        ind->state_field = f;
    if (ind->state_field < 0) {
      const char *names[PC_STATE_COUNT + 1] = { NULL };
      memcpy (names, state_names, sizeof state_names);
      g_autofree char *allowed = pc_allowed_names (ind->decl->subject, names);
      g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF,
                   "%s:%d: <%s id=\"%s\" state=\"%s\">: unknown state; %s", model->roadmap->path,
                   ind->decl->line, ind->decl->limit ? "limit" : "indicator", ind->decl->id, ind->decl->subject, allowed);
      return FALSE;
    }
    return TRUE;
  case PC_IND_METRIC:
    return resolve_metric (model, ind, error);
  case PC_IND_EVENT:
  case PC_IND_NO_EVENT:
    if (!pc_event_type_check (ind->decl->subject, model->roadmap->path, ind->decl->line, "indicator",
                              ind->decl->kind == PC_IND_EVENT ? "event" : "no-event", error))
      return FALSE;
    ind->event_type = (int) intern (model->event_types, ind->decl->subject);
    return TRUE;
  }
  return FALSE;
}

static gboolean
resolve_indicators (PcModel *model, GError **error)
{
  for (guint p = 0; p < model->n_phases; p++)
    model->n_indicators += model->phases[p].decl->indicators->len;
  model->indicators = g_new0 (PcIndicator, model->n_indicators);
  guint i = 0;
  for (guint p = 0; p < model->n_phases; p++) {
    const PcPhaseDecl *decl = model->phases[p].decl;
    if (p == 0 && decl->indicators->len > 0) {
      g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE,
                   "%s:%d: <phase id=\"%s\">: the first phase is where runs start; it cannot have a <move>",
                   model->roadmap->path, decl->line, decl->id);
      return FALSE;
    }
    model->phases[p].first_indicator = i;
    model->phases[p].n_indicators = decl->indicators->len;
    for (guint k = 0; k < decl->indicators->len; k++, i++) {
      model->indicators[i].decl = decl->indicators->pdata[k];
      model->indicators[i].phase = p;
      if (!resolve_indicator (model, &model->indicators[i], error))
        return FALSE;
    }
  }
  return TRUE;
}

gboolean
pc_indicator_is_capacity (const PcIndicatorDecl *indicator)
{
  return indicator->kind == PC_IND_METRIC ||
         (indicator->kind == PC_IND_STATE && g_str_equal (indicator->subject, state_names[PC_STATE_RESPONSE_TIME]));
}

/* The roadmap's <limit>s, and the list the runway covers: every capacity
 * indicator of a move, then every limit. */
static gboolean
resolve_runway (PcModel *model, GError **error)
{
  GPtrArray *limits = model->roadmap->limits;
  model->n_limits = limits ? limits->len : 0;
  model->limits = g_new0 (PcIndicator, MAX (model->n_limits, 1));
  for (guint i = 0; i < model->n_limits; i++) {
    model->limits[i].decl = limits->pdata[i];
    model->limits[i].phase = G_MAXUINT;
    if (!resolve_indicator (model, &model->limits[i], error))
      return FALSE;
  }
  model->runway = g_new0 (PcRunwayItem, model->n_indicators + model->n_limits + 1);
  for (guint i = 0; i < model->n_indicators; i++)
    if (pc_indicator_is_capacity (model->indicators[i].decl))
      model->runway[model->n_runway++] = (PcRunwayItem) { &model->indicators[i], FALSE, i };
  for (guint i = 0; i < model->n_limits; i++)
    model->runway[model->n_runway++] = (PcRunwayItem) { &model->limits[i], TRUE, i };
  return TRUE;
}

const PcComponent *
pc_model_component (const PcModel *model, guint phase, guint slot)
{
  for (guint c = 0; c < model->phases[phase].n_components; c++)
    if (model->phases[phase].components[c].slot == slot)
      return &model->phases[phase].components[c];
  return NULL;
}

static PcModel *
model_alloc (PcHost *host)
{
  /* GSL's default error handler aborts (a random number generator it
   * cannot allocate, say); every run starts from a model, and callers
   * check what GSL returns. */
  gsl_set_error_handler_off ();
  PcModel *model = g_new0 (PcModel, 1);
  model->host = host;
  model->catalogs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, (GDestroyNotify) pc_catalog_free);
  model->slots = g_ptr_array_new_with_free_func (g_free);
  model->event_types = g_ptr_array_new_with_free_func (g_free);
  model->demand_names = g_ptr_array_new_with_free_func (g_free);
  model->price_factor = 1.0;
  return model;
}

/* Refuses a roadmap larger than a run's buffers are meant for (pc-limits.h),
 * naming the first phase, component or indicator past the limit. */
static gboolean
check_roadmap_size (const PcRoadmap *roadmap, GError **error)
{
  guint indicators = 0;
  for (guint p = 0; p < roadmap->phases->len; p++) {
    const PcPhaseDecl *phase = roadmap->phases->pdata[p];
    const char *why = p >= PC_MAX_PHASES ? "a roadmap has at most " G_STRINGIFY (PC_MAX_PHASES) " phases"
                      : phase->components->len > PC_MAX_PHASE_COMPONENTS
                        ? "a phase has at most " G_STRINGIFY (PC_MAX_PHASE_COMPONENTS) " components"
                      : indicators + phase->indicators->len > PC_MAX_INDICATORS
                        ? "a roadmap has at most " G_STRINGIFY (PC_MAX_INDICATORS) " indicators in all"
                        : NULL;
    if (why != NULL) {
      g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE, "%s:%d: <phase id=\"%s\">: too large; %s",
                   roadmap->path, phase->line, phase->id, why);
      return FALSE;
    }
    indicators += phase->indicators->len;
  }
  return TRUE;
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Gives every price with a free tier the index of the account's allowance
 * it draws on: one per price key, whatever the region or component (AWS's
 * free tiers are the account's, across its regions), numbered in key order
 * so the same catalogs get the same numbers.  A run keeps how much of each
 * allowance it has used this month (run.c, result.c). */
static gboolean
assign_pools (PcModel *model)
{
  g_autoptr (GHashTable) keys = g_hash_table_new (g_str_hash, g_str_equal);
  GHashTableIter catalogs, prices;
  gpointer catalog, price;
  g_hash_table_iter_init (&catalogs, model->catalogs);
  while (g_hash_table_iter_next (&catalogs, NULL, &catalog)) {
    g_hash_table_iter_init (&prices, ((PcCatalog *) catalog)->prices);
    while (g_hash_table_iter_next (&prices, NULL, &price))
      for (guint t = 0; t < ((PcPrice *) price)->n_tiers; t++)
        if (((PcPrice *) price)->tiers[t].free != PC_FREE_NONE)
          g_hash_table_add (keys, ((PcPrice *) price)->key);
  }
  g_autoptr (GPtrArray) sorted = g_ptr_array_new ();
  GHashTableIter each;
  gpointer key;
  g_hash_table_iter_init (&each, keys);
  while (g_hash_table_iter_next (&each, &key, NULL))
    g_ptr_array_add (sorted, key);
  g_ptr_array_sort (sorted, compare_strings);
  g_autoptr (GHashTable) index = g_hash_table_new (g_str_hash, g_str_equal);
  for (guint i = 0; i < sorted->len; i++)
    g_hash_table_insert (index, sorted->pdata[i], GUINT_TO_POINTER (i + 1));
  g_hash_table_iter_init (&catalogs, model->catalogs);
  while (g_hash_table_iter_next (&catalogs, NULL, &catalog)) {
    g_hash_table_iter_init (&prices, ((PcCatalog *) catalog)->prices);
    while (g_hash_table_iter_next (&prices, NULL, &price))
      ((PcPrice *) price)->pool = (int) GPOINTER_TO_UINT (g_hash_table_lookup (index, ((PcPrice *) price)->key)) - 1;
  }
  model->n_pools = sorted->len;
  pc_model_set_free_tier (model, model->scenario->free_tier);
  return TRUE;
}

/* Free tiers are the catalog's data: without them (none, used) every price
 * charges its free bands at the first paid rate after them, whichever way a
 * plugin prices (pc_result_charge, pc_price_cost). */
void
pc_model_set_free_tier (PcModel *model, PcFreeTier mode)
{
  model->free_tier = mode;
  GHashTableIter catalogs;
  gpointer catalog;
  g_hash_table_iter_init (&catalogs, model->catalogs);
  while (g_hash_table_iter_next (&catalogs, NULL, &catalog))
    pc_catalog_use_free_tiers (catalog, mode == PC_FREE_TIER_ACCOUNT);
}

/* Resolves the roadmap against the scenario (already loaded). */
static gboolean
model_resolve (PcModel *model, const char *roadmap_path, GError **error)
{
  model->roadmap = pc_roadmap_load (roadmap_path, error);
  if (model->roadmap == NULL)
    return FALSE;
  if (!check_roadmap_size (model->roadmap, error))
    return FALSE;
  const PcWorkload *workload = model->scenario->workload;
  for (guint i = 0; workload && i < workload->quantity_names->len; i++)
    g_ptr_array_add (model->demand_names, g_strdup (workload->quantity_names->pdata[i]));
  model->event_decl_type = g_new0 (guint, model->scenario->events->len);
  for (guint e = 0; e < model->scenario->events->len; e++) {
    const PcEventDecl *event = model->scenario->events->pdata[e];
    if (!pc_event_type_check (event->type, model->scenario->path, event->line, "event", "type", error))
      return FALSE;
    model->event_decl_type[e] = intern (model->event_types, event->type);
  }
  if (catalog_for (model, model->scenario->region, NULL, error) == NULL) {
    if (model->scenario->world_line > 0)
      g_prefix_error (error, "%s:%d: <world region=\"%s\">: ", model->scenario->path, model->scenario->world_line,
                      model->scenario->region);
    return FALSE;
  }
  return resolve_phases (model, error) && resolve_indicators (model, error) && pc_policies_resolve (model, error) &&
         resolve_runway (model, error) && pc_model_resolve_currency (model, error) && assign_pools (model);
}

/* A scenario's roadmap file must exist; a relative href is resolved
 * against the scenario's own folder, which the message says. */
static gboolean
check_roadmap_href (const PcScenario *s, GError **error)
{
  if (g_file_test (s->roadmap_path, G_FILE_TEST_EXISTS))
    return TRUE;
  g_autofree char *dir = g_path_get_dirname (s->path);
  if (g_path_is_absolute (s->roadmap_href))
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_IO, "%s:%d: <roadmap href=\"%s\">: no such file", s->path,
                 s->roadmap_line, s->roadmap_href);
  else
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_IO,
                 "%s:%d: <roadmap href=\"%s\">: no such file %s; a relative href is relative to the folder of %s (%s)",
                 s->path, s->roadmap_line, s->roadmap_href, s->roadmap_path, s->path, dir);
  return FALSE;
}

/**
 * pc_model_new:
 * Returns: (transfer full): a model ready to run, or NULL with @error
 * naming the file and line of the first problem.
 */
PcModel *
pc_model_new (const char *scenario_path, const char *roadmap_override, PcHost *host, GError **error)
{
  g_autoptr (PcModel) model = model_alloc (host);
  model->scenario = pc_scenario_load (scenario_path, error);
  if (model->scenario == NULL || (roadmap_override == NULL && !check_roadmap_href (model->scenario, error)) ||
      !model_resolve (model, roadmap_override ? roadmap_override : model->scenario->roadmap_path, error)) {
    pc_error_tidy_at (error);   /* a plugin's message may quote anything */
    return NULL;
  }
  return g_steal_pointer (&model);
}

/* Catalogs are read-only once loaded, so a variant at published prices can
 * use another model's instead of parsing them again. */
static void
borrow_catalogs (PcModel *model, const PcModel *from)
{
  GHashTableIter iter;
  gpointer region, catalog;
  g_hash_table_unref (model->catalogs);
  model->catalogs = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  g_hash_table_iter_init (&iter, from->catalogs);
  while (g_hash_table_iter_next (&iter, &region, &catalog))
    g_hash_table_insert (model->catalogs, g_strdup (region), catalog);
}

/**
 * pc_model_new_variant:
 * A what-if of the scenario at @scenario_path: @variant's edit changes it
 * once it is read, before anything is resolved from it, and every price of
 * every catalog is multiplied by its price factor before a plugin reads it.
 * Returns: (transfer full): the model, or NULL with @error set.
 */
PcModel *
pc_model_new_variant (const char *scenario_path, const PcVariant *variant, PcHost *host, GError **error)
{
  g_autoptr (PcModel) model = model_alloc (host);
  model->price_factor = variant->price_factor;
  if (variant->catalogs_of != NULL && variant->price_factor == 1.0)
    borrow_catalogs (model, variant->catalogs_of);
  model->scenario = pc_scenario_load (scenario_path, error);
  if (model->scenario == NULL)
    return NULL;
  if (variant->edit != NULL)
    variant->edit (model->scenario, variant->edit_data);
  if (!model_resolve (model, model->scenario->roadmap_path, error))
    return NULL;
  return g_steal_pointer (&model);
}

/**
 * pc_model_new_for_roadmap:
 * Checks a roadmap on its own (plugins, settings, metrics), priced in
 * @region, with an empty world.
 * Returns: (transfer full): the model, or NULL with @error set.
 */
PcModel *
pc_model_new_for_roadmap (const char *roadmap_path, const char *region, PcHost *host, GError **error)
{
  g_autoptr (PcModel) model = model_alloc (host);
  model->scenario = g_new0 (PcScenario, 1);
  model->scenario->path = g_strdup (roadmap_path);
  model->scenario->name = g_strdup ("(roadmap only)");
  model->scenario->region = g_strdup (region);
  model->scenario->events = g_ptr_array_new ();
  if (!model_resolve (model, roadmap_path, error)) {
    pc_error_tidy_at (error);
    return NULL;
  }
  return g_steal_pointer (&model);
}

/* The same price in force: every catalog of a region has the --catalog
 * layers, so one change is seen once per catalog. */
static gboolean
same_now (const PcPriceOverride *a, const PcPriceOverride *b)
{
  return g_str_equal (a->region, b->region) && g_str_equal (pc_price_key (a->now), pc_price_key (b->now)) &&
         g_str_equal (a->now->file, b->now->file) && a->now->line == b->now->line;
}

static gboolean
same_override (const PcPriceOverride *a, const PcPriceOverride *b)
{
  if (!same_now (a, b) || (a->was == NULL) != (b->was == NULL))
    return FALSE;
  return a->was == NULL || (g_str_equal (a->was->file, b->was->file) && a->was->line == b->was->line);
}

static gint
compare_override (gconstpointer pa, gconstpointer pb)
{
  const PcPriceOverride *a = *(const PcPriceOverride *const *) pa, *b = *(const PcPriceOverride *const *) pb;
  int by_region = strcmp (a->region, b->region), by_key = strcmp (a->now->key, b->now->key);
  const char *a_was = a->was ? a->was->file : NULL, *b_was = b->was ? b->was->file : NULL;   /* an addition first */
  return by_region ? by_region : by_key ? by_key : g_strcmp0 (a_was, b_was);
}

/* Whether @all holds a replacement of the price @addition adds: a plugin
 * whose fragment has the key sees a replacement, the others an addition,
 * and the replacement says all there is to say. */
static gboolean
replaced_elsewhere (const GPtrArray *all, const PcPriceOverride *addition)
{
  for (guint i = 0; i < all->len; i++) {
    const PcPriceOverride *other = all->pdata[i];
    if (other->was != NULL && same_now (other, addition))
      return TRUE;
  }
  return FALSE;
}

/* Every change of every catalog of @model, once each (const PcPriceOverride*). */
static GPtrArray *
all_changes (const PcModel *model)
{
  GPtrArray *all = g_ptr_array_new ();
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, model->catalogs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    for (guint i = 0; i < pc_catalog_n_overrides (value); i++) {
      const PcPriceOverride *change = pc_catalog_override (value, i);
      gboolean known = FALSE;
      for (guint j = 0; j < all->len && !known; j++)
        known = same_override (all->pdata[j], change);
      if (!known)
        g_ptr_array_add (all, (gpointer) change);
    }
  return all;
}

/**
 * pc_model_price_overrides:
 * Every price a plugin fragment or --catalog file replaced, and every key a
 * --catalog file added, in the catalogs the model uses, once each, sorted
 * by region and key.
 * Returns: (transfer container): const PcPriceOverride*.
 */
GPtrArray *
pc_model_price_overrides (const PcModel *model)
{
  g_autoptr (GPtrArray) all = all_changes (model);
  GPtrArray *kept = g_ptr_array_new ();
  for (guint i = 0; i < all->len; i++) {
    const PcPriceOverride *change = all->pdata[i];
    if (change->was != NULL || !replaced_elsewhere (all, change))
      g_ptr_array_add (kept, (gpointer) change);
  }
  g_ptr_array_sort (kept, compare_override);
  return kept;
}

/* Whether a component read @change's price in any catalog of @model. */
static gboolean
read_anywhere (const PcModel *model, const PcPriceOverride *change)
{
  GHashTableIter iter;
  gpointer value;
  g_hash_table_iter_init (&iter, model->catalogs);
  while (g_hash_table_iter_next (&iter, NULL, &value))
    for (guint i = 0; i < pc_catalog_n_overrides (value); i++) {
      const PcPriceOverride *other = pc_catalog_override (value, i);
      if (same_now (other, change) && pc_price_was_read (other->now))
        return TRUE;
    }
  return FALSE;
}

/**
 * pc_model_unread_additions:
 * The keys --catalog files added (no earlier layer has them) that no
 * component of @model looked up when it was built: a typo, or a price for
 * a component the roadmap does not use.  Once each, sorted.
 * Returns: (transfer container): const PcPriceOverride*.
 */
GPtrArray *
pc_model_unread_additions (const PcModel *model)
{
  g_autoptr (GPtrArray) changes = pc_model_price_overrides (model);
  GPtrArray *unread = g_ptr_array_new ();
  for (guint i = 0; i < changes->len; i++) {
    const PcPriceOverride *change = changes->pdata[i];
    if (change->was == NULL && !read_anywhere (model, change))
      g_ptr_array_add (unread, (gpointer) change);
  }
  return unread;
}
