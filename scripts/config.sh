#!/bin/bash
# config.sh OUTDIR FRAGMENT...: a base config plus the fragments, then check
# that every option the fragments ask for made it into the final .config.
# RIG_BASE_CONFIG names the base as make targets (default tinyconfig; the cc
# guest uses "x86_64_defconfig kvm_guest.config"); only the fragments given
# here are checked, not the base.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

out=$(realpath -m "$1")
shift
frags=("$@")
# Options of the series only when the series is applied, first: the
# fragments given may override them (the debug kernel builds the KUnit
# test as a module).
if has_series && [ -f "$CONFIGS/series.config" ] && [ "${RIG_SERIES_CONFIG:-1}" = 1 ]; then
	frags=("$CONFIGS/series.config" "${frags[@]}")
fi
read -r -a base <<<"${RIG_BASE_CONFIG:-tinyconfig}"
kmake "$out" -s "${base[@]}" >/dev/null
KCONFIG_CONFIG="$out/.config" "$TREE/scripts/kconfig/merge_config.sh" -m -O "$out" \
	"$out/.config" "${frags[@]}" >"$out/merge.log"
kmake "$out" -s olddefconfig >/dev/null

# Bisect builds of early patches lack later options: no check for them.
[ "${RIG_CONFIG_CHECK:-1}" = 1 ] || exit 0
bad=()
# The last fragment to set an option wins, as in merge_config.sh.
declare -A want=()
while IFS= read -r line; do
	case $line in CONFIG_*) want[${line%%=*}]=$line ;; esac
done < <(cat "${frags[@]}")
for opt in "${!want[@]}"; do
	line=${want[$opt]}
	# The line goes to grep on stdin: a built-in list can outgrow argv.
	case $line in
	CONFIG_*=n) grep -q "^$opt=" "$out/.config" && bad+=("$opt") ;;
	*) grep -qxF -f - "$out/.config" <<<"$line" || bad+=("$opt") ;;
	esac
done
[ ${#bad[@]} -eq 0 ] || die "not in $out/.config (missing dependency?): ${bad[*]}"
say "config $(basename "$out"): ${#frags[@]} fragment(s) applied"
