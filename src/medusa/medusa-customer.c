/* SPDX-License-Identifier: GPL-3.0-or-later */

#define G_LOG_DOMAIN "medusa"

#include "config.h"

#include "medusa-customer.h"
#include "medusa-error.h"
#include "medusa-value-private.h"

/**
 * MedusaCustomer:
 *
 * The signed-in customer. One object lives as long as the session and is updated
 * in place from each answer of the store, so what is bound to it follows.
 */

struct _MedusaCustomer
{
  GObject        parent_instance;

  char          *id;
  char          *email;
  char          *first_name;
  char          *last_name;
  char          *phone;
  gboolean       has_account;
  char          *billing_address_id;
  MedusaAddress *billing_address;
  GListStore    *shipping_addresses;
  JsonObject    *metadata;
  GDateTime     *created_at;
  GDateTime     *updated_at;
};

G_DEFINE_FINAL_TYPE (MedusaCustomer, medusa_customer, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_EMAIL,
  PROP_FIRST_NAME,
  PROP_LAST_NAME,
  PROP_PHONE,
  PROP_HAS_ACCOUNT,
  PROP_BILLING_ADDRESS_ID,
  PROP_BILLING_ADDRESS,
  PROP_SHIPPING_ADDRESSES,
  PROP_METADATA,
  PROP_CREATED_AT,
  PROP_UPDATED_AT,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* update_from splices the list in place, so it has to be a GListStore of
 * addresses of the customer's own: a store of addresses given at construction
 * is adopted, anything else is copied into a new one.
 */
static void
set_shipping_addresses (MedusaCustomer *self,
                        GListModel     *addresses)
{
  guint n_items;

  if (addresses == NULL)
    return;

  if (G_IS_LIST_STORE (addresses) &&
      g_list_model_get_item_type (addresses) == MEDUSA_TYPE_ADDRESS)
    {
      g_set_object (&self->shipping_addresses, G_LIST_STORE (addresses));
      return;
    }

  g_clear_object (&self->shipping_addresses);
  self->shipping_addresses = g_list_store_new (MEDUSA_TYPE_ADDRESS);

  n_items = g_list_model_get_n_items (addresses);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(GObject) item = g_list_model_get_item (addresses, i);

      if (MEDUSA_IS_ADDRESS (item))
        g_list_store_append (self->shipping_addresses, item);
    }
}

static void
medusa_customer_constructed (GObject *object)
{
  MedusaCustomer *self = (MedusaCustomer *)object;

  G_OBJECT_CLASS (medusa_customer_parent_class)->constructed (object);

  /* The getters never return NULL for a list: no list is an empty one */
  if (self->shipping_addresses == NULL)
    self->shipping_addresses = g_list_store_new (MEDUSA_TYPE_ADDRESS);
}

static void
medusa_customer_dispose (GObject *object)
{
  MedusaCustomer *self = (MedusaCustomer *)object;

  g_clear_object (&self->billing_address);
  g_clear_object (&self->shipping_addresses);

  G_OBJECT_CLASS (medusa_customer_parent_class)->dispose (object);
}

static void
medusa_customer_finalize (GObject *object)
{
  MedusaCustomer *self = (MedusaCustomer *)object;

  g_clear_pointer (&self->id, g_free);
  g_clear_pointer (&self->email, g_free);
  g_clear_pointer (&self->first_name, g_free);
  g_clear_pointer (&self->last_name, g_free);
  g_clear_pointer (&self->phone, g_free);
  g_clear_pointer (&self->billing_address_id, g_free);
  g_clear_pointer (&self->metadata, json_object_unref);
  g_clear_pointer (&self->created_at, g_date_time_unref);
  g_clear_pointer (&self->updated_at, g_date_time_unref);

  G_OBJECT_CLASS (medusa_customer_parent_class)->finalize (object);
}

static void
medusa_customer_get_property (GObject    *object,
                              guint       prop_id,
                              GValue     *value,
                              GParamSpec *pspec)
{
  MedusaCustomer *self = MEDUSA_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_ID:
      g_value_set_string (value, self->id);
      break;

    case PROP_EMAIL:
      g_value_set_string (value, self->email);
      break;

    case PROP_FIRST_NAME:
      g_value_set_string (value, self->first_name);
      break;

    case PROP_LAST_NAME:
      g_value_set_string (value, self->last_name);
      break;

    case PROP_PHONE:
      g_value_set_string (value, self->phone);
      break;

    case PROP_HAS_ACCOUNT:
      g_value_set_boolean (value, self->has_account);
      break;

    case PROP_BILLING_ADDRESS_ID:
      g_value_set_string (value, self->billing_address_id);
      break;

    case PROP_BILLING_ADDRESS:
      g_value_set_object (value, self->billing_address);
      break;

    case PROP_SHIPPING_ADDRESSES:
      g_value_set_object (value, self->shipping_addresses);
      break;

    case PROP_METADATA:
      g_value_set_boxed (value, self->metadata);
      break;

    case PROP_CREATED_AT:
      g_value_set_boxed (value, self->created_at);
      break;

    case PROP_UPDATED_AT:
      g_value_set_boxed (value, self->updated_at);
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_customer_set_property (GObject      *object,
                              guint         prop_id,
                              const GValue *value,
                              GParamSpec   *pspec)
{
  MedusaCustomer *self = MEDUSA_CUSTOMER (object);

  switch (prop_id)
    {
    case PROP_ID:
      medusa_customer_set_id (self, g_value_get_string (value));
      break;

    case PROP_EMAIL:
      medusa_customer_set_email (self, g_value_get_string (value));
      break;

    case PROP_FIRST_NAME:
      medusa_customer_set_first_name (self, g_value_get_string (value));
      break;

    case PROP_LAST_NAME:
      medusa_customer_set_last_name (self, g_value_get_string (value));
      break;

    case PROP_PHONE:
      medusa_customer_set_phone (self, g_value_get_string (value));
      break;

    case PROP_HAS_ACCOUNT:
      medusa_customer_set_has_account (self, g_value_get_boolean (value));
      break;

    case PROP_BILLING_ADDRESS_ID:
      medusa_customer_set_billing_address_id (self, g_value_get_string (value));
      break;

    case PROP_BILLING_ADDRESS:
      medusa_customer_set_billing_address (self, g_value_get_object (value));
      break;

    case PROP_SHIPPING_ADDRESSES:
      set_shipping_addresses (self, g_value_get_object (value));
      break;

    case PROP_METADATA:
      medusa_customer_set_metadata (self, g_value_get_boxed (value));
      break;

    case PROP_CREATED_AT:
      medusa_customer_set_created_at (self, g_value_get_boxed (value));
      break;

    case PROP_UPDATED_AT:
      medusa_customer_set_updated_at (self, g_value_get_boxed (value));
      break;

    default:
      G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
medusa_customer_class_init (MedusaCustomerClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->constructed = medusa_customer_constructed;
  object_class->dispose = medusa_customer_dispose;
  object_class->finalize = medusa_customer_finalize;
  object_class->get_property = medusa_customer_get_property;
  object_class->set_property = medusa_customer_set_property;

  properties[PROP_ID] =
    g_param_spec_string ("id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_EMAIL] =
    g_param_spec_string ("email", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_FIRST_NAME] =
    g_param_spec_string ("first-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_LAST_NAME] =
    g_param_spec_string ("last-name", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_PHONE] =
    g_param_spec_string ("phone", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_HAS_ACCOUNT] =
    g_param_spec_boolean ("has-account", NULL, NULL,
                          FALSE,
                          (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BILLING_ADDRESS_ID] =
    g_param_spec_string ("billing-address-id", NULL, NULL,
                         NULL,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_BILLING_ADDRESS] =
    g_param_spec_object ("billing-address", NULL, NULL,
                         MEDUSA_TYPE_ADDRESS,
                         (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_SHIPPING_ADDRESSES] =
    g_param_spec_object ("shipping-addresses", NULL, NULL,
                         G_TYPE_LIST_MODEL,
                         (G_PARAM_READWRITE | G_PARAM_CONSTRUCT_ONLY | G_PARAM_STATIC_STRINGS));

  properties[PROP_METADATA] =
    g_param_spec_boxed ("metadata", NULL, NULL,
                        JSON_TYPE_OBJECT,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_CREATED_AT] =
    g_param_spec_boxed ("created-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  properties[PROP_UPDATED_AT] =
    g_param_spec_boxed ("updated-at", NULL, NULL,
                        G_TYPE_DATE_TIME,
                        (G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS));

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
medusa_customer_init (MedusaCustomer *self)
{
}

const char *
medusa_customer_get_id (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);

  return self->id;
}

const char *
medusa_customer_get_email (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);

  return self->email;
}

const char *
medusa_customer_get_first_name (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);

  return self->first_name;
}

const char *
medusa_customer_get_last_name (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);

  return self->last_name;
}

const char *
medusa_customer_get_phone (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);

  return self->phone;
}

gboolean
medusa_customer_get_has_account (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), FALSE);

  return self->has_account;
}

const char *
medusa_customer_get_billing_address_id (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);

  return self->billing_address_id;
}

MedusaAddress *
medusa_customer_get_billing_address (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);

  return self->billing_address;
}

GListModel *
medusa_customer_get_shipping_addresses (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);

  return G_LIST_MODEL (self->shipping_addresses);
}

JsonObject *
medusa_customer_get_metadata (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);

  return self->metadata;
}

GDateTime *
medusa_customer_get_created_at (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);

  return self->created_at;
}

GDateTime *
medusa_customer_get_updated_at (MedusaCustomer *self)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);

  return self->updated_at;
}

void
medusa_customer_set_id (MedusaCustomer *self,
                        const char     *id)
{
  g_return_if_fail (MEDUSA_IS_CUSTOMER (self));

  if (!medusa_set_str (&self->id, id))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

void
medusa_customer_set_email (MedusaCustomer *self,
                           const char     *email)
{
  g_return_if_fail (MEDUSA_IS_CUSTOMER (self));

  if (!medusa_set_str (&self->email, email))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_EMAIL]);
}

void
medusa_customer_set_first_name (MedusaCustomer *self,
                                const char     *first_name)
{
  g_return_if_fail (MEDUSA_IS_CUSTOMER (self));

  if (!medusa_set_str (&self->first_name, first_name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_FIRST_NAME]);
}

void
medusa_customer_set_last_name (MedusaCustomer *self,
                               const char     *last_name)
{
  g_return_if_fail (MEDUSA_IS_CUSTOMER (self));

  if (!medusa_set_str (&self->last_name, last_name))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LAST_NAME]);
}

void
medusa_customer_set_phone (MedusaCustomer *self,
                           const char     *phone)
{
  g_return_if_fail (MEDUSA_IS_CUSTOMER (self));

  if (!medusa_set_str (&self->phone, phone))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PHONE]);
}

void
medusa_customer_set_has_account (MedusaCustomer *self,
                                 gboolean        has_account)
{
  g_return_if_fail (MEDUSA_IS_CUSTOMER (self));

  has_account = !!has_account;
  if (self->has_account == has_account)
    return;

  self->has_account = has_account;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_HAS_ACCOUNT]);
}

void
medusa_customer_set_billing_address_id (MedusaCustomer *self,
                                        const char     *billing_address_id)
{
  g_return_if_fail (MEDUSA_IS_CUSTOMER (self));

  if (!medusa_set_str (&self->billing_address_id, billing_address_id))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BILLING_ADDRESS_ID]);
}

void
medusa_customer_set_billing_address (MedusaCustomer *self,
                                     MedusaAddress  *billing_address)
{
  g_return_if_fail (MEDUSA_IS_CUSTOMER (self));
  g_return_if_fail (billing_address == NULL || MEDUSA_IS_ADDRESS (billing_address));

  if (!g_set_object (&self->billing_address, billing_address))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_BILLING_ADDRESS]);
}

void
medusa_customer_set_metadata (MedusaCustomer *self,
                              JsonObject     *metadata)
{
  g_return_if_fail (MEDUSA_IS_CUSTOMER (self));

  if (!medusa_set_json_object (&self->metadata, metadata))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_METADATA]);
}

void
medusa_customer_set_created_at (MedusaCustomer *self,
                                GDateTime      *created_at)
{
  g_return_if_fail (MEDUSA_IS_CUSTOMER (self));

  if (!medusa_set_date_time (&self->created_at, created_at))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CREATED_AT]);
}

void
medusa_customer_set_updated_at (MedusaCustomer *self,
                                GDateTime      *updated_at)
{
  g_return_if_fail (MEDUSA_IS_CUSTOMER (self));

  if (!medusa_set_date_time (&self->updated_at, updated_at))
    return;

  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_UPDATED_AT]);
}

/**
 * medusa_customer_dup_full_name:
 *
 * Returns: (transfer full): "First Last", or whichever of the two there is,
 *   or else the email; "" when there is none of them
 */
char *
medusa_customer_dup_full_name (MedusaCustomer *self)
{
  g_autofree char *first = NULL;
  g_autofree char *last = NULL;

  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);

  first = g_strstrip (g_strdup (self->first_name != NULL ? self->first_name : ""));
  last = g_strstrip (g_strdup (self->last_name != NULL ? self->last_name : ""));

  if (first[0] != '\0' && last[0] != '\0')
    return g_strconcat (first, " ", last, NULL);

  if (first[0] != '\0')
    return g_steal_pointer (&first);

  if (last[0] != '\0')
    return g_steal_pointer (&last);

  return g_strstrip (g_strdup (self->email != NULL ? self->email : ""));
}

/**
 * medusa_customer_find_address:
 * @id: (nullable): an address id
 *
 * Returns: (transfer none) (nullable): the shipping address with @id
 */
MedusaAddress *
medusa_customer_find_address (MedusaCustomer *self,
                              const char     *id)
{
  GListModel *addresses;
  guint n_items;

  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), NULL);

  if (id == NULL)
    return NULL;

  addresses = G_LIST_MODEL (self->shipping_addresses);
  n_items = g_list_model_get_n_items (addresses);
  for (guint i = 0; i < n_items; i++)
    {
      g_autoptr(MedusaAddress) address = g_list_model_get_item (addresses, i);

      /* The list keeps it alive after this reference goes */
      if (g_strcmp0 (medusa_address_get_id (address), id) == 0)
        return address;
    }

  return NULL;
}

static gboolean
item_is (GListModel *model,
         guint       position,
         gpointer    item)
{
  g_autoptr(GObject) object = g_list_model_get_item (model, position);

  return object == item;
}

static void
update_billing_address (MedusaCustomer *self,
                        MedusaAddress  *billing_address)
{
  const char *id = billing_address != NULL ? medusa_address_get_id (billing_address) : NULL;

  if (self->billing_address != NULL && id != NULL &&
      g_strcmp0 (medusa_address_get_id (self->billing_address), id) == 0)
    medusa_address_update_from (self->billing_address, billing_address);
  else
    medusa_customer_set_billing_address (self, billing_address);
}

/* Makes the shipping addresses @others, keeping the address objects whose id
 * is still there so that rows and forms bound to them stay bound, and
 * splicing only the span that differs so a list view rebuilds only that.
 */
static void
update_shipping_addresses (MedusaCustomer *self,
                           GListModel     *others)
{
  GListModel *mine = G_LIST_MODEL (self->shipping_addresses);
  g_autoptr(GPtrArray) addresses = NULL;
  g_autoptr(GHashTable) kept = NULL;
  guint n_mine;
  guint n_others;
  guint prefix = 0;
  guint suffix = 0;

  n_mine = g_list_model_get_n_items (mine);
  n_others = g_list_model_get_n_items (others);
  addresses = g_ptr_array_new_full (n_others, g_object_unref);
  kept = g_hash_table_new (NULL, NULL);

  for (guint i = 0; i < n_others; i++)
    {
      g_autoptr(MedusaAddress) other = g_list_model_get_item (others, i);
      MedusaAddress *address = medusa_customer_find_address (self, medusa_address_get_id (other));

      /* An id twice in @others cannot keep the one object twice */
      if (address != NULL && g_hash_table_add (kept, address))
        medusa_address_update_from (address, other);
      else
        address = other;

      g_ptr_array_add (addresses, g_object_ref (address));
    }

  while (prefix < n_mine && prefix < addresses->len &&
         item_is (mine, prefix, g_ptr_array_index (addresses, prefix)))
    prefix++;

  if (prefix == n_mine && prefix == addresses->len)
    return;

  while (suffix < n_mine - prefix && suffix < addresses->len - prefix &&
         item_is (mine, n_mine - 1 - suffix,
                  g_ptr_array_index (addresses, addresses->len - 1 - suffix)))
    suffix++;

  g_list_store_splice (self->shipping_addresses,
                       prefix,
                       n_mine - prefix - suffix,
                       addresses->pdata + prefix,
                       addresses->len - prefix - suffix);
}

/**
 * medusa_customer_update_from:
 * @other: the customer as the store just answered
 *
 * Makes @self what @other is, notifying only what changed. The billing
 * address and the shipping addresses that keep their id stay the same
 * objects, updated in place; @other's own address objects take the place of
 * the others.
 *
 * An answer about another customer (another id: a store that mixed its
 * answers up) changes nothing and fails with
 * %MEDUSA_ERROR_INVALID_RESPONSE: one person never becomes another.
 *
 * Returns: whether @self is now what @other is
 */
gboolean
medusa_customer_update_from (MedusaCustomer  *self,
                             MedusaCustomer  *other,
                             GError         **error)
{
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (self), FALSE);
  g_return_val_if_fail (MEDUSA_IS_CUSTOMER (other), FALSE);

  if (self == other)
    return TRUE;

  if (self->id != NULL && g_strcmp0 (self->id, other->id) != 0)
    {
      g_set_error_literal (error, MEDUSA_ERROR, MEDUSA_ERROR_INVALID_RESPONSE,
                           "The store answered about another customer");
      return FALSE;
    }

  g_object_freeze_notify (G_OBJECT (self));

  medusa_customer_set_id (self, other->id);
  medusa_customer_set_email (self, other->email);
  medusa_customer_set_first_name (self, other->first_name);
  medusa_customer_set_last_name (self, other->last_name);
  medusa_customer_set_phone (self, other->phone);
  medusa_customer_set_has_account (self, other->has_account);
  medusa_customer_set_billing_address_id (self, other->billing_address_id);
  medusa_customer_set_metadata (self, other->metadata);
  medusa_customer_set_created_at (self, other->created_at);
  medusa_customer_set_updated_at (self, other->updated_at);
  update_billing_address (self, other->billing_address);
  update_shipping_addresses (self, G_LIST_MODEL (other->shipping_addresses));

  g_object_thaw_notify (G_OBJECT (self));

  return TRUE;
}
