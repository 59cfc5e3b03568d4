#!/usr/bin/env bash
# The README's first command: on a fresh Debian/Ubuntu machine as root, installs what berth needs, builds
# it, and runs the quickstart project in examples/quickstart/ with the verbs berth has today.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/install-system-deps.sh
npm install --no-audit --no-fund
berth() { node bin/berth.js "$@"; }
berth version
