/* testlib.h - helpers shared by the GLib tests.
 *
 * Plugins are found through PHASECAST_PLUGIN_PATH (set by meson to the
 * build tree) and data through PHASECAST_DATA_DIR (the source tree), so a
 * test never picks up an installed copy. */
#pragma once

#include "phasecast.h"

#include <math.h>

/* Money compares to a relative 1e-9 (a thousandth of a cent on $10,000),
 * with a floor of 1e-9 USD so that an expected $0 means exactly nothing
 * charged: a test cannot pass with a charge missing. */
#define pc_assert_usd(got, want) \
  g_assert_cmpfloat_with_epsilon ((got), (want), MAX (1e-9, fabs (want) * 1e-9))
/* The same bound, named for expectations written as exact arithmetic from
 * published prices. */
#define pc_assert_usd_exact(got, want) pc_assert_usd ((got), (want))

/* One priced month of @plugin in @region.  @sets is a NULL-terminated list
 * of "key=value" (plugin parameters or usage keys, as `phasecast price`).
 * Aborts the test with the error's message on failure. */
PcStepResult *pc_test_price (const char *plugin, const char *region, const char *const *sets);
/* Steps @plugin once over @usage, which keeps the demand the plugin leaves,
 * so successive calls chain as stages of a pipeline do.  @sets as above
 * (usage keys among them change @usage first).  Aborts on failure. */
PcStepResult *pc_test_step (PcUsage *usage, const char *plugin, const char *region, const char *const *sets);
/* As pc_test_price but returns NULL and sets @error instead of aborting. */
PcStepResult *pc_test_price_error (const char *plugin, const char *region, const char *const *sets, GError **error);
/* The USD of the line named @item (asserts it exists). */
double pc_test_line_usd (const PcStepResult *result, const char *item);
/* The quantity of the line named @item (asserts it exists). */
double pc_test_line_quantity (const PcStepResult *result, const char *item);
/* Whether a line named @item exists. */
gboolean pc_test_has_line (const PcStepResult *result, const char *item);
/* The value of metric @name of @plugin in @result. */
double pc_test_metric (const char *plugin, const PcStepResult *result, const char *name);
/* The catalog unit price of @key in @region (for expectations written as
 * quantity x published price; the published figure is also asserted by
 * the catalog tests). */
double pc_test_unit_price (const char *region, const char *key);
/* A model from scenario and roadmap text (the scenario's roadmap href must
 * be "roadmap.xml"); aborts the test on error. */
PcModel *pc_test_model_from_text (const char *scenario, const char *roadmap, PcHost *host);
/* The plugin host every test of a process shares (transfer none). */
PcHost *pc_test_host (void);
/* The index of indicator @id in @model (asserts it exists). */
guint pc_test_indicator (const PcModel *model, const char *id);
/* Path of a file under tests/data (transfer full). */
char *pc_test_data (const char *name);
/* Runs the phasecast CLI ($PHASECAST_EXE, set by meson) with @args
 * (NULL-terminated, without the program name); returns its exit status
 * (128 + N when killed by signal N) and, when not NULL, its stdout and
 * stderr (transfer full). */
int pc_test_cli (const char *const *args, char **out, char **err);
/* The same, run in the folder @cwd (relative arguments are read from there). */
int pc_test_cli_in (const char *cwd, const char *const *args, char **out, char **err);
/* Removes @path and everything under it (temporary folders of a test). */
void pc_test_remove_tree (const char *path);
/* Calls @check with the path and Region of every Region's catalog under
 * data/pricing (aws-REGION.xml); returns how many there were. */
typedef void (*PcTestCatalogFunc) (const char *file, const char *region, gpointer data);
guint pc_test_each_catalog (PcTestCatalogFunc check, gpointer data);
