/**
 * A pseudo-terminal pair made by socat (installed by .ci/run): what one end writes, the other
 * reads, as over a null-modem serial cable. `close()` kills this socat by its pid, which is also
 * how a test pulls the cable. Shared by the serial device tests (cash dispenser, ID reader).
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface PtyPair {
  /** the end the driver opens */
  readonly hostPath: string;
  /** the end the emulator opens */
  readonly devicePath: string;
  close(): Promise<void>;
}

export async function createPtyPair(): Promise<PtyPair> {
  const dir = await mkdtemp(join(tmpdir(), 'kiosk-pty-'));
  const hostPath = join(dir, 'host');
  const devicePath = join(dir, 'device');
  const socat = spawn(
    'socat',
    ['-d', '-d', `pty,raw,echo=0,link=${hostPath}`, `pty,raw,echo=0,link=${devicePath}`],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  const exited = new Promise<void>((resolve) => socat.once('exit', () => resolve()));
  await new Promise<void>((resolve, reject) => {
    let log = '';
    const timer = setTimeout(() => reject(new Error(`socat did not start: ${log}`)), 5_000);
    socat.once('error', (e) => {
      clearTimeout(timer);
      reject(e);
    });
    socat.stderr.on('data', (chunk: Buffer) => {
      log += chunk.toString();
      if (log.includes('starting data transfer loop')) {
        clearTimeout(timer);
        resolve();
      }
    });
  });
  let closed = false;
  return {
    hostPath,
    devicePath,
    async close() {
      if (!closed && socat.pid !== undefined && socat.exitCode === null) process.kill(socat.pid, 'SIGTERM');
      closed = true;
      await exited;
      await rm(dir, { recursive: true, force: true });
    },
  };
}
