/* patron-offline-banner.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-offline-banner"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-offline-banner.h"

/**
 * PatronOfflineBanner:
 *
 * The banner at the top of the window while the store cannot be reached
 * and the account shown is the copy kept of it (#PatronSession:offline):
 * "Offline — showing what Patron saw at 10:42". A #GtkRevealer, as the
 * counter mode's countdown is: AdwBanner is libadwaita 1.3.
 */

struct _PatronOfflineBanner
{
  AdwBin         parent_instance;

  GtkRevealer   *revealer;
  GtkLabel      *label;
  PatronSession *session;
};

G_DEFINE_FINAL_TYPE (PatronOfflineBanner, patron_offline_banner, ADW_TYPE_BIN)

/* the sentence's smallest width: narrow enough for the narrowest window
 * (360 px) */
#define PATRON_OFFLINE_BANNER_WIDTH_CHARS 20

/**
 * patron_offline_banner_describe:
 * @seen_at: (nullable): when the copy came from the store
 * @now: the time now
 *
 * Returns: (transfer full): what the banner says, the time in the locale's
 *   format, with the date if it is not today
 */
char *
patron_offline_banner_describe (GDateTime *seen_at,
                                GDateTime *now)
{
  g_autofree char *time = NULL;
  g_autofree char *date = NULL;

  if (seen_at == NULL)
    return g_strdup (_("Offline — showing what Patron saw before"));

  time = g_date_time_format (seen_at, "%R");
  if (g_date_time_get_year (seen_at) == g_date_time_get_year (now) &&
      g_date_time_get_day_of_year (seen_at) == g_date_time_get_day_of_year (now))
    {
      /* Translators: %s is a time of day, e.g. "10:42" */
      return g_strdup_printf (_("Offline — showing what Patron saw at %s"), time);
    }

  date = g_date_time_format (seen_at, "%x");
  /* Translators: the first %s is a date, the second a time of day */
  return g_strdup_printf (_("Offline — showing what Patron saw on %s at %s"), date, time);
}

static void
offline_changed_cb (PatronOfflineBanner *self)
{
  gboolean offline = self->session != NULL && patron_session_get_offline (self->session);

  if (offline)
    {
      g_autoptr(GDateTime) seen_at = patron_session_dup_seen_at (self->session);
      g_autoptr(GDateTime) now = g_date_time_new_now_local ();
      g_autofree char *text = patron_offline_banner_describe (seen_at, now);

      gtk_label_set_text (self->label, text);
    }
  /* hidden at once, not only slid up: a screen reader no longer reads it */
  gtk_widget_set_visible (GTK_WIDGET (self), offline);
  gtk_revealer_set_reveal_child (self->revealer, offline);
}

static void
patron_offline_banner_dispose (GObject *object)
{
  PatronOfflineBanner *self = (PatronOfflineBanner *)object;

  g_clear_object (&self->session);

  G_OBJECT_CLASS (patron_offline_banner_parent_class)->dispose (object);
}

static void
patron_offline_banner_class_init (PatronOfflineBannerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = patron_offline_banner_dispose;
}

static void
patron_offline_banner_init (PatronOfflineBanner *self)
{
  GtkWidget *box = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 12);
  /* the text says it all: the icon is not read out */
  GtkWidget *icon = g_object_new (GTK_TYPE_IMAGE,
                                  "icon-name", "network-offline-symbolic",
                                  "accessible-role", GTK_ACCESSIBLE_ROLE_PRESENTATION,
                                  NULL);

  self->label = GTK_LABEL (gtk_label_new (NULL));
  gtk_label_set_wrap (self->label, TRUE);
  gtk_label_set_wrap_mode (self->label, PANGO_WRAP_WORD_CHAR);
  /* a wrapping label without a width in characters takes its smallest
   * width from its text laid out at width 0, a line a character: that
   * costs the frame that shows the banner some milliseconds */
  gtk_label_set_width_chars (self->label, PATRON_OFFLINE_BANNER_WIDTH_CHARS);
  gtk_label_set_justify (self->label, GTK_JUSTIFY_CENTER);
  gtk_widget_set_hexpand (GTK_WIDGET (self->label), TRUE);
  gtk_widget_add_css_class (GTK_WIDGET (self->label), "heading");
  gtk_widget_set_halign (box, GTK_ALIGN_FILL);
  gtk_widget_add_css_class (box, "patron-banner");
  gtk_box_append (GTK_BOX (box), icon);
  gtk_box_append (GTK_BOX (box), GTK_WIDGET (self->label));

  self->revealer = GTK_REVEALER (gtk_revealer_new ());
  gtk_revealer_set_transition_type (self->revealer, GTK_REVEALER_TRANSITION_TYPE_SLIDE_DOWN);
  gtk_revealer_set_child (self->revealer, box);
  adw_bin_set_child (ADW_BIN (self), GTK_WIDGET (self->revealer));
  gtk_widget_set_visible (GTK_WIDGET (self), FALSE);
}

GtkWidget *
patron_offline_banner_new (void)
{
  return g_object_new (PATRON_TYPE_OFFLINE_BANNER, NULL);
}

/**
 * patron_offline_banner_set_session:
 * @session: (nullable): the session whose copy may be shown
 */
void
patron_offline_banner_set_session (PatronOfflineBanner *self,
                                   PatronSession       *session)
{
  g_return_if_fail (PATRON_IS_OFFLINE_BANNER (self));
  g_return_if_fail (session == NULL || PATRON_IS_SESSION (session));

  if (self->session != session)
    {
      if (self->session != NULL)
        g_signal_handlers_disconnect_by_data (self->session, self);
      g_set_object (&self->session, session);
      if (session != NULL)
        g_signal_connect_object (session, "notify::offline", G_CALLBACK (offline_changed_cb),
                                 self, G_CONNECT_SWAPPED);
    }
  offline_changed_cb (self);
}
