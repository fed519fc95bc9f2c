/* queueing.c - M/M/c response times (Erlang C).
 *
 * With c servers each serving mu requests per second and arrivals at
 * lambda per second, the offered load is a = lambda / mu Erlangs and the
 * utilisation rho = a / c.  Erlang C, the probability that an arrival has
 * to wait, is computed with the numerically stable Erlang B recurrence
 *   B(0) = 1,  B(k) = a B(k-1) / (k + a B(k-1)),
 *   C = B(c) / (1 - rho (1 - B(c))),
 * and the mean response time is W = C / (c mu - lambda) + 1 / mu.
 */
#include "pc-private.h"

double
pc_erlang_c (guint servers, double offered_load)
{
  if (servers == 0 || offered_load >= servers)
    return 1.0;
  if (offered_load <= 0)
    return 0.0;
  double b = 1.0;
  for (guint k = 1; k <= servers; k++)
    b = offered_load * b / (k + offered_load * b);
  double rho = offered_load / servers;
  return b / (1.0 - rho * (1.0 - b));
}

double
pc_mmc_response_time (guint servers, double lambda, double mu)
{
  if (mu <= 0 || servers == 0 || lambda >= servers * mu)
    return PC_SATURATED_RESPONSE_S;
  if (lambda <= 0)
    return 1.0 / mu;
  double wait = pc_erlang_c (servers, lambda / mu) / (servers * mu - lambda);
  return MIN (PC_SATURATED_RESPONSE_S, wait + 1.0 / mu);
}
