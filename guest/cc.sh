#!/bin/bash
# The realistic guest's checks (rig.mode=cc, run by guest/init; the host
# side is scripts/boot-tests.sh). The protocol goes over hvc0, never ttyS0,
# which is a device under test: RIG-BEGIN, KTAP lines, the bindings
# (RIG-BIND), the kernel log (RIG-DMESG), RIG-END.
# From the command line: rig.marker= (the root disk's marker, also in the
# virtio-fs share) and rig.bound= (the devices under test that must bind:
# tpm, nvme, virtio-scsi, ahci, virtiofs, ...; every other one must stay
# unbound). rig.virtiofs=1: the host shares a directory through virtiofsd;
# rig.qmp=1: it drives the machine over QMP. rig.bench=1 (make bench): print only
# the time init started, BENCH init_ns, and end. rig.policy=names (the names
# boot): run guest/policy.sh's checks too. Every boot prints every driver's
# name as an allow entry, RIG-NAMES, for the names boot.

# The guest's clock when init started, before anything waits.
t_init=$(/bench/clock 2>/dev/null)
# hvc0 appears once virtio_console has bound and the host's port is up.
i=0
while [ ! -c /dev/hvc0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -c /dev/hvc0 ]; then
	echo "RIG-CC no /dev/hvc0 after 10 s: virtio_console did not bind"
	exit 1
fi
exec >/dev/hvc0 2>&1 </dev/null

marker='' bound='' bench=0 qmp=0 vfs=0
read -r cmdline </proc/cmdline
for arg in $cmdline; do
	case $arg in
	rig.marker=*) marker=${arg#rig.marker=} ;;
	rig.bound=*) bound=$(echo "${arg#rig.bound=}" | tr , ' ') ;;
	rig.bench=1) bench=1 ;;
	rig.qmp=1) qmp=1 ;;
	rig.virtiofs=1) vfs=1 ;;
	esac
done
if [ "$bench" = 1 ]; then
	echo "RIG-BEGIN cc bench kernel=$(uname -r)"
	echo "BENCH init_ns $t_init"
	echo "RIG-END"
	exit 0
fi

# shellcheck source=guest/ktap.sh
. /rig/ktap.sh
# expect NAME: true when NAME is in rig.bound
expect() {
	case " $bound " in *" $1 "*) return 0 ;; esac
	return 1
}
# bound_to DEVICE DRIVER: true when DRIVER (empty: none) holds DEVICE
bound_to() {
	[ "$(drv "$1")" = "$2" ]
}
# refused DRIVER DEVICE: true when the log has pci:DRIVER's refusal of DEVICE
refused() {
	dmesg | grep -q "driver_auth: denied pci:$1 for device ${2##*/}\$"
}
# poll SECONDS COMMAND...: true once COMMAND is, tried every 0.1 s
poll() {
	local i

	for ((i = 0; i < $1 * 10; i++)); do
		"${@:2}" && return 0
		sleep 0.1
	done
	"${@:2}"
}
# pci_class CLASS: the PCI devices of a class, e.g. 0x010802 (NVMe)
pci_class() {
	grep -lx "$1" /sys/bus/pci/devices/*/class 2>/dev/null | sed 's,/class$,,'
}
# virtio_id ID: the virtio devices of a device ID, e.g. 0x0008 (SCSI)
virtio_id() {
	grep -lx "$1" /sys/bus/virtio/devices/*/device 2>/dev/null | sed 's,/device$,,'
}
# bound_count BUS DRIVER: how many devices DRIVER of BUS is bound to
bound_count() {
	c=0
	for l in /sys/bus/"$1"/drivers/"$2"/*; do
		[ -L "$l" ] && [ -e "$l/uevent" ] && [ "${l##*/}" != module ] && c=$((c + 1))
	done
	echo $c
}

echo "RIG-BEGIN cc bound=[$bound] kernel=$(uname -r)"
echo "KTAP version 1"
echo "1..$((21 + 2 * qmp))"

# 1. ttyS0 round trip: the host writes "RIG-TOKEN T", this echoes
# "RIG-ECHO T" and reads the host's verdict. Only userspace writes
# RIG-ECHO: the line discipline's own echo of the token does not count.
# Every wait is bounded, and nothing here waits for ttyS0 to drain (stty
# would, and so may the reader's close): the reader runs in the
# background and this script only polls for its verdict.
rm -f /tmp/serial.verdict
if [ -c /dev/ttyS0 ]; then
	(
		exec 3<>/dev/ttyS0
		echo "RIG-SERIAL ready"
		v=notoken
		if read -r -t 30 tok <&3; then
			tok=${tok%$'\r'}
			echo "RIG-ECHO ${tok#RIG-TOKEN }" >&3
			v=noverdict
			read -r -t 20 line <&3 && v=${line#RIG-RESULT }
		fi
		echo "${v%$'\r'}" >/tmp/serial.verdict
	) &
	i=0
	while [ ! -s /tmp/serial.verdict ] && [ $i -lt 600 ]; do sleep 0.1; i=$((i + 1)); done
	v=$(cat /tmp/serial.verdict 2>/dev/null)
else
	echo "RIG-SERIAL none"
	v=nodevice
fi
case $v in
ok) result OK "ttyS0 round trip" ;;
fail) result FAIL "ttyS0 round trip" "the token reached the guest; the host saw no echo in time" ;;
notoken) result FAIL "ttyS0 round trip" "no token from the host within 30 s (receive path)" ;;
noverdict) result FAIL "ttyS0 round trip" "echoed; no verdict from the host within 20 s" ;;
nodevice) result FAIL "ttyS0 round trip" "no /dev/ttyS0" ;;
*) result FAIL "ttyS0 round trip" "no answer from the reader: '$v'" ;;
esac

# 2. hvc0: this line reaching the host is the check (the host also wants RIG-END).
result OK "hvc0 carries the protocol"

# mount_marker WHAT SOURCE MOUNT-ARGS...: one KTAP line: WHAT mounts on
# /mnt/check and holds the marker the host wrote.
mount_marker() {
	local what=$1 src=$2 m
	shift 2
	mkdir -p /mnt/check
	if ! mount "$@" /mnt/check; then
		result FAIL "$what mounts" "mount of $src failed"
		return
	fi
	m=$(cat /mnt/check/rig-marker 2>/dev/null)
	if [ -n "$marker" ] && [ "$m" = "$marker" ]; then
		result OK "$what mounts, marker read"
	else
		result FAIL "$what mounts" "marker differs: '$m'"
	fi
	umount /mnt/check
}

# 3. The root disk: virtio-blk, ext4, with the marker the host wrote.
root=$(virtio_id 0x0002 | head -n1)
blk=
for b in "$root"/block/*; do
	[ -e "$b" ] && blk=${b##*/}
done
if [ -z "$blk" ]; then
	result FAIL "root disk (virtio-blk) mounts" "no virtio-blk disk (driver: $(drv "$root"))"
else
	mount_marker "root disk (virtio-blk)" "/dev/$blk" -t ext4 -o ro "/dev/$blk"
fi

# 4. virtio-net has link once up.
net=
for d in /sys/class/net/*; do
	[ "$(drv "$d/device")" = virtio_net ] && net=${d##*/}
done
carrier=0
if [ -n "$net" ] && ip link set "$net" up; then
	i=0
	while [ $i -lt 50 ]; do
		carrier=$(cat "/sys/class/net/$net/carrier" 2>/dev/null)
		[ "$carrier" = 1 ] && break
		sleep 0.1
		i=$((i + 1))
	done
fi
if [ "$carrier" = 1 ]; then
	result OK "virtio-net $net has carrier"
else
	result FAIL "virtio-net has carrier" "interface '${net:-none}', carrier '$carrier'"
fi

# 5. Faux devices: cfg80211's "regulatory" is bound to faux_driver.
reg=/sys/bus/faux/devices/regulatory
fauth=$(cat /sys/bus/faux/drivers/faux_driver/authorized 2>/dev/null)
if [ ! -e "$reg" ]; then
	# A faux device that does not bind is removed again at once.
	result FAIL "faux device regulatory bound to faux_driver" "no $reg (faux_driver authorized=$fauth)"
elif [ "$(drv "$reg")" != faux_driver ]; then
	result FAIL "faux device regulatory bound to faux_driver" \
		"driver '$(drv "$reg")', faux_driver authorized=$fauth"
else
	result OK "faux device regulatory bound to faux_driver"
fi

# 6. The host-emulated TPM (tpm-crb, ACPI MSFT0101; tpm_tis matches it
# too): bound with /dev/tpm0 only when expected, else every driver that
# matches it reads authorized 0.
tpm=/sys/bus/platform/devices/MSFT0101:00
tdrv=$(drv "$tpm")
auth=$(cat /sys/bus/platform/drivers/tpm_crb_acpi/authorized 2>/dev/null)
auth=$auth/$(cat /sys/bus/platform/drivers/tpm_tis/authorized 2>/dev/null)
if [ ! -e "$tpm" ]; then
	result FAIL "TPM (MSFT0101)" "no $tpm: is the host's tpm-crb there?"
elif expect tpm; then
	if [ "$tdrv" = tpm_crb_acpi ] && [ -c /dev/tpm0 ]; then
		result OK "TPM bound to tpm_crb_acpi, /dev/tpm0 present"
	else
		result FAIL "TPM bound" "driver '$tdrv', /dev/tpm0 $([ -c /dev/tpm0 ] && echo present || echo absent)"
	fi
elif [ -z "$tdrv" ] && [ ! -e /dev/tpm0 ] && [ "$auth" = 0/0 ]; then
	result OK "TPM denied: tpm_crb_acpi/tpm_tis authorized 0/0, unbound, no /dev/tpm0"
else
	result FAIL "TPM denied" "driver '$tdrv', authorized tpm_crb_acpi/tpm_tis '$auth', /dev/tpm0 $([ -e /dev/tpm0 ] && echo present || echo absent)"
fi

# 7. The other disks: each bound to exactly its driver when its platform
# line is given, with one disk on it; else unbound, with no disk.
# disk NAME CONTROLLER DRIVER BLOCK-GLOB
disk_fail=
disk() {
	if [ -z "$2" ]; then
		disk_fail="$disk_fail $1: no device;"
		return
	fi
	d=$(drv "$2")
	nblk=$(find "$2/" -maxdepth 8 -type d -name "$4" 2>/dev/null | wc -l)
	if expect "$1"; then
		[ "$d" = "$3" ] && [ "$nblk" = 1 ] ||
			disk_fail="$disk_fail $1: driver '$d' (want $3), $nblk disk(s) (want 1);"
	else
		[ -z "$d" ] && [ "$nblk" = 0 ] ||
			disk_fail="$disk_fail $1: driver '$d' (want none), $nblk disk(s) (want 0);"
	fi
}
disk nvme "$(pci_class 0x010802 | head -n1)" nvme 'nvme*n*'
disk virtio-scsi "$(virtio_id 0x0008 | head -n1)" virtio_scsi 'sd*'
disk ahci "$(pci_class 0x010601 | head -n1)" ahci 'sd*'
# sd serves the two SCSI lines: one disk each, no other.
want=0
expect virtio-scsi && want=$((want + 1))
expect ahci && want=$((want + 1))
sd=$(bound_count scsi sd)
[ "$sd" = "$want" ] || disk_fail="$disk_fail sd bound to $sd disk(s) (want $want);"
if [ -z "$disk_fail" ]; then
	result OK "disks: bound [${bound:-none}] exactly, the others unbound"
else
	result FAIL "disks bound as the policy says" "$disk_fail"
fi

# 8. No device is bound to a driver whose authorized reads 0.
bad=
for a in /sys/bus/*/drivers/*/authorized; do
	[ "$(cat "$a")" = 0 ] || continue
	d=${a%/authorized}
	b=${d#/sys/bus/}
	c=$(bound_count "${b%%/*}" "${d##*/}")
	[ "$c" = 0 ] || bad="$bad ${b%%/*}:${d##*/}($c)"
done
if [ -z "$bad" ]; then
	result OK "no device bound to a denied driver"
else
	result FAIL "no device bound to a denied driver" "bound:$bad"
fi

# 9. Every driver has its authorized attribute.
missing=
for d in /sys/bus/*/drivers/*; do
	[ -e "$d/authorized" ] || missing="$missing ${d#/sys/bus/}"
done
if [ -z "$missing" ]; then
	result OK "every driver has authorized"
else
	result FAIL "every driver has authorized" "missing:$missing"
fi

# 10. ttyS0 lies outside the policy: 8250's init registers the legacy
# ports and probes the UART before any driver binds (the admin guide's
# "What it does not cover"). Under default deny, serial8250 and pnp:serial
# are denied and bind nothing, and ttyS0 is a 16550A all the same.
# /sys/class/tty/ttyS0/type is the UART type serial_core found: 4 is a
# 16550A (PORT_16550A), and 0 would mean no UART answered at the port.
uart=$(cat /sys/class/tty/ttyS0/type 2>/dev/null)/$(cat /sys/class/tty/ttyS0/port 2>/dev/null)
pnp=$(grep -lx PNP0501 /sys/bus/pnp/devices/*/id 2>/dev/null | head -n1)
pnp=${pnp%/id}
sauth=$(cat /sys/bus/platform/drivers/serial8250/authorized 2>/dev/null)
sauth=$sauth/$(cat /sys/bus/pnp/drivers/serial/authorized 2>/dev/null)
sdrv=$(drv /sys/bus/platform/devices/serial8250)/$([ -n "$pnp" ] && drv "$pnp")
if [ "$uart" != 4/0x3F8 ] || [ -z "$pnp" ]; then
	result FAIL "ttyS0 registered by 8250's init" "type/port '$uart', PNP0501 device '${pnp##*/}'"
elif [ "$sauth" = 0/0 ] && [ "$sdrv" = / ]; then
	result OK "ttyS0 a 16550A with serial8250 and pnp:serial denied and unbound (init code)"
elif [ "$sauth" = 1/1 ] && [ "$sdrv" = serial8250/serial ]; then
	result OK "ttyS0 a 16550A, bound to pnp:serial, the legacy ports to serial8250"
else
	result FAIL "ttyS0 registered by 8250's init" "serial8250/pnp:serial authorized '$sauth', bound '$sdrv'"
fi

# 11. HDA: QEMU's intel-hda with an hda-duplex codec (mixer off), an ID
# the generic parser's table lists, so that its match() stores the
# codec's preset. The codec binds to the parser when snd_hda_intel and
# it are authorized ("hda"). With the controller allowed and the parser
# denied ("hda-ctl"), a refused match must leave no preset behind: the
# controller finds no driver for the codec and gives it up; a codec
# left registered with no driver is the failure. Else the controller
# stays unbound.
hctl=$(pci_class 0x040300 | head -n1)
i=0
while [ -n "$hctl" ] && [ "$(drv "$hctl")" = snd_hda_intel ] && [ $i -lt 300 ] &&
	[ ! -e /sys/class/sound/card0 ] && ! dmesg | grep -q 'Cannot probe codecs'; do
	sleep 0.1
	i=$((i + 1))
done
codecs='' nodrv=''
for c in /sys/bus/hdaudio/devices/*; do
	[ -e "$c" ] || continue
	codecs="$codecs ${c##*/}:$(cat "$c/vendor_id" 2>/dev/null)/$(drv "$c")"
	[ -n "$(drv "$c")" ] || nodrv="$nodrv ${c##*/}"
done
hdrv=$([ -n "$hctl" ] && drv "$hctl")
if [ -z "$hctl" ]; then
	result FAIL "HDA codec bound as the policy says" "no HDA controller: is the host's intel-hda there?"
elif [ -n "$nodrv" ]; then
	result FAIL "HDA codec bound as the policy says" "codec registered with no driver:$nodrv"
elif expect hda; then
	case $codecs in
	' '*:0x1af40021/snd_hda_codec_generic) result OK "HDA codec 0x1af40021 bound to the generic parser" ;;
	*) result FAIL "HDA codec bound to the generic parser" "controller '$hdrv', codecs [$codecs]" ;;
	esac
elif expect hda-ctl; then
	if [ "$hdrv" = snd_hda_intel ] && [ -z "$codecs" ] && [ ! -e /sys/class/sound/card0 ]; then
		result OK "HDA controller bound, generic parser denied: codec given up, no card"
	else
		result FAIL "HDA codec given up with its driver denied" "controller '$hdrv', codecs [$codecs], card0 $([ -e /sys/class/sound/card0 ] && echo present || echo absent)"
	fi
elif [ -z "$hdrv" ] && [ -z "$codecs" ]; then
	result OK "HDA controller denied and unbound, no codec"
else
	result FAIL "HDA controller denied" "controller '$hdrv', codecs [$codecs]"
fi

# 12. ses's class interface runs on every SCSI device outside ses's
# probe: it must run only while scsi:ses is authorized. scsi_debug
# (allowed at runtime where the policy denies it, as a user would)
# presents an enclosure LUN (ptype=13); a kprobe counts the interface's
# calls of enclosure_find(), which it makes for a LUN that claims no
# enclosure services, as scsi_debug's do; only ses calls it.
T=/sys/kernel/tracing
[ -e $T/kprobe_events ] || mount -t tracefs nodev $T 2>/dev/null
sdbg=/sys/bus/pseudo/drivers/scsi_debug
encl=''
if modprobe enclosure && echo 'p:rig_encl enclosure_find' >>$T/kprobe_events &&
	echo 1 >$T/events/kprobes/rig_encl/enable && modprobe scsi_debug ptype=13; then
	[ "$(cat $sdbg/authorized)" = 1 ] || echo 1 >$sdbg/authorized
	i=0
	while [ -z "$encl" ] && [ $i -lt 100 ]; do
		encl=$(grep -lx 13 /sys/bus/scsi/devices/*/type 2>/dev/null | head -n1)
		[ -n "$encl" ] || { sleep 0.1; i=$((i + 1)); }
	done
fi
if [ -z "$encl" ]; then
	result FAIL "ses's interface runs only while ses is authorized" "no scsi_debug enclosure LUN (modules, kprobe events?)"
elif ! modprobe ses; then
	result FAIL "ses's interface runs only while ses is authorized" "modprobe ses failed"
else
	hits=$(awk '$1 == "rig_encl" { print $2 }' $T/kprobe_profile)
	sauth=$(cat /sys/bus/scsi/drivers/ses/authorized)
	sbound=$(bound_count scsi ses)
	if [ "$sauth" = 1 ] && [ "${hits:-0}" -ge 1 ] && [ "$sbound" -ge 1 ]; then
		result OK "ses authorized: bound to the enclosure LUN, interface ran ($hits calls)"
	elif [ "$sauth" = 0 ] && [ "$hits" = 0 ] && [ "$sbound" = 0 ]; then
		result OK "ses denied: unbound, its interface looked up no LUN"
	else
		result FAIL "ses's interface runs only while ses is authorized" "authorized '$sauth', bound to $sbound, enclosure_find() calls '$hits'"
	fi
fi

# 13-16. Bus code that calls a driver's match(): it must not while the
# driver is denied. A kprobe counts the calls of the driver's match()
# (a MOD:FUNCTION probe waits for its module). Boots with "gates" in
# rig.bound authorize these drivers, and the same load must call it
# there, or the check could not fail; the others deny them.
# probe_hits NAME: the calls counted by kprobe event NAME
probe_hits() {
	awk -v e="$1" '$1 == e { print $2 }' $T/kprobe_profile
}
# match_check WHAT AUTHORIZED HITS FUNCTION DEVICES: one KTAP line. A
# denied driver's check also needs its match() in the kernel (a probe on a
# missing function counts nothing) and the devices it would be asked about
# (DEVICES, a glob) present.
match_check() {
	local nd=0 d

	# shellcheck disable=SC2086 # DEVICES is a glob
	for d in $5; do [ -e "$d" ] && nd=$((nd + 1)); done
	if expect gates; then
		if [ "$2" = 1 ] && [ "${3:-0}" -ge 1 ]; then
			result OK "$1: authorized, match() ran ($3 calls)"
		else
			result FAIL "$1: authorized here, its match() must run" "authorized '$2', match() calls '$3'"
		fi
	elif [ "$2" != 0 ]; then
		result FAIL "$1: denied here" "authorized '$2'"
	elif ! grep -qw "$4" /proc/kallsyms || dmesg | grep -q 'Failed to re-register probe'; then
		result FAIL "$1: denied, match() never ran" "no kprobe on $4"
	elif [ "$nd" -eq 0 ]; then
		result FAIL "$1: denied, match() never ran" "no device to match ($5)"
	elif [ "$3" = 0 ]; then
		result OK "$1: denied, match() never ran ($nd devices kept for it)"
	else
		result FAIL "$1: denied, match() never ran" "match() calls '$3'"
	fi
}

# 13. ISA: gpio-winbond's match() probes the Super I/O ports. QEMU has no
# such chip: authorized, the match fails and the device goes; denied, the
# device stays registered, unbound.
if echo 'p:rig_isa gpio_winbond:winbond_gpio_imatch' >>$T/kprobe_events &&
	echo 1 >$T/events/kprobes/rig_isa/enable && modprobe gpio-winbond; then
	match_check "ISA gpio-winbond" "$(cat /sys/bus/isa/drivers/gpio_winbond/authorized)" \
		"$(probe_hits rig_isa)" winbond_gpio_imatch '/sys/bus/isa/devices/gpio_winbond.*'
else
	result FAIL "ISA gpio-winbond calls match() only while authorized" "gpio-winbond or the kprobe failed"
fi

# 14. VME: vme_user on the fake bridge (bus 0), which asks its match()
# for each slot.
if echo 'p:rig_vme vme_user:vme_user_match' >>$T/kprobe_events &&
	echo 1 >$T/events/kprobes/rig_vme/enable && modprobe vme_fake &&
	modprobe vme_user bus=0; then
	match_check "VME vme_user" "$(cat /sys/bus/vme/drivers/vme_user/authorized)" \
		"$(probe_hits rig_vme)" vme_user_match '/sys/bus/vme/devices/vme_user.*'
else
	result FAIL "VME vme_user calls match() only while authorized" "vme_fake, vme_user or the kprobe failed"
fi

# 15. HID: hid-generic steps aside for a specific driver that matches; a
# denied one must not make it. A uhid device with the IDs of hid-vrc2,
# which the special-driver quirk table does not list: bound to vrc2 where
# it is authorized ("gates"), else to hid-generic (authorized here, as a
# user would).
hg=/sys/bus/hid/drivers/hid-generic
hgauth=$(cat $hg/authorized 2>/dev/null)
[ "$hgauth" != 0 ] || echo 1 >$hg/authorized
hdev='' uhid_pid=''
if modprobe uhid && modprobe hid-vrc2; then
	/rig/bin/uhid_dev 07c0 1125 >/tmp/uhid.out 2>&1 &
	uhid_pid=$!
	i=0
	while [ $i -lt 100 ]; do
		for hdev in /sys/bus/hid/devices/0003:07C0:1125.*; do
			[ -e "$hdev" ] || hdev=''
			break
		done
		[ -n "$hdev" ] && [ -n "$(drv "$hdev")" ] && break
		sleep 0.1
		i=$((i + 1))
	done
fi
vauth=$(cat /sys/bus/hid/drivers/vrc2/authorized 2>/dev/null)
hdrv=$([ -n "$hdev" ] && drv "$hdev")
if [ -z "$hdev" ]; then
	result FAIL "HID device bound as the policy says" "no uhid device ($(cat /tmp/uhid.out 2>/dev/null))"
elif expect gates && [ "$vauth" = 1 ] && [ "$hdrv" = vrc2 ]; then
	result OK "HID vrc2 authorized: bound to vrc2"
elif ! expect gates && [ "$vauth" = 0 ] && [ "$hdrv" = hid-generic ]; then
	result OK "HID vrc2 denied: hid-generic did not step aside"
else
	result FAIL "HID device bound as the policy says" "vrc2 authorized '$vauth', bound to '$hdrv'"
fi
if [ -n "$uhid_pid" ]; then
	kill "$uhid_pid" 2>/dev/null
	wait "$uhid_pid" 2>/dev/null
	[ -z "$hdev" ] || poll 10 test ! -e "$hdev"
fi
[ "$hgauth" != 0 ] || echo 0 >$hg/authorized

# 16. phylib: a PHY driver's match_phy_device() may read the PHY. The DSA
# mock-up switch registers four fixed PHYs; the Teranetics driver, loaded
# next, is asked about each. (Where dsa-loop is authorized, the "gates"
# boots, its switch takes eth0 as its conduit; nothing checks eth0 after.)
tn="/sys/bus/mdio_bus/drivers/Teranetics TN2020"
if echo 'p:rig_phy teranetics:teranetics_match_phy_device' >>$T/kprobe_events &&
	echo 1 >$T/events/kprobes/rig_phy/enable && modprobe dsa_loop &&
	modprobe teranetics; then
	match_check "phylib Teranetics TN2020" "$(cat "$tn/authorized")" "$(probe_hits rig_phy)" \
		teranetics_match_phy_device '/sys/bus/mdio_bus/devices/fixed-0:0*'
else
	result FAIL "phylib Teranetics TN2020 calls match_phy_device() only while authorized" "dsa_loop, teranetics or the kprobe failed"
fi

# 17-18. USB device drivers: the generic driver binds a USB device unless
# a specific device driver applies, and registering one reprobes the
# devices the generic driver holds. A denied driver must not have its
# match() run, make the generic driver step aside, or cause a reprobe. A
# gadget on dummy_hcd presents the IDs of two drivers in turn:
# apple-mfi-fastcharge (an ID table and match(), counted by a kprobe) and
# r8152's configuration selector (an ID table only; a kprobe counts
# device_reprobe()). This needs dummy_hcd, its gadget's driver and the
# USB core's generic and hub drivers authorized: the boots with "usb" in
# rig.bound; the others skip it. The two drivers are authorized where
# "gates" is.
CFS=/sys/kernel/config
G=$CFS/usb_gadget/g1
# gadget VENDOR PRODUCT: present the gadget with these IDs (hexadecimal,
# four digits); prints the host's device once the generic driver holds it
gadget() {
	local d i=0

	if [ ! -d $G ]; then
		modprobe dummy_hcd && modprobe libcomposite && modprobe usb_f_ss_lb || return 1
		[ -d $CFS/usb_gadget ] || mount -t configfs none $CFS || return 1
		mkdir $G $G/configs/c.1 $G/functions/SourceSink.0 &&
			ln -s $G/functions/SourceSink.0 $G/configs/c.1/ || return 1
	elif [ -n "$(cat $G/UDC)" ]; then
		echo >$G/UDC || return 1
	fi
	echo "0x$1" >$G/idVendor && echo "0x$2" >$G/idProduct && echo dummy_udc.0 >$G/UDC || return 1
	while [ $i -lt 300 ]; do
		for d in /sys/bus/usb/devices/*; do
			[ "$(cat "$d/idVendor" 2>/dev/null):$(cat "$d/idProduct" 2>/dev/null)" = "$1:$2" ] &&
				[ "$(drv "$d")" = usb ] && { echo "$d"; return 0; }
		done
		sleep 0.1
		i=$((i + 1))
	done
	return 1
}
if ! expect usb; then
	result OK "USB device driver match(): # SKIP this boot's policy denies dummy_hcd or its gadget"
	result OK "USB device driver with an ID table: # SKIP this boot's policy denies dummy_hcd or its gadget"
else
	# 17. apple-mfi-fastcharge: Apple's vendor ID, a product 0x12nn.
	udev=''
	echo 'p:rig_mfi apple_mfi_fastcharge:mfi_fc_match' >>$T/kprobe_events &&
		echo 1 >$T/events/kprobes/rig_mfi/enable && udev=$(gadget 05ac 1201) &&
		modprobe apple-mfi-fastcharge || udev=''
	mauth=$(cat /sys/bus/usb/drivers/apple-mfi-fastcharge/authorized 2>/dev/null)
	hits=$(probe_hits rig_mfi)
	if [ -z "$udev" ]; then
		result FAIL "USB device driver match() runs only while authorized" "no gadget, or the module or kprobe failed"
	elif expect gates && [ "$mauth" = 1 ] && poll 30 bound_to "$udev" apple-mfi-fastcharge &&
		[ "${hits:-0}" -ge 1 ]; then
		result OK "USB apple-mfi-fastcharge authorized: bound, match() ran ($hits calls)"
	elif ! expect gates && [ "$mauth" = 0 ] && [ "$hits" = 0 ] && [ "$(drv "$udev")" = usb ] &&
		grep -qw mfi_fc_match /proc/kallsyms; then
		result OK "USB apple-mfi-fastcharge denied: match() never ran, the generic driver kept it"
	else
		result FAIL "USB device driver match() runs only while authorized" "authorized '$mauth', bound to '$(drv "$udev")', match() calls '$hits'"
	fi
	# 18. r8152's configuration selector: Realtek's RTL8152 IDs. When
	# it is denied, loading it must reprobe nothing, and the generic
	# driver must take the device again after an unbind.
	udev=''
	echo 'p:rig_reprobe device_reprobe' >>$T/kprobe_events &&
		echo 1 >$T/events/kprobes/rig_reprobe/enable && udev=$(gadget 0bda 8152)
	before=$(probe_hits rig_reprobe)
	[ -z "$udev" ] || modprobe r8152 || udev=''
	rauth=$(cat /sys/bus/usb/drivers/r8152-cfgselector/authorized 2>/dev/null)
	after=$(probe_hits rig_reprobe)
	if [ -z "$udev" ]; then
		result FAIL "USB device driver with an ID table" "no gadget, or r8152 or the kprobe failed"
	elif expect gates && [ "$rauth" = 1 ] && poll 30 bound_to "$udev" r8152-cfgselector &&
		[ "$after" -gt "$before" ]; then
		result OK "USB r8152-cfgselector authorized: the device reprobed and bound to it"
	elif ! expect gates && [ "$rauth" = 0 ] && [ "$after" = "$before" ] && [ "$(drv "$udev")" = usb ] &&
		echo "${udev##*/}" >/sys/bus/usb/drivers/usb/unbind &&
		echo "${udev##*/}" >/sys/bus/usb/drivers_probe && poll 30 bound_to "$udev" usb; then
		result OK "USB r8152-cfgselector denied: no reprobe, the generic driver took the device back"
	else
		result FAIL "USB device driver with an ID table" "authorized '$rauth', bound to '$(drv "$udev")', device_reprobe() calls $before then $after"
	fi
fi

# 19. The e1000 NIC, which COCONUT-SVSM's launcher gives its guests:
# bound to e1000 where rig.bound says e1000 (that launcher's line), else
# unbound.
nic=$(grep -lx 0x100e /sys/bus/pci/devices/*/device 2>/dev/null | sed 's,/device$,,' | head -n1)
! expect e1000 || [ -z "$nic" ] || poll 10 bound_to "$nic" e1000
ndrv=$([ -n "$nic" ] && drv "$nic")
if [ -z "$nic" ]; then
	result FAIL "e1000 NIC bound as the policy says" "no e1000: is the host's there?"
elif expect e1000 && [ "$ndrv" = e1000 ] && ls "$nic/net" >/dev/null 2>&1; then
	result OK "e1000 NIC bound to e1000 ($(ls "$nic/net"))"
elif ! expect e1000 && [ -z "$ndrv" ]; then
	result OK "e1000 NIC unbound"
else
	result FAIL "e1000 NIC bound as the policy says" "bound to '$ndrv'"
fi

# 20. virtio-fs (rig.virtiofs=1: the host runs virtiofsd): the share
# mounts and holds the marker where rig.bound says virtiofs, else the
# device stays unbound. A host with no virtiofsd makes this a skip, or a
# failure where rig.bound says virtiofs (the kata line's point).
fsdev=$(virtio_id 0x001a | head -n1)
if [ "$vfs" != 1 ] && expect virtiofs; then
	result FAIL "virtio-fs share mounts" "the host has no virtiofsd"
elif [ "$vfs" != 1 ]; then
	result OK "virtio-fs share: # SKIP the host has no virtiofsd"
elif [ -z "$fsdev" ]; then
	result FAIL "virtio-fs bound as the policy says" "no virtio-fs device: is the host's there?"
elif expect virtiofs; then
	poll 10 bound_to "$fsdev" virtiofs
	if ! bound_to "$fsdev" virtiofs; then
		result FAIL "virtio-fs share mounts" "bound to '$(drv "$fsdev")'"
	else
		mount_marker "virtio-fs share" "tag rigfs" -t virtiofs rigfs
	fi
elif bound_to "$fsdev" "" && [ "$(cat /sys/bus/virtio/drivers/virtiofs/authorized 2>/dev/null)" = 0 ]; then
	result OK "virtio-fs device unbound, virtiofs authorized 0"
else
	result FAIL "virtio-fs bound as the policy says" \
		"bound to '$(drv "$fsdev")', virtiofs authorized '$(cat /sys/bus/virtio/drivers/virtiofs/authorized 2>/dev/null)'"
fi

# 21. The CMOS clock (ACPI PNP0B00), which a guest agent's hwclock reads:
# bound to rtc_cmos, with an rtc class device, where rig.bound says rtc
# (the Google Cloud line); else unbound, and rtc_cmos, which probes once,
# is gone from the bus.
cmos=/sys/bus/platform/devices/PNP0B00:00
if [ ! -e "$cmos" ]; then
	result FAIL "CMOS clock bound as the policy says" "no $cmos"
elif expect rtc; then
	if bound_to "$cmos" rtc_cmos && ls -d "$cmos"/rtc/rtc* >/dev/null 2>&1; then
		result OK "CMOS clock bound to rtc_cmos ($(ls "$cmos/rtc"))"
	else
		result FAIL "CMOS clock bound to rtc_cmos" "bound to '$(drv "$cmos")'"
	fi
elif bound_to "$cmos" "" && [ ! -e /sys/bus/platform/drivers/rtc_cmos ]; then
	result OK "CMOS clock unbound, rtc_cmos unregistered"
else
	result FAIL "CMOS clock unbound" "bound to '$(drv "$cmos")', rtc_cmos $([ -e /sys/bus/platform/drivers/rtc_cmos ] && echo registered || echo unregistered)"
fi

# 22-23, with rig.qmp=1: the host drives the machine over QMP.
# 22. Hot-plug: once this says it is ready, the host adds a virtio-blk disk
# and an e1000e NIC, each on a PCIe root port of its own (ACPI hot-plug,
# q35's default). The disk must bind to virtio_blk, which the built-in
# list allows; the NIC, whose driver it does not allow, must be refused
# (the log line, once the device is added) and stay unbound.
# 23. A graceful shutdown: the host presses the power button
# (system_powerdown); the key must come through acpi-button, which the
# built-in list allows, as a shutdown service would see it. The host then
# wants the guest off within its bound (scripts/boot-tests.sh).
if [ "$qmp" = 1 ]; then
	blk0=" $(virtio_id 0x0002 | tr '\n' ' ') "
	echo "RIG-HOTPLUG ready"
	i=0 hblk='' hnic=''
	while [ $i -lt 600 ]; do
		for d in $(virtio_id 0x0002); do
			case $blk0 in *" $d "*) ;; *) hblk=$d ;; esac
		done
		hnic=$(grep -lx 0x10d3 /sys/bus/pci/devices/*/device 2>/dev/null | sed 's,/device$,,' | head -n1)
		[ -n "$hblk" ] && [ -n "$hnic" ] && [ "$(drv "$hblk")" = virtio_blk ] &&
			[ -e "$hblk/block" ] && refused e1000e "$hnic" && break
		sleep 0.1
		i=$((i + 1))
	done
	hdisk=$(ls "$hblk/block" 2>/dev/null)
	if [ -n "$hblk" ] && [ "$(drv "$hblk")" = virtio_blk ] && [ -n "$hdisk" ] &&
		[ -n "$hnic" ] && refused e1000e "$hnic" && [ -z "$(drv "$hnic")" ] &&
		[ "$(cat /sys/bus/pci/drivers/e1000e/authorized)" = 0 ]; then
		result OK "hot-plug: the disk bound to virtio_blk ($hdisk), the e1000e refused and unbound"
	else
		result FAIL "hot-plug" "disk '${hblk##*/}' bound to '$(drv "$hblk")' ($hdisk), e1000e '${hnic##*/}' bound to '$(drv "$hnic")', refusal logged: $(refused e1000e "$hnic" && echo yes || echo no)"
	fi

	# The names of the input devices below those acpi-button holds.
	pbtn=''
	for b in /sys/bus/platform/drivers/acpi-button/*; do
		{ [ -L "$b" ] && [ -e "$b/uevent" ]; } || continue
		bp=$(readlink -f "$b")
		for inp in /sys/class/input/input*; do
			case $(readlink -f "$inp") in "$bp"/*) pbtn="$pbtn$(cat "$inp/name");" ;; esac
		done
	done
	# power_key says it is ready once it has the input devices open.
	if key=$(/rig/bin/power_key 60 "RIG-POWER ready") && [ -n "$pbtn" ] && [[ $pbtn == *"$key"* ]]; then
		result OK "power button: '$key' from acpi-button"
	else
		result FAIL "power button" "key '$key', acpi-button's input devices [$pbtn]"
	fi
fi

# The names boot: every driver is authorized, and the list measured as given.
case " $cmdline " in *" rig.policy=names "*) /rig/policy.sh ;; esac
# Every driver's name as an allow entry (for the names boot).
/rig/policy.sh names

# The bindings, for the record: bus:driver device, and the denied drivers.
for d in /sys/bus/*/drivers/*; do
	b=${d#/sys/bus/}
	for l in "$d"/*; do
		[ -L "$l" ] && [ -e "$l/uevent" ] && [ "${l##*/}" != module ] &&
			echo "RIG-BIND ${b%%/*}:${d##*/} ${l##*/}"
	done
	[ "$(cat "$d/authorized" 2>/dev/null)" = 0 ] && echo "RIG-DENIED ${b%%/*}:${d##*/}"
done
for bus in pci virtio pnp platform serial-base faux scsi; do
	for dev in /sys/bus/"$bus"/devices/*; do
		[ -e "$dev" ] && [ ! -e "$dev/driver" ] && echo "RIG-UNBOUND $bus ${dev##*/}"
	done
done
dmesg | sed 's/^/RIG-DMESG /'
echo "RIG-END"
