/* patron-credentials-dialog.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#pragma once

#include <adwaita.h>

#include "patron-session.h"

G_BEGIN_DECLS

typedef enum
{
  PATRON_CREDENTIALS_EMAIL,
  PATRON_CREDENTIALS_PASSWORD,
} PatronCredentials;

#define PATRON_TYPE_CREDENTIALS_DIALOG (patron_credentials_dialog_get_type ())

G_DECLARE_FINAL_TYPE (PatronCredentialsDialog, patron_credentials_dialog,
                      PATRON, CREDENTIALS_DIALOG, AdwWindow)

PatronCredentialsDialog *patron_credentials_dialog_new (GtkWindow         *parent,
                                                        PatronSession     *session,
                                                        PatronCredentials  what);

G_END_DECLS
