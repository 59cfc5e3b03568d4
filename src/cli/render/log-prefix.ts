/**
 * The `service-1  | ` prefixes of attached output and `logs`, as Docker Compose prints them: names padded
 * to the longest one, a colour per container taken in turn from a fixed palette, none with --no-color.
 */

const PALETTE = ['36', '33', '32', '35', '34', '96', '93', '92', '95', '94'];

export interface PrefixOptions {
  color: boolean;
  timestamps: boolean;
}

/** Makes prefixes for a known set of names, so columns line up. */
export class LogPrefixer {
  private readonly width: number;
  private readonly colors = new Map<string, string>();

  constructor(names: readonly string[], private readonly options: PrefixOptions) {
    this.width = Math.max(0, ...names.map((n) => n.length));
    names.forEach((name, i) => this.colors.set(name, PALETTE[i % PALETTE.length]!));
  }

  /** One output line with its prefix (and ISO timestamp when asked). */
  line(name: string, text: string, time?: Date): string {
    const label = `${name.padEnd(this.width)}  |`;
    const painted = this.options.color ? `\x1b[${this.colorOf(name)}m${label}\x1b[0m` : label;
    const stamp = this.options.timestamps && time !== undefined ? `${time.toISOString()} ` : '';
    return `${painted} ${stamp}${text}`;
  }

  private colorOf(name: string): string {
    let color = this.colors.get(name);
    if (color === undefined) {
      color = PALETTE[this.colors.size % PALETTE.length]!;
      this.colors.set(name, color);
    }
    return color;
  }
}
