/* medusa-dialect-types.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <glib-object.h>

G_BEGIN_DECLS

/**
 * MedusaApiVersion:
 * @MEDUSA_API_VERSION_UNKNOWN: not known yet: medusa_client_detect_api_version_async() tells
 * @MEDUSA_API_VERSION_1: Medusa 1.x (`/store/auth`, amounts in minor units)
 * @MEDUSA_API_VERSION_2: Medusa 2.x (`/auth/customer/emailpass`, a publishable key,
 *   amounts in the currency's main unit)
 *
 * Which Store API a store speaks.
 */
typedef enum
{
  MEDUSA_API_VERSION_UNKNOWN,
  MEDUSA_API_VERSION_1,
  MEDUSA_API_VERSION_2,
} MedusaApiVersion;

/**
 * MedusaCapabilities:
 * @MEDUSA_CAPABILITY_NONE: none of these
 * @MEDUSA_CAPABILITY_EMAIL_EXISTS: the store says whether an email has an
 *   account before one registers (without it, registering says so)
 * @MEDUSA_CAPABILITY_COOKIE_SESSION: a session can be a cookie rather than a token
 * @MEDUSA_CAPABILITY_SERVER_SIGN_OUT: signing out ends the session on the store too
 * @MEDUSA_CAPABILITY_TOKEN_REFRESH: a token can be renewed before it expires
 * @MEDUSA_CAPABILITY_CHANGE_EMAIL: the customer can change their email
 * @MEDUSA_CAPABILITY_CHANGE_PASSWORD: the signed-in customer can set a new
 *   password (without it, only the reset email can)
 * @MEDUSA_CAPABILITY_ORDER_SEARCH: orders can be searched by text
 * @MEDUSA_CAPABILITY_ORDER_FULFILLMENT_FILTER: orders can be filtered by fulfilment status
 * @MEDUSA_CAPABILITY_ORDER_PAYMENT_FILTER: orders can be filtered by payment status
 * @MEDUSA_CAPABILITY_ORDER_DATE_FILTER: orders can be filtered by date
 * @MEDUSA_CAPABILITY_SEPARATE_BILLING_ADDRESS: the billing address is kept
 *   apart from the address book (without it, it is the address book's entry
 *   flagged as the default billing address)
 * @MEDUSA_CAPABILITY_SKIPS_DUPLICATE_ADDRESS: adding an address identical to
 *   one the customer has adds nothing, and the store says nothing of it
 *
 * What a store's Store API can do, where versions differ: the app hides or
 * explains what its store cannot do rather than failing.
 */
typedef enum /*< flags >*/
{
  MEDUSA_CAPABILITY_NONE = 0,
  MEDUSA_CAPABILITY_EMAIL_EXISTS = 1 << 0,
  MEDUSA_CAPABILITY_COOKIE_SESSION = 1 << 1,
  MEDUSA_CAPABILITY_SERVER_SIGN_OUT = 1 << 2,
  MEDUSA_CAPABILITY_TOKEN_REFRESH = 1 << 3,
  MEDUSA_CAPABILITY_CHANGE_EMAIL = 1 << 4,
  MEDUSA_CAPABILITY_CHANGE_PASSWORD = 1 << 5,
  MEDUSA_CAPABILITY_ORDER_SEARCH = 1 << 6,
  MEDUSA_CAPABILITY_ORDER_FULFILLMENT_FILTER = 1 << 7,
  MEDUSA_CAPABILITY_ORDER_PAYMENT_FILTER = 1 << 8,
  MEDUSA_CAPABILITY_ORDER_DATE_FILTER = 1 << 9,
  MEDUSA_CAPABILITY_SEPARATE_BILLING_ADDRESS = 1 << 10,
  MEDUSA_CAPABILITY_SKIPS_DUPLICATE_ADDRESS = 1 << 11,
} MedusaCapabilities;

G_END_DECLS
