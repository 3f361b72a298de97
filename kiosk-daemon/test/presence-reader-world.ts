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
import { createDemoCards, InMemoryCardStore, PcscdProcess, VpcdCardLink } from '@kiosk/device-drivers';
import { DEMO_RESIDENTS } from '@kiosk/domain';
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
  /**
   * The daemon killed (SIGKILL: a crash or a power cut, the card left where it is) and started
   * again on the same folder and arguments; resolves once the reader is online again.
   */
  crashAndRestart(): Promise<PresenceReaderWorld>;
} {
  let started: { readonly args: string[]; readonly world: PresenceReaderWorld } | undefined;
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
      const all = [...onPresenceReader(), ...args];
      const running = (daemon = await startDaemon(all, daemonStart(own)));
      const client = (ui = new UiClient(running.url));
      await client.connected();
      await client.waitForKiosk(
        (k) => readerState(k) === 'online' && k.journeysOffered.includes('balance'),
        20_000,
      );
      started = { args: all, world: { own, rig, card, daemon: running, client } };
      return started.world;
    },
    async crashAndRestart() {
      if (!started || !daemon) throw new Error('the presence reader world was not started');
      ui?.close();
      await daemon.stop('SIGKILL');
      const running = (daemon = await startDaemon(started.args, daemonStart(started.world.own)));
      const client = (ui = new UiClient(running.url));
      await client.connected();
      await client.waitForKiosk((k) => readerState(k) === 'online', 20_000);
      started = { args: started.args, world: { ...started.world, daemon: running, client } };
      return started.world;
    },
  };
}

/**
 * zhang puts the card in for a balance, cancels at PIN entry and walks away: the card handed back
 * to the slot and not taken; resolves with the session's ended view.
 */
export async function cardNotTakenFromSlot(
  world: Pick<PresenceReaderWorld, 'card' | 'client'>,
): ReturnType<UiClient['waitForSession']> {
  const { card, client } = world;
  const zhang = DEMO_RESIDENTS.find((r) => r.key === 'zhang')!;
  await client.emit('session.start', { journey: 'balance' });
  await client.waitForSession((v) => v?.step === 'insertCard');
  // the resident puts the card in the plain reader: pcscd sees it, the daemon reads it
  await card.attach(createDemoCards({ store: new InMemoryCardStore() }).open(zhang.key)!);
  await client.waitForSession((v) => v?.step === 'enterPin', 20_000);
  // the resident gives up and walks away: the card handed back to the slot, not taken
  await client.emit('session.command', { command: 'cancel' });
  await client.waitForSession((v) => v?.step === 'takeCard', 20_000);
  return client.waitForSession((v) => v?.step === 'ended', 20_000);
}
