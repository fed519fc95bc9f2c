/* Tests of the kms plugin against hand-worked months.
 * Published prices (KMS feed 2025-08-28, the same in all three Regions):
 *   $1.00 per customer managed key-month; requests $0.03 per 10,000 after 20,000 free.
 *   Regions added in 2026-12: the same in the kms feed for Ireland and the others; the 20,000
 *   free requests are the KMS pricing page's (one allowance across all Regions). */
#include "testlib.h"

#include <math.h>

static void
test_one_key_sydney (void)
{
  g_test_summary ("1 key, 5,000 requests inside the free tier: $1.00");
  const char *sets[] = { NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("kms", "ap-southeast-2", sets);
  pc_assert_usd (pc_test_line_usd (r, "customer managed keys"), 1.00);
  pc_assert_usd (pc_test_line_usd (r, "requests"), 0.0);
  pc_assert_usd (pc_step_result_usd (r), 1.00);
}

static void
test_free_tier_edge_us_east_1 (void)
{
  g_test_summary ("20,000 requests are free, 120,000 pay for 100,000");
  const char *edge[] = { "service_requests=20000", NULL };
  g_autoptr (PcStepResult) e = pc_test_price ("kms", "us-east-1", edge);
  pc_assert_usd (pc_test_line_usd (e, "requests"), 0.0);
  const char *over[] = { "service_requests=120000", "keys=3", NULL };
  g_autoptr (PcStepResult) o = pc_test_price ("kms", "us-east-1", over);
  pc_assert_usd (pc_test_line_usd (o, "requests"), 100000 * 0.03 / 10000);   /* 0.30 */
  pc_assert_usd (pc_step_result_usd (o), 3.30);
}

static void
test_s3_without_bucket_keys_singapore (void)
{
  g_test_summary ("SSE-KMS without Bucket Keys: every S3 PUT and GET is a KMS request");
  const char *sets[] = { "object_puts=1000000", "object_gets=1000000", "s3_kms_share=1", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("kms", "ap-southeast-1", sets);
  pc_assert_usd (pc_test_line_quantity (r, "requests"), 2005000.0);
  pc_assert_usd (pc_test_line_usd (r, "requests"), (2005000 - 20000) * 0.03 / 10000);   /* 5.955 */
}

static void
test_ireland (void)
{
  g_test_summary ("Ireland: 2 keys and 50,000 requests: $2.00 + 30,000 x $0.03/10,000");
  const char *sets[] = { "keys=2", "service_requests=50000", NULL };
  g_autoptr (PcStepResult) r = pc_test_price ("kms", "eu-west-1", sets);
  pc_assert_usd (pc_test_line_usd (r, "customer managed keys"), 2 * 1.00);
  pc_assert_usd (pc_test_line_usd (r, "requests"), (50000 - 20000) * 0.03 / 10000);   /* 0.09 */
  pc_assert_usd (pc_step_result_usd (r), 2.09);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/plugin/kms/ap-southeast-2/one-key", test_one_key_sydney);
  g_test_add_func ("/plugin/kms/us-east-1/free-tier-edge", test_free_tier_edge_us_east_1);
  g_test_add_func ("/plugin/kms/ap-southeast-1/s3-without-bucket-keys", test_s3_without_bucket_keys_singapore);
  g_test_add_func ("/plugin/kms/eu-west-1/keys-and-requests", test_ireland);
  return g_test_run ();
}
