/* node-types.h - ElastiCache node types and their memory: facts, not prices.
 *
 * Which: every node type a shipped catalog prices as elasticache.<engine>.
 * <node>.hour (67: the current generation of AWS's "Supported node types"
 * page, docs.aws.amazon.com/AmazonElastiCache/latest/dg/CacheNodes.
 * SupportedTypes.html, which lists M7g, M6g, M5, M4, T4g, T3, T2, R7g,
 * R6g, R5, R4 and C7gn under "current generation").  Memory: the GiB AWS
 * publishes for each node type, as the "Memory" attribute of every item of
 * AWS's elasticache price feed (the pricing page's data; the copy of
 * 2025-03-14 data/pricing/README.md names), e.g. cache.t4g.micro 0.5,
 * cache.m7g.large 6.38, cache.r7g.large 13.07.
 *
 * Rows: X (name, memory GiB). */
#pragma once

#define CACHE_NODE_TYPES(X) \
  X ("cache.t2.micro", 0.555) \
  X ("cache.t2.small", 1.55) \
  X ("cache.t2.medium", 3.22) \
  X ("cache.t3.micro", 0.5) \
  X ("cache.t3.small", 1.37) \
  X ("cache.t3.medium", 3.09) \
  X ("cache.t4g.micro", 0.5) \
  X ("cache.t4g.small", 1.37) \
  X ("cache.t4g.medium", 3.09) \
  X ("cache.m4.large", 6.42) \
  X ("cache.m4.xlarge", 14.28) \
  X ("cache.m4.2xlarge", 29.7) \
  X ("cache.m4.4xlarge", 60.78) \
  X ("cache.m4.10xlarge", 154.64) \
  X ("cache.m5.large", 6.38) \
  X ("cache.m5.xlarge", 12.93) \
  X ("cache.m5.2xlarge", 26.04) \
  X ("cache.m5.4xlarge", 52.26) \
  X ("cache.m5.12xlarge", 157.12) \
  X ("cache.m5.24xlarge", 314.32) \
  X ("cache.m6g.large", 6.38) \
  X ("cache.m6g.xlarge", 12.93) \
  X ("cache.m6g.2xlarge", 26.04) \
  X ("cache.m6g.4xlarge", 52.26) \
  X ("cache.m6g.8xlarge", 103.68) \
  X ("cache.m6g.12xlarge", 157.12) \
  X ("cache.m6g.16xlarge", 209.55) \
  X ("cache.m7g.large", 6.38) \
  X ("cache.m7g.xlarge", 12.93) \
  X ("cache.m7g.2xlarge", 26.04) \
  X ("cache.m7g.4xlarge", 52.26) \
  X ("cache.m7g.8xlarge", 103.68) \
  X ("cache.m7g.12xlarge", 157.12) \
  X ("cache.m7g.16xlarge", 209.55) \
  X ("cache.r4.large", 12.3) \
  X ("cache.r4.xlarge", 25.05) \
  X ("cache.r4.2xlarge", 50.47) \
  X ("cache.r4.4xlarge", 101.38) \
  X ("cache.r4.8xlarge", 203.26) \
  X ("cache.r4.16xlarge", 407) \
  X ("cache.r5.large", 13.07) \
  X ("cache.r5.xlarge", 26.32) \
  X ("cache.r5.2xlarge", 52.82) \
  X ("cache.r5.4xlarge", 105.81) \
  X ("cache.r5.12xlarge", 317.77) \
  X ("cache.r5.24xlarge", 635.61) \
  X ("cache.r6g.large", 13.07) \
  X ("cache.r6g.xlarge", 26.32) \
  X ("cache.r6g.2xlarge", 52.82) \
  X ("cache.r6g.4xlarge", 105.81) \
  X ("cache.r6g.8xlarge", 209.55) \
  X ("cache.r6g.12xlarge", 317.77) \
  X ("cache.r6g.16xlarge", 419.09) \
  X ("cache.r7g.large", 13.07) \
  X ("cache.r7g.xlarge", 26.32) \
  X ("cache.r7g.2xlarge", 52.82) \
  X ("cache.r7g.4xlarge", 105.81) \
  X ("cache.r7g.8xlarge", 209.55) \
  X ("cache.r7g.12xlarge", 317.77) \
  X ("cache.r7g.16xlarge", 419.09) \
  X ("cache.c7gn.large", 3.09) \
  X ("cache.c7gn.xlarge", 6.38) \
  X ("cache.c7gn.2xlarge", 12.94) \
  X ("cache.c7gn.4xlarge", 26.05) \
  X ("cache.c7gn.8xlarge", 52.26) \
  X ("cache.c7gn.12xlarge", 78.56) \
  X ("cache.c7gn.16xlarge", 105.81)

