# shellcheck shell=sh
# Helpers of the guests' KTAP checks (guest/cc.sh, guest/arm64.sh), which
# source this file from /rig.

n=0
# result OK|FAIL NAME [WHY]: one KTAP line
result() {
	n=$((n + 1))
	if [ "$1" = OK ]; then
		echo "ok $n $2"
	else
		echo "not ok $n $2 # $3"
	fi
}
# drv DEVICE: the name of the driver bound to DEVICE, empty when none
drv() {
	[ -e "$1/driver" ] && basename "$(readlink "$1/driver")"
}
