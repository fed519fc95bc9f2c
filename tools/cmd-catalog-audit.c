/* cmd-catalog-audit.c - `phasecast catalog audit`: every price with its
 * source, date and whether it was derived; prices older than a given age;
 * the (plugin, region) pairs that cannot be priced.  The table names each
 * source once in a legend; JSON refers to sources by id from one table. */
#include "cli.h"
#include "pc-catalog-audit.h"

#include <json-glib/json-glib.h>

typedef struct {
  char **regions;
  int max_age_days;
  char *today;
  char *format;
} AuditOptions;

static GDate *
parse_today (const char *text, GError **error)
{
  GDate *date = g_date_new ();
  if (text == NULL)
    g_date_set_time_t (date, time (NULL));
  else
    g_date_set_parse (date, text);
  if (!g_date_valid (date)) {
    g_date_free (date);
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_VALUE, "--today \"%s\": expected YYYY-MM-DD", text);
    return NULL;
  }
  return date;
}

static gint
compare_strings (gconstpointer a, gconstpointer b)
{
  return strcmp (*(const char *const *) a, *(const char *const *) b);
}

/* Every region with a catalog in @dir (aws-REGION.xml), sorted. */
static GPtrArray *
all_regions (const char *dir)
{
  GPtrArray *regions = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GDir) handle = g_dir_open (dir, 0, NULL);
  const char *name;
  while (handle && (name = g_dir_read_name (handle)) != NULL)
    if (g_str_has_prefix (name, "aws-") && g_str_has_suffix (name, ".xml"))
      g_ptr_array_add (regions, g_strndup (name + 4, strlen (name) - 8));
  g_ptr_array_sort (regions, compare_strings);
  return regions;
}

static gboolean
audit_region (PcAudit *audit, const char *dir, const char *region, GPtrArray *plugins, GDate *today, GError **error)
{
  g_autoptr (PcCatalog) catalog = pc_catalog_load_region (dir, region, error);
  if (catalog == NULL)
    return FALSE;
  pc_audit_add_catalog (audit, catalog, today);
  for (guint i = 0; i < plugins->len; i++)
    pc_audit_add_plugin (audit, pc_plugin_info (plugins->pdata[i]), catalog);
  return TRUE;
}

static PcAudit *
run_audit (const AuditOptions *options, GDate *today, GError **error)
{
  g_autofree char *dir = pc_find_data_subdir ("pricing");
  if (dir == NULL) {
    g_set_error (error, PC_INPUT_ERROR, PC_INPUT_ERROR_IO, "cannot find the pricing directory; set PHASECAST_DATA_DIR");
    return NULL;
  }
  g_autoptr (GPtrArray) regions = all_regions (dir);
  if (options->regions) {
    g_ptr_array_set_size (regions, 0);
    for (guint i = 0; options->regions[i]; i++)
      g_ptr_array_add (regions, g_strdup (options->regions[i]));
  }
  g_autoptr (PcHost) host = pc_host_new ((const char *const *) pc_cli_plugin_dirs);
  g_autoptr (GPtrArray) failures = g_ptr_array_new_with_free_func (g_free);
  g_autoptr (GPtrArray) plugins = pc_host_load_all (host, failures);
  g_autoptr (PcAudit) audit = pc_audit_new ();
  for (guint i = 0; i < regions->len; i++)
    if (!audit_region (audit, dir, regions->pdata[i], plugins, today, error))
      return NULL;
  return g_steal_pointer (&audit);
}

/* "!" older than the limit, "?" undated, "" otherwise. */
static const char *
age_mark (const PcAuditPrice *p, int max_age_days)
{
  return p->age_days < 0 ? "?" : p->age_days > max_age_days ? "!" : "";
}

static void
counts (const PcAudit *audit, int max_age_days, guint *feed, guint *derived, guint *stale, guint *undated)
{
  *feed = *derived = *stale = *undated = 0;
  for (guint i = 0; i < audit->prices->len; i++) {
    const PcAuditPrice *p = audit->prices->pdata[i];
    *feed += p->feed;
    *derived += p->derived != NULL;
    *stale += p->age_days > max_age_days;
    *undated += p->age_days < 0;
  }
}

static void
print_table (const PcAudit *audit, int max_age_days)
{
  g_print ("Sources (each once; prices refer to them by id)\n");
  for (guint i = 0; i < audit->sources->len; i++) {
    const PcAuditSource *s = audit->sources->pdata[i];
    g_print ("  [%s] (%s) %s\n", s->id, s->file, s->text);
  }
  g_print ("\nPrices (* derived, ! older than %d days, ? no date)\n", max_age_days);
  for (guint i = 0; i < audit->prices->len; i++) {
    const PcAuditPrice *p = audit->prices->pdata[i];
    g_print ("  %-15s %-58s %12.6g USD/%-22s %-1s%-1s %-14s %s\n", p->region, p->key, p->usd, p->unit,
             p->derived ? "*" : "", age_mark (p, max_age_days), p->source, p->date);
  }
  g_print ("\nGaps: prices a plugin asks for that a region's catalog lacks\n");
  for (guint i = 0; i < audit->gaps->len; i++) {
    const PcAuditGap *g = audit->gaps->pdata[i];
    g_print ("  %-16s %-15s %-40s (with %s)\n", g->plugin, g->region, g->key, g->setting);
  }
  guint feed, derived, stale, undated;
  counts (audit, max_age_days, &feed, &derived, &stale, &undated);
  g_print ("\n%u prices: %u from AWS feeds, %u hand-sourced, %u derived; %u older than %d days, %u undated; "
           "%u gaps; %u sources\n", audit->prices->len, feed, audit->prices->len - feed, derived, stale, max_age_days,
           undated, audit->gaps->len, audit->sources->len);
}

static void
json_price (JsonBuilder *b, const PcAuditPrice *p, int max_age_days)
{
  json_builder_begin_object (b);
  pc_cli_json_string (b, "region", p->region);
  pc_cli_json_string (b, "key", p->key);
  pc_cli_json_string (b, "unit", p->unit);
  json_builder_set_member_name (b, "usd");
  json_builder_add_double_value (b, p->usd);
  pc_cli_json_string (b, "source", p->source);
  pc_cli_json_string (b, "date", p->date);
  pc_cli_json_string (b, "derived", p->derived);
  json_builder_set_member_name (b, "from_feed");
  json_builder_add_boolean_value (b, p->feed);
  json_builder_set_member_name (b, "age_days");
  if (p->age_days >= 0)
    json_builder_add_int_value (b, p->age_days);
  else
    json_builder_add_null_value (b);
  json_builder_set_member_name (b, "stale");
  json_builder_add_boolean_value (b, p->age_days > max_age_days || p->age_days < 0);
  json_builder_end_object (b);
}

static void
print_json (const PcAudit *audit, int max_age_days)
{
  g_autoptr (JsonBuilder) b = json_builder_new ();
  json_builder_begin_object (b);
  json_builder_set_member_name (b, "max_age_days");
  json_builder_add_int_value (b, max_age_days);
  json_builder_set_member_name (b, "sources");
  json_builder_begin_array (b);
  for (guint i = 0; i < audit->sources->len; i++) {
    const PcAuditSource *s = audit->sources->pdata[i];
    json_builder_begin_object (b);
    pc_cli_json_string (b, "id", s->id), pc_cli_json_string (b, "file", s->file), pc_cli_json_string (b, "text", s->text);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_set_member_name (b, "prices");
  json_builder_begin_array (b);
  for (guint i = 0; i < audit->prices->len; i++)
    json_price (b, audit->prices->pdata[i], max_age_days);
  json_builder_end_array (b);
  json_builder_set_member_name (b, "gaps");
  json_builder_begin_array (b);
  for (guint i = 0; i < audit->gaps->len; i++) {
    const PcAuditGap *g = audit->gaps->pdata[i];
    json_builder_begin_object (b);
    pc_cli_json_string (b, "plugin", g->plugin), pc_cli_json_string (b, "region", g->region), pc_cli_json_string (b, "key", g->key);
    pc_cli_json_string (b, "setting", g->setting);
    json_builder_end_object (b);
  }
  json_builder_end_array (b);
  json_builder_end_object (b);
  pc_cli_json_print (b);
}

int
pc_cmd_catalog_audit (int argc, char **argv)
{
  AuditOptions options = { NULL, 365, NULL, NULL };
  const GOptionEntry entries[] = {
    { "region", 'r', 0, G_OPTION_ARG_STRING_ARRAY, &options.regions, "Audit this region (repeatable; default: all)", "R" },
    { "max-age-days", 0, 0, G_OPTION_ARG_INT, &options.max_age_days, "Flag prices older than this (default 365)", "N" },
    { "today", 0, 0, G_OPTION_ARG_STRING, &options.today, "Count ages to this date (default: today)", "YYYY-MM-DD" },
    { "format", 'f', 0, G_OPTION_ARG_STRING, &options.format, "table or json", "FORMAT" },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr (GOptionContext) context = pc_cli_context_new ("", "Every price's source, date and age; prices no catalog holds.",
                                                           entries);
  GError *error = NULL;
  PcFormat format;
  int status = 0;
  if (!g_option_context_parse (context, &argc, &argv, &error))
    status = pc_cli_usage_error (context, error->message), g_clear_error (&error);
  else if (argc != 1 || !pc_cli_parse_format (options.format, &format, FALSE) || options.max_age_days < 0)
    status = pc_cli_usage_error (context, "catalog audit takes only options; --format is table or json; "
                                          "--max-age-days is not negative");
  g_autoptr (GDate) today = status ? NULL : parse_today (options.today, &error);
  g_autoptr (PcAudit) audit = today ? run_audit (&options, today, &error) : NULL;
  if (audit == NULL && status == 0)
    status = pc_cli_fail (error);
  else if (audit && format == PC_FORMAT_JSON)
    print_json (audit, options.max_age_days);
  else if (audit)
    print_table (audit, options.max_age_days);
  g_strfreev (options.regions);
  g_free (options.today);
  g_free (options.format);
  return status;
}
