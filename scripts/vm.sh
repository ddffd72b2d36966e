#!/bin/bash
# vm.sh NAME LOG [KERNEL-ARGS...]: boot build/bzImage-NAME with its initramfs
# in QEMU under a hard timeout, console to LOG (and to stdout when
# RIG_INTERACTIVE=1). QEMU exits when the guest reboots or halts.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

name=$1 log=$2
shift 2
kernel=$BUILD/bzImage-$name
[ -e "$kernel" ] || die "no $kernel; build it first (make build)"
timeout_s=${RIG_TIMEOUT:-300}
mem=${RIG_MEM:-512}
# /dev/kvm may exist and still hang a guest here: TCG unless asked.
accel=${RIG_ACCEL:-tcg}
disk=$BUILD/disk.img
[ -f "$disk" ] || truncate -s 8M "$disk"
qmp=$BUILD/qmp-$name.sock

# shellcheck disable=SC2054 # commas are QEMU option syntax
args=(-accel "$accel" -M pc -m "$mem" -smp 2 -nographic -no-reboot
      -kernel "$kernel" -initrd "${RIG_INITRD:-$BUILD/initramfs-$name.cpio.gz}"
      -append "console=ttyS0 panic=-1 oops=panic $*"
      -nic none
      -netdev user,id=n0 -device virtio-net-pci,netdev=n0,addr=3,romfile=
      -netdev user,id=n1 -device e1000,netdev=n1,addr=4,romfile=
      -device virtio-rng-pci,addr=5
      -drive file="$disk",if=none,id=d0,format=raw -device virtio-blk-pci,drive=d0,addr=6
      -device virtio-serial-pci,addr=7 -device virtconsole,id=vc0
      -device virtio-balloon-pci,addr=8
      -device qemu-xhci,id=xhci,addr=0xa -device usb-kbd,bus=xhci.0
      -qmp unix:"$qmp",server=on,wait=off)
# RIG_HOTPLUG=1 adds a PCI bridge whose SHPC slot 1 holds a virtio-rng
# device (id hp0) that QMP can unplug and plug again. The guest has no
# ACPI: the PIIX4 must leave the bridge's hot-plug to its SHPC.
if [ "${RIG_HOTPLUG:-0}" = 1 ]; then
	# shellcheck disable=SC2054 # commas are QEMU option syntax
	args+=(-global PIIX4_PM.acpi-pci-hotplug-with-bridge-support=off
	       -device pci-bridge,id=br1,chassis_nr=1,shpc=on,addr=9
	       -device virtio-rng-pci,id=hp0,bus=br1,addr=1)
fi
# RIG_QEMU_ARGS adds options, such as -icount for the benchmark.
read -r -a extra <<<"${RIG_QEMU_ARGS:-}"
args+=("${extra[@]}")
if [ "${RIG_INTERACTIVE:-0}" = 1 ]; then
	exec qemu-system-x86_64 "${args[@]}"
fi
rc=0
timeout "$timeout_s" qemu-system-x86_64 "${args[@]}" </dev/null >"$log" 2>&1 || rc=$?
[ "$rc" -ne 124 ] || die "$name guest did not halt within ${timeout_s}s; see $log"
[ "$rc" -eq 0 ] || die "qemu exited with $rc; see $log"
grep -q '^RIG-END' "$log" || die "$name guest did not finish its run; see $log"
