/* patron-money.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib.h>

G_BEGIN_DECLS

guint       patron_currency_decimals     (const char *currency_code);
char       *patron_format_money          (gint64      minor_units,
                                          const char *currency_code);
char       *patron_format_decimal        (gint64      minor_units,
                                          const char *currency_code);
char       *patron_format_local_time     (GDateTime  *date,
                                          const char *format);
const char *patron_order_status_word     (const char *status);
const char *patron_fulfillment_word      (const char *status);
const char *patron_payment_word          (const char *status);
const char *patron_refund_reason_word    (const char *reason);

G_END_DECLS
