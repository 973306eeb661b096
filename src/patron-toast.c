/* patron-toast.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-toast"

#include "config.h"

#include "patron-toast.h"

/* A toast's title is one line, ellipsized: at 360 px, or in German, a
 * sentence such as "Email sent: follow its link to set a new password"
 * loses its second half. Patron's toasts wrap instead.
 *
 * A wrapping label alone is not enough with libadwaita 1.2: the overlay
 * gives a toast its natural height for its natural width, then narrows it
 * to the window, and the toast's box, asked for the width its title needs
 * at that height, keeps the title at one line's width and pushes the
 * buttons out of the window. So the title's natural width is at most what
 * the overlay has room for beside the toast's buttons, and the toast is
 * never narrowed. */

/* the toast's own margins and padding (24 + 18) and, for each of its
 * children, their margins and the spacing between them: libadwaita's
 * style sheet, rounded up */
#define TOAST_CHROME_WIDTH 42
#define TOAST_CHILD_CHROME_WIDTH 18
/* the title's smallest width, in characters */
#define TITLE_MIN_WIDTH_CHARS 10
/* How soon a toast that came in beside another going may be dismissed.
 * libadwaita 1.2 brings such a toast in for 500 ms and takes one out in
 * 300: dismissed sooner than 200 ms after it began to come in, it is freed
 * when its going ends, and its coming in then ends on freed memory (a
 * crash, with two quick clicks on Undo, say; fixed in 1.3, "toast-overlay:
 * Prevent show_done from firing after hide_done"). A frame or two more, as
 * both animations start with a frame. */
#define REPLACING_DISMISS_AFTER_US (250 * G_TIME_SPAN_MILLISECOND)

#define PATRON_TYPE_TOAST_TITLE (patron_toast_title_get_type ())
G_DECLARE_FINAL_TYPE (PatronToastTitle, patron_toast_title, PATRON, TOAST_TITLE, GtkWidget)

struct _PatronToastTitle
{
  GtkWidget  parent_instance;

  GtkWidget *label;
  int        overlay_width;  /* the overlay's width when last measured */
  gboolean   mixed;          /* measured at two widths since last allocated */
  guint      remeasure_id;
  gint64     replacing_since; /* when its toast came in beside another going, or 0 */
  guint      dismiss_id;      /* its toast's dismissal, waiting for that to be safe */
};

G_DEFINE_FINAL_TYPE (PatronToastTitle, patron_toast_title, GTK_TYPE_WIDGET)

/* The toast widget around @self (its CSS node is "toast"), and, if
 * @holder is given, its child that holds @self (libadwaita 1.2 puts a
 * custom title in a bin). */
static GtkWidget *
find_toast (PatronToastTitle  *self,
            GtkWidget        **holder)
{
  GtkWidget *child = GTK_WIDGET (self);

  for (GtkWidget *widget = gtk_widget_get_parent (child);
       widget != NULL;
       child = widget, widget = gtk_widget_get_parent (widget))
    if (g_strcmp0 (gtk_widget_get_css_name (widget), "toast") == 0)
      {
        if (holder != NULL)
          *holder = child;
        return widget;
      }

  if (holder != NULL)
    *holder = NULL;
  return NULL;
}

/* The widest the title may be for its toast to fit the overlay's width:
 * what is left beside the toast's other children (its buttons). */
static int
room_in_overlay (PatronToastTitle *self,
                 int              *overlay_width)
{
  GtkWidget *overlay = gtk_widget_get_ancestor (GTK_WIDGET (self), ADW_TYPE_TOAST_OVERLAY);
  GtkWidget *bin;
  GtkWidget *toast = find_toast (self, &bin);
  int room;

  *overlay_width = overlay != NULL ? gtk_widget_get_width (overlay) : 0;
  if (*overlay_width <= 0 || toast == NULL)
    return G_MAXINT;

  room = *overlay_width - TOAST_CHROME_WIDTH;
  for (GtkWidget *child = gtk_widget_get_first_child (toast);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      int natural;

      if (!gtk_widget_get_visible (child))
        continue;
      room -= TOAST_CHILD_CHROME_WIDTH;
      if (child == bin)
        continue;
      gtk_widget_measure (child, GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural, NULL, NULL);
      room -= natural;
    }

  return room;
}

static void
patron_toast_title_measure (GtkWidget      *widget,
                            GtkOrientation  orientation,
                            int             for_size,
                            int            *minimum,
                            int            *natural,
                            int            *minimum_baseline,
                            int            *natural_baseline)
{
  PatronToastTitle *self = PATRON_TOAST_TITLE (widget);
  int min_width, nat_width, overlay_width;

  /* the width for any height: the box around asks for the width at the
   * height it was given, which a wrapping label would answer with the
   * width of as few lines */
  gtk_widget_measure (self->label, GTK_ORIENTATION_HORIZONTAL, -1,
                      &min_width, &nat_width, NULL, NULL);
  nat_width = MAX (min_width, MIN (nat_width, room_in_overlay (self, &overlay_width)));

  /* GTK keeps each size it asked for until a resize is queued: all of
   * them must be for the same width of the window */
  if (self->overlay_width >= 0 && self->overlay_width != overlay_width)
    self->mixed = TRUE;
  self->overlay_width = overlay_width;

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      *minimum = min_width;
      *natural = nat_width;
      return;
    }

  gtk_widget_measure (self->label, GTK_ORIENTATION_VERTICAL,
                      for_size >= 0 ? MAX (for_size, min_width) : nat_width,
                      minimum, natural, minimum_baseline, natural_baseline);
}

static GtkSizeRequestMode
patron_toast_title_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static gboolean
remeasure_cb (GtkWidget     *widget,
              GdkFrameClock *frame_clock,
              gpointer       user_data)
{
  PATRON_TOAST_TITLE (widget)->remeasure_id = 0;
  gtk_widget_queue_resize (widget);

  return G_SOURCE_REMOVE;
}

static void
patron_toast_title_size_allocate (GtkWidget *widget,
                                  int        width,
                                  int        height,
                                  int        baseline)
{
  PatronToastTitle *self = PATRON_TOAST_TITLE (widget);
  GtkWidget *overlay = gtk_widget_get_ancestor (widget, ADW_TYPE_TOAST_OVERLAY);
  GtkWidget *toast = find_toast (self, NULL);
  PangoLayout *layout;

  gtk_widget_allocate (self->label, width, height, baseline, NULL);

  /* a pill's round ends would cut into lines of text (style.css) */
  layout = gtk_label_get_layout (GTK_LABEL (self->label));
  if (toast != NULL && pango_layout_get_line_count (layout) > 1)
    gtk_widget_add_css_class (toast, "patron-wrapped");
  else if (toast != NULL)
    gtk_widget_remove_css_class (toast, "patron-wrapped");

  /* the window was resized, or measured before it had its size: measured
   * again in the next frame (a resize queued while allocating would be
   * forgotten) */
  if (overlay != NULL && (self->mixed || gtk_widget_get_width (overlay) != self->overlay_width) &&
      self->remeasure_id == 0)
    self->remeasure_id = gtk_widget_add_tick_callback (widget, remeasure_cb, NULL, NULL);
  self->mixed = FALSE;
}

/* Whether another toast is on the overlay beside @toast: one going. */
static gboolean
has_other_toast (GtkWidget *toast)
{
  GtkWidget *overlay = gtk_widget_get_parent (toast);

  for (GtkWidget *child = gtk_widget_get_first_child (overlay);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    if (child != toast && g_strcmp0 (gtk_widget_get_css_name (child), "toast") == 0)
      return TRUE;

  return FALSE;
}

static void
patron_toast_title_map (GtkWidget *widget)
{
  PatronToastTitle *self = PATRON_TOAST_TITLE (widget);
  GtkWidget *toast = find_toast (self, NULL);

  GTK_WIDGET_CLASS (patron_toast_title_parent_class)->map (widget);

  /* the title is mapped as its toast begins to come in */
  self->replacing_since = 0;
  if (toast != NULL && gtk_widget_get_parent (toast) != NULL && has_other_toast (toast))
    self->replacing_since = g_get_monotonic_time ();
}

static gboolean
dismiss_later_cb (gpointer data)
{
  AdwToast *toast = data;
  PatronToastTitle *self = PATRON_TOAST_TITLE (adw_toast_get_custom_title (toast));

  self->dismiss_id = 0;
  /* (the toast's own first handler has let go of its overlay already, and
   * adw_toast_dismiss() would do nothing now) */
  g_signal_emit_by_name (toast, "dismissed");

  return G_SOURCE_REMOVE;
}

/* The first handler of @toast's dismissal: too soon after it came in
 * beside another toast (REPLACING_DISMISS_AFTER_US), the dismissal waits
 * until it is safe, the toast on screen meanwhile with its buttons
 * insensitive. Its other handlers (an Undo's deletion sent) run then. */
static void
toast_dismissed_cb (AdwToast         *toast,
                    PatronToastTitle *self)
{
  GtkWidget *widget;
  gint64 wait;

  if (self->dismiss_id != 0)
    {
      g_signal_stop_emission_by_name (toast, "dismissed");
      return;
    }
  if (self->replacing_since == 0 || !gtk_widget_get_mapped (GTK_WIDGET (self)))
    return;
  wait = self->replacing_since + REPLACING_DISMISS_AFTER_US - g_get_monotonic_time ();
  if (wait <= 0)
    return;

  g_signal_stop_emission_by_name (toast, "dismissed");
  widget = find_toast (self, NULL);
  if (widget != NULL)
    gtk_widget_set_sensitive (widget, FALSE);
  self->dismiss_id = g_timeout_add_full (G_PRIORITY_DEFAULT, wait / G_TIME_SPAN_MILLISECOND + 1,
                                         dismiss_later_cb, g_object_ref (toast), g_object_unref);
}

static void
patron_toast_title_dispose (GObject *object)
{
  PatronToastTitle *self = PATRON_TOAST_TITLE (object);

  g_clear_pointer (&self->label, gtk_widget_unparent);

  G_OBJECT_CLASS (patron_toast_title_parent_class)->dispose (object);
}

static void
patron_toast_title_class_init (PatronToastTitleClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = patron_toast_title_dispose;
  widget_class->measure = patron_toast_title_measure;
  widget_class->get_request_mode = patron_toast_title_get_request_mode;
  widget_class->size_allocate = patron_toast_title_size_allocate;
  widget_class->map = patron_toast_title_map;
}

static void
patron_toast_title_init (PatronToastTitle *self)
{
  self->overlay_width = -1;
  self->label = gtk_label_new (NULL);
  gtk_label_set_wrap (GTK_LABEL (self->label), TRUE);
  gtk_label_set_wrap_mode (GTK_LABEL (self->label), PANGO_WRAP_WORD_CHAR);
  gtk_label_set_width_chars (GTK_LABEL (self->label), TITLE_MIN_WIDTH_CHARS);
  gtk_label_set_xalign (GTK_LABEL (self->label), 0.0);
  gtk_widget_add_css_class (self->label, "heading");
  gtk_widget_set_parent (self->label, GTK_WIDGET (self));
}

/**
 * patron_toast_set_text:
 * @toast: a toast from patron_toast_new()
 * @text: what it says now, plain text
 */
void
patron_toast_set_text (AdwToast   *toast,
                       const char *text)
{
  GtkWidget *title = adw_toast_get_custom_title (toast);

  g_return_if_fail (PATRON_IS_TOAST_TITLE (title));

  /* (not its title, which would take the custom one away) */
  gtk_label_set_text (GTK_LABEL (PATRON_TOAST_TITLE (title)->label), text);
}

/**
 * patron_toast_is_going:
 * @toast: a toast from patron_toast_new()
 *
 * Returns: whether @toast was dismissed and goes as soon as that is safe
 *   (its #AdwToast::dismissed handlers not run yet): too late to change
 */
gboolean
patron_toast_is_going (AdwToast *toast)
{
  GtkWidget *title = adw_toast_get_custom_title (toast);

  g_return_val_if_fail (PATRON_IS_TOAST_TITLE (title), FALSE);

  return PATRON_TOAST_TITLE (title)->dismiss_id != 0;
}

/**
 * patron_toast_new:
 * @text: what the toast says, plain text
 *
 * Returns: (transfer full): a toast whose text wraps to as many lines as
 *   the window's width needs, rather than being cut short
 */
AdwToast *
patron_toast_new (const char *text)
{
  g_autofree char *markup = g_markup_escape_text (text, -1);
  PatronToastTitle *title = g_object_new (PATRON_TYPE_TOAST_TITLE, NULL);
  AdwToast *toast = adw_toast_new (markup);

  gtk_label_set_text (GTK_LABEL (title->label), text);
  adw_toast_set_custom_title (toast, GTK_WIDGET (title));
  /* before any handler of the caller's */
  if (adw_get_major_version () == 1 && adw_get_minor_version () < 3)
    g_signal_connect_object (toast, "dismissed", G_CALLBACK (toast_dismissed_cb), title, 0);

  return toast;
}
