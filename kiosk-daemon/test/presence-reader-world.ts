/**
 * One e2e test's world on a reader without a motor: pcscd with vpcd's reader as a plain one, the
 * card's contacts (the resident's hand puts a virtual card on them), the bundled daemon on it
 * (`onPresenceReader`) in a folder of its own, and a UI connection; all stopped after each test of
 * the calling describe, the daemon by its id, which must exit with code 0.
 */
import { afterEach, expect } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PcscdProcess, VpcdCardLink } from '@kiosk/device-drivers';
import { startDaemon, type DaemonProcess } from './daemon-process.js';
import { PCSCD_LOCK_TIMEOUT_MS, readerState } from './daemon-on-pcscd-without-reader.js';
import { daemonStart } from './kill-harness-world.js';
import { onPresenceReader } from './presence-reader-rig.js';
import { UiClient } from './ui-client.js';

export interface PresenceReaderWorld {
  /** the daemon's folder (its journal) */
  readonly own: string;
  readonly rig: PcscdProcess;
  readonly card: VpcdCardLink;
  readonly daemon: DaemonProcess;
  readonly client: UiClient;
}

/**
 * Registers the stop after each test; `start` brings the world up (`args` after the presence
 * reader's) and resolves once the reader is online and the balance journey offered.
 */
export function presenceReaderWorld(prefix: string): {
  start(args?: readonly string[]): Promise<PresenceReaderWorld>;
} {
  let dir: string | undefined;
  let pcscd: PcscdProcess | undefined;
  let contacts: VpcdCardLink | undefined;
  let daemon: DaemonProcess | undefined;
  let ui: UiClient | undefined;
  afterEach(async () => {
    ui?.close();
    const code = daemon ? await daemon.stop() : 0;
    await contacts?.close();
    await pcscd?.stop();
    if (dir) rmSync(dir, { recursive: true, force: true });
    [ui, daemon, contacts, pcscd, dir] = [undefined, undefined, undefined, undefined, undefined];
    expect(code).toBe(0);
  }, 30_000);
  return {
    async start(args = []) {
      const own = (dir = mkdtempSync(join(tmpdir(), prefix)));
      const rig = (pcscd = await PcscdProcess.start({ lockTimeoutMs: PCSCD_LOCK_TIMEOUT_MS }));
      const card = (contacts = new VpcdCardLink({ port: rig.basePort }));
      const started = (daemon = await startDaemon([...onPresenceReader(), ...args], daemonStart(own)));
      const client = (ui = new UiClient(started.url));
      await client.connected();
      await client.waitForKiosk(
        (k) => readerState(k) === 'online' && k.journeysOffered.includes('balance'),
        20_000,
      );
      return { own, rig, card, daemon: started, client };
    },
  };
}
