#!/usr/bin/env bash
# The README's first command: on a fresh Debian/Ubuntu machine as root, installs what berth needs, builds
# it, makes the busybox image from the host's static busybox (no registry needed), brings the quickstart
# project in examples/quickstart/ up and waits until it is healthy, shows it answering on its published
# port and in `berth ps`, then takes it all down again (volumes included). Exits non-zero on any failure,
# and takes the project down even then.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$(pwd)"
if [ "${BERTH_SKIP_INSTALL:-}" != 1 ]; then  # set by developers whose machine is already set up
  scripts/install-system-deps.sh
  npm install --no-audit --no-fund
fi
berth() { node "$root/bin/berth.js" "$@"; }
port="${WEB_PORT:-8080}"
scripts/make-busybox-image.sh berth.local/busybox:latest
cd examples/quickstart
trap 'berth down -v --progress quiet' EXIT
berth up -d --wait --wait-timeout 60
echo "--- curl -fsS http://127.0.0.1:$port/"
curl -fsS --retry 5 --retry-connrefused --retry-delay 1 "http://127.0.0.1:$port/"
echo "--- berth ps"
berth ps
