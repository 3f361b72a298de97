/**
 * The fleet monitor process with a large-fleet configuration it cannot reach: a PostgreSQL store
 * that refuses connections, an external broker that is not there. Each stops start-up with exit
 * 69 (service unavailable) and a line naming what and where, never a half-started monitor; a
 * credential file that does not read stops it with exit 78 (configuration) the same way. Each
 * fault is that one line on stderr: no Nest stack trace in front of it.
 */
import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
jest.setTimeout(30_000);

let dir: string;
let closedPort: number;
beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'fleet-unreachable-'));
  writeFileSync(join(dir, 'monitor.password'), 'monitor-secret\n');
  // a port nothing listens on: bound, then let go
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  closedPort = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function run(args: string[]): Promise<{ code: number | null; stderr: string }> {
  const child = spawn(process.execPath, [MAIN, '--port', '0', ...args], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const [code] = (await once(child, 'exit')) as [number | null];
  return { code, stderr };
}

/** the whole of stderr is the one line, no stack frame (`    at ...`) and no Nest log line */
function expectOneLine(stderr: string): void {
  expect(stderr).not.toMatch(/^\s+at /m);
  expect(stderr).not.toContain('[Nest]');
  expect(stderr).not.toContain('ExceptionHandler');
  expect(stderr.trimEnd().split('\n')).toHaveLength(1);
}

describe('a large-fleet configuration the monitor cannot reach', () => {
  it('PostgreSQL refusing connections: exit 69, naming the store without its password', async () => {
    const { code, stderr } = await run(['--db', `postgres://fleet:s3cret@127.0.0.1:${closedPort}/fleet`]);
    expect(code).toBe(69);
    expect(stderr).toContain(
      `fleet-monitor: cannot open the PostgreSQL store at postgres://fleet@127.0.0.1:${closedPort}/fleet`,
    );
    expect(stderr).not.toContain('s3cret');
    expectOneLine(stderr);
  });

  it('external broker not there: exit 69, naming the broker and the user', async () => {
    const { code, stderr } = await run([
      '--db',
      ':memory:',
      '--broker',
      `mqtt://127.0.0.1:${closedPort}`,
      '--broker-user',
      'fleet-monitor',
      '--broker-password-file',
      join(dir, 'monitor.password'),
    ]);
    expect(code).toBe(69);
    expect(stderr).toContain(
      `fleet-monitor: cannot connect to the broker at mqtt://127.0.0.1:${closedPort} as fleet-monitor`,
    );
    expect(stderr).not.toContain('monitor-secret');
    expectOneLine(stderr);
  });

  it('broker password file missing: exit 78, naming the file, no stack trace', async () => {
    const missing = join(dir, 'no-such.password');
    const { code, stderr } = await run([
      '--db',
      ':memory:',
      '--broker',
      `mqtt://127.0.0.1:${closedPort}`,
      '--broker-user',
      'fleet-monitor',
      '--broker-password-file',
      missing,
    ]);
    expect(code).toBe(78);
    expect(stderr).toContain(`fleet-monitor: ${missing}: cannot read`);
    expectOneLine(stderr);
  });
});
