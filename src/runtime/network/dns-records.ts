/**
 * The names a network's DNS server answers: each owner (a container) registers its addresses (IPv4, and
 * IPv6 where the network has it) under its names (container name first, then service, aliases); a name
 * maps to every owner's address, in an order rotated on each lookup (round robin), and an address maps
 * back to its owners' first names (PTR). Registering an owner again replaces its entry at once, so a
 * recreated container's new address is answered on the next query. Names compare case-insensitively.
 */

interface Entry {
  names: string[];
  address: string;
  address6: string | undefined;
}

/** The name table of one network. */
export class DnsRecords {
  private readonly owners = new Map<string, Entry>();
  private readonly turns = new Map<string, number>();

  /** Registers (or replaces) `owner`'s names and addresses. */
  register(owner: string, names: string[], address: string, address6?: string): void {
    this.owners.set(owner, { names: names.map(normalise), address, address6 });
  }

  /** Removes `owner`; removing an unknown owner is fine. */
  unregister(owner: string): void {
    this.owners.delete(owner);
  }

  /** Whether any owner answers to `name`. */
  has(name: string): boolean {
    const key = normalise(name);
    for (const entry of this.owners.values()) if (entry.names.includes(key)) return true;
    return false;
  }

  /** Every IPv4 address of `name`, rotated by one on each call; empty when unknown. */
  lookup(name: string): string[] {
    return this.rotate(`4 ${normalise(name)}`, this.entriesOf(name).map((e) => e.address));
  }

  /** Every IPv6 address of `name`, rotated by one on each call; empty when unknown or IPv4 only. */
  lookup6(name: string): string[] {
    return this.rotate(`6 ${normalise(name)}`, this.entriesOf(name).flatMap((e) => e.address6 ?? []));
  }

  /** The first name of every owner holding `address` (IPv4 or IPv6 text as registered). */
  namesOf(address: string): string[] {
    const owners = [...this.owners.values()].filter((e) => e.address === address || e.address6 === address);
    return [...new Set(owners.flatMap((e) => e.names.slice(0, 1)))];
  }

  private entriesOf(name: string): Entry[] {
    const key = normalise(name);
    return [...this.owners.values()].filter((e) => e.names.includes(key));
  }

  private rotate(key: string, addresses: string[]): string[] {
    const found = [...new Set(addresses)];
    if (found.length < 2) return found;
    const turn = (this.turns.get(key) ?? 0) % found.length;
    this.turns.set(key, (turn + 1) % found.length);
    return [...found.slice(turn), ...found.slice(0, turn)];
  }
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
