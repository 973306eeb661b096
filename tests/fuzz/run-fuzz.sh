#!/bin/sh
# Runs one libFuzzer target for SECONDS on its committed CORPUS, which it only
# reads: what it finds goes to a scratch directory, thrown away, except the
# inputs that fail, kept as ARTIFACTS<kind>-<hash> to reproduce them with
# `TARGET FILE`.
#
#   run-fuzz.sh TARGET SECONDS CORPUS DICT ARTIFACTS [libFuzzer options…]
set -eu
target=$1 seconds=$2 corpus=$3 dict=$4 artifacts=$5
shift 5
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
exec_status=0
"$target" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -dict="$dict" \
  -artifact_prefix="$artifacts" -print_final_stats=1 "$@" "$scratch" "$corpus" || exec_status=$?
exit $exec_status
