/* policy.c - optimizations as policies with a start.
 *
 * Why: the seed's cost optimizations are not settings of a phase but moves
 * made at a time ("apply after stable workload established"): reserved
 * instances bought for a term, Fargate Spot shares, S3 lifecycle rules, log
 * retention, a Sentry plan.  A <policy> (a roadmap's, or a scenario's,
 * applied to its roadmap after the roadmap's own) names one component and
 * the settings it switches to, when it starts (a month, a phase, or after
 * N months in which the component's cost stayed within a tolerance; all the
 * conditions given must hold) and for how long (term-months, renewed or
 * not).  A rate AWS does not publish is named (unpublished=) and reported,
 * never guessed.
 *
 * Engine.  When the model is built every policy gets, for every phase in
 * which its component's plugin has the parameters it sets, an alternative
 * component: the phase's settings plus the policy's, with its own instance
 * made by create() once.  A run switches a slot to that instance by index at
 * the start of the month the policy starts, zeroing the component's per-run
 * memory (a reservation's upfront fee is charged then: rds-postgres
 * upfront=when_paid), and back when the term ends.  Nothing in the month
 * loop allocates or looks a name up.
 */
#include "pc-policy.h"

static void
setting_free (PcSetting *setting)
{
  g_free (setting->name);
  g_free (setting->value);
  g_free (setting);
}

void
pc_policy_decl_free (PcOptimizationDecl *d)
{
  if (d == NULL)
    return;
  g_free (d->id);
  g_free (d->component);
  g_free (d->description);
  g_free (d->start_phase);
  g_free (d->unpublished);
  g_free (d->path);
  if (d->settings)
    g_ptr_array_unref (d->settings);
  g_free (d);
}

static gboolean
read_numbers (PcOptimizationDecl *d, const xmlNode *node, const char *path, GError **error)
{
  double month = -1, stable = 0, term = 0;
  if (!pc_xml_double (node, path, "start-month", -1, &month, error) ||
      !pc_xml_double (node, path, "stable-months", 0, &stable, error) ||
      !pc_xml_double (node, path, "stable-tolerance", 0.05, &d->stable_tolerance, error) ||
      !pc_xml_double (node, path, "term-months", 0, &term, error) ||
      !pc_xml_double (node, path, "claim-min-percent", NAN, &d->claim_min_percent, error) ||
      !pc_xml_double (node, path, "claim-max-percent", d->claim_min_percent, &d->claim_max_percent, error) ||
      !pc_xml_double (node, path, "claim-min-usd", NAN, &d->claim_min_usd, error) ||
      !pc_xml_double (node, path, "claim-max-usd", d->claim_min_usd, &d->claim_max_usd, error))
    return FALSE;
  d->start_month = (int) month;
  d->stable_months = (guint) stable;
  d->term_months = (guint) term;
  return TRUE;
}

/**
 * pc_policy_decl_read:
 * Reads one <policy> (schema data/schema/roadmap.rng, copied into scenario.rng).
 * Returns: (transfer full): the declaration, or NULL with @error set.
 */
PcOptimizationDecl *
pc_policy_decl_read (const xmlNode *node, const char *path, GError **error)
{
  PcOptimizationDecl *d = g_new0 (PcOptimizationDecl, 1);
  d->id = pc_xml_attr (node, "id");
  d->component = pc_xml_attr (node, "component");
  d->start_phase = pc_xml_attr (node, "start-phase");
  d->unpublished = pc_xml_attr (node, "unpublished");
  g_autofree char *renew = pc_xml_attr (node, "renew");
  d->renew = renew && (g_str_equal (renew, "true") || g_str_equal (renew, "1"));
  d->path = g_strdup (path);
  d->line = (int) xmlGetLineNo (node);
  d->settings = g_ptr_array_new_with_free_func ((GDestroyNotify) setting_free);
  if (!read_numbers (d, node, path, error)) {
    pc_policy_decl_free (d);
    return NULL;
  }
  for (const xmlNode *child = node->children; child; child = child->next) {
    if (pc_xml_is (child, "description"))
      d->description = pc_xml_text (child);
    if (!pc_xml_is (child, "set"))
      continue;
    PcSetting *s = g_new0 (PcSetting, 1);
    *s = (PcSetting) { pc_xml_attr (child, "name"), pc_xml_text (child), (int) xmlGetLineNo (child) };
    g_ptr_array_add (d->settings, s);
  }
  return d;
}

/* An id names one policy in `phasecast savings` and in pc_run_set_policies'
 * order, so the same id twice (in one file, or in a scenario and its
 * roadmap) would make two results indistinguishable. */
static gboolean
id_unused (const GPtrArray *decls, const PcOptimizationDecl *d, GError **error)
{
  for (guint i = 0; decls && i < decls->len; i++) {
    const PcOptimizationDecl *other = decls->pdata[i];
    if (g_str_equal (other->id, d->id)) {
      g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE, "%s:%d: <policy id=\"%s\">: duplicate id, first at "
                   "%s:%d; allowed: each policy id once across the scenario and its roadmap", d->path, d->line, d->id,
                   other->path, other->line);
      return FALSE;
    }
  }
  return TRUE;
}

gboolean
pc_policy_read_into (GPtrArray *decls, const xmlNode *node, const char *path, GError **error)
{
  PcOptimizationDecl *d = pc_policy_decl_read (node, path, error);
  if (d == NULL)
    return FALSE;
  if (!id_unused (decls, d, error)) {
    pc_policy_decl_free (d);
    return FALSE;
  }
  g_ptr_array_add (decls, d);
  return TRUE;
}

static gboolean
has_params (const PcPluginInfo *info, const PcOptimizationDecl *d)
{
  for (guint i = 0; i < d->settings->len; i++) {
    const PcSetting *s = d->settings->pdata[i];
    gboolean found = FALSE;
    for (guint p = 0; p < info->n_params && !found; p++)
      found = g_str_equal (info->params[p].name, s->name);
    if (!found)
      return FALSE;
  }
  return TRUE;
}

/* The phase's component with the policy's settings on top, and its instance. */
static gboolean
make_alternative (const PcModel *model, const PcOptimizationDecl *d, const PcComponent *base, PcComponent *out,
                  GError **error)
{
  *out = *base;
  out->instance = NULL;
  out->config = pc_config_new (base->info, base->decl->name);
  pc_config_set_demand_names (out->config, model->demand_names);
  GPtrArray *lists[] = { base->decl->settings, d->settings };
  for (guint l = 0; l < G_N_ELEMENTS (lists); l++)
    for (guint i = 0; i < lists[l]->len; i++) {
      const PcSetting *s = lists[l]->pdata[i];
      if (!pc_config_set (out->config, s->name, s->value, error)) {
        /* list 0 is the phase's component, in the roadmap; list 1 the policy's own */
        g_prefix_error (error, "%s:%d: <policy id=\"%s\">: ", l == 0 ? model->roadmap->path : d->path, s->line, d->id);
        return FALSE;
      }
    }
  out->instance = base->info->create (out->config, base->catalog, error);
  if (out->instance == NULL || pc_config_misused (out->config, error)) {
    g_prefix_error (error, "%s:%d: <policy id=\"%s\">: ", d->path, d->line, d->id);
    return FALSE;
  }
  out->reset_scratch = TRUE;
  return TRUE;
}

static int
find_slot (const PcModel *model, const char *name)
{
  for (guint s = 0; s < model->slots->len; s++)
    if (g_str_equal (model->slots->pdata[s], name))
      return (int) s;
  return -1;
}

static int
find_phase (const PcModel *model, const char *id)
{
  for (guint p = 0; p < model->n_phases; p++)
    if (g_str_equal (model->phases[p].decl->id, id))
      return (int) p;
  return -1;
}

/* A scenario's policy is refused in the scenario, so the message also names
 * the roadmap it was resolved against (the scenario's, or --roadmap's). */
static gboolean
policy_refuse (GError **error, const PcModel *model, const PcOptimizationDecl *d, const char *why)
{
  g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF, "%s:%d: <policy id=\"%s\" component=\"%s\">: %s%s%s",
               d->path, d->line, d->id, d->component, why, d->in_scenario ? "; the roadmap is " : "",
               d->in_scenario ? model->roadmap->path : "");
  return FALSE;
}

static gboolean
resolve_one (PcModel *model, PcOptimization *pol, GError **error)
{
  const PcOptimizationDecl *d = pol->decl;
  int slot = find_slot (model, d->component);
  if (slot < 0)
    return policy_refuse (error, model, d, "no phase has that component; allowed: a component of the roadmap");
  pol->slot = (guint) slot;
  pol->start_phase = d->start_phase ? find_phase (model, d->start_phase) : -1;
  if (d->start_phase && pol->start_phase < 0)
    return policy_refuse (error, model, d, "start-phase names no phase of the roadmap");
  pol->by_phase = g_new0 (PcComponent, model->n_phases);
  pol->component_by_phase = g_new (int, model->n_phases);
  guint applies = 0;
  for (guint p = 0; p < model->n_phases; p++) {
    const PcComponent *base = pc_model_component (model, p, pol->slot);
    pol->component_by_phase[p] = base ? (int) (base - model->phases[p].components) : -1;
    if (base == NULL || !has_params (base->info, d) || d->unpublished)
      continue;
    if (!make_alternative (model, d, base, &pol->by_phase[p], error))
      return FALSE;
    applies++;
  }
  if (applies == 0 && d->unpublished == NULL)
    return policy_refuse (error, model, d, "no phase's plugin for the component has every parameter the policy sets; "
                                           "allowed: parameters of the component's plugin (phasecast plugins show NAME)");
  return TRUE;
}

/* The roadmap's policies, then the scenario's (of several on one component
 * in a month the first in this order applies: the roadmap's).  Each
 * file refused its own repeated ids, so only the scenario's are checked
 * against the roadmap's.  Returns: (transfer container): the list, or NULL. */
static GPtrArray *
all_decls (const PcModel *model, GError **error)
{
  g_autoptr (GPtrArray) decls = g_ptr_array_new ();
  const GPtrArray *roadmap = model->roadmap->policies, *scenario = model->scenario->policies;
  for (guint i = 0; roadmap && i < roadmap->len; i++)
    g_ptr_array_add (decls, roadmap->pdata[i]);
  for (guint i = 0; scenario && i < scenario->len; i++) {
    if (!id_unused (roadmap, scenario->pdata[i], error))
      return NULL;
    g_ptr_array_add (decls, scenario->pdata[i]);
  }
  return g_steal_pointer (&decls);
}

gboolean
pc_policies_resolve (PcModel *model, GError **error)
{
  g_autoptr (GPtrArray) decls = all_decls (model, error);
  if (decls == NULL)
    return FALSE;
  if (decls->len == 0)
    return TRUE;
  if (decls->len > PC_MAX_POLICIES) {
    const PcOptimizationDecl *d = decls->pdata[PC_MAX_POLICIES];
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE, "%s:%d: <policy id=\"%s\">: too many policies; allowed: "
                 "at most %d in the roadmap and the scenario together", d->path, d->line, d->id, PC_MAX_POLICIES);
    return FALSE;
  }
  model->n_policies = decls->len;
  model->policies = g_new0 (PcOptimization, model->n_policies);
  for (guint i = 0; i < model->n_policies; i++) {
    model->policies[i].decl = decls->pdata[i];
    if (!resolve_one (model, &model->policies[i], error))
      return FALSE;
  }
  return TRUE;
}

void
pc_policies_free (PcModel *model)
{
  for (guint i = 0; i < model->n_policies; i++) {
    PcOptimization *pol = &model->policies[i];
    for (guint p = 0; pol->by_phase && p < model->n_phases; p++) {
      if (pol->by_phase[p].instance)
        pol->by_phase[p].info->destroy (pol->by_phase[p].instance);
      if (pol->by_phase[p].config)
        pc_config_free (pol->by_phase[p].config);
    }
    g_free (pol->by_phase);
    g_free (pol->component_by_phase);
  }
  g_free (model->policies);
}

/* ---- in a run ---- */

void
pc_policy_run_init (PcPolicyRun *state, const PcModel *model)
{
  guint n = MAX (model->n_policies, 1);
  state->enabled = G_MAXUINT64;
  state->since = g_new (int, n);
  for (guint i = 0; i < n; i++)
    state->since[i] = -1;
  state->done = g_new0 (gboolean, n);
  state->history = g_new0 (double, (gsize) n * PC_POLICY_MAX_STABLE);
  state->recorded = g_new0 (guint, n);
  state->seen = g_new0 (gboolean, n);
}

void
pc_policy_run_clear (PcPolicyRun *state)
{
  g_free (state->since);
  g_free (state->done);
  g_free (state->history);
  g_free (state->recorded);
  g_free (state->seen);
}

/* Whether the last stable_months costs of the slot lie within the tolerance. */
static gboolean
cost_stable (const PcPolicyRun *state, guint i, guint months, double tolerance)
{
  if (state->recorded[i] < months)
    return FALSE;
  const double *ring = state->history + (gsize) i * PC_POLICY_MAX_STABLE;
  double low = G_MAXDOUBLE, high = 0;
  for (guint k = 0; k < months; k++) {
    double v = ring[(state->recorded[i] - 1 - k) % PC_POLICY_MAX_STABLE];
    low = MIN (low, v);
    high = MAX (high, v);
  }
  return low > 0 && high <= low * (1.0 + tolerance);
}

static gboolean
may_start (const PcPolicyRun *state, const PcOptimization *pol, guint i, guint month, guint phase)
{
  const PcOptimizationDecl *d = pol->decl;
  return !state->done[i] && (state->enabled >> i & 1) && d->unpublished == NULL &&
         pol->by_phase[phase].instance != NULL && (d->start_month < 0 || (int) month >= d->start_month) &&
         (pol->start_phase < 0 || (int) phase >= pol->start_phase) &&
         (d->stable_months == 0 || cost_stable (state, i, MIN (d->stable_months, PC_POLICY_MAX_STABLE), d->stable_tolerance));
}

static void
zero_scratch (const PcOptimization *pol, guint phase, guint8 *scratch)
{
  const PcComponent *alt = &pol->by_phase[phase];
  if (alt->instance && alt->info->run_state_size)
    memset (scratch + alt->scratch_offset, 0, alt->info->run_state_size);
}

void
pc_policy_run_begin_month (PcPolicyRun *state, const PcModel *model, guint month, guint phase, guint8 *scratch)
{
  for (guint i = 0; i < model->n_policies; i++) {
    const PcOptimization *pol = &model->policies[i];
    guint term = pol->decl->term_months;
    if (state->since[i] >= 0 && term > 0 && month >= (guint) state->since[i] + term) {
      state->since[i] = -1;           /* the term is over: back to the phase's own settings */
      state->done[i] = !pol->decl->renew;
      zero_scratch (pol, phase, scratch);
    }
    if (state->since[i] < 0 && may_start (state, pol, i, month, phase)) {
      state->since[i] = (int) month;
      zero_scratch (pol, phase, scratch);
    }
  }
}

const PcComponent *
pc_policy_run_component (const PcPolicyRun *state, const PcModel *model, guint phase, const PcComponent *base)
{
  for (guint i = 0; i < model->n_policies; i++) {
    const PcOptimization *pol = &model->policies[i];
    if (pol->slot == base->slot && state->since[i] >= 0 && pol->by_phase[phase].instance != NULL)
      return &pol->by_phase[phase];
  }
  return base;
}

void
pc_policy_run_record (PcPolicyRun *state, const PcModel *model, guint slot, double usd)
{
  for (guint i = 0; i < model->n_policies; i++)
    if (model->policies[i].slot == slot) {
      state->history[(gsize) i * PC_POLICY_MAX_STABLE + state->recorded[i] % PC_POLICY_MAX_STABLE] = usd;
      state->recorded[i]++;
      state->seen[i] = TRUE;
    }
}

void
pc_policy_run_end_month (PcPolicyRun *state, const PcModel *model)
{
  for (guint i = 0; i < model->n_policies; i++) {
    if (!state->seen[i])
      state->recorded[i] = 0;     /* the component was absent: stability starts again */
    state->seen[i] = FALSE;
  }
}
