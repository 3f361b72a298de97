/**
 * The built fleet monitor as a real process: it prints its ready line with the port it bound,
 * answers GET /health through terminus, and ends with exit code 0 on SIGTERM and on SIGINT.
 * Needs `npx tsc -b fleet-monitor` first (the root `npm test` builds).
 */
import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const MAIN = fileURLToPath(new URL('../dist/main.js', import.meta.url));
const started: ChildProcess[] = [];

afterEach(() => {
  for (const child of started.splice(0))
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
});

/** Starts the monitor and resolves with its process and the URL from its ready line. */
async function startMonitor(
  ...args: string[]
): Promise<{ child: ChildProcess; url: string; stderr: () => string }> {
  const child = spawn(process.execPath, [MAIN, '--mqtt-port', '0', '--db', ':memory:', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  started.push(child);
  let stderr = '';
  child.stderr!.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const lines = createInterface({ input: child.stdout! });
  const exited = once(child, 'exit').then(([code]) => {
    throw new Error(`fleet monitor exited (${String(code)}) before it was ready: ${stderr}`);
  });
  const ready = (async () => {
    for await (const line of lines) {
      const message = JSON.parse(line) as { event?: string; url?: string };
      if (message.event === 'ready' && message.url !== undefined) return message.url;
    }
    throw new Error('stdout closed without a ready line');
  })();
  const url = await Promise.race([ready, exited]);
  return { child, url, stderr: () => stderr };
}

async function stop(
  child: ChildProcess,
  signal: NodeJS.Signals,
): Promise<{ code: number | null; signal: string | null }> {
  const exit = once(child, 'exit');
  child.kill(signal);
  const [code, by] = (await exit) as [number | null, string | null];
  return { code, signal: by };
}

describe('fleet monitor process', () => {
  // each test starts the monitor process and stops it: seconds on a loaded machine, not Jest's 15 s
  jest.setTimeout(30_000);
  it('answers GET /health with status ok, then exits 0 on SIGTERM', async () => {
    const { child, url, stderr } = await startMonitor('--port', '0');
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:(\d+)$/);
    expect(url).not.toMatch(/:0$/);

    const response = await fetch(`${url}/health`);
    expect(response.status).toBe(200);
    expect(await response.json()).toMatchObject({ status: 'ok', info: { memoryHeap: { status: 'up' } } });

    expect(await stop(child, 'SIGTERM')).toEqual({ code: 0, signal: null });
    expect(stderr()).toBe('');
  });

  it('exits 0 on SIGINT (Ctrl+C) too', async () => {
    const { child } = await startMonitor('--port', '0');
    expect(await stop(child, 'SIGINT')).toEqual({ code: 0, signal: null });
  });

  it('answers 404 for a path it does not serve, and keeps running', async () => {
    const { child, url } = await startMonitor('--port', '0');
    expect((await fetch(`${url}/nowhere`)).status).toBe(404);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    expect(await stop(child, 'SIGTERM')).toEqual({ code: 0, signal: null });
  });

  it('bad --port: exits 64 with a usage line, without listening', async () => {
    const child = spawn(process.execPath, [MAIN, '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] });
    started.push(child);
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const [code] = (await once(child, 'exit')) as [number | null];
    expect(code).toBe(64);
    expect(stderr).toContain('--port expects a number 0–65535');
    expect(stderr).toContain('usage: fleet-monitor [--port N] [--host ADDRESS]');
  });
});
