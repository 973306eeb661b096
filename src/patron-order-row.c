/* patron-order-row.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-order-row"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-order-row.h"
#include "patron-text.h"

/**
 * PatronOrderRow:
 *
 * One row of the orders list: the order number, a line with the date and
 * the item count, a dimmed line with the statuses in words, and the total;
 * or, for an order whose page is not loaded, one line saying so (with a
 * "Try Again" button when its page failed).
 *
 * It draws its four pieces of text itself rather than being a box of four
 * labels: GTK 4.8's list view makes, styles and measures 200 rows at once,
 * and a single widget per row costs a fraction of six. Its height is the
 * same for every order unless a line does not fit, which then wraps: the
 * number and the total are never cut. Screen readers hear the row as one
 * sentence.
 */

#define COLUMN_SPACING   12
#define LINE_SPACING      2
/* the numbers' column: the dates beside them line up */
#define NUMBER_WIDTH     64
/* the middle lines wrap, even inside a word, rather than go below this */
#define MIDDLE_MIN_WIDTH 48
/* the natural width of the middle lines at most: one wider wraps */
#define MIDDLE_MAX_WIDTH 480
/* the number and the total are short by nature (an order number, an amount
 * with its currency); what a store sends beyond this is cut, and what is
 * wider than this ends in "…" */
#define SHORT_MAX_CHARS  32
#define NUMBER_MAX_WIDTH 120
#define TOTAL_MAX_WIDTH  140
/* Adwaita's .dim-label */
#define DIM_OPACITY      0.55f

typedef struct
{
  PangoLayout *layout;   /* made for the first text: most rows are placeholders */
  int          width;    /* on one line */
  int          height;   /* on one line */
} Text;

enum {
  NUMBER,
  DATE,
  STATUS,
  TOTAL,
  N_TEXTS
};

struct _PatronOrderRow
{
  GtkWidget             parent_instance;

  Text                  texts[N_TEXTS];
  GtkWidget            *retry;   /* made the first time a page fails */
  char                 *summary;
  PangoFontDescription *font;    /* the font the texts were measured in */
};

G_DEFINE_FINAL_TYPE (PatronOrderRow, patron_order_row, GTK_TYPE_WIDGET)

enum {
  RETRY,
  N_SIGNALS
};

static guint signals[N_SIGNALS];
/* Adwaita's .heading for the number, .numeric (figures of one width) for
 * the total */
static PangoAttrList *attributes[N_TEXTS];

/* The last text of each kind measured, in the Pango context's state then:
 * the 150 placeholders a list makes at once all say "Loading…", and
 * neighbouring orders often have the same statuses. A text measured from
 * here is laid out only if it is drawn. */
static struct
{
  PangoContext *context;
  guint         serial;
  char         *text;
  int           width;
  int           height;
} measured[N_TEXTS];

/* The rows of a list share its Pango context: making one for each of the
 * 200 rows GTK 4.8's list view makes at once took a seventh of the time. A
 * row outside a list view has its own. The rows take their font from the
 * list, and css_changed() follows it. */
static PangoContext *
text_context (PatronOrderRow *self)
{
  GtkWidget *list = gtk_widget_get_ancestor (GTK_WIDGET (self), GTK_TYPE_LIST_VIEW);

  return gtk_widget_get_pango_context (list != NULL ? list : GTK_WIDGET (self));
}

/* the size on one line, measured again */
static void
text_measure (Text *text)
{
  if (text->layout == NULL)
    return;

  pango_layout_set_width (text->layout, -1);
  pango_layout_get_pixel_size (text->layout, &text->width, &text->height);
}

/* text_measure(), or the size measured last for the same text */
static void
text_measure_shared (Text  *text,
                     guint  which)
{
  PangoContext *context = pango_layout_get_context (text->layout);
  guint serial = pango_context_get_serial (context);
  const char *value = pango_layout_get_text (text->layout);

  if (measured[which].context == context && measured[which].serial == serial &&
      g_strcmp0 (measured[which].text, value) == 0)
    {
      text->width = measured[which].width;
      text->height = measured[which].height;
      return;
    }

  text_measure (text);
  g_set_object (&measured[which].context, context);
  measured[which].serial = serial;
  g_free (measured[which].text);
  measured[which].text = g_strdup (value);
  measured[which].width = text->width;
  measured[which].height = text->height;
}

/* At most @max_width wide, on one line: the rest ends in "…". */
static void
text_cap (Text *text,
          int   max_width)
{
  if (text->layout == NULL || text->width <= max_width)
    return;

  pango_layout_set_ellipsize (text->layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_width (text->layout, max_width * PANGO_SCALE);
  pango_layout_get_pixel_size (text->layout, &text->width, &text->height);
}

/* the columns of one line that do not wrap */
static void
text_cap_columns (PatronOrderRow *self)
{
  text_cap (&self->texts[NUMBER], NUMBER_MAX_WIDTH);
  text_cap (&self->texts[TOTAL], TOTAL_MAX_WIDTH);
}

/* A wrapped text's lines against the start of its column, as GtkLabel
 * aligns them (Pango then turns the alignment of a paragraph written the
 * other way). */
static void
text_align (PatronOrderRow *self,
            Text           *text)
{
  gboolean rtl = gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL;

  pango_layout_set_alignment (text->layout, rtl ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT);
}

static void
text_set (PatronOrderRow *self,
          guint           which,
          const char     *value)
{
  Text *text = &self->texts[which];

  if (value == NULL)
    value = "";

  if (text->layout == NULL)
    {
      if (value[0] == '\0')
        return;

      text->layout = pango_layout_new (text_context (self));
      pango_layout_set_attributes (text->layout, attributes[which]);
      pango_layout_set_wrap (text->layout, PANGO_WRAP_WORD_CHAR);
      text_align (self, text);
      /* the font it is measured in, for css_changed() to compare */
      if (self->font == NULL)
        self->font = pango_font_description_copy (
          pango_context_get_font_description (pango_layout_get_context (text->layout)));
    }
  else if (g_strcmp0 (pango_layout_get_text (text->layout), value) == 0)
    return;

  pango_layout_set_text (text->layout, value, -1);
  text_measure_shared (text, which);
}

/* Its height in @width: the one-line height unless it needs to wrap. The
 * layout is left laid out in @width, as it is drawn. */
static int
text_height_for_width (Text *text,
                       int   width)
{
  int wanted = text->width <= width ? -1 : width * PANGO_SCALE;
  int height;

  if (text->layout == NULL)
    return 0;
  if (pango_layout_get_width (text->layout) != wanted)
    pango_layout_set_width (text->layout, wanted);
  if (wanted == -1)
    return text->height;

  pango_layout_get_pixel_size (text->layout, NULL, &height);
  return height;
}

static gboolean
showing_retry (PatronOrderRow *self)
{
  return self->retry != NULL && gtk_widget_get_visible (self->retry);
}

static int
number_width (PatronOrderRow *self)
{
  return MAX (NUMBER_WIDTH, self->texts[NUMBER].width);
}

/* the total, or the button in its place */
static void
measure_end (PatronOrderRow *self,
             GtkOrientation  orientation,
             int            *minimum,
             int            *natural)
{
  if (showing_retry (self))
    gtk_widget_measure (self->retry, orientation, -1, minimum, natural, NULL, NULL);
  else if (orientation == GTK_ORIENTATION_HORIZONTAL)
    *minimum = *natural = self->texts[TOTAL].width;
  else
    *minimum = *natural = self->texts[TOTAL].height;
}

/* what the two middle lines get of @width */
static int
middle_width (PatronOrderRow *self,
              int             width)
{
  int end_minimum;
  int end_natural;

  measure_end (self, GTK_ORIENTATION_HORIZONTAL, &end_minimum, &end_natural);

  return MAX (MIDDLE_MIN_WIDTH, width - number_width (self) - end_natural - 2 * COLUMN_SPACING);
}

static int
content_height (PatronOrderRow *self,
                int             width,
                int            *middle_height)
{
  int end_minimum;
  int end_natural;
  int status;
  int middle;

  /* an order's row is as tall as a placeholder, which has no status line */
  status = self->texts[STATUS].layout != NULL &&
           pango_layout_get_character_count (self->texts[STATUS].layout) > 0
           ? text_height_for_width (&self->texts[STATUS], width)
           : self->texts[DATE].height;
  middle = text_height_for_width (&self->texts[DATE], width) + LINE_SPACING + status;
  if (middle_height != NULL)
    *middle_height = middle;
  measure_end (self, GTK_ORIENTATION_VERTICAL, &end_minimum, &end_natural);

  return MAX (MAX (self->texts[NUMBER].height, middle), end_natural);
}

/* a line that does not fit wraps: the height depends on the width */
static GtkSizeRequestMode
patron_order_row_get_request_mode (GtkWidget *widget)
{
  return GTK_SIZE_REQUEST_HEIGHT_FOR_WIDTH;
}

static void
patron_order_row_measure (GtkWidget      *widget,
                          GtkOrientation  orientation,
                          int             for_size,
                          int            *minimum,
                          int            *natural,
                          int            *minimum_baseline,
                          int            *natural_baseline)
{
  PatronOrderRow *self = PATRON_ORDER_ROW (widget);

  if (orientation == GTK_ORIENTATION_HORIZONTAL)
    {
      int end_minimum;
      int end_natural;
      int lines = MIN (MAX (self->texts[DATE].width, self->texts[STATUS].width),
                       MIDDLE_MAX_WIDTH);

      measure_end (self, orientation, &end_minimum, &end_natural);
      *minimum = number_width (self) + MIDDLE_MIN_WIDTH + end_minimum + 2 * COLUMN_SPACING;
      *natural = number_width (self) + MAX (MIDDLE_MIN_WIDTH, lines) + end_natural +
                 2 * COLUMN_SPACING;
    }
  else
    {
      int width = for_size < 0 ? G_MAXINT / 2 : middle_width (self, for_size);

      *minimum = *natural = content_height (self, width, NULL);
    }
}

/* @x from the start of the row, for @width of it */
static int
mirrored (PatronOrderRow *self,
          int             x,
          int             width)
{
  if (gtk_widget_get_direction (GTK_WIDGET (self)) == GTK_TEXT_DIR_RTL)
    return gtk_widget_get_width (GTK_WIDGET (self)) - x - width;

  return x;
}

/* Where @text is drawn in a column @x from the start of the row, @width
 * wide: against the column's start, as a label's text would be. A text on
 * one line is as wide as itself; a wrapped one fills the column, and its
 * lines are aligned against the start (text_align()). */
static int
text_x (PatronOrderRow *self,
        Text           *text,
        int             x,
        int             width)
{
  if (text->layout == NULL || pango_layout_get_width (text->layout) == -1)
    return mirrored (self, x, text->width);

  return mirrored (self, x, width);
}

static void
patron_order_row_size_allocate (GtkWidget *widget,
                                int        width,
                                int        height,
                                int        baseline)
{
  PatronOrderRow *self = PATRON_ORDER_ROW (widget);
  int middle = middle_width (self, width);

  /* lays the middle lines out in their width, for drawing */
  content_height (self, middle, NULL);

  if (showing_retry (self))
    {
      int button_width;
      int button_height;
      int unused;

      gtk_widget_measure (self->retry, GTK_ORIENTATION_HORIZONTAL, -1, &unused, &button_width,
                          NULL, NULL);
      gtk_widget_measure (self->retry, GTK_ORIENTATION_VERTICAL, button_width, &unused,
                          &button_height, NULL, NULL);
      button_width = MIN (button_width, width);
      gtk_widget_size_allocate (self->retry,
                                &(GtkAllocation) {
                                  mirrored (self, width - button_width, button_width),
                                  MAX (0, (height - button_height) / 2),
                                  button_width, MIN (button_height, height)
                                }, -1);
    }
}

static void
append_text (GtkSnapshot   *snapshot,
             Text          *text,
             int            x,
             int            y,
             const GdkRGBA *color)
{
  if (text->layout == NULL || pango_layout_get_character_count (text->layout) == 0)
    return;

  gtk_snapshot_save (snapshot);
  gtk_snapshot_translate (snapshot, &GRAPHENE_POINT_INIT (x, y));
  gtk_snapshot_append_layout (snapshot, text->layout, color);
  gtk_snapshot_restore (snapshot);
}

static void
patron_order_row_snapshot (GtkWidget   *widget,
                           GtkSnapshot *snapshot)
{
  PatronOrderRow *self = PATRON_ORDER_ROW (widget);
  int width = gtk_widget_get_width (widget);
  int height = gtk_widget_get_height (widget);
  int middle = middle_width (self, width);
  int middle_x = number_width (self) + COLUMN_SPACING;
  int middle_height;
  int middle_y;
  int date_height;
  GdkRGBA color;
  GdkRGBA dim;

#if GTK_CHECK_VERSION (4, 10, 0)
  /* newer than GDK_VERSION_MAX_ALLOWED, which would flag it */
  G_GNUC_BEGIN_IGNORE_DEPRECATIONS
  gtk_widget_get_color (widget, &color);
  G_GNUC_END_IGNORE_DEPRECATIONS
#else
  gtk_style_context_get_color (gtk_widget_get_style_context (widget), &color);
#endif
  dim = color;
  dim.alpha *= DIM_OPACITY;

  content_height (self, middle, &middle_height);
  middle_y = MAX (0, (height - middle_height) / 2);
  date_height = text_height_for_width (&self->texts[DATE], middle);

  append_text (snapshot, &self->texts[NUMBER], mirrored (self, 0, self->texts[NUMBER].width),
               (height - self->texts[NUMBER].height) / 2, &color);
  append_text (snapshot, &self->texts[DATE], text_x (self, &self->texts[DATE], middle_x, middle),
               middle_y, &color);
  append_text (snapshot, &self->texts[STATUS],
               text_x (self, &self->texts[STATUS], middle_x, middle),
               middle_y + date_height + LINE_SPACING, &dim);

  if (showing_retry (self))
    gtk_widget_snapshot_child (widget, self->retry, snapshot);
  else
    append_text (snapshot, &self->texts[TOTAL],
                 mirrored (self, width - self->texts[TOTAL].width, self->texts[TOTAL].width),
                 (height - self->texts[TOTAL].height) / 2, &color);
}

/* A new font (the text scale, say) measures every text again. */
static void
patron_order_row_css_changed (GtkWidget         *widget,
                              GtkCssStyleChange *change)
{
  PatronOrderRow *self = PATRON_ORDER_ROW (widget);
  const PangoFontDescription *font;

  GTK_WIDGET_CLASS (patron_order_row_parent_class)->css_changed (widget, change);

  font = pango_context_get_font_description (text_context (self));
  if (self->font != NULL && font != NULL && pango_font_description_equal (self->font, font))
    return;

  g_clear_pointer (&self->font, pango_font_description_free);
  self->font = font != NULL ? pango_font_description_copy (font) : NULL;
  for (Text *text = self->texts; text < self->texts + N_TEXTS; text++)
    if (text->layout != NULL)
      {
        pango_layout_context_changed (text->layout);
        text_measure (text);
      }
  text_cap_columns (self);
  gtk_widget_queue_resize (widget);
}

static void
patron_order_row_direction_changed (GtkWidget        *widget,
                                    GtkTextDirection  previous)
{
  PatronOrderRow *self = PATRON_ORDER_ROW (widget);

  GTK_WIDGET_CLASS (patron_order_row_parent_class)->direction_changed (widget, previous);

  for (Text *text = self->texts; text < self->texts + N_TEXTS; text++)
    if (text->layout != NULL)
      {
        text_align (self, text);
        pango_layout_context_changed (text->layout);
      }
  gtk_widget_queue_draw (widget);
}

static void
patron_order_row_dispose (GObject *object)
{
  PatronOrderRow *self = (PatronOrderRow *)object;

  g_clear_pointer (&self->retry, gtk_widget_unparent);

  G_OBJECT_CLASS (patron_order_row_parent_class)->dispose (object);
}

static void
patron_order_row_finalize (GObject *object)
{
  PatronOrderRow *self = (PatronOrderRow *)object;

  for (Text *text = self->texts; text < self->texts + N_TEXTS; text++)
    g_clear_object (&text->layout);
  g_clear_pointer (&self->summary, g_free);
  g_clear_pointer (&self->font, pango_font_description_free);

  G_OBJECT_CLASS (patron_order_row_parent_class)->finalize (object);
}

static void
patron_order_row_class_init (PatronOrderRowClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = patron_order_row_dispose;
  object_class->finalize = patron_order_row_finalize;

  widget_class->get_request_mode = patron_order_row_get_request_mode;
  widget_class->measure = patron_order_row_measure;
  widget_class->size_allocate = patron_order_row_size_allocate;
  widget_class->snapshot = patron_order_row_snapshot;
  widget_class->css_changed = patron_order_row_css_changed;
  widget_class->direction_changed = patron_order_row_direction_changed;

  /**
   * PatronOrderRow::retry:
   *
   * The row's "Try Again" button was clicked.
   */
  signals[RETRY] =
    g_signal_new ("retry",
                  G_TYPE_FROM_CLASS (klass),
                  G_SIGNAL_RUN_LAST,
                  0, NULL, NULL, NULL,
                  G_TYPE_NONE, 0);

  /* what Adwaita's .heading is: bold, 11 pt */
  attributes[NUMBER] = pango_attr_list_new ();
  pango_attr_list_insert (attributes[NUMBER], pango_attr_weight_new (PANGO_WEIGHT_BOLD));
  pango_attr_list_insert (attributes[NUMBER], pango_attr_size_new (11 * PANGO_SCALE));
  attributes[TOTAL] = pango_attr_list_new ();
  pango_attr_list_insert (attributes[TOTAL], pango_attr_font_features_new ("tnum=1"));

  gtk_widget_class_set_css_name (widget_class, "orderrow");
  gtk_widget_class_set_accessible_role (widget_class, GTK_ACCESSIBLE_ROLE_LABEL);
}

static void
patron_order_row_init (PatronOrderRow *self)
{
  GtkWidget *widget = GTK_WIDGET (self);

  gtk_widget_set_margin_top (widget, 6);
  gtk_widget_set_margin_bottom (widget, 6);
}

GtkWidget *
patron_order_row_new (void)
{
  return g_object_new (PATRON_TYPE_ORDER_ROW, NULL);
}

static void
set_summary (PatronOrderRow *self,
             char           *summary)
{
  g_free (self->summary);
  self->summary = summary;
  gtk_accessible_update_property (GTK_ACCESSIBLE (self),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, summary,
                                  -1);
  gtk_widget_queue_resize (GTK_WIDGET (self));
}

static void
retry_clicked_cb (PatronOrderRow *self)
{
  g_signal_emit (self, signals[RETRY], 0);
}

/**
 * patron_order_row_set_order:
 * @number: the order number, e.g. "#1042"
 * @date: the date and the item count
 * @status: the statuses in words
 * @total: the total with its currency
 *
 * Shows an order.
 */
void
patron_order_row_set_order (PatronOrderRow *self,
                            const char     *number,
                            const char     *date,
                            const char     *status,
                            const char     *total)
{
  g_autofree char *short_number = NULL;
  g_autofree char *short_date = NULL;
  g_autofree char *short_status = NULL;
  g_autofree char *short_total = NULL;

  g_return_if_fail (PATRON_IS_ORDER_ROW (self));

  /* a store's text, of any length: measuring is bounded */
  number = short_number = patron_text_clip (number, SHORT_MAX_CHARS);
  date = short_date = patron_text_clip (date, PATRON_TEXT_MAX_SHOWN);
  status = short_status = patron_text_clip (status, PATRON_TEXT_MAX_SHOWN);
  total = short_total = patron_text_clip (total, SHORT_MAX_CHARS);

  text_set (self, NUMBER, number);
  text_set (self, DATE, date);
  text_set (self, STATUS, status);
  text_set (self, TOTAL, total);
  text_cap_columns (self);
  if (self->retry != NULL)
    gtk_widget_set_visible (self->retry, FALSE);

  /* Translators: what a screen reader says for an order in the list: its
   * number, date and item count, statuses and total, e.g. "#1042, 28/11/2026 ·
   * 3 items, Placed · Shipped · Paid, USD 86.00" */
  set_summary (self, g_strdup_printf (C_("order row", "%s, %s, %s, %s"),
                                      number, date, status, total));
}

/**
 * patron_order_row_set_message:
 * @message: what stands in the order's place, such as "Loading…"
 * @failed: whether its page failed: the row offers to try again
 *
 * Shows a row whose order is not there.
 */
void
patron_order_row_set_message (PatronOrderRow *self,
                              const char     *message,
                              gboolean        failed)
{
  g_return_if_fail (PATRON_IS_ORDER_ROW (self));

  text_set (self, NUMBER, NULL);
  text_set (self, DATE, message);
  text_set (self, STATUS, NULL);
  text_set (self, TOTAL, NULL);

  if (failed && self->retry == NULL)
    {
      self->retry = gtk_button_new_with_label (_("Try Again"));
      g_signal_connect_object (self->retry, "clicked", G_CALLBACK (retry_clicked_cb), self,
                               G_CONNECT_SWAPPED);
      gtk_widget_set_parent (self->retry, GTK_WIDGET (self));
    }
  if (self->retry != NULL)
    gtk_widget_set_visible (self->retry, failed);

  set_summary (self, g_strdup (message));
}

/**
 * patron_order_row_get_summary:
 *
 * Returns: the row in one sentence, as screen readers hear it
 */
const char *
patron_order_row_get_summary (PatronOrderRow *self)
{
  g_return_val_if_fail (PATRON_IS_ORDER_ROW (self), NULL);

  return self->summary != NULL ? self->summary : "";
}
