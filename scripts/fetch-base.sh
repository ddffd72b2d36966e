#!/bin/bash
# Download the pinned base package into the cache, through a private apt
# configuration under build/ (the system's apt sources are not touched).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ -n "$(base_deb)" ] && exit 0

apt=$BUILD/apt
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$CACHE"
echo "deb [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $BASE_MIRROR $BASE_SUITE main" \
	>"$apt/sources.list"
opts=(-o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache"
      -o Dir::State::status=/dev/null -o APT::Sandbox::User=root)
say "fetching $BASE_PKG $BASE_VERSION from $BASE_SUITE"
apt-get "${opts[@]}" -qq update || die "apt-get update of $BASE_SUITE failed; check the network"
cd "$CACHE"
if ! apt-get "${opts[@]}" -qq download "$BASE_PKG=$BASE_VERSION"; then
	echo "warning: $BASE_PKG $BASE_VERSION is gone; using the newest $BASE_PKG" >&2
	apt-get "${opts[@]}" -qq download "$BASE_PKG" || die "no $BASE_PKG in $BASE_SUITE"
fi
