#!/bin/bash
# summary.sh: print the results table of the last test run and the closing
# "N passed, N failed" line, and write them to build/results/summary.md;
# exit 1 if anything failed.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

steps=$RESULTS/steps.tsv
[ -f "$steps" ] || die "no results; run make test"
report() {
tp=0 tf=0 ts=0
row() { printf '| %-28s | %-22s | %6s | %6s | %7s | %5s |\n' "$@"; }

echo
row "step / scenario" status passed failed skipped secs
row "----------------------------" "----------------------" ------ ------ ------- -----
while IFS=$'\t' read -r name status p f s secs; do
	row "$name" "$status" "$p" "$f" "$s" "$secs"
	# A boot step's counts are its scenarios' rows, in build/results/KERNEL.tsv.
	kernel=${name#boot-}
	if [ "$kernel" = "$name" ] || [ ! -f "$RESULTS/$kernel.tsv" ]; then
		tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + s))
		continue
	fi
	while IFS=$'\t' read -r scen kind p f s secs; do
		row "  $kernel/$scen $kind" "$([ "$f" -eq 0 ] && echo ok || echo FAIL)" "$p" "$f" "$s" "${secs:-}"
		tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + s))
	done <"$RESULTS/$kernel.tsv"
	# A boot step that failed on its own (no scenario rows) still counts.
	[ -s "$RESULTS/$kernel.tsv" ] || tf=$((tf + f))
done <"$steps"
# The reliability counts of the debug kernel's stress run.
if [ -f "$RESULTS/stress.tsv" ]; then
	get() { awk -v k="$1" '$1 == k {print $2}' "$RESULTS/stress.tsv"; }
	echo
	echo "debug kernel: $(get operations) racing sysfs operations, $(get samples) state samples," \
		"$(get hotplug_cycles) QMP hot-plug cycles, $(get fault_points) allocation failure points," \
		"$(get leaks) leaks, $(get splats) splats in the stress run"
fi
echo
echo "$tp passed, $tf failed, $ts skipped"
}
report >"$RESULTS/summary.txt"
cat "$RESULTS/summary.txt"
{ results_header "make test"; cat "$RESULTS/summary.txt"; } >"$RESULTS/summary.md"
tail -n1 "$RESULTS/summary.txt" | grep -q ', 0 failed,'

