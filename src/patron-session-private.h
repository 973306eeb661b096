/* patron-session-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include "patron-session.h"

G_BEGIN_DECLS

struct _PatronSession
{
  GObject         parent_instance;

  char           *store_url;
  MedusaClient   *client;
  PatronVisit    *visit;              /* the signed-in customer's */
  PatronVisit    *arriving;           /* a kept session's, until the store knows it */
  char           *email;
  gboolean        remember;
  gboolean        keep_sessions;

  /* a restore prepared ahead (patron_session_prepare_restore()) */
  MedusaPrefetch   *prefetch;
  gboolean          preparing;        /* the keyring is being read */
  GAsyncResult     *prepared;         /* what it answered, for the restore */
  GTask            *restore;          /* a restore waiting for that answer */
  gboolean          restoring;        /* a kept session found, being resumed */
  gboolean          copy_shown;       /* … its copy shown while the store is asked */

  /* the offline copy of a kept session's account, and asking again */
  PatronAccountCache *copy;
  guint               retry_source;
  guint               retry_seconds;
  GCancellable       *retry_cancellable;
  gboolean            offline;        /* as last notified */
  gboolean            watching_network;
};

/* patron-session.c */
void     _patron_session_wipe_free           (char           *secret);
void     _patron_session_end_visit           (PatronVisit   **visit);
void     _patron_session_set_customer        (PatronSession  *self,
                                              MedusaCustomer *customer,
                                              const char     *email);
void     _patron_session_forget_kept_session (PatronSession  *self,
                                              gboolean        kept);
void     _patron_session_copy_not_removed    (PatronSession  *self,
                                              const GError   *error);
void     _patron_session_not_kept            (PatronSession  *self);
void     _patron_session_set_offline         (PatronSession  *self,
                                              gboolean        offline);
void     _patron_session_set_restoring       (PatronSession  *self,
                                              gboolean        restoring);

/* patron-session-offline.c: the offline copy, and asking the store again */
void     _patron_session_offline_changed_cb  (PatronSession  *self);
void     _patron_session_stop_retrying       (PatronSession  *self,
                                              gboolean        cancel);
void     _patron_session_keep_copy           (PatronSession  *self,
                                              const char     *email);
gboolean _patron_session_drop_copy           (PatronSession  *self,
                                              gboolean        delete,
                                              GError        **error);

G_END_DECLS
