/**
 * The DNS servers a supervisor hosts, one per network of supervisor.json, each answering from a live
 * DnsRecords table. apply() converges on a new list: servers of removed networks close, new ones start,
 * and the records of kept ones are replaced at once. Only running containers are answered for: the
 * supervisor calls setRunning() as containers stop and start (their address stays the same).
 */
import { hostUpstreams, type Upstream } from '../runtime/network/dns-forwarder.js';
import { DnsRecords } from '../runtime/network/dns-records.js';
import { startDnsServer, type DnsServer } from '../runtime/network/dns-server.js';
import type { DnsEntry, SupervisedNetwork } from './supervision-spec.js';

interface Hosted {
  spec: SupervisedNetwork;
  records: DnsRecords;
  /** The owners registered in `records` now. */
  registered: Set<string>;
  server: DnsServer;
}

/** What status reports of one DNS server. */
export interface DnsServerStatus {
  network: string;
  host: string;
  port: number;
}

/** The hosted DNS servers of one project. */
export class DnsHost {
  private readonly hosted = new Map<string, Hosted>();
  private readonly stopped = new Set<string>();

  /** Converges on `networks`; a server that cannot listen is reported in the returned errors. */
  async apply(networks: readonly SupervisedNetwork[]): Promise<Error[]> {
    const wanted = new Map(networks.map((n) => [n.name, n]));
    const errors: Error[] = [];
    for (const [name, h] of [...this.hosted]) {
      if (sameListener(h.spec, wanted.get(name))) continue;
      this.hosted.delete(name);
      await h.server.close();
    }
    for (const spec of networks) {
      const kept = this.hosted.get(spec.name);
      if (kept !== undefined) {
        kept.spec = spec;
        this.fill(kept);
        continue;
      }
      try {
        await this.start(spec);
      } catch (error) {
        errors.push(error as Error);
      }
    }
    return errors;
  }

  /** Answers (or stops answering) for container `owner` on every network. */
  setRunning(owner: string, running: boolean): void {
    if (running) this.stopped.delete(owner);
    else this.stopped.add(owner);
    for (const h of this.hosted.values()) this.fill(h);
  }

  /** Every server's address. */
  status(): DnsServerStatus[] {
    return [...this.hosted.values()].map((h) => ({ network: h.spec.name, host: h.server.host, port: h.server.port }));
  }

  /** Closes every server. */
  async close(): Promise<void> {
    const all = [...this.hosted.values()];
    this.hosted.clear();
    await Promise.all(all.map((h) => h.server.close()));
  }

  private async start(spec: SupervisedNetwork): Promise<void> {
    const records = new DnsRecords();
    const upstreams: Upstream[] = spec.upstreams ?? hostUpstreams();
    const server = await startDnsServer({ host: spec.dns.host, port: spec.dns.port, records, upstreams });
    const hosted = { spec, records, registered: new Set<string>(), server };
    this.fill(hosted);
    this.hosted.set(spec.name, hosted);
  }

  /** Makes the table answer exactly the spec's entries of running containers. */
  private fill(h: Hosted): void {
    const live = h.spec.records.filter((e: DnsEntry) => !this.stopped.has(e.owner));
    const owners = new Set(live.map((e) => e.owner));
    for (const owner of h.registered) if (!owners.has(owner)) h.records.unregister(owner);
    for (const e of live) h.records.register(e.owner, e.names, e.address);
    h.registered = owners;
  }
}

function sameListener(a: SupervisedNetwork, b: SupervisedNetwork | undefined): boolean {
  return b !== undefined && a.dns.host === b.dns.host && a.dns.port === b.dns.port
    && JSON.stringify(a.upstreams) === JSON.stringify(b.upstreams);
}
