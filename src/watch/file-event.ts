/**
 * A file system change as the watcher reports it: an absolute host path and chokidar's kind. A rename
 * arrives as an unlink of the old path and an add of the new one.
 */

/** The kinds of change, as chokidar names them. */
export type FileEventKind = 'add' | 'change' | 'unlink' | 'addDir' | 'unlinkDir';

/** One change of one path. */
export interface FileEvent {
  /** Absolute host path. */
  path: string;
  kind: FileEventKind;
}

/** Whether the event leaves the path absent. */
export function isRemoval(kind: FileEventKind): boolean {
  return kind === 'unlink' || kind === 'unlinkDir';
}

/** Whether the event is about a directory. */
export function isDirectoryEvent(kind: FileEventKind): boolean {
  return kind === 'addDir' || kind === 'unlinkDir';
}
