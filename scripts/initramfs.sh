#!/bin/bash
# initramfs.sh NAME: pack build/initramfs-NAME.cpio.gz with busybox, the
# guest scripts, the kselftests of the series and the modules of out-NAME.
# An arm64 kernel gets Debian's arm64 busybox, init and its checks alone.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

name=$1
profile "$name"
out=$BUILD/out-$name
root=$BUILD/initramfs-$name
rm -rf "$root"
mkdir -p "$root"/{bin,sbin,proc,sys,dev,tmp,rig,lib}
install -m 0755 "$GUEST/init" "$root/init"
if [ "$P_ARCH" = arm64 ]; then
	busybox=$("$ROOT/scripts/fetch-busybox.sh")
	cp "$busybox" "$root/bin/busybox"
	install -m 0755 -t "$root/rig" "$GUEST/arm64.sh" "$GUEST/ktap.sh"
	(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$BUILD/initramfs-$name.cpio.gz"
	exit 0
fi
cp /bin/busybox "$root/bin/busybox"
# The benchmark's guest side and its static clock helper.
mkdir -p "$root/bench"
gcc -O2 -static -o "$root/bench/clock" "$ROOT/bench/clock.c"
install -m 0755 "$ROOT/bench/guest.sh" "$root/rig/bench.sh"
find "$GUEST" -maxdepth 1 -name '*.sh' -exec install -m 0755 -t "$root/rig" {} +
# The helpers of guest/policy.sh.
mkdir -p "$root/rig/bin"
for c in uevent_listen usbfs_claim uhid_dev power_key; do
	gcc -O2 -Wall -static -o "$root/rig/bin/$c" "$GUEST/$c.c"
done
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
# uniq_funcs OBJ...: the functions of the objects whose name is theirs alone
# in the kernel, so that tracing them by name traces nothing else.
uniq_funcs() {
	nm --defined-only "$@" | awk '$2 ~ /^[Tt]$/ { print $3 }' | sort -u |
		grep -xFf - <(awk '$2 ~ /^[Tt]$/ { print $3 }' "$out/System.map" | sort | uniq -u)
}
# A kernel with boot-time tracing traces the functions of the drivers the
# catch-all check watches (guest/catchall.sh): e1000 from boot, through a
# bootconfig appended to the initramfs; pci-stub in the stress run.
if grep -qx CONFIG_BOOTTIME_TRACING=y "$out/.config"; then
	uniq_funcs "$out"/drivers/net/ethernet/intel/e1000/*.o >"$root/rig/catchall-boot.list"
	uniq_funcs "$out/drivers/pci/pci-stub.o" >"$root/rig/catchall-stress.list"
	[ -s "$root/rig/catchall-boot.list" ] || die "no e1000 function to trace in $out"
fi
(cd "$root" && find . | cpio -o -H newc --quiet | gzip -1) >"$BUILD/initramfs-$name.cpio.gz"
if [ -s "$root/rig/catchall-boot.list" ]; then
	make -s -C "$TREE/tools/bootconfig" >/dev/null || die "building tools/bootconfig failed"
	{
		echo 'ftrace.tracer = "function"'
		printf 'ftrace.ftrace.filters = '
		sed 's/.*/"&"/' "$root/rig/catchall-boot.list" | paste -sd, -
	} >"$BUILD/bootconfig-$name"
	"$TREE/tools/bootconfig/bootconfig" -a "$BUILD/bootconfig-$name" \
		"$BUILD/initramfs-$name.cpio.gz" >/dev/null || die "appending the bootconfig failed"
fi
say "initramfs-$name: $(du -h "$BUILD/initramfs-$name.cpio.gz" | cut -f1)"
