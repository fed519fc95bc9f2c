/* The shared database model (db-instance.c, db-classes.c, db-serverless.c) against hand-worked
 * values: the CPU credit balance carried from month to month, and the
 * cache that half an instance's memory gives. */
#include "testlib.h"

#include "db-classes.h"
#include "db-instance.h"
#include "db-serverless.h"

/* A month of @vcpu_hours of use on an instance (credit_vcpu_hours only). */
static DbLoad
month_using (double vcpu_hours)
{
  DbLoad load = { 730, vcpu_hours, vcpu_hours, 0, 0 };
  return load;
}

static void
test_credit_balance (void)
{
  g_test_summary ("db.t4g.micro earns 0.1 x 2 x 730 = 146 vCPU-h a month and banks at most 24 h of it (4.8):"
                  " 100 used banks 4.8; 150 used draws 4 of them (no surplus, where 4 would be billed without a"
                  " balance); 160 used leaves 13.2 unpaid");
  DbCredits credits = { 0 };
  DbLoad first = month_using (100), second = month_using (150), third = month_using (160);
  g_assert_cmpfloat (db_credits_cap (2, 0.1), ==, 24 * 0.1 * 2);
  g_assert_cmpfloat_with_epsilon (db_credits_spend (&credits, &first, 2, 0.1), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (credits.balance, 4.8, 1e-12);
  g_assert_cmpfloat_with_epsilon (db_credits_spend (&credits, &second, 2, 0.1), 0, 1e-12);
  g_assert_cmpfloat_with_epsilon (credits.balance, 4.8 + 146 - 150, 1e-12);
  g_assert_cmpfloat_with_epsilon (db_credits_spend (&credits, &third, 2, 0.1), 160 - 146 - 0.8, 1e-12);
  g_assert_cmpfloat (credits.balance, ==, 0);
  g_assert_cmpfloat_with_epsilon (db_credits_spend (NULL, &second, 2, 0.1), 150 - 146, 1e-12);   /* no memory */
  g_assert_cmpfloat (db_credits_spend (&credits, &third, 2, 1.0), ==, 0);                       /* not burstable */
  g_assert_cmpfloat (db_credits_spend (&credits, &third, 2, 0.0), ==, 0);                       /* no credits */
  g_assert_cmpfloat (db_credits_cap (2, 0.0), ==, 0);
}

static void
test_class_table (void)
{
  g_test_summary ("Baselines are the EC2 table's credits earned an hour / 60 / vCPUs (t4g.large 36, t3.xlarge 96,"
                  " t4g.micro 12); only T classes burn credits; keys spell dots as '_'");
  const DbClass *large = db_class_find ("db.t4g.large"), *xlarge = db_class_find ("db.t3.xlarge");
  const DbClass *micro = db_class_find ("db.t4g.micro"), *m7g = db_class_find ("db.m7g.large");
  g_assert_cmpfloat_with_epsilon (large->baseline, 36.0 / 60 / 2, 1e-12);
  g_assert_cmpfloat_with_epsilon (xlarge->baseline, 96.0 / 60 / 4, 1e-12);
  g_assert_cmpfloat_with_epsilon (micro->baseline, 12.0 / 60 / 2, 1e-12);
  g_assert_true (db_class_burstable (large) && !db_class_burstable (m7g));
  g_assert_cmpfloat (m7g->vcpu, ==, 2);
  g_assert_cmpfloat (m7g->memory_gib, ==, 8);
  g_assert_cmpfloat (db_class_find ("db.x2g.large")->memory_gib, ==, 32);   /* 16 GiB per vCPU */
  g_assert_null (db_class_find ("db.m7i.large"));
  char key[64];
  db_class_key (m7g, key, sizeof key);
  g_assert_cmpstr (key, ==, "db_m7g_large");
  db_class_credit_key (xlarge, key, sizeof key);
  g_assert_cmpstr (key, ==, "rds.cpu_credit.t3_vcpu_hour");
  db_class_credit_key (large, key, sizeof key);
  g_assert_cmpstr (key, ==, "rds.cpu_credit.t4g_vcpu_hour");
}

static void
test_serverless_steps (void)
{
  g_test_summary ("ACUs = vCPU / 0.25 rounded up to 0.5, within [min, max]: 0.2 vCPU -> 1, 0.5 -> 2, 0 -> min,"
                  " 10 vCPU -> 40 capped at 16");
  PcDemand d = { .n_levels = 4, .peak_factor = 1, .db_queries_per_request = 1, .db_cpu_ms_per_query = 1000 };
  const double rps[] = { 0.2, 0.5, 0, 10 };
  for (guint k = 0; k < 4; k++) {
    d.level_rps[k] = rps[k];
    d.level_hours[k] = 100;
  }
  double acu[PC_MAX_LEVELS];
  db_serverless_acus (&d, 1.0, 0.5, 16, acu);
  g_assert_cmpfloat (acu[0], ==, 1.0);
  g_assert_cmpfloat (acu[1], ==, 2.0);
  g_assert_cmpfloat (acu[2], ==, 0.5);
  g_assert_cmpfloat (acu[3], ==, 16);
  g_assert_cmpfloat (acu[4], ==, 0);
  g_assert_cmpfloat (db_serverless_acu_hours (&d, acu), ==, 100 * (1.0 + 2.0 + 0.5 + 16));
  g_assert_cmpfloat (db_serverless_peak_need (&d, 1.0, 0.5), ==, 40);
  g_assert_cmpfloat (db_serverless_busiest (&d, acu), ==, 16);
}

static void
test_cache (void)
{
  g_test_summary ("effective_cache_size is DBInstanceClassMemory / 16384 pages of 8 KiB: half the memory");
  g_assert_cmpfloat (db_cache_gb (1), ==, 0.5);
  g_assert_cmpfloat (db_cache_gb (4), ==, 2);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/db-instance/credit-balance", test_credit_balance);
  g_test_add_func ("/plugin/db-instance/cache", test_cache);
  g_test_add_func ("/plugin/db-instance/class-table", test_class_table);
  g_test_add_func ("/plugin/db-instance/serverless-steps", test_serverless_steps);
  return g_test_run ();
}
