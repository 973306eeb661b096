/* patron-form.c
 *
 * SPDX-License-Identifier: GPL-3.0-or-later
 */

#define G_LOG_DOMAIN "patron-form"

#include "config.h"

#include <glib/gi18n.h>
#include <string.h>

#include <adwaita.h>

#include "patron-form.h"
#include "patron-text.h"

/* What every form of Patron shares: validation as pure functions, tested
 * without a display, and the busy and error states of a form. */

/* the bytes before the "@" the store takes at most */
#define MAX_EMAIL_LOCAL_PART 64

/**
 * patron_email_is_valid:
 *
 * A cheap check before asking the store: one "@" with something on both
 * sides and a dot in the domain, no blanks.
 */
gboolean
patron_email_is_valid (const char *email)
{
  const char *at;
  const char *dot;

  /* what the store's own check takes (Medusa's class-validator IsEmail) */
  if (email == NULL || patron_text_is_longer (email, PATRON_MAX_EMAIL_LENGTH))
    return FALSE;

  for (const char *p = email; *p != '\0'; p++)
    if (g_ascii_isspace (*p) || g_ascii_iscntrl (*p))
      return FALSE;

  at = strchr (email, '@');
  if (at == NULL || at == email || at - email > MAX_EMAIL_LOCAL_PART ||
      strchr (at + 1, '@') != NULL)
    return FALSE;

  dot = strrchr (at + 1, '.');
  return dot != NULL && dot > at + 1 && dot[1] != '\0';
}

/**
 * patron_join_words:
 * @words: (array zero-terminated=1): what to list, e.g. field names
 *
 * Returns: (transfer full): @words as a sentence lists them: "city",
 *   "city and postal code", "address, city and postal code"
 */
char *
patron_join_words (const char * const *words)
{
  g_autofree char *joined = NULL;
  guint n = words != NULL ? g_strv_length ((char **) words) : 0;

  if (n == 0)
    return g_strdup ("");

  joined = g_strdup (words[n - 1]);
  for (guint i = n - 1; i > 0; i--)
    {
      char *longer;

      if (i == n - 1)
        /* Translators: the last two of a list, e.g. "city and postal code" */
        longer = g_strdup_printf (C_("list", "%s and %s"), words[i - 1], joined);
      else
        /* Translators: two items before the end of a list, e.g. "address, city" */
        longer = g_strdup_printf (C_("list", "%s, %s"), words[i - 1], joined);
      g_free (joined);
      joined = longer;
    }

  return g_steal_pointer (&joined);
}

/**
 * patron_check_new_password:
 *
 * Returns: (transfer full) (nullable): what is wrong with a new password
 *   typed twice, or %NULL if it will do
 */
char *
patron_check_new_password (const char *password,
                           const char *repeated)
{
  if (password == NULL || g_utf8_strlen (password, -1) < PATRON_MIN_PASSWORD_LENGTH)
    return g_strdup_printf (ngettext ("The password needs at least %d character.",
                                      "The password needs at least %d characters.",
                                      PATRON_MIN_PASSWORD_LENGTH),
                            PATRON_MIN_PASSWORD_LENGTH);

  if (g_strcmp0 (password, repeated) != 0)
    return g_strdup (_("The two passwords are not the same."));

  return NULL;
}

/**
 * patron_form_state_password_rule:
 * @password_row: where a new password is typed, in an #AdwPreferencesGroup
 *
 * Says what a new password needs where it is chosen, before anything fails:
 * above its group's rows, and to a screen reader in the password field.
 */
void
patron_form_state_password_rule (GtkWidget *password_row)
{
  GtkWidget *group = gtk_widget_get_ancestor (password_row, ADW_TYPE_PREFERENCES_GROUP);
  g_autofree char *rule = g_strdup_printf (ngettext ("Use at least %d character.",
                                                     "Use at least %d characters.",
                                                     PATRON_MIN_PASSWORD_LENGTH),
                                           PATRON_MIN_PASSWORD_LENGTH);

  adw_preferences_group_set_description (ADW_PREFERENCES_GROUP (group), rule);
  gtk_accessible_update_property (GTK_ACCESSIBLE (password_row),
                                  GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, rule, -1);
}

/**
 * patron_form_dup_text:
 *
 * Returns: (transfer full): the text of @editable without surrounding blanks
 */
char *
patron_form_dup_text (GtkEditable *editable)
{
  return g_strstrip (g_strdup (gtk_editable_get_text (editable)));
}

/**
 * patron_form_show_error:
 * @message: (nullable): the sentence, or %NULL to hide the label
 */
void
patron_form_show_error (GtkLabel   *label,
                        const char *message)
{
  /* the sentence is no longer about a field's length */
  g_object_set_data (G_OBJECT (label), "patron-too-long", NULL);
  gtk_label_set_text (label, message != NULL ? message : "");
  gtk_widget_set_visible (GTK_WIDGET (label), message != NULL && message[0] != '\0');
}

/**
 * patron_form_show_failure:
 * @action: what the user was doing, for the wording
 *
 * Shows @error as a sentence in @label, unless it is a cancellation, which
 * the user asked for and is told nothing about.
 *
 * Returns: %TRUE if a sentence is shown
 */
gboolean
patron_form_show_failure (GtkLabel     *label,
                          const GError *error,
                          PatronAction  action)
{
  g_autofree char *sentence = NULL;

  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    return FALSE;

  sentence = patron_error_to_sentence (error, action);
  patron_form_show_error (label, sentence);

  return TRUE;
}

/* GTK 4.8 takes the focus from a field that becomes insensitive, but the
 * field's text never hears of it, and its cursor's blink warns ("did not
 * receive a focus-out event"): the focus in @widget goes first, as it would. */
static void
let_go_of_focus (GtkWidget *widget)
{
  GtkRoot *root = gtk_widget_get_root (widget);
  GtkWidget *focus = root != NULL ? gtk_root_get_focus (root) : NULL;

  if (focus != NULL && (focus == widget || gtk_widget_is_ancestor (focus, widget)))
    gtk_root_set_focus (root, NULL);
}

/**
 * patron_form_set_sensitive:
 *
 * gtk_widget_set_sensitive() for a part of a form, the focus in it let go
 * of first (GTK 4.8 would take it without telling the field).
 */
void
patron_form_set_sensitive (GtkWidget *widget,
                           gboolean   sensitive)
{
  if (!sensitive)
    let_go_of_focus (widget);
  gtk_widget_set_sensitive (widget, sensitive);
}

/**
 * patron_form_offline_to_sensitive:
 *
 * A #GBindingTransformFunc from a session's #PatronSession:offline to a
 * form part's #GtkWidget:sensitive, which lets go of the focus in the part
 * first, as patron_form_set_sensitive() does; the binding sets the property.
 */
gboolean
patron_form_offline_to_sensitive (GBinding     *binding,
                                  const GValue *from_value,
                                  GValue       *to_value,
                                  gpointer      user_data)
{
  gboolean sensitive = !g_value_get_boolean (from_value);
  g_autoptr(GObject) target = g_binding_dup_target (binding);

  if (!sensitive && GTK_IS_WIDGET (target))
    let_go_of_focus (GTK_WIDGET (target));
  g_value_set_boolean (to_value, sensitive);

  return TRUE;
}

/**
 * patron_form_set_busy:
 *
 * While a request runs the form can't be changed and its spinner turns;
 * what was typed stays as it was.
 */
void
patron_form_set_busy (GtkWidget *form,
                      GtkWidget *spinner,
                      gboolean   busy)
{
  patron_form_set_sensitive (form, !busy);
  gtk_widget_set_visible (spinner, busy);
  gtk_spinner_set_spinning (GTK_SPINNER (spinner), busy);
}

typedef gboolean (*ChildMatch) (GtkWidget *widget);

static GtkWidget *
find_descendant (GtkWidget  *widget,
                 ChildMatch  match)
{
  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = match (child) ? child : find_descendant (child, match);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/* libadwaita's show/hide button: a plain button with the reveal icon */
static gboolean
is_reveal_button (GtkWidget *widget)
{
  return GTK_IS_BUTTON (widget) &&
         g_str_has_prefix (gtk_button_get_icon_name (GTK_BUTTON (widget)) ?: "", "view-");
}

static gboolean
is_text (GtkWidget *widget)
{
  return GTK_IS_TEXT (widget);
}

static void
hide_password_cb (GtkWidget *row,
                  GtkWidget *button)
{
  GtkWidget *text = find_descendant (row, is_text);

  /* the button knows whether the text is shown: it is clicked back */
  if (text != NULL && gtk_text_get_visibility (GTK_TEXT (text)))
    g_signal_emit_by_name (button, "clicked");
}

/* what the button does now, as its tooltip says it ("Show Text", "Hide
 * Text"): libadwaita 1.2 leaves its name to the icon, "GtkImage" */
static void
reveal_tooltip_cb (GtkWidget *button)
{
  const char *tooltip = gtk_widget_get_tooltip_text (button);

  gtk_accessible_update_property (GTK_ACCESSIBLE (button), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                  tooltip != NULL && tooltip[0] != '\0' ? tooltip
                                                                         : _("Show Password"),
                                  -1);
}

static void
show_text_cb (GSimpleAction *action,
              GVariant      *state,
              gpointer       user_data)
{
  GtkWidget *button = user_data;
  GtkWidget *text = find_descendant (gtk_widget_get_ancestor (button, ADW_TYPE_PASSWORD_ENTRY_ROW),
                                     is_text);

  /* the button knows whether the text is shown: it is clicked */
  if (text != NULL && gtk_text_get_visibility (GTK_TEXT (text)) != g_variant_get_boolean (state))
    g_signal_emit_by_name (button, "clicked");
}

static void
text_visibility_cb (GtkText       *text,
                    GParamSpec    *pspec,
                    GSimpleAction *action)
{
  g_simple_action_set_state (action, g_variant_new_boolean (gtk_text_get_visibility (text)));
}

/* The keyboard's way to the reveal button, which Tab passes by: the text
 * field's context menu (Menu key, Shift+F10) has "Show Text", as
 * GtkPasswordEntry's has. */
static void
offer_show_text (GtkWidget *row,
                 GtkWidget *button)
{
  GtkWidget *text = find_descendant (row, is_text);
  g_autoptr(GSimpleActionGroup) group = NULL;
  g_autoptr(GSimpleAction) action = NULL;
  g_autoptr(GMenu) menu = NULL;

  if (text == NULL)
    return;

  action = g_simple_action_new_stateful ("show-text", NULL, g_variant_new_boolean (FALSE));
  g_signal_connect_object (action, "change-state", G_CALLBACK (show_text_cb), button, 0);
  g_signal_connect_object (text, "notify::visibility", G_CALLBACK (text_visibility_cb),
                           action, 0);
  group = g_simple_action_group_new ();
  g_action_map_add_action (G_ACTION_MAP (group), G_ACTION (action));
  gtk_widget_insert_action_group (row, "password", G_ACTION_GROUP (group));

  menu = g_menu_new ();
  g_menu_append (menu, _("_Show Text"), "password.show-text");
  gtk_text_set_extra_menu (GTK_TEXT (text), G_MENU_MODEL (menu));
}

/**
 * patron_form_tame_password_rows:
 * @root: a form, page or dialog
 *
 * The reveal button of every password row in @root is left out of the
 * keyboard's way (Tab from the password goes on to the next field, as
 * GtkPasswordEntry's icon does; its context menu has "Show Text" instead),
 * and the password is hidden again whenever
 * its row leaves the screen: shown once, it is not shown to whoever comes
 * next.
 */
void
patron_form_tame_password_rows (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (ADW_IS_PASSWORD_ENTRY_ROW (root))
    {
      GtkWidget *button = find_descendant (root, is_reveal_button);

      /* another libadwaita than 1.2 may build the row otherwise */
      if (button == NULL)
        {
          g_debug ("No reveal button found in a password row");
          return;
        }
      gtk_widget_set_focusable (button, FALSE);
      offer_show_text (root, button);
      reveal_tooltip_cb (button);
      g_signal_connect (button, "notify::tooltip-text", G_CALLBACK (reveal_tooltip_cb), NULL);
      g_signal_connect_object (root, "unmap", G_CALLBACK (hide_password_cb), button, 0);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    patron_form_tame_password_rows (child);
}

/* GTK 4.8 reads a name and the labels it is labelled by one after the
 * other ("First Name First Name *"): the title's label goes. Its AT-SPI
 * bridge does not pass GTK_ACCESSIBLE_PROPERTY_REQUIRED on either (later
 * GTK has it as the "required" state): there, the description says it. */
static void
name_required (GtkWidget  *widget,
               const char *name)
{
  gtk_accessible_reset_relation (GTK_ACCESSIBLE (widget), GTK_ACCESSIBLE_RELATION_LABELLED_BY);
  gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                  GTK_ACCESSIBLE_PROPERTY_LABEL, name,
                                  GTK_ACCESSIBLE_PROPERTY_REQUIRED, TRUE,
                                  -1);
  if (gtk_get_minor_version () < 10)
    gtk_accessible_update_property (GTK_ACCESSIBLE (widget),
                                    /* Translators: what a screen reader says of a form field
                                     * that must be filled in */
                                    GTK_ACCESSIBLE_PROPERTY_DESCRIPTION, C_("field", "Required"),
                                    -1);
}

/**
 * patron_form_mark_required_rows:
 * @root: a form, page or dialog
 *
 * A row titled "First Name *" shows the star, which the form explains
 * ("Fields marked * are required."), but a screen reader hears "First Name",
 * required: the row and its text field are named without the star and have
 * %GTK_ACCESSIBLE_PROPERTY_REQUIRED.
 */
void
patron_form_mark_required_rows (GtkWidget *root)
{
  g_return_if_fail (GTK_IS_WIDGET (root));

  if (ADW_IS_PREFERENCES_ROW (root))
    {
      const char *title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (root));
      g_autofree char *name = NULL;
      GtkWidget *text;

      if (title == NULL || !g_str_has_suffix (title, "*"))
        return;

      name = g_strndup (title, strlen (title) - 1);
      g_strstrip (name);
      name_required (root, name);
      text = find_descendant (root, is_text);
      if (text != NULL)
        name_required (text, name);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    patron_form_mark_required_rows (child);
}

static gboolean
is_too_long (GtkEditable *editable,
             guint        max_chars)
{
  return patron_text_is_longer (gtk_editable_get_text (editable), max_chars);
}

/* "First Name" of a row titled "First Name *" (required); a search field's
 * name where it has one ("patron-field-name": its placeholder may say what
 * to type instead), else its placeholder */
static char *
field_name (GtkEditable *editable)
{
  g_autofree char *placeholder = NULL;
  g_autofree char *name = NULL;
  const char *title = NULL;

  if (ADW_IS_PREFERENCES_ROW (editable))
    title = adw_preferences_row_get_title (ADW_PREFERENCES_ROW (editable));
  else if (g_object_get_data (G_OBJECT (editable), "patron-field-name") != NULL)
    title = g_object_get_data (G_OBJECT (editable), "patron-field-name");
  else if (g_object_class_find_property (G_OBJECT_GET_CLASS (editable), "placeholder-text"))
    {
      g_object_get (editable, "placeholder-text", &placeholder, NULL);
      title = placeholder;
    }

  name = g_strstrip (g_strdup (title != NULL ? title : ""));

  if (g_str_has_suffix (name, "*"))
    name[strlen (name) - 1] = '\0';

  return g_strstrip (g_steal_pointer (&name));
}

static char *
too_long_sentence (GtkEditable *editable,
                   guint        max_chars)
{
  g_autofree char *name = field_name (editable);

  /* Translators: %s is a form field's name, e.g. "First Name"; %u a number
   * of characters */
  return g_strdup_printf (ngettext ("%s can have at most %u character.",
                                    "%s can have at most %u characters.",
                                    max_chars),
                          name, max_chars);
}

/* the sentence, which the field owns until it is shortened */
static void
show_too_long (GtkLabel    *error_label,
               GtkEditable *editable,
               guint        max_chars)
{
  g_autofree char *sentence = too_long_sentence (editable, max_chars);

  patron_form_show_error (error_label, sentence);
  g_object_set_data (G_OBJECT (error_label), "patron-too-long", editable);
}

/* As it is typed: a text too long is marked and said so at once, and kept
 * as it is for the user to shorten. */
static void
length_changed_cb (GtkEditable *editable,
                   GtkLabel    *error_label)
{
  guint max_chars = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable),
                                                         "patron-max-chars"));

  if (is_too_long (editable, max_chars))
    {
      gtk_widget_add_css_class (GTK_WIDGET (editable), "error");
      show_too_long (error_label, editable, max_chars);
    }
  else
    {
      gtk_widget_remove_css_class (GTK_WIDGET (editable), "error");
      if (g_object_get_data (G_OBJECT (error_label), "patron-too-long") == editable)
        patron_form_show_error (error_label, NULL);
    }
}

/**
 * patron_form_set_max_length:
 * @max_chars: the most characters the field may send
 * @error_label: the form's sentence, which says when the text is too long
 *
 * Unlike #GtkEditable:max-length, which drops what goes beyond it without
 * a word, a text too long is kept as it was typed, marked, and said so;
 * patron_form_check_lengths() keeps it from being sent.
 */
void
patron_form_set_max_length (GtkEditable *editable,
                            guint        max_chars,
                            GtkLabel    *error_label)
{
  g_return_if_fail (GTK_IS_EDITABLE (editable));
  g_return_if_fail (max_chars > 0);
  g_return_if_fail (GTK_IS_LABEL (error_label));

  g_object_set_data (G_OBJECT (editable), "patron-max-chars", GUINT_TO_POINTER (max_chars));
  g_signal_connect_object (editable, "changed", G_CALLBACK (length_changed_cb), error_label, 0);
}

/**
 * patron_form_check_lengths:
 * @error_label: where to say which field is too long
 * @first: a field given patron_form_set_max_length(), then more, then %NULL
 *
 * Before sending: the first field whose text is too long is said so and
 * takes the focus.
 *
 * Returns: %TRUE if every field's text may be sent
 */
gboolean
patron_form_check_lengths (GtkLabel    *error_label,
                           GtkEditable *first,
                           ...)
{
  va_list args;

  va_start (args, first);
  for (GtkEditable *editable = first; editable != NULL; editable = va_arg (args, GtkEditable *))
    {
      guint max_chars = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (editable),
                                                             "patron-max-chars"));

      if (max_chars > 0 && is_too_long (editable, max_chars))
        {
          va_end (args);
          show_too_long (error_label, editable, max_chars);
          gtk_widget_grab_focus (GTK_WIDGET (editable));
          return FALSE;
        }
    }
  va_end (args);

  return TRUE;
}

static GtkWidget *
find_field (GtkWidget *widget,
            gboolean   empty_only)
{
  if (!gtk_widget_get_visible (widget) || !gtk_widget_is_sensitive (widget))
    return NULL;

  if (ADW_IS_ENTRY_ROW (widget))
    {
      if (!empty_only || gtk_editable_get_text (GTK_EDITABLE (widget))[0] == '\0')
        return widget;
      return NULL;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (widget);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    {
      GtkWidget *found = find_field (child, empty_only);

      if (found != NULL)
        return found;
    }

  return NULL;
}

/**
 * patron_form_focus_first_field:
 *
 * Puts the focus where typing starts: in the first empty field of @form, or
 * in its first field when all are filled in.
 *
 * Returns: %TRUE if a field took the focus
 */
gboolean
patron_form_focus_first_field (GtkWidget *form)
{
  GtkWidget *field = find_field (form, TRUE);

  if (field == NULL)
    field = find_field (form, FALSE);

  return field != NULL && gtk_widget_grab_focus (field);
}

/**
 * patron_name_inner_controls:
 * @search: what the search field searches, e.g. "Search Shortcuts"
 *
 * Names the controls GTK 4.8 and libadwaita 1.2 build into a shortcuts or
 * preferences window without one (a screen reader reads "GtkSearchEntry",
 * "GtkImage", "GtkMenuButton"): the search field, the button that shows
 * it, and the menu of sections.
 */
void
patron_name_inner_controls (GtkWidget  *root,
                            const char *search)
{
  const char *name = NULL;

  if (GTK_IS_SEARCH_ENTRY (root))
    name = search;
  else if (GTK_IS_MENU_BUTTON (root))
    name = _("Sections");
  else if (GTK_IS_TOGGLE_BUTTON (root) && gtk_button_get_label (GTK_BUTTON (root)) == NULL &&
           GTK_IS_IMAGE (gtk_button_get_child (GTK_BUTTON (root))))
    name = _("Search");

  if (name != NULL)
    {
      gtk_accessible_update_property (GTK_ACCESSIBLE (root), GTK_ACCESSIBLE_PROPERTY_LABEL,
                                      name, -1);
      if (!GTK_IS_MENU_BUTTON (root))
        return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    patron_name_inner_controls (child, search);
}

/**
 * patron_window_fit_parent:
 * @parent: (nullable): the window @window belongs to
 *
 * Opens @window no larger than @parent: on a phone (360 px) a dialog of its
 * own default size would run past the screen. It also gives @window the
 * application's shortcuts (patron_window_share_shortcuts()).
 */
void
patron_window_fit_parent (GtkWindow *window,
                          GtkWindow *parent)
{
  int width;
  int height;
  int parent_width = parent != NULL ? gtk_widget_get_width (GTK_WIDGET (parent)) : 0;
  int parent_height = parent != NULL ? gtk_widget_get_height (GTK_WIDGET (parent)) : 0;

  gtk_window_get_default_size (window, &width, &height);
  /* without a default size of its own (the shortcuts, About) a window
   * opens as wide and as high as its content would like */
  if (width <= 0 && parent_width > 0)
    gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_HORIZONTAL, -1,
                        NULL, &width, NULL, NULL);
  if (height <= 0 && parent_height > 0)
    gtk_widget_measure (GTK_WIDGET (window), GTK_ORIENTATION_VERTICAL,
                        MIN (width, parent_width), NULL, &height, NULL, NULL);
  if (parent_width > 0 && width > parent_width)
    width = parent_width;
  if (parent_height > 0 && height > parent_height)
    height = parent_height;
  gtk_window_set_default_size (window, width, height);
  patron_window_share_shortcuts (window);
}

/* the application's window at the bottom of @window's chain of parents */
static GtkWindow *
main_window_of (GtkWindow *window)
{
  while (gtk_window_get_transient_for (window) != NULL)
    window = gtk_window_get_transient_for (window);

  return window;
}

static gboolean
shared_shortcut_cb (GtkWidget *widget,
                    GVariant  *args,
                    gpointer   user_data)
{
  const char *action = user_data;
  /* "window.close" is the dialog's own; "app." and "win." are the main
   * window's */
  GtkWidget *target = g_str_has_prefix (action, "window.")
                      ? widget : GTK_WIDGET (main_window_of (GTK_WINDOW (widget)));
  g_autofree char *name = NULL;
  g_autoptr(GVariant) target_value = NULL;

  if (!g_action_parse_detailed_name (action, &name, &target_value, NULL))
    return FALSE;

  return gtk_widget_activate_action_variant (target, name, target_value);
}

/**
 * patron_window_share_shortcuts:
 * @window: a window of Patron's, transient for the application's window
 *
 * Gives @window the application's keyboard shortcuts (Ctrl+Q, Ctrl+comma,
 * Ctrl+question mark…): GTK gives them only to the windows the application
 * holds, and a dialog it held would keep Patron running and could become
 * its "active window". Call it once @window has its parent.
 */
void
patron_window_share_shortcuts (GtkWindow *window)
{
  GtkApplication *app = gtk_window_get_application (main_window_of (window));
  GtkEventController *controller;
  g_auto(GStrv) actions = NULL;

  if (app == NULL || window == main_window_of (window))
    return;

  controller = gtk_shortcut_controller_new ();
  actions = gtk_application_list_action_descriptions (app);
  for (guint i = 0; actions[i] != NULL; i++)
    {
      g_auto(GStrv) accels = gtk_application_get_accels_for_action (app, actions[i]);

      for (guint j = 0; accels[j] != NULL; j++)
        {
          GtkShortcutTrigger *trigger = gtk_shortcut_trigger_parse_string (accels[j]);

          if (trigger == NULL)
            continue;
          gtk_shortcut_controller_add_shortcut (
            GTK_SHORTCUT_CONTROLLER (controller),
            gtk_shortcut_new (trigger, gtk_callback_action_new (shared_shortcut_cb,
                                                                g_strdup (actions[i]),
                                                                g_free)));
        }
    }
  gtk_widget_add_controller (GTK_WIDGET (window), controller);
}

/**
 * patron_narrow_search_entries:
 *
 * Lets the search fields GTK 4.8 builds into a shortcuts window (40
 * characters wide at the least) narrow down to a phone's 360 px.
 */
void
patron_narrow_search_entries (GtkWidget *root)
{
  if (GTK_IS_SEARCH_ENTRY (root))
    {
      gtk_editable_set_width_chars (GTK_EDITABLE (root), 10);
      return;
    }

  for (GtkWidget *child = gtk_widget_get_first_child (root);
       child != NULL;
       child = gtk_widget_get_next_sibling (child))
    patron_narrow_search_entries (child);
}

/* the room a popover keeps from the window's edge */
#define POPOVER_EDGE 6

static void
popover_show_cb (GtkPopover *popover)
{
  GtkWidget *anchor = gtk_widget_get_parent (GTK_WIDGET (popover));
  GtkWidget *root = anchor != NULL ? GTK_WIDGET (gtk_widget_get_root (anchor)) : NULL;
  graphene_rect_t bounds;
  int width, center, left, right;
  int natural;
  int x_offset = 0;

  if (root == NULL || !gtk_widget_compute_bounds (anchor, root, &bounds))
    return;

  gtk_widget_measure (GTK_WIDGET (popover), GTK_ORIENTATION_HORIZONTAL, -1, NULL, &natural,
                      NULL, NULL);
  width = gtk_widget_get_width (root);
  natural = MIN (natural, width - 2 * POPOVER_EDGE);
  center = (int) (bounds.origin.x + bounds.size.width / 2);
  left = center - natural / 2;
  right = left + natural;
  if (right > width - POPOVER_EDGE)
    x_offset = width - POPOVER_EDGE - right;
  else if (left < POPOVER_EDGE)
    x_offset = POPOVER_EDGE - left;
  gtk_popover_set_offset (popover, x_offset, 0);
}

/**
 * patron_popover_keep_inside:
 *
 * Moves @popover, each time it opens, sideways as far as it takes to stay
 * within its window: GTK 4.8 centres it on its button and lets it run past
 * the window's edge, which on a phone is the screen's.
 */
void
patron_popover_keep_inside (GtkPopover *popover)
{
  g_return_if_fail (GTK_IS_POPOVER (popover));

  g_signal_connect (popover, "show", G_CALLBACK (popover_show_cb), NULL);
}

/**
 * patron_navigate:
 * @target: the page to show: "sign-in", "register", "forgot", "store"
 * @email: (nullable): the email field whose text the target page takes over
 */
void
patron_navigate (GtkWidget   *page,
                 const char  *target,
                 GtkEditable *email)
{
  g_autofree char *text = email != NULL ? patron_form_dup_text (email) : g_strdup ("");

  gtk_widget_activate_action (page, "win.navigate", "(ss)", target, text);
}

/* GTK asks each time the menu opens */
static void
create_menu_cb (GtkMenuButton *button,
                gpointer       menu)
{
  if (gtk_menu_button_get_popover (button) == NULL)
    {
      gtk_menu_button_set_menu_model (button, menu);
      patron_popover_keep_inside (gtk_menu_button_get_popover (button));
    }
}

/**
 * patron_menu_button_set_menu_later:
 * @menu: the button's menu
 *
 * Gives @button its menu the first time it opens: a menu model makes its
 * whole popover at once, and a window's menus are seldom opened in the
 * first moments that every start goes through.
 */
void
patron_menu_button_set_menu_later (GtkMenuButton *button,
                                   GMenuModel    *menu)
{
  g_return_if_fail (GTK_IS_MENU_BUTTON (button));
  g_return_if_fail (G_IS_MENU_MODEL (menu));

  gtk_menu_button_set_create_popup_func (button, create_menu_cb, g_object_ref (menu),
                                         g_object_unref);
}

/* how long something may take before a spinner says it is being waited for */
#define SPINNER_DELAY_MS 400

static gboolean
spin_cb (gpointer data)
{
  GtkSpinner *spinner = data;

  g_object_steal_data (G_OBJECT (spinner), "patron-spin-later");
  gtk_spinner_start (spinner);

  return G_SOURCE_REMOVE;
}

static void
spinner_map_cb (GtkSpinner *spinner)
{
  guint id = g_timeout_add (SPINNER_DELAY_MS, spin_cb, spinner);

  g_object_set_data_full (G_OBJECT (spinner), "patron-spin-later", GUINT_TO_POINTER (id),
                          (GDestroyNotify) g_source_remove);
}

static void
spinner_unmap_cb (GtkSpinner *spinner)
{
  g_object_set_data (G_OBJECT (spinner), "patron-spin-later", NULL);
  gtk_spinner_stop (spinner);
}

/**
 * patron_spinner_spin_later:
 *
 * Makes @spinner spin only once it has been on screen for a moment: what
 * comes quickly comes without a spinner flashing past, and without the
 * frames it draws (which, on a small machine, slow the very answer being
 * waited for).
 */
void
patron_spinner_spin_later (GtkSpinner *spinner)
{
  g_return_if_fail (GTK_IS_SPINNER (spinner));

  gtk_spinner_stop (spinner);
  g_signal_connect (spinner, "map", G_CALLBACK (spinner_map_cb), NULL);
  g_signal_connect (spinner, "unmap", G_CALLBACK (spinner_unmap_cb), NULL);
  if (gtk_widget_get_mapped (GTK_WIDGET (spinner)))
    spinner_map_cb (spinner);
}
