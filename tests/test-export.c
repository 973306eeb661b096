/* test-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * An order printed as a receipt (exported to PDF and read back with
 * pdftotext) and the orders exported as CSV, against the real Medusa test
 * store; a synthetic order of many items checks the pagination without it.
 */

#include "config.h"

#include "test-util.h"
#include "test-widgets.h"

#include <adwaita.h>
#include <glib/gstdio.h>
#include <string.h>

#include "medusa-json.h"
#include "patron-error.h"
#include "patron-money.h"
#include "patron-order-receipt.h"
#include "patron-order-window.h"
#include "patron-orders-export.h"

static const char *store_url;

/* ------------------------------------------------------------------------ */
/* Helpers                                                                  */

static char *
make_temp_dir (void)
{
  g_autoptr(GError) error = NULL;
  char *dir = g_dir_make_tmp ("patron-export-XXXXXX", &error);

  g_assert_no_error (error);
  return dir;
}

static void
remove_dir (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  const char *name;

  while (dir != NULL && (name = g_dir_read_name (dir)) != NULL)
    {
      g_autofree char *child = g_build_filename (path, name, NULL);

      g_assert_cmpint (g_remove (child), ==, 0);
    }
  g_assert_cmpint (g_rmdir (path), ==, 0);
}

static guint
count_files (const char *path)
{
  g_autoptr(GDir) dir = g_dir_open (path, 0, NULL);
  guint n = 0;

  g_assert_nonnull (dir);
  while (g_dir_read_name (dir) != NULL)
    n++;

  return n;
}

static guint
count_occurrences (const char *haystack,
                   const char *needle)
{
  guint n = 0;

  for (const char *p = strstr (haystack, needle); p != NULL; p = strstr (p + 1, needle))
    n++;

  return n;
}

/* Prints @order to a PDF in @dir and gives back its text, pages apart by \f */
static char *
print_to_text (MedusaOrder *order,
               const char  *dir,
               const char  *name,
               guint       *n_pages)
{
  g_autoptr(PatronOrderReceipt) receipt = patron_order_receipt_new (order,
                                                                    "https://shop.example.com");
  g_autofree char *pdf = g_strdup_printf ("%s/%s.pdf", dir, name);
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *errors = NULL;
  GtkPrintOperationResult result;
  int status;
  const char *argv[] = { "pdftotext", "-layout", "-enc", "UTF-8", pdf, "-", NULL };

  gtk_print_operation_set_export_filename (GTK_PRINT_OPERATION (receipt), pdf);
  result = gtk_print_operation_run (GTK_PRINT_OPERATION (receipt),
                                    GTK_PRINT_OPERATION_ACTION_EXPORT, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpint (result, ==, GTK_PRINT_OPERATION_RESULT_APPLY);
  g_assert_true (g_file_test (pdf, G_FILE_TEST_IS_REGULAR));

  /* pdftotext is in poppler-utils (build-aux/install-deps.sh) */
  g_spawn_sync (NULL, (char **) argv, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                &text, &errors, &status, &error);
  g_assert_no_error (error);
  g_assert_true (g_spawn_check_wait_status (status, NULL));
  g_assert_true (g_utf8_validate (text, -1, NULL));

  /* pdftotext ends each page with a form feed */
  *n_pages = count_occurrences (text, "\f");

  return g_steal_pointer (&text);
}

static MedusaClient *
signed_in_client (void)
{
  g_autoptr(MedusaClient) client = medusa_client_new (store_url);
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;

  medusa_client_sign_in_async (client, "buyer@example.com", "buyer-pass-123",
                               MEDUSA_AUTH_MODE_TOKEN, NULL, test_store_result_cb, &result);
  customer = medusa_client_sign_in_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);

  return g_steal_pointer (&client);
}

static MedusaOrderPage *
list_orders (MedusaClient     *client,
             MedusaOrderQuery *query)
{
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  MedusaOrderPage *page;

  medusa_client_list_orders_async (client, query, NULL, test_store_result_cb, &result);
  page = medusa_client_list_orders_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);

  return page;
}

typedef gboolean (*OrderMatch) (MedusaOrder *order);

static gboolean
has_two_parcels (MedusaOrder *order)
{
  return g_list_model_get_n_items (medusa_order_get_fulfillments (order)) >= 2;
}

static gboolean
has_discount (MedusaOrder *order)
{
  return medusa_order_get_discount_total (order) > 0;
}

/* The seeded order that @match picks, fetched in full as the window does */
static MedusaOrder *
find_order (MedusaClient *client,
            OrderMatch    match)
{
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *orders;
  MedusaOrder *order;

  medusa_order_query_set_limit (query, 300);
  page = list_orders (client, query);
  orders = medusa_order_page_get_orders (page);
  for (guint i = 0; i < g_list_model_get_n_items (orders); i++)
    {
      g_autoptr(MedusaOrder) candidate = g_list_model_get_item (orders, i);

      if (!match (candidate))
        continue;

      medusa_client_get_order_async (client, medusa_order_get_id (candidate), NULL,
                                     test_store_result_cb, &result);
      order = medusa_client_get_order_finish (client, test_wait_for (&result), &error);
      g_assert_no_error (error);
      return order;
    }

  g_assert_not_reached ();
}

static void
assert_receipt_shows (const char  *text,
                      MedusaOrder *order)
{
  GListModel *items = medusa_order_get_items (order);
  g_autofree char *number = g_strdup_printf ("Order #%" G_GINT64_FORMAT,
                                             medusa_order_get_display_id (order));
  g_autofree char *total = patron_format_money (medusa_order_get_total (order),
                                                medusa_order_get_currency_code (order));

  g_assert_nonnull (strstr (text, number));
  g_assert_nonnull (strstr (text, total));
  g_assert_nonnull (strstr (text, "shop.example.com"));
  g_assert_cmpuint (g_list_model_get_n_items (items), >, 0);
  for (guint i = 0; i < g_list_model_get_n_items (items); i++)
    {
      g_autoptr(MedusaLineItem) item = g_list_model_get_item (items, i);

      g_assert_nonnull (strstr (text, medusa_line_item_get_title (item)));
    }
}

/* ------------------------------------------------------------------------ */
/* The receipt                                                              */

static void
test_receipt_shipped (void)
{
  g_autoptr(MedusaClient) client = signed_in_client ();
  g_autoptr(MedusaOrder) order = find_order (client, has_two_parcels);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *text = NULL;
  guint n_pages;

  text = print_to_text (order, dir, "shipped", &n_pages);
  assert_receipt_shows (text, order);
  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_nonnull (strstr (text, "Page 1 of 1"));
  g_assert_nonnull (strstr (text, "Completed"));
  g_assert_nonnull (strstr (text, "Parcel 2"));
  g_assert_nonnull (strstr (text, "1Z999AA10123456784"));
  g_assert_nonnull (strstr (text, "1Z999AA10123456786"));
  g_assert_nonnull (strstr (text, "Shipping Address"));

  remove_dir (dir);
}

static void
test_receipt_discount (void)
{
  g_autoptr(MedusaClient) client = signed_in_client ();
  g_autoptr(MedusaOrder) order = find_order (client, has_discount);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *text = NULL;
  g_autofree char *discount = NULL;
  guint n_pages;

  text = print_to_text (order, dir, "discount", &n_pages);
  assert_receipt_shows (text, order);
  discount = patron_format_money (-medusa_order_get_discount_total (order),
                                  medusa_order_get_currency_code (order));
  g_assert_nonnull (strstr (text, "Discounts (PATRON10)"));
  g_assert_nonnull (strstr (text, discount));
  g_assert_nonnull (strstr (text, "Placed"));

  remove_dir (dir);
}

/* The order of the discount fixture in @parser, to edit */
static JsonObject *
load_discount_order (JsonParser *parser)
{
  g_autofree char *path = g_test_build_filename (G_TEST_DIST, "fixtures", "order-discount.json",
                                                 NULL);
  g_autoptr(GError) error = NULL;

  json_parser_load_from_file (parser, path, &error);
  g_assert_no_error (error);
  /* the fixture is the customer's list filtered to this one order */
  return json_array_get_object_element (
      json_object_get_array_member (json_node_get_object (json_parser_get_root (parser)),
                                    "orders"), 0);
}

/* The order of @parser, as edited, parsed as Patron parses an answer */
static MedusaOrder *
parse_edited_order (JsonParser *parser)
{
  g_autoptr(JsonGenerator) generator = json_generator_new ();
  g_autoptr(GBytes) bytes = NULL;
  g_autoptr(GError) error = NULL;
  char *text;
  gsize length;

  json_generator_set_root (generator, json_parser_get_root (parser));
  text = json_generator_to_data (generator, &length);
  bytes = g_bytes_new_take (text, length);

  return medusa_json_parse_single_order_page (bytes, &error);
}

/* The discount fixture with @n_items items, "Synthetic Product 001" … */
static MedusaOrder *
synthetic_order (guint n_items)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  JsonObject *order = load_discount_order (parser);
  JsonObject *template;
  JsonArray *items;

  template = json_array_get_object_element (json_object_get_array_member (order, "items"), 0);
  json_object_ref (template);

  items = json_array_new ();
  for (guint i = 1; i <= n_items; i++)
    {
      g_autofree char *id = g_strdup_printf ("item_synthetic_%03u", i);
      g_autofree char *title = g_strdup_printf ("Synthetic Product %03u", i);
      g_autoptr(GList) members = json_object_get_members (template);
      JsonObject *item = json_object_new ();

      /* json_node_copy() shares an object: copy member by member */
      for (GList *m = members; m != NULL; m = m->next)
        json_object_set_member (item, m->data,
                                json_node_copy (json_object_get_member (template, m->data)));

      json_object_set_string_member (item, "id", id);
      json_object_set_string_member (item, "title", title);
      json_object_set_int_member (item, "quantity", 1 + i % 3);
      json_object_set_int_member (item, "subtotal", 1950 * (1 + i % 3));
      json_object_set_int_member (item, "total", 1755 * (1 + i % 3));
      json_array_add_object_element (items, item);
    }
  json_object_unref (template);
  json_object_set_array_member (order, "items", items);

  return parse_edited_order (parser);
}

/* The discount fixture with every text the receipt prints 10 KB long, as a
 * careless or hostile store could send it. */
static MedusaOrder *
long_text_order (void)
{
  g_autoptr(JsonParser) parser = json_parser_new ();
  g_autoptr(GString) spaced = g_string_new (NULL);
  g_autofree char *solid = g_strnfill (10240, 'Z');
  const char *address_fields[] = { "first_name", "last_name", "company", "address_1",
                                   "address_2", "city", "province", "phone" };
  JsonObject *order;
  JsonObject *item;
  JsonObject *address;

  while (spaced->len < 10240)
    g_string_append (spaced, "Salt & Pepper ");

  order = load_discount_order (parser);
  item = json_array_get_object_element (json_object_get_array_member (order, "items"), 0);
  json_object_set_string_member (item, "title", spaced->str);
  json_object_set_string_member (json_object_get_object_member (item, "variant"), "title", solid);
  address = json_object_get_object_member (order, "shipping_address");
  for (guint i = 0; i < G_N_ELEMENTS (address_fields); i++)
    json_object_set_string_member (address, address_fields[i], i % 2 ? solid : spaced->str);
  json_object_set_string_member (
      json_array_get_object_element (json_object_get_array_member (order, "discounts"), 0),
      "code", solid);

  return parse_edited_order (parser);
}

/* print_to_text(), within 5 s of processor time, stretched as every wait
 * is under a slow tool */
static char *
print_at_once (MedusaOrder *order,
               const char  *dir,
               const char  *name,
               guint       *n_pages)
{
  gint64 start = test_cpu_time ();
  gint64 bound = test_deadline (5) - g_get_monotonic_time ();
  char *text;

  g_assert_nonnull (order);
  text = print_to_text (order, dir, name, n_pages);
  g_test_message ("printed in %" G_GINT64_FORMAT " ms of processor time, %u pages",
                  (test_cpu_time () - start) / 1000, *n_pages);
  g_assert_cmpint (test_cpu_time () - start, <, bound);

  return text;
}

/* A receipt of test_long_order_page()'s order prints what the order window
 * shows: every item, the first 20 shipping methods and the first 20
 * tracking numbers of each of the first 10 parcels, and how many more
 * there are (no page holds a parcel's 1,000 numbers: they ran off it). */
static void
test_receipt_many_parcels (void)
{
  g_autoptr(GBytes) page = test_long_order_page ();
  g_autoptr(MedusaOrder) order = medusa_json_parse_single_order_page (page, NULL);
  g_autofree char *dir = make_temp_dir ();
  guint n_pages;
  g_autofree char *text = print_at_once (order, dir, "parcels", &n_pages);

  g_assert_nonnull (strstr (text, "Method 19"));
  g_assert_null (strstr (text, "Method 20"));
  g_assert_cmpuint (count_occurrences (text, "And 10 more shipping methods"), ==, 1);
  g_assert_nonnull (strstr (text, "Parcel 10"));
  g_assert_null (strstr (text, "Parcel 11"));
  g_assert_nonnull (strstr (text, "T9-19"));
  g_assert_null (strstr (text, "T9-20"));
  g_assert_cmpuint (count_occurrences (text, "And 980 more tracking numbers"), ==, 10);
  g_assert_cmpuint (count_occurrences (text, "And 15 more parcels"), ==, 1);
  g_assert_cmpuint (count_occurrences (text, "Item 299"), ==, 1);

  remove_dir (dir);
}

/* A receipt of an order whose every text is 10 KB long prints at once, on
 * one page, each text clipped. */
static void
test_receipt_long_text (void)
{
  g_autoptr(MedusaOrder) order = long_text_order ();
  g_autofree char *dir = make_temp_dir ();
  guint n_pages;
  g_autofree char *text = print_at_once (order, dir, "long", &n_pages);

  g_assert_cmpuint (n_pages, ==, 1);
  g_assert_nonnull (strstr (text, "Salt & Pepper"));
  g_assert_nonnull (strstr (text, "…"));

  remove_dir (dir);
}

static void
test_receipt_many_pages (void)
{
  g_autoptr(MedusaOrder) order = synthetic_order (120);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *text = NULL;
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;
  g_auto(GStrv) pages = NULL;
  guint n_pages;

  g_assert_nonnull (order);
  g_assert_cmpuint (g_list_model_get_n_items (medusa_order_get_items (order)), ==, 120);

  text = print_to_text (order, dir, "many", &n_pages);
  g_assert_cmpuint (n_pages, >=, 3);

  /* every item once, none cut between two pages */
  for (guint i = 1; i <= 120; i++)
    {
      g_autofree char *title = g_strdup_printf ("Synthetic Product %03u", i);

      g_assert_cmpuint (count_occurrences (text, title), ==, 1);
    }

  pages = g_strsplit (text, "\f", -1);
  for (guint i = 0; i < n_pages; i++)
    {
      g_autofree char *footer = g_strdup_printf ("Page %u of %u", i + 1, n_pages);

      /* each page says which it is, and where it goes on the table repeats its heading */
      g_assert_nonnull (strstr (pages[i], footer));
      g_assert_cmpuint (count_occurrences (text, footer), ==, 1);
      if (strstr (pages[i], "Synthetic Product") != NULL)
        g_assert_nonnull (strstr (pages[i], "Quantity × Price"));
    }
  first = g_strdup_printf ("Page 1 of %u", n_pages);
  last = g_strdup_printf ("Page %u of %u", n_pages, n_pages);
  g_assert_nonnull (strstr (pages[0], first));
  g_assert_nonnull (strstr (pages[n_pages - 1], last));
  /* the totals come after the last item */
  g_assert_nonnull (strstr (strstr (text, "Synthetic Product 120"), "Subtotal"));

  remove_dir (dir);
}

static gboolean
is_print_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) &&
         g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "order.print") == 0;
}

static GtkWidget *
find_print_button (GtkWidget *root)
{
  if (is_print_button (root))
    return root;

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_print_button (child);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static void
spin_until (gpointer (*done) (gpointer),
            gpointer data)
{
  gint64 deadline = test_deadline (20);

  while (done (data) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }
}

static gpointer
find_print_dialog (gpointer data)
{
  GListModel *toplevels = gtk_window_get_toplevels ();

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      /* by name: its header is in gtk4-unix-print, which nothing else needs */
      if (G_TYPE_CHECK_INSTANCE_TYPE (window, g_type_from_name ("GtkPrintUnixDialog")) &&
          gtk_widget_get_visible (GTK_WIDGET (window)))
        return window;
    }

  return NULL;
}

static gpointer
is_sensitive (gpointer data)
{
  return gtk_widget_is_sensitive (data) ? data : NULL;
}

static void
test_window_print_action (void)
{
  g_autoptr(MedusaClient) client = signed_in_client ();
  g_autoptr(MedusaOrder) order = find_order (client, has_two_parcels);
  PatronOrderWindow *window = patron_order_window_new (NULL, client, medusa_order_get_id (order));
  gint64 deadline = test_deadline (20);
  GtkWidget *print = find_print_button (GTK_WIDGET (window));

  /* nothing to print until the order is there */
  g_assert_nonnull (print);
  g_assert_cmpstr (gtk_widget_get_tooltip_text (print), ==, "Print…");
  gtk_window_present (GTK_WINDOW (window));
  g_assert_false (gtk_widget_is_sensitive (print));
  while (patron_order_window_get_order (window) == NULL)
    {
      g_assert_cmpint (g_get_monotonic_time (), <, deadline);
      g_main_context_iteration (NULL, FALSE);
      g_usleep (1000);
    }

  g_assert_true (gtk_widget_is_sensitive (print));

  /* Print… opens the print dialog over the window; cancelled, it can be
   * opened again */
  g_assert_true (gtk_widget_activate_action (GTK_WIDGET (window), "order.print", NULL));
  spin_until (find_print_dialog, NULL);
  g_assert_true (gtk_window_get_transient_for (find_print_dialog (NULL)) == GTK_WINDOW (window));
  g_assert_false (gtk_widget_is_sensitive (print));
  /* closed: the same as Cancel */
  gtk_window_close (GTK_WINDOW (find_print_dialog (NULL)));
  spin_until (is_sensitive, print);
  g_assert_null (find_print_dialog (NULL));

  gtk_window_destroy (GTK_WINDOW (window));
}

/* ------------------------------------------------------------------------ */
/* CSV                                                                      */

typedef struct
{
  GCancellable *cancel_after_first;
  guint         n_calls;
  guint         last_done;
  guint         last_total;
  /* the client's look through the history, before the first page */
  guint         n_looking;
  guint         last_seen;
  guint         history;
} Progress;

static void
progress_cb (guint    n_done,
             guint    n_total,
             gboolean looking,
             gpointer user_data)
{
  Progress *progress = user_data;

  if (looking)
    {
      /* before the pages: forward, through the whole history */
      g_assert_cmpuint (progress->n_calls, ==, 0);
      g_assert_cmpuint (n_done, >, progress->last_seen);
      g_assert_cmpuint (n_done, <=, n_total);
      progress->n_looking++;
      progress->last_seen = n_done;
      progress->history = n_total;
      return;
    }

  g_assert_cmpuint (n_done, >=, progress->last_done);
  g_assert_cmpuint (n_done, <=, n_total);
  progress->n_calls++;
  progress->last_done = n_done;
  progress->last_total = n_total;
  if (progress->cancel_after_first != NULL)
    g_cancellable_cancel (progress->cancel_after_first);
}

static gboolean
export (MedusaClient     *client,
        MedusaOrderQuery *query,
        GFile            *file,
        GCancellable     *cancellable,
        Progress         *progress,
        guint            *n_orders,
        GError          **error)
{
  g_autoptr(GAsyncResult) result = NULL;

  patron_orders_export_async (client, query, file, cancellable, progress_cb, progress,
                              test_store_result_cb, &result);
  return patron_orders_export_finish (test_wait_for (&result), n_orders, error);
}

static char **
read_rows (GFile *file)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  gsize length;
  char **rows;
  guint n;

  g_file_load_contents (file, NULL, &contents, &length, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpuint (strlen (contents), ==, length);
  g_assert_true (g_utf8_validate (contents, length, NULL));
  g_assert_true (g_str_has_suffix (contents, "\r\n"));

  rows = g_strsplit (contents, "\r\n", -1);
  n = g_strv_length (rows);
  /* the last CRLF ends the last record */
  g_assert_cmpstr (rows[n - 1], ==, "");
  g_clear_pointer (&rows[n - 1], g_free);

  return rows;
}

static void
test_csv_all_orders (void)
{
  g_autoptr(MedusaClient) client = signed_in_client ();
  g_autoptr(MedusaOrder) shipped = find_order (client, has_two_parcels);
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "orders.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autoptr(GDateTime) local = g_date_time_to_local (medusa_order_get_created_at (shipped));
  g_autofree char *date = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
  g_autofree char *row = NULL;
  g_auto(GStrv) rows = NULL;
  Progress progress = { 0, };
  guint n_orders = 0;
  guint n_yen = 0;
  guint n_dinar = 0;
  guint count;

  medusa_order_query_set_limit (query, 1);
  page = list_orders (client, query);
  count = medusa_order_page_get_count (page);
  g_assert_cmpuint (count, >=, 255);

  g_assert_true (export (client, NULL, file, NULL, &progress, &n_orders, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_orders, ==, count);
  /* 100 a page: one call a page */
  g_assert_cmpuint (progress.n_calls, ==, (count + 99) / 100);
  g_assert_cmpuint (progress.last_done, ==, count);
  g_assert_cmpuint (progress.last_total, ==, count);

  rows = read_rows (file);
  g_assert_cmpuint (g_strv_length (rows), ==, count + 1);
  g_assert_cmpstr (rows[0], ==, "Order Number,Date,Status,Shipping Status,Payment Status,Items,"
                                "Total,Currency,Email");

  row = g_strdup_printf ("%" G_GINT64_FORMAT ",%s,Completed,Shipped,Paid,%u,"
                         "%" G_GINT64_FORMAT ".%02" G_GINT64_FORMAT ",USD,buyer@example.com",
                         medusa_order_get_display_id (shipped), date,
                         medusa_order_get_item_count (shipped),
                         medusa_order_get_total (shipped) / 100,
                         medusa_order_get_total (shipped) % 100);
  g_assert_true (g_strv_contains ((const char * const *) rows, row));
  /* the yen order: no decimals */
  for (guint i = 1; rows[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (rows[i], ",", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, 9);
      if (g_strcmp0 (cells[7], "JPY") == 0)
        {
          g_assert_null (strchr (cells[6], '.'));
          n_yen++;
        }
      else
        {
          /* the currency's own decimals: three for the Kuwaiti dinar */
          guint decimals = g_strcmp0 (cells[7], "KWD") == 0 ? 3 : 2;

          g_assert_nonnull (strchr (cells[6], '.'));
          g_assert_cmpstr (strchr (cells[6], '.') + 1 + decimals, ==, "");
          n_dinar += decimals == 3;
        }
    }
  g_assert_cmpuint (n_yen, ==, 1);
  g_assert_cmpuint (n_dinar, ==, 1);

  /* only the file: nothing temporary left beside it */
  g_assert_cmpuint (count_files (dir), ==, 1);

  remove_dir (dir);
}

static void
test_csv_filtered (void)
{
  g_autoptr(MedusaClient) client = signed_in_client ();
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "canceled.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_auto(GStrv) rows = NULL;
  const char *canceled[] = { "canceled", NULL };
  Progress progress = { 0, };
  guint n_orders = 0;
  guint count;

  medusa_order_query_set_statuses (query, canceled);
  medusa_order_query_set_limit (query, 300);
  page = list_orders (client, query);
  count = medusa_order_page_get_count (page);
  g_assert_cmpuint (count, >, 0);

  /* the query's own paging is no matter */
  medusa_order_query_set_limit (query, 5);
  medusa_order_query_set_offset (query, 3);
  g_assert_true (export (client, query, file, NULL, &progress, &n_orders, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_orders, ==, count);

  rows = read_rows (file);
  g_assert_cmpuint (g_strv_length (rows), ==, count + 1);
  for (guint i = 1; rows[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (rows[i], ",", -1);
      g_autoptr(MedusaOrder) order = g_list_model_get_item (medusa_order_page_get_orders (page),
                                                            i - 1);
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 medusa_order_get_display_id (order));

      g_assert_cmpuint (g_strv_length (cells), ==, 9);
      g_assert_cmpstr (cells[0], ==, number);
      g_assert_cmpstr (cells[2], ==, "Canceled");
    }

  remove_dir (dir);
}

/* Medusa v2 cannot search: the client looks through the whole history for
 * the export, which says how far it got, then writes what it found (the
 * real v2 store: its buyer's 258 orders in CI). */
static void
test_csv_v2_search (void)
{
  const char *key = NULL;
  const char *url = test_v2_store_url (&key);
  g_autoptr(MedusaClient) client = NULL;
  g_autoptr(MedusaCustomer) customer = NULL;
  g_autoptr(MedusaOrderQuery) query = medusa_order_query_new ();
  g_autoptr(MedusaOrderPage) first = NULL;
  g_autoptr(MedusaOrderPage) whole = NULL;
  g_autoptr(GAsyncResult) result = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "sevens.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GPtrArray) expected = g_ptr_array_new_with_free_func (g_free);
  g_auto(GStrv) rows = NULL;
  Progress progress = { 0, };
  guint n_orders = 0;
  guint count;

  if (url == NULL)
    return;
  client = medusa_client_new (url);
  medusa_client_set_api_version (client, MEDUSA_API_VERSION_2);
  medusa_client_set_publishable_key (client, key);
  medusa_client_sign_in_async (client, "buyer@example.com", "buyer-pass-123",
                               MEDUSA_AUTH_MODE_TOKEN, NULL, test_store_result_cb, &result);
  customer = medusa_client_sign_in_finish (client, test_wait_for (&result), &error);
  g_assert_no_error (error);
  g_assert_false (medusa_client_get_capabilities (client) & MEDUSA_CAPABILITY_ORDER_SEARCH);

  /* the orders that should match, as the test sees them: v2 has no
   * largest page, the whole history comes in one */
  medusa_order_query_set_limit (query, 1);
  first = list_orders (client, query);
  count = medusa_order_page_get_count (first);
  g_assert_cmpuint (count, >, 0);
  medusa_order_query_set_limit (query, count);
  whole = list_orders (client, query);
  for (guint i = 0; i < g_list_model_get_n_items (medusa_order_page_get_orders (whole)); i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (medusa_order_page_get_orders (whole),
                                                            i);
      char *number = g_strdup_printf ("%" G_GINT64_FORMAT, medusa_order_get_display_id (order));

      if (strchr (number, '7') != NULL)
        g_ptr_array_add (expected, number);
      else
        g_free (number);
    }
  g_assert_cmpuint (expected->len, >, 0);

  medusa_order_query_set_limit (query, 0);
  medusa_order_query_set_search (query, "7");
  g_assert_true (export (client, query, file, NULL, &progress, &n_orders, &error));
  g_assert_no_error (error);
  g_assert_cmpuint (n_orders, ==, expected->len);
  /* the look was said a page of 200 at a time, to the end of the history */
  g_assert_cmpuint (progress.n_looking, ==, (count + 199) / 200);
  g_assert_cmpuint (progress.last_seen, ==, count);
  g_assert_cmpuint (progress.history, ==, count);
  g_assert_cmpuint (progress.last_done, ==, expected->len);
  g_assert_cmpuint (progress.last_total, ==, expected->len);

  rows = read_rows (file);
  g_assert_cmpuint (g_strv_length (rows), ==, expected->len + 1);
  for (guint i = 1; rows[i] != NULL; i++)
    {
      g_auto(GStrv) cells = g_strsplit (rows[i], ",", -1);

      g_assert_cmpuint (g_strv_length (cells), ==, 9);
      g_assert_true (g_ptr_array_find_with_equal_func (expected, cells[0], g_str_equal, NULL));
    }

  remove_dir (dir);
}

static void
test_csv_cancelled (void)
{
  g_autoptr(MedusaClient) client = signed_in_client ();
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *path = g_build_filename (dir, "orders.csv", NULL);
  g_autofree char *old_path = g_build_filename (dir, "old.csv", NULL);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GFile) old_file = g_file_new_for_path (old_path);
  g_autoptr(GCancellable) cancellable = g_cancellable_new ();
  g_autoptr(GError) error = NULL;
  g_autofree char *contents = NULL;
  Progress progress = { 0, };

  /* cancelled after the first of three pages: no file at all */
  progress.cancel_after_first = cancellable;
  g_assert_false (export (client, NULL, file, cancellable, &progress, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_cmpuint (progress.n_calls, ==, 1);
  g_assert_false (g_file_query_exists (file, NULL));
  g_assert_cmpuint (count_files (dir), ==, 0);
  g_clear_error (&error);

  /* a file that was there stays as it was */
  g_assert_true (g_file_set_contents (old_path, "earlier export\r\n", -1, NULL));
  g_cancellable_reset (cancellable);
  progress = (Progress) { .cancel_after_first = cancellable };
  g_assert_false (export (client, NULL, old_file, cancellable, &progress, NULL, &error));
  g_assert_error (error, G_IO_ERROR, G_IO_ERROR_CANCELLED);
  g_assert_true (g_file_get_contents (old_path, &contents, NULL, NULL));
  g_assert_cmpstr (contents, ==, "earlier export\r\n");
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_clear_error (&error);

  /* and an export that goes through replaces it */
  g_assert_true (export (client, NULL, old_file, NULL, &(Progress) { 0, }, NULL, &error));
  g_assert_no_error (error);
  g_clear_pointer (&contents, g_free);
  g_assert_true (g_file_get_contents (old_path, &contents, NULL, NULL));
  g_assert_true (g_str_has_prefix (contents, "Order Number,"));
  g_assert_cmpuint (count_files (dir), ==, 1);

  remove_dir (dir);
}

static void
test_csv_failures (void)
{
  g_autoptr(MedusaClient) client = signed_in_client ();
  g_autoptr(MedusaClient) signed_out = medusa_client_new (store_url);
  g_autofree char *dir = make_temp_dir ();
  g_autofree char *missing = g_build_filename (dir, "no-such-folder", "orders.csv", NULL);
  g_autofree char *path = g_build_filename (dir, "orders.csv", NULL);
  g_autoptr(GFile) nowhere = g_file_new_for_path (missing);
  g_autoptr(GFile) file = g_file_new_for_path (path);
  g_autoptr(GError) error = NULL;
  g_autofree char *sentence = NULL;

  /* a folder that is not there */
  g_assert_false (export (client, NULL, nowhere, NULL, &(Progress) { 0, }, NULL, &error));
  g_assert_error (error, PATRON_FILE_ERROR, G_IO_ERROR_NOT_FOUND);
  sentence = patron_error_to_sentence (error, PATRON_ACTION_OTHER);
  g_assert_cmpstr (sentence, ==, "The folder to save in is not there. Choose another.");
  g_clear_error (&error);

  /* a folder where the file would go */
  g_assert_cmpint (g_mkdir (path, 0700), ==, 0);
  g_assert_false (export (client, NULL, file, NULL, &(Progress) { 0, }, NULL, &error));
  g_assert_true (error->domain == PATRON_FILE_ERROR);
  g_assert_cmpuint (count_files (dir), ==, 1);
  g_assert_cmpint (g_rmdir (path), ==, 0);
  g_clear_error (&error);

  /* the store refuses: nothing written */
  g_assert_false (export (signed_out, NULL, file, NULL, &(Progress) { 0, }, NULL, &error));
  g_assert_error (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED);
  g_assert_cmpuint (count_files (dir), ==, 0);

  remove_dir (dir);
}

int
main (int   argc,
      char *argv[])
{
  /* nothing here reads the accessibility tree: no bus to depend on */
  g_setenv ("GTK_A11Y", "none", TRUE);
  gtk_test_init (&argc, &argv, NULL);
  park_pointer ();
  adw_init ();

  g_test_add_func ("/export/receipt/many-pages", test_receipt_many_pages);
  g_test_add_func ("/export/receipt/many-parcels", test_receipt_many_parcels);
  g_test_add_func ("/export/receipt/long-text", test_receipt_long_text);

  if ((store_url = test_store_url ()) == NULL)
    return g_test_run ();

  g_test_add_func ("/export/receipt/shipped", test_receipt_shipped);
  g_test_add_func ("/export/receipt/discount", test_receipt_discount);
  g_test_add_func ("/export/receipt/window", test_window_print_action);
  g_test_add_func ("/export/csv/all", test_csv_all_orders);
  g_test_add_func ("/export/csv/filtered", test_csv_filtered);
  g_test_add_func ("/export/csv/v2-search", test_csv_v2_search);
  g_test_add_func ("/export/csv/cancelled", test_csv_cancelled);
  g_test_add_func ("/export/csv/failures", test_csv_failures);

  return g_test_run ();
}
