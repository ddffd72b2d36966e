#!/bin/bash
# bench-build-cc.sh: build the realistic (cc) kernels make bench compares,
# all from the cc config (x86_64_defconfig kvm_guest.config with
# configs/cc-guest.config): the series with no policy (cc, as make test
# builds it), the series with a 10,000-entry allowlist built in
# (bench-cc-allow10k: the x86 default list of drivers/base/Kconfig plus
# entries that match no driver) and the unpatched base (bench-cc-base,
# built with the base commit checked out in build/linux, as bench-build.sh
# does). The base has none of the series' options: its config must differ
# from cc's by those alone.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

head=$(bench_tree)
cd "$TREE"
export RIG_BASE_CONFIG="x86_64_defconfig kvm_guest.config" RIG_SERIES_CONFIG=0

"$ROOT/scripts/build-cc.sh"
list=$(sed -n 's/^\tdefault "\(.*\)" if X86$/\1/p' drivers/base/Kconfig)
[ -n "$list" ] || die "no x86 default list in drivers/base/Kconfig"
n=$(tr , '\n' <<<"$list" | wc -l)
frag=$BUILD/bench/cc-allow10k.config
mkdir -p "$BUILD/bench"
{
	printf 'CONFIG_DRIVER_AUTH_BUILTIN_ALLOW="%s' "$list"
	for ((i = 1; i <= 10000 - n; i++)); do printf ',bench%d:drv%d' "$i" "$i"; done
	echo '"'
} >"$frag"
"$ROOT/scripts/build.sh" bench-cc-allow10k "$CONFIGS/cc-guest.config" "$frag"
# The patched initramfs before the checkout: they carry the kselftests.
for k in cc bench-cc-allow10k; do
	"$ROOT/scripts/initramfs.sh" "$k" >/dev/null
done

git checkout -q --detach base
trap 'git -C "$TREE" checkout -q "$head"' EXIT
RIG_CONFIG_CHECK=0 "$ROOT/scripts/build.sh" bench-cc-base "$CONFIGS/cc-guest.config"
"$ROOT/scripts/initramfs.sh" bench-cc-base >/dev/null
diff <(grep -v DRIVER_AUTH "$BUILD/out-cc/.config") \
	<(grep -v DRIVER_AUTH "$BUILD/out-bench-cc-base/.config") >"$BUILD/bench/cc-config.diff" ||
	die "the base's cc config differs from the series' by more than its options; see $BUILD/bench/cc-config.diff"
say "bench-cc: cc, bench-cc-allow10k ($n built-in entries + $((10000 - n))), bench-cc-base"
