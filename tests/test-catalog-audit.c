/* catalog audit: sources listed once, ages counted from the stated date,
 * derived and undated prices marked, and the keys a plugin asks for that a
 * region lacks.  Fixture: tests/data/audit/aws-test-region-1.xml (its
 * comment says what it plants). */
#include "testlib.h"
#include "pc-catalog-audit.h"

static PcAudit *
audit_fixture (gboolean with_plugin)
{
  g_autoptr (GError) error = NULL;
  g_autofree char *dir = pc_test_data ("audit");
  g_autoptr (PcCatalog) catalog = pc_catalog_load_region (dir, "test-region-1", &error);
  g_assert_no_error (error);
  g_autoptr (GDate) today = g_date_new_dmy (1, G_DATE_DECEMBER, 2026);
  PcAudit *audit = pc_audit_new ();
  pc_audit_add_catalog (audit, catalog, today);
  if (with_plugin) {
    g_autoptr (PcHost) host = pc_host_new (NULL);
    const PcPlugin *nat = pc_host_get (host, "nat-gateway", &error);
    g_assert_no_error (error);
    pc_audit_add_plugin (audit, pc_plugin_info (nat), catalog);
  }
  return audit;
}

static const PcAuditPrice *
find_price (const PcAudit *audit, const char *key)
{
  for (guint i = 0; i < audit->prices->len; i++)
    if (g_str_equal (((PcAuditPrice *) audit->prices->pdata[i])->key, key))
      return audit->prices->pdata[i];
  g_assert_not_reached ();
}

static void
test_ages_and_marks (void)
{
  g_test_summary ("2025-11-30 to 2026-12-01 is 366 days; 2026-11-01 is 30 days; 'undated' has no age");
  g_autoptr (PcAudit) audit = audit_fixture (FALSE);
  g_assert_cmpuint (audit->prices->len, ==, 4);
  g_assert_cmpint (find_price (audit, "nat.hour")->age_days, ==, 366);
  g_assert_cmpint (find_price (audit, "vpc.public_ipv4.hour")->age_days, ==, 30);
  g_assert_cmpint (find_price (audit, "alb.lcu_hour")->age_days, ==, -1);
  g_assert_cmpstr (find_price (audit, "alb.hour")->derived, ==, "from a sibling region's ratio");
  g_assert_null (find_price (audit, "nat.hour")->derived);
  g_assert_cmpfloat (find_price (audit, "nat.hour")->usd, ==, 0.05);
}

static void
test_sources_once (void)
{
  g_test_summary ("Four prices cite two sources: the audit lists each source once and prices refer to it by id");
  g_autoptr (PcAudit) audit = audit_fixture (FALSE);
  g_assert_cmpuint (audit->sources->len, ==, 2);
  g_assert_cmpstr (find_price (audit, "alb.lcu_hour")->source, ==, "B");
  g_assert_cmpstr (find_price (audit, "nat.hour")->source, ==, "A");
}

static void
test_gap (void)
{
  g_test_summary ("nat-gateway reads nat.hour, nat.gb and vpc.public_ipv4.hour; the fixture lacks nat.gb");
  g_autoptr (PcAudit) audit = audit_fixture (TRUE);
  g_assert_cmpuint (audit->gaps->len, ==, 1);
  const PcAuditGap *gap = audit->gaps->pdata[0];
  g_assert_cmpstr (gap->plugin, ==, "nat-gateway");
  g_assert_cmpstr (gap->region, ==, "test-region-1");
  g_assert_cmpstr (gap->key, ==, "nat.gb");
  g_assert_cmpstr (gap->setting, ==, "defaults");
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/catalog/audit/ages-and-marks", test_ages_and_marks);
  g_test_add_func ("/catalog/audit/sources-once", test_sources_once);
  g_test_add_func ("/catalog/audit/gap", test_gap);
  return g_test_run ();
}
