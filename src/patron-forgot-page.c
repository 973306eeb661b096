/* patron-forgot-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-forgot-page"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-error.h"
#include "patron-form.h"
#include "patron-forgot-page.h"
#include "patron-reset-link.h"

struct _PatronForgotPage
{
  AdwBin         parent_instance;

  PatronSession *session;
  GCancellable  *cancellable;

  GtkWidget     *form;
  AdwEntryRow   *email_row;
  GtkLabel      *error_label;
  GtkWidget     *spinner;
  GtkWidget     *sent_box;
  GtkLabel      *sent_label;
  AdwEntryRow   *link_row;
  GtkLabel      *link_error_label;
};

G_DEFINE_FINAL_TYPE (PatronForgotPage, patron_forgot_page, ADW_TYPE_BIN)

/* Once the email is sent, the next step (the link) is the suggested one; the
 * HIG allows one suggested button in a view. */
static void
show_sent (PatronForgotPage *self,
           gboolean          sent)
{
  GtkWidget *send_button = gtk_widget_get_ancestor (self->spinner, GTK_TYPE_BUTTON);

  gtk_widget_set_visible (self->sent_box, sent);
  if (sent)
    gtk_widget_remove_css_class (send_button, "suggested-action");
  else
    gtk_widget_add_css_class (send_button, "suggested-action");
}

static void
request_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PatronForgotPage) self = user_data;
  g_autoptr(GError) error = NULL;
  g_autofree char *email = NULL;
  g_autofree char *text = NULL;
  gboolean sent = medusa_client_request_password_reset_finish (MEDUSA_CLIENT (object), result,
                                                               &error);

  /* left, gone or asked again: whoever cancelled cares for the form */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  patron_form_set_busy (self->form, self->spinner, FALSE);

  if (!sent)
    {
      patron_form_show_failure (self->error_label, error, PATRON_ACTION_REQUEST_RESET);
      return;
    }

  email = patron_form_dup_text (GTK_EDITABLE (self->email_row));
  /* Translators: %s is an email address. The store says the same whether
   * or not it has an account for it, and so does Patron. */
  text = g_strdup_printf (_("If %s has an account, an email with a link to choose a new password "
                            "is on its way. The link is valid for 15 minutes. Open it, or paste "
                            "it or the token from the email here."), email);
  gtk_label_set_text (self->sent_label, text);
  show_sent (self, TRUE);
  gtk_widget_grab_focus (GTK_WIDGET (self->link_row));
}

static void
submit_cb (PatronForgotPage *self)
{
  g_autofree char *email = patron_form_dup_text (GTK_EDITABLE (self->email_row));

  if (self->session == NULL || !gtk_widget_get_sensitive (self->form) ||
      !patron_form_check_lengths (self->error_label, GTK_EDITABLE (self->email_row), NULL))
    return;

  if (!patron_email_is_valid (email))
    {
      patron_form_show_error (self->error_label,
                              _("Enter your email address, like name@example.com."));
      gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
      return;
    }

  patron_form_show_error (self->error_label, NULL);
  patron_form_set_busy (self->form, self->spinner, TRUE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  medusa_client_request_password_reset_async (patron_session_get_client (self->session), email,
                                              self->cancellable, request_cb,
                                              g_object_ref (self));
}

static void
continue_cb (PatronForgotPage *self)
{
  g_autofree char *text = patron_form_dup_text (GTK_EDITABLE (self->link_row));
  g_autofree char *email = NULL;
  g_autofree char *token = NULL;
  g_autoptr(GError) error = NULL;

  if (!patron_form_check_lengths (self->link_error_label, GTK_EDITABLE (self->link_row), NULL))
    return;

  if (g_str_has_prefix (text, "patron:"))
    {
      if (!patron_reset_link_parse (text, &email, &token, &error))
        {
          patron_form_show_error (self->link_error_label, error->message);
          return;
        }
    }
  else if (patron_token_is_valid (text))
    {
      email = patron_form_dup_text (GTK_EDITABLE (self->email_row));
      token = g_steal_pointer (&text);
    }
  else
    {
      patron_form_show_error (self->link_error_label,
                              _("Paste the whole link from the email, or the token below it."));
      return;
    }

  patron_form_show_error (self->link_error_label, NULL);
  gtk_widget_activate_action (GTK_WIDGET (self), "win.open-reset", "(ss)", email, token);
}

static void
sign_in_cb (PatronForgotPage *self)
{
  patron_navigate (GTK_WIDGET (self), "sign-in", GTK_EDITABLE (self->email_row));
}

static void
patron_forgot_page_unmap (GtkWidget *widget)
{
  PatronForgotPage *self = PATRON_FORGOT_PAGE (widget);

  g_cancellable_cancel (self->cancellable);
  patron_form_set_busy (self->form, self->spinner, FALSE);

  GTK_WIDGET_CLASS (patron_forgot_page_parent_class)->unmap (widget);
}

static void
patron_forgot_page_dispose (GObject *object)
{
  PatronForgotPage *self = (PatronForgotPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);

  gtk_widget_dispose_template (GTK_WIDGET (self), PATRON_TYPE_FORGOT_PAGE);

  G_OBJECT_CLASS (patron_forgot_page_parent_class)->dispose (object);
}

static void
patron_forgot_page_class_init (PatronForgotPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = patron_forgot_page_dispose;
  widget_class->unmap = patron_forgot_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patronapp/Patron/ui/patron-forgot-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PatronForgotPage, form);
  gtk_widget_class_bind_template_child (widget_class, PatronForgotPage, email_row);
  gtk_widget_class_bind_template_child (widget_class, PatronForgotPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PatronForgotPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PatronForgotPage, sent_box);
  gtk_widget_class_bind_template_child (widget_class, PatronForgotPage, sent_label);
  gtk_widget_class_bind_template_child (widget_class, PatronForgotPage, link_row);
  gtk_widget_class_bind_template_child (widget_class, PatronForgotPage, link_error_label);
  gtk_widget_class_bind_template_callback (widget_class, submit_cb);
  gtk_widget_class_bind_template_callback (widget_class, continue_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_cb);
}

static void
patron_forgot_page_init (PatronForgotPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  patron_form_set_max_length (GTK_EDITABLE (self->email_row), PATRON_MAX_EMAIL_LENGTH,
                              self->error_label);
  patron_form_set_max_length (GTK_EDITABLE (self->link_row), PATRON_MAX_URL_LENGTH,
                              self->link_error_label);
}

void
patron_forgot_page_set_session (PatronForgotPage *self,
                                PatronSession    *session)
{
  g_return_if_fail (PATRON_IS_FORGOT_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->session, session);
  patron_form_set_busy (self->form, self->spinner, FALSE);
}

void
patron_forgot_page_set_email (PatronForgotPage *self,
                              const char       *email)
{
  g_return_if_fail (PATRON_IS_FORGOT_PAGE (self));

  if (email != NULL && email[0] != '\0')
    gtk_editable_set_text (GTK_EDITABLE (self->email_row), email);
  show_sent (self, FALSE);
  gtk_editable_set_text (GTK_EDITABLE (self->link_row), "");
  patron_form_show_error (self->error_label, NULL);
  patron_form_show_error (self->link_error_label, NULL);
}
