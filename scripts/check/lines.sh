#!/bin/bash
# check/lines.sh: every name of the allow lines the admin guide gives per
# platform, and of the built-in lists of drivers/base/Kconfig, exists in
# the tree: the bus as a string, the driver as a string or a module (the
# name of an object its Makefile builds, for KBUILD_MODNAME), '-' and '_'
# alike, as in an entry. Prints "PASSED FAILED SKIPPED", one count per entry.
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

entries=$(lines | tr ',' '\n' | sort -u)
names=$(tr ':' '\n' <<<"$entries" | grep -vx '\*' | sort -u)
# The names found as string literals, and as modules a Makefile builds.
strings=$(awk '{ print "\"" $0 "\"" }' <<<"$names" |
	git grep -ohF -f - -- '*.c' '*.h' | sort -u | tr -d '"')
modules=$(git grep -ohE '[A-Za-z0-9_-]+\.o\b|^[A-Za-z0-9_-]+-(y|objs)\b' -- '*Makefile*' 'Kbuild' |
	sed 's/\.o$//; s/-y$//; s/-objs$//' | sort -u)
known=$(printf '%s\n%s\n' "$strings" "$modules" | tr - _)

pass=0 fail=0
while IFS= read -r entry; do
	bus=${entry%%:*} drv=${entry#*:}
	if [ -z "$bus" ] || [ -z "$drv" ]; then
		continue
	fi
	if ! grep -qxF -- "$bus" <<<"$strings"; then
		echo "$entry: no bus \"$bus\" in the tree" >&2
		fail=$((fail + 1))
	elif [ "$drv" != '*' ] && ! grep -qxF -- "${drv//-/_}" <<<"$known"; then
		echo "$entry: no driver \"$drv\" in the tree" >&2
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done <<<"$entries"
[ $((pass + fail)) -gt 0 ] || die "no line found in $guide and drivers/base/Kconfig"
echo "$pass $fail 0"
