#!/bin/bash
# boot-tests.sh NAME: boot kernel NAME once per scenario of its machine's
# list and record the counts in build/results/NAME.tsv. RIG_SCENARIOS names
# the scenarios to boot (default all; pc and q35); RIG_EXTRA_ARGS adds to
# every kernel command line.
#   pc (guest, debug): guest/scenarios; each boot's KUnit and kselftest
#     counts and the rig's checks (RIG-CHECK). Then the names boot: the deny
#     boot printed every driver's name as an allow entry (RIG-NAMES); a boot
#     with default deny and that list (in bootconfig: it outgrows the command
#     line) must authorize every driver, and measure the list as given.
#     RIG_NAMES=0 skips it.
#   q35 (cc): guest/cc-scenarios; the host's side of the ttyS0 round trip,
#     and the guest's KTAP results, which come over hvc0. The "names"
#     scenario boots with a bootconfig made from the names the "allow" boot
#     printed, and records its policy checks as well. Prints "PASSED FAILED
#     SKIPPED".
#   virt (arm64): one boot, default deny with arm64's built-in list alone;
#     the guest's KTAP checks (guest/arm64.sh).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

name=$1
profile "$name"
mkdir -p "$RESULTS"
tsv=$RESULTS/$name.tsv
: >"$tsv"

# RIG_SERIAL_WAIT: how long the echo may take to come back on ttyS0.
serial_wait=${RIG_SERIAL_WAIT:-5}

# wait_log LOG REGEX SECONDS PID: poll LOG until a line matches, while PID lives.
wait_log() {
	local i
	for ((i = 0; i < $3 * 10; i++)); do
		grep -qE "$2" "$1" 2>/dev/null && return 0
		kill -0 "$4" 2>/dev/null || return 1
		sleep 0.1
	done
	return 1
}

# roundtrip LOG PID: write a random token into ttyS0, wait (bounded) for the
# guest's echo, then tell the guest the verdict over ttyS0 (the receive
# path), which it reports on hvc0 as check 1. Prints ok or fail.
roundtrip() {
	local token verdict=fail w pid
	if [ ! -S "$CC_SERIAL" ]; then
		say "no $CC_SERIAL: QEMU did not make ttyS0's socket"
		echo fail
		return
	fi
	token=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
	coproc SER { exec socat -t 2 - UNIX-CONNECT:"$CC_SERIAL"; }
	# bash forgets both once socat exits
	w=${SER[1]} pid=$SER_PID
	printf 'RIG-TOKEN %s\n' "$token" >&"$w"
	# The kernel console shares ttyS0: look for the echo in all of it.
	if timeout "$serial_wait" grep -a -m1 -qF "RIG-ECHO $token" <&"${SER[0]}"; then
		verdict=ok
	fi
	printf 'RIG-RESULT %s\n' "$verdict" >&"$w"
	exec {w}>&-
	wait_log "$1" '^(not )?ok 1 ' 10 "$2" || true
	kill "$pid" 2>/dev/null || true
	wait "$pid" 2>/dev/null || true
	echo "$verdict"
}

# names_initrd: a copy of the cc kernel's initramfs with a bootconfig of default deny and
# every driver name the allow boot printed (several KB, more than the
# command line holds); prints its path.
names_initrd() {
	local line initrd=$BUILD/initramfs-$name-names.cpio.gz conf=$BUILD/bootconfig-$name-names
	line=$(tr -d '\r' <"$RESULTS/$name-allow.log" 2>/dev/null | sed -n 's/^RIG-NAMES //p' | head -n1)
	if [ -z "$line" ]; then
		say "no RIG-NAMES line in $RESULTS/$name-allow.log: boot the allow scenario first"
		return 1
	fi
	printf 'kernel.driver_auth.default = deny\nkernel.driver_auth.allow = "%s"\n' "$line" >"$conf"
	cp "$BUILD/initramfs-$name.cpio.gz" "$initrd"
	make -s -C "$TREE/tools/bootconfig" >/dev/null || return 1
	"$TREE/tools/bootconfig/bootconfig" -a "$conf" "$initrd" >/dev/null || return 1
	say "names: ${#line} bytes of allow list in $conf"
	echo "$initrd"
}

# qmp LOG PID READY COMMAND...: once the guest logs READY, send each
# command (JSON) to QEMU's monitor; true if each got a "return".
qmp() {
	local log=$1 pid=$2 ready=$3 reply
	shift 3
	wait_log "$log" "$ready" 300 "$pid" || return 1
	reply=$(printf '%s\n' '{"execute": "qmp_capabilities"}' "$@" |
		socat -t 5 - UNIX-CONNECT:"$BUILD/qmp-$name.sock" 2>&1 || true)
	[ "$(grep -c '"return"' <<<"$reply")" -eq $(($# + 1)) ] && return 0
	say "$name: QMP: $reply"
	return 1
}

# qmp_boot LOG PID: the QMP side of guest/cc.sh's checks 22-23: hot-plug a
# disk and a NIC, then press the power button. Prints the second of the
# boot at which it was pressed, or -1.
qmp_boot() {
	qmp "$1" "$2" '^RIG-HOTPLUG ready' \
		'{"execute": "blockdev-add", "arguments": {"driver": "null-co", "node-name": "hp0", "size": 16777216, "read-zeroes": true}}' \
		'{"execute": "device_add", "arguments": {"driver": "virtio-blk-pci", "drive": "hp0", "id": "hpblk", "bus": "rp1"}}' \
		'{"execute": "device_add", "arguments": {"driver": "e1000e", "id": "hpnic", "bus": "rp2"}}' || true
	if qmp "$1" "$2" '^RIG-POWER ready' '{"execute": "system_powerdown"}'; then
		echo $((SECONDS - start))
	else
		echo -1
	fi
}

# ktap LOG SCENARIO: the counts of the KTAP lines between RIG-BEGIN and
# RIG-END in LOG, "PASSED FAILED SKIPPED"; the failures go to stderr.
ktap() {
	local out p f s plan
	out=$(tr -d '\r' <"$1" | sed -n '/^RIG-BEGIN/,/^RIG-END/p')
	p=$(grep -cE '^ok [0-9]+ ' <<<"$out" || true)
	f=$(grep -cE '^not ok [0-9]+ ' <<<"$out" || true)
	# A check that does not apply to this boot: KTAP's "# SKIP".
	s=$(grep -cE '^ok [0-9]+ .*# SKIP' <<<"$out" || true)
	plan=$(grep -oE '^1\.\.[0-9]+' <<<"$out" | head -n1 | cut -d. -f3 || true)
	# Checks the plan announced and the guest never reported fail.
	[ -z "$plan" ] || [ $((p + f)) -ge "$plan" ] || f=$((plan - p))
	p=$((p - s))
	[ -n "$plan" ] || f=$((f + 1))
	grep -E '^not ok ' <<<"$out" | sed "s/^/$name\/$2: /" >&2 || true
	echo "$p $f $s"
}

# boot_q35: the realistic guest's scenarios.
boot_q35() {
	local tp=0 tf=0 ts=0 scen bound cmdline log start initrd vm serial rc secs p f s checks power qargs
	while IFS='|' read -r scen bound cmdline; do
		case $scen in ''|'#'*) continue ;; esac
		[ -z "${RIG_SCENARIOS:-}" ] || [[ " $RIG_SCENARIOS " == *" $scen "* ]] || continue
		log=$RESULTS/$name-$scen.log
		say "booting $name kernel: $scen"
		start=$SECONDS
		rm -f "$log"
		initrd=
		if [ "$scen" = names ] && ! initrd=$(names_initrd); then
			printf '%s\tboot\t0\t1\t0\t0\n' "$scen" >>"$tsv"
			tf=$((tf + 1))
			continue
		fi
		# rig.qmp=1: two empty PCIe root ports, for the hot-plug.
		qargs=${RIG_QEMU_ARGS:-}
		[[ " $cmdline " != *" rig.qmp=1 "* ]] ||
			qargs+=" -device pcie-root-port,id=rp1,chassis=1,slot=1 -device pcie-root-port,id=rp2,chassis=2,slot=2"
		RIG_QEMU_ARGS=$qargs RIG_INITRD=$initrd "$ROOT/scripts/vm.sh" "$name" "$log" \
			"rig.bound=$bound $cmdline ${RIG_EXTRA_ARGS:-}" &
		vm=$!
		serial=none
		if wait_log "$log" '^RIG-SERIAL ' 300 "$vm" && grep -q '^RIG-SERIAL ready' "$log"; then
			serial=$(roundtrip "$log" "$vm")
		fi
		power=''
		[[ " $cmdline " != *" rig.qmp=1 "* ]] || power=$(qmp_boot "$log" "$vm")
		rc=0
		wait "$vm" || rc=$?
		secs=$((SECONDS - start))
		tr -d '\r' <"$log" 2>/dev/null | grep -E '^RIG-(BIND|DENIED|UNBOUND) ' >"$RESULTS/$name-$scen-bindings.txt" || true
		if [ "$rc" -ne 0 ]; then
			printf '%s\tboot\t0\t1\t0\t%s\n' "$scen" "$secs" >>"$tsv"
			tf=$((tf + 1))
			continue
		fi
		read -r p f s < <(ktap "$log" "$scen")
		if [ -n "$power" ]; then
			# The guest must be off within 30 s of the power button.
			if [ "$power" -ge 0 ] && [ $((secs - power)) -le 30 ]; then
				say "$name/$scen: off $((secs - power)) s after the power button"
				p=$((p + 1))
			else
				say "$name/$scen: not off within 30 s of system_powerdown"
				f=$((f + 1))
			fi
		fi
		say "$name/$scen: $p passed, $f failed, $s skipped in ${secs}s (ttyS0 echo: $serial)"
		printf '%s\tboot\t1\t0\t0\t%s\n' "$scen" "$secs" >>"$tsv"
		printf '%s\tchecks\t%s\t%s\t%s\n' "$scen" "$p" "$f" "$s" >>"$tsv"
		tp=$((tp + 1 + p)) tf=$((tf + f)) ts=$((ts + s))
		# The names boot's checks (guest/policy.sh, run by guest/cc.sh).
		if [[ " $cmdline " == *" rig.policy=names "* ]]; then
			checks=$(tr -d '\r' <"$log" | grep -E '^RIG-CHECK ' || true)
			p=$(grep -c ' ok' <<<"$checks" || true)
			f=$(grep -c ' FAIL' <<<"$checks" || true)
			s=$(grep -c ' skip' <<<"$checks" || true)
			[ -n "$checks" ] || f=1
			grep ' FAIL' <<<"$checks" | sed "s/^/$name\/$scen: /" >&2 || true
			printf '%s\tpolicy\t%s\t%s\t%s\n' "$scen" "$p" "$f" "$s" >>"$tsv"
			tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + s))
		fi
	done <"$GUEST/cc-scenarios"
	[ -s "$tsv" ] || die "no scenario of guest/cc-scenarios matches: ${RIG_SCENARIOS:-}"
	echo "$tp $tf $ts"
	[ "$tf" -eq 0 ]
}

# boot_pc: the small guest's scenarios, then the names boot.
boot_pc() {
	local series scen cmdline log p f s line
	series=0
	has_series && series=1

	while IFS='|' read -r scen cmdline; do
		case $scen in ''|'#'*) continue ;; esac
		[ "$series" = 1 ] || [ "$scen" = nopolicy ] || continue
		# RIG_SCENARIOS, if set, names the scenarios to boot.
		[ -z "${RIG_SCENARIOS:-}" ] || [[ " $RIG_SCENARIOS " == *" $scen "* ]] || continue
		log=$RESULTS/$name-$scen.log
		say "booting $name kernel: $scen"
		if ! RIG_TIMEOUT=${RIG_TIMEOUT:-900} "$ROOT/scripts/vm.sh" "$name" "$log" \
			"rig.mode=test $cmdline ${RIG_EXTRA_ARGS:-}"; then
			printf '%s\tboot\t0\t1\t0\n' "$scen" >>"$tsv"
			continue
		fi
		printf '%s\tboot\t1\t0\t0\n' "$scen" >>"$tsv"
		read -r p f s < <("$ROOT/scripts/parse-kunit.sh" "$log")
		printf '%s\tkunit\t%s\t%s\t%s\n' "$scen" "$p" "$f" "$s" >>"$tsv"
		if [ "$series" = 1 ]; then
			read -r p f s < <("$ROOT/scripts/parse-ksft.sh" "$log")
			printf '%s\tkselftest\t%s\t%s\t%s\n' "$scen" "$p" "$f" "$s" >>"$tsv"
		fi
		# The rig's own checks in the guest (guest/kunit-module.sh, catchall.sh).
		if grep -q '^RIG-CHECK ' "$log"; then
			p=$(grep -cE '^RIG-CHECK [^ ]+ ok' "$log" || true)
			f=$(grep -cE '^RIG-CHECK [^ ]+ FAIL' "$log" || true)
			s=$(grep -cE '^RIG-CHECK [^ ]+ skip' "$log" || true)
			grep -E '^RIG-CHECK [^ ]+ FAIL' "$log" >&2 || true
			printf '%s\tchecks\t%s\t%s\t%s\n' "$scen" "$p" "$f" "$s" >>"$tsv"
		fi
	done <"$GUEST/scenarios"

	# Names (see above).
	line=$(sed -n 's/^RIG-NAMES //p' "$RESULTS/$name-deny.log" 2>/dev/null | head -n1 | tr -d '\r')
	if [ "${RIG_NAMES:-1}" = 0 ]; then
		:	# not for this kernel
	elif [ "$series" = 1 ] && [ -n "$line" ]; then
		log=$RESULTS/$name-names.log
		printf 'kernel.driver_auth.default = deny\nkernel.driver_auth.allow = "%s"\n' "$line" \
			>"$BUILD/bootconfig-names"
		cp "$BUILD/initramfs-$name.cpio.gz" "$BUILD/initramfs-$name-names.cpio.gz"
		make -s -C "$TREE/tools/bootconfig" >/dev/null
		# A bootconfig already there (the debug kernel's tracing) is replaced.
		"$TREE/tools/bootconfig/bootconfig" -d "$BUILD/initramfs-$name-names.cpio.gz" 2>/dev/null || true
		"$TREE/tools/bootconfig/bootconfig" -a "$BUILD/bootconfig-names" \
			"$BUILD/initramfs-$name-names.cpio.gz" >/dev/null
		say "booting $name kernel: names (${#line} bytes of allow list)"
		if RIG_INITRD=$BUILD/initramfs-$name-names.cpio.gz RIG_TIMEOUT=${RIG_TIMEOUT:-900} \
			"$ROOT/scripts/vm.sh" "$name" "$log" \
			"rig.mode=test bootconfig rig.policy=names ima_policy=critical_data kunit.enable=0"; then
			p=$(grep -cE '^RIG-CHECK [^ ]+ ok' "$log" || true)
			f=$(grep -cE '^RIG-CHECK [^ ]+ FAIL' "$log" || true)
			s=$(grep -cE '^RIG-CHECK [^ ]+ skip' "$log" || true)
			grep -E '^RIG-CHECK [^ ]+ FAIL' "$log" >&2 || true
			printf 'names\tchecks\t%s\t%s\t%s\n' "$p" "$f" "$s" >>"$tsv"
			read -r p f s < <("$ROOT/scripts/parse-ksft.sh" "$log")
			printf 'names\tkselftest\t%s\t%s\t%s\n' "$p" "$f" "$s" >>"$tsv"
		else
			printf 'names\tboot\t0\t1\t0\n' >>"$tsv"
		fi
	elif [ "$series" = 1 ]; then
		printf 'names\tchecks\t0\t1\t0\n' >>"$tsv"
		echo "no RIG-NAMES line in $RESULTS/$name-deny.log" >&2
	fi
}

# boot_virt: the arm64 guest, booted once with default deny and arm64's
# built-in list alone (guest/arm64.sh's checks).
boot_virt() {
	local log=$RESULTS/$name-deny.log p f s
	say "booting $name kernel: deny"
	if ! "$ROOT/scripts/vm.sh" "$name" "$log" \
		"rig.mode=arm64 driver_auth.default=deny ${RIG_EXTRA_ARGS:-}"; then
		printf 'deny\tboot\t0\t1\t0\n' >>"$tsv"
		echo "0 1 0"
		return 1
	fi
	read -r p f s < <(ktap "$log" deny)
	say "$name/deny: $p passed, $f failed, $s skipped"
	printf 'deny\tboot\t1\t0\t0\n' >>"$tsv"
	printf 'deny\tchecks\t%s\t%s\t%s\n' "$p" "$f" "$s" >>"$tsv"
	echo "$((p + 1)) $f $s"
	[ "$f" -eq 0 ]
}

"boot_$P_MACHINE"
