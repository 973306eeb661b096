#!/usr/bin/env python3
"""Fails when a translation in po/LINGUAS is not complete for the current sources.

It extracts a fresh template from the files in po/POTFILES.in into a temporary
directory (the same xgettext options as meson's i18n 'glib' preset), merges
every po/LL.po into a temporary copy with msgmerge, and fails when
  - a language in po/LINGUAS has no po/LL.po,
  - po/LL.po, or its merged copy, fails `msgfmt --check` (printf placeholders
    that do not match, a wrong Plural-Forms header, a broken header) or has a
    translation with a mnemonic `_` missing where the original has one,
  - the merged copy has an untranslated or a fuzzy message: a string that is
    new or changed in the sources and not translated yet.
The source tree is left untouched.

To bring the translations up to date after strings changed:

    meson compile -C _build/dev patron-pot        # po/patron.pot from the sources
    meson compile -C _build/dev patron-update-po  # msgmerge it into every po/LL.po

then translate what is empty or marked `#, fuzzy` in each po/LL.po (remove the
fuzzy mark once a translation is right) and run `meson test -C _build/dev
po-complete`. See po/README.md.

Usage: check-po.py SOURCE_ROOT
"""
import os
import re
import subprocess
import sys
import tempfile

# meson's i18n.gettext(preset: 'glib') passes these to xgettext
GLIB_PRESET = [
    "--from-code=UTF-8", "--add-comments",
    "--keyword=_", "--keyword=N_", "--keyword=C_:1c,2", "--keyword=NC_:1c,2",
    "--keyword=g_dcgettext:2", "--keyword=g_dngettext:2,3", "--keyword=g_dpgettext2:2c,3",
    "--flag=N_:1:pass-c-format", "--flag=C_:2:pass-c-format", "--flag=NC_:2:pass-c-format",
    "--flag=g_dngettext:2:pass-c-format", "--flag=g_strdup_printf:1:c-format",
    "--flag=g_string_printf:2:c-format", "--flag=g_string_append_printf:2:c-format",
    "--flag=g_error_new:3:c-format", "--flag=g_set_error:4:c-format",
    "--flag=g_markup_printf_escaped:1:c-format", "--flag=g_log:3:c-format",
    "--flag=g_print:1:c-format", "--flag=g_printerr:1:c-format", "--flag=g_printf:1:c-format",
    "--flag=g_fprintf:2:c-format", "--flag=g_sprintf:2:c-format",
    "--flag=g_snprintf:3:c-format",
]

ENV = dict(os.environ, LC_ALL="C", LANGUAGE="")


def run(args, **kwargs):
    return subprocess.run(args, env=ENV, capture_output=True, text=True, **kwargs)


def msgids(po_path, *selection):
    """The msgids msgattrib selects (e.g. --only-fuzzy), for the report."""
    out = run(["msgattrib", *selection, "--no-obsolete", "--no-wrap", po_path]).stdout
    ids = re.findall(r'^msgid "(.*)"$', out, re.M)
    return [i for i in ids if i]


def main():
    root = sys.argv[1] if len(sys.argv) > 1 else \
        os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    po_dir = os.path.join(root, "po")
    languages = [l.strip() for l in open(os.path.join(po_dir, "LINGUAS"))
                 if l.strip() and not l.startswith("#")]
    problems = []

    with tempfile.TemporaryDirectory(prefix="patron-po-") as tmp:
        pot = os.path.join(tmp, "patron.pot")
        r = run(["xgettext", "--package-name=patron", *GLIB_PRESET,
                 "--directory", root, "--files-from", os.path.join(po_dir, "POTFILES.in"),
                 "--output", pot])
        if r.returncode != 0:
            print(r.stderr)
            print("xgettext failed")
            return 1
        # xgettext's own warnings (a msgid that is not a valid format string…) are problems too
        for line in r.stderr.splitlines():
            if "warning" in line:
                problems.append(f"xgettext: {line}")

        for lang in languages:
            po = os.path.join(po_dir, lang + ".po")
            if not os.path.exists(po):
                problems.append(f"po/LINGUAS lists {lang}, but po/{lang}.po does not exist")
                continue

            merged = os.path.join(tmp, lang + ".po")
            r = run(["msgmerge", "--quiet", "--previous", "-o", merged, po, pot])
            if r.returncode != 0:
                problems.append(f"po/{lang}.po: msgmerge failed: {r.stderr.strip()}")
                continue
            # the file as committed first, so line numbers point into it; then as merged
            for path in (po, merged):
                r = run(["msgfmt", "--check", "--check-accelerators=_", "--statistics",
                         "-o", os.devnull, path])
                if r.returncode != 0:
                    problems.append(f"po/{lang}.po: msgfmt --check failed:\n{r.stderr.strip()}")
                    break
            print(f"{lang}: {r.stderr.strip().splitlines()[-1] if r.stderr.strip() else ''}")
            for msgid in msgids(merged, "--only-fuzzy"):
                problems.append(f"po/{lang}.po: fuzzy: \"{msgid}\"")
            for msgid in msgids(merged, "--untranslated"):
                problems.append(f"po/{lang}.po: untranslated: \"{msgid}\"")

    for p in problems:
        print(p)
    print(f"{len(languages)} languages, {len(problems)} problems")
    if problems:
        print("To update: meson compile -C _build/dev patron-update-po, then translate what is "
              "empty or fuzzy (po/README.md)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
