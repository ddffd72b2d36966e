#!/bin/bash
# check-shell.sh: shellcheck the harness and the series' shell scripts.
# Prints "PASSED FAILED SKIPPED", one count per script.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

cd "$ROOT"
files=(scripts/*.sh .ci/run guest/init)
if has_series; then
	mapfile -t -O "${#files[@]}" files < <(cd "$TREE" &&
		git diff --name-only --diff-filter=AM base..HEAD -- '*.sh' | sed "s|^|$TREE/|")
fi
pass=0 fail=0
for f in "${files[@]}"; do
	if (cd "$(dirname "$f")" && shellcheck -x "$(basename "$f")") >&2; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
done
echo "$pass $fail 0"
