#!/usr/bin/env python3
"""The development profile (-Dprofile=development) really is a second app,
io.github.patronapp.Patron.Devel, everywhere: configures such a build in a
temporary directory and builds only its data targets (no C is compiled), then
checks config.h (the id GApplication owns on D-Bus, the About version), the
desktop file and metainfo (names and contents), the icons' installed names
and the icons in the resources.

The GSettings schema keeps its id and path in both profiles, as GNOME's own
apps do (Text Editor, Calendar, Builder): the code asks for that id, and in
Flatpak each app id keeps its settings apart anyway.

Usage: check-devel-profile.py MESON NINJA SOURCE_ROOT
"""
import json, os, re, shutil, subprocess, sys, tempfile

meson, ninja, source = sys.argv[1:4]
BASE = "io.github.patronapp.Patron"
DEVEL = BASE + ".Devel"
problems = []


def check(condition, problem):
    if not condition:
        problems.append(problem)


def read(path):
    with open(path, encoding="utf-8") as f:
        return f.read()


with tempfile.TemporaryDirectory(prefix="patron-devel-") as tmp:
    build = os.path.join(tmp, "build")
    setup = subprocess.run([meson, "setup", build, source, "-Dprofile=development",
                            "-Dintegration-tests=false"],
                           capture_output=True, text=True)
    if setup.returncode != 0:
        print(setup.stdout[-2000:], setup.stderr[-2000:])
        sys.exit("meson setup -Dprofile=development failed")

    desktop = f"data/{DEVEL}.desktop"
    metainfo = f"data/{DEVEL}.metainfo.xml"
    built = subprocess.run([ninja, "-C", build, desktop, metainfo], capture_output=True, text=True)
    if built.returncode != 0:
        print(built.stdout[-2000:], built.stderr[-2000:])
        sys.exit("building the data files failed")

    config = read(os.path.join(build, "config.h"))
    check(f'#define APPLICATION_ID "{DEVEL}"' in config,
          "config.h: APPLICATION_ID (the D-Bus name) is not the .Devel id")
    check('#define PROFILE "development"' in config, "config.h: PROFILE is not development")
    check(re.search(r'#define VERSION_SUFFIX "-devel(\+[0-9a-f]+)?"', config),
          "config.h: no -devel suffix for the About version")

    entry = read(os.path.join(build, desktop))
    check(f"Icon={DEVEL}\n" in entry, f"{desktop}: Icon is not {DEVEL}")

    meta = read(os.path.join(build, metainfo))
    check(f"<id>{DEVEL}</id>" in meta, f"{metainfo}: <id> is not {DEVEL}")
    check(f'<launchable type="desktop-id">{DEVEL}.desktop</launchable>' in meta,
          f"{metainfo}: the launchable is not {DEVEL}.desktop")

    # where `meson install` puts each file
    installed = subprocess.run([meson, "introspect", "--installed", build],
                               capture_output=True, text=True, check=True)
    destinations = {os.path.relpath(d, "/") for d in json.loads(installed.stdout).values()}
    wanted = [
        f"applications/{DEVEL}.desktop",
        f"metainfo/{DEVEL}.metainfo.xml",
        f"icons/hicolor/scalable/apps/{DEVEL}.svg",
        f"icons/hicolor/symbolic/apps/{DEVEL}-symbolic.svg",
        f"glib-2.0/schemas/{BASE}.gschema.xml",
    ]
    for suffix in wanted:
        check(any(d.endswith("/" + suffix) for d in destinations), f"not installed: {suffix}")
    for d in sorted(destinations):
        name = os.path.basename(d)
        if name.startswith(BASE) and not name.startswith(DEVEL) and "gschema" not in name:
            problems.append(f"installed under the released id: {d}")

    # the icons AdwApplication finds in the resources (About, uninstalled runs)
    resources = read(os.path.join(build, "src", "patron.gresource.xml"))
    for icon in (f"{DEVEL}.svg", f"{DEVEL}-symbolic.svg"):
        check(f'alias="{icon}"' in resources, f"the resources have no icon {icon}")

    # the schema is the one the code asks for
    schema = read(os.path.join(source, "data", f"{BASE}.gschema.xml"))
    check(f'<schema id="{BASE}" path="/io/github/patronapp/Patron/"' in schema,
          "the schema's id or path changed")
    for root, _, files in os.walk(os.path.join(source, "src")):
        for name in files:
            if name.endswith(".c"):
                text = read(os.path.join(root, name))
                for asked in re.findall(r'(?:g_settings_new \(|#define SETTINGS_SCHEMA )"([^"]+)"',
                                        text):
                    check(asked == BASE, f"src/{name} asks for the schema {asked}")

for problem in problems:
    print("not ok:", problem)
print(f"{DEVEL}: {'ok' if not problems else str(len(problems)) + ' problem(s)'}")
sys.exit(1 if problems else 0)
