/**
 * The warnings a load collects, in the order found. Each phase adds to the one collector of its load;
 * `once` keeps a warning about the same subject (an unset variable) from repeating.
 */
import type { BerthWarning, SourceLocation } from '../errors/index.js';

/** Collects the warnings of one load. */
export class WarningSink {
  readonly list: BerthWarning[] = [];
  private readonly seen = new Set<string>();

  /** Adds a warning. */
  add(code: string, message: string, location?: SourceLocation): void {
    this.list.push(location === undefined ? { code, message } : { code, message, location });
  }

  /** Adds a warning unless one with the same code and subject was already added. */
  once(code: string, subject: string, message: string, location?: SourceLocation): void {
    const key = `${code}\0${subject}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    this.add(code, message, location);
  }
}
