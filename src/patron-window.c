/* patron-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-window"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-account-page.h"
#include "patron-application.h"
#include "patron-error.h"
#include "patron-orders-page.h"
#include "patron-forgot-page.h"
#include "patron-form.h"
#include "patron-register-page.h"
#include "patron-reset-link.h"
#include "patron-reset-page.h"
#include "patron-session.h"
#include "patron-sign-in-page.h"
#include "patron-store-page.h"
#include "patron-text.h"
#include "patron-window.h"

struct _PatronWindow
{
  AdwApplicationWindow  parent_instance;

  GSettings            *settings;
  GCancellable         *cancellable;
  gboolean              discard_confirmed;
  const char           *after_discard;   /* the action to carry out once confirmed */
  PatronSession        *session;
  guint                 restore_tick;    /* restores at the first frame */

  GtkWindow            *help_overlay;    /* made when first shown */
  gint64                shown_in_frame;  /* the frame of the last show_page() */
  AdwWindowTitle       *window_title;
  GtkMenuButton        *menu_button;
  GtkSpinner           *loading_spinner;
  GMenuModel           *primary_menu;
  AdwToastOverlay      *toast_overlay;
  GtkStack             *stack;
  /* made when first shown (a kept session never shows them) */
  PatronStorePage      *store_page;
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

static gboolean
keeps_sessions (PatronWindow *self)
{
  return !g_settings_get_boolean (self->settings, "counter-mode");
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

  if (gtk_stack_get_child_by_name (self->stack, name) != NULL)
    return;

  if (g_str_equal (name, "account"))
    page = GTK_WIDGET (self->account_page = g_object_new (PATRON_TYPE_ACCOUNT_PAGE, NULL));
  else if (g_str_equal (name, "store"))
    page = GTK_WIDGET (self->store_page = g_object_new (PATRON_TYPE_STORE_PAGE, NULL));
  else if (g_str_equal (name, "sign-in"))
    page = GTK_WIDGET (self->sign_in_page = g_object_new (PATRON_TYPE_SIGN_IN_PAGE, NULL));
  else if (g_str_equal (name, "register"))
    page = GTK_WIDGET (self->register_page = g_object_new (PATRON_TYPE_REGISTER_PAGE, NULL));
  else if (g_str_equal (name, "forgot"))
    page = GTK_WIDGET (self->forgot_page = g_object_new (PATRON_TYPE_FORGOT_PAGE, NULL));
  else if (g_str_equal (name, "reset"))
    page = GTK_WIDGET (self->reset_page = g_object_new (PATRON_TYPE_RESET_PAGE, NULL));
  else if (g_str_equal (name, "orders"))
    page = GTK_WIDGET (self->orders_page = g_object_new (PATRON_TYPE_ORDERS_PAGE, NULL));
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

static void
show_page (PatronWindow *self,
           const char   *name)
{
  gboolean signed_in = self->session != NULL && patron_session_get_signed_in (self->session);
  GdkFrameClock *clock;
  gint64 frame;

  ensure_page (self, name);
  /* A crossfade draws both pages, blended, for a fifth of a second. It is
   * left out after "Signing In…", on the way to the user's first look, and
   * from a page that never was on screen (the account, when the orders are
   * asked for at once): there is nothing to fade from. */
  clock = gtk_widget_get_frame_clock (GTK_WIDGET (self));
  frame = clock != NULL ? gdk_frame_clock_get_frame_counter (clock) : -1;
  if (g_strcmp0 (gtk_stack_get_visible_child_name (self->stack), "loading") == 0 ||
      frame == self->shown_in_frame)
    gtk_stack_set_visible_child_full (self->stack, name, GTK_STACK_TRANSITION_TYPE_NONE);
  else
    gtk_stack_set_visible_child_name (self->stack, name);
  self->shown_in_frame = frame;

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
}

static void
signed_in_changed_cb (PatronWindow  *self,
                      GParamSpec    *pspec,
                      PatronSession *session)
{
  if (patron_session_get_signed_in (session))
    show_page (self, "account");
  else
    {
      const char *visible = gtk_stack_get_visible_child_name (self->stack);

      if (self->orders_page != NULL)
        patron_orders_page_set_session (self->orders_page, NULL);
      if (g_strcmp0 (visible, "account") == 0 || g_strcmp0 (visible, "orders") == 0)
        show_page (self, "sign-in");
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
    return;   /* signed_in_changed_cb shows the account */

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

  show_page (self, "sign-in");
}

/* The first page of the orders is asked for with the customer, as the
 * orders page would ask for it. */
static void
load_orders_ahead (PatronWindow *self)
{
  g_autoptr(MedusaOrderQuery) query = patron_orders_page_history_query ();

  if (self->session != NULL)
    patron_session_set_orders_ahead (self->session, query,
                                     g_settings_get_uint (self->settings, "orders-page-size"));
}

static void
restore (PatronWindow *self)
{
  patron_session_restore_async (self->session, self->cancellable, restore_cb,
                                g_object_ref (self));
}

static gboolean
restore_tick_cb (GtkWidget     *widget,
                 GdkFrameClock *clock,
                 gpointer       user_data)
{
  PatronWindow *self = PATRON_WINDOW (widget);

  self->restore_tick = 0;
  restore (self);

  return G_SOURCE_REMOVE;
}

/* Returns: %FALSE if @url needs the user's consent first, which the store
 * page asks for instead */
static gboolean
use_store (PatronWindow *self,
           const char   *url)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  gboolean prepared;

  if (patron_store_url_needs_consent (self->settings, url))
    {
      patron_store_page_ask_consent (store_page (self), url);
      show_page (self, "store");
      return FALSE;
    }

  if (self->restore_tick != 0)
    gtk_widget_remove_tick_callback (GTK_WIDGET (self), self->restore_tick);
  self->restore_tick = 0;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  if (PATRON_IS_APPLICATION (app))
    self->session = patron_application_take_session (PATRON_APPLICATION (app), url);
  prepared = self->session != NULL;
  if (self->session == NULL)
    self->session = patron_session_new (url);
  patron_session_set_keep_sessions (self->session, keeps_sessions (self));
  load_orders_ahead (self);
  g_signal_connect_object (self->session, "notify::signed-in",
                           G_CALLBACK (signed_in_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "expired",
                           G_CALLBACK (session_expired_cb), self, G_CONNECT_SWAPPED);

  update_pages (self);
  {
    g_autofree char *shown = patron_text_clip (url, PATRON_TEXT_MAX_SHOWN);

    adw_window_title_set_subtitle (self->window_title, shown);
  }

  show_page (self, "loading");
  /* A session the application began to resume before the window existed may
   * be resumed at once. The window's first frame, with the loading page,
   * comes first all the same: making the account and orders pages would hold
   * it back. It is the application's window, which is about to be shown. */
  if (prepared && !gtk_widget_get_mapped (GTK_WIDGET (self)))
    self->restore_tick = gtk_widget_add_tick_callback (GTK_WIDGET (self), restore_tick_cb,
                                                       NULL, NULL);
  else
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
    patron_orders_page_set_session (orders_page (self), self->session);
  else if (g_str_equal (page, "account"))
    {
      if (self->orders_page != NULL)
        patron_orders_page_set_session (self->orders_page, NULL);
    }
  else if (!g_str_equal (page, "store"))
    g_return_if_reached ();

  show_page (self, page);
}

static void
open_reset_action (GtkWidget  *widget,
                   const char *action_name,
                   GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);
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

  patron_reset_page_set_link (reset_page (self), email, token);
  show_page (self, "reset");
}

static void
use_store_action (GtkWidget  *widget,
                  const char *action_name,
                  GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);
  const char *url = g_variant_get_string (parameter, NULL);

  if (use_store (self, url))
    g_settings_set_string (self->settings, "store-url", url);
}

static void
change_store_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);

  if (ask_before_discarding (self, "win.change-store"))
    return;

  if (self->session != NULL)
    patron_store_page_set_url (store_page (self), patron_session_get_store_url (self->session));
  show_page (self, "store");
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
    }

  gtk_window_present (self->help_overlay);
}

static void
sign_out_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  patron_session_sign_out_finish (PATRON_SESSION (object), result, NULL);
}

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);
  MedusaCustomer *customer;

  if (self->session == NULL || (customer = patron_session_get_customer (self->session)) == NULL)
    return;

  if (ask_before_discarding (self, "win.sign-out"))
    return;

  patron_sign_in_page_set_email (sign_in_page (self), medusa_customer_get_email (customer));
  patron_sign_in_page_set_message (sign_in_page (self), NULL);
  /* not tied to this window: signing out completes even if it closes */
  patron_session_sign_out_async (self->session, NULL, sign_out_cb, NULL);
  show_page (self, "sign-in");
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
  if (self->account_page != NULL)
    patron_account_page_discard_changes (self->account_page);
  gtk_widget_activate_action (GTK_WIDGET (self), self->after_discard, NULL);
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
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_clear_object (&self->session);

  if (self->help_overlay != NULL)
    gtk_window_destroy (self->help_overlay);
  g_clear_object (&self->help_overlay);

  gtk_widget_dispose_template (GTK_WIDGET (self), PATRON_TYPE_WINDOW);

  g_clear_object (&self->settings);

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
  gtk_widget_class_bind_template_child (widget_class, PatronWindow, primary_menu);
  gtk_widget_class_bind_template_child (widget_class, PatronWindow, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, PatronWindow, stack);

  gtk_widget_class_install_action (widget_class, "win.navigate", "(ss)", navigate_action);
  gtk_widget_class_install_action (widget_class, "win.open-reset", "(ss)", open_reset_action);
  gtk_widget_class_install_action (widget_class, "win.use-store", "s", use_store_action);
  gtk_widget_class_install_action (widget_class, "win.change-store", NULL, change_store_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
}

static void
patron_window_init (PatronWindow *self)
{
  self->settings = g_settings_new (APPLICATION_SCHEMA);
  self->cancellable = g_cancellable_new ();
  self->shown_in_frame = G_MININT64;
  g_signal_connect_object (self->settings, "changed::counter-mode",
                           G_CALLBACK (counter_mode_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::orders-page-size",
                           G_CALLBACK (load_orders_ahead), self, G_CONNECT_SWAPPED);

  gtk_widget_init_template (GTK_WIDGET (self));
  patron_menu_button_set_menu_later (self->menu_button, self->primary_menu);
  patron_spinner_spin_later (self->loading_spinner);

  gtk_window_set_default_size (GTK_WINDOW (self),
                               g_settings_get_int (self->settings, "window-width"),
                               g_settings_get_int (self->settings, "window-height"));
  if (g_settings_get_boolean (self->settings, "window-maximized"))
    gtk_window_maximize (GTK_WINDOW (self));
}
