/* patron-window-actions.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-window"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "patron-form.h"
#include "patron-stores.h"
#include "patron-toast.h"
#include "patron-window-private.h"

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

  if (_patron_window_in_counter_mode (self))
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

  _patron_window_show_page (self, page);
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
      g_strcmp0 (_patron_window_visible_page (self), "account") != 0 ||
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
  _patron_window_show_page (self, "reset");
}

static void
wipe_free (char *secret)
{
  if (secret != NULL)
    explicit_bzero (secret, strlen (secret));
  g_free (secret);
}

void
_patron_window_forget_reset_link (PatronWindow *self)
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

  _patron_window_forget_reset_link (self);
  self->reset_email = g_strdup (g_object_get_data (G_OBJECT (dialog), "patron-email"));
  self->reset_token = g_strdup (g_object_get_data (G_OBJECT (dialog), "patron-token"));
  /* unsaved profile changes are not lost without asking either */
  if (_patron_window_ask_before_discarding (self, "win.reset-other"))
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
                                   patron_toast_new (_("Choose the store first, then open "
                                                       "the link again.")));
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

  if (_patron_window_use_store (self, url))
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
  if (_patron_window_ask_before_discarding (self, "win.switch-store-agreed"))
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
    _patron_window_show_page (self, "sign-in");
  else
    _patron_window_show_page (self, self->before_store != NULL ? self->before_store : "sign-in");
}

static void
change_store_action (GtkWidget  *widget,
                     const char *action_name,
                     GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);

  if (_patron_window_ask_before_discarding (self, "win.change-store"))
    return;

  /* the next store's forms start empty, and nobody stays signed in at this
   * one behind the store page; a kept session stays kept */
  _patron_window_end_visit (self, TRUE);
  if (self->session != NULL)
    patron_store_page_set_url (store_page (self), patron_session_get_store_url (self->session));
  /* the way back, to where the user was */
  g_free (self->before_store);
  self->before_store = g_strdup (_patron_window_visible_page (self));
  gtk_widget_action_set_enabled (widget, "win.leave-store",
                                 self->session != NULL &&
                                 g_strcmp0 (self->before_store, "store") != 0 &&
                                 g_strcmp0 (self->before_store, "loading") != 0);
  _patron_window_show_page (self, "store");
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
  _patron_window_forget_store (self, url);
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
  if (current && _patron_window_ask_before_discarding (self, "win.forget-store-agreed"))
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

/* Try Again, after the keyring did not remove a kept session. */
static void
forget_kept_session_action (GtkWidget  *widget,
                            const char *action_name,
                            GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);
  const char *url = g_variant_get_string (parameter, NULL);

  /* kept again there since, by the customer signed in now: not that one */
  if (self->session != NULL &&
      g_str_equal (patron_session_get_store_url (self->session), url) &&
      patron_session_get_remember (self->session))
    return;

  _patron_window_forget_kept_session (self, url, TRUE);
}

/* Try Again, after an offline copy stayed on the disk. */
static void
remove_offline_copies_action (GtkWidget  *widget,
                              const char *action_name,
                              GVariant   *parameter)
{
  const char *url = g_variant_get_string (parameter, NULL);

  if (medusa_client_check_base_url (url, NULL))
    _patron_window_remove_offline_copies (PATRON_WINDOW (widget), url);
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

static void
sign_out_action (GtkWidget  *widget,
                 const char *action_name,
                 GVariant   *parameter)
{
  PatronWindow *self = PATRON_WINDOW (widget);

  if (self->session == NULL || !patron_session_get_signed_in (self->session))
    return;

  if (_patron_window_ask_before_discarding (self, "win.sign-out"))
    return;

  patron_window_end_visit (self);
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
gboolean
_patron_window_ask_before_discarding (PatronWindow *self,
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

void
_patron_window_class_actions_init (PatronWindowClass *klass)
{
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

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
  gtk_widget_class_install_action (widget_class, "win.forget-kept-session", "s",
                                   forget_kept_session_action);
  gtk_widget_class_install_action (widget_class, "win.remove-offline-copies", "s",
                                   remove_offline_copies_action);
  gtk_widget_class_install_action (widget_class, "win.sign-out", NULL, sign_out_action);
  gtk_widget_class_install_action (widget_class, "win.next-customer", NULL, next_customer_action);
  gtk_widget_class_install_action (widget_class, "win.stay", NULL, stay_action);
  gtk_widget_class_install_action (widget_class, "win.show-help-overlay", NULL,
                                   show_help_overlay_action);
}
