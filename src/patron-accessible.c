/* patron-accessible.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-accessible"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-accessible.h"

/*
 * What a screen reader hears of the buttons GTK labels itself.
 *
 * gtk_button_set_label() on a button with a mnemonic (such as the responses
 * of an AdwMessageDialog or the button of an AdwToast) gives the button the
 * label string as its name, underline and all, and the label's mnemonic
 * makes the button labelled by the label too. GTK 4.8 reads both, one after
 * the other: a screen reader hears "_Cancel Cancel". The label the button is
 * labelled by names it alone, without the underline, and follows its text.
 *
 * Patron's own buttons hold a GtkLabel of their own (see the .ui files); the
 * buttons libadwaita makes are named here, each time one is mapped and each
 * time its label changes.
 *
 * libadwaita 1.2 also leaves a toast's close button without a name or a
 * tooltip: it is named after its icon's class, "GtkImage". Later releases
 * give it the tooltip "Dismiss"; here it gets that tooltip, and the tooltip
 * names it.
 */

static void
label_changed_cb (GtkButton *button)
{
  patron_accessible_name_button (button);
}

/**
 * patron_accessible_name_button:
 * @button: a button
 *
 * Names @button by the label it shows alone, when GTK gave it that label
 * with a mnemonic (gtk_button_set_label(), gtk_button_set_use_underline()):
 * not once as the string and again as the label. Other buttons (without a
 * mnemonic, with a child of their own, an icon) are left as they are.
 */
void
patron_accessible_name_button (GtkButton *button)
{
  static GQuark watched;
  GtkWidget *label;

  g_return_if_fail (GTK_IS_BUTTON (button));

  /* only a label of GTK's (gtk_button_get_label() is %NULL otherwise) that
   * labels the button through its mnemonic */
  label = gtk_button_get_child (button);
  if (gtk_button_get_label (button) == NULL || !gtk_button_get_use_underline (button) ||
      !GTK_IS_LABEL (label) ||
      gtk_label_get_mnemonic_widget (GTK_LABEL (label)) != GTK_WIDGET (button))
    return;

  gtk_accessible_reset_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL);

  if (watched == 0)
    watched = g_quark_from_static_string ("patron-accessible-watched");
  if (g_object_get_qdata (G_OBJECT (button), watched) == NULL)
    {
      g_object_set_qdata (G_OBJECT (button), watched, GINT_TO_POINTER (TRUE));
      g_signal_connect (button, "notify::label", G_CALLBACK (label_changed_cb), NULL);
    }
}

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
  gtk_accessible_update_property (GTK_ACCESSIBLE (button),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  gtk_widget_get_tooltip_text (GTK_WIDGET (button)),
                                  -1);
}

static void
name_buttons_in (GtkWidget *widget)
{
  if (GTK_IS_BUTTON (widget))
    {
      patron_accessible_name_button (GTK_BUTTON (widget));
      name_toast_close_button (GTK_BUTTON (widget));
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    name_buttons_in (child);
}

/* A button as it is mapped; a window's as the window is: a screen reader
 * also finds those never mapped, such as the second set of response
 * buttons an AdwMessageDialog keeps for its other layout. */
static gboolean
mapped_hook (GSignalInvocationHint *hint,
             guint                  n_values,
             const GValue          *values,
             gpointer               user_data)
{
  GtkWidget *widget = g_value_get_object (&values[0]);

  if (GTK_IS_WINDOW (widget) || GTK_IS_BUTTON (widget))
    name_buttons_in (widget);

  return TRUE;
}

/**
 * patron_accessible_name_buttons_once:
 *
 * From now on, names each button that GTK labelled as
 * patron_accessible_name_button() does when it or its window is mapped. Call it once GTK
 * is initialized; further calls do nothing.
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
