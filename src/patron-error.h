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
  PATRON_ACTION_OTHER,
} PatronAction;

/* A file Patron was saving could not be written: the codes are
 * #GIOErrorEnum's, kept apart from G_IO_ERROR, which tells of the network */
#define PATRON_FILE_ERROR (patron_file_error_quark ())

/* The keyring could not be read (code 0): the message is the keyring's,
 * for the log */
#define PATRON_KEYRING_ERROR (patron_keyring_error_quark ())

GQuark  patron_file_error_quark    (void);
GQuark  patron_keyring_error_quark (void);
char   *patron_error_to_sentence   (const GError *error,
                                    PatronAction  action);

G_END_DECLS
