/* patron-account-page.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "patron-session.h"

G_BEGIN_DECLS

#define PATRON_TYPE_ACCOUNT_PAGE (patron_account_page_get_type ())

G_DECLARE_FINAL_TYPE (PatronAccountPage, patron_account_page, PATRON, ACCOUNT_PAGE, AdwBin)

void     patron_account_page_set_session     (PatronAccountPage *self,
                                              PatronSession     *session);
gboolean patron_account_page_get_has_changes (PatronAccountPage *self);
void     patron_account_page_discard_changes (PatronAccountPage *self);
guint    patron_account_page_send_pending    (PatronAccountPage *self);

G_END_DECLS
