#!/bin/bash
# vm.sh NAME LOG [KERNEL-ARGS...]: boot build/kernel-NAME with its
# initramfs in QEMU under a hard timeout (RIG_TIMEOUT, 300 s), on the
# machine of its profile (scripts/lib.sh). QEMU exits when the guest
# reboots or halts. RIG_INITRD boots another initramfs (a names boot's
# bootconfig), RIG_QEMU_ARGS adds QEMU options (-icount for make bench).
#   pc: i440FX with no firmware: virtio-net, e1000, virtio-rng, virtio-blk,
#     virtio-console, virtio-balloon and a USB keyboard. The console (ttyS0)
#     goes to LOG, or to stdio with RIG_INTERACTIVE=1. RIG_HOTPLUG=1 adds
#     a hot-plug slot that QMP drives.
#   q35: UEFI (OVMF, direct kernel boot through the EFI stub), as a cloud
#     confidential guest sees it: root on virtio-blk, virtio-scsi, NVMe and
#     AHCI disks, virtio-net, e1000, a tpm-crb TPM backed by swtpm,
#     intel-hda with a codec, a virtio-fs share where the host has
#     virtiofsd, ttyS0 and hvc0. hvc0 (the rig's protocol) goes to LOG; ttyS0,
#     the kernel console and a device under test, is the unix socket
#     $CC_SERIAL for scripts/boot-tests.sh, logged to LOG's name with
#     -ttyS0; QEMU's own messages go to the one with -qemu. Disks, firmware
#     variables and the TPM's state are made afresh for each boot.
#   virt (arm64): QEMU's arm64 virt machine with its device tree: the PL011
#     console (ttyAMA0, to LOG), the PL031 clock, a virtio-blk disk on a
#     virtio-mmio slot that holds a marker (rig.marker=), and virtio-rng on
#     PCI behind the generic host bridge.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

name=$1 log=$(realpath -m "$2")
shift 2
profile "$name"
kernel=$BUILD/kernel-$name
initrd=${RIG_INITRD:-$BUILD/initramfs-$name.cpio.gz}
[ -e "$kernel" ] || die "no $kernel; build it first (scripts/build.sh $name)"
[ -e "$initrd" ] || die "no $initrd; run scripts/initramfs.sh $name"
timeout_s=${RIG_TIMEOUT:-300}
# /dev/kvm may exist and still hang a guest here: TCG unless asked (pc).
accel=${RIG_ACCEL:-tcg}
mkdir -p "$(dirname "$log")"

# pc_args: the small guest's machine.
pc_args() {
	local disk=$BUILD/disk.img
	[ -f "$disk" ] || truncate -s 8M "$disk"
	# shellcheck disable=SC2054 # commas are QEMU option syntax
	args=(-accel "$accel" -M pc -m "${RIG_MEM:-512}" -smp 2 -nographic -no-reboot
	      -kernel "$kernel" -initrd "$initrd"
	      -append "console=ttyS0 panic=-1 oops=panic $*"
	      -nic none
	      -netdev user,id=n0 -device virtio-net-pci,netdev=n0,addr=3,romfile=
	      -netdev user,id=n1 -device e1000,netdev=n1,addr=4,romfile=
	      -device virtio-rng-pci,addr=5
	      -drive file="$disk",if=none,id=d0,format=raw -device virtio-blk-pci,drive=d0,addr=6
	      -device virtio-serial-pci,addr=7 -device virtconsole,id=vc0
	      -device virtio-balloon-pci,addr=8
	      -device qemu-xhci,id=xhci,addr=0xa -device usb-kbd,bus=xhci.0
	      -qmp unix:"$BUILD/qmp-$name.sock",server=on,wait=off)
	# A PCI bridge whose SHPC slot 1 holds a virtio-rng device (id hp0)
	# that QMP can unplug and plug again. The guest has no ACPI: the PIIX4
	# must leave the bridge's hot-plug to its SHPC.
	if [ "${RIG_HOTPLUG:-0}" = 1 ]; then
		# shellcheck disable=SC2054 # commas are QEMU option syntax
		args+=(-global PIIX4_PM.acpi-pci-hotplug-with-bridge-support=off
		       -device pci-bridge,id=br1,chassis_nr=1,shpc=on,addr=9
		       -device virtio-rng-pci,id=hp0,bus=br1,addr=1)
	fi
}

# q35_args: the realistic guest's machine; starts swtpm.
q35_args() {
	local run=$BUILD/cc-run base=${log%.log} marker i
	[ -r "$OVMF_CODE" ] || die "no $OVMF_CODE; run scripts/deps.sh (package ovmf)"
	command -v swtpm >/dev/null || die "no swtpm; run scripts/deps.sh (packages swtpm, swtpm-tools)"
	rm -rf "$run" "$CC_SERIAL" "$log" "$base-ttyS0.log" "$base-qemu.log"
	mkdir -p "$run/root" "$run/tpm"
	cp "$OVMF_VARS" "$run/OVMF_VARS.fd"
	marker=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
	echo "$marker" >"$run/root/rig-marker"
	mkfs.ext4 -q -F -L rigroot -d "$run/root" "$run/root.img" 16M >/dev/null ||
		die "mkfs.ext4 failed; run scripts/deps.sh (package e2fsprogs)"
	for i in scsi nvme ahci; do
		truncate -s 16M "$run/$i.img"
	done
	swtpm socket --tpm2 --tpmstate dir="$run/tpm" --ctrl type=unixio,path="$run/tpm.sock" \
		--terminate --log file="$run/swtpm.log" &
	tpm=$!
	for ((i = 0; i < 50; i++)); do
		[ -S "$run/tpm.sock" ] && break
		sleep 0.1
	done
	[ -S "$run/tpm.sock" ] || die "swtpm did not start; see $run/swtpm.log"
	# A virtio-fs share of $run/share, holding the marker, where the host
	# has virtiofsd (QEMU's, or the virtiofsd package's), which needs
	# root; RIG_VIRTIOFS=0 leaves it out (make bench). The guest's RAM is
	# then shared memory that virtiofsd maps. Without it, check 20 skips, or
	# fails where the scenario expects virtiofs.
	local vfsd='' vfs_args=() mem=${RIG_MEM:-1024}
	if [ "${RIG_VIRTIOFS:-1}" = 1 ] && [ "$(id -u)" -eq 0 ]; then
		vfsd=$(command -v virtiofsd || true)
		for i in /usr/libexec/virtiofsd /usr/lib/qemu/virtiofsd; do
			[ -n "$vfsd" ] || [ ! -x "$i" ] || vfsd=$i
		done
	fi
	if [ -n "$vfsd" ]; then
		mkdir -p "$run/share"
		echo "$marker" >"$run/share/rig-marker"
		"$vfsd" --socket-path="$run/vfs.sock" -o source="$run/share" -o cache=none \
			-o sandbox=chroot >"$run/virtiofsd.log" 2>&1 &
		vfs=$!
		for ((i = 0; i < 50; i++)); do
			{ [ -S "$run/vfs.sock" ] || ! kill -0 "$vfs" 2>/dev/null; } && break
			sleep 0.1
		done
		[ -S "$run/vfs.sock" ] || die "virtiofsd did not start; see $run/virtiofsd.log"
		# shellcheck disable=SC2054 # commas are QEMU option syntax
		vfs_args=(-object memory-backend-memfd,id=ram,size="${mem}M",share=on -machine memory-backend=ram
			  -chardev socket,id=vfs,path="$run/vfs.sock" -device vhost-user-fs-pci,chardev=vfs,tag=rigfs)
		set -- rig.virtiofs=1 "$@"
	fi
	# shellcheck disable=SC2054 # commas are QEMU option syntax
	args=(-accel tcg,thread=single -M q35 -smp 2 -m "$mem" -nodefaults
	      -display none -vga none -no-reboot
	      -drive if=pflash,format=raw,unit=0,readonly=on,file="$OVMF_CODE"
	      -drive if=pflash,format=raw,unit=1,file="$run/OVMF_VARS.fd"
	      -kernel "$kernel" -initrd "$initrd"
	      -append "console=ttyS0 loglevel=4 panic=-1 oops=panic rig.mode=cc rig.marker=$marker $*"
	      -chardev "socket,id=ser0,path=$CC_SERIAL,server=on,wait=off,logfile=$base-ttyS0.log"
	      -serial chardev:ser0
	      -device virtio-serial-pci -chardev file,id=hvc0,path="$log"
	      -device virtconsole,chardev=hvc0
	      -drive file="$run/root.img",if=none,id=root,format=raw -device virtio-blk-pci,drive=root
	      -netdev user,id=n0 -device virtio-net-pci,netdev=n0,romfile=
	      -netdev user,id=n1 -device e1000,netdev=n1,romfile=
	      -device virtio-scsi-pci,id=scsi0
	      -drive file="$run/scsi.img",if=none,id=scsi,format=raw -device scsi-hd,drive=scsi,bus=scsi0.0
	      -drive file="$run/nvme.img",if=none,id=nvme,format=raw -device nvme,drive=nvme,serial=rig-nvme
	      -drive file="$run/ahci.img",if=none,id=ahci,format=raw -device ide-hd,drive=ahci,bus=ide.0
	      -chardev socket,id=tpm,path="$run/tpm.sock"
	      -tpmdev emulator,id=tpm0,chardev=tpm -device tpm-crb,tpmdev=tpm0
	      -audiodev none,id=snd0 -device intel-hda,id=hda0
	      -device hda-duplex,bus=hda0.0,audiodev=snd0,mixer=off
	      -qmp unix:"$BUILD/qmp-$name.sock",server=on,wait=off
	      "${vfs_args[@]}")
}

# virt_args: the arm64 guest's machine.
virt_args() {
	local disk=$BUILD/arm64-disk.img marker
	marker=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
	echo "$marker" >"$disk"
	truncate -s 1M "$disk"
	# shellcheck disable=SC2054 # commas are QEMU option syntax
	args=(-accel tcg -M virt -cpu cortex-a57 -smp 2 -m "${RIG_MEM:-256}" -nographic -no-reboot
	      -kernel "$kernel" -initrd "$initrd"
	      -append "console=ttyAMA0 panic=-1 oops=panic rig.marker=$marker $*"
	      -nic none
	      -drive file="$disk",if=none,id=d0,format=raw -device virtio-blk-device,drive=d0
	      -device virtio-rng-pci)
}

# Only the pc machine's console can be stdio: q35's are a socket and a file,
# and virt's checks need their log.
[ "${RIG_INTERACTIVE:-0}" = 0 ] || [ "$P_MACHINE" = pc ] ||
	die "RIG_INTERACTIVE=1 is for the pc machine; $name boots on $P_MACHINE"
tpm='' vfs=''
# shellcheck disable=SC2317 # run by the trap
helpers_stop() {
	local p
	for p in $tpm $vfs; do
		kill "$p" 2>/dev/null || true
	done
}
trap helpers_stop EXIT
"${P_MACHINE}_args" "$@"
read -r -a extra <<<"${RIG_QEMU_ARGS:-}"
args+=("${extra[@]}")
if [ "${RIG_INTERACTIVE:-0}" = 1 ]; then
	exec "$P_QEMU" "${args[@]}"
fi
rc=0
if [ "$P_MACHINE" = q35 ]; then
	# --foreground: QEMU stays in this process group, which a kill reaches.
	timeout --foreground "$timeout_s" "$P_QEMU" "${args[@]}" </dev/null \
		>>"${log%.log}-qemu.log" 2>&1 || rc=$?
	qlog=${log%.log}-qemu.log
	see="$log and ${log%.log}-ttyS0.log (the kernel console)"
else
	timeout "$timeout_s" "$P_QEMU" "${args[@]}" </dev/null >"$log" 2>&1 || rc=$?
	qlog=$log see=$log
fi
[ "$rc" -ne 124 ] || die "$name guest did not halt within ${timeout_s}s; see $see"
[ "$rc" -eq 0 ] || die "qemu exited with $rc; see $qlog"
grep -q '^RIG-END' "$log" || die "$name guest did not finish its run; see $see"
