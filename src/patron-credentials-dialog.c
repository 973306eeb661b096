/* patron-credentials-dialog.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-credentials-dialog"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-credentials-dialog.h"
#include "patron-error.h"
#include "patron-form.h"

/**
 * PatronCredentialsDialog:
 *
 * Changes the email address or the password, after the store confirmed the
 * current password.
 */

struct _PatronCredentialsDialog
{
  AdwWindow          parent_instance;

  PatronSession     *session;
  PatronCredentials  what;
  GCancellable      *cancellable;

  GtkWidget         *form;
  GtkWidget         *save_button;
  GtkWidget         *spinner;
  GtkEditable       *current_row;
  GtkWidget         *email_row;
  GtkWidget         *password_row;
  GtkWidget         *repeat_row;
  GtkLabel          *error_label;
};

G_DEFINE_FINAL_TYPE (PatronCredentialsDialog, patron_credentials_dialog, ADW_TYPE_WINDOW)

static void
changed_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PatronCredentialsDialog) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean changed = patron_session_change_credentials_finish (PATRON_SESSION (object), result,
                                                               &error);

  /* closed meanwhile: its widgets may be gone */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  patron_form_set_busy (self->form, self->spinner, FALSE);
  gtk_widget_set_sensitive (self->save_button, TRUE);

  if (!changed)
    {
      g_autofree char *sentence = NULL;

      if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_UNAUTHORIZED))
        sentence = g_strdup (_("The current password is not right."));
      else if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_DATA) &&
               self->what == PATRON_CREDENTIALS_EMAIL)
        sentence = g_strdup (_("The store did not accept this email address."));
      else if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_DUPLICATE))
        sentence = g_strdup (_("Another account has this email address."));
      else
        sentence = patron_error_to_sentence (error, PATRON_ACTION_OTHER);

      patron_form_show_error (self->error_label, sentence);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
save_cb (PatronCredentialsDialog *self)
{
  const char *current = gtk_editable_get_text (self->current_row);
  g_autofree char *email = NULL;
  g_autofree char *problem = NULL;
  const char *password = NULL;

  if (!gtk_widget_get_sensitive (self->save_button) ||
      !patron_form_check_lengths (self->error_label, self->current_row,
                                  GTK_EDITABLE (self->email_row),
                                  GTK_EDITABLE (self->password_row),
                                  GTK_EDITABLE (self->repeat_row), NULL))
    return;

  if (current[0] == '\0')
    problem = g_strdup (_("Enter your current password."));
  else if (self->what == PATRON_CREDENTIALS_EMAIL)
    {
      email = patron_form_dup_text (GTK_EDITABLE (self->email_row));
      if (!patron_email_is_valid (email))
        problem = g_strdup (_("Enter the new email address, like name@example.com."));
    }
  else
    {
      password = gtk_editable_get_text (GTK_EDITABLE (self->password_row));
      problem = patron_check_new_password (password,
                                           gtk_editable_get_text (GTK_EDITABLE (self->repeat_row)));
    }

  patron_form_show_error (self->error_label, problem);
  if (problem != NULL)
    return;

  patron_form_set_busy (self->form, self->spinner, TRUE);
  gtk_widget_set_sensitive (self->save_button, FALSE);
  patron_session_change_credentials_async (self->session, current, email, password,
                                           self->cancellable, changed_cb, g_object_ref (self));
}

static gboolean
patron_credentials_dialog_close_request (GtkWindow *window)
{
  PatronCredentialsDialog *self = PATRON_CREDENTIALS_DIALOG (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (patron_credentials_dialog_parent_class)->close_request (window);
}

static void
patron_credentials_dialog_dispose (GObject *object)
{
  PatronCredentialsDialog *self = (PatronCredentialsDialog *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), PATRON_TYPE_CREDENTIALS_DIALOG);

  G_OBJECT_CLASS (patron_credentials_dialog_parent_class)->dispose (object);
}

static void
patron_credentials_dialog_class_init (PatronCredentialsDialogClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = patron_credentials_dialog_dispose;
  window_class->close_request = patron_credentials_dialog_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patronapp/Patron/ui/"
                                               "patron-credentials-dialog.ui");
  gtk_widget_class_bind_template_child (widget_class, PatronCredentialsDialog, form);
  gtk_widget_class_bind_template_child (widget_class, PatronCredentialsDialog, save_button);
  gtk_widget_class_bind_template_child (widget_class, PatronCredentialsDialog, spinner);
  gtk_widget_class_bind_template_child (widget_class, PatronCredentialsDialog, current_row);
  gtk_widget_class_bind_template_child (widget_class, PatronCredentialsDialog, email_row);
  gtk_widget_class_bind_template_child (widget_class, PatronCredentialsDialog, password_row);
  gtk_widget_class_bind_template_child (widget_class, PatronCredentialsDialog, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, PatronCredentialsDialog, error_label);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
patron_credentials_dialog_init (PatronCredentialsDialog *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  patron_form_tame_password_rows (GTK_WIDGET (self));
  patron_form_set_max_length (self->current_row, PATRON_MAX_PASSWORD_LENGTH, self->error_label);
  patron_form_set_max_length (GTK_EDITABLE (self->email_row), PATRON_MAX_EMAIL_LENGTH,
                              self->error_label);
  patron_form_set_max_length (GTK_EDITABLE (self->password_row), PATRON_MAX_PASSWORD_LENGTH,
                              self->error_label);
  patron_form_set_max_length (GTK_EDITABLE (self->repeat_row), PATRON_MAX_PASSWORD_LENGTH,
                              self->error_label);
}

/**
 * patron_credentials_dialog_new:
 * @what: whether to change the email address or the password
 *
 * Returns: (transfer full): a new dialog
 */
PatronCredentialsDialog *
patron_credentials_dialog_new (GtkWindow         *parent,
                               PatronSession     *session,
                               PatronCredentials  what)
{
  PatronCredentialsDialog *self = g_object_new (PATRON_TYPE_CREDENTIALS_DIALOG,
                                                "transient-for", parent,
                                                NULL);
  gboolean email = what == PATRON_CREDENTIALS_EMAIL;

  self->session = g_object_ref (session);
  self->what = what;
  patron_window_fit_parent (GTK_WINDOW (self), parent);
  gtk_window_set_title (GTK_WINDOW (self),
                        /* Translators: window titles between Cancel and Change: keep them
                         * short, they must fit a 360 px wide phone */
                        email ? C_("window title", "Change Email")
                              : C_("window title", "Change Password"));
  gtk_widget_set_visible (self->email_row, email);
  gtk_widget_set_visible (self->password_row, !email);
  gtk_widget_set_visible (self->repeat_row, !email);
  if (!email)
    patron_form_state_password_rule (self->password_row);
  patron_form_focus_first_field (self->form);

  return self;
}
