#!/usr/bin/python3
"""The demo command's last step for build-aux/check-fresh-machine.sh: waits for the Patron that
build-aux/run-demo.sh (process DEMO_PID, on $DISPLAY) starts, signs in as the demo customer
through the accessibility tree as a person would type it, checks the account page says so,
takes a screenshot and quits Patron.

Usage: check-fresh-machine-demo.py DEMO_PID SCREENSHOT.png
"""
import os, signal, subprocess, sys, tempfile, time

DEMO_PID, SHOT = int(sys.argv[1]), sys.argv[2]
EMAIL, PASSWORD = "buyer@example.com", "buyer-pass-123"   # tests/medusa-store/README.md


def descendants(pid):
    children = {}
    for entry in os.listdir("/proc"):
        try:
            with open(f"/proc/{entry}/stat") as f:
                ppid = int(f.read().rsplit(")", 1)[1].split()[1])
            children.setdefault(ppid, []).append(int(entry))
        except (ValueError, OSError, IndexError):
            pass
    todo, found = [pid], []
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


def find_patron():
    """Patron's pid and environment, once run-demo.sh has built it and started the store."""
    deadline = time.time() + 45 * 60   # the demo build and a fresh store on a slow machine
    while time.time() < deadline:
        if not os.path.exists(f"/proc/{DEMO_PID}"):
            sys.exit("run-demo.sh ended before Patron started")
        for pid in descendants(DEMO_PID):
            try:
                with open(f"/proc/{pid}/comm") as f:
                    if f.read().strip() != "patron":
                        continue
                with open(f"/proc/{pid}/environ", "rb") as f:
                    env = dict(kv.split(b"=", 1) for kv in f.read().split(b"\0") if b"=" in kv)
                with open(f"/proc/{pid}/cmdline", "rb") as f:
                    argv = f.read().split(b"\0")
            except OSError:
                continue
            if b"DBUS_SESSION_BUS_ADDRESS" in env:
                return pid, env, argv
        time.sleep(0.5)
    sys.exit("Patron did not start within 45 minutes")


started = time.time()
pid, env, argv = find_patron()
print(f"# Patron (pid {pid}) started {time.time() - started:.0f} s after the driver", flush=True)
# run-demo.sh gave Patron a D-Bus session of its own (a bare machine has none): the
# accessibility tree is reached through that bus
os.environ["DBUS_SESSION_BUS_ADDRESS"] = env[b"DBUS_SESSION_BUS_ADDRESS"].decode()
store = argv[argv.index(b"--store") + 1].decode()
# what tests/ui/e2e_common.py wants to know; it starts nothing here
os.environ.update(PATRON_BIN="/proc/self/exe", MEDUSA_URL=store,
                  E2E_HOME=tempfile.mkdtemp(prefix="patron-demo-check."))
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tests", "ui"))
from e2e_common import find_app, press, signed_in, text_of, type_into  # noqa: E402

app = find_app()
type_into(app, "Email Address", EMAIL)
type_into(app, "Password", PASSWORD)
press(app, "Sign In")
label = text_of(signed_in(app))
assert EMAIL in label, label
time.sleep(1.0)   # let the page's cross-fade finish before the picture
subprocess.run(["import", "-window", "root", SHOT], check=True)
print(f"# {store}: the account page says {label!r}; screenshot {SHOT}", flush=True)
os.kill(pid, signal.SIGTERM)
