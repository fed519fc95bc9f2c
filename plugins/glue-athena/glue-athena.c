/* glue-athena - a small data lake: Glue ETL jobs and crawlers, the Glue Data
 * Catalog, and Athena SQL queries over it.
 *
 * Glue (prices per DPU-hour, the same in all three Regions):
 *   - ETL jobs: runs x DPU x billed minutes / 60 x glue.etl.dpu_hour (or
 *     glue.etl_flex.dpu_hour for Flex execution).  Glue 2.0+ jobs bill per
 *     second with a 1-minute minimum per run, so billed minutes =
 *     max(1, etl_minutes).
 *   - Crawlers: runs x DPU x billed minutes / 60 x glue.crawler.dpu_hour.
 *     AWS's Glue pricing page bills a crawl per second with a 10-minute
 *     minimum per run; that figure is not in the reference files, so it is
 *     the crawler_min_minutes parameter (default 10) rather than a constant.
 *   - Data Catalog: objects (tables, partitions, ...) per month at
 *     glue.catalog.object_month and requests at glue.catalog.request; the
 *     first million of each is free every month (free tiers in the catalog).
 *
 * Athena: queries x GB scanned per query at athena.query.tb_scanned.  Athena
 * bills the bytes a query scans rounded up to the next megabyte, with a 10 MB
 * minimum per query (AWS Athena pricing), so each query is billed
 *     billed_mb = max(10, ceil(gb_per_query x 1024))
 * and TB = queries x billed_mb / 1024^2 (AWS's calculator uses 1,024 GB per
 * TB).  Small dashboard queries are dominated by that minimum.  Query
 * results written to S3 are the s3 component's.
 *
 * Capacity.  Both are serverless; what the component reports is the work
 * billed (DPU-hours, TB) and how much of Athena's bill is the 10 MB floor.
 *
 * Worked month (defaults, any of the three Regions; the seed says "~$20/month
 * (query-based)"): ETL 30 runs x 2 DPU x 10 min = 10 DPU-h x $0.44 = $4.40;
 * crawler 30 runs x 1 DPU x 10 min (5 min run, 10 min minimum) = 5 DPU-h x
 * $0.44 = $2.20; catalog 10,000 objects and 100,000 requests are free;
 * Athena 3,000 queries x 1 GB = 3,000 GB = 2.9297 TB x $5 = $14.65;
 * $21.25 in all.
 */
#include <math.h>
#include <pc-plugin.h>

/* Athena's minimum billed scan per query, in MB (AWS Athena pricing). */
#define ATHENA_MIN_MB_PER_QUERY 10.0
#define MB_PER_GB 1024.0
#define MB_PER_TB (1024.0 * 1024.0)

enum { P_ETL_RUNS, P_ETL_DPU, P_ETL_MINUTES, P_ETL_FLEX, P_CRAWLER_RUNS, P_CRAWLER_DPU, P_CRAWLER_MINUTES, P_CRAWLER_MIN, P_OBJECTS, P_REQUESTS, P_QUERIES, P_GB_PER_QUERY, P_COUNT };
static const PcParamSpec params[] = {
  [P_ETL_RUNS] = PC_INT ("etl_runs_per_month", "30", "runs", 0, 1000000, "Glue ETL job runs per month"),
  [P_ETL_DPU] = PC_DOUBLE ("etl_dpu", "2", "DPU", 0.0625, 10000, "DPUs per ETL run (Spark jobs need at least 2)"),
  [P_ETL_MINUTES] = PC_DOUBLE ("etl_minutes", "10", "min", 0, 100000, "duration of one ETL run (1-minute minimum billed)"),
  [P_ETL_FLEX] = PC_BOOL ("etl_flex", "false", "run ETL jobs with Flex execution (cheaper, may be delayed)"),
  [P_CRAWLER_RUNS] = PC_INT ("crawler_runs_per_month", "30", "runs", 0, 1000000, "Glue crawler runs per month"),
  [P_CRAWLER_DPU] = PC_DOUBLE ("crawler_dpu", "1", "DPU", 0, 10000, "DPUs a crawl uses"),
  [P_CRAWLER_MINUTES] = PC_DOUBLE ("crawler_minutes", "5", "min", 0, 100000, "duration of one crawl"),
  [P_CRAWLER_MIN] = PC_DOUBLE ("crawler_min_minutes", "10", "min", 0, 60, "minimum billed duration per crawl (AWS Glue pricing: 10 minutes)"),
  [P_OBJECTS] = PC_DOUBLE ("catalog_objects", "10000", "objects", 0, 1e12, "Data Catalog objects stored (first million free)"),
  [P_REQUESTS] = PC_DOUBLE ("catalog_requests", "100000", "requests", 0, 1e12, "Data Catalog requests per month (first million free)"),
  [P_QUERIES] = PC_DOUBLE ("athena_queries_per_month", "3000", "queries", 0, 1e10, "Athena SQL queries per month"),
  [P_GB_PER_QUERY] = PC_DOUBLE ("athena_gb_per_query", "1", "GB", 0, 1e6, "data scanned by one query (10 MB billed minimum)"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_ETL_DPU_HOURS, M_CRAWLER_DPU_HOURS, M_TB_SCANNED, M_TB_BILLED, M_MB_PER_QUERY, M_MINIMUM_SHARE, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_ETL_DPU_HOURS] = { "etl_dpu_hours", "DPU-hours", "Glue ETL DPU-hours billed this month" },
  [M_CRAWLER_DPU_HOURS] = { "crawler_dpu_hours", "DPU-hours", "Glue crawler DPU-hours billed this month" },
  [M_TB_SCANNED] = { "athena_tb_scanned", "TB", "data Athena queries actually scan" },
  [M_TB_BILLED] = { "athena_tb_billed", "TB", "data billed after rounding up to MB and the 10 MB minimum" },
  [M_MB_PER_QUERY] = { "athena_billed_mb_per_query", "MB", "billed scan of one query" },
  [M_MINIMUM_SHARE] = { "athena_minimum_share", "ratio", "share of Athena's billed TB that the per-query rounding and minimum add" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  double etl_runs, etl_dpu, etl_minutes, crawler_runs, crawler_dpu, crawler_minutes, objects, requests;
  double queries, gb_per_query;
  const char *etl_item;
  const PcPrice *etl, *crawler, *object, *request, *athena;
} GlueAthena;

static gpointer
glue_athena_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree GlueAthena *g = g_new0 (GlueAthena, 1);
  gboolean flex = pc_config_bool (config, P_ETL_FLEX);
  g->etl_runs = (double) pc_config_int (config, P_ETL_RUNS);
  g->etl_dpu = pc_config_double (config, P_ETL_DPU);
  g->etl_minutes = MAX (1.0, pc_config_double (config, P_ETL_MINUTES));
  g->crawler_runs = (double) pc_config_int (config, P_CRAWLER_RUNS);
  g->crawler_dpu = pc_config_double (config, P_CRAWLER_DPU);
  g->crawler_minutes = MAX (pc_config_double (config, P_CRAWLER_MIN), pc_config_double (config, P_CRAWLER_MINUTES));
  g->objects = pc_config_double (config, P_OBJECTS);
  g->requests = pc_config_double (config, P_REQUESTS);
  g->queries = pc_config_double (config, P_QUERIES);
  g->gb_per_query = pc_config_double (config, P_GB_PER_QUERY);
  g->etl_item = flex ? "ETL Flex DPU-hours" : "ETL DPU-hours";
  if (!(g->etl = pc_catalog_price (catalog, flex ? "glue.etl_flex.dpu_hour" : "glue.etl.dpu_hour", error)) ||
      !(g->crawler = pc_catalog_price (catalog, "glue.crawler.dpu_hour", error)) ||
      !(g->object = pc_catalog_price (catalog, "glue.catalog.object_month", error)) ||
      !(g->request = pc_catalog_price (catalog, "glue.catalog.request", error)) ||
      !(g->athena = pc_catalog_price (catalog, "athena.query.tb_scanned", error)))
    return NULL;
  return g_steal_pointer (&g);
}

static void
charge_athena (const GlueAthena *g, const PcStepContext *ctx, PcStepResult *result)
{
  double scanned_mb = g->gb_per_query * MB_PER_GB;
  double billed_mb = MAX (ATHENA_MIN_MB_PER_QUERY, ceil (scanned_mb - 1e-9));
  double tb_scanned = g->queries * scanned_mb / MB_PER_TB;
  double tb_billed = g->queries * billed_mb / MB_PER_TB;
  pc_result_charge (result, "Athena TB scanned", g->athena, tb_billed, ctx);
  pc_result_metric (result, M_TB_SCANNED, tb_scanned);
  pc_result_metric (result, M_TB_BILLED, tb_billed);
  pc_result_metric (result, M_MB_PER_QUERY, billed_mb);
  pc_result_metric (result, M_MINIMUM_SHARE, tb_billed > 0 ? (tb_billed - tb_scanned) / tb_billed : 0.0);
}

static gboolean
glue_athena_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const GlueAthena *g = state;
  double etl_dpu_hours = g->etl_runs * g->etl_dpu * g->etl_minutes / 60.0;
  double crawler_dpu_hours = g->crawler_runs * g->crawler_dpu * g->crawler_minutes / 60.0;
  pc_result_charge (result, g->etl_item, g->etl, etl_dpu_hours, ctx);
  pc_result_charge (result, "crawler DPU-hours", g->crawler, crawler_dpu_hours, ctx);
  pc_result_charge (result, "Data Catalog objects", g->object, g->objects, ctx);
  pc_result_charge (result, "Data Catalog requests", g->request, g->requests, ctx);
  charge_athena (g, ctx, result);
  pc_result_metric (result, M_ETL_DPU_HOURS, etl_dpu_hours);
  pc_result_metric (result, M_CRAWLER_DPU_HOURS, crawler_dpu_hours);
  (void) demand;
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "glue-athena",
                  .version = "1.0",
                  .summary = "Glue ETL/crawlers/Data Catalog and Athena queries (10 MB minimum)",
                  .stage = PC_STAGE_THIRD_PARTY,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = glue_athena_create,
                  .step = glue_athena_step,
                  .destroy = g_free)
