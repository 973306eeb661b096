/* patron-session.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "medusa.h"
#include "patron-account-cache.h"
#include "patron-visit.h"

G_BEGIN_DECLS

#define PATRON_TYPE_SESSION (patron_session_get_type ())

G_DECLARE_FINAL_TYPE (PatronSession, patron_session, PATRON, SESSION, GObject)

PatronSession  *patron_session_new                 (const char           *store_url);
const char     *patron_session_get_store_url       (PatronSession        *self);
MedusaClient   *patron_session_get_client          (PatronSession        *self);
MedusaCustomer *patron_session_get_customer        (PatronSession        *self);
PatronVisit    *patron_session_get_visit           (PatronSession        *self);
gboolean        patron_session_get_signed_in       (PatronSession        *self);
gboolean        patron_session_get_remember        (PatronSession        *self);
gboolean        patron_session_get_offline         (PatronSession        *self);
GDateTime      *patron_session_dup_seen_at         (PatronSession        *self);
PatronAccountCache *patron_session_get_account_cache (PatronSession      *self);
void            patron_session_set_keep_sessions   (PatronSession        *self,
                                                    gboolean              keep_sessions);
void            patron_session_sign_in_async       (PatronSession        *self,
                                                    const char           *email,
                                                    const char           *password,
                                                    gboolean              remember,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        patron_session_sign_in_finish      (PatronSession        *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void            patron_session_register_async      (PatronSession        *self,
                                                    const char           *email,
                                                    const char           *password,
                                                    const char           *first_name,
                                                    const char           *last_name,
                                                    const char           *phone,
                                                    gboolean              remember,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        patron_session_register_finish     (PatronSession        *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void            patron_session_reset_password_async (PatronSession       *self,
                                                    const char           *email,
                                                    const char           *password,
                                                    const char           *token,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        patron_session_reset_password_finish (PatronSession      *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void            patron_session_prepare_restore     (PatronSession        *self);
void            patron_session_restore_async       (PatronSession        *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        patron_session_restore_finish      (PatronSession        *self,
                                                    GAsyncResult         *result,
                                                    char                **email,
                                                    GError              **error);
void            patron_session_update_customer_async  (PatronSession          *self,
                                                       MedusaCustomerChanges  *changes,
                                                       GCancellable           *cancellable,
                                                       GAsyncReadyCallback     callback,
                                                       gpointer                user_data);
gboolean        patron_session_update_customer_finish (PatronSession          *self,
                                                       GAsyncResult           *result,
                                                       GError                **error);
void            patron_session_change_credentials_async  (PatronSession   *self,
                                                          const char      *current_password,
                                                          const char      *new_email,
                                                          const char      *new_password,
                                                          GCancellable    *cancellable,
                                                          GAsyncReadyCallback callback,
                                                          gpointer         user_data);
gboolean        patron_session_change_credentials_finish (PatronSession   *self,
                                                          GAsyncResult    *result,
                                                          GError         **error);
void            patron_session_sign_out_async      (PatronSession        *self,
                                                    GCancellable         *cancellable,
                                                    GAsyncReadyCallback   callback,
                                                    gpointer              user_data);
gboolean        patron_session_sign_out_finish     (PatronSession        *self,
                                                    GAsyncResult         *result,
                                                    GError              **error);
void            patron_session_leave               (PatronSession        *self);

G_END_DECLS
