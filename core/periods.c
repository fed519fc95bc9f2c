/* periods.c - the spans a finance team budgets in: the whole horizon, each
 * calendar year and each Australian financial year (1 July to 30 June,
 * named by the years it spans: FY2025-26).  A year the horizon covers only
 * in part is kept, marked not whole, so every month belongs to exactly one
 * calendar year and one financial year and each set of periods adds up to
 * the horizon.  The aggregate sums each run's months over every period
 * (cost, revenue, customer- and user-months) so the report can give the
 * totals, unit costs and cost as a share of revenue over runs.
 */
#include "pc-private.h"

#include "pc-aggregate.h"

static const char *const kind_names[] = {
  [PC_PERIOD_HORIZON] = "horizon",
  [PC_PERIOD_CALENDAR_YEAR] = "calendar-year",
  [PC_PERIOD_FINANCIAL_YEAR] = "financial-year",
};

const char *
pc_period_kind_name (PcPeriodKind kind)
{
  return kind_names[kind];
}

/* The calendar year and month (1-12) of month @m of the horizon. */
static void
calendar_of (const PcScenario *s, guint m, int *year, int *month)
{
  guint index = (guint) (s->start_month - 1) + m;
  *year = s->start_year + (int) (index / 12);
  *month = (int) (index % 12) + 1;
}

/* The year of @kind that month @m falls in. */
static int
period_year (const PcScenario *s, PcPeriodKind kind, guint m)
{
  int year, month;
  calendar_of (s, m, &year, &month);
  return kind == PC_PERIOD_FINANCIAL_YEAR && month < 7 ? year - 1 : year;
}

/* Appends the years of @kind that the horizon touches, in order. */
static void
add_years (GArray *periods, const PcScenario *s, PcPeriodKind kind)
{
  for (guint m = 0; m < s->horizon_months;) {
    PcPeriod period = { kind, period_year (s, kind, m), m, 0, FALSE };
    while (m < s->horizon_months && period_year (s, kind, m) == period.year)
      m++, period.n_months++;
    period.whole = period.n_months == 12;
    g_array_append_val (periods, period);
  }
}

/**
 * pc_periods_new:
 * Returns: (transfer full): PcPeriod, the horizon first, then its calendar
 * years, then its financial years.
 */
GArray *
pc_periods_new (const PcScenario *scenario)
{
  GArray *periods = g_array_new (FALSE, FALSE, sizeof (PcPeriod));
  PcPeriod horizon = { PC_PERIOD_HORIZON, scenario->start_year, 0, scenario->horizon_months, TRUE };
  g_array_append_val (periods, horizon);
  add_years (periods, scenario, PC_PERIOD_CALENDAR_YEAR);
  add_years (periods, scenario, PC_PERIOD_FINANCIAL_YEAR);
  return periods;
}

char *
pc_period_label (const PcPeriod *period, const PcScenario *scenario)
{
  switch (period->kind) {
  case PC_PERIOD_HORIZON: {
    g_autofree char *first = pc_scenario_date (scenario, 0);
    g_autofree char *last = pc_scenario_date (scenario, scenario->horizon_months - 1);
    return g_strdup_printf ("%s..%s", first, last);
  }
  case PC_PERIOD_CALENDAR_YEAR:
    return g_strdup_printf ("%d", period->year);
  case PC_PERIOD_FINANCIAL_YEAR:
    return g_strdup_printf ("FY%d-%02d", period->year, (period->year + 1) % 100);
  }
  return NULL;
}

void
pc_run_period_sums (const PcRunResult *run, const PcPeriod *period, PcPeriodSums *sums)
{
  memset (sums, 0, sizeof *sums);
  for (guint m = period->first_month; m < period->first_month + period->n_months && m < run->n_months; m++) {
    const double *state = run->months[m].state;
    sums->cost_usd += state[PC_STATE_MONTHLY_COST];
    sums->revenue_usd += state[PC_STATE_REVENUE_MONTH];
    sums->customer_months += MAX (state[PC_STATE_PAYING_CUSTOMERS], 0.0);
    sums->user_months += MAX (state[PC_STATE_ACTIVE_USERS], 0.0);
  }
}

/* Fills the report's money by period from @aggregate (report.c). */
void
pc_report_periods (PcReport *report, const PcAggregate *a)
{
  report->periods = g_array_copy (a->periods);
  report->period_money = g_new0 (PcPeriodMoney, a->periods->len);
  for (guint k = 0; k < a->periods->len; k++) {
    PcPeriodMoney *money = &report->period_money[k];
    money->cost_usd = pc_sketch_percentiles (a->period_cost[k]);
    money->revenue_usd = pc_sketch_percentiles (a->period_revenue[k]);
    money->cost_per_customer_month = pc_sketch_percentiles (a->period_per_customer[k]);
    money->cost_per_user_month = pc_sketch_percentiles (a->period_per_user[k]);
    money->cost_share_of_revenue = pc_sketch_percentiles (a->period_share[k]);
  }
}
