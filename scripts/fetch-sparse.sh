#!/bin/bash
# fetch-sparse.sh: build a sparse the base kernel accepts from Debian's
# source package (private apt configuration under build/) into the cache.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

if "$TREE/scripts/checker-valid.sh" "$SPARSE" --arch=x86_64 -m64 2>/dev/null | grep -qx 1; then
	exit 0
fi
mirror=$(debian_mirror)
apt_private "$BUILD/apt-src" \
	"deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $mirror $SPARSE_SUITE main"
mkdir -p "$CACHE/sparse-src"
say "building sparse $SPARSE_VERSION from Debian's source package"
apt-get "${APT_OPTS[@]}" -qq update ||
	die "apt-get update of $SPARSE_SUITE sources from $mirror failed; check the network, or set RIG_DEBIAN_MIRROR to a mirror that has $SPARSE_SUITE"
cd "$CACHE/sparse-src"
rm -rf ./*
apt-get "${APT_OPTS[@]}" -qq source --download-only "sparse=$SPARSE_VERSION" ||
	apt-get "${APT_OPTS[@]}" -qq source --download-only sparse ||
	die "no sparse source package in $SPARSE_SUITE"
tar -xf sparse_*.orig.tar.*
make -s -C sparse-*/ -j"$JOBS" sparse >/dev/null || die "building sparse failed"
cp sparse-*/sparse "$SPARSE"
"$TREE/scripts/checker-valid.sh" "$SPARSE" --arch=x86_64 -m64 | grep -qx 1 ||
	die "sparse $SPARSE_VERSION does not check this kernel"
