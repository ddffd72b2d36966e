#!/bin/bash
# boot-cc.sh [SCENARIO...]: boot the cc kernel once per scenario of
# guest/cc-scenarios (all of them by default), play the host's side of the
# ttyS0 round trip, and record the guest's KTAP results, which come over
# hvc0, in build/results/cc.tsv. Prints "PASSED FAILED SKIPPED".
# The "names" scenario boots with a bootconfig made from the names the
# "allow" boot printed (build/results/cc-allow.log; boot "allow" first)
# and records its driver_auth kselftest as well.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

# RIG_SERIAL_WAIT: how long the echo may take to come back on ttyS0.
serial_wait=${RIG_SERIAL_WAIT:-5}
mkdir -p "$RESULTS"
tsv=$RESULTS/cc.tsv
: >"$tsv"

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

# names_initrd: a copy of initramfs-cc with a bootconfig of default deny and
# every driver name the allow boot printed (several KB, more than the
# command line holds); prints its path.
names_initrd() {
	local line initrd=$BUILD/initramfs-cc-names.cpio.gz conf=$BUILD/bootconfig-cc-names
	line=$(tr -d '\r' <"$RESULTS/cc-allow.log" 2>/dev/null | sed -n 's/^RIG-NAMES //p' | head -n1)
	if [ -z "$line" ]; then
		say "no RIG-NAMES line in $RESULTS/cc-allow.log: boot the allow scenario first"
		return 1
	fi
	printf 'kernel.driver_auth.default = deny\nkernel.driver_auth.allow = "%s"\n' "$line" >"$conf"
	cp "$BUILD/initramfs-cc.cpio.gz" "$initrd"
	make -s -C "$TREE/tools/bootconfig" >/dev/null || return 1
	"$TREE/tools/bootconfig/bootconfig" -a "$conf" "$initrd" >/dev/null || return 1
	say "names: ${#line} bytes of allow list in $conf"
	echo "$initrd"
}

tp=0 tf=0 ts=0
while IFS='|' read -r scen bound cmdline; do
	case $scen in ''|'#'*) continue ;; esac
	if [ $# -gt 0 ] && [[ " $* " != *" $scen "* ]]; then
		continue
	fi
	log=$RESULTS/cc-$scen.log
	say "booting cc kernel: $scen"
	start=$SECONDS
	rm -f "$log"
	initrd=
	if [ "$scen" = names ] && ! initrd=$(names_initrd); then
		printf '%s\tboot\t0\t1\t0\t0\n' "$scen" >>"$tsv"
		tf=$((tf + 1))
		continue
	fi
	RIG_INITRD=$initrd "$ROOT/scripts/vm-cc.sh" "$log" "rig.bound=$bound $cmdline ${RIG_EXTRA_ARGS:-}" &
	vm=$!
	serial=none
	if wait_log "$log" '^RIG-SERIAL ' 300 "$vm" && grep -q '^RIG-SERIAL ready' "$log"; then
		serial=$(roundtrip "$log" "$vm")
	fi
	rc=0
	wait "$vm" || rc=$?
	secs=$((SECONDS - start))
	tr -d '\r' <"$log" 2>/dev/null | grep -E '^RIG-(BIND|DENIED|UNBOUND) ' >"$RESULTS/cc-$scen-bindings.txt" || true
	if [ "$rc" -ne 0 ]; then
		printf '%s\tboot\t0\t1\t0\t%s\n' "$scen" "$secs" >>"$tsv"
		tf=$((tf + 1))
		continue
	fi
	ktap=$(tr -d '\r' <"$log" | sed -n '/^RIG-BEGIN/,/^RIG-END/p')
	p=$(grep -cE '^ok [0-9]+ ' <<<"$ktap" || true)
	f=$(grep -cE '^not ok [0-9]+ ' <<<"$ktap" || true)
	plan=$(grep -oE '^1\.\.[0-9]+' <<<"$ktap" | head -n1 | cut -d. -f3)
	# Checks the plan announced and the guest never reported fail.
	[ -z "$plan" ] || [ $((p + f)) -ge "$plan" ] || f=$((plan - p))
	[ -n "$plan" ] || f=$((f + 1))
	grep -E '^not ok ' <<<"$ktap" | sed "s/^/cc\/$scen: /" >&2 || true
	say "cc/$scen: $p passed, $f failed in ${secs}s (ttyS0 echo: $serial)"
	printf '%s\tboot\t1\t0\t0\t%s\n' "$scen" "$secs" >>"$tsv"
	printf '%s\tchecks\t%s\t%s\t0\n' "$scen" "$p" "$f" >>"$tsv"
	tp=$((tp + 1 + p)) tf=$((tf + f))
	# The names boot's checks (guest/policy.sh, run by guest/cc.sh).
	if [[ " $cmdline " == *" rig.policy=names "* ]]; then
		checks=$(tr -d '\r' <"$log" | grep -E '^RIG-CHECK ' || true)
		p=$(grep -c ' ok' <<<"$checks" || true)
		f=$(grep -c ' FAIL' <<<"$checks" || true)
		s=$(grep -c ' skip' <<<"$checks" || true)
		[ -n "$checks" ] || f=1
		grep ' FAIL' <<<"$checks" | sed "s/^/cc\/$scen: /" >&2 || true
		printf '%s\tpolicy\t%s\t%s\t%s\n' "$scen" "$p" "$f" "$s" >>"$tsv"
		tp=$((tp + p)) tf=$((tf + f)) ts=$((ts + s))
	fi
done <"$GUEST/cc-scenarios"
[ -s "$tsv" ] || die "no scenario of guest/cc-scenarios matches: $*"
echo "$tp $tf $ts"
[ "$tf" -eq 0 ]
