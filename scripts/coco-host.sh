#!/bin/bash
# coco-host.sh tdx|snp: can this host run a real confidential guest, an
# Intel TDX trust domain or an AMD SEV-SNP guest, under KVM? Checks
# /dev/kvm and the VM types KVM offers, the KVM module's parameter, QEMU's
# guest object, the firmware and, for SNP, /dev/sev. Names everything
# missing and fails; else prints the firmware to boot. RIG_CC_FIRMWARE
# names the firmware instead of QEMU's firmware descriptors (Debian's
# ovmf-inteltdx and ovmf-amdsev packages ship them).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

case ${1:-} in
tdx)	name="Intel TDX" module=kvm_intel param=tdx since=6.16 vmtype=5 # KVM_X86_TDX_VM
	object=tdx-guest qemu=10.1 feature=intel-tdx pkg=ovmf-inteltdx
	fws=(/usr/share/ovmf/OVMF.inteltdx.fd /usr/share/ovmf/OVMF.inteltdx.ms.fd)
	hint="TDX enabled in the BIOS, the host kernel booted with kvm_intel.tdx=1" ;;
snp)	name="AMD SEV-SNP" module=kvm_amd param=sev_snp since=6.11 vmtype=4 # KVM_X86_SNP_VM
	object=sev-snp-guest qemu=9.1 feature=amd-sev-snp pkg=ovmf-amdsev
	fws=(/usr/share/ovmf/OVMF.amdsev.fd)
	hint="SEV-SNP enabled in the BIOS, SNP firmware on the AMD secure processor" ;;
*)	die "usage: coco-host.sh tdx|snp" ;;
esac
missing=()

# /dev/kvm, and whether KVM offers this VM type:
# KVM_CHECK_EXTENSION(KVM_CAP_VM_TYPES) is a bit mask of the types.
kvm_mods=$(find /sys/module -maxdepth 1 -name 'kvm*' -printf '%f ' 2>/dev/null)
kvm_mods=${kvm_mods% }
if [ ! -e /dev/kvm ]; then
	missing+=("KVM: no /dev/kvm (KVM modules loaded: ${kvm_mods:-none})")
elif [ ! -r /dev/kvm ] || [ ! -w /dev/kvm ]; then
	missing+=("KVM: /dev/kvm is not readable and writable by $(id -un) (group kvm?)")
else
	types=$(timeout 10 python3 -c '
import fcntl, os
fd = os.open("/dev/kvm", os.O_RDWR)
if fcntl.ioctl(fd, 0xAE00) == 12:		# KVM_GET_API_VERSION
	print(fcntl.ioctl(fd, 0xAE03, 235))	# KVM_CHECK_EXTENSION, KVM_CAP_VM_TYPES
' 2>/dev/null || true)
	if [ -z "$types" ]; then
		missing+=("KVM: /dev/kvm does not answer as KVM API 12")
	elif [ $(((types >> vmtype) & 1)) -eq 0 ]; then
		missing+=("KVM: /dev/kvm offers no $name VMs (KVM_CAP_VM_TYPES $(printf '%#x' "$types"), type $vmtype wanted; KVM modules loaded: $kvm_mods)")
	fi
fi

# The module parameter that turns the feature on in KVM.
p=/sys/module/$module/parameters/$param
if [ ! -d "/sys/module/$module" ]; then
	missing+=("$p: absent, $module is not loaded (KVM modules loaded: ${kvm_mods:-none})")
elif [ ! -e "$p" ]; then
	missing+=("$p: absent, $module is too old for $name (host support is in Linux $since)")
elif [ "$(cat "$p")" != Y ]; then
	missing+=("$p reads $(cat "$p"), not Y: needs $hint")
fi
if [ "$1" = snp ] && { [ ! -r /dev/sev ] || [ ! -w /dev/sev ]; }; then
	missing+=("/dev/sev: absent or not read-write (the SEV firmware device of the ccp module)")
fi

# QEMU's confidential guest object.
if ! command -v qemu-system-x86_64 >/dev/null; then
	missing+=("QEMU: no qemu-system-x86_64 (needs QEMU $qemu or newer)")
elif ! qemu-system-x86_64 -object help 2>/dev/null | grep -Eq "^[[:space:]]*$object\$"; then
	missing+=("QEMU: $(qemu-system-x86_64 --version | head -n1) has no $object object (needs QEMU $qemu or newer)")
fi

# The firmware: the override, else a QEMU firmware descriptor with the
# feature (memory-mapped, as -bios loads it), else Debian's file names.
fw=${RIG_CC_FIRMWARE:-}
if [ -z "$fw" ]; then
	fw=$(python3 - "$feature" <<'EOF' 2>/dev/null || true
import glob, json, os, sys
found = {}
for d in ("/usr/share/qemu/firmware", "/etc/qemu/firmware"):	# /etc wins
	for p in glob.glob(d + "/*.json"):
		found[os.path.basename(p)] = p
for name in sorted(found):
	try:
		j = json.load(open(found[name]))
	except (OSError, ValueError):
		continue
	m = j.get("mapping", {})
	if sys.argv[1] in j.get("features", []) and m.get("device") == "memory":
		print(m.get("filename", ""))
		break
EOF
)
	for f in "${fws[@]}"; do
		[ -n "$fw" ] || [ ! -r "$f" ] || fw=$f
	done
	[ -n "$fw" ] || missing+=("firmware: no $name OVMF (no QEMU firmware descriptor with $feature, no ${fws[*]}): install Debian's $pkg (edk2 2025.11 or later), or set RIG_CC_FIRMWARE")
fi
[ -z "$fw" ] || [ -r "$fw" ] || missing+=("firmware: $fw is not readable")

if [ ${#missing[@]} -gt 0 ]; then
	printf 'error: this host cannot run an %s guest (make run-coco VM=%s); missing:\n' "$name" "$1" >&2
	printf '  - %s\n' "${missing[@]}" >&2
	echo "Run it on a host with $name (see README.md, \"Confidential guests\")." >&2
	exit 1
fi
echo "$fw"
