/* medusa-json-scan.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "medusa-json"

#include "config.h"

#include <string.h>

#include "medusa-json-private.h"

/*
 * What a body must be before json-glib sees it (medusa_json_scan()), and
 * the pre-pass that copies of an answer only the members a table names
 * (medusa_json_slim_down(), medusa_json_keep_only()). Nothing here knows a
 * member's name: the tables are the dialects'.
 */

/*
 * json-glib 1.6 reads far more than JSON: comments (C's, and from one '/' to the next),
 * single-quoted strings, hexadecimal, octal and binary numbers, a leading
 * "var name =" and a byte order mark. A scan that modelled only JSON could
 * be fooled ('"' hides what follows from it), and json-glib recurses once
 * per level of nesting: a million '[' overflow the stack. So nothing but
 * strict JSON (RFC 8259) reaches json-glib: medusa_json_scan() refuses
 * anything else, and on what it takes, json-glib builds the tree the scan
 * measured, no deeper and no larger (tests/fuzz/fuzz-scan.c compares them).
 *
 * What json-glib 1.6.6 allocates per node on 64-bit glibc, measured and
 * rounded up: an object 304 bytes, a list 120, a member 170 besides its
 * name, a number 84, a string 116 besides its text. A long string is also
 * gathered in a GString that doubles as it grows.
 */
#define TREE_OBJECT 320
#define TREE_ARRAY  144
#define TREE_MEMBER 192
#define TREE_VALUE  96
#define TREE_STRING 128

static inline gboolean
is_json_space (char c)
{
  return c == ' ' || c == '\n' || c == '\r' || c == '\t';
}

static int
hex_value (char c)
{
  if (c >= '0' && c <= '9')
    return c - '0';
  if (c >= 'a' && c <= 'f')
    return c - 'a' + 10;
  if (c >= 'A' && c <= 'F')
    return c - 'A' + 10;
  return -1;
}

/* \uXXXX at @p (the 'u'): its code unit, or -1 */
static int
scan_code_unit (const char *p,
                const char *end)
{
  int unit = 0;

  if (end - p < 5)
    return -1;
  for (guint i = 1; i <= 4; i++)
    {
      int digit = hex_value (p[i]);

      if (digit < 0)
        return -1;
      unit = unit * 16 + digit;
    }

  return unit;
}

typedef enum
{
  STRING_PLAIN,
  STRING_ESCAPED,
  STRING_SURROGATES,   /* escaped surrogate pairs among its escapes */
} StringKind;

/* A string at *@p, its opening quote: leaves *@p after the closing one, its
 * length in *@length and whether it has escapes in *@kind. Escapes are
 * JSON's only; a surrogate must be half of a pair, and no escape may make a
 * NUL (json-glib would cut the text there). */
static gboolean
scan_string (const char **p,
             const char  *end,
             gsize       *length,
             StringKind  *kind)
{
  const char *start = *p + 1;
  gboolean ascii = TRUE;

  *kind = STRING_PLAIN;

  for (const char *q = start; q < end; q++)
    {
      guchar c = (guchar) *q;

      if (c == '"')
        {
          if (!ascii && !g_utf8_validate (start, q - start, NULL))
            return FALSE;
          *length = q - start;
          *p = q + 1;
          return TRUE;
        }
      if (c < 0x20)
        return FALSE;
      if (c >= 0x80)
        ascii = FALSE;
      else if (c == '\\')
        {
          int unit;

          if (++q >= end)
            return FALSE;
          *kind = MAX (*kind, STRING_ESCAPED);
          if (strchr ("\"\\/bfnrt", *q) != NULL && *q != '\0')
            continue;
          if (*q != 'u' || (unit = scan_code_unit (q, end)) <= 0)
            return FALSE;
          q += 4;
          if (unit >= 0xdc00 && unit <= 0xdfff)
            return FALSE;
          if (unit >= 0xd800 && unit <= 0xdbff)
            {
              if (end - q < 3 || q[1] != '\\' || q[2] != 'u')
                return FALSE;
              unit = scan_code_unit (q + 2, end);
              if (unit < 0xdc00 || unit > 0xdfff)
                return FALSE;
              q += 6;
              *kind = STRING_SURROGATES;
            }
        }
    }

  return FALSE;
}

static const char *
scan_digits (const char *p,
             const char *end)
{
  while (p < end && g_ascii_isdigit (*p))
    p++;

  return p;
}

/* A JSON number, -?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?, at @p: the
 * end of it, or NULL. */
const char *
medusa_json_scan_number (const char *p,
                         const char *end)
{
  const char *digits;

  if (p < end && *p == '-')
    p++;
  if (p >= end || !g_ascii_isdigit (*p))
    return NULL;
  p = *p == '0' ? p + 1 : scan_digits (p, end);
  if (p < end && *p == '.')
    {
      digits = p + 1;
      if ((p = scan_digits (digits, end)) == digits)
        return NULL;
    }
  if (p < end && (*p == 'e' || *p == 'E'))
    {
      p++;
      if (p < end && (*p == '+' || *p == '-'))
        p++;
      digits = p;
      if ((p = scan_digits (digits, end)) == digits)
        return NULL;
    }

  return p;
}

static const char *
scan_word (const char *p,
           const char *end,
           const char *word)
{
  gsize length = strlen (word);

  if ((gsize) (end - p) < length || memcmp (p, word, length) != 0)
    return NULL;

  return p + length;
}

/**
 * medusa_json_scan:
 * @data: a body
 * @size: its length
 * @shape: (out): what it holds
 *
 * Checks without recursion, in one pass and constant memory, that @data is
 * strict JSON (RFC 8259: no comments, no single quotes, no bare words, no
 * hexadecimal, no byte order mark, nothing after the value), nested no
 * deeper than %MEDUSA_JSON_MAX_DEPTH and with no escaped NUL or lone
 * surrogate, and measures it.
 *
 * Returns: whether it is
 */
gboolean
medusa_json_scan (const char      *data,
                  gsize            size,
                  MedusaJsonShape *shape)
{
  const char *p = data;
  const char *end = data + size;
  char open[MEDUSA_JSON_MAX_DEPTH];   /* the containers we are in: '{' or '[' */
  gboolean in_object = FALSE;         /* a member's name comes next */
  guint depth = 0;
  gsize longest = 0;
  gsize length;
  StringKind kind;

  memset (shape, 0, sizeof *shape);
  if (data == NULL)
    return FALSE;

  for (;;)
    {
      if (in_object)
        {
          while (p < end && is_json_space (*p))
            p++;
          if (p >= end || *p != '"' || !scan_string (&p, end, &length, &kind))
            return FALSE;
          shape->n_nodes++;
          shape->tree_size += TREE_MEMBER + length;
          longest = MAX (longest, length);
          while (p < end && is_json_space (*p))
            p++;
          if (p >= end || *p++ != ':')
            return FALSE;
        }

      /* a value */
      while (p < end && is_json_space (*p))
        p++;
      if (p >= end)
        return FALSE;

      shape->n_nodes++;
      switch (*p)
        {
        case '{':
        case '[':
          if (depth == MEDUSA_JSON_MAX_DEPTH)
            return FALSE;
          open[depth++] = *p;
          shape->depth = MAX (shape->depth, depth);
          shape->tree_size += *p == '{' ? TREE_OBJECT : TREE_ARRAY;
          in_object = *p == '{';
          p++;
          while (p < end && is_json_space (*p))
            p++;
          if (p >= end || *p != (in_object ? '}' : ']'))
            continue;   /* to its first member or element */
          p++;
          depth--;
          break;

        case '"':
          if (!scan_string (&p, end, &length, &kind))
            return FALSE;
          shape->tree_size += TREE_STRING + length;
          longest = MAX (longest, length);
          break;

        case 't':
          p = scan_word (p, end, "true");
          shape->tree_size += TREE_VALUE;
          break;

        case 'f':
          p = scan_word (p, end, "false");
          shape->tree_size += TREE_VALUE;
          break;

        case 'n':
          p = scan_word (p, end, "null");
          shape->tree_size += TREE_VALUE;
          break;

        default:
          p = medusa_json_scan_number (p, end);
          shape->tree_size += TREE_VALUE;
          break;
        }
      if (p == NULL)
        return FALSE;

      /* after a value: the ends of containers, then a comma or the end */
      for (;;)
        {
          while (p < end && is_json_space (*p))
            p++;
          if (depth == 0)
            {
              shape->tree_size += 2 * longest;
              return p == end;
            }
          if (p >= end)
            return FALSE;
          if (*p != (open[depth - 1] == '{' ? '}' : ']'))
            break;
          p++;
          depth--;
        }
      if (*p++ != ',')
        return FALSE;
      in_object = open[depth - 1] == '{';
    }
}

/*
 * The pre-pass copies of an answer only the members a table names
 * (MedusaJsonKeep: medusa-json-orders.c says why for v1's order lists).
 *
 * The pre-pass is strict: anything it does not find plainly valid (a
 * syntax error, a control character or invalid UTF-8 in a string, an
 * escaped surrogate, a member name with an escape, text after the root…)
 * makes it give up, and json-glib parses the body as it came, so a
 * malformed body fails exactly as before.
 */
typedef struct
{
  const char *p;
  const char *end;
  GString    *out;
  guint       depth;
  gboolean    strict;   /* the offline copy's: medusa_json_keep_only() */
} Slim;

static void
slim_skip_space (Slim *s)
{
  while (s->p < s->end && (*s->p == ' ' || *s->p == '\n' || *s->p == '\r' || *s->p == '\t'))
    s->p++;
}

/* A string at s->p, which is its opening quote; leaves s->p after the
 * closing one. @plain says whether it has no escape. Escaped surrogates
 * make the pre-pass give up: the tests parse a body whole by adding one. */
static gboolean
slim_string (Slim     *s,
             gboolean *plain)
{
  StringKind kind;
  gsize length;

  if (!scan_string (&s->p, s->end, &length, &kind) || kind == STRING_SURROGATES)
    return FALSE;
  *plain = kind == STRING_PLAIN;

  return TRUE;
}

/* A number, or a word such as "true", at s->p (@after is where the scan
 * found its end, NULL if not there) */
static gboolean
slim_token (Slim       *s,
            const char *after)
{
  if (after == NULL)
    return FALSE;
  s->p = after;

  return TRUE;
}

static gboolean slim_value (Slim *s, const MedusaJsonKeep *keep, gboolean copy);

/* An object or a list at s->p; with @keep, an object keeps only the
 * members it names, and a list's objects likewise. */
static gboolean
slim_container (Slim                 *s,
                const MedusaJsonKeep *keep,
                gboolean              copy)
{
  gboolean is_object = *s->p == '{';
  char close = is_object ? '}' : ']';
  gboolean first = TRUE;

  if (++s->depth > MEDUSA_JSON_MAX_DEPTH)
    return FALSE;
  if (copy)
    g_string_append_c (s->out, *s->p);
  s->p++;
  slim_skip_space (s);
  if (s->p < s->end && *s->p == close)
    goto done;

  for (;;)
    {
      slim_skip_space (s);
      if (s->p >= s->end)
        return FALSE;

      if (is_object)
        {
          const char *name = s->p;
          const MedusaJsonKeep *member = NULL;
          gboolean plain;
          gboolean keep_it = keep == NULL;

          const char *name_end;

          if (*s->p != '"' || !slim_string (s, &plain))
            return FALSE;
          name_end = s->p;
          if (keep != NULL && !plain)
            keep_it = !s->strict;   /* a name with escapes: kept as it is, or not at all */
          else if (keep != NULL)
            {
              gsize length = s->p - name - 2;

              for (member = keep; member->name != NULL; member++)
                {
                  if (strlen (member->name) == length && memcmp (member->name, name + 1, length) == 0)
                    break;
                }
              keep_it = member->name != NULL;
            }

          slim_skip_space (s);
          if (s->p >= s->end || *s->p != ':')
            return FALSE;
          s->p++;
          slim_skip_space (s);
          if (s->strict && s->p < s->end && (*s->p == '{' || *s->p == '[') &&
              (member == NULL || member->members == NULL))
            keep_it = FALSE;   /* an object or a list not in a table of its own */

          if (copy && keep_it)
            {
              if (!first)
                g_string_append_c (s->out, ',');
              g_string_append_len (s->out, name, name_end - name);
              g_string_append_c (s->out, ':');
              first = FALSE;
            }

          if (!slim_value (s, member != NULL ? member->members : NULL, copy && keep_it))
            return FALSE;
        }
      else
        {
          if (copy && !first)
            g_string_append_c (s->out, ',');
          first = FALSE;
          if (!slim_value (s, keep, copy))
            return FALSE;
        }

      slim_skip_space (s);
      if (s->p >= s->end)
        return FALSE;
      if (*s->p == close)
        break;
      if (*s->p != ',')
        return FALSE;
      s->p++;
    }

done:
  if (copy)
    g_string_append_c (s->out, close);
  s->p++;
  s->depth--;

  return TRUE;
}

/* A value at s->p (no space before it), copied when @copy. */
static gboolean
slim_value (Slim                 *s,
            const MedusaJsonKeep *keep,
            gboolean              copy)
{
  const char *start = s->p;
  gboolean ok;
  gboolean plain;

  if (s->p >= s->end)
    return FALSE;

  switch (*s->p)
    {
    case '{':
    case '[':
      if (keep != NULL || !copy)
        return slim_container (s, keep, copy);
      ok = slim_container (s, NULL, FALSE);
      break;

    case '"':
      ok = slim_string (s, &plain);
      break;

    case 't':
      ok = slim_token (s, scan_word (s->p, s->end, "true"));
      break;

    case 'f':
      ok = slim_token (s, scan_word (s->p, s->end, "false"));
      break;

    case 'n':
      ok = slim_token (s, scan_word (s->p, s->end, "null"));
      break;

    default:
      ok = slim_token (s, medusa_json_scan_number (s->p, s->end));
      break;
    }

  if (ok && copy)
    g_string_append_len (s->out, start, s->p - start);

  return ok;
}

/* The members of @data that @keep names, as a smaller JSON text; NULL when
 * @data is not plainly a valid JSON object. */
GBytes *
medusa_json_slim_down (const char           *data,
                       gsize                 size,
                       const MedusaJsonKeep *keep,
                       gboolean              strict)
{
  Slim s = { data, data + size, NULL, 0, strict };
  g_autoptr(GString) out = g_string_sized_new (size / 4);

  s.out = out;
  slim_skip_space (&s);
  if (s.p >= s.end || *s.p != '{' || !slim_container (&s, keep, TRUE))
    return NULL;
  slim_skip_space (&s);
  if (s.p != s.end)
    return NULL;

  return g_string_free_to_bytes (g_steal_pointer (&out));
}

/* What a parser reads of @body (@keep, leniently: a member without a table
 * whole), before json-glib sees it; @body itself when it is not plainly a
 * JSON object, for the parser to say what is wrong with it. */
GBytes *
medusa_json_slim_body (GBytes               *body,
                       const MedusaJsonKeep *keep)
{
  GBytes *slim = NULL;
  gsize size = 0;
  const char *data = body != NULL ? g_bytes_get_data (body, &size) : NULL;

  if (data != NULL)
    slim = medusa_json_slim_down (data, size, keep, FALSE);

  return slim != NULL ? slim : (body != NULL ? g_bytes_ref (body) : NULL);
}

/**
 * medusa_json_keep_only:
 * @body: an answer
 * @keep: what of it to keep: a dialect's table
 *
 * The members of @body that @keep names, and of those holding an object
 * or a list only what their tables name, as a smaller JSON text: what the
 * offline copy keeps. Takes time that grows with @body: not for a main
 * loop.
 *
 * Returns: (transfer full) (nullable): that text, or %NULL when @body is
 *   not plainly a valid JSON object
 */
GBytes *
medusa_json_keep_only (GBytes               *body,
                       const MedusaJsonKeep *keep)
{
  gsize size = 0;
  const char *data;

  g_return_val_if_fail (body != NULL && keep != NULL, NULL);

  data = g_bytes_get_data (body, &size);
  if (data == NULL)
    return NULL;

  return medusa_json_slim_down (data, size, keep, TRUE);
}
