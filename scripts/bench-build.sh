#!/bin/bash
# bench-build.sh: build the three kernels make bench compares, from the same
# guest config: the unpatched base (bench-base), the series switched off
# (bench-off) and the series on (guest). The base is built by checking out
# the base commit in build/linux, so that ccache serves the shared files.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

has_series || die "the series is empty: nothing to compare"
cd "$TREE"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted changes; commit them first"
head=$(git symbolic-ref -q --short HEAD || git rev-parse HEAD)

"$ROOT/scripts/build.sh" guest "$CONFIGS/guest.config"
RIG_SERIES_CONFIG=0 "$ROOT/scripts/build.sh" bench-off "$CONFIGS/guest.config" \
	"$CONFIGS/bench-off.config"
git checkout -q --detach base
trap 'git -C "$TREE" checkout -q "$head"' EXIT
"$ROOT/scripts/build.sh" bench-base "$CONFIGS/guest.config"
for k in guest bench-off bench-base; do
	"$ROOT/scripts/initramfs.sh" "$k" >/dev/null
done
