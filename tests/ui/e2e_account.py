#!/usr/bin/python3
"""End-to-end: the real Patron binary, driven through the accessibility tree,
against the real Medusa test store.

register -> sign out -> wrong password (sees the error) -> sign in -> quit ->
start again and land signed in (keyring) -> sign out -> forgot password ->
open the patron:// link from the store's outbox -> new password -> signed in.
Then: no password or token in the log, the settings or any file Patron wrote.

Run by run-e2e.sh inside its own D-Bus session, with DISPLAY set.
Env: PATRON_BIN, MEDUSA_URL, MEDUSA_OUTBOX_DIR, E2E_HOME (Patron's HOME);
with E2E_MEDUSA_V2=1 the same against the v2 store (MEDUSA_V2_URL,
MEDUSA_V2_PUBLISHABLE_KEY, MEDUSA_V2_OUTBOX_DIR), reached first through its
patron://store link, which also checks that the store is remembered.
"""
import glob, os, subprocess, sys, time, urllib.parse
import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import (HOME, LOG, OUTBOX, V2, find, find_app, label_containing,
                        open_register_page, press, reset_link_for, shot, signed_in,
                        start_patron, stop, text_of, type_into, wait_for,
                        install_failure_hook)

EMAIL = f"e2e.{int(time.time() * 1000)}@example.com"
PASSWORD = "first-pass-e2e-1"
NEW_PASSWORD = "second-pass-e2e-2"
secrets_seen = {PASSWORD, NEW_PASSWORD}
step_no = 0


def step(text):
    global step_no
    step_no += 1
    print(f"# {step_no}. {text}", flush=True)


def kept_items(path):
    """What libsecret's file backend finds for the customer in the file @path."""
    env = dict(os.environ, SECRET_BACKEND="file", SECRET_FILE_TEST_PATH=path)
    env.pop("G_MESSAGES_DEBUG", None)   # GLib's debug lines go to stdout
    found = subprocess.run(["secret-tool", "search", "--all", "email", EMAIL], env=env,
                           capture_output=True, text=True, timeout=30)
    return found.stdout.strip()


install_failure_hook()

step("register a new customer" + (" at the v2 store, opened by its link" if V2 else ""))
patron = start_patron(by_link=V2)
app = find_app(patron)
open_register_page(app)
type_into(app, "Email Address", EMAIL)
type_into(app, "First Name", "Ada")
type_into(app, "Last Name", "Lovelace")
type_into(app, "Password", PASSWORD)
type_into(app, "Password Again", PASSWORD)
shot("register")
press(app, "Create Account")
signed_in(app)
shot("account")

step("sign out")
press(app, "Sign Out")
email_row = find(app, pyatspi.ROLE_TEXT, "Email Address")
assert text_of(email_row) == "", "signing out leaves nothing of the customer in the form"

step("sign in with a wrong password: an error next to the form, the email kept")
type_into(app, "Email Address", EMAIL)
type_into(app, "Password", "wrong-password-1")
press(app, "Sign In")
error = label_containing(app, "is not right")
print("#    error shown:", text_of(error))
assert text_of(find(app, pyatspi.ROLE_TEXT, "Email Address")) == EMAIL
shot("sign-in-error")

step("sign in, staying signed in")
type_into(app, "Password", PASSWORD)
press(app, "Sign In")
signed_in(app)

step("quit and start again: signed in from the keyring, no password asked")
# the test stops Patron with a signal, which no application can wait out:
# first the keyring has the session (quitting as a user does waits for it)
wait_for(lambda: kept_items(os.environ["SECRET_FILE_TEST_PATH"]), 20, "the session in the keyring")
stop(patron)
patron = start_patron()
app = find_app(patron)
signed_in(app)
shot("resumed")

step("sign out, then forgot password")
press(app, "Sign Out")



# the keyring file and the copy libsecret keeps beside it (…keyring~)
keyrings = glob.glob(os.environ["SECRET_FILE_TEST_PATH"] + "*")
assert keyrings, "the session was kept in the keyring file"
try:
    wait_for(lambda: not any(kept_items(path) for path in keyrings), 20, "the kept session to go")
except AssertionError:
    raise AssertionError("the kept session stays in " +
                         "; ".join(f"{path}: {kept_items(path)!r}" for path in keyrings))
email_row = find(app, pyatspi.ROLE_TEXT, "Email Address")
assert text_of(email_row) == "", "signing out leaves nothing of the customer in the form"
type_into(app, "Email Address", EMAIL)
before = len([1 for p in glob.glob(os.path.join(OUTBOX, "*.eml")) if f"To: {EMAIL}\n" in open(p).read()])
press(app, "Forgot Password?")
email_row = find(app, pyatspi.ROLE_TEXT, "Email Address")
assert text_of(email_row) == EMAIL, "the forgot page takes the email over"
press(app, "Send Email")
label_containing(app, "valid for 15 minutes")
shot("forgot-sent")

step("open the patron:// link from the email: the running Patron shows the reset page")
link = reset_link_for(EMAIL, before)
query = urllib.parse.parse_qs(urllib.parse.urlparse(link).query)
secrets_seen.add(query["token"][0])
opener = start_patron(link)
opener.wait(30)
label_containing(app, f"For your account {EMAIL}")
type_into(app, "New Password", NEW_PASSWORD)
type_into(app, "New Password Again", NEW_PASSWORD)
shot("reset")
press(app, "Set Password")
signed_in(app)

step("sign out and in with the new password")
press(app, "Sign Out")
type_into(app, "Email Address", EMAIL)
type_into(app, "Password", NEW_PASSWORD)
press(app, "Sign In")
signed_in(app)
stop(patron)

step("no password or token in the log, the settings or any file Patron wrote")
keyring = os.environ.get("SECRET_FILE_TEST_PATH", "")
leaks = []
for root, _, files in os.walk(HOME):
    for name in files:
        path = os.path.join(root, name)
        if path == keyring or not os.path.isfile(path) or os.path.islink(path):
            continue   # the keyring itself (encrypted, where the token belongs), sockets
        data = open(path, "rb").read()
        for secret in secrets_seen:
            if secret.encode() in data:
                leaks.append((path, secret[:6] + "…"))
assert os.path.getsize(LOG) > 0, "the log was captured"
assert not leaks, f"secrets leaked: {leaks}"
print(f"# checked {sum(len(f) for _, _, f in os.walk(HOME))} files, log {os.path.getsize(LOG)} bytes")
print("PASS")
