/* test-util.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Waiting for an asynchronous call in a test: pass test_store_result_cb
 * with the address of a NULL GAsyncResult pointer, then test_wait_for() it;
 * test_store_url() says which test store to use, if any; test_spin_until()
 * and test_spin_for() run the main loop until something happened or for a
 * while.
 */

#include "config.h"

#include "test-util.h"

#include <execinfo.h>
#include <glib/gstdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <unistd.h>

void
test_store_result_cb (GObject      *object,
                      GAsyncResult *result,
                      gpointer      user_data)
{
  GAsyncResult **out = user_data;

  *out = g_object_ref (result);
}

/**
 * test_deadline:
 * @seconds: how long a wait may take on an ordinary run
 *
 * PATRON_TEST_SLOWDOWN (a whole number, as build-aux/run-valgrind.sh sets
 * it) stretches every wait for a run under a tool that slows the program
 * down; it never shortens one.
 *
 * Returns: the monotonic time at which a wait for something has failed
 */
gint64
test_deadline (guint seconds)
{
  const char *slowdown = g_getenv ("PATRON_TEST_SLOWDOWN");
  guint64 factor = 1;

  if (slowdown != NULL &&
      !g_ascii_string_to_unsigned (slowdown, 10, 1, 1000, &factor, NULL))
    g_error ("PATRON_TEST_SLOWDOWN=%s is not a whole number from 1 to 1000", slowdown);

  return g_get_monotonic_time () + (gint64) (seconds * factor) * G_USEC_PER_SEC;
}

/**
 * test_cpu_time:
 *
 * What a bound on work measures: unlike the time on the clock, a machine
 * busy with other builds does not stretch it.
 *
 * Returns: the processor time this process has taken, in µs
 */
gint64
test_cpu_time (void)
{
  struct rusage usage;

  g_assert_cmpint (getrusage (RUSAGE_SELF, &usage), ==, 0);
  return (gint64) (usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) * G_USEC_PER_SEC +
         usage.ru_utime.tv_usec + usage.ru_stime.tv_usec;
}

static void
deadline_passed_cb (gpointer user_data)
{
  gboolean *passed = user_data;

  *passed = TRUE;
}

/* Runs the main loop until @result is set. A call that never answers fails
 * the test after @seconds, saying what it waited for, rather than hanging
 * until meson's timeout kills it without a word. */
GAsyncResult *
test_wait_for_full (GAsyncResult **result,
                    guint          seconds,
                    const char    *what)
{
  gboolean passed = FALSE;
  guint deadline = g_timeout_add_once ((test_deadline (seconds) - g_get_monotonic_time ()) / 1000,
                                       deadline_passed_cb, &passed);

  while (*result == NULL && !passed)
    g_main_context_iteration (NULL, TRUE);

  if (*result == NULL)
    g_error ("no answer after %u s: %s", seconds, what);

  g_source_remove (deadline);

  return *result;
}

/* Runs the main loop until @done (@data) holds; fails the test after 20 s. */
void
test_spin_until (gboolean (*done) (gpointer),
                 gpointer data)
{
  gint64 deadline = test_deadline (20);

  while (!done (data))
    {
      if (g_get_monotonic_time () >= deadline)
        g_error ("the condition did not hold within 20 s");
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static void
timeout_done_cb (gpointer user_data)
{
  gboolean *done = user_data;

  *done = TRUE;
}

/* Runs the main loop for @ms milliseconds, e.g. for cancelled answers to
 * come back. */
void
test_spin_for (guint ms)
{
  gboolean done = FALSE;

  g_timeout_add_once (ms, timeout_done_cb, &done);
  while (!done)
    g_main_context_iteration (NULL, TRUE);
}

/* One message a test may see without failing; every other warning and
 * critical stays fatal. */
static struct
{
  const char *domain;
  const char *prefix;
} known_warning;

static gboolean
is_known_warning (const char     *domain,
                  GLogLevelFlags  level,
                  const char     *message)
{
  return known_warning.prefix != NULL &&
         (level & G_LOG_LEVEL_WARNING) != 0 &&
         g_strcmp0 (domain, known_warning.domain) == 0 &&
         message != NULL &&
         g_str_has_prefix (message, known_warning.prefix);
}

static GLogWriterOutput
filtering_writer (GLogLevelFlags   level,
                  const GLogField *fields,
                  gsize            n_fields,
                  gpointer         user_data)
{
  const char *domain = NULL;
  const char *message = NULL;

  for (gsize i = 0; i < n_fields; i++)
    {
      if (fields[i].length != -1)
        continue;
      if (g_strcmp0 (fields[i].key, "GLIB_DOMAIN") == 0)
        domain = fields[i].value;
      else if (g_strcmp0 (fields[i].key, "MESSAGE") == 0)
        message = fields[i].value;
    }

  if (is_known_warning (domain, level, message))
    return G_LOG_WRITER_HANDLED;

  return g_log_writer_default (level, fields, n_fields, user_data);
}

/* A message about to end the test: where it came from, as far as the
 * libraries' dynamic symbols say (GTK's static functions as offsets). A
 * rare GTK 4.8 critical (gdk_surface_get_device_position(), see
 * park_pointer()) has come from a timeout or a crossing; this says which. */
static gboolean
fatal_unless_known_cb (const char     *domain,
                       GLogLevelFlags  level,
                       const char     *message,
                       gpointer        user_data)
{
  void *frames[48];
  int n_frames;

  if (is_known_warning (domain, level, message))
    return FALSE;

  n_frames = backtrace (frames, G_N_ELEMENTS (frames));
  g_printerr ("the stack of the message that ends the test:\n");
  backtrace_symbols_fd (frames, n_frames, STDERR_FILENO);
  return TRUE;
}

/**
 * test_filter_warning:
 * @domain: the log domain of the message
 * @prefix: how the message begins
 *
 * Lets exactly one known warning through without failing the test, as
 * structured and as old-style messages; every other warning and critical
 * stays fatal. Call once, before anything logs.
 */
void
test_filter_warning (const char *domain,
                     const char *prefix)
{
  g_assert_null (known_warning.prefix);

  known_warning.domain = domain;
  known_warning.prefix = prefix;
  g_log_set_writer_func (filtering_writer, NULL, NULL);
  g_test_log_set_fatal_handler (fatal_unless_known_cb, NULL);
}

/**
 * test_store_url:
 *
 * Exits the test program when a store is required (PATRON_REQUIRE_STORE=1,
 * as build-aux/run-tests.sh sets it) but MEDUSA_URL does not name one.
 *
 * Returns: (nullable): the test store's address, or %NULL: run only the
 *   tests that need none
 */
const char *
test_store_url (void)
{
  const char *url = g_getenv ("MEDUSA_URL");

  if (url != NULL && url[0] != '\0')
    return url;

  if (g_strcmp0 (g_getenv ("PATRON_REQUIRE_STORE"), "1") == 0)
    {
      g_printerr ("MEDUSA_URL is not set: run build-aux/run-tests.sh\n");
      exit (1);
    }

  return NULL;
}

/**
 * test_v2_store_url:
 * @key: (out): the store's publishable key
 *
 * The Medusa v2 test store, which build-aux/run-tests.sh starts beside the
 * v1 one; without it the test is skipped.
 *
 * Returns: (nullable): its address, or %NULL when there is none
 */
const char *
test_v2_store_url (const char **key)
{
  const char *url = g_getenv ("MEDUSA_V2_URL");

  *key = g_getenv ("MEDUSA_V2_PUBLISHABLE_KEY");
  if (url == NULL || url[0] == '\0' || *key == NULL)
    {
      g_test_skip ("no Medusa v2 test store (MEDUSA_V2_URL)");
      return NULL;
    }

  return url;
}

/**
 * test_server_new:
 * @handler: answers every request
 * @uri: (out): where the server listens, on 127.0.0.1
 *
 * An in-process server for what a real store will not do on demand.
 */
SoupServer *
test_server_new (SoupServerCallback   handler,
                 gpointer             data,
                 GUri               **uri)
{
  SoupServer *server = soup_server_new (NULL, NULL);
  g_autoptr(GError) error = NULL;
  GSList *uris;

  soup_server_add_handler (server, NULL, handler, data, NULL);
  soup_server_listen_local (server, 0, SOUP_SERVER_LISTEN_IPV4_ONLY, &error);
  g_assert_no_error (error);

  uris = soup_server_get_uris (server);
  g_assert_nonnull (uris);
  *uri = g_uri_ref (uris->data);
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);

  return server;
}

/**
 * test_delete_tree:
 * @path: a file, or a directory removed with all it holds (symbolic links
 *   are removed, not followed)
 */
void
test_delete_tree (const char *path)
{
  if (g_file_test (path, G_FILE_TEST_IS_DIR) && !g_file_test (path, G_FILE_TEST_IS_SYMLINK))
    {
      g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
      const char *name;

      while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
        {
          g_autofree char *child = g_build_filename (path, name, NULL);

          test_delete_tree (child);
        }
      g_rmdir (path);
    }
  else
    g_unlink (path);
}

/**
 * test_long_order_page:
 *
 * A v1 page of one long order, as a careless or hostile store could send
 * it: 300 items ("Item 0" …), 30 shipping methods ("Method 0" …) and 25
 * parcels of 1,000 tracking numbers each ("T0-0" …), as many as the parser
 * takes.
 *
 * Returns: (transfer full): the page's JSON
 */
GBytes *
test_long_order_page (void)
{
  GString *json = g_string_new ("{\"orders\": [{\"id\": \"order_1\", \"display_id\": 1, "
                                "\"status\": \"pending\", \"fulfillment_status\": \"shipped\", "
                                "\"payment_status\": \"captured\", "
                                "\"created_at\": \"2026-11-29T02:05:06.757Z\", "
                                "\"currency_code\": \"usd\", \"items\": [");

  for (guint i = 0; i < 300; i++)
    g_string_append_printf (json, "%s{\"id\": \"item_%u\", \"title\": \"Item %u\", "
                            "\"quantity\": 1, \"unit_price\": 100, \"total\": 100}",
                            i > 0 ? ", " : "", i, i);
  g_string_append (json, "], \"shipping_methods\": [");
  for (guint i = 0; i < 30; i++)
    g_string_append_printf (json, "%s{\"price\": 800, \"total\": 800, "
                            "\"shipping_option\": {\"name\": \"Method %u\"}}", i > 0 ? ", " : "", i);
  g_string_append (json, "], \"fulfillments\": [");
  for (guint p = 0; p < 25; p++)
    {
      g_string_append_printf (json, "%s{\"id\": \"ful_%u\", \"tracking_links\": [",
                              p > 0 ? ", " : "", p);
      for (guint l = 0; l < 1000; l++)
        g_string_append_printf (json, "%s{\"tracking_number\": \"T%u-%u\"}",
                                l > 0 ? ", " : "", p, l);
      g_string_append (json, "]}");
    }
  g_string_append (json, "], \"subtotal\": 100000, \"discount_total\": 0, "
                   "\"gift_card_total\": 0, \"shipping_total\": 0, \"tax_total\": 0, "
                   "\"total\": 100000, \"refunded_total\": 0, \"paid_total\": 100000}], "
                   "\"count\": 1, \"offset\": 0, \"limit\": 1}");

  return g_string_free_to_bytes (json);
}

/* A JSON Web Token with @claims as its payload (base64url, unpadded) and a
 * signature that is not one: for what reads a token without verifying it. */
char *
test_make_jwt (const char *claims)
{
  g_autofree char *payload = g_base64_encode ((const guchar *) claims, strlen (claims));
  char *end = payload + strlen (payload);

  while (end > payload && end[-1] == '=')
    *--end = '\0';
  g_strdelimit (payload, "+", '-');
  g_strdelimit (payload, "/", '_');

  return g_strdup_printf ("eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.%s.c2lnbmF0dXJl", payload);
}

/**
 * test_load_fixture:
 * @first_element: the first element of the path below tests/fixtures/
 *
 * Returns: (transfer full): the recorded answer's bytes
 */
GBytes *
test_load_fixture (const char *first_element,
                   ...)
{
  g_autoptr(GString) path = g_string_new (g_test_get_dir (G_TEST_DIST));
  g_autoptr(GError) error = NULL;
  char *contents = NULL;
  gsize length = 0;
  va_list args;

  g_string_append (path, G_DIR_SEPARATOR_S "fixtures");
  va_start (args, first_element);
  for (const char *element = first_element; element != NULL; element = va_arg (args, const char *))
    {
      g_string_append (path, G_DIR_SEPARATOR_S);
      g_string_append (path, element);
    }
  va_end (args);

  g_file_get_contents (path->str, &contents, &length, &error);
  g_assert_no_error (error);

  return g_bytes_new_take (contents, length);
}
