#!/bin/bash
# fetch-busybox.sh: Debian's static busybox for arm64, the arm64 guest's
# userland, into the cache as busybox-arm64-VERSION (private apt
# configuration under build/); prints its path.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

bin=$CACHE/busybox-arm64-${BUSYBOX_ARM64_VERSION//:/_}
if [ -x "$bin" ]; then
	echo "$bin"
	exit 0
fi
mirror=$(debian_mirror)
apt_private "$BUILD/apt-arm64" \
	"deb [arch=arm64 signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $BUSYBOX_ARM64_SUITE main"
APT_OPTS+=(-o APT::Architectures::=arm64)
say "fetching busybox-static $BUSYBOX_ARM64_VERSION for arm64 from $BUSYBOX_ARM64_SUITE ($mirror)"
apt-get "${APT_OPTS[@]}" -qq update ||
	die "apt-get update of $BUSYBOX_ARM64_SUITE from $mirror failed; check the network, or set RIG_DEBIAN_MIRROR"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$tmp"
if ! apt-get "${APT_OPTS[@]}" -qq download "busybox-static:arm64=$BUSYBOX_ARM64_VERSION"; then
	echo "warning: busybox-static $BUSYBOX_ARM64_VERSION is gone; using the newest" >&2
	apt-get "${APT_OPTS[@]}" -qq download busybox-static:arm64 ||
		die "no busybox-static for arm64 in $BUSYBOX_ARM64_SUITE"
fi
dpkg-deb --fsys-tarfile busybox-static_*_arm64.deb | tar -xO ./usr/bin/busybox >busybox ||
	die "no usr/bin/busybox in the busybox-static package"
mkdir -p "$CACHE"
install -m 0755 busybox "$bin"
echo "$bin"
