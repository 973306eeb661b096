/* patron-session-offline.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-session"

#include "config.h"

#include "patron-session-private.h"

/* ------------------------------------------------------------------------ */
/* The offline copy of a kept session's account                             */

#define RETRY_FIRST_SECONDS 2
#define RETRY_MAX_SECONDS (5 * 60)

static gboolean
get_offline (PatronSession *self)
{
  return self->copy != NULL && self->visit != NULL && medusa_client_get_offline (self->client);
}

/* No more asking again; @cancel, not even the question on its way (whose
 * answer, when the store answered, is the fresh customer). */
void
_patron_session_stop_retrying (PatronSession *self,
                               gboolean       cancel)
{
  g_clear_handle_id (&self->retry_source, g_source_remove);
  if (cancel)
    {
      g_cancellable_cancel (self->retry_cancellable);
      g_clear_object (&self->retry_cancellable);
    }
  self->retry_seconds = 0;
}

static void schedule_retry (PatronSession *self);

static void
retry_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PatronSession) self = user_data;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = medusa_client_get_customer_finish (MEDUSA_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  g_clear_object (&self->retry_cancellable);
  /* an expired session: the client said so, and the session is over */
  if (self->visit == NULL)
    return;
  if (medusa_client_get_offline (self->client))
    {
      schedule_retry (self);
      return;
    }

  if (customer != NULL)
    _patron_session_set_customer (self, customer, NULL);
  else
    g_debug ("The store answered, but not the customer: %s", error->message);
}

static gboolean
retry_timeout_cb (gpointer data)
{
  PatronSession *self = data;

  self->retry_source = 0;
  if (!get_offline (self) || self->retry_cancellable != NULL)
    return G_SOURCE_REMOVE;

  g_debug ("Asking the store again");
  self->retry_cancellable = g_cancellable_new ();
  medusa_client_get_customer_async (self->client, self->retry_cancellable, retry_cb,
                                    g_object_ref (self));

  return G_SOURCE_REMOVE;
}

/* Asks again, after twice as long each time, at most every five minutes. */
static void
schedule_retry (PatronSession *self)
{
  if (self->retry_source != 0 || self->retry_cancellable != NULL)
    return;

  self->retry_seconds = self->retry_seconds == 0
    ? RETRY_FIRST_SECONDS
    : MIN (self->retry_seconds * 2, RETRY_MAX_SECONDS);
  self->retry_source = g_timeout_add_seconds (self->retry_seconds, retry_timeout_cb, self);
}

/* The network came back, or changed: the store is asked at once. */
static void
network_changed_cb (PatronSession *self,
                    gboolean       available)
{
  if (!available || !get_offline (self))
    return;

  g_clear_handle_id (&self->retry_source, g_source_remove);
  self->retry_seconds = 0;
  retry_timeout_cb (self);
}

void
_patron_session_offline_changed_cb (PatronSession *self)
{
  gboolean offline = get_offline (self);

  /* the network watched once the store is out of reach: on a desktop its
   * monitor asks NetworkManager or the portal, which a start that reaches
   * the store need not wait for */
  if (offline && !self->watching_network)
    {
      self->watching_network = TRUE;
      g_signal_connect_object (g_network_monitor_get_default (), "network-changed",
                               G_CALLBACK (network_changed_cb), self, G_CONNECT_SWAPPED);
    }
  if (offline)
    schedule_retry (self);
  else
    _patron_session_stop_retrying (self, FALSE);
  _patron_session_set_offline (self, offline);
}

/* What the client is told about @email's account at this store from now
 * on is kept, for a kept session only (never in counter mode). */
void
_patron_session_keep_copy (PatronSession *self,
                           const char    *email)
{
  g_autoptr(PatronAccountCache) copy = NULL;

  if (!self->keep_sessions || email == NULL)
    return;

  copy = patron_account_cache_new (self->store_url, email);
  if (self->copy != NULL &&
      g_str_equal (patron_account_cache_get_path (self->copy),
                   patron_account_cache_get_path (copy)))
    return;

  g_set_object (&self->copy, copy);
  medusa_client_set_answer_store (self->client, MEDUSA_ANSWER_STORE (self->copy));
}

/* The copy is not added to any more; @delete, it goes from the disk.
 * Returns FALSE when a file of it stayed there (@error says why). */
gboolean
_patron_session_drop_copy (PatronSession  *self,
                           gboolean        delete,
                           GError        **error)
{
  gboolean removed = TRUE;

  if (self->copy == NULL)
    return TRUE;

  _patron_session_stop_retrying (self, TRUE);
  medusa_client_set_answer_store (self->client, NULL);
  if (delete)
    removed = patron_account_cache_delete (self->copy, error);
  g_clear_object (&self->copy);
  _patron_session_offline_changed_cb (self);

  return removed;
}

/**
 * patron_session_get_offline:
 *
 * Returns: whether the store cannot be reached and the account shown is
 *   the copy kept from before (patron_session_dup_seen_at())
 */
gboolean
patron_session_get_offline (PatronSession *self)
{
  g_return_val_if_fail (PATRON_IS_SESSION (self), FALSE);

  return get_offline (self);
}

/**
 * patron_session_dup_seen_at:
 *
 * Returns: (transfer full) (nullable): when the newest part of the offline
 *   copy came from the store
 */
GDateTime *
patron_session_dup_seen_at (PatronSession *self)
{
  g_return_val_if_fail (PATRON_IS_SESSION (self), NULL);

  return self->copy != NULL ? patron_account_cache_dup_seen_at (self->copy) : NULL;
}

/**
 * patron_session_get_account_cache:
 *
 * Returns: (transfer none) (nullable): the offline copy of the kept
 *   session's account
 */
PatronAccountCache *
patron_session_get_account_cache (PatronSession *self)
{
  g_return_val_if_fail (PATRON_IS_SESSION (self), NULL);

  return self->copy;
}
