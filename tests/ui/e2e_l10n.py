#!/usr/bin/python3
"""End-to-end: the real Patron binary in German and in French, read through the
accessibility tree, against the real Medusa test store.

In each language: the sign-in page (heading, fields, buttons, the store line),
a wrong password (the store's refusal as a translated sentence), then signing
in as a new customer: the account page's "Signed in as …" and its plural
summary ("0 Adressen · 0 Bestellungen"; French takes the singular for 0), and
signing out.

Where the translations come from. Patron binds its text domain to LOCALEDIR,
which meson sets at configure time to the install prefix's share/locale
(config.h), and it has no switch to look elsewhere: a production binary must
not take its translations from wherever an environment variable says. So an
uninstalled build only finds catalogs when its prefix is its own: this test
copies the compiled catalogs of the build (po/LL/LC_MESSAGES/patron.mo) to
LOCALEDIR/LL/LC_MESSAGES/patron.mo, which is exactly what `meson install`
does, and it does so only when LOCALEDIR lies inside the build directory.
build-aux/run-tests.sh configures its builds with `--prefix=<build>/prefix`;
by hand:

    meson setup _build/dev --prefix=$PWD/_build/dev/prefix

With any other prefix the test is skipped (exit 77): it never writes outside
the build directory. The locales themselves (de_DE.UTF-8, fr_FR.UTF-8) come
from build-aux/install-deps.sh; without them glibc falls back to "C" and
gettext to English, so a missing locale is a failure, not a skip.

Run by run-e2e.sh. Env: PATRON_BIN, MEDUSA_URL, E2E_HOME, PATRON_LOCALEDIR,
PATRON_BUILD_ROOT; with E2E_MEDUSA_V2=1 the same at the v2 store (MEDUSA_V2_URL,
MEDUSA_V2_PUBLISHABLE_KEY), reached by its link.
"""
import os, shutil, subprocess, sys, time
import pyatspi

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from e2e_common import (STORE, V2, find, find_app, press, register_customer, shot, showing,
                        start_patron, stop, text_of, type_into, wait_for, install_failure_hook)

LOCALEDIR = os.path.realpath(os.environ["PATRON_LOCALEDIR"])
BUILD_ROOT = os.path.realpath(os.environ["PATRON_BUILD_ROOT"])
PASSWORD = "l10n-pass-123"

# what each language must show; "…" and the no-break spaces are part of the translations
LANGUAGES = {
    "de": {
        "env": {"LANG": "de_DE.UTF-8", "LC_ALL": "de_DE.UTF-8", "LANGUAGE": "de"},
        "heading": "Anmelden",
        "sign_in": "Anmelden",
        "email": "E-Mail-Adresse",
        "password": "Passwort",
        "create": "Konto erstellen",
        "forgot": "Passwort vergessen?",
        "at_store": "Bei ",
        "wrong": "Die E-Mail-Adresse oder das Passwort ist falsch.",
        "signed_in": "Angemeldet als ",
        "summary": "0 Adressen · 0 Bestellungen",
        "show_orders": "Bestellungen anzeigen",
        "sign_out": "Abmelden",
    },
    "fr": {
        "env": {"LANG": "fr_FR.UTF-8", "LC_ALL": "fr_FR.UTF-8", "LANGUAGE": "fr"},
        "heading": "Se connecter",
        "sign_in": "Se connecter",
        "email": "Adresse électronique",
        "password": "Mot de passe",
        "create": "Créer un compte",
        "forgot": "Mot de passe oublié\u202f?",
        "at_store": "Sur ",
        "wrong": "L’adresse électronique ou le mot de passe est incorrect.",
        "signed_in": "Connecté en tant que ",
        "summary": "0 adresse · 0 commande",
        "show_orders": "Afficher les commandes",
        "sign_out": "Se déconnecter",
    },
}


def step(text):
    print("#", text, flush=True)


def skip(reason):
    print(f"# SKIP: {reason}", flush=True)
    sys.exit(77)


def stage_catalogs():
    """Put the build's catalogs where the binary looks, as `meson install` would."""
    if os.path.commonpath([LOCALEDIR, BUILD_ROOT]) != BUILD_ROOT:
        skip(f"LOCALEDIR {LOCALEDIR} is outside the build directory {BUILD_ROOT}; configure "
             f"with --prefix={BUILD_ROOT}/prefix to run this test")
    for lang in LANGUAGES:
        built = os.path.join(BUILD_ROOT, "po", lang, "LC_MESSAGES", "patron.mo")
        if not os.path.exists(built):
            raise AssertionError(f"{built} was not built: is {lang} in po/LINGUAS?")
        target = os.path.join(LOCALEDIR, lang, "LC_MESSAGES", "patron.mo")
        os.makedirs(os.path.dirname(target), exist_ok=True)
        shutil.copyfile(built, target)
        print(f"# {built} -> {target}", flush=True)


def check_locales():
    have = subprocess.run(["locale", "-a"], capture_output=True, text=True).stdout.lower()
    for lang, want in LANGUAGES.items():
        name = want["env"]["LANG"].split(".")[0].lower()
        if f"{name}.utf8" not in have.split() and f"{name}.utf-8" not in have.split():
            raise AssertionError(f"the {want['env']['LANG']} locale is not installed: run "
                                 "build-aux/install-deps.sh (it generates it)")


def new_customer():
    email = f"l10n.{int(time.time() * 1000)}@example.com"
    register_customer(email, PASSWORD, first_name="Lou", last_name="Dubois")
    return email


def label_exactly(app, text):
    return find(app, pyatspi.ROLE_LABEL, text)


def label_starting(app, start, rest):
    """A label that says @start, then something containing @rest (the store's address,
    as Patron normalized it)."""
    def look():
        return pyatspi.findDescendant(
            app, lambda a: a is not None and a.getRole() == pyatspi.ROLE_LABEL and showing(a)
            and text_of(a).startswith(start) and rest in text_of(a))
    return wait_for(look, 20, f"a label saying {start!r}…{rest!r}")


def run_language(lang, want):
    os.environ.update(want["env"])
    email = new_customer()

    step(f"{lang}: the sign-in page")
    patron = start_patron(by_link=V2)
    app = find_app(patron)
    label_exactly(app, want["heading"])
    label_starting(app, want["at_store"], STORE.split("://")[1].rstrip("/"))
    find(app, pyatspi.ROLE_PUSH_BUTTON, want["sign_in"])
    find(app, pyatspi.ROLE_PUSH_BUTTON, want["create"])
    find(app, pyatspi.ROLE_PUSH_BUTTON, want["forgot"])
    shot(f"l10n-{lang}-sign-in")

    step(f"{lang}: a wrong password, refused in {lang}")
    type_into(app, want["email"], email)
    type_into(app, want["password"], "not-the-password-1")
    press(app, want["sign_in"])
    label_exactly(app, want["wrong"])

    step(f"{lang}: signed in, the account page with its plural summary")
    type_into(app, want["password"], PASSWORD)
    press(app, want["sign_in"])
    label_exactly(app, want["signed_in"] + email)
    label_exactly(app, want["summary"])
    find(app, pyatspi.ROLE_PUSH_BUTTON, want["show_orders"])
    shot(f"l10n-{lang}-account")

    step(f"{lang}: signed out (the next language starts signed out too)")
    press(app, want["sign_out"])
    label_exactly(app, want["heading"])
    stop(patron)


install_failure_hook()
stage_catalogs()
check_locales()
for lang, want in LANGUAGES.items():
    run_language(lang, want)
print("# German and French on screen", flush=True)
