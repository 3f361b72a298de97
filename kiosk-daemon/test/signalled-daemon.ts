/**
 * The stop signal specs' daemon: the real built daemon (the tsc output, or the bundle a terminal
 * starts) on the test profile with a real SQLite journal file, a module `--import`ed before it
 * that sends the signal from inside the process at the instant the spec is about (a line written,
 * the profile read), and its end awaited, bounded: its exit code or signal and every line it
 * printed.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

export { TSC_MAIN } from './daemon-process.js';
export const BUNDLED_MAIN = fileURLToPath(new URL('../dist/bundle/main.js', import.meta.url));

export interface Ended {
  readonly code: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly lines: string[];
}

/** A module to `--import`: `code` (JavaScript) as a data URL. */
export const preloaded = (code: string): string => `data:text/javascript,${encodeURIComponent(code)}`;

/**
 * Starts `entry` with `preload` imported first (it sends `signal`), journal at `journalPath`, and
 * waits for it to end: killed after 30 s, failing with its last lines.
 */
export function runSignalled(
  entry: string,
  preload: string,
  signal: NodeJS.Signals,
  journalPath: string,
): Promise<Ended> {
  const child = spawn(
    process.execPath,
    [
      ...['--import', preload, entry, '--profile', 'test'],
      ...['--set', 'gateway.port=0', '--set', `journal.path=${journalPath}`, '--set', 'host.embeddedPort=0'],
      // the boot's lines, and the stop's
      ...['--set', 'log.level=info'],
    ],
    { stdio: ['ignore', 'pipe', 'pipe'] },
  );
  const lines: string[] = [];
  createInterface({ input: child.stdout }).on('line', (line) => lines.push(line));
  createInterface({ input: child.stderr }).on('line', (line) => lines.push(line));
  return new Promise((resolvePromise, reject) => {
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(
        new Error(`the daemon did not end in 30 s after its ${signal}:\n${lines.slice(-20).join('\n')}`),
      );
    }, 30_000);
    // 'close': the pipes read to their end too
    child.once('close', (code, ended) => {
      clearTimeout(timer);
      resolvePromise({ code, signal: ended, lines });
    });
  });
}
