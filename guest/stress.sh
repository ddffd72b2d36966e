#!/bin/bash
# Guest side of the stress run (rig.mode=stress), on the debug kernel with
# default deny. Writers race for stress.ops sysfs operations in all:
# toggling "authorized" of virtio_rng (two writers on the one driver) and,
# less often, of e1000 (whose probe is slow), unbind/bind of the
# virtio-rng device, driver_override and drivers_probe towards pci-stub on
# a device no driver takes, and loading and unloading virtio_balloon while
# its "authorized" is written. Meanwhile the host unplugs and replugs a
# virtio-rng device over QMP stress.hotplug times, and a sampler
# checks that no device is ever bound to pci-stub or virtio_balloon, which
# stay denied. When the writers stop, the bound state must match the
# flags the last writes left. Then a fixed final policy is set and the
# bound state must be exactly what it says. Then writes run with each of
# their allocations failing in turn (failslab, fail-nth), and kmemleak must
# find nothing that the run or the failure paths leaked.
# Output: "STRESS key value" lines, "STRESS-FAIL what" for each violation,
# and "RIG-HP ..." lines that pace the host.

ops=10000 hotplug=3
read -r cmdline </proc/cmdline
for arg in $cmdline; do
	case $arg in
	stress.ops=*) ops=${arg#stress.ops=} ;;
	stress.hotplug=*) hotplug=${arg#stress.hotplug=} ;;
	esac
done

W=/tmp/stress
mkdir -p "$W"
PCI=/sys/bus/pci
VIRTIO=/sys/bus/virtio
RNG=$VIRTIO/drivers/virtio_rng
E1000=$PCI/drivers/e1000
STUB=$PCI/drivers/pci-stub
BALLOON=$VIRTIO/drivers/virtio_balloon
NIC=0000:00:04.0
# QEMU's VGA: no driver of the guest takes it, so the override loop is cheap.
VGA=0000:00:02.0
# The hot-plugged device: slot 1 behind the bridge at 00:09.0.
HP=0000:01:01.0
KMEMLEAK=/sys/kernel/debug/kmemleak

fail() { echo "STRESS-FAIL $*" | tee -a "$W/fail"; }

virtio_dev_by_id() {
	local d
	for d in "$VIRTIO"/devices/*; do
		[ "$(cat "$d/device")" = "$1" ] && echo "${d##*/}"
	done
}

# bound_to DEV-PATH DRIVER: the device is bound to DRIVER.
bound_to() {
	local l
	l=$(readlink "$1/driver" 2>/dev/null)
	[ -n "$l" ] && [ "${l##*/}" = "$2" ]
}

# Each writer counts the writes it made in $W/ops.NAME. w returns
# whether the write succeeded.
w() { n=$((n + 1)); echo "$1" >"$2" 2>/dev/null; }

# While the policy is not locked, every write of "authorized" succeeds.
# Two togglers (NAME) race on virtio_rng; one also toggles e1000.
toggler() {
	local n=0 failed=0
	while [ "$n" -lt "$1" ]; do
		w $((RANDOM % 2)) "$RNG/authorized" || failed=$((failed + 1))
		[ "$2" != toggle ] || [ $((n % 32)) != 0 ] ||
			w $((RANDOM % 2)) "$E1000/authorized" || failed=$((failed + 1))
	done
	[ "$failed" = 0 ] || fail "$failed of $n writes of authorized failed"
	echo "$n $SECONDS" >"$W/ops.$2"
}

binder() {
	local n=0 i dev=$2
	for ((i = 0; i < $1; i += 2)); do
		w "$dev" "$RNG/unbind"
		w "$dev" "$RNG/bind"
	done
	echo "$n $SECONDS" >"$W/ops.bind"
}

overrider() {
	local n=0 o=$PCI/devices/$VGA/driver_override
	while [ "$n" -lt "$1" ]; do
		w pci-stub "$o"
		w "$VGA" "$PCI/drivers_probe"
		! w "$VGA" "$STUB/bind" || fail "pci-stub/bind of $VGA succeeded"
		w "" "$o"
		w "$VGA" "$PCI/drivers_probe"
	done
	echo "$n $SECONDS" >"$W/ops.override"
}

# DEBUG_KOBJECT_RELEASE keeps an unloaded driver's directory for up to a
# few seconds: a load before it is gone fails with -EEXIST.
gone() {
	local t
	for ((t = 0; t < 100; t++)); do
		[ -e "$1" ] || return 0
		sleep 0.1
	done
	fail "$1 still there 10 s after rmmod"
}

moduler() {
	local n=0 i l
	mkfifo "$W/tick.balloon"
	for ((i = 0; i < $1; i += 2)); do
		modprobe virtio_balloon || fail "loading virtio_balloon"
		n=$((n + 1))
		# The probe ran in modprobe: between it and rmmod is the
		# likeliest moment for a wrong bind.
		[ "$(cat "$BALLOON/authorized")" = 0 ] ||
			fail "virtio_balloon is authorized after loading"
		for l in "$BALLOON"/virtio*; do
			[ -e "$l" ] && fail "${l#/sys/bus/} is bound after loading"
		done
		# Writes of its "authorized" race the driver's unregistration
		# (KASAN watches): they end when the attribute is gone. Paced
		# by a timed read of an idle FIFO, so as not to starve the
		# hot-plug that runs meanwhile.
		(
			exec 8<>"$W/tick.balloon"
			while echo 0 >"$BALLOON/authorized"; do
				read -r -t 0.005 -u 8 _
			done
		) 2>/dev/null &
		rmmod virtio_balloon || fail "unloading virtio_balloon"
		n=$((n + 1))
		wait $!
		gone "$BALLOON"
		/rig/catchall.sh stress-rearm
	done
	echo "$n $SECONDS" >"$W/ops.module"
}

# Denied drivers never hold a device, at any moment. A timed read of an
# idle FIFO paces the sampler without a fork.
sampler() {
	local n=0 l
	mkfifo "$W/tick"
	exec 9<>"$W/tick"
	while [ ! -e "$W/stop" ]; do
		read -r -t 0.02 -u 9 _
		for l in "$STUB"/0000:* "$BALLOON"/virtio*; do
			[ -e "$l" ] && fail "sample $n: ${l#/sys/bus/} is bound"
		done
		[ -e "$PCI/devices/$VGA/driver" ] && fail "sample $n: $VGA is bound"
		n=$((n + 1))
	done
	echo "$n" >"$W/samples"
}

# slot_off: the hot-plug slot of $HP is powered off. The SHPC driver
# ignores a plug while it is still powering the slot off.
slot_off() {
	local s
	for s in "$PCI"/slots/*; do
		[ "$(cat "$s/address")" = "${HP%.*}" ] && [ "$(cat "$s/power")" = 0 ] && return 0
	done
	return 1
}

# Tell the host when the hot-plugged device is gone and its slot off, and
# each time the device comes back.
hotplug_watch() {
	local seen=0 present=1 t=0
	echo "RIG-HP ready"
	while [ "$seen" -lt "$hotplug" ]; do
		if [ "$present" = 1 ] && [ ! -e "$PCI/devices/$HP" ] && slot_off; then
			present=0 t=0
			echo "RIG-HP absent $((seen + 1))"
		elif [ "$present" = 0 ] && [ -e "$PCI/devices/$HP" ]; then
			present=1 t=0
			seen=$((seen + 1))
			echo "RIG-HP present $seen"
		fi
		t=$((t + 1))
		[ "$t" -lt 6000 ] || { fail "hotplug: no change within 600 s"; break; }
		sleep 0.1
	done
	echo "$seen" >"$W/hotplug"
}

# The sampler's globs match nothing when a path is wrong: check them.
[ -d "$STUB" ] || fail "no pci-stub driver"
[ -e "$PCI/devices/$VGA" ] || fail "no device $VGA"
[ -e "$PCI/devices/$HP" ] || fail "no hot-plug device $HP at the start"
RNG_DEV=$(virtio_dev_by_id 0x0004 | head -n1)
[ -n "$RNG_DEV" ] || fail "no virtio-rng device"
[ -e "$E1000/$NIC" ] || fail "$NIC is not bound to e1000 at the start"

# kmemleak: forget what was there before the run. A scan fails once
# kmemleak has turned itself off.
if [ -w "$KMEMLEAK" ] && echo scan >"$KMEMLEAK"; then
	echo clear >"$KMEMLEAK"
else
	fail "kmemleak is off before the run"
fi

# The catch-all: pci-stub's and virtio_balloon's functions are traced from
# now on; of them, only module init and exit may run.
catchall=$(/rig/catchall.sh stress-start)
echo "$catchall"
case $catchall in *FAIL*) fail "${catchall#RIG-CHECK }" ;; esac

start=$(date +%s)
start_s=$SECONDS
sampler &
sampler_pid=$!
hotplug_watch &
hp_pid=$!
pids=()
toggler $((ops * 10 / 100)) toggle &
pids+=($!)
toggler $((ops * 5 / 100)) toggle2 &
pids+=($!)
binder $((ops * 33 / 100)) "$RNG_DEV" &
pids+=($!)
overrider $((ops * 52 / 100 - 40)) &
pids+=($!)
moduler 40 &
pids+=($!)
wait "${pids[@]}" "$hp_pid"
touch "$W/stop"
wait "$sampler_pid"

total=0
for f in "$W"/ops.*; do
	read -r n secs <"$f"
	total=$((total + n))
	echo "STRESS ops_${f##*.} $n"
	echo "STRESS seconds_${f##*.} $((secs - start_s))"
done
echo "STRESS operations $total"
echo "STRESS samples $(cat "$W/samples")"
echo "STRESS hotplug_cycles $(cat "$W/hotplug" 2>/dev/null || echo 0)"
echo "STRESS seconds $(($(date +%s) - start))"
[ "$total" -ge "$ops" ] || fail "only $total of $ops operations"

# Concurrent writes end in the state of the last one, with the bound state
# matching the flags: an authorized driver holds its devices, a
# deauthorized one none. Checked before anything probes again.
for pair in "$RNG:0x0004" "$E1000:$NIC"; do
	drv=${pair%%:*} what=${pair#*:}
	if [ "$what" = 0x0004 ]; then
		devs=$(virtio_dev_by_id 0x0004) bus=$VIRTIO
	else
		devs=$what bus=$PCI
	fi
	for d in $devs; do
		if [ "$(cat "$drv/authorized")" = 1 ]; then
			bound_to "$bus/devices/$d" "${drv##*/}" ||
				fail "after the race: ${drv##*/} authorized, $d not bound to it"
		else
			[ ! -e "$bus/devices/$d/driver" ] ||
				fail "after the race: ${drv##*/} deauthorized, $d bound"
		fi
	done
done

# The final policy: virtio_rng authorized, e1000 denied, virtio_balloon
# loaded and denied, no override. After every device is probed again, the
# bound state must be exactly that.
echo 1 >"$RNG/authorized" || fail "authorizing virtio_rng"
echo 0 >"$E1000/authorized" || fail "deauthorizing e1000"
echo >"$PCI/devices/$VGA/driver_override"
gone "$BALLOON"
modprobe virtio_balloon || fail "loading virtio_balloon"
for d in "$PCI"/devices/* "$VIRTIO"/devices/*; do
	echo "${d##*/}" >"${d%/devices/*}/drivers_probe" 2>/dev/null
done
[ "$(cat "$RNG/authorized")" = 1 ] || fail "virtio_rng is not authorized"
[ "$(cat "$E1000/authorized")" = 0 ] || fail "e1000 is authorized"
[ "$(cat "$BALLOON/authorized")" = 0 ] || fail "virtio_balloon is authorized"
rngs=0
for d in $(virtio_dev_by_id 0x0004); do
	rngs=$((rngs + 1))
	bound_to "$VIRTIO/devices/$d" virtio_rng || fail "final: $d is not bound to virtio_rng"
done
[ "$rngs" = 2 ] || fail "final: $rngs virtio-rng devices, not 2"
for d in $(virtio_dev_by_id 0x0005); do
	[ -e "$VIRTIO/devices/$d/driver" ] && fail "final: balloon $d is bound"
done
for d in "$NIC" "$VGA"; do
	[ -e "$PCI/devices/$d/driver" ] && fail "final: $d is bound to $(basename "$(readlink "$PCI/devices/$d/driver")")"
done
[ -e "$E1000/authorized" ] || fail "no e1000 driver"
rmmod virtio_balloon || fail "unloading virtio_balloon"
catchall=$(/rig/catchall.sh stress-check)
echo "$catchall"
case $catchall in *FAIL*) fail "${catchall#RIG-CHECK }" ;; esac

# Allocation failures, with failslab failing the Nth allocation of a write
# (fail-nth), N = 1, 2, ... until a write runs to the end with none failed:
# authorizing pci-stub (its runtime decision, the measurement), deauthorizing
# it (the measurement, made anyway) and a refused bind (the report). After
# each write the state is what the write's result says, and pci-stub binds
# nothing it may not.
FS=/sys/kernel/debug/failslab
points=0
# faulty N VALUE FILE: write with the Nth allocation failing; 0 if it failed
# an allocation, 1 if none was reached.
faulty() {
	(echo "$1" >/proc/self/fail-nth && echo "$2" >"$3"
	 [ "$(cat /proc/self/fail-nth)" != 0 ]) 2>/dev/null
}
fault_writes() {
	local n
	for ((n = 1; n < 200; n++)); do
		echo 0 >"$STUB/authorized"
		if faulty "$n" 1 "$STUB/authorized"; then
			[ "$(cat "$STUB/authorized")" = 1 ] || fail "fail-nth $n: authorizing, no fault, reads 0"
			break
		fi
		points=$((points + 1))
		[ "$(cat "$STUB/authorized")" = 0 ] ||
			dmesg | tail -n 5 | grep -q 'pci:pci-stub authorized at runtime' ||
			fail "fail-nth $n: authorized, unmeasured"
	done
	# A fault in the open or before the change fails the write and changes
	# nothing; a deauthorization made (it logs) is not undone by a fault
	# after it, such as in its measurement.
	for ((n = 1; n < 200; n++)); do
		echo 1 >"$STUB/authorized"
		made=$(dmesg | grep -c 'pci:pci-stub deauthorized at runtime')
		faulty "$n" 0 "$STUB/authorized" && break
		points=$((points + 1))
		[ "$(cat "$STUB/authorized")" = 0 ] ||
			[ "$(dmesg | grep -c 'pci:pci-stub deauthorized at runtime')" -le "$made" ] ||
			fail "fail-nth $n: deauthorized, yet reads 1"
	done
	for ((n = 1; n < 50; n++)); do
		faulty "$n" "$NIC" "$E1000/bind" && break
		points=$((points + 1))
		[ -e "$PCI/devices/$NIC/driver" ] && fail "fail-nth $n: $NIC bound to a denied e1000"
	done
	echo 0 >"$STUB/authorized"
}
if [ -d "$FS" ] && [ -e /proc/self/fail-nth ]; then
	echo N >"$FS/ignore-gfp-wait"
	echo 0 >"$FS/verbose"
	fault_writes
	echo Y >"$FS/ignore-gfp-wait"
else
	fail "no failslab or no fail-nth"
fi
echo "STRESS fault_points $points"

# Leaks: kmemleak reports only objects older than its minimum age of
# 5 s, so give the last releases (DEBUG_KOBJECT_RELEASE delays them by up
# to a few seconds) that long before the scan.
if [ -w "$KMEMLEAK" ]; then
	sleep 10
	echo scan >"$KMEMLEAK" || fail "kmemleak is off after the run"
	echo scan >"$KMEMLEAK"
	leaks=$(grep -c '^unreferenced object' "$KMEMLEAK")
	echo "STRESS leaks $leaks"
	if [ "$leaks" -gt 0 ]; then
		fail "kmemleak: $leaks unreferenced objects"
		head -n 60 "$KMEMLEAK"
	fi
else
	fail "no kmemleak"
fi

echo "STRESS violations $(wc -l <"$W/fail" 2>/dev/null || echo 0)"
