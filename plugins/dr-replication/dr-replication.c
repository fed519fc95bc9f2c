/* dr-replication - the cross-Region traffic of a passive DR standby.
 *
 * The seed's Phase 4 keeps a passive standby in ap-southeast-1 (Singapore).
 * The standby compute and database are ordinary components (ecs-fargate,
 * rds-postgres, ... declared with region="ap-southeast-1" standby="true"),
 * and the replica objects are stored by an s3 component declared in the DR
 * Region.  What is left, and what this component charges, is the data that
 * crosses Regions to keep the standby current:
 *   - database changes shipped to the cross-Region replica (WAL / backup
 *     replication): db_change_gb_per_month when set, else
 *     demand->db_storage_gb x change_rate;
 *   - S3 Cross-Region Replication of the objects written this month:
 *     demand->stored_gb_by_age[0] x s3_share.
 * Inter-Region transfer is billed by the SOURCE Region, so this component
 * lives in the home Region and is priced from its catalog:
 * data_transfer.inter_region.to_<dest_region>.gb.  Every pair of the
 * twelve Regions the catalogs hold is priced (data/pricing/README.md): the
 * rate depends on the source Region only (Sydney $0.098, Singapore and
 * Tokyo $0.09, Mumbai $0.086, Sao Paulo $0.138, North America and Europe
 * $0.02, us-east-1 <-> us-east-2 $0.01).  A DR Region equal to the home
 * Region is refused.
 *
 * Not charged here: replica storage and the replication PUT requests (billed
 * at the DESTINATION Region's S3 prices, i.e. by the s3 component in the DR
 * Region), S3 Replication Time Control and RDS cross-Region backup storage
 * (not in the catalog).
 *
 * Capacity.  Nothing here saturates; the component reports replicated_gb so
 * a trigger or the report can show the standby's running cost growing with
 * the data.
 *
 * Worked month (Sydney -> Singapore): a 20 GB database at change_rate 0.5
 * ships 10 GB, and 5 GB of new objects are replicated: 15 GB x $0.098 =
 * $1.47.  The same standby kept in Oregon for a Frankfurt business: 15 GB x
 * $0.02 = $0.30.
 */
#include <pc-plugin.h>

enum { P_DEST, P_DB_CHANGE, P_CHANGE_RATE, P_S3, P_S3_SHARE, P_COUNT };
/* The Regions the catalogs hold (data/pricing/aws-<region>.xml). */
static const char *const dest_region_names[] = {
  "us-east-1", "us-east-2", "us-west-2", "ca-central-1", "sa-east-1", "eu-west-1", "eu-west-2", "eu-central-1",
  "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-south-1",
};
static const PcParamSpec params[] = {
  [P_DEST] = PC_CHOICE ("dest_region", "ap-southeast-1", dest_region_names, "DR Region the data is copied to (the seed's is Singapore)"),
  [P_DB_CHANGE] = PC_DOUBLE ("db_change_gb_per_month", "0", "GB", 0, 1e9, "database change volume shipped per month; 0 derives it from db_storage_gb x change_rate"),
  [P_CHANGE_RATE] = PC_DOUBLE ("change_rate", "0.5", "ratio", 0, 100, "database change volume per month as a share of the database size"),
  [P_S3] = PC_BOOL ("s3_replication", "true", "replicate new S3 objects to the DR Region (CRR)"),
  [P_S3_SHARE] = PC_DOUBLE ("s3_share", "1.0", "ratio", 0, 1, "share of new objects the replication rule covers"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_REPLICATED, M_DB_GB, M_S3_GB, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_REPLICATED] = { "replicated_gb", "GB", "GB sent to the DR Region this month" },
  [M_DB_GB] = { "db_replicated_gb", "GB", "database change volume sent to the DR Region" },
  [M_S3_GB] = { "s3_replicated_gb", "GB", "new S3 objects replicated to the DR Region" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

typedef struct {
  double db_change_gb, change_rate, s3_share;
  gboolean s3;
  const PcPrice *transfer;
} DrReplication;

static gpointer
dr_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree DrReplication *d = g_new0 (DrReplication, 1);
  const char *dest = dest_region_names[pc_config_choice (config, P_DEST)];
  if (g_strcmp0 (pc_catalog_region (catalog), dest) == 0) {
    g_set_error (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG,
                 "dest_region=\"%s\" is this component's own Region; the DR Region must be another one", dest);
    return NULL;
  }
  d->db_change_gb = pc_config_double (config, P_DB_CHANGE);
  d->change_rate = pc_config_double (config, P_CHANGE_RATE);
  d->s3 = pc_config_bool (config, P_S3);
  d->s3_share = pc_config_double (config, P_S3_SHARE);
  /* ap-southeast-1 -> data_transfer.inter_region.to_ap_southeast_1.gb */
  g_autofree char *key = g_strdup_printf ("data_transfer.inter_region.to_%s.gb", dest);
  if (!(d->transfer = pc_catalog_price (catalog, g_strdelimit (key, "-", '_'), error)))
    return NULL;
  return g_steal_pointer (&d);
}

static gboolean
dr_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const DrReplication *d = state;
  double db_gb = d->db_change_gb > 0 ? d->db_change_gb : demand->db_storage_gb * d->change_rate;
  double written_gb = demand->n_ages > 0 && demand->stored_gb_by_age ? demand->stored_gb_by_age[0] : 0.0;
  double s3_gb = d->s3 ? written_gb * d->s3_share : 0.0;
  pc_result_charge (result, "database changes to DR Region", d->transfer, db_gb, ctx);
  if (d->s3)
    pc_result_charge (result, "S3 objects replicated to DR Region", d->transfer, s3_gb, ctx);
  pc_result_metric (result, M_REPLICATED, db_gb + s3_gb);
  pc_result_metric (result, M_DB_GB, db_gb);
  pc_result_metric (result, M_S3_GB, s3_gb);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "dr-replication",
                  .version = "1.1",
                  .summary = "Passive DR: inter-Region transfer of DB changes and new S3 objects",
                  .stage = PC_STAGE_STORAGE,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = dr_create,
                  .step = dr_step,
                  .destroy = g_free)
