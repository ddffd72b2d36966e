#!/bin/bash
# check-run-coco.sh: make run CC=tdx and CC=snp on a host that cannot run
# such a guest (the rig's own machines) stop at once, non-zero, and name
# what is missing: KVM and its module always, QEMU's object when
# "qemu-system-x86_64 -object help" lacks it. Also checks that make run
# without CC on the command line is still the demo. Prints
# "PASSED FAILED SKIPPED": one count per mode, one for the plain run.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

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
		echo "$mode: this host can run such a guest; make run CC=$mode is the test here" >&2
		skip=$((skip + 1))
		continue
	fi
	case $mode in
	tdx) module=kvm_intel object=tdx-guest ;;
	snp) module=kvm_amd object=sev-snp-guest ;;
	esac
	rc=0 start=$SECONDS
	out=$(make -s -C "$ROOT" run CC="$mode" 2>&1 </dev/null) || rc=$?
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
	verdict "make run CC=$mode" "${why[@]}"
done

# Without CC on the command line (make's default cc, or CC from the
# environment) make run is the demo.
why=()
[ "$(make -s -n -C "$ROOT" run)" = scripts/run.sh ] || why+=("make run is not scripts/run.sh;")
[ "$(CC=tdx make -s -n -C "$ROOT" run)" = scripts/run.sh ] || why+=("CC=tdx from the environment changes make run;")
verdict "make run without CC" "${why[@]}"
echo "$pass $fail $skip"
