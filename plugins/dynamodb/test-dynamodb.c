/* Tests of the dynamodb plugin against hand-worked months.
 * Published prices (catalog, AWS dynamodb feed 2025-08-28; free tier from the
 * DynamoDB pricing page: 25 GB, 25 RCU, 25 WCU, always free):
 *   Sydney    on-demand RRU $0.0000001425, WRU $0.00000071; storage $0.285/GB-month;
 *             RCU-hour $0.000148, WCU-hour $0.00074; PITR $0.228, backup $0.114/GB-month
 *   us-east-1 on-demand RRU $0.000000125, WRU $0.000000625; storage $0.25; RCU-hour $0.00013,
 *             WCU-hour $0.00065 */
#include "testlib.h"

static void
test_worked_month_sydney (void)
{
  g_test_summary ("1M requests x 4 queries, 80 % eventual reads of 1 KB, 30 GB, on demand");
  const char *sets[] = { "requests=1000000", "db_queries_per_request=4", "db_read_share=0.8", "db_storage_gb=30", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("dynamodb", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "read request units"), 3.2e6 * 0.5 * 0.0000001425);    /* 0.228 */
  pc_assert_usd (pc_test_line_usd (r, "write request units"), 0.8e6 * 1 * 0.00000071);       /* 0.568 */
  pc_assert_usd (pc_test_line_usd (r, "table storage"), (30 - 25) * 0.285);                  /* 1.425 */
  pc_assert_usd (pc_step_result_usd (r), 0.228 + 0.568 + 1.425);
}

static void
test_item_sizes_us_east_1 (void)
{
  g_test_summary ("Strong reads of one 6 KB item (2 RRU), writes of 6 KB (6 WRU), no free tier, PITR + 2 backups");
  const char *sets[] = { "requests=2000000", "db_queries_per_request=2", "db_read_share=0.5",
                         "item_kb=6", "read_consistency=strong", "db_storage_gb=10", "free_tier=false", "pitr=true",
                         "backups_kept=2", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("dynamodb", "us-east-1", sets);
  pc_assert_usd (pc_test_line_quantity (r, "read request units"), 2e6 * 2 * 0.5 * 2);
  pc_assert_usd (pc_step_result_usd (r), 4e6 * 0.000000125 + 2e6 * 6 * 0.000000625 + 10 * 0.25 + 10 * 0.2 + 2 * 10 * 0.1);
}

static void
test_provisioned_sydney (void)
{
  g_test_summary ("Provisioned: 10 rps x 4 queries: 32 reads/s x 0.5 RRU / 0.7 -> 23 RCU, 8 writes/s / 0.7 -> 12 WCU; all inside the free 25");
  const char *sets[] = { "rps=10", "db_queries_per_request=4", "db_read_share=0.8", "capacity_mode=provisioned", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("dynamodb", "ap-southeast-2", sets);
  g_assert_cmpfloat (pc_test_metric ("dynamodb", r, "rcu_provisioned_peak"), ==, 23);   /* ceil(16 / 0.7) */
  g_assert_cmpfloat (pc_test_metric ("dynamodb", r, "wcu_provisioned_peak"), ==, 12);   /* ceil(8 / 0.7) */
  pc_assert_usd (pc_step_result_usd (r), 0.0);
  const char *busy[] = { "rps=100", "db_queries_per_request=4", "db_read_share=0.8", "capacity_mode=provisioned", NULL };
  g_autoptr (PcStepResult) b = pc_test_price ("dynamodb", "ap-southeast-2", busy);
  /* 160 RRU/s / 0.7 -> 229 RCU; 80 WRU/s / 0.7 -> 115 WCU; 25 of each free. */
  pc_assert_usd (pc_test_line_usd (b, "provisioned read capacity"), (229 - 25) * 730 * 0.000148);
  pc_assert_usd (pc_test_line_usd (b, "provisioned write capacity"), (115 - 25) * 730 * 0.00074);
}

static void
test_ia_provisioned_refused (void)
{
  const char *sets[] = { "capacity_mode=provisioned", "table_class=standard_ia", NULL };
  g_autoptr (GError) error = NULL;
  g_autoptr (PcStepResult) r = pc_test_price_error ("dynamodb", "ap-southeast-2", sets, &error);
  g_assert_null (r);
  g_assert_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/dynamodb/ap-southeast-2/worked-month", test_worked_month_sydney);
  g_test_add_func ("/plugin/dynamodb/us-east-1/item-sizes", test_item_sizes_us_east_1);
  g_test_add_func ("/plugin/dynamodb/ap-southeast-2/provisioned", test_provisioned_sydney);
  g_test_add_func ("/plugin/dynamodb/ia-provisioned-refused", test_ia_provisioned_refused);
  return g_test_run ();
}
