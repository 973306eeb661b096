/* patron-reset-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-reset-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "patron-error.h"
#include "patron-form.h"
#include "patron-reset-link.h"
#include "patron-reset-page.h"
#include "patron-text.h"

struct _PatronResetPage
{
  AdwBin         parent_instance;

  PatronSession *session;
  GCancellable  *cancellable;
  char          *email;
  char          *token;
  guint          expiry_timeout;

  GtkWidget     *form;
  GtkLabel      *description_label;
  GtkEditable   *password_row;
  GtkEditable   *repeat_row;
  GtkLabel      *error_label;
  GtkWidget     *spinner;
  GtkWidget     *submit_button;
  GtkWidget     *new_email_button;
};

G_DEFINE_FINAL_TYPE (PatronResetPage, patron_reset_page, ADW_TYPE_BIN)

static void
clear_token (PatronResetPage *self)
{
  if (self->token != NULL)
    explicit_bzero (self->token, strlen (self->token));
  g_clear_pointer (&self->token, g_free);
}

/* An expired link says so, with its time, before a password is typed for
 * nothing; the rows and Set Password wait for a link that works. @expiry is
 * -1 for a token that tells none. */
static void
show_expiry (PatronResetPage *self,
             gint64           expiry)
{
  g_autoptr(GDateTime) when = expiry >= 0 ? g_date_time_new_from_unix_local (expiry) : NULL;
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *time = NULL;
  g_autofree char *sentence = NULL;
  gboolean expired = when != NULL && g_date_time_compare (when, now) <= 0;

  patron_form_set_sensitive (GTK_WIDGET (self->password_row), !expired);
  patron_form_set_sensitive (GTK_WIDGET (self->repeat_row), !expired);
  gtk_widget_set_sensitive (self->submit_button, !expired);
  if (!expired)
    return;

  time = g_date_time_format (when, "%R");
  if (g_date_time_get_year (when) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (when) == g_date_time_get_day_of_year (now))
    {
      /* Translators: %s is a time of day, e.g. "10:42" */
      sentence = g_strdup_printf (_("This link expired at %s. Ask for a new email."), time);
    }
  else
    {
      g_autofree char *date = g_date_time_format (when, "%x");

      /* Translators: the first %s is a date, the second a time of day */
      sentence = g_strdup_printf (_("This link expired on %s at %s. Ask for a new email."),
                                  date, time);
    }
  patron_form_show_error (self->error_label, sentence);
  gtk_widget_set_visible (self->new_email_button, TRUE);
}

static gboolean
expiry_cb (gpointer data)
{
  PatronResetPage *self = data;
  gint64 expiry;

  self->expiry_timeout = 0;
  if (self->token != NULL && patron_token_get_expiry (self->token, &expiry))
    show_expiry (self, expiry);

  return G_SOURCE_REMOVE;
}

/* the link's expiry, read from its token, told now or when it comes (if it
 * comes within the day) */
static void
watch_expiry (PatronResetPage *self)
{
  gint64 expiry;
  gint64 left;

  g_clear_handle_id (&self->expiry_timeout, g_source_remove);
  if (self->token == NULL || !patron_token_get_expiry (self->token, &expiry))
    {
      show_expiry (self, -1);
      return;
    }

  show_expiry (self, expiry);
  left = expiry - g_get_real_time () / G_USEC_PER_SEC;
  if (left >= 0 && left < 24 * 60 * 60)
    self->expiry_timeout = g_timeout_add_seconds (left + 1, expiry_cb, self);
}

static void
reset_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PatronResetPage) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean reset = patron_session_reset_password_finish (PATRON_SESSION (object), result, &error);

  /* left, gone or asked again: whoever cancelled cares for the form */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  patron_form_set_busy (self->form, self->spinner, FALSE);

  if (!reset)
    {
      if (patron_form_show_failure (self->error_label, error, PATRON_ACTION_RESET_PASSWORD))
        gtk_widget_set_visible (self->new_email_button,
                                g_error_matches (error, MEDUSA_ERROR,
                                                 MEDUSA_ERROR_INVALID_TOKEN));
      return;
    }

  /* single use: the token is void now */
  clear_token (self);
  gtk_editable_set_text (self->password_row, "");
  gtk_editable_set_text (self->repeat_row, "");
}

static void
submit_cb (PatronResetPage *self)
{
  g_autofree char *problem = NULL;

  if (self->session == NULL || !gtk_widget_get_sensitive (self->form) ||
      !patron_form_check_lengths (self->error_label, self->password_row, self->repeat_row, NULL))
    return;

  if (self->token == NULL)
    {
      patron_form_show_error (self->error_label,
                              _("This reset link was used already. Ask for a new email."));
      gtk_widget_set_visible (self->new_email_button, TRUE);
      return;
    }

  problem = patron_check_new_password (gtk_editable_get_text (self->password_row),
                                       gtk_editable_get_text (self->repeat_row));
  patron_form_show_error (self->error_label, problem);
  if (problem != NULL)
    {
      gtk_widget_grab_focus (GTK_WIDGET (self->password_row));
      return;
    }

  patron_form_set_busy (self->form, self->spinner, TRUE);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();

  patron_session_reset_password_async (self->session, self->email,
                                       gtk_editable_get_text (self->password_row), self->token,
                                       self->cancellable, reset_cb, g_object_ref (self));
}

static void
new_email_cb (PatronResetPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.navigate", "(ss)",
                              "forgot", self->email != NULL ? self->email : "");
}

static void
sign_in_cb (PatronResetPage *self)
{
  gtk_widget_activate_action (GTK_WIDGET (self), "win.navigate", "(ss)",
                              "sign-in", self->email != NULL ? self->email : "");
}

static void
patron_reset_page_unmap (GtkWidget *widget)
{
  PatronResetPage *self = PATRON_RESET_PAGE (widget);

  g_cancellable_cancel (self->cancellable);
  patron_form_set_busy (self->form, self->spinner, FALSE);

  GTK_WIDGET_CLASS (patron_reset_page_parent_class)->unmap (widget);
}

static void
patron_reset_page_dispose (GObject *object)
{
  PatronResetPage *self = (PatronResetPage *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_handle_id (&self->expiry_timeout, g_source_remove);

  gtk_widget_dispose_template (GTK_WIDGET (self), PATRON_TYPE_RESET_PAGE);

  G_OBJECT_CLASS (patron_reset_page_parent_class)->dispose (object);
}

static void
patron_reset_page_finalize (GObject *object)
{
  PatronResetPage *self = (PatronResetPage *)object;

  clear_token (self);
  g_clear_pointer (&self->email, g_free);

  G_OBJECT_CLASS (patron_reset_page_parent_class)->finalize (object);
}

static void
patron_reset_page_class_init (PatronResetPageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = patron_reset_page_dispose;
  object_class->finalize = patron_reset_page_finalize;
  widget_class->unmap = patron_reset_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patronapp/Patron/ui/patron-reset-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PatronResetPage, form);
  gtk_widget_class_bind_template_child (widget_class, PatronResetPage, description_label);
  gtk_widget_class_bind_template_child (widget_class, PatronResetPage, password_row);
  gtk_widget_class_bind_template_child (widget_class, PatronResetPage, repeat_row);
  gtk_widget_class_bind_template_child (widget_class, PatronResetPage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PatronResetPage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PatronResetPage, submit_button);
  gtk_widget_class_bind_template_child (widget_class, PatronResetPage, new_email_button);
  gtk_widget_class_bind_template_callback (widget_class, submit_cb);
  gtk_widget_class_bind_template_callback (widget_class, new_email_cb);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_cb);
}

static void
patron_reset_page_init (PatronResetPage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
  patron_form_tame_password_rows (GTK_WIDGET (self));
  patron_form_state_password_rule (GTK_WIDGET (self->password_row));
  gtk_widget_set_visible (self->new_email_button, FALSE);
  patron_form_set_max_length (self->password_row, PATRON_MAX_PASSWORD_LENGTH, self->error_label);
  patron_form_set_max_length (self->repeat_row, PATRON_MAX_PASSWORD_LENGTH, self->error_label);
}

void
patron_reset_page_set_session (PatronResetPage *self,
                               PatronSession   *session)
{
  g_return_if_fail (PATRON_IS_RESET_PAGE (self));

  g_cancellable_cancel (self->cancellable);
  g_set_object (&self->session, session);
  patron_form_set_busy (self->form, self->spinner, FALSE);
}

/**
 * patron_reset_page_set_link:
 * @email: the account's email, from the link
 * @token: the reset token, from the link
 */
void
patron_reset_page_set_link (PatronResetPage *self,
                            const char      *email,
                            const char      *token)
{
  g_autofree char *text = NULL;
  g_autofree char *shown = NULL;

  g_return_if_fail (PATRON_IS_RESET_PAGE (self));

  g_free (self->email);
  self->email = g_strdup (email);
  clear_token (self);
  self->token = g_strdup (token);
  /* another link, maybe for another account: the passwords typed for the
   * last one go */
  gtk_editable_set_text (self->password_row, "");
  gtk_editable_set_text (self->repeat_row, "");

  /* the link's, which anyone can write */
  shown = patron_text_clip (email, PATRON_TEXT_MAX_SHOWN);
  /* Translators: %s is an email address */
  text = g_strdup_printf (_("For your account %s."), shown);
  gtk_label_set_text (self->description_label, text);
  gtk_widget_set_visible (self->new_email_button, FALSE);
  patron_form_show_error (self->error_label, NULL);
  watch_expiry (self);
}
