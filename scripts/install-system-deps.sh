#!/usr/bin/env bash
# Installs the Debian/Ubuntu packages berth's build and tests need, only those missing.
# Safe to run again; needs root (apt-get). Used by the README's commands and by .ci/run.
set -euo pipefail

need=()
want() { # want PACKAGE COMMAND-OR-PATH
  if ! command -v "$2" >/dev/null 2>&1 && [ ! -e "$2" ]; then need+=("$1"); fi
}
want build-essential cc
want iproute2 ip
want busybox-static /bin/busybox
want nftables nft
want skopeo skopeo
want docker-registry docker-registry
want curl curl
want python3 python3
want zstd zstd

if [ ${#need[@]} -gt 0 ]; then
  echo "installing: ${need[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
fi
