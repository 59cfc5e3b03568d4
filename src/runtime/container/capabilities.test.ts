import { describe, expect, it } from 'vitest';
import { CAPABILITIES, capabilitySet, DEFAULT_CAPABILITIES } from './capabilities.js';

const all = new Set(Object.values(CAPABILITIES));
const numbers = (names: readonly string[]): number[] => names.map((n) => CAPABILITIES[n]!).sort((a, b) => a - b);

describe('capabilitySet', () => {
  it('gives Docker\'s default 14', () => {
    expect(capabilitySet({}, 'c', all)).toEqual(numbers(DEFAULT_CAPABILITIES));
    expect(DEFAULT_CAPABILITIES).toHaveLength(14);
  });

  it('applies cap_add and cap_drop, with or without the CAP_ prefix', () => {
    const set = capabilitySet({ capAdd: ['CAP_NET_ADMIN'], capDrop: ['chown'] }, 'c', all);
    expect(set).toContain(CAPABILITIES['NET_ADMIN']);
    expect(set).not.toContain(CAPABILITIES['CHOWN']);
  });

  it('drops ALL but what is added, and privileged keeps what the host has', () => {
    expect(capabilitySet({ capDrop: ['ALL'], capAdd: ['KILL'] }, 'c', all)).toEqual([CAPABILITIES['KILL']]);
    expect(capabilitySet({ privileged: true }, 'c', new Set([0, 21]))).toEqual([0, 21]);
  });

  it('refuses an unknown capability naming the container', () => {
    expect(() => capabilitySet({ capAdd: ['FLY'] }, 'web-1', all)).toThrow(/container web-1: unknown capability FLY/);
  });
});
