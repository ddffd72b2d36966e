#!/bin/bash
# build.sh NAME [FRAGMENT...]: configure and build kernel NAME in
# build/out-NAME, with its modules; build/bzImage-NAME points at the image.
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
RIG_BASE_CONFIG=${RIG_BASE_CONFIG:-$P_BASE} RIG_SERIES_CONFIG=$P_SERIES \
	"$ROOT/scripts/config.sh" "$out" "${P_FRAGS[@]}" "$@"
say "building $name kernel"
kmake "$out" -s bzImage modules || die "$name kernel build failed; see the messages above"
rm -rf "$out/modroot"
kmake "$out" -s INSTALL_MOD_PATH="$out/modroot" modules_install >/dev/null
ln -sf "out-$name/arch/x86/boot/bzImage" "$BUILD/bzImage-$name"
[ "$name" != guest ] || ln -sf "out-guest/arch/x86/boot/bzImage" "$BUILD/bzImage"
