#!/bin/bash
# export.sh: write patches/ from base..HEAD of build/linux, with the cover
# letter text of cover-letter.txt (first line: subject). Running it twice
# without changes gives the same files.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

cd "$TREE"
[ -z "$(git status --porcelain --untracked-files=no)" ] ||
	die "build/linux has uncommitted changes; commit them first"
n=$(git rev-list --count base..HEAD)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
if [ "$n" -gt 0 ]; then
	# The cover letter is from the author of the series: format-patch
	# signs it with the committer's name.
	GIT_COMMITTER_NAME=$(git log -1 --format=%an HEAD)
	GIT_COMMITTER_EMAIL=$(git log -1 --format=%ae HEAD)
	export GIT_COMMITTER_NAME GIT_COMMITTER_EMAIL
	git format-patch -q --zero-commit --no-signature --base=base --cover-letter \
		--subject-prefix=PATCH -o "$tmp" base..HEAD
	subject=$(head -n1 "$ROOT/cover-letter.txt")
	date=$(git log -1 --format='%aD' HEAD)
	awk -v subject="$subject" -v date="$date" -v blurb="$ROOT/cover-letter.txt" '
		/^Date: / && !dated { print "Date: " date; dated = 1; next }
		{ sub(/\*\*\* SUBJECT HERE \*\*\*/, subject) }
		/^\*\*\* BLURB HERE \*\*\*$/ {
			getline line < blurb	# the subject line
			while ((getline line < blurb) > 0)
				print line
			next
		}
		{ print }' "$tmp/0000-cover-letter.patch" >"$tmp/cover"
	mv "$tmp/cover" "$tmp/0000-cover-letter.patch"
fi
mkdir -p "$PATCHES"
rm -f "$PATCHES"/*.patch
if [ "$n" -gt 0 ]; then
	cp "$tmp"/*.patch "$PATCHES"/
fi
say "exported $n patch(es) to patches/"
