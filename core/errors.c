/* errors.c - every refusal is one readable line.
 *
 * A message quotes what the input said (an attribute's value, libxml2's
 * description of a malformed comment), and that text may hold a newline
 * (&#10; in an attribute, a comment's own lines) or run to megabytes.  Each
 * public loader passes its error through pc_error_tidy() before returning
 * it: control characters are written as escapes and an overlong message
 * keeps its beginning (file:line, element) and its end (what is allowed). */
#include "pc-private.h"

#define MAX_MESSAGE 4000   /* bytes; the lists of allowed names fit well within */
#define KEEP_EACH_END 1900

/* Appends @text[0, @length) to @out with control characters escaped. */
static void
append_escaped (GString *out, const char *text, gsize length)
{
  for (gsize i = 0; i < length; i++) {
    guchar c = (guchar) text[i];
    if (c == '\n')
      g_string_append (out, "\\n");
    else if (c < 0x20 || c == 0x7f)
      g_string_append_printf (out, "\\x%02x", c);
    else
      g_string_append_c (out, (char) c);
  }
}

void
pc_error_tidy (GError *error)
{
  if (error == NULL || error->message == NULL)
    return;
  g_autofree char *valid = g_utf8_make_valid (g_strchomp (error->message), -1);
  gsize length = strlen (valid);
  GString *out = g_string_sized_new (MIN (length, MAX_MESSAGE) + 16);
  if (length <= MAX_MESSAGE) {
    append_escaped (out, valid, length);
  } else {
    const char *head_end = g_utf8_find_prev_char (valid, valid + KEEP_EACH_END + 1);
    const char *tail = g_utf8_find_next_char (valid + length - KEEP_EACH_END - 1, NULL);
    append_escaped (out, valid, (gsize) (head_end - valid));
    g_string_append_printf (out, " [... %" G_GSIZE_FORMAT " bytes ...] ", (gsize) (tail - head_end));
    append_escaped (out, tail, strlen (tail));
  }
  g_free (error->message);
  error->message = g_string_free (out, FALSE);
}

/* For callers with a GError **: tidies the error it holds, if any. */
void
pc_error_tidy_at (GError **error)
{
  if (error != NULL)
    pc_error_tidy (*error);
}
