#!/usr/bin/python3
"""End-to-end: several stores, through the accessibility tree.

The buyer signs in at store A (kept signed in); a store link takes Patron to
store B, where a new customer registers (kept too). The main menu's "Switch
Store" goes back to A in two clicks: the buyer's session resumes, with the
buyer's orders; the store page's list goes to B in two clicks: B's customer.
Forgetting A from the list, after a confirmation, leaves B signed in and A
out of the menu and the list; the keyring file no longer names A.

Run by run-e2e.sh. Env: PATRON_BIN, MEDUSA_URL, E2E_HOME, and a second store:
MEDUSA_URL_B, else the v2 store (MEDUSA_V2_URL, MEDUSA_V2_PUBLISHABLE_KEY);
skipped (77) without one.
"""
import os, subprocess, sys, time, urllib.parse
import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import (PATRON, STORE, check_log, click, find, find_app, install_failure_hook,
                        label_containing, menu_item, open_register_page, press,
                        press_in_row, shot, showing, signed_in, start_patron, stop, type_into,
                        wait_for)

STORE_B = os.environ.get("MEDUSA_URL_B") or os.environ.get("MEDUSA_V2_URL")
KEY_B = None if os.environ.get("MEDUSA_URL_B") else os.environ.get("MEDUSA_V2_PUBLISHABLE_KEY")
if not STORE_B:
    print("# SKIP: no second store (MEDUSA_URL_B or MEDUSA_V2_URL)", flush=True)
    sys.exit(77)

A_EMAIL, A_PASSWORD = "buyer@example.com", "buyer-pass-123"
B_EMAIL = f"second.{int(time.time() * 1000)}@example.com"
B_PASSWORD = "second-pass-e2e-1"


def step(text):
    print("#", text, flush=True)


def host(url):
    parts = urllib.parse.urlsplit(url)
    return parts.netloc


def scroll_into_view(app, acc):
    """Scrolls the window under the pointer until @acc is inside it, as a
    person would with the wheel: click() only reaches what is on screen."""
    frame = app.getChildAtIndex(0)

    def inside():
        e = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        w = frame.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        if w.y <= e.y and e.y + e.height <= w.y + w.height:
            return True
        pyatspi.Registry.generateMouseEvent(w.x + w.width // 2, w.y + w.height // 2, "b5c")
        return False
    wait_for(inside, 20, "the row to scroll into view")


install_failure_hook()

step("A: the buyer signs in, kept signed in")
patron = start_patron()
app = find_app(patron)
type_into(app, "Email Address", A_EMAIL)
type_into(app, "Password", A_PASSWORD)
press(app, "Sign In")
signed_in(app)
label_containing(app, A_EMAIL)

step("B, by its store link: a new customer registers there, kept signed in")
query = {"url": STORE_B}
if KEY_B:
    query["key"] = KEY_B
subprocess.run([PATRON, "patron://store?" + urllib.parse.urlencode(query)], check=True,
               timeout=60)
wait_for(lambda: pyatspi.findDescendant(
    app, lambda a: a is not None and a.name == "Create Account" and showing(a)),
    30, "the sign-in page at B")
open_register_page(app)
type_into(app, "Email Address", B_EMAIL)
type_into(app, "First Name", "Grace")
type_into(app, "Last Name", "Hopper")
type_into(app, "Password", B_PASSWORD)
type_into(app, "Password Again", B_PASSWORD)
press(app, "Create Account")
signed_in(app)
label_containing(app, B_EMAIL)

step("to A in two clicks, from the main menu: the buyer's kept session resumes")
item = menu_item(app, host(STORE))
shot("stores-menu")
item.queryAction().doAction(0)
label_containing(app, A_EMAIL, timeout=30)
press(app, "Show Orders")
label_containing(app, "Showing", timeout=30)

step("to B in two clicks, from the store page's list: B's kept session resumes")
menu_item(app, "Change Store…").queryAction().doAction(0)
row = wait_for(lambda: pyatspi.findDescendant(
    app, lambda a: a is not None and a.name.startswith(host(STORE_B)) and showing(a)
    and a.getRole() == pyatspi.ROLE_LIST_ITEM), what="B in the store page's list")
label_containing(app, "Kept signed in")
shot("stores-list")
scroll_into_view(app, row)
click(row)   # GTK 4.8 gives a list row no action
label_containing(app, B_EMAIL, timeout=30)

step("forget A from the list, after a confirmation: B stays signed in")
menu_item(app, "Change Store…").queryAction().doAction(0)
press(app, f"Forget {host(STORE)}")
label_containing(app, "Forget This Store?")
shot("stores-forget")
# a response button, named by its label alone (GTK 4.8 would say "_Forget Forget")
wait_for(lambda: pyatspi.findDescendant(
    app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_PUSH_BUTTON and showing(a)
    and a.name == "Forget"), what="the Forget button").queryAction().doAction(0)
label_containing(app, f"Patron has forgotten {host(STORE)}")
wait_for(lambda: pyatspi.findDescendant(
    app, lambda a: a is not None and a.name.startswith(host(STORE)) and showing(a)
    and a.getRole() == pyatspi.ROLE_LIST_ITEM) is None, what="A to leave the list")
row = pyatspi.findDescendant(
    app, lambda a: a is not None and a.name.startswith(host(STORE_B)) and showing(a)
    and a.getRole() == pyatspi.ROLE_LIST_ITEM)
scroll_into_view(app, row)
click(row)   # GTK 4.8 gives a list row no action
label_containing(app, B_EMAIL, timeout=30)
menu_item(app, host(STORE), present=False)
keyring = os.environ.get("SECRET_FILE_TEST_PATH")
if keyring and os.path.exists(keyring):
    # the file backend encrypts the items, but not the attributes' hashes:
    # read back through libsecret instead
    import gi
    gi.require_version("Secret", "1")
    from gi.repository import Secret
    schema = Secret.Schema.new("io.github.patronapp.Patron.Session", Secret.SchemaFlags.NONE,
                               {"store": Secret.SchemaAttributeType.STRING,
                                "email": Secret.SchemaAttributeType.STRING})
    assert Secret.password_lookup_sync(schema, {"store": STORE}, None) is None, \
        "A's kept session is still in the keyring"
    assert Secret.password_lookup_sync(schema, {"store": STORE_B}, None) is not None, \
        "B's kept session went with A's"

stop(patron)
check_log()
print("# several stores: switched both ways, A forgotten, B intact", flush=True)
