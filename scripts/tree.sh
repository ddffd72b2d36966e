#!/bin/bash
# (Re)create the kernel tree: build/linux is a git repo whose first commit,
# tagged "base", is the pristine base; patches/fix, patches/core and
# patches/buses are applied on top, in that order, with git am, on branch
# "series"; branches fix, core and buses mark where each part ends.
# Unexported commits are kept on a saved/* branch.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

# Fixed dates make the base and the applied commits reproducible.
export GIT_AUTHOR_DATE="2026-01-01T00:00:00Z" GIT_COMMITTER_DATE="2026-01-01T00:00:00Z"

if ! git -C "$TREE" rev-parse -q --verify base >/dev/null 2>&1; then
	deb=$(base_deb)
	[ -n "$deb" ] || die "no base package in $CACHE; run scripts/fetch-base.sh"
	say "unpacking $(basename "$deb")"
	rm -rf "$TREE" "$BUILD/unpack"
	mkdir -p "$BUILD/unpack"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$BUILD/unpack" --wildcards '*.tar.xz'
	tarball=$(find "$BUILD/unpack" -name "${BASE_PKG}.tar.xz" | head -n1)
	mkdir -p "$TREE"
	tar -xJf "$tarball" -C "$TREE" --strip-components=1
	rm -rf "$BUILD/unpack"
	say "committing the base tree"
	git -C "$TREE" init -q -b base-tree
	git -C "$TREE" config gc.auto 0
	# Debian's top-level .gitignore ignores everything: add by force.
	git -C "$TREE" add -f -A .
	git -C "$TREE" commit -q -m "base: $BASE_PKG $BASE_VERSION"
	git -C "$TREE" tag base
fi

cd "$TREE"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted changes; commit them (or git stash) and run again"
[ ! -d .git/rebase-apply ] || die "a git am is in progress in build/linux; finish or abort it"

old=$(git rev-parse HEAD)
git checkout -q -B series base
# The fix, then the core series, then the bus series; each gets a branch
# at its last patch, which make export reads back.
shopt -s nullglob
for part in "${PARTS[@]}"; do
	for p in "$PATCHES/$part"/[0-9][0-9][0-9][0-9]-*.patch; do
		case $p in */0000-cover-letter.patch) continue ;; esac
		git am -q --committer-date-is-author-date "$p" || {
			git am --abort
			die "$part/$(basename "$p") does not apply; fix it in build/linux and export again"
		}
	done
	git branch -f "$part" HEAD
done
if [ "$(git rev-parse "$old^{tree}")" != "$(git rev-parse "HEAD^{tree}")" ] &&
   ! git merge-base --is-ancestor "$old" HEAD; then
	saved=saved/$(date +%Y%m%d-%H%M%S)
	git branch "$saved" "$old"
	say "the previous HEAD differs from patches/; kept as branch $saved"
fi
say "tree at $(git describe --tags --always) with $(git rev-list --count base..HEAD) patch(es)"
