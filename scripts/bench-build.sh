#!/bin/bash
# bench-build.sh: build the kernels make bench compares, from the same
# guest config: the unpatched base (bench-base), the series switched off
# (bench-off), the series on (guest), the series on without KUnit, for its
# size (bench-size), and the series on with a 10,000-entry allowlist built
# in (bench-allow10k: the command line holds 2048 bytes).
# The base is built by checking out the base commit in build/linux, so
# that ccache serves the shared files.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

head=$(bench_tree)
cd "$TREE"

"$ROOT/scripts/build.sh" guest "$CONFIGS/guest.config"
# The built-in list plus 9,994 entries that match no driver: 10,000.
frag=$BUILD/bench/allow10k.config
mkdir -p "$BUILD/bench"
{
	printf 'CONFIG_DRIVER_AUTH_BUILTIN_ALLOW="%s' \
		"pci:virtio-pci,virtio:virtio_console,virtio:virtio_blk,virtio:virtio_net,virtio:virtio_rng,virtio:vmw_vsock_virtio_transport"
	for ((i = 1; i <= 9994; i++)); do printf ',bench%d:drv%d' "$i" "$i"; done
	echo '"'
} >"$frag"
"$ROOT/scripts/build.sh" bench-allow10k "$CONFIGS/guest.config" "$frag"
"$ROOT/scripts/config.sh" "$BUILD/out-bench-size" "$CONFIGS/guest.config" \
	"$CONFIGS/bench-size.config"
kmake "$BUILD/out-bench-size" -s vmlinux
RIG_SERIES_CONFIG=0 "$ROOT/scripts/build.sh" bench-off "$CONFIGS/guest.config" \
	"$CONFIGS/bench-off.config"
git checkout -q --detach base
trap 'git -C "$TREE" checkout -q "$head"' EXIT
"$ROOT/scripts/build.sh" bench-base "$CONFIGS/guest.config"
for k in guest bench-allow10k bench-off bench-base; do
	"$ROOT/scripts/initramfs.sh" "$k" >/dev/null
done
