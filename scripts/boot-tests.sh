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
