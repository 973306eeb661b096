/* patron-reset-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "patron-session.h"

G_BEGIN_DECLS

#define PATRON_TYPE_RESET_PAGE (patron_reset_page_get_type ())

G_DECLARE_FINAL_TYPE (PatronResetPage, patron_reset_page, PATRON, RESET_PAGE, AdwBin)

void patron_reset_page_set_session (PatronResetPage *self,
                                    PatronSession   *session);
void patron_reset_page_set_link    (PatronResetPage *self,
                                    const char      *email,
                                    const char      *token);

G_END_DECLS
