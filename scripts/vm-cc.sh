#!/bin/bash
# vm-cc.sh LOG [KERNEL-ARGS...]: boot build/bzImage-cc with its initramfs
# on a q35 machine under UEFI (OVMF, direct kernel boot through its EFI
# stub), as a cloud confidential guest would see it: root on virtio-blk,
# virtio-scsi, NVMe and AHCI disks, virtio-net, a tpm-crb TPM backed by
# swtpm, ttyS0 and hvc0. hvc0 (the protocol) goes to LOG. ttyS0, the
# kernel console and a device under test, is the unix socket $CC_SERIAL
# for scripts/boot-cc.sh, logged to LOG's name with -ttyS0; QEMU's own
# messages go to the one with -qemu. Disks, firmware variables and the
# TPM's state are made afresh in build/cc-run for each boot. Hard timeout
# RIG_TIMEOUT (300 s; a boot takes about 20). RIG_CC_KERNEL=NAME boots
# build/bzImage-NAME with initramfs-NAME (default cc; make bench's other
# kernels), RIG_INITRD another initramfs (the names boot's bootconfig),
# RIG_QEMU_ARGS adds QEMU options (-icount for make bench).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

log=$(realpath -m "$1")
shift
base=${log%.log}
name=${RIG_CC_KERNEL:-cc}
kernel=$BUILD/bzImage-$name
initrd=${RIG_INITRD:-$BUILD/initramfs-$name.cpio.gz}
[ -e "$kernel" ] || die "no $kernel; build it first (scripts/build-cc.sh)"
[ -e "$initrd" ] || die "no $initrd; run scripts/initramfs.sh $name"
[ -r "$OVMF_CODE" ] || die "no $OVMF_CODE; run scripts/deps.sh (package ovmf)"
command -v swtpm >/dev/null || die "no swtpm; run scripts/deps.sh (packages swtpm, swtpm-tools)"
timeout_s=${RIG_TIMEOUT:-300}
run=$BUILD/cc-run
rm -rf "$run" "$CC_SERIAL" "$log" "$base-ttyS0.log" "$base-qemu.log"
mkdir -p "$run/root" "$run/tpm" "$(dirname "$log")"

# A writable copy of the firmware's variable store, fresh for each boot.
cp "$OVMF_VARS" "$run/OVMF_VARS.fd"
# The root disk: ext4 made here, with a marker the guest must read back.
marker=$(od -An -N8 -tx1 /dev/urandom | tr -d ' \n')
echo "$marker" >"$run/root/rig-marker"
mkfs.ext4 -q -F -L rigroot -d "$run/root" "$run/root.img" 16M >/dev/null ||
	die "mkfs.ext4 failed; run scripts/deps.sh (package e2fsprogs)"
for d in scsi nvme ahci; do
	truncate -s 16M "$run/$d.img"
done

# The TPM: swtpm on a control socket; it ends when QEMU disconnects.
swtpm socket --tpm2 --tpmstate dir="$run/tpm" --ctrl type=unixio,path="$run/tpm.sock" \
	--terminate --log file="$run/swtpm.log" &
tpm=$!
trap 'kill "$tpm" 2>/dev/null || true' EXIT
for ((i = 0; i < 50; i++)); do
	[ -S "$run/tpm.sock" ] && break
	sleep 0.1
done
[ -S "$run/tpm.sock" ] || die "swtpm did not start; see $run/swtpm.log"

# shellcheck disable=SC2054 # commas are QEMU option syntax
args=(-accel tcg,thread=single -M q35 -smp 2 -m "${RIG_MEM:-1024}" -nodefaults -display none -vga none -no-reboot
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
      -device virtio-scsi-pci,id=scsi0
      -drive file="$run/scsi.img",if=none,id=scsi,format=raw -device scsi-hd,drive=scsi,bus=scsi0.0
      -drive file="$run/nvme.img",if=none,id=nvme,format=raw -device nvme,drive=nvme,serial=rig-nvme
      -drive file="$run/ahci.img",if=none,id=ahci,format=raw -device ide-hd,drive=ahci,bus=ide.0
      -chardev socket,id=tpm,path="$run/tpm.sock"
      -tpmdev emulator,id=tpm0,chardev=tpm -device tpm-crb,tpmdev=tpm0)
read -r -a extra <<<"${RIG_QEMU_ARGS:-}"
args+=("${extra[@]}")
rc=0
# --foreground: QEMU stays in this process group, which a kill reaches.
timeout --foreground "$timeout_s" qemu-system-x86_64 "${args[@]}" </dev/null >>"$base-qemu.log" 2>&1 || rc=$?
[ "$rc" -ne 124 ] || die "cc guest did not halt within ${timeout_s}s; see $log and $base-ttyS0.log"
[ "$rc" -eq 0 ] || die "qemu exited with $rc; see $base-qemu.log"
grep -q '^RIG-END' "$log" || die "cc guest did not finish its run on hvc0; see $log and $base-ttyS0.log"
