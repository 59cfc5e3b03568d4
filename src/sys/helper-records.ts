/**
 * The wire format of native/PROTOCOL.md: a config is a list of records, each a little-endian u32 byte
 * length followed by NUL-terminated fields (the operation first). The first record is always `version 1`.
 */

/** The protocol version this client speaks. */
export const HELPER_PROTOCOL_VERSION = 1;

/** One operation record: the op name, then its fields. */
export type HelperRecord = readonly [op: string, ...fields: string[]];

/** Encodes records (prefixed with the version record) into the bytes the helper reads on fd 3. */
export function encodeRecords(records: readonly HelperRecord[]): Buffer {
  const all: HelperRecord[] = [['version', String(HELPER_PROTOCOL_VERSION)], ...records];
  const parts: Buffer[] = [];
  for (const record of all) {
    for (const field of record) {
      if (field.includes('\0')) throw new TypeError(`helper record ${record[0]} has a field with a NUL byte`);
    }
    const body = Buffer.from(record.map((f) => `${f}\0`).join(''), 'utf8');
    const head = Buffer.alloc(4);
    head.writeUInt32LE(body.length, 0);
    parts.push(head, body);
  }
  return Buffer.concat(parts);
}
