/* patron-window-pages.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-window"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-form.h"
#include "patron-window-private.h"

static void add_orders_page      (PatronWindow *self);
static void prepare_orders_later (PatronWindow *self);

/* The session, and whether it may be kept, for the pages made so far. */
void
_patron_window_update_pages (PatronWindow *self)
{
  if (self->account_page != NULL)
    patron_account_page_set_session (self->account_page, self->session);
  if (self->sign_in_page != NULL)
    {
      patron_sign_in_page_set_session (self->sign_in_page, self->session);
      patron_sign_in_page_set_can_remember (self->sign_in_page,
                                            _patron_window_keeps_sessions (self));
    }
  if (self->register_page != NULL)
    {
      patron_register_page_set_session (self->register_page, self->session);
      patron_register_page_set_can_remember (self->register_page,
                                             _patron_window_keeps_sessions (self));
    }
  if (self->forgot_page != NULL)
    patron_forgot_page_set_session (self->forgot_page, self->session);
  if (self->reset_page != NULL)
    patron_reset_page_set_session (self->reset_page, self->session);
  if (self->orders_page != NULL)
    patron_orders_page_set_can_export (self->orders_page, _patron_window_keeps_sessions (self));
  if (self->welcome_page != NULL)
    patron_welcome_page_set_store_url (self->welcome_page,
                                       self->session != NULL
                                       ? patron_session_get_store_url (self->session) : NULL);
}

/* The page called @name, made now if it is one of those made when first
 * needed: all but "loading". A start that resumes a kept session makes the
 * account page only once signed in, so that the first frame comes sooner
 * and the keyring's answer is heard sooner; it makes none of the forms,
 * which spares it building, styling and loading the icons of five. */
void
_patron_window_ensure_page (PatronWindow *self,
                            const char   *name)
{
  GtkWidget *page;

  if (gtk_stack_get_child_by_name (self->stack, name) != NULL ||
      (g_str_equal (name, "orders") && self->orders_page != NULL))
    return;

  if (g_str_equal (name, "account"))
    page = GTK_WIDGET (self->account_page = g_object_new (PATRON_TYPE_ACCOUNT_PAGE, NULL));
  else if (g_str_equal (name, "store"))
    page = GTK_WIDGET (self->store_page = g_object_new (PATRON_TYPE_STORE_PAGE, NULL));
  else if (g_str_equal (name, "welcome"))
    {
      page = GTK_WIDGET (self->welcome_page = g_object_new (PATRON_TYPE_WELCOME_PAGE, NULL));
      g_signal_connect_object (page, "notify::has-email",
                               G_CALLBACK (_patron_window_update_idle), self, G_CONNECT_SWAPPED);
    }
  else if (g_str_equal (name, "sign-in"))
    page = GTK_WIDGET (self->sign_in_page = g_object_new (PATRON_TYPE_SIGN_IN_PAGE, NULL));
  else if (g_str_equal (name, "register"))
    page = GTK_WIDGET (self->register_page = g_object_new (PATRON_TYPE_REGISTER_PAGE, NULL));
  else if (g_str_equal (name, "forgot"))
    page = GTK_WIDGET (self->forgot_page = g_object_new (PATRON_TYPE_FORGOT_PAGE, NULL));
  else if (g_str_equal (name, "reset"))
    page = GTK_WIDGET (self->reset_page = g_object_new (PATRON_TYPE_RESET_PAGE, NULL));
  else if (g_str_equal (name, "orders"))
    {
      add_orders_page (self);
      _patron_window_update_pages (self);
      return;
    }
  else
    g_return_if_reached ();

  gtk_stack_add_named (self->stack, page, name);
  _patron_window_update_pages (self);
}

/* ------------------------------------------------------------------------ */
/* One header bar to a page                                                 */

/* The orders are a page of their own, with their own header bar: the
 * account leads there, and its back button, a swipe, Alt+Left or Escape lead
 * back. The template's content (the header bar, the banners and the stack of
 * the other pages) is the first page. */

static gboolean
orders_shown (PatronWindow *self)
{
  if (self->orders_nav_page == NULL)
    return FALSE;
#if ADW_CHECK_VERSION (1, 4, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  return adw_navigation_view_get_visible_page (ADW_NAVIGATION_VIEW (self->navigation)) ==
         ADW_NAVIGATION_PAGE (self->orders_nav_page);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  return adw_leaflet_get_visible_child (ADW_LEAFLET (self->navigation)) == self->orders_nav_page;
#endif
}

/* the name of the page on screen: "orders", or the stack's */
const char *
_patron_window_visible_page (PatronWindow *self)
{
  return orders_shown (self) ? "orders" : gtk_stack_get_visible_child_name (self->stack);
}

/* The countdown of counter mode stays under the header bar of the page on
 * screen, above the offline copy's banner (each page has its own). */
static void
move_banners (PatronWindow *self,
              GtkWidget    *header_bar)
{
  GtkWidget *banner = GTK_WIDGET (self->idle_revealer);

  if (gtk_widget_get_prev_sibling (banner) == header_bar)
    return;
  g_object_ref (banner);
  gtk_box_remove (GTK_BOX (gtk_widget_get_parent (banner)), banner);
  gtk_box_insert_child_after (GTK_BOX (gtk_widget_get_parent (header_bar)), banner, header_bar);
  g_object_unref (banner);
}

static void
navigate (PatronWindow *self,
          gboolean      to_orders)
{
#if ADW_CHECK_VERSION (1, 4, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  if (to_orders && !orders_shown (self))
    {
      adw_navigation_view_push (ADW_NAVIGATION_VIEW (self->navigation),
                                ADW_NAVIGATION_PAGE (self->orders_nav_page));
      self->transition_running = TRUE;
    }
  else if (!to_orders && orders_shown (self))
    self->transition_running =
      adw_navigation_view_pop_to_page (ADW_NAVIGATION_VIEW (self->navigation),
                                       ADW_NAVIGATION_PAGE (self->main_page));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  adw_leaflet_set_visible_child (ADW_LEAFLET (self->navigation),
                                 to_orders ? self->orders_nav_page : self->main_page);
#endif
}

#if !ADW_CHECK_VERSION (1, 4, 0)
static void
move_focus (PatronWindow *self,
            gboolean      orders)
{
  GtkWidget *focus = gtk_root_get_focus (GTK_ROOT (self));

  if (orders)
    {
      if (focus != NULL && gtk_widget_is_ancestor (focus, self->main_page))
        g_set_weak_pointer (&self->focus_left, focus);
      if (focus == NULL || !gtk_widget_is_ancestor (focus, self->orders_nav_page))
        gtk_widget_child_focus (self->orders_nav_page, GTK_DIR_TAB_FORWARD);
    }
  else if (focus == NULL || !gtk_widget_is_ancestor (focus, self->main_page))
    {
      if (self->focus_left == NULL || !gtk_widget_is_ancestor (self->focus_left, self->main_page) ||
          !gtk_widget_grab_focus (self->focus_left))
        gtk_widget_child_focus (self->main_page, GTK_DIR_TAB_FORWARD);
      g_clear_weak_pointer (&self->focus_left);
    }
}
#endif

/* Whichever way the page on screen changed: the window's title and the
 * banners follow it, and a screen reader sees only it. */
static void
navigated_cb (PatronWindow *self)
{
  gboolean orders = orders_shown (self);

  move_banners (self, orders ? patron_orders_page_get_header_bar (self->orders_page)
                             : self->header_bar);
  gtk_window_set_title (GTK_WINDOW (self), orders ? _("Orders") : _("Patron"));
  /* F10 opens the menu of the page on screen, not one sliding away */
  gtk_menu_button_set_primary (self->menu_button, !orders);
  if (self->orders_page != NULL)
    patron_orders_page_set_primary_menu (self->orders_page, orders);
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->main_page),
                               GTK_ACCESSIBLE_STATE_HIDDEN, orders, -1);
  if (self->orders_nav_page != NULL)
    gtk_accessible_update_state (GTK_ACCESSIBLE (self->orders_nav_page),
                                 GTK_ACCESSIBLE_STATE_HIDDEN, !orders, -1);
  _patron_window_update_idle (self);
#if !ADW_CHECK_VERSION (1, 4, 0)
  /* the keyboard follows (AdwNavigationView moves it itself): into the
   * orders, and back to where it was on the first page */
  move_focus (self, orders);
#endif
}

/* Left by a swipe, Alt+Left or Escape, once @page is off screen (at the end
 * of the slide: AdwNavigationPage::hidden, or the leaflet unmaps it; not
 * when the whole window is, the orders still its page): the orders page
 * lets go of the list, as its back button has it do. */
static void
orders_hidden_cb (PatronWindow *self,
                  GtkWidget    *page)
{
  if (page == self->orders_nav_page && !orders_shown (self))
    {
      patron_orders_page_set_session (self->orders_page, NULL);
      prepare_orders_later (self);
    }
}

#if ADW_CHECK_VERSION (1, 4, 0)
static void
page_shown_cb (PatronWindow *self)
{
  self->transition_running = FALSE;
}
#endif

void
_patron_window_make_navigation (PatronWindow *self)
{
  AdwApplicationWindow *window = ADW_APPLICATION_WINDOW (self);
  g_autoptr(GtkWidget) content = g_object_ref (adw_application_window_get_content (window));

  adw_application_window_set_content (window, NULL);
#if ADW_CHECK_VERSION (1, 4, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  self->navigation = adw_navigation_view_new ();
  self->main_page = GTK_WIDGET (adw_navigation_page_new (content, _("Patron")));
  adw_navigation_view_add (ADW_NAVIGATION_VIEW (self->navigation),
                           ADW_NAVIGATION_PAGE (self->main_page));
  g_signal_connect_object (self->navigation, "notify::visible-page",
                           G_CALLBACK (navigated_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->main_page, "shown",
                           G_CALLBACK (page_shown_cb), self, G_CONNECT_SWAPPED);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  self->navigation = adw_leaflet_new ();
  adw_leaflet_set_can_unfold (ADW_LEAFLET (self->navigation), FALSE);
  adw_leaflet_set_can_navigate_back (ADW_LEAFLET (self->navigation), TRUE);
  adw_leaflet_append (ADW_LEAFLET (self->navigation), content);
  self->main_page = content;
  g_signal_connect_object (self->navigation, "notify::visible-child",
                           G_CALLBACK (navigated_cb), self, G_CONNECT_SWAPPED);
#endif
  adw_application_window_set_content (window, self->navigation);
}

static void
add_orders_page (PatronWindow *self)
{
  self->orders_page = g_object_new (PATRON_TYPE_ORDERS_PAGE, NULL);
  patron_orders_page_set_main_menu (self->orders_page, self->primary_menu);
#if ADW_CHECK_VERSION (1, 4, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  self->orders_nav_page = GTK_WIDGET (adw_navigation_page_new (GTK_WIDGET (self->orders_page),
                                                               _("Orders")));
  adw_navigation_view_add (ADW_NAVIGATION_VIEW (self->navigation),
                           ADW_NAVIGATION_PAGE (self->orders_nav_page));
  g_signal_connect_object (self->orders_nav_page, "hidden",
                           G_CALLBACK (orders_hidden_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->orders_nav_page, "shown",
                           G_CALLBACK (page_shown_cb), self, G_CONNECT_SWAPPED);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  self->orders_nav_page = GTK_WIDGET (self->orders_page);
  adw_leaflet_append (ADW_LEAFLET (self->navigation), self->orders_nav_page);
  g_signal_connect_object (self->orders_nav_page, "unmap",
                           G_CALLBACK (orders_hidden_cb), self, G_CONNECT_SWAPPED);
#endif
  gtk_accessible_update_state (GTK_ACCESSIBLE (self->orders_nav_page),
                               GTK_ACCESSIBLE_STATE_HIDDEN, TRUE, -1);
}

/* The orders page is made ready for the customer while they look at the
 * account, once its frame is drawn and nothing else waits: the page, and
 * its list view's rows over the placeholders of the orders the session
 * counted, asking the store for nothing. The click on Orders then only asks
 * for the first page and fills the rows in (patron_orders_page_open()). */
static gboolean
prepare_orders_cb (gpointer user_data)
{
  PatronWindow *self = user_data;

  self->prepare_idle = 0;
  /* still on the account, the orders not sliding away */
  if (self->session == NULL || !patron_session_get_signed_in (self->session) ||
      g_strcmp0 (_patron_window_visible_page (self), "account") != 0 ||
      (self->orders_nav_page != NULL && gtk_widget_get_mapped (self->orders_nav_page)))
    return G_SOURCE_REMOVE;

  patron_orders_page_prepare (orders_page (self), self->session);

  return G_SOURCE_REMOVE;
}

/* at the frame's start: the idle runs once it is painted */
static gboolean
prepare_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  PatronWindow *self = PATRON_WINDOW (widget);

  self->prepare_tick = 0;
  if (self->prepare_idle == 0)
    self->prepare_idle = g_idle_add_full (G_PRIORITY_LOW, prepare_orders_cb, self, NULL);

  return G_SOURCE_REMOVE;
}

static void
prepare_orders_later (PatronWindow *self)
{
  if (self->prepare_tick == 0 && self->prepare_idle == 0)
    self->prepare_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), prepare_tick_cb,
                                                       NULL, NULL);
}

void
_patron_window_cancel_prepare_orders (PatronWindow *self)
{
  if (self->prepare_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->prepare_tick);
  self->prepare_tick = 0;
  g_clear_handle_id (&self->prepare_idle, g_source_remove);
}

/* The orders page goes, with everything of the customer it shows. */
void
_patron_window_drop_orders_page (PatronWindow *self)
{
  GtkWidget *page = self->orders_nav_page;

  _patron_window_cancel_prepare_orders (self);
  if (page == NULL)
    return;

  navigate (self, FALSE);
  move_banners (self, self->header_bar);
  self->orders_page = NULL;
  self->orders_nav_page = NULL;
#if ADW_CHECK_VERSION (1, 4, 0)
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  adw_navigation_view_remove (ADW_NAVIGATION_VIEW (self->navigation), ADW_NAVIGATION_PAGE (page));
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  adw_leaflet_remove (ADW_LEAFLET (self->navigation), page);
#endif
}

void
_patron_window_show_page (PatronWindow *self,
                          const char   *name)
{
  gboolean signed_in = self->session != NULL && patron_session_get_signed_in (self->session);
  gboolean orders = g_str_equal (name, "orders");

  _patron_window_ensure_page (self, name);
  /* the orders slide over the account, which stays in the stack below */
  navigate (self, orders);
  /* A crossfade draws both pages, blended, for a fifth of a second. It is
   * left out after "Signing In…", on the way to the user's first look. */
  if (!orders && g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0)
    gtk_stack_set_visible_child_full (self->stack, name, GTK_STACK_TRANSITION_TYPE_NONE);
  else if (!orders)
    gtk_stack_set_visible_child_name (self->stack, name);

  if (signed_in && g_str_equal (name, "account"))
    prepare_orders_later (self);

  /* a form starts where typing starts; the account and the orders keep
   * the focus where the user left it */
  if (g_strcmp0 (name, "account") != 0 && !orders && g_strcmp0 (name, "loading") != 0)
    patron_form_focus_first_field (gtk_stack_get_visible_child (self->stack));

  /* Screen readers (and the end-to-end tests) see only the page on screen,
   * not the forms of the pages behind it. */
  for (GtkWidget *child = gtk_widget_get_first_child (GTK_WIDGET (self->stack));
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    gtk_accessible_update_state (GTK_ACCESSIBLE (child),
                                 GTK_ACCESSIBLE_STATE_HIDDEN,
                                 child != gtk_stack_get_visible_child (self->stack),
                                 -1);

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.sign-out", signed_in);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.forget-store",
                                 self->session != NULL &&
                                 g_settings_is_writable (self->settings, "store-url"));
  _patron_window_update_idle (self);

  /* typing (or a barcode scanner) starts at once */
  if (g_str_equal (name, "welcome"))
    patron_welcome_page_start (self->welcome_page);
  else if (g_str_equal (name, "sign-in"))
    patron_sign_in_page_focus_form (self->sign_in_page);
}
