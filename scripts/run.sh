#!/bin/bash
# run.sh: the demo. Build the patched guest kernel and boot it as a
# default-deny guest with an example allowlist; print the guest's report.
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

"$ROOT/scripts/deps.sh"
"$ROOT/scripts/fetch-base.sh"
[ -d "$TREE/.git" ] || "$ROOT/scripts/tree.sh"
"$ROOT/scripts/build.sh" guest "$CONFIGS/guest.config"
"$ROOT/scripts/initramfs.sh" guest
mkdir -p "$RESULTS"
log=$RESULTS/run.log
"$ROOT/scripts/vm.sh" guest "$log" rig.mode=run kunit.enable=0 \
	driver_auth.default=deny "driver_auth.allow=platform:serial8250,serial-base:*"
sed -n '/^RIG-BEGIN/,/^RIG-END/p' "$log" | grep -v '^RIG-'
