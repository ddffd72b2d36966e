#!/bin/bash
# export.sh: write patches/fix, patches/core and patches/buses from branches
# fix and core and HEAD of build/linux (base..fix, fix..core, core..HEAD),
# with the cover letters of covers/core.txt and covers/buses.txt (first line:
# subject). Every part names the base as base-commit, and the parts below it
# as prerequisite-patch-id. Running it twice without changes gives the same
# files.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

cd "$TREE"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted changes; commit them first"
for b in fix core; do
	git merge-base --is-ancestor "$b" HEAD ||
		die "branch $b is not below HEAD; rebase with 'git rebase -i --update-refs base'"
done
git branch -f buses HEAD
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
# The cover letters are from the author of the series: format-patch signs
# them with the committer's name.
GIT_COMMITTER_NAME=$(git log -1 --format=%an HEAD)
GIT_COMMITTER_EMAIL=$(git log -1 --format=%ae HEAD)
export GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL

prev=base
for part in "${PARTS[@]}"; do
	out=$tmp/$part
	mkdir -p "$out"
	n=$(git rev-list --count "$prev..$part")
	if [ "$n" -gt 0 ]; then
		args=(--subject-prefix=PATCH)
		if [ -f "$COVERS/$part.txt" ]; then
			args=(--subject-prefix="RFC PATCH" --cover-letter)
		fi
		git format-patch -q --zero-commit --no-signature --base=base "${args[@]}" \
			-o "$out" "$prev..$part"
	fi
	if [ -f "$out/0000-cover-letter.patch" ]; then
		blurb=$COVERS/$part.txt
		date=$(git log -1 --format='%aD' "$part")
		awk -v subject="$(head -n1 "$blurb")" -v date="$date" -v blurb="$blurb" '
			/^Date: / && !dated { print "Date: " date; dated = 1; next }
			{ sub(/\*\*\* SUBJECT HERE \*\*\*/, subject) }
			/^\*\*\* BLURB HERE \*\*\*$/ {
				getline line < blurb	# the subject line
				while ((getline line < blurb) > 0)
					print line
				next
			}
			{ print }' "$out/0000-cover-letter.patch" >"$tmp/cover"
		mv "$tmp/cover" "$out/0000-cover-letter.patch"
	fi
	# netdev takes phylib patches for net-next, and says so in the subject.
	for p in "$out"/[0-9][0-9][0-9][0-9]-*.patch; do
		[ -e "$p" ] || continue
		grep -q '^diff --git a/drivers/net/phy/' "$p" &&
			sed -i '1,/^Subject: /s/^Subject: \[RFC PATCH /Subject: [RFC PATCH net-next /' "$p"
	done
	prev=$part
done
rm -rf "$PATCHES"
mkdir -p "$PATCHES"
for part in "${PARTS[@]}"; do
	cp -r "$tmp/$part" "$PATCHES/$part"
done
say "exported $(git rev-list --count base..HEAD) patch(es) to patches/{$(IFS=,; echo "${PARTS[*]}")}"
