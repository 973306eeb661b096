/* patron-orders-page-filters.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-orders-page"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-form.h"
#include "patron-money.h"
#include "patron-orders-page-private.h"
#include "patron-text.h"

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

G_STATIC_ASSERT (G_N_ELEMENTS (choices) == PATRON_ORDERS_N_CHOICES);

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

MedusaOrderQuery *
_patron_orders_page_query_from_filters (PatronOrdersPage *self)
{
  MedusaOrderQuery *query = patron_orders_page_history_query ();
  g_autofree char *text = g_strstrip (g_strdup (gtk_editable_get_text (self->search_entry)));
  g_auto(GStrv) statuses = checked_values (self, FILTER_STATUS);
  g_auto(GStrv) fulfillment = checked_values (self, FILTER_FULFILLMENT);
  g_auto(GStrv) payment = checked_values (self, FILTER_PAYMENT);
  g_autoptr(GDateTime) before = NULL;
  GDateTime *first;
  GDateTime *last;

  /* what the store cannot do, the client does (MedusaClient looks through
   * the whole history) */
  medusa_order_query_set_statuses (query, (const char * const *)statuses);
  medusa_order_query_set_search (query, text);
  medusa_order_query_set_fulfillment_statuses (query, (const char * const *)fulfillment);
  medusa_order_query_set_payment_statuses (query, (const char * const *)payment);

  /* the last day counts whole: up to the midnight that ends it */
  get_range (self, &first, &last);
  if (last != NULL)
    before = g_date_time_add_days (last, 1);
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

  query = _patron_orders_page_query_from_filters (self);
  if (medusa_order_query_equal (query, medusa_order_list_get_query (self->orders)))
    return;

  medusa_order_list_set_query (self->orders, query);
  _patron_orders_page_expect_session_count (self);
  _patron_orders_page_update_state (self);
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

/* A store may not search or filter by everything (Medusa v2 filters by
 * status only): the client then looks through the whole history itself
 * (MedusaClient::order-scan-progress), which a sentence says; its search
 * finds orders by number only. */
void
_patron_orders_page_show_what_the_store_can_do (PatronOrdersPage *self,
                                                MedusaClient     *client)
{
  MedusaCapabilities can = medusa_client_get_capabilities (client);
  MedusaCapabilities all = (MEDUSA_CAPABILITY_ORDER_SEARCH | MEDUSA_CAPABILITY_ORDER_DATE_FILTER |
                            MEDUSA_CAPABILITY_ORDER_FULFILLMENT_FILTER |
                            MEDUSA_CAPABILITY_ORDER_PAYMENT_FILTER);
  gboolean by_store = (can & MEDUSA_CAPABILITY_ORDER_SEARCH) != 0;

  g_object_set (self->search_entry, "placeholder-text",
                by_store ? _("Number, email or name") : _("Order number"), NULL);
  gtk_accessible_update_property (GTK_ACCESSIBLE (self->search_entry),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION,
                                  by_store ? _("Finds orders by their number, email address or "
                                               "name, not by product")
                                           : _("Finds orders by their number"),
                                  -1);
  gtk_widget_set_visible (self->unsupported_label, (can & all) != all);
}

void
_patron_orders_page_class_filters_init (PatronOrdersPageClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  gtk_widget_class_bind_template_callback (widget_class, filters_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, stop_search_cb);
  gtk_widget_class_install_action (widget_class, "orders.clear-filters", NULL,
                                   clear_filters_action);
  gtk_widget_class_install_action (widget_class, "orders.show-all", NULL, show_all_action);
  gtk_widget_class_add_binding (widget_class, GDK_KEY_f, GDK_CONTROL_MASK, focus_search, NULL);
}

/* The date buttons' popovers, made when first opened, and a check button
 * for each choice. */
void
_patron_orders_page_filters_init (PatronOrdersPage *self)
{
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
}
