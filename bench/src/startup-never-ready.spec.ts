/**
 * Fault: a program the bench starts never prints its ready line (or prints one the bench cannot
 * read, or will not stop). The start fails after its timeout with the end of its stderr, and no
 * program is left running: it is killed and its exit awaited before the failure is told.
 */
import { afterAll, describe, expect, it } from '@jest/globals';
import { startUntilReady } from './ready-program.js';
import { PidFiles, READY_LINE, inline, isRunning, startFailureOf } from './ready-program.spec-support.js';
import { startHostSimulator, startOnce } from './startup.bench.js';

const pids = new PidFiles();
afterAll(() => pids.remove());

/** writes its pid, a line to stderr, then waits for ever */
function waitingForever(stderrLine: string, readyLine?: string) {
  const { path, writePid } = pids.file();
  const ready = readyLine === undefined ? '' : `console.log(${JSON.stringify(readyLine)});`;
  const script = `${writePid} console.error(${JSON.stringify(stderrLine)}); ${ready} setInterval(() => {}, 1000);`;
  return { path, args: inline(script) };
}

describe('a program that never prints its ready line', () => {
  it('fails at its timeout with the end of its stderr, and is killed and reaped first', async () => {
    const program = waitingForever('waiting for a card reader that never answers');
    const error = await startFailureOf(startOnce(program.args, 5_000));
    expect(isRunning(pids.pidIn(program.path))).toBe(false);
    expect(error.code).toBe('not-ready-in-time');
    expect(error.message).toContain('not ready in 5000 ms; killed');
    expect(error.stderrTail).toBe('waiting for a card reader that never answers');
    expect(error.end).toEqual({ code: null, signal: 'SIGKILL' });
  });

  it('a host simulator that never says ready fails at its timeout, where it used to be waited for for ever', async () => {
    const program = waitingForever('binding the port');
    const [main, ...args] = program.args;
    const error = await startFailureOf(startHostSimulator(main!, args, 5_000));
    expect(error.code).toBe('not-ready-in-time');
    expect(error.stderrTail).toBe('binding the port');
    expect(isRunning(pids.pidIn(program.path))).toBe(false);
  });
});

describe('a ready line the bench cannot read', () => {
  it('fails with why, and the program is killed and reaped first', async () => {
    const program = waitingForever('', READY_LINE);
    const error = await startFailureOf(
      startUntilReady(program.args, {
        timeoutMs: 60_000,
        readyOf: () => {
          throw new Error('no resident memory in its status');
        },
      }),
    );
    expect(error.code).toBe('ready-line-unreadable');
    expect(error.message).toContain('its ready line could not be read: no resident memory in its status');
    expect(isRunning(pids.pidIn(program.path))).toBe(false);
  });
});

describe('a program that ignores SIGTERM once ready', () => {
  it('is killed at the end of the stop grace, not waited for for ever', async () => {
    const { path, writePid } = pids.file();
    const script = `${writePid} process.on('SIGTERM', () => {}); console.log('ready'); setInterval(() => {}, 1000);`;
    const program = await startUntilReady(inline(script), {
      timeoutMs: 60_000,
      stopGraceMs: 200,
      readyOf: (line) => (line === 'ready' ? true : undefined),
    });
    await program.stop();
    expect(isRunning(pids.pidIn(path))).toBe(false);
    expect(program.pid).toBe(pids.pidIn(path));
  });
});
