/* suggest.c - "allowed: ..., did you mean ...?" for every refused name.
 *
 * A misspelt element, attribute, value, event type or parameter is refused
 * with the names that are allowed and, when one of them is close, that one:
 * the nearest by edit distance (insertions, deletions, substitutions and
 * swaps of neighbours), if it is within a third of the word's length.
 */
#include "pc-private.h"

/* The optimal-string-alignment distance between @a and @b (a swap of two
 * neighbours counts one). */
guint
pc_edit_distance (const char *a, const char *b)
{
  gsize n = strlen (a), m = strlen (b);
  if (n > 256 || m > 256)
    return G_MAXUINT;   /* nothing that long is a near miss */
  g_autofree guint *d = g_new (guint, (n + 1) * (m + 1));
#define D(i, j) d[(i) * (m + 1) + (j)]
  for (gsize i = 0; i <= n; i++)
    D (i, 0) = (guint) i;
  for (gsize j = 0; j <= m; j++)
    D (0, j) = (guint) j;
  for (gsize i = 1; i <= n; i++)
    for (gsize j = 1; j <= m; j++) {
      guint cost = a[i - 1] != b[j - 1];
      D (i, j) = MIN (MIN (D (i - 1, j) + 1, D (i, j - 1) + 1), D (i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1])
        D (i, j) = MIN (D (i, j), D (i - 2, j - 2) + 1);
    }
  guint distance = D (n, m);
#undef D
  return distance;
}

/* The nearest of @names (NULL-terminated) to @word, or NULL when none is
 * close enough to be a likely misspelling. */
const char *
pc_suggest (const char *word, const char *const *names)
{
  if (word == NULL || names == NULL)
    return NULL;
  const char *best = NULL;
  guint best_distance = MAX (1u, (guint) strlen (word) / 3) + 1;
  for (guint i = 0; names[i]; i++) {
    guint distance = pc_edit_distance (word, names[i]);
    if (distance > 0 && distance < best_distance) {
      best = names[i];
      best_distance = distance;
    }
  }
  return best;
}

/* Returns: (transfer full): "allowed: a, b, c" and, when @word is close to
 * one of @names, " (did you mean b?)". */
char *
pc_allowed_names (const char *word, const char *const *names)
{
  GString *out = g_string_new ("allowed: ");
  for (guint i = 0; names && names[i]; i++)
    g_string_append_printf (out, "%s%s", i ? ", " : "", names[i]);
  if (names == NULL || names[0] == NULL)
    g_string_append (out, "none");
  const char *nearest = pc_suggest (word, names);
  if (nearest != NULL)
    g_string_append_printf (out, " (did you mean %s?)", nearest);
  return g_string_free (out, FALSE);
}
