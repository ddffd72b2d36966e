#!/bin/bash
# parse-ksft.sh LOG: count the driver_auth kselftest results in a console
# log; print "PASSED FAILED SKIPPED". A missing or unfinished run fails.
set -euo pipefail

log=$1
pass=$(grep -cE '^# ok [0-9]+ [^#]*$' "$log" || true)
skip=$(grep -cE '^# ok [0-9]+ .*# SKIP' "$log" || true)
fail=$(grep -cE '^# not ok [0-9]+ ' "$log" || true)
plan=$(grep -oE '^# 1\.\.[0-9]+' "$log" | head -n1 | cut -d. -f3 || true)
# The runner's own line says whether the script as a whole passed.
if ! grep -qE '^ok [0-9]+ selftests: driver_auth' "$log"; then
	[ "$fail" -gt 0 ] || fail=1
fi
if [ -n "$plan" ] && [ $((pass + skip + fail)) -ne "$plan" ]; then
	fail=$((fail + plan - pass - skip - fail))
fi
echo "$pass $fail $skip"
