/* patron-session-changes.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-session"

#include "config.h"

#include "patron-session-private.h"

/* ------------------------------------------------------------------------ */
/* Changes to the customer, taken into the customer object from the answer  */

static void
customer_updated_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PatronSession *self = g_task_get_source_object (task);
  g_autoptr(MedusaCustomer) answer = NULL;
  GError *error = NULL;

  /* with the billing address read back where the store's answer lacks it */
  answer = medusa_client_update_customer_finish (MEDUSA_CLIENT (object), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (patron_session_get_customer (self) != NULL &&
      !medusa_customer_update_from (patron_session_get_customer (self), answer, &error))
    {
      g_task_return_error (task, error);
      return;
    }
  g_task_return_boolean (task, TRUE);
}

/* Whether the customer's billing address is one of its shipping addresses,
 * as a storefront (or Patron before 16) can link them. */
static gboolean
billing_is_shipping_address (MedusaCustomer *customer)
{
  return customer != NULL &&
         medusa_customer_find_address (customer,
                                       medusa_customer_get_billing_address_id (customer)) != NULL;
}

static void
billing_unlinked_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(MedusaCustomer) answer = NULL;
  GError *error = NULL;

  answer = medusa_client_update_customer_finish (MEDUSA_CLIENT (object), result, &error);
  if (answer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  medusa_client_update_customer_async (MEDUSA_CLIENT (object), g_task_get_task_data (task),
                                       g_task_get_cancellable (task), customer_updated_cb,
                                       g_object_ref (task));
}

/**
 * patron_session_update_customer_async:
 *
 * Changes the signed-in customer (`POST /store/customers/me`) and updates
 * the customer object from what the store then holds, never from what was
 * sent.
 *
 * A billing address given in full is written where the billing address is
 * now; when that is one of the shipping addresses, it is let go of first,
 * so that the shipping address stays as it was.
 */
void
patron_session_update_customer_async (PatronSession         *self,
                                      MedusaCustomerChanges *changes,
                                      GCancellable          *cancellable,
                                      GAsyncReadyCallback    callback,
                                      gpointer               user_data)
{
  GTask *task;

  g_return_if_fail (PATRON_IS_SESSION (self));
  g_return_if_fail (changes != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, patron_session_update_customer_async);
  g_task_set_task_data (task, medusa_customer_changes_copy (changes),
                        (GDestroyNotify) medusa_customer_changes_free);
  if (medusa_customer_changes_get_billing_address (changes) != NULL &&
      billing_is_shipping_address (patron_session_get_customer (self)))
    {
      g_autoptr(MedusaCustomerChanges) unlink = medusa_customer_changes_new ();

      medusa_customer_changes_unset_billing_address (unlink);
      medusa_client_update_customer_async (self->client, unlink, cancellable,
                                           billing_unlinked_cb, task);
      return;
    }
  medusa_client_update_customer_async (self->client, changes, cancellable,
                                       customer_updated_cb, task);
}

gboolean
patron_session_update_customer_finish (PatronSession  *self,
                                       GAsyncResult   *result,
                                       GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/* ------------------------------------------------------------------------ */
/* Email and password changes: v1 does not ask for the current password, so
 * Patron checks it with the store first, on a client of its own.           */

typedef struct
{
  char         *current_password;
  char         *new_email;
  char         *new_password;
  MedusaClient *checker;
} CredentialsData;

static void
credentials_data_free (CredentialsData *data)
{
  _patron_session_wipe_free (data->current_password);
  g_free (data->new_email);
  _patron_session_wipe_free (data->new_password);
  g_clear_object (&data->checker);
  g_free (data);
}

static void
credentials_signed_in_cb (GObject      *object,
                          GAsyncResult *result,
                          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;

  /* the new session replaces the old one, in the keyring too */
  if (!patron_session_sign_in_finish (PATRON_SESSION (object), result, &error))
    g_task_return_error (task, error);
  else
    g_task_return_boolean (task, TRUE);
}

static void
credentials_updated_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PatronSession *self = PATRON_SESSION (object);
  CredentialsData *data = g_task_get_task_data (task);
  GCancellable *cancellable;
  const char *email;
  GError *error = NULL;

  if (!patron_session_update_customer_finish (self, result, &error))
    {
      g_task_return_error (task, error);
      return;
    }

  if (self->visit == NULL)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED, "Not signed in");
      return;
    }

  cancellable = g_task_get_cancellable (task);
  email = medusa_customer_get_email (patron_session_get_customer (self));
  patron_session_sign_in_async (self, email,
                                data->new_password != NULL ? data->new_password
                                                           : data->current_password,
                                self->remember, cancellable, credentials_signed_in_cb,
                                g_steal_pointer (&task));
}

static void
credentials_checked_cb (GObject      *object,
                        GAsyncResult *result,
                        gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  PatronSession *self = g_task_get_source_object (task);
  CredentialsData *data = g_task_get_task_data (task);
  g_autoptr(MedusaCustomer) checked = NULL;
  g_autoptr(MedusaCustomerChanges) changes = NULL;
  GCancellable *cancellable;
  GError *error = NULL;

  checked = medusa_client_sign_in_finish (MEDUSA_CLIENT (object), result, &error);
  if (checked == NULL)
    {
      if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED))
        {
          g_clear_error (&error);
          g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED,
                                   "The current password is not right");
        }
      else
        g_task_return_error (task, error);
      return;
    }

  changes = medusa_customer_changes_new ();
  if (data->new_email != NULL)
    medusa_customer_changes_set_email (changes, data->new_email);
  if (data->new_password != NULL)
    medusa_customer_changes_set_password (changes, data->new_password);

  cancellable = g_task_get_cancellable (task);
  patron_session_update_customer_async (self, changes, cancellable,
                                        credentials_updated_cb, g_steal_pointer (&task));
}

/**
 * patron_session_change_credentials_async:
 * @current_password: the password the customer signed in with
 * @new_email: (nullable): a new email address
 * @new_password: (nullable): a new password
 *
 * Checks @current_password with the store, changes the email and/or the
 * password, then signs in again so the kept session stays valid. A wrong
 * current password fails with %MEDUSA_ERROR_UNAUTHORIZED and changes nothing.
 */
void
patron_session_change_credentials_async (PatronSession       *self,
                                         const char          *current_password,
                                         const char          *new_email,
                                         const char          *new_password,
                                         GCancellable        *cancellable,
                                         GAsyncReadyCallback  callback,
                                         gpointer             user_data)
{
  GTask *task;
  CredentialsData *data;

  g_return_if_fail (PATRON_IS_SESSION (self));
  g_return_if_fail (current_password != NULL);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, patron_session_change_credentials_async);

  if (self->visit == NULL)
    {
      g_task_return_new_error (task, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED,
                               "Not signed in");
      g_object_unref (task);
      return;
    }

  data = g_new0 (CredentialsData, 1);
  data->current_password = g_strdup (current_password);
  data->new_email = g_strdup (new_email);
  data->new_password = g_strdup (new_password);
  data->checker = medusa_client_new_sibling (self->client);
  g_task_set_task_data (task, data, (GDestroyNotify) credentials_data_free);

  medusa_client_sign_in_async (data->checker,
                               medusa_customer_get_email (patron_session_get_customer (self)),
                               current_password, MEDUSA_AUTH_MODE_TOKEN, cancellable,
                               credentials_checked_cb, task);
}

gboolean
patron_session_change_credentials_finish (PatronSession  *self,
                                          GAsyncResult   *result,
                                          GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}
