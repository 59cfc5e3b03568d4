/** The bridge network driver against the shared driver conformance suite (real kernel, root). */
import { describe } from 'vitest';
import { bridgeDriver } from './network-driver.js';
import { networkDriverConformance } from './test-support/network-driver-conformance.js';
import { skipReason, SUFFIX, tempRoots } from './test-support/net-fixture.js';

const reason = skipReason();

describe.skipIf(reason !== undefined)(`bridge driver ${reason ? `(skipped: ${reason})` : ''}`, () => {
  networkDriverConformance('bridge', () => {
    const roots = tempRoots('driver');
    return { roots, prefix24: '10.231.60', driver: bridgeDriver(roots, { natTable: `berth-test-k${SUFFIX}`, hostForwarding: false }) };
  });
});
