/* patron-account-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-account-cache"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>

#include "patron-account-cache.h"

/**
 * PatronAccountCache:
 *
 * The offline copy of one kept session's account at one store: the
 * store's answers to what the customer saw — their profile and addresses,
 * the pages of orders shown and the orders opened — as the store sent them,
 * one file each, in `$XDG_CACHE_HOME/patron/offline/STORE/CUSTOMER/` (both
 * SHA-256 names, of the store's address and the email; the files are named
 * by the SHA-256 of the request). It is the client's #MedusaAnswerStore
 * (medusa_client_set_answer_store()): what it hands back is parsed again by
 * the client's bounded parsers, never trusted. Nothing else is written: no
 * token, no password, no request. Directories are `0700`, files `0600`,
 * written whole (atomically) in a worker thread, at most
 * #PATRON_ACCOUNT_CACHE_MAX_FILES files or #PATRON_ACCOUNT_CACHE_MAX_BYTES
 * bytes: the oldest go, and those a start offline needs (the customer, the
 * order count: "lasting", a name of their own) only after all others. patron_account_cache_delete() removes it.
 */

#define FILE_SUFFIX ".json"
#define LASTING_SUFFIX ".lasting.json"
/* one answer is at most the client's largest */
#define MAX_FILE_SIZE MEDUSA_CLIENT_DEFAULT_MAX_RESPONSE_SIZE

struct _PatronAccountCache
{
  GObject  parent_instance;

  char    *store_directory;
  char    *directory;
  guint    max_files;          /* guarded by lock */
  gboolean deleted;            /* guarded by lock */
};

static void patron_account_cache_answer_store_init (MedusaAnswerStoreInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (PatronAccountCache, patron_account_cache, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (MEDUSA_TYPE_ANSWER_STORE,
                                                      patron_account_cache_answer_store_init))

/* The writes, one at a time, in the order they were asked for. The lock
 * guards the files of every copy, a write against a deletion, and what
 * follows. */
static GThreadPool *writer;
static GMutex lock;
static GCond idle;
static guint pending;

typedef struct
{
  PatronAccountCache *cache;
  char               *name;
  GBytes             *body;
} Write;

static void
write_free (Write *write)
{
  g_object_unref (write->cache);
  g_free (write->name);
  g_bytes_unref (write->body);
  g_free (write);
}

static char *
hash (const char *text)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, text, -1);
}

static char *
offline_directory (void)
{
  return g_build_filename (g_get_user_cache_dir (), "patron", "offline", NULL);
}

static char *
store_directory (const char *store_url)
{
  g_autofree char *parent = offline_directory ();
  g_autofree char *name = hash (store_url);

  return g_build_filename (parent, name, NULL);
}

typedef struct
{
  char    *path;
  gint64   mtime;              /* µs: answers come many a second */
  goffset  size;
  gboolean lasting;
} Entry;

static void
entry_clear (Entry *entry)
{
  g_free (entry->path);
}

static int
compare_newest_first (gconstpointer a,
                      gconstpointer b)
{
  const Entry *ea = a, *eb = b;

  return (ea->mtime < eb->mtime) - (ea->mtime > eb->mtime);
}

/* The kept answers of @directory, newest first (at most a little more than
 * the cap: the directory is ours). */
static GArray *
list_entries (const char *directory)
{
  g_autoptr(GArray) entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  g_array_set_clear_func (entries, (GDestroyNotify) entry_clear);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      Entry entry = { 0 };
      GStatBuf st;

      entry.path = g_build_filename (directory, name, NULL);
      if (g_lstat (entry.path, &st) != 0 || !S_ISREG (st.st_mode))
        {
          g_free (entry.path);
          continue;
        }
      entry.mtime = (gint64) st.st_mtim.tv_sec * G_USEC_PER_SEC + st.st_mtim.tv_nsec / 1000;
      entry.size = st.st_size;
      entry.lasting = g_str_has_suffix (name, LASTING_SUFFIX);
      g_array_append_val (entries, entry);
    }
  g_array_sort (entries, compare_newest_first);

  return g_steal_pointer (&entries);
}

/* The first thing that failed to go, said once (what follows fails alike). */
static void
set_not_removed (GError     **error,
                 int          saved_errno,
                 const char  *path)
{
  if (error == NULL || *error != NULL)
    return;
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
               "Could not remove %s: %s", path, g_strerror (saved_errno));
}

static gboolean
remove_directory (const char  *directory,
                  GError     **error)
{
  g_autoptr(GArray) entries = list_entries (directory);
  g_autoptr(GError) local_error = NULL;

  for (guint i = 0; i < entries->len; i++)
    {
      const char *path = g_array_index (entries, Entry, i).path;

      if (g_unlink (path) != 0 && errno != ENOENT)
        set_not_removed (&local_error, errno, path);
    }
  if (g_rmdir (directory) != 0 && errno != ENOENT)
    set_not_removed (&local_error, errno, directory);

  if (local_error == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/* Beyond the caps, the oldest answers go, the lasting ones last. */
static void
prune (PatronAccountCache *self)
{
  g_autoptr(GArray) entries = list_entries (self->directory);
  guint64 total = 0;
  guint n = 0;

  for (guint pass = 0; pass < 2; pass++)
    for (guint i = 0; i < entries->len; i++)
      {
        Entry *entry = &g_array_index (entries, Entry, i);

        if (entry->lasting != (pass == 0))
          continue;
        total += entry->size;
        if (++n > self->max_files || total > PATRON_ACCOUNT_CACHE_MAX_BYTES)
          g_unlink (entry->path);
      }
}

static gboolean
make_directories (PatronAccountCache  *self,
                  GError             **error)
{
  g_autofree char *offline = offline_directory ();
  const char *directories[] = { offline, self->store_directory, self->directory };

  for (guint i = 0; i < G_N_ELEMENTS (directories); i++)
    {
      if (g_mkdir_with_parents (directories[i], 0700) != 0 ||
          g_chmod (directories[i], 0700) != 0)
        {
          int saved_errno = errno;

          g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                       "Could not make %s: %s", directories[i], g_strerror (saved_errno));
          return FALSE;
        }
    }

  return TRUE;
}

static void
write_thread (gpointer data,
              gpointer user_data)
{
  Write *write = data;
  PatronAccountCache *self = write->cache;
  g_autoptr(GError) error = NULL;

  g_mutex_lock (&lock);
  if (!self->deleted)
    {
      g_autofree char *path = g_build_filename (self->directory, write->name, NULL);
      gsize size;
      const char *bytes = g_bytes_get_data (write->body, &size);

      if (!make_directories (self, &error) ||
          !g_file_set_contents_full (path, bytes, size, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                     &error))
        g_message ("Could not keep the offline copy: %s", error->message);
      else
        prune (self);
    }
  if (--pending == 0)
    g_cond_broadcast (&idle);
  g_mutex_unlock (&lock);

  write_free (write);
}

static void
patron_account_cache_keep (MedusaAnswerStore *store,
                           const char        *key,
                           GBytes            *body,
                           gboolean           lasting)
{
  PatronAccountCache *self = PATRON_ACCOUNT_CACHE (store);
  g_autofree char *name = hash (key);
  Write *write;

  if (g_bytes_get_size (body) > MAX_FILE_SIZE)
    return;

  write = g_new0 (Write, 1);
  write->cache = g_object_ref (self);
  write->name = g_strconcat (name, lasting ? LASTING_SUFFIX : FILE_SUFFIX, NULL);
  write->body = g_bytes_ref (body);

  g_mutex_lock (&lock);
  if (self->deleted)
    {
      g_mutex_unlock (&lock);
      write_free (write);
      return;
    }
  pending++;
  g_mutex_unlock (&lock);

  g_thread_pool_push (writer, write, NULL);
}

static GBytes *
patron_account_cache_recall (MedusaAnswerStore  *store,
                             const char         *key,
                             GCancellable       *cancellable,
                             GError            **error)
{
  PatronAccountCache *self = PATRON_ACCOUNT_CACHE (store);
  g_autofree char *name = hash (key);
  g_autoptr(GMappedFile) file = NULL;
  const char *suffixes[] = { FILE_SUFFIX, LASTING_SUFFIX };
  g_autoptr(GError) local_error = NULL;

  if (g_cancellable_set_error_if_cancelled (cancellable, error))
    return NULL;

  /* mapped: a file grown by someone else is not read into memory whole */
  for (guint i = 0; i < G_N_ELEMENTS (suffixes) && file == NULL; i++)
    {
      g_autofree char *file_name = g_strconcat (name, suffixes[i], NULL);
      g_autofree char *path = g_build_filename (self->directory, file_name, NULL);

      g_clear_error (&local_error);
      file = g_mapped_file_new (path, FALSE, &local_error);
    }
  if (file == NULL)
    {
      g_propagate_error (error, g_steal_pointer (&local_error));
      return NULL;
    }
  if (g_mapped_file_get_length (file) > MAX_FILE_SIZE)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED, "The kept answer is too large");
      return NULL;
    }

  return g_bytes_new (g_mapped_file_get_contents (file), g_mapped_file_get_length (file));
}

static void
patron_account_cache_answer_store_init (MedusaAnswerStoreInterface *iface)
{
  iface->keep = patron_account_cache_keep;
  iface->recall = patron_account_cache_recall;
}

static void
patron_account_cache_finalize (GObject *object)
{
  PatronAccountCache *self = (PatronAccountCache *)object;

  g_free (self->store_directory);
  g_free (self->directory);

  G_OBJECT_CLASS (patron_account_cache_parent_class)->finalize (object);
}

static void
patron_account_cache_class_init (PatronAccountCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = patron_account_cache_finalize;

  writer = g_thread_pool_new ((GFunc) write_thread, NULL, 1, FALSE, NULL);
}

static void
patron_account_cache_init (PatronAccountCache *self)
{
  self->max_files = PATRON_ACCOUNT_CACHE_MAX_FILES;
}

/**
 * patron_account_cache_new:
 * @store_url: the store
 * @email: the kept session's customer
 *
 * Returns: (transfer full): the copy of that account, as kept so far
 */
PatronAccountCache *
patron_account_cache_new (const char *store_url,
                          const char *email)
{
  PatronAccountCache *self;
  g_autofree char *folded = NULL;
  g_autofree char *name = NULL;

  g_return_val_if_fail (store_url != NULL, NULL);
  g_return_val_if_fail (email != NULL, NULL);

  folded = g_utf8_casefold (email, -1);
  name = hash (folded);
  self = g_object_new (PATRON_TYPE_ACCOUNT_CACHE, NULL);
  self->store_directory = store_directory (store_url);
  self->directory = g_build_filename (self->store_directory, name, NULL);

  return self;
}

/**
 * patron_account_cache_get_path:
 *
 * Returns: the copy's directory
 */
const char *
patron_account_cache_get_path (PatronAccountCache *self)
{
  g_return_val_if_fail (PATRON_IS_ACCOUNT_CACHE (self), NULL);

  return self->directory;
}

/**
 * patron_account_cache_dup_seen_at:
 *
 * Returns: (transfer full) (nullable): when the newest answer kept came
 *   from the store, in local time; %NULL with none kept
 */
GDateTime *
patron_account_cache_dup_seen_at (PatronAccountCache *self)
{
  g_autoptr(GArray) entries = NULL;

  g_return_val_if_fail (PATRON_IS_ACCOUNT_CACHE (self), NULL);

  g_mutex_lock (&lock);
  entries = list_entries (self->directory);
  g_mutex_unlock (&lock);
  if (entries->len == 0)
    return NULL;

  return g_date_time_new_from_unix_local (g_array_index (entries, Entry, 0).mtime /
                                          G_USEC_PER_SEC);
}

/**
 * patron_account_cache_set_max_files:
 * @max_files: at most so many files (#PATRON_ACCOUNT_CACHE_MAX_FILES unless
 *   set): for tests
 *
 * Caps the copy at @max_files files from its next write on.
 */
void
patron_account_cache_set_max_files (PatronAccountCache *self,
                                    guint               max_files)
{
  g_return_if_fail (PATRON_IS_ACCOUNT_CACHE (self));
  g_return_if_fail (max_files > 0);

  g_mutex_lock (&lock);
  self->max_files = max_files;
  g_mutex_unlock (&lock);
}

/**
 * patron_account_cache_sync:
 *
 * Waits until what was handed to the copies so far is written.
 */
void
patron_account_cache_sync (PatronAccountCache *self)
{
  g_return_if_fail (PATRON_IS_ACCOUNT_CACHE (self));

  g_mutex_lock (&lock);
  while (pending > 0)
    g_cond_wait (&idle, &lock);
  g_mutex_unlock (&lock);
}

/**
 * patron_account_cache_delete:
 * @error: what kept a file of the copy on the disk
 *
 * Removes the copy from the disk, also what was on its way there; nothing
 * more is kept, even when a file could not be removed.
 *
 * Returns: whether nothing of the copy is left
 */
gboolean
patron_account_cache_delete (PatronAccountCache  *self,
                             GError             **error)
{
  gboolean removed;

  g_return_val_if_fail (PATRON_IS_ACCOUNT_CACHE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  g_mutex_lock (&lock);
  self->deleted = TRUE;
  removed = remove_directory (self->directory, error);
  /* the store's folder goes with its last customer's */
  g_rmdir (self->store_directory);
  g_mutex_unlock (&lock);

  return removed;
}

/* Removes the copies in @store_directory but @kept's, once what is on its
 * way there is written (a copy let go, patron_session_leave(), still is). */
static gboolean
remove_copies (const char  *store_directory,
               const char  *kept,
               GError     **error)
{
  g_autoptr(GDir) dir = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *name;

  g_mutex_lock (&lock);
  while (pending > 0)
    g_cond_wait (&idle, &lock);
  dir = g_dir_open (store_directory, 0, NULL);
  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (store_directory, name, NULL);

      if (g_strcmp0 (path, kept) == 0)
        continue;
      if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
        remove_directory (path, local_error == NULL ? &local_error : NULL);
      else if (g_unlink (path) != 0 && errno != ENOENT)
        set_not_removed (&local_error, errno, path);
    }
  if (kept == NULL && g_rmdir (store_directory) != 0 && errno != ENOENT)
    set_not_removed (&local_error, errno, store_directory);
  g_mutex_unlock (&lock);

  if (local_error == NULL)
    return TRUE;
  g_propagate_error (error, g_steal_pointer (&local_error));
  return FALSE;
}

/**
 * patron_account_cache_delete_others:
 * @error: what kept a file of another copy on the disk
 *
 * Removes the copies of every other account at the same store: a store
 * keeps one session, so only its customer's copy may stay.
 *
 * Returns: whether nothing of the others is left
 */
gboolean
patron_account_cache_delete_others (PatronAccountCache  *self,
                                    GError             **error)
{
  g_return_val_if_fail (PATRON_IS_ACCOUNT_CACHE (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  return remove_copies (self->store_directory, self->directory, error);
}

/**
 * patron_account_cache_delete_store:
 * @store_url: the store forgotten
 * @error: what kept a file of a copy on the disk
 *
 * Removes the copies of every account at @store_url.
 *
 * Returns: whether nothing of them is left
 */
gboolean
patron_account_cache_delete_store (const char  *store_url,
                                   GError     **error)
{
  g_autofree char *directory = NULL;

  g_return_val_if_fail (store_url != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  directory = store_directory (store_url);
  return remove_copies (directory, NULL, error);
}
