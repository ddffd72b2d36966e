#!/bin/bash
# check/patches.sh: checkpatch.pl --strict on every patch of the series.
# The one accepted report is FILE_PATH_CHANGES on a patch whose new files
# the series' MAINTAINERS entry covers. Prints "PASSED FAILED SKIPPED".
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

# checkpatch runs spdxcheck.py with the first python3 on PATH: use the
# system one, which has python3-ply.
export PATH=/usr/bin:$PATH
pass=0 fail=0
shopt -s nullglob
for p in "$PATCHES"/*/[0-9][0-9][0-9][0-9]-*.patch; do
	case $p in */0000-cover-letter.patch) continue ;; esac
	ignore=FILE_PATH_CHANGES
	case $p in "$PATCHES"/fix/*) ignore+=,UNKNOWN_COMMIT_ID ;; esac
	out=$(cd "$TREE" && scripts/checkpatch.pl --strict --terse --no-summary \
		--ignore "$ignore" "$p" 2>&1) || true
	# New files must fall under a MAINTAINERS entry of the series.
	while read -r f; do
		(cd "$TREE" && scripts/get_maintainer.pl --no-git --no-rolestats -f "$f" 2>/dev/null) |
			grep -qF 'driver-core@lists.linux.dev' ||
			out+=$'\n'"$f: new file not covered by the driver core's MAINTAINERS entry"
	done < <(grep -oP '^ create mode \d+ \K.*' "$p")
	if [ -n "$out" ]; then
		echo "${p#"$PATCHES"/}:" >&2
		echo "$out" >&2
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "$pass $fail 0"
