/* db-classes.h - the DB instance classes of RDS for PostgreSQL and Aurora
 * PostgreSQL: vCPUs, memory and, for burstable classes, the CPU baseline.
 * Facts, not prices (prices are in data/pricing/).  Shared by the in-tree
 * database plugins; compiled into each module that uses it.
 *
 * Which classes: every class a shipped catalog prices as
 * rds.postgres.<class>.* or aurora.postgres.<class>.* (173; AWS's feeds of
 * 2025-04/05 list no db.m7i/db.r7i yet).  vCPU and memory: AWS, "Hardware
 * specifications for DB instance classes" (docs.aws.amazon.com/AmazonRDS/
 * latest/UserGuide/Concepts.DBInstanceClass.Summary.html) and its Aurora
 * twin (.../AuroraUserGuide/Concepts.DBInstanceClass.Summary.html); a DB
 * class has the hardware of the EC2 instance type of the same name (db.x2g
 * that of x2gd), so the rows were checked against the vCPU and Memory
 * attributes of AWS's EC2 price feed (ec2-ondemand-without-sec-sel, us-east-1,
 * 2025-04-04, the copy data/pricing/README.md names).  Baseline: the share
 * of each vCPU a burstable class may use without spending credits, from the
 * EC2 table "CPU credits and baseline utilization" (docs.aws.amazon.com/
 * AWSEC2/latest/UserGuide/burstable-credits-baseline-concepts.html): credits
 * earned an hour / 60 / vCPUs, t3 and t4g alike: micro 12/60/2 = 10 %,
 * small and medium 20 %, large 30 %, xlarge and 2xlarge 40 %.  Every other
 * class has no credits (baseline 0 here): it may use all its vCPUs, and
 * nothing about credits is billed or reported for it.
 *
 * Rows: X (name, vCPU, memory GiB, baseline share of a vCPU or 0). */
#pragma once

#include <glib.h>

#define DB_CLASSES(X) \
  X ("db.t3.micro", 2, 1, 0.10) \
  X ("db.t3.small", 2, 2, 0.20) \
  X ("db.t3.medium", 2, 4, 0.20) \
  X ("db.t3.large", 2, 8, 0.30) \
  X ("db.t3.xlarge", 4, 16, 0.40) \
  X ("db.t3.2xlarge", 8, 32, 0.40) \
  X ("db.t4g.micro", 2, 1, 0.10) \
  X ("db.t4g.small", 2, 2, 0.20) \
  X ("db.t4g.medium", 2, 4, 0.20) \
  X ("db.t4g.large", 2, 8, 0.30) \
  X ("db.t4g.xlarge", 4, 16, 0.40) \
  X ("db.t4g.2xlarge", 8, 32, 0.40) \
  X ("db.m5.large", 2, 8, 0) \
  X ("db.m5.xlarge", 4, 16, 0) \
  X ("db.m5.2xlarge", 8, 32, 0) \
  X ("db.m5.4xlarge", 16, 64, 0) \
  X ("db.m5.8xlarge", 32, 128, 0) \
  X ("db.m5.12xlarge", 48, 192, 0) \
  X ("db.m5.16xlarge", 64, 256, 0) \
  X ("db.m5.24xlarge", 96, 384, 0) \
  X ("db.m5d.large", 2, 8, 0) \
  X ("db.m5d.xlarge", 4, 16, 0) \
  X ("db.m5d.2xlarge", 8, 32, 0) \
  X ("db.m5d.4xlarge", 16, 64, 0) \
  X ("db.m5d.8xlarge", 32, 128, 0) \
  X ("db.m5d.12xlarge", 48, 192, 0) \
  X ("db.m5d.16xlarge", 64, 256, 0) \
  X ("db.m5d.24xlarge", 96, 384, 0) \
  X ("db.m6g.large", 2, 8, 0) \
  X ("db.m6g.xlarge", 4, 16, 0) \
  X ("db.m6g.2xlarge", 8, 32, 0) \
  X ("db.m6g.4xlarge", 16, 64, 0) \
  X ("db.m6g.8xlarge", 32, 128, 0) \
  X ("db.m6g.12xlarge", 48, 192, 0) \
  X ("db.m6g.16xlarge", 64, 256, 0) \
  X ("db.m6gd.large", 2, 8, 0) \
  X ("db.m6gd.xlarge", 4, 16, 0) \
  X ("db.m6gd.2xlarge", 8, 32, 0) \
  X ("db.m6gd.4xlarge", 16, 64, 0) \
  X ("db.m6gd.8xlarge", 32, 128, 0) \
  X ("db.m6gd.12xlarge", 48, 192, 0) \
  X ("db.m6gd.16xlarge", 64, 256, 0) \
  X ("db.m6i.large", 2, 8, 0) \
  X ("db.m6i.xlarge", 4, 16, 0) \
  X ("db.m6i.2xlarge", 8, 32, 0) \
  X ("db.m6i.4xlarge", 16, 64, 0) \
  X ("db.m6i.8xlarge", 32, 128, 0) \
  X ("db.m6i.12xlarge", 48, 192, 0) \
  X ("db.m6i.16xlarge", 64, 256, 0) \
  X ("db.m6i.24xlarge", 96, 384, 0) \
  X ("db.m6i.32xlarge", 128, 512, 0) \
  X ("db.m6id.large", 2, 8, 0) \
  X ("db.m6id.xlarge", 4, 16, 0) \
  X ("db.m6id.2xlarge", 8, 32, 0) \
  X ("db.m6id.4xlarge", 16, 64, 0) \
  X ("db.m6id.8xlarge", 32, 128, 0) \
  X ("db.m6id.12xlarge", 48, 192, 0) \
  X ("db.m6id.16xlarge", 64, 256, 0) \
  X ("db.m6id.24xlarge", 96, 384, 0) \
  X ("db.m6id.32xlarge", 128, 512, 0) \
  X ("db.m6idn.large", 2, 8, 0) \
  X ("db.m6idn.xlarge", 4, 16, 0) \
  X ("db.m6idn.2xlarge", 8, 32, 0) \
  X ("db.m6idn.4xlarge", 16, 64, 0) \
  X ("db.m6idn.8xlarge", 32, 128, 0) \
  X ("db.m6idn.12xlarge", 48, 192, 0) \
  X ("db.m6idn.16xlarge", 64, 256, 0) \
  X ("db.m6idn.24xlarge", 96, 384, 0) \
  X ("db.m6idn.32xlarge", 128, 512, 0) \
  X ("db.m6in.large", 2, 8, 0) \
  X ("db.m6in.xlarge", 4, 16, 0) \
  X ("db.m6in.2xlarge", 8, 32, 0) \
  X ("db.m6in.4xlarge", 16, 64, 0) \
  X ("db.m6in.8xlarge", 32, 128, 0) \
  X ("db.m6in.12xlarge", 48, 192, 0) \
  X ("db.m6in.16xlarge", 64, 256, 0) \
  X ("db.m6in.24xlarge", 96, 384, 0) \
  X ("db.m6in.32xlarge", 128, 512, 0) \
  X ("db.m7g.large", 2, 8, 0) \
  X ("db.m7g.xlarge", 4, 16, 0) \
  X ("db.m7g.2xlarge", 8, 32, 0) \
  X ("db.m7g.4xlarge", 16, 64, 0) \
  X ("db.m7g.8xlarge", 32, 128, 0) \
  X ("db.m7g.12xlarge", 48, 192, 0) \
  X ("db.m7g.16xlarge", 64, 256, 0) \
  X ("db.r5.large", 2, 16, 0) \
  X ("db.r5.xlarge", 4, 32, 0) \
  X ("db.r5.2xlarge", 8, 64, 0) \
  X ("db.r5.4xlarge", 16, 128, 0) \
  X ("db.r5.8xlarge", 32, 256, 0) \
  X ("db.r5.12xlarge", 48, 384, 0) \
  X ("db.r5.16xlarge", 64, 512, 0) \
  X ("db.r5.24xlarge", 96, 768, 0) \
  X ("db.r5b.large", 2, 16, 0) \
  X ("db.r5b.xlarge", 4, 32, 0) \
  X ("db.r5b.2xlarge", 8, 64, 0) \
  X ("db.r5b.4xlarge", 16, 128, 0) \
  X ("db.r5b.8xlarge", 32, 256, 0) \
  X ("db.r5b.12xlarge", 48, 384, 0) \
  X ("db.r5b.16xlarge", 64, 512, 0) \
  X ("db.r5b.24xlarge", 96, 768, 0) \
  X ("db.r5d.large", 2, 16, 0) \
  X ("db.r5d.xlarge", 4, 32, 0) \
  X ("db.r5d.2xlarge", 8, 64, 0) \
  X ("db.r5d.4xlarge", 16, 128, 0) \
  X ("db.r5d.8xlarge", 32, 256, 0) \
  X ("db.r5d.12xlarge", 48, 384, 0) \
  X ("db.r5d.16xlarge", 64, 512, 0) \
  X ("db.r5d.24xlarge", 96, 768, 0) \
  X ("db.r6g.large", 2, 16, 0) \
  X ("db.r6g.xlarge", 4, 32, 0) \
  X ("db.r6g.2xlarge", 8, 64, 0) \
  X ("db.r6g.4xlarge", 16, 128, 0) \
  X ("db.r6g.8xlarge", 32, 256, 0) \
  X ("db.r6g.12xlarge", 48, 384, 0) \
  X ("db.r6g.16xlarge", 64, 512, 0) \
  X ("db.r6gd.large", 2, 16, 0) \
  X ("db.r6gd.xlarge", 4, 32, 0) \
  X ("db.r6gd.2xlarge", 8, 64, 0) \
  X ("db.r6gd.4xlarge", 16, 128, 0) \
  X ("db.r6gd.8xlarge", 32, 256, 0) \
  X ("db.r6gd.12xlarge", 48, 384, 0) \
  X ("db.r6gd.16xlarge", 64, 512, 0) \
  X ("db.r6i.large", 2, 16, 0) \
  X ("db.r6i.xlarge", 4, 32, 0) \
  X ("db.r6i.2xlarge", 8, 64, 0) \
  X ("db.r6i.4xlarge", 16, 128, 0) \
  X ("db.r6i.8xlarge", 32, 256, 0) \
  X ("db.r6i.12xlarge", 48, 384, 0) \
  X ("db.r6i.16xlarge", 64, 512, 0) \
  X ("db.r6i.24xlarge", 96, 768, 0) \
  X ("db.r6i.32xlarge", 128, 1024, 0) \
  X ("db.r6id.large", 2, 16, 0) \
  X ("db.r6id.xlarge", 4, 32, 0) \
  X ("db.r6id.2xlarge", 8, 64, 0) \
  X ("db.r6id.4xlarge", 16, 128, 0) \
  X ("db.r6id.8xlarge", 32, 256, 0) \
  X ("db.r6id.12xlarge", 48, 384, 0) \
  X ("db.r6id.16xlarge", 64, 512, 0) \
  X ("db.r6id.24xlarge", 96, 768, 0) \
  X ("db.r6id.32xlarge", 128, 1024, 0) \
  X ("db.r6idn.large", 2, 16, 0) \
  X ("db.r6idn.xlarge", 4, 32, 0) \
  X ("db.r6idn.2xlarge", 8, 64, 0) \
  X ("db.r6idn.4xlarge", 16, 128, 0) \
  X ("db.r6idn.8xlarge", 32, 256, 0) \
  X ("db.r6idn.12xlarge", 48, 384, 0) \
  X ("db.r6idn.16xlarge", 64, 512, 0) \
  X ("db.r6idn.24xlarge", 96, 768, 0) \
  X ("db.r6idn.32xlarge", 128, 1024, 0) \
  X ("db.r6in.large", 2, 16, 0) \
  X ("db.r6in.xlarge", 4, 32, 0) \
  X ("db.r6in.2xlarge", 8, 64, 0) \
  X ("db.r6in.4xlarge", 16, 128, 0) \
  X ("db.r6in.8xlarge", 32, 256, 0) \
  X ("db.r6in.12xlarge", 48, 384, 0) \
  X ("db.r6in.16xlarge", 64, 512, 0) \
  X ("db.r6in.24xlarge", 96, 768, 0) \
  X ("db.r6in.32xlarge", 128, 1024, 0) \
  X ("db.r7g.large", 2, 16, 0) \
  X ("db.r7g.xlarge", 4, 32, 0) \
  X ("db.r7g.2xlarge", 8, 64, 0) \
  X ("db.r7g.4xlarge", 16, 128, 0) \
  X ("db.r7g.8xlarge", 32, 256, 0) \
  X ("db.r7g.12xlarge", 48, 384, 0) \
  X ("db.r7g.16xlarge", 64, 512, 0) \
  X ("db.x2g.large", 2, 32, 0) \
  X ("db.x2g.xlarge", 4, 64, 0) \
  X ("db.x2g.2xlarge", 8, 128, 0) \
  X ("db.x2g.4xlarge", 16, 256, 0) \
  X ("db.x2g.8xlarge", 32, 512, 0) \
  X ("db.x2g.12xlarge", 48, 768, 0) \
  X ("db.x2g.16xlarge", 64, 1024, 0)

typedef struct {
  const char *name;     /* "db.m7g.large" */
  double vcpu, memory_gib;
  double baseline;      /* burstable: share of each vCPU earned as credits; 0: not burstable */
} DbClass;

/* The class named @name ("db.r7g.large"), or NULL. */
const DbClass *db_class_find (const char *name);
/* Whether @cls runs on CPU credits (T classes). */
gboolean db_class_burstable (const DbClass *cls);
/* The catalog segment of @cls: its name with dots as '_' ("db_r7g_large"). */
void db_class_key (const DbClass *cls, char *key, gsize size);
/* The catalog key of the surplus-credit price of a burstable @cls:
 * "rds.cpu_credit.<family>_vcpu_hour" (t3, t4g). */
void db_class_credit_key (const DbClass *cls, char *key, gsize size);
