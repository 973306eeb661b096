/* patron-text.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* The most characters of a store's text (a name, an address line, a
 * product's title) that a label or a printed line shows: longer ones end in
 * "…". Measuring is then bounded whatever the store sends. */
#define PATRON_TEXT_MAX_SHOWN 120

char     *patron_text_clip      (const char *text,
                                 gsize       max_chars);
char     *patron_text_clip_lines (const char *text,
                                 gsize       max_chars);
gboolean  patron_text_is_longer (const char *text,
                                 gsize       max_chars);

G_END_DECLS
