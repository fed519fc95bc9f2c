/* pc-savings.h - what each policy of a roadmap saves against the same runs
 * without it (savings.c). */
#pragma once

#include "pc-crossover.h"

#ifndef PC_API
#define PC_API extern
#endif

G_BEGIN_DECLS

typedef struct {
  const PcModel *model;       /* not owned */
  guint runs, n_months;
  guint64 seed;
  guint n_policies;
  PcSignedSketch *horizon_usd;    /* [policy] the run's total cost without it minus with it */
  PcSignedSketch *monthly_usd;    /* [policy] that saving per month the policy was on */
  PcSignedSketch *percent;        /* [policy] saving on the component in the months it was on, % of its cost without it */
  PcMonthCounts **started;        /* [policy] month it first started; n_months: never */
} PcSavings;

/* Runs every run of @model once with no policy and once with each policy
 * alone (same random stream, run index by run index).  Memory does not grow
 * with @runs. */
PC_API PcSavings *pc_savings_run (const PcModel *model, guint runs, guint64 seed, GError **error);
PC_API void pc_savings_free (PcSavings *savings);
G_DEFINE_AUTOPTR_CLEANUP_FUNC (PcSavings, pc_savings_free)

G_END_DECLS
