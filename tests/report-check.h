/* report-check.h - what the report tests check of a picture or a page
 * (report-check.c): a PNG that is a real, non-blank image, an SVG that is
 * well-formed XML, and the report folder `phasecast report` writes. */
#pragma once

#include "pc-report-dir.h"

/* Loads the PNG @path (cairo) and returns its size and the variance of its
 * pixels' luminance (0 for a blank image); FALSE if it is not a PNG. */
gboolean pc_check_png (const char *path, int *width, int *height, double *variance);
/* The same for PNG bytes in memory. */
gboolean pc_check_png_data (const guint8 *data, gsize length, int *width, int *height, double *variance);
/* TRUE when @path parses as XML (no network, no entities) with root <svg>. */
gboolean pc_check_svg (const char *path);
/* The charts `phasecast report` draws for the baseline, in the page's order. */
extern const char *const pc_check_baseline_charts[6];
/* Runs `phasecast report scenarios/baseline.xml -o DIR --runs @runs` (the
 * program the planner runs, $PHASECAST_EXE) into a new folder under a
 * temporary one and asserts it exits 0; returns that folder. */
char *pc_check_cli_report (guint runs);
/* Removes @path and everything under it. */
void pc_check_remove_tree (const char *path);
