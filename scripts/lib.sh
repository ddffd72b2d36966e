#!/bin/bash
# Paths and helpers shared by every script. Source it; do not run it.
# shellcheck disable=SC2034  # the variables are used by the scripts that source this file

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
# shellcheck source=base.conf
. "$ROOT/base.conf"

BUILD=$ROOT/build
# RIG_TREE: another kernel tree to build and test (a git worktree, say);
# default build/linux.
TREE=${RIG_TREE:-$BUILD/linux}
PATCHES=$ROOT/patches
# The parts of the series, in the order they apply: each is a directory of
# patches/ and a branch of build/linux; a part with a cover letter takes
# its text from covers/PART.txt.
PARTS=(fix core buses)
COVERS=$ROOT/covers
CONFIGS=$ROOT/configs
GUEST=$ROOT/guest
RESULTS=$BUILD/results
CACHE=${XDG_CACHE_HOME:-$HOME/.cache}/driver_auth
export CCACHE_DIR=${CCACHE_DIR:-$CACHE/ccache}
# Paths under the clone hash as relative paths: a fresh clone elsewhere
# (as in CI) hits the same cache.
export CCACHE_BASEDIR=$ROOT
export CCACHE_MAXSIZE=${CCACHE_MAXSIZE:-5G}
JOBS=${JOBS:-$(nproc)}
SPARSE=$CACHE/sparse
# The q35 machine (scripts/vm.sh, the cc profile): UEFI firmware from Debian's ovmf package
# (not the secure-boot build), and the host end of the guest's ttyS0.
OVMF_CODE=/usr/share/OVMF/OVMF_CODE_4M.fd
OVMF_VARS=/usr/share/OVMF/OVMF_VARS_4M.fd
CC_SERIAL=$BUILD/cc-ttyS0.sock

# Fixed identity and dates, so that the base commit and the applied series
# get the same hashes on every machine.
export GIT_AUTHOR_NAME="driver_auth rig" GIT_AUTHOR_EMAIL="rig@driver-auth.invalid"
export GIT_COMMITTER_NAME="driver_auth rig" GIT_COMMITTER_EMAIL="rig@driver-auth.invalid"

say() { printf '==> %s\n' "$*" >&2; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

# kmake OUTDIR ARGS...: make in the kernel tree with an O= directory and ccache.
# RIG_ARCH and RIG_CROSS_COMPILE build for another architecture (default
# x86_64, native); not ARCH, which a kernel developer's shell may export.
kmake() {
	local out cross=${RIG_CROSS_COMPILE:-}
	out=$(realpath -m "$1")
	shift
	mkdir -p "$out"
	make -C "$TREE" O="$out" -j"$JOBS" ARCH="${RIG_ARCH:-x86_64}" ${cross:+CROSS_COMPILE="$cross"} \
		CC="ccache ${cross}gcc" HOSTCC="ccache gcc" \
		KBUILD_BUILD_TIMESTAMP=2026-01-01 KBUILD_BUILD_USER=rig KBUILD_BUILD_HOST=rig "$@"
}

# profile NAME: the machine profile of kernel NAME, which picks its base
# config, its fragments and the machine vm.sh boots it on. Sets P_BASE (make
# targets), P_SERIES (1: configs/series.config first, when the series is
# applied), P_FRAGS, P_MACHINE (pc: i440FX, no firmware; q35: UEFI, TPM,
# cloud disks; virt: QEMU's arm64 virt with a device tree), and P_ARCH,
# P_CROSS (the cross compiler's prefix), P_IMAGE (the boot image, under
# arch/ARCH/boot, x86 for x86_64) and P_QEMU (the QEMU binary vm.sh runs). guest: the small guest; debug: it with KASAN and
# lockdep; off: it with CONFIG_DRIVER_AUTH=n; cc: the realistic guest;
# arm64: a small arm64 guest with arm64's built-in list. make bench's
# kernels: bench-allow10k and bench-base are guest kernels, bench-off an
# off one, bench-cc-* cc ones. P_SEED: a kernel whose build directory a
# first build starts from, so that only what the config change touches
# is compiled (off differs from guest in a few options).
profile() {
	P_BASE=tinyconfig P_SERIES=1 P_MACHINE=pc P_SEED=
	P_ARCH=x86_64 P_CROSS='' P_IMAGE=bzImage P_QEMU=qemu-system-x86_64
	case $1 in
	guest|bench-allow10k|bench-base) P_FRAGS=("$CONFIGS/guest.config") ;;
	debug) P_FRAGS=("$CONFIGS/guest.config" "$CONFIGS/debug.config") ;;
	off) P_SERIES=0 P_SEED=guest P_FRAGS=("$CONFIGS/guest.config" "$CONFIGS/bench-off.config") ;;
	bench-off) P_SERIES=0 P_FRAGS=("$CONFIGS/guest.config" "$CONFIGS/bench-off.config") ;;
	cc|bench-cc-*)
		# series.config holds the KUnit test, which needs KUnit: the
		# cc fragment sets what it needs itself.
		P_BASE="x86_64_defconfig kvm_guest.config" P_SERIES=0 P_MACHINE=q35
		P_FRAGS=("$CONFIGS/cc-guest.config") ;;
	arm64)
		P_SERIES=0 P_MACHINE=virt P_ARCH=arm64 P_CROSS=aarch64-linux-gnu- P_IMAGE=Image
		P_QEMU=qemu-system-aarch64
		P_FRAGS=("$CONFIGS/arm64.config") ;;
	*) die "no profile for kernel '$1': guest, debug, off, cc, arm64, bench-allow10k, bench-base, bench-off, bench-cc-*" ;;
	esac
}

# has_series: true when the applied series is not empty.
has_series() {
	[ -n "$(git -C "$TREE" rev-list base..HEAD 2>/dev/null)" ]
}

# bench_tree: make bench builds the base by checking it out in build/linux
# and back; the series must be there, committed. Prints the branch (or
# commit) to return to.
bench_tree() {
	has_series || die "the series is empty: nothing to compare"
	[ -z "$(git -C "$TREE" status --porcelain --untracked-files=no)" ] ||
		die "build/linux has uncommitted changes; commit them first"
	git -C "$TREE" symbolic-ref -q --short HEAD || git -C "$TREE" rev-parse HEAD
}

# base_deb: the cached base package, the pinned version if present, else the newest.
base_deb() {
	local f=$CACHE/${BASE_PKG}_${BASE_VERSION}_all.deb
	if [ -f "$f" ]; then
		echo "$f"
	else
		find "$CACHE" -maxdepth 1 -name "${BASE_PKG}_*_all.deb" 2>/dev/null | sort -V | tail -n1
	fi
}

# apt_private DIR LINE: set up a private apt configuration in DIR with the
# one sources LINE; the system's apt sources are not touched. Sets APT_OPTS.
apt_private() {
	mkdir -p "$1/lists/partial" "$1/cache/archives/partial"
	echo "$2" >"$1/sources.list"
	APT_OPTS=(-o Dir::Etc::SourceList="$1/sources.list" -o Dir::Etc::SourceParts=/dev/null
		  -o Dir::State::Lists="$1/lists" -o Dir::Cache="$1/cache"
		  -o Dir::State::status=/dev/null -o APT::Sandbox::User=root)
}

# debian_mirror: the Debian archive that this machine's apt sources use for
# its release (not the security or -updates archives), to fetch the suites
# of base.conf from: a mirror serves every suite under the same URI.
# RIG_DEBIAN_MIRROR overrides it. apt-get indextargets reads one-line and
# deb822 sources alike; where apt has a Release file, its Origin and Label
# tell Debian's archive from another one that names the same suite.
debian_mirror() {
	if [ -n "${RIG_DEBIAN_MIRROR:-}" ]; then
		echo "${RIG_DEBIAN_MIRROR%/}"
		return
	fi
	local codename uri
	codename=$(. /etc/os-release 2>/dev/null && echo "${VERSION_CODENAME:-}")
	# shellcheck disable=SC2016 # $(...) are apt's fields, not the shell's
	uri=$({ apt-get indextargets --format '1 $(REPO_URI) $(RELEASE) $(COMPONENT) $(ORIGIN) $(LABEL)'
		apt-get indextargets --no-release-info --format '2 $(REPO_URI) $(RELEASE) $(COMPONENT)'
	      } 2>/dev/null | awk -v c="$codename" '
		$3 != c && $3 !~ /^(oldoldstable|oldstable|stable|testing|unstable|sid)$/ { next }
		$2 ~ /^cdrom:/ || $4 != "main" { next }
		$1 == 1 { seen[$2] = 1; if ($5 == "Debian" && $6 == "Debian" && !d) d = $2; next }
		!($2 in seen) && !u { u = $2 }
		END { print d ? d : u }' || true)
	[ -n "$uri" ] || die "no Debian archive for ${codename:-this release} in the apt sources" \
		"(apt-get indextargets); set RIG_DEBIAN_MIRROR, e.g. to http://deb.debian.org/debian"
	echo "${uri%/}"
}

# results_header TITLE: the heading of a results file that the rig writes:
# when, on what machine, from which commits.
results_header() {
	echo "# $1"
	echo
	echo "$(date -u '+%Y-%m-%d %H:%M UTC'); $(nproc) cores, $(awk '/MemTotal/ {print int($2 / 1048576)}' /proc/meminfo) GiB," \
		"QEMU $(qemu-system-x86_64 --version 2>/dev/null | sed -n 's/.*version \([^ ]*\).*/\1/p' | head -n1)," \
		"KVM $([ -w /dev/kvm ] && echo present || echo absent); rig $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null)," \
		"series $(git -C "$TREE" rev-parse --short HEAD 2>/dev/null) ($(git -C "$TREE" rev-list --count base..HEAD 2>/dev/null) patches)"
	echo
}
