/* patron-session-sign-in.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-session"

#include "config.h"

#include "patron-secrets.h"
#include "patron-session-private.h"

/* Signing in, and registering or resetting the password, which end by
 * signing in. */

typedef MedusaCustomer *(*CustomerFinish) (MedusaClient  *client,
                                           GAsyncResult  *result,
                                           GError       **error);

typedef struct
{
  char           *email;
  char           *password;
  gboolean        remember;
  CustomerFinish  finish_first;   /* the step before signing in, if any */
} SignInData;

static void
sign_in_data_free (SignInData *data)
{
  g_free (data->email);
  _patron_session_wipe_free (data->password);
  g_free (data);
}

static GTask *
sign_in_task_new (PatronSession       *self,
                  const char          *email,
                  const char          *password,
                  gboolean             remember,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (self, cancellable, callback, user_data);
  SignInData *data = g_new0 (SignInData, 1);

  data->email = g_strdup (email);
  data->password = g_strdup (password);
  data->remember = remember;
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_data_free);
  g_task_set_source_tag (task, source_tag);

  return task;
}

static void
keep_session_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PatronSession *self = g_task_get_source_object (task);
  g_autoptr(GError) error = NULL;

  if (!patron_secrets_store_finish (result, &error))
    {
      /* still signed in; only the next start will ask again */
      g_message ("Could not keep the session in the keyring: %s", error->message);
      self->remember = FALSE;
      _patron_session_not_kept (self);
    }

  g_task_return_boolean (task, TRUE);
}

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PatronSession *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GError) copy_error = NULL;
  const char *token;
  GError *error = NULL;

  customer = medusa_client_sign_in_finish (MEDUSA_CLIENT (object), result, &error);
  if (customer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* the orders a kept session's restore asked for are not this customer's */
  _patron_session_end_visit (&self->arriving);
  _patron_session_set_customer (self, customer, medusa_customer_get_email (customer));

  token = medusa_client_get_access_token (self->client);
  self->remember = data->remember && self->keep_sessions && token != NULL;
  if (!self->remember)
    {
      /* one kept before at this store, if any */
      _patron_session_forget_kept_session (self, FALSE);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* the store's kept session is this customer's now: no other's copy stays */
  if (self->copy != NULL && !patron_account_cache_delete_others (self->copy, &copy_error))
    _patron_session_copy_not_removed (self, copy_error);
  patron_secrets_store_async (self->store_url, medusa_customer_get_email (customer), token,
                              NULL, keep_session_cb, g_steal_pointer (&task));
}

static void
start_sign_in (PatronSession *self,
               GTask         *task)
{
  SignInData *data = g_task_get_task_data (task);

  /* the customer the store answers is the copy's first part */
  if (data->remember)
    _patron_session_keep_copy (self, data->email);
  medusa_client_sign_in_async (self->client, data->email, data->password,
                               MEDUSA_AUTH_MODE_AUTO, g_task_get_cancellable (task),
                               sign_in_cb, task);
}

/**
 * patron_session_sign_in_async:
 * @remember: keep the session in the keyring for the next start
 */
void
patron_session_sign_in_async (PatronSession       *self,
                              const char          *email,
                              const char          *password,
                              gboolean             remember,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  g_return_if_fail (PATRON_IS_SESSION (self));

  start_sign_in (self, sign_in_task_new (self, email, password, remember,
                                         patron_session_sign_in_async,
                                         cancellable, callback, user_data));
}

gboolean
patron_session_sign_in_finish (PatronSession  *self,
                               GAsyncResult   *result,
                               GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* Registering and resetting the password end by signing in. */
static void
then_sign_in_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PatronSession *self = g_task_get_source_object (task);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(MedusaCustomer) customer = NULL;
  GError *error = NULL;

  customer = data->finish_first (MEDUSA_CLIENT (object), result, &error);
  if (customer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  start_sign_in (self, g_steal_pointer (&task));
}

/**
 * patron_session_register_async:
 *
 * Creates the account, then signs in with it.
 */
void
patron_session_register_async (PatronSession       *self,
                               const char          *email,
                               const char          *password,
                               const char          *first_name,
                               const char          *last_name,
                               const char          *phone,
                               gboolean             remember,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (PATRON_IS_SESSION (self));

  task = sign_in_task_new (self, email, password, remember, patron_session_register_async,
                           cancellable, callback, user_data);
  ((SignInData *) g_task_get_task_data (task))->finish_first = medusa_client_create_customer_finish;
  medusa_client_create_customer_async (self->client, email, password, first_name, last_name,
                                       phone, cancellable, then_sign_in_cb, task);
}

gboolean
patron_session_register_finish (PatronSession  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * patron_session_reset_password_async:
 *
 * Sets a new password with the emailed token, then signs in with it.
 */
void
patron_session_reset_password_async (PatronSession       *self,
                                     const char          *email,
                                     const char          *password,
                                     const char          *token,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  MedusaCustomer *customer;
  gboolean remember;
  GTask *task;

  g_return_if_fail (PATRON_IS_SESSION (self));

  customer = patron_session_get_customer (self);
  /* the customer signed in, choosing a new password in place, stays as kept
   * as before */
  remember = self->remember && customer != NULL &&
             g_ascii_strcasecmp (medusa_customer_get_email (customer), email) == 0;
  task = sign_in_task_new (self, email, password, remember, patron_session_reset_password_async,
                           cancellable, callback, user_data);
  ((SignInData *) g_task_get_task_data (task))->finish_first = medusa_client_reset_password_finish;
  medusa_client_reset_password_async (self->client, email, password, token, cancellable,
                                      then_sign_in_cb, task);
}

gboolean
patron_session_reset_password_finish (PatronSession  *self,
                                      GAsyncResult   *result,
                                      GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
