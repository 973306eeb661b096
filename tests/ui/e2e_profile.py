#!/usr/bin/python3
"""End-to-end: the account, driven through the accessibility tree, against the
real Medusa test store. A new customer signs in, edits the name and phone,
changes the password, adds two addresses, edits one, deletes one and undoes
it, deletes one for real and sets the billing address; then the Store API
itself (not the UI) is asked what the store holds.

With E2E_MEDUSA_V2=1 the same at the v2 store, reached by its store link,
where some things differ by design: the store keeps the email address (Patron
says so), a new password comes only through the reset email (Patron offers to
send it, and the store's outbox gets it), and the billing address is the
address flagged is_default_billing.

Run by run-e2e.sh. Env: PATRON_BIN, MEDUSA_URL, E2E_HOME (and for v2
MEDUSA_V2_URL, MEDUSA_V2_PUBLISHABLE_KEY, MEDUSA_V2_OUTBOX_DIR).
"""
import glob, os, sys, time
import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import (OUTBOX, V2, button_in_row, customer_me, customer_token, find,
                        find_app, label_containing, press, press_in_row, register_customer,
                        reset_link_for, shot, showing, start_patron, stop, type_into, wait_for,
                        window_showing, install_failure_hook)

EMAIL = f"profile.{int(time.time() * 1000)}@example.com"
PASSWORD = "profile-pass-1"
NEW_PASSWORD = "profile-pass-2"


def step(text):
    print("#", text, flush=True)


install_failure_hook()

def emails_to(email):
    """How many patron:// links the store's outbox holds for @email."""
    count = 0
    for path in glob.glob(os.path.join(OUTBOX, "*.eml")):
        text = open(path, encoding="utf-8").read()
        if f"To: {email}\n" in text:
            count += sum(1 for line in text.splitlines() if line.startswith("patron://"))
    return count


def on_screen(window):
    """Whether @window is still shown (False once it is closed)."""
    try:
        return window.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def press_in_window(window, name):
    """The button of @window's named @name (a message dialog's response
    buttons too: named by their label alone, not "_Close Close" as GTK 4.8
    would have it)."""
    button = wait_for(lambda: pyatspi.findDescendant(
        window, lambda a: a is not None and a.getRole() == pyatspi.ROLE_PUSH_BUTTON
        and showing(a) and a.name == name), what=f"{name!r} in the dialog")
    print(f"#    pressing {button.name!r}", flush=True)
    button.queryAction().doAction(0)


def sign_in_token(password):
    """A customer token from the store itself, to ask it what it holds."""
    return customer_token(EMAIL, password)


step("a new customer signs in" + (" at the v2 store, opened by its link" if V2 else ""))
register_customer(EMAIL, PASSWORD, first_name="Ada", last_name="Lovelace")
# A German address locale (the messages stay English): a new address starts in
# Germany, where both test stores ship, instead of no country at all.
os.environ["LC_ADDRESS"] = "de_DE.UTF-8"
patron = start_patron(by_link=V2)
app = find_app(patron)
type_into(app, "Email Address", EMAIL)
type_into(app, "Password", PASSWORD)
press(app, "Sign In")
label_containing(app, "Signed in as", timeout=30)

step("edit the name and the phone")
type_into(app, "First Name", "Augusta")
type_into(app, "Phone", "+44 20 7946 0000")
press(app, "Save")
label_containing(app, "Augusta Lovelace")

if V2:
    step("the email address: the store keeps it, and Patron says so")
    press(app, "Change Email Address")
    dialog = window_showing(app, "This Store Keeps Email Addresses")
    label_containing(dialog, "does not let its customers change the email address")
    shot("email-kept")
    press_in_window(dialog, "Close")
    wait_for(lambda: not on_screen(dialog), what="the dialog to close")

    step("the password: Patron offers the reset email, and the store sends it")
    before = emails_to(EMAIL)
    press(app, "Change Password")
    dialog = window_showing(app, "Change Your Password by Email")
    label_containing(dialog, f"send one to {EMAIL}")
    shot("password-by-email")
    press_in_window(dialog, "Send Email")
    wait_for(lambda: not on_screen(dialog), what="the dialog to close")
    label_containing(app, "Email sent")
    link = reset_link_for(EMAIL, before)
    assert link.startswith("patron://reset-password?"), link
    NEW_PASSWORD = PASSWORD   # unchanged until the link is followed (e2e-account-v2 does)
else:
    step("change the password")
    press(app, "Change Password")
    type_into(app, "Current Password", PASSWORD)
    type_into(app, "New Password", NEW_PASSWORD)
    type_into(app, "New Password Again", NEW_PASSWORD)
    press(app, "Change")
    wait_for(lambda: pyatspi.findDescendant(
        app, lambda a: a is not None and a.name == "Current Password") is None,
        what="the password dialog to close")


def editor_window():
    """The address editor's window (Add Address or Edit Address)."""
    return wait_for(lambda: next((app.getChildAtIndex(i) for i in range(app.childCount)
                                  if app.getChildAtIndex(i).name in ("Add Address", "Edit Address")
                                  and showing(app.getChildAtIndex(i))), None),
                    what="the address editor")


def add_address(city, street):
    press(app, "Add Address")
    wait_for(lambda: find(app, pyatspi.ROLE_PUSH_BUTTON, "Save Address").getState().contains(
        pyatspi.STATE_SENSITIVE), what="the countries")
    # in the editor: the account page has a "First Name" and a "Last Name" too
    editor = editor_window()
    type_into(editor, "First Name", "Augusta")
    type_into(editor, "Last Name", "Lovelace")
    type_into(editor, "Address", street)
    type_into(editor, "City", city)
    type_into(editor, "Postal Code", "12345")
    press(app, "Save Address")
    label_containing(app, city)


step("add two addresses")
add_address("Springfield", "1 Main St")
add_address("Shelbyville", "2 Oak Ave")
label_containing(app, "2 addresses")
shot("addresses")

step("edit one")
press_in_row(app, "Springfield", "Edit Address")
wait_for(lambda: find(app, pyatspi.ROLE_PUSH_BUTTON, "Save Address").getState().contains(
    pyatspi.STATE_SENSITIVE), what="the countries")
type_into(editor_window(), "City", "Capital City")
press(app, "Save Address")
label_containing(app, "Capital City")

step("delete the other one and undo")
press_in_row(app, "Shelbyville", "Delete Address")
label_containing(app, "1 address")
# the toast's button: "Undo", not "_Undo Undo" as GTK 4.8 would name it
undo = wait_for(lambda: pyatspi.findDescendant(
    app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_PUSH_BUTTON
    and a.name == "Undo"), what="the Undo button")
undo.queryAction().doAction(0)
label_containing(app, "2 addresses")

step("delete both: one toast says so, and its Undo brings both back")
# one right after the other, as a person does, well inside the first one's
# toast's five seconds; the second button, found before the first press,
# must still be the row's (a deletion changes its own row only)
deletes = [button_in_row(app, city, "Delete Address") for city in ("Shelbyville", "Capital City")]
for button in deletes:
    button.queryAction().doAction(0)
label_containing(app, "2 addresses deleted")
label_containing(app, "0 addresses")
undo = wait_for(lambda: pyatspi.findDescendant(
    app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_PUSH_BUTTON
    and a.name == "Undo" and a.getState().contains(pyatspi.STATE_SENSITIVE)
    and showing(a)), what="the Undo button of the toast on screen")
undo.queryAction().doAction(0)
label_containing(app, "2 addresses")
label_containing(app, "Capital City")
label_containing(app, "Shelbyville")

step("delete it for real: sent when the toast goes")
press_in_row(app, "Shelbyville", "Delete Address")
label_containing(app, "1 address")

def addresses(me):
    return me["addresses"] if V2 else me["shipping_addresses"]


def billing(me):
    """v1: the customer's billing address; v2: the address flagged as the
    default billing one."""
    if V2:
        flagged = [a for a in me["addresses"] if a.get("is_default_billing")]
        assert len(flagged) <= 1, f"several default billing addresses: {flagged}"
        return flagged[0] if flagged else None
    return me["billing_address"]


step("set the billing address from the shipping address left")
token = sign_in_token(NEW_PASSWORD)
# none yet (on v2: adding and editing addresses flag none of them), so the
# billing address the store holds below is the one Patron set
assert billing(customer_me(token)) is None, billing(customer_me(token))
press(app, "Use as Billing Address")
# the Undo toast times out, and the deletion is sent; the billing address is set
wait_for(lambda: (lambda me: len(addresses(me)) == 1 and billing(me))(customer_me(token)), 30,
         "the store to hold the deletion and the billing address")
shot("account")
stop(patron)

step("the store holds exactly that")
me = customer_me(token)
assert me["email"] == EMAIL, me["email"]
assert me["first_name"] == "Augusta", me["first_name"]
assert me["last_name"] == "Lovelace", me["last_name"]
assert me["phone"] == "+44 20 7946 0000", me["phone"]
cities = sorted(a["city"] for a in addresses(me))
assert cities == ["Capital City"], cities
assert billing(me) is not None, "a billing address"
assert billing(me)["city"] == cities[0], (billing(me)["city"], cities)
if not V2:
    # a copy of the shipping address, not a link to it (v2 flags an address instead)
    assert me["billing_address_id"] != me["shipping_addresses"][0]["id"], "billing is a copy"
assert [a["country_code"] for a in addresses(me)] == ["de"], addresses(me)
print(f"# store: {me['first_name']} {me['last_name']}, {me['phone']}, addresses {cities}, "
      f"billing {billing(me)['city']}")
print("PASS")
