#!/bin/bash
# stress.sh NAME: boot kernel NAME (the debug kernel) in rig.mode=stress
# with default deny, unplug and replug its hot-plug device over QMP while
# the guest races sysfs writers against it (guest/stress.sh), then check
# the guest's verdict and the console for splats. Writes the counts to
# build/results/stress.tsv; prints "PASSED FAILED SKIPPED".
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

name=$1
ops=${RIG_STRESS_OPS:-10000}
cycles=${RIG_STRESS_HOTPLUG:-3}
log=$RESULTS/$name-stress.log
qmp=$BUILD/qmp-$name.sock
mkdir -p "$RESULTS"
rm -f "$log" "$qmp"

# wait_log PATTERN SECONDS: poll the console log for an extended regex.
wait_log() {
	local i
	for ((i = 0; i < $2 * 10; i++)); do
		grep -qE "$1" "$log" 2>/dev/null && return 0
		kill -0 "$vm" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# qmp_send JSON: send one command and read until its reply; fail on error.
qmp_send() {
	local line
	echo "$1" >&"${QMP[1]}"
	while IFS= read -r -t 60 line <&"${QMP[0]}"; do
		case $line in
		*'"return"'*) return 0 ;;
		*'"error"'*) say "qmp: $line"; return 1 ;;
		esac
	done
	return 1
}

# qmp_event NAME SECONDS: read until the event NAME arrives.
qmp_event() {
	local line end=$((SECONDS + $2))
	while [ "$SECONDS" -lt "$end" ] && IFS= read -r -t "$2" line <&"${QMP[0]}"; do
		case $line in *"\"event\": \"$1\""*) return 0 ;; esac
	done
	return 1
}

say "booting $name kernel: stress, $ops operations, $cycles hot-plug cycles"
# ima_policy=critical_data: every change is measured, so that the failing
# allocations include IMA's.
RIG_HOTPLUG=1 RIG_MEM=1024 RIG_TIMEOUT=${RIG_TIMEOUT:-1500} "$ROOT/scripts/vm.sh" "$name" "$log" \
	"rig.mode=stress stress.ops=$ops stress.hotplug=$cycles loglevel=5" \
	"ima_policy=critical_data driver_auth.default=deny driver_auth.allow=pci:e1000,pci:shpchp,virtio:virtio_rng" \
	"kunit.enable=0 ${RIG_EXTRA_ARGS:-}" &
vm=$!

hp_fail=0 i=0
if wait_log '^RIG-HP ready' 900 && [ -S "$qmp" ]; then
	coproc QMP { socat - UNIX-CONNECT:"$qmp"; }
	read -r -t 30 _ <&"${QMP[0]}"
	qmp_send '{"execute": "qmp_capabilities"}' || hp_fail=1
	add='{"execute": "device_add", "arguments": {"driver": "virtio-rng-pci", "id": "hp0", "bus": "br1", "addr": "1"}}'
	del='{"execute": "device_del", "arguments": {"id": "hp0"}}'
	for ((i = 1; i <= cycles; i++)); do
		# The SHPC driver ignores the button while it is still busy
		# with the last plug: press it again until the device goes.
		for try in 1 2 3 4 5 6; do
			qmp_send "$del" || true
			qmp_event DEVICE_DELETED 20 && break
			say "stress: unplug $i, try $try: no DEVICE_DELETED yet"
		done
		if ! wait_log "^RIG-HP absent ${i}[[:space:]]*$" 120; then
			hp_fail=1
			break
		fi
		# A plug the guest missed leaves the slot off: QEMU then removes
		# the device at once, and it is plugged again.
		for try in 1 2 3; do
			qmp_send "$add" || break
			wait_log "^RIG-HP present ${i}[[:space:]]*$" 30 && break
			say "stress: plug $i, try $try: the guest did not see it"
			if ! qmp_send "$del" || ! qmp_event DEVICE_DELETED 30; then
				break
			fi
		done
		grep -qE "^RIG-HP present ${i}[[:space:]]*$" "$log" || { hp_fail=1; break; }
	done
	kill "$QMP_PID" 2>/dev/null || true
else
	hp_fail=1
fi
[ "$hp_fail" = 0 ] || say "stress: hot-plug cycle $i of $cycles did not complete"

vm_rc=0
wait "$vm" || vm_rc=$?

tsv=$RESULTS/stress.tsv
grep -E '^STRESS [a-z_]+ [0-9]+' "$log" | tr -d '\r' | awk '{print $2 "\t" $3}' >"$tsv" || true
get() { awk -v k="$1" '$1 == k {print $2}' "$tsv"; }
splats=$("$ROOT/scripts/check/splats.sh" "$log" | wc -l || true)
printf 'splats\t%s\n' "$splats" >>"$tsv"
grep -E '^STRESS-FAIL' "$log" >&2 || true

pass=0 fail=0
check() {
	if "$@"; then pass=$((pass + 1)); else fail=$((fail + 1)); say "stress: failed: $*"; fi
}
check [ "$vm_rc" = 0 ]
check [ "$hp_fail" = 0 ]
check [ "$(get hotplug_cycles)" = "$cycles" ]
check [ "$(get operations)" -ge "$ops" ]
check [ "$(get samples)" -gt 0 ]
check [ "$(get violations)" = 0 ]
check [ "$(get leaks)" = 0 ]
check [ "$(get fault_points)" -gt 0 ]
check [ "$splats" = 0 ]
say "stress: $(get operations) operations, $(get samples) samples, $cycles hot-plug cycles," \
	"$(get fault_points) failure points, $(get leaks) leaks, $splats splats, $(get seconds) s"
echo "$pass $fail 0"
