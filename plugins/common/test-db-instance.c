/* The shared database capacity model (db-instance.c) against hand-worked
 * values: the CPU credit balance carried from month to month, and the
 * cache that half an instance's memory gives. */
#include "testlib.h"

#include "db-instance.h"

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
  return g_test_run ();
}
