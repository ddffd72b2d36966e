#!/bin/bash
# build.sh NAME [FRAGMENT...]: configure and build kernel NAME in
# build/out-NAME, with its modules; build/kernel-NAME points at the image.
# Its profile (scripts/lib.sh) gives the base config and the fragments;
# the FRAGMENTs given here come last. RIG_BASE_CONFIG overrides the base.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ $# -ge 1 ] || die "usage: build.sh NAME [FRAGMENT...]"
name=$1
shift
profile "$name"
[ "$name" != cc ] || has_series ||
	die "the series is empty: the cc kernel needs CONFIG_DRIVER_AUTH; apply patches/ (make tree)"
out=$BUILD/out-$name
if [ -n "$P_SEED" ] && [ ! -d "$out" ] && [ -f "$BUILD/out-$P_SEED/vmlinux" ]; then
	say "$name starts from the $P_SEED kernel's objects"
	cp -a "$BUILD/out-$P_SEED" "$out"
	# kbuild records a few commands (objtool's, the boot image's) with
	# the directory's absolute path: a changed command is rebuilt, and a
	# new objtool would recompile every object.
	# shellcheck disable=SC2016 # perl's variables, not the shell's
	grep -rlIZF "$BUILD/out-$P_SEED/" "$out" | OLD=$BUILD/out-$P_SEED/ NEW=$out/ \
		xargs -0 -r perl -pi -e 's/\Q$ENV{OLD}\E/$ENV{NEW}/g' || true
fi
export RIG_ARCH=$P_ARCH RIG_CROSS_COMPILE=$P_CROSS
[ -z "$P_CROSS" ] || command -v "${P_CROSS}gcc" >/dev/null ||
	die "no ${P_CROSS}gcc for the $name kernel; run scripts/deps.sh"
RIG_BASE_CONFIG=${RIG_BASE_CONFIG:-$P_BASE} RIG_SERIES_CONFIG=$P_SERIES \
	"$ROOT/scripts/config.sh" "$out" "${P_FRAGS[@]}" "$@"
say "building $name kernel"
targets=("$P_IMAGE")
grep -qx CONFIG_MODULES=y "$out/.config" && targets+=(modules)
kmake "$out" -s "${targets[@]}" || die "$name kernel build failed; see the messages above"
rm -rf "$out/modroot"
[ "${targets[1]:-}" != modules ] ||
	kmake "$out" -s INSTALL_MOD_PATH="$out/modroot" modules_install >/dev/null
arch_dir=$P_ARCH
[ "$arch_dir" != x86_64 ] || arch_dir=x86
ln -sf "out-$name/arch/$arch_dir/boot/$P_IMAGE" "$BUILD/kernel-$name"
