/* alb - Application Load Balancer: hours, LCUs from the traffic shape, public IPv4.
 *
 * LCUs.  AWS bills each hour the highest of four dimensions, one LCU being
 *   25 new connections per second, 3,000 active connections (per minute),
 *   1 GB processed per hour (EC2/IP/container targets), 1,000 rule
 *   evaluations per second (the first 10 rules of a request are free).
 * For every hour h of the average day (demand->rps_by_hour):
 *   new_h    = rps_h / requests_per_connection                      (conn/s)
 *   active_h = new_h x connection_duration_s       (Little's law; concurrent)
 *   gb_h     = egress_gb x rps_h / sum(rps) / days         (responses)
 *            + rps_h x 3600 x request_kb x 1000 / 1e9      (requests)
 *   rules_h  = rps_h x max(0, rules - 10)                  (evaluations/s)
 *   lcu_h    = max(new_h / 25, active_h / 3000, gb_h / 1, rules_h / 1000)
 * LCU-hours this month = sum over the day of lcu_h x days (hours / 24).  The
 * hourly mean rate is used, as AWS meters each hour's averages; the
 * sub-hour peak (peak_factor) does not enter the bill.  GB are decimal, as
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
#include <string.h>
#include <pc-plugin.h>

#define FREE_RULES 10.0
#define LCU_NEW_PER_S 25.0
#define LCU_ACTIVE 3000.0
#define LCU_GB_PER_HOUR 1.0
#define LCU_RULES_PER_S 1000.0

enum { P_REQ_PER_CONN, P_CONN_DURATION, P_REQUEST_KB, P_RULES, P_AZS, P_INTERNET_FACING };
static const PcParamSpec params[] = {
  { "requests_per_connection", PC_PARAM_DOUBLE, "10", "requests", 1, 1e6, NULL,
    "HTTP requests a client sends over one connection (keep-alive)" },
  { "connection_duration_s", PC_PARAM_DOUBLE, "60", "s", 0, 86400, NULL,
    "how long a client connection stays open (the ALB idle timeout is 60 s)" },
  { "request_kb", PC_PARAM_DOUBLE, "2", "KB", 0, 1e6, NULL, "request size (headers + body) processed inbound" },
  { "rules", PC_PARAM_INT, "5", "rules", 0, 1000, NULL, "listener rules evaluated per request (first 10 free)" },
  { "azs", PC_PARAM_INT, "2", "AZs", 2, 6, NULL, "Availability Zones (subnets) the ALB spans; at least 2" },
  { "internet_facing", PC_PARAM_BOOL, "true", "", 0, 1, NULL, "internet-facing: one public IPv4 per AZ" },
};

enum { M_LCU_AVG, M_LCU_PEAK, M_PEAK_DIMENSION, M_LCU_HOURS, M_NEW_CONN_PEAK, M_ACTIVE_PEAK, M_GB_HOUR_PEAK,
       M_RULE_EVAL_PEAK };
static const PcMetricSpec metrics[] = {
  { "lcu_avg", "LCU", "mean LCUs over the day" },
  { "lcu_peak", "LCU", "LCUs at the busiest hour" },
  { "peak_dimension", "index",
    "dimension billed at the busiest hour: 0 new connections, 1 active connections, 2 processed bytes, 3 rules" },
  { "lcu_hours", "LCU-hours", "LCU-hours this month" },
  { "new_connections_peak", "connections/s", "new connections per second at the busiest hour" },
  { "active_connections_peak", "connections", "concurrent connections at the busiest hour" },
  { "processed_gb_per_hour_peak", "GB/hour", "GB processed in the busiest hour" },
  { "rule_evaluations_peak", "evaluations/s", "billable rule evaluations per second at the busiest hour" },
};

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
alb_step (gpointer state, const PcStepContext *ctx, PcDemand *demand, PcStepResult *result, GError **error)
{
  const Alb *alb = state;
  double days = ctx->hours / 24.0, rps_day = 0;
  for (guint h = 0; h < 24; h++)
    rps_day += demand->rps_by_hour[h];
  double response_gb_day = demand->egress_gb / days;
  double lcu_day = 0, lcu_peak = -1, peak_dims[DIM_COUNT] = { 0 };
  guint peak_dimension = DIM_BYTES;
  for (guint h = 0; h < 24; h++) {
    double share = rps_day > 0 ? demand->rps_by_hour[h] / rps_day : 1.0 / 24.0;
    double dims[DIM_COUNT];
    guint dimension;
    hour_dimensions (alb, demand->rps_by_hour[h], response_gb_day * share, dims);
    double lcu = hour_lcu (dims, &dimension);
    lcu_day += lcu;
    if (lcu > lcu_peak) {
      lcu_peak = lcu;
      peak_dimension = dimension;
      memcpy (peak_dims, dims, sizeof dims);
    }
  }
  double lcu_hours = lcu_day * days;
  pc_result_charge (result, "ALB-hours", alb->hour, ctx->hours, ctx);
  pc_result_charge (result, "LCU-hours", alb->lcu_hour, lcu_hours, ctx);
  if (alb->internet_facing)
    pc_result_charge (result, "public IPv4 (one per AZ)", alb->ipv4, (double) alb->azs * ctx->hours, ctx);
  pc_result_metric (result, M_LCU_AVG, lcu_day / 24.0);
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

PC_PLUGIN_DEFINE ("alb", "1.0", "Application Load Balancer: hours, LCUs hour by hour from traffic, public IPv4",
                  PC_STAGE_INGRESS, params, metrics, alb_create, alb_step, g_free)
