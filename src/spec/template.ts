/**
 * The interpolation language of one string: `$VAR`, `${VAR}`, `${VAR:-d}`, `${VAR-d}`, `${VAR:?e}`,
 * `${VAR?e}`, `${VAR:+a}`, `${VAR+a}`, nesting in the operand, `$$` for a literal `$`. A `$` not followed by
 * a name or `{` stays as written. Defaults are interpolated only when used, as Compose does.
 */

/** How a template looks a variable up; undefined means unset. */
export type Lookup = (name: string) => string | undefined;

/** What went wrong in a template; the caller adds the location. */
export class TemplateError extends Error {
  constructor(
    readonly kind: 'invalid' | 'required',
    /** What is wrong, without the why: `invalid template "${x"`. */
    readonly summary: string,
    /** The why, or the user's own message of a `${VAR:?message}`. */
    readonly reason: string,
    readonly variable?: string,
  ) {
    super(reason === '' ? summary : `${summary}: ${reason}`);
  }
}

/** A variable a template refers to, as `config --variables` lists it. */
export interface VariableUse {
  name: string;
  defaultValue: string | undefined;
  presenceValue: string | undefined;
  required: boolean;
}

/** Callbacks fired while expanding: an unset variable read without a default. */
export interface TemplateHooks {
  unset?: (name: string) => void;
  use?: (use: VariableUse) => void;
}

const NAME = /^[_a-zA-Z][_a-zA-Z0-9]*/;
const OPERATORS = [':-', ':?', ':+', '-', '?', '+'] as const;

/** Expands every variable in `text`. Throws TemplateError on a malformed template or a missing required value. */
export function expandTemplate(text: string, lookup: Lookup, hooks: TemplateHooks = {}): string {
  let out = '';
  let i = 0;
  while (i < text.length) {
    const dollar = text.indexOf('$', i);
    if (dollar < 0) return out + text.slice(i);
    out += text.slice(i, dollar);
    const next = text[dollar + 1];
    if (next === '$') {
      out += '$';
      i = dollar + 2;
    } else if (next === '{') {
      const close = matchingBrace(text, dollar + 2);
      out += expandBraced(text.slice(dollar + 2, close), lookup, hooks);
      i = close + 1;
    } else {
      const name = NAME.exec(text.slice(dollar + 1))?.[0];
      if (name === undefined) {
        out += '$';
        i = dollar + 1;
        continue;
      }
      out += readVariable(name, lookup, hooks);
      i = dollar + 1 + name.length;
    }
  }
  return out;
}

function matchingBrace(text: string, from: number): number {
  let depth = 1;
  for (let i = from; i < text.length; i += 1) {
    if (text[i] === '$' && text[i + 1] === '$') i += 1;
    else if (text[i] === '$' && text[i + 1] === '{') {
      depth += 1;
      i += 1;
    } else if (text[i] === '}') {
      depth -= 1;
      if (depth === 0) return i;
    }
  }
  throw new TemplateError('invalid', `invalid template "${text}"`, 'a `${` is never closed');
}

function readVariable(name: string, lookup: Lookup, hooks: TemplateHooks): string {
  hooks.use?.({ name, defaultValue: undefined, presenceValue: undefined, required: false });
  const value = lookup(name);
  if (value === undefined) hooks.unset?.(name);
  return value ?? '';
}

function expandBraced(body: string, lookup: Lookup, hooks: TemplateHooks): string {
  const name = NAME.exec(body)?.[0];
  const rest = name === undefined ? body : body.slice(name.length);
  const operator = OPERATORS.find((op) => rest.startsWith(op));
  if (name === undefined || (rest !== '' && operator === undefined)) {
    throw new TemplateError('invalid', `invalid template "\${${body}}"`, '');
  }
  if (operator === undefined) return readVariable(name, lookup, hooks);
  const operand = rest.slice(operator.length);
  const value = lookup(name);
  const strict = operator.startsWith(':');
  const missing = value === undefined || (strict && value === '');
  const expand = (): string => expandTemplate(operand, lookup, hooks);
  switch (operator.at(-1)) {
    case '-':
      hooks.use?.({ name, defaultValue: operand, presenceValue: undefined, required: false });
      return missing ? expand() : value!;
    case '+':
      hooks.use?.({ name, defaultValue: undefined, presenceValue: operand, required: false });
      return missing ? '' : expand();
    default:
      hooks.use?.({ name, defaultValue: undefined, presenceValue: undefined, required: true });
      if (!missing) return value!;
      throw new TemplateError('required', `required variable ${name} is missing a value`, operand === '' ? '' : expand(), name);
  }
}
