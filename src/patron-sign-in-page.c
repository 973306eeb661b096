/* patron-sign-in-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-sign-in-page"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-error.h"
#include "patron-form.h"
#include "patron-sign-in-page.h"
#include "patron-text.h"

struct _PatronSignInPage
{
  AdwBin         parent_instance;

  PatronSession *session;
  GCancellable  *cancellable;

  GtkWidget     *form;
  GtkLabel      *store_label;
  GtkLabel      *message_label;
  AdwEntryRow   *email_row;
  GtkEditable   *password_row;
  GtkWidget     *remember_row;
  GtkSwitch     *remember_switch;
  GtkLabel      *error_label;
  GtkWidget     *spinner;
};

G_DEFINE_FINAL_TYPE (PatronSignInPage, patron_sign_in_page, ADW_TYPE_BIN)

static void
sign_in_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PatronSignInPage) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!patron_session_sign_in_finish (PATRON_SESSION (object), result, &error))
    {
      /* the window leaves this page as the session signs in, which cancels
       * what the page asked: the password served all the same */
      if (self->session != NULL && patron_session_get_signed_in (self->session))
        gtk_editable_set_text (self->password_row, "");
      if (patron_form_show_failure (self->error_label, error, PATRON_ACTION_SIGN_IN))
        gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      patron_form_set_busy (self->form, self->spinner, FALSE);
      return;
    }

  patron_form_set_busy (self->form, self->spinner, FALSE);
  /* the password is not kept on screen once it served */
  gtk_editable_set_text (self->password_row, "");
  patron_form_show_error (self->error_label, NULL);
  patron_sign_in_page_set_message (self, NULL);
}

static void
submit_cb (PatronSignInPage *self)
{
  g_autofree char *email = patron_form_dup_text (GTK_EDITABLE (self->email_row));
  const char *password = gtk_editable_get_text (self->password_row);

  if (self->session == NULL || !gtk_widget_get_sensitive (self->form) ||
      !patron_form_check_lengths (self->error_label, GTK_EDITABLE (self->email_row),
                                  self->password_row, NULL))
    return;

  if (!patron_email_is_valid (email))
    {
      patron_form_show_error (self->error_label, _("Enter your email address, like name@example.com."));
      gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
      return;
    }

  if (password[0] == '\0')
    {
      patron_form_show_error (self->error_label, _("Enter your password."));
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  patron_form_show_error (self->error_label, NULL);
  patron_form_set_busy (self->form, self->spinner, TRUE);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  patron_session_sign_in_async (self->session, email, password,
                                gtk_switch_get_active (self->remember_switch)
                                && gtk_widget_get_visible (self->remember_row),
                                self->cancellable, sign_in_cb, g_object_ref (self));
}

static void
email_activated_cb (PatronSignInPage *self)
{
  gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}

static void
forgot_cb (PatronSignInPage *self)
{
  patron_navigate (GTK_WIDGET (self), "forgot", GTK_EDITABLE (self->email_row));
}

static void
register_cb (PatronSignInPage *self)
{
  patron_navigate (GTK_WIDGET (self), "register", GTK_EDITABLE (self->email_row));
}

static void
patron_sign_in_page_unmap (GtkWidget *widget)
{
  PatronSignInPage *self = PATRON_SIGN_IN_PAGE (widget);

  /* leaving the page abandons what it asked */
  g_cancellable_cancel (self->cancellable);
  /* left for the account: the password served, whenever the answer to the
   * cancelled request comes */
  if (self->session != NULL && patron_session_get_signed_in (self->session))
    gtk_editable_set_text (self->password_row, "");

  GTK_WIDGET_CLASS (patron_sign_in_page_parent_class)->unmap (widget);
}

static void
patron_sign_in_page_dispose (GObject *object)
{
  PatronSignInPage *self = (PatronSignInPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), PATRON_TYPE_SIGN_IN_PAGE);

  G_OBJECT_CLASS (patron_sign_in_page_parent_class)->dispose (object);
}

static void
patron_sign_in_page_class_init (PatronSignInPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = patron_sign_in_page_dispose;
  widget_class->unmap = patron_sign_in_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patronapp/Patron/ui/patron-sign-in-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PatronSignInPage, form);
  gtk_widget_class_bind_template_child (widget_class, PatronSignInPage, store_label);
  gtk_widget_class_bind_template_child (widget_class, PatronSignInPage, message_label);
  gtk_widget_class_bind_template_child (widget_class, PatronSignInPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, PatronSignInPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, PatronSignInPage, remember_row);
  gtk_widget_class_bind_template_child (widget_class, PatronSignInPage, remember_switch);
  gtk_widget_class_bind_template_child (widget_class, PatronSignInPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PatronSignInPage, spinner);
  gtk_widget_class_bind_template_callback (widget_class, submit_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_activated_cb);
  gtk_widget_class_bind_template_callback (widget_class, forgot_cb);
  gtk_widget_class_bind_template_callback (widget_class, register_cb);
}

static void
patron_sign_in_page_init (PatronSignInPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  patron_form_tame_password_rows (GTK_WIDGET (self));
  patron_form_set_max_length (GTK_EDITABLE (self->email_row), PATRON_MAX_EMAIL_LENGTH,
                              self->error_label);
  patron_form_set_max_length (self->password_row, PATRON_MAX_PASSWORD_LENGTH,
                              self->error_label);
}

void
patron_sign_in_page_set_session (PatronSignInPage *self,
                                 PatronSession    *session)
{
  g_autofree char *text = NULL;
  g_autofree char *store = NULL;

  g_return_if_fail (PATRON_IS_SIGN_IN_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->session, session);
  patron_form_set_busy (self->form, self->spinner, FALSE);

  if (session != NULL)
    {
      store = patron_text_clip (patron_session_get_store_url (session), PATRON_TEXT_MAX_SHOWN);
      /* Translators: %s is the store's web address */
      text = g_strdup_printf (_("At %s"), store);
    }
  gtk_label_set_text (self->store_label, text != NULL ? text : "");
}

void
patron_sign_in_page_set_email (PatronSignInPage *self,
                               const char       *email)
{
  g_return_if_fail (PATRON_IS_SIGN_IN_PAGE (self));

  if (email != NULL && email[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->email_row), email);
}

/**
 * patron_sign_in_page_set_message:
 * @message: (nullable): why the customer is asked to sign in, e.g. an
 *   expired session
 */
void
patron_sign_in_page_set_message (PatronSignInPage *self,
                                 const char       *message)
{
  g_return_if_fail (PATRON_IS_SIGN_IN_PAGE (self));

  patron_form_show_error (self->message_label, message);
}

/**
 * patron_sign_in_page_set_can_remember:
 *
 * On a shared counter workstation nobody stays signed in.
 */
void
patron_sign_in_page_set_can_remember (PatronSignInPage *self,
                                      gboolean          can_remember)
{
  g_return_if_fail (PATRON_IS_SIGN_IN_PAGE (self));

  gtk_widget_set_visible (self->remember_row, can_remember);
}

/**
 * patron_sign_in_page_focus_form:
 *
 * Puts the focus where typing goes on: the email, or the password once
 * the email is there (as a barcode scanner leaves it on the welcome page).
 */
void
patron_sign_in_page_focus_form (PatronSignInPage *self)
{
  g_return_if_fail (PATRON_IS_SIGN_IN_PAGE (self));

  if (gtk_editable_get_text (GTK_EDITABLE (self->email_row))[0] == '\0')
    gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
  else
    gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
}
