#!/bin/bash
# bench/run.sh: make bench. Build the base and the patched kernel from the same
# config, boot them interleaved under QEMU's -icount (guest time counts
# instructions), and print one Markdown table of ratios against the base
# with the raw figures; save everything under build/bench/. The realistic
# (cc) guest too: its base, the series with no policy, default deny with
# the built-in list and with 10,000 entries, BENCH_CC_BOOTS boots each on
# q35 under OVMF.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/../lib.sh"

out=$BUILD/bench
mkdir -p "$out"
raw=$out/raw.tsv
loops=${BENCH_LOOPS:-850}	# per repeat; 3 repeats per boot
rounds=${BENCH_ROUNDS:-4}	# loop boots per variant
boots=${BENCH_BOOTS:-10}	# boot-only boots per variant
cc_boots=${BENCH_CC_BOOTS:-5}	# realistic guest boots per variant

"$ROOT/scripts/deps.sh"
"$ROOT/scripts/fetch-base.sh"
[ -d "$TREE/.git" ] || "$ROOT/scripts/tree.sh"
start=$(date +%s)
"$ROOT/scripts/bench/build.sh" guest
build_s=$(( $(date +%s) - start ))
start=$(date +%s)
"$ROOT/scripts/bench/build.sh" cc
cc_build_s=$(( $(date +%s) - start ))

allow100="virtio:virtio_rng"
for i in $(seq 99); do allow100+=",bench$i:drv$i"; done
declare -A kernel=([base]=bench-base [nopolicy]=guest [allow1]=guest [allow100]=guest
	[allow10k]=bench-allow10k)
declare -A cmdline=([base]="" [nopolicy]=""
	[allow1]="driver_auth.default=deny driver_auth.allow=virtio:virtio_rng"
	[allow100]="driver_auth.default=deny driver_auth.allow=$allow100"
	[allow10k]="driver_auth.default=deny")

# run VARIANT TAG LOOPS: one boot; append its BENCH lines to the raw file.
run() {
	local log=$out/$1-$2.log
	RIG_QEMU_ARGS="-icount shift=0,sleep=off" RIG_TIMEOUT=1800 \
		"$ROOT/scripts/vm.sh" "${kernel[$1]}" "$log" rig.mode=bench kunit.enable=0 \
		"bench.loops=$3" "${cmdline[$1]}" ||
		die "bench boot $1 $2 failed; see $log"
	! grep -q '^BENCH error' "$log" || die "bench boot $1 $2: $(grep '^BENCH error' "$log")"
	grep '^BENCH ' "$log" | tr -d '\r' | awk -v v="$1" -v t="$2" '{ print v "\t" t "\t" $2 "\t" $3 }' >>"$raw"
}

: >"$raw"
start=$(date +%s)
# base and no policy get >= 10,000 cycles each; the active policies one
# boot each, since they only show whether the list size matters.
for r in $(seq "$rounds"); do
	variants=(base nopolicy)
	[ "$r" -gt 1 ] || variants+=(allow1 allow100 allow10k)
	for v in "${variants[@]}"; do
		say "bench: loop round $r, $v"
		run "$v" "loop$r" "$loops"
	done
done
for b in $(seq "$boots"); do
	for v in base nopolicy allow100; do
		run "$v" "boot$b" 0
	done
done
run_s=$(( $(date +%s) - start ))

# The realistic guest: the same boots as make test's, under OVMF, its
# guest/cc.sh printing only when init started (rig.bench=1).
# cc-deny, default deny with the built-in list alone, is what the
# 10,000-entry list is compared with: the same devices bind in both.
declare -A cc_kernel=([cc-base]=bench-cc-base [cc-nopolicy]=cc [cc-deny]=cc
	[cc-allow1k]=bench-cc-allow1k [cc-allow10k]=bench-cc-allow10k)
declare -A cc_cmdline=([cc-base]="" [cc-nopolicy]="" [cc-deny]="driver_auth.default=deny"
	[cc-allow1k]="driver_auth.default=deny" [cc-allow10k]="driver_auth.default=deny")
start=$(date +%s)
for b in $(seq "$cc_boots"); do
	for v in cc-base cc-nopolicy cc-deny cc-allow1k cc-allow10k; do
		say "bench: realistic guest boot $b, $v"
		log=$out/$v-boot$b.log
		RIG_QEMU_ARGS="-icount shift=0,sleep=off" RIG_TIMEOUT=1800 RIG_VIRTIOFS=0 \
			"$ROOT/scripts/vm.sh" "${cc_kernel[$v]}" "$log" rig.bench=1 "${cc_cmdline[$v]}" ||
			die "bench boot $v boot$b failed; see $log"
		grep -q '^BENCH init_ns [0-9]' "$log" || die "bench boot $v boot$b: no BENCH init_ns in $log"
		grep '^BENCH ' "$log" | tr -d '\r' | awk -v v="$v" -v t="boot$b" '{ print v "\t" t "\t" $2 "\t" $3 }' >>"$raw"
	done
done
cc_run_s=$(( $(date +%s) - start ))

# The developer's loop: touch the series' main file, rebuild the guest
# kernel and its initramfs, boot the default-deny test scenario.
say "bench: edit-rebuild-boot loop"
start=$(date +%s)
touch "$TREE/drivers/base/driver_auth.c"
"$ROOT/scripts/build.sh" guest >/dev/null
"$ROOT/scripts/initramfs.sh" guest >/dev/null
RIG_TIMEOUT=900 "$ROOT/scripts/vm.sh" guest "$out/edit-loop.log" rig.mode=test \
	"$(awk -F'|' '$1 == "deny" {print $2}' "$GUEST/scenarios")" ||
	die "edit-loop boot failed; see $out/edit-loop.log"
printf 'rig\tedit\tedit_loop_s\t%s\n' $(( $(date +%s) - start )) >>"$raw"
# With the times in the raw file the report can be made again from it.
printf 'rig\t%s\t%s\t%s\n' build build_s "$build_s" run run_s "$run_s" \
	build cc_build_s "$cc_build_s" run cc_run_s "$cc_run_s" >>"$raw"

"$ROOT/scripts/bench/report.sh" "$raw" "$build_s" "$run_s" | tee "$out/table.md"
mkdir -p "$RESULTS"
{ results_header "make bench"; cat "$out/table.md"; } >"$RESULTS/bench.md"
