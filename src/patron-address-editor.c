/* patron-address-editor.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-address-editor"

#include "config.h"

#include <glib/gi18n.h>

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

/**
 * patron_address_check:
 *
 * Returns: (transfer full) (nullable): which required fields are empty, as a
 *   sentence, or %NULL if none is
 */
char *
patron_address_check (MedusaAddress *address)
{
  const struct {
    const char *value;
    const char *name;
  } required[] = {
    /* Translators: field names inside "Fill in the %s.", joined with commas */
    { medusa_address_get_first_name (address), N_("first name") },
    { medusa_address_get_last_name (address), N_("last name") },
    { medusa_address_get_address_1 (address), N_("address") },
    { medusa_address_get_city (address), N_("city") },
    { medusa_address_get_postal_code (address), N_("postal code") },
    { medusa_address_get_country_code (address), N_("country") },
  };
  g_autoptr(GString) missing = g_string_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (required); i++)
    {
      g_autofree char *value = g_strstrip (g_strdup (required[i].value ? required[i].value : ""));

      if (value[0] == '\0')
        g_string_append_printf (missing, "%s%s", missing->len ? ", " : "", _(required[i].name));
    }

  if (missing->len == 0)
    return NULL;

  /* Translators: %s lists fields, e.g. "city, postal code" */
  return g_strdup_printf (_("Fill in the %s."), missing->str);
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

  patron_form_set_busy (self->form, self->spinner, FALSE);
  gtk_widget_set_sensitive (self->save_button, TRUE);

  if (self->address == NULL)
    answer = medusa_client_add_address_finish (MEDUSA_CLIENT (object), result, &error);
  else
    answer = medusa_client_update_address_finish (MEDUSA_CLIENT (object), result, &error);

  if (answer == NULL)
    {
      patron_form_show_failure (self->error_label, error, PATRON_ACTION_SAVE_ADDRESS);
      return;
    }

  customer = patron_session_get_customer (self->session);
  if (customer != NULL)
    medusa_customer_update_from (customer, answer);

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

  patron_form_set_busy (self->form, self->spinner, FALSE);
  gtk_widget_set_sensitive (self->save_button, TRUE);

  if (!patron_session_update_customer_finish (PATRON_SESSION (object), result, &error))
    {
      patron_form_show_failure (self->error_label, error, PATRON_ACTION_SAVE_ADDRESS);
      return;
    }

  gtk_window_close (GTK_WINDOW (self));
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

static int
compare_names (gconstpointer a,
               gconstpointer b)
{
  return g_utf8_collate (patron_country_name (*(const char **) a),
                         patron_country_name (*(const char **) b));
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
  if (regions == NULL)
    {
      patron_form_show_failure (self->error_label, error, PATRON_ACTION_OTHER);
      return;
    }

  g_clear_pointer (&self->country_codes, g_ptr_array_unref);
  self->country_codes = g_ptr_array_new_with_free_func (g_free);
  for (guint i = 0; i < g_list_model_get_n_items (regions); i++)
    {
      g_autoptr(MedusaRegion) region = g_list_model_get_item (regions, i);
      GListModel *countries = medusa_region_get_countries (region);

      for (guint j = 0; j < g_list_model_get_n_items (countries); j++)
        {
          g_autoptr(MedusaCountry) country = g_list_model_get_item (countries, j);

          if (medusa_country_get_iso_2 (country) != NULL)
            g_ptr_array_add (self->country_codes,
                             g_ascii_strdown (medusa_country_get_iso_2 (country), -1));
        }
    }
  g_ptr_array_sort (self->country_codes, compare_names);

  if (self->address != NULL)
    current = medusa_address_get_country_code (self->address);
  for (guint i = 0; i < self->country_codes->len; i++)
    {
      const char *code = g_ptr_array_index (self->country_codes, i);

      gtk_string_list_append (names, patron_country_name (code));
      if (current != NULL && g_ascii_strcasecmp (code, current) == 0)
        selected = i;
    }

  adw_combo_row_set_model (self->country_row, G_LIST_MODEL (names));
  adw_combo_row_set_selected (self->country_row, selected != GTK_INVALID_LIST_POSITION ? selected : 0);
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
}

static void
patron_address_editor_init (PatronAddressEditor *self)
{
  self->cancellable = g_cancellable_new ();

  gtk_widget_init_template (GTK_WIDGET (self));
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
  if (address != NULL)
    {
      self->address = g_object_ref (address);
      gtk_window_set_title (GTK_WINDOW (self), _("Edit Address"));
      fill_form (self);
    }
  else
    gtk_window_set_title (GTK_WINDOW (self), _("Add Address"));

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
  gtk_window_set_title (GTK_WINDOW (self), _("Billing Address"));

  return self;
}
