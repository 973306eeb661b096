/* patron-prefix-model.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-prefix-model"

#include "config.h"

#include "patron-prefix-model.h"

/**
 * PatronPrefixModel:
 *
 * The first #PatronPrefixModel:size items of a list model, for a list that
 * makes its rows a few at a time. Unlike #GtkSliceListModel, which passes a
 * change as the removal of every item after it and their coming back (so a
 * list bound to it makes all those rows again: 499 for the first of 500
 * addresses deleted, each with its buttons new to a screen reader), it
 * passes on each change as it is: the items changed, and those shifted
 * into or out of its end.
 *
 * With a maximum growth (patron_prefix_model_set_max_growth()), a change
 * of the model that would bring more than that many new items into it (a
 * store's answer with 500 more addresses) lowers its size instead: it holds
 * that many of them, the items before them and none after, and a list
 * bound to it makes the rest of its rows as its size grows again.
 */

struct _PatronPrefixModel
{
  GObject     parent_instance;

  GListModel *model;
  guint       size;
  guint       max_growth;  /* 0: any */
  guint       n_items;   /* what it holds now: MIN (size, the model's) */
};

static GType
patron_prefix_model_get_item_type (GListModel *list)
{
  return g_list_model_get_item_type (PATRON_PREFIX_MODEL (list)->model);
}

static guint
patron_prefix_model_get_n_items (GListModel *list)
{
  return PATRON_PREFIX_MODEL (list)->n_items;
}

static gpointer
patron_prefix_model_get_item (GListModel *list,
                              guint       position)
{
  PatronPrefixModel *self = PATRON_PREFIX_MODEL (list);

  if (position >= self->n_items)
    return NULL;

  return g_list_model_get_item (self->model, position);
}

static void
patron_prefix_model_list_model_init (GListModelInterface *iface)
{
  iface->get_item_type = patron_prefix_model_get_item_type;
  iface->get_n_items = patron_prefix_model_get_n_items;
  iface->get_item = patron_prefix_model_get_item;
}

G_DEFINE_FINAL_TYPE_WITH_CODE (PatronPrefixModel, patron_prefix_model, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL,
                                                      patron_prefix_model_list_model_init))

/* Holds @n_items now: the items at its end come or go. */
static void
change_end (PatronPrefixModel *self,
            guint              n_items)
{
  guint before = self->n_items;

  self->n_items = n_items;
  if (n_items > before)
    g_list_model_items_changed (G_LIST_MODEL (self), before, 0, n_items - before);
  else if (n_items < before)
    g_list_model_items_changed (G_LIST_MODEL (self), n_items, before - n_items, 0);
}

static void
items_changed_cb (PatronPrefixModel *self,
                  guint              position,
                  guint              removed,
                  guint              added,
                  GListModel        *model)
{
  guint shown_removed;
  guint shown_added;
  guint n_items;

  if (position < self->n_items)
    {
      /* the change itself, inside: the items after it shift as in the
       * model as long as they stay inside */
      shown_removed = MIN (removed, self->n_items - position);
      shown_added = MIN (added, self->size - position);
      if (self->max_growth > 0 && shown_added > self->max_growth)
        {
          /* many new items: the first of them, and those after them later */
          self->size = position + self->max_growth;
          shown_added = self->max_growth;
        }
      self->n_items = self->n_items - shown_removed + shown_added;
      if (shown_removed > 0 || shown_added > 0)
        g_list_model_items_changed (G_LIST_MODEL (self), position, shown_removed, shown_added);
    }

  /* then its end: items shifted out, or in from beyond it */
  n_items = MIN (self->size, g_list_model_get_n_items (model));
  if (self->max_growth > 0 && n_items > self->n_items + self->max_growth)
    n_items = self->size = self->n_items + self->max_growth;
  change_end (self, n_items);
}

static void
patron_prefix_model_dispose (GObject *object)
{
  PatronPrefixModel *self = PATRON_PREFIX_MODEL (object);

  if (self->model != NULL)
    g_signal_handlers_disconnect_by_data (self->model, self);
  g_clear_object (&self->model);

  G_OBJECT_CLASS (patron_prefix_model_parent_class)->dispose (object);
}

static void
patron_prefix_model_class_init (PatronPrefixModelClass *klass)
{
  G_OBJECT_CLASS (klass)->dispose = patron_prefix_model_dispose;
}

static void
patron_prefix_model_init (PatronPrefixModel *self)
{
}

/**
 * patron_prefix_model_new:
 * @model: the whole list
 * @size: how many of its first items to hold
 *
 * Returns: (transfer full): the first @size items of @model
 */
PatronPrefixModel *
patron_prefix_model_new (GListModel *model,
                         guint       size)
{
  PatronPrefixModel *self;

  g_return_val_if_fail (G_IS_LIST_MODEL (model), NULL);

  self = g_object_new (PATRON_TYPE_PREFIX_MODEL, NULL);
  self->model = g_object_ref (model);
  self->size = size;
  self->n_items = MIN (size, g_list_model_get_n_items (model));
  g_signal_connect_object (model, "items-changed", G_CALLBACK (items_changed_cb), self,
                           G_CONNECT_SWAPPED);

  return self;
}

GListModel *
patron_prefix_model_get_model (PatronPrefixModel *self)
{
  g_return_val_if_fail (PATRON_IS_PREFIX_MODEL (self), NULL);

  return self->model;
}

guint
patron_prefix_model_get_size (PatronPrefixModel *self)
{
  g_return_val_if_fail (PATRON_IS_PREFIX_MODEL (self), 0);

  return self->size;
}

/**
 * patron_prefix_model_set_size:
 * @size: how many of the model's first items to hold now (%G_MAXUINT: all)
 */
void
patron_prefix_model_set_size (PatronPrefixModel *self,
                              guint              size)
{
  g_return_if_fail (PATRON_IS_PREFIX_MODEL (self));

  self->size = size;
  change_end (self, MIN (size, g_list_model_get_n_items (self->model)));
}

/**
 * patron_prefix_model_set_max_growth:
 * @max_growth: how many items a change of the model may add at once (0: any)
 */
void
patron_prefix_model_set_max_growth (PatronPrefixModel *self,
                                    guint              max_growth)
{
  g_return_if_fail (PATRON_IS_PREFIX_MODEL (self));

  self->max_growth = max_growth;
}
