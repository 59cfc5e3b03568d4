/**
 * The terminal display of `up` and `down`: one line per resource (container, network, volume, image)
 * showing what is happening to it now and, once done, how long it took, redrawn in place at most every
 * 80 ms. (listr2 draws only the tasks it was given before it started running, and a plan's rows appear
 * as its ops start, so the rows are drawn here with plain cursor movements.)
 */
import type { ApplyEvent } from '../../app/up.js';
import { seconds, subjectOf, wordOf, type ProgressSink } from './progress.js';

const SPINNER = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧', '⠇', '⠏'];

interface Row {
  text: string;
  state: 'busy' | 'done' | 'failed';
  started: number;
}

/** Rows redrawn in place on a terminal. */
export class TtyProgress implements ProgressSink {
  private readonly rows = new Map<string, Row>();
  private drawn = 0;
  private frame = 0;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly stream: NodeJS.WriteStream, private readonly title: string) {
    this.timer = setInterval(() => this.draw(), 80);
  }

  event(event: ApplyEvent): void {
    const subject = subjectOf(event);
    const row = this.rows.get(subject) ?? { text: '', state: 'busy', started: event.at };
    if (event.type === 'started' && row.state !== 'busy') row.started = event.at;
    row.state = event.type === 'started' ? 'busy' : event.type === 'failed' || event.type === 'undo-failed' ? 'failed' : 'done';
    row.text = `${subject}  ${wordOf(event)}${event.type === 'started' ? '' : ` ${seconds(event.at - row.started)}`}`;
    this.rows.set(subject, row);
  }

  async end(): Promise<void> {
    clearInterval(this.timer);
    this.draw();
  }

  private draw(): void {
    if (this.rows.size === 0) return;
    this.frame += 1;
    const spinner = SPINNER[this.frame % SPINNER.length]!;
    const busy = [...this.rows.values()].some((r) => r.state === 'busy');
    const lines = [`${busy ? spinner : '✔'} ${this.title}`, ...[...this.rows.values()].map((r) => `  ${r.state === 'busy' ? spinner : r.state === 'failed' ? '✖' : '✔'} ${r.text}`)];
    const up = this.drawn > 0 ? `\x1b[${this.drawn}A` : '';
    this.stream.write(`${up}${lines.map((l) => `\r\x1b[2K${l}`).join('\n')}\n`);
    this.drawn = lines.length;
  }
}
