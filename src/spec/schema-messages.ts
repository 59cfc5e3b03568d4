/**
 * Schema violations in Compose words: "mapping" and "sequence", never "object" and "array"; every message
 * starts with the dotted path of the node, names the offending value, and comes with a hint that says
 * what to write instead (with an example for the attributes people most often get wrong).
 */
import { didYouMean } from './did-you-mean.js';
import { formatPath, type ModelPath } from './locator.js';
import type { SchemaIssue } from './schema-explain.js';
import { jsonTypeOf, type JsonType } from './schema-node.js';

/** A violation rendered for people. */
export interface SchemaMessage {
  message: string;
  hint: string;
}

const TYPE_WORDS: Readonly<Record<JsonType, string>> = {
  object: 'a mapping',
  array: 'a sequence',
  string: 'a string',
  number: 'a number',
  integer: 'an integer',
  boolean: 'a boolean',
  null: 'empty',
};

/** Examples of the right shape, by attribute name, for type errors. */
const EXAMPLES: Readonly<Record<string, string>> = {
  ports: '`ports: ["8080:80"]`',
  expose: '`expose: ["3000"]`',
  environment: '`environment: {KEY: value}` or `environment: ["KEY=value"]`',
  labels: '`labels: {com.example.team: web}` or `labels: ["com.example.team=web"]`',
  volumes: '`volumes: ["./data:/data"]`',
  depends_on: '`depends_on: [db]` or `depends_on: {db: {condition: service_healthy}}`',
  command: '`command: ["npm", "start"]` or `command: npm start`',
  entrypoint: '`entrypoint: ["/docker-entrypoint.sh"]`',
  networks: '`networks: [front, back]`',
  healthcheck: '`healthcheck: {test: ["CMD", "curl", "-f", "http://localhost"], interval: 10s}`',
  build: '`build: ./app` or `build: {context: ./app, dockerfile: Dockerfile}`',
  env_file: '`env_file: .env` or `env_file: [.env, .env.local]`',
  extra_hosts: '`extra_hosts: ["host.docker.internal:host-gateway"]`',
  ulimits: '`ulimits: {nofile: {soft: 20000, hard: 20000}}`',
  secrets: '`secrets: [db_password]`',
  configs: '`configs: [app_config]`',
  services: '`services: {web: {image: nginx}}`',
};

/** What each value pattern means, by attribute name (falls back to showing the pattern). */
const PATTERN_RULES: Readonly<Record<string, { noun: string; rule: string; choices?: string[] }>> = {
  container_name: { noun: 'container name', rule: 'it must start with a letter or digit, followed by at least one letter, digit, `_`, `.` or `-`' },
  restart: { noun: 'restart policy', rule: 'use `no`, `always`, `on-failure`, `on-failure:<max retries>` or `unless-stopped`', choices: ['no', 'always', 'on-failure', 'unless-stopped'] },
  pull_policy: {
    noun: 'pull policy',
    rule: 'use `always`, `never`, `missing`, `build`, `if_not_present`, `refresh`, `daily`, `weekly` or `every_<duration>`',
    choices: ['always', 'never', 'missing', 'build', 'if_not_present', 'refresh', 'daily', 'weekly'],
  },
};

/** Singular nouns for the keys of named maps, by the map's own key. */
const NAME_NOUNS: Readonly<Record<string, string>> = {
  services: 'service', networks: 'network', volumes: 'volume', secrets: 'secret', configs: 'config',
  models: 'model', depends_on: 'service', ulimits: 'ulimit',
};

/** The message and hint for one schema violation. */
export function describeIssue(issue: SchemaIssue): SchemaMessage {
  switch (issue.kind) {
    case 'type': return typeMessage(issue.path, issue.expected, issue.value);
    case 'enum': return enumMessage(issue.path, issue.allowed, issue.value);
    case 'pattern': return patternMessage(issue.path, issue.pattern, issue.value);
    case 'range': return rangeMessage(issue.path, issue.value, issue.minimum, issue.maximum);
    case 'required': return {
      message: `${where(issue.path)}: missing required attribute \`${issue.missing}\``,
      hint: `add \`${issue.missing}:\` to ${issue.path.length === 0 ? 'the file' : `\`${formatPath(issue.path)}\``}`,
    };
    case 'unknown-key': return unknownKeyMessage(issue.path, issue.key, issue.allowed);
    case 'bad-name': return badNameMessage(issue.path, issue.key);
    case 'other': return { message: `${where(issue.path)}: ${issue.text}`, hint: 'fix the value so that it matches the Compose specification' };
    case 'duplicate': return {
      message: `${where(issue.path)}: duplicate entry, the same as item [${issue.firstIndex}]`,
      hint: 'remove one of the two entries',
    };
  }
}

/** The dotted path, or `top level` for the root. */
function where(path: ModelPath): string {
  return path.length === 0 ? 'top level' : formatPath(path);
}

function lastKey(path: ModelPath): string | undefined {
  for (let i = path.length - 1; i >= 0; i--) if (typeof path[i] === 'string') return path[i] as string;
  return undefined;
}

/** A value as a user would recognise it in their file. */
function showValue(value: unknown): string {
  const type = jsonTypeOf(value);
  if (type === 'object') return 'a mapping';
  if (type === 'array') return 'a sequence';
  if (type === 'null') return 'empty';
  if (typeof value === 'number' && !Number.isFinite(value)) return `\`${value}\``;
  const text = typeof value === 'number' ? String(value) : JSON.stringify(value);
  return `${type === 'integer' ? 'a number' : TYPE_WORDS[type]} (${text.length > 40 ? `${text.slice(0, 37)}...` : text})`;
}

function orList(words: string[]): string {
  return words.length <= 1 ? (words[0] ?? '') : `${words.slice(0, -1).join(', ')} or ${words.at(-1)}`;
}

function typeMessage(path: ModelPath, expected: JsonType[], value: unknown): SchemaMessage {
  const wanted = expected.filter((t) => !(t === 'integer' && expected.includes('number')) && t !== 'null');
  if (expected.includes('null')) wanted.push('null');
  const message = `${where(path)} must be ${orList(wanted.map((t) => TYPE_WORDS[t]))}, not ${showValue(value)}`;
  if (path.length === 0) return { message, hint: 'a Compose file is a mapping: start it with `services:`' };
  const isService = path.length === 2 && path[0] === 'services';
  if (isService && jsonTypeOf(value) !== 'object') {
    return { message, hint: `a service is a mapping of attributes: indent them under \`${String(path[1])}:\` (is an attribute at the wrong indentation?)` };
  }
  const key = lastKey(path);
  const example = key === undefined ? undefined : EXAMPLES[key];
  if (example !== undefined) return { message, hint: `write it like ${example}` };
  if (wanted.join() === 'boolean,string') return { message, hint: 'write `true` or `false`' };
  return { message, hint: `write ${orList(wanted.map((t) => TYPE_WORDS[t]))} here` };
}

function enumMessage(path: ModelPath, allowed: unknown[], value: unknown): SchemaMessage {
  const choices = allowed.map((a) => `\`${String(a)}\``);
  const guess = typeof value === 'string' ? didYouMean(value, allowed.map(String)) : undefined;
  const must = choices.length === 1 ? `must be ${choices[0]}` : `must be one of ${orList(choices)}`;
  return {
    message: `${where(path)} ${must}, not ${typeof value === 'string' ? `\`${value}\`` : showValue(value)}${guess === undefined ? '' : `: did you mean \`${guess}\`?`}`,
    hint: guess === undefined ? `write ${orList(choices)}` : `write \`${guess}\``,
  };
}

function patternMessage(path: ModelPath, pattern: string, value: string): SchemaMessage {
  const key = lastKey(path) ?? '';
  const rule = PATTERN_RULES[key];
  const guess = rule?.choices === undefined ? undefined : didYouMean(value, rule.choices);
  const suffix = guess === undefined ? '' : `: did you mean \`${guess}\`?`;
  return {
    message: `${where(path)}: \`${value}\` is not a valid ${rule?.noun ?? key.replace(/_/g, ' ')}${suffix}`,
    hint: rule?.rule ?? `the value must match the pattern \`${pattern}\``,
  };
}

function rangeMessage(path: ModelPath, value: number, minimum?: number, maximum?: number): SchemaMessage {
  const bounds = minimum !== undefined && maximum !== undefined ? `between ${minimum} and ${maximum}` : minimum !== undefined ? `at least ${minimum}` : `at most ${maximum}`;
  return { message: `${where(path)} must be ${bounds}, not ${value}`, hint: `use a value ${bounds}` };
}

function unknownKeyMessage(path: ModelPath, key: string, allowed: string[]): SchemaMessage {
  const parent = path.slice(0, -1);
  const noun = parent.length === 0 ? 'top-level element' : 'attribute';
  const guess = didYouMean(key, allowed);
  const message = `${parent.length === 0 ? '' : `${formatPath(parent)}: `}unknown ${noun} \`${key}\`${guess === undefined ? '' : `: did you mean \`${guess}\`?`}`;
  if (guess !== undefined) return { message, hint: `rename \`${key}\` to \`${guess}\`` };
  const listed = allowed.length <= 12 ? `allowed here: ${allowed.map((a) => `\`${a}\``).join(', ')}; ` : '';
  return { message, hint: `${listed}remove it, or prefix it with \`x-\` to keep it as an extension (see docs/compose-support.md)` };
}

function badNameMessage(path: ModelPath, key: string): SchemaMessage {
  const noun = NAME_NOUNS[String(path.at(-1))] ?? 'key';
  const fixed = key.replace(/[^a-zA-Z0-9._-]+/g, '_');
  const rule = noun === 'ulimit' ? 'use a lower-case resource name like `nofile` or `nproc`' : `use only letters, digits, \`.\`, \`_\` and \`-\`${fixed === '' || fixed === key ? '' : `, e.g. \`${fixed}\``}`;
  return { message: `${where(path)}: \`${key}\` is not a valid ${noun} name`, hint: rule };
}
