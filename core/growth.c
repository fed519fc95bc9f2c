/* growth.c - how many paying customers, users and quotes a month brings.
 *
 * The expected number of paying customers E(t), t months after launch:
 *   logistic     E = K / (1 + (K - N0) / N0 * exp(-r t))
 *   exponential  E = min(K, N0 exp(r t))              (K <= 0: no ceiling)
 *   bass         E = N0 + (K - N0) F(t),  F = (1 - e^-(p+q)t) / (1 + q/p e^-(p+q)t)
 *   actuals      linear between the given points, flat after the last
 * Before launch E = 0, and there are no users at all: the free users
 * (pilots, trials) arrive with the launch too.  Each run may draw its own rate r' = r exp(s z - s^2/2)
 * (log-normal, mean r) and, with poisson="true", customers arrive as a
 * Poisson process around E and churn binomially; otherwise the run follows
 * E exactly, which is what hand-worked tests rely on.
 *
 * Revenue: every paying account pays the average revenue per account each
 * month; annual revenue is the trailing twelve months' sum (months before
 * the start count as zero), so a threshold such as "revenue > $500K
 * annually" is met by revenue earned, not by a run rate.
 */
#include "pc-run-private.h"

#include <gsl/gsl_randist.h>

static double
actuals_at (const GArray *actuals, double t)
{
  const PcActual *a = (const PcActual *) actuals->data;
  guint n = actuals->len;
  if (t <= a[0].month)
    return a[0].customers;
  for (guint i = 1; i < n; i++)
    if (t <= a[i].month)
      return a[i - 1].customers + (a[i].customers - a[i - 1].customers) * (t - a[i - 1].month) /
                                    (a[i].month - a[i - 1].month);
  return a[n - 1].customers;
}

double
pc_growth_expected (const PcGrowthParams *g, double rate, double month)
{
  if (g->model == PC_GROWTH_ACTUALS)
    return actuals_at (g->actuals, month);
  double t = month - g->launch_month;
  if (t < 0)
    return 0.0;
  switch (g->model) {
  case PC_GROWTH_LOGISTIC:
    return g->capacity / (1.0 + (g->capacity - g->initial) / g->initial * exp (-rate * t));
  case PC_GROWTH_EXPONENTIAL: {
    double e = g->initial * exp (rate * t);
    return g->capacity > 0 ? MIN (e, g->capacity) : e;
  }
  case PC_GROWTH_BASS: {
    double decay = exp (-(g->bass_p + g->bass_q) * t);
    double share = (1.0 - decay) / (1.0 + g->bass_q / g->bass_p * decay);
    return g->initial + (g->capacity - g->initial) * share;
  }
  case PC_GROWTH_ACTUALS:
    break;
  }
  return 0.0;
}

void
pc_growth_start (PcGrowthState *gs, const PcGrowthParams *g, gsl_rng *rng)
{
  memset (gs, 0, sizeof *gs);
  gs->rate = g->rate;
  if (g->rate_sd > 0)
    gs->rate = g->rate * exp (gsl_ran_gaussian (rng, g->rate_sd) - g->rate_sd * g->rate_sd / 2);
}

/* Updates @state for @month; extra customers/users come from events. */
void
pc_growth_step (PcGrowthState *gs, const PcGrowthParams *g, gsl_rng *rng, guint month,
                PcBusinessState *state)
{
  double expected = pc_growth_expected (g, gs->rate, month);
  if (g->poisson) {
    double lost = gs->customers > 0 ? gsl_ran_binomial (rng, g->churn_monthly, (unsigned) gs->customers) : 0;
    double mean_new = MAX (0.0, expected - gs->expected_before + g->churn_monthly * gs->customers);
    gs->customers = MAX (0.0, gs->customers - lost + gsl_ran_poisson (rng, mean_new));
  } else {
    gs->customers = expected;
  }
  gs->expected_before = expected;
  state->paying_customers = gs->customers + gs->extra_customers;
  double free_users = month >= g->launch_month ? g->free_users : 0.0;
  state->active_users = state->paying_customers * g->users_per_customer + free_users + gs->extra_users;
  double quotes = state->active_users * g->quotes_per_user_month;
  state->quotes_month = g->poisson && quotes > 0 ? gsl_ran_poisson (rng, quotes) : quotes;
  state->quotes_total += state->quotes_month;
  gs->revenue_month = state->paying_customers * g->arpa_usd_month;
  gs->revenue_ring[month % 12] = gs->revenue_month;
  state->annual_revenue_usd = 0;
  for (guint k = 0; k < 12; k++)
    state->annual_revenue_usd += gs->revenue_ring[k];
}
