#!/bin/sh
# The demo of make run: report every PCI and virtio device, the driver that
# matched it, whether that driver is authorized and what is bound; then
# authorize one denied driver at runtime, and deauthorize it again.

# matched DEVICE: the bound driver, else the one whose denial was reported
matched() {
	if [ -e "$1/driver" ]; then
		basename "$(readlink "$1/driver")"
	else
		dmesg | sed -n "s/.*denied [^:]*:\([^ ]*\) for device $(basename "$1")\$/\1/p" | tail -n1
	fi
}

report() {
	echo
	echo "== $1"
	printf '%-14s %-11s %-16s %-10s %s\n' DEVICE ID "MATCHED DRIVER" AUTHORIZED BOUND
	for bus in pci virtio; do
		for d in "/sys/bus/$bus/devices/"*; do
			[ -e "$d" ] || continue
			if [ $bus = pci ]; then
				id="$(sed 's/0x//' "$d/vendor"):$(sed 's/0x//' "$d/device")"
			else
				id="virtio-$(sed 's/0x0*//' "$d/device")"
			fi
			drv=$(matched "$d")
			auth=-
			[ -n "$drv" ] && auth=$(cat "/sys/bus/$bus/drivers/$drv/authorized" 2>/dev/null)
			bound=no
			[ -e "$d/driver" ] && bound=yes
			printf '%-14s %-11s %-16s %-10s %s\n' "$(basename "$d")" "$id" \
				"${drv:-(none)}" "${auth:--}" "$bound"
		done
	done
}

# wait_bound DEVICE yes|no: poll, with a bound, until the device is (un)bound
wait_bound() {
	i=0
	while [ $i -lt 50 ]; do
		if [ -e "$1/driver" ]; then b=yes; else b=no; fi
		[ "$b" = "$2" ] && return 0
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}

p=/sys/module/driver_auth/parameters
if [ ! -d $p ]; then
	echo "driver_auth is not in this kernel (empty series?)"
	report "devices"
	exit 0
fi
echo "policy: default=$(cat $p/default) audit=$(cat $p/audit) locked=$(cat $p/locked)"
echo "allow:  $(cat $p/allow)"
echo "deny:   $(cat $p/deny)"
report "at boot"

e1000=$(grep -l 0x100e /sys/bus/pci/devices/*/device | head -n1)
e1000=${e1000%/device}
echo
echo "# echo 1 > /sys/bus/pci/drivers/e1000/authorized"
echo 1 > /sys/bus/pci/drivers/e1000/authorized
wait_bound "$e1000" yes || echo "e1000 did not bind"
report "after authorizing e1000"

echo
echo "# echo 0 > /sys/bus/pci/drivers/e1000/authorized"
echo 0 > /sys/bus/pci/drivers/e1000/authorized
wait_bound "$e1000" no || echo "e1000 did not unbind"
report "after deauthorizing e1000"
echo
echo "kernel log of driver_auth:"
dmesg | grep 'driver_auth:' | grep -v kunit
