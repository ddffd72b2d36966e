#!/bin/bash
# boot.sh SCENARIO: build the guest kernel from build/linux as it is, pack
# its initramfs and boot the one scenario of guest/scenarios; print its
# counts and the rig's checks. The fast loop of a change.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

scen=${1:-}
[ -n "$scen" ] || die "usage: make boot SCEN=name, a scenario of guest/scenarios:" \
	"$(cut -d'|' -f1 "$GUEST/scenarios" | grep -v '^#' | tr '\n' ' ')"
grep -q "^$scen|" "$GUEST/scenarios" || die "no scenario '$scen' in guest/scenarios"
[ -d "$TREE/.git" ] || die "no build/linux; run make tree"
"$ROOT/scripts/build.sh" guest
"$ROOT/scripts/initramfs.sh" guest
rc=0
RIG_SCENARIOS=$scen RIG_NAMES=0 "$ROOT/scripts/boot-tests.sh" guest || rc=$?
log=$RESULTS/guest-$scen.log
grep -E '^RIG-CHECK |^# (not )?ok |^    (not )?ok ' "$log" | grep -v ' ok' || true
awk -F'\t' '{ printf "%s %s: %s passed, %s failed, %s skipped\n", $1, $2, $3, $4, $5 }' \
	"$RESULTS/guest.tsv"
if awk -F'\t' '$4 > 0 { bad = 1 } END { exit !bad }' "$RESULTS/guest.tsv"; then
	exit 1
fi
exit "$rc"
