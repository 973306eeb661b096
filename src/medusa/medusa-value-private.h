/* medusa-value-private.h
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * What the model classes' setters share: comparing and replacing a
 * string, a date or a JSON object, any of which may be unset.
 */

#pragma once

#include <json-glib/json-glib.h>

G_BEGIN_DECLS

/* Replaces *@slot with a copy of @value unless they are equal, as GLib
 * 2.76's g_set_str() does (@value may be *@slot's own text): %TRUE if it
 * changed. */
static inline gboolean
medusa_set_str (char       **slot,
                const char  *value)
{
  char *copy;

  if (g_strcmp0 (*slot, value) == 0)
    return FALSE;

  copy = g_strdup (value);
  g_free (*slot);
  *slot = copy;

  return TRUE;
}

/* %TRUE if @a and @b are the same instant, or both unset */
static inline gboolean
medusa_date_time_equal0 (GDateTime *a,
                         GDateTime *b)
{
  if (a == NULL || b == NULL)
    return a == b;

  return g_date_time_equal (a, b);
}

/* Replaces *@slot with a reference to @value unless they are equal, as
 * g_set_object() does: %TRUE if it changed. */
static inline gboolean
medusa_set_date_time (GDateTime **slot,
                      GDateTime  *value)
{
  if (medusa_date_time_equal0 (*slot, value))
    return FALSE;

  if (value != NULL)
    g_date_time_ref (value);
  g_clear_pointer (slot, g_date_time_unref);
  *slot = value;

  return TRUE;
}

/* the same for a JSON object (metadata), compared member by member */
static inline gboolean
medusa_set_json_object (JsonObject **slot,
                        JsonObject  *value)
{
  if (*slot == value || (*slot != NULL && value != NULL && json_object_equal (*slot, value)))
    return FALSE;

  if (value != NULL)
    json_object_ref (value);
  g_clear_pointer (slot, json_object_unref);
  *slot = value;

  return TRUE;
}

G_END_DECLS
