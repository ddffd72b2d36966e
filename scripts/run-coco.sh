#!/bin/bash
# run-coco.sh tdx|snp (make run-coco VM=tdx|snp): boot the realistic kernel
# (build/kernel-cc, "scripts/build.sh cc") as a real confidential guest under
# KVM, an Intel TDX trust domain or an AMD SEV-SNP guest, default deny with
# the built-in allowlist, and run the driver_auth kselftest in it. The host
# is checked first (scripts/coco-host.sh): anything missing stops the run at
# once, named, before anything is built.
#
# The command lines are those of QEMU's docs/system/i386/tdx.rst
# ("Launching a TD": -accel kvm -cpu host -object tdx-guest,id=tdx0
# -machine ...,confidential-guest-support=tdx0 -bios OVMF.fd; kernel-irqchip
# must be split) and docs/system/i386/amd-memory-encryption.rst ("To launch
# a SEV-SNP guest": -machine ...,confidential-guest-support=sev0 -object
# sev-snp-guest,id=sev0,cbitpos=51,reduced-phys-bits=1), with kernel-hashes=on
# so that the AMD SEV firmware measures and accepts the direct kernel boot.
# No memory backend is named: both objects make QEMU back private memory
# with KVM's guest_memfd itself (require_guest_memfd); the
# memory-backend-memfd,share=true of older SNP command lines predates that.
# For a confidential guest QEMU turns iommu_platform on for every virtio
# device, as the guest kernel requires. The SNP guest's CPU model is
# EPYC-v4, as AMD's own launch scripts use; cbitpos must match the host's
# CPUID 0x8000001F: 51 on every SNP EPYC so far (RIG_SNP_CBITPOS otherwise).
#
# Not scripted: an SNP guest under an SVSM (the SVSM vTPM, say). That takes
# COCONUT-SVSM, booted from an IGVM file (-object igvm-cfg), which Debian
# does not package; see README.md, "Confidential guests".
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

mode=${1:-}
case $mode in
tdx) want="Intel TDX" ;;
snp) want="SEV-SNP" ;;
*) die "usage: make run-coco VM=tdx|snp (run-coco.sh tdx|snp)" ;;
esac
fw=$("$ROOT/scripts/coco-host.sh" "$mode")

"$ROOT/scripts/deps.sh"
"$ROOT/scripts/fetch-base.sh"
[ -d "$TREE/.git" ] || "$ROOT/scripts/tree.sh"
"$ROOT/scripts/build.sh" cc
"$ROOT/scripts/initramfs.sh" cc

mkdir -p "$RESULTS"
log=$RESULTS/coco-$mode.log
rm -f "$log" "$log.hvc0" "$log.ttyS0" "$log.qemu"
# shellcheck disable=SC2054 # commas are QEMU option syntax
args=(-accel kvm -smp 2 -m "${RIG_MEM:-2048}" -nodefaults -display none -no-reboot
      -bios "$fw" -kernel "$BUILD/kernel-cc" -initrd "$BUILD/initramfs-cc.cpio.gz"
      -append "console=ttyS0 panic=-1 oops=panic rig.mode=coco ${RIG_EXTRA_ARGS:-}"
      -serial file:"$log.ttyS0"
      -device virtio-serial-pci -chardev file,id=hvc0,path="$log.hvc0"
      -device virtconsole,chardev=hvc0
      -netdev user,id=n0 -device virtio-net-pci,netdev=n0,romfile=
      -device virtio-rng-pci)
if [ "$mode" = tdx ]; then
	# shellcheck disable=SC2054
	args+=(-cpu host -machine q35,kernel-irqchip=split,confidential-guest-support=tdx0
	       -object tdx-guest,id=tdx0)
else
	# shellcheck disable=SC2054
	args+=(-cpu EPYC-v4 -machine q35,confidential-guest-support=sev0
	       -object "sev-snp-guest,id=sev0,cbitpos=${RIG_SNP_CBITPOS:-51},reduced-phys-bits=1,kernel-hashes=on")
fi
say "booting the cc kernel as an $want guest ($fw)"
rc=0
timeout "${RIG_TIMEOUT:-600}" qemu-system-x86_64 "${args[@]}" </dev/null >"$log.qemu" 2>&1 || rc=$?
[ "$rc" -ne 124 ] || die "the $mode guest did not halt within ${RIG_TIMEOUT:-600}s; see $log.ttyS0"
[ "$rc" -eq 0 ] || die "qemu exited with $rc; see $log.qemu and $log.ttyS0"
tr -d '\r' <"$log.hvc0" >"$log"
grep -q '^RIG-END' "$log" || die "the $mode guest did not finish its run; see $log and $log.ttyS0"
active=$(sed -n 's/^RIG-COCO //p' "$log")
[[ "$active" == *"$want"* ]] ||
	die "the guest is no $want guest (memory encryption active: '$active'); see $log.ttyS0"
sed -n '/^RIG-BEGIN/,/^RIG-END/p' "$log" | grep -v '^RIG-'
read -r p f s < <("$ROOT/scripts/parse-ksft.sh" "$log")
echo "$want guest ($active): $p passed, $f failed, $s skipped"
[ "$f" -eq 0 ]
