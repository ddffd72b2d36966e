#!/bin/bash
# run.sh [guest | cc [SCENARIO...]]: the demo (make run, make run-cc). guest (the default): build
# the patched small guest and boot it as a default-deny guest with an
# example allowlist; print the guest's report. cc: build the realistic
# guest and boot it once per scenario of guest/cc-scenarios named (default
# "builtin": default deny with the built-in list); print each boot's
# checks and which drivers bound and which were denied.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

name=${1:-guest}
[ $# -eq 0 ] || shift
profile "$name"
"$ROOT/scripts/deps.sh"
"$ROOT/scripts/fetch-base.sh"
[ -d "$TREE/.git" ] || "$ROOT/scripts/tree.sh"
"$ROOT/scripts/build.sh" "$name"
"$ROOT/scripts/initramfs.sh" "$name"
mkdir -p "$RESULTS"
if [ "$P_MACHINE" = pc ]; then
	log=$RESULTS/run.log
	"$ROOT/scripts/vm.sh" "$name" "$log" rig.mode=run kunit.enable=0 \
		driver_auth.default=deny "driver_auth.allow=platform:serial8250,serial-base:*"
	sed -n '/^RIG-BEGIN/,/^RIG-END/p' "$log" | grep -v '^RIG-'
	exit
fi
[ $# -gt 0 ] || set -- builtin
rc=0
RIG_SCENARIOS="$*" "$ROOT/scripts/boot-tests.sh" "$name" >/dev/null || rc=$?
for scen in "$@"; do
	echo "== $scen"
	tr -d '\r' <"$RESULTS/$name-$scen.log" | grep -E '^(not )?ok [0-9]+ ' ||
		echo "(no results; see $RESULTS/$name-$scen.log)"
	echo "bound: $(grep '^RIG-BIND ' "$RESULTS/$name-$scen-bindings.txt" | cut -d' ' -f2 | sort | uniq -c |
		awk '{printf "%s%s(%s)", sep, $2, $1; sep=", "}')"
	echo "denied: $(grep '^RIG-DENIED ' "$RESULTS/$name-$scen-bindings.txt" | cut -d' ' -f2 | tr '\n' ' ')"
done
exit "$rc"
