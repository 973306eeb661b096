/* patron-orders-export.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-orders-export"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "patron-error.h"
#include "patron-money.h"
#include "patron-orders-export.h"

/*
 * Every order a query matches, as CSV (RFC 4180: UTF-8, CRLF, quoted where
 * needed) for a spreadsheet: all pages are fetched one after the other
 * first, so a failure writes nothing, then the file is written beside its
 * destination under a temporary name and renamed onto it.
 */

static gboolean
is_plain_number (const char *value)
{
  const char *p = value;
  gboolean digits = FALSE;

  if (*p == '-')
    p++;
  for (; g_ascii_isdigit (*p); p++)
    digits = TRUE;
  if (*p == '.')
    for (p++; g_ascii_isdigit (*p); p++)
      digits = TRUE;

  return digits && *p == '\0';
}

/**
 * patron_csv_escape_cell:
 * @value: (nullable): the cell's text
 *
 * A cell a spreadsheet reads back as the same text: in double quotes, its
 * quotes doubled, if it holds a comma, a quote or a line break; with a
 * leading apostrophe if it starts like a formula (= + - @ tab or carriage
 * return), so opening the file never runs anything — a plain number such
 * as "-5.00" stays a number.
 *
 * Returns: (transfer full): the cell as it goes into the file
 */
char *
patron_csv_escape_cell (const char *value)
{
  GString *cell = g_string_new (NULL);
  gboolean quote;

  if (value == NULL)
    value = "";

  quote = strpbrk (value, ",\"\r\n") != NULL;
  if (quote)
    g_string_append_c (cell, '"');
  /* inside the quotes: the field is still one quoted string */
  if (value[0] != '\0' && strchr ("=+-@\t\r", value[0]) != NULL && !is_plain_number (value))
    g_string_append_c (cell, '\'');
  for (const char *p = value; *p != '\0'; p++)
    {
      if (*p == '"')
        g_string_append_c (cell, '"');
      g_string_append_c (cell, *p);
    }
  if (quote)
    g_string_append_c (cell, '"');

  return g_string_free (cell, FALSE);
}

/**
 * patron_csv_append_row:
 * @csv: the file so far
 * @cells: the row's cells, %NULL-terminated
 *
 * Appends one record, ended by CRLF.
 */
void
patron_csv_append_row (GString            *csv,
                       const char * const *cells)
{
  for (guint i = 0; cells[i] != NULL; i++)
    {
      g_autofree char *cell = patron_csv_escape_cell (cells[i]);

      if (i > 0)
        g_string_append_c (csv, ',');
      g_string_append (csv, cell);
    }
  g_string_append (csv, "\r\n");
}

void
patron_orders_csv_append_header (GString *csv)
{
  const char *header[] = {
    /* Translators: the columns of the orders exported as a spreadsheet (CSV) */
    _("Order Number"),
    _("Date"),
    _("Status"),
    _("Shipping Status"),
    _("Payment Status"),
    _("Items"),
    _("Total"),
    _("Currency"),
    _("Email"),
    NULL
  };

  patron_csv_append_row (csv, header);
}

/**
 * patron_orders_csv_append_order:
 *
 * Appends @order's row: its number, when it was placed (ISO 8601 in local
 * time), its statuses as the app words them, the number of things ordered,
 * the total in major units with '.' as the decimal mark, the currency code
 * and the email address.
 */
void
patron_orders_csv_append_order (GString     *csv,
                                MedusaOrder *order)
{
  const char *currency = medusa_order_get_currency_code (order);
  g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                             medusa_order_get_display_id (order));
  g_autofree char *date = NULL;
  g_autofree char *items = g_strdup_printf ("%u", medusa_order_get_item_count (order));
  g_autofree char *total = patron_format_decimal (medusa_order_get_total (order), currency);
  g_autofree char *code = g_ascii_strup (currency != NULL ? currency : "", -1);
  const char *cells[10];

  if (medusa_order_get_created_at (order) != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (medusa_order_get_created_at (order));

      date = g_date_time_format (local, "%Y-%m-%dT%H:%M:%S%:z");
    }

  cells[0] = number;
  cells[1] = date;
  cells[2] = patron_order_status_word (medusa_order_get_status (order));
  cells[3] = patron_fulfillment_word (medusa_order_get_fulfillment_status (order));
  cells[4] = patron_payment_word (medusa_order_get_payment_status (order));
  cells[5] = items;
  cells[6] = total;
  cells[7] = code;
  cells[8] = medusa_order_get_email (order);
  cells[9] = NULL;
  patron_csv_append_row (csv, cells);
}

/**
 * patron_orders_export_suggest_name:
 * @now: (nullable): the day to name the file after; %NULL for today
 *
 * Returns: (transfer full): a name for the save dialog, e.g. "orders-2026-11-29.csv"
 */
char *
patron_orders_export_suggest_name (GDateTime *now)
{
  g_autoptr(GDateTime) today = now != NULL ? g_date_time_ref (now) : g_date_time_new_now_local ();
  g_autofree char *date = g_date_time_format (today, "%Y-%m-%d");

  /* Translators: the file the orders are exported to; %s is the date, as 2026-11-29 */
  return g_strdup_printf (_("orders-%s.csv"), date);
}

/* ------------------------------------------------------------------------ */

typedef struct
{
  MedusaClient             *client;
  gulong                    scan_progress_id;
  MedusaOrderQuery         *query;
  GFile                    *file;
  PatronExportProgressFunc  progress;
  gpointer                  progress_data;
  GString                  *csv;
  GHashTable               *seen;       /* order ids already written */
  guint                     count;
  guint                     n_orders;
  GBytes                   *contents;
} Export;

static void
export_free (Export *export)
{
  g_clear_signal_handler (&export->scan_progress_id, export->client);
  g_clear_object (&export->client);
  g_clear_pointer (&export->query, medusa_order_query_free);
  g_clear_object (&export->file);
  if (export->csv != NULL)
    g_string_free (export->csv, TRUE);
  g_clear_pointer (&export->seen, g_hash_table_unref);
  g_clear_pointer (&export->contents, g_bytes_unref);
  g_free (export);
}

static GFile *
create_temporary (GFile             *file,
                  GFileOutputStream **stream,
                  GCancellable       *cancellable,
                  GError            **error)
{
  g_autoptr(GFile) parent = g_file_get_parent (file);
  g_autofree char *basename = g_file_get_basename (file);

  if (parent == NULL)
    {
      g_set_error_literal (error, PATRON_FILE_ERROR, G_IO_ERROR_INVALID_FILENAME,
                           "No folder to write the export in");
      return NULL;
    }

  for (guint attempt = 0; ; attempt++)
    {
      g_autofree char *name = g_strdup_printf (".%s.%08x.part", basename, g_random_int ());
      g_autoptr(GFile) temporary = g_file_get_child (parent, name);
      g_autoptr(GError) local_error = NULL;

      *stream = g_file_create (temporary, G_FILE_CREATE_NONE, cancellable, &local_error);
      if (*stream != NULL)
        return g_steal_pointer (&temporary);
      if (attempt >= 8 || !g_error_matches (local_error, G_IO_ERROR, G_IO_ERROR_EXISTS))
        {
          g_propagate_error (error, g_steal_pointer (&local_error));
          return NULL;
        }
    }
}

/* told as a file's failure, not the network's; a cancellation stays one */
static void
return_write_error (GTask  *task,
                    GError *error)
{
  if (error->domain == G_IO_ERROR && error->code != G_IO_ERROR_CANCELLED)
    error->domain = PATRON_FILE_ERROR;
  else if (error->domain != G_IO_ERROR)
    {
      error->domain = PATRON_FILE_ERROR;
      error->code = G_IO_ERROR_FAILED;
    }

  g_task_return_error (task, error);
}

static void
write_thread (GTask        *task,
              gpointer      source_object,
              gpointer      task_data,
              GCancellable *cancellable)
{
  Export *export = task_data;
  g_autoptr(GFileOutputStream) stream = NULL;
  g_autoptr(GFile) temporary = NULL;
  g_autoptr(GError) error = NULL;
  gsize length;
  const char *data = g_bytes_get_data (export->contents, &length);

  temporary = create_temporary (export->file, &stream, cancellable, &error);
  if (temporary == NULL)
    {
      return_write_error (task, g_steal_pointer (&error));
      return;
    }

  if (!g_output_stream_write_all (G_OUTPUT_STREAM (stream), data, length, NULL,
                                  cancellable, &error) ||
      !g_output_stream_close (G_OUTPUT_STREAM (stream), cancellable, &error) ||
      !g_file_move (temporary, export->file, G_FILE_COPY_OVERWRITE, cancellable,
                    NULL, NULL, &error))
    {
      /* whatever went wrong, no half-written file stays behind */
      g_output_stream_close (G_OUTPUT_STREAM (stream), NULL, NULL);
      g_file_delete (temporary, NULL, NULL);
      return_write_error (task, g_steal_pointer (&error));
      return;
    }

  g_task_return_boolean (task, TRUE);
}

static void request_page (GTask *task,
                          guint  offset);

static void
page_cb (GObject      *object,
         GAsyncResult *result,
         gpointer      user_data)
{
  g_autoptr(GTask) task = user_data;
  Export *export = g_task_get_task_data (task);
  g_autoptr(MedusaOrderPage) page = NULL;
  g_autoptr(GError) error = NULL;
  GListModel *orders;
  guint n_items;
  guint next;

  page = medusa_client_list_orders_finish (MEDUSA_CLIENT (object), result, &error);
  /* a look through the history the client did is over */
  g_clear_signal_handler (&export->scan_progress_id, export->client);
  if (page == NULL)
    {
      g_task_return_error (task, g_steal_pointer (&error));
      return;
    }
  if (g_task_return_error_if_cancelled (task))
    return;

  orders = medusa_order_page_get_orders (page);
  n_items = g_list_model_get_n_items (orders);
  export->count = medusa_order_page_get_count (page);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MedusaOrder) order = g_list_model_get_item (orders, i);

      /* an order placed meanwhile shifts the pages: one seen twice is written once */
      if (!g_hash_table_add (export->seen, g_strdup (medusa_order_get_id (order))))
        continue;
      patron_orders_csv_append_order (export->csv, order);
      export->n_orders++;
    }

  if (export->progress != NULL)
    export->progress (export->n_orders, MAX (export->count, export->n_orders), FALSE,
                      export->progress_data);

  next = medusa_order_page_get_offset (page) + n_items;
  if (n_items > 0 && next < export->count)
    {
      request_page (g_steal_pointer (&task), next);
      return;
    }

  export->contents = g_string_free_to_bytes (g_steal_pointer (&export->csv));
  g_task_run_in_thread (task, write_thread);
}

/* A search the store cannot do: the client looks through the whole history
 * (in full, as an export asks) before the first page comes. */
static void
scan_progress_cb (MedusaClient      *client,
                  MedusaOrderDetail  detail,
                  guint              seen,
                  guint              count,
                  GTask             *task)
{
  Export *export = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);

  if (detail != medusa_order_query_get_detail (export->query) ||
      (cancellable != NULL && g_cancellable_is_cancelled (cancellable)))
    return;

  export->progress (seen, MAX (seen, count), TRUE, export->progress_data);
}

static void
request_page (GTask *task,
              guint  offset)
{
  Export *export = g_task_get_task_data (task);
  GCancellable *cancellable = g_task_get_cancellable (task);
  MedusaClient *client = g_task_get_source_object (task);

  medusa_order_query_set_offset (export->query, offset);
  medusa_client_list_orders_async (client, export->query, cancellable, page_cb, task);
}

/**
 * patron_orders_export_async:
 * @client: a signed-in client
 * @query: (nullable): the search and filters; its limit and offset are ignored
 * @file: where the CSV goes; it is replaced only once everything is fetched
 *   and written
 * @cancellable: (nullable): cancels the export, which then writes nothing
 * @progress: (nullable) (scope notified): told how far the fetching is
 * @progress_data: data for @progress
 *
 * Writes every order @query matches, on all its pages, to @file as CSV: a
 * header, then one row per order (see patron_orders_csv_append_order()).
 */
void
patron_orders_export_async (MedusaClient             *client,
                            const MedusaOrderQuery   *query,
                            GFile                    *file,
                            GCancellable             *cancellable,
                            PatronExportProgressFunc  progress,
                            gpointer                  progress_data,
                            GAsyncReadyCallback       callback,
                            gpointer                  user_data)
{
  g_autoptr(GTask) task = NULL;
  Export *export;

  g_return_if_fail (MEDUSA_IS_CLIENT (client));
  g_return_if_fail (G_IS_FILE (file));
  g_return_if_fail (cancellable == NULL || G_IS_CANCELLABLE (cancellable));

  export = g_new0 (Export, 1);
  export->query = query != NULL ? medusa_order_query_copy (query) : medusa_order_query_new ();
  medusa_order_query_set_limit (export->query, PATRON_ORDERS_EXPORT_PAGE_SIZE);
  /* whole orders: the list's rows may ask for fewer members than a CSV row needs */
  medusa_order_query_set_fields (export->query, NULL);
  medusa_order_query_set_expand (export->query, NULL);
  medusa_order_query_set_detail (export->query, MEDUSA_ORDER_DETAIL_FULL);
  export->client = g_object_ref (client);
  export->file = g_object_ref (file);
  export->progress = progress;
  export->progress_data = progress_data;
  export->csv = g_string_new (NULL);
  export->seen = g_hash_table_new_full (g_str_hash, g_str_equal, g_free, NULL);
  patron_orders_csv_append_header (export->csv);

  task = g_task_new (client, cancellable, callback, user_data);
  g_task_set_source_tag (task, patron_orders_export_async);
  g_task_set_task_data (task, export, (GDestroyNotify) export_free);
  /* the task's own data: disconnected when it is freed, at the latest */
  if (progress != NULL)
    export->scan_progress_id = g_signal_connect (client, "order-scan-progress",
                                                 G_CALLBACK (scan_progress_cb), task);

  request_page (g_steal_pointer (&task), 0);
}

/**
 * patron_orders_export_finish:
 * @n_orders: (out) (optional): how many orders were written
 *
 * A failure to fetch is the store's or the network's error, one to write is
 * in %PATRON_FILE_ERROR; patron_error_to_sentence() words either. A
 * cancelled export fails with %G_IO_ERROR_CANCELLED.
 *
 * Returns: %TRUE if the file now holds the export; else it is as it was
 */
gboolean
patron_orders_export_finish (GAsyncResult  *result,
                             guint         *n_orders,
                             GError       **error)
{
  GTask *task;

  g_return_val_if_fail (G_IS_TASK (result), FALSE);
  g_return_val_if_fail (g_task_get_source_tag (G_TASK (result)) == patron_orders_export_async,
                        FALSE);

  task = G_TASK (result);

  if (!g_task_propagate_boolean (task, error))
    return FALSE;

  if (n_orders != NULL)
    *n_orders = ((Export *) g_task_get_task_data (task))->n_orders;

  return TRUE;
}
