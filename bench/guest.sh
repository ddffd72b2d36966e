#!/bin/sh
# Guest side of make bench (rig.mode=bench): print the time init started,
# then time unbind/bind cycles of the virtio-rng device through sysfs.
# Output lines: "BENCH <name> <value>".
echo "BENCH init_ns $(/bench/clock)"

n=1000
read -r cmdline </proc/cmdline
for arg in $cmdline; do
	case $arg in
	bench.loops=*) n=${arg#bench.loops=} ;;
	esac
done

dev=
for d in /sys/bus/virtio/devices/*; do
	[ "$(cat "$d/device")" = 0x0004 ] && dev=$(basename "$d")
done
drv=/sys/bus/virtio/drivers/virtio_rng
if [ -z "$dev" ] || [ ! -e "$drv/$dev" ]; then
	echo "BENCH error no-bound-virtio-rng"
	exit 0
fi

[ "$n" -gt 0 ] || exit 0
for rep in 1 2 3; do
	i=0
	t0=$(/bench/clock)
	while [ $i -lt "$n" ]; do
		echo "$dev" > $drv/unbind
		echo "$dev" > $drv/bind
		i=$((i + 1))
	done
	t1=$(/bench/clock)
	[ -e "$drv/$dev" ] || echo "BENCH error unbound-after-loop"
	echo "BENCH cycle_ns_$rep $(((t1 - t0) / n))"
done
