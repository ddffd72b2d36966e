#!/bin/bash
# check/run-coco.sh: make run-coco VM=tdx and VM=snp on a host that cannot
# run such a guest (the rig's own machines) stop at once, non-zero, and name
# what is missing: KVM and its module always, QEMU's object when
# "qemu-system-x86_64 -object help" lacks it. Also checks that make run-coco
# without VM= names the choices, and that make run is the demo. Prints
# "PASSED FAILED SKIPPED": one count per mode, one for the other two.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

pass=0 fail=0 skip=0
# verdict NAME WHY...: pass when no WHY is given.
verdict() {
	local name=$1
	shift
	if [ $# -eq 0 ]; then
		pass=$((pass + 1))
	else
		printf '%s: %s\n' "$name" "$*" >&2
		fail=$((fail + 1))
	fi
}

for mode in tdx snp; do
	if "$ROOT/scripts/coco-host.sh" "$mode" >/dev/null 2>&1; then
		echo "$mode: this host can run such a guest; make run-coco VM=$mode is the test here" >&2
		skip=$((skip + 1))
		continue
	fi
	case $mode in
	tdx) module=kvm_intel object=tdx-guest ;;
	snp) module=kvm_amd object=sev-snp-guest ;;
	esac
	rc=0 start=$SECONDS
	out=$(make -s -C "$ROOT" run-coco VM="$mode" 2>&1 </dev/null) || rc=$?
	why=()
	[ "$rc" -ne 0 ] || why+=("exit status 0;")
	[ $((SECONDS - start)) -le 30 ] || why+=("took $((SECONDS - start)) s, not at once;")
	grep -q "^error: this host cannot run" <<<"$out" || why+=("no 'cannot run' error;")
	grep -q "^  - KVM: " <<<"$out" || why+=("KVM not named;")
	grep -q "/sys/module/$module/parameters/" <<<"$out" || why+=("$module's parameter not named;")
	if ! qemu-system-x86_64 -object help 2>/dev/null | grep -Eq "^[[:space:]]*$object\$"; then
		grep -q "has no $object object" <<<"$out" || why+=("QEMU's missing $object not named;")
	fi
	grep -q "^==> building" <<<"$out" && why+=("built something first;")
	[ ${#why[@]} -eq 0 ] || printf '%s\n' "$out" >&2
	verdict "make run-coco VM=$mode" "${why[@]}"
done

# Without VM=, make run-coco names the choices; make run is the demo.
why=()
rc=0
out=$(make -s -C "$ROOT" run-coco 2>&1 </dev/null) || rc=$?
[ "$rc" -ne 0 ] || why+=("make run-coco without VM= succeeded;")
grep -q 'tdx|snp' <<<"$out" || why+=("make run-coco without VM= does not name tdx|snp;")
[ "$(make -s -n -C "$ROOT" run)" = scripts/run.sh ] || why+=("make run is not scripts/run.sh;")
verdict "make run-coco without VM=, make run" "${why[@]}"
echo "$pass $fail $skip"
