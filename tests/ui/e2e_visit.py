#!/usr/bin/python3
"""End-to-end: nothing of a customer outlives their visit, in normal mode.

Customer A (the buyer, with a few hundred orders) signs in, opens the orders
and an order's details and copies its number. After Sign Out the whole
accessibility tree (names, descriptions and texts of every node, on screen or
not) holds none of A's strings (email, names, phone, address lines, order
numbers, totals) and the clipboard is empty; B signs in and sees only B. The
same again with Change Store instead of Sign Out (A's kept session is
resumed on connecting again, then signed out). Then B deletes an address
and closes the window at once, before the Undo toast is gone: Patron sends
the deletion, stays until the store has it, and ends by itself; the same
with Quit.

Run by run-e2e.sh. Env: PATRON_BIN, MEDUSA_URL, E2E_HOME; with E2E_MEDUSA_V2=1
the same at the v2 store (MEDUSA_V2_URL, MEDUSA_V2_PUBLISHABLE_KEY), first
reached by its link.
"""
import os, re, sys, time
import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import (LOG, STORE, V2, activate_app_action, add_customer_address,
                        assert_tree_free_of, check_log, click, clipboard_text,
                        customer_addresses, customer_me, customer_token, find, find_app,
                        install_failure_hook, newest_orders, register_customer,
                        label_containing, money, order_row, press, press_in_row,
                        set_clipboard_text, shot, showing, signed_in, start_patron, text_of,
                        tree_strings, type_into, wait_for, window_showing)

A_EMAIL, A_PASSWORD = "buyer@example.com", "buyer-pass-123"
B_PASSWORD = "visitor-pass-1"


def step(text):
    print("#", text, flush=True)


def customer_strings(token):
    """What Patron may show of the customer whose session @token is."""
    me = customer_me(token)
    strings = [me["email"], me.get("first_name"), me.get("last_name"), me.get("phone")]
    for address in customer_addresses(me):
        strings += [address.get(k) for k in ("address_1", "address_2", "city", "postal_code",
                                             "phone", "company")]
    return [s for s in strings if s and len(s) >= 3]


def order_strings(token, limit=60):
    """Numbers and totals of the customer's newest orders: those a first
    page of the list shows."""
    orders = newest_orders(token, limit)
    strings = []
    for order in orders:
        strings += [f"#{order['display_id']}", money(order["total"], order["currency_code"])]
    return orders, strings


def sign_in(app, email, password):
    type_into(app, "Email Address", email)
    type_into(app, "Password", password)
    press(app, "Sign In")
    signed_in(app)


def visit_a(app, a_orders):
    """A opens the orders, the newest order's details, and copies its number."""
    newest = a_orders[0]
    press(app, "Show Orders")
    row = order_row(app, newest["display_id"], timeout=30)
    click(row)
    details = window_showing(app, f"Order #{newest['display_id']}")
    press(details, "Copy Order Number")
    wait_for(lambda: clipboard_text() == f"#{newest['display_id']}"
             or clipboard_text() == str(newest["display_id"]),
             what="the order number on the clipboard")
    shot("visit-a-details")
    return details


PICTURES = os.path.join(os.environ.get("XDG_CACHE_HOME", os.path.join(os.environ["HOME"],
                                                                     ".cache")),
                        "patron", "thumbnails")


def pictures_on_disk():
    """How many product pictures the disk cache holds."""
    return sum(len(files) for _, _, files in os.walk(PICTURES))


def assert_nothing_of(app, secrets, who, clipboard=None):
    wait_for(lambda: find(app, pyatspi.ROLE_TEXT, "Email Address"), what="the sign-in form")
    # the details window went with the visit
    wait_for(lambda: app.childCount == 1, what="A's windows to close")
    assert_tree_free_of(app, secrets, who)
    assert clipboard_text() == clipboard, f"the clipboard holds {clipboard_text()!r}"
    assert text_of(find(app, pyatspi.ROLE_TEXT, "Email Address")) == ""
    assert text_of(find(app, [pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT], "Password")) == ""
    n = len(tree_strings(app))
    print(f"# {n} strings in the accessibility tree, none of {who}'s {len(secrets)}")


def visit_b(app, b_email, b_strings, a_secrets):
    sign_in(app, b_email, B_PASSWORD)
    label_containing(app, b_strings[1])          # B's first name
    label_containing(app, "0 orders", timeout=30)
    assert_tree_free_of(app, a_secrets, "A, while B is signed in")


def has_action(acc):
    try:
        return acc.queryAction().nActions > 0
    except NotImplementedError:
        return False


def open_menu_item(app, name):
    """Chooses @name in the main menu (GTK 4.8's menu button acts through the
    toggle button inside it)."""
    button = find(app, [pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON], "Main Menu")
    if not has_action(button):
        button = pyatspi.findDescendant(button, lambda a: a is not None and has_action(a))
    assert button is not None, "the main menu cannot be opened"
    button.queryAction().doAction(0)
    item = wait_for(lambda: pyatspi.findDescendant(
        app, lambda a: a is not None and a.name == name and showing(a)
        and a.getRole() in (pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_PUSH_BUTTON)),
        what=f"the menu item {name!r}")
    item.queryAction().doAction(0)


install_failure_hook()

step("the store: A with orders and addresses, and a new customer B")
a_token = customer_token(A_EMAIL, A_PASSWORD)
a_orders, a_order_strings = order_strings(a_token)
a_secrets = customer_strings(a_token) + a_order_strings
stamp = int(time.time() * 1000)
b_email = f"visitor.{stamp}@example.com"
register_customer(b_email, B_PASSWORD, first_name="Bartholomew",
                  last_name=f"Visitor{stamp}", phone="+44 20 7946 0958")
b_token = customer_token(b_email, B_PASSWORD)
for city in ("Dunwich", "Orford"):
    add_customer_address(b_token, {
        "first_name": "Bartholomew", "last_name": f"Visitor{stamp}",
        "address_1": f"{stamp % 1000} Quayside Lane", "city": city, "postal_code": "IP17 3DU",
        "country_code": "us"})
b_strings = customer_strings(b_token)
assert "Bartholomew" in b_strings
print(f"# A: {len(a_secrets)} strings ({len(a_orders)} orders), B: {b_email}")

step("A signs in, opens an order and copies its number"
     + (" at the v2 store, opened by its link" if V2 else ""))
patron = start_patron(by_link=V2)
app = find_app(patron)
sign_in(app, A_EMAIL, A_PASSWORD)
visit_a(app, a_orders)
assert any(a_orders[0] and f"#{a_orders[0]['display_id']}" in v for _, v in tree_strings(app)), \
    "the tree walk sees A's order while A is signed in"

step("Sign Out, from the main menu over the orders: nothing of A in the accessibility tree "
     "or on the clipboard")
# the order's pictures were kept on disk for A
wait_for(lambda: pictures_on_disk() > 0, what="A's order's pictures on disk")
open_menu_item(app, "Sign Out")
assert_nothing_of(app, a_secrets, "A")
# and go with A: they show what A bought
wait_for(lambda: pictures_on_disk() == 0, what="the pictures on disk to go with A")
shot("visit-signed-out")

step("B signs in and sees only B")
visit_b(app, b_email, b_strings, a_secrets)

step("B copies something in another application and signs out: the clipboard is not "
     "Patron's to clear")
set_clipboard_text("copied elsewhere")
press(app, "Sign Out")
assert_nothing_of(app, b_strings, "B", clipboard="copied elsewhere")

step("A again, then Change Store: nothing of A")
sign_in(app, A_EMAIL, A_PASSWORD)
visit_a(app, a_orders)
open_menu_item(app, "Change Store…")
store_row = find(app, pyatspi.ROLE_TEXT, "Store Address")
wait_for(lambda: app.childCount == 1, what="A's windows to close")
assert_tree_free_of(app, a_secrets, "A, after Change Store")
# A's session stays kept for A's return, and so do the pictures on disk
wait_for(lambda: pictures_on_disk() > 0, what="A's pictures, kept with A's session")
assert clipboard_text() is None, "the clipboard after Change Store"
shot("visit-change-store")
assert text_of(store_row).rstrip("/") == STORE.rstrip("/"), "only the store address stays"
press(app, "Connect")
step("A's session was kept (Keep Me Signed In): connecting again resumes it; Sign Out ends it")
signed_in(app)
label_containing(app, A_EMAIL)
open_menu_item(app, "Sign Out")
assert_nothing_of(app, a_secrets, "A")

step("B at the same store sees only B")
visit_b(app, b_email, b_strings, a_secrets)


def deleted_before_ending(patron, city, end):
    """B deletes the address in @city and @end()s Patron before the Undo
    toast goes: Patron sends the deletion, ends by itself once the store has
    answered, and the store no longer holds the address."""
    answered = re.compile(r"DELETE /store/customers/me/addresses/\S+ → 2\d\d")
    before = len(answered.findall(open(LOG, errors="replace").read()))
    label_containing(app, city)
    press_in_row(app, city, "Delete Address")
    label_containing(app, "Address deleted")
    end()
    patron.wait(60)
    assert patron.returncode == 0, f"Patron exited with {patron.returncode}"
    # it heard the store's answer before it ended: the request was not cut off
    assert len(answered.findall(open(LOG, errors="replace").read())) == before + 1, \
        "Patron ended before the store answered"
    assert city not in [a["city"] for a in customer_addresses(customer_me(b_token))], \
        "the deletion was lost"


step("B deletes an address and closes the window before the toast goes")
deleted_before_ending(patron, "Dunwich", lambda: press(app, "Close"))

step("B deletes the other address and quits (Ctrl+Q's action) before the toast goes")
patron = start_patron()
app = find_app(patron)
signed_in(app)     # B kept the session (Keep Me Signed In)
deleted_before_ending(patron, "Orford", lambda: activate_app_action("quit"))

check_log()
print("PASS")
