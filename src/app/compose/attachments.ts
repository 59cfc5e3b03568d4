/**
 * A Compose container's network attachments (network, interface, address, DNS names), kept in its
 * record as the label `berth.attachments` (JSON), set when `up` creates the container and read when
 * supervisor.json and `ps` are built. They live and die with the container's record: no file of their own.
 */
import type { ObservedContainer } from '../../plan/index.js';

/** One network a container is attached to. */
export interface ContainerAttachment {
  /** The network's resolved name (`app_default`). */
  network: string;
  ifname: string;
  address: string;
  gateway: string;
  /** The names the network's DNS answers with this address: container name, service, aliases. */
  names: string[];
}

const ATTACHMENTS_LABEL = 'berth.attachments';

/** `labels` with the attachments recorded (unchanged when there are none). */
export function withAttachments(labels: Readonly<Record<string, string>>, attachments: readonly ContainerAttachment[]): Record<string, string> {
  return attachments.length === 0 ? { ...labels } : { ...labels, [ATTACHMENTS_LABEL]: JSON.stringify(attachments) };
}

/** The attachments of a container (none when it has no network). */
export function attachmentsOf(container: ObservedContainer): ContainerAttachment[] {
  const text = container.labels?.[ATTACHMENTS_LABEL];
  return text === undefined ? [] : JSON.parse(text) as ContainerAttachment[];
}
