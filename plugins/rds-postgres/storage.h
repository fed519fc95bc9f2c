/* storage.h - RDS storage volumes: gp2, gp3, io1 and io2, what each gives
 * (IOPS, throughput) and what is billed beyond the storage itself.
 *
 * From the RDS User Guide, "Amazon RDS DB instance storage"
 * (docs.aws.amazon.com/AmazonRDS/latest/UserGuide/CHAP_Storage.html), for
 * RDS for PostgreSQL:
 *   gp2  3 IOPS per GiB, at least 100 and at most 16,000; nothing to provision.
 *   gp3  below 400 GiB a fixed baseline of 3,000 IOPS and 125 MiB/s (nothing
 *        can be provisioned); from 400 GiB (RDS stripes four volumes) a
 *        baseline of 12,000 IOPS and 500 MiB/s, and up to 64,000 IOPS and
 *        4,000 MiB/s can be provisioned: what lies above the baseline is
 *        billed per IOPS-month and per MiB/s-month
 *        (rds.storage.gp3.iops_<az>_month, ..throughput_<az>_mbps_month).
 *   io1  at least 100 GiB; 1,000 to 256,000 provisioned IOPS, between 0.5
 *        and 50 per GiB (CreateDBInstance, Iops: "a multiple between .5 and
 *        50 of the storage amount"); every provisioned IOPS is billed.
 *   io2  Block Express: the same, up to 1,000 IOPS per GiB.
 * When the data outgrows allocated_gb the volume grows (rds-postgres.c), and
 * a gp3 volume that reaches 400 GiB gets the larger baseline: provisioned
 * IOPS at or below the baseline then cost nothing. */
#pragma once

#include <pc-plugin.h>

typedef enum { RDS_GP2, RDS_GP3, RDS_IO1, RDS_IO2, RDS_STORAGE_COUNT } RdsStorageType;

typedef struct {
  RdsStorageType type;
  double iops;                    /* provisioned IOPS (gp3: 0 or at most the baseline = none) */
  double throughput;              /* provisioned MiB/s (gp3 only) */
  const PcPrice *gb_month;        /* storage */
  const PcPrice *iops_month;      /* gp3, io1, io2; NULL for gp2 */
  const PcPrice *throughput_month;/* gp3; NULL otherwise */
} RdsVolume;

/* The catalog name of @type ("gp3"). */
const char *rds_storage_name (RdsStorageType type);
/* Checks @iops and @throughput against the rules above for a volume of
 * @allocated_gb; FALSE with PC_PLUGIN_ERROR_CONFIG saying why and what is
 * allowed. */
gboolean rds_volume_check (RdsStorageType type, double allocated_gb, double iops, double throughput,
                           GError **error);
/* Resolves the prices of a volume in deployment @az ("single_az" or
 * "multi_az"); call rds_volume_check first. */
gboolean rds_volume_init (RdsVolume *volume, RdsStorageType type, double iops, double throughput, const char *az,
                          const PcCatalog *catalog, GError **error);
/* The IOPS the volume gives when it holds @storage_gb. */
double rds_volume_iops (const RdsVolume *volume, double storage_gb);
/* Billed provisioned IOPS and MiB/s this month at @storage_gb. */
double rds_volume_billed_iops (const RdsVolume *volume, double storage_gb);
double rds_volume_billed_throughput (const RdsVolume *volume, double storage_gb);
