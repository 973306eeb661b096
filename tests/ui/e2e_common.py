#!/usr/bin/python3
"""What the end-to-end drivers share: starting Patron, finding what is on
screen through the accessibility tree, typing, pressing, screenshots."""
import decimal, glob, json, os, re, subprocess, sys, time, urllib.parse, urllib.request
import pyatspi

PATRON = os.environ["PATRON_BIN"]
# E2E_MEDUSA_V2=1: against the Medusa v2 test store (tests/medusa-store-v2),
# which Patron first reaches through its "Open in Patron" link (address and
# publishable key); skipped (77) without one.
V2 = os.environ.get("E2E_MEDUSA_V2") == "1"
if V2 and not os.environ.get("MEDUSA_V2_URL"):
    print("# SKIP: no Medusa v2 test store (MEDUSA_V2_URL)", flush=True)
    sys.exit(77)
STORE = os.environ["MEDUSA_V2_URL"] if V2 else os.environ["MEDUSA_URL"]
STORE_KEY = os.environ.get("MEDUSA_V2_PUBLISHABLE_KEY") if V2 else None
OUTBOX = os.environ.get("MEDUSA_V2_OUTBOX_DIR" if V2 else "MEDUSA_OUTBOX_DIR", "")
HOME = os.environ["E2E_HOME"]
SHOTS = os.environ.get("E2E_SCREENSHOTS")
LOG = os.path.join(HOME, "patron.log")


def api(method, path, body=None, token=None):
    """A Store API call straight to the store, to check what it holds (with
    the v2 store's key; numbers as Decimal: v2's amounts are decimals)."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(STORE + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    if STORE_KEY:
        request.add_header("x-publishable-api-key", STORE_KEY)
    with urllib.request.urlopen(request, timeout=30) as response:
        body = response.read()
        if "json" not in response.headers.get("Content-Type", "json"):
            return body.decode()   # v2's reset request answers "Created"
        return json.loads(body or b"null", parse_float=decimal.Decimal)


def customer_token(email, password):
    """A customer's session token from the store itself, to set up a test or
    ask the store what it holds."""
    if V2:
        return api("POST", "/auth/customer/emailpass",
                   {"email": email, "password": password})["token"]
    return api("POST", "/store/auth/token", {"email": email, "password": password})["access_token"]


def register_customer(email, password, **fields):
    """A new customer at the store (v2: an identity, then its customer)."""
    if V2:
        token = api("POST", "/auth/customer/emailpass/register",
                    {"email": email, "password": password})["token"]
        api("POST", "/store/customers", {"email": email, **fields}, token=token)
    else:
        api("POST", "/store/customers", {"email": email, "password": password, **fields})


def customer_me(token):
    """The customer as the store holds it, with its addresses."""
    if V2:
        return api("GET", "/store/customers/me?fields=id,email,first_name,last_name,phone,"
                   "*addresses", token=token)["customer"]
    return api("GET", "/store/customers/me", token=token)["customer"]


def customer_addresses(me):
    """@me's addresses: v1's shipping addresses and billing address, v2's
    addresses (which flag the billing one)."""
    if V2:
        return me.get("addresses") or []
    return (me.get("shipping_addresses") or []) + ([me["billing_address"]]
                                                   if me.get("billing_address") else [])


def add_customer_address(token, address):
    api("POST", "/store/customers/me/addresses", address if V2 else {"address": address},
        token=token)


def request_password_reset(email):
    """The store emails @email a reset link."""
    if V2:
        api("POST", "/auth/customer/emailpass/reset-password", {"identifier": email})
    else:
        api("POST", "/store/customers/password-token", {"email": email})


def reset_password(email, token, password):
    """The reset link's @token used at the store itself."""
    if V2:
        api("POST", "/auth/customer/emailpass/update", {"password": password}, token=token)
    else:
        api("POST", "/store/customers/password-reset",
            {"email": email, "token": token, "password": password})


def newest_orders(token, limit):
    """The customer's @limit newest orders, as the orders list begins."""
    if V2:
        return api("GET", f"/store/orders?order=-created_at&limit={limit}"
                   "&fields=id,display_id,total,currency_code", token=token)["orders"]
    return api("GET", f"/store/customers/me/orders?limit={limit}", token=token)["orders"]


def shot(name):
    if SHOTS:
        time.sleep(0.6)   # let the page's cross-fade finish
        os.makedirs(SHOTS, exist_ok=True)
        subprocess.run(["/usr/bin/import", "-window", "root", os.path.join(SHOTS, name + ".png")],
                       check=False)


def wait_for(pred, timeout=20, what="condition"):
    end = time.time() + timeout
    while time.time() < end:
        try:
            v = pred()
        except AssertionError:
            raise
        except Exception:
            v = None
        if v:
            return v
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def store_link():
    """The store's "Open in Patron" link."""
    query = {"url": STORE}
    if STORE_KEY:
        query["key"] = STORE_KEY
    return "patron://store?" + urllib.parse.urlencode(query)


def start_patron(*args, by_link=False):
    """Patron at the test store: by its --store option, or (by_link) by the
    store's link, as a shopper would first reach a v2 store."""
    store_args = [store_link()] if by_link else ["--store", STORE]
    # A fresh Xvfb now and then refuses the very first client for a moment
    # ("cannot open display"): that is the test bed, not Patron, so try again.
    for attempt in range(5):
        size = os.path.getsize(LOG) if os.path.exists(LOG) else 0
        log = open(LOG, "a")
        proc = subprocess.Popen([PATRON, *store_args, *args], stdout=log, stderr=log)
        try:
            proc.wait(1.0)
        except subprocess.TimeoutExpired:
            return proc
        if proc.returncode == 0 or "cannot open display" not in open(LOG, errors="replace").read()[size:]:
            return proc
        print(f"# the display refused Patron (attempt {attempt + 1}); trying again", flush=True)
        time.sleep(0.5)
    return proc


def find_app(proc=None):
    def look():
        if proc is not None and proc.poll() is not None:
            raise AssertionError(f"Patron exited with {proc.returncode} before showing its window")
        for app in pyatspi.Registry.getDesktop(0):
            if app is not None and app.name in ("patron", "Patron") and app.childCount > 0:
                return app
        return None
    return wait_for(look, 60, "Patron on the accessibility bus")


def showing(acc):
    try:
        return acc.getState().contains(pyatspi.STATE_VISIBLE)
    except Exception:
        return False


def find(app, roles, name, timeout=20):
    roles = roles if isinstance(roles, (list, tuple)) else [roles]

    def look():
        return pyatspi.findDescendant(
            app, lambda a: a is not None and a.getRole() in roles and a.name == name and showing(a))
    return wait_for(look, timeout, f"{name!r} on screen")


def text_of(acc):
    t = acc.queryText()
    return t.getText(0, t.characterCount)


def type_into(app, name, text):
    field = find(app, [pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT, pyatspi.ROLE_ENTRY], name)
    field.queryEditableText().setTextContents(text)


def press(app, name):
    button = find(app, [pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON], name)
    button.queryAction().doAction(0)


def open_register_page(app):
    """From the sign-in page to the register page, once the sign-in page's
    form has gone: both have an "Email Address" and a "Create Account" while
    the page cross-fades, and typing must reach the register page's."""
    press(app, "Create Account")
    find(app, [pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT], "Password Again")
    wait_for(lambda: pyatspi.findDescendant(
        app, lambda a: a is not None and a.name == "Forgot Password?" and showing(a)) is None,
        what="the sign-in page to go")


def label_containing(app, fragment, timeout=20):
    def look():
        return pyatspi.findDescendant(
            app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_LABEL and showing(a)
            and fragment in text_of(a))
    return wait_for(look, timeout, f"a label saying {fragment!r}")


def signed_in(app):
    return label_containing(app, f"Signed in as", timeout=30)


# What the test bed makes GTK 4.8 say, not Patron: without a window manager
# (Xvfb) it warns when focus moves between text fields from code, and click()
# asks the accessibility tree for screen coordinates, which GTK 4 cannot know.
# Nothing else is let through.
KNOWN_WARNINGS = (
    ("Gtk-WARNING **: ", "GtkText - did not receive a focus-out event."),
    ("Gtk-WARNING **: ", "Screen coordinates not supported, reported positions will be wrong"),
)
LOG_PROBLEM = re.compile(r"\b(CRITICAL|WARNING) \*\*")


def log_problems():
    """Every CRITICAL or WARNING in Patron's log but the known one."""
    if not os.path.exists(LOG):
        return []
    problems = []
    for line in open(LOG, errors="replace").read().splitlines():
        if not LOG_PROBLEM.search(line):
            continue
        if any(domain in line and message in line for domain, message in KNOWN_WARNINGS):
            continue
        problems.append(line)
    return problems


def check_log():
    """Fails the test on any CRITICAL or WARNING Patron logged."""
    problems = log_problems()
    assert not problems, "Patron logged:\n" + "\n".join(problems[:20])


def stop(proc):
    proc.terminate()
    try:
        proc.wait(10)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    check_log()


def menu_button(app):
    """The main menu's button, the one that takes the press."""
    button = find(app, [pyatspi.ROLE_PUSH_BUTTON, pyatspi.ROLE_TOGGLE_BUTTON], "Main Menu")
    if button.queryAction().nActions == 0:
        button = pyatspi.findDescendant(
            button, lambda a: a is not None and a.queryAction().nActions > 0)
    return button


def menu_item(app, name, present=True):
    """Opens the main menu and finds @name in it (or checks it is not there)."""
    menu_button(app).queryAction().doAction(0)

    def look():
        return pyatspi.findDescendant(
            app, lambda a: a is not None and a.name == name and showing(a)
            and a.getRole() in (pyatspi.ROLE_MENU_ITEM, pyatspi.ROLE_PUSH_BUTTON))
    if present:
        return wait_for(look, what=f"the menu item {name!r}")
    wait_for(lambda: pyatspi.findDescendant(
        app, lambda a: a is not None and a.name == "Change Store…" and showing(a)),
        what="the main menu")
    assert look() is None, f"{name!r} is still in the menu"
    return None


def button_in_row(app, text, name):
    """The button named @name in the list row that shows @text."""
    return button_next_to(label_containing(app, text), name)


def button_next_to(node, name):
    """The button named @name nearest @node: in its list row, say."""
    text = node.name
    while node is not None:
        button = pyatspi.findDescendant(
            node, lambda a: a is not None and a.getRole() == pyatspi.ROLE_PUSH_BUTTON
            and a.name == name)
        if button is not None:
            return button
        node = node.parent
    raise AssertionError(f"no {name!r} next to {text!r}")


def press_in_row(app, text, name):
    """Presses the button named @name in the list row that shows @text."""
    button_in_row(app, text, name).queryAction().doAction(0)


def install_failure_hook():
    def on_failure(kind, value, tb):
        shot("failure")
        if os.path.exists(LOG):
            print("# --- the end of Patron's log:")
            for line in open(LOG, errors="replace").read().splitlines()[-25:]:
                print("#", line)
        print("# DISPLAY =", os.environ.get("DISPLAY"))
        sys.__excepthook__(kind, value, tb)

    sys.excepthook = on_failure


def at_rest(acc):
    """The extents (x, y, width, height) of @acc once it no longer moves: a
    page may still be sliding in or out. A control gone meanwhile raises."""
    def where():
        e = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
        return (e.x, e.y, e.width, e.height)
    last, end = where(), time.time() + 5
    while time.time() < end:
        time.sleep(0.1)
        here = where()
        if here == last:
            return here
        last = here
    raise AssertionError(f"{acc.name!r} never came to rest")


def click(acc):
    """A left click in the middle of @acc, as a person would (GTK 4.8 cannot
    grab the focus through AT-SPI), once it is at rest (at_rest())."""
    x, y, width, height = at_rest(acc)
    pyatspi.Registry.generateMouseEvent(x + width // 2, y + height // 2, "b1c")


def press_key(keysym):
    """A key press and release, e.g. press_key("End"), to the focused window."""
    import gi
    gi.require_version("Gdk", "4.0")
    from gi.repository import Gdk
    keyval = Gdk.keyval_from_name(keysym)
    assert keyval != 0, f"no key named {keysym!r}"
    pyatspi.Registry.generateKeyboardEvent(keyval, None, pyatspi.KEY_SYM)


CONTROL, ALT = 1 << 2, 1 << 3   # X's ControlMask and Mod1Mask


def press_with_modifier(keysym, modifier):
    """@keysym with @modifier (CONTROL, ALT) held, to the focused window."""
    pyatspi.Registry.generateKeyboardEvent(modifier, None, pyatspi.KEY_LOCKMODIFIERS)
    try:
        press_key(keysym)
    finally:
        pyatspi.Registry.generateKeyboardEvent(modifier, None, pyatspi.KEY_UNLOCKMODIFIERS)


def press_with_control(keysym):
    """@keysym with Control held, e.g. press_with_control("comma") for
    Ctrl+comma, to the focused window."""
    press_with_modifier(keysym, CONTROL)


def label_saying(app, text, timeout=20):
    """The label whose whole text is @text."""
    def look():
        return pyatspi.findDescendant(
            app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_LABEL and showing(a)
            and text_of(a) == text)
    return wait_for(look, timeout, f"a label saying exactly {text!r}")


def tree_strings(app, limit=50000):
    """Every string of @app's whole accessibility tree, on screen or not: the
    name, description and text content of every node of every window, as
    (role name, string) pairs. For proving that nothing of a customer is left
    (tree_free_of())."""
    found = []
    stack = [(app, 0)]
    seen = 0
    while stack:
        node, depth = stack.pop()
        if node is None:
            continue
        seen += 1
        assert seen <= limit and depth <= 256, "the accessibility tree is implausibly large"
        try:
            role = node.getRoleName()
        except Exception:
            continue
        for get in (lambda: node.name, lambda: node.description, lambda: text_of(node)):
            try:
                value = get()
            except Exception:
                value = None
            if value:
                found.append((role, value))
        try:
            count = node.childCount
        except Exception:
            count = 0
        for i in range(count):
            try:
                stack.append((node.getChildAtIndex(i), depth + 1))
            except Exception:
                pass
    return found


def tree_leaks(app, secrets):
    """The (secret, role, string) of each node whose strings contain one of
    @secrets (compared without regard to case)."""
    wanted = [(s, s.casefold()) for s in secrets if s]
    return [(s, role, value) for role, value in tree_strings(app)
            for s, folded in wanted if folded in value.casefold()]


def assert_tree_free_of(app, secrets, what="the last customer"):
    """Fails, listing where, if anything in @app's accessibility tree shows
    one of @secrets."""
    leaks = tree_leaks(app, secrets)
    assert not leaks, f"{what} is still in the accessibility tree: " + "; ".join(
        f"{s!r} in a {role} ({value[:80]!r})" for s, role, value in leaks[:10])


def _clipboard():
    import gi
    gi.require_version("Gdk", "4.0")
    from gi.repository import Gdk
    display = Gdk.Display.get_default() or Gdk.Display.open(os.environ["DISPLAY"])
    return display.get_clipboard()


def set_clipboard_text(text):
    """Puts @text on the clipboard, as another application would: from now
    on the clipboard is not Patron's."""
    from gi.repository import Gdk, GLib
    _clipboard().set_content(Gdk.ContentProvider.new_for_bytes(
        "text/plain;charset=utf-8", GLib.Bytes.new(text.encode())))
    context = GLib.MainContext.default()
    while context.iteration(False):
        pass
    assert clipboard_text() == text


def clipboard_text(timeout=10):
    """The text on the display's clipboard, or None if it holds none."""
    from gi.repository import GLib
    clipboard = _clipboard()
    result = {}

    def done(source, res):
        try:
            result["text"] = source.read_text_finish(res)
        except GLib.Error:
            result["text"] = None

    clipboard.read_text_async(None, done)
    context = GLib.MainContext.default()
    end = time.time() + timeout
    while "text" not in result:
        assert time.time() < end, "the clipboard did not answer"
        context.iteration(False)
        time.sleep(0.01)
    return result["text"] or None


# ISO 4217 minor units, for the few the test store uses
DECIMALS = {"jpy": 0, "krw": 0, "kwd": 3, "bhd": 3}


def money(amount, currency):
    """As Patron writes it in the C locale the tests run in: "USD 66.50"."""
    decimals = DECIMALS.get(currency, 2)
    if V2:
        # the main unit, exactly (api() reads numbers as Decimal)
        amount = int((decimal.Decimal(amount) * 10 ** decimals).to_integral_value(
            rounding=decimal.ROUND_HALF_UP))
    sign = "\u2212" if amount < 0 else ""
    whole, part = divmod(abs(amount), 10 ** decimals)
    number = f"{whole}.{part:0{decimals}d}" if decimals else f"{whole}"
    return f"{sign}{currency.upper()} {number}"


def window_showing(app, text):
    """The window (frame) of @app holding a label that says @text."""
    def look():
        for i in range(app.childCount):
            window = app.getChildAtIndex(i)
            if window is not None and pyatspi.findDescendant(
                    window, lambda a: a is not None and a.getRole() == pyatspi.ROLE_LABEL
                    and showing(a) and text_of(a) == text):
                return window
        return None
    return wait_for(look, 30, f"a window saying {text!r}")


def order_row(app, number, timeout=20):
    """The orders list's row of order @number: one label to a screen reader,
    "#1042, 28/11/2026 · 3 items, Placed · Shipped · Paid, USD 86.00"."""
    def look():
        return pyatspi.findDescendant(
            app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_LABEL and showing(a)
            and a.name.startswith(f"#{number}, "))
    return wait_for(look, timeout, f"the row of order #{number}")


def reset_link_for(email, before):
    """The newest patron:// link emailed to @email, once there are more than
    @before of them in the test store's outbox."""
    def look():
        links = []
        for path in sorted(glob.glob(os.path.join(OUTBOX, "*.eml"))):
            text = open(path, encoding="utf-8").read()
            if f"To: {email}\n" in text:
                links += [l.strip() for l in text.splitlines() if l.startswith("patron://")]
        return links[-1] if len(links) > before else None
    return wait_for(look, 30, f"a reset email for {email}")


def activate_app_action(name):
    """Activates Patron's application action @name (app.quit, what Ctrl+Q
    does) over D-Bus, as GApplication exports it."""
    from gi.repository import Gio, GLib
    bus = Gio.bus_get_sync(Gio.BusType.SESSION, None)
    names = bus.call_sync("org.freedesktop.DBus", "/org/freedesktop/DBus", "org.freedesktop.DBus",
                          "ListNames", None, GLib.VariantType("(as)"),
                          Gio.DBusCallFlags.NONE, 10000, None).unpack()[0]
    ids = [n for n in names if n.startswith("io.github.patronapp.Patron")]
    assert len(ids) == 1, f"Patron on the session bus: {ids}"
    bus.call_sync(ids[0], "/" + ids[0].replace(".", "/"), "org.gtk.Actions", "Activate",
                  GLib.Variant("(sava{sv})", (name, [], {})), None,
                  Gio.DBusCallFlags.NONE, 10000, None)
