/* medusa-order-query.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-order-query"

#include "config.h"

#include "medusa-order-query.h"
#include "medusa-value-private.h"

#include <string.h>

struct _MedusaOrderQuery
{
  guint      limit;
  guint      offset;
  char      *search;
  GStrv      statuses;
  GStrv      fulfillment_statuses;
  GStrv      payment_statuses;
  GDateTime *created_after;
  GDateTime *created_before;
  char      *expand;
  char      *fields;
  MedusaOrderDetail detail;
};

G_DEFINE_BOXED_TYPE (MedusaOrderQuery, medusa_order_query,
                     medusa_order_query_copy, medusa_order_query_free)

static const char * const empty_strv[] = { NULL };

MedusaOrderQuery *
medusa_order_query_new (void)
{
  return g_new0 (MedusaOrderQuery, 1);
}

MedusaOrderQuery *
medusa_order_query_copy (const MedusaOrderQuery *self)
{
  MedusaOrderQuery *copy;

  g_return_val_if_fail (self != NULL, NULL);

  copy = medusa_order_query_new ();
  copy->limit = self->limit;
  copy->offset = self->offset;
  copy->search = g_strdup (self->search);
  copy->statuses = g_strdupv (self->statuses);
  copy->fulfillment_statuses = g_strdupv (self->fulfillment_statuses);
  copy->payment_statuses = g_strdupv (self->payment_statuses);
  copy->created_after = self->created_after ? g_date_time_ref (self->created_after) : NULL;
  copy->created_before = self->created_before ? g_date_time_ref (self->created_before) : NULL;
  copy->expand = g_strdup (self->expand);
  copy->fields = g_strdup (self->fields);
  copy->detail = self->detail;

  return copy;
}

void
medusa_order_query_free (MedusaOrderQuery *self)
{
  if (self == NULL)
    return;

  g_free (self->search);
  g_strfreev (self->statuses);
  g_strfreev (self->fulfillment_statuses);
  g_strfreev (self->payment_statuses);
  g_clear_pointer (&self->created_after, g_date_time_unref);
  g_clear_pointer (&self->created_before, g_date_time_unref);
  g_free (self->expand);
  g_free (self->fields);
  g_free (self);
}

static gboolean
strv_equal (const char * const *a,
            const char * const *b)
{
  if (a == NULL || b == NULL)
    return (a == NULL || a[0] == NULL) && (b == NULL || b[0] == NULL);

  return g_strv_equal (a, b);
}

/**
 * medusa_order_query_equal:
 *
 * Returns: %TRUE if @a and @b ask for the same orders, paging included
 */
gboolean
medusa_order_query_equal (const MedusaOrderQuery *a,
                          const MedusaOrderQuery *b)
{
  return a->limit == b->limit &&
         a->offset == b->offset &&
         g_strcmp0 (a->search, b->search) == 0 &&
         strv_equal ((const char * const *) a->statuses, (const char * const *) b->statuses) &&
         strv_equal ((const char * const *) a->fulfillment_statuses,
                     (const char * const *) b->fulfillment_statuses) &&
         strv_equal ((const char * const *) a->payment_statuses,
                     (const char * const *) b->payment_statuses) &&
         medusa_date_time_equal0 (a->created_after, b->created_after) &&
         medusa_date_time_equal0 (a->created_before, b->created_before) &&
         g_strcmp0 (a->expand, b->expand) == 0 &&
         g_strcmp0 (a->fields, b->fields) == 0 &&
         a->detail == b->detail;
}

void
medusa_order_query_set_limit (MedusaOrderQuery *self,
                              guint             limit)
{
  self->limit = limit;
}

guint
medusa_order_query_get_limit (const MedusaOrderQuery *self)
{
  return self->limit;
}

void
medusa_order_query_set_offset (MedusaOrderQuery *self,
                               guint             offset)
{
  self->offset = offset;
}

guint
medusa_order_query_get_offset (const MedusaOrderQuery *self)
{
  return self->offset;
}

static void
replace_string (char       **field,
                const char  *value)
{
  char *copy = value != NULL && value[0] != '\0' ? g_strdup (value) : NULL;

  g_free (*field);
  *field = copy;
}

static void
replace_strv (GStrv              *field,
              const char * const *value)
{
  GStrv copy = value != NULL && value[0] != NULL ? g_strdupv ((char **) value) : NULL;

  g_strfreev (*field);
  *field = copy;
}

void
medusa_order_query_set_search (MedusaOrderQuery *self,
                               const char       *q)
{
  replace_string (&self->search, q);
}

const char *
medusa_order_query_get_search (const MedusaOrderQuery *self)
{
  return self->search;
}

void
medusa_order_query_set_statuses (MedusaOrderQuery   *self,
                                 const char * const *statuses)
{
  replace_strv (&self->statuses, statuses);
}

const char * const *
medusa_order_query_get_statuses (const MedusaOrderQuery *self)
{
  return self->statuses ? (const char * const *) self->statuses : empty_strv;
}

void
medusa_order_query_set_fulfillment_statuses (MedusaOrderQuery   *self,
                                             const char * const *statuses)
{
  replace_strv (&self->fulfillment_statuses, statuses);
}

const char * const *
medusa_order_query_get_fulfillment_statuses (const MedusaOrderQuery *self)
{
  return self->fulfillment_statuses ? (const char * const *) self->fulfillment_statuses
                                    : empty_strv;
}

void
medusa_order_query_set_payment_statuses (MedusaOrderQuery   *self,
                                         const char * const *statuses)
{
  replace_strv (&self->payment_statuses, statuses);
}

const char * const *
medusa_order_query_get_payment_statuses (const MedusaOrderQuery *self)
{
  return self->payment_statuses ? (const char * const *) self->payment_statuses : empty_strv;
}

/**
 * medusa_order_query_set_created_range:
 * @after: (nullable): only orders created after this
 * @before: (nullable): only orders created before this
 */
void
medusa_order_query_set_created_range (MedusaOrderQuery *self,
                                      GDateTime        *after,
                                      GDateTime        *before)
{
  if (after != NULL)
    g_date_time_ref (after);
  if (before != NULL)
    g_date_time_ref (before);

  g_clear_pointer (&self->created_after, g_date_time_unref);
  g_clear_pointer (&self->created_before, g_date_time_unref);
  self->created_after = after;
  self->created_before = before;
}

GDateTime *
medusa_order_query_get_created_after (const MedusaOrderQuery *self)
{
  return self->created_after;
}

GDateTime *
medusa_order_query_get_created_before (const MedusaOrderQuery *self)
{
  return self->created_before;
}

static gboolean
strv_empty (GStrv strv)
{
  return strv == NULL || strv[0] == NULL;
}

/**
 * medusa_order_query_has_filters:
 *
 * Returns: whether @self asks for less than the whole history: a search,
 *   a status of any kind or a date range
 */
gboolean
medusa_order_query_has_filters (const MedusaOrderQuery *self)
{
  return self->search != NULL ||
         !strv_empty (self->statuses) ||
         !strv_empty (self->fulfillment_statuses) ||
         !strv_empty (self->payment_statuses) ||
         self->created_after != NULL ||
         self->created_before != NULL;
}

static gboolean
in_list (GStrv       list,
         const char *value)
{
  return strv_empty (list) || (value != NULL && g_strv_contains ((const char * const *) list,
                                                                 value));
}

/**
 * medusa_order_query_matches:
 * @order: an order of the customer's
 *
 * Whether @order is one that @self's search and filters ask for, as far as
 * Patron can tell without the store: the search finds the order's number
 * (with or without its "#") or its email; statuses and dates as the store
 * filters them (the date bounds exclusive). For searching what was kept
 * while the store cannot be reached.
 *
 * Returns: whether @order matches
 */
gboolean
medusa_order_query_matches (const MedusaOrderQuery *self,
                            MedusaOrder            *order)
{
  GDateTime *created = medusa_order_get_created_at (order);

  if (self->search != NULL && self->search[0] != '\0')
    {
      const char *q = self->search[0] == '#' ? self->search + 1 : self->search;
      g_autofree char *number = g_strdup_printf ("%" G_GINT64_FORMAT,
                                                 medusa_order_get_display_id (order));
      g_autofree char *wanted = g_utf8_casefold (q, -1);
      g_autofree char *email = g_utf8_casefold (medusa_order_get_email (order) != NULL
                                                ? medusa_order_get_email (order) : "", -1);

      if (strstr (number, q) == NULL && strstr (email, wanted) == NULL)
        return FALSE;
    }

  if (!in_list (self->statuses, medusa_order_get_status (order)) ||
      !in_list (self->fulfillment_statuses, medusa_order_get_fulfillment_status (order)) ||
      !in_list (self->payment_statuses, medusa_order_get_payment_status (order)))
    return FALSE;

  if (self->created_after != NULL &&
      (created == NULL || g_date_time_compare (created, self->created_after) <= 0))
    return FALSE;
  if (self->created_before != NULL &&
      (created == NULL || g_date_time_compare (created, self->created_before) >= 0))
    return FALSE;

  return TRUE;
}

/**
 * medusa_order_query_clear_filters:
 *
 * Makes @self ask for the whole history again, as it pages and details it.
 */
void
medusa_order_query_clear_filters (MedusaOrderQuery *self)
{
  medusa_order_query_set_search (self, NULL);
  medusa_order_query_set_statuses (self, NULL);
  medusa_order_query_set_fulfillment_statuses (self, NULL);
  medusa_order_query_set_payment_statuses (self, NULL);
  medusa_order_query_set_created_range (self, NULL, NULL);
}

void
medusa_order_query_set_expand (MedusaOrderQuery *self,
                               const char       *expand)
{
  replace_string (&self->expand, expand);
}

const char *
medusa_order_query_get_expand (const MedusaOrderQuery *self)
{
  return self->expand;
}

void
medusa_order_query_set_fields (MedusaOrderQuery *self,
                               const char       *fields)
{
  replace_string (&self->fields, fields);
}

const char *
medusa_order_query_get_fields (const MedusaOrderQuery *self)
{
  return self->fields;
}

/**
 * medusa_order_query_set_detail:
 *
 * How much of each order to ask for. A dialect-specific field list
 * (medusa_order_query_set_fields()) or expansion, where set, wins over it.
 */
void
medusa_order_query_set_detail (MedusaOrderQuery  *self,
                               MedusaOrderDetail  detail)
{
  g_return_if_fail (self != NULL);

  self->detail = detail;
}

MedusaOrderDetail
medusa_order_query_get_detail (const MedusaOrderQuery *self)
{
  g_return_val_if_fail (self != NULL, MEDUSA_ORDER_DETAIL_FULL);

  return self->detail;
}
