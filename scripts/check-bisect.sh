#!/bin/bash
# check-bisect.sh: build every patch of the series in order (incremental,
# in build/out-bisect) and boot each build once. Prints "PASSED FAILED SKIPPED".
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

cd "$TREE"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted changes; commit them first"
head=$(git symbolic-ref -q --short HEAD || git rev-parse HEAD)
trap 'git -C "$TREE" checkout -q "$head"' EXIT

pass=0 fail=0
for c in $(git rev-list --reverse base..HEAD); do
	git checkout -q --detach "$c"
	subject=$(git log -1 --format=%s "$c")
	if RIG_CONFIG_CHECK=0 "$ROOT/scripts/build.sh" bisect "$CONFIGS/guest.config" \
		"$CONFIGS/series.config" >"$RESULTS/bisect-build.log" 2>&1 &&
	   "$ROOT/scripts/initramfs.sh" bisect >/dev/null 2>&1 &&
	   "$ROOT/scripts/vm.sh" bisect "$RESULTS/bisect-boot.log" rig.mode=boot; then
		pass=$((pass + 1))
	else
		echo "does not build or boot: $subject (see build/results/bisect-*.log)" >&2
		fail=$((fail + 1))
		break
	fi
done
echo "$pass $fail 0"
