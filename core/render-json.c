/* render-json.c - the report as JSON (json-glib): the contract of
 * docs/output.md.  Rows come from fields.c, so names match CSV and SQLite;
 * a dotted field name becomes nested objects ("estimate_usd.min" ->
 * "estimate_usd": {"min": ...}), an object whose members are all null
 * becomes null, and every number is finite (json-glib cannot write NaN). */
#include "pc-private.h"

#include <json-glib/json-glib.h>

static JsonNode *
number_node (double value)
{
  JsonNode *node = json_node_new (JSON_NODE_VALUE);
  if (isfinite (value))
    json_node_set_double (node, value);
  else
    json_node_init_null (node);
  return node;
}

static JsonNode *
field_node (const PcField *field)
{
  switch (field->type) {
  case PC_FIELD_TEXT:
    return field->text ? json_node_init_string (json_node_alloc (), field->text) : json_node_init_null (json_node_alloc ());
  case PC_FIELD_NUMBER:
    return number_node (field->number);
  case PC_FIELD_INTEGER:
    return field->number >= 0 ? json_node_init_int (json_node_alloc (), (gint64) field->number)
                              : json_node_init_null (json_node_alloc ());
  case PC_FIELD_PERCENTILES:
    if (!field->percentiles.valid)
      return json_node_init_null (json_node_alloc ());
    JsonObject *object = json_object_new ();
    json_object_set_member (object, "p10", number_node (field->percentiles.p10));
    json_object_set_member (object, "p50", number_node (field->percentiles.p50));
    json_object_set_member (object, "p90", number_node (field->percentiles.p90));
    JsonNode *node = json_node_init_object (json_node_alloc (), object);   /* takes its own reference */
    json_object_unref (object);
    return node;
  case PC_FIELD_UINT64:
    return pc_json_uint64_node (field->uint64);
  }
  return json_node_init_null (json_node_alloc ());
}

/* Sets @path ("a.b") in @object, making the intermediate objects. */
static void
set_path (JsonObject *object, const char *path, JsonNode *node)
{
  const char *dot = strchr (path, '.');
  if (dot == NULL) {
    json_object_set_member (object, path, node);
    return;
  }
  g_autofree char *head = g_strndup (path, (gsize) (dot - path));
  JsonNode *child = json_object_get_member (object, head);
  if (child == NULL || !JSON_NODE_HOLDS_OBJECT (child)) {
    json_object_set_object_member (object, head, json_object_new ());
    child = json_object_get_member (object, head);
  }
  set_path (json_node_get_object (child), dot + 1, node);
}

static void
add_field (gpointer data, const PcField *field)
{
  set_path (data, field->name, field_node (field));
}

/* Objects made of nulls only ({"min": null, "max": null}) become null. */
static void
collapse_nulls (JsonObject *object)
{
  g_autoptr (GList) members = json_object_get_members (object);
  for (GList *m = members; m; m = m->next) {
    JsonNode *node = json_object_get_member (object, m->data);
    if (!JSON_NODE_HOLDS_OBJECT (node))
      continue;
    JsonObject *child = json_node_get_object (node);
    collapse_nulls (child);
    gboolean all_null = json_object_get_size (child) > 0;
    g_autoptr (GList) values = json_object_get_values (child);
    for (GList *v = values; v; v = v->next)
      all_null &= JSON_NODE_HOLDS_NULL ((JsonNode *) v->data);
    if (all_null)
      json_object_set_null_member (object, m->data);
  }
}

typedef void (*PcRowFunc) (const PcReport *report, guint index, PcFieldFunc func, gpointer data);

static JsonObject *
row_object (const PcReport *r, PcRowFunc row, guint index)
{
  JsonObject *object = json_object_new ();
  row (r, index, add_field, object);
  collapse_nulls (object);
  return object;
}

JsonObject *
pc_json_phase_row (const PcReport *r, guint phase)
{
  return row_object (r, pc_report_phase_fields, phase);
}

static void
scenario_row (const PcReport *r, guint index, PcFieldFunc func, gpointer data)
{
  (void) index;
  pc_report_scenario_fields (r, func, data);
}

static JsonArray *
phase_components (const PcReport *r, guint p)
{
  JsonArray *array = json_array_new ();
  for (guint c = 0; c < r->model->phases[p].n_components; c++) {
    JsonObject *object = json_object_new ();
    pc_report_component_fields (r, p, c, add_field, object);
    collapse_nulls (object);
    json_array_add_object_element (array, object);
  }
  return array;
}

/* An indicator with its value month by month (the "why" series). */
static JsonObject *
indicator_object (const PcReport *r, guint i)
{
  JsonObject *object = row_object (r, pc_report_indicator_fields, i);
  JsonArray *series = json_array_new ();
  for (guint m = 0; m < r->model->scenario->horizon_months; m++) {
    JsonObject *month = json_object_new ();
    pc_report_indicator_month_fields (r, i, m, add_field, month);
    json_array_add_object_element (series, month);
  }
  json_object_set_array_member (object, "series", series);
  return object;
}

/* The money object: its currency, and every period in it. */
static JsonObject *
money_object (const PcReport *r)
{
  JsonObject *object = json_object_new ();
  pc_report_money_fields (r, add_field, object);
  collapse_nulls (object);
  JsonArray *periods = json_array_new ();
  for (guint k = 0; k < r->periods->len; k++)
    json_array_add_object_element (periods, row_object (r, pc_report_period_fields, k));
  json_object_set_array_member (object, "periods", periods);
  return object;
}

static JsonObject *
phase_object (const PcReport *r, guint p)
{
  JsonObject *object = row_object (r, pc_report_phase_fields, p);
  JsonObject *by_name = json_object_new ();
  JsonArray *drivers = json_array_new ();
  JsonArray *indicators = json_array_new ();
  for (guint c = 0; c < r->model->phases[p].n_components; c++) {
    const PcComponent *comp = &r->model->phases[p].components[c];
    json_object_set_member (by_name, comp->decl->name, number_node (r->phases[p].slot_mean_usd[comp->slot]));
  }
  for (guint k = 0; k < G_N_ELEMENTS (r->phases[p].drivers) && r->phases[p].drivers[k] >= 0; k++)
    json_array_add_string_element (drivers, r->model->slots->pdata[r->phases[p].drivers[k]]);
  for (guint i = 0; i < r->model->n_indicators; i++)
    if (r->model->indicators[i].phase == p)
      json_array_add_object_element (indicators, indicator_object (r, i));
  JsonArray *runway = json_array_new ();
  for (guint j = 0; j < r->model->n_runway; j++) {
    JsonObject *item = json_object_new ();
    pc_report_runway_fields (r, p, j, add_field, item);
    collapse_nulls (item);
    json_array_add_object_element (runway, item);
  }
  json_object_set_object_member (object, "components_usd", by_name);
  json_object_set_array_member (object, "components", phase_components (r, p));
  json_object_set_array_member (object, "drivers", drivers);
  json_object_set_array_member (object, "indicators", indicators);
  json_object_set_array_member (object, "runway", runway);
  return object;
}

static JsonArray *
months_array (const PcReport *r)
{
  JsonArray *array = json_array_new ();
  for (guint m = 0; m < r->median_run->n_months; m++) {
    JsonObject *object = json_object_new ();
    pc_report_month_fields (r, m, add_field, object);   /* components stay an object, nulls and all */
    json_array_add_object_element (array, object);
  }
  return array;
}

/* Prices a plugin fragment or --catalog file replaced (never silent). */
static JsonNode *
overrides_node (const PcModel *model)
{
  g_autoptr (GPtrArray) overrides = pc_model_price_overrides (model);
  g_autoptr (JsonBuilder) builder = json_builder_new ();
  pc_price_overrides_to_json (builder, overrides);
  return json_builder_get_root (builder);
}

char *
pc_render_json (const PcReport *r, gboolean months)
{
  JsonObject *root = json_object_new ();
  JsonArray *phases = json_array_new ();
  JsonArray *warnings = json_array_new ();
  json_object_set_object_member (root, "scenario", row_object (r, scenario_row, 0));
  for (guint p = 0; p < r->model->n_phases; p++)
    json_array_add_object_element (phases, phase_object (r, p));
  for (guint w = 0; w < r->warnings->len; w++)
    json_array_add_string_element (warnings, r->warnings->pdata[w]);
  json_object_set_array_member (root, "phases", phases);
  json_object_set_object_member (root, "money", money_object (r));
  json_object_set_array_member (root, "warnings", warnings);
  json_object_set_member (root, "price_overrides", overrides_node (r->model));
  if (months)
    json_object_set_array_member (root, "months", months_array (r));
  g_autoptr (JsonNode) node = json_node_init_object (json_node_alloc (), root);
  json_object_unref (root);
  g_autofree char *text = pc_json_to_text (node, TRUE);
  return g_strconcat (text, "\n", NULL);
}
