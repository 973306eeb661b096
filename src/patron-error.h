/* patron-error.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <gio/gio.h>

G_BEGIN_DECLS

/* What the user was doing, which decides how a failure is worded. */
typedef enum
{
  PATRON_ACTION_CONNECT,
  PATRON_ACTION_SIGN_IN,
  PATRON_ACTION_REGISTER,
  PATRON_ACTION_REQUEST_RESET,
  PATRON_ACTION_RESET_PASSWORD,
  PATRON_ACTION_RESTORE,
  PATRON_ACTION_SAVE_ADDRESS,
  PATRON_ACTION_EXPORT,
  PATRON_ACTION_OTHER,
} PatronAction;

char *patron_error_to_sentence (const GError *error,
                                PatronAction  action);

G_END_DECLS
