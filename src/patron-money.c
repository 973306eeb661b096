/* patron-money.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-money"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <stdio.h>

#include "medusa-currency.h"
#include "patron-money.h"
#include "patron-text.h"

/* what an amount shows of a currency code at most */
#define PATRON_CURRENCY_CODE_MAX 8

/**
 * patron_currency_decimals:
 *
 * Returns: how many decimals the currency's minor unit has (ISO 4217): 0 for
 *   the yen, 3 for the Bahraini dinar, 2 for most
 */
guint
patron_currency_decimals (const char *currency_code)
{
  return medusa_currency_get_decimals (currency_code);
}

/* whole and fractional parts apart: no rounding through a double */
static void
format_magnitude (gint64      minor_units,
                  guint       decimals,
                  gboolean    localized,
                  char       *number,
                  gsize       size)
{
  guint64 scale = 1;
  guint64 magnitude = minor_units < 0 ? (guint64) (-(minor_units + 1)) + 1
                                      : (guint64) minor_units;

  for (guint i = 0; i < decimals; i++)
    scale *= 10;

  if (decimals == 0)
    g_snprintf (number, size, localized ? "%'" G_GUINT64_FORMAT : "%" G_GUINT64_FORMAT,
                magnitude);
  else if (localized)
    {
      struct lconv *conv = localeconv ();
      const char *point = conv->decimal_point != NULL && conv->decimal_point[0] != '\0'
                          ? conv->decimal_point : ".";

      g_snprintf (number, size, "%'" G_GUINT64_FORMAT "%s%0*" G_GUINT64_FORMAT,
                  magnitude / scale, point, (int) decimals, magnitude % scale);
    }
  else
    g_snprintf (number, size, "%" G_GUINT64_FORMAT ".%0*" G_GUINT64_FORMAT,
                magnitude / scale, (int) decimals, magnitude % scale);
}

/**
 * patron_format_money:
 * @minor_units: an amount in the currency's minor unit, as Medusa sends it
 * @currency_code: the ISO 4217 code, in either case
 *
 * Returns: (transfer full): the amount with the currency, digits grouped and
 *   the decimal mark as the user's locale writes them, e.g. "USD 1,234.50"
 */
char *
patron_format_money (gint64      minor_units,
                     const char *currency_code)
{
  guint decimals = patron_currency_decimals (currency_code);
  /* ISO 4217 codes have three letters; a store can send anything */
  g_autofree char *clipped = patron_text_clip (currency_code, PATRON_CURRENCY_CODE_MAX);
  g_autofree char *code = g_ascii_strup (clipped, -1);
  char number[64];

  format_magnitude (minor_units, decimals, TRUE, number, sizeof number);

  if (minor_units < 0)
    /* Translators: a negative amount of money: %1$s is the currency code, %2$s the
     * number, e.g. "−USD 1,234.50"; write "−%2$s %1$s" to put the number first */
    return g_strdup_printf (_("−%s %s"), code, number);

  /* Translators: an amount of money: %1$s is the currency code, %2$s the number,
   * e.g. "USD 1,234.50"; write "%2$s %1$s" to put the number first */
  return g_strdup_printf (C_("amount of money", "%s %s"), code, number);
}

/**
 * patron_format_local_time:
 * @date: (nullable): a moment, in any time zone
 * @format: as for g_date_time_format(), e.g. "%x" for the locale's date
 *
 * Returns: (transfer full) (nullable): @date in the user's time zone and
 *   locale, or %NULL without a @date
 */
char *
patron_format_local_time (GDateTime  *date,
                          const char *format)
{
  g_autoptr(GDateTime) local = NULL;

  if (date == NULL)
    return NULL;

  local = g_date_time_to_local (date);
  return g_date_time_format (local, format);
}

typedef struct
{
  const char *status;
  const char *word;
} StatusWord;

/* A status as the customer reads it; one Patron does not know yet as the
 * store spells it, rather than nothing. A context each: alone, “Shipped” or
 * “Refunded” is ambiguous to a translator. */
static const char *
status_word (const StatusWord *words,
             gsize             n_words,
             const char       *context,
             const char       *status)
{
  for (gsize i = 0; i < n_words; i++)
    if (g_strcmp0 (status, words[i].status) == 0)
      return g_dpgettext2 (NULL, context, words[i].word);
  return status != NULL ? status : "";
}

/**
 * patron_format_decimal:
 * @minor_units: an amount in the currency's minor unit
 * @currency_code: the ISO 4217 code, in either case
 *
 * For files other programs read: whatever the user's locale, no grouping,
 * '.' as the decimal mark, as many decimals as the currency has.
 *
 * Returns: (transfer full): the amount in major units, e.g. "1234.50",
 *   "-0.05" or "1500" for yen
 */
char *
patron_format_decimal (gint64      minor_units,
                       const char *currency_code)
{
  char number[64];

  format_magnitude (minor_units, patron_currency_decimals (currency_code), FALSE,
                    number, sizeof number);

  return g_strconcat (minor_units < 0 ? "-" : "", number, NULL);
}

/**
 * patron_order_status_word:
 *
 * Returns: the order status as the customer reads it
 */
const char *
patron_order_status_word (const char *status)
{
  static const StatusWord words[] = {
    { "pending", NC_("order status", "Placed") },
    { "completed", NC_("order status", "Completed") },
    { "archived", NC_("order status", "Archived") },
    { "draft", NC_("order status", "Draft") },
    { "canceled", NC_("order status", "Canceled") },
    { "requires_action", NC_("order status", "Needs attention") },
  };

  return status_word (words, G_N_ELEMENTS (words), "order status", status);
}

const char *
patron_fulfillment_word (const char *status)
{
  static const StatusWord words[] = {
    { "not_fulfilled", NC_("shipping status", "Not shipped yet") },
    { "partially_fulfilled", NC_("shipping status", "Partly packed") },
    { "fulfilled", NC_("shipping status", "Packed") },
    { "partially_shipped", NC_("shipping status", "Partly shipped") },
    { "shipped", NC_("shipping status", "Shipped") },
    { "partially_returned", NC_("shipping status", "Partly returned") },
    { "returned", NC_("shipping status", "Returned") },
    { "partially_delivered", NC_("shipping status", "Partly delivered") },
    { "delivered", NC_("shipping status", "Delivered") },
    { "canceled", NC_("shipping status", "Shipping canceled") },
    { "requires_action", NC_("shipping status", "Shipping needs attention") },
  };

  return status_word (words, G_N_ELEMENTS (words), "shipping status", status);
}

const char *
patron_payment_word (const char *status)
{
  static const StatusWord words[] = {
    { "not_paid", NC_("payment status", "Not paid") },
    { "awaiting", NC_("payment status", "Payment pending") },
    { "authorized", NC_("payment status", "Payment authorized") },
    { "partially_authorized", NC_("payment status", "Partly authorized") },
    { "captured", NC_("payment status", "Paid") },
    { "partially_captured", NC_("payment status", "Partly paid") },
    { "partially_refunded", NC_("payment status", "Partly refunded") },
    { "refunded", NC_("payment status", "Refunded") },
    { "canceled", NC_("payment status", "Payment canceled") },
    { "requires_action", NC_("payment status", "Payment needs attention") },
  };

  return status_word (words, G_N_ELEMENTS (words), "payment status", status);
}

/**
 * patron_refund_reason_word:
 *
 * Returns: why the store refunded, as the customer reads it
 */
const char *
patron_refund_reason_word (const char *reason)
{
  static const StatusWord words[] = {
    { "discount", NC_("refund reason", "Discount") },
    { "return", NC_("refund reason", "Return") },
    { "swap", NC_("refund reason", "Exchange") },
    { "claim", NC_("refund reason", "Claim") },
    { "other", NC_("refund reason", "Other reason") },
  };

  return status_word (words, G_N_ELEMENTS (words), "refund reason", reason);
}
