#!/usr/bin/python3
"""What the end-to-end drivers share: starting Patron, finding what is on
screen through the accessibility tree, typing, pressing, screenshots."""
import json, os, re, subprocess, sys, time, urllib.request
import pyatspi

PATRON = os.environ["PATRON_BIN"]
STORE = os.environ["MEDUSA_URL"]
HOME = os.environ["E2E_HOME"]
SHOTS = os.environ.get("E2E_SCREENSHOTS")
LOG = os.path.join(HOME, "patron.log")


def api(method, path, body=None, token=None):
    """A Store API call straight to the store, to check what it holds."""
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(STORE + path, data=data, method=method)
    request.add_header("Content-Type", "application/json")
    if token:
        request.add_header("Authorization", "Bearer " + token)
    with urllib.request.urlopen(request, timeout=30) as response:
        return json.loads(response.read() or b"null")


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


def start_patron(*args):
    # A fresh Xvfb now and then refuses the very first client for a moment
    # ("cannot open display"): that is the test bed, not Patron, so try again.
    for attempt in range(5):
        size = os.path.getsize(LOG) if os.path.exists(LOG) else 0
        log = open(LOG, "a")
        proc = subprocess.Popen([PATRON, "--store", STORE, *args], stdout=log, stderr=log)
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




def press_in_row(app, text, name):
    """The button named @name in the list row that shows @text."""
    label = label_containing(app, text)
    node = label
    while node is not None:
        button = pyatspi.findDescendant(
            node, lambda a: a is not None and a.getRole() == pyatspi.ROLE_PUSH_BUTTON
            and a.name == name)
        if button is not None:
            button.queryAction().doAction(0)
            return
        node = node.parent
    raise AssertionError(f"no {name!r} next to {text!r}")


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


def click(acc):
    """A left click in the middle of @acc, as a person would (GTK 4.8 cannot
    grab the focus through AT-SPI)."""
    e = acc.queryComponent().getExtents(pyatspi.DESKTOP_COORDS)
    pyatspi.Registry.generateMouseEvent(e.x + e.width // 2, e.y + e.height // 2, "b1c")


def press_key(keysym):
    """A key press and release, e.g. press_key("End"), to the focused window."""
    import gi
    gi.require_version("Gdk", "4.0")
    from gi.repository import Gdk
    keyval = Gdk.keyval_from_name(keysym)
    assert keyval != 0, f"no key named {keysym!r}"
    pyatspi.Registry.generateKeyboardEvent(keyval, None, pyatspi.KEY_SYM)


def label_saying(app, text, timeout=20):
    """The label whose whole text is @text."""
    def look():
        return pyatspi.findDescendant(
            app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_LABEL and showing(a)
            and text_of(a) == text)
    return wait_for(look, timeout, f"a label saying exactly {text!r}")
