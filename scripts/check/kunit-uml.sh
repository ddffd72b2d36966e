#!/bin/bash
# check/kunit-uml.sh: the driver core's KUnit suites as a developer runs
# them, with the kernel's own runner on UML: kunit.py run --kunitconfig
# drivers/base/test, built in build/out-kunit-uml with ccache. Prints
# "PASSED FAILED SKIPPED" from kunit.py's own count.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

out=$BUILD/out-kunit-uml
log=$RESULTS/kunit-uml.log
mkdir -p "$RESULTS"
cd "$TREE"
rc=0
python3 tools/testing/kunit/kunit.py run --kunitconfig drivers/base/test \
	--build_dir "$out" --jobs "$JOBS" --make_options CC="ccache gcc" \
	--make_options KBUILD_BUILD_TIMESTAMP=2026-01-01 >"$log" 2>&1 || rc=$?
# "Ran N tests: passed: P, failed: F, skipped: S" (absent counts are 0)
line=$(grep -E '^\[[0-9:]+\] Testing complete\. Ran [0-9]+ tests' "$log" | tail -n1 || true)
[ -n "$line" ] || die "kunit.py did not finish; see $log"
count() { sed -n "s/.*$1: \([0-9]*\).*/\1/p" <<<"$line"; }
p=$(count passed) f=$(count failed) s=$(count skipped)
grep -q 'driver_auth' "$log" || die "kunit.py ran no driver_auth case; see $log"
[ "$rc" -eq 0 ] || [ "${f:-0}" -gt 0 ] || f=1
echo "${p:-0} ${f:-0} ${s:-0}"
