/* patron-address-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-address-editor"

#include "config.h"

#include <glib/gi18n.h>
#include <locale.h>
#include <string.h>

#include "patron-address-editor.h"
#include "patron-countries.h"
#include "patron-error.h"
#include "patron-form.h"

/**
 * PatronAddressEditor:
 *
 * Adds a shipping address or edits one. The country is chosen among the
 * store's regions' countries, shown by name and sent as the lower-case ISO
 * code. The customer is updated from the store's answer, never guessed.
 */

struct _PatronAddressEditor
{
  AdwWindow      parent_instance;

  PatronSession *session;
  MedusaAddress *address;       /* the one edited, or NULL to add */
  gboolean       billing;       /* the billing address, not a shipping one */
  GCancellable  *cancellable;
  GPtrArray     *country_codes; /* parallel to the combo row's model */
  guint          n_before;

  GtkWidget     *form;
  GtkWidget     *save_button;
  GtkWidget     *spinner;
  GtkEditable   *first_name_row;
  GtkEditable   *last_name_row;
  GtkEditable   *company_row;
  GtkEditable   *address_1_row;
  GtkEditable   *address_2_row;
  GtkEditable   *city_row;
  GtkEditable   *province_row;
  GtkEditable   *postal_code_row;
  AdwComboRow   *country_row;
  GtkEditable   *phone_row;
  GtkLabel      *error_label;
};

G_DEFINE_FINAL_TYPE (PatronAddressEditor, patron_address_editor, ADW_TYPE_WINDOW)

/* the required fields, in the form's order */
static const struct {
  PatronAddressFields  field;
  const char          *name;
} required_fields[] = {
  /* Translators: field names inside "Fill in the %s.", e.g. "city and postal code" */
  { PATRON_ADDRESS_FIRST_NAME, N_("first name") },
  { PATRON_ADDRESS_LAST_NAME, N_("last name") },
  { PATRON_ADDRESS_ADDRESS_1, N_("address") },
  { PATRON_ADDRESS_CITY, N_("city") },
  { PATRON_ADDRESS_POSTAL_CODE, N_("postal code") },
  { PATRON_ADDRESS_COUNTRY, N_("country") },
};

static gboolean
is_blank (const char *text)
{
  for (; text != NULL && *text != '\0'; text++)
    if (!g_ascii_isspace (*text))
      return FALSE;

  return TRUE;
}

/**
 * patron_address_missing:
 *
 * Returns: the required fields of @address that are empty
 */
PatronAddressFields
patron_address_missing (MedusaAddress *address)
{
  const char *values[] = {
    medusa_address_get_first_name (address),
    medusa_address_get_last_name (address),
    medusa_address_get_address_1 (address),
    medusa_address_get_city (address),
    medusa_address_get_postal_code (address),
    medusa_address_get_country_code (address),
  };
  PatronAddressFields missing = 0;

  G_STATIC_ASSERT (G_N_ELEMENTS (values) == G_N_ELEMENTS (required_fields));
  for (guint i = 0; i < G_N_ELEMENTS (values); i++)
    if (is_blank (values[i]))
      missing |= required_fields[i].field;

  return missing;
}

/**
 * patron_address_check:
 *
 * Returns: (transfer full) (nullable): which required fields are empty, as a
 *   sentence, or %NULL if none is
 */
char *
patron_address_check (MedusaAddress *address)
{
  PatronAddressFields missing = patron_address_missing (address);
  const char *names[G_N_ELEMENTS (required_fields) + 1] = { NULL, };
  g_autofree char *list = NULL;
  guint n = 0;

  if (missing == 0)
    return NULL;

  for (guint i = 0; i < G_N_ELEMENTS (required_fields); i++)
    if (missing & required_fields[i].field)
      names[n++] = _(required_fields[i].name);
  list = patron_join_words (names);

  /* Translators: %s lists fields, e.g. "city and postal code" */
  return g_strdup_printf (_("Fill in the %s."), list);
}

/**
 * patron_locale_territory:
 * @locale: (nullable): a locale name, e.g. "de_AT.UTF-8@euro"
 *
 * Returns: (nullable): its territory in lower case as Medusa writes country
 *   codes ("at"), from a static table of interned strings, or %NULL for "C",
 *   "POSIX" and a locale without one
 */
const char *
patron_locale_territory (const char *locale)
{
  const char *underscore = locale != NULL ? strchr (locale, '_') : NULL;
  char code[3];

  if (underscore == NULL || !g_ascii_isalpha (underscore[1]) || !g_ascii_isalpha (underscore[2]))
    return NULL;
  if (underscore[3] != '\0' && underscore[3] != '.' && underscore[3] != '@')
    return NULL;

  code[0] = g_ascii_tolower (underscore[1]);
  code[1] = g_ascii_tolower (underscore[2]);
  code[2] = '\0';

  return g_intern_string (code);
}

/**
 * patron_address_default_country:
 * @store_countries: (array zero-terminated=1): the countries the store ships to,
 *   lower case
 * @territory: (nullable): the user's own, from the locale
 * @customer: (nullable): whose addresses say where they live
 *
 * A new address's country: the user's own when the store ships there,
 * otherwise that of the customer's most recent address the store ships to,
 * otherwise none, to be chosen.
 *
 * Returns: (nullable): one of @store_countries, or %NULL
 */
const char *
patron_address_default_country (const char * const *store_countries,
                                const char          *territory,
                                MedusaCustomer      *customer)
{
  GListModel *addresses = customer != NULL ? medusa_customer_get_shipping_addresses (customer)
                                           : NULL;
  g_autoptr(MedusaAddress) newest = NULL;

  if (territory != NULL && g_strv_contains (store_countries, territory))
    return g_intern_string (territory);

  for (guint i = 0; addresses != NULL && i < g_list_model_get_n_items (addresses); i++)
    {
      g_autoptr(MedusaAddress) address = g_list_model_get_item (addresses, i);
      g_autofree char *code = NULL;
      GDateTime *created = medusa_address_get_created_at (address);

      if (medusa_address_get_country_code (address) == NULL)
        continue;
      code = g_ascii_strdown (medusa_address_get_country_code (address), -1);
      if (!g_strv_contains (store_countries, code))
        continue;
      /* the list's order where the store gives no dates */
      if (newest == NULL || created == NULL || medusa_address_get_created_at (newest) == NULL ||
          g_date_time_compare (created, medusa_address_get_created_at (newest)) >= 0)
        g_set_object (&newest, address);
    }

  if (newest == NULL)
    return NULL;

  {
    g_autofree char *code = g_ascii_strdown (medusa_address_get_country_code (newest), -1);

    return g_intern_string (code);
  }
}

static MedusaAddress *
address_from_form (PatronAddressEditor *self)
{
  g_autoptr(MedusaAddress) address = medusa_address_new ();
  guint selected = adw_combo_row_get_selected (self->country_row);
  g_autofree char *first_name = patron_form_dup_text (self->first_name_row);
  g_autofree char *last_name = patron_form_dup_text (self->last_name_row);
  g_autofree char *company = patron_form_dup_text (self->company_row);
  g_autofree char *address_1 = patron_form_dup_text (self->address_1_row);
  g_autofree char *address_2 = patron_form_dup_text (self->address_2_row);
  g_autofree char *city = patron_form_dup_text (self->city_row);
  g_autofree char *province = patron_form_dup_text (self->province_row);
  g_autofree char *postal_code = patron_form_dup_text (self->postal_code_row);
  g_autofree char *phone = patron_form_dup_text (self->phone_row);

  medusa_address_set_first_name (address, first_name);
  medusa_address_set_last_name (address, last_name);
  medusa_address_set_company (address, company);
  medusa_address_set_address_1 (address, address_1);
  medusa_address_set_address_2 (address, address_2);
  medusa_address_set_city (address, city);
  medusa_address_set_province (address, province);
  medusa_address_set_postal_code (address, postal_code);
  medusa_address_set_phone (address, phone);
  if (self->country_codes != NULL && selected < self->country_codes->len)
    medusa_address_set_country_code (address, g_ptr_array_index (self->country_codes, selected));

  return g_steal_pointer (&address);
}

static void
saved_cb (GObject      *object,
          GAsyncResult *result,
          gpointer      user_data)
{
  g_autoptr(PatronAddressEditor) self = user_data;
  g_autoptr(MedusaCustomer) answer = NULL;
  g_autoptr(GError) error = NULL;
  MedusaCustomer *customer;

  if (self->address == NULL)
    answer = medusa_client_add_address_finish (MEDUSA_CLIENT (object), result, &error);
  else
    answer = medusa_client_update_address_finish (MEDUSA_CLIENT (object), result, &error);

  /* closed meanwhile: its widgets may be gone */
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  patron_form_set_busy (self->form, self->spinner, FALSE);
  gtk_widget_set_sensitive (self->save_button, TRUE);

  if (answer == NULL)
    {
      patron_form_show_failure (self->error_label, error, PATRON_ACTION_SAVE_ADDRESS);
      return;
    }

  customer = patron_session_get_customer (self->session);
  if (customer != NULL && !medusa_customer_update_from (customer, answer, &error))
    {
      patron_form_show_failure (self->error_label, error, PATRON_ACTION_SAVE_ADDRESS);
      return;
    }

  /* a store that silently skips an address the customer has already */
  if (self->address == NULL &&
      (medusa_client_get_capabilities (patron_session_get_client (self->session)) &
       MEDUSA_CAPABILITY_SKIPS_DUPLICATE_ADDRESS) &&
      g_list_model_get_n_items (medusa_customer_get_shipping_addresses (answer)) <= self->n_before)
    {
      patron_form_show_error (self->error_label,
                              _("You have this address already, so it was not added again."));
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

static void
billing_saved_cb (GObject      *object,
                  GAsyncResult *result,
                  gpointer      user_data)
{
  g_autoptr(PatronAddressEditor) self = user_data;
  g_autoptr(GError) error = NULL;
  gboolean saved = patron_session_update_customer_finish (PATRON_SESSION (object), result,
                                                          &error);

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;

  patron_form_set_busy (self->form, self->spinner, FALSE);
  gtk_widget_set_sensitive (self->save_button, TRUE);

  if (!saved)
    {
      patron_form_show_failure (self->error_label, error, PATRON_ACTION_SAVE_ADDRESS);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
}

/* Each empty required field is marked, and the first one takes the focus,
 * which scrolls it into view: the sentence below the form may be out of
 * sight on a small screen. */
static void
mark_missing (PatronAddressEditor *self,
              PatronAddressFields  missing)
{
  const struct {
    PatronAddressFields  field;
    GtkWidget           *row;
  } rows[] = {
    { PATRON_ADDRESS_FIRST_NAME, GTK_WIDGET (self->first_name_row) },
    { PATRON_ADDRESS_LAST_NAME, GTK_WIDGET (self->last_name_row) },
    { PATRON_ADDRESS_ADDRESS_1, GTK_WIDGET (self->address_1_row) },
    { PATRON_ADDRESS_CITY, GTK_WIDGET (self->city_row) },
    { PATRON_ADDRESS_POSTAL_CODE, GTK_WIDGET (self->postal_code_row) },
    { PATRON_ADDRESS_COUNTRY, GTK_WIDGET (self->country_row) },
  };
  GtkWidget *first = NULL;

  for (guint i = 0; i < G_N_ELEMENTS (rows); i++)
    {
      gboolean wrong = (missing & rows[i].field) != 0;

      if (wrong)
        gtk_widget_add_css_class (rows[i].row, "error");
      else
        gtk_widget_remove_css_class (rows[i].row, "error");
      gtk_accessible_update_state (GTK_ACCESSIBLE (rows[i].row), GTK_ACCESSIBLE_STATE_INVALID,
                                   wrong ? GTK_ACCESSIBLE_INVALID_TRUE
                                         : GTK_ACCESSIBLE_INVALID_FALSE, -1);
      if (wrong && first == NULL)
        first = rows[i].row;
    }

  if (first != NULL)
    gtk_widget_grab_focus (first);
}

/* a marked field loses its mark once it is changed */
static void
field_changed_cb (GtkWidget *row)
{
  gtk_widget_remove_css_class (row, "error");
  gtk_accessible_reset_state (GTK_ACCESSIBLE (row), GTK_ACCESSIBLE_STATE_INVALID);
}

static void
save_cb (PatronAddressEditor *self)
{
  g_autoptr(MedusaAddress) address = address_from_form (self);
  g_autofree char *problem = patron_address_check (address);
  MedusaClient *client = patron_session_get_client (self->session);
  MedusaCustomer *customer = patron_session_get_customer (self->session);

  if (!patron_form_check_lengths (self->error_label, self->first_name_row, self->last_name_row,
                                  self->company_row, self->address_1_row, self->address_2_row,
                                  self->city_row, self->province_row, self->postal_code_row,
                                  self->phone_row, NULL))
    return;

  patron_form_show_error (self->error_label, problem);
  mark_missing (self, patron_address_missing (address));
  if (problem != NULL || customer == NULL)
    return;

  patron_form_set_busy (self->form, self->spinner, TRUE);
  gtk_widget_set_sensitive (self->save_button, FALSE);

  /* where billing is the address book's entry flagged so, that entry is edited */
  if (self->billing &&
      !(medusa_client_get_capabilities (client) & MEDUSA_CAPABILITY_SEPARATE_BILLING_ADDRESS) &&
      medusa_customer_get_billing_address_id (customer) != NULL)
    {
      medusa_client_update_address_async (client, medusa_customer_get_billing_address_id (customer),
                                          address, self->cancellable, saved_cb,
                                          g_object_ref (self));
      return;
    }

  if (self->billing)
    {
      g_autoptr(MedusaCustomerChanges) changes = medusa_customer_changes_new ();

      medusa_customer_changes_set_billing_address (changes, address);
      patron_session_update_customer_async (self->session, changes, self->cancellable,
                                            billing_saved_cb, g_object_ref (self));
      return;
    }

  self->n_before = g_list_model_get_n_items (medusa_customer_get_shipping_addresses (customer));
  if (self->address == NULL)
    medusa_client_add_address_async (client, address, self->cancellable, saved_cb,
                                     g_object_ref (self));
  else
    medusa_client_update_address_async (client, medusa_address_get_id (self->address), address,
                                        self->cancellable, saved_cb, g_object_ref (self));
}

typedef struct
{
  char *code;
  char *collate_key;
} Country;

static void
country_clear (gpointer data)
{
  Country *country = data;

  g_free (country->code);
  g_free (country->collate_key);
}

static int
compare_collate_keys (gconstpointer a,
                      gconstpointer b)
{
  return strcmp (((const Country *) a)->collate_key, ((const Country *) b)->collate_key);
}

/**
 * patron_address_store_countries:
 * @regions: (element-type MedusaRegion): the store's regions
 *
 * The countries a new address may be in: those of @regions, each once,
 * in lower case, sorted by their names in the user's language. A code that
 * is not two ASCII letters is no country and left out, so however many
 * regions and countries the store lists, there are at most 676, and
 * sorting them takes a name's collation key each, once.
 *
 * Returns: (transfer full): the codes, %NULL-terminated beyond its length
 */
GPtrArray *
patron_address_store_countries (GListModel *regions)
{
  g_autoptr(GHashTable) seen = g_hash_table_new (g_str_hash, g_str_equal);
  g_autoptr(GArray) countries = g_array_new (FALSE, FALSE, sizeof (Country));
  GPtrArray *codes;

  g_return_val_if_fail (G_IS_LIST_MODEL (regions), NULL);

  g_array_set_clear_func (countries, country_clear);
  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(MedusaRegion) region = g_list_model_get_item (regions, i);
      GListModel *in_region = medusa_region_get_countries (region);

      for (guint j = 0; j < g_list_model_get_n_items (in_region); j++)
        {
          g_autoptr(MedusaCountry) country = g_list_model_get_item (in_region, j);
          const char *iso_2 = medusa_country_get_iso_2 (country);
          Country entry;

          if (iso_2 == NULL || !g_ascii_isalpha (iso_2[0]) || !g_ascii_isalpha (iso_2[1]) ||
              iso_2[2] != '\0')
            continue;
          entry.code = g_ascii_strdown (iso_2, -1);
          if (g_hash_table_contains (seen, entry.code))
            {
              g_free (entry.code);
              continue;
            }
          g_hash_table_add (seen, entry.code);
          entry.collate_key = g_utf8_collate_key (patron_country_name (entry.code), -1);
          g_array_append_val (countries, entry);
        }
    }
  g_array_sort (countries, compare_collate_keys);

  codes = g_ptr_array_new_null_terminated (countries->len, g_free, TRUE);
  for (guint i = 0; i < countries->len; i++)
    g_ptr_array_add (codes, g_steal_pointer (&g_array_index (countries, Country, i).code));

  return codes;
}

static void
regions_cb (GObject      *object,
            GAsyncResult *result,
            gpointer      user_data)
{
  g_autoptr(PatronAddressEditor) self = user_data;
  g_autoptr(GListModel) regions = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(GtkStringList) names = gtk_string_list_new (NULL);
  const char *current = NULL;
  guint selected = GTK_INVALID_LIST_POSITION;

  regions = medusa_client_list_regions_finish (MEDUSA_CLIENT (object), result, &error);
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return;
  if (regions == NULL)
    {
      patron_form_show_failure (self->error_label, error, PATRON_ACTION_OTHER);
      return;
    }

  g_clear_pointer (&self->country_codes, g_ptr_array_unref);
  self->country_codes = patron_address_store_countries (regions);

  if (self->address != NULL)
    current = medusa_address_get_country_code (self->address);
  else
    {
      const char *locale = NULL;

#ifdef LC_ADDRESS
      locale = setlocale (LC_ADDRESS, NULL);
#endif
      if (patron_locale_territory (locale) == NULL)
        locale = setlocale (LC_MESSAGES, NULL);
      current = patron_address_default_country ((const char * const *) self->country_codes->pdata,
                                                patron_locale_territory (locale),
                                                patron_session_get_customer (self->session));
    }
  for (guint i = 0; i < self->country_codes->len; i++)
    {
      const char *code = g_ptr_array_index (self->country_codes, i);

      gtk_string_list_append (names, patron_country_name (code));
      if (current != NULL && g_ascii_strcasecmp (code, current) == 0)
        selected = i;
    }

  adw_combo_row_set_model (self->country_row, G_LIST_MODEL (names));
  /* none chosen rather than an arbitrary one: the check asks for it */
  adw_combo_row_set_selected (self->country_row, selected);
  gtk_widget_set_sensitive (self->save_button, TRUE);
}

static void
fill_form (PatronAddressEditor *self)
{
  MedusaAddress *address = self->address;
  struct {
    GtkEditable *row;
    const char  *value;
  } fields[] = {
    { self->first_name_row, medusa_address_get_first_name (address) },
    { self->last_name_row, medusa_address_get_last_name (address) },
    { self->company_row, medusa_address_get_company (address) },
    { self->address_1_row, medusa_address_get_address_1 (address) },
    { self->address_2_row, medusa_address_get_address_2 (address) },
    { self->city_row, medusa_address_get_city (address) },
    { self->province_row, medusa_address_get_province (address) },
    { self->postal_code_row, medusa_address_get_postal_code (address) },
    { self->phone_row, medusa_address_get_phone (address) },
  };

  for (guint i = 0; i < G_N_ELEMENTS (fields); i++)
    gtk_editable_set_text (fields[i].row, fields[i].value != NULL ? fields[i].value : "");
}

static gboolean
patron_address_editor_close_request (GtkWindow *window)
{
  PatronAddressEditor *self = PATRON_ADDRESS_EDITOR (window);

  g_cancellable_cancel (self->cancellable);

  return GTK_WINDOW_CLASS (patron_address_editor_parent_class)->close_request (window);
}

static void
patron_address_editor_dispose (GObject *object)
{
  PatronAddressEditor *self = (PatronAddressEditor *)object;

  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  g_clear_object (&self->session);
  g_clear_object (&self->address);
  g_clear_pointer (&self->country_codes, g_ptr_array_unref);

  gtk_widget_dispose_template (GTK_WIDGET (self), PATRON_TYPE_ADDRESS_EDITOR);

  G_OBJECT_CLASS (patron_address_editor_parent_class)->dispose (object);
}

static void
patron_address_editor_class_init (PatronAddressEditorClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = patron_address_editor_dispose;
  window_class->close_request = patron_address_editor_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/io/github/patronapp/Patron/ui/"
                                               "patron-address-editor.ui");
  gtk_widget_class_bind_template_child (widget_class, PatronAddressEditor, form);
  gtk_widget_class_bind_template_child (widget_class, PatronAddressEditor, save_button);
  gtk_widget_class_bind_template_child (widget_class, PatronAddressEditor, spinner);
  gtk_widget_class_bind_template_child (widget_class, PatronAddressEditor, first_name_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAddressEditor, last_name_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAddressEditor, company_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAddressEditor, address_1_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAddressEditor, address_2_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAddressEditor, city_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAddressEditor, province_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAddressEditor, postal_code_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAddressEditor, country_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAddressEditor, phone_row);
  gtk_widget_class_bind_template_child (widget_class, PatronAddressEditor, error_label);
  gtk_widget_class_bind_template_callback (widget_class, save_cb);
  gtk_widget_class_add_binding_action (widget_class, GDK_KEY_Escape, 0, "window.close", NULL);
}

static void
patron_address_editor_init (PatronAddressEditor *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
  patron_form_mark_required_rows (GTK_WIDGET (self));

  {
    GtkEditable *required[] = { self->first_name_row, self->last_name_row,
                                self->address_1_row, self->city_row, self->postal_code_row };

    for (guint i = 0; i < G_N_ELEMENTS (required); i++)
      g_signal_connect (required[i], "changed", G_CALLBACK (field_changed_cb), NULL);
    g_signal_connect (self->country_row, "notify::selected", G_CALLBACK (field_changed_cb),
                      NULL);
  }
  {
    GtkEditable *names[] = {
      self->first_name_row, self->last_name_row, self->company_row, self->address_1_row,
      self->address_2_row, self->city_row, self->province_row,
    };

    for (guint i = 0; i < G_N_ELEMENTS (names); i++)
      patron_form_set_max_length (names[i], PATRON_MAX_NAME_LENGTH, self->error_label);
  }
  patron_form_set_max_length (self->postal_code_row, PATRON_MAX_POSTAL_CODE_LENGTH,
                              self->error_label);
  patron_form_set_max_length (self->phone_row, PATRON_MAX_PHONE_LENGTH, self->error_label);
}

/**
 * patron_address_editor_new:
 * @parent: the window it belongs to
 * @session: a signed-in session
 * @address: (nullable): the shipping address to edit, or %NULL to add one
 *
 * Returns: (transfer full): a new editor, loading the store's countries
 */
PatronAddressEditor *
patron_address_editor_new (GtkWindow     *parent,
                           PatronSession *session,
                           MedusaAddress *address)
{
  PatronAddressEditor *self = g_object_new (PATRON_TYPE_ADDRESS_EDITOR,
                                            "transient-for", parent,
                                            NULL);

  self->session = g_object_ref (session);
  patron_window_fit_parent (GTK_WINDOW (self), parent);
  if (address != NULL)
    {
      self->address = g_object_ref (address);
      /* Translators: a window title between Cancel and Save: keep it short,
       * it must fit a 360 px wide phone */
      gtk_window_set_title (GTK_WINDOW (self), C_("window title", "Edit Address"));
      fill_form (self);
    }
  else
    /* Translators: a window title between Cancel and Save: keep it short,
     * it must fit a 360 px wide phone */
    gtk_window_set_title (GTK_WINDOW (self), C_("window title", "Add Address"));
  patron_form_focus_first_field (self->form);

  /* saving waits for the countries */
  gtk_widget_set_sensitive (self->save_button, FALSE);
  medusa_client_list_regions_async (patron_session_get_client (session), self->cancellable,
                                    regions_cb, g_object_ref (self));

  return self;
}

/**
 * patron_address_editor_new_for_billing:
 *
 * Returns: (transfer full): an editor for the customer's billing address
 */
PatronAddressEditor *
patron_address_editor_new_for_billing (GtkWindow     *parent,
                                       PatronSession *session)
{
  MedusaCustomer *customer = patron_session_get_customer (session);
  MedusaAddress *billing = customer ? medusa_customer_get_billing_address (customer) : NULL;
  PatronAddressEditor *self = patron_address_editor_new (parent, session, billing);

  self->billing = TRUE;
  /* Translators: a window title between Cancel and Save: keep it short,
   * it must fit a 360 px wide phone */
  gtk_window_set_title (GTK_WINDOW (self), C_("window title", "Billing Address"));

  return self;
}
