/* patron-sign-in-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "patron-session.h"

G_BEGIN_DECLS

#define PATRON_TYPE_SIGN_IN_PAGE (patron_sign_in_page_get_type ())

G_DECLARE_FINAL_TYPE (PatronSignInPage, patron_sign_in_page, PATRON, SIGN_IN_PAGE, AdwBin)

void patron_sign_in_page_set_session     (PatronSignInPage *self,
                                          PatronSession    *session);
void patron_sign_in_page_set_email       (PatronSignInPage *self,
                                          const char       *email);
void patron_sign_in_page_set_message     (PatronSignInPage *self,
                                          const char       *message);
void patron_sign_in_page_set_can_remember (PatronSignInPage *self,
                                           gboolean          can_remember);
void patron_sign_in_page_focus_form      (PatronSignInPage *self);

G_END_DECLS
