/* medusa-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

#define MEDUSA_ERROR (medusa_error_quark ())

/**
 * MedusaError:
 * @MEDUSA_ERROR_INVALID_DATA: the store refused the request's data (400)
 * @MEDUSA_ERROR_UNAUTHORIZED: not signed in, wrong password or an expired token (401)
 * @MEDUSA_ERROR_NOT_ALLOWED: the store does not allow this (403)
 * @MEDUSA_ERROR_NOT_FOUND: what was asked for does not exist (404)
 * @MEDUSA_ERROR_CONFLICT: the request conflicts with another one (409)
 * @MEDUSA_ERROR_DUPLICATE: the thing exists already, e.g. an account with that email (422)
 * @MEDUSA_ERROR_SERVER_ERROR: the store failed (5xx)
 * @MEDUSA_ERROR_INVALID_RESPONSE: the answer was not what the Store API sends
 * @MEDUSA_ERROR_RESPONSE_TOO_LARGE: the answer was larger than Patron accepts
 * @MEDUSA_ERROR_INVALID_TOKEN: a password-reset token is wrong, used or expired
 * @MEDUSA_ERROR_NOT_SUPPORTED: the store does not offer this call
 * @MEDUSA_ERROR_FAILED: any other HTTP failure
 * @MEDUSA_ERROR_UNCONFIRMED: the store answered a change (a save, a
 *   registration, a new password) with success, but the rest of its answer
 *   was broken: the change has probably been made
 * @MEDUSA_ERROR_KEY_REQUIRED: the store (Medusa v2) wants its publishable API
 *   key with the call, or does not know the one given (400 `not_allowed`)
 * @MEDUSA_ERROR_REDIRECTED: the store answered with a redirect (3xx), which
 *   the client does not follow: the call's token and key would go with it
 *   to an address that is not the store's
 *
 * Network faults are not mapped: they come as the #GIOError, #GResolverError
 * or #GTlsError that GIO reports.
 */
typedef enum
{
  MEDUSA_ERROR_INVALID_DATA,
  MEDUSA_ERROR_UNAUTHORIZED,
  MEDUSA_ERROR_NOT_ALLOWED,
  MEDUSA_ERROR_NOT_FOUND,
  MEDUSA_ERROR_CONFLICT,
  MEDUSA_ERROR_DUPLICATE,
  MEDUSA_ERROR_SERVER_ERROR,
  MEDUSA_ERROR_INVALID_RESPONSE,
  MEDUSA_ERROR_RESPONSE_TOO_LARGE,
  MEDUSA_ERROR_INVALID_TOKEN,
  MEDUSA_ERROR_NOT_SUPPORTED,
  MEDUSA_ERROR_FAILED,
  MEDUSA_ERROR_UNCONFIRMED,
  MEDUSA_ERROR_KEY_REQUIRED,
  MEDUSA_ERROR_REDIRECTED,
} MedusaError;

GQuark      medusa_error_quark           (void);
guint       medusa_error_get_http_status (const GError  *error);
const char *medusa_error_get_server_type (const GError  *error);
const char *medusa_error_get_server_code (const GError  *error);
gboolean    medusa_error_from_response   (guint          status,
                                          const char    *content_type,
                                          GBytes        *body,
                                          GError       **error);
void        medusa_error_set_details     (GError        *error,
                                          guint          status,
                                          const char    *server_type,
                                          const char    *server_code);

G_END_DECLS
