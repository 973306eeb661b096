/* patron-register-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "patron-session.h"

G_BEGIN_DECLS

#define PATRON_TYPE_REGISTER_PAGE (patron_register_page_get_type ())

G_DECLARE_FINAL_TYPE (PatronRegisterPage, patron_register_page, PATRON, REGISTER_PAGE, AdwBin)

void patron_register_page_set_session      (PatronRegisterPage *self,
                                            PatronSession      *session);
void patron_register_page_set_email        (PatronRegisterPage *self,
                                            const char         *email);
void patron_register_page_set_can_remember (PatronRegisterPage *self,
                                            gboolean            can_remember);

G_END_DECLS
