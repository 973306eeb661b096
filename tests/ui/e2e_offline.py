#!/usr/bin/python3
"""End-to-end: the account readable offline, against the real test store
whose server is stopped and started again during the run
(tests/medusa-store/server.sh, which keeps its database).

The buyer signs in (kept signed in), opens the orders and the newest order;
Patron keeps a copy of them in its cache directory: files 0600, no token,
no password. With the store's server stopped, Patron starts on the copy at
once: the account with the banner "Offline — showing what Patron saw at …",
editing refused with a sentence, the orders and the order opened, a search
among the orders kept (saying so). The phone
is changed in the store's database meanwhile; once the server is back,
Patron asks again by itself: the banner goes, the new phone shows, editing
works again. The server stopped while Patron runs, the next request (F5) brings
the banner and the copy, and the server back takes it away. Sign Out deletes
the copy.

With E2E_MEDUSA_V2=1 the same at the v2 store (its server stopped and started
by tests/medusa-store-v2/server.sh), first reached by its store link; v2
offers no search, so that step is left out.

Run by run-e2e.sh. Env: PATRON_BIN, MEDUSA_URL, E2E_HOME and the run dir of
the v1 store's (MEDUSA_STORE_RUN_DIR, as build-aux/run-tests.sh exports it);
for v2, MEDUSA_V2_URL, MEDUSA_V2_PUBLISHABLE_KEY and MEDUSA_V2_STATE (its
state file, in its run dir).
"""
import os, stat, subprocess, sys, time
import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import (HOME, STORE, V2, api, click, find, find_app, install_failure_hook,
                        label_containing, order_row, press, press_key, shot, showing, signed_in,
                        start_patron, stop, text_of, type_into, wait_for, window_showing)

if V2:
    RUN_DIR = os.path.dirname(os.environ.get("MEDUSA_V2_STATE", "")) if os.environ.get(
        "MEDUSA_V2_STATE") else ""
else:
    RUN_DIR = os.environ.get("MEDUSA_STORE_RUN_DIR", "")
STATE = os.path.join(RUN_DIR, "state.env")
if not RUN_DIR or not os.path.exists(STATE):
    what = "MEDUSA_V2_STATE" if V2 else "MEDUSA_STORE_RUN_DIR"
    if os.environ.get("PATRON_REQUIRE_STORE") == "1":
        sys.exit(f"{what} names no running store: the test cannot stop it")
    print(f"# SKIP: no store run dir to stop and start ({what})", flush=True)
    sys.exit(77)
SERVER = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..",
                      "medusa-store-v2" if V2 else "medusa-store", "server.sh")
EMAIL, PASSWORD = "buyer@example.com", "buyer-pass-123"
COPY = os.path.join(HOME, "cache", "patron", "offline")


def step(text):
    print("#", text, flush=True)


def state(name):
    for line in open(STATE):
        key, _, value = line.rstrip("\n").partition("=")
        if key == name:
            return value.replace("\\ ", " ")
    raise KeyError(name)


def psql(sql):
    """SQL straight to the store's database (the server may be down)."""
    psql_bin = os.path.join(state("PGBIN"), "psql")
    return subprocess.run([psql_bin, state("DATABASE_URL"), "-qAt", "-v", "ON_ERROR_STOP=1",
                           "-c", sql], check=True, capture_output=True, text=True).stdout.strip()


def server(what):
    subprocess.run([SERVER, what], check=True, env=dict(os.environ, MEDUSA_STORE_RUN_DIR=RUN_DIR))


def copy_files():
    found = []
    for root, dirs, files in os.walk(COPY):
        found += [os.path.join(root, name) for name in files]
    return found


def field(app, name):
    return find(app, [pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY], name)


def sensitive(acc):
    """Whether @acc takes input: it and every widget around it are sensitive."""
    while acc is not None and acc.getRole() != pyatspi.ROLE_FRAME:
        if not acc.getState().contains(pyatspi.STATE_SENSITIVE):
            return False
        acc = acc.parent
    return True


install_failure_hook()
if V2:
    token = api("POST", "/auth/customer/emailpass", {"email": EMAIL, "password": PASSWORD})["token"]
    ORDERS = "/store/orders?order=-created_at&"
else:
    token = api("POST", "/store/auth/token", {"email": EMAIL, "password": PASSWORD})["access_token"]
    ORDERS = "/store/customers/me/orders?"
count = api("GET", ORDERS + "limit=1", token=token)["count"]
newest = api("GET", ORDERS + "limit=1", token=token)["orders"][0]
# the first page the orders page shows, and so keeps
first_page = api("GET", ORDERS + "limit=50&fields=id,display_id", token=token)["orders"]
old_phone = psql(f"SELECT coalesce(phone, '') FROM customer WHERE email = '{EMAIL}'")
new_phone = f"+1555{int(time.time()) % 1000000:06d}"

patron = None
try:
    step("the buyer signs in, kept signed in, and sees the orders and the newest order")
    patron = start_patron(by_link=V2)
    app = find_app(patron)
    type_into(app, "Email Address", EMAIL)
    type_into(app, "Password", PASSWORD)
    press(app, "Sign In")
    signed_in(app)
    press(app, "Show Orders")
    label_containing(app, f"Showing {count} orders", timeout=30)
    click(order_row(app, newest["display_id"]))
    details = window_showing(app, f"Order #{newest['display_id']}")
    find(details, pyatspi.ROLE_PUSH_BUTTON, "Close").queryAction().doAction(0)
    wait_for(lambda: app.childCount == 1, what="the details window to close")
    stop(patron)
    patron = None

    step("the copy: the customer, the orders page and the order; 0600, 0700, no secret")
    files = copy_files()
    assert len(files) >= 3, files
    for path in files:
        assert stat.S_IMODE(os.stat(path).st_mode) == 0o600, (path, oct(os.stat(path).st_mode))
        body = open(path, "rb").read()
        assert token.encode() not in body, f"the token is in {path}"
        assert PASSWORD.encode() not in body, f"the password is in {path}"
    for root, dirs, _ in os.walk(COPY):
        for name in dirs:
            mode = stat.S_IMODE(os.stat(os.path.join(root, name)).st_mode)
            assert mode == 0o700, (name, oct(mode))
    everything = b"".join(open(p, "rb").read() for p in files)
    assert EMAIL.encode() in everything and f'"display_id":{newest["display_id"]}'.encode() in everything
    # only what Patron shows (test-offline checks every member): no metadata
    assert b'"metadata"' not in everything, "the copy keeps the store's metadata"

    step("the store's server stops; its database changes meanwhile")
    server("stop")
    psql(f"UPDATE customer SET phone = '{new_phone}' WHERE email = '{EMAIL}'")

    step("Patron starts on the copy, says so, and refuses to edit with a sentence")
    started = time.monotonic()
    patron = start_patron()
    app = find_app(patron)
    banner = label_containing(app, "Offline — showing what Patron saw at", timeout=30)
    signed_in(app)
    print(f"# offline account shown {time.monotonic() - started:.1f} s after the start: "
          f"{text_of(banner)!r}", flush=True)
    label_containing(app, "Patron cannot reach the store. Your account can be changed again")
    first_name = field(app, "First Name")
    assert not sensitive(first_name), "the profile can be edited offline"
    assert text_of(field(app, "Phone")) == old_phone
    shot("offline-account")
    press(app, "Show Orders")
    label_containing(app, f"Showing {count} orders", timeout=30)
    click(order_row(app, newest["display_id"]))
    details = window_showing(app, f"Order #{newest['display_id']}")
    shot("offline-order")
    find(details, pyatspi.ROLE_PUSH_BUTTON, "Close").queryAction().doAction(0)
    wait_for(lambda: app.childCount == 1, what="the details window to close")
    # a search looks through the pages kept, and says so (at v2 too: Patron
    # searches there itself)
    # one digit (the test bed's key events reach the search entry as the last
    # key only): the kept page's orders with that digit in their number
    click(find(app, [pyatspi.ROLE_TEXT, pyatspi.ROLE_ENTRY], "Search orders"))
    digit = str(newest["display_id"])[-1]
    press_key(digit)
    found = sum(digit in str(o["display_id"]) for o in first_page)
    saying = (f"Showing {found} order{'s' if found != 1 else ''}, "
              "searched among those Patron saw before")
    wait_for(lambda: pyatspi.findDescendant(
        app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_LABEL and showing(a)
        and text_of(a) == saying), 30, repr(saying))
    # said once, under the search: the page's title does not repeat the count
    count_only = saying.split(",")[0]
    assert pyatspi.findDescendant(
        app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_LABEL and showing(a)
        and text_of(a) == count_only) is None, f"{count_only!r} said twice"
    order_row(app, newest["display_id"])
    shot("offline-search")
    press_key("Escape")
    label_containing(app, f"Showing {count} orders", timeout=30)
    press(app, "Back to the Account")
    signed_in(app)

    step("the server comes back: Patron asks again by itself, the banner goes, fresh data shows")
    server("start")
    wait_for(lambda: pyatspi.findDescendant(
        app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_LABEL and showing(a)
        and "Offline — showing" in text_of(a)) is None, 90, "the banner to go")
    wait_for(lambda: text_of(field(app, "Phone")) == new_phone, 30, "the store's new phone")
    assert sensitive(field(app, "First Name")), "the profile cannot be edited online"
    shot("online-again")

    step("the store goes away while Patron runs: the next request finds out, the copy shows")
    server("stop")
    press(app, "Show Orders")
    press_key("F5")
    label_containing(app, "Offline — showing what Patron saw at", timeout=30)
    label_containing(app, f"Showing {count} orders", timeout=30)
    server("start")
    wait_for(lambda: pyatspi.findDescendant(
        app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_LABEL and showing(a)
        and "Offline — showing" in text_of(a)) is None, 90, "the banner to go again")
    press(app, "Back to the Account")
    signed_in(app)

    step("Sign Out deletes the copy")
    press(app, "Sign Out")
    find(app, pyatspi.ROLE_TEXT, "Email Address", timeout=30)
    wait_for(lambda: not copy_files(), 20, "the copy to go")
    assert not os.path.exists(COPY) or not any(os.scandir(COPY)), os.listdir(COPY)
    stop(patron)
    patron = None
finally:
    if patron is not None:
        patron.kill()
    server("start")
    psql(f"UPDATE customer SET phone = {repr(old_phone) if old_phone else 'NULL'} "
         f"WHERE email = '{EMAIL}'")
print("PASS")
