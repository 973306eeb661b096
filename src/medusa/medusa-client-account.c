/* medusa-client-account.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-client"

#include "config.h"

#include <string.h>

#include "medusa-client-private.h"
#include "medusa-error.h"

/**
 * medusa_client_create_customer_async:
 * @phone: (nullable): an optional phone number
 *
 * Registers a customer account (`POST /store/customers`). It does not sign
 * in: call medusa_client_sign_in_async() next. An email that has an account
 * already fails with %MEDUSA_ERROR_DUPLICATE.
 */
void
medusa_client_create_customer_async (MedusaClient        *self,
                                     const char          *email,
                                     const char          *password,
                                     const char          *first_name,
                                     const char          *last_name,
                                     const char          *phone,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (email != NULL && password != NULL);

  _medusa_client_call (self,
                       self->dialect->create_customer (email, password, first_name, last_name,
                                                       phone),
                       (ParseFunc) self->dialect->parse_customer,
                       medusa_client_create_customer_async,
                       cancellable, callback, user_data);
}

/**
 * medusa_client_create_customer_finish:
 *
 * Returns: (transfer full): the new customer
 */
MedusaCustomer *
medusa_client_create_customer_finish (MedusaClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return _medusa_client_call_finish (self, result, medusa_client_create_customer_async, error);
}

static void
email_exists_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaClient *self = MEDUSA_CLIENT (object);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;
  gboolean exists = FALSE;

  body = _medusa_client_send_finish (self, result, &error);
  if (body == NULL || !self->dialect->parse_exists (body, &exists, &error))
    g_task_return_error (task, error);
  else
    g_task_return_int (task, exists);
}

/**
 * medusa_client_email_exists_async:
 *
 * Asks the store whether @email has an account (`GET /store/auth/{email}`).
 */
void
medusa_client_email_exists_async (MedusaClient        *self,
                                  const char          *email,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  MedusaRequest *request;
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (email != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_email_exists_async);
  request = self->dialect->email_exists (email);
  if (request == NULL)
    {
      g_task_return_error (task, _medusa_client_not_supported_error (self));
      g_object_unref (task);
      return;
    }
  _medusa_client_send_async (self, request, cancellable, email_exists_cb, task);
}

/**
 * medusa_client_email_exists_finish:
 * @exists: (out): whether the email has an account
 *
 * Returns: %TRUE if the store answered, with @exists set
 */
gboolean
medusa_client_email_exists_finish (MedusaClient  *self,
                                   GAsyncResult  *result,
                                   gboolean      *exists,
                                   GError       **error)
{
  g_autoptr(GError) local_error = NULL;
  gssize value;

  g_return_val_if_fail (MEDUSA_IS_CLIENT (self), FALSE);
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  value = g_task_propagate_int (G_TASK (result), &local_error);
  if (local_error != NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return FALSE;
    }

  if (exists != NULL)
    *exists = value != 0;

  return TRUE;
}

typedef struct
{
  char           *email;
  char           *password;
  MedusaAuthMode  mode;
} SignInData;

static void
sign_in_data_free (SignInData *data)
{
  g_free (data->email);
  medusa_secret_free (data->password);
  g_free (data);
}

static void sign_in_fetch_customer (MedusaClient *self,
                                    GTask        *task);

static void
sign_in_customer_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaClient *self = MEDUSA_CLIENT (object);
  MedusaCustomer *customer;
  GError *error = NULL;

  customer = _medusa_client_call_finish (self, result, sign_in_fetch_customer, &error);
  if (customer == NULL)
    {
      _medusa_client_set_session (self, MEDUSA_SESSION_NONE, NULL);
      g_task_return_error (task, error);
      return;
    }

  g_task_return_pointer (task, customer, g_object_unref);
}

static void
sign_in_fetch_customer (MedusaClient *self,
                        GTask        *task)
{
  /* parsed off the main loop, as _medusa_client_call() does */
  _medusa_client_call (self,
                       _medusa_client_mark_keepable (self->dialect->get_customer (),
                                                     self->dialect->keep_customer, TRUE),
                       (ParseFunc) self->dialect->parse_customer,
                       sign_in_fetch_customer, g_task_get_cancellable (task), sign_in_customer_cb,
                       task);
}

static void
sign_in_cookie_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaClient *self = MEDUSA_CLIENT (object);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  body = _medusa_client_send_finish (self, result, &error);
  if (body == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _medusa_client_set_session (self, MEDUSA_SESSION_COOKIE, NULL);
  sign_in_fetch_customer (self, g_steal_pointer (&task));
}

static void
sign_in_with_cookie (MedusaClient *self,
                     GTask        *task)
{
  SignInData *data = g_task_get_task_data (task);
  MedusaRequest *request = self->dialect->sign_in_cookie (data->email, data->password);

  if (request == NULL)
    {
      g_task_return_error (task, _medusa_client_not_supported_error (self));
      g_object_unref (task);
      return;
    }

  _medusa_client_send_async (self, request, g_task_get_cancellable (task), sign_in_cookie_cb, task);
}

static void
sign_in_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaClient *self = MEDUSA_CLIENT (object);
  SignInData *data = g_task_get_task_data (task);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *token = NULL;
  GError *error = NULL;

  body = _medusa_client_send_finish (self, result, &error);
  if (body == NULL)
    {
      /* Medusa before 1.17 has no token route: fall back to a cookie session */
      if (data->mode == MEDUSA_AUTH_MODE_AUTO &&
          (self->dialect->capabilities & MEDUSA_CAPABILITY_COOKIE_SESSION) &&
          g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND))
        {
          g_debug ("No token sign-in on this store, using a cookie session");
          g_clear_error (&error);
          sign_in_with_cookie (self, g_steal_pointer (&task));
          return;
        }

      g_task_return_error (task, error);
      return;
    }

  token = self->dialect->parse_token (body, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  _medusa_client_set_session (self, MEDUSA_SESSION_TOKEN, token);
  explicit_bzero (token, strlen (token));
  sign_in_fetch_customer (self, g_steal_pointer (&task));
}

/**
 * medusa_client_sign_in_async:
 * @mode: how to hold the session
 *
 * Signs in and fetches the customer (`GET /store/customers/me`). The
 * customer is never read from the sign-in answer: on v1 that embeds every
 * order. A wrong email or password fails with %MEDUSA_ERROR_UNAUTHORIZED.
 * Any earlier session of this client is dropped first.
 */
void
medusa_client_sign_in_async (MedusaClient        *self,
                             const char          *email,
                             const char          *password,
                             MedusaAuthMode       mode,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;
  SignInData *data;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (email != NULL && password != NULL);

  _medusa_client_set_session (self, MEDUSA_SESSION_NONE, NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_sign_in_async);
  data = g_new0 (SignInData, 1);
  data->email = g_strdup (email);
  data->password = g_strdup (password);
  data->mode = mode;
  g_task_set_task_data (task, data, (GDestroyNotify) sign_in_data_free);

  if (mode == MEDUSA_AUTH_MODE_COOKIE)
    sign_in_with_cookie (self, task);
  else
    _medusa_client_send_async (self, self->dialect->sign_in_token (email, password), cancellable,
                               sign_in_token_cb, task);
}

/**
 * medusa_client_sign_in_finish:
 *
 * Returns: (transfer full): the signed-in customer
 */
MedusaCustomer *
medusa_client_sign_in_finish (MedusaClient  *self,
                              GAsyncResult  *result,
                              GError       **error)
{
  return _medusa_client_call_finish (self, result, medusa_client_sign_in_async, error);
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaClient *self = MEDUSA_CLIENT (object);
  g_autoptr(GBytes) body = NULL;
  GError *error = NULL;

  body = _medusa_client_send_finish (self, result, &error);
  /* unless the next customer signed in while the store answered: the
   * session is theirs now */
  if (self->session_serial == GPOINTER_TO_UINT (g_task_get_task_data (task)))
    _medusa_client_set_session (self, MEDUSA_SESSION_NONE, NULL);

  if (body == NULL)
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

/**
 * medusa_client_sign_out_async:
 *
 * Ends the session: `DELETE /store/auth` ends a cookie session on the store;
 * the token and cookies are forgotten here whatever the store answers, unless
 * a sign-in began a new session meanwhile. (v1
 * keeps a bearer token valid until it expires: forgetting it is all a client
 * can do.)
 */
void
medusa_client_sign_out_async (MedusaClient        *self,
                              GCancellable        *cancellable,
                              GAsyncReadyCallback  callback,
                              gpointer             user_data)
{
  MedusaRequest *request;
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  if (self->access_token != NULL)
    {
      medusa_secret_free (self->access_token);
      self->access_token = NULL;
    }

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_sign_out_async);
  g_task_set_task_data (task, GUINT_TO_POINTER (self->session_serial), NULL);
  request = self->dialect->sign_out ();
  if (request == NULL)
    {
      /* nothing on the store to end: forgetting is all there is */
      _medusa_client_set_session (self, MEDUSA_SESSION_NONE, NULL);
      g_task_return_boolean (task, TRUE);
      g_object_unref (task);
      return;
    }
  _medusa_client_send_async (self, request, cancellable, sign_out_cb, task);
}

/**
 * medusa_client_sign_out_finish:
 *
 * Returns: %TRUE if the store confirmed; the client is signed out either way
 */
gboolean
medusa_client_sign_out_finish (MedusaClient  *self,
                               GAsyncResult  *result,
                               GError       **error)
{
  return _medusa_client_call_finish_boolean (self, result, medusa_client_sign_out_async, error);
}

static void
refresh_token_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  MedusaClient *self = MEDUSA_CLIENT (object);
  g_autoptr(GBytes) body = NULL;
  g_autofree char *token = NULL;
  GError *error = NULL;

  const char *renewed = g_task_get_task_data (task);

  body = _medusa_client_send_finish (self, result, &error);
  if (body != NULL)
    token = self->dialect->parse_token (body, &error);
  if (token == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* unless the customer signed out meanwhile, or someone else signed in */
  if (self->session_kind == MEDUSA_SESSION_TOKEN && g_strcmp0 (self->access_token, renewed) == 0)
    _medusa_client_set_session (self, MEDUSA_SESSION_TOKEN, token);
  explicit_bzero (token, strlen (token));
  g_task_return_boolean (task, TRUE);
}

/**
 * medusa_client_refresh_token_async:
 *
 * Renews the session's bearer token before it expires, where the store can
 * (%MEDUSA_CAPABILITY_TOKEN_REFRESH; else %MEDUSA_ERROR_NOT_SUPPORTED). The
 * new token replaces the old one, unless the session changed meanwhile: keep
 * it again if it is kept.
 */
void
medusa_client_refresh_token_async (MedusaClient        *self,
                                   GCancellable        *cancellable,
                                   GAsyncReadyCallback  callback,
                                   gpointer             user_data)
{
  MedusaRequest *request;
  GTask *task;

  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, medusa_client_refresh_token_async);
  request = self->dialect->refresh_token != NULL ? self->dialect->refresh_token () : NULL;
  if (request == NULL || self->session_kind != MEDUSA_SESSION_TOKEN)
    {
      medusa_request_free (request);
      g_task_return_error (task, request == NULL
                           ? _medusa_client_not_supported_error (self)
                           : g_error_new_literal (MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED,
                                                  "Not signed in with a token"));
      g_object_unref (task);
      return;
    }
  g_task_set_task_data (task, g_strdup (self->access_token), (GDestroyNotify) medusa_secret_free);
  _medusa_client_send_async (self, request, cancellable, refresh_token_cb, task);
}

gboolean
medusa_client_refresh_token_finish (MedusaClient  *self,
                                    GAsyncResult  *result,
                                    GError       **error)
{
  return _medusa_client_call_finish_boolean (self, result, medusa_client_refresh_token_async,
                                             error);
}

/**
 * medusa_client_get_customer_async:
 *
 * Fetches the signed-in customer (`GET /store/customers/me`).
 */
void
medusa_client_get_customer_async (MedusaClient        *self,
                                  GCancellable        *cancellable,
                                  GAsyncReadyCallback  callback,
                                  gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));

  _medusa_client_call (self,
                       _medusa_client_mark_keepable (self->dialect->get_customer (),
                                                     self->dialect->keep_customer, TRUE),
                       (ParseFunc) self->dialect->parse_customer,
                       medusa_client_get_customer_async, cancellable, callback, user_data);
}

/**
 * medusa_client_get_customer_finish:
 *
 * Returns: (transfer full): the signed-in customer
 */
MedusaCustomer *
medusa_client_get_customer_finish (MedusaClient  *self,
                                   GAsyncResult  *result,
                                   GError       **error)
{
  return _medusa_client_call_finish (self, result, medusa_client_get_customer_async, error);
}

/**
 * medusa_client_request_password_reset_async:
 *
 * Asks the store to email a password-reset token. v1 answers the same for
 * an email without an account, so success says nothing about the account.
 */
void
medusa_client_request_password_reset_async (MedusaClient        *self,
                                            const char          *email,
                                            GCancellable        *cancellable,
                                            GAsyncReadyCallback  callback,
                                            gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (email != NULL);

  _medusa_client_call (self, self->dialect->request_password_reset (email), NULL,
                       medusa_client_request_password_reset_async, cancellable, callback,
                       user_data);
}

gboolean
medusa_client_request_password_reset_finish (MedusaClient  *self,
                                             GAsyncResult  *result,
                                             GError       **error)
{
  return _medusa_client_call_finish_boolean (self, result,
                                             medusa_client_request_password_reset_async, error);
}

/**
 * medusa_client_reset_password_async:
 * @token: the token from the reset email
 *
 * Sets a new password with an emailed token. A wrong, used or expired token
 * fails with %MEDUSA_ERROR_INVALID_TOKEN. It does not sign in.
 */
void
medusa_client_reset_password_async (MedusaClient        *self,
                                    const char          *email,
                                    const char          *password,
                                    const char          *token,
                                    GCancellable        *cancellable,
                                    GAsyncReadyCallback  callback,
                                    gpointer             user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (email != NULL && password != NULL && token != NULL);

  _medusa_client_call (self, self->dialect->reset_password (email, password, token),
                       (ParseFunc) self->dialect->parse_customer,
                       medusa_client_reset_password_async, cancellable, callback, user_data);
}

/**
 * medusa_client_reset_password_finish:
 *
 * Returns: (transfer full): the customer (without addresses)
 */
MedusaCustomer *
medusa_client_reset_password_finish (MedusaClient  *self,
                                     GAsyncResult  *result,
                                     GError       **error)
{
  return _medusa_client_call_finish (self, result, medusa_client_reset_password_async, error);
}

/**
 * medusa_client_update_customer_async:
 *
 * Changes the signed-in customer (`POST /store/customers/me`).
 */
void
medusa_client_update_customer_async (MedusaClient          *self,
                                     MedusaCustomerChanges *changes,
                                     GCancellable          *cancellable,
                                     GAsyncReadyCallback    callback,
                                     gpointer               user_data)
{
  g_return_if_fail (MEDUSA_IS_CLIENT (self));
  g_return_if_fail (changes != NULL);

  _medusa_client_call (self, self->dialect->update_customer (changes),
                       (ParseFunc) self->dialect->parse_customer,
                       medusa_client_update_customer_async, cancellable, callback, user_data);
}

/**
 * medusa_client_update_customer_finish:
 *
 * Returns: (transfer full): the customer as the store now has it
 */
MedusaCustomer *
medusa_client_update_customer_finish (MedusaClient  *self,
                                      GAsyncResult  *result,
                                      GError       **error)
{
  return _medusa_client_call_finish (self, result, medusa_client_update_customer_async, error);
}
