#!/usr/bin/env bash
# Install the Debian 12 packages Patron needs to build, test and run its
# Medusa test store. Idempotent: only packages that are not installed yet are
# installed; when everything is present it does not touch apt at all.
# Runs as root, or through `sudo -n` otherwise. Needs no stdin.
#
#   build-aux/install-deps.sh            install what is missing
#   build-aux/install-deps.sh --check    list what is missing, exit 1 if anything is
set -euo pipefail

PACKAGES=(
  build-essential pkg-config meson ninja-build gettext
  libgtk-4-dev libadwaita-1-dev libsoup-3.0-dev libjson-glib-dev libsecret-1-dev
  desktop-file-utils appstream iso-codes
  xvfb xauth libgl1-mesa-dri libgtk-4-bin dbus dbus-bin
  at-spi2-core python3-pyatspi python3-gi gir1.2-atspi-2.0
  gnome-keyring libsecret-tools imagemagick poppler-utils
  valgrind clang clang-tools clang-tidy libclang-rt-14-dev time flatpak flatpak-builder
  postgresql locales curl iproute2
)
# Node.js: a Node from elsewhere (e.g. nodesource, which bundles npm) is fine;
# only fall back to Debian's packages for what is not on PATH at all.
command -v node >/dev/null 2>&1 || PACKAGES+=(nodejs)
command -v npm  >/dev/null 2>&1 || PACKAGES+=(npm)

missing=()
for p in "${PACKAGES[@]}"; do
  status="$(dpkg-query -W -f='${Status}' "$p" 2>/dev/null || true)"
  [[ "$status" == *"ok installed"* ]] || missing+=("$p")
done

if [[ "${1:-}" == "--check" ]]; then
  if (( ${#missing[@]} )); then echo "install-deps: missing: ${missing[*]}"; exit 1; fi
  echo "install-deps: all ${#PACKAGES[@]} packages present"; exit 0
fi

if (( ${#missing[@]} == 0 )); then
  echo "install-deps: nothing to install (all ${#PACKAGES[@]} packages present)"
  exit 0
fi

SUDO=()
if [[ $(id -u) -ne 0 ]]; then
  command -v sudo >/dev/null 2>&1 || { echo "install-deps: not root and no sudo; missing: ${missing[*]}" >&2; exit 1; }
  SUDO=(sudo -n)   # never prompt: there may be no terminal
fi

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
