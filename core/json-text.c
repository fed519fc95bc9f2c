/* json-text.c - JSON text that every parser accepts.
 *
 * json-glib 1.6 (Debian 12) writes a double with g_ascii_dtostr and then
 * appends ".0" whenever the text has no '.', so 1e20 comes out as
 * "1e+20.0", which no JSON parser accepts (json-glib's generator fixed
 * this later by also looking for an exponent).  It also leaves the control
 * character U+001F unescaped and copies strings byte for byte, so a plugin's
 * invalid UTF-8 would reach the output.  Every JSON text phasecast writes
 * goes through pc_json_to_text(), which keeps json-glib's generator and
 * repairs its text in one lexical pass: outside strings, a ".0" right after
 * an exponent is dropped; inside strings, control characters are escaped;
 * and the whole text is made valid UTF-8 first.
 *
 * A whole number above G_MAXINT64 (a seed may be up to 2^64 - 1) is more
 * than a json-glib node holds: its integers are gint64 and a double keeps
 * only 53 bits.  pc_json_uint64_node() carries it through the generator as
 * a string, a marker and the digits, and the same pass writes the digits
 * alone, a JSON number with every digit.  The marker holds a key drawn at
 * random once per process, so no text from an input or a plugin can be
 * taken for one.
 */
#include "pc-private.h"

#include <json-glib/json-glib.h>
#include <string.h>

/* Appends @text[*i] (a character inside a string) to @out, escaping a raw
 * control character. */
static void
copy_string_char (GString *out, const char *text, gsize *i, gboolean *in_string)
{
  char c = text[*i];
  if ((guchar) c < 0x20) {
    g_string_append_printf (out, "\\u%04x", (guint) (guchar) c);
    return;
  }
  g_string_append_c (out, c);
  if (c == '\\' && text[*i + 1] != '\0')
    g_string_append_c (out, text[++*i]);
  else if (c == '"')
    *in_string = FALSE;
}

/* Whether @text[i] starts ".0" that ends a number with an exponent:
 * the characters before it are [eE][+-]?digits. */
static gboolean
exponent_then_point_zero (const char *text, gsize i)
{
  if (text[i] != '.' || text[i + 1] != '0' || g_ascii_isdigit (text[i + 2]))
    return FALSE;
  gsize j = i;
  while (j > 0 && g_ascii_isdigit (text[j - 1]))
    j--;
  if (j == i || j == 0)
    return FALSE;
  if (text[j - 1] == '+' || text[j - 1] == '-')
    j--;
  return j > 0 && (text[j - 1] == 'e' || text[j - 1] == 'E');
}

/* "pc-uint64-KEY:", KEY 32 random hex digits drawn once per process. */
static const char *
uint64_marker (void)
{
  static char *marker;
  if (g_once_init_enter (&marker)) {
    char *made = g_strdup_printf ("pc-uint64-%08x%08x%08x%08x:", g_random_int (), g_random_int (), g_random_int (),
                                  g_random_int ());
    g_once_init_leave (&marker, made);
  }
  return marker;
}

JsonNode *
pc_json_uint64_node (guint64 value)
{
  if (value <= G_MAXINT64)
    return json_node_init_int (json_node_alloc (), (gint64) value);
  g_autofree char *text = g_strdup_printf ("%s%" G_GUINT64_FORMAT, uint64_marker (), value);
  return json_node_init_string (json_node_alloc (), text);
}

/* When @text[i] (a '"' outside strings) starts a string made by
 * pc_json_uint64_node, appends its digits to @out and returns the index of
 * its closing '"'; else returns @i. */
static gsize
copy_uint64 (GString *out, const char *text, gsize i)
{
  const char *marker = uint64_marker ();
  gsize length = strlen (marker);
  if (strncmp (text + i + 1, marker, length) != 0)
    return i;
  gsize first = i + 1 + length, end = first;
  while (g_ascii_isdigit (text[end]))
    end++;
  if (end == first || text[end] != '"')
    return i;
  g_string_append_len (out, text + first, (gssize) (end - first));
  return end;
}

/* Returns: (transfer full): @text repaired as the file's comment says. */
char *
pc_json_repair (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  GString *out = g_string_sized_new (strlen (valid) + 1);
  gboolean in_string = FALSE;
  for (gsize i = 0; valid[i] != '\0'; i++) {
    gsize after_number;
    if (in_string)
      copy_string_char (out, valid, &i, &in_string);
    else if (exponent_then_point_zero (valid, i))
      i++;   /* skip ".0" */
    else if (valid[i] == '"' && (after_number = copy_uint64 (out, valid, i)) != i)
      i = after_number;
    else {
      in_string = valid[i] == '"';
      g_string_append_c (out, valid[i]);
    }
  }
  return g_string_free (out, FALSE);
}

char *
pc_json_to_text (JsonNode *root, gboolean pretty)
{
  g_autoptr (JsonGenerator) generator = json_generator_new ();
  json_generator_set_pretty (generator, pretty);
  json_generator_set_root (generator, root);
  g_autofree char *text = json_generator_to_data (generator, NULL);
  return pc_json_repair (text);
}
