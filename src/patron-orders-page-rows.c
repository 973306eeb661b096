/* patron-orders-page-rows.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-orders-page"

#include "config.h"

#include <glib/gi18n.h>
#include <math.h>

#include "patron-money.h"
#include "patron-order-row.h"
#include "patron-orders-page-private.h"

/* While the list moves, how often it is looked at, and how far it may have
 * moved since (a share of the screen) to count as read, not flown over. */
#define PACE_MS 250
#define PACE_SCREENS 0.5

/* The list item a row was made for (its position), on the row. */
#define LIST_ITEM_KEY "patron-list-item"

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
  /* set when rows are found: a release build's GCC cannot tell */
  guint first = 0, last = 0, n;

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
void
_patron_orders_page_look_when_settled (PatronOrdersPage *self)
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
  _patron_orders_page_look_when_settled (self);
  if (self->pace_source == 0)
    self->pace_source = g_timeout_add (PACE_MS, pace_cb, self);
}

/* The rows of the list view, and the pages of those on screen asked for as
 * the list moves, grows or comes on screen. */
void
_patron_orders_page_rows_init (PatronOrdersPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  /* the scrolled window gave the list view its adjustment */
  self->vadjustment = g_object_ref (gtk_scrollable_get_vadjustment (
                                      GTK_SCROLLABLE (self->list_view)));
  g_signal_connect_object (self->vadjustment, "value-changed", G_CALLBACK (scrolled_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->vadjustment, "changed",
                           G_CALLBACK (_patron_orders_page_look_when_settled), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->list_view, "map",
                           G_CALLBACK (_patron_orders_page_look_when_settled), self,
                           G_CONNECT_SWAPPED);

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), self);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
}
