/**
 * The `ports:` a service container was created with, kept in its record as the label `berth.published`
 * (JSON) when `up` creates it, and read when supervisor.json is built. A container keeps forwarding what
 * it was made with until it is recreated, so an `up` that fails before recreating it (a new host port in
 * use) leaves its forwarders as they were. A container made before the label existed has none (its
 * service's ports apply).
 */
import type { ObservedContainer } from '../../plan/index.js';
import type { Port } from '../../spec/model.js';

const PUBLISHED_LABEL = 'berth.published';

/** `labels` with the ports a container is created with recorded. */
export function withPublished(labels: Readonly<Record<string, string>>, ports: readonly Port[]): Record<string, string> {
  return { ...labels, [PUBLISHED_LABEL]: JSON.stringify(ports) };
}

/** The ports a container was created with; undefined when it has no such record. */
export function publishedOf(container: ObservedContainer): Port[] | undefined {
  const text = container.labels?.[PUBLISHED_LABEL];
  return text === undefined ? undefined : JSON.parse(text) as Port[];
}
