/**
 * A pseudo-terminal pair made by socat (a Debian package; .ci/run installs it): what one end
 * writes, the other reads, as over a null-modem serial cable. The demo start command puts a
 * byte-level emulator on one end and the real driver on the other; tests do the same, and
 * `close()` (which kills this socat by its pid) is how a test pulls the cable.
 * Used by the cash dispenser and the ID reader; it would sit well in common/.
 */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ErrorCode, KioskError } from '@kiosk/domain';

export interface PtyPair {
  /** the end the driver opens */
  readonly hostPath: string;
  /** the end the emulator opens */
  readonly devicePath: string;
  close(): Promise<void>;
}

export async function createSocatPtyPair(): Promise<PtyPair> {
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
    const timer = setTimeout(() => {
      socat.kill('SIGTERM');
      reject(new KioskError(ErrorCode.DEVICE_OFFLINE, 'socat did not start a pseudo-terminal pair.'));
    }, 5_000);
    socat.once('error', (e) => {
      clearTimeout(timer);
      reject(
        new KioskError(ErrorCode.DEVICE_OFFLINE, 'socat is not installed or cannot start.', {}, { cause: e }),
      );
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
