/* pc-limits.h - the sizes phasecast holds its inputs to, in one place.
 *
 * Memory and time grow with these, so each is refused where it is read
 * (file:line, or the command-line option) rather than discovered as an
 * allocation failure.  Bounds on single numbers (a price, an estimate, a
 * horizon) live in the RelaxNG schemas (data/schema/) and the scenario's
 * attribute tables (core/scenario.c); docs/limits.md lists them all.
 */
#pragma once

/* Monte Carlo runs of one simulation (the scenario's runs= and --runs). */
#define PC_MAX_RUNS 1000000
/* Worker threads (--threads). */
#define PC_MAX_THREADS 1024
/* Months a scenario simulates (horizon-months=); every run keeps a record
 * per month. */
#define PC_MAX_HORIZON_MONTHS 600
/* Age of the AWS account at the scenario's start (account-age-months=). */
#define PC_MAX_ACCOUNT_AGE_MONTHS 1200
/* Phases of a roadmap (a month record keeps its phase in one byte). */
#define PC_MAX_PHASES 64
/* Components of one phase. */
#define PC_MAX_PHASE_COMPONENTS 256
/* Trigger indicators of a roadmap, all phases together: a run keeps one
 * value per indicator and month, the aggregate one sketch for each. */
#define PC_MAX_INDICATORS 1024
/* <event> elements of a scenario. */
#define PC_MAX_EVENT_DECLS 10000
/* Events a run schedules, counting each hazard's expected occurrences
 * (rate-per-month times its window): a run's queue holds them all. */
#define PC_MAX_EVENTS_PER_RUN 100000
