/**
 * One unit of work for the sync writer: make `target` inside a container's root match `source` on the
 * host. The writer looks at the source when it applies the entry, so a file deleted after its event
 * still ends up deleted: a source that exists is copied, a missing one deletes the target.
 */

/** A host path and the container path it maps to (absolute, inside the container). */
export interface SyncEntry {
  source: string;
  target: string;
}
