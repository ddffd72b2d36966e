#!/bin/sh
# The confidential guest's side of make run-coco VM=tdx|snp (rig.mode=coco, run
# by guest/init; the host side is scripts/run-coco.sh). Default deny with
# the built-in allowlist: the protocol goes over hvc0 (virtio_console, which
# that list authorizes), not ttyS0. Says which memory encryption the kernel
# found active, then runs the driver_auth kselftest.
i=0
while [ ! -c /dev/hvc0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
if [ ! -c /dev/hvc0 ]; then
	echo "RIG-COCO no /dev/hvc0 after 10 s: virtio_console did not bind"
	exit 1
fi
exec >/dev/hvc0 2>&1 </dev/null
echo "RIG-BEGIN mode=coco kernel=$(uname -r)"
echo "RIG-COCO $(dmesg | grep -m1 'Memory Encryption Features active' | sed 's/.*active: *//')"
if [ -x /kselftest/run_kselftest.sh ]; then
	cd /kselftest && ./run_kselftest.sh
else
	echo "RIG-NOTE no kselftests in this image"
fi
echo "RIG-END"
