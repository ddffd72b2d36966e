#!/bin/bash
# build-cc.sh: build the realistic confidential-guest kernel (build/out-cc,
# build/bzImage-cc): x86_64_defconfig and kvm_guest.config, with
# configs/cc-guest.config merged over them. Not series.config: its KUnit
# test needs KUnit, and this kernel is built without it.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

has_series || die "the series is empty: the cc kernel needs CONFIG_DRIVER_AUTH; apply patches/ (make tree)"
RIG_BASE_CONFIG="x86_64_defconfig kvm_guest.config" RIG_SERIES_CONFIG=0 \
	exec "$ROOT/scripts/build.sh" cc "$CONFIGS/cc-guest.config"
