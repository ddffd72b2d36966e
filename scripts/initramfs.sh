#!/bin/bash
# initramfs.sh NAME: pack build/initramfs-NAME.cpio.gz with busybox, the
# guest scripts, the kselftests of the series and the modules of out-NAME.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

name=$1
out=$BUILD/out-$name
root=$BUILD/initramfs-$name
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,rig,lib}
cp /bin/busybox "$root/bin/busybox"
install -m 0755 "$GUEST/init" "$root/init"
# The benchmark's guest side and its static clock helper.
mkdir -p "$root/bench"
gcc -O2 -static -o "$root/bench/clock" "$ROOT/bench/clock.c"
install -m 0755 "$ROOT/bench/guest.sh" "$root/rig/bench.sh"
find "$GUEST" -maxdepth 1 -name '*.sh' -exec install -m 0755 -t "$root/rig" {} +
if [ -d "$out/modroot/lib/modules" ]; then
	cp -a "$out/modroot/lib/modules" "$root/lib/"
fi
if [ -d "$TREE/tools/testing/selftests/driver_auth" ]; then
	make -s -C "$TREE/tools/testing/selftests" TARGETS=driver_auth \
		O="$out/kselftest" INSTALL_PATH="$root/kselftest" install >/dev/null ||
		die "installing the driver_auth kselftests failed"
fi
# bash and the C library, for the kselftests (busybox gives the rest).
cp /bin/bash "$root/bin/bash"
mapfile -t bins < <(find "$root" -type f -perm -u+x)
for lib in $(ldd "${bins[@]}" 2>/dev/null | grep -o '/[^ ]*\.so[^ ]*' | sort -u); do
	mkdir -p "$root$(dirname "$lib")"
	cp -L "$lib" "$root$lib"
done
[ -e "$root/lib64" ] || ln -s lib "$root/lib64"
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$BUILD/initramfs-$name.cpio.gz"
say "initramfs-$name: $(du -h "$BUILD/initramfs-$name.cpio.gz" | cut -f1)"
