#!/bin/bash
# catchall.sh boot|stress-start|stress-check: the catch-all for paths that
# run a denied driver's code without passing any gate. The function
# tracer traces every function of the watched drivers (the lists
# initramfs.sh wrote: those whose names are theirs alone); of a driver
# that stays denied, only its module init and exit may run.
#   boot: e1000, traced from boot by the bootconfig; when it is denied and
#     not in audit mode, check, then authorize it and expect e1000_probe
#     (the positive control), and deauthorize it again.
#   stress-start / stress-check: pci-stub and, with ":mod:", the
#     virtio_balloon module, around the stress run. ftrace applies a
#     ":mod:" entry to one load of the module and then drops it:
#     stress-rearm sets it again after each unload. The module's init and
#     exit are not traced (once it is gone, the trace can name none of
#     its functions): any function of it in the trace is a bypass. The
#     positive control loads it once more, authorizes it and expects its
#     probe in the trace.
# Prints "RIG-CHECK catchall-NAME ok|skip|FAIL ...".

T=/sys/kernel/tracing
[ -e "$T/trace" ] || mount -t tracefs nodev "$T" 2>/dev/null
PARAMS=/sys/module/driver_auth/parameters
E1000=/sys/bus/pci/drivers/e1000

# traced: the functions in the trace buffer, one per line.
traced() {
	grep -v '^#' "$T/trace" | sed -n 's/.*: \([^ ]*\) <-.*/\1/p' | sort -u
}

# check NAME ALLOWED-REGEX: fail naming any traced function not allowed.
check() {
	local bad

	bad=$(traced | grep -vxE "$2" | tr '\n' ' ')
	if [ -n "$bad" ]; then
		echo "RIG-CHECK catchall-$1 FAIL bypass: $bad"
		return 1
	fi
}

case $1 in
boot)
	if [ ! -e "$T/set_ftrace_filter" ]; then
		echo "RIG-CHECK catchall-boot FAIL no function tracer"
		exit 0
	fi
	n=$(grep -vc '^#' "$T/set_ftrace_filter")
	if [ "$n" -eq 0 ]; then
		echo "RIG-CHECK catchall-boot FAIL the filter is empty"
		exit 0
	fi
	if [ "$(cat "$E1000/authorized")" != 0 ] || [ "$(cat "$PARAMS/audit")" = 1 ]; then
		echo "RIG-CHECK catchall-boot skip (e1000 may run in this boot)"
		echo nop >"$T/current_tracer"
		exit 0
	fi
	check boot 'e1000_init_module|e1000_exit_module' || { echo nop >"$T/current_tracer"; exit 0; }
	if [ "$(cat "$PARAMS/locked")" = 1 ]; then
		echo "RIG-CHECK catchall-boot ok ($n functions watched; locked: no positive control)"
		echo nop >"$T/current_tracer"
		exit 0
	fi
	# Positive control: the same trace sees e1000 once it may run. (A
	# change of tracer empties the buffer: look before.)
	echo 1 >"$E1000/authorized"
	seen=0
	for ((t = 0; t < 300; t++)); do
		traced | grep -qx e1000_probe && { seen=1; break; }
		sleep 0.1
	done
	echo 0 >"$E1000/authorized"
	echo nop >"$T/current_tracer"
	if [ "$seen" = 1 ]; then
		echo "RIG-CHECK catchall-boot ok ($n functions watched, e1000_probe seen once authorized)"
	else
		echo "RIG-CHECK catchall-boot FAIL positive control: no e1000_probe once authorized"
	fi
	;;
stress-start)
	echo nop >"$T/current_tracer"
	echo >"$T/set_ftrace_filter"
	# One name a write: the init and exit code of a built-in driver is
	# gone after boot, and a name the tracer does not know fails alone.
	while read -r f; do
		echo "$f" >>"$T/set_ftrace_filter" 2>/dev/null
	done </rig/catchall-stress.list
	n=$(grep -vc '^#' "$T/set_ftrace_filter")
	echo >"$T/set_ftrace_notrace"
	"$0" stress-rearm
	echo >"$T/trace"
	echo function >"$T/current_tracer"
	if [ "$n" -eq 0 ]; then
		echo "RIG-CHECK catchall-stress FAIL the filter is empty"
	else
		echo "RIG-NOTE catchall-stress: $n pci-stub functions and virtio_balloon's watched"
	fi
	;;
stress-rearm)
	# Appends: an empty filter would trace every function.
	echo ':mod:virtio_balloon' >>"$T/set_ftrace_filter"
	echo 'virtio_balloon_driver_init:mod:virtio_balloon' >>"$T/set_ftrace_notrace"
	echo 'virtio_balloon_driver_exit:mod:virtio_balloon' >>"$T/set_ftrace_notrace"
	;;
stress-check)
	echo 0 >"$T/tracing_on"
	if ! check stress 'pci_stub_init|pci_stub_exit'; then
		echo nop >"$T/current_tracer"
		echo 1 >"$T/tracing_on"
		exit 0
	fi
	ran=$(traced | tr '\n' ' ')
	# Positive control: a load after all those reloads is traced.
	"$0" stress-rearm
	echo >"$T/trace"
	echo 1 >"$T/tracing_on"
	B=/sys/bus/virtio/drivers/virtio_balloon
	seen=0
	if modprobe virtio_balloon && echo 1 >"$B/authorized"; then
		for ((t = 0; t < 300; t++)); do
			traced | grep -qx virtballoon_probe && { seen=1; break; }
			sleep 0.1
		done
	fi
	echo 0 >"$B/authorized"
	rmmod virtio_balloon
	echo nop >"$T/current_tracer"
	if [ "$seen" = 1 ]; then
		echo "RIG-CHECK catchall-stress ok (ran: ${ran:-nothing}; virtballoon_probe seen once authorized)"
	else
		echo "RIG-CHECK catchall-stress FAIL positive control: no virtballoon_probe once authorized"
	fi
	;;
esac
