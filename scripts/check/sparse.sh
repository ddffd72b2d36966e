#!/bin/bash
# check/sparse.sh: sparse (C=2) and W=1 on the C files the series touches,
# kernel-doc on the files it adds, in the guest build. Any warning fails.
# Prints "PASSED FAILED SKIPPED", one count per file.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

out=$BUILD/out-guest
"$ROOT/scripts/fetch-sparse.sh"
cd "$TREE"
pass=0 fail=0
for f in $(git diff --name-only --diff-filter=AM base..HEAD -- '*.c' | grep -v '^tools/'); do
	obj=${f%.c}.o
	[ -f "$out/$obj" ] || continue	# not in this config
	rm -f "$out/$obj"
	# -j1, as in check/bisect.sh: with -j2 kbuild may build a single
	# target twice at once (seen again with serio.o: objtool read it
	# half written).
	msg=$(kmake "$out" -j1 C=2 CHECK="$SPARSE" W=1 "$obj" 2>&1 | grep -E "warning:|error:" || true)
	if git diff --quiet --diff-filter=A base..HEAD -- "$f"; then
		:	# modified file: no kernel-doc requirement beyond W=1
	else
		msg+=$(scripts/kernel-doc -none -Wall "$f" 2>&1 || true)
	fi
	if [ -n "$msg" ]; then
		echo "$f:" >&2
		echo "$msg" >&2
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
for f in $(git diff --name-only --diff-filter=A base..HEAD -- '*.h'); do
	msg=$(scripts/kernel-doc -none -Wall "$f" 2>&1 || true)
	if [ -n "$msg" ]; then
		echo "$f: $msg" >&2
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "$pass $fail 0"
