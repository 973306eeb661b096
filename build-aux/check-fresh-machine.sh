#!/usr/bin/env bash
# The README's promise, checked: on a brand-new Debian 12 machine, with git and root, the two
# commands work from nothing. Builds a minimal Debian 12 root (mmdebstrap, the same package set
# as a default `debootstrap bookworm`), from the Debian mirror the host's apt uses, installs git
# in it as a newcomer would, clones this repository's HEAD, runs the test command
# (build-aux/run-tests.sh), then the demo command (build-aux/run-demo.sh) headless on an Xvfb
# until Patron's window shows the demo customer signed in (a screenshot), and prints how long
# each phase took. Run it before resolving anything that changes set-up.
#
#   sudo build-aux/check-fresh-machine.sh
#
# Needs root (chroot, mounts) and ~6 GB under the work directory. What it copies from the host,
# read when it runs, because some networks need them to reach the package mirrors: the CA
# certificates in /usr/local/share/ca-certificates/, npm's configuration (/etc/npmrc,
# /usr/etc/npmrc, ~/.npmrc), apt's proxy settings and the *_proxy variables, resolv.conf.
# Uncommitted changes are not checked: it clones HEAD.
#
# Env: CHECK_FRESH_DIR    work directory (default: a new /var/tmp/patron-fresh.XXXXXX; the
#                         root and the logs go there; removed at the end unless CHECK_FRESH_KEEP=1)
#      CHECK_FRESH_OUT    where the summary (check-fresh-machine.last.txt), the screenshot
#                         (check-fresh-machine.png) and each phase's whole output
#                         (check-fresh-machine-logs/) go (default: build-aux/, _build/, _build/)
# Exit status: 0 when both commands did what the README says.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
SUMMARY="${CHECK_FRESH_OUT:-$ROOT/build-aux}/check-fresh-machine.last.txt"
SHOT="${CHECK_FRESH_OUT:-$ROOT/_build}/check-fresh-machine.png"
LOGS_OUT="${CHECK_FRESH_OUT:-$ROOT/_build}/check-fresh-machine-logs"
SUITE=bookworm

[[ $(id -u) -eq 0 ]] || { echo "check-fresh-machine: needs root (chroot and mounts)" >&2; exit 1; }
mkdir -p "$(dirname "$SUMMARY")" "$(dirname "$SHOT")"
exec > >(tee "$SUMMARY") 2>&1

WORK="${CHECK_FRESH_DIR:-$(mktemp -d /var/tmp/patron-fresh.XXXXXX)}"
mkdir -p "$WORK"
WORK="$(cd "$WORK" && pwd)"
R="$WORK/root"
LOGS="$WORK/logs"
mkdir -p "$LOGS"
SHA="$(git -C "$ROOT" rev-parse HEAD)"

log() { printf '[%s] %s\n' "$(date -u +%T)" "$*"; }
PHASES=()
t_all=$(date +%s)

# ------------------------------------------------------------ clean-up
MOUNTS=()
cleanup() {
  local rc=$? p m
  trap - EXIT
  if [[ -d "$R" ]]; then
    # whatever still runs inside the root (only what this script started can be there)
    for p in /proc/[0-9]*; do
      [[ "$(readlink "$p/root" 2>/dev/null)" == "$R" ]] && kill -KILL "${p#/proc/}" 2>/dev/null
    done
    sleep 1
  fi
  for (( i=${#MOUNTS[@]}-1; i>=0; i-- )); do
    m=${MOUNTS[i]}
    umount -R "$m" 2>/dev/null || umount -R -l "$m" 2>/dev/null || true
  done
  # the phases' whole output, kept when the root goes
  rm -rf "$LOGS_OUT"; cp -r "$LOGS" "$LOGS_OUT" 2>/dev/null || true
  if grep -qF " $R/" /proc/self/mountinfo; then
    echo "check-fresh-machine: something is still mounted under $R: NOT removing $WORK" >&2
  elif [[ "${CHECK_FRESH_KEEP:-0}" == 1 ]]; then
    echo "check-fresh-machine: kept $WORK"
  else
    rm -rf "$WORK"
  fi
  exit "$rc"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# phase NAME CMD...: runs CMD with its output in $LOGS/NAME.log (time-stamped lines, also shown
# indented, but for apt's, dpkg's and ninja's line per package or file), and records how long
# it took
CHATTER='^\[[0-9:]+\] (demo: )?(Get:[0-9]|Selecting previously|Preparing to unpack|Unpacking |Setting up |Processing triggers|\(Reading database|\[[0-9]+.[0-9]+\] |I: (retrieving|resolving|downloading|extracting|installing|running|cleaning|creating|finding|skipping|checking))'
phase() {
  local name=$1 t0 rc; shift
  log "== $name"
  t0=$(date +%s)
  { rc=0; "$@" </dev/null 2>&1 || rc=$?; echo "$rc" >"$LOGS/$name.rc"; } |
    while IFS= read -r line; do
      if [[ "$line" =~ ^\[[0-9]{2}:[0-9]{2}:[0-9]{2}\]\  ]]; then printf '%s\n' "$line"
      else printf '[%(%T)T] %s\n' -1 "$line"; fi
    done |
    tee "$LOGS/$name.log" | sed -u -E "/$CHATTER/d; s/^/    /"
  rc=$(cat "$LOGS/$name.rc")
  PHASES+=("$(printf '%-16s %6d s  %s' "$name" $(( $(date +%s) - t0 )) "$( (( rc == 0 )) && echo ok || echo "FAILED (rc $rc)")")")
  log "== $name: $(( $(date +%s) - t0 )) s, rc $rc"
  return "$rc"
}

summary() {
  echo
  echo "check-fresh-machine: $SHA on $(uname -m), $(nproc) cores, $(date -u '+%F %H:%M UTC')"
  printf '  %s\n' "${PHASES[@]}"
  printf '  %-16s %6d s\n' total $(( $(date +%s) - t_all ))
}

# ------------------------------------------------------------ the host's Debian mirror
# "URI SUITE COMPONENTS" of each enabled Debian $SUITE* entry of the host's apt sources
# (one-line .list and deb822 .sources)
host_debian_sources() {
  local f
  for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [[ -f "$f" ]] || continue
    sed -E 's/#.*//; s/\[[^]]*\]//' "$f" | awk '$1 == "deb" { c = ""; for (i = 4; i <= NF; i++) c = c " " $i; print $2, $3 c }'
  done
  for f in /etc/apt/sources.list.d/*.sources; do
    [[ -f "$f" ]] || continue
    awk 'function flush() { if (types ~ /(^| )deb( |$)/ && enabled !~ /^[Nn]o/)
                              for (u in uris) for (s in suites) print uris[u], suites[s], comps;
                            types = ""; enabled = ""; comps = ""; delete uris; delete suites }
         /^[ \t]*#/ { next }
         /^[ \t]*$/ { flush(); next }
         { key = tolower($1); sub(/:$/, "", key); $1 = "" ; sub(/^ +/, "") }
         key == "types" { types = $0 } key == "enabled" { enabled = $0 } key == "components" { comps = $0 }
         key == "uris" { n = split($0, a, " "); for (i = 1; i <= n; i++) uris[i] = a[i] }
         key == "suites" { n = split($0, a, " "); for (i = 1; i <= n; i++) suites[i] = a[i] }
         END { flush() }' "$f"
  done
}
mapfile -t SOURCES < <(host_debian_sources | awk -v s="$SUITE" '$2 ~ "^" s "([-/](updates|security))?$"' | sort -u)
(( ${#SOURCES[@]} )) || { echo "check-fresh-machine: the host's apt has no Debian $SUITE source" >&2; exit 1; }
MIRRORS=()
for s in "${SOURCES[@]}"; do MIRRORS+=("deb $s"); done

log "work directory $WORK; checking $SHA"
printf '  apt source: %s\n' "${MIRRORS[@]}"

# ------------------------------------------------------------ 1. a minimal Debian 12 root
bootstrap() {
  if ! command -v mmdebstrap >/dev/null; then
    DEBIAN_FRONTEND=noninteractive apt-get -q -o DPkg::Lock::Timeout=300 install -y --no-install-recommends mmdebstrap </dev/null
  fi
  # --variant=debootstrap: Essential, Required and Important, as `debootstrap bookworm`
  mmdebstrap --mode=root --variant=debootstrap --format=directory "$SUITE" "$R" "${MIRRORS[@]}"
}
phase bootstrap bootstrap || { summary; exit 1; }

# what some networks need to reach the mirrors and the npm registry, from the host, read now
mkdir -p "$R/usr/local/share/ca-certificates"
cp -a /usr/local/share/ca-certificates/. "$R/usr/local/share/ca-certificates/" 2>/dev/null || true
for f in /etc/npmrc /usr/etc/npmrc; do [[ -f "$f" ]] && install -D -m 644 "$f" "$R$f"; done
[[ -f "$HOME/.npmrc" ]] && install -D -m 600 "$HOME/.npmrc" "$R/root/.npmrc"
apt-config dump | grep -iE '^Acquire::(https?|ftp)::Proxy' >"$R/etc/apt/apt.conf.d/01host-proxy" || rm -f "$R/etc/apt/apt.conf.d/01host-proxy"
cp -L /etc/resolv.conf "$R/etc/resolv.conf"
[[ -s "$R/etc/hosts" ]] || printf '127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\n' >"$R/etc/hosts"
# a chroot, not a booted machine: packages must not start services in the host's network
printf '#!/bin/sh\nexit 101\n' >"$R/usr/sbin/policy-rc.d"; chmod 755 "$R/usr/sbin/policy-rc.d"

for m in proc sys dev; do
  case $m in
    proc) mount -t proc proc "$R/proc" ;;
    *) mount --rbind "/$m" "$R/$m"; mount --make-rslave "$R/$m" ;;
  esac
  MOUNTS+=("$R/$m")
done

PROXY_ENV=()
for v in http_proxy https_proxy no_proxy HTTP_PROXY HTTPS_PROXY NO_PROXY; do
  [[ -n "${!v:-}" ]] && PROXY_ENV+=("$v=${!v}")
done
# a root login's environment, nothing else of this shell's
in_root() {
  chroot "$R" /usr/bin/env -i HOME=/root USER=root LOGNAME=root SHELL=/bin/bash TERM=dumb \
    PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin "${PROXY_ENV[@]}" "$@"
}

# ------------------------------------------------------------ 2. the prerequisites: git (root we are)
phase prerequisites in_root bash -c 'export DEBIAN_FRONTEND=noninteractive
  node --version 2>/dev/null || echo "no node"; command -v sudo || echo "no sudo"; command -v git || echo "no git"
  apt-get -q update && apt-get -q install -y git' || { summary; exit 1; }

# ------------------------------------------------------------ 3. get the project
mkdir -p "$R/mnt/patron.git"
mount --bind -o ro "$(git -C "$ROOT" rev-parse --path-format=absolute --git-common-dir)" "$R/mnt/patron.git"
MOUNTS+=("$R/mnt/patron.git")
phase clone in_root bash -c "git clone -q /mnt/patron.git /root/patron && cd /root/patron &&
  git checkout -q --detach $SHA && git log -1 --format='%h %s'" || { summary; exit 1; }
umount "$R/mnt/patron.git"

# xvfb-run -a takes the first display without a /tmp/.X<n>-lock file, but a display's socket
# lives in the network namespace, which the root shares with the host and its other X servers:
# these locks send the root's xvfb-run above the host's displays (its own Xvfb -displayfd
# skips taken displays by itself)
for n in $(seq 99 498); do : >"$R/tmp/.X$n-lock"; done

# ------------------------------------------------------------ 4. the test command
test_status=0
phase test-command in_root bash -c 'cd /root/patron && build-aux/run-tests.sh' || test_status=1

# ------------------------------------------------------------ 5. the demo command, headless
demo() {
  # shellcheck disable=SC2016 # expanded inside the root
  in_root bash -c '
    set -u
    cd /root/patron
    Xvfb -displayfd 3 -screen 0 1280x800x24 -nolisten tcp 3>/tmp/demo-display >/tmp/demo-xvfb.log 2>&1 &
    xvfb=$!
    for _ in $(seq 200); do [ -s /tmp/demo-display ] && break; sleep 0.05; done
    export DISPLAY=:$(head -1 /tmp/demo-display)
    echo "Xvfb on $DISPLAY"
    setsid build-aux/run-demo.sh </dev/null >/tmp/demo.log 2>&1 &
    demo=$!
    tail -F -n +1 /tmp/demo.log 2>/dev/null | sed "s/^/demo: /" &
    tailer=$!
    rc=0
    python3 build-aux/check-fresh-machine-demo.py "$demo" /root/demo-signed-in.png || rc=$?
    # quitting Patron must stop the demo store (the trap in run-demo.sh)
    for _ in $(seq 600); do kill -0 "$demo" 2>/dev/null || break; sleep 0.1; done
    if kill -0 "$demo" 2>/dev/null; then echo "run-demo.sh did not end after Patron quit"; rc=1; fi
    if [ -e _build/demo-store/state.env ]; then echo "the demo store was not stopped"; rc=1
    else echo "the demo store was stopped when Patron quit"; fi
    kill "$tailer" "$xvfb" 2>/dev/null
    exit $rc'
}
demo_status=0
phase demo-command demo || demo_status=1
if [[ -f "$R/root/demo-signed-in.png" ]]; then
  cp "$R/root/demo-signed-in.png" "$SHOT"
  log "screenshot: $SHOT"
fi

# ------------------------------------------------------------ what ran
echo
echo "In the root: system $(in_root bash -c 'node --version 2>/dev/null || echo "no node"'), npm $(in_root bash -c 'npm --version 2>/dev/null || echo "-"')"
grep -h 'healthy at' "$LOGS/test-command.log" "$LOGS/demo-command.log" 2>/dev/null | sed 's/^/  /' || true
grep -hE 'install-deps: |node-env: |npm ci done|tests: [0-9]+ passed|done in [0-9]+s|account page says|demo store was' \
  "$LOGS/test-command.log" "$LOGS/demo-command.log" 2>/dev/null | sed 's/^/  /' || true
summary
(( test_status == 0 && demo_status == 0 ))
