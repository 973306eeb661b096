/* patron-text.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-text"

#include "config.h"

#include <string.h>

#include "patron-text.h"

/* Line breaks, tabs and other control characters become spaces, in place
 * (a space is never longer than what it replaces): the store's one line
 * of text stays one line, wrapped where the label wraps it, not broken
 * into as many as the store likes. With @keep_newlines, "\n" stays: the
 * lines Patron itself put together. */
static void
fold_controls (char     *text,
               gboolean  keep_newlines)
{
  char *out = text;

  for (const char *p = text; *p != '\0';)
    {
      gunichar c = g_utf8_get_char (p);
      const char *next = g_utf8_next_char (p);
      GUnicodeType type = g_unichar_type (c);

      if ((type == G_UNICODE_CONTROL || type == G_UNICODE_LINE_SEPARATOR ||
           type == G_UNICODE_PARAGRAPH_SEPARATOR) && !(keep_newlines && c == '\n'))
        *out++ = ' ';
      else
        {
          memmove (out, p, next - p);
          out += next - p;
        }
      p = next;
    }
  *out = '\0';
}

static char *
clip (const char *text,
      gsize       max_chars,
      gboolean    keep_newlines)
{
  g_autofree char *valid = NULL;
  char *shown;
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
    shown = g_steal_pointer (&valid);
  else
    {
      /* the last character kept makes room for the ellipsis */
      end = g_utf8_prev_char (end);
      shown = g_strdup_printf ("%.*s…", (int) (end - valid), valid);
    }
  fold_controls (shown, keep_newlines);

  return shown;
}

/**
 * patron_text_clip:
 * @text: (nullable): text from the store, the command line or the user,
 *   as long as it likes
 * @max_chars: the most characters to keep, at least 1
 *
 * What a label may show of @text: at most @max_chars characters, the last
 * of them "…" when @text is longer, cut between two characters, and line
 * breaks, tabs and other control characters as spaces. Only the start of
 * @text is read (at most 4 bytes a character), so the cost does not grow
 * with it; invalid UTF-8 there becomes U+FFFD.
 *
 * Returns: (transfer full): the text to show
 */
char *
patron_text_clip (const char *text,
                  gsize       max_chars)
{
  return clip (text, max_chars, FALSE);
}

/**
 * patron_text_clip_lines:
 *
 * As patron_text_clip(), for a text whose lines Patron put together (each
 * line clipped already): its "\n" stay.
 *
 * Returns: (transfer full): the text to show
 */
char *
patron_text_clip_lines (const char *text,
                        gsize       max_chars)
{
  return clip (text, max_chars, TRUE);
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
