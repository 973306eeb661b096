/* patron-account-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-account-page"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-account-page-private.h"
#include "patron-credentials-dialog.h"
#include "patron-form.h"
#include "patron-text.h"
#include "patron-toast.h"

/**
 * PatronAccountPage:
 *
 * The signed-in customer: an overview, the profile (saved only when
 * something changed, from the store's answer) and the addresses
 * (patron-account-page-addresses.c).
 */

G_DEFINE_FINAL_TYPE (PatronAccountPage, patron_account_page, ADW_TYPE_BIN)

static const char *
or_empty (const char *text)
{
  return text != NULL ? text : "";
}

static gboolean
row_differs (GtkEditable *row,
             const char  *value)
{
  const char *held = gtk_editable_get_text (row);
  g_autofree char *text = NULL;

  /* a text field holds no more than about GTK_ENTRY_BUFFER_MAX_SIZE
   * characters of a store's text: as much as it could hold, unchanged, is
   * no change */
  if (value != NULL && patron_text_is_longer (held, GTK_ENTRY_BUFFER_MAX_SIZE - 2) &&
      g_str_has_prefix (value, held))
    return FALSE;

  text = patron_form_dup_text (row);
  return g_strcmp0 (text, or_empty (value)) != 0;
}

/**
 * patron_account_page_get_has_changes:
 *
 * Returns: whether the profile has edits not saved yet
 */
gboolean
patron_account_page_get_has_changes (PatronAccountPage *self)
{
  g_return_val_if_fail (PATRON_IS_ACCOUNT_PAGE (self), FALSE);

  if (self->customer == NULL)
    return FALSE;

  return row_differs (self->first_name_row, medusa_customer_get_first_name (self->customer)) ||
         row_differs (self->last_name_row, medusa_customer_get_last_name (self->customer)) ||
         row_differs (self->phone_row, medusa_customer_get_phone (self->customer));
}

void
_patron_account_page_update_summary (PatronAccountPage *self)
{
  guint n_addresses = 0;
  g_autofree char *addresses = NULL;
  g_autofree char *text = NULL;

  if (self->customer != NULL)
    {
      GListModel *addresses_model = medusa_customer_get_shipping_addresses (self->customer);

      n_addresses = g_list_model_get_n_items (addresses_model);
    }

  addresses = g_strdup_printf (ngettext ("%u address", "%u addresses", n_addresses), n_addresses);
  if (self->session != NULL && patron_session_get_visit (self->session) != NULL &&
      patron_visit_get_order_count (patron_session_get_visit (self->session)) >= 0)
    {
      guint n_orders = patron_visit_get_order_count (patron_session_get_visit (self->session));
      g_autofree char *orders = g_strdup_printf (ngettext ("%u order", "%u orders", n_orders),
                                                 n_orders);

      /* Translators: "2 addresses · 5 orders" */
      text = g_strdup_printf (_("%s · %s"), addresses, orders);
    }
  else
    text = g_steal_pointer (&addresses);

  gtk_label_set_text (self->summary_label, text);
}

static void
update_header (PatronAccountPage *self)
{
  g_autofree char *full_name = NULL;
  g_autofree char *name = NULL;
  g_autofree char *email = NULL;
  g_autofree char *signed_in = NULL;

  if (self->customer == NULL)
    return;

  /* as long as the store likes: a label shows the start */
  full_name = medusa_customer_dup_full_name (self->customer);
  name = patron_text_clip (full_name, PATRON_TEXT_MAX_SHOWN);
  email = patron_text_clip (medusa_customer_get_email (self->customer), PATRON_TEXT_MAX_SHOWN);
  /* Translators: %s is the customer's email address */
  signed_in = g_strdup_printf (_("Signed in as %s"), email);
  gtk_label_set_text (self->name_label, name);
  gtk_label_set_text (self->signed_in_label, signed_in);
  adw_action_row_set_subtitle (self->email_row, email);
  _patron_account_page_update_billing (self);
  _patron_account_page_update_summary (self);
}

static void
profile_changed_cb (PatronAccountPage *self)
{
  gtk_widget_set_visible (self->save_box, patron_account_page_get_has_changes (self));
}

/* The rows show the customer as the store has it. */
static void
revert_cb (PatronAccountPage *self)
{
  MedusaCustomer *customer = self->customer;

  if (customer == NULL)
    return;

  /* first: a text of the store's too long to save again is said so */
  patron_form_show_error (self->error_label, NULL);
  gtk_editable_set_text (self->first_name_row, or_empty (medusa_customer_get_first_name (customer)));
  gtk_editable_set_text (self->last_name_row, or_empty (medusa_customer_get_last_name (customer)));
  gtk_editable_set_text (self->phone_row, or_empty (medusa_customer_get_phone (customer)));
  profile_changed_cb (self);
}

static void
customer_notify_cb (PatronAccountPage *self)
{
  update_header (self);
  /* edits the user has not saved win over what changed elsewhere */
  if (!gtk_widget_get_visible (self->save_box))
    revert_cb (self);
}

static void
save_done_cb (GObject      *object,
              GAsyncResult *result,
              gpointer      user_data)
{
  g_autoptr(PatronAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;

  patron_form_set_busy (self->save_box, self->spinner, FALSE);

  if (!patron_session_update_customer_finish (PATRON_SESSION (object), result, &error))
    {
      patron_form_show_failure (self->error_label, error, PATRON_ACTION_OTHER);
      return;
    }

  /* the session took the store's answer into the customer: show it */
  gtk_widget_set_visible (self->save_box, FALSE);
  revert_cb (self);
}

/* How long the pointer rests on Show Orders before a click is expected: a
 * pointer passing over it on its way elsewhere asks for nothing. */
#define INTENT_MS 60

static gboolean
intent_cb (gpointer user_data)
{
  PatronAccountPage *self = user_data;

  self->intent_source = 0;
  gtk_widget_activate_action (GTK_WIDGET (self), "win.expect-orders", NULL);

  return G_SOURCE_REMOVE;
}

/* The pointer came onto Show Orders: a click is likely to follow. */
static void
orders_intent_cb (PatronAccountPage *self)
{
  if (self->intent_source == 0)
    self->intent_source = g_timeout_add (INTENT_MS, intent_cb, self);
}

static void
orders_intent_left_cb (PatronAccountPage *self)
{
  g_clear_handle_id (&self->intent_source, g_source_remove);
}

static void
save_cb (PatronAccountPage *self)
{
  g_autoptr(MedusaCustomerChanges) changes = NULL;
  g_autofree char *first_name = NULL;
  g_autofree char *last_name = NULL;
  g_autofree char *phone = NULL;

  if (self->session == NULL || self->customer == NULL ||
      !patron_account_page_get_has_changes (self) || !gtk_widget_get_sensitive (self->save_box))
    return;

  /* what is sent, and only that, must be short enough for the store */
  if ((row_differs (self->first_name_row, medusa_customer_get_first_name (self->customer)) &&
       !patron_form_check_lengths (self->error_label, self->first_name_row, NULL)) ||
      (row_differs (self->last_name_row, medusa_customer_get_last_name (self->customer)) &&
       !patron_form_check_lengths (self->error_label, self->last_name_row, NULL)) ||
      (row_differs (self->phone_row, medusa_customer_get_phone (self->customer)) &&
       !patron_form_check_lengths (self->error_label, self->phone_row, NULL)))
    return;

  first_name = patron_form_dup_text (self->first_name_row);
  last_name = patron_form_dup_text (self->last_name_row);
  phone = patron_form_dup_text (self->phone_row);

  if (first_name[0] == '\0' || last_name[0] == '\0')
    {
      patron_form_show_error (self->error_label, _("Enter your first and last name."));
      return;
    }

  changes = medusa_customer_changes_new ();
  if (row_differs (self->first_name_row, medusa_customer_get_first_name (self->customer)))
    medusa_customer_changes_set_first_name (changes, first_name);
  if (row_differs (self->last_name_row, medusa_customer_get_last_name (self->customer)))
    medusa_customer_changes_set_last_name (changes, last_name);
  if (row_differs (self->phone_row, medusa_customer_get_phone (self->customer)))
    medusa_customer_changes_set_phone (changes, phone);

  patron_form_show_error (self->error_label, NULL);
  patron_form_set_busy (self->save_box, self->spinner, TRUE);
  patron_session_update_customer_async (self->session, changes, self->cancellable,
                                        save_done_cb, g_object_ref (self));
}

static void
reset_email_sent_cb (GObject      *object,
                     GAsyncResult *result,
                     gpointer      user_data)
{
  g_autoptr(PatronAccountPage) self = user_data;
  g_autoptr(GError) error = NULL;
  GtkWidget *overlay;

  if (!medusa_client_request_password_reset_finish (MEDUSA_CLIENT (object), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        patron_form_show_failure (self->error_label, error, PATRON_ACTION_REQUEST_RESET);
      return;
    }

  overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  if (overlay != NULL)
    adw_toast_overlay_add_toast (ADW_TOAST_OVERLAY (overlay),
                                 patron_toast_new (_("Email sent: follow its link to set a "
                                                     "new password")));
}

static void
reset_email_response_cb (AdwMessageDialog  *dialog,
                         const char        *response,
                         PatronAccountPage *self)
{
  if (g_strcmp0 (response, "send") != 0 || self->session == NULL || self->customer == NULL)
    return;

  medusa_client_request_password_reset_async (patron_session_get_client (self->session),
                                              medusa_customer_get_email (self->customer),
                                              self->cancellable, reset_email_sent_cb,
                                              g_object_ref (self));
}

/* A store that changes neither (Medusa v2) says so; a new password can
 * still come through the reset email. */
static gboolean
explain_what_the_store_cannot_change (PatronAccountPage *self,
                                      PatronCredentials  what)
{
  MedusaClient *client = patron_session_get_client (self->session);
  MedusaCapabilities can = medusa_client_get_capabilities (client);
  GtkWindow *parent = GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self)));
  AdwMessageDialog *dialog;

  if (what == PATRON_CREDENTIALS_EMAIL && !(can & MEDUSA_CAPABILITY_CHANGE_EMAIL))
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                           _("This Store Keeps Email Addresses"),
                                                           _("This store does not let its "
                                                             "customers change the email address "
                                                             "of their account. Ask the store to "
                                                             "change it.")));
      adw_message_dialog_add_response (dialog, "close", _("_Close"));
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  if (what == PATRON_CREDENTIALS_PASSWORD && !(can & MEDUSA_CAPABILITY_CHANGE_PASSWORD))
    {
      dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (parent,
                                                           _("Change Your Password by Email"),
                                                           NULL));
      /* Translators: %s is the customer's email address */
      adw_message_dialog_format_body (dialog,
                                      _("This store changes passwords only through a reset "
                                        "email. Patron can ask it to send one to %s; its link "
                                        "lets you set a new password."),
                                      medusa_customer_get_email (self->customer));
      adw_message_dialog_add_responses (dialog,
                                        "cancel", _("_Cancel"),
                                        "send", _("_Send Email"),
                                        NULL);
      adw_message_dialog_set_response_appearance (dialog, "send", ADW_RESPONSE_SUGGESTED);
      adw_message_dialog_set_default_response (dialog, "send");
      adw_message_dialog_set_close_response (dialog, "cancel");
      g_signal_connect_object (dialog, "response", G_CALLBACK (reset_email_response_cb), self, 0);
      gtk_window_present (GTK_WINDOW (dialog));
      return TRUE;
    }

  return FALSE;
}

static void
change_credentials (PatronAccountPage *self,
                    PatronCredentials  what)
{
  PatronCredentialsDialog *dialog;

  if (self->session == NULL || self->customer == NULL)
    return;

  if (explain_what_the_store_cannot_change (self, what))
    return;

  dialog = patron_credentials_dialog_new (GTK_WINDOW (gtk_widget_get_root (GTK_WIDGET (self))),
                                          self->session, what);
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
change_email_cb (PatronAccountPage *self)
{
  change_credentials (self, PATRON_CREDENTIALS_EMAIL);
}

static void
change_password_cb (PatronAccountPage *self)
{
  change_credentials (self, PATRON_CREDENTIALS_PASSWORD);
}

static void
set_customer (PatronAccountPage *self,
              MedusaCustomer    *customer)
{
  if (self->customer == customer)
    return;

  if (self->customer != NULL)
    {
      GListModel *addresses = medusa_customer_get_shipping_addresses (self->customer);

      /* a session that ended (expired, or signed in again) keeps the edits
       * for the same customer's next session */
      g_clear_pointer (&self->unsaved_id, g_free);
      if (patron_account_page_get_has_changes (self))
        self->unsaved_id = g_strdup (medusa_customer_get_id (self->customer));

      g_signal_handlers_disconnect_by_data (self->customer, self);
      g_signal_handlers_disconnect_by_data (addresses, self);
    }
  g_set_object (&self->customer, customer);

  gtk_widget_set_visible (self->save_box, FALSE);
  patron_form_show_error (self->error_label, NULL);

  if (customer == NULL)
    {
      _patron_account_page_bind_addresses (self, NULL);
      return;
    }

  g_signal_connect_object (customer, "notify", G_CALLBACK (customer_notify_cb), self,
                           G_CONNECT_SWAPPED);
  g_signal_connect_object (medusa_customer_get_shipping_addresses (customer), "items-changed",
                           G_CALLBACK (_patron_account_page_update_summary), self, G_CONNECT_SWAPPED);
  _patron_account_page_bind_addresses (self, medusa_customer_get_shipping_addresses (customer));
  update_header (self);
  if (g_strcmp0 (self->unsaved_id, medusa_customer_get_id (customer)) == 0)
    profile_changed_cb (self);
  else
    revert_cb (self);
  g_clear_pointer (&self->unsaved_id, g_free);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
}

static void
session_customer_cb (PatronAccountPage *self)
{
  set_customer (self, patron_session_get_customer (self->session));
}

static void
patron_account_page_dispose (GObject *object)
{
  PatronAccountPage *self = (PatronAccountPage *)object;

  g_clear_handle_id (&self->intent_source, g_source_remove);
  _patron_account_page_addresses_dispose (self);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  set_customer (self, NULL);
  g_clear_object (&self->session);
  g_clear_object (&self->visit_signals);
  g_clear_object (&self->session_bindings);
  g_clear_pointer (&self->unsaved_id, g_free);

  gtk_widget_dispose_template (GTK_WIDGET (self), PATRON_TYPE_ACCOUNT_PAGE);

  G_OBJECT_CLASS (patron_account_page_parent_class)->dispose (object);
}

static void
patron_account_page_class_init (PatronAccountPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = patron_account_page_dispose;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patronapp/Patron/ui/patron-account-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, name_label);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, signed_in_label);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, summary_label);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, billing_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, save_box);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, save_button);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, addresses_list);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, offline_label);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, profile_group);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, billing_group);
  gtk_widget_class_bind_template_child (widget_class, PatronAccountPage, addresses_group);
  gtk_widget_class_bind_template_callback (widget_class, profile_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_bind_template_callback (widget_class, orders_intent_cb);
  gtk_widget_class_bind_template_callback (widget_class, orders_intent_left_cb);
  gtk_widget_class_bind_template_callback (widget_class, revert_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_email_cb);
  gtk_widget_class_bind_template_callback (widget_class, change_password_cb);

  _patron_account_page_class_addresses_init (klass);
}

static void
patron_account_page_init (PatronAccountPage *self)
{
  _patron_account_page_addresses_init (self);
  self->visit_signals = g_signal_group_new (PATRON_TYPE_VISIT);
  g_signal_group_connect_swapped (self->visit_signals, "notify::order-count",
                                  G_CALLBACK (_patron_account_page_update_summary), self);
  gtk_widget_init_template (GTK_WIDGET (self));
  /* offline, what is shown is a copy: nothing is changed, and it says why */
  self->session_bindings = g_binding_group_new ();
  g_binding_group_bind (self->session_bindings, "offline", self->offline_label, "visible",
                        G_BINDING_SYNC_CREATE);
  g_binding_group_bind_full (self->session_bindings, "offline", self->profile_group, "sensitive",
                             G_BINDING_SYNC_CREATE, patron_form_offline_to_sensitive, NULL,
                             NULL, NULL);
  g_binding_group_bind_full (self->session_bindings, "offline", self->billing_group, "sensitive",
                             G_BINDING_SYNC_CREATE, patron_form_offline_to_sensitive, NULL,
                             NULL, NULL);
  g_binding_group_bind_full (self->session_bindings, "offline", self->addresses_group,
                             "sensitive", G_BINDING_SYNC_CREATE,
                             patron_form_offline_to_sensitive, NULL, NULL, NULL);
  patron_form_set_max_length (self->first_name_row, PATRON_MAX_NAME_LENGTH, self->error_label);
  patron_form_set_max_length (self->last_name_row, PATRON_MAX_NAME_LENGTH, self->error_label);
  patron_form_set_max_length (self->phone_row, PATRON_MAX_PHONE_LENGTH, self->error_label);
}

void
patron_account_page_set_session (PatronAccountPage *self,
                                 PatronSession     *session)
{
  g_return_if_fail (PATRON_IS_ACCOUNT_PAGE (self));

  if (self->session == session)
    return;

  if (self->session != NULL)
    g_signal_handlers_disconnect_by_data (self->session, self);
  g_set_object (&self->session, session);
  g_signal_group_set_target (self->visit_signals, NULL);
  g_binding_group_set_source (self->session_bindings, session);

  if (session != NULL)
    {
      g_signal_connect_object (session, "notify::customer", G_CALLBACK (session_customer_cb),
                               self, G_CONNECT_SWAPPED);
      /* the order count is the visit's */
      g_object_bind_property (session, "visit", self->visit_signals, "target",
                              G_BINDING_SYNC_CREATE);
      set_customer (self, patron_session_get_customer (session));
    }
  else
    set_customer (self, NULL);
}

/**
 * patron_account_page_discard_changes:
 *
 * Forgets the profile edits not saved: the rows show the customer again.
 */
void
patron_account_page_discard_changes (PatronAccountPage *self)
{
  g_return_if_fail (PATRON_IS_ACCOUNT_PAGE (self));

  g_clear_pointer (&self->unsaved_id, g_free);
  revert_cb (self);
}
