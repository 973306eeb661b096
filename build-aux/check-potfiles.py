#!/usr/bin/env python3
"""Fails when a file with translatable strings is missing from po/POTFILES.in,
or POTFILES.in names a file that does not exist or is not sorted."""
import os, re, sys

root = sys.argv[1] if len(sys.argv) > 1 else os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
listed = [l.strip() for l in open(os.path.join(root, "po", "POTFILES.in"))
          if l.strip() and not l.startswith("#")]
problems = []
if listed != sorted(listed):
    problems.append("po/POTFILES.in is not sorted")
for path in listed:
    if not os.path.exists(os.path.join(root, path)):
        problems.append(f"po/POTFILES.in names {path}, which does not exist")

marks = {".c": re.compile(r'\b(N?_|N?C_|Q_|g_dngettext|g_dpgettext2?|ngettext)\s*\('),
         ".ui": re.compile(r'translatable="yes"'),
         ".in": re.compile(r'.'), ".xml": re.compile(r'<summary>|<description>')}
for top in ("src", "data"):
    for dirpath, _, files in os.walk(os.path.join(root, top)):
        for name in files:
            path = os.path.relpath(os.path.join(dirpath, name), root)
            ext = ".in" if name.endswith((".desktop.in.in", ".metainfo.xml.in.in")) else \
                  ".xml" if name.endswith(".gschema.xml") else os.path.splitext(name)[1]
            if ext not in marks:
                continue
            if marks[ext].search(open(os.path.join(root, path), errors="replace").read()) \
               and path not in listed:
                problems.append(f"{path} has translatable strings but is not in po/POTFILES.in")

for p in problems:
    print(p)
print(f"{len(listed)} files listed, {len(problems)} problems")
sys.exit(1 if problems else 0)
