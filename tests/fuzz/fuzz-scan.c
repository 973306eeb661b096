/* fuzz-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 *
 * The guard before json-glib against json-glib itself: whatever
 * medusa_json_scan() lets through, json-glib 1.6 parses into a tree no
 * deeper and with no more nodes than the scan measured, and the scan's
 * estimate of the tree's bytes covers what json-glib allocates. (json-glib
 * only ever sees what the scan took: on anything else it could recurse
 * until the stack overflows, which is the point of the scan.)
 */

#include "config.h"

#include <sanitizer/allocator_interface.h>
#include <stdint.h>
#include <stdlib.h>

#include "medusa-json.h"
#include "fuzz-log.h"

int LLVMFuzzerInitialize   (int            *argc,
                            char         ***argv);
int LLVMFuzzerTestOneInput (const uint8_t *data,
                            size_t         size);

/* What a parser costs besides its tree. */
#define PARSER_SIZE 4096

/* The depth of containers at @node, and its values and members in *@n_nodes. */
static guint
tree_depth (JsonNode *node,
            gsize    *n_nodes)
{
  guint deepest = 0;

  (*n_nodes)++;
  if (JSON_NODE_HOLDS_OBJECT (node))
    {
      JsonObjectIter iter;
      JsonNode *member;

      json_object_iter_init (&iter, json_node_get_object (node));
      while (json_object_iter_next (&iter, NULL, &member))
        {
          guint depth = tree_depth (member, n_nodes);

          (*n_nodes)++;
          deepest = MAX (deepest, depth);
        }
      return deepest + 1;
    }

  if (JSON_NODE_HOLDS_ARRAY (node))
    {
      JsonArray *array = json_node_get_array (node);

      for (guint i = 0; i < json_array_get_length (array); i++)
        {
          guint depth = tree_depth (json_array_get_element (array, i), n_nodes);

          deepest = MAX (deepest, depth);
        }
      return deepest + 1;
    }

  return 0;
}

/* the types json-glib registers once, out of the measure */
int
LLVMFuzzerInitialize (int    *argc,
                      char ***argv)
{
  g_autoptr(JsonParser) parser = NULL;

  g_log_set_writer_func (fuzz_abort_on_warning, NULL, NULL);
  parser = json_parser_new_immutable ();
  json_parser_load_from_data (parser, "{\"a\": [1, 1.5, \"b\", true, null, {}]}", -1, NULL);

  return 0;
}

int
LLVMFuzzerTestOneInput (const uint8_t *data,
                        size_t         size)
{
  g_autoptr(JsonParser) parser = NULL;
  MedusaJsonShape shape;
  gsize n_nodes = 0;
  gsize before;
  gsize tree;
  guint depth;

  if (!medusa_json_scan ((const char *) data, size, &shape))
    return 0;

  g_assert_cmpuint (shape.depth, <=, MEDUSA_JSON_MAX_DEPTH);
  before = __sanitizer_get_current_allocated_bytes ();
  parser = json_parser_new_immutable ();
  if (!json_parser_load_from_data (parser, (const char *) data, size, NULL))
    return 0;   /* stricter than the scan (a number too long for it, say): safe */
  tree = __sanitizer_get_current_allocated_bytes () - before;

  depth = tree_depth (json_parser_get_root (parser), &n_nodes);
  if (depth > shape.depth || n_nodes > shape.n_nodes || tree > shape.tree_size + PARSER_SIZE)
    {
      g_autofree char *head = g_strndup ((const char *) data, MIN (size, 300));
      g_autofree char *shown = g_strescape (head, NULL);

      g_printerr ("json-glib built depth %u, %" G_GSIZE_FORMAT " nodes, %" G_GSIZE_FORMAT
                  " bytes where the scan measured %u, %" G_GSIZE_FORMAT ", %" G_GSIZE_FORMAT
                  ": %s\n", depth, n_nodes, tree, shape.depth, shape.n_nodes, shape.tree_size,
                  shown);
      abort ();
    }

  return 0;
}
