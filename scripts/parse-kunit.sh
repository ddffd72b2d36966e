#!/bin/bash
# parse-kunit.sh LOG: parse the KUnit results in a console log with the
# kernel's kunit.py; print "PASSED FAILED SKIPPED".
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

log=$(realpath "$1")
# A boot that runs no suite prints an empty "KTAP version 1" / "1..0"
# block; kunit.py parse would stop at it before the suites a module runs
# later. Leave such blocks out.
tmp=$(mktemp)
trap 'rm -f "$tmp"' EXIT
awk '/^KTAP version 1\r?$/ { held = $0; next }
     held != "" && /^1\.\.0\r?$/ { held = ""; next }
     held != "" { print held; held = "" }
     { print }' "$log" >"$tmp"
out=$(python3 "$TREE/tools/testing/kunit/kunit.py" parse "$tmp" 2>&1) || true
line=$(grep -o 'Ran [0-9]* tests:.*' <<<"$out" | tail -n1)
if [ -z "$line" ]; then
	echo "0 1 0"
	exit 0
fi
get() { grep -o "$1: [0-9]*" <<<"$line" | grep -o '[0-9]*$' || echo 0; }
echo "$(get passed) $(get failed) $(get skipped)"
