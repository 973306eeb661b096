/* bench-orders.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * Patron itself, in process: the real PatronApplication and PatronWindow
 * started on a store whose session is kept in the keyring, watched from
 * outside through public API only.
 *
 *   bench-orders --store URL --sign-in
 *       signs in as $PATRON_BENCH_EMAIL with $PATRON_BENCH_PASSWORD and
 *       "Keep Me Signed In", so the token goes to the keyring as the app
 *       puts it there; then quits.
 *   bench-orders --store URL [--scroll]
 *       starts Patron, which restores the session from the keyring and
 *       shows the account: notes the first frame painted with the account
 *       page on screen; 300 ms later (a user looking at it) goes to the
 *       orders as the Orders button does and notes the first frame painted
 *       with the list's top row, an order of the first page, inside the
 *       window, and the end of the slide; 2 s later memory at rest (the
 *       rows untouched), and 300 ms later presses End and notes the first
 *       frame with the last row and its order on screen. With --scroll, instead of End,
 *       scrolls the list to its end one screenful a frame, waiting while
 *       the rows on screen wait for their page (Patron asks for it once the
 *       list has been still for a moment) or a page is being fetched, and
 *       notes memory and requests at the end.
 *   bench-orders --store URL --start
 *       only the start: quits once the account page is painted and the
 *       store has answered for the customer (customer_us, customer_ok: the
 *       account may show the offline copy before), to profile the start
 *       alone with perf, or time it against a store on another machine.
 *   bench-orders --store URL --details
 *       as above, but instead of End a click on the first row, and the
 *       first frame of the order's window with its details.
 *   bench-orders --store URL --gestures
 *       as above, then End, Home, a jump to the middle, a fling from the
 *       top (a position a frame) and a slow scroll from the top to the end
 *       (half a screen, then waiting for the rows on screen), each once the
 *       list has been quiet for half a second after the one before: the
 *       pages of orders each asked for, against the pages of the rows on
 *       screen that were not asked for before.
 *
 * Prints key=value lines (run.sh reads them); times are microseconds since
 * the process was executed (bench_exec_clock_start()).
 */

#include "config.h"

#include <gdk/x11/gdkx.h>
#include <glib/gi18n.h>
#include <string.h>

#include "bench-common.h"
#include "medusa.h"
#include "patron-application.h"
#include "patron-order-window.h"
#include "patron-session.h"
#include "patron-memory.h"
#include "patron-visit.h"
#include "patron-window.h"

#define TIMEOUT_SECONDS 1200
/* frames at the end with nothing asked for before the scroll counts as done */
#define SETTLE_FRAMES 5
/* how long a user looks at a page before the next click */
#define LOOK_MS 300
/* how long the first rows stay on screen, untouched, before memory is noted
 * again at rest */
#define REST_MS 2000
/* of which the pointer rests on the button before the click on it (an
 * assumption: a deliberate click, not a measured user) */
#define POINT_MS 150
/* the RSS slope's first point */
#define RSS_FROM_ORDERS 2000

typedef struct
{
  GApplication    *app;
  PatronWindow    *window;
  PatronSession   *session;
  MedusaOrderList *orders;
  GtkListView     *list_view;
  gboolean         scroll;
  gboolean         scrolling;
  gboolean         gestures;
  gboolean         details;
  gboolean         start_only;
  gint64           details_click_us;
  guint            gesture;          /* the one under way */
  guint            gesture_step;
  gint64           quiet_since_us;
  guint            n_requests_seen;
  guint            n_requests_before;  /* … when the gesture began */
  GHashTable      *asked;            /* offsets asked for */
  int              status;

  /* the Store API requests the client made: "start" or "scroll", a tab, the
   * method and path (the client's own debug line, without the token) */
  GArray          *request_done_us;
  GPtrArray       *requests;

  gint64           startup_us;
  gint64           activated_us;
  gint64           window_frame_us;
  gint64           signed_in_us;
  gint64           customer_us;     /* the store's answer for the customer in the client's hands */
  gboolean         customer_ok;     /* … and it was the customer, not a failure */
  gint64           page_loaded_us;
  gint64           first_page_us;
  gint64           list_mapped_us;  /* the first frame with the list mapped, its first page in */
  gint64           account_us;
  gint64           cpu_account_us;
  gint64           pointer_us;
  gint64           click_us;
  gint64           cpu_click_us;
  gint64           settled_us;
  gint64           count_us;
  gint64           end_click_us;
  gint64           rss_first_kb;
  gint64           rss_2k_kb;
  guint            loaded_2k;
  guint            loaded_first;

  gint64           scroll_start_us;
  gint64           last_paint_us;
  gint64           longest_frame_us;
  guint            frames;
  guint            steps;
  guint            settle;
} Bench;

static Bench bench;

/* ------------------------------------------------------------------------ */
/* The client's requests, from its debug lines                              */

static const char *
field_string (const GLogField *fields,
              gsize            n_fields,
              const char      *key)
{
  for (gsize i = 0; i < n_fields; i++)
    if (g_strcmp0 (fields[i].key, key) == 0 && fields[i].length < 0)
      return fields[i].value;

  return NULL;
}

static gboolean start_done_cb (gpointer user_data);

static GLogWriterOutput
log_writer (GLogLevelFlags   log_level,
            const GLogField *fields,
            gsize            n_fields,
            gpointer         user_data)
{
  if ((log_level & G_LOG_LEVEL_DEBUG) != 0 &&
      g_strcmp0 (field_string (fields, n_fields, "GLIB_DOMAIN"), "medusa-client") == 0)
    {
      const char *message = field_string (fields, n_fields, "MESSAGE");
      const char *end = NULL;

      /* "GET /store/… → 200 (n bytes)" or "GET /store/… failed: …" */
      if (message != NULL && g_str_has_prefix (message, "GET /store/"))
        {
          end = strstr (message, " → ");
          if (end == NULL)
            end = strstr (message, " failed");
        }
      if (end != NULL)
        {
          gint64 now = bench_since_exec ();

          g_array_append_val (bench.request_done_us, now);
          if (bench.customer_us == 0 && g_str_has_prefix (message, "GET /store/customers/me") &&
              strchr (" ?", message[strlen ("GET /store/customers/me")]) != NULL)
            {
              bench.customer_us = now;
              bench.customer_ok = g_str_has_prefix (end, " → 200");
              if (bench.start_only)
                g_idle_add (start_done_cb, &bench);
            }
          g_ptr_array_add (bench.requests,
                           g_strdup_printf ("%s\t%.*s",
                                            bench.first_page_us == 0 ? "start" : "scroll",
                                            (int) (end - message), message));
        }
    }

  return g_log_writer_default (log_level, fields, n_fields, user_data);
}

/* offset= of an order page request of @limit orders, or -1 */
static gint64
page_offset (const char *request,
             guint       limit)
{
  g_autofree char *wanted = g_strdup_printf ("limit=%u&", limit);
  const char *query = strchr (request, '?');
  const char *offset;

  if (query == NULL || strstr (request, "/store/customers/me/orders?") == NULL ||
      strstr (query, wanted) == NULL || (offset = strstr (query, "offset=")) == NULL)
    return -1;

  return g_ascii_strtoll (offset + strlen ("offset="), NULL, 10);
}

/* ------------------------------------------------------------------------ */

static void
quit (Bench *b,
      int    status)
{
  b->status = status;
  g_application_quit (b->app);
}

static gboolean
timeout_cb (gpointer user_data)
{
  Bench *b = user_data;

  g_printerr ("bench-orders: nothing shown after %d s (signed in: %s, first page: %s)\n",
              TIMEOUT_SECONDS, b->signed_in_us > 0 ? "yes" : "no",
              b->first_page_us > 0 ? "yes" : "no");
  quit (b, 1);

  return G_SOURCE_REMOVE;
}

typedef gboolean (*WidgetMatch) (GtkWidget *widget,
                                 gconstpointer data);

/* The first widget under @widget, itself included, that @match takes. */
static GtkWidget *
find_widget (GtkWidget     *widget,
             WidgetMatch    match,
             gconstpointer  data)
{
  if (match (widget, data))
    return widget;

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_widget (child, match, data);

      if (found != NULL)
        return found;
    }

  return NULL;
}

static gboolean
is_orders_view (GtkWidget     *widget,
                gconstpointer  data)
{
  GtkSelectionModel *model;

  if (!GTK_IS_LIST_VIEW (widget))
    return FALSE;

  model = gtk_list_view_get_model (GTK_LIST_VIEW (widget));

  return GTK_IS_NO_SELECTION (model) &&
         MEDUSA_IS_ORDER_LIST (gtk_no_selection_get_model (GTK_NO_SELECTION (model)));
}

/* A stack showing its child named @data. */
static gboolean
is_stack_showing (GtkWidget     *widget,
                  gconstpointer  data)
{
  return GTK_IS_STACK (widget) &&
         g_strcmp0 (gtk_stack_get_visible_child_name (GTK_STACK (widget)), data) == 0;
}

/* @data: a GType, as a pointer */
static gboolean
is_of_type (GtkWidget     *widget,
            gconstpointer  data)
{
  return G_TYPE_CHECK_INSTANCE_TYPE (widget, GPOINTER_TO_SIZE (data));
}

/* How many of the first @n slots hold their order (asking for a slot asks
 * for no page). */
static guint
count_loaded (MedusaOrderList *orders,
              guint            n)
{
  guint loaded = 0;

  for (guint i = 0; i < n; i++)
    {
      g_autoptr(MedusaOrderSlot) slot = g_list_model_get_item (G_LIST_MODEL (orders), i);

      if (slot != NULL && medusa_order_slot_get_order (slot) != NULL)
        loaded++;
    }

  return loaded;
}

static void
finish_scroll (Bench *b)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (b->orders));
  guint page_size = medusa_order_list_get_page_size (b->orders);
  guint n_requests = medusa_order_list_get_n_requests (b->orders);
  gint64 rss_end_kb = bench_read_status_kb ("VmRSS");
  g_autoptr(GHashTable) offsets = g_hash_table_new_full (g_int64_hash, g_int64_equal,
                                                         g_free, NULL);
  guint http_pages = 0;
  guint loaded;

  for (guint i = 0; i < b->requests->len; i++)
    {
      gint64 offset = page_offset (g_ptr_array_index (b->requests, i), page_size);

      if (offset >= 0)
        {
          gint64 *key = g_new (gint64, 1);

          *key = offset;
          http_pages++;
          g_hash_table_add (offsets, key);
        }
    }

  /* last: slots that were never asked for would be asked for now */
  loaded = count_loaded (b->orders, n_items);

  bench_print ("scroll_s", "%.1f", (g_get_monotonic_time () - b->scroll_start_us) / 1e6);
  bench_print ("scroll_steps", "%u", b->steps);
  bench_print ("scroll_frames", "%u", b->frames);
  bench_print ("scroll_longest_frame_us", "%" G_GINT64_FORMAT, b->longest_frame_us);
  bench_print ("n_items", "%u", n_items);
  bench_print ("page_size", "%u", page_size);
  bench_print ("pages_needed", "%u", (n_items + page_size - 1) / page_size);
  bench_print ("n_requests", "%u", n_requests);
  bench_print ("http_order_pages", "%u", http_pages);
  bench_print ("http_distinct_offsets", "%u", g_hash_table_size (offsets));
  bench_print ("loaded_end", "%u", loaded);
  bench_print ("rss_end_kb", "%" G_GINT64_FORMAT, rss_end_kb);
  bench_print ("rss_2k_kb", "%" G_GINT64_FORMAT, b->rss_2k_kb);
  bench_print ("loaded_2k", "%u", b->loaded_2k);
  bench_print ("rss_end_anon_kb", "%" G_GINT64_FORMAT, bench_read_status_kb ("RssAnon"));
  bench_print ("rss_end_file_kb", "%" G_GINT64_FORMAT, bench_read_status_kb ("RssFile"));
  bench_print ("rss_peak_kb", "%" G_GINT64_FORMAT, bench_read_status_kb ("VmHWM"));

  quit (b, 0);
}

/* Whether the rows on screen hold their orders: the rows of the bench's wide
 * window are all as high. */
static gboolean
screen_filled (Bench         *b,
               GtkAdjustment *adjustment)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (b->orders));
  double row = n_items > 0 ? gtk_adjustment_get_upper (adjustment) / n_items : 0;
  double value = gtk_adjustment_get_value (adjustment);
  guint first, last;

  if (row <= 0)
    return TRUE;

  first = MIN (n_items - 1, (guint) (value / row));
  last = MIN (n_items - 1, (guint) ((value + gtk_adjustment_get_page_size (adjustment) - 1) / row));
  for (guint i = first; i <= last; i++)
    {
      g_autoptr(MedusaOrderSlot) slot = g_list_model_get_item (G_LIST_MODEL (b->orders), i);

      if (medusa_order_slot_get_order (slot) == NULL)
        return FALSE;
    }

  return TRUE;
}

/* One screenful a frame, like Page Down held; while the rows on screen wait
 * for their page or a page is being fetched the reader waits for it, as a
 * person waits for rows to fill in. */
static gboolean
scroll_tick_cb (GtkWidget     *widget,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  Bench *b = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget));
  double value = gtk_adjustment_get_value (adjustment);
  double page = gtk_adjustment_get_page_size (adjustment);
  double upper = gtk_adjustment_get_upper (adjustment);

  if (medusa_order_list_get_loading (b->orders) || !screen_filled (b, adjustment))
    {
      b->settle = 0;
      return G_SOURCE_CONTINUE;
    }

  /* the slope is taken from 2,000 orders loaded */
  if (b->rss_2k_kb == 0 &&
      medusa_order_list_get_n_requests (b->orders) * medusa_order_list_get_page_size (b->orders) >=
      RSS_FROM_ORDERS)
    {
      b->rss_2k_kb = bench_read_status_kb ("VmRSS");
      b->loaded_2k = count_loaded (b->orders, g_list_model_get_n_items (G_LIST_MODEL (b->orders)));
    }

  if (value + page < upper - 0.5)
    {
      gtk_adjustment_set_value (adjustment, MIN (value + page, upper - page));
      b->steps++;
      b->settle = 0;
      return G_SOURCE_CONTINUE;
    }

  if (++b->settle < SETTLE_FRAMES)
    return G_SOURCE_CONTINUE;

  finish_scroll (b);
  return G_SOURCE_REMOVE;
}

/* ------------------------------------------------------------------------ */
/* Gestures and the pages each asks for                                     */

#define QUIET_US (500 * G_TIME_SPAN_MILLISECOND)

static const char * const gesture_names[] = {
  "open", "end", "home", "middle", "fling", "slow_scroll",
};

/* The rows on screen, from the adjustment: the bench's rows are all as
 * high. */
static void
rows_on_screen (Bench         *b,
                GtkAdjustment *adjustment,
                guint         *first,
                guint         *last)
{
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (b->orders));
  double row = gtk_adjustment_get_upper (adjustment) / MAX (n_items, 1);
  double value = gtk_adjustment_get_value (adjustment);

  *first = MIN (n_items - 1, (guint) (value / row));
  *last = MIN (n_items - 1, (guint) ((value + gtk_adjustment_get_page_size (adjustment) - 1) /
                                     row));
}

/* Scrolls so that @fraction of the list is above the screen. */
static void
scroll_to_fraction (GtkAdjustment *adjustment,
                    double         fraction)
{
  gtk_adjustment_set_value (adjustment,
                            fraction * (gtk_adjustment_get_upper (adjustment) -
                                        gtk_adjustment_get_page_size (adjustment)));
}

/* The pages asked for by the gesture just done, against the pages of the
 * rows on screen not asked for before (for the slow scroll, every page not
 * asked for before). */
static void
report_gesture (Bench         *b,
                GtkAdjustment *adjustment)
{
  guint page_size = medusa_order_list_get_page_size (b->orders);
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (b->orders));
  const char *name = gesture_names[b->gesture];
  g_autoptr(GHashTable) expected = g_hash_table_new (NULL, NULL);
  guint first, last, asked = 0, twice = 0, elsewhere = 0;

  rows_on_screen (b, adjustment, &first, &last);
  if (g_str_equal (name, "slow_scroll"))
    first = 0;
  for (guint page = first / page_size; page <= last / page_size; page++)
    if (!g_hash_table_contains (b->asked, GUINT_TO_POINTER (page * page_size)))
      g_hash_table_add (expected, GUINT_TO_POINTER (page * page_size));

  for (guint i = b->n_requests_before; i < b->requests->len; i++)
    {
      gint64 offset = page_offset (g_ptr_array_index (b->requests, i), page_size);

      if (offset < 0)
        continue;
      asked++;
      if (!g_hash_table_add (b->asked, GUINT_TO_POINTER ((guint) offset)))
        twice++;
      else if (!g_hash_table_remove (expected, GUINT_TO_POINTER ((guint) offset)))
        elsewhere++;
    }

  bench_print ("gesture", "%s requests=%u on_screen_new=%u elsewhere=%u twice=%u rows=%u-%u of %u",
               name, asked, asked - elsewhere - twice + g_hash_table_size (expected), elsewhere,
               twice, first, last, n_items);
  b->n_requests_before = b->requests->len;
}

/* Starts gesture @b->gesture, a step a frame; FALSE once it is done. */
static gboolean
gesture_step (Bench         *b,
              GtkAdjustment *adjustment)
{
  const char *name = gesture_names[b->gesture];
  guint step = b->gesture_step++;

  if (g_str_equal (name, "end") && step == 0)
    gtk_widget_activate_action (GTK_WIDGET (b->list_view), "list.scroll-to-item", "u",
                                g_list_model_get_n_items (G_LIST_MODEL (b->orders)) - 1);
  else if (g_str_equal (name, "home") && step == 0)
    gtk_widget_activate_action (GTK_WIDGET (b->list_view), "list.scroll-to-item", "u", 0);
  else if (g_str_equal (name, "middle") && step == 0)
    scroll_to_fraction (adjustment, 0.5);
  else if (g_str_equal (name, "fling") && step <= 6)
    /* from the top (after the middle's Home) to three quarters */
    scroll_to_fraction (adjustment, step == 0 ? 0.0 : 0.125 * step);
  else if (g_str_equal (name, "slow_scroll"))
    {
      double value = gtk_adjustment_get_value (adjustment);
      double page = gtk_adjustment_get_page_size (adjustment);
      double upper = gtk_adjustment_get_upper (adjustment);

      if (step == 0)
        gtk_adjustment_set_value (adjustment, 0);
      else if (!screen_filled (b, adjustment))
        b->gesture_step--;   /* a reader waits for the rows */
      else if (value + page < upper - 0.5)
        gtk_adjustment_set_value (adjustment, MIN (value + page / 2, upper - page));
      else
        return FALSE;
    }
  else
    return FALSE;

  return TRUE;
}

static gboolean
gestures_tick_cb (GtkWidget     *widget,
                  GdkFrameClock *clock,
                  gpointer       user_data)
{
  Bench *b = user_data;
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (widget));
  gint64 now = g_get_monotonic_time ();

  if (b->gesture_step > 0 && gesture_step (b, adjustment))
    {
      b->quiet_since_us = now;
      return G_SOURCE_CONTINUE;
    }

  /* quiet: the rows on screen filled, nothing on its way, no new request */
  if (b->requests->len != b->n_requests_seen || medusa_order_list_get_loading (b->orders) ||
      !screen_filled (b, adjustment))
    {
      b->n_requests_seen = b->requests->len;
      b->quiet_since_us = now;
      return G_SOURCE_CONTINUE;
    }
  if (now - b->quiet_since_us < QUIET_US)
    return G_SOURCE_CONTINUE;

  report_gesture (b, adjustment);
  if (++b->gesture == G_N_ELEMENTS (gesture_names))
    {
      bench_print ("gestures_pages_asked", "%u", g_hash_table_size (b->asked));
      bench_print ("pages_needed", "%u",
                   (g_list_model_get_n_items (G_LIST_MODEL (b->orders)) +
                    medusa_order_list_get_page_size (b->orders) - 1) /
                   medusa_order_list_get_page_size (b->orders));
      quit (b, 0);
      return G_SOURCE_REMOVE;
    }

  b->gesture_step = 0;
  gesture_step (b, adjustment);
  b->quiet_since_us = now;
  return G_SOURCE_CONTINUE;
}

static gboolean
first_page_shown (Bench *b)
{
  g_autoptr(MedusaOrderSlot) first = NULL;

  if (b->orders == NULL || !medusa_order_list_get_loaded (b->orders) ||
      !gtk_widget_get_mapped (GTK_WIDGET (b->list_view)) ||
      g_list_model_get_n_items (G_LIST_MODEL (b->orders)) == 0)
    return FALSE;

  first = g_list_model_get_item (G_LIST_MODEL (b->orders), 0);
  return medusa_order_slot_get_order (first) != NULL;
}

/* Whether the list's top row is inside the window. The list view is mapped,
 * and its rows are made, in the frame the slide from the account starts;
 * there the orders' page is still beside the window, and no row is painted.
 * A row is on screen from the frame the page has moved in. */
static gboolean
top_row_on_screen (Bench *b)
{
  GtkWidget *window = GTK_WIDGET (b->window);
  gboolean found = FALSE;
  graphene_rect_t top_bounds, list_bounds;
  graphene_rect_t visible = GRAPHENE_RECT_INIT (0, 0, gtk_widget_get_width (window),
                                                gtk_widget_get_height (window));

  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (b->list_view));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      graphene_rect_t bounds;

      if (gtk_widget_get_child_visible (child) &&
          gtk_widget_compute_bounds (child, window, &bounds) &&
          (!found || bounds.origin.y < top_bounds.origin.y))
        {
          found = TRUE;
          top_bounds = bounds;
        }
    }

  return found &&
         gtk_widget_compute_bounds (GTK_WIDGET (b->list_view), window, &list_bounds) &&
         graphene_rect_intersection (&list_bounds, &visible, &visible) &&
         graphene_rect_intersection (&top_bounds, &visible, NULL);
}

/* The window's GtkStack if it shows @name */
/* The orders on screen, the slide over the account done. */
static gboolean
orders_settled (PatronWindow *window)
{
  if (g_strcmp0 (patron_window_get_visible_page (window), "orders") != 0)
    return FALSE;
#if !ADW_CHECK_VERSION (1, 4, 0)
  {
    GtkWidget *leaflet = find_widget (GTK_WIDGET (window), is_of_type,
                                     GSIZE_TO_POINTER (ADW_TYPE_LEAFLET));

    return leaflet == NULL || !adw_leaflet_get_child_transition_running (ADW_LEAFLET (leaflet));
  }
#else
  return TRUE;
#endif
}

static void
loaded_cb (MedusaOrderList *orders,
           GParamSpec      *pspec,
           Bench           *b)
{
  if (medusa_order_list_get_loaded (orders) && b->page_loaded_us == 0)
    b->page_loaded_us = bench_since_exec ();
}

/* The X pointer moved, as a mouse moves it: onto @to's centre, or out of
 * the way (the screen's far corner). Events reach Patron from the X server
 * as they would from a mouse. */
static void
warp_pointer (GtkWidget *window,
              GtkWidget *to)
{
  GdkDisplay *display = gtk_widget_get_display (window);
  graphene_point_t point;
  Display *xdisplay;
  double x, y;

  if (!GDK_IS_X11_DISPLAY (display))
    return;

  xdisplay = gdk_x11_display_get_xdisplay (display);
  if (to == NULL)
    {
      Screen *screen = DefaultScreenOfDisplay (xdisplay);

      XWarpPointer (xdisplay, None, RootWindowOfScreen (screen), 0, 0, 0, 0,
                    WidthOfScreen (screen) - 1, HeightOfScreen (screen) - 1);
    }
  else if (gtk_widget_compute_point (to, window,
                                     &GRAPHENE_POINT_INIT (gtk_widget_get_width (to) / 2.f,
                                                           gtk_widget_get_height (to) / 2.f),
                                     &point))
    {
      gtk_native_get_surface_transform (GTK_NATIVE (window), &x, &y);
      XWarpPointer (xdisplay, None,
                    gdk_x11_surface_get_xid (gtk_native_get_surface (GTK_NATIVE (window))),
                    0, 0, 0, 0, (int) (point.x + x), (int) (point.y + y));
    }
  XFlush (xdisplay);
}

/* the account's Show Orders */
static gboolean
is_show_orders (GtkWidget     *widget,
                gconstpointer  data)
{
  g_autoptr(GVariant) page = NULL;
  GVariant *target;

  if (!GTK_IS_BUTTON (widget) ||
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (widget)), "win.navigate") != 0)
    return FALSE;

  target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (widget));
  if (target == NULL || !g_variant_is_of_type (target, G_VARIANT_TYPE ("(ss)")))
    return FALSE;
  page = g_variant_get_child_value (target, 0);
  return g_strcmp0 (g_variant_get_string (page, NULL), "orders") == 0;
}

static gboolean open_orders_cb (gpointer user_data);

/* The user, having looked at the account, moves the pointer onto Show
 * Orders, and clicks POINT_MS later. */
static gboolean
point_at_orders_cb (gpointer user_data)
{
  Bench *b = user_data;
  GtkWidget *button = find_widget (GTK_WIDGET (b->window), is_show_orders, NULL);

  /* what the start asked for: the customer, the count */
  bench_print ("requests_before_pointer", "%u", b->requests->len);
  if (button == NULL)
    {
      g_printerr ("bench-orders: no Show Orders on the account page\n");
      quit (b, 1);
      return G_SOURCE_REMOVE;
    }
  b->pointer_us = bench_since_exec ();
  warp_pointer (GTK_WIDGET (b->window), button);
  g_timeout_add (POINT_MS, open_orders_cb, b);

  return G_SOURCE_REMOVE;
}

/* What the account page's Orders button does, once the user has looked at
 * the account for a moment and pointed at it. */
static gboolean
open_orders_cb (gpointer user_data)
{
  Bench *b = user_data;
  GtkSelectionModel *model;

  b->click_us = bench_since_exec ();
  b->cpu_click_us = bench_cpu_time_us ();
  /* the start's, and what the pointer on its way asked for */
  bench_print ("requests_before_click", "%u", b->requests->len);
  bench_print ("pointer_before_click_us", "%" G_GINT64_FORMAT, b->click_us - b->pointer_us);
  gtk_widget_activate_action (GTK_WIDGET (b->window), "win.navigate", "(ss)", "orders", "");

  b->list_view = GTK_LIST_VIEW (find_widget (GTK_WIDGET (b->window), is_orders_view, NULL));
  if (b->list_view == NULL)
    {
      g_printerr ("bench-orders: no list of orders in the window\n");
      quit (b, 1);
      return G_SOURCE_REMOVE;
    }
  model = gtk_list_view_get_model (b->list_view);
  b->orders = g_object_ref (MEDUSA_ORDER_LIST (gtk_no_selection_get_model (GTK_NO_SELECTION (model))));
  g_signal_connect (b->orders, "notify::loaded", G_CALLBACK (loaded_cb), b);
  /* asked for while the pointer was on its way, and come */
  if (medusa_order_list_get_loaded (b->orders))
    b->page_loaded_us = b->click_us;

  return G_SOURCE_REMOVE;
}

/* End, as the key, once the first rows have been on screen for a moment */
static gboolean
press_end_cb (gpointer user_data)
{
  Bench *b = user_data;

  b->end_click_us = bench_since_exec ();
  gtk_widget_activate_action (GTK_WIDGET (b->list_view), "list.scroll-to-item", "u",
                              g_list_model_get_n_items (G_LIST_MODEL (b->orders)) - 1);

  return G_SOURCE_REMOVE;
}

/* Memory with the first rows on screen and the list at rest for REST_MS,
 * then End a moment later */
static gboolean
note_rest_cb (gpointer user_data)
{
  Bench *b = user_data;

  bench_print ("rss_rest_kb", "%" G_GINT64_FORMAT, bench_read_status_kb ("VmRSS"));
  bench_print ("pss_rest_kb", "%" G_GINT64_FORMAT, bench_read_pss_kb ());
  bench_print ("memory_releases", "%u", patron_memory_get_n_releases ());
  g_timeout_add (LOOK_MS, press_end_cb, b);

  return G_SOURCE_REMOVE;
}

/* The last row on screen with its order */
static gboolean
last_row_shown (Bench *b)
{
  GtkAdjustment *adjustment = gtk_scrollable_get_vadjustment (GTK_SCROLLABLE (b->list_view));
  guint n_items = g_list_model_get_n_items (G_LIST_MODEL (b->orders));
  g_autoptr(MedusaOrderSlot) last = g_list_model_get_item (G_LIST_MODEL (b->orders), n_items - 1);
  guint first_row, last_row;

  rows_on_screen (b, adjustment, &first_row, &last_row);
  return last_row == n_items - 1 && medusa_order_slot_get_order (last) != NULL;
}

static void
details_paint_cb (GdkFrameClock     *clock,
                  PatronOrderWindow *window)
{
  Bench *b = &bench;

  if (patron_order_window_get_order (window) == NULL ||
      find_widget (GTK_WIDGET (window), is_stack_showing, "details") == NULL)
    return;

  bench_print ("details_us", "%" G_GINT64_FORMAT, bench_since_exec () - b->details_click_us);
  g_signal_handlers_disconnect_by_func (clock, details_paint_cb, window);
  quit (b, 0);
}

static void
watch_details (GtkWidget *window)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (details_paint_cb), window);
}

/* A click on the first row, as a user opens an order's details */
static gboolean
open_details_cb (gpointer user_data)
{
  Bench *b = user_data;
  g_autoptr(GList) toplevels = NULL;

  b->details_click_us = bench_since_exec ();
  g_signal_emit_by_name (b->list_view, "activate", 0u);
  toplevels = gtk_window_list_toplevels ();
  for (GList *l = toplevels; l != NULL; l = l->next)
    if (PATRON_IS_ORDER_WINDOW (l->data))
      {
        if (gtk_widget_get_frame_clock (l->data) != NULL)
          watch_details (l->data);
        else
          g_signal_connect (l->data, "realize", G_CALLBACK (watch_details), NULL);
        return G_SOURCE_REMOVE;
      }

  g_printerr ("bench-orders: no order window after a click on a row\n");
  quit (b, 1);
  return G_SOURCE_REMOVE;
}

static void
print_first_rows (Bench  *b,
                  gint64  now)
{
  guint page_size = medusa_order_list_get_page_size (b->orders);
  guint asked = MIN (medusa_order_list_get_n_requests (b->orders) * page_size,
                     g_list_model_get_n_items (G_LIST_MODEL (b->orders)));

  b->first_page_us = now;
  b->rss_first_kb = bench_read_status_kb ("VmRSS");
  b->loaded_first = count_loaded (b->orders, asked);

  bench_print ("startup_us", "%" G_GINT64_FORMAT, b->startup_us);
  bench_print ("activated_us", "%" G_GINT64_FORMAT, b->activated_us);
  bench_print ("window_frame_us", "%" G_GINT64_FORMAT, b->window_frame_us);
  bench_print ("signed_in_us", "%" G_GINT64_FORMAT, b->signed_in_us);
  bench_print ("account_us", "%" G_GINT64_FORMAT, b->account_us);
  bench_print ("cpu_account_us", "%" G_GINT64_FORMAT, b->cpu_account_us);
  bench_print ("orders_click_us", "%" G_GINT64_FORMAT, b->click_us);
  /* from the click: the page answered and in the list, its rows painted */
  bench_print ("orders_loaded_us", "%" G_GINT64_FORMAT, b->page_loaded_us - b->click_us);
  bench_print ("orders_rows_us", "%" G_GINT64_FORMAT, now - b->click_us);
  /* what this measured before it asked for a row on screen */
  bench_print ("orders_mapped_us", "%" G_GINT64_FORMAT, b->list_mapped_us - b->click_us);
  bench_print ("orders_rows_cpu_us", "%" G_GINT64_FORMAT, bench_cpu_time_us () - b->cpu_click_us);
  bench_print ("rss_first_kb", "%" G_GINT64_FORMAT, b->rss_first_kb);
  bench_print ("pss_first_kb", "%" G_GINT64_FORMAT, bench_read_pss_kb ());
  bench_print ("requests_first", "%u", medusa_order_list_get_n_requests (b->orders));
  bench_print ("loaded_first", "%u", b->loaded_first);
  bench_print ("n_items", "%u", g_list_model_get_n_items (G_LIST_MODEL (b->orders)));
  for (guint i = 0; i < b->requests->len; i++)
    {
      const char *request = strchr (g_ptr_array_index (b->requests, i), '\t') + 1;

      bench_print ("start_request", "%s", request);
      bench_print ("start_request_done_us", "%" G_GINT64_FORMAT " %s",
                   g_array_index (b->request_done_us, gint64, i), request);
    }
}

/* --start: once the account is painted and the store's customer is in */
static gboolean
start_done_cb (gpointer user_data)
{
  Bench *b = user_data;

  static gboolean done;

  if (b->account_us == 0 || b->customer_us == 0 || done)
    return G_SOURCE_REMOVE;

  done = TRUE;
  bench_print ("window_frame_us", "%" G_GINT64_FORMAT, b->window_frame_us);
  bench_print ("signed_in_us", "%" G_GINT64_FORMAT, b->signed_in_us);
  bench_print ("account_us", "%" G_GINT64_FORMAT, b->account_us);
  bench_print ("cpu_account_us", "%" G_GINT64_FORMAT, b->cpu_account_us);
  bench_print ("customer_us", "%" G_GINT64_FORMAT, b->customer_us);
  bench_print ("customer_ok", "%d", b->customer_ok);
  quit (b, 0);

  return G_SOURCE_REMOVE;
}

static void
after_paint_cb (GdkFrameClock *clock,
                Bench         *b)
{
  gint64 now = bench_since_exec ();

  if (b->window_frame_us == 0)
    b->window_frame_us = now;

  if (b->account_us == 0)
    {
      if (b->signed_in_us == 0 || find_widget (GTK_WIDGET (b->window), is_stack_showing, "account") == NULL)
        return;
      b->account_us = now;
      b->cpu_account_us = bench_cpu_time_us ();
      if (b->start_only)
        {
          start_done_cb (b);
          return;
        }
      g_timeout_add (LOOK_MS - POINT_MS, point_at_orders_cb, b);
      return;
    }

  if (b->click_us == 0)
    return;

  if (b->first_page_us == 0)
    {
      if (!first_page_shown (b))
        return;
      if (b->list_mapped_us == 0)
        b->list_mapped_us = now;
      if (!top_row_on_screen (b))
        return;

      print_first_rows (b, now);

      if (b->gestures)
        {
          /* opening is the first gesture: what it asked for counts */
          b->n_requests_before = 0;
          b->n_requests_seen = b->requests->len;
          b->quiet_since_us = g_get_monotonic_time ();
          gtk_widget_add_tick_callback (GTK_WIDGET (b->list_view), gestures_tick_cb, b, NULL);
          return;
        }

      if (b->details)
        {
          g_timeout_add (LOOK_MS, open_details_cb, b);
          return;
        }

      if (!b->scroll)
        {
          g_timeout_add (REST_MS, note_rest_cb, b);
          return;
        }

      b->scrolling = TRUE;
      b->scroll_start_us = g_get_monotonic_time ();
      b->last_paint_us = now;
      gtk_widget_add_tick_callback (GTK_WIDGET (b->list_view), scroll_tick_cb, b, NULL);
      return;
    }

  if (b->settled_us == 0 && orders_settled (b->window))
    {
      /* the slide from the account done */
      b->settled_us = now;
      bench_print ("orders_settled_us", "%" G_GINT64_FORMAT, now - b->click_us);
    }

  if (b->end_click_us != 0 && last_row_shown (b))
    {
      bench_print ("end_us", "%" G_GINT64_FORMAT, now - b->end_click_us);
      bench_print ("end_requests", "%u", medusa_order_list_get_n_requests (b->orders));
      bench_print ("rss_end_kb", "%" G_GINT64_FORMAT, bench_read_status_kb ("VmRSS"));
      b->end_click_us = 0;
      quit (b, 0);
      return;
    }

  if (b->scrolling)
    {
      b->frames++;
      b->longest_frame_us = MAX (b->longest_frame_us, now - b->last_paint_us);
      b->last_paint_us = now;
    }
}

static void
order_count_cb (PatronVisit *visit,
                GParamSpec  *pspec,
                Bench       *b)
{
  if (patron_visit_get_order_count (visit) >= 0 && b->count_us == 0)
    {
      b->count_us = bench_since_exec ();
      bench_print ("count_us", "%" G_GINT64_FORMAT, b->count_us);
    }
}

static void
signed_in_cb (PatronSession *session,
              GParamSpec    *pspec,
              Bench         *b)
{
  if (!patron_session_get_signed_in (session) || b->signed_in_us != 0)
    return;

  b->signed_in_us = bench_since_exec ();
  /* the account's order count */
  g_signal_connect (patron_session_get_visit (session), "notify::order-count",
                    G_CALLBACK (order_count_cb), b);
}

static void
watch_frames (GtkWidget *window,
              Bench     *b)
{
  g_signal_connect (gtk_widget_get_frame_clock (window), "after-paint",
                    G_CALLBACK (after_paint_cb), b);
}

static void
startup_cb (GApplication *app,
            Bench        *b)
{
  b->startup_us = bench_since_exec ();
}

/* After PatronApplication's own activate: the window exists and has started
 * restoring the session. */
static void
activate_cb (GApplication *app,
             Bench        *b)
{
  GtkWindow *window = gtk_application_get_active_window (GTK_APPLICATION (app));

  b->activated_us = bench_since_exec ();
  if (!PATRON_IS_WINDOW (window) || patron_window_get_session (PATRON_WINDOW (window)) == NULL)
    {
      g_printerr ("bench-orders: Patron did not start on a store\n");
      quit (b, 1);
      return;
    }

  b->window = PATRON_WINDOW (window);
  b->session = patron_window_get_session (b->window);
  /* the pointer out of the way, wherever the last run left it */
  warp_pointer (GTK_WIDGET (window), NULL);
  g_signal_connect (b->session, "notify::signed-in", G_CALLBACK (signed_in_cb), b);

  if (gtk_widget_get_frame_clock (GTK_WIDGET (window)) != NULL)
    watch_frames (GTK_WIDGET (window), b);
  else
    g_signal_connect (window, "realize", G_CALLBACK (watch_frames), b);

  g_timeout_add_seconds (TIMEOUT_SECONDS, timeout_cb, b);
}

/* ------------------------------------------------------------------------ */

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  GMainLoop *loop = user_data;
  g_autoptr(GError) error = NULL;

  if (!patron_session_sign_in_finish (PATRON_SESSION (object), result, &error))
    g_printerr ("bench-orders: could not sign in: %s\n", error->message);
  g_main_loop_quit (loop);
}

static int
sign_in (const char *store_url)
{
  g_autoptr(PatronSession) session = patron_session_new (store_url);
  g_autoptr(GMainLoop) loop = g_main_loop_new (NULL, FALSE);
  const char *email = g_getenv ("PATRON_BENCH_EMAIL");
  const char *password = g_getenv ("PATRON_BENCH_PASSWORD");

  if (email == NULL || password == NULL)
    {
      g_printerr ("bench-orders: set PATRON_BENCH_EMAIL and PATRON_BENCH_PASSWORD\n");
      return 2;
    }

  patron_session_sign_in_async (session, email, password, TRUE, NULL, sign_in_cb, loop);
  g_main_loop_run (loop);

  if (!patron_session_get_signed_in (session) || !patron_session_get_remember (session))
    {
      g_printerr ("bench-orders: the session was not kept in the keyring\n");
      return 1;
    }

  return 0;
}

int
main (int   argc,
      char *argv[])
{
  g_autoptr(PatronApplication) app = NULL;
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autofree char *store_url = NULL;
  gboolean do_sign_in = FALSE;
  gboolean scroll = FALSE;
  gboolean gestures = FALSE;
  gboolean details = FALSE;
  gboolean start_only = FALSE;
  char *app_argv[4];
  GOptionEntry entries[] = {
    { "store", 0, 0, G_OPTION_ARG_STRING, &store_url, "The store", "URL" },
    { "sign-in", 0, 0, G_OPTION_ARG_NONE, &do_sign_in, "Keep a session in the keyring", NULL },
    { "scroll", 0, 0, G_OPTION_ARG_NONE, &scroll, "Then scroll to the end", NULL },
    { "gestures", 0, 0, G_OPTION_ARG_NONE, &gestures, "Then End, Home, a jump, a fling and a "
      "slow scroll, counting the pages asked for", NULL },
    { "details", 0, 0, G_OPTION_ARG_NONE, &details, "Then, instead of End, the first order's "
      "details", NULL },
    { "start", 0, 0, G_OPTION_ARG_NONE, &start_only, "Only the start: quit once the account is "
      "painted (for profiling the start alone)", NULL },
    { NULL }
  };

  bench_exec_clock_start (argv);

  context = g_option_context_new (NULL);
  g_option_context_add_main_entries (context, entries, NULL);
  if (!g_option_context_parse (context, &argc, &argv, &error) || store_url == NULL)
    {
      g_printerr ("bench-orders: %s\n", error != NULL ? error->message : "--store URL is needed");
      return 2;
    }

  /* as main.c */
  bindtextdomain (GETTEXT_PACKAGE, LOCALEDIR);
  bind_textdomain_codeset (GETTEXT_PACKAGE, "UTF-8");
  textdomain (GETTEXT_PACKAGE);

  if (do_sign_in)
    return sign_in (store_url);

  bench.requests = g_ptr_array_new_with_free_func (g_free);
  bench.request_done_us = g_array_new (FALSE, FALSE, sizeof (gint64));
  bench.scroll = scroll;
  bench.gestures = gestures;
  bench.details = details;
  bench.start_only = start_only;
  bench.asked = g_hash_table_new (NULL, NULL);
  g_log_set_writer_func (log_writer, NULL, NULL);

  app = patron_application_new (APPLICATION_ID, G_APPLICATION_HANDLES_OPEN);
  bench.app = G_APPLICATION (app);
  g_signal_connect_after (app, "startup", G_CALLBACK (startup_cb), &bench);
  g_signal_connect_after (app, "activate", G_CALLBACK (activate_cb), &bench);

  app_argv[0] = argv[0];
  app_argv[1] = (char *) "--store";
  app_argv[2] = store_url;
  app_argv[3] = NULL;
  g_application_run (G_APPLICATION (app), 3, app_argv);

  g_clear_object (&bench.orders);
  g_clear_pointer (&bench.requests, g_ptr_array_unref);
  g_clear_pointer (&bench.asked, g_hash_table_unref);
  g_clear_pointer (&bench.request_done_us, g_array_unref);

  return bench.status;
}
