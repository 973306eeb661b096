/* patron-secrets.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-secrets"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "patron-secrets.h"

/*
 * The session token of a customer who chose to stay signed in, kept in the
 * keyring only: one item per store, with the store's address and the email as
 * attributes. Nothing else of it is ever written anywhere.
 */

const SecretSchema *
patron_secrets_get_schema (void)
{
  static const SecretSchema schema = {
    "io.github.patronapp.Patron.Session", SECRET_SCHEMA_NONE,
    {
      { "store", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { "email", SECRET_SCHEMA_ATTRIBUTE_STRING },
      { NULL, 0 },
    }
  };

  return &schema;
}

typedef struct
{
  char           *store_url;
  char           *email;
  char           *token;
  MedusaPrefetch *prefetch;
  GApplication   *held;
  GError         *store_error;
} SecretsData;

static void
secrets_data_free (SecretsData *data)
{
  /* what Patron asked of the keyring is done: it may quit now */
  if (data->held != NULL)
    {
      g_application_release (data->held);
      g_object_unref (data->held);
    }
  g_free (data->store_url);
  g_free (data->email);
  g_clear_object (&data->prefetch);
  g_clear_error (&data->store_error);
  if (data->token != NULL)
    {
      explicit_bzero (data->token, strlen (data->token));
      g_free (data->token);
    }
  g_free (data);
}

static GTask *
secrets_task_new (const char          *store_url,
                  const char          *email,
                  const char          *token,
                  gpointer             source_tag,
                  GCancellable        *cancellable,
                  GAsyncReadyCallback  callback,
                  gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);
  SecretsData *data = g_new0 (SecretsData, 1);

  data->store_url = g_strdup (store_url);
  data->email = g_strdup (email);
  data->token = g_strdup (token);
  /* A session kept, or forgotten, must not be cut short by quitting right
   * after signing in or out: the application waits for the keyring. */
  if ((data->held = g_application_get_default ()) != NULL)
    {
      g_object_ref (data->held);
      g_application_hold (data->held);
    }
  g_task_set_task_data (task, data, (GDestroyNotify) secrets_data_free);
  g_task_set_source_tag (task, source_tag);

  return task;
}

/* libsecret's file backend (the keyring inside the Flatpak) reads, changes
 * and writes the whole file for each call: two calls at once in one process
 * find the file changed under them ("The file was externally modified"),
 * and every later write fails. Patron's calls go one at a time, in the
 * order they were made. */
typedef void (*SecretsStep) (GTask *task);

static GQueue waiting = G_QUEUE_INIT;
static GTask *running;

static void run_next (void);

static void
completed_cb (GTask      *task,
              GParamSpec *pspec,
              gpointer    user_data)
{
  g_signal_handlers_disconnect_by_func (task, completed_cb, NULL);
  if (running == task)
    {
      g_clear_object (&running);
      run_next ();
    }
}

static void
run_next (void)
{
  GTask *task;

  while (running == NULL && (task = g_queue_pop_head (&waiting)) != NULL)
    {
      SecretsStep step = g_object_get_data (G_OBJECT (task), "patron-secrets-step");

      running = task;
      g_signal_connect (task, "notify::completed", G_CALLBACK (completed_cb), NULL);
      step (task);
    }
}

/* @task: (transfer full) */
static void
run_in_turn (GTask       *task,
             SecretsStep  step)
{
  g_object_set_data (G_OBJECT (task), "patron-secrets-step", step);
  g_queue_push_tail (&waiting, task);
  run_next ();
}

static void clear_kept (GTask               *task,
                        GAsyncReadyCallback  callback);

static void
store_failed_clear_cb (GObject      *object,
                       GAsyncResult *result,
                       gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SecretsData *data = g_task_get_task_data (task);

  /* the file could not be written before either: this fails alike */
  secret_password_clear_finish (result, NULL);
  g_task_return_error (task, g_steal_pointer (&data->store_error));
}

static void
store_password_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SecretsData *data = g_task_get_task_data (task);

  if (secret_password_store_finish (result, &data->store_error))
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* libsecret's file backend keeps in memory an item it could not write:
   * a later lookup in this process would find the session not kept. The
   * same turn removes it. */
  clear_kept (task, store_failed_clear_cb);
}

static void
store_clear_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  SecretsData *data = g_task_get_task_data (task);
  g_autofree char *label = NULL;
  g_autoptr(GError) error = NULL;

  /* an older item that cannot be removed is no reason not to store */
  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_debug ("Could not remove an older session: %s", error->message);

  /* Translators: the keyring item's label, as Passwords and Keys shows it: %1$s is an
   * email address, %2$s a store's web address */
  label = g_strdup_printf (_("Patron session for %s at %s"), data->email, data->store_url);
  secret_password_store (patron_secrets_get_schema (),
                         SECRET_COLLECTION_DEFAULT,
                         label,
                         data->token,
                         g_task_get_cancellable (task),
                         store_password_cb,
                         g_object_ref (task),
                         "store", data->store_url,
                         "email", data->email,
                         NULL);
}

/* Removes what is kept for the task's store, then calls @callback: the first
 * step of storing (one session per store) and of clearing. */
static void
clear_kept (GTask               *task,
            GAsyncReadyCallback  callback)
{
  SecretsData *data = g_task_get_task_data (task);

  secret_password_clear (patron_secrets_get_schema (), g_task_get_cancellable (task),
                         callback, g_object_ref (task),
                         "store", data->store_url,
                         NULL);
}

static void
store_step (GTask *task)
{
  clear_kept (task, store_clear_cb);
}

/**
 * patron_secrets_store_async:
 *
 * Keeps @token for @email at @store_url, replacing any session kept for
 * that store.
 */
void
patron_secrets_store_async (const char          *store_url,
                            const char          *email,
                            const char          *token,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (store_url != NULL && email != NULL && token != NULL);

  task = secrets_task_new (store_url, email, token, patron_secrets_store_async,
                           cancellable, callback, user_data);
  run_in_turn (task, store_step);
}

gboolean
patron_secrets_store_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* @item's secret: a Secret Service's came with the search
 * (SECRET_SEARCH_LOAD_SECRETS), libsecret's file backend reads it at once. */
static SecretValue *
item_secret (SecretRetrievable  *item,
             GCancellable       *cancellable,
             GError            **error)
{
  if (SECRET_IS_ITEM (item))
    {
      SecretValue *value = secret_item_get_secret (SECRET_ITEM (item));

      if (value != NULL)
        return value;
    }

  return secret_retrievable_retrieve_secret_sync (item, cancellable, error);
}

/* In a worker thread: the keyring's answers (a session to open, a search
 * with the secret) come while the window is still being made and drawn,
 * rather than one at a time after it, between its frames; and so do the
 * store's answers to the requests sent ahead with the token found. */
static void
lookup_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  SecretsData *data = task_data;
  g_autoptr(GHashTable) attributes = NULL;
  g_autoptr(SecretValue) value = NULL;
  GError *error = NULL;
  GList *items;

  /* one search, the secret with it: no second one for the secret */
  items = secret_password_search_sync (patron_secrets_get_schema (),
                                       SECRET_SEARCH_UNLOCK | SECRET_SEARCH_LOAD_SECRETS,
                                       cancellable, &error,
                                       "store", data->store_url,
                                       NULL);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  if (items == NULL)
    {
      g_task_return_boolean (task, FALSE);
      return;
    }

  attributes = secret_retrievable_get_attributes (items->data);
  data->email = g_strdup (g_hash_table_lookup (attributes, "email"));
  if (data->email != NULL)
    value = item_secret (items->data, cancellable, &error);
  g_list_free_full (items, g_object_unref);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* a token is text; anything else in the item is not one */
  if (value != NULL && secret_value_get_text (value) != NULL)
    data->token = g_strdup (secret_value_get_text (value));

  if (data->token != NULL && data->prefetch != NULL)
    medusa_prefetch_send_async (data->prefetch, data->token, cancellable, NULL, NULL);
  g_task_return_boolean (task, data->token != NULL);
}

static void
lookup_step (GTask *task)
{
  g_task_run_in_thread (task, lookup_thread);
}

/**
 * patron_secrets_lookup_async:
 * @prefetch: (nullable): requests to send with the token found, at once,
 *   from the thread that found it
 *
 * Finds the session kept for @store_url, if any.
 */
void
patron_secrets_lookup_async (const char          *store_url,
                             MedusaPrefetch      *prefetch,
                             GCancellable        *cancellable,
                             GAsyncReadyCallback  callback,
                             gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (store_url != NULL);

  task = secrets_task_new (store_url, NULL, NULL, patron_secrets_lookup_async,
                           cancellable, callback, user_data);
  if (prefetch != NULL)
    ((SecretsData *) g_task_get_task_data (task))->prefetch = g_object_ref (prefetch);
  run_in_turn (task, lookup_step);
}

/**
 * patron_secrets_lookup_finish:
 * @email: (out): the email the session belongs to
 * @token: (out): the session's token
 *
 * Returns: %TRUE if a session was found; %FALSE with @error unset if none
 */
gboolean
patron_secrets_lookup_finish (GAsyncResult  *result,
                              char         **email,
                              char         **token,
                              GError       **error)
{
  SecretsData *data = g_task_get_task_data (G_TASK (result));

  if (!g_task_propagate_boolean (G_TASK (result), error))
    return FALSE;

  *email = g_steal_pointer (&data->email);
  *token = g_steal_pointer (&data->token);

  return TRUE;
}

/*
 * libsecret's file backend (the keyring inside the Flatpak) keeps the file as
 * it was before each write beside it, as `….keyring~`: after a session is
 * forgotten, that copy still holds it, and a bearer token stays valid at the
 * store. Two more writes, an item that says nothing and its removal, leave
 * nothing but that item in the copy. With a keyring daemon they cost two
 * calls and change nothing.
 */
#define SCRUB_ATTRIBUTES "store", "", "email", ""

static void
scrub_removed_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_clear_finish (result, &error) && error != NULL)
    g_debug ("Could not remove the keyring's blank item: %s", error->message);

  /* the session itself is forgotten either way */
  g_task_return_boolean (task, TRUE);
}

static void
scrub_stored_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GError) error = NULL;

  if (!secret_password_store_finish (result, &error))
    g_debug ("Could not write the keyring's blank item: %s", error->message);

  secret_password_clear (patron_secrets_get_schema (), NULL, scrub_removed_cb,
                         g_steal_pointer (&task), SCRUB_ATTRIBUTES, NULL);
}

static void
clear_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  GError *error = NULL;
  gboolean removed;

  removed = secret_password_clear_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  /* nothing was kept: nothing to write, least of all in counter mode */
  if (!removed)
    {
      g_task_return_boolean (task, TRUE);
      return;
    }

  /* not cancellable: a forgotten session must not stay in the backup */
  secret_password_store (patron_secrets_get_schema (), SECRET_COLLECTION_DEFAULT, "Patron", "-",
                         NULL, scrub_stored_cb, g_steal_pointer (&task), SCRUB_ATTRIBUTES, NULL);
}

static void
clear_step (GTask *task)
{
  clear_kept (task, clear_cb);
}

/**
 * patron_secrets_clear_async:
 *
 * Forgets every session kept for @store_url.
 */
void
patron_secrets_clear_async (const char          *store_url,
                            GCancellable        *cancellable,
                            GAsyncReadyCallback  callback,
                            gpointer             user_data)
{
  GTask *task;

  g_return_if_fail (store_url != NULL);

  task = secrets_task_new (store_url, NULL, NULL, patron_secrets_clear_async,
                           cancellable, callback, user_data);
  run_in_turn (task, clear_step);
}

gboolean
patron_secrets_clear_finish (GAsyncResult  *result,
                             GError       **error)
{
  return g_task_propagate_boolean (G_TASK (result), error);
}

/* at most this many kept sessions are listed: one per store, and Patron
 * remembers fewer stores than this */
#define MAX_KEPT_LISTED 64

static void
search_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  g_autoptr(GHashTable) kept = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  GError *error = NULL;
  GList *items;
  guint n = 0;

  items = secret_password_search_finish (result, &error);
  if (error != NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  for (GList *l = items; l != NULL && n < MAX_KEPT_LISTED; l = l->next, n++)
    {
      g_autoptr(GHashTable) attributes = secret_retrievable_get_attributes (l->data);
      const char *store = g_hash_table_lookup (attributes, "store");
      const char *email = g_hash_table_lookup (attributes, "email");

      if (store != NULL && email != NULL)
        g_hash_table_replace (kept, g_strdup (store), g_strdup (email));
    }
  g_list_free_full (items, g_object_unref);

  g_task_return_pointer (task, g_steal_pointer (&kept), (GDestroyNotify) g_hash_table_unref);
}

static void
search_step (GTask *task)
{
  secret_password_search (patron_secrets_get_schema (), SECRET_SEARCH_ALL,
                          g_task_get_cancellable (task), search_cb, g_object_ref (task), NULL);
}

/**
 * patron_secrets_list_kept_async:
 *
 * Lists the stores that have a kept session, and for whom: the items'
 * attributes only. No secret is read, and a locked keyring is not
 * unlocked for it.
 */
void
patron_secrets_list_kept_async (GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  GTask *task = g_task_new (NULL, cancellable, callback, user_data);

  g_task_set_source_tag (task, patron_secrets_list_kept_async);
  run_in_turn (task, search_step);
}

/**
 * patron_secrets_list_kept_finish:
 *
 * Returns: (transfer full): store address → email of each kept session
 */
GHashTable *
patron_secrets_list_kept_finish (GAsyncResult  *result,
                                 GError       **error)
{
  return g_task_propagate_pointer (G_TASK (result), error);
}
