/* patron-session-restore.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-session"

#include "config.h"

#include "patron-error.h"
#include "patron-secrets.h"
#include "patron-session-private.h"

/* Resuming the session kept in the keyring, prepared ahead at start. */

/* The requests sent ahead have been claimed, or will not be. */
static void
stop_prefetch (PatronSession *self)
{
  medusa_client_set_prefetch (self->client, NULL);
  g_clear_object (&self->prefetch);
}

static void
renewed_token_kept_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(PatronSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!patron_secrets_store_finish (result, &error))
    {
      g_message ("Could not keep the renewed session in the keyring: %s", error->message);
      _patron_session_not_kept (self);
      return;
    }

  /* signed out while it was being kept: not kept after all */
  if (patron_session_get_customer (self) == NULL || !self->remember)
    _patron_session_forget_kept_session (self, TRUE);
}

static void
token_renewed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PatronSession) self = user_data;
  g_autoptr(GError) error = NULL;
  MedusaCustomer *customer;
  const char *token;

  if (!medusa_client_refresh_token_finish (MEDUSA_CLIENT (object), result, &error))
    {
      g_debug ("The kept session was not renewed: %s", error->message);
      return;
    }

  token = medusa_client_get_access_token (self->client);
  customer = patron_session_get_customer (self);
  if (customer == NULL || !self->remember || token == NULL)
    return;

  patron_secrets_store_async (self->store_url, medusa_customer_get_email (customer), token,
                              NULL, renewed_token_kept_cb, g_object_ref (self));
}

/* A store whose tokens expire soon (Medusa v2's last a day) renews the kept
 * one at each start, so that a kept session lasts while it is used. */
static void
renew_kept_token (PatronSession *self)
{
  MedusaCapabilities can = medusa_client_get_capabilities (self->client);

  if (can & MEDUSA_CAPABILITY_TOKEN_REFRESH)
    medusa_client_refresh_token_async (self->client, NULL, token_renewed_cb, g_object_ref (self));
}

static void
restore_customer_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PatronSession *self = g_task_get_source_object (task);
  g_autoptr(MedusaCustomer) customer = NULL;
  GError *error = NULL;

  gboolean copy_shown = self->copy_shown;

  stop_prefetch (self);
  _patron_session_set_restoring (self, FALSE);
  self->copy_shown = FALSE;
  customer = medusa_client_get_customer_finish (MEDUSA_CLIENT (object), result, &error);
  if (customer == NULL)
    {
      /* (a copy shown has had its session forgotten by client_unauthorized_cb) */
      if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED) && self->copy != NULL)
        _patron_session_forget_kept_session (self, FALSE);
      _patron_session_end_visit (&self->arriving);
      medusa_client_set_access_token (self->client, NULL);
      /* the copy shown meanwhile goes with the session */
      _patron_session_set_customer (self, NULL, NULL);
      g_task_return_error (task, error);
      return;
    }

  /* the copy was shown, and the customer has signed out since */
  if (copy_shown && self->visit == NULL)
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_CANCELLED,
                               "The customer signed out meanwhile");
      return;
    }

  self->remember = TRUE;
  /* out of reach, the answer is the copy shown already */
  if (!copy_shown || !medusa_client_get_offline (self->client))
    _patron_session_set_customer (self, customer, medusa_customer_get_email (customer));
  renew_kept_token (self);
  g_task_return_boolean (task, TRUE);
}

/* The copy of the kept session's customer, read while the store is asked:
 * shown unless the store has answered first or the restore is over. */
static void
copy_customer_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PatronSession) self = user_data;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) error = NULL;

  customer = medusa_client_recall_customer_finish (MEDUSA_CLIENT (object), result, &error);
  if (customer == NULL)
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("No copy of the account to show meanwhile: %s", error->message);
      return;
    }
  if (!self->restoring || self->visit != NULL || self->arriving == NULL)
    return;

  g_debug ("Showing the copy of the account while the store is asked");
  self->copy_shown = TRUE;
  self->remember = TRUE;
  _patron_session_set_customer (self, customer, NULL);
}

static void
restore_lookup_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PatronSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;
  GCancellable *cancellable;
  char *token = NULL;
  gboolean answered;

  if (!patron_secrets_lookup_finish (result, &email, &token, &error))
    {
      stop_prefetch (self);
      if (error == NULL)
        g_task_return_boolean (task, FALSE);
      else if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_task_return_error (task, g_steal_pointer (&error));
      else
        {
          /* said on the sign-in page: a session kept there may be lost */
          g_message ("Could not read the keyring: %s", error->message);
          g_task_return_new_error (task, PATRON_KEYRING_ERROR, 0, "%s", error->message);
        }
      return;
    }

  g_free (self->email);
  self->email = g_steal_pointer (&email);
  /* the store out of reach, the customer comes from the copy */
  _patron_session_keep_copy (self, self->email);
  medusa_client_set_access_token (self->client, token);
  _patron_session_wipe_free (token);
  _patron_session_set_restoring (self, TRUE);
  cancellable = g_task_get_cancellable (task);
  /* the answer sent for ahead is in already (or the store is out of reach,
   * and the client reads the copy itself) */
  answered = self->prefetch != NULL && medusa_prefetch_get_answered (self->prefetch);
  medusa_client_get_customer_async (self->client, cancellable,
                                    restore_customer_cb, g_steal_pointer (&task));
  /* the orders are asked for alongside, for the visit the customer begins */
  _patron_session_end_visit (&self->arriving);
  self->arriving = patron_visit_new (self->client);
  /* the copy shows at once meanwhile: a network that fails slowly would keep
   * the loading page up as long, and the store's answer replaces it */
  if (!answered)
    medusa_client_recall_customer_async (self->client, cancellable, copy_customer_cb,
                                         g_object_ref (self));
}

static void
prepared_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PatronSession) self = user_data;

  self->preparing = FALSE;
  if (self->restore != NULL)
    restore_lookup_cb (NULL, result, g_steal_pointer (&self->restore));
  else
    g_set_object (&self->prepared, result);
}

/**
 * patron_session_prepare_restore:
 *
 * Starts the slow part of patron_session_restore_async() ahead of it, for
 * the start of Patron, while the first window is being made: reading the
 * keyring and, if a session is kept, asking for the customer, both from
 * threads of their own, for the restore to take the answers.
 */
void
patron_session_prepare_restore (PatronSession *self)
{
  g_return_if_fail (PATRON_IS_SESSION (self));
  g_return_if_fail (self->prefetch == NULL && self->visit == NULL);

  if (!self->keep_sessions)
    return;

  self->prefetch = medusa_prefetch_new_for_client (self->client);
  medusa_prefetch_add_customer (self->prefetch);
  medusa_client_set_prefetch (self->client, self->prefetch);

  self->preparing = TRUE;
  patron_secrets_lookup_async (self->store_url, self->prefetch, NULL, prepared_cb,
                               g_object_ref (self));
}

/**
 * patron_session_restore_async:
 *
 * Resumes the session kept in the keyring for this store, if any.
 */
void
patron_session_restore_async (PatronSession       *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PATRON_IS_SESSION (self));
  g_return_if_fail (self->restore == NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, patron_session_restore_async);

  if (self->prepared != NULL)
    {
      g_autoptr(GAsyncResult) prepared = g_steal_pointer (&self->prepared);

      restore_lookup_cb (NULL, prepared, task);
      return;
    }

  if (self->preparing)
    {
      self->restore = task;
      return;
    }

  if (!self->keep_sessions)
    {
      g_task_return_boolean (task, FALSE);
      g_object_unref (task);
      return;
    }

  patron_secrets_lookup_async (self->store_url, NULL, cancellable, restore_lookup_cb, task);
}

/**
 * patron_session_restore_finish:
 * @email: (out) (optional): the email of the kept session, if there was one
 *
 * Returns: %TRUE if signed in again; %FALSE without @error if no session
 *   was kept; %FALSE with @error if the store refused it (the keyring
 *   item is then removed) or could not be asked, or if the keyring could
 *   not be read (#PATRON_KEYRING_ERROR)
 */
gboolean
patron_session_restore_finish (PatronSession  *self,
                               GAsyncResult   *result,
                               char          **email,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  if (email != NULL)
    *email = g_strdup (self->email);

  return g_task_propagate_boolean (G_TASK (result), error);
}
