/* alb - Application Load Balancer: hours, LCUs from the traffic shape, public IPv4.
 *
 * LCUs.  AWS bills each hour the highest of four dimensions, one LCU being
 *   25 new connections per second, 3,000 active connections (per minute),
 *   1 GB processed per hour (EC2/IP/container targets), 1,000 rule
 *   evaluations per second (the first 10 rules of a request are free).
 * For every load level k of the month (hours_k hours at rps_k, demand->level_*),
 * an hour of it has
 *   new_k    = rps_k / requests_per_connection                      (conn/s)
 *   active_k = new_k x connection_duration_s       (Little's law; concurrent)
 *   gb_k     = egress_gb x rps_k / sum_j(rps_j hours_j)  (responses)
 *            + rps_k x 3600 x request_kb x 1000 / 1e9      (requests)
 *   rules_k  = rps_k x max(0, rules - 10)                  (evaluations/s)
 *   lcu_k    = max(new_k / 25, active_k / 3000, gb_k / 1, rules_k / 1000)
 * LCU-hours this month = sum over the levels of lcu_k x hours_k.  The
 * hourly mean rate is used, as AWS meters each hour's averages; the
 * sub-hour peak (peak_factor) does not enter the bill.
 * Closed form.  Every dimension is proportional to the level's rate (the
 * responses' GB too, being spread over the month by request-hours), so
 * lcu_k = rps_k x c with one c for the month: the billed dimension is the
 * same at every level with traffic, the busiest level (the highest rate)
 * has the peak, and sum_k lcu_k hours_k = c x sum_k rps_k
 * hours_k = lcu_peak / rps_peak x request-hours.  Only that level's
 * dimensions are computed; the result equals the level-by-level sum up to
 * rounding.  A month without request-hours spreads the responses' GB
 * evenly over its hours instead: every level with hours has no traffic,
 * so its LCUs are those GB per hour alone.  GB are decimal, as
 * in AWS's examples (300 KB/s x 3,600 s = 1.08 GB).  These definitions
 * reproduce AWS's own pricing-page example (1 new connection/s held 2 min,
 * 5 rps, 300 KB/s, 60 rules -> 0.04, 0.04, 1.08 and 0.25 LCU, $0.00864 an
 * hour): test /plugin/alb/us-east-1/aws-pricing-example, with its sources.
 *
 * Cost: 730 ALB-hours x alb.hour, LCU-hours x alb.lcu_hour and, for an
 * internet-facing ALB, one in-use public IPv4 address per AZ (subnet) x 730 h
 * x vpc.public_ipv4.hour: AWS has billed every public IPv4 address
 * separately since February 2024, so an ALB in 2 AZs costs 2 addresses more
 * than its own hourly rate.  Data transfer out is the data-transfer plugin's.
 *
 * Worked month (Sydney): flat 10 rps, 100 GB of responses, 2 KB requests,
 * 10 requests per connection held 60 s, 5 rules, 2 AZs.  new 1/s -> 0.04,
 * active 60 -> 0.02, GB/h 100/730 + 10 x 3600 x 2000 / 1e9 = 0.2090 -> 0.2090,
 * rules 0 -> processed bytes dominate at 0.2090 LCU; 730 h x 0.2090 =
 * 152.56 LCU-h x $0.008 = $1.22; 730 h x $0.0252 = $18.40; 2 x 730 x $0.005
 * = $7.30 for the addresses; $26.92 in all.
 */
#include <pc-plugin.h>

#define FREE_RULES 10.0
#define LCU_NEW_PER_S 25.0
#define LCU_ACTIVE 3000.0
#define LCU_GB_PER_HOUR 1.0
#define LCU_RULES_PER_S 1000.0

enum { P_REQ_PER_CONN, P_CONN_DURATION, P_REQUEST_KB, P_RULES, P_AZS, P_INTERNET_FACING, P_COUNT };
static const PcParamSpec params[] = {
  [P_REQ_PER_CONN] = PC_DOUBLE ("requests_per_connection", "10", "requests", 1, 1e6, "HTTP requests a client sends over one connection (keep-alive)"),
  [P_CONN_DURATION] = PC_DOUBLE ("connection_duration_s", "60", "s", 0, 86400, "how long a client connection stays open (the ALB idle timeout is 60 s)"),
  [P_REQUEST_KB] = PC_DOUBLE ("request_kb", "2", "KB", 0, 1e6, "request size (headers + body) processed inbound"),
  [P_RULES] = PC_INT ("rules", "5", "rules", 0, 1000, "listener rules evaluated per request (first 10 free)"),
  [P_AZS] = PC_INT ("azs", "2", "AZs", 2, 6, "Availability Zones (subnets) the ALB spans; at least 2"),
  [P_INTERNET_FACING] = PC_BOOL ("internet_facing", "true", "internet-facing: one public IPv4 per AZ"),
};
PC_CHECK_TABLE (params, P_COUNT);

enum { M_LCU_AVG, M_LCU_PEAK, M_PEAK_DIMENSION, M_LCU_HOURS, M_NEW_CONN_PEAK, M_ACTIVE_PEAK, M_GB_HOUR_PEAK, M_RULE_EVAL_PEAK, M_COUNT };
static const PcMetricSpec metrics[] = {
  [M_LCU_AVG] = { "lcu_avg", "LCU", "mean LCUs over the day" },
  [M_LCU_PEAK] = { "lcu_peak", "LCU", "LCUs at the busiest hour" },
  [M_PEAK_DIMENSION] = { "peak_dimension", "index",
    "dimension billed at the busiest hour: 0 new connections, 1 active connections, 2 processed bytes, 3 rules" },
  [M_LCU_HOURS] = { "lcu_hours", "LCU-hours", "LCU-hours this month" },
  [M_NEW_CONN_PEAK] = { "new_connections_peak", "connections/s", "new connections per second at the busiest hour" },
  [M_ACTIVE_PEAK] = { "active_connections_peak", "connections", "concurrent connections at the busiest hour" },
  [M_GB_HOUR_PEAK] = { "processed_gb_per_hour_peak", "GB/hour", "GB processed in the busiest hour" },
  [M_RULE_EVAL_PEAK] = { "rule_evaluations_peak", "evaluations/s", "billable rule evaluations per second at the busiest hour" },
};
PC_CHECK_TABLE (metrics, M_COUNT);

enum { DIM_NEW, DIM_ACTIVE, DIM_BYTES, DIM_RULES, DIM_COUNT };

typedef struct {
  double requests_per_connection, connection_duration_s, request_kb, billable_rules;
  gint64 azs;
  gboolean internet_facing;
  const PcPrice *hour, *lcu_hour, *ipv4;
} Alb;

static gpointer
alb_create (const PcConfig *config, const PcCatalog *catalog, GError **error)
{
  g_autofree Alb *alb = g_new0 (Alb, 1);
  alb->requests_per_connection = pc_config_double (config, P_REQ_PER_CONN);
  alb->connection_duration_s = pc_config_double (config, P_CONN_DURATION);
  alb->request_kb = pc_config_double (config, P_REQUEST_KB);
  alb->billable_rules = MAX (0.0, (double) pc_config_int (config, P_RULES) - FREE_RULES);
  alb->azs = pc_config_int (config, P_AZS);
  alb->internet_facing = pc_config_bool (config, P_INTERNET_FACING);
  if (!(alb->hour = pc_catalog_price (catalog, "alb.hour", error)) ||
      !(alb->lcu_hour = pc_catalog_price (catalog, "alb.lcu_hour", error)) ||
      !(alb->ipv4 = pc_catalog_price (catalog, "vpc.public_ipv4.hour", error)))
    return NULL;
  return g_steal_pointer (&alb);
}

/* The four dimensions of one hour, in their own units. */
static void
hour_dimensions (const Alb *alb, double rps, double response_gb, double out[DIM_COUNT])
{
  out[DIM_NEW] = rps / alb->requests_per_connection;
  out[DIM_ACTIVE] = out[DIM_NEW] * alb->connection_duration_s;
  out[DIM_BYTES] = response_gb + rps * 3600.0 * alb->request_kb * 1000.0 / 1e9;
  out[DIM_RULES] = rps * alb->billable_rules;
}

/* LCUs of one hour and which dimension set them. */
static double
hour_lcu (const double dims[DIM_COUNT], guint *dimension)
{
  static const double per_lcu[DIM_COUNT] = { LCU_NEW_PER_S, LCU_ACTIVE, LCU_GB_PER_HOUR, LCU_RULES_PER_S };
  double lcu = 0;
  *dimension = DIM_BYTES;
  for (guint d = 0; d < DIM_COUNT; d++)
    if (dims[d] / per_lcu[d] > lcu) {
      lcu = dims[d] / per_lcu[d];
      *dimension = d;
    }
  return lcu;
}

static gboolean
alb_step (gconstpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Alb *alb = state;
  double request_hours = 0, hours = 0, rps = 0;   /* rps: the busiest level's */
  for (guint k = 0; k < demand->n_levels; k++) {
    request_hours += demand->level_rps[k] * demand->level_hours[k], hours += demand->level_hours[k];
    rps = MAX (rps, demand->level_rps[k]);
  }
  double lcu_hours = 0, lcu_peak = 0, peak_dims[DIM_COUNT] = { 0 };
  guint peak_dimension = DIM_BYTES;
  if (demand->n_levels > 0) {   /* the closed form of the header */
    double gb_per_hour = request_hours > 0 ? demand->egress_gb * rps / request_hours
                                           : demand->egress_gb / MAX (hours, 1.0);
    hour_dimensions (alb, rps, gb_per_hour, peak_dims);
    lcu_peak = hour_lcu (peak_dims, &peak_dimension);
    lcu_hours = request_hours > 0 ? lcu_peak / rps * request_hours : gb_per_hour / LCU_GB_PER_HOUR * hours;
  }
  pc_result_charge (result, "ALB-hours", alb->hour, ctx->hours, ctx);
  pc_result_charge (result, "LCU-hours", alb->lcu_hour, lcu_hours, ctx);
  if (alb->internet_facing)
    pc_result_charge (result, "public IPv4 (one per AZ)", alb->ipv4, (double) alb->azs * ctx->hours, ctx);
  pc_result_metric (result, M_LCU_AVG, hours > 0 ? lcu_hours / hours : 0);
  pc_result_metric (result, M_LCU_PEAK, lcu_peak);
  pc_result_metric (result, M_PEAK_DIMENSION, peak_dimension);
  pc_result_metric (result, M_LCU_HOURS, lcu_hours);
  pc_result_metric (result, M_NEW_CONN_PEAK, peak_dims[DIM_NEW]);
  pc_result_metric (result, M_ACTIVE_PEAK, peak_dims[DIM_ACTIVE]);
  pc_result_metric (result, M_GB_HOUR_PEAK, peak_dims[DIM_BYTES]);
  pc_result_metric (result, M_RULE_EVAL_PEAK, peak_dims[DIM_RULES]);
  (void) error;
  return TRUE;
}

PC_PLUGIN_DEFINE (.name = "alb",
                  .version = "1.0",
                  .summary = "Application Load Balancer: hours, LCUs hour by hour from traffic, public IPv4",
                  .stage = PC_STAGE_INGRESS,
                  PC_PARAMS (params),
                  PC_METRICS (metrics),
                  .create = alb_create,
                  .step = alb_step,
                  .destroy = g_free)
