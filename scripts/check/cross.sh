#!/bin/bash
# check/cross.sh: the series' driver core objects built for s390 with
# Debian's cross compiler, CONFIG_WERROR=y: defconfig plus
# CONFIG_DRIVER_AUTH=y in build/out-s390, then only drivers/base/dd.o,
# bus.o, every driver_auth*.o and ccwgroup.o, whose bus the series gates;
# an object that the config does not build is skipped. (arm64 has a guest
# of its own: scripts/build.sh arm64.) Prints the resolved
# CONFIG_DRIVER_AUTH_BUILTIN_ALLOW, and "PASSED FAILED SKIPPED", one count
# per object. It builds build/linux as it is (the work tree, not HEAD).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

mkdir -p "$RESULTS"
cd "$TREE"
objs=(drivers/base/dd.o drivers/base/bus.o)
for f in drivers/base/driver_auth*.c; do
	[ -f "$f" ] && objs+=("${f%.c}.o")
done
pass=0 fail=0 skip=0

# unbuilt OUTDIR OBJECT: why OUTDIR's .config does not build OBJECT (its
# line in its directory's Makefile, continuation lines joined, names a
# CONFIG_ symbol that is not =y, or no line names it); empty when it does.
unbuilt() {
	local name line sym
	name=$(basename "$2")
	line=$(awk '{ while (/\\$/ && (getline n) > 0) { sub(/\\$/, ""); $0 = $0 " " n } print }' \
		"$(dirname "$2")/Makefile" | grep -E "^obj-.*[[:space:]]${name//./\\.}([[:space:]]|\$)" | head -n1 || true)
	case $line in
	obj-y*) ;;
	obj-\$\(CONFIG_*)
		sym=${line#obj-\$(}
		sym=${sym%%)*}
		grep -qx "$sym=y" "$1/.config" || echo "$sym is not =y" ;;
	*) echo "no obj- line of $(dirname "$2")/Makefile names it" ;;
	esac
}

# cross ARCH CROSS_COMPILE OPTION... -- OBJECT...: configure build/out-ARCH
# (defconfig, then the options, which must all end up =y) and build the objects.
cross() {
	local arch=$1 out=$BUILD/out-$1 log=$RESULTS/cross-$1.log opts=() todo o why bad=0
	local -x RIG_ARCH=$1 RIG_CROSS_COMPILE=$2
	shift 2
	while [ "$1" != -- ]; do opts+=("$1"); shift; done
	shift
	if ! command -v "${RIG_CROSS_COMPILE}gcc" >/dev/null; then
		echo "$arch: no ${RIG_CROSS_COMPILE}gcc; run scripts/deps.sh" >&2
		skip=$((skip + $#))
		return
	fi
	kmake "$out" -s defconfig >/dev/null
	for o in "${opts[@]}"; do
		scripts/config --file "$out/.config" -e "$o"
	done
	kmake "$out" -s olddefconfig >/dev/null
	for o in "${opts[@]}"; do
		grep -qx "CONFIG_$o=y" "$out/.config" ||
			die "$arch: CONFIG_$o is not =y in $out/.config (a dependency missing?)"
	done
	echo "$arch: $(grep '^CONFIG_DRIVER_AUTH_BUILTIN_ALLOW=' "$out/.config")"
	todo=()
	for o; do
		why=$(unbuilt "$out" "$o")
		if [ -n "$why" ]; then
			echo "$arch: $o skipped, not in this config: $why" >&2
			skip=$((skip + 1))
		else
			todo+=("$o")
		fi
	done
	(cd "$out" && rm -f "${todo[@]}")
	say "building ${todo[*]} for $arch"
	kmake "$out" -k "${todo[@]}" >"$log" 2>&1 || true
	for o in "${todo[@]}"; do
		if [ -f "$out/$o" ]; then
			pass=$((pass + 1))
		else
			echo "$arch: $o does not build" >&2
			bad=$((bad + 1))
		fi
	done
	fail=$((fail + bad))
	if [ "$bad" -gt 0 ]; then
		grep -E "(error|warning):" "$log" | head -n 30 >&2 || true
		echo "$arch: the whole log is build/results/cross-$arch.log" >&2
	fi
}

cross s390 s390x-linux-gnu- DRIVER_AUTH WERROR CCWGROUP -- "${objs[@]}" drivers/s390/cio/ccwgroup.o
echo "$pass $fail $skip"
