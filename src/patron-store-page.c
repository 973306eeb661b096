/* patron-store-page.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-store-page"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include "medusa.h"
#include "patron-application.h"
#include "patron-error.h"
#include "patron-form.h"
#include "patron-settings.h"
#include "patron-store-api.h"
#include "patron-secrets.h"
#include "patron-store-page.h"
#include "patron-stores.h"
#include "patron-text.h"

struct _PatronStorePage
{
  AdwBin        parent_instance;

  GCancellable *cancellable;
  MedusaClient *probe;
  GSettings    *settings;

  GtkWidget    *form;
  AdwEntryRow  *url_row;
  AdwEntryRow  *key_row;
  GtkLabel     *error_label;
  GtkWidget    *spinner;
  GtkWidget    *back_button;
  AdwPreferencesGroup *stores_group;

  GPtrArray    *store_rows;
  GHashTable   *kept;           /* the stores with a kept session */
  GCancellable *kept_cancellable;

  gboolean      consent_pending;
  guint         consent_source;
};

G_DEFINE_FINAL_TYPE (PatronStorePage, patron_store_page, ADW_TYPE_BIN)

/**
 * patron_store_url_normalize:
 * @text: what the user typed, e.g. "shop.example.com/"
 *
 * Returns: (transfer full): the address with a scheme and without trailing
 *   slashes: https:// is assumed where none was typed
 */
char *
patron_store_url_normalize (const char *text)
{
  g_autofree char *stripped = g_strstrip (g_strdup (text != NULL ? text : ""));
  g_autofree char *url = NULL;
  gsize length;

  if (stripped[0] != '\0' && strstr (stripped, "://") == NULL)
    url = g_strconcat ("https://", stripped, NULL);
  else
    url = g_steal_pointer (&stripped);

  length = strlen (url);
  while (length > 0 && url[length - 1] == '/')
    url[--length] = '\0';

  return g_steal_pointer (&url);
}

/**
 * patron_store_url_is_loopback:
 *
 * Returns: %TRUE if @url names this machine, where plain http is harmless
 */
gboolean
patron_store_url_is_loopback (const char *url)
{
  g_autoptr(GUri) uri = g_uri_parse (url, G_URI_FLAGS_NONE, NULL);
  g_autoptr(GInetAddress) address = NULL;
  const char *host;

  if (uri == NULL || (host = g_uri_get_host (uri)) == NULL)
    return FALSE;

  if (g_ascii_strcasecmp (host, "localhost") == 0)
    return TRUE;

  address = g_inet_address_new_from_string (host);
  return address != NULL && g_inet_address_get_is_loopback (address);
}

static gboolean
url_is_plain_http (const char *url)
{
  return g_ascii_strncasecmp (url, "http://", 7) == 0;
}

static void
probe_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PatronStorePage) self = user_data;
  g_autoptr(GListModel) regions = NULL;
  g_autoptr(GError) error = NULL;

  regions = medusa_client_list_regions_finish (MEDUSA_CLIENT (object), result, &error);
  /* left, gone or asked again: whoever cancelled cares for the form */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  patron_form_set_busy (self->form, self->spinner, FALSE);
  if (regions == NULL)
    {
      /* a v2 store without its publishable key, or with a wrong one */
      if (g_error_matches (error, MEDUSA_ERROR, MEDUSA_ERROR_KEY_REQUIRED) &&
          !g_cancellable_is_cancelled (self->cancellable))
        {
          gtk_widget_set_visible (GTK_WIDGET (self->key_row), TRUE);
          gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
        }
      patron_form_show_failure (self->error_label, error, PATRON_ACTION_CONNECT);
      return;
    }

  patron_store_api_remember (self->settings, MEDUSA_CLIENT (object));
  gtk_widget_activate_action (GTK_WIDGET (self), "win.use-store", "s",
                              medusa_client_get_base_url (MEDUSA_CLIENT (object)));
}

static void
detect_cb (GObject      *object,
           GAsyncResult *result,
           gpointer      user_data)
{
  g_autoptr(PatronStorePage) self = user_data;
  g_autoptr(GError) error = NULL;
  MedusaClient *probe = MEDUSA_CLIENT (object);
  MedusaApiVersion version;

  version = medusa_client_detect_api_version_finish (probe, result, &error);
  /* a newer probe, or the page went away: nothing here is this one's */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  if (version == MEDUSA_API_VERSION_UNKNOWN)
    {
      patron_form_set_busy (self->form, self->spinner, FALSE);
      patron_form_show_failure (self->error_label, error, PATRON_ACTION_CONNECT);
      return;
    }

  medusa_client_list_regions_async (probe, self->cancellable, probe_cb, g_object_ref (self));
}

/* Which Store API the store speaks (once per store: it is remembered),
 * then its regions: a Medusa store answers GET /store/regions with them,
 * which tells it from any other web site, and a v2 store wants its
 * publishable key for it. */
static void
probe_store (PatronStorePage *self,
             const char      *url)
{
  g_autofree char *key = NULL;

  patron_form_show_error (self->error_label, NULL);
  patron_form_set_busy (self->form, self->spinner, TRUE);

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  g_clear_object (&self->probe);
  self->probe = medusa_client_new (url);
  medusa_client_set_timeout (self->probe, 15);
  patron_store_api_apply (self->settings, self->probe);
  key = patron_form_dup_text (GTK_EDITABLE (self->key_row));
  if (gtk_widget_get_visible (GTK_WIDGET (self->key_row)) && key != NULL && key[0] != '\0')
    {
      if (!patron_store_api_key_is_valid (key))
        {
          patron_form_set_busy (self->form, self->spinner, FALSE);
          patron_form_show_error (self->error_label,
                                  _("This is not a publishable API key: such a key is one "
                                    "word of letters, digits and “_”, such as pk_0123…"));
          gtk_widget_grab_focus (GTK_WIDGET (self->key_row));
          return;
        }
      medusa_client_set_publishable_key (self->probe, key);
    }

  if (medusa_client_get_api_version (self->probe) == MEDUSA_API_VERSION_UNKNOWN)
    medusa_client_detect_api_version_async (self->probe, self->cancellable, detect_cb,
                                            g_object_ref (self));
  else
    medusa_client_list_regions_async (self->probe, self->cancellable, probe_cb,
                                      g_object_ref (self));
}

/**
 * patron_store_url_needs_consent:
 * @settings: Patron's settings, which keep the stores the user accepted
 *   unencrypted
 * @url: a store's address, from wherever it came
 *
 * The one check for every way to a store (the command line, the settings
 * at start, the store page, a link): a store elsewhere than this machine
 * that does not use https needs the user's explicit "Connect Anyway" first,
 * since a password sent there travels unencrypted.
 *
 * Returns: %TRUE if @url must not be used before the user accepts it
 */
gboolean
patron_store_url_needs_consent (GSettings  *settings,
                                const char *url)
{
  g_autofree char *normalized = patron_store_url_normalize (url);
  g_auto(GStrv) accepted = NULL;

  g_return_val_if_fail (G_IS_SETTINGS (settings), TRUE);

  if (!url_is_plain_http (normalized) || patron_store_url_is_loopback (normalized))
    return FALSE;

  accepted = g_settings_get_strv (settings, "insecure-stores");
  return !g_strv_contains ((const char * const *) accepted, normalized);
}

/* The user's choice to use this unencrypted store is remembered. */
static void
accept_insecure (PatronStorePage *self,
                 const char      *url)
{
  g_auto(GStrv) accepted = g_settings_get_strv (self->settings, "insecure-stores");
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  g_auto(GStrv) updated = NULL;

  if (g_strv_contains ((const char * const *) accepted, url))
    return;

  g_strv_builder_addv (builder, (const char **) accepted);
  g_strv_builder_add (builder, url);
  updated = g_strv_builder_end (builder);
  g_settings_set_strv (self->settings, "insecure-stores", (const char * const *) updated);
}

static void
insecure_response_cb (AdwMessageDialog *dialog,
                      const char       *response,
                      gpointer          user_data)
{
  g_autoptr(PatronStorePage) self = user_data;
  g_autofree char *url = NULL;

  if (g_strcmp0 (response, "connect") != 0)
    return;

  url = patron_store_url_normalize (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  accept_insecure (self, url);
  probe_store (self, url);
}

static void
ask_consent (PatronStorePage *self,
             const char      *url)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  g_autofree char *shown = patron_text_clip (url, PATRON_TEXT_MAX_SHOWN);
  AdwMessageDialog *dialog;

  dialog = ADW_MESSAGE_DIALOG (adw_message_dialog_new (GTK_IS_WINDOW (root) ? GTK_WINDOW (root)
                                                                             : NULL,
                                                       _("Connect Without Encryption?"),
                                                       NULL));
  /* Translators: %s is the store's web address */
  adw_message_dialog_format_body (dialog,
                                  _("%s does not use https. Your password and everything "
                                    "about your account would travel unencrypted, where "
                                    "others on the network can read it."), shown);
  adw_message_dialog_add_responses (dialog,
                                    "cancel", _("_Cancel"),
                                    "connect", _("Connect _Anyway"),
                                    NULL);
  adw_message_dialog_set_response_appearance (dialog, "connect",
                                              ADW_RESPONSE_DESTRUCTIVE);
  adw_message_dialog_set_default_response (dialog, "cancel");
  adw_message_dialog_set_close_response (dialog, "cancel");
  g_signal_connect (dialog, "response", G_CALLBACK (insecure_response_cb),
                    g_object_ref (self));
  gtk_window_present (GTK_WINDOW (dialog));
}

static void
submit_cb (PatronStorePage *self)
{
  g_autofree char *url = NULL;
  g_autoptr(GError) error = NULL;

  if (!gtk_widget_get_sensitive (self->form) ||
      !patron_form_check_lengths (self->error_label, GTK_EDITABLE (self->url_row), NULL))
    return;

  url = patron_store_url_normalize (gtk_editable_get_text (GTK_EDITABLE (self->url_row)));
  if (!medusa_client_check_base_url (url, &error))
    {
      g_autofree char *sentence = NULL;

      /* Translators: %s says what is wrong, e.g. "The address has no host name" */
      sentence = g_strdup_printf (_("This is not a web address a store can have: %s"),
                                  error->message);

      patron_form_show_error (self->error_label, sentence);
      gtk_widget_grab_focus (GTK_WIDGET (self->url_row));
      return;
    }

  if (patron_store_url_needs_consent (self->settings, url))
    {
      /* the question is about this address: an earlier one's failure goes */
      patron_form_show_error (self->error_label, NULL);
      ask_consent (self, url);
      return;
    }

  probe_store (self, url);
}

/* A store's address and Store API, and whether a session is kept there:
 * whether, not whose, as nothing of a customer shows outside their visit. */
static char *
store_subtitle (PatronStorePage *self,
                const char      *url)
{
  g_autofree char *address = patron_text_clip (url, PATRON_TEXT_MAX_SHOWN);
  GString *subtitle = g_string_new (address);

  if (patron_stores_api_version (self->settings, url) == 2)
    g_string_append (subtitle, _(" · Medusa 2"));
  if (self->kept != NULL && g_hash_table_contains (self->kept, url))
    {
      g_string_append_c (subtitle, '\n');
      g_string_append (subtitle, _("Kept signed in"));
    }

  return g_string_free (subtitle, FALSE);
}

static void
update_subtitles (PatronStorePage *self)
{
  for (guint i = 0; i < self->store_rows->len; i++)
    {
      AdwActionRow *row = g_ptr_array_index (self->store_rows, i);
      g_autofree char *subtitle = store_subtitle (self, g_object_get_data (G_OBJECT (row),
                                                                           "patron-store"));

      adw_action_row_set_subtitle (row, subtitle);
    }
}

/* One row per remembered store: its name and store_subtitle(); a click
 * goes there, its button forgets it. */
static void
update_stores (PatronStorePage *self)
{
  g_auto(GStrv) stores = patron_stores_list (self->settings);

  for (guint i = 0; i < self->store_rows->len; i++)
    adw_preferences_group_remove (self->stores_group, g_ptr_array_index (self->store_rows, i));
  g_ptr_array_set_size (self->store_rows, 0);

  for (guint i = 0; stores[i] != NULL; i++)
    {
      g_autofree char *name = patron_stores_display_name (stores[i]);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *forget = gtk_button_new_from_icon_name ("user-trash-symbolic");
      g_autofree char *forget_name = NULL;

      g_object_set_data_full (G_OBJECT (row), "patron-store", g_strdup (stores[i]), g_free);
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), name);
      adw_action_row_set_subtitle_lines (ADW_ACTION_ROW (row), 3);
      gtk_list_box_row_set_activatable (GTK_LIST_BOX_ROW (row), TRUE);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (row), "win.switch-store");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (row), "s", stores[i]);

      gtk_widget_set_valign (forget, GTK_ALIGN_CENTER);
      gtk_widget_add_css_class (forget, "flat");
      gtk_widget_set_tooltip_text (forget, _("Forget Store"));
      /* Translators: %s is a store's host name */
      forget_name = g_strdup_printf (_("Forget %s"), name);
      gtk_accessible_update_property (GTK_ACCESSIBLE (forget),
                                      GTK_ACCESSIBLE_PROPERTY_LABEL, forget_name, -1);
      gtk_actionable_set_action_name (GTK_ACTIONABLE (forget), "win.forget-store-at");
      gtk_actionable_set_action_target (GTK_ACTIONABLE (forget), "s", stores[i]);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), forget);

      adw_preferences_group_add (self->stores_group, row);
      g_ptr_array_add (self->store_rows, row);
    }

  update_subtitles (self);
  gtk_widget_set_visible (GTK_WIDGET (self->stores_group), self->store_rows->len > 0);
}

static void
kept_listed_cb (GObject      *object,
                GAsyncResult *result,
                gpointer      user_data)
{
  g_autoptr(PatronStorePage) self = user_data;
  g_autoptr(GHashTable) kept = NULL;
  g_autoptr(GError) error = NULL;

  kept = patron_secrets_list_kept_finish (result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (kept == NULL)
    {
      /* the list shows the stores all the same */
      g_debug ("Could not list the kept sessions: %s", error->message);
      return;
    }

  g_clear_pointer (&self->kept, g_hash_table_unref);
  self->kept = g_steal_pointer (&kept);
  update_subtitles (self);
}

/* the key, or --counter */
static gboolean
in_counter_mode (PatronStorePage *self)
{
  GtkRoot *root = gtk_widget_get_root (GTK_WIDGET (self));
  GtkApplication *app = GTK_IS_WINDOW (root) ? gtk_window_get_application (GTK_WINDOW (root))
                                             : NULL;

  if (PATRON_IS_APPLICATION (app))
    return patron_application_get_counter_mode (PATRON_APPLICATION (app));

  return g_settings_get_boolean (self->settings, "counter-mode");
}

/* Which stores keep a session, asked of the keyring whenever the page is
 * shown; never in counter mode, where nobody's is kept or shown. */
static void
list_kept (PatronStorePage *self)
{
  g_cancellable_cancel (self->kept_cancellable);
  g_clear_object (&self->kept_cancellable);
  g_clear_pointer (&self->kept, g_hash_table_unref);
  update_subtitles (self);
  if (in_counter_mode (self))
    return;

  self->kept_cancellable = g_cancellable_new ();
  patron_secrets_list_kept_async (self->kept_cancellable, kept_listed_cb, g_object_ref (self));
}

static gboolean
ask_consent_cb (gpointer data)
{
  PatronStorePage *self = data;

  self->consent_source = 0;
  submit_cb (self);

  return G_SOURCE_REMOVE;
}

static void
patron_store_page_map (GtkWidget *widget)
{
  PatronStorePage *self = PATRON_STORE_PAGE (widget);

  GTK_WIDGET_CLASS (patron_store_page_parent_class)->map (widget);

  list_kept (self);

  /* asked for before the page was on screen (the window's first page): the
   * dialog comes once the window is, to stand in front of it */
  if (self->consent_pending && self->consent_source == 0)
    {
      self->consent_pending = FALSE;
      self->consent_source = g_idle_add (ask_consent_cb, self);
    }
}

static void
patron_store_page_unmap (GtkWidget *widget)
{
  PatronStorePage *self = PATRON_STORE_PAGE (widget);

  g_clear_handle_id (&self->consent_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  patron_form_set_busy (self->form, self->spinner, FALSE);
  g_cancellable_cancel (self->kept_cancellable);
  g_clear_pointer (&self->kept, g_hash_table_unref);

  GTK_WIDGET_CLASS (patron_store_page_parent_class)->unmap (widget);
}

static void
patron_store_page_dispose (GObject *object)
{
  PatronStorePage *self = (PatronStorePage *)object;

  g_clear_handle_id (&self->consent_source, g_source_remove);
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->probe);
  g_clear_object (&self->settings);
  g_cancellable_cancel (self->kept_cancellable);
  g_clear_object (&self->kept_cancellable);
  g_clear_pointer (&self->kept, g_hash_table_unref);
  g_clear_pointer (&self->store_rows, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), PATRON_TYPE_STORE_PAGE);

  G_OBJECT_CLASS (patron_store_page_parent_class)->dispose (object);
}

static void
patron_store_page_class_init (PatronStorePageClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = patron_store_page_dispose;
  widget_class->map = patron_store_page_map;
  widget_class->unmap = patron_store_page_unmap;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patronapp/Patron/ui/patron-store-page.ui");
  gtk_widget_class_bind_template_child (widget_class, PatronStorePage, form);
  gtk_widget_class_bind_template_child (widget_class, PatronStorePage, url_row);
  gtk_widget_class_bind_template_child (widget_class, PatronStorePage, key_row);
  gtk_widget_class_bind_template_child (widget_class, PatronStorePage, error_label);
  gtk_widget_class_bind_template_child (widget_class, PatronStorePage, spinner);
  gtk_widget_class_bind_template_child (widget_class, PatronStorePage, back_button);
  gtk_widget_class_bind_template_child (widget_class, PatronStorePage, stores_group);
  gtk_widget_class_bind_template_callback (widget_class, submit_cb);
}

static void
patron_store_page_init (PatronStorePage *self)
{
  self->settings = patron_settings_new ();
  self->store_rows = g_ptr_array_new ();
  gtk_widget_init_template (GTK_WIDGET (self));
  /* the window enables its action only when a store is in use */
  g_object_bind_property (self->back_button, "sensitive", self->back_button, "visible",
                          G_BINDING_SYNC_CREATE);
  update_stores (self);
  g_signal_connect_object (self->settings, "changed::recent-stores",
                           G_CALLBACK (update_stores), self, G_CONNECT_SWAPPED);
  patron_form_set_max_length (GTK_EDITABLE (self->url_row), PATRON_MAX_URL_LENGTH,
                              self->error_label);
}

void
patron_store_page_set_url (PatronStorePage *self,
                           const char      *url)
{
  g_return_if_fail (PATRON_IS_STORE_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url != NULL ? url : "");
  /* another store's key is no answer for this one: asked again if needed */
  gtk_editable_set_text (GTK_EDITABLE (self->key_row), "");
  gtk_widget_set_visible (GTK_WIDGET (self->key_row), FALSE);
}

/**
 * patron_store_page_ask_consent:
 * @url: a store that patron_store_url_needs_consent()
 *
 * Shows @url and asks whether to use it unencrypted, as when the user
 * typed it: "Connect Anyway" goes on to the store, "Cancel" stays here.
 */
void
patron_store_page_ask_consent (PatronStorePage *self,
                               const char      *url)
{
  g_return_if_fail (PATRON_IS_STORE_PAGE (self));

  /* the key, if a link gave one, stays */
  gtk_editable_set_text (GTK_EDITABLE (self->url_row), url);
  if (gtk_widget_get_mapped (GTK_WIDGET (self)))
    submit_cb (self);
  else
    self->consent_pending = TRUE;
}

/**
 * patron_store_page_connect:
 * @url: the store's address
 * @key: (nullable): its publishable key
 *
 * Fills in the store's address and key, as an "Open in Patron" link gives
 * them, and connects as if the user had (asking first for an unencrypted
 * store).
 */
void
patron_store_page_connect (PatronStorePage *self,
                           const char      *url,
                           const char      *key)
{
  g_return_if_fail (PATRON_IS_STORE_PAGE (self));

  gtk_editable_set_text (GTK_EDITABLE (self->key_row), key != NULL ? key : "");
  gtk_widget_set_visible (GTK_WIDGET (self->key_row), key != NULL);
  patron_store_page_ask_consent (self, url);
}
