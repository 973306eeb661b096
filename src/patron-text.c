/* patron-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-text"

#include "config.h"

#include <string.h>

#include "patron-text.h"

/**
 * patron_text_clip:
 * @text: (nullable): text from the store, the command line or the user,
 *   as long as it likes
 * @max_chars: the most characters to keep, at least 1
 *
 * What a label may show of @text: at most @max_chars characters, the last
 * of them "…" when @text is longer, cut between two characters. Only the
 * start of @text is read (at most 4 bytes a character), so the cost does
 * not grow with it; invalid UTF-8 there becomes U+FFFD.
 *
 * Returns: (transfer full): the text to show
 */
char *
patron_text_clip (const char *text,
                  gsize       max_chars)
{
  g_autofree char *valid = NULL;
  gsize n_bytes;
  const char *end;
  gsize n_chars = 0;

  g_return_val_if_fail (max_chars > 0, NULL);

  if (text == NULL)
    return g_strdup ("");

  /* one byte more than max_chars characters can take tells a longer text */
  n_bytes = strnlen (text, max_chars * 4 + 1);
  valid = g_utf8_make_valid (text, n_bytes);

  for (end = valid; *end != '\0' && n_chars < max_chars; end = g_utf8_next_char (end))
    n_chars++;
  if (*end == '\0')
    return g_steal_pointer (&valid);

  /* the last character kept makes room for the ellipsis */
  end = g_utf8_prev_char (end);
  return g_strdup_printf ("%.*s…", (int) (end - valid), valid);
}

/**
 * patron_text_is_longer:
 * @text: valid UTF-8
 *
 * Counts no further than it must.
 *
 * Returns: whether @text has more than @max_chars characters
 */
gboolean
patron_text_is_longer (const char *text,
                       gsize       max_chars)
{
  gsize n_chars = 0;

  for (const char *p = text; *p != '\0'; p = g_utf8_next_char (p))
    if (++n_chars > max_chars)
      return TRUE;

  return FALSE;
}
