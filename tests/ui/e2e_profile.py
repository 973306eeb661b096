#!/usr/bin/python3
"""End-to-end: the account, driven through the accessibility tree, against the
real Medusa test store. A new customer signs in, edits the name and phone,
changes the password, adds two addresses, edits one, deletes one and undoes
it, deletes one for real and sets the billing address; then the Store API
itself (not the UI) is asked what the store holds.

Run by run-e2e.sh. Env: PATRON_BIN, MEDUSA_URL, E2E_HOME.
"""
import os, sys, time
import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import (api, find, find_app, label_containing, press, press_in_row, shot,
                        start_patron, stop, type_into, wait_for, install_failure_hook)

EMAIL = f"profile.{int(time.time() * 1000)}@example.com"
PASSWORD = "profile-pass-1"
NEW_PASSWORD = "profile-pass-2"


def step(text):
    print("#", text, flush=True)


install_failure_hook()

step("a new customer signs in")
api("POST", "/store/customers", {"email": EMAIL, "password": PASSWORD,
                                  "first_name": "Ada", "last_name": "Lovelace"})
# A German address locale (the messages stay English): a new address starts in
# Germany, where the test store ships, instead of no country at all.
os.environ["LC_ADDRESS"] = "de_DE.UTF-8"
patron = start_patron()
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

step("change the password")
press(app, "Change Password")
type_into(app, "Current Password", PASSWORD)
type_into(app, "New Password", NEW_PASSWORD)
type_into(app, "New Password Again", NEW_PASSWORD)
press(app, "Change")
wait_for(lambda: pyatspi.findDescendant(
    app, lambda a: a is not None and a.name == "Current Password") is None,
    what="the password dialog to close")


def add_address(city, street):
    press(app, "Add Address")
    wait_for(lambda: find(app, pyatspi.ROLE_PUSH_BUTTON, "Save Address").getState().contains(
        pyatspi.STATE_SENSITIVE), what="the countries")
    type_into(app, "First Name *", "Augusta")
    type_into(app, "Last Name *", "Lovelace")
    type_into(app, "Address *", street)
    type_into(app, "City *", city)
    type_into(app, "Postal Code *", "12345")
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
type_into(app, "City *", "Capital City")
press(app, "Save Address")
label_containing(app, "Capital City")

step("delete the other one and undo")
press_in_row(app, "Shelbyville", "Delete Address")
label_containing(app, "1 address")
# libadwaita 1.2's toast button is named "_Undo Undo" (a GTK 4.8 naming bug)
undo = wait_for(lambda: pyatspi.findDescendant(
    app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_PUSH_BUTTON
    and "Undo" in a.name), what="the Undo button")
undo.queryAction().doAction(0)
label_containing(app, "2 addresses")

step("delete it for real: sent when the toast goes")
press_in_row(app, "Shelbyville", "Delete Address")
label_containing(app, "1 address")

step("set the billing address from the shipping address left")
press(app, "Use as Billing Address")
token = api("POST", "/store/auth/token", {"email": EMAIL, "password": NEW_PASSWORD})["access_token"]
# the Undo toast times out, and the deletion is sent; the billing address is set
wait_for(lambda: (lambda me: len(me["shipping_addresses"]) == 1 and me["billing_address"])(
    api("GET", "/store/customers/me", token=token)["customer"]), 30,
    "the store to hold the deletion and the billing address")
shot("account")
stop(patron)

step("the store holds exactly that")
me = api("GET", "/store/customers/me", token=token)["customer"]
assert me["first_name"] == "Augusta", me["first_name"]
assert me["last_name"] == "Lovelace", me["last_name"]
assert me["phone"] == "+44 20 7946 0000", me["phone"]
cities = sorted(a["city"] for a in me["shipping_addresses"])
assert cities == ["Capital City"], cities
assert me["billing_address"] is not None, "a billing address"
assert me["billing_address"]["city"] == cities[0], (me["billing_address"]["city"], cities)
# a copy of the shipping address, not a link to it
assert me["billing_address_id"] != me["shipping_addresses"][0]["id"], "billing is a copy"
assert [a["country_code"] for a in me["shipping_addresses"]] == ["de"], me["shipping_addresses"]
print(f"# store: {me['first_name']} {me['last_name']}, {me['phone']}, shipping {cities}, "
      f"billing {me['billing_address']['city']}")
print("PASS")
