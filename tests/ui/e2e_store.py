#!/usr/bin/python3
"""End-to-end: a Medusa v2 store given with --store, never seen before.

Patron tells it is a v2 store, the store page asks for its publishable key
(saying where a store owner finds it), then signing in works; started again,
Patron remembers the store's version and key, resumes the session and renews
its token.

Run by run-e2e.sh with E2E_MEDUSA_V2=1 (skipped, 77, without a v2 store).
"""
import os, sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import (LOG, STORE_KEY, V2, find, find_app, install_failure_hook,
                        label_containing, press, shot, signed_in, start_patron, stop, type_into,
                        wait_for)
import pyatspi

if not V2:
    print("# SKIP: a v2 store's test (E2E_MEDUSA_V2=1)", flush=True)
    sys.exit(77)

install_failure_hook()

print("# 1. --store of a v2 store never seen: the store page asks for its key", flush=True)
patron = start_patron()
app = find_app(patron)
label_containing(app, "Settings → Publishable API Keys", timeout=30)
shot("store-key")

print("# 2. the key, then signing in", flush=True)
type_into(app, "Publishable API Key", STORE_KEY)
press(app, "Connect")
find(app, pyatspi.ROLE_TEXT, "Email Address", timeout=30)
type_into(app, "Email Address", "buyer@example.com")
type_into(app, "Password", "buyer-pass-123")
press(app, "Sign In")
signed_in(app)
stop(patron)

print("# 3. started again: the store's version and key remembered, the session resumed,", flush=True)
print("#    and its token (v2's last a day) renewed", flush=True)
patron = start_patron()
app = find_app(patron)
signed_in(app)
wait_for(lambda: "POST /auth/token/refresh → 200" in open(LOG, encoding="utf-8").read(), 20,
         "the kept token renewed")
stop(patron)
print("PASS")
