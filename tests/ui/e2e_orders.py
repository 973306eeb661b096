#!/usr/bin/python3
"""End-to-end: the orders, driven through the accessibility tree, against the
real Medusa test store with a few hundred orders. The buyer signs in, opens
the orders, goes to the oldest one with the keyboard (End: the list is lazy,
so its page is asked for only then), opens it, and the details window's total
is the one the Store API gives for that order. The details window takes the
application's shortcuts: Ctrl+comma, Ctrl+question mark and Ctrl+Q. Escape and
Alt+Left lead from the orders back to the account.

Run by run-e2e.sh. Env: PATRON_BIN, MEDUSA_URL, E2E_HOME; with E2E_MEDUSA_V2=1
the same at the v2 store (MEDUSA_V2_URL, MEDUSA_V2_PUBLISHABLE_KEY), reached by
its store link, where amounts are decimals in the currency's main unit.
"""
import decimal, os, sys
import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import (V2, api, at_rest, check_log, click, find, find_app, label_containing, money, order_row,
                        press, press_key, press_with_control, press_with_modifier, ALT, shot, showing, signed_in, start_patron, stop,
                        text_of, type_into, wait_for, window_showing, install_failure_hook, label_saying)

EMAIL = "buyer@example.com"
PASSWORD = "buyer-pass-123"


def step(text):
    print("#", text, flush=True)


def row_value(window, title):
    """The value shown at the end of the row titled @title (an AdwActionRow)."""
    row = wait_for(lambda: pyatspi.findDescendant(
        window, lambda a: a is not None and a.getRole() == pyatspi.ROLE_LIST_ITEM
        and a.name == title and showing(a)), 20, f"the {title!r} row")
    values = []

    def walk(acc):
        for i in range(acc.childCount):
            child = acc.getChildAtIndex(i)
            if child.getRole() == pyatspi.ROLE_LABEL and text_of(child) != title:
                values.append(text_of(child))
            walk(child)
    walk(row)
    assert len(values) == 1, f"the {title!r} row shows {values}"
    return values[0]


install_failure_hook()

step("what the store says: the buyer's orders, the oldest last")
if V2:
    token = api("POST", "/auth/customer/emailpass", {"email": EMAIL, "password": PASSWORD})["token"]
    ORDERS = "/store/orders?order=-created_at&fields=%2Bitem_subtotal&"
else:
    token = api("POST", "/store/auth/token", {"email": EMAIL, "password": PASSWORD})["access_token"]
    ORDERS = "/store/customers/me/orders?"
count = api("GET", ORDERS + "limit=1", token=token)["count"]
# the v2 store's buyer has a handful, unless the store was started with bulk orders
many = count > 100
assert many or V2, f"the store should have a few hundred orders, has {count}"
newest = api("GET", ORDERS + "limit=1", token=token)["orders"][0]
oldest = api("GET", ORDERS + f"limit=1&offset={count - 1}", token=token)["orders"][0]
SUBTOTAL = "item_subtotal" if V2 else "subtotal"   # v2's subtotal includes shipping
print(f"# {count} orders: newest #{newest['display_id']}, oldest #{oldest['display_id']} "
      f"({money(oldest['total'], oldest['currency_code'])})")

step("the buyer signs in and opens the orders")
patron = start_patron(by_link=V2)
app = find_app(patron)
type_into(app, "Email Address", EMAIL)
type_into(app, "Password", PASSWORD)
press(app, "Sign In")
signed_in(app)
press(app, "Show Orders")
label_containing(app, f"Showing {count} orders", timeout=30)
first_row = order_row(app, newest["display_id"])
assert first_row.name.endswith(", " + money(newest["total"], newest["currency_code"])), first_row.name
shot("orders")
# lazy: the oldest order's page has not been asked for
assert not many or pyatspi.findDescendant(
    app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_LABEL
    and a.name.startswith(f"#{oldest['display_id']}, ")) is None, "the last page loaded too early"

def menu_item_showing(name):
    return pyatspi.findDescendant(app, lambda a: a is not None and a.name == name and showing(a)
                                  and a.getRole() in (pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_PUSH_BUTTON))


step("Escape and Alt+Left go back to the account; the window's title follows the page")
window = app.getChildAtIndex(0)
assert window.name == "Orders", window.name
for back in (lambda: press_key("Escape"), lambda: press_with_modifier("Left", ALT)):
    back()
    wait_for(lambda: window.name == "Patron", what="the account again")
    # the orders page slides away: F10 opens the menu of a page at rest
    at_rest(find(app, pyatspi.ROLE_PUSH_BUTTON, "Show Orders"))
    # F10: the account's main menu, not the orders' behind it
    press_key("F10")
    wait_for(lambda: menu_item_showing("Preferences"), what="F10 to open the main menu")
    assert not menu_item_showing("Export as CSV…"), "F10 opened the orders' menu"
    press_key("Escape")
    wait_for(lambda: not menu_item_showing("Preferences"), what="the menu to close")
    press(app, "Show Orders")
    wait_for(lambda: window.name == "Orders", what="the orders again")
    label_containing(app, f"Showing {count} orders", timeout=30)

step("F10 opens the menu of the page on screen")
at_rest(label_containing(app, f"Showing {count} orders"))
press_key("F10")
wait_for(lambda: menu_item_showing("Export as CSV…"), what="F10 to open the orders' menu")
press_key("Escape")
wait_for(lambda: not menu_item_showing("Export as CSV…"), what="the menu to close")
assert window.name == "Orders", "Escape closed the menu and left the orders too"
first_row = order_row(app, newest["display_id"])

step("the newest order opens with a click, and closes")
click(first_row)
details = window_showing(app, f"Order #{newest['display_id']}")
assert row_value(details, "Total") == money(newest["total"], newest["currency_code"])
find(details, pyatspi.ROLE_PUSH_BUTTON, "Close").queryAction().doAction(0)
wait_for(lambda: app.childCount == 1, what="the details window to close")

step("End goes to the oldest order, loading its page, and Enter opens it")
press_key("End")
oldest_row = order_row(app, oldest["display_id"], timeout=30)
assert oldest_row.name.endswith(", " + money(oldest["total"], oldest["currency_code"])), oldest_row.name
shot("oldest")
press_key("Return")
details = window_showing(app, f"Order #{oldest['display_id']}")
# what a screen reader calls the window
assert details.name == f"Order #{oldest['display_id']}", details.name

step("its details window shows the store's total")
total = row_value(details, "Total")
print(f"# details of #{oldest['display_id']}: Total {total}")
assert total == money(oldest["total"], oldest["currency_code"]), \
    (total, oldest["total"], oldest["currency_code"])
assert row_value(details, "Subtotal") == money(oldest[SUBTOTAL], oldest["currency_code"])
shot("details")

step("the details window takes the application's shortcuts")
# without a window manager the keys go to the window under the pointer
heading = label_saying(details, "Totals")
def open_by_key(key, name):
    click(heading)
    press_with_control(key)
    return wait_for(lambda: next((app.getChildAtIndex(i) for i in range(app.childCount)
                                  if app.getChildAtIndex(i).name == name
                                  and showing(app.getChildAtIndex(i))), None),
                    what=f"Ctrl+{key} to open {name}")
open_by_key("comma", "Preferences")
press_key("Escape")
wait_for(lambda: all(app.getChildAtIndex(i).name != "Preferences"
                     for i in range(app.childCount)), what="the preferences to close")
click(heading)
press_with_control("question")
shortcuts = window_showing(app, "Show Shortcuts")
shot("shortcuts-over-details")
press_key("Escape")
wait_for(lambda: not showing(shortcuts), what="the shortcuts to close")
click(heading)
press_with_control("q")
patron.wait(20)
check_log()
print("PASS")
