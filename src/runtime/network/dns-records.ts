/**
 * The names a network's DNS server answers: each owner (a container) registers its address under its
 * names (service, container name, aliases); a name maps to every owner's address, in an order rotated
 * on each lookup (round robin). Registering an owner again replaces its entry at once, so a recreated
 * container's new address is answered on the next query. Names compare case-insensitively.
 */

/** The name table of one network. */
export class DnsRecords {
  private readonly owners = new Map<string, { names: string[]; address: string }>();
  private readonly turns = new Map<string, number>();

  /** Registers (or replaces) `owner`'s names and address. */
  register(owner: string, names: string[], address: string): void {
    this.owners.set(owner, { names: names.map(normalise), address });
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

  /** Every address of `name`, rotated by one on each call; empty when unknown. */
  lookup(name: string): string[] {
    const key = normalise(name);
    const found = [...new Set([...this.owners.values()].filter((e) => e.names.includes(key)).map((e) => e.address))];
    if (found.length < 2) return found;
    const turn = this.turns.get(key) ?? 0;
    this.turns.set(key, (turn + 1) % found.length);
    return [...found.slice(turn % found.length), ...found.slice(0, turn % found.length)];
  }
}

function normalise(name: string): string {
  return name.toLowerCase().replace(/\.$/, '');
}
