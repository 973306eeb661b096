#!/usr/bin/env python3
"""Compiles every C source of src/ as the Flatpak's newer runtime would see
it (tests/newer-runtime/README.md): the code behind GTK_CHECK_VERSION (4, 10, 0)
and ADW_CHECK_VERSION (1, 4, 0), which never builds against this machine's
GTK 4.8 and libadwaita 1.2, against the newer API's declarations, with the
build's own flags, -fsyntax-only and -Werror. Fails on any error or warning.

Usage: check-newer-runtime.py BUILD_ROOT SOURCE_ROOT
"""
import concurrent.futures, json, os, shlex, subprocess, sys

build_root, source_root = (os.path.abspath(a) for a in sys.argv[1:3])
overlay = os.path.join(source_root, "tests", "newer-runtime")
sources = os.path.join(source_root, "src") + os.sep

with open(os.path.join(build_root, "compile_commands.json")) as f:
    entries = json.load(f)


def command(entry):
    args = shlex.split(entry["command"])
    out, skip = [args[0], "-I" + overlay], False
    for arg in args[1:]:
        if skip:
            skip = False
        elif arg in ("-o", "-MF", "-MQ"):
            skip = True
        elif arg not in ("-c", "-MD"):
            out.append(arg)
    return out + ["-fsyntax-only", "-Werror", "-fdiagnostics-color=never"]


def check(entry):
    result = subprocess.run(command(entry), cwd=entry["directory"],
                            capture_output=True, text=True)
    return entry["file"], result.returncode, result.stderr


todo = [e for e in entries
        if os.path.normpath(os.path.join(e["directory"], e["file"])).startswith(sources)]
if not todo:
    sys.exit(f"no sources of {sources} in {build_root}/compile_commands.json")

failed = 0
with concurrent.futures.ThreadPoolExecutor(os.cpu_count() or 2) as pool:
    for name, code, stderr in pool.map(check, todo):
        if code != 0:
            failed += 1
            print(f"# {name} does not build against the newer runtime's API:")
            print("\n".join("#   " + line for line in stderr.splitlines()[:40]))

print(f"# {len(todo)} sources, {failed} failed")
sys.exit(1 if failed else 0)
