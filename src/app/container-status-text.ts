/**
 * Docker's words for a container's state, as `docker compose ps` prints them: `Up 3 seconds (healthy)`,
 * `Exited (3) 2 minutes ago`, `Restarting (1) 1 second ago`, `Created`, with Docker's rounding of durations (go-units HumanDuration).
 * Pure: the clock is an argument.
 */

/** What the status text is made from; times are ISO strings from the container's records. */
export interface StatusFacts {
  state: string;
  health: string | undefined;
  exitCode: number | undefined;
  startedAt: string | undefined;
  finishedAt: string | undefined;
}

/** `Less than a second`, `1 second`, `About a minute`, `3 hours`, as Docker rounds them. */
export function humanDuration(ms: number): string {
  const seconds = Math.floor(ms / 1000);
  if (seconds < 1) return 'Less than a second';
  if (seconds === 1) return '1 second';
  if (seconds < 60) return `${seconds} seconds`;
  const minutes = Math.floor(ms / 60_000);
  if (minutes === 1) return 'About a minute';
  if (minutes < 60) return `${minutes} minutes`;
  const hours = Math.floor(ms / 3_600_000 + 0.5);
  if (hours === 1) return 'About an hour';
  if (hours < 48) return `${hours} hours`;
  if (hours < 24 * 7 * 2) return `${Math.floor(hours / 24)} days`;
  if (hours < 24 * 30 * 2) return `${Math.floor(hours / 24 / 7)} weeks`;
  if (hours < 24 * 365 * 2) return `${Math.floor(hours / 24 / 30)} months`;
  return `${Math.floor(ms / 3_600_000 / 24 / 365)} years`;
}

/** The STATUS column text of one container at time `now` (ms). */
export function statusText(facts: StatusFacts, now: number): string {
  const since = (iso: string | undefined): string => humanDuration(iso === undefined ? 0 : Math.max(0, now - Date.parse(iso)));
  switch (facts.state) {
    case 'running':
      return `Up ${since(facts.startedAt)}${healthSuffix(facts.health)}`;
    case 'paused':
      return `Up ${since(facts.startedAt)} (Paused)`;
    case 'exited':
      return `Exited (${facts.exitCode ?? 0}) ${since(facts.finishedAt)} ago`;
    case 'restarting':
      return `Restarting (${facts.exitCode ?? 0}) ${since(facts.finishedAt)} ago`;
    case 'created':
      return 'Created';
    case 'dead':
      return 'Dead';
    default:
      return facts.state;
  }
}

function healthSuffix(health: string | undefined): string {
  if (health === undefined) return '';
  return health === 'starting' ? ' (health: starting)' : ` (${health})`;
}
