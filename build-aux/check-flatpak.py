#!/usr/bin/env python3
"""Static checks of the Flatpak manifest (the GNOME runtime cannot be fetched
here): valid JSON, known properties (flatpak-builder --show-manifest), the
finish-args policy, and the app built from this very tree."""
import json, os, shutil, subprocess, sys

manifest = sys.argv[1]
data = json.load(open(manifest))
problems = []

if data.get("id") != "io.github.patronapp.Patron":
    problems.append(f"id is {data.get('id')!r}")
if data.get("runtime") != "org.gnome.Platform" or data.get("sdk") != "org.gnome.Sdk":
    problems.append("the runtime must be the GNOME one")

allowed = {"--share=network", "--share=ipc", "--socket=wayland", "--socket=fallback-x11",
           "--device=dri"}
args = set(data.get("finish-args", []))
for extra in sorted(args - allowed):
    problems.append(f"finish-arg {extra} is more than Patron needs")
for needed in sorted(allowed - args):
    problems.append(f"finish-arg {needed} is missing")
if any("org.freedesktop.secrets" in a for a in args):
    problems.append("secrets go through the portal: no org.freedesktop.secrets")

# GNOME runtimes Flathub no longer supports, with the day it stopped (what
# `flatpak remote-info flathub org.gnome.Platform//N` says): an app on one of
# them is flagged. Add each as it ends.
END_OF_LIFE = {"43": "2023-09-20", "44": "2024-03-20", "45": "2024-09-18",
               "46": "2025-04-17", "47": "2025-10-15", "48": "2026-03-24"}
version = str(data.get("runtime-version", ""))
if version in END_OF_LIFE:
    problems.append(f"the GNOME {version} runtime reached its end of life on "
                    f"{END_OF_LIFE[version]}")
if version not in str(data.get("x-runtime-version-reason", "")):
    problems.append("x-runtime-version-reason must say why GNOME " + version)

patron = [m for m in data.get("modules", []) if isinstance(m, dict) and m.get("name") == "patron"]
if not patron:
    problems.append("no 'patron' module")
else:
    m = patron[-1]
    if m.get("buildsystem") != "meson":
        problems.append("the patron module must build with meson")
    here = os.path.realpath(os.path.join(os.path.dirname(manifest), ".."))
    sources = m.get("sources", [])
    if not any(s.get("type") == "dir" and
               os.path.realpath(os.path.join(os.path.dirname(manifest), s.get("path", ""))) == here
               for s in sources):
        problems.append("the patron module must be built from this tree (a 'dir' source at ..)")
    if "--share=network" in m.get("build-options", {}).get("build-args", []):
        problems.append("no network while building")

# An administrator's defaults and locks (src/patron-settings.c reads them from
# SYSCONFDIR/glib-2.0/settings, /app/etc/glib-2.0/settings in the sandbox).
policy = data.get("add-extensions", {}).get("io.github.patronapp.Patron.Policy")
if not policy:
    problems.append("no io.github.patronapp.Patron.Policy extension for an administrator's locks")
else:
    if policy.get("directory") != "etc/glib-2.0/settings":
        problems.append("the Policy extension must be mounted at etc/glib-2.0/settings")
    if not policy.get("no-autodownload"):
        problems.append("the Policy extension is the administrator's own: no-autodownload")
    if patron and "install -d /app/etc/glib-2.0/settings" not in patron[-1].get("post-install", []):
        problems.append("the Policy extension's mount point is not made")

if shutil.which("flatpak-builder"):
    out = subprocess.run(["flatpak-builder", "--show-manifest", manifest],
                         capture_output=True, text=True)
    if out.returncode != 0:
        problems.append("flatpak-builder --show-manifest failed: " + out.stderr.strip()[-300:])
    if "Unknown property" in out.stdout + out.stderr:
        problems.append("unknown properties: " + (out.stdout + out.stderr).strip()[-300:])
else:
    problems.append("flatpak-builder is not installed")

for p in problems:
    print(p)
print(f"{manifest}: {len(problems)} problems")
sys.exit(1 if problems else 0)
