/* patron-welcome-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-welcome-page"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-form.h"
#include "patron-text.h"
#include "patron-welcome-page.h"

/**
 * PatronWelcomePage:
 *
 * Where each customer at a counter workstation starts: an email field with
 * the focus in it, and Sign In, Create Account and Forgot Password. A
 * barcode scanner that types an email and Enter lands on the sign-in form
 * with that email and the focus in the password. The email goes on to the
 * page chosen and is not kept here; while it is being typed it is someone's
 * visit (#PatronWelcomePage:has-email).
 */

struct _PatronWelcomePage
{
  AdwBin       parent_instance;

  GtkLabel    *store_label;
  AdwEntryRow *email_row;
};

G_DEFINE_FINAL_TYPE (PatronWelcomePage, patron_welcome_page, ADW_TYPE_BIN)

enum {
  PROP_0,
  PROP_HAS_EMAIL,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
email_changed_cb (PatronWelcomePage *self)
{
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_EMAIL]);
}

/**
 * patron_welcome_page_get_has_email:
 *
 * Returns: whether something is typed in the email field
 */
gboolean
patron_welcome_page_get_has_email (PatronWelcomePage *self)
{
  g_return_val_if_fail (PATRON_IS_WELCOME_PAGE (self), FALSE);

  return gtk_editable_get_text (GTK_EDITABLE (self->email_row))[0] != '\0';
}

static void
go_to (PatronWelcomePage *self,
       const char        *page)
{
  patron_navigate (GTK_WIDGET (self), page, GTK_EDITABLE (self->email_row));
  gtk_editable_set_text (GTK_EDITABLE (self->email_row), "");
}

static void
sign_in_cb (PatronWelcomePage *self)
{
  go_to (self, "sign-in");
}

static void
register_cb (PatronWelcomePage *self)
{
  go_to (self, "register");
}

static void
forgot_cb (PatronWelcomePage *self)
{
  go_to (self, "forgot");
}

static void
patron_welcome_page_dispose (GObject *object)
{
  gtk_widget_dispose_template (GTK_WIDGET (object), PATRON_TYPE_WELCOME_PAGE);

  G_OBJECT_CLASS (patron_welcome_page_parent_class)->dispose (object);
}

static void
patron_welcome_page_get_property (GObject    *object,
                                  guint       prop_id,
                                  GValue     *value,
                                  GParamSpec *pspec)
{
  PatronWelcomePage *self = PATRON_WELCOME_PAGE (object);

  switch (prop_id)
    {
    case PROP_HAS_EMAIL:
      g_value_set_boolean (value, patron_welcome_page_get_has_email (self));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
patron_welcome_page_class_init (PatronWelcomePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = patron_welcome_page_dispose;
  object_class->get_property = patron_welcome_page_get_property;

  properties[PROP_HAS_EMAIL] =
    g_param_spec_boolean ("has-email", NULL, NULL, FALSE,
                          G_PARAM_READABLE | G_PARAM_STATIC_STRINGS);
  g_object_class_install_properties (object_class, N_PROPS, properties);

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patronapp/Patron/ui/"
                                               "patron-welcome-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PatronWelcomePage, store_label);
  gtk_widget_class_bind_template_child (widget_class, PatronWelcomePage, email_row);
  gtk_widget_class_bind_template_callback (widget_class, sign_in_cb);
  gtk_widget_class_bind_template_callback (widget_class, register_cb);
  gtk_widget_class_bind_template_callback (widget_class, forgot_cb);
  gtk_widget_class_bind_template_callback (widget_class, email_changed_cb);
}

static void
patron_welcome_page_init (PatronWelcomePage *self)
{
  gtk_widget_init_template (GTK_WIDGET (self));
}

/**
 * patron_welcome_page_set_store_url:
 * @store_url: (nullable): the store the customer is at
 */
void
patron_welcome_page_set_store_url (PatronWelcomePage *self,
                                   const char        *store_url)
{
  g_autofree char *text = NULL;
  g_autofree char *store = NULL;

  g_return_if_fail (PATRON_IS_WELCOME_PAGE (self));

  if (store_url != NULL)
    {
      store = patron_text_clip (store_url, PATRON_TEXT_MAX_SHOWN);
      /* Translators: %s is the store's web address */
      text = g_strdup_printf (_("At %s"), store);
    }
  gtk_label_set_text (self->store_label, text != NULL ? text : "");
}

/**
 * patron_welcome_page_start:
 *
 * Ready for the next customer: the email field empty, with the focus.
 */
void
patron_welcome_page_start (PatronWelcomePage *self)
{
  g_return_if_fail (PATRON_IS_WELCOME_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->email_row), "");
  gtk_widget_grab_focus (GTK_WIDGET (self->email_row));
}
