/**
 * The published-port forwarders a supervisor hosts, one userland proxy per mapping of supervisor.json
 * (keyed by the whole mapping, so a changed target is a new proxy). apply() converges: proxies of
 * removed mappings close, new ones listen; kept ones are not touched, so open connections survive a reload.
 */
import { startPortProxy, type PortProxy } from '../runtime/network/port-proxy.js';
import type { SupervisedPort } from './supervision-spec.js';

/** A forwarder as status reports it: the mapping with the host port it got. */
export interface PortStatus extends SupervisedPort {
  boundPort: number;
}

interface Hosted {
  spec: SupervisedPort;
  proxy: PortProxy;
}

function keyOf(p: SupervisedPort): string {
  return `${p.protocol}|${p.hostIp}|${p.hostPort}|${p.containerIp}|${p.containerPort}`;
}

/** The hosted port forwarders of one project. */
export class PortHost {
  private readonly hosted = new Map<string, Hosted>();

  /** Converges on `ports`; a port that cannot be bound is reported in the returned errors. */
  async apply(ports: readonly SupervisedPort[]): Promise<Error[]> {
    const wanted = new Map(ports.map((p) => [keyOf(p), p]));
    for (const [key, h] of [...this.hosted]) {
      if (wanted.has(key)) continue;
      this.hosted.delete(key);
      await h.proxy.close();
    }
    const errors: Error[] = [];
    for (const [key, spec] of wanted) {
      const kept = this.hosted.get(key);
      if (kept !== undefined) {
        kept.spec = spec;
        continue;
      }
      try {
        const proxy = await startPortProxy([{
          protocol: spec.protocol, hostIp: spec.hostIp, hostPort: spec.hostPort, targetIp: spec.containerIp, targetPort: spec.containerPort,
        }]);
        this.hosted.set(key, { spec, proxy });
      } catch (error) {
        errors.push(error as Error);
      }
    }
    return errors;
  }

  /** Every forwarder with its bound host port. */
  status(): PortStatus[] {
    return [...this.hosted.values()].map((h) => ({ ...h.spec, boundPort: h.proxy.mappings[0]?.hostPort ?? h.spec.hostPort }));
  }

  /** Closes every forwarder. */
  async close(): Promise<void> {
    const all = [...this.hosted.values()];
    this.hosted.clear();
    await Promise.all(all.map((h) => h.proxy.close()));
  }
}
