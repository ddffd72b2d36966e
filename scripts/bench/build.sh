#!/bin/bash
# bench/build.sh guest|cc: build the kernels make bench compares, each set
# from one profile's config.
#   guest: the unpatched base (bench-base), the series switched off
#     (bench-off), the series on (guest), the series on without KUnit, for
#     its size (bench-size), and the series on with a 10,000-entry
#     allowlist built in (bench-allow10k: the command line holds 2048 bytes).
#   cc: the series with no policy (cc, as make test builds it), the series
#     with a 1,000- and a 10,000-entry allowlist built in
#     (bench-cc-allow1k, bench-cc-allow10k: the x86 default list of
#     drivers/base/Kconfig plus entries that match no driver) and the
#     unpatched base (bench-cc-base). The base has none of
#     the series' options: its config must differ from cc's by those alone.
# Each base is built by checking out the base commit in build/linux, so
# that ccache serves the shared files.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

set=$1
head=$(bench_tree)
cd "$TREE"
mkdir -p "$BUILD/bench"

case $set in
guest)
	"$ROOT/scripts/build.sh" guest
	# The guest's own built-in list (its console, virtio) and virtio_rng,
	# then entries that match no driver, to 10,000.
	list=$(sed -n 's/^CONFIG_DRIVER_AUTH_BUILTIN_ALLOW="\(.*\)"$/\1/p' "$CONFIGS/series.config")
	[ -n "$list" ] || die "no built-in list in configs/series.config"
	list+=,virtio:virtio_rng
	n=$(tr , '\n' <<<"$list" | wc -l)
	frag=$BUILD/bench/allow10k.config
	{
		printf 'CONFIG_DRIVER_AUTH_BUILTIN_ALLOW="%s' "$list"
		for ((i = 1; i <= 10000 - n; i++)); do printf ',bench%d:drv%d' "$i" "$i"; done
		echo '"'
	} >"$frag"
	"$ROOT/scripts/build.sh" bench-allow10k "$frag"
	"$ROOT/scripts/config.sh" "$BUILD/out-bench-size" "$CONFIGS/guest.config" \
		"$CONFIGS/bench-size.config"
	kmake "$BUILD/out-bench-size" -s vmlinux
	"$ROOT/scripts/build.sh" bench-off
	git checkout -q --detach base
	trap 'git -C "$TREE" checkout -q "$head"' EXIT
	"$ROOT/scripts/build.sh" bench-base
	for k in guest bench-allow10k bench-off bench-base; do
		"$ROOT/scripts/initramfs.sh" "$k" >/dev/null
	done
	;;
cc)
	"$ROOT/scripts/build.sh" cc
	list=$(sed -n 's/^\tdefault "\(.*\)" if X86$/\1/p' drivers/base/Kconfig)
	[ -n "$list" ] || die "no x86 default list in drivers/base/Kconfig"
	n=$(tr , '\n' <<<"$list" | wc -l)
	for size in 1000 10000; do
		k=bench-cc-allow$((size / 1000))k
		frag=$BUILD/bench/cc-allow$((size / 1000))k.config
		{
			printf 'CONFIG_DRIVER_AUTH_BUILTIN_ALLOW="%s' "$list"
			for ((i = 1; i <= size - n; i++)); do printf ',bench%d:drv%d' "$i" "$i"; done
			echo '"'
		} >"$frag"
		"$ROOT/scripts/build.sh" "$k" "$frag"
	done
	# The patched initramfs before the checkout: they carry the kselftests.
	for k in cc bench-cc-allow1k bench-cc-allow10k; do
		"$ROOT/scripts/initramfs.sh" "$k" >/dev/null
	done
	git checkout -q --detach base
	trap 'git -C "$TREE" checkout -q "$head"' EXIT
	RIG_CONFIG_CHECK=0 "$ROOT/scripts/build.sh" bench-cc-base
	"$ROOT/scripts/initramfs.sh" bench-cc-base >/dev/null
	diff <(grep -v DRIVER_AUTH "$BUILD/out-cc/.config") \
		<(grep -v DRIVER_AUTH "$BUILD/out-bench-cc-base/.config") >"$BUILD/bench/cc-config.diff" ||
		die "the base's cc config differs from the series' by more than its options; see $BUILD/bench/cc-config.diff"
	say "bench build cc: cc, bench-cc-allow1k and -allow10k ($n built-in entries + the rest), bench-cc-base"
	;;
*) die "usage: bench/build.sh guest|cc" ;;
esac
