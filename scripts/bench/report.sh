#!/bin/bash
# bench/report.sh RAW BUILD_SECONDS RUN_SECONDS: the Markdown table of make
# bench: probe-path cycles, boot time, sizes and the probe path's code,
# each against the unpatched base built from the same config.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

raw=$1 build_s=$2 run_s=$3

# stats VARIANT METRIC-REGEX: "median spread% n" of the matching values
stats() {
	awk -F'\t' -v v="$1" -v m="$2" '$1 == v && $3 ~ m { print $4 }' "$raw" | sort -n |
		awk '{ a[NR] = $1 } END {
			if (!NR) { print "- - 0"; exit }
			med = NR % 2 ? a[(NR + 1) / 2] : (a[NR / 2] + a[NR / 2 + 1]) / 2
			printf "%.0f %.2f %d\n", med, 100 * (a[NR] - a[1]) / med, NR }'
}

row() {	# LABEL VARIANT METRIC-REGEX TARGET [BASE-VARIANT]
	local med spread n bmed
	read -r med spread n < <(stats "$2" "$3")
	read -r bmed _ _ < <(stats "${5:-base}" "$3")
	printf '| %s | %s | %s | %s%% | %s | %s |\n' "$1" \
		"$(awk -v a="$med" -v b="$bmed" 'BEGIN { printf "%.4f", a / b }')" \
		"$med" "$spread" "$n" "$4"
}

echo "### Probe path and boot (virtual time under -icount; base = unpatched 7.3.4)"
echo
echo "| measurement | patched/base | median (ns) | spread | samples | target |"
echo "|---|---|---|---|---|---|"
row "unbind+bind cycle, base" base '^cycle_ns' "-"
row "unbind+bind cycle, no policy" nopolicy '^cycle_ns' "<= 1.01"
row "unbind+bind cycle, default deny, allow 1" allow1 '^cycle_ns' "<= 1.02"
row "unbind+bind cycle, default deny, allow 100" allow100 '^cycle_ns' "<= 1.02, flat"
row "unbind+bind cycle, default deny, allow 10,000" allow10k '^cycle_ns' "<= 1.02, flat"
row "boot to init, base" base '^init_ns' "-"
row "boot to init, no policy" nopolicy '^init_ns' "<= 1.01"
row "boot to init, default deny, allow 100" allow100 '^init_ns' "<= 1.01"
# The realistic guest (make test's cc tier), against its own base.
cc=$(awk -F'\t' '$1 == "cc-base" { n++ } END { print n ? 1 : 0 }' "$raw")
if [ "$cc" = 1 ]; then
	row "boot to init, realistic guest, base" cc-base '^init_ns' "-" cc-base
	row "boot to init, realistic guest, no policy" cc-nopolicy '^init_ns' "<= 1.01" cc-base
	row "boot to init, realistic guest, default deny, built-in list" cc-deny '^init_ns' "-" cc-base
	row "boot to init, realistic guest, default deny, allow 1,000" cc-allow1k '^init_ns' "-" cc-base
	row "the same, 1,000 entries against the built-in list alone" cc-allow1k '^init_ns' \
		"<= 1.01" cc-deny
	row "boot to init, realistic guest, default deny, allow 10,000" cc-allow10k '^init_ns' "-" cc-base
	row "the same, 10,000 entries against the built-in list alone" cc-allow10k '^init_ns' \
		"- (linear)" cc-deny
fi
echo
echo "Each cycle sample is the mean of ${BENCH_LOOPS:-850} unbind/bind cycles of the virtio-rng device"
echo "through sysfs; boot samples count the kernel from reset to the start of init."
echo "A 10,000-entry allowlist does not fit the x86 command line (2048 bytes):"
echo "that kernel has it built in (CONFIG_DRIVER_AUTH_BUILTIN_ALLOW). The decision"
echo "is cached per driver when it registers, so the probe path never searches it."
if [ "$cc" = 1 ]; then
	echo "The realistic guest is make test's cc kernel (x86_64_defconfig, kvm_guest.config,"
	echo "configs/cc-guest.config) on q35 under OVMF with its TPM and disks; its base is"
	echo "the unpatched base built from that config. Its boot samples count the kernel's"
	echo "CLOCK_MONOTONIC when init starts, the firmware not included. Its 1,000- and"
	echo "10,000-entry lists are the x86 built-in list plus entries that match no driver,"
	echo "built in; the same drivers bind as with the built-in list alone (cc-deny), which"
	echo "is what they are compared with. Each driver that registers searches the list"
	echo "linearly, so boot grows with its size: flat is the target up to 1,000 entries."
	echo "Default deny boots faster than the base because the drivers it denies never"
	echo "probe."
fi
echo

echo "### Size (vmlinux, bytes)"
echo
echo "| kernel | text | data | bss | text vs base |"
echo "|---|---|---|---|---|"
read -r bt _ < <(size "$BUILD/out-bench-base/vmlinux" | tail -n1)
for k in bench-base:"unpatched base" bench-off:"series, CONFIG_DRIVER_AUTH=n" guest:"series, =y (with its KUnit test)"; do
	read -r t d b _ < <(size "$BUILD/out-${k%%:*}/vmlinux" | tail -n1)
	printf '| %s | %s | %s | %s | %+d |\n' "${k#*:}" "$t" "$d" "$b" $((t - bt))
done
# objtext OBJ: the text size of an object
objtext() { size "$1" | awk 'NR == 2 { print $1 }'; }
# The series' objects, the mechanism and the policy, from the guest's
# config without KUnit, whose exports and stubs would count too.
own="out-bench-size"
da=0 objs=""
for o in "$BUILD/$own"/drivers/base/driver_auth*.o; do
	t=$(objtext "$o")
	da=$((da + t))
	objs+="${objs:+, }${o##*/} $t"
done
# The fix (patches/fix) changes dd.c and core.c in the base, so that the
# series switched off differs from the base by that fix alone.
read -r ot od ob _ < <(size "$BUILD/out-bench-off/vmlinux" | tail -n1)
read -r bd bb < <(size "$BUILD/out-bench-base/vmlinux" | awk 'NR == 2 { print $2, $3 }')
fix=$(($(objtext "$BUILD/out-bench-off/drivers/base/dd.o") -
	$(objtext "$BUILD/out-bench-base/drivers/base/dd.o") +
	$(objtext "$BUILD/out-bench-off/drivers/base/core.o") -
	$(objtext "$BUILD/out-bench-base/drivers/base/core.o")))
echo
printf 'With CONFIG_DRIVER_AUTH=n the text differs from the base by %+d bytes, data by\n' $((ot - bt))
printf '%+d and bss by %+d; dd.o and core.o, where the fix frees the deferred probe\n' $((od - bd)) $((ob - bb))
printf 'reason the base leaks, account for %+d bytes of text: the feature itself adds\n' "$fix"
printf '%+d bytes (target 0).\n' $((ot - bt - fix + od - bd + ob - bb))
hooks=0
for o in bus core dd; do
	hooks=$((hooks + $(objtext "$BUILD/out-guest/drivers/base/$o.o") -
		 $(objtext "$BUILD/out-bench-off/drivers/base/$o.o")))
done
echo
echo "The series' own code with CONFIG_DRIVER_AUTH=y, without KUnit ($own):"
echo "$objs bytes of text ($da), plus $hooks bytes in bus.o, core.o and dd.o for"
echo "the hooks: $((da + hooks)) bytes (target <= 6144). The vmlinux difference above"
echo "also holds the KUnit test ($(objtext "$BUILD/out-guest/drivers/base/test/driver_auth_kunit.o") bytes of text in its object)."
echo "Per driver: an enum (4 bytes) in struct driver_private."
echo

echo "### Probe path code (__driver_probe_device)"
echo
# mnemonics KERNEL: the instruction mnemonics of __driver_probe_device
mnemonics() {
	objdump -d --no-show-raw-insn --disassemble=__driver_probe_device \
		"$BUILD/out-$1/vmlinux" | awk '/^ *[0-9a-f]+:/ { print $2 }'
}
for k in bench-base guest; do
	echo "- $k: $(mnemonics "$k" | wc -l) instructions"
done
added=$({ diff <(mnemonics bench-base) <(mnemonics guest) || true; } | sed -n 's/^> //p' |
	sort | uniq -c | awk '{ printf "%s%s x%s", (NR > 1 ? ", " : ""), $2, $1 }')
echo "- what the series adds to it: ${added:-nothing}"
if grep -q '^CONFIG_JUMP_LABEL=y' "$BUILD/out-guest/.config"; then
	echo "- CONFIG_JUMP_LABEL=y: with no policy the static branch is a NOP (a"
	echo "  2-byte one is xchg %ax,%ax) the probe falls through; the other added"
	echo "  instructions are the out-of-line call of the check, reached only"
	echo "  once the key is on."
else
	echo "- this config has no CONFIG_JUMP_LABEL: the static branch compiles to"
	echo "  a load of the key, a test and a not-taken jump."
fi
echo

echo "### Rig"
echo
edit=$(awk -F'\t' '$3 == "edit_loop_s" { print $4 }' "$raw")
echo "- edit-rebuild-boot loop (touch drivers/base/driver_auth.c, rebuild the"
echo "  guest kernel and initramfs, boot the default-deny test scenario):"
echo "  ${edit}s (target < 120s)"
echo "- build of the four kernels: ${build_s}s; the benchmark boots: ${run_s}s"
if [ "$cc" = 1 ]; then
	ccb=$(awk -F'\t' '$3 == "cc_build_s" { print $4 }' "$raw")
	ccr=$(awk -F'\t' '$3 == "cc_run_s" { print $4 }' "$raw")
	echo "- the realistic guest: build of its three kernels ${ccb}s; its"
	echo "  $(awk -F'\t' '$1 ~ /^cc-/ && $3 == "init_ns"' "$raw" | wc -l) boots ${ccr}s"
fi
echo "- machine: $(nproc) cores, QEMU TCG (no KVM)"
