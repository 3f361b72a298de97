/**
 * Loads the kiosk's configuration once at boot: reads a YAML profile, applies overrides, reads
 * the kiosk key from its own file when the profile names one, validates everything against
 * `KioskConfigSchema` and returns a deep-frozen `KioskConfig`. Every fault is a `ConfigError`
 * naming the file and each offending key path.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { isMap, isScalar, isSeq, LineCounter, parseDocument, type Document, type YAMLError } from 'yaml';
import { ErrorCode } from '@kiosk/domain';
import { ConfigError, type ConfigProblem } from './config-error.js';
import { applyOverrides } from './config-overrides.js';
import { readFleetPasswordFile } from './fleet-config.js';
import { validate, type LocatedProblem } from './config-issues.js';
import { KioskConfigSchema, PROFILES, type KioskConfig } from './kiosk-config.schema.js';

export interface LoadConfigOptions {
  /** name of a profile in `configDir` (`demo`, `test`, `production`); `demo` when neither this nor `file` is given */
  readonly profile?: string;
  /** a YAML file to load instead of a named profile; wins over `profile` */
  readonly file?: string;
  /** `key.path=value` strings applied before validation */
  readonly overrides?: readonly string[];
  /** where named profiles live; the package's own `profiles/` folder by default */
  readonly configDir?: string;
}

/** The shipped profiles folder: `../profiles` from both `src/` (tests) and `dist/` (runtime). */
export const DEFAULT_PROFILES_DIR = fileURLToPath(new URL('../profiles/', import.meta.url));

/** Later YAML errors mostly follow from the first; a few are enough to act on. */
const MAX_YAML_ERRORS = 3;
const PROFILE_NAME = /^[a-z][a-z0-9-]{0,40}$/;

export function loadConfig(options: LoadConfigOptions = {}): KioskConfig {
  const profileName = options.file === undefined ? (options.profile ?? 'demo') : undefined;
  const configDir = resolve(options.configDir ?? DEFAULT_PROFILES_DIR);
  const file =
    options.file !== undefined ? resolve(options.file) : join(configDir, `${profileName ?? 'demo'}.yaml`);
  if (profileName !== undefined && !PROFILE_NAME.test(profileName)) {
    throw new ConfigError(ErrorCode.CONFIG_FILE_MISSING, file, [
      { path: '', reason: `"${profileName}" is not a profile name; ${knownProfiles(configDir)}` },
    ]);
  }

  const text = readConfigFile(file, profileName === undefined ? undefined : configDir);
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, uniqueKeys: true, prettyErrors: true });
  if (doc.errors.length > 0) {
    throw new ConfigError(
      ErrorCode.CONFIG_PARSE_FAILED,
      file,
      doc.errors.slice(0, MAX_YAML_ERRORS).map((e) => ({
        path: '',
        reason: yamlReason(e),
        line: e.linePos?.[0].line,
        column: e.linePos?.[0].col,
      })),
    );
  }
  const data = toData(doc, file);

  const invalid = (problems: readonly LocatedProblem[]): ConfigError =>
    new ConfigError(
      ErrorCode.CONFIG_INVALID,
      file,
      locate(problems, doc, lineCounter, options.overrides ?? []),
    );
  const overrideProblems = applyOverrides(data, options.overrides ?? []);
  if (overrideProblems.length > 0) throw invalid(overrideProblems);
  const setupProblems = [
    ...profileMismatch(data, profileName),
    ...readKioskKeyFile(data, dirname(file)),
    ...readFleetPasswordFile(data, dirname(file)),
  ];
  if (setupProblems.length > 0) throw invalid(setupProblems);

  const result = validate(KioskConfigSchema, data);
  if (!result.ok) throw invalid(result.problems);
  return deepFreeze(result.value) as KioskConfig;
}

/** The parser's message in the terms of a profile, without its position suffix and library advice. */
function yamlReason(error: YAMLError): string {
  if (error.code === 'MULTIPLE_DOCS')
    return 'more than one YAML document (---); a profile is a single document';
  if (error.code === 'DUPLICATE_KEY') return 'duplicate key: each key may appear once in a mapping';
  return (error.message.split('\n')[0] ?? error.code).replace(/ at line \d+, column \d+:?$/, '');
}

function readConfigFile(file: string, profilesDir: string | undefined): string {
  try {
    return readFileSync(file, 'utf8');
  } catch (cause) {
    const missing =
      profilesDir === undefined ? 'no such file' : `no such profile; ${knownProfiles(profilesDir)}`;
    const reason = readFault(cause, missing);
    throw new ConfigError(ErrorCode.CONFIG_FILE_MISSING, file, [{ path: '', reason }], { cause });
  }
}

function readFault(cause: unknown, missing: string): string {
  const code = (cause as NodeJS.ErrnoException).code;
  if (code === 'ENOENT') return missing;
  if (code === 'EISDIR') return 'is a folder, not a file';
  if (code === 'EACCES') return 'permission denied';
  return `cannot be read (${code ?? 'unknown error'})`;
}

function knownProfiles(dir: string): string {
  let names: string[] = [];
  try {
    names = readdirSync(dir)
      .filter((f) => f.endsWith('.yaml'))
      .map((f) => f.slice(0, -'.yaml'.length))
      .sort();
  } catch {
    // the folder itself is missing: say so below
  }
  return names.length > 0 ? `profiles here: ${names.join(', ')}` : 'no profiles found in that folder';
}

function toData(doc: Document, file: string): Record<string, unknown> {
  let data: unknown;
  try {
    data = doc.toJS({ maxAliasCount: 50 });
  } catch (cause) {
    throw new ConfigError(
      ErrorCode.CONFIG_PARSE_FAILED,
      file,
      [{ path: '', reason: (cause as Error).message }],
      { cause },
    );
  }
  if (data === null || typeof data !== 'object' || Array.isArray(data)) {
    const got =
      data === null || data === undefined
        ? 'an empty file'
        : Array.isArray(data)
          ? 'a list'
          : 'a single value';
    throw new ConfigError(ErrorCode.CONFIG_INVALID, file, [
      { path: '', reason: `expected a mapping of keys at the top of the file, got ${got}` },
    ]);
  }
  return data as Record<string, unknown>;
}

/** When a profile is asked for by name, the file must say it is that profile. */
function profileMismatch(data: Record<string, unknown>, profileName: string | undefined): LocatedProblem[] {
  const declared = data['profile'];
  if (
    profileName === undefined ||
    !(PROFILES as readonly unknown[]).includes(declared) ||
    declared === profileName
  ) {
    return [];
  }
  return [
    {
      segments: ['profile'],
      path: 'profile',
      reason: `the file says ${String(declared)} but profile ${profileName} was asked for`,
    },
  ];
}

/**
 * `host.kioskKeyFile: <path>` keeps the kiosk key out of the profile (production): the key is read
 * from that file (relative to the profile's folder), trimmed, and becomes `host.kioskKey`.
 */
function readKioskKeyFile(data: Record<string, unknown>, baseDir: string): LocatedProblem[] {
  const host = data['host'];
  if (host === null || typeof host !== 'object' || !('kioskKeyFile' in host)) return [];
  const record = host as Record<string, unknown>;
  const keyFile = record['kioskKeyFile'];
  const refuse = (reason: string): LocatedProblem[] => [
    { segments: ['host', 'kioskKeyFile'], path: 'host.kioskKeyFile', reason },
  ];
  if (typeof keyFile !== 'string' || keyFile.trim() === '') return refuse('expected the path of a key file');
  if (record['kioskKey'] !== undefined) return refuse('give host.kioskKey or host.kioskKeyFile, not both');
  try {
    record['kioskKey'] = readFileSync(resolve(baseDir, keyFile), 'utf8').trim();
  } catch (cause) {
    return refuse(`cannot read the key file: ${readFault(cause, 'no such file')}`);
  }
  delete record['kioskKeyFile'];
  return [];
}

/** Adds the line and column in the file of each problem's key, unless an override set it. */
function locate(
  problems: readonly LocatedProblem[],
  doc: Document,
  lineCounter: LineCounter,
  overrides: readonly string[],
): ConfigProblem[] {
  const overridden = overrides.map((o) => (o.split('=')[0] ?? '').split('.'));
  return problems.map(({ segments, ...problem }) => {
    const keys = segments.map(String);
    const touched = overridden.some((o) => o.every((segment, i) => keys[i] === segment));
    const offset = touched ? undefined : keyOffset(doc, segments);
    if (offset === undefined) return problem;
    const { line, col } = lineCounter.linePos(offset);
    return { ...problem, line, column: col };
  });
}

/** Offset of the deepest key along `segments` that exists in the file. */
function keyOffset(doc: Document, segments: readonly PropertyKey[]): number | undefined {
  let node: unknown = doc.contents;
  let offset: number | undefined;
  for (const segment of segments) {
    if (isSeq(node) && typeof segment === 'number') {
      node = node.items[segment];
      const range = (node as { range?: [number, number, number] } | undefined)?.range;
      if (range === undefined) break;
      offset = range[0];
      continue;
    }
    if (!isMap(node)) break;
    const pair = node.items.find((item) => isScalar(item.key) && item.key.value === segment);
    if (pair === undefined || !isScalar(pair.key)) break;
    offset = pair.key.range?.[0];
    node = pair.value;
  }
  return offset;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}
