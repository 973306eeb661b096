#!/usr/bin/python3
"""End-to-end: the real Patron binary, driven through the accessibility tree,
against a careless or hostile store: the real test store behind a proxy that
changes some of its answers (hostile_proxy.py). Each time Patron must stay
responsive, keep its window inside the screen, say what went wrong in a
sentence where it went wrong, keep what the user typed, and log no warning:

1. a customer as long as the store likes: names of 100,000 characters, text
   running right to left and over many lines, 500 addresses;
2. orders as heavy as the parser takes: an order of 1,000 items, long titles;
3. an answer without end (far more than any page);
4. an answer nested a million deep;
5. an answer that trickles, a byte at a time: the user goes elsewhere;
6. an answer that is not UTF-8;
7. a server error with a page of HTML, then the store well again: Try Again;
8. a session the store no longer knows, in the middle of the orders;
9. a count of orders that lies: pages short of what it says;
10. an order's details answered with another order's;
11. a change to the profile answered with another customer;
12. a store chosen on the store page whose first answer is nested a million
    deep, then one without end: the store page says so, and keeps the store
    in use.

Run by run-e2e.sh (MEDUSA_URL: the v1 test store, behind the proxy here);
with E2E_MEDUSA_V2=1 at the v2 store (MEDUSA_V2_URL and its publishable key),
reached by its store link (skipped, 77, without one): the steps where v2's
answers differ, 1, 2, 9, 10 and 11. The others break the transport or the
scan before json-glib, which both Store APIs share (and v2's parsers are
fuzzed).
"""
import json, os, re, subprocess, sys, time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from hostile_proxy import HostileProxy, trickle

V2_STORE = "MEDUSA_V2_URL" if os.environ.get("E2E_MEDUSA_V2") == "1" else None
if V2_STORE and not os.environ.get(V2_STORE):
    print("# SKIP: no Medusa v2 test store (MEDUSA_V2_URL)", flush=True)
    sys.exit(77)
STORE_URL = V2_STORE or "MEDUSA_URL"
proxy = HostileProxy(os.environ[STORE_URL])
os.environ[STORE_URL] = proxy.url      # Patron, and e2e_common's api(), go through it

from e2e_common import (V2, button_next_to, click, customer_me, customer_token, find, find_app,
                        install_failure_hook, label_containing, menu_item, press, press_key,
                        register_customer, showing, signed_in, start_patron, stop, text_of,
                        type_into, wait_for)
import pyatspi

EMAIL = "buyer@example.com"
PASSWORD = "buyer-pass-123"
SCREEN_WIDTH = 1280          # run-e2e.sh's Xvfb
JSON = "application/json; charset=utf-8"
# the orders' list, and one order's details (v1: the list, by id)
ORDERS = r"^/store/orders$" if V2 else r"^/store/customers/me/orders$"
ORDER = r"^/store/orders/[^/]+$" if V2 else ORDERS
step_no = 0


def step(text, v1_only=False):
    """Says which step runs; False for one of v1's only, at the v2 store."""
    global step_no
    step_no += 1
    skipped = v1_only and V2
    print(f"# {step_no}. {text}" + (": at the v1 store only" if skipped else ""), flush=True)
    return not skipped


def window_widths():
    """The widths of Patron's top-level windows on the X server."""
    tree = subprocess.run(["xwininfo", "-root", "-children"], capture_output=True, text=True,
                          check=True).stdout
    return [int(m.group(1)) for m in re.finditer(r'"[^"]*".*?\s(\d+)x\d+\+', tree)
            if "Patron" in m.group(0) or "Order" in m.group(0)]


def assert_inside_screen():
    widths = window_widths()
    assert widths, "no Patron window on the X server"
    assert max(widths) <= SCREEN_WIDTH, f"a window grew past the screen: {widths}"


# under AddressSanitizer (build-aux/run-tests.sh's second run) Patron is a few times slower
SLOWDOWN = 3 if "ASAN_OPTIONS" in os.environ else 1


def assert_responsive(app, limit=1.0):
    """Patron's main loop answers the accessibility bus at once."""
    start = time.time()
    app.getChildAtIndex(0).getState()
    took = time.time() - start
    assert took < limit * SLOWDOWN, f"Patron took {took:.1f} s to answer the accessibility bus"


def assert_smooth(app, seconds, limit):
    """For @seconds, Patron answers the accessibility bus within @limit
    seconds 19 times out of 20: its frames stay short."""
    waits = []
    end = time.time() + seconds
    while time.time() < end:
        start = time.time()
        app.getChildAtIndex(0).getState()
        waits.append(time.time() - start)
        time.sleep(0.05)
    waits.sort()
    p95 = waits[int(len(waits) * 0.95)]
    print(f"# answers within {p95 * 1000:.0f} ms 19 times out of 20 "
          f"(the longest {waits[-1] * 1000:.0f} ms, the median {waits[len(waits) // 2] * 1000:.0f})",
          flush=True)
    assert p95 < limit * SLOWDOWN, f"Patron's frames were long: {p95 * 1000:.0f} ms"


def sign_in(email=EMAIL, password=PASSWORD):
    patron = start_patron(by_link=V2)
    app = find_app(patron)
    type_into(app, "Email Address", email)
    type_into(app, "Password", password)
    press(app, "Sign In")
    return patron, app


def end(patron):
    """Patron stopped (its log checked), and the session it kept forgotten:
    the next part signs in again."""
    stop(patron)
    proxy.clear()
    proxy.forget_requests()
    keyring = os.environ["SECRET_FILE_TEST_PATH"]
    if os.path.exists(keyring):
        os.remove(keyring)


def orders_page_says(tamper, sentence):
    """Signed in, then the orders' answers made by @tamper: the orders page
    says @sentence, and Patron answers at once. Returns Patron and its
    accessible application."""
    patron, app = sign_in()
    signed_in(app)
    proxy.answer("GET", ORDERS, tamper)
    press(app, "Show Orders")
    label_containing(app, sentence, timeout=60)
    assert_responsive(app)
    return patron, app


def rewrite_json(change):
    """A tamper that hands the store's JSON answer to @change."""
    def tamper(status, headers, body):
        data = json.loads(body)
        change(data)
        return status, JSON, json.dumps(data).encode()
    return tamper


install_failure_hook()

# ---------------------------------------------------------------------------
step("a customer as long as the store likes: every text huge, 500 addresses")
LONG_FIRST = "Ada" + "x" * 100_000


def long_customer(data):
    customer = data["customer"]
    customer["first_name"] = LONG_FIRST
    customer["last_name"] = "\u202eLovelace" + "\n" * 40 + "y" * 20_000
    customer["phone"] = "+44" + "1" * 10_000
    # 500 of 6 KB: well under what Patron reads of an answer (16 MB)
    address = {"first_name": "B" * 2_000, "last_name": "\u200f" * 100, "company": "C" * 2_000,
               "address_1": "Street\n" * 50, "address_2": None, "city": "D" * 1_000,
               "postal_code": "9" * 200, "province": "E" * 200, "country_code": "gb",
               "phone": None, "metadata": None}
    addresses = [dict(address, id=f"addr_{i:04d}", customer_id=customer["id"]) for i in range(500)]
    if V2:
        # v2: one book of addresses, the billing one flagged
        for flagged in addresses:
            flagged.update(is_default_billing=False, is_default_shipping=False, address_name=None)
        addresses[0]["is_default_billing"] = True
        customer["addresses"] = addresses
        return
    customer["shipping_addresses"] = addresses
    customer["billing_address"] = dict(address, id="addr_billing")
    customer["billing_address_id"] = "addr_billing"


proxy.answer("GET", r"^/store/customers/me$", rewrite_json(long_customer))
patron, app = sign_in()
signed_in(app)
label_containing(app, "500 addresses", timeout=30)
# the rows come a few a frame, fewer when they cost more (these 40 ms each):
# the window keeps moving meanwhile (before, ten a frame held each for 0.4 s)
assert_smooth(app, 3, 0.3)
name = label_containing(app, "Adaxxx")
assert len(text_of(name)) < 10_000, f"the name label holds {len(text_of(name))} characters"
# that every row comes, in order, is test-pages' many-addresses (walking this
# tree until all 500 were there took most of this test's time)
assert_responsive(app)
assert_inside_screen()
end(patron)

# ---------------------------------------------------------------------------
step("orders as heavy as the parser takes: 1,000 items in the newest, long titles")


def heavy_order(order):
    item = order["items"][0]
    order["items"] = [dict(item, id=f"item_{i:04d}", title=f"Item {i} " + "T" * 200,
                           description="D" * 200) for i in range(1000)]
    order["email"] = "e" * 5_000 + "@example.com"


def heavy_orders(data):
    if "order" in data:                   # v2: one order's details
        heavy_order(data["order"])
        return
    if not data["orders"] or "items" not in data["orders"][0]:
        return                            # the count: ids only
    heavy_order(data["orders"][0])
    for order in data["orders"][1:]:
        for item in order["items"]:
            item["title"] = "W" * 3_000


proxy.answer("GET", ORDERS, rewrite_json(heavy_orders))
proxy.answer("GET", ORDER, rewrite_json(heavy_orders))
patron, app = sign_in()
signed_in(app)
press(app, "Show Orders")
label_containing(app, "Showing ", timeout=30)
assert_responsive(app)
row = wait_for(lambda: pyatspi.findDescendant(
    app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_LABEL and showing(a)
    and a.name.startswith("#") and re.search(r" · \d{4} items, ", a.name)), 30,
    "the heavy order's row (1,000 items, each a few)")
click(row)
title = "Order " + row.name.split(",")[0]
wait_for(lambda: any(app.getChildAtIndex(i).name == title for i in range(app.childCount)), 30,
         f"the window of {title}")
# the rest of its items come while it keeps answering (3 s of samples: its
# own first layout is one of them)
assert_smooth(app, 3, 0.3)
label_containing(app, "Item 0 ", timeout=30)
label_containing(app, "Item 999 ", timeout=60)
assert_responsive(app)
assert_inside_screen()
end(patron)

# ---------------------------------------------------------------------------
if step("an answer without end: Patron stops reading and says so on the orders page", v1_only=True):
    def endless(status, headers, body):
        def chunks():
            yield b'{"orders":['
            for _ in range(200_000):       # 200 MB at most, if Patron read on
                yield b'{"id":"order_x","display_id":1,"items":[]},' * 1000
        return 200, JSON, chunks()

    end(orders_page_says(endless, "The store sent far more than expected")[0])

# ---------------------------------------------------------------------------
if step("an answer nested a million deep", v1_only=True):
    end(orders_page_says(lambda status, headers, body: (200, JSON, b'{"orders":' + b"[" * 1_000_000),
                         "The store sent an answer Patron does not understand")[0])

# ---------------------------------------------------------------------------
if step("an answer that trickles a byte at a time: the user goes elsewhere meanwhile", v1_only=True):
    proxy.answer("GET", ORDERS,
                 lambda status, headers, body: (200, JSON, trickle(body, every=0.2)))
    patron, app = sign_in()
    signed_in(app)
    press(app, "Show Orders")
    for _ in range(10):
        assert_responsive(app)
        time.sleep(0.2)
    press(app, "Back to the Account")
    signed_in(app)
    assert_responsive(app)
    end(patron)

# ---------------------------------------------------------------------------
if step("a customer that is not UTF-8: a sentence on the sign-in form, what was typed kept", v1_only=True):
    def not_utf8(status, headers, body):
        return status, JSON, body.replace(b'"buyer@example.com"', b'"buyer@exa\xff\xfemple.com"')

    proxy.answer("GET", r"^/store/customers/me$", not_utf8)
    patron, app = sign_in()
    label_containing(app, "The store sent an answer Patron does not understand", timeout=30)
    assert text_of(find(app, pyatspi.ROLE_TEXT, "Email Address")) == EMAIL
    proxy.clear()
    press(app, "Sign In")
    signed_in(app)
    end(patron)

# ---------------------------------------------------------------------------
if step("a server error with a page of HTML, then the store well again: Try Again", v1_only=True):
    patron, app = orders_page_says(
        lambda status, headers, body: (500, "text/html", b"<html>" + b"<p>oops</p>" * 100_000),
        "The store has a problem right now")
    proxy.clear()
    press(app, "Try Again")
    label_containing(app, "Showing ", timeout=30)
    end(patron)

# ---------------------------------------------------------------------------
if step("a session the store no longer knows, in the middle of the orders", v1_only=True):
    patron, app = sign_in()
    signed_in(app)
    proxy.answer("GET", ORDERS,
                 lambda status, headers, body: (401, "text/plain", b"Unauthorized"))
    press(app, "Show Orders")
    label_containing(app, "Please sign in again.", timeout=30)
    assert text_of(find(app, pyatspi.ROLE_TEXT, "Email Address")) == EMAIL
    end(patron)

# ---------------------------------------------------------------------------
step("a count of orders that lies: the orders its pages leave out fail, with Try Again")


def lying_count(data):
    data["count"] = 1_000_000
    if len(data["orders"]) > 1:           # a page, not the count: five orders
        data["orders"] = data["orders"][:5]


def rows_say_so():
    """The rows of the orders a page left out say so, each with Try Again
    (one label each to the accessibility tree: their name)."""
    return wait_for(lambda: pyatspi.findDescendant(
        app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_LABEL and showing(a)
        and a.name == "This part of the list could not be loaded."), 30, "the rows saying so")


proxy.answer("GET", ORDERS, rewrite_json(lying_count))
patron, app = sign_in()
signed_in(app)
press(app, "Show Orders")
label_containing(app, "Showing 1000000 orders", timeout=30)
rows_say_so()
assert proxy.requests("GET", ORDERS) == 2, proxy.seen     # the count, the first page
# asked for again only when the user asks: a row's Try Again
button_next_to(rows_say_so(), "Try Again").queryAction().doAction(0)
wait_for(lambda: proxy.requests("GET", ORDERS) == 3, 30, "the page asked for again")
rows_say_so()
assert_responsive(app)
assert proxy.requests("GET", ORDERS) == 3, proxy.seen
end(patron)

# ---------------------------------------------------------------------------
step("an order's details answered with another order's: not shown under its number")


def other_order(data):
    (data["order"] if V2 else data["orders"][0])["id"] = "order_someone_elses"


patron, app = sign_in()
signed_in(app)
press(app, "Show Orders")
row = wait_for(lambda: pyatspi.findDescendant(
    app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_LABEL and showing(a)
    and a.name.startswith("#")), 30, "an order's row")
proxy.answer("GET", ORDER, rewrite_json(other_order))
click(row)
label_containing(app, "The store sent an answer Patron does not understand", timeout=30)
assert not any(app.getChildAtIndex(i).name.startswith("Order #")
               for i in range(app.childCount)), "a window titled with the order's number"
end(patron)

# ---------------------------------------------------------------------------
step("a change to the profile answered with another customer: nobody becomes them")
email = f"hostile.{int(time.time() * 1000)}@example.com"
register_customer(email, PASSWORD, first_name="Ada", last_name="Lovelace")


def someone_else(data):
    data["customer"].update(id="cus_someone_else", email="someone@example.com",
                            first_name="Someone", last_name="Else")


patron, app = sign_in(email)
signed_in(app)
proxy.answer("POST", r"^/store/customers/me$", rewrite_json(someone_else))
type_into(app, "First Name", "Augusta")
press(app, "Save")
label_containing(app, "The store sent an answer Patron does not understand", timeout=30)
label_containing(app, f"Signed in as {email}")
label_containing(app, "Ada Lovelace")
assert text_of(find(app, pyatspi.ROLE_TEXT, "First Name")) == "Augusta", "the edit was lost"
assert not pyatspi.findDescendant(app, lambda a: a is not None and "someone" in (a.name or ""))
# what the store holds: the change was made there all the same
assert customer_me(customer_token(email, PASSWORD))["first_name"] == "Augusta"
end(patron)

# ---------------------------------------------------------------------------
def hostile_store_page():
    """Step 12, at the v1 store: a store page's check of an address."""
    other = HostileProxy(os.environ["MEDUSA_URL"])
    patron = start_patron()
    app = find_app(patron)
    find(app, pyatspi.ROLE_TEXT, "Email Address", timeout=30)
    for answer, sentence in ((b'{"regions":' + b"[" * 1_000_000,
                              "This address does not answer like a Medusa store."),
                             (b'{"regions":[' + b'{"id":"reg_x","name":"x"},' * 2_000_000,
                              "The store sent far more than expected")):
        other.clear()
        other.answer("GET", r"^/store/regions$", lambda status, headers, body, answer=answer:
                     (200, JSON, answer))
        menu_item(app, "Change Store…").queryAction().doAction(0)
        type_into(app, "Store Address", other.url)
        press(app, "Connect")
        label_containing(app, sentence, timeout=60)
        assert text_of(find(app, pyatspi.ROLE_TEXT, "Store Address")) == other.url
        assert_responsive(app)
        press(app, "Keep the Current Store")
        find(app, pyatspi.ROLE_TEXT, "Email Address", timeout=30)
    end(patron)
    other.close()


if step("a store chosen whose first answer is hostile: the store page says so", v1_only=True):
    hostile_store_page()

proxy.close()
print("PASS")
