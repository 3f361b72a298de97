/**
 * Fault: a SIGTERM (or SIGINT) while the daemon read its configuration at boot ended it by the
 * signal: main installed its listeners only after the configuration was loaded and checked, so
 * Node's default ran (no line said, no exit code of its own, a supervisor saw a kill). Now the
 * listeners are installed before the configuration and the daemon's modules load
 * (src/stop-signals.ts); a signal held so far stops the daemon before anything is opened: one line
 * said, exit code 0, no journal file made, no ready line.
 *
 * The real built daemon (the tsc output and the bundle a terminal starts) on the test profile. The
 * signal is sent from inside the process at the very read of the profile's file (`--import` of a
 * few lines that wrap the file read): within the load, not left to how fast the spec is.
 */
import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BUNDLED_MAIN, preloaded, runSignalled, TSC_MAIN } from './signalled-daemon.js';

/** A module loaded before the daemon: `signal` to itself right after the test profile's file is read. */
function signalAtProfileRead(signal: NodeJS.Signals): string {
  const code = `import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
const read = fs.readFileSync; let sent = false;
fs.readFileSync = function (file, ...rest) {
  const text = read.call(this, file, ...rest);
  if (!sent && String(file).endsWith('test.yaml')) { sent = true; process.kill(process.pid, ${JSON.stringify(signal)}); }
  return text;
};
syncBuiltinESMExports();`;
  return preloaded(code);
}

const runSignalledAtProfileRead = (entry: string, signal: NodeJS.Signals, journalPath: string) =>
  runSignalled(entry, signalAtProfileRead(signal), signal, journalPath);

/** the JSON log lines' messages with their signal */
const logged = (lines: string[]): { msg: unknown; signal: unknown }[] =>
  lines.flatMap((line) => {
    try {
      const { msg, signal } = JSON.parse(line) as { msg?: unknown; signal?: unknown };
      return [{ msg, signal }];
    } catch {
      return [];
    }
  });

describe.each([
  ['the tsc output', TSC_MAIN],
  ['the bundle', BUNDLED_MAIN],
])('a stop signal while the configuration loads (%s)', (_name, entry) => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'kiosk-sigterm-config-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it.each(['SIGTERM', 'SIGINT'] as const)(
    '%s while the profile is read: a logged stop, exit code 0, nothing opened',
    async (signal) => {
      const journalPath = join(dir, 'journal.sqlite');
      const ended = await runSignalledAtProfileRead(entry, signal, journalPath);

      expect({ code: ended.code, signal: ended.signal }).toEqual({ code: 0, signal: null });
      expect(logged(ended.lines)).toContainEqual({
        msg: 'stopping before the start: nothing was opened',
        signal,
      });
      expect(ended.lines.join('\n')).not.toMatch(/"event":"ready"|boot failed|shutdown/);
      // nothing opened: no journal made (nor its claim), so nothing half-migrated
      expect(existsSync(journalPath)).toBe(false);
      expect(readdirSync(dir)).toEqual([]);
    },
    45_000,
  );
});
