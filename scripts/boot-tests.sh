#!/bin/bash
# boot-tests.sh NAME: boot kernel NAME once per scenario of guest/scenarios
# and record the KUnit and kselftest counts in build/results/NAME.tsv.
# RIG_EXTRA_ARGS adds to every kernel command line.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

name=$1
mkdir -p "$RESULTS"
tsv=$RESULTS/$name.tsv
: >"$tsv"
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

# Names: the deny boot printed every driver's name as an allow entry
# (RIG-NAMES); a boot with default deny and that list (in bootconfig: it
# outgrows the command line) must authorize every driver, and measure the
# list as given.
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
