/**
 * Turns zod's issues into configuration problems a person can act on: the key path in the
 * file's own terms, what was expected, what was found (never the value of a secret), and for a
 * misspelt key the name that was probably meant.
 */
import { z } from 'zod';
import type { ConfigProblem } from './config-error.js';

type Path = readonly PropertyKey[];

/** A problem with the key path still in segments, so the loader can find its line in the file. */
export interface LocatedProblem extends ConfigProblem {
  readonly segments: readonly PropertyKey[];
}

/** Keys whose values are never echoed back in a report: a staff PIN's hash may be the PIN itself, mistaken. */
const SECRET_KEY = /key|secret|password|token|^pin(?:hash)?$/i;

export function formatPath(path: Path): string {
  let out = '';
  for (const segment of path) {
    if (typeof segment === 'number') out += `[${segment}]`;
    else out += out === '' ? String(segment) : `.${String(segment)}`;
  }
  return out;
}

/**
 * Adds a refusal at `path` (relative to the checked object) from a schema's check; later checks
 * still run.
 */
export function refuse(
  ctx: { issues: z.core.$ZodRawIssue[] },
  path: (string | number)[],
  message: string,
  input?: unknown,
): void {
  ctx.issues.push({ code: 'custom', path, message, input, continue: true });
}

/** Validates `input`, returning the parsed value or the list of problems found. */
export function validate<S extends z.ZodType>(
  schema: S,
  input: unknown,
): { ok: true; value: z.output<S> } | { ok: false; problems: LocatedProblem[] } {
  const knownKeys = new Map<string, string[]>();
  const result = schema.safeParse(input, {
    reportInput: true,
    // A configuration is checked once per boot: zod's compiled fast path for objects (generated
    // with new Function on an object schema's first parse) costs more to build than it saves on
    // one parse (about 9 of the check's 14 ms at boot). The same checks, the same issues.
    jitless: true,
    error: (issue) => {
      if (issue.code === 'unrecognized_keys') {
        const shape = (issue.inst as { _zod?: { def?: { shape?: object } } } | undefined)?._zod?.def?.shape;
        knownKeys.set(formatPath(issue.path ?? []), shape === undefined ? [] : Object.keys(shape));
      }
      return genericMessage(issue);
    },
  });
  if (result.success) return { ok: true, value: result.data };
  const problems = result.error.issues.flatMap((issue) => toProblems(issue, knownKeys));
  return { ok: false, problems };
}

function toProblems(issue: z.core.$ZodIssue, knownKeys: Map<string, string[]>): LocatedProblem[] {
  const base = formatPath(issue.path);
  if (issue.code === 'unrecognized_keys') {
    const known = knownKeys.get(base) ?? [];
    return issue.keys.map((key) => {
      const guess = closest(key, known);
      const hint =
        guess === undefined ? `; known keys here: ${known.join(', ')}` : `; did you mean ${guess}?`;
      const segments = [...issue.path, key];
      return { segments, path: formatPath(segments), reason: `unknown key${known.length > 0 ? hint : ''}` };
    });
  }
  return [{ segments: issue.path, path: base, reason: absence(issue) + issue.message + found(issue) }];
}

/** A missing or empty key says so before what it expects (schema messages say only the latter). */
function absence(issue: z.core.$ZodIssue): string {
  if (issue.code !== 'invalid_type') return '';
  if (issue.input === undefined) return 'missing; ';
  if (issue.input === null) return 'empty; ';
  return '';
}

function genericMessage(issue: z.core.$ZodRawIssue): string | undefined {
  switch (issue.code) {
    case 'invalid_type':
      return `expected ${article(issue.expected)}`;
    case 'too_small':
    case 'too_big': {
      const bound = issue.code === 'too_small' ? issue.minimum : issue.maximum;
      const cmp = issue.code === 'too_small' ? (issue.inclusive ? '≥' : '>') : issue.inclusive ? '≤' : '<';
      if (issue.origin === 'string') return `expected ${cmp} ${String(bound)} characters`;
      if (issue.origin === 'array') return `expected ${cmp} ${String(bound)} items`;
      return `expected a number ${cmp} ${String(bound)}`;
    }
    case 'invalid_value':
      return `expected ${issue.values.map((v) => String(v)).join(' or ')}`;
    case 'invalid_format':
      return `expected ${issue.format === 'url' ? 'a URL' : `text of format ${issue.format}`}`;
    case 'unrecognized_keys':
      return 'unknown key';
    default:
      return undefined;
  }
}

function article(expected: string): string {
  const names: Record<string, string> = {
    number: 'a number',
    int: 'an integer',
    string: 'a text',
    boolean: 'true or false',
    object: 'a mapping of keys',
    array: 'a list',
  };
  return names[expected] ?? expected;
}

/** `, got …` describing the offending value, or '' where it says nothing useful or is a secret. */
function found(issue: z.core.$ZodIssue): string {
  const input: unknown = issue.input;
  if (input === undefined || (input === null && issue.code === 'invalid_type')) return '';
  const last = issue.path.at(-1);
  if (typeof last === 'string' && SECRET_KEY.test(last)) {
    return typeof input === 'string' ? `, got ${input.length} characters` : `, got ${kind(input)}`;
  }
  if (issue.code === 'invalid_union') {
    const discriminator = (issue as { discriminator?: string }).discriminator;
    if (discriminator !== undefined && typeof input === 'object' && input !== null) {
      return `, got ${describe((input as Record<string, unknown>)[discriminator])}`;
    }
    return `, got ${kind(input)}`;
  }
  if (issue.code === 'custom' && typeof input === 'boolean') return '';
  return `, got ${describe(input)}`;
}

/** A URL's password (`user:password@`), hidden before a value is shown: whatever key it sits under. */
const URL_PASSWORD = /([^\s:/@]+):[^\s@/]*@/g;

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (typeof value === 'string') {
    const shown = value.replace(URL_PASSWORD, '$1:***@');
    return JSON.stringify(shown.length > 40 ? `${shown.slice(0, 40)}…` : shown);
  }
  if (typeof value === 'number' || typeof value === 'boolean' || value === null) return String(value);
  return kind(value);
}

function kind(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return `a ${typeof value}`;
}

/** The known key nearest to a misspelt one, when it is near enough to be a typo. */
export function closest(key: string, known: readonly string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of known) {
    const d = candidate.toLowerCase() === key.toLowerCase() ? 0 : distance(key, candidate);
    if (d < bestDistance) [best, bestDistance] = [candidate, d];
  }
  return bestDistance <= Math.max(2, Math.floor(key.length / 4)) ? best : undefined;
}

function distance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
