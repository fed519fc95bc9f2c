/* quicksight - Amazon QuickSight BI dashboards: authors, readers, SPICE.
 *
 * The seed's claim is contradictory.  It says "Cost: ~$24/month (Standard
 * edition)", but $24 per user-month is the ENTERPRISE Author price
 * (quicksight.enterprise.author_month).  A Standard edition author costs $12
 * month-to-month (quicksight.standard.author_month) or $9 a month on an
 * annual commitment (quicksight.standard.author_annual_month).  So one
 * author is $24 only in Enterprise; in Standard it is $12 or $9.  The default
 * here is the edition the seed names (Standard, monthly); set
 * edition=enterprise for the seed's figure.
 *
 * What is billed (prices are global; the same in every Region's catalog):
 *   - Enterprise: authors x quicksight.enterprise.author_month and readers x
 *     quicksight.enterprise.reader_month (per-user readers at $3).  Annual
 *     Enterprise Author pricing ($18, legacy) is not in the catalog, so
 *     billing=annual is refused for Enterprise rather than guessed.
 *   - Standard: every user is an author; Standard has no reader role, so
 *     readers > 0 is refused (use Enterprise for read-only users).
 *   - SPICE: each author brings 10 GB of SPICE; capacity above that is
 *     quicksight.spice.<edition>_gb_month per GB-month.
 * Not modelled (not in the catalog): Author Pro / Reader Pro, the $250
 * Pro/Q account fee, reader session capacity packs.
 *
 * Capacity.  QuickSight is a managed service with no capacity of its own to
 * run out of here; what grows with use is SPICE, reported as the GB billed
 * above the included allowance.
 *
 * Worked month: 1 Standard author, monthly = $12.00 (annual: $9.00); the
 * seed's $24 is 1 Enterprise author.  Enterprise with 2 authors, 10 readers
 * and 50 GB of SPICE: 2 x $24 + 10 x $3 + (50 - 20) x $0.38 = $89.40.
 */
#include <pc-plugin.h>

/* SPICE capacity that comes with each author (AWS QuickSight pricing; the
 * catalog's Enterprise SPICE note says the same). */
#define SPICE_GB_PER_AUTHOR 10.0

enum { P_EDITION, P_AUTHORS, P_READERS, P_BILLING, P_SPICE, P_COUNT };
enum { EDITION_STANDARD, EDITION_ENTERPRISE, EDITION_COUNT };
static const char *const edition_names[] = { [EDITION_STANDARD] = "standard", [EDITION_ENTERPRISE] = "enterprise" };
PC_CHECK_TABLE (edition_names, EDITION_COUNT);
enum { BILLING_MONTHLY, BILLING_ANNUAL, BILLING_COUNT };
static const char *const billing_names[] = { [BILLING_MONTHLY] = "monthly", [BILLING_ANNUAL] = "annual" };
PC_CHECK_TABLE (billing_names, BILLING_COUNT);
static const PcParamSpec params[] = {
  [P_EDITION] = PC_CHOICE ("edition", "standard", edition_names, "QuickSight edition (the seed names Standard but quotes the Enterprise price)"),
  [P_AUTHORS] = PC_INT ("authors", "1", "users", 0, 100000, "users who build analyses and dashboards"),
  [P_READERS] = PC_INT ("readers", "0", "users", 0, 1000000, "read-only dashboard users (Enterprise only)"),
  [P_BILLING] = PC_CHOICE ("billing", "monthly", billing_names, "author billing: month-to-month or annual commitment (annual: Standard only)"),
  [P_SPICE] = PC_DOUBLE ("spice_gb", "0", "GB", 0, 1e7, "SPICE capacity in use (10 GB per author included)"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_USERS, M_SPICE_INCLUDED, M_SPICE_BILLED, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_USERS] = { "users", "users", "authors plus readers" },
  [M_SPICE_INCLUDED] = { "spice_included_gb", "GB", "SPICE capacity included with the authors" },
  [M_SPICE_BILLED] = { "spice_billed_gb", "GB", "SPICE capacity billed above the included allowance" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  double authors, readers, spice_gb;
  const char *author_item;
  const PcPrice *author, *reader, *spice;
} QuickSight;

static gboolean
check_edition (guint edition, guint billing, gint64 readers, GError **error)
{
  if (edition == EDITION_STANDARD && readers > 0) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "readers: Standard edition has no reader role (every user is an author); "
                 "set edition=enterprise or readers=0");
    return FALSE;
  }
  if (edition == EDITION_ENTERPRISE && billing == BILLING_ANNUAL) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "billing: the catalog has no annual Enterprise Author price (legacy $18 not encoded); "
                 "use billing=monthly with edition=enterprise");
    return FALSE;
  }
  return TRUE;
}

static gboolean
resolve_prices (QuickSight *q, guint edition, guint billing, const PcCatalog *catalog, GError **error)
{
  if (edition == EDITION_ENTERPRISE) {
    q->author_item = "Enterprise authors";
    return (q->author = pc_catalog_price (catalog, "quicksight.enterprise.author_month", error)) &&
           (q->reader = pc_catalog_price (catalog, "quicksight.enterprise.reader_month", error)) &&
           (q->spice = pc_catalog_price (catalog, "quicksight.spice.enterprise_gb_month", error));
  }
  gboolean annual = billing == BILLING_ANNUAL;
  q->author_item = annual ? "Standard authors (annual)" : "Standard authors (monthly)";
  return (q->author = pc_catalog_price (catalog, annual ? "quicksight.standard.author_annual_month"
                                                        : "quicksight.standard.author_month", error)) &&
         (q->spice = pc_catalog_price (catalog, "quicksight.spice.standard_gb_month", error));
}

static gpointer
quicksight_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree QuickSight *q = g_new0 (QuickSight, 1);
  guint edition = pc_config_choice (config, P_EDITION), billing = pc_config_choice (config, P_BILLING);
  gint64 readers = pc_config_int (config, P_READERS);
  if (!check_edition (edition, billing, readers, error))
    return NULL;
  q->authors = (double) pc_config_int (config, P_AUTHORS);
  q->readers = (double) readers;
  q->spice_gb = pc_config_double (config, P_SPICE);
  if (!resolve_prices (q, edition, billing, catalog, error))
    return NULL;
  return g_steal_pointer (&q);
}

static gboolean
quicksight_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const QuickSight *q = state;
  double included = q->authors * SPICE_GB_PER_AUTHOR;
  double billed = MAX (0.0, q->spice_gb - included);
  pc_result_charge (result, q->author_item, q->author, q->authors, ctx);
  if (q->reader)
    pc_result_charge (result, "Enterprise readers", q->reader, q->readers, ctx);
  if (billed > 0)
    pc_result_charge (result, "SPICE above included", q->spice, billed, ctx);
  pc_result_metric (result, M_USERS, q->authors + q->readers);
  pc_result_metric (result, M_SPICE_INCLUDED, included);
  pc_result_metric (result, M_SPICE_BILLED, billed);
  (void) demand;
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "quicksight",
                  .version = "1.0",
                  .summary = "QuickSight BI: Standard/Enterprise authors, readers, SPICE above included",
                  .stage = PC_STAGE_THIRD_PARTY,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = quicksight_create,
                  .step = quicksight_step,
                  .destroy = g_free)
