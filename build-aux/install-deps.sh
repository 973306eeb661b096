#!/usr/bin/env bash
# Install the Debian 12 packages Patron needs to build, test and run its
# Medusa test store, and generate the locales the translation test runs Patron
# in. Idempotent: only packages that are not installed yet are installed, only
# locales that are missing are generated; when everything is present it does
# not touch apt or the locales at all.
# Runs as root, or through `sudo` otherwise (`sudo -n` without a terminal). Needs no stdin.
#
#   build-aux/install-deps.sh            install what is missing
#   build-aux/install-deps.sh --check    list what is missing, exit 1 if anything is
set -euo pipefail

# tests/ui/e2e_l10n.py starts Patron in these (without them glibc falls back to C)
LOCALES=(de_DE.UTF-8 fr_FR.UTF-8)

PACKAGES=(
  build-essential pkg-config meson ninja-build gettext
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  desktop-file-utils appstream iso-codes libxml2-utils
  xvfb xauth libgl1-mesa-dri libgtk-4-bin dbus dbus-bin
  dconf-cli dconf-gsettings-backend
  at-spi2-core python3-pyatspi python3-gi gir1.2-atspi-2.0
  gnome-keyring libsecret-tools imagemagick poppler-utils
  valgrind clang clang-tools clang-tidy libclang-rt-14-dev time flatpak flatpak-builder
  postgresql locales curl iproute2 ca-certificates
)
# Node.js: the stores need Node >= 20.19, which build-aux/node-env.sh finds on PATH or else
# fetches (pinned) with whatever npm there is. Debian 12's nodejs (18.20.4) and npm (9.2) are
# installed only as that bootstrap, when there is no node or npm on PATH at all.
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs)
command -v npm  >/dev/null 2>&1 || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
  [[ "$status" == *"ok installed"* ]] || missing+=("$p")
done

# `locale -a` spells them de_DE.utf8
have_locales="$(locale -a 2>/dev/null | tr '[:upper:]' '[:lower:]' | sed 's/utf-8$/utf8/')"
missing_locales=()
for l in "${LOCALES[@]}"; do
  want="$(tr '[:upper:]' '[:lower:]' <<<"${l%%.*}").utf8"
  grep -qxF "$want" <<<"$have_locales" || missing_locales+=("$l")
done

if [[ "${1:-}" == "--check" ]]; then
  status=0
  if (( ${#missing[@]} )); then echo "install-deps: missing: ${missing[*]}"; status=1; fi
  if (( ${#missing_locales[@]} )); then
    echo "install-deps: missing locales: ${missing_locales[*]}"; status=1
  fi
  (( status )) || echo "install-deps: all ${#PACKAGES[@]} packages and ${#LOCALES[@]} locales present"
  exit $status
fi

if (( ${#missing[@]} == 0 && ${#missing_locales[@]} == 0 )); then
  echo "install-deps: nothing to install (all ${#PACKAGES[@]} packages and ${#LOCALES[@]} locales present)"
  exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || {
    echo "install-deps: not root and no sudo; missing: ${missing[*]} ${missing_locales[*]}" >&2
    exit 1
  }
  # sudo asks for the password on the terminal; without one (CI, a pipe) it must not ask
  if { : </dev/tty; } 2>/dev/null; then SUDO=(sudo); else SUDO=(sudo -n); fi
fi

if (( ${#missing[@]} )); then
  log="$(mktemp /tmp/install-deps.XXXXXX.log)"
  apt_opts=(-q -o Dpkg::Use-Pty=0 -o DPkg::Lock::Timeout=300)
  export DEBIAN_FRONTEND=noninteractive
  if ! { "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" update &&
         "${SUDO[@]}" env DEBIAN_FRONTEND=noninteractive apt-get "${apt_opts[@]}" install -y \
           --no-install-recommends "${missing[@]}"; } </dev/null >"$log" 2>&1; then
    echo "install-deps: apt-get failed for: ${missing[*]} (log: $log)" >&2
    tail -n 25 "$log" >&2
    exit 1
  fi
  rm -f "$log"
  echo "install-deps: installed ${missing[*]}"
fi

if (( ${#missing_locales[@]} )); then
  # Debian's way: enable them in /etc/locale.gen and run locale-gen, so that a later
  # locale-gen (the locales package runs it on upgrades) keeps them
  for l in "${missing_locales[@]}"; do
    line="$l UTF-8"
    if grep -qE "^# *${line//./\\.}\$" /etc/locale.gen 2>/dev/null; then
      "${SUDO[@]}" sed -i -E "s/^# *(${line//./\\.})\$/\\1/" /etc/locale.gen
    elif ! grep -qxF "$line" /etc/locale.gen 2>/dev/null; then
      echo "$line" | "${SUDO[@]}" tee -a /etc/locale.gen >/dev/null
    fi
  done
  if ! "${SUDO[@]}" locale-gen </dev/null >/dev/null 2>&1; then
    # no locale-gen (not Debian's locales package): build them straight into the archive
    for l in "${missing_locales[@]}"; do
      "${SUDO[@]}" localedef -i "${l%%.*}" -c -f UTF-8 -A /usr/share/locale/locale.alias "$l" ||
        { echo "install-deps: could not generate the $l locale" >&2; exit 1; }
    done
  fi
  echo "install-deps: generated the locales ${missing_locales[*]}"
fi
