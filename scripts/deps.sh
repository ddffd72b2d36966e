#!/bin/bash
# Install the Debian packages the rig needs (only the missing ones).
set -euo pipefail
# shellcheck source=scripts/lib.sh
. "$(dirname "$0")/lib.sh"

pkgs=(build-essential bc bison flex libelf-dev libssl-dev ccache cpio xz-utils
      qemu-system-x86 qemu-system-arm busybox-static sparse shellcheck python3 python3-ply python3-git kmod git rsync socat
      ovmf swtpm swtpm-tools e2fsprogs
      coccinelle ocaml-nox gcc-aarch64-linux-gnu gcc-s390x-linux-gnu)
# virtiofsd, for the realistic guest's virtio-fs share: Debian 12's QEMU
# ships its own; later releases package it apart.
! apt-cache show virtiofsd >/dev/null 2>&1 || pkgs+=(virtiofsd)
installed() {
	dpkg-query -W -f='${Status}' "$1" 2>/dev/null | grep -q 'ok installed'
}
missing=()
for p in "${pkgs[@]}"; do
	installed "$p" || missing+=("$p")
done
[ ${#missing[@]} -eq 0 ] && exit 0
say "installing: ${missing[*]}"
SUDO=
[ "$(id -u)" -eq 0 ] || SUDO=sudo
$SUDO apt-get update -qq || die "apt-get update failed; check the network"
# A fresh machine's package lists may name virtiofsd only now.
if [[ " ${missing[*]} " != *" virtiofsd "* ]] && ! installed virtiofsd &&
	apt-cache show virtiofsd >/dev/null 2>&1; then
	missing+=(virtiofsd)
fi
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null ||
	die "apt-get install ${missing[*]} failed"
