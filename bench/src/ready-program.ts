/**
 * A Node program started until it prints its ready line on stdout: how the start-up bench starts
 * the daemon and the empty Nest app, and how the benches start the host simulator. Whatever keeps
 * the program from its ready line fails at once, never later as a bare timeout: spawn refused,
 * an exit (or a signal) before the ready line, a ready line that cannot be read, or no ready line
 * in time. Each fault names the program, how it ended and the last `STDERR_TAIL_BYTES` of its
 * stderr, and is thrown only once the program is no longer running (killed and its exit awaited).
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createInterface } from 'node:readline';

/** how much of a program's stderr a fault carries: the end of it, where the reason is */
export const STDERR_TAIL_BYTES = 2_048;
/** how long a stopped program has after SIGTERM before it is killed */
export const STOP_GRACE_MS = 10_000;
/** after an exit, how long its pipes may take to close before the fault is told with what came */
const PIPES_GRACE_MS = 500;
/** an argument this long is cut in the program's name (an inline script, say) */
const ARG_SHOWN_CHARS = 120;

export type ProgramStartFault =
  | 'spawn-failed'
  | 'exited-before-ready'
  | 'ready-line-unreadable'
  | 'not-ready-in-time'
  /** a program run to its end (`runToEnd`) that failed */
  | 'run-failed';

export interface ProgramEnd {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
}

export class ProgramStartError extends Error {
  override readonly name = 'ProgramStartError';

  constructor(
    readonly code: ProgramStartFault,
    /** the program and its arguments as started (long arguments cut) */
    readonly program: string,
    what: string,
    /** the last `STDERR_TAIL_BYTES` of its stderr, '' when it wrote none */
    readonly stderrTail: string,
    /** how it ended, when it had started */
    readonly end?: ProgramEnd,
  ) {
    super(
      `${program}: ${what}\n${stderrTail === '' ? '(nothing on its stderr)' : `the end of its stderr:\n${stderrTail}`}`,
    );
  }
}

export interface ReadyProgram<T> {
  /** what `readyOf` read from the ready line */
  readonly ready: T;
  readonly pid: number;
  /** SIGTERM, SIGKILL after `stopGraceMs`; resolves once the program has exited */
  stop(): Promise<void>;
}

export interface ReadyProgramOptions<T> {
  /** the program is killed and the start fails after this long without its ready line */
  readonly timeoutMs: number;
  /**
   * Given each stdout line (and the pid, to read /proc at that moment): what ready means, or
   * undefined for another line. Throwing fails the start (`ready-line-unreadable`).
   */
  readonly readyOf: (line: string, pid: number) => T | undefined;
  readonly stopGraceMs?: number;
  /** the folder it runs in (the bench's own by default) */
  readonly cwd?: string;
}

/** The last `bytes` bytes of a stream, as text. */
class StreamTail {
  private kept = Buffer.alloc(0);

  constructor(private readonly bytes: number) {}

  push(chunk: Buffer): void {
    const all = Buffer.concat([this.kept, chunk]);
    this.kept = all.length > this.bytes ? all.subarray(all.length - this.bytes) : all;
  }

  /** a character cut at the start shows as U+FFFD: dropped */
  text(): string {
    return this.kept
      .toString('utf8')
      .replace(/^\uFFFD+/, '')
      .trimEnd();
  }
}

export function programName(args: readonly string[]): string {
  return args
    .map((a) => (a.length > ARG_SHOWN_CHARS ? `${a.slice(0, ARG_SHOWN_CHARS)}… (${a.length} chars)` : a))
    .join(' ');
}

const endText = ({ code, signal }: ProgramEnd): string =>
  signal !== null ? `was ended by ${signal}` : `exited with code ${code}`;

/** Starts `node <args>` and resolves when `readyOf` finds its ready line; see the module's note. */
export function startUntilReady<T>(
  args: readonly string[],
  options: ReadyProgramOptions<T>,
): Promise<ReadyProgram<T>> {
  const program = programName(args);
  const stderr = new StreamTail(STDERR_TAIL_BYTES);
  let child: ChildProcess;
  try {
    child = spawn(process.execPath, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      ...(options.cwd === undefined ? {} : { cwd: options.cwd }),
    });
  } catch (error) {
    // some refusals (E2BIG, say) are thrown by spawn itself rather than emitted
    return Promise.reject(
      new ProgramStartError('spawn-failed', program, `could not be started: ${messageOf(error)}`, ''),
    );
  }
  const exited = new Promise<ProgramEnd>((resolve) => {
    child.once('exit', (code, signal) => resolve({ code, signal }));
  });
  const running = () => child.pid !== undefined && child.exitCode === null && child.signalCode === null;
  const killAndWait = async (): Promise<ProgramEnd | undefined> => {
    if (child.pid === undefined) return undefined; // never started: nothing runs, no exit comes
    if (running()) child.kill('SIGKILL');
    return exited;
  };
  const stop = async (): Promise<void> => {
    if (!running()) return void (await killAndWait());
    child.kill('SIGTERM');
    const kill = setTimeout(() => child.kill('SIGKILL'), options.stopGraceMs ?? STOP_GRACE_MS);
    try {
      await exited;
    } finally {
      clearTimeout(kill);
    }
  };
  child.stderr!.on('data', (chunk: Buffer) => stderr.push(chunk));
  const lines = createInterface({ input: child.stdout! });

  return new Promise((resolve, reject) => {
    let settled = false;
    let gone = false;
    const timer = setTimeout(
      () => void fail('not-ready-in-time', `not ready in ${options.timeoutMs} ms; killed`),
      options.timeoutMs,
    );
    const settle = (): boolean => {
      if (settled) return false;
      settled = true;
      clearTimeout(timer);
      return true;
    };
    async function fail(code: ProgramStartFault, what: string, end?: ProgramEnd): Promise<void> {
      if (!settle()) return;
      lines.close();
      const ended = end ?? (await killAndWait());
      reject(new ProgramStartError(code, program, what, stderr.text(), ended));
    }

    lines.on('line', (line) => {
      if (settled || gone) return;
      let ready: T | undefined;
      try {
        ready = options.readyOf(line, child.pid!);
      } catch (error) {
        void fail('ready-line-unreadable', `its ready line could not be read: ${messageOf(error)}`);
        return;
      }
      if (ready === undefined || !settle()) return;
      resolve({ ready, pid: child.pid!, stop });
    });
    // always listened to: an error after the start (a kill refused, say) must not throw unhandled
    child.on('error', (error) => {
      if (child.pid === undefined) void fail('spawn-failed', `could not be started: ${error.message}`);
    });
    child.once('exit', (code, signal) => {
      if (settled) return;
      gone = true;
      // what it wrote last may still be in the pipe: told once the pipes close, or shortly after
      const end = { code, signal };
      const report = () => void fail('exited-before-ready', `${endText(end)} before its ready line`, end);
      const grace = setTimeout(report, PIPES_GRACE_MS);
      child.once('close', () => {
        clearTimeout(grace);
        report();
      });
    });
  });
}

/**
 * Runs `node <args>` to its end (a build step, say), its stdout ignored; one that cannot start,
 * exits other than 0 or is ended by a signal fails with the end of its stderr.
 */
export function runToEnd(args: readonly string[]): void {
  const run = spawnSync(process.execPath, args, {
    stdio: ['ignore', 'ignore', 'pipe'],
    maxBuffer: 64 * 1024 * 1024,
  });
  const stderr = new StreamTail(STDERR_TAIL_BYTES);
  if (run.stderr) stderr.push(run.stderr);
  const end = { code: run.status, signal: run.signal };
  if (run.error) {
    throw new ProgramStartError(
      'run-failed',
      programName(args),
      `failed: ${run.error.message}`,
      stderr.text(),
      end,
    );
  }
  if (end.code !== 0) {
    throw new ProgramStartError('run-failed', programName(args), endText(end), stderr.text(), end);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
