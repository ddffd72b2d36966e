#!/bin/bash
# check/bisect.sh: every patch of the series, in order, must compile: the C
# files each patch adds or changes are built as objects (make <path>.o),
# with CONFIG_WERROR=y and W=1 on those objects only, incrementally in
# build/out-bisect (guest.config, series.config and bisect.config over
# tinyconfig). Nothing is linked or booted here: the series' head is linked
# by the build-guest step and booted by boot-guest (and build-cc, boot-cc)
# in scripts/test.sh. That head build (build/out-guest, same options but
# CONFIG_WERROR) also tells which objects are in the config: kbuild would
# compile any .c asked for by name. The patches are checked out in a git
# worktree of build/linux, build/bisect-linux, so that the checks that read
# build/linux's work tree can run meanwhile. Prints "PASSED FAILED
# SKIPPED", one count per patch; a patch with no C file in the config is
# skipped.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

out=$BUILD/out-bisect
head_out=$BUILD/out-guest
log=$RESULTS/bisect-build.log
mkdir -p "$RESULTS"
[ -f "$head_out/vmlinux" ] || die "no $head_out/vmlinux: build the series' head first (make build)"
cd "$TREE"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	die "$TREE has uncommitted changes; commit them first"
head=$(git rev-parse HEAD)
# The worktree is kept from run to run (its paths are in ccache's keys);
# one left from an earlier build/linux is made again, and checkouts are
# forced: nothing but the commits is compiled.
wt=$BUILD/bisect-linux
git worktree prune
if ! git -C "$wt" rev-parse -q --verify "$head^{commit}" >/dev/null 2>&1; then
	rm -rf "$wt"
	git worktree add -q --detach "$wt" "$head"
fi
export RIG_TREE=$wt
TREE=$wt
cd "$TREE"

pass=0 fail=0 skip=0 configured=
: >"$log"
for c in $(git rev-list --reverse "base..$head"); do
	subject=$(git log -1 --format=%s "$c")
	objs=()
	# kbuild's command file of an object says the head's config builds
	# it (sparse, which may run meanwhile, deletes and rebuilds objects).
	for f in $(git diff --name-only --diff-filter=AM "$c^" "$c" -- '*.c' | grep -v '^tools/' || true); do
		o=${f%.c}.o
		[ ! -f "$head_out/$(dirname "$o")/.$(basename "$o").cmd" ] || objs+=("$o")	# else not in this config
	done
	if [ ${#objs[@]} -eq 0 ]; then
		skip=$((skip + 1))
		continue
	fi
	git checkout -q -f --detach "$c"
	# The config again only where Kconfig changed since the last one
	# configured. Early patches lack the later patches' options: no
	# config check, but warnings must be errors.
	if [ -z "$configured" ] || ! git diff --quiet "$configured" "$c" -- '*Kconfig*'; then
		if ! RIG_CONFIG_CHECK=0 "$ROOT/scripts/config.sh" "$out" "$CONFIGS/guest.config" \
			"$CONFIGS/bisect.config" >>"$log" 2>&1 || ! grep -qx CONFIG_WERROR=y "$out/.config"; then
			die "configuring $out for '$subject' failed; see $log"
		fi
		configured=$c
	fi
	(cd "$out" && rm -f "${objs[@]}")
	# One make for the patch's objects; -j1: with -j2 kbuild may compile
	# a single target twice at once (seen with serio.o: fixdep lost its
	# .d file).
	echo "== $subject: ${objs[*]}" >>"$log"
	if ! kmake "$out" -j1 W=1 "${objs[@]}" >>"$log" 2>&1; then
		echo "does not compile (W=1, -Werror): $subject: ${objs[*]} (see build/results/bisect-build.log)" >&2
		fail=$((fail + 1))
		break
	fi
	pass=$((pass + 1))
done
echo "$pass $fail $skip"
