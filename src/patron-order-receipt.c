/* patron-order-receipt.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-order-receipt"

#include "config.h"

#include <glib/gi18n.h>

#include "patron-countries.h"
#include "patron-money.h"
#include "patron-order-receipt.h"
#include "patron-text.h"

/**
 * PatronOrderReceipt:
 *
 * An order printed as a receipt: the store, the order's number, date and
 * statuses, a table of its items, the totals, where and how it ships and each
 * parcel's tracking numbers, with "Page X of Y" at the foot of every page.
 *
 * The receipt is a column of blocks — a row of up to three cells, each a
 * #PangoLayout as wide as the page allows — measured once the page size is
 * known (#GtkPrintOperation::begin-print) and then shared out between pages
 * whole, so no line is ever cut in half. A page that goes on with the items
 * repeats the table's heading.
 */

#define FONT_FAMILY   "Sans"
#define COLUMN_GAP    12.0
#define ITEM_GAP      6.0
#define SECTION_GAP   20.0
#define RULE_WIDTH    0.5
#define MAX_CELLS     3
/* a cell's text at most: an address's eight lines of a label's length */
#define CELL_MAX_CHARS (8 * PATRON_TEXT_MAX_SHOWN)

typedef enum
{
  STYLE_BODY,
  STYLE_DIM,
  STYLE_STRONG,
  STYLE_HEADING,
  STYLE_TITLE,
  STYLE_STORE,
  STYLE_NUMBER,
  STYLE_NUMBER_STRONG,
} Style;

typedef struct
{
  PangoLayout *layout;
  double       x;
} Cell;

typedef struct
{
  Cell     cells[MAX_CELLS];
  guint    n_cells;
  double   height;
  double   space_before;    /* dropped at the top of a page */
  gboolean rule_above;
  gboolean rule_below;
  gboolean keep_with_next;  /* never the last block of a page */
  gboolean is_item;         /* a table row: a page starting with it repeats the heading */
  guint    page;
  double   y;
  gboolean first_on_page;
} Block;

struct _PatronOrderReceipt
{
  GtkPrintOperation  parent_instance;

  MedusaOrder       *order;
  char              *store_url;
  char              *number;

  GArray            *blocks;           /* of Block */
  guint              table_heading;    /* index of the items' heading in blocks */
  GArray            *repeats_heading;  /* of gboolean, one a page */
  double             page_height;
  double             footer_height;
  guint              n_pages;
};

G_DEFINE_FINAL_TYPE (PatronOrderReceipt, patron_order_receipt, GTK_TYPE_PRINT_OPERATION)

static void
block_clear (Block *block)
{
  for (guint i = 0; i < block->n_cells; i++)
    g_clear_object (&block->cells[i].layout);
}

static void
add_style (PangoAttrList *attrs,
           Style          style,
           guint          start,
           guint          end)
{
  const struct { double size; PangoWeight weight; guint16 grey; gboolean tabular; } styles[] = {
    [STYLE_BODY] = { 10, PANGO_WEIGHT_NORMAL, 0, FALSE },
    [STYLE_DIM] = { 9, PANGO_WEIGHT_NORMAL, 0x5f5f, FALSE },
    [STYLE_STRONG] = { 10, PANGO_WEIGHT_BOLD, 0, FALSE },
    [STYLE_HEADING] = { 11, PANGO_WEIGHT_BOLD, 0, FALSE },
    [STYLE_TITLE] = { 18, PANGO_WEIGHT_BOLD, 0, FALSE },
    [STYLE_STORE] = { 14, PANGO_WEIGHT_BOLD, 0, FALSE },
    [STYLE_NUMBER] = { 10, PANGO_WEIGHT_NORMAL, 0, TRUE },
    [STYLE_NUMBER_STRONG] = { 11, PANGO_WEIGHT_BOLD, 0, TRUE },
  };
  PangoAttribute *attr;

#define ADD(make) \
  G_STMT_START { \
    attr = (make); \
    attr->start_index = start; \
    attr->end_index = end; \
    pango_attr_list_insert (attrs, attr); \
  } G_STMT_END

  ADD (pango_attr_size_new ((int) (styles[style].size * PANGO_SCALE)));
  ADD (pango_attr_weight_new (styles[style].weight));
  ADD (pango_attr_foreground_new (styles[style].grey, styles[style].grey, styles[style].grey));
  /* amounts line up digit under digit */
  if (styles[style].tabular)
    ADD (pango_attr_font_features_new ("tnum 1"));

#undef ADD
}

/* A layout @width wide: @text in @style, and @more (if any) on the lines
 * below it in @more_style. No paragraph wraps to more than a few lines, so
 * no block is ever taller than a page. */
static PangoLayout *
make_layout (GtkPrintContext *context,
             double           width,
             PangoAlignment   alignment,
             const char      *text,
             Style            style,
             const char      *more,
             Style            more_style)
{
  PangoLayout *layout = gtk_print_context_create_pango_layout (context);
  g_autoptr(PangoFontDescription) font = pango_font_description_from_string (FONT_FAMILY " 10");
  g_autoptr(PangoAttrList) attrs = pango_attr_list_new ();
  /* the store's text, of any length: laying it out costs no more than this */
  g_autofree char *shown_text = patron_text_clip (text, CELL_MAX_CHARS);
  g_autoptr(GString) all = g_string_new (shown_text);
  guint first_end = all->len;

  if (more != NULL && more[0] != '\0')
    {
      g_autofree char *shown = patron_text_clip_lines (more, CELL_MAX_CHARS);

      g_string_append_c (all, '\n');
      g_string_append (all, shown);
    }

  add_style (attrs, style, 0, first_end);
  if (all->len > first_end)
    add_style (attrs, more_style, first_end, all->len);

  pango_layout_set_font_description (layout, font);
  pango_layout_set_text (layout, all->str, all->len);
  pango_layout_set_attributes (layout, attrs);
  pango_layout_set_width (layout, (int) (MAX (width, 1.0) * PANGO_SCALE));
  pango_layout_set_wrap (layout, PANGO_WRAP_WORD_CHAR);
  pango_layout_set_height (layout, -4);
  pango_layout_set_ellipsize (layout, PANGO_ELLIPSIZE_END);
  pango_layout_set_alignment (layout, alignment);

  return layout;
}

static double
natural_width (GtkPrintContext *context,
               const char      *text,
               Style            style)
{
  g_autoptr(PangoLayout) layout = make_layout (context, -1, PANGO_ALIGN_LEFT, text, style,
                                               NULL, STYLE_BODY);
  int width;

  pango_layout_set_width (layout, -1);
  pango_layout_get_size (layout, &width, NULL);

  return (double) width / PANGO_SCALE;
}

static Block *
add_block (PatronOrderReceipt *self,
           double              space_before)
{
  Block block = { 0, };

  block.space_before = space_before;
  g_array_append_val (self->blocks, block);

  return &g_array_index (self->blocks, Block, self->blocks->len - 1);
}

/* a cell of @block, which is as tall as its tallest cell */
static void
add_cell (Block       *block,
          double       x,
          PangoLayout *layout)
{
  int height;

  g_assert (block->n_cells < MAX_CELLS);

  pango_layout_get_size (layout, NULL, &height);
  block->height = MAX (block->height, (double) height / PANGO_SCALE);
  block->cells[block->n_cells].x = x;
  block->cells[block->n_cells].layout = layout;
  block->n_cells++;
}

static char *
join_lines (const char * const *lines,
            guint               n_lines)
{
  GString *text = g_string_new (NULL);

  for (guint i = 0; i < n_lines; i++)
    {
      g_autofree char *shown = NULL;

      if (lines[i] == NULL || lines[i][0] == '\0')
        continue;
      if (text->len > 0)
        g_string_append_c (text, '\n');
      shown = patron_text_clip (lines[i], PATRON_TEXT_MAX_SHOWN);
      g_string_append (text, shown);
    }

  return g_string_free (text, FALSE);
}

static char *
address_text (MedusaAddress *address)
{
  g_autofree char *name = NULL;
  g_autofree char *town = NULL;
  const char *lines[8];

  if (address == NULL)
    return g_strdup (_("No shipping address"));

  name = g_strstrip (g_strdup_printf ("%s %s",
    medusa_address_get_first_name (address) ? medusa_address_get_first_name (address) : "",
    medusa_address_get_last_name (address) ? medusa_address_get_last_name (address) : ""));
  town = g_strstrip (g_strdup_printf ("%s %s",
    medusa_address_get_postal_code (address) ? medusa_address_get_postal_code (address) : "",
    medusa_address_get_city (address) ? medusa_address_get_city (address) : ""));
  lines[0] = name;
  lines[1] = medusa_address_get_company (address);
  lines[2] = medusa_address_get_address_1 (address);
  lines[3] = medusa_address_get_address_2 (address);
  lines[4] = town;
  lines[5] = medusa_address_get_province (address);
  lines[6] = patron_country_name (medusa_address_get_country_code (address));
  lines[7] = medusa_address_get_phone (address);

  return join_lines (lines, G_N_ELEMENTS (lines));
}

static char *
store_name (const char *store_url)
{
  g_autoptr(GUri) uri = g_uri_parse (store_url != NULL ? store_url : "", G_URI_FLAGS_NONE, NULL);

  if (uri == NULL || g_uri_get_host (uri) == NULL)
    return g_strdup (store_url != NULL ? store_url : "");

  return g_strdup (g_uri_get_host (uri));
}

static void
add_header (PatronOrderReceipt *self,
            GtkPrintContext    *context,
            double              width)
{
  MedusaOrder *order = self->order;
  g_autofree char *store = store_name (self->store_url);
  g_autofree char *title = g_strdup_printf (_("Order #%s"), self->number);
  g_autofree char *when = patron_format_local_time (medusa_order_get_created_at (order),
                                                    "%x %X");
  g_autofree char *placed = when != NULL ? g_strdup_printf (_("Placed on %s"), when) : NULL;
  double half = (width - COLUMN_GAP) / 2;
  double third = (width - 2 * COLUMN_GAP) / 3;
  Block *block;

  block = add_block (self, 0);
  add_cell (block, 0, make_layout (context, half, PANGO_ALIGN_LEFT,
                                   store, STYLE_STORE, self->store_url, STYLE_DIM));
  add_cell (block, half + COLUMN_GAP, make_layout (context, half, PANGO_ALIGN_RIGHT,
                                                   title, STYLE_TITLE, placed, STYLE_DIM));
  block->rule_below = TRUE;

  block = add_block (self, 12);
  add_cell (block, 0,
            make_layout (context, third, PANGO_ALIGN_LEFT, _("Order Status"), STYLE_DIM,
                         patron_order_status_word (medusa_order_get_status (order)),
                         STYLE_STRONG));
  add_cell (block, third + COLUMN_GAP,
            make_layout (context, third, PANGO_ALIGN_LEFT, _("Shipping"), STYLE_DIM,
                         patron_fulfillment_word (medusa_order_get_fulfillment_status (order)),
                         STYLE_STRONG));
  add_cell (block, 2 * (third + COLUMN_GAP),
            make_layout (context, third, PANGO_ALIGN_LEFT, _("Payment"), STYLE_DIM,
                         patron_payment_word (medusa_order_get_payment_status (order)),
                         STYLE_STRONG));
}

/* Before discounts and taxes, which the totals show: the lines add up to
 * the subtotal, as on a till receipt */
static gint64
line_amount (MedusaLineItem *item)
{
  gint64 subtotal = medusa_line_item_get_subtotal (item);

  if (subtotal != 0)
    return subtotal;

  return medusa_line_item_get_unit_price (item) * medusa_line_item_get_quantity (item);
}

static void
add_items (PatronOrderReceipt *self,
           GtkPrintContext    *context,
           double              width)
{
  const char *currency = medusa_order_get_currency_code (self->order);
  GListModel *items = medusa_order_get_items (self->order);
  guint n_items = g_list_model_get_n_items (items);
  g_autoptr(GPtrArray) quantities = g_ptr_array_new_with_free_func (g_free);
  g_autoptr(GPtrArray) totals = g_ptr_array_new_with_free_func (g_free);
  /* Translators: the column headings of the printed order's items */
  const char *item_heading = _("Item");
  const char *quantity_heading = _("Quantity × Price");
  const char *total_heading = _("Amount");
  double quantity_width = natural_width (context, quantity_heading, STYLE_DIM);
  double total_width = natural_width (context, total_heading, STYLE_DIM);
  double title_width;
  double quantity_x;
  double total_x;
  Block *block;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MedusaLineItem) item = g_list_model_get_item (items, i);
      g_autofree char *unit = patron_format_money (medusa_line_item_get_unit_price (item),
                                                   currency);
      /* Translators: quantity × unit price, e.g. "2 × USD 19.50" */
      char *quantity = g_strdup_printf (_("%d × %s"), medusa_line_item_get_quantity (item), unit);
      char *total = patron_format_money (line_amount (item), currency);

      quantity_width = MAX (quantity_width, natural_width (context, quantity, STYLE_NUMBER));
      total_width = MAX (total_width, natural_width (context, total, STYLE_NUMBER));
      g_ptr_array_add (quantities, quantity);
      g_ptr_array_add (totals, total);
    }

  /* the amounts take what they need (a point more against rounding), the
   * titles wrap in the rest, but keep at least two fifths of the page */
  quantity_width += 1;
  total_width += 1;
  title_width = MAX (width - quantity_width - total_width - 2 * COLUMN_GAP, width * 0.4);
  if (quantity_width + total_width > width - title_width - 2 * COLUMN_GAP)
    {
      double scale = (width - title_width - 2 * COLUMN_GAP) / (quantity_width + total_width);

      quantity_width *= scale;
      total_width *= scale;
    }
  title_width = width - quantity_width - total_width - 2 * COLUMN_GAP;
  quantity_x = title_width + COLUMN_GAP;
  total_x = quantity_x + quantity_width + COLUMN_GAP;

  self->table_heading = self->blocks->len;
  block = add_block (self, SECTION_GAP);
  add_cell (block, 0, make_layout (context, title_width, PANGO_ALIGN_LEFT,
                                   item_heading, STYLE_DIM, NULL, STYLE_DIM));
  add_cell (block, quantity_x, make_layout (context, quantity_width, PANGO_ALIGN_RIGHT,
                                            quantity_heading, STYLE_DIM, NULL, STYLE_DIM));
  add_cell (block, total_x, make_layout (context, total_width, PANGO_ALIGN_RIGHT,
                                         total_heading, STYLE_DIM, NULL, STYLE_DIM));
  block->rule_below = TRUE;
  block->keep_with_next = TRUE;

  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MedusaLineItem) item = g_list_model_get_item (items, i);
      const char *variant = medusa_line_item_get_variant_title (item);

      block = add_block (self, ITEM_GAP * 2);
      block->is_item = TRUE;
      block->rule_above = i > 0;
      add_cell (block, 0, make_layout (context, title_width, PANGO_ALIGN_LEFT,
                                       medusa_line_item_get_title (item), STYLE_BODY,
                                       variant, STYLE_DIM));
      add_cell (block, quantity_x, make_layout (context, quantity_width, PANGO_ALIGN_RIGHT,
                                                g_ptr_array_index (quantities, i),
                                                STYLE_NUMBER, NULL, STYLE_BODY));
      add_cell (block, total_x, make_layout (context, total_width, PANGO_ALIGN_RIGHT,
                                             g_ptr_array_index (totals, i),
                                             STYLE_NUMBER, NULL, STYLE_BODY));
    }
  if (n_items > 0)
    block->rule_below = TRUE;
}

static Block *
add_total (PatronOrderReceipt *self,
           GtkPrintContext    *context,
           double              width,
           const char         *label,
           const char         *codes,
           gint64              amount,
           gboolean            always)
{
  const char *currency = medusa_order_get_currency_code (self->order);
  g_autofree char *value = NULL;
  g_autofree char *title = NULL;
  double label_x = width * 0.45;
  double value_width = width * 0.25;
  Block *block;

  if (amount == 0 && !always)
    return NULL;

  value = patron_format_money (amount, currency);
  /* Translators: a total and the codes it came from, e.g. "Discounts (SUMMER10)" */
  title = codes != NULL && codes[0] != '\0' ? g_strdup_printf (_("%s (%s)"), label, codes)
                                            : g_strdup (label);
  block = add_block (self, ITEM_GAP);
  add_cell (block, label_x, make_layout (context, width - label_x - value_width - COLUMN_GAP,
                                         PANGO_ALIGN_LEFT, title, STYLE_BODY, NULL, STYLE_BODY));
  add_cell (block, width - value_width, make_layout (context, value_width, PANGO_ALIGN_RIGHT,
                                                     value, STYLE_NUMBER, NULL, STYLE_BODY));
  block->keep_with_next = TRUE;

  return block;
}

static void
add_totals (PatronOrderReceipt *self,
            GtkPrintContext    *context,
            double              width)
{
  MedusaOrder *order = self->order;
  g_autofree char *discounts = g_strjoinv (", ", (char **) medusa_order_get_discount_codes (order));
  g_autofree char *gift_cards = g_strjoinv (", ",
                                            (char **) medusa_order_get_gift_card_codes (order));
  const char *currency = medusa_order_get_currency_code (order);
  g_autofree char *total = patron_format_money (medusa_order_get_total (order), currency);
  double label_x = width * 0.45;
  double value_width = width * 0.25;
  Block *block;

  block = add_total (self, context, width, _("Subtotal"), NULL,
                     medusa_order_get_subtotal (order), TRUE);
  block->space_before = SECTION_GAP / 2;
  add_total (self, context, width, _("Discounts"), discounts,
             -medusa_order_get_discount_total (order), FALSE);
  add_total (self, context, width, _("Gift Cards"), gift_cards,
             -medusa_order_get_gift_card_total (order), FALSE);
  add_total (self, context, width, _("Store Credit"), NULL,
             -medusa_order_get_credit_total (order), FALSE);
  add_total (self, context, width, C_("order total", "Shipping"), NULL,
             medusa_order_get_shipping_total (order), TRUE);
  add_total (self, context, width, _("Taxes"), NULL, medusa_order_get_tax_total (order), TRUE);

  block = add_block (self, ITEM_GAP * 2);
  add_cell (block, label_x, make_layout (context, width - label_x - value_width - COLUMN_GAP,
                                         PANGO_ALIGN_LEFT, _("Total"), STYLE_HEADING,
                                         NULL, STYLE_BODY));
  add_cell (block, width - value_width, make_layout (context, value_width, PANGO_ALIGN_RIGHT,
                                                     total, STYLE_NUMBER_STRONG,
                                                     NULL, STYLE_BODY));
  block->rule_above = TRUE;
  block->keep_with_next = TRUE;

  add_total (self, context, width, _("Refunded"), NULL,
             medusa_order_get_refunded_total (order), FALSE);

  /* the totals stay together, not with what follows */
  g_array_index (self->blocks, Block, self->blocks->len - 1).keep_with_next = FALSE;
}

static void
add_delivery (PatronOrderReceipt *self,
              GtkPrintContext    *context,
              double              width)
{
  MedusaOrder *order = self->order;
  const char *currency = medusa_order_get_currency_code (order);
  GListModel *methods = medusa_order_get_shipping_methods (order);
  GListModel *fulfillments = medusa_order_get_fulfillments (order);
  g_autofree char *address = address_text (medusa_order_get_shipping_address (order));
  g_autoptr(GString) method_text = g_string_new (NULL);
  double half = (width - COLUMN_GAP) / 2;
  double label_width = width * 0.3;
  Block *block;
  guint n_methods;
  guint n_parcels;
  guint n_more;

  n_methods = g_list_model_get_n_items (methods);
  for (guint i = 0; i < MIN (n_methods, PATRON_ORDER_LIST_SHOWN_MAX); i++)
    {
      g_autoptr(MedusaShippingMethod) method = g_list_model_get_item (methods, i);
      g_autofree char *price = patron_format_money (medusa_shipping_method_get_total (method),
                                                    currency);

      if (method_text->len > 0)
        g_string_append_c (method_text, '\n');
      /* Translators: a shipping method and its price, e.g. "Standard Shipping · USD 8.00" */
      g_string_append_printf (method_text, _("%s · %s"),
                              medusa_shipping_method_get_name (method), price);
    }
  n_more = n_methods - MIN (n_methods, PATRON_ORDER_LIST_SHOWN_MAX);
  if (n_more > 0)
    {
      g_string_append_c (method_text, '\n');
      g_string_append_printf (method_text, ngettext ("And %u more shipping method",
                                                     "And %u more shipping methods", n_more),
                              n_more);
    }
  if (method_text->len == 0)
    g_string_append (method_text, _("No shipping method"));

  block = add_block (self, SECTION_GAP);
  add_cell (block, 0, make_layout (context, half, PANGO_ALIGN_LEFT,
                                   _("Shipping Address"), STYLE_HEADING, address, STYLE_BODY));
  add_cell (block, half + COLUMN_GAP,
            make_layout (context, half, PANGO_ALIGN_LEFT, _("Shipping Method"), STYLE_HEADING,
                         method_text->str, STYLE_BODY));

  if (g_list_model_get_n_items (fulfillments) == 0)
    return;

  block = add_block (self, SECTION_GAP);
  add_cell (block, 0, make_layout (context, width, PANGO_ALIGN_LEFT,
                                   _("Parcels"), STYLE_HEADING, NULL, STYLE_BODY));
  block->keep_with_next = TRUE;

  n_parcels = g_list_model_get_n_items (fulfillments);
  for (guint i = 0; i < MIN (n_parcels, PATRON_ORDER_PARCELS_SHOWN_MAX); i++)
    {
      g_autoptr(MedusaFulfillment) fulfillment = g_list_model_get_item (fulfillments, i);
      GListModel *links = medusa_fulfillment_get_tracking_links (fulfillment);
      g_autofree char *title = g_strdup_printf (_("Parcel %u"), i + 1);
      g_autofree char *date = patron_format_local_time (
                                medusa_fulfillment_get_shipped_at (fulfillment), "%x");
      g_autofree char *shipped = date != NULL ? g_strdup_printf (_("Shipped on %s"), date)
                                              : g_strdup (C_("parcel", "Not shipped yet"));
      g_autoptr(GString) tracking = g_string_new (NULL);
      const char * const *numbers = medusa_fulfillment_get_tracking_numbers (fulfillment);
      guint n_tracking = g_list_model_get_n_items (links) + g_strv_length ((GStrv) numbers);
      guint n_shown = 0;

      /* v1 keeps the numbers in tracking_links, with a URL where the store gave one */
      for (guint j = 0;
           j < g_list_model_get_n_items (links) && n_shown < PATRON_ORDER_LIST_SHOWN_MAX;
           j++, n_shown++)
        {
          g_autoptr(MedusaTrackingLink) link = g_list_model_get_item (links, j);
          const char *url = medusa_tracking_link_get_url (link);

          if (tracking->len > 0)
            g_string_append_c (tracking, '\n');
          g_string_append (tracking, medusa_tracking_link_get_tracking_number (link));
          if (url != NULL && url[0] != '\0')
            g_string_append_printf (tracking, "\n%s", url);
        }
      for (const char * const *n = numbers;
           *n != NULL && n_shown < PATRON_ORDER_LIST_SHOWN_MAX; n++, n_shown++)
        {
          if (tracking->len > 0)
            g_string_append_c (tracking, '\n');
          g_string_append (tracking, *n);
        }
      if (n_shown < n_tracking)
        {
          g_string_append_c (tracking, '\n');
          g_string_append_printf (tracking, ngettext ("And %u more tracking number",
                                                      "And %u more tracking numbers",
                                                      n_tracking - n_shown),
                                  n_tracking - n_shown);
        }

      block = add_block (self, ITEM_GAP);
      add_cell (block, 0, make_layout (context, label_width, PANGO_ALIGN_LEFT,
                                       title, STYLE_STRONG, shipped, STYLE_DIM));
      add_cell (block, label_width + COLUMN_GAP,
                make_layout (context, width - label_width - COLUMN_GAP, PANGO_ALIGN_LEFT,
                             _("Tracking Numbers"), STYLE_DIM,
                             tracking->len > 0 ? tracking->str : _("None"), STYLE_NUMBER));
    }
  n_more = n_parcels - MIN (n_parcels, PATRON_ORDER_PARCELS_SHOWN_MAX);
  if (n_more > 0)
    {
      g_autofree char *more = g_strdup_printf (ngettext ("And %u more parcel",
                                                         "And %u more parcels", n_more),
                                               n_more);

      block = add_block (self, ITEM_GAP);
      add_cell (block, 0, make_layout (context, width, PANGO_ALIGN_LEFT,
                                       more, STYLE_DIM, NULL, STYLE_BODY));
    }
}

/* How much room block @i needs, with the blocks it keeps with */
static double
chain_height (PatronOrderReceipt *self,
              guint               i)
{
  Block *block = &g_array_index (self->blocks, Block, i);
  double height = block->height;

  while (block->keep_with_next && i + 1 < self->blocks->len)
    {
      block = &g_array_index (self->blocks, Block, ++i);
      height += block->space_before + block->height;
    }

  return height;
}

static void
paginate (PatronOrderReceipt *self)
{
  Block *heading = &g_array_index (self->blocks, Block, self->table_heading);
  double room = self->page_height - self->footer_height;
  double y = 0;
  guint page = 0;
  gboolean no = FALSE;

  g_array_set_size (self->repeats_heading, 0);
  g_array_append_val (self->repeats_heading, no);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);
      double need = chain_height (self, i);
      double gap = y > 0 ? block->space_before : 0;

      /* what can never fit on one page is at least not cut */
      if (need > room)
        need = block->height;

      block->first_on_page = FALSE;
      if (y > 0 && y + gap + need > room)
        {
          gboolean repeat = block->is_item;

          page++;
          g_array_append_val (self->repeats_heading, repeat);
          y = repeat ? heading->height + ITEM_GAP : 0;
          gap = 0;
          block->first_on_page = TRUE;
        }

      block->page = page;
      block->y = y + gap;
      y = block->y + block->height;
    }

  self->n_pages = page + 1;
}

static void
rule (cairo_t *cr,
      double   y,
      double   width,
      double   grey)
{
  cairo_set_source_rgb (cr, grey, grey, grey);
  cairo_set_line_width (cr, RULE_WIDTH);
  cairo_move_to (cr, 0, y);
  cairo_line_to (cr, width, y);
  cairo_stroke (cr);
}

static void
draw_block (cairo_t *cr,
            Block   *block,
            double   y,
            double   width)
{
  if (block->rule_above && !block->first_on_page)
    rule (cr, y - block->space_before / 2, width, block->is_item ? 0.82 : 0.3);

  for (guint i = 0; i < block->n_cells; i++)
    {
      cairo_set_source_rgb (cr, 0, 0, 0);
      cairo_move_to (cr, block->cells[i].x, y);
      pango_cairo_show_layout (cr, block->cells[i].layout);
    }

  if (block->rule_below)
    rule (cr, y + block->height + ITEM_GAP / 2, width, 0.3);
}

static void
patron_order_receipt_begin_print (GtkPrintOperation *operation,
                                  GtkPrintContext   *context)
{
  PatronOrderReceipt *self = PATRON_ORDER_RECEIPT (operation);
  double width = gtk_print_context_get_width (context);
  g_autoptr(PangoLayout) footer = NULL;
  int footer_height;

  g_array_set_size (self->blocks, 0);
  self->page_height = gtk_print_context_get_height (context);

  add_header (self, context, width);
  add_items (self, context, width);
  add_totals (self, context, width);
  add_delivery (self, context, width);

  footer = make_layout (context, width, PANGO_ALIGN_LEFT, "0", STYLE_DIM, NULL, STYLE_DIM);
  pango_layout_get_size (footer, NULL, &footer_height);
  self->footer_height = (double) footer_height / PANGO_SCALE + SECTION_GAP;

  paginate (self);
  gtk_print_operation_set_n_pages (operation, (int) self->n_pages);
}

static void
patron_order_receipt_draw_page (GtkPrintOperation *operation,
                                GtkPrintContext   *context,
                                int                page_nr)
{
  PatronOrderReceipt *self = PATRON_ORDER_RECEIPT (operation);
  cairo_t *cr = gtk_print_context_get_cairo_context (context);
  double width = gtk_print_context_get_width (context);
  g_autofree char *store = store_name (self->store_url);
  /* Translators: the foot of each printed page: the order and the store */
  g_autofree char *left = g_strdup_printf (_("Order #%s · %s"), self->number, store);
  /* Translators: the foot of each printed page, e.g. "Page 1 of 3" */
  g_autofree char *right = g_strdup_printf (_("Page %d of %d"), page_nr + 1,
                                           (int) self->n_pages);
  g_autoptr(PangoLayout) footer_left = NULL;
  g_autoptr(PangoLayout) footer_right = NULL;
  int footer_height;
  double footer_y;

  if (page_nr < 0 || (guint) page_nr >= self->n_pages)
    return;

  if (g_array_index (self->repeats_heading, gboolean, page_nr))
    draw_block (cr, &g_array_index (self->blocks, Block, self->table_heading), 0, width);

  for (guint i = 0; i < self->blocks->len; i++)
    {
      Block *block = &g_array_index (self->blocks, Block, i);

      if (block->page == (guint) page_nr)
        draw_block (cr, block, block->y, width);
    }

  footer_left = make_layout (context, width * 0.7, PANGO_ALIGN_LEFT, left, STYLE_DIM,
                             NULL, STYLE_DIM);
  footer_right = make_layout (context, width * 0.3 - COLUMN_GAP, PANGO_ALIGN_RIGHT, right,
                              STYLE_DIM, NULL, STYLE_DIM);
  pango_layout_set_height (footer_left, -1);
  pango_layout_get_size (footer_right, NULL, &footer_height);
  footer_y = self->page_height - (double) footer_height / PANGO_SCALE;
  rule (cr, footer_y - ITEM_GAP, width, 0.82);
  cairo_set_source_rgb (cr, 0, 0, 0);
  cairo_move_to (cr, 0, footer_y);
  pango_cairo_show_layout (cr, footer_left);
  cairo_move_to (cr, width * 0.7 + COLUMN_GAP, footer_y);
  pango_cairo_show_layout (cr, footer_right);
}

static void
patron_order_receipt_end_print (GtkPrintOperation *operation,
                                GtkPrintContext   *context)
{
  PatronOrderReceipt *self = PATRON_ORDER_RECEIPT (operation);

  g_array_set_size (self->blocks, 0);
}

static void
patron_order_receipt_finalize (GObject *object)
{
  PatronOrderReceipt *self = (PatronOrderReceipt *)object;

  g_clear_object (&self->order);
  g_clear_pointer (&self->store_url, g_free);
  g_clear_pointer (&self->number, g_free);
  g_clear_pointer (&self->blocks, g_array_unref);
  g_clear_pointer (&self->repeats_heading, g_array_unref);

  G_OBJECT_CLASS (patron_order_receipt_parent_class)->finalize (object);
}

static void
patron_order_receipt_class_init (PatronOrderReceiptClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkPrintOperationClass *operation_class = GTK_PRINT_OPERATION_CLASS (klass);

  object_class->finalize = patron_order_receipt_finalize;
  operation_class->begin_print = patron_order_receipt_begin_print;
  operation_class->draw_page = patron_order_receipt_draw_page;
  operation_class->end_print = patron_order_receipt_end_print;
}

static void
patron_order_receipt_init (PatronOrderReceipt *self)
{
  self->blocks = g_array_new (FALSE, TRUE, sizeof (Block));
  g_array_set_clear_func (self->blocks, (GDestroyNotify) block_clear);
  self->repeats_heading = g_array_new (FALSE, TRUE, sizeof (gboolean));

  gtk_print_operation_set_unit (GTK_PRINT_OPERATION (self), GTK_UNIT_POINTS);
  gtk_print_operation_set_embed_page_setup (GTK_PRINT_OPERATION (self), TRUE);
}

/**
 * patron_order_receipt_new:
 * @order: the order, with its items, totals and parcels
 * @store_url: (nullable): the store's address, printed at the top
 *
 * Returns: (transfer full): a print operation for @order: run it with
 *   gtk_print_operation_run()
 */
PatronOrderReceipt *
patron_order_receipt_new (MedusaOrder *order,
                          const char  *store_url)
{
  PatronOrderReceipt *self;
  g_autofree char *job = NULL;

  g_return_val_if_fail (MEDUSA_IS_ORDER (order), NULL);

  self = g_object_new (PATRON_TYPE_ORDER_RECEIPT, NULL);
  self->order = g_object_ref (order);
  self->store_url = g_strdup (store_url);
  self->number = g_strdup_printf ("%" G_GINT64_FORMAT, medusa_order_get_display_id (order));
  job = g_strdup_printf (_("Order #%s"), self->number);
  gtk_print_operation_set_job_name (GTK_PRINT_OPERATION (self), job);

  return self;
}

MedusaOrder *
patron_order_receipt_get_order (PatronOrderReceipt *self)
{
  g_return_val_if_fail (PATRON_IS_ORDER_RECEIPT (self), NULL);

  return self->order;
}
