#!/bin/bash
# run-cc.sh [SCENARIO...]: build the realistic (cc) guest and boot it once
# per scenario of guest/cc-scenarios (default: builtin, default deny with
# the built-in list only); print each boot's checks and what bound.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

"$ROOT/scripts/deps.sh"
"$ROOT/scripts/fetch-base.sh"
[ -d "$TREE/.git" ] || "$ROOT/scripts/tree.sh"
"$ROOT/scripts/build-cc.sh"
"$ROOT/scripts/initramfs.sh" cc
[ $# -gt 0 ] || set -- builtin
rc=0
"$ROOT/scripts/boot-cc.sh" "$@" >/dev/null || rc=$?
for scen in "$@"; do
	echo "== $scen"
	tr -d '\r' <"$RESULTS/cc-$scen.log" | grep -E '^(not )?ok [0-9]+ ' || echo "(no results; see $RESULTS/cc-$scen.log)"
	echo "bound: $(grep '^RIG-BIND ' "$RESULTS/cc-$scen-bindings.txt" | cut -d' ' -f2 | sort | uniq -c |
		awk '{printf "%s%s(%s)", sep, $2, $1; sep=", "}')"
	echo "denied: $(grep '^RIG-DENIED ' "$RESULTS/cc-$scen-bindings.txt" | cut -d' ' -f2 | tr '\n' ' ')"
done
exit "$rc"
