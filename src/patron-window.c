/* patron-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "patron-account-page.h"
#include "patron-application.h"
#include "patron-error.h"
#include "patron-orders-page.h"
#include "patron-forgot-page.h"
#include "patron-form.h"
#include "patron-idle-monitor.h"
#include "patron-offline-banner.h"
#include "patron-preferences-window.h"
#include "patron-register-page.h"
#include "patron-reset-link.h"
#include "patron-reset-page.h"
#include "patron-secrets.h"
#include "patron-session.h"
#include "patron-settings.h"
#include "patron-sign-in-page.h"
#include "patron-store-api.h"
#include "patron-store-page.h"
#include "patron-stores.h"
#include "patron-text.h"
#include "patron-welcome-page.h"
#include "patron-window.h"

struct _PatronWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  gboolean              discard_confirmed;
  const char           *after_discard;   /* the action to carry out once confirmed */
  GtkWindow            *answered;        /* the question, while it is answered */
  PatronSession        *session;
  guint                 prepare_tick;    /* the orders made ready after a frame… */
  guint                 prepare_idle;    /* … of the account, once idle */
  char                 *customer_id;     /* whose visit the pages show, if anyone's */
  char                 *reset_email;     /* a link for another account, once agreed to */
  char                 *reset_token;
  char                 *switch_to;       /* a store chosen, once unsaved changes are agreed on */
  char                 *forget_url;      /* the store to forget, while that is asked */
  gboolean              stores_in_menu;  /* the menu's first section is "Switch Store" */

  GtkWindow            *help_overlay;    /* made when first shown */
  PatronIdleMonitor    *idle_monitor;    /* runs during a visit in counter mode */
  GtkRevealer          *idle_revealer;
  PatronOfflineBanner  *offline_banner;  /* below the countdown's */
  GtkLabel             *idle_label;
  GtkButton            *idle_button;
  GtkWidget            *next_customer_button;
  AdwWindowTitle       *window_title;
  GtkMenuButton        *menu_button;
  GtkSpinner           *loading_spinner;
  GtkWidget            *loading_page;
  char                 *before_store;     /* the page Change Store… left */
  GBindingGroup        *session_bindings;
  GMenuModel           *primary_menu;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  GtkWidget            *header_bar;
  /* the pages with a header bar of their own: an AdwLeaflet holding the
   * template's content and the orders page, or an AdwNavigationView of two
   * AdwNavigationPages with libadwaita 1.4 */
  GtkWidget            *navigation;
  GtkWidget            *main_page;
  GtkWidget            *orders_nav_page;
  gboolean              transition_running; /* AdwNavigationView's, till a page is shown */
  GtkWidget            *focus_left;      /* the focus on the first page, while the orders show */
  /* made when first shown (a kept session never shows them) */
  PatronStorePage      *store_page;
  PatronWelcomePage    *welcome_page;
  PatronSignInPage     *sign_in_page;
  PatronRegisterPage   *register_page;
  PatronForgotPage     *forgot_page;
  PatronResetPage      *reset_page;
  PatronAccountPage    *account_page;
  PatronOrdersPage     *orders_page;
};

G_DEFINE_FINAL_TYPE (PatronWindow, patron_window, ADW_TYPE_APPLICATION_WINDOW)

static gboolean ask_before_discarding (PatronWindow *self,
                                       const char   *action);
static void     end_visit             (PatronWindow *self,
                                       gboolean      leaving);
static void     update_idle           (PatronWindow *self);
static void     add_orders_page       (PatronWindow *self);
static void     prepare_orders_later  (PatronWindow *self);

/* One customer after another at a shared workstation: the key, or
 * --counter. */
static gboolean
in_counter_mode (PatronWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (PATRON_IS_APPLICATION (app))
    return patron_application_get_counter_mode (PATRON_APPLICATION (app));

  return g_settings_get_boolean (self->settings, "counter-mode");
}

static gboolean
keeps_sessions (PatronWindow *self)
{
  return !in_counter_mode (self);
}

/* Where a customer starts: the welcome page at a counter. */
static const char *
entry_page (PatronWindow *self)
{
  return in_counter_mode (self) ? "welcome" : "sign-in";
}

/* The session, and whether it may be kept, for the pages made so far. */
static void
update_pages (PatronWindow *self)
{
  if (self->account_page != NULL)
    patron_account_page_set_session (self->account_page, self->session);
  if (self->sign_in_page != NULL)
    {
      patron_sign_in_page_set_session (self->sign_in_page, self->session);
      patron_sign_in_page_set_can_remember (self->sign_in_page, keeps_sessions (self));
    }
  if (self->register_page != NULL)
    {
      patron_register_page_set_session (self->register_page, self->session);
      patron_register_page_set_can_remember (self->register_page, keeps_sessions (self));
    }
  if (self->forgot_page != NULL)
    patron_forgot_page_set_session (self->forgot_page, self->session);
  if (self->reset_page != NULL)
    patron_reset_page_set_session (self->reset_page, self->session);
  if (self->orders_page != NULL)
    patron_orders_page_set_can_export (self->orders_page, keeps_sessions (self));
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
static void
ensure_page (PatronWindow *self,
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
                               G_CALLBACK (update_idle), self, G_CONNECT_SWAPPED);
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
      update_pages (self);
      return;
    }
  else
    g_return_if_reached ();

  gtk_stack_add_named (self->stack, page, name);
  update_pages (self);
}

static PatronSignInPage *
sign_in_page (PatronWindow *self)
{
  ensure_page (self, "sign-in");
  return self->sign_in_page;
}

static PatronRegisterPage *
register_page (PatronWindow *self)
{
  ensure_page (self, "register");
  return self->register_page;
}

static PatronForgotPage *
forgot_page (PatronWindow *self)
{
  ensure_page (self, "forgot");
  return self->forgot_page;
}

static PatronResetPage *
reset_page (PatronWindow *self)
{
  ensure_page (self, "reset");
  return self->reset_page;
}

static PatronOrdersPage *
orders_page (PatronWindow *self)
{
  ensure_page (self, "orders");
  return self->orders_page;
}

static PatronStorePage *
store_page (PatronWindow *self)
{
  ensure_page (self, "store");
  return self->store_page;
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
static const char *
visible_page (PatronWindow *self)
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
  update_idle (self);
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

static void
make_navigation (PatronWindow *self)
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
      g_strcmp0 (visible_page (self), "account") != 0 ||
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

static void
cancel_prepare_orders (PatronWindow *self)
{
  if (self->prepare_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->prepare_tick);
  self->prepare_tick = 0;
  g_clear_handle_id (&self->prepare_idle, g_source_remove);
}

/* The orders page goes, with everything of the customer it shows. */
static void
drop_orders_page (PatronWindow *self)
{
  GtkWidget *page = self->orders_nav_page;

  cancel_prepare_orders (self);
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

/* In counter mode a visit runs from the first key typed on the welcome
 * page until it ends; the store page and "Signing In…" are no one's visit. */
static void
update_idle (PatronWindow *self)
{
  const char *visible = visible_page (self);
  gboolean counter = in_counter_mode (self);
  gboolean visit;

  if (visible == NULL || g_str_equal (visible, "store") || g_str_equal (visible, "loading"))
    visit = FALSE;
  else if (g_str_equal (visible, "welcome"))
    visit = patron_welcome_page_get_has_email (self->welcome_page);
  else
    visit = TRUE;
  patron_idle_monitor_set_running (self->idle_monitor, counter && visit);
  gtk_widget_set_visible (self->next_customer_button, counter);
  /* at 360 px the header bar holds Next Customer or the title, not both; at
   * a counter the welcome page says which store it is */
  gtk_widget_set_visible (GTK_WIDGET (self->window_title), !counter);
}

static void
show_page (PatronWindow *self,
           const char   *name)
{
  gboolean signed_in = self->session != NULL && patron_session_get_signed_in (self->session);
  gboolean orders = g_str_equal (name, "orders");

  ensure_page (self, name);
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
  update_idle (self);

  /* typing (or a barcode scanner) starts at once */
  if (g_str_equal (name, "welcome"))
    patron_welcome_page_start (self->welcome_page);
  else if (g_str_equal (name, "sign-in"))
    patron_sign_in_page_focus_form (self->sign_in_page);
}

/* A menu label says "_" as "__": a single one would underline the next
 * letter. */
static char *
menu_label (const char *text)
{
  GString *label = g_string_new (text);

  g_string_replace (label, "_", "__", 0);
  return g_string_free (label, FALSE);
}

/* The main menu's first section: the other remembered stores, newest
 * first, a click each. Made again whenever the list or the store changes. */
static void
update_stores_menu (PatronWindow *self)
{
  g_auto(GStrv) stores = patron_stores_list (self->settings);
  g_autoptr(GMenu) section = g_menu_new ();
  const char *current = self->session != NULL ? patron_session_get_store_url (self->session)
                                              : NULL;
  /* none to switch to where an administrator set the store */
  guint n_most = g_settings_is_writable (self->settings, "store-url") ? PATRON_STORES_MAX_IN_MENU
                                                                     : 0;
  guint n = 0;

  for (guint i = 0; stores[i] != NULL && n < n_most; i++)
    {
      g_autofree char *name = NULL;
      g_autofree char *clipped = NULL;
      g_autofree char *label = NULL;
      g_autoptr(GMenuItem) item = NULL;

      if (g_strcmp0 (stores[i], current) == 0)
        continue;

      name = patron_stores_display_name (stores[i]);
      /* a menu's labels neither wrap nor ellipsize: short enough for 360 px */
      clipped = patron_text_clip (name, PATRON_STORES_MENU_CHARS);
      label = menu_label (clipped);
      item = g_menu_item_new (label, NULL);
      g_menu_item_set_action_and_target_value (item, "win.switch-store",
                                               g_variant_new_string (stores[i]));
      g_menu_append_item (section, item);
      n++;
    }

  if (self->stores_in_menu)
    g_menu_remove (G_MENU (self->primary_menu), 0);
  self->stores_in_menu = n > 0;
  if (n > 0)
    g_menu_insert_section (G_MENU (self->primary_menu), 0, _("Switch Store"),
                           G_MENU_MODEL (section));
}

static void forget_customer (PatronWindow *self);

/* Signed in, or again, from whichever page: the account is shown. Another
 * customer than the one whose visit the pages showed (after an expired
 * session) first ends what is left of that visit. */
static void
customer_changed_cb (PatronWindow  *self,
                     GParamSpec    *pspec,
                     PatronSession *session)
{
  MedusaCustomer *customer = patron_session_get_customer (session);
  const char *visible = visible_page (self);

  if (customer != NULL)
    {
      patron_stores_remember (self->settings, patron_session_get_store_url (session));
      if (g_strcmp0 (self->customer_id, medusa_customer_get_id (customer)) != 0)
        {
          forget_customer (self);
          self->customer_id = g_strdup (medusa_customer_get_id (customer));
        }
      if (g_strcmp0 (visible, "account") != 0 && g_strcmp0 (visible, "orders") != 0)
        show_page (self, "account");
      else
        show_page (self, visible);
    }
  else
    {
      if (self->orders_page != NULL)
        patron_orders_page_set_session (self->orders_page, NULL);
      if (g_strcmp0 (visible, "account") == 0 || g_strcmp0 (visible, "orders") == 0)
        show_page (self, entry_page (self));
    }
}

static void
session_expired_cb (PatronWindow  *self,
                    const char    *email,
                    PatronSession *session)
{
  patron_sign_in_page_set_email (sign_in_page (self), email);
  patron_sign_in_page_set_message (sign_in_page (self),
                                   _("Your session has expired or was ended. "
                                     "Please sign in again."));
  show_page (self, "sign-in");
}

static void
restore_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PatronWindow) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;

  if (patron_session_restore_finish (PATRON_SESSION (object), result, &email, &error))
    return;   /* customer_changed_cb shows the account */

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  patron_sign_in_page_set_email (sign_in_page (self), email);
  if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED))
    patron_sign_in_page_set_message (sign_in_page (self),
                                     _("Your session has expired or was ended. "
                                       "Please sign in again."));
  else if (error != NULL)
    {
      g_autofree char *sentence = patron_error_to_sentence (error, PATRON_ACTION_RESTORE);

      patron_sign_in_page_set_message (sign_in_page (self), sentence);
    }

  /* a v2 store told apart meanwhile has its page asking for its key: the
   * sign-in comes after that */
  if (g_strcmp0 (visible_page (self), "store") == 0)
    return;

  /* at a counter, only a failure is told on the sign-in page */
  show_page (self, error != NULL ? "sign-in" : entry_page (self));
}

static void
restore (PatronWindow *self)
{
  patron_session_restore_async (self->session, self->cancellable, restore_cb,
                                g_object_ref (self));
}

static void
store_detected_cb (GObject      *object,
                   GAsyncResult *result,
                   gpointer      user_data)
{
  g_autoptr(PatronWindow) self = user_data;
  MedusaClient *prober = MEDUSA_CLIENT (object);
  g_autoptr(GError) error = NULL;
  MedusaApiVersion version;

  version = medusa_client_detect_api_version_finish (prober, result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (version == MEDUSA_API_VERSION_UNKNOWN)
    {
      g_debug ("Could not tell the store's Store API: %s", error->message);
      return;
    }
  if (self->session == NULL ||
      g_strcmp0 (patron_session_get_store_url (self->session),
                 medusa_client_get_base_url (prober)) != 0)
    return;

  medusa_client_set_api_version (patron_session_get_client (self->session), version);
  if (version == MEDUSA_API_VERSION_1)
    {
      patron_store_api_remember (self->settings, prober);
      patron_stores_remember (self->settings, medusa_client_get_base_url (prober));
      return;
    }

  /* a v2 store wants its key: the store page asks for it, and remembers */
  show_page (self, "store");
  patron_store_page_connect (store_page (self), medusa_client_get_base_url (prober), NULL);
}

/* A store not chosen on the store page nor opened by its link (--store, or
 * kept from before Patron knew Medusa v2) is told apart once, on a client
 * of its own: a v1 store is remembered as such, a v2 store goes to the
 * store page for its key. */
static void
detect_store (PatronWindow *self)
{
  MedusaClient *client = patron_session_get_client (self->session);
  g_autoptr(MedusaClient) prober = NULL;

  if (medusa_client_get_api_version (client) != MEDUSA_API_VERSION_UNKNOWN)
    return;

  prober = medusa_client_new_sibling (client);
  medusa_client_detect_api_version_async (prober, self->cancellable, store_detected_cb,
                                          g_object_ref (self));
}

/* Returns: %FALSE if @url needs the user's consent first, which the store
 * page asks for instead */
static gboolean
use_store (PatronWindow *self,
           const char   *url)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-store", FALSE);
  if (patron_store_url_needs_consent (self->settings, url))
    {
      patron_store_page_ask_consent (store_page (self), url);
      show_page (self, "store");
      return FALSE;
    }

  /* whoever was signed in at the last store is not at the next; a kept
   * session stays kept there */
  if (self->session != NULL && patron_session_get_signed_in (self->session))
    end_visit (self, TRUE);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  if (PATRON_IS_APPLICATION (app))
    self->session = patron_application_take_session (PATRON_APPLICATION (app), url);
  if (self->session == NULL)
    self->session = patron_session_new (url);
  patron_session_set_keep_sessions (self->session, keeps_sessions (self));
  g_signal_connect_object (self->session, "notify::customer",
                           G_CALLBACK (customer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "expired",
                           G_CALLBACK (session_expired_cb), self, G_CONNECT_SWAPPED);
  patron_offline_banner_set_session (self->offline_banner, self->session);

  update_pages (self);
  g_binding_group_set_source (self->session_bindings, self->session);
  update_stores_menu (self);
  {
    g_autofree char *shown = patron_text_clip (url, PATRON_TEXT_MAX_SHOWN);

    adw_window_title_set_subtitle (self->window_title, shown);
  }

  show_page (self, "loading");
  detect_store (self);
  /* A session the application began to resume before the window existed
   * (the keyring read and the customer asked for from threads) is resumed
   * as soon as its answers are in: when they come before the window's first
   * frame, that frame shows the account, without a blank page before it. */
  restore (self);

  return TRUE;
}

/* Counter mode switched on or off in the preferences: it holds from now on,
 * for the session there is too. */
static void
counter_mode_changed_cb (PatronWindow *self)
{
  if (self->session != NULL)
    patron_session_set_keep_sessions (self->session, keeps_sessions (self));
  update_pages (self);
  update_idle (self);
}

static void
store_writable_changed_cb (PatronWindow *self)
{
  gboolean writable = g_settings_is_writable (self->settings, "store-url");

  /* a store an administrator set is not changed here, nor left for another */
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.change-store", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.switch-store", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.forget-store-at", writable);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.forget-store",
                                 writable && self->session != NULL);
  update_stores_menu (self);
}

static void
idle_countdown_cb (PatronWindow      *self,
                   GParamSpec        *pspec,
                   PatronIdleMonitor *monitor)
{
  guint countdown = patron_idle_monitor_get_countdown (monitor);
  gboolean signed_in = self->session != NULL && patron_session_get_signed_in (self->session);

  if (countdown > 0)
    {
      g_autofree char *text = NULL;

      if (signed_in)
        text = g_strdup_printf (ngettext ("Signing out in %u s", "Signing out in %u s",
                                          countdown), countdown);
      else
        text = g_strdup_printf (ngettext ("Starting over in %u s", "Starting over in %u s",
                                          countdown), countdown);
      gtk_label_set_text (self->idle_label, text);
      gtk_button_set_label (self->idle_button,
                            signed_in ? _("Stay Signed In") : _("Not Yet"));
    }
  gtk_revealer_set_reveal_child (self->idle_revealer, countdown > 0);
}

static void
idle_timeout_cb (PatronWindow *self)
{
  patron_window_end_visit (self);
}

static void
stay_action (GtkWidget  *widget,
             const char *action_name,
             GVariant   *parameter)
{
  patron_idle_monitor_reset (PATRON_WINDOW (widget)->idle_monitor);
}

static void
next_customer_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);

  if (in_counter_mode (self))
    patron_window_end_visit (self);
}

static void
navigate_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);
  const char *page;
  const char *email;

  g_variant_get (parameter, "(&s&s)", &page, &email);

  if (g_str_equal (page, "sign-in"))
    {
      patron_sign_in_page_set_email (sign_in_page (self), email);
      patron_sign_in_page_set_message (sign_in_page (self), NULL);
    }
  else if (g_str_equal (page, "register"))
    patron_register_page_set_email (register_page (self), email);
  else if (g_str_equal (page, "forgot"))
    patron_forgot_page_set_email (forgot_page (self), email);
  else if (g_str_equal (page, "orders"))
    patron_orders_page_open (orders_page (self), self->session);
  else if (g_str_equal (page, "welcome"))
    {
      /* it starts empty: nothing to hand over */
    }
  else if (g_str_equal (page, "account"))
    {
      if (self->orders_page != NULL)
        patron_orders_page_set_session (self->orders_page, NULL);
    }
  else if (!g_str_equal (page, "store"))
    g_return_if_reached ();

  show_page (self, page);
}

/* The pointer on the account's Show Orders: their first page is asked for
 * now, so that a click shows it at once. At most once a visit to the account
 * (a second time only after the orders were shown and left); nothing of it
 * outlives the visit (the orders page goes at its end). */
static void
expect_orders_action (GtkWidget  *widget,
                      const char *action_name,
                      GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);

  if (self->session == NULL || !patron_session_get_signed_in (self->session) ||
      g_strcmp0 (visible_page (self), "account") != 0 ||
      (self->orders_nav_page != NULL && gtk_widget_get_mapped (self->orders_nav_page)))
    return;

  patron_orders_page_expect (orders_page (self), self->session);
}

static void
show_reset (PatronWindow *self,
            const char   *email,
            const char   *token)
{
  patron_reset_page_set_link (reset_page (self), email, token);
  show_page (self, "reset");
}

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

static void
forget_reset_link (PatronWindow *self)
{
  g_clear_pointer (&self->reset_email, g_free);
  g_clear_pointer (&self->reset_token, wipe_free);
}

/* Agreed to (and unsaved changes discarded): the customer's visit ends and
 * the link's reset page shows. */
static void
reset_other_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);
  g_autofree char *email = g_steal_pointer (&self->reset_email);
  char *token = g_steal_pointer (&self->reset_token);

  if (email != NULL && token != NULL)
    {
      patron_window_end_visit (self);
      show_reset (self, email, token);
    }
  wipe_free (token);
}

static void
reset_other_response_cb (AdwMessageDialog *dialog,
                         const char       *response,
                         PatronWindow     *self)
{
  if (g_strcmp0 (response, "sign-out") != 0)
    return;

  forget_reset_link (self);
  self->reset_email = g_strdup (g_object_get_data (G_OBJECT (dialog), "patron-email"));
  self->reset_token = g_strdup (g_object_get_data (G_OBJECT (dialog), "patron-token"));
  /* unsaved profile changes are not lost without asking either */
  if (ask_before_discarding (self, "win.reset-other"))
    return;

  /* the question closes itself once answered */
  self->answered = GTK_WINDOW (dialog);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.reset-other", NULL);
  self->answered = NULL;
}

/* A link for another account than the one signed in: that customer's visit
 * ends first, if the user agrees. */
static void
ask_to_reset_other (PatronWindow *self,
                    const char   *email,
                    const char   *token)
{
  MedusaCustomer *customer = patron_session_get_customer (self->session);
  AdwMessageDialog *dialog;
  g_autofree char *body = NULL;

  /* Translators: the first %s is the email signed in, the second the link's */
  body = g_strdup_printf (_("You are signed in as %s. Sign out and reset the password for %s?"),
                          medusa_customer_get_email (customer), email);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Reset Another Account’s Password?"),
                                                       body));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Stay Signed In"),
                                    "sign-out", _("Sign _Out and Reset"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "sign-out", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_object_set_data_full (G_OBJECT (dialog), "patron-email", g_strdup (email), g_free);
  g_object_set_data_full (G_OBJECT (dialog), "patron-token", g_strdup (token),
                          (GDestroyNotify) wipe_free);
  g_signal_connect_object (dialog, "response", G_CALLBACK (reset_other_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

/* A reset link: while signed in, for the customer signed in, a new password
 * is set in place; for anyone else, not without asking. */
static void
open_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);
  MedusaCustomer *customer;
  const char *email;
  const char *token;

  g_variant_get (parameter, "(&s&s)", &email, &token);

  if (self->session == NULL)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   adw_toast_new (_("Choose the store first, then open the "
                                                    "link again.")));
      return;
    }

  customer = patron_session_get_customer (self->session);
  if (customer != NULL &&
      g_ascii_strcasecmp (medusa_customer_get_email (customer), email) != 0)
    {
      ask_to_reset_other (self, email, token);
      return;
    }

  show_reset (self, email, token);
}

static void
use_store_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);
  const char *url = g_variant_get_string (parameter, NULL);

  if (use_store (self, url))
    {
      g_settings_set_string (self->settings, "store-url", url);
      patron_stores_remember (self->settings, url);
    }
}

/* Another remembered store, once unsaved changes are agreed on: its kept
 * session is resumed, this store's stays kept. */
static void
switch_store_agreed_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);
  g_autofree char *url = g_steal_pointer (&self->switch_to);

  if (url == NULL)
    return;

  /* already there, and signed in: nothing to do */
  if (self->session != NULL && patron_session_get_signed_in (self->session) &&
      g_str_equal (patron_session_get_store_url (self->session), url))
    return;

  gtk_widget_activate_action (widget, "win.use-store", "s", url);
}

static void
switch_store_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);
  const char *url = g_variant_get_string (parameter, NULL);

  if (!medusa_client_check_base_url (url, NULL))
    return;

  g_free (self->switch_to);
  self->switch_to = g_strdup (url);
  if (ask_before_discarding (self, "win.switch-store-agreed"))
    return;

  switch_store_agreed_action (widget, NULL, NULL);
}

static void
leave_store_action (GtkWidget  *widget,
                    const char *action_name,
                    GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);
  gboolean signed_in = self->session != NULL && patron_session_get_signed_in (self->session);

  /* signed out meanwhile: not back to the account */
  if (!signed_in && (g_strcmp0 (self->before_store, "account") == 0 ||
                     g_strcmp0 (self->before_store, "orders") == 0))
    show_page (self, "sign-in");
  else
    show_page (self, self->before_store != NULL ? self->before_store : "sign-in");
}

static void
change_store_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);

  if (ask_before_discarding (self, "win.change-store"))
    return;

  /* the next store's forms start empty, and nobody stays signed in at this
   * one behind the store page; a kept session stays kept */
  end_visit (self, TRUE);
  if (self->session != NULL)
    patron_store_page_set_url (store_page (self), patron_session_get_store_url (self->session));
  /* the way back, to where the user was */
  g_free (self->before_store);
  self->before_store = g_strdup (visible_page (self));
  gtk_widget_action_set_enabled (widget, "win.leave-store",
                                 self->session != NULL &&
                                 g_strcmp0 (self->before_store, "store") != 0 &&
                                 g_strcmp0 (self->before_store, "loading") != 0);
  show_page (self, "store");
}

static void
kept_session_forgotten_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(GError) error = NULL;

  if (!patron_secrets_clear_finish (result, &error))
    g_message ("Could not remove the kept session from the keyring: %s", error->message);
}

static void
pictures_emptied_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(GApplication) app = user_data;

  patron_image_cache_prune_finish (PATRON_IMAGE_CACHE (object), result, NULL);
  g_application_release (app);
}

/* Patron stays until the disk has no picture left, even if this was its
 * last window. */
static void
empty_pictures_on_disk (GtkApplication *app)
{
  if (!PATRON_IS_APPLICATION (app))
    return;

  g_application_hold (G_APPLICATION (app));
  patron_image_cache_empty_disk_async (patron_application_get_image_cache (
                                         PATRON_APPLICATION (app)),
                                       NULL, pictures_emptied_cb, g_object_ref (app));
}

/* Everything Patron keeps of @url goes: the session kept in the keyring,
 * its settings and the pictures on disk. The store shown now goes to the
 * store page, with nobody signed in. */
static void
forget_store (PatronWindow *self,
              const char   *url)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *name = patron_stores_display_name (url);
  g_autofree char *said = NULL;
  gboolean pictures_emptied = FALSE;

  if (self->session != NULL && g_str_equal (patron_session_get_store_url (self->session), url))
    {
      /* signing out empties the pictures on disk already */
      pictures_emptied = patron_session_get_signed_in (self->session);
      end_visit (self, FALSE);
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_clear_object (&self->session);
      patron_offline_banner_set_session (self->offline_banner, NULL);
      adw_window_title_set_subtitle (self->window_title, NULL);
      patron_store_page_set_url (store_page (self), NULL);
      show_page (self, "store");
    }

  patron_secrets_clear_async (url, NULL, kept_session_forgotten_cb, NULL);
  patron_account_cache_delete_store (url);
  patron_stores_forget (self->settings, url);
  update_stores_menu (self);
  if (!pictures_emptied)
    empty_pictures_on_disk (app);

  /* Translators: %s is a store's host name */
  said = g_strdup_printf (_("Patron has forgotten %s"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (said));
}

static void
forget_response_cb (AdwMessageDialog *dialog,
                    const char       *response,
                    PatronWindow     *self)
{
  g_autofree char *url = g_steal_pointer (&self->forget_url);

  if (g_strcmp0 (response, "forget") != 0 || url == NULL)
    return;

  self->answered = GTK_WINDOW (dialog);
  forget_store (self, url);
  self->answered = NULL;
}

/* Unsaved changes agreed on (the visit at the store shown ends if it is
 * the one forgotten): "Forget?" */
static void
forget_store_agreed_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);
  g_autofree char *name = NULL;
  AdwMessageDialog *dialog;

  if (self->forget_url == NULL)
    return;

  name = patron_stores_display_name (self->forget_url);
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Forget This Store?"), NULL));
  /* Translators: %s is a store's host name */
  adw_message_dialog_format_body (dialog,
                                  _("Patron removes %s from its stores and forgets the "
                                    "session kept there, its settings and the pictures it "
                                    "keeps."), name);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "forget", _("_Forget"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "forget", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (forget_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
ask_to_forget (PatronWindow *self,
               const char   *url)
{
  gboolean current = self->session != NULL &&
                     g_str_equal (patron_session_get_store_url (self->session), url);

  g_free (self->forget_url);
  self->forget_url = g_strdup (url);
  if (current && ask_before_discarding (self, "win.forget-store-agreed"))
    return;

  forget_store_agreed_action (GTK_WIDGET (self), NULL, NULL);
}

/* "Forget This Store…": the store shown */
static void
forget_store_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);

  if (self->session != NULL)
    ask_to_forget (self, patron_session_get_store_url (self->session));
}

/* a store of the store page's list */
static void
forget_store_at_action (GtkWidget  *widget,
                        const char *action_name,
                        GVariant   *parameter)
{
  const char *url = g_variant_get_string (parameter, NULL);

  if (medusa_client_check_base_url (url, NULL))
    ask_to_forget (PATRON_WINDOW (widget), url);
}

static void
show_help_overlay_action (GtkWidget  *widget,
                          const char *action_name,
                          GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);

  if (self->help_overlay == NULL)
    {
      g_autoptr(GtkBuilder) builder =
        gtk_builder_new_from_resource ("/io/github/patronapp/Patron/ui/help-overlay.ui");

      self->help_overlay = g_object_ref (GTK_WINDOW (gtk_builder_get_object (builder,
                                                                             "help_overlay")));
      gtk_window_set_transient_for (self->help_overlay, GTK_WINDOW (self));
      gtk_window_set_hide_on_close (self->help_overlay, TRUE);
      patron_name_inner_controls (GTK_WIDGET (self->help_overlay), _("Search Shortcuts"));
      patron_narrow_search_entries (GTK_WIDGET (self->help_overlay));
      patron_window_fit_parent (self->help_overlay, GTK_WINDOW (self));
    }

  gtk_window_present (self->help_overlay);
}

/* ------------------------------------------------------------------------ */
/* The end of a visit                                                       */

/* Patron's own windows that show the customer or ask something of them:
 * orders, address editors, the credentials dialog, questions. The
 * preferences and the shortcuts hold nothing of anyone. */
static void
close_customer_windows (PatronWindow *self)
{
  GListModel *toplevels = gtk_window_get_toplevels ();
  g_autoptr(GPtrArray) windows = g_ptr_array_new_with_free_func (g_object_unref);

  for (guint i = 0; i < g_list_model_get_n_items (toplevels); i++)
    {
      g_autoptr(GtkWindow) window = g_list_model_get_item (toplevels, i);

      if (gtk_window_get_transient_for (window) == GTK_WINDOW (self) &&
          window != self->help_overlay && window != self->answered &&
          !PATRON_IS_PREFERENCES_WINDOW (window))
        g_ptr_array_add (windows, g_steal_pointer (&window));
    }

  for (guint i = 0; i < windows->len; i++)
    gtk_window_destroy (g_ptr_array_index (windows, i));
}

/* What Patron put on the clipboard (an order number) or selected is the
 * customer's; what another application put there since is not Patron's to
 * touch. */
static void
clear_clipboards (PatronWindow *self)
{
  GdkClipboard *clipboards[] = {
    gtk_widget_get_clipboard (GTK_WIDGET (self)),
    gtk_widget_get_primary_clipboard (GTK_WIDGET (self)),
  };

  for (guint i = 0; i < G_N_ELEMENTS (clipboards); i++)
    if (gdk_clipboard_is_local (clipboards[i]))
      gdk_clipboard_set_content (clipboards[i], NULL);
}

/* A page made when first shown goes: the next one shown is made afresh,
 * empty, with its filters, search, scroll and reveal buttons as new. */
static void
drop_page (PatronWindow *self,
           gpointer      page_pointer)
{
  GtkWidget **page = page_pointer;

  if (*page == NULL)
    return;

  gtk_stack_remove (self->stack, *page);
  *page = NULL;
}

/* Everything the window shows of a customer goes: the account and orders
 * pages with their models, the windows, the clipboard's content and the
 * pictures of their orders. Deletions still waiting on their Undo toast are
 * sent now; the window says so. */
static void
forget_customer (PatronWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  guint n_sent = 0;

  g_clear_pointer (&self->customer_id, g_free);

  if (self->account_page != NULL)
    n_sent = patron_account_page_send_pending (self->account_page);
  close_customer_windows (self);
  drop_orders_page (self);
  drop_page (self, &self->account_page);
  clear_clipboards (self);
  if (PATRON_IS_APPLICATION (app))
    patron_image_cache_forget_all (patron_application_get_image_cache (PATRON_APPLICATION (app)));

  if (n_sent > 0)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (ngettext ("The address you deleted is being "
                                                          "removed from the account.",
                                                          "The addresses you deleted are being "
                                                          "removed from the account.",
                                                          n_sent)));
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  patron_session_sign_out_finish (PATRON_SESSION (object), result, NULL);
}

/**
 * patron_window_end_visit:
 *
 * Ends the current customer's visit now, without asking: signs out at the
 * store and forgets a kept session; cancels what was asked for them; sends
 * the deletions waiting on their toast; closes their windows and dialogs;
 * empties every form, the orders page's filters and search, the clipboard
 * where Patron put something there and the pictures (on disk too, with
 * the kept session); shows the
 * sign-in page (the welcome page in counter mode). Only the store address
 * stays. Does nothing more than
 * emptying the forms if nobody is signed in.
 */
void
patron_window_end_visit (PatronWindow *self)
{
  g_return_if_fail (PATRON_IS_WINDOW (self));

  end_visit (self, FALSE);
}

/* The end of a visit, by Sign Out (the kept session is forgotten) or by
 * @leaving for another store (it stays kept, for when the user comes
 * back: patron_session_leave()). */
static void
end_visit (PatronWindow *self,
           gboolean      leaving)
{
  forget_customer (self);

  /* the forms go too: emails, passwords, reveal buttons, messages */
  drop_page (self, &self->sign_in_page);
  drop_page (self, &self->register_page);
  drop_page (self, &self->forgot_page);
  drop_page (self, &self->reset_page);

  /* what the window asked (a restore) is of no use any more */
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->session != NULL && patron_session_get_signed_in (self->session))
    {
      GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

      /* not tied to this window: signing out completes even if it closes */
      if (leaving)
        patron_session_leave (self->session);
      else
        patron_session_sign_out_async (self->session, NULL, sign_out_cb, NULL);

      /* the pictures of what they bought go from the disk too, unless the
       * session stays kept for their return */
      if (!leaving)
        empty_pictures_on_disk (app);
    }

  if (self->session != NULL)
    show_page (self, entry_page (self));
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);

  if (self->session == NULL || !patron_session_get_signed_in (self->session))
    return;

  if (ask_before_discarding (self, "win.sign-out"))
    return;

  patron_window_end_visit (self);
}

/**
 * patron_window_open_reset_link:
 * @uri: a `patron://reset-password?email=…&token=…` link
 *
 * Shows the reset page for the link, or says what is wrong with it.
 */
void
patron_window_open_reset_link (PatronWindow *self,
                               const char   *uri)
{
  g_autofree char *email = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PATRON_IS_WINDOW (self));

  if (!patron_reset_link_parse (uri, &email, &token, &error))
    {
      adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-reset", "(ss)", email, token);
}

/**
 * patron_window_open_link:
 * @uri: a `patron://` link: `store?url=…&key=…` (a store's "Open in Patron"
 *   link) or `reset-password?…` (from the reset email)
 *
 * Goes where the link says, or says what is wrong with it.
 */
void
patron_window_open_link (PatronWindow *self,
                         const char   *uri)
{
  g_autofree char *url = NULL;
  g_autofree char *key = NULL;
  g_autoptr(GError) error = NULL;

  g_return_if_fail (PATRON_IS_WINDOW (self));

  if (!patron_store_link_parse (uri, &url, &key, &error))
    {
      if (g_error_matches (error, G_URI_ERROR, G_URI_ERROR_FAILED))
        patron_window_open_reset_link (self, uri);
      else
        adw_toast_overlay_add_toast (self->toast_overlay, adw_toast_new (error->message));
      return;
    }

  show_page (self, "store");
  patron_store_page_connect (store_page (self), url, key);
}

/**
 * patron_window_get_session:
 *
 * Returns: (transfer none) (nullable): the session at the current store
 */
PatronSession *
patron_window_get_session (PatronWindow *self)
{
  g_return_val_if_fail (PATRON_IS_WINDOW (self), NULL);

  return self->session;
}

/**
 * patron_window_start:
 * @store_url: (nullable): the store to go to: the one given on the command
 *   line, else the one kept in the settings
 *
 * Goes to the store: resumes a kept session, or asks to sign in; without
 * a store, or with an address that cannot be one, asks which.
 */
void
patron_window_start (PatronWindow *self,
                     const char   *store_url)
{
  g_return_if_fail (PATRON_IS_WINDOW (self));

  if (store_url != NULL && medusa_client_check_base_url (store_url, NULL))
    use_store (self, store_url);
  else
    {
      patron_store_page_set_url (store_page (self), store_url);
      show_page (self, "store");
    }
}

static void
discard_response_cb (AdwMessageDialog *dialog,
                     const char       *response,
                     PatronWindow     *self)
{
  if (g_strcmp0 (response, "discard") != 0)
    return;

  self->discard_confirmed = TRUE;
  /* the question closes itself once answered, also if the visit ends */
  self->answered = GTK_WINDOW (dialog);
  if (self->account_page != NULL)
    patron_account_page_discard_changes (self->account_page);
  gtk_widget_activate_action (GTK_WIDGET (self), self->after_discard, NULL);
  self->answered = NULL;
  self->discard_confirmed = FALSE;
}

/* Unsaved profile changes are not lost without asking: %TRUE if the
 * question is on screen, and @action is carried out once the user agrees. */
static gboolean
ask_before_discarding (PatronWindow *self,
                       const char   *action)
{
  AdwMessageDialog *dialog;

  if (self->discard_confirmed || self->account_page == NULL ||
      !patron_account_page_get_has_changes (self->account_page))
    return FALSE;

  self->after_discard = action;
  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_WINDOW (self),
                                                       _("Discard Unsaved Changes?"),
                                                       _("Your profile has changes that "
                                                         "are not saved yet.")));
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Keep Editing"),
                                    "discard", _("_Discard"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "discard", ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect_object (dialog, "response", G_CALLBACK (discard_response_cb), self, 0);
  gtk_window_present (GTK_WINDOW (dialog));

  return TRUE;
}

static gboolean
patron_window_close_request (GtkWindow *window)
{
  PatronWindow *self = PATRON_WINDOW (window);
  int width, height;

  if (ask_before_discarding (self, "window.close"))
    return TRUE;

  /* at a counter, closing Patron is the end of the customer's visit too */
  if (in_counter_mode (self))
    patron_window_end_visit (self);

  /* Whatever this window asked of the store is of no use any more. */
  g_cancellable_cancel (self->cancellable);

  gtk_window_get_default_size (window, &width, &height);
  g_settings_set_int (self->settings, "window-width", width);
  g_settings_set_int (self->settings, "window-height", height);
  g_settings_set_boolean (self->settings, "window-maximized", gtk_window_is_maximized (window));

  return GTK_WINDOW_CLASS (patron_window_parent_class)->close_request (window);
}

static void
patron_window_dispose (GObject *object)
{
  PatronWindow *self = (PatronWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  cancel_prepare_orders (self);
  if (self->session_bindings != NULL)
    g_binding_group_set_source (self->session_bindings, NULL);
  g_clear_object (&self->session_bindings);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  if (self->idle_monitor != NULL)
    g_signal_handlers_disconnect_by_data (self->idle_monitor, self);
  g_clear_object (&self->idle_monitor);

  if (self->help_overlay != NULL)
    gtk_window_destroy (self->help_overlay);
  g_clear_object (&self->help_overlay);
  g_clear_weak_pointer (&self->focus_left);

  gtk_widget_dispose_template (GTK_WIDGET (self), PATRON_TYPE_WINDOW);

  g_clear_object (&self->settings);
  g_clear_pointer (&self->before_store, g_free);
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->switch_to, g_free);
  g_clear_pointer (&self->forget_url, g_free);
  forget_reset_link (self);

  G_OBJECT_CLASS (patron_window_parent_class)->dispose (object);
}

static void
patron_window_class_init (PatronWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = patron_window_dispose;

  window_class->close_request = patron_window_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patronapp/Patron/ui/patron-window.ui");
  gtk_widget_class_bind_template_child (widget_class, PatronWindow, window_title);
  gtk_widget_class_bind_template_child (widget_class, PatronWindow, menu_button);
  gtk_widget_class_bind_template_child (widget_class, PatronWindow, loading_spinner);
  gtk_widget_class_bind_template_child (widget_class, PatronWindow, loading_page);
  gtk_widget_class_bind_template_child (widget_class, PatronWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, PatronWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PatronWindow, stack);
  gtk_widget_class_bind_template_child (widget_class, PatronWindow, header_bar);
  gtk_widget_class_bind_template_child (widget_class, PatronWindow, idle_revealer);
  gtk_widget_class_bind_template_child (widget_class, PatronWindow, idle_label);
  gtk_widget_class_bind_template_child (widget_class, PatronWindow, idle_button);
  gtk_widget_class_bind_template_child (widget_class, PatronWindow, next_customer_button);

  gtk_widget_class_install_action (widget_class, "win.navigate", "(ss)", navigate_action);
  gtk_widget_class_install_action (widget_class, "win.expect-orders", NULL,
                                   expect_orders_action);
  gtk_widget_class_install_action (widget_class, "win.open-reset", "(ss)", open_reset_action);
  gtk_widget_class_install_action (widget_class, "win.reset-other", NULL, reset_other_action);
  gtk_widget_class_install_action (widget_class, "win.use-store", "s", use_store_action);
  gtk_widget_class_install_action (widget_class, "win.change-store", NULL, change_store_action);
  gtk_widget_class_install_action (widget_class, "win.leave-store", NULL, leave_store_action);
  gtk_widget_class_install_action (widget_class, "win.switch-store", "s", switch_store_action);
  gtk_widget_class_install_action (widget_class, "win.switch-store-agreed", NULL,
                                   switch_store_agreed_action);
  gtk_widget_class_install_action (widget_class, "win.forget-store", NULL, forget_store_action);
  gtk_widget_class_install_action (widget_class, "win.forget-store-at", "s",
                                   forget_store_at_action);
  gtk_widget_class_install_action (widget_class, "win.forget-store-agreed", NULL,
                                   forget_store_agreed_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.next-customer", NULL, next_customer_action);
  gtk_widget_class_install_action (widget_class, "win.stay", NULL, stay_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
}

static void
patron_window_init (PatronWindow *self)
{
  self->settings = patron_settings_new ();
  self->cancellable = g_cancellable_new ();
  g_signal_connect_object (self->settings, "changed::counter-mode",
                           G_CALLBACK (counter_mode_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::recent-stores",
                           G_CALLBACK (update_stores_menu), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "writable-changed::store-url",
                           G_CALLBACK (store_writable_changed_cb), self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));
  make_navigation (self);
  store_writable_changed_cb (self);
  /* the offline copy's banner, under the countdown's */
  self->offline_banner = PATRON_OFFLINE_BANNER (patron_offline_banner_new ());
  gtk_widget_insert_after (GTK_WIDGET (self->offline_banner),
                           gtk_widget_get_parent (GTK_WIDGET (self->idle_revealer)),
                           GTK_WIDGET (self->idle_revealer));

  self->idle_monitor = patron_idle_monitor_new ();
  g_settings_bind (self->settings, "counter-idle-seconds", self->idle_monitor, "timeout",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->idle_monitor, "notify::countdown",
                           G_CALLBACK (idle_countdown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->idle_monitor, "timeout",
                           G_CALLBACK (idle_timeout_cb), self, G_CONNECT_SWAPPED);
  patron_idle_monitor_watch (self->idle_monitor, GTK_WIDGET (self));
  patron_idle_monitor_watch_toplevels (self->idle_monitor);
  patron_menu_button_set_menu_later (self->menu_button, self->primary_menu);
  patron_spinner_spin_later (self->loading_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-store", FALSE);
  self->session_bindings = g_binding_group_new ();
  g_binding_group_bind (self->session_bindings, "restoring", self->loading_page, "visible",
                        G_BINDING_SYNC_CREATE);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}

/**
 * patron_window_get_visible_page:
 *
 * Returns: (nullable): the name of the page on screen, as win.navigate
 *   names it ("account", "orders"…), or "loading"
 */
const char *
patron_window_get_visible_page (PatronWindow *self)
{
  g_return_val_if_fail (PATRON_IS_WINDOW (self), NULL);

  return visible_page (self);
}

/**
 * patron_window_get_page:
 * @name: a page's name, as patron_window_get_visible_page() gives it
 *
 * Returns: (transfer none) (nullable): the page, if it was made
 */
GtkWidget *
patron_window_get_page (PatronWindow *self,
                        const char   *name)
{
  g_return_val_if_fail (PATRON_IS_WINDOW (self), NULL);
  g_return_val_if_fail (name != NULL, NULL);

  if (g_str_equal (name, "orders"))
    return GTK_WIDGET (self->orders_page);

  return gtk_stack_get_child_by_name (self->stack, name);
}

/**
 * patron_window_get_transition_running:
 *
 * Returns: whether a page is still on its way onto the screen
 */
gboolean
patron_window_get_transition_running (PatronWindow *self)
{
  g_return_val_if_fail (PATRON_IS_WINDOW (self), FALSE);

  if (gtk_stack_get_transition_running (self->stack))
    return TRUE;
#if ADW_CHECK_VERSION (1, 4, 0)
  /* AdwNavigationView says nothing of its transitions: a page is shown
   * (AdwNavigationPage::shown) once one ends */
  return self->transition_running;
#else
  return adw_leaflet_get_child_transition_running (ADW_LEAFLET (self->navigation));
#endif
}
