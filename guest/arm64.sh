#!/bin/busybox sh
# shellcheck shell=sh
# The arm64 guest's checks (rig.mode=arm64, run by guest/init on QEMU's
# virt machine; the host side is scripts/boot-tests.sh). The guest boots
# with driver_auth.default=deny and no allow list: arm64's built-in list
# alone must bind the console, the clock, the virtio-mmio disk, and the
# PCI host bridge with virtio-pci; virtio-rng, which the list leaves out,
# must stay unbound. KTAP on the console, ttyAMA0.

marker=''
read -r cmdline </proc/cmdline
for arg in $cmdline; do
	case $arg in
	rig.marker=*) marker=${arg#rig.marker=} ;;
	esac
done

# shellcheck source=guest/ktap.sh
. /rig/ktap.sh
# first GLOB...: the first path that exists
first() {
	for f in "$@"; do
		[ -e "$f" ] && echo "$f" && return 0
	done
	return 1
}
# virtio_id ID: the virtio device of a device ID, e.g. 0x0002 (block)
virtio_id() {
	grep -lx "$1" /sys/bus/virtio/devices/*/device 2>/dev/null | sed 's,/device$,,' | head -n1
}
# bound NAME DEVICE DRIVER: KTAP line NAME, that DRIVER holds DEVICE (a
# sysfs path, empty when the device is missing); waits up to 5 s for a
# probe still running
bound() {
	i=0
	while [ "$(drv "$2")" != "$3" ] && [ $i -lt 50 ]; do
		sleep 0.1
		i=$((i + 1))
	done
	if [ -n "$2" ] && [ "$(drv "$2")" = "$3" ]; then
		result OK "$1"
	else
		result FAIL "$1" "${2:-no device}: bound to '$(drv "$2" 2>/dev/null)', not $3"
	fi
}

echo "KTAP version 1"
echo "1..8"

# 1. The policy this boot asked for.
d=$(cat /sys/module/driver_auth/parameters/default 2>/dev/null)
if [ "$d" = deny ]; then
	result OK "default deny"
else
	result FAIL "default deny" "driver_auth's default reads '$d'"
fi

# 2. The console: this text reaches the host through it; the device must
# be the PL011's.
bound "console: amba:uart-pl011" "$(first /sys/bus/amba/devices/*.pl011)" uart-pl011

# 3. The wall clock: PL031 bound, and the time it gave the system is no
# earlier than this rig (2026).
pl031=$(first /sys/bus/amba/devices/*.pl031)
bound "clock: amba:rtc-pl031" "$pl031" rtc-pl031
now=$(date +%s)
if [ "$now" -gt 1767225600 ]; then
	result OK "clock: the system time comes from the RTC"
else
	result FAIL "clock: the system time comes from the RTC" "date +%s is $now"
fi

# 4. The disk: virtio-blk on a virtio-mmio slot, holding the host's marker.
blk=$(virtio_id 0x0002)
mmio=''
[ -z "$blk" ] || mmio=$(readlink -f "$blk/..")
bound "disk: platform:virtio-mmio" "$mmio" virtio-mmio
bound "disk: virtio:virtio_blk" "$blk" virtio_blk
m=$(head -n1 /dev/vda 2>/dev/null)
if [ -n "$marker" ] && [ "$m" = "$marker" ]; then
	result OK "disk: /dev/vda holds the marker"
else
	result FAIL "disk: /dev/vda holds the marker" "read '$m', want '$marker'"
fi

# 5. PCI: the generic host bridge, virtio-pci on the rng's function, and
# virtio_rng refused.
rng=$(virtio_id 0x0004)
pci=''
[ -z "$rng" ] || pci=$(readlink -f "$rng/..")
bridge=$(first /sys/bus/platform/devices/*.pcie)
if [ "$(drv "$bridge")" = pci-host-generic ] && [ "$(drv "$pci")" = virtio-pci ] &&
	[ -n "$rng" ] && [ -z "$(drv "$rng")" ] &&
	[ "$(cat /sys/bus/virtio/drivers/virtio_rng/authorized 2>/dev/null)" = 0 ]; then
	result OK "pci: host bridge and virtio-pci bound, virtio_rng refused"
else
	result FAIL "pci: host bridge and virtio-pci bound, virtio_rng refused" \
		"bridge '$bridge' bound to '$(drv "$bridge")', rng's PCI '$pci' to '$(drv "$pci")', rng '$rng' to '$(drv "$rng")'"
fi
