/**
 * Checks of substituted values Docker validates at build time: EXPOSE ports (normalised to
 * `<port>[-<end>]/<protocol>`, tcp by default) and STOPSIGNAL names or numbers. A failed check throws
 * a ValueProblem, which the stage resolver turns into an error at the instruction.
 */

/** A value an instruction cannot take, with the hint to fix it. */
export class ValueProblem extends Error {
  constructor(message: string, readonly code: string, readonly hint: string) {
    super(message);
  }
}

const PORT = /^(\d+)(?:-(\d+))?(?:\/([a-zA-Z]+))?$/;
const PROTOCOLS = new Set(['tcp', 'udp', 'sctp']);
const SIGNALS = new Set([
  'ABRT', 'ALRM', 'BUS', 'CHLD', 'CLD', 'CONT', 'FPE', 'HUP', 'ILL', 'INT', 'IO', 'IOT', 'KILL', 'PIPE', 'POLL', 'PROF', 'PWR',
  'QUIT', 'SEGV', 'STKFLT', 'STOP', 'SYS', 'TERM', 'TRAP', 'TSTP', 'TTIN', 'TTOU', 'UNUSED', 'URG', 'USR1', 'USR2', 'VTALRM',
  'WINCH', 'XCPU', 'XFSZ', 'RTMIN', 'RTMAX',
]);

/** `80` → `80/tcp`, `53/UDP` → `53/udp`, `8000-8010` → `8000-8010/tcp`. */
export function checkPort(text: string): string {
  const match = PORT.exec(text);
  const protocol = (match?.[3] ?? 'tcp').toLowerCase();
  const first = Number(match?.[1]);
  const last = match?.[2] === undefined ? first : Number(match[2]);
  if (match === null || !PROTOCOLS.has(protocol) || first < 1 || last > 65535 || last < first) {
    throw new ValueProblem(`port '${text}' is not valid`, 'invalid-port', 'write EXPOSE <port>[/tcp|/udp|/sctp] or a range like 8000-8010, ports 1 to 65535');
  }
  return `${match[1]}${match[2] === undefined ? '' : `-${match[2]}`}/${protocol}`;
}

/** The signal as written, when it is a signal name (with or without SIG) or number. */
export function checkSignal(text: string): string {
  const name = text.toUpperCase().replace(/^SIG/, '');
  const realtime = /^RT(MIN|MAX)([+-]\d+)?$/.exec(name);
  const number = /^\d+$/.test(name) ? Number(name) : undefined;
  if (SIGNALS.has(name) || realtime !== null || (number !== undefined && number >= 1 && number <= 64)) return text;
  throw new ValueProblem(`signal '${text}' is not valid`, 'invalid-signal', 'write a signal name like SIGTERM or SIGINT, or its number');
}
