/* load.c - from the business state to the demand the components see.
 *
 * Dynamic requests in a month: active users x requests per user per day x
 * days, plus quotes x requests per quote.  They are spread over an average
 * day by the 24-hour profile: the month has 24 load levels, level h being
 * hour h of every day (730 / 24 hours), at the rate
 *   rps[h] = requests / days x profile[h] / 3600.
 * Objects (PDFs) are remembered by the month they were written, so storage
 * classes and lifecycle rules can act on their age.  GB here are GiB
 * (2^30 bytes), as AWS bills them.
 */
#include "pc-run-private.h"

#define KB_PER_GB (1024.0 * 1024.0)
#define MB_PER_GB 1024.0

/* @written: the run's buffer of GB written per month, indexed so that
 * [horizon - 1 - month] is this month and later indices are older months. */
void
pc_load_fill (const PcLoadParams *load, const PcBusinessState *s, guint month, guint horizon,
              double *written, PcDemand *d)
{
  double *named = d->named;
  guint n_named = d->n_named;
  memset (d, 0, sizeof *d);
  d->named = named;
  d->n_named = n_named;
  double requests = s->active_users * load->requests_per_user_day * PC_DAYS_PER_MONTH +
                    s->quotes_month * load->requests_per_quote;
  d->n_levels = 24;
  for (guint h = 0; h < 24; h++) {
    d->level_hours[h] = PC_HOURS_PER_MONTH / 24.0;
    d->level_rps[h] = requests / PC_DAYS_PER_MONTH * load->profile[h] / 3600.0;
  }
  d->peak_factor = load->peak_factor;
  d->requests = requests;
  d->static_requests = requests * load->static_per_request;
  d->cpu_ms_per_request = load->cpu_ms_per_request;
  d->cpu_cv2 = 1.0;
  d->db_queries_per_request = load->db_queries_per_request;
  d->db_read_share = load->db_read_share;
  d->db_cpu_ms_per_query = load->db_cpu_ms_per_query;
  d->db_storage_gb = load->db_base_gb + s->quotes_total * load->db_mb_per_quote / MB_PER_GB;
  d->egress_gb = requests * load->response_kb / KB_PER_GB;
  d->static_egress_gb = d->static_requests * load->static_kb / KB_PER_GB;

  double *newest = written + (horizon - 1 - month);
  newest[0] = s->quotes_month * load->pdf_mb_per_quote / MB_PER_GB;
  d->stored_gb_by_age = newest;
  d->n_ages = month + 1;
  for (guint age = 0; age <= month; age++)
    d->stored_gb += newest[age];
  d->temp_gb_written = s->quotes_month * load->temp_mb_per_quote / MB_PER_GB;
  d->object_puts = s->quotes_month * 2.0;   /* the PDF and its temporary draft */
  d->object_gets = s->quotes_month * load->object_gets_per_quote;
  d->emails = s->quotes_month * load->emails_per_quote + s->active_users * load->emails_per_user_month;
  d->monthly_active_users = s->active_users;
  d->log_gb = requests * load->log_kb_per_request / KB_PER_GB;
  d->errors = requests * load->errors_per_1000_requests / 1000.0;
}
