/**
 * Follows a container's log file ({"t","s","m"} JSON lines, written by the monitor) while the container
 * runs, so a RUN step's output reaches the progress display as it is printed: polls from the last offset,
 * hands on complete lines only, and keeps every line for the failure report.
 */
import { closeSync, openSync, readSync } from 'node:fs';

const POLL_MS = 100;

/** A running tail of one log file. */
export class LogTail {
  readonly lines: string[] = [];
  private offset = 0;
  private partial = '';
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly path: string, private readonly onLine: (line: string) => void) {
    this.timer = setInterval(() => this.poll(), POLL_MS);
  }

  /** Reads what is left and stops polling; returns every line seen. */
  finish(): string[] {
    clearInterval(this.timer);
    this.poll();
    return this.lines;
  }

  private poll(): void {
    let fd: number;
    try {
      fd = openSync(this.path, 'r');
    } catch {
      return;
    }
    try {
      const buffer = Buffer.alloc(65536);
      for (let n = readSync(fd, buffer, 0, buffer.length, this.offset); n > 0; n = readSync(fd, buffer, 0, buffer.length, this.offset)) {
        this.offset += n;
        this.partial += buffer.subarray(0, n).toString('utf8');
      }
    } finally {
      closeSync(fd);
    }
    const complete = this.partial.split('\n');
    this.partial = complete.pop() ?? '';
    for (const line of complete.filter((l) => l !== '')) {
      const message = (JSON.parse(line) as { m: string }).m;
      this.lines.push(message);
      this.onLine(message);
    }
  }
}
