/* patron-session.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-session"

#include "config.h"

#include <string.h>

#include "patron-secrets.h"
#include "patron-session.h"
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
  N_SIGNALS
};

static GParamSpec *properties[N_PROPS];
static guint signals[N_SIGNALS];

/* ------------------------------------------------------------------------ */
/* The offline copy of a kept session's account                             */

#define RETRY_FIRST_SECONDS 2
#define RETRY_MAX_SECONDS (5 * 60)

static void set_customer (PatronSession  *self,
                          MedusaCustomer *customer,
                          const char     *email);

static gboolean
get_offline (PatronSession *self)
{
  return self->copy != NULL && self->visit != NULL && medusa_client_get_offline (self->client);
}

/* No more asking again; @cancel, not even the question on its way (whose
 * answer, when the store answered, is the fresh customer). */
static void
stop_retrying (PatronSession *self,
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
    set_customer (self, customer, NULL);
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

static void
offline_changed_cb (PatronSession *self)
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
    stop_retrying (self, FALSE);
  if (self->offline != offline)
    {
      self->offline = offline;
      g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_OFFLINE]);
    }
}


/* What the client is told about @email's account at this store from now
 * on is kept, for a kept session only (never in counter mode). */
static void
keep_copy (PatronSession *self,
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

/* The copy is not added to any more; @delete, it goes from the disk. */
static void
drop_copy (PatronSession *self,
           gboolean       delete)
{
  if (self->copy == NULL)
    return;

  stop_retrying (self, TRUE);
  medusa_client_set_answer_store (self->client, NULL);
  if (delete)
    patron_account_cache_delete (self->copy);
  g_clear_object (&self->copy);
  offline_changed_cb (self);
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

/* ------------------------------------------------------------------------ */

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    {
      explicit_bzero (secret, strlen (secret));
      g_free (secret);
    }
}

static void
end_visit (PatronVisit **visit)
{
  if (*visit != NULL)
    patron_visit_end (*visit);
  g_clear_object (visit);
}

/* @customer signed in (or again), or %NULL: nobody is. Another customer than
 * the one signed in begins a visit of their own, the last one ends. */
static void
set_customer (PatronSession  *self,
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
      end_visit (&self->visit);
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
      offline_changed_cb (self);
    }
}

static void
forget_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!patron_secrets_clear_finish (result, &error))
    g_message ("Could not remove the kept session from the keyring: %s", error->message);
}

static void
forget_kept_session (PatronSession *self)
{
  patron_secrets_clear_async (self->store_url, NULL, forget_cb, NULL);
  drop_copy (self, TRUE);
  /* and any other customer's kept before at this store */
  patron_account_cache_delete_store (self->store_url);
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
  forget_kept_session (self);
  medusa_client_set_access_token (self->client, NULL);
  set_customer (self, NULL, NULL);
  g_signal_emit (self, signals[EXPIRED], 0, email);
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
                           G_CALLBACK (offline_changed_cb), self, G_CONNECT_SWAPPED);
}

static void
patron_session_dispose (GObject *object)
{
  PatronSession *self = (PatronSession *)object;

  end_visit (&self->arriving);
  end_visit (&self->visit);
  stop_retrying (self, TRUE);
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
      g_value_set_boolean (value, get_offline (self));
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
      forget_kept_session (self);
    }
}

/* ------------------------------------------------------------------------ */

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
  wipe_free (data->password);
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
  const char *token;
  GError *error = NULL;

  customer = medusa_client_sign_in_finish (MEDUSA_CLIENT (object), result, &error);
  if (customer == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* the orders a kept session's restore asked for are not this customer's */
  end_visit (&self->arriving);
  set_customer (self, customer, medusa_customer_get_email (customer));

  token = medusa_client_get_access_token (self->client);
  self->remember = data->remember && self->keep_sessions && token != NULL;
  if (!self->remember)
    {
      forget_kept_session (self);
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* the store's kept session is this customer's now: no other's copy stays */
  if (self->copy != NULL)
    patron_account_cache_delete_others (self->copy);
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
    keep_copy (self, data->email);
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

/* ------------------------------------------------------------------------ */

/* The requests sent ahead have been claimed, or will not be. */
static void
stop_prefetch (PatronSession *self)
{
  medusa_client_set_prefetch (self->client, NULL);
  g_clear_object (&self->prefetch);
}

static void
set_restoring (PatronSession *self,
               gboolean       restoring)
{
  if (self->restoring == restoring)
    return;

  self->restoring = restoring;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_RESTORING]);
}

static void
renewed_token_kept_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(PatronSession) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!patron_secrets_store_finish (result, &error))
    g_message ("Could not keep the renewed session in the keyring: %s", error->message);

  /* signed out while it was being kept: not kept after all */
  if (patron_session_get_customer (self) == NULL || !self->remember)
    forget_kept_session (self);
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
  set_restoring (self, FALSE);
  self->copy_shown = FALSE;
  customer = medusa_client_get_customer_finish (MEDUSA_CLIENT (object), result, &error);
  if (customer == NULL)
    {
      /* (a copy shown has had its session forgotten by client_unauthorized_cb) */
      if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED) && self->copy != NULL)
        forget_kept_session (self);
      end_visit (&self->arriving);
      medusa_client_set_access_token (self->client, NULL);
      /* the copy shown meanwhile goes with the session */
      set_customer (self, NULL, NULL);
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
    set_customer (self, customer, medusa_customer_get_email (customer));
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
  set_customer (self, customer, NULL);
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
      if (error != NULL)
        g_message ("Could not read the keyring: %s", error->message);
      g_task_return_boolean (task, FALSE);
      return;
    }

  g_free (self->email);
  self->email = g_steal_pointer (&email);
  /* the store out of reach, the customer comes from the copy */
  keep_copy (self, self->email);
  medusa_client_set_access_token (self->client, token);
  wipe_free (token);
  set_restoring (self, TRUE);
  cancellable = g_task_get_cancellable (task);
  /* the answer sent for ahead is in already (or the store is out of reach,
   * and the client reads the copy itself) */
  answered = self->prefetch != NULL && medusa_prefetch_get_answered (self->prefetch);
  medusa_client_get_customer_async (self->client, cancellable,
                                    restore_customer_cb, g_steal_pointer (&task));
  /* the orders are asked for alongside, for the visit the customer begins */
  end_visit (&self->arriving);
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
 *   item is then removed) or could not be asked
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

  if (patron_session_get_customer (self) != NULL)
    medusa_customer_update_from (patron_session_get_customer (self), answer);
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
  wipe_free (data->current_password);
  g_free (data->new_email);
  wipe_free (data->new_password);
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
  GTask *task;

  g_return_if_fail (PATRON_IS_SESSION (self));

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, patron_session_sign_out_async);

  self->remember = FALSE;
  forget_kept_session (self);
  set_customer (self, NULL, NULL);
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
  set_customer (self, NULL, NULL);
  g_clear_pointer (&self->email, g_free);
  /* kept, like the session, for when the user comes back */
  drop_copy (self, FALSE);
}
