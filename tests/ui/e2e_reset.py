#!/usr/bin/python3
"""End-to-end: reset links opened while a customer is signed in.

The exact path of issue 13: signed in as C, C opens a reset link already
used; the reset page shows in place, the store refuses the link; after "Back
to Sign In" a successful sign-in shows the account again (it left the window
on the sign-in page, without a word). Then a link that has expired says when
before a password is typed, and a link for another email asks first ("You
are signed in as C. Sign out and reset the password for D?"): staying keeps
C signed in, signing out ends C's visit and shows D's reset page.

Run by run-e2e.sh. Env: PATRON_BIN, MEDUSA_URL, MEDUSA_OUTBOX_DIR, E2E_HOME; with
E2E_MEDUSA_V2=1 the same at the v2 store (MEDUSA_V2_URL, MEDUSA_V2_PUBLISHABLE_KEY,
MEDUSA_V2_OUTBOX_DIR), first reached by its link.
"""
import base64, datetime, glob, json, os, sys, time, urllib.parse
import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import (OUTBOX, V2, assert_tree_free_of, find, find_app, install_failure_hook,
                        label_containing, press, register_customer, request_password_reset,
                        reset_link_for, reset_password, shot, showing, signed_in,
                        start_patron, stop, text_of, type_into, wait_for)

stamp = int(time.time() * 1000)
C_EMAIL, D_EMAIL = f"resetter.{stamp}@example.com", f"other.{stamp}@example.com"
PASSWORD, NEW_PASSWORD = "resetter-pass-1", "resetter-pass-2"


def step(text):
    print("#", text, flush=True)


def link(email, token):
    return "patron://reset-password?" + urllib.parse.urlencode({"email": email, "token": token})


def jwt(claims):
    """A token of the shape the store sends, whose signature Patron never
    checks (only the store does)."""
    def part(data):
        return base64.urlsafe_b64encode(json.dumps(data).encode()).rstrip(b"=").decode()
    return part({"alg": "HS256", "typ": "JWT"}) + "." + part(claims) + ".c2lnbmF0dXJl"


def open_link(url):
    opener = start_patron(url)
    opener.wait(30)


def question(app):
    return wait_for(lambda: pyatspi.findDescendant(
        app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_LABEL and showing(a)
        and text_of(a).startswith("You are signed in as")), 20, "the question")


def answer(app, label):
    """A response button of the question, named by its label alone ("Stay
    Signed In", not "_Stay Signed In Stay Signed In" as GTK 4.8 would)."""
    button = wait_for(lambda: pyatspi.findDescendant(
        app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_PUSH_BUTTON and showing(a)
        and a.name == label), 20, f"the {label!r} button")
    button.queryAction().doAction(0)


install_failure_hook()

step("C and D at the store; C's reset link, used once already")
for email in (C_EMAIL, D_EMAIL):
    register_customer(email, PASSWORD, first_name="Cleo", last_name="Resetter")
before = len([1 for p in glob.glob(os.path.join(OUTBOX, "*.eml"))
              if f"To: {C_EMAIL}\n" in open(p, encoding="utf-8").read()])
request_password_reset(C_EMAIL)
used = reset_link_for(C_EMAIL, before)
token = urllib.parse.parse_qs(urllib.parse.urlparse(used).query)["token"][0]
reset_password(C_EMAIL, token, PASSWORD)

step("C signs in, then opens the used link: the reset page, in place"
     + (" (the v2 store opened by its link)" if V2 else ""))
patron = start_patron(by_link=V2)
app = find_app(patron)
type_into(app, "Email Address", C_EMAIL)
type_into(app, "Password", PASSWORD)
press(app, "Sign In")
signed_in(app)
open_link(used)
label_containing(app, f"For your account {C_EMAIL}")
type_into(app, "New Password", NEW_PASSWORD)
type_into(app, "New Password Again", NEW_PASSWORD)
press(app, "Set Password")
label_containing(app, "wrong, used already or expired")
shot("reset-used-in-place")

step("Back to Sign In, and a sign-in that works shows the account")
press(app, "Back to Sign In")
type_into(app, "Password", PASSWORD)
press(app, "Sign In")
signed_in(app)
label_containing(app, "Cleo Resetter")

step("an expired link says when, before a password is typed")
expired_at = int(time.time()) - 120
open_link(link(C_EMAIL, jwt({"customer_id": "cus_x", "exp": expired_at})))
at = datetime.datetime.fromtimestamp(expired_at).strftime("%H:%M")
label_containing(app, f"This link expired at {at}.")
field = find(app, [pyatspi.ROLE_TEXT, pyatspi.ROLE_PASSWORD_TEXT], "New Password")
assert not field.getState().contains(pyatspi.STATE_SENSITIVE), "the password can still be typed"
shot("reset-expired")
press(app, "Back to Sign In")
type_into(app, "Password", PASSWORD)
press(app, "Sign In")
signed_in(app)

step("a link for D asks first; staying keeps C signed in")
fresh = link(D_EMAIL, jwt({"customer_id": "cus_y", "exp": int(time.time()) + 900}))
open_link(fresh)
asked = question(app)
assert text_of(asked) == (f"You are signed in as {C_EMAIL}. Sign out and reset the password "
                          f"for {D_EMAIL}?"), text_of(asked)
shot("reset-other-question")
answer(app, "Stay Signed In")
signed_in(app)

step("signing out instead ends C's visit and shows D's reset page")
open_link(fresh)
question(app)
answer(app, "Sign Out and Reset")
label_containing(app, f"For your account {D_EMAIL}")
wait_for(lambda: app.childCount == 1, what="the question to close")
assert_tree_free_of(app, [C_EMAIL, "Cleo", "Resetter"], "C")
stop(patron)
print("PASS")
