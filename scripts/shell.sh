#!/bin/bash
# shell.sh: boot the demo guest with an interactive shell on the serial
# console. Leave with "reboot -f" (or Ctrl-A X).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

[ -e "$BUILD/kernel-guest" ] || "$ROOT/scripts/build.sh" guest
"$ROOT/scripts/initramfs.sh" guest
RIG_INTERACTIVE=1 exec "$ROOT/scripts/vm.sh" guest /dev/null rig.mode=shell kunit.enable=0 \
	driver_auth.default=deny "driver_auth.allow=platform:serial8250,serial-base:*"
