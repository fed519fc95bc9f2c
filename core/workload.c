/* workload.c - reads the scenario's <workload>: request classes, business
 * hours, busy and quiet days, data (docs/scenario.md documents each
 * attribute, its unit, default and range).
 *
 * Format 1's <load> (one set of per-request figures) still loads: it maps
 * to two classes with the same figures, one per active user per day and one
 * per quote, on a 24-hour profile with no weekends, month end or daily noise,
 * which is the demand it always described.  A scenario gives one of <load>
 * or <workload>; with neither, <load>'s defaults apply.
 */
#include "pc-private.h"

#define WORKLOAD(attr, field, fallback, lo, hi) { attr, G_STRUCT_OFFSET (PcWorkload, field), fallback, lo, hi }
static const PcNumberAttr workload_attrs[] = {
  WORKLOAD ("peak-factor", peak_factor, 1.5, 1, 100),
  WORKLOAD ("db-base-gb", db_base_gb, 1, 0, 1e6),
  WORKLOAD ("db-mb-per-quote", db_mb_per_quote, 0.2, 0, 1e6),
  WORKLOAD ("working-set-months", working_set_months, 3, 0, 1200),
  WORKLOAD ("working-set-base-share", working_set_base_share, 1, 0, 1),
  WORKLOAD ("pdf-mb-per-quote", pdf_mb_per_quote, 0.3, 0, 1e6),
  WORKLOAD ("object-puts-per-quote", object_puts_per_quote, 2, 0, 1e6),
  WORKLOAD ("object-gets-per-quote", object_gets_per_quote, 3, 0, 1e6),
  WORKLOAD ("temp-mb-per-quote", temp_mb_per_quote, 1, 0, 1e6),
  WORKLOAD ("emails-per-quote", emails_per_quote, 2, 0, 1e6),
  WORKLOAD ("emails-per-user-month", emails_per_user_month, 5, 0, 1e6),
  WORKLOAD ("log-kb-per-request", log_kb_per_request, 1, 0, 1e6),
  WORKLOAD ("errors-per-1000-requests", errors_per_1000_requests, 0.5, 0, 1000),
  WORKLOAD ("task-base-memory-mb", task_base_memory_mb, 0, 0, 1e6),
};

static const PcNumberAttr hours_attrs[] = {
  WORKLOAD ("open", open_hour, 9, 0, 24),
  WORKLOAD ("close", close_hour, 17, 0, 24),
  WORKLOAD ("business-share", business_share, 0.8, 0, 1),
};

static const PcNumberAttr days_attrs[] = {
  WORKLOAD ("weekend-weight", weekend_weight, 1, 0, 10),
  WORKLOAD ("month-end-days", month_end_days, 0, 0, 10),
  WORKLOAD ("month-end-factor", month_end_factor, 1, 0, 20),
  WORKLOAD ("daily-cv", daily_cv, 0, 0, 2),
};

#define CLASS(attr, field, fallback, lo, hi) { attr, G_STRUCT_OFFSET (PcRequestClass, field), fallback, lo, hi }
static const PcNumberAttr class_attrs[] = {
  CLASS ("rate", rate, 0, 0, 1e7),
  CLASS ("cpu-ms", cpu_ms, 0, 0, 1e7),
  CLASS ("cpu-cv", cpu_cv, 1, 0, 100),
  CLASS ("memory-mb", memory_mb, 0, 0, 1e6),
  CLASS ("db-queries", db_queries, 0, 0, 1e5),
  CLASS ("db-cpu-ms", db_cpu_ms, 0, 0, 1e7),
  CLASS ("db-rows", db_rows, 1, 0, 1e12),
  CLASS ("db-write-share", db_write_share, 0, 0, 1),
  CLASS ("replica-share", replica_share, 0, 0, 1),
  CLASS ("response-kb", response_kb, 0, 0, 1e7),
  CLASS ("static-requests", static_requests, 0, 0, 1e4),
  CLASS ("static-kb", static_kb, 0, 0, 1e7),
};
static const char *const class_others[] = { "name", "per", NULL };
static const char *const per_names[PC_PER_COUNT] = { "user-day", "customer-day", "quote", "user-month" };

/* Format 1's <load>, with its defaults. */
typedef struct {
  double requests_per_user_day, requests_per_quote, peak_factor, static_per_request, static_kb, response_kb;
  double cpu_ms_per_request, db_queries_per_request, db_read_share, db_cpu_ms_per_query, db_base_gb;
  double db_mb_per_quote, pdf_mb_per_quote, object_gets_per_quote, temp_mb_per_quote, emails_per_quote;
  double emails_per_user_month, log_kb_per_request, errors_per_1000_requests;
} PcLegacyLoad;

#define LOAD(attr, field, fallback, lo, hi) { attr, G_STRUCT_OFFSET (PcLegacyLoad, field), fallback, lo, hi }
static const PcNumberAttr load_attrs[] = {
  LOAD ("requests-per-user-day", requests_per_user_day, 150, 0, 1e7),
  LOAD ("requests-per-quote", requests_per_quote, 40, 0, 1e6),
  LOAD ("peak-factor", peak_factor, 1.5, 1, 100),
  LOAD ("static-per-request", static_per_request, 0.5, 0, 1000),
  LOAD ("static-kb", static_kb, 40, 0, 1e6),
  LOAD ("response-kb", response_kb, 8, 0, 1e6),
  LOAD ("cpu-ms-per-request", cpu_ms_per_request, 40, 0, 1e6),
  LOAD ("db-queries-per-request", db_queries_per_request, 4, 0, 1e4),
  LOAD ("db-read-share", db_read_share, 0.8, 0, 1),
  LOAD ("db-cpu-ms-per-query", db_cpu_ms_per_query, 1.5, 0, 1e6),
  LOAD ("db-base-gb", db_base_gb, 1, 0, 1e6),
  LOAD ("db-mb-per-quote", db_mb_per_quote, 0.2, 0, 1e6),
  LOAD ("pdf-mb-per-quote", pdf_mb_per_quote, 0.3, 0, 1e6),
  LOAD ("object-gets-per-quote", object_gets_per_quote, 3, 0, 1e6),
  LOAD ("temp-mb-per-quote", temp_mb_per_quote, 1, 0, 1e6),
  LOAD ("emails-per-quote", emails_per_quote, 2, 0, 1e6),
  LOAD ("emails-per-user-month", emails_per_user_month, 5, 0, 1e6),
  LOAD ("log-kb-per-request", log_kb_per_request, 1, 0, 1e6),
  LOAD ("errors-per-1000-requests", errors_per_1000_requests, 0.5, 0, 1000),
};

/* Format 1's default day: an Australian business day, quiet overnight. */
static const double legacy_profile[24] = {
  1, 1, 1, 1, 1, 2, 4, 7, 10, 12, 12, 11, 10, 11, 12, 11, 10, 7, 5, 4, 3, 2, 2, 1,
};

static void
class_free (PcRequestClass *c)
{
  g_free (c->name);
  g_array_unref (c->quantities);
  g_free (c);
}

void
pc_workload_free (PcWorkload *w)
{
  if (w == NULL)
    return;
  g_ptr_array_unref (w->classes);
  g_ptr_array_unref (w->quantity_names);
  g_free (w);
}

static void
set_defaults (gpointer target, const PcNumberAttr *table, guint n)
{
  for (guint i = 0; i < n; i++)
    *(double *) ((char *) target + table[i].offset) = table[i].fallback;
}

static PcWorkload *
workload_new (void)
{
  PcWorkload *w = g_new0 (PcWorkload, 1);
  w->classes = g_ptr_array_new_with_free_func ((GDestroyNotify) class_free);
  w->quantity_names = g_ptr_array_new_with_free_func (g_free);
  set_defaults (w, workload_attrs, G_N_ELEMENTS (workload_attrs));
  set_defaults (w, hours_attrs, G_N_ELEMENTS (hours_attrs));
  set_defaults (w, days_attrs, G_N_ELEMENTS (days_attrs));
  return w;
}

static PcRequestClass *
class_new (const char *name, PcRatePer per)
{
  PcRequestClass *c = g_new0 (PcRequestClass, 1);
  c->name = g_strdup (name);
  c->per = per;
  c->quantities = g_array_new (FALSE, FALSE, sizeof (PcClassQuantity));
  set_defaults (c, class_attrs, G_N_ELEMENTS (class_attrs));
  return c;
}

/* 24 non-negative hourly weights with a positive sum, normalised. */
static gboolean
read_profile (PcWorkload *w, const xmlNode *node, const char *path, GError **error)
{
  g_autofree char *text = pc_xml_text (node);
  g_auto (GStrv) words = g_strsplit_set (text, " \t\r\n", -1);
  guint n = 0;
  double sum = 0;
  for (guint i = 0; words[i]; i++) {
    if (*words[i] == '\0')
      continue;
    double weight;
    if (n == 24 || !pc_parse_double (words[i], &weight) || weight < 0) {
      pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path, "<profile>: expected 24 non-negative hourly weights");
      return FALSE;
    }
    w->profile[n++] = weight;
    sum += weight;
  }
  if (n != 24 || sum <= 0) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path,
                  "<profile>: expected 24 hourly weights with a positive sum, got %u", n);
    return FALSE;
  }
  for (guint h = 0; h < 24; h++)
    w->profile[h] /= sum;
  w->profile_given = TRUE;
  return TRUE;
}

/* The weekday profile from business hours: business_share of the day's
 * requests spread evenly over [open, close), the rest evenly over the other
 * hours (fractional hours take their share). */
static gboolean
profile_from_hours (PcWorkload *w, const xmlNode *node, const char *path, GError **error)
{
  double open = w->open_hour, close = w->close_hour, span = close - open;
  if (!(span > 0)) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path,
                  "<hours open=\"%g\" close=\"%g\">: close must come after open; allowed: 0 <= open < close <= 24",
                  open, close);
    return FALSE;
  }
  for (guint h = 0; h < 24; h++) {
    double inside = MAX (0.0, MIN (h + 1.0, close) - MAX ((double) h, open));
    w->profile[h] = span < 24 ? inside * w->business_share / span + (1 - inside) * (1 - w->business_share) / (24 - span)
                              : 1.0 / 24;
  }
  return TRUE;
}

static gboolean
read_hours (PcWorkload *w, const xmlNode *node, const char *path, GError **error)
{
  if (!pc_xml_read_numbers (node, path, hours_attrs, G_N_ELEMENTS (hours_attrs), NULL, w, error))
    return FALSE;
  for (const xmlNode *child = node->children; child; child = child->next)
    if (pc_xml_is (child, "profile"))
      return read_profile (w, child, path, error);
  return profile_from_hours (w, node, path, error);
}

static guint
quantity_index (PcWorkload *w, const char *name)
{
  for (guint i = 0; i < w->quantity_names->len; i++)
    if (g_str_equal (w->quantity_names->pdata[i], name))
      return i;
  g_ptr_array_add (w->quantity_names, g_strdup (name));
  return w->quantity_names->len - 1;
}

static gboolean
read_quantity (PcWorkload *w, PcRequestClass *c, const xmlNode *node, const char *path, GError **error)
{
  g_autofree char *name = pc_xml_attr (node, "name");
  PcClassQuantity q = { 0, 0 };
  if (!pc_xml_double (node, path, "per-request", 0, &q.per_request, error))
    return FALSE;
  if (q.per_request < 0) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path,
                  "<quantity name=\"%s\" per-request=\"%g\">: must not be negative", name, q.per_request);
    return FALSE;
  }
  q.name = quantity_index (w, name);
  for (guint i = 0; i < c->quantities->len; i++)
    if (g_array_index (c->quantities, PcClassQuantity, i).name == q.name) {
      pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path,
                    "<quantity name=\"%s\">: declared twice in <class name=\"%s\">", name, c->name);
      return FALSE;
    }
  g_array_append_val (c->quantities, q);
  return TRUE;
}

static gboolean
check_class (const PcWorkload *w, const PcRequestClass *c, const xmlNode *node, const char *path, GError **error)
{
  for (guint i = 0; i + 1 < w->classes->len; i++)
    if (g_str_equal (((PcRequestClass *) w->classes->pdata[i])->name, c->name)) {
      pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path, "<class name=\"%s\">: duplicate name", c->name);
      return FALSE;
    }
  if (c->replica_share > 1.0 - c->db_write_share + 1e-12) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path,
                  "<class name=\"%s\" replica-share=\"%g\">: a replica serves reads only; allowed: 0 to 1 - db-write-share (%g)",
                  c->name, c->replica_share, 1.0 - c->db_write_share);
    return FALSE;
  }
  return TRUE;
}

static gboolean
read_class (PcWorkload *w, const xmlNode *node, const char *path, GError **error)
{
  g_autofree char *name = pc_xml_attr (node, "name");
  g_autofree char *per = pc_xml_attr (node, "per");
  int per_index = -1;
  for (int i = 0; per && i < PC_PER_COUNT; i++)
    if (g_str_equal (per, per_names[i]))
      per_index = i;
  if (per_index < 0) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path,
                  "<class name=\"%s\" per=\"%s\">: unknown rate basis; allowed: user-day, customer-day, quote, user-month",
                  name, per ? per : "");
    return FALSE;
  }
  if (w->classes->len == PC_MAX_CLASSES) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path, "<class name=\"%s\">: too many classes; allowed: at most %d",
                  name, PC_MAX_CLASSES);
    return FALSE;
  }
  PcRequestClass *c = class_new (name, (PcRatePer) per_index);
  c->line = (int) xmlGetLineNo (node);
  g_ptr_array_add (w->classes, c);
  if (!pc_xml_read_numbers (node, path, class_attrs, G_N_ELEMENTS (class_attrs), class_others, c, error) ||
      !check_class (w, c, node, path, error))
    return FALSE;
  for (const xmlNode *child = node->children; child; child = child->next)
    if (pc_xml_is (child, "quantity") && !read_quantity (w, c, child, path, error))
      return FALSE;
  return TRUE;
}

static gboolean
read_workload (PcWorkload *w, const xmlNode *node, const char *path, GError **error)
{
  if (!pc_xml_read_numbers (node, path, workload_attrs, G_N_ELEMENTS (workload_attrs), NULL, w, error) ||
      !profile_from_hours (w, node, path, error))
    return FALSE;
  for (const xmlNode *child = node->children; child; child = child->next) {
    gboolean ok = TRUE;
    if (pc_xml_is (child, "hours"))
      ok = read_hours (w, child, path, error);
    else if (pc_xml_is (child, "days"))
      ok = pc_xml_read_numbers (child, path, days_attrs, G_N_ELEMENTS (days_attrs), NULL, w, error);
    else if (pc_xml_is (child, "class"))
      ok = read_class (w, child, path, error);
    if (!ok)
      return FALSE;
  }
  if (w->classes->len == 0) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, node, path, "<workload>: at least one <class> is needed");
    return FALSE;
  }
  return TRUE;
}

/* One class of format 1's figures, @rate requests per @per. */
static void
add_legacy_class (PcWorkload *w, const PcLegacyLoad *load, const char *name, PcRatePer per, double rate)
{
  PcRequestClass *c = class_new (name, per);
  c->rate = rate;
  c->cpu_ms = load->cpu_ms_per_request;
  c->cpu_cv = 1.0;   /* format 1's M/M/c: exponential service times */
  c->db_queries = load->db_queries_per_request;
  c->db_cpu_ms = load->db_cpu_ms_per_query;
  c->db_write_share = 1.0 - load->db_read_share;
  c->response_kb = load->response_kb;
  c->static_requests = load->static_per_request;
  c->static_kb = load->static_kb;
  g_ptr_array_add (w->classes, c);
}

static gboolean
read_legacy (PcWorkload *w, const xmlNode *node, const char *path, GError **error)
{
  PcLegacyLoad load;
  set_defaults (&load, load_attrs, G_N_ELEMENTS (load_attrs));
  memcpy (w->profile, legacy_profile, sizeof legacy_profile);
  if (node != NULL) {
    if (!pc_xml_read_numbers (node, path, load_attrs, G_N_ELEMENTS (load_attrs), NULL, &load, error))
      return FALSE;
    for (const xmlNode *child = node->children; child; child = child->next)
      if (pc_xml_is (child, "profile") && !read_profile (w, child, path, error))
        return FALSE;
  }
  double sum = 0;
  for (guint h = 0; h < 24; h++)
    sum += w->profile[h];
  for (guint h = 0; h < 24; h++)
    w->profile[h] /= sum;
  w->profile_given = TRUE;
  w->peak_factor = load.peak_factor;
  w->db_base_gb = load.db_base_gb;
  w->db_mb_per_quote = load.db_mb_per_quote;
  w->pdf_mb_per_quote = load.pdf_mb_per_quote;
  w->object_gets_per_quote = load.object_gets_per_quote;
  w->temp_mb_per_quote = load.temp_mb_per_quote;
  w->emails_per_quote = load.emails_per_quote;
  w->emails_per_user_month = load.emails_per_user_month;
  w->log_kb_per_request = load.log_kb_per_request;
  w->errors_per_1000_requests = load.errors_per_1000_requests;
  add_legacy_class (w, &load, "requests", PC_PER_USER_DAY, load.requests_per_user_day);
  add_legacy_class (w, &load, "quote-requests", PC_PER_QUOTE, load.requests_per_quote);
  return TRUE;
}

/**
 * pc_workload_read:
 * Reads <workload> (@workload) or format 1's <load> (@legacy); at most one
 * of them is non-NULL.  Builds the load shape.
 * Returns: (transfer full): the workload, or NULL with @error naming file:line.
 */
PcWorkload *
pc_workload_read (const xmlNode *workload, const xmlNode *legacy, const char *path, GError **error)
{
  g_autoptr (PcWorkload) w = workload_new ();
  if (workload != NULL && legacy != NULL) {
    pc_xml_error (error, PC_INPUT_ERROR_VALUE, legacy, path,
                  "<load>: a scenario gives either <workload> or format 1's <load>, not both");
    return NULL;
  }
  if (!(workload ? read_workload (w, workload, path, error) : read_legacy (w, legacy, path, error)))
    return NULL;
  pc_load_shape_build (w);
  return g_steal_pointer (&w);
}

const char *
pc_rate_per_name (PcRatePer per)
{
  return per_names[per];
}
