/* patron-image-cache.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-image-cache"

#include "config.h"

#include <errno.h>
#include <glib/gstdio.h>
#include <string.h>
#include <utime.h>

#include "patron-image-cache.h"

/**
 * PatronImageCache:
 *
 * Product pictures (line item thumbnails) for the windows, small and quick:
 * textures of the size asked for in memory (least recently used go first),
 * pictures of #PATRON_IMAGE_CACHE_DISK_SIZE pixels as PNG files on disk
 * (named by the SHA-256 of their address, written atomically, the oldest
 * pruned beyond a total size or an age), one download for any number of
 * concurrent requests for the same picture, decoding in a worker thread.
 * Every failure — a missing, broken, huge or slow picture — is an error for
 * the caller to show no picture, never a warning. The application owns one
 * (patron_application_get_image_cache()).
 */

#define NEGATIVE_SECONDS (10 * 60)
#define PRUNE_EVERY_WRITES 100
#define MAX_DISK_AGE_SECONDS (30 * 24 * 60 * 60)
#define TEMP_FILE_AGE_SECONDS (60 * 60)
#define FILE_SUFFIX ".png"

struct _PatronImageCache
{
  GObject     parent_instance;

  char       *directory;

  /* memory: key → GList link in lru, whose data is a MemoryEntry */
  GHashTable *memory;
  GQueue      lru;
  gsize       memory_bytes;
  gsize       max_memory;

  /* absolute URL → monotonic time until which it is known to have no picture */
  GHashTable *failed;

  /* key → Fetch in flight that a request may join */
  GHashTable *fetches;
  /* fetches still running, also those nobody waits for any more */
  guint       n_loading;

  /* bumped by patron_image_cache_forget_all(): what older fetches bring is
   * not kept */
  guint       generation;

  guint64     max_disk_size;
  guint       writes;
  gboolean    pruning;
};

G_DEFINE_FINAL_TYPE (PatronImageCache, patron_image_cache, G_TYPE_OBJECT)

typedef struct
{
  char       *key;
  GdkTexture *texture;
  gsize       bytes;
} MemoryEntry;

static void
memory_entry_free (MemoryEntry *entry)
{
  g_free (entry->key);
  g_object_unref (entry->texture);
  g_free (entry);
}

static char *
make_key (const char *url,
          int         size)
{
  return g_strdup_printf ("%d %s", size, url);
}

/* ------------------------------------------------------------------------ */
/* Memory                                                                    */

static GdkTexture *
memory_lookup (PatronImageCache *self,
               const char       *key)
{
  GList *link = g_hash_table_lookup (self->memory, key);

  if (link == NULL)
    return NULL;

  g_queue_unlink (&self->lru, link);
  g_queue_push_head_link (&self->lru, link);

  return ((MemoryEntry *) link->data)->texture;
}

static void
memory_evict (PatronImageCache *self,
              gsize             max_bytes)
{
  while (self->memory_bytes > max_bytes && self->lru.tail != NULL)
    {
      MemoryEntry *entry = g_queue_pop_tail (&self->lru);

      self->memory_bytes -= entry->bytes;
      g_hash_table_remove (self->memory, entry->key);
      memory_entry_free (entry);
    }
}

static void
memory_insert (PatronImageCache *self,
               const char       *key,
               GdkTexture       *texture)
{
  MemoryEntry *entry;
  GList *old = g_hash_table_lookup (self->memory, key);

  if (old != NULL)
    {
      entry = old->data;
      g_queue_delete_link (&self->lru, old);
      g_hash_table_remove (self->memory, key);
      self->memory_bytes -= entry->bytes;
      memory_entry_free (entry);
    }

  entry = g_new0 (MemoryEntry, 1);
  entry->key = g_strdup (key);
  entry->texture = g_object_ref (texture);
  entry->bytes = (gsize) gdk_texture_get_width (texture) * gdk_texture_get_height (texture) * 4;
  if (entry->bytes > self->max_memory)
    {
      memory_entry_free (entry);
      return;
    }

  memory_evict (self, self->max_memory - entry->bytes);
  g_queue_push_head (&self->lru, entry);
  g_hash_table_insert (self->memory, entry->key, self->lru.head);
  self->memory_bytes += entry->bytes;
}

/* A picture that is not there, not a picture or too large will not be one
 * a moment later: no point asking again for every window. */
static gboolean
is_lasting_failure (const GError *error)
{
  if (error->domain == MEDUSA_ERROR)
    return error->code != MEDUSA_ERROR_SERVER_ERROR;

  return g_error_matches (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA) ||
         g_error_matches (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static gboolean
known_failure (PatronImageCache *self,
               const char       *url)
{
  gpointer until = g_hash_table_lookup (self->failed, url);

  if (until == NULL)
    return FALSE;

  if (g_get_monotonic_time () < *(gint64 *) until)
    return TRUE;

  g_hash_table_remove (self->failed, url);
  return FALSE;
}

static void
remember_failure (PatronImageCache *self,
                  const char       *url)
{
  gint64 *until = g_new (gint64, 1);

  *until = g_get_monotonic_time () + NEGATIVE_SECONDS * G_USEC_PER_SEC;
  g_hash_table_replace (self->failed, g_strdup (url), until);
}

/* ------------------------------------------------------------------------ */
/* Decoding, in a worker thread                                              */

typedef struct
{
  int      size;
  gboolean too_large;
} Prepare;

static void
size_prepared_cb (GdkPixbufLoader *loader,
                  int              width,
                  int              height,
                  gpointer         user_data)
{
  Prepare *prepare = user_data;
  double scale;

  if (width <= 0 || height <= 0 || (gint64) width * height > PATRON_IMAGE_CACHE_MAX_PIXELS)
    {
      /* the loaders stop at a size of 0 rather than allocate the picture */
      prepare->too_large = TRUE;
      gdk_pixbuf_loader_set_size (loader, 0, 0);
      return;
    }

  if (width <= prepare->size && height <= prepare->size)
    return;

  scale = (double) prepare->size / MAX (width, height);
  gdk_pixbuf_loader_set_size (loader,
                              MAX (1, (int) (width * scale + 0.5)),
                              MAX (1, (int) (height * scale + 0.5)));
}

/* Only what shops use for product pictures, told by content and not by the
 * server's word: fewer decoders facing untrusted bytes. */
static const char *
sniff_type (GBytes *bytes)
{
  gsize length;
  const guint8 *data = g_bytes_get_data (bytes, &length);

  if (length >= 8 && memcmp (data, "\x89PNG\r\n\x1a\n", 8) == 0)
    return "png";
  if (length >= 3 && memcmp (data, "\xff\xd8\xff", 3) == 0)
    return "jpeg";

  return NULL;
}

static GdkPixbuf *
fit (GdkPixbuf *pixbuf,
     int        size)
{
  int width = gdk_pixbuf_get_width (pixbuf);
  int height = gdk_pixbuf_get_height (pixbuf);
  double scale;

  if (width <= size && height <= size)
    return g_object_ref (pixbuf);

  scale = (double) size / MAX (width, height);
  return gdk_pixbuf_scale_simple (pixbuf,
                                  MAX (1, (int) (width * scale + 0.5)),
                                  MAX (1, (int) (height * scale + 0.5)),
                                  GDK_INTERP_BILINEAR);
}

/**
 * patron_image_decode:
 * @bytes: a PNG or JPEG picture
 * @size: the longest side wanted, in pixels
 *
 * Decodes @bytes to fit in @size × @size (never enlarged), upright. Safe in
 * any thread.
 *
 * Returns: (transfer full): the picture, or %NULL with %G_IO_ERROR_NOT_SUPPORTED
 *   for another format and %G_IO_ERROR_INVALID_DATA for a broken or huge one
 */
GdkPixbuf *
patron_image_decode (GBytes  *bytes,
                     int      size,
                     GError **error)
{
  g_autoptr(GdkPixbufLoader) loader = NULL;
  g_autoptr(GError) local_error = NULL;
  const char *type = sniff_type (bytes);
  Prepare prepare = { size, FALSE };
  GdkPixbuf *pixbuf;

  g_return_val_if_fail (bytes != NULL, NULL);
  g_return_val_if_fail (size > 0, NULL);

  if (type == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED,
                           "Not a PNG or JPEG picture");
      return NULL;
    }

  loader = gdk_pixbuf_loader_new_with_type (type, &local_error);
  if (loader == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, "No %s decoder: %s",
                   type, local_error->message);
      return NULL;
    }
  g_signal_connect (loader, "size-prepared", G_CALLBACK (size_prepared_cb), &prepare);

  /* a failed write closes the loader itself: closing it again would be a bug */
  if (!gdk_pixbuf_loader_write_bytes (loader, bytes, &local_error) ||
      !gdk_pixbuf_loader_close (loader, &local_error))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "%s",
                   prepare.too_large ? "The picture is too large"
                                     : local_error != NULL ? local_error->message
                                                           : "The picture is broken");
      return NULL;
    }

  pixbuf = gdk_pixbuf_loader_get_pixbuf (loader);
  if (pixbuf == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA, "The picture is empty");
      return NULL;
    }

  {
    g_autoptr(GdkPixbuf) upright = gdk_pixbuf_apply_embedded_orientation (pixbuf);

    return fit (upright, size);
  }
}

/* What gdk_texture_new_for_pixbuf() does, which GTK 4.20 deprecates; safe in
 * any thread, as a texture is immutable data */
static GdkTexture *
texture_new_for_pixbuf (GdkPixbuf *pixbuf)
{
  g_autoptr(GBytes) pixels = gdk_pixbuf_read_pixel_bytes (pixbuf);

  return gdk_memory_texture_new (gdk_pixbuf_get_width (pixbuf),
                                 gdk_pixbuf_get_height (pixbuf),
                                 gdk_pixbuf_get_has_alpha (pixbuf) ? GDK_MEMORY_R8G8B8A8
                                                                   : GDK_MEMORY_R8G8B8,
                                 pixels,
                                 gdk_pixbuf_get_rowstride (pixbuf));
}

typedef struct
{
  GBytes   *bytes;
  int       size;
  char     *write_path;   /* where to keep the picture at disk size, or NULL */
  char     *read_path;    /* the disk file it came from, or NULL */
  gboolean  written;
} DecodeData;

static void
decode_data_free (DecodeData *data)
{
  g_clear_pointer (&data->bytes, g_bytes_unref);
  g_free (data->write_path);
  g_free (data->read_path);
  g_free (data);
}

static gboolean
write_disk_file (GdkPixbuf   *pixbuf,
                 const char  *path,
                 GError     **error)
{
  g_autofree char *directory = g_path_get_dirname (path);
  g_autofree char *png = NULL;
  gsize length;

  if (g_mkdir_with_parents (directory, 0700) != 0)
    {
      int saved_errno = errno;

      g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno),
                   "%s: %s", directory, g_strerror (saved_errno));
      return FALSE;
    }

  return gdk_pixbuf_save_to_buffer (pixbuf, &png, &length, "png", error, NULL) &&
         g_file_set_contents_full (path, png, length, G_FILE_SET_CONTENTS_CONSISTENT, 0600,
                                   error);
}

static void
decode_thread (GTask        *task,
               gpointer      source_object,
               gpointer      task_data,
               GCancellable *cancellable)
{
  DecodeData *data = task_data;
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) write_error = NULL;
  GError *error = NULL;

  pixbuf = patron_image_decode (data->bytes,
                                data->write_path != NULL
                                  ? MAX (data->size, PATRON_IMAGE_CACHE_DISK_SIZE)
                                  : data->size,
                                &error);
  if (pixbuf == NULL)
    {
      /* a file of ours that no longer decodes goes, to be fetched afresh */
      if (data->read_path != NULL)
        g_unlink (data->read_path);
      g_task_return_error (task, error);
      return;
    }

  if (data->read_path != NULL)
    g_utime (data->read_path, NULL);   /* recently used: pruned last */

  if (data->write_path != NULL && !g_cancellable_is_cancelled (cancellable))
    {
      data->written = write_disk_file (pixbuf, data->write_path, &write_error);
      if (!data->written)
        g_debug ("Not kept on disk: %s", write_error->message);
    }

  {
    g_autoptr(GdkPixbuf) fitted = fit (pixbuf, data->size);

    g_task_return_pointer (task, texture_new_for_pixbuf (fitted), g_object_unref);
  }
}

/* ------------------------------------------------------------------------ */
/* Fetches: one per picture and size in flight, with any number of waiters   */

typedef struct
{
  PatronImageCache *cache;
  MedusaClient     *client;
  char             *key;
  char             *url;
  char             *path;          /* the disk file, or NULL without a disk cache */
  int               size;
  guint             generation;    /* the cache's, when the fetch began */
  GCancellable     *cancellable;   /* the fetch's own: cancelled when no one waits */
  GPtrArray        *waiters;       /* of GTask */
} Fetch;

typedef struct
{
  Fetch   *fetch;                  /* NULL once answered */
  GSource *cancelled_source;
} Waiter;

static void
waiter_free (Waiter *waiter)
{
  if (waiter->cancelled_source != NULL)
    {
      g_source_destroy (waiter->cancelled_source);
      g_source_unref (waiter->cancelled_source);
    }
  g_free (waiter);
}

static void
fetch_free (Fetch *fetch)
{
  fetch->cache->n_loading--;
  g_object_unref (fetch->cache);
  g_object_unref (fetch->client);
  g_free (fetch->key);
  g_free (fetch->url);
  g_free (fetch->path);
  g_object_unref (fetch->cancellable);
  g_clear_pointer (&fetch->waiters, g_ptr_array_unref);
  g_free (fetch);
}

static void
fetch_forget (Fetch *fetch)
{
  PatronImageCache *self = fetch->cache;

  if (g_hash_table_lookup (self->fetches, fetch->key) == fetch)
    g_hash_table_remove (self->fetches, fetch->key);
}

static void
waiter_detach (GTask *task)
{
  Waiter *waiter = g_task_get_task_data (task);

  waiter->fetch = NULL;
  if (waiter->cancelled_source != NULL)
    {
      g_source_destroy (waiter->cancelled_source);
      g_clear_pointer (&waiter->cancelled_source, g_source_unref);
    }
}

static void prune_if_due (PatronImageCache *self);

static void
fetch_complete (Fetch      *fetch,
                GdkTexture *texture,
                GError     *error)
{
  PatronImageCache *self = fetch->cache;
  /* the callbacks may ask again: this fetch is no longer one to join */
  g_autoptr(GPtrArray) waiters = g_steal_pointer (&fetch->waiters);

  fetch_forget (fetch);

  if (fetch->generation != self->generation)
    ;
  else if (texture != NULL)
    memory_insert (self, fetch->key, texture);
  else if (is_lasting_failure (error))
    remember_failure (self, fetch->url);

  if (error != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    g_debug ("No picture for %s: %s", fetch->url, error->message);

  for (guint i = 0; i < waiters->len; i++)
    {
      GTask *task = g_ptr_array_index (waiters, i);

      waiter_detach (task);
      if (texture != NULL)
        g_task_return_pointer (task, g_object_ref (texture), g_object_unref);
      else
        g_task_return_error (task, g_error_copy (error));
    }

  fetch_free (fetch);
}

static gboolean
waiter_cancelled_cb (GCancellable *cancellable,
                     gpointer      user_data)
{
  g_autoptr(GTask) task = g_object_ref (user_data);
  Waiter *waiter = g_task_get_task_data (task);
  Fetch *fetch = waiter->fetch;

  if (fetch == NULL)
    return G_SOURCE_REMOVE;

  waiter_detach (task);
  g_ptr_array_remove (fetch->waiters, task);
  /* the last one to lose interest stops the download */
  if (fetch->waiters->len == 0)
    {
      fetch_forget (fetch);
      g_cancellable_cancel (fetch->cancellable);
    }
  g_task_return_error_if_cancelled (task);

  return G_SOURCE_REMOVE;
}

static void
fetch_add_waiter (Fetch *fetch,
                  GTask *task)
{
  GCancellable *cancellable = g_task_get_cancellable (task);
  Waiter *waiter = g_new0 (Waiter, 1);

  waiter->fetch = fetch;
  g_task_set_task_data (task, waiter, (GDestroyNotify) waiter_free);
  if (cancellable != NULL)
    {
      waiter->cancelled_source = g_cancellable_source_new (cancellable);
      g_source_set_callback (waiter->cancelled_source, G_SOURCE_FUNC (waiter_cancelled_cb),
                             task, NULL);
      g_source_attach (waiter->cancelled_source, g_main_context_get_thread_default ());
    }
  g_ptr_array_add (fetch->waiters, g_object_ref (task));
}

static void fetch_from_network (Fetch *fetch);

static void
decode_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  Fetch *fetch = user_data;
  DecodeData *data = g_task_get_task_data (G_TASK (result));
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GError) error = NULL;

  texture = g_task_propagate_pointer (G_TASK (result), &error);
  if (data->written)
    {
      fetch->cache->writes++;
      prune_if_due (fetch->cache);
    }

  if (texture == NULL)
    {
      if (data->read_path != NULL && !g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          fetch_from_network (fetch);
          return;
        }
      fetch_complete (fetch, NULL, error);
      return;
    }

  fetch_complete (fetch, texture, NULL);
}

static void
decode_async (Fetch  *fetch,
              GBytes *bytes,
              char   *read_path,
              char   *write_path)
{
  g_autoptr(GTask) task = g_task_new (NULL, fetch->cancellable, decode_cb, fetch);
  DecodeData *data = g_new0 (DecodeData, 1);

  data->bytes = g_bytes_ref (bytes);
  data->size = fetch->size;
  data->read_path = read_path;
  data->write_path = write_path;
  g_task_set_task_data (task, data, (GDestroyNotify) decode_data_free);
  g_task_set_source_tag (task, decode_async);
  g_task_run_in_thread (task, decode_thread);
}

static void
network_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;

  bytes = medusa_client_get_image_finish (MEDUSA_CLIENT (object), result, NULL, &error);
  if (bytes == NULL)
    {
      fetch_complete (fetch, NULL, error);
      return;
    }

  decode_async (fetch, bytes, NULL, g_strdup (fetch->path));
}

static void
fetch_from_network (Fetch *fetch)
{
  medusa_client_get_image_async (fetch->client, fetch->url, PATRON_IMAGE_CACHE_MAX_DOWNLOAD,
                                 fetch->cancellable, network_cb, fetch);
}

static void
disk_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  Fetch *fetch = user_data;
  g_autoptr(GError) error = NULL;
  g_autoptr(GBytes) bytes = NULL;
  char *contents = NULL;
  gsize length;

  if (!g_file_load_contents_finish (G_FILE (object), result, &contents, &length, NULL, &error))
    {
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        fetch_complete (fetch, NULL, error);
      else
        fetch_from_network (fetch);
      return;
    }

  bytes = g_bytes_new_take (contents, length);
  decode_async (fetch, bytes, g_strdup (fetch->path), NULL);
}

static void
fetch_start (Fetch *fetch)
{
  g_autoptr(GFile) file = NULL;

  if (fetch->path == NULL)
    {
      fetch_from_network (fetch);
      return;
    }

  file = g_file_new_for_path (fetch->path);
  g_file_load_contents_async (file, fetch->cancellable, disk_cb, fetch);
}

/* ------------------------------------------------------------------------ */
/* Pruning the disk cache                                                    */

typedef struct
{
  char   *path;
  goffset size;
  gint64  mtime;
} DiskFile;

static void
disk_file_free (DiskFile *file)
{
  g_free (file->path);
  g_free (file);
}

static int
newest_first (gconstpointer a,
              gconstpointer b)
{
  const DiskFile *fa = *(DiskFile * const *) a;
  const DiskFile *fb = *(DiskFile * const *) b;

  return fa->mtime < fb->mtime ? 1 : fa->mtime > fb->mtime ? -1 : 0;
}

static gboolean
is_cache_file_name (const char *name,
                    gboolean   *temporary)
{
  gsize length = strlen (name);
  gsize digest = 64;

  if (length < digest + strlen (FILE_SUFFIX) ||
      strspn (name, "0123456789abcdef") != digest ||
      !g_str_has_prefix (name + digest, FILE_SUFFIX))
    return FALSE;

  /* g_file_set_contents() writes "NAME.png.XXXXXX" first: one left behind
   * by a crash is removed once it is old */
  *temporary = length != digest + strlen (FILE_SUFFIX);
  return TRUE;
}

typedef struct
{
  char    *directory;
  guint64  max_size;
} PruneData;

static void
prune_data_free (PruneData *data)
{
  g_free (data->directory);
  g_free (data);
}

static void
prune_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  PruneData *data = task_data;
  g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func ((GDestroyNotify) disk_file_free);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDir) dir = NULL;
  gint64 now = g_get_real_time () / G_USEC_PER_SEC;
  guint64 total = 0;
  guint removed = 0;
  const char *name;

  dir = g_dir_open (data->directory, 0, &error);
  if (dir == NULL)
    {
      /* nothing kept yet */
      g_task_return_int (task, 0);
      return;
    }

  while ((name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (data->directory, name, NULL);
      gboolean temporary = FALSE;
      GStatBuf buf;

      if (!is_cache_file_name (name, &temporary) || g_lstat (path, &buf) != 0 ||
          !S_ISREG (buf.st_mode))
        continue;

      if (temporary)
        {
          if (now - (gint64) buf.st_mtime > TEMP_FILE_AGE_SECONDS && g_unlink (path) == 0)
            removed++;
          continue;
        }

      {
        DiskFile *file = g_new0 (DiskFile, 1);

        file->path = g_steal_pointer (&path);
        file->size = buf.st_size;
        file->mtime = buf.st_mtime;
        g_ptr_array_add (files, file);
      }
    }

  g_ptr_array_sort (files, newest_first);
  for (guint i = 0; i < files->len; i++)
    {
      DiskFile *file = g_ptr_array_index (files, i);

      total += file->size;
      if ((total > data->max_size || now - file->mtime > MAX_DISK_AGE_SECONDS) &&
          g_unlink (file->path) == 0)
        removed++;
    }

  g_task_return_int (task, removed);
}

/**
 * patron_image_cache_prune_async:
 *
 * Removes the least recently used files of the disk cache beyond its size,
 * files older than 30 days and temporary files left behind. The cache runs
 * it itself every so many new files.
 */
static void
prune_to (PatronImageCache    *self,
          guint64              max_size,
          GCancellable        *cancellable,
          GAsyncReadyCallback  callback,
          gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  PruneData *data;

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, patron_image_cache_prune_async);
  if (self->directory == NULL)
    {
      g_task_return_int (task, 0);
      return;
    }

  data = g_new0 (PruneData, 1);
  data->directory = g_strdup (self->directory);
  data->max_size = max_size;
  g_task_set_task_data (task, data, (GDestroyNotify) prune_data_free);
  g_task_run_in_thread (task, prune_thread);
}

void
patron_image_cache_prune_async (PatronImageCache    *self,
                                GCancellable        *cancellable,
                                GAsyncReadyCallback  callback,
                                gpointer             user_data)
{
  g_return_if_fail (PATRON_IS_IMAGE_CACHE (self));

  prune_to (self, self->max_disk_size, cancellable, callback, user_data);
}

/**
 * patron_image_cache_empty_disk_async:
 *
 * Removes every picture the disk cache holds (a forgotten store's among
 * them: a file is named after its picture's address only, so a store's
 * own cannot be told apart). Finish with patron_image_cache_prune_finish().
 */
void
patron_image_cache_empty_disk_async (PatronImageCache    *self,
                                     GCancellable        *cancellable,
                                     GAsyncReadyCallback  callback,
                                     gpointer             user_data)
{
  g_return_if_fail (PATRON_IS_IMAGE_CACHE (self));

  prune_to (self, 0, cancellable, callback, user_data);
}

/**
 * patron_image_cache_prune_finish:
 *
 * Returns: how many files were removed
 */
guint
patron_image_cache_prune_finish (PatronImageCache  *self,
                                 GAsyncResult      *result,
                                 GError           **error)
{
  g_return_val_if_fail (g_task_is_valid (result, self), 0);

  return g_task_propagate_int (G_TASK (result), error);
}

static void
prune_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  PatronImageCache *self = PATRON_IMAGE_CACHE (object);
  guint removed = patron_image_cache_prune_finish (self, result, NULL);

  self->pruning = FALSE;
  if (removed > 0)
    g_debug ("Removed %u old pictures from %s", removed, self->directory);
}

static void
prune_if_due (PatronImageCache *self)
{
  /* once early in a run, then every so many new files */
  if (self->pruning || self->writes % PRUNE_EVERY_WRITES != 1)
    return;

  self->pruning = TRUE;
  patron_image_cache_prune_async (self, NULL, prune_cb, NULL);
}

/* ------------------------------------------------------------------------ */

static void
patron_image_cache_finalize (GObject *object)
{
  PatronImageCache *self = (PatronImageCache *)object;

  g_queue_clear_full (&self->lru, (GDestroyNotify) memory_entry_free);
  g_clear_pointer (&self->memory, g_hash_table_unref);
  g_clear_pointer (&self->failed, g_hash_table_unref);
  g_clear_pointer (&self->fetches, g_hash_table_unref);
  g_clear_pointer (&self->directory, g_free);

  G_OBJECT_CLASS (patron_image_cache_parent_class)->finalize (object);
}

static void
patron_image_cache_class_init (PatronImageCacheClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = patron_image_cache_finalize;
}

static void
patron_image_cache_init (PatronImageCache *self)
{
  /* keys are owned by the entries */
  self->memory = g_hash_table_new (g_str_hash, g_str_equal);
  g_queue_init (&self->lru);
  self->max_memory = PATRON_IMAGE_CACHE_DEFAULT_MAX_MEMORY;
  self->failed = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, g_free);
  /* keys are owned by the fetches */
  self->fetches = g_hash_table_new (g_str_hash, g_str_equal);
  self->max_disk_size = PATRON_IMAGE_CACHE_DEFAULT_MAX_DISK_SIZE;
}

/**
 * patron_image_cache_new:
 * @directory: (nullable): where to keep pictures on disk (made when first
 *   needed), or %NULL for a cache in memory only
 *
 * Returns: (transfer full): a new, empty cache
 */
PatronImageCache *
patron_image_cache_new (const char *directory)
{
  PatronImageCache *self = g_object_new (PATRON_TYPE_IMAGE_CACHE, NULL);

  self->directory = g_strdup (directory);

  return self;
}

const char *
patron_image_cache_get_directory (PatronImageCache *self)
{
  g_return_val_if_fail (PATRON_IS_IMAGE_CACHE (self), NULL);

  return self->directory;
}

/**
 * patron_image_cache_set_max_memory:
 * @max_bytes: how much the textures in memory may take, in bytes
 */
void
patron_image_cache_set_max_memory (PatronImageCache *self,
                                   gsize             max_bytes)
{
  g_return_if_fail (PATRON_IS_IMAGE_CACHE (self));

  self->max_memory = max_bytes;
  memory_evict (self, max_bytes);
}

/**
 * patron_image_cache_set_max_disk_size:
 * @max_bytes: how much the files on disk may take, in bytes, when pruned
 */
void
patron_image_cache_set_max_disk_size (PatronImageCache *self,
                                      guint64           max_bytes)
{
  g_return_if_fail (PATRON_IS_IMAGE_CACHE (self));

  self->max_disk_size = max_bytes;
}

/**
 * patron_image_cache_forget_all:
 *
 * Drops every picture kept in memory and what is known of pictures that
 * failed, and stops the downloads on their way: what a customer's orders
 * showed does not outlive their visit in memory. The pictures on disk stay,
 * if the cache has a directory.
 */
void
patron_image_cache_forget_all (PatronImageCache *self)
{
  GHashTableIter iter;
  Fetch *fetch;

  g_return_if_fail (PATRON_IS_IMAGE_CACHE (self));

  self->generation++;
  g_hash_table_remove_all (self->memory);
  g_queue_clear_full (&self->lru, (GDestroyNotify) memory_entry_free);
  self->memory_bytes = 0;
  g_hash_table_remove_all (self->failed);

  /* no new window joins a fetch begun for the last customer */
  g_hash_table_iter_init (&iter, self->fetches);
  while (g_hash_table_iter_next (&iter, NULL, (gpointer *) &fetch))
    g_cancellable_cancel (fetch->cancellable);
  g_hash_table_remove_all (self->fetches);
}

/**
 * patron_image_cache_get_n_textures:
 *
 * Returns: how many textures are kept in memory
 */
guint
patron_image_cache_get_n_textures (PatronImageCache *self)
{
  g_return_val_if_fail (PATRON_IS_IMAGE_CACHE (self), 0);

  return self->lru.length;
}

/**
 * patron_image_cache_get_n_loading:
 *
 * Returns: how many pictures are being read, fetched or decoded, including
 *   those no one waits for any more that have not stopped yet
 */
guint
patron_image_cache_get_n_loading (PatronImageCache *self)
{
  g_return_val_if_fail (PATRON_IS_IMAGE_CACHE (self), 0);

  return self->n_loading;
}

static char *
disk_path (PatronImageCache *self,
           const char       *url)
{
  g_autofree char *digest = NULL;
  g_autofree char *name = NULL;

  if (self->directory == NULL)
    return NULL;

  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  name = g_strconcat (digest, FILE_SUFFIX, NULL);

  return g_build_filename (self->directory, name, NULL);
}

/**
 * patron_image_cache_lookup:
 * @client: the store @url came from
 * @url: a picture's address, absolute or relative to the store's
 * @size: the longest side wanted, in device pixels
 *
 * The picture at once if it is in memory, so that a window shows it without
 * a placeholder first.
 *
 * Returns: (transfer full) (nullable): the texture, or %NULL
 */
GdkTexture *
patron_image_cache_lookup (PatronImageCache *self,
                           MedusaClient     *client,
                           const char       *url,
                           int               size)
{
  g_autofree char *absolute = NULL;
  g_autofree char *key = NULL;
  GdkTexture *texture;

  g_return_val_if_fail (PATRON_IS_IMAGE_CACHE (self), NULL);
  g_return_val_if_fail (MEDUSA_IS_CLIENT (client), NULL);

  absolute = medusa_client_resolve_url (client, url, NULL);
  if (absolute == NULL)
    return NULL;

  key = make_key (absolute, size);
  texture = memory_lookup (self, key);

  return texture != NULL ? g_object_ref (texture) : NULL;
}

/**
 * patron_image_cache_load_async:
 * @client: the store @url came from, which fetches it
 * @url: a picture's address, absolute or relative to the store's
 * @size: the longest side wanted, in device pixels
 * @cancellable: (nullable): cancels this request only; the download stops
 *   when every request for the picture is cancelled
 *
 * Finds the picture in memory, on disk or at @url, in that order.
 */
void
patron_image_cache_load_async (PatronImageCache    *self,
                               MedusaClient        *client,
                               const char          *url,
                               int                  size,
                               GCancellable        *cancellable,
                               GAsyncReadyCallback  callback,
                               gpointer             user_data)
{
  g_autoptr(GTask) task = NULL;
  g_autofree char *absolute = NULL;
  g_autofree char *key = NULL;
  GError *error = NULL;
  GdkTexture *texture;
  Fetch *fetch;

  g_return_if_fail (PATRON_IS_IMAGE_CACHE (self));
  g_return_if_fail (MEDUSA_IS_CLIENT (client));
  g_return_if_fail (size > 0);

  task = g_task_new (self, cancellable, callback, user_data);
  g_task_set_source_tag (task, patron_image_cache_load_async);
  if (g_task_return_error_if_cancelled (task))
    return;

  absolute = medusa_client_resolve_url (client, url, &error);
  if (absolute == NULL)
    {
      g_task_return_error (task, error);
      return;
    }

  key = make_key (absolute, size);
  texture = memory_lookup (self, key);
  if (texture != NULL)
    {
      g_task_return_pointer (task, g_object_ref (texture), g_object_unref);
      return;
    }

  if (known_failure (self, absolute))
    {
      g_task_return_new_error (task, G_IO_ERROR, G_IO_ERROR_NOT_FOUND,
                               "No picture at %s a moment ago", absolute);
      return;
    }

  fetch = g_hash_table_lookup (self->fetches, key);
  if (fetch != NULL)
    {
      fetch_add_waiter (fetch, task);
      return;
    }

  fetch = g_new0 (Fetch, 1);
  fetch->cache = g_object_ref (self);
  fetch->client = g_object_ref (client);
  fetch->key = g_steal_pointer (&key);
  fetch->path = disk_path (self, absolute);
  fetch->url = g_steal_pointer (&absolute);
  fetch->size = size;
  fetch->generation = self->generation;
  fetch->cancellable = g_cancellable_new ();
  fetch->waiters = g_ptr_array_new_with_free_func (g_object_unref);
  g_hash_table_insert (self->fetches, fetch->key, fetch);
  self->n_loading++;
  fetch_add_waiter (fetch, task);
  fetch_start (fetch);
}

/**
 * patron_image_cache_load_finish:
 *
 * Returns: (transfer full): the picture, or %NULL when there is none to show
 */
GdkTexture *
patron_image_cache_load_finish (PatronImageCache  *self,
                                GAsyncResult      *result,
                                GError           **error)
{
  g_return_val_if_fail (PATRON_IS_IMAGE_CACHE (self), NULL);
  g_return_val_if_fail (g_task_is_valid (result, self), NULL);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) ==
                        patron_image_cache_load_async, NULL);

  return g_task_propagate_pointer (G_TASK (result), error);
}
