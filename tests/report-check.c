/* report-check.c - checks shared by the report tests: pictures read back
 * with cairo, SVG read back with libxml2, the report folder written by
 * `phasecast report` itself. */
#include "report-check.h"

#include "testlib.h"

#include <cairo.h>
#include <glib/gstdio.h>
#include <libxml/parser.h>

/* Luminance variance over every pixel of an RGB(A) surface. */
static double
surface_variance (cairo_surface_t *surface)
{
  int width = cairo_image_surface_get_width (surface), height = cairo_image_surface_get_height (surface);
  int stride = cairo_image_surface_get_stride (surface);
  const guint8 *data = cairo_image_surface_get_data (surface);
  double sum = 0, squares = 0, n = (double) width * height;
  for (int y = 0; y < height; y++)
    for (int x = 0; x < width; x++) {
      guint32 pixel = *(const guint32 *) (data + (gsize) y * stride + (gsize) x * 4);
      double luminance = 0.299 * ((pixel >> 16) & 0xff) + 0.587 * ((pixel >> 8) & 0xff) + 0.114 * (pixel & 0xff);
      sum += luminance, squares += luminance * luminance;
    }
  double mean = sum / n;
  return squares / n - mean * mean;
}

static gboolean
surface_check (cairo_surface_t *surface, int *width, int *height, double *variance)
{
  gboolean ok = cairo_surface_status (surface) == CAIRO_STATUS_SUCCESS;
  if (ok) {
    cairo_surface_flush (surface);
    *width = cairo_image_surface_get_width (surface);
    *height = cairo_image_surface_get_height (surface);
    *variance = surface_variance (surface);
  }
  cairo_surface_destroy (surface);
  return ok;
}

gboolean
pc_check_png (const char *path, int *width, int *height, double *variance)
{
  return surface_check (cairo_image_surface_create_from_png (path), width, height, variance);
}

typedef struct {
  const guint8 *data;
  gsize length, offset;
} PngReader;

static cairo_status_t
read_png_bytes (void *closure, unsigned char *out, unsigned int length)
{
  PngReader *reader = closure;
  if (reader->offset + length > reader->length)
    return CAIRO_STATUS_READ_ERROR;
  memcpy (out, reader->data + reader->offset, length);
  reader->offset += length;
  return CAIRO_STATUS_SUCCESS;
}

gboolean
pc_check_png_data (const guint8 *data, gsize length, int *width, int *height, double *variance)
{
  PngReader reader = { data, length, 0 };
  return surface_check (cairo_image_surface_create_from_png_stream (read_png_bytes, &reader), width, height, variance);
}

gboolean
pc_check_svg (const char *path)
{
  xmlDoc *doc = xmlReadFile (path, NULL, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING);
  gboolean ok = doc && xmlDocGetRootElement (doc) && xmlStrEqual (xmlDocGetRootElement (doc)->name, BAD_CAST "svg");
  xmlFreeDoc (doc);
  return ok;
}

const char *const pc_check_baseline_charts[6] = { "cost-over-time", "growth", "timeline", "capacity-runway",
                                                 "where-the-money-goes", "sensitivity" };

char *
pc_check_cli_report (guint runs)
{
  g_autofree char *scenario = g_test_build_filename (G_TEST_DIST, "..", "scenarios", "baseline.xml", NULL);
  g_autoptr (GError) error = NULL;
  g_autofree char *parent = g_dir_make_tmp ("phasecast-report-XXXXXX", &error);
  g_assert_no_error (error);
  char *dir = g_build_filename (parent, "report", NULL);
  g_autofree char *count = g_strdup_printf ("%u", runs);
  const char *args[] = { "report", scenario, "-o", dir, "--runs", count, NULL };
  g_autofree char *out = NULL, *err = NULL;
  int status = pc_test_cli (args, &out, &err);
  g_test_message ("phasecast report: exit %d; %s%s", status, out, err);
  g_assert_cmpint (status, ==, 0);
  return dir;
}

void
pc_check_remove_tree (const char *path)
{
  GStatBuf info;
  if (g_lstat (path, &info) != 0)
    return;
  if (S_ISDIR (info.st_mode)) {
    g_autoptr (GDir) dir = g_dir_open (path, 0, NULL);
    const char *name;
    while (dir && (name = g_dir_read_name (dir)) != NULL) {
      g_autofree char *child = g_build_filename (path, name, NULL);
      pc_check_remove_tree (child);
    }
    g_rmdir (path);
  } else {
    g_unlink (path);
  }
}
