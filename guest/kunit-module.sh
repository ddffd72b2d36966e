#!/bin/bash
# Load the driver_auth KUnit test as a module and check that its suites
# leave the live policy exactly as booted: every driver's authorized
# flag, the parameters (locked included) and the last driver_auth entry
# of the IMA log. Prints "RIG-CHECK kunit-module-policy ok|FAIL".

snapshot() {
	local f
	for f in /sys/bus/*/drivers/*/authorized; do
		# The suites' own drivers come and go; only those of the boot count.
		case $f in */driver_auth_test/*|*/driver_auth_fault/*) continue ;; esac
		echo "$f $(cat "$f" 2>/dev/null)"
	done
	grep -H . /sys/module/driver_auth/parameters/*
	grep ' driver_auth_' /sys/kernel/security/ima/ascii_runtime_measurements 2>/dev/null | tail -n1
}

if ! modinfo driver_auth_kunit >/dev/null 2>&1; then
	echo "RIG-CHECK kunit-module-policy FAIL (no driver_auth_kunit module)"
	exit 0
fi
snapshot >/tmp/policy.before
modprobe driver_auth_kunit || echo "RIG-NOTE modprobe driver_auth_kunit failed"
snapshot >/tmp/policy.after
if cmp -s /tmp/policy.before /tmp/policy.after && [ -s /tmp/policy.before ]; then
	echo "RIG-CHECK kunit-module-policy ok ($(wc -l </tmp/policy.before) lines)"
else
	diff /tmp/policy.before /tmp/policy.after | sed 's/^/RIG-NOTE /'
	echo "RIG-CHECK kunit-module-policy FAIL"
fi
