/**
 * Fault: a program writes why it fails to stderr, then exits. The bench used to ignore stderr
 * (the program's, the host simulator's, the bundler's); the failure now carries its end, at most
 * `STDERR_TAIL_BYTES`, written up to the exit.
 */
import { describe, expect, it } from '@jest/globals';
import { fileURLToPath } from 'node:url';
import { STDERR_TAIL_BYTES, runToEnd } from './ready-program.js';
import { inline, startFailureOf } from './ready-program.spec-support.js';
import { measureStartup, startHostSimulator } from './startup.bench.js';

const HOST_SIMULATOR = fileURLToPath(new URL('../../host-simulator/dist/main.js', import.meta.url));
const refusedWith = (reason: string, code: number) =>
  inline(`process.stderr.write(${JSON.stringify(`${reason}\n`)}); process.exit(${code});`);

describe('a program that writes to stderr then exits', () => {
  it('fails with what it wrote, written just before its exit', async () => {
    const error = await startFailureOf(
      measureStartup(refusedWith('Configuration refused: no profile "kiosk"', 78), 1),
    );
    expect(error.code).toBe('exited-before-ready');
    expect(error.stderrTail).toBe('Configuration refused: no profile "kiosk"');
    expect(error.message).toContain('exited with code 78 before its ready line');
    expect(error.message).toContain('Configuration refused: no profile "kiosk"');
  });

  it('carries only the end of a long stderr, the reason at its end included', async () => {
    const noise = 'x'.repeat(20_000);
    const error = await startFailureOf(measureStartup(refusedWith(`${noise}\nthe reason, last`, 1), 1));
    expect(error.stderrTail.endsWith('\nthe reason, last')).toBe(true);
    expect(Buffer.byteLength(error.stderrTail)).toBeLessThanOrEqual(STDERR_TAIL_BYTES);
    expect(error.stderrTail.length).toBeGreaterThan(STDERR_TAIL_BYTES / 2);
  });

  it('the host simulator refused at boot fails with its reason', async () => {
    const error = await startFailureOf(startHostSimulator(HOST_SIMULATOR, []));
    expect(error.code).toBe('exited-before-ready');
    expect(error.end?.code).toBe(2);
    expect(error.stderrTail).toContain('give at least one --kiosk-key');
  });

  it('a build step (the bundler) that fails says what it wrote', () => {
    let error: unknown;
    try {
      runToEnd(refusedWith('Could not resolve "@nestjs/core"', 1));
    } catch (e) {
      error = e;
    }
    expect(error).toMatchObject({ code: 'run-failed', stderrTail: 'Could not resolve "@nestjs/core"' });
    expect((error as Error).message).toContain('exited with code 1');
  });
});
