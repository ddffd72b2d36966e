#!/bin/bash
# check/lines.sh: every entry of the allow lines the admin guide gives per
# platform, and of the built-in lists of drivers/base/Kconfig, names a driver
# that the tree registers on that bus: some source file defines a driver of
# the bus's type and names it, by a string ('-' and '_' alike, as in an
# entry) or by KBUILD_MODNAME when the file is built as a module of that
# name. Prints "PASSED FAILED SKIPPED", one count per entry.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

cd "$TREE"
guide=Documentation/admin-guide/driver-auth.rst
[ -f "$guide" ] || die "no $guide: is the series applied?"

# The lines: ``...`` spans of the guide's Platforms section that hold a
# colon, and the Kconfig defaults of the built-in list.
lines() {
	# shellcheck disable=SC2016 # backquotes, not an expansion
	awk '/^Platforms$/,/^At runtime$/' "$guide" | grep -o '``[^`]*:[^`]*``' | tr -d '`'
	sed -n 's/^\tdefault "\(.*\)"\( if .*\)\?$/\1/p' drivers/base/Kconfig |
		grep ':' | grep -v '^y$' || true
}

# registers BUS: an extended regex for the line of a source file that
# defines (or registers) a driver of that bus.
registers() {
	local def='[[:space:]][^;(]*=[[:space:]]*(\{|$)'
	case $1 in
	amba | ap | ccw | css | pci | platform | pnp | scsi | vio | virtio)
		echo "struct[[:space:]]+${1}_driver$def" ;;
	pci_express) echo "struct[[:space:]]+pcie_port_service_driver$def" ;;
	vmbus) echo "struct[[:space:]]+hv_driver$def" ;;
	cpu) echo '\.bus[[:space:]]*=[[:space:]]*&cpu_subsys' ;;
	faux) echo '\.bus[[:space:]]*=[[:space:]]*&faux_bus_type' ;;
	serial-base) echo 'serial_base_driver_register\(' ;;
	*) return 1 ;;
	esac
}

# sources MODULE: the C files of the objects named MODULE that a Makefile
# builds (obj-... += MODULE.o), from MODULE-y/-objs when it is composite.
sources() {
	local mk dir objs
	git grep -lE "^obj-.*[[:space:]]$1\.o\b" -- '*Makefile' '*Kbuild' | while read -r mk; do
		dir=$(dirname "$mk")
		objs=$(sed -e ':a' -e '/\\$/N; s/\\\n//; ta' "$mk" |
			sed -nE "s/^$1-(y|objs|\\\$\\([A-Z0-9_]+\\))[[:space:]]*[:+]?=(.*)/\\2/p" |
			grep -oE '[A-Za-z0-9_/-]+\.o' || echo "$1.o")
		for o in $objs; do
			[ -f "$dir/${o%.o}.c" ] && echo "$dir/${o%.o}.c"
		done
	done
}

entries=$(lines | tr ',' '\n' | sort -u)
# Every file that holds one of the names as a string: "name file" lines,
# with '_' for '-'.
alts=$(cut -d: -f2 <<<"$entries" | grep -vx '[*]\?' | sed 's/[-_]/[-_]/g' | paste -sd'|')
strings=$(git grep -oE "\"($alts)\"" -- '*.c' '*.h' |
	awk -F: '{ gsub(/"/, "", $2); gsub(/-/, "_", $2); print $2, $1 }' | sort -u)

pass=0 fail=0
while IFS= read -r entry; do
	bus=${entry%%:*} drv=${entry#*:}
	if [ -z "$bus" ] || [ -z "$drv" ] || [ "$drv" = '*' ]; then
		continue
	fi
	if ! re=$(registers "$bus"); then
		echo "$entry: check/lines.sh knows no driver type for bus \"$bus\"" >&2
		fail=$((fail + 1))
		continue
	fi
	alike=${drv//[-_]/[-_]}
	found=$({
		awk -v n="${drv//-/_}" '$1 == n { print $2 }' <<<"$strings"
		for m in $(git grep -ohE "\b$alike\.o\b" -- '*Makefile' '*Kbuild' | sort -u); do
			sources "${m%.o}" | xargs -r grep -l KBUILD_MODNAME
		done
	} | sort -u | xargs -r grep -lE "$re" || true)
	if [ -n "$found" ]; then
		pass=$((pass + 1))
	else
		echo "$entry: no file registers a $bus driver named \"$drv\"" >&2
		fail=$((fail + 1))
	fi
done <<<"$entries"
[ $((pass + fail)) -gt 0 ] || die "no line found in $guide and drivers/base/Kconfig"
echo "$pass $fail 0"
