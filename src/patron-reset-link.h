/* patron-reset-link.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

gboolean patron_reset_link_parse (const char  *text,
                                  char       **email,
                                  char       **token,
                                  GError     **error);
gboolean patron_token_is_valid   (const char  *token);
gboolean patron_token_get_expiry (const char  *token,
                                  gint64      *expiry);
gboolean patron_store_link_parse (const char  *text,
                                  char       **url,
                                  char       **key,
                                  GError     **error);

G_END_DECLS
