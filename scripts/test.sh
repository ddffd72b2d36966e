#!/bin/bash
# test.sh: the whole suite, from a clean clone: recreate the tree, static
# checks, the guest kernel with its boot scenarios, KUnit on UML, the
# realistic (cc) kernel with its own, the debug kernel with the guest's
# scenarios. RIG_ONLY=check (make check) stops after the static checks.
# Each step records "STEP STATUS PASSED FAILED SKIPPED SECONDS" in
# build/results/steps.tsv; scripts/summary.sh prints the table.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

mkdir -p "$RESULTS"
rm -f "$RESULTS"/*.tsv "$RESULTS"/*.log
# ccache's depend mode: a miss compiles at once instead of running the
# preprocessor first to look for a match (a sixth to a third of each
# compile). Its lookups are direct mode's. make bench keeps the
# preprocessor mode: its kernels differ in a config string, which that
# mode sees through.
export CCACHE_DEPEND=1
steps=$RESULTS/steps.tsv
: >"$steps"

# step NAME COMMAND...: run a step; its last output line may be "P F S".
step() {
	local name=$1 start rc=0 out last p=1 f=0 s=0
	shift
	start=$(date +%s)
	say "step: $name"
	out=$("$@" 2> >(tee -a "$RESULTS/$name.err" >&2)) || rc=$?
	last=$(tail -n1 <<<"$out")
	if [[ "$last" =~ ^[0-9]+\ [0-9]+\ [0-9]+$ ]]; then
		read -r p f s <<<"$last"
	fi
	[ "$rc" -eq 0 ] || [ "$f" -gt 0 ] || f=1
	printf '%s\t%s\t%s\t%s\t%s\t%s\n' "$name" "$([ "$f" -eq 0 ] && echo ok || echo FAIL)" \
		"$p" "$f" "$s" "$(( $(date +%s) - start ))" >>"$steps"
	return "$([ "$f" -eq 0 ] && echo 0 || echo 1)"
}

# skip NAME WHY: record a step that does not apply.
skip() {
	printf '%s\tskipped: %s\t0\t0\t1\t0\n' "$1" "$2" >>"$steps"
}

step deps "$ROOT/scripts/deps.sh"
step fetch "$ROOT/scripts/fetch-base.sh"
step tree "$ROOT/scripts/tree.sh" || { "$ROOT/scripts/summary.sh"; exit 1; }

# s390: its built-in list and ccwgroup compile (arm64 has a guest below).
if has_series; then
	[ "${RIG_ONLY:-}" = check ] || step cross "$ROOT/scripts/check/cross.sh" || true
else
	skip cross "empty series"
fi

# The static checks are mostly single-threaded: they run beside the guest
# kernel's build, which has both cores once they are done.
statics() {
	if has_series; then
		step checkpatch "$ROOT/scripts/check/patches.sh" || true
		step coccinelle "$ROOT/scripts/check/coccinelle.sh" || true
		# Every name of the admin guide's platform lines and the
		# built-in lists exists in the tree (the KUnit test parses the
		# lines).
		step platform-lines "$ROOT/scripts/check/lines.sh" || true
	else
		skip checkpatch "empty series"
		skip coccinelle "empty series"
		skip platform-lines "empty series"
	fi
	step shellcheck "$ROOT/scripts/check/shell.sh" || true
	# make run-coco VM=tdx|snp stops at once, naming what this host lacks.
	step run-coco "$ROOT/scripts/check/run-coco.sh" || true
}
statics &
statics_pid=$!
built=0 bisect_pid=''
step build-guest "$ROOT/scripts/build.sh" guest || built=$?
# Every patch compiles the objects it touches; the head, built just now, is
# the one linked and booted. The bisect checks the patches out in a
# worktree of its own, and runs on one core: beside the static checks, then
# beside sparse.
if [ "$built" -eq 0 ] && has_series; then
	{ step bisect "$ROOT/scripts/check/bisect.sh" || true; } &
	bisect_pid=$!
fi
wait "$statics_pid" || true

if [ "$built" -eq 0 ]; then
	if has_series; then
		step sparse-w1-kdoc "$ROOT/scripts/check/sparse.sh" || true
		wait "$bisect_pid" || true
	else
		skip bisect "empty series"
		skip sparse-w1-kdoc "empty series"
	fi
	if [ "${RIG_ONLY:-}" = check ]; then
		"$ROOT/scripts/summary.sh"
		exit
	fi
	# arm64: QEMU's virt machine under default deny, with arm64's built-in
	# list alone.
	if has_series; then
		if step build-arm64 "$ROOT/scripts/build.sh" arm64 &&
		   step initramfs-arm64 "$ROOT/scripts/initramfs.sh" arm64; then
			step boot-arm64 "$ROOT/scripts/boot-tests.sh" arm64 || true
		fi
	else
		skip build-arm64 "empty series"
		skip boot-arm64 "empty series"
	fi
	if step initramfs-guest "$ROOT/scripts/initramfs.sh" guest; then
		step boot-guest "$ROOT/scripts/boot-tests.sh" guest || true
	fi
fi

# The driver core's KUnit suites as a developer runs them: kunit.py on UML.
if has_series; then
	step kunit-uml "$ROOT/scripts/check/kunit-uml.sh" || true
else
	skip kunit-uml "empty series"
fi

# The series applied but switched off: it must build (CONFIG_DRIVER_AUTH=n).
# Its build directory starts as a copy of the guest kernel's: only what
# the changed options touch is compiled.
if has_series; then
	step build-off "$ROOT/scripts/build.sh" off || true
else
	skip build-off "empty series"
fi

# The realistic tier: a distribution-like kernel on q35 with UEFI, a TPM
# and the cloud platforms' disks, booted once per guest/cc-scenarios line.
if has_series; then
	if step build-cc "$ROOT/scripts/build.sh" cc &&
	   step initramfs-cc "$ROOT/scripts/initramfs.sh" cc; then
		step boot-cc "$ROOT/scripts/boot-tests.sh" cc || true
	fi
else
	skip build-cc "empty series"
	skip boot-cc "empty series"
fi

if step build-debug "$ROOT/scripts/build.sh" debug; then
	if step initramfs-debug "$ROOT/scripts/initramfs.sh" debug; then
		# The kernel's own device-model suites reuse device names at once,
		# which DEBUG_KOBJECT_RELEASE turns into -EEXIST: the debug boots
		# run the series' suites only, from the KUnit test as a module
		# (guest/kunit-module.sh: the live policy must be as booted after
		# them). The catch-all traces e1000 from boot.
		# A debug boot takes minutes: the default-deny scenario only,
		# which also measures with IMA; the guest kernel boots every
		# scenario. (With a cold ccache the locked one, 5 minutes, took
		# make test to 84 of its 85 minutes.)
		RIG_MEM=1024 RIG_SCENARIOS="deny" RIG_NAMES=0 \
			RIG_EXTRA_ARGS="kunit.filter_glob=driver_auth rig.kunit_module=1 rig.catchall=1 bootconfig" \
			step boot-debug "$ROOT/scripts/boot-tests.sh" debug || true
		if has_series; then
			step stress "$ROOT/scripts/stress.sh" debug || true
		else
			skip stress "empty series"
		fi
	fi
	step splats "$ROOT/scripts/check/splats.sh" "$RESULTS"/debug-*.log "$RESULTS"/guest-*.log "$RESULTS"/arm64-*.log || true
fi

"$ROOT/scripts/summary.sh"
