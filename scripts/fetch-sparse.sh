#!/bin/bash
# fetch-sparse.sh: build a sparse the base kernel accepts from Debian's
# source package (private apt configuration under build/) into the cache.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

if "$TREE/scripts/checker-valid.sh" "$SPARSE" --arch=x86_64 -m64 2>/dev/null | grep -qx 1; then
	exit 0
fi
apt=$BUILD/apt-src
mkdir -p "$apt/lists/partial" "$apt/cache/archives/partial" "$CACHE/sparse-src"
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] $BASE_MIRROR $SPARSE_SUITE main" \
	>"$apt/sources.list"
opts=(-o Dir::Etc::SourceList="$apt/sources.list" -o Dir::Etc::SourceParts=/dev/null
      -o Dir::State::Lists="$apt/lists" -o Dir::Cache="$apt/cache"
      -o Dir::State::status=/dev/null -o APT::Sandbox::User=root)
say "building sparse $SPARSE_VERSION from Debian's source package"
apt-get "${opts[@]}" -qq update || die "apt-get update of $SPARSE_SUITE sources failed"
cd "$CACHE/sparse-src"
rm -rf ./*
apt-get "${opts[@]}" -qq source --download-only "sparse=$SPARSE_VERSION" ||
	apt-get "${opts[@]}" -qq source --download-only sparse ||
	die "no sparse source package in $SPARSE_SUITE"
tar -xf sparse_*.orig.tar.*
make -s -C sparse-*/ -j"$JOBS" sparse >/dev/null || die "building sparse failed"
cp sparse-*/sparse "$SPARSE"
"$TREE/scripts/checker-valid.sh" "$SPARSE" --arch=x86_64 -m64 | grep -qx 1 ||
	die "sparse $SPARSE_VERSION does not check this kernel"
