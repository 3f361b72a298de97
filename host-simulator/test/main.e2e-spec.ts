/** Runs the built standalone host simulator as its own process and talks to it over HTTP. */
import { afterEach, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));

describe('standalone host simulator (dist/main.js)', () => {
  let child: ChildProcess | undefined;
  afterEach(async () => {
    if (child && child.exitCode === null) {
      child.kill('SIGTERM');
      await once(child, 'exit');
    }
  });

  it('prints a JSON ready line, serves authenticated requests and stops on SIGTERM', async () => {
    child = spawn(
      process.execPath,
      [MAIN, '--port', '0', '--residents', '10', '--kiosk-key', 'JZ-0001=e2e-key-0001'],
      {
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    const lines = createInterface({ input: child.stdout! });
    const [line] = (await once(lines, 'line')) as [string];
    const ready = JSON.parse(line) as { event: string; url: string };
    expect(ready.event).toBe('ready');
    expect(ready.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);

    const ok = await fetch(`${ready.url}/v1/cards/H41080000101`, {
      headers: { 'x-kiosk-id': 'JZ-0001', authorization: 'Bearer e2e-key-0001' },
    });
    expect(ok.status).toBe(200);
    const refused = await fetch(`${ready.url}/v1/cards/H41080000101`);
    expect(refused.status).toBe(401);

    child.kill('SIGTERM');
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(0);
  }, 30_000); // a process start and stop beside a loaded CI run, not Jest's 15 s

  it('refuses to start without a kiosk key, saying why on stderr', async () => {
    child = spawn(process.execPath, [MAIN, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    let stderr = '';
    child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(2);
    expect(JSON.parse(stderr.trim())).toMatchObject({
      event: 'error',
      message: expect.stringContaining('--kiosk-key'),
    });
  });
});
