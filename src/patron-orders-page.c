/* patron-orders-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-orders-page"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-error.h"
#include "patron-form.h"
#include "patron-order-window.h"
#include "patron-orders-page-private.h"
#include "patron-settings.h"

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

G_DEFINE_FINAL_TYPE (PatronOrdersPage, patron_orders_page, ADW_TYPE_BIN)

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
void
_patron_orders_page_expect_session_count (PatronOrdersPage *self)
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

void
_patron_orders_page_update_state (PatronOrdersPage *self)
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
          gtk_widget_set_visible (GTK_WIDGET (self->scan_label), FALSE);
          show_state (self, "error");
        }
      else
        show_state (self, "loading");
      return;
    }
  /* the next look through the history says how far it got afresh */
  gtk_widget_set_visible (GTK_WIDGET (self->scan_label), FALSE);

  if (n_items == 0)
    {
      adw_window_title_set_subtitle (self->title, "");
      gtk_widget_set_visible (GTK_WIDGET (self->offline_search_label), FALSE);
      show_state (self, is_filtered (self) ? "no-match" : "empty");
    }
  else
    {
      /* Translators: the subtitle under "Orders" in the header bar, about
       * 20 characters wide in a 360 px window: "%u orders" will do */
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
  _patron_orders_page_expect_session_count (self);
  _patron_orders_page_update_state (self);
}

/* The store answers again: what the copy showed is loaded afresh. */
static void
session_offline_cb (PatronOrdersPage *self)
{
  if (!patron_session_get_offline (self->session))
    patron_orders_page_reload (self);
  else
    _patron_orders_page_update_state (self);
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
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, scan_label);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, orders_menu);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, search_entry);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, search_error_label);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, filter_button);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, from_button);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, to_button);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, status_box);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, fulfillment_box);
  gtk_widget_class_bind_template_child (widget_class, PatronOrdersPage, payment_box);
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
  /* back to the account, as Settings goes back from a panel of its own (the
   * search field takes its Escape first) */
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0,
                                       "win.navigate", "(ss)", "account", "");

  gtk_widget_class_install_action (widget_class, "orders.refresh", NULL, refresh_action);
  _patron_orders_page_class_filters_init (klass);
  _patron_orders_page_class_export_init (klass);

  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_F5, 0, "orders.refresh", NULL);
}

static void
patron_orders_page_init (PatronOrdersPage *self)
{
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
  _patron_orders_page_filters_init (self);
  _patron_orders_page_rows_init (self);
}

/* How far Patron's own look through the history got (a search or filter
 * the store cannot do), for the list and for an export */
char *
_patron_orders_page_describe_look (guint seen,
                                   guint count)
{
  count = MAX (count, seen);
  /* Translators: under a spinner, or beside an export's progress bar,
   * while Patron searches a store that cannot search itself:
   * "Looked through 150 of 2,000 orders…" */
  return g_strdup_printf (ngettext ("Looked through %u of %u order…",
                                    "Looked through %u of %u orders…", count),
                          seen, count);
}

/* A search the store cannot do, looked for through the whole history:
 * how far, under the spinner while the first page waits for it. */
static void
scan_progress_cb (PatronOrdersPage  *self,
                  MedusaOrderDetail  detail,
                  guint              seen,
                  guint              count,
                  MedusaClient      *client)
{
  g_autofree char *text = NULL;

  /* an export's look is said by the export */
  if (self->orders == NULL || medusa_order_list_get_loaded (self->orders) ||
      detail != medusa_order_query_get_detail (medusa_order_list_get_query (self->orders)))
    return;

  text = _patron_orders_page_describe_look (seen, count);
  gtk_label_set_label (self->scan_label, text);
  gtk_widget_set_visible (GTK_WIDGET (self->scan_label), TRUE);
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
  gtk_widget_set_visible (GTK_WIDGET (self->scan_label), FALSE);
  self->expected_at = 0;
  if (self->visit != NULL)
    g_signal_handlers_disconnect_by_func (self->visit, _patron_orders_page_expect_session_count,
                                          self);
  g_clear_object (&self->visit);
  if (self->session != NULL)
    {
      g_signal_handlers_disconnect_by_func (self->session, session_offline_cb, self);
      g_signal_handlers_disconnect_by_func (patron_session_get_client (self->session),
                                            scan_progress_cb, self);
    }
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
  g_signal_connect_object (patron_session_get_client (session), "order-scan-progress",
                           G_CALLBACK (scan_progress_cb), self, G_CONNECT_SWAPPED);
  _patron_orders_page_show_what_the_store_can_do (self, patron_session_get_client (session));
  query = _patron_orders_page_query_from_filters (self);
  self->orders = medusa_order_list_new (patron_session_get_client (session),
                                        PATRON_ORDERS_PAGE_SIZE);
  medusa_order_list_set_held (self->orders, held);
  medusa_order_list_set_query (self->orders, query);
  g_signal_connect_object (self->orders, "notify::loaded",
                           G_CALLBACK (_patron_orders_page_update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->orders, "notify::loading",
                           G_CALLBACK (_patron_orders_page_update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->orders, "notify::n-items",
                           G_CALLBACK (_patron_orders_page_update_state), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (self->orders, "items-changed",
                           G_CALLBACK (_patron_orders_page_look_when_settled), self,
                           G_CONNECT_SWAPPED);
  selection = gtk_no_selection_new (g_object_ref (G_LIST_MODEL (self->orders)));
  gtk_list_view_set_model (self->list_view, GTK_SELECTION_MODEL (selection));
  g_signal_connect_object (self->visit, "notify::order-count",
                           G_CALLBACK (_patron_orders_page_expect_session_count), self,
                           G_CONNECT_SWAPPED);
  _patron_orders_page_expect_session_count (self);
  _patron_orders_page_update_state (self);
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
  _patron_orders_page_update_state (self);
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
