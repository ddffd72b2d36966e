#!/bin/bash
# check/shell.sh: shellcheck the harness and the series' shell scripts.
# Prints "PASSED FAILED SKIPPED", one count per script.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

pass=0 fail=0
# check DIR FILE: shellcheck FILE from DIR, where its source= paths start
check() {
	if (cd "$1" && shellcheck -x "$2") >&2; then
		pass=$((pass + 1))
	else
		fail=$((fail + 1))
	fi
}

cd "$ROOT"
for f in scripts/*.sh scripts/*/*.sh .ci/run guest/init guest/*.sh bench/*.sh; do
	check "$ROOT" "$f"
done
if has_series; then
	while read -r f; do
		check "$TREE/$(dirname "$f")" "$(basename "$f")"
	done < <(git -C "$TREE" diff --name-only --diff-filter=AM base..HEAD -- '*.sh')
fi
echo "$pass $fail 0"
