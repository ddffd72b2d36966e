#!/bin/bash
# Download the pinned base package into the cache, through a private apt
# configuration under build/ (the system's apt sources are not touched).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ -n "$(base_deb)" ] && exit 0

mirror=$(debian_mirror)
apt_private "$BUILD/apt" \
	"deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $BASE_SUITE main"
mkdir -p "$CACHE"
say "fetching $BASE_PKG $BASE_VERSION from $BASE_SUITE ($mirror)"
apt-get "${APT_OPTS[@]}" -qq update ||
	die "apt-get update of $BASE_SUITE from $mirror failed; check the network, or set RIG_DEBIAN_MIRROR to a mirror that has $BASE_SUITE"
cd "$CACHE"
if ! apt-get "${APT_OPTS[@]}" -qq download "$BASE_PKG=$BASE_VERSION"; then
	echo "warning: $BASE_PKG $BASE_VERSION is gone; using the newest $BASE_PKG" >&2
	apt-get "${APT_OPTS[@]}" -qq download "$BASE_PKG" || die "no $BASE_PKG in $BASE_SUITE"
fi
