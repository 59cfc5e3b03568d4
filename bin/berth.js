#!/usr/bin/env -S node --
// CommonJS (bin/package.json says so): an ES module entry costs Node ~6 ms more to start.
// `node --` ends node's own options: Node 20 otherwise takes `berth --env-file x` as its own flag and fails on a missing x.
require('../dist/bundle/berth.cjs');
