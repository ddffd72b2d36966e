#!/bin/bash
# policy.sh: the rig's checks of a boot policy and of the bus paths that
# run a driver without a probe, in the small guest (rig.mode=test, before
# the kselftest). The scenario's name comes from rig.policy= on the
# command line (guest/scenarios) and picks the checks; a check whose
# device or helper is missing skips. Prints "RIG-CHECK NAME ok|FAIL|skip".

PARAMS=/sys/module/driver_auth/parameters
EPERM="Operation not permitted"
E1000_ID="8086 100e"
policy='' malformed=0
read -r cmdline </proc/cmdline
for arg in $cmdline; do
	case $arg in
	rig.policy=*) policy=${arg#rig.policy=} ;;
	rig.malformed=*) malformed=${arg#rig.malformed=} ;;
	esac
done

param() { cat "$PARAMS/$1"; }
auth() { cat "/sys/bus/$1/drivers/$2/authorized" 2>/dev/null; }
note() { echo "RIG-NOTE $*"; }

# bound DEVICE: the name of the driver bound to DEVICE, or nothing
bound() {
	[ -e "$1/driver" ] && basename "$(readlink "$1/driver")"
}
is_bound_to() { [ "$(bound "$1")" = "$2" ]; }
is_unbound() { [ -z "$(bound "$1")" ]; }

# poll COMMAND...: true once COMMAND is, checked every 0.1 s for at most 5 s
poll() {
	local i

	for ((i = 0; i < 50; i++)); do
		"$@" && return 0
		sleep 0.1
	done
	return 1
}

# write_err VALUE FILE: write VALUE in one write(2); print the error
# message, empty on success.
write_err() {
	local out

	printf '%s' "$1" >/tmp/policy.write
	out=$(dd if=/tmp/policy.write of="$2" bs=65536 count=1 conv=notrunc 2>&1 >/dev/null) &&
		out=
	out=${out%%$'\n'*}
	echo "${out##*: }"
}

# expect_err VALUE FILE ERROR: the write fails with ERROR
expect_err() {
	local err

	err=$(write_err "$1" "$2")
	[ "$err" = "$3" ] && return 0
	note "write '$1' to $2: '${err:-success}', expected '$3'"
	return 1
}

pci_dev() {
	local d

	for d in /sys/bus/pci/devices/*; do
		[ "$(cat "$d/vendor") $(cat "$d/device")" = "0x${1% *} 0x${1#* }" ] &&
			{ echo "$d"; return; }
	done
}

virtio_dev() {
	local d

	for d in /sys/bus/virtio/devices/*; do
		[ "$(cat "$d/device" 2>/dev/null)" = "$1" ] && { echo "$d"; return; }
	done
}

E1000_DEV=$(pci_dev "$E1000_ID")
E1000=/sys/bus/pci/drivers/e1000
STUB=/sys/bus/pci/drivers/pci-stub
RNG_DEV=$(virtio_dev 0x0004)
RNG=/sys/bus/virtio/drivers/virtio_rng
BALLOON_DEV=$(virtio_dev 0x0005)
BALLOON=/sys/bus/virtio/drivers/virtio_balloon

# ---- every policy ----

test_attr_everywhere() {
	local d f bad=0 n=0

	for d in /sys/bus/*/drivers/*; do
		[ -e "$d/uevent" ] || continue
		f=$d/authorized
		n=$((n + 1))
		if [ ! -f "$f" ] || [ "$(stat -c %a "$f")" != 644 ]; then
			note "$d: no authorized attribute of mode 644"
			bad=1
		elif ! [[ "$(cat "$f")" =~ ^[01]$ ]]; then
			note "$f reads '$(cat "$f")'"
			bad=1
		fi
	done
	[ "$n" -gt 0 ] && return "$bad"
}

test_params() {
	local p bad=0

	for p in default allow deny audit; do
		[ "$(stat -c %a "$PARAMS/$p")" = 444 ] || { note "$p is writable"; bad=1; }
	done
	[ "$(stat -c %a "$PARAMS/locked")" = 644 ] || bad=1
	[[ "$(param default)" =~ ^(allow|deny)$ ]] || bad=1
	return "$bad"
}

# Malformed writes fail (EINVAL, or EPERM once locked) and change nothing.
test_malformed_writes() {
	local f=$RNG/authorized v err before bad=0 long

	[ -f "$f" ] || for f in /sys/bus/*/drivers/*/authorized; do break; done
	long=$(printf 'x%.0s' $(seq 4000))
	before=$(cat "$f")
	for v in $'\n' " " "2" "-1" "x" "authorized" "$long"; do
		err=$(write_err "$v" "$f")
		if [ "$err" != "Invalid argument" ] &&
		   ! { [ "$(param locked)" = 1 ] && [ "$err" = "$EPERM" ]; }; then
			note "write '${v:0:16}': '${err:-success}'"
			bad=1
		fi
		[ "$(cat "$f")" = "$before" ] || bad=1
	done
	before=$(param locked)
	for v in "2" "x" $'\n'; do
		[ -n "$(write_err "$v" "$PARAMS/locked")" ] || { note "locked took '$v'"; bad=1; }
		[ "$(param locked)" = "$before" ] || bad=1
	done
	return "$bad"
}

# A driver that cannot be unbound (the serial core's port driver) refuses
# to be deauthorized while bound, but in audit mode, which unbinds nothing.
test_unbindable_busy() {
	local f=/sys/bus/serial-base/drivers/port/authorized d

	[ "$(cat "$f" 2>/dev/null)" = 1 ] || return 2
	for d in /sys/bus/serial-base/drivers/port/*; do
		[ -L "$d" ] && [ "${d##*/}" != module ] && break
	done
	[ -L "$d" ] || return 2
	if [ "$(param audit)" = 1 ]; then
		echo 0 >"$f" && [ "$(cat "$f")" = 0 ] && [ -L "$d" ] && echo 1 >"$f"
		return
	fi
	expect_err 0 "$f" "Device or resource busy" && [ "$(cat "$f")" = 1 ] && [ -L "$d" ]
}

# ---- nopolicy: default allow, nothing denied ----

test_all_authorized() {
	local f

	for f in /sys/bus/*/drivers/*/authorized; do
		[ "$(cat "$f")" = 1 ] || { note "$f reads 0"; return 1; }
	done
	[ -n "$E1000_DEV" ] && is_bound_to "$E1000_DEV" e1000 && is_bound_to "$RNG_DEV" virtio_rng
}

test_deauthorize_bind_authorize() {
	[ -n "$RNG_DEV" ] || return 2
	echo 0 >"$RNG/authorized" && poll is_unbound "$RNG_DEV" &&
		expect_err "$(basename "$RNG_DEV")" "$RNG/bind" "$EPERM" &&
		echo 1 >"$RNG/authorized" && poll is_bound_to "$RNG_DEV" virtio_rng
}

# ---- deny: default deny, the built-in list and the scenario's lists ----

test_denied_untouched() {
	[ -n "$E1000_DEV" ] || return 2
	[ "$(auth pci e1000)" = 0 ] && is_unbound "$E1000_DEV" &&
		[ "$(cat "$E1000_DEV/enable")" = 0 ] && ! grep -q e1000 /proc/interrupts
}

# Each virtio device is bound exactly when its driver is authorized.
test_virtio_bound_as_authorized() {
	local d drv bad=0 n=0

	for d in /sys/bus/virtio/devices/*; do
		case $(cat "$d/device") in
		0x0001) drv=virtio_net ;; 0x0002) drv=virtio_blk ;;
		0x0003) drv=virtio_console ;; 0x0004) drv=virtio_rng ;;
		*) continue ;;
		esac
		n=$((n + 1))
		if [ "$(auth virtio "$drv")" = 1 ] && ! is_bound_to "$d" "$drv"; then
			note "${d##*/}: $drv authorized, not bound"
			bad=1
		elif [ "$(auth virtio "$drv")" = 0 ] && ! is_unbound "$d"; then
			note "${d##*/}: $drv denied, bound"
			bad=1
		fi
	done
	[ "$n" -gt 0 ] && [ "$(auth pci virtio-pci)" = 1 ] && return "$bad"
}

# A denied virtio device is only acknowledged: no feature negotiated.
test_denied_virtio_acknowledged() {
	local status features

	[ -n "$BALLOON_DEV" ] || return 2
	modprobe virtio_balloon || return 1
	[ "$(auth virtio virtio_balloon)" = 0 ] && is_unbound "$BALLOON_DEV" || return 1
	status=$(cat "$BALLOON_DEV/status")
	features=$(cat "$BALLOON_DEV/features")
	[ $((status)) -eq 1 ] && [ -z "${features//0/}" ]
}

# A refusal is logged when it happens, and sent as a uevent without DRIVER=.
test_refusal_reported() {
	local dev events

	[ -n "$E1000_DEV" ] || return 2
	dev=$(basename "$E1000_DEV")
	expect_err "$dev" "$E1000/bind" "$EPERM" || return 1
	dmesg | tail -n 20 | grep -q "driver_auth: denied pci:e1000 for device $dev$" || return 1
	events=$(/rig/bin/uevent_listen 2000 sh -c "echo $dev > $E1000/bind; true" 2>/dev/null)
	grep "^change@.*/$dev " <<<"$events" | grep "DRIVER_AUTH=denied" |
		grep "DRIVER_AUTH_DRIVER=pci:e1000" | grep -qv " DRIVER=" && is_unbound "$E1000_DEV"
}

test_override_refused() {
	local dev ret

	[ -n "$E1000_DEV" ] || return 2
	dev=$(basename "$E1000_DEV")
	echo e1000 >"$E1000_DEV/driver_override" || return 1
	echo "$dev" >/sys/bus/pci/drivers_probe 2>/dev/null
	is_unbound "$E1000_DEV"
	ret=$?
	echo >"$E1000_DEV/driver_override"
	return "$ret"
}

# pci-stub, denied, takes e1000's ID by new_id and binds nothing; once
# authorized it binds; deauthorized, it hands the device to e1000 once e1000
# is authorized; with drivers_autoprobe 0 nothing probes.
test_second_driver_and_hand_over() {
	[ -n "$E1000_DEV" ] && [ -d "$STUB" ] || return 2
	[ "$(auth pci pci-stub)" = 0 ] || return 2
	echo "$E1000_ID" >"$STUB/new_id" && is_unbound "$E1000_DEV" || return 1
	echo 1 >"$STUB/authorized" && poll is_bound_to "$E1000_DEV" pci-stub || return 1
	echo 1 >"$E1000/authorized" && is_bound_to "$E1000_DEV" pci-stub || return 1
	echo 0 >"$STUB/authorized" && poll is_bound_to "$E1000_DEV" e1000 || return 1
	echo 0 >"$E1000/authorized" && poll is_unbound "$E1000_DEV"
}

test_autoprobe_off() {
	local ret=0

	[ -n "$E1000_DEV" ] && is_unbound "$E1000_DEV" || return 2
	echo 0 >/sys/bus/pci/drivers_autoprobe || return 1
	echo 1 >"$E1000/authorized" && is_unbound "$E1000_DEV" &&
		basename "$E1000_DEV" >"$E1000/bind" && is_bound_to "$E1000_DEV" e1000 &&
		echo 1 >"$STUB/authorized" && echo 0 >"$E1000/authorized" &&
		poll is_unbound "$E1000_DEV" && ! is_bound_to "$E1000_DEV" pci-stub || ret=1
	echo 1 >/sys/bus/pci/drivers_autoprobe
	echo 0 >"$STUB/authorized"
	poll is_unbound "$E1000_DEV" || ret=1
	return "$ret"
}

# A runtime decision beats the deny list, and outlives a module reload.
test_runtime_decision_remembered() {
	[ -n "$BALLOON_DEV" ] && [ -d "$BALLOON" ] || return 2
	[ "$(auth virtio virtio_balloon)" = 0 ] || return 1
	echo 1 >"$BALLOON/authorized" && poll is_bound_to "$BALLOON_DEV" virtio_balloon || return 1
	modprobe -r virtio_balloon && modprobe virtio_balloon || return 1
	[ "$(auth virtio virtio_balloon)" = 1 ] &&
		poll is_bound_to "$BALLOON_DEV" virtio_balloon || return 1
	echo 0 >"$BALLOON/authorized" && poll is_unbound "$BALLOON_DEV" || return 1
	modprobe -r virtio_balloon && modprobe virtio_balloon || return 1
	[ "$(auth virtio virtio_balloon)" = 0 ] && is_unbound "$BALLOON_DEV"
}

# A quoted entry with a space authorizes the driver it names.
test_quoted_name() {
	[ -d "/sys/bus/mdio_bus/drivers/Generic PHY" ] || return 2
	[ "$(auth mdio_bus "Generic PHY")" = 1 ] &&
		[ "$(auth mdio_bus "Generic Clause 45 PHY")" = 0 ]
}

IMA_LOG=/sys/kernel/security/ima/ascii_runtime_measurements

# ima_text LINE: the text an ima-buf line of the IMA log measured
ima_text() {
	local hex esc=

	hex=$(awk '{ print $NF }' <<<"$1")
	while [ -n "$hex" ]; do
		esc+="\\x${hex:0:2}"
		hex=${hex:2}
	done
	printf '%b' "$esc"
}

ima_entries() { grep -E ' driver_auth_(boot|runtime|locked) ' "$IMA_LOG"; }

# The boot policy is measured whole; each runtime change as itself.
test_ima() {
	local n0 boot first second

	[ -r "$IMA_LOG" ] && grep -qw ima_policy=critical_data /proc/cmdline || return 2
	boot=$(ima_text "$(ima_entries | grep ' driver_auth_boot ' | head -n1)")
	n0=$(ima_entries | wc -l)
	echo 1 >"$STUB/authorized" || return 1
	first=$(ima_text "$(ima_entries | tail -n1)")
	echo 0 >"$STUB/authorized" || return 1
	second=$(ima_text "$(ima_entries | tail -n1)")
	[ "$(ima_entries | wc -l)" = $((n0 + 2)) ] &&
		grep -q '^seq=0$' <<<"$boot" && grep -q '^default=deny$' <<<"$boot" &&
		grep -qxF "allow=$(param allow)" <<<"$boot" &&
		grep -q '^runtime=pci:pci-stub=1$' <<<"$first" &&
		grep -q '^runtime=pci:pci-stub=0$' <<<"$second" &&
		[ "$(sed -n 's/^seq=//p' <<<"$second")" = $(($(sed -n 's/^seq=//p' <<<"$first") + 1)) ]
}

# serio's drvctl connects the driver it names: not a denied one, and the
# bound driver stays.
test_serio_drvctl() {
	local port=/sys/bus/serio/devices/serio0 atkbd=/sys/bus/serio/drivers/atkbd inputs

	[ -f "$port/drvctl" ] && [ "$(auth serio atkbd)" = 0 ] || return 2
	[ "$(auth serio serio_raw)" = 1 ] || return 2
	[ -z "$(write_err serio_raw "$port/drvctl")" ] && is_bound_to "$port" serio_raw || return 1
	if [ "$(param audit)" = 1 ]; then
		[ -z "$(write_err atkbd "$port/drvctl")" ] && is_bound_to "$port" atkbd
		return
	fi
	inputs=$(find /sys/class/input -mindepth 1 -maxdepth 1 | wc -l)
	expect_err atkbd "$port/drvctl" "$EPERM" && is_bound_to "$port" serio_raw || return 1
	[ "$(find /sys/class/input -mindepth 1 -maxdepth 1 | wc -l)" = "$inputs" ] || return 1
	[ "$(param locked)" = 1 ] && { expect_err 1 "$atkbd/authorized" "$EPERM"; return; }
	echo 1 >"$atkbd/authorized" && [ -z "$(write_err atkbd "$port/drvctl")" ] &&
		is_bound_to "$port" atkbd && echo 0 >"$atkbd/authorized" && poll is_unbound "$port"
}

i2c_set() { i2cset -y "$1" 0x48 "$(printf '0x%02x' "$2")" "$(printf '0x%02x' "$3")" b; }

# An LM75 at 0x48 of i2c-stub, as lm75's detect() recognizes one.
i2c_stub_lm75() {
	local r

	i2c_set "$1" 1 0 || return 1
	for r in 2 3 4 5 6 7; do
		i2c_set "$1" "$r" 0x4b || return 1
	done
	for r in 8 48 88 128 168 208 248; do
		i2c_set "$1" $((r + 1)) 0 && i2c_set "$1" $((r + 2)) 0x4b &&
			i2c_set "$1" $((r + 3)) 0x4b || return 1
	done
}

# i2c runs a driver's detect() on an adapter: a denied lm75 finds no chip.
# Detection runs when the driver or the adapter is added, not when a driver
# is authorized.
test_i2c_detect() {
	local a bus='' client ret=0

	command -v i2cset >/dev/null && modprobe i2c-stub chip_addr=0x48 2>/dev/null || return 2
	for a in /sys/bus/i2c/devices/i2c-*; do
		[ "$(cat "$a/name" 2>/dev/null)" = "SMBus stub driver" ] && bus=${a##*-}
	done
	if [ -z "$bus" ] || ! i2c_stub_lm75 "$bus"; then
		modprobe -r i2c-stub
		return 2
	fi
	client=/sys/bus/i2c/devices/$bus-0048
	modprobe lm75 || ret=1
	if [ "$(auth i2c lm75)" = 1 ] || [ "$(param audit)" = 1 ]; then
		is_bound_to "$client" lm75 || ret=1
	elif [ -e "$client" ]; then
		note "denied lm75 detected a chip"
		ret=1
	elif [ "$(param locked)" = 1 ]; then
		expect_err 1 /sys/bus/i2c/drivers/lm75/authorized "$EPERM" || ret=1
	else
		echo 1 >/sys/bus/i2c/drivers/lm75/authorized || ret=1
		[ ! -e "$client" ] || ret=1
		modprobe -r lm75 && modprobe lm75 || ret=1
		is_bound_to "$client" lm75 || ret=1
		echo 0 >/sys/bus/i2c/drivers/lm75/authorized || ret=1
	fi
	modprobe -r lm75
	modprobe -r i2c-stub
	return "$ret"
}

# usbfs may claim an interface only while usb:usbfs is authorized, and a
# refused DISCONNECT_CLAIM leaves the kernel driver bound.
test_usbfs_claim() {
	local d iface='' dev node kdrv out ret=0

	for d in /sys/bus/usb/devices/*; do
		[ "$(cat "$d/product" 2>/dev/null)" = "QEMU USB Keyboard" ] && iface=$d:1.0
	done
	[ -n "$iface" ] || return 2
	dev=${iface%:*}
	node=$(printf '/dev/bus/usb/%03d/%03d' "$(cat "$dev/busnum")" "$(cat "$dev/devnum")")
	kdrv=$(bound "$iface")
	[ -c "$node" ] && [ -n "$kdrv" ] && [ "$(auth usb usbfs)" = 0 ] || return 2
	if [ "$(param audit)" = 1 ]; then
		out=$(/rig/bin/usbfs_claim "$node" 0 disconnect-claim "$iface")
		[ "$out" = "ok usbfs" ] || ret=1
	else
		out=$(/rig/bin/usbfs_claim "$node" 0 claim)
		[ "$out" = EPERM ] || { note "claim: $out"; ret=1; }
		out=$(/rig/bin/usbfs_claim "$node" 0 disconnect-claim)
		[ "$out" = EPERM ] || { note "disconnect-claim: $out"; ret=1; }
		is_bound_to "$iface" "$kdrv" || ret=1
		[ "$(param locked)" = 1 ] && return "$ret"
		echo 1 >/sys/bus/usb/drivers/usbfs/authorized || ret=1
		out=$(/rig/bin/usbfs_claim "$node" 0 disconnect-claim "$iface")
		[ "$out" = "ok usbfs" ] || { note "authorized disconnect-claim: $out"; ret=1; }
		echo 0 >/sys/bus/usb/drivers/usbfs/authorized || ret=1
	fi
	basename "$iface" >/sys/bus/usb/drivers_probe 2>/dev/null
	poll is_bound_to "$iface" "$kdrv" || ret=1
	return "$ret"
}

# Every driver's name, as an allow entry takes it, for the names boot.
print_names() {
	local d b n out=''

	for d in /sys/bus/*/drivers/*; do
		b=${d#/sys/bus/}
		n=${b#*/drivers/}
		b=${b%%/*}
		n=${n//\\/\\\\}
		n=${n//,/\\,}
		n=${n//:/\\:}
		out+=${out:+,}$b:$n
	done
	echo "RIG-NAMES $out"
}

# ---- audit ----

test_audit_binds() {
	[ -n "$E1000_DEV" ] || return 2
	[ "$(auth pci e1000)" = 0 ] && is_bound_to "$E1000_DEV" e1000 &&
		dmesg | grep -q "audit: would deny pci:e1000 for device $(basename "$E1000_DEV")$"
}

test_audit_deauthorize_keeps() {
	[ -n "$RNG_DEV" ] || return 2
	echo 0 >"$RNG/authorized" && [ "$(auth virtio virtio_rng)" = 0 ] &&
		is_bound_to "$RNG_DEV" virtio_rng
}

# ---- locked ----

test_locked_refuses() {
	local before

	before=$(auth virtio virtio_rng)
	expect_err 1 "$E1000/authorized" "$EPERM" && expect_err 0 "$RNG/authorized" "$EPERM" &&
		expect_err 0 "$PARAMS/locked" "$EPERM" &&
		[ "$(auth virtio virtio_rng)" = "$before" ] && [ "$(auth pci e1000)" = 0 ] &&
		[ "$(param locked)" = 1 ]
}

# ---- malformed: bad input on the command line fails closed ----

# Each malformed entry is logged; none is in effect; a malformed deny
# entry made the default deny; audit=x left audit off; locked=x locked.
test_malformed_cmdline() {
	local n

	# The KUnit test's own malformed entries come later.
	n=$(dmesg | sed '/driver_auth: default /q' | grep -c 'driver_auth: malformed entry')
	[ "$n" = "$malformed" ] || { note "$n malformed entries logged, expected $malformed"; return 1; }
	dmesg | grep -q 'driver_auth: deny list not taken whole: default deny' &&
		[ "$(param default)" = deny ] && [ "$(param audit)" = 0 ] &&
		[ "$(param locked)" = 1 ] && [ "$(auth pci e1000)" = 0 ] &&
		dmesg | grep -qF "\`x' invalid for parameter \`driver_auth.audit'" &&
		dmesg | grep -qF "\`x' invalid for parameter \`driver_auth.locked'" &&
		dmesg | grep -qF "\`maybe' invalid for parameter \`driver_auth.default'"
}

# ---- names: every driver name of the deny boot, allowed ----

test_every_name_allowed() {
	local d n=0 bad=0

	[ "$(param default)" = deny ] || return 1
	for d in /sys/bus/*/drivers/*; do
		[ -e "$d/uevent" ] || continue
		n=$((n + 1))
		[ "$(cat "$d/authorized")" = 1 ] || { note "${d#/sys/bus/} is not authorized"; bad=1; }
	done
	[ "$n" -gt 0 ] && return "$bad"
}

# The list is measured as given, and reads back whole, or not at all when
# it is longer than a page.
test_names_read_back() {
	local given line

	[ -r "$IMA_LOG" ] || return 2
	given=$(sed -n 's/^kernel\.driver_auth\.allow = "\(.*\)"$/\1/p' /proc/bootconfig)
	[ -n "$given" ] || return 1
	line=$(ima_text "$(ima_entries | grep ' driver_auth_boot ' | head -n1)" | grep '^allow=')
	[[ "$line" == *",$given" ]] || { note "the measured allow= does not end with the list given"; return 1; }
	if [ ${#line} -lt 4000 ]; then
		[ "allow=$(param allow)" = "$line" ]
	else
		! cat "$PARAMS/allow" >/dev/null 2>&1
	fi
}

if [ "${1:-}" = names ]; then
	print_names
	exit 0
fi
case $policy in
nopolicy) tests=(test_all_authorized test_deauthorize_bind_authorize test_unbindable_busy) ;;
deny) tests=(test_denied_untouched test_virtio_bound_as_authorized
	     test_denied_virtio_acknowledged test_refusal_reported test_override_refused
	     test_second_driver_and_hand_over test_autoprobe_off
	     test_runtime_decision_remembered test_quoted_name test_ima test_unbindable_busy
	     test_serio_drvctl test_i2c_detect test_usbfs_claim) ;;
audit) tests=(test_audit_binds test_audit_deauthorize_keeps test_unbindable_busy
	      test_serio_drvctl test_i2c_detect test_usbfs_claim) ;;
locked) tests=(test_locked_refuses test_serio_drvctl test_i2c_detect test_usbfs_claim) ;;
malformed) tests=(test_malformed_cmdline) ;;
names) tests=(test_every_name_allowed test_names_read_back) ;;
*) echo "RIG-CHECK policy FAIL unknown rig.policy='$policy'"; exit 0 ;;
esac
[ -d "$PARAMS" ] || { echo "RIG-CHECK policy FAIL no driver_auth in this kernel"; exit 0; }
tests=(test_attr_everywhere test_params test_malformed_writes "${tests[@]}")
for t in "${tests[@]}"; do
	"$t"
	case $? in
	0) echo "RIG-CHECK $t ok" ;;
	2) echo "RIG-CHECK $t skip" ;;
	*) echo "RIG-CHECK $t FAIL" ;;
	esac
done
[ "$policy" != deny ] || print_names
