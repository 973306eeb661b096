/* patron-window.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-window"

#include "config.h"

#include "patron-form.h"
#include "patron-offline-banner.h"
#include "patron-reset-link.h"
#include "patron-settings.h"
#include "patron-toast.h"
#include "patron-window-private.h"

G_DEFINE_FINAL_TYPE (PatronWindow, patron_window, ADW_TYPE_APPLICATION_WINDOW)

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
      adw_toast_overlay_add_toast (self->toast_overlay, patron_toast_new (error->message));
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
        adw_toast_overlay_add_toast (self->toast_overlay, patron_toast_new (error->message));
      return;
    }

  _patron_window_show_page (self, "store");
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
    _patron_window_use_store (self, store_url);
  else
    {
      patron_store_page_set_url (store_page (self), store_url);
      _patron_window_show_page (self, "store");
    }
}

static gboolean
patron_window_close_request (GtkWindow *window)
{
  PatronWindow *self = PATRON_WINDOW (window);

  if (_patron_window_ask_before_discarding (self, "window.close"))
    return TRUE;

  /* at a counter, closing Patron is the end of the customer's visit too */
  if (_patron_window_in_counter_mode (self))
    patron_window_end_visit (self);

  /* Whatever this window asked of the store is of no use any more. */
  g_cancellable_cancel (self->cancellable);
  g_settings_apply (self->window_state);

  return GTK_WINDOW_CLASS (patron_window_parent_class)->close_request (window);
}

/* The size the user left the window at, given to the next window before
 * it is shown. GTK keeps default-width and -height at the size the window
 * goes back to, also while it is maximized. Bound once constructed:
 * "maximized" is a construct property, set (to FALSE) after init. A key an
 * administrator locks leaves the window sensitive. The settings are
 * delayed and applied when the window closes: GTK changes default-width at
 * every step of a resize, and the keyfile backend a Flatpak uses would
 * write its file at each. */
static void
patron_window_constructed (GObject *object)
{
  PatronWindow *self = (PatronWindow *)object;
  GSettingsBindFlags flags = G_SETTINGS_BIND_DEFAULT | G_SETTINGS_BIND_NO_SENSITIVITY;

  G_OBJECT_CLASS (patron_window_parent_class)->constructed (object);

  g_settings_bind (self->window_state, "window-width", self, "default-width", flags);
  g_settings_bind (self->window_state, "window-height", self, "default-height", flags);
  g_settings_bind (self->window_state, "window-maximized", self, "maximized", flags);
}

static void
patron_window_dispose (GObject *object)
{
  PatronWindow *self = (PatronWindow *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  _patron_window_cancel_prepare_orders (self);
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
  if (self->window_state != NULL)
    g_settings_apply (self->window_state);
  g_clear_object (&self->window_state);
  g_clear_pointer (&self->before_store, g_free);
  g_clear_pointer (&self->customer_id, g_free);
  g_clear_pointer (&self->switch_to, g_free);
  g_clear_pointer (&self->forget_url, g_free);
  _patron_window_forget_reset_link (self);

  G_OBJECT_CLASS (patron_window_parent_class)->dispose (object);
}

static void
patron_window_class_init (PatronWindowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->constructed = patron_window_constructed;
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

  _patron_window_class_actions_init (klass);
}

static void
patron_window_init (PatronWindow *self)
{
  self->settings = patron_settings_new ();
  self->window_state = patron_settings_new ();
  g_settings_delay (self->window_state);
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  _patron_window_make_navigation (self);
  /* the offline copy's banner, under the countdown's */
  self->offline_banner = PATRON_OFFLINE_BANNER (patron_offline_banner_new ());
  gtk_widget_insert_after (GTK_WIDGET (self->offline_banner),
                           gtk_widget_get_parent (GTK_WIDGET (self->idle_revealer)),
                           GTK_WIDGET (self->idle_revealer));

  /* the settings followed, the store's menu and counter mode's countdown */
  _patron_window_visit_init (self);
  patron_menu_button_set_menu_later (self->menu_button, self->primary_menu);
  patron_spinner_spin_later (self->loading_spinner);
  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-store", FALSE);
  self->session_bindings = g_binding_group_new ();
  g_binding_group_bind (self->session_bindings, "restoring", self->loading_page, "visible",
                        G_BINDING_SYNC_CREATE);
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

  return _patron_window_visible_page (self);
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
