/* patron-welcome-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define PATRON_TYPE_WELCOME_PAGE (patron_welcome_page_get_type ())

G_DECLARE_FINAL_TYPE (PatronWelcomePage, patron_welcome_page, PATRON, WELCOME_PAGE, AdwBin)

void     patron_welcome_page_set_store_url (PatronWelcomePage *self,
                                            const char        *store_url);
void     patron_welcome_page_start         (PatronWelcomePage *self);
gboolean patron_welcome_page_get_has_email (PatronWelcomePage *self);

G_END_DECLS
