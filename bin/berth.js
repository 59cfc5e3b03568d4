#!/usr/bin/env node
// CommonJS (bin/package.json says so): an ES module entry costs Node ~6 ms more to start.
require('../dist/bundle/berth.cjs');
