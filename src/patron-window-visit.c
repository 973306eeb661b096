/* patron-window-visit.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-window"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-account-cache.h"
#include "patron-application.h"
#include "patron-error.h"
#include "patron-image-cache.h"
#include "patron-preferences-window.h"
#include "patron-secrets.h"
#include "patron-store-api.h"
#include "patron-stores.h"
#include "patron-text.h"
#include "patron-toast.h"
#include "patron-window-private.h"

/* One customer after another at a shared workstation: the key, or
 * --counter. */
gboolean
_patron_window_in_counter_mode (PatronWindow *self)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  if (PATRON_IS_APPLICATION (app))
    return patron_application_get_counter_mode (PATRON_APPLICATION (app));

  return g_settings_get_boolean (self->settings, "counter-mode");
}

gboolean
_patron_window_keeps_sessions (PatronWindow *self)
{
  return !_patron_window_in_counter_mode (self);
}

/* Where a customer starts: the welcome page at a counter. */
static const char *
entry_page (PatronWindow *self)
{
  return _patron_window_in_counter_mode (self) ? "welcome" : "sign-in";
}

/* In counter mode a visit runs from the first key typed on the welcome
 * page until it ends; the store page and "Signing In…" are no one's visit. */
void
_patron_window_update_idle (PatronWindow *self)
{
  const char *visible = _patron_window_visible_page (self);
  gboolean counter = _patron_window_in_counter_mode (self);
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
  const char *visible = _patron_window_visible_page (self);

  if (customer != NULL)
    {
      patron_stores_remember (self->settings, patron_session_get_store_url (session));
      if (g_strcmp0 (self->customer_id, medusa_customer_get_id (customer)) != 0)
        {
          forget_customer (self);
          self->customer_id = g_strdup (medusa_customer_get_id (customer));
        }
      if (g_strcmp0 (visible, "account") != 0 && g_strcmp0 (visible, "orders") != 0)
        _patron_window_show_page (self, "account");
      else
        _patron_window_show_page (self, visible);
    }
  else
    {
      if (self->orders_page != NULL)
        patron_orders_page_set_session (self->orders_page, NULL);
      if (g_strcmp0 (visible, "account") == 0 || g_strcmp0 (visible, "orders") == 0)
        _patron_window_show_page (self, entry_page (self));
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
  _patron_window_show_page (self, "sign-in");
}

/* "Keep Me Signed In" was not kept to: the next start asks again. Two
 * lines' worth of toast, given time to be read. */
static void
session_not_kept_cb (PatronWindow  *self,
                     PatronSession *session)
{
  AdwToast *toast = patron_toast_new (_("The keyring did not keep your session: the next start "
                                        "will ask you to sign in"));

  adw_toast_set_timeout (toast, 10);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

static void
session_not_forgotten_cb (PatronWindow  *self,
                          PatronSession *session)
{
  _patron_window_say_not_forgotten (self, patron_session_get_store_url (session));
}

static void
session_copy_not_removed_cb (PatronWindow  *self,
                             PatronSession *session)
{
  _patron_window_say_copy_not_removed (self, patron_session_get_store_url (session));
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
  if (g_strcmp0 (_patron_window_visible_page (self), "store") == 0)
    return;

  /* at a counter, only a failure is told on the sign-in page */
  _patron_window_show_page (self, error != NULL ? "sign-in" : entry_page (self));
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
  _patron_window_show_page (self, "store");
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
gboolean
_patron_window_use_store (PatronWindow *self,
                          const char   *url)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));

  gtk_widget_action_set_enabled (GTK_WIDGET (self), "win.leave-store", FALSE);
  if (patron_store_url_needs_consent (self->settings, url))
    {
      patron_store_page_ask_consent (store_page (self), url);
      _patron_window_show_page (self, "store");
      return FALSE;
    }

  /* whoever was signed in at the last store is not at the next; a kept
   * session stays kept there */
  if (self->session != NULL && patron_session_get_signed_in (self->session))
    _patron_window_end_visit (self, TRUE);

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
  patron_session_set_keep_sessions (self->session, _patron_window_keeps_sessions (self));
  g_signal_connect_object (self->session, "notify::customer",
                           G_CALLBACK (customer_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "expired",
                           G_CALLBACK (session_expired_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "not-kept",
                           G_CALLBACK (session_not_kept_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "not-forgotten",
                           G_CALLBACK (session_not_forgotten_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->session, "copy-not-removed",
                           G_CALLBACK (session_copy_not_removed_cb), self, G_CONNECT_SWAPPED);
  patron_offline_banner_set_session (self->offline_banner, self->session);

  _patron_window_update_pages (self);
  g_binding_group_set_source (self->session_bindings, self->session);
  update_stores_menu (self);
  {
    g_autofree char *shown = patron_text_clip (url, PATRON_TEXT_MAX_SHOWN);

    adw_window_title_set_subtitle (self->window_title, shown);
  }

  _patron_window_show_page (self, "loading");
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
    patron_session_set_keep_sessions (self->session, _patron_window_keeps_sessions (self));
  _patron_window_update_pages (self);
  _patron_window_update_idle (self);
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

/**
 * _patron_window_say_not_forgotten:
 * @url: the store whose kept session the keyring did not remove
 *
 * Says so until dismissed, with a button to try again (win.forget-kept-session):
 * the next start could resume that session.
 */
void
_patron_window_say_not_forgotten (PatronWindow *self,
                                  const char   *url)
{
  g_autofree char *name = patron_stores_display_name (url);
  g_autofree char *said = NULL;
  AdwToast *toast;

  /* Translators: %s is a store's host name */
  said = g_strdup_printf (_("The keyring did not remove the session kept at %s"), name);
  toast = patron_toast_new (said);
  adw_toast_set_button_label (toast, _("_Try Again"));
  adw_toast_set_action_name (toast, "win.forget-kept-session");
  adw_toast_set_action_target (toast, "s", url);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * _patron_window_say_copy_not_removed:
 * @url: the store whose offline copies stayed on the disk, or a part of them
 *
 * Says so until dismissed, with a button to try again
 * (win.remove-offline-copies): the next person at this computer could read
 * them.
 */
void
_patron_window_say_copy_not_removed (PatronWindow *self,
                                     const char   *url)
{
  g_autofree char *name = patron_stores_display_name (url);
  g_autofree char *said = NULL;
  AdwToast *toast;

  /* Translators: %s is a store's host name */
  said = g_strdup_printf (_("Patron could not remove the offline copy of an account at %s"),
                          name);
  toast = patron_toast_new (said);
  adw_toast_set_button_label (toast, _("_Try Again"));
  adw_toast_set_action_name (toast, "win.remove-offline-copies");
  adw_toast_set_action_target (toast, "s", url);
  adw_toast_set_timeout (toast, 0);
  adw_toast_overlay_add_toast (self->toast_overlay, toast);
}

/**
 * _patron_window_remove_offline_copies:
 * @url: a store
 *
 * Removes the offline copies kept at @url but the one of a session kept
 * there now, and says whether it could.
 */
void
_patron_window_remove_offline_copies (PatronWindow *self,
                                      const char   *url)
{
  g_autoptr(GError) error = NULL;
  PatronAccountCache *kept = NULL;
  gboolean removed;

  /* kept again there since, by the customer signed in now: not theirs */
  if (self->session != NULL &&
      g_str_equal (patron_session_get_store_url (self->session), url) &&
      patron_session_get_remember (self->session))
    kept = patron_session_get_account_cache (self->session);

  if (kept != NULL)
    removed = patron_account_cache_delete_others (kept, &error);
  else
    removed = patron_account_cache_delete_store (url, &error);

  if (removed)
    {
      adw_toast_overlay_add_toast (self->toast_overlay,
                                   patron_toast_new (_("The offline copy has been removed")));
      return;
    }
  g_message ("Could not remove an offline copy: %s", error->message);
  _patron_window_say_copy_not_removed (self, url);
}

typedef struct
{
  PatronWindow *window;
  char         *url;
  gboolean      again;   /* asked for by Try Again */
} Forgetting;

static void
forgetting_free (Forgetting *forgetting)
{
  g_object_unref (forgetting->window);
  g_free (forgetting->url);
  g_free (forgetting);
}

G_DEFINE_AUTOPTR_CLEANUP_FUNC (Forgetting, forgetting_free)

static void
kept_session_forgotten_cb (GObject      *object,
                           GAsyncResult *result,
                           gpointer      user_data)
{
  g_autoptr(Forgetting) forgetting = user_data;
  g_autoptr(GError) error = NULL;

  if (!patron_secrets_clear_finish (result, &error))
    {
      g_message ("Could not remove the kept session from the keyring: %s", error->message);
      _patron_window_say_not_forgotten (forgetting->window, forgetting->url);
    }
  else if (forgetting->again)
    adw_toast_overlay_add_toast (forgetting->window->toast_overlay,
                                 patron_toast_new (_("The keyring has removed the kept "
                                                     "session")));
}

/**
 * _patron_window_forget_kept_session:
 * @url: a store
 * @again: whether the user asked to try again
 *
 * Removes the session kept at @url from the keyring, and says so if the
 * keyring fails to.
 */
void
_patron_window_forget_kept_session (PatronWindow *self,
                                    const char   *url,
                                    gboolean      again)
{
  Forgetting *forgetting = g_new0 (Forgetting, 1);

  forgetting->window = g_object_ref (self);
  forgetting->url = g_strdup (url);
  forgetting->again = again;
  patron_secrets_clear_async (url, NULL, kept_session_forgotten_cb, forgetting);
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
void
_patron_window_forget_store (PatronWindow *self,
                             const char   *url)
{
  GtkApplication *app = gtk_window_get_application (GTK_WINDOW (self));
  g_autofree char *name = patron_stores_display_name (url);
  g_autofree char *said = NULL;
  g_autoptr(GError) error = NULL;
  gboolean pictures_emptied = FALSE;
  gboolean copies_removed;

  if (self->session != NULL && g_str_equal (patron_session_get_store_url (self->session), url))
    {
      /* signing out empties the pictures on disk already */
      pictures_emptied = patron_session_get_signed_in (self->session);
      _patron_window_end_visit (self, FALSE);
      g_signal_handlers_disconnect_by_data (self->session, self);
      g_clear_object (&self->session);
      patron_offline_banner_set_session (self->offline_banner, NULL);
      adw_window_title_set_subtitle (self->window_title, NULL);
      patron_store_page_set_url (store_page (self), NULL);
      _patron_window_show_page (self, "store");
    }

  _patron_window_forget_kept_session (self, url, FALSE);
  copies_removed = patron_account_cache_delete_store (url, &error);
  patron_stores_forget (self->settings, url);
  update_stores_menu (self);
  if (!pictures_emptied)
    empty_pictures_on_disk (app);

  /* not forgotten while a copy of an account stays */
  if (!copies_removed)
    {
      g_message ("Could not remove an offline copy: %s", error->message);
      _patron_window_say_copy_not_removed (self, url);
      return;
    }
  /* Translators: %s is a store's host name */
  said = g_strdup_printf (_("Patron has forgotten %s"), name);
  adw_toast_overlay_add_toast (self->toast_overlay, patron_toast_new (said));
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
  _patron_window_drop_orders_page (self);
  drop_page (self, &self->account_page);
  clear_clipboards (self);
  if (PATRON_IS_APPLICATION (app))
    patron_image_cache_forget_all (patron_application_get_image_cache (PATRON_APPLICATION (app)));

  if (n_sent > 0)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 patron_toast_new (ngettext ("The address you deleted is "
                                                             "being removed from the account.",
                                                             "The addresses you deleted are "
                                                             "being removed from the account.",
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

  _patron_window_end_visit (self, FALSE);
}

/* The end of a visit, by Sign Out (the kept session is forgotten) or by
 * @leaving for another store (it stays kept, for when the user comes
 * back: patron_session_leave()). */
void
_patron_window_end_visit (PatronWindow *self,
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
    _patron_window_show_page (self, entry_page (self));
}

/* The settings the window follows (counter mode, the stores, whether the
 * store is set by an administrator) and counter mode's countdown. */
void
_patron_window_visit_init (PatronWindow *self)
{
  g_signal_connect_object (self->settings, "changed::counter-mode",
                           G_CALLBACK (counter_mode_changed_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "changed::recent-stores",
                           G_CALLBACK (update_stores_menu), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->settings, "writable-changed::store-url",
                           G_CALLBACK (store_writable_changed_cb), self, G_CONNECT_SWAPPED);
  store_writable_changed_cb (self);

  self->idle_monitor = patron_idle_monitor_new ();
  g_settings_bind (self->settings, "counter-idle-seconds", self->idle_monitor, "timeout",
                   G_SETTINGS_BIND_GET);
  g_signal_connect_object (self->idle_monitor, "notify::countdown",
                           G_CALLBACK (idle_countdown_cb), self, G_CONNECT_SWAPPED);
  g_signal_connect_object (self->idle_monitor, "timeout",
                           G_CALLBACK (idle_timeout_cb), self, G_CONNECT_SWAPPED);
  patron_idle_monitor_watch (self->idle_monitor, GTK_WIDGET (self));
  patron_idle_monitor_watch_toplevels (self->idle_monitor);
}
