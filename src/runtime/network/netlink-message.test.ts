import { describe, expect, it } from 'vitest';
import { attrNested, attrString, attrText, attrU32, ifinfomsg, message, NLM_F, parseAttrs, RTM } from './netlink-message.js';

describe('netlink messages', () => {
  it('pads attributes to 4 bytes and nests them', () => {
    const name = attrString(3, 'eth0');
    expect(name.length).toBe(12);
    expect(name.readUInt16LE(0)).toBe(9);
    const nested = attrNested(18, [attrString(1, 'veth')]);
    expect(nested.readUInt16LE(0)).toBe(4 + 12);
  });

  it('writes a header with length, type, request flag and sequence', () => {
    const m = message(RTM.NEWLINK, NLM_F.ACK | NLM_F.CREATE, 42, [ifinfomsg(5, 1, 1), attrU32(4, 1400)]);
    expect(m.readUInt32LE(0)).toBe(m.length);
    expect(m.readUInt16LE(4)).toBe(RTM.NEWLINK);
    expect(m.readUInt16LE(6)).toBe(NLM_F.ACK | NLM_F.CREATE | NLM_F.REQUEST);
    expect(m.readUInt32LE(8)).toBe(42);
    expect(m.readInt32LE(16 + 4)).toBe(5);
  });

  it('parses attributes back', () => {
    const payload = Buffer.concat([ifinfomsg(), attrString(3, 'berthn1'), attrU32(10, 7)]);
    const attrs = parseAttrs(payload, 16);
    expect(attrText(attrs.get(3))).toBe('berthn1');
    expect(attrs.get(10)?.readUInt32LE(0)).toBe(7);
  });
});
