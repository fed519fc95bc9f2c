/* load.c - from the business state to the demand the components see, once
 * a month.
 *
 * Volume.  Each request class c brings V_c requests this month: its rate x
 * active users (or paying customers) x D weekday equivalents for per-day
 * rates (load-shape.c), x quotes or x active users for the others.  The
 * month's V = sum V_c requests are spread over the load levels of the
 * workload's shape: level k runs at V x unit_rps[k] x m_s requests per
 * second, m_s being 1 for fixed day strata and, for the busiest weekday and
 * the month end, this month's draw from the run's stream over its expected
 * factor (two draws a month).  The month's requests are the sum over levels
 * of rate x hours x 3600, so a busy draw is a busier month.
 *
 * Per-request figures are the month's mix: means over classes weighted by
 * their requests (CPU per request, queries per request, bytes), by their
 * queries (CPU, rows, read and replica shares per query), or by the time a
 * request holds the CPU (memory in flight).  The squared coefficient of
 * variation of CPU per request is the mixture's, E[S^2] / E[S]^2 - 1 with
 * E[S^2] = sum w_c cpu_c^2 (1 + cv_c^2) / sum w_c.  The named quantities
 * are sum V_c x per_request.
 *
 * Data.  PDFs and database rows are remembered by the month they were
 * written (storage classes and lifecycle rules act on age; the database's
 * working set is its base_share of the base data plus the rows written in
 * the last working-set-months months); the PDFs' total is kept as it
 * grows, one month's added at a time.  GB are GiB (2^30 bytes), as AWS
 * bills them.  Nothing here allocates.
 */
#include "pc-run-private.h"

#include <gsl/gsl_cdf.h>
#include <gsl/gsl_randist.h>

#define KB_PER_GB (1024.0 * 1024.0)
#define MB_PER_GB 1024.0

/* This month's multiplier of each day stratum (two draws at most). */
static void
draw_strata (const PcLoadShape *shape, gsl_rng *rng, double multiplier[PC_MAX_DAY_STRATA])
{
  double sigma = shape->sigma;
  for (guint s = 0; s < shape->n_strata; s++) {
    const PcDayStratum *st = &shape->strata[s];
    double z;
    switch (st->kind) {
    case PC_STRATUM_BUSIEST:   /* the largest of n normals: Phi^-1(U^(1/n)) */
      z = gsl_cdf_ugaussian_Pinv (pow (gsl_rng_uniform_pos (rng), 1.0 / st->busiest_of));
      break;
    case PC_STRATUM_DRAWN:
      z = gsl_ran_ugaussian_ratio_method (rng);
      break;
    case PC_STRATUM_FIXED:
    default:
      multiplier[s] = 1.0;
      continue;
    }
    multiplier[s] = exp (sigma * z - sigma * sigma / 2) / st->factor;
  }
}

static double
class_volume (const PcRequestClass *c, const PcBusinessState *s, double day_equivalents)
{
  switch (c->per) {
  case PC_PER_USER_DAY: return c->rate * s->active_users * day_equivalents;
  case PC_PER_CUSTOMER_DAY: return c->rate * s->paying_customers * day_equivalents;
  case PC_PER_QUOTE: return c->rate * s->quotes_month;
  case PC_PER_USER_MONTH: return c->rate * s->active_users;
  case PC_PER_COUNT: break;
  }
  return 0.0;
}

/* Sums of the month's mix, weighted as the top of the file says. */
typedef struct {
  double requests, cpu, cpu_squared, cpu_memory, memory, queries, query_cpu, query_rows, query_reads;
  double query_replica, query_replica_cpu, response_kb, static_requests, static_kb;
} MixSums;

static void
add_class (MixSums *m, const PcRequestClass *c, double v)
{
  double queries = v * c->db_queries;
  m->requests += v;
  m->cpu += v * c->cpu_ms;
  m->cpu_squared += v * c->cpu_ms * c->cpu_ms * (1 + c->cpu_cv * c->cpu_cv);
  m->cpu_memory += v * c->cpu_ms * c->memory_mb;
  m->memory += v * c->memory_mb;
  m->queries += queries;
  m->query_cpu += queries * c->db_cpu_ms;
  m->query_rows += queries * c->db_rows;
  m->query_reads += queries * (1 - c->db_write_share);
  m->query_replica += queries * c->replica_share;
  m->query_replica_cpu += queries * c->db_cpu_ms * c->replica_share;
  m->response_kb += v * c->response_kb;
  m->static_requests += v * c->static_requests;
  m->static_kb += v * c->static_requests * c->static_kb;
}

static double
ratio (double part, double whole, double otherwise)
{
  return whole > 0 ? part / whole : otherwise;
}

/* The per-request and per-query means; @scale turns expected volumes into
 * this month's (the drawn days). */
static void
fill_mix (const MixSums *m, double scale, PcDemand *d)
{
  double mean_cpu = ratio (m->cpu, m->requests, 0);
  d->cpu_ms_per_request = mean_cpu;
  d->cpu_cv2 = mean_cpu > 0 ? MAX (0.0, m->cpu_squared / m->requests / (mean_cpu * mean_cpu) - 1) : 1.0;
  d->memory_mb_per_request = ratio (m->cpu_memory, m->cpu, ratio (m->memory, m->requests, 0));
  d->db_queries_per_request = ratio (m->queries, m->requests, 0);
  d->db_cpu_ms_per_query = ratio (m->query_cpu, m->queries, 0);
  d->db_rows_per_query = ratio (m->query_rows, m->queries, 0);
  d->db_read_share = ratio (m->query_reads, m->queries, 0);
  d->db_replica_share = ratio (m->query_replica, m->queries, 0);
  d->db_replica_cpu_share = ratio (m->query_replica_cpu, m->query_cpu, 0);
  d->egress_gb = m->response_kb * scale / KB_PER_GB;
  d->static_requests = m->static_requests * scale;
  d->static_egress_gb = m->static_kb * scale / KB_PER_GB;
}

/* Spreads @volume requests over the levels; returns the month's requests. */
static double
fill_levels (const PcLoadShape *shape, double volume, const double multiplier[], PcDemand *d)
{
  double requests = 0;
  d->n_levels = shape->n_levels;
  for (guint k = 0; k < shape->n_levels; k++) {
    d->level_hours[k] = shape->hours[k];
    d->level_rps[k] = volume * shape->unit_rps[k] * multiplier[shape->stratum[k]];
    requests += d->level_rps[k] * d->level_hours[k] * 3600.0;
  }
  return requests;
}

static void
fill_named (const PcWorkload *w, const double *volumes, double scale, PcDemand *d)
{
  for (guint n = 0; n < d->n_named; n++)
    d->named[n] = 0;
  for (guint c = 0; c < w->classes->len; c++) {
    const PcRequestClass *cls = w->classes->pdata[c];
    for (guint q = 0; q < cls->quantities->len; q++) {
      const PcClassQuantity *quantity = &g_array_index (cls->quantities, PcClassQuantity, q);
      d->named[quantity->name] += volumes[c] * scale * quantity->per_request;
    }
  }
}

/* Data written, stored and touched (see top). */
static void
fill_data (const PcWorkload *w, const PcBusinessState *s, guint month, PcLoadHistory *history, PcDemand *d)
{
  double *pdf = history->pdf_gb + (history->horizon - 1 - month);
  double *rows = history->db_gb + (history->horizon - 1 - month);
  pdf[0] = s->quotes_month * w->pdf_mb_per_quote / MB_PER_GB;
  rows[0] = s->quotes_month * w->db_mb_per_quote / MB_PER_GB;
  d->stored_gb_by_age = pdf;
  d->n_ages = month + 1;
  history->stored_gb = (month == 0 ? 0.0 : history->stored_gb) + pdf[0];
  d->stored_gb = history->stored_gb;
  d->db_storage_gb = w->db_base_gb + s->quotes_total * w->db_mb_per_quote / MB_PER_GB;
  d->db_working_set_gb = w->db_base_gb * w->working_set_base_share;
  for (guint age = 0; age <= month && age < w->working_set_months; age++)
    d->db_working_set_gb += rows[age] * MIN (1.0, w->working_set_months - age);
  d->temp_gb_written = s->quotes_month * w->temp_mb_per_quote / MB_PER_GB;
  d->object_puts = s->quotes_month * w->object_puts_per_quote;
  d->object_gets = s->quotes_month * w->object_gets_per_quote;
}

/* Fills @d for @month; @rng gives this month's busiest day and month end. */
void
pc_load_fill (const PcWorkload *w, const PcBusinessState *s, gsl_rng *rng, guint month, PcLoadHistory *history,
              PcDemand *d)
{
  double *named = d->named;
  guint n_named = d->n_named;
  /* Everything after the levels starts at zero; fill_levels writes the
   * levels in use and no one reads the others (pc-plugin.h). */
  memset (&d->peak_factor, 0, sizeof *d - G_STRUCT_OFFSET (PcDemand, peak_factor));
  d->named = named, d->n_named = n_named;
  double volumes[PC_MAX_CLASSES], multiplier[PC_MAX_DAY_STRATA], volume = 0;
  MixSums mix = { 0 };
  for (guint c = 0; c < w->classes->len; c++) {
    volumes[c] = class_volume (w->classes->pdata[c], s, w->shape.day_equivalents);
    add_class (&mix, w->classes->pdata[c], volumes[c]);
    volume += volumes[c];
  }
  draw_strata (&w->shape, rng, multiplier);
  d->requests = fill_levels (&w->shape, volume, multiplier, d);
  double scale = volume > 0 ? d->requests / volume : 1.0;
  d->peak_factor = w->peak_factor;
  fill_mix (&mix, scale, d);
  fill_named (w, volumes, scale, d);
  d->compute_base_memory_mb = w->task_base_memory_mb;
  fill_data (w, s, month, history, d);
  d->emails = s->quotes_month * w->emails_per_quote + s->active_users * w->emails_per_user_month;
  d->monthly_active_users = s->active_users;
  d->log_gb = d->requests * w->log_kb_per_request / KB_PER_GB;
  d->errors = d->requests * w->errors_per_1000_requests / 1000.0;
}
