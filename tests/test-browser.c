/* The baseline report's index.html, as `phasecast report` writes it (20
 * futures, all six charts), in a real browser: headless Chromium, driven
 * over the DevTools protocol on a pipe (--remote-debugging-pipe: JSON
 * messages ending in a NUL byte, our requests on the child's fd 3, its
 * answers and events on fd 4), so nothing listens on the network.
 *
 * Checked: the page loads with no console error, no uncaught exception and
 * no failed resource; all six chart images decode; the page is as tall as
 * a report with six charts and its tables (between 3,000 and 40,000 CSS
 * pixels at 1280 wide); a full-page screenshot is a real, non-blank PNG;
 * at a phone's width (390 CSS pixels) nothing overflows sideways; and it
 * prints to A4 PDF.  The screenshot (full page, at half scale) is kept in
 * the build folder as report-baseline.png for a person to look at.  It is
 * not docs/report-baseline.png: that one is the top of the page of 200
 * futures at 1200 pixels wide, taken with `chromium --headless
 * --screenshot` (docs/report.md says how).
 *
 * Skipped, with the reason, when chromium is not installed.
 */
#include "testlib.h"

#include "report-check.h"

#include <errno.h>
#include <glib-unix.h>
#include <glib/gstdio.h>
#include <json-glib/json-glib.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>

/* Time the browser gets for the whole test, in seconds. */
#define BROWSER_SECONDS 90

typedef struct {
  GPid pid;
  int to_browser, from_browser;
  GString *inbox;             /* bytes read, not yet a whole message */
  guint next_id;
  char *session;
  GPtrArray *problems;        /* char*: console errors, exceptions, failed loads */
  gint64 deadline;            /* monotonic microseconds */
} Browser;

static const char *
chromium_path (void)
{
  static char *path;
  if (path == NULL)
    path = g_find_program_in_path ("chromium");
  if (path == NULL)
    path = g_find_program_in_path ("chromium-browser");
  return path;
}

static void
browser_start (Browser *b, const char *profile)
{
  int to[2], from[2];
  g_autoptr (GError) error = NULL;
  g_assert_true (g_unix_open_pipe (to, FD_CLOEXEC, &error));
  g_assert_true (g_unix_open_pipe (from, FD_CLOEXEC, &error));
  g_autofree char *profile_flag = g_strdup_printf ("--user-data-dir=%s", profile);
  const char *argv[] = { chromium_path (), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                         "--no-first-run", "--disable-background-networking", "--disable-component-update",
                         "--disable-sync", "--remote-debugging-pipe", profile_flag, "about:blank", NULL };
  int sources[] = { to[0], from[1] }, targets[] = { 3, 4 };
  g_assert_true (g_spawn_async_with_pipes_and_fds (NULL, argv, NULL,
                                                   G_SPAWN_DO_NOT_REAP_CHILD | G_SPAWN_STDOUT_TO_DEV_NULL |
                                                     G_SPAWN_STDERR_TO_DEV_NULL,
                                                   NULL, NULL, -1, -1, -1, sources, targets, 2, &b->pid, NULL, NULL,
                                                   NULL, &error));
  g_assert_no_error (error);
  close (to[0]), close (from[1]);
  b->to_browser = to[1], b->from_browser = from[0];
  b->inbox = g_string_new (NULL);
  b->problems = g_ptr_array_new_with_free_func (g_free);
  b->deadline = g_get_monotonic_time () + BROWSER_SECONDS * G_USEC_PER_SEC;
}

static void
browser_stop (Browser *b)
{
  close (b->to_browser);   /* Chromium exits when its pipe closes */
  close (b->from_browser);
  for (int i = 0; i < 100 && waitpid (b->pid, NULL, WNOHANG) == 0; i++)
    g_usleep (50000);
  if (waitpid (b->pid, NULL, WNOHANG) == 0) {
    kill (b->pid, SIGKILL);   /* the browser this test started, by its id */
    waitpid (b->pid, NULL, 0);
  }
  g_spawn_close_pid (b->pid);
  g_string_free (b->inbox, TRUE);
  g_ptr_array_unref (b->problems);
  g_free (b->session);
}

/* Sends a command; returns its id.  @params is a JSON object's text. */
static guint
browser_send (Browser *b, const char *method, const char *params)
{
  guint id = ++b->next_id;
  g_autofree char *session = b->session ? g_strdup_printf (",\"sessionId\":\"%s\"", b->session) : g_strdup ("");
  g_autofree char *message = g_strdup_printf ("{\"id\":%u,\"method\":\"%s\",\"params\":%s%s}", id, method,
                                              params ? params : "{}", session);
  gsize length = strlen (message) + 1;   /* with the NUL that ends a message */
  for (gsize done = 0; done < length;) {
    ssize_t n = write (b->to_browser, message + done, length - done);
    g_assert_true (n > 0 || errno == EINTR);
    done += n > 0 ? (gsize) n : 0;
  }
  return id;
}

/* Notes the events that mean the page has a problem. */
static void
note_event (Browser *b, const char *method, JsonObject *params)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  JsonNode *node = json_node_init_object (json_node_alloc (), params);
  json_generator_set_root (generator, node);
  g_autofree char *text = json_generator_to_data (generator, NULL);
  json_node_unref (node);
  if (g_str_equal (method, "Runtime.exceptionThrown"))
    g_ptr_array_add (b->problems, g_strdup_printf ("exception: %s", text));
  else if (g_str_equal (method, "Runtime.consoleAPICalled") &&
           g_strcmp0 (json_object_get_string_member_with_default (params, "type", ""), "error") == 0)
    g_ptr_array_add (b->problems, g_strdup_printf ("console error: %s", text));
  else if (g_str_equal (method, "Log.entryAdded")) {
    JsonObject *entry = json_object_get_object_member (params, "entry");
    if (entry && g_strcmp0 (json_object_get_string_member_with_default (entry, "level", ""), "error") == 0)
      g_ptr_array_add (b->problems, g_strdup_printf ("log error: %s", text));
  }
}

/* Reads until one whole message is in the inbox; returns it parsed. */
static JsonNode *
browser_read (Browser *b)
{
  char *end;
  while ((end = memchr (b->inbox->str, '\0', b->inbox->len)) == NULL) {
    gint64 left = (b->deadline - g_get_monotonic_time ()) / 1000;
    g_assert_cmpint (left, >, 0);   /* the browser took longer than BROWSER_SECONDS */
    struct pollfd wait = { b->from_browser, POLLIN, 0 };
    if (poll (&wait, 1, (int) left) <= 0)
      continue;
    char chunk[65536];
    ssize_t n = read (b->from_browser, chunk, sizeof chunk);
    g_assert_cmpint (n, >, 0);   /* the browser closed its pipe */
    g_string_append_len (b->inbox, chunk, n);
  }
  g_autoptr (JsonParser) parser = json_parser_new ();
  g_autoptr (GError) error = NULL;
  gsize length = (gsize) (end - b->inbox->str);
  g_assert_true (json_parser_load_from_data (parser, b->inbox->str, (gssize) length, &error));
  g_string_erase (b->inbox, 0, (gssize) length + 1);
  return json_node_ref (json_parser_get_root (parser));
}

/* Waits for the answer to @id (or, with @id 0, the event @event), noting
 * every event on the way.  Returns the answer's "result" or the event's
 * "params". */
static JsonNode *
browser_wait (Browser *b, guint id, const char *event)
{
  for (;;) {
    g_autoptr (JsonNode) message = browser_read (b);
    JsonObject *object = json_node_get_object (message);
    if (json_object_has_member (object, "method")) {
      const char *method = json_object_get_string_member (object, "method");
      JsonObject *params = json_object_get_object_member (object, "params");
      note_event (b, method, params);
      if (event && g_str_equal (method, event))
        return json_node_copy (json_object_get_member (object, "params"));
      continue;
    }
    if (id == 0 || json_object_get_int_member (object, "id") != id)
      continue;
    if (json_object_has_member (object, "error"))
      g_error ("DevTools command %u failed: %s", id,
               json_object_get_string_member (json_object_get_object_member (object, "error"), "message"));
    return json_node_copy (json_object_get_member (object, "result"));
  }
}

static JsonNode *
browser_call (Browser *b, const char *method, const char *params)
{
  return browser_wait (b, browser_send (b, method, params), NULL);
}

static void
browser_attach (Browser *b)
{
  g_autoptr (JsonNode) created = browser_call (b, "Target.createTarget", "{\"url\":\"about:blank\"}");
  g_autofree char *attach = g_strdup_printf ("{\"targetId\":\"%s\",\"flatten\":true}",
                                             json_object_get_string_member (json_node_get_object (created), "targetId"));
  g_autoptr (JsonNode) attached = browser_call (b, "Target.attachToTarget", attach);
  b->session = g_strdup (json_object_get_string_member (json_node_get_object (attached), "sessionId"));
  const char *domains[] = { "Runtime.enable", "Log.enable", "Page.enable" };
  for (guint i = 0; i < G_N_ELEMENTS (domains); i++)
    json_node_unref (browser_call (b, domains[i], NULL));
}

/* Evaluates @expression in the page; returns its number value. */
static double
browser_number (Browser *b, const char *expression)
{
  g_autofree char *params = g_strdup_printf ("{\"expression\":\"%s\",\"returnByValue\":true}", expression);
  g_autoptr (JsonNode) result = browser_call (b, "Runtime.evaluate", params);
  JsonObject *value = json_object_get_object_member (json_node_get_object (result), "result");
  return json_object_get_double_member (value, "value");
}

/* Evaluates @expression in the page; returns its string value. */
static char *
browser_text (Browser *b, const char *expression)
{
  g_autofree char *params = g_strdup_printf ("{\"expression\":\"%s\",\"returnByValue\":true}", expression);
  g_autoptr (JsonNode) result = browser_call (b, "Runtime.evaluate", params);
  JsonObject *value = json_object_get_object_member (json_node_get_object (result), "result");
  return g_strdup (json_object_get_string_member_with_default (value, "value", ""));
}

static void
set_viewport (Browser *b, int width, int height, gboolean mobile)
{
  g_autofree char *params = g_strdup_printf ("{\"width\":%d,\"height\":%d,\"deviceScaleFactor\":1,\"mobile\":%s}",
                                             width, height, mobile ? "true" : "false");
  json_node_unref (browser_call (b, "Emulation.setDeviceMetricsOverride", params));
}

/* The base64 member @name of a command's result, decoded. */
static guint8 *
decoded_member (JsonNode *result, const char *name, gsize *length)
{
  return g_base64_decode (json_object_get_string_member (json_node_get_object (result), name), length);
}

static void
check_screenshot (Browser *b, double height)
{
  g_autofree char *params = g_strdup_printf (
    "{\"format\":\"png\",\"captureBeyondViewport\":true,\"clip\":{\"x\":0,\"y\":0,\"width\":1280,\"height\":%.0f,"
    "\"scale\":0.5}}", height);
  g_autoptr (JsonNode) shot = browser_call (b, "Page.captureScreenshot", params);
  gsize length;
  g_autofree guint8 *png = decoded_member (shot, "data", &length);
  int width, pixels_high;
  double variance;
  g_assert_true (pc_check_png_data (png, length, &width, &pixels_high, &variance));
  g_test_message ("screenshot %d x %d, luminance variance %.0f", width, pixels_high, variance);
  g_assert_cmpint (width, ==, 640);
  g_assert_cmpint (pixels_high, >=, 1500);
  g_assert_cmpfloat (variance, >, 100);
  g_autofree char *kept = g_test_build_filename (G_TEST_BUILT, "report-baseline.png", NULL);
  g_assert_true (g_file_set_contents (kept, (const char *) png, (gssize) length, NULL));
}

static void
check_print (Browser *b)
{
  g_autoptr (JsonNode) pdf = browser_call (b, "Page.printToPDF", "{\"paperWidth\":8.27,\"paperHeight\":11.69}");
  gsize length;
  g_autofree guint8 *data = decoded_member (pdf, "data", &length);
  g_assert_cmpuint (length, >, 1000);
  g_assert_true (memcmp (data, "%PDF-", 5) == 0);
}

static void
test_page (void)
{
  g_test_summary ("The index.html `phasecast report` writes renders in headless Chromium with no console error, all "
                  "six charts decoded, a plausible height, a non-blank screenshot, no sideways overflow on a phone, "
                  "and an A4 print");
  if (chromium_path () == NULL) {
    g_test_skip ("chromium is not installed (CI installs Debian's chromium)");
    return;
  }
  g_autofree char *dir = pc_check_cli_report (20);
  g_autofree char *index = g_build_filename (dir, "index.html", NULL);
  g_autofree char *uri = g_filename_to_uri (index, NULL, NULL);
  g_autofree char *profile = g_dir_make_tmp ("phasecast-chromium-XXXXXX", NULL);
  Browser b = { 0 };
  browser_start (&b, profile);
  browser_attach (&b);
  set_viewport (&b, 1280, 900, FALSE);
  g_autofree char *navigate = g_strdup_printf ("{\"url\":\"%s\"}", uri);
  json_node_unref (browser_call (&b, "Page.navigate", navigate));
  json_node_unref (browser_wait (&b, 0, "Page.loadEventFired"));
  double images = browser_number (&b, "document.images.length");
  double decoded = browser_number (&b, "Array.from(document.images).filter(i => i.complete && i.naturalWidth > 0).length");
  double height = browser_number (&b, "document.documentElement.scrollHeight");
  g_test_message ("%.0f images, %.0f decoded; page height %.0f CSS pixels", images, decoded, height);
  g_assert_cmpfloat (images, ==, G_N_ELEMENTS (pc_check_baseline_charts));
  g_assert_cmpfloat (decoded, ==, images);
  for (guint i = 0; i < G_N_ELEMENTS (pc_check_baseline_charts); i++) {   /* each chart in its own figure */
    g_autofree char *figure = g_strdup_printf ("Array.from(document.querySelectorAll('figure#%s img')).filter(i => "
                                               "i.complete && i.naturalWidth > 0).length", pc_check_baseline_charts[i]);
    g_test_message ("%s", figure);
    g_assert_cmpfloat (browser_number (&b, figure), ==, 1);
  }
  g_assert_cmpfloat (height, >=, 3000);
  g_assert_cmpfloat (height, <=, 40000);
  check_screenshot (&b, height);
  set_viewport (&b, 390, 844, TRUE);
  double phone_width = browser_number (&b, "document.documentElement.scrollWidth");
  g_test_message ("at 390 CSS pixels wide the page is %.0f wide", phone_width);
  if (phone_width > 390) {   /* name what sticks out, for whoever fixes it */
    g_autofree char *wide = browser_text (&b, "Array.from(document.querySelectorAll('body *')).filter(e => "
                                          "e.getBoundingClientRect().right > 391).slice(0, 8).map(e => e.tagName + '.' + "
                                          "e.className + ' ' + e.textContent.slice(0, 40)).join(' | ')");
    g_test_message ("wider than the screen: %s", wide);
  }
  g_assert_cmpfloat (phone_width, <=, 390);
  check_print (&b);
  for (guint i = 0; i < b.problems->len; i++)
    g_test_message ("%s", (char *) b.problems->pdata[i]);
  g_assert_cmpuint (b.problems->len, ==, 0);
  browser_stop (&b);
  pc_check_remove_tree (profile);
  g_autofree char *parent = g_path_get_dirname (dir);
  pc_check_remove_tree (parent);
}

int
main (int argc, char **argv)
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/report/browser/baseline-page", test_page);
  return g_test_run ();
}
