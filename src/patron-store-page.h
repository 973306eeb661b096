/* patron-store-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "patron-session.h"

G_BEGIN_DECLS

#define PATRON_TYPE_STORE_PAGE (patron_store_page_get_type ())

G_DECLARE_FINAL_TYPE (PatronStorePage, patron_store_page, PATRON, STORE_PAGE, AdwBin)

gboolean patron_store_url_is_loopback (const char      *url);
gboolean patron_store_url_needs_consent (GSettings     *settings,
                                         const char    *url);
char    *patron_store_url_normalize   (const char      *text);
void     patron_store_page_set_url    (PatronStorePage *self,
                                       const char      *url);
void     patron_store_page_ask_consent (PatronStorePage *self,
                                        const char      *url);
void     patron_store_page_connect    (PatronStorePage *self,
                                       const char      *url,
                                       const char      *key);

G_END_DECLS
