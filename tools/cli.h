/* cli.h - the phasecast command line: one function per subcommand
 * (tools/cmd-*.c), each parsing its own GOption context so `--help` works on
 * each, returning the exit status:
 *   0  success (check: every reached phase within its budget)
 *   1  bad input or a failed run (one line on stderr)
 *   2  usage: an unknown option, a malformed or impossible value
 *   3  check: a phase over its budget */
#pragma once

#include "pc-private.h"

#include <locale.h>

G_BEGIN_DECLS

typedef int (*PcCommandFunc) (int argc, char **argv);

int pc_cmd_run (int argc, char **argv);
int pc_cmd_price (int argc, char **argv);
int pc_cmd_plugins (int argc, char **argv);
int pc_cmd_validate (int argc, char **argv);
int pc_cmd_compare (int argc, char **argv);
int pc_cmd_check (int argc, char **argv);
int pc_cmd_explain (int argc, char **argv);
int pc_cmd_sensitivity (int argc, char **argv);
int pc_cmd_report (int argc, char **argv);
int pc_cmd_catalog (int argc, char **argv);
int pc_cmd_catalog_audit (int argc, char **argv);
/* compare with --roadmap (cmd-crossover.c): one scenario under several roadmaps. */
int pc_cmd_compare_roads (int argc, char **argv);
gboolean pc_cli_wants_roads (int argc, char **argv);
int pc_cmd_savings (int argc, char **argv);
int pc_cmd_new_plugin (int argc, char **argv);
int pc_cmd_merge (int argc, char **argv);

/* plugins check (plugin-check.c): the checks of @file_or_name in a child
 * process killed after @timeout_s seconds; @child runs them in this one.
 * Returns the exit status. */
int pc_cli_plugins_check (PcHost *host, const char *file_or_name, char **regions, guint timeout_s, gboolean child);

/* --plugin-dir values, shared by every subcommand. */
extern char **pc_cli_plugin_dirs;

/* Makes a fatal GLib error (out of memory) one line on stderr and exit 1. */
void pc_cli_install_fatal_handler (void);
/* memory.c: under an address-space limit, threads that reserve little;
 * libxml2's failed allocations and a crash that follows a failed
 * allocation reported as out of memory.  Call first in main(). */
void pc_cli_memory_setup (void);
/* What a command needs besides its threads: a simulation, or one with
 * `report`'s charts (cairo and its fonts). */
typedef enum { PC_CLI_NEED_SIMULATION, PC_CLI_NEED_REPORT } PcCliNeed;
/* Whether the address-space limit leaves what @what on @threads threads
 * (0: the default, one per processor) needs; else FALSE after saying so
 * in one line (limit, need, the way out).  Checked before inputs are read. */
gboolean pc_cli_memory_enough (PcCliNeed what, guint threads);
/* "phasecast: out of memory (@what)" with the limit, and exit 1. */
G_GNUC_NORETURN void pc_cli_out_of_memory (const char *what);
/* "; the address space is limited to N MiB (...): raise the limit, or use
 * fewer --threads", or "" without a limit: for a message about memory. */
const char *pc_cli_memory_hint (void);
/* Prints "phasecast: MESSAGE", frees @error, returns 1. */
int pc_cli_fail (GError *error);
/* Prints @message and the command's help on stderr, returns 2. */
int pc_cli_usage_error (GOptionContext *context, const char *message);
/* The same with @error's message; frees @error. */
int pc_cli_usage_fail (GOptionContext *context, GError *error);
/* An option value the inputs refuse (a phase or currency that does not
 * exist): its message in one line, exit 2; other errors exit 1. */
int pc_cli_option_fail (GError *error);
/* A context with the common options (--plugin-dir) added. */
GOptionContext *pc_cli_context_new (const char *parameters, const char *summary, const GOptionEntry *entries);
/* A host searching --plugin-dir first, with @catalogs (--catalog files,
 * nullable) added as the last price layers; NULL with @error. */
PcHost *pc_cli_host_new (char **catalogs, GError **error);
/* "phasecast: note: ..." on stderr for each price override or addition. */
void pc_cli_note_overrides (const GPtrArray *overrides);
/* "phasecast: note: REGION: price KEY from FILE:LINE is read by no
 * component" on stderr for each addition (const PcPriceOverride*) in
 * @unread. */
void pc_cli_note_unread (const GPtrArray *unread);
/* Both, for the catalogs of @model once it is built. */
void pc_cli_note_model_prices (const PcModel *model);
/* The --catalog option's entry, for commands that take it. */
#define PC_CLI_CATALOG_ENTRY(var) \
  { "catalog", 0, 0, G_OPTION_ARG_FILENAME_ARRAY, &(var), "Add or override prices from FILE (repeatable; reported)", "FILE" }
gboolean pc_cli_parse_format (const char *text, PcFormat *format, gboolean allow_csv);
/* --table: months (default), phases, indicators, components, runway or lines; only with CSV. */
gboolean pc_cli_parse_table (const char *text, PcFormat format, PcCsvTable *table);
#define PC_CLI_TABLE_NAMES "months, phases, indicators, components, runway, money, series or lines"
#define PC_CLI_TABLE_HELP "CSV table: " PC_CLI_TABLE_NAMES " (default months)"
/* Parses @text (the value of --@option) as a whole number from @min to
 * @max; FALSE with @message (transfer full) saying what is allowed. */
gboolean pc_cli_parse_whole (const char *option, const char *text, guint64 min, guint64 max, guint64 *out,
                             char **message);
/* Reads --runs (1 to PC_MAX_RUNS), --seed (any 64-bit) and --threads (1 to
 * PC_MAX_THREADS), each NULL when not given, into @options; FALSE with
 * @message (transfer full) for a usage error. */
gboolean pc_cli_parse_run_options (const char *runs, const char *seed, const char *threads,
                                   PcSimulateOptions *options, char **message);
/* --free-tier account|used|none (a char* option value). */
#define PC_CLI_FREE_TIER_ENTRY(text) \
  { "free-tier", 0, 0, G_OPTION_ARG_STRING, &(text), \
    "Free-tier allowances: account (default: one pool per account per month), used (taken by other workloads) " \
    "or none (list prices)", "MODE" }
#define PC_CLI_FREE_TIER_PROBLEM "--free-tier is account, used or none"
/* Prints @text on stdout and frees it. */
void pc_cli_print_text (char *text);

/* --runs, --seed, --threads (commands that simulate). */
typedef struct { char *runs, *threads, *seed, *problem; } PcCliSimulation;
void pc_cli_add_simulation_options (GOptionContext *context, PcCliSimulation *sim);
/* Reads them strictly (pc_cli_parse_run_options); FALSE with sim->problem
 * saying what is allowed. */
gboolean pc_cli_simulation_options (PcCliSimulation *sim, PcSimulateOptions *options);
void pc_cli_simulation_clear (PcCliSimulation *sim);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PcCliSimulation, pc_cli_simulation_clear)

/* --budget, --currency, --fx, --gst. */
typedef struct { char **budgets; char *currency; double fx; gboolean gst; } PcCliMoney;
/* --budget, and with @currency --currency, --fx and --gst. */
void pc_cli_add_money_options (GOptionContext *context, PcCliMoney *money, gboolean currency);
void pc_cli_money_clear (PcCliMoney *money);
G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (PcCliMoney, pc_cli_money_clear)
/* Budgets and the --fx rate into @model, before it runs. */
gboolean pc_cli_money_model (const PcCliMoney *money, PcModel *model, GError **error);
/* The currency of the report's money figures, from --currency, --fx, --gst. */
PcCurrency *pc_cli_money_currency (const PcCliMoney *money, GError **error);

/* A progress line on stderr while runs go on: only on a terminal, only once
 * they have taken more than a second; cleared at the end. */
typedef struct { GTimer *timer; double delay; gboolean shown; } PcCliProgress;
void pc_cli_progress_start (PcCliProgress *progress, PcProgressFunc *func, gpointer *data);
void pc_cli_progress_end (PcCliProgress *progress);
/* pc_simulate() with the progress line. */
PcReport *pc_cli_simulate (const PcModel *model, PcSimulateOptions *options, GError **error);

/* JSON members (cli-json.c): a string (null for NULL), a number (null when
 * not finite), an integer, P10/P50/P90 (null when not valid). */
typedef struct _JsonBuilder JsonBuilder;
void pc_cli_json_string (JsonBuilder *b, const char *name, const char *value);
void pc_cli_json_number (JsonBuilder *b, const char *name, double value);
void pc_cli_json_int (JsonBuilder *b, const char *name, gint64 value);
void pc_cli_json_percentiles (JsonBuilder *b, const char *name, PcPercentiles p);
/* @b's finished value as JSON text (pc_json_to_text, pretty) and a newline on stdout. */
void pc_cli_json_print (JsonBuilder *b);

G_END_DECLS
