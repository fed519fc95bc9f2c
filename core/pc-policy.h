/* pc-policy.h - optimizations as policies with a start (policy.c): a
 * roadmap's or a scenario's <policy> switches one component to other
 * settings from a month, a phase, or once its cost has been stable,
 * optionally for a term. */
#pragma once

#include "pc-private.h"

G_BEGIN_DECLS

/* Policies fit a bit mask (pc_run_set_policies). */
#define PC_MAX_POLICIES 64
/* Longest "stable for N months" a policy may ask for. */
#define PC_POLICY_MAX_STABLE 36

struct _PcOptimizationDecl {
  char *id, *component, *description;
  int start_month;            /* -1: no month condition */
  char *start_phase;          /* NULL: no phase condition */
  guint stable_months;        /* 0: no stability condition */
  double stable_tolerance;    /* max / min - 1 over those months */
  guint term_months;          /* 0: open-ended */
  gboolean renew;             /* a new term at each end */
  double claim_min_percent, claim_max_percent;  /* the roadmap's claimed saving, NAN if none */
  double claim_min_usd, claim_max_usd;          /* USD a month, NAN if none */
  char *unpublished;          /* the rate it needs is not published: reported, never applied */
  GPtrArray *settings;        /* PcSetting* */
  char *path;                 /* the file it is in (roadmap or scenario), for messages */
  int line;
  gboolean in_scenario;       /* the scenario's, not the roadmap's */
};

struct _PcOptimization {
  const PcOptimizationDecl *decl;
  guint slot;
  int start_phase;            /* phase index, -1: none */
  PcComponent *by_phase;      /* [n_phases] the component with the policy's settings; instance NULL where it does not apply */
  int *component_by_phase;    /* [n_phases] index of the slot's component in the phase, -1 if absent */
};

/* roadmap.c and scenario.c read <policy> with this. */
PcOptimizationDecl *pc_policy_decl_read (const xmlNode *node, const char *path, GError **error);
void pc_policy_decl_free (PcOptimizationDecl *decl);
/* Reads one <policy> onto the end of @decls, its file's others, refusing an
 * id one of them has. */
gboolean pc_policy_read_into (GPtrArray *decls, const xmlNode *node, const char *path, GError **error);
/* model.c: builds every policy's alternative components, once: the
 * roadmap's, then the scenario's (ids unique across both). */
gboolean pc_policies_resolve (PcModel *model, GError **error);
void pc_policies_free (PcModel *model);

/* What a run keeps of its policies (allocated when the run starts). */
typedef struct {
  guint64 enabled;
  int *since;                 /* [n] month the current term started, -1 when off */
  gboolean *done;             /* [n] its term ended and does not renew */
  double *history;            /* [n * PC_POLICY_MAX_STABLE] the slot's last monthly costs (ring) */
  guint *recorded;            /* [n] consecutive months recorded */
  gboolean *seen;             /* [n] the slot ran this month */
} PcPolicyRun;

void pc_policy_run_init (PcPolicyRun *state, const PcModel *model);
void pc_policy_run_clear (PcPolicyRun *state);
/* Start of @month in @phase: ends terms, starts policies whose conditions
 * hold (zeroing the component's per-run memory); no allocation. */
void pc_policy_run_begin_month (PcPolicyRun *state, const PcModel *model, guint month, guint phase, guint8 *scratch);
/* The component to step for @base: its policy's alternative when one is on. */
const PcComponent *pc_policy_run_component (const PcPolicyRun *state, const PcModel *model, guint phase,
                                            const PcComponent *base);
/* After a component's step: its cost, for "stable cost" conditions. */
void pc_policy_run_record (PcPolicyRun *state, const PcModel *model, guint slot, double usd);
void pc_policy_run_end_month (PcPolicyRun *state, const PcModel *model);

G_END_DECLS
