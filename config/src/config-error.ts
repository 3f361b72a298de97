/**
 * A configuration that cannot be used: which file, and one problem per key path with its reason.
 * `formatConfigError` turns it into the short report printed when boot stops.
 */
import { relative, isAbsolute } from 'node:path';
import { ErrorCode, KioskError } from '@kiosk/domain';

export type ConfigErrorCode =
  | typeof ErrorCode.CONFIG_FILE_MISSING
  | typeof ErrorCode.CONFIG_PARSE_FAILED
  | typeof ErrorCode.CONFIG_INVALID;

export interface ConfigProblem {
  /** key path in the file, e.g. `caps.singleWithdrawalFen` or `devices.cashDispenser.cassettes[0].count`; '' for the file as a whole */
  readonly path: string;
  readonly reason: string;
  /** 1-based position in the file, when known */
  readonly line?: number;
  readonly column?: number;
}

export class ConfigError extends KioskError {
  constructor(
    code: ConfigErrorCode,
    /** the file that was read (absolute), or the profile's expected file when it is missing */
    readonly file: string,
    readonly problems: readonly ConfigProblem[],
    options?: { cause?: unknown },
  ) {
    super(code, summary(file, problems), { file, problems: problems.length }, options);
  }
}

function summary(file: string, problems: readonly ConfigProblem[]): string {
  const [first] = problems;
  const head = `Configuration ${displayPath(file)} cannot be used`;
  if (first === undefined) return head;
  const more = problems.length > 1 ? ` (and ${problems.length - 1} more)` : '';
  return `${head}: ${location(first)}: ${first.reason}${more}`;
}

/** A path relative to the working directory when the file lies under it, else as it is. */
export function displayPath(file: string): string {
  const rel = relative(process.cwd(), file);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : file;
}

function location(problem: ConfigProblem): string {
  const at = problem.line !== undefined ? `line ${problem.line}, column ${problem.column ?? 1}` : '';
  if (problem.path === '') return at === '' ? '(file)' : at;
  return at === '' ? problem.path : `${problem.path} (${at})`;
}

const HEADLINES: Record<ConfigErrorCode, string> = {
  CONFIG_FILE_MISSING: 'Configuration file not found',
  CONFIG_PARSE_FAILED: 'Configuration file is not valid YAML',
  CONFIG_INVALID: 'Configuration refused',
};

/**
 * The short human report of a configuration fault: one line naming the file, then one line per
 * problem (`  caps.singleWithdrawalFen: expected a positive integer (fen), got -5`). No stack.
 */
export function formatConfigError(error: ConfigError): string {
  const lines = [
    `${HEADLINES[error.code as ConfigErrorCode] ?? 'Configuration refused'}: ${displayPath(error.file)}`,
  ];
  for (const problem of error.problems) lines.push(`  ${location(problem)}: ${problem.reason}`);
  return lines.join('\n');
}
