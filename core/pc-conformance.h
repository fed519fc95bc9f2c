/* pc-conformance.h - what `phasecast plugins check` verifies of a plugin
 * (conformance.c): every check the host makes when it opens a module, then
 * its behaviour over a range of settings and demand.  The checks call the
 * plugin in this process, so a plugin that crashes or never returns takes
 * the caller with it: the CLI runs them in a child process with a timeout
 * and blames the step the child last announced. */
#pragma once

#include "pc-prices.h"

G_BEGIN_DECLS

typedef enum {
  PC_CHECK_PASS,
  PC_CHECK_FAIL,
  PC_CHECK_SKIP,              /* does not apply (the reason says why) */
} PcCheckStatus;

typedef struct {
  /* One call per check, in order, with a one-line reason. */
  void (*result) (gpointer data, const char *check, PcCheckStatus status, const char *reason);
  /* Before every call into the plugin: what is about to run, e.g.
   * "step (settings vcpu=16, demand extreme, us-east-1)". */
  void (*progress) (gpointer data, const char *doing);
  gpointer data;
  const char *const *regions; /* regions to check; NULL: those the plugin claims */
} PcConformance;

/* "PASS", "FAIL" or "SKIP". */
PC_API const char *pc_check_status_name (PcCheckStatus status);

/* Runs every check on the module at @path; @host provides prices (shipped
 * catalogs, the module's fragment, --catalog files).  Returns TRUE when no
 * check failed. */
PC_API gboolean pc_conformance_run (PcHost *host, const char *path, const PcConformance *conformance);

G_END_DECLS
