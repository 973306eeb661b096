/* patron-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-session"

#include "config.h"

#include <string.h>

#include "patron-secrets.h"
#include "patron-session-private.h"
#include "patron-settings.h"
#include "patron-visit.h"
#include "patron-store-api.h"

/**
 * PatronSession:
 *
 * Who is signed in at which store: the #MedusaClient, the ways of signing
 * in, the keyring item of a customer who chose to stay signed in, and the
 * #PatronVisit of the customer signed in, which owns all that is theirs.
 * Signing out or an expired session ends and drops the visit, so every
 * model built on it goes with it.
 */

G_DEFINE_FINAL_TYPE (PatronSession, patron_session, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_STORE_URL,
  PROP_CLIENT,
  PROP_VISIT,
  PROP_CUSTOMER,
  PROP_SIGNED_IN,
  PROP_RESTORING,
  PROP_OFFLINE,
  N_PROPS
};

enum {
  EXPIRED,
  NOT_KEPT,
  NOT_FORGOTTEN,
  COPY_NOT_REMOVED,
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */

void
_patron_session_wipe_free (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

void
_patron_session_end_visit (PatronVisit **visit)
{
  if (*visit != NULL)
    patron_visit_end (*visit);
  g_clear_object (visit);
}

/* @customer signed in (or again), or %NULL: nobody is. Another customer than
 * the one signed in begins a visit of their own, the last one ends. */
void
_patron_session_set_customer (PatronSession  *self,
                              MedusaCustomer *customer,
                              const char     *email)
{
  MedusaCustomer *current = self->visit != NULL ? patron_visit_get_customer (self->visit) : NULL;
  gboolean was_signed_in = self->visit != NULL;

  if (email != NULL)
    {
      g_free (self->email);
      self->email = g_strdup (email);
    }

  if (customer == current)
    return;

  if (current != NULL && customer != NULL &&
      g_strcmp0 (medusa_customer_get_id (current), medusa_customer_get_id (customer)) == 0)
    patron_visit_set_customer (self->visit, customer);
  else
    {
      _patron_session_end_visit (&self->visit);
      if (customer != NULL)
        {
          self->visit = self->arriving != NULL ? g_steal_pointer (&self->arriving)
                                               : patron_visit_new (self->client);
          patron_visit_set_customer (self->visit, customer);
        }
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_VISIT]);
    }

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CUSTOMER]);
  if (was_signed_in != (self->visit != NULL))
    {
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SIGNED_IN]);
      _patron_session_offline_changed_cb (self);
    }
}

static void
forget_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PatronSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (patron_secrets_clear_finish (result, &error))
    return;

  g_message ("Could not remove the kept session from the keyring: %s", error->message);
  if (self != NULL)
    g_signal_emit (self, signals[NOT_FORGOTTEN], 0);
}

/* Removes the session kept at this store, if any. Only when @kept (Patron
 * knows one is kept) does a keyring that fails to remove it say so
 * (#PatronSession::not-forgotten): a keyring that cannot be reached at
 * all cannot have kept one. */
void
_patron_session_forget_kept_session (PatronSession *self,
                                     gboolean       kept)
{
  g_autoptr(GError) error = NULL;
  gboolean removed;

  patron_secrets_clear_async (self->store_url, NULL, forget_cb,
                              kept ? g_object_ref (self) : NULL);
  removed = _patron_session_drop_copy (self, TRUE, &error);
  /* and any other customer's kept before at this store (said once) */
  if (!patron_account_cache_delete_store (self->store_url, removed ? &error : NULL))
    removed = FALSE;
  if (!removed)
    _patron_session_copy_not_removed (self, error);
}

/* A customer's offline copy stayed on the disk: said, since the next
 * person at this computer could read it. */
void
_patron_session_copy_not_removed (PatronSession *self,
                                  const GError  *error)
{
  g_message ("Could not remove an offline copy: %s", error->message);
  g_signal_emit (self, signals[COPY_NOT_REMOVED], 0);
}

static void
client_unauthorized_cb (PatronSession *self,
                        MedusaClient  *client)
{
  g_autofree char *email = NULL;

  if (self->visit == NULL)
    return;

  email = g_strdup (self->email);
  g_debug ("The store refused the session");
  /* what stays kept is refused */
  _patron_session_forget_kept_session (self, FALSE);
  medusa_client_set_access_token (self->client, NULL);
  _patron_session_set_customer (self, NULL, NULL);
  g_signal_emit (self, signals[EXPIRED], 0, email);
}

void
_patron_session_set_restoring (PatronSession *self,
                               gboolean       restoring)
{
  if (self->restoring == restoring)
    return;

  self->restoring = restoring;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTORING]);
}

/* PatronSession:offline as last notified, notified as it changes */
void
_patron_session_set_offline (PatronSession *self,
                             gboolean       offline)
{
  if (self->offline != offline)
    {
      self->offline = offline;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
    }
}

static void
patron_session_constructed (GObject *object)
{
  PatronSession *self = (PatronSession *)object;

  G_OBJECT_CLASS (patron_session_parent_class)->constructed (object);

  self->client = medusa_client_new (self->store_url);
  /* the version and key remembered when the store was chosen */
  {
    g_autoptr(GSettings) settings = patron_settings_new ();

    patron_store_api_apply (settings, self->client);
  }
  g_signal_connect_object (self->client, "unauthorized",
                           G_CALLBACK (client_unauthorized_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->client, "notify::offline",
                           G_CALLBACK (_patron_session_offline_changed_cb), self,
                           G_CONNECT_SWAPPED);
}

static void
patron_session_dispose (GObject *object)
{
  PatronSession *self = (PatronSession *)object;

  _patron_session_end_visit (&self->arriving);
  _patron_session_end_visit (&self->visit);
  _patron_session_stop_retrying (self, TRUE);
  g_clear_object (&self->copy);
  g_clear_object (&self->prepared);
  g_clear_object (&self->prefetch);
  g_clear_object (&self->client);

  G_OBJECT_CLASS (patron_session_parent_class)->dispose (object);
}

static void
patron_session_finalize (GObject *object)
{
  PatronSession *self = (PatronSession *)object;

  g_clear_pointer (&self->store_url, g_free);
  g_clear_pointer (&self->email, g_free);

  G_OBJECT_CLASS (patron_session_parent_class)->finalize (object);
}

static void
patron_session_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  PatronSession *self = PATRON_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE_URL:
      g_value_set_string (value, self->store_url);
      break;

    case PROP_CLIENT:
      g_value_set_object (value, self->client);
      break;

    case PROP_VISIT:
      g_value_set_object (value, self->visit);
      break;

    case PROP_CUSTOMER:
      g_value_set_object (value, patron_session_get_customer (self));
      break;

    case PROP_SIGNED_IN:
      g_value_set_boolean (value, self->visit != NULL);
      break;

    case PROP_RESTORING:
      g_value_set_boolean (value, self->restoring);
      break;

    case PROP_OFFLINE:
      g_value_set_boolean (value, patron_session_get_offline (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
patron_session_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  PatronSession *self = PATRON_SESSION (object);

  switch (prop_id)
    {
    case PROP_STORE_URL:
      self->store_url = g_value_dup_string (value);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
patron_session_class_init (PatronSessionClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = patron_session_constructed;
  object_class->dispose = patron_session_dispose;
  object_class->finalize = patron_session_finalize;
  object_class->get_property = patron_session_get_property;
  object_class->set_property = patron_session_set_property;

  properties[PROP_STORE_URL] =
    g_param_spec_string ("store-url", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CLIENT] =
    g_param_spec_object ("client", NULL, NULL,
                         MEDUSA_TYPE_CLIENT,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * PatronSession:visit:
   *
   * The visit of the customer signed in, or %NULL. A new one begins when
   * another customer signs in; signing out or an expired session ends it.
   */
  properties[PROP_VISIT] =
    g_param_spec_object ("visit", NULL, NULL,
                         PATRON_TYPE_VISIT,
                         (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  properties[PROP_CUSTOMER] =
    g_param_spec_object ("customer", NULL, NULL,
                         MEDUSA_TYPE_CUSTOMER,
                         (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  properties[PROP_SIGNED_IN] =
    g_param_spec_boolean ("signed-in", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_STATIC_STRINGS));
  /**
   * PatronSession:restoring:
   *
   * Whether a session kept in the keyring was found and is being resumed:
   * only then is there anything to say "Signing In…" about.
   */
  properties[PROP_RESTORING] =
    g_param_spec_boolean ("restoring", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  /**
   * PatronSession:offline:
   *
   * The store cannot be reached, and what is shown of the customer is the
   * copy kept of their account (a kept session's only). The session asks
   * the store again when the network changes and after 2, 4, 8… seconds (at
   * most five minutes); the store's answer ends it.
   */
  properties[PROP_OFFLINE] =
    g_param_spec_boolean ("offline", NULL, NULL,
                          FALSE,
                          (G_PARAM_READABLE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));
  g_object_class_install_properties (object_class, N_PROPS, properties);

  /**
   * PatronSession::expired:
   * @email: the email of the customer whose session ended
   *
   * The store no longer accepts the session; the customer is signed out.
   */
  signals[EXPIRED] =
    g_signal_new ("expired",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 1, G_TYPE_STRING);

  /**
   * PatronSession::not-kept:
   *
   * The keyring did not keep the session, as "Keep Me Signed In" asked:
   * the customer is signed in, and the next start will ask again.
   */
  signals[NOT_KEPT] =
    g_signal_new ("not-kept",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * PatronSession::not-forgotten:
   *
   * The keyring did not remove the session kept at this store (on Sign
   * Out, or when sessions are no longer kept): the next start may resume
   * it.
   */
  signals[NOT_FORGOTTEN] =
    g_signal_new ("not-forgotten",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /**
   * PatronSession::copy-not-removed:
   *
   * A file of an offline copy kept at this store stayed on the disk when
   * the copy was to go (on Sign Out, when sessions are no longer kept, or
   * when another customer's session is kept there):
   * patron_account_cache_delete_store() tries again.
   */
  signals[COPY_NOT_REMOVED] =
    g_signal_new ("copy-not-removed",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);
}

void
_patron_session_not_kept (PatronSession *self)
{
  g_signal_emit (self, signals[NOT_KEPT], 0);
}

static void
patron_session_init (PatronSession *self)
{
  self->keep_sessions = TRUE;
}

PatronSession *
patron_session_new (const char *store_url)
{
  return g_object_new (PATRON_TYPE_SESSION, "store-url", store_url, NULL);
}

const char *
patron_session_get_store_url (PatronSession *self)
{
  g_return_val_if_fail (PATRON_IS_SESSION (self), NULL);

  return self->store_url;
}

MedusaClient *
patron_session_get_client (PatronSession *self)
{
  g_return_val_if_fail (PATRON_IS_SESSION (self), NULL);

  return self->client;
}

/**
 * patron_session_get_customer:
 *
 * Returns: (nullable): the signed-in customer
 */
MedusaCustomer *
patron_session_get_customer (PatronSession *self)
{
  g_return_val_if_fail (PATRON_IS_SESSION (self), NULL);

  return self->visit != NULL ? patron_visit_get_customer (self->visit) : NULL;
}

/**
 * patron_session_get_visit:
 *
 * Returns: (transfer none) (nullable): the visit of the customer signed in
 */
PatronVisit *
patron_session_get_visit (PatronSession *self)
{
  g_return_val_if_fail (PATRON_IS_SESSION (self), NULL);

  return self->visit;
}

gboolean
patron_session_get_signed_in (PatronSession *self)
{
  g_return_val_if_fail (PATRON_IS_SESSION (self), FALSE);

  return self->visit != NULL;
}

/**
 * patron_session_get_remember:
 *
 * Returns: whether the current session is kept in the keyring
 */
gboolean
patron_session_get_remember (PatronSession *self)
{
  g_return_val_if_fail (PATRON_IS_SESSION (self), FALSE);

  return self->remember;
}

/**
 * patron_session_set_keep_sessions:
 *
 * %FALSE on a shared counter workstation: no session is ever kept, whatever
 * the customer asks; a session kept until now is forgotten at once (the
 * customer stays signed in until signing out or closing Patron).
 */
void
patron_session_set_keep_sessions (PatronSession *self,
                                  gboolean       keep_sessions)
{
  g_return_if_fail (PATRON_IS_SESSION (self));

  self->keep_sessions = !!keep_sessions;
  if (!self->keep_sessions && self->remember)
    {
      self->remember = FALSE;
      _patron_session_forget_kept_session (self, TRUE);
    }
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  /* the client has forgotten the session whatever the store answered */
  if (!medusa_client_sign_out_finish (MEDUSA_CLIENT (object), result, &error))
    g_debug ("The store did not confirm the sign-out: %s", error->message);

  g_task_return_boolean (task, TRUE);
}

/**
 * patron_session_sign_out_async:
 *
 * Signs out at the store, removes the kept session from the keyring and
 * drops the customer at once.
 */
void
patron_session_sign_out_async (PatronSession       *self,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  gboolean kept;
  GTask *task;

  g_return_if_fail (PATRON_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, patron_session_sign_out_async);

  kept = self->remember;
  self->remember = FALSE;
  _patron_session_forget_kept_session (self, kept);
  _patron_session_set_customer (self, NULL, NULL);
  /* nothing of the customer stays: not even whose session it was */
  g_clear_pointer (&self->email, g_free);
  medusa_client_sign_out_async (self->client, cancellable, sign_out_cb, task);
}

gboolean
patron_session_sign_out_finish (PatronSession  *self,
                                GAsyncResult   *result,
                                GError        **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), FALSE);

  return g_task_propagate_boolean (G_TASK (result), error);
}

/**
 * patron_session_leave:
 *
 * Ends the visit at this store for another store: a kept session stays in
 * the keyring, and valid at the store, for when the user comes back; the
 * customer and the token go from memory. A session that is not kept (as
 * none is in counter mode) is signed out as by
 * patron_session_sign_out_async().
 */
void
patron_session_leave (PatronSession *self)
{
  g_return_if_fail (PATRON_IS_SESSION (self));

  if (!self->remember || !self->keep_sessions)
    {
      patron_session_sign_out_async (self, NULL, NULL, NULL);
      return;
    }

  medusa_client_set_access_token (self->client, NULL);
  _patron_session_set_customer (self, NULL, NULL);
  g_clear_pointer (&self->email, g_free);
  /* kept, like the session, for when the user comes back */
  _patron_session_drop_copy (self, FALSE, NULL);
}
