/**
 * The conformance suite every NetworkDriver must pass on the real kernel: create is idempotent and
 * inspectable, attach gives the namespace its address and route, detach and destroy are idempotent,
 * and destroy copes with a network recorded but never built. Call it from a driver's *.int.test.ts.
 */
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import type { StateRoots } from '../../state-roots.js';
import type { NetworkDriver } from '../network-driver.js';
import { allocateAddress } from '../ipam.js';
import { createNetns, deleteNetns } from '../netns.js';
import { saveNetworkRecord } from '../network-record.js';
import { hostLinks, inNetns, removeRoots, SUFFIX } from './net-fixture.js';

/** What the suite needs: a driver over `roots`, and a /24 of 10.231.0.0/16 of its own (`10.231.N`). */
export interface ConformanceSetup {
  driver: NetworkDriver;
  roots: StateRoots;
  prefix24: string;
}

/** Registers the conformance tests for one driver. */
export function networkDriverConformance(label: string, setup: () => ConformanceSetup): void {
  describe(`network driver conformance: ${label}`, () => {
    const { driver, roots, prefix24 } = setup();
    const spec = { name: 'conf_default', project: 'conf', bridge: `berthnk${SUFFIX}`, subnet: `${prefix24}.0/24`, internal: false };
    let netns = '';

    afterAll(async () => {
      try {
        await driver.destroy('conf_default');
        await driver.destroy('conf_never');
        if (netns !== '') deleteNetns(netns);
      } finally {
        removeRoots(roots);
      }
    });

    it('creates idempotently and inspects', async () => {
      const first = await driver.create(spec);
      expect((await driver.create(spec)).record).toEqual(first.record);
      expect(driver.inspect('conf_default')).toEqual(first.record);
      expect(driver.inspect('conf_nosuch')).toBeUndefined();
    });

    it('attaches and detaches idempotently', () => {
      const record = driver.inspect('conf_default')!;
      netns = createNetns(roots, 'conf-one-1');
      const address = allocateAddress(roots, record, 'conf-one-1');
      const made = driver.attach({ netnsPath: netns, ifname: 'eth0', network: record, address, isDefaultRoute: true });
      expect(made).toMatchObject({ ifname: 'eth0', address, prefix: 24, gateway: record.gateway });
      expect(inNetns(netns, ['ip', 'route']).out).toContain(`default via ${record.gateway} dev eth0`);
      expect(driver.detach(netns, 'eth0')).toBe(true);
      expect(driver.detach(netns, 'eth0')).toBe(false);
    });

    it('destroys idempotently, also a network never built', async () => {
      const record = driver.inspect('conf_default')!;
      saveNetworkRecord(roots, { ...record, name: 'conf_never', bridge: `berthnz${SUFFIX}` });
      await driver.destroy('conf_never');
      await driver.destroy('conf_default');
      await driver.destroy('conf_default');
      expect(driver.inspect('conf_default')).toBeUndefined();
      expect(hostLinks(SUFFIX).filter((l) => /berthn[kz]/.test(l))).toEqual([]);
      expect(() => execFileSync('ip', ['link', 'show', spec.bridge], { stdio: 'ignore' })).toThrow();
    });
  });
}
