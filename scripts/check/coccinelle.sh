#!/bin/bash
# check/coccinelle.sh: the kernel's semantic patches (scripts/coccinelle,
# each that has a report mode, with the options coccicheck gives it) over
# the kernel C files the series adds or changes, as committed (HEAD: the
# work tree may hold someone's edits). Only reports on lines the series
# adds count. A file also fails when spatch could not parse the code around
# one of its added lines (no report there would prove nothing) or when a
# semantic patch does not run. Prints the reports kept, then
# "PASSED FAILED SKIPPED", one count per file.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

command -v spatch >/dev/null || die "no spatch; run scripts/deps.sh (package coccinelle)"
cd "$TREE"
# tools/ is user space: the kernel's semantic patches are about kernel APIs.
mapfile -t files < <(git diff --name-only --diff-filter=AM base..HEAD -- '*.c' | grep -v '^tools/' || true)
[ ${#files[@]} -gt 0 ] || { echo "0 0 0"; exit 0; }
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
# spatch 1.1 takes the name in a cleanup attribute, __free(kfree), for a
# type and then cannot parse the rest of the file: the copies drop the
# attribute, which keeps every line where it was.
for f in "${files[@]}"; do
	mkdir -p "$work/src/$(dirname "$f")"
	git show "HEAD:$f" | sed -E 's/ __free\([a-z_]+\)//g' >"$work/src/$f"
done
# The lines the series adds, one "FILE:LINE" a line.
git diff -U0 base..HEAD -- "${files[@]}" | awk '
	/^\+\+\+ / { f = substr($2, 3) }
	/^@@ / { split(substr($3, 2), a, ","); n = a[2] == "" ? 1 : a[2]
		 for (i = 0; i < n; i++) print f ":" a[1] + i }' >"$work/added"
# Kernel macros that spatch 1.1 (Debian 12) does not know.
cat >"$work/macros.h" <<'EOF'
#define scoped_guard(_name, args...) YACFE_ITERATOR
#define scoped_cond_guard(_name, _fail, args...) YACFE_ITERATOR
#define VISIBLE_IF_KUNIT static
EOF
declare -A why=()

# 1. Parse each file. For each error spatch gives the line it stopped at,
# where it resynchronised and how many lines it dropped: the region from
# the first to the last of these must hold no added line.
for f in "${files[@]}"; do
	out=$(spatch --macro-file "$work/macros.h" --parse-c "$work/src/$f" --parse-error-msg 2>&1) ||
		{ why[$f]+=" spatch --parse-c failed;"; continue; }
	while read -r lo hi; do
		if awk -F: -v f="$f" -v lo="$lo" -v hi="$hi" \
			'$1 == f && $2 >= lo && $2 <= hi { found = 1 } END { exit !found }' "$work/added"; then
			why[$f]+=" spatch cannot parse lines $lo-$hi, which the series changes;"
		else
			echo "note: $f: spatch cannot parse lines $lo-$hi (base code, not checked)" >&2
		fi
	done < <(awk '
		/^parsing pass/ { s = "" }
		/^ERROR-RECOV: found sync/ && match($0, /line [0-9]+/) { s = substr($0, RSTART + 5, RLENGTH - 5) + 0 }
		/^ = File / && match($0, /line [0-9]+/) { l = substr($0, RSTART + 5, RLENGTH - 5) + 0 }
		/^badcount: / { if (s == "") s = l
				print (l < s ? l : s) - $2, (l > s ? l : s); s = "" }' <<<"$out")
done

# 2. The semantic patches, each over all the files at once, as coccicheck runs them.
version=$(spatch --version | awk 'NR == 1 { print $3 }')
other=0
mapfile -t coccis < <(find scripts/coccinelle -name '*.cocci' | sort)
for cocci in "${coccis[@]}"; do
	grep -q 'virtual[[:space:]]\+report' "$cocci" || continue
	req=$(grep 'Requires:' "$cocci" | cut -d: -f2 | tr -d ' ' || true)
	if [ -n "$req" ] && ! printf '%s\n%s\n' "$req" "$version" | sort -CV; then
		echo "note: $cocci needs spatch $req (this is $version): not run" >&2
		continue
	fi
	read -r -a opt <<<"$(grep 'Options:' "$cocci" | cut -d: -f2 || true)"
	if ! spatch -D report --no-show-diff --very-quiet --macro-file "$work/macros.h" \
		--cocci-file "$cocci" "${opt[@]}" --dir "$work/src" \
		-I "$TREE/arch/x86/include" -I "$TREE/arch/x86/include/uapi" \
		-I "$TREE/include" -I "$TREE/include/uapi" \
		--jobs "$JOBS" --chunksize 1 >"$work/out" 2>"$work/err" ||
	   grep -qE 'Fatal error|parse error' "$work/err"; then
		cat "$work/err" >&2
		for f in "${files[@]}"; do why[$f]+=" $cocci did not run;"; done
		continue
	fi
	while IFS= read -r line; do
		rel=${line#"$work/src/"}
		if grep -qxF "$(cut -d: -f1,2 <<<"$rel")" "$work/added"; then
			echo "$rel [$cocci]"
			f=${rel%%:*}
			why[$f]+=" a report;"
		else
			other=$((other + 1))
		fi
	done < <(grep "^$work/src/" "$work/out" || true)
done
[ "$other" -eq 0 ] || echo "note: $other report(s) on lines the series does not add (not counted)" >&2

pass=0 fail=0
for f in "${files[@]}"; do
	if [ -n "${why[$f]:-}" ]; then
		echo "$f:${why[$f]}" >&2
		fail=$((fail + 1))
	else
		pass=$((pass + 1))
	fi
done
echo "$pass $fail 0"
