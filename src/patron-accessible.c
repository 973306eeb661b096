/* patron-accessible.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-accessible"

#include "config.h"

#include <adwaita.h>
#include <glib/gi18n.h>

#include "patron-accessible.h"

/*
 * What a screen reader hears of the buttons libadwaita 1.2 makes.
 *
 * gtk_button_set_label() on a button with a mnemonic (the responses of an
 * AdwMessageDialog, the button of an AdwToast) gives the button the label
 * string as its name, underline and all, and the label's mnemonic makes the
 * button labelled by the label too. GTK 4.8 reads both, one after the
 * other: a screen reader hears "_Cancel Cancel". The label the button is
 * labelled by names it alone, without the underline, and follows its text.
 *
 * A button made with an icon (gtk_button_set_icon_name()) and no name is
 * read as its icon's class, "GtkImage": a toast's close button, which
 * libadwaita 1.2 gives no tooltip either (later releases say "Dismiss", and
 * so does Patron), and the back buttons of the About window's pages, which
 * say "Back" in their tooltip only. They are named by their tooltip, as
 * Patron names its own icon buttons (Patron's own are left alone: some say
 * more in their name than in their tooltip). The About window's version, a
 * button that copies it, holds a label of its own and is read as
 * "GtkButton": later releases name it by the version, and so does Patron.
 * Its two text views, of the release notes and of the debugging
 * information, are named by their pages' titles (libadwaita's own words, in
 * its translation).
 *
 * All this as a button or its window is mapped: a screen reader also finds
 * the buttons never mapped, such as the second set of responses an
 * AdwMessageDialog keeps for its other layout.
 */

/* When GTK gave @button a label with a mnemonic (gtk_button_set_label(),
 * gtk_button_set_use_underline()), names it by that label alone, not once
 * as the string and again as the label, now and whenever the label
 * changes. Other buttons are left as they are. */
static void
name_mnemonic_button (GtkButton *button)
{
  static GQuark followed;
  GtkWidget *child;

  /* gtk_button_get_label() is %NULL but for a label of GTK's */
  child = gtk_button_get_child (button);
  if (gtk_button_get_label (button) == NULL || !gtk_button_get_use_underline (button) ||
      !GTK_IS_LABEL (child) ||
      gtk_label_get_mnemonic_widget (GTK_LABEL (child)) != GTK_WIDGET (button))
    return;

  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);

  if (followed == 0)
    followed = g_quark_from_static_string ("patron-accessible-followed");
  if (g_object_get_qdata (G_OBJECT (button), followed) == NULL)
    {
      g_object_set_qdata (G_OBJECT (button), followed, GINT_TO_POINTER (TRUE));
      g_signal_connect (button, "notify::label", G_CALLBACK (name_mnemonic_button), NULL);
    }
}

/* an icon of GTK's and a tooltip: named by the tooltip */
static void
name_by_tooltip (GtkButton *button)
{
  const char *tooltip = gtk_widget_get_tooltip_text (GTK_WIDGET (button));

  if (gtk_button_get_icon_name (button) != NULL && tooltip != NULL && tooltip[0] != '\0')
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL, tooltip,
                                    -1);
}

/* a toast's close button, without the tooltip later libadwaita gives it */
static void
name_toast_close_button (GtkButton *button)
{
  GType toast_widget = g_type_from_name ("AdwToastWidget");

  if (toast_widget == 0 ||
      g_strcmp0 (gtk_button_get_icon_name (button), "window-close-symbolic") != 0 ||
      gtk_widget_get_ancestor (GTK_WIDGET (button), toast_widget) == NULL)
    return;

  if (gtk_widget_get_tooltip_text (GTK_WIDGET (button)) == NULL)
    /* Translators: the tooltip of a toast's close button */
    gtk_widget_set_tooltip_text (GTK_WIDGET (button), _("Dismiss"));
  name_by_tooltip (button);
}

/* the About window's version: a button with a label inside */
static void
name_version_button (GtkButton *button)
{
  GtkWidget *label = gtk_button_get_child (button);
  GVariant *target = gtk_actionable_get_action_target_value (GTK_ACTIONABLE (button));

  if (GTK_IS_LABEL (label) &&
      g_strcmp0 (gtk_actionable_get_action_name (GTK_ACTIONABLE (button)),
                 "about.copy-property") == 0 &&
      target != NULL && g_variant_is_of_type (target, G_VARIANT_TYPE_STRING) &&
      g_str_equal (g_variant_get_string (target, NULL), "version"))
    gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    gtk_label_get_text (GTK_LABEL (label)),
                                    -1);
}

/* Names the buttons in @widget; in the About window (@about_text_views
 * not %NULL) its icon buttons and version too, collecting its text views. */
static void
name_buttons_in (GtkWidget *widget,
                 GPtrArray *about_text_views)
{
  if (GTK_IS_BUTTON (widget))
    {
      name_mnemonic_button (GTK_BUTTON (widget));
      name_toast_close_button (GTK_BUTTON (widget));
      if (about_text_views != NULL)
        {
          name_by_tooltip (GTK_BUTTON (widget));
          name_version_button (GTK_BUTTON (widget));
        }
    }
  else if (about_text_views != NULL && GTK_IS_TEXT_VIEW (widget))
    g_ptr_array_add (about_text_views, widget);

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_buttons_in (child, about_text_views);
}

/* the About window's text views: the release notes', then the debugging
 * information's */
static void
name_about_text_views (GPtrArray *views)
{
  const char *titles[] = { "What’s New", "Debugging Information" };

  if (views->len != G_N_ELEMENTS (titles))
    return;

  for (guint i = 0; i < views->len; i++)
    gtk_accessible_update_property (GTK_ACCESSIBLE (g_ptr_array_index (views, i)),
                                    GTK_ACCESSIBLE_PROPERTY_LABEL,
                                    g_dgettext ("libadwaita", titles[i]),
                                    -1);
}

static gboolean
mapped_hook (GSignalInvocationHint *hint,
             guint                  n_values,
             const GValue          *values,
             gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);
  g_autoptr(GPtrArray) about_text_views = NULL;

  if (!GTK_IS_WINDOW (widget) && !GTK_IS_BUTTON (widget))
    return TRUE;

  if (ADW_IS_ABOUT_WINDOW (widget))
    about_text_views = g_ptr_array_new ();
  name_buttons_in (widget, about_text_views);
  if (about_text_views != NULL)
    name_about_text_views (about_text_views);

  return TRUE;
}

/**
 * patron_accessible_name_buttons_once:
 *
 * From now on, names the buttons libadwaita makes (see above) as they or
 * their window are mapped. Call it once GTK is initialized; further calls
 * do nothing.
 */
void
patron_accessible_name_buttons_once (void)
{
  static gsize hooked;

  if (g_once_init_enter (&hooked))
    {
      guint map;

      /* the signal is made with the class: kept for the hook's life */
      g_type_class_ref (GTK_TYPE_WIDGET);
      map = g_signal_lookup ("map", GTK_TYPE_WIDGET);
      g_signal_add_emission_hook (map, 0, mapped_hook, NULL, NULL);
      g_once_init_leave (&hooked, 1);
    }
}
