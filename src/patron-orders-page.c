/* patron-orders-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-orders-page"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-error.h"
#include "patron-money.h"
#include "patron-order-window.h"
#include "patron-orders-page.h"

/**
 * PatronOrdersPage:
 *
 * The customer's whole order history in a #GtkListView over a
 * #MedusaOrderList: rows of pages not loaded yet show a placeholder and fill
 * in when their page arrives.
 */

#define PAGE_SIZE_KEY "orders-page-size"
#define ROW_FIELDS "id,display_id,status,fulfillment_status,payment_status,created_at," \
                   "currency_code,total"

struct _PatronOrdersPage
{
  AdwBin           parent_instance;

  PatronSession   *session;
  MedusaOrderList *orders;
  GSettings       *settings;

  GtkLabel        *count_label;
  GtkStack        *stack;
  AdwStatusPage   *error_page;
  GtkListView     *list_view;
  GtkEditable     *search_entry;
  GtkDropDown     *status_dropdown;
};

/* The dropdown's choices, in its order: which statuses each one asks for. */
static const struct {
  const char *status;
  const char *fulfillment;
  const char *payment;
} filters[] = {
  { NULL, NULL, NULL },
  { "pending", NULL, NULL },
  { "completed", NULL, NULL },
  { "canceled", NULL, NULL },
  { NULL, "not_fulfilled", NULL },
  { NULL, "shipped", NULL },
  { NULL, NULL, "refunded" },
};

G_DEFINE_FINAL_TYPE (PatronOrdersPage, patron_orders_page, ADW_TYPE_BIN)

static void
update_state (PatronOrdersPage *self)
{
  const GError *error;
  guint n_items;

  if (self->orders == NULL)
    return;

  n_items = g_list_model_get_n_items (G_LIST_MODEL (self->orders));
  error = medusa_order_list_get_error (self->orders);

  if (!medusa_order_list_get_loaded (self->orders))
    {
      gtk_label_set_text (self->count_label, "");
      if (error != NULL)
        {
          g_autofree char *sentence = patron_error_to_sentence (error, PATRON_ACTION_OTHER);

          adw_status_page_set_description (self->error_page, sentence);
          gtk_stack_set_visible_child_name (self->stack, "error");
        }
      else
        gtk_stack_set_visible_child_name (self->stack, "loading");
      return;
    }

  if (n_items == 0)
    {
      const MedusaOrderQuery *query = medusa_order_list_get_query (self->orders);
      gboolean filtered = medusa_order_query_get_search (query) != NULL ||
                          gtk_drop_down_get_selected (self->status_dropdown) != 0;

      gtk_label_set_text (self->count_label, "");
      gtk_stack_set_visible_child_name (self->stack, filtered ? "no-match" : "empty");
    }
  else
    {
      g_autofree char *text = g_strdup_printf (ngettext ("Showing %u order",
                                                         "Showing %u orders", n_items),
                                               n_items);

      gtk_label_set_text (self->count_label, text);
      gtk_stack_set_visible_child_name (self->stack, "list");
    }
}

typedef struct
{
  GtkLabel *number;
  GtkLabel *date;
  GtkLabel *status;
  GtkLabel *total;
} RowLabels;

static GtkLabel *
new_label (GtkBox     *box,
           float       xalign,
           const char *css_class)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), xalign);
  gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  if (css_class != NULL)
    gtk_widget_add_css_class (label, css_class);
  gtk_box_append (box, label);

  return GTK_LABEL (label);
}

static void
setup_row_cb (GtkSignalListItemFactory *factory,
              GtkListItem              *item,
              gpointer                  user_data)
{
  GtkWidget *row = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  GtkWidget *middle = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  RowLabels *labels = g_new0 (RowLabels, 1);

  gtk_widget_set_margin_top (row, 6);
  gtk_widget_set_margin_bottom (row, 6);
  labels->number = new_label (GTK_BOX (row), 0.0, "heading");
  gtk_widget_set_size_request (GTK_WIDGET (labels->number), 64, -1);
  gtk_widget_set_hexpand (middle, TRUE);
  gtk_box_append (GTK_BOX (row), middle);
  labels->date = new_label (GTK_BOX (middle), 0.0, NULL);
  labels->status = new_label (GTK_BOX (middle), 0.0, "dim-label");
  labels->total = new_label (GTK_BOX (row), 1.0, "numeric");

  g_object_set_data_full (G_OBJECT (row), "labels", labels, g_free);
  gtk_list_item_set_child (item, row);
}

static void
show_slot (GtkWidget       *row,
           GParamSpec      *pspec,
           MedusaOrderSlot *slot)
{
  RowLabels *labels = g_object_get_data (G_OBJECT (row), "labels");
  MedusaOrder *order = medusa_order_slot_get_order (slot);
  g_autofree char *number = NULL;
  g_autofree char *date = NULL;
  g_autofree char *status = NULL;
  g_autofree char *total = NULL;
  guint n_items;

  if (order == NULL)
    {
      gtk_label_set_text (labels->number, "");
      gtk_label_set_text (labels->date, medusa_order_slot_get_failed (slot)
                                        ? _("Could not be loaded. Select to try again.")
                                        : _("Loading…"));
      gtk_label_set_text (labels->status, "");
      gtk_label_set_text (labels->total, "");
      return;
    }

  n_items = medusa_order_get_item_count (order);
  /* Translators: an order number, e.g. "#1042" */
  number = g_strdup_printf (_("#%" G_GINT64_FORMAT), medusa_order_get_display_id (order));
  if (medusa_order_get_created_at (order) != NULL)
    {
      g_autoptr(GDateTime) local = g_date_time_to_local (medusa_order_get_created_at (order));

      /* the user's locale's date */
      date = g_date_time_format (local, "%x");
    }
  status = g_strdup_printf (ngettext ("%s · %s · %s · %u item", "%s · %s · %s · %u items",
                                      n_items),
                            patron_order_status_word (medusa_order_get_status (order)),
                            patron_fulfillment_word (medusa_order_get_fulfillment_status (order)),
                            patron_payment_word (medusa_order_get_payment_status (order)),
                            n_items);
  total = patron_format_money (medusa_order_get_total (order),
                               medusa_order_get_currency_code (order));

  gtk_label_set_text (labels->number, number);
  gtk_label_set_text (labels->date, date != NULL ? date : "");
  gtk_label_set_text (labels->status, status);
  gtk_label_set_text (labels->total, total);
}

static void
bind_row_cb (GtkSignalListItemFactory *factory,
             GtkListItem              *item,
             gpointer                  user_data)
{
  GtkWidget *row = gtk_list_item_get_child (item);
  MedusaOrderSlot *slot = gtk_list_item_get_item (item);

  show_slot (row, NULL, slot);
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
  update_state (self);
}

static MedusaOrderQuery *
query_from_filters (PatronOrdersPage *self)
{
  MedusaOrderQuery *query = medusa_order_query_new ();
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (self->search_entry)));
  guint selected = gtk_drop_down_get_selected (self->status_dropdown);

  /* What a row shows, no more: of v1's default relations the list keeps
   * only the items (for their count), so a page is smaller to send, parse
   * and keep. The order window asks for the whole order. */
  medusa_order_query_set_fields (query, ROW_FIELDS);
  medusa_order_query_set_expand (query, "items");
  medusa_order_query_set_search (query, text);
  if (selected < G_N_ELEMENTS (filters))
    {
      const char *status[] = { filters[selected].status, NULL };
      const char *fulfillment[] = { filters[selected].fulfillment, NULL };
      const char *payment[] = { filters[selected].payment, NULL };

      medusa_order_query_set_statuses (query, status);
      medusa_order_query_set_fulfillment_statuses (query, fulfillment);
      medusa_order_query_set_payment_statuses (query, payment);
    }

  return query;
}

/* A new search or filter starts the list over; the pages still in flight
 * for the old one are cancelled by the list. */
static void
filters_changed_cb (PatronOrdersPage *self)
{
  g_autoptr(MedusaOrderQuery) query = NULL;

  if (self->orders == NULL)
    return;

  query = query_from_filters (self);
  if (medusa_order_query_equal (query, medusa_order_list_get_query (self->orders)))
    return;

  medusa_order_list_set_query (self->orders, query);
  update_state (self);
}

static void
reload_cb (PatronOrdersPage *self)
{
  patron_orders_page_reload (self);
}

static gboolean
focus_search (GtkWidget *widget,
              GVariant  *args,
              gpointer   user_data)
{
  return gtk_widget_grab_focus (GTK_WIDGET (PATRON_ORDERS_PAGE (widget)->search_entry));
}

static gboolean
refresh (GtkWidget *widget,
         GVariant  *args,
         gpointer   user_data)
{
  patron_orders_page_reload (PATRON_ORDERS_PAGE (widget));
  return TRUE;
}

static void
patron_orders_page_dispose (GObject *object)
{
  PatronOrdersPage *self = (PatronOrdersPage *)object;

  if (self->list_view != NULL)
    gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->orders);
  g_clear_object (&self->session);
  g_clear_object (&self->settings);

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
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, count_label);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, stack);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, error_page);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, list_view);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, status_dropdown);
  gtk_widget_class_bind_template_callback (widget_class, back_cb);
  gtk_widget_class_bind_template_callback (widget_class, reload_cb);
  gtk_widget_class_bind_template_callback (widget_class, activate_cb);
  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);

  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search, NULL);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_F5, 0, refresh, NULL);
}

static void
patron_orders_page_init (PatronOrdersPage *self)
{
  GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  self->settings = g_settings_new ("io.github.patronapp.Patron");

  g_signal_connect (factory, "setup", G_CALLBACK (setup_row_cb), NULL);
  g_signal_connect (factory, "bind", G_CALLBACK (bind_row_cb), NULL);
  g_signal_connect (factory, "unbind", G_CALLBACK (unbind_row_cb), NULL);
  gtk_list_view_set_factory (self->list_view, factory);
  g_object_unref (factory);
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
  g_autoptr(GtkNoSelection) selection = NULL;

  g_return_if_fail (PATRON_IS_ORDERS_PAGE (self));

  gtk_list_view_set_model (self->list_view, NULL);
  g_clear_object (&self->orders);
  g_set_object (&self->session, session);

  if (session == NULL || !patron_session_get_signed_in (session))
    return;

  self->orders = medusa_order_list_new (patron_session_get_client (session),
                                        g_settings_get_uint (self->settings, PAGE_SIZE_KEY));
  g_signal_connect_object (self->orders, "notify::loaded", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->orders, "notify::loading", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->orders, "notify::n-items", G_CALLBACK (update_state), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->orders)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  {
    g_autoptr(MedusaOrderQuery) query = query_from_filters (self);

    medusa_order_list_set_query (self->orders, query);
  }
  update_state (self);
}
