/* sensitivity.c - which assumption moves the answer most.
 *
 * One at a time, each uncertain input is set to its low and then its high
 * value, everything else as the scenario says, and the whole Monte Carlo
 * simulation is run again.  Every setting uses the scenario's seed, so run
 * i of every setting draws from the same random stream (common random
 * numbers): the difference between low and high is the input's effect,
 * not sampling noise.  (A setting that changes how many numbers a run
 * draws, a hazard rate say, shifts the streams of that run after that
 * point; the runs still pair up.)
 *
 * Inputs: growth rate and market size, users per customer, quotes per
 * user, each request class's rate (requests per user, per customer or per
 * quote), its compute CPU and its database CPU per request, every business
 * event's timing (a scheduled event's month; a recurring event's rate) and
 * every price at once.  Ranges: the scenario's <sensitivity><vary>, else for the growth
 * rate the P10-P90 of its run-to-run spread (rate-sd), else 25 % either
 * way (prices 10 %); --vary NAME=LOW:HIGH replaces any of them.
 *
 * Effects, per phase: the median month it is entered, over all runs, a run
 * that never enters it counting as the horizon (kept as exact counts, so
 * memory does not grow with runs), and its P50 monthly cost.
 */
#include "pc-private.h"

#include "pc-aggregate.h"
#include "pc-workload.h"

typedef enum { INPUT_GROWTH, INPUT_CLASS, INPUT_PRICES, INPUT_EVENT_MONTH, INPUT_EVENT_RATE } InputKind;

/* A PcSensitivityInput and how to set it. */
typedef struct {
  PcSensitivityInput pub;     /* first: the public view */
  InputKind kind;
  gsize offset;               /* of the double in PcGrowthParams or PcRequestClass */
  guint event;                /* scenario event or request class index */
  double value;               /* the value being simulated */
} Input;

static const struct { const char *name; gsize offset; } growth_parameters[] = {
  { "growth.rate", G_STRUCT_OFFSET (PcGrowthParams, rate) },
  { "growth.capacity", G_STRUCT_OFFSET (PcGrowthParams, capacity) },
  { "growth.users-per-customer", G_STRUCT_OFFSET (PcGrowthParams, users_per_customer) },
  { "growth.quotes-per-user-month", G_STRUCT_OFFSET (PcGrowthParams, quotes_per_user_month) },
};

/* Of every request class: "workload.CLASS.ATTRIBUTE". */
static const struct { const char *attribute; gsize offset; } class_parameters[] = {
  { "rate", G_STRUCT_OFFSET (PcRequestClass, rate) },
  { "cpu-ms", G_STRUCT_OFFSET (PcRequestClass, cpu_ms) },
  { "db-cpu-ms", G_STRUCT_OFFSET (PcRequestClass, db_cpu_ms) },
};

#define DEFAULT_SPREAD 0.25
#define PRICE_SPREAD 0.10
#define Z90 1.2815515655446004   /* the standard normal's 90th percentile */

static void
input_free (Input *input)
{
  g_free (input->pub.name);
  g_free (input->pub.range_source);
  g_free (input->pub.entered_low);
  g_free (input->pub.entered_high);
  g_free (input->pub.cost_low);
  g_free (input->pub.cost_high);
  g_free (input);
}

static Input *
input_new (const char *name, InputKind kind, gsize offset, guint event, double base)
{
  Input *input = g_new0 (Input, 1);
  input->pub.name = g_strdup (name);
  input->kind = kind;
  input->offset = offset;
  input->event = event;
  input->pub.base = base;
  input->pub.low = base * (1 - DEFAULT_SPREAD);
  input->pub.high = base * (1 + DEFAULT_SPREAD);
  input->pub.range_source = g_strdup ("25 % either way");
  return input;
}

/* Growth parameters that apply to this scenario's growth model. */
static void
add_growth (GPtrArray *inputs, const PcScenario *s)
{
  for (guint i = 0; i < G_N_ELEMENTS (growth_parameters); i++) {
    gsize offset = growth_parameters[i].offset;
    gboolean curve = offset == G_STRUCT_OFFSET (PcGrowthParams, rate) || offset == G_STRUCT_OFFSET (PcGrowthParams, capacity);
    if (curve && s->growth.model == PC_GROWTH_ACTUALS)
      continue;   /* actuals follow the given points, not a curve */
    Input *input = input_new (growth_parameters[i].name, INPUT_GROWTH, offset, 0,
                              G_STRUCT_MEMBER (double, &s->growth, offset));
    if (offset == G_STRUCT_OFFSET (PcGrowthParams, rate) && s->growth.rate_sd > 0) {
      double sd = s->growth.rate_sd, centre = input->pub.base * exp (-sd * sd / 2);
      input->pub.low = centre * exp (-Z90 * sd);
      input->pub.high = centre * exp (Z90 * sd);
      g_free (input->pub.range_source);
      char text[G_ASCII_DTOSTR_BUF_SIZE];   /* '.' in any locale */
      input->pub.range_source = g_strdup_printf ("P10-P90 of the scenario's run-to-run spread (rate-sd %s)",
                                                 g_ascii_formatd (text, sizeof text, "%g", sd));
    }
    g_ptr_array_add (inputs, input);
  }
}

/* Each request class's rate and CPU per request. */
static void
add_classes (GPtrArray *inputs, const PcScenario *s)
{
  for (guint k = 0; s->workload && k < s->workload->classes->len; k++) {
    const PcRequestClass *request_class = s->workload->classes->pdata[k];
    for (guint i = 0; i < G_N_ELEMENTS (class_parameters); i++) {
      g_autofree char *name = g_strdup_printf ("workload.%s.%s", request_class->name, class_parameters[i].attribute);
      g_ptr_array_add (inputs, input_new (name, INPUT_CLASS, class_parameters[i].offset, k,
                                          G_STRUCT_MEMBER (double, request_class, class_parameters[i].offset)));
    }
  }
}

/* "event.TYPE", or "event.TYPE.N" when the type occurs more than once. */
static char *
event_name (const PcScenario *s, guint index)
{
  const PcEventDecl *e = s->events->pdata[index];
  guint same = 0, rank = 0;
  for (guint k = 0; k < s->events->len; k++)
    if (g_str_equal (((const PcEventDecl *) s->events->pdata[k])->type, e->type))
      rank += k <= index, same++;
  return same > 1 ? g_strdup_printf ("event.%s.%u", e->type, rank) : g_strdup_printf ("event.%s", e->type);
}

static void
add_events (GPtrArray *inputs, const PcScenario *s)
{
  for (guint k = 0; k < s->events->len; k++) {
    const PcEventDecl *e = s->events->pdata[k];
    g_autofree char *name = event_name (s, k);
    gboolean scheduled = !isnan (e->month);
    g_ptr_array_add (inputs, input_new (name, scheduled ? INPUT_EVENT_MONTH : INPUT_EVENT_RATE, 0, k,
                                        scheduled ? e->month : e->rate_per_month));
  }
}

static Input *
find_input (GPtrArray *inputs, const char *name)
{
  for (guint i = 0; i < inputs->len; i++)
    if (g_str_equal (((Input *) inputs->pdata[i])->pub.name, name))
      return inputs->pdata[i];
  return NULL;
}

static char *
names_of (GPtrArray *inputs)
{
  GString *names = g_string_new (NULL);
  for (guint i = 0; i < inputs->len; i++)
    g_string_append_printf (names, "%s%s", i ? ", " : "", ((Input *) inputs->pdata[i])->pub.name);
  return g_string_free (names, FALSE);
}

/* Sets @name's range; FALSE with @error naming the inputs there are. */
static gboolean
set_range (GPtrArray *inputs, const char *name, double low, double high, const char *source, GError **error)
{
  Input *input = find_input (inputs, name);
  if (input == NULL) {
    g_autofree char *names = names_of (inputs);
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_UNKNOWN_REF, "%s: no input \"%s\" (inputs: %s)", source, name,
                 names);
    return FALSE;
  }
  gboolean may_be_negative = input->kind == INPUT_GROWTH && input->offset == G_STRUCT_OFFSET (PcGrowthParams, rate);
  gboolean bad = low == high || (!may_be_negative && (low < 0 || high < 0)) ||
                 (input->kind == INPUT_PRICES && (low <= 0 || high <= 0));
  if (bad) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE, "%s: expected two different values%s for %s", source,
                 may_be_negative ? "" : " of 0 or more (prices: above 0)", name);
    return FALSE;
  }
  input->pub.low = low, input->pub.high = high;
  g_free (input->pub.range_source);
  input->pub.range_source = g_strdup (source);
  return TRUE;
}

/* Every input of @s, with its default range. */
static GPtrArray *
inputs_of (const PcScenario *s)
{
  GPtrArray *inputs = g_ptr_array_new_with_free_func ((GDestroyNotify) input_free);
  add_growth (inputs, s);
  add_classes (inputs, s);
  add_events (inputs, s);
  Input *prices = input_new ("prices", INPUT_PRICES, 0, 0, 1.0);
  prices->pub.low = 1 - PRICE_SPREAD, prices->pub.high = 1 + PRICE_SPREAD;
  g_free (prices->pub.range_source);
  prices->pub.range_source = g_strdup ("10 % either way");
  g_ptr_array_add (inputs, prices);
  return inputs;
}

char *
pc_sensitivity_names (const PcModel *model)
{
  g_autoptr (GPtrArray) inputs = inputs_of (model->scenario);
  return names_of (inputs);
}

/* The ranges the scenario states in <sensitivity><vary .../></sensitivity>. */
static gboolean
read_stated_ranges (GPtrArray *inputs, const char *path, GError **error)
{
  g_autoptr (xmlDoc) doc = pc_xml_load (path, "scenario.rng", error);
  if (doc == NULL)
    return FALSE;
  for (const xmlNode *node = xmlDocGetRootElement (doc)->children; node; node = node->next) {
    if (!pc_xml_is (node, "sensitivity"))
      continue;
    for (const xmlNode *vary = node->children; vary; vary = vary->next) {
      double low = 0, high = 0;
      if (!pc_xml_is (vary, "vary"))
        continue;
      g_autofree char *name = pc_xml_attr (vary, "input");
      g_autofree char *where = g_strdup_printf ("%s:%ld: <vary input=\"%s\">", path, xmlGetLineNo (vary), name);
      if (!pc_xml_double (vary, path, "low", 0, &low, error) || !pc_xml_double (vary, path, "high", 0, &high, error) ||
          !set_range (inputs, name, low, high, where, error))
        return FALSE;
    }
  }
  return TRUE;
}

/* --vary NAME=LOW:HIGH. */
static gboolean
read_vary_options (GPtrArray *inputs, char **vary, GError **error)
{
  for (guint i = 0; vary && vary[i]; i++) {
    const char *equals = strchr (vary[i], '=');
    const char *colon = equals ? strchr (equals, ':') : NULL;
    double low = 0, high = 0;
    g_autofree char *low_text = colon ? g_strndup (equals + 1, (gsize) (colon - equals - 1)) : NULL;
    if (colon == NULL || !pc_parse_double (low_text, &low) || !pc_parse_double (colon + 1, &high)) {
      g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE, "--vary \"%s\": expected NAME=LOW:HIGH", vary[i]);
      return FALSE;
    }
    g_autofree char *name = g_strndup (vary[i], (gsize) (equals - vary[i]));
    g_autofree char *source = g_strdup_printf ("--vary %s", vary[i]);
    if (!set_range (inputs, name, low, high, source, error))
      return FALSE;
  }
  return TRUE;
}

/* The scenario edit of one setting (pc_model_new_variant). */
static void
apply_input (PcScenario *s, gpointer data)
{
  const Input *input = data;
  switch (input->kind) {
  case INPUT_GROWTH: G_STRUCT_MEMBER (double, &s->growth, input->offset) = input->value; break;
  case INPUT_CLASS:
    G_STRUCT_MEMBER (double, s->workload->classes->pdata[input->event], input->offset) = input->value;
    break;
  case INPUT_EVENT_MONTH: ((PcEventDecl *) s->events->pdata[input->event])->month = input->value; break;
  case INPUT_EVENT_RATE: ((PcEventDecl *) s->events->pdata[input->event])->rate_per_month = input->value; break;
  case INPUT_PRICES: break;   /* a price factor, applied to the catalogs */
  }
}

/* Counts each run's entered month per phase (the horizon when never). */
typedef struct {
  PcRunSink sink;             /* first */
  PcMonthCounts **entered;    /* [n_phases] */
  guint n_phases, n_months;
} EnteredSink;

static gboolean
count_entered (PcRunSink *sink, const PcRunResult *run, GError **error)
{
  EnteredSink *s = (EnteredSink *) sink;
  for (guint p = 0; p < s->n_phases; p++)
    pc_month_counts_add (s->entered[p], run->phase_entered[p] >= 0 ? (guint) run->phase_entered[p] : s->n_months, 1);
  (void) error;
  return TRUE;
}

/* Progress over every setting: runs done so far plus this setting's. */
typedef struct {
  const PcSensitivityOptions *options;
  guint done, total;
} Progress;

static void
report_progress (gpointer data, guint done, guint total)
{
  Progress *progress = data;
  (void) total;
  progress->options->progress (progress->options->progress_data, progress->done + done, progress->total);
}

/* Simulates @model and fills each phase's median entered month and P50 cost. */
static gboolean
measure (const PcModel *model, const PcSensitivity *s, Progress *progress, guint threads, double *entered,
         double *cost, GError **error)
{
  guint n = model->n_phases, months = model->scenario->horizon_months;
  EnteredSink sink = { { PC_DETAIL_NONE, count_entered, NULL }, g_new (PcMonthCounts *, n), n, months };
  for (guint p = 0; p < n; p++)
    sink.entered[p] = pc_month_counts_new (months + 1);
  PcRunSink *sinks[] = { &sink.sink };
  PcSimulateOptions options = { .runs = s->runs, .seed = s->seed, .seed_set = TRUE, .threads = threads,
                                .sinks = sinks, .n_sinks = 1, .no_runway = TRUE,
                                .progress = progress->options->progress ? report_progress : NULL,
                                .progress_data = progress };
  g_autoptr (PcReport) report = pc_simulate (model, &options, error);
  for (guint p = 0; report && p < n; p++) {
    entered[p] = pc_month_counts_quantile (sink.entered[p], 0.5);
    cost[p] = report->phases[p].monthly_cost.valid ? report->phases[p].monthly_cost.p50 : NAN;
  }
  for (guint p = 0; p < n; p++)
    pc_month_counts_free (sink.entered[p]);
  g_free (sink.entered);
  progress->done += s->runs;
  return report != NULL;
}

/* Simulates @input at @value, on a model built for it. */
static gboolean
measure_setting (PcSensitivity *s, Input *input, double value, const char *path, PcHost *host, Progress *progress,
                 guint threads, double *entered, double *cost, GError **error)
{
  input->value = value;
  double factor = input->kind == INPUT_PRICES ? value : 1.0;
  PcVariant variant = { apply_input, input, factor, s->model };
  g_autoptr (PcModel) model = pc_model_new_variant (path, &variant, host, error);
  if (model == NULL || !measure (model, s, progress, threads, entered, cost, error)) {
    g_prefix_error (error, "sensitivity, %s = %g: ", input->pub.name, value);
    return FALSE;
  }
  return TRUE;
}

void
pc_sensitivity_free (PcSensitivity *s)
{
  if (s == NULL)
    return;
  if (s->inputs)
    g_ptr_array_unref (s->inputs);
  g_free (s->base_entered);
  g_free (s->base_cost);
  pc_model_free (s->model);
  g_free (s);
}

static gboolean
measure_inputs (PcSensitivity *s, const char *path, PcHost *host, const PcSensitivityOptions *options, GError **error)
{
  guint n = s->model->n_phases;
  Progress progress = { options, 0, (1 + 2 * s->inputs->len) * s->runs };
  s->base_entered = g_new (double, n);
  s->base_cost = g_new (double, n);
  if (!measure (s->model, s, &progress, options->threads, s->base_entered, s->base_cost, error))
    return FALSE;
  for (guint i = 0; i < s->inputs->len; i++) {
    Input *input = s->inputs->pdata[i];
    input->pub.entered_low = g_new (double, n), input->pub.entered_high = g_new (double, n);
    input->pub.cost_low = g_new (double, n), input->pub.cost_high = g_new (double, n);
    if (!measure_setting (s, input, input->pub.low, path, host, &progress, options->threads, input->pub.entered_low,
                          input->pub.cost_low, error) ||
        !measure_setting (s, input, input->pub.high, path, host, &progress, options->threads, input->pub.entered_high,
                          input->pub.cost_high, error))
      return FALSE;
  }
  return TRUE;
}

/**
 * pc_sensitivity_run:
 * Moves every input of the scenario at @scenario_path one at a time.
 * Returns: (transfer full): the effects, or NULL with @error set.
 */
PcSensitivity *
pc_sensitivity_run (const char *scenario_path, PcHost *host, const PcSensitivityOptions *options, GError **error)
{
  g_autoptr (PcSensitivity) s = g_new0 (PcSensitivity, 1);
  s->model = pc_model_new (scenario_path, NULL, host, error);
  if (s->model == NULL)
    return NULL;
  s->inputs = inputs_of (s->model->scenario);
  s->runs = options->runs ? options->runs : MAX (1u, s->model->scenario->runs);
  s->seed = options->seed_set ? options->seed : s->model->scenario->seed;
  if (!read_stated_ranges (s->inputs, scenario_path, error) || !read_vary_options (s->inputs, options->vary, error) ||
      !measure_inputs (s, scenario_path, host, options, error))
    return NULL;
  return g_steal_pointer (&s);
}

static double
swing (const double *low, const double *high, guint phase)
{
  double d = high[phase] - low[phase];
  return isnan (d) ? 0.0 : fabs (d);
}

static gint
by_effect (gconstpointer a, gconstpointer b, gpointer data)
{
  const PcSensitivity *s = ((gconstpointer *) data)[0];
  guint phase = GPOINTER_TO_UINT (((gconstpointer *) data)[1]);
  const PcSensitivityInput *x = s->inputs->pdata[*(const guint *) a], *y = s->inputs->pdata[*(const guint *) b];
  double months = swing (y->entered_low, y->entered_high, phase) - swing (x->entered_low, x->entered_high, phase);
  double usd = swing (y->cost_low, y->cost_high, phase) - swing (x->cost_low, x->cost_high, phase);
  return months != 0 ? (months > 0 ? 1 : -1) : usd != 0 ? (usd > 0 ? 1 : -1) : 0;
}

guint *
pc_sensitivity_order (const PcSensitivity *s, guint phase)
{
  guint *order = g_new (guint, MAX (s->inputs->len, 1));
  for (guint i = 0; i < s->inputs->len; i++)
    order[i] = i;
  gconstpointer data[] = { s, GUINT_TO_POINTER (phase) };
  g_qsort_with_data (order, (gint) s->inputs->len, sizeof (guint), by_effect, data);   /* stable: ties keep input order */
  return order;
}
