/* report-check.h - what the report tests check of a picture or a page
 * (report-check.c): a PNG that is a real, non-blank image, an SVG that is
 * well-formed XML, and the report folder made from a scenario. */
#pragma once

#include "pc-report-dir.h"

/* Loads the PNG @path (cairo) and returns its size and the variance of its
 * pixels' luminance (0 for a blank image); FALSE if it is not a PNG. */
gboolean pc_check_png (const char *path, int *width, int *height, double *variance);
/* The same for PNG bytes in memory. */
gboolean pc_check_png_data (const guint8 *data, gsize length, int *width, int *height, double *variance);
/* TRUE when @path parses as XML (no network, no entities) with root <svg>. */
gboolean pc_check_svg (const char *path);
/* Simulates @scenario_path (@runs runs, @threads threads) and writes its
 * report into a new folder under a temporary one; returns that folder. */
char *pc_check_write_report (const char *scenario_path, guint runs, guint threads, const PcReportOptions *options);
/* Removes @path and everything under it. */
void pc_check_remove_tree (const char *path);
