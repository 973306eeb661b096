#!/usr/bin/python3
"""End-to-end: counter mode (--counter), on the real binary against the real
test store. Customer A arrives with a barcode scanner (the email typed as keys,
then Enter) and the password, opens the orders and an order's details, copies
its number and walks away. With the idle timeout made short through the
settings, the countdown shows and the visit ends: after it the whole
accessibility tree (names, descriptions and text of every node of every
window), every file under the test's HOME and XDG directories and the
clipboard hold nothing of A. Then customer B signs in and sees only B.

Run by run-e2e.sh. Env: PATRON_BIN, MEDUSA_URL, E2E_HOME; with E2E_MEDUSA_V2=1
the same at the v2 store (MEDUSA_V2_URL, MEDUSA_V2_PUBLISHABLE_KEY), the counter
started with the store's link.
"""
import os, subprocess, sys

import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import (HOME, LOG, SHOTS, V2, add_customer_address, api, assert_tree_free_of,
                        clipboard_text, click, customer_addresses, customer_me, customer_token,
                        find, find_app, install_failure_hook, label_containing, money,
                        newest_orders, order_row,
                        press, press_key, shot, showing, signed_in, start_patron, stop,
                        text_of, tree_strings, wait_for, window_showing)

A_EMAIL, A_PASSWORD = "buyer@example.com", "buyer-pass-123"
B_EMAIL, B_PASSWORD = "other@example.com", "other-pass-123"
# an address of A's only for this test (removed at the end): lines no other
# customer and no page of Patron's could show
A_STREET, A_CITY, A_POSTCODE = "17 Quillfeather Lane", "Counterbury", "QF7 1CM"
SCHEMA = "io.github.patronapp.Patron"


def step(text):
    print("#", text, flush=True)


def gsettings(*args):
    subprocess.run(["gsettings", *args], check=True)


def assert_files_free_of(secrets):
    """No file under HOME (and the XDG directories in it) holds any of
    @secrets; Patron's own log, which this test writes there, aside."""
    leaks = []
    for root, dirs, files in os.walk(HOME):
        for name in files:
            path = os.path.join(root, name)
            if path == LOG or (SHOTS and path.startswith(SHOTS)) or os.path.islink(path):
                continue
            try:
                data = open(path, "rb").read()
            except OSError:
                continue
            leaks += [(path, s) for s in secrets if s.encode() in data]
    assert not leaks, f"files hold the last customer's data: {leaks[:10]}"


def type_keys(text):
    """@text as key presses, as a barcode scanner in keyboard mode sends it."""
    pyatspi.Registry.generateKeyboardEvent(0, text, pyatspi.KEY_STRING)


def welcome(app):
    find(app, pyatspi.ROLE_LABEL, "Welcome", timeout=30)
    return find(app, [pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY], "Email Address")


def sign_in_with_scanner(app, email, password):
    field = welcome(app)
    # the pointer into the window: the X server's focus follows it (no window manager)
    click(field)
    type_keys(email)
    press_key("Return")
    # the sign-in page, the email taken over, the focus in the password (GTK 4.8
    # tells no focus through AT-SPI: the keys typed next land there, or the
    # sign-in fails)
    find(app, [pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_ENTRY], "Password")
    wait_for(lambda: any(text_of(a) == email for a in pyatspi.findAllDescendants(
        app, lambda a: a is not None and a.name == "Email Address" and showing(a))), 10,
        "the email on the sign-in page")
    type_keys(password)
    press_key("Return")
    signed_in(app)


install_failure_hook()

step("what the store holds of A, and an address only A has")
token = customer_token(A_EMAIL, A_PASSWORD)
me = customer_me(token)
regions = api("GET", "/store/regions")["regions"]
country = regions[0]["countries"][0]["iso_2"]
add_customer_address(token, {"first_name": me["first_name"], "last_name": me["last_name"],
                             "address_1": A_STREET, "city": A_CITY, "postal_code": A_POSTCODE,
                             "country_code": country})
address_id = next(a["id"] for a in customer_addresses(customer_me(token))
                  if a["address_1"] == A_STREET)
orders = newest_orders(token, 50)
newest = orders[0]
a_secrets = [A_EMAIL, me["last_name"], A_STREET, A_CITY, A_POSTCODE,
             f"Order #{newest['display_id']}", money(newest["total"], newest["currency_code"])]
a_secrets += [f"#{o['display_id']}," for o in orders]   # the list's rows: "#1042, 28/11/2026 …"
if me.get("phone"):
    a_secrets.append(me["phone"])

patron = None
try:
    step("counter mode, a long timeout while A is served")
    gsettings("set", SCHEMA, "counter-idle-seconds", "600")
    patron = start_patron("--counter", by_link=V2)
    app = find_app(patron)
    find(app, pyatspi.ROLE_PUSH_BUTTON, "Next Customer")

    step("A scans the email, types the password, and is signed in")
    sign_in_with_scanner(app, A_EMAIL, A_PASSWORD)
    label_containing(app, A_EMAIL)
    # nobody is kept signed in at a counter
    assert pyatspi.findDescendant(app, lambda a: a is not None and a.name == "Keep Me Signed In"
                                  and showing(a)) is None

    step("A opens the orders and the newest order, and copies its number")
    press(app, "Show Orders")
    click(order_row(app, newest["display_id"], timeout=30))
    details = window_showing(app, f"Order #{newest['display_id']}")
    press(details, "Copy Order Number")
    wait_for(lambda: clipboard_text() == str(newest["display_id"]), 10,
             "the order number on the clipboard")
    shot("counter-a")

    step("A walks away: a short timeout, the countdown, the end of the visit")
    gsettings("set", SCHEMA, "counter-idle-seconds", "6")
    label_containing(app, "Signing out in", timeout=15)
    find(app, pyatspi.ROLE_PUSH_BUTTON, "Stay Signed In")
    shot("counter-countdown")
    welcome(app)
    shot("counter-welcome")

    step("nothing of A: the accessibility tree, the files, the clipboard")
    # A's order window went with the visit
    wait_for(lambda: app.childCount == 1, what="A's windows to close")
    assert_tree_free_of(app, a_secrets, "A, after the visit ended")
    print(f"# {len(tree_strings(app))} strings in the accessibility tree, none of A's "
          f"{len(a_secrets)}")
    assert_files_free_of(a_secrets)
    text = clipboard_text()
    assert not text, f"the clipboard still holds {text!r}"

    step("B signs in and sees only B")
    gsettings("set", SCHEMA, "counter-idle-seconds", "600")
    sign_in_with_scanner(app, B_EMAIL, B_PASSWORD)
    label_containing(app, B_EMAIL)
    press(app, "Show Orders")
    find(app, pyatspi.ROLE_LABEL, "No Orders Yet", timeout=30)
    assert_tree_free_of(app, a_secrets, "A, while B is signed in")
    shot("counter-b")
    stop(patron)
    patron = None
    assert_files_free_of(a_secrets + [B_EMAIL])
finally:
    if patron is not None:
        patron.kill()
    api("DELETE", f"/store/customers/me/addresses/{address_id}", token=token)
print("PASS")
