/* patron-forgot-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "patron-session.h"

G_BEGIN_DECLS

#define PATRON_TYPE_FORGOT_PAGE (patron_forgot_page_get_type ())

G_DECLARE_FINAL_TYPE (PatronForgotPage, patron_forgot_page, PATRON, FORGOT_PAGE, AdwBin)

void patron_forgot_page_set_session (PatronForgotPage *self,
                                     PatronSession    *session);
void patron_forgot_page_set_email   (PatronForgotPage *self,
                                     const char       *email);

G_END_DECLS
