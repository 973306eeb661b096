/* medusa-currency.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-currency"

#include "config.h"

#include "medusa-currency.h"

/**
 * medusa_currency_get_decimals:
 * @currency_code: (nullable): an ISO 4217 code, in either case
 *
 * Returns: how many decimals the currency's minor unit has (ISO 4217): 0 for
 *   the yen, 3 for the Bahraini dinar, 2 for most
 */
guint
medusa_currency_get_decimals (const char *currency_code)
{
  static const char * const none[] = {
    "bif", "clp", "djf", "gnf", "isk", "jpy", "kmf", "krw", "pyg", "rwf", "ugx", "uyi",
    "vnd", "vuv", "xaf", "xof", "xpf", NULL
  };
  static const char * const three[] = { "bhd", "iqd", "jod", "kwd", "lyd", "omr", "tnd", NULL };
  g_autofree char *code = g_ascii_strdown (currency_code != NULL ? currency_code : "", -1);

  if (g_strv_contains (none, code))
    return 0;
  if (g_strv_contains (three, code))
    return 3;
  return 2;
}
