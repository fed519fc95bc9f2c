/* data-transfer - EC2-family data transfer: internet egress, inter-AZ, inter-Region.
 *
 * Internet egress is the dynamic responses that reach users straight from
 * the origin (demand->egress_gb: CloudFront serves the static assets), plus
 * static_egress_gb when include_static says the assets are served from the
 * origin without a CDN, plus other_egress_gb (e.g. outbound calls leaving
 * through a NAT gateway), at the tiered data_transfer.internet_out.gb.  Its
 * first 100 GB a month are free, ONE allowance per account across all
 * services and Regions (CloudFront's 1 TB is separate).
 *
 * Inter-AZ traffic (inter_az_gb crossing AZs one way, e.g. tasks reading a
 * database or cache in the other AZ) is billed in EACH direction: the sending
 * AZ bills data out and the receiving AZ data in, so the quantity charged at
 * data_transfer.inter_az.gb is 2 x inter_az_gb ($0.01/GB each way in all
 * twelve Regions).  ALB-to-target traffic across AZs and RDS Multi-AZ
 * replication are free and are not counted.
 *
 * Inter-Region replication (replication_gb to dest_region, e.g. the
 * disaster-recovery copy to Singapore) is billed by the source Region at
 * data_transfer.inter_region.to_<dest>.gb; every pair of the twelve Regions
 * the catalogs hold is priced (the source Region sets the rate: $0.02 from
 * North America and Europe, $0.01 between us-east-1 and us-east-2, $0.09
 * from Tokyo and Singapore, $0.098 from Sydney, $0.086 from Mumbai, $0.138
 * from Sao Paulo).  A Region has no price for transfer to itself, so that
 * setting fails in create() naming the key.  The inter-AZ and inter-Region
 * prices are looked up only when that traffic is modelled.
 *
 * Worked month (Sydney): 150 GB of dynamic responses: (150 - 100 free) x
 * $0.114 = $5.70; 20 GB between AZs: 40 GB x $0.01 = $0.40; 30 GB replicated
 * to Singapore x $0.098 = $2.94; $9.04 in all.  The same month in Singapore
 * replicating to Tokyo: 50 x $0.12 + 40 x $0.01 + 30 x $0.09 = $9.10.
 */
#include <pc-plugin.h>

enum { P_INCLUDE_STATIC, P_OTHER_EGRESS, P_INTER_AZ, P_REPLICATION, P_DEST, P_COUNT };
/* The Regions the catalogs hold (data/pricing/aws-<region>.xml). */
static const char *const dest_region_names[] = {
  "us-east-1", "us-east-2", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-central-1",
  "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-south-1",
};
static const PcParamSpec params[] = {
  [P_INCLUDE_STATIC] = PC_BOOL ("include_static", "false", "static assets are served to the internet from the origin (no CDN)"),
  [P_OTHER_EGRESS] = PC_DOUBLE ("other_egress_gb", "0", "GB", 0, 1e9, "other GB a month to the internet (outbound calls through a NAT gateway)"),
  [P_INTER_AZ] = PC_DOUBLE ("inter_az_gb", "0", "GB", 0, 1e9, "GB a month crossing Availability Zones (one way; billed in both directions)"),
  [P_REPLICATION] = PC_DOUBLE ("replication_gb", "0", "GB", 0, 1e9, "GB a month replicated to another Region"),
  [P_DEST] = PC_CHOICE ("dest_region", "ap-southeast-1", dest_region_names, "Region receiving the replication"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_INTERNET_GB, M_INTER_AZ_GB, M_REPLICATION_GB, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_INTERNET_GB] = { "internet_egress_gb", "GB", "GB to the internet this month" },
  [M_INTER_AZ_GB] = { "inter_az_gb", "GB", "GB billed between AZs (both directions)" },
  [M_REPLICATION_GB] = { "replication_gb", "GB", "GB sent to the other Region" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  gboolean include_static;
  double other_egress_gb, inter_az_gb, replication_gb;
  const PcPrice *internet, *inter_az, *inter_region;
} Transfer;

static gpointer
transfer_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Transfer *t = g_new0 (Transfer, 1);
  t->include_static = pc_config_bool (config, P_INCLUDE_STATIC);
  t->other_egress_gb = pc_config_double (config, P_OTHER_EGRESS);
  t->inter_az_gb = pc_config_double (config, P_INTER_AZ);
  t->replication_gb = pc_config_double (config, P_REPLICATION);
  if (!(t->internet = pc_catalog_price (catalog, "data_transfer.internet_out.gb", error)))
    return NULL;
  if (t->inter_az_gb > 0 && !(t->inter_az = pc_catalog_price (catalog, "data_transfer.inter_az.gb", error)))
    return NULL;
  if (t->replication_gb > 0) {
    /* ap-southeast-1 -> data_transfer.inter_region.to_ap_southeast_1.gb */
    g_autofree char *key = g_strdup_printf ("data_transfer.inter_region.to_%s.gb",
                                            dest_region_names[pc_config_choice (config, P_DEST)]);
    if (!(t->inter_region = pc_catalog_price (catalog, g_strdelimit (key, "-", '_'), error)))
      return NULL;
  }
  return g_steal_pointer (&t);
}

static gboolean
transfer_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Transfer *t = state;
  double internet = demand->egress_gb + (t->include_static ? demand->static_egress_gb : 0.0) + t->other_egress_gb;
  pc_result_charge (result, "internet egress", t->internet, internet, ctx);
  if (t->inter_az)
    pc_result_charge (result, "inter-AZ (both directions)", t->inter_az, 2.0 * t->inter_az_gb, ctx);
  if (t->inter_region)
    pc_result_charge (result, "inter-Region replication", t->inter_region, t->replication_gb, ctx);
  pc_result_metric (result, M_INTERNET_GB, internet);
  pc_result_metric (result, M_INTER_AZ_GB, 2.0 * t->inter_az_gb);
  pc_result_metric (result, M_REPLICATION_GB, t->replication_gb);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "data-transfer",
                  .version = "1.1",
                  .summary = "Data transfer: internet egress tiers, inter-AZ, inter-Region replication",
                  .stage = PC_STAGE_NETWORK,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = transfer_create,
                  .step = transfer_step,
                  .destroy = g_free)
