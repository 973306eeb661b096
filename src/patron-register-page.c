/* patron-register-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-register-page"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-error.h"
#include "patron-form.h"
#include "patron-register-page.h"

/* How long the email must rest before the store is asked about it. */
#define EMAIL_CHECK_DELAY_MS 500

struct _PatronRegisterPage
{
  AdwBin         parent_instance;

  PatronSession *session;
  GCancellable  *cancellable;
  GCancellable  *check_cancellable;
  guint          check_source;

  GtkWidget     *form;
  AdwEntryRow   *email_row;
  GtkWidget     *exists_box;
  GtkEditable   *first_name_row;
  GtkEditable   *last_name_row;
  GtkEditable   *phone_row;
  GtkEditable   *password_row;
  GtkEditable   *repeat_row;
  GtkWidget     *remember_row;
  GtkSwitch     *remember_switch;
  GtkLabel      *error_label;
  GtkWidget     *spinner;
};

G_DEFINE_FINAL_TYPE (PatronRegisterPage, patron_register_page, ADW_TYPE_BIN)

static void
email_exists_cb (GObject      *object,
                 GAsyncResult *result,
                 gpointer      user_data)
{
  g_autoptr(PatronRegisterPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean exists = FALSE;

  /* a failed check is no reason to stop anyone: registering will tell */
  if (!medusa_client_email_exists_finish (MEDUSA_CLIENT (object), result, &exists, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        g_debug ("Could not check the email: %s", error->message);
      return;
    }

  gtk_widget_set_visible (self->exists_box, exists);
}

static gboolean
check_email_cb (gpointer user_data)
{
  PatronRegisterPage *self = user_data;
  g_autofree char *email = patron_form_dup_text (GTK_EDITABLE (self->email_row));

  self->check_source = 0;

  if (self->session == NULL || !patron_email_is_valid (email))
    return G_SOURCE_REMOVE;

  /* a store that does not say (Medusa v2) says so when one registers */
  if (!(medusa_client_get_capabilities (patron_session_get_client (self->session)) &
        MEDUSA_CAPABILITY_EMAIL_EXISTS))
    return G_SOURCE_REMOVE;

  self->check_cancellable = g_cancellable_new ();
  medusa_client_email_exists_async (patron_session_get_client (self->session), email,
                                    self->check_cancellable, email_exists_cb,
                                    g_object_ref (self));

  return G_SOURCE_REMOVE;
}

static void
cancel_email_check (PatronRegisterPage *self)
{
  g_clear_handle_id (&self->check_source, g_source_remove);
  g_cancellable_cancel (self->check_cancellable);
  g_clear_object (&self->check_cancellable);
}

static void
email_changed_cb (PatronRegisterPage *self)
{
  cancel_email_check (self);
  gtk_widget_set_visible (self->exists_box, FALSE);
  self->check_source = g_timeout_add (EMAIL_CHECK_DELAY_MS, check_email_cb, self);
}

static void
register_cb (GObject      *object,
             GAsyncResult *result,
             gpointer      user_data)
{
  g_autoptr(PatronRegisterPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean registered = patron_session_register_finish (PATRON_SESSION (object), result, &error);

  /* left, gone or asked again: whoever cancelled cares for the form */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  patron_form_set_busy (self->form, self->spinner, FALSE);

  if (!registered)
    {
      if (patron_form_show_failure (self->error_label, error, PATRON_ACTION_REGISTER) &&
          g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_DUPLICATE))
        gtk_widget_set_visible (self->exists_box, TRUE);
      return;
    }

  gtk_editable_set_text (self->password_row, "");
  gtk_editable_set_text (self->repeat_row, "");
  patron_form_show_error (self->error_label, NULL);
}

static void
submit_cb (PatronRegisterPage *self)
{
  g_autofree char *email = patron_form_dup_text (GTK_EDITABLE (self->email_row));
  g_autofree char *first_name = patron_form_dup_text (self->first_name_row);
  g_autofree char *last_name = patron_form_dup_text (self->last_name_row);
  g_autofree char *phone = patron_form_dup_text (self->phone_row);
  g_autofree char *problem = NULL;
  GtkWidget *culprit = NULL;

  if (self->session == NULL || !gtk_widget_get_sensitive (self->form) ||
      !patron_form_check_lengths (self->error_label, GTK_EDITABLE (self->email_row),
                                  self->first_name_row, self->last_name_row, self->phone_row,
                                  self->password_row, self->repeat_row, NULL))
    return;

  if (!patron_email_is_valid (email))
    {
      problem = g_strdup (_("Enter your email address, like name@example.com."));
      culprit = GTK_WIDGET (self->email_row);
    }
  else if (first_name[0] == '\0' || last_name[0] == '\0')
    {
      problem = g_strdup (_("Enter your first and last name."));
      culprit = GTK_WIDGET (first_name[0] == '\0' ? self->first_name_row : self->last_name_row);
    }
  else if ((problem = patron_check_new_password (gtk_editable_get_text (self->password_row),
                                                 gtk_editable_get_text (self->repeat_row))))
    culprit = GTK_WIDGET (self->password_row);

  patron_form_show_error (self->error_label, problem);
  if (problem != NULL)
    {
      gtk_widget_grab_focus (culprit);
      return;
    }

  patron_form_set_busy (self->form, self->spinner, TRUE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  patron_session_register_async (self->session, email,
                                 gtk_editable_get_text (self->password_row),
                                 first_name, last_name, phone[0] != '\0' ? phone : NULL,
                                 gtk_switch_get_active (self->remember_switch)
                                 && gtk_widget_get_visible (self->remember_row),
                                 self->cancellable, register_cb, g_object_ref (self));
}

static void
sign_in_cb (PatronRegisterPage *self)
{
  patron_navigate (GTK_WIDGET (self), "sign-in", GTK_EDITABLE (self->email_row));
}

static void
patron_register_page_unmap (GtkWidget *widget)
{
  PatronRegisterPage *self = PATRON_REGISTER_PAGE (widget);

  g_cancellable_cancel (self->cancellable);
  cancel_email_check (self);
  patron_form_set_busy (self->form, self->spinner, FALSE);

  GTK_WIDGET_CLASS (patron_register_page_parent_class)->unmap (widget);
}

static void
patron_register_page_dispose (GObject *object)
{
  PatronRegisterPage *self = (PatronRegisterPage *)object;

  cancel_email_check (self);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), PATRON_TYPE_REGISTER_PAGE);

  G_OBJECT_CLASS (patron_register_page_parent_class)->dispose (object);
}

static void
patron_register_page_class_init (PatronRegisterPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = patron_register_page_dispose;
  widget_class->unmap = patron_register_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patronapp/Patron/ui/patron-register-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PatronRegisterPage, form);
  gtk_widget_class_bind_template_child (widget_class, PatronRegisterPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, PatronRegisterPage, exists_box);
  gtk_widget_class_bind_template_child (widget_class, PatronRegisterPage, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, PatronRegisterPage, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, PatronRegisterPage, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PatronRegisterPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, PatronRegisterPage, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, PatronRegisterPage, remember_row);
  gtk_widget_class_bind_template_child (widget_class, PatronRegisterPage, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, PatronRegisterPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PatronRegisterPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, submit_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_changed_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_cb);
}

static void
patron_register_page_init (PatronRegisterPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  patron_form_tame_password_rows (GTK_WIDGET (self));
  patron_form_state_password_rule (GTK_WIDGET (self->password_row));
  patron_form_set_max_length (GTK_EDITABLE (self->email_row), PATRON_MAX_EMAIL_LENGTH,
                              self->error_label);
  patron_form_set_max_length (self->first_name_row, PATRON_MAX_NAME_LENGTH, self->error_label);
  patron_form_set_max_length (self->last_name_row, PATRON_MAX_NAME_LENGTH, self->error_label);
  patron_form_set_max_length (self->phone_row, PATRON_MAX_PHONE_LENGTH, self->error_label);
  patron_form_set_max_length (self->password_row, PATRON_MAX_PASSWORD_LENGTH, self->error_label);
  patron_form_set_max_length (self->repeat_row, PATRON_MAX_PASSWORD_LENGTH, self->error_label);
}

void
patron_register_page_set_session (PatronRegisterPage *self,
                                  PatronSession      *session)
{
  g_return_if_fail (PATRON_IS_REGISTER_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  cancel_email_check (self);
  g_set_object (&self->session, session);
  patron_form_set_busy (self->form, self->spinner, FALSE);
}

void
patron_register_page_set_email (PatronRegisterPage *self,
                                const char         *email)
{
  g_return_if_fail (PATRON_IS_REGISTER_PAGE (self));

  if (email != NULL && email[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->email_row), email);
}

void
patron_register_page_set_can_remember (PatronRegisterPage *self,
                                       gboolean            can_remember)
{
  g_return_if_fail (PATRON_IS_REGISTER_PAGE (self));

  gtk_widget_set_visible (self->remember_row, can_remember);
}
