#!/usr/bin/env bash
# A long fuzzing campaign on every target of tests/fuzz/: builds them (clang,
# AddressSanitizer + UBSan, in _build/fuzz), runs each for SECONDS (default
# 1800) on a working copy of its corpus, then merges what it found into the
# committed corpus, minimized (-merge=1: only inputs that add coverage).
# Prints executions, coverage and findings per target; inputs that failed are
# kept in _build/fuzz/findings/ (reproduce one with `TARGET FILE`).
#
#   tests/fuzz/campaign.sh [SECONDS] [TARGET…]
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
BUILD="$ROOT/_build/fuzz"
SECONDS_EACH="${1:-1800}"
shift || true
TARGETS=("$@")
(( ${#TARGETS[@]} )) || TARGETS=(fuzz-scan fuzz-customer fuzz-order-page fuzz-order fuzz-regions
                                 fuzz-token fuzz-exists fuzz-error)

if [[ ! -f "$BUILD/build.ninja" ]]; then
  CC=clang meson setup "$BUILD" "$ROOT" -Dfuzzing=true -Db_sanitize=address,undefined \
    -Db_lundef=false >/dev/null
fi
meson compile -C "$BUILD" >/dev/null

mkdir -p "$BUILD/findings" "$BUILD/campaign"
status=0
for target in "${TARGETS[@]}"; do
  corpus="$ROOT/tests/fuzz/corpus/$target"
  work="$BUILD/campaign/$target"
  mkdir -p "$work"
  log="$BUILD/campaign/$target.log"
  rc=0
  G_DEBUG=fatal-warnings "$BUILD/tests/fuzz/$target" -max_total_time="$SECONDS_EACH" \
    -timeout=10 -rss_limit_mb=2048 -dict="$ROOT/tests/fuzz/json.dict" \
    -artifact_prefix="$BUILD/findings/$target-" -print_final_stats=1 \
    "$work" "$corpus" >"$log" 2>&1 || rc=$?
  (( rc == 0 )) || status=1
  runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1)
  findings=$(find "$BUILD/findings" -name "$target-*" | wc -l)
  # the committed corpus: only what adds coverage, smallest first
  before=$(find "$corpus" -type f | wc -l)
  merged=$(mktemp -d)
  if "$BUILD/tests/fuzz/$target" -merge=1 "$merged" "$corpus" "$work" >/dev/null 2>&1 &&
     [[ -n "$(ls -A "$merged")" ]]; then
    rm -f "$corpus"/*
    cp "$merged"/* "$corpus"/
  fi
  rm -rf "$merged"
  after=$(find "$corpus" -type f | wc -l)
  printf '%-16s %12s executions  %-10s  findings: %s%s  corpus: %s → %s files\n' \
    "$target" "${runs:-?}" "${cov:-cov: ?}" "$findings" \
    "$( (( rc == 0 )) || echo " (stopped: exit $rc, see $log)")" "$before" "$after"
done
exit $status
