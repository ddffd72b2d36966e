#!/bin/bash
# Download the pinned base package into the cache, through a private apt
# configuration under build/ (the system's apt sources are not touched).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ -n "$(base_deb)" ] && exit 0

apt_private "$BUILD/apt" \
	"deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $BASE_MIRROR $BASE_SUITE main"
mkdir -p "$CACHE"
say "fetching $BASE_PKG $BASE_VERSION from $BASE_SUITE"
apt-get "${APT_OPTS[@]}" -qq update || die "apt-get update of $BASE_SUITE failed; check the network"
cd "$CACHE"
if ! apt-get "${APT_OPTS[@]}" -qq download "$BASE_PKG=$BASE_VERSION"; then
	echo "warning: $BASE_PKG $BASE_VERSION is gone; using the newest $BASE_PKG" >&2
	apt-get "${APT_OPTS[@]}" -qq download "$BASE_PKG" || die "no $BASE_PKG in $BASE_SUITE"
fi
