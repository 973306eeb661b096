#!/usr/bin/env bash
# Renders the PNG copies of Patron's SVG icons that go into its resources,
# next to the SVGs. GTK draws an SVG icon with librsvg, which it loads the
# first time one is needed: on X11 the window icon (the app icon at 48 px)
# and the orders page's filter icon would load it while the window and the
# orders first show. The PNGs are what GTK picks at those sizes, so a start
# needs no SVG at all (benchmarks/README.md).
#
# Run it after changing either SVG, and commit what it writes. Needs
# gtk4-encode-symbolic-svg (libgtk-4-bin) and PyGObject with GdkPixbuf.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"

mkdir -p "$ROOT/data/icons/hicolor/48x48/apps" "$ROOT/src/icons/16x16/actions"
/usr/bin/python3 - "$ROOT" <<'PY'
import sys
import gi
gi.require_version("GdkPixbuf", "2.0")
from gi.repository import GdkPixbuf
root = sys.argv[1]
icon = GdkPixbuf.Pixbuf.new_from_file_at_size(
    f"{root}/data/icons/hicolor/scalable/apps/io.github.patronapp.Patron.svg", 48, 48)
icon.savev(f"{root}/data/icons/hicolor/48x48/apps/io.github.patronapp.Patron.png", "png", [], [])
PY
gtk4-encode-symbolic-svg -o "$ROOT/src/icons/16x16/actions" \
  "$ROOT/src/icons/scalable/actions/patron-filter-symbolic.svg" 16x16
ls -l "$ROOT/data/icons/hicolor/48x48/apps" "$ROOT/src/icons/16x16/actions"
