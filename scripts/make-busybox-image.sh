#!/usr/bin/env bash
# Makes the image berth.local/busybox:latest (or the reference given as $1) from the host's static
# busybox: a root file system with one symlink per applet, a small /etc/passwd and /etc/group, imported
# with `berth import` into the store of BERTH_ROOT (default /var/lib/berth). Used by the quickstart and
# the end-to-end tests; needs busybox-static (scripts/install-system-deps.sh installs it).
set -euo pipefail
cd "$(dirname "$0")/.."
reference="${1:-berth.local/busybox:latest}"
busybox=/bin/busybox
if ! "$busybox" --list >/dev/null 2>&1; then
  echo "make-busybox-image: $busybox is missing or not a static busybox: run scripts/install-system-deps.sh" >&2
  exit 1
fi
rootfs="$(mktemp -d)"
trap 'rm -rf "$rootfs"' EXIT
mkdir -p "$rootfs"/{bin,etc,tmp,root,proc,dev,sys,srv,run}
chmod 1777 "$rootfs/tmp"
cp "$busybox" "$rootfs/bin/busybox"
chmod 755 "$rootfs/bin/busybox"
for applet in $("$busybox" --list); do
  [ "$applet" = busybox ] || ln -s busybox "$rootfs/bin/$applet"
done
printf 'root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/nonexistent:/bin/false\n' >"$rootfs/etc/passwd"
printf 'root:x:0:\nnogroup:x:65534:\n' >"$rootfs/etc/group"
node bin/berth.js import "$rootfs" "$reference"
