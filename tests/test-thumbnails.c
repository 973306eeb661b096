/* test-thumbnails.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Product pictures against an in-process SoupServer that plays a store:
 * pictures that are fine, missing, not pictures, too large, broken, huge or
 * that never come. Each ends as a picture or as the placeholder, with no
 * warning (G_DEBUG=fatal-warnings); concurrent requests share one download,
 * which stops only when every one of them is cancelled. Then the real test
 * store's own picture: from the store, from memory, from disk.
 */

#include "config.h"

#include "test-util.h"
#include "test-widgets.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <libsoup/soup.h>
#include <string.h>
#include <utime.h>

#include "patron-image-cache.h"
#include "patron-order-window.h"

static const char *store_url;

typedef struct
{
  SoupServer *server;
  char       *url;
  GHashTable *hits;          /* path → number of requests */
  GPtrArray  *stalled;       /* GIOStream of requests never answered */
  guint       disconnected;  /* stalled requests the client gave up */
  guint       reading;       /* reads on stalled connections not over yet */
  GCancellable *cancellable;
  char        buffer[1024];
  GBytes     *png;           /* 200 × 100 */
  GBytes     *jpeg;          /* 300 × 200 */
  GBytes     *huge_png;      /* says 20000 × 20000 */
  char       *directory;
} Fixture;

static guint
hits (Fixture    *fixture,
      const char *path)
{
  return GPOINTER_TO_UINT (g_hash_table_lookup (fixture->hits, path));
}

static GBytes *
encode (int         width,
        int         height,
        const char *type)
{
  g_autoptr(GdkPixbuf) pixbuf = gdk_pixbuf_new (GDK_COLORSPACE_RGB, FALSE, 8, width, height);
  g_autoptr(GError) error = NULL;
  char *data = NULL;
  gsize length;

  gdk_pixbuf_fill (pixbuf, 0x3584e4ff);
  g_assert_true (gdk_pixbuf_save_to_buffer (pixbuf, &data, &length, type, &error, NULL));
  g_assert_no_error (error);

  return g_bytes_new_take (data, length);
}

static guint32
crc32 (const guint8 *data,
       gsize         length)
{
  guint32 crc = 0xffffffff;

  for (gsize i = 0; i < length; i++)
    {
      crc ^= data[i];
      for (int k = 0; k < 8; k++)
        crc = (crc >> 1) ^ (0xedb88320 & -(crc & 1));
    }

  return ~crc;
}

static void
append_chunk (GByteArray   *png,
              const char   *type,
              const guint8 *data,
              guint32       length)
{
  guint32 be = GUINT32_TO_BE (length);
  g_autoptr(GByteArray) crc_input = g_byte_array_new ();
  guint32 crc;

  g_byte_array_append (png, (const guint8 *) &be, 4);
  g_byte_array_append (crc_input, (const guint8 *) type, 4);
  if (length > 0)
    g_byte_array_append (crc_input, data, length);
  g_byte_array_append (png, crc_input->data, crc_input->len);
  crc = GUINT32_TO_BE (crc32 (crc_input->data, crc_input->len));
  g_byte_array_append (png, (const guint8 *) &crc, 4);
}

/* A valid header for a picture of 20000 × 20000 pixels: 1.6 GB once decoded. */
static GBytes *
huge_png (void)
{
  GByteArray *png = g_byte_array_new ();
  guint32 side = GUINT32_TO_BE (20000);
  guint8 header[13] = { 0 };
  const guint8 data[] = { 0x78, 0x9c, 0x63, 0x60, 0x00, 0x00, 0x00, 0x02, 0x00, 0x01 };

  g_byte_array_append (png, (const guint8 *) "\x89PNG\r\n\x1a\n", 8);
  memcpy (header, &side, 4);
  memcpy (header + 4, &side, 4);
  header[8] = 8;   /* bits per channel */
  header[9] = 6;   /* RGBA */
  append_chunk (png, "IHDR", header, sizeof header);
  append_chunk (png, "IDAT", data, sizeof data);
  append_chunk (png, "IEND", NULL, 0);

  return g_byte_array_free_to_bytes (png);
}

static void
respond_bytes (SoupServerMessage *msg,
               const char        *content_type,
               GBytes            *bytes)
{
  soup_server_message_set_status (msg, 200, NULL);
  soup_server_message_set_response (msg, content_type, SOUP_MEMORY_COPY,
                                    g_bytes_get_data (bytes, NULL), g_bytes_get_size (bytes));
}

/* A stalled connection says nothing: it only listens for the client to
 * hang up (or to say more, which it does not). */
static void
stalled_read_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  Fixture *fixture = user_data;
  g_autoptr(GError) error = NULL;
  gssize n = g_input_stream_read_finish (G_INPUT_STREAM (object), result, &error);

  fixture->reading--;
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (n <= 0)
    {
      fixture->disconnected++;
      return;
    }

  fixture->reading++;
  g_input_stream_read_async (G_INPUT_STREAM (object), fixture->buffer, sizeof fixture->buffer,
                             G_PRIORITY_DEFAULT, fixture->cancellable, stalled_read_cb, fixture);
}

typedef struct
{
  SoupServerMessage *msg;
  GBytes            *png;
} Late;

static gboolean
answer_late_cb (gpointer data)
{
  Late *late = data;

  respond_bytes (late->msg, "image/png", late->png);
  soup_server_message_unpause (late->msg);
  g_object_unref (late->msg);
  g_bytes_unref (late->png);
  g_free (late);

  return G_SOURCE_REMOVE;
}

static char *
order_json (Fixture *fixture)
{
  /* an item per picture; relative addresses are the store's */
  const char *thumbnails[] = {
    "\"/img/ok.png\"", "\"/img/photo.jpg\"", "null", "\"/img/missing.png\"",
    "\"/img/page.png\"", "\"/img/large.png\"", "\"/img/corrupt.png\"", "\"/img/huge.png\"",
    "\"/img/anim.gif\"", "\"ftp://127.0.0.1/img/ok.png\"", "\"/img/stall.png\"",
  };
  g_autoptr(GString) json = g_string_new ("{\"orders\": [{\"id\": \"order_1\", "
                                          "\"display_id\": 1, \"status\": \"pending\", "
                                          "\"currency_code\": \"usd\", \"items\": [");

  for (guint i = 0; i < G_N_ELEMENTS (thumbnails); i++)
    g_string_append_printf (json, "%s{\"id\": \"item_%u\", \"title\": \"Item %u\", "
                                  "\"thumbnail\": %s, \"quantity\": 1, \"unit_price\": 100, "
                                  "\"total\": 100}",
                            i > 0 ? ", " : "", i, i, thumbnails[i]);
  /* a parcel whose tracking number links to the carrier */
  g_string_append (json, "], \"fulfillments\": [{\"id\": \"ful_1\", \"tracking_links\": "
                         "[{\"tracking_number\": \"TN-1\", "
                         "\"url\": \"https://carrier.example/TN-1\"}]}]}], "
                         "\"count\": 1, \"offset\": 0, \"limit\": 1}");

  return g_string_free (g_steal_pointer (&json), FALSE);
}

static void
handler (SoupServer        *server,
         SoupServerMessage *msg,
         const char        *path,
         GHashTable        *query,
         gpointer           user_data)
{
  Fixture *fixture = user_data;

  g_hash_table_insert (fixture->hits, g_strdup (path),
                       GUINT_TO_POINTER (hits (fixture, path) + 1));

  if (g_str_equal (path, "/store/customers/me/orders"))
    {
      char *json = order_json (fixture);

      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "application/json", SOUP_MEMORY_TAKE,
                                        json, strlen (json));
    }
  else if (g_str_equal (path, "/img/ok.png") || g_str_has_prefix (path, "/img/other-"))
    respond_bytes (msg, "image/png", fixture->png);
  else if (g_str_equal (path, "/img/photo.jpg"))
    respond_bytes (msg, "image/jpeg", fixture->jpeg);
  else if (g_str_equal (path, "/img/page.png"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "<html>Hello</html>", 18);
    }
  else if (g_str_equal (path, "/img/large.png"))
    {
      gsize size = PATRON_IMAGE_CACHE_MAX_DOWNLOAD + 1;
      char *body = g_malloc0 (size);

      memcpy (body, "\x89PNG\r\n\x1a\n", 8);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_TAKE, body, size);
    }
  else if (g_str_equal (path, "/img/corrupt.png"))
    {
      g_autoptr(GByteArray) broken = g_byte_array_new ();
      gsize length;
      const guint8 *data = g_bytes_get_data (fixture->png, &length);

      /* the real header, then noise where the pixels are */
      g_byte_array_append (broken, data, 33);
      for (guint i = 0; i < 2000; i++)
        g_byte_array_append (broken, (const guint8 *) "\x13\x37\xca\xfe", 4);
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/png", SOUP_MEMORY_COPY,
                                        (const char *) broken->data, broken->len);
    }
  else if (g_str_equal (path, "/img/huge.png"))
    respond_bytes (msg, "image/png", fixture->huge_png);
  else if (g_str_equal (path, "/img/anim.gif"))
    {
      soup_server_message_set_status (msg, 200, NULL);
      soup_server_message_set_response (msg, "image/gif", SOUP_MEMORY_STATIC,
                                        "GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14);
    }
  else if (g_str_equal (path, "/img/stall.png"))
    {
      GIOStream *stream = soup_server_message_steal_connection (msg);

      g_ptr_array_add (fixture->stalled, stream);
      fixture->reading++;
      g_input_stream_read_async (g_io_stream_get_input_stream (stream), fixture->buffer,
                                 sizeof fixture->buffer, G_PRIORITY_DEFAULT,
                                 fixture->cancellable, stalled_read_cb, fixture);
    }
  else if (g_str_equal (path, "/img/late.png"))
    {
      Late *late = g_new0 (Late, 1);

      late->msg = g_object_ref (msg);
      late->png = g_bytes_ref (fixture->png);
      soup_server_message_pause (msg);
      g_timeout_add (300, answer_late_cb, late);
    }
  else
    {
      soup_server_message_set_status (msg, 404, NULL);
      soup_server_message_set_response (msg, "text/html", SOUP_MEMORY_STATIC,
                                        "Cannot GET", 10);
    }
}

static void
fixture_setup (Fixture       *fixture,
               gconstpointer  data)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(GUri) uri = NULL;

  fixture->hits = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  fixture->stalled = g_ptr_array_new_with_free_func (g_object_unref);
  fixture->cancellable = g_cancellable_new ();
  fixture->png = encode (200, 100, "png");
  fixture->jpeg = encode (300, 200, "jpeg");
  fixture->huge_png = huge_png ();
  fixture->directory = g_dir_make_tmp ("patron-thumbnails-XXXXXX", &error);
  g_assert_no_error (error);

  fixture->server = test_server_new (handler, fixture, &uri);
  fixture->url = g_strdup_printf ("http://127.0.0.1:%d", g_uri_get_port (uri));
}

static guint
n_files (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  guint n = 0;

  while (dir != NULL && g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static void
remove_directory (const char *directory)
{
  g_autoptr(GDir) dir = g_dir_open (directory, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *path = g_build_filename (directory, name, NULL);

      g_assert_cmpint (g_unlink (path), ==, 0);
    }
  g_assert_cmpint (g_rmdir (directory), ==, 0);
}

static void
fixture_teardown (Fixture       *fixture,
                  gconstpointer  data)
{
  remove_directory (fixture->directory);

  g_cancellable_cancel (fixture->cancellable);
  while (fixture->reading > 0)
    g_main_context_iteration (NULL, TRUE);
  for (guint i = 0; i < fixture->stalled->len; i++)
    g_io_stream_close (g_ptr_array_index (fixture->stalled, i), NULL, NULL);
  g_clear_object (&fixture->cancellable);
  soup_server_disconnect (fixture->server);
  g_clear_object (&fixture->server);
  g_clear_pointer (&fixture->stalled, g_ptr_array_unref);
  g_clear_pointer (&fixture->hits, g_hash_table_unref);
  g_clear_pointer (&fixture->png, g_bytes_unref);
  g_clear_pointer (&fixture->jpeg, g_bytes_unref);
  g_clear_pointer (&fixture->huge_png, g_bytes_unref);
  g_clear_pointer (&fixture->url, g_free);
  g_clear_pointer (&fixture->directory, g_free);
}

static gboolean
nothing_loading (gpointer data)
{
  return patron_image_cache_get_n_loading (data) == 0;
}

/* Load @url at @size and return the texture, or NULL with *@error set. */
static GdkTexture *
load (PatronImageCache  *cache,
      MedusaClient      *client,
      const char        *url,
      int                size,
      GError           **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  patron_image_cache_load_async (cache, client, url, size, NULL, test_store_result_cb, &result);
  return patron_image_cache_load_finish (cache, test_wait_for (&result), error);
}

/* ------------------------------------------------------------------------ */

static void
test_decode (void)
{
  g_autoptr(GBytes) png = encode (200, 100, "png");
  g_autoptr(GBytes) jpeg = encode (300, 200, "jpeg");
  g_autoptr(GBytes) huge = huge_png ();
  g_autoptr(GBytes) gif = g_bytes_new_static ("GIF89a\x01\x00\x01\x00\x00\x00\x00;", 14);
  g_autoptr(GBytes) truncated = g_bytes_new_from_bytes (png, 0, 20);
  g_autoptr(GBytes) empty = g_bytes_new_static ("", 0);
  g_autoptr(GdkPixbuf) pixbuf = NULL;
  g_autoptr(GError) error = NULL;

  /* fits the box, keeps its shape, never grows */
  pixbuf = patron_image_decode (png, 48, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 48);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 24);
  g_clear_object (&pixbuf);
  pixbuf = patron_image_decode (png, 1000, &error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 200);
  g_clear_object (&pixbuf);
  pixbuf = patron_image_decode (jpeg, 96, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (pixbuf), ==, 96);
  g_assert_cmpint (gdk_pixbuf_get_height (pixbuf), ==, 64);
  g_clear_object (&pixbuf);

  /* not decoded at all */
  g_assert_null (patron_image_decode (huge, 48, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_assert_nonnull (strstr (error->message, "too large"));
  g_clear_error (&error);

  g_assert_null (patron_image_decode (truncated, 48, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_DATA);
  g_clear_error (&error);

  g_assert_null (patron_image_decode (gif, 48, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
  g_clear_error (&error);
  g_assert_null (patron_image_decode (empty, 48, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED);
}

static void
test_faults_end_without_picture (Fixture       *fixture,
                                 gconstpointer  data)
{
  g_autoptr(MedusaClient) client = medusa_client_new (fixture->url);
  g_autoptr(PatronImageCache) cache = patron_image_cache_new (fixture->directory);
  struct { const char *url; GQuark domain; int code; } cases[] = {
    { "/img/missing.png", MEDUSA_ERROR, MEDUSA_ERROR_NOT_FOUND },
    { "/img/page.png", MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE },
    { "/img/large.png", MEDUSA_ERROR, MEDUSA_ERROR_RESPONSE_TOO_LARGE },
    { "/img/corrupt.png", G_IO_ERROR, G_IO_ERROR_INVALID_DATA },
    { "/img/huge.png", G_IO_ERROR, G_IO_ERROR_INVALID_DATA },
    { "/img/anim.gif", G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED },
    { "ftp://127.0.0.1/img/ok.png", MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA },
    { "", MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA },
  };

  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autoptr(GdkTexture) texture = load (cache, client, cases[i].url, 48, &error);

      g_test_message ("%s: %s", cases[i].url, error != NULL ? error->message : "a picture?");
      g_assert_null (texture);
      g_assert_error (error, cases[i].domain, cases[i].code);
    }

  /* nothing broken was kept, on disk or in memory */
  g_assert_cmpuint (patron_image_cache_get_n_textures (cache), ==, 0);
  g_assert_cmpuint (n_files (fixture->directory), ==, 0);

  /* and is not asked for again a moment later */
  {
    g_autoptr(GError) error = NULL;
    g_autoptr(GdkTexture) texture = load (cache, client, "/img/missing.png", 48, &error);

    g_assert_null (texture);
    g_assert_nonnull (error);
    g_assert_cmpuint (hits (fixture, "/img/missing.png"), ==, 1);
  }
  g_assert_cmpuint (patron_image_cache_get_n_loading (cache), ==, 0);
}

static void
test_picture_sizes_and_disk (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autoptr(MedusaClient) client = medusa_client_new (fixture->url);
  g_autoptr(PatronImageCache) cache = patron_image_cache_new (fixture->directory);
  g_autoptr(PatronImageCache) cold = NULL;
  g_autoptr(GdkTexture) small = NULL;
  g_autoptr(GdkTexture) large = NULL;
  g_autoptr(GdkTexture) again = NULL;
  g_autoptr(GdkTexture) from_disk = NULL;
  g_autoptr(GdkTexture) refetched = NULL;
  g_autoptr(GdkPixbuf) kept = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *absolute = g_strconcat (fixture->url, "/img/ok.png", NULL);
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, absolute, -1);
  g_autofree char *name = g_strconcat (digest, ".png", NULL);
  g_autofree char *path = g_build_filename (fixture->directory, name, NULL);

  small = load (cache, client, "/img/ok.png", 48, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (small), ==, 48);
  g_assert_cmpint (gdk_texture_get_height (small), ==, 24);

  /* on disk at the disk size, which fits 64 px at scale 2 */
  kept = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_pixbuf_get_width (kept), ==, PATRON_IMAGE_CACHE_DISK_SIZE);

  /* another size is another texture; the same one comes from memory */
  large = load (cache, client, "/img/ok.png", 96, &error);
  g_assert_cmpint (gdk_texture_get_width (large), ==, 96);
  again = load (cache, client, absolute, 48, &error);
  g_assert_true (again == small);
  g_assert_cmpuint (hits (fixture, "/img/ok.png"), ==, 1);

  /* a new cache finds it on disk */
  cold = patron_image_cache_new (fixture->directory);
  from_disk = load (cold, client, "/img/ok.png", 48, &error);
  g_assert_no_error (error);
  g_assert_cmpint (gdk_texture_get_width (from_disk), ==, 48);
  g_assert_cmpuint (hits (fixture, "/img/ok.png"), ==, 1);
  g_clear_object (&cold);

  /* a file spoilt on disk is dropped and the picture fetched again */
  g_assert_true (g_file_set_contents (path, "\x89PNG\r\n\x1a\nnot really", -1, NULL));
  cold = patron_image_cache_new (fixture->directory);
  refetched = load (cold, client, "/img/ok.png", 48, &error);
  g_assert_no_error (error);
  g_assert_nonnull (refetched);
  g_assert_cmpuint (hits (fixture, "/img/ok.png"), ==, 2);
  g_clear_object (&kept);
  kept = gdk_pixbuf_new_from_file (path, &error);
  g_assert_no_error (error);

  /* a cache without a directory keeps nothing on disk */
  g_clear_object (&cold);
  cold = patron_image_cache_new (NULL);
  g_clear_object (&refetched);
  refetched = load (cold, client, "/img/ok.png", 48, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits (fixture, "/img/ok.png"), ==, 3);

  test_spin_until (nothing_loading, cache);
}

static void
test_memory_bounded (Fixture       *fixture,
                     gconstpointer  data)
{
  g_autoptr(MedusaClient) client = medusa_client_new (fixture->url);
  g_autoptr(PatronImageCache) cache = patron_image_cache_new (NULL);
  g_autoptr(GError) error = NULL;
  const char *urls[] = { "/img/other-1.png", "/img/other-2.png", "/img/other-3.png" };
  g_autoptr(GdkTexture) first = NULL;
  g_autoptr(GdkTexture) last = NULL;

  /* room for two textures of 48 × 24 */
  patron_image_cache_set_max_memory (cache, 2 * 48 * 24 * 4);
  for (guint i = 0; i < G_N_ELEMENTS (urls); i++)
    {
      g_autoptr(GdkTexture) texture = load (cache, client, urls[i], 48, &error);

      g_assert_no_error (error);
    }
  g_assert_cmpuint (patron_image_cache_get_n_textures (cache), ==, 2);

  /* the least recently used went */
  g_assert_null (patron_image_cache_lookup (cache, client, urls[0], 48));
  last = patron_image_cache_lookup (cache, client, urls[2], 48);
  g_assert_nonnull (last);
  first = load (cache, client, urls[0], 48, &error);
  g_assert_cmpuint (hits (fixture, urls[0]), ==, 2);
  g_assert_cmpuint (hits (fixture, urls[2]), ==, 1);
}

static gboolean
late_asked (gpointer data)
{
  return hits (data, "/img/late.png") == 1;
}

static void
test_one_download_many_waiters (Fixture       *fixture,
                                gconstpointer  data)
{
  g_autoptr(MedusaClient) client = medusa_client_new (fixture->url);
  g_autoptr(PatronImageCache) cache = patron_image_cache_new (NULL);
  g_autoptr(GCancellable) first_cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) second_cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GAsyncResult) third = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) shared = NULL;
  g_autoptr(GError) error = NULL;

  /* three requests, one answer (it comes 300 ms late); the first gives up */
  patron_image_cache_load_async (cache, client, "/img/late.png", 48, first_cancellable,
                                 test_store_result_cb, &first);
  patron_image_cache_load_async (cache, client, "/img/late.png", 48, second_cancellable,
                                 test_store_result_cb, &second);
  patron_image_cache_load_async (cache, client, "/img/late.png", 48, NULL,
                                 test_store_result_cb, &third);
  test_spin_until (late_asked, fixture);
  g_cancellable_cancel (first_cancellable);
  test_wait_for (&first);
  g_assert_null (patron_image_cache_load_finish (cache, first, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  /* … at once, while the others still wait */
  g_assert_null (second);
  g_assert_null (third);

  texture = patron_image_cache_load_finish (cache, test_wait_for (&second), &error);
  g_assert_no_error (error);
  shared = patron_image_cache_load_finish (cache, test_wait_for (&third), &error);
  g_assert_no_error (error);
  g_assert_true (texture == shared);
  g_assert_cmpuint (hits (fixture, "/img/late.png"), ==, 1);
  g_assert_cmpuint (patron_image_cache_get_n_loading (cache), ==, 0);
}

static gboolean
stall_disconnected (gpointer data)
{
  Fixture *fixture = data;

  return fixture->disconnected == 1;
}

static gboolean
stalled_once (gpointer data)
{
  Fixture *fixture = data;

  return fixture->stalled->len == 1;
}

static gboolean
stalled_twice (gpointer data)
{
  Fixture *fixture = data;

  return fixture->stalled->len == 2;
}

/* The end of a visit: the pictures in memory go, and so does what is known
 * of a missing one; a download on its way is stopped. */
static void
test_forget_all (Fixture       *fixture,
                 gconstpointer  data)
{
  g_autoptr(MedusaClient) client = medusa_client_new (fixture->url);
  g_autoptr(PatronImageCache) cache = patron_image_cache_new (NULL);
  g_autoptr(GAsyncResult) late = NULL;
  g_autoptr(GdkTexture) texture = NULL;
  g_autoptr(GdkTexture) missing = NULL;
  g_autoptr(GError) error = NULL;

  texture = load (cache, client, "/img/ok.png", 48, &error);
  g_assert_no_error (error);
  missing = load (cache, client, "/img/missing.png", 48, &error);
  g_assert_nonnull (error);
  g_clear_error (&error);
  g_assert_cmpuint (patron_image_cache_get_n_textures (cache), ==, 1);
  patron_image_cache_load_async (cache, client, "/img/stall.png", 48, NULL,
                                 test_store_result_cb, &late);
  test_spin_until (stalled_once, fixture);

  patron_image_cache_forget_all (cache);
  g_assert_cmpuint (patron_image_cache_get_n_textures (cache), ==, 0);
  g_assert_null (patron_image_cache_lookup (cache, client, "/img/ok.png", 48));
  g_assert_null (patron_image_cache_load_finish (cache, test_wait_for (&late), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  test_spin_until (nothing_loading, cache);
  test_spin_until (stall_disconnected, fixture);
  g_assert_cmpuint (patron_image_cache_get_n_textures (cache), ==, 0);

  /* asked again, each is asked of the server again */
  g_clear_object (&texture);
  texture = load (cache, client, "/img/ok.png", 48, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (hits (fixture, "/img/ok.png"), ==, 2);
  g_clear_object (&missing);
  missing = load (cache, client, "/img/missing.png", 48, &error);
  g_assert_nonnull (error);
  g_assert_cmpuint (hits (fixture, "/img/missing.png"), ==, 2);
}

static void
test_all_cancelled_stops_download (Fixture       *fixture,
                                   gconstpointer  data)
{
  g_autoptr(MedusaClient) client = medusa_client_new (fixture->url);
  g_autoptr(PatronImageCache) cache = patron_image_cache_new (NULL);
  g_autoptr(GCancellable) first_cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) second_cancellable = g_cancellable_new ();
  g_autoptr(GCancellable) later_cancellable = g_cancellable_new ();
  g_autoptr(GAsyncResult) first = NULL;
  g_autoptr(GAsyncResult) second = NULL;
  g_autoptr(GAsyncResult) after = NULL;
  g_autoptr(GError) error = NULL;

  patron_image_cache_load_async (cache, client, "/img/stall.png", 48, first_cancellable,
                                 test_store_result_cb, &first);
  patron_image_cache_load_async (cache, client, "/img/stall.png", 48, second_cancellable,
                                 test_store_result_cb, &second);
  test_spin_until (stalled_once, fixture);

  g_cancellable_cancel (first_cancellable);
  test_wait_for (&first);
  test_spin_for (100);
  /* one still waits: the download goes on */
  g_assert_cmpuint (fixture->disconnected, ==, 0);
  g_assert_cmpuint (patron_image_cache_get_n_loading (cache), ==, 1);

  g_cancellable_cancel (second_cancellable);
  g_assert_null (patron_image_cache_load_finish (cache, test_wait_for (&second), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_clear_error (&error);
  test_spin_until (nothing_loading, cache);
  test_spin_until (stall_disconnected, fixture);

  /* a cancelled download is no failure to remember: the next request asks again */
  patron_image_cache_load_async (cache, client, "/img/stall.png", 48, later_cancellable,
                                 test_store_result_cb, &after);
  test_spin_until (stalled_twice, fixture);
  g_cancellable_cancel (later_cancellable);
  g_assert_null (patron_image_cache_load_finish (cache, test_wait_for (&after), &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (hits (fixture, "/img/stall.png"), ==, 2);
  test_spin_until (nothing_loading, cache);
}

static void
set_age (const char *path,
         gint64      seconds)
{
  struct utimbuf times;

  times.actime = times.modtime = g_get_real_time () / G_USEC_PER_SEC - seconds;
  g_assert_cmpint (g_utime (path, &times), ==, 0);
}

static char *
cache_file (const char *directory,
            const char *url,
            const char *suffix,
            gsize       size,
            gint64      age)
{
  g_autofree char *digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  g_autofree char *name = g_strconcat (digest, suffix, NULL);
  char *path = g_build_filename (directory, name, NULL);
  g_autofree char *contents = g_malloc0 (size);

  g_assert_true (g_file_set_contents (path, contents, size, NULL));
  set_age (path, age);

  return path;
}

static void
test_prune (Fixture       *fixture,
            gconstpointer  data)
{
  g_autoptr(PatronImageCache) cache = patron_image_cache_new (fixture->directory);
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *newest = cache_file (fixture->directory, "a", ".png", 4000, 10);
  g_autofree char *newer = cache_file (fixture->directory, "b", ".png", 4000, 100);
  g_autofree char *older = cache_file (fixture->directory, "c", ".png", 4000, 1000);
  g_autofree char *ancient = cache_file (fixture->directory, "d", ".png", 10, 40 * 24 * 3600);
  g_autofree char *left_over = cache_file (fixture->directory, "e", ".png.AB12CD", 10, 7200);
  g_autofree char *writing = cache_file (fixture->directory, "f", ".png.EF34GH", 10, 5);
  g_autofree char *foreign = g_build_filename (fixture->directory, "notes.txt", NULL);

  g_assert_true (g_file_set_contents (foreign, "mine", -1, NULL));
  set_age (foreign, 40 * 24 * 3600);
  patron_image_cache_set_max_disk_size (cache, 9000);
  patron_image_cache_prune_async (cache, NULL, test_store_result_cb, &result);
  g_assert_cmpuint (patron_image_cache_prune_finish (cache, test_wait_for (&result), &error),
                    ==, 3);
  g_assert_no_error (error);

  g_assert_true (g_file_test (newest, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (newer, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (older, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (ancient, G_FILE_TEST_EXISTS));
  g_assert_false (g_file_test (left_over, G_FILE_TEST_EXISTS));
  /* a file being written now, and what is not the cache's, stay */
  g_assert_true (g_file_test (writing, G_FILE_TEST_EXISTS));
  g_assert_true (g_file_test (foreign, G_FILE_TEST_EXISTS));
}

/* ------------------------------------------------------------------------ */
/* The order window                                                          */

static void
collect_thumbnails (GtkWidget *widget,
                    GPtrArray *found)
{
  if (GTK_IS_IMAGE (widget) && gtk_widget_has_css_class (widget, "order-thumbnail"))
    g_ptr_array_add (found, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    collect_thumbnails (child, found);
}

static gboolean
shows_picture (GtkImage *image)
{
  return gtk_image_get_storage_type (image) == GTK_IMAGE_PAINTABLE &&
         GDK_IS_TEXTURE (gtk_image_get_paintable (image));
}

static gboolean
shows_placeholder (GtkImage *image)
{
  return gtk_image_get_storage_type (image) == GTK_IMAGE_ICON_NAME &&
         g_strcmp0 (gtk_image_get_icon_name (image), "package-x-generic-symbolic") == 0;
}

typedef struct
{
  PatronOrderWindow *window;
  PatronImageCache  *cache;
} Showing;

/* the items of the fake store's order_1 */
#define ORDER_ITEMS 11

/* a row for every item (they come a few a frame), and everything answered
 * but the stalled picture */
static gboolean
settled (gpointer data)
{
  Showing *showing = data;
  g_autoptr(GPtrArray) thumbnails = g_ptr_array_new ();
  guint pictures = 0;

  collect_thumbnails (GTK_WIDGET (showing->window), thumbnails);
  for (guint i = 0; i < thumbnails->len; i++)
    pictures += shows_picture (g_ptr_array_index (thumbnails, i));

  return thumbnails->len == ORDER_ITEMS && pictures == 2 &&
         patron_image_cache_get_n_loading (showing->cache) == 1;
}

static GtkWidget *
find_tooltip (GtkWidget  *root,
              const char *tooltip)
{
  if (g_strcmp0 (gtk_widget_get_tooltip_text (root), tooltip) == 0)
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_tooltip (child, tooltip);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
test_window_placeholders (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autoptr(MedusaClient) client = medusa_client_new (fixture->url);
  g_autoptr(PatronImageCache) cache = patron_image_cache_new (fixture->directory);
  g_autoptr(GPtrArray) thumbnails = g_ptr_array_new ();
  g_autoptr(PatronOrderWindow) window = NULL;
  g_autoptr(PatronOrderWindow) other = NULL;
  Showing showing;

  window = g_object_ref_sink (patron_order_window_new (NULL, client, "order_1"));
  patron_order_window_set_image_cache (window, cache);
  gtk_window_present (GTK_WINDOW (window));
  showing.window = window;
  showing.cache = cache;
  test_spin_until (settled, &showing);

  /* a second window for the same order waits for the same stalled picture */
  other = g_object_ref_sink (patron_order_window_new (NULL, client, "order_1"));
  patron_order_window_set_image_cache (other, cache);
  gtk_window_present (GTK_WINDOW (other));
  showing.window = other;
  test_spin_until (settled, &showing);

  collect_thumbnails (GTK_WIDGET (window), thumbnails);
  g_assert_cmpuint (thumbnails->len, ==, ORDER_ITEMS);
  /* ok.png and photo.jpg are pictures, 48 px wide at most */
  for (guint i = 0; i < 2; i++)
    {
      GtkImage *image = g_ptr_array_index (thumbnails, i);
      GdkTexture *texture = GDK_TEXTURE (gtk_image_get_paintable (image));

      g_assert_true (shows_picture (image));
      g_assert_cmpint (gdk_texture_get_width (texture), ==,
                       48 * gtk_widget_get_scale_factor (GTK_WIDGET (window)));
    }
  /* every other item shows the placeholder, hidden from screen readers like the pictures */
  for (guint i = 0; i < thumbnails->len; i++)
    {
      GtkImage *image = g_ptr_array_index (thumbnails, i);

      if (i >= 2)
        g_assert_true (shows_placeholder (image));
      gtk_test_accessible_assert_state (GTK_ACCESSIBLE (image),
                                        GTK_ACCESSIBLE_STATE_HIDDEN, TRUE);
    }
  /* the parcel's link to the carrier has a name a screen reader reads */
  {
    GtkWidget *link = find_tooltip (GTK_WIDGET (window), "Track in the Browser");
    g_autofree char *wrong = NULL;

    g_assert_nonnull (link);
    wrong = gtk_test_accessible_check_property (GTK_ACCESSIBLE (link),
                                                GTK_ACCESSIBLE_PROPERTY_LABEL,
                                                "Track in the Browser");
    g_assert_null (wrong);
  }
  /* each picture was asked for once, for both windows */
  g_assert_cmpuint (hits (fixture, "/img/ok.png"), ==, 1);
  g_assert_cmpuint (hits (fixture, "/img/stall.png"), ==, 1);

  /* closing one window leaves the other's download going; closing both stops it */
  gtk_window_close (GTK_WINDOW (window));
  test_spin_for (100);
  g_assert_cmpuint (fixture->disconnected, ==, 0);
  g_assert_cmpuint (patron_image_cache_get_n_loading (cache), ==, 1);
  gtk_window_close (GTK_WINDOW (other));
  test_spin_until (nothing_loading, cache);
  test_spin_until (stall_disconnected, fixture);
}

/* ------------------------------------------------------------------------ */
/* The real test store, whose seeded product's thumbnail it serves itself    */

/* How many of the window's item pictures show a texture */
static guint
n_pictures (PatronOrderWindow *window,
            guint             *n_thumbnails)
{
  g_autoptr(GPtrArray) thumbnails = g_ptr_array_new ();
  guint n = 0;

  collect_thumbnails (GTK_WIDGET (window), thumbnails);
  for (guint i = 0; i < thumbnails->len; i++)
    n += shows_picture (g_ptr_array_index (thumbnails, i));
  *n_thumbnails = thumbnails->len;

  return n;
}

static gboolean
all_pictures_shown (gpointer data)
{
  PatronOrderWindow *window = data;
  MedusaOrder *order = patron_order_window_get_order (window);
  guint n_thumbnails;

  return order != NULL &&
         n_pictures (window, &n_thumbnails) == g_list_model_get_n_items (
           medusa_order_get_items (order));
}

static PatronOrderWindow *
open_order_window (MedusaClient     *client,
                   const char       *order_id,
                   PatronImageCache *cache)
{
  PatronOrderWindow *window = patron_order_window_new (NULL, client, order_id);

  patron_order_window_set_image_cache (window, cache);
  gtk_window_present (GTK_WINDOW (window));
  test_spin_until (all_pictures_shown, window);

  return window;
}

/* A window shows the picture for each item; another window shows it from
 * memory, a new cache from disk, neither asking the store for it. */
static void
test_real_store (void)
{
  g_autoptr(MedusaClient) client = medusa_client_new (store_url);
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(MedusaOrder) order = NULL;
  g_autoptr(MedusaLineItem) item = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(PatronImageCache) cache = NULL;
  g_autoptr(PatronImageCache) cold_cache = NULL;
  g_autoptr(GPtrArray) thumbnails = g_ptr_array_new ();
  g_autofree char *directory = g_dir_make_tmp ("patron-thumbnails-XXXXXX", NULL);
  g_autofree char *url = NULL;
  g_autofree char *digest = NULL;
  g_autofree char *file_name = NULL;
  g_autofree char *file_path = NULL;
  PatronOrderWindow *window;
  GdkTexture *texture;
  guint requests;
  guint n_thumbnails;
  int scale;

  g_assert_nonnull (directory);
  medusa_client_sign_in_async (client, "buyer@example.com", "buyer-pass-123",
                               MEDUSA_AUTH_MODE_TOKEN, NULL, test_store_result_cb, &result);
  customer = medusa_client_sign_in_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_clear_object (&result);

  medusa_order_query_set_limit (query, 1);
  medusa_client_list_orders_async (client, query, NULL, test_store_result_cb, &result);
  page = medusa_client_list_orders_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);
  order = g_list_model_get_item (medusa_order_page_get_orders (page), 0);
  g_assert_nonnull (order);
  item = g_list_model_get_item (medusa_order_get_items (order), 0);
  g_assert_nonnull (item);
  /* the store's own picture, at its own address */
  url = g_strconcat (store_url, "/uploads/test-t-shirt-m.png", NULL);
  g_assert_cmpstr (medusa_line_item_get_thumbnail (item), ==, url);

  /* first: the order and the picture from the store, the picture then kept
   * on disk under the SHA-256 of its address */
  cache = patron_image_cache_new (directory);
  requests = medusa_client_get_request_count (client);
  window = open_order_window (client, medusa_order_get_id (order), cache);
  g_assert_cmpuint (medusa_client_get_request_count (client), ==, requests + 2);
  collect_thumbnails (GTK_WIDGET (window), thumbnails);
  g_assert_cmpuint (thumbnails->len, ==,
                    g_list_model_get_n_items (medusa_order_get_items (order)));
  texture = GDK_TEXTURE (gtk_image_get_paintable (g_ptr_array_index (thumbnails, 0)));
  scale = gtk_widget_get_scale_factor (GTK_WIDGET (window));
  /* the 256 × 256 picture, scaled down to 48 pixels at the window's scale */
  g_assert_cmpint (gdk_texture_get_width (texture), ==, 48 * scale);
  g_assert_cmpint (gdk_texture_get_height (texture), ==, 48 * scale);
  gtk_window_destroy (GTK_WINDOW (window));

  digest = g_compute_checksum_for_string (G_CHECKSUM_SHA256, url, -1);
  file_name = g_strconcat (digest, ".png", NULL);
  file_path = g_build_filename (directory, file_name, NULL);
  g_assert_true (g_file_test (file_path, G_FILE_TEST_IS_REGULAR));
  g_assert_cmpuint (n_files (directory), ==, 1);

  /* again: from memory, shown with the order; the store is asked for the order only */
  requests = medusa_client_get_request_count (client);
  window = open_order_window (client, medusa_order_get_id (order), cache);
  g_assert_cmpuint (medusa_client_get_request_count (client), ==, requests + 1);
  gtk_window_destroy (GTK_WINDOW (window));

  /* a new cache (the next run of Patron): from disk */
  cold_cache = patron_image_cache_new (directory);
  g_assert_cmpuint (patron_image_cache_get_n_textures (cold_cache), ==, 0);
  requests = medusa_client_get_request_count (client);
  window = open_order_window (client, medusa_order_get_id (order), cold_cache);
  g_assert_cmpuint (medusa_client_get_request_count (client), ==, requests + 1);
  g_assert_cmpuint (patron_image_cache_get_n_textures (cold_cache), ==, 1);
  g_assert_cmpuint (n_pictures (window, &n_thumbnails), ==, n_thumbnails);
  gtk_window_destroy (GTK_WINDOW (window));

  remove_directory (directory);
}

/* The application's style sheet is valid CSS. */
static void
css_error_cb (GtkCssProvider *provider,
              GtkCssSection  *section,
              const GError   *error,
              gpointer        user_data)
{
  g_error ("style.css: %s", error->message);
}

static void
test_style_sheet (void)
{
  g_autoptr(GtkCssProvider) provider = gtk_css_provider_new ();

  g_signal_connect (provider, "parsing-error", G_CALLBACK (css_error_cb), NULL);
  gtk_css_provider_load_from_resource (provider, "/io/github/patronapp/Patron/style.css");
}

int
main (int   argc,
      char *argv[])
{
  gtk_test_init (&argc, &argv, NULL);
  park_pointer ();
  adw_init ();

#define ADD(path, func) \
  g_test_add ("/thumbnails/" path, Fixture, NULL, fixture_setup, func, fixture_teardown)

  g_test_add_func ("/thumbnails/decode", test_decode);
  ADD ("faults", test_faults_end_without_picture);
  ADD ("sizes-and-disk", test_picture_sizes_and_disk);
  ADD ("memory-bounded", test_memory_bounded);
  ADD ("one-download", test_one_download_many_waiters);
  ADD ("forget-all", test_forget_all);
  ADD ("all-cancelled", test_all_cancelled_stops_download);
  ADD ("prune", test_prune);
  ADD ("window", test_window_placeholders);
  g_test_add_func ("/thumbnails/style-sheet", test_style_sheet);
#undef ADD

  if ((store_url = test_store_url ()) != NULL)
    g_test_add_func ("/thumbnails/real-store", test_real_store);

  return g_test_run ();
}
