/**
 * Fault: a program the start-up bench starts exits (or cannot start) before its ready line. It
 * used to be told only as "not ready in 30000 ms" half a minute later; it fails at once, with
 * the program, how it ended and the end of its stderr.
 */
import { describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startUntilReady } from './ready-program.js';
import { READY_LINE, inline, startFailureOf } from './ready-program.spec-support.js';
import { measureStartup, measureStartupInterleaved, startOnce } from './startup.bench.js';

/**
 * The daemon as a terminal starts it (the bundle `npm start` and `npm test` build): it reads its
 * configuration before it loads the app, so a refused one ends it in half a second. The tsc output's
 * main.js loads the whole app (Nest, TypeORM, every device road) before it reads the configuration:
 * 2.5 s on a busy machine here, 23 s in a very loaded run, near Jest's 30 s for no more checked.
 */
const DAEMON = fileURLToPath(new URL('../../kiosk-daemon/dist/bundle/main.js', import.meta.url));
/** ready, then waits to be stopped */
const READY_AND_WAITING = inline(`console.log(${JSON.stringify(READY_LINE)}); setInterval(() => {}, 1000);`);

describe('a program that exits before its ready line', () => {
  it('fails at once with its exit code, not at the start-up timeout', async () => {
    const error = await startFailureOf(measureStartup(inline('process.exit(3)'), 1));
    expect(error.code).toBe('exited-before-ready');
    expect(error.end).toEqual({ code: 3, signal: null });
    expect(error.message).toContain('-e process.exit(3): exited with code 3 before its ready line');
  });

  it('ended by a signal, says which', async () => {
    const error = await startFailureOf(measureStartup(inline("process.kill(process.pid, 'SIGTERM')"), 1));
    expect(error.code).toBe('exited-before-ready');
    expect(error.end).toEqual({ code: null, signal: 'SIGTERM' });
    expect(error.message).toContain('was ended by SIGTERM before its ready line');
  });

  it('the daemon refused at boot by its configuration: the interleaved rounds stop at once with its reason', async () => {
    const refused = [DAEMON, '--profile', 'test', '--set', 'timeouts.stepMs=soon'];
    const error = await startFailureOf(measureStartupInterleaved([READY_AND_WAITING, refused], 2));
    expect(error.code).toBe('exited-before-ready');
    expect(error.program).toBe(refused.join(' '));
    expect(error.end?.code).toBe(78);
    expect(error.stderrTail).toContain('timeouts.stepMs: expected a positive integer (ms), got "soon"');
  });
});

describe('a program that cannot be started', () => {
  it('refused by spawn itself (arguments too long) fails as spawn-failed, its name cut short', async () => {
    const error = await startFailureOf(startOnce(inline(`// ${'x'.repeat(200_000)}`)));
    expect(error.code).toBe('spawn-failed');
    expect(error.message).toContain('E2BIG');
    expect(error.program.length).toBeLessThan(300);
  });

  it('refused when spawned (its folder is gone) fails as spawn-failed, not at the timeout', async () => {
    const gone = mkdtempSync(join(tmpdir(), 'bench-gone-'));
    rmSync(gone, { recursive: true });
    const error = await startFailureOf(
      startUntilReady(READY_AND_WAITING, { timeoutMs: 60_000, cwd: gone, readyOf: () => true }),
    );
    expect(error.code).toBe('spawn-failed');
    expect(error.message).toContain('ENOENT');
  });
});
