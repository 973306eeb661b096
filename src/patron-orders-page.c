/* patron-orders-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-orders-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "patron-error.h"
#include "patron-form.h"
#include "patron-money.h"
#include "patron-offline-banner.h"
#include "patron-order-row.h"
#include "patron-order-window.h"
#include "patron-orders-export.h"
#include "patron-orders-page.h"
#include "patron-settings.h"
#include "patron-text.h"

/**
 * PatronOrdersPage:
 *
 * The customer's whole order history in a #GtkListView over a
 * #MedusaOrderList: rows of pages not loaded yet show a placeholder and fill
 * in when their page arrives.
 *
 * The pages asked for are those of the rows on screen, not of the rows the
 * list view makes (GTK 4.8 makes 200 around them): once the list has been
 * still for %PATRON_ORDERS_SETTLE_MS and two frames, so that a jump or a
 * fling asks only for where it lands; and while it scrolls slowly, as someone reading does, every
 * %PACE_MS, with the screen after the rows in the direction of scrolling.
 */

/* While the list moves, how often it is looked at, and how far it may have
 * moved since (a share of the screen) to count as read, not flown over. */
#define PACE_MS 250
#define PACE_SCREENS 0.5

/* The list item a row was made for (its position), on the row. */
#define LIST_ITEM_KEY "patron-list-item"


typedef enum
{
  FILTER_STATUS,
  FILTER_FULFILLMENT,
  FILTER_PAYMENT,
} FilterGroup;

/* The choices of the filter menu, each asking for one status of one kind. */
static const struct {
  FilterGroup  group;
  const char  *value;
} choices[] = {
  { FILTER_STATUS, "pending" },
  { FILTER_STATUS, "completed" },
  { FILTER_STATUS, "archived" },
  { FILTER_STATUS, "canceled" },
  { FILTER_STATUS, "requires_action" },
  { FILTER_FULFILLMENT, "not_fulfilled" },
  { FILTER_FULFILLMENT, "partially_fulfilled" },
  { FILTER_FULFILLMENT, "fulfilled" },
  { FILTER_FULFILLMENT, "partially_shipped" },
  { FILTER_FULFILLMENT, "shipped" },
  { FILTER_FULFILLMENT, "partially_returned" },
  { FILTER_FULFILLMENT, "returned" },
  { FILTER_FULFILLMENT, "canceled" },
  { FILTER_FULFILLMENT, "requires_action" },
  { FILTER_PAYMENT, "not_paid" },
  { FILTER_PAYMENT, "awaiting" },
  { FILTER_PAYMENT, "captured" },
  { FILTER_PAYMENT, "partially_refunded" },
  { FILTER_PAYMENT, "refunded" },
  { FILTER_PAYMENT, "canceled" },
  { FILTER_PAYMENT, "requires_action" },
};

struct _PatronOrdersPage
{
  AdwBin           parent_instance;

  PatronSession   *session;
  PatronVisit     *visit;     /* the customer's whose orders these are */
  MedusaOrderList *orders;
  gint64           expected_at;     /* asked for before being shown, then */
  gboolean         cannot_export;   /* counter mode: no customer's file */

  /* the date range, as local midnights of the first and the last day */
  GDateTime       *from_date;
  GDateTime       *to_date;
  GtkCheckButton  *checks[G_N_ELEMENTS (choices)];
  guint            updating_filters : 1;

  AdwHeaderBar    *header_bar;
  PatronOfflineBanner *offline_banner; /* under it: the page's own, never moved */
  AdwWindowTitle  *title;
  GtkLabel        *offline_search_label;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkListView     *list_view;
  GtkMenuButton   *menu_button;
  GtkSpinner      *loading_spinner;
  GMenuModel      *orders_menu;
  GtkEditable     *search_entry;
  GtkLabel        *search_error_label;
  GtkMenuButton   *filter_button;
  GtkMenuButton   *from_button;
  GtkMenuButton   *to_button;
  GtkCalendar     *from_calendar;    /* made when first opened */
  GtkCalendar     *to_calendar;
  GtkBox          *status_box;
  GtkBox          *fulfillment_box;
  GtkBox          *payment_box;
  GtkWidget       *date_heading;
  GtkWidget       *date_grid;
  GtkWidget       *fulfillment_heading;
  GtkWidget       *payment_heading;
  GtkWidget       *unsupported_label;
  GtkRevealer     *filter_revealer;
  GtkLabel        *filter_summary;

  /* the rows on screen, whose pages are asked for */
  GtkAdjustment   *vadjustment;
  guint            settle_tick;
  gint64           moved_at;         /* when the list last moved or changed */
  guint            still_frames;     /* frames drawn since */
  double           tick_value;
  guint            pace_source;
  double           paced_value;      /* where the list was at the last look */
  double           looked_value;     /* … at the last look that asked */

  /* the export in progress, or the file of the last one */
  GCancellable    *export_cancellable;
  GFile           *export_file;
#if !GTK_CHECK_VERSION (4, 10, 0)
  GtkNativeDialog *export_chooser;
#endif
  GtkRevealer     *export_revealer;
  GtkLabel        *export_label;
  GtkProgressBar  *export_progress;
  GtkWidget       *export_open_button;
  GtkLabel        *export_close_label;
};

G_DEFINE_FINAL_TYPE (PatronOrdersPage, patron_orders_page, ADW_TYPE_BIN)

static const char *
choice_word (guint i)
{
  switch (choices[i].group)
    {
    case FILTER_STATUS:
      return patron_order_status_word (choices[i].value);
    case FILTER_FULFILLMENT:
      return patron_fulfillment_word (choices[i].value);
    case FILTER_PAYMENT:
      return patron_payment_word (choices[i].value);
    default:
      g_assert_not_reached ();
    }
}

static gboolean
has_filters (PatronOrdersPage *self)
{
  if (self->from_date != NULL || self->to_date != NULL)
    return TRUE;

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (gtk_check_button_get_active (self->checks[i]))
      return TRUE;

  return FALSE;
}

/* The list shows a search or a filter, not the whole history. */
static gboolean
is_filtered (PatronOrdersPage *self)
{
  return medusa_order_query_has_filters (medusa_order_list_get_query (self->orders));
}

/* While the list waits for its first page, the count the session knows
 * already gives it its length: the rows and the scrollbar are there before
 * the orders. That count is of the whole history, not of a search or a
 * filter. */
static void
expect_session_count (PatronOrdersPage *self)
{
  int count;

  if (self->orders == NULL || self->visit == NULL ||
      (count = patron_visit_get_order_count (self->visit)) <= 0)
    return;

  if (!is_filtered (self))
    medusa_order_list_set_expected_count (self->orders, count);
}

/* The status pages get their icons when first shown: an icon is loaded (an
 * SVG, drawn by librsvg) once its page is made, shown or not. */
static void
show_state (PatronOrdersPage *self,
            const char       *name)
{
  static const struct {
    const char *state;
    const char *icon_name;
  } icons[] = {
    { "empty", "folder-documents-symbolic" },
    { "no-match", "edit-find-symbolic" },
    { "error", "dialog-warning-symbolic" },
  };
  GtkWidget *child = gtk_stack_get_child_by_name (self->stack, name);

  for (guint i = 0; i < G_N_ELEMENTS (icons); i++)
    if (g_str_equal (name, icons[i].state) &&
        adw_status_page_get_icon_name (ADW_STATUS_PAGE (child)) == NULL)
      adw_status_page_set_icon_name (ADW_STATUS_PAGE (child), icons[i].icon_name);

  gtk_stack_set_visible_child_name (self->stack, name);
}

static void
update_state (PatronOrdersPage *self)
{
  const GError *error;
  guint n_items;

  if (self->orders == NULL)
    return;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->orders));
  error = medusa_order_list_get_error (self->orders);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.export",
                                 !self->cannot_export && self->export_cancellable == NULL &&
                                 medusa_order_list_get_loaded (self->orders) && n_items > 0);

  /* before the first page, its rows wait in the list if their number is
   * known already */
  if (!medusa_order_list_get_loaded (self->orders) && (error != NULL || n_items == 0))
    {
      adw_window_title_set_subtitle (self->title, "");
      gtk_widget_set_visible (GTK_WIDGET (self->offline_search_label), FALSE);
      if (error != NULL)
        {
          g_autofree char *sentence = patron_error_to_sentence (error, PATRON_ACTION_OTHER);

          adw_status_page_set_description (self->error_page, sentence);
          show_state (self, "error");
        }
      else
        show_state (self, "loading");
      return;
    }

  if (n_items == 0)
    {
      adw_window_title_set_subtitle (self->title, "");
      gtk_widget_set_visible (GTK_WIDGET (self->offline_search_label), FALSE);
      show_state (self, is_filtered (self) ? "no-match" : "empty");
    }
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("Showing %u order",
                                                         "Showing %u orders", n_items),
                                               n_items);
      /* out of reach, a search looks only through the pages kept: said
       * under the search, in full */
      gboolean among_kept = is_filtered (self) && self->session != NULL &&
                            patron_session_get_offline (self->session);

      /* the sentence under the search gives the count then */
      adw_window_title_set_subtitle (self->title, among_kept ? "" : text);
      if (among_kept)
        {
          g_autofree char *among = g_strdup_printf (
            ngettext ("Showing %u order, searched among those Patron saw before",
                      "Showing %u orders, searched among those Patron saw before", n_items),
            n_items);

          gtk_label_set_text (self->offline_search_label, among);
        }
      gtk_widget_set_visible (GTK_WIDGET (self->offline_search_label), among_kept);
      show_state (self, "list");
    }
}

/* A failed page's row asks for it again. */
static void
retry_cb (PatronOrderRow *row,
          GtkListItem    *item)
{
  PatronOrdersPage *self = PATRON_ORDERS_PAGE (gtk_widget_get_ancestor (GTK_WIDGET (row),
                                                                        PATRON_TYPE_ORDERS_PAGE));

  if (self != NULL && self->orders != NULL &&
      gtk_list_item_get_position (item) != GTK_INVALID_LIST_POSITION)
    medusa_order_list_retry (self->orders, gtk_list_item_get_position (item));
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              PatronOrdersPage         *self)
{
  GtkWidget *row = patron_order_row_new ();

  g_signal_connect (row, "retry", G_CALLBACK (retry_cb), item);
  /* the item owns the row */
  g_object_set_data (G_OBJECT (row), LIST_ITEM_KEY, item);
  gtk_list_item_set_child (item, row);
}

static void
show_slot (PatronOrderRow  *row,
           GParamSpec      *pspec,
           MedusaOrderSlot *slot)
{
  MedusaOrder *order = medusa_order_slot_get_order (slot);
  g_autofree char *id = NULL;
  g_autofree char *number = NULL;
  g_autofree char *day = NULL;
  g_autofree char *date = NULL;
  g_autofree char *status = NULL;
  g_autofree char *total = NULL;
  guint n_items;

  if (order == NULL)
    {
      gboolean failed = medusa_order_slot_get_failed (slot);

      /* a page that failed shows a way to ask for it again, not a hole */
      patron_order_row_set_message (row, failed ? _("This part of the list could not be loaded.")
                                                : _("Loading…"),
                                    failed);
      return;
    }

  n_items = medusa_order_get_item_count (order);
  /* the number apart: xgettext cannot see through G_GINT64_FORMAT */
  id = g_strdup_printf ("%" G_GINT64_FORMAT, medusa_order_get_display_id (order));
  /* Translators: %s is an order number, e.g. "#1042" */
  number = g_strdup_printf (_("#%s"), id);
  /* the user's locale's date */
  day = patron_format_local_time (medusa_order_get_created_at (order), "%x");
  /* Translators: an order's date, then its number of items, e.g. "28/11/2026 · 3 items" */
  date = g_strdup_printf (ngettext ("%s · %u item", "%s · %u items", n_items),
                          day != NULL ? day : "", n_items);
  /* Translators: an order's status, shipping and payment in words,
   * e.g. "Placed · Shipped · Paid" */
  status = g_strdup_printf (C_("order row", "%s · %s · %s"),
                            patron_order_status_word (medusa_order_get_status (order)),
                            patron_fulfillment_word (medusa_order_get_fulfillment_status (order)),
                            patron_payment_word (medusa_order_get_payment_status (order)));
  total = patron_format_money (medusa_order_get_total (order),
                               medusa_order_get_currency_code (order));

  patron_order_row_set_order (row, number, date, status, total);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  MedusaOrderSlot *slot = gtk_list_item_get_item (item);

  show_slot (PATRON_ORDER_ROW (row), NULL, slot);
  /* a placeholder fills in when its page arrives */
  g_signal_connect_object (slot, "notify", G_CALLBACK (show_slot), row, G_CONNECT_SWAPPED);
}

static void
unbind_row_cb (GtkSignalListItemFactory *factory,
               GtkListItem              *item,
               gpointer                  user_data)
{
  g_signal_handlers_disconnect_by_data (gtk_list_item_get_item (item),
                                        gtk_list_item_get_child (item));
}

/* The first and last position of the rows on screen, from where the list
 * view put them: rows differ in height (a narrow list wraps some), so
 * positions cannot be told from the scroll position alone. */
static gboolean
get_rows_on_screen (PatronOrdersPage *self,
                    guint            *first,
                    guint            *last)
{
  GtkWidget *list = GTK_WIDGET (self->list_view);
  int height = gtk_widget_get_height (list);
  gboolean found = FALSE;

  if (!gtk_widget_get_mapped (list) || height <= 0)
    return FALSE;

  for (GtkWidget *child = gtk_widget_get_first_child (list);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *row = gtk_widget_get_first_child (child);
      GtkListItem *item = row != NULL ? g_object_get_data (G_OBJECT (row), LIST_ITEM_KEY) : NULL;
      graphene_rect_t bounds;
      guint position = GTK_INVALID_LIST_POSITION;

      /* GTK 4.8 keeps the rows of the focus and the anchor, unmapped where
       * they were, when they leave the screen */
      if (item == NULL || !gtk_widget_get_mapped (child) ||
          (position = gtk_list_item_get_position (item)) == GTK_INVALID_LIST_POSITION ||
          !gtk_widget_compute_bounds (child, list, &bounds) ||
          bounds.size.height <= 0 ||
          bounds.origin.y >= height || bounds.origin.y + bounds.size.height <= 0)
        continue;

      *first = found ? MIN (*first, position) : position;
      *last = found ? MAX (*last, position) : position;
      found = TRUE;
    }

  return found;
}

/* Asks for the pages of the rows on screen; and, when the list moved by a
 * screen or two since the last look (someone reading on, not a jump), for
 * those of the screen after them in that direction too. */
static void
look_at_rows (PatronOrdersPage *self)
{
  double value = gtk_adjustment_get_value (self->vadjustment);
  double moved = value - self->looked_value;
  guint first, last, n;

  self->paced_value = value;
  if (self->orders == NULL || !get_rows_on_screen (self, &first, &last))
    return;

  self->looked_value = value;
  n = last - first + 1;
  if (moved != 0 && fabs (moved) <= 2 * gtk_adjustment_get_page_size (self->vadjustment))
    {
      if (moved > 0)
        last += n;
      else
        first -= MIN (first, n);
    }
  medusa_order_list_ensure_range (self->orders, first, last - first + 1);
}

/* Still for PATRON_ORDERS_SETTLE_MS and for two frames: on a machine too
 * busy to draw a fling's frames that often, the fling is not still between
 * them. */
static gboolean
settle_tick_cb (GtkWidget     *list,
                GdkFrameClock *clock,
                gpointer       user_data)
{
  PatronOrdersPage *self = user_data;
  double value = gtk_adjustment_get_value (self->vadjustment);

  if (value != self->tick_value)
    {
      self->tick_value = value;
      self->moved_at = g_get_monotonic_time ();
      self->still_frames = 0;
      return G_SOURCE_CONTINUE;
    }

  if (++self->still_frames < 2 ||
      g_get_monotonic_time () - self->moved_at < PATRON_ORDERS_SETTLE_MS * G_TIME_SPAN_MILLISECOND)
    return G_SOURCE_CONTINUE;

  self->settle_tick = 0;
  look_at_rows (self);

  return G_SOURCE_REMOVE;
}

/* The list moved, grew, or came on screen: its rows are looked at once it
 * has been still for a moment. */
static void
look_when_settled (PatronOrdersPage *self)
{
  /* the list view, going with the page, may still change */
  if (self->vadjustment == NULL)
    return;

  self->moved_at = g_get_monotonic_time ();
  self->still_frames = 0;
  self->tick_value = gtk_adjustment_get_value (self->vadjustment);
  if (self->settle_tick == 0)
    self->settle_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self->list_view),
                                                      settle_tick_cb, self, NULL);
}

static gboolean
pace_cb (gpointer user_data)
{
  PatronOrdersPage *self = user_data;
  double value = gtk_adjustment_get_value (self->vadjustment);
  double moved = fabs (value - self->paced_value);

  if (moved == 0)
    {
      /* still: settle_tick_cb looks */
      self->pace_source = 0;
      return G_SOURCE_REMOVE;
    }

  self->paced_value = value;
  if (moved <= PACE_SCREENS * gtk_adjustment_get_page_size (self->vadjustment))
    look_at_rows (self);

  return G_SOURCE_CONTINUE;
}

static void
scrolled_cb (PatronOrdersPage *self)
{
  look_when_settled (self);
  if (self->pace_source == 0)
    self->pace_source = g_timeout_add (PACE_MS, pace_cb, self);
}

static void
activate_cb (PatronOrdersPage *self,
             guint             position)
{
  g_autoptr(MedusaOrderSlot) slot = g_list_model_get_item (G_LIST_MODEL (self->orders), position);
  MedusaOrder *order = slot != NULL ? medusa_order_slot_get_order (slot) : NULL;
  PatronOrderWindow *window;

  if (order == NULL)
    {
      /* a failed page is asked for again */
      if (slot != NULL && medusa_order_slot_get_failed (slot))
        medusa_order_list_retry (self->orders, position);
      return;
    }

  window = patron_order_window_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                    patron_session_get_client (self->session),
                                    medusa_order_get_id (order));
  gtk_window_present (GTK_WINDOW (window));
}

static void
back_cb (PatronOrdersPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.navigate", "(ss)", "account", "");
}

/**
 * patron_orders_page_reload:
 *
 * Loads the orders afresh from the first page.
 */
void
patron_orders_page_reload (PatronOrdersPage *self)
{
  g_return_if_fail (PATRON_IS_ORDERS_PAGE (self));

  if (self->orders != NULL)
    medusa_order_list_set_query (self->orders, medusa_order_list_get_query (self->orders));
  expect_session_count (self);
  update_state (self);
}

/* The store answers again: what the copy showed is loaded afresh. */
static void
session_offline_cb (PatronOrdersPage *self)
{
  if (!patron_session_get_offline (self->session))
    patron_orders_page_reload (self);
  else
    update_state (self);
}

static char **
checked_values (PatronOrdersPage *self,
                FilterGroup       group)
{
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (choices[i].group == group && gtk_check_button_get_active (self->checks[i]))
      g_strv_builder_add (builder, choices[i].value);

  return g_strv_builder_end (builder);
}

/* The range as the user sees it: the earlier day first, whichever button it
 * was picked with. */
static void
get_range (PatronOrdersPage  *self,
           GDateTime        **first,
           GDateTime        **last)
{
  *first = self->from_date;
  *last = self->to_date;
  if (*first != NULL && *last != NULL && g_date_time_compare (*first, *last) > 0)
    {
      *first = self->to_date;
      *last = self->from_date;
    }
}

/**
 * patron_orders_page_history_query:
 *
 * The page's query for the whole history, before any filter or search: what
 * a row shows, no more (the client's dialect spells it out), so a page is
 * smaller to send, parse and keep. The order window asks for the whole order.
 *
 * Returns: (transfer full): a new query
 */
MedusaOrderQuery *
patron_orders_page_history_query (void)
{
  MedusaOrderQuery *query = medusa_order_query_new ();

  medusa_order_query_set_detail (query, MEDUSA_ORDER_DETAIL_SUMMARY);

  return query;
}

static MedusaOrderQuery *
query_from_filters (PatronOrdersPage *self)
{
  MedusaOrderQuery *query = patron_orders_page_history_query ();
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (self->search_entry)));
  g_auto(GStrv) statuses = checked_values (self, FILTER_STATUS);
  g_auto(GStrv) fulfillment = checked_values (self, FILTER_FULFILLMENT);
  g_auto(GStrv) payment = checked_values (self, FILTER_PAYMENT);
  g_autoptr(GDateTime) before = NULL;
  GDateTime *first;
  GDateTime *last;

  /* what the store cannot do is hidden, and left out even if set before */
  medusa_order_query_set_statuses (query, (const char * const *)statuses);
  if (gtk_widget_get_visible (GTK_WIDGET (self->search_entry)))
    medusa_order_query_set_search (query, text);
  if (gtk_widget_get_visible (GTK_WIDGET (self->fulfillment_box)))
    medusa_order_query_set_fulfillment_statuses (query, (const char * const *)fulfillment);
  if (gtk_widget_get_visible (GTK_WIDGET (self->payment_box)))
    medusa_order_query_set_payment_statuses (query, (const char * const *)payment);

  /* the last day counts whole: up to the midnight that ends it */
  get_range (self, &first, &last);
  if (last != NULL)
    before = g_date_time_add_days (last, 1);
  if (gtk_widget_get_visible (self->date_grid))
    medusa_order_query_set_created_range (query, first, before);

  return query;
}

static void
update_filter_widgets (PatronOrdersPage *self)
{
  g_autoptr(GPtrArray) parts = g_ptr_array_new_with_free_func (g_free);
  g_autofree char *summary = NULL;
  GDateTime *first;
  GDateTime *last;

  if (self->from_date != NULL)
    {
      g_autofree char *day = patron_format_local_time (self->from_date, "%x");

      gtk_menu_button_set_label (self->from_button, day);
    }
  else
    gtk_menu_button_set_label (self->from_button, _("Any Date"));

  if (self->to_date != NULL)
    {
      g_autofree char *day = patron_format_local_time (self->to_date, "%x");

      gtk_menu_button_set_label (self->to_button, day);
    }
  else
    gtk_menu_button_set_label (self->to_button, _("Any Date"));

  get_range (self, &first, &last);
  if (first != NULL && last != NULL)
    {
      g_autofree char *a = patron_format_local_time (first, "%x");
      g_autofree char *b = patron_format_local_time (last, "%x");

      /* Translators: a date range of the filter, e.g. "Placed 01/02/2025 – 31/03/2025" */
      g_ptr_array_add (parts, g_strdup_printf (_("Placed %s – %s"), a, b));
    }
  else if (first != NULL)
    {
      g_autofree char *a = patron_format_local_time (first, "%x");

      /* Translators: "Placed since 01/02/2025", the first day included */
      g_ptr_array_add (parts, g_strdup_printf (_("Placed since %s"), a));
    }
  else if (last != NULL)
    {
      g_autofree char *b = patron_format_local_time (last, "%x");

      /* Translators: "Placed until 31/03/2025", the last day included */
      g_ptr_array_add (parts, g_strdup_printf (_("Placed until %s"), b));
    }

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    if (gtk_check_button_get_active (self->checks[i]))
      g_ptr_array_add (parts, g_strdup (choice_word (i)));

  g_ptr_array_add (parts, NULL);
  /* Translators: the separator between the active filters in their summary */
  summary = g_strjoinv (_(", "), (char **)parts->pdata);
  gtk_label_set_text (self->filter_summary, summary);
  gtk_widget_set_tooltip_text (GTK_WIDGET (self->filter_summary), summary);
  gtk_revealer_set_reveal_child (self->filter_revealer, has_filters (self));
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.clear-filters", has_filters (self));
}

/* A new search or filter starts the list over; the pages still in flight
 * for the old one are cancelled by the list. */
static void
filters_changed_cb (PatronOrdersPage *self)
{
  g_autoptr(MedusaOrderQuery) query = NULL;

  if (self->updating_filters)
    return;

  update_filter_widgets (self);

  /* the field says so; the list stays as it was */
  if (self->orders == NULL ||
      patron_text_is_longer (gtk_editable_get_text (self->search_entry),
                             PATRON_MAX_SEARCH_LENGTH))
    return;

  query = query_from_filters (self);
  if (medusa_order_query_equal (query, medusa_order_list_get_query (self->orders)))
    return;

  medusa_order_list_set_query (self->orders, query);
  expect_session_count (self);
  update_state (self);
}

static void
set_day (PatronOrdersPage  *self,
         GDateTime        **day,
         GtkCalendar       *calendar,
         GtkMenuButton     *button)
{
  g_autoptr(GDateTime) picked = NULL;

  if (calendar != NULL)
    {
      g_autoptr(GDateTime) date = gtk_calendar_get_date (calendar);

      picked = g_date_time_new_local (g_date_time_get_year (date),
                                      g_date_time_get_month (date),
                                      g_date_time_get_day_of_month (date),
                                      0, 0, 0);
    }

  if (*day == picked ||
      (*day != NULL && picked != NULL && g_date_time_equal (*day, picked)))
    {
      gtk_menu_button_popdown (button);
      return;
    }

  g_clear_pointer (day, g_date_time_unref);
  *day = g_steal_pointer (&picked);
  gtk_menu_button_popdown (button);
  filters_changed_cb (self);
}

static void
from_day_selected_cb (PatronOrdersPage *self)
{
  set_day (self, &self->from_date, self->from_calendar, self->from_button);
}

static void
to_day_selected_cb (PatronOrdersPage *self)
{
  set_day (self, &self->to_date, self->to_calendar, self->to_button);
}

static void
clear_from_cb (PatronOrdersPage *self)
{
  set_day (self, &self->from_date, NULL, self->from_button);
}

static void
clear_to_cb (PatronOrdersPage *self)
{
  set_day (self, &self->to_date, NULL, self->to_button);
}

/* A date button's popover, with its calendar and "Any Date". */
static GtkWidget *
date_popover_new (PatronOrdersPage  *self,
                  GtkCalendar      **calendar,
                  GDateTime         *day,
                  GCallback          day_selected,
                  GCallback          clear)
{
  GtkWidget *popover = gtk_popover_new ();
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 6);
  GtkWidget *any_date = gtk_button_new_with_label (_("Any Date"));

  *calendar = GTK_CALENDAR (gtk_calendar_new ());
  if (day != NULL)
    gtk_calendar_select_day (*calendar, day);
  g_signal_connect_object (*calendar, "day-selected", day_selected, self, G_CONNECT_SWAPPED);
  g_signal_connect_object (any_date, "clicked", clear, self, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (*calendar));
  gtk_box_append (GTK_BOX (box), any_date);
  gtk_popover_set_child (GTK_POPOVER (popover), box);

  return popover;
}

/* The calendars are made when their button first opens: two calendars were
 * most of what making the orders page took, on the way to its first page. */
static void
create_from_popover_cb (GtkMenuButton *button,
                        gpointer       user_data)
{
  PatronOrdersPage *self = user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_popover (button,
                                 date_popover_new (self, &self->from_calendar, self->from_date,
                                                   G_CALLBACK (from_day_selected_cb),
                                                   G_CALLBACK (clear_from_cb)));
}

static void
create_to_popover_cb (GtkMenuButton *button,
                      gpointer       user_data)
{
  PatronOrdersPage *self = user_data;

  if (gtk_menu_button_get_popover (button) == NULL)
    gtk_menu_button_set_popover (button,
                                 date_popover_new (self, &self->to_calendar, self->to_date,
                                                   G_CALLBACK (to_day_selected_cb),
                                                   G_CALLBACK (clear_to_cb)));
}

static void
clear_filters (PatronOrdersPage *self)
{
  self->updating_filters = TRUE;
  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    gtk_check_button_set_active (self->checks[i], FALSE);
  g_clear_pointer (&self->from_date, g_date_time_unref);
  g_clear_pointer (&self->to_date, g_date_time_unref);
  self->updating_filters = FALSE;
}

static void
clear_filters_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *param)
{
  PatronOrdersPage *self = PATRON_ORDERS_PAGE (widget);

  clear_filters (self);
  filters_changed_cb (self);
}

static void
show_all_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *param)
{
  PatronOrdersPage *self = PATRON_ORDERS_PAGE (widget);

  clear_filters (self);
  self->updating_filters = TRUE;
  gtk_editable_set_text (self->search_entry, "");
  self->updating_filters = FALSE;
  filters_changed_cb (self);
}

static void
refresh_action (GtkWidget  *widget,
                const char *action_name,
                GVariant   *param)
{
  patron_orders_page_reload (PATRON_ORDERS_PAGE (widget));
}

static void
reload_cb (PatronOrdersPage *self)
{
  patron_orders_page_reload (self);
}

/* Esc: a first one clears the search, the next one leaves it for the list */
static void
stop_search_cb (PatronOrdersPage *self)
{
  if (gtk_editable_get_text (self->search_entry)[0] != '\0')
    gtk_editable_set_text (self->search_entry, "");
  else
    gtk_widget_child_focus (GTK_WIDGET (self->list_view), GTK_DIR_TAB_FORWARD);
}

static gboolean
focus_search (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  return gtk_widget_grab_focus (GTK_WIDGET (PATRON_ORDERS_PAGE (widget)->search_entry));
}

/* ------------------------------------------------------------------------
 * Export as CSV: every order the filters match, not only the loaded ones
 */

static void
show_export_state (PatronOrdersPage *self,
                   const char       *text,
                   gboolean          running,
                   gboolean          done)
{
  gtk_label_set_text (self->export_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->export_progress), running);
  gtk_widget_set_visible (self->export_open_button, done);
  gtk_label_set_text_with_mnemonic (self->export_close_label,
                                    running ? _("_Cancel") : _("_Dismiss"));
  gtk_accessible_update_property (GTK_ACCESSIBLE (gtk_widget_get_parent (
                                    GTK_WIDGET (self->export_close_label))),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  running ? _("Cancel") : _("Dismiss"), -1);
  gtk_revealer_set_reveal_child (self->export_revealer, TRUE);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.export", !running);
}

static void
export_progress_cb (guint    n_done,
                    guint    n_total,
                    gpointer user_data)
{
  PatronOrdersPage *self = user_data;
  g_autofree char *text = NULL;

  /* Translators: progress of an export, e.g. "Exporting 300 of 1,200 orders…" */
  text = g_strdup_printf (ngettext ("Exporting %u of %u order…", "Exporting %u of %u orders…",
                                    n_total),
                          n_done, n_total);
  gtk_label_set_text (self->export_label, text);
  gtk_progress_bar_set_fraction (self->export_progress,
                                 n_total > 0 ? (double) n_done / n_total : 0.0);
}

static void
export_done_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PatronOrdersPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *text = NULL;
  g_autofree char *name = NULL;
  guint n_orders = 0;

  g_clear_object (&self->export_cancellable);

  if (!patron_orders_export_finish (result, &n_orders, &error))
    {
      g_autofree char *sentence = NULL;

      g_clear_object (&self->export_file);
      if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
          gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.export", TRUE);
          return;
        }

      sentence = patron_error_to_sentence (error, PATRON_ACTION_OTHER);
      show_export_state (self, sentence, FALSE, FALSE);
      return;
    }

  name = g_file_get_basename (self->export_file);
  /* Translators: "Exported 255 orders to Orders 2026-11-29.csv" */
  text = g_strdup_printf (ngettext ("Exported %u order to %s", "Exported %u orders to %s",
                                    n_orders),
                          n_orders, name);
  show_export_state (self, text, FALSE, TRUE);
}

/**
 * patron_orders_page_export:
 * @file: where to write
 *
 * Writes every order the current search and filters match to @file as CSV,
 * showing the progress below the list. Closing the page cancels it, and a
 * cancelled or failed export leaves no file behind.
 */
void
patron_orders_page_export (PatronOrdersPage *self,
                           GFile            *file)
{
  g_return_if_fail (PATRON_IS_ORDERS_PAGE (self));
  g_return_if_fail (G_IS_FILE (file));

  if (self->orders == NULL || self->export_cancellable != NULL)
    return;

  g_set_object (&self->export_file, file);
  self->export_cancellable = g_cancellable_new ();
  gtk_progress_bar_set_fraction (self->export_progress, 0.0);
  show_export_state (self, _("Exporting orders…"), TRUE, FALSE);
  patron_orders_export_async (patron_session_get_client (self->session),
                              medusa_order_list_get_query (self->orders),
                              file,
                              self->export_cancellable,
                              export_progress_cb, self,
                              export_done_cb, g_object_ref (self));
}

static GtkFileFilter *
csv_filter (void)
{
  GtkFileFilter *filter = gtk_file_filter_new ();

  gtk_file_filter_set_name (filter, _("CSV Files"));
  gtk_file_filter_add_mime_type (filter, "text/csv");
  gtk_file_filter_add_suffix (filter, "csv");

  return filter;
}

#if GTK_CHECK_VERSION (4, 10, 0)
G_GNUC_BEGIN_IGNORE_DEPRECATIONS

static void
export_chosen_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PatronOrdersPage) self = user_data;
  g_autoptr(GFile) file = gtk_file_dialog_save_finish (GTK_FILE_DIALOG (object), result, NULL);

  if (file != NULL)
    patron_orders_page_export (self, file);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PatronOrdersPage *self = PATRON_ORDERS_PAGE (widget);
  g_autoptr(GtkFileDialog) dialog = gtk_file_dialog_new ();
  g_autoptr(GtkFileFilter) filter = csv_filter ();
  g_autoptr(GListStore) filters = g_list_store_new (GTK_TYPE_FILE_FILTER);
  g_autofree char *name = patron_orders_export_suggest_name (NULL);

  g_list_store_append (filters, filter);
  gtk_file_dialog_set_title (dialog, _("Export Orders"));
  gtk_file_dialog_set_accept_label (dialog, _("_Export"));
  gtk_file_dialog_set_initial_name (dialog, name);
  gtk_file_dialog_set_filters (dialog, G_LIST_MODEL (filters));
  gtk_file_dialog_set_default_filter (dialog, filter);
  gtk_file_dialog_save (dialog, GTK_WINDOW (gtk_widget_get_root (widget)), NULL,
                        export_chosen_cb, g_object_ref (self));
}

G_GNUC_END_IGNORE_DEPRECATIONS
#else

static void
export_response_cb (GtkNativeDialog  *chooser,
                    int               response,
                    PatronOrdersPage *self)
{
  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GFile) file = gtk_file_chooser_get_file (GTK_FILE_CHOOSER (chooser));

      if (file != NULL)
        patron_orders_page_export (self, file);
    }

  gtk_native_dialog_destroy (chooser);
  g_clear_object (&self->export_chooser);
}

static void
export_action (GtkWidget  *widget,
               const char *action_name,
               GVariant   *param)
{
  PatronOrdersPage *self = PATRON_ORDERS_PAGE (widget);
  GtkFileChooserNative *chooser;
  g_autofree char *name = patron_orders_export_suggest_name (NULL);

  if (self->export_chooser != NULL)
    return;

  /* GTK 4.8 has no GtkFileDialog; its portal-aware chooser is this one */
  chooser = gtk_file_chooser_native_new (_("Export Orders"),
                                         GTK_WINDOW (gtk_widget_get_root (widget)),
                                         GTK_FILE_CHOOSER_ACTION_SAVE,
                                         _("_Export"), _("_Cancel"));
  gtk_native_dialog_set_modal (GTK_NATIVE_DIALOG (chooser), TRUE);
  gtk_file_chooser_set_current_name (GTK_FILE_CHOOSER (chooser), name);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), csv_filter ());
  g_signal_connect_object (chooser, "response", G_CALLBACK (export_response_cb), self, 0);
  self->export_chooser = GTK_NATIVE_DIALOG (chooser);
  gtk_native_dialog_show (self->export_chooser);
}

#endif

static void
close_export_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *param)
{
  PatronOrdersPage *self = PATRON_ORDERS_PAGE (widget);

  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);
  else
    gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
}

static void
open_export_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *param)
{
  PatronOrdersPage *self = PATRON_ORDERS_PAGE (widget);
  GtkWindow *window = GTK_WINDOW (gtk_widget_get_root (widget));

  if (self->export_file == NULL)
    return;

  /* through the portal in a sandbox, either way */
#if GTK_CHECK_VERSION (4, 10, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  {
    g_autoptr(GtkFileLauncher) launcher = gtk_file_launcher_new (self->export_file);

    gtk_file_launcher_launch (launcher, window, NULL, NULL, NULL);
  }
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  {
    g_autofree char *uri = g_file_get_uri (self->export_file);

    gtk_show_uri (window, uri, GDK_CURRENT_TIME);
  }
#endif
  gtk_revealer_set_reveal_child (self->export_revealer, FALSE);
}

static void
patron_orders_page_dispose (GObject *object)
{
  PatronOrdersPage *self = (PatronOrdersPage *)object;

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  if (self->settle_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self->list_view), self->settle_tick);
  self->settle_tick = 0;
  g_clear_handle_id (&self->pace_source, g_source_remove);
  if (self->vadjustment != NULL)
    g_signal_handlers_disconnect_by_data (self->vadjustment, self);
  g_clear_object (&self->vadjustment);
  g_clear_object (&self->orders);
  g_clear_object (&self->session);
  g_clear_object (&self->visit);
  if (self->offline_banner != NULL)
    patron_offline_banner_set_session (self->offline_banner, NULL);
  g_clear_object (&self->offline_banner);
  g_clear_pointer (&self->from_date, g_date_time_unref);
  g_clear_pointer (&self->to_date, g_date_time_unref);
  g_cancellable_cancel (self->export_cancellable);
  g_clear_object (&self->export_cancellable);
  g_clear_object (&self->export_file);
#if !GTK_CHECK_VERSION (4, 10, 0)
  if (self->export_chooser != NULL)
    gtk_native_dialog_destroy (self->export_chooser);
  g_clear_object (&self->export_chooser);
#endif

  gtk_widget_dispose_template (GTK_WIDGET (self), PATRON_TYPE_ORDERS_PAGE);

  G_OBJECT_CLASS (patron_orders_page_parent_class)->dispose (object);
}

static void
patron_orders_page_class_init (PatronOrdersPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = patron_orders_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patronapp/Patron/ui/"
                                               "patron-orders-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, title);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, offline_search_label);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, orders_menu);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, search_entry);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, search_error_label);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, from_button);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, to_button);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, fulfillment_box);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, payment_box);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, date_heading);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, date_grid);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, fulfillment_heading);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, payment_heading);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, unsupported_label);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, filter_revealer);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, filter_summary);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, export_revealer);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, export_label);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, export_progress);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, export_open_button);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, export_close_label);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
  gtk_widget_class_bind_template_callback (widget_class, reload_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  /* back to the account, as Settings goes back from a panel of its own (the
   * search field takes its Escape first) */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.navigate", "(ss)", "account", "");

  gtk_widget_class_install_action (widget_class, "orders.refresh", NULL, refresh_action);
  gtk_widget_class_install_action (widget_class, "orders.clear-filters", NULL,
                                   clear_filters_action);
  gtk_widget_class_install_action (widget_class, "orders.show-all", NULL, show_all_action);
  gtk_widget_class_install_action (widget_class, "orders.export", NULL, export_action);
  gtk_widget_class_install_action (widget_class, "orders.close-export", NULL,
                                   close_export_action);
  gtk_widget_class_install_action (widget_class, "orders.open-export", NULL,
                                   open_export_action);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search, NULL);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "orders.refresh", NULL);
}

static GtkBox *
choice_box (PatronOrdersPage *self,
            FilterGroup       group)
{
  switch (group)
    {
    case FILTER_STATUS:
      return self->status_box;
    case FILTER_FULFILLMENT:
      return self->fulfillment_box;
    case FILTER_PAYMENT:
      return self->payment_box;
    default:
      g_assert_not_reached ();
    }
}

static void
patron_orders_page_init (PatronOrdersPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  /* the offline copy's banner: one of the page's own, since moving the
   * window's here at each slide costs a new layout of both pages */
  self->offline_banner = g_object_ref (PATRON_OFFLINE_BANNER (patron_offline_banner_new ()));
  gtk_widget_insert_after (GTK_WIDGET (self->offline_banner),
                           gtk_widget_get_parent (GTK_WIDGET (self->header_bar)),
                           GTK_WIDGET (self->header_bar));
  /* its placeholder says what it matches; this is what it is */
  g_object_set_data (G_OBJECT (self->search_entry), "patron-field-name",
                     (gpointer) _("Search orders"));
  patron_form_set_max_length (self->search_entry, PATRON_MAX_SEARCH_LENGTH,
                              self->search_error_label);
  patron_menu_button_set_menu_later (self->menu_button, self->orders_menu);
#if ADW_CHECK_VERSION (1, 4, 0)
  /* in an AdwNavigationView the header bar would add a back button of its
   * own beside this page's */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  adw_header_bar_set_show_back_button (self->header_bar, FALSE);
  G_GNUC_END_IGNORE_DEPRECATIONS
#endif
  patron_popover_keep_inside (gtk_menu_button_get_popover (self->filter_button));
  patron_spinner_spin_later (self->loading_spinner);
  gtk_menu_button_set_create_popup_func (self->from_button, create_from_popover_cb, self, NULL);
  gtk_menu_button_set_create_popup_func (self->to_button, create_to_popover_cb, self, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (choices); i++)
    {
      self->checks[i] = GTK_CHECK_BUTTON (gtk_check_button_new_with_label (choice_word (i)));
      g_signal_connect_object (self->checks[i], "toggled", G_CALLBACK (filters_changed_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_box_append (choice_box (self, choices[i].group), GTK_WIDGET (self->checks[i]));
    }
  update_filter_widgets (self);

  /* the scrolled window gave the list view its adjustment */
  self->vadjustment = g_object_ref (gtk_scrollable_get_vadjustment (
                                      GTK_SCROLLABLE (self->list_view)));
  g_signal_connect_object (self->vadjustment, "value-changed", G_CALLBACK (scrolled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vadjustment, "changed", G_CALLBACK (look_when_settled), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "map", G_CALLBACK (look_when_settled), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}
/* A store may not search or filter by everything (Medusa v2 filters by
 * status only): what it cannot do is not offered, and a sentence says so. */
static void
show_what_the_store_can_do (PatronOrdersPage *self,
                            MedusaClient     *client)
{
  MedusaCapabilities can = medusa_client_get_capabilities (client);
  MedusaCapabilities all = (MEDUSA_CAPABILITY_ORDER_SEARCH | MEDUSA_CAPABILITY_ORDER_DATE_FILTER |
                            MEDUSA_CAPABILITY_ORDER_FULFILLMENT_FILTER |
                            MEDUSA_CAPABILITY_ORDER_PAYMENT_FILTER);
  gboolean dates = (can & MEDUSA_CAPABILITY_ORDER_DATE_FILTER) != 0;
  gboolean fulfillment = (can & MEDUSA_CAPABILITY_ORDER_FULFILLMENT_FILTER) != 0;
  gboolean payment = (can & MEDUSA_CAPABILITY_ORDER_PAYMENT_FILTER) != 0;

  gtk_widget_set_visible (GTK_WIDGET (self->search_entry),
                          (can & MEDUSA_CAPABILITY_ORDER_SEARCH) != 0);
  gtk_widget_set_visible (self->date_heading, dates);
  gtk_widget_set_visible (self->date_grid, dates);
  gtk_widget_set_visible (self->fulfillment_heading, fulfillment);
  gtk_widget_set_visible (GTK_WIDGET (self->fulfillment_box), fulfillment);
  gtk_widget_set_visible (self->payment_heading, payment);
  gtk_widget_set_visible (GTK_WIDGET (self->payment_box), payment);
  gtk_widget_set_visible (self->unsupported_label, (can & all) != all);
}

/* The orders of @session's customer afresh; a @held list asks the store for
 * nothing until released. */
static void
set_session (PatronOrdersPage *self,
             PatronSession    *session,
             gboolean          held)
{
  g_autoptr(GtkNoSelection) selection = NULL;
  g_autoptr(MedusaOrderQuery) query = NULL;

  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->orders);
  self->expected_at = 0;
  if (self->visit != NULL)
    g_signal_handlers_disconnect_by_func (self->visit, expect_session_count, self);
  g_clear_object (&self->visit);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_func (self->session, session_offline_cb, self);
  g_set_object (&self->session, session);
  if (self->offline_banner != NULL)
    patron_offline_banner_set_session (self->offline_banner, session);
  /* another customer, or none: an export of the last one's orders stops */
  if (self->export_cancellable != NULL)
    g_cancellable_cancel (self->export_cancellable);

  if (session == NULL || !patron_session_get_signed_in (session))
    return;

  self->visit = g_object_ref (patron_session_get_visit (session));
  g_signal_connect_object (session, "notify::offline", G_CALLBACK (session_offline_cb), self,
                           G_CONNECT_SWAPPED);
  show_what_the_store_can_do (self, patron_session_get_client (session));
  query = query_from_filters (self);
  self->orders = medusa_order_list_new (patron_session_get_client (session),
                                        PATRON_ORDERS_PAGE_SIZE);
  medusa_order_list_set_held (self->orders, held);
  medusa_order_list_set_query (self->orders, query);
  g_signal_connect_object (self->orders, "notify::loaded", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->orders, "notify::loading", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->orders, "notify::n-items", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->orders, "items-changed", G_CALLBACK (look_when_settled), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->orders)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->visit, "notify::order-count", G_CALLBACK (expect_session_count),
                           self, G_CONNECT_SWAPPED);
  expect_session_count (self);
  update_state (self);
}

/**
 * patron_orders_page_set_session:
 *
 * Shows the orders of @session's customer, loading them afresh.
 */
void
patron_orders_page_set_session (PatronOrdersPage *self,
                                PatronSession    *session)
{
  g_return_if_fail (PATRON_IS_ORDERS_PAGE (self));

  set_session (self, session, FALSE);
}

/**
 * patron_orders_page_prepare:
 *
 * Makes the page ready for @session's orders before it is shown, asking the
 * store for nothing: the list over the number of orders the session knows,
 * and the list view's rows over its placeholders, so that opening the page
 * (patron_orders_page_open()) only asks for the first page and fills them
 * in. Does nothing if the page shows or holds @session's orders already.
 */
void
patron_orders_page_prepare (PatronOrdersPage *self,
                            PatronSession    *session)
{
  g_return_if_fail (PATRON_IS_ORDERS_PAGE (self));
  g_return_if_fail (PATRON_IS_SESSION (session));

  if (self->orders != NULL && self->session == session)
    return;

  set_session (self, session, TRUE);
}

/**
 * patron_orders_page_expect:
 *
 * The page is likely to be shown soon for @session (the pointer is on the
 * way there): its first page is asked for now, once, if the page is not
 * showing @session's orders already.
 */
void
patron_orders_page_expect (PatronOrdersPage *self,
                           PatronSession    *session)
{
  g_return_if_fail (PATRON_IS_ORDERS_PAGE (self));
  g_return_if_fail (PATRON_IS_SESSION (session));

  patron_orders_page_prepare (self, session);
  if (self->orders == NULL || !medusa_order_list_get_held (self->orders))
    return;

  medusa_order_list_set_held (self->orders, FALSE);
  self->expected_at = g_get_monotonic_time ();
}

/**
 * patron_orders_page_open:
 *
 * Shows the orders of @session's customer: those prepared for it
 * (patron_orders_page_prepare()), now asked for; those asked for a moment
 * ago (patron_orders_page_expect(), at most %PATRON_ORDERS_EXPECT_KEEP_S
 * seconds); or else afresh.
 */
void
patron_orders_page_open (PatronOrdersPage *self,
                         PatronSession    *session)
{
  gboolean expected;

  g_return_if_fail (PATRON_IS_ORDERS_PAGE (self));

  expected = self->expected_at != 0 &&
             g_get_monotonic_time () - self->expected_at <
             PATRON_ORDERS_EXPECT_KEEP_S * G_USEC_PER_SEC;
  if (self->orders != NULL && self->session == session &&
      (medusa_order_list_get_held (self->orders) || expected))
    medusa_order_list_set_held (self->orders, FALSE);
  else
    set_session (self, session, FALSE);
  self->expected_at = 0;
}

/**
 * patron_orders_page_set_can_export:
 *
 * At a shared counter workstation nothing of a customer is written to its
 * disk: no Export as CSV.
 */
void
patron_orders_page_set_can_export (PatronOrdersPage *self,
                                   gboolean          can_export)
{
  g_return_if_fail (PATRON_IS_ORDERS_PAGE (self));

  self->cannot_export = !can_export;
  update_state (self);
  if (!can_export)
    gtk_widget_action_set_enabled (GTK_WIDGET (self), "orders.export", FALSE);
}

/**
 * patron_orders_page_get_header_bar:
 *
 * Returns: (transfer none): the page's own header bar, the first child of a
 *   vertical #GtkBox: the window puts its banners under it
 */
GtkWidget *
patron_orders_page_get_header_bar (PatronOrdersPage *self)
{
  g_return_val_if_fail (PATRON_IS_ORDERS_PAGE (self), NULL);

  return GTK_WIDGET (self->header_bar);
}

/* The orders' own section, then each section of the window's main menu as
 * a section of its own (one section of sections would lose the lines
 * between them), as the main menu changes (its "Switch Store" section). */
static void
main_menu_changed_cb (GMenuModel       *main_menu,
                      int               position,
                      int               removed,
                      int               added,
                      PatronOrdersPage *self)
{
  GMenu *menu = G_MENU (self->orders_menu);
  int n_items = g_menu_model_get_n_items (main_menu);

  while (g_menu_model_get_n_items (self->orders_menu) > 1)
    g_menu_remove (menu, 1);
  for (int i = 0; i < n_items; i++)
    {
      g_autoptr(GMenuItem) item = g_menu_item_new_from_model (main_menu, i);

      g_menu_append_item (menu, item);
    }
}

/**
 * patron_orders_page_set_main_menu:
 * @menu: the window's main menu, a menu of sections
 *
 * The page's menu has the orders' actions, then @menu's sections: one menu
 * button in the page's header bar, as on the window's first page.
 */
void
patron_orders_page_set_main_menu (PatronOrdersPage *self,
                                  GMenuModel       *menu)
{
  g_return_if_fail (PATRON_IS_ORDERS_PAGE (self));
  g_return_if_fail (G_IS_MENU_MODEL (menu));

  g_signal_connect_object (menu, "items-changed", G_CALLBACK (main_menu_changed_cb), self, 0);
  main_menu_changed_cb (menu, 0, 0, g_menu_model_get_n_items (menu), self);
}

/**
 * patron_orders_page_set_primary_menu:
 * @primary: whether F10 opens the page's menu
 *
 * The page's menu is the window's primary menu while the page is on screen:
 * F10 would otherwise open the first one GTK finds, of a page still sliding
 * away.
 */
void
patron_orders_page_set_primary_menu (PatronOrdersPage *self,
                                     gboolean          primary)
{
  g_return_if_fail (PATRON_IS_ORDERS_PAGE (self));

  gtk_menu_button_set_primary (self->menu_button, primary);
}
