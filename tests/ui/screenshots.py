#!/usr/bin/python3
"""Screenshots of the real app against the real test store: the sign-in page,
the account and the orders, in a window whose content is SHOT_SIZE (default
900x640), light or dark (SHOT_STYLE=dark: as if the system preferred dark,
through libadwaita's ADW_DEBUG_COLOR_SCHEME). Writes SHOT_DIR/<page>SHOT_SUFFIX.png.

Run by run-e2e.sh (its own Xvfb, HOME, keyfile settings and keyring), e.g.
  SHOT_DIR=/tmp/shots SHOT_SIZE=360x600 SHOT_SUFFIX=-narrow \
    tests/ui/run-e2e.sh _build/src/patron tests/ui/screenshots.py
build-aux/screenshots.sh takes the set in data/screenshots/.
"""
import os, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import (V2, find_app, install_failure_hook, label_containing, press,
                        start_patron, stop, type_into)

OUT = os.environ["SHOT_DIR"]
WIDTH, HEIGHT = (int(n) for n in os.environ.get("SHOT_SIZE", "900x640").split("x"))
SUFFIX = os.environ.get("SHOT_SUFFIX", "")
EMAIL = os.environ.get("TEST_CUSTOMER_EMAIL", "buyer@example.com")
PASSWORD = os.environ.get("TEST_CUSTOMER_PASSWORD", "buyer-pass-123")
# Without a window manager or compositor (Xvfb), GTK draws its own frame: a
# 5 px resize border round the content, counted in the window's size and
# placed at the screen's top left corner.
BORDER = 5


def capture(name):
    time.sleep(0.8)   # the page's cross-fade, rows filling in
    os.makedirs(OUT, exist_ok=True)
    path = os.path.join(OUT, name + SUFFIX + ".png")
    subprocess.run(["/usr/bin/import", "-window", "root",
                    "-crop", f"{WIDTH}x{HEIGHT}+{BORDER}+{BORDER}", "+repage", path],
                   check=True)
    print("#", path, flush=True)


install_failure_hook()

settings = os.path.join(os.environ["XDG_CONFIG_HOME"], "glib-2.0", "settings")
os.makedirs(settings, exist_ok=True)
with open(os.path.join(settings, "keyfile"), "w") as keyfile:
    keyfile.write("[io/github/patronapp/Patron]\n"
                  f"window-width={WIDTH + 2 * BORDER}\nwindow-height={HEIGHT + 2 * BORDER}\n")
if os.environ.get("SHOT_STYLE") == "dark":
    os.environ["ADW_DEBUG_COLOR_SCHEME"] = "prefer-dark"
os.environ.pop("G_MESSAGES_DEBUG", None)

patron = start_patron(by_link=V2)   # a v2 store is first reached by its link
app = find_app(patron)
label_containing(app, "At ")
capture("sign-in")

type_into(app, "Email Address", EMAIL)
type_into(app, "Password", PASSWORD)
press(app, "Sign In")
label_containing(app, "Signed in as", timeout=30)
capture("account")

press(app, "Show Orders")
label_containing(app, "Showing", timeout=30)
capture("orders")

stop(patron)
