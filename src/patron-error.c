/* patron-error.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-error"

#include "config.h"

#include <glib/gi18n.h>

#include "medusa.h"
#include "patron-error.h"

G_DEFINE_QUARK (patron-file-error-quark, patron_file_error)
G_DEFINE_QUARK (patron-keyring-error-quark, patron_keyring_error)

static const char *
file_sentence (const GError *error)
{
  switch (error->code)
    {
    case G_IO_ERROR_NOT_FOUND:
      return _("The folder to save in is not there. Choose another.");
    case G_IO_ERROR_PERMISSION_DENIED:
    case G_IO_ERROR_READ_ONLY:
      return _("Patron may not save in this folder. Choose another.");
    case G_IO_ERROR_NO_SPACE:
      return _("There is no room left to save the file. Make room or choose another place.");
    case G_IO_ERROR_IS_DIRECTORY:
      return _("A folder has this name already. Choose another name.");
    case G_IO_ERROR_INVALID_FILENAME:
    case G_IO_ERROR_FILENAME_TOO_LONG:
      return _("This file name cannot be used. Choose another.");
    default:
      return _("The file could not be saved. Choose another place.");
    }
}

static const char *
network_sentence (const GError *error)
{
  if (g_error_matches (error, G_TLS_ERROR, G_TLS_ERROR_BAD_CERTIFICATE))
    return _("The store’s security certificate is not valid, so Patron did not send anything. "
             "Check the address.");

  /* no certificate to blame: e.g. https:// to a server that does not speak TLS */
  if (error->domain == G_TLS_ERROR)
    return _("Patron could not make a secure connection to the store, so it did not send "
             "anything. Check the address.");

  if (error->domain == G_RESOLVER_ERROR)
    return _("Patron could not find the store. Check the address and your connection.");

  if (error->domain == G_IO_ERROR)
    {
      switch (error->code)
        {
        case G_IO_ERROR_TIMED_OUT:
          return _("The store did not answer in time. Try again in a moment.");
        case G_IO_ERROR_CONNECTION_REFUSED:
        case G_IO_ERROR_HOST_UNREACHABLE:
        case G_IO_ERROR_NETWORK_UNREACHABLE:
        case G_IO_ERROR_HOST_NOT_FOUND:
          return _("Patron cannot reach the store. Check the address and your connection.");
        default:
          return _("The connection to the store failed. Check your connection and try again.");
        }
    }

  return NULL;
}

/**
 * patron_error_to_sentence:
 * @error: what went wrong
 * @action: what the user was doing
 *
 * A human sentence for @error, never a raw server message.
 *
 * Returns: (transfer full): the sentence
 */
char *
patron_error_to_sentence (const GError *error,
                          PatronAction  action)
{
  const char *sentence = NULL;

  g_return_val_if_fail (error != NULL, NULL);

  if (error->domain == PATRON_FILE_ERROR)
    return g_strdup (file_sentence (error));

  if (error->domain == PATRON_KEYRING_ERROR)
    return g_strdup (_("The keyring could not be read, so a session kept in it could not be "
                       "resumed. Sign in to go on."));

  if ((sentence = network_sentence (error)) != NULL)
    return g_strdup (sentence);

  if (error->domain != MEDUSA_ERROR)
    return g_strdup (_("Something went wrong. Try again."));

  switch ((MedusaError) error->code)
    {
    case MEDUSA_ERROR_UNAUTHORIZED:
      if (action == PATRON_ACTION_SIGN_IN)
        sentence = _("The email address or the password is not right.");
      else
        sentence = _("Your session has ended. Please sign in again.");
      break;

    case MEDUSA_ERROR_DUPLICATE:
      sentence = action == PATRON_ACTION_REGISTER
        ? _("An account with this email address exists already. Sign in instead.")
        : _("This exists already.");
      break;

    case MEDUSA_ERROR_INVALID_DATA:
      switch (action)
        {
        case PATRON_ACTION_REGISTER:
          sentence = _("The store did not accept these details. Check the email address and "
                       "the password.");
          break;
        case PATRON_ACTION_REQUEST_RESET:
          sentence = _("Enter the email address of your account.");
          break;
        case PATRON_ACTION_CONNECT:
          sentence = _("This is not a valid store address.");
          break;
        case PATRON_ACTION_SIGN_IN:
        case PATRON_ACTION_RESET_PASSWORD:
        case PATRON_ACTION_RESTORE:
        case PATRON_ACTION_SAVE_ADDRESS:
        case PATRON_ACTION_OTHER:
        default:
          sentence = _("The store did not accept these details.");
          break;
        }
      break;

    case MEDUSA_ERROR_INVALID_TOKEN:
      sentence = _("This reset link is wrong, used already or expired. Ask for a new email.");
      break;

    case MEDUSA_ERROR_NOT_FOUND:
      if (action == PATRON_ACTION_CONNECT)
        sentence = _("There is no Medusa store at this address.");
      else if (action == PATRON_ACTION_SAVE_ADDRESS)
        sentence = _("The store does not ship to this country.");
      else
        sentence = _("The store does not know this.");
      break;

    case MEDUSA_ERROR_INVALID_RESPONSE:
      sentence = action == PATRON_ACTION_CONNECT
        ? _("This address does not answer like a Medusa store.")
        : _("The store sent an answer Patron does not understand.");
      break;

    case MEDUSA_ERROR_NOT_SUPPORTED:
      sentence = action == PATRON_ACTION_CONNECT
        ? _("This address does not answer like a Medusa store.")
        : _("This store does not offer this.");
      break;

    case MEDUSA_ERROR_KEY_REQUIRED:
      sentence = _("This store needs its publishable API key. The store’s owner finds it in "
                   "the store’s admin, under Settings → Publishable API Keys.");
      break;

    case MEDUSA_ERROR_RESPONSE_TOO_LARGE:
      sentence = _("The store sent far more than expected, so Patron stopped reading.");
      break;

    case MEDUSA_ERROR_SERVER_ERROR:
      sentence = _("The store has a problem right now. Try again in a moment.");
      break;

    case MEDUSA_ERROR_REDIRECTED:
      sentence = action == PATRON_ACTION_CONNECT
        ? _("This address sends Patron on to another one. Enter the store’s own address.")
        : _("The store sent Patron to another address. Patron does not follow it, so that "
            "your session stays with the store.");
      break;

    case MEDUSA_ERROR_UNCONFIRMED:
      if (action == PATRON_ACTION_REGISTER)
        sentence = _("Your account has probably been made, but the store’s answer came back "
                     "broken. Try signing in.");
      else if (action == PATRON_ACTION_RESET_PASSWORD)
        sentence = _("Your new password has probably been set, but the store’s answer came "
                     "back broken. Try signing in with it.");
      else
        sentence = _("The change has probably reached the store, but its answer came back "
                     "broken. Check your account before you try again.");
      break;

    case MEDUSA_ERROR_NOT_ALLOWED:
    case MEDUSA_ERROR_CONFLICT:
    case MEDUSA_ERROR_FAILED:
    default:
      sentence = action == PATRON_ACTION_CONNECT
        ? _("This address does not answer like a Medusa store.")
        : _("The store refused this. Try again.");
      break;
    }

  return g_strdup (sentence);
}
