/**
 * "Did you mean" for misspelt keys and values: the closest allowed word by edit distance (case- and
 * separator-insensitive, adjacent swaps count as one edit), plus the confusions people actually make
 * (`enviroment`, `depend_on`, `port`). Only words allowed at that spot are ever suggested.
 */

/** Misspellings and near-synonyms seen in real files, mapped to the attribute meant. */
const CONFUSIONS: Readonly<Record<string, string>> = {
  env: 'environment',
  envs: 'environment',
  environments: 'environment',
  enviroment: 'environment',
  enviornment: 'environment',
  envirnoment: 'environment',
  variables: 'environment',
  depend_on: 'depends_on',
  dependson: 'depends_on',
  dependencies: 'depends_on',
  requires: 'depends_on',
  port: 'ports',
  publish: 'ports',
  expose_ports: 'ports',
  volume: 'volumes',
  mounts: 'volumes',
  mount: 'volumes',
  network: 'networks',
  label: 'labels',
  secret: 'secrets',
  config: 'configs',
  cmd: 'command',
  args: 'command',
  entry_point: 'entrypoint',
  workdir: 'working_dir',
  work_dir: 'working_dir',
  working_directory: 'working_dir',
  cwd: 'working_dir',
  health_check: 'healthcheck',
  health: 'healthcheck',
  envfile: 'env_file',
  env_files: 'env_file',
  restart_policy: 'restart',
  name: 'container_name',
  memory: 'mem_limit',
  mem: 'mem_limit',
  memory_limit: 'mem_limit',
  cpu: 'cpus',
  dockerfile: 'build',
  host_name: 'hostname',
  extra_host: 'extra_hosts',
  profile: 'profiles',
  capabilities: 'cap_add',
  replicas: 'scale',
  image_name: 'image',
};

/** The allowed word the user most likely meant by `word`, or undefined when none is close enough. */
export function didYouMean(word: string, allowed: readonly string[]): string | undefined {
  const plain = normalise(word);
  const confusion = CONFUSIONS[plain];
  if (confusion !== undefined && allowed.includes(confusion)) return confusion;
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of allowed) {
    const distance = editDistance(plain, normalise(candidate));
    if (distance < bestDistance) [best, bestDistance] = [candidate, distance];
  }
  return best !== undefined && bestDistance <= tolerance(plain) ? best : undefined;
}

/** Lower case, with `-`, spaces and `.` read as `_` (`container-name` is `container_name`). */
function normalise(word: string): string {
  return word.toLowerCase().replace(/[-\s.]/g, '_');
}

/** How many edits still count as a typo: one for short words, about a third of longer ones. */
function tolerance(word: string): number {
  return word.length <= 4 ? 1 : Math.max(2, Math.floor(word.length / 3));
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps. */
export function editDistance(a: string, b: string): number {
  const rows: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...new Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) rows[0]![j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = rows[i]!;
    const previous = rows[i - 1]!;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      row[j] = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) row[j] = Math.min(row[j]!, rows[i - 2]![j - 2]! + 1);
    }
  }
  return rows[a.length]![b.length]!;
}
