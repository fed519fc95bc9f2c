/* storage.c - see storage.h. */
#include "storage.h"

/* What each volume type allows (storage.h gives the sources). */
typedef struct {
  const char *name;
  double min_gb;                  /* smallest volume */
  double min_iops, max_iops;      /* provisionable IOPS (0, 0: none) */
  double max_iops_per_gb;         /* io1/io2 ratio limit; 0: none */
} RdsStorageRules;

static const RdsStorageRules rules[RDS_STORAGE_COUNT] = {
  [RDS_GP2] = { "gp2", 20, 0, 0, 0 },
  [RDS_GP3] = { "gp3", 20, 0, 64000, 0 },
  [RDS_IO1] = { "io1", 100, 1000, 256000, 50 },
  [RDS_IO2] = { "io2", 100, 1000, 256000, 1000 },
};

/* gp3's baselines and the size from which they rise. */
#define GP3_STRIPED_GB 400.0
#define GP3_SMALL_IOPS 3000.0
#define GP3_SMALL_MIBPS 125.0
#define GP3_LARGE_IOPS 12000.0
#define GP3_LARGE_MIBPS 500.0
#define IO_MIN_IOPS_PER_GB 0.5

const char *
rds_storage_name (RdsStorageType type)
{
  return rules[type].name;
}

static gboolean
refuse (GError **error, const char *format, ...) G_GNUC_PRINTF (2, 3);

static gboolean
refuse (GError **error, const char *format, ...)
{
  va_list args;
  va_start (args, format);
  g_autofree char *message = g_strdup_vprintf (format, args);
  va_end (args);
  g_set_error_literal (error, PC_PLUGIN_ERROR, PC_PLUGIN_ERROR_CONFIG, message);
  return FALSE;
}

static gboolean
check_gp3 (double allocated_gb, double iops, double throughput, GError **error)
{
  if (allocated_gb < GP3_STRIPED_GB && (iops > GP3_SMALL_IOPS || throughput > GP3_SMALL_MIBPS))
    return refuse (error, "storage_type gp3 below %.0f GiB has a fixed %.0f IOPS and %.0f MiB/s (iops %.0f, "
                   "throughput_mibps %.0f asked); allowed: iops at most %.0f and throughput_mibps at most %.0f, "
                   "or allocated_gb %.0f or more", GP3_STRIPED_GB, GP3_SMALL_IOPS, GP3_SMALL_MIBPS, iops, throughput,
                   GP3_SMALL_IOPS, GP3_SMALL_MIBPS, GP3_STRIPED_GB);
  if (iops > rules[RDS_GP3].max_iops)
    return refuse (error, "storage_type gp3 gives at most %.0f IOPS (iops %.0f asked); allowed: 0 to %.0f, or "
                   "storage_type io1 or io2", rules[RDS_GP3].max_iops, iops, rules[RDS_GP3].max_iops);
  return TRUE;
}

static gboolean
check_io (const RdsStorageRules *r, double allocated_gb, double iops, double throughput, GError **error)
{
  if (allocated_gb < r->min_gb)
    return refuse (error, "storage_type %s needs allocated_gb %.0f or more (%g asked)", r->name, r->min_gb,
                   allocated_gb);
  if (throughput > 0)
    return refuse (error, "storage_type %s takes no throughput_mibps (%g asked); allowed: 0", r->name, throughput);
  double most = MIN (r->max_iops, r->max_iops_per_gb * allocated_gb);
  double least = MAX (r->min_iops, IO_MIN_IOPS_PER_GB * allocated_gb);
  if (iops < least || iops > most)
    return refuse (error, "storage_type %s with allocated_gb %g needs iops between %.0f and %.0f (%.0f asked): "
                   "%.0f to %.0f, and %.1f to %.0f per GiB", r->name, allocated_gb, least, most, iops, r->min_iops,
                   r->max_iops, IO_MIN_IOPS_PER_GB, r->max_iops_per_gb);
  return TRUE;
}

gboolean
rds_volume_check (RdsStorageType type, double allocated_gb, double iops, double throughput, GError **error)
{
  const RdsStorageRules *r = &rules[type];
  switch (type) {
  case RDS_GP2:
    if (iops > 0 || throughput > 0)
      return refuse (error, "storage_type gp2 takes no provisioned iops or throughput_mibps (its IOPS are 3 per "
                     "GiB); allowed: 0, or storage_type gp3, io1 or io2");
    return TRUE;
  case RDS_GP3:
    return check_gp3 (allocated_gb, iops, throughput, error);
  case RDS_IO1:
  case RDS_IO2:
    return check_io (r, allocated_gb, iops, throughput, error);
  case RDS_STORAGE_COUNT:
    break;
  }
  g_return_val_if_reached (FALSE);
}

/* The price "rds.storage.<type>.<item>". */
static const PcPrice *
storage_price (const PcCatalog *catalog, RdsStorageType type, const char *item, GError **error)
{
  char key[96];
  g_snprintf (key, sizeof key, "rds.storage.%s.%s", rules[type].name, item);
  return pc_catalog_price (catalog, key, error);
}

gboolean
rds_volume_init (RdsVolume *volume, RdsStorageType type, double iops, double throughput, const char *az,
                 const PcCatalog *catalog, GError **error)
{
  char item[64];
  *volume = (RdsVolume) { .type = type, .iops = iops, .throughput = throughput };
  g_snprintf (item, sizeof item, "%s_gb_month", az);
  if (!(volume->gb_month = storage_price (catalog, type, item, error)))
    return FALSE;
  if (type != RDS_GP2 && iops > 0) {
    g_snprintf (item, sizeof item, "iops_%s_month", az);
    if (!(volume->iops_month = storage_price (catalog, type, item, error)))
      return FALSE;
  }
  if (type == RDS_GP3 && throughput > 0) {
    g_snprintf (item, sizeof item, "throughput_%s_mbps_month", az);
    if (!(volume->throughput_month = storage_price (catalog, type, item, error)))
      return FALSE;
  }
  return TRUE;
}

static double
gp3_baseline_iops (double storage_gb)
{
  return storage_gb < GP3_STRIPED_GB ? GP3_SMALL_IOPS : GP3_LARGE_IOPS;
}

double
rds_volume_iops (const RdsVolume *volume, double storage_gb)
{
  switch (volume->type) {
  case RDS_GP2:
    return CLAMP (3.0 * storage_gb, 100.0, 16000.0);
  case RDS_GP3:
    return MAX (volume->iops, gp3_baseline_iops (storage_gb));
  default:
    return volume->iops;
  }
}

double
rds_volume_billed_iops (const RdsVolume *volume, double storage_gb)
{
  if (volume->type == RDS_GP3)
    return MAX (0.0, volume->iops - gp3_baseline_iops (storage_gb));
  return volume->type == RDS_GP2 ? 0.0 : volume->iops;
}

double
rds_volume_billed_throughput (const RdsVolume *volume, double storage_gb)
{
  if (volume->type != RDS_GP3)
    return 0.0;
  return MAX (0.0, volume->throughput - (storage_gb < GP3_STRIPED_GB ? GP3_SMALL_MIBPS : GP3_LARGE_MIBPS));
}
