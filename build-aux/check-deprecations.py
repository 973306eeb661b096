#!/usr/bin/env python3
"""What later GTK releases deprecate, and GTK 4.8 already has the replacement
for, does not come back: greps the C sources and .ui files of src/ and tests/
for the symbols (comments aside). Code inside #if GTK_CHECK_VERSION or
ADW_CHECK_VERSION blocks is left out: that is where an old call stays for the
versions whose replacement is newer than our floor.

It also checks that the branch of such a guard for the newer GTK quiets the
warnings GDK_VERSION_MAX_ALLOWED gives for the newer API it calls.

Usage: check-deprecations.py SOURCE_ROOT
"""
import os, re, sys

# symbol → what to use instead
FORBIDDEN = {
    r"GtkTreeView\w*|GtkTreeModel\w*|GtkTreeStore|GtkListStore|GtkTreeSelection|GtkTreeIter|"
    r"GtkTreePath|gtk_tree_\w+|gtk_list_store_\w+":
        "GListModel + GtkListView/GtkColumnView",
    r"GtkCellRenderer\w*|GtkCellArea\w*|GtkCellView|GtkCellLayout|gtk_cell_\w+|GtkIconView|"
    r"gtk_icon_view_\w+":
        "GtkListView/GtkGridView with a list item factory",
    r"GtkComboBox\w*|gtk_combo_box_\w+|GtkEntryCompletion|gtk_entry_completion_\w+":
        "GtkDropDown or AdwComboRow",
    r"GtkStyleContext|gtk_style_context_\w+|gtk_widget_get_style_context|gtk_render_\w+|"
    r"gtk_snapshot_render_\w+":
        "gtk_widget_add_css_class/gtk_widget_has_css_class, gtk_widget_get_color",
    r"GtkDialog|gtk_dialog_\w+|GtkMessageDialog|gtk_message_dialog_\w+":
        "AdwMessageDialog or a modal AdwWindow",
    r"GtkInfoBar|gtk_info_bar_\w+": "AdwToast or a GtkRevealer",
    r"gtk_widget_show|gtk_widget_hide": "gtk_widget_set_visible",
    r"GtkFileChooser\w*|gtk_file_chooser_\w+":
        "GtkFileChooserNative only behind GTK_CHECK_VERSION (GtkFileDialog from 4.10)",
    r"GtkAppChooser\w*|GtkColorChooser\w*|GtkColorButton|GtkFontChooser\w*|GtkFontButton|"
    r"GtkStatusbar|GtkAssistant|GtkLockButton|GtkVolumeButton":
        "the libadwaita or GTK 4 equivalent",
    r"gtk_show_uri|gtk_show_uri_full":
        "GtkUriLauncher behind GTK_CHECK_VERSION (4, 10, 0)",
    r"gtk_widget_get_allocated_width|gtk_widget_get_allocated_height|"
    r"gtk_widget_get_allocated_baseline|gtk_widget_get_allocation":
        "gtk_widget_get_width/get_height/compute_bounds",
    r"gtk_window_present_with_time": "gtk_window_present",
}
PATTERN = re.compile(r"\b(" + "|".join(FORBIDDEN) + r")\b")
GUARD = re.compile(r"^\s*#\s*if.*\b(GTK_CHECK_VERSION|ADW_CHECK_VERSION)\b")
IF = re.compile(r"^\s*#\s*if")
ENDIF = re.compile(r"^\s*#\s*endif")


def without_comments(text, ui):
    def blank(match):   # keep the line numbers
        return re.sub(r"[^\n]", " ", match.group(0))
    if ui:
        return re.sub(r"<!--.*?-->", blank, text, flags=re.S)
    text = re.sub(r"/\*.*?\*/", blank, text, flags=re.S)
    return re.sub(r"//[^\n]*", blank, text)


def replacement(symbol):
    for pattern, instead in FORBIDDEN.items():
        if re.fullmatch(pattern, symbol):
            return instead
    return "?"


# The branch of a guard for a newer GTK calls API newer than
# GDK_VERSION_MAX_ALLOWED, which flags it as a deprecation: without
# G_GNUC_BEGIN_IGNORE_DEPRECATIONS the build against a newer runtime (the
# Flatpak's) warns. Such a branch opens with "#if GTK_CHECK_VERSION" (not
# "#if !GTK_CHECK_VERSION", the old branch) and ends at #else or #endif.
NEWER_BRANCH = re.compile(r"^\s*#\s*if\s+(GTK_CHECK_VERSION|ADW_CHECK_VERSION)\b")


def unquieted_newer_branches(path, text):
    lines = text.splitlines()
    problems = []
    for start, line in enumerate(lines):
        if not NEWER_BRANCH.match(line):
            continue
        depth, body = 0, []
        for inner in lines[start + 1:]:
            if IF.match(inner):
                depth += 1
            elif ENDIF.match(inner) or re.match(r"^\s*#\s*el", inner):
                if depth == 0:
                    break
                if ENDIF.match(inner):
                    depth -= 1
            body.append(inner)
        code = [b for b in body if b.strip()]
        # a branch of declarations only (a struct member, a field, a function
        # whose name, GNU style, starts its line) calls nothing
        calls = any(re.search(r"\w\s*\(", b) and b[:1].isspace()
                    and not b.strip().startswith("G_GNUC_")
                    for b in code)
        quiet = any("G_GNUC_BEGIN_IGNORE_DEPRECATIONS" in b for b in body)
        if calls and not quiet:
            problems.append(f"{path}:{start + 1}: the branch for a newer GTK calls API newer "
                            "than GDK_VERSION_MAX_ALLOWED without G_GNUC_BEGIN_IGNORE_DEPRECATIONS")
    return problems


root = sys.argv[1]
found = []
for top in ("src", "tests"):
    for folder, dirs, files in os.walk(os.path.join(root, top)):
        dirs[:] = [d for d in dirs if d not in ("node_modules", "fixtures")]
        for name in sorted(files):
            if not name.endswith((".c", ".h", ".ui")):
                continue
            path = os.path.join(folder, name)
            text = without_comments(open(path, encoding="utf-8").read(), name.endswith(".ui"))
            if not name.endswith(".ui"):
                found.extend(unquieted_newer_branches(os.path.relpath(path, root), text))
            depth = 0          # #if nesting
            guarded_at = []    # depths at which a version guard opened
            for number, line in enumerate(text.splitlines(), 1):
                if GUARD.match(line):
                    depth += 1
                    guarded_at.append(depth)
                    continue
                if IF.match(line):
                    depth += 1
                    continue
                if ENDIF.match(line):
                    if guarded_at and guarded_at[-1] == depth:
                        guarded_at.pop()
                    depth -= 1
                    continue
                if guarded_at:
                    continue
                for match in PATTERN.finditer(line):
                    found.append(f"{os.path.relpath(path, root)}:{number}: {match.group(1)} "
                                 f"(use {replacement(match.group(1))})")

for line in found:
    print(line)
print(f"deprecated API outside version guards: {len(found)}")
sys.exit(1 if found else 0)
