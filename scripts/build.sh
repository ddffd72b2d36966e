#!/bin/bash
# build.sh NAME FRAGMENT...: configure and build the kernel in build/out-NAME
# and its modules; build/bzImage-NAME points at the image. The base config
# is tinyconfig unless RIG_BASE_CONFIG says otherwise (see config.sh).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

name=$1
shift
out=$BUILD/out-$name
"$ROOT/scripts/config.sh" "$out" "$@"
say "building $name kernel"
kmake "$out" -s bzImage modules || die "$name kernel build failed; see the messages above"
rm -rf "$out/modroot"
kmake "$out" -s INSTALL_MOD_PATH="$out/modroot" modules_install >/dev/null
ln -sf "out-$name/arch/x86/boot/bzImage" "$BUILD/bzImage-$name"
[ "$name" != guest ] || ln -sf "out-guest/arch/x86/boot/bzImage" "$BUILD/bzImage"
